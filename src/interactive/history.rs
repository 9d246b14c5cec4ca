//! Command history: the in-memory list behind `history`, `fc`, `!` in PS1 and the editor's
//! up-arrow, and the history file shared by every shell of the user.
//!
//! File format: one entry a line, as bash writes it; a multi-line command continues on lines
//! that start with a TAB (entries themselves never start with blanks, we trim them: bash keeps
//! them). Every finished command is appended at once under an exclusive `flock`, in one `write` with
//! `O_APPEND`, so shells that run side by side and exit at different times never lose or
//! interleave each other's entries. When the file grows past its limit by a margin, the shell
//! holding the lock rewrites it in place with the newest entries.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use nix::fcntl::{Flock, FlockArg};

use crate::shell::Shell;

/// Default for HISTSIZE and HISTFILESIZE.
pub const DEFAULT_SIZE: usize = 1000;

#[derive(Debug, Default, Clone)]
pub struct History {
    entries: Vec<Vec<u8>>,
    /// Number of the first entry minus one (entries dropped from the front keep their numbers).
    base: usize,
    /// Bumped when entries are removed or replaced (not on plain appends), so the editor knows
    /// to reload its copy rather than add the new tail.
    generation: u64,
    /// The file was loaded for this shell (`Interactive::new`), so appends go to it.
    pub file_enabled: bool,
    /// What history expansion remembers between lines (the last `:s`, the last `!?str?`).
    pub expansion: super::histexp::State,
    /// Commands read at the prompt so far (`\#` in prompts is this plus one).
    pub commands_read: usize,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Number of the first entry held.
    pub fn first_number(&self) -> usize {
        self.base + 1
    }

    /// The number the next command will get (`!` in PS1, `\!`).
    pub fn next_number(&self) -> usize {
        self.base + self.entries.len() + 1
    }

    pub fn entries(&self) -> &[Vec<u8>] {
        &self.entries
    }

    /// The entry numbered `n`.
    pub fn get(&self, n: usize) -> Option<&[u8]> {
        n.checked_sub(self.base + 1)
            .and_then(|i| self.entries.get(i))
            .map(|e| e.as_slice())
    }

    /// Adds an entry (trailing newlines and leading blanks dropped; empty entries ignored, and
    /// the ones `policy` leaves out). Returns the stored entry when one was added.
    pub fn push(&mut self, entry: &[u8], limit: usize, policy: &SavePolicy) -> Option<Vec<u8>> {
        if policy.ignorespace && entry.first() == Some(&b' ') {
            return None;
        }
        let entry = normalize(entry);
        if entry.is_empty() {
            return None;
        }
        let previous = self.entries.last().map(|e| e.as_slice());
        if policy.ignoredups && previous == Some(&entry[..]) {
            return None;
        }
        if policy.ignored(&entry, previous) {
            return None;
        }
        if policy.erasedups && self.entries.contains(&entry) {
            self.entries.retain(|e| *e != entry);
            self.generation += 1;
        }
        self.entries.push(entry.clone());
        self.trim(limit);
        Some(entry)
    }

    /// Replaces the newest entry (`fc` replaces itself by the command it runs).
    pub fn replace_last(&mut self, entry: &[u8]) {
        let entry = normalize(entry);
        if let Some(last) = self.entries.last_mut() {
            *last = entry;
            self.generation += 1;
        }
    }

    /// Drops the newest entry (`fc -l`/`fc -s` themselves are not kept, as in bash).
    pub fn pop(&mut self) {
        if self.entries.pop().is_some() {
            self.generation += 1;
        }
    }

    fn trim(&mut self, limit: usize) {
        if self.entries.len() > limit {
            let drop = self.entries.len() - limit;
            self.entries.drain(..drop);
            self.base += drop;
            self.generation += 1;
        }
    }

    /// `history -c`.
    pub fn clear(&mut self) {
        self.base += self.entries.len();
        self.entries.clear();
        self.generation += 1;
    }

    /// `history -d N`: false when there is no such entry.
    pub fn delete(&mut self, n: usize) -> bool {
        match n.checked_sub(self.base + 1) {
            Some(i) if i < self.entries.len() => {
                self.entries.remove(i);
                self.generation += 1;
                true
            }
            _ => false,
        }
    }

    /// Replaces the whole list with `entries` (loading the file).
    pub fn load(&mut self, entries: Vec<Vec<u8>>, limit: usize) {
        self.entries = entries;
        self.base = 0;
        self.trim(limit);
        self.generation += 1;
    }
}

/// What HISTCONTROL and HISTIGNORE say about the lines to keep (bash; both unset keeps every
/// line, repeats too).
#[derive(Debug, Default)]
pub struct SavePolicy {
    /// `ignorespace`: a line that starts with a space is not kept.
    pub ignorespace: bool,
    /// `ignoredups`: a repeat of the previous entry is not kept.
    pub ignoredups: bool,
    /// `erasedups`: older copies of the line are removed when it is kept.
    pub erasedups: bool,
    /// HISTIGNORE's patterns, each matched against the whole line; `&` is the previous entry.
    pub ignore: Vec<Vec<u8>>,
}

impl SavePolicy {
    pub fn of(sh: &Shell) -> SavePolicy {
        let mut p = SavePolicy::default();
        for word in sh.vars.get(b"HISTCONTROL").unwrap_or_default().split(|&c| c == b':') {
            match word {
                b"ignorespace" => p.ignorespace = true,
                b"ignoredups" => p.ignoredups = true,
                b"ignoreboth" => (p.ignorespace, p.ignoredups) = (true, true),
                b"erasedups" => p.erasedups = true,
                _ => {}
            }
        }
        p.ignore = split_patterns(sh.vars.get(b"HISTIGNORE").unwrap_or_default());
        p
    }

    fn ignored(&self, entry: &[u8], previous: Option<&[u8]>) -> bool {
        self.ignore.iter().any(|pattern| match &pattern[..] {
            b"&" => previous == Some(entry),
            _ => crate::expand::pattern::fnmatch(pattern, entry),
        })
    }
}

/// HISTIGNORE's colon-separated patterns; `\:` is a colon inside a pattern.
fn split_patterns(value: &[u8]) -> Vec<Vec<u8>> {
    let mut patterns = Vec::new();
    let mut current = Vec::new();
    let mut bytes = value.iter();
    while let Some(&c) = bytes.next() {
        match c {
            b'\\' => {
                current.push(c);
                if let Some(&next) = bytes.next() {
                    current.push(next);
                }
            }
            b':' => patterns.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    patterns.push(current);
    patterns.retain(|p| !p.is_empty());
    patterns
}

fn normalize(entry: &[u8]) -> Vec<u8> {
    let mut e = entry;
    while let [rest @ .., b'\n'] = e {
        e = rest;
    }
    let start = e
        .iter()
        .position(|&c| c != b' ' && c != b'\t')
        .unwrap_or(e.len());
    e[start..].to_vec()
}

/// Parses the history file's bytes into entries.
pub fn parse_file(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for line in data.split(|&c| c == b'\n') {
        if let Some(rest) = line.strip_prefix(b"\t") {
            if let Some(last) = out.last_mut() {
                last.push(b'\n');
                last.extend_from_slice(rest);
                continue;
            }
        }
        if !line.is_empty() {
            out.push(line.to_vec());
        }
    }
    out
}

/// Encodes one entry for the file (with its final newline).
pub fn encode_entry(entry: &[u8], out: &mut Vec<u8>) {
    for (i, line) in entry.split(|&c| c == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        out.extend_from_slice(line);
        out.push(b'\n');
    }
}

/// `$HISTSIZE`, or the default when unset or not a number.
pub fn histsize(sh: &Shell) -> usize {
    size_var(sh, b"HISTSIZE").unwrap_or(DEFAULT_SIZE)
}

/// `$HISTFILESIZE`, else `$HISTSIZE`, else the default.
pub fn histfilesize(sh: &Shell) -> usize {
    size_var(sh, b"HISTFILESIZE").unwrap_or_else(|| histsize(sh))
}

fn size_var(sh: &Shell, name: &[u8]) -> Option<usize> {
    let v = sh.vars.get(name)?;
    std::str::from_utf8(v).ok()?.trim().parse().ok()
}

/// The history file: `$HISTFILE` when set (empty: none), else `~/.chitin_history`.
pub fn histfile(sh: &Shell) -> Option<PathBuf> {
    use std::ffi::OsStr;
    if let Some(f) = sh.vars.get(b"HISTFILE") {
        if f.is_empty() {
            return None;
        }
        return Some(PathBuf::from(OsStr::from_bytes(f)));
    }
    let home = sh.vars.get(b"HOME").filter(|h| !h.is_empty())?;
    let mut p = PathBuf::from(OsStr::from_bytes(home));
    p.push(".chitin_history");
    Some(p)
}

fn open_locked(path: &PathBuf, write: bool) -> Option<Flock<File>> {
    let mut opts = OpenOptions::new();
    opts.read(true);
    if write {
        opts.write(true).create(true).mode(0o600);
    }
    // std opens with O_CLOEXEC; the fd is released before any command runs.
    let file = opts.open(path).ok()?;
    let how = if write {
        FlockArg::LockExclusive
    } else {
        FlockArg::LockShared
    };
    Flock::lock(file, how).ok()
}

/// Reads the history file (shared lock). Missing file: no entries.
pub fn read_file(path: &PathBuf) -> Vec<Vec<u8>> {
    let Some(mut f) = open_locked(path, false) else {
        return Vec::new();
    };
    let mut data = Vec::new();
    if f.read_to_end(&mut data).is_err() {
        return Vec::new();
    }
    parse_file(&data)
}

/// Appends `entry` to the file under an exclusive lock, then trims the file to `limit` entries
/// when it has grown past it by a quarter (so the rewrite is rare). Errors are ignored: history
/// must never get in the way of running commands.
pub fn append_file(path: &PathBuf, entry: &[u8], limit: usize) {
    let Some(mut f) = open_locked(path, true) else {
        return;
    };
    let mut buf = Vec::with_capacity(entry.len() + 2);
    encode_entry(entry, &mut buf);
    if f.seek(SeekFrom::End(0)).is_err() || f.write_all(&buf).is_err() {
        return;
    }
    let Ok(meta) = f.metadata() else { return };
    // Cheap test first: only count entries when the file might be long.
    if meta.len() < (limit as u64).saturating_mul(8) {
        return;
    }
    let mut data = Vec::new();
    if f.seek(SeekFrom::Start(0)).is_err() || f.read_to_end(&mut data).is_err() {
        return;
    }
    let entries = parse_file(&data);
    if entries.len() <= limit + limit / 4 {
        return;
    }
    let mut out = Vec::with_capacity(data.len());
    for e in &entries[entries.len() - limit..] {
        encode_entry(e, &mut out);
    }
    if f.seek(SeekFrom::Start(0)).is_ok() && f.write_all(&out).is_ok() {
        let _ = f.set_len(out.len() as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trip() {
        let entries = vec![
            b"echo a".to_vec(),
            b"if true\nthen echo b\nfi".to_vec(),
            b"x".to_vec(),
        ];
        let mut buf = Vec::new();
        for e in &entries {
            encode_entry(e, &mut buf);
        }
        assert_eq!(parse_file(&buf), entries);
    }

    #[test]
    fn numbering_and_delete() {
        let mut h = History::new();
        let keep_all = SavePolicy::default();
        for e in ["a", "b", "c", "d"] {
            h.push(e.as_bytes(), 3, &keep_all);
        }
        assert_eq!(h.first_number(), 2);
        assert_eq!(h.get(2), Some(&b"b"[..]));
        assert_eq!(h.next_number(), 5);
        assert!(h.delete(3));
        assert_eq!(h.entries(), &[b"b".to_vec(), b"d".to_vec()]);
        assert!(!h.delete(9));
        let no_dups = SavePolicy { ignoredups: true, ..SavePolicy::default() };
        assert!(h.push(b"d\n", 3, &no_dups).is_none());
        assert!(h.push(b"  \n", 3, &keep_all).is_none());
    }

    #[test]
    fn append_and_trim() {
        let dir = std::env::temp_dir().join(format!("chitin-hist-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("h");
        let _ = std::fs::remove_file(&path);
        for i in 0..40 {
            append_file(&path, format!("cmd {i}\nmore").as_bytes(), 4);
        }
        let got = read_file(&path);
        assert!(got.len() <= 5, "{}", got.len());
        assert_eq!(got.last().map(|v| v.as_slice()), Some(&b"cmd 39\nmore"[..]));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0);
        assert_eq!(mode, 0o600);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn concurrent_appends_are_never_lost_or_garbled() {
        let dir = std::env::temp_dir().join(format!("chitin-hist-mt-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("h");
        let _ = std::fs::remove_file(&path);
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..50 {
                        append_file(
                            &path,
                            format!("shell {t} cmd {i}\nsecond line {t} {i}").as_bytes(),
                            10_000,
                        );
                    }
                })
            })
            .collect();
        for t in threads {
            let _ = t.join();
        }
        let got = read_file(&path);
        assert_eq!(got.len(), 200);
        for e in &got {
            let text = String::from_utf8_lossy(e);
            let mut lines = text.lines();
            let first = lines.next().unwrap_or("");
            let second = lines.next().unwrap_or("");
            let ids = first.trim_start_matches("shell ").replace(" cmd ", " ");
            assert_eq!(
                second,
                format!("second line {ids}"),
                "entry intact: {text:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
