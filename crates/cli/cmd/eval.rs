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
    let (rows, problems, unlabelled) = match (&args.file, args.perturbed) {
        (Some(path), _) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            let read = noc::eval::read_labelled(file, &args.code_column)
                .with_context(|| path.display().to_string())?;
            for p in &read.problems {
                eprintln!("noc: {}: {p}", path.display());
            }
            (read.rows, read.problems, read.unlabelled)
        }
        (None, step) => (
            noc::eval::perturbed_titles(
                &data.classification,
                step.unwrap_or(1),
            ),
            vec![],
            0,
        ),
    };
    if rows.is_empty() {
        let path = args.file.as_deref().unwrap_or(std::path::Path::new(""));
        anyhow::bail!(
            "{}: no row has a code in column {:?} ({unlabelled} without \
             one); expected unit group codes to measure against (see \
             --code-column)",
            path.display(),
            args.code_column
        );
    }
    check_label_version(&rows, &args.code_column, data.source.version())
        .with_context(|| format!("data: {}", data.source))?;
    let start = Instant::now();
    let matcher = Matcher::new(Index::build(&data.classification));
    let build = start.elapsed();
    let threads = super::threads(args.threads);
    if args.fit_confidence && args.file.is_none() {
        anyhow::bail!("--fit-confidence needs a labelled file");
    }
    if args.fit_confidence {
        fit(&matcher, &rows, threads)?;
        return Ok(if problems.is_empty() {
            Outcome::Found
        } else {
            Outcome::Errors
        });
    }
    let report = noc::eval::evaluate(&matcher, &rows, threads);
    let single = noc::eval::evaluate(&matcher, &rows, 1);
    let mut out = output::stdout();
    if args.json {
        let v = serde_json::json!({
            "report": report,
            "titles_per_second_1_thread": single.titles_per_second,
            "index_build_ms": build.as_secs_f64() * 1e3,
            "titles_without_a_code": unlabelled,
            "peak_memory_bytes": super::peak_memory(),
            "data": data.source.to_string(),
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<32} {:>6} {:>8} {:>6} {:>6} {:>7} {:>6}{}",
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
            },
            if report.any_of { "   any1   any5" } else { "" }
        )?;
        let any_of = report.any_of;
        let line = |out: &mut dyn Write, name: &str, s: &noc::eval::Scores| {
            write!(
                out,
                "{:<32} {:>6} {:>8.3} {:>6.3} {:>6.3} {:>7.3} {:>6.3}",
                name,
                s.n,
                s.coverage,
                s.top1,
                s.top5,
                s.major_top1,
                s.teer_top1
            )?;
            if any_of {
                write!(out, " {:>6.3} {:>6.3}", s.any_top1, s.any_top5)?;
            }
            writeln!(out)
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
        if unlabelled > 0 {
            let titles = if unlabelled == 1 { "title" } else { "titles" };
            writeln!(
                out,
                "not measured: {unlabelled} {titles} without a code in \
                 column {:?}",
                args.code_column
            )?;
        }
        writeln!(out)?;
        write_calibration(&mut out, &report.calibration)?;
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
        writeln!(
            out,
            "reliability of the first candidates' probabilities \
             (single-label rows):"
        )?;
        writeln!(
            out,
            "{:<10} {:>6} {:>9} {:>8}",
            "band", "rows", "predicted", "observed"
        )?;
        write_bands(&mut out, &report.reliability)?;
        writeln!(out, "and of the candidates after the first:")?;
        write_bands(&mut out, &report.later_reliability)?;
        let f = report.fitted.map(|x| format!("{x:.4}")).join(", ");
        writeln!(
            out,
            "description model fitted on this file (intercept, score, \
             margin, duties explained, title): [{f}]"
        )?;
        let [[a2, b2], [a3, b3]] = report.fitted_later;
        writeln!(
            out,
            "later candidates' recalibration fitted on this file \
             (DESCRIPTION_LATER): [[{a2:.3}, {b2:.3}], [{a3:.3}, {b3:.3}]]"
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

/// One row per band: its name, size, mean probability and share right.
fn write_bands<'a>(
    out: &mut dyn Write,
    bands: impl IntoIterator<Item = &'a noc::eval::Band>,
) -> std::io::Result<()> {
    for b in bands {
        writeln!(
            out,
            "{:<10} {:>6} {:>9.3} {:>8.3}",
            b.name, b.n, b.predicted, b.observed
        )?;
    }
    Ok(())
}

/// The reliability table and the coverage/precision curve per source.
fn write_calibration(
    out: &mut dyn Write,
    cal: &noc::eval::Calibration,
) -> std::io::Result<()> {
    writeln!(
        out,
        "reliability of the first candidates' probabilities (pooled):"
    )?;
    writeln!(
        out,
        "{:<10} {:>6} {:>9} {:>8}",
        "band", "titles", "predicted", "observed"
    )?;
    write_bands(out, cal.bands.iter().filter(|b| b.n > 0))?;
    writeln!(out, "and of the candidates after the first (pooled):")?;
    write_bands(out, &cal.later)?;
    writeln!(out)?;
    let shares: Vec<String> = noc::eval::CURVE_COVERAGES
        .iter()
        .map(|c| format!("{:>6}", format!("{:.0}%", c * 100.0)))
        .collect();
    writeln!(
        out,
        "high band per source, and the precision of the most probable \
         first candidates by share of titles:"
    )?;
    writeln!(
        out,
        "{:<32} {:>8} {:>9} {}",
        "source",
        "high cov",
        "high prec",
        shares.join("")
    )?;
    for (name, s) in &cal.per_source {
        let curve: Vec<String> =
            s.curve.iter().map(|p| format!("{p:>6.3}")).collect();
        writeln!(
            out,
            "{:<32} {:>8.3} {:>9.3} {}",
            name,
            s.high_coverage,
            s.high_precision,
            curve.join("")
        )?;
    }
    writeln!(
        out,
        "high, headline sources: mean precision {:.3}, least coverage {:.3}",
        cal.macro_high_precision, cal.min_high_coverage
    )
}

/// `--fit-confidence`: fits the model on each half of the titles and
/// checks it on the other, then fits it on all and prints the constants.
fn fit(
    matcher: &Matcher,
    rows: &[noc::eval::Labelled],
    threads: usize,
) -> anyhow::Result<()> {
    use noc::eval::{calibrate, fit_confidence, observations, split_half};
    use noc::matcher::score;
    let obs = observations(matcher, rows, threads);
    let half = |want: bool| -> Vec<noc::eval::Observation> {
        rows.iter()
            .zip(&obs)
            .filter(|(r, _)| split_half(&r.title) == want)
            .map(|(_, o)| o.clone())
            .collect()
    };
    let (a, b) = (half(true), half(false));
    let mut out = output::stdout();
    let summary = |out: &mut dyn Write,
                   label: &str,
                   cal: &noc::eval::Calibration|
     -> std::io::Result<()> {
        writeln!(out, "{label}:")?;
        for (name, s) in &cal.per_source {
            writeln!(
                out,
                "  {:<32} high: coverage {:.3}, precision {:.3} ({} titles)",
                name, s.high_coverage, s.high_precision, s.n
            )?;
        }
        writeln!(
            out,
            "  headline sources: mean precision of high {:.3}, least \
             coverage {:.3}",
            cal.macro_high_precision, cal.min_high_coverage
        )
    };
    let ca = fit_confidence(&a, score::CONFIDENCE_L2);
    let cb = fit_confidence(&b, score::CONFIDENCE_L2);
    summary(
        &mut out,
        &format!("fitted on half A ({} titles), checked on half B", a.len()),
        &calibrate(&b, &ca),
    )?;
    summary(
        &mut out,
        &format!("fitted on half B ({} titles), checked on half A", b.len()),
        &calibrate(&a, &cb),
    )?;
    let all = fit_confidence(&obs, score::CONFIDENCE_L2);
    summary(&mut out, "fitted on all, in sample", &calibrate(&obs, &all))?;
    writeln!(out)?;
    write_calibration(&mut out, &calibrate(&obs, &all))?;
    writeln!(out)?;
    writeln!(out, "// Fitted by `noc eval FILE --fit-confidence`:")?;
    // The Chinese term is fitted apart (see its constant): a file without
    // Chinese titles keeps the current one.
    let chinese = score::CONFIDENCE_NAMES
        .iter()
        .position(|n| *n == "CONFIDENCE_CHINESE");
    let has_chinese = |i: usize| {
        obs.iter().any(|o| o.features.is_some_and(|f| f[i - 1] != 0.0))
    };
    let later = noc::eval::fit_later(&obs, &all);
    for (name, [a, b]) in
        ["SECOND_CANDIDATE", "LATER_CANDIDATES"].iter().zip(later)
    {
        writeln!(out, "pub const {name}: [f32; 2] = [{a:.3}, {b:.3}];")?;
    }
    for (i, (name, c)) in score::CONFIDENCE_NAMES.iter().zip(all).enumerate() {
        if Some(i) == chinese && !has_chinese(i) {
            let kept = score::CONFIDENCE_MODEL[i];
            writeln!(
                out,
                "pub const {name}: f32 = {kept:.3}; // kept: no Chinese \
                 title in this file"
            )?;
        } else {
            writeln!(out, "pub const {name}: f32 = {c:.3};")?;
        }
    }
    out.flush()?;
    Ok(())
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
        .rows;
        let e = check_label_version(&rows, "noc2016", noc::NocVersion::V2021)
            .unwrap_err()
            .to_string();
        assert!(e.contains("--version 2016"), "{e}");
        assert!(check_label_version(&rows, "noc2016", noc::NocVersion::V2016)
            .is_ok());
    }
}
