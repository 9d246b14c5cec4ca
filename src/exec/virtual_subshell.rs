//! Subshells that run in the shell process (ksh93's virtual subshells): `( list )` and
//! `$(list)` without a fork when nothing in them needs a process of their own.
//!
//! On entry the state a subshell may change is saved cheaply: variables through the journal
//! of `shell::vars` (one saved copy per variable changed), functions and aliases shared
//! copy-on-write, the small things (options, positional parameters, `$!`, traps, jobs,
//! depths) moved or copied; process state is saved on first change only (`cd`, `umask`,
//! `exec` redirections: see [`Undo`]). Leaving puts everything back. `exit`, `return`,
//! `break` and errors end only the subshell. A substitution's output stays in memory while
//! only the shell writes it; a pipe, which a thread of the shell reads, becomes fd 1 when a
//! program is started or fd 1 is otherwise needed as a descriptor (`sys::capture`).
//!
//! Where a process is needed after all (`cmd &`, `exec prog`, a signal trap, `ulimit`), the
//! subshell goes on in a forked child from that point ([`need_process`]): the shell unwinds
//! as for `exit` and waits for the child where the subshell began.
//!
//! `CHITIN_FORK_SUBSHELLS=1` in the environment forks every subshell (to compare).

use std::rc::Rc;
use std::sync::OnceLock;

use crate::builtins::getopts;
use crate::exec::lookup::HashTable;
use crate::exec::{eval, redirect, subshell, trap};
use crate::interactive::history::History;
use crate::jobs::table::{JobState, JobTable};
use crate::shell::dynamic::Generators;
use crate::shell::{Attrs, FastMap, Flow, Function, Options, Shell};
use crate::sys;
use crate::syntax::ast::List;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `( list )`
    Paren,
    /// `$(list)`
    Substitution,
}

/// A subshell being run in the shell process (one per nesting level).
pub struct Level {
    kind: Kind,
    saved: Saved,
    /// Process state changed inside, undone last first.
    undo: Vec<Undo>,
    /// In the shell: the child the subshell went on in.
    child: Option<i32>,
    /// In that child: the subshell is this process now, which ends with it.
    forked: bool,
}

/// The shell's state on entry.
///
/// Every field of `Shell` is accounted for here, so that a field added there is thought about
/// here too:
/// - `vars`: journaled (`shell::vars::journal`): the first change to a name saves its old
///   value; nothing is copied on entry. The locale, `TZ`, `SHELLOPTS`/`BASHOPTS` and the
///   environment cache follow the variables (read from them, or keyed on their generation).
/// - `functions`, `function_attrs`, `aliases`: shared (`Rc`), copied on the first change.
/// - `options` (with shopt's), `arg0`, `positional`, `positional_sets`, `last_bg_pid`,
///   `dir_stack`, `disabled_builtins`, `pipestatus`, `last_arg`, `generators` (`RANDOM`,
///   `SECONDS`), `bash_command`/`track_command_text`: small, copied on entry.
/// - `traps`: copied only when one is set (then reset as for a subshell); `debug_done` and
///   `status_before_return` always (two words).
/// - `jobs`: moved out; the subshell sees copies as not its own (see [`merge_jobs`]).
/// - the counters and flags `lineno`, `is_subshell`, `in_trap`, `function_depth`,
///   `loop_depth`, `dot_depth`, `errexit_ignored`, `failure_ignored`, `subshell_level`
///   (`BASH_SUBSHELL` is one more inside), and `local_options` (its length).
/// - `cmd_hash` and `history`: saved whole on the first change inside ([`Undo`]): every
///   external command looks up and counts a hit, but a subshell without one costs nothing.
///   What the subshell found by searching PATH is kept aside, unlisted, for the next
///   lookup (`HashTable::keep_found_inside`).
/// - `completion`: `complete` and `compopt` changing specs inside go on in a child
///   ([`need_process`]); listing them does not.
/// - `readline`: `bind` changing a binding or setting (or reading the init file) inside goes
///   on in a child, as `complete` does; listing does not.
/// - getopts' position inside a word of options (a thread-local of `builtins::getopts`
///   keyed on `OPTIND`): saved on the first `getopts` inside ([`Undo`]).
/// - `call_stack`, `script_name`: pushed and popped in pairs by function calls and `.`,
///   also when `exit` unwinds, so they are as they were when the subshell ends.
/// - `flow`: ends the subshell (`exit`, `return`, ...), cleared when it ends.
/// - `last_status`: the subshell's status is the `$?` after it.
/// - `shell_pid`, `subst_count`, `special_builtin_error`, `process_sub_fds`, `env_cache`:
///   constant, counters only compared for change, or transient within one command.
/// - the read-ahead of `read` (`sys::readahead`): bytes read ahead of a seekable input
///   stay in the shell's buffer, where the next `read` of the same descriptor takes them
///   whether it runs inside or after the subshell; every other reader of that descriptor
///   (a program started, a fork, a redirection) gives them back first. So the shared offset
///   is where a forked subshell leaves it (which gives them back when it exits).
/// - `virtual_levels`: this stack.
struct Saved {
    options: Options,
    arg0: Vec<u8>,
    positional: Vec<Vec<u8>>,
    positional_sets: u32,
    last_bg_pid: Option<i32>,
    functions: Rc<FastMap<Vec<u8>, Function>>,
    function_attrs: Rc<std::collections::HashMap<Vec<u8>, Attrs>>,
    aliases: Rc<std::collections::HashMap<Vec<u8>, Vec<u8>>>,
    /// `None` when no trap was set.
    traps: Option<trap::Traps>,
    debug_done: bool,
    status_before_return: i32,
    jobs: JobTable,
    dir_stack: Vec<Vec<u8>>,
    disabled_builtins: Vec<&'static str>,
    pipestatus: Vec<i32>,
    last_arg: Vec<u8>,
    /// `None` while the text is not tracked (then it is not read either).
    bash_command: Option<Vec<u8>>,
    track_command_text: bool,
    generators: Generators,
    lineno: u32,
    is_subshell: bool,
    subshell_level: u32,
    in_trap: bool,
    function_depth: usize,
    loop_depth: usize,
    dot_depth: usize,
    errexit_ignored: usize,
    failure_ignored: bool,
    local_options: usize,
}

/// Process state to put back.
enum Undo {
    /// Descriptors before `exec` redirections.
    Fds(redirect::Saved),
    /// The directory before the first `cd`, open.
    Cwd(sys::fd::Token),
    /// The file creation mask before the first `umask`.
    Umask(u32),
    /// The command hash table before the first change (a lookup counts a hit).
    Hash(HashTable),
    /// The history before the first `history` or `fc`.
    History(Box<History>),
    /// getopts' state before the first `getopts`.
    Getopts(getopts::Position),
}

/// Forking every subshell was asked for (`CHITIN_FORK_SUBSHELLS=1`).
fn forced_fork() -> bool {
    static FORCED: OnceLock<bool> = OnceLock::new();
    *FORCED.get_or_init(|| std::env::var_os("CHITIN_FORK_SUBSHELLS").is_some_and(|v| v == "1"))
}

/// Whether a subshell can start in the shell process. Not under job control or at an
/// interactive shell (^Z must stop the subshell alone, ^C must not reach the prompt's
/// handling), not with a signal trap set (a signal must find the subshell's default
/// disposition), and for `( )` not while background jobs are known (`( jobs )` lists
/// none; the substitutions' processes are never listed).
fn eligible(sh: &Shell, kind: Kind) -> bool {
    !sh.options.monitor
        && !sh.options.interactive
        && !sh.traps.any_signal_command()
        && (kind == Kind::Substitution || sh.jobs.jobs.iter().all(|j| j.substitution))
        && !forced_fork()
}

/// `( list )`: `None` when it must be forked instead.
pub fn run_paren(sh: &mut Shell, list: &List) -> Option<i32> {
    if !eligible(sh, Kind::Paren) {
        return None;
    }
    enter(sh, Kind::Paren);
    let status = eval::eval_list(sh, list, false);
    Some(leave(sh, status))
}

/// `$(list)`: its output (NUL bytes dropped), `Some(None)` when it does not fit in memory;
/// `None` when it must be forked instead. Sets `$?`.
pub fn substitution(sh: &mut Shell, list: &List) -> Option<Option<Vec<u8>>> {
    if !eligible(sh, Kind::Substitution) {
        return None;
    }
    // What the shell writes stays in memory; fd 1 becomes a pipe only when something needs
    // it as a descriptor (`sys::capture`). That includes `$(prog ...)` and `$(... | prog)`:
    // the program is started with vfork as anywhere else, and a thread reads the pipe, where
    // forking the whole shell to run it cost more (500 x `x=$(/bin/echo hi)` under load:
    // 0.81 s against 1.21 s, and less CPU time: 0.56 s against 0.64 s).
    if !sys::capture::begin() && sys::capture::begin_real().is_err() {
        return None;
    }
    enter(sh, Kind::Substitution);
    let status = eval::eval_list(sh, list, false);
    let status = leave(sh, status);
    let out = sys::capture::end();
    sh.last_status = status;
    let Some(mut out) = out else { return Some(None) };
    crate::exec::drop_nul_bytes(sh, &mut out);
    Some(Some(out))
}

fn enter(sh: &mut Shell, kind: Kind) {
    let traps = sh.traps.any_set().then(|| sh.traps.clone());
    trap::reset_table_for_subshell(sh);
    // The shell's jobs stay in view, as not the subshell's own (`$(jobs)` lists them, see
    // `subshell::fork`); what the subshell learns of them goes back in `merge_jobs`.
    let jobs = std::mem::take(&mut sh.jobs);
    if !jobs.jobs.is_empty() {
        sh.jobs.jobs = jobs.jobs.clone();
        sh.jobs.inherit();
    }
    sh.vars.open_journal();
    let saved = Saved {
        options: sh.options.clone(),
        arg0: sh.arg0.clone(),
        positional: sh.positional.clone(),
        positional_sets: sh.positional_sets,
        last_bg_pid: sh.last_bg_pid,
        functions: Rc::clone(&sh.functions),
        function_attrs: Rc::clone(&sh.function_attrs),
        aliases: Rc::clone(&sh.aliases),
        traps,
        debug_done: sh.traps.debug_done,
        status_before_return: sh.traps.status_before_return,
        jobs,
        dir_stack: sh.dir_stack.clone(),
        disabled_builtins: sh.disabled_builtins.clone(),
        pipestatus: sh.pipestatus.clone(),
        last_arg: sh.last_arg.clone(),
        bash_command: sh.track_command_text.then(|| sh.bash_command.clone()),
        track_command_text: sh.track_command_text,
        generators: sh.generators.clone(),
        lineno: sh.lineno,
        is_subshell: sh.is_subshell,
        subshell_level: sh.subshell_level,
        in_trap: sh.in_trap,
        function_depth: sh.function_depth,
        loop_depth: sh.loop_depth,
        dot_depth: sh.dot_depth,
        errexit_ignored: sh.errexit_ignored,
        failure_ignored: sh.failure_ignored,
        local_options: sh.local_options.len(),
    };
    sh.is_subshell = true;
    sh.subshell_level += 1;
    sh.generators.enter_subshell();
    sh.in_trap = false;
    if kind == Kind::Substitution {
        // As in a forked substitution (see `subshell::fork`).
        sh.errexit_ignored = 0;
    }
    sh.virtual_levels.push(Level { kind, saved, undo: Vec::new(), child: None, forked: false });
}

/// Ends the innermost subshell with `status` (or what `exit` gave): its EXIT trap, then the
/// shell's state back. In a child the subshell went on in, the process ends here.
fn leave(sh: &mut Shell, status: i32) -> i32 {
    let level = sh.virtual_levels.last().expect("a subshell was entered");
    if level.forked {
        subshell::finish(sh, status);
    }
    let child = level.child;
    let mut status = status;
    if matches!(sh.flow, Some(Flow::Exit)) {
        status = sh.last_status;
    }
    // `exit`, `return`, `break`, errors and interrupts end the subshell only.
    sh.flow = None;
    if child.is_none() {
        sh.last_status = status;
        trap::run_exit_trap(sh);
        status = sh.last_status & 0xff;
        sh.flow = None;
    }
    let level = sh.virtual_levels.pop().expect("a subshell was entered");
    restore(sh, level);
    if let Some(pid) = child {
        status = subshell::wait_pid(sh, pid);
    }
    sh.last_status = status;
    status
}

fn restore(sh: &mut Shell, level: Level) {
    for undo in level.undo.into_iter().rev() {
        match undo {
            Undo::Fds(saved) => redirect::restore(saved),
            Undo::Cwd(t) => {
                let fd = sys::fd::disown(t);
                let _ = sys::fd::fchdir(fd);
                sys::fd::close(fd);
            }
            Undo::Umask(mask) => sys::fd::set_umask(mask),
            Undo::Hash(table) => {
                let inner = std::mem::replace(&mut sh.cmd_hash, table);
                sh.cmd_hash.keep_found_inside(inner);
            }
            Undo::History(history) => sh.history = *history,
            Undo::Getopts(position) => getopts::set_position(position),
        }
    }
    sh.vars.close_journal();
    let s = level.saved;
    sh.options = s.options;
    sh.arg0 = s.arg0;
    sh.positional = s.positional;
    sh.positional_sets = s.positional_sets;
    sh.last_bg_pid = s.last_bg_pid;
    sh.functions = s.functions;
    sh.function_attrs = s.function_attrs;
    sh.aliases = s.aliases;
    match s.traps {
        Some(t) => sh.traps = t,
        None if sh.traps.any_set() => sh.traps = Default::default(),
        None => {}
    }
    sh.traps.debug_done = s.debug_done;
    sh.traps.status_before_return = s.status_before_return;
    let inner = std::mem::replace(&mut sh.jobs, s.jobs);
    merge_jobs(sh, inner);
    sh.dir_stack = s.dir_stack;
    sh.disabled_builtins = s.disabled_builtins;
    sh.pipestatus = s.pipestatus;
    sh.last_arg = s.last_arg;
    if let Some(text) = s.bash_command {
        sh.bash_command = text;
    }
    sh.track_command_text = s.track_command_text;
    sh.generators = s.generators;
    sh.lineno = s.lineno;
    sh.is_subshell = s.is_subshell;
    sh.subshell_level = s.subshell_level;
    sh.in_trap = s.in_trap;
    sh.function_depth = s.function_depth;
    sh.loop_depth = s.loop_depth;
    sh.dot_depth = s.dot_depth;
    sh.errexit_ignored = s.errexit_ignored;
    sh.failure_ignored = s.failure_ignored;
    sh.local_options.truncate(s.local_options);
}

/// What the subshell learnt about processes that stay the shell's: process substitutions it
/// started (the shell reaps them), and the shell's jobs it saw end (`$(wait)`, `$(jobs)`).
fn merge_jobs(sh: &mut Shell, inner: JobTable) {
    for job in inner.jobs {
        if job.foreign {
            for p in job.processes.iter().filter(|p| p.is_done()) {
                if let Some(st) = p.status {
                    sh.jobs.record(p.pid, st);
                }
            }
        } else if job.substitution && job.state != JobState::Done {
            sh.jobs.add_substitution(job.pgid);
        }
    }
}

/// Whether the innermost subshell went on in a child, the shell only unwinding to wait for it
/// (errors met on the way are the child's to report: see `dynamic::refresh`).
pub fn abandoned(sh: &Shell) -> bool {
    sh.virtual_levels.last().is_some_and(|l| l.child.is_some())
}

/// Whether the innermost subshell runs in the shell process (not yet forked).
#[inline]
fn in_process(sh: &Shell) -> bool {
    sh.virtual_levels.last().is_some_and(|l| !l.forked)
}

/// Something needs a process of its own (`cmd &`, `exec prog`, a signal trap, `ulimit`):
/// a subshell running in the shell process goes on in a forked child from here. `true` where
/// the caller goes on (that child, or no such subshell); `false` in the shell, which must
/// return at once: the subshell is ending (as for `exit`) and waits for the child.
pub fn need_process(sh: &mut Shell) -> bool {
    if !in_process(sh) {
        return true;
    }
    let forked = subshell::fork(sh, subshell::Kind::Virtual);
    let level = sh.virtual_levels.last_mut().expect("checked above");
    match forked {
        Ok(None) => {
            level.forked = true;
            true
        }
        Ok(Some(pid)) => {
            level.child = Some(pid);
            sh.flow = Some(Flow::Exit);
            false
        }
        Err(e) => {
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            sh.last_status = 1;
            sh.flow = Some(Flow::Exit);
            false
        }
    }
}

/// Before `cd` changes the directory: keeps the current one to come back to. `false` when
/// that failed and the caller must not go on (the subshell then went on in a child or
/// ended: see [`need_process`]).
pub fn before_chdir(sh: &mut Shell) -> bool {
    if !in_process(sh) {
        return true;
    }
    let level = sh.virtual_levels.last_mut().expect("checked above");
    if level.undo.iter().any(|u| matches!(u, Undo::Cwd(_))) {
        return true;
    }
    match sys::fd::open_cwd().and_then(|fd| sys::fd::move_high(fd, sys::fd::SHELL_FD_BASE)) {
        Ok(fd) => {
            level.undo.push(Undo::Cwd(sys::fd::own(fd)));
            true
        }
        Err(_) => need_process(sh),
    }
}

/// Before `umask` changes the mask: keeps the current one.
pub fn before_umask(sh: &mut Shell) {
    if !in_process(sh) {
        return;
    }
    let level = sh.virtual_levels.last_mut().expect("checked above");
    if !level.undo.iter().any(|u| matches!(u, Undo::Umask(_))) {
        level.undo.push(Undo::Umask(sys::fd::get_umask()));
    }
}

/// Before the command hash table changes (every lookup of an external command counts a hit).
#[inline]
pub fn before_hash_change(sh: &mut Shell) {
    if in_process(sh) {
        save_once(sh, |u| matches!(u, Undo::Hash(_)), |sh| Undo::Hash(sh.cmd_hash.clone()));
    }
}

/// Before `history` or `fc` (which may change the history).
pub fn before_history_change(sh: &mut Shell) {
    if in_process(sh) {
        save_once(sh, |u| matches!(u, Undo::History(_)), |sh| Undo::History(Box::new(sh.history.clone())));
    }
}

/// Before `getopts` (which keeps its place inside a word of options).
pub fn before_getopts(sh: &mut Shell) {
    if in_process(sh) {
        save_once(sh, |u| matches!(u, Undo::Getopts(_)), |_| Undo::Getopts(getopts::position()));
    }
}

/// Adds to the innermost level the undo entry `make` gives, unless it has one that `is` finds.
fn save_once(sh: &mut Shell, is: impl Fn(&Undo) -> bool, make: impl FnOnce(&Shell) -> Undo) {
    let level = sh.virtual_levels.last().expect("in a subshell");
    if level.undo.iter().any(is) {
        return;
    }
    let undo = make(sh);
    sh.virtual_levels.last_mut().expect("in a subshell").undo.push(undo);
}

/// Whether `exec` redirections must be saved (a subshell runs in the shell process): then
/// they are given to [`keep_exec_redirections`].
pub fn saves_exec_redirections(sh: &Shell) -> bool {
    in_process(sh)
}

/// `exec` redirections in a subshell running in the shell process: the descriptors they
/// replaced, put back when it ends.
pub fn keep_exec_redirections(sh: &mut Shell, saved: redirect::Saved) {
    if let Some(level) = sh.virtual_levels.last_mut() {
        level.undo.push(Undo::Fds(saved));
    }
}

impl Level {
    /// Whether this is a command substitution (as opposed to `( )`).
    pub fn is_substitution(&self) -> bool {
        self.kind == Kind::Substitution
    }
}
