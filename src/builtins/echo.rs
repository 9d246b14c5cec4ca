//! `echo [-n] [string...]`, as dash has it (XSI): backslash escapes are always interpreted,
//! `\c` ends the output, and only a first operand of exactly `-n` is an option. `--` is an
//! ordinary operand (POSIX: echo takes no options).

use super::escape::expand_echo;
use super::util::out_checked;
use crate::shell::Shell;

pub fn echo(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut ops = args.get(1..).unwrap_or(&[]);
    let mut newline = true;
    if ops.first().is_some_and(|a| a == b"-n") {
        newline = false;
        ops = &ops[1..];
    }
    let mut buf = Vec::with_capacity(64);
    for (i, a) in ops.iter().enumerate() {
        if i > 0 {
            buf.push(b' ');
        }
        if !a.contains(&b'\\') {
            buf.extend_from_slice(a);
        } else if !expand_echo(a, &mut buf) {
            return out_checked(sh, args, &buf);
        }
    }
    if newline {
        buf.push(b'\n');
    }
    out_checked(sh, args, &buf)
}
