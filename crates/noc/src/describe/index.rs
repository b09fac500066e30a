//! The duty index: every unit group's lead statement and main duties as
//! separate statements, each a set of weighted terms, for aligning a
//! client's duties one by one.
//!
//! Built once with the title [`Index`](crate::index::Index) and stored
//! in it, so the cache holds it. Stored flat (a few long arrays) because
//! every cached start-up decodes it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::code::NocCode;
use crate::index::{Lists, SortedTerms};
use crate::model::{Classification, Lang};

/// What a statement of a profile is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// The lead statement.
    Lead,
    /// One main duty.
    Duty,
}

/// One statement of a profile, as the index keeps it.
#[derive(Clone, Copy, Debug)]
pub struct Statement<'a> {
    /// The group (index into [`Index::groups`](crate::index::Index::groups)).
    pub group: u32,
    /// Lead statement or duty.
    pub kind: StatementKind,
    /// Its language.
    pub lang: Lang,
    /// The text as the source writes it.
    pub text: &'a str,
    /// Its term ids, sorted.
    pub terms: &'a [u32],
    /// The length of its weight vector.
    pub norm: f32,
    /// The length of its words' weight vector (phrases left out).
    pub word_norm: f32,
}

/// The lead statements and main duties of every group.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DutyIndex {
    /// Every term (a word root, or a phrase of two adjacent roots: see
    /// `duty_terms`) in sorted order, one after the other; terms in more
    /// than [`MAX_GROUP_SHARE`] of the groups are left out.
    ///
    /// [`MAX_GROUP_SHARE`]: super::score::MAX_GROUP_SHARE
    terms: SortedTerms,
    /// Each term's weight: its inverse frequency over unit groups, times
    /// [`PHRASE_WEIGHT`] for a phrase.
    ///
    /// [`PHRASE_WEIGHT`]: super::score::PHRASE_WEIGHT
    #[serde(with = "crate::index::raw::vec")]
    idf: Vec<f32>,
    /// Every statement's text, one after the other (UTF-8, checked where
    /// a statement is read: see [`raw`](crate::index::raw)).
    #[serde(with = "crate::index::raw::vec")]
    texts: Vec<u8>,
    /// The end of each statement in `texts`.
    #[serde(with = "crate::index::raw::vec")]
    text_ends: Vec<u32>,
    /// Each statement's group; statements are in group order.
    #[serde(with = "crate::index::raw::vec")]
    groups: Vec<u32>,
    kinds: Vec<StatementKind>,
    langs: Vec<Lang>,
    #[serde(with = "crate::index::raw::vec")]
    norms: Vec<f32>,
    /// Each statement's norm over its words alone (no phrases).
    #[serde(with = "crate::index::raw::vec")]
    word_norms: Vec<f32>,
    /// Each statement's terms.
    statement_terms: Lists<u32>,
    /// Where each term's statements start in `postings`; one more than
    /// there are terms.
    #[serde(with = "crate::index::raw::vec")]
    posting_starts: Vec<u32>,
    /// Each term's statements, English first, then French, then Chinese.
    #[serde(with = "crate::index::raw::vec")]
    postings: Vec<u32>,
    /// Per term, where its French and its Chinese statements start.
    #[serde(with = "crate::index::raw::vec")]
    language_starts: Vec<[u32; 2]>,
    /// Where each group's statements start; one more than there are
    /// groups.
    #[serde(with = "crate::index::raw::vec")]
    group_starts: Vec<u32>,
    /// Each group's code and number, sorted by code.
    by_code: Vec<(NocCode, u32)>,
    /// Each "classified elsewhere" entry: the group that lists it, the
    /// group it points to, its language and text; by listing group.
    exclusions: Vec<(u32, u32, Lang, String)>,
}

impl DutyIndex {
    /// Indexes the lead statement and main duties of every unit group of
    /// `c`; `codes` are the index's groups in order (groups known only as
    /// exclusion targets have no statements).
    pub(crate) fn build(c: &Classification, codes: &[NocCode]) -> DutyIndex {
        let mut raw: Vec<(u32, StatementKind, Lang, &str)> = vec![];
        for (gid, code) in codes.iter().enumerate() {
            let Some(g) = c.get(code) else { continue };
            for (lang, t) in g.lead_statement.iter() {
                raw.push((gid as u32, StatementKind::Lead, lang, t));
            }
            for item in g.main_duties.iter().flat_map(|s| &s.items) {
                for (lang, t) in item.iter() {
                    raw.push((gid as u32, StatementKind::Duty, lang, t));
                }
            }
        }
        let keys = analyze_all(&raw);
        // Document frequency over groups.
        let mut df: HashMap<&str, u32> = HashMap::new();
        let mut last: HashMap<&str, u32> = HashMap::new();
        for ((gid, ..), ks) in raw.iter().zip(&keys) {
            for k in ks {
                if last.insert(k.as_str(), *gid) != Some(*gid) {
                    *df.entry(k.as_str()).or_default() += 1;
                }
            }
        }
        // Words in many groups' statements are left out (see
        // `score::MAX_GROUP_SHARE`).
        let max_df = super::score::MAX_GROUP_SHARE * codes.len() as f32;
        let mut vocab: Vec<&str> = df
            .iter()
            .filter(|(_, d)| **d as f32 <= max_df)
            .map(|(k, _)| *k)
            .collect();
        vocab.sort_unstable();
        let id_of: HashMap<&str, u32> =
            vocab.iter().enumerate().map(|(i, t)| (*t, i as u32)).collect();
        let n = codes.len().max(1) as f32;
        let mut ix = DutyIndex::default();
        for t in &vocab {
            ix.terms.push(t);
            let d = df[t] as f32;
            let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
            let phrase = if super::is_phrase(t) {
                super::score::PHRASE_WEIGHT
            } else {
                1.0
            };
            ix.idf.push(phrase * idf);
        }
        let mut posting_lists: Vec<Vec<u32>> = vec![vec![]; vocab.len()];
        ix.group_starts = vec![0; codes.len() + 1];
        for (s, ((gid, kind, lang, text), ks)) in
            raw.iter().zip(&keys).enumerate()
        {
            ix.texts.extend_from_slice(text.as_bytes());
            ix.text_ends.push(ix.texts.len() as u32);
            ix.groups.push(*gid);
            ix.kinds.push(*kind);
            ix.langs.push(*lang);
            let mut ids: Vec<u32> = ks
                .iter()
                .filter_map(|k| id_of.get(k.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let norm: f32 = ids
                .iter()
                .map(|&i| ix.idf[i as usize].powi(2))
                .sum::<f32>()
                .sqrt();
            ix.norms.push(norm);
            let word_norm: f32 = ids
                .iter()
                .filter(|&&i| !super::is_phrase(vocab[i as usize]))
                .map(|&i| ix.idf[i as usize].powi(2))
                .sum::<f32>()
                .sqrt();
            ix.word_norms.push(word_norm);
            for &i in &ids {
                posting_lists[i as usize].push(s as u32);
            }
            ix.statement_terms.push(ids);
            ix.group_starts[*gid as usize + 1] += 1;
        }
        for g in 1..ix.group_starts.len() {
            ix.group_starts[g] += ix.group_starts[g - 1];
        }
        ix.posting_starts.push(0);
        let rank = |l: Lang| match l {
            Lang::En => 0,
            Lang::Fr => 1,
            Lang::Zh => 2,
        };
        for mut list in posting_lists {
            list.sort_by_key(|s| (rank(ix.langs[*s as usize]), *s));
            let start = ix.postings.len();
            let at = |r: u8| {
                (start
                    + list
                        .partition_point(|s| rank(ix.langs[*s as usize]) < r))
                    as u32
            };
            ix.language_starts.push([at(1), at(2)]);
            ix.postings.extend(list);
            ix.posting_starts.push(ix.postings.len() as u32);
        }
        ix.by_code =
            codes.iter().enumerate().map(|(i, c)| (*c, i as u32)).collect();
        ix.by_code.sort();
        for (gid, code) in codes.iter().enumerate() {
            let Some(g) = c.get(code) else { continue };
            for e in &g.exclusions {
                let Some(target) = e.target.and_then(|t| ix.group_of(&t))
                else {
                    continue;
                };
                for (lang, text) in e.text.iter() {
                    ix.exclusions.push((
                        gid as u32,
                        target,
                        lang,
                        text.clone(),
                    ));
                }
            }
        }
        ix
    }

    /// The "classified elsewhere" entries of group `g`: the group each
    /// points to, its language and text.
    pub fn exclusions(
        &self,
        g: u32,
    ) -> impl Iterator<Item = (u32, Lang, &str)> + '_ {
        let start = self.exclusions.partition_point(|e| e.0 < g);
        self.exclusions[start..]
            .iter()
            .take_while(move |e| e.0 == g)
            .map(|e| (e.1, e.2, e.3.as_str()))
    }

    /// The number of statements.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no group has a lead statement or duty.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Statement `s` (`0..len()`).
    pub fn statement(&self, s: u32) -> Statement<'_> {
        let i = s as usize;
        let start = i.checked_sub(1).map_or(0, |j| self.text_ends[j] as usize);
        Statement {
            group: self.groups[i],
            kind: self.kinds[i],
            lang: self.langs[i],
            text: crate::index::raw::text(
                &self.texts,
                start,
                self.text_ends[i] as usize,
            ),
            terms: self.statement_terms.get(i),
            norm: self.norms[i],
            word_norm: self.word_norms[i],
        }
    }

    /// The language and kind of statement `s`, without its text (which
    /// is checked as UTF-8 where it is read).
    #[inline]
    pub(crate) fn lang_and_kind(&self, s: u32) -> (Lang, StatementKind) {
        let i = s as usize;
        (self.langs[i], self.kinds[i])
    }

    /// The term ids and the words' norm of statement `s`: all that a
    /// cosine reads.
    #[inline]
    pub(crate) fn terms_and_word_norm(&self, s: u32) -> (&[u32], f32) {
        let i = s as usize;
        (self.statement_terms.get(i), self.word_norms[i])
    }

    /// The group, the norm and the words' norm of statement `s`: all
    /// that ranking reads.
    #[inline]
    pub(crate) fn group_and_norms(&self, s: u32) -> (u32, f32, f32) {
        let i = s as usize;
        (self.groups[i], self.norms[i], self.word_norms[i])
    }

    /// The statements of group `g`.
    pub fn group_statements(&self, g: u32) -> std::ops::Range<u32> {
        let g = g as usize;
        match (self.group_starts.get(g), self.group_starts.get(g + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// The number of the group with `code`, if the index has it.
    pub fn group_of(&self, code: &NocCode) -> Option<u32> {
        self.by_code
            .binary_search_by(|(c, _)| c.cmp(code))
            .ok()
            .map(|k| self.by_code[k].1)
    }

    /// The id of `term`, if any statement has it.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.find(term).map(|i| i as u32)
    }

    /// The weight of term `id`.
    pub fn idf(&self, id: u32) -> f32 {
        self.idf.get(id as usize).copied().unwrap_or(0.0)
    }

    /// The statements that have term `id`, English first, then French,
    /// then Chinese.
    pub fn postings(&self, id: u32) -> &[u32] {
        self.postings_in(id, None)
    }

    /// The statements in `lang` that have term `id` (all of them for
    /// `None`).
    pub fn postings_in(&self, id: u32, lang: Option<Lang>) -> &[u32] {
        let i = id as usize;
        let (Some(&a), Some(&b), Some(&[fr, zh])) = (
            self.posting_starts.get(i),
            self.posting_starts.get(i + 1),
            self.language_starts.get(i),
        ) else {
            return &[];
        };
        let (from, to) = match lang {
            None => (a, b),
            Some(Lang::En) => (a, fr),
            Some(Lang::Fr) => (fr, zh),
            Some(Lang::Zh) => (zh, b),
        };
        self.postings.get(from as usize..to as usize).unwrap_or(&[])
    }
}

/// Analyses statements on every core, in order: the full data has some
/// 13,000 of them.
fn analyze_all(raw: &[(u32, StatementKind, Lang, &str)]) -> Vec<Vec<String>> {
    crate::parallel::in_blocks(
        raw,
        crate::parallel::cores(),
        256,
        |_: &mut (), (_, _, lang, t)| {
            super::duty_terms(&super::analyze_duty(t, Some(*lang)))
        },
    )
}
