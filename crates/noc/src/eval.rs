//! Measuring a matcher on labelled job titles.
//!
//! The input is a CSV file with a header holding at least `title` and
//! `noc2021` (or another code column) and optionally `source`, as in
//! `labelled/dev.csv`: `title,noc2021,noc2016,noc2011,source`. Accuracy
//! is reported per source and macro-averaged over sources.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

use serde::Serialize;

use crate::code::NocCode;
use crate::error::{Error, ErrorKind, Position, Result};
use crate::matcher::Matcher;

/// One labelled title.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// The job title.
    pub title: String,
    /// The right unit group.
    pub code: NocCode,
    /// Where the row came from.
    pub source: String,
}

/// Reads labelled titles from CSV. `code_column` names the column with
/// the right codes (`noc2021`). Rows without a valid code are problems,
/// returned beside the good rows.
pub fn read_labelled<R: Read>(
    reader: R,
    code_column: &str,
) -> Result<(Vec<Labelled>, Vec<Error>)> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| Error::syntax(Position::line(1), e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (Some(title), Some(code)) = (col("title"), col(code_column)) else {
        return Err(Error::new(ErrorKind::Syntax {
            pos: Position::line(1),
            msg: format!(
                "expected a header with the columns title and {code_column}"
            ),
        }));
    };
    let source = col("source");
    let mut rows = vec![];
    let mut problems = vec![];
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems
                    .push(Error::syntax(Position::line(line), e.to_string()));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let text = rec.get(code).unwrap_or("");
        match NocCode::new(text) {
            Ok(c) => rows.push(Labelled {
                title: rec.get(title).unwrap_or("").to_string(),
                code: c,
                source: source
                    .and_then(|s| rec.get(s))
                    .unwrap_or("all")
                    .to_string(),
            }),
            Err(e) => problems
                .push(Error::syntax(Position::line(line), e.to_string())),
        }
    }
    Ok((rows, problems))
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
    /// Share whose first candidate has the right TEER (second digit).
    pub teer_top1: f64,
}

#[derive(Default)]
struct Counts {
    n: usize,
    covered: usize,
    top1: usize,
    top5: usize,
    major: usize,
    teer: usize,
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
        }
    }
}

/// The result of an evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Scores per source, by name.
    pub per_source: BTreeMap<String, Scores>,
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
            counts.teer += usize::from(first.is_some_and(|c| {
                c.as_str().as_bytes().get(1) == label.as_bytes().get(1)
            }));
        }
    }
    let per_source: BTreeMap<String, Scores> =
        per.iter().map(|(k, v)| (k.clone(), v.scores())).collect();
    let mut macro_sources: Vec<String> = HEADLINE_SOURCES
        .iter()
        .filter(|s| per_source.contains_key(**s))
        .map(|s| s.to_string())
        .collect();
    if macro_sources.is_empty() {
        macro_sources = per_source.keys().cloned().collect();
    }
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
    };
    Report {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    #[test]
    fn scores_per_source() {
        let csv = "title,noc2021,source\n\
                   youth worker,4212,a\n\
                   social worker,4152,a\n\
                   zzzz,4212,b\n\
                   bad,xx,b\n";
        let (rows, problems) =
            read_labelled(csv.as_bytes(), "noc2021").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .to_string()
            .starts_with("line 5: invalid NOC code"));
        let m = Matcher::new(Index::build(crate::embedded::classification()));
        let r = evaluate(&m, &rows, 1);
        assert_eq!(r.per_source["a"].top1, 1.0);
        assert_eq!(r.per_source["b"].coverage, 0.0);
        assert_eq!(r.macro_avg.top1, 0.5);
        assert_eq!(r.pooled.n, 3);
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
