//! Sections of a file that run on a pseudo-terminal. A prose line `(pty)` starts one: from
//! there the file runs in an interactive chitin on a pty (see `pty.rs`), up to a prose line
//! `(end pty)` or the end of the file; the rest runs as usual. A file whose first section is
//! marked runs on a pty from the start, as a whole when nothing ends the section.
//!
//! Each section runs in a shell of its own, one after the other, in the file's directory:
//! files made in one section are there in the next; variables, functions and jobs are not.

use std::ops::Range;

/// A run of the file's lines, and whether it runs on a pty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub lines: Range<usize>,
    pub pty: bool,
}

/// A prose line (not indented) reading `marker`, surrounding blanks aside.
fn is_marker(line: &[u8], indent: usize, marker: &[u8]) -> bool {
    let pad = vec![b' '; indent];
    !line.starts_with(&pad) && line.strip_suffix(b"\n").unwrap_or(line).trim_ascii() == marker
}

/// The file's sections in order, covering every line; a marker line belongs to the section it
/// starts or ends.
pub fn split(lines: &[Vec<u8>], indent: usize) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut start = 0;
    let mut pty = false;
    for (i, line) in lines.iter().enumerate() {
        let turn = if pty { is_marker(line, indent, b"(end pty)") } else { is_marker(line, indent, b"(pty)") };
        if !turn {
            continue;
        }
        // `(pty)` starts the next section; `(end pty)` ends this one.
        let end = if pty { i + 1 } else { i };
        if end > start {
            sections.push(Section { lines: start..end, pty });
        }
        start = end;
        pty = !pty;
    }
    if start < lines.len() || sections.is_empty() {
        sections.push(Section { lines: start..lines.len(), pty });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Vec<u8>> {
        text.split_inclusive('\n').map(|l| l.as_bytes().to_vec()).collect()
    }

    #[test]
    fn a_marked_file_is_one_pty_section() {
        let l = lines("(pty)\n\n  $ echo a\n  a\n");
        assert_eq!(split(&l, 2), vec![Section { lines: 0..4, pty: true }]);
    }

    #[test]
    fn sections_alternate_at_the_markers() {
        let l = lines("  $ x=1\nprose\n(pty)\n  $ sleep 9\n  ^C\n(end pty)\n  $ echo b\n  b\n");
        assert_eq!(
            split(&l, 2),
            vec![
                Section { lines: 0..2, pty: false },
                Section { lines: 2..6, pty: true },
                Section { lines: 6..8, pty: false },
            ]
        );
        // An indented `(pty)` is output, not a marker; `(end pty)` outside a section is prose.
        let l = lines("  $ echo '(pty)'\n  (pty)\n(end pty)\n");
        assert_eq!(split(&l, 2), vec![Section { lines: 0..3, pty: false }]);
        assert_eq!(split(&[], 2), vec![Section { lines: 0..0, pty: false }]);
    }
}
