//! `trap`: set, reset, ignore and list trap actions.

use std::rc::Rc;

use crate::exec::trap::{self, Action};
use crate::shell::quote::quote;
use crate::shell::Shell;
use crate::sys;

fn list(sh: &Shell) -> i32 {
    let mut out = Vec::new();
    for (sig, action) in sh.traps.iter() {
        let cmd: &[u8] = match action {
            Action::Ignore => b"",
            Action::Command(c) => c,
        };
        out.extend_from_slice(b"trap -- ");
        out.extend_from_slice(&quote(cmd));
        out.push(b' ');
        out.extend_from_slice(trap::condition_name(sig).as_bytes());
        out.push(b'\n');
    }
    sys::fd::write_all(1, &out);
    0
}

pub fn trap(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"-p") && rest.len() == 1 {
        return list(sh);
    }
    if rest.first().is_some_and(|a| a == b"-l") {
        let mut out = Vec::new();
        for (n, name) in sys::signals::all() {
            out.extend_from_slice(format!("{n}) SIG{name}\n").as_bytes());
        }
        sys::fd::write_all(1, &out);
        return 0;
    }
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    if rest.is_empty() {
        return list(sh);
    }
    // `trap N ...` with a number first, or a lone condition: reset those conditions.
    let first_is_cond = (!rest[0].is_empty() && rest[0].iter().all(u8::is_ascii_digit)) || (rest.len() == 1 && trap::parse_condition(&rest[0]).is_some());
    let (action, conds) = if first_is_cond {
        (None, rest)
    } else if rest[0] == b"-" {
        (None, &rest[1..])
    } else if rest[0].is_empty() {
        (Some(Action::Ignore), &rest[1..])
    } else {
        (Some(Action::Command(Rc::from(rest[0].as_slice()))), &rest[1..])
    };
    let mut status = 0;
    for c in conds {
        match trap::parse_condition(c) {
            Some(sig) => trap::set(sh, sig, action.clone()),
            None => {
                sh.report_error(&format!("trap: {}: bad trap", String::from_utf8_lossy(c)));
                status = 1;
            }
        }
    }
    status
}
