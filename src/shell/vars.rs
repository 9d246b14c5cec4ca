//! Shell variables: values, export and readonly flags, and `local` scopes.
//!
//! Names and values are bytes. A function's `local` saves the previous state of the variable
//! on the current scope; leaving the function restores it (dash semantics: dynamic scoping).

use super::hash::FastMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Var {
    /// `None`: declared (e.g. `export x` or `readonly x`) but unset.
    pub value: Option<Vec<u8>>,
    pub exported: bool,
    pub readonly: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VarError {
    #[error("{0}: readonly variable")]
    ReadOnly(String),
    #[error("{0}: bad variable name")]
    BadName(String),
}

/// Saved state of one variable, restored when a `local` scope ends.
#[derive(Debug)]
struct Saved {
    name: Vec<u8>,
    old: Option<Var>,
}

#[derive(Debug, Default)]
pub struct Vars {
    map: FastMap<Vec<u8>, Var>,
    /// One frame per active function call that used `local`.
    scopes: Vec<Vec<Saved>>,
    /// Bumped whenever an exported variable changes, so a cached envp can be reused.
    env_generation: u64,
}

/// `name` is a valid shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        }
        None => false,
    }
}

impl Vars {
    pub fn new() -> Self {
        Self::default()
    }

    /// Imports the process environment (every entry, exported).
    pub fn import_env(&mut self) {
        use std::os::unix::ffi::OsStringExt;
        let env = std::env::vars_os();
        self.map.reserve(env.size_hint().0);
        for (k, v) in env {
            let k = k.into_vec();
            if !is_name(&k) {
                continue;
            }
            self.map.insert(k, Var { value: Some(v.into_vec()), exported: true, readonly: false });
        }
        self.env_generation += 1;
    }

    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.map.get(name).and_then(|v| v.value.as_deref())
    }

    pub fn var(&self, name: &[u8]) -> Option<&Var> {
        self.map.get(name)
    }

    pub fn is_set(&self, name: &[u8]) -> bool {
        self.get(name).is_some()
    }

    /// Sets a value, keeping the flags. Fails on readonly variables.
    pub fn set(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        if let Some(v) = self.map.get_mut(name) {
            if v.readonly {
                return Err(VarError::ReadOnly(String::from_utf8_lossy(name).into_owned()));
            }
            if v.exported {
                self.env_generation += 1;
            }
            v.value = Some(value);
            return Ok(());
        }
        self.map.insert(name.to_vec(), Var { value: Some(value), exported: false, readonly: false });
        Ok(())
    }

    /// Sets a value and marks it exported (used for `set -a` and `export x=y`).
    pub fn set_exported(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        self.set(name, value)?;
        self.export(name);
        Ok(())
    }

    pub fn export(&mut self, name: &[u8]) {
        self.map.entry(name.to_vec()).or_default().exported = true;
        self.env_generation += 1;
    }

    pub fn unexport(&mut self, name: &[u8]) {
        if let Some(v) = self.map.get_mut(name) {
            v.exported = false;
            self.env_generation += 1;
        }
    }

    pub fn set_readonly(&mut self, name: &[u8]) {
        self.map.entry(name.to_vec()).or_default().readonly = true;
    }

    pub fn unset(&mut self, name: &[u8]) -> Result<(), VarError> {
        match self.map.get(name) {
            Some(v) if v.readonly => Err(VarError::ReadOnly(String::from_utf8_lossy(name).into_owned())),
            Some(v) => {
                if v.exported {
                    self.env_generation += 1;
                }
                if self.scopes.iter().any(|s| s.iter().any(|saved| saved.name == name)) {
                    // Keep the entry so the saved state is restored on return, but unset it.
                    let v = self.map.get_mut(name).expect("present");
                    v.value = None;
                    v.exported = false;
                } else {
                    self.map.remove(name);
                }
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Iterates over every variable (set or declared), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Var)> {
        self.map.iter()
    }

    /// The environment for a child: `name=value` for every exported, set variable.
    pub fn environment(&self) -> Vec<Vec<u8>> {
        let mut env = Vec::new();
        for (k, v) in &self.map {
            if let (true, Some(val)) = (v.exported, &v.value) {
                let mut e = Vec::with_capacity(k.len() + 1 + val.len());
                e.extend_from_slice(k);
                e.push(b'=');
                e.extend_from_slice(val);
                env.push(e);
            }
        }
        env
    }

    pub fn env_generation(&self) -> u64 {
        self.env_generation
    }

    /// Enters a function call: `local` from now on saves into this frame.
    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    /// Leaves a function call, restoring every variable made local in it.
    pub fn pop_scope(&mut self) {
        if let Some(frame) = self.scopes.pop() {
            if frame.is_empty() {
                // No `local` in this call: the environment did not change.
                return;
            }
            for saved in frame.into_iter().rev() {
                match saved.old {
                    Some(old) => {
                        self.map.insert(saved.name, old);
                    }
                    None => {
                        self.map.remove(&saved.name);
                    }
                }
            }
            self.env_generation += 1;
        }
    }

    /// Puts back a variable exactly as [`Vars::var`] returned it (undoing a temporary
    /// assignment); `None` removes it.
    pub fn restore(&mut self, name: &[u8], old: Option<Var>) {
        match old {
            Some(v) => {
                self.map.insert(name.to_vec(), v);
            }
            None => {
                self.map.remove(name);
            }
        }
        self.env_generation += 1;
    }

    pub fn in_function_scope(&self) -> bool {
        !self.scopes.is_empty()
    }

    /// `local name`: saves the variable's current state in the innermost scope (once per
    /// scope). The variable keeps its value, as in dash; the caller then assigns if `name=v`.
    pub fn make_local(&mut self, name: &[u8]) -> Result<(), VarError> {
        let old = self.map.get(name).cloned();
        let Some(frame) = self.scopes.last_mut() else {
            return Ok(());
        };
        if frame.iter().any(|s| s.name == name) {
            return Ok(());
        }
        frame.push(Saved { name: name.to_vec(), old });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_unset() {
        let mut v = Vars::new();
        v.set(b"x", b"1".to_vec()).unwrap();
        assert_eq!(v.get(b"x"), Some(&b"1"[..]));
        v.unset(b"x").unwrap();
        assert_eq!(v.get(b"x"), None);
    }

    #[test]
    fn readonly_refuses() {
        let mut v = Vars::new();
        v.set(b"x", b"1".to_vec()).unwrap();
        v.set_readonly(b"x");
        assert!(v.set(b"x", b"2".to_vec()).is_err());
        assert!(v.unset(b"x").is_err());
    }

    #[test]
    fn local_restores() {
        let mut v = Vars::new();
        v.set(b"x", b"outer".to_vec()).unwrap();
        v.push_scope();
        v.make_local(b"x").unwrap();
        v.set(b"x", b"inner".to_vec()).unwrap();
        v.make_local(b"y").unwrap();
        v.set(b"y", b"new".to_vec()).unwrap();
        v.pop_scope();
        assert_eq!(v.get(b"x"), Some(&b"outer"[..]));
        assert_eq!(v.get(b"y"), None);
    }

    #[test]
    fn names() {
        assert!(is_name(b"_a1"));
        assert!(!is_name(b"1a"));
        assert!(!is_name(b""));
        assert!(!is_name(b"a-b"));
    }
}
