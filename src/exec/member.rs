//! Pipeline members started with posix_spawn from the shell itself instead of a forked
//! subshell that then execs: `grep x | sort | uniq -c` costs three vfork-like spawns, not
//! three copies of the shell's address space. A plain `echo` at the head of a pipeline or as a
//! whole command substitution is even run in place (`echo_in_place`).
//!
//! Only when nothing could tell the difference: no job control (a job's members are forked so
//! they join its group and take the terminal before they exec), no `set -x`, a simple command
//! without assignments that names a program found in PATH, and words and redirection targets
//! whose expansion can neither change the shell nor fail (no command substitution, arithmetic,
//! `${x=...}` or `${x?...}`, no parameters at all under `set -u`, no `$BASHPID` or `$RANDOM`,
//! whose values in a forked child are not the shell's).

use crate::exec::{lookup, redirect, simple, words};
use crate::shell::Shell;
use crate::sys::{self, process::CStrVec};
use crate::syntax::ast::{Command, Param, ParamOp, RedirTarget, SimpleCommand, Word, WordPart};

/// What became of a member.
pub enum Member {
    Spawned(i32),
    /// Run in the shell (`echo`), or a redirection failed (reported, as the forked child would
    /// have): its status, and no process.
    Done(i32),
    /// It must be forked (nothing was done).
    Fork,
}

/// How a member that qualifies will be started, decided before its fds are put in place.
pub enum Plan<'a> {
    /// A program at `path`.
    Spawn { sc: &'a SimpleCommand, argv: Vec<Vec<u8>>, path: Vec<u8> },
    /// The `echo` builtin, run in the shell.
    Echo(Vec<Vec<u8>>),
}

/// Output of an in-process `echo` up to this size always fits in a pipe (64 KB on Linux), so
/// writing it before anyone reads cannot block.
const ECHO_MAX: usize = 16 * 1024;

/// Whether `cmd` can be started without a fork, and how: expands its words (purely) and looks
/// its program up, touching no fds. With `echo_ok` (the first member of a pipeline, or a whole
/// command substitution: no reader can have gone yet, and the output fits the pipe) a plain
/// `echo` without redirections qualifies too. `None`: fork it.
pub fn plan<'a>(sh: &mut Shell, cmd: &'a Command, echo_ok: bool) -> Option<Plan<'a>> {
    let Command::Simple(sc) = cmd else {
        return None;
    };
    if sh.options.monitor || sh.options.xtrace || !qualifies(sc, sh.options.nounset) {
        return None;
    }
    let lineno = std::mem::replace(&mut sh.lineno, sc.span.line);
    let plan = plan_simple(sh, sc, echo_ok);
    sh.lineno = lineno;
    plan
}

fn plan_simple<'a>(sh: &mut Shell, sc: &'a SimpleCommand, echo_ok: bool) -> Option<Plan<'a>> {
    let argv = words::expand_words(sh, &sc.words).ok()?;
    let name = argv.first()?;
    if echo_ok && name == b"echo" && sc.redirects.is_empty() && simple::is_builtin(sh, b"echo") {
        let size: usize = argv.iter().map(|a| a.len() + 1).sum();
        return (size <= ECHO_MAX).then_some(Plan::Echo(argv));
    }
    if !simple::is_external(sh, name) {
        return None;
    }
    // Not found: the forked child says so and exits 127.
    let path = if name.contains(&b'/') { name.clone() } else { lookup::find_command(sh, name)? };
    Some(Plan::Spawn { sc, argv, path })
}

/// Starts a planned member, with its stdin and stdout already in place on fds 0 and 1.
pub fn start(sh: &mut Shell, plan: Plan<'_>) -> Member {
    match plan {
        Plan::Echo(argv) => match crate::builtins::find(b"echo") {
            Some(b) => Member::Done((b.run)(sh, &argv)),
            None => Member::Fork,
        },
        Plan::Spawn { sc, argv, path } => {
            let lineno = std::mem::replace(&mut sh.lineno, sc.span.line);
            let member = spawn(sh, sc, &argv, &path);
            sh.lineno = lineno;
            member
        }
    }
}

fn spawn(sh: &mut Shell, sc: &SimpleCommand, argv: &[Vec<u8>], path: &[u8]) -> Member {
    let Ok(saved) = redirect::apply(sh, &sc.redirects, true) else {
        // Reported as the forked child would have, which would then have exited 1.
        return Member::Done(1);
    };
    let env = simple::environment_for(sh, path);
    let cargv = CStrVec::new(argv);
    let sigdefault = sys::signal::child_sigdefault();
    let attrs = sys::process::SpawnAttrs { pgid: None, sigdefault: &sigdefault };
    let result = sys::process::spawn(&sys::process::cstring(path), &cargv, &env, &attrs);
    redirect::restore(saved);
    match result {
        Ok(pid) => Member::Spawned(pid),
        Err(e) => {
            // A stale hash entry, a script without `#!`, a permission error: the forked child
            // searches again, runs the script or reports the error.
            if e.raw_os_error() == Some(libc::ENOENT) {
                crate::exec::virtual_subshell::before_hash_change(sh);
                sh.cmd_hash.remove(&argv[0]);
            }
            Member::Fork
        }
    }
}

/// A simple command without assignments whose words and redirections expand purely.
fn qualifies(sc: &SimpleCommand, nounset: bool) -> bool {
    !sc.words.is_empty()
        && sc.assigns.is_empty()
        && sc.words.iter().all(|w| pure_word(w, nounset))
        && sc.redirects.iter().all(|r| match &r.target {
            RedirTarget::Word(w) => pure_word(w, nounset),
            RedirTarget::HereDoc(h) => h.quoted || pure_word(&h.body, nounset),
        })
}

/// Expanding the word has no effect on the shell and cannot fail.
fn pure_word(w: &Word, nounset: bool) -> bool {
    w.parts.iter().all(|p| pure_part(p, nounset))
}

fn pure_part(p: &WordPart, nounset: bool) -> bool {
    match p {
        WordPart::Literal(_) | WordPart::Quoted(_) | WordPart::Tilde(_) => true,
        WordPart::ProcessSub { .. } => false,
        WordPart::DoubleQuoted(parts) => parts.iter().all(|p| pure_part(p, nounset)),
        WordPart::Param(pe) => {
            !nounset
                && match &pe.param {
                    Param::Indirect(_) => false,
                    Param::Var(name) => !crate::shell::dynamic::differs_in_a_subshell(name),
                    Param::Element(e) => !crate::shell::dynamic::differs_in_a_subshell(&e.name),
                    _ => true,
                }
                && match &pe.op {
                    ParamOp::Plain | ParamOp::Length => true,
                    ParamOp::Default { word, .. }
                    | ParamOp::Alternative { word, .. }
                    | ParamOp::RemoveSmallestSuffix(word)
                    | ParamOp::RemoveLargestSuffix(word)
                    | ParamOp::RemoveSmallestPrefix(word)
                    | ParamOp::RemoveLargestPrefix(word) => pure_word(word, nounset),
                    ParamOp::Names { .. } => true,
                    ParamOp::Assign { .. }
                    | ParamOp::Error { .. }
                    | ParamOp::Invalid(_)
                    | ParamOp::Replace { .. }
                    | ParamOp::Substring(_)
                    | ParamOp::Case { .. }
                    | ParamOp::Transform(_) => false,
                }
        }
        WordPart::CommandSub(_) | WordPart::Arith(_) => false,
    }
}
