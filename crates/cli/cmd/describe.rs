//! `noc match --duties FILE` and `noc match --input F --duties-column C`:
//! descriptions of work (title, duties, industry) to ranked unit groups.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use noc::describe::Description;
use noc::matcher::Config;

use super::matching::Run;
use crate::args::MatchArgs;
use crate::input::Row;
use crate::Outcome;

/// Called by `noc match` (`matching::run`), which has checked the
/// arguments both share.
pub fn run(args: MatchArgs) -> anyhow::Result<Outcome> {
    if args.explain {
        eprintln!(
            "noc: --explain: descriptions carry their duty evidence \
             (duties explained, best NOC duty) instead; `noc check CODE \
             --duties FILE` shows it duty by duty"
        );
    }
    let rows: Vec<(Row, Option<Description>)> = match &args.duties {
        Some(path) => {
            if args.titles.len() > 1 {
                anyhow::bail!(
                    "--duties describes one job: give at most one title"
                );
            }
            let title = args.titles.first().map(String::as_str);
            let d = read_description(path, title)?;
            if d.left_out > 0 {
                eprintln!(
                    "noc: {}",
                    noc::describe::check::left_out_note(d.left_out)
                );
            }
            if !d.set_aside.is_empty() {
                // Nothing silently lost: say what was not read as duties.
                eprintln!(
                    "noc: {} duties read; {} pieces set aside as letter \
                     text (letterhead, dates, hours, signature; `noc check` \
                     lists them)",
                    d.duties.len(),
                    d.set_aside.len()
                );
            }
            let query = d
                .title
                .clone()
                .or_else(|| d.duties.first().cloned())
                .unwrap_or_default();
            vec![(Row { line: 1, title: Ok(query) }, Some(d))]
        }
        None => read_csv(&args)?,
    };
    let run = Run::set_up(&args, Config::DEFAULT)?;
    let matcher = run.matcher;
    let mut out = run.sink(&args, true)?;
    let good: Vec<Description> =
        rows.iter().filter_map(|(_, d)| d.clone()).collect();
    let threads = super::threads(args.threads);
    let mut results = matcher.match_descriptions(&good, threads).into_iter();
    let (mut matched, mut errors) = (0usize, 0usize);
    for (row, d) in &rows {
        let m = match d {
            Some(_) => results.next(),
            None => None,
        };
        let m = m.unwrap_or_else(|| noc::matcher::Match {
            query: String::new(),
            lang: None,
            translation: None,
            candidates: vec![],
        });
        if let Err(e) = &row.title {
            errors += 1;
            eprintln!("noc: {e}");
        } else if !m.candidates.is_empty() {
            matched += 1;
        }
        out.write(row, &m, args.min_score)?;
    }
    out.finish()?;
    if rows.len() > 1 {
        eprintln!(
            "noc: {} descriptions: {matched} matched, {errors} bad rows",
            rows.len()
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

/// Reads the duties file (`-`: standard input) into a description.
pub fn read_description(
    path: &Path,
    title: Option<&str>,
) -> anyhow::Result<Description> {
    let limit = noc::describe::MAX_DESCRIPTION_BYTES as u64 + 1;
    let mut bytes = vec![];
    let name = if path == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
        "<stdin>".to_string()
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .with_context(|| format!("reading {}", path.display()))?;
        path.display().to_string()
    };
    Description::from_bytes(title, &bytes, None)
        .with_context(|| format!("{name}: reading the duties"))
}

/// Reads descriptions from the columns of a CSV file: a bad row becomes an
/// error row.
fn read_csv(
    args: &MatchArgs,
) -> anyhow::Result<Vec<(Row, Option<Description>)>> {
    let path =
        args.input.as_deref().context("--duties-column needs --input")?;
    if !args.titles.is_empty() {
        anyhow::bail!("give inputs as arguments or with --input, not both");
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    // Lines are counted beside the reader: the csv crate's own count is
    // off with CRLF line ends.
    let (mut rdr, lines, headers) = noc::parse::lines::csv_with_lines(file)
        .with_context(|| format!("{}: reading the header", path.display()))?;
    let find = |name: &str| -> anyhow::Result<usize> {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
            .with_context(|| {
                format!(
                    "{}: line 1: no column {name:?}; the columns are {}",
                    path.display(),
                    headers.iter().collect::<Vec<_>>().join(", ")
                )
            })
    };
    let title = args.column.as_deref().map(find).transpose()?;
    let duties = find(args.duties_column.as_deref().unwrap_or(""))?;
    let industry = args.industry_column.as_deref().map(find).transpose()?;
    let mut rows = vec![];
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line(p));
                rows.push((
                    Row {
                        line,
                        title: Err(format!(
                            "{}: line {line}: {e}",
                            path.display()
                        )),
                    },
                    None,
                ));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| lines.line(p));
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i));
        let duty_text = get(Some(duties)).unwrap_or("");
        let titled = get(title).is_some_and(|t| !t.trim().is_empty());
        // A row with a title and no duties is matched on its title, as a
        // description without duties is.
        let result: Result<Description, String> =
            if duty_text.trim().is_empty() {
                if titled {
                    Ok(Description::new(get(title), "", get(industry)))
                } else {
                    Err(format!(
                        "line {line}: neither a title nor duties; expected a \
                     title or duty statements"
                    ))
                }
            } else {
                Description::from_bytes(
                    get(title),
                    duty_text.as_bytes(),
                    get(industry),
                )
                .map_err(|e| match e.kind() {
                    // A line within the duties cell is a line of the file (the
                    // cell starts on the row's first line).
                    noc::ErrorKind::Description { msg, line: Some(l) } => {
                        format!("line {}: {msg}", line + *l as u64 - 1)
                    }
                    _ => format!("line {line}: {e}"),
                })
            };
        match result {
            Ok(d) => {
                let query = d
                    .title
                    .clone()
                    .or_else(|| d.duties.first().cloned())
                    .unwrap_or_default();
                rows.push((Row { line, title: Ok(query) }, Some(d)));
            }
            Err(msg) => rows.push((
                Row { line, title: Err(format!("{}: {msg}", path.display())) },
                None,
            )),
        }
    }
    Ok(rows)
}
