//! `:`, `true`, `false`, `times`, `exec` (reached through `command exec`).

use crate::exec::simple;
use crate::shell::Shell;
use crate::sys;

pub fn colon(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    0
}

pub fn true_(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    0
}

pub fn false_(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    1
}

fn fmt_time(secs: f64) -> String {
    let m = (secs / 60.0).floor();
    format!("{}m{:.3}s", m as u64, secs - m * 60.0)
}

pub fn times(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    let [(su, ss), (cu, cs)] = sys::process::times();
    let out = format!("{} {}\n{} {}\n", fmt_time(su), fmt_time(ss), fmt_time(cu), fmt_time(cs));
    sys::fd::write_all(1, out.as_bytes());
    0
}

/// `exec` as a builtin value (the executor handles `exec` with its redirections itself).
pub fn exec(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    if rest.is_empty() {
        return 0;
    }
    simple::exec_in_place(sh, rest)
}
