//! Chinese queries. A Chinese title is matched twice with the same
//! scoring: as Chinese, against the Chinese titles of the groups (the
//! profile's own, or the noc project's names of NOC 2021), and as the
//! English the project's lexicon reads it as, against the English index;
//! the English reading counts [`score::TRANSLATED_MATCH`] of its score.
//! Each group keeps the better of the two.

use std::collections::HashMap;

use super::{
    explain, score, Analyzed, Config, Evidence, EvidenceBasis, Match, Matcher,
    Prepared, QueryTranslation, Scratch,
};
use crate::model::Lang;
use crate::normalize::Normalizer;
use crate::zh::{self, Translation};

impl Matcher {
    pub(super) fn match_chinese(
        &self,
        scratch: &mut Scratch,
        query: &str,
        config: &Config,
    ) -> Match {
        let normalizer = self.index.normalizer();
        let analyzed = normalizer.analyze_query(query, Some(Lang::Zh));
        let translation = zh::translate(query);
        let english = english_reading(normalizer, &translation);
        let mut result = Match {
            query: query.to_string(),
            lang: Some(Lang::Zh),
            translation: Some(QueryTranslation {
                english: translation.english.clone(),
                unknown: translation.unknown().map(str::to_string).collect(),
                source: zh::PROVENANCE.to_string(),
            }),
            candidates: vec![],
        };
        let mut direct = self.prepare(&analyzed, Some(Lang::Zh));
        let mut read = self.prepare(&english, Some(Lang::En));
        // Words the index lacks still say what the query is about: they
        // count in its weight, so that a title sharing only its generic
        // words (助理, assistant) with a group does not score high there.
        if let Some(q) = &mut direct {
            q.query_weight += self.unseen_weight(&analyzed, q, true);
        }
        if let Some(q) = &mut read {
            q.query_weight += self.unseen_weight(&english, q, false);
        }
        let mut inner = scratch.translated.take().unwrap_or_default();
        // (score, group, entry, read in English)
        let mut both: Vec<(f32, u32, u32, bool)> = vec![];
        if let Some(q) = &direct {
            both.extend(
                self.rank(scratch, q)
                    .into_iter()
                    .map(|(s, g, e)| (s, g, e, false)),
            );
        }
        if let Some(q) = &read {
            both.extend(
                self.rank(&mut inner, q).into_iter().map(|(s, g, e)| {
                    (s * score::TRANSLATED_MATCH, g, e, true)
                }),
            );
        }
        // The better of the two per group; on a tie, the Chinese title.
        both.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.3.cmp(&b.3))
        });
        let mut via_english: HashMap<u32, bool> = HashMap::new();
        let mut ranked: Vec<(f32, u32, u32)> = vec![];
        for (s, g, e, read) in both {
            if let std::collections::hash_map::Entry::Vacant(v) =
                via_english.entry(g)
            {
                v.insert(read);
                ranked.push((s, g, e));
            }
        }
        self.sort_ranked(&mut ranked);
        if ranked.first().is_none_or(|r| r.0 < config.min_score) {
            scratch.translated = Some(inner);
            return result;
        }
        // What the probability is estimated from: the fused ranking, and
        // the words of the English reading (of the Chinese, without one).
        let basis = match (&read, &direct) {
            (Some(q), _) => {
                EvidenceBasis::new(&ranked, &english, q, Some(Lang::Zh))
            }
            (None, Some(q)) => {
                EvidenceBasis::new(&ranked, &analyzed, q, Some(Lang::Zh))
            }
            (None, None) => unreachable!("ranked without a query"),
        };
        // Profiles are English and French: the English reading fits them.
        match &read {
            Some(q) => self.rerank_by_profile(
                scratch,
                &english,
                &q.terms,
                &mut ranked,
            ),
            None => {
                let q = direct.as_ref().expect("one of the two ranked");
                self.rerank_by_profile(
                    scratch,
                    &analyzed,
                    &q.terms,
                    &mut ranked,
                )
            }
        }
        let mut taken = 0.0;
        for (rank, &(s, g, e)) in ranked.iter().take(config.top).enumerate() {
            let fit = scratch.profile[g as usize];
            let read_english = via_english[&g];
            let mut c = match (read_english, &read, &direct) {
                (true, Some(q), _) => {
                    let mut c = self.candidate_from(
                        &inner,
                        q,
                        &english,
                        (s, g, e),
                        fit,
                        config,
                    );
                    if let Some(x) = &mut c.explanation {
                        x.details.insert(0, explain::translated(&translation));
                    }
                    c
                }
                (_, _, Some(q)) => self.candidate_from(
                    scratch,
                    q,
                    &analyzed,
                    (s, g, e),
                    fit,
                    config,
                ),
                (_, Some(q), None) => self.candidate_from(
                    &inner,
                    q,
                    &english,
                    (s, g, e),
                    fit,
                    config,
                ),
                (_, None, None) => unreachable!("ranked without a query"),
            };
            let evidence = match (read_english, &read, &direct) {
                (true, Some(q), _) | (_, Some(q), None) => {
                    basis.evidence(&self.index, s, g, &inner, q)
                }
                (_, _, Some(q)) => {
                    basis.evidence(&self.index, s, g, scratch, q)
                }
                (_, None, None) => unreachable!("ranked without a query"),
            };
            // The profile fit is that of the shared reranking.
            c.set_evidence(Evidence { profile: fit, ..evidence }, rank, taken);
            taken += c.probability;
            c.unofficial_title =
                self.index.groups()[g as usize].unofficial_zh.clone();
            result.candidates.push(c);
        }
        scratch.translated = Some(inner);
        result
    }
}

impl Matcher {
    /// The weight of the query's words that match nothing in the index,
    /// each as much as a word found in one group. Of Chinese words
    /// (`atomic`), only those with no shorter lexicon word inside count:
    /// a compound the index lacks is matched through its parts.
    fn unseen_weight(
        &self,
        analyzed: &Analyzed,
        q: &Prepared,
        atomic: bool,
    ) -> f32 {
        let index = &self.index;
        let n = index.groups().len() as f32;
        let idf = (1.0 + (n - 0.5) / 1.5).ln();
        analyzed
            .terms
            .iter()
            .filter(|t| {
                index.term_id(&t.text).is_none()
                    && !q.terms.iter().any(|x| x.text == t.text)
                    && (!atomic || zh::sub_words(&t.text).is_empty())
            })
            .map(|t| idf * score::part_weight(t.part))
            .sum()
    }
}

/// The English reading of a Chinese query, analysed as an English query;
/// a word the lexicon renders several ways (`专员`: officer, specialist)
/// matches its other one-word renderings as alternatives.
fn english_reading(
    normalizer: &Normalizer,
    translation: &Translation,
) -> Analyzed {
    let mut analyzed =
        normalizer.analyze_query(&translation.english, Some(Lang::En));
    let one_word = |s: &str| -> Option<String> {
        if s.contains(' ') {
            return None;
        }
        let a = normalizer.analyze_title(s, Lang::En);
        match &a.terms[..] {
            [t] => Some(t.text.clone()),
            _ => None,
        }
    };
    for w in translation.words.iter().filter(|w| w.en.len() > 1) {
        let Some(first) = one_word(&w.en[0]) else { continue };
        let alts: Vec<String> =
            w.en[1..].iter().filter_map(|a| one_word(a)).collect();
        if let Some(t) = analyzed.terms.iter_mut().find(|t| t.text == first) {
            for a in alts {
                if a != t.text && !t.alternatives.contains(&a) {
                    t.alternatives.push(a);
                }
            }
        }
    }
    analyzed
}
