//! `noc match`: job titles to ranked unit groups, one title, many from
//! stdin, or a CSV column; table, JSON Lines or CSV out.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use noc::concordance::{Concordance, Conversion};
use noc::matcher::{Candidate, Config, Match, Matcher};
use serde::Serialize;

use crate::args::{FormatArg, MatchArgs};
use crate::input::Row;
use crate::output;
use crate::Outcome;

/// Batches below this size get no progress bar.
const PROGRESS_MIN: usize = 2_000;
/// Titles matched between two progress updates.
const CHUNK: usize = 16_384;
/// The longest a title read from standard input waits for others to be
/// matched with it: short enough to feel immediate when typed, long
/// enough that a fast pipe fills whole chunks (see: issue 11).
const FLUSH_AFTER: std::time::Duration = std::time::Duration::from_millis(50);

/// A progress bar over `total` titles (a counter when the total is not
/// known), its rate rounded to whole titles a second.
fn progress_bar(total: Option<usize>) -> indicatif::ProgressBar {
    let (bar, template) = match total {
        Some(n) => (
            indicatif::ProgressBar::new(n as u64),
            "{bar:40} {pos}/{len} titles ({rate}, {eta} left)",
        ),
        None => (indicatif::ProgressBar::no_length(), "{pos} titles ({rate})"),
    };
    let style = indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", rate(s.per_sec()));
            },
        );
    bar.set_style(style);
    bar
}

/// A rate as the progress bar shows it: `21480 titles/s`, not
/// `21480.3172/s` (see: issue 11).
fn rate(per_sec: f64) -> String {
    format!("{:.0} titles/s", per_sec.max(0.0))
}

pub fn run(args: MatchArgs) -> anyhow::Result<Outcome> {
    if args.top == 0 {
        anyhow::bail!("--top must be at least 1");
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        anyhow::bail!("--min-score must be between 0 and 1");
    }
    if args.review_below.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
        anyhow::bail!("--review-below must be between 0 and 1");
    }
    if args.duties.is_some() || args.duties_column.is_some() {
        return super::describe::run(args);
    }
    let stdin = args.input.as_deref() == Some(std::path::Path::new("-"));
    if args.input.is_some() && !stdin && args.column.is_none() {
        anyhow::bail!("--input needs --column NAME (or --duties-column)");
    }
    let mut rows = crate::input::open_rows(
        &args.titles,
        args.input.as_deref(),
        args.column.as_deref(),
    )?;
    let run = Run::set_up(&args, Config::DEFAULT.explain(args.explain))?;
    let (matcher, format) = (run.matcher, run.format);
    let threads = super::threads(args.threads);

    if args.explain && format == FormatArg::Csv {
        eprintln!(
            "noc: --explain: CSV output has no room for the evidence and \
             leaves it out; use --json or the table format to see it"
        );
    }
    let total = rows.len_hint();
    let progress = (total.unwrap_or(PROGRESS_MIN) >= PROGRESS_MIN
        && std::io::stderr().is_terminal()
        && !(total.is_none() && std::io::stdin().is_terminal()))
    .then(|| progress_bar(total));
    let mut out = run.sink(&args, false)?;
    // Match and write chunk by chunk, so that memory stays flat however
    // long the input is; a chunk of standard input ends after FLUSH_AFTER,
    // so that titles typed or sent slowly are answered as they come.
    let (mut matched, mut abstained, mut errors) = (0usize, 0usize, 0usize);
    let mut count = 0usize;
    let mut matching = std::time::Duration::ZERO;
    while let Some(rows) = rows.next_chunk(CHUNK, Some(FLUSH_AFTER))? {
        let chunk: Vec<&str> =
            rows.iter().map(|r| r.title.as_deref().unwrap_or("")).collect();
        let t = Instant::now();
        let results = matcher.match_many(&chunk, threads);
        matching += t.elapsed();
        for (row, m) in rows.iter().zip(&results) {
            match &row.title {
                Err(e) => {
                    errors += 1;
                    eprintln!("noc: {e}");
                }
                Ok(_) if m.candidates.is_empty() => abstained += 1,
                Ok(_) => matched += 1,
            }
            out.write(row, m, args.min_score)?;
        }
        out.flush()?;
        count += rows.len();
        if let Some(bar) = &progress {
            bar.inc(chunk.len() as u64);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    out.finish()?;
    let elapsed = matching;
    if count == 0 {
        // Nothing to answer is not an answer of nothing found: say so.
        let from = match args.input.as_deref() {
            Some(p) if p != std::path::Path::new("-") => {
                format!("{} has a header and no row", p.display())
            }
            _ => "standard input held no title".to_string(),
        };
        eprintln!("noc: no title to match: {from}");
    } else if count > 1 || args.output.is_some() {
        let secs = elapsed.as_secs_f64();
        eprintln!(
            "noc: {count} titles: {matched} matched, {abstained} without a \
             match, {errors} bad rows ({:.0} titles/s)",
            if secs > 0.0 { count as f64 / secs } else { 0.0 }
        );
    }
    Ok(if errors > 0 {
        Outcome::Errors
    } else if matched == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// What every `noc match` sets up: the index as a matcher for the run,
/// the concordance of `--to`, and the output format.
pub(super) struct Run {
    pub matcher: &'static Matcher,
    pub concordance: Option<Concordance>,
    pub format: FormatArg,
}

impl Run {
    /// Loads the index and the concordance; `config` gets the
    /// arguments' `--top`, `--min-score` and `--lang`.
    pub(super) fn set_up(
        args: &MatchArgs,
        config: Config,
    ) -> anyhow::Result<Run> {
        let (index, source) = crate::data::load_index(&args.data)?;
        let concordance = crate::data::concordance_to(
            args.to,
            source.version(),
            &args.concordance,
            &args.data.store,
            source.path(),
        )?;
        let config = config
            .top(args.top)
            .min_score(args.min_score)
            .lang(args.lang.lang());
        Ok(Run {
            matcher: crate::data::matcher_for_run(index, config),
            concordance,
            format: output::format(
                args.json,
                args.format,
                args.output.as_deref(),
            ),
        })
    }

    /// The sink of `--output` (or standard output); `duties`: CSV rows
    /// carry the best candidate's duty evidence.
    pub(super) fn sink(
        &self,
        args: &MatchArgs,
        duties: bool,
    ) -> anyhow::Result<Sink<'_>> {
        Sink::new(
            self.format,
            output::sink(args.output.as_deref())?,
            self.concordance.as_ref(),
            args.review_below,
            duties,
        )
    }
}

/// Where results go, in the chosen format, with each candidate's NOC
/// 2021 groups when `--to 2021` converts an older version.
pub(super) struct Sink<'c> {
    format: Format,
    to: Option<&'c Concordance>,
    /// `--review-below P`.
    review_below: Option<f32>,
    /// Whether CSV rows carry the duty evidence of the best candidate.
    duties: bool,
}

enum Format {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Json(Box<dyn Write>),
    Table(Box<dyn Write>),
}

impl<'c> Sink<'c> {
    pub(super) fn new(
        format: FormatArg,
        w: Box<dyn Write>,
        to: Option<&'c Concordance>,
        review_below: Option<f32>,
        duties: bool,
    ) -> anyhow::Result<Sink<'c>> {
        let format = match format {
            FormatArg::Csv => {
                let mut w = csv::Writer::from_writer(w);
                let mut header = CSV_HEADER.to_vec();
                if to.is_some() {
                    header.insert(ERROR_COLUMN, "noc2021");
                }
                if duties {
                    let at = ERROR_COLUMN + usize::from(to.is_some());
                    for (i, h) in DUTY_COLUMNS.iter().enumerate() {
                        header.insert(at + i, h);
                    }
                }
                if review_below.is_some() {
                    header.push("review");
                }
                w.write_record(header)?;
                Format::Csv(Box::new(w))
            }
            FormatArg::Json => Format::Json(w),
            FormatArg::Table => Format::Table(w),
        };
        Ok(Sink { format, to, review_below, duties })
    }

    pub(super) fn write(
        &mut self,
        row: &Row,
        m: &Match,
        min_score: f32,
    ) -> anyhow::Result<()> {
        let converted: Vec<Option<Conversion>> = match self.to {
            Some(c) => m
                .candidates
                .iter()
                .map(|cand| c.convert(cand.code.as_str()))
                .collect(),
            None => vec![],
        };
        match &mut self.format {
            Format::Csv(w) => {
                let mut rec = csv_record(row, m);
                if self.to.is_some() {
                    let codes = converted
                        .first()
                        .and_then(Option::as_ref)
                        .map(|c| {
                            c.targets
                                .iter()
                                .map(|t| t.code.to_string())
                                .collect::<Vec<_>>()
                                .join(";")
                        })
                        .unwrap_or_default();
                    rec.insert(ERROR_COLUMN, codes);
                }
                if let Some(p) = self.review_below {
                    let review = row.title.is_ok() && m.needs_review(p);
                    rec.push(review.to_string());
                }
                if self.duties {
                    let at = ERROR_COLUMN + usize::from(self.to.is_some());
                    for (i, v) in duty_cells(m).into_iter().enumerate() {
                        rec.insert(at + i, v);
                    }
                }
                w.write_record(rec)?
            }
            Format::Json(w) => {
                let mut json = JsonRow::new(row, m, &converted);
                json.review = self
                    .review_below
                    .map(|p| row.title.is_ok() && m.needs_review(p));
                output::json_line(w, &json)?
            }
            Format::Table(w) => write_table(w, row, m, &converted, min_score)?,
        }
        Ok(())
    }

    /// Sends what was written on, so that a reader sees each chunk.
    pub(super) fn flush(&mut self) -> anyhow::Result<()> {
        match &mut self.format {
            Format::Csv(w) => w.flush()?,
            Format::Json(w) | Format::Table(w) => w.flush()?,
        }
        Ok(())
    }

    pub(super) fn finish(self) -> anyhow::Result<()> {
        match self.format {
            Format::Csv(mut w) => w.flush()?,
            Format::Json(mut w) | Format::Table(mut w) => w.flush()?,
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct JsonRow<'a> {
    line: u64,
    query: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<noc::Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    /// For a Chinese query: its English reading (unofficial).
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a noc::matcher::QueryTranslation>,
    candidates: Vec<JsonCandidate<'a>>,
    /// With `--review-below P`: whether the title needs a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<bool>,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    #[serde(flatten)]
    candidate: &'a Candidate,
    /// With `--to 2021`: what the group became in NOC 2021.
    #[serde(skip_serializing_if = "Option::is_none")]
    noc2021: Option<&'a Conversion>,
}

impl<'a> JsonRow<'a> {
    fn new(
        row: &'a Row,
        m: &'a Match,
        converted: &'a [Option<Conversion>],
    ) -> JsonRow<'a> {
        JsonRow {
            line: row.line,
            query: row.title.as_deref().ok(),
            lang: m.lang,
            error: row.title.as_ref().err().map(String::as_str),
            translation: m.translation.as_ref(),
            candidates: m
                .candidates
                .iter()
                .enumerate()
                .map(|(i, candidate)| JsonCandidate {
                    candidate,
                    noc2021: converted.get(i).and_then(Option::as_ref),
                })
                .collect(),
            review: None,
        }
    }
}

/// Where `noc2021` goes with `--to 2021`: before `error`.
const ERROR_COLUMN: usize = 10;

/// The CSV columns of the best candidate's duty evidence, after `noc2021`
/// and before `error`.
const DUTY_COLUMNS: [&str; 3] =
    ["duties_explained", "duties_given", "best_noc_duty"];

fn duty_cells(m: &Match) -> Vec<String> {
    let e = m.candidates.first().and_then(|c| c.duties.as_ref());
    vec![
        e.map(|e| e.explained.to_string()).unwrap_or_default(),
        e.map(|e| e.of.to_string()).unwrap_or_default(),
        e.and_then(|e| e.best_noc_duty.clone()).unwrap_or_default(),
    ]
}

const CSV_HEADER: [&str; 12] = [
    "line",
    "query",
    "code",
    "title",
    "score",
    "confidence",
    "matched_title",
    "matched_lang",
    "matched_provenance",
    "others",
    "error",
    "probability",
];

fn csv_record(row: &Row, m: &Match) -> Vec<String> {
    let first = m.candidates.first();
    let others: Vec<String> = m
        .candidates
        .iter()
        .skip(1)
        .map(|c| format!("{}:{:.3}", c.code, c.score))
        .collect();
    let error = match (&row.title, first) {
        (Err(e), _) => e.clone(),
        (Ok(_), None) => "no match".to_string(),
        _ => String::new(),
    };
    vec![
        row.line.to_string(),
        row.title.as_deref().unwrap_or("").to_string(),
        first.map(|c| c.code.to_string()).unwrap_or_default(),
        first.map(|c| c.title.clone()).unwrap_or_default(),
        first.map(|c| format!("{:.3}", c.score)).unwrap_or_default(),
        first
            .map(|c| format!("{:?}", c.confidence).to_lowercase())
            .unwrap_or_default(),
        first.map(|c| c.matched_title.clone()).unwrap_or_default(),
        first.map(|c| c.matched_lang.to_string()).unwrap_or_default(),
        first
            .map(|c| format!("{:?}", c.matched_provenance).to_lowercase())
            .unwrap_or_default(),
        others.join(";"),
        error,
        first.map(|c| format!("{:.3}", c.probability)).unwrap_or_default(),
    ]
}

fn write_table(
    out: &mut dyn Write,
    row: &Row,
    m: &Match,
    converted: &[Option<Conversion>],
    min_score: f32,
) -> anyhow::Result<()> {
    let title = match &row.title {
        Ok(t) => t,
        Err(e) => {
            // The message names the input and line already.
            writeln!(out, "error: {e}\n")?;
            return Ok(());
        }
    };
    writeln!(out, "{title}")?;
    if let Some(t) = &m.translation {
        writeln!(
            out,
            "  read as {:?} (noc lexicon, unofficial translation)",
            t.english
        )?;
    }
    if m.candidates.is_empty() {
        writeln!(out, "  no match (nothing scored {min_score:.2} or more)\n")?;
        return Ok(());
    }
    for (rank, c) in m.candidates.iter().enumerate() {
        let missing =
            if c.in_data { "" } else { " (profile not in the loaded data)" };
        let skill = match crate::output::skill_tag(
            c.teer,
            c.skill_type,
            c.skill_level,
        ) {
            Some(tag) => format!(" [{tag}]"),
            None => String::new(),
        };
        writeln!(
            out,
            "  {}. {:<6} {:.3} {:<6} {}{skill}{missing}",
            rank + 1,
            c.code.as_str(),
            c.score,
            format!("{:?}", c.confidence).to_lowercase(),
            c.title
        )?;
        if let Some(Some(conv)) = converted.get(rank) {
            let targets: Vec<String> = conv
                .targets
                .iter()
                .map(|t| format!("{} {}", t.code, t.title))
                .collect();
            writeln!(
                out,
                "     NOC 2021 ({}): {}",
                super::convert::relation_name(&conv.relation),
                targets.join("; ")
            )?;
        }
        let via = match c.excluded_from {
            Some(from) => format!(" (classified elsewhere by {from})"),
            None => String::new(),
        };
        let unofficial = match c.matched_provenance {
            noc::matcher::Provenance::Unofficial => {
                " (unofficial translation)"
            }
            noc::matcher::Provenance::Official => "",
        };
        if let Some(zh) = &c.unofficial_title {
            writeln!(out, "     {zh} (unofficial translation)")?;
        }
        match &c.duties {
            Some(d) => {
                writeln!(
                    out,
                    "     explains {} of {} duties (alignment {:.2})",
                    d.explained, d.of, d.alignment
                )?;
                if let Some(best) = &d.best_noc_duty {
                    writeln!(out, "     best NOC duty: {best}")?;
                }
            }
            None => writeln!(
                out,
                "     matched {:?} [{}]{unofficial}{via}",
                c.matched_title, c.matched_lang
            )?,
        }
        if let Some(e) = &c.explanation {
            let mut s = String::new();
            e.write_tree(&mut s, 3)?;
            write!(out, "{s}")?;
        }
    }
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// See: issue 11 (the bar showed `21480.3172/s`).
    #[test]
    fn progress_rate_is_rounded() {
        assert_eq!(super::rate(21480.3172), "21480 titles/s");
        assert_eq!(super::rate(0.6), "1 titles/s");
    }
}
