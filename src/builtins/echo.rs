//! `echo [-neE] [string...]`, as bash has it: backslash escapes are interpreted only with `-e`
//! (or under `shopt -s xpg_echo`), where `\c` ends the output. Options are leading words made
//! only of the letters `n`, `e` and `E`; the first other word, `-` and `--` included, is
//! printed. (POSIX leaves echo with `-n` or a backslash implementation-defined; dash's echo
//! always interprets, bash's does not.)

use super::escape::{Escaper, Flavor};
use super::util::out_checked;
use crate::shell::Shell;

pub fn echo(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut ops = args.get(1..).unwrap_or(&[]);
    let mut newline = true;
    let mut escapes = xpg_echo(sh);
    while let Some(first) = ops.first() {
        let letters = match first.split_first() {
            Some((b'-', l)) if !l.is_empty() && l.iter().all(|c| b"neE".contains(c)) => l,
            _ => break,
        };
        for &c in letters {
            match c {
                b'n' => newline = false,
                b'e' => escapes = true,
                _ => escapes = false,
            }
        }
        ops = &ops[1..];
    }
    let mut buf = Vec::with_capacity(64);
    let mut escaper = escapes.then(|| Escaper {
        flavor: Flavor::Echo,
        utf8: crate::shell::locale::is_utf8(&sh.vars),
        warn: false,
        warnings: Vec::new(),
    });
    for (i, a) in ops.iter().enumerate() {
        if i > 0 {
            buf.push(b' ');
        }
        match escaper.as_mut() {
            Some(e) if a.contains(&b'\\') => {
                if !e.expand(a, &mut buf) {
                    return out_checked(sh, args, &buf);
                }
            }
            _ => buf.extend_from_slice(a),
        }
    }
    if newline {
        buf.push(b'\n');
    }
    out_checked(sh, args, &buf)
}

/// `shopt -s xpg_echo`: escapes by default.
fn xpg_echo(sh: &Shell) -> bool {
    sh.options.shopt(crate::shell::options::Shopt::XpgEcho)
}
