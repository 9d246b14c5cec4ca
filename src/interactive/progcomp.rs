//! Programmable completion at the prompt (bash's): the spec `complete` registered for the
//! command is run with `COMP_WORDS`, `COMP_CWORD`, `COMP_LINE`, `COMP_POINT`, `COMP_TYPE`
//! and `COMP_KEY` set as bash sets them, and its matches become the candidates, quoted and
//! finished (`/`, space) as the spec's options say.
//!
//! Words are broken as readline breaks them for bash: the text completed starts after the
//! last `COMP_WORDBREAKS` character (or an open quote) before the cursor, and `COMP_WORDS`
//! is the current command split at those characters, a run of non-blank ones being a word.

use crate::builtins::complete::spec::{self, A_DIRECTORY, A_FILE, CompSpec, O_BASHDEFAULT, O_DEFAULT, O_FILENAMES, O_NOQUOTE, O_NOSORT, O_NOSPACE};
use crate::builtins::complete::{Current, Flags, Request, generate};
use crate::shell::Shell;

/// bash's default `COMP_WORDBREAKS`.
pub const DEFAULT_WORDBREAKS: &[u8] = b" \t\n\"'@><=;|&(:";

/// Bytes that separate commands for finding the command being completed.
const COMMAND_SEPARATORS: &[u8] = b";|&(\n";

/// The candidates a spec gave: already what replaces the text from the word start.
#[derive(Debug, Default)]
pub struct Completed {
    /// Byte offset in the line where the replaced text starts.
    pub start: usize,
    /// (shown in a list, inserted)
    pub candidates: Vec<(Vec<u8>, Vec<u8>)>,
}

/// What the prompt does when no spec applies or a spec asks for it.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The spec's matches (possibly none).
    Done(Completed),
    /// No spec for this command (or `-o default`/`bashdefault` with no matches): the
    /// shell's own completion.
    Fallback,
}

impl PartialEq for Completed {
    fn eq(&self, o: &Self) -> bool {
        self.start == o.start && self.candidates == o.candidates
    }
}
impl Eq for Completed {}

/// Where the text being completed starts (readline's `rl_find_completion_word`): after an
/// unclosed quote, else after the last unquoted word-break character before `point`.
/// Returns (start, the quote character left open).
pub fn word_start(line: &[u8], point: usize, breaks: &[u8]) -> (usize, Option<u8>) {
    let head = &line[..point];
    let mut quote: Option<(u8, usize)> = None;
    let mut last_break: Option<usize> = None;
    let mut i = 0;
    while i < head.len() {
        let c = head[i];
        match quote {
            Some((q, _)) if c == q => quote = None,
            Some((b'"', _)) if c == b'\\' => i += 1,
            Some(_) => {}
            None if c == b'\\' => i += 1,
            None if c == b'\'' || c == b'"' => quote = Some((c, i)),
            None if breaks.contains(&c) => last_break = Some(i),
            None => {}
        }
        i += 1;
    }
    match quote {
        Some((q, at)) => (at + 1, Some(q)),
        None => (last_break.map_or(0, |b| b + 1), None),
    }
}

/// The index of the first byte from `i` on that is outside quotes and backslash escapes and
/// that `stop` accepts, or `line.len()`.
fn next_unquoted(line: &[u8], mut i: usize, stop: impl Fn(u8) -> bool) -> usize {
    let mut quote: Option<u8> = None;
    while i < line.len() {
        let c = line[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(b'"') if c == b'\\' => i += 1,
            Some(_) => {}
            None if c == b'\\' => i += 1,
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if stop(c) => return i,
            None => {}
        }
        i += 1;
    }
    line.len()
}

/// The bounds of the command around `point`: after the last separator before it, up to the
/// next one after it (quotes respected).
fn command_bounds(line: &[u8], point: usize) -> (usize, usize) {
    let mut start = 0;
    let mut end = line.len();
    let mut i = 0;
    loop {
        i = next_unquoted(line, i, |c| COMMAND_SEPARATORS.contains(&c));
        if i >= line.len() {
            break;
        }
        if i < point {
            start = i + 1;
        } else {
            end = i;
            break;
        }
        i += 1;
    }
    while start < point && matches!(line[start], b' ' | b'\t') {
        start += 1;
    }
    (start, end.max(start))
}

/// bash's `split_at_delims` for completion: words of `cmd` split at `breaks` (blanks
/// separate, a run of other break characters is a word of its own), quotes kept; the index
/// of the word holding `point`, an empty word being inserted when the cursor is between
/// words or after the last one.
pub fn split_words(cmd: &[u8], point: usize, breaks: &[u8]) -> (Vec<Vec<u8>>, usize) {
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\n');
    let mut words: Vec<Vec<u8>> = Vec::new();
    let mut cword: Option<usize> = None;
    let mut i = 0;
    loop {
        let ws = i;
        while i < cmd.len() && blank(cmd[i]) {
            i += 1;
        }
        if cword.is_none() && point >= ws && point < i && !words.is_empty() {
            // The cursor is in the blanks between two words: a new, empty word there.
            cword = Some(words.len());
            words.push(Vec::new());
        }
        if i >= cmd.len() {
            break;
        }
        let start = i;
        // Quotes open a quoted word even though they are break characters (SD_NOQUOTEDELIM).
        if breaks.contains(&cmd[i]) && !matches!(cmd[i], b'\'' | b'"' | b'\\') {
            while i < cmd.len() && breaks.contains(&cmd[i]) && !blank(cmd[i]) && !matches!(cmd[i], b'\'' | b'"' | b'\\') {
                i += 1;
            }
        } else {
            i = next_unquoted(cmd, i, |c| breaks.contains(&c));
        }
        if cword.is_none() && point >= start && point <= i {
            cword = Some(words.len());
        }
        words.push(cmd[start..i].to_vec());
    }
    let cword = match cword {
        Some(c) => c,
        None => {
            words.push(Vec::new());
            words.len() - 1
        }
    };
    (words, cword)
}

fn wordbreaks(sh: &Shell) -> Vec<u8> {
    match sh.vars.get(b"COMP_WORDBREAKS") {
        Some(v) => v.to_vec(),
        None => DEFAULT_WORDBREAKS.to_vec(),
    }
}

/// Where Debian and most distributions install bash-completion.
const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

/// Whether `. path` is left to [`load_bash_completion`]: bash-completion's main script (or
/// the file `CHITIN_BASH_COMPLETION` names) sourced by an interactive shell's startup files,
/// as Debian's /etc/profile.d/bash_completion.sh and the usual ~/.bashrc do. Run there, it
/// would hold the first prompt back (it takes about as long again as the rest of a login).
pub fn defers(sh: &Shell, path: &[u8]) -> bool {
    sh.completion.reading_startup_files
        && (path == BASH_COMPLETION.as_bytes() || sh.vars.get(b"CHITIN_BASH_COMPLETION") == Some(path))
}

/// Sources bash-completion the first time the prompt completes (not at start-up: it takes
/// bash ~100 ms to read, and the first prompt must not wait), as bash does from the system
/// bashrc. `CHITIN_BASH_COMPLETION` set to a file loads that file instead; set empty, `0`
/// or `off`, nothing. A shell that loaded it itself (`BASH_COMPLETION_VERSINFO` is set)
/// is left alone. The specs defined before (by the startup files, which in bash run after
/// bash-completion) keep their place over bash-completion's.
pub fn load_bash_completion(sh: &mut Shell) {
    if std::mem::replace(&mut sh.completion.system_loaded, true) || !sh.options.interactive {
        return;
    }
    let path = match sh.vars.get(b"CHITIN_BASH_COMPLETION") {
        Some(v) if v.is_empty() || v == b"0" || v.eq_ignore_ascii_case(b"off") => return,
        Some(v) => v.to_vec(),
        None => BASH_COMPLETION.as_bytes().to_vec(),
    };
    if sh.vars.get(b"BASH_COMPLETION_VERSINFO").is_some() {
        return;
    }
    use std::os::unix::ffi::OsStrExt;
    if !std::path::Path::new(std::ffi::OsStr::from_bytes(&path)).is_file() {
        return;
    }
    let Some(dot) = crate::builtins::find(b".") else { return };
    let status = sh.last_status;
    let before: Vec<_> = sh.completion.specs.iter().map(|(k, s)| (k.to_vec(), std::rc::Rc::clone(s))).collect();
    (dot.run)(sh, &[b".".to_vec(), path]);
    for (key, spec) in before {
        sh.completion.specs.insert(&key, spec);
    }
    sh.last_status = status;
    if sh.flow != Some(crate::shell::Flow::Exit) {
        sh.flow = None;
    }
}

/// The table key of the spec for `command` (its full name, its base name, then `-D`).
fn find_spec(sh: &Shell, command: &[u8]) -> Option<(Vec<u8>, std::rc::Rc<CompSpec>)> {
    let specs = &sh.completion.specs;
    let base = command.rsplit(|&c| c == b'/').next().unwrap_or(command);
    for key in [command, base, spec::DEFAULT_KEY] {
        if !key.is_empty() {
            if let Some(s) = specs.get(key) {
                return Some((key.to_vec(), std::rc::Rc::clone(s)));
            }
        }
    }
    None
}

/// Runs the programmable completion for the cursor at `point` of `line`. `command_pos`:
/// the word is where a command name goes; `command`: the command's name (quotes removed).
pub fn complete(sh: &mut Shell, line: &[u8], point: usize, command_pos: bool, command: Option<&[u8]>) -> Outcome {
    if sh.completion.specs.is_empty() {
        return Outcome::Fallback;
    }
    let breaks = wordbreaks(sh);
    let (cmd_start, cmd_end) = command_bounds(line, point);
    let cmd_line = &line[cmd_start..cmd_end];
    let cmd_point = point - cmd_start;
    let (word_at, open_quote) = word_start(line, point, &breaks);
    let word_at = word_at.max(cmd_start);
    let word = line[word_at..point].to_vec();
    let (words, cword) = split_words(cmd_line, cmd_point, &breaks);
    let blank_line = line[..point].iter().all(|c| c.is_ascii_whitespace()) && line[point..].iter().all(|c| c.is_ascii_whitespace());
    let key_command: Vec<u8>;
    let (mut key, mut spec) = if blank_line {
        match sh.completion.specs.get(spec::EMPTY_KEY) {
            Some(s) => (spec::EMPTY_KEY.to_vec(), std::rc::Rc::clone(s)),
            None => return Outcome::Fallback,
        }
    } else if command_pos {
        match sh.completion.specs.get(spec::INITIAL_KEY) {
            Some(s) => (spec::INITIAL_KEY.to_vec(), std::rc::Rc::clone(s)),
            None => return Outcome::Fallback,
        }
    } else {
        key_command = command.unwrap_or(b"").to_vec();
        match find_spec(sh, &key_command) {
            Some(found) => found,
            None => return Outcome::Fallback,
        }
    };
    let command_name = if blank_line || command_pos { Vec::new() } else { command.unwrap_or(b"").to_vec() };
    let previous = if cword > 0 { words[cword - 1].clone() } else { Vec::new() };
    let req = Request {
        command: command_name.clone(),
        word: word.clone(),
        previous,
        line: cmd_line.to_vec(),
        point: char_count(&cmd_line[..cmd_point]),
        words,
        cword: cword as i64,
        comp_type: 9,
        key: 9,
        compgen: false,
    };
    // A function answering 124 has loaded a new spec (bash-completion's `_completion_loader`):
    // look the spec up again, up to bash's limit.
    let mut matches;
    let mut options;
    let mut tries = 0;
    loop {
        sh.completion.current =
            Some(Current { key: key.clone(), options: spec.options, text: word.clone(), quote: open_quote });
        let g = generate::generate(sh, &spec, &req);
        options = sh.completion.current.take().map_or(spec.options, |c| c.options);
        matches = g.matches;
        tries += 1;
        if !g.retry || tries > 32 {
            break;
        }
        match find_spec(sh, &command_name) {
            Some((k, s)) => {
                key = k;
                spec = s;
            }
            None => return Outcome::Fallback,
        }
    }
    if spec.actions.has(A_FILE) || spec.actions.has(A_DIRECTORY) {
        // readline's file-name generator, which these actions use, asks for file-name
        // treatment (quoting, `/` after a directory) by itself, as `-o filenames` does.
        options.set(O_FILENAMES, true);
    }
    if sh.flow.is_some() {
        // `exit`, `break` or ^C inside the function ends only the completion.
        sh.flow = None;
    }
    if matches.is_empty() && options.has(O_BASHDEFAULT) {
        return Outcome::Fallback;
    }
    if matches.is_empty() && options.has(O_DEFAULT) {
        return Outcome::Fallback;
    }
    Outcome::Done(finish(sh, matches, options, word_at, open_quote))
}

fn char_count(s: &[u8]) -> usize {
    match std::str::from_utf8(s) {
        Ok(t) => t.chars().count(),
        Err(_) => s.len(),
    }
}

/// readline's treatment of the matches: sorted and unique (unless `nosort`); as file names
/// (`-o filenames`) quoted, with `/` after a directory and only the last component listed;
/// a space after a lone match unless `nospace` (or a directory).
fn finish(sh: &Shell, mut matches: Vec<Vec<u8>>, options: Flags, start: usize, open_quote: Option<u8>) -> Completed {
    if !options.has(O_NOSORT) {
        matches.sort();
    }
    let mut seen = std::collections::HashSet::new();
    matches.retain(|m| seen.insert(m.clone()));
    let filenames = options.has(O_FILENAMES);
    let single = matches.len() == 1;
    let mut candidates = Vec::with_capacity(matches.len());
    for m in matches {
        let is_dir = filenames && is_directory(sh, &m);
        let shown = if filenames {
            let base = match m.iter().rposition(|&c| c == b'/') {
                Some(i) if i + 1 < m.len() => m[i + 1..].to_vec(),
                _ => m.clone(),
            };
            if is_dir && !base.ends_with(b"/") { [base, b"/".to_vec()].concat() } else { base }
        } else {
            m.clone()
        };
        // Listed as readline lists (a newline as `^J`).
        let shown = super::editor_text::to_bytes(&super::complete::visible(&super::editor_text::from_bytes(&shown)));
        let mut insert = if filenames && !options.has(O_NOQUOTE) && open_quote.is_none() {
            let text = super::editor_text::from_bytes(&m);
            super::editor_text::to_bytes(&super::complete::quote_word(&text, true))
        } else {
            m.clone()
        };
        if is_dir {
            if single && let Some(q) = open_quote {
                // readline closes the quote before the slash: `"dog dir"/`, complete as typed.
                if insert.ends_with(b"/") {
                    insert.pop();
                }
                insert.push(q);
            }
            if !insert.ends_with(b"/") {
                insert.push(b'/');
            }
        } else if single && !options.has(O_NOSPACE) {
            if let Some(q) = open_quote {
                insert.push(q);
            }
            insert.push(b' ');
        }
        candidates.push((shown, insert));
    }
    Completed { start, candidates }
}

fn is_directory(sh: &Shell, path: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let expanded: Vec<u8> = match path.strip_prefix(b"~") {
        Some(rest) => {
            let end = rest.iter().position(|&c| c == b'/').unwrap_or(rest.len());
            let user = &rest[..end];
            match crate::expand::tilde::expand(sh, (!user.is_empty()).then_some(user)) {
                Some(mut d) => {
                    d.extend_from_slice(&rest[end..]);
                    d
                }
                None => path.to_vec(),
            }
        }
        None => path.to_vec(),
    };
    std::fs::metadata(std::ffi::OsStr::from_bytes(&expanded)).is_ok_and(|m| m.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str, point: usize) -> (Vec<String>, usize) {
        let (w, c) = split_words(line.as_bytes(), point, DEFAULT_WORDBREAKS);
        (w.into_iter().map(|w| String::from_utf8(w).unwrap()).collect(), c)
    }

    #[test]
    fn comp_words_as_bash_splits_them() {
        assert_eq!(words("git checkout ", 13), (vec!["git".into(), "checkout".into(), "".into()], 2));
        assert_eq!(words("git check", 9), (vec!["git".into(), "check".into()], 1));
        assert_eq!(words("a --x=y:z", 9), (vec!["a".into(), "--x".into(), "=".into(), "y".into(), ":".into(), "z".into()], 5));
        assert_eq!(words("a >> b", 3), (vec!["a".into(), ">>".into(), "b".into()], 1));
        assert_eq!(words("ls 'a b' c", 10), (vec!["ls".into(), "'a b'".into(), "c".into()], 2));
        assert_eq!(words("a  b", 2), (vec!["a".into(), "".into(), "b".into()], 1));
    }

    #[test]
    fn completion_word_starts_after_a_break_or_open_quote() {
        assert_eq!(word_start(b"a --x=y", 7, DEFAULT_WORDBREAKS), (6, None));
        assert_eq!(word_start(b"cat \"my fi", 10, DEFAULT_WORDBREAKS), (5, Some(b'"')));
        assert_eq!(word_start(b"cat my\\ fi", 10, DEFAULT_WORDBREAKS), (4, None));
        assert_eq!(command_bounds(b"echo a; git ch", 14), (8, 14));
    }
}
