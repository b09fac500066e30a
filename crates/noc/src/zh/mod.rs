//! Chinese: traditional script folded to simplified, words cut by a
//! segmenter, and the project's own Chinese data.
//!
//! Two data files under `data/` are our own, unofficial work, compiled in
//! and kept apart from the official English and French text (every output
//! that shows them says so, see [`PROVENANCE`]):
//!
//! - `data/zh/noc2021_names.tsv` ([`Names`]): a Chinese title for each of
//!   the 822 NOC 2021 classes and, for each unit group, the job titles
//!   Chinese speakers write for that work (会计, 会计师, 注册会计师 …).
//! - `data/zh/lexicon.tsv` ([`Lexicon`]): Chinese words with their English
//!   renderings in NOC's own vocabulary, and their kind (occupation,
//!   field, duty, noise, function), so that a Chinese title or duty can be
//!   read against the English index ([`translate`]).
//!
//! Words are cut by jieba's segmenter (the `jieba-rs` crate: a word graph
//! searched for the most probable path) over the lexicon's words only,
//! not over jieba's general dictionary: loading that dictionary takes
//! some 400 ms per process, longer than a whole cached `noc match`, and
//! the words that matter here are the lexicon's. Characters that no word
//! covers stay together as one unknown word, so a title never falls apart
//! into single characters that would match unrelated titles.
//!
//! # Example
//! ```
//! assert_eq!(noc::zh::simplify("軟體工程師"), "软件工程师");
//! assert_eq!(noc::zh::segment("高级软件工程师"), ["高级", "软件工程师"]);
//! assert_eq!(noc::zh::sub_words("软件工程师"), ["软件", "工程师"]);
//! let t = noc::zh::translate("高级软件工程师");
//! assert_eq!(t.english, "software engineer");
//! ```

mod lexicon;
mod names;

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub use lexicon::{Lexicon, LexiconEntry, WordKind};
pub use names::{ChineseNames, Names};

/// How outputs mark the Chinese names and translations of `data/zh/`.
pub const PROVENANCE: &str =
    "unofficial translation by the noc project (data/zh), not Statistics \
     Canada's";

/// The lexicon file, as compiled in.
pub const LEXICON_TSV: &str = include_str!("../../../../data/zh/lexicon.tsv");

/// The Chinese names of the NOC 2021 classes, as compiled in.
pub const NAMES_TSV: &str =
    include_str!("../../../../data/zh/noc2021_names.tsv");

/// The lexicon compiled in, parsed once.
pub fn lexicon() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    // The file is fixed at compile time and parsed by a test, so a
    // failure here is a build defect, not a user error.
    CELL.get_or_init(|| {
        Lexicon::parse(LEXICON_TSV, "data/zh/lexicon.tsv").unwrap_or_default()
    })
}

/// The Chinese names of NOC 2021 compiled in, parsed once.
pub fn names() -> &'static Names {
    static CELL: OnceLock<Names> = OnceLock::new();
    CELL.get_or_init(|| {
        Names::parse(NAMES_TSV, "data/zh/noc2021_names.tsv")
            .unwrap_or_default()
    })
}

/// Whether `c` is a Han character (CJK punctuation is not).
pub fn is_han(c: char) -> bool {
    crate::parse::profile::is_cjk(c) && c.is_alphabetic()
}

/// Folds traditional characters and Taiwan phrasing to simplified
/// mainland script (`會計` → `会计`, `軟體` → `软件`), through OpenCC's
/// tables (the `hanconv` crate). Text without Han characters comes back
/// as it is.
pub fn simplify(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_han) {
        Cow::Owned(hanconv::tw2sp(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The segmenter over the lexicon's words.
fn segmenter() -> &'static jieba_rs::Jieba {
    static CELL: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut jieba = jieba_rs::Jieba::empty();
        for e in lexicon().entries() {
            // Nearly one frequency for every word: the most probable path
            // is then the one with the fewest known words and no unknown
            // characters, i.e. the longest words. Between two cuts into
            // as many words, the one with more job nouns wins: the duty
            // vocabulary must not take a title apart.
            let frequency = match e.kind {
                WordKind::Occupation => 2 * WORD_FREQUENCY,
                _ => WORD_FREQUENCY,
            };
            jieba.add_word(&e.zh, Some(frequency), None);
        }
        jieba
    })
}

/// The frequency given to each lexicon word; an unknown character
/// counts 1, so known words are always preferred. An occupation word
/// counts twice this: enough to break a tie between cuts into as many
/// words, far too little to make a cut into more words win (a word costs
/// the log of the total frequency over its own, about 9.5 here, 8.8 for
/// a job noun).
const WORD_FREQUENCY: usize = 1000;

/// Cuts a run of (simplified) Chinese into words. Characters that no
/// lexicon word covers are kept together as one word.
///
/// # Example
/// ```
/// assert_eq!(noc::zh::segment("注册护士"), ["注册护士"]);
/// assert_eq!(noc::zh::segment("社会服务助理"), ["社会服务", "助理"]);
/// ```
pub fn segment(run: &str) -> Vec<String> {
    let lex = lexicon();
    let mut out: Vec<String> = vec![];
    let mut unknown = String::new();
    for token in segmenter().cut(run, false) {
        let w = token.word;
        if lex.get(w).is_some() || !w.chars().all(is_han) {
            if !unknown.is_empty() {
                out.push(std::mem::take(&mut unknown));
            }
            if !w.trim().is_empty() {
                out.push(w.to_string());
            }
        } else {
            unknown.push_str(w);
        }
    }
    if !unknown.is_empty() {
        out.push(unknown);
    }
    out
}

/// The lexicon words of two or more characters inside a word (its best
/// split without the word itself), less noise and function words.
///
/// # Example
/// ```
/// assert_eq!(noc::zh::sub_words("注册会计师"), ["注册", "会计师"]);
/// ```
pub fn sub_words(word: &str) -> Vec<String> {
    let n = word.chars().count();
    if n < 3 {
        return vec![];
    }
    lexicon()
        .split_known_shorter(word, n - 1)
        .into_iter()
        .filter(|(w, e)| {
            e.is_some_and(|e| !e.kind.is_dropped()) && w.chars().count() >= 2
        })
        .map(|(w, _)| w.to_string())
        .collect()
}

/// A Chinese text read as English through the lexicon.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Translation {
    /// The English words, in the order of the Chinese ones; segments are
    /// separated by ` / `.
    pub english: String,
    /// Each Chinese word and how it was read.
    pub words: Vec<TranslatedWord>,
}

/// One word of a [`Translation`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TranslatedWord {
    /// The word as segmented (simplified script), or a Latin word.
    pub text: String,
    /// Its English renderings, the one used first; empty for a dropped
    /// or unknown word.
    pub en: Vec<String>,
    /// Its kind, when the lexicon knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<WordKind>,
}

impl Translation {
    /// The Chinese words the lexicon does not know.
    pub fn unknown(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .filter(|w| w.kind.is_none() && w.en.is_empty())
            .map(|w| w.text.as_str())
    }
}

/// Reads a Chinese title or duty as English words in NOC's vocabulary:
/// full-width forms folded, traditional script simplified, words cut,
/// each word rendered by the lexicon (a word it lacks is split into the
/// longest words it has), noise and function words dropped, Latin words
/// (`Java`, `IT`) kept as they are. Each word is read in its first
/// rendering; [`translate_with`] lets the caller choose.
///
/// # Example
/// ```
/// let t = noc::zh::translate("IT支持");
/// assert_eq!(t.english, "IT support");
/// ```
pub fn translate(text: &str) -> Translation {
    translate_with(text, |_| vec![])
}

/// [`translate`], with each word read in the rendering `choose` picks:
/// given every word of the text, it returns the index into each word's
/// [`TranslatedWord::en`] (a missing or out-of-range index reads the
/// first). The words' `en` lists keep the lexicon's order.
///
/// # Example
/// ```
/// // 评估: assess | assessment | evaluate
/// let t = noc::zh::translate_with("评估", |words| vec![words[0].en.len() - 1]);
/// assert_eq!(t.english, "evaluate");
/// ```
pub fn translate_with(
    text: &str,
    choose: impl FnOnce(&[TranslatedWord]) -> Vec<usize>,
) -> Translation {
    let wide_folded: String = text.nfkc().collect();
    let simplified = simplify(&wide_folded);
    let lex = lexicon();
    let mut out = Translation::default();
    // Each word's position in `out.words`, or a break between segments.
    let mut sequence: Vec<Option<usize>> = vec![];
    for piece in pieces(&simplified) {
        match piece {
            Piece::Han(run) => {
                for w in segment(run) {
                    for (part, entry) in lex.split_known(&w) {
                        sequence.push(Some(out.words.len()));
                        out.words.push(TranslatedWord {
                            text: part.to_string(),
                            en: entry
                                .map(|e| e.en.clone())
                                .unwrap_or_default(),
                            kind: entry.map(|e| e.kind),
                        });
                    }
                }
            }
            Piece::Latin(w) => {
                sequence.push(Some(out.words.len()));
                out.words.push(TranslatedWord {
                    text: w.to_string(),
                    en: vec![w.to_string()],
                    kind: None,
                });
            }
            Piece::Break => sequence.push(None),
        }
    }
    let chosen = choose(&out.words);
    let mut english: Vec<&str> = vec![];
    for item in sequence {
        match item {
            Some(i) => {
                let en = &out.words[i].en;
                let pick = chosen.get(i).copied().unwrap_or(0);
                if let Some(e) = en.get(pick).or(en.first()) {
                    english.push(e);
                }
            }
            None => {
                if english.last().is_some_and(|l| *l != "/") {
                    english.push("/");
                }
            }
        }
    }
    while english.last().is_some_and(|l| *l == "/") {
        english.pop();
    }
    out.english = english.join(" ");
    out
}

/// A piece of mixed text.
enum Piece<'a> {
    /// A run of Han characters.
    Han(&'a str),
    /// A run of letters and digits (with inner `.`, `+`, `#`: `.NET`,
    /// `C++`, `C#`).
    Latin(&'a str),
    /// Punctuation that separates segments (`/`, `、`, `，`, `(`).
    Break,
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = vec![];
    let mut start = 0;
    let mut kind: Option<bool> = None; // Some(true): Han, Some(false): Latin
    let latin = |c: char| c.is_alphanumeric() || matches!(c, '+' | '#' | '.');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for &(i, c) in &chars {
        let this = if is_han(c) {
            Some(true)
        } else if latin(c) {
            Some(false)
        } else {
            None
        };
        if this != kind {
            if let Some(k) = kind {
                let s = &text[start..i];
                out.push(if k { Piece::Han(s) } else { Piece::Latin(s) });
            }
            start = i;
            kind = this;
        }
        if this.is_none() && !c.is_whitespace() {
            out.push(Piece::Break);
        }
    }
    if let Some(k) = kind {
        let s = &text[start..];
        out.push(if k { Piece::Han(s) } else { Piece::Latin(s) });
    }
    // A `.` that ends a Latin run is punctuation (`.NET` keeps its own).
    out.into_iter()
        .filter_map(|p| match p {
            Piece::Latin(s) => {
                let t = s.trim_end_matches('.');
                (!t.is_empty()).then_some(Piece::Latin(t))
            }
            p => Some(p),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_data_parses() {
        Lexicon::parse(LEXICON_TSV, "data/zh/lexicon.tsv").unwrap();
        let names =
            Names::parse(NAMES_TSV, "data/zh/noc2021_names.tsv").unwrap();
        assert!(names.len() >= 822, "{} classes named", names.len());
    }

    #[test]
    fn each_alias_names_one_group() {
        let mut seen: std::collections::HashMap<String, String> =
            Default::default();
        for line in NAMES_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            for a in f[2].split('|').filter(|a| !a.is_empty()) {
                if let Some(other) = seen.insert(a.to_string(), f[0].into()) {
                    panic!("{a} is listed under {other} and {}", f[0]);
                }
            }
        }
        assert!(seen.len() > 3000, "{} aliases", seen.len());
    }

    #[test]
    fn traditional_folds_to_simplified() {
        for (t, s) in [
            ("會計", "会计"),
            ("護士", "护士"),
            ("軟體工程師", "软件工程师"),
            ("社區工作者", "社区工作者"),
            ("nurse", "nurse"),
        ] {
            assert_eq!(simplify(t), s);
        }
    }

    #[test]
    fn unknown_characters_stay_together() {
        // 嘁嗏 are in no lexicon word.
        let words = segment("嘁嗏工程师");
        assert_eq!(words, ["嘁嗏", "工程师"]);
    }

    #[test]
    fn mixed_titles_use_both_halves() {
        let t = translate("Java开发工程师");
        assert!(t.english.starts_with("Java "), "{}", t.english);
        assert!(t.english.split(' ').count() >= 2, "{}", t.english);
        let t = translate("ＷＥＢ前端开发");
        assert!(t.english.starts_with("WEB "), "{}", t.english);
    }

    #[test]
    fn noise_is_dropped_and_segments_kept() {
        let t = translate("高级会计/出纳");
        assert_eq!(t.english, "accountant / cashier");
        assert!(t.words.iter().any(|w| w.kind == Some(WordKind::Noise)));
    }

    #[test]
    fn a_negated_word_is_not_read_as_its_opposite() {
        // Split, 不定期 would read as 定期 "regular".
        let t = translate("工作期间需不定期出差");
        assert!(!t.english.contains("regular"), "{}", t.english);
        assert!(t.english.contains("business trip"), "{}", t.english);
        assert_eq!(translate("非正式辅导").english, "informal counsel");
    }

    #[test]
    fn words_of_care_and_counselling_duties_are_read() {
        for (zh, en) in [
            ("协助退伍军人重新适应平民生活", "civilian"),
            ("理解强制报告规则", "mandatory reporting"),
            ("出色的沟通能力,包括积极倾听", "active listening"),
        ] {
            let t = translate(zh);
            assert!(t.english.contains(en), "{zh}: {}", t.english);
        }
        // A praise word of reference letters is noise, not a duty.
        let t = translate("耐心细致地照顾独居老人");
        assert!(t.words.iter().any(|w| w.kind == Some(WordKind::Noise)));
        assert!(t.english.contains("living alone"), "{}", t.english);
    }

    #[test]
    fn punctuation_only_and_empty_input() {
        assert_eq!(translate("").english, "");
        assert_eq!(translate("、/（）").english, "");
        assert_eq!(translate("C++ / .NET").english, "C++ / .NET");
    }
}
