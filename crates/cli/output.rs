//! Terminal output helpers: a buffered stdout, wrapping, JSON lines.

use std::io::{self, IsTerminal, Write};

/// Buffered, locked stdout. Write errors (a closed pipe) propagate.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::new(io::stdout().lock())
}

/// The width to wrap text to: the terminal's when stdout is one, else 79.
pub fn width() -> usize {
    if io::stdout().is_terminal() {
        if let Some(cols) =
            std::env::var("COLUMNS").ok().and_then(|c| c.parse::<usize>().ok())
        {
            return cols.clamp(40, 120);
        }
    }
    79
}

/// Writes `text` wrapped to `width`, each line indented by `indent`, the
/// first line starting with `first` (a bullet) in place of the indent.
pub fn wrapped(
    out: &mut impl Write,
    text: &str,
    indent: &str,
    first: &str,
    width: usize,
) -> io::Result<()> {
    let opts = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(indent);
    for line in textwrap::wrap(text, opts) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Writes one value as a line of JSON.
pub fn json_line<T: serde::Serialize>(
    out: &mut impl Write,
    value: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The output format: `--json`, else `--format`, else by the `--output`
/// file's extension (`.csv`, `.jsonl`), else a table.
pub fn format(
    json: bool,
    format: Option<crate::args::FormatArg>,
    output: Option<&std::path::Path>,
) -> crate::args::FormatArg {
    use crate::args::FormatArg;
    if json {
        return FormatArg::Json;
    }
    if let Some(f) = format {
        return f;
    }
    let ext = output
        .and_then(std::path::Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => FormatArg::Csv,
        Some("jsonl" | "json" | "ndjson") => FormatArg::Json,
        _ => FormatArg::Table,
    }
}

/// Standard output, or the file of `--output`.
pub fn sink(
    path: Option<&std::path::Path>,
) -> anyhow::Result<Box<dyn std::io::Write>> {
    use anyhow::Context;
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(stdout()),
    })
}

/// `TEER 2` for NOC 2021, `skill type 4, level B` for NOC 2011/2016
/// (management, skill type 0, has no level).
pub fn skill_tag(
    teer: Option<u8>,
    skill_type: Option<u8>,
    skill_level: Option<char>,
) -> Option<String> {
    match (teer, skill_type, skill_level) {
        (Some(t), _, _) => Some(format!("TEER {t}")),
        (None, Some(st), Some(l)) => {
            Some(format!("skill type {st}, level {l}"))
        }
        (None, Some(st), None) => Some(format!("skill type {st}")),
        _ => None,
    }
}
