//! Field splitting by IFS (XCU 2.6.5), shared by word expansion and the `read` builtin.

use crate::shell::Shell;

const NONE: u8 = 0;
const WS: u8 = 1;
const OTHER: u8 = 2;

/// The IFS in effect, as a byte-class table.
#[derive(Clone)]
pub struct Ifs {
    class: [u8; 256],
    /// IFS is set and empty: no splitting at all.
    pub empty: bool,
    /// The byte joining `"$*"`: the first IFS byte; a space when IFS is unset; none when empty.
    pub join: Option<u8>,
}

impl Ifs {
    /// `None`: IFS unset (the default `<space><tab><newline>`).
    pub fn new(ifs: Option<&[u8]>) -> Ifs {
        let ifs = ifs.unwrap_or(b" \t\n");
        let mut class = [NONE; 256];
        for &c in ifs {
            class[c as usize] = if matches!(c, b' ' | b'\t' | b'\n') {
                WS
            } else {
                OTHER
            };
        }
        Ifs {
            class,
            empty: ifs.is_empty(),
            join: ifs.first().copied(),
        }
    }

    #[inline]
    pub fn is_ws(&self, c: u8) -> bool {
        self.class[c as usize] == WS
    }

    #[inline]
    pub fn is_other(&self, c: u8) -> bool {
        self.class[c as usize] == OTHER
    }

    #[inline]
    pub fn is_delim(&self, c: u8) -> bool {
        self.class[c as usize] != NONE
    }
}

/// The IFS of the shell `sh`.
pub fn ifs(sh: &Shell) -> Ifs {
    Ifs::new(sh.vars.get(b"IFS"))
}

/// The join byte for `$*`, without building a whole table.
pub fn star_join(sh: &Shell) -> Option<u8> {
    match sh.vars.get(b"IFS") {
        None => Some(b' '),
        Some(v) => v.first().copied(),
    }
}

/// Splits a line as `read` does for `nvars` variables (at least 1): fields are separated by
/// IFS; the last variable gets the rest of the line (inner delimiters kept) with leading and
/// trailing IFS white space removed. Fewer fields than variables: the list is shorter.
pub fn split_for_read(ifs: &[u8], line: &[u8], nvars: usize) -> Vec<Vec<u8>> {
    split_for_read_masked(&Ifs::new(Some(ifs)), line, None, nvars)
}

/// As [`split_for_read`], with `literal[i]` true for bytes that were backslash-escaped in the
/// input (they never delimit; the caller has already removed the backslashes).
pub fn split_for_read_masked(
    ifs: &Ifs,
    line: &[u8],
    literal: Option<&[bool]>,
    nvars: usize,
) -> Vec<Vec<u8>> {
    let nvars = nvars.max(1);
    let lit = |i: usize| literal.is_some_and(|m| m.get(i).copied().unwrap_or(false));
    let ws = |i: usize| !lit(i) && ifs.is_ws(line[i]);
    let other = |i: usize| !lit(i) && ifs.is_other(line[i]);
    let mut out = Vec::new();
    let n = line.len();
    let mut i = 0;
    // Leading IFS white space is ignored.
    while i < n && ws(i) {
        i += 1;
    }
    while i < n {
        if out.len() + 1 == nvars {
            // The last variable: the rest, minus trailing IFS white space.
            let mut end = n;
            while end > i && ws(end - 1) {
                end -= 1;
            }
            // A single trailing non-white-space delimiter (after what was a complete field)
            // is dropped, as dash and bash do: `a:` -> `a`.
            if end > i && other(end - 1) {
                let mut k = end - 1;
                while k > i && ws(k - 1) {
                    k -= 1;
                }
                // Only when the rest holds no other delimiter is it one field plus a delimiter.
                if !(i..k).any(|j| ifs.is_delim(line[j]) && !lit(j)) {
                    end = k;
                }
            }
            out.push(line[i..end].to_vec());
            return out;
        }
        let start = i;
        while i < n && !(ws(i) || other(i)) {
            i += 1;
        }
        out.push(line[start..i].to_vec());
        // Skip one delimiter: white space, then at most one non-white-space, then white space.
        while i < n && ws(i) {
            i += 1;
        }
        if i < n && other(i) {
            i += 1;
            while i < n && ws(i) {
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(ifs: &str, line: &str, n: usize) -> Vec<String> {
        split_for_read(ifs.as_bytes(), line.as_bytes(), n)
            .into_iter()
            .map(|v| String::from_utf8(v).unwrap())
            .collect()
    }

    #[test]
    fn read_splitting() {
        assert_eq!(r(" \t\n", "  a  b  ", 1), ["a  b"]);
        assert_eq!(r(":", "a:b:c", 3), ["a", "b", "c"]);
        assert_eq!(r(":", "a:b:c:d", 2), ["a", "b:c:d"]);
        assert_eq!(r(":", "a::c", 3), ["a", "", "c"]);
        assert_eq!(r(":", ":b", 2), ["", "b"]);
        assert_eq!(r(" \t\n", "a b   ", 2), ["a", "b"]);
        assert_eq!(r("", "  sp  ", 1), ["  sp  "]);
        assert_eq!(r(" \t\n", "a", 3), ["a"]);
    }
}
