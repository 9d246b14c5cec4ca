//! `wait`: waits for background jobs; a trapped signal interrupts it (status 128 + n).

use crate::exec::trap::Action;
use crate::jobs::table::JobState;
use crate::jobs::watch;
use crate::shell::Shell;
use crate::sys;

/// A signal with a trap command that arrived while waiting.
fn trapped_signal(sh: &Shell) -> Option<i32> {
    if !sys::signal::any_pending() {
        return None;
    }
    if sys::signal::hangup_pending() {
        // The shell leaves after this command (see `trap::run_pending`).
        return Some(libc::SIGHUP);
    }
    if sh.options.interactive
        && sh.traps.get(libc::SIGINT).is_none()
        && sys::signal::is_pending(libc::SIGINT)
    {
        // ^C at an interactive shell waiting for background jobs ends the wait and the
        // command line, as in bash.
        sys::signal::clear(libc::SIGINT);
        sys::fd::write_all(2, b"\n");
        return Some(libc::SIGINT);
    }
    (1..sys::signal::NSIG as i32).find(|&s| {
        sys::signal::is_pending(s) && matches!(sh.traps.get(s), Some(Action::Command(_)))
    })
}

/// `wait` ended by a signal: 128 + n; an interactive ^C also abandons the command line.
fn interrupted(sh: &mut Shell, sig: i32) -> i32 {
    if sig == libc::SIGINT && sh.options.interactive && sh.traps.get(sig).is_none() {
        sh.last_status = 128 + sig;
        sh.flow = Some(crate::shell::Flow::Interrupt);
    }
    128 + sig
}

/// Sleeps until a child changes state or a signal arrives.
fn sleep(_sh: &Shell) {
    let fd = sys::signal::wake_fd();
    if fd >= 0 {
        sys::fd::poll_readable(fd, -1);
        sys::signal::drain();
    } else {
        let _ = sys::process::waitpid(-1, sys::process::WUNTRACED | sys::process::WCONTINUED);
    }
}

/// Removes a job `wait` saw finish. At an interactive prompt the user has not heard of it
/// yet: print its notice first (`[1]+  Terminated  sleep 100`), as bash and dash do.
fn forget_reaped(sh: &mut Shell, id: usize) {
    if sh.options.interactive && !sh.is_subshell {
        if let Some(job) = sh.jobs.find_id(id) {
            if !job.notified && !job.foreground && !watch::printed(id, job.pgid, job.state) {
                let notice = sh.jobs.describe(id, false);
                sys::fd::write_all(2, &notice);
            }
        }
    }
    sh.jobs.remove(id);
}

/// Which job an operand names: a pid or `%n`.
fn resolve(sh: &Shell, arg: &[u8]) -> Result<Option<usize>, ()> {
    let s = std::str::from_utf8(arg).map_err(|_| ())?;
    let id = if s.starts_with('%') {
        sh.jobs.resolve(arg).ok()
    } else {
        let pid: i32 = s.parse().map_err(|_| ())?;
        sh.jobs.find_pid(pid).map(|j| j.id)
    };
    // A parent's job seen from `$(...)` is not our child.
    Ok(id.filter(|&id| sh.jobs.find_id(id).is_some_and(|j| !j.foreign)))
}

pub fn wait(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    if rest.is_empty() {
        loop {
            sh.jobs.reap();
            // Stopped jobs do not count: they would never end by themselves.
            if !sh.jobs.any_running() {
                let done: Vec<usize> =
                    sh.jobs.jobs.iter().filter(|j| j.state == JobState::Done).map(|j| j.id).collect();
                for id in done {
                    forget_reaped(sh, id);
                }
                return 0;
            }
            if let Some(sig) = trapped_signal(sh) {
                return interrupted(sh, sig);
            }
            sleep(sh);
        }
    }
    let mut status = 0;
    for arg in rest {
        let id = match resolve(sh, arg) {
            Ok(Some(id)) => id,
            Ok(None) => {
                let text = String::from_utf8_lossy(arg);
                sh.report_error(&if arg.first() == Some(&b'%') {
                    format!("wait: {text}: no such job")
                } else {
                    format!("wait: pid {text} is not a child of this shell")
                });
                status = 127;
                continue;
            }
            Err(()) => {
                sh.report_error(&format!(
                    "wait: {}: invalid process id",
                    String::from_utf8_lossy(arg)
                ));
                status = 2;
                continue;
            }
        };
        loop {
            sh.jobs.reap();
            let Some(job) = sh.jobs.find_id(id) else {
                status = 127;
                break;
            };
            if job.state == JobState::Done {
                status = job.status();
                forget_reaped(sh, id);
                break;
            }
            if job.state == JobState::Stopped && job.own_group {
                // Waiting for a stopped job would never end (Oils #1005): report the stop.
                status = job.display_status().exit_code();
                break;
            }
            if let Some(sig) = trapped_signal(sh) {
                return interrupted(sh, sig);
            }
            sleep(sh);
        }
    }
    status
}
