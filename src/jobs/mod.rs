//! Job control: the job table, reaping, terminal handoff (the job-control issue).
//!
//! - `table`: jobs, their processes and statuses, `%+`/`%-`
//! - `control`: the terminal (startup acquisition, handoff guard, modes, release at exit)
//! - `launch`: process groups for forked job members; running a job in the foreground
//! - `spec`, `format`, `text`: job specs, `jobs` lines, a job's command text
//!
//! The executor calls: [`active`] before launching, `launch::*` around forks,
//! [`launch::wait_foreground`] to wait, [`before_prompt`] at every prompt, [`on_exit`] at exit.

pub mod control;
pub mod format;
pub mod launch;
pub mod spec;
pub mod table;
pub mod text;
pub mod watch;

use nix::sys::signal::Signal;
use nix::unistd::Pid;

use crate::shell::Shell;
use crate::sys;

/// Whether this shell does job control now (`set -m` in the main shell process). Turns it on
/// (takes the terminal) the first time it is needed.
pub fn active(sh: &mut Shell) -> bool {
    if !sh.options.monitor || sh.is_subshell {
        return false;
    }
    if !sh.jobs.started {
        start(sh);
    }
    true
}

/// Turns job control on: takes the terminal if there is one (a `set -m` shell without a
/// terminal still runs each job in its own process group, as bash does).
pub fn start(sh: &mut Shell) {
    if sh.jobs.started {
        return;
    }
    sh.jobs.started = true;
    match control::Terminal::acquire(sh.options.interactive) {
        Ok(t) => {
            // Registered with the signal layer so every child gets them back at default.
            for sig in [libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU] {
                sys::signal::shell_ignore(sig);
            }
            sh.jobs.terminal = Some(t);
            if sh.options.interactive && !sys::signal::ignored_at_entry(libc::SIGHUP) {
                // A hangup must reach our jobs too (see `hangup`); under nohup it stays ignored.
                sys::signal::catch(libc::SIGHUP);
            }
        }
        Err(e) => {
            if sh.options.interactive {
                sys::fd::write_all(2, format!("chitin: {e}\n").as_bytes());
                sh.options.monitor = false;
            }
        }
    }
}

/// Resolves a job spec for `kill`: the negative process group of a job that has its own
/// group, or its pid.
pub fn resolve_pgid(sh: &Shell, arg: &[u8]) -> Result<i32, String> {
    match sh.jobs.resolve(arg) {
        Ok(id) => match sh.jobs.find_id(id) {
            Some(j) if j.own_group => Ok(-j.pgid),
            Some(j) => Ok(j.pgid),
            None => Err(spec::SpecError::NoSuchJob.message(arg)),
        },
        Err(e) => Err(e.message(arg)),
    }
}

/// Before every prompt (and at other safe points of an interactive shell): collect status
/// changes, tell the user about finished and stopped background jobs, take the terminal back
/// and reset its modes.
pub fn before_prompt(sh: &mut Shell) {
    sh.jobs.prompts += 1;
    sh.jobs.reap();
    notify(sh);
    if let Some(t) = sh.jobs.terminal.as_mut() {
        if !sh.is_subshell {
            t.reclaim();
        }
    }
}

/// Prints `[n]+  Done  cmd` (and `Stopped`, `Terminated`...) for background jobs whose state
/// changed since the user last heard of them, and forgets finished jobs. Only an interactive
/// shell (or one with `set -b`... at the same safe points) talks about them.
pub fn notify(sh: &mut Shell) {
    let interactive = sh.options.interactive && !sh.is_subshell;
    if !interactive {
        // Scripts keep finished jobs for `wait` and say nothing.
        return;
    }
    let ids: Vec<usize> = sh
        .jobs
        .jobs
        .iter()
        .filter(|j| !j.notified && !j.foreground)
        .map(|j| j.id)
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let Some(job) = sh.jobs.find_id(id) else {
            continue;
        };
        let state = job.state;
        if state == table::JobState::Running {
            // Continued behind our back: nothing to say.
            if let Some(j) = sh.jobs.find_id_mut(id) {
                j.notified = true;
            }
            continue;
        }
        let already = watch::printed(id, job.pgid, state);
        if !already {
            out.extend(sh.jobs.describe(id, false));
        }
        if state == table::JobState::Done {
            sh.jobs.remove(id);
        } else if let Some(j) = sh.jobs.find_id_mut(id) {
            j.notified = true;
        }
    }
    watch::forget_printed();
    if !out.is_empty() {
        sys::fd::write_all(2, &out);
    }
}

/// `exit` with stopped jobs in an interactive shell: warns and refuses (true); an `exit` on the
/// very next command line leaves (bash: any other command in between re-arms the warning).
pub fn exit_blocked(sh: &mut Shell) -> bool {
    if !sh.options.interactive || sh.is_subshell {
        return false;
    }
    sh.jobs.reap();
    if !sh.jobs.any_stopped() {
        return false;
    }
    let now = sh.jobs.prompts;
    // Warned during the previous command line (or this one): this `exit` means it.
    if sh.jobs.warned_stopped.is_some_and(|w| w + 1 >= now) {
        return false;
    }
    sh.jobs.warned_stopped = Some(now);
    sys::fd::write_all(2, b"There are stopped jobs.\n");
    true
}

/// Leaving the shell (exit, end of input, SIGHUP): an interactive shell sends SIGHUP to every
/// job not disowned (and SIGCONT to stopped ones so they see it), then gives the terminal
/// and its modes back.
pub fn on_exit(sh: &mut Shell) {
    if sh.is_subshell {
        return;
    }
    if sh.options.interactive {
        hangup_jobs(sh);
    }
    if let Some(t) = sh.jobs.terminal.as_ref() {
        t.release();
    }
}

/// Sends SIGHUP (then SIGCONT) to every live job that was not disowned or marked `-h`.
pub fn hangup_jobs(sh: &mut Shell) {
    sh.jobs.reap();
    for j in &sh.jobs.jobs {
        if j.no_hup || j.state == table::JobState::Done {
            continue;
        }
        let stopped = j.state == table::JobState::Stopped;
        if j.own_group {
            let g = Pid::from_raw(j.pgid);
            let _ = nix::sys::signal::killpg(g, Signal::SIGHUP);
            if stopped {
                let _ = nix::sys::signal::killpg(g, Signal::SIGCONT);
            }
        } else {
            for pid in j.live_pids() {
                let p = Pid::from_raw(pid);
                let _ = nix::sys::signal::kill(p, Signal::SIGHUP);
                if stopped {
                    let _ = nix::sys::signal::kill(p, Signal::SIGCONT);
                }
            }
        }
    }
}

/// Ctrl-D at an empty prompt (the interactive loop's `on_eof` hook): true to leave; with
/// stopped jobs the first one warns and stays, like `exit`.
pub fn on_eof(sh: &mut Shell) -> bool {
    !exit_blocked(sh)
}

/// SIGHUP arrived (untrapped) in an interactive shell: run the EXIT trap, send SIGHUP to the
/// jobs, give the terminal back and die of SIGHUP as the default action would.
pub fn hangup(sh: &mut Shell) -> ! {
    crate::exec::trap::run_exit_trap(sh);
    on_exit(sh);
    sys::signal::kill_self_with(libc::SIGHUP)
}
