//! The text of bash's ANSI-C quoting `$'...'`: escapes decoded to bytes.
//!
//! bash decodes the string when it reads it, in the locale of that moment: `\u` and `\U` give
//! UTF-8 in a UTF-8 locale and otherwise ASCII as itself and anything else as the escape text.
//! The syntax layer knows no shell state, so the shell tells it the locale ([`set_utf8`])
//! before each command it parses.

use std::sync::atomic::{AtomicBool, Ordering};

static UTF8: AtomicBool = AtomicBool::new(false);

/// Sets whether `\u` escapes read from now on encode to UTF-8.
pub fn set_utf8(utf8: bool) {
    UTF8.store(utf8, Ordering::Relaxed);
}

/// The end of the raw text of a `$'...'` whose contents start at `text[0]`: the index of its
/// closing quote (a backslash escapes the next byte), or `None` when it is unterminated.
pub(crate) fn closing_quote(text: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'\'' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Decodes the contents of `$'...'` (without its quotes).
pub(crate) fn decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        i += 1;
        if c != b'\\' || i == raw.len() {
            out.push(c);
            continue;
        }
        let e = raw[i];
        i += 1;
        match e {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'e' | b'E' => out.push(27),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'\\' | b'\'' | b'"' | b'?' => out.push(e),
            b'c' => {
                // `\cX`: the control character; `\c\\` takes both backslashes, as in bash.
                let Some(&x) = raw.get(i) else {
                    out.extend_from_slice(b"\\c");
                    continue;
                };
                i += 1;
                if x == b'\\' && raw.get(i) == Some(&b'\\') {
                    i += 1;
                }
                out.push(if x == b'?' { 127 } else { x.to_ascii_uppercase() & 0x1f });
            }
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && matches!(raw.get(i), Some(b'0'..=b'7')) {
                    v = v * 8 + (raw[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'x' | b'u' | b'U' => {
                let max = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut n = 0;
                while n < max {
                    match raw.get(i).and_then(|&d| (d as char).to_digit(16)) {
                        Some(d) => {
                            v = v.wrapping_mul(16).wrapping_add(d);
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                if n == 0 {
                    out.push(b'\\');
                    out.push(e);
                } else if e == b'x' {
                    out.push(v as u8);
                } else {
                    push_code_point(v, UTF8.load(Ordering::Relaxed), &mut out);
                }
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    out
}

/// Appends code point `cp` as bash does for `\u` and `\U`: UTF-8 (extended to 31 bits as
/// bash's own encoder does; nothing beyond) in a UTF-8 locale; elsewhere ASCII as itself and
/// anything else as the escape text `\uXXXX` / `\UXXXXXXXX`.
pub fn push_code_point(cp: u32, utf8: bool, out: &mut Vec<u8>) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if !utf8 {
        let text = if cp <= 0xffff { format!("\\u{cp:04X}") } else { format!("\\U{cp:08X}") };
        out.extend_from_slice(text.as_bytes());
    } else if cp <= 0x7fff_ffff {
        let (len, lead) = match cp {
            0..0x800 => (2, 0xc0),
            0x800..0x1_0000 => (3, 0xe0),
            0x1_0000..0x20_0000 => (4, 0xf0),
            0x20_0000..0x400_0000 => (5, 0xf8),
            _ => (6, 0xfc),
        };
        out.push(lead | (cp >> (6 * (len - 1))) as u8);
        for k in (0..len - 1).rev() {
            out.push(0x80 | ((cp >> (6 * k)) & 0x3f) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(decode(br"a\tb\x41\101\1010\cA\c?\c\\\z\"), b"a\tbAAA0\x01\x7f\x1c\\z\\");
        assert_eq!(closing_quote(br"it\'s' x"), Some(5));
        assert_eq!(closing_quote(br"open\'"), None);
    }

    #[test]
    fn code_points() {
        let enc = |cp, utf8| {
            let mut v = Vec::new();
            push_code_point(cp, utf8, &mut v);
            v
        };
        assert_eq!(enc(0x41, false), b"A");
        assert_eq!(enc(0xe9, false), b"\\u00E9");
        assert_eq!(enc(0x1f600, false), b"\\U0001F600");
        assert_eq!(enc(0xe9, true), "é".as_bytes());
        assert_eq!(enc(0xd800, true), [0xed, 0xa0, 0x80]);
        assert_eq!(enc(0x7fff_ffff, true), [0xfd, 0xbf, 0xbf, 0xbf, 0xbf, 0xbf]);
        assert_eq!(enc(0xffff_ffff, true), b"");
    }
}
