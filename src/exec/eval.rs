//! The tree walker: lists, and-or lists, pipelines, compound commands.
//!
//! `tail` means "this process exits right after this command": a forked child (pipeline
//! member, subshell, async list) or the main shell on the last command of `-c` passes it down
//! so its last external command is exec'd in place instead of forked once more.

use crate::exec::{bash_compound, bash_traps, member, redirect, simple, subshell, trap, words};
use crate::shell::{Flow, Shell};
use crate::sys;
use crate::syntax::ast::{AndOr, AndOrOp, CaseTerminator, Command, CompoundCommand, List, ListItem, Pipeline, Timed};

/// Runs a list; returns (and leaves in `sh.last_status`) the status of its last command.
pub fn eval_list(sh: &mut Shell, list: &List, tail: bool) -> i32 {
    let n = list.items.len();
    if n == 0 {
        sh.last_status = 0;
        return 0;
    }
    let mut status = 0;
    for (i, item) in list.items.iter().enumerate() {
        status = if item.is_async {
            // (A pipeline run in the foreground checks for signals itself.)
            let st = eval_async(sh, item);
            if sys::signal::any_pending() {
                trap::run_pending(sh);
            }
            st
        } else {
            eval_and_or(sh, &item.and_or, tail && i + 1 == n)
        };
        if let Some(flow) = sh.flow {
            if flow.keeps_status() {
                status = sh.last_status;
            }
            break;
        }
    }
    status
}

/// Runs an and-or list, with `set -e` ignored for every pipeline but the last one run.
pub fn eval_and_or(sh: &mut Shell, ao: &AndOr, tail: bool) -> i32 {
    if ao.rest.is_empty() {
        return eval_pipeline(sh, &ao.first, tail, true);
    }
    sh.errexit_ignored += 1;
    let mut status = eval_pipeline(sh, &ao.first, false, false);
    sh.errexit_ignored -= 1;
    let mut ran_last = false;
    let last = ao.rest.len() - 1;
    for (i, (op, p)) in ao.rest.iter().enumerate() {
        if sh.flow.is_some() {
            return status;
        }
        let run = match op {
            AndOrOp::And => status == 0,
            AndOrOp::Or => status != 0,
        };
        if !run {
            continue;
        }
        if i == last {
            status = eval_pipeline(sh, p, tail, true);
            ran_last = true;
        } else {
            sh.errexit_ignored += 1;
            status = eval_pipeline(sh, p, false, false);
            sh.errexit_ignored -= 1;
        }
    }
    if !ran_last && status != 0 {
        sh.failure_ignored = true;
    }
    status
}

/// Runs a pipeline; `checked`: `set -e` applies to its status.
pub fn eval_pipeline(sh: &mut Shell, p: &Pipeline, tail: bool, checked: bool) -> i32 {
    // The line of a brace group's or subshell's messages (they record none of their own).
    sh.lineno = p.span.line;
    if p.negated {
        sh.errexit_ignored += 1;
    }
    let tail = tail && !p.negated && p.timed == Timed::No;
    let timer = (p.timed != Timed::No).then(crate::interactive::time::Timer::start);
    let mut status = if p.commands.len() == 1 {
        let st = eval_command(sh, &p.commands[0], tail);
        if records_status(&p.commands[0]) {
            sh.pipestatus.clear();
            sh.pipestatus.push(st);
        }
        st
    } else if crate::jobs::active(sh) {
        sh.failure_ignored = false;
        crate::jobs::launch::run_pipeline_job(sh, p, true)
    } else {
        sh.failure_ignored = false;
        run_pipeline(sh, p)
    };
    if p.negated {
        sh.errexit_ignored -= 1;
        // `! return 3` returns 3: the status of `return` and `exit` is not negated.
        if !matches!(sh.flow, Some(Flow::Return | Flow::Exit)) {
            status = (status == 0) as i32;
        }
        sh.failure_ignored = true;
    }
    if let Some(t) = timer {
        t.report(sh, p.timed == Timed::Posix);
    }
    if sh.flow.is_some_and(Flow::keeps_status) {
        // `exit 3` (also in a trap, also after `!`) or ^C: their status stands.
        return sh.last_status;
    }
    sh.last_status = status;
    // Traps run after each pipeline, so `kill $$ && echo after` never reaches `echo`.
    if sys::signal::any_pending() {
        trap::run_pending(sh);
        if sh.flow.is_some_and(Flow::keeps_status) {
            return sh.last_status;
        }
    }
    if status != 0
        && sh.traps.hook(trap::ERR)
        && !p.negated
        && sh.errexit_ignored == 0
        && sh.flow.is_none()
        && bash_traps::fails_on_its_own(p)
    {
        bash_traps::run_err(sh, p);
    }
    if checked && status != 0 && sh.options.errexit && sh.errexit_ignored == 0 && !sh.failure_ignored && sh.flow.is_none() {
        sh.flow = Some(Flow::Exit);
    }
    status
}

/// A command alone in its pipeline whose status `PIPESTATUS` records: a simple command, a
/// subshell, `(( ))` and `[[ ]]`, as in bash (other compound commands leave the statuses of
/// the last pipeline they ran, and a function definition none).
#[inline]
fn records_status(c: &Command) -> bool {
    match c {
        Command::Simple(_) => true,
        Command::Compound(cc, _) => matches!(
            cc,
            CompoundCommand::Subshell(_) | CompoundCommand::Arith { .. } | CompoundCommand::DoubleBracket(..)
        ),
        Command::FunctionDef(_) => false,
    }
}

/// Runs a pipeline of two or more commands, each in a forked child (or spawned, see
/// `exec::member`).
fn run_pipeline(sh: &mut Shell, p: &Pipeline) -> i32 {
    let kind = |first: Option<i32>| subshell::Kind::PipelineMember { pgid: first.unwrap_or(0) };
    let n = p.commands.len();
    if sh.options.shopt(crate::shell::options::Shopt::Lastpipe) {
        return run_lastpipe(sh, p, kind);
    }
    let (members, _) = start_members(sh, &p.commands, false, kind, true);
    wait_pipeline(sh, members, n)
}

/// `shopt -s lastpipe` without job control: the last command runs in this shell, its standard
/// input the pipe from the others (so `... | read v` sets `v`).
fn run_lastpipe(sh: &mut Shell, p: &Pipeline, kind: impl Fn(Option<i32>) -> subshell::Kind) -> i32 {
    let n = p.commands.len();
    let Some((last, head)) = p.commands.split_last() else { return 0 };
    let (mut members, read) = start_members(sh, head, true, kind, true);
    if let Some(r) = read {
        let status = with_fds(&[(Some(r), 0), (None, 1)], || eval_command(sh, last, false));
        // Closed before waiting: writers the last command did not drain get SIGPIPE.
        sys::fd::close(r);
        members.push((n - 1, Err(status)));
    }
    wait_pipeline(sh, members, n)
}

/// Members started by [`fork_pipeline`]: the index of each one's command, and its pid or the
/// status it ended with before it had a process.
pub type Members = Vec<(usize, Result<i32, i32>)>;

/// Waits for the members of a pipeline of `n` commands: the last one's status (or with
/// `pipefail` the last failing one's); 1 when not all could be started.
pub fn wait_pipeline(sh: &mut Shell, members: Members, n: usize) -> i32 {
    let mut status = 0;
    let mut pipefail_status = 0;
    let count = members.len();
    sh.pipestatus.clear();
    for (i, (_, started)) in members.into_iter().enumerate() {
        let st = match started {
            Ok(pid) => subshell::wait_pid(sh, pid),
            Err(st) => st,
        };
        sh.pipestatus.push(st);
        if i + 1 == count {
            status = st;
        }
        if st != 0 {
            pipefail_status = st;
        }
    }
    if count < n {
        status = 1;
    }
    if sh.options.pipefail && pipefail_status != 0 { pipefail_status } else { status }
}

/// Starts one process per command of `p`, each one's output piped to the next one's input;
/// `kind` says how to fork a member, given the first member's pid (the group a job's members
/// join). With `spawn`, members that qualify are spawned by the shell instead (`exec::member`).
/// Returns, for each member started, the index of its command and its pid, or the status of a
/// member that failed before it had a process; a failed fork or pipe is reported and leaves
/// its member (or the rest) out.
pub fn fork_pipeline(
    sh: &mut Shell,
    p: &Pipeline,
    kind: impl Fn(Option<i32>) -> subshell::Kind,
    spawn: bool,
) -> Members {
    start_members(sh, &p.commands, false, kind, spawn).0
}

/// [`fork_pipeline`] for `commands`; with `pipe_last` the last one's output goes into one more
/// pipe too, whose read end is returned (`None` when that pipe could not be made).
fn start_members(
    sh: &mut Shell,
    commands: &[Command],
    pipe_last: bool,
    kind: impl Fn(Option<i32>) -> subshell::Kind,
    spawn: bool,
) -> (Members, Option<i32>) {
    let n = commands.len();
    let mut members: Members = Vec::with_capacity(n + 1);
    let mut first_pid = None;
    let mut prev_read: Option<i32> = None;
    for (i, cmd) in commands.iter().enumerate() {
        let pipe = if i + 1 < n || pipe_last {
            match sys::fd::pipe() {
                Ok(p) => Some(p),
                Err(e) => {
                    sh.report_error(&format!("pipe: {}", sys::fd::strerror(&e)));
                    break;
                }
            }
        } else {
            None
        };
        let debug_ran = match cmd {
            Command::Simple(sc) if sh.traps.hook(trap::DEBUG) => {
                bash_traps::debug_simple(sh, sc);
                true
            }
            _ => false,
        };
        let ends = [(prev_read, 0), (pipe.map(|(_, w)| w), 1)];
        // `echo x | ...`: the first member's few bytes can go into the pipe from here.
        let plan = if spawn { member::plan(sh, cmd, i == 0 && pipe.is_some()) } else { None };
        let spawned = match plan.map(|plan| with_fds(&ends, || member::start(sh, plan))) {
            Some(member::Member::Spawned(pid)) => Some(Ok(pid)),
            Some(member::Member::Done(status)) => Some(Err(status)),
            Some(member::Member::Fork) | None => None,
        };
        if let Some(started) = spawned {
            if let Ok(pid) = started {
                first_pid.get_or_insert(pid);
            }
            members.push((i, started));
        } else {
            match subshell::fork(sh, kind(first_pid)) {
                Ok(None) => {
                    sh.traps.debug_done = debug_ran;
                    if let Some(r) = prev_read {
                        let _ = sys::fd::dup2(r, 0);
                        sys::fd::close(r);
                    }
                    if let Some((r, w)) = pipe {
                        sys::fd::close(r);
                        let _ = sys::fd::dup2(w, 1);
                        sys::fd::close(w);
                    }
                    let status = eval_command(sh, cmd, true);
                    subshell::finish(sh, status);
                }
                Ok(Some(pid)) => {
                    first_pid.get_or_insert(pid);
                    members.push((i, Ok(pid)));
                }
                Err(e) => sh.report_error(&format!("fork: {}", sys::fd::strerror(&e))),
            }
        }
        if let Some(r) = prev_read.take() {
            sys::fd::close(r);
        }
        if let Some((r, w)) = pipe {
            sys::fd::close(w);
            prev_read = Some(r);
        }
    }
    match prev_read {
        Some(r) if pipe_last && members.len() == n => (members, Some(r)),
        Some(r) => {
            sys::fd::close(r);
            (members, None)
        }
        None => (members, None),
    }
}

/// Runs `f` with each `(Some(fd), n)` of `ends` put on fd n, then puts the shell's own back
/// (the copies are the shell's own descriptors meanwhile: a redirection may move them).
pub fn with_fds<T>(ends: &[(Option<i32>, i32); 2], f: impl FnOnce() -> T) -> T {
    let mut saved = Vec::new();
    for &(fd, n) in ends {
        if let Some(fd) = fd {
            let copy = sys::fd::dup_high(n, sys::fd::SHELL_FD_BASE).ok().map(sys::fd::own);
            let _ = sys::fd::dup2(fd, n);
            saved.push((n, copy));
        }
    }
    let r = f();
    for (n, copy) in saved.into_iter().rev() {
        match copy {
            Some(t) => {
                let c = sys::fd::disown(t);
                let _ = sys::fd::dup2(c, n);
                sys::fd::close(c);
            }
            None => sys::fd::close(n),
        }
    }
    r
}

/// Starts an asynchronous list and records it as a job.
fn eval_async(sh: &mut Shell, item: &ListItem) -> i32 {
    sh.lineno = item.span.line;
    if !crate::exec::virtual_subshell::need_process(sh) {
        return sh.last_status;
    }
    if crate::jobs::active(sh) {
        return crate::jobs::launch::run_background(sh, &item.and_or);
    }
    match subshell::fork(sh, subshell::Kind::Async) {
        Ok(None) => {
            let status = eval_and_or(sh, &item.and_or, true);
            subshell::finish(sh, status);
        }
        Ok(Some(pid)) => {
            sh.last_bg_pid = Some(pid);
            let text = crate::jobs::text::and_or(&item.and_or);
            sh.jobs.add(pid, &[pid], String::from_utf8_lossy(&text).into_owned());
            sh.last_status = 0;
            0
        }
        Err(e) => {
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            sh.last_status = 1;
            1
        }
    }
}

pub fn eval_command(sh: &mut Shell, cmd: &Command, tail: bool) -> i32 {
    let mark = sh.process_sub_fds.len();
    let status = eval_command_inner(sh, cmd, tail);
    if sh.process_sub_fds.len() > mark {
        subshell::close_process_subs(sh, mark);
    }
    status
}

fn eval_command_inner(sh: &mut Shell, cmd: &Command, tail: bool) -> i32 {
    match cmd {
        Command::Simple(sc) => simple::run_simple(sh, sc, tail),
        Command::Compound(cc, redirs) => {
            if redirs.is_empty() {
                return eval_compound(sh, cc, tail);
            }
            let saved = match redirect::apply(sh, redirs, true) {
                Ok(s) => s,
                Err(()) => {
                    sh.last_status = 1;
                    return 1;
                }
            };
            let status = eval_compound(sh, cc, false);
            redirect::restore(saved);
            status
        }
        Command::FunctionDef(f) => {
            sh.lineno = f.span.line;
            let source = sh.call_stack.current_source();
            std::rc::Rc::make_mut(&mut sh.functions).insert(f.name.clone(), crate::shell::Function { def: f.clone(), source });
            sh.last_status = 0;
            0
        }
    }
}

pub(crate) enum LoopCtl {
    Next,
    Continue,
    Break,
}

/// After a loop body or condition: consumes a pending `break`/`continue` meant for this loop.
pub(crate) fn loop_control(sh: &mut Shell) -> LoopCtl {
    match sh.flow {
        None => LoopCtl::Next,
        Some(Flow::Break(n)) => {
            sh.flow = if n > 1 { Some(Flow::Break(n - 1)) } else { None };
            LoopCtl::Break
        }
        Some(Flow::Continue(n)) => {
            if n > 1 {
                sh.flow = Some(Flow::Continue(n - 1));
                LoopCtl::Break
            } else {
                sh.flow = None;
                LoopCtl::Continue
            }
        }
        Some(_) => LoopCtl::Break,
    }
}

pub fn eval_compound(sh: &mut Shell, cc: &CompoundCommand, tail: bool) -> i32 {
    if sys::stack::exhausted_deeper() {
        // Compound commands nested deeper than the stack allows (functions, `eval` and `.`
        // have checks of their own that name them).
        return crate::exec::too_deep(sh, "maximum nesting level exceeded");
    }
    if sh.traps.hook(trap::DEBUG) && !matches!(cc, CompoundCommand::For { .. }) {
        if let Some(text) = crate::syntax::print::compound_head(cc) {
            bash_traps::run_debug(sh, text);
        }
    }
    let status = match cc {
        CompoundCommand::BraceGroup(list) => eval_list(sh, list, tail),
        CompoundCommand::Subshell(list) => {
            if tail && sh.may_exec_in_place() {
                // This process ends right after: no need to fork again.
                sh.is_subshell = true;
                sh.subshell_level += 1;
                sh.generators.enter_subshell();
                let st = eval_list(sh, list, true);
                if matches!(sh.flow, Some(Flow::Exit)) {
                    sh.flow = None;
                }
                sh.failure_ignored = false;
                st
            } else {
                let st = match crate::exec::virtual_subshell::run_paren(sh, list) {
                    Some(st) => st,
                    None => subshell::run_subshell(sh, list),
                };
                sh.failure_ignored = false;
                st
            }
        }
        CompoundCommand::For { var, words: wordlist, body, span } => {
            sh.lineno = span.line;
            let items = match wordlist {
                Some(ws) => match words::expand_words(sh, ws) {
                    Ok(v) => v,
                    Err(e) => return simple::expansion_error(sh, e),
                },
                None => sh.positional.clone(),
            };
            // ^C while `$(seq 1 100000000)` ran: no need to start the loop.
            if sys::signal::any_pending() {
                trap::run_pending(sh);
                if sh.flow.is_some() {
                    return sh.last_status;
                }
            }
            let mut status = 0;
            sh.loop_depth += 1;
            // A reference as the control variable refers to each item in turn (bash).
            let reference = sh.vars.is_reference(var);
            for item in items {
                if sh.traps.hook(trap::DEBUG) {
                    bash_traps::run_debug(sh, crate::syntax::print::compound_head(cc).unwrap_or_default());
                }
                let assigned = if reference {
                    sh.vars.set_reference(var, item).map_err(Into::into)
                } else {
                    crate::shell::assign::assign(sh, var, item, false)
                };
                if let Err(e) = assigned {
                    sh.report_error(&e.to_string());
                    status = crate::exec::simple::assignment_failed(sh);
                    break;
                }
                status = eval_list(sh, body, false);
                match loop_control(sh) {
                    LoopCtl::Break => break,
                    LoopCtl::Continue | LoopCtl::Next => {}
                }
            }
            sh.loop_depth -= 1;
            status
        }
        CompoundCommand::Case { word, arms, span } => {
            sh.lineno = span.line;
            let subject = match words::expand_word(sh, word) {
                Ok(v) => v,
                Err(e) => return simple::expansion_error(sh, e),
            };
            let mut status = 0;
            let mut i = 0;
            'arms: while i < arms.len() {
                for pat in &arms[i].patterns {
                    let matched = match words::pattern_matches(sh, pat, &subject) {
                        Ok(m) => m,
                        Err(e) => return simple::expansion_error(sh, e),
                    };
                    if matched {
                        // Run this arm and, through `;&`, the following ones.
                        loop {
                            status = eval_list(sh, &arms[i].body, tail && arms[i].terminator == CaseTerminator::Break);
                            if sh.flow.is_some() || arms[i].terminator == CaseTerminator::Break || i + 1 >= arms.len() {
                                break 'arms;
                            }
                            if arms[i].terminator == CaseTerminator::TestNext {
                                // `;;&`: go on matching from the next arm.
                                i += 1;
                                continue 'arms;
                            }
                            i += 1;
                        }
                    }
                }
                i += 1;
            }
            status
        }
        CompoundCommand::If { branches, else_body, span } => {
            sh.lineno = span.line;
            let mut status = 0;
            let mut done = false;
            for (cond, body) in branches {
                sh.errexit_ignored += 1;
                let c = eval_list(sh, cond, false);
                sh.errexit_ignored -= 1;
                if sh.flow.is_some() {
                    return c;
                }
                if c == 0 {
                    status = eval_list(sh, body, tail);
                    done = true;
                    break;
                }
            }
            if !done {
                if let Some(e) = else_body {
                    status = eval_list(sh, e, tail);
                }
            }
            status
        }
        CompoundCommand::DoubleBracket(e, span) => {
            sh.lineno = span.line;
            sh.failure_ignored = false;
            match crate::expand::cond::eval(sh, e) {
                Ok(st) => st,
                Err(err) => return simple::expansion_error(sh, err.into()),
            }
        }
        CompoundCommand::While { cond, body, span } => eval_loop(sh, cond, body, true, span.line),
        CompoundCommand::Until { cond, body, span } => eval_loop(sh, cond, body, false, span.line),
        CompoundCommand::Arith { expr, span } => bash_compound::arith_command(sh, expr, span.line),
        CompoundCommand::ArithFor { init, test, step, body, span } => {
            bash_compound::arith_for(sh, init.as_deref(), test.as_deref(), step.as_deref(), body, span.line)
        }
        CompoundCommand::Select { var, words, body, span } => {
            bash_compound::select(sh, var, words.as_deref(), body, span.line)
        }
    };
    if sh.flow.is_some_and(Flow::keeps_status) {
        return sh.last_status;
    }
    sh.last_status = status;
    status
}

fn eval_loop(sh: &mut Shell, cond: &List, body: &List, is_while: bool, line: u32) -> i32 {
    sh.lineno = line;
    let mut status = 0;
    sh.loop_depth += 1;
    loop {
        sh.errexit_ignored += 1;
        let c = eval_list(sh, cond, false);
        sh.errexit_ignored -= 1;
        match loop_control(sh) {
            // `while return 7`: the status is the condition's (0 after `break`).
            LoopCtl::Break => {
                status = c;
                break;
            }
            LoopCtl::Continue => continue,
            LoopCtl::Next => {}
        }
        if (c == 0) != is_while {
            break;
        }
        status = eval_list(sh, body, false);
        if let LoopCtl::Break = loop_control(sh) {
            break;
        }
    }
    sh.loop_depth -= 1;
    status
}
