//! Associative arrays: byte-string keys to byte-string values, iterated in bash's order.
//!
//! Scripts print `"${!m[@]}"` unsorted and compare with what bash printed, so the order is
//! bash 5.2's: its hash table (hashlib.c) walked bucket by bucket. That table has 1024
//! buckets to start with, hashes keys with 32-bit FNV-1, puts a new key at the head of its
//! bucket's chain, and grows fourfold (rehashing bucket by bucket, each item again to the
//! head of its new chain) when a new key arrives while it holds twice as many keys as
//! buckets. The same chains serve the look-ups.

const INITIAL_BUCKETS: usize = 1024;
const NIL: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot {
    key: Vec<u8>,
    value: Vec<u8>,
    hash: u32,
    /// The next slot in the same bucket, or in the free list for a free slot.
    next: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssocArray {
    /// The first slot of each bucket's chain; empty until the first insertion.
    heads: Vec<u32>,
    slots: Vec<Slot>,
    /// Head of the list of free slots (removed keys).
    free: Option<u32>,
    len: usize,
}

use crate::shell::hashlib::hash_string as bash_hash;

impl AssocArray {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

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
            let slot = &self.slots[at as usize];
            if slot.hash == hash && slot.key == key {
                return Some(at);
            }
            at = slot.next;
        }
        None
    }

    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.find(key).map(|i| self.slots[i as usize].value.as_slice())
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.find(key).is_some()
    }

    /// The value of `key`, created empty (at the head of its bucket) if missing.
    pub fn entry(&mut self, key: &[u8]) -> &mut Vec<u8> {
        if let Some(i) = self.find(key) {
            return &mut self.slots[i as usize].value;
        }
        if self.heads.is_empty() {
            self.heads = vec![NIL; INITIAL_BUCKETS];
        } else if self.len >= self.heads.len() * 2 {
            self.grow();
        }
        let hash = bash_hash(key);
        let bucket = self.bucket(hash);
        let slot = Slot { key: key.to_vec(), value: Vec::new(), hash, next: self.heads[bucket] };
        let at = match self.free {
            Some(f) => {
                self.free = match self.slots[f as usize].next {
                    NIL => None,
                    n => Some(n),
                };
                self.slots[f as usize] = slot;
                f
            }
            None => {
                self.slots.push(slot);
                (self.slots.len() - 1) as u32
            }
        };
        self.heads[bucket] = at;
        self.len += 1;
        &mut self.slots[at as usize].value
    }

    /// Sets `key` to `value`; an existing key keeps its place in the order.
    pub fn insert(&mut self, key: &[u8], value: Vec<u8>) {
        *self.entry(key) = value;
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        let at = self.find(key)?;
        let bucket = self.bucket(self.slots[at as usize].hash);
        let next = self.slots[at as usize].next;
        if self.heads[bucket] == at {
            self.heads[bucket] = next;
        } else {
            let mut prev = self.heads[bucket];
            while self.slots[prev as usize].next != at {
                prev = self.slots[prev as usize].next;
            }
            self.slots[prev as usize].next = next;
        }
        let slot = &mut self.slots[at as usize];
        slot.key = Vec::new();
        let old = std::mem::take(&mut slot.value);
        slot.next = self.free.unwrap_or(NIL);
        self.free = Some(at);
        self.len -= 1;
        Some(old)
    }

    pub fn clear(&mut self) {
        *self = Self::new();
    }

    /// bash's `hash_grow`: four times the buckets, chains rebuilt in bucket order.
    fn grow(&mut self) {
        let size = self.heads.len() * 4;
        let old = std::mem::replace(&mut self.heads, vec![NIL; size]);
        for head in old {
            let mut at = head;
            while at != NIL {
                let next = self.slots[at as usize].next;
                let bucket = self.bucket(self.slots[at as usize].hash);
                self.slots[at as usize].next = self.heads[bucket];
                self.heads[bucket] = at;
                at = next;
            }
        }
    }

    /// `(key, value)` in bash's order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { array: self, bucket: 0, at: NIL }
    }

    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(_, v)| v)
    }
}

/// Iterator over an [`AssocArray`] in bash's order.
pub struct Iter<'a> {
    array: &'a AssocArray,
    /// The next bucket to start when the current chain ends.
    bucket: usize,
    at: u32,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        while self.at == NIL {
            self.at = *self.array.heads.get(self.bucket)?;
            self.bucket += 1;
        }
        let slot = &self.array.slots[self.at as usize];
        self.at = slot.next;
        Some((&slot.key, &slot.value))
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
