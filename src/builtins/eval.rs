//! `eval` and `.` (dot): run text or a file in the current shell.

use crate::shell::{Flow, Shell};
use crate::sys;

pub fn eval(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let rest = match no_options(sh, args, true) {
        Ok(rest) => rest,
        Err(status) => return status,
    };
    if sys::stack::exhausted() {
        return crate::exec::too_deep(sh, "eval: maximum nesting level exceeded");
    }
    let text = rest.join(&b' ');
    match crate::exec::run_commands(sh, &text, sh.lineno) {
        Ok(status) => {
            sh.last_status = status;
            status
        }
        Err(()) => {
            // A special builtin's error: fatal unless run through `command`.
            sh.special_builtin_error = true;
            2
        }
    }
}

/// Finds the file for `.`: names with a slash as they are, others in PATH (readable files).
/// `source`, which POSIX does not know, then tries the current directory as bash does.
fn find_dot_file(sh: &Shell, name: &[u8], try_cwd: bool) -> Option<Vec<u8>> {
    if name.contains(&b'/') {
        return Some(name.to_vec());
    }
    let path = sh.vars.get(b"PATH").unwrap_or(b"/usr/bin:/bin");
    for dir in path.split(|&c| c == b':') {
        let mut full = if dir.is_empty() { b".".to_vec() } else { dir.to_vec() };
        full.push(b'/');
        full.extend_from_slice(name);
        let c = sys::process::cstring(&full);
        if let Ok(fd) = sys::fd::open(&c, libc::O_RDONLY, 0) {
            let regular = sys::fd::is_regular(fd);
            sys::fd::close(fd);
            if regular {
                return Some(full);
            }
        }
    }
    try_cwd.then(|| name.to_vec())
}

/// `.`: a special builtin, whose errors end a non-interactive shell.
pub fn dot(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run_file(sh, args, true)
}

/// `source`: bash's `.`, a regular builtin (its errors are not fatal) that also looks for the
/// file in the current directory when PATH does not have it.
pub fn source(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run_file(sh, args, false)
}

/// The operands of a builtin that takes no options (`eval`, `.`, `source`): after a `--`; an
/// option word is a usage error, fatal to a script when the builtin is `special`.
fn no_options<'a>(sh: &mut Shell, args: &'a [Vec<u8>], special: bool) -> Result<&'a [Vec<u8>], i32> {
    match super::util::scan_opts(sh, args, b"", false) {
        Ok(o) => Ok(&args[o.next..]),
        Err(status) => {
            sh.special_builtin_error |= special;
            Err(status)
        }
    }
}

fn run_file(sh: &mut Shell, args: &[Vec<u8>], special: bool) -> i32 {
    let who = if special { "." } else { "source" };
    let rest = match no_options(sh, args, special) {
        Ok(rest) => rest,
        Err(status) => return status,
    };
    let Some(name) = rest.first() else {
        sh.report_error(&format!("{who}: filename argument required"));
        return super::options::usage_error(args);
    };
    if sys::stack::exhausted() {
        let msg = format!("{who}: {}: maximum nesting level exceeded", String::from_utf8_lossy(name));
        return crate::exec::too_deep(sh, &msg);
    }
    let Some(path) = find_dot_file(sh, name, !special) else {
        sh.report_error(&format!("{who}: {}: not found", String::from_utf8_lossy(name)));
        sh.special_builtin_error |= special;
        return 1;
    };
    if crate::interactive::progcomp::defers(sh, &path) {
        return 0;
    }
    let mut content = Vec::new();
    let c = sys::process::cstring(&path);
    match sys::fd::open(&c, libc::O_RDONLY, 0) {
        Ok(fd) => {
            let r = sys::fd::read_to_end(fd, &mut content);
            sys::fd::close(fd);
            if let Err(e) = r {
                sh.report_error(&format!("{who}: {}: {}", String::from_utf8_lossy(name), sys::fd::strerror(&e)));
                sh.special_builtin_error |= special;
                return 1;
            }
        }
        Err(e) => {
            sh.report_error(&format!("{who}: {}: {}", String::from_utf8_lossy(name), sys::fd::strerror(&e)));
            sh.special_builtin_error |= special;
            return 1;
        }
    }
    let saved_pos = if rest.len() > 1 { Some(std::mem::replace(&mut sh.positional, rest[1..].to_vec())) } else { None };
    let sets_before = sh.positional_sets;
    let saved_name = sh.script_name.replace(path.clone());
    let saved_line = sh.lineno;
    sh.dot_depth += 1;
    sh.call_stack.push_source(&path, saved_line);
    let hidden = sh.traps.any_hook().then(|| crate::exec::bash_traps::enter_source(sh));
    let parsed = crate::exec::run_commands(sh, &content, 1);
    if hidden.is_some() || sh.traps.any_hook() {
        crate::exec::bash_traps::leave(sh, hidden.unwrap_or_default());
    }
    let mut status = parsed.unwrap_or(2);
    sh.call_stack.pop();
    sh.dot_depth -= 1;
    sh.script_name = saved_name;
    sh.lineno = saved_line;
    if let Some(p) = saved_pos {
        // Put back, unless the file gave new ones with `set` outside any function (bash).
        if sh.positional_sets == sets_before || sh.function_depth > 0 {
            sh.positional = p;
        }
    }
    if sh.flow == Some(Flow::Return) {
        sh.flow = None;
        status = sh.last_status;
    }
    sh.last_status = status;
    if parsed.is_err() {
        // A special builtin's error: fatal unless run through `command`.
        sh.special_builtin_error |= special;
    }
    status
}
