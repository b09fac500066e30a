//! Matching free-text job titles to ranked NOC unit groups.
//!
//! The [`Matcher`] reads a query with the index's
//! [`Normalizer`], finds every index title
//! that shares a term with it (exactly, through an abbreviation's other
//! meaning, as a word of the same family, or after a spelling
//! correction), scores each title ([`score`]), combines the titles of
//! each unit group, and returns the groups in rank order: score
//! descending, then code.
//!
//! # Example
//! ```
//! use noc::matcher::{Config, Matcher};
//! let matcher = Matcher::new(noc::index::Index::build(noc::embedded::classification()));
//! let m = matcher.match_title("Youth Worker (PT) - Toronto");
//! assert_eq!(m.candidates[0].code.as_str(), "4212");
//! assert_eq!(m.candidates[0].matched_title, "youth worker");
//! let m = matcher.match_title("social worker");
//! assert_eq!(m.candidates[0].code.as_str(), "4152");
//! assert!(!m.candidates[0].in_data);
//! ```

mod chinese;
mod explain;
pub mod score;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use explain::Explanation;

use crate::code::{NocCode, NocVersion};
use crate::index::{EntrySource, Index, TermId};
use crate::model::Lang;
use crate::normalize::{Analyzed, Normalizer, Part, Term};

/// How a matcher ranks and reports.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// How many candidates to report at most.
    pub top: usize,
    /// The least score of the best candidate; below it the matcher
    /// abstains (reports no candidate).
    pub min_score: f32,
    /// The query language; `None` detects it per query.
    pub lang: Option<Lang>,
    /// Whether to build an explanation for each candidate.
    pub explain: bool,
}

impl Config {
    /// Five candidates, the default least score, language detected, no
    /// explanations.
    pub const DEFAULT: Config = Config {
        top: 5,
        min_score: score::DEFAULT_MIN_SCORE,
        lang: None,
        explain: false,
    };

    /// Sets how many candidates to report.
    pub fn top(mut self, top: usize) -> Config {
        self.top = top;
        self
    }

    /// Sets the least score of the best candidate.
    pub fn min_score(mut self, min_score: f32) -> Config {
        self.min_score = min_score;
        self
    }

    /// Sets the query language (`None`: detect).
    pub fn lang(mut self, lang: Option<Lang>) -> Config {
        self.lang = lang;
        self
    }

    /// Turns explanations on or off.
    pub fn explain(mut self, explain: bool) -> Config {
        self.explain = explain;
        self
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::DEFAULT
    }
}

/// How sure a candidate is: a band of its
/// [probability](Candidate::probability) of being right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Probability ≥ [`score::HIGH_CONFIDENCE`].
    High,
    /// Probability ≥ [`score::MEDIUM_CONFIDENCE`].
    Medium,
    /// Any lower probability.
    Low,
}

impl Confidence {
    /// The band of a probability.
    ///
    /// # Example
    /// ```
    /// use noc::matcher::Confidence;
    /// assert_eq!(Confidence::of(0.9), Confidence::High);
    /// assert_eq!(Confidence::of(0.6), Confidence::Medium);
    /// assert_eq!(Confidence::of(0.2), Confidence::Low);
    /// ```
    pub fn of(probability: f32) -> Confidence {
        if probability >= score::HIGH_CONFIDENCE {
            Confidence::High
        } else if probability >= score::MEDIUM_CONFIDENCE {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }
}

/// One ranked unit group.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Candidate {
    /// The unit group code.
    pub code: NocCode,
    /// Its class title (in the query's language where known).
    pub title: String,
    /// The NOC version.
    pub version: NocVersion,
    /// TEER (NOC 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teer: Option<u8>,
    /// Skill type, the first digit (NOC 2011 and 2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_type: Option<u8>,
    /// Skill level `A` to `D` (NOC 2011 and 2016; none for management).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_level: Option<char>,
    /// The score, 0 to 1.
    pub score: f32,
    /// The estimated probability, 0 to 1, that this is the right unit
    /// group ([`score::probability`] of its [`Candidate::evidence`]).
    #[serde(default)]
    pub probability: f32,
    /// The confidence band of the probability.
    pub confidence: Confidence,
    /// What the probability was estimated from.
    #[serde(skip)]
    pub evidence: Evidence,
    /// The index title that matched best.
    pub matched_title: String,
    /// The language of that title.
    pub matched_lang: Lang,
    /// What kind of title it is.
    pub matched_source: EntrySource,
    /// Who wrote that title: `unofficial` for the noc project's Chinese
    /// names.
    pub matched_provenance: Provenance,
    /// For a Chinese query, the group's Chinese title as the noc project
    /// translated it (unofficial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unofficial_title: Option<String>,
    /// For a match through a "classified elsewhere" entry, the group that
    /// lists it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_from: Option<NocCode>,
    /// False when the group is known only as an exclusion target and its
    /// profile is not in the loaded data.
    pub in_data: bool,
    /// How well the group's whole profile (titles, lead statement,
    /// duties) fits the query, from 0 to 1 (the best-fitting group of all).
    /// Below the first few candidates, the order weighs it beside the
    /// score, so there the scores need not fall in order (see
    /// [`Match::is_ranked`]).
    #[serde(default)]
    pub profile_fit: f32,
    /// For a description with duties, how the group's duties fit them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<crate::describe::DutyEvidence>,
    /// Why it scored what it did, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

impl Candidate {
    /// Sets what the probability of the candidate at `rank` (0 for the
    /// first) is estimated from, the probability and its band, and
    /// explains them when the candidate has an explanation. `taken` is the
    /// sum of the probabilities of the candidates before it: at most one
    /// group is right, so a title's probabilities add up to at most 1.
    fn set_evidence(&mut self, evidence: Evidence, rank: usize, taken: f32) {
        self.evidence = evidence;
        self.probability =
            evidence.probability_at(rank).min((1.0 - taken).max(0.0));
        self.confidence = Confidence::of(self.probability);
        if let Some(x) = &mut self.explanation {
            x.details.push(explain::probability(self.probability, &evidence));
        }
    }

    /// The value by which a candidate at `rank` (0 for the first) was
    /// ordered: its score plus [`score::PROFILE_WEIGHT`] times its profile
    /// fit from rank [`score::PROFILE_KEEP`] to just before
    /// [`score::PROFILE_POOL`], its score elsewhere.
    pub fn ranking_key(&self, rank: usize) -> f32 {
        if (score::PROFILE_KEEP..score::PROFILE_POOL).contains(&rank) {
            self.score + score::PROFILE_WEIGHT * self.profile_fit
        } else {
            self.score
        }
    }
}

impl Match {
    /// Whether the candidates are in ranking order. The first
    /// [`score::PROFILE_KEEP`], the rest of the first
    /// [`score::PROFILE_POOL`], and those after are each a block ordered
    /// by [`Candidate::ranking_key`] (ties by code), and every candidate
    /// of a block scores at least as high as any of a later block.
    pub fn is_ranked(&self) -> bool {
        let c = &self.candidates;
        let block = |i: usize| {
            usize::from(i >= score::PROFILE_KEEP)
                + usize::from(i >= score::PROFILE_POOL)
        };
        let ordered = |a: usize, b: usize| {
            let (ka, kb) = (c[a].ranking_key(a), c[b].ranking_key(b));
            ka > kb || (ka == kb && c[a].code < c[b].code)
        };
        let lowest_before = |i: usize| {
            c[..i].iter().map(|x| x.score).fold(f32::INFINITY, f32::min)
        };
        (1..c.len()).all(|i| {
            if block(i) == block(i - 1) {
                ordered(i - 1, i)
            } else {
                c[i..].iter().all(|x| x.score <= lowest_before(i))
            }
        })
    }
}

/// What the matcher knows of a candidate beyond its score, from which
/// its probability of being right is estimated.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    /// The candidate's score.
    pub score: f32,
    /// Its score minus the best score of any other group (negative below
    /// the first candidate).
    pub margin: f32,
    /// How many other groups score within [`score::COMPETITOR_WINDOW`] of
    /// it: the groups that share the words of its title.
    pub competitors: usize,
    /// Whether its best title is the query word for word (after
    /// normalisation).
    pub exact: bool,
    /// The share of the query's weight its best title explains.
    pub recall: f32,
    /// Its profile fit ([`Candidate::profile_fit`]).
    pub profile: f32,
    /// How many words the query has after normalisation.
    pub words: usize,
    /// The share of those words the index does not know as written.
    pub unknown: f32,
    /// The query's language, when known.
    pub lang: Option<Lang>,
    /// The share of its best title's weight the query names.
    pub precision: f32,
    /// The share of the query's weight found in any of its titles.
    pub coverage: f32,
    /// Whether the head noun of its best title heads the query too.
    pub head: bool,
    /// Whether its best title is its class title or one of its example
    /// titles, rather than the index's long tail.
    pub core: bool,
    /// Whether the best other group (the second for the first candidate,
    /// the first for the others) is in the same minor group: a near miss
    /// is likely there.
    pub neighbour: bool,
    /// How many other groups also have a title that is the query word
    /// for word after normalisation (rare: the index lists each title
    /// under one group, but plurals, qualifiers and French forms meet).
    pub shared_exact: usize,
    /// The rarity (IDF over unit groups) of the query's head noun: a
    /// common head (`clerk`, `operator`) leaves the group to its
    /// modifiers.
    pub head_idf: f32,
    /// Whether the loaded data is partial ([`Index::is_partial`]): the
    /// probability of a candidate whose best title is not the query word
    /// for word then stays below high confidence. Not a feature of the
    /// model, which is fitted on a whole classification.
    pub partial_data: bool,
}

impl Evidence {
    /// The features of the confidence model, in the order of
    /// [`score::CONFIDENCE_MODEL`] after the intercept.
    pub fn features(&self) -> [f32; score::CONFIDENCE_FEATURES] {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        [
            self.score,
            self.margin,
            (1.0 + self.competitors as f32).ln(),
            flag(self.exact),
            self.recall,
            self.profile,
            (1.0 + self.words as f32).ln(),
            self.unknown,
            flag(self.lang == Some(Lang::Fr)),
            flag(self.lang == Some(Lang::Zh)),
            self.precision,
            self.coverage,
            flag(self.head),
            flag(self.core),
            flag(self.neighbour),
            (1.0 + self.shared_exact as f32).ln(),
            flag(self.exact) * (1.0 + self.shared_exact as f32).ln(),
            self.head_idf,
        ]
    }

    /// The probability of a first candidate, by the fitted model.
    pub fn probability(&self) -> f32 {
        self.capped(score::probability(&self.features()))
    }

    /// The probability of the candidate at `rank` (0 for the first; see
    /// [`score::probability_at`]).
    pub fn probability_at(&self, rank: usize) -> f32 {
        self.capped(score::probability_at(rank, &self.features()))
    }

    fn capped(&self, p: f32) -> f32 {
        if self.partial_data && !self.exact {
            p.min(score::PARTIAL_DATA_PROBABILITY)
        } else {
            p
        }
    }
}

impl Match {
    /// Whether the title should be reviewed by a person: no candidate, or
    /// the first one's probability is below `below`.
    ///
    /// # Example
    /// ```
    /// let m = noc::matcher::Matcher::new(noc::index::Index::build(
    ///     noc::embedded::classification(),
    /// ));
    /// assert!(!m.match_title("youth worker").needs_review(0.5));
    /// assert!(m.match_title("zzzz").needs_review(0.5));
    /// ```
    pub fn needs_review(&self, below: f32) -> bool {
        self.candidates.first().is_none_or(|c| c.probability < below)
    }
}

/// The result for one query.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Match {
    /// The query as given.
    pub query: String,
    /// The language the query was read as, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// For a Chinese query, how the noc project's lexicon read it in
    /// English (unofficial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<QueryTranslation>,
    /// The candidates, best first; empty when the matcher abstains.
    pub candidates: Vec<Candidate>,
}

/// A Chinese query read in English through the noc project's lexicon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryTranslation {
    /// The English words the lexicon gave, in order.
    pub english: String,
    /// Chinese words the lexicon does not know (left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Who made the translation: [`crate::zh::PROVENANCE`].
    pub source: String,
}

/// Who wrote a matched title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Statistics Canada (the official NOC text, or the loaded profile).
    Official,
    /// The noc project's own translation ([`crate::zh::PROVENANCE`]).
    Unofficial,
}

/// A query term resolved against the index.
#[derive(Clone, Debug)]
struct QueryTerm {
    text: String,
    /// The place in the analysed query's terms of the word it reads, for
    /// explanations ([`Analyzed::surface`]); `None` for a part of a split
    /// word or a restored noise word, shown as `text`.
    word: Option<usize>,
    weight: f32,
    /// Index terms it matches, with the credit for each, best first.
    matches: Vec<(TermId, f32)>,
    /// The part of the query it stands in.
    part: Part,
}

/// What a query gathered for one unit group.
#[derive(Clone, Copy, Debug)]
struct GroupAcc {
    /// The best title's score and the title.
    best: f32,
    best_entry: u32,
    /// The scores of the next best titles, best first.
    next: [f32; score::GROUP_TITLES - 1],
    /// The best score of a "classified elsewhere" title that this group
    /// lists (it points to another group).
    excluded_match: f32,
    /// The query's term weight found anywhere in the group's titles.
    coverage: f32,
    /// The last query term counted in `coverage`.
    term_stamp: u32,
    /// Whether the group is in `Scratch::groups_touched`.
    touched: bool,
}

impl GroupAcc {
    const EMPTY: GroupAcc = GroupAcc {
        best: 0.0,
        best_entry: u32::MAX,
        next: [0.0; score::GROUP_TITLES - 1],
        excluded_match: 0.0,
        coverage: 0.0,
        term_stamp: 0,
        touched: false,
    };
}

/// Per-thread working memory of a matcher, reused across queries.
#[derive(Debug, Default)]
pub struct Scratch {
    matched_query: Vec<f32>,
    matched_entry: Vec<f32>,
    term_stamp: Vec<u32>,
    entry_stamp: Vec<u32>,
    touched: Vec<u32>,
    groups: Vec<GroupAcc>,
    groups_touched: Vec<u32>,
    /// Each group's profile score for the query.
    profile: Vec<f32>,
    stamp: u32,
    /// The working memory of a Chinese query's English reading.
    translated: Option<Box<Scratch>>,
}

impl Scratch {
    fn prepare(&mut self, entries: usize, groups: usize) {
        if self.matched_query.len() != entries || self.groups.len() != groups {
            self.matched_query = vec![0.0; entries];
            self.matched_entry = vec![0.0; entries];
            self.term_stamp = vec![0; entries];
            self.entry_stamp = vec![0; entries];
            self.groups = vec![GroupAcc::EMPTY; groups];
            self.touched.clear();
            self.groups_touched.clear();
            self.stamp = 0;
        }
        for &e in &self.touched {
            self.matched_query[e as usize] = 0.0;
            self.matched_entry[e as usize] = 0.0;
        }
        for &g in &self.groups_touched {
            self.groups[g as usize] = GroupAcc::EMPTY;
        }
        self.touched.clear();
        self.groups_touched.clear();
    }

    fn group(&mut self, g: u32) -> &mut GroupAcc {
        let acc = &mut self.groups[g as usize];
        if !acc.touched {
            acc.touched = true;
            self.groups_touched.push(g);
        }
        acc
    }

    fn next_stamp(&mut self) -> u32 {
        if self.stamp == u32::MAX {
            self.term_stamp.iter_mut().for_each(|s| *s = 0);
            self.entry_stamp.iter_mut().for_each(|s| *s = 0);
            self.groups.iter_mut().for_each(|g| g.term_stamp = 0);
            self.stamp = 0;
        }
        self.stamp += 1;
        self.stamp
    }
}

/// The longest part of a joined word that is looked up (in bytes; the
/// longest word of the NOC 2021 index has 25 letters).
const MAX_JOINED_PART: usize = 32;

/// Matches job titles against an [`Index`]. Immutable and `Sync`: share
/// one matcher between threads, each with its own [`Scratch`].
#[derive(Debug)]
pub struct Matcher {
    index: Index,
    config: Config,
    /// The index's terms of [`score::RANK_WORDS`].
    rank_terms: Vec<TermId>,
    /// For each entry, whether it has one of `rank_terms`.
    ranked_entries: Vec<bool>,
}

impl Matcher {
    /// A matcher with the default configuration.
    pub fn new(index: Index) -> Matcher {
        Matcher::with_config(index, Config::DEFAULT)
    }

    /// A matcher with `config`.
    pub fn with_config(index: Index, config: Config) -> Matcher {
        let normalizer = Normalizer::shared();
        let rank_terms: Vec<TermId> = score::RANK_WORDS
            .iter()
            .flat_map(|w| normalizer.analyze(w).terms)
            .filter_map(|t| index.term_id(&t.text))
            .collect();
        let mut ranked_entries = vec![false; index.entry_count()];
        for id in &rank_terms {
            for p in index.postings(*id) {
                ranked_entries[p.entry as usize] = true;
            }
        }
        Matcher { index, config, rank_terms, ranked_entries }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Matches one title.
    pub fn match_title(&self, query: &str) -> Match {
        self.match_with(&mut Scratch::default(), query)
    }

    /// Matches many titles on `threads` threads (at least 1), keeping the
    /// input order.
    pub fn match_many<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        threads: usize,
    ) -> Vec<Match> {
        self.match_many_config(queries, threads, &self.config)
    }

    /// [`Matcher::match_many`] with `config` instead of the matcher's
    /// own, so that one matcher (and its index) serves callers that ask
    /// for other settings.
    pub fn match_many_config<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        threads: usize,
        config: &Config,
    ) -> Vec<Match> {
        crate::parallel::in_blocks(
            queries,
            threads,
            64,
            |scratch: &mut Scratch, q| {
                self.match_with_config(scratch, q.as_ref(), config)
            },
        )
    }

    /// Matches one title with reusable working memory.
    pub fn match_with(&self, scratch: &mut Scratch, query: &str) -> Match {
        self.match_with_config(scratch, query, &self.config)
    }

    /// Matches one title with reusable working memory and `config`
    /// instead of the matcher's own: a server answers each request with
    /// its own `top` and explanations from one shared matcher.
    ///
    /// # Example
    /// ```
    /// use noc::matcher::{Config, Matcher, Scratch};
    /// let matcher = Matcher::new(noc::index::Index::build(noc::embedded::classification()));
    /// let config = Config::DEFAULT.top(1).explain(true);
    /// let m = matcher.match_with_config(&mut Scratch::default(), "youth worker", &config);
    /// assert_eq!(m.candidates.len(), 1);
    /// assert!(m.candidates[0].explanation.is_some());
    /// ```
    pub fn match_with_config(
        &self,
        scratch: &mut Scratch,
        query: &str,
        config: &Config,
    ) -> Match {
        let lang = config.lang.or_else(|| detect_lang(query));
        if lang == Some(Lang::Zh) {
            return self.match_chinese(scratch, query, config);
        }
        let (lang, analyzed) = self.analyze_query(query, lang, config);
        let mut result = Match {
            query: query.to_string(),
            lang,
            translation: None,
            candidates: vec![],
        };
        let Some((q, mut ranked)) =
            self.rank_groups(scratch, &analyzed, lang, config.min_score)
        else {
            return result;
        };
        let basis = EvidenceBasis::new(&ranked, &analyzed, &q, lang);
        self.rerank_by_profile(scratch, &analyzed, &q.terms, &mut ranked);
        let mut taken = 0.0;
        for (rank, &(s, g, e)) in ranked.iter().take(config.top).enumerate() {
            let fit = scratch.profile[g as usize];
            let mut c = self.candidate_from(
                scratch,
                &q,
                &analyzed,
                (s, g, e),
                fit,
                config,
            );
            c.set_evidence(
                basis.evidence(&self.index, s, g, scratch, &q),
                rank,
                taken,
            );
            taken += c.probability;
            result.candidates.push(c);
        }
        result
    }

    /// The groups a query ranks, `(score, group, best entry)` best first
    /// (see [`Matcher::rank`]), with the prepared query; `None` when
    /// nothing of the query is known or even the best group scores below
    /// `min_score` (the matcher abstains).
    fn rank_groups(
        &self,
        scratch: &mut Scratch,
        analyzed: &Analyzed,
        lang: Option<Lang>,
        min_score: f32,
    ) -> Option<(Prepared, RankedGroups)> {
        let q = self.prepare(analyzed, lang)?;
        let ranked = self.rank(scratch, &q);
        ranked.first().is_some_and(|r| r.0 >= min_score).then_some((q, ranked))
    }

    /// The first `config.top` unit groups for a title, `(group, score)`,
    /// in the order and with the scores of [`Matcher::match_with_config`]'s
    /// candidates, without building the candidates (their titles,
    /// evidence and probabilities): description matching weighs only the
    /// title's scores, for fifty groups.
    pub(crate) fn title_scores(
        &self,
        scratch: &mut Scratch,
        query: &str,
        config: &Config,
    ) -> Vec<(u32, f32)> {
        let lang = config.lang.or_else(|| detect_lang(query));
        if lang == Some(Lang::Zh) {
            let m = self.match_chinese(scratch, query, config);
            let groups = self.index.duties();
            return m
                .candidates
                .iter()
                .filter_map(|c| groups.group_of(&c.code).map(|g| (g, c.score)))
                .collect();
        }
        let (lang, analyzed) = self.analyze_query(query, lang, config);
        let Some((q, mut ranked)) =
            self.rank_groups(scratch, &analyzed, lang, config.min_score)
        else {
            return vec![];
        };
        self.rerank_by_profile(scratch, &analyzed, &q.terms, &mut ranked);
        ranked.iter().take(config.top).map(|&(s, g, _)| (g, s)).collect()
    }

    /// Normalises a query in its language: `lang` as given or detected
    /// from the text. Text with no French mark is detected as English,
    /// but when some of its words appear only in French titles and none
    /// mostly in English ones (`Soudeur`, `Directeur logistique`,
    /// `Technicien automobile`), it is French: read again as French, so
    /// that its head is its first word and its groups are named in French.
    fn analyze_query(
        &self,
        query: &str,
        lang: Option<Lang>,
        config: &Config,
    ) -> (Option<Lang>, Analyzed) {
        let normalizer = self.index.normalizer();
        let analyzed = normalizer.analyze_query(query, lang);
        if config.lang.is_some() || lang != Some(Lang::En) {
            return (lang, analyzed);
        }
        let (mut french, mut english) = (false, false);
        for t in &analyzed.terms {
            let Some(id) = self.index.term_id(&t.text) else {
                continue;
            };
            let (en, fr) = self.term_languages(id);
            // Mostly English titles make a word English: the French
            // files hold a few English titles (`pulp press operator`).
            english |= en > fr;
            french |= en == 0 && fr > 0;
        }
        if french && !english {
            (Some(Lang::Fr), normalizer.analyze_query(query, Some(Lang::Fr)))
        } else {
            (lang, analyzed)
        }
    }

    /// How many English titles and how many French ones have a term.
    fn term_languages(&self, id: TermId) -> (usize, usize) {
        let (mut en, mut fr) = (0, 0);
        for p in self.index.postings(id) {
            match self.index.meta(p.entry).lang {
                Lang::En => en += 1,
                Lang::Fr => fr += 1,
                Lang::Zh => {}
            }
        }
        (en, fr)
    }

    /// Resolves an analysed query against the index; `None` when nothing
    /// of it is known.
    fn prepare(
        &self,
        analyzed: &Analyzed,
        lang: Option<Lang>,
    ) -> Option<Prepared> {
        let terms = self.resolve(analyzed);
        let ids: Vec<TermId> = terms
            .iter()
            .flat_map(|t| t.matches.iter().map(|(id, _)| *id))
            .collect();
        let ctx = QueryContext {
            heads: self.resolve_heads(analyzed, &terms),
            ranked: self.rank_terms.iter().any(|id| ids.contains(id)),
            ids,
            lang,
        };
        let query_weight: f32 = terms.iter().map(|t| t.weight).sum();
        if terms.is_empty() || query_weight <= 0.0 {
            return None;
        }
        Some(Prepared { terms, ctx, query_weight })
    }

    /// Scores every title the query reaches and returns the unit groups
    /// as `(score, group, best entry)`, best first (ties by code).
    /// `scratch` keeps what explanations need of each entry.
    fn rank(
        &self,
        scratch: &mut Scratch,
        q: &Prepared,
    ) -> Vec<(f32, u32, u32)> {
        let index = &self.index;
        let (terms, ctx, query_weight) = (&q.terms, &q.ctx, q.query_weight);
        scratch.prepare(index.entry_count(), index.groups().len());
        let query_stamp = scratch.next_stamp();
        // Heaviest terms first: once the terms left weigh too little for
        // a title that has none of the earlier ones to reach the pruning
        // floor below, such titles are no longer admitted.
        let mut order: Vec<&QueryTerm> = terms.iter().collect();
        order.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let mut remaining = query_weight;
        let mut max_matched = 0.0f32;
        for t in order {
            let term_stamp = scratch.next_stamp();
            let admit_new = remaining >= score::PRUNE_BELOW * max_matched;
            remaining -= t.weight;
            for &(tid, credit) in &t.matches {
                let gain = t.weight * credit;
                for p in index.postings(tid) {
                    let (e, w) = (p.entry, p.weight);
                    let ei = e as usize;
                    if scratch.term_stamp[ei] == term_stamp {
                        continue; // a better form of this term matched
                    }
                    scratch.term_stamp[ei] = term_stamp;
                    let acc = scratch.group(p.group);
                    if acc.term_stamp != term_stamp {
                        acc.term_stamp = term_stamp;
                        acc.coverage += gain;
                    }
                    if scratch.entry_stamp[ei] != query_stamp {
                        if !admit_new {
                            continue;
                        }
                        scratch.entry_stamp[ei] = query_stamp;
                        scratch.touched.push(e);
                    }
                    scratch.matched_query[ei] += gain;
                    scratch.matched_entry[ei] += w * credit;
                    max_matched = max_matched.max(scratch.matched_query[ei]);
                }
            }
        }
        // Titles that share only a small part of the query with it can
        // not reach the top; skipping them saves most of the work on
        // queries with common words (`worker`, `operator`).
        let floor = max_matched * score::PRUNE_BELOW;
        for i in 0..scratch.touched.len() {
            let e = scratch.touched[i];
            let ei = e as usize;
            if scratch.matched_query[ei] < floor {
                continue;
            }
            let meta = index.meta(e);
            let s = self
                .factors(
                    e,
                    scratch.matched_query[ei] / query_weight,
                    scratch.matched_entry[ei] / meta.total,
                    ctx,
                )
                .score();
            let acc = scratch.group(meta.group);
            if s > acc.best || (s == acc.best && e < acc.best_entry) {
                let previous = acc.best;
                acc.best = s;
                acc.best_entry = e;
                insert_sorted(&mut acc.next, previous);
            } else {
                insert_sorted(&mut acc.next, s);
            }
            if meta.excluded_by != u32::MAX {
                let acc = scratch.group(meta.excluded_by);
                acc.excluded_match = acc.excluded_match.max(s);
            }
        }
        let mut ranked: Vec<(f32, u32, u32)> = scratch
            .groups_touched
            .iter()
            .filter_map(|&g| {
                let acc = &scratch.groups[g as usize];
                if acc.best_entry == u32::MAX {
                    return None; // touched only as an excluding group
                }
                Some((group_score(acc, query_weight), g, acc.best_entry))
            })
            .collect();
        self.prefer_usual_groups(q, &mut ranked);
        self.sort_ranked(&mut ranked);
        ranked
    }

    /// For a query of one word, raises each group by its share of the
    /// index titles headed by that word ([`score::HEAD_SHARE`]).
    fn prefer_usual_groups(
        &self,
        q: &Prepared,
        ranked: &mut [(f32, u32, u32)],
    ) {
        let [term] = q.terms.as_slice() else {
            return;
        };
        let Some(&(head, _)) = term.matches.first() else {
            return;
        };
        let index = &self.index;
        let mut headed = vec![0u32; index.groups().len()];
        let mut total = 0u32;
        for p in index.postings(head) {
            if index.meta(p.entry).head == head {
                headed[p.group as usize] += 1;
                total += 1;
            }
        }
        if total == 0 {
            return;
        }
        // One more piece of evidence in a noisy OR, like the group's
        // other titles: the score stays below 1 unless it was 1 (an
        // exact title keeps its place).
        for (s, g, _) in ranked.iter_mut() {
            let share = headed[*g as usize] as f32 / total as f32;
            *s = 1.0 - (1.0 - *s) * (1.0 - score::HEAD_SHARE * share);
        }
    }

    /// Orders `(score, group, entry)` by score, then code.
    fn sort_ranked(&self, ranked: &mut [(f32, u32, u32)]) {
        let groups = self.index.groups();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                groups[a.1 as usize].code.cmp(&groups[b.1 as usize].code)
            })
        });
    }

    /// The candidate for one ranked group, with its explanation when
    /// asked for; `scratch` is the one `q` was ranked with.
    fn candidate_from(
        &self,
        scratch: &Scratch,
        q: &Prepared,
        analyzed: &Analyzed,
        (s, g, e): (f32, u32, u32),
        fit: f32,
        config: &Config,
    ) -> Candidate {
        let explanation = config.explain.then(|| {
            let ei = e as usize;
            let entry = self.index.entry(e);
            let f = self.factors(
                e,
                scratch.matched_query[ei] / q.query_weight,
                scratch.matched_entry[ei] / entry.total,
                &q.ctx,
            );
            let mut x =
                explain::explain(&self.index, e, s, &f, &q.terms, analyzed);
            x.details.push(explain::profile(fit));
            x
        });
        let mut c = self.candidate(s, g, e, q.ctx.lang, explanation);
        c.profile_fit = fit;
        c
    }

    /// Orders the candidates below the first [`score::PROFILE_KEEP`] by
    /// their title score plus how well the group's whole profile fits the
    /// query. Leaves each group's profile fit (0 to 1, relative to the
    /// best-fitting group) in `scratch.profile`.
    fn rerank_by_profile(
        &self,
        scratch: &mut Scratch,
        analyzed: &Analyzed,
        terms: &[QueryTerm],
        ranked: &mut [(f32, u32, u32)],
    ) {
        let index = &self.index;
        scratch.profile.clear();
        scratch.profile.resize(index.groups().len(), 0.0);
        // The query's own words, and the index words they were read as
        // (spelling corrections, split words).
        let words = analyzed.terms.iter().map(|t| t.text.as_str()).chain(
            terms
                .iter()
                .flat_map(|t| {
                    let first = t.matches.first().map(|m| m.0);
                    t.matches.iter().filter(move |(id, credit)| {
                        Some(*id) == first
                            || *credit >= score::ALTERNATIVE_MATCH
                    })
                })
                .map(|(id, _)| index.term(*id)),
        );
        index.profiles().score(words, &mut scratch.profile);
        let best = scratch.profile.iter().copied().fold(0.0f32, f32::max);
        if best > 0.0 {
            scratch.profile.iter_mut().for_each(|s| *s /= best);
        }
        let keep = score::PROFILE_KEEP;
        let pool = ranked.len().min(score::PROFILE_POOL);
        if pool > keep {
            let profile = &scratch.profile;
            let groups = index.groups();
            let fused = |(s, g, _): &(f32, u32, u32)| {
                s + score::PROFILE_WEIGHT * profile[*g as usize]
            };
            ranked[keep..pool].sort_by(|a, b| {
                fused(b).total_cmp(&fused(a)).then_with(|| {
                    groups[a.1 as usize].code.cmp(&groups[b.1 as usize].code)
                })
            });
        }
    }

    /// The parts of one entry's score, given the shares of the query and
    /// of the entry that match.
    fn factors(
        &self,
        e: u32,
        recall: f32,
        precision: f32,
        query: &QueryContext,
    ) -> Factors {
        let meta = self.index.meta(e);
        let head = if meta.head != u32::MAX
            && !query.heads.is_empty()
            && !query.ids.contains(&meta.head)
        {
            score::HEAD_MISS
        } else {
            1.0
        };
        // Rank words stand in for each other (`head of housekeeping`,
        // `housekeeping supervisor`): only a query that names none of
        // them is read as the worker's.
        let rank = if self.ranked_entries[e as usize] && !query.ranked {
            score::RANK_MISS
        } else {
            1.0
        };
        let exception = if meta.has_exception
            && self
                .index
                .entry(e)
                .exception
                .iter()
                .any(|x| query.ids.contains(x))
        {
            score::EXCEPTION_HIT
        } else {
            1.0
        };
        let language = match query.lang {
            Some(l) if l != meta.lang => score::OTHER_LANGUAGE,
            _ => 1.0,
        };
        let mut fit = score::f_beta(precision.min(1.0), recall.min(1.0));
        if meta.source == EntrySource::Example && language == 1.0 {
            fit = (fit * score::EXAMPLE_TITLE).min(1.0);
        }
        Factors { recall, precision, fit, head, rank, exception, language }
    }

    /// Looks up each query term: exact, other meanings, then as two
    /// joined words (`streetworker`), then spelling corrections.
    fn resolve(&self, analyzed: &Analyzed) -> Vec<QueryTerm> {
        let index = &self.index;
        let mut out: Vec<QueryTerm> = vec![];
        let terms = &analyzed.terms;
        for (i, t) in terms.iter().enumerate() {
            let part = score::part_weight(t.part);
            let mut matches = vec![];
            if let Some(id) = index.term_id(&t.text) {
                matches.push((id, 1.0));
            } else if let Some(halves) = self.known_halves(t) {
                // `egg-producer`: the index writes no `eggproducer` but
                // knows both words, which are matched as written. (Where
                // it knows the joined form, `set-up`, that spelling wins:
                // splitting it as well lost more titles than it found.)
                out.extend(halves.map(|id| self.part_term(id, 1.0, t.part)));
                continue;
            }
            // Two query words that the index writes as one (`day care`,
            // `daycare`) both match the joined word.
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            for (a, b) in neighbours.into_iter().flatten().filter_map(|j| {
                let n = terms.get(j)?;
                Some(if j < i { (n, t) } else { (t, n) })
            }) {
                if a.part == b.part {
                    let joined = crate::normalize::gender_neutral(format!(
                        "{}{}",
                        a.text, b.text
                    ));
                    if let Some(id) = index.term_id(&joined) {
                        matches.push((id, 1.0));
                    }
                }
            }
            for alt in &t.alternatives {
                if let Some(id) = index.term_id(alt) {
                    matches.push((id, score::ALTERNATIVE_MATCH));
                }
            }
            for id in index.related_terms(&t.text) {
                if !matches.iter().any(|(m, _)| *m == id) {
                    matches.push((id, score::DERIVED_MATCH));
                }
            }
            if matches.is_empty() {
                let fuzzy = !self.known_word(&t.text);
                let max_edits =
                    if t.text.chars().count() >= score::FUZZY_2_MIN_LEN {
                        2
                    } else {
                        1
                    };
                let near = if fuzzy {
                    index.similar_terms(&t.text, max_edits)
                } else {
                    vec![]
                };
                let best = near.first().map(|&(_, d)| d);
                // An unknown word that is two known ones (`whitewasher`,
                // `launchman`) is read as them, unless one letter from a
                // known word (a typo): two letters away (`whitewater`,
                // `ranchman`) the split is the likelier reading.
                let split = if best == Some(1) {
                    None
                } else {
                    self.split_joined(&t.text)
                };
                if let Some((a, b)) = split {
                    out.extend([a, b].map(|id| {
                        self.part_term(id, score::SPLIT_MATCH, t.part)
                    }));
                    continue;
                }
                if let Some(best) = best {
                    let credit = if best == 1 {
                        score::FUZZY_MATCH_1
                    } else {
                        score::FUZZY_MATCH_2
                    };
                    // The nearest by Jaro-Winkler (which favours a shared
                    // beginning: `wroker` is `worker`, not `broker`) gets
                    // full credit, other words as near get less.
                    let mut tied: Vec<(TermId, f64)> = near
                        .iter()
                        .take_while(|(_, d)| *d == best)
                        .take(3)
                        .map(|(id, _)| {
                            (
                                *id,
                                strsim::jaro_winkler(&t.text, index.term(*id)),
                            )
                        })
                        .collect();
                    tied.sort_by(|a, b| b.1.total_cmp(&a.1));
                    matches.extend(tied.iter().enumerate().map(
                        |(k, (id, _))| {
                            let c = if k == 0 {
                                credit
                            } else {
                                credit * score::FUZZY_RUNNER_UP
                            };
                            (*id, c)
                        },
                    ));
                }
            }
            if matches.is_empty() {
                continue;
            }
            let weight = index.idf(matches[0].0) * part;
            out.push(QueryTerm {
                text: t.text.clone(),
                word: Some(i),
                weight,
                matches,
                part: t.part,
            });
        }
        // A word dropped as noise that the index writes beside its
        // neighbour (`order entry`, `remote sensing`) is part of the
        // title, not noise.
        for (noise, next) in &analyzed.noise_pairs {
            if out.iter().any(|t| &t.text == noise) {
                continue;
            }
            let Some(n) = out.iter().find(|t| &t.text == next) else {
                continue;
            };
            let (Some(a), Some(b)) =
                (index.term_id(noise), index.term_id(next))
            else {
                continue;
            };
            let together = {
                let (mut x, mut y) = (index.postings(a), index.postings(b));
                if x.len() > y.len() {
                    std::mem::swap(&mut x, &mut y);
                }
                let fewer: std::collections::HashSet<u32> =
                    x.iter().map(|p| p.entry).collect();
                y.iter().any(|p| fewer.contains(&p.entry))
            };
            if together {
                let part = n.part;
                out.push(QueryTerm {
                    text: noise.clone(),
                    word: None,
                    weight: index.idf(a) * score::part_weight(part),
                    matches: vec![(a, 1.0)],
                    part,
                });
            }
        }
        // A title whose part before ` - ` ends in a word the index does
        // not know as written and whose part after names an occupation
        // (`CUSTOM GRAZIER - RANCHER`): the part after names it.
        let known = |text: &str| {
            out.iter().any(|t| {
                t.text == text
                    && t.matches
                        .first()
                        .is_some_and(|m| m.1 >= score::ALTERNATIVE_MATCH)
            })
        };
        let heads_of = |part: Part| {
            analyzed.heads.iter().filter(move |h| {
                terms.iter().any(|t| &t.text == *h && t.part == part)
            })
        };
        let base_head = heads_of(Part::Base).next();
        if base_head.is_some_and(|h| !known(h))
            && heads_of(Part::Qualifier).any(|h| known(h))
        {
            let q = score::QUALIFIER_WEIGHT;
            for t in &mut out {
                t.weight *= match t.part {
                    Part::Base => q,
                    Part::Qualifier => 1.0 / q,
                };
            }
        }
        out
    }

    /// Whether a word that no index title has is still a word of the
    /// classification: its profiles' prose (lead statements, duties) has
    /// it or the root of its family (`bather`: `bath`, `bathe`). Such a
    /// word is not a misspelling of a title word (`lather`).
    fn known_word(&self, word: &str) -> bool {
        let profiles = self.index.profiles();
        profiles.contains(word)
            || crate::index::word_root(word).is_some_and(|root| {
                profiles.contains(root)
                    || profiles.contains(&format!("{root}e"))
            })
    }

    /// A query term for one known part of a word read as two
    /// (`egg-producer`, `whitewasher`), matched at `credit`.
    fn part_term(&self, id: TermId, credit: f32, part: Part) -> QueryTerm {
        QueryTerm {
            text: self.index.term(id).to_string(),
            word: None,
            weight: self.index.idf(id) * score::part_weight(part),
            matches: vec![(id, credit)],
            part,
        }
    }

    /// The two parts of a joined hyphenated word (see [`Term::halves`]),
    /// when the index knows both.
    fn known_halves(&self, t: &Term) -> Option<[TermId; 2]> {
        let (a, b) = t.halves.as_ref()?;
        Some([self.index.term_id(a)?, self.index.term_id(b)?])
    }

    /// Splits an unknown word into two known ones of 4 letters or more
    /// (shorter parts make false splits: `netsuite` is not `net suite`)
    /// and at most [`MAX_JOINED_PART`] (the index has no longer words), so
    /// the work is bounded however long the word (see: issue 11).
    fn split_joined(&self, word: &str) -> Option<(TermId, TermId)> {
        if !word.is_ascii()
            || word.len() < 8
            || word.len() > 2 * MAX_JOINED_PART
        {
            return None;
        }
        (4..=word.len() - 4).find_map(|i| {
            let a = self.index.term_id(&word[..i])?;
            let b = self.index.term_id(&word[i..])?;
            Some((a, b))
        })
    }

    /// The index terms that head the query's segments.
    fn resolve_heads(
        &self,
        analyzed: &Analyzed,
        terms: &[QueryTerm],
    ) -> Vec<TermId> {
        let mut heads = vec![];
        for h in &analyzed.heads {
            if let Some(id) = self.index.term_id(h) {
                heads.push(id);
            } else if let Some(t) = terms.iter().find(|t| &t.text == h) {
                heads.extend(t.matches.iter().map(|(id, _)| *id));
            } else if let Some([_, last]) = analyzed
                .terms
                .iter()
                .find(|t| &t.text == h)
                .and_then(|t| self.known_halves(t))
            {
                // A joined word matched as its two parts heads with the
                // second (`producer` of `egg-producer`).
                heads.push(last);
            }
        }
        // A word that was split (`streetworker`) heads with its last part.
        if heads.is_empty() {
            if let Some(t) = terms.last() {
                heads.extend(t.matches.iter().map(|(id, _)| *id));
            }
        }
        heads
    }

    fn candidate(
        &self,
        score: f32,
        g: u32,
        e: u32,
        lang: Option<Lang>,
        explanation: Option<Explanation>,
    ) -> Candidate {
        let index = &self.index;
        let group = &index.groups()[g as usize];
        let entry = index.entry(e);
        let title = group
            .title
            .get_or_any(lang.unwrap_or(Lang::En))
            .cloned()
            .unwrap_or_default();
        Candidate {
            code: group.code,
            title,
            version: index.version(),
            teer: (index.version() == NocVersion::V2021)
                .then(|| group.code.teer())
                .flatten(),
            skill_type: (index.version() != NocVersion::V2021)
                .then(|| group.code.skill_type()),
            skill_level: (index.version() != NocVersion::V2021)
                .then(|| group.code.skill_level())
                .flatten(),
            score,
            probability: 0.0,
            confidence: Confidence::Low,
            evidence: Evidence::default(),
            matched_title: entry.title.to_string(),
            matched_lang: entry.lang,
            matched_source: entry.source,
            matched_provenance: if entry.source.is_official() {
                Provenance::Official
            } else {
                Provenance::Unofficial
            },
            unofficial_title: None,
            excluded_from: entry
                .excluded_by
                .map(|from| index.groups()[from as usize].code),
            in_data: group.in_data,
            profile_fit: 0.0,
            duties: None,
            explanation,
        }
    }
}

/// Inserts `s` into a list sorted from high to low, dropping the lowest.
fn insert_sorted(list: &mut [f32], s: f32) {
    if let Some(i) = list.iter().position(|x| s > *x) {
        list.copy_within(i..list.len() - 1, i + 1);
        list[i] = s;
    }
}

/// A unit group's score from what the query gathered for it.
fn group_score(acc: &GroupAcc, query_weight: f32) -> f32 {
    // Noisy OR of the group's best titles, each further one counting
    // less: stays within 0..1 and keeps the order of the best titles.
    let mut miss = 1.0 - acc.best;
    let mut share = 1.0;
    for s in acc.next {
        share *= score::GROUP_SUPPORT;
        miss *= 1.0 - share * s;
    }
    let title = 1.0 - miss;
    let coverage = (acc.coverage / query_weight).min(1.0);
    let mut s = (1.0 - score::GROUP_COVERAGE) * title
        + score::GROUP_COVERAGE * coverage * acc.best.min(1.0).sqrt();
    // Another group's "classified elsewhere" title that fits the query at
    // least as well as this group's own titles sends the query there.
    if acc.excluded_match >= acc.best {
        s = s.min(acc.excluded_match * score::EXCLUDED_CAP);
    }
    s
}

/// What the probability of each candidate of one query is estimated
/// from, taken from the ranking by score (before the profile reorders
/// the places after the first few).
struct EvidenceBasis {
    scores: Vec<f32>,
    /// The groups of `scores`, in the same order.
    groups: Vec<u32>,
    top_group: u32,
    top_score: f32,
    second: f32,
    words: usize,
    unknown: f32,
    lang: Option<Lang>,
}

/// Unit groups ranked for a query: `(score, group, best entry)`, best
/// first.
type RankedGroups = Vec<(f32, u32, u32)>;

impl EvidenceBasis {
    /// `ranked` holds at least one group.
    fn new(
        ranked: &[(f32, u32, u32)],
        analyzed: &Analyzed,
        q: &Prepared,
        lang: Option<Lang>,
    ) -> EvidenceBasis {
        let scores: Vec<f32> = ranked.iter().map(|r| r.0).collect();
        let words = analyzed.terms.len();
        let unknown = analyzed
            .terms
            .iter()
            .filter(|a| {
                !q.terms.iter().any(|t| {
                    t.text == a.text
                        && t.matches
                            .first()
                            .is_some_and(|m| m.1 >= score::ALTERNATIVE_MATCH)
                })
            })
            .count() as f32
            / words.max(1) as f32;
        EvidenceBasis {
            groups: ranked.iter().map(|r| r.1).collect(),
            second: scores.get(1).copied().unwrap_or(0.0),
            top_group: ranked[0].1,
            top_score: ranked[0].0,
            scores,
            words,
            unknown,
            lang,
        }
    }

    /// The evidence of group `g` scoring `s`; `scratch` and `q` are those
    /// it was ranked with.
    fn evidence(
        &self,
        index: &Index,
        s: f32,
        g: u32,
        scratch: &Scratch,
        q: &Prepared,
    ) -> Evidence {
        let acc = &scratch.groups[g as usize];
        // The shares of the query and of a group's best title that match.
        let shares = |acc: &GroupAcc| -> (f32, f32) {
            let e = acc.best_entry;
            if e == u32::MAX || e as usize >= index.entry_count() {
                return (0.0, 0.0);
            }
            let ei = e as usize;
            let total = index.meta(e).total;
            (
                (scratch.matched_query[ei] / q.query_weight).min(1.0),
                if total > 0.0 {
                    (scratch.matched_entry[ei] / total).min(1.0)
                } else {
                    0.0
                },
            )
        };
        let exact = |acc: &GroupAcc| {
            let (r, p) = shares(acc);
            acc.best >= 1.0 - 1e-6 && r >= 1.0 - 1e-4 && p >= 1.0 - 1e-4
        };
        let (recall, precision) = shares(acc);
        let meta =
            (acc.best_entry != u32::MAX).then(|| index.meta(acc.best_entry));
        // The minor group: the unit group's code less its last digit
        // (`4220` for 42201 in NOC 2021, `421` for 4212 in 2011/2016).
        let minor = |g: u32| {
            let code = index.groups()[g as usize].code.as_str();
            code.get(..code.len().saturating_sub(1))
        };
        let other = if g == self.top_group {
            self.groups.get(1).copied()
        } else {
            Some(self.top_group)
        };
        // A group whose best title is exact scores at least
        // 1 - GROUP_COVERAGE (or the "classified elsewhere" cap of it):
        // none is below half.
        let shared_exact = self
            .groups
            .iter()
            .zip(&self.scores)
            .take_while(|(_, x)| **x >= 0.5)
            .filter(|(o, _)| **o != g && exact(&scratch.groups[**o as usize]))
            .count();
        Evidence {
            score: s,
            margin: s - if g == self.top_group {
                self.second
            } else {
                self.top_score
            },
            competitors: self
                .scores
                .partition_point(|x| *x >= s - score::COMPETITOR_WINDOW)
                .saturating_sub(1),
            exact: exact(acc),
            recall,
            // A group known only as an exclusion target has no profile to
            // fit: 0 would read as a profile that disagrees.
            profile: if index.groups()[g as usize].in_data {
                scratch.profile.get(g as usize).copied().unwrap_or(0.0)
            } else {
                score::PROFILE_FIT_UNKNOWN
            },
            words: self.words,
            unknown: self.unknown,
            lang: self.lang,
            precision,
            coverage: (acc.coverage / q.query_weight).min(1.0),
            head: meta.is_some_and(|m| {
                m.head != u32::MAX && q.ctx.heads.contains(&m.head)
            }),
            core: meta.is_some_and(|m| {
                matches!(
                    m.source,
                    EntrySource::ClassTitle | EntrySource::Example
                )
            }),
            neighbour: other.is_some_and(|o| minor(o) == minor(g)),
            shared_exact,
            head_idf: q.ctx.heads.first().map_or(0.0, |h| index.idf(*h)),
            partial_data: index.is_partial(),
        }
    }
}

/// A query resolved against the index, ready to rank.
struct Prepared {
    terms: Vec<QueryTerm>,
    ctx: QueryContext,
    /// The sum of the terms' weights.
    query_weight: f32,
}

/// What the scoring of every entry needs to know about the query.
struct QueryContext {
    /// Index terms that head a segment of the query.
    heads: Vec<TermId>,
    /// Every index term the query matched.
    ids: Vec<TermId>,
    /// Whether the query names a rank ([`score::RANK_WORDS`]).
    ranked: bool,
    /// The query's language, when known.
    lang: Option<Lang>,
}

/// The parts of an entry's score.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Factors {
    pub(crate) recall: f32,
    pub(crate) precision: f32,
    pub(crate) fit: f32,
    pub(crate) head: f32,
    pub(crate) rank: f32,
    pub(crate) exception: f32,
    pub(crate) language: f32,
}

impl Factors {
    fn score(&self) -> f32 {
        self.fit * self.head * self.rank * self.exception * self.language
    }
}

/// Why a title cannot be matched at all, in the words every front end
/// reports it with (a bad row of a batch, an error for one title):
/// empty, or without a letter or digit (`---`, `???`). `None` for any
/// other title, which is matched (and may find nothing).
///
/// # Example
/// ```
/// use noc::matcher::title_problem;
/// assert_eq!(title_problem("  "), Some("empty title"));
/// assert_eq!(title_problem("---"), Some("no letter or digit to match"));
/// assert_eq!(title_problem("R&D"), None);
/// ```
pub fn title_problem(title: &str) -> Option<&'static str> {
    let t = title.trim();
    if t.is_empty() {
        Some("empty title")
    } else if !t.chars().any(char::is_alphanumeric) {
        Some("no letter or digit to match")
    } else {
        None
    }
}

/// Detects the language of a query: Chinese when it has Han characters,
/// French when it has French accents, French function words or French
/// job-title endings, English when it has Latin letters and none of
/// these, unknown otherwise.
///
/// # Example
/// ```
/// use noc::{matcher::detect_lang, Lang};
/// assert_eq!(detect_lang("社区工作者"), Some(Lang::Zh));
/// assert_eq!(detect_lang("intervenante en toxicomanie"), Some(Lang::Fr));
/// assert_eq!(detect_lang("Préposé à l'entretien"), Some(Lang::Fr));
/// assert_eq!(detect_lang("Analyste d’affaires"), Some(Lang::Fr));
/// assert_eq!(detect_lang("youth worker"), Some(Lang::En));
/// assert_eq!(detect_lang("1234"), None);
/// ```
pub fn detect_lang(query: &str) -> Option<Lang> {
    // ASCII text has neither Han characters nor accents: not searched
    // for them (a description's duties are long).
    let ascii = query.is_ascii();
    if !ascii
        && query
            .chars()
            .any(|c| crate::parse::profile::is_cjk(c) && c.is_alphabetic())
    {
        return Some(Lang::Zh);
    }
    const ACCENTS: &str = "àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ";
    if !ascii && query.chars().any(|c| ACCENTS.contains(c)) {
        return Some(Lang::Fr);
    }
    const WORDS: [&str; 11] =
        ["de", "des", "du", "la", "le", "les", "et", "aux", "au", "en", "d'"];
    const ENDINGS: [&str; 5] = ["euse", "trice", "iere", "eure", "ienne"];
    let mut lower = query.to_lowercase();
    if !ascii && lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    let french =
        lower.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| {
            WORDS.contains(&w)
                || w.starts_with("d'")
                || w.starts_with("l'")
                || ENDINGS
                    .iter()
                    .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
        });
    if french {
        Some(Lang::Fr)
    } else if query.chars().any(|c| c.is_ascii_alphabetic()) {
        Some(Lang::En)
    } else {
        None
    }
}
