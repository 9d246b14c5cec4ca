//! The variable table with an undo journal, for subshells that run in the shell process
//! (`exec::virtual_subshell`): while a journal is open, the first change to each name saves
//! the variable as it was, and closing the journal puts every saved one back. A subshell
//! that changes one variable saves one; nothing is copied on entry.
//!
//! Every change to the table goes through this type, so no path can forget to journal.

use crate::shell::hash::FastMap;
use super::{Saved, Var};

#[derive(Debug, Default)]
pub(super) struct Table {
    map: FastMap<Vec<u8>, Var>,
    /// One per open journal, innermost last.
    journals: Vec<Journal>,
}

/// What one subshell changed.
#[derive(Debug)]
pub(super) struct Journal {
    /// Each changed name with its variable before the first change (`None`: did not exist).
    old: FastMap<Vec<u8>, Option<Var>>,
    /// The function scopes whole, saved before the first change to a frame that was there
    /// on entry (`unset` of a caller's local, `declare -g` under a local); else, the number
    /// of frames and of entries in the innermost one, to drop what `local` added.
    scopes: Option<Vec<Vec<Saved>>>,
    depth: usize,
    innermost_len: usize,
}

impl Table {
    #[inline]
    pub fn get(&self, name: &[u8]) -> Option<&Var> {
        self.map.get(name)
    }

    #[inline]
    pub fn contains_key(&self, name: &[u8]) -> bool {
        self.map.contains_key(name)
    }

    pub fn get_key_value(&self, name: &[u8]) -> Option<(&Vec<u8>, &Var)> {
        self.map.get_key_value(name)
    }

    pub fn iter(&self) -> std::collections::hash_map::Iter<'_, Vec<u8>, Var> {
        self.map.iter()
    }

    pub fn reserve(&mut self, n: usize) {
        self.map.reserve(n);
    }

    /// Saves `name` in the innermost journal unless already saved there.
    #[inline]
    fn note(&mut self, name: &[u8]) {
        if let Some(j) = self.journals.last_mut() {
            if !j.old.contains_key(name) {
                j.old.insert(name.to_vec(), self.map.get(name).cloned());
            }
        }
    }

    #[inline]
    pub fn get_mut(&mut self, name: &[u8]) -> Option<&mut Var> {
        if !self.journals.is_empty() {
            self.note(name);
        }
        self.map.get_mut(name)
    }

    /// The variable, created without value or attributes when missing.
    pub fn get_or_default(&mut self, name: &[u8]) -> &mut Var {
        if !self.journals.is_empty() {
            self.note(name);
        }
        if !self.map.contains_key(name) {
            self.map.insert(name.to_vec(), Var::default());
        }
        self.map.get_mut(name).expect("just inserted")
    }

    #[inline]
    pub fn insert(&mut self, name: Vec<u8>, var: Var) -> Option<Var> {
        if !self.journals.is_empty() {
            self.note(&name);
        }
        self.map.insert(name, var)
    }

    pub fn remove(&mut self, name: &[u8]) -> Option<Var> {
        if !self.journals.is_empty() {
            self.note(name);
        }
        self.map.remove(name)
    }

    /// Whether a journal is open (a subshell runs in the shell process).
    #[inline]
    pub fn journaling(&self) -> bool {
        !self.journals.is_empty()
    }

    pub fn open(&mut self, scopes: &[Vec<Saved>]) {
        self.journals.push(Journal {
            old: FastMap::default(),
            scopes: None,
            depth: scopes.len(),
            innermost_len: scopes.last().map_or(0, Vec::len),
        });
    }

    /// Saves the scopes whole before a change to a frame that existed when the innermost
    /// journal was opened.
    pub fn save_scopes(&mut self, scopes: &[Vec<Saved>]) {
        if let Some(j) = self.journals.last_mut() {
            if j.scopes.is_none() {
                j.scopes = Some(scopes.iter().map(|f| f.iter().map(Saved::clone).collect()).collect());
            }
        }
    }

    /// Closes the innermost journal, putting back every variable and scope as it was when it
    /// was opened. Returns whether anything changed. (An outer journal needs no entries for
    /// this: the table is back to a state it saw.)
    pub fn close(&mut self, scopes: &mut Vec<Vec<Saved>>) -> bool {
        let Some(j) = self.journals.pop() else { return false };
        match j.scopes {
            Some(s) => *scopes = s,
            None => {
                scopes.truncate(j.depth);
                if let Some(f) = scopes.last_mut() {
                    f.truncate(j.innermost_len);
                }
            }
        }
        let changed = !j.old.is_empty();
        for (name, old) in j.old {
            match old {
                Some(v) => {
                    self.map.insert(name, v);
                }
                None => {
                    self.map.remove(&name);
                }
            }
        }
        changed
    }
}
