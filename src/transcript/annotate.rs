//! Expected lines with an annotation: `(re)`, `(glob)`, `(esc)`. Each says when an expected
//! line stands for an actual one, as cram's matchers do (the indent is part of the pattern).

use super::escape::escape_decode;
use super::pyre::{Regex, RegexError};
use std::collections::HashMap;

/// The matchers, with the compiled patterns kept (a diff asks about the same line many times).
#[derive(Default)]
pub struct Annotations {
    regexes: HashMap<Vec<u8>, Result<Regex, RegexError>>,
}

impl Annotations {
    /// Whether the expected line `el` matches the actual line `l` (both end with a newline).
    pub fn matches(&mut self, el: &[u8], l: &[u8]) -> bool {
        self.esc(el, l) || self.glob(el, l) || self.re(el, l)
    }

    fn esc(&self, el: &[u8], l: &[u8]) -> bool {
        const ANN: &[u8] = b" (esc)\n";
        let el = match el.strip_suffix(ANN) {
            Some(body) => [escape_decode(body).as_slice(), b"\n"].concat(),
            None => el.to_vec(),
        };
        if el == l {
            return true;
        }
        match l.strip_suffix(ANN) {
            Some(body) => el == [escape_decode(body).as_slice(), b"\n"].concat(),
            None => false,
        }
    }

    fn glob(&mut self, el: &[u8], l: &[u8]) -> bool {
        let Some(pattern) = el.strip_suffix(b" (glob)\n") else { return false };
        let pattern = glob_to_regex(pattern);
        self.full_match(&pattern, &l[..l.len() - 1])
    }

    fn re(&mut self, el: &[u8], l: &[u8]) -> bool {
        let Some(pattern) = el.strip_suffix(b" (re)\n") else { return false };
        self.full_match(pattern, &l[..l.len() - 1])
    }

    fn full_match(&mut self, pattern: &[u8], subject: &[u8]) -> bool {
        let compiled = self.regexes.entry(pattern.to_vec()).or_insert_with(|| Regex::new(pattern));
        compiled.as_ref().is_ok_and(|re| re.full_match(subject))
    }
}

/// Why the `(re)` or `(glob)` line (with its newline) does not compile, if it does not.
pub fn pattern_error(line: &[u8]) -> Option<RegexError> {
    if let Some(p) = line.strip_suffix(b" (re)\n") {
        return Regex::new(p).err();
    }
    None
}

/// cram's glob: `*` and `?` with backslash escapes, translated to a regular expression.
fn glob_to_regex(glob: &[u8]) -> Vec<u8> {
    let mut re = Vec::with_capacity(glob.len() * 2);
    let mut i = 0;
    while i < glob.len() {
        let c = glob[i];
        i += 1;
        match c {
            b'\\' if i < glob.len() && b"*?\\".contains(&glob[i]) => {
                re.push(b'\\');
                re.push(glob[i]);
                i += 1;
            }
            b'*' => re.extend_from_slice(b".*"),
            b'?' => re.push(b'.'),
            c if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => re.push(c),
            c => {
                re.push(b'\\');
                re.push(c);
            }
        }
    }
    re
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_as_cram() {
        let mut a = Annotations::default();
        assert!(a.matches(b"\\* \\\\ \\? fo?b* (glob)\n", b"* \\ ? foobar\n"));
        assert!(a.matches(b"  *.txt (glob)\n", b"  a.txt\n"));
        assert!(!a.matches(b"  *.txt (glob)\n", b"  a.txt2\n"));
        assert!(a.matches(b"  id \\d+ (re)\n", b"  id 42\n"));
        assert!(a.matches(b"  \\x01 (esc)\n", b"  \x01\n"));
    }
}
