//! A variable's value: nothing, a scalar, an indexed array or an associative array.

use super::assoc::AssocArray;
use super::indexed::IndexedArray;

/// The arrays are boxed so that a scalar variable, by far the most common, stays small in the
/// variable table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Value {
    /// Declared (`export x`, `declare -a d`, `local x`) but without a value.
    #[default]
    Unset,
    Scalar(Vec<u8>),
    Indexed(Box<IndexedArray>),
    Assoc(Box<AssocArray>),
}

/// One subscript, resolved: an index for an indexed array (after arithmetic), a key for an
/// associative one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key<'a> {
    Index(i64),
    Name(&'a [u8]),
}

impl Value {
    /// What `$name` expands to: the scalar, element 0 of an indexed array, key `0` of an
    /// associative one.
    #[inline]
    pub fn scalar(&self) -> Option<&[u8]> {
        match self {
            Value::Scalar(s) => Some(s),
            Value::Unset => None,
            Value::Indexed(a) => a.get(0),
            Value::Assoc(m) => m.get(b"0"),
        }
    }

    pub fn is_unset(&self) -> bool {
        matches!(self, Value::Unset)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Indexed(_) | Value::Assoc(_))
    }

    /// The number of elements (`${#a[@]}`): 1 for a scalar.
    pub fn len(&self) -> usize {
        match self {
            Value::Unset => 0,
            Value::Scalar(_) => 1,
            Value::Indexed(a) => a.len(),
            Value::Assoc(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One element. A scalar is element 0 of a one-element array; a negative index counts
    /// back from the highest index plus one; one before the first element is an error.
    pub fn element(&self, key: Key<'_>) -> Result<Option<&[u8]>, BadSubscript> {
        match (self, key) {
            (Value::Unset, _) => Ok(None),
            (Value::Scalar(s), Key::Index(i)) => match i {
                0 => Ok(Some(s)),
                i if i < 0 => Err(BadSubscript),
                _ => Ok(None),
            },
            (Value::Indexed(a), Key::Index(i)) => {
                let i = a.resolve(i).ok_or(BadSubscript)?;
                Ok(a.get(i))
            }
            (Value::Assoc(m), Key::Name(k)) => Ok(m.get(k)),
            // A key of the other kind: the caller evaluated the subscript for the wrong kind;
            // treat it as its text or as index 0, as bash would have.
            (Value::Scalar(s), Key::Name(_)) => Ok(Some(s)),
            (Value::Indexed(a), Key::Name(_)) => Ok(a.get(0)),
            (Value::Assoc(m), Key::Index(i)) => Ok(m.get(i.to_string().as_bytes())),
        }
    }

    /// The values in order (`"${a[@]}"`): one for a scalar, none when unset.
    pub fn values(&self) -> Values<'_> {
        match self {
            Value::Unset => Values::One(None),
            Value::Scalar(s) => Values::One(Some(s)),
            Value::Indexed(a) => Values::Indexed(a.iter()),
            Value::Assoc(m) => Values::Assoc(m.iter()),
        }
    }

    /// The subscripts in order (`"${!a[@]}"`): `0` for a scalar.
    pub fn keys(&self) -> Keys<'_> {
        match self {
            Value::Unset => Keys::One(None),
            Value::Scalar(_) => Keys::One(Some(0)),
            Value::Indexed(a) => Keys::Indexed(a.iter()),
            Value::Assoc(m) => Keys::Assoc(m.iter()),
        }
    }
}

/// A negative subscript that points before the first element (`bad array subscript`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadSubscript;

/// The values of a [`Value`], in order.
pub enum Values<'a> {
    One(Option<&'a [u8]>),
    Indexed(super::indexed::Iter<'a>),
    Assoc(super::assoc::Iter<'a>),
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        match self {
            Values::One(v) => v.take(),
            Values::Indexed(it) => it.next().map(|(_, v)| v),
            Values::Assoc(it) => it.next().map(|(_, v)| v),
        }
    }
}

/// The subscripts of a [`Value`], in order.
pub enum Keys<'a> {
    One(Option<i64>),
    Indexed(super::indexed::Iter<'a>),
    Assoc(super::assoc::Iter<'a>),
}

impl<'a> Iterator for Keys<'a> {
    type Item = Key<'a>;

    #[inline]
    fn next(&mut self) -> Option<Key<'a>> {
        match self {
            Keys::One(v) => v.take().map(Key::Index),
            Keys::Indexed(it) => it.next().map(|(i, _)| Key::Index(i)),
            Keys::Assoc(it) => it.next().map(|(k, _)| Key::Name(k)),
        }
    }
}

impl Key<'_> {
    /// The subscript as text (`${!a[@]}`).
    pub fn write_to(&self, out: &mut Vec<u8>) {
        match self {
            Key::Index(i) => {
                use std::io::Write;
                let _ = write!(out, "{i}");
            }
            Key::Name(k) => out.extend_from_slice(k),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.write_to(&mut v);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_is_element_zero() {
        let v = Value::Scalar(b"abc".to_vec());
        assert_eq!(v.scalar(), Some(&b"abc"[..]));
        assert_eq!(v.element(Key::Index(0)), Ok(Some(&b"abc"[..])));
        assert_eq!(v.element(Key::Index(1)), Ok(None));
        assert_eq!(v.element(Key::Index(-1)), Err(BadSubscript));
        assert_eq!(v.values().collect::<Vec<_>>(), vec![&b"abc"[..]]);
        assert_eq!(v.keys().map(|k| k.to_bytes()).collect::<Vec<_>>(), vec![b"0".to_vec()]);
        assert_eq!(Value::Unset.values().count(), 0);
    }

    #[test]
    fn arrays() {
        let mut a = IndexedArray::from_values(vec![b"x".to_vec(), b"y".to_vec()]);
        a.set(4, b"z".to_vec());
        let v = Value::Indexed(Box::new(a));
        assert_eq!(v.scalar(), Some(&b"x"[..]));
        assert_eq!(v.len(), 3);
        assert_eq!(v.element(Key::Index(-1)), Ok(Some(&b"z"[..])));
        assert_eq!(v.element(Key::Index(-2)), Ok(None));
        assert_eq!(v.element(Key::Index(-6)), Err(BadSubscript));
        let keys: Vec<_> = v.keys().map(|k| k.to_bytes()).collect();
        assert_eq!(keys, [b"0".to_vec(), b"1".to_vec(), b"4".to_vec()]);

        let mut m = AssocArray::new();
        m.insert(b"0", b"zero".to_vec());
        m.insert(b"k", b"v".to_vec());
        let v = Value::Assoc(Box::new(m));
        assert_eq!(v.scalar(), Some(&b"zero"[..]));
        assert_eq!(v.element(Key::Name(b"k")), Ok(Some(&b"v"[..])));
        assert_eq!(v.values().count(), 2);
    }
}
