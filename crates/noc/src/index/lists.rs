//! Many short lists stored as one: every list's items one after the
//! other, and where each list starts.
//!
//! The index has tens of thousands of short lists (a term's postings, a
//! trigram's terms, a word family). As `Vec<Vec<T>>` or a map of them,
//! reading the cache allocated each one and took a third of a cached
//! command's start; as two flat arrays it is two allocations.

use serde::{Deserialize, Serialize};

use super::raw::{self, Fixed};

/// Lists `0..len()`, each a slice of `items`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "T: Fixed")]
pub(crate) struct Lists<T> {
    /// Where each list starts in `items`, and one more: the end of the
    /// last.
    #[serde(with = "raw::vec")]
    starts: Vec<u32>,
    #[serde(with = "raw::vec")]
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists { starts: vec![0], items: vec![] }
    }
}

impl<T> Lists<T> {
    /// The lists of `nested`, in order.
    pub(crate) fn from_nested(nested: Vec<Vec<T>>) -> Lists<T> {
        let mut lists = Lists::default();
        lists.items.reserve(nested.iter().map(Vec::len).sum());
        for list in nested {
            lists.push(list);
        }
        lists
    }

    /// Appends a list after the last.
    pub(crate) fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.starts.push(self.items.len() as u32);
    }

    /// List `i`; empty past the end.
    pub(crate) fn get(&self, i: usize) -> &[T] {
        let end = i.checked_add(1).and_then(|j| self.starts.get(j));
        match (self.starts.get(i), end) {
            (Some(&start), Some(&end)) => {
                self.items.get(start as usize..end as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_list_in_order() {
        let nested = vec![vec![1, 2], vec![], vec![3], vec![4, 5, 6]];
        let lists = Lists::from_nested(nested.clone());
        for (i, list) in nested.iter().enumerate() {
            assert_eq!(lists.get(i), &list[..]);
        }
        assert!(lists.get(4).is_empty());
        assert!(lists.get(usize::MAX).is_empty());
        assert!(Lists::<u32>::default().get(0).is_empty());
        let back: Lists<u32> =
            postcard::from_bytes(&postcard::to_stdvec(&lists).unwrap())
                .unwrap();
        assert_eq!(back, lists);
    }
}
