//! Associative arrays: byte-string keys to byte-string values, iterated in bash's order.
//!
//! Scripts print `"${!m[@]}"` unsorted and compare with what bash printed, so the order is
//! bash 5.2's: its hash table of 1024 buckets to start with ([`BashHashTable`]).

use crate::shell::hashlib::{BashHashTable, Iter as TableIter};

/// bash's `ASSOC_HASH_BUCKETS`.
const BUCKETS: usize = 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssocArray(BashHashTable<Vec<u8>, BUCKETS>);

impl AssocArray {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.0.get(key).map(Vec::as_slice)
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.0.contains_key(key)
    }

    /// The value of `key`, created empty (at the head of its bucket) if missing.
    pub fn entry(&mut self, key: &[u8]) -> &mut Vec<u8> {
        self.0.entry_with(key, Vec::new)
    }

    /// Sets `key` to `value`; an existing key keeps its place in the order.
    pub fn insert(&mut self, key: &[u8], value: Vec<u8>) {
        self.0.insert(key, value);
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        self.0.remove(key)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// `(key, value)` in bash's order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.0.iter())
    }

    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(_, v)| v)
    }
}

/// Iterator over an [`AssocArray`] in bash's order.
pub struct Iter<'a>(TableIter<'a, Vec<u8>, BUCKETS>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &AssocArray) -> Vec<String> {
        m.keys().map(|k| String::from_utf8_lossy(k).into_owned()).collect()
    }

    #[test]
    fn insert_get_remove() {
        let mut m = AssocArray::new();
        m.insert(b"a b", b"1".to_vec());
        m.insert(b"\xff", b"2".to_vec());
        m.entry(b"a b").extend_from_slice(b"x");
        assert_eq!(m.get(b"a b"), Some(&b"1x"[..]));
        assert_eq!(m.get(b"\xff"), Some(&b"2"[..]));
        assert_eq!(m.len(), 2);
        assert_eq!(m.remove(b"a b"), Some(b"1x".to_vec()));
        assert_eq!(m.remove(b"a b"), None);
        assert_eq!(m.get(b"a b"), None);
        m.insert(b"c", b"3".to_vec());
        assert_eq!(m.len(), 2);
        assert_eq!(m.iter().count(), 2);
    }

    #[test]
    fn order_is_bashs() {
        // What bash 5.2 prints for these keys inserted in this order.
        let mut m = AssocArray::new();
        for k in ["a", "b", "c", "x", "y", "z", "k1", "k2", "foo", "bar", "baz"] {
            m.insert(k.as_bytes(), b"1".to_vec());
        }
        assert_eq!(keys(&m), ["z", "y", "x", "c", "b", "a", "k1", "k2", "foo", "bar", "baz"]);
        let mut m = AssocArray::new();
        for i in 1..=12 {
            m.insert(i.to_string().as_bytes(), Vec::new());
        }
        assert_eq!(keys(&m), ["9", "8", "7", "6", "5", "4", "3", "2", "1", "12", "10", "11"]);
    }

    #[test]
    fn growth_keeps_every_key() {
        let mut m = AssocArray::new();
        for i in 0..5000 {
            m.insert(format!("k{i}").as_bytes(), i.to_string().into_bytes());
        }
        assert_eq!(m.len(), 5000);
        assert_eq!(m.iter().count(), 5000);
        assert_eq!(m.get(b"k4321"), Some(&b"4321"[..]));
        for i in (0..5000).step_by(2) {
            m.remove(format!("k{i}").as_bytes());
        }
        assert_eq!(m.len(), 2500);
        assert_eq!(m.get(b"k4321"), Some(&b"4321"[..]));
        assert_eq!(m.get(b"k4320"), None);
    }
}
