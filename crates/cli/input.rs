//! Reading batch inputs (titles, codes): arguments, a CSV column, or one
//! per line from standard input. A bad row becomes an error row, never a
//! dropped one.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use anyhow::Context;

/// One input title, or the reason there is none.
pub struct Row {
    /// 1-based line of the input (or position among the arguments).
    pub line: u64,
    pub title: Result<String, String>,
}

/// The inputs: arguments, else a CSV column, else stdin lines.
pub fn read_rows(
    args: &[String],
    input: Option<&Path>,
    column: Option<&str>,
) -> anyhow::Result<Vec<Row>> {
    if let Some(path) = input {
        if !args.is_empty() {
            anyhow::bail!(
                "give inputs as arguments or with --input, not both"
            );
        }
        return read_csv_column(path, column.unwrap_or(""));
    }
    if !args.is_empty() {
        return Ok(args
            .iter()
            .enumerate()
            .map(|(i, t)| Row { line: i as u64 + 1, title: check(t) })
            .collect());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        anyhow::bail!(
            "no title given: pass titles as arguments, --input FILE.csv \
             --column NAME, or pipe one title per line"
        );
    }
    let mut rows = vec![];
    for (i, line) in stdin.lock().split(b'\n').enumerate() {
        let bytes = line.context("reading standard input")?;
        let line_no = i as u64 + 1;
        let title = match String::from_utf8(bytes) {
            Ok(s) => check(s.trim_end_matches('\r')),
            Err(_) => {
                Err(format!("<stdin>: line {line_no}: expected UTF-8 text"))
            }
        }
        .map_err(|e| {
            if e.starts_with("<stdin>") {
                e
            } else {
                format!("<stdin>: line {line_no}: {e}")
            }
        });
        rows.push(Row { line: line_no, title });
    }
    Ok(rows)
}

fn check(title: &str) -> Result<String, String> {
    let t = title.trim();
    if t.is_empty() {
        Err("empty title".into())
    } else {
        Ok(t.to_string())
    }
}

fn read_csv_column(path: &Path, column: &str) -> anyhow::Result<Vec<Row>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let (file, lines) = noc::parse::lines::LineCounter::new(file);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let headers = rdr
        .byte_headers()
        .with_context(|| format!("{}: reading the header", path.display()))?
        .clone();
    let idx = headers
        .iter()
        .position(|h| {
            String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim()
                == column
        })
        .with_context(|| {
            format!(
                "{}: line 1: no column {column:?}; the columns are {}",
                path.display(),
                headers
                    .iter()
                    .map(|h| String::from_utf8_lossy(h).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    let mut rows = vec![];
    let mut record = csv::ByteRecord::new();
    loop {
        let line = lines.line(rdr.position());
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| lines.line(p));
                let title = match record.get(idx) {
                    None => Err(format!(
                        "expected a field {column:?} (column {}), found {} \
                         fields",
                        idx + 1,
                        record.len()
                    )),
                    Some(bytes) => match std::str::from_utf8(bytes) {
                        Ok(s) => check(s),
                        Err(_) => Err("expected UTF-8 text".to_string()),
                    },
                };
                rows.push(Row {
                    line,
                    title: title.map_err(|e| {
                        format!("{}: line {line}: {e}", path.display())
                    }),
                });
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| lines.line(p));
                rows.push(Row {
                    line,
                    title: Err(format!(
                        "{}: line {line}: {e}",
                        path.display()
                    )),
                });
                if e.is_io_error() {
                    break;
                }
            }
        }
    }
    Ok(rows)
}
