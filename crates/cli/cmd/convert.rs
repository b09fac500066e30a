//! `noc convert CODE...`: NOC 2016 codes to NOC 2021 through the official
//! concordance.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use noc::concordance::{Concordance, Conversion, Relation, NOC2016_TO_2021};
use serde::Serialize;

use crate::args::{ConvertArgs, VersionArg};
use crate::output;
use crate::Outcome;

pub fn run(args: ConvertArgs) -> anyhow::Result<Outcome> {
    if (args.from, args.to) != (VersionArg::V2016, VersionArg::V2021) {
        anyhow::bail!(
            "only --from 2016 --to 2021 is available: the concordance \
             read is Statistics Canada's {NOC2016_TO_2021}"
        );
    }
    let path = concordance_path(&args)?;
    let file = std::fs::File::open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let (concordance, problems) =
        Concordance::read_2016_to_2021(std::io::BufReader::new(file))
            .with_context(|| path.display().to_string())?;
    for p in &problems {
        eprintln!("noc: warning: {}: {p}", path.display());
    }
    let mut out = output::stdout();
    let mut found = 0;
    for code in &args.codes {
        let conversion = concordance.convert(code);
        if args.json {
            output::json_line(
                &mut out,
                &JsonRow { code, conversion: conversion.as_ref() },
            )?;
        } else if let Some(c) = &conversion {
            write_conversion(&mut out, c)?;
        }
        match conversion {
            Some(_) => found += 1,
            None => eprintln!(
                "noc: {code}: not a NOC 2016 unit group in {}",
                path.display()
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

/// `--concordance FILE`, else the official file in the `--data` folder
/// or its `concordance/` sub-folder.
fn concordance_path(args: &ConvertArgs) -> anyhow::Result<PathBuf> {
    if let Some(p) = &args.concordance {
        return Ok(p.clone());
    }
    if let Some(dir) = &args.data.data {
        for candidate in [
            dir.join(NOC2016_TO_2021),
            dir.join("concordance").join(NOC2016_TO_2021),
        ] {
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    anyhow::bail!(
        "no concordance file: download {NOC2016_TO_2021} from Statistics \
         Canada and pass it with --concordance FILE (or put it in the \
         --data folder)"
    )
}

#[derive(Serialize)]
struct JsonRow<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversion: Option<&'a Conversion>,
}

fn write_conversion(
    out: &mut impl Write,
    c: &Conversion,
) -> std::io::Result<()> {
    let relation = match c.relation {
        Relation::OneToOne => "one-to-one",
        Relation::Split => "split",
        Relation::Merged => "merged with other groups",
        Relation::SplitAndMerged => "split, and merged with other groups",
    };
    writeln!(
        out,
        "{} {} (NOC {}) → NOC {}: {relation}",
        c.from, c.from_title, c.from_version, c.to_version
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
