//! Pipeline members started with posix_spawn from the shell itself instead of a forked
//! subshell that then execs: `grep x | sort | uniq -c` costs three vfork-like spawns, not
//! three copies of the shell's address space. A plain `echo` at the head of a pipeline or as a
//! whole command substitution is even run in place (`echo_in_place`).
//!
//! Only when nothing could tell the difference: no job control (a job's members are forked so
//! they join its group and take the terminal before they exec), no `set -x`, a simple command
//! without assignments that names a program found in PATH, and words and redirection targets
//! whose expansion can neither change the shell nor fail (no command substitution, arithmetic,
//! `${x=...}` or `${x?...}`, no parameters at all under `set -u`).

use crate::exec::{lookup, redirect, simple, words};
use crate::shell::Shell;
use crate::sys::{self, process::CStrVec};
use crate::syntax::ast::{Command, ParamOp, RedirTarget, SimpleCommand, Word, WordPart};

/// What became of a member.
pub enum Member {
    Spawned(i32),
    /// A redirection failed (reported, as the forked child would have): its status.
    Failed(i32),
    /// It must be forked (nothing was done).
    Fork,
}

/// Starts `cmd` with its stdin and stdout already in place on fds 0 and 1, if it qualifies.
pub fn spawn(sh: &mut Shell, cmd: &Command) -> Member {
    let Command::Simple(sc) = cmd else {
        return Member::Fork;
    };
    if sh.options.monitor || sh.options.xtrace || !qualifies(sc, sh.options.nounset) {
        return Member::Fork;
    }
    let lineno = std::mem::replace(&mut sh.lineno, sc.span.line);
    let member = start(sh, sc);
    sh.lineno = lineno;
    member
}

fn start(sh: &mut Shell, sc: &SimpleCommand) -> Member {
    let Ok(argv) = words::expand_words(sh, &sc.words) else {
        return Member::Fork;
    };
    if argv.is_empty() || !simple::is_external(sh, &argv[0]) {
        return Member::Fork;
    }
    let path = if argv[0].contains(&b'/') {
        argv[0].clone()
    } else {
        match lookup::find_command(sh, &argv[0]) {
            Some(p) => p,
            // Not found: the forked child says so and exits 127.
            None => return Member::Fork,
        }
    };
    let Ok(saved) = redirect::apply(sh, &sc.redirects, true) else {
        // Reported as the forked child would have, which would then have exited 1.
        return Member::Failed(1);
    };
    let env = simple::environment(sh);
    let cargv = CStrVec::new(&argv);
    let sigdefault = sys::signal::child_sigdefault();
    let attrs = sys::process::SpawnAttrs { pgid: None, sigdefault: &sigdefault };
    let result = sys::process::spawn(&sys::process::cstring(&path), &cargv, &env, &attrs);
    redirect::restore(saved);
    match result {
        Ok(pid) => Member::Spawned(pid),
        Err(e) => {
            // A stale hash entry, a script without `#!`, a permission error: the forked child
            // searches again, runs the script or reports the error.
            if e.raw_os_error() == Some(libc::ENOENT) {
                sh.cmd_hash.remove(&argv[0]);
            }
            Member::Fork
        }
    }
}

/// Output of an in-process `echo` up to this size always fits in a pipe (64 KB on Linux), so
/// writing it before anyone reads cannot block.
const ECHO_MAX: usize = 16 * 1024;

/// `echo` with pure words and no redirections, as the first member of a pipeline or the whole
/// of a command substitution: run in the shell itself with its output going into the pipe
/// (on fd 1). Its output (at most its arguments, spaces and a newline) fits the pipe, and no
/// reader can have gone yet. Returns its status, or `None` (nothing done) when it must be
/// forked.
pub fn echo_in_place(sh: &mut Shell, cmd: &Command) -> Option<i32> {
    let Command::Simple(sc) = cmd else {
        return None;
    };
    let is_echo = matches!(sc.words.first().map(|w| w.parts.as_slice()), Some([WordPart::Literal(n)]) if n == b"echo");
    if !is_echo || !sc.redirects.is_empty() || sh.options.xtrace || !qualifies(sc, sh.options.nounset) {
        return None;
    }
    if !simple::is_builtin(sh, b"echo") {
        return None;
    }
    let lineno = std::mem::replace(&mut sh.lineno, sc.span.line);
    let argv = words::expand_words(sh, &sc.words).ok();
    let status = match argv {
        Some(argv) if argv.iter().map(|a| a.len() + 1).sum::<usize>() <= ECHO_MAX => {
            crate::builtins::find(b"echo").map(|b| (b.run)(sh, &argv))
        }
        _ => None,
    };
    sh.lineno = lineno;
    status
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
        WordPart::DoubleQuoted(parts) => parts.iter().all(|p| pure_part(p, nounset)),
        WordPart::Param(pe) => {
            !nounset
                && match &pe.op {
                    ParamOp::Plain | ParamOp::Length => true,
                    ParamOp::Default { word, .. }
                    | ParamOp::Alternative { word, .. }
                    | ParamOp::RemoveSmallestSuffix(word)
                    | ParamOp::RemoveLargestSuffix(word)
                    | ParamOp::RemoveSmallestPrefix(word)
                    | ParamOp::RemoveLargestPrefix(word) => pure_word(word, nounset),
                    ParamOp::Assign { .. } | ParamOp::Error { .. } | ParamOp::Invalid(_) => false,
                }
        }
        WordPart::CommandSub(_) | WordPart::Arith(_) => false,
    }
}
