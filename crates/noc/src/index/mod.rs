//! The index of every title of a classification, built once and then
//! read by the [`Matcher`](crate::matcher::Matcher).
//!
//! Each unit group contributes its class title, example titles, the full
//! index of titles and inclusions, in every language loaded. A
//! "classified elsewhere" entry of one group is indexed as a title of the
//! group it points to, remembering the group that excludes it. Titles are
//! normalised by the same [`Normalizer`] that later reads queries.
//!
//! Beside the titles, each unit group's whole profile (titles, lead
//! statement, main duties) is kept as one document ([`ProfileIndex`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::code::{Level, NocCode, NocVersion};
use crate::describe::DutyIndex;
use crate::matcher::score;
use crate::model::{Classification, Lang, Text};
use crate::normalize::{Analyzed, Normalizer, Part};

mod lists;
mod profile;
pub(crate) mod raw;
mod terms;

pub(crate) use lists::Lists;
use raw::Fixed;

pub use profile::ProfileIndex;
use profile::{Field, ProfileBuilder};
pub(crate) use terms::SortedTerms;

/// A term id in the index's vocabulary.
pub type TermId = u32;

/// Where an index entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrySource {
    /// The unit group's own title.
    ClassTitle,
    /// An illustrative (example) title.
    Example,
    /// A title of the full index ("All examples").
    IndexTitle,
    /// An inclusion.
    Inclusion,
    /// A sub-occupation named as a heading of the main duties
    /// (`Insurance managers` in 10020).
    DutyHeading,
    /// A "classified elsewhere" entry of another group that points here.
    Exclusion,
    /// The class title in another language, translated by the noc
    /// project (unofficial: [`crate::zh::PROVENANCE`]).
    TranslatedTitle,
    /// A job title people write for the work, in another language,
    /// collected by the noc project (unofficial).
    TranslatedAlias,
}

impl EntrySource {
    /// Whether Statistics Canada wrote the title (`false` for the noc
    /// project's own translations).
    pub fn is_official(self) -> bool {
        !matches!(
            self,
            EntrySource::TranslatedTitle | EntrySource::TranslatedAlias
        )
    }
}

/// A unit group as the matcher knows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GroupInfo {
    /// The code.
    pub code: NocCode,
    /// The class title.
    #[serde(with = "text_as_tuple")]
    pub title: Text,
    /// False for a group known only as the target of an exclusion (its
    /// profile is not in the loaded data).
    pub in_data: bool,
    /// The noc project's unofficial Chinese title of the group.
    #[serde(default)]
    pub unofficial_zh: Option<String>,
}

/// [`Text`] as a plain `(en, fr, zh)` tuple. The model's own serde form
/// leaves out missing languages, which suits JSON but not the compact,
/// positional encoding of the index cache.
mod text_as_tuple {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::Text;

    pub fn serialize<S: Serializer>(
        t: &Text,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        (&t.en, &t.fr, &t.zh).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Text, D::Error> {
        let (en, fr, zh) = Deserialize::deserialize(d)?;
        Ok(Text { en, fr, zh })
    }
}

/// One indexed title, as the index stores it.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The group it belongs to (index into [`Index::groups`]).
    pub group: u32,
    /// The title as the source wrote it.
    pub title: &'a str,
    /// Its language.
    pub lang: Lang,
    /// What kind of title it is.
    pub source: EntrySource,
    /// For an exclusion entry, the group that lists it.
    pub excluded_by: Option<u32>,
    /// The sum of its term weights (IDF times part weight).
    pub total: f32,
    /// The head noun.
    pub head: Option<TermId>,
    /// Terms of an `(except …)` part that the title itself does not
    /// use; a query naming any of them is not about this title.
    pub exception: &'a [TermId],
}

/// One occurrence of a term: the entry, its group, and the term's
/// weight in the entry.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    /// The entry (index into [`Index::entries`]).
    pub entry: u32,
    /// The entry's group.
    pub group: u32,
    /// The term's weight in the entry.
    pub weight: f32,
}

impl Fixed for Posting {
    const SIZE: usize = 12;
    fn put(&self, out: &mut Vec<u8>) {
        (self.entry, self.group, self.weight).put(out);
    }
    fn get(bytes: &[u8]) -> Posting {
        let (entry, group, weight) = Fixed::get(bytes);
        Posting { entry, group, weight }
    }
}

/// What scoring needs of an entry, packed small: ranking reads it for
/// every entry a query touches.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct EntryMeta {
    /// The group.
    pub group: u32,
    /// The sum of the entry's term weights.
    pub total: f32,
    /// The head noun, or `u32::MAX`.
    pub head: TermId,
    /// For an exclusion entry, the group that lists it, or `u32::MAX`.
    pub excluded_by: u32,
    /// The language.
    pub lang: Lang,
    /// Whether the entry has an `(except …)` part.
    pub has_exception: bool,
    /// What kind of title it is.
    pub source: EntrySource,
}

/// An immutable index over the titles of one classification. It is
/// `Send + Sync`, so one index serves many threads.
#[derive(Debug)]
pub struct Index {
    /// The one shared normaliser (never stored).
    normalizer: &'static Normalizer,
    group_part: GroupPart,
    title_part: TitlePart,
    /// Whether fewer than half of its unit groups have their profile in
    /// the loaded data (see [`Index::is_partial`]).
    partial: bool,
}

/// The groups, their profiles and their duty statements: the part of
/// the index that descriptions read. The cache stores it apart from the
/// [`TitlePart`], and a cached start decodes the two on two cores.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct GroupPart {
    version: NocVersion,
    groups: Vec<GroupInfo>,
    /// Each unit group's whole profile as one document.
    profiles: ProfileIndex,
    /// Each unit group's lead statement and main duties, one by one.
    duties: DutyIndex,
}

/// Every title (entry) with its terms, postings and vocabulary.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct TitlePart {
    /// Every entry's title, one after the other: one string decodes from
    /// the cache far faster than 60,000 small ones (UTF-8, checked where
    /// a title is read: see [`raw`]).
    #[serde(with = "raw::vec")]
    titles: Vec<u8>,
    /// The end of each entry's title in `titles`.
    #[serde(with = "raw::vec")]
    title_ends: Vec<u32>,
    /// The `(except …)` terms of the few entries that have them, by
    /// entry.
    exceptions: Vec<(u32, Vec<TermId>)>,
    /// The vocabulary in sorted order: a term's id is its position.
    /// Every collection of the title index is flat (lists, no maps), so
    /// that a cached start decodes a few long arrays.
    terms: SortedTerms,
    /// Each term's place in the order in which the data first uses it
    /// (the first group's class title first): equally near spellings
    /// and a word family's terms are taken in this order, so that
    /// results do not depend on how the vocabulary is stored.
    #[serde(with = "raw::vec")]
    term_ranks: Vec<u32>,
    #[serde(with = "raw::vec")]
    idf: Vec<f32>,
    /// Each term's postings, in entry order.
    postings: Lists<Posting>,
    meta: Vec<EntryMeta>,
    /// Every trigram of the vocabulary ([`trigram_key`]), sorted, and
    /// beside it in `trigram_terms` the terms that have it, shortest
    /// first.
    #[serde(with = "raw::vec")]
    trigram_keys: Vec<u64>,
    trigram_terms: Lists<TermId>,
    /// The length of each term in characters (at most 255).
    #[serde(with = "raw::vec")]
    term_chars: Vec<u8>,
    /// Every word root of the vocabulary ([`word_root`]), sorted, and
    /// beside it in `family_terms` the terms that share it.
    family_roots: SortedTerms,
    family_terms: Lists<TermId>,
}

impl Index {
    /// An index of its two parts (from the cache).
    pub(crate) fn from_parts(
        group_part: GroupPart,
        title_part: TitlePart,
    ) -> Index {
        let partial = is_partial(&group_part.groups);
        Index {
            normalizer: Normalizer::shared(),
            group_part,
            title_part,
            partial,
        }
    }

    /// Its two parts (for the cache).
    pub(crate) fn parts(&self) -> (&GroupPart, &TitlePart) {
        (&self.group_part, &self.title_part)
    }

    /// Indexes every unit group of `classification`.
    ///
    /// # Example
    /// ```
    /// let index = noc::index::Index::build(noc::embedded::classification());
    /// assert!(index.entry_count() > 200);
    /// ```
    pub fn build(classification: &Classification) -> Index {
        IndexBuilder::new(classification).build()
    }

    /// Whether fewer than half of the indexed unit groups have their
    /// profile in the loaded data: the embedded default, whose one profile
    /// names a few others only as "classified elsewhere" targets, or a
    /// user's handful of profiles. The groups that might fit a title
    /// better may then be missing, so only a title met word for word is
    /// given a high confidence
    /// ([`crate::matcher::score::PARTIAL_DATA_PROBABILITY`]).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The version of the indexed classification.
    pub fn version(&self) -> NocVersion {
        self.group_part.version
    }

    /// The normaliser used for titles, to be used for queries.
    pub fn normalizer(&self) -> &'static Normalizer {
        self.normalizer
    }

    /// The groups.
    pub fn groups(&self) -> &[GroupInfo] {
        &self.group_part.groups
    }

    /// The number of entries (indexed titles).
    pub fn entry_count(&self) -> usize {
        self.title_part.meta.len()
    }

    /// Entry `e` (`0..entry_count()`).
    pub fn entry(&self, e: u32) -> Entry<'_> {
        let i = e as usize;
        let start = if i == 0 {
            0
        } else {
            self.title_part.title_ends[i - 1] as usize
        };
        let end = self.title_part.title_ends[i] as usize;
        let m = &self.title_part.meta[i];
        let exception = match m.has_exception {
            true => self
                .title_part
                .exceptions
                .binary_search_by_key(&e, |(id, _)| *id)
                .map_or(&[][..], |k| &self.title_part.exceptions[k].1),
            false => &[],
        };
        Entry {
            group: m.group,
            title: raw::text(&self.title_part.titles, start, end),
            lang: m.lang,
            source: m.source,
            excluded_by: (m.excluded_by != u32::MAX).then_some(m.excluded_by),
            total: m.total,
            head: (m.head != u32::MAX).then_some(m.head),
            exception,
        }
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.entry_count() as u32).map(|e| self.entry(e))
    }

    /// The weight of term `id` in entry `e`, if the entry has it.
    pub fn weight_in(&self, id: TermId, e: u32) -> Option<f32> {
        let postings = self.title_part.postings.get(id as usize);
        // Postings are in entry order.
        postings
            .binary_search_by_key(&e, |p| p.entry)
            .ok()
            .map(|k| postings[k].weight)
    }

    /// Every group's profile as one document, for ranking by BM25F.
    pub fn profiles(&self) -> &ProfileIndex {
        &self.group_part.profiles
    }

    /// Every group's lead statement and main duties, for aligning duties.
    pub fn duties(&self) -> &DutyIndex {
        &self.group_part.duties
    }

    /// The id of a term, if the index has it.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.title_part.terms.find(term).map(|i| i as TermId)
    }

    /// The text of a term.
    pub fn term(&self, id: TermId) -> &str {
        self.title_part.terms.get(id as usize)
    }

    fn term_rank(&self, id: TermId) -> u32 {
        self.title_part.term_ranks[id as usize]
    }

    /// The inverse document frequency of a term.
    pub fn idf(&self, id: TermId) -> f32 {
        self.title_part.idf[id as usize]
    }

    /// The entries holding a term, with the term's weight in each.
    pub fn postings(&self, id: TermId) -> &[Posting] {
        self.title_part.postings.get(id as usize)
    }

    /// The compact scoring data of entry `e`.
    pub fn meta(&self, e: u32) -> &EntryMeta {
        &self.title_part.meta[e as usize]
    }

    /// Other terms of the index of the same word family as `term`
    /// (see [`word_root`]): `welder` for `welding`.
    pub fn related_terms(
        &self,
        term: &str,
    ) -> impl Iterator<Item = TermId> + '_ {
        let own = self.term_id(term);
        let family =
            word_root(term).and_then(|r| self.title_part.family_roots.find(r));
        family
            .map_or(&[][..], |f| self.title_part.family_terms.get(f))
            .iter()
            .copied()
            .filter(move |id| Some(*id) != own)
    }

    /// Terms of the vocabulary within `max_edits` edits of `word`
    /// (optimal string alignment: Levenshtein plus swaps of neighbours), nearest first. Only words of 4 or more
    /// letters are looked up: shorter ones are too easily confused.
    pub fn similar_terms(
        &self,
        word: &str,
        max_edits: usize,
    ) -> Vec<(TermId, usize)> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 4 {
            return vec![];
        }
        let grams = trigrams(&chars);
        // Trigram lists are sorted by word length: only words whose
        // length is within `max_edits` can be that near.
        let lo = chars.len().saturating_sub(max_edits);
        let hi = chars.len() + max_edits;
        let mut shared: HashMap<TermId, u16> = HashMap::new();
        for g in &grams {
            let key = trigram_key(g);
            if let Ok(k) = self.title_part.trigram_keys.binary_search(&key) {
                let ids = self.title_part.trigram_terms.get(k);
                let len = |id: &TermId| {
                    self.title_part.term_chars[*id as usize] as usize
                };
                let start = ids.partition_point(|id| len(id) < lo);
                let end = ids.partition_point(|id| len(id) <= hi);
                for &id in &ids[start..end] {
                    *shared.entry(id).or_default() += 1;
                }
            }
        }
        // An edit changes at most 3 trigrams, a transposition 4.
        let need = grams.len().saturating_sub(4 * max_edits).max(1) as u16;
        let mut found: Vec<(TermId, usize)> = shared
            .into_iter()
            .filter(|(_, n)| *n >= need)
            .filter_map(|(id, _)| {
                let d = strsim::osa_distance(word, self.term(id));
                (d <= max_edits && d > 0).then_some((id, d))
            })
            .collect();
        found.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(self.postings(b.0).len().cmp(&self.postings(a.0).len()))
                .then(self.term_rank(a.0).cmp(&self.term_rank(b.0)))
        });
        found
    }
}

/// The root of an English word for grouping a word family: a common
/// derivational ending removed (`welding`, `welder` → `weld`;
/// `accountant`, `accounting` → `account`; `electrician`, `electrical` →
/// `electr`; French `électricité`, `électricien`, `électrique` →
/// `electr`; `soudage`, `soudeur` → `soud`). `None` for short or
/// non-ASCII words.
///
/// # Example
/// ```
/// use noc::index::word_root;
/// assert_eq!(word_root("welding"), word_root("welder"));
/// assert_eq!(word_root("nursing"), Some("nurs"));
/// assert_eq!(word_root("electricite"), word_root("electricien"));
/// assert_eq!(word_root("informatique"), word_root("informaticien"));
/// assert_ne!(word_root("officer"), word_root("office"));
/// ```
pub fn word_root(word: &str) -> Option<&str> {
    // Longest first; English and French (already folded and stemmed to
    // the masculine: `électricienne` is `electricien` here).
    const ENDINGS: [&str; 28] = [
        "ication", "icateur", "ation", "ician", "icien", "icite", "ical",
        "ique", "erie", "ement", "iste", "ing", "ist", "ian", "ien", "ite",
        "eur", "age", "ant", "ent", "ery", "ion", "ics", "ic", "al", "er",
        "or", "e",
    ];
    if !word.is_ascii() || word.len() < 5 {
        return None;
    }
    // Words that look like a family but are not one: an `officer` is a
    // rank or a post, not someone who works in an `office`.
    if NOT_A_FAMILY.contains(&word) {
        return Some(word);
    }
    let root = ENDINGS
        .iter()
        .find(|e| word.len() >= e.len() + 4 && word.ends_with(*e))
        .map_or(word, |e| &word[..word.len() - e.len()]);
    Some(root)
}

/// Words [`word_root`] keeps whole, as their own family.
const NOT_A_FAMILY: &[&str] = &["officer"];

/// A trigram as one number (a `char` fits in 21 bits): a sorted list
/// of these decodes far faster than a map keyed by `[char; 3]`.
fn trigram_key(g: &[char; 3]) -> u64 {
    (u64::from(g[0]) << 42) | (u64::from(g[1]) << 21) | u64::from(g[2])
}

fn trigrams(chars: &[char]) -> Vec<[char; 3]> {
    let mut padded = Vec::with_capacity(chars.len() + 2);
    padded.push('^');
    padded.extend_from_slice(chars);
    padded.push('$');
    padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// Pairs sorted by key, as the distinct keys and, beside each, its
/// values in order.
fn group_sorted<K: PartialEq, V>(pairs: Vec<(K, V)>) -> (Vec<K>, Lists<V>) {
    let mut keys: Vec<K> = vec![];
    let mut values: Vec<Vec<V>> = vec![];
    for (k, v) in pairs {
        match (keys.last(), values.last_mut()) {
            (Some(last), Some(list)) if *last == k => list.push(v),
            _ => {
                keys.push(k);
                values.push(vec![v]);
            }
        }
    }
    (keys, Lists::from_nested(values))
}

/// Analyses `texts` as official titles on every core, in order: the full
/// data has some 70,000 titles and sentences to read.
fn analyze_all(
    normalizer: &'static Normalizer,
    texts: &[(Lang, &str)],
) -> Vec<Analyzed> {
    crate::parallel::in_blocks(
        texts,
        crate::parallel::cores(),
        256,
        |_: &mut (), (lang, t)| normalizer.analyze_title(t, *lang),
    )
}

/// Builds an [`Index`].
pub struct IndexBuilder<'a> {
    classification: &'a Classification,
    normalizer: &'static Normalizer,
}

struct RawEntry {
    group: u32,
    title: String,
    lang: Lang,
    source: EntrySource,
    excluded_by: Option<u32>,
    analyzed: Analyzed,
}

impl<'a> IndexBuilder<'a> {
    /// A builder with the shared [`Normalizer`].
    pub fn new(classification: &'a Classification) -> IndexBuilder<'a> {
        IndexBuilder { classification, normalizer: Normalizer::shared() }
    }

    /// Builds the index.
    pub fn build(self) -> Index {
        let c = self.classification;
        let version = c.version();
        let mut groups: Vec<GroupInfo> = vec![];
        let mut group_ids: HashMap<NocCode, u32> = HashMap::new();
        for g in c.unit_groups() {
            group_ids.insert(g.code, groups.len() as u32);
            groups.push(GroupInfo {
                code: g.code,
                title: g.title.clone(),
                in_data: true,
                unofficial_zh: g
                    .unofficial
                    .as_ref()
                    .filter(|u| u.lang == Lang::Zh)
                    .map(|u| u.title.clone()),
            });
        }
        let mut raw: Vec<RawEntry> = vec![];
        let mut seen: std::collections::HashSet<(u32, Lang, String)> =
            Default::default();
        let mut add = |raw: &mut Vec<RawEntry>,
                       group: u32,
                       lang: Lang,
                       title: &str,
                       source: EntrySource,
                       excluded_by: Option<u32>| {
            let title = title.trim();
            let key = (group, lang, title.to_lowercase());
            if title.is_empty() || !seen.insert(key) {
                return;
            }
            raw.push(RawEntry {
                group,
                title: title.to_string(),
                lang,
                source,
                excluded_by,
                analyzed: Analyzed::default(),
            });
        };
        for g in c.unit_groups() {
            let gid = group_ids[&g.code];
            for (lang, t) in g.title.iter() {
                add(&mut raw, gid, lang, t, EntrySource::ClassTitle, None);
            }
            for (list, source) in [
                (&g.example_titles, EntrySource::Example),
                (&g.all_titles, EntrySource::IndexTitle),
                (&g.inclusions, EntrySource::Inclusion),
            ] {
                for t in list {
                    for (lang, form) in t.iter() {
                        add(&mut raw, gid, lang, &form.original, source, None);
                    }
                }
            }
            if let Some(u) = &g.unofficial {
                let (t, lang) = (&u.title, u.lang);
                add(
                    &mut raw,
                    gid,
                    lang,
                    t,
                    EntrySource::TranslatedTitle,
                    None,
                );
                for a in &u.aliases {
                    add(
                        &mut raw,
                        gid,
                        lang,
                        a,
                        EntrySource::TranslatedAlias,
                        None,
                    );
                }
            }
            for heading in
                g.main_duties.iter().filter_map(|s| s.heading.as_ref())
            {
                for (lang, t) in heading.iter() {
                    add(
                        &mut raw,
                        gid,
                        lang,
                        t,
                        EntrySource::DutyHeading,
                        None,
                    );
                }
            }
        }
        // Exclusions point at other unit groups; a target missing from
        // the data becomes a group known only by its title.
        for g in c.unit_groups() {
            let from = group_ids[&g.code];
            for e in &g.exclusions {
                let Some(target) = e.target else { continue };
                if target.level(version) != Some(Level::UnitGroup) {
                    continue;
                }
                let gid = *group_ids.entry(target).or_insert_with(|| {
                    groups.push(GroupInfo {
                        code: target,
                        title: e.target_title.clone(),
                        in_data: false,
                        unofficial_zh: None,
                    });
                    (groups.len() - 1) as u32
                });
                for (lang, text) in e.text.iter() {
                    add(
                        &mut raw,
                        gid,
                        lang,
                        text,
                        EntrySource::Exclusion,
                        Some(from),
                    );
                }
            }
        }
        let texts: Vec<(Lang, &str)> =
            raw.iter().map(|r| (r.lang, r.title.as_str())).collect();
        let analyzed = analyze_all(self.normalizer, &texts);
        for (r, a) in raw.iter_mut().zip(analyzed) {
            r.analyzed = a;
        }
        raw.retain(|r| !r.analyzed.terms.is_empty());
        let mut profiles = ProfileBuilder::new(groups.len());
        // Profiles hold the official text only: the project's own Chinese
        // names would shift the English and French length norms.
        for r in raw.iter().filter(|r| {
            r.source != EntrySource::Exclusion && r.source.is_official()
        }) {
            let terms = r.analyzed.terms.iter().map(|t| t.text.as_str());
            profiles.add(r.group, Field::Titles, terms);
        }
        let mut prose: Vec<(u32, Field)> = vec![];
        let mut texts: Vec<(Lang, &str)> = vec![];
        for g in c.unit_groups() {
            let gid = group_ids[&g.code];
            let duties = std::iter::once(&g.duties_intro)
                .chain(g.main_duties.iter().flat_map(|s| s.items.iter()));
            let parts = std::iter::once((Field::Lead, &g.lead_statement))
                .chain(duties.map(|d| (Field::Duties, d)));
            for (field, text) in parts {
                for (lang, t) in text.iter() {
                    prose.push((gid, field));
                    texts.push((lang, t.as_str()));
                }
            }
        }
        let analyzed = analyze_all(self.normalizer, &texts);
        for ((gid, field), a) in prose.into_iter().zip(&analyzed) {
            let terms = a.terms.iter().map(|t| t.text.as_str());
            profiles.add(gid, field, terms);
        }
        let codes: Vec<NocCode> = groups.iter().map(|g| g.code).collect();
        let duties = DutyIndex::build(c, &codes);
        let mut index = self.finish(version, groups, raw, profiles.build());
        index.group_part.duties = duties;
        index
    }

    fn finish(
        self,
        version: NocVersion,
        groups: Vec<GroupInfo>,
        raw: Vec<RawEntry>,
        profiles: ProfileIndex,
    ) -> Index {
        // Term ids are positions in sorted order (see `Index::terms`).
        let mut first_use: HashMap<&str, u32> = HashMap::new();
        for r in &raw {
            let a = &r.analyzed;
            let texts = a.terms.iter().map(|t| t.text.as_str());
            let texts = texts
                .chain(a.exception.iter().map(String::as_str))
                .chain(a.heads.iter().map(String::as_str));
            for t in texts {
                let next = first_use.len() as u32;
                first_use.entry(t).or_insert(next);
            }
        }
        let mut all: Vec<(&str, u32)> = first_use.into_iter().collect();
        all.sort_unstable();
        let mut terms = SortedTerms::default();
        for (t, _) in &all {
            terms.push(t);
        }
        let term_ranks: Vec<u32> = all.iter().map(|(_, rank)| *rank).collect();
        let id_of: HashMap<&str, TermId> = all
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (*t, i as TermId))
            .collect();
        let ids: Vec<Vec<(TermId, Part)>> = raw
            .iter()
            .map(|r| {
                let terms = r.analyzed.terms.iter();
                terms.map(|t| (id_of[t.text.as_str()], t.part)).collect()
            })
            .collect();
        drop(id_of);
        let mut df: Vec<u32> = vec![0; terms.len()];
        // Document frequency over unit groups, not titles: the matcher
        // chooses a group, so a word is telling when few groups use it,
        // however many titles of one group repeat it.
        let mut pairs: std::collections::HashSet<(TermId, u32)> =
            Default::default();
        for (r, v) in raw.iter().zip(&ids) {
            for (id, _) in v {
                if pairs.insert((*id, r.group)) {
                    df[*id as usize] += 1;
                }
            }
        }
        let n = groups.len().max(1) as f32;
        // BM25's IDF: rare words weigh more, a word in every group ~0.
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| {
                let d = d as f32;
                (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
            })
            .collect();
        let term_id = |t: &str| terms.find(t).map(|i| i as TermId);
        let mut postings: Vec<Vec<Posting>> = vec![vec![]; terms.len()];
        let mut meta = Vec::with_capacity(raw.len());
        let mut titles: Vec<u8> = vec![];
        let mut title_ends = Vec::with_capacity(raw.len());
        let mut exceptions = vec![];
        for (i, (r, v)) in raw.into_iter().zip(ids).enumerate() {
            let weighted: Vec<(TermId, f32)> = v
                .iter()
                .map(|(id, part)| {
                    (*id, idf[*id as usize] * score::part_weight(*part))
                })
                .collect();
            for (id, w) in &weighted {
                postings[*id as usize].push(Posting {
                    entry: i as u32,
                    group: r.group,
                    weight: *w,
                });
            }
            let total = weighted.iter().map(|(_, w)| w).sum();
            // Only the exception's own words tell: `care` in `(except day
            // care)` is also the title's, `day` is not.
            let exception: Vec<TermId> = r
                .analyzed
                .exception
                .iter()
                .filter_map(|e| term_id(e))
                .filter(|e| !weighted.iter().any(|(id, _)| id == e))
                .collect();
            titles.extend_from_slice(r.title.as_bytes());
            title_ends.push(titles.len() as u32);
            meta.push(EntryMeta {
                group: r.group,
                total,
                head: r.analyzed.head().and_then(term_id).unwrap_or(u32::MAX),
                excluded_by: r.excluded_by.unwrap_or(u32::MAX),
                lang: r.lang,
                has_exception: !exception.is_empty(),
                source: r.source,
            });
            if !exception.is_empty() {
                exceptions.push((i as u32, exception));
            }
        }
        let term_texts = (0..terms.len()).map(|id| terms.get(id));
        let term_chars: Vec<u8> =
            term_texts.map(|t| t.chars().count().min(255) as u8).collect();
        let mut by_trigram: Vec<(u64, TermId)> = vec![];
        for (id, &n) in df.iter().enumerate() {
            let chars: Vec<char> = terms.get(id).chars().collect();
            if chars.len() < 3 || n == 0 {
                continue;
            }
            for g in trigrams(&chars) {
                by_trigram.push((trigram_key(&g), id as TermId));
            }
        }
        by_trigram.sort_unstable_by_key(|&(key, id)| {
            (key, term_chars[id as usize], term_ranks[id as usize])
        });
        let (trigram_keys, trigram_terms) = group_sorted(by_trigram);
        let mut by_root: Vec<(&str, TermId)> = (0..terms.len())
            .filter(|&id| df[id] > 0)
            .filter_map(|id| Some((word_root(terms.get(id))?, id as TermId)))
            .collect();
        by_root.sort_unstable_by_key(|&(root, id)| {
            (root, term_ranks[id as usize])
        });
        let (roots, family_terms) = group_sorted(by_root);
        let mut family_roots = SortedTerms::default();
        for r in roots {
            family_roots.push(r);
        }
        Index {
            normalizer: self.normalizer,
            partial: is_partial(&groups),
            group_part: GroupPart {
                version,
                groups,
                profiles,
                duties: DutyIndex::default(),
            },
            title_part: TitlePart {
                titles,
                title_ends,
                exceptions,
                terms,
                term_ranks,
                idf,
                meta,
                postings: Lists::from_nested(postings),
                trigram_keys,
                trigram_terms,
                term_chars,
                family_roots,
                family_terms,
            },
        }
    }
}

/// See [`Index::is_partial`].
fn is_partial(groups: &[GroupInfo]) -> bool {
    groups.iter().filter(|g| g.in_data).count() * 2 < groups.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_index_has_titles_and_exclusion_targets() {
        let index = Index::build(crate::embedded::classification());
        let codes: Vec<String> =
            index.groups().iter().map(|g| g.code.to_string()).collect();
        assert_eq!(
            codes,
            ["4212", "5254", "4033", "4153", "4215", "0423", "4152"]
        );
        assert!(
            index.groups()[6].title.en.as_deref() == Some("Social workers")
        );
        assert!(!index.groups()[6].in_data);
        let zh = index.entries().filter(|e| e.lang == Lang::Zh).count();
        let en = index.entries().filter(|e| e.lang == Lang::En).count();
        // 115 index titles, 19 examples (all among them), the class title,
        // less the duplicates, plus 6 exclusions, per language.
        assert!(en >= 115 && zh >= 115, "{en} {zh}");
    }

    #[test]
    fn similar_terms_find_typos() {
        let index = Index::build(crate::embedded::classification());
        let near: Vec<&str> = index
            .similar_terms("comunity", 1)
            .iter()
            .map(|(id, _)| index.term(*id))
            .collect();
        assert_eq!(near, ["community"]);
        assert!(index.similar_terms("wrk", 1).is_empty());
    }
}
