//! Trap actions and running them between commands.
//!
//! The signal handler only records the signal (see `sys::signal`); the executor calls
//! [`run_pending`] after each command, so trap actions never run inside a handler.

use std::rc::Rc;

use crate::shell::{Flow, Shell};
use crate::sys::signal::{self, NSIG};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `trap '' SIG`
    Ignore,
    /// `trap 'cmd' SIG`
    Command(Rc<[u8]>),
}

/// bash's pseudo-signals, numbered after the real ones as bash numbers them (so `trap -p`
/// lists them last, in this order).
pub const DEBUG: i32 = NSIG as i32;
pub const ERR: i32 = NSIG as i32 + 1;
pub const RETURN: i32 = NSIG as i32 + 2;

/// Index 0 is EXIT; 1.. are signal numbers, then [`DEBUG`], [`ERR`], [`RETURN`].
#[derive(Debug, Clone)]
pub struct Traps {
    table: Vec<Option<Action>>,
    /// Number of entries holding a `Command`, so the common no-trap case costs nothing.
    commands: usize,
    /// Bit per pseudo-signal (see [`Traps::hook`]) holding a `Command`: the executor tests
    /// this one word before each simple command and after each failure.
    hooks: u8,
    /// In a pipeline member: the parent already ran the DEBUG trap for its command.
    pub(crate) debug_done: bool,
    /// `$?` when `return` ran, which the RETURN trap sees (recorded only while it is set).
    pub(crate) status_before_return: i32,
}

impl Default for Traps {
    fn default() -> Self {
        Traps { table: vec![None; NSIG + 3], commands: 0, hooks: 0, debug_done: false, status_before_return: 0 }
    }
}

impl Traps {
    pub fn get(&self, sig: i32) -> Option<&Action> {
        self.table.get(sig as usize).and_then(|a| a.as_ref())
    }

    /// Whether any trap with a command is set (then the last command cannot be exec'd in place).
    pub fn any_command(&self) -> bool {
        self.commands > 0
    }

    /// Whether the DEBUG, ERR or RETURN trap (`sig`) has a command.
    #[inline]
    pub fn hook(&self, sig: i32) -> bool {
        self.hooks & Self::hook_bit(sig) != 0
    }

    /// Whether any of DEBUG, ERR and RETURN has a command.
    #[inline]
    pub fn any_hook(&self) -> bool {
        self.hooks != 0
    }

    #[inline]
    fn hook_bit(sig: i32) -> u8 {
        match sig - DEBUG {
            n @ 0..=2 => 1 << n,
            _ => 0,
        }
    }

    pub(crate) fn put(&mut self, sig: i32, action: Option<Action>) {
        let Some(slot) = self.table.get_mut(sig as usize) else { return };
        if matches!(slot, Some(Action::Command(_))) {
            self.commands -= 1;
        }
        if matches!(action, Some(Action::Command(_))) {
            self.commands += 1;
            self.hooks |= Self::hook_bit(sig);
        } else {
            self.hooks &= !Self::hook_bit(sig);
        }
        *slot = action;
    }

    /// Takes the action of `sig` out (the function entry of a pseudo-signal's trap that the
    /// function does not inherit).
    pub(crate) fn take(&mut self, sig: i32) -> Option<Action> {
        let old = self.get(sig).cloned();
        self.put(sig, None);
        old
    }

    /// Whether a real signal (not EXIT, not a pseudo-signal) has a trap with a command.
    pub fn any_signal_command(&self) -> bool {
        self.commands > 0 && self.table[1..NSIG].iter().any(|a| matches!(a, Some(Action::Command(_))))
    }

    /// Whether any trap is set (with a command or ignoring).
    pub fn any_set(&self) -> bool {
        self.table.iter().any(Option::is_some)
    }

    /// Every set trap, EXIT first, as (number, action).
    pub fn iter(&self) -> impl Iterator<Item = (i32, &Action)> {
        self.table.iter().enumerate().filter_map(|(i, a)| a.as_ref().map(|a| (i as i32, a)))
    }
}

/// Sets the action for `sig` (0 = EXIT; `None` = default) and the signal disposition to match.
/// Signals ignored when a non-interactive shell started cannot be trapped: silently kept.
pub fn set(sh: &mut Shell, sig: i32, action: Option<Action>) {
    if sig >= DEBUG {
        sh.traps.put(sig, action);
        return;
    }
    if sig != 0 && signal::ignored_at_entry(sig) && !sh.options.interactive {
        return;
    }
    if sig != 0 && sig != libc::SIGKILL && sig != libc::SIGSTOP {
        match &action {
            Some(Action::Command(_)) => {
                signal::catch(sig);
            }
            Some(Action::Ignore) => {
                signal::set_ignore(sig);
            }
            None => {
                signal::clear(sig);
                restore_default(sh, sig);
            }
        }
    }
    sh.traps.put(sig, action);
}

/// The disposition a signal has when no trap is set: default, except for what an
/// interactive or job-control shell ignores for itself.
fn restore_default(sh: &Shell, sig: i32) {
    let interactive_ignores = [libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU, libc::SIGQUIT];
    if sh.options.interactive && (interactive_ignores.contains(&sig) || sig == libc::SIGTERM) {
        signal::shell_ignore(sig);
    } else if signal::shell_ignores(sig) {
        // SIGXFSZ always, SIGPIPE in an interactive shell.
        signal::set_ignore(sig);
    } else if sh.options.interactive && sig == libc::SIGINT {
        signal::catch(sig);
    } else if sig == libc::SIGHUP && sh.options.interactive && !sh.is_subshell && sh.jobs.terminal.is_some() {
        // Back to hanging up the jobs and leaving (see `jobs::start`).
        signal::catch_hangup();
    } else {
        signal::set_default(sig);
    }
}

/// In a new subshell: traps with commands go back to default (ignored signals stay ignored).
/// bash keeps the ERR trap under `set -E` and the DEBUG and RETURN traps under `set -T`.
pub fn reset_for_subshell(sh: &mut Shell) {
    if sh.traps.commands == 0 {
        return;
    }
    for sig in 0..NSIG as i32 {
        if matches!(sh.traps.get(sig), Some(Action::Command(_))) {
            sh.traps.put(sig, None);
            if sig != 0 {
                signal::set_default(sig);
            }
        }
    }
    if !sh.options.errtrace {
        sh.traps.put(ERR, None);
    }
    if !sh.options.functrace {
        sh.traps.put(DEBUG, None);
        sh.traps.put(RETURN, None);
    }
}

/// A subshell run in the shell process: as [`reset_for_subshell`], in the table only (no
/// real signal has a command then: see `exec::virtual_subshell`).
pub fn reset_table_for_subshell(sh: &mut Shell) {
    if sh.traps.commands == 0 {
        return;
    }
    if matches!(sh.traps.get(0), Some(Action::Command(_))) {
        sh.traps.put(0, None);
    }
    if !sh.options.errtrace {
        sh.traps.put(ERR, None);
    }
    if !sh.options.functrace {
        sh.traps.put(DEBUG, None);
        sh.traps.put(RETURN, None);
    }
}

/// Runs the actions of signals that arrived since the last call.
pub fn run_pending(sh: &mut Shell) {
    if sh.in_trap {
        return;
    }
    let signals = signal::take_pending();
    for (i, &sig) in signals.iter().enumerate() {
        if let Some(Action::Command(cmd)) = sh.traps.get(sig).cloned() {
            run_action(sh, &cmd);
            if sh.flow.is_some_and(Flow::keeps_status) {
                // The action left (exit, return): the other signals wait for the next check.
                for &later in &signals[i + 1..] {
                    signal::record(later);
                }
                return;
            }
        } else if sig == libc::SIGINT && sh.traps.get(sig).is_none() {
            interrupt(sh);
        } else if sig == libc::SIGHUP && sh.traps.get(sig).is_none() {
            // A hangup of an interactive shell (or of its command substitution): HUP the
            // jobs, give the terminal back, die.
            crate::jobs::hangup(sh);
        }
    }
}

/// An untrapped SIGINT reached the shell itself. The interactive shell abandons the command
/// line (a loop of builtins ends on the first ^C) and goes back to the prompt with status 130;
/// any other shell, or a subshell of the interactive one, dies of it as the default would.
fn interrupt(sh: &mut Shell) {
    if !sh.options.interactive || sh.is_subshell {
        signal::kill_self_with(libc::SIGINT);
    }
    if sh.flow != Some(Flow::Interrupt) {
        // The terminal echoed `^C`; the next prompt starts on a line of its own.
        crate::sys::fd::write_all(2, b"\n");
    }
    sh.last_status = 130;
    sh.flow = Some(Flow::Interrupt);
}

/// Runs a trap action: `$?` is preserved unless the action leaves what it interrupted: `exit`,
/// an interrupt, or (as in dash and bash) `break`, `continue` or `return`, which act on the
/// loop or function the signal arrived in.
pub fn run_action(sh: &mut Shell, cmd: &[u8]) {
    let saved_status = sh.last_status;
    let saved_flow = sh.flow.take();
    sh.in_trap = true;
    crate::exec::eval_string(sh, cmd, sh.lineno);
    sh.in_trap = false;
    match sh.flow {
        Some(_) => {}
        None => {
            sh.flow = saved_flow;
            sh.last_status = saved_status;
        }
    }
}

/// Runs the EXIT trap once (at shell exit).
pub fn run_exit_trap(sh: &mut Shell) {
    if let Some(Action::Command(cmd)) = sh.traps.get(0).cloned() {
        sh.traps.put(0, None);
        let status = sh.last_status;
        sh.flow = None;
        sh.in_trap = true;
        crate::exec::eval_string(sh, &cmd, sh.lineno);
        sh.in_trap = false;
        if !matches!(sh.flow, Some(Flow::Exit)) {
            sh.last_status = status;
        }
        sh.flow = Some(Flow::Exit);
    }
}

/// Parses a trap condition: `EXIT`, `0`, `DEBUG`, `ERR`, `RETURN` (any case, as bash), a
/// signal name or number.
pub fn parse_condition(s: &[u8]) -> Option<i32> {
    let upper = s.to_ascii_uppercase();
    match upper.strip_prefix(b"SIG").unwrap_or(&upper) {
        b"EXIT" | b"0" => return Some(0),
        b"DEBUG" => return Some(DEBUG),
        b"ERR" => return Some(ERR),
        b"RETURN" => return Some(RETURN),
        _ => {}
    }
    signal::parse(s).filter(|&n| n > 0 && (n as usize) < NSIG)
}

/// Whether the condition `sig` is a signal (not EXIT, DEBUG, ERR or RETURN).
pub fn is_signal(sig: i32) -> bool {
    sig > 0 && sig < DEBUG
}

/// The name `trap` prints for a condition.
pub fn condition_name(sig: i32) -> String {
    match sig {
        0 => "EXIT".to_string(),
        DEBUG => "DEBUG".to_string(),
        ERR => "ERR".to_string(),
        RETURN => "RETURN".to_string(),
        _ => signal::name(sig),
    }
}
