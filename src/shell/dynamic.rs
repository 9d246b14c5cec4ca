//! Variables whose value the shell computes when a script reads them: the call stack
//! (`FUNCNAME`, `BASH_SOURCE`, `BASH_LINENO`), `RANDOM`, `SECONDS`, `PIPESTATUS`, `BASHPID`, the
//! version and machine names, ...
//!
//! Nothing is done for them while they are not read: an expansion of a name calls
//! [`refresh`], which stores the current value in the variable (a length and case test, and
//! nothing more, for every other name). Each is created at start-up with [`Attrs::DYNAMIC`] and
//! no value; `unset` takes that away and the name becomes an ordinary variable, as in bash.
//! Assigning one goes through [`assigned`] (`RANDOM=n` seeds, `SECONDS=n` restarts the count,
//! `BASH_ARGV0=x` sets `$0`).

use super::options::{OPTION_TABLE, Shopt};
use super::vars::{Attrs, IndexedArray, Value};
use super::Shell;

/// The version of bash whose behaviour chitin follows (`BASH_VERSION`, design decision 4).
const BASH_VERSINFO: [&str; 5] = ["5", "2", "15", "1", "release"];
const BASH_VERSION: &str = "5.2.15(1)-release";

/// `MACHTYPE` (and `BASH_VERSINFO[5]`): the GNU system type, as bash's.
fn machtype() -> Vec<u8> {
    format!("{}-pc-linux-gnu", std::env::consts::ARCH).into_bytes()
}

/// The dynamic variables, declared when a shell starts; those also read-only, as in bash.
///
/// With `BASH_VERSION` and `BASH_VERSINFO` set, a login shell's
/// /etc/profile.d/bash_completion.sh sources bash-completion: an interactive shell defers that
/// to the first completion (`interactive::progcomp::defers`), so the first prompt does not wait.
/// With `BASH` set, /etc/profile sources /etc/bash.bashrc, as it does for bash.
const NAMES: &[&[u8]] = &[
    b"BASH", b"BASHOPTS", b"BASHPID", b"BASH_ARGV0", b"BASH_COMMAND", b"BASH_LINENO", b"BASH_SOURCE",
    b"BASH_SUBSHELL", b"BASH_VERSINFO", b"BASH_VERSION", b"CHITIN_VERSION", b"DIRSTACK",
    b"EPOCHREALTIME", b"EPOCHSECONDS", b"FUNCNAME", b"GROUPS", b"HOSTNAME", b"HOSTTYPE",
    b"MACHTYPE", b"OSTYPE", b"PIPESTATUS", b"RANDOM", b"SECONDS", b"SHELL", b"SHELLOPTS", b"SRANDOM",
];
const READONLY: &[&[u8]] = &[b"BASHOPTS", b"BASH_VERSINFO", b"SHELLOPTS"];
/// Those whose value never changes: computed at the first read (nothing at start-up), they are
/// plain variables from then on, which an assignment changes for good as in bash.
const FIXED: &[&[u8]] = &[
    b"BASH", b"BASH_VERSINFO", b"BASH_VERSION", b"CHITIN_VERSION", b"HOSTNAME", b"HOSTTYPE",
    b"MACHTYPE", b"OSTYPE", b"SHELL",
];

/// Whether `$name` in a subshell differs from its value in the shell itself: `BASHPID` is the
/// subshell's pid, and `RANDOM` is drawn from the subshell's own generator (reseeded, as bash
/// does, so parallel subshells do not all draw the same numbers; the shell's own sequence does
/// not move). What runs a subshell's words in the shell must not take these.
pub fn differs_in_a_subshell(name: &[u8]) -> bool {
    name == b"BASHPID" || name == b"RANDOM"
}

/// State behind `RANDOM` and `SECONDS`.
#[derive(Debug, Default, Clone)]
pub struct Generators {
    /// bash's `RANDOM` generator state; seeded from the time and pid at the first read.
    random_seed: Option<u32>,
    last_random: u32,
    /// The epoch second at which `SECONDS` was 0 (`None`: the shell's start).
    seconds_zero: Option<i64>,
}

impl Generators {
    /// In a new subshell: `RANDOM` draws from a fresh seed at its first read (bash).
    pub fn enter_subshell(&mut self) {
        self.random_seed = None;
        self.last_random = 0;
    }
}

/// Declares the dynamic variables (without values: they get them when read).
pub fn declare(sh: &mut Shell) {
    for name in NAMES {
        let ro = if READONLY.contains(name) { Attrs::READONLY } else { Attrs::NONE };
        sh.vars.add_attrs(name, Attrs::DYNAMIC | ro);
    }
    // The environment does not say which shell this is (bash keeps the export attribute).
    for name in [&b"BASH"[..], b"BASH_VERSINFO", b"BASH_VERSION", b"CHITIN_VERSION"] {
        if sh.vars.is_set(name) {
            if let Some(value) = current_value(sh, name) {
                sh.vars.set_computed(name, value);
            }
        }
    }
    // Fixed for the life of the shell: UID and EUID are read-only numbers (bash).
    for (name, id) in [(&b"UID"[..], nix::unistd::getuid().as_raw()), (b"EUID", nix::unistd::geteuid().as_raw())] {
        let _ = sh.vars.set(name, id.to_string().into_bytes());
        sh.vars.set_readonly(name);
    }
}

/// Gives every dynamic variable its value (before a listing of variables).
#[must_use]
pub fn refresh_all(sh: &mut Shell) -> bool {
    NAMES.iter().all(|name| refresh_named(sh, name))
}

/// Before `name` is read: stores its current value if it is one of the dynamic variables.
/// `false` when the command must be abandoned: `BASHPID` read in a subshell running in the
/// shell process made it go on in a child, which reads it (see `exec::virtual_subshell`).
#[inline]
#[must_use]
pub fn refresh(sh: &mut Shell, name: &[u8]) -> bool {
    // Every dynamic name but `BASH` and `SHELL` is upper case and at least six bytes long: most
    // of a script's names are out after two tests.
    if (name.len() >= 6 && name[0].is_ascii_uppercase()) || name == b"BASH" || name == b"SHELL" {
        return refresh_named(sh, name);
    }
    true
}

fn refresh_named(sh: &mut Shell, name: &[u8]) -> bool {
    if !NAMES.contains(&name) || !sh.vars.attrs(name).contains(Attrs::DYNAMIC) {
        return true;
    }
    if name == b"BASHPID" && !crate::exec::virtual_subshell::need_process(sh) {
        return false;
    }
    let fixed = FIXED.contains(&name);
    // A fixed one with a value was assigned (by any means) or came from the environment.
    if fixed && sh.vars.is_set(name) {
        sh.vars.remove_attrs(name, Attrs::DYNAMIC);
        return true;
    }
    if let Some(value) = current_value(sh, name) {
        sh.vars.set_computed(name, value);
    }
    if fixed {
        sh.vars.remove_attrs(name, Attrs::DYNAMIC);
    }
    true
}

/// The value of the dynamic variable `name` now.
fn current_value(sh: &mut Shell, name: &[u8]) -> Option<Value> {
    Some(match name {
        b"FUNCNAME" => {
            // Only inside a function (bash), though `caller` sees the names of sourced files.
            let names = if sh.function_depth == 0 {
                Vec::new()
            } else {
                sh.call_stack.levels().map(|l| l.name.to_vec()).collect()
            };
            array(names)
        }
        b"BASH_SOURCE" => array(sh.call_stack.levels().map(|l| l.source.to_vec()).collect()),
        b"BASH_LINENO" => array(sh.call_stack.levels().map(|l| number(l.line)).collect()),
        b"RANDOM" => scalar(number(next_random(&mut sh.generators))),
        b"SRANDOM" => scalar(number(crate::sys::process::random_u32())),
        b"SECONDS" => {
            let zero = sh.generators.seconds_zero.unwrap_or_else(crate::sys::time::start_time);
            scalar(number(crate::sys::time::now() - zero))
        }
        b"EPOCHSECONDS" => scalar(number(crate::sys::time::now())),
        b"EPOCHREALTIME" => {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            scalar(format!("{}.{:06}", t.as_secs(), t.subsec_micros()).into_bytes())
        }
        b"BASHPID" => scalar(number(crate::sys::process::getpid())),
        b"BASH_SUBSHELL" => scalar(number(sh.subshell_level)),
        b"PIPESTATUS" => array(sh.pipestatus.iter().map(|&s| number(s)).collect()),
        b"BASH_COMMAND" => {
            // From now on the executor keeps the text of each command (this one's is not
            // known: it may be empty).
            sh.track_command_text = true;
            scalar(sh.bash_command.clone())
        }
        b"BASH_ARGV0" => scalar(sh.arg0.clone()),
        b"BASH" => {
            // This program, symbolic links resolved (bash keeps the name it was started by,
            // searched in PATH): what `"$BASH" -c ...` must run.
            use std::os::unix::ffi::OsStringExt;
            scalar(std::env::current_exe().map(|p| p.into_os_string().into_vec()).unwrap_or_default())
        }
        b"BASH_VERSION" => scalar(BASH_VERSION.into()),
        b"BASH_VERSINFO" => {
            array(BASH_VERSINFO.iter().map(|s| s.as_bytes().to_vec()).chain([machtype()]).collect())
        }
        b"CHITIN_VERSION" => scalar(env!("CARGO_PKG_VERSION").into()),
        b"HOSTTYPE" => scalar(std::env::consts::ARCH.into()),
        b"SHELL" => {
            // Not in the environment: the user's login shell, as bash sets it (not exported).
            // neofetch and others run `"$SHELL" --version`, which an empty name cannot.
            let path = sh.vars.get(b"PATH").unwrap_or_default().to_vec();
            let user = crate::sys::users::by_uid(nix::unistd::getuid().as_raw(), &path);
            let shell = user.map(|u| u.shell).filter(|s| !s.is_empty());
            scalar(shell.unwrap_or_else(|| b"/bin/sh".to_vec()))
        }
        b"OSTYPE" => scalar(b"linux-gnu".to_vec()),
        b"MACHTYPE" => scalar(machtype()),
        b"HOSTNAME" => {
            let host = nix::unistd::gethostname().ok();
            scalar(host.map(|h| std::os::unix::ffi::OsStringExt::into_vec(h)).unwrap_or_default())
        }
        b"GROUPS" => {
            let groups = nix::unistd::getgroups().unwrap_or_default();
            let gid = nix::unistd::getgid();
            let others = groups.into_iter().filter(|g| *g != gid);
            array(std::iter::once(gid).chain(others).map(|g| number(g.as_raw())).collect())
        }
        b"DIRSTACK" => {
            let mut dirs = vec![sh.vars.get(b"PWD").unwrap_or_default().to_vec()];
            dirs.extend(sh.dir_stack.iter().cloned());
            array(dirs)
        }
        b"SHELLOPTS" => scalar(shellopts(sh)),
        b"BASHOPTS" => {
            let on = Shopt::ALL.iter().filter(|&&o| sh.options.shopt(o)).map(|o| o.name());
            scalar(on.collect::<Vec<_>>().join(":").into_bytes())
        }
        _ => return None,
    })
}

/// After `name=value` was stored in a dynamic variable: what assigning it does.
pub fn assigned(sh: &mut Shell, name: &[u8], value: &[u8]) {
    let n = crate::builtins::util::parse_decimal(value).unwrap_or(0);
    match name {
        b"RANDOM" => {
            sh.generators.random_seed = Some(n as u32);
            sh.generators.last_random = 0;
        }
        b"SECONDS" => sh.generators.seconds_zero = Some(crate::sys::time::now() - n),
        b"BASH_ARGV0" => sh.arg0 = value.to_vec(),
        _ => {}
    }
}

/// bash 5.2's `RANDOM`: Park and Miller's minimal standard generator, the two halves folded
/// into 15 bits, never the same number twice in a row; so a seed gives bash's sequence.
fn next_random(g: &mut Generators) -> u32 {
    let step = |g: &mut Generators| {
        let seed = *g.random_seed.get_or_insert_with(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            (t.as_secs() as u32) ^ t.subsec_micros() ^ (crate::sys::process::getpid() as u32)
        });
        let last = if seed == 0 { 123459876 } else { seed as i64 };
        let (h, l) = (last / 127773, last % 127773);
        let t = 16807 * l - 2836 * h;
        let next = if t < 0 { t + 0x7fffffff } else { t } as u32;
        g.random_seed = Some(next);
        ((next >> 16) ^ (next & 0xffff)) & 0x7fff
    };
    let mut r = step(g);
    if r == g.last_random {
        r = step(g);
    }
    g.last_random = r;
    r
}

/// `SHELLOPTS`: the `set -o` options that are on, sorted, colon-separated.
fn shellopts(sh: &Shell) -> Vec<u8> {
    let mut options = sh.options.clone();
    let on: Vec<&str> = OPTION_TABLE
        .iter()
        .map(|(_, name)| *name)
        .filter(|name| options.by_name(name).is_some_and(|v| *v))
        .collect();
    on.join(":").into_bytes()
}

fn number(n: impl ToString) -> Vec<u8> {
    n.to_string().into_bytes()
}

fn scalar(v: Vec<u8>) -> Value {
    Value::Scalar(v)
}

/// An indexed array; none at all when empty (`declare -p` shows `declare -a NAME`, as bash).
fn array(values: Vec<Vec<u8>>) -> Value {
    if values.is_empty() {
        return Value::Unset;
    }
    Value::Indexed(Box::new(IndexedArray::from_values(values)))
}

/// `LINES` and `COLUMNS` from the terminal's size (an interactive shell before each prompt,
/// with `shopt checkwinsize`, on by default as in bash): one ioctl, and the variables are only
/// written when the size changed.
pub fn check_window_size(sh: &mut Shell) {
    if !sh.options.shopt(Shopt::Checkwinsize) {
        return;
    }
    let Some((rows, cols)) = crate::sys::tty::window_size(2) else { return };
    for (name, n) in [(&b"LINES"[..], rows), (b"COLUMNS", cols)] {
        let value = number(n);
        if sh.vars.get(name) != Some(value.as_slice()) {
            let _ = sh.vars.set(name, value);
        }
    }
}
