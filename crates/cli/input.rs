//! Reading batch inputs (titles, codes): arguments, a CSV column, or one
//! per line from standard input. A bad row becomes an error row, never a
//! dropped one.

use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;

/// One input title, or the reason there is none.
pub struct Row {
    /// 1-based line of the input (or position among the arguments).
    pub line: u64,
    pub title: Result<String, String>,
}

/// The inputs: arguments, else a CSV column, else stdin lines, all read
/// at once (for the commands whose inputs are small: codes).
pub fn read_rows(
    args: &[String],
    input: Option<&Path>,
    column: Option<&str>,
) -> anyhow::Result<Vec<Row>> {
    let mut source = open_rows(args, input, column)?;
    let mut rows = vec![];
    while let Some(chunk) = source.next_chunk(usize::MAX, None)? {
        rows.extend(chunk);
    }
    Ok(rows)
}

/// The inputs as they come: arguments, else a CSV column (`--input -`
/// for standard input), else standard input, one title per line.
pub fn open_rows(
    args: &[String],
    input: Option<&Path>,
    column: Option<&str>,
) -> anyhow::Result<Rows> {
    let stdin_named = input.is_some_and(|p| p == Path::new("-"));
    if input.is_some() && !args.is_empty() {
        anyhow::bail!("give inputs as arguments or with --input, not both");
    }
    if let Some(path) = input.filter(|_| !stdin_named) {
        let column = column.with_context(|| {
            format!("--input {} needs --column NAME", path.display())
        })?;
        return Ok(Rows::Ready(read_csv_column(path, column)?.into()));
    }
    if !args.is_empty() {
        return Ok(Rows::Ready(
            args.iter()
                .enumerate()
                .map(|(i, t)| Row { line: i as u64 + 1, title: check(t) })
                .collect(),
        ));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() && !stdin_named {
        anyhow::bail!(
            "no title given: pass titles as arguments, --input FILE.csv \
             --column NAME, or pipe one title per line (--input - reads \
             them as you type)"
        );
    }
    if let Some(column) = column {
        // A CSV column on standard input: read it whole, like a file.
        return Ok(Rows::Ready(
            read_csv(std::io::stdin(), Path::new("<stdin>"), column)?.into(),
        ));
    }
    Ok(Rows::Stream(stream_lines()))
}

/// Where [`Rows`] come from.
pub enum Rows {
    /// Everything, read already.
    Ready(std::collections::VecDeque<Row>),
    /// Standard input lines, sent by a reading thread as they arrive.
    Stream(std::sync::mpsc::Receiver<anyhow::Result<Row>>),
}

impl Rows {
    /// The next rows, at most `max`; from a stream, those that arrive
    /// within `wait` of the first (without a `wait`, until the end).
    /// `None` at the end of the input.
    pub fn next_chunk(
        &mut self,
        max: usize,
        wait: Option<Duration>,
    ) -> anyhow::Result<Option<Vec<Row>>> {
        match self {
            Rows::Ready(rows) => {
                if rows.is_empty() {
                    return Ok(None);
                }
                let n = max.min(rows.len());
                Ok(Some(rows.drain(..n).collect()))
            }
            Rows::Stream(rx) => {
                // Block for the first row, then take what comes until
                // the deadline: a slow or interactive input is answered
                // line by line, a fast one in large chunks.
                let Ok(first) = rx.recv() else { return Ok(None) };
                let mut chunk = vec![first?];
                let deadline = wait.map(|w| Instant::now() + w);
                while chunk.len() < max {
                    let next = match deadline {
                        None => rx.recv().ok(),
                        Some(d) => {
                            let left =
                                d.saturating_duration_since(Instant::now());
                            rx.recv_timeout(left).ok()
                        }
                    };
                    match next {
                        Some(row) => chunk.push(row?),
                        None => break,
                    }
                }
                Ok(Some(chunk))
            }
        }
    }

    /// How many rows there are, when known in advance.
    pub fn len_hint(&self) -> Option<usize> {
        match self {
            Rows::Ready(rows) => Some(rows.len()),
            Rows::Stream(_) => None,
        }
    }
}

/// Rows queued between the reading thread and the matcher: enough for
/// two chunks of work, so that memory stays flat on a long input.
const QUEUE: usize = 1 << 15;

/// Reads standard input on a thread of its own, one row per line: a byte
/// order mark at the start is dropped, and blank lines at the end are
/// not rows (see: issue 11).
fn stream_lines() -> std::sync::mpsc::Receiver<anyhow::Result<Row>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(QUEUE);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let lines = stdin.lock().split(b'\n');
        for row in line_rows(lines) {
            let stop = row.is_err();
            if tx.send(row).is_err() || stop {
                break;
            }
        }
    });
    rx
}

/// Lines as rows, numbered from 1; blank lines are held back until a
/// title follows them, so that those at the end are dropped.
fn line_rows(
    lines: impl Iterator<Item = std::io::Result<Vec<u8>>>,
) -> impl Iterator<Item = anyhow::Result<Row>> {
    let mut blank: Vec<Row> = vec![];
    let mut lines = lines.enumerate();
    let mut pending = std::collections::VecDeque::new();
    std::iter::from_fn(move || loop {
        if let Some(row) = pending.pop_front() {
            return Some(row);
        }
        let (i, line) = lines.next()?;
        let mut bytes = match line {
            Ok(b) => b,
            Err(e) => {
                return Some(Err(
                    anyhow::Error::new(e).context("reading standard input")
                ))
            }
        };
        if i == 0 && bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.drain(..3);
        }
        let is_blank =
            std::str::from_utf8(&bytes).is_ok_and(|s| s.trim().is_empty());
        let row = line_row(i as u64 + 1, bytes);
        if is_blank {
            blank.push(row);
            continue;
        }
        pending.extend(blank.drain(..).map(Ok));
        pending.push_back(Ok(row));
    })
}

fn line_row(line_no: u64, bytes: Vec<u8>) -> Row {
    let title = match String::from_utf8(bytes) {
        Ok(s) => check(s.trim_end_matches('\r')),
        Err(_) => Err("expected UTF-8 text".to_string()),
    }
    .map_err(|e| format!("<stdin>: line {line_no}: {e}"));
    Row { line: line_no, title }
}

fn check(title: &str) -> Result<String, String> {
    match noc::matcher::title_problem(title) {
        Some(problem) => Err(problem.into()),
        None => Ok(title.trim().to_string()),
    }
}

fn read_csv_column(path: &Path, column: &str) -> anyhow::Result<Vec<Row>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    read_csv(file, path, column)
}

fn read_csv(
    file: impl std::io::Read,
    path: &Path,
    column: &str,
) -> anyhow::Result<Vec<Row>> {
    let (file, lines) = noc::parse::lines::LineCounter::new(file);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let headers = rdr
        .byte_headers()
        .with_context(|| format!("{}: reading the header", path.display()))?
        .clone();
    if let Some(why) = noc::parse::lines::not_a_csv(&headers) {
        anyhow::bail!("{}: line 1: {why}", path.display());
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Vec<(u64, Result<String, String>)> {
        line_rows(
            input
                .split_inclusive(|b| *b == b'\n')
                .map(|l| Ok(l.strip_suffix(b"\n").unwrap_or(l).to_vec())),
        )
        .map(|r| r.map(|r| (r.line, r.title)).unwrap())
        .collect()
    }

    /// See: issue 11 (a trailing blank line was a bad row, a BOM part of
    /// the first title).
    #[test]
    fn stdin_lines_drop_a_bom_and_trailing_blank_lines() {
        let got = rows(b"\xef\xbb\xbfnurse\r\n\nwelder\n\n \r\n");
        assert_eq!(
            got,
            [
                (1, Ok("nurse".to_string())),
                (2, Err("<stdin>: line 2: empty title".to_string())),
                (3, Ok("welder".to_string())),
            ]
        );
        assert_eq!(rows(b"\n\n"), []);
    }
}
