//! bash's hashlib: the string hash and the table its associative arrays and completion specs
//! live in, so that walking ours bucket by bucket gives bash's order.
//!
//! Scripts print `"${!m[@]}"` and `complete -p` unsorted and compare with what bash printed.
//! bash's table starts with a fixed number of buckets, puts a new key at the head of its
//! bucket's chain, and grows fourfold (rehashing bucket by bucket, each item again to the head
//! of its new chain) when a new key arrives while it holds twice as many keys as buckets. The
//! same chains serve the look-ups.

/// bash's `hash_string`: 32-bit FNV-1 (multiply, then xor) over the bytes as `char`, which is
/// signed on the machines bash is built for here: bytes of 0x80 and above are sign-extended
/// before the xor.
pub fn hash_string(key: &[u8]) -> u32 {
    key.iter().fold(2_166_136_261u32, |h, &c| h.wrapping_mul(16_777_619) ^ (c as i8 as i32 as u32))
}

const NIL: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot<V> {
    key: Vec<u8>,
    /// `None` in a free slot (a removed key's).
    value: Option<V>,
    hash: u32,
    /// The next slot in the same bucket, or in the free list for a free slot.
    next: u32,
}

/// Byte-string keys to `V`, iterated in bash's order for a table of `BUCKETS` buckets at the
/// start (a power of two: 1024 for associative arrays, 512 for completion specs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BashHashTable<V, const BUCKETS: usize> {
    /// The first slot of each bucket's chain; empty until the first insertion.
    heads: Vec<u32>,
    slots: Vec<Slot<V>>,
    /// Head of the list of free slots.
    free: u32,
    len: usize,
}

impl<V, const BUCKETS: usize> Default for BashHashTable<V, BUCKETS> {
    fn default() -> Self {
        BashHashTable { heads: Vec::new(), slots: Vec::new(), free: NIL, len: 0 }
    }
}

impl<V, const BUCKETS: usize> BashHashTable<V, BUCKETS> {
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

    fn find(&self, key: &[u8]) -> Option<usize> {
        if self.heads.is_empty() {
            return None;
        }
        let hash = hash_string(key);
        let mut at = self.heads[self.bucket(hash)];
        while at != NIL {
            let slot = &self.slots[at as usize];
            if slot.hash == hash && slot.key == key {
                return Some(at as usize);
            }
            at = slot.next;
        }
        None
    }

    pub fn get(&self, key: &[u8]) -> Option<&V> {
        self.find(key).and_then(|i| self.slots[i].value.as_ref())
    }

    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut V> {
        self.find(key).and_then(|i| self.slots[i].value.as_mut())
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.find(key).is_some()
    }

    /// The value of `key`, made by `make` (at the head of its bucket) if missing.
    pub fn entry_with(&mut self, key: &[u8], make: impl FnOnce() -> V) -> &mut V {
        // A key found always holds a value: `make` runs for a new one only.
        let at = match self.find(key) {
            Some(i) => i,
            None => self.add(key, None),
        };
        self.slots[at].value.get_or_insert_with(make)
    }

    /// Sets `key` to `value`; an existing key keeps its place in the order.
    pub fn insert(&mut self, key: &[u8], value: V) {
        match self.find(key) {
            Some(i) => self.slots[i].value = Some(value),
            None => {
                self.add(key, Some(value));
            }
        }
    }

    /// A new key, at the head of its bucket's chain; its slot.
    fn add(&mut self, key: &[u8], value: Option<V>) -> usize {
        if self.heads.is_empty() {
            self.heads = vec![NIL; BUCKETS];
        } else if self.len >= self.heads.len() * 2 {
            self.grow();
        }
        let hash = hash_string(key);
        let bucket = self.bucket(hash);
        let slot = Slot { key: key.to_vec(), value, hash, next: self.heads[bucket] };
        let at = if self.free == NIL {
            self.slots.push(slot);
            self.slots.len() - 1
        } else {
            let f = self.free as usize;
            self.free = self.slots[f].next;
            self.slots[f] = slot;
            f
        };
        self.heads[bucket] = at as u32;
        self.len += 1;
        at
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<V> {
        let at = self.find(key)?;
        let bucket = self.bucket(self.slots[at].hash);
        let next = self.slots[at].next;
        if self.heads[bucket] as usize == at {
            self.heads[bucket] = next;
        } else {
            let mut prev = self.heads[bucket] as usize;
            while self.slots[prev].next as usize != at {
                prev = self.slots[prev].next as usize;
            }
            self.slots[prev].next = next;
        }
        let slot = &mut self.slots[at];
        slot.key = Vec::new();
        slot.next = self.free;
        self.free = at as u32;
        self.len -= 1;
        slot.value.take()
    }

    pub fn clear(&mut self) {
        *self = Self::default();
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
    pub fn iter(&self) -> Iter<'_, V, BUCKETS> {
        Iter { table: self, bucket: 0, at: NIL }
    }
}

/// Iterator over a [`BashHashTable`] in bash's order.
pub struct Iter<'a, V, const BUCKETS: usize> {
    table: &'a BashHashTable<V, BUCKETS>,
    /// The next bucket to start when the current chain ends.
    bucket: usize,
    at: u32,
}

impl<'a, V, const BUCKETS: usize> Iterator for Iter<'a, V, BUCKETS> {
    type Item = (&'a [u8], &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            while self.at == NIL {
                self.at = *self.table.heads.get(self.bucket)?;
                self.bucket += 1;
            }
            let slot = &self.table.slots[self.at as usize];
            self.at = slot.next;
            if let Some(v) = &slot.value {
                return Some((&slot.key, v));
            }
        }
    }
}
