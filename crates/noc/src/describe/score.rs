//! The weights of description matching and of the reference-letter
//! check, each with its reason. Title weights stay in
//! [`matcher::score`](crate::matcher::score).
//!
//! A description's score for a unit group is
//!
//! ```text
//! duties = (1 − PROFILE_SHARE − DUTY_PROFILE_SHARE) × align / best align
//!        + PROFILE_SHARE × profile / best profile
//!        + DUTY_PROFILE_SHARE × duty profile / best duty profile
//! with a title:    score = TITLE_SHARE × title^TITLE_POWER
//!                          + (1 − TITLE_SHARE) × duties
//! without a title: score = duties, with profile read as
//!     (1 − FEEDBACK_SHARE) × profile / best profile
//!   + FEEDBACK_SHARE × feedback / best feedback
//! ```
//!
//! where `align` is the sum, over the client's duties, of the cosine
//! between the duty and the group's best-fitting statement (a main duty
//! or the lead statement); `profile` is the BM25F fit of all the
//! client's words to the group's whole profile (titles, lead statement,
//! duties), a word weighing `count^QUERY_TF_POWER`; and `duty profile`
//! is the sum, over the client's duties, of the group's BM25F fit to
//! that duty alone relative to the best group's fit to it. `feedback` is
//! the BM25F fit of a feedback query made of the best profile terms of
//! the first groups of the ranking without feedback
//! ([`FEEDBACK_SHARE`]).
//!
//! Words are compared by duty key, read through the project's duty
//! synonym table (`data/duties/synonyms.tsv`: `fixed` as `repair`) on
//! both sides of alignment, and the profile fits read a client word's
//! NOC synonym beside it. The table has no weight: duties only, whole
//! file (halves), it took 0.547 / 0.795 (0.533 / 0.777 and 0.560 /
//! 0.810) to 0.557 / 0.795 (0.541 / 0.777 and 0.571 / 0.810), title +
//! duties 0.670 / 0.877 (0.654 / 0.858 and 0.685 / 0.894) to 0.677 /
//! 0.877 (0.654 / 0.858 and 0.698 / 0.894); its other designs (a
//! lower-weight synonym on the query side, 0.5 or 0.8 of its weight;
//! the synonym in place of the client's word in the profile fit) are in
//! bench/EXPERIMENTS.md.
//!
//! The figures below are top-1 / top-5 on the dev duty lists, duties
//! only unless said, whole file and its two halves (occupations taken in
//! turn); a weight was kept only when both halves gained. Those of
//! earlier rounds were measured before the synonym table.

/// Share of the duty evidence that comes from the profile as one bag of
/// words rather than from duty-by-duty alignment. Alignment is the
/// stronger signal (a duty is one act, and the group that has that act
/// should win it), but a client duty often names an object of the work
/// (`ambulance`, `payroll`) that only the group's titles carry. On the
/// dev duty lists (duties only, top-1 / top-5): 0 gave 0.42 / 0.70, 0.2
/// 0.48 / 0.74, 0.5 0.53 / 0.76, 0.8 0.49 / 0.78 (measured before past
/// tenses were read as present, which moved them by under 0.01).
pub const PROFILE_SHARE: f32 = 0.5;

/// Share of the duty evidence that comes from each duty's own profile
/// fit, each duty giving its best group 1: the whole-description fit
/// lets the longest duty's words decide, this one lets every duty vote
/// once, and a duty naming an object that only the group's titles carry
/// (`boat motors`: outboard motor mechanics) still votes. It mostly
/// lifts the right group into the top five: with
/// [`QUERY_TF_POWER`], 0 gave 0.537 / 0.769 (halves 0.528 / 0.755 and
/// 0.545 / 0.780), 0.2 0.535 / 0.785 (0.515 / 0.764 and 0.552 / 0.802),
/// 0.35 with no query frequency 0.501 / 0.791.
pub const DUTY_PROFILE_SHARE: f32 = 0.2;

/// How a word's count in the description weighs in the whole-profile
/// fit: a word that recurs across the client's duties (`motor` in four
/// of five) names the work's object, yet ten mentions are not ten times
/// the evidence. 0 (each word once) gave 0.527 / 0.757, 0.5 0.537 /
/// 0.769 (both halves gained), 1 0.529 / 0.769.
pub const QUERY_TF_POWER: f32 = 0.5;

/// Pseudo-relevance feedback (RM3) for a description without a title:
/// after a first ranking, the best terms of the first
/// [`FEEDBACK_GROUPS`] groups' profiles (each group weighing its score
/// to the power [`FEEDBACK_POWER`]) make a second, feedback query, and
/// its profile fit takes this share of the whole-profile part. O*NET
/// tasks and reference letters describe the work in their own words;
/// the first few groups' profiles name the same work in the NOC's
/// words (a group's titles, objects and tools), which lifts a right
/// group that shares few of the client's own words. It is a recall
/// device: duties only, whole file (halves), no feedback gave 0.537 /
/// 0.787, top-10 0.847 (0.515 / 0.777 and 0.556 / 0.795); 0.3 with 10
/// groups, 40 terms, power 2 0.547 / 0.795, top-10 0.857 (0.533 / 0.777
/// and 0.560 / 0.810). Around it every setting kept the whole file's
/// top-1 and top-5 at or above no feedback and lifted top-10 by 0.008
/// to 0.014, but the halves traded a row or two: 0.25 gave 0.543 /
/// 0.795, 0.35 0.549 / 0.791; 8 groups 0.547 / 0.787, 12 0.541 /
/// 0.793, 15 0.539 / 0.799; 30 terms 0.541 / 0.791, 60 0.539 / 0.787;
/// power 1 0.545 / 0.791. With a title, feedback from the first
/// ranking (with or without the title) lowered title + duties (0.670 /
/// 0.877 to 0.661–0.673 / 0.863–0.877), so a titled description has
/// none.
pub const FEEDBACK_SHARE: f32 = 0.3;

/// How many of the first groups give feedback terms (see
/// [`FEEDBACK_SHARE`]): the right group is in the first ten for 85 % of
/// the dev duty lists, and feedback from more than one group keeps it
/// from only repeating the first candidate.
pub const FEEDBACK_GROUPS: usize = 10;

/// A feedback group weighs its first-ranking score to this power (the
/// weights then summing to 1): the first groups, likelier right, give
/// most of the feedback terms.
pub const FEEDBACK_POWER: i32 = 2;

/// How many terms the feedback query keeps: the heaviest after pooling
/// the feedback groups' best terms.
pub const FEEDBACK_TERMS: usize = 40;

/// How many of each group's profile terms, by weight, the profile index
/// keeps for feedback: the group's telling words (its titles' nouns,
/// its duties' objects) without its long tail. On the dev lists 50 gave
/// 0.537 / 0.787, 100 0.547 / 0.795, 200 0.539 / 0.799, all 0.535 /
/// 0.799 (duties only, top-1 / top-5).
pub const FEEDBACK_GROUP_TERMS: usize = 100;

/// How much a group rises with its major group's share of the first
/// groups: its score is multiplied by `1 + MAJOR_GROUP_SHARE × share`
/// (then all by `1 / (1 + MAJOR_GROUP_SHARE)`, so a score stays at most
/// 1), where the share is the part of the first [`MAJOR_GROUP_POOL`]
/// groups' squared scores that groups of its major group (broad
/// category and TEER) hold. When several of the first groups agree on
/// the kind and level of work, the right group is likelier among them;
/// a neighbour that differs by level is the commonest miss.
pub const MAJOR_GROUP_SHARE: f32 = 0.05;

/// How many of the first groups vote for their major group (see
/// [`MAJOR_GROUP_SHARE`]).
pub const MAJOR_GROUP_POOL: usize = 10;

/// A first group's vote weighs its score to this power (see
/// [`MAJOR_GROUP_SHARE`]): the first groups, likelier right, count most.
pub const MAJOR_GROUP_POWER: i32 = 2;

/// The weight of a phrase term of duty alignment (two adjacent word
/// roots, in either order: `client counsel`) as a share of its inverse
/// group frequency. A word pair says what its words apart do not
/// (`safety inspection` against `safety` and `inspection` in two
/// clauses), but it repeats their evidence, so it weighs less than a
/// word of the same rarity. Duties only, then title + duties, whole
/// file (halves): no phrases gave 0.535 / 0.785 (0.515 / 0.764 and
/// 0.552 / 0.802), 0.661 / 0.872 (0.645 / 0.858 and 0.677 / 0.885);
/// 0.7 0.537 / 0.787 (0.515 / 0.777 and 0.556 / 0.795), 0.670 / 0.877
/// (0.654 / 0.858 and 0.685 / 0.894); pairs in order at 1.0 0.531 /
/// 0.789, 0.668 / 0.874. Only alignment reads phrases: the check and
/// [`COVERED`] compare words (see `DutyQuery::cosine`).
pub const PHRASE_WEIGHT: f32 = 0.7;

/// A word in the statements of more than this share of the unit groups
/// (`use`, `ensure`, `work`, `prepare`) is left out of duty alignment:
/// its inverse group frequency is so low (under 1.0, against 3 to 6 for
/// a telling word) that it barely moves a cosine, yet its postings are
/// the longest, so reading them was a quarter of the matching time. On
/// the dev lists 1 (every word) and 0.3 gave the same figures (0.535 /
/// 0.785, title + duties 0.661 / 0.872), 0.2 lost 0.006 / 0.008.
pub const MAX_GROUP_SHARE: f32 = 0.3;

/// Share of the score that comes from the title when there is one: a
/// title that is word for word an index title settles most cases, but
/// reported titles are often generic (`Coordinator`) and the duties
/// then decide. On the dev lists with titles, 0.3 gave 0.63 / 0.87 and
/// 0.45 0.65 / 0.87.
pub const TITLE_SHARE: f32 = 0.45;

/// The title's score is raised to this power before it is blended: a
/// title that is nearly word for word an index title (0.9 and up) keeps
/// most of its weight, a loose one (0.5, a generic `Coordinator`)
/// keeps a quarter and lets the duties decide. On the dev lists with
/// titles, 1 gave 0.646 / 0.861 (halves 0.611 / 0.839 and 0.677 /
/// 0.881), 2 0.657 / 0.872 (0.630 / 0.853 and 0.681 / 0.889), 3 0.659 /
/// 0.872; the title's probability in place of its score 0.661 / 0.861.
pub const TITLE_POWER: i32 = 2;

/// A client duty counts as explained by a group (and a NOC duty as
/// covered by a client duty) from this cosine on: about two shared
/// telling words of a short duty. On the dev set a quarter of the
/// labelled groups reach half their client duties explained at this
/// level (see the README's "Checking a reference letter").
pub const COVERED: f32 = 0.25;

/// A covering is strong from this cosine on: most key words shared.
pub const STRONG_COVER: f32 = 0.5;

/// A client duty of fewer words than this (after stopwords) pairs with
/// no statement: `Kitchen`, `Meals` or `software` is a
/// keyword, not a duty, and a list of them had made a strong letter. On
/// the dev duty lists, whose statements are real duties, the shares of
/// strong verdicts do not move (README, "Checking a reference letter").
pub const MIN_DUTY_WORDS: usize = 2;

/// In the check, a pairing whose duty and statement share a single word
/// (counting the words too common to be indexed) is at most this
/// cosine: a partial covering, never a strong one, however rare the word
/// (`Supervised kitchen helpers` and "May clean kitchen and work area"
/// share only `kitchen`, which alone gave 0.89). Below [`STRONG_COVER`],
/// so coverage and the verdict do not change.
pub const ONE_WORD_COVER: f32 = 0.45;

/// A client duty that shares this share of its words, in order, with a
/// NOC duty (and the NOC duty as large a share with it) copies it.
pub const COPIED: f32 = 0.8;

/// A Chinese client duty whose English reading shares this share of its
/// duty-key pairs, in order, with a NOC duty translates it nearly word
/// for word. Looser than [`COPIED`], since a translation read back
/// through the lexicon never gives the NOC's exact words, and only for
/// a duty of at least [`TRANSLATED_COPY_PAIRS`] pairs. Measured with
/// NOC 2021: of seed 000's 18 Chinese duty lines (the Chinese of NOC
/// 2011 4212's duties) checked against 42201, whose duties NOC 2021
/// reworded, 4 reach 0.65 (3 at 1.0), 5 reach 0.6 and 8 reach 0.5; of
/// 2,960 Chinese duty statements written from O*NET tasks, each checked
/// against its labelled group, none reaches 0.65 (2 reach 0.6, 12 reach
/// 0.5; with three pairs allowed, 3 reach 0.65).
pub const TRANSLATED_COPY: f32 = 0.65;

/// The fewest key pairs a Chinese duty's reading needs before it can be
/// called a translated copy: a duty of three or four words matches some
/// NOC duty by chance.
pub const TRANSLATED_COPY_PAIRS: usize = 4;

/// How many of the title's best candidates bring their title score;
/// groups below them score no title evidence (speed: building every
/// candidate of a title costs more than the rest of the description).
pub const TITLE_POOL: usize = 50;

/// A letter whose client duties cover at least this share of the
/// group's main duties (and see [`STRONG_CLIENT_SHARE`]) is a strong
/// match: the upper quartile of what the labelled group reaches on the
/// dev duty lists (quartiles 0.06 / 0.17 / 0.38), measured by `noc eval`
/// on a duties file.
pub const STRONG_MAIN_SHARE: f32 = 0.3;

/// ... and at least this share of whose duties the profile explains
/// (near the labelled group's upper quartile on the dev lists, 0.57).
pub const STRONG_CLIENT_SHARE: f32 = 0.5;

/// A letter covering at least one main duty and this share of them is a
/// partial match; below, weak (between the labelled group's lower
/// quartile, 0.06, and its median, 0.17, on the dev lists; 35 % of the
/// labelled rows fall below it).
pub const PARTIAL_MAIN_SHARE: f32 = 0.1;

/// A "classified elsewhere" entry is named when the letter aligns with
/// its group at least this share as well as with the group checked (and
/// covers at least one of its main duties).
pub const ELSEWHERE_SHARE: f32 = 0.9;

/// How many features the description confidence model reads
/// ([`description_features`]).
pub const DESCRIPTION_FEATURES: usize = 4;

/// The description confidence model: a logistic regression of whether
/// a description's first candidate is the right unit group, on
/// [`description_features`]. Intercept first, then the weights of the
/// candidate's score, its margin over the best other group, the share of
/// the client's duties it explains, and whether a title was given.
/// Fitted by `noc eval` on `labelled/duties_dev.csv` (L2 penalty
/// [`DESCRIPTION_L2`], single-label rows, the duties-only and the
/// title + duties rows weighing the same; the run prints the
/// coefficients it fits as "fitted on this file"). Fitted on each half
/// of the dev file alone (occupations in turn) the weights stay close:
/// [-3.64, 2.68, 4.38, 0.93, 1.05] and [-3.86, 3.19, 4.60, 0.69, 0.98].
/// The margin weighs most: a group far ahead of the next is usually
/// right, and a title adds the evidence the O*NET lists lack.
pub const DESCRIPTION_MODEL: [f32; DESCRIPTION_FEATURES + 1] =
    [-3.7606, 2.9689, 4.4880, 0.7863, 1.0114];

/// The L2 penalty of the description model's fit, per observation:
/// enough to keep the weights finite on a small file.
pub const DESCRIPTION_L2: f64 = 1e-3;

/// The features of a description's candidate for
/// [`DESCRIPTION_MODEL`]: its score, its margin over the best other
/// group (`score − other`, negative below the first), the share of the
/// client's duties it explains, and 1 when a title was given.
pub fn description_features(
    score: f32,
    other: f32,
    explained: usize,
    of: usize,
    titled: bool,
) -> [f32; DESCRIPTION_FEATURES] {
    let share = if of == 0 { 0.0 } else { explained as f32 / of as f32 };
    [score, score - other, share, f32::from(u8::from(titled))]
}

/// The probability, by [`DESCRIPTION_MODEL`], that a first candidate
/// with `features` is right.
pub fn description_probability(features: &[f32; DESCRIPTION_FEATURES]) -> f32 {
    description_probability_at(0, features)
}

/// The logit of [`DESCRIPTION_MODEL`] for `features`.
pub fn description_logit(features: &[f32; DESCRIPTION_FEATURES]) -> f32 {
    let [b0, rest @ ..] = DESCRIPTION_MODEL;
    b0 + rest.iter().zip(features).map(|(b, x)| b * x).sum::<f32>()
}

/// `[a, b]` recalibrating the description model's logit for the second
/// candidate and for the third and later, as the title model's
/// ([`crate::matcher::score::SECOND_CANDIDATE`]): the model is fitted on
/// first candidates and, read as it is, gave second candidates 0.16 on
/// dev where 0.10 were right. Fitted on the dev file's single-label rows
/// (each source weighing the same) by `noc eval`, which prints them as
/// "fitted on this file".
pub const DESCRIPTION_LATER: [[f32; 2]; 2] =
    [[-1.341, 0.476], [-1.366, 0.853]];

/// The probability that the description candidate at `rank` (0 for the
/// first) with `features` is right: [`DESCRIPTION_MODEL`], recalibrated
/// by [`DESCRIPTION_LATER`] after the first.
pub fn description_probability_at(
    rank: usize,
    features: &[f32; DESCRIPTION_FEATURES],
) -> f32 {
    crate::matcher::score::recalibrated(
        rank,
        description_logit(features),
        &DESCRIPTION_LATER,
    )
}

/// How much more cohesion (co-occurrence with the duty's other words in
/// the NOC's statements: `describe::senses_in_context`) a later English
/// rendering of a Chinese duty word needs than its first to be read
/// instead: the
/// lexicon's first rendering is its writers' choice, kept unless the
/// NOC's statements clearly favour another beside the duty's words.
/// On Chinese renderings of 249 duty lists of the dev file (top-1 /
/// top-5 / top-10): 0.474 / 0.755 / 0.847 always reading the first;
/// 0.462 / 0.767 / 0.851 at 0.02; 0.486 / 0.759 / 0.859 at 0.05;
/// 0.482 / 0.763 / 0.855 at 0.1, the only setting tried that loses
/// nothing on either half; 0.478 / 0.763 / 0.855 at 0.2.
pub const SENSE_MARGIN: f32 = 0.1;
