//! The terminal side of job control: taking the terminal at startup, handing it to a
//! foreground job and taking it back, the shell's own terminal modes, and giving everything back
//! at exit (EXAMPLES.md section 2, steps 2-5, 11, 14-16, 18, 20).

use std::os::fd::{IntoRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sys::termios::{InputFlags, LocalFlags, OutputFlags, Termios};
use nix::unistd::{Pid, getpgrp, getpid, setpgid};

use crate::sys::{self, tty};

/// How many times a shell started in the background stops itself waiting for the foreground
/// before it concludes its group is orphaned (SIGTTIN is then discarded by the kernel).
const FOREGROUND_ROUNDS: usize = 20;

/// Why job control could not be turned on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcquireError {
    #[error("cannot access tty; job control turned off")]
    NoTty,
    #[error("cannot set terminal process group: {0}; job control turned off")]
    SetPgrp(Errno),
    #[error("cannot get into the foreground (orphaned process group); job control turned off")]
    Orphaned,
    /// A non-interactive shell (`set -m` in a script) started in the background: it does job
    /// control without the terminal instead of stopping itself.
    #[error("not in the foreground")]
    NotForeground,
}

/// The controlling terminal as a job-control shell holds it.
#[derive(Debug)]
pub struct Terminal {
    /// The private terminal fd, registered as the shell's own (`sys::fd::make_room` may move
    /// it); closed when the Terminal is dropped.
    fd: sys::fd::Token,
    /// The shell's process group (its pid, or its session's when it leads a session).
    pub shell_pgid: Pid,
    /// The foreground group when the shell started: it gets the terminal back at exit.
    pub original_pgid: Pid,
    /// The terminal modes at startup, restored at exit.
    pub startup_modes: Option<Termios>,
    /// The modes the shell wants while no job runs: restored before every prompt and after a
    /// job stops or is killed; a job that exits normally may update them (see `adopt_modes`).
    pub shell_modes: Option<Termios>,
}

impl Terminal {
    /// Startup of a job-control shell (steps 2-5): opens the terminal privately, waits to be in
    /// the foreground, ignores the stop signals, moves into its own process group and takes the
    /// terminal. On error nothing was changed except the stop signals staying at default.
    pub fn acquire(interactive: bool) -> Result<Terminal, AcquireError> {
        tty::unblock_all_signals();
        let fd = tty::open_controlling().ok_or(AcquireError::NoTty)?;
        if interactive {
            wait_for_foreground(&fd)?;
        } else if tty::tcgetpgrp(&fd).ok() != Some(getpgrp()) {
            return Err(AcquireError::NotForeground);
        }
        // From here on we must never be stopped by the terminal ourselves; ignoring SIGTTOU is
        // also what lets tcsetpgrp below succeed (empathic/clash#326).
        tty::ignore_stop_signals(true);
        let original_pgid = tty::tcgetpgrp(&fd).unwrap_or_else(|_| getpgrp());
        let startup_modes = tty::tcgetattr(&fd).ok();
        let pid = getpid();
        match setpgid(pid, pid) {
            // EPERM: we already lead a session (a login shell, a terminal emulator's child).
            Ok(()) | Err(Errno::EPERM) => {}
            Err(e) => return Err(AcquireError::SetPgrp(e)),
        }
        let shell_pgid = getpgrp();
        if let Err(e) = tty::tcsetpgrp(&fd, shell_pgid) {
            return Err(AcquireError::SetPgrp(e));
        }
        Ok(Terminal {
            fd: sys::fd::own(fd.into_raw_fd()),
            shell_pgid,
            original_pgid,
            shell_modes: startup_modes.clone(),
            startup_modes,
        })
    }

    /// The shell's private terminal fd (>= 10, close-on-exec).
    pub fn fd(&self) -> RawFd {
        sys::fd::current(self.fd)
    }

    /// Before every prompt (step 18): take the terminal back unconditionally, clear O_NONBLOCK,
    /// and put the shell's modes back, whatever a job did to them.
    pub fn reclaim(&mut self) {
        let fd = tty::borrow(self.fd());
        if tty::tcgetpgrp(fd).ok() != Some(self.shell_pgid) {
            let _ = tty::tcsetpgrp(fd, self.shell_pgid);
        }
        let _ = tty::clear_nonblock(fd);
        clear_nonblock_std();
        if let Some(m) = &self.shell_modes {
            let _ = tty::tcsetattr(fd, m);
        }
    }

    /// Hands the terminal to the foreground job `pgid` (step 11, and step 16 for `fg` with the
    /// job's saved `modes`). The returned guard takes it back when finished or dropped.
    pub fn hand_to(&self, pgid: Pid, modes: Option<&Termios>) -> Foreground {
        let fd = tty::borrow(self.fd());
        let _ = tty::clear_nonblock(fd);
        clear_nonblock_std();
        if let Some(m) = modes {
            let _ = tty::tcsetattr(fd, m);
        }
        // Only give what is ours (or already the job's): never steal the terminal from someone.
        let owner = tty::tcgetpgrp(fd).ok();
        if owner == Some(self.shell_pgid) || owner == Some(pgid) {
            let _ = tty::give_terminal(fd, pgid);
        }
        Foreground {
            fd: self.fd(),
            shell_pgid: self.shell_pgid,
            shell_modes: self.shell_modes.clone(),
            done: false,
        }
    }

    /// At exit (step 20): restore the startup modes, then give the terminal back to the group
    /// that had it, only if we still own it (never to a group that no longer exists).
    pub fn release(&self) {
        let fd = tty::borrow(self.fd());
        if let Some(m) = &self.startup_modes {
            let _ = tty::tcsetattr(fd, m);
        }
        if self.original_pgid != self.shell_pgid
            && tty::tcgetpgrp(fd).ok() == Some(self.shell_pgid)
            && tty::group_exists(self.original_pgid)
        {
            let _ = tty::tcsetpgrp(fd, self.original_pgid);
        }
    }
}

/// O_NONBLOCK belongs to an open file description: a program that set it on its inherited
/// standard input changed the shell's fd 0 too (fish#176, elvish#588). Clear it on whichever
/// of 0, 1, 2 are terminals.
fn clear_nonblock_std() {
    for fd in 0..=2 {
        let b = tty::borrow(fd);
        if nix::unistd::isatty(b).unwrap_or(false) {
            let _ = tty::clear_nonblock(b);
        }
    }
}

/// Waits until the shell's group owns the terminal (step 3).
fn wait_for_foreground(fd: &OwnedFd) -> Result<(), AcquireError> {
    for _ in 0..FOREGROUND_ROUNDS {
        let owner = match tty::tcgetpgrp(fd) {
            Ok(p) => p,
            Err(_) => return Err(AcquireError::NoTty),
        };
        let ours = getpgrp();
        if owner == ours {
            return Ok(());
        }
        if owner.as_raw() <= 0 || !tty::group_exists(owner) {
            // Nobody holds it: taking it is not stealing.
            return Ok(());
        }
        // Someone else is in the foreground: stop until the user puts us there (`fg`).
        tty::ignore_stop_signals(false);
        tty::stop_self_ttin();
    }
    Err(AcquireError::Orphaned)
}

/// How a foreground job left the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It exited normally: its mode changes are kept (a deliberate `stty`), except the ones that
    /// would make the prompt unusable.
    Exited,
    /// It was killed by a signal (a crash, or ^C): the shell's modes come back as they were.
    Killed,
    /// It stopped: its modes are saved with the job for `fg`; the shell's come back.
    Stopped,
}

/// The terminal lent to a foreground job. Dropping it (or `finish`) takes the terminal back for
/// the shell and restores the shell's modes (step 15).
#[must_use = "the guard gives the terminal back when dropped"]
#[derive(Debug)]
pub struct Foreground {
    fd: RawFd,
    shell_pgid: Pid,
    shell_modes: Option<Termios>,
    done: bool,
}

/// What `Foreground::finish` hands back.
#[derive(Debug, Default)]
pub struct Returned {
    /// The job's modes when it stopped, to give back on `fg`.
    pub job_modes: Option<Termios>,
    /// New shell modes when the job changed them deliberately; store in `Terminal::shell_modes`.
    pub shell_modes: Option<Termios>,
}

impl Foreground {
    /// Takes the terminal back after the job stopped or ended.
    pub fn finish(mut self, outcome: Outcome) -> Returned {
        let fd = tty::borrow(self.fd);
        let current = tty::tcgetattr(fd).ok();
        let mut ret = Returned::default();
        match outcome {
            Outcome::Stopped => ret.job_modes = current,
            Outcome::Exited => {
                if let (Some(cur), Some(shell)) = (current, &self.shell_modes) {
                    let adopted = adopt_modes(&cur, shell);
                    self.shell_modes = Some(adopted.clone());
                    ret.shell_modes = Some(adopted);
                }
            }
            Outcome::Killed => {}
        }
        self.take_back();
        ret
    }

    fn take_back(&mut self) {
        if self.done {
            return;
        }
        self.done = true;
        let fd = tty::borrow(self.fd);
        let _ = tty::tcsetpgrp(fd, self.shell_pgid);
        if let Some(m) = &self.shell_modes {
            let _ = tty::tcsetattr(fd, m);
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        sys::fd::close(sys::fd::disown(self.fd));
    }
}

impl Drop for Foreground {
    fn drop(&mut self) {
        self.take_back();
    }
}

/// The modes to keep after a job exited normally having left the terminal in `current`: its
/// changes persist (`stty -ixon`, `stty tostop`, a new erase key), but the line-discipline
/// basics a prompt needs (echo, canonical input, signals, output processing, CR->NL) come from
/// `shell` again, so a program that died in raw mode does not break the prompt.
pub fn adopt_modes(current: &Termios, shell: &Termios) -> Termios {
    let mut t = current.clone();
    let local = LocalFlags::ECHO
        | LocalFlags::ICANON
        | LocalFlags::ISIG
        | LocalFlags::IEXTEN
        | LocalFlags::ECHOE
        | LocalFlags::ECHOK;
    t.local_flags = (t.local_flags - local) | (shell.local_flags & local);
    let input = InputFlags::ICRNL | InputFlags::INLCR | InputFlags::IGNCR;
    t.input_flags = (t.input_flags - input) | (shell.input_flags & input);
    let output = OutputFlags::OPOST | OutputFlags::ONLCR;
    t.output_flags = (t.output_flags - output) | (shell.output_flags & output);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn termios_of_a_pty() -> Option<Termios> {
        let pty = nix::pty::openpty(None, None).ok()?;
        tty::tcgetattr(&pty.slave).ok()
    }

    #[test]
    fn adopt_keeps_deliberate_changes_and_undoes_raw_mode() {
        let Some(shell) = termios_of_a_pty() else {
            return;
        };
        let mut cur = shell.clone();
        cur.local_flags
            .remove(LocalFlags::ECHO | LocalFlags::ICANON);
        cur.local_flags.insert(LocalFlags::TOSTOP);
        cur.input_flags.remove(InputFlags::IXON);
        let kept = adopt_modes(&cur, &shell);
        assert!(
            kept.local_flags
                .contains(LocalFlags::ECHO | LocalFlags::ICANON)
        );
        assert!(kept.local_flags.contains(LocalFlags::TOSTOP));
        assert!(!kept.input_flags.contains(InputFlags::IXON));
    }
}
