//! `break`, `continue`, `return`, `exit`: non-local control flow, acted on by the executor.

use crate::shell::{Flow, Shell};

/// Parses an optional numeric operand (after an optional `--`).
fn operand(args: &[Vec<u8>]) -> Option<&[u8]> {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    rest.first().map(|a| a.as_slice())
}

fn parse_num(s: &[u8]) -> Option<i64> {
    std::str::from_utf8(s).ok()?.trim().parse().ok()
}

fn loop_count(sh: &mut Shell, name: &str, args: &[Vec<u8>]) -> Option<usize> {
    let n = match operand(args) {
        None => 1,
        Some(a) => match parse_num(a) {
            Some(n) if n >= 1 => n as usize,
            _ => {
                sh.report_error(&format!("{}: {}: loop count out of range", name, String::from_utf8_lossy(a)));
                return None;
            }
        },
    };
    Some(n)
}

pub fn break_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let Some(n) = loop_count(sh, "break", args) else { return 1 };
    if sh.loop_depth > 0 {
        sh.flow = Some(Flow::Break(n.min(sh.loop_depth)));
    }
    0
}

pub fn continue_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let Some(n) = loop_count(sh, "continue", args) else { return 1 };
    if sh.loop_depth > 0 {
        sh.flow = Some(Flow::Continue(n.min(sh.loop_depth)));
    }
    0
}

fn status_operand(sh: &mut Shell, name: &str, args: &[Vec<u8>]) -> Result<i32, ()> {
    match operand(args) {
        None => Ok(sh.last_status),
        Some(a) => match parse_num(a) {
            Some(n) => Ok((n & 0xff) as i32),
            None => {
                sh.report_error(&format!("{}: {}: numeric argument required", name, String::from_utf8_lossy(a)));
                Err(())
            }
        },
    }
}

pub fn return_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let status = match status_operand(sh, "return", args) {
        Ok(s) => s,
        Err(()) => 2,
    };
    if sh.function_depth == 0 && sh.dot_depth == 0 {
        // Outside any function or dot script, `return` ends the script like `exit` (dash).
        sh.last_status = status;
        sh.flow = Some(Flow::Exit);
        return status;
    }
    if sh.traps.hook(crate::exec::trap::RETURN) {
        sh.traps.status_before_return = sh.last_status;
    }
    sh.last_status = status;
    sh.flow = Some(Flow::Return);
    status
}

pub fn exit(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    crate::jobs::say_leaving(sh);
    if crate::jobs::exit_blocked(sh) {
        return 1;
    }
    let status = status_operand(sh, "exit", args).unwrap_or(2);
    sh.last_status = status;
    sh.flow = Some(Flow::Exit);
    status
}
