//! chitin patch (see README.chitin.md): input that is not UTF-8 is kept, byte for byte.
//!
//! Upstream fails the whole `readline` call with `InvalidData` on the first byte that is not
//! UTF-8. Here each such byte becomes one char of the private-use range U+10FF80..=U+10FFFF
//! (U+10FF00 + byte; only bytes 0x80..=0xFF can be invalid), so the line buffer stays a
//! `String` and every editing command works on it. A user of the crate maps these chars back
//! to their bytes when it turns the line into bytes. A char of that range that arrives as valid
//! UTF-8 is itself taken as its four bytes, so the mapping is exact in both directions.
//! The renderer shows each of these chars as U+FFFD (both are one column wide).

/// The char that stands for the byte `b` (0x80..=0xFF) of input that is not UTF-8.
pub fn byte_char(b: u8) -> char {
    char::from_u32(0x10_FF00 + u32::from(b)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The byte `c` stands for, when it is one of [`byte_char`]'s chars.
pub fn char_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    (0x10_FF80..=0x10_FFFF).contains(&u).then(|| (u - 0x10_FF00) as u8)
}

/// Decodes the first char of `bytes`: `(char, bytes used)`. `None` when `bytes` is empty, or
/// when it is the start of a UTF-8 sequence and `more_may_come` (wait for the rest).
pub fn decode(bytes: &[u8], more_may_come: bool) -> Option<(char, usize)> {
    let first = *bytes.first()?;
    if first < 0x80 {
        return Some((char::from(first), 1));
    }
    let raw = Some((byte_char(first), 1));
    let len = match first {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return raw,
    };
    for i in 1..len {
        let Some(&b) = bytes.get(i) else {
            return if more_may_come { None } else { raw };
        };
        // The second byte's range rules out overlong forms, surrogates and > U+10FFFF.
        let (lo, hi) = match (i, first) {
            (1, 0xE0) => (0xA0, 0xBF),
            (1, 0xED) => (0x80, 0x9F),
            (1, 0xF0) => (0x90, 0xBF),
            (1, 0xF4) => (0x80, 0x8F),
            _ => (0x80, 0xBF),
        };
        if !(lo..=hi).contains(&b) {
            return raw;
        }
    }
    match std::str::from_utf8(&bytes[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) if char_byte(c).is_none() => Some((c, len)),
        _ => raw,
    }
}

/// `text` with each of [`byte_char`]'s chars shown as U+FFFD.
pub fn for_display(text: &str) -> std::borrow::Cow<'_, str> {
    // All of them are encoded F4 8F BE xx or F4 8F BF xx.
    if !text.as_bytes().windows(2).any(|w| w == [0xF4, 0x8F]) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match char_byte(c) {
            Some(_) => char::REPLACEMENT_CHARACTER,
            None => c,
        })
        .collect()
}
