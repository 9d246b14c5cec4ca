//! Pathname expansion (XCU 2.6.6, 2.14.3) over bytes.
//!
//! The pattern (escaped form, see `pattern.rs`) is split at `/`; components without specials
//! are taken literally, the others are matched against directory entries read with readdir.
//! A leading `.` in a name must be matched explicitly, `.` and `..` are never produced by a
//! wildcard, and the result is sorted bytewise (C locale). Names are never decoded.

use nix::dir::Dir;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use super::pattern::{fnmatch, has_magic, unescape};

/// Expands the escaped pattern `pat` into the sorted list of existing paths it matches;
/// empty when nothing matches (the caller then keeps the word).
pub fn glob(pat: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut comps: Vec<&[u8]> = pat.split(|&c| c == b'/').collect();
    // An escaped `/` (a backslash from an expansion: `$bs/*` with bs='\') is still a `/`.
    let last = comps.len() - 1;
    for comp in &mut comps[..last] {
        let backslashes = comp.iter().rev().take_while(|&&c| c == b'\\').count();
        if backslashes % 2 == 1 {
            *comp = &comp[..comp.len() - 1];
        }
    }
    // A leading empty component (absolute path) is a literal "" followed by `/`.
    let mut base = Vec::new();
    walk(&mut base, &comps, false, &mut out);
    out.sort_unstable();
    out
}

fn walk(base: &mut Vec<u8>, mut comps: &[&[u8]], globbed: bool, out: &mut Vec<Vec<u8>>) {
    let len = base.len();
    // Literal components are appended in a loop (no recursion for long literal paths);
    // their existence is checked at the end, or implicitly when a directory is read.
    let comp = loop {
        let Some((comp, rest)) = comps.split_first() else {
            // Literal components after a wildcard must name something that exists.
            if !globbed || exists(base) {
                out.push(base.clone());
            }
            base.truncate(len);
            return;
        };
        if has_magic(comp) {
            break *comp;
        }
        base.extend_from_slice(&unescape(comp));
        if !rest.is_empty() {
            base.push(b'/');
        }
        comps = rest;
    };
    let rest = &comps[1..];
    let lit_len = base.len();
    let dir_path: &[u8] = if base.is_empty() { b"." } else { base };
    let Ok(mut dir) = Dir::open(
        dir_path,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    ) else {
        return;
    };
    let explicit_dot = comp.first() == Some(&b'.') || comp.starts_with(b"\\.");
    let match_all = comp.iter().all(|&c| c == b'*');
    let mut names: Vec<Vec<u8>> = Vec::new();
    for entry in dir.iter() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_bytes();
        if name.first() == Some(&b'.') {
            if !explicit_dot || name == b"." || name == b".." {
                continue;
            }
        }
        if match_all || fnmatch(comp, name) {
            names.push(name.to_vec());
        }
    }
    drop(dir);
    if rest.is_empty() && base.is_empty() {
        // `*` in the current directory: the names are the results.
        out.append(&mut names);
        return;
    }
    for name in names {
        base.extend_from_slice(&name);
        if rest.is_empty() {
            out.push(base.clone());
        } else {
            base.push(b'/');
            walk(base, rest, true, out);
        }
        base.truncate(lit_len);
    }
    base.truncate(len);
}

fn exists(path: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let p = std::path::Path::new(std::ffi::OsStr::from_bytes(path));
    std::fs::symlink_metadata(p).is_ok()
}
