//! `noc convert CODE...`: NOC 2016 (or 2011) codes to NOC 2021 through
//! the official concordance.

use std::io::Write;

use noc::concordance::{Conversion, Relation};
use serde::Serialize;

use crate::args::{ConvertArgs, FormatArg, VersionArg};
use crate::output;
use crate::Outcome;

/// What `--from 2011` adds: NOC 2016 V1.3 revised NOC 2011 without
/// changing a single unit-group code (nine titles changed), so a 2011
/// code is looked up as the 2016 code it still is.
pub const FROM_2011_NOTE: &str = "NOC 2011 and NOC 2016 V1.3 share every \
     unit-group code; the 2011 code was read as the 2016 one";

pub fn run(args: ConvertArgs) -> anyhow::Result<Outcome> {
    if args.from == VersionArg::V2021 {
        anyhow::bail!(
            "only --from 2016 or 2011 --to 2021 is available: the \
             concordance is Statistics Canada's NOC 2016 V1.3 → NOC 2021 \
             V1.0"
        );
    }
    let rows = crate::input::read_rows(
        &args.codes,
        args.input.as_deref(),
        args.column.as_deref(),
    )?;
    let concordance = crate::data::concordance(
        &args.concordance,
        &args.store,
        args.data.as_deref(),
    )?;
    let from_2011 = args.from == VersionArg::V2011;
    let note = from_2011.then_some(FROM_2011_NOTE);
    let format =
        output::format(args.json, args.format, args.output.as_deref());
    let sink = output::sink(args.output.as_deref())?;
    // CSV goes through a CSV writer, the other formats straight out.
    let (mut csv, mut out) = match format {
        FormatArg::Csv => {
            let mut w = csv::Writer::from_writer(sink);
            w.write_record(CSV_HEADER)?;
            (Some(w), None)
        }
        _ => (None, Some(sink)),
    };
    let (mut found, mut bad) = (0, 0);
    for row in &rows {
        let (code, conversion, error) = match &row.title {
            Err(e) => (None, None, Some(e.clone())),
            Ok(code) => match concordance.convert(code) {
                Some(c) => (Some(code.as_str()), Some(c), None),
                None => (
                    Some(code.as_str()),
                    None,
                    Some(format!(
                        "{code}: not a NOC {} unit group in the concordance",
                        args.source_year()
                    )),
                ),
            },
        };
        match &error {
            None => found += 1,
            Some(e) => {
                bad += 1;
                eprintln!("noc: {e}");
            }
        }
        if let Some(w) = &mut csv {
            w.write_record(csv_record(
                row.line,
                code,
                conversion.as_ref(),
                error.as_deref(),
            ))?;
            continue;
        }
        let Some(out) = &mut out else { continue };
        match format {
            FormatArg::Json => output::json_line(
                out,
                &JsonRow {
                    line: row.line,
                    code,
                    from: args.source_year(),
                    conversion: conversion.as_ref(),
                    note,
                    error: error.as_deref(),
                },
            )?,
            FormatArg::Csv | FormatArg::Table => {
                if let Some(c) = &conversion {
                    write_conversion(out, c)?;
                    if let Some(n) = note {
                        writeln!(out, "  note: {n}")?;
                    }
                }
            }
        }
    }
    if let Some(mut w) = csv {
        w.flush()?;
    }
    if let Some(mut out) = out {
        out.flush()?;
    }
    Ok(if bad == 0 {
        Outcome::Found
    } else if found == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Errors
    })
}

impl ConvertArgs {
    fn source_year(&self) -> u16 {
        noc::NocVersion::from(self.from).year()
    }
}

const CSV_HEADER: [&str; 7] = [
    "line",
    "code",
    "relation",
    "noc2021",
    "noc2021_titles",
    "notes",
    "error",
];

fn csv_record(
    line: u64,
    code: Option<&str>,
    c: Option<&Conversion>,
    error: Option<&str>,
) -> Vec<String> {
    let join = |f: &dyn Fn(&noc::concordance::Target) -> String| {
        c.map(|c| c.targets.iter().map(f).collect::<Vec<_>>().join(";"))
            .unwrap_or_default()
    };
    vec![
        line.to_string(),
        code.unwrap_or("").to_string(),
        c.map(|c| relation_name(&c.relation).to_string()).unwrap_or_default(),
        join(&|t| t.code.to_string()),
        join(&|t| t.title.clone()),
        c.map(|c| {
            let mut notes: Vec<&str> = vec![];
            for t in &c.targets {
                if !t.notes.is_empty() && !notes.contains(&t.notes.as_str()) {
                    notes.push(&t.notes);
                }
            }
            notes.join(";")
        })
        .unwrap_or_default(),
        error.unwrap_or("").to_string(),
    ]
}

#[derive(Serialize)]
struct JsonRow<'a> {
    line: u64,
    code: Option<&'a str>,
    from: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversion: Option<&'a Conversion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// A readable name of a relation.
pub fn relation_name(r: &Relation) -> &'static str {
    match r {
        Relation::OneToOne => "one-to-one",
        Relation::Split => "split",
        Relation::Merged => "merged with other groups",
        Relation::SplitAndMerged => "split, and merged with other groups",
    }
}

pub fn write_conversion(
    out: &mut impl Write,
    c: &Conversion,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {} (NOC {}) → NOC {}: {}",
        c.from,
        c.from_title,
        c.from_version,
        c.to_version,
        relation_name(&c.relation)
    )?;
    let mut notes: Vec<&str> = vec![];
    for t in &c.targets {
        let title = if t.title_changed { " (title changed)" } else { "" };
        writeln!(out, "  → {} {}{title}", t.code, t.title)?;
        if !t.notes.is_empty() && !notes.contains(&t.notes.as_str()) {
            notes.push(&t.notes);
        }
    }
    for n in notes {
        writeln!(out, "  note: {n}")?;
    }
    Ok(())
}
