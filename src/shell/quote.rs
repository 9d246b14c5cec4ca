//! Quoting values so that the shell can read them back (`set`, `export -p`, `trap`, `alias`).

/// Quotes `s` for re-input to the shell: unchanged when it needs no quoting, otherwise in single
/// quotes with each `'` written as `'\''`.
pub fn quote(s: &[u8]) -> Vec<u8> {
    let safe = !s.is_empty()
        && s.iter().all(|&c| c.is_ascii_alphanumeric() || b"_-./,:+=@%^".contains(&c));
    if safe {
        return s.to_vec();
    }
    single_quote(s)
}

/// Always single-quoted (alias listings), each `'` written as `'\''`.
pub fn single_quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'\'');
    for &c in s {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

/// `printf %q`: bash's quoting of one word so the shell reads it back as it was. Empty is
/// `''`; a word with a character that is not printable (a control character, a byte that is
/// no character of the locale) is written `$'...'`; any other word gets a backslash before
/// each character special to the shell.
pub fn reusable(s: &[u8], utf8: bool) -> Vec<u8> {
    if s.is_empty() {
        b"''".to_vec()
    } else if has_unprintable(s, utf8) {
        ansi_c_quote(s, utf8)
    } else {
        backslash_quote(s, utf8)
    }
}

/// Bytes bash's `sh_backslash_quote` puts a backslash before, wherever they are.
fn special_anywhere(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\n' | b'!' | b'"' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b','
            | b';' | b'<' | b'>' | b'?' | b'[' | b'\\' | b']' | b'^' | b'`' | b'{' | b'|'
            | b'}'
    )
}

/// The length of the printable character at the start of `s` (a non-empty slice): `None`
/// when it is a control character or not a valid character of the locale.
fn printable_len(s: &[u8], utf8: bool) -> Option<usize> {
    let c = s[0];
    if c < 0x80 {
        return (0x20..0x7f).contains(&c).then_some(1);
    }
    if !utf8 {
        return None;
    }
    let len = match c {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let ch = std::str::from_utf8(s.get(..len)?).ok()?.chars().next()?;
    (!ch.is_control()).then_some(len)
}

/// A character that only `$'...'` can show: a control character, or a byte that is no
/// printable character of the locale.
pub fn has_unprintable(s: &[u8], utf8: bool) -> bool {
    let mut i = 0;
    while i < s.len() {
        match printable_len(&s[i..], utf8) {
            Some(n) => i += n,
            None => return true,
        }
    }
    false
}

/// bash's `sh_backslash_quote` for `printf %q`: also `#` at the start, and `~` at the start
/// or after `:` or `=`, where tilde expansion would see it.
fn backslash_quote(s: &[u8], utf8: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c >= 0x80 && utf8 {
            let n = printable_len(&s[i..], utf8).unwrap_or(1);
            out.extend_from_slice(&s[i..i + n]);
            i += n;
            continue;
        }
        let tilde_place = i == 0 || matches!(s[i - 1], b':' | b'=');
        if special_anywhere(c) || (c == b'#' && i == 0) || (c == b'~' && tilde_place) {
            out.push(b'\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `$'...'` with bash's escapes (`ansic_quote`): `\E \a \b \f \n \r \t \v \\ \'` and three
/// octal digits for each byte of anything else unprintable.
pub fn ansi_c_quote(s: &[u8], utf8: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 8);
    out.extend_from_slice(b"$'");
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let letter = match c {
            0x1b => Some(b'E'),
            7 => Some(b'a'),
            11 => Some(b'v'),
            8 => Some(b'b'),
            12 => Some(b'f'),
            b'\n' => Some(b'n'),
            b'\r' => Some(b'r'),
            b'\t' => Some(b't'),
            b'\\' | b'\'' => Some(c),
            _ => None,
        };
        if let Some(l) = letter {
            out.extend_from_slice(&[b'\\', l]);
            i += 1;
            continue;
        }
        match printable_len(&s[i..], utf8) {
            Some(n) => {
                out.extend_from_slice(&s[i..i + n]);
                i += n;
            }
            None => {
                out.extend_from_slice(&[b'\\', b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]);
                i += 1;
            }
        }
    }
    out.push(b'\'');
    out
}

/// bash's double quoting (`declare -p`): `"..."` with a backslash before `"`, `$`, `` ` `` and
/// `\`.
pub fn double_quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &c in s {
        if matches!(c, b'"' | b'$' | b'`' | b'\\') {
            out.push(b'\\');
        }
        out.push(c);
    }
    out.push(b'"');
    out
}

/// A value as `declare -p` shows it: `$'...'` when it holds a character only that form can
/// show, else in double quotes.
pub fn declare_quote(s: &[u8], utf8: bool) -> Vec<u8> {
    if has_unprintable(s, utf8) { ansi_c_quote(s, utf8) } else { double_quote(s) }
}

/// A value as `declare` without arguments (and bash's `set`) shows it: `$'...'` when needed,
/// else quoted only if it must be.
pub fn listing_quote(s: &[u8], utf8: bool) -> Vec<u8> {
    if has_unprintable(s, utf8) { ansi_c_quote(s, utf8) } else { quote(s) }
}

/// bash's test for a string that must be quoted to be read back as one word (an associative
/// array's key in `declare -p`).
pub fn has_shell_metas(s: &[u8]) -> bool {
    s.iter().enumerate().any(|(i, &c)| match c {
        b' ' | b'\t' | b'\n' | b'\'' | b'"' | b'\\' | b'|' | b'&' | b';' | b'(' | b')' | b'<' | b'>'
        | b'!' | b'{' | b'}' | b'*' | b'[' | b'?' | b']' | b'^' | b'$' | b'`' => true,
        b'~' => i == 0 || matches!(s[i - 1], b'=' | b':'),
        b'#' => i == 0,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn declare_quoting() {
        use super::*;
        assert_eq!(double_quote(b"a \"b\" $c \\d `e`"), b"\"a \\\"b\\\" \\$c \\\\d \\`e\\`\"");
        assert_eq!(declare_quote(b"a\nb", false), b"$'a\\nb'");
        assert_eq!(declare_quote(b"a\tb\x01c\x7f\xe9d\\e'q", true), b"$'a\\tb\\001c\\177\\351d\\\\e\\'q'");
        assert_eq!(declare_quote("é\x1b!".as_bytes(), true), "$'é\\E!'".as_bytes());
        assert_eq!(declare_quote("é".as_bytes(), true), "\"é\"".as_bytes());
        assert_eq!(declare_quote("é".as_bytes(), false), b"$'\\303\\251'");
        assert!(has_shell_metas(b"a b"));
        assert!(has_shell_metas(b"~x"));
        assert!(!has_shell_metas(b"a~x#"));
    }

    #[test]
    fn quoting() {
        assert_eq!(quote(b"abc"), b"abc");
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"a b"), b"'a b'");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
    }

    #[test]
    fn reusable_like_bash() {
        use super::reusable;
        let q = |s: &[u8]| String::from_utf8_lossy(&reusable(s, false)).into_owned();
        assert_eq!(q(b""), "''");
        assert_eq!(q(b"a b"), "a\\ b");
        assert_eq!(q(b"#a#"), "\\#a#");
        assert_eq!(q(b"~a~:~=~"), "\\~a~:\\~=\\~");
        assert_eq!(q(b"a,b{}"), "a\\,b\\{\\}");
        assert_eq!(q(b"a\nb'"), "$'a\\nb\\''");
        assert_eq!(q(b"\x1b\x7f\x01"), "$'\\E\\177\\001'");
        assert_eq!(q("\u{e9}".as_bytes()), "$'\\303\\251'");
        let u = |s: &[u8]| String::from_utf8_lossy(&reusable(s, true)).into_owned();
        assert_eq!(u("\u{e9} x".as_bytes()), "\u{e9}\\ x");
        assert_eq!(u(b"\xc2\x80"), "$'\\302\\200'");
        assert_eq!(u(b"a\xe9b"), "$'a\\351b'");
    }
}
