//! The controlling terminal: a private fd for it, its foreground process group, its modes.
//!
//! The shell never uses fd 0 for terminal control (a script may redirect it); it keeps its own
//! close-on-exec descriptor at 10 or above. Every call retries EINTR; ownership changes handle
//! the races listed in EXAMPLES.md section 5 (EPERM while a group is being born or just died).

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::fcntl::{FcntlArg, OFlag};
use nix::sys::signal::{SigHandler, Signal};
use nix::sys::termios::{self, SetArg, Termios};
use nix::unistd::Pid;

/// The lowest fd the shell uses for its own descriptors.
pub const SHELL_FD_BASE: RawFd = 10;

/// Opens the controlling terminal (`/dev/tty`) on a close-on-exec fd >= 10. `None` when the
/// process has no controlling terminal.
pub fn open_controlling() -> Option<OwnedFd> {
    let fd = loop {
        match nix::fcntl::open(
            "/dev/tty",
            OFlag::O_RDWR | OFlag::O_CLOEXEC | OFlag::O_NOCTTY,
            nix::sys::stat::Mode::empty(),
        ) {
            Ok(fd) => break fd,
            Err(Errno::EINTR) => continue,
            Err(_) => return None,
        }
    };
    if !nix::unistd::isatty(&fd).unwrap_or(false) {
        return None;
    }
    move_high(fd).ok()
}

/// Moves `fd` to the lowest free fd >= 10, close-on-exec; the original is closed.
pub fn move_high(fd: OwnedFd) -> nix::Result<OwnedFd> {
    if fd.as_raw_fd() >= SHELL_FD_BASE {
        return Ok(fd);
    }
    let new = nix::fcntl::fcntl(&fd, FcntlArg::F_DUPFD_CLOEXEC(SHELL_FD_BASE))?;
    // SAFETY: F_DUPFD_CLOEXEC just returned this new descriptor, which nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

/// Borrows a raw fd that the caller knows is open (the shell's tty fd, or 0..2).
pub fn borrow(fd: RawFd) -> BorrowedFd<'static> {
    // SAFETY: callers pass fds the shell keeps open for as long as it uses them (the tty fd lives
    // in the job-control state until exit; 0..2 are the standard streams).
    unsafe { BorrowedFd::borrow_raw(fd) }
}

/// The foreground process group of the terminal.
pub fn tcgetpgrp(fd: impl AsFd) -> nix::Result<Pid> {
    loop {
        match nix::unistd::tcgetpgrp(fd.as_fd()) {
            Err(Errno::EINTR) => continue,
            r => return r,
        }
    }
}

/// Makes `pgid` the foreground group. The caller must have SIGTTOU ignored (or be in the
/// foreground) or it is stopped. Only async-signal-safe calls: usable in a forked child.
pub fn tcsetpgrp(fd: impl AsFd, pgid: Pid) -> nix::Result<()> {
    loop {
        match nix::unistd::tcsetpgrp(fd.as_fd(), pgid) {
            Err(Errno::EINTR) => continue,
            r => return r,
        }
    }
}

/// Gives the terminal to `pgid`, retrying EPERM while that group still exists (it may not have
/// finished joining it yet). Fails with EPERM once the group is gone (the job already ended).
pub fn give_terminal(fd: impl AsFd, pgid: Pid) -> nix::Result<()> {
    let mut tries = 0;
    loop {
        match tcsetpgrp(fd.as_fd(), pgid) {
            Err(Errno::EPERM) if tries < 100 && group_exists(pgid) => {
                tries += 1;
                std::thread::yield_now();
            }
            r => return r,
        }
    }
}

/// Whether any process is in group `pgid`.
pub fn group_exists(pgid: Pid) -> bool {
    !matches!(nix::sys::signal::killpg(pgid, None), Err(Errno::ESRCH))
}

pub fn tcgetattr(fd: impl AsFd) -> nix::Result<Termios> {
    loop {
        match termios::tcgetattr(fd.as_fd()) {
            Err(Errno::EINTR) => continue,
            r => return r,
        }
    }
}

/// Sets the terminal modes once pending output is written (TCSADRAIN).
pub fn tcsetattr(fd: impl AsFd, t: &Termios) -> nix::Result<()> {
    loop {
        match termios::tcsetattr(fd.as_fd(), SetArg::TCSADRAIN, t) {
            Err(Errno::EINTR) => continue,
            r => return r,
        }
    }
}

/// Terminal modes changed for the `read` builtin (`-s`: no echo; `-n`/`-N`: each character
/// as it is typed, not a line at a time); the old modes come back when this is dropped.
pub struct ReadModes {
    fd: RawFd,
    saved: Termios,
}

/// Changes the modes of terminal `fd` for `read`; `None` when it is no terminal or nothing
/// needs changing.
pub fn read_modes(fd: RawFd, no_echo: bool, by_character: bool) -> Option<ReadModes> {
    if !(no_echo || by_character) || !crate::sys::io::isatty(fd) {
        return None;
    }
    let saved = tcgetattr(borrow(fd)).ok()?;
    let mut t = saved.clone();
    if no_echo {
        t.local_flags.remove(termios::LocalFlags::ECHO | termios::LocalFlags::ECHONL);
    }
    if by_character {
        t.local_flags.remove(termios::LocalFlags::ICANON);
        t.control_chars[termios::SpecialCharacterIndices::VMIN as usize] = 1;
        t.control_chars[termios::SpecialCharacterIndices::VTIME as usize] = 0;
    }
    tcsetattr(borrow(fd), &t).ok()?;
    Some(ReadModes { fd, saved })
}

impl Drop for ReadModes {
    fn drop(&mut self) {
        let _ = tcsetattr(borrow(self.fd), &self.saved);
    }
}

/// Clears O_NONBLOCK on `fd` (a program may leave the terminal non-blocking, and the next
/// reader would then fail with EAGAIN).
pub fn clear_nonblock(fd: impl AsFd) -> nix::Result<()> {
    let flags = nix::fcntl::fcntl(fd.as_fd(), FcntlArg::F_GETFL)?;
    let flags = OFlag::from_bits_retain(flags);
    if flags.contains(OFlag::O_NONBLOCK) {
        nix::fcntl::fcntl(fd.as_fd(), FcntlArg::F_SETFL(flags - OFlag::O_NONBLOCK))?;
    }
    Ok(())
}

/// The three signals the terminal uses to stop jobs. A job-control shell ignores them so that it
/// is never stopped itself; its children set them back to the default.
pub const STOP_SIGNALS: [Signal; 3] = [Signal::SIGTSTP, Signal::SIGTTIN, Signal::SIGTTOU];

/// Sets SIGTSTP, SIGTTIN and SIGTTOU to ignored (`true`) or default (`false`).
pub fn ignore_stop_signals(ignore: bool) {
    let handler = if ignore {
        SigHandler::SigIgn
    } else {
        SigHandler::SigDfl
    };
    for sig in STOP_SIGNALS {
        set_disposition(sig, handler);
    }
}

/// Sets `sig` to SIG_IGN or SIG_DFL (never a handler: those belong to the signal module).
pub fn set_disposition(sig: Signal, handler: SigHandler) {
    debug_assert!(matches!(handler, SigHandler::SigIgn | SigHandler::SigDfl));
    if matches!(handler, SigHandler::SigIgn | SigHandler::SigDfl) {
        // SAFETY: SIG_IGN and SIG_DFL install no code, so no handler can run unsafely.
        let _ = unsafe { nix::sys::signal::signal(sig, handler) };
    }
}

/// Whether `sig` is ignored right now (e.g. SIGHUP under nohup), without changing it.
pub fn is_ignored(sig: Signal) -> bool {
    let mut old = std::mem::MaybeUninit::<libc::sigaction>::uninit();
    // SAFETY: a null new action only reads the current disposition into `old`.
    let rc = unsafe { libc::sigaction(sig as libc::c_int, std::ptr::null(), old.as_mut_ptr()) };
    if rc != 0 {
        return false;
    }
    // SAFETY: sigaction succeeded, so it initialised `old`.
    let old = unsafe { old.assume_init() };
    old.sa_sigaction == libc::SIG_IGN
}

/// Stops the whole process group of the shell with SIGTTIN (waiting to be put in the foreground,
/// as a shell started in the background does). SIGTTIN must be at its default disposition.
pub fn stop_self_ttin() {
    let _ = nix::sys::signal::kill(Pid::from_raw(0), Signal::SIGTTIN);
}

/// Unblocks every signal (a shell must not inherit a blocked mask from its parent).
pub fn unblock_all_signals() {
    let _ = nix::sys::signal::SigSet::all().thread_unblock();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_high_places_fd_at_ten_or_above_cloexec() {
        let (r, _w) = nix::unistd::pipe().expect("pipe");
        let high = move_high(r).expect("move");
        assert!(high.as_raw_fd() >= SHELL_FD_BASE);
        let flags = nix::fcntl::fcntl(&high, FcntlArg::F_GETFD).expect("getfd");
        assert!(
            nix::fcntl::FdFlag::from_bits_retain(flags).contains(nix::fcntl::FdFlag::FD_CLOEXEC)
        );
    }

    #[test]
    fn clear_nonblock_clears_the_flag() {
        let (r, _w) = nix::unistd::pipe().expect("pipe");
        nix::fcntl::fcntl(&r, FcntlArg::F_SETFL(OFlag::O_NONBLOCK)).expect("setfl");
        clear_nonblock(&r).expect("clear");
        let flags =
            OFlag::from_bits_retain(nix::fcntl::fcntl(&r, FcntlArg::F_GETFL).expect("getfl"));
        assert!(!flags.contains(OFlag::O_NONBLOCK));
    }

    #[test]
    fn own_process_group_exists() {
        assert!(group_exists(nix::unistd::getpgrp()));
    }
}

/// The terminal's size on `fd` as (rows, columns); `None` when `fd` is no terminal or the
/// size is not known (0).
pub fn window_size(fd: RawFd) -> Option<(u16, u16)> {
    // SAFETY: an all-zero winsize is a valid value for the kernel to overwrite.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize into the valid pointer and touches nothing else.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0 && ws.ws_row > 0 && ws.ws_col > 0).then_some((ws.ws_row, ws.ws_col))
}

/// The terminal on fd 0 turns ^C (and the other signal keys) into signals while this lives,
/// though the line editor put it in raw mode: a completion function run from the editor can
/// be interrupted. The editor's modes come back when it is dropped.
pub struct KeySignals {
    saved: Option<Termios>,
}

impl KeySignals {
    pub fn enable() -> KeySignals {
        let fd = borrow(0);
        let saved = match tcgetattr(fd) {
            Ok(t) if !t.local_flags.contains(termios::LocalFlags::ISIG) => t,
            _ => return KeySignals { saved: None },
        };
        let mut on = saved.clone();
        on.local_flags.insert(termios::LocalFlags::ISIG);
        if tcsetattr(fd, &on).is_err() {
            return KeySignals { saved: None };
        }
        KeySignals { saved: Some(saved) }
    }
}

impl Drop for KeySignals {
    fn drop(&mut self) {
        if let Some(t) = &self.saved {
            let _ = tcsetattr(borrow(0), t);
        }
    }
}
