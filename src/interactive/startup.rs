//! Startup files and the variables a new shell adjusts.
//!
//! A login shell reads `/etc/profile` then `~/.profile` (unless `--noprofile`); an interactive
//! shell then reads the file named by `$ENV` after parameter expansion, or `~/.chitinrc` when
//! `ENV` is unset (unless `--norc`, and never when the real and effective user or group ids
//! differ). A non-interactive, non-login shell reads nothing.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::cli::Invocation;
use crate::shell::Shell;

/// `SHLVL` = previous + 1 (exported); a missing or bad value counts as 0.
pub fn bump_shlvl(sh: &mut Shell) {
    let old: i64 = sh
        .vars
        .get(b"SHLVL")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let new = if old < 0 { 0 } else { old + 1 };
    let _ = sh.vars.set_exported(b"SHLVL", new.to_string().into_bytes());
}

/// The startup files this shell must read, in order.
pub fn startup_files(sh: &mut Shell, inv: &Invocation) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let home = sh
        .vars
        .get(b"HOME")
        .map(|h| PathBuf::from(OsStr::from_bytes(h)));
    if inv.options.login && !inv.noprofile {
        files.push(PathBuf::from("/etc/profile"));
        if let Some(h) = &home {
            files.push(h.join(".profile"));
        }
    }
    if sh.options.interactive && !inv.norc && ids_match() {
        match sh.vars.get(b"ENV").map(|e| e.to_vec()) {
            Some(env) => {
                let status = sh.last_status;
                let expanded = super::prompt::expand_text(sh, &env);
                sh.last_status = status;
                if !expanded.is_empty() {
                    files.push(PathBuf::from(OsStr::from_bytes(&expanded)));
                }
            }
            None => {
                if let Some(h) = &home {
                    files.push(h.join(".chitinrc"));
                }
            }
        }
    }
    files
}

fn ids_match() -> bool {
    use nix::unistd::{getegid, geteuid, getgid, getuid};
    getuid() == geteuid() && getgid() == getegid()
}

/// Reads the startup files with `source` (the executor's dot-script runner), skipping files
/// that do not exist or cannot be read, silently as other shells do.
pub fn run_startup_files(
    sh: &mut Shell,
    inv: &Invocation,
    source: &mut dyn FnMut(&mut Shell, &Path),
) {
    for f in startup_files(sh, inv) {
        if std::fs::metadata(&f).map(|m| m.is_file()).unwrap_or(false) {
            source(sh, &f);
        }
    }
}
