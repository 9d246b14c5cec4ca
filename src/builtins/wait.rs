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

/// The options of `wait`.
#[derive(Default)]
struct Options {
    /// `-n`: the next job to end, of those named or of all.
    next: bool,
    /// `-f`: under job control, a stopped job is waited for until it ends.
    force: bool,
    /// `-p VAR`: receives the id of the job whose status is returned.
    var: Option<Vec<u8>>,
}

/// Reads the options (`-n -f -p VAR`, `-pVAR`, `--`); the operands start at the index returned.
fn options(sh: &Shell, args: &[Vec<u8>]) -> Result<(Options, usize), i32> {
    let mut o = Options::default();
    let mut scanner = super::options::Scanner::new(args, b"nfp:");
    while let Some(opt) = scanner.next(sh)? {
        match opt.letter {
            b'n' => o.next = true,
            b'f' => o.force = true,
            _ => o.var = opt.value.map(<[u8]>::to_vec),
        }
    }
    Ok((o, scanner.index()))
}

/// Sets `-p`'s variable (`id` of the job whose status is returned; `None`: unset it).
fn set_id_var(sh: &mut Shell, var: &Option<Vec<u8>>, id: Option<i32>) -> Result<(), ()> {
    let Some(name) = var else { return Ok(()) };
    let r = match id {
        Some(pid) => crate::shell::assign::assign(sh, name, pid.to_string().into_bytes(), false).map_err(|e| e.to_string()),
        None => sh.vars.unset(name).map_err(|e| e.to_string()),
    };
    r.map_err(|msg| sh.report_error(&format!("wait: {msg}")))
}

/// The pid `$!` gave for a job: its last process.
fn job_pid(sh: &Shell, id: usize) -> Option<i32> {
    sh.jobs.find_id(id).and_then(|j| j.processes.last()).map(|p| p.pid)
}

/// `wait -n [id...]`: the status of the first of those jobs (or of any) to end, 127 when
/// there is none to wait for.
fn wait_next(sh: &mut Shell, operands: &[Vec<u8>], o: &Options) -> i32 {
    let mut ids = Vec::new();
    for arg in operands {
        match resolve(sh, arg) {
            Ok(Some(id)) => ids.push(id),
            Ok(None) => {
                sh.report_error(&format!("wait: {}: no such job", String::from_utf8_lossy(arg)));
            }
            Err(()) => {
                sh.report_error(&format!("wait: `{}': not a pid or valid job spec", String::from_utf8_lossy(arg)));
            }
        }
    }
    if !operands.is_empty() && ids.is_empty() {
        return 127;
    }
    let eligible = |j: &crate::jobs::table::Job| !j.foreign && !j.substitution && (ids.is_empty() || ids.contains(&j.id));
    loop {
        sh.jobs.reap();
        if let Some(id) = sh.jobs.jobs.iter().find(|j| eligible(j) && j.state == JobState::Done).map(|j| j.id) {
            let status = sh.jobs.find_id(id).map_or(127, |j| j.status());
            let pid = job_pid(sh, id);
            forget_reaped(sh, id);
            return if set_id_var(sh, &o.var, pid).is_err() { 1 } else { status };
        }
        if !sh.jobs.jobs.iter().any(|j| eligible(j) && j.state == JobState::Running) {
            return 127;
        }
        if let Some(sig) = trapped_signal(sh) {
            return interrupted(sh, sig);
        }
        sleep(sh);
    }
}

pub fn wait(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let (o, first) = match options(sh, args) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let rest = &args[first..];
    if o.var.is_some() && set_id_var(sh, &o.var, None).is_err() {
        return 1;
    }
    if o.next {
        return wait_next(sh, rest, &o);
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
    let mut last_pid = None;
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
                last_pid = job_pid(sh, id);
                forget_reaped(sh, id);
                break;
            }
            if job.state == JobState::Stopped && job.own_group && !o.force {
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
    if last_pid.is_some() && set_id_var(sh, &o.var, last_pid).is_err() {
        return 1;
    }
    status
}
