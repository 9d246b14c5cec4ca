//! `cd [-L|-P] [dir|-]` and `pwd [-L|-P]` (XCU cd, pwd): logical paths by default, CDPATH,
//! `cd -`, and PWD/OLDPWD kept up to date.

use std::ffi::OsStr;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;

use super::util::{errno_text, error, lossy, out, scan_opts};
use crate::shell::Shell;

fn os(b: &[u8]) -> &OsStr {
    OsStr::from_bytes(b)
}

fn getcwd() -> std::io::Result<Vec<u8>> {
    std::env::current_dir().map(|p| p.into_os_string().into_vec())
}

/// bash's words (no shell or line prefix) when getcwd fails, as in a removed directory.
fn report_lost_cwd(whom: &str, e: &std::io::Error) {
    let msg = format!(
        "{whom}: error retrieving current directory: getcwd: cannot access parent directories: {}\n",
        errno_text(e)
    );
    crate::sys::fd::write_all(2, msg.as_bytes());
}

/// `p` names the directory we are in: absolute, no `.` or `..` components, same inode as `.`.
fn is_valid_pwd(p: &[u8]) -> bool {
    if !is_clean_absolute(p) {
        return false;
    }
    match (std::fs::metadata(os(p)), std::fs::metadata(".")) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The logical current directory: `$PWD` if it is valid, else the physical one. When the
/// directory we are in was removed, getcwd fails: an absolute `$PWD` without `.` or `..` is
/// then the best name we have (bash, dash), so `pwd` prints it and `cd ..` goes to its parent.
fn logical_pwd(sh: &Shell) -> Option<Vec<u8>> {
    match sh.vars.get(b"PWD") {
        Some(p) if is_valid_pwd(p) => Some(p.to_vec()),
        pwd => match getcwd() {
            Ok(cwd) => Some(cwd),
            Err(_) => pwd.filter(|p| is_clean_absolute(p)).map(<[u8]>::to_vec),
        },
    }
}

/// Absolute, with no `.` or `..` component.
fn is_clean_absolute(p: &[u8]) -> bool {
    p.first() == Some(&b'/') && !p.split(|&c| c == b'/').any(|c| c == b"." || c == b"..")
}

/// Sets PWD at startup (XCU 2.5.3): an inherited PWD is kept only if it names the current
/// directory; otherwise the physical path is used.
pub fn init_pwd(sh: &mut Shell) {
    if let Some(p) = logical_pwd(sh) {
        let _ = sh.vars.set(b"PWD", p);
    }
}

/// Removes `.` components and folds `dir/..` lexically (XCU cd step 8). `p` is absolute.
pub fn canonicalize(p: &[u8]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = Vec::new();
    for c in p.split(|&c| c == b'/') {
        match c {
            b"" | b"." => {}
            b".." => {
                parts.pop();
            }
            _ => parts.push(c),
        }
    }
    let mut out = Vec::with_capacity(p.len());
    for c in &parts {
        out.push(b'/');
        out.extend_from_slice(c);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

fn is_dir(p: &[u8]) -> bool {
    std::fs::metadata(os(p)).is_ok_and(|m| m.is_dir())
}

pub fn cd(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"LPe", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    // The last of -L and -P wins; with neither, `set -P` (physical) decides.
    let physical = match opts.flags.iter().rev().find(|&&c| c == b'L' || c == b'P') {
        Some(&c) => c == b'P',
        None => sh.options.physical,
    };
    let ops = &args[opts.next..];
    if ops.len() > 1 {
        error(sh, args, "too many arguments");
        return 1;
    }
    let mut print = false;
    let dir: Vec<u8> = match ops.first() {
        None => match sh.vars.get(b"HOME") {
            Some(h) if !h.is_empty() => h.to_vec(),
            _ => {
                error(sh, args, "HOME not set");
                return 1;
            }
        },
        Some(d) if d == b"-" => match sh.vars.get(b"OLDPWD") {
            Some(o) if !o.is_empty() => {
                print = true;
                o.to_vec()
            }
            _ => {
                error(sh, args, "OLDPWD not set");
                return 1;
            }
        },
        Some(d) => d.clone(),
    };
    if dir.is_empty() {
        // POSIX leaves `cd ''` unspecified; bash and dash treat it as "stay here".
        return 0;
    }
    // CDPATH applies to relative names whose first component is not `.` or `..`.
    let mut target = dir.clone();
    let first = dir.split(|&c| c == b'/').next().unwrap_or(b"");
    if dir[0] != b'/' && first != b"." && first != b".." {
        if let Some(cdpath) = sh.vars.get(b"CDPATH") {
            for entry in cdpath.split(|&c| c == b':') {
                let mut cand = if entry.is_empty() {
                    b".".to_vec()
                } else {
                    entry.to_vec()
                };
                if !cand.ends_with(b"/") {
                    cand.push(b'/');
                }
                cand.extend_from_slice(&dir);
                if is_dir(&cand) {
                    if !entry.is_empty() && entry != b"." {
                        print = true;
                    }
                    target = cand;
                    break;
                }
            }
        }
    }
    let old = logical_pwd(sh);
    if !crate::exec::virtual_subshell::before_chdir(sh) {
        return sh.last_status;
    }
    let new_pwd = if physical {
        if let Err(e) = std::env::set_current_dir(os(&target)) {
            error(sh, args, format!("{}: {}", lossy(&dir), errno_text(&e)));
            return 1;
        }
        match getcwd() {
            Ok(p) => p,
            // We are there, but it has no name (it was removed): bash names it from the old
            // PWD, as given (`/gone/.`), and succeeds.
            Err(e) => {
                report_lost_cwd("cd", &e);
                match (&old, target[0]) {
                    (Some(base), c) if c != b'/' => [base.as_slice(), b"/", &target].concat(),
                    _ => target.clone(),
                }
            }
        }
    } else {
        let abs = if target[0] == b'/' {
            target.clone()
        } else {
            let mut base = old.clone().unwrap_or_else(|| b"/".to_vec());
            if !base.ends_with(b"/") {
                base.push(b'/');
            }
            base.extend_from_slice(&target);
            base
        };
        let canon = canonicalize(&abs);
        match std::env::set_current_dir(os(&canon)) {
            Ok(()) => canon,
            // The lexical path may not exist (`..` across a removed link target): try the
            // name as given, which the kernel resolves physically.
            Err(e) => match std::env::set_current_dir(os(&target)) {
                Ok(()) => getcwd().unwrap_or(canon),
                Err(_) => {
                    error(sh, args, format!("{}: {}", lossy(&dir), errno_text(&e)));
                    return 1;
                }
            },
        }
    };
    if let Some(o) = old {
        let _ = sh.vars.set(b"OLDPWD", o);
    }
    if let Err(e) = sh.vars.set(b"PWD", new_pwd.clone()) {
        error(sh, args, e);
        return 1;
    }
    if print {
        let mut line = new_pwd;
        line.push(b'\n');
        out(&line);
    }
    0
}

pub fn pwd(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"LP", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let physical = match opts.flags.last() {
        Some(&c) => c == b'P',
        None => sh.options.physical,
    };
    let p = if physical {
        getcwd()
    } else {
        logical_pwd(sh).ok_or(()).or_else(|()| getcwd())
    };
    match p {
        Ok(mut p) => {
            p.push(b'\n');
            super::util::out_checked(sh, args, &p)
        }
        Err(e) => {
            report_lost_cwd("pwd", &e);
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::canonicalize;

    #[test]
    fn canon() {
        assert_eq!(canonicalize(b"/a/b/../c/./d/"), b"/a/c/d");
        assert_eq!(canonicalize(b"/.."), b"/");
        assert_eq!(canonicalize(b"/"), b"/");
        assert_eq!(canonicalize(b"//x"), b"/x");
    }
}
