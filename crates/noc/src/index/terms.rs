//! A sorted list of terms, stored flat, with a fast lookup.
//!
//! The title, profile and duty indexes look every query word and phrase
//! up by text, some hundred lookups per description. A binary search
//! over the whole list compares a term some 17 times; a table of where
//! the terms of each pair of first letters start narrows it to the few
//! that share them. The table (1,024 keys) is built on the first lookup
//! and never stored.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::raw;

/// Terms in sorted order, each with its position as its id.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct SortedTerms {
    /// Every term in sorted order, one after the other (UTF-8, checked
    /// where a term is read: see [`raw`]).
    #[serde(with = "raw::vec")]
    text: Vec<u8>,
    /// The end of each term in `text`.
    #[serde(with = "raw::vec")]
    ends: Vec<u32>,
    /// For each key ([`bucket`]), how many terms have a smaller key: the
    /// terms of key `k` are `buckets[k]..buckets[k + 1]`.
    #[serde(skip)]
    buckets: OnceLock<Vec<u32>>,
}

/// The number of keys: 32 classes of the first byte by 32 of the
/// second.
const KEYS: usize = 32 * 32;

/// A term's key, from its first two bytes: each byte's class ([`class`])
/// for first and second. Sorted terms have keys in order, since classes
/// keep the order of bytes and a shorter term sorts before the longer
/// ones it begins.
fn bucket(term: &[u8]) -> usize {
    let byte = |i: usize| term.get(i).copied().unwrap_or(0);
    class(byte(0)) * 32 + class(byte(1))
}

/// A byte's class, in the order of bytes: a missing byte and the bytes
/// up to `_` are 0 (digits and punctuation start few terms), `` ` `` is
/// 1, `a` to `z` are 2 to 27, and the bytes after `z` (`{`, `|`, `}`, `~` and every byte
/// of an accented letter or a Chinese character) are 28 to 31. A table of
/// 1,024 keys is built in microseconds, where one per two bytes (65,536)
/// cost a millisecond of a cached start.
fn class(b: u8) -> usize {
    (b.saturating_sub(b'a' - 2) as usize).min(31)
}

impl SortedTerms {
    /// Appends `term`, which sorts after every term so far.
    pub(crate) fn push(&mut self, term: &str) {
        debug_assert!(self.len() == 0 || self.get(self.len() - 1) < term);
        self.text.extend_from_slice(term.as_bytes());
        self.ends.push(self.text.len() as u32);
        self.buckets = OnceLock::new();
    }

    /// The number of terms.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The `i`-th term in sorted order ("" past the end).
    pub(crate) fn get(&self, i: usize) -> &str {
        let (start, end) = self.span(i);
        raw::text(&self.text, start, end)
    }

    /// The bytes of the `i`-th term: what lookups compare.
    fn bytes(&self, i: usize) -> &[u8] {
        let (start, end) = self.span(i);
        self.text.get(start..end).unwrap_or(&[])
    }

    fn span(&self, i: usize) -> (usize, usize) {
        let end_of = |j: usize| self.ends.get(j).map(|e| *e as usize);
        let start = i.checked_sub(1).and_then(end_of).unwrap_or(0);
        (start, end_of(i).unwrap_or(start))
    }

    /// The position of `term`, if the list has it.
    pub(crate) fn find(&self, term: &str) -> Option<usize> {
        let buckets = self.buckets.get_or_init(|| self.build_buckets());
        let k = bucket(term.as_bytes());
        let (mut lo, mut hi) = (buckets[k] as usize, buckets[k + 1] as usize);
        while lo < hi {
            let mid = (lo + hi) / 2;
            // Bytes sort as their UTF-8 strings do.
            match self.bytes(mid).cmp(term.as_bytes()) {
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
            buckets[bucket(self.bytes(i)) + 1] += 1;
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
