//! `command`, `type` and `hash`: how names resolve, and running past functions.

use crate::builtins;
use crate::exec::{lookup, simple};
use crate::shell::Shell;
use crate::sys;

/// How `type` and `command -v`/`-V` print what a name is.
#[derive(Clone, Copy, PartialEq)]
enum Show {
    /// `type`, `command -V`: a sentence (a function's definition too).
    Sentence,
    /// `command -v`: a name or path the shell can reuse (`alias x='...'` for an alias).
    Reusable,
    /// `type -t`: one word, `alias` `keyword` `function` `builtin` or `file`.
    Kind,
    /// `type -p`/`-P`: the file's path, nothing for the other kinds.
    Path,
}

/// What `type`/`command` look at for one name.
#[derive(Clone, Copy)]
struct Query {
    show: Show,
    /// `-a`: every meaning, and every file in PATH.
    all: bool,
    /// `-f`: functions are skipped.
    no_functions: bool,
    /// `-P`: PATH only (aliases, keywords, functions and builtins are skipped).
    path_only: bool,
    /// `command -p`: PATH is the default search path.
    default_path: bool,
}

/// Describes `name` on stdout as `q` asks, each meaning in lookup order (the first only unless
/// `-a`). False when it has none.
fn describe(sh: &mut Shell, name: &[u8], q: Query) -> bool {
    let n = String::from_utf8_lossy(name).into_owned();
    let mut out = Vec::new();
    let mut found = false;
    let line = |out: &mut Vec<u8>, kind: &str, sentence: &[u8], reusable: &[u8]| {
        match q.show {
            Show::Sentence => out.extend_from_slice(sentence),
            Show::Reusable => out.extend_from_slice(reusable),
            Show::Kind => out.extend_from_slice(kind.as_bytes()),
            Show::Path if kind == "file" => out.extend_from_slice(reusable),
            Show::Path => return,
        }
        out.push(b'\n');
    };
    if !q.path_only {
        if let Some(v) = sh.aliases.get(name) {
            let mut sentence = format!("{n} is an alias for ").into_bytes();
            sentence.extend_from_slice(v);
            let mut reusable = format!("alias {n}=").into_bytes();
            // Always quoted, as the `alias` listing is (dash, bash --posix).
            reusable.extend_from_slice(&crate::shell::quote::single_quote(v));
            line(&mut out, "alias", &sentence, &reusable);
            found = true;
        }
        if (q.all || !found) && lookup::KEYWORDS.contains(&name) {
            line(&mut out, "keyword", format!("{n} is a shell keyword").as_bytes(), name);
            found = true;
        }
        let builtin = builtins::find(name).filter(|b| sh.builtin_enabled(b));
        // POSIX finds special builtins before functions.
        let special = builtin.filter(|b| b.special);
        if (q.all || !found) && special.is_some() {
            line(&mut out, "builtin", format!("{n} is a special shell builtin").as_bytes(), name);
            found = true;
        }
        if (q.all || !found) && !q.no_functions && sh.functions.contains_key(name) {
            let mut sentence = format!("{n} is a function\n").into_bytes();
            if let Some(f) = sh.functions.get(name) {
                // bash shows the definition too, in its own layout.
                sentence.extend_from_slice(&crate::syntax::print::function_definition(f));
            }
            line(&mut out, "function", &sentence, name);
            found = true;
        }
        if (q.all || !found) && special.is_none() && builtin.is_some() {
            line(&mut out, "builtin", format!("{n} is a shell builtin").as_bytes(), name);
            found = true;
        }
    }
    if q.all || !found {
        for (path, hashed) in files(sh, name, q) {
            let mut sentence = format!("{n} is ").into_bytes();
            if hashed {
                sentence.extend_from_slice(b"hashed (");
                sentence.extend_from_slice(&path);
                sentence.push(b')');
            } else {
                sentence.extend_from_slice(&path);
            }
            line(&mut out, "file", &sentence, &path);
            found = true;
        }
    }
    sys::fd::write_all(1, &out);
    found
}

/// The executable files `name` names: itself when it has a slash; else the remembered path or
/// the first in PATH, or with `-a` every one in PATH order. Each with whether it came from the
/// hash table.
fn files(sh: &mut Shell, name: &[u8], q: Query) -> Vec<(Vec<u8>, bool)> {
    if name.contains(&b'/') {
        let c = sys::process::cstring(name);
        return if sys::process::is_executable_file(&c) { vec![(name.to_vec(), false)] } else { Vec::new() };
    }
    if q.default_path {
        return lookup::search_path(DEFAULT_PATH, name).map(|p| (p, false)).into_iter().collect();
    }
    if q.all {
        let path = sh.vars.get(b"PATH").unwrap_or_default().to_vec();
        return lookup::search_path_all(&path, name).into_iter().map(|p| (p, false)).collect();
    }
    let hashed = sh.cmd_hash.get(name).is_some();
    lookup::find_command(sh, name).map(|p| (p, hashed)).into_iter().collect()
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
        let show = if big_v { Show::Sentence } else { Show::Reusable };
        let q = Query { show, all: false, no_functions: false, path_only: false, default_path: p };
        let mut status = 0;
        for name in rest {
            if !describe(sh, name, q) {
                if big_v {
                    sh.report_error(&format!("command: {}: not found", String::from_utf8_lossy(name)));
                }
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

/// `type [-afptP] name...`: what each name would run as.
pub fn type_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let o = match super::util::scan_opts(sh, args, b"afptP", false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    let show = if o.has(b't') {
        Show::Kind
    } else if o.has(b'p') || o.has(b'P') {
        Show::Path
    } else {
        Show::Sentence
    };
    let q = Query { show, all: o.has(b'a'), no_functions: o.has(b'f'), path_only: o.has(b'P'), default_path: false };
    let mut status = 0;
    for name in &args[o.next..] {
        if !describe(sh, name, q) {
            if show == Show::Sentence {
                sh.report_error(&format!("type: {}: not found", String::from_utf8_lossy(name)));
            }
            status = 1;
        }
    }
    status
}

/// What `hash` was asked to do with its names.
#[derive(Default)]
struct HashOpts {
    forget_all: bool,
    delete: bool,
    print_paths: bool,
    reusable: bool,
    set_path: Option<Vec<u8>>,
}

fn hash_options(sh: &Shell, args: &[Vec<u8>]) -> Result<(HashOpts, usize), i32> {
    let mut o = HashOpts::default();
    let mut scanner = super::options::Scanner::new(args, b"rdtlp:");
    while let Some(opt) = scanner.next(sh)? {
        match opt.letter {
            b'r' => o.forget_all = true,
            b'd' => o.delete = true,
            b't' => o.print_paths = true,
            b'l' => o.reusable = true,
            _ => o.set_path = opt.value.map(<[u8]>::to_vec),
        }
    }
    Ok((o, scanner.index()))
}

/// `hash [-lr] [-p path] [-dt] [name...]`: the table of remembered command locations.
pub fn hash(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if !sh.options.hashall.0 {
        // bash refuses every form, before reading the options.
        sh.report_error("hash: hashing disabled");
        return 1;
    }
    let (o, first) = match hash_options(sh, args) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let names = &args[first..];
    crate::exec::virtual_subshell::before_hash_change(sh);
    if o.forget_all {
        sh.cmd_hash.clear();
    }
    if names.is_empty() {
        if !o.forget_all || o.reusable {
            list_hashed(sh, o.reusable);
        }
        return 0;
    }
    let not_found = |sh: &Shell, name: &[u8]| {
        sh.report_error(&format!("hash: {}: not found", String::from_utf8_lossy(name)));
    };
    let mut status = 0;
    let mut out = Vec::new();
    for name in names {
        if let Some(path) = &o.set_path {
            let current = sh.vars.get(b"PATH").unwrap_or_default().to_vec();
            sh.cmd_hash.set(&current, name, path);
        } else if o.print_paths {
            let Some(path) = sh.cmd_hash.get(name) else {
                not_found(sh, name);
                status = 1;
                continue;
            };
            if o.reusable {
                push_hash_command(&mut out, name, path);
            } else {
                if names.len() > 1 {
                    out.extend_from_slice(name);
                    out.push(b'\t');
                }
                out.extend_from_slice(path);
                out.push(b'\n');
            }
        } else if o.delete {
            if !sh.cmd_hash.remove(name) {
                not_found(sh, name);
                status = 1;
            }
        } else if !(name.contains(&b'/') || builtins::find(name).is_some() || sh.functions.contains_key(name.as_slice())) {
            sh.cmd_hash.remove(name);
            if lookup::find_command(sh, name).is_none() {
                not_found(sh, name);
                status = 1;
            }
        }
    }
    sys::fd::write_all(1, &out);
    status
}

/// `builtin hash -p PATH NAME`, a line that remembers the entry again (`hash -l`).
fn push_hash_command(out: &mut Vec<u8>, name: &[u8], path: &[u8]) {
    out.extend_from_slice(b"builtin hash -p ");
    out.extend_from_slice(path);
    out.push(b' ');
    out.extend_from_slice(name);
    out.push(b'\n');
}

/// `hash` alone: bash's table of hits and paths, or (on stdout, outside POSIX mode) that it
/// is empty; `hash -l`: commands that recreate it.
fn list_hashed(sh: &Shell, reusable: bool) {
    let entries = sh.cmd_hash.entries();
    let mut out = Vec::new();
    if !reusable && !entries.is_empty() {
        out.extend_from_slice(b"hits\tcommand\n");
    } else if !reusable && !sh.options.posix {
        out.extend_from_slice(b"hash: hash table empty\n");
    }
    for (name, path, hits) in entries {
        if reusable {
            push_hash_command(&mut out, name, path);
        } else {
            out.extend_from_slice(format!("{hits:4}\t").as_bytes());
            out.extend_from_slice(path);
            out.push(b'\n');
        }
    }
    sys::fd::write_all(1, &out);
}
