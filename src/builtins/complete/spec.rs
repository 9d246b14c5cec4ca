//! Completion specifications (`complete`'s data): what to generate for a command's arguments,
//! and the table of them, kept in bash's order so `complete -p` lists them as bash does.

use std::rc::Rc;

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

macro_rules! actions {
    ($($konst:ident = $bit:expr, $name:literal, $short:expr;)*) => {
        $(pub const $konst: u32 = 1 << $bit;)*
        /// Every action, by name (the order of bash's table).
        pub const ACTIONS: &[Action] = &[$(Action { name: $name, bit: $konst, short: $short },)*];
    };
}

actions! {
    A_ALIAS = 0, "alias", Some(b'a');
    A_ARRAYVAR = 1, "arrayvar", None;
    A_BINDING = 2, "binding", None;
    A_BUILTIN = 3, "builtin", Some(b'b');
    A_COMMAND = 4, "command", Some(b'c');
    A_DIRECTORY = 5, "directory", Some(b'd');
    A_DISABLED = 6, "disabled", None;
    A_ENABLED = 7, "enabled", None;
    A_EXPORT = 8, "export", Some(b'e');
    A_FILE = 9, "file", Some(b'f');
    A_FUNCTION = 10, "function", None;
    A_GROUP = 11, "group", Some(b'g');
    A_HELPTOPIC = 12, "helptopic", None;
    A_HOSTNAME = 13, "hostname", None;
    A_JOB = 14, "job", Some(b'j');
    A_KEYWORD = 15, "keyword", Some(b'k');
    A_RUNNING = 16, "running", None;
    A_SERVICE = 17, "service", Some(b's');
    A_SETOPT = 18, "setopt", None;
    A_SHOPT = 19, "shopt", None;
    A_SIGNAL = 20, "signal", None;
    A_STOPPED = 21, "stopped", None;
    A_USER = 22, "user", Some(b'u');
    A_VARIABLE = 23, "variable", Some(b'v');
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

const NIL: u32 = u32::MAX;
/// bash's `COMPLETE_HASH_BUCKETS`.
const INITIAL_BUCKETS: usize = 512;

struct Slot {
    key: Vec<u8>,
    spec: Rc<CompSpec>,
    hash: u32,
    next: u32,
}

/// Command name -> spec, iterated in bash's order: its hashlib table of 512 buckets (32-bit
/// FNV-1 over the bytes as signed chars, new keys at the head of their chain, fourfold growth
/// when a new key arrives at twice as many keys as buckets), walked bucket by bucket.
#[derive(Default)]
pub struct SpecTable {
    heads: Vec<u32>,
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    len: usize,
}

use crate::shell::hashlib::hash_string as bash_hash;

impl SpecTable {
    fn bucket(&self, hash: u32) -> usize {
        hash as usize & (self.heads.len() - 1)
    }

    fn find(&self, key: &[u8]) -> Option<u32> {
        if self.heads.is_empty() {
            return None;
        }
        let hash = bash_hash(key);
        let mut at = self.heads[self.bucket(hash)];
        while at != NIL {
            let slot = self.slots[at as usize].as_ref()?;
            if slot.hash == hash && slot.key == key {
                return Some(at);
            }
            at = slot.next;
        }
        None
    }

    pub fn get(&self, key: &[u8]) -> Option<&Rc<CompSpec>> {
        let at = self.find(key)?;
        self.slots[at as usize].as_ref().map(|s| &s.spec)
    }

    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut Rc<CompSpec>> {
        let at = self.find(key)?;
        self.slots[at as usize].as_mut().map(|s| &mut s.spec)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Sets the spec of `key`; a key already there keeps its place.
    pub fn insert(&mut self, key: &[u8], spec: Rc<CompSpec>) {
        if let Some(s) = self.get_mut(key) {
            *s = spec;
            return;
        }
        if self.heads.is_empty() {
            self.heads = vec![NIL; INITIAL_BUCKETS];
        } else if self.len >= self.heads.len() * 2 {
            self.grow();
        }
        let hash = bash_hash(key);
        let bucket = self.bucket(hash);
        let slot = Slot { key: key.to_vec(), spec, hash, next: self.heads[bucket] };
        let at = match self.free.pop() {
            Some(at) => {
                self.slots[at as usize] = Some(slot);
                at
            }
            None => {
                self.slots.push(Some(slot));
                (self.slots.len() - 1) as u32
            }
        };
        self.heads[bucket] = at;
        self.len += 1;
    }

    pub fn remove(&mut self, key: &[u8]) -> bool {
        let Some(at) = self.find(key) else { return false };
        let Some(slot) = self.slots[at as usize].take() else { return false };
        let bucket = self.bucket(slot.hash);
        if self.heads[bucket] == at {
            self.heads[bucket] = slot.next;
        } else {
            let mut prev = self.heads[bucket];
            while let Some(p) = self.slots[prev as usize].as_mut() {
                if p.next == at {
                    p.next = slot.next;
                    break;
                }
                prev = p.next;
            }
        }
        self.free.push(at);
        self.len -= 1;
        true
    }

    pub fn clear(&mut self) {
        *self = SpecTable::default();
    }

    fn grow(&mut self) {
        let size = self.heads.len() * 4;
        let old = std::mem::replace(&mut self.heads, vec![NIL; size]);
        for head in old {
            let mut at = head;
            while at != NIL {
                let Some(slot) = self.slots[at as usize].as_ref() else { break };
                let (next, hash) = (slot.next, slot.hash);
                let bucket = self.bucket(hash);
                let new_next = self.heads[bucket];
                if let Some(s) = self.slots[at as usize].as_mut() {
                    s.next = new_next;
                }
                self.heads[bucket] = at;
                at = next;
            }
        }
    }

    /// `(name, spec)` in bash's order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Rc<CompSpec>)> {
        self.heads.iter().flat_map(move |&head| {
            let mut at = head;
            std::iter::from_fn(move || {
                if at == NIL {
                    return None;
                }
                let slot = self.slots[at as usize].as_ref()?;
                at = slot.next;
                Some((slot.key.as_slice(), &slot.spec))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_order() {
        // The order bash 5.2's `complete -p` printed for these.
        let mut t = SpecTable::default();
        for k in ["x", "y", "z", "_DefaultCmD_", "_EmptycmD_", "_InitialWorD_", "w", "q u"] {
            t.insert(k.as_bytes(), Rc::new(CompSpec::default()));
        }
        let keys: Vec<_> = t.iter().map(|(k, _)| String::from_utf8_lossy(k).into_owned()).collect();
        assert_eq!(keys, ["_InitialWorD_", "_DefaultCmD_", "z", "y", "x", "w", "_EmptycmD_", "q u"]);
        assert!(t.remove(b"y"));
        assert!(!t.remove(b"y"));
        t.insert(b"x", Rc::new(CompSpec::default()));
        assert_eq!(t.len(), 7);
        assert_eq!(t.iter().count(), 7);
    }
}
