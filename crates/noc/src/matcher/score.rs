//! Every weight of the ranking, in one place, with the reason for it.
//!
//! A candidate title's score is in `0.0..=1.0`:
//!
//! ```text
//! score = F(precision, recall) × head × exception × language
//! ```
//!
//! - recall: the share of the query's term weight the title explains;
//! - precision: the share of the title's term weight the query names;
//! - F: their weighted harmonic mean ([`RECALL_BETA`]);
//! - the factors are 1 or one of the penalties below.
//!
//! A term's weight is its IDF over all index titles times
//! [`part_weight`]; a term matched through an abbreviation's other
//! meaning or a spelling correction counts a share of it
//! ([`ALTERNATIVE_MATCH`], [`FUZZY_MATCH_1`], [`FUZZY_MATCH_2`]).

use crate::normalize::Part;

/// Weight of a term of the qualifier (`– social services`) relative to
/// the title itself: users often leave qualifiers out, and a qualifier
/// narrows the title rather than naming the occupation.
pub const QUALIFIER_WEIGHT: f32 = 0.5;

/// The weight of a term by the part of the title it stands in.
pub fn part_weight(part: Part) -> f32 {
    match part {
        Part::Base => 1.0,
        Part::Qualifier => QUALIFIER_WEIGHT,
    }
}

/// How much more recall counts than precision (F-beta). Equal weight:
/// a title that names words the query lacks is as far off as one that
/// lacks words the query names; the qualifier weight and the group's
/// other titles already forgive a query that leaves a qualifier out.
pub const RECALL_BETA: f32 = 1.0;

/// Credit for a term matched through another meaning of an
/// abbreviation (`admin` as `administrative`): nearly as good as exact.
pub const ALTERNATIVE_MATCH: f32 = 0.9;

/// Credit for a word of the same family (`welding` for `welder`,
/// `accounting` for `accountant`): related work, not the same title.
pub const DERIVED_MATCH: f32 = 0.6;

/// Credit for a term one edit away (`comunity`): most likely a typo.
pub const FUZZY_MATCH_1: f32 = 0.8;

/// Share of the fuzzy credit for words as near as the best correction
/// but less alike by Jaro-Winkler.
pub const FUZZY_RUNNER_UP: f32 = 0.75;

/// Credit for a term two edits away, only for long words.
pub const FUZZY_MATCH_2: f32 = 0.6;

/// Credit for each part of an unknown word split in two known ones
/// (`streetworker`).
pub const SPLIT_MATCH: f32 = 0.8;

/// Words from this length on may be corrected by two edits.
pub const FUZZY_2_MIN_LEN: usize = 8;

/// Factor when the title's head noun (`worker` in `youth worker`) is not
/// in the query: `youth counsellor` should prefer counsellor titles over
/// `youth worker`.
pub const HEAD_MISS: f32 = 0.8;

/// Factor when the query names the title's exception: `day care worker`
/// must not land on `child-care worker (except day care)`.
pub const EXCEPTION_HIT: f32 = 0.1;

/// Factor for a title in another language than the query's, when the
/// query's language is known: breaks ties toward the query's language.
pub const OTHER_LANGUAGE: f32 = 0.97;

/// How many of a unit group's best-fitting titles count toward its
/// score: several titles of a group that fit a query are more evidence
/// than one.
pub const GROUP_TITLES: usize = 8;

/// The group score is a noisy OR of its best titles' scores, the n-th
/// best (n ≥ 2) weighted by `GROUP_SUPPORT^(n-1)`.
pub const GROUP_SUPPORT: f32 = 0.85;

/// Share of a unit group's score that comes from how much of the query
/// its titles cover together (each query word found in any of its
/// titles), rather than from its single best title: a group whose titles
/// between them name every word of `water resources planner` is likely
/// right even when no one title does.
pub const GROUP_COVERAGE: f32 = 0.25;

/// When a group lists a title as "classified elsewhere" and that title
/// fits the query at least as well as the group's own titles, the group
/// may score at most this share of that title's score, so the group it
/// points to ranks first.
pub const EXCLUDED_CAP: f32 = 0.9;

/// How many of the best candidates by title keep their places whatever
/// the profiles say: a title that fits is stronger evidence than prose,
/// and below the first few the title scores are close together, so the
/// profiles settle the order there.
pub const PROFILE_KEEP: usize = 3;

/// How many of the best candidates by title the profiles may reorder.
pub const PROFILE_POOL: usize = 20;

/// The weight of the profile fit (0 to 1) added to the title score when
/// ordering candidates after the first [`PROFILE_KEEP`].
pub const PROFILE_WEIGHT: f32 = 0.5;

/// Titles that explain less than this share of what the best title
/// explains of the query are not scored (speed; they cannot rank).
pub const PRUNE_BELOW: f32 = 0.1;

/// Candidates scoring at least this are reported with high confidence.
pub const HIGH_CONFIDENCE: f32 = 0.75;

/// Candidates scoring at least this are reported with medium confidence.
pub const MEDIUM_CONFIDENCE: f32 = 0.5;

/// The default least score of the best candidate; below it the matcher
/// abstains.
pub const DEFAULT_MIN_SCORE: f32 = 0.2;

/// F-beta of precision and recall.
pub fn f_beta(precision: f32, recall: f32) -> f32 {
    let b2 = RECALL_BETA * RECALL_BETA;
    let denom = b2 * precision + recall;
    if denom <= 0.0 {
        0.0
    } else {
        (1.0 + b2) * precision * recall / denom
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f_beta_bounds() {
        assert_eq!(f_beta(1.0, 1.0), 1.0);
        assert_eq!(f_beta(0.0, 1.0), 0.0);
        assert_eq!(f_beta(0.0, 0.0), 0.0);
        // Recall counts at least as much as precision.
        assert!(f_beta(0.5, 1.0) >= f_beta(1.0, 0.5));
        let f = f_beta(0.5, 0.8);
        assert!(f > 0.5 && f < 0.8);
    }
}

#[doc(hidden)]
pub fn tune(name: &str, default: f32) -> f32 {
    static CELL: std::sync::OnceLock<std::collections::HashMap<String, f32>> =
        std::sync::OnceLock::new();
    let m = CELL.get_or_init(|| {
        std::env::vars()
            .filter_map(|(k, v)| {
                Some((k.strip_prefix("NOCT_")?.to_string(), v.parse().ok()?))
            })
            .collect()
    });
    m.get(name).copied().unwrap_or(default)
}
