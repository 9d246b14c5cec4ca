//! Python-style regular expressions over bytes, for `(re)` lines.
//!
//! cram and prysk match `(re)` lines with Python's `re.match(pattern + rb"\Z", line)` on bytes,
//! so transcripts are written in Python's dialect (`\d`, `\w`, `\s`, `{m,n}`, lazy `*?`,
//! `(?:...)`, backreferences) and anchored at both ends. The C library's POSIX regex
//! (sys/regex.rs) has another syntax and leftmost-longest semantics, so this is a small
//! backtracking matcher of our own: the patterns are one line long and so are the subjects.
//! On bytes, as in Python's bytes patterns, `\w` `\d` `\s` are ASCII classes and `.` is any
//! byte but a newline.

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    alt: Alt,
    groups: usize,
    ignore_case: bool,
}

/// Alternatives of a group or of the whole pattern.
type Alt = Vec<Vec<Node>>;

#[derive(Debug, Clone)]
enum Node {
    Byte(u8),
    /// `.`: any byte but `\n` (or any byte at all with the `s` flag).
    Any(bool),
    Class(Box<[bool; 256]>),
    /// `^` / `\A`.
    Start,
    /// `$`: the end, or before a final newline.
    Dollar,
    /// `\Z`: the very end.
    End,
    WordBoundary(bool),
    /// A group; `Some(n)` captures as group n (1-based).
    Group(Alt, Option<usize>),
    Repeat { node: Box<Node>, min: usize, max: usize, greedy: bool },
    Backref(usize),
    /// `(?=...)` / `(?!...)`.
    Look(Alt, bool),
}

/// Why a pattern does not compile, in Python's words where it has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError(pub String);

impl std::fmt::Display for RegexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const UNBOUNDED: usize = usize::MAX;

struct Compiler<'a> {
    p: &'a [u8],
    i: usize,
    groups: usize,
    ignore_case: bool,
    dot_all: bool,
}

fn err<T>(msg: impl Into<String>, at: usize) -> Result<T, RegexError> {
    Err(RegexError(format!("{} at position {at}", msg.into())))
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn class_of(pred: impl Fn(u8) -> bool, negate: bool) -> [bool; 256] {
    let mut set = [false; 256];
    for (b, slot) in set.iter_mut().enumerate() {
        *slot = pred(b as u8) != negate;
    }
    set
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The class a `\d`-style escape stands for.
fn escape_class(c: u8) -> Option<[bool; 256]> {
    Some(match c {
        b'd' => class_of(|b| b.is_ascii_digit(), false),
        b'D' => class_of(|b| b.is_ascii_digit(), true),
        b'w' => class_of(is_word, false),
        b'W' => class_of(is_word, true),
        b's' => class_of(is_space, false),
        b'S' => class_of(is_space, true),
        _ => return None,
    })
}

impl Compiler<'_> {
    fn peek(&self) -> Option<u8> {
        self.p.get(self.i).copied()
    }

    fn alt(&mut self, depth: usize) -> Result<Alt, RegexError> {
        let mut alt = vec![self.seq(depth)?];
        while self.peek() == Some(b'|') {
            self.i += 1;
            alt.push(self.seq(depth)?);
        }
        Ok(alt)
    }

    fn seq(&mut self, depth: usize) -> Result<Vec<Node>, RegexError> {
        let mut seq = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'|' {
                break;
            }
            if c == b')' {
                if depth == 0 {
                    return err("unbalanced parenthesis", self.i);
                }
                break;
            }
            let start = self.i;
            let atom = self.atom(depth)?;
            let Some(atom) = atom else { continue };
            let atom = self.quantified(atom, start)?;
            seq.push(atom);
        }
        Ok(seq)
    }

    /// A repetition count `{m}`, `{m,}`, `{,n}`, `{m,n}` at `self.i` (on `{`), or `None` when
    /// the brace is a literal, as in Python.
    fn braces(&mut self) -> Option<(usize, usize)> {
        let rest = &self.p[self.i + 1..];
        let close = rest.iter().position(|&b| b == b'}')?;
        let body = &rest[..close];
        let num = |s: &[u8]| -> Option<usize> {
            if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(s).ok()?.parse().ok()
        };
        let (min, max) = match body.iter().position(|&b| b == b',') {
            None => {
                let n = num(body)?;
                (n, n)
            }
            Some(comma) => {
                let (lo, hi) = (&body[..comma], &body[comma + 1..]);
                let min = if lo.is_empty() { 0 } else { num(lo)? };
                let max = if hi.is_empty() { UNBOUNDED } else { num(hi)? };
                (min, max)
            }
        };
        self.i += close + 2;
        Some((min, max))
    }

    fn quantified(&mut self, atom: Node, start: usize) -> Result<Node, RegexError> {
        let mut node = atom;
        let mut quantified = false;
        loop {
            let (min, max) = match self.peek() {
                Some(b'*') => (0, UNBOUNDED),
                Some(b'+') => (1, UNBOUNDED),
                Some(b'?') => (0, 1),
                Some(b'{') => {
                    let save = self.i;
                    match self.braces() {
                        Some((min, max)) => {
                            if max < min {
                                return err("min repeat greater than max repeat", save + 1);
                            }
                            self.i -= 1; // the shared `self.i += 1` below steps over `}`
                            (min, max)
                        }
                        None => return Ok(node),
                    }
                }
                _ => return Ok(node),
            };
            if quantified {
                return err("multiple repeat", self.i);
            }
            if matches!(node, Node::Start | Node::Dollar | Node::End | Node::WordBoundary(_)) {
                return err("nothing to repeat", start);
            }
            self.i += 1;
            let greedy = if self.peek() == Some(b'?') {
                self.i += 1;
                false
            } else {
                true
            };
            node = Node::Repeat { node: Box::new(node), min, max, greedy };
            quantified = true;
        }
    }

    fn atom(&mut self, depth: usize) -> Result<Option<Node>, RegexError> {
        let at = self.i;
        let c = self.p[self.i];
        self.i += 1;
        Ok(Some(match c {
            b'.' => Node::Any(self.dot_all),
            b'^' => Node::Start,
            b'$' => Node::Dollar,
            b'*' | b'+' | b'?' => return err("nothing to repeat", at),
            b'{' => {
                self.i -= 1;
                let save = self.i;
                if self.braces().is_some() {
                    return err("nothing to repeat", at);
                }
                self.i = save + 1;
                Node::Byte(b'{')
            }
            b'[' => self.class()?,
            b'(' => return self.group(depth, at),
            b'\\' => self.escape(false)?,
            c => Node::Byte(c),
        }))
    }

    fn group(&mut self, depth: usize, at: usize) -> Result<Option<Node>, RegexError> {
        let mut capture = true;
        let mut look = None;
        if self.peek() == Some(b'?') {
            self.i += 1;
            match self.peek() {
                Some(b':') => {
                    self.i += 1;
                    capture = false;
                }
                Some(b'=') | Some(b'!') => {
                    look = Some(self.peek() == Some(b'='));
                    self.i += 1;
                    capture = false;
                }
                Some(b'P') if self.p.get(self.i + 1) == Some(&b'<') => {
                    let Some(close) = self.p[self.i..].iter().position(|&b| b == b'>') else {
                        return err("missing >, unterminated name", self.i + 2);
                    };
                    self.i += close + 1;
                }
                Some(b'#') => {
                    let Some(close) = self.p[self.i..].iter().position(|&b| b == b')') else {
                        return err("missing ), unterminated comment", at);
                    };
                    self.i += close + 1;
                    return Ok(None);
                }
                Some(f) if b"aiLmsux".contains(&f) => {
                    // Global inline flags, `(?i)`: only at the start in Python 3.11.
                    while let Some(f) = self.peek() {
                        match f {
                            b'i' => self.ignore_case = true,
                            b's' => self.dot_all = true,
                            b'a' | b'm' | b'x' | b'u' | b'L' => {}
                            b')' => break,
                            _ => return err("unknown flag", self.i),
                        }
                        self.i += 1;
                    }
                    if self.peek() != Some(b')') {
                        return err("missing )", self.i);
                    }
                    self.i += 1;
                    return Ok(None);
                }
                _ => return err("unknown extension ?", at + 1),
            }
        }
        let index = if capture {
            self.groups += 1;
            Some(self.groups)
        } else {
            None
        };
        let alt = self.alt(depth + 1)?;
        if self.peek() != Some(b')') {
            return err("missing ), unterminated subpattern", at);
        }
        self.i += 1;
        Ok(Some(match look {
            Some(positive) => Node::Look(alt, positive),
            None => Node::Group(alt, index),
        }))
    }

    /// The escape after a backslash; `in_class` for inside `[...]`.
    fn escape(&mut self, in_class: bool) -> Result<Node, RegexError> {
        let at = self.i - 1;
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", at);
        };
        self.i += 1;
        if let Some(set) = escape_class(c) {
            return Ok(Node::Class(Box::new(set)));
        }
        Ok(match c {
            b'n' => Node::Byte(b'\n'),
            b't' => Node::Byte(b'\t'),
            b'r' => Node::Byte(b'\r'),
            b'f' => Node::Byte(0x0c),
            b'v' => Node::Byte(0x0b),
            b'a' => Node::Byte(0x07),
            b'b' if in_class => Node::Byte(0x08),
            b'b' => Node::WordBoundary(true),
            b'B' if !in_class => Node::WordBoundary(false),
            b'A' if !in_class => Node::Start,
            b'Z' if !in_class => Node::End,
            b'x' => {
                let hex = self.p.get(self.i..self.i + 2).and_then(|h| {
                    u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
                });
                match hex {
                    Some(b) => {
                        self.i += 2;
                        Node::Byte(b)
                    }
                    None => return err("incomplete escape \\x", at),
                }
            }
            b'0' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && matches!(self.peek(), Some(b'0'..=b'7')) {
                    v = v * 8 + u32::from(self.p[self.i] - b'0');
                    self.i += 1;
                    n += 1;
                }
                Node::Byte(v as u8)
            }
            b'1'..=b'9' if !in_class => {
                let mut n = usize::from(c - b'0');
                if let Some(d @ b'0'..=b'9') = self.peek() {
                    n = n * 10 + usize::from(d - b'0');
                    self.i += 1;
                }
                if n > self.groups {
                    return err(format!("invalid group reference {n}"), at + 1);
                }
                Node::Backref(n)
            }
            c if c.is_ascii_alphanumeric() => {
                return err(format!("bad escape \\{}", c as char), at);
            }
            c => Node::Byte(c),
        })
    }

    fn class(&mut self) -> Result<Node, RegexError> {
        let at = self.i - 1;
        let mut set = [false; 256];
        let negate = self.peek() == Some(b'^');
        if negate {
            self.i += 1;
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", at);
            };
            if c == b']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            let lo = if c == b'\\' {
                match self.escape(true)? {
                    Node::Byte(b) => b,
                    Node::Class(s) => {
                        for (slot, &v) in set.iter_mut().zip(s.iter()) {
                            *slot |= v;
                        }
                        continue;
                    }
                    _ => return err("bad escape in set", self.i - 2),
                }
            } else {
                c
            };
            if self.peek() == Some(b'-') && self.p.get(self.i + 1).is_some_and(|&b| b != b']') {
                self.i += 1;
                let c2 = self.p[self.i];
                self.i += 1;
                let hi = if c2 == b'\\' {
                    match self.escape(true)? {
                        Node::Byte(b) => b,
                        _ => return err("bad character range", at),
                    }
                } else {
                    c2
                };
                if hi < lo {
                    return err("bad character range", at);
                }
                for b in lo..=hi {
                    set[usize::from(b)] = true;
                }
            } else {
                set[usize::from(lo)] = true;
            }
        }
        if self.ignore_case {
            fold_set(&mut set);
        }
        if negate {
            for slot in set.iter_mut() {
                *slot = !*slot;
            }
        }
        Ok(Node::Class(Box::new(set)))
    }
}

fn fold_set(set: &mut [bool; 256]) {
    for b in b'a'..=b'z' {
        let up = b.to_ascii_uppercase();
        let either = set[usize::from(b)] || set[usize::from(up)];
        set[usize::from(b)] = either;
        set[usize::from(up)] = either;
    }
}

impl Regex {
    pub fn new(pattern: &[u8]) -> Result<Regex, RegexError> {
        let mut c = Compiler { p: pattern, i: 0, groups: 0, ignore_case: false, dot_all: false };
        let alt = c.alt(0)?;
        if c.i < pattern.len() {
            return err("unbalanced parenthesis", c.i);
        }
        Ok(Regex { alt, groups: c.groups, ignore_case: c.ignore_case })
    }

    /// Whether the whole of `subject` matches (Python's `re.match(p + r"\Z", s)`).
    pub fn full_match(&self, subject: &[u8]) -> bool {
        let m = Matcher { s: subject, ignore_case: self.ignore_case, steps: std::cell::Cell::new(0) };
        let mut caps = vec![None; self.groups + 1];
        m.alt(&self.alt, 0, &mut caps, &mut |pos, _| pos == subject.len())
    }
}

/// Captured spans, by group number.
type Caps = Vec<Option<(usize, usize)>>;
type Cont<'k> = dyn FnMut(usize, &mut Caps) -> bool + 'k;

struct Matcher<'s> {
    s: &'s [u8],
    ignore_case: bool,
    /// Backtracking steps taken: a pathological pattern gives up (no match) rather than hang.
    steps: std::cell::Cell<u64>,
}

const STEP_LIMIT: u64 = 10_000_000;

impl Matcher<'_> {
    fn alt(&self, alt: &Alt, pos: usize, caps: &mut Caps, k: &mut Cont<'_>) -> bool {
        alt.iter().any(|seq| self.seq(seq, pos, caps, k))
    }

    fn seq(&self, seq: &[Node], pos: usize, caps: &mut Caps, k: &mut Cont<'_>) -> bool {
        let Some((first, rest)) = seq.split_first() else {
            return k(pos, caps);
        };
        self.node(first, pos, caps, &mut |p, c: &mut Caps| self.seq(rest, p, c, k))
    }

    fn byte_eq(&self, a: u8, b: u8) -> bool {
        a == b || (self.ignore_case && a.eq_ignore_ascii_case(&b))
    }

    fn node(&self, node: &Node, pos: usize, caps: &mut Caps, k: &mut Cont<'_>) -> bool {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if steps > STEP_LIMIT {
            return false;
        }
        let s = self.s;
        match node {
            Node::Byte(b) => pos < s.len() && self.byte_eq(s[pos], *b) && k(pos + 1, caps),
            Node::Any(all) => pos < s.len() && (*all || s[pos] != b'\n') && k(pos + 1, caps),
            Node::Class(set) => pos < s.len() && set[usize::from(s[pos])] && k(pos + 1, caps),
            Node::Start => pos == 0 && k(pos, caps),
            Node::Dollar => {
                (pos == s.len() || (pos + 1 == s.len() && s[pos] == b'\n')) && k(pos, caps)
            }
            Node::End => pos == s.len() && k(pos, caps),
            Node::WordBoundary(want) => {
                let before = pos > 0 && is_word(s[pos - 1]);
                let after = pos < s.len() && is_word(s[pos]);
                ((before != after) == *want) && k(pos, caps)
            }
            Node::Group(alt, index) => match index {
                None => self.alt(alt, pos, caps, k),
                Some(n) => {
                    let n = *n;
                    self.alt(alt, pos, caps, &mut |p, c: &mut Caps| {
                        let old = c[n];
                        c[n] = Some((pos, p));
                        if k(p, c) {
                            return true;
                        }
                        c[n] = old;
                        false
                    })
                }
            },
            Node::Look(alt, positive) => {
                let mut probe = caps.clone();
                let found = self.alt(alt, pos, &mut probe, &mut |_, _| true);
                if found != *positive {
                    return false;
                }
                if found {
                    *caps = probe;
                }
                k(pos, caps)
            }
            Node::Backref(n) => match caps[*n] {
                Some((a, b)) => {
                    let len = b - a;
                    pos + len <= s.len()
                        && (0..len).all(|i| self.byte_eq(s[pos + i], s[a + i]))
                        && k(pos + len, caps)
                }
                None => false,
            },
            Node::Repeat { node, min, max, greedy } => {
                self.repeat(node, *min, *max, *greedy, 0, pos, caps, k)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        min: usize,
        max: usize,
        greedy: bool,
        count: usize,
        pos: usize,
        caps: &mut Caps,
        k: &mut Cont<'_>,
    ) -> bool {
        let more = |caps: &mut Caps, k: &mut Cont<'_>| {
            count < max
                && self.node(node, pos, caps, &mut |p, c: &mut Caps| {
                    // An iteration that consumed nothing cannot make progress: stop there.
                    if p == pos && count >= min {
                        return false;
                    }
                    self.repeat(node, min, max, greedy, count + 1, p, c, k)
                })
        };
        if greedy {
            more(caps, k) || (count >= min && k(pos, caps))
        } else {
            (count >= min && k(pos, caps)) || more(caps, k)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    fn m(p: &str, s: &str) -> bool {
        Regex::new(p.as_bytes()).unwrap().full_match(s.as_bytes())
    }

    #[test]
    fn python_dialect() {
        assert!(m(r"id \d+", "id 42"));
        assert!(!m(r"id \d+", "id 42x"));
        assert!(m(r"[a-z]{2}", "hi"));
        assert!(!m(r"[a-z]{2}", "hii"));
        assert!(m(r"a.*?b", "axxbyyb"));
        assert!(m(r"(ab|cd)+\1", "abcdcd"));
        assert!(m(r"\w+\s\W", "foo_1 !"));
        assert!(m(r"x{,2}y", "xxy"));
        assert!(m(r"a{", "a{"));
        assert!(m(r"(?i)abc", "AbC"));
        assert!(m(r"[^\d]+", "abc"));
        assert!(m(r"\bfoo\b.*", "foo bar"));
        assert!(m(r"(?:a|b)*c$", "ababc"));
        assert!(m(r"(a*)*b", "aaab"));
        assert!(!m(r"(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaac"));
    }

    #[test]
    fn python_errors() {
        for bad in ["***", "(", ")", "[a", "a**", r"\q", "a{3,2}", r"\1"] {
            assert!(Regex::new(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
