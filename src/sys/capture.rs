//! Standard output kept in memory for a command substitution that runs in the shell process
//! (`exec::virtual_subshell`): while only the shell itself writes (builtins, functions),
//! what it writes to fd 1 is appended to a buffer, without a system call. The first thing
//! that could see fd 1 itself — a process started or forked, a redirection or `dup` of fd 1,
//! a question about it (`test -t 1`), the name `/dev/stdout` — makes it real first
//! ([`touch`]): a pipe replaces fd 1 until the substitution ends, read by a thread of the
//! shell (`sys::drain`), and the rest goes there (see `fd.rs`, `io.rs`, `process.rs`, which
//! call the hooks; the same places give read-ahead back, see `readahead.rs`). What was kept
//! in memory before comes first in the result.
//!
//! Why a pipe: a program may open `/dev/stdout` itself (`sh -c 'echo b >/dev/stdout'`,
//! `tee /dev/stdout`); on a pipe that shares the stream, as in bash and dash, where a file
//! (the design before) was truncated and written over from its start. Why a thread reads
//! it: the shell writes to that pipe too (builtins, `echo x >&2` under `2>&1`, `exec 3>&1`)
//! and must never block on a full pipe (64 KiB), nor can it stop at every write to drain.
//! The other way weighed was to go on with the rest of the substitution in a forked child
//! whose fd 1 is the pipe, the shell reading it (as `exec::virtual_subshell::need_process`
//! does for `$!`-like needs): simple, but a fork of the whole shell for every substitution
//! mixing builtins and programs, and the hooks here cannot unwind the shell to where the
//! substitution began (a `dup2` of fd 1 deep in a redirection). Measured on
//! `for i in $(seq 2000); do x=$(echo a; /bin/true); done`, the thread costs less than that
//! fork (see the commit). When no thread can be started (`ulimit -u`), an anonymous file in
//! memory is fd 1 instead, as before: only a program opening `/dev/stdout` anew misbehaves.
//!
//! One level per substitution being run, innermost last; only the innermost can be in
//! memory while it runs, and a check of one atomic flag tells the writers.

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use super::drain::{self, Drain};
use super::fd::Token;

/// The innermost level is in memory: writes to fd 1 go to its buffer.
static IN_MEMORY: AtomicBool = AtomicBool::new(false);

enum Level {
    /// What was written so far; `overflow` once memory ran out.
    Memory { buf: Vec<u8>, overflow: bool },
    /// fd 1 is a copy of `out` now; `saved` is the fd 1 of before (`None`: it was closed).
    /// Both are the shell's own (`fd::own`): a script's `>&N` cannot reach them. `kept` is
    /// what was written before, in memory (`None`: memory ran out).
    Real { out: Token, saved: Option<Token>, kept: Option<Vec<u8>>, reader: Reader },
}

/// Who reads what goes to fd 1 once it is real.
enum Reader {
    /// `out` is a pipe's write end; the thread reads the other end.
    Thread(Drain),
    /// `out` is a file (no thread could be started), read whole at the end.
    File,
    /// In a child forked from the shell: the reader is the shell's, the level is not ended
    /// here.
    Parent,
}

thread_local! {
    static LEVELS: RefCell<Vec<Level>> = const { RefCell::new(Vec::new()) };
}

/// Starts capturing fd 1. `false`, with nothing started, when fd 1 is closed: a descriptor
/// the shell opens could then take number 1, so the caller makes fd 1 real at once.
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

/// Starts capturing fd 1 with fd 1 real at once (see [`begin`]). `Err` when no pipe nor
/// file could be made, with nothing started.
pub fn begin_real() -> io::Result<()> {
    let level = make_real(Some(Vec::new())).map_err(|(e, _)| e)?;
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
        Level::Real { out, saved, kept, reader } => {
            let out = super::fd::disown(out);
            let saved = saved.map(super::fd::disown);
            // SAFETY: dup2/close on descriptors this module made and owns (`saved`), and on
            // fd 1, which it replaced.
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
            let read = match reader {
                Reader::Thread(drain) => {
                    // Closed first: the thread reads until no write end is left.
                    // SAFETY: `out` is the write end made by `make_real`, owned here.
                    unsafe { libc::close(out) };
                    drain.finish()
                }
                Reader::File => {
                    let mut read = Vec::new();
                    let r = super::fd::read_whole_file(out, &mut read);
                    // SAFETY: `out` was made by `make_real` and is owned here.
                    unsafe { libc::close(out) };
                    match r {
                        Err(e) if e.raw_os_error() == Some(libc::ENOMEM) => None,
                        _ => Some(read),
                    }
                }
                Reader::Parent => Some(Vec::new()),
            };
            let mut kept = kept?;
            let read = read?;
            if kept.is_empty() {
                return Some(read);
            }
            kept.try_reserve(read.len()).ok()?;
            kept.extend_from_slice(&read);
            Some(kept)
        }
    }
}

/// In a child just forked from the shell: the threads reading the levels made real are the
/// shell's, not this process's.
pub fn after_fork() {
    LEVELS.with(|l| {
        for level in l.borrow_mut().iter_mut() {
            if let Level::Real { reader, .. } = level
                && let Reader::Thread(drain) = std::mem::replace(reader, Reader::Parent)
            {
                drain.forget();
            }
        }
    });
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
        let Level::Memory { buf, overflow } = top else { return };
        // On failure (no descriptor left) the level stays in memory: a program started now
        // writes to the shell's own output, where a forked substitution could not even start.
        let kept = (!*overflow).then(|| std::mem::take(buf));
        match make_real(kept) {
            Ok(real) => {
                *top = real;
                IN_MEMORY.store(false, Ordering::Relaxed);
            }
            Err((_, kept)) => *buf = kept.unwrap_or_default(),
        }
    });
}

/// What was written before fd 1 became real (`None`: memory ran out).
type Kept = Option<Vec<u8>>;

/// A pipe read by a thread (or, failing that, an anonymous file) made fd 1, with the old
/// fd 1 kept above 10; `kept` is what was written before. On failure, `kept` comes back.
fn make_real(kept: Kept) -> Result<Level, (io::Error, Kept)> {
    let (out, reader) = match drain::start() {
        Ok((w, drain)) => (w, Reader::Thread(drain)),
        Err(_) => match super::fd::memory_file().or_else(|_| super::fd::temp_file()) {
            Ok(file) => (file, Reader::File),
            Err(e) => return Err((e, kept)),
        },
    };
    let fail = |fd: i32, e: io::Error, kept: Kept, reader: Reader| {
        // SAFETY: closing the descriptor just made.
        unsafe { libc::close(fd) };
        if let Reader::Thread(drain) = reader {
            drain.finish();
        }
        Err((e, kept))
    };
    let out = match move_high(out) {
        Ok(f) => f,
        Err(e) => return fail(out, e, kept, reader),
    };
    // A file holds what was kept first; a thread's output comes after `kept` at the end.
    let kept = match (&reader, kept) {
        (Reader::File, Some(kept)) if !kept.is_empty() => match super::fd::try_write_all(out, &kept) {
            Ok(()) => Some(Vec::new()),
            Err(_) => return fail(out, io::Error::from_raw_os_error(libc::ENOSPC), Some(kept), reader),
        },
        (_, kept) => kept,
    };
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on fd 1 fails (closed) or gives a new descriptor >= 10
    // owned here.
    let saved = unsafe { libc::fcntl(1, libc::F_DUPFD_CLOEXEC, super::fd::SHELL_FD_BASE) };
    let saved = (saved >= 0).then_some(saved);
    // SAFETY: both are open descriptors; dup2 replaces fd 1.
    if unsafe { libc::dup2(out, 1) } < 0 {
        let e = io::Error::last_os_error();
        if let Some(s) = saved {
            // SAFETY: closing the descriptor made here.
            unsafe { libc::close(s) };
        }
        return fail(out, e, kept, reader);
    }
    Ok(Level::Real { out: super::fd::own(out), saved: saved.map(super::fd::own), kept, reader })
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
