//! Local variables with bash's dynamic scoping: `local`/`declare` in a function, `declare -g`,
//! and `unset` of a local (in its own function it stays, unset, hiding the outer one; from a
//! function it called it goes, and the outer variable shows again).
//!
//! The table holds the variable each name currently shows; each function call's frame keeps
//! the states its locals hid, put back when the call ends.

use super::{Attrs, Saved, Var, VarError, Vars, lossy};

/// What [`Vars::enter_global`] moved aside: the local variable, and where the global was.
pub struct GlobalSwap {
    name: Vec<u8>,
    frame: usize,
    local: Option<Var>,
}

impl Vars {
    /// Whether `name` is already local to the innermost function call.
    pub fn is_local_here(&self, name: &[u8]) -> bool {
        self.scopes.last().is_some_and(|f| f.iter().any(|s| s.name == name))
    }

    /// `local name` (bash): a new variable of the innermost call, hiding the one in view until
    /// the call returns. It starts without value and attributes, but exported if the hidden
    /// one was; with `inherit` (`local -I`) it starts as a copy of the hidden one. Already
    /// local to this call: left as it is.
    pub fn declare_local(&mut self, name: &[u8], inherit: bool) {
        if self.scopes.is_empty() || self.is_local_here(name) {
            return;
        }
        let old = self.map.remove(name);
        let new = match &old {
            Some(v) if inherit => v.clone(),
            Some(v) if v.attrs.contains(Attrs::EXPORTED) => {
                self.env_generation += 1;
                Var { value: Default::default(), attrs: Attrs::EXPORTED }
            }
            Some(_) | None => Var::default(),
        };
        self.map.insert(name.to_vec(), new);
        if old.as_ref().is_some_and(|v| v.attrs.contains(Attrs::EXPORTED)) {
            self.env_generation += 1;
        }
        let frame = self.scopes.last_mut().expect("checked above");
        frame.push(Saved { name: name.to_vec(), old });
    }

    /// Creates `name` without value if it does not exist (`declare x`, `export x`).
    pub fn declare(&mut self, name: &[u8]) {
        if !self.map.contains_key(name) {
            self.map.insert(name.to_vec(), Var::default());
        }
    }

    /// The variables local to the innermost call (`local` without operands).
    pub fn iter_local(&self) -> impl Iterator<Item = (&Vec<u8>, &Var)> {
        self.scopes.last().into_iter().flatten().filter_map(|s| self.map.get_key_value(&s.name))
    }

    /// `declare -g name` in a function: puts the global variable in view in place of any
    /// locals of that name until [`Vars::leave_global`]. `None` when no local hides it.
    pub fn enter_global(&mut self, name: &[u8]) -> Option<GlobalSwap> {
        let frame = self.scopes.iter().position(|f| f.iter().any(|s| s.name == name))?;
        self.touch_scopes();
        let saved = self.scopes[frame].iter_mut().find(|s| s.name == name)?;
        let global = saved.old.take();
        let local = self.map.remove(name);
        if let Some(g) = global {
            self.map.insert(name.to_vec(), g);
        }
        self.env_generation += 1;
        Some(GlobalSwap { name: name.to_vec(), frame, local })
    }

    /// Puts the locals back after [`Vars::enter_global`]; the global keeps its changes.
    pub fn leave_global(&mut self, swap: GlobalSwap) {
        let global = self.map.remove(&swap.name);
        if let Some(saved) = self.scopes[swap.frame].iter_mut().find(|s| s.name == swap.name) {
            saved.old = global;
        }
        if let Some(l) = swap.local {
            self.map.insert(swap.name, l);
        }
        self.env_generation += 1;
    }

    /// Unsets `name` itself (no reference followed). A local of the innermost call stays as
    /// an unset local; a local of a calling function is dropped, so the variable it hid shows
    /// again (bash).
    pub(super) fn unset_here(&mut self, name: &[u8]) -> Result<(), VarError> {
        let Some(v) = self.map.get(name) else {
            return Ok(());
        };
        if v.attrs.contains(Attrs::READONLY) {
            return Err(VarError::ReadOnly(lossy(name)));
        }
        if v.attrs.contains(Attrs::EXPORTED) {
            self.env_generation += 1;
        }
        let owner = self.scopes.iter().rposition(|f| f.iter().any(|s| s.name == name));
        match owner {
            Some(f) if f + 1 == self.scopes.len() => {
                // Keep the entry so that it hides the outer variable until the call returns.
                self.map.insert(name.to_vec(), Var::default());
            }
            Some(f) => {
                self.touch_scopes();
                let frame = &mut self.scopes[f];
                let i = frame.iter().position(|s| s.name == name).expect("found above");
                let saved = frame.remove(i);
                match saved.old {
                    Some(old) => {
                        self.env_generation += 1;
                        self.map.insert(saved.name, old);
                    }
                    None => {
                        self.map.remove(name);
                    }
                }
            }
            None => {
                self.map.remove(name);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locals_start_unset_and_are_restored() {
        let mut v = Vars::new();
        v.set(b"x", b"global".to_vec()).unwrap();
        v.export(b"x");
        v.push_scope();
        v.declare_local(b"x", false);
        assert_eq!(v.get(b"x"), None);
        assert!(v.var(b"x").unwrap().is_exported());
        v.set(b"x", b"local".to_vec()).unwrap();
        v.declare_local(b"x", false);
        assert_eq!(v.get(b"x"), Some(&b"local"[..]));
        v.pop_scope();
        assert_eq!(v.get(b"x"), Some(&b"global"[..]));
    }

    #[test]
    fn global_under_a_local() {
        let mut v = Vars::new();
        v.set(b"x", b"orig".to_vec()).unwrap();
        v.push_scope();
        v.declare_local(b"x", false);
        v.set(b"x", b"l".to_vec()).unwrap();
        let swap = v.enter_global(b"x").unwrap();
        v.set(b"x", b"g".to_vec()).unwrap();
        v.leave_global(swap);
        assert_eq!(v.get(b"x"), Some(&b"l"[..]));
        v.pop_scope();
        assert_eq!(v.get(b"x"), Some(&b"g"[..]));
    }

    #[test]
    fn unset_of_a_callers_local_shows_the_global() {
        let mut v = Vars::new();
        v.set(b"x", b"outer".to_vec()).unwrap();
        v.push_scope();
        v.declare_local(b"x", false);
        v.set(b"x", b"inner".to_vec()).unwrap();
        v.push_scope();
        v.unset(b"x").unwrap();
        assert_eq!(v.get(b"x"), Some(&b"outer"[..]));
        v.set(b"x", b"changed".to_vec()).unwrap();
        v.pop_scope();
        v.pop_scope();
        assert_eq!(v.get(b"x"), Some(&b"changed"[..]));
    }
}
