//! Builtin utilities: the registry and one module per builtin (or family of builtins).
//!
//! A builtin gets the shell and its expanded arguments (`args[0]` is its name) and returns its
//! exit status. It writes with `crate::sys::fd::write_all` to fds 1 and 2, which the executor has
//! already redirected (and will restore) for it.

pub mod command;
mod eval;
mod flow;
mod jobctl;
pub mod misc;
mod trap;
mod wait;
pub mod dirstack;
pub mod help;
pub mod history;

use crate::shell::Shell;

pub mod alias;
mod bind;
mod caller;
pub mod cd;
pub mod complete;
pub(crate) mod declare;
mod echo;
mod enable;
mod escape;
mod mapfile;
pub mod options;
pub mod getopts;
pub mod kill;
mod let_;
mod numfmt;
pub mod printf;
pub mod read;
pub mod set;
mod shopt;
pub mod test;
mod ulimit;
pub mod umask;
pub mod util;
pub mod vars;

pub type BuiltinFn = fn(&mut Shell, &[Vec<u8>]) -> i32;

pub struct Builtin {
    pub name: &'static str,
    pub run: BuiltinFn,
    /// A POSIX special builtin (XCU 2.14): assignments before it persist, its errors exit a
    /// non-interactive shell, and it is found before functions.
    pub special: bool,
}

/// Every builtin, sorted by name (byte order).
pub static BUILTINS: &[Builtin] = &[
    Builtin { name: ".", run: eval::dot, special: true },
    Builtin { name: ":", run: misc::colon, special: true },
    Builtin { name: "[", run: test::bracket, special: false },
    Builtin { name: "alias", run: alias::alias, special: false },
    Builtin { name: "bg", run: jobctl::bg, special: false },
    Builtin { name: "bind", run: bind::bind, special: false },
    Builtin { name: "break", run: flow::break_, special: true },
    Builtin { name: "builtin", run: enable::builtin, special: false },
    Builtin { name: "caller", run: caller::caller, special: false },
    Builtin { name: "cd", run: cd::cd, special: false },
    Builtin { name: "command", run: command::command, special: false },
    Builtin { name: "compgen", run: complete::compgen, special: false },
    Builtin { name: "complete", run: complete::complete, special: false },
    Builtin { name: "compopt", run: complete::compopt, special: false },
    Builtin { name: "continue", run: flow::continue_, special: true },
    Builtin { name: "declare", run: declare::declare, special: false },
    Builtin { name: "dirs", run: dirstack::dirs, special: false },
    Builtin { name: "disown", run: jobctl::disown, special: false },
    Builtin { name: "echo", run: echo::echo, special: false },
    Builtin { name: "enable", run: enable::enable, special: false },
    Builtin { name: "eval", run: eval::eval, special: true },
    Builtin { name: "exec", run: misc::exec, special: true },
    Builtin { name: "exit", run: flow::exit, special: true },
    Builtin { name: "export", run: declare::export, special: true },
    Builtin { name: "false", run: misc::false_, special: false },
    Builtin { name: "fc", run: history::fc, special: false },
    Builtin { name: "fg", run: jobctl::fg, special: false },
    Builtin { name: "getopts", run: getopts::getopts, special: false },
    Builtin { name: "hash", run: command::hash, special: false },
    Builtin { name: "help", run: help::help, special: false },
    Builtin { name: "history", run: history::history, special: false },
    Builtin { name: "jobs", run: jobctl::jobs, special: false },
    Builtin { name: "kill", run: kill::kill, special: false },
    Builtin { name: "let", run: let_::let_, special: false },
    Builtin { name: "local", run: declare::local, special: false },
    Builtin { name: "logout", run: help::logout, special: false },
    Builtin { name: "mapfile", run: mapfile::mapfile, special: false },
    Builtin { name: "popd", run: dirstack::popd, special: false },
    Builtin { name: "printf", run: printf::printf, special: false },
    Builtin { name: "pushd", run: dirstack::pushd, special: false },
    Builtin { name: "pwd", run: cd::pwd, special: false },
    Builtin { name: "read", run: read::read, special: false },
    Builtin { name: "readarray", run: mapfile::mapfile, special: false },
    Builtin { name: "readonly", run: declare::readonly, special: true },
    Builtin { name: "return", run: flow::return_, special: true },
    Builtin { name: "set", run: set::set, special: true },
    Builtin { name: "shift", run: set::shift, special: true },
    Builtin { name: "shopt", run: shopt::shopt, special: false },
    Builtin { name: "source", run: eval::source, special: false },
    Builtin { name: "test", run: test::test, special: false },
    Builtin { name: "times", run: misc::times, special: true },
    Builtin { name: "trap", run: trap::trap, special: true },
    Builtin { name: "true", run: misc::true_, special: false },
    Builtin { name: "type", run: command::type_, special: false },
    Builtin { name: "typeset", run: declare::typeset, special: false },
    Builtin { name: "ulimit", run: ulimit::ulimit, special: false },
    Builtin { name: "umask", run: umask::umask, special: false },
    Builtin { name: "unalias", run: alias::unalias, special: false },
    Builtin { name: "unset", run: vars::unset, special: true },
    Builtin { name: "wait", run: wait::wait, special: false },
];

pub fn find(name: &[u8]) -> Option<&'static Builtin> {
    BUILTINS.binary_search_by(|b| b.name.as_bytes().cmp(name)).ok().map(|i| &BUILTINS[i])
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_sorted() {
        for w in super::BUILTINS.windows(2) {
            assert!(w[0].name < w[1].name, "{} must sort before {}", w[0].name, w[1].name);
        }
    }
}
