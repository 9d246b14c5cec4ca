//! Shell variables: values, export and readonly flags, and `local` scopes.
//!
//! Names and values are bytes. A function's `local` saves the previous state of the variable
//! on the current scope; leaving the function restores it (dash semantics: dynamic scoping).


mod assoc;
mod attrs;
mod indexed;
mod journal;
mod nameref;
mod scope;
mod value;

pub use assoc::AssocArray;
pub use attrs::Attrs;
pub use indexed::IndexedArray;
pub use nameref::{Target, is_reference_target};
pub use scope::GlobalSwap;
pub use value::{BadSubscript, Key, Keys, Value, Values};

/// One variable: its value and its attributes. The kind bits of the attributes
/// (`INDEXED`, `ASSOC`) always agree with an array value; the store keeps them so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Var {
    value: Value,
    attrs: Attrs,
}

impl Var {
    pub fn new(value: Value, attrs: Attrs) -> Self {
        let mut v = Var { value, attrs };
        v.sync_kind();
        v
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    /// What `$name` expands to (element 0 of an array); `None` when unset.
    #[inline]
    pub fn scalar(&self) -> Option<&[u8]> {
        self.value.scalar()
    }

    pub fn attrs(&self) -> Attrs {
        self.attrs
    }

    pub fn is_exported(&self) -> bool {
        self.attrs.contains(Attrs::EXPORTED)
    }

    pub fn is_readonly(&self) -> bool {
        self.attrs.contains(Attrs::READONLY)
    }

    pub fn is_assoc(&self) -> bool {
        self.attrs.contains(Attrs::ASSOC)
    }

    pub fn is_indexed(&self) -> bool {
        self.attrs.contains(Attrs::INDEXED)
    }

    /// Makes the kind attributes follow the value (an array value fixes them; a scalar or no
    /// value keeps what `declare -a`/`-A` said).
    fn sync_kind(&mut self) {
        let kind = match &self.value {
            Value::Indexed(_) => Attrs::INDEXED,
            Value::Assoc(_) => Attrs::ASSOC,
            _ => return,
        };
        self.attrs = self.attrs.without(Attrs::ARRAY_KIND).union(kind);
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VarError {
    #[error("{0}: readonly variable")]
    ReadOnly(String),
    #[error("{0}: bad variable name")]
    BadName(String),
    /// The text is the variable's name or the whole `name[subscript]`.
    #[error("{0}: bad array subscript")]
    BadSubscript(String),
    #[error("{0}: cannot convert indexed to associative array")]
    IndexedToAssoc(String),
    #[error("{0}: cannot convert associative to indexed array")]
    AssocToIndexed(String),
    /// References that lead back to themselves (`declare -n a=b b=a`).
    #[error("warning: {0}: circular name reference")]
    CircularRef(String),
}

fn lossy(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// Saved state of one variable, restored when a `local` scope ends.
#[derive(Debug, Clone)]
struct Saved {
    name: Vec<u8>,
    old: Option<Var>,
}

#[derive(Debug, Default)]
pub struct Vars {
    map: journal::Table,
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
            self.map.insert(k, Var { value: Value::Scalar(v.into_vec()), attrs: Attrs::EXPORTED });
        }
        self.env_generation += 1;
    }

    /// Gives a dynamic variable the value the shell computed for it, read-only or not
    /// (`shell::dynamic`); nothing when the variable is gone.
    pub fn set_computed(&mut self, name: &[u8], value: Value) {
        if let Some(var) = self.map.get_mut(name) {
            var.value = value;
            var.sync_kind();
            if var.attrs.contains(Attrs::EXPORTED) {
                self.env_generation += 1;
            }
        }
    }

    /// `$name`: the scalar value, or element 0 of an array.
    #[inline]
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        let v = self.map.get(name)?;
        if v.attrs.contains(Attrs::NAMEREF) {
            return self.get_through_reference(name);
        }
        v.value.scalar()
    }

    /// The variable itself, a reference not followed (`declare -p`).
    pub fn var(&self, name: &[u8]) -> Option<&Var> {
        self.map.get(name)
    }

    /// The variable a name stands for, references followed.
    fn seen(&self, name: &[u8]) -> Option<&Var> {
        let v = self.map.get(name)?;
        if !v.attrs.contains(Attrs::NAMEREF) {
            return Some(v);
        }
        match self.target(name).ok()? {
            nameref::Target::Var(n) | nameref::Target::Element(n, _) => self.map.get(n.as_ref()),
            nameref::Target::Unbound(_) => None,
        }
    }

    /// The whole value (`Value::Unset` for a declared variable without one).
    pub fn value(&self, name: &[u8]) -> Option<&Value> {
        self.seen(name).map(|v| &v.value)
    }

    /// The attributes (empty for an unknown variable).
    pub fn attrs(&self, name: &[u8]) -> Attrs {
        self.seen(name).map_or(Attrs::NONE, |v| v.attrs)
    }

    pub fn is_assoc(&self, name: &[u8]) -> bool {
        self.attrs(name).contains(Attrs::ASSOC)
    }

    /// `$name` is set (for an array: element 0 is).
    pub fn is_set(&self, name: &[u8]) -> bool {
        self.get(name).is_some()
    }

    /// The variable for a change: fails when it is readonly, creates it (without value) when
    /// missing, and marks the environment stale when it is exported.
    fn writable(&mut self, name: &[u8]) -> Result<&mut Var, VarError> {
        if !self.map.contains_key(name) {
            self.map.insert(name.to_vec(), Var::default());
        }
        let var = self.map.get_mut(name).expect("just inserted");
        if var.attrs.contains(Attrs::READONLY) {
            return Err(VarError::ReadOnly(lossy(name)));
        }
        if var.attrs.contains(Attrs::EXPORTED) {
            self.env_generation += 1;
        }
        Ok(var)
    }

    /// Runs `change` on the value of `name` (created without value if missing), unless the
    /// variable is readonly; keeps the kind attributes in step with the result. The general
    /// tool behind the array operations below.
    pub fn modify<R>(
        &mut self,
        name: &[u8],
        change: impl FnOnce(&mut Value, Attrs) -> R,
    ) -> Result<R, VarError> {
        if let Some(t) = self.write_target(name)? {
            return self.modify(&t, change);
        }
        let var = self.writable(name)?;
        let r = change(&mut var.value, var.attrs);
        var.sync_kind();
        Ok(r)
    }

    /// `name=value`: sets a scalar, keeping the attributes; on an array it sets element 0
    /// (key `0` of an associative array), as bash does. Fails on readonly variables.
    pub fn set(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        if let Some(v) = self.map.get_mut(name) {
            if v.attrs.contains(Attrs::NAMEREF) {
                return self.set_through_reference(name, value);
            }
            return Self::store(v, name, value, &mut self.env_generation);
        }
        self.map.insert(name.to_vec(), Var { value: Value::Scalar(value), attrs: Attrs::NONE });
        Ok(())
    }

    /// Puts `value` in the variable `v` (named `name`) as `name=value` does.
    #[inline]
    fn store(v: &mut Var, name: &[u8], value: Vec<u8>, env_generation: &mut u64) -> Result<(), VarError> {
        if v.attrs.contains(Attrs::READONLY) {
            return Err(VarError::ReadOnly(lossy(name)));
        }
        if v.attrs.contains(Attrs::EXPORTED) {
            *env_generation += 1;
        }
        match &mut v.value {
            Value::Scalar(s) => *s = value,
            Value::Indexed(a) => a.set(0, value),
            Value::Assoc(m) => m.insert(b"0", value),
            Value::Unset if v.attrs.contains(Attrs::INDEXED) => {
                v.value = Value::Indexed(Box::new(IndexedArray::from_values(vec![value])));
            }
            Value::Unset if v.attrs.contains(Attrs::ASSOC) => {
                let mut m = AssocArray::new();
                m.insert(b"0", value);
                v.value = Value::Assoc(Box::new(m));
            }
            Value::Unset => v.value = Value::Scalar(value),
        }
        Ok(())
    }

    /// `name=value` as [`Vars::set`] does it, unless the variable converts what it is given
    /// (`-i`, `-l`, `-u`, `-c`) or is a reference: then the value comes back untouched, for
    /// `shell::assign` to deal with. One lookup either way.
    #[inline]
    pub fn try_set(&mut self, name: &[u8], value: Vec<u8>) -> Result<Option<Vec<u8>>, VarError> {
        match self.map.get_mut(name) {
            Some(v) if v.attrs.intersects(Attrs::CONVERTING.union(Attrs::NAMEREF).union(Attrs::DYNAMIC)) => {
                Ok(Some(value))
            }
            Some(v) => Self::store(v, name, value, &mut self.env_generation).map(|()| None),
            None => {
                self.map.insert(name.to_vec(), Var { value: Value::Scalar(value), attrs: Attrs::NONE });
                Ok(None)
            }
        }
    }

    /// `name+=value`: appends to the scalar (to element 0 of an array).
    pub fn append(&mut self, name: &[u8], suffix: &[u8]) -> Result<(), VarError> {
        if let Some(t) = self.write_target(name)? {
            return self.append(&t, suffix);
        }
        let key = if self.is_assoc(name) { Key::Name(b"0") } else { Key::Index(0) };
        match self.value(name) {
            Some(Value::Scalar(_)) | None => {}
            Some(_) => return self.append_element(name, key, suffix),
        }
        self.modify(name, |v, _| match v {
            Value::Scalar(s) => s.extend_from_slice(suffix),
            _ => *v = Value::Scalar(suffix.to_vec()),
        })
    }

    /// Replaces the whole value (`a=(...)`, `read -a`), keeping the other attributes.
    pub fn set_value(&mut self, name: &[u8], value: Value) -> Result<(), VarError> {
        self.modify(name, |v, _| *v = value)
    }

    /// One element (`${a[i]}`, `${m[k]}`); a scalar is an array of one element. A negative
    /// index before the first element is an error.
    pub fn element(&self, name: &[u8], key: Key<'_>) -> Result<Option<&[u8]>, VarError> {
        match self.seen(name) {
            None => Ok(None),
            Some(v) => v.value.element(key).map_err(|_| VarError::BadSubscript(lossy(name))),
        }
    }

    /// `a[i]=value`, `m[k]=value`: an unset or scalar variable becomes an indexed array (an
    /// associative one after `declare -A`); a scalar's value becomes element 0.
    pub fn set_element(&mut self, name: &[u8], key: Key<'_>, value: Vec<u8>) -> Result<(), VarError> {
        self.with_element(name, key, |e| *e = value)
    }

    /// `a[i]+=suffix`.
    pub fn append_element(&mut self, name: &[u8], key: Key<'_>, suffix: &[u8]) -> Result<(), VarError> {
        self.with_element(name, key, |e| e.extend_from_slice(suffix))
    }

    fn with_element(
        &mut self,
        name: &[u8],
        key: Key<'_>,
        change: impl FnOnce(&mut Vec<u8>),
    ) -> Result<(), VarError> {
        if let Some(t) = self.write_target(name)? {
            return self.with_element(&t, key, change);
        }
        let bad = || VarError::BadSubscript(lossy(name));
        if let Key::Index(i @ ..0) = key {
            // Checked before anything changes: a bad subscript leaves the variable alone.
            let resolves = self.map.get(name).is_some_and(|v| match &v.value {
                Value::Indexed(a) => a.resolve(i).is_some(),
                Value::Scalar(_) => i == -1,
                Value::Assoc(_) => true,
                Value::Unset => false,
            });
            if !resolves {
                return Err(bad());
            }
        }
        let var = self.writable(name)?;
        let assoc = var.attrs.contains(Attrs::ASSOC);
        let value = &mut var.value;
        match value {
            Value::Unset if assoc => *value = Value::Assoc(Box::default()),
            Value::Unset => *value = Value::Indexed(Box::default()),
            Value::Scalar(s) => {
                let first = std::mem::take(s);
                *value = Value::Indexed(Box::new(IndexedArray::from_values(vec![first])));
            }
            _ => {}
        }
        match (value, key) {
            (Value::Indexed(a), Key::Index(i)) => change(a.entry(a.resolve(i).ok_or_else(bad)?)),
            (Value::Indexed(a), Key::Name(_)) => change(a.entry(0)),
            (Value::Assoc(m), Key::Name(k)) => change(m.entry(k)),
            (Value::Assoc(m), Key::Index(i)) => change(m.entry(i.to_string().as_bytes())),
            (Value::Unset | Value::Scalar(_), _) => unreachable!("made an array above"),
        }
        var.sync_kind();
        Ok(())
    }

    /// `unset 'a[i]'`: removes one element; the others keep their subscripts. Removing from
    /// a scalar at index 0 unsets it.
    pub fn unset_element(&mut self, name: &[u8], key: Key<'_>) -> Result<(), VarError> {
        if let Some(t) = self.write_target(name)? {
            return self.unset_element(&t, key);
        }
        let Some(var) = self.map.get(name) else { return Ok(()) };
        if var.attrs.contains(Attrs::READONLY) {
            return Err(VarError::ReadOnly(lossy(name)));
        }
        let bad = || VarError::BadSubscript(lossy(name));
        match (&var.value, key) {
            (Value::Scalar(_), Key::Index(0)) => return self.unset(name),
            (Value::Scalar(_), Key::Index(i)) if i < 0 => return Err(bad()),
            _ => {}
        }
        let var = self.writable(name)?;
        match (&mut var.value, key) {
            (Value::Indexed(a), Key::Index(i)) => {
                let i = a.resolve(i).ok_or_else(bad)?;
                a.remove(i);
            }
            (Value::Assoc(m), Key::Name(k)) => {
                m.remove(k);
            }
            (Value::Assoc(m), Key::Index(i)) => {
                m.remove(i.to_string().as_bytes());
            }
            _ => {}
        }
        Ok(())
    }

    /// `a+=(v...)` without subscripts: appends after the highest index; a scalar becomes
    /// element 0 first.
    pub fn push_elements(
        &mut self,
        name: &[u8],
        values: impl IntoIterator<Item = Vec<u8>>,
    ) -> Result<(), VarError> {
        self.modify(name, |v, _| {
            let mut a = match std::mem::take(v) {
                Value::Indexed(a) => a,
                Value::Scalar(s) => Box::new(IndexedArray::from_values(vec![s])),
                _ => Box::default(),
            };
            for value in values {
                a.push(value);
            }
            *v = Value::Indexed(a);
        })
    }

    /// Sets a value and marks it exported (used for `set -a` and `export x=y`).
    pub fn set_exported(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        self.set(name, value)?;
        self.export(name);
        Ok(())
    }

    /// Adds attributes (creating the variable, without value, if missing). Adding a kind
    /// (`INDEXED`/`ASSOC`) goes through [`Vars::declare_array`] instead.
    pub fn add_attrs(&mut self, name: &[u8], attrs: Attrs) {
        let var = self.map.get_or_default(name);
        var.attrs.insert(attrs.without(Attrs::ARRAY_KIND));
        if attrs.contains(Attrs::EXPORTED) || var.attrs.contains(Attrs::EXPORTED) {
            self.env_generation += 1;
        }
    }

    /// Removes attributes (the kind bits cannot be removed: bash refuses too).
    pub fn remove_attrs(&mut self, name: &[u8], attrs: Attrs) {
        if let Some(var) = self.map.get_mut(name) {
            if var.attrs.contains(Attrs::EXPORTED) {
                self.env_generation += 1;
            }
            var.attrs.remove(attrs.without(Attrs::ARRAY_KIND));
        }
    }

    /// `declare -a name` / `declare -A name`: gives the variable the array kind `kind`
    /// (`Attrs::INDEXED` or `Attrs::ASSOC`). A scalar value becomes element 0 (key `0`); an
    /// array of the other kind is an error.
    pub fn declare_array(&mut self, name: &[u8], kind: Attrs) -> Result<(), VarError> {
        if let Some(t) = self.write_target(name)? {
            return self.declare_array(&t, kind);
        }
        let assoc = kind.contains(Attrs::ASSOC);
        let current = self.attrs(name);
        if current.contains(Attrs::INDEXED) && assoc {
            return Err(VarError::IndexedToAssoc(lossy(name)));
        }
        if current.contains(Attrs::ASSOC) && !assoc {
            return Err(VarError::AssocToIndexed(lossy(name)));
        }
        if current.contains(kind) {
            return Ok(());
        }
        // Changing a readonly scalar's kind is refused as an assignment would be.
        let var = self.writable(name)?;
        var.value = match std::mem::take(&mut var.value) {
            Value::Scalar(s) if assoc => {
                let mut m = AssocArray::new();
                m.insert(b"0", s);
                Value::Assoc(Box::new(m))
            }
            Value::Scalar(s) => Value::Indexed(Box::new(IndexedArray::from_values(vec![s]))),
            other => other,
        };
        var.attrs.insert(kind);
        var.sync_kind();
        Ok(())
    }

    pub fn export(&mut self, name: &[u8]) {
        let t = self.write_target(name).ok().flatten();
        let name = t.as_deref().unwrap_or(name);
        self.map.get_or_default(name).attrs.insert(Attrs::EXPORTED);
        self.env_generation += 1;
    }

    pub fn unexport(&mut self, name: &[u8]) {
        let t = self.write_target(name).ok().flatten();
        let name = t.as_deref().unwrap_or(name);
        if let Some(v) = self.map.get_mut(name) {
            v.attrs.remove(Attrs::EXPORTED);
            self.env_generation += 1;
        }
    }

    pub fn set_readonly(&mut self, name: &[u8]) {
        let t = self.write_target(name).ok().flatten();
        let name = t.as_deref().unwrap_or(name);
        self.map.get_or_default(name).attrs.insert(Attrs::READONLY);
    }

    /// `unset name`: what the name stands for (an array element for a reference to one).
    pub fn unset(&mut self, name: &[u8]) -> Result<(), VarError> {
        if self.is_reference(name) {
            let (n, sub) = match self.target(name)? {
                Target::Var(n) => (n.into_owned(), None),
                Target::Element(a, s) => (a.into_owned(), Some(s.into_owned())),
                Target::Unbound(_) => return Ok(()),
            };
            return match sub {
                None => self.unset_here(&n),
                Some(s) => {
                    let key = self.reference_key(&n, &s);
                    self.unset_element(&n, key)
                }
            };
        }
        self.unset_here(name)
    }

    /// Iterates over every variable (set or declared), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Var)> {
        self.map.iter()
    }

    /// The environment for a child: `name=value` for every exported, set scalar (bash does
    /// not export arrays).
    pub fn environment(&self) -> Vec<Vec<u8>> {
        let mut env = Vec::new();
        for (k, v) in self.map.iter() {
            if let (true, Value::Scalar(val)) = (v.is_exported(), &v.value) {
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

    /// Starts saving the variables and scopes as they are now, for a subshell run in the shell
    /// process; [`Vars::close_journal`] puts them back.
    pub fn open_journal(&mut self) {
        self.map.open(&self.scopes);
    }

    /// Ends the innermost journal: every variable and function scope is as it was when it was
    /// opened.
    pub fn close_journal(&mut self) {
        if self.map.close(&mut self.scopes) {
            self.env_generation += 1;
        }
    }

    /// Before a change to a scope frame that may be older than the innermost journal.
    fn touch_scopes(&mut self) {
        if self.map.journaling() {
            self.map.save_scopes(&self.scopes);
        }
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

    fn values(v: &Vars, name: &[u8]) -> Vec<String> {
        v.value(name)
            .map(|v| v.values().map(|e| String::from_utf8_lossy(e).into_owned()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn element_assignment_makes_an_indexed_array() {
        let mut v = Vars::new();
        v.set(b"a", b"zero".to_vec()).unwrap();
        v.set_element(b"a", Key::Index(2), b"two".to_vec()).unwrap();
        assert!(v.attrs(b"a").contains(Attrs::INDEXED));
        assert_eq!(values(&v, b"a"), ["zero", "two"]);
        // `$a` and `a=x` are element 0.
        assert_eq!(v.get(b"a"), Some(&b"zero"[..]));
        v.set(b"a", b"new".to_vec()).unwrap();
        assert_eq!(values(&v, b"a"), ["new", "two"]);
        v.append(b"a", b"+").unwrap();
        v.append_element(b"a", Key::Index(-1), b"!").unwrap();
        assert_eq!(values(&v, b"a"), ["new+", "two!"]);
        assert_eq!(v.element(b"a", Key::Index(-1)).unwrap(), Some(&b"two!"[..]));
        assert_eq!(v.element(b"a", Key::Index(1)).unwrap(), None);
        assert_eq!(
            v.element(b"a", Key::Index(-4)),
            Err(VarError::BadSubscript("a".into()))
        );
        assert!(v.set_element(b"a", Key::Index(-4), Vec::new()).is_err());
        assert!(v.set_element(b"nosuch", Key::Index(-1), Vec::new()).is_err());
        assert!(v.var(b"nosuch").is_none());
    }

    #[test]
    fn push_unset_element_and_whole_values() {
        let mut v = Vars::new();
        v.set(b"s", b"x".to_vec()).unwrap();
        v.push_elements(b"s", [b"y".to_vec(), b"z".to_vec()]).unwrap();
        assert_eq!(values(&v, b"s"), ["x", "y", "z"]);
        v.unset_element(b"s", Key::Index(1)).unwrap();
        v.unset_element(b"s", Key::Index(-1)).unwrap();
        assert_eq!(values(&v, b"s"), ["x"]);
        let keys: Vec<_> = v.value(b"s").unwrap().keys().map(|k| k.to_bytes()).collect();
        assert_eq!(keys, [b"0".to_vec()]);
        v.set_value(b"s", Value::Indexed(Box::default())).unwrap();
        assert_eq!(v.value(b"s").unwrap().len(), 0);
        assert!(!v.is_set(b"s"));
        assert!(v.attrs(b"s").contains(Attrs::INDEXED));
    }

    #[test]
    fn assoc_arrays() {
        let mut v = Vars::new();
        v.declare_array(b"m", Attrs::ASSOC).unwrap();
        assert_eq!(v.value(b"m"), Some(&Value::Unset));
        v.set_element(b"m", Key::Name(b"k"), b"v".to_vec()).unwrap();
        v.append_element(b"m", Key::Name(b"k"), b"w".to_vec().as_slice()).unwrap();
        v.set(b"m", b"zero".to_vec()).unwrap();
        assert_eq!(v.element(b"m", Key::Name(b"k")).unwrap(), Some(&b"vw"[..]));
        assert_eq!(v.get(b"m"), Some(&b"zero"[..]));
        v.unset_element(b"m", Key::Name(b"k")).unwrap();
        assert_eq!(values(&v, b"m"), ["zero"]);
        assert_eq!(
            v.declare_array(b"m", Attrs::INDEXED),
            Err(VarError::AssocToIndexed("m".into()))
        );
        v.set(b"s", b"1".to_vec()).unwrap();
        v.declare_array(b"s", Attrs::INDEXED).unwrap();
        assert_eq!(
            v.declare_array(b"s", Attrs::ASSOC),
            Err(VarError::IndexedToAssoc("s".into()))
        );
        assert_eq!(values(&v, b"s"), ["1"]);
    }

    #[test]
    fn readonly_arrays_refuse_every_change() {
        let mut v = Vars::new();
        v.push_elements(b"a", [b"1".to_vec()]).unwrap();
        v.set_readonly(b"a");
        assert!(v.set_element(b"a", Key::Index(0), Vec::new()).is_err());
        assert!(v.push_elements(b"a", [Vec::new()]).is_err());
        assert!(v.unset_element(b"a", Key::Index(0)).is_err());
        assert!(v.set_value(b"a", Value::Unset).is_err());
        assert!(v.append(b"a", b"x").is_err());
        assert_eq!(values(&v, b"a"), ["1"]);
    }

    #[test]
    fn arrays_are_not_exported() {
        let mut v = Vars::new();
        v.set_exported(b"a", b"1".to_vec()).unwrap();
        let generation = v.env_generation();
        v.set_element(b"a", Key::Index(1), b"2".to_vec()).unwrap();
        assert!(v.env_generation() > generation);
        assert!(v.environment().iter().all(|e| !e.starts_with(b"a=")));
        assert!(v.attrs(b"a").contains(Attrs::EXPORTED | Attrs::INDEXED));
    }

    #[test]
    fn local_arrays_are_restored() {
        let mut v = Vars::new();
        v.push_elements(b"a", [b"g".to_vec()]).unwrap();
        v.push_scope();
        v.make_local(b"a").unwrap();
        v.set_value(b"a", Value::Indexed(Box::new(IndexedArray::from_values(vec![b"l".to_vec()]))))
            .unwrap();
        v.push_elements(b"a", [b"m".to_vec()]).unwrap();
        assert_eq!(values(&v, b"a"), ["l", "m"]);
        v.pop_scope();
        assert_eq!(values(&v, b"a"), ["g"]);
    }

    #[test]
    fn names() {
        assert!(is_name(b"_a1"));
        assert!(!is_name(b"1a"));
        assert!(!is_name(b""));
        assert!(!is_name(b"a-b"));
    }
}
