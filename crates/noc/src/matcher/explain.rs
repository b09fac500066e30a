//! Explanations of scores, as a tree that serialises to JSON.

use serde::{Deserialize, Serialize};

use super::{score, Factors, QueryTerm};
use crate::index::Index;
use crate::normalize::Analyzed;

/// One node of a score explanation: a value, what it is, and the values
/// it is made of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The value.
    pub value: f32,
    /// What the value is.
    pub description: String,
    /// The values it was computed from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Explanation>,
}

impl Explanation {
    fn leaf(value: f32, description: impl Into<String>) -> Explanation {
        Explanation { value, description: description.into(), details: vec![] }
    }

    /// Writes the tree indented, one node a line.
    pub fn write_tree(
        &self,
        out: &mut impl std::fmt::Write,
        depth: usize,
    ) -> std::fmt::Result {
        writeln!(
            out,
            "{:indent$}{:.3}  {}",
            "",
            self.value,
            self.description,
            indent = depth * 2
        )?;
        for d in &self.details {
            d.write_tree(out, depth + 1)?;
        }
        Ok(())
    }
}

/// The profile fit of a candidate's group, as a node of its explanation.
pub(super) fn profile(fit: f32) -> Explanation {
    Explanation::leaf(
        fit,
        format!(
            "profile fit (titles, lead statement and duties; orders \
             candidates after the first {})",
            score::PROFILE_KEEP
        ),
    )
}

/// How a Chinese query was read in English, as a node of an
/// explanation.
pub(super) fn translated(t: &crate::zh::Translation) -> Explanation {
    let mut x = Explanation::leaf(
        score::TRANSLATED_MATCH,
        format!(
            "read in English as \"{}\" through the noc project's lexicon \
             (unofficial); the score counts this share",
            t.english
        ),
    );
    for w in &t.words {
        let how = match (w.kind, w.en.first()) {
            (_, Some(en)) => format!("{} → {en}", w.text),
            (Some(_), None) => format!("{} dropped (noise)", w.text),
            (None, None) => format!("{} not in the lexicon", w.text),
        };
        x.details.push(Explanation::leaf(1.0, how));
    }
    x
}

/// The probability of being right and what it was estimated from.
pub(super) fn probability(p: f32, e: &super::Evidence) -> Explanation {
    Explanation::leaf(
        p,
        format!(
            "probability of being right (confidence model): margin {:.3} \
             over the best other group, {} other groups within {}, {} \
             ({} other groups with one), {:.0}% of the query explained by \
             the title and {:.0}% of the title named by the query, {:.0}% \
             of its words unknown",
            e.margin,
            e.competitors,
            score::COMPETITOR_WINDOW,
            if e.exact { "exact title" } else { "no exact title" },
            e.shared_exact,
            e.recall * 100.0,
            e.precision * 100.0,
            e.unknown * 100.0
        ),
    )
}

pub(super) fn explain(
    index: &Index,
    e: u32,
    total: f32,
    f: &Factors,
    terms: &[QueryTerm],
    analyzed: &Analyzed,
) -> Explanation {
    let entry = index.entry(e);
    let mut term_details = vec![];
    for t in terms {
        let hit =
            t.matches.iter().find(|(id, _)| index.weight_in(*id, e).is_some());
        let shown = t.word.map_or(t.text.as_str(), |i| analyzed.surface(i));
        let desc = match hit {
            Some((_, credit)) if *credit >= 1.0 => {
                format!("query term {shown:?} matched")
            }
            Some((id, credit)) => format!(
                "query term {shown:?} matched as {:?} (credit {credit})",
                index.term(*id)
            ),
            None => format!("query term {shown:?} not in this title"),
        };
        let value = hit.map(|(_, c)| t.weight * c).unwrap_or(0.0);
        term_details.push(Explanation::leaf(value, desc));
    }
    for d in &analyzed.dropped {
        term_details
            .push(Explanation::leaf(0.0, format!("dropped as noise: {d:?}")));
    }
    let known: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
    for (i, t) in analyzed.terms.iter().enumerate() {
        if !known.contains(&t.text.as_str()) {
            term_details.push(Explanation::leaf(
                0.0,
                format!("unknown word ignored: {:?}", analyzed.surface(i)),
            ));
        }
    }
    let mut details = vec![Explanation {
        value: f.fit,
        description: format!(
            "fit: F-beta (beta {}) of recall and precision",
            score::RECALL_BETA
        ),
        details: vec![
            Explanation {
                value: f.recall,
                description: "recall: share of the query's term weight \
                              (IDF) in this title"
                    .into(),
                details: term_details,
            },
            Explanation::leaf(
                f.precision,
                "precision: share of the title's term weight named by the \
                 query",
            ),
        ],
    }];
    if f.head < 1.0 {
        let head = entry.head.map(|h| index.term(h)).unwrap_or("");
        details.push(Explanation::leaf(
            f.head,
            format!("the title's head noun {head:?} is not in the query"),
        ));
    }
    if f.rank < 1.0 {
        details.push(Explanation::leaf(
            f.rank,
            "the title names a rank (manager, supervisor, chief …) that the \
             query does not",
        ));
    }
    if f.exception < 1.0 {
        details.push(Explanation::leaf(
            f.exception,
            "the query names what this title excepts",
        ));
    }
    if f.language < 1.0 {
        details.push(Explanation::leaf(
            f.language,
            format!("title in {}, not the query's language", entry.lang),
        ));
    }
    let own = f.score();
    if (total - own).abs() > 1e-6 {
        details.push(Explanation::leaf(
            total - own,
            "unit group adjustment: support from its other titles (and, for \
             a one-word query, its share of the titles headed by that \
             word), or a cap because another group's \"classified \
             elsewhere\" title matched",
        ));
    }
    Explanation {
        value: total,
        description: format!(
            "title {:?} ({}, {:?})",
            entry.title, entry.lang, entry.source
        ),
        details,
    }
}
