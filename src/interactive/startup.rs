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

/// The login files this shell must read, in order.
pub fn login_files(sh: &Shell, inv: &Invocation) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if inv.options.login && !inv.noprofile {
        files.push(PathBuf::from("/etc/profile"));
        if let Some(h) = sh.vars.get(b"HOME") {
            files.push(PathBuf::from(OsStr::from_bytes(h)).join(".profile"));
        }
    }
    files
}

/// The rc file of an interactive shell: `$ENV` (parameter-expanded) or `~/.chitinrc`. Computed
/// after the login files ran, since `.profile` usually sets `ENV`.
pub fn rc_file(sh: &mut Shell, inv: &Invocation) -> Option<PathBuf> {
    if !sh.options.interactive || inv.norc || !ids_match() {
        return None;
    }
    match sh.vars.get(b"ENV").map(|e| e.to_vec()) {
        Some(env) => {
            let status = sh.last_status;
            let expanded = super::prompt::expand_text(sh, &env);
            sh.last_status = status;
            (!expanded.is_empty()).then(|| PathBuf::from(OsStr::from_bytes(&expanded)))
        }
        None => sh
            .vars
            .get(b"HOME")
            .map(|h| PathBuf::from(OsStr::from_bytes(h)).join(".chitinrc")),
    }
}

fn ids_match() -> bool {
    use nix::unistd::{getegid, geteuid, getgid, getuid};
    getuid() == geteuid() && getgid() == getegid()
}

/// Reads the startup files with `source` (the executor's dot-script runner), skipping files
/// that do not exist, silently as other shells do.
pub fn run_startup_files(
    sh: &mut Shell,
    inv: &Invocation,
    source: &mut dyn FnMut(&mut Shell, &Path),
) {
    let exists = |f: &Path| std::fs::metadata(f).map(|m| m.is_file()).unwrap_or(false);
    for f in login_files(sh, inv) {
        if exists(&f) {
            source(sh, &f);
        }
    }
    if let Some(f) = rc_file(sh, inv) {
        if exists(&f) {
            source(sh, &f);
        }
    }
}
