//! A scoped `1>&2` for the line editor: rustyline draws on fd 1, but prompts and echo belong on
//! stderr (POSIX), so `exec >file` at the prompt must not swallow the editor.

/// While alive, fd 1 is a copy of fd 2; dropping it puts the old fd 1 back (or closes fd 1
/// when it was closed before).
pub struct StdoutToStderr {
    saved: Option<i32>,
    active: bool,
}

impl StdoutToStderr {
    pub fn new() -> Self {
        // SAFETY: fcntl(F_DUPFD_CLOEXEC) on fd 1 either fails (fd closed) or returns a new fd
        // >= 10 that we own; no memory is involved.
        let saved = unsafe { libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 10) };
        let saved = if saved >= 0 { Some(saved) } else { None };
        // SAFETY: dup2 on plain fd numbers; fd 2 failing to exist just makes this fail.
        let active = unsafe { libc::dup2(2, 1) } == 1;
        StdoutToStderr { saved, active }
    }
}

impl Default for StdoutToStderr {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for StdoutToStderr {
    fn drop(&mut self) {
        match self.saved {
            Some(fd) => {
                // SAFETY: `fd` is the copy we made in `new` and still own.
                unsafe {
                    libc::dup2(fd, 1);
                    libc::close(fd);
                }
            }
            None if self.active => {
                // SAFETY: fd 1 was closed before; close our copy of stderr there again.
                unsafe {
                    libc::close(1);
                }
            }
            None => {}
        }
    }
}
