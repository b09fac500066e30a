//! The duty synonym table (`data/duties/synonyms.tsv`): general work
//! words that a client writes where the NOC uses another word for the
//! same act or object (`fix` for `repair`, `confer` for `consult`,
//! `attorney` for `lawyer`), and British spellings of the NOC's words.
//!
//! Our own work, written by hand from general English and the NOC's
//! duty wording, never from labelled data. Duty alignment reads each
//! word through it, on both sides ([`super::duty_keys`]), so a client
//! word meets the NOC's.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::Result;
use crate::model::Lang;
use crate::parse::tsv;

/// The table as compiled in.
pub const SYNONYMS_TSV: &str =
    include_str!("../../../../data/duties/synonyms.tsv");

/// Where the table comes from, for errors.
const FILE: &str = "data/duties/synonyms.tsv";

/// One row of the table: the client's words (a word and the forms of it
/// that the duty reader keeps apart) and the NOC's word for the same
/// thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynonymRow {
    /// The line of the row in its file, from 1.
    pub line: usize,
    /// The client's words.
    pub words: Vec<String>,
    /// The NOC's word.
    pub noc: String,
}

/// Parses the table's text: `#` comments, a header line
/// `words<TAB>noc`, then one row per line, the words separated by `|`.
/// `file` names the source in errors.
///
/// # Example
/// ```
/// use noc::describe::parse_synonyms;
/// let rows = parse_synonyms("words\tnoc\nfix|fixing\trepair\n", "t.tsv");
/// let rows = rows.unwrap();
/// assert_eq!(rows[0].words, ["fix", "fixing"]);
/// assert_eq!(rows[0].noc, "repair");
/// let err = parse_synonyms("words\tnoc\nfix\n", "t.tsv").unwrap_err();
/// assert!(err.to_string().contains("t.tsv: line 2"));
/// ```
pub fn parse_synonyms(text: &str, file: &str) -> Result<Vec<SynonymRow>> {
    let mut rows = vec![];
    for row in tsv::rows(text, file, ["words", "noc"])? {
        let err = |msg: String| tsv::error(file, row.line, msg);
        let [words, noc] = row.fields;
        let word = |w: &str| {
            !w.is_empty()
                && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        };
        let words: Vec<String> =
            words.split('|').map(|w| w.trim().to_string()).collect();
        let noc = noc.trim();
        if !words.iter().all(|w| word(w)) || !word(noc) {
            return Err(err(format!(
                "expected lower-case English words, \"|\" between the \
                 client's, found {:?}",
                row.fields.join("\t")
            )));
        }
        rows.push(SynonymRow { line: row.line, words, noc: noc.to_string() });
    }
    Ok(rows)
}

/// The rows of the compiled-in table.
pub fn synonym_rows() -> Vec<SynonymRow> {
    // The file is fixed at compile time and parsed by a test, so a
    // failure here is a build defect, not a user error.
    parse_synonyms(SYNONYMS_TSV, FILE).unwrap_or_default()
}

/// The duty key of one word ([`super::duty_key`]), if the duty reader
/// makes exactly one key of it.
pub(crate) fn key_of(word: &str) -> Option<String> {
    match &super::analyze_duty(word, Some(Lang::En))[..] {
        [t] => Some(super::duty_key(t).to_string()),
        _ => None,
    }
}

/// The table read for matching: each client word's duty key to the
/// NOC word's duty key and the NOC word as the normaliser writes it (its
/// profile term).
#[derive(Debug, Default)]
struct Table {
    by_key: HashMap<String, (String, String)>,
    /// The first three letters of every client word's key, and of the
    /// irregular pasts of its words (`bought` for `buy`), one bit per
    /// triple (`aaa` to `zzz`): most terms of a duty fail this test,
    /// which costs less than finding their key (a key starts as its
    /// word does, but for an irregular past: the present tense of a
    /// regular past and the word root only cut endings).
    starts: Vec<u64>,
}

/// How many three-letter starts there are.
const STARTS: usize = 26 * 26 * 26;

impl Table {
    /// The number of the first three letters of `word`, if all three
    /// are `a`–`z`.
    fn start(word: &str) -> Option<usize> {
        let n = |c: u8| (c - b'a') as usize;
        match word.as_bytes() {
            [a @ b'a'..=b'z', b @ b'a'..=b'z', c @ b'a'..=b'z', ..] => {
                Some(n(*a) * 676 + n(*b) * 26 + n(*c))
            }
            _ => None,
        }
    }

    /// Whether `word` may be a client word, or its duty key a client
    /// word's key.
    fn may_hold(&self, word: &str) -> bool {
        match Table::start(word) {
            Some(i) => self.starts[i / 64] & (1 << (i % 64)) != 0,
            // Shorter words are rare enough to look up.
            None => word.len() < 3,
        }
    }
}

/// The table, built once.
fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut by_key = HashMap::new();
        for row in synonym_rows() {
            let a = super::analyze_duty(&row.noc, Some(Lang::En));
            let [t] = &a[..] else { continue };
            let noc = (super::duty_key(t).to_string(), t.clone());
            for w in &row.words {
                if let Some(k) = key_of(w).filter(|k| *k != noc.0) {
                    by_key.insert(k, noc.clone());
                }
            }
        }
        let mut starts = vec![0u64; STARTS.div_ceil(64)];
        let pasts = super::IRREGULAR_PAST.iter().filter(|(_, present)| {
            by_key.contains_key(super::duty_key(present))
        });
        let words = by_key.keys().map(String::as_str);
        for i in
            words.chain(pasts.map(|(past, _)| *past)).filter_map(Table::start)
        {
            starts[i / 64] |= 1 << (i % 64);
        }
        Table { by_key, starts }
    })
}

/// The NOC's key for duty key `key`: its synonym's, else itself.
pub(crate) fn canonical(key: &str) -> &str {
    let t = table();
    if !t.may_hold(key) {
        return key;
    }
    match t.by_key.get(key) {
        Some((noc, _)) => noc,
        None => key,
    }
}

/// The NOC's word, as the normaliser writes it, for the client's term
/// `term` (a term of [`super::analyze_duty`]), if the table has one.
pub(crate) fn noc_word(term: &str) -> Option<&'static str> {
    let t = table();
    if !t.may_hold(term) {
        return None;
    }
    t.by_key.get(super::duty_key(term)).map(|(_, w)| w.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_has_one_key_per_word() {
        let rows = parse_synonyms(SYNONYMS_TSV, FILE).unwrap();
        assert!(rows.len() >= 80, "{}", rows.len());
        let mut problems = vec![];
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut targets = std::collections::HashSet::new();
        for r in &rows {
            let Some(noc) = key_of(&r.noc) else {
                problems.push(format!(
                    "line {}: {} is not one key",
                    r.line, r.noc
                ));
                continue;
            };
            targets.insert(noc.clone());
            for w in &r.words {
                let Some(k) = key_of(w) else {
                    problems
                        .push(format!("line {}: {w} is not one key", r.line));
                    continue;
                };
                // Each form adds a key: none repeats another's, and none
                // is already the NOC word's.
                if k == noc {
                    problems.push(format!(
                        "line {}: {w} is already {noc}",
                        r.line
                    ));
                }
                if let Some(before) = seen.insert(k.clone(), r.line) {
                    problems.push(format!(
                        "line {}: {w} ({k}) is on line {before}",
                        r.line
                    ));
                }
            }
        }
        // No chains or cycles: a NOC word is never a client word.
        for (k, line) in &seen {
            if targets.contains(k) {
                problems.push(format!("line {line}: {k} is a NOC word"));
            }
        }
        // The quick test lets every client word's key through.
        let t = table();
        for k in t.by_key.keys() {
            if !t.may_hold(k) {
                problems.push(format!("{k} fails the quick test"));
            }
        }
        problems.sort();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        let err =
            |t: &str| parse_synonyms(t, "s.tsv").unwrap_err().to_string();
        insta::assert_snapshot!(
            err("word\tnoc\n"),
            @r#"s.tsv: line 1: expected the header "words<TAB>noc", found "word\tnoc""#
        );
        insta::assert_snapshot!(
            err("words\tnoc\n# x\nfix\trepair\tmore\n"),
            @"s.tsv: line 3: expected 2 tab-separated fields (words, noc), found 3"
        );
        insta::assert_snapshot!(
            err("words\tnoc\nFix\trepair\n"),
            @r#"s.tsv: line 2: expected lower-case English words, "|" between the client's, found "Fix\trepair""#
        );
        assert!(err("").contains("the file is empty"));
    }
}
