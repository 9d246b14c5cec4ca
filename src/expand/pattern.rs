//! Shell pattern matching (XCU 2.13) over bytes, in the C locale.
//!
//! A pattern is held in "escaped form": the bytes as written, where a backslash makes the next
//! byte literal. The expander builds that form from a word by escaping every character that
//! was quoted, so one matcher serves globbing, `case`, `[[ == ]]` and the `${x#...}`
//! operators. Matching never allocates.
//!
//! [`MatchFlags`] add bash's extended patterns (`shopt -s extglob`: `@(a|b)` and the like,
//! matched by [`super::extglob`]) and case-insensitive matching (`nocasematch`,
//! `nocaseglob`). Without them a pattern takes the same fast paths as before they existed.

use crate::shell::Options;
use crate::shell::options::Shopt;

/// How a pattern is matched beyond XCU 2.13.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchFlags {
    /// `@(..) ?(..) *(..) +(..) !(..)` are groups (`shopt -s extglob`).
    pub extglob: bool,
    /// Letters match either case (`nocasematch`, `nocaseglob`).
    pub nocase: bool,
}

impl MatchFlags {
    /// `${x#pat}` and the other removal operators: extglob when it is on.
    pub fn removal(o: &Options) -> MatchFlags {
        MatchFlags { extglob: o.shopt(Shopt::Extglob), nocase: false }
    }

    /// `case` and pattern substitution `${x/pat/rep}`: extglob and nocasematch when on.
    pub fn case(o: &Options) -> MatchFlags {
        MatchFlags { extglob: o.shopt(Shopt::Extglob), nocase: o.shopt(Shopt::Nocasematch) }
    }

    /// `[[ s == pat ]]`: bash 5.2 always matches extended patterns there; nocasematch.
    pub fn cond(o: &Options) -> MatchFlags {
        MatchFlags { extglob: true, nocase: o.shopt(Shopt::Nocasematch) }
    }
}

/// A compiled pattern: the escaped form plus a classification for fast paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    src: Vec<u8>,
    kind: Kind,
    flags: MatchFlags,
}

/// A pattern borrowing its escaped form (no allocation: `${x#*/}` with a literal word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternRef<'a> {
    src: &'a [u8],
    kind: Kind,
    flags: MatchFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No special characters. `plain`: no backslash either, so `src` is the text itself.
    Literal { plain: bool },
    /// A lone `*` (possibly repeated): matches everything.
    Any,
    /// Anything else. `first`/`last`: the literal byte the pattern must start/end with, if
    /// fixed, used to skip hopeless candidates in the removal operators.
    General { first: Option<u8>, last: Option<u8> },
    /// Extended groups or case-insensitive: matched by [`super::extglob::matches`].
    Extended,
}

/// The bytes that must be escaped for a quoted character to stay literal in a pattern
/// (`( | )` for extended patterns: `@("a|b")` has one alternative).
#[inline]
pub fn is_pattern_special(c: u8) -> bool {
    matches!(c, b'*' | b'?' | b'[' | b']' | b'\\' | b'-' | b'!' | b'^' | b'(' | b'|' | b')')
}

/// Appends `s` to `out` with every pattern special escaped (quoted text into a pattern).
pub fn push_escaped(out: &mut Vec<u8>, s: &[u8]) {
    for &c in s {
        if is_pattern_special(c) {
            out.push(b'\\');
        }
        out.push(c);
    }
}

/// Appends quoted text to the escaped form `out`. When `out` ends with a backslash that
/// escapes nothing yet (one from an unquoted expansion: `$bs'a'` with bs='\\'), that
/// backslash escapes the first quoted byte, so it stands for itself: the byte is escaped too,
/// as in dash and bash.
pub fn push_quoted(out: &mut Vec<u8>, s: &[u8]) {
    if let Some(&c) = s.first()
        && !is_pattern_special(c)
        && ends_with_active_backslash(out)
    {
        out.push(b'\\');
    }
    push_escaped(out, s);
}

/// Does the escaped form `p` end with a backslash that escapes nothing?
pub fn ends_with_active_backslash(p: &[u8]) -> bool {
    p.iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
}

impl Pattern {
    /// Compiles the escaped form `src` (XCU 2.13 patterns only).
    pub fn new(src: Vec<u8>) -> Pattern {
        Pattern::with_flags(src, MatchFlags::default())
    }

    /// Compiles the escaped form `src`, matched as `flags` say.
    pub fn with_flags(src: Vec<u8>, flags: MatchFlags) -> Pattern {
        let kind = classify(&src, flags);
        Pattern { src, kind, flags }
    }

    /// A pattern matching exactly `s`.
    pub fn literal(s: &[u8]) -> Pattern {
        let mut src = Vec::with_capacity(s.len());
        push_escaped(&mut src, s);
        let kind = Kind::Literal {
            plain: src.len() == s.len(),
        };
        Pattern { src, kind, flags: MatchFlags::default() }
    }

    pub fn as_ref(&self) -> PatternRef<'_> {
        PatternRef {
            src: &self.src,
            kind: self.kind,
            flags: self.flags,
        }
    }

    /// The escaped form.
    pub fn as_bytes(&self) -> &[u8] {
        &self.src
    }

    /// True when the pattern has no special characters.
    pub fn is_literal(&self) -> bool {
        matches!(self.kind, Kind::Literal { .. })
    }

    /// Whole-string match.
    #[inline]
    pub fn matches(&self, s: &[u8]) -> bool {
        self.as_ref().matches(s)
    }

    /// Length of the prefix of `s` that `${x#pat}` (`longest` false) or `${x##pat}` removes;
    /// 0 when nothing matches.
    pub fn prefix_len(&self, s: &[u8], longest: bool) -> usize {
        self.as_ref().prefix_len(s, longest)
    }

    /// Length of the suffix of `s` that `${x%pat}` (`longest` false) or `${x%%pat}` removes.
    pub fn suffix_len(&self, s: &[u8], longest: bool) -> usize {
        self.as_ref().suffix_len(s, longest)
    }
}

impl<'a> PatternRef<'a> {
    /// Classifies the escaped form `src` without copying it (XCU 2.13 patterns only).
    pub fn new(src: &'a [u8]) -> PatternRef<'a> {
        PatternRef::with_flags(src, MatchFlags::default())
    }

    /// Classifies the escaped form `src`, matched as `flags` say.
    pub fn with_flags(src: &'a [u8], flags: MatchFlags) -> PatternRef<'a> {
        PatternRef { src, kind: classify(src, flags), flags }
    }

    /// Whole-string match.
    #[inline]
    pub fn matches(&self, s: &[u8]) -> bool {
        match self.kind {
            Kind::Literal { plain: true } => self.src == s,
            Kind::Any => true,
            Kind::Extended => super::extglob::matches(self.src, s, self.flags),
            _ => fnmatch(self.src, s),
        }
    }

    /// Whole-string match by the general matchers (no literal or `*` shortcut).
    #[inline]
    fn full_match(&self, s: &[u8]) -> bool {
        match self.kind {
            Kind::Extended => super::extglob::matches(self.src, s, self.flags),
            _ => fnmatch(self.src, s),
        }
    }

    pub fn prefix_len(&self, s: &[u8], longest: bool) -> usize {
        match self.kind {
            Kind::Literal { plain: true } => {
                if s.starts_with(self.src) {
                    self.src.len()
                } else {
                    0
                }
            }
            Kind::Any => {
                if longest {
                    s.len()
                } else {
                    0
                }
            }
            Kind::Literal { plain: false } | Kind::Extended => self.scan_prefix(s, longest, None),
            Kind::General { last, .. } => self.scan_prefix(s, longest, last),
        }
    }

    fn scan_prefix(&self, s: &[u8], longest: bool, last: Option<u8>) -> usize {
        let ok = |i: usize| {
            if let Some(b) = last {
                if i == 0 || s[i - 1] != b {
                    return false;
                }
            }
            self.full_match(&s[..i])
        };
        if longest {
            (0..=s.len()).rev().find(|&i| ok(i)).unwrap_or(0)
        } else {
            (0..=s.len()).find(|&i| ok(i)).unwrap_or(0)
        }
    }

    pub fn suffix_len(&self, s: &[u8], longest: bool) -> usize {
        match self.kind {
            Kind::Literal { plain: true } => {
                if s.ends_with(self.src) {
                    self.src.len()
                } else {
                    0
                }
            }
            Kind::Any => {
                if longest {
                    s.len()
                } else {
                    0
                }
            }
            Kind::Literal { plain: false } | Kind::Extended => self.scan_suffix(s, longest, None),
            Kind::General { first, .. } => self.scan_suffix(s, longest, first),
        }
    }

    fn scan_suffix(&self, s: &[u8], longest: bool, first: Option<u8>) -> usize {
        let n = s.len();
        let ok = |start: usize| {
            if let Some(b) = first {
                if start == n || s[start] != b {
                    return false;
                }
            }
            self.full_match(&s[start..])
        };
        // The suffix starting at `start` has length n - start.
        if longest {
            (0..=n).find(|&st| ok(st)).map_or(0, |st| n - st)
        } else {
            (0..=n).rev().find(|&st| ok(st)).map_or(0, |st| n - st)
        }
    }
}

/// Does the escaped pattern contain an active special: `*`, `?`, or a `[` that starts a
/// terminated bracket expression? (A lone `[`, as in the command `[`, matches only itself:
/// no directory needs to be read.)
pub fn has_magic(p: &[u8]) -> bool {
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' => i += 2,
            b'*' | b'?' => return true,
            b'[' => {
                if bracket(p, i + 1, 0, None).is_some() {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

/// Does the escaped pattern hold an extended group (`@(...)` and the like)?
#[inline]
pub fn has_ext_group(p: &[u8]) -> bool {
    p.contains(&b'(') && super::extglob::has_group(p)
}

/// [`has_magic`], counting extended groups as magic when `extglob` is on.
#[inline]
pub fn has_magic_with(p: &[u8], extglob: bool) -> bool {
    has_magic(p) || (extglob && has_ext_group(p))
}

/// Removes the escaping backslashes of an escaped pattern.
pub fn unescape(p: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        if p[i] == b'\\' && i + 1 < p.len() {
            i += 1;
        }
        out.push(p[i]);
        i += 1;
    }
    out
}

fn classify(p: &[u8], flags: MatchFlags) -> Kind {
    if !p.is_empty() && p.iter().all(|&c| c == b'*') {
        return Kind::Any;
    }
    if flags.nocase || (flags.extglob && has_ext_group(p)) {
        return Kind::Extended;
    }
    if !has_magic(p) {
        return Kind::Literal {
            plain: !p.contains(&b'\\'),
        };
    }
    let first = match p.first() {
        Some(b'\\') => p.get(1).copied(),
        Some(&c) if !matches!(c, b'*' | b'?' | b'[') => Some(c),
        _ => None,
    };
    // The last byte is a fixed literal when it is not special and not escaped-special.
    let last = match p.len() {
        0 => None,
        n => {
            let c = p[n - 1];
            // Count preceding backslashes to know if `c` is escaped.
            let mut k = 0;
            while k < n - 1 && p[n - 2 - k] == b'\\' {
                k += 1;
            }
            let escaped = k % 2 == 1;
            if escaped || !matches!(c, b'*' | b'?' | b']' | b'\\') {
                Some(c)
            } else {
                None
            }
        }
    };
    Kind::General { first, last }
}

/// Whole-string match of the escaped pattern `p` against `s`. Iterative with a single
/// backtrack point for the last `*` (sufficient since `*` is the only variable-length element).
#[inline]
pub fn fnmatch(p: &[u8], s: &[u8]) -> bool {
    fnmatch_in::<false>(p, s)
}

/// [`fnmatch`] ignoring the case of letters.
pub fn fnmatch_nocase(p: &[u8], s: &[u8]) -> bool {
    fnmatch_in::<true>(p, s)
}

/// Byte equality, ignoring ASCII case when `NOCASE`.
#[inline(always)]
fn same<const NOCASE: bool>(a: u8, b: u8) -> bool {
    if NOCASE { a.eq_ignore_ascii_case(&b) } else { a == b }
}

/// The other case of a letter, for bracket expressions that ignore case.
#[inline(always)]
pub(super) fn other_case<const NOCASE: bool>(c: u8) -> Option<u8> {
    if NOCASE && c.is_ascii_alphabetic() { Some(c ^ 0x20) } else { None }
}

fn fnmatch_in<const NOCASE: bool>(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        let mut ok = false;
        if pi < p.len() {
            match p[pi] {
                b'*' => {
                    while pi < p.len() && p[pi] == b'*' {
                        pi += 1;
                    }
                    if pi == p.len() {
                        return true;
                    }
                    star = Some((pi, si));
                    continue;
                }
                b'?' => {
                    if si < s.len() {
                        pi += 1;
                        si += 1;
                        ok = true;
                    }
                }
                b'[' => {
                    if si < s.len() {
                        match bracket(p, pi + 1, s[si], other_case::<NOCASE>(s[si])) {
                            Some((true, next)) => {
                                pi = next;
                                si += 1;
                                ok = true;
                            }
                            Some((false, _)) => {}
                            None => {
                                if s[si] == b'[' {
                                    pi += 1;
                                    si += 1;
                                    ok = true;
                                }
                            }
                        }
                    }
                }
                b'\\' => {
                    let (c, next) = match p.get(pi + 1) {
                        Some(&c) => (c, pi + 2),
                        None => (b'\\', pi + 1),
                    };
                    if si < s.len() && same::<NOCASE>(s[si], c) {
                        pi = next;
                        si += 1;
                        ok = true;
                    }
                }
                c => {
                    if si < s.len() && same::<NOCASE>(s[si], c) {
                        pi += 1;
                        si += 1;
                        ok = true;
                    }
                }
            }
        } else if si == s.len() {
            return true;
        }
        if !ok {
            match star {
                Some((sp, ss)) if ss < s.len() => {
                    star = Some((sp, ss + 1));
                    pi = sp;
                    si = ss + 1;
                }
                _ => return false,
            }
        }
    }
}

/// Matches `c` (or `alt`, its other case when case is ignored) against the bracket expression
/// starting at `p[i]` (just after `[`). Returns whether it matched and the index after the
/// closing `]`, or `None` when the expression is not terminated (the `[` is then an ordinary
/// character).
pub(super) fn bracket(p: &[u8], mut i: usize, c: u8, alt: Option<u8>) -> Option<(bool, usize)> {
    let hit = |x: u8| x == c || alt == Some(x);
    let mut negate = false;
    if i < p.len() && (p[i] == b'!' || p[i] == b'^') {
        negate = true;
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        if i >= p.len() {
            return None;
        }
        let b = p[i];
        if b == b']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        // A class, equivalence class or collating symbol.
        if b == b'[' && i + 1 < p.len() && matches!(p[i + 1], b':' | b'=' | b'.') {
            let kind = p[i + 1];
            let start = i + 2;
            let mut j = start;
            let mut end = None;
            while j + 1 < p.len() {
                if p[j] == kind && p[j + 1] == b']' {
                    end = Some(j);
                    break;
                }
                j += 1;
            }
            if let Some(e) = end {
                let name = &p[start..e];
                match kind {
                    b':' => {
                        if class_matches(name, c) || alt.is_some_and(|a| class_matches(name, a)) {
                            matched = true;
                        }
                    }
                    _ => {
                        // [=c=] and [.c.]: single characters only in the C locale.
                        if name.len() == 1 && hit(name[0]) {
                            matched = true;
                        }
                    }
                }
                i = e + 2;
                continue;
            }
        }
        // A single character, possibly escaped, possibly the start of a range.
        let (lo, next) = if b == b'\\' && i + 1 < p.len() {
            (p[i + 1], i + 2)
        } else {
            (b, i + 1)
        };
        i = next;
        if i + 1 < p.len() && p[i] == b'-' && p[i + 1] != b']' {
            let (hi, next) = if p[i + 1] == b'\\' && i + 2 < p.len() {
                (p[i + 2], i + 3)
            } else {
                (p[i + 1], i + 2)
            };
            i = next;
            if (lo..=hi).contains(&c) || alt.is_some_and(|a| (lo..=hi).contains(&a)) {
                matched = true;
            }
        } else if hit(lo) {
            matched = true;
        }
    }
}

fn class_matches(name: &[u8], c: u8) -> bool {
    match name {
        b"alpha" => c.is_ascii_alphabetic(),
        b"digit" => c.is_ascii_digit(),
        b"alnum" => c.is_ascii_alphanumeric(),
        b"upper" => c.is_ascii_uppercase(),
        b"lower" => c.is_ascii_lowercase(),
        b"space" => matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
        b"blank" => c == b' ' || c == b'\t',
        b"punct" => c.is_ascii_punctuation(),
        b"print" => (0x20..0x7f).contains(&c),
        b"graph" => c.is_ascii_graphic(),
        b"cntrl" => c < 0x20 || c == 0x7f,
        b"xdigit" => c.is_ascii_hexdigit(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        fnmatch(p.as_bytes(), s.as_bytes())
    }

    #[test]
    fn basics() {
        assert!(m("*", ""));
        assert!(m("a*b", "axxb"));
        assert!(!m("a*b", "axxc"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*.c", "x.y.c"));
        assert!(m("[abc]", "b"));
        assert!(m("[!abc]", "d"));
        assert!(!m("[!abc]", "a"));
        assert!(m("[^a]", "b"));
        assert!(m("[a-c]x", "bx"));
        assert!(m("[]a]", "]"));
        assert!(m("[a-]", "-"));
        assert!(m("[[:digit:]]*", "1abc"));
        assert!(!m("[[:upper:]]", "a"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("[", "["));
        assert!(m("a[", "a["));
        assert!(m("[\\]]", "]"));
        assert!(m("[\\!a]", "!"));
        assert!(m("[a\\-c]", "-"));
        assert!(!m("[a\\-c]", "b"));
        assert!(m("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!m("*a*b*c*", "xxaxxcxxbxx"));
    }

    #[test]
    fn removal() {
        let p = Pattern::new(b"*/".to_vec());
        assert_eq!(p.prefix_len(b"a/b/c", false), 2);
        assert_eq!(p.prefix_len(b"a/b/c", true), 4);
        let p = Pattern::new(b".*".to_vec());
        assert_eq!(p.suffix_len(b"f.tar.gz", false), 3);
        assert_eq!(p.suffix_len(b"f.tar.gz", true), 7);
        let p = Pattern::new(b"*".to_vec());
        assert_eq!(p.prefix_len(b"abc", false), 0);
        assert_eq!(p.suffix_len(b"abc", true), 3);
        let p = Pattern::new(b"abc".to_vec());
        assert_eq!(p.suffix_len(b"abc", false), 3);
        let p = Pattern::new(b"??".to_vec());
        assert_eq!(p.prefix_len(b"abcd", false), 2);
    }
}
