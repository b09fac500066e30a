//! Measuring a matcher on labelled job titles.
//!
//! The input is a CSV file with a header holding at least `title` and
//! `noc2021` (or another code column) and optionally `source`, as in
//! `labelled/dev.csv`: `title,noc2021,noc2016,noc2011,source`. Accuracy
//! is reported per source and macro-averaged over sources.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::time::Instant;

use serde::Serialize;

use crate::code::{NocCode, NocVersion};
use crate::error::{Error, ErrorKind, Position, Result};
use crate::matcher::{score, Match, Matcher};
use crate::parse::lines::{csv_with_lines, LineCounter, Lines};

/// One labelled title.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// The job title.
    pub title: String,
    /// The right unit group.
    pub code: NocCode,
    /// Where the row came from.
    pub source: String,
    /// Every defensible unit group (the `<code column>_any` column,
    /// `;`-separated), for the any-of figures; empty when the file has
    /// none.
    pub any: Vec<NocCode>,
}

/// A labelled CSV file being read: its header, and its records with the
/// physical line each starts on (multi-line cells and CRLF line ends
/// included). The title and the duties readers share it, so both report
/// a bad row at the same, true line.
pub(crate) struct LabelledCsv<R: Read> {
    rdr: csv::Reader<LineCounter<R>>,
    lines: Lines,
    headers: csv::StringRecord,
}

impl<R: Read> LabelledCsv<R> {
    /// Reads the header; `required` names the columns without which the
    /// file cannot be measured, `expected` says in words what the header
    /// should hold.
    pub(crate) fn open(
        reader: R,
        required: &[&str],
        expected: &str,
    ) -> Result<LabelledCsv<R>> {
        let (rdr, lines, headers) = csv_with_lines(reader)?;
        let file = LabelledCsv { rdr, lines, headers };
        if required.iter().any(|name| file.column(name).is_none()) {
            return Err(Error::new(ErrorKind::Syntax {
                pos: Position::line(1),
                msg: format!("expected a header with the columns {expected}"),
            }));
        }
        Ok(file)
    }

    /// The position of a column in the header (a byte-order mark before
    /// the first name is ignored).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    }

    /// Calls `row` with each record and the line it starts on, and
    /// returns the problems: records the csv reader cannot read, and the
    /// errors `row` returns.
    pub(crate) fn for_each(
        mut self,
        mut row: impl FnMut(u64, &csv::StringRecord) -> Result<()>,
    ) -> Vec<Error> {
        let mut problems = vec![];
        for rec in self.rdr.records() {
            match rec {
                Ok(rec) => {
                    let line =
                        rec.position().map_or(0, |p| self.lines.line(p));
                    if let Err(e) = row(line, &rec) {
                        problems.push(e);
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| self.lines.line(p));
                    problems.push(Error::syntax(
                        Position::line(line),
                        e.to_string(),
                    ));
                }
            }
        }
        problems
    }
}

/// The codes of a labelled cell: one code, or several joined by `;`
/// (the `<code column>_any` columns). An empty cell has none.
pub(crate) fn parse_codes(
    text: &str,
    line: u64,
) -> std::result::Result<Vec<NocCode>, Error> {
    text.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            NocCode::new(t).map_err(|e| {
                Error::syntax(Position::line(line), e.to_string())
            })
        })
        .collect()
}

/// The rows of a labelled file ([`read_labelled`]).
#[derive(Debug, Default)]
pub struct LabelledRows {
    /// The titles with a code in the chosen column.
    pub rows: Vec<Labelled>,
    /// The rows that could not be read, each with its line.
    pub problems: Vec<Error>,
    /// How many rows have no code in the chosen column (`noc2016` is
    /// empty for sources coded in NOC 2021 only): they are not measured.
    pub unlabelled: usize,
}

/// Reads labelled titles from CSV. `code_column` names the column with
/// the right codes (`noc2021`). Rows with an invalid code (or an
/// invalid code in the `<code_column>_any` column) are problems,
/// returned beside the good rows; rows without a code are counted.
pub fn read_labelled<R: Read>(
    reader: R,
    code_column: &str,
) -> Result<LabelledRows> {
    let file = LabelledCsv::open(
        reader,
        &["title", code_column],
        &format!("title and {code_column}"),
    )?;
    let col = |name: &str| file.column(name);
    let (title, code) = (col("title"), col(code_column));
    let (source, any) = (col("source"), col(&format!("{code_column}_any")));
    let mut rows = vec![];
    let mut unlabelled = 0;
    let problems = file.for_each(|line, rec| {
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let text = cell(code);
        // A title without a label in this column (`noc2016` is empty
        // for sources coded in NOC 2021 only) is not measured.
        if text.trim().is_empty() {
            unlabelled += 1;
            return Ok(());
        }
        let code = NocCode::new(text.trim())
            .map_err(|e| Error::syntax(Position::line(line), e.to_string()))?;
        rows.push(Labelled {
            title: cell(title).to_string(),
            code,
            source: source.and_then(|s| rec.get(s)).unwrap_or("all").into(),
            any: parse_codes(cell(any), line)?,
        });
        Ok(())
    });
    Ok(LabelledRows { rows, problems, unlabelled })
}

/// Whether two NOC 2011/2016 codes have the same skill level, management
/// counting as a level of its own (as TEER 0 is in NOC 2021). A code
/// without a level (a broad category) matches nothing, not even another
/// code without one (see: issue 11).
fn same_skill_level(a: &NocCode, b: &NocCode) -> bool {
    let level = |c: &NocCode| {
        if c.len() < 2 {
            None
        } else if c.skill_type() == 0 {
            Some('M')
        } else {
            c.skill_level()
        }
    };
    level(a).is_some() && level(a) == level(b)
}

/// Accuracy over one set of titles.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Titles.
    pub n: usize,
    /// Share with at least one candidate.
    pub coverage: f64,
    /// Share whose first candidate is the right unit group.
    pub top1: f64,
    /// Share with the right unit group among the first five.
    pub top5: f64,
    /// Share whose first candidate is in the right major group.
    pub major_top1: f64,
    /// Share whose first candidate has the right TEER (NOC 2021: the
    /// second digit), or the right skill level for NOC 2011/2016 data.
    pub teer_top1: f64,
    /// Share whose first candidate is any of the row's defensible groups
    /// ([`Labelled::any`], with the label); equals `top1` without them.
    pub any_top1: f64,
    /// Share with any defensible group among the first five.
    pub any_top5: f64,
}

#[derive(Default)]
struct Counts {
    n: usize,
    covered: usize,
    top1: usize,
    top5: usize,
    major: usize,
    teer: usize,
    any1: usize,
    any5: usize,
}

impl Counts {
    fn scores(&self) -> Scores {
        let r = |x: usize| {
            if self.n == 0 {
                0.0
            } else {
                x as f64 / self.n as f64
            }
        };
        Scores {
            n: self.n,
            coverage: r(self.covered),
            top1: r(self.top1),
            top5: r(self.top5),
            major_top1: r(self.major),
            teer_top1: r(self.teer),
            any_top1: r(self.any1),
            any_top5: r(self.any5),
        }
    }
}

/// The result of an evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Scores per source, by name.
    pub per_source: BTreeMap<String, Scores>,
    /// Whether some row lists defensible groups (the any-of figures
    /// differ from top-1/top-5 only then).
    pub any_of: bool,
    /// The mean over the sources of [`Report::macro_sources`] present.
    pub macro_avg: Scores,
    /// The sources averaged in [`Report::macro_avg`].
    pub macro_sources: Vec<String>,
    /// All titles pooled.
    pub pooled: Scores,
    /// Titles matched per second (wall time of the batch).
    pub titles_per_second: f64,
    /// Threads used.
    pub threads: usize,
    /// How well the first candidates' probabilities match how often they
    /// are right.
    pub calibration: Calibration,
}

/// The four sources of `labelled/dev.csv` with enough rows for a
/// headline figure; the macro average is taken over those present, or
/// over every source when none is.
pub const HEADLINE_SOURCES: [&str; 4] = [
    "jobbank_scrape_original_title",
    "aca_noc_survey",
    "onet_reported_xwalk",
    "onet_alternate_xwalk",
];

/// Runs `matcher` over `rows` on `threads` threads and scores it.
pub fn evaluate(
    matcher: &Matcher,
    rows: &[Labelled],
    threads: usize,
) -> Report {
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    let start = Instant::now();
    let results = matcher.match_many(&titles, threads);
    let secs = start.elapsed().as_secs_f64();
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let mut pooled = Counts::default();
    let teer_version = matcher.index().version() == NocVersion::V2021;
    for (row, m) in rows.iter().zip(&results) {
        let codes: Vec<&NocCode> =
            m.candidates.iter().map(|c| &c.code).collect();
        let first = codes.first();
        let label = row.code.as_str();
        let hit =
            |c: &&NocCode, n: usize| c.as_str().get(..n) == label.get(..n);
        for counts in [per.entry(row.source.clone()).or_default(), &mut pooled]
        {
            counts.n += 1;
            counts.covered += usize::from(first.is_some());
            counts.top1 += usize::from(first.is_some_and(|c| **c == row.code));
            counts.top5 +=
                usize::from(codes.iter().take(5).any(|c| **c == row.code));
            counts.major += usize::from(first.is_some_and(|c| hit(c, 2)));
            let defensible =
                |c: &&NocCode| **c == row.code || row.any.contains(*c);
            counts.any1 += usize::from(first.is_some_and(defensible));
            counts.any5 += usize::from(codes.iter().take(5).any(defensible));
            counts.teer += usize::from(first.is_some_and(|c| {
                if teer_version {
                    c.as_str().as_bytes().get(1) == label.as_bytes().get(1)
                } else {
                    same_skill_level(c, &row.code)
                }
            }));
        }
    }
    let observed = observe(rows, &results);
    let per_source: BTreeMap<String, Scores> =
        per.iter().map(|(k, v)| (k.clone(), v.scores())).collect();
    let macro_sources: Vec<String> =
        headline_or_all(per_source.keys().map(String::as_str))
            .into_iter()
            .map(str::to_string)
            .collect();
    let k = macro_sources.len().max(1) as f64;
    let mean = |f: fn(&Scores) -> f64| {
        macro_sources.iter().map(|s| f(&per_source[s])).sum::<f64>() / k
    };
    let macro_avg = Scores {
        n: macro_sources.iter().map(|s| per_source[s].n).sum(),
        coverage: mean(|s| s.coverage),
        top1: mean(|s| s.top1),
        top5: mean(|s| s.top5),
        major_top1: mean(|s| s.major_top1),
        teer_top1: mean(|s| s.teer_top1),
        any_top1: mean(|s| s.any_top1),
        any_top5: mean(|s| s.any_top5),
    };
    Report {
        any_of: rows.iter().any(|r| !r.any.is_empty()),
        per_source,
        macro_avg,
        macro_sources,
        pooled: pooled.scores(),
        titles_per_second: if secs > 0.0 {
            rows.len() as f64 / secs
        } else {
            0.0
        },
        threads,
        calibration: calibrate(&observed, &score::CONFIDENCE_MODEL),
    }
}

/// The first candidate of one labelled title: what its probability is
/// estimated from, and whether it is right.
#[derive(Clone, Debug)]
pub struct Observation {
    /// The title's source.
    pub source: String,
    /// The first candidate's features
    /// ([`Evidence::features`](crate::matcher::Evidence::features)), or `None`
    /// when the matcher found no candidate.
    pub features: Option<[f32; score::CONFIDENCE_FEATURES]>,
    /// Whether the first candidate is the right unit group.
    pub hit: bool,
    /// The features of the candidates after the first, in rank order, and
    /// whether each is the right unit group.
    pub later: Vec<([f32; score::CONFIDENCE_FEATURES], bool)>,
}

fn observe(rows: &[Labelled], results: &[Match]) -> Vec<Observation> {
    rows.iter()
        .zip(results)
        .map(|(row, m)| {
            let first = m.candidates.first();
            Observation {
                source: row.source.clone(),
                features: first.map(|c| c.evidence.features()),
                hit: first.is_some_and(|c| c.code == row.code),
                later: m
                    .candidates
                    .iter()
                    .skip(1)
                    .map(|c| (c.evidence.features(), c.code == row.code))
                    .collect(),
            }
        })
        .collect()
}

/// Fits the recalibration of the candidates after the first
/// ([`score::SECOND_CANDIDATE`], [`score::LATER_CANDIDATES`]): a logistic
/// model of their being right on the logit that the first-candidate
/// model `coefficients` gives them, each source weighing the same.
/// Returns `[a, b]` for the second candidate and for those after it.
pub fn fit_later(
    obs: &[Observation],
    coefficients: &[f32; score::CONFIDENCE_FEATURES + 1],
) -> [[f32; 2]; 2] {
    let fitted = fitted_sources(obs);
    fit_recalibration(obs.iter().filter(|o| fitted(&o.source)).flat_map(|o| {
        o.later.iter().enumerate().map(|(i, (f, hit))| {
            (o.source.as_str(), i, score::logit(coefficients, f), *hit)
        })
    }))
}

/// Fits the `[a, b]` that recalibrate the logit `z` of the candidates
/// after the first (see [`score::recalibrated`]): one for the second
/// candidate, one for those after it, each source weighing the same.
/// `later` gives each such candidate as (source, its place after the
/// first, 0 for the second; its logit; whether it is right).
pub(crate) fn fit_recalibration<'a>(
    later: impl Iterator<Item = (&'a str, usize, f32, bool)>,
) -> [[f32; 2]; 2] {
    let (mut second, mut rest) = (vec![], vec![]);
    for (source, place, z, hit) in later {
        let row = (source, [1.0, f64::from(z)], hit);
        if place == 0 {
            second.push(row)
        } else {
            rest.push(row)
        }
    }
    [fit_logistic(&second, 0.0), fit_logistic(&rest, 0.0)]
}

/// The bands of the candidates after the first: the second (`2nd`), then
/// those after it (`3rd+`). `later` gives each as in
/// [`fit_recalibration`], with its probability in place of its logit.
pub(crate) fn later_bands<'a>(
    later: impl Iterator<Item = (&'a str, usize, f32, bool)>,
) -> Vec<Band> {
    let (mut second, mut rest) = (vec![], vec![]);
    for (_, place, p, hit) in later {
        if place == 0 {
            second.push((p, hit))
        } else {
            rest.push((p, hit))
        }
    }
    vec![Band::of("2nd", second), Band::of("3rd+", rest)]
}

/// Matches `rows` and keeps what the confidence model needs of each.
pub fn observations(
    matcher: &Matcher,
    rows: &[Labelled],
    threads: usize,
) -> Vec<Observation> {
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    observe(rows, &matcher.match_many(&titles, threads))
}

/// One band of probabilities: how many first candidates fall in it, the
/// mean probability given and the share that is right.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Band {
    /// `high`, `medium`, `low`, or a range such as `0.7-0.8`.
    pub name: String,
    /// First candidates in the band.
    pub n: usize,
    /// Their mean probability.
    pub predicted: f64,
    /// The share of them that is right.
    pub observed: f64,
}

impl Band {
    /// The band of `(probability, right)` pairs: how many, their mean
    /// probability and the share right (0 for an empty band).
    pub fn of(
        name: impl Into<String>,
        pairs: impl IntoIterator<Item = (f32, bool)>,
    ) -> Band {
        let (mut n, mut sum, mut hits) = (0, 0.0, 0);
        for (p, hit) in pairs {
            n += 1;
            sum += f64::from(p);
            hits += usize::from(hit);
        }
        let r = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
        Band {
            name: name.into(),
            n,
            predicted: r(sum),
            observed: r(hits as f64),
        }
    }
}

/// Calibration of one source.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SourceCalibration {
    /// Titles.
    pub n: usize,
    /// The share of titles whose first candidate is `high`.
    pub high_coverage: f64,
    /// The share of those that is right.
    pub high_precision: f64,
    /// The precision of the most probable first candidates, for the
    /// shares in [`CURVE_COVERAGES`] of the titles.
    pub curve: Vec<f64>,
}

/// The shares of titles at which [`SourceCalibration::curve`] is taken.
pub const CURVE_COVERAGES: [f64; 6] = [0.1, 0.25, 0.5, 0.75, 0.9, 1.0];

/// How well probabilities match how often candidates are right.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Calibration {
    /// Pooled over all titles, per confidence band, then per tenth of
    /// probability.
    pub bands: Vec<Band>,
    /// Per source.
    pub per_source: BTreeMap<String, SourceCalibration>,
    /// The mean precision of `high` over the headline sources present
    /// (every source when none is).
    pub macro_high_precision: f64,
    /// The least coverage of `high` over the same sources.
    pub min_high_coverage: f64,
    /// The candidates after the first, pooled: the second, then the
    /// third and those after it (with the current
    /// [`score::SECOND_CANDIDATE`] and [`score::LATER_CANDIDATES`]).
    pub later: Vec<Band>,
}

/// The calibration of `coefficients` (intercept first) on observations.
pub fn calibrate(
    obs: &[Observation],
    coefficients: &[f32; score::CONFIDENCE_FEATURES + 1],
) -> Calibration {
    let p = |o: &Observation| {
        o.features.map(|f| score::logistic(coefficients, &f))
    };
    let band = |name: String, keep: &dyn Fn(f32) -> bool| {
        Band::of(
            name,
            obs.iter()
                .filter_map(|o| p(o).filter(|x| keep(*x)).map(|x| (x, o.hit))),
        )
    };
    let (hi, med) = (score::HIGH_CONFIDENCE, score::MEDIUM_CONFIDENCE);
    let mut bands = vec![
        band("high".into(), &|x| x >= hi),
        band("medium".into(), &|x| (med..hi).contains(&x)),
        band("low".into(), &|x| x < med),
    ];
    for i in 0..10 {
        let (lo, up) = (i as f32 / 10.0, (i + 1) as f32 / 10.0);
        bands.push(band(format!("{lo:.1}-{up:.1}"), &|x| {
            x >= lo && (x < up || (i == 9 && x <= 1.0))
        }));
    }
    let recalibration = [score::SECOND_CANDIDATE, score::LATER_CANDIDATES];
    let later = later_bands(obs.iter().flat_map(|o| {
        o.later.iter().enumerate().map(move |(i, (f, hit))| {
            let z = score::logit(coefficients, f);
            (
                o.source.as_str(),
                i,
                score::recalibrated(i + 1, z, &recalibration),
                *hit,
            )
        })
    }));
    let mut sources: BTreeMap<String, Vec<(f32, bool)>> = BTreeMap::new();
    for o in obs {
        sources
            .entry(o.source.clone())
            .or_default()
            .push((p(o).unwrap_or(-1.0), o.hit));
    }
    let per_source: BTreeMap<String, SourceCalibration> = sources
        .into_iter()
        .map(|(name, mut v)| {
            v.sort_by(|a, b| b.0.total_cmp(&a.0));
            let n = v.len();
            let high: Vec<bool> =
                v.iter().filter(|x| x.0 >= hi).map(|x| x.1).collect();
            let share = |k: usize, of: usize| {
                if of == 0 {
                    0.0
                } else {
                    k as f64 / of as f64
                }
            };
            let curve = CURVE_COVERAGES
                .iter()
                .map(|c| {
                    let k = ((c * n as f64).round() as usize).clamp(1, n);
                    share(v[..k].iter().filter(|x| x.1).count(), k)
                })
                .collect();
            let cal = SourceCalibration {
                n,
                high_coverage: share(high.len(), n),
                high_precision: share(
                    high.iter().filter(|h| **h).count(),
                    high.len(),
                ),
                curve,
            };
            (name, cal)
        })
        .collect();
    let headline: Vec<&SourceCalibration> =
        headline_or_all(per_source.keys().map(String::as_str))
            .into_iter()
            .map(|s| &per_source[s])
            .collect();
    let k = headline.len().max(1) as f64;
    Calibration {
        bands,
        macro_high_precision: headline
            .iter()
            .map(|s| s.high_precision)
            .sum::<f64>()
            / k,
        min_high_coverage: headline
            .iter()
            .map(|s| s.high_coverage)
            .fold(f64::INFINITY, f64::min)
            .min(1.0),
        per_source,
        later,
    }
}

/// Fits the confidence model on observations by L2-penalised logistic
/// regression (Newton's method) on the [`HEADLINE_SOURCES`] present (on
/// every source when none is: a source of a few titles would otherwise
/// weigh as much as one of thousands), each weighing the same whatever
/// its size; titles without a candidate are left out. Returns the
/// coefficients, intercept first, in the order of
/// [`score::CONFIDENCE_MODEL`]. Deterministic.
pub fn fit_confidence(
    obs: &[Observation],
    l2: f64,
) -> [f32; score::CONFIDENCE_FEATURES + 1] {
    let fitted = fitted_sources(obs);
    let rows: Vec<_> = obs
        .iter()
        .filter(|o| fitted(&o.source))
        .filter_map(|o| {
            Some((o.source.as_str(), with_intercept(&o.features?), o.hit))
        })
        .collect();
    fit_logistic(&rows, l2)
}

/// Which sources the confidence model is fitted on: the
/// [`HEADLINE_SOURCES`] present, or every source when none is. Each
/// fitted source weighs the same, so a source of a few titles would
/// otherwise weigh as much as one of thousands: on `dev.csv` 18 titles of
/// two small Job Bank sources weighed as much as 2,600 of the headline
/// ones, and fitting without them ranks the headline sources' titles
/// better (README, "Confidence").
fn fitted_sources(obs: &[Observation]) -> impl Fn(&str) -> bool + '_ {
    let fitted = headline_or_all(obs.iter().map(|o| o.source.as_str()));
    move |source| fitted.contains(&source)
}

/// The [`HEADLINE_SOURCES`] among `sources`, in that order, or every one
/// of `sources` (sorted, once each) when none is a headline source: what
/// the macro figures average and the confidence model is fitted on.
fn headline_or_all<'a>(
    sources: impl Iterator<Item = &'a str>,
) -> Vec<&'a str> {
    let present: BTreeSet<&str> = sources.collect();
    let headline: Vec<&str> = HEADLINE_SOURCES
        .iter()
        .copied()
        .filter(|s| present.contains(s))
        .collect();
    if headline.is_empty() {
        present.into_iter().collect()
    } else {
        headline
    }
}

/// A feature row with the intercept's 1 in front.
pub(crate) fn with_intercept<const K: usize>(features: &[f32]) -> [f64; K] {
    let mut x = [1.0; K];
    for (xi, fi) in x[1..].iter_mut().zip(features) {
        *xi = f64::from(*fi);
    }
    x
}

/// Fits a logistic model by L2-penalised Newton's method, each source
/// weighing the same whatever its size (so the largest source does not
/// decide alone). `rows` are (source, features with the intercept's 1
/// first, right or not); the intercept is not penalised. Deterministic.
pub(crate) fn fit_logistic<const K: usize>(
    rows: &[(&str, [f64; K], bool)],
    l2: f64,
) -> [f32; K] {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (source, ..) in rows {
        *counts.entry(source).or_default() += 1;
    }
    let per_source = rows.len() as f64 / counts.len().max(1) as f64;
    let lambda = l2 * rows.len() as f64;
    let mut beta = [0.0f64; K];
    for _ in 0..50 {
        let mut grad = [0.0f64; K];
        let mut hess = [[0.0f64; K]; K];
        for (source, x, hit) in rows {
            let w = per_source / counts[source] as f64;
            let y = if *hit { 1.0 } else { 0.0 };
            let z: f64 = x.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for i in 0..K {
                grad[i] += w * (p - y) * x[i];
                for j in 0..K {
                    hess[i][j] += w * p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..K {
            grad[i] += lambda * beta[i];
            hess[i][i] += lambda;
        }
        for (i, row) in hess.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let step = solve(hess, grad);
        let mut change = 0.0f64;
        for i in 0..K {
            beta[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-9 {
            break;
        }
    }
    beta.map(|b| b as f32)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; a
/// singular column gives 0.
fn solve<const K: usize>(mut a: [[f64; K]; K], mut b: [f64; K]) -> [f64; K] {
    for c in 0..K {
        let pivot = (c..K)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, pivot);
        b.swap(c, pivot);
        if a[c][c].abs() < 1e-12 {
            continue;
        }
        let pivot_row = a[c];
        for r in c + 1..K {
            let f = a[r][c] / pivot_row[c];
            for (x, p) in a[r][c..].iter_mut().zip(&pivot_row[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; K];
    for c in (0..K).rev() {
        if a[c][c].abs() < 1e-12 {
            continue;
        }
        let s: f64 = (c + 1..K).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    x
}

/// Which half of a split a title falls in: by a hash of its lower-cased
/// text, so that a title and its copies stay together. Deterministic.
pub fn split_half(title: &str) -> bool {
    // FNV-1a.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.to_lowercase().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 2 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    /// See: issue 11 (no level = no level counted as a hit, and 3012 had
    /// no level).
    #[test]
    fn skill_levels_compare_only_real_levels() {
        let c = |s: &str| NocCode::new(s).unwrap();
        assert!(same_skill_level(&c("3012"), &c("4031")));
        assert!(!same_skill_level(&c("3012"), &c("0013")));
        assert!(same_skill_level(&c("0013"), &c("0423")));
        assert!(!same_skill_level(&c("4212"), &c("4152")));
        assert!(!same_skill_level(&c("4"), &c("4")));
    }

    #[test]
    fn scores_per_source() {
        let csv = "title,noc2021,source\n\
                   youth worker,4212,a\n\
                   social worker,4152,a\n\
                   zzzz,4212,b\n\
                   unlabelled,,b\n\
                   bad,xx,b\n";
        let LabelledRows { rows, problems, unlabelled } =
            read_labelled(csv.as_bytes(), "noc2021").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(unlabelled, 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .to_string()
            .starts_with("line 6: invalid NOC code"));
        let m = Matcher::new(Index::build(crate::embedded::classification()));
        let r = evaluate(&m, &rows, 1);
        assert_eq!(r.per_source["a"].top1, 1.0);
        assert_eq!(r.per_source["b"].coverage, 0.0);
        assert_eq!(r.macro_avg.top1, 0.5);
        assert_eq!(r.pooled.n, 3);
    }

    #[test]
    fn perturbations_of_the_seed() {
        let rows = perturbed_titles(crate::embedded::classification(), 1);
        let find = |title: &str| rows.iter().any(|r| r.title == title);
        assert!(find("worker, youth"), "{rows:?}");
        assert!(rows.iter().all(|r| r.code.as_str() == "4212"));
        let kinds: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert_eq!(typo("youth worker", 0), Some("youth wrker".into()));
        assert_eq!(typo("youth worker", 1), Some("youth wokrer".into()));
        assert_eq!(typo("youth worker", 2), Some("youth worler".into()));
    }

    /// A source of a few titles beside the headline sources is left out
    /// of the fit: weighing as much as a source of thousands, its handful
    /// of titles would bend the model (see [`fitted_sources`]).
    #[test]
    fn a_small_source_beside_the_headline_sources_is_not_fitted() {
        let row = |source: &str, score: f32, hit: bool| {
            let mut f = [0.0; score::CONFIDENCE_FEATURES];
            f[0] = score;
            Observation {
                source: source.into(),
                features: Some(f),
                hit,
                later: vec![],
            }
        };
        let headline: Vec<Observation> = (0..200)
            .map(|i| {
                let score = (i % 100) as f32 / 100.0;
                row(HEADLINE_SOURCES[i % 4], score, score > 0.5 || i % 9 == 0)
            })
            .collect();
        // Two titles that contradict the rest: high scores, wrong.
        let mut with_small = headline.clone();
        with_small.push(row("small", 0.95, false));
        with_small.push(row("small", 0.9, false));
        let l2 = score::CONFIDENCE_L2;
        assert_eq!(
            fit_confidence(&with_small, l2),
            fit_confidence(&headline, l2)
        );
        // Without headline sources, every source is fitted.
        let others: Vec<Observation> = with_small
            .iter()
            .map(|o| Observation {
                source: format!("x{}", o.source),
                ..o.clone()
            })
            .collect();
        let only_large: Vec<Observation> = others[..200].to_vec();
        assert_ne!(
            fit_confidence(&others, l2),
            fit_confidence(&only_large, l2)
        );
    }

    #[test]
    fn fit_finds_what_predicts_a_hit_and_calibrate_measures_it() {
        // Hits when the score is high, whatever the other features; two
        // sources of different sizes.
        let obs: Vec<Observation> = (0..400)
            .map(|i| {
                let score = (i % 100) as f32 / 100.0;
                let mut f = [0.0; score::CONFIDENCE_FEATURES];
                f[0] = score;
                f[2] = (i % 7) as f32 / 7.0;
                Observation {
                    source: if i % 4 == 0 { "a" } else { "b" }.into(),
                    features: Some(f),
                    hit: score > 0.5 || i % 10 == 0,
                    later: vec![],
                }
            })
            .chain(std::iter::once(Observation {
                source: "a".into(),
                features: None,
                hit: false,
                later: vec![],
            }))
            .collect();
        let c = fit_confidence(&obs, score::CONFIDENCE_L2);
        assert!(c[1] > 5.0, "{c:?}");
        assert!(c[3].abs() < 1.0, "{c:?}");
        // Deterministic.
        assert_eq!(c, fit_confidence(&obs, score::CONFIDENCE_L2));
        // Later candidates are right less often, more so lower down, and
        // their recalibration follows their logit.
        let later_obs: Vec<Observation> = obs
            .iter()
            .map(|o| Observation {
                later: o
                    .features
                    .iter()
                    .flat_map(|f| {
                        [(*f, o.hit && f[0] > 0.8), (*f, false), (*f, false)]
                    })
                    .collect(),
                ..o.clone()
            })
            .collect();
        let [second, rest] = fit_later(&later_obs, &c);
        assert!(second[1] > 0.0, "{second:?}");
        assert!(rest[0] < -5.0, "{rest:?}");
        let cal = calibrate(&obs, &c);
        let high = &cal.bands[0];
        assert_eq!(high.name, "high");
        assert!(high.n > 0 && high.observed > 0.9, "{high:?}");
        // The title without a candidate counts in its source's coverage.
        assert_eq!(cal.per_source["a"].n, 101);
        let a = &cal.per_source["a"];
        assert!(a.high_coverage > 0.2 && a.high_coverage < 0.6, "{a:?}");
        // The curve starts with the most probable titles.
        assert!(a.curve[0] >= a.curve[5], "{a:?}");
        let total: usize = cal.bands[..3].iter().map(|b| b.n).sum();
        assert_eq!(total, 400);
    }

    #[test]
    fn halves_are_stable_and_keep_copies_together() {
        assert_eq!(split_half("Youth Worker"), split_half("youth worker"));
        let n =
            (0..1000).filter(|i| split_half(&format!("title {i}"))).count();
        assert!((400..600).contains(&n), "{n}");
    }

    #[test]
    fn a_bad_any_of_code_is_a_problem_not_dropped() {
        let csv = "title,noc2021,noc2021_any\r\n\
                   nurse,31301,31301;31302\r\n\
                   welder,72106,72106;7x\r\n";
        let LabelledRows { rows, problems, .. } =
            read_labelled(csv.as_bytes(), "noc2021").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].any.len(), 2);
        assert_eq!(problems.len(), 1);
        let problem = problems[0].to_string();
        assert!(problem.starts_with("line 3: invalid NOC code"), "{problem}");
    }

    #[test]
    fn missing_columns_are_an_error() {
        let err =
            read_labelled("a,b\n1,2\n".as_bytes(), "noc2021").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1: expected a header with the columns title and noc2021"
        );
    }
}

/// How an index title was changed in [`perturbed_titles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Perturbation {
    /// One letter deleted, swapped with its neighbour, or replaced, in
    /// the longest word.
    Typo,
    /// `community centre coordinator` → `coordinator, community centre`.
    Inverted,
    /// `rehabilitation worker - social services` → `rehabilitation
    /// worker`, where the base alone names one unit group.
    QualifierDropped,
}

impl Perturbation {
    /// The name used as the source of the labelled rows.
    pub fn name(self) -> &'static str {
        match self {
            Perturbation::Typo => "typo",
            Perturbation::Inverted => "inverted",
            Perturbation::QualifierDropped => "qualifier_dropped",
        }
    }
}

/// Perturbed copies of the English index titles of `classification`
/// (every `step`-th title), labelled with their unit group and with the
/// kind of change as source: one typo, inverted word order, or the
/// qualifier dropped. Deterministic, so that runs compare.
pub fn perturbed_titles(
    classification: &crate::Classification,
    step: usize,
) -> Vec<Labelled> {
    use std::collections::HashMap;
    let normalizer = crate::normalize::Normalizer::shared();
    let key = |s: &str| {
        let mut t: Vec<String> =
            normalizer.analyze(s).terms.into_iter().map(|t| t.text).collect();
        t.sort();
        t.join(" ")
    };
    // Which unit groups each (normalised) title or base names.
    let mut owners: HashMap<String, Vec<NocCode>> = HashMap::new();
    let titles: Vec<(NocCode, &crate::TitleForm)> = classification
        .unit_groups()
        .flat_map(|g| {
            g.all_titles
                .iter()
                .chain(&g.example_titles)
                .filter_map(move |t| t.en.as_ref().map(|f| (g.code, f)))
        })
        .collect();
    for (code, f) in &titles {
        for s in [&f.original, &f.base] {
            let v = owners.entry(key(s)).or_default();
            if !v.contains(code) {
                v.push(*code);
            }
        }
    }
    let unique = |s: &str, code: NocCode| {
        owners.get(&key(s)).is_some_and(|v| v == &[code])
    };
    let mut out = vec![];
    for (i, (code, f)) in titles.iter().enumerate().step_by(step.max(1)) {
        if !unique(&f.original, *code) {
            continue;
        }
        let kind = match i / step.max(1) % 3 {
            0 => Perturbation::Typo,
            1 => Perturbation::Inverted,
            _ => Perturbation::QualifierDropped,
        };
        let changed = match kind {
            Perturbation::Typo => typo(&f.original, i),
            Perturbation::Inverted => invert(f),
            Perturbation::QualifierDropped => f
                .qualifier
                .as_ref()
                .filter(|_| unique(&f.base, *code))
                .map(|_| f.base.clone()),
        };
        if let Some(title) = changed {
            out.push(Labelled {
                title,
                code: *code,
                source: kind.name().to_string(),
                any: vec![],
            });
        }
    }
    out
}

/// One typo in the longest word (5 letters or more) of `title`.
fn typo(title: &str, seed: usize) -> Option<String> {
    let words: Vec<&str> = title.split(' ').collect();
    let (wi, word) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().all(char::is_alphabetic))
        .max_by_key(|(_, w)| w.chars().count())?;
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    let at = 1 + seed % (chars.len() - 2);
    match seed % 3 {
        0 => {
            chars.remove(at);
        }
        1 => chars.swap(at, at + 1),
        _ => {
            let c = chars[at];
            chars[at] = if c == 'z' { 'a' } else { ((c as u8) + 1) as char };
        }
    }
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[wi] = chars.into_iter().collect();
    Some(out.join(" "))
}

/// `a b c - q` → `c, a b - q` (the NOC's own inverted form).
fn invert(f: &crate::TitleForm) -> Option<String> {
    if f.base.contains(',') || f.exception.is_some() {
        return None;
    }
    let (rest, head) = f.base.rsplit_once(' ')?;
    let mut s = format!("{head}, {rest}");
    if let Some(q) = &f.qualifier {
        s = format!("{s} - {q}");
    }
    Some(s)
}
