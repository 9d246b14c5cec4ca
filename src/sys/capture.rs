//! Standard output kept in memory for a command substitution that runs in the shell process
//! (`exec::virtual_subshell`): while only the shell itself writes (builtins, functions),
//! what it writes to fd 1 is appended to a buffer, without a system call. The first thing
//! that could see fd 1 itself — a process started or forked, a redirection or `dup` of fd 1,
//! a question about it (`test -t 1`), the name `/dev/stdout` — makes it real first
//! ([`touch`]): an anonymous file holding what was written so far replaces fd 1
//! until the substitution ends, and the rest goes there (see `fd.rs`, `io.rs`, `process.rs`,
//! which call the hooks; the same places give read-ahead back, see `readahead.rs`).
//!
//! One level per substitution being run, innermost last; only the innermost can be in
//! memory while it runs, and a check of one atomic flag tells the writers.

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fd::Token;

/// The innermost level is in memory: writes to fd 1 go to its buffer.
static IN_MEMORY: AtomicBool = AtomicBool::new(false);

enum Level {
    /// What was written so far; `overflow` once memory ran out.
    Memory { buf: Vec<u8>, overflow: bool },
    /// fd 1 is `file` now; `saved` is the fd 1 of before (`None`: it was closed). Both are
    /// the shell's own (`fd::own`): a script's `>&N` cannot reach them.
    Real { file: Token, saved: Option<Token> },
}

thread_local! {
    static LEVELS: RefCell<Vec<Level>> = const { RefCell::new(Vec::new()) };
}

/// Starts capturing fd 1. `false`, with nothing started, when fd 1 is closed: a descriptor
/// the shell opens could then take number 1, so the caller makes the file real at once.
pub fn begin() -> bool {
    // Under a level in memory fd 1 is known to be open (nothing has touched it); else ask
    // without the hooks, which would make that level real.
    // SAFETY: F_GETFD has no argument and no side effect.
    if !IN_MEMORY.load(Ordering::Relaxed) && unsafe { libc::fcntl(1, libc::F_GETFD) } < 0 {
        return false;
    }
    LEVELS.with(|l| l.borrow_mut().push(Level::Memory { buf: Vec::new(), overflow: false }));
    IN_MEMORY.store(true, Ordering::Relaxed);
    true
}

/// Starts capturing fd 1 in a file at once (see [`begin`]). `Err` when no file could be
/// made, with nothing started.
pub fn begin_real() -> io::Result<()> {
    let level = make_real(&[])?;
    LEVELS.with(|l| l.borrow_mut().push(level));
    IN_MEMORY.store(false, Ordering::Relaxed);
    Ok(())
}

/// Ends the innermost capture: what was written (`None` when it did not fit in memory), with
/// fd 1 as it was before [`begin`].
pub fn end() -> Option<Vec<u8>> {
    let level = LEVELS.with(|l| {
        let mut l = l.borrow_mut();
        let level = l.pop().expect("a capture was begun");
        IN_MEMORY.store(matches!(l.last(), Some(Level::Memory { .. })), Ordering::Relaxed);
        level
    });
    match level {
        Level::Memory { overflow: true, .. } => None,
        Level::Memory { buf, .. } => Some(buf),
        Level::Real { file, saved } => {
            let file = super::fd::disown(file);
            let saved = saved.map(super::fd::disown);
            // SAFETY: dup2/close on descriptors this module made and owns (`saved`, `file`),
            // and on fd 1, which it replaced.
            unsafe {
                match saved {
                    Some(fd) => {
                        libc::dup2(fd, 1);
                        libc::close(fd);
                    }
                    None => {
                        libc::close(1);
                    }
                }
            }
            let mut out = Vec::new();
            let read = super::fd::read_whole_file(file, &mut out);
            // SAFETY: `file` was made by `make_real` and is owned here.
            unsafe { libc::close(file) };
            match read {
                Err(e) if e.raw_os_error() == Some(libc::ENOMEM) => None,
                _ => Some(out),
            }
        }
    }
}

/// Writes `buf` to fd 1 when fd 1 is in memory: `true` when it was taken here.
#[inline]
pub fn write(fd: i32, buf: &[u8]) -> bool {
    if fd != 1 || !IN_MEMORY.load(Ordering::Relaxed) {
        return false;
    }
    LEVELS.with(|l| {
        if let Some(Level::Memory { buf: kept, overflow }) = l.borrow_mut().last_mut() {
            if kept.try_reserve(buf.len()).is_ok() {
                kept.extend_from_slice(buf);
            } else {
                *overflow = true;
            }
        }
    });
    true
}

/// Before an operation on `fd` that sees the descriptor itself: fd 1 becomes real.
#[inline]
pub fn touch(fd: i32) {
    if fd == 1 && IN_MEMORY.load(Ordering::Relaxed) {
        make_innermost_real();
    }
}

/// Before a process is started, forked or replaced: fd 1 becomes real.
#[inline]
pub fn touch_all() {
    if IN_MEMORY.load(Ordering::Relaxed) {
        make_innermost_real();
    }
}

/// Opening `path` while a substitution captures fd 1: a name of fd 1 (`/dev/stdout`,
/// `/dev/fd/1`, `/proc/self/fd/1`) gives a copy of fd 1 instead (`Some`), as opening the
/// pipe of a forked substitution would share it: opened anew, the file in memory would be
/// truncated and written from its start, over what was written before.
#[inline]
pub fn open_stdout_alias(path: &[u8]) -> Option<io::Result<i32>> {
    if !matches!(path, b"/dev/stdout" | b"/dev/fd/1" | b"/proc/self/fd/1") {
        return None;
    }
    if LEVELS.with(|l| l.borrow().is_empty()) {
        return None;
    }
    touch_all();
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on fd 1 gives a new descriptor the caller owns.
    let fd = unsafe { libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 0) };
    Some(if fd < 0 { Err(io::Error::last_os_error()) } else { Ok(fd) })
}

#[cold]
fn make_innermost_real() {
    LEVELS.with(|l| {
        let mut l = l.borrow_mut();
        let Some(top) = l.last_mut() else { return };
        let Level::Memory { buf, .. } = top else { return };
        // On failure (no descriptor left) the level stays in memory: a program started now
        // writes to the shell's own output, where a forked substitution could not even start.
        if let Ok(real) = make_real(buf) {
            *top = real;
            IN_MEMORY.store(false, Ordering::Relaxed);
        }
    });
}

/// An anonymous file holding `written`, made fd 1, with the old fd 1 kept above 10.
fn make_real(written: &[u8]) -> io::Result<Level> {
    let file = super::fd::memory_file().or_else(|_| super::fd::temp_file())?;
    let file = match move_high(file) {
        Ok(f) => f,
        Err(e) => {
            // SAFETY: closing the descriptor just made.
            unsafe { libc::close(file) };
            return Err(e);
        }
    };
    if !written.is_empty() && super::fd::try_write_all(file, written).is_err() {
        // SAFETY: closing the descriptor just made.
        unsafe { libc::close(file) };
        return Err(io::Error::from_raw_os_error(libc::ENOSPC));
    }
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on fd 1 fails (closed) or gives a new descriptor >= 10
    // owned here; dup2 puts the file on fd 1.
    let saved = unsafe { libc::fcntl(1, libc::F_DUPFD_CLOEXEC, super::fd::SHELL_FD_BASE) };
    let saved = (saved >= 0).then_some(saved);
    // SAFETY: both are open descriptors; dup2 replaces fd 1.
    if unsafe { libc::dup2(file, 1) } < 0 {
        let e = io::Error::last_os_error();
        // SAFETY: closing descriptors made here.
        unsafe {
            libc::close(file);
            if let Some(s) = saved {
                libc::close(s);
            }
        }
        return Err(e);
    }
    Ok(Level::Real { file: super::fd::own(file), saved: saved.map(super::fd::own) })
}

fn move_high(fd: i32) -> io::Result<i32> {
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on an open descriptor; the old one is closed after.
    let high = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, super::fd::SHELL_FD_BASE) };
    if high < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was made by the caller and is not used after.
    unsafe { libc::close(fd) };
    Ok(high)
}
