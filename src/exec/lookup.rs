//! Command search (XCU 2.9.1.1): PATH lookup with a hash table of names already found.

use crate::shell::FastMap;

use crate::shell::Shell;
use crate::sys::process::{cstring, is_executable_file};

/// name -> full path, valid for the PATH value it was built with.
#[derive(Debug, Default, Clone)]
pub struct HashTable {
    map: FastMap<Vec<u8>, Remembered>,
    path: Vec<u8>,
    /// Paths that subshells run in the shell process found by searching this PATH: not in
    /// the table (`hash` does not list them: a forked subshell's lookups never reach its
    /// parent's table), but a lookup takes one instead of searching PATH again, so a loop of
    /// `$(basename ...)` searches once.
    found_inside: FastMap<Vec<u8>, Vec<u8>>,
}

/// A remembered command: its path and how many times the table gave it (`hash` lists that).
#[derive(Debug, Clone)]
struct Remembered {
    path: Vec<u8>,
    hits: u32,
    /// Found by searching PATH (not given by `hash -p`).
    searched: bool,
}

impl HashTable {
    pub fn clear(&mut self) {
        self.map.clear();
        self.found_inside.clear();
    }

    /// Forgets `name`; false when it was not remembered.
    pub fn remove(&mut self, name: &[u8]) -> bool {
        self.found_inside.remove(name);
        self.map.remove(name).is_some()
    }

    /// When a subshell run in the shell process ends, its table `inner` is dropped (this one,
    /// saved on entry, is back): what it found by searching the same PATH is kept aside.
    pub fn keep_found_inside(&mut self, inner: HashTable) {
        if inner.path != self.path {
            if !self.map.is_empty() {
                return;
            }
            // Nothing was looked up here yet: the table takes the PATH it was searched for
            // (and is cleared at the next lookup if that is not PATH then).
            self.path = inner.path;
            self.found_inside.clear();
        }
        for (name, r) in inner.map {
            if r.searched && !self.map.contains_key(&name) {
                self.found_inside.insert(name, r.path);
            }
        }
        for (name, path) in inner.found_inside {
            if !self.map.contains_key(&name) {
                self.found_inside.insert(name, path);
            }
        }
    }

    /// Remembered entries (name, path, hits), sorted by name.
    pub fn entries(&self) -> Vec<(&[u8], &[u8], u32)> {
        let mut v: Vec<_> = self.map.iter().map(|(n, r)| (n.as_slice(), r.path.as_slice(), r.hits)).collect();
        v.sort();
        v
    }

    pub fn get(&self, name: &[u8]) -> Option<&Vec<u8>> {
        self.map.get(name).map(|r| &r.path)
    }

    /// `hash -p path name`: `name` runs `path` until PATH changes or the entry is forgotten.
    pub fn set(&mut self, sh_path: &[u8], name: &[u8], path: &[u8]) {
        if self.path != sh_path {
            self.path = sh_path.to_vec();
            self.clear();
        }
        self.found_inside.remove(name);
        self.map.insert(name.to_vec(), Remembered { path: path.to_vec(), hits: 0, searched: false });
    }
}

/// Searches `PATH` for an executable `name` (which has no slash), without the hash table.
pub fn search_path(path_var: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    for dir in path_var.split(|&c| c == b':') {
        let mut full = Vec::with_capacity(dir.len() + 1 + name.len());
        if dir.is_empty() {
            full.extend_from_slice(b".");
        } else {
            full.extend_from_slice(dir);
        }
        full.push(b'/');
        full.extend_from_slice(name);
        if is_executable_file(&cstring(&full)) {
            return Some(full);
        }
    }
    None
}

/// Every executable `name` in PATH, in PATH order (`type -a`).
pub fn search_path_all(path_var: &[u8], name: &[u8]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    for dir in path_var.split(|&c| c == b':') {
        let mut full = if dir.is_empty() { b".".to_vec() } else { dir.to_vec() };
        full.push(b'/');
        full.extend_from_slice(name);
        if is_executable_file(&cstring(&full)) {
            found.push(full);
        }
    }
    found
}

/// The search path a shell sets when its environment has no PATH: dash's, which (unlike
/// bash's) does not end in `.`, so a command name never runs a file of the current directory.
pub const DEFAULT_PATH: &[u8] = b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Finds `name` (no slash) in PATH, through the hash table. The table is dropped whenever
/// PATH changed since it was built. With PATH unset nothing is found (dash, bash).
/// With `set +h` the table is neither read nor filled.
pub fn find_command(sh: &mut Shell, name: &[u8]) -> Option<Vec<u8>> {
    crate::exec::virtual_subshell::before_hash_change(sh);
    let path = sh.vars.get(b"PATH")?;
    if !sh.options.hashall.0 {
        // `set +h`: every name searched afresh, none remembered (bash).
        return search_path(path, name);
    }
    if sh.cmd_hash.path != path {
        sh.cmd_hash.path = path.to_vec();
        sh.cmd_hash.clear();
    }
    if let Some(r) = sh.cmd_hash.map.get_mut(name) {
        r.hits += 1;
        return Some(r.path.clone());
    }
    let found = match sh.cmd_hash.found_inside.remove(name) {
        Some(p) => p,
        None => search_path(path, name)?,
    };
    sh.cmd_hash.map.insert(name.to_vec(), Remembered { path: found.clone(), hits: 1, searched: true });
    Some(found)
}

/// Reserved words (for `type` and `command -v`), bash's `[[`, `]]` and `time` among them.
pub const KEYWORDS: &[&[u8]] = &[
    b"!", b"[[", b"]]", b"{", b"}", b"case", b"do", b"done", b"elif", b"else", b"esac", b"fi",
    b"for", b"function", b"if", b"in", b"select", b"then", b"time", b"until", b"while",
];
