//! Forked children of the shell: subshells, pipeline members, asynchronous lists and command
//! substitutions. A child gets fresh signal plumbing, default traps and an empty job table.
//! Most subshells and substitutions do not come here: they run in the shell process
//! (`exec::virtual_subshell`); these are the others.

use std::io;

use crate::exec::{eval, trap};
use crate::shell::{Flow, Shell};
use crate::sys::{self, process::Fork};
use crate::syntax::ast::List;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `( list )`
    Subshell,
    /// A member of a multi-command pipeline; `pgid` 0 for the first one.
    PipelineMember { pgid: i32 },
    /// `cmd &`
    Async,
    /// `$(...)`
    CommandSub,
    /// A subshell that ran in the shell process and needs a process after all
    /// (`exec::virtual_subshell::need_process`): its traps and jobs are already a subshell's.
    Virtual,
    /// A member of a job under job control (`crate::jobs::launch`): joins group `pgid` (0:
    /// leads a new one) and, in the foreground, takes the terminal.
    Job { pgid: i32, foreground: bool },
}

/// Forks. `Ok(None)` in the child (already set up as a subshell), `Ok(Some(pid))` in the parent.
pub fn fork(sh: &mut Shell, kind: Kind) -> io::Result<Option<i32>> {
    let monitor = sh.options.monitor;
    let mask = sys::signal::block_all();
    let forked = sys::process::fork();
    if forked.is_err() {
        sys::signal::set_mask(&mask);
    }
    match forked? {
        Fork::Child => {
            if kind != Kind::Virtual {
                // (A virtual subshell counted its level and took a fresh RANDOM seed when it
                // began.)
                sh.is_subshell = true;
                sh.subshell_level += 1;
                sh.generators.enter_subshell();
            }
            if let Kind::Job { pgid, foreground } = kind {
                // First thing: the group and the terminal must be right before anything runs.
                crate::jobs::launch::child_join(sh, pgid, foreground);
            }
            sys::signal::after_fork_in_subshell();
            if kind == Kind::Virtual {
                sys::signal::set_mask(&mask);
                return Ok(None);
            }
            trap::reset_for_subshell(sh);
            if matches!(kind, Kind::CommandSub) {
                sh.jobs.inherit();
                // `set -e` applies afresh inside `$(...)`, also where the command it belongs to
                // ignores it (`! case $(false; ...)`, `cmd || ...`): dash, and bash there.
                sh.errexit_ignored = 0;
            } else {
                sh.jobs.clear();
            }
            sh.in_trap = false;
            match kind {
                Kind::PipelineMember { pgid } if monitor => {
                    let _ = sys::process::setpgid(0, pgid);
                }
                Kind::Async if monitor => {
                    let _ = sys::process::setpgid(0, 0);
                }
                Kind::Async => {
                    // Without job control, a background command must not get the terminal's
                    // ^C or its input.
                    for sig in [libc::SIGINT, libc::SIGQUIT] {
                        if sh.traps.get(sig).is_none() {
                            sys::signal::set_ignore(sig);
                        }
                    }
                    if let Ok(f) = sys::fd::open(c"/dev/null", libc::O_RDONLY, 0) {
                        if f != 0 {
                            let _ = sys::fd::dup2(f, 0);
                            sys::fd::close(f);
                        } else {
                            let _ = sys::fd::set_cloexec(0, false);
                        }
                    }
                }
                _ => {}
            }
            // Job control belongs to the main shell only.
            sh.options.monitor = false;
            if let Kind::Job { .. } = kind {
                crate::jobs::launch::child_signals(sh);
            }
            sys::signal::set_mask(&mask);
            Ok(None)
        }
        Fork::Parent(pid) => {
            if let Kind::Job { pgid, .. } = kind {
                crate::jobs::launch::parent_join(pid, pgid);
            }
            sys::signal::set_mask(&mask);
            if monitor {
                match kind {
                    Kind::PipelineMember { pgid } => {
                        let _ = sys::process::setpgid(pid, if pgid == 0 { pid } else { pgid });
                    }
                    Kind::Async => {
                        let _ = sys::process::setpgid(pid, pid);
                    }
                    _ => {}
                }
            }
            Ok(Some(pid))
        }
    }
}

/// Ends a forked child: runs its EXIT trap and exits with `status` (or the `exit` status).
pub fn finish(sh: &mut Shell, status: i32) -> ! {
    let mut status = status;
    if matches!(sh.flow, Some(Flow::Exit)) {
        status = sh.last_status;
    }
    sh.last_status = status;
    trap::run_exit_trap(sh);
    sys::process::exit_now(sh.last_status & 0xff)
}

/// Waits for a foreground child and returns its shell status.
pub fn wait_pid(sh: &mut Shell, pid: i32) -> i32 {
    loop {
        match sys::process::waitpid(pid, 0) {
            Ok(Some((_, st))) => {
                if let sys::process::WaitStatus::Signaled { sig, core } = st {
                    report_signal_death(sig, core);
                }
                return st.code();
            }
            Ok(None) => continue,
            Err(_) => {
                // Reaped elsewhere (e.g. by `wait`): the job table has the status.
                return sh.jobs.find_pid(pid).map_or(127, |j| j.status());
            }
        }
    }
}

/// A child waited for in the foreground died of a signal: say which (dash does, for every
/// such process; `wait` on a background job says nothing).
fn report_signal_death(sig: i32, core: bool) {
    if let Some(msg) = crate::jobs::format::killed_notice(sig, core) {
        sys::fd::write_all(2, msg.as_bytes());
    }
}

/// `( list )` in a forked child.
pub fn run_subshell(sh: &mut Shell, list: &List) -> i32 {
    let job = crate::jobs::active(sh);
    let kind = if job { Kind::Job { pgid: 0, foreground: true } } else { Kind::Subshell };
    match fork(sh, kind) {
        Ok(None) => {
            let status = eval::eval_list(sh, list, true);
            finish(sh, status);
        }
        Ok(Some(pid)) if job => {
            let text = crate::jobs::text::command(&crate::syntax::ast::Command::Compound(
                crate::syntax::ast::CompoundCommand::Subshell(list.clone()),
                Vec::new(),
            ));
            crate::jobs::launch::run_single_foreground(sh, text, pid)
        }
        Ok(Some(pid)) => wait_pid(sh, pid),
        Err(e) => {
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            1
        }
    }
}

/// Reads a substitution's output to its end; `None` when memory runs out (the output is let
/// go at once, and the pipe closed, so the writer ends of SIGPIPE).
fn read_output(r: i32) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let read = sys::fd::read_to_end(r, &mut out);
    sys::fd::close(r);
    if read.is_err_and(|e| e.raw_os_error() == Some(libc::ENOMEM)) {
        return None;
    }
    Some(out)
}

/// `$(list)`: the child's standard output, NUL bytes dropped; `None` when it does not fit in
/// memory.
pub fn command_substitution(sh: &mut Shell, list: &List) -> Option<Vec<u8>> {
    sh.subst_count += 1;
    if let Some(out) = crate::exec::virtual_subshell::substitution(sh, list) {
        return out;
    }
    let (r, w) = match sys::fd::pipe() {
        Ok(p) => p,
        Err(e) => {
            sh.report_error(&format!("pipe: {}", sys::fd::strerror(&e)));
            sh.last_status = 1;
            return Some(Vec::new());
        }
    };
    match fork(sh, Kind::CommandSub) {
        Ok(None) => {
            sys::fd::close(r);
            if w != 1 {
                let _ = sys::fd::dup2(w, 1);
                sys::fd::close(w);
            } else {
                let _ = sys::fd::set_cloexec(1, false);
            }
            let status = eval::eval_list(sh, list, true);
            finish(sh, status);
        }
        Ok(Some(pid)) => {
            sys::fd::close(w);
            let mut out = read_output(r);
            sh.last_status = wait_pid(sh, pid);
            if let Some(out) = &mut out {
                super::drop_nul_bytes(sh, out);
            }
            out
        }
        Err(e) => {
            sys::fd::close(r);
            sys::fd::close(w);
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            sh.last_status = 1;
            Some(Vec::new())
        }
    }
}

/// `<(list)` (or `>(list)` when `output`): the list runs asynchronously with its standard
/// output (input) on a pipe; the shell's end stays open, inheritable, at 10 or above until the
/// command that expanded it ends (`close_process_subs`), and its name `/dev/fd/N` is the
/// result. `$!` is the child, which `wait` can wait for, as in bash.
pub fn process_substitution(sh: &mut Shell, list: &List, output: bool) -> Result<Vec<u8>, String> {
    let err = |e: io::Error| sys::fd::strerror(&e);
    let (r, w) = sys::fd::pipe().map_err(err)?;
    let (ours, theirs, their_fd) = if output { (w, r, 0) } else { (r, w, 1) };
    let ours = match sys::fd::move_high(ours, sys::fd::SHELL_FD_BASE) {
        Ok(f) => f,
        Err(e) => {
            sys::fd::close(ours);
            sys::fd::close(theirs);
            return Err(err(e));
        }
    };
    match fork(sh, Kind::Subshell) {
        Ok(None) => {
            sys::fd::close(ours);
            // Only this command's substitutions are the child's business.
            for fd in std::mem::take(&mut sh.process_sub_fds) {
                sys::fd::close(fd);
            }
            let _ = sys::fd::dup2(theirs, their_fd);
            sys::fd::close(theirs);
            let status = eval::eval_list(sh, list, true);
            finish(sh, status);
        }
        Ok(Some(pid)) => {
            sys::fd::close(theirs);
            // Inherited by the command that names it (and no longer once it has ended).
            let _ = sys::fd::set_cloexec(ours, false);
            sh.process_sub_fds.push(ours);
            sh.last_bg_pid = Some(pid);
            // A job `wait $!` can wait for, never announced (bash lists no process
            // substitution among its jobs).
            sh.jobs.add_substitution(pid);
            Ok(format!("/dev/fd/{ours}").into_bytes())
        }
        Err(e) => {
            sys::fd::close(ours);
            sys::fd::close(theirs);
            Err(err(e))
        }
    }
}

/// Closes the process substitution pipes opened since `mark` (the length of
/// `sh.process_sub_fds` when the command started).
#[cold]
pub fn close_process_subs(sh: &mut Shell, mark: usize) {
    for fd in sh.process_sub_fds.drain(mark..) {
        sys::fd::close(fd);
    }
}
