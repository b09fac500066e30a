//! Each unit group as one document (its titles, lead statement and main
//! duties), ranked against a query by BM25F.
//!
//! The title index scores one title at a time. This view pools a whole
//! profile, so a group whose duties name what the query names
//! (`transfusion` in the duties of medical laboratory technologists) gains
//! even when none of its titles does. The matcher uses it to order the
//! candidates below its first few.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Lists, SortedTerms};

/// The fields of a profile document, with how much an occurrence in each
/// counts toward a term's frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Every title of the group: the class title, examples, index titles,
    /// inclusions and duty headings.
    Titles,
    /// The lead statement.
    Lead,
    /// The main duties and their introduction.
    Duties,
}

impl Field {
    /// In the order of their discriminants, which index per-field arrays.
    const ALL: [Field; 3] = [Field::Titles, Field::Lead, Field::Duties];

    /// An occurrence in a title counts fully; the prose of the lead
    /// statement and duties uses many words that do not name the
    /// occupation, so an occurrence there counts less.
    fn weight(self) -> f32 {
        match self {
            Field::Titles => 1.0,
            Field::Lead | Field::Duties => 0.6,
        }
    }
}

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;

/// BM25's length normalisation: long profiles repeat words by length
/// alone.
const B: f32 = 0.75;

/// The terms of every group's profile, with each term's BM25F weight per
/// group. Stored flat (a few long arrays, no map) because every cached
/// start-up decodes it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ProfileIndex {
    /// Every term in sorted order; a term's id is its position.
    terms: SortedTerms,
    /// Where each term's postings start in `groups` and `weights`; one
    /// more than there are terms.
    #[serde(with = "super::raw::vec")]
    starts: Vec<u32>,
    /// The groups whose profile has the term.
    #[serde(with = "super::raw::vec")]
    groups: Vec<u32>,
    /// The term's weight there (IDF times saturated frequency).
    #[serde(with = "super::raw::vec")]
    weights: Vec<f32>,
    /// Each group's terms of highest weight, at most
    /// [`FEEDBACK_GROUP_TERMS`] of them, by descending weight, with their
    /// weight: what pseudo-relevance feedback reads
    /// ([`ProfileIndex::feedback`]).
    ///
    /// [`FEEDBACK_GROUP_TERMS`]: crate::describe::score::FEEDBACK_GROUP_TERMS
    best_terms: Lists<(u32, f32)>,
}

/// Collects the terms of each group's profile, field by field.
#[derive(Debug, Default)]
pub struct ProfileBuilder {
    /// Per group, per field: term counts and the field's length.
    groups: Vec<[(HashMap<String, u32>, u32); 3]>,
}

impl ProfileBuilder {
    /// A builder for `groups` groups, numbered `0..groups`.
    pub fn new(groups: usize) -> ProfileBuilder {
        ProfileBuilder {
            groups: (0..groups).map(|_| Default::default()).collect(),
        }
    }

    /// Adds the terms of one text of `group`'s `field`.
    pub fn add<'t>(
        &mut self,
        group: u32,
        field: Field,
        terms: impl IntoIterator<Item = &'t str>,
    ) {
        let Some(g) = self.groups.get_mut(group as usize) else { return };
        let (counts, len) = &mut g[field as usize];
        for t in terms {
            *counts.entry(t.to_string()).or_default() += 1;
            *len += 1;
        }
    }

    /// Weighs every term by BM25F.
    pub fn build(self) -> ProfileIndex {
        let n = self.groups.len();
        let mut average = [0f32; 3];
        for g in &self.groups {
            for (a, (_, len)) in average.iter_mut().zip(g) {
                *a += *len as f32;
            }
        }
        for a in &mut average {
            *a = (*a / n.max(1) as f32).max(1.0);
        }
        // Per group, the weighted, length-normalised frequency of each term.
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut frequencies: Vec<Vec<(u32, f32)>> = vec![];
        for (gid, g) in self.groups.into_iter().enumerate() {
            let mut tf: HashMap<u32, f32> = HashMap::new();
            for ((field, (counts, len)), avg) in
                Field::ALL.iter().zip(g).zip(average)
            {
                let norm = 1.0 - B + B * len as f32 / avg;
                for (term, count) in counts {
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(term).or_insert(next);
                    if id as usize == frequencies.len() {
                        frequencies.push(vec![]);
                    }
                    *tf.entry(id).or_default() +=
                        field.weight() * count as f32 / norm;
                }
            }
            for (id, f) in tf {
                frequencies[id as usize].push((gid as u32, f));
            }
        }
        let mut sorted: Vec<(String, u32)> = vocab.into_iter().collect();
        sorted.sort();
        let mut index = ProfileIndex { starts: vec![0], ..Default::default() };
        for (term, id) in sorted {
            index.terms.push(&term);
            let mut list = std::mem::take(&mut frequencies[id as usize]);
            let df = list.len() as f32;
            let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
            list.sort_by_key(|(g, _)| *g);
            for (g, f) in list {
                index.groups.push(g);
                index.weights.push(idf * f * (K1 + 1.0) / (f + K1));
            }
            index.starts.push(index.groups.len() as u32);
        }
        index.best_terms(n);
        index
    }
}

impl ProfileIndex {
    /// Fills `best_terms` for `n` groups from the postings.
    fn best_terms(&mut self, n: usize) {
        let top = crate::describe::score::FEEDBACK_GROUP_TERMS;
        let mut by_group: Vec<Vec<(u32, f32)>> = vec![vec![]; n];
        for t in 0..self.terms.len() {
            let range = self.starts[t] as usize..self.starts[t + 1] as usize;
            for (&g, &w) in
                self.groups[range.clone()].iter().zip(&self.weights[range])
            {
                if let Some(v) = by_group.get_mut(g as usize) {
                    v.push((t as u32, w));
                }
            }
        }
        self.best_terms = Lists::default();
        for mut v in by_group {
            // By weight, then term, so the cut is the same on every build.
            v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            v.truncate(top);
            self.best_terms.push(v);
        }
    }

    /// Group `g`'s terms of highest weight, by descending weight, with
    /// their weight (at most
    /// [`FEEDBACK_GROUP_TERMS`](crate::describe::score::FEEDBACK_GROUP_TERMS)).
    pub fn best_terms_of(&self, g: u32) -> &[(u32, f32)] {
        self.best_terms.get(g as usize)
    }

    /// The feedback query of pseudo-relevance feedback (RM3): for each
    /// `(group, weight)` of `groups` (the weights summing to 1), each of
    /// the group's best terms ([`ProfileIndex::best_terms_of`]) weighing
    /// `weight` × its share of their total weight, summed over groups;
    /// the `terms` heaviest are left in `out` (term id, weight), heaviest
    /// first, ties by term id. `acc` is working memory, one slot per term,
    /// left all zero: summing there and selecting the heaviest costs a
    /// pass over the terms, where sorting them cost a third of a
    /// description's ranking.
    pub fn feedback(
        &self,
        groups: &[(u32, f32)],
        terms: usize,
        acc: &mut Vec<f32>,
        out: &mut Vec<(u32, f32)>,
    ) {
        out.clear();
        acc.resize(self.terms.len(), 0.0);
        for &(g, weight) in groups {
            let best = self.best_terms_of(g);
            let total: f32 = best.iter().map(|(_, w)| w).sum();
            if total <= 0.0 {
                continue;
            }
            for &(t, w) in best {
                let add = weight * w / total;
                let Some(slot) = acc.get_mut(t as usize) else { continue };
                if add > 0.0 {
                    if *slot == 0.0 {
                        out.push((t, 0.0));
                    }
                    *slot += add;
                }
            }
        }
        for (t, w) in out.iter_mut() {
            *w = std::mem::take(&mut acc[*t as usize]);
        }
        let heavier = |x: &(u32, f32), y: &(u32, f32)| {
            y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
        };
        if terms < out.len() {
            out.select_nth_unstable_by(terms, heavier);
            out.truncate(terms);
        }
        out.sort_unstable_by(heavier);
    }

    /// Whether any profile (titles, lead statement, duties) has `term`.
    pub fn contains(&self, term: &str) -> bool {
        self.find(term).is_some()
    }

    /// The position of `term` in sorted order.
    fn find(&self, term: &str) -> Option<usize> {
        self.terms.find(term)
    }

    /// The id of `term` (its position in sorted order), if any profile
    /// has it: look a term up once, then score it by id
    /// ([`ProfileIndex::add_term`]).
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.find(term).map(|i| i as u32)
    }

    /// Adds `weight` times each group's BM25F weight of term `id` to
    /// `scores` (one slot per group); a query repeating a word weighs it
    /// more this way, which [`ProfileIndex::score`] does not.
    pub fn add_term(&self, id: u32, weight: f32, scores: &mut [f32]) {
        let i = id as usize;
        let (Some(&start), Some(&end)) =
            (self.starts.get(i), self.starts.get(i + 1))
        else {
            return;
        };
        let range = start as usize..end as usize;
        let (Some(groups), Some(weights)) =
            (self.groups.get(range.clone()), self.weights.get(range))
        else {
            return;
        };
        for (&g, &w) in groups.iter().zip(weights) {
            if let Some(s) = scores.get_mut(g as usize) {
                *s += weight * w;
            }
        }
    }

    /// Adds each group's BM25F score for the distinct `terms` to
    /// `scores` (one slot per group).
    pub fn score<'t>(
        &self,
        terms: impl IntoIterator<Item = &'t str>,
        scores: &mut [f32],
    ) {
        let mut seen: Vec<usize> = vec![];
        for t in terms {
            let Some(i) = self.find(t) else { continue };
            if seen.contains(&i) {
                continue;
            }
            seen.push(i);
            let (Some(&start), Some(&end)) =
                (self.starts.get(i), self.starts.get(i + 1))
            else {
                continue;
            };
            let range = start as usize..end as usize;
            let (Some(groups), Some(weights)) =
                (self.groups.get(range.clone()), self.weights.get(range))
            else {
                continue;
            };
            for (&g, &w) in groups.iter().zip(weights) {
                if let Some(s) = scores.get_mut(g as usize) {
                    *s += w;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> ProfileIndex {
        let mut b = ProfileBuilder::new(3);
        b.add(0, Field::Titles, ["social", "worker"]);
        b.add(0, Field::Duties, ["counsel", "client", "worker"]);
        b.add(1, Field::Titles, ["youth", "worker"]);
        b.add(1, Field::Lead, ["youth", "program"]);
        b.add(2, Field::Titles, ["cook"]);
        b.add(2, Field::Duties, ["prepare", "meal", "client"]);
        b.build()
    }

    #[test]
    fn terms_scored_by_id_add_up_like_a_query() {
        let p = index();
        let mut by_query = vec![0.0; 3];
        p.score(["youth", "client"], &mut by_query);
        let mut by_id = vec![0.0; 3];
        for t in ["youth", "client"] {
            p.add_term(p.term_id(t).unwrap(), 1.0, &mut by_id);
        }
        assert_eq!(by_query, by_id);
        let mut twice = vec![0.0; 3];
        p.add_term(p.term_id("youth").unwrap(), 2.0, &mut twice);
        assert_eq!(twice[1], 2.0 * by_id[1]);
        assert_eq!(p.term_id("unknown"), None);
        p.add_term(99, 1.0, &mut twice); // an unknown id adds nothing
    }

    #[test]
    fn rare_terms_and_titles_weigh_most() {
        let p = index();
        let mut s = vec![0.0; 3];
        p.score(["youth", "worker"], &mut s);
        assert!(s[1] > s[0] && s[0] > 0.0 && s[2] == 0.0, "{s:?}");
        let mut s = vec![0.0; 3];
        p.score(["counsel"], &mut s);
        assert!(s[0] > 0.0 && s[1] == 0.0, "{s:?}");
        // A repeated or unknown query term adds nothing.
        let mut once = vec![0.0; 3];
        p.score(["meal"], &mut once);
        let mut s = vec![0.0; 3];
        p.score(["meal", "meal", "unknown"], &mut s);
        assert_eq!(s, once);
        assert!(s[2] > 0.0 && s[0] == 0.0);
    }

    #[test]
    fn feedback_pools_the_best_terms_of_the_first_groups() {
        let p = index();
        // Each group's best terms come by descending weight, and weigh
        // what a query of the term gives the group.
        for g in 0..3 {
            let best = p.best_terms_of(g);
            assert!(!best.is_empty());
            assert!(best.windows(2).all(|w| w[0].1 >= w[1].1), "{best:?}");
            for &(t, w) in best {
                let mut s = vec![0.0; 3];
                p.add_term(t, 1.0, &mut s);
                assert_eq!(s[g as usize], w);
            }
        }
        assert!(p.best_terms_of(3).is_empty());
        // Two groups at 0.75 and 0.25: each term weighs the group's
        // weight times its share of the group's best terms, summed.
        let share = |g: u32, term: &str| {
            let best = p.best_terms_of(g);
            let total: f32 = best.iter().map(|(_, w)| w).sum();
            let id = p.term_id(term).unwrap();
            best.iter().find(|(t, _)| *t == id).map_or(0.0, |(_, w)| w / total)
        };
        let (mut acc, mut out) = (vec![], vec![]);
        p.feedback(&[(0, 0.75), (2, 0.25)], 10, &mut acc, &mut out);
        let weight = |term: &str| {
            let id = p.term_id(term).unwrap();
            out.iter().find(|(t, _)| *t == id).map(|(_, w)| *w)
        };
        let client = 0.75 * share(0, "client") + 0.25 * share(2, "client");
        assert!((weight("client").unwrap() - client).abs() < 1e-6);
        assert_eq!(weight("cook"), Some(0.25 * share(2, "cook")));
        assert_eq!(weight("youth"), None); // group 1 gave nothing
        let total: f32 = out.iter().map(|(_, w)| w).sum();
        assert!((total - 1.0).abs() < 1e-5, "{out:?}");
        assert!(out.windows(2).all(|w| w[0].1 >= w[1].1));
        // Only the heaviest terms are kept.
        let mut two = vec![];
        p.feedback(&[(0, 0.75), (2, 0.25)], 2, &mut acc, &mut two);
        assert_eq!(two, out[..2]);
        // The working memory is left clean for the next query.
        assert!(acc.iter().all(|w| *w == 0.0));
    }

    #[test]
    fn empty_index_scores_nothing() {
        let p = ProfileBuilder::new(0).build();
        let mut s: Vec<f32> = vec![];
        p.score(["worker"], &mut s);
        assert!(s.is_empty());
    }
}
