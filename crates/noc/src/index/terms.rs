//! A sorted list of terms, stored flat, with a fast lookup.
//!
//! The profile and duty indexes look every query word and phrase up by
//! text, some hundred lookups per description. A binary search over the
//! whole list compares a term some 17 times; a table of where the terms
//! of each first two bytes start narrows it to the few that share them.
//! The table is built on the first lookup (one pass, well under a
//! millisecond) and never stored, so the cache stays as small and quick
//! to decode as before.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Terms in sorted order, each with its position as its id.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct SortedTerms {
    /// Every term in sorted order, one after the other.
    text: String,
    /// The end of each term in `text`.
    ends: Vec<u32>,
    /// For each key ([`bucket`]), how many terms have a smaller key: the
    /// terms of key `k` are `buckets[k]..buckets[k + 1]`.
    #[serde(skip)]
    buckets: OnceLock<Vec<u32>>,
}

/// The number of keys: one per first two bytes.
const KEYS: usize = 1 << 16;

/// A term's key: its first two bytes, a missing byte read as 0. Sorted
/// terms have keys in order, since a shorter term sorts before the
/// longer ones it begins.
fn bucket(term: &[u8]) -> usize {
    let byte = |i: usize| term.get(i).copied().unwrap_or(0) as usize;
    (byte(0) << 8) | byte(1)
}

impl SortedTerms {
    /// Appends `term`, which sorts after every term so far.
    pub(crate) fn push(&mut self, term: &str) {
        debug_assert!(self.len() == 0 || self.get(self.len() - 1) < term);
        self.text.push_str(term);
        self.ends.push(self.text.len() as u32);
        self.buckets = OnceLock::new();
    }

    /// The number of terms.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The `i`-th term in sorted order ("" past the end).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        let end = self.ends.get(i).map_or(start, |e| *e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// The position of `term`, if the list has it.
    pub(crate) fn find(&self, term: &str) -> Option<usize> {
        let buckets = self.buckets.get_or_init(|| self.build_buckets());
        let k = bucket(term.as_bytes());
        let (mut lo, mut hi) = (buckets[k] as usize, buckets[k + 1] as usize);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    fn build_buckets(&self) -> Vec<u32> {
        let mut buckets = vec![0u32; KEYS + 1];
        for i in 0..self.len() {
            buckets[bucket(self.get(i).as_bytes()) + 1] += 1;
        }
        for k in 1..buckets.len() {
            buckets[k] += buckets[k - 1];
        }
        buckets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_term_and_nothing_else() {
        let mut words = vec![
            "",
            "a",
            "ab",
            "abc",
            "abd",
            "b",
            "ba",
            "électricien",
            "zz",
            "zzz",
            "社区",
            "社区工作者",
        ];
        words.sort_unstable();
        let mut terms = SortedTerms::default();
        for w in &words {
            terms.push(w);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(terms.find(w), Some(i), "{w:?}");
            assert_eq!(terms.get(i), *w);
        }
        for absent in ["aa", "abe", "c", "z", "électric", "社", "\u{0}"] {
            assert_eq!(terms.find(absent), None, "{absent:?}");
        }
        // A term pushed after a lookup is found too.
        terms.push("社区工作者们");
        assert_eq!(terms.find("社区工作者们"), Some(words.len()));
        assert_eq!(SortedTerms::default().find("a"), None);
    }
}
