//! The little chitin needs to know about the locale: whether characters are UTF-8.
//!
//! The shell calls no `setlocale`; like bash, it takes the locale from its own variables
//! (`LC_ALL`, then `LC_CTYPE`, then `LANG`), so an assignment in a script takes effect at once.

use super::Vars;

/// The character set is UTF-8 (`\u` escapes encode to it, `%q` leaves its printable
/// characters unquoted); otherwise every byte is a character (the C locale).
pub fn is_utf8(vars: &Vars) -> bool {
    let name = [&b"LC_ALL"[..], b"LC_CTYPE", b"LANG"]
        .into_iter()
        .filter_map(|n| vars.get(n))
        .find(|v| !v.is_empty());
    name.is_some_and(names_utf8)
}

/// `en_US.UTF-8`, `C.utf8`: the codeset part names UTF-8 in any case, with or without the dash.
fn names_utf8(locale: &[u8]) -> bool {
    let Some(dot) = locale.iter().position(|&c| c == b'.') else {
        return false;
    };
    let codeset = &locale[dot + 1..];
    let codeset = match codeset.iter().position(|&c| c == b'@') {
        Some(at) => &codeset[..at],
        None => codeset,
    };
    codeset.eq_ignore_ascii_case(b"utf-8") || codeset.eq_ignore_ascii_case(b"utf8")
}

/// `\u` and `\U` are encoded by the one function the lexer's `$'...'` uses.
pub use crate::syntax::ansi_c::push_code_point;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codesets() {
        assert!(names_utf8(b"C.UTF-8"));
        assert!(names_utf8(b"en_US.utf8"));
        assert!(names_utf8(b"de_DE.UTF-8@euro"));
        assert!(!names_utf8(b"C"));
        assert!(!names_utf8(b"en_US.ISO-8859-1"));
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
        assert_eq!(enc(0x1f600, true), "😀".as_bytes());
        assert_eq!(enc(0x110000, true), [0xf4, 0x90, 0x80, 0x80]);
        assert_eq!(enc(0x7fff_ffff, true), [0xfd, 0xbf, 0xbf, 0xbf, 0xbf, 0xbf]);
    }
}
