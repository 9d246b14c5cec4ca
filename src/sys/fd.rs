//! File descriptors: reading, writing, duplicating, moving the shell's own fds to 10 and above.
//!
//! Every function retries on EINTR where that is the right thing to do, and reports errors as
//! `std::io::Error` so callers can print `strerror`-style messages.

use std::ffi::CStr;
use std::io;

/// The lowest fd the shell uses for its own purposes (saved fds, script input, ...).
pub const SHELL_FD_BASE: i32 = 10;

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r) }
}

fn is_eintr(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::EINTR)
}

/// Writes all of `buf` to `fd`, retrying on EINTR and short writes. Errors (EPIPE where SIGPIPE
/// is ignored, EBADF, EFBIG) are dropped: the caller only learns whether it worked.
pub fn write_all(fd: i32, buf: &[u8]) -> bool {
    try_write_all(fd, buf).is_ok()
}

/// Like [`write_all`] but returns the error.
pub fn try_write_all(fd: i32, mut buf: &[u8]) -> io::Result<()> {
    if super::capture::write(fd, buf) {
        return Ok(());
    }
    while !buf.is_empty() {
        // SAFETY: `buf` is a valid, initialised slice for its whole length.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if is_eintr(&e) {
                continue;
            }
            return Err(e);
        }
        buf = &buf[n as usize..];
    }
    Ok(())
}

/// Reads into `buf` from `offset` without moving the file offset (pread), retrying on EINTR.
/// Fails on a pipe or a terminal (ESPIPE).
pub fn pread(fd: i32, buf: &mut [u8], offset: i64) -> io::Result<usize> {
    // SAFETY: `buf` is valid writable memory of `buf.len()` bytes.
    retry_eintr(|| unsafe { libc::pread(fd, buf.as_mut_ptr().cast(), buf.len(), offset) })
}

/// Runs a read-like call until it is not interrupted (EINTR); its count, or the error.
fn retry_eintr(mut call: impl FnMut() -> isize) -> io::Result<usize> {
    loop {
        let n = call();
        if n < 0 {
            let e = io::Error::last_os_error();
            if is_eintr(&e) {
                continue;
            }
            return Err(e);
        }
        return Ok(n as usize);
    }
}

/// Reads once into `buf`, retrying on EINTR. `Ok(0)` is end of file.
pub fn read(fd: i32, buf: &mut [u8]) -> io::Result<usize> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: `buf` is valid writable memory of `buf.len()` bytes.
    retry_eintr(|| unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) })
}

/// Reads until end of file, appending to `out`. `out` grows with fallible allocation: ENOMEM
/// when memory runs out (`ulimit -v`), instead of aborting the shell.
pub fn read_to_end(fd: i32, out: &mut Vec<u8>) -> io::Result<()> {
    let mut buf = [0u8; 16384];
    loop {
        let n = read(fd, &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        out.try_reserve(n).map_err(|_| io::Error::from_raw_os_error(libc::ENOMEM))?;
        out.extend_from_slice(&buf[..n]);
    }
}

/// A pipe whose both ends are close-on-exec: `(read, write)`.
pub fn pipe() -> io::Result<(i32, i32)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe2 to fill.
    cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) })?;
    Ok((fds[0], fds[1]))
}

/// `dup2(src, dst)`, retrying on EINTR. When `src == dst` it only clears close-on-exec, so a
/// redirection onto the same number still reaches the child.
pub fn dup2(src: i32, dst: i32) -> io::Result<()> {
    super::capture::touch(src);
    super::capture::touch(dst);
    super::readahead::sync_fd(src);
    super::readahead::sync_fd(dst);
    if src == dst {
        return set_cloexec(src, false);
    }
    loop {
        // SAFETY: dup2 only manipulates the fd table; invalid fds are reported as EBADF.
        match cvt(unsafe { libc::dup2(src, dst) }) {
            Ok(_) => return Ok(()),
            Err(e) if is_eintr(&e) || e.raw_os_error() == Some(libc::EBUSY) => continue,
            Err(e) => return Err(e),
        }
    }
}

thread_local! {
    /// The shell's own descriptors (script, terminal, saved copies): token and current number.
    static OWN: std::cell::RefCell<Vec<(u32, i32)>> = const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_TOKEN: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Names one of the shell's own descriptors across moves (see [`make_room`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token(u32);

/// Registers `fd`, one of the shell's own descriptors (at 10 or above): a redirection a script
/// makes to the same number moves it elsewhere first, and its owner finds it with [`current`].
pub fn own(fd: i32) -> Token {
    let t = NEXT_TOKEN.with(|n| {
        let t = n.get();
        n.set(t.wrapping_add(1).max(1));
        t
    });
    OWN.with(|o| o.borrow_mut().push((t, fd)));
    Token(t)
}

/// Where the descriptor registered as `t` is now (-1 if it is not registered).
pub fn current(t: Token) -> i32 {
    OWN.with(|o| o.borrow().iter().find(|e| e.0 == t.0).map_or(-1, |e| e.1))
}

/// `fd` is one of the shell's own registered descriptors (a script cannot name it: `>&N`).
pub fn is_own(fd: i32) -> bool {
    fd >= SHELL_FD_BASE && OWN.with(|o| o.borrow().iter().any(|e| e.1 == fd))
}

/// Forgets `t` and returns its descriptor (which the caller now closes or keeps).
pub fn disown(t: Token) -> i32 {
    OWN.with(|o| {
        let mut o = o.borrow_mut();
        match o.iter().position(|e| e.0 == t.0) {
            Some(i) => o.swap_remove(i).1,
            None => -1,
        }
    })
}

/// Before a redirection changes `fd`: if the shell uses that number itself (a script being
/// read, the terminal, the signal self-pipe, a saved copy), moves its own descriptor to
/// another number and closes `fd`, so `exec 10>file` cannot take the shell's script away.
pub fn make_room(fd: i32) -> io::Result<()> {
    if fd < SHELL_FD_BASE {
        return Ok(());
    }
    super::signal::move_self_pipe_from(fd)?;
    OWN.with(|o| {
        for e in o.borrow_mut().iter_mut().filter(|e| e.1 == fd) {
            e.1 = dup_high(fd, SHELL_FD_BASE)?;
            close(fd);
        }
        Ok(())
    })
}

/// Duplicates `fd` to the lowest free fd >= `min`, close-on-exec.
pub fn dup_high(fd: i32, min: i32) -> io::Result<i32> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: fcntl F_DUPFD_CLOEXEC takes an int argument and only touches the fd table.
    cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, min) })
}

/// Moves `fd` to >= `min` (close-on-exec) and closes the original.
pub fn move_high(fd: i32, min: i32) -> io::Result<i32> {
    super::capture::touch(fd);
    if fd >= min {
        set_cloexec(fd, true)?;
        return Ok(fd);
    }
    let new = dup_high(fd, min)?;
    close(fd);
    Ok(new)
}

pub fn close(fd: i32) {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: closing an fd we own (or an invalid one, which just fails with EBADF).
    unsafe {
        libc::close(fd);
    }
}

/// Whether `fd` is open.
pub fn is_open(fd: i32) -> bool {
    super::capture::touch(fd);
    // SAFETY: F_GETFD has no argument and no side effect.
    unsafe { libc::fcntl(fd, libc::F_GETFD) >= 0 }
}

pub fn set_cloexec(fd: i32, on: bool) -> io::Result<()> {
    super::capture::touch(fd);
    // SAFETY: F_GETFD/F_SETFD on an int fd; no memory is involved.
    unsafe {
        let flags = cvt(libc::fcntl(fd, libc::F_GETFD))?;
        let new = if on { flags | libc::FD_CLOEXEC } else { flags & !libc::FD_CLOEXEC };
        if new != flags {
            cvt(libc::fcntl(fd, libc::F_SETFD, new))?;
        }
    }
    Ok(())
}

/// Clears O_NONBLOCK (a program may have left it on a shared file description).
pub fn clear_nonblock(fd: i32) {
    super::capture::touch(fd);
    // SAFETY: F_GETFL/F_SETFL on an int fd; no memory is involved.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 && fl & libc::O_NONBLOCK != 0 {
            libc::fcntl(fd, libc::F_SETFL, fl & !libc::O_NONBLOCK);
        }
    }
}

pub fn set_nonblock(fd: i32) {
    super::capture::touch(fd);
    // SAFETY: F_GETFL/F_SETFL on an int fd; no memory is involved.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 {
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
    }
}

/// Opens `path` with `flags | O_CLOEXEC` (and `mode` when creating), retrying on EINTR.
pub fn open(path: &CStr, flags: i32, mode: u32) -> io::Result<i32> {
    if let Some(copy) = super::capture::open_stdout_alias(path.to_bytes()) {
        return copy;
    }
    loop {
        // SAFETY: `path` is a valid NUL-terminated string; mode is passed as the variadic int.
        match cvt(unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) }) {
            Err(e) if is_eintr(&e) => continue,
            r => return r,
        }
    }
}

/// `lseek`; fails with ESPIPE on pipes and terminals.
pub fn lseek(fd: i32, off: i64, whence: i32) -> io::Result<i64> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: lseek only reads its integer arguments.
    let r = unsafe { libc::lseek(fd, off as libc::off_t, whence) };
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r as i64) }
}

/// Whether `fd` refers to a regular file (for `set -C`: only regular files are protected).
pub fn is_regular(fd: i32) -> bool {
    super::capture::touch(fd);
    // SAFETY: `st` is a plain struct fstat fills; zeroed is a valid initial value.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFREG
    }
}

/// Whether `fd` refers to a directory.
pub fn is_dir(fd: i32) -> bool {
    super::capture::touch(fd);
    // SAFETY: `st` is a plain struct fstat fills; zeroed is a valid initial value.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFDIR
    }
}

/// Whether `fd` is a terminal.
pub fn isatty(fd: i32) -> bool {
    super::capture::touch(fd);
    // SAFETY: isatty only inspects the fd.
    unsafe { libc::isatty(fd) == 1 }
}

/// Waits until `fd` is readable or `timeout_ms` passes (-1: forever). EINTR returns false.
pub fn poll_readable(fd: i32, timeout_ms: i32) -> bool {
    super::capture::touch(fd);
    let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: `p` is one valid pollfd.
    unsafe { libc::poll(&mut p, 1, timeout_ms) > 0 }
}

/// The text of an OS error without Rust's " (os error N)" suffix, like `strerror`.
pub fn strerror(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            // SAFETY: strerror returns a pointer to a static (or thread-local) NUL-terminated
            // string, which we copy at once.
            let s = unsafe { CStr::from_ptr(libc::strerror(code)) };
            s.to_string_lossy().into_owned()
        }
        None => e.to_string(),
    }
}

/// An anonymous temporary file open for reading and writing (already unlinked), close-on-exec.
pub fn temp_file() -> io::Result<i32> {
    let dir = std::env::var_os("TMPDIR").unwrap_or_else(|| "/tmp".into());
    use std::os::unix::ffi::OsStrExt;
    let mut template = dir.as_bytes().to_vec();
    template.extend_from_slice(b"/chitin-heredoc-XXXXXX\0");
    // SAFETY: `template` is a writable NUL-terminated buffer ending in XXXXXX as mkostemp needs.
    let f = unsafe { libc::mkostemp(template.as_mut_ptr().cast(), libc::O_CLOEXEC) };
    if f < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: mkostemp filled in the name; it is still NUL-terminated.
    unsafe {
        libc::unlink(template.as_ptr().cast());
    }
    Ok(f)
}

/// Waits until `a` or `b` is readable (-1: forever); which of them are. EINTR: neither.
pub fn poll_two(a: i32, b: i32, timeout_ms: i32) -> (bool, bool) {
    super::capture::touch(a);
    super::capture::touch(b);
    let mut p = [
        libc::pollfd { fd: a, events: libc::POLLIN, revents: 0 },
        libc::pollfd { fd: b, events: libc::POLLIN, revents: 0 },
    ];
    // SAFETY: `p` is an array of two valid pollfds.
    if unsafe { libc::poll(p.as_mut_ptr(), 2, timeout_ms) } <= 0 {
        return (false, false);
    }
    (p[0].revents != 0, p[1].revents != 0)
}

/// An anonymous file in memory, close-on-exec (a command substitution's output when the
/// substitution runs in the shell process: writers never block on a reader, as on a pipe).
#[cfg(target_os = "linux")]
pub fn memory_file() -> io::Result<i32> {
    // SAFETY: the name is a valid NUL-terminated string; memfd_create only reads it.
    cvt(unsafe { libc::memfd_create(c"chitin-subst".as_ptr(), libc::MFD_CLOEXEC) })
}

#[cfg(not(target_os = "linux"))]
pub fn memory_file() -> io::Result<i32> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}

/// Appends the whole content of the regular file `fd` (from offset 0) to `out`, whatever the
/// file offset; fallible allocation as in [`read_to_end`].
pub fn read_whole_file(fd: i32, out: &mut Vec<u8>) -> io::Result<()> {
    let size = lseek(fd, 0, libc::SEEK_END)? as usize;
    out.try_reserve(size).map_err(|_| io::Error::from_raw_os_error(libc::ENOMEM))?;
    let start = out.len();
    let mut done = 0;
    while done < size {
        let spare = &mut out.spare_capacity_mut()[..size - done];
        // SAFETY: `spare` is writable memory of `spare.len()` bytes; pread fills a prefix.
        let n = unsafe { libc::pread(fd, spare.as_mut_ptr().cast(), spare.len(), done as libc::off_t) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if is_eintr(&e) {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            break;
        }
        // SAFETY: pread initialised `n` more bytes after the current length.
        unsafe { out.set_len(out.len() + n as usize) };
        done += n as usize;
    }
    debug_assert!(out.len() == start + done);
    Ok(())
}

/// Opens the current directory (to come back to it with [`fchdir`]), close-on-exec.
pub fn open_cwd() -> io::Result<i32> {
    #[cfg(target_os = "linux")]
    let flags = libc::O_PATH | libc::O_DIRECTORY;
    #[cfg(not(target_os = "linux"))]
    let flags = libc::O_RDONLY | libc::O_DIRECTORY;
    open(c".", flags, 0)
}

/// `fchdir`: makes the directory open on `fd` the current one.
pub fn fchdir(fd: i32) -> io::Result<()> {
    // SAFETY: fchdir only reads its integer argument.
    cvt(unsafe { libc::fchdir(fd) }).map(|_| ())
}

/// The file mode creation mask, read without changing it for good.
pub fn get_umask() -> u32 {
    // SAFETY: umask cannot fail; the second call puts the mask back at once.
    unsafe {
        let m = libc::umask(0);
        libc::umask(m);
        m as u32
    }
}

/// Sets the file mode creation mask.
pub fn set_umask(mask: u32) {
    // SAFETY: umask cannot fail and only takes the mode bits.
    unsafe {
        libc::umask(mask as libc::mode_t);
    }
}

/// An anonymous file in memory (memfd), open for reading and writing, close-on-exec: a
/// seekable input with no file system under it.
#[cfg(target_os = "linux")]
pub fn memfd(name: &CStr) -> io::Result<std::os::fd::OwnedFd> {
    // SAFETY: memfd_create takes a NUL-terminated name we own and flags.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fd is a fresh descriptor nothing else owns.
    Ok(unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

#[cfg(not(target_os = "linux"))]
pub fn memfd(_name: &CStr) -> io::Result<std::os::fd::OwnedFd> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}
