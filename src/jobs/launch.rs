//! Launching jobs under job control and waiting for foreground jobs (EXAMPLES.md section 2,
//! steps 8-16): every pipeline is one job in its own process group whose id is the first
//! member's pid; `setpgid` runs in the child and in the parent; a foreground child takes the
//! terminal itself, and the parent hands it over too; waiting sees stops (WUNTRACED).

use nix::sys::signal::Signal;
use nix::unistd::Pid;

use crate::exec::{eval, subshell};
use crate::jobs::control::Outcome;
use crate::jobs::format;
use crate::jobs::table::JobState;
use crate::shell::{Flow, Shell};
use crate::syntax::ast::{AndOr, Command, Pipeline, WordPart};
use crate::sys::{self, process::WaitStatus, tty};

/// Child side, right after fork, of a job member: join the job's group (`pgid` 0: start it)
/// and, for a foreground job, take the terminal while it is still the shell's. Only
/// async-signal-safe calls (setpgid, tcgetpgrp, tcsetpgrp).
pub fn child_join(sh: &Shell, pgid: i32, foreground: bool) {
    let me = Pid::this();
    let group = if pgid == 0 { me } else { Pid::from_raw(pgid) };
    let _ = nix::unistd::setpgid(Pid::from_raw(0), group);
    if foreground {
        if let Some(t) = &sh.jobs.terminal {
            let fd = tty::borrow(t.fd());
            if tty::tcgetpgrp(fd).ok() == Some(t.shell_pgid) {
                let _ = tty::tcsetpgrp(fd, group);
            }
        }
    }
}

/// In a forked job member (after the subshell setup): signals an interactive shell catches for
/// itself go back to their default, so ^C and a hangup end a member that runs shell code
/// (`while :; do :; done | cat`). Trapped signals were reset already; signals ignored when the
/// shell started (nohup) stay ignored.
pub fn child_signals(sh: &Shell) {
    for sig in [libc::SIGINT, libc::SIGHUP] {
        if sh.traps.get(sig).is_none() && !sys::signal::ignored_at_entry(sig) {
            sys::signal::set_default(sig);
        }
    }
}

/// Blocks the signals a new job member must not handle with the shell's handlers (between
/// fork and resetting them, a SIGINT or SIGHUP would only be recorded and lost). Returns the
/// mask to restore in both processes once the child has reset its dispositions (step 7).
pub fn block_signals() -> Option<nix::sys::signal::SigSet> {
    use nix::sys::signal::{SigSet, SigmaskHow};
    let mut set = SigSet::empty();
    for sig in [
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGTERM,
        Signal::SIGQUIT,
        Signal::SIGCHLD,
    ] {
        set.add(sig);
    }
    let mut old = SigSet::empty();
    nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), Some(&mut old)).ok()?;
    Some(old)
}

/// Puts back the mask saved by [`block_signals`]; pending signals are delivered now.
pub fn restore_signals(old: Option<nix::sys::signal::SigSet>) {
    if let Some(old) = old {
        let _ = nix::sys::signal::sigprocmask(
            nix::sys::signal::SigmaskHow::SIG_SETMASK,
            Some(&old),
            None,
        );
    }
}

/// Parent side: the same `setpgid`, so the group exists whichever process runs first.
/// EACCES (the child already exec'd) and ESRCH (it already exited) are fine.
pub fn parent_join(pid: i32, pgid: i32) {
    let group = if pgid == 0 { pid } else { pgid };
    let _ = nix::unistd::setpgid(Pid::from_raw(pid), Pid::from_raw(group));
}

/// Registers a new job before its first fork; members are added as they start.
pub fn new_job(sh: &mut Shell, text: Vec<u8>, foreground: bool) -> usize {
    let command = String::from_utf8_lossy(&text).into_owned();
    sh.jobs.add_job(0, &[], command, foreground, true)
}

/// Records a started member (the first one gives the job its group id).
pub fn add_member(sh: &mut Shell, id: usize, pid: i32, text: Vec<u8>) {
    if let Some(j) = sh.jobs.find_id_mut(id) {
        if j.processes.is_empty() {
            j.pgid = pid;
        }
    }
    sh.jobs.add_process(id, pid, text);
}

/// Runs a multi-command pipeline as one job: every member forked into the job's group.
/// A foreground job is waited for (its status returned); a background one is announced.
pub fn run_pipeline_job(sh: &mut Shell, p: &Pipeline, foreground: bool) -> i32 {
    let id = new_job(sh, crate::jobs::text::pipeline(p), foreground);
    let n = p.commands.len();
    // The first member leads the job's group; the others join it.
    let members =
        eval::fork_pipeline(sh, p, |first| subshell::Kind::Job { pgid: first.unwrap_or(0), foreground }, false);
    let started = members.len();
    for (i, started) in members {
        if let Ok(pid) = started {
            add_member(sh, id, pid, crate::jobs::text::command(&p.commands[i]));
        }
    }
    if started == 0 {
        sh.jobs.remove(id);
        return 1;
    }
    if foreground {
        let st = wait_foreground(sh, id, false);
        if started < n { 1 } else { st }
    } else {
        announce(sh, id);
        0
    }
}

/// Starts an and-or list in the background as one job (`cmd &` under job control): a
/// pipeline's members go straight into the job's group; anything else runs in one forked
/// subshell that leads the group.
pub fn run_background(sh: &mut Shell, ao: &AndOr) -> i32 {
    if let Some(spec) = job_spec_alone(ao) {
        // `%1 &` continues job 1 in the background, as `bg %1` (bash).
        if let Some(bg) = crate::builtins::find(b"bg") {
            return (bg.run)(sh, &[b"bg".to_vec(), spec.to_vec()]);
        }
    }
    if ao.rest.is_empty() && ao.first.commands.len() > 1 && !ao.first.negated {
        return run_pipeline_job(sh, &ao.first, false);
    }
    let id = new_job(sh, crate::jobs::text::and_or(ao), false);
    match subshell::fork(
        sh,
        subshell::Kind::Job {
            pgid: 0,
            foreground: false,
        },
    ) {
        Ok(None) => {
            let status = eval::eval_and_or(sh, ao, true);
            subshell::finish(sh, status);
        }
        Ok(Some(pid)) => {
            add_member(sh, id, pid, Vec::new());
            announce(sh, id);
            0
        }
        Err(e) => {
            sh.jobs.remove(id);
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            1
        }
    }
}

/// The job spec of an and-or list that is a bare `%spec` and nothing else.
fn job_spec_alone(ao: &AndOr) -> Option<&[u8]> {
    if !ao.rest.is_empty() || ao.first.negated || ao.first.commands.len() != 1 {
        return None;
    }
    let Command::Simple(sc) = &ao.first.commands[0] else {
        return None;
    };
    if !sc.assigns.is_empty() || !sc.redirects.is_empty() || sc.words.len() != 1 {
        return None;
    }
    match sc.words[0].parts.as_slice() {
        [WordPart::Literal(w)] if w.first() == Some(&b'%') => Some(w),
        _ => None,
    }
}

/// After starting a background job: `$!`, and `[1] 12345` in an interactive shell.
fn announce(sh: &mut Shell, id: usize) {
    let Some(j) = sh.jobs.find_id(id) else { return };
    let last = j.processes.last().map_or(j.pgid, |p| p.pid);
    sh.last_bg_pid = Some(last);
    if sh.options.interactive {
        sys::fd::write_all(2, &format::started_line(id, last));
    }
    sh.jobs.touch(id);
    sh.last_status = 0;
}

/// Runs one forked process (a simple command's program, a `( list )`) as a foreground job.
pub fn run_single_foreground(sh: &mut Shell, text: Vec<u8>, pid: i32) -> i32 {
    let id = new_job(sh, text.clone(), true);
    add_member(sh, id, pid, text);
    wait_foreground(sh, id, false)
}

/// Waits for foreground job `id` until it ends or stops, with the terminal lent to it; then
/// takes the terminal back. Returns the job's status (128 + signal when it stopped).
/// `resume`: send SIGCONT once the terminal is the job's (`fg`, step 16).
pub fn wait_foreground(sh: &mut Shell, id: usize, resume: bool) -> i32 {
    let Some(job) = sh.jobs.find_id(id) else {
        return 127;
    };
    let pgid = job.pgid;
    let modes = job.modes.clone();
    let guard = match &sh.jobs.terminal {
        Some(t) if job.own_group => Some(t.hand_to(Pid::from_raw(pgid), modes.as_ref())),
        _ => None,
    };
    if resume {
        continue_job(sh, id);
    }
    loop {
        let Some(job) = sh.jobs.find_id(id) else {
            break;
        };
        if job.state != JobState::Running {
            break;
        }
        let Some(pid) = job
            .processes
            .iter()
            .find(|p| p.status.is_none())
            .map(|p| p.pid)
        else {
            break;
        };
        match sys::process::waitpid_or_hangup(pid, sys::process::WUNTRACED) {
            Ok(Some((p, st))) => {
                sh.jobs.record(p, st);
            }
            Ok(None) => {}
            // SIGHUP: the job is hung up with the others and the shell leaves now (bash).
            Err(_) if sys::signal::hangup_pending() => crate::jobs::hangup(sh),
            Err(_) => {
                // Someone else reaped it (cannot happen for our own children); do not spin.
                sh.jobs.record(pid, WaitStatus::Exited(0));
            }
        }
    }
    let Some(job) = sh.jobs.find_id(id) else {
        return 127;
    };
    let state = job.state;
    let outcome = match state {
        JobState::Stopped => Outcome::Stopped,
        _ if job
            .processes
            .iter()
            .any(|p| matches!(p.status, Some(WaitStatus::Signaled { .. }))) =>
        {
            Outcome::Killed
        }
        _ => Outcome::Exited,
    };
    let returned = guard.map(|g| g.finish(outcome));
    if let (Some(r), Some(t)) = (&returned, sh.jobs.terminal.as_mut()) {
        if let Some(m) = &r.shell_modes {
            t.shell_modes = Some(m.clone());
        }
    }
    if state == JobState::Stopped {
        let status = sh
            .jobs
            .find_id(id)
            .map_or(128 + libc::SIGTSTP, |j| j.display_status().exit_code());
        if sh.options.interactive && (sh.loop_depth > 0 || sh.function_depth > 0) {
            // ^Z gives the prompt back: a loop or function must not go on in the
            // foreground without the command the user stopped (`fg` resumes only that).
            sh.last_status = status;
            sh.flow = Some(Flow::Interrupt);
        }
        if let Some(j) = sh.jobs.find_id_mut(id) {
            j.foreground = false;
            j.notified = true;
            j.modes = returned.and_then(|r| r.job_modes);
        }
        sh.jobs.touch(id);
        let mut line = b"\n".to_vec();
        line.extend(sh.jobs.describe(id, false));
        sys::fd::write_all(2, &line);
        return status;
    }
    let job = sh.jobs.find_id(id).cloned();
    sh.jobs.remove(id);
    let Some(job) = job else { return 127 };
    sh.pipestatus.clear();
    sh.pipestatus.extend(job.processes.iter().map(|p| p.status.map_or(0, |s| s.code())));
    let status = if sh.options.pipefail {
        job.pipefail_status()
    } else {
        job.status()
    };
    if let Some(WaitStatus::Signaled { sig, core }) = job.processes.last().and_then(|p| p.status) {
        if sh.options.interactive {
            report_killed(sig, core);
            // ^C ends the whole command line, as if the shell had got it too (a loop
            // `while :; do sleep 1; done` ends on the first one). As bash: with a trap for
            // SIGINT, a list outside a loop goes on.
            let trapped = sh.traps.get(libc::SIGINT).is_some();
            if sig == libc::SIGINT && (!trapped || sh.loop_depth > 0) {
                sh.last_status = status;
                sh.flow = Some(Flow::Interrupt);
            }
        }
    }
    status
}

/// What an interactive shell says when its foreground job was killed: a new line after ^C,
/// nothing for a broken pipe, the signal otherwise (`Terminated`, `Killed`).
fn report_killed(sig: i32, core: bool) {
    if sig == libc::SIGINT {
        sys::fd::write_all(2, b"\n");
    } else if let Some(msg) = format::killed_notice(sig, core) {
        sys::fd::write_all(2, msg.as_bytes());
    }
}

/// Sends SIGCONT to a job (its group, or each member without a group of its own) and marks
/// it running.
pub fn continue_job(sh: &mut Shell, id: usize) {
    let Some(j) = sh.jobs.find_id_mut(id) else {
        return;
    };
    if j.own_group {
        let _ = nix::sys::signal::killpg(Pid::from_raw(j.pgid), Signal::SIGCONT);
    } else {
        for pid in j.live_pids().collect::<Vec<_>>() {
            let _ = nix::sys::signal::kill(Pid::from_raw(pid), Signal::SIGCONT);
        }
    }
    j.mark_running();
}
