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
                sys::signal::catch_hangup();
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

/// The job `spec` names when it is stopped (its state brought up to date first).
pub fn stopped_job(sh: &mut Shell, spec: &[u8]) -> Option<usize> {
    sh.jobs.reap();
    let id = sh.jobs.resolve(spec).ok()?;
    sh.jobs
        .find_id(id)
        .filter(|j| j.state == table::JobState::Stopped)
        .map(|j| j.id)
}

/// Before every prompt (and at other safe points of an interactive shell): collect status
/// changes, tell the user about finished and stopped background jobs, take the terminal back
/// and reset its modes.
pub fn before_prompt(sh: &mut Shell) {
    if sys::signal::hangup_pending() {
        // The line editor gave up its read for it (or it came while a command ran).
        hangup(sh);
    }
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

/// `exit` or Ctrl-D with stopped jobs in an interactive shell: warns and refuses (true). The
/// next `exit` leaves if nothing but `jobs` ran in between (bash: see [`command_ran`]).
pub fn exit_blocked(sh: &mut Shell) -> bool {
    if !sh.options.interactive || sh.is_subshell {
        return false;
    }
    sh.jobs.reap();
    if !sh.jobs.any_stopped() || sh.jobs.stopped_warned {
        return false;
    }
    sh.jobs.stopped_warned = true;
    sys::fd::write_all(2, b"There are stopped jobs.\n");
    true
}

/// A command is about to run (`name` for a builtin, `None` for a program): anything but
/// `exit` and `jobs` means the user has not decided to leave, so the next `exit` warns about
/// stopped jobs again.
#[inline]
pub fn command_ran(sh: &mut Shell, name: Option<&str>) {
    if sh.jobs.stopped_warned && !matches!(name, Some("exit" | "jobs")) {
        sh.jobs.stopped_warned = false;
    }
}

/// Leaving the shell by `exit` or end of input: running jobs are left alone (bash without
/// `huponexit`); stopped ones are sent SIGHUP and SIGCONT, since nobody could ever continue
/// them. Then the terminal and its modes go back to whoever had them.
pub fn on_exit(sh: &mut Shell) {
    if sh.is_subshell {
        return;
    }
    if sh.options.interactive {
        hangup_jobs(sh, true);
    }
    if let Some(t) = sh.jobs.terminal.as_ref() {
        t.release();
    }
}

/// Sends SIGHUP (then SIGCONT to stopped ones) to every live job (only the stopped ones when
/// `only_stopped`) that was not disowned or marked `-h`.
pub fn hangup_jobs(sh: &mut Shell, only_stopped: bool) {
    sh.jobs.reap();
    for j in &sh.jobs.jobs {
        if j.no_hup || j.foreign || j.state == table::JobState::Done {
            continue;
        }
        if only_stopped && j.state != table::JobState::Stopped {
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
    if sys::signal::hangup_pending() {
        hangup(sh);
    }
    say_leaving(sh);
    !exit_blocked(sh)
}

/// What an interactive shell prints when the user leaves it (bash): `exit`, or `logout` for
/// a login shell.
pub fn say_leaving(sh: &Shell) {
    if sh.options.interactive && !sh.is_subshell {
        let word: &[u8] = if sh.options.login { b"logout\n" } else { b"exit\n" };
        sys::fd::write_all(2, word);
    }
}

/// SIGHUP arrived (untrapped) in an interactive shell: run the EXIT trap, send SIGHUP to every
/// job (SIGCONT to the stopped ones), give the terminal back and die of SIGHUP as the default
/// action would (bash).
pub fn hangup(sh: &mut Shell) -> ! {
    sys::signal::clear(libc::SIGHUP);
    crate::exec::trap::run_exit_trap(sh);
    if !sh.is_subshell {
        hangup_jobs(sh, false);
        if let Some(t) = sh.jobs.terminal.as_ref() {
            t.release();
        }
    }
    sys::signal::kill_self_with(libc::SIGHUP)
}
