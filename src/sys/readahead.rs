//! Read-ahead for `read` on seekable input, kept from one `read` to the next.
//!
//! `read` must not consume input past its record: the rest belongs to whoever reads next. On
//! a seekable descriptor it reads a block, and the bytes it did not use wait here; the
//! descriptor's offset is then ahead of what the shell consumed, until [`sync`] seeks it back.
//! Everything that could see that offset syncs first: starting, forking or replacing a
//! process, leaving the shell, and this layer's operations on the descriptor (dup2, close,
//! dup, lseek, read; see `fd.rs`, `io.rs`, `process.rs`). So `while read` over a file costs a
//! read per block, not a read and two seeks a line (ksh93 does the same).
//!
//! One descriptor at a time; reads start small and grow while nothing syncs in between, so a
//! loop that starts a program each line does not read a large block to use one line of it.

use std::cell::RefCell;
use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;

/// The descriptor with bytes waiting, or -1: checked by every hook, so a plain atomic load.
static HELD_FD: AtomicI32 = AtomicI32::new(-1);

const FIRST_READ: usize = 128;
const MAX_READ: usize = 64 * 1024;

struct Ahead {
    buf: Vec<u8>,
    /// Bytes of `buf` read from the descriptor; `pos..len` are not consumed yet.
    len: usize,
    pos: usize,
    /// Size of the next read.
    next_read: usize,
}

thread_local! {
    static AHEAD: RefCell<Ahead> =
        const { RefCell::new(Ahead { buf: Vec::new(), len: 0, pos: 0, next_read: FIRST_READ }) };
}

/// Whether bytes of `fd` wait here (so it is known to be seekable).
pub fn holds(fd: i32) -> bool {
    fd >= 0 && HELD_FD.load(Ordering::Relaxed) == fd
}

/// Gives the waiting bytes back to their descriptor (seeks it back over them).
pub fn sync() {
    let fd = HELD_FD.load(Ordering::Relaxed);
    if fd < 0 {
        return;
    }
    HELD_FD.store(-1, Ordering::Relaxed);
    AHEAD.with(|a| {
        let mut a = a.borrow_mut();
        let unused = (a.len - a.pos) as libc::off_t;
        if unused > 0 {
            // SAFETY: lseek takes plain integers. If it fails the descriptor was closed or
            // replaced behind our back, and there is no offset left to mend.
            unsafe { libc::lseek(fd, -unused, libc::SEEK_CUR) };
        }
        a.len = 0;
        a.pos = 0;
        a.next_read = FIRST_READ;
    });
}

/// [`sync`] when `fd` is the descriptor with bytes waiting.
#[inline]
pub fn sync_fd(fd: i32) {
    if holds(fd) {
        sync();
    }
}

/// Offers the waiting bytes of `fd` to `take`, which returns how many it used when it needs
/// no more (`Some`), or `None` after using them all. Returns what `take` returned; `None` too
/// when nothing of `fd` was waiting.
pub fn consume<E>(fd: i32, take: impl FnOnce(&[u8]) -> Result<Option<usize>, E>) -> Result<Option<usize>, E> {
    if !holds(fd) {
        return Ok(None);
    }
    AHEAD.with(|a| {
        let mut a = a.borrow_mut();
        let (pos, len) = (a.pos, a.len);
        let used = take(&a.buf[pos..len])?;
        a.pos = used.map_or(len, |u| pos + u);
        Ok(used)
    })
}

/// Reads the next block of seekable `fd` into the buffer (after everything waiting was
/// consumed). `Ok(0)`: end of file.
pub fn fill(fd: i32) -> Result<usize, Errno> {
    let continuing = holds(fd);
    if !continuing {
        sync();
    }
    AHEAD.with(|a| {
        let mut a = a.borrow_mut();
        if !continuing {
            a.next_read = FIRST_READ;
        }
        if a.buf.len() < MAX_READ {
            a.buf.resize(MAX_READ, 0);
        }
        let want = a.next_read;
        let n = loop {
            // SAFETY: `buf` holds at least `want` writable bytes.
            let n = unsafe { libc::read(fd, a.buf.as_mut_ptr().cast(), want) };
            if n >= 0 {
                break n as usize;
            }
            match Errno::last() {
                Errno::EINTR => continue,
                e => {
                    HELD_FD.store(-1, Ordering::Relaxed);
                    a.len = 0;
                    a.pos = 0;
                    return Err(e);
                }
            }
        };
        a.len = n;
        a.pos = 0;
        a.next_read = (want * 2).min(MAX_READ);
        HELD_FD.store(if n > 0 { fd } else { -1 }, Ordering::Relaxed);
        Ok(n)
    })
}
