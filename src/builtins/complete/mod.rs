//! `complete`, `compgen` and `compopt`: bash's programmable completion builtins.
//!
//! `complete` keeps a [`CompSpec`] per command name (and for `-D` default, `-E` empty line,
//! `-I` initial word); `compgen` generates the candidates of a spec given on its command line;
//! `compopt` changes the options of a spec, or of the completion being generated when called
//! from a completion function. The prompt's use of the specs is in `interactive::progcomp`.

pub mod generate;
pub mod spec;

use std::rc::Rc;

use super::util::{error, lossy, out};
use crate::shell::Shell;
pub use generate::{Generated, Request};
pub use spec::{CompSpec, Flags, SpecTable};
use spec::*;

/// The shell's completion state.
#[derive(Default)]
pub struct Completion {
    pub specs: SpecTable,
    /// The completion being generated: `compopt` without names changes its options.
    pub current: Option<Current>,
    /// The prompt looked for bash-completion already (it loads on the first Tab).
    pub system_loaded: bool,
    /// An interactive shell is reading its startup files: a `.` of bash-completion waits for
    /// the first Tab (`interactive::progcomp::defers`).
    pub reading_startup_files: bool,
}

/// The spec being run for the prompt, as `compopt` sees it.
#[derive(Debug, Clone)]
pub struct Current {
    /// The table key of the spec (a command name, or one of the `-D -E -I` keys).
    pub key: Vec<u8>,
    pub options: Flags,
    /// The text being completed as readline passes it (after an opening quote), and that
    /// quote: file-name generation dequotes with them (see `generate::file_text`).
    pub text: Vec<u8>,
    pub quote: Option<u8>,
}


/// What the options of `complete` or `compgen` said.
#[derive(Default)]
struct Parsed {
    spec: CompSpec,
    print: bool,
    remove: bool,
    /// `-D`, `-E`, `-I`.
    special: Option<&'static [u8]>,
    /// An option was given at all.
    any: bool,
    /// Index of the first operand.
    next: usize,
}

/// bash's `internal_getopt` over the options of `complete` (`full`) or `compgen`: clusters
/// of letters, option arguments attached or in the next word, `--` ending the options.
fn parse(sh: &Shell, args: &[Vec<u8>], full: bool) -> Result<Parsed, i32> {
    let mut p = Parsed::default();
    let mut special_flags = [false; 3];
    // compgen takes complete's options but -p, -r, -D, -E and -I.
    let spec: &[u8] = if full {
        b"abcdefgjksuvprDEIo:A:G:W:P:S:X:F:C:"
    } else {
        b"abcdefgjksuvo:A:G:W:P:S:X:F:C:"
    };
    let mut scanner = super::options::Scanner::new(args, spec);
    while let Some(opt) = scanner.next(sh)? {
        p.any = true;
        let c = opt.letter;
        if let Some(arg) = opt.value {
            let arg = arg.to_vec();
            let s = &mut p.spec;
            match c {
                b'o' => match option_by_name(&arg) {
                    Some(bit) => s.options.set(bit, true),
                    None => {
                        error(sh, args, format!("{}: invalid option name", lossy(&arg)));
                        return Err(2);
                    }
                },
                b'A' => match action_by_name(&arg) {
                    Some(bit) => s.actions.set(bit, true),
                    None => {
                        error(sh, args, format!("{}: invalid action name", lossy(&arg)));
                        return Err(2);
                    }
                },
                b'G' => s.glob = Some(arg),
                b'W' => s.words = Some(arg),
                b'P' => s.prefix = Some(arg),
                b'S' => s.suffix = Some(arg),
                b'X' => s.filter = Some(arg),
                b'F' => s.function = Some(arg),
                _ => s.command = Some(arg),
            }
            continue;
        }
        if let Some(bit) = action_by_short(c) {
            p.spec.actions.set(bit, true);
            continue;
        }
        match c {
            b'p' => p.print = true,
            b'r' => p.remove = true,
            b'D' => special_flags[0] = true,
            b'E' => special_flags[1] = true,
            _ => special_flags[2] = true,
        }
    }
    p.next = scanner.index();
    p.special = special_key(special_flags);
    Ok(p)
}

/// `-D` wins over `-E`, which wins over `-I` (bash).
fn special_key(flags: [bool; 3]) -> Option<&'static [u8]> {
    match flags {
        [true, _, _] => Some(DEFAULT_KEY),
        [_, true, _] => Some(EMPTY_KEY),
        [_, _, true] => Some(INITIAL_KEY),
        _ => None,
    }
}

pub fn complete(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if args.len() <= 1 {
        print_all(sh);
        return 0;
    }
    // Specs changed in a subshell stay there: one run in the shell process goes on in a
    // child (the table is not saved for so rare a case).
    if args[1] != b"-p" && !crate::exec::virtual_subshell::need_process(sh) {
        return sh.last_status;
    }
    let p = match parse(sh, args, true) {
        Ok(p) => p,
        Err(st) => return st,
    };
    let names: Vec<Vec<u8>> = match p.special {
        Some(k) => vec![k.to_vec()],
        None => args[p.next..].to_vec(),
    };
    if p.print || (names.is_empty() && !p.any) {
        if names.is_empty() {
            print_all(sh);
            return 0;
        }
        return print_some(sh, args, &names);
    }
    if p.remove {
        if names.is_empty() {
            sh.completion.specs.clear();
            return 0;
        }
        let mut status = 0;
        for n in &names {
            if sh.completion.specs.remove(n).is_none() {
                error(sh, args, format!("{}: no completion specification", lossy(n)));
                status = 1;
            }
        }
        return status;
    }
    if names.is_empty() {
        return super::options::usage_error(args);
    }
    let spec = Rc::new(p.spec);
    for n in &names {
        sh.completion.specs.insert(n, Rc::clone(&spec));
    }
    0
}

fn print_all(sh: &Shell) {
    let mut buf = Vec::new();
    for (name, spec) in sh.completion.specs.iter() {
        print_one(&mut buf, name, spec);
    }
    out(&buf);
}

fn print_some(sh: &Shell, args: &[Vec<u8>], names: &[Vec<u8>]) -> i32 {
    let mut status = 0;
    for n in names {
        match sh.completion.specs.get(n) {
            Some(spec) => {
                let mut buf = Vec::new();
                print_one(&mut buf, n, spec);
                out(&buf);
            }
            None => {
                error(sh, args, format!("{}: no completion specification", lossy(n)));
                status = 1;
            }
        }
    }
    status
}

/// A command name as `complete -p` shows it: single-quoted when it holds a character
/// special to the shell (bash's `sh_contains_shell_metas`).
fn quote_name(name: &[u8]) -> Vec<u8> {
    let special = name.is_empty()
        || name.iter().enumerate().any(|(i, &c)| {
            b" \t\n'\"\\|&;()<>!{}*[?]^$`".contains(&c)
                || (c == b'~' && (i == 0 || matches!(name[i - 1], b'=' | b':')))
                || (c == b'#' && i == 0)
        });
    if special { crate::shell::quote::single_quote(name) } else { name.to_vec() }
}

/// The name part of a listing: `-D`, `-E`, `-I` for the special keys.
fn shown_name(key: &[u8]) -> Vec<u8> {
    match key {
        DEFAULT_KEY => b"-D".to_vec(),
        EMPTY_KEY => b"-E".to_vec(),
        INITIAL_KEY => b"-I".to_vec(),
        _ => quote_name(key),
    }
}

/// One `complete ...` line, options in bash's order.
fn print_one(buf: &mut Vec<u8>, key: &[u8], s: &CompSpec) {
    buf.extend_from_slice(b"complete ");
    for (name, bit) in OPTIONS {
        if s.options.has(*bit) {
            buf.extend_from_slice(format!("-o {name} ").as_bytes());
        }
    }
    for &c in SHORT_PRINT_ORDER {
        if action_by_short(c).is_some_and(|bit| s.actions.has(bit)) {
            buf.extend_from_slice(&[b'-', c, b' ']);
        }
    }
    for &bit in LONG_PRINT_ORDER {
        if s.actions.has(bit) {
            let name = ACTIONS.iter().find(|a| a.bit == bit).map_or("", |a| a.name);
            buf.extend_from_slice(format!("-A {name} ").as_bytes());
        }
    }
    let quoted = [("-G", &s.glob), ("-W", &s.words), ("-P", &s.prefix), ("-S", &s.suffix), ("-X", &s.filter), ("-C", &s.command)];
    for (flag, v) in quoted {
        if let Some(v) = v {
            buf.extend_from_slice(flag.as_bytes());
            buf.push(b' ');
            buf.extend_from_slice(&crate::shell::quote::single_quote(v));
            buf.push(b' ');
        }
    }
    if let Some(f) = &s.function {
        buf.extend_from_slice(b"-F ");
        buf.extend_from_slice(f);
        buf.push(b' ');
    }
    buf.extend_from_slice(&shown_name(key));
    buf.push(b'\n');
}

pub fn compgen(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if args.len() <= 1 {
        return 0;
    }
    let p = match parse(sh, args, false) {
        Ok(p) => p,
        Err(st) => return st,
    };
    if !p.any {
        return 0;
    }
    let word = args.get(p.next).cloned().unwrap_or_default();
    if p.spec.function.is_some() {
        error(sh, args, "warning: -F option may not work as you expect");
    }
    if p.spec.command.is_some() {
        error(sh, args, "warning: -C option may not work as you expect");
    }
    let req = Request { command: b"compgen".to_vec(), word: word.clone(), cword: -1, compgen: true, ..Default::default() };
    let mut matches = generate::generate(sh, &p.spec, &req).matches;
    if matches.is_empty() && p.spec.options.has(O_BASHDEFAULT) {
        matches = bash_default(sh, &word);
    }
    if matches.is_empty() && p.spec.options.has(O_DEFAULT) {
        let text = generate::file_text(sh, &req);
        matches = generate::files(sh, &text, false);
    }
    if matches.is_empty() {
        return 1;
    }
    let mut buf = Vec::new();
    for m in matches {
        buf.extend_from_slice(&m);
        buf.push(b'\n');
    }
    super::util::out_checked(sh, args, &buf)
}

/// bash's own completion of a word when no spec applies: a variable after `$`, a user name
/// after `~`, else file names.
pub fn bash_default(sh: &mut Shell, word: &[u8]) -> Vec<Vec<u8>> {
    if let Some(rest) = word.strip_prefix(b"$") {
        let spec = CompSpec { actions: Flags(A_VARIABLE), ..Default::default() };
        let req = Request { word: rest.to_vec(), ..Default::default() };
        return generate::generate(sh, &spec, &req).matches.into_iter().map(|v| [&b"$"[..], &v].concat()).collect();
    }
    if let Some(rest) = word.strip_prefix(b"~") {
        if !rest.contains(&b'/') {
            let spec = CompSpec { actions: Flags(A_USER), ..Default::default() };
            let req = Request { word: rest.to_vec(), ..Default::default() };
            return generate::generate(sh, &spec, &req).matches.into_iter().map(|v| [&b"~"[..], &v].concat()).collect();
        }
    }
    generate::files(sh, word, false)
}

pub fn compopt(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if args.len() > 1 && !crate::exec::virtual_subshell::need_process(sh) {
        return sh.last_status;
    }
    let (mut on, mut off) = (0u32, 0u32);
    let mut flags = [false; 3];
    let mut scanner = super::options::Scanner::new(args, b"o:DEI").with_plus();
    loop {
        let opt = match scanner.next(sh) {
            Ok(Some(opt)) => opt,
            Ok(None) => break,
            Err(status) => return status,
        };
        match (opt.letter, opt.value) {
            (_, Some(arg)) => {
                let Some(bit) = option_by_name(arg) else {
                    error(sh, args, format!("{}: invalid option name", lossy(arg)));
                    return 2;
                };
                if opt.plus { off |= bit } else { on |= bit }
            }
            (b'D', _) => flags[0] = true,
            (b'E', _) => flags[1] = true,
            _ => flags[2] = true,
        }
    }
    let next = scanner.index();
    let names: Vec<Vec<u8>> = match special_key(flags) {
        Some(k) => vec![k.to_vec()],
        None => args[next..].to_vec(),
    };
    if names.is_empty() {
        let Some(cur) = sh.completion.current.as_mut() else {
            error(sh, args, "not currently executing completion function");
            return 1;
        };
        if on == 0 && off == 0 {
            let line = compopt_line(&cur.key, cur.options);
            out(&line);
            return 0;
        }
        cur.options.0 = (cur.options.0 | on) & !off;
        return 0;
    }
    let mut status = 0;
    for n in &names {
        let Some(spec) = sh.completion.specs.get_mut(n) else {
            error(sh, args, format!("{}: no completion specification", lossy(n)));
            status = 1;
            continue;
        };
        if on == 0 && off == 0 {
            let line = compopt_line(n, spec.options);
            out(&line);
            continue;
        }
        let s = Rc::make_mut(spec);
        s.options.0 = (s.options.0 | on) & !off;
    }
    status
}

/// `compopt +o bashdefault ... -o nospace ... NAME`: every option, on or off.
fn compopt_line(key: &[u8], options: Flags) -> Vec<u8> {
    let mut buf = b"compopt ".to_vec();
    for (name, bit) in OPTIONS {
        let sign = if options.has(*bit) { '-' } else { '+' };
        buf.extend_from_slice(format!("{sign}o {name} ").as_bytes());
    }
    buf.extend_from_slice(&shown_name(key));
    buf.push(b'\n');
    buf
}
