//! The line editor's text and the shell's bytes.
//!
//! The editor (rustyline, patched: vendor/rustyline/src/raw_byte.rs) holds a `String`; each
//! input byte that is not UTF-8 is one char of the private range U+10FF80..=U+10FFFF there.
//! The shell's commands, history and file names are bytes. These two functions convert
//! between the two exactly, so a byte typed, recalled from history or completed from a file
//! name reaches the command as that byte.

use std::borrow::Cow;

use rustyline::raw_byte::{char_byte, decode};

/// The bytes the editor's `text` stands for.
pub fn to_bytes(text: &str) -> Vec<u8> {
    if !has_byte_chars(text) {
        return text.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut utf8 = [0u8; 4];
    for c in text.chars() {
        match char_byte(c) {
            Some(b) => out.push(b),
            None => out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes()),
        }
    }
    out
}

/// The editor's text for `bytes` (history entries, file names).
pub fn from_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes)
        && !has_byte_chars(s)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while let Some((c, n)) = decode(rest, false) {
        out.push(c);
        rest = &rest[n..];
    }
    Cow::Owned(out)
}

/// Whether `text` may hold chars that stand for bytes (they are all encoded `F4 8F ..`).
fn has_byte_chars(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w == [0xF4, 0x8F])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_string_goes_there_and_back() {
        let cases: &[&[u8]] = &[
            b"plain",
            "caf\u{e9} \u{1F600}".as_bytes(),
            b"\xe9",
            b"\xff\x80\xc3(\xe2\x82x\xed\xa0\x80\xc0\xaf\xf5\x80",
            b"\xf4\x8f\xbf\xa9 is U+10FFE9",
            b"\xf4\x8f\xbc\x80 is U+10FF00",
            b"\xf4\x90\x80\x80 is past U+10FFFF",
            b"end \xe2\x82",
        ];
        for &bytes in cases {
            let text = from_bytes(bytes);
            assert_eq!(to_bytes(&text), bytes, "{text:?}");
        }
        // Every byte pair too.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let v = [a, b, b'x'];
                assert_eq!(to_bytes(&from_bytes(&v)), v);
            }
        }
    }

    #[test]
    fn valid_utf8_is_decoded_as_std_does() {
        for s in ["", "abc", "caf\u{e9}", "\u{10FF7F}", "\u{FFFD}", "\u{1F600}x"] {
            assert_eq!(from_bytes(s.as_bytes()), s);
        }
        assert_eq!(from_bytes(b"a\xe9b").chars().count(), 3);
        let mut utf8 = [0u8; 4];
        for c in (0..=0x10FF7F).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            assert_eq!(decode(bytes, false), Some((c, bytes.len())));
        }
    }
}
