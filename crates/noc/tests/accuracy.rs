//! Accuracy floors, so that later work cannot silently lose what the
//! matcher reached (see: issue 3). They need the official NOC 2021 files
//! and the labelled titles under `NOC_TEST_DATA`; in CI (`CI` set) a
//! missing folder fails.
//!
//! The floors sit a little under the figures measured when they were set
//! (README, "Results"): raise them when the matcher improves.

use std::path::PathBuf;

use noc::eval::{evaluate, perturbed_titles, read_labelled};
use noc::index::Index;
use noc::matcher::{Confidence, Matcher};
use noc::Lang;

/// Macro top-1 over the four headline sources of `labelled/dev.csv`
/// (measured 0.517 after the scorer fixes of issue 11; 0.514 before).
const DEV_MACRO_TOP1_FLOOR: f64 = 0.512;
/// Macro top-5 (measured 0.724).
const DEV_MACRO_TOP5_FLOOR: f64 = 0.719;
/// Precision of the `high` band, averaged over the four headline sources
/// of `labelled/dev.csv` (measured 0.786; goal on held-out titles 0.78).
const DEV_HIGH_PRECISION_FLOOR: f64 = 0.77;
/// The least share of a headline source's titles that is `high`
/// (measured 0.248, O*NET alternate titles; 0.33 to 0.51 for the
/// others; goal on held-out titles 0.25).
const DEV_HIGH_COVERAGE_FLOOR: f64 = 0.22;
/// Top-1 on perturbed index titles, pooled (goal 0.97; measured 0.988,
/// and 0.961 to 1.000 per kind).
const PERTURBED_POOLED_TOP1_FLOOR: f64 = 0.97;

#[path = "../../../tests/support/test_data.rs"]
mod test_data;

fn data_dir() -> Option<PathBuf> {
    test_data::test_data(&["noc2021", "labelled/dev.csv"])
}

fn matcher(dir: &std::path::Path) -> (Matcher, noc::Classification) {
    let loaded = noc::parse::load_path(&dir.join("noc2021")).unwrap();
    let c = loaded.classification;
    (Matcher::new(Index::build(&c)), c)
}

#[test]
fn dev_set_accuracy_does_not_regress() {
    let Some(dir) = data_dir() else { return };
    let (m, _) = matcher(&dir);
    let file = std::fs::File::open(dir.join("labelled/dev.csv")).unwrap();
    let noc::eval::LabelledRows { rows, problems, .. } =
        read_labelled(file, "noc2021").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.len(), 6395);
    let r = evaluate(&m, &rows, 2);
    assert_eq!(r.macro_sources.len(), 4);
    eprintln!(
        "dev macro top1 {:.3} top5 {:.3}",
        r.macro_avg.top1, r.macro_avg.top5
    );
    assert!(r.macro_avg.top1 >= DEV_MACRO_TOP1_FLOOR, "{:#?}", r.macro_avg);
    assert!(r.macro_avg.top5 >= DEV_MACRO_TOP5_FLOOR, "{:#?}", r.macro_avg);
    // See: issue 11. `high` means what it says.
    let cal = &r.calibration;
    eprintln!(
        "dev high precision {:.3}, least coverage {:.3}",
        cal.macro_high_precision, cal.min_high_coverage
    );
    assert!(cal.macro_high_precision >= DEV_HIGH_PRECISION_FLOOR, "{cal:#?}");
    assert!(cal.min_high_coverage >= DEV_HIGH_COVERAGE_FLOOR, "{cal:#?}");
    // Each band is right about as often as it says, or less often for the
    // noisiest labels, never far more often: the bands are ordered.
    let observed: Vec<f64> =
        cal.bands[..3].iter().map(|b| b.observed).collect();
    assert!(observed[0] > observed[1] && observed[1] > observed[2]);
    for b in &cal.bands[..3] {
        assert!(b.observed <= b.predicted + 0.05, "{b:?}");
        assert!(b.observed >= b.predicted - 0.15, "{b:?}");
    }
}

/// See: issue 11. A bare title that many groups share is never `high`,
/// and an unambiguous exact title is.
#[test]
fn ambiguous_bare_titles_are_never_high() {
    let Some(dir) = data_dir() else { return };
    let (m, _) = matcher(&dir);
    for q in [
        "Manager",
        "Teacher",
        "Consultant",
        "Supervisor",
        "Analyst",
        "Engineer",
        "Technician",
        "Operator",
        "Clerk",
        "Coordinator",
        "Director",
        "Labourer",
    ] {
        let r = m.match_title(q);
        let c = &r.candidates[0];
        assert_ne!(c.confidence, Confidence::High, "{q}: {c:#?}");
    }
    for q in ["youth worker", "licensed practical nurse", "pharmacist"] {
        let c = &m.match_title(q).candidates[0];
        assert_eq!(c.confidence, Confidence::High, "{q}: {c:#?}");
    }
}

/// See: issue 11. A real word with a family in the profiles (`bather`:
/// `bathe`, `bathing`) is not read as a misspelling of a title word
/// (`lather`).
#[test]
fn real_words_are_not_spelling_corrected() {
    let Some(dir) = data_dir() else { return };
    let (m, _) = matcher(&dir);
    let r = m.match_title("bather");
    assert!(
        r.candidates.iter().all(|c| !c.matched_title.contains("lather")),
        "{r:#?}"
    );
    // A typo still is.
    let r = m.match_title("pharmasist");
    assert_eq!(r.candidates[0].code.as_str(), "31120", "{r:#?}");
}

/// A French title without accents or function words (`Soudeur`) is read
/// as French from its words, which only French titles have: its head is
/// its first word and its groups are named in French. English titles stay
/// English, also where a word of theirs is in a French title too
/// (`operator`, of an English title in the French files).
#[test]
fn french_titles_without_a_mark_are_read_as_french() {
    let Some(dir) = data_dir() else { return };
    let (m, _) = matcher(&dir);
    for q in ["Soudeur", "Technicien automobile", "Directeur logistique"] {
        let r = m.match_title(q);
        assert_eq!(r.lang, Some(Lang::Fr), "{q}");
        assert!(r.candidates[0].title.contains('/'), "{q}: {r:#?}");
    }
    for q in ["Welder", "Charge Nurse", "Simplex Operator", "chef"] {
        assert_eq!(m.match_title(q).lang, Some(Lang::En), "{q}");
    }
    // `’` is an apostrophe too.
    assert_eq!(m.match_title("Analyste d’affaires").lang, Some(Lang::Fr));
}

#[test]
fn perturbed_titles_land_on_their_group() {
    let Some(dir) = data_dir() else { return };
    let (m, c) = matcher(&dir);
    let rows = perturbed_titles(&c, 3);
    assert!(rows.len() > 5_000, "{}", rows.len());
    let r = evaluate(&m, &rows, 2);
    eprintln!("perturbed pooled top1 {:.3}", r.pooled.top1);
    assert!(
        r.pooled.top1 >= PERTURBED_POOLED_TOP1_FLOOR,
        "{:#?}",
        r.per_source
    );
    for (kind, s) in &r.per_source {
        assert!(s.top1 >= 0.95, "{kind}: {s:#?}");
    }
}

#[test]
fn rankings_are_ordered_and_longer_lists_extend_shorter_ones() {
    let Some(dir) = data_dir() else { return };
    let loaded = noc::parse::load_path(&dir.join("noc2021")).unwrap();
    let config = noc::matcher::Config::DEFAULT.top(30).min_score(0.0);
    let m = Matcher::with_config(
        Index::build(&loaded.classification),
        config.clone(),
    );
    let file = std::fs::File::open(dir.join("labelled/dev.csv")).unwrap();
    let rows = read_labelled(file, "noc2021").unwrap().rows;
    let titles: Vec<&str> =
        rows.iter().step_by(7).map(|r| r.title.as_str()).collect();
    let long = m.match_many(&titles, 2);
    let short = Matcher::with_config(
        Index::build(&loaded.classification),
        config.top(5),
    )
    .match_many(&titles, 2);
    let mut reordered = 0;
    for (l, s) in long.iter().zip(&short) {
        assert!(l.is_ranked(), "{l:#?}");
        let codes = |m: &noc::matcher::Match, n: usize| {
            m.candidates.iter().take(n).map(|c| c.code).collect::<Vec<_>>()
        };
        assert_eq!(codes(l, 5), codes(s, 5), "{}", l.query);
        let scores: Vec<f32> = l.candidates.iter().map(|c| c.score).collect();
        reordered += usize::from(scores.windows(2).any(|w| w[0] < w[1]));
    }
    // The profiles do reorder some lists.
    assert!(reordered > titles.len() / 10, "{reordered} of {}", titles.len());
}
