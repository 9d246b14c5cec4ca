//! bash's extended patterns (`shopt -s extglob`), over the escaped form of `pattern.rs`:
//!
//! - `?(alts)`: zero or one of the alternatives;
//! - `*(alts)`: zero or more;
//! - `+(alts)`: one or more;
//! - `@(alts)`: exactly one;
//! - `!(alts)`: anything except one of them;
//!
//! where `alts` is patterns separated by `|`, nested groups allowed. A group is found by
//! counting parentheses (escaped ones do not count, bracket expressions are not looked into,
//! as in bash). Matching walks the pattern and branches only at `*` and at groups; a stretch
//! without groups is handed to the iterative matcher of `pattern.rs`. It never allocates.

use super::pattern::{MatchFlags, bracket, fnmatch, fnmatch_nocase, other_case};

/// Can `c` open a group when followed by `(`?
#[inline]
fn is_group_op(c: u8) -> bool {
    matches!(c, b'?' | b'*' | b'+' | b'@' | b'!')
}

/// The index of the `)` closing the `(` at `p[open]`, if there is one.
fn group_end(p: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < p.len() {
        match p[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The group starting at `p[i]` (its operator), as (index of `)`), when it is one.
#[inline]
fn group_at(p: &[u8], i: usize) -> Option<usize> {
    if is_group_op(p[i]) && p.get(i + 1) == Some(&b'(') { group_end(p, i + 1) } else { None }
}

/// Does the escaped pattern hold an extended group?
pub fn has_group(p: &[u8]) -> bool {
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' => i += 2,
            _ if group_at(p, i).is_some() => return true,
            _ => i += 1,
        }
    }
    false
}

/// Whole-string match of the escaped pattern `p` against `s`.
pub fn matches(p: &[u8], s: &[u8], flags: MatchFlags) -> bool {
    if flags.extglob && has_group(p) {
        if flags.nocase { walk::<true>(p, s) } else { walk::<false>(p, s) }
    } else if flags.nocase {
        fnmatch_nocase(p, s)
    } else {
        fnmatch(p, s)
    }
}

/// The group-free matcher for the rest of a pattern.
#[inline]
fn plain<const NOCASE: bool>(p: &[u8], s: &[u8]) -> bool {
    if NOCASE { fnmatch_nocase(p, s) } else { fnmatch(p, s) }
}

/// Matches `p` (which may hold groups) against all of `s`.
fn walk<const NOCASE: bool>(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    while pi < p.len() {
        if let Some(close) = group_at(p, pi) {
            return group::<NOCASE>(p[pi], &p[pi + 2..close], &p[close + 1..], &s[si..]);
        }
        match p[pi] {
            b'*' => {
                // Consecutive stars are one (a star that opens a group is not).
                while pi < p.len() && p[pi] == b'*' && group_at(p, pi).is_none() {
                    pi += 1;
                }
                let rest = &p[pi..];
                if rest.is_empty() {
                    return true;
                }
                if !has_group(rest) {
                    return plain::<NOCASE>(&p[pi - 1..], &s[si..]);
                }
                return (si..=s.len()).any(|k| walk::<NOCASE>(rest, &s[k..]));
            }
            b'?' => {
                if si == s.len() {
                    return false;
                }
                pi += 1;
                si += 1;
            }
            b'[' => {
                let Some(&c) = s.get(si) else { return false };
                match bracket(p, pi + 1, c, other_case::<NOCASE>(c)) {
                    Some((true, next)) => pi = next,
                    Some((false, _)) => return false,
                    None if c == b'[' => pi += 1,
                    None => return false,
                }
                si += 1;
            }
            c => {
                let (want, next) = match (c, p.get(pi + 1)) {
                    (b'\\', Some(&e)) => (e, pi + 2),
                    _ => (c, pi + 1),
                };
                match s.get(si) {
                    Some(&got) if got == want || (NOCASE && got.eq_ignore_ascii_case(&want)) => {}
                    _ => return false,
                }
                pi = next;
                si += 1;
            }
        }
    }
    si == s.len()
}

/// Matches the group `op(alts)` followed by the pattern `rest` against all of `s`.
fn group<const NOCASE: bool>(op: u8, alts: &[u8], rest: &[u8], s: &[u8]) -> bool {
    // Each split point: the group takes s[..k], the rest of the pattern s[k..].
    let split = |k: usize, group_part: &dyn Fn(&[u8]) -> bool| {
        walk::<NOCASE>(rest, &s[k..]) && group_part(&s[..k])
    };
    match op {
        b'@' => (0..=s.len()).any(|k| split(k, &|t| any_alt::<NOCASE>(alts, t))),
        b'?' => (0..=s.len()).any(|k| split(k, &|t| t.is_empty() || any_alt::<NOCASE>(alts, t))),
        b'*' => (0..=s.len()).any(|k| split(k, &|t| repeat::<NOCASE>(alts, t))),
        b'+' => (0..=s.len()).any(|k| split(k, &|t| one_or_more::<NOCASE>(alts, t))),
        _ => (0..=s.len()).any(|k| split(k, &|t| !any_alt::<NOCASE>(alts, t))),
    }
}

/// Does one of the `|`-separated alternatives match all of `t`?
fn any_alt<const NOCASE: bool>(alts: &[u8], t: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < alts.len() {
        match alts[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                if walk::<NOCASE>(&alts[start..i], t) {
                    return true;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    walk::<NOCASE>(&alts[start.min(alts.len())..], t)
}

/// Is `t` a sequence of zero or more strings each matching an alternative?
fn repeat<const NOCASE: bool>(alts: &[u8], t: &[u8]) -> bool {
    t.is_empty() || one_or_more::<NOCASE>(alts, t)
}

/// Is `t` a sequence of one or more strings each matching an alternative? (The pieces after
/// the first are not empty, so this ends.)
fn one_or_more<const NOCASE: bool>(alts: &[u8], t: &[u8]) -> bool {
    any_alt::<NOCASE>(alts, t)
        || (1..t.len()).any(|k| any_alt::<NOCASE>(alts, &t[..k]) && one_or_more::<NOCASE>(alts, &t[k..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        matches(p.as_bytes(), s.as_bytes(), MatchFlags { extglob: true, nocase: false })
    }

    #[test]
    fn groups() {
        assert!(m("@(a|b).txt", "a.txt"));
        assert!(!m("@(a|b).txt", "ab.txt"));
        assert!(m("a?(b).txt", "a.txt") && m("a?(b).txt", "ab.txt") && !m("a?(b).txt", "abb.txt"));
        assert!(m("a*(b).txt", "abbb.txt") && m("a*(b).txt", "a.txt") && !m("a*(b).txt", "ac.txt"));
        assert!(m("a+(b).txt", "abb.txt") && !m("a+(b).txt", "a.txt"));
        assert!(m("!(*.txt)", "c.log") && !m("!(*.txt)", "a.txt"));
        assert!(m("!(a*|b*)", "c1") && !m("!(a*|b*)", "b1"));
        assert!(m("+(ab)", "abab") && !m("+(ab)", "aba"));
        assert!(m("*(a)", ""));
        assert!(m("@(a|ab|abc)", "ab"));
        assert!(m("@()", "") && m("!()", "x") && !m("!()", ""));
        assert!(m("+([0-9])", "123") && !m("+([0-9])", "12a"));
        assert!(m("*(+(a)b)", "aabab") && !m("*(+(a)b)", "aaba"));
        assert!(m("x*@(.c|.h)", "x.y.c") && m("*!(.c)", "a.c"));
        // Escaped and unbalanced parentheses are ordinary characters.
        assert!(m("@(a\\)|b)", "a)") && m("@(a\\|b)", "a|b") && !m("@(a\\|b)", "a"));
        assert!(m("@(a", "@(a") && m("\\@(a)", "@(a)"));
    }

    #[test]
    fn without_extglob_groups_are_text() {
        let f = MatchFlags::default();
        assert!(matches(b"@(a|b)", b"@(a|b)", f) && !matches(b"@(a|b)", b"a", f));
    }

    #[test]
    fn ignoring_case() {
        let f = MatchFlags { extglob: true, nocase: true };
        assert!(matches(b"@(foo|bar)", b"BAR", f));
        assert!(matches(b"[a-c]*.TXT", b"B.txt", f));
        assert!(!matches(b"[!a]", b"A", f));
        assert!(matches(b"abc", b"ABC", MatchFlags { extglob: false, nocase: true }));
    }
}
