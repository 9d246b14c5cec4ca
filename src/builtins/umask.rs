//! `umask [-p] [-S] [mask]`: octal or symbolic (`u=rwx,g+w,o-x`) like chmod, applied to the
//! permissions the mask leaves allowed.

use nix::sys::stat::{Mode, umask as sys_umask};

use super::util::{error, lossy, out, scan_opts};
use crate::shell::Shell;

fn current() -> u32 {
    let old = sys_umask(Mode::empty());
    sys_umask(old);
    old.bits() as u32 & 0o777
}

/// `u=rwx,g=rx,o=rx` for the permissions a mask allows.
pub fn symbolic(mask: u32) -> String {
    let allowed = !mask & 0o777;
    let mut s = String::new();
    for (i, who) in ['u', 'g', 'o'].iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push(*who);
        s.push('=');
        let bits = (allowed >> (6 - 3 * i)) & 7;
        for (b, c) in [(4, 'r'), (2, 'w'), (1, 'x')] {
            if bits & b != 0 {
                s.push(c);
            }
        }
    }
    s
}

/// Applies a mask operand to `mask`: octal digits, or comma-separated symbolic clauses.
pub fn parse(spec: &[u8], mask: u32) -> Result<u32, String> {
    if spec.first().is_some_and(u8::is_ascii_digit) {
        let mut v: u32 = 0;
        for &c in spec {
            if !(b'0'..=b'7').contains(&c) || v > 0o7777 {
                return Err(format!("{}: octal number out of range", lossy(spec)));
            }
            v = v * 8 + (c - b'0') as u32;
        }
        return Ok(v & 0o777);
    }
    // bash names the offending character, and writes the string's terminating NUL for the end
    // of the operand.
    let at = |i: usize| spec.get(i).map_or('\0', |&c| c as char);
    let mut allowed = !mask & 0o777;
    let mut i = 0;
    loop {
        let mut who = 0u32;
        while let Some(&c) = spec.get(i) {
            who |= match c {
                b'u' => 0o700,
                b'g' => 0o070,
                b'o' => 0o007,
                b'a' => 0o777,
                _ => break,
            };
            i += 1;
        }
        if who == 0 {
            who = 0o777;
        }
        let op = spec.get(i).copied().filter(|c| matches!(c, b'+' | b'-' | b'='));
        let Some(op) = op else {
            return Err(format!("`{}': invalid symbolic mode operator", at(i)));
        };
        i += 1;
        let mut perm = 0u32;
        while let Some(&c) = spec.get(i) {
            perm |= match c {
                b'r' => 0o444,
                b'w' => 0o222,
                b'x' | b'X' => 0o111,
                b's' | b't' => 0,
                // Copy another class's current bits to every class.
                b'u' => ((allowed >> 6) & 7) * 0o111,
                b'g' => ((allowed >> 3) & 7) * 0o111,
                b'o' => (allowed & 7) * 0o111,
                b',' => break,
                _ => return Err(format!("`{}': invalid symbolic mode character", c as char)),
            };
            i += 1;
        }
        let perm = perm & who;
        match op {
            b'+' => allowed |= perm,
            b'-' => allowed &= !perm,
            _ => allowed = (allowed & !who) | perm,
        }
        if i >= spec.len() {
            return Ok(!allowed & 0o777);
        }
        i += 1; // the comma
    }
}

pub fn umask(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"Sp", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let mask = current();
    match args.get(opts.next) {
        None => {
            // `-p`: a command that sets the mask again.
            let prefix = match (opts.has(b'p'), opts.has(b'S')) {
                (false, _) => "",
                (true, false) => "umask ",
                (true, true) => "umask -S ",
            };
            let line = if opts.has(b'S') {
                format!("{prefix}{}\n", symbolic(mask))
            } else {
                format!("{prefix}{mask:04o}\n")
            };
            super::util::out_checked(sh, args, line.as_bytes())
        }
        Some(spec) => match parse(spec, mask) {
            Ok(new) => {
                crate::exec::virtual_subshell::before_umask(sh);
                sys_umask(Mode::from_bits_truncate(new as _));
                if opts.has(b'S') {
                    out(format!("{}\n", symbolic(new)).as_bytes());
                }
                0
            }
            Err(msg) => {
                error(sh, args, msg);
                1
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbolic_modes() {
        assert_eq!(symbolic(0o022), "u=rwx,g=rx,o=rx");
        assert_eq!(symbolic(0o077), "u=rwx,g=,o=");
        assert_eq!(parse(b"g+rx", 0o077), Ok(0o027));
        assert_eq!(parse(b"go-w", 0o000), Ok(0o022));
        assert_eq!(parse(b"u=rwx,g=rx,o=", 0o000), Ok(0o027));
        assert_eq!(parse(b"a=", 0o022), Ok(0o777));
        assert_eq!(parse(b"=rx", 0o000), Ok(0o222));
        assert_eq!(parse(b"g=u", 0o077), Ok(0o007));
        assert_eq!(parse(b"755", 0), Ok(0o755));
        assert!(parse(b"8", 0).is_err());
        assert!(parse(b"q+r", 0).is_err());
        assert!(parse(b"u", 0).is_err());
        assert!(parse(b"u+rw=x", 0).is_err());
        assert!(parse(b",u", 0).is_err());
        assert_eq!(parse(b"u-w,g-w", 0), Ok(0o220));
    }
}
