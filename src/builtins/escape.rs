//! Backslash escapes of `printf` formats, `printf %b` arguments and `echo`.
//!
//! The two flavours differ only in octal: a format takes `\NNN` (one to three digits); `%b` and
//! `echo` take `\0NNN` (a zero then up to three digits) and, like dash and bash, `\NNN` too.
//! `\c` ends all output in `%b`/`echo` and is literal in a format. `echo` is dash's (XSI): it
//! knows no `\xHH` and no `\E`, which a script's text may hold for another program to read.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Format,
    Bstring,
    Echo,
}

/// What happened at a backslash.
pub enum Esc {
    /// Bytes were appended; continue at the returned index.
    Next(usize),
    /// `\c`: stop all output.
    Stop,
}

fn octal_run(s: &[u8], mut i: usize, max: usize) -> (u32, usize) {
    let mut v = 0u32;
    let mut n = 0;
    while n < max && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
        v = v * 8 + (s[i] - b'0') as u32;
        i += 1;
        n += 1;
    }
    (v, i)
}

/// Handles the escape whose backslash is at `s[i]`, appending its value to `out`.
pub fn escape(s: &[u8], i: usize, flavor: Flavor, out: &mut Vec<u8>) -> Esc {
    let Some(&c) = s.get(i + 1) else {
        out.push(b'\\');
        return Esc::Next(i + 1);
    };
    let simple = match c {
        b'\\' => Some(b'\\'),
        b'a' => Some(7),
        b'b' => Some(8),
        b'e' => Some(0x1b),
        b'E' if flavor != Flavor::Echo => Some(0x1b),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        b'"' if flavor == Flavor::Format => Some(b'"'),
        b'\'' if flavor == Flavor::Format => Some(b'\''),
        _ => None,
    };
    if let Some(b) = simple {
        out.push(b);
        return Esc::Next(i + 2);
    }
    match c {
        b'c' if flavor != Flavor::Format => Esc::Stop,
        b'0' if flavor != Flavor::Format => {
            let (v, j) = octal_run(s, i + 2, 3);
            out.push(v as u8);
            Esc::Next(j)
        }
        b'0'..=b'7' => {
            let (v, j) = octal_run(s, i + 1, 3);
            out.push(v as u8);
            Esc::Next(j)
        }
        b'x' if flavor != Flavor::Echo => {
            let mut v = 0u32;
            let mut j = i + 2;
            while j < s.len() && j < i + 4 && s[j].is_ascii_hexdigit() {
                v = v * 16 + (s[j] as char).to_digit(16).unwrap_or(0);
                j += 1;
            }
            if j == i + 2 {
                out.extend_from_slice(b"\\x");
            } else {
                out.push(v as u8);
            }
            Esc::Next(j)
        }
        // Not an escape: the backslash is kept and what follows is read as usual, so in
        // `printf '\%s'` the `%s` is still a conversion (dash, bash).
        _ => {
            out.push(b'\\');
            Esc::Next(i + 1)
        }
    }
}

/// Expands every escape of a `%b` argument; returns `false` after `\c`.
pub fn expand_bstring(s: &[u8], out: &mut Vec<u8>) -> bool {
    expand_operand(s, Flavor::Bstring, out)
}

/// Expands every escape of an `echo` operand; returns `false` after `\c`.
pub fn expand_echo(s: &[u8], out: &mut Vec<u8>) -> bool {
    expand_operand(s, Flavor::Echo, out)
}

fn expand_operand(s: &[u8], flavor: Flavor, out: &mut Vec<u8>) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' {
            match escape(s, i, flavor, out) {
                Esc::Next(j) => i = j,
                Esc::Stop => return false,
            }
        } else {
            let start = i;
            while i < s.len() && s[i] != b'\\' {
                i += 1;
            }
            out.extend_from_slice(&s[start..i]);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &[u8]) -> (Vec<u8>, bool) {
        let mut o = Vec::new();
        let r = expand_bstring(s, &mut o);
        (o, r)
    }

    #[test]
    fn bstring() {
        assert_eq!(b(br"x\ty"), (b"x\ty".to_vec(), true));
        assert_eq!(b(br"\0101"), (b"A".to_vec(), true));
        assert_eq!(b(br"\01011"), (b"A1".to_vec(), true));
        assert_eq!(b(br"\101"), (b"A".to_vec(), true));
        assert_eq!(b(br"ab\cde"), (b"ab".to_vec(), false));
        assert_eq!(b(br"a\qb"), (br"a\qb".to_vec(), true));
        assert_eq!(b(br"end\"), (br"end\".to_vec(), true));
    }
}
