//! Name references (`declare -n ref=target`): the one place where a reference is followed.
//!
//! Every read and write of the store by name goes through [`Vars::target`] (the public ones
//! through the short paths in `mod.rs`, which only look at the `NAMEREF` bit of the variable
//! they already found), so `ref=5`, `${ref}`, `${ref[1]}`, `unset ref` and `ref+=(x)` all act
//! on the target. What acts on the reference itself says so: [`Vars::var`] (for `declare -p`),
//! [`Vars::set_reference`], [`Vars::unset_reference`] (`unset -n`).

use std::borrow::Cow;

use super::{Attrs, Key, Value, VarError, Vars, is_name, lossy};

/// How many references may be chained before bash calls it circular (its NAMEREF_MAX).
const MAX_CHAIN: usize = 8;

/// Where a name leads once references are followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// A variable (possibly the name itself, possibly not set).
    Var(Cow<'a, [u8]>),
    /// An element of an array: `declare -n e='a[1]'`.
    Element(Cow<'a, [u8]>, Cow<'a, [u8]>),
    /// A reference that names nothing yet (`declare -n r`): assigning to it sets what it
    /// refers to.
    Unbound(Cow<'a, [u8]>),
}

/// `value` may be the target of a reference: a name, or `name[subscript]`.
pub fn is_reference_target(value: &[u8]) -> bool {
    match value.iter().position(|&c| c == b'[') {
        Some(open) => is_name(&value[..open]) && value.ends_with(b"]") && value.len() > open + 2,
        None => is_name(value),
    }
}

/// A decimal integer with an optional sign (a subscript written as a number).
fn plain_integer(s: &[u8]) -> Option<i64> {
    let s = s.trim_ascii();
    let (neg, digits) = match s.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    Some(if neg { -v } else { v })
}

impl Vars {
    /// Follows `name` through references to what it stands for. A chain that comes back on
    /// itself or runs longer than bash allows is `warning: name: circular name reference`.
    pub fn target<'a>(&'a self, name: &'a [u8]) -> Result<Target<'a>, VarError> {
        let mut current: &'a [u8] = name;
        for _ in 0..MAX_CHAIN {
            let Some(var) = self.map.get(current) else {
                return Ok(Target::Var(Cow::Borrowed(current)));
            };
            if !var.attrs.contains(Attrs::NAMEREF) {
                return Ok(Target::Var(Cow::Borrowed(current)));
            }
            let next: &'a [u8] = match &var.value {
                Value::Scalar(s) if !s.is_empty() => s,
                _ => return Ok(Target::Unbound(Cow::Borrowed(current))),
            };
            if let Some(open) = next.iter().position(|&c| c == b'[') {
                if next.ends_with(b"]") && open + 1 < next.len() {
                    let sub = &next[open + 1..next.len() - 1];
                    return Ok(Target::Element(Cow::Borrowed(&next[..open]), Cow::Borrowed(sub)));
                }
            }
            if next == name {
                break;
            }
            current = next;
        }
        Err(VarError::CircularRef(lossy(name)))
    }

    /// The name a name stands for (itself unless it is a reference); an element target gives
    /// its whole `name[subscript]` text.
    pub fn resolve_name<'a>(&'a self, name: &'a [u8]) -> Result<Cow<'a, [u8]>, VarError> {
        Ok(match self.target(name)? {
            Target::Var(n) | Target::Unbound(n) => n,
            Target::Element(a, s) => {
                let mut t = a.into_owned();
                t.push(b'[');
                t.extend_from_slice(&s);
                t.push(b']');
                Cow::Owned(t)
            }
        })
    }

    /// The key a reference's subscript text means for `array`: the text itself for an
    /// associative array, else an index (a number, or a variable holding one).
    pub(super) fn reference_key<'k>(&self, array: &[u8], sub: &'k [u8]) -> Key<'k> {
        if self.map.get(array).is_some_and(|v| v.attrs.contains(Attrs::ASSOC)) {
            return Key::Name(sub);
        }
        let text = if is_name(sub) { self.get(sub).unwrap_or(b"0") } else { sub };
        Key::Index(plain_integer(text).unwrap_or(0))
    }

    /// `$ref` where `ref` is a reference (the slow path of [`Vars::get`]).
    pub(super) fn get_through_reference(&self, name: &[u8]) -> Option<&[u8]> {
        match self.target(name).ok()? {
            Target::Var(n) => {
                let v = self.map.get(n.as_ref())?;
                v.value.scalar()
            }
            Target::Element(a, s) => {
                let key = self.reference_key(&a, &s);
                self.map.get(a.as_ref())?.value.element(key).ok().flatten()
            }
            Target::Unbound(_) => None,
        }
    }

    /// `ref=value` where `ref` is a reference (the slow path of [`Vars::set`]).
    pub(super) fn set_through_reference(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        match self.target(name)? {
            Target::Var(n) => {
                let n = n.into_owned();
                self.set(&n, value)
            }
            Target::Element(a, s) => {
                let (a, s) = (a.into_owned(), s.into_owned());
                let key = self.reference_key(&a, &s);
                self.set_element(&a, key, value)
            }
            Target::Unbound(n) => {
                let n = n.into_owned();
                self.set_reference(&n, value)
            }
        }
    }

    /// The name to act on for `name`: itself when it is no reference. An element target
    /// gives its array (the callers that reach here act on whole variables).
    pub(super) fn write_target(&self, name: &[u8]) -> Result<Option<Vec<u8>>, VarError> {
        match self.map.get(name) {
            Some(v) if v.attrs.contains(Attrs::NAMEREF) => {}
            _ => return Ok(None),
        }
        Ok(match self.target(name)? {
            Target::Var(n) | Target::Element(n, _) => Some(n.into_owned()),
            Target::Unbound(_) => None,
        })
    }

    /// Sets what a reference refers to (`declare -n ref=value`, the first assignment to an
    /// unbound reference, a `for` loop over a reference), making `name` a reference.
    pub fn set_reference(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        let var = self.map.get_or_default(name);
        if var.attrs.contains(Attrs::READONLY) {
            return Err(VarError::ReadOnly(lossy(name)));
        }
        var.value = Value::Scalar(value);
        var.attrs.insert(Attrs::NAMEREF);
        Ok(())
    }

    /// Whether `name` itself is a reference.
    pub fn is_reference(&self, name: &[u8]) -> bool {
        self.map.get(name).is_some_and(|v| v.attrs.contains(Attrs::NAMEREF))
    }

    /// `unset -n ref`: removes the reference itself, not what it refers to.
    pub fn unset_reference(&mut self, name: &[u8]) -> Result<(), VarError> {
        self.unset_here(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_followed() {
        let mut v = Vars::new();
        v.set_reference(b"r", b"x".to_vec()).unwrap();
        v.set(b"r", b"5".to_vec()).unwrap();
        assert_eq!(v.get(b"x"), Some(&b"5"[..]));
        assert_eq!(v.get(b"r"), Some(&b"5"[..]));
        assert_eq!(v.var(b"r").unwrap().scalar(), Some(&b"x"[..]));
        v.unset(b"r").unwrap();
        assert_eq!(v.get(b"x"), None);
        assert!(v.is_reference(b"r"));
    }

    #[test]
    fn element_targets_and_loops() {
        let mut v = Vars::new();
        v.set_reference(b"e", b"a[1]".to_vec()).unwrap();
        v.set(b"e", b"q".to_vec()).unwrap();
        assert_eq!(v.element(b"a", Key::Index(1)).unwrap(), Some(&b"q"[..]));
        assert_eq!(v.get(b"e"), Some(&b"q"[..]));
        v.set_reference(b"l1", b"l2".to_vec()).unwrap();
        v.set_reference(b"l2", b"l1".to_vec()).unwrap();
        assert_eq!(v.set(b"l1", b"x".to_vec()), Err(VarError::CircularRef("l1".into())));
        assert_eq!(v.get(b"l1"), None);
    }

    #[test]
    fn unbound_reference_takes_its_target() {
        let mut v = Vars::new();
        v.set_reference(b"r", Vec::new()).unwrap();
        v.set(b"r", b"tgt".to_vec()).unwrap();
        assert_eq!(v.var(b"r").unwrap().scalar(), Some(&b"tgt"[..]));
        assert!(is_reference_target(b"a[1]"));
        assert!(!is_reference_target(b"1x"));
        assert!(!is_reference_target(b"a[]"));
    }
}
