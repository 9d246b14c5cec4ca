//! The comparison of expected and actual lines, and its unified diff.
//!
//! A port of Python's `difflib.SequenceMatcher` (with its "popular element" heuristic) as cram
//! and prysk extend it: where an expected line and an actual line face each other in a range
//! being matched, the expected line counts as equal when its `(re)`, `(glob)` or `(esc)`
//! annotation matches. Following the same algorithm gives the same diffs as those runners,
//! line for line, which users of their transcripts expect.

use std::collections::HashMap;

/// One edit step: `tag`, then the ranges `a[i1..i2]` and `b[j1..j2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opcode {
    pub tag: Tag,
    pub i1: usize,
    pub i2: usize,
    pub j1: usize,
    pub j2: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Equal,
    Replace,
    Delete,
    Insert,
}

struct Matcher<'a, F> {
    a: Vec<&'a [u8]>,
    b: &'a [Vec<u8>],
    b2j: HashMap<&'a [u8], Vec<usize>>,
    matches: F,
}

impl<'a, F: FnMut(&[u8], &[u8]) -> bool> Matcher<'a, F> {
    fn new(a: &'a [Vec<u8>], b: &'a [Vec<u8>], matches: F) -> Self {
        let mut b2j: HashMap<&[u8], Vec<usize>> = HashMap::new();
        for (j, line) in b.iter().enumerate() {
            b2j.entry(line.as_slice()).or_default().push(j);
        }
        // difflib's autojunk: in long sequences, lines occurring in more than 1% of b are
        // "popular" and never start a match.
        let n = b.len();
        if n >= 200 {
            let ntest = n / 100 + 1;
            b2j.retain(|_, idxs| idxs.len() <= ntest);
        }
        Matcher { a: a.iter().map(Vec::as_slice).collect(), b, b2j, matches }
    }

    fn find_longest_match(&mut self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> (usize, usize, usize) {
        // The runners' extension: expected lines that match the actual line facing them
        // stand in as that line while this range is searched.
        let mut replaced = Vec::new();
        for n in 0..(ahi - alo).min(bhi - blo) {
            let (el, line) = (self.a[alo + n], self.b[blo + n].as_slice());
            if el != line && (self.matches)(el, line) {
                replaced.push((alo + n, el));
                self.a[alo + n] = line;
            }
        }
        let found = self.longest(alo, ahi, blo, bhi);
        for (i, el) in replaced {
            self.a[i] = el;
        }
        found
    }

    fn longest(&self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> (usize, usize, usize) {
        let (a, b) = (&self.a, self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        for i in alo..ahi {
            let mut newj2len = HashMap::new();
            if let Some(js) = self.b2j.get(a[i]) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j.checked_sub(1).and_then(|p| j2len.get(&p)).copied().unwrap_or(0) + 1;
                    newj2len.insert(j, k);
                    if k > bestsize {
                        (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
                    }
                }
            }
            j2len = newj2len;
        }
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1].as_slice() {
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize].as_slice()
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }

    fn matching_blocks(&mut self) -> Vec<(usize, usize, usize)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort_unstable();
        let mut merged = Vec::new();
        let (mut i1, mut j1, mut k1) = (0, 0, 0);
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    merged.push((i1, j1, k1));
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            merged.push((i1, j1, k1));
        }
        merged.push((la, lb, 0));
        merged
    }
}

/// The edit steps turning `expected` into `actual`, where `matches(expected_line,
/// actual_line)` says when an annotated expected line stands for an actual one.
pub fn opcodes(expected: &[Vec<u8>], actual: &[Vec<u8>], matches: impl FnMut(&[u8], &[u8]) -> bool) -> Vec<Opcode> {
    let mut m = Matcher::new(expected, actual, matches);
    let (mut i, mut j) = (0, 0);
    let mut codes = Vec::new();
    for (ai, bj, size) in m.matching_blocks() {
        let tag = if i < ai && j < bj {
            Some(Tag::Replace)
        } else if i < ai {
            Some(Tag::Delete)
        } else if j < bj {
            Some(Tag::Insert)
        } else {
            None
        };
        if let Some(tag) = tag {
            codes.push(Opcode { tag, i1: i, i2: ai, j1: j, j2: bj });
        }
        (i, j) = (ai + size, bj + size);
        if size > 0 {
            codes.push(Opcode { tag: Tag::Equal, i1: ai, i2: i, j1: bj, j2: j });
        }
    }
    codes
}

/// Whether the opcodes hold any difference.
pub fn differs(codes: &[Opcode]) -> bool {
    codes.iter().any(|c| c.tag != Tag::Equal)
}

/// difflib's `get_grouped_opcodes(n)`: the hunks, each with `n` lines of context.
fn grouped(codes: &[Opcode], n: usize) -> Vec<Vec<Opcode>> {
    let mut codes = codes.to_vec();
    if codes.is_empty() {
        codes.push(Opcode { tag: Tag::Equal, i1: 0, i2: 1, j1: 0, j2: 1 });
    }
    if let Some(first) = codes.first_mut()
        && first.tag == Tag::Equal
    {
        first.i1 = first.i1.max(first.i2.saturating_sub(n));
        first.j1 = first.j1.max(first.j2.saturating_sub(n));
    }
    if let Some(last) = codes.last_mut()
        && last.tag == Tag::Equal
    {
        last.i2 = last.i2.min(last.i1 + n);
        last.j2 = last.j2.min(last.j1 + n);
    }
    let mut groups = Vec::new();
    let mut group = Vec::new();
    for mut c in codes {
        if c.tag == Tag::Equal && c.i2 - c.i1 > 2 * n {
            group.push(Opcode { i2: c.i2.min(c.i1 + n), j2: c.j2.min(c.j1 + n), ..c });
            groups.push(std::mem::take(&mut group));
            c.i1 = c.i1.max(c.i2 - n);
            c.j1 = c.j1.max(c.j2 - n);
        }
        group.push(c);
    }
    if !group.is_empty() && !(group.len() == 1 && group[0].tag == Tag::Equal) {
        groups.push(group);
    }
    groups
}

/// The unified diff (3 lines of context) in the runners' layout: `--- from`, `+++ to`, and
/// `@@ -a,n +b,m @@` headers that always give both counts. Each line ends with a newline.
pub fn unified(expected: &[Vec<u8>], actual: &[Vec<u8>], codes: &[Opcode], from: &[u8], to: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if !differs(codes) {
        return out;
    }
    out.push([b"--- ", from, b"\n"].concat());
    out.push([b"+++ ", to, b"\n"].concat());
    for group in grouped(codes, 3) {
        let (first, last) = (group[0], group[group.len() - 1]);
        out.push(
            format!(
                "@@ -{},{} +{},{} @@\n",
                first.i1 + 1,
                last.i2 - first.i1,
                first.j1 + 1,
                last.j2 - first.j1
            )
            .into_bytes(),
        );
        for c in group {
            if c.tag == Tag::Equal {
                out.extend(expected[c.i1..c.i2].iter().map(|l| [b" ", l.as_slice()].concat()));
                continue;
            }
            if matches!(c.tag, Tag::Replace | Tag::Delete) {
                out.extend(expected[c.i1..c.i2].iter().map(|l| [b"-", l.as_slice()].concat()));
            }
            if matches!(c.tag, Tag::Replace | Tag::Insert) {
                out.extend(actual[c.j1..c.j2].iter().map(|l| [b"+", l.as_slice()].concat()));
            }
        }
    }
    out
}

/// The file as `--update` writes it: actual output where it differs, but the expected lines
/// (annotations included) wherever they still match.
pub fn merged(expected: &[Vec<u8>], actual: &[Vec<u8>], codes: &[Opcode]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for c in codes {
        match c.tag {
            Tag::Equal => out.extend_from_slice(&expected[c.i1..c.i2]),
            _ => out.extend_from_slice(&actual[c.j1..c.j2]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<Vec<u8>> {
        s.split_inclusive('\n').map(|l| l.as_bytes().to_vec()).collect()
    }

    #[test]
    fn diff_as_difflib() {
        let a = lines("  $ echo hi\n  bye\n");
        let b = lines("  $ echo hi\n  hi\n");
        let codes = opcodes(&a, &b, |_, _| false);
        let d: Vec<u8> = unified(&a, &b, &codes, b"", b"").concat();
        assert_eq!(d, b"--- \n+++ \n@@ -1,2 +1,2 @@\n   $ echo hi\n-  bye\n+  hi\n");
    }

    #[test]
    fn annotated_lines_stay_in_merge() {
        let a = lines("  $ ls\n  *.txt (glob)\n  x\n");
        let b = lines("  $ ls\n  a.txt\n  y\n");
        let codes = opcodes(&a, &b, |el, _| el.ends_with(b"(glob)\n"));
        assert_eq!(merged(&a, &b, &codes), lines("  $ ls\n  *.txt (glob)\n  y\n"));
    }
}
