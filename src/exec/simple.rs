//! Simple commands (XCU 2.9.1): expansion, assignments, command search, builtins, functions and
//! external programs.

use std::rc::Rc;

use crate::builtins::{self, Builtin};
use crate::exec::{assign, bash_traps, eval, lookup, redirect, subshell, words};
use crate::shell::{Flow, Function, Shell, Var};
use crate::sys::{self, process::CStrVec};
use crate::syntax::ast::{Assign, AssignValue, Redirect, SimpleCommand, Word};

/// Reports an expansion error; it ends a non-interactive shell.
pub fn expansion_error(sh: &mut Shell, e: words::ExpandFail) -> i32 {
    if !e.message.is_empty() {
        sh.report_error(&e.message);
    }
    if !e.fatal {
        sh.last_status = 1;
        return 1;
    }
    let status = sh.fatal(1);
    if e.arith {
        // bash (also in POSIX mode) exits with 1 after an arithmetic error.
        sh.last_status = 1;
        return 1;
    }
    match e.exit_status {
        Some(s) if !sh.options.interactive => {
            sh.last_status = s;
            s
        }
        _ => status,
    }
}

pub fn run_simple(sh: &mut Shell, sc: &SimpleCommand, tail: bool) -> i32 {
    sh.lineno = sc.span.line;
    if sh.traps.hook(crate::exec::trap::DEBUG) {
        crate::exec::bash_traps::debug_simple(sh, sc);
    }
    let status = match keyword_assignments(sh, sc) {
        Some(moved) => run_inner(sh, &moved, tail),
        None => run_inner(sh, sc, tail),
    };
    // A function, `eval` or `.` whose last and-or list failed where `set -e` was ignored
    // still fails here, where it is not (the exceptions apply inside, not to the call).
    sh.failure_ignored = false;
    sh.last_status = status;
    status
}

/// `set -k` (bash's keyword): assignment words after the command name join the prefix
/// assignments, even for `export` and `declare`, as in bash. `None` when nothing moves.
fn keyword_assignments(sh: &Shell, sc: &SimpleCommand) -> Option<SimpleCommand> {
    if !sh.options.keyword || sc.words.len() < 2 {
        return None;
    }
    let mut moved = SimpleCommand { assigns: sc.assigns.clone(), words: vec![sc.words[0].clone()], ..sc.clone() };
    for w in &sc.words[1..] {
        match crate::syntax::array::split_assign(w.clone()) {
            Ok(a) => moved.assigns.push(a),
            Err(w) => moved.words.push(w),
        }
    }
    (moved.words.len() < sc.words.len()).then_some(moved)
}

/// What a command name resolved to.
enum Target {
    Special(&'static Builtin),
    Function(Function),
    Builtin(&'static Builtin),
    External,
}

/// `name` runs the (regular) builtin of that name: no function hides it.
pub fn is_builtin(sh: &Shell, name: &[u8]) -> bool {
    matches!(resolve(sh, name, true), Target::Builtin(b) if b.name.as_bytes() == name)
}

/// `name` runs a program (not a special builtin, function or builtin).
pub fn is_external(sh: &Shell, name: &[u8]) -> bool {
    matches!(resolve(sh, name, true), Target::External)
}

fn resolve(sh: &Shell, name: &[u8], functions: bool) -> Target {
    if name.contains(&b'/') {
        return Target::External;
    }
    let b = builtins::find(name).filter(|b| sh.builtin_enabled(b));
    if let Some(b) = b {
        if b.special {
            return Target::Special(b);
        }
    }
    if functions {
        if let Some(f) = sh.functions.get(name) {
            return Target::Function(f.clone());
        }
    }
    match b {
        Some(b) => Target::Builtin(b),
        // `%1` alone means `fg %1` (bash, zsh).
        None if name.first() == Some(&b'%') => builtins::find(b"fg").map_or(Target::External, Target::Builtin),
        None => Target::External,
    }
}

fn run_inner(sh: &mut Shell, sc: &SimpleCommand, tail: bool) -> i32 {
    let subst_before = sh.subst_count;
    // In a trap, BASH_COMMAND keeps naming the command the trap runs for.
    if sh.track_command_text && !sh.in_trap {
        sh.bash_command = crate::syntax::print::simple_command(sc);
    }
    let mut argv = if sc.words.is_empty() {
        Vec::new()
    } else {
        match words::expand_command_words(sh, &sc.words) {
            Ok(w) => w,
            Err(e) => return expansion_error(sh, e),
        }
    };
    if argv.is_empty() {
        let status = assignments_only(sh, sc, subst_before);
        sh.last_arg.clear();
        return status;
    }
    let target = resolve(sh, &argv[0], true);
    let call = Call { words: &argv, name_at: 0, assigns: &sc.assigns, redirs: &sc.redirects, tail, special_props: true };
    let status = dispatch(sh, target, &call);
    // `$_`: the last word, moved rather than dropped with the others.
    if let Some(last) = argv.pop() {
        sh.last_arg = last;
    }
    status
}

/// A simple command ready to run: its expanded words and what applies to it.
#[derive(Clone, Copy)]
struct Call<'a> {
    /// Every word, as `set -x` shows them (`command` and its options included).
    words: &'a [Vec<u8>],
    /// Where the command to run starts in `words` (after `command [-p] [--]`).
    name_at: usize,
    assigns: &'a [Assign],
    redirs: &'a [Redirect],
    /// The process exits right after this command (see `exec::eval`).
    tail: bool,
    /// Special builtins keep their special properties (not under `command`).
    special_props: bool,
}

impl<'a> Call<'a> {
    /// The command and its arguments.
    fn argv(&self) -> &'a [Vec<u8>] {
        &self.words[self.name_at..]
    }
}

/// `x=1 >f`: assignments persist, redirections are done and undone; the status is that of the
/// last command substitution, or 0.
fn assignments_only(sh: &mut Shell, sc: &SimpleCommand, subst_before: u64) -> i32 {
    if !sc.redirects.is_empty() {
        match redirect::apply(sh, &sc.redirects, true) {
            Ok(saved) => redirect::restore(saved),
            Err(()) => return 1,
        }
    }
    // `set -x` shows each assignment on a line of its own as it is made (bash, also in POSIX
    // mode), after the traces of the substitutions in its value.
    for a in &sc.assigns {
        let Some(word) = plain_assignment(a) else {
            match assign::perform(sh, a) {
                Ok(t) if sh.options.xtrace => xtrace(sh, &[t]),
                Ok(_) => {}
                Err(f) => return assign::report(sh, f),
            }
            continue;
        };
        let value = match words::expand_assignment_value(sh, word) {
            Ok(v) => v,
            Err(e) => return expansion_error(sh, e),
        };
        if sh.options.xtrace {
            xtrace(sh, &[assign_text(&a.name, &value)]);
        }
        if let Err(e) = set_var(sh, &a.name, value) {
            sh.report_error(&e.to_string());
            return assignment_failed(sh);
        }
    }
    if sh.subst_count != subst_before { sh.last_status } else { 0 }
}

/// The value word of a plain `name=value` (no subscript, no `+=`, no array).
#[inline]
fn plain_assignment(a: &Assign) -> Option<&Word> {
    match (&a.value, &a.subscript, a.append) {
        (AssignValue::Scalar(w), None, false) => Some(w),
        _ => None,
    }
}

/// A failed assignment (readonly variable, bad value of an integer variable) ends a
/// non-interactive shell with status 1, as in bash (also in POSIX mode).
pub fn assignment_failed(sh: &mut Shell) -> i32 {
    let _ = sh.fatal(1);
    sh.last_status = 1;
    1
}

/// Sets a variable the way an assignment does (through its attributes; `set -a` exports it).
pub fn set_var(sh: &mut Shell, name: &[u8], value: Vec<u8>) -> Result<(), crate::shell::assign::AssignError> {
    crate::shell::assign::assign(sh, name, value, false)
}

fn assign_text(name: &[u8], value: &[u8]) -> Vec<u8> {
    let mut t = name.to_vec();
    t.push(b'=');
    t.extend_from_slice(&crate::shell::quote::quote(value));
    t
}

/// Writes a `set -x` trace line: PS4 then the words.
pub fn xtrace(sh: &mut Shell, items: &[Vec<u8>]) {
    // PS4 is expanded like a prompt (parameters, $(...), escapes), never traced itself.
    let xtrace = std::mem::replace(&mut sh.options.xtrace, false);
    let ps4 = crate::interactive::prompt::expand_prompt(sh, crate::interactive::prompt::Which::Ps4);
    sh.options.xtrace = xtrace;
    let mut line: Vec<u8> = ps4.into_iter().filter(|&c| c != 1 && c != 2).collect();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            line.push(b' ');
        }
        line.extend_from_slice(it);
    }
    line.push(b'\n');
    sys::fd::write_all(2, &line);
}

/// `set -x` of a command: each prefix assignment on a line of its own, then the command (bash,
/// also in POSIX mode).
fn trace_command(sh: &mut Shell, assigns: &[(Vec<u8>, Vec<u8>)], argv: &[Vec<u8>]) {
    for (n, v) in assigns {
        xtrace(sh, &[assign_text(n, v)]);
    }
    if argv.is_empty() {
        return;
    }
    let items: Vec<Vec<u8>> = argv.iter().map(|w| {
        // A declaration utility's compound argument carries a NUL mark (expand::declaration).
        if w.contains(&crate::expand::declaration::COMPOUND_MARK) {
            let w: Vec<u8> = w.iter().copied().filter(|&c| c != crate::expand::declaration::COMPOUND_MARK).collect();
            return crate::shell::quote::quote(&w);
        }
        crate::shell::quote::quote(w)
    }).collect();
    xtrace(sh, &items);
}

/// Temporary assignments: the previous state of each variable, to put back.
type SavedVars = Vec<(Vec<u8>, Option<Var>)>;

/// Expands and makes the prefix assignments of `call` one after the other, so that each value
/// sees the ones before it (`a=1 b=$a cmd` gives b the value 1, as in dash and bash).
/// `temporary`: they are exported for the command and saved to be put back after it;
/// otherwise they persist (before a special builtin). Under `set -x` the command is traced
/// once they are made. On failure what was made is undone and the status to return is given.
fn make_prefix_assignments(
    sh: &mut Shell,
    call: &Call,
    temporary: bool,
) -> Result<Option<SavedVars>, i32> {
    let mut saved: SavedVars = Vec::new();
    let mut trace = Vec::new();
    for a in call.assigns {
        let word = match (&a.value, &a.subscript) {
            (AssignValue::Scalar(w), None) => w,
            // bash ignores `a=(...) cmd` and refuses `a[i]=v cmd`.
            (AssignValue::Array(_), None) => continue,
            (_, Some(sub)) => {
                let mut t = a.name.clone();
                t.push(b'[');
                crate::jobs::text::write_word(&mut t, sub);
                t.push(b']');
                sh.report_error(&format!("`{}': not a valid identifier", String::from_utf8_lossy(&t)));
                continue;
            }
        };
        let value = match words::expand_assignment_value(sh, word) {
            Ok(v) => v,
            Err(e) => {
                restore_vars(sh, saved);
                return Err(expansion_error(sh, e));
            }
        };
        // `x+=v cmd`: the temporary value is the old one with `v` appended.
        let value = match (a.append, sh.vars.get(&a.name)) {
            (true, Some(old)) => [old, &value].concat(),
            _ => value,
        };
        if sh.options.xtrace {
            trace.push((a.name.clone(), value.clone()));
        }
        let made = if temporary {
            if !saved.iter().any(|(n, _)| *n == a.name) {
                saved.push((a.name.clone(), sh.vars.var(&a.name).cloned()));
            }
            crate::shell::assign::assign(sh, &a.name, value, false).map(|()| sh.vars.export(&a.name))
        } else {
            set_var(sh, &a.name, value)
        };
        if let Err(e) = made {
            sh.report_error(&e.to_string());
            restore_vars(sh, saved);
            return Err(assignment_failed(sh));
        }
    }
    if sh.options.xtrace {
        trace_command(sh, &trace, call.words);
    }
    Ok((temporary && !saved.is_empty()).then_some(saved))
}

fn restore_vars(sh: &mut Shell, saved: SavedVars) {
    for (name, old) in saved.into_iter().rev() {
        sh.vars.restore(&name, old);
    }
}

/// Runs a resolved command.
fn dispatch(sh: &mut Shell, target: Target, call: &Call) -> i32 {
    if sh.jobs.stopped_warned {
        match &target {
            Target::Special(b) | Target::Builtin(b) => crate::jobs::command_ran(sh, Some(b.name)),
            Target::External => crate::jobs::command_ran(sh, None),
            Target::Function(_) => {}
        }
    }
    match target {
        Target::Special(b) if b.name == "exec" => run_exec(sh, call),
        Target::Builtin(b) if b.name == "command" => match builtins::command::run_form(call.argv()) {
            Some((default_path, at)) => run_under_command(sh, call, at, default_path),
            None => run_builtin(sh, b, call),
        },
        Target::Special(b) | Target::Builtin(b) => run_builtin(sh, b, call),
        Target::Function(f) => {
            let (saved, temp) = match prepare_temporary(sh, call) {
                Ok(p) => p,
                Err(st) => return st,
            };
            let status = call_function(sh, &f, call.argv());
            if let Some(t) = temp {
                restore_vars(sh, t);
            }
            redirect::restore(saved);
            status
        }
        Target::External => run_external(sh, call),
    }
}

/// `command [-p] name args`: runs `name args` with the command's own assignments and
/// redirections (so `command exec 3<f` keeps fd 3), past functions, a special builtin without
/// its special properties (its errors do not end the shell); `-p` searches a default PATH.
fn run_under_command(sh: &mut Shell, call: &Call, at: usize, default_path: bool) -> i32 {
    let inner = Call { name_at: call.name_at + at, special_props: false, ..*call };
    if !default_path {
        let target = resolve(sh, &inner.argv()[0], false);
        return dispatch(sh, target, &inner);
    }
    let saved = sh.vars.var(b"PATH").cloned();
    let _ = sh.vars.set(b"PATH", builtins::command::DEFAULT_PATH.to_vec());
    let target = resolve(sh, &inner.argv()[0], false);
    let status = dispatch(sh, target, &inner);
    sh.vars.restore(b"PATH", saved);
    status
}

/// Runs a builtin: redirections and prefix assignments around it (assignments persist before
/// a special builtin); an error of a special builtin ends a non-interactive shell.
fn run_builtin(sh: &mut Shell, b: &'static Builtin, call: &Call) -> i32 {
    let special = call.special_props && b.special;
    let saved = match redirect::apply(sh, call.redirs, true) {
        Ok(s) => s,
        Err(()) => {
            return if special { sh.fatal(1) } else { 1 };
        }
    };
    let temp = match make_prefix_assignments(sh, call, !special) {
        Ok(t) => t,
        Err(st) => {
            redirect::restore(saved);
            return st;
        }
    };
    sh.special_builtin_error = false;
    let status = (b.run)(sh, call.argv());
    if let Some(t) = temp {
        restore_vars(sh, t);
    }
    redirect::restore(saved);
    let status = if special && sh.special_builtin_error { sh.fatal(status) } else { status };
    sh.special_builtin_error = false;
    status
}

/// For a function or an external command: applies the redirections (saved for restoring),
/// traces the command under `set -x`, and makes the prefix assignments temporary. On failure
/// everything is undone and the status to return is given.
fn prepare_temporary(sh: &mut Shell, call: &Call) -> Result<(redirect::Saved, Option<SavedVars>), i32> {
    let saved = redirect::apply(sh, call.redirs, true).map_err(|()| 1)?;
    match make_prefix_assignments(sh, call, true) {
        Ok(t) => Ok((saved, t)),
        Err(st) => {
            redirect::restore(saved);
            Err(st)
        }
    }
}

/// `FUNCNEST` (bash): a positive number limits how deeply functions may call each other.
fn funcnest(sh: &Shell) -> Option<usize> {
    let v = sh.vars.get(b"FUNCNEST")?;
    let mut n: usize = 0;
    for &c in v {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n.saturating_mul(10).saturating_add((c - b'0') as usize);
    }
    (n > 0).then_some(n)
}

/// Calls a function with `argv[1..]` as its positional parameters.
pub fn call_function(sh: &mut Shell, f: &Function, argv: &[Vec<u8>]) -> i32 {
    // (At depth 0 no limit can be reached: the common call from the top level skips the lookup.)
    let limit = if sh.function_depth == 0 { None } else { funcnest(sh).filter(|&n| sh.function_depth >= n) };
    if limit.is_some() || sys::stack::exhausted() {
        let level = limit.unwrap_or(sh.function_depth);
        let name = String::from_utf8_lossy(&argv[0]);
        return crate::exec::too_deep(sh, &format!("{name}: maximum function nesting level exceeded ({level})"));
    }
    let saved_pos = std::mem::replace(&mut sh.positional, argv[1..].to_vec());
    let saved_loop = std::mem::replace(&mut sh.loop_depth, 0);
    sh.function_depth += 1;
    sh.call_stack.push_function(f, sh.lineno);
    sh.vars.push_scope();
    let hidden = sh.traps.any_hook().then(|| bash_traps::enter_function(sh, &argv[0]));
    let mut status = if f.redirects.is_empty() {
        eval::eval_compound(sh, &f.body, false)
    } else {
        // A failing redirection of the definition names the definition's line (dash, bash).
        sh.lineno = f.span.line;
        match redirect::apply(sh, &f.redirects, true) {
            Ok(saved) => {
                let st = eval::eval_compound(sh, &f.body, false);
                redirect::restore(saved);
                st
            }
            Err(()) => 1,
        }
    };
    if hidden.is_some() || sh.traps.any_hook() {
        bash_traps::leave(sh, hidden.unwrap_or_default());
    }
    sh.vars.pop_scope();
    sh.call_stack.pop();
    if !sh.local_options.is_empty() {
        sh.restore_local_options();
    }
    sh.function_depth -= 1;
    sh.loop_depth = saved_loop;
    sh.positional = saved_pos;
    if sh.flow == Some(Flow::Return) {
        sh.flow = None;
        status = sh.last_status;
    }
    sh.last_status = status;
    status
}

/// The environment for a child, cached until an exported variable changes.
pub fn environment(sh: &mut Shell) -> Rc<CStrVec> {
    if crate::shell::exported_functions::any(sh) {
        // Functions change without moving the generation: built afresh each time.
        let mut env = sh.vars.environment();
        env.extend(crate::shell::exported_functions::entries(sh));
        return Rc::new(CStrVec::new(env));
    }
    let generation = sh.vars.env_generation();
    if let Some((g, env)) = &sh.env_cache {
        if *g == generation {
            return env.clone();
        }
    }
    let env = Rc::new(CStrVec::new(sh.vars.environment()));
    sh.env_cache = Some((generation, env.clone()));
    env
}

/// The environment for the program at `path`: bash puts `_=path` in it.
pub fn environment_for(sh: &mut Shell, path: &[u8]) -> CStrVec {
    let mut entry = Vec::with_capacity(path.len() + 2);
    entry.extend_from_slice(b"_=");
    entry.extend_from_slice(path);
    CStrVec::with_entry(&environment(sh), &entry, |e| e.starts_with(b"_="))
}

/// Where an external command lives, or the 127 error already reported.
fn find_program(sh: &mut Shell, name: &[u8]) -> Option<Vec<u8>> {
    if name.contains(&b'/') {
        return Some(name.to_vec());
    }
    let found = lookup::find_command(sh, name);
    if found.is_none() {
        sh.report_error(&format!("{}: command not found", String::from_utf8_lossy(name)));
    }
    found
}

fn exec_error_status(e: &std::io::Error) -> i32 {
    if e.raw_os_error() == Some(libc::ENOENT) { 127 } else { 126 }
}

fn exec_error_message(path: &[u8], e: &std::io::Error) -> String {
    let p = String::from_utf8_lossy(path);
    if e.raw_os_error() == Some(libc::EACCES) && std::path::Path::new(&*p).is_dir() {
        return format!("{p}: Is a directory");
    }
    if e.raw_os_error() == Some(libc::ENOENT) {
        if let Some(interpreter) = missing_interpreter(path) {
            // The file is there: what is missing is the program its `#!` line names.
            let i = String::from_utf8_lossy(&interpreter);
            return format!("{p}: {i}: bad interpreter: {}", sys::fd::strerror(e));
        }
    }
    format!("{}: {}", p, sys::fd::strerror(e))
}

/// The interpreter named by the `#!` line of `path`, when the file exists and has one.
fn missing_interpreter(path: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::ffi::OsStrExt;
    let mut head = [0u8; 256];
    let mut file = std::fs::File::open(std::ffi::OsStr::from_bytes(path)).ok()?;
    let n = file.read(&mut head).ok()?;
    let line = head[..n].strip_prefix(b"#!")?;
    let line = &line[..line.iter().position(|&c| c == b'\n').unwrap_or(line.len())];
    let start = line.iter().position(|&c| c != b' ' && c != b'\t')?;
    let word = &line[start..];
    let end = word.iter().position(|&c| c == b' ' || c == b'\t').unwrap_or(word.len());
    Some(word[..end].to_vec())
}

fn run_external(sh: &mut Shell, call: &Call) -> i32 {
    let (saved, temp) = match prepare_temporary(sh, call) {
        Ok(p) => p,
        Err(st) => return st,
    };
    let argv = call.argv();
    let status = start_external(sh, argv, call.tail);
    if let Some(t) = temp {
        restore_vars(sh, t);
    }
    redirect::restore(saved);
    match status {
        Started::Pid(pid) => subshell::wait_pid(sh, pid),
        Started::Job(pid) => crate::jobs::launch::run_single_foreground(sh, job_text(argv), pid),
        Started::Status(st) => st,
    }
}

enum Started {
    Pid(i32),
    /// Started as a foreground job in its own process group (job control).
    Job(i32),
    Status(i32),
}

/// A command's text for `jobs`: its words, quoted where needed.
fn job_text(argv: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, a) in argv.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend(crate::shell::quote::quote(a));
    }
    out
}

/// Under job control a foreground program is forked (not spawned): the child must join its
/// own group and take the terminal before it execs, or it could read the terminal first and
/// be stopped by SIGTTIN.
fn start_job(sh: &mut Shell, path: &[u8], cpath: &std::ffi::CString, cargv: &CStrVec, env: &CStrVec, argv: &[Vec<u8>]) -> Started {
    match subshell::fork(sh, subshell::Kind::Job { pgid: 0, foreground: true }) {
        Ok(None) => {
            // SIGXFSZ, which a subshell still ignores for itself.
            sys::signal::reset_for_exec();
            let e = sys::process::execve(cpath, cargv, env);
            let st = after_exec_failure(sh, path, argv, e);
            sys::process::exit_now(st);
        }
        Ok(Some(pid)) => Started::Job(pid),
        Err(e) => {
            sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
            Started::Status(126)
        }
    }
}

fn start_external(sh: &mut Shell, argv: &[Vec<u8>], tail: bool) -> Started {
    let Some(path) = find_program(sh, &argv[0]) else {
        return Started::Status(127);
    };
    let env = environment_for(sh, &path);
    let cargv = CStrVec::new(argv);
    let cpath = sys::process::cstring(&path);
    if tail && sh.may_exec_in_place() {
        // The main shell of `-c` has signals of its own ignored (a forked child has already
        // given them back).
        sys::signal::reset_for_exec();
        let e = sys::process::execve(&cpath, &cargv, &env);
        return Started::Status(after_exec_failure(sh, &path, argv, e));
    }
    if crate::jobs::active(sh) {
        return start_job(sh, &path, &cpath, &cargv, &env, argv);
    }
    let sigdefault = sys::signal::child_sigdefault();
    let attrs = sys::process::SpawnAttrs { pgid: None, sigdefault: &sigdefault };
    let mut result = sys::process::spawn(&cpath, &cargv, &env, &attrs);
    if let Err(e) = &result {
        if e.raw_os_error() == Some(libc::ENOENT) && !argv[0].contains(&b'/') {
            // A stale hash entry: search again.
            crate::exec::virtual_subshell::before_hash_change(sh);
            sh.cmd_hash.remove(&argv[0]);
            if let Some(p) = lookup::find_command(sh, &argv[0]) {
                result = sys::process::spawn(&sys::process::cstring(&p), &cargv, &env, &attrs);
            }
        }
    }
    match result {
        Ok(pid) => Started::Pid(pid),
        Err(e) if e.raw_os_error() == Some(libc::ENOEXEC) => {
            if let Some(status) = refuse_binary(sh, &path) {
                return Started::Status(status);
            }
            match subshell::fork(sh, subshell::Kind::Subshell) {
                Ok(None) => {
                    let st = run_as_script(sh, &path, argv);
                    sys::process::exit_now(st);
                }
                Ok(Some(pid)) => Started::Pid(pid),
                Err(e) => {
                    sh.report_error(&format!("fork: {}", sys::fd::strerror(&e)));
                    Started::Status(126)
                }
            }
        }
        Err(e) => {
            sh.report_error(&exec_error_message(&path, &e));
            Started::Status(exec_error_status(&e))
        }
    }
}

/// After `execve` failed in a process that was going to be replaced: a script without `#!`
/// is run by this shell (ENOEXEC); otherwise the error is reported and the status returned.
fn after_exec_failure(sh: &mut Shell, path: &[u8], argv: &[Vec<u8>], e: std::io::Error) -> i32 {
    if e.raw_os_error() == Some(libc::ENOEXEC) {
        if let Some(status) = refuse_binary(sh, path) {
            return status;
        }
        let st = run_as_script(sh, path, argv);
        sys::process::exit_now(st);
    }
    sh.report_error(&exec_error_message(path, &e));
    exec_error_status(&e)
}

/// A file that exec refused (ENOEXEC) is run as a script unless it is binary (POSIX lets the
/// shell refuse a file that is not text; bash does, with status 126): then the error, and
/// that status.
fn refuse_binary(sh: &mut Shell, path: &[u8]) -> Option<i32> {
    let fd = sys::fd::open(&sys::process::cstring(path), libc::O_RDONLY | libc::O_CLOEXEC, 0).ok()?;
    let binary = crate::exec::run::is_binary_file(fd);
    sys::fd::close(fd);
    if !binary {
        return None;
    }
    let p = String::from_utf8_lossy(path);
    sh.report_error(&format!("{p}: cannot execute binary file: Exec format error"));
    Some(126)
}

/// Runs a file without `#!` as a shell script in this (already forked) process, as if a new
/// shell had been started on it.
fn run_as_script(sh: &mut Shell, path: &[u8], argv: &[Vec<u8>]) -> i32 {
    std::rc::Rc::make_mut(&mut sh.functions).clear();
    std::rc::Rc::make_mut(&mut sh.aliases).clear();
    let unexported: Vec<Vec<u8>> =
        sh.vars.iter().filter(|(_, v)| !v.is_exported()).map(|(k, _)| k.clone()).collect();
    for name in unexported {
        sh.vars.restore(&name, None);
    }
    crate::exec::run::init_vars(sh);
    sh.shell_pid = sys::process::getpid();
    sh.last_bg_pid = None;
    sh.function_depth = 0;
    sh.loop_depth = 0;
    sh.dot_depth = 0;
    sh.call_stack = crate::shell::CallStack::default();
    sh.flow = None;
    sh.arg0 = path.to_vec();
    sh.positional = argv[1..].to_vec();
    crate::exec::run::run_script_file(sh, path)
}

/// `exec [cmd [args]]`: redirections stay; with a command the shell is replaced by it.
fn run_exec(sh: &mut Shell, call: &Call) -> i32 {
    let (opts, args) = match crate::builtins::misc::exec_options(sh, call.argv()) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if !args.is_empty() && !crate::exec::virtual_subshell::need_process(sh) {
        // The subshell goes on in a child, which runs the program.
        return sh.last_status;
    }
    if crate::exec::virtual_subshell::saves_exec_redirections(sh) {
        match redirect::apply(sh, call.redirs, true) {
            Ok(saved) => crate::exec::virtual_subshell::keep_exec_redirections(sh, saved),
            Err(()) => return if call.special_props { sh.fatal(1) } else { 1 },
        }
    } else if redirect::apply(sh, call.redirs, false).is_err() {
        return if call.special_props { sh.fatal(1) } else { 1 };
    }
    // `x=1 exec` keeps the assignment; `x=1 command exec` (without its special properties)
    // and `x=1 exec cmd` make it for the new program only.
    let temporary = !(args.is_empty() && call.special_props);
    let temp = match make_prefix_assignments(sh, call, temporary) {
        Ok(t) => t,
        Err(st) => return st,
    };
    if args.is_empty() {
        if let Some(t) = temp {
            restore_vars(sh, t);
        }
        return 0;
    }
    exec_in_place(sh, args, &opts)
}

/// Replaces the shell with `argv` (the `exec` builtin, with its options). Returns only on
/// failure, after which a non-interactive shell exits.
pub fn exec_in_place(sh: &mut Shell, argv: &[Vec<u8>], opts: &crate::builtins::misc::ExecOpts) -> i32 {
    let status = match find_program(sh, &argv[0]) {
        None => 127,
        Some(path) => {
            // Without `_=path`: bash does not set it for `exec`.
            let env = if opts.clear_env { Rc::new(CStrVec::new(&[] as &[Vec<u8>])) } else { environment(sh) };
            let cargv = CStrVec::new(&opts.program_argv(argv));
            let cpath = sys::process::cstring(&path);
            sys::signal::reset_for_exec();
            let e = sys::process::execve(&cpath, &cargv, &env);
            after_exec_failure(sh, &path, argv, e)
        }
    };
    sh.exit_unless_interactive(status);
    status
}

/// `command name args`: runs `argv` skipping functions; special builtins lose their special
/// properties.
pub fn run_command_words(sh: &mut Shell, argv: &[Vec<u8>]) -> i32 {
    if argv.is_empty() {
        return 0;
    }
    let target = resolve(sh, &argv[0], false);
    let call = Call { words: argv, name_at: 0, assigns: &[], redirs: &[], tail: false, special_props: false };
    dispatch(sh, target, &call)
}
