//! readline init files (`$INPUTRC`, `~/.inputrc`, `/etc/inputrc`) and the lines `bind` takes:
//! `set NAME VALUE`, `"keyseq": function`, `keyname: function`, and the directives `$if
//! mode=emacs|vi`, `$if term=NAME`, `$if Bash` (chitin plays bash's part), `$if version >= N`,
//! `$else`, `$endif`, `$include FILE`. Errors are reported as readline does and never stop
//! the reading.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{Readline, functions, keyseq};
#[cfg(test)]
use super::Keymap;

/// The readline version `$if version` compares with (bash 5.2's).
const VERSION: (u32, u32) = (8, 2);

/// Reads init file lines into a [`Readline`].
pub struct Reader<'a> {
    pub rl: &'a mut Readline,
    /// `set -o vi` (what `editing-mode` sets and `$if mode=` tests).
    pub vi: &'a mut bool,
    /// `$TERM`, for `$if term=`.
    pub term: Vec<u8>,
    /// `$HOME`, for `~` in `$include`.
    pub home: Option<Vec<u8>>,
    /// For each open `$if`: whether lines were being skipped before it.
    outer: Vec<bool>,
    skipping: bool,
    /// The file and line being read, for messages.
    place: Option<(PathBuf, usize)>,
    depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(rl: &'a mut Readline, vi: &'a mut bool, term: Vec<u8>, home: Option<Vec<u8>>) -> Self {
        Reader { rl, vi, term, home, outer: Vec::new(), skipping: false, place: None, depth: 0 }
    }

    fn error(&self, msg: &str) {
        let text = match &self.place {
            Some((file, line)) => format!("readline: {}: line {line}: {msg}\n", file.display()),
            None => format!("readline: {msg}\n"),
        };
        crate::sys::fd::write_all(2, text.as_bytes());
    }

    /// Reads a whole file. The error is the one opening or reading it gave.
    pub fn read_file(&mut self, path: &Path) -> std::io::Result<()> {
        let data = std::fs::read(path)?;
        let saved = (self.place.take(), std::mem::take(&mut self.outer), self.skipping, self.rl.keymap);
        self.skipping = false;
        for (i, line) in data.split(|&c| c == b'\n').enumerate() {
            self.place = Some((path.to_path_buf(), i + 1));
            self.line(line);
        }
        // A keymap set in a file ends with it; so does an `$if` left open.
        (self.place, self.outer, self.skipping, self.rl.keymap) = saved;
        Ok(())
    }

    /// One line of an init file, or one argument of `bind`.
    pub fn line(&mut self, line: &[u8]) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = trim_start(line);
        if line.is_empty() || line[0] == b'#' {
            return;
        }
        if line[0] == b'$' {
            self.directive(&line[1..]);
            return;
        }
        if self.skipping {
            return;
        }
        if line.len() > 3 && line[..3].eq_ignore_ascii_case(b"set") && line[3].is_ascii_whitespace() {
            let rest = trim_start(&line[4..]);
            let end = rest.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(rest.len());
            let (name, value) = (&rest[..end], trim_end(trim_start(&rest[end..])));
            if let Err(e) = self.rl.set_variable(name, value, self.vi) {
                self.error(&e);
            }
            return;
        }
        self.binding(line);
    }

    /// `"keyseq": function` or `keyname: function`.
    fn binding(&mut self, line: &[u8]) {
        let (keys, rest) = if line[0] == b'"' {
            let mut i = 1;
            while i < line.len() && line[i] != b'"' {
                i += if line[i] == b'\\' { 2 } else { 1 };
            }
            let inside = &line[1..i.min(line.len())];
            (Some(keyseq::parse_quoted(inside)), line.get(i + 1..).unwrap_or(&[]))
        } else {
            let end = line
                .iter()
                .position(|&c| c == b':' || c.is_ascii_whitespace())
                .unwrap_or(line.len());
            (keyseq::parse_name(&line[..end]), &line[end..])
        };
        // Up to the colon, then blanks.
        let Some(colon) = rest.iter().position(|&c| c == b':') else {
            self.error(&format!("{}: no key sequence terminator", String::from_utf8_lossy(line)));
            return;
        };
        // readline binds something for any key name; a name chitin cannot read is passed over.
        let Some(keys) = keys.filter(|k| !k.is_empty()) else {
            return;
        };
        let target = trim_start(&rest[colon + 1..]);
        // A macro (`"\C-xq": "text"`): not supported by the editor, left alone.
        if target.first().is_some_and(|&c| c == b'"' || c == b'\'') {
            return;
        }
        let end = target.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(target.len());
        let name = target[..end].to_ascii_lowercase();
        // A function the editor does not have (bash's menu-complete, say) leaves the key as
        // it was rather than taking away what it did.
        if let Some(f) = functions::find(&name) {
            let keymap = self.rl.current_keymap(*self.vi);
            self.rl.bind(keymap, keys, Some(f));
        }
    }

    fn directive(&mut self, text: &[u8]) {
        let end = text.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(text.len());
        let (word, arg) = (&text[..end], trim_end(trim_start(&text[end..])));
        match word.to_ascii_lowercase().as_slice() {
            b"if" => {
                self.outer.push(self.skipping);
                if !self.skipping {
                    self.skipping = !self.condition(arg);
                }
            }
            b"else" => match self.outer.last() {
                Some(&outer) => {
                    if !outer {
                        self.skipping = !self.skipping;
                    }
                }
                None => self.error("$else found without matching $if"),
            },
            b"endif" => match self.outer.pop() {
                Some(outer) => self.skipping = outer,
                None => self.error("$endif without matching $if"),
            },
            b"include" => {
                if self.skipping {
                    return;
                }
                let path = self.expand_tilde(arg);
                if self.depth >= 16 {
                    return;
                }
                self.depth += 1;
                // A missing file is passed over silently, as readline does.
                let _ = self.read_file(&path);
                self.depth -= 1;
            }
            _ => self.error(&format!("{}: unknown parser directive", String::from_utf8_lossy(word))),
        }
    }

    fn condition(&self, arg: &[u8]) -> bool {
        let lower = arg.to_ascii_lowercase();
        if let Some(mode) = lower.strip_prefix(b"mode=") {
            return mode == if *self.vi { &b"vi"[..] } else { b"emacs" };
        }
        if let Some(term) = arg.strip_prefix(b"term=") {
            let short = self.term.split(|&c| c == b'-').next().unwrap_or(b"");
            return term == self.term.as_slice() || term == short;
        }
        if let Some(rest) = lower.strip_prefix(b"version") {
            return version_test(trim_start(rest));
        }
        matches!(lower.as_slice(), b"bash" | b"chitin")
    }

    fn expand_tilde(&self, path: &[u8]) -> PathBuf {
        match (path.strip_prefix(b"~/"), &self.home) {
            (Some(rest), Some(home)) => Path::new(OsStr::from_bytes(home)).join(OsStr::from_bytes(rest)),
            _ => PathBuf::from(OsStr::from_bytes(path)),
        }
    }
}

/// `$if version OP N[.M]`.
fn version_test(text: &[u8]) -> bool {
    let op_len = text.iter().take_while(|&&c| b"<>=!".contains(&c)).count();
    let (op, num) = (&text[..op_len], trim_start(&text[op_len..]));
    let num = String::from_utf8_lossy(num);
    let mut parts = num.split('.');
    let major = parts.next().and_then(|m| m.trim().parse().ok());
    let minor = parts.next().and_then(|m| m.trim().parse().ok()).unwrap_or(0);
    let Some(major) = major else {
        return false;
    };
    let ord = VERSION.cmp(&(major, minor));
    use std::cmp::Ordering::*;
    match op {
        b"=" | b"==" => ord == Equal,
        b"!=" => ord != Equal,
        b"<" => ord == Less,
        b"<=" => ord != Greater,
        b">" => ord == Greater,
        b">=" => ord != Less,
        _ => false,
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let i = s.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(s.len());
    &s[i..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let i = s.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &s[..i]
}

/// The init file to read: `$INPUTRC`, else `~/.inputrc`, else `/etc/inputrc` (readline's
/// order), if it exists.
pub fn init_file(inputrc: Option<&[u8]>, home: Option<&[u8]>) -> Option<PathBuf> {
    if let Some(f) = inputrc.filter(|f| !f.is_empty()) {
        return Some(PathBuf::from(OsStr::from_bytes(f)));
    }
    let user = home.map(|h| Path::new(OsStr::from_bytes(h)).join(".inputrc"));
    match user {
        Some(u) if u.exists() => Some(u),
        _ => Some(PathBuf::from("/etc/inputrc")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, vi: &mut bool) -> Readline {
        let mut rl = Readline::default();
        let mut r = Reader::new(&mut rl, vi, b"xterm-256color".to_vec(), None);
        for line in text.lines() {
            r.line(line.as_bytes());
        }
        rl
    }

    #[test]
    fn conditionals_and_settings() {
        let mut vi = false;
        let rl = read(
            "set completion-ignore-case on\n$if mode=vi\nset show-all-if-ambiguous on\n$else\nset bell-style visible\n$endif\n$if term=xterm\nset comment-begin //\n$endif\n$if Bash\n\"\\C-x\\C-r\": re-read-init-file\n$endif\n$if version >= 9\nset completion-query-items 10\n$endif\n",
            &mut vi,
        );
        let s = &rl.settings;
        assert!(s.completion_ignore_case);
        assert!(!s.show_all_if_ambiguous);
        assert_eq!(s.bell_style, super::super::Bell::Visible);
        assert_eq!(s.comment_begin, b"//");
        assert_eq!(s.completion_query_items, 100);
        assert_eq!(rl.bindings.len(), 1);
        assert_eq!(rl.bindings[0].keys, b"\x18\x12");
    }

    #[test]
    fn editing_mode_sets_vi_and_the_keymap() {
        let mut vi = false;
        let rl = read("set editing-mode vi\nControl-o: undo\n", &mut vi);
        assert!(vi);
        assert_eq!(rl.bindings[0].keymap, Keymap::ViInsert);
        assert_eq!(rl.bindings[0].keys, b"\x0f");
    }

    #[test]
    fn unknown_functions_leave_the_key_alone() {
        let mut vi = false;
        let rl = read("TAB: menu-complete\n", &mut vi);
        assert!(rl.bindings.is_empty());
    }
}
