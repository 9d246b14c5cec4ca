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

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(quote(b"abc"), b"abc");
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"a b"), b"'a b'");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
    }
}
