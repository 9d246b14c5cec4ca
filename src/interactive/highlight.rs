//! Fish-style hints (the rest of a matching history entry, accepted with right-arrow) and
//! command-word colouring (green when it resolves, red when not).
//!
//! Both only read memory and the PATH cache: nothing here queries the terminal or walks the
//! file system per key (a command word with a `/` costs one `stat`).

use std::cell::RefCell;

use super::complete::{self, Names, PathCache};

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const GREY: &str = "\x1b[90m";
const RESET: &str = "\x1b[0m";

/// Colours with `TERM=dumb` or `NO_COLOR` set are off (https://no-color.org).
pub fn colors_wanted(term: Option<&[u8]>, no_color: Option<&[u8]>) -> bool {
    let dumb = matches!(term, Some(t) if t == b"dumb");
    let no_color = matches!(no_color, Some(v) if !v.is_empty());
    !dumb && !no_color
}

/// The rest of the newest history entry (first line only) that extends `line`.
pub fn hint<'a>(line: &str, entries: impl DoubleEndedIterator<Item = &'a str>) -> Option<String> {
    if line.trim().is_empty() || line.contains('\n') {
        return None;
    }
    for e in entries.rev() {
        let first = e.split('\n').next().unwrap_or("");
        if first.len() > line.len() && first.starts_with(line) {
            return Some(first[line.len()..].to_string());
        }
    }
    None
}

pub fn grey(hint: &str) -> String {
    format!("{GREY}{hint}{RESET}")
}

/// `line` with each plain command word coloured.
pub fn highlight(line: &str, names: &Names, cache: &RefCell<PathCache>) -> Option<String> {
    let mut out = String::with_capacity(line.len() + 32);
    let mut last = 0;
    let mut any = false;
    for w in complete::words(line) {
        if !w.command_pos || w.quoted || w.unquoted.contains('=') {
            continue;
        }
        let color = if complete::resolves(&w.unquoted, names, cache) {
            GREEN
        } else {
            RED
        };
        out.push_str(&line[last..w.start]);
        out.push_str(color);
        out.push_str(&line[w.start..w.end]);
        out.push_str(RESET);
        last = w.end;
        any = true;
    }
    if !any {
        return None;
    }
    out.push_str(&line[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        let h = ["echo one", "echo two\nmore", "ls"];
        assert_eq!(hint("ec", h.iter().copied()), Some("ho two".into()));
        assert_eq!(hint("echo o", h.iter().copied()), Some("ne".into()));
        assert_eq!(hint("", h.iter().copied()), None);
        assert_eq!(hint("ls", h.iter().copied()), None);
    }

    #[test]
    fn colours() {
        assert!(colors_wanted(Some(b"xterm"), None));
        assert!(!colors_wanted(Some(b"dumb"), None));
        assert!(!colors_wanted(None, Some(b"1")));
        assert!(colors_wanted(None, Some(b"")));
        let names = Names {
            functions: vec!["myfn".into()],
            ..Default::default()
        };
        let cache = RefCell::new(PathCache::default());
        let got = highlight("myfn a | nosuchcmd", &names, &cache).unwrap_or_default();
        assert_eq!(got, format!("{GREEN}myfn{RESET} a | {RED}nosuchcmd{RESET}"));
    }
}
