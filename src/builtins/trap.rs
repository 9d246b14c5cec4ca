//! `trap`: set, reset, ignore and list trap actions (`-p`, `-l` as in bash).

use std::rc::Rc;

use crate::exec::trap::{self, Action};
use crate::shell::quote::single_quote;
use crate::shell::Shell;
use crate::sys;

/// `trap -- 'action' NAME`, the action always single-quoted (bash and dash); `sig_names`: a
/// signal is named as bash's `trap -p` names it (`SIGINT`), not as POSIX's `trap` (`INT`).
fn entry(out: &mut Vec<u8>, sig: i32, action: &Action, sig_names: bool) {
    let cmd: &[u8] = match action {
        Action::Ignore => b"",
        Action::Command(c) => c,
    };
    out.extend_from_slice(b"trap -- ");
    out.extend_from_slice(&single_quote(cmd));
    out.push(b' ');
    if sig_names && trap::is_signal(sig) {
        out.extend_from_slice(b"SIG");
    }
    out.extend_from_slice(trap::condition_name(sig).as_bytes());
    out.push(b'\n');
}

fn list(sh: &Shell, sig_names: bool) -> i32 {
    let mut out = Vec::new();
    for (sig, action) in sh.traps.iter() {
        entry(&mut out, sig, action, sig_names);
    }
    sys::fd::write_all(1, &out);
    0
}

/// `trap -p COND...`: the traps of the conditions named that are set.
fn list_named(sh: &Shell, conds: &[Vec<u8>], sig_names: bool) -> i32 {
    let mut out = Vec::new();
    let mut status = 0;
    for c in conds {
        match trap::parse_condition(c) {
            Some(sig) => {
                if let Some(action) = sh.traps.get(sig) {
                    entry(&mut out, sig, action, sig_names);
                }
            }
            None => {
                invalid_signal(sh, c);
                status = 1;
            }
        }
    }
    sys::fd::write_all(1, &out);
    status
}

fn invalid_signal(sh: &Shell, c: &[u8]) {
    sh.report_error(&format!("trap: {}: invalid signal specification", String::from_utf8_lossy(c)));
}

/// `trap -l` and `kill -L`: bash's table, five `NN) SIGNAME` a line separated by tabs.
pub fn signal_table() -> Vec<u8> {
    let mut out = Vec::new();
    let mut column = 0;
    for (n, name) in sys::signals::all() {
        out.extend_from_slice(format!("{n:2}) SIG{name}").as_bytes());
        column += 1;
        if column < 5 {
            out.push(b'\t');
        } else {
            out.push(b'\n');
            column = 0;
        }
    }
    if column != 0 {
        out.push(b'\n');
    }
    out
}

pub fn trap(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let (print, signals, rest) = match super::util::scan_opts(sh, args, b"lp", false) {
        Ok(o) => (o.has(b'p'), o.has(b'l'), &args[o.next..]),
        Err(status) => {
            sh.special_builtin_error = true;
            return status;
        }
    };
    if signals {
        return super::util::out_checked(sh, args, &signal_table());
    }
    if print || rest.is_empty() {
        // `trap` alone lists as POSIX says (dash, bash's POSIX mode); `trap -p` as bash.
        let sig_names = print && !sh.options.posix;
        return if rest.is_empty() { list(sh, sig_names) } else { list_named(sh, rest, sig_names) };
    }
    // `trap N ...` with a number first, or a lone condition: reset those conditions.
    let first_is_cond = (!rest[0].is_empty() && rest[0].iter().all(u8::is_ascii_digit))
        || (rest.len() == 1 && trap::parse_condition(&rest[0]).is_some());
    let (action, conds) = if first_is_cond {
        (None, rest)
    } else if rest[0] == b"-" {
        (None, &rest[1..])
    } else if rest[0].is_empty() {
        (Some(Action::Ignore), &rest[1..])
    } else {
        (Some(Action::Command(Rc::from(rest[0].as_slice()))), &rest[1..])
    };
    if conds.is_empty() {
        // `trap -` or `trap cmd` with no condition.
        let status = super::options::usage_error(args);
        sh.special_builtin_error = true;
        return status;
    }
    // A signal's disposition belongs to a process: a subshell gets its own here.
    if conds.iter().any(|c| trap::parse_condition(c).is_some_and(|s| s != 0 && s < trap::DEBUG))
        && !crate::exec::virtual_subshell::need_process(sh)
    {
        return sh.last_status;
    }
    let mut status = 0;
    for c in conds {
        match trap::parse_condition(c) {
            Some(sig) => trap::set(sh, sig, action.clone()),
            None => {
                invalid_signal(sh, c);
                status = 1;
            }
        }
    }
    status
}
