//! `caller [n]`: where the current function (or sourced file) was called from, or the `n`-th
//! level above it, read from the call stack as bash reads its arrays.

use super::util::{error, lossy, out, parse_decimal};
use crate::shell::Shell;
use crate::sys::fd::write_all;

pub fn caller(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    } else if let Some(a) = rest.first().filter(|a| a.len() > 1 && a[0] == b'-') {
        error(sh, args, format!("{}: invalid option", lossy(a)));
        write_all(2, b"caller: usage: caller [expr]\n");
        return 2;
    }
    let stack = &sh.call_stack;
    let Some(arg) = rest.first() else {
        // `LINE FILE` of the innermost call; the file is NULL at the top of a script.
        let Some(here) = stack.level(0) else { return 1 };
        let file = stack.level(1).map_or(&b"NULL"[..], |l| l.source);
        out(&line(&[here.line.to_string().as_bytes(), file]));
        return 0;
    };
    let n = match parse_decimal(arg) {
        Some(n) if n >= 0 => n as usize,
        _ => {
            error(sh, args, format!("{}: invalid number", lossy(arg)));
            write_all(2, b"caller: usage: caller [expr]\n");
            return 2;
        }
    };
    match (stack.level(n), stack.level(n + 1)) {
        (Some(here), Some(up)) => {
            out(&line(&[here.line.to_string().as_bytes(), up.name, up.source]));
            0
        }
        _ => 1,
    }
}

fn line(fields: &[&[u8]]) -> Vec<u8> {
    let mut l = fields.join(&b' ');
    l.push(b'\n');
    l
}
