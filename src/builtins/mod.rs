//! Builtin utilities: the registry and one module per builtin (or family of builtins).
//!
//! A builtin gets the shell and its expanded arguments (`args[0]` is its name) and returns its
//! exit status. It writes with `crate::sys::fd::write_all` to fds 1 and 2, which the executor has
//! already redirected (and will restore) for it.

use crate::shell::Shell;

pub mod alias;
pub mod cd;
mod echo;
mod escape;
pub mod getopts;
pub mod kill;
mod numfmt;
pub mod printf;
pub mod read;
pub mod set;
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

/// Every builtin, sorted by name.
pub static BUILTINS: &[Builtin] = &[
    Builtin { name: "[", run: test::bracket, special: false },
    Builtin { name: "alias", run: alias::alias, special: false },
    Builtin { name: "cd", run: cd::cd, special: false },
    Builtin { name: "echo", run: echo::echo, special: false },
    Builtin { name: "export", run: vars::export, special: true },
    Builtin { name: "getopts", run: getopts::getopts, special: false },
    Builtin { name: "kill", run: kill::kill, special: false },
    Builtin { name: "local", run: vars::local, special: false },
    Builtin { name: "printf", run: printf::printf, special: false },
    Builtin { name: "pwd", run: cd::pwd, special: false },
    Builtin { name: "read", run: read::read, special: false },
    Builtin { name: "readonly", run: vars::readonly, special: true },
    Builtin { name: "set", run: set::set, special: true },
    Builtin { name: "shift", run: set::shift, special: true },
    Builtin { name: "test", run: test::test, special: false },
    Builtin { name: "ulimit", run: ulimit::ulimit, special: false },
    Builtin { name: "umask", run: umask::umask, special: false },
    Builtin { name: "unalias", run: alias::unalias, special: false },
    Builtin { name: "unset", run: vars::unset, special: true },
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
