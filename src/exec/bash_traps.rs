//! bash's pseudo-signal traps: ERR (after a command fails), DEBUG (before each simple command
//! and the heads of `for`, `case`, `select`, `(( ))`, `[[ ]]`), RETURN (when a function or a
//! sourced file ends), and which of them functions and sourced files inherit (`set -E`,
//! `set -T`, `declare -ft`).
//!
//! Everything here is reached only when one of these traps is set (`Traps::hook`): with none
//! set, the executor pays one test of one word before a simple command and after a failure.

use crate::exec::trap::{self, Action, DEBUG, ERR, RETURN};
use crate::shell::{Attrs, Flow, Shell};
use crate::syntax::ast::{Command, CompoundCommand, Pipeline, SimpleCommand};
use crate::syntax::print;

/// Whether a failing pipeline is one bash runs the ERR trap for: a multi-command pipeline,
/// a simple command, a subshell, `(( ))` or `[[ ]]` — not a compound command made of other
/// commands (those ran it already for the command that failed inside).
pub fn fails_on_its_own(p: &Pipeline) -> bool {
    if p.commands.len() != 1 {
        return true;
    }
    match &p.commands[0] {
        Command::Simple(_) => true,
        Command::Compound(cc, _) => matches!(
            cc,
            CompoundCommand::Subshell(_) | CompoundCommand::Arith { .. } | CompoundCommand::DoubleBracket(..)
        ),
        Command::FunctionDef(_) => false,
    }
}

/// Runs the ERR trap after `p` failed (the caller checked that it applies).
#[cold]
pub fn run_err(sh: &mut Shell, p: &Pipeline) {
    if sh.in_trap {
        return;
    }
    if let Some(Action::Command(cmd)) = sh.traps.get(ERR).cloned() {
        if !sh.traps.hook(DEBUG) {
            // (With a DEBUG trap it already names the last simple command run, as in bash.)
            if let Some(last) = p.commands.last() {
                set_bash_command(sh, print::command_on_one_line(last));
            }
        }
        trap::run_action(sh, &cmd);
    }
}

/// `BASH_COMMAND` in a DEBUG or ERR trap: the text of the command about to run, or that
/// failed, kept in `Shell::bash_command`, which the variable reads (shell::dynamic).
fn set_bash_command(sh: &mut Shell, text: Vec<u8>) {
    sh.bash_command = text;
}

/// Runs the DEBUG trap before a command whose text is `text`.
#[cold]
pub fn run_debug(sh: &mut Shell, text: Vec<u8>) {
    if sh.in_trap {
        return;
    }
    if std::mem::take(&mut sh.traps.debug_done) {
        // A pipeline member whose trap the parent ran before forking it.
        return;
    }
    if let Some(Action::Command(cmd)) = sh.traps.get(DEBUG).cloned() {
        set_bash_command(sh, text);
        trap::run_action(sh, &cmd);
    }
}

/// The DEBUG trap before a simple command.
#[cold]
pub fn debug_simple(sh: &mut Shell, sc: &SimpleCommand) {
    run_debug(sh, print::simple_command(sc));
}

/// The traps a function or sourced file does not inherit, taken out while it runs.
#[derive(Default)]
pub struct Hidden {
    debug: Option<Action>,
    err: Option<Action>,
    ret: Option<Action>,
}

/// On entry to function `name`: hides the traps it does not inherit (bash's execute_function),
/// then runs the DEBUG trap if the function inherits it.
#[cold]
pub fn enter_function(sh: &mut Shell, name: &[u8]) -> Hidden {
    let traps = &sh.traps;
    let traced = (traps.hook(DEBUG) || traps.hook(RETURN))
        && (sh.options.functrace || sh.function_attrs.get(name).is_some_and(|a| a.contains(Attrs::TRACE)));
    let mut hidden = Hidden::default();
    if sh.traps.hook(DEBUG) && !traced {
        hidden.debug = sh.traps.take(DEBUG);
    }
    if sh.traps.hook(ERR) && !sh.options.errtrace {
        hidden.err = sh.traps.take(ERR);
    }
    if sh.traps.hook(RETURN) && !traced {
        hidden.ret = sh.traps.take(RETURN);
    }
    if sh.traps.hook(DEBUG) {
        // bash traps the start of the function too (BASH_COMMAND still names the call).
        run_debug(sh, sh.bash_command.clone());
    }
    hidden
}

/// When a function or sourced file ends: runs the RETURN trap (in its context, `$?` kept),
/// then puts back the traps hidden on entry unless it set new ones.
#[cold]
pub fn leave(sh: &mut Shell, hidden: Hidden) {
    if sh.traps.hook(RETURN) && !sh.in_trap {
        if let Some(Action::Command(cmd)) = sh.traps.get(RETURN).cloned() {
            let (flow, status) = (sh.flow.take(), sh.last_status);
            if flow == Some(Flow::Return) {
                // bash: `$?` is the status from before `return` ran.
                sh.last_status = sh.traps.status_before_return;
            }
            trap::run_action(sh, &cmd);
            if sh.flow.is_none() {
                sh.flow = flow;
                sh.last_status = status;
            }
        }
    }
    for (sig, action) in [(DEBUG, hidden.debug), (ERR, hidden.err), (RETURN, hidden.ret)] {
        if action.is_some() && sh.traps.get(sig).is_none() {
            sh.traps.put(sig, action);
        }
    }
}

/// On entry to a sourced file: without `set -T` it does not see the DEBUG trap (bash's
/// source builtin).
#[cold]
pub fn enter_source(sh: &mut Shell) -> Hidden {
    let mut hidden = Hidden::default();
    if sh.traps.hook(DEBUG) && !sh.options.functrace {
        hidden.debug = sh.traps.take(DEBUG);
    }
    hidden
}
