//! The command line: `chitin [-abCefhimnuvx] [-o opt]... [+...] [-c cmds [name [args]] | -s [args] | file [args]]`.
//!
//! Hand-written (no crate): POSIX `sh` option syntax, combined flags (`-ec`, `-cl`), `--`,
//! and the long options users expect (`--login`, `--norc`, `--noprofile`, `--help`,
//! `--version`). With `-n` the script is only parsed, here, so syntax checks need no executor.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use crate::shell::Options;
use crate::syntax::{LineSource, Parser, ReadSource, SliceSource};

/// Where the commands come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `-c 'cmds'`
    CommandString(Vec<u8>),
    /// `chitin file [args]`
    Script(OsString),
    /// No operand, or `-s`.
    Stdin,
}

/// What the command line asked for, fully parsed; `exec::run::run` carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub source: Source,
    /// Flags set by `-abCefhmnuvx`, `-o name` (and cleared by `+...`); `interactive` only when
    /// `-i` was given, `login` for `-l`/`--login` or argv[0] starting with `-`, `stdin` for
    /// `-s`, `command_string` for `-c`.
    pub options: Options,
    /// `$0`: the script path, `-c`'s name operand, or argv[0].
    pub arg0: Vec<u8>,
    /// The positional parameters.
    pub args: Vec<Vec<u8>>,
    /// `--norc`, `--noprofile`.
    pub norc: bool,
    pub noprofile: bool,
}

const USAGE: &str = "usage: chitin [-abBCeEfhHiklmnpPstTuvx] [-o option] [-c command [name [arg...]] | -s [arg...] | file [arg...]]";

const HELP: &str = "\
chitin: a POSIX shell with job control

usage: chitin [option...] [file [arg...]]
       chitin [option...] -c command [name [arg...]]
       chitin [option...] -s [arg...]

  -c            read commands from the command operand ($0 is name)
  -s            read commands from standard input (operands are $1...)
  -i            interactive shell
  -l, --login   login shell (also when argv[0] starts with '-')
  -abBCeEfhHkmnpPtTuvx
                set options as `set` does; + instead of - unsets them
  -o name       set an option by name (+o unsets it): any name `set -o`
                lists (allexport, errexit, pipefail, posix, vi, ...)
  --norc        do not read $ENV in an interactive shell
  --noprofile   do not read the profile files in a login shell
  --help        show this help and exit
  --transcript [option...] FILE.t...
                run cram-style transcript tests (--transcript --help)
  --version     show the version and exit
";

/// What the command line asks for besides running a shell.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Run(Invocation),
    Help,
    Version,
    /// A usage error: the message (without the `chitin: ` prefix).
    Usage(String),
}

/// Parses argv (including argv[0]).
pub fn parse_args(args: &[OsString]) -> Parsed {
    let arg0 = args
        .first()
        .map(|a| a.as_bytes().to_vec())
        .unwrap_or_else(|| b"chitin".to_vec());
    let mut options = Options::default();
    if arg0.first() == Some(&b'-') {
        options.login = true;
    }
    let (mut norc, mut noprofile) = (false, false);
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_bytes();
        if a == b"--" || a == b"-" {
            i += 1;
            break;
        }
        if a.starts_with(b"--") {
            match a {
                b"--login" => options.login = true,
                b"--norc" => norc = true,
                b"--noprofile" => noprofile = true,
                b"--help" => return Parsed::Help,
                b"--version" => return Parsed::Version,
                _ => {
                    return Parsed::Usage(format!("{}: invalid option", String::from_utf8_lossy(a)));
                }
            }
            i += 1;
            continue;
        }
        let on = match a.first() {
            Some(b'-') => true,
            Some(b'+') if a.len() > 1 => false,
            _ => break,
        };
        i += 1;
        for &c in &a[1..] {
            match c {
                b'c' if on => options.command_string = true,
                b's' if on => options.stdin = true,
                b'i' => options.interactive = on,
                b'l' => options.login = on,
                b'o' => {
                    let Some(name) = args.get(i) else {
                        return Parsed::Usage(format!(
                            "{}o: option requires an argument",
                            if on { '-' } else { '+' }
                        ));
                    };
                    i += 1;
                    let name = String::from_utf8_lossy(name.as_bytes()).into_owned();
                    match options.by_name(&name) {
                        Some(flag) => *flag = on,
                        None => return Parsed::Usage(format!("{name}: invalid option name")),
                    }
                    options.option_set(&name, on);
                }
                _ => match options.by_letter(c) {
                    Some(flag) => *flag = on,
                    None => {
                        let sign = if on { '-' } else { '+' };
                        return Parsed::Usage(format!("{sign}{}: invalid option", c as char));
                    }
                },
            }
        }
    }
    let operands: Vec<Vec<u8>> = args[i.min(args.len())..]
        .iter()
        .map(|a| a.as_bytes().to_vec())
        .collect();
    let mut operands = operands.into_iter();
    let (source, arg0) = if options.command_string {
        let Some(cmds) = operands.next() else {
            return Parsed::Usage("-c: option requires an argument".into());
        };
        let name = operands.next().unwrap_or(arg0);
        (Source::CommandString(cmds), name)
    } else if options.stdin {
        (Source::Stdin, arg0)
    } else if let Some(file) = operands.next() {
        (Source::Script(OsString::from_vec(file.clone())), file)
    } else {
        options.stdin = true;
        (Source::Stdin, arg0)
    };
    Parsed::Run(Invocation {
        source,
        options,
        arg0,
        args: operands.collect(),
        norc,
        noprofile,
    })
}

/// The whole program: parses `args` (argv, including argv[0]) and runs the shell; returns the
/// exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    if args.get(1).is_some_and(|a| a == "--transcript") {
        return crate::transcript::main(&args[2..]);
    }
    match parse_args(&args) {
        Parsed::Help => {
            let _ = std::io::stdout().write_all(HELP.as_bytes());
            0
        }
        Parsed::Version => {
            let _ = writeln!(std::io::stdout(), "chitin {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Parsed::Usage(msg) => {
            let _ = writeln!(std::io::stderr(), "chitin: {msg}; {USAGE}");
            2
        }
        Parsed::Run(inv) if inv.options.noexec && !inv.options.interactive => syntax_check(&inv),
        Parsed::Run(inv) => {
            crate::sys::time::mark_start();
            crate::exec::run::run(inv)
        }
    }
}

/// `-n`: parses the whole input without running it. Status 2 at the first syntax error.
fn syntax_check(inv: &Invocation) -> i32 {
    match &inv.source {
        Source::CommandString(s) => check_source(SliceSource::new(s), Some("-c")),
        Source::Script(path) => {
            let name = path.to_string_lossy();
            let status = match std::fs::File::open(path) {
                Ok(file) => {
                    let mut src = ReadSource::new(file);
                    let status = check_source(&mut src, Some(&name));
                    match src.error {
                        Some(e) if status == 0 => Err(e),
                        _ => Ok(status),
                    }
                }
                Err(e) => Err(e),
            };
            status.unwrap_or_else(|e| {
                let msg = e.to_string();
                let msg = msg.split(" (os error").next().unwrap_or(&msg);
                let _ = writeln!(std::io::stderr(), "chitin: {name}: {msg}");
                if e.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 }
            })
        }
        Source::Stdin => {
            let mut src = ReadSource::new(std::io::stdin().lock());
            let status = check_source(&mut src, None);
            match src.error {
                Some(e) if status == 0 => {
                    let _ = writeln!(std::io::stderr(), "chitin: standard input: {e}");
                    2
                }
                _ => status,
            }
        }
    }
}

/// Parses everything `source` holds; `name` is the script's name for error messages.
fn check_source(source: impl LineSource, name: Option<&str>) -> i32 {
    let aliases = HashMap::new();
    let mut parser = Parser::new(source, 1);
    parser.set_check_only(true);
    loop {
        match parser.next_command(&aliases) {
            Ok(Some(_)) => {}
            Ok(None) => return 0,
            Err(e) => {
                let prefix = match name {
                    Some(n) => format!("chitin: {n}: line {}: ", e.line),
                    None => format!("chitin: line {}: ", e.line),
                };
                let _ = writeln!(std::io::stderr(), "{prefix}{}", e.message);
                return 2;
            }
        }
    }
}
