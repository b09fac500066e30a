//! `noc eval FILE.csv`: accuracy per source, speed and memory.

use std::io::Write;
use std::time::Instant;

use anyhow::Context;
use noc::index::Index;
use noc::matcher::Matcher;

use crate::args::EvalArgs;
use crate::output;
use crate::Outcome;

pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    let data = crate::data::load(&args.data)?;
    let (rows, problems) = match (&args.file, args.perturbed) {
        (Some(path), _) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            let (rows, problems) =
                noc::eval::read_labelled(file, &args.code_column)
                    .with_context(|| path.display().to_string())?;
            for p in &problems {
                eprintln!("noc: {}: {p}", path.display());
            }
            (rows, problems)
        }
        (None, step) => (
            noc::eval::perturbed_titles(
                &data.classification,
                step.unwrap_or(1),
            ),
            vec![],
        ),
    };
    check_label_version(&rows, &args.code_column, data.source.version())
        .with_context(|| format!("data: {}", data.source))?;
    let start = Instant::now();
    let matcher = Matcher::new(Index::build(&data.classification));
    let build = start.elapsed();
    let threads = super::threads(args.threads);
    let report = noc::eval::evaluate(&matcher, &rows, threads);
    let single = noc::eval::evaluate(&matcher, &rows, 1);
    let mut out = output::stdout();
    if args.json {
        let v = serde_json::json!({
            "report": report,
            "titles_per_second_1_thread": single.titles_per_second,
            "index_build_ms": build.as_secs_f64() * 1e3,
            "peak_memory_bytes": super::peak_memory(),
            "data": data.source.to_string(),
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<32} {:>6} {:>8} {:>6} {:>6} {:>7} {:>6}",
            "source",
            "titles",
            "coverage",
            "top1",
            "top5",
            "major1",
            if matcher.index().version() == noc::NocVersion::V2021 {
                "teer1"
            } else {
                "skill1"
            }
        )?;
        let line = |out: &mut dyn Write, name: &str, s: &noc::eval::Scores| {
            writeln!(
                out,
                "{:<32} {:>6} {:>8.3} {:>6.3} {:>6.3} {:>7.3} {:>6.3}",
                name,
                s.n,
                s.coverage,
                s.top1,
                s.top5,
                s.major_top1,
                s.teer_top1
            )
        };
        for (name, s) in &report.per_source {
            line(&mut out, name, s)?;
        }
        line(
            &mut out,
            &format!("macro ({} sources)", report.macro_sources.len()),
            &report.macro_avg,
        )?;
        line(&mut out, "pooled", &report.pooled)?;
        writeln!(out)?;
        writeln!(out, "data: {}", data.source)?;
        writeln!(
            out,
            "index: {} titles of {} unit groups, built in {:.0} ms",
            matcher.index().entry_count(),
            matcher.index().groups().len(),
            build.as_secs_f64() * 1e3
        )?;
        writeln!(
            out,
            "speed: {:.0} titles/s on {} threads, {:.0} titles/s on 1 thread",
            report.titles_per_second, threads, single.titles_per_second
        )?;
        if let Some(peak) = super::peak_memory() {
            writeln!(out, "peak memory: {:.1} MB", peak as f64 / 1e6)?;
        }
    }
    out.flush()?;
    Ok(if problems.is_empty() { Outcome::Found } else { Outcome::Errors })
}

/// Fails when no label has the length of a unit group code of the loaded
/// version: every title would count as a miss (`--code-column noc2016`
/// on NOC 2021 data; see: issue 11).
fn check_label_version(
    rows: &[noc::eval::Labelled],
    column: &str,
    loaded: noc::NocVersion,
) -> anyhow::Result<()> {
    let width = |v: noc::NocVersion| {
        if v == noc::NocVersion::V2021 {
            5
        } else {
            4
        }
    };
    if rows.is_empty() || rows.iter().any(|r| r.code.len() == width(loaded)) {
        return Ok(());
    }
    let (labels, fix) = if loaded == noc::NocVersion::V2021 {
        (
            "NOC 2011/2016 codes (4 digits)",
            "add --version 2016 (with NOC \
          2016 installed) or --data DIR of NOC 2016 files",
        )
    } else {
        (
            "NOC 2021 codes (5 digits)",
            "add --version 2021, or use a column \
          of NOC 2016 labels",
        )
    };
    anyhow::bail!(
        "the labels in column {column:?} are {labels}, not codes of the \
         loaded NOC {loaded}, so every title would count as a miss: {fix}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// See: issue 11.
    #[test]
    fn labels_of_another_version_are_refused() {
        let rows = noc::eval::read_labelled(
            "title,noc2016,source\nnurse,3012,a\n".as_bytes(),
            "noc2016",
        )
        .unwrap()
        .0;
        let e = check_label_version(&rows, "noc2016", noc::NocVersion::V2021)
            .unwrap_err()
            .to_string();
        assert!(e.contains("--version 2016"), "{e}");
        assert!(check_label_version(&rows, "noc2016", noc::NocVersion::V2016)
            .is_ok());
    }
}
