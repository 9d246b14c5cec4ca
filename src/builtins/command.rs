//! `command`, `type` and `hash`: how names resolve, and running past functions.

use crate::builtins;
use crate::exec::{lookup, simple};
use crate::shell::Shell;
use crate::sys;

/// What a name means, in lookup order.
enum Kind {
    Alias(Vec<u8>),
    Keyword,
    Function,
    Special,
    Builtin,
    File(Vec<u8>, bool),
}

fn classify(sh: &mut Shell, name: &[u8], default_path: bool) -> Option<Kind> {
    if let Some(v) = sh.aliases.get(name) {
        return Some(Kind::Alias(v.clone()));
    }
    if lookup::KEYWORDS.iter().any(|k| k.as_bytes() == name) {
        return Some(Kind::Keyword);
    }
    if name.contains(&b'/') {
        let c = sys::process::cstring(name);
        return sys::process::is_executable_file(&c).then(|| Kind::File(name.to_vec(), false));
    }
    if let Some(b) = builtins::find(name) {
        if b.special {
            return Some(Kind::Special);
        }
    }
    if sh.functions.contains_key(name) {
        return Some(Kind::Function);
    }
    if builtins::find(name).is_some() {
        return Some(Kind::Builtin);
    }
    if default_path {
        return lookup::search_path(DEFAULT_PATH, name).map(|p| Kind::File(p, false));
    }
    let hashed = sh.cmd_hash.get(name).is_some();
    lookup::find_command(sh, name).map(|p| Kind::File(p, hashed))
}

fn describe(sh: &mut Shell, who: &str, name: &[u8], verbose: bool, default_path: bool) -> bool {
    let n = String::from_utf8_lossy(name).into_owned();
    let Some(kind) = classify(sh, name, default_path) else {
        if verbose {
            sh.report_error(&format!("{who}: {n}: not found"));
        }
        return false;
    };
    let mut out = Vec::new();
    match kind {
        Kind::Alias(v) => {
            if verbose {
                out.extend_from_slice(format!("{n} is an alias for ").as_bytes());
                out.extend_from_slice(&v);
            } else {
                out.extend_from_slice(b"alias ");
                out.extend_from_slice(name);
                out.push(b'=');
                // Always quoted, as the `alias` listing is (dash, bash --posix).
                out.extend_from_slice(&crate::shell::quote::single_quote(&v));
            }
        }
        Kind::Keyword if verbose => out.extend_from_slice(format!("{n} is a shell keyword").as_bytes()),
        Kind::Function if verbose => {
            // bash shows the definition too, in its own layout.
            out.extend_from_slice(format!("{n} is a function\n").as_bytes());
            if let Some(f) = sh.functions.get(name) {
                out.extend_from_slice(&crate::syntax::print::function_definition(f));
            }
        }
        Kind::Special if verbose => out.extend_from_slice(format!("{n} is a special shell builtin").as_bytes()),
        Kind::Builtin if verbose => out.extend_from_slice(format!("{n} is a shell builtin").as_bytes()),
        Kind::File(p, hashed) if verbose => {
            out.extend_from_slice(format!("{n} is ").as_bytes());
            if hashed {
                out.extend_from_slice(b"hashed (");
                out.extend_from_slice(&p);
                out.push(b')');
            } else {
                out.extend_from_slice(&p);
            }
        }
        Kind::File(p, _) => out.extend_from_slice(&p),
        _ => out.extend_from_slice(name),
    }
    out.push(b'\n');
    sys::fd::write_all(1, &out);
    true
}

/// The search path of `command -p`.
pub const DEFAULT_PATH: &[u8] = b"/usr/bin:/bin";

/// `command [-p] [--] name [arg...]`, the form that runs a command (the executor runs it with
/// the command's own redirections and assignments): whether `-p` was given and where `name`
/// is. `None` for `-v`/`-V`, an unknown option or no name, which this builtin handles.
pub fn run_form(args: &[Vec<u8>]) -> Option<(bool, usize)> {
    let mut default_path = false;
    let mut i = 1;
    while let Some(a) = args.get(i) {
        if a == b"--" {
            i += 1;
            break;
        }
        if a.len() < 2 || a[0] != b'-' {
            break;
        }
        if !a[1..].iter().all(|&c| c == b'p') {
            return None;
        }
        default_path = true;
        i += 1;
    }
    (i < args.len()).then_some((default_path, i))
}

pub fn command(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let o = match super::util::scan_opts(sh, args, b"vVp", false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (v, big_v, p) = (o.has(b'v'), o.has(b'V'), o.has(b'p'));
    let i = o.next;
    let rest = &args[i..];
    if v || big_v {
        let mut status = 0;
        for name in rest {
            if !describe(sh, "command", name, big_v, p) {
                status = 1;
            }
        }
        return status;
    }
    if rest.is_empty() {
        return 0;
    }
    if p {
        let saved = sh.vars.var(b"PATH").cloned();
        let _ = sh.vars.set(b"PATH", DEFAULT_PATH.to_vec());
        let st = simple::run_command_words(sh, rest);
        sh.vars.restore(b"PATH", saved);
        return st;
    }
    simple::run_command_words(sh, rest)
}

pub fn type_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    let mut status = 0;
    for name in rest {
        if !describe(sh, "type", name, true, false) {
            status = 1;
        }
    }
    status
}

pub fn hash(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if rest.first().is_some_and(|a| a == b"-r") {
        sh.cmd_hash.clear();
        rest = &rest[1..];
    }
    if rest.first().is_some_and(|a| a == b"--") {
        rest = &rest[1..];
    }
    if rest.is_empty() && args.len() == 1 {
        let mut out = Vec::new();
        for (_, path) in sh.cmd_hash.entries() {
            out.extend_from_slice(path);
            out.push(b'\n');
        }
        sys::fd::write_all(1, &out);
        return 0;
    }
    let mut status = 0;
    for name in rest {
        if name.contains(&b'/') || builtins::find(name).is_some() || sh.functions.contains_key(name.as_slice()) {
            continue;
        }
        sh.cmd_hash.remove(name);
        if lookup::find_command(sh, name).is_none() {
            sh.report_error(&format!("hash: {}: not found", String::from_utf8_lossy(name)));
            status = 1;
        }
    }
    status
}
