//! Indexed arrays: sparse maps from non-negative indices to byte strings, iterated in index
//! order.
//!
//! Most arrays are dense (`a=(...)`, `a+=(x)`, `read -a`), so they are a `Vec` of slots with
//! holes for unset indices: element access is O(1) and appending amortised O(1). An array
//! whose indices are far apart (`a[1000000000]=x`) switches to an ordered map so it does not
//! allocate the gap.

use std::collections::BTreeMap;

/// A gap larger than this (and than twice the element count) makes the array sparse.
const MAX_DENSE_GAP: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    /// `slots[i]` is element `i`; the last slot, if any, is `Some` (no trailing holes), so the
    /// highest index is `slots.len() - 1`. `count` is the number of `Some` slots.
    Dense { slots: Vec<Option<Vec<u8>>>, count: usize },
    Sparse(BTreeMap<i64, Vec<u8>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedArray {
    repr: Repr,
}

impl Default for IndexedArray {
    fn default() -> Self {
        Self::new()
    }
}

impl IndexedArray {
    pub fn new() -> Self {
        IndexedArray { repr: Repr::Dense { slots: Vec::new(), count: 0 } }
    }

    /// An array of `values` at indices 0, 1, 2...
    pub fn from_values(values: Vec<Vec<u8>>) -> Self {
        let slots: Vec<Option<Vec<u8>>> = values.into_iter().map(Some).collect();
        let count = slots.len();
        IndexedArray { repr: Repr::Dense { slots, count } }
    }

    /// The number of elements set.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Dense { count, .. } => *count,
            Repr::Sparse(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The highest index set.
    pub fn max_index(&self) -> Option<i64> {
        match &self.repr {
            Repr::Dense { slots, .. } => slots.len().checked_sub(1).map(|i| i as i64),
            Repr::Sparse(m) => m.last_key_value().map(|(k, _)| *k),
        }
    }

    /// Turns a subscript that may be negative (counting back from the highest index plus one)
    /// into an index; `None` when it points before index 0.
    pub fn resolve(&self, index: i64) -> Option<i64> {
        if index >= 0 {
            return Some(index);
        }
        let end = self.max_index().map_or(0, |m| m + 1);
        let i = end.checked_add(index)?;
        (i >= 0).then_some(i)
    }

    pub fn get(&self, index: i64) -> Option<&[u8]> {
        match &self.repr {
            Repr::Dense { slots, .. } => {
                let i = usize::try_from(index).ok()?;
                slots.get(i)?.as_deref()
            }
            Repr::Sparse(m) => m.get(&index).map(|v| v.as_slice()),
        }
    }

    /// The element at `index`, created empty if unset. `index` must be non-negative.
    pub fn entry(&mut self, index: i64) -> &mut Vec<u8> {
        debug_assert!(index >= 0);
        if let Repr::Dense { slots, .. } = &self.repr {
            let gap = (index as u64).saturating_sub(slots.len() as u64);
            if gap > MAX_DENSE_GAP as u64 && gap > 2 * self.len() as u64 {
                self.make_sparse();
            }
        }
        match &mut self.repr {
            Repr::Dense { slots, count } => {
                let i = index as usize;
                if i >= slots.len() {
                    slots.resize_with(i + 1, || None);
                }
                let slot = &mut slots[i];
                if slot.is_none() {
                    *count += 1;
                }
                slot.get_or_insert_with(Vec::new)
            }
            Repr::Sparse(m) => m.entry(index).or_default(),
        }
    }

    /// Sets the element at `index` (non-negative).
    pub fn set(&mut self, index: i64, value: Vec<u8>) {
        *self.entry(index) = value;
    }

    /// Appends an element after the highest index (`a+=(x)`): amortised O(1).
    pub fn push(&mut self, value: Vec<u8>) {
        match &mut self.repr {
            Repr::Dense { slots, count } => {
                slots.push(Some(value));
                *count += 1;
            }
            Repr::Sparse(m) => {
                let next = m.last_key_value().map_or(0, |(k, _)| k.saturating_add(1));
                m.insert(next, value);
            }
        }
    }

    /// Removes the element at `index` (non-negative); the others keep their indices.
    pub fn remove(&mut self, index: i64) -> Option<Vec<u8>> {
        match &mut self.repr {
            Repr::Dense { slots, count } => {
                let i = usize::try_from(index).ok()?;
                let old = slots.get_mut(i)?.take()?;
                *count -= 1;
                while slots.last().is_some_and(|s| s.is_none()) {
                    slots.pop();
                }
                Some(old)
            }
            Repr::Sparse(m) => m.remove(&index),
        }
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        *self = Self::new();
    }

    /// `(index, value)` in index order.
    pub fn iter(&self) -> Iter<'_> {
        self.iter_from(0)
    }

    /// `(index, value)` in index order, from the first index at or above `start`.
    pub fn iter_from(&self, start: i64) -> Iter<'_> {
        match &self.repr {
            Repr::Dense { slots, .. } => {
                let from = usize::try_from(start.max(0)).unwrap_or(usize::MAX).min(slots.len());
                Iter::Dense { slots: slots[from..].iter(), index: from as i64 }
            }
            Repr::Sparse(m) => Iter::Sparse(m.range(start..)),
        }
    }

    pub fn values(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(_, v)| v)
    }

    pub fn indices(&self) -> impl Iterator<Item = i64> + '_ {
        self.iter().map(|(i, _)| i)
    }

    fn make_sparse(&mut self) {
        if let Repr::Dense { slots, .. } = &mut self.repr {
            let map = std::mem::take(slots)
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i as i64, v?)))
                .collect();
            self.repr = Repr::Sparse(map);
        }
    }
}

/// Iterator over an [`IndexedArray`]'s elements in index order.
pub enum Iter<'a> {
    Dense { slots: std::slice::Iter<'a, Option<Vec<u8>>>, index: i64 },
    Sparse(std::collections::btree_map::Range<'a, i64, Vec<u8>>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (i64, &'a [u8]);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Dense { slots, index } => loop {
                let slot = slots.next()?;
                let i = *index;
                *index += 1;
                if let Some(v) = slot {
                    return Some((i, v.as_slice()));
                }
            },
            Iter::Sparse(r) => r.next().map(|(k, v)| (*k, v.as_slice())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(a: &IndexedArray) -> Vec<(i64, String)> {
        a.iter().map(|(i, v)| (i, String::from_utf8_lossy(v).into_owned())).collect()
    }

    #[test]
    fn dense_set_get_push_remove() {
        let mut a = IndexedArray::from_values(vec![b"x".to_vec(), b"y".to_vec()]);
        a.set(5, b"z".to_vec());
        assert_eq!(a.len(), 3);
        assert_eq!(a.max_index(), Some(5));
        assert_eq!(a.get(3), None);
        a.push(b"w".to_vec());
        assert_eq!(a.get(6), Some(&b"w"[..]));
        assert_eq!(a.remove(6), Some(b"w".to_vec()));
        assert_eq!(a.remove(5), Some(b"z".to_vec()));
        // Trailing holes are dropped: the next push goes right after the highest index.
        assert_eq!(a.max_index(), Some(1));
        a.push(b"v".to_vec());
        assert_eq!(values(&a), vec![(0, "x".into()), (1, "y".into()), (2, "v".into())]);
        assert_eq!(a.remove(9), None);
        assert_eq!(a.get(-1), None);
    }

    #[test]
    fn negative_subscripts_count_from_the_end() {
        let mut a = IndexedArray::new();
        a.set(0, b"a".to_vec());
        a.set(5, b"f".to_vec());
        assert_eq!(a.resolve(-1), Some(5));
        assert_eq!(a.resolve(-6), Some(0));
        assert_eq!(a.resolve(-7), None);
        assert_eq!(IndexedArray::new().resolve(-1), None);
    }

    #[test]
    fn far_indices_go_sparse_and_keep_order() {
        let mut a = IndexedArray::new();
        a.set(1, b"one".to_vec());
        a.set(1_000_000_000_000, b"big".to_vec());
        a.set(7, b"seven".to_vec());
        assert!(matches!(a.repr, Repr::Sparse(_)));
        assert_eq!(a.indices().collect::<Vec<_>>(), vec![1, 7, 1_000_000_000_000]);
        a.push(b"next".to_vec());
        assert_eq!(a.max_index(), Some(1_000_000_000_001));
        assert_eq!(a.iter_from(8).count(), 2);
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn iter_from_skips_lower_indices() {
        let mut a = IndexedArray::new();
        for i in [2, 5, 7] {
            a.set(i, vec![b'a' + i as u8]);
        }
        assert_eq!(a.iter_from(3).map(|(i, _)| i).collect::<Vec<_>>(), vec![5, 7]);
        assert_eq!(a.iter_from(100).count(), 0);
        assert_eq!(a.iter_from(-4).count(), 3);
    }

    #[test]
    fn entry_appends_in_place() {
        let mut a = IndexedArray::new();
        a.entry(1).extend_from_slice(b"ab");
        a.entry(1).extend_from_slice(b"cd");
        assert_eq!(a.get(1), Some(&b"abcd"[..]));
        assert_eq!(a.len(), 1);
    }
}
