//! Variable attributes (`declare -x -r -i -l -u -n -a -A -t`) as a small bit set.

use std::fmt;

/// A set of variable attributes. `INDEXED` and `ASSOC` record the kind of an array variable,
/// also while it has no value yet (`declare -a d`): the store keeps them in step with the value.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Attrs(u16);

impl Attrs {
    pub const NONE: Attrs = Attrs(0);
    /// `-x`: passed to children in the environment (scalars only, as in bash).
    pub const EXPORTED: Attrs = Attrs(1 << 0);
    /// `-r`.
    pub const READONLY: Attrs = Attrs(1 << 1);
    /// `-i`: assignments are evaluated as arithmetic.
    pub const INTEGER: Attrs = Attrs(1 << 2);
    /// `-l`: assignments are lowercased.
    pub const LOWERCASE: Attrs = Attrs(1 << 3);
    /// `-u`: assignments are uppercased.
    pub const UPPERCASE: Attrs = Attrs(1 << 4);
    /// `-n`: the value names another variable.
    pub const NAMEREF: Attrs = Attrs(1 << 5);
    /// `-a`: an indexed array.
    pub const INDEXED: Attrs = Attrs(1 << 6);
    /// `-A`: an associative array.
    pub const ASSOC: Attrs = Attrs(1 << 7);
    /// `-t`: functions inherit DEBUG and RETURN traps.
    pub const TRACE: Attrs = Attrs(1 << 8);
    /// `-c` (undocumented in bash): assignments are capitalized.
    pub const CAPITALIZE: Attrs = Attrs(1 << 9);
    /// A variable the shell computes when it is read or reacts to when it is assigned
    /// (`RANDOM`, `FUNCNAME`, ...: `shell::dynamic`). `unset` removes it, and the name becomes
    /// an ordinary variable, as in bash. Never shown by `declare -p`.
    pub const DYNAMIC: Attrs = Attrs(1 << 10);

    /// The two kind bits.
    pub const ARRAY_KIND: Attrs = Attrs(Self::INDEXED.0 | Self::ASSOC.0);
    /// The case conversions, of which a variable has at most one.
    pub const CASE: Attrs = Attrs(Self::LOWERCASE.0 | Self::UPPERCASE.0 | Self::CAPITALIZE.0);
    /// Attributes that change a value as it is assigned (`shell::assign`).
    pub const CONVERTING: Attrs = Attrs(Self::INTEGER.0 | Self::CASE.0);

    #[inline]
    pub const fn contains(self, other: Attrs) -> bool {
        self.0 & other.0 == other.0
    }

    #[inline]
    pub const fn intersects(self, other: Attrs) -> bool {
        self.0 & other.0 != 0
    }

    #[inline]
    pub const fn union(self, other: Attrs) -> Attrs {
        Attrs(self.0 | other.0)
    }

    #[inline]
    pub const fn intersection(self, other: Attrs) -> Attrs {
        Attrs(self.0 & other.0)
    }

    #[inline]
    pub const fn without(self, other: Attrs) -> Attrs {
        Attrs(self.0 & !other.0)
    }

    #[inline]
    pub fn insert(&mut self, other: Attrs) {
        self.0 |= other.0;
    }

    #[inline]
    pub fn remove(&mut self, other: Attrs) {
        self.0 &= !other.0;
    }

    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The attribute letters in the order `declare -p` prints them (bash's order, from its
    /// var_attribute_string: `aAinrtxclu`, so `declare -xl`, not `-lx`).
    pub fn letters(self) -> String {
        const ORDER: [(Attrs, char); 10] = [
            (Attrs::INDEXED, 'a'),
            (Attrs::ASSOC, 'A'),
            (Attrs::INTEGER, 'i'),
            (Attrs::NAMEREF, 'n'),
            (Attrs::READONLY, 'r'),
            (Attrs::TRACE, 't'),
            (Attrs::EXPORTED, 'x'),
            (Attrs::CAPITALIZE, 'c'),
            (Attrs::LOWERCASE, 'l'),
            (Attrs::UPPERCASE, 'u'),
        ];
        ORDER.iter().filter(|(a, _)| self.contains(*a)).map(|(_, c)| *c).collect()
    }
}

impl std::ops::BitOr for Attrs {
    type Output = Attrs;
    fn bitor(self, rhs: Attrs) -> Attrs {
        self.union(rhs)
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Attrs({})", self.letters())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_and_letters() {
        let mut a = Attrs::EXPORTED | Attrs::INTEGER;
        assert!(a.contains(Attrs::EXPORTED));
        assert!(!a.contains(Attrs::READONLY));
        a.insert(Attrs::INDEXED | Attrs::READONLY);
        assert_eq!(a.letters(), "airx");
        a.remove(Attrs::EXPORTED);
        assert!(!a.intersects(Attrs::EXPORTED | Attrs::ASSOC));
        assert!(Attrs::NONE.is_empty());
    }
}
