//! The command line: `chitin [-abCefhimnuvx] [-o opt]... [+...] [-c cmds [name [args]] | -s [args] | file [args]]`.
//! (STUB: the foundation issue implements the argument parser here.)

use std::ffi::OsString;

use crate::shell::Options;

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
#[derive(Debug, Clone)]
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

/// The whole program: parses `args` (argv, including argv[0]) and runs the shell; returns the
/// exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    use std::os::unix::ffi::OsStrExt;
    let arg0 = args.first().map(|a| a.as_bytes().to_vec()).unwrap_or_else(|| b"chitin".to_vec());
    let inv = Invocation {
        source: Source::Stdin,
        options: Options::default(),
        arg0,
        args: Vec::new(),
        norc: false,
        noprofile: false,
    };
    crate::exec::run::run(inv)
}
