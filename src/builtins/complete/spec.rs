//! Completion specifications (`complete`'s data): what to generate for a command's arguments,
//! and the table of them, kept in bash's order so `complete -p` lists them as bash does.

use std::rc::Rc;
use crate::shell::hashlib::BashHashTable;

/// A set of flags of one kind (actions or options), one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(pub u32);

impl Flags {
    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
    pub fn set(&mut self, bit: u32, on: bool) {
        if on {
            self.0 |= bit;
        } else {
            self.0 &= !bit;
        }
    }
}

/// An action (`-A name`, or its short option): a kind of name to offer.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    pub name: &'static str,
    pub bit: u32,
    /// The short option (`-a` for alias), if it has one.
    pub short: Option<u8>,
}

/// Each action's bit is its place in the list, which is bash's table order.
macro_rules! actions {
    ($($konst:ident: $name:literal, $short:expr;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Place { $($konst,)* }
        $(pub const $konst: u32 = 1 << Place::$konst as u32;)*
        /// Every action, by name (the order of bash's table).
        pub const ACTIONS: &[Action] = &[$(Action { name: $name, bit: $konst, short: $short },)*];
    };
}

actions! {
    A_ALIAS: "alias", Some(b'a');
    A_ARRAYVAR: "arrayvar", None;
    A_BINDING: "binding", None;
    A_BUILTIN: "builtin", Some(b'b');
    A_COMMAND: "command", Some(b'c');
    A_DIRECTORY: "directory", Some(b'd');
    A_DISABLED: "disabled", None;
    A_ENABLED: "enabled", None;
    A_EXPORT: "export", Some(b'e');
    A_FILE: "file", Some(b'f');
    A_FUNCTION: "function", None;
    A_GROUP: "group", Some(b'g');
    A_HELPTOPIC: "helptopic", None;
    A_HOSTNAME: "hostname", None;
    A_JOB: "job", Some(b'j');
    A_KEYWORD: "keyword", Some(b'k');
    A_RUNNING: "running", None;
    A_SERVICE: "service", Some(b's');
    A_SETOPT: "setopt", None;
    A_SHOPT: "shopt", None;
    A_SIGNAL: "signal", None;
    A_STOPPED: "stopped", None;
    A_USER: "user", Some(b'u');
    A_VARIABLE: "variable", Some(b'v');
}

/// The order `complete -p` prints the short options in.
pub const SHORT_PRINT_ORDER: &[u8] = b"abcdefgjksuv";
/// The order `complete -p` prints the `-A` actions without a short option in.
pub const LONG_PRINT_ORDER: &[u32] = &[
    A_ARRAYVAR, A_BINDING, A_DISABLED, A_ENABLED, A_FUNCTION, A_HELPTOPIC, A_HOSTNAME, A_RUNNING,
    A_SETOPT, A_SHOPT, A_SIGNAL, A_STOPPED,
];

pub const O_BASHDEFAULT: u32 = 1 << 0;
pub const O_DEFAULT: u32 = 1 << 1;
pub const O_DIRNAMES: u32 = 1 << 2;
pub const O_FILENAMES: u32 = 1 << 3;
pub const O_NOQUOTE: u32 = 1 << 4;
pub const O_NOSORT: u32 = 1 << 5;
pub const O_NOSPACE: u32 = 1 << 6;
pub const O_PLUSDIRS: u32 = 1 << 7;

/// `-o` option names, in the order bash prints them.
pub const OPTIONS: &[(&str, u32)] = &[
    ("bashdefault", O_BASHDEFAULT),
    ("default", O_DEFAULT),
    ("dirnames", O_DIRNAMES),
    ("filenames", O_FILENAMES),
    ("noquote", O_NOQUOTE),
    ("nosort", O_NOSORT),
    ("nospace", O_NOSPACE),
    ("plusdirs", O_PLUSDIRS),
];

pub fn action_by_name(name: &[u8]) -> Option<u32> {
    ACTIONS.iter().find(|a| a.name.as_bytes() == name).map(|a| a.bit)
}

pub fn action_by_short(c: u8) -> Option<u32> {
    ACTIONS.iter().find(|a| a.short == Some(c)).map(|a| a.bit)
}

pub fn option_by_name(name: &[u8]) -> Option<u32> {
    OPTIONS.iter().find(|o| o.0.as_bytes() == name).map(|o| o.1)
}

/// What `complete` recorded for a command (or `compgen` generates from).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompSpec {
    pub actions: Flags,
    pub options: Flags,
    /// `-G globpat`
    pub glob: Option<Vec<u8>>,
    /// `-W wordlist`
    pub words: Option<Vec<u8>>,
    /// `-P prefix`
    pub prefix: Option<Vec<u8>>,
    /// `-S suffix`
    pub suffix: Option<Vec<u8>>,
    /// `-X filterpat`
    pub filter: Option<Vec<u8>>,
    /// `-C command`
    pub command: Option<Vec<u8>>,
    /// `-F function`
    pub function: Option<Vec<u8>>,
}

/// The table keys of `-D`, `-E` and `-I` (bash's own, which no command name can collide with
/// in practice).
pub const DEFAULT_KEY: &[u8] = b"_DefaultCmD_";
pub const EMPTY_KEY: &[u8] = b"_EmptycmD_";
pub const INITIAL_KEY: &[u8] = b"_InitialWorD_";

/// bash's `COMPLETE_HASH_BUCKETS`.
const BUCKETS: usize = 512;

/// Command name -> spec, iterated in bash's order (`complete -p`): its hashlib table of 512
/// buckets.
pub type SpecTable = BashHashTable<Rc<CompSpec>, BUCKETS>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_order() {
        // The order bash 5.2's `complete -p` printed for these.
        let mut t = SpecTable::new();
        for k in ["x", "y", "z", "_DefaultCmD_", "_EmptycmD_", "_InitialWorD_", "w", "q u"] {
            t.insert(k.as_bytes(), Rc::new(CompSpec::default()));
        }
        let keys: Vec<_> = t.iter().map(|(k, _)| String::from_utf8_lossy(k).into_owned()).collect();
        assert_eq!(keys, ["_InitialWorD_", "_DefaultCmD_", "z", "y", "x", "w", "_EmptycmD_", "q u"]);
        assert!(t.remove(b"y").is_some());
        assert!(t.remove(b"y").is_none());
        t.insert(b"x", Rc::new(CompSpec::default()));
        assert_eq!(t.len(), 7);
        assert_eq!(t.iter().count(), 7);
    }
}
