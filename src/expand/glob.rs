//! Pathname expansion (XCU 2.6.6, 2.14.3) over bytes, with bash's glob options.
//!
//! The pattern (escaped form, see `pattern.rs`) is split at `/`; components without specials
//! are taken literally, the others are matched against directory entries read with readdir.
//! A leading `.` in a name must be matched explicitly (unless `dotglob`), `.` and `..` are
//! never produced by a wildcard (`globskipdots`), and the result is sorted bytewise (C
//! locale). Names are never decoded. Under `globstar` a component `**` matches any number of
//! directories. `GLOBIGNORE` removes names from the result.

use nix::dir::{Dir, Type};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use super::pattern::{MatchFlags, PatternRef, has_magic_with, unescape};
use crate::shell::Options;
use crate::shell::options::Shopt;

/// The `shopt` options that change pathname expansion, read once per expansion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GlobOptions {
    pub extglob: bool,
    pub nocaseglob: bool,
    pub dotglob: bool,
    pub globstar: bool,
    /// `.*` does not match `.` and `..` (on by default, as in bash 5.2).
    pub globskipdots: bool,
    pub nullglob: bool,
    pub failglob: bool,
}

impl GlobOptions {
    pub fn of(o: &Options) -> GlobOptions {
        GlobOptions {
            extglob: o.shopt(Shopt::Extglob),
            nocaseglob: o.shopt(Shopt::Nocaseglob),
            dotglob: o.shopt(Shopt::Dotglob),
            globstar: o.shopt(Shopt::Globstar),
            globskipdots: o.shopt(Shopt::Globskipdots),
            nullglob: o.shopt(Shopt::Nullglob),
            failglob: o.shopt(Shopt::Failglob),
        }
    }

    fn flags(&self) -> MatchFlags {
        MatchFlags { extglob: self.extglob, nocase: self.nocaseglob }
    }
}

/// One pathname expansion: the options, and `GLOBIGNORE` when it is set and not empty.
struct Globber<'a> {
    opts: GlobOptions,
    ignore: Option<&'a [u8]>,
    out: Vec<Vec<u8>>,
}

/// Expands the escaped pattern `pat` into the sorted list of existing paths it matches;
/// empty when nothing matches (the caller then keeps the word, or drops it under nullglob).
/// `ignore`: the value of `GLOBIGNORE`, colon-separated patterns of paths to leave out.
pub fn glob(pat: &[u8], opts: GlobOptions, ignore: Option<&[u8]>) -> Vec<Vec<u8>> {
    let mut comps: Vec<&[u8]> = pat.split(|&c| c == b'/').collect();
    // An escaped `/` (a backslash from an expansion: `$bs/*` with bs='\') is still a `/`.
    let last = comps.len() - 1;
    for comp in &mut comps[..last] {
        let backslashes = comp.iter().rev().take_while(|&&c| c == b'\\').count();
        if backslashes % 2 == 1 {
            *comp = &comp[..comp.len() - 1];
        }
    }
    let ignore = ignore.filter(|v| !v.is_empty());
    let mut g = Globber { opts, ignore, out: Vec::new() };
    // A non-empty GLOBIGNORE lets wildcards match names that start with a dot (bash).
    if g.ignore.is_some() {
        g.opts.dotglob = true;
    }
    // A leading empty component (absolute path) is a literal "" followed by `/`.
    let mut base = Vec::new();
    g.walk(&mut base, &comps);
    let mut out = g.out;
    if let Some(list) = g.ignore {
        out.retain(|path| !ignored(path, list, opts.flags()));
    }
    out.sort_unstable();
    out
}

/// Does `path` match one of the colon-separated patterns of `GLOBIGNORE` (or is it `.` or
/// `..`, which are always left out then)?
fn ignored(path: &[u8], list: &[u8], flags: MatchFlags) -> bool {
    let name = path.rsplit(|&c| c == b'/').next().unwrap_or(path);
    name == b"." || name == b".." || list.split(|&c| c == b':').any(|p| {
        !p.is_empty() && PatternRef::with_flags(p, flags).matches(path)
    })
}

impl Globber<'_> {
    fn walk(&mut self, base: &mut Vec<u8>, mut comps: &[&[u8]]) {
        let len = base.len();
        // Literal components are appended in a loop (no recursion for long literal paths);
        // their existence is checked at the end, or implicitly when a directory is read.
        let comp = loop {
            let Some((comp, rest)) = comps.split_first() else {
                // A path is a match only if it exists (a pattern whose magic was all cut
                // away by `/`, as `@(a/b)` or `[a/b]`, is matched literally).
                if exists(base) {
                    self.out.push(base.clone());
                }
                base.truncate(len);
                return;
            };
            if has_magic_with(comp, self.opts.extglob) {
                break *comp;
            }
            base.extend_from_slice(&unescape(comp));
            if !rest.is_empty() {
                base.push(b'/');
            }
            comps = rest;
        };
        let rest = &comps[1..];
        if self.opts.globstar && comp == b"**" {
            self.globstar(base, rest);
            base.truncate(len);
            return;
        }
        if rest.is_empty() && base.is_empty() {
            // `*` in the current directory: the names are the results.
            let out = &mut self.out;
            read_matching(self.opts, base, comp, |name, _| out.push(name.to_vec()));
            return;
        }
        let mut names = Vec::new();
        read_matching(self.opts, base, comp, |name, _| names.push(name.to_vec()));
        let lit_len = base.len();
        for name in names {
            base.extend_from_slice(&name);
            if rest.is_empty() {
                self.out.push(base.clone());
            } else {
                base.push(b'/');
                self.walk(base, rest);
            }
            base.truncate(lit_len);
        }
        base.truncate(len);
    }

    /// `**` under globstar, followed by the components `rest`: every directory at any depth
    /// below `base` (and `base` itself) takes the rest of the pattern; symbolic links to
    /// directories are not entered. `**` last matches every file and directory below `base`.
    fn globstar(&mut self, base: &mut Vec<u8>, rest: &[&[u8]]) {
        if rest.is_empty() {
            if !base.is_empty() {
                self.out.push(base.clone());
            }
        } else {
            self.walk(base, rest);
        }
        // bash matches the rest of the pattern inside a link to a directory (without walking
        // further down it) when `**` follows a directory (`d/**/*.c`, `./**/*.c`), but not
        // when it starts the pattern (`**/*.c`).
        let into_links = !base.is_empty();
        self.globstar_below(base, rest, into_links);
    }

    /// The directories below `base` for [`Self::globstar`] (with `rest` empty: every entry).
    fn globstar_below(&mut self, base: &mut Vec<u8>, rest: &[&[u8]], into_links: bool) {
        let only_dirs = rest == [b"" as &[u8]];
        let len = base.len();
        let mut entries = Vec::new();
        read_matching(self.opts, base, b"*", |name, kind| entries.push((name.to_vec(), kind)));
        for (name, kind) in entries {
            base.extend_from_slice(&name);
            let kind = kind.or_else(|| entry_type(base));
            if rest.is_empty() {
                self.out.push(base.clone());
            }
            if kind == Some(Type::Directory) {
                base.push(b'/');
                if !rest.is_empty() {
                    self.walk(base, rest);
                }
                self.globstar_below(base, rest, into_links);
            } else if only_dirs && kind == Some(Type::Symlink) && is_dir(base) {
                // `**/` lists a link to a directory, without entering it (bash).
                base.push(b'/');
                self.out.push(base.clone());
            } else if into_links && !rest.is_empty() && kind == Some(Type::Symlink) && is_dir(base) {
                base.push(b'/');
                self.walk(base, rest);
            }
            base.truncate(len);
        }
    }
}

/// Calls `found` with each entry of the directory `base` (`.` when empty) whose name `comp`
/// matches, and its type when readdir gives it.
fn read_matching(
    opts: GlobOptions,
    base: &[u8],
    comp: &[u8],
    mut found: impl FnMut(&[u8], Option<Type>),
) {
    let dir_path: &[u8] = if base.is_empty() { b"." } else { base };
    let Ok(mut dir) = Dir::open(
        dir_path,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    ) else {
        return;
    };
    let explicit_dot = starts_with_dot(comp, opts.extglob);
    let pat = PatternRef::with_flags(comp, opts.flags());
    let match_all = comp.iter().all(|&c| c == b'*');
    for entry in dir.iter() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_bytes();
        if name.first() == Some(&b'.') {
            let dots = name == b"." || name == b"..";
            let allowed = if dots {
                explicit_dot && !opts.globskipdots
            } else {
                explicit_dot || opts.dotglob
            };
            if !allowed {
                continue;
            }
        }
        if match_all || pat.matches(name) {
            found(name, entry.file_type());
        }
    }
}

/// Must a name that starts with `.` be matched by `comp`? (It starts with a literal `.`, or,
/// under extglob, with a group one of whose alternatives does: `@(.a|b)`.)
fn starts_with_dot(comp: &[u8], extglob: bool) -> bool {
    if comp.first() == Some(&b'.') || comp.starts_with(b"\\.") {
        return true;
    }
    extglob
        && comp.len() > 2
        && matches!(comp[0], b'?' | b'*' | b'+' | b'@')
        && comp[1] == b'('
        && comp[2..].split(|&c| c == b'|').any(|alt| alt.first() == Some(&b'.') || alt.starts_with(b"\\."))
}

fn os_path(path: &[u8]) -> &std::path::Path {
    use std::os::unix::ffi::OsStrExt;
    std::path::Path::new(std::ffi::OsStr::from_bytes(path))
}

fn exists(path: &[u8]) -> bool {
    std::fs::symlink_metadata(os_path(path)).is_ok()
}

fn is_dir(path: &[u8]) -> bool {
    std::fs::metadata(os_path(path)).is_ok_and(|m| m.is_dir())
}

/// The type of `path` itself (a link is a link), when readdir did not say.
fn entry_type(path: &[u8]) -> Option<Type> {
    let m = std::fs::symlink_metadata(os_path(path)).ok()?;
    let t = m.file_type();
    Some(if t.is_dir() {
        Type::Directory
    } else if t.is_symlink() {
        Type::Symlink
    } else {
        Type::File
    })
}
