//! POSIX extended regular expressions through the C library's `regcomp`/`regexec`, for
//! `[[ string =~ regex ]]`.
//!
//! The C library is what bash uses, so chitin gets bash's exact dialect (POSIX ERE with the
//! GNU extensions glibc accepts) and POSIX leftmost-longest matching with its sub-match rules.
//! A Rust regex crate matches leftmost-first and has another syntax; it would need a
//! translation layer and would still differ on alternations like `(a|ab)`.
//!
//! Patterns and subjects are bytes, handed to C as NUL-terminated strings: as in bash, a NUL
//! byte ends either one (the shell's values never hold one anyway).

use std::ffi::CStr;

/// A compiled regular expression; freed with `regfree` when dropped.
pub struct Regex {
    /// Boxed: the C library keeps its compiled program behind this struct, which must not be
    /// moved while in use; a box gives it a fixed address.
    re: Box<libc::regex_t>,
    /// The number of parenthesised groups (`re_nsub`, which the libc crate keeps private).
    groups: usize,
}

/// `regcomp` rejected the pattern; holds the C library's description of why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError(pub String);

/// The bytes of `s` up to a NUL (or all of it), then a NUL.
fn c_string(s: &[u8], buf: &mut Vec<u8>) {
    let end = super::mem::find_byte(s, 0).unwrap_or(s.len());
    buf.clear();
    buf.reserve(end + 1);
    buf.extend_from_slice(&s[..end]);
    buf.push(0);
}

impl Regex {
    /// Compiles `pattern` as an ERE; `icase` ignores case (`shopt -s nocasematch`).
    pub fn new(pattern: &[u8], icase: bool) -> Result<Regex, RegexError> {
        let mut text = Vec::new();
        c_string(pattern, &mut text);
        // SAFETY: regex_t is a plain C struct for which all-zero bytes are a valid (unused)
        // value; regcomp initialises it before anything reads it.
        let mut re: Box<libc::regex_t> = Box::new(unsafe { std::mem::zeroed() });
        let flags = libc::REG_EXTENDED | if icase { libc::REG_ICASE } else { 0 };
        // SAFETY: `re` points to a live regex_t we own; `text` is NUL-terminated and lives
        // across the call.
        let rc = unsafe { libc::regcomp(&mut *re, text.as_ptr().cast(), flags) };
        if rc != 0 {
            let mut msg = [0u8; 256];
            // SAFETY: regerror writes at most msg.len() bytes, NUL-terminated, into `msg`; `re`
            // is the struct regcomp just failed on, which regerror may read.
            unsafe { libc::regerror(rc, &*re, msg.as_mut_ptr().cast(), msg.len()) };
            // regcomp frees what it allocated when it fails: no regfree here.
            let text = CStr::from_bytes_until_nul(&msg)
                .map(|c| c.to_string_lossy().into_owned())
                .unwrap_or_default();
            return Err(RegexError(text));
        }
        Ok(Regex { re, groups: count_groups(&text) })
    }

    /// The number of parenthesised sub-expressions.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Matches `subject` (anywhere in it). On a match returns true and fills `spans` with the
    /// byte range of the whole match and of each group (`None` for a group that did not take
    /// part). `buf` is scratch space for the C string, kept by the caller between calls.
    pub fn find(&self, subject: &[u8], buf: &mut Vec<u8>, spans: &mut Vec<Option<(usize, usize)>>) -> bool {
        c_string(subject, buf);
        let n = self.groups() + 1;
        let mut m = vec![libc::regmatch_t { rm_so: -1, rm_eo: -1 }; n];
        // SAFETY: `self.re` was compiled by regcomp and is not freed before drop; `buf` is
        // NUL-terminated; `m` has room for `n` entries, the count passed.
        let rc = unsafe { libc::regexec(&*self.re, buf.as_ptr().cast(), n, m.as_mut_ptr(), 0) };
        spans.clear();
        if rc != 0 {
            return false;
        }
        spans.extend(m.iter().map(|r| {
            (r.rm_so >= 0 && r.rm_eo >= r.rm_so).then_some((r.rm_so as usize, r.rm_eo as usize))
        }));
        true
    }
}

/// The number of groups of a valid ERE: the `(` that are neither escaped nor inside a
/// bracket expression.
fn count_groups(p: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' => i += 1,
            b'(' => n += 1,
            b'[' => {
                // `[^]...]` and `[]...]` hold a literal `]` first; `[:alpha:]`, `[=a=]` and
                // `[.a.]` are units that may hold `]`.
                i += 1;
                if p.get(i) == Some(&b'^') {
                    i += 1;
                }
                if p.get(i) == Some(&b']') {
                    i += 1;
                }
                while i < p.len() && p[i] != b']' {
                    if p[i] == b'[' && matches!(p.get(i + 1), Some(b':' | b'=' | b'.')) {
                        let close = p[i + 1];
                        i += 2;
                        while i + 1 < p.len() && !(p[i] == close && p[i + 1] == b']') {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: `re` was successfully compiled (a failed regcomp never makes a Regex) and is
        // freed exactly once, here.
        unsafe { libc::regfree(&mut *self.re) };
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    fn find(re: &str, s: &str) -> Option<Vec<Option<(usize, usize)>>> {
        let r = Regex::new(re.as_bytes(), false).expect("valid regex");
        let mut spans = Vec::new();
        r.find(s.as_bytes(), &mut Vec::new(), &mut spans).then_some(spans)
    }

    #[test]
    fn matches_leftmost_longest_with_groups() {
        assert_eq!(find("[0-9]+", "abc123def"), Some(vec![Some((3, 6))]));
        assert_eq!(find("(a|ab)(c|bcd)", "abcd"), Some(vec![Some((0, 4)), Some((0, 1)), Some((1, 4))]));
        assert_eq!(find("a(x)?b", "ab"), Some(vec![Some((0, 2)), None]));
        assert_eq!(find("^b", "abc"), None);
    }

    #[test]
    fn counts_groups_outside_brackets_and_escapes() {
        for (re, n) in [("a", 0), ("(a)(b(c))", 3), ("\\(a", 0), ("[(]", 0), ("[]()]", 0), ("[^](]", 0), ("[[:alpha:](]", 0), ("[[:alpha:]](x)", 1)] {
            assert_eq!(Regex::new(re.as_bytes(), false).expect(re).groups(), n, "{re}");
        }
    }

    #[test]
    fn bad_patterns_are_errors_and_icase_works() {
        assert!(Regex::new(b"a(", false).is_err());
        assert!(Regex::new(b"*a", false).is_err());
        let r = Regex::new(b"^abc$", true).expect("valid");
        assert!(r.find(b"ABC", &mut Vec::new(), &mut Vec::new()));
    }

    #[test]
    fn bytes_that_are_not_utf8_match_as_bytes() {
        let r = Regex::new(b"\xff+", false).expect("valid");
        let mut spans = Vec::new();
        assert!(r.find(b"a\xff\xffb", &mut Vec::new(), &mut spans));
        assert_eq!(spans, vec![Some((1, 3))]);
    }
}
