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

pub fn run(args: MatchArgs) -> anyhow::Result<Outcome> {
    if args.top == 0 {
        anyhow::bail!("--top must be at least 1");
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        anyhow::bail!("--min-score must be between 0 and 1");
    }
    if args.duties.is_some() || args.duties_column.is_some() {
        return super::describe::run(args);
    }
    if args.input.is_some() && args.column.is_none() {
        anyhow::bail!("--input needs --column NAME (or --duties-column)");
    }
    let rows = crate::input::read_rows(
        &args.titles,
        args.input.as_deref(),
        args.column.as_deref(),
    )?;
    let (index, source) = crate::data::load_index(&args.data)?;
    let concordance = crate::data::concordance_to(
        args.to,
        source.version(),
        &args.concordance,
        &args.data.store,
        source.path(),
    )?;
    let config = Config::DEFAULT
        .top(args.top)
        .min_score(args.min_score)
        .lang(args.lang.lang())
        .explain(args.explain);
    let matcher = Matcher::with_config(index, config);
    let format =
        output::format(args.json, args.format, args.output.as_deref());
    let threads = super::threads(args.threads);

    let titles: Vec<&str> =
        rows.iter().map(|r| r.title.as_deref().unwrap_or("")).collect();
    let progress = (titles.len() >= PROGRESS_MIN
        && std::io::stderr().is_terminal())
    .then(|| {
        let bar = indicatif::ProgressBar::new(titles.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} titles ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let sink = output::sink(args.output.as_deref())?;
    let mut out = Sink::new(format, sink, concordance.as_ref(), false)?;
    // Match and write chunk by chunk, so that memory stays flat however
    // long the input is.
    let (mut matched, mut abstained, mut errors) = (0usize, 0usize, 0usize);
    let mut matching = std::time::Duration::ZERO;
    for (rows, chunk) in rows.chunks(CHUNK).zip(titles.chunks(CHUNK)) {
        let t = Instant::now();
        let results = matcher.match_many(chunk, threads);
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
        if let Some(bar) = &progress {
            bar.inc(chunk.len() as u64);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    out.finish()?;
    let elapsed = matching;
    if rows.len() > 1 || args.output.is_some() {
        let secs = elapsed.as_secs_f64();
        eprintln!(
            "noc: {} titles: {matched} matched, {abstained} without a match, \
             {errors} bad rows ({:.0} titles/s)",
            rows.len(),
            if secs > 0.0 { rows.len() as f64 / secs } else { 0.0 }
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

/// Where results go, in the chosen format, with each candidate's NOC
/// 2021 groups when `--to 2021` converts an older version.
pub(super) struct Sink<'c> {
    format: Format,
    to: Option<&'c Concordance>,
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
        duties: bool,
    ) -> anyhow::Result<Sink<'c>> {
        let format = match format {
            FormatArg::Csv => {
                let mut w = csv::Writer::from_writer(w);
                let mut header = CSV_HEADER.to_vec();
                if to.is_some() {
                    header.insert(header.len() - 1, "noc2021");
                }
                if duties {
                    for h in DUTY_COLUMNS {
                        header.insert(header.len() - 1, h);
                    }
                }
                w.write_record(header)?;
                Format::Csv(Box::new(w))
            }
            FormatArg::Json => Format::Json(w),
            FormatArg::Table => Format::Table(w),
        };
        Ok(Sink { format, to, duties })
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
                    rec.insert(CSV_HEADER.len() - 1, codes);
                }
                if self.duties {
                    for v in duty_cells(m) {
                        rec.insert(rec.len() - 1, v);
                    }
                }
                w.write_record(rec)?
            }
            Format::Json(w) => {
                output::json_line(w, &JsonRow::new(row, m, &converted))?
            }
            Format::Table(w) => write_table(w, row, m, &converted, min_score)?,
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
    candidates: Vec<JsonCandidate<'a>>,
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
            candidates: m
                .candidates
                .iter()
                .enumerate()
                .map(|(i, candidate)| JsonCandidate {
                    candidate,
                    noc2021: converted.get(i).and_then(Option::as_ref),
                })
                .collect(),
        }
    }
}

/// The CSV columns of the best candidate's duty evidence.
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

const CSV_HEADER: [&str; 10] = [
    "line",
    "query",
    "code",
    "title",
    "score",
    "confidence",
    "matched_title",
    "matched_lang",
    "others",
    "error",
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
        others.join(";"),
        error,
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
            writeln!(out, "line {}: error: {e}\n", row.line)?;
            return Ok(());
        }
    };
    writeln!(out, "{title}")?;
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
                "     matched {:?} [{}]{via}",
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
