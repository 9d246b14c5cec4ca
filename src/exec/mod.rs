//! The executor: walks the AST, applies redirections, forks and execs, waits.
//!
//! - `run`: the read-parse-execute loop (scripts, `-c`, standard input)
//! - `eval`: lists, and-or lists, pipelines, compound commands
//! - `simple`: simple commands, functions, builtins, external programs
//! - `redirect`: redirections with save/restore of the shell's fds
//! - `subshell`: forked children (subshells, pipeline members, `&`, `$(...)`)
//! - `lookup`: PATH search and the hash table
//! - `trap`: trap actions, run between commands
//! - `words`: the door to word expansion

pub mod assign;
mod bash_compound;
pub mod bash_traps;
pub use bash_compound::arith_failure;
pub mod eval;
pub mod lookup;
pub mod member;
pub mod redirect;
pub mod run;
pub mod simple;
pub mod subshell;
pub mod trap;
pub mod virtual_subshell;
pub mod words;

use crate::shell::Shell;
use crate::shell::options::Shopt;
use crate::syntax::ast::List;
use crate::syntax::{LineSource, ParseError, Parser, SliceSource};

/// Reads the next complete command the way the shell's options say: aliases are expanded
/// unless `shopt -u expand_aliases`, extended patterns are words under `shopt -s extglob`.
pub fn read_command<S: LineSource>(
    sh: &Shell,
    parser: &mut Parser<S>,
) -> Result<Option<List>, ParseError> {
    parser.set_extglob(sh.options.shopt(Shopt::Extglob));
    if sh.options.shopt(Shopt::ExpandAliases) {
        parser.next_command(&sh.aliases)
    } else {
        parser.next_command(&Default::default())
    }
}

/// Runs `body` in a subshell with its stdout captured (`$(...)`), returning the output with
/// NUL bytes dropped (trailing newlines are removed by the expander), or `None` when it is
/// too big for the memory left. Sets `sh.last_status`.
pub fn command_substitution(sh: &mut Shell, body: &List) -> Option<Vec<u8>> {
    if let Some(r) = file_to_substitute(body) {
        sh.subst_count += 1;
        return Some(redirect::read_whole_file(sh, r));
    }
    subshell::command_substitution(sh, body)
}

/// A substitution's output cannot hold a NUL byte (the shell's strings are C strings to the
/// programs it runs): they are dropped, with bash's warning.
pub(crate) fn drop_nul_bytes(sh: &Shell, out: &mut Vec<u8>) {
    if out.contains(&0) {
        sh.report_error("warning: command substitution: ignored null byte in input");
        out.retain(|&b| b != 0);
    }
}

/// `$(< file)` (bash, ksh): a body that is one simple command made of a single input
/// redirection of standard input. The file's contents are read without a process.
fn file_to_substitute(body: &List) -> Option<&crate::syntax::ast::Redirect> {
    use crate::syntax::ast::{Command, RedirOp, RedirTarget};
    let Command::Simple(sc) = body.lone_command()? else { return None };
    let [r] = sc.redirects.as_slice() else { return None };
    let plain = sc.assigns.is_empty() && sc.words.is_empty() && r.var.is_none();
    (plain && r.op == RedirOp::Input && r.fd.unwrap_or(0) == 0 && matches!(r.target, RedirTarget::Word(_)))
        .then_some(r)
}

/// `<(list)` / `>(list)`: starts the list on a pipe and returns the name of the shell's end.
pub fn process_substitution(sh: &mut Shell, body: &List, output: bool) -> Result<Vec<u8>, String> {
    subshell::process_substitution(sh, body, output)
}

/// Recursion too deep to go on (a nesting limit, or the stack nearly used up: see
/// `sys::stack`): reports `msg` and abandons the whole command line with status 1, as bash
/// does when `FUNCNEST` is exceeded. An interactive shell goes back to the prompt, a script on
/// to its next command.
#[cold]
#[inline(never)]
pub fn too_deep(sh: &mut Shell, msg: &str) -> i32 {
    sh.report_error(msg);
    sh.last_status = 1;
    sh.flow = Some(crate::shell::Flow::Interrupt);
    1
}

/// Parses and runs `src` in the current shell (trap actions), one complete command at a
/// time. A syntax error is reported and ends a non-interactive shell (status 2).
pub fn eval_string(sh: &mut Shell, src: &[u8], first_line: u32) -> i32 {
    match run_commands(sh, src, first_line) {
        Ok(status) => {
            sh.last_status = status;
            status
        }
        Err(()) => sh.fatal(2),
    }
}

/// Tells the parser the locale of the moment (bash decodes `$'\u..'` as it reads it): UTF-8
/// when `LC_ALL`, else `LC_CTYPE`, else `LANG` names a UTF-8 codeset.
pub(crate) fn note_locale(sh: &Shell) {
    crate::syntax::ansi_c::set_utf8(crate::shell::locale::is_utf8(&sh.vars));
}

/// Parses and runs `src` one complete command at a time, until its end or until a command asks
/// to leave (`sh.flow`); the status of the last command run. After a syntax error (reported;
/// the caller decides whether it ends the shell) `Err(())`.
pub fn run_commands(sh: &mut Shell, src: &[u8], first_line: u32) -> Result<i32, ()> {
    let mut parser = Parser::new(SliceSource::new(src), first_line.max(1));
    let mut status = 0;
    loop {
        note_locale(sh);
        match read_command(sh, &mut parser) {
            Ok(None) => return Ok(status),
            Ok(Some(list)) => {
                status = eval::eval_list(sh, &list, false);
                if sh.flow.is_some() {
                    return Ok(status);
                }
            }
            Err(e) => {
                sh.lineno = e.line;
                sh.report_error(&e.message);
                sh.last_status = 2;
                return Err(());
            }
        }
    }
}
