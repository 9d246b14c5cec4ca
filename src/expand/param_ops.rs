//! The bash parameter operators, each a function on one value, so that they apply alike to a
//! variable, to each positional parameter (`${@/a/b}`) and to each array element:
//! pattern substitution (`${x/p/r}`), substrings (`${x:o:l}`), case modification (`${x^^}`)
//! and the `@` transformations (`${x@Q}`).
//!
//! Values are bytes. Characters are bytes in the C locale and UTF-8 sequences in a UTF-8
//! locale, as in bash; a byte that is not part of valid UTF-8 is one character, left alone.

use super::pattern::{MatchFlags, Pattern, has_magic_with, unescape};
use crate::shell::Shell;

/// Is the shell's character type locale UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`)?
pub fn utf8_locale(sh: &Shell) -> bool {
    let value = [&b"LC_ALL"[..], b"LC_CTYPE", b"LANG"]
        .iter()
        .find_map(|n| sh.vars.get(n).filter(|v| !v.is_empty()));
    value.is_some_and(|v| {
        let v = v.to_ascii_lowercase();
        v.windows(5).any(|w| w == b"utf-8") || v.windows(4).any(|w| w == b"utf8")
    })
}

/// The length in bytes of the character at the start of `s` (at least 1 when `s` is not
/// empty): one byte in the C locale or when the bytes are no valid UTF-8.
#[inline]
pub fn char_len(s: &[u8], utf8: bool) -> usize {
    let Some(&b) = s.first() else { return 0 };
    if !utf8 || b < 0x80 {
        return 1;
    }
    let n = match b {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return 1,
    };
    match s.get(..n).map(std::str::from_utf8) {
        Some(Ok(_)) => n,
        _ => 1,
    }
}

/// The number of characters in `s`.
pub fn char_count(s: &[u8], utf8: bool) -> usize {
    if !utf8 || s.is_ascii() {
        return s.len();
    }
    let mut i = 0;
    let mut n = 0;
    while i < s.len() {
        i += char_len(&s[i..], utf8);
        n += 1;
    }
    n
}

/// The byte offset of character `k` of `s` (the length when `k` is past the end).
fn byte_offset(s: &[u8], k: usize, utf8: bool) -> usize {
    if !utf8 || s.is_ascii() {
        return k.min(s.len());
    }
    let mut i = 0;
    for _ in 0..k {
        if i >= s.len() {
            break;
        }
        i += char_len(&s[i..], utf8);
    }
    i
}

// ---- ${x:offset:length} ------------------------------------------------------------------

/// A substring's bounds that fell outside the value, or a length before the offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliceError {
    /// The offset is before the start or past the end: the expansion is empty (bash).
    OutOfRange,
    /// A negative length that ends before the offset: `substring expression < 0`.
    Negative,
}

/// Resolves `offset` and `length` against `len` items as bash does for a string: a negative
/// offset counts back from the end, a negative length is an end counted back from the end.
/// Returns the half-open range of items.
pub fn slice_bounds(len: i64, offset: i64, length: Option<i64>) -> Result<(usize, usize), SliceError> {
    let start = if offset < 0 { offset.saturating_add(len) } else { offset };
    if start < 0 || start > len {
        return Err(SliceError::OutOfRange);
    }
    let end = match length {
        None => len,
        Some(l) if l < 0 => {
            let end = l.saturating_add(len);
            if end < start {
                return Err(SliceError::Negative);
            }
            end
        }
        Some(l) => start.saturating_add(l).min(len),
    };
    Ok((start as usize, end as usize))
}

/// `${x:offset:length}` of one value, in characters.
pub fn substring(s: &[u8], offset: i64, length: Option<i64>, utf8: bool) -> Result<&[u8], SliceError> {
    let utf8 = utf8 && !s.is_ascii();
    let len = char_count(s, utf8) as i64;
    let (start, end) = slice_bounds(len, offset, length)?;
    let from = byte_offset(s, start, utf8);
    let to = from + byte_offset(&s[from..], end - start, utf8);
    Ok(&s[from..to])
}

// ---- ${x/pattern/replacement} ------------------------------------------------------------

/// Where a substitution's pattern must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Anywhere (`${x/p/r}`, `${x//p/r}`).
    Any,
    /// At the start (`${x/#p/r}`).
    Start,
    /// At the end (`${x/%p/r}`).
    End,
}

/// A compiled `${x/pattern/replacement}`, applied to each value.
#[derive(Debug, Clone)]
pub struct Substitution {
    pattern: Pattern,
    /// The pattern's text when it has no special characters (searched for directly).
    literal: Option<Vec<u8>>,
    /// The byte every match starts with, when the pattern fixes it (to skip other starts).
    first: Option<u8>,
    anchor: Anchor,
    all: bool,
    /// The replacement in its `&` form (see [`Substitution::new`]); empty deletes.
    replacement: Vec<u8>,
    /// The replacement holds an unescaped `&` or an escaped `&` / `\` to process per match.
    expand_amp: bool,
    /// Matches begin and end between characters of a UTF-8 locale, not inside one.
    utf8: bool,
}

impl Substitution {
    /// `pattern` is the escaped pattern form without its anchor; `replacement` the expanded
    /// replacement where, when `patsub_replacement` is on (`amp`), a quoted `&` or `\` was
    /// written `\&` / `\\` (bash's `quote_string_for_repl`). `flags`: extglob and
    /// nocasematch ([`MatchFlags::case`]).
    pub fn new(
        pattern: Vec<u8>,
        anchor: Anchor,
        all: bool,
        replacement: Vec<u8>,
        amp: bool,
        flags: MatchFlags,
    ) -> Self {
        let plain = !flags.nocase && !has_magic_with(&pattern, flags.extglob);
        let literal = if plain { Some(unescape(&pattern)) } else { None };
        let first = if flags.nocase || flags.extglob { None } else { fixed_first_byte(&pattern) };
        let expand_amp = amp && wants_amp(&replacement);
        Substitution {
            pattern: Pattern::with_flags(pattern, flags),
            literal,
            first,
            // `${x//#a/b}`: a global substitution is never anchored (bash).
            anchor: if all { Anchor::Any } else { anchor },
            all,
            replacement,
            expand_amp,
            utf8: false,
        }
    }

    /// Matches in a UTF-8 locale: never inside a character.
    pub fn in_utf8(mut self, utf8: bool) -> Self {
        self.utf8 = utf8;
        self
    }

    /// Can a match begin or end at byte `i` of `s`?
    #[inline]
    fn boundary(&self, s: &[u8], i: usize) -> bool {
        !self.utf8 || s.get(i).is_none_or(|&c| c & 0xc0 != 0x80)
    }

    /// Appends `value` with the substitution done to `out`.
    pub fn apply(&self, value: &[u8], out: &mut Vec<u8>) {
        let empty_pattern = self.literal.as_deref() == Some(b"");
        if empty_pattern && self.anchor != Anchor::Any {
            // `${x/#/r}` prepends, `${x/%/r}` appends.
            if self.anchor == Anchor::End {
                out.extend_from_slice(value);
            }
            self.push_replacement(b"", out);
            if self.anchor == Anchor::Start {
                out.extend_from_slice(value);
            }
            return;
        }
        if empty_pattern {
            out.extend_from_slice(value);
            return;
        }
        if value.is_empty() {
            if self.find(value, 0).is_some() {
                self.push_replacement(b"", out);
            }
            return;
        }
        let mut at = 0;
        while at < value.len() {
            let Some((s, e)) = self.find(value, at) else { break };
            out.extend_from_slice(&value[at..s]);
            self.push_replacement(&value[s..e], out);
            at = e;
            if !self.all {
                break;
            }
            if s == e {
                // An empty match: keep one character and look further on.
                let n = char_len(&value[at..], self.utf8);
                out.extend_from_slice(&value[at..at + n]);
                at += n;
            }
        }
        out.extend_from_slice(&value[at.min(value.len())..]);
    }

    /// The leftmost match at or after `from`, longest there (bash's `match_pattern`).
    fn find(&self, s: &[u8], from: usize) -> Option<(usize, usize)> {
        let pat = self.pattern.as_ref();
        match self.anchor {
            Anchor::Start => {
                if from > 0 {
                    return None;
                }
                if let Some(lit) = &self.literal {
                    return s.starts_with(lit).then_some((0, lit.len()));
                }
                (0..=s.len())
                    .rev()
                    .find(|&e| self.boundary(s, e) && pat.matches(&s[..e]))
                    .map(|e| (0, e))
            }
            Anchor::End => {
                if let Some(lit) = &self.literal {
                    return (s.len() - from >= lit.len() && s.ends_with(lit))
                        .then(|| (s.len() - lit.len(), s.len()));
                }
                (from..=s.len())
                    .find(|&b| self.boundary(s, b) && pat.matches(&s[b..]))
                    .map(|b| (b, s.len()))
            }
            Anchor::Any => {
                if let Some(lit) = &self.literal {
                    return find_bytes(&s[from..], lit).map(|i| (from + i, from + i + lit.len()));
                }
                for b in from..=s.len() {
                    if self.first.is_some_and(|f| s.get(b) != Some(&f)) || !self.boundary(s, b) {
                        continue;
                    }
                    if let Some(e) =
                        (b..=s.len()).rev().find(|&e| self.boundary(s, e) && pat.matches(&s[b..e]))
                    {
                        return Some((b, e));
                    }
                }
                None
            }
        }
    }

    fn push_replacement(&self, matched: &[u8], out: &mut Vec<u8>) {
        if !self.expand_amp {
            out.extend_from_slice(&self.replacement);
            return;
        }
        let r = &self.replacement;
        let mut i = 0;
        while i < r.len() {
            match r[i] {
                b'\\' if matches!(r.get(i + 1), Some(b'&' | b'\\')) => {
                    out.push(r[i + 1]);
                    i += 2;
                }
                b'&' => {
                    out.extend_from_slice(matched);
                    i += 1;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
}

/// Does the replacement need `&` processing (bash's `shouldexp_replacement`)?
fn wants_amp(r: &[u8]) -> bool {
    let mut i = 0;
    while i < r.len() {
        match r[i] {
            b'\\' => match r.get(i + 1) {
                None => return false,
                Some(b'&' | b'\\') => return true,
                Some(_) => i += 2,
            },
            b'&' => return true,
            _ => i += 1,
        }
    }
    false
}

/// The byte every match must begin with, when the pattern begins with a literal one.
fn fixed_first_byte(p: &[u8]) -> Option<u8> {
    match p.first()? {
        b'*' | b'?' | b'[' => None,
        b'\\' => p.get(1).copied(),
        &c => Some(c),
    }
}

/// The first occurrence of `needle` (not empty) in `hay`.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let k = hay[i..hay.len() - rest.len()].iter().position(|&c| c == first)?;
        i += k;
        if hay[i + 1..].starts_with(rest) {
            return Some(i);
        }
        i += 1;
    }
    None
}

// ---- ${x^pat} ${x^^pat} ${x,pat} ${x,,pat} ${x~pat} ${x~~pat} ---------------------------

pub use crate::syntax::ast::CaseTo;

/// Converts the case of the first character (`all` false) or of every character of `s`
/// that matches `pattern` (every character when `None`), appending to `out`.
pub fn change_case(s: &[u8], to: CaseTo, all: bool, pattern: Option<&Pattern>, utf8: bool, out: &mut Vec<u8>) {
    if pattern.is_none() && (!utf8 || s.is_ascii()) {
        let (head, tail) = if all { (s, &b""[..]) } else { s.split_at(s.len().min(1)) };
        out.extend(head.iter().map(|&c| convert_ascii(c, to)));
        out.extend_from_slice(tail);
        return;
    }
    let mut i = 0;
    while i < s.len() {
        let n = char_len(&s[i..], utf8);
        let ch = &s[i..i + n];
        if pattern.is_none_or(|p| p.matches(ch)) {
            convert_char(ch, to, out);
        } else {
            out.extend_from_slice(ch);
        }
        i += n;
        if !all {
            out.extend_from_slice(&s[i..]);
            return;
        }
    }
}

fn convert_ascii(c: u8, to: CaseTo) -> u8 {
    match to {
        CaseTo::Upper => c.to_ascii_uppercase(),
        CaseTo::Lower => c.to_ascii_lowercase(),
        CaseTo::Toggle if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        CaseTo::Toggle => c.to_ascii_uppercase(),
    }
}

/// One character (one byte, or a valid UTF-8 sequence) converted.
fn convert_char(ch: &[u8], to: CaseTo, out: &mut Vec<u8>) {
    if ch.len() == 1 {
        out.push(if ch[0] < 0x80 { convert_ascii(ch[0], to) } else { ch[0] });
        return;
    }
    let Some(c) = std::str::from_utf8(ch).ok().and_then(|s| s.chars().next()) else {
        out.extend_from_slice(ch);
        return;
    };
    let to = match to {
        CaseTo::Toggle if c.is_uppercase() => CaseTo::Lower,
        CaseTo::Toggle if c.is_lowercase() => CaseTo::Upper,
        CaseTo::Toggle => {
            out.extend_from_slice(ch);
            return;
        }
        t => t,
    };
    // Only one-to-one mappings, as the C library's towupper/towlower.
    let mut mapped = match to {
        CaseTo::Upper => c.to_uppercase().collect::<Vec<char>>(),
        _ => c.to_lowercase().collect::<Vec<char>>(),
    };
    if mapped.len() != 1 {
        mapped = vec![c];
    }
    let mut buf = [0u8; 4];
    out.extend_from_slice(mapped[0].encode_utf8(&mut buf).as_bytes());
}

// ---- ${x@Q} ${x@E} -------------------------------------------------------------------------

/// `${x@Q}`: the value quoted for reuse as shell input, as bash quotes it: in single quotes,
/// or in `$'...'` when it holds characters that are not printable.
pub fn quote(s: &[u8], utf8: bool, out: &mut Vec<u8>) {
    if needs_ansi_c(s, utf8) {
        ansi_c_quote(s, utf8, out);
        return;
    }
    out.push(b'\'');
    for &c in s {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
}

fn needs_ansi_c(s: &[u8], utf8: bool) -> bool {
    let mut i = 0;
    while i < s.len() {
        let n = char_len(&s[i..], utf8);
        if n == 1 && !is_print(s[i]) {
            return true;
        }
        i += n;
    }
    false
}

fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// `$'...'` with bash's escapes (`ansic_quote`).
fn ansi_c_quote(s: &[u8], utf8: bool, out: &mut Vec<u8>) {
    out.extend_from_slice(b"$'");
    let mut i = 0;
    while i < s.len() {
        let n = char_len(&s[i..], utf8);
        if n > 1 {
            out.extend_from_slice(&s[i..i + n]);
            i += n;
            continue;
        }
        let c = s[i];
        i += 1;
        let esc = match c {
            7 => b'a',
            8 => b'b',
            0x1b => b'E',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x0b => b'v',
            b'\\' | b'\'' => c,
            c if is_print(c) => {
                out.push(c);
                continue;
            }
            c => {
                out.push(b'\\');
                out.push(b'0' + (c >> 6));
                out.push(b'0' + ((c >> 3) & 7));
                out.push(b'0' + (c & 7));
                continue;
            }
        };
        out.push(b'\\');
        out.push(esc);
    }
    out.push(b'\'');
}

/// `${x@E}`: backslash escapes expanded as in `$'...'`.
pub fn unescape_ansi_c(s: &[u8], utf8: bool, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i >= s.len() {
            out.push(c);
            continue;
        }
        let e = s[i];
        i += 1;
        match e {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'e' | b'E' => out.push(0x1b),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'\\' | b'\'' | b'"' | b'?' => out.push(e),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut n = 1;
                while n < 3 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + u32::from(s[i] - b'0');
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
                let digits = s[i..].iter().take(max).take_while(|d| d.is_ascii_hexdigit()).count();
                if digits == 0 {
                    out.push(b'\\');
                    out.push(e);
                    continue;
                }
                let v = s[i..i + digits]
                    .iter()
                    .fold(0u32, |v, &d| v.wrapping_mul(16).wrapping_add((d as char).to_digit(16).unwrap_or(0)));
                i += digits;
                if e == b'x' || v < 0x80 {
                    out.push(v as u8);
                } else if let (true, Some(ch)) = (utf8, char::from_u32(v)) {
                    let mut b = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
                } else {
                    // Not representable in the locale: bash writes the escape back.
                    let text = if e == b'u' { format!("\\u{v:04X}") } else { format!("\\U{v:08X}") };
                    out.extend_from_slice(text.as_bytes());
                }
            }
            b'c' if i < s.len() => {
                let x = s[i];
                i += 1;
                out.push(if x == b'?' { 0x7f } else { x.to_ascii_uppercase() & 0x1f });
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(p: &[u8], anchor: Anchor, all: bool, r: &[u8], v: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        Substitution::new(p.to_vec(), anchor, all, r.to_vec(), true, MatchFlags::default()).apply(v, &mut out);
        out
    }

    #[test]
    fn substitutions() {
        assert_eq!(sub(b"l", Anchor::Any, true, b"[&]", b"hello"), b"he[l][l]o");
        assert_eq!(sub(b"a*.", Anchor::Any, false, b"X", b"aaa.b.c"), b"Xc");
        assert_eq!(sub(b"*", Anchor::Any, true, b"X", b""), b"X");
        assert_eq!(sub(b"", Anchor::Start, false, b"<", b"mid"), b"<mid");
        assert_eq!(sub(b"?", Anchor::End, false, b"X", b"abc"), b"abX");
        assert_eq!(sub(b"*", Anchor::End, false, b"X", b"abc"), b"X");
        assert_eq!(sub(b"b*", Anchor::End, false, b"X", b"abc"), b"aX");
        assert_eq!(sub(b"\\&", Anchor::Any, false, b"\\\\&", b"a&b"), b"a\\&b");
    }

    #[test]
    fn no_match_inside_a_utf8_character() {
        let mut out = Vec::new();
        let value = "h\u{e9}llo".as_bytes();
        Substitution::new(b"?".to_vec(), Anchor::Any, true, b"X".to_vec(), true, MatchFlags::default()).in_utf8(true).apply(value, &mut out);
        // (bash's ? matches the whole character: XXXXX; our matcher's ? is one byte.)
        assert_eq!(out, "X\u{e9}XXX".as_bytes());
        out.clear();
        Substitution::new(b"*".to_vec(), Anchor::End, false, b"X".to_vec(), true, MatchFlags::default()).in_utf8(true).apply(b"\xc3\xa9", &mut out);
        assert_eq!(out, b"X");
    }

    #[test]
    fn slices() {
        assert_eq!(substring(b"hello", -2, None, false), Ok(&b"lo"[..]));
        assert_eq!(substring(b"hello", 1, Some(-1), false), Ok(&b"ell"[..]));
        assert_eq!(substring(b"hello", 3, Some(-4), false), Err(SliceError::Negative));
        assert_eq!(substring(b"hello", -10, None, false), Err(SliceError::OutOfRange));
        assert_eq!(substring("h\u{e9}llo".as_bytes(), 1, Some(2), true), Ok("\u{e9}l".as_bytes()));
        assert_eq!(substring(b"h\xffllo", 1, Some(2), true), Ok(&b"\xffl"[..]));
    }

    #[test]
    fn cases() {
        let mut out = Vec::new();
        change_case("\u{e9}t\u{e9}".as_bytes(), CaseTo::Upper, true, None, true, &mut out);
        assert_eq!(out, "\u{c9}T\u{c9}".as_bytes());
        out.clear();
        change_case(b"\xe9t\xff", CaseTo::Upper, true, None, true, &mut out);
        assert_eq!(out, b"\xe9T\xff");
    }
}
