//! Backslash escapes of `printf` formats, `printf %b` arguments and `echo -e`, as bash reads
//! them.
//!
//! The flavours differ in octal and in a few letters: a format takes `\NNN` (one to three
//! digits) and `\"`, `\'`, `\?`; `%b` takes `\0NNN` (a zero then up to three digits) and
//! `\NNN`; `echo -e` takes only `\0NNN` (XSI's form). `\c` ends all output in `%b` and
//! `echo`, and is literal in a format. Every flavour knows `\xHH`, `\uHHHH`, `\UHHHHHHHH`
//! and `\e`/`\E`.

use crate::shell::locale::push_code_point;

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

/// How escapes are read: the flavour, whether `\u` encodes to UTF-8, and whether an escape
/// without digits (`\x`, `\u`) is complained about (bash does for printf, not for echo).
pub struct Escaper {
    pub flavor: Flavor,
    pub utf8: bool,
    pub warn: bool,
    /// The complaints, for the caller to write.
    pub warnings: Vec<String>,
}

fn digit_run(s: &[u8], mut i: usize, max: usize, radix: u32) -> (u32, usize) {
    let mut v = 0u32;
    let mut n = 0;
    while n < max
        && let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(radix))
    {
        v = v.wrapping_mul(radix).wrapping_add(d);
        i += 1;
        n += 1;
    }
    (v, i)
}

impl Escaper {
    /// Handles the escape whose backslash is at `s[i]`, appending its value to `out`.
    pub fn escape(&mut self, s: &[u8], i: usize, out: &mut Vec<u8>) -> Esc {
        let flavor = self.flavor;
        let Some(&c) = s.get(i + 1) else {
            out.push(b'\\');
            return Esc::Next(i + 1);
        };
        let simple = match c {
            b'\\' => Some(b'\\'),
            b'a' => Some(7),
            b'b' => Some(8),
            b'e' | b'E' => Some(0x1b),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'"' | b'\'' | b'?' if flavor == Flavor::Format => Some(c),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            return Esc::Next(i + 2);
        }
        match c {
            b'c' if flavor != Flavor::Format => Esc::Stop,
            b'0' if flavor != Flavor::Format => {
                let (v, j) = digit_run(s, i + 2, 3, 8);
                out.push(v as u8);
                Esc::Next(j)
            }
            b'0'..=b'7' if flavor != Flavor::Echo => {
                let (v, j) = digit_run(s, i + 1, 3, 8);
                out.push(v as u8);
                Esc::Next(j)
            }
            b'x' | b'u' | b'U' => {
                let max = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let (v, j) = digit_run(s, i + 2, max, 16);
                if j == i + 2 {
                    if self.warn {
                        let what = if c == b'x' { "hex" } else { "unicode" };
                        self.warnings.push(format!("missing {what} digit for \\{}", c as char));
                    }
                    out.push(b'\\');
                    out.push(c);
                } else if c == b'x' {
                    out.push(v as u8);
                } else {
                    push_code_point(v, self.utf8, out);
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

    /// Expands every escape of a `%b` or `echo -e` operand; returns `false` after `\c`.
    pub fn expand(&mut self, s: &[u8], out: &mut Vec<u8>) -> bool {
        let mut i = 0;
        while i < s.len() {
            match memchr_backslash(&s[i..]) {
                None => {
                    out.extend_from_slice(&s[i..]);
                    break;
                }
                Some(k) => {
                    out.extend_from_slice(&s[i..i + k]);
                    match self.escape(s, i + k, out) {
                        Esc::Next(j) => i = j,
                        Esc::Stop => return false,
                    }
                }
            }
        }
        true
    }
}

fn memchr_backslash(s: &[u8]) -> Option<usize> {
    s.iter().position(|&c| c == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(flavor: Flavor, s: &[u8]) -> (Vec<u8>, bool) {
        let mut o = Vec::new();
        let mut e = Escaper { flavor, utf8: false, warn: false, warnings: Vec::new() };
        let r = e.expand(s, &mut o);
        (o, r)
    }

    #[test]
    fn bstring() {
        let b = |s| x(Flavor::Bstring, s);
        assert_eq!(b(br"x\ty"), (b"x\ty".to_vec(), true));
        assert_eq!(b(br"\0101"), (b"A".to_vec(), true));
        assert_eq!(b(br"\01011"), (b"A1".to_vec(), true));
        assert_eq!(b(br"\101"), (b"A".to_vec(), true));
        assert_eq!(b(br"ab\cde"), (b"ab".to_vec(), false));
        assert_eq!(b(br"a\qb"), (br"a\qb".to_vec(), true));
        assert_eq!(b(br#"\"\'\?"#), (br#"\"\'\?"#.to_vec(), true));
        assert_eq!(b(br"end\"), (br"end\".to_vec(), true));
        assert_eq!(b(br"\x41\x4g\x"), (b"A\x04g\\x".to_vec(), true));
        assert_eq!(b(br"\u0041\U42\u00e9"), (b"AB\\u00E9".to_vec(), true));
    }

    #[test]
    fn echo() {
        let e = |s| x(Flavor::Echo, s);
        assert_eq!(e(br"\101|\0101|\01234"), (b"\\101|A|S4".to_vec(), true));
        assert_eq!(e(br"\e\E"), (b"\x1b\x1b".to_vec(), true));
        assert_eq!(e(br"a\cb"), (b"a".to_vec(), false));
    }
}
