//! Reads, seeks and questions on plain descriptor numbers, for builtins (`read`, `test -t`)
//! that act on whatever fd the user named.

use nix::errno::Errno;

/// `fd` is an open terminal.
pub fn isatty(fd: i32) -> bool {
    super::capture::touch(fd);
    // SAFETY: isatty only inspects the descriptor number; any value is acceptable.
    unsafe { libc::isatty(fd) == 1 }
}

/// read(2) into `buf`, retrying on EINTR. `Ok(0)` is end of file.
pub fn read(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    loop {
        // SAFETY: `buf` is valid writable memory of `buf.len()` bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        match Errno::last() {
            Errno::EINTR => continue,
            e => return Err(e),
        }
    }
}

/// The current offset of `fd`, or `None` when it cannot seek (pipe, terminal, socket).
pub fn tell(fd: i32) -> Option<i64> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: lseek takes plain integers.
    let r = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
    (r >= 0).then_some(r as i64)
}

/// Moves `fd` to absolute offset `off`.
pub fn seek_to(fd: i32, off: i64) -> Result<(), Errno> {
    super::capture::touch(fd);
    super::readahead::sync_fd(fd);
    // SAFETY: lseek takes plain integers.
    let r = unsafe { libc::lseek(fd, off as libc::off_t, libc::SEEK_SET) };
    Errno::result(r).map(drop)
}

/// What [`wait_readable`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ready {
    /// `fd` is readable or has hung up (or poll failed: let the read report it).
    Fd,
    /// `wake` is readable.
    Wake,
    /// A signal interrupted the wait.
    Interrupted,
    /// The deadline passed.
    Timeout,
}

/// Waits until `fd` is readable, or `wake` (when >= 0) is, or `deadline` (when given) passes.
pub fn wait_readable(fd: i32, wake: i32, deadline: Option<std::time::Instant>) -> Ready {
    super::capture::touch(fd);
    let mut p = [
        libc::pollfd { fd, events: libc::POLLIN, revents: 0 },
        libc::pollfd { fd: wake, events: libc::POLLIN, revents: 0 },
    ];
    let count = if wake >= 0 { 2 } else { 1 };
    let timeout_ms = match deadline {
        None => -1,
        Some(d) => {
            let left = d.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                0
            } else {
                // Round up so the wait never ends just before the deadline.
                left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
            }
        }
    };
    // SAFETY: `p` holds `count` valid pollfd structures.
    let r = unsafe { libc::poll(p.as_mut_ptr(), count, timeout_ms) };
    if r < 0 {
        return if Errno::last() == Errno::EINTR { Ready::Interrupted } else { Ready::Fd };
    }
    if r == 0 {
        return if timeout_ms == 0 || deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            Ready::Timeout
        } else {
            Ready::Interrupted
        };
    }
    if p[0].revents != 0 {
        Ready::Fd
    } else {
        Ready::Wake
    }
}

/// `fd` has input (or end of input) to read right now (`read -t 0`).
pub fn has_input(fd: i32) -> bool {
    wait_readable(fd, -1, Some(std::time::Instant::now())) == Ready::Fd
}

/// `fd` is open.
pub fn is_open(fd: i32) -> Result<(), Errno> {
    super::capture::touch(fd);
    // SAFETY: F_GETFD takes plain integers and changes nothing.
    Errno::result(unsafe { libc::fcntl(fd, libc::F_GETFD) }).map(drop)
}
