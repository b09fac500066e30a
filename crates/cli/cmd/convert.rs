//! `noc convert CODE...`: NOC 2016 (or 2011) codes to NOC 2021 through
//! the official concordance.

use std::io::Write;

use noc::concordance::{Conversion, Relation};
use serde::Serialize;

use crate::args::{ConvertArgs, VersionArg};
use crate::output;
use crate::Outcome;

/// What `--from 2011` adds: NOC 2016 V1.3 revised NOC 2011 without
/// changing a single unit-group code (nine titles changed), so a 2011
/// code is looked up as the 2016 code it still is.
pub const FROM_2011_NOTE: &str = "NOC 2011 and NOC 2016 V1.3 share every \
     unit-group code; the 2011 code was read as the 2016 one";

pub fn run(args: ConvertArgs) -> anyhow::Result<Outcome> {
    if args.to != VersionArg::V2021 || args.from == VersionArg::V2021 {
        anyhow::bail!(
            "only --from 2016 or 2011 --to 2021 is available: the \
             concordance is Statistics Canada's NOC 2016 V1.3 → NOC 2021 \
             V1.0"
        );
    }
    let concordance = crate::data::concordance(
        &args.concordance,
        &args.store,
        args.data.as_deref(),
    )?;
    let from_2011 = args.from == VersionArg::V2011;
    let mut out = output::stdout();
    let mut found = 0;
    for code in &args.codes {
        let conversion = concordance.convert(code);
        if args.json {
            output::json_line(
                &mut out,
                &JsonRow {
                    code,
                    from: args.source_year(),
                    conversion: conversion.as_ref(),
                    note: from_2011.then_some(FROM_2011_NOTE),
                },
            )?;
        } else if let Some(c) = &conversion {
            write_conversion(&mut out, c)?;
            if from_2011 {
                writeln!(out, "  note: {FROM_2011_NOTE}")?;
            }
        }
        match conversion {
            Some(_) => found += 1,
            None => eprintln!(
                "noc: {code}: not a NOC {} unit group in the concordance",
                args.source_year()
            ),
        }
    }
    out.flush()?;
    Ok(if found == args.codes.len() {
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

#[derive(Serialize)]
struct JsonRow<'a> {
    code: &'a str,
    from: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversion: Option<&'a Conversion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
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
