//! A pipe read to its end, into memory, by a thread of the shell: fd 1 of a command
//! substitution that runs in the shell process once a program shares it (`sys::capture`).
//!
//! The thread is kept apart from everything the shell does:
//! - it starts with every signal blocked, so signals keep reaching the main thread only;
//! - it unshares the descriptor table and closes all but its read end before the shell goes
//!   on (the shell waits for that), and the shell closes its own copy of the read end: no
//!   number a script can name (`exec 12>file`) is the thread's, no copy of the write end in
//!   the thread keeps the pipe open, and no child of the shell inherits the read end;
//! - it only reads and grows a `Vec` (malloc, which glibc keeps safe across `fork`); a fork
//!   of the shell copies the main thread alone, and the child forgets the thread
//!   ([`Drain::forget`]).

use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Small: the thread only loops on `read`.
const STACK: usize = 64 * 1024;
/// Room made for each read.
const CHUNK: usize = 16 * 1024;

/// The thread reading a pipe; [`Drain::finish`] gives what it read.
pub struct Drain {
    /// What was read, `None` when it did not fit in memory.
    thread: JoinHandle<Option<Vec<u8>>>,
}

/// A pipe whose read end a new thread reads until every write end is closed: the write end
/// (close-on-exec, at the lowest free number) and the thread.
pub fn start() -> io::Result<(i32, Drain)> {
    let (r, w) = super::fd::pipe()?;
    let (ready_tx, ready) = mpsc::sync_channel::<bool>(1);
    let mask = super::signal::block_all();
    let spawned = std::thread::Builder::new().stack_size(STACK).spawn(move || {
        let apart = keep_only(r);
        let _ = ready_tx.send(apart);
        if !apart {
            return Some(Vec::new());
        }
        let out = read_to_end(r);
        // SAFETY: `r` is the only descriptor of this thread's own table.
        unsafe { libc::close(r) };
        out
    });
    super::signal::set_mask(&mask);
    let apart = spawned.as_ref().is_ok_and(|_| ready.recv().unwrap_or(false));
    // The thread has its own copy of `r` now (or there is no thread).
    // SAFETY: closing the read end made above, which the shell does not use.
    unsafe { libc::close(r) };
    match spawned {
        Ok(thread) if apart => Ok((w, Drain { thread })),
        failed => {
            // SAFETY: closing the write end made above.
            unsafe { libc::close(w) };
            if let Ok(thread) = failed {
                let _ = thread.join();
            }
            Err(io::Error::from_raw_os_error(libc::EAGAIN))
        }
    }
}

impl Drain {
    /// Waits until every write end is closed (the shell closes its own first; programs
    /// started in the background may keep one, as in bash, which waits for them too) and
    /// gives what was read; `None` when it did not fit in memory.
    pub fn finish(self) -> Option<Vec<u8>> {
        self.thread.join().unwrap_or(None)
    }

    /// In a child forked from the shell, where the thread does not exist.
    pub fn forget(self) {
        std::mem::forget(self.thread);
    }
}

/// In the new thread: a descriptor table of its own holding only `r`.
fn keep_only(r: i32) -> bool {
    // SAFETY: close_range with CLOSE_RANGE_UNSHARE first gives this thread a private copy of
    // the descriptor table (as unshare(CLONE_FILES)), then closes descriptors of that copy
    // only: the shell's are untouched.
    unsafe {
        let above = (r + 1) as u32;
        if libc::syscall(libc::SYS_close_range, above, u32::MAX, libc::CLOSE_RANGE_UNSHARE) != 0 {
            return false;
        }
        r == 0 || libc::syscall(libc::SYS_close_range, 0u32, (r - 1) as u32, 0u32) == 0
    }
}

/// Reads `r` to its end. When memory runs out, the rest is read and dropped (the writers
/// must not block, and the shell itself may be one of them: closing the pipe would kill it
/// with SIGPIPE).
fn read_to_end(r: i32) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let mut fits = true;
    let mut scratch = [0u8; 512];
    loop {
        if fits && out.capacity() - out.len() < CHUNK && out.try_reserve(CHUNK.max(out.len())).is_err() {
            fits = false;
            out = Vec::new();
        }
        let n = if fits {
            let spare = out.spare_capacity_mut();
            // SAFETY: `spare` is writable memory of `spare.len()` bytes; read fills a prefix.
            unsafe { libc::read(r, spare.as_mut_ptr().cast(), spare.len()) }
        } else {
            // SAFETY: `scratch` is writable memory of its length.
            unsafe { libc::read(r, scratch.as_mut_ptr().cast(), scratch.len()) }
        };
        if n < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
            continue;
        }
        if n <= 0 {
            break;
        }
        if fits {
            // SAFETY: read initialised `n` more bytes after the current length.
            unsafe { out.set_len(out.len() + n as usize) };
        }
    }
    fits.then_some(out)
}
