//! The Chinese→English occupational lexicon (`data/zh/lexicon.tsv`).

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::parse::tsv;

/// What a Chinese word is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordKind {
    /// A job noun or job title (`会计`, `焊工`).
    Occupation,
    /// A field, industry, object or modifier (`软件`, `仓库`).
    Field,
    /// A verb or object of duty statements (`协助`, `个案`).
    Duty,
    /// Seniority, contract or posting words that name no occupation
    /// (`高级`, `兼职`): dropped from queries, like `senior`.
    Noise,
    /// Grammatical and filler words (`的`, `和`): always dropped.
    Function,
}

impl WordKind {
    fn parse(s: &str) -> Option<WordKind> {
        Some(match s {
            "occupation" => WordKind::Occupation,
            "field" => WordKind::Field,
            "duty" => WordKind::Duty,
            "noise" => WordKind::Noise,
            "function" => WordKind::Function,
            _ => return None,
        })
    }

    /// Whether words of this kind are dropped (always, or from queries).
    pub fn is_dropped(self) -> bool {
        matches!(self, WordKind::Noise | WordKind::Function)
    }
}

/// One word of the lexicon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LexiconEntry {
    /// The word, in simplified script.
    pub zh: String,
    /// Its English renderings, the preferred first; empty for dropped
    /// words.
    pub en: Vec<String>,
    /// What the word is for.
    pub kind: WordKind,
}

/// The lexicon: Chinese words with their English renderings.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: Vec<LexiconEntry>,
    by_zh: HashMap<String, usize>,
    longest: usize,
}

impl Lexicon {
    /// Parses the lexicon's TSV text: `#` comments, a header line
    /// `zh<TAB>en<TAB>kind`, then one word per line. `file` names the
    /// source in errors.
    ///
    /// # Example
    /// ```
    /// use noc::zh::{Lexicon, WordKind};
    /// let text = "zh\ten\tkind\n会计\taccountant|accounting\toccupation\n";
    /// let lex = Lexicon::parse(text, "lexicon.tsv").unwrap();
    /// let e = lex.get("会计").unwrap();
    /// assert_eq!(e.en, ["accountant", "accounting"]);
    /// assert_eq!(e.kind, WordKind::Occupation);
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for row in tsv::rows(text, file, ["zh", "en", "kind"])? {
            let err = |msg: String| tsv::error(file, row.line, msg);
            let [zh, en, kind] = row.fields;
            let zh = zh.trim();
            if zh.is_empty() || !zh.chars().any(super::is_han) {
                return Err(err(format!(
                    "expected a Chinese word in the first field, found \
                     {zh:?}"
                )));
            }
            let Some(kind) = WordKind::parse(kind.trim()) else {
                return Err(err(format!(
                    "unknown kind {kind:?}; expected occupation, field, \
                     duty, noise or function"
                )));
            };
            let en: Vec<String> = if en.trim() == "-" {
                vec![]
            } else {
                en.split('|')
                    .map(|a| a.trim().to_lowercase())
                    .filter(|a| !a.is_empty())
                    .collect()
            };
            if en.is_empty() && !kind.is_dropped() {
                return Err(err(format!(
                    "{zh}: a word that is kept needs an English rendering"
                )));
            }
            if lex.by_zh.contains_key(zh) {
                return Err(err(format!("{zh}: the word is listed twice")));
            }
            lex.longest = lex.longest.max(zh.chars().count());
            lex.by_zh.insert(zh.to_string(), lex.entries.len());
            lex.entries.push(LexiconEntry { zh: zh.to_string(), en, kind });
        }
        Ok(lex)
    }

    /// The entry of a word.
    pub fn get(&self, zh: &str) -> Option<&LexiconEntry> {
        self.by_zh.get(zh).map(|&i| &self.entries[i])
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[LexiconEntry] {
        &self.entries
    }

    /// The number of characters of the longest word.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Splits a run of Chinese characters into known words: the split
    /// with the fewest pieces, where a character no word covers counts
    /// as three pieces (so known words are preferred). Uncovered
    /// characters come back together as `None` runs.
    pub fn split_known<'a>(
        &self,
        run: &'a str,
    ) -> Vec<(&'a str, Option<&LexiconEntry>)> {
        self.split_known_shorter(run, self.longest)
    }

    /// [`Lexicon::split_known`] with words of at most `max` characters.
    pub fn split_known_shorter<'a>(
        &self,
        run: &'a str,
        max: usize,
    ) -> Vec<(&'a str, Option<&LexiconEntry>)> {
        const UNKNOWN_COST: u32 = 3;
        let idx: Vec<usize> = run
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(run.len()))
            .collect();
        let n = idx.len() - 1;
        // best[i]: (cost of run[i..], length of the first piece, known)
        let mut best = vec![(0u32, 0usize, false); n + 1];
        for i in (0..n).rev() {
            let mut b = (UNKNOWN_COST + best[i + 1].0, 1, false);
            for len in 1..=max.min(n - i) {
                if self.get(&run[idx[i]..idx[i + len]]).is_some() {
                    let c = 1 + best[i + len].0;
                    if c < b.0 || (c == b.0 && len > b.1) {
                        b = (c, len, true);
                    }
                }
            }
            best[i] = b;
        }
        let mut out: Vec<(&'a str, Option<&LexiconEntry>)> = vec![];
        let mut i = 0;
        let mut unknown_from: Option<usize> = None;
        while i < n {
            let (_, len, known) = best[i];
            if known {
                if let Some(u) = unknown_from.take() {
                    out.push((&run[idx[u]..idx[i]], None));
                }
                let w = &run[idx[i]..idx[i + len]];
                out.push((w, self.get(w)));
            } else {
                unknown_from.get_or_insert(i);
            }
            i += len;
        }
        if let Some(u) = unknown_from {
            out.push((&run[idx[u]..], None));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# a comment\nzh\ten\tkind\n\
        会计\taccountant|accounting\toccupation\n\
        会计师\taccountant\toccupation\n\
        高级\t-\tnoise\n\
        软件\tsoftware\tfield\n";

    #[test]
    fn parses_entries_and_kinds() {
        let lex = Lexicon::parse(SAMPLE, "lex.tsv").unwrap();
        assert_eq!(lex.entries().len(), 4);
        assert_eq!(lex.get("高级").unwrap().kind, WordKind::Noise);
        assert!(lex.get("高级").unwrap().en.is_empty());
        assert_eq!(lex.longest(), 3);
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = "zh\ten\tkind\n会计\taccountant\tjob\n";
        let e = Lexicon::parse(bad, "data/zh/lexicon.tsv").unwrap_err();
        insta::assert_snapshot!(e, @r#"data/zh/lexicon.tsv: line 2: unknown kind "job"; expected occupation, field, duty, noise or function"#);
        let e = Lexicon::parse("zh\ten\n", "x.tsv").unwrap_err();
        assert!(e.to_string().starts_with("x.tsv: line 1: expected the"));
        let twice = "zh\ten\tkind\n会计\ta\toccupation\n会计\tb\toccupation\n";
        let e = Lexicon::parse(twice, "x.tsv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv: line 3: 会计: the word is listed twice"
        );
        let e = Lexicon::parse("zh\ten\tkind\n软件\t-\tfield\n", "x.tsv")
            .unwrap_err();
        assert!(e.to_string().contains("needs an English rendering"));
        assert!(Lexicon::parse("", "x.tsv").is_err());
    }

    #[test]
    fn split_known_prefers_long_words() {
        let lex = Lexicon::parse(SAMPLE, "lex.tsv").unwrap();
        let parts: Vec<(&str, bool)> = lex
            .split_known("高级会计师软件x")
            .into_iter()
            .map(|(w, e)| (w, e.is_some()))
            .collect();
        assert_eq!(
            parts,
            [("高级", true), ("会计师", true), ("软件", true), ("x", false)]
        );
    }
}
