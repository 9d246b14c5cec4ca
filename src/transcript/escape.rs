//! `(esc)` lines: output that is not printable text is written escaped, as cram and prysk
//! write it (Python's `unicode_escape` of each unprintable character, `\xNN` for each byte
//! that is not UTF-8, backslashes doubled), and an expected `(esc)` line is decoded as
//! Python's `codecs.escape_decode` does before it is compared.

/// The line (without its newline) as the transcript shows it: unchanged when it is printable
/// UTF-8, else escaped and followed by ` (esc)`.
pub fn escape_output(line: &[u8]) -> Vec<u8> {
    if let Ok(text) = std::str::from_utf8(line)
        && text.chars().all(printable)
    {
        return line.to_vec();
    }
    let mut out = Vec::with_capacity(line.len() + 8);
    for chunk in line.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.extend_from_slice(b"\\\\");
            } else if printable(c) {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            } else {
                push_unicode_escape(&mut out, c);
            }
        }
        for &b in chunk.invalid() {
            push_unicode_escape(&mut out, char::from(b));
        }
    }
    out.extend_from_slice(b" (esc)");
    out
}

/// Python's `unicode_escape` encoding of one character.
fn push_unicode_escape(out: &mut Vec<u8>, c: char) {
    let code = u32::from(c);
    let text = match c {
        '\t' => "\\t".to_string(),
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\\' => "\\\\".to_string(),
        ' '..='~' => c.to_string(),
        _ if code < 0x100 => format!("\\x{code:02x}"),
        _ if code < 0x10000 => format!("\\u{code:04x}"),
        _ => format!("\\U{code:08x}"),
    };
    out.extend_from_slice(text.as_bytes());
}

/// Python's `str.isprintable` for one character: not a control, format, surrogate,
/// private-use, line or paragraph separator, and no space but U+0020. Unassigned code points
/// count as printable here (Python's tables know them; ours do not).
fn printable(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x7f {
        return u >= 0x20;
    }
    !matches!(u,
        0x7f..=0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2
        | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..)
}

/// Python's `codecs.escape_decode`: backslash escapes of byte strings.
pub fn escape_decode(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        i += 1;
        if b != b'\\' || i == text.len() {
            out.push(b);
            continue;
        }
        let c = text[i];
        i += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                for _ in 0..2 {
                    match text.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = text.get(i..i + 2).and_then(|h| {
                    u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
                });
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.extend_from_slice(b"\\x"),
                }
            }
            _ => {
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_prysk() {
        assert_eq!(escape_output(b"foo \\"), b"foo \\");
        assert_eq!(escape_output(b"foo \\ \r"), b"foo \\\\ \\r (esc)");
        assert_eq!(escape_output("☺".as_bytes()), "☺".as_bytes());
        assert_eq!(escape_output(b"\t"), b"\\t (esc)");
        assert_eq!(escape_output("\u{a0}".as_bytes()), b"\\xa0 (esc)");
        let mixed = [&"☺".as_bytes()[..], b" \xff x\t \xff ", "☺".as_bytes()].concat();
        assert_eq!(escape_output(&mixed), "☺ \\xff x\\t \\xff ☺ (esc)".as_bytes());
        assert_eq!(escape_output(b""), b"");
    }

    #[test]
    fn decodes_as_python() {
        assert_eq!(escape_decode(b"\\x01\\t\\101\\q\\\\"), b"\x01\tA\\q\\");
    }
}
