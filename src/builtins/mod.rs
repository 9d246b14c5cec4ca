//! Builtin utilities: the registry and one module per builtin (or family of builtins).
//!
//! A builtin gets the shell and its expanded arguments (`args[0]` is its name) and returns its
//! exit status. It writes with `crate::sys::fd::write_all` to fds 1 and 2, which the executor has
//! already redirected (and will restore) for it.

use crate::shell::Shell;

pub type BuiltinFn = fn(&mut Shell, &[Vec<u8>]) -> i32;

pub struct Builtin {
    pub name: &'static str,
    pub run: BuiltinFn,
    /// A POSIX special builtin (XCU 2.14): assignments before it persist, its errors exit a
    /// non-interactive shell, and it is found before functions.
    pub special: bool,
}

/// Every builtin, sorted by name.
pub static BUILTINS: &[Builtin] = &[];

pub fn find(name: &[u8]) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name.as_bytes() == name)
}
