//! The weights of description matching and of the reference-letter
//! check, each with its reason. Title weights stay in
//! [`matcher::score`](crate::matcher::score).
//!
//! A description's score for a unit group is
//!
//! ```text
//! duties = (1 − PROFILE_SHARE) × align / best align
//!        + PROFILE_SHARE × profile / best profile
//! with a title:    score = TITLE_SHARE × title
//!                          + (1 − TITLE_SHARE) × duties
//! without a title: score = duties
//! ```
//!
//! where `align` is the mean, over the client's duties, of the cosine
//! between the duty and the group's best-fitting statement (a main duty
//! or the lead statement), and `profile` is the BM25F fit of all the
//! client's words to the group's whole profile.

/// Share of the duty evidence that comes from the profile as one bag of
/// words rather than from duty-by-duty alignment. Alignment is the
/// stronger signal (a duty is one act, and the group that has that act
/// should win it), but a client duty often names an object of the work
/// (`ambulance`, `payroll`) that only the group's titles carry. On the
/// dev duty lists (duties only, top-1 / top-5): 0 gave 0.42 / 0.70, 0.2
/// 0.48 / 0.74, 0.5 0.53 / 0.76, 0.8 0.49 / 0.78 (measured before past
/// tenses were read as present, which moved them by under 0.01).
pub const PROFILE_SHARE: f32 = 0.5;

/// Share of the score that comes from the title when there is one: a
/// title that is word for word an index title settles most cases, but
/// reported titles are often generic (`Coordinator`) and the duties
/// then decide. On the dev lists with titles, 0.3 gave 0.63 / 0.87 and
/// 0.45 0.65 / 0.87.
pub const TITLE_SHARE: f32 = 0.45;

/// A client duty counts as explained by a group (and a NOC duty as
/// covered by a client duty) from this cosine on: about two shared
/// telling words of a short duty. On the dev set a quarter of the
/// labelled groups reach half their client duties explained at this
/// level (see the README's "Checking a reference letter").
pub const COVERED: f32 = 0.25;

/// A covering is strong from this cosine on: most key words shared.
pub const STRONG_COVER: f32 = 0.5;

/// A client duty that shares this share of its words, in order, with a
/// NOC duty (and the NOC duty as large a share with it) copies it.
pub const COPIED: f32 = 0.8;

/// How many of the title's best candidates bring their title score;
/// groups below them score no title evidence (speed: building every
/// candidate of a title costs more than the rest of the description).
pub const TITLE_POOL: usize = 50;

/// A letter whose client duties cover at least this share of the
/// group's main duties (and see [`STRONG_CLIENT_SHARE`]) is a strong
/// match: the upper quartile of what the labelled group reaches on the
/// dev duty lists (quartiles 0.05 / 0.17 / 0.36), measured by `noc eval`
/// on a duties file.
pub const STRONG_MAIN_SHARE: f32 = 0.3;

/// ... and at least this share of whose duties the profile explains
/// (near the labelled group's upper quartile on the dev lists, 0.57).
pub const STRONG_CLIENT_SHARE: f32 = 0.5;

/// A letter covering at least one main duty and this share of them is a
/// partial match; below, weak (between the labelled group's lower
/// quartile, 0.05, and its median, 0.17, on the dev lists; 36 % of the
/// labelled rows fall below it).
pub const PARTIAL_MAIN_SHARE: f32 = 0.1;

/// A "classified elsewhere" entry is named when the letter aligns with
/// its group at least this share as well as with the group checked.
pub const ELSEWHERE_SHARE: f32 = 0.9;
