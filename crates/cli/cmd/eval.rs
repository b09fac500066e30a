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
    if let Some(path) = &args.file {
        let head = std::fs::read(path)
            .with_context(|| format!("opening {}", path.display()))?;
        let first = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
        if noc::describe::eval::is_duties_header(&String::from_utf8_lossy(
            first,
        )) {
            return run_duties(&args, path, &head);
        }
    }
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

/// `noc eval` on a duties file: description matching per source.
fn run_duties(
    args: &EvalArgs,
    path: &std::path::Path,
    bytes: &[u8],
) -> anyhow::Result<Outcome> {
    let (rows, problems) = noc::describe::eval::read_labelled_descriptions(
        bytes,
        &args.code_column,
    )
    .with_context(|| path.display().to_string())?;
    for p in &problems {
        eprintln!("noc: {}: {p}", path.display());
    }
    let (index, source) = crate::data::load_index(&args.data)?;
    let matcher =
        Matcher::with_config(index, noc::matcher::Config::DEFAULT.top(10));
    let threads = super::threads(args.threads);
    let report =
        noc::describe::eval::evaluate_descriptions(&matcher, &rows, threads);
    let mut out = output::stdout();
    if args.json {
        let v = serde_json::json!({
            "report": report,
            "peak_memory_bytes": super::peak_memory(),
            "data": source.to_string(),
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<20} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}",
            "source",
            "single",
            "top1",
            "top5",
            "top10",
            "rows",
            "any1",
            "any5"
        )?;
        for (name, s) in &report.per_source {
            writeln!(
                out,
                "{:<20} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>7.3} {:>7.3}",
                name,
                s.n,
                s.top1,
                s.top5,
                s.top10,
                s.n_any,
                s.any_top1,
                s.any_top5
            )?;
        }
        let c = &report.check;
        writeln!(out)?;
        writeln!(
            out,
            "check ({} single-label rows): quartiles of main duties \
             covered / client duties explained",
            c.n
        )?;
        let q = |v: [f32; 3]| format!("{:.2} {:.2} {:.2}", v[0], v[1], v[2]);
        let p = |v: [f64; 3]| {
            format!(
                "strong {:.2}, partial {:.2}, weak {:.2}",
                v[0], v[1], v[2]
            )
        };
        writeln!(
            out,
            "  labelled group:   {} / {}; {}",
            q(c.right_main),
            q(c.right_client),
            p(c.right_verdicts)
        )?;
        writeln!(
            out,
            "  best wrong group: {} / {}; {}",
            q(c.wrong_main),
            q(c.wrong_client),
            p(c.wrong_verdicts)
        )?;
        writeln!(out)?;
        writeln!(out, "data: {source}")?;
        writeln!(
            out,
            "speed: {:.0} descriptions/s on {} threads",
            report.descriptions_per_second, report.threads
        )?;
        if let Some(peak) = super::peak_memory() {
            writeln!(out, "peak memory: {:.1} MB", peak as f64 / 1e6)?;
        }
    }
    out.flush()?;
    Ok(if problems.is_empty() { Outcome::Found } else { Outcome::Errors })
}
