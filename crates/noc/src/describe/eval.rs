//! Measuring description matching on labelled duty lists.
//!
//! The input is a CSV file with the columns `title`, `duties`, `noc2021`
//! (the single right unit group, empty when several are allowed),
//! `noc2021_any` (every allowed group, joined by `;`) and `source`, as in
//! `labelled/duties_dev.csv`. Single-label rows give the main figure per
//! source; every row gives the any-of figure.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

use serde::Serialize;

use super::score;
use super::Description;
use crate::code::NocCode;
use crate::error::{Error, Result};
use crate::eval::{parse_codes, Band, LabelledCsv};
use crate::matcher::{Confidence, Match, Matcher};

/// One labelled description.
#[derive(Clone, Debug)]
pub struct LabelledDescription {
    /// The description.
    pub description: Description,
    /// The single right unit group, when there is one.
    pub code: Option<NocCode>,
    /// Every unit group allowed.
    pub any: Vec<NocCode>,
    /// Where the row came from.
    pub source: String,
}

/// Whether a CSV header is that of a duties file (it has a `duties`
/// column).
pub fn is_duties_header(header: &str) -> bool {
    header
        .trim_start_matches('\u{feff}')
        .split(',')
        .any(|h| h.trim().trim_matches('"') == "duties")
}

/// Reads labelled descriptions from CSV with the columns `title`,
/// `duties`, `noc2021` (or `code_column`), `noc2021_any` (or
/// `<code_column>_any`) and `source`. Rows with a bad code are returned
/// as problems beside the good rows.
pub fn read_labelled_descriptions<R: Read>(
    reader: R,
    code_column: &str,
) -> Result<(Vec<LabelledDescription>, Vec<Error>)> {
    let any_column = format!("{code_column}_any");
    let file = LabelledCsv::open(
        reader,
        &["duties", code_column],
        &format!("title, duties, {code_column}, {any_column} and source"),
    )?;
    let col = |name: &str| file.column(name);
    let (duties, code) = (col("duties"), col(code_column));
    let (title, any, source) = (col("title"), col(&any_column), col("source"));
    let mut rows = vec![];
    let problems = file.for_each(|line, rec| {
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let single = parse_codes(cell(code), line)?.first().copied();
        let mut all = parse_codes(cell(any), line)?;
        if let Some(c) = single {
            if !all.contains(&c) {
                all.push(c);
            }
        }
        if all.is_empty() {
            return Ok(()); // not labelled
        }
        rows.push(LabelledDescription {
            description: Description::new(
                title.and_then(|t| rec.get(t)),
                cell(duties),
                None,
            ),
            code: single,
            any: all,
            source: source
                .and_then(|s| rec.get(s))
                .unwrap_or("all")
                .to_string(),
        });
        Ok(())
    });
    Ok((rows, problems))
}

/// Accuracy of description matching over one source.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DescriptionScores {
    /// Single-label rows.
    pub n: usize,
    /// Share of single-label rows whose first candidate is the label.
    pub top1: f64,
    /// ... among the first five.
    pub top5: f64,
    /// ... among the first ten.
    pub top10: f64,
    /// All rows.
    pub n_any: usize,
    /// Share of all rows whose first candidate is one of the allowed
    /// groups.
    pub any_top1: f64,
    /// ... with an allowed group among the first five.
    pub any_top5: f64,
}

/// How the reference-letter check reads the labelled group against the
/// best-ranked wrong group, over single-label rows: the measurements from
/// which the verdict thresholds ([`super::score::STRONG_MAIN_SHARE`] and
/// the others) are set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckCalibration {
    /// Rows checked.
    pub n: usize,
    /// The labelled group: quartiles (25 %, 50 %, 75 %) of the share of
    /// main duties covered and of client duties explained.
    pub right_main: [f32; 3],
    /// See `right_main`.
    pub right_client: [f32; 3],
    /// The best-ranked group that is not the label: the same quartiles.
    pub wrong_main: [f32; 3],
    /// See `wrong_main`.
    pub wrong_client: [f32; 3],
    /// Share of verdicts strong, partial, weak for the labelled group.
    pub right_verdicts: [f64; 3],
    /// The same for the best-ranked wrong group.
    pub wrong_verdicts: [f64; 3],
}

/// Checks every single-label row against its label and against the best
/// wrong group of `results` (the matcher's ranking of the same rows).
pub fn calibrate_check(
    matcher: &Matcher,
    rows: &[LabelledDescription],
    results: &[crate::matcher::Match],
) -> CheckCalibration {
    use super::check::{check, Verdict};
    let mut right: Vec<(f32, f32, Verdict)> = vec![];
    let mut wrong: Vec<(f32, f32, Verdict)> = vec![];
    for (row, m) in rows.iter().zip(results) {
        let Some(label) = &row.code else { continue };
        let Some(other) = m.candidates.iter().find(|c| c.code != *label)
        else {
            continue;
        };
        let (Ok(a), Ok(b)) = (
            check(matcher, label, &row.description),
            check(matcher, &other.code, &row.description),
        ) else {
            continue;
        };
        for (r, out) in [(a, &mut right), (b, &mut wrong)] {
            out.push((
                r.coverage.main_duties_share,
                r.coverage.client_duties_share,
                r.verdict,
            ));
        }
    }
    let quartiles = |v: &[(f32, f32, Verdict)],
                     f: fn(&(f32, f32, Verdict)) -> f32| {
        let mut x: Vec<f32> = v.iter().map(f).collect();
        x.sort_by(f32::total_cmp);
        let q = |p: f32| {
            x.get(((x.len() as f32 - 1.0) * p).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        [q(0.25), q(0.5), q(0.75)]
    };
    let rates = |v: &[(f32, f32, Verdict)]| {
        let n = v.len().max(1) as f64;
        let share =
            |k: Verdict| v.iter().filter(|x| x.2 == k).count() as f64 / n;
        [share(Verdict::Strong), share(Verdict::Partial), share(Verdict::Weak)]
    };
    CheckCalibration {
        n: right.len(),
        right_main: quartiles(&right, |x| x.0),
        right_client: quartiles(&right, |x| x.1),
        wrong_main: quartiles(&wrong, |x| x.0),
        wrong_client: quartiles(&wrong, |x| x.1),
        right_verdicts: rates(&right),
        wrong_verdicts: rates(&wrong),
    }
}

/// The result of an evaluation of description matching.
#[derive(Clone, Debug, Serialize)]
pub struct DescriptionReport {
    /// Scores per source.
    pub per_source: BTreeMap<String, DescriptionScores>,
    /// Descriptions matched per second (wall time of the batch).
    pub descriptions_per_second: f64,
    /// Threads used.
    pub threads: usize,
    /// How the check separates the labelled group from the best wrong
    /// one.
    pub check: CheckCalibration,
    /// The reliability of the first candidates' probabilities
    /// (single-label rows): the confidence bands, then tenths.
    pub reliability: Vec<Band>,
    /// The description model fitted on these rows (intercept first, as
    /// [`score::DESCRIPTION_MODEL`]).
    pub fitted: [f32; score::DESCRIPTION_FEATURES + 1],
    /// The reliability of the probabilities of the candidates after the
    /// first (single-label rows): the second, then the third and later.
    pub later_reliability: Vec<Band>,
    /// Their recalibration fitted on these rows (as
    /// [`score::DESCRIPTION_LATER`]).
    pub fitted_later: [[f32; 2]; 2],
}

/// A single-label row's first candidate: its source, the features of
/// [`score::description_features`] and whether it is right.
#[derive(Clone, Debug)]
pub struct DescriptionObservation {
    /// The row's source.
    pub source: String,
    /// The first candidate's features.
    pub features: [f32; score::DESCRIPTION_FEATURES],
    /// Its probability.
    pub probability: f32,
    /// Whether it is the labelled group.
    pub hit: bool,
    /// The candidates after the first, in rank order: the description
    /// model's logit for each, its probability, and whether it is the
    /// labelled group.
    pub later: Vec<(f32, f32, bool)>,
}

/// The first candidates of the single-label rows (rows without a
/// candidate are left out).
pub fn description_observations(
    rows: &[LabelledDescription],
    results: &[Match],
) -> Vec<DescriptionObservation> {
    rows.iter()
        .zip(results)
        .filter_map(|(row, m)| {
            let label = row.code.as_ref()?;
            let first = m.candidates.first()?;
            let other = m.candidates.get(1).map_or(0.0, |c| c.score);
            let (explained, of) =
                first.duties.as_ref().map_or((0, 0), |e| (e.explained, e.of));
            let titled = row.description.title.is_some();
            let later = m
                .candidates
                .iter()
                .skip(1)
                .map(|c| {
                    let (explained, of) = c
                        .duties
                        .as_ref()
                        .map_or((0, 0), |e| (e.explained, e.of));
                    let features = score::description_features(
                        c.score,
                        first.score,
                        explained,
                        of,
                        titled,
                    );
                    (
                        score::description_logit(&features),
                        c.probability,
                        &c.code == label,
                    )
                })
                .collect();
            Some(DescriptionObservation {
                source: row.source.clone(),
                features: score::description_features(
                    first.score,
                    other,
                    explained,
                    of,
                    row.description.title.is_some(),
                ),
                probability: first.probability,
                hit: &first.code == label,
                later,
            })
        })
        .collect()
}

/// Fits the description model by L2-penalised logistic regression
/// (Newton's method), each source weighing the same whatever its size.
/// Intercept first. Deterministic.
pub fn fit_description_model(
    obs: &[DescriptionObservation],
    l2: f64,
) -> [f32; score::DESCRIPTION_FEATURES + 1] {
    let rows: Vec<_> = obs
        .iter()
        .map(|o| {
            let x = crate::eval::with_intercept(&o.features);
            (o.source.as_str(), x, o.hit)
        })
        .collect();
    crate::eval::fit_logistic(&rows, l2)
}

/// Fits [`score::DESCRIPTION_LATER`] on the observations' later
/// candidates: a logistic model of their being right on the description
/// model's logit, for the second candidate and for the others, each
/// source weighing the same.
pub fn fit_description_later(obs: &[DescriptionObservation]) -> [[f32; 2]; 2] {
    crate::eval::fit_recalibration(obs.iter().flat_map(|o| {
        o.later
            .iter()
            .enumerate()
            .map(|(i, (z, _, hit))| (o.source.as_str(), i, *z, *hit))
    }))
}

/// The mean probability and the share right of the observations' second
/// candidates, then of their third and later ones.
pub fn description_later_reliability(
    obs: &[DescriptionObservation],
) -> Vec<Band> {
    crate::eval::later_bands(obs.iter().flat_map(|o| {
        o.later
            .iter()
            .enumerate()
            .map(|(i, (_, p, hit))| (o.source.as_str(), i, *p, *hit))
    }))
}

/// The reliability of the observations' probabilities: per confidence
/// band (`high`, `medium`, `low`), then per tenth (`0.7-0.8`), the mean
/// probability and the share right. Empty bands are left out.
pub fn description_reliability(obs: &[DescriptionObservation]) -> Vec<Band> {
    let band = |name: String, pick: &dyn Fn(f32) -> bool| {
        let picked = obs.iter().filter(|o| pick(o.probability));
        let b = Band::of(name, picked.map(|o| (o.probability, o.hit)));
        (b.n > 0).then_some(b)
    };
    let mut out = vec![];
    for c in [Confidence::High, Confidence::Medium, Confidence::Low] {
        let name = format!("{c:?}").to_lowercase();
        out.extend(band(name, &|p| Confidence::of(p) == c));
    }
    for t in 0..10 {
        let (lo, hi) = (t as f32 / 10.0, (t + 1) as f32 / 10.0);
        let name = format!("{lo:.1}-{hi:.1}");
        out.extend(band(name, &|p| {
            p >= lo && (p < hi || (t == 9 && p <= 1.0))
        }));
    }
    out
}

/// Runs `matcher` over `rows` on `threads` threads and scores it.
pub fn evaluate_descriptions(
    matcher: &Matcher,
    rows: &[LabelledDescription],
    threads: usize,
) -> DescriptionReport {
    let ds: Vec<Description> =
        rows.iter().map(|r| r.description.clone()).collect();
    let start = Instant::now();
    let results = matcher.match_descriptions(&ds, threads);
    let secs = start.elapsed().as_secs_f64();
    #[derive(Default)]
    struct Counts {
        n: usize,
        top: [usize; 3],
        n_any: usize,
        any: [usize; 2],
    }
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    for (row, m) in rows.iter().zip(&results) {
        let codes: Vec<&NocCode> =
            m.candidates.iter().map(|c| &c.code).collect();
        let c = per.entry(row.source.clone()).or_default();
        if let Some(label) = &row.code {
            c.n += 1;
            for (k, n) in [1, 5, 10].into_iter().enumerate() {
                c.top[k] +=
                    usize::from(codes.iter().take(n).any(|x| *x == label));
            }
        }
        c.n_any += 1;
        for (k, n) in [1, 5].into_iter().enumerate() {
            c.any[k] +=
                usize::from(codes.iter().take(n).any(|x| row.any.contains(x)));
        }
    }
    let r =
        |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    let observations = description_observations(rows, &results);
    DescriptionReport {
        per_source: per
            .into_iter()
            .map(|(k, c)| {
                (
                    k,
                    DescriptionScores {
                        n: c.n,
                        top1: r(c.top[0], c.n),
                        top5: r(c.top[1], c.n),
                        top10: r(c.top[2], c.n),
                        n_any: c.n_any,
                        any_top1: r(c.any[0], c.n_any),
                        any_top5: r(c.any[1], c.n_any),
                    },
                )
            })
            .collect(),
        check: calibrate_check(matcher, rows, &results),
        reliability: description_reliability(&observations),
        fitted: fit_description_model(&observations, score::DESCRIPTION_L2),
        later_reliability: description_later_reliability(&observations),
        fitted_later: fit_description_later(&observations),
        descriptions_per_second: if secs > 0.0 {
            rows.len() as f64 / secs
        } else {
            0.0
        },
        threads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(source: &str, margin: f32, hit: bool) -> DescriptionObservation {
        let features =
            score::description_features(0.8, 0.8 - margin, 2, 4, false);
        DescriptionObservation {
            source: source.to_string(),
            features,
            probability: score::description_probability(&features),
            hit,
            // A second candidate, right when the first is not and its
            // logit is high, and a third, never right.
            later: vec![
                (margin, 0.2, !hit && margin > 0.3),
                (-3.0, 0.01, false),
            ],
        }
    }

    #[test]
    fn later_candidates_are_fitted_and_measured_apart() {
        let data: Vec<DescriptionObservation> = (0..200)
            .map(|i| obs("a", (i % 10) as f32 / 10.0, i % 3 == 0))
            .collect();
        let [second, _] = fit_description_later(&data);
        assert!(second[1] > 0.0, "{second:?}");
        let bands = description_later_reliability(&data);
        assert_eq!(bands.len(), 2);
        assert_eq!((bands[0].n, bands[1].n), (200, 200));
        assert!((bands[0].predicted - 0.2).abs() < 1e-6);
        assert_eq!(bands[1].observed, 0.0);
    }

    #[test]
    fn the_fit_weighs_what_separates_right_from_wrong() {
        // Right when the margin is wide, with some noise; one source is
        // three times the other's size and still weighs the same.
        let mut data = vec![];
        for i in 0..200 {
            let margin = (i % 20) as f32 / 40.0;
            let hit = margin > 0.2 || i % 7 == 0;
            data.push(obs(if i % 4 == 0 { "a" } else { "b" }, margin, hit));
        }
        let beta = fit_description_model(&data, score::DESCRIPTION_L2);
        assert!(beta[2] > 1.0, "{beta:?}");
        assert_eq!(beta, fit_description_model(&data, score::DESCRIPTION_L2));
        // Every finite; nothing to fit gives zeros.
        assert!(beta.iter().all(|b| b.is_finite()));
        assert_eq!(fit_description_model(&[], 1e-3), [0.0; 5]);
    }

    #[test]
    fn reliability_bands_count_every_observation_once_per_kind() {
        let data: Vec<DescriptionObservation> =
            (0..50).map(|i| obs("a", i as f32 / 50.0, i % 2 == 0)).collect();
        let bands = description_reliability(&data);
        let by_kind = |tenths: bool| -> usize {
            bands
                .iter()
                .filter(|b| b.name.contains('-') == tenths)
                .map(|b| b.n)
                .sum()
        };
        assert_eq!(by_kind(false), 50);
        assert_eq!(by_kind(true), 50);
        for b in &bands {
            assert!(b.n > 0 && (0.0..=1.0).contains(&b.observed), "{b:?}");
        }
    }

    #[test]
    fn bad_rows_are_reported_at_their_true_line() {
        // Duty lists span several physical lines, and the file has CRLF
        // line ends: the bad codes are on lines 7 and 8.
        let csv = "title,duties,noc2021,noc2021_any,source\r\n\
                   nurse,\"Give care.\r\nWatch patients.\",31301,,a\r\n\
                   ,\"Weld.\r\nCut.\r\nGrind.\",72106,,a\r\n\
                   ,Sell.,6x,,b\r\n\
                   ,\"Drive.\r\nLoad.\",,73300;zz,b\r\n\
                   ,Teach.,,,b\r\n";
        let (rows, problems) =
            read_labelled_descriptions(csv.as_bytes(), "noc2021").unwrap();
        assert_eq!(rows.len(), 2, "the unlabelled row is skipped");
        assert_eq!(rows[1].description.duties.len(), 3);
        let lines: Vec<String> =
            problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("line 7: invalid NOC code"), "{lines:?}");
        assert!(lines[1].starts_with("line 8: invalid NOC code"), "{lines:?}");
    }

    #[test]
    fn a_file_without_duties_is_an_error() {
        let err = read_labelled_descriptions(
            "title,noc2021\nnurse,31301\n".as_bytes(),
            "noc2021",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1: expected a header with the columns title, duties, \
             noc2021, noc2021_any and source"
        );
    }
}
