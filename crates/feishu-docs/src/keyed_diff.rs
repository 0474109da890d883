//! The walk `api diff` and `docs diff` share: two keyed maps, what the new one adds, what it
//! drops and what it holds differently. Each caller decides what a change means and how to
//! word it; this only pairs the entries up.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::collections::btree_map::Iter;
use std::iter::Peekable;

/// How one key differs between the old map and the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delta<'a, K, V> {
    /// Only the new map has the key.
    Added(&'a K, &'a V),
    /// Only the old map has the key.
    Removed(&'a K, &'a V),
    /// Both have the key, with values `same` calls different: old, then new.
    Changed(&'a K, &'a V, &'a V),
}

/// The differences from `old` to `new`, one per key that differs, in key order.
///
/// `same` says which values count as unchanged, since callers compare different things (a
/// whole entry, or only a fact's value). Walking both maps in step keeps it linear and hands
/// callers a single order to rely on, whatever they sort by afterwards.
pub fn keyed_diff<'a, K: Ord, V, F: Fn(&V, &V) -> bool>(
    old: &'a BTreeMap<K, V>,
    new: &'a BTreeMap<K, V>,
    same: F,
) -> KeyedDiff<'a, K, V, F> {
    KeyedDiff {
        old: old.iter().peekable(),
        new: new.iter().peekable(),
        same,
    }
}

/// The iterator [`keyed_diff`] returns.
pub struct KeyedDiff<'a, K, V, F> {
    old: Peekable<Iter<'a, K, V>>,
    new: Peekable<Iter<'a, K, V>>,
    same: F,
}

impl<'a, K: Ord, V, F: Fn(&V, &V) -> bool> Iterator for KeyedDiff<'a, K, V, F> {
    type Item = Delta<'a, K, V>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let order = match (self.old.peek(), self.new.peek()) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((old_key, _)), Some((new_key, _))) => old_key.cmp(new_key),
            };
            match order {
                Ordering::Less => {
                    let (key, value) = self.old.next()?;
                    return Some(Delta::Removed(key, value));
                }
                Ordering::Greater => {
                    let (key, value) = self.new.next()?;
                    return Some(Delta::Added(key, value));
                }
                Ordering::Equal => {
                    let ((key, before), (_, after)) = (self.old.next()?, self.new.next()?);
                    if !(self.same)(before, after) {
                        return Some(Delta::Changed(key, before, after));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{Delta, keyed_diff};

    fn map(entries: &[(u32, &'static str)]) -> BTreeMap<u32, &'static str> {
        entries.iter().copied().collect()
    }

    fn walk<'a>(
        old: &'a BTreeMap<u32, &'static str>,
        new: &'a BTreeMap<u32, &'static str>,
    ) -> Vec<Delta<'a, u32, &'static str>> {
        keyed_diff(old, new, |a, b| a == b).collect()
    }

    #[test]
    fn a_key_only_in_the_new_map_is_added() {
        let (old, new) = (map(&[]), map(&[(1, "a")]));
        assert_eq!(walk(&old, &new), [Delta::Added(&1, &"a")]);
    }

    #[test]
    fn a_key_only_in_the_old_map_is_removed() {
        let (old, new) = (map(&[(1, "a")]), map(&[]));
        assert_eq!(walk(&old, &new), [Delta::Removed(&1, &"a")]);
    }

    #[test]
    fn a_key_in_both_with_different_values_is_changed_old_value_first() {
        let (old, new) = (map(&[(1, "a")]), map(&[(1, "b")]));
        assert_eq!(walk(&old, &new), [Delta::Changed(&1, &"a", &"b")]);
    }

    #[test]
    fn equal_values_are_no_change() {
        let both = map(&[(1, "a"), (2, "b")]);
        assert_eq!(walk(&both, &both), []);
        assert_eq!(walk(&map(&[]), &map(&[])), []);
    }

    #[test]
    fn same_decides_what_counts_as_a_change() {
        let (old, new) = (map(&[(1, "a")]), map(&[(1, "A")]));
        let deltas: Vec<_> = keyed_diff(&old, &new, |a, b| a.eq_ignore_ascii_case(b)).collect();
        assert_eq!(deltas, []);
    }

    #[test]
    fn changes_come_in_key_order_whichever_map_holds_the_key() {
        let old = map(&[(1, "a"), (3, "c"), (4, "d"), (6, "f")]);
        let new = map(&[(2, "b"), (3, "c"), (4, "D"), (5, "e")]);
        assert_eq!(
            walk(&old, &new),
            [
                Delta::Removed(&1, &"a"),
                Delta::Added(&2, &"b"),
                Delta::Changed(&4, &"d", &"D"),
                Delta::Added(&5, &"e"),
                Delta::Removed(&6, &"f"),
            ]
        );
    }
}
