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

/// Factor on the fit of an example title (capped at 1): the NOC lists a
/// few examples per unit group as the titles that name its core work,
/// and its index adds the long tail of rarer variants, so of two titles
/// that fit a query about as well the example is more often the right
/// group. Measured on `labelled/dev.csv` (issue 11): macro top-1 and
/// top-5 +0.1 point on each half of the rows (even, odd), title + duties
/// +0.2 point top-1, Chinese titles unchanged; at 1.05 the odd half
/// loses.
pub const EXAMPLE_TITLE: f32 = 1.03;

/// Factor when the title's head noun (`worker` in `youth worker`) is not
/// in the query: `youth counsellor` should prefer counsellor titles over
/// `youth worker`.
pub const HEAD_MISS: f32 = 0.8;

/// Words that name a rank over the work rather than the work
/// (`manager`, `supervisor`, `chief`, `executive`; French `directeur`,
/// `gestionnaire`, `superviseur`, `contremaître`, `chef`, which is also
/// the English rank over cooks). A query that names one may match a
/// title with another.
pub const RANK_WORDS: &[&str] = &[
    "manager",
    "supervisor",
    "director",
    "foreman",
    "superintendent",
    "chief",
    "head",
    "directeur",
    "gestionnaire",
    "superviseur",
    "contremaître",
    "surintendant",
    "chef",
    "executive",
];

/// Factor for a title that names a rank ([`RANK_WORDS`]) when the query
/// names none: a title without one is the worker's, so `housekeeping` is
/// a housekeeping aide rather than a housekeeping manager, `housekeeper,
/// food court` a housekeeper rather than an executive housekeeper, and
/// `sales cashier` a cashier rather than a head cashier. Measured on
/// `labelled/dev.csv` (issue 11): macro top-1 0.5251 → 0.5330 (even rows
/// 0.5352 → 0.5414, odd 0.5151 → 0.5247), top-5 0.7264 → 0.7270 (even
/// 0.7291 → 0.7302, odd 0.7238 → 0.7238), title +
/// duties top-1 0.679 → 0.682; 0.9 to 0.75 give about the same.
pub const RANK_MISS: f32 = 0.85;

/// Factor when the query names the title's exception: `day care worker`
/// must not land on `child-care worker (except day care)`.
pub const EXCEPTION_HIT: f32 = 0.1;

/// Factor for a title in another language than the query's, when the
/// query's language is known: breaks ties toward the query's language.
pub const OTHER_LANGUAGE: f32 = 0.97;

/// A Chinese query read in English through the project's lexicon counts
/// this share of the score its English reading gets: the reading is ours
/// and may miss a nuance, so a Chinese title of the group that the query
/// names as such wins over an equally good English match.
pub const TRANSLATED_MATCH: f32 = 0.9;

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

/// For a query of one word (`Teacher`, `Developer`), many groups have a
/// title that is that word and one more, and their scores come out within
/// a few hundredths of each other. Each group's share of the index titles
/// whose head noun is the word then counts as one more piece of evidence,
/// at this weight, in a noisy OR with its score (which so stays below 1
/// unless it was 1: an exact title keeps its place), so a bare word ranks
/// first the groups where it is the usual title (teachers, not the visual
/// artists' `art teacher`). 0.2 is the least round weight that does so
/// for `Teacher`; dev titles are the same from 0.15 to 0.3 (a one-word
/// dev title is mostly a rare O*NET word with one group that has it).
pub const HEAD_SHARE: f32 = 0.2;

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

/// The profile fit the confidence model reads for a group whose profile
/// is not in the loaded data (a "classified elsewhere" target of the
/// embedded default): the mean profile fit of the first candidates on
/// `labelled/dev.csv` with NOC 2021 loaded, so that a missing profile
/// neither raises nor lowers the probability.
pub const PROFILE_FIT_UNKNOWN: f32 = 0.92;

/// Candidates whose [`probability`] of being right is at
/// least this are reported with high confidence. Chosen on
/// `labelled/dev.csv` (issue 11) as the lowest threshold whose `high`
/// band is right at least 0.78 of the time averaged over the four
/// headline sources: 0.63 to 0.86 of them are right, by source (0.79 on
/// average), covering 25 to 51 % of each source's titles. At 0.65 the
/// mean precision is 0.778; at 0.7 it is 0.807 with 21 % of the O*NET
/// alternate titles (README, "Confidence").
pub const HIGH_CONFIDENCE: f32 = 0.66;

/// The highest probability given, when the loaded data is partial
/// ([`crate::index::Index::is_partial`]), to a candidate whose best
/// title is not the query word for word; just below [`HIGH_CONFIDENCE`].
/// The model reads a wide margin over the other groups as a sign of
/// being right, but with few profiles loaded the group that fits better
/// may simply be missing: on the embedded default, `customer service
/// assistant` has no other group to lose to than 4212's `assistant,
/// social services`. An index title met word for word names its group
/// whatever else is loaded, so `youth worker` keeps its high confidence.
pub const PARTIAL_DATA_PROBABILITY: f32 = 0.65;

const _: () = assert!(PARTIAL_DATA_PROBABILITY < HIGH_CONFIDENCE);

/// Candidates whose probability is at least this are reported with
/// medium confidence: more often right than wrong.
pub const MEDIUM_CONFIDENCE: f32 = 0.5;

/// Two groups whose scores are at most this far apart compete for the
/// same query ([`CONFIDENCE_COMPETITORS`]): `manager` fits hundreds of
/// groups about equally well.
pub const COMPETITOR_WINDOW: f32 = 0.1;

// The confidence model: the probability that a candidate is the right
// unit group is a logistic regression on what the matcher knows of it
// ([`crate::matcher::Evidence`]):
//
//     p = 1 / (1 + exp(-(CONFIDENCE_INTERCEPT + Σ CONFIDENCE_x × x)))
//
// Fitted on `labelled/dev.csv` (its four headline sources, each
// weighing the same, L2 penalty [`CONFIDENCE_L2`], first candidates
// only) by `noc eval dev.csv --fit-confidence`, which prints these lines
// to paste here. No labelled title is compiled in: only these numbers.

/// The intercept of the confidence model.
pub const CONFIDENCE_INTERCEPT: f32 = -8.154;
/// Per unit of score: a better-fitting title is more often right.
pub const CONFIDENCE_SCORE: f32 = 4.561;
/// Per unit of margin over the best other group: a clear winner is more
/// often right than one of several close ones (SOCcer's gap rule).
pub const CONFIDENCE_MARGIN: f32 = 0.882;
/// Per unit of `ln(1 + n)`, `n` the other groups within
/// [`COMPETITOR_WINDOW`]: a title many groups share (`manager`,
/// `teacher`, `consultant`) is ambiguous.
pub const CONFIDENCE_COMPETITORS: f32 = -0.527;
/// When the best title of the group is the query word for word.
pub const CONFIDENCE_EXACT: f32 = 0.194;
/// Per unit of the share of the query's weight its best title explains.
pub const CONFIDENCE_RECALL: f32 = -0.940;
/// Per unit of profile fit: the group's whole profile (duties, lead
/// statement) agrees with its titles.
pub const CONFIDENCE_PROFILE: f32 = 1.850;
/// Per unit of `ln(1 + n)`, `n` the query's words.
pub const CONFIDENCE_WORDS: f32 = 0.700;
/// Per unit of the share of the query's words the index does not know as
/// written (spelling corrections, word families, unknown words).
pub const CONFIDENCE_UNKNOWN: f32 = 0.328;
/// When the query is French.
pub const CONFIDENCE_FRENCH: f32 = 0.346;
/// When the query is Chinese. Not fitted with the others (`dev.csv` has
/// no Chinese title): on `labelled/zh_dev.csv` (124 titles labelled by
/// hand, less noisy than the English sources) the term that fits best
/// with the others held is 1.87; a third of it keeps the Chinese
/// probabilities cautious (README, "Confidence"), and no bare ambiguous
/// title of `golden_zh.tsv` gets `high`.
pub const CONFIDENCE_CHINESE: f32 = 0.620;
/// Per unit of the share of the best title's weight the query names.
pub const CONFIDENCE_PRECISION: f32 = 2.052;
/// Per unit of the share of the query the group's titles cover together.
pub const CONFIDENCE_COVERAGE: f32 = 0.123;
/// When the best title's head noun heads the query too.
pub const CONFIDENCE_HEAD: f32 = 0.094;
/// When the best title is the class title or an example title.
pub const CONFIDENCE_CORE: f32 = 0.309;
/// When the best other group is in the same minor group (the code less
/// its last digit: 4 digits in NOC 2021). With the first three digits
/// (a sub-major group in NOC 2021) the refitted model was the same within
/// noise: mean precision of `high` on dev 0.789 → 0.793, least coverage
/// 0.200 → 0.198; the minor group is what the feature means in every
/// version.
pub const CONFIDENCE_NEIGHBOUR: f32 = 0.314;
/// Per unit of `ln(1 + n)`, `n` the other groups with a title that is
/// the query word for word.
pub const CONFIDENCE_SHARED_EXACT: f32 = -0.784;
/// The same, when the candidate's own best title is the query word for
/// word: an exact title that several groups hold is weaker evidence.
pub const CONFIDENCE_EXACT_SHARED: f32 = -0.784;
/// Per unit of the IDF of the query's head noun.
pub const CONFIDENCE_HEAD_IDF: f32 = 0.173;

/// The L2 penalty of the fit, per unit of (row) weight: few features and
/// a penalty keep the model from learning the labelled file by heart.
/// 1e-3 ranked dev's titles a little worse when fitted on one half and
/// measured on the other (README, "Confidence").
pub const CONFIDENCE_L2: f64 = 1e-4;

/// How many features the confidence model has.
pub const CONFIDENCE_FEATURES: usize = 18;

/// The confidence model's coefficients, in the order of
/// [`crate::matcher::Evidence::features`], after the intercept.
pub const CONFIDENCE_MODEL: [f32; CONFIDENCE_FEATURES + 1] = [
    CONFIDENCE_INTERCEPT,
    CONFIDENCE_SCORE,
    CONFIDENCE_MARGIN,
    CONFIDENCE_COMPETITORS,
    CONFIDENCE_EXACT,
    CONFIDENCE_RECALL,
    CONFIDENCE_PROFILE,
    CONFIDENCE_WORDS,
    CONFIDENCE_UNKNOWN,
    CONFIDENCE_FRENCH,
    CONFIDENCE_CHINESE,
    CONFIDENCE_PRECISION,
    CONFIDENCE_COVERAGE,
    CONFIDENCE_HEAD,
    CONFIDENCE_CORE,
    CONFIDENCE_NEIGHBOUR,
    CONFIDENCE_SHARED_EXACT,
    CONFIDENCE_EXACT_SHARED,
    CONFIDENCE_HEAD_IDF,
];

/// The names of [`CONFIDENCE_MODEL`]'s constants, in order.
pub const CONFIDENCE_NAMES: [&str; CONFIDENCE_FEATURES + 1] = [
    "CONFIDENCE_INTERCEPT",
    "CONFIDENCE_SCORE",
    "CONFIDENCE_MARGIN",
    "CONFIDENCE_COMPETITORS",
    "CONFIDENCE_EXACT",
    "CONFIDENCE_RECALL",
    "CONFIDENCE_PROFILE",
    "CONFIDENCE_WORDS",
    "CONFIDENCE_UNKNOWN",
    "CONFIDENCE_FRENCH",
    "CONFIDENCE_CHINESE",
    "CONFIDENCE_PRECISION",
    "CONFIDENCE_COVERAGE",
    "CONFIDENCE_HEAD",
    "CONFIDENCE_CORE",
    "CONFIDENCE_NEIGHBOUR",
    "CONFIDENCE_SHARED_EXACT",
    "CONFIDENCE_EXACT_SHARED",
    "CONFIDENCE_HEAD_IDF",
];

// Candidates after the first. The model above is fitted on first
// candidates; read as it is for the others it overstated their chance
// (on dev, second candidates given 0.3 to 0.4 were right 0.11 of the
// time, and the probabilities of a title's five candidates summed to
// more than 1 for half the titles). Their probability is the model's,
// recalibrated on its logit `z` as `1 / (1 + exp(-(a + b z)))` with
// `[a, b]` below, fitted on dev's second candidates and on its third to
// fifth (each source weighing the same) by `noc eval dev.csv
// --fit-confidence`, which prints these lines too.

/// `[a, b]` for the second candidate.
pub const SECOND_CANDIDATE: [f32; 2] = [-1.581, 0.513];
/// `[a, b]` for the third candidate and those after it.
pub const LATER_CANDIDATES: [f32; 2] = [-2.211, 0.334];

/// The logit (`z`) of a logistic model with `coefficients` (intercept
/// first) for `features` (without the leading 1).
pub fn logit(
    coefficients: &[f32; CONFIDENCE_FEATURES + 1],
    features: &[f32; CONFIDENCE_FEATURES],
) -> f32 {
    coefficients[0]
        + coefficients[1..]
            .iter()
            .zip(features)
            .map(|(c, x)| c * x)
            .sum::<f32>()
}

/// The probability of a logistic model with `coefficients` (intercept
/// first) for `features` (without the leading 1).
pub fn logistic(
    coefficients: &[f32; CONFIDENCE_FEATURES + 1],
    features: &[f32; CONFIDENCE_FEATURES],
) -> f32 {
    sigmoid(logit(coefficients, features))
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The probability that a first candidate with these features is right,
/// by the fitted [`CONFIDENCE_MODEL`].
pub fn probability(features: &[f32; CONFIDENCE_FEATURES]) -> f32 {
    logistic(&CONFIDENCE_MODEL, features)
}

/// The probability that the candidate at `rank` (0 for the first) with
/// these features is right: [`probability`] for the first, recalibrated
/// by [`SECOND_CANDIDATE`] or [`LATER_CANDIDATES`] for the others.
pub fn probability_at(
    rank: usize,
    features: &[f32; CONFIDENCE_FEATURES],
) -> f32 {
    recalibrated(
        rank,
        logit(&CONFIDENCE_MODEL, features),
        &[SECOND_CANDIDATE, LATER_CANDIDATES],
    )
}

/// The probability of the candidate at `rank` whose first-candidate model
/// gives the logit `z`, with `later` the `[a, b]` of the second
/// candidate and of those after it.
pub fn recalibrated(rank: usize, z: f32, later: &[[f32; 2]; 2]) -> f32 {
    match rank {
        0 => sigmoid(z),
        1 => sigmoid(later[0][0] + later[0][1] * z),
        _ => sigmoid(later[1][0] + later[1][1] * z),
    }
}

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
