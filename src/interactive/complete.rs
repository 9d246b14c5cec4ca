//! Tab completion: command names, file names (quoted so the shell reads them back), `~user`,
//! variables after `$`/`${`, job specs after `%`.
//!
//! Text is the editor's (`editor_text`): a byte of a file name that is not UTF-8 is one
//! private-use char here, and turns back into the byte when the line is run.
//!
//! The editor calls us with only the line, so the shell's names are copied into [`Names`]
//! before every prompt; PATH executables are cached in [`PathCache`] and rescanned only when
//! PATH or a directory on it changes.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::editor_text::{from_bytes, to_bytes};

/// Reserved words: completed in command position and shown as resolving.
pub const RESERVED: &[&str] = &[
    "!", "case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in",
    "select", "then", "time", "until", "while", "{", "}",
];

/// What the shell knows by name, copied before each prompt.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub functions: Vec<String>,
    pub aliases: Vec<String>,
    pub vars: Vec<String>,
    /// Values of the set variables, for `$NAME/` in a file name being completed.
    pub values: HashMap<String, Vec<u8>>,
    /// (spec without `%`, command text) of each job.
    pub jobs: Vec<(String, String)>,
    pub path: String,
    pub home: String,
    /// readline's `completion-ignore-case`: file names match the word in any case.
    pub ignore_case: bool,
}

/// Executable names found on PATH.
#[derive(Debug, Default)]
pub struct PathCache {
    path: String,
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
    names: BTreeSet<String>,
    built: bool,
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl PathCache {
    /// Drops the cache when PATH or one of its directories changed (called once a prompt,
    /// only when the cache was ever built, so the first prompt pays nothing).
    pub fn check(&mut self, path: &str) {
        if !self.built {
            return;
        }
        if self.path != path || self.stamps.iter().any(|(d, t)| mtime(d) != *t) {
            self.built = false;
        }
    }

    fn ensure(&mut self, path: &str) {
        if self.built && self.path == path {
            return;
        }
        self.path = path.to_string();
        self.names.clear();
        self.stamps.clear();
        for dir in path.split(':') {
            let dir = if dir.is_empty() { "." } else { dir };
            let d = PathBuf::from(OsStr::from_bytes(&to_bytes(dir)));
            self.stamps.push((d.clone(), mtime(&d)));
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let name = from_bytes(e.file_name().as_bytes()).into_owned();
                if self.names.contains(&name) {
                    continue;
                }
                if let Ok(m) = std::fs::metadata(e.path()) {
                    if m.is_file() && m.permissions().mode() & 0o111 != 0 {
                        self.names.insert(name);
                    }
                }
            }
        }
        self.built = true;
    }

    pub fn contains(&mut self, path: &str, name: &str) -> bool {
        self.ensure(path);
        self.names.contains(name)
    }

    pub fn with_prefix(&mut self, path: &str, prefix: &str) -> Vec<String> {
        self.ensure(path);
        self.names
            .range(prefix.to_string()..)
            .take_while(|n| n.starts_with(prefix))
            .cloned()
            .collect()
    }
}

/// One candidate: what the list shows and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
}

/// A word of the line as the rough lexer saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAt {
    /// Byte offset of the word in the line.
    pub start: usize,
    pub end: usize,
    /// The word with quotes removed.
    pub unquoted: String,
    /// The word is where a command name goes.
    pub command_pos: bool,
    /// The word has quotes or expansions (not a plain name).
    pub quoted: bool,
    /// The first word of the command this word belongs to.
    pub command: Option<String>,
}

fn is_reserved_cmd_prefix(w: &str) -> bool {
    matches!(
        w,
        "!" | "{" | "do" | "elif" | "else" | "if" | "then" | "until" | "while" | "time"
    )
}

fn is_assignment(w: &str) -> bool {
    match w.find('=') {
        Some(i) if i > 0 => crate::shell::is_name(&w.as_bytes()[..i]),
        _ => false,
    }
}

/// Splits `line` into words the way the shell roughly would (quotes, backslashes, operators),
/// noting which words are in command position. Good enough for completion and colouring; the
/// real parser decides what runs.
pub fn words(line: &str) -> Vec<WordAt> {
    let b = line.as_bytes();
    let mut out: Vec<WordAt> = Vec::new();
    let mut command_pos = true;
    let mut after_redirect = false;
    let mut command: Option<String> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' {
            i += 1;
            continue;
        }
        if matches!(c, b';' | b'&' | b'|' | b'(' | b')' | b'\n') {
            command_pos = c != b')';
            command = None;
            after_redirect = false;
            i += 1;
            continue;
        }
        if matches!(c, b'<' | b'>') {
            after_redirect = true;
            i += 1;
            while i < b.len() && matches!(b[i], b'<' | b'>' | b'&' | b'|' | b'-') {
                i += 1;
            }
            continue;
        }
        // A word.
        let start = i;
        let mut unq = Vec::new();
        let mut quoted = false;
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>' => break,
                b'\\' => {
                    quoted = true;
                    if i + 1 < b.len() {
                        unq.push(b[i + 1]);
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                b'\'' => {
                    quoted = true;
                    i += 1;
                    while i < b.len() && b[i] != b'\'' {
                        unq.push(b[i]);
                        i += 1;
                    }
                    i += 1;
                }
                b'"' => {
                    quoted = true;
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        if b[i] == b'\\' && i + 1 < b.len() && b"$`\"\\".contains(&b[i + 1]) {
                            i += 1;
                        }
                        unq.push(b[i]);
                        i += 1;
                    }
                    i += 1;
                }
                b'$' | b'`' => {
                    quoted = true;
                    unq.push(c);
                    i += 1;
                }
                _ => {
                    unq.push(c);
                    i += 1;
                }
            }
        }
        let end = i.min(b.len());
        let unquoted = String::from_utf8_lossy(&unq).into_owned();
        let is_cmd = command_pos && !after_redirect;
        out.push(WordAt {
            start,
            end,
            unquoted: unquoted.clone(),
            command_pos: is_cmd,
            quoted,
            command: if is_cmd { None } else { command.clone() },
        });
        if after_redirect {
            after_redirect = false;
        } else if command_pos {
            if is_assignment(&unquoted) || (!quoted && is_reserved_cmd_prefix(&unquoted)) {
                // still in command position
            } else {
                command_pos = false;
                command = Some(unquoted);
            }
        }
    }
    out
}

/// The word the cursor at `pos` completes (an empty word when it follows a blank).
pub fn word_at(line: &str, pos: usize) -> WordAt {
    let head = &line[..pos];
    let ws = words(head);
    if let Some(last) = ws.last() {
        if last.end == pos {
            return last.clone();
        }
    }
    // A new, empty word: in command position when the last thing was an operator (or nothing).
    let probe = format!("{head}x");
    let pw = words(&probe);
    let command_pos = pw.last().map(|w| w.command_pos).unwrap_or(true);
    let command = pw.last().and_then(|w| w.command.clone());
    WordAt {
        start: pos,
        end: pos,
        unquoted: String::new(),
        command_pos,
        quoted: false,
        command,
    }
}

/// Backslash-quotes `s` so the shell reads it back as the same word; a leading `~` (tilde
/// prefix) is left active. From its first control character on (a newline), a name is written
/// `$'...'`: a backslash before a newline would be a line continuation. The text before it
/// stays as it is, so names sharing it still share a prefix to insert (`nl` for `nl$'\nx'` and
/// `nl2`, as readline inserts).
pub fn quote_word(s: &str, keep_tilde: bool) -> String {
    if let Some(i) = s.find(|c: char| c.is_ascii_control()) {
        let head = if i == 0 { String::new() } else { quote_word(&s[..i], keep_tilde) };
        return head + &dollar_quote(&s[i..]);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for (i, ch) in s.chars().enumerate() {
        let special = matches!(
            ch,
            ' ' | '\t'
                | '\n'
                | '\''
                | '"'
                | '\\'
                | '$'
                | '`'
                | '*'
                | '?'
                | '['
                | ']'
                | '{'
                | '}'
                | '('
                | ')'
                | '<'
                | '>'
                | '&'
                | ';'
                | '|'
                | '!'
                | '#'
                | '='
        ) || (ch == '~' && i == 0 && !keep_tilde);
        if special && !(ch == '#' && i > 0) && !(ch == '=' && i > 0) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// `name` as readline lists it: a control character as `^X` (a newline as `^J`), so a
/// listing keeps one line.
pub fn visible(name: &str) -> String {
    if !name.chars().any(|c| c.is_ascii_control()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        match c {
            '\x7f' => out.push_str("^?"),
            c if c.is_ascii_control() => {
                out.push('^');
                out.push((c as u8 + b'@') as char);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a `$'...'` word.
fn dollar_quote(s: &str) -> String {
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The value part of an assignment word (`X=~/do`, `P=a:~/b`) that a file name completes:
/// (its offset in the word, unquoted and as typed). `None` when it is not an assignment, or
/// the value has quotes (the offsets of typed and unquoted text would differ).
fn assignment_value<'a>(unquoted: &'a str, raw: &'a str) -> Option<(usize, &'a str, &'a str)> {
    if !is_assignment(unquoted) || raw.contains(['\'', '"', '\\']) {
        return None;
    }
    let eq = unquoted.find('=')? + 1;
    let at = eq + unquoted[eq..].rfind(':').map_or(0, |i| i + 1);
    Some((at, unquoted.get(at..)?, raw.get(at..)?))
}

/// Computes the candidates for the cursor at `pos`: (start of the replaced text, candidates).
pub fn complete(
    line: &str,
    pos: usize,
    names: &Names,
    cache: &RefCell<PathCache>,
) -> (usize, Vec<Candidate>) {
    let w = word_at(line, pos);
    let raw = &line[w.start..pos];

    // $NAME / ${NAME: the last `$` of the word with only a name after it.
    if let Some(d) = raw.rfind('$') {
        let after = &raw[d + 1..];
        let (brace, prefix) = match after.strip_prefix('{') {
            Some(p) => (true, p),
            None => (false, after),
        };
        if prefix
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            let mut c: Vec<Candidate> = names
                .vars
                .iter()
                .filter(|v| v.starts_with(prefix))
                .map(|v| Candidate {
                    display: v.clone(),
                    replacement: if brace {
                        format!("${{{v}}}")
                    } else {
                        format!("${v}")
                    },
                })
                .collect();
            c.sort_by(|a, b| a.display.cmp(&b.display));
            c.dedup();
            return (w.start + d, c);
        }
    }

    // %job
    if let Some(prefix) = raw.strip_prefix('%') {
        let c = names
            .jobs
            .iter()
            .filter(|(spec, cmd)| spec.starts_with(prefix) || cmd.starts_with(prefix))
            .map(|(spec, cmd)| Candidate {
                display: format!("%{spec}  {cmd}"),
                replacement: format!("%{spec} "),
            })
            .collect();
        return (w.start, c);
    }

    // ~user
    if let Some(prefix) = raw.strip_prefix('~') {
        if !prefix.contains('/') && !w.quoted {
            return (w.start, users(prefix));
        }
    }

    if w.command_pos && !w.unquoted.contains('/') && !w.unquoted.starts_with('~') {
        let prefix = w.unquoted.as_str();
        let mut set: BTreeSet<String> = BTreeSet::new();
        for b in crate::builtins::BUILTINS {
            if b.name.starts_with(prefix) {
                set.insert(b.name.to_string());
            }
        }
        for r in RESERVED {
            if r.starts_with(prefix) && r.len() > 1 {
                set.insert((*r).to_string());
            }
        }
        for n in names.functions.iter().chain(&names.aliases) {
            if n.starts_with(prefix) {
                set.insert(n.clone());
            }
        }
        set.extend(cache.borrow_mut().with_prefix(&names.path, prefix));
        let c = set
            .into_iter()
            .map(|n| Candidate {
                replacement: format!("{} ", quote_word(&n, false)),
                display: n,
            })
            .collect();
        return (w.start, c);
    }

    if let Some((at, value, typed)) = assignment_value(&w.unquoted, raw) {
        return (w.start + at, files(value, typed, names, false));
    }

    (w.start, files(&w.unquoted, raw, names, w.command_pos))
}

/// `dir` with each `$NAME` and `${NAME}` replaced by its value (unset: empty).
fn expand_vars(dir: &str, names: &Names) -> Vec<u8> {
    let mut out = Vec::with_capacity(dir.len() + 32);
    let mut rest = dir;
    while let Some(d) = rest.find('$') {
        out.extend_from_slice(&to_bytes(&rest[..d]));
        let after = &rest[d + 1..];
        let (name, used) = match after.strip_prefix('{') {
            Some(inner) => match inner.find('}') {
                Some(e) => (&inner[..e], e + 2),
                None => (inner, inner.len() + 1),
            },
            None => {
                let n = after
                    .bytes()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                    .count();
                (&after[..n], n)
            }
        };
        if name.is_empty() {
            out.push(b'$');
        } else if let Some(v) = names.values.get(name) {
            out.extend_from_slice(v);
        }
        rest = &after[used..];
    }
    out.extend_from_slice(&to_bytes(rest));
    out
}

/// File names completing `word` (unquoted text, maybe with a `~` prefix or `$NAME`s in its
/// directory part; `typed` is the same text as typed).
/// `name` starts with `prefix` (ASCII case folded when `fold`).
fn has_prefix(name: &str, prefix: &str, fold: bool) -> bool {
    match name.as_bytes().get(..prefix.len()) {
        Some(head) if fold => head.eq_ignore_ascii_case(prefix.as_bytes()),
        Some(head) => head == prefix.as_bytes(),
        None => false,
    }
}

fn files(word: &str, typed: &str, names: &Names, executables_only: bool) -> Vec<Candidate> {
    let home = names.home.as_str();
    let (dir_part, base) = match word.rfind('/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    // The directory to read, with the tilde prefix or the variables expanded.
    let lookup: PathBuf = if dir_part.is_empty() {
        PathBuf::from(".")
    } else if let Some(rest) = dir_part.strip_prefix('~') {
        let (user, tail) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let h = if user.is_empty() {
            home.to_string()
        } else {
            match crate::sys::users::by_name(user.as_bytes(), names.path.as_bytes()) {
                Some(u) => String::from_utf8_lossy(&u.dir).into_owned(),
                None => return Vec::new(),
            }
        };
        PathBuf::from(OsStr::from_bytes(&to_bytes(&format!("{h}{tail}"))))
    } else if dir_part.contains('$') {
        PathBuf::from(OsStr::from_bytes(&expand_vars(dir_part, names)))
    } else {
        PathBuf::from(OsStr::from_bytes(&to_bytes(dir_part)))
    };
    let Ok(rd) = std::fs::read_dir(&lookup) else {
        return Vec::new();
    };
    // The directory part keeps its tilde prefix unquoted.
    let (tilde, rest_dir) = match dir_part.strip_prefix('~') {
        Some(r) => {
            let i = r.find('/').unwrap_or(r.len());
            (format!("~{}", &r[..i]), &r[i..])
        }
        None => (String::new(), dir_part),
    };
    // Inside an open double quote (`"$HOME/do`): names are quoted for there.
    let mut in_dquote = false;
    let quoted_dir = if dir_part.contains('$') {
        // Variables stay as typed (bash: `$HOME/do` gives `$HOME/docs/`).
        let plain = |s: &str| !s.contains(['\'', '"', '\\']);
        match typed.rfind('/') {
            Some(i) if plain(&typed[..i]) => typed[..=i].to_string(),
            Some(i) if typed.starts_with('"') && plain(&typed[1..i]) => {
                in_dquote = true;
                typed[..=i].to_string()
            }
            _ => return Vec::new(),
        }
    } else {
        format!(
            "{tilde}{}",
            if rest_dir.is_empty() {
                String::new()
            } else {
                quote_word(rest_dir, true)
            }
        )
    };
    // (name, candidate): listed in the order of the names, as readline sorts them.
    let mut out: Vec<(String, Candidate)> = Vec::new();
    for e in rd.flatten() {
        let name_os = e.file_name();
        let name = from_bytes(name_os.as_bytes());
        let name = name.as_ref();
        // Dot files match too (readline's match-hidden-files is on by default).
        if !has_prefix(name, base, names.ignore_case) {
            continue;
        }
        let meta = std::fs::metadata(e.path());
        let is_dir = meta.as_ref().map(|m| m.is_dir()).unwrap_or(false);
        if executables_only && !is_dir {
            let exec = meta
                .map(|m| m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false);
            if !exec {
                continue;
            }
        }
        if in_dquote {
            let q: String = name
                .chars()
                .flat_map(|c| {
                    let esc = matches!(c, '$' | '`' | '"' | '\\').then_some('\\');
                    esc.into_iter().chain(std::iter::once(c))
                })
                .collect();
            out.push((name.to_string(), Candidate {
                display: if is_dir { format!("{}/", visible(name)) } else { visible(name) },
                replacement: format!("{quoted_dir}{q}{}", if is_dir { "/" } else { "\" " }),
            }));
            continue;
        }
        let q = quote_word(name, true);
        let q = if dir_part.is_empty() && name.starts_with('~') {
            format!("\\{q}")
        } else {
            q
        };
        out.push((name.to_string(), Candidate {
            display: if is_dir {
                format!("{}/", visible(name))
            } else {
                visible(name)
            },
            replacement: format!("{quoted_dir}{q}{}", if is_dir { "/" } else { " " }),
        }));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, c)| c).collect()
}

/// `~user` candidates from the password file.
fn users(prefix: &str) -> Vec<Candidate> {
    let Ok(data) = std::fs::read("/etc/passwd") else {
        return Vec::new();
    };
    let mut set = BTreeSet::new();
    for line in data.split(|&c| c == b'\n') {
        let name = line.split(|&c| c == b':').next().unwrap_or(&[]);
        if let Ok(n) = std::str::from_utf8(name) {
            if !n.is_empty() && n.starts_with(prefix) {
                set.insert(n.to_string());
            }
        }
    }
    set.into_iter()
        .map(|n| Candidate {
            display: format!("~{n}"),
            replacement: format!("~{n}/"),
        })
        .collect()
}

/// True when `word` in command position names something that would run.
pub fn resolves(word: &str, names: &Names, cache: &RefCell<PathCache>) -> bool {
    if word.contains('/') {
        let bytes = to_bytes(word);
        let p = Path::new(OsStr::from_bytes(&bytes));
        return std::fs::metadata(p)
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false);
    }
    crate::builtins::find(word.as_bytes()).is_some()
        || RESERVED.contains(&word)
        || names.functions.iter().any(|f| f == word)
        || names.aliases.iter().any(|a| a == word)
        || cache.borrow_mut().contains(&names.path, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_positions() {
        let w = words("FOO=1 ls -l | gr 'a b' > out; if tr");
        let cmds: Vec<_> = w
            .iter()
            .filter(|w| w.command_pos)
            .map(|w| w.unquoted.as_str())
            .collect();
        assert_eq!(cmds, vec!["FOO=1", "ls", "gr", "if", "tr"]);
        assert_eq!(w[4].unquoted, "a b");
        assert_eq!(w[4].command.as_deref(), Some("gr"));
        assert!(word_at("ls ", 3).unquoted.is_empty());
        assert!(!word_at("ls ", 3).command_pos);
        assert!(word_at("ls; ", 4).command_pos);
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_word("my file*", true), "my\\ file\\*");
        assert_eq!(quote_word("a=b#c", true), "a=b#c");
        assert_eq!(quote_word("#x", true), "\\#x");
        assert_eq!(quote_word("a b\nc'", true), "a\\ b$'\\nc\\''");
        assert_eq!(quote_word("\tx", true), "$'\\tx'");
        assert_eq!(visible("nl\nx\x7f"), "nl^Jx^?");
    }

    #[test]
    fn files_with_spaces_and_vars() {
        let dir = std::env::temp_dir().join(format!("chitin-compl-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("sub dir"));
        let _ = std::fs::write(dir.join("my file.txt"), b"");
        let d = dir.to_string_lossy().into_owned();
        let names = Names {
            vars: vec!["HOME".into(), "HOSTNAME".into(), "PATH".into()],
            ..Default::default()
        };
        let cache = RefCell::new(PathCache::default());
        let line = format!("cat {d}/my");
        let (start, c) = complete(&line, line.len(), &names, &cache);
        assert_eq!(start, 4);
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].replacement,
            format!("{}/my\\ file.txt ", quote_word(&d, true))
        );
        let line = format!("cd {d}/s");
        let (_, c) = complete(&line, line.len(), &names, &cache);
        assert!(c[0].replacement.ends_with("/sub\\ dir/"));
        let (start, c) = complete("echo ${HO", 9, &names, &cache);
        assert_eq!(start, 5);
        let r: Vec<_> = c.iter().map(|c| c.replacement.as_str()).collect();
        assert_eq!(r, vec!["${HOME}", "${HOSTNAME}"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
