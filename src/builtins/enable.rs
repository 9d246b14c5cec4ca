//! `enable` and `builtin`: which builtins run, and running one past a function.

use super::util::{error, lossy, out};
use super::BUILTINS;
use crate::shell::Shell;

/// `enable [-a] [-nps] [name ...]`: turns builtins off (`-n`) and on, or lists them as
/// commands that would recreate the state. Loading builtins from shared objects (`-f`, `-d`)
/// is not supported.
pub fn enable(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let o = match super::util::scan_opts(sh, args, b"adfnps", false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    if o.has(b'f') || o.has(b'd') {
        error(sh, args, "loading builtins from shared objects is not supported");
        return 1;
    }
    let names = &args[o.next..];
    let disable = o.has(b'n');
    if names.is_empty() {
        list(sh, o.has(b'a'), disable, o.has(b's'));
        return 0;
    }
    let mut status = 0;
    for name in names {
        let Some(b) = super::find(name) else {
            error(sh, args, format!("{}: not a shell builtin", lossy(name)));
            status = 1;
            continue;
        };
        sh.disabled_builtins.retain(|&n| n != b.name);
        if disable {
            sh.disabled_builtins.push(b.name);
        }
    }
    status
}

/// `enable` alone lists the enabled builtins, `-n` the disabled ones, `-a` all; `-s` only
/// the special ones.
fn list(sh: &Shell, all: bool, disabled: bool, special_only: bool) {
    let mut text = Vec::new();
    for b in BUILTINS.iter().filter(|b| !special_only || b.special) {
        let enabled = sh.builtin_enabled(b);
        if all || enabled != disabled {
            text.extend_from_slice(if enabled { b"enable " } else { b"enable -n " });
            text.extend_from_slice(b.name.as_bytes());
            text.push(b'\n');
        }
    }
    out(&text);
}

/// `builtin name [arg ...]`: runs the builtin `name` even when a function of that name hides it.
pub fn builtin(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let o = match super::util::scan_opts(sh, args, b"", false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    let rest = &args[o.next..];
    let Some(name) = rest.first() else { return 0 };
    let Some(b) = super::find(name).filter(|b| sh.builtin_enabled(b)) else {
        error(sh, args, format!("{}: not a shell builtin", lossy(name)));
        return 1;
    };
    let run: fn(&mut Shell, &[Vec<u8>]) -> i32 = b.run;
    let status = run(sh, rest);
    // Run this way a special builtin's errors are not fatal, as under `command`.
    sh.special_builtin_error = false;
    status
}

