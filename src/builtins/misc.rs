//! `:`, `true`, `false`, `times`, `exec` (reached through `command exec`) and its options.

use crate::exec::simple;
use crate::shell::Shell;
use crate::sys;

pub fn colon(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    0
}

pub fn true_(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    0
}

pub fn false_(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    1
}

fn fmt_time(secs: f64) -> String {
    let m = (secs / 60.0).floor();
    format!("{}m{:.3}s", m as u64, secs - m * 60.0)
}

pub fn times(_sh: &mut Shell, _args: &[Vec<u8>]) -> i32 {
    let [(su, ss), (cu, cs)] = sys::process::times();
    let out = format!("{} {}\n{} {}\n", fmt_time(su), fmt_time(ss), fmt_time(cu), fmt_time(cs));
    sys::fd::write_all(1, out.as_bytes());
    0
}

/// `exec` as a builtin value (the executor handles `exec` with its redirections itself).
pub fn exec(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let (opts, rest) = match exec_options(sh, args) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if rest.is_empty() {
        return 0;
    }
    if !crate::exec::virtual_subshell::need_process(sh) {
        // The subshell goes on in a child, which runs the program.
        return sh.last_status;
    }
    simple::exec_in_place(sh, rest, &opts)
}

/// bash's options of `exec`: what the new program is given besides its arguments.
#[derive(Default)]
pub struct ExecOpts {
    /// `-a name`: the zeroth argument instead of the command name.
    pub arg0: Option<Vec<u8>>,
    /// `-c`: an empty environment.
    pub clear_env: bool,
    /// `-l`: a `-` before the zeroth argument, as login sets it.
    pub login: bool,
}

impl ExecOpts {
    /// The argument vector the program gets for the command words `argv`.
    pub fn program_argv(&self, argv: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let mut out = argv.to_vec();
        if let Some(name) = &self.arg0 {
            out[0] = name.clone();
        }
        if self.login {
            out[0].insert(0, b'-');
        }
        out
    }
}

/// Splits `exec`'s words (`exec` first) into its options and the command. A usage error is
/// reported and gives `Err(2)`.
pub fn exec_options<'a>(sh: &Shell, words: &'a [Vec<u8>]) -> Result<(ExecOpts, &'a [Vec<u8>]), i32> {
    let mut o = ExecOpts::default();
    let mut scanner = super::options::Scanner::new(words, b"cla:");
    while let Some(opt) = scanner.next(sh)? {
        match opt.letter {
            b'c' => o.clear_env = true,
            b'l' => o.login = true,
            _ => o.arg0 = opt.value.map(<[u8]>::to_vec),
        }
    }
    Ok((o, scanner.operands()))
}
