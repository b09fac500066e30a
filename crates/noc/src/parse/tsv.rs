//! The tab-separated tables of our own data (`data/zh/*.tsv`,
//! `data/duties/synonyms.tsv`): blank lines and `#` comments skipped, a
//! header naming the columns, then rows of exactly that many fields.
//! Each table's reader checks its fields; the framing and its errors
//! (file and line) are the same for all.

use std::path::Path;

use crate::error::{Error, Position, Result};

/// One row of a table: its line in the file (from 1) and its fields.
pub(crate) struct TsvRow<'a, const N: usize> {
    pub(crate) line: usize,
    pub(crate) fields: [&'a str; N],
}

/// An error at `line` of `file`.
pub(crate) fn error(file: &str, line: usize, msg: String) -> Error {
    Error::syntax(Position::line(line as u64), msg).with_path(Path::new(file))
}

/// The rows of `text` under the header `columns`; `file` names the
/// source in errors.
pub(crate) fn rows<'a, const N: usize>(
    text: &'a str,
    file: &str,
    columns: [&str; N],
) -> Result<Vec<TsvRow<'a, N>>> {
    let header = columns.join("<TAB>");
    let mut rows = vec![];
    let mut seen_header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !seen_header {
            if fields != columns {
                return Err(error(
                    file,
                    i + 1,
                    format!(
                        "expected the header \"{header}\", found {line:?}"
                    ),
                ));
            }
            seen_header = true;
            continue;
        }
        let Ok(fields) = <[&str; N]>::try_from(fields.as_slice()) else {
            return Err(error(
                file,
                i + 1,
                format!(
                    "expected {} tab-separated fields ({}), found {}",
                    N,
                    columns.join(", "),
                    fields.len()
                ),
            ));
        };
        rows.push(TsvRow { line: i + 1, fields });
    }
    if !seen_header {
        return Err(error(
            file,
            1,
            format!("expected the header \"{header}\"; the file is empty"),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_and_bad_framing_names_its_line() {
        let text = "# ours\r\na\tb\r\n\r\n1\t2\r\n# x\n3\t4\n";
        let rows = rows(text, "t.tsv", ["a", "b"]).unwrap();
        let got: Vec<(usize, [&str; 2])> =
            rows.into_iter().map(|r| (r.line, r.fields)).collect();
        assert_eq!(got, [(4, ["1", "2"]), (6, ["3", "4"])]);
        let err = |t: &str| {
            super::rows(t, "t.tsv", ["a", "b"]).err().unwrap().to_string()
        };
        assert_eq!(
            err("a\tc\n"),
            "t.tsv: line 1: expected the header \"a<TAB>b\", found \"a\\tc\""
        );
        assert_eq!(
            err("a\tb\n1\n"),
            "t.tsv: line 2: expected 2 tab-separated fields (a, b), found 1"
        );
        assert_eq!(
            err("# only\n"),
            "t.tsv: line 1: expected the header \"a<TAB>b\"; the file is empty"
        );
    }
}
