//! File descriptors: writing, duplicating, moving the shell's own fds to 10 and above.

/// Writes all of `buf` to `fd`, retrying on EINTR and short writes. Errors (EPIPE, EBADF) are
/// dropped: a builtin writing to a closed pipe must not kill the shell.
pub fn write_all(fd: i32, mut buf: &[u8]) -> bool {
    while !buf.is_empty() {
        // SAFETY: `buf` is a valid, initialised slice for its whole length.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return false;
        }
        buf = &buf[n as usize..];
    }
    true
}
