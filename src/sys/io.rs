//! Reads, seeks and questions on plain descriptor numbers, for builtins (`read`, `test -t`)
//! that act on whatever fd the user named.

use nix::errno::Errno;

/// `fd` is an open terminal.
pub fn isatty(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor number; any value is acceptable.
    unsafe { libc::isatty(fd) == 1 }
}

/// read(2) into `buf`, retrying on EINTR. `Ok(0)` is end of file.
pub fn read(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
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
    // SAFETY: lseek takes plain integers.
    let r = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
    (r >= 0).then_some(r as i64)
}

/// Moves `fd` to absolute offset `off`.
pub fn seek_to(fd: i32, off: i64) -> Result<(), Errno> {
    // SAFETY: lseek takes plain integers.
    let r = unsafe { libc::lseek(fd, off as libc::off_t, libc::SEEK_SET) };
    Errno::result(r).map(drop)
}

/// Blocks until `fd` or `wake` is readable (or has hung up); returns whether each is ready.
pub fn wait_either(fd: i32, wake: i32) -> (bool, bool) {
    let mut p = [
        libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: wake,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    loop {
        // SAFETY: `p` is an array of two valid pollfd structures.
        let r = unsafe { libc::poll(p.as_mut_ptr(), 2, -1) };
        if r >= 0 {
            return (p[0].revents != 0, p[1].revents != 0);
        }
        if Errno::last() != Errno::EINTR {
            // Let the read itself report the problem.
            return (true, false);
        }
    }
}
