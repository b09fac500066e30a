//! `noc check CODE --duties FILE`: a reference letter's duties against
//! one unit group, as a readable report, JSON or Markdown.

use std::io::Write;

use anyhow::Context;
use noc::describe::check::{CheckReport, Strength, Verdict};
use noc::matcher::Config;
use noc::{NocCode, NocVersion, OtherVersion};

use crate::args::{CheckArgs, ReportFormatArg};
use crate::output;
use crate::Outcome;

pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    let code = NocCode::new(args.code.trim())
        .with_context(|| format!("noc check {}", args.code))?;
    let d = super::describe::read_description(
        &args.duties,
        args.title.as_deref(),
    )?;
    let (index, _) = crate::data::load_index(&args.data)?;
    let config = Config::DEFAULT.lang(args.lang.lang());
    let matcher = crate::data::matcher_for_run(index, config);
    let index = matcher.index();
    // A code that heads unit groups of the data (a NOC 2021 minor group
    // has 4 digits too) is of this version.
    let of_this_version = index
        .groups()
        .iter()
        .any(|g| g.code.as_str().starts_with(code.as_str()));
    let version = index.version();
    let report =
        noc::describe::check::check(matcher, &code, &d).map_err(|e| {
            match other_version_hint(&args.code, version) {
                Some(hint) if !of_this_version => anyhow::anyhow!(hint),
                _ => e.into(),
            }
        })?;
    let mut out = output::stdout();
    let format = if args.json { ReportFormatArg::Json } else { args.format };
    match format {
        ReportFormatArg::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ReportFormatArg::Text => write_text(&mut out, &report)?,
        ReportFormatArg::Markdown => write_markdown(&mut out, &report)?,
    }
    out.flush()?;
    Ok(match report.verdict {
        Verdict::Strong => Outcome::Found,
        Verdict::Partial | Verdict::Weak => Outcome::NothingFound,
    })
}

/// What to do with a code of another NOC version than the loaded one
/// (the digits tell): only NOC 2021 has main duties to check against.
fn other_version_hint(code: &str, loaded: NocVersion) -> Option<String> {
    let code = code.trim();
    let other = loaded.other_version_of(code)?;
    let what = other.explain(code, loaded);
    Some(match other {
        OtherVersion::V2021 => {
            format!("{what}: check it with `--version 2021`")
        }
        _ => format!(
            "{what}, and only NOC 2021 has main duties to check against: \
             find its NOC 2021 groups with `noc convert {code}` and check \
             one of them"
        ),
    })
}

fn percent(x: f32) -> String {
    format!("{:.0} %", x * 100.0)
}

fn write_text(out: &mut impl Write, r: &CheckReport) -> anyhow::Result<()> {
    let width = output::width();
    let c = &r.coverage;
    writeln!(out, "{} {} (NOC {})", r.code, r.title, r.version)?;
    if let Some(t) = &r.client_title {
        writeln!(out, "letter title: {t}")?;
    }
    writeln!(
        out,
        "verdict: {} (main duties covered {} of {}, {}; client duties \
         explained {} of {}, {})",
        r.verdict.label(),
        c.main_duties_covered,
        c.main_duties,
        percent(c.main_duties_share),
        c.client_duties_explained,
        c.client_duties,
        percent(c.client_duties_share)
    )?;
    if let Some(lead) = &r.lead_statement {
        writeln!(
            out,
            "\nLead statement: fit {:.2} ({})",
            lead.fit,
            lead.strength.label()
        )?;
        output::wrapped(out, &lead.text, "  ", "  ", width)?;
    }
    writeln!(out, "\nMain duties:")?;
    for (j, m) in r.main_duties.iter().enumerate() {
        let mark = match m.strength {
            Strength::Strong => "[x]",
            Strength::Partial => "[~]",
            Strength::None => "[ ]",
        };
        output::wrapped(out, &m.text, "      ", &format!("  {mark} "), width)?;
        if let Some(i) = m.covered_by {
            writeln!(
                out,
                "      ← client duty {} ({}, {:.2})",
                i + 1,
                m.strength.label(),
                m.similarity
            )?;
        }
        let _ = j;
    }
    writeln!(out, "\nClient duties:")?;
    for (i, d) in r.client_duties.iter().enumerate() {
        output::wrapped(
            out,
            &d.text,
            "     ",
            &format!("  {}. ", i + 1),
            width,
        )?;
        let what = match (d.supports, d.lead_statement) {
            (Some(j), _) => format!(
                "→ main duty {} ({}, {:.2})",
                j + 1,
                d.strength.label(),
                d.similarity
            ),
            (None, true) => {
                format!("→ the lead statement ({:.2})", d.similarity)
            }
            (None, false) => "not in this profile".to_string(),
        };
        if let Some(r) = &d.reading {
            output::wrapped(
                out,
                &format!("read as: {} (unofficial translation)", r.english),
                "     ",
                "     ",
                width,
            )?;
        }
        writeln!(out, "     {what}")?;
    }
    if !r.set_aside.is_empty() {
        writeln!(out, "\nSet aside (letter text, not duties):")?;
        for a in &r.set_aside {
            output::wrapped(
                out,
                &format!("{} [{}]", a.text, a.part.label()),
                "    ",
                "  - ",
                width,
            )?;
        }
    }
    if r.left_out > 0 || !r.copied.is_empty() {
        writeln!(out, "\nWarnings:")?;
    }
    if r.left_out > 0 {
        output::wrapped(
            out,
            &noc::describe::check::left_out_note(r.left_out),
            "    ",
            "  ",
            width,
        )?;
    }
    if !r.copied.is_empty() {
        for w in &r.copied {
            writeln!(
                out,
                "  client duty {} {} main duty {} nearly word for word \
                 ({} of its word pairs)",
                w.client_duty + 1,
                w.describe(),
                w.main_duty + 1,
                percent(w.overlap)
            )?;
        }
    }
    if !r.classified_elsewhere.is_empty() {
        writeln!(out, "\nClassified elsewhere, and the duties fit it too:")?;
        for e in &r.classified_elsewhere {
            writeln!(
                out,
                "  {} → {} {} (main duties covered {})",
                e.text,
                e.code,
                e.title,
                percent(e.coverage.main_duties_share)
            )?;
        }
    }
    if !r.better_fits.is_empty() {
        writeln!(out, "\nCodes that fit the description better:")?;
        for b in &r.better_fits {
            writeln!(
                out,
                "  {}. {} {} (score {:.3}; main duties covered {}, client \
                 duties explained {})",
                b.rank,
                b.code,
                b.title,
                b.score,
                percent(b.coverage.main_duties_share),
                percent(b.coverage.client_duties_share)
            )?;
        }
    }
    Ok(())
}

fn write_markdown(
    out: &mut impl Write,
    r: &CheckReport,
) -> anyhow::Result<()> {
    out.write_all(r.to_markdown().as_bytes())?;
    Ok(())
}
