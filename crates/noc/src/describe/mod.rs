//! Matching what a person did (a title, duties, an industry) to NOC unit
//! groups, and checking a reference letter against one group.
//!
//! - [`split_duties`] turns free text (bullets, numbered lines,
//!   paragraphs, semicolons; English, French, Chinese) into duty
//!   statements.
//! - [`analyze_duty`] is the one function that reads duty text, for the
//!   client's duties and the NOC's alike.
//! - [`DutyIndex`] holds every unit group's lead statement and main
//!   duties, built once with the title index.
//! - [`Matcher::match_description`] ranks unit groups for a
//!   [`Description`]: each client duty is aligned with each group's
//!   statements (duty by duty, not one bag of words), and the result is
//!   combined with the profile fit and the title's own evidence
//!   ([`score`]).
//! - [`check`] compares a description with one chosen group, the way an
//!   officer reads a reference letter.
//!
//! # Example
//! ```
//! use noc::describe::Description;
//! use noc::matcher::Matcher;
//! let index = noc::index::Index::build(noc::embedded::classification());
//! let matcher = Matcher::new(index);
//! let d = Description::new(None,
//!     "- Provide crisis intervention and emergency shelter\n\
//!     - Assess clients' needs and refer them to community resources", None);
//! let m = matcher.match_description(&d);
//! assert_eq!(m.candidates[0].code.as_str(), "4212");
//! assert!(m.candidates[0].duties.as_ref().unwrap().explained >= 1);
//! ```

pub mod check;
pub mod eval;
mod index;
pub mod letter;
pub mod score;
mod split;
mod synonyms;

use serde::{Deserialize, Serialize};

pub use index::{DutyIndex, Statement, StatementKind};
pub use letter::{LetterPart, SetAside};
pub use split::{split_duties, split_letter, SplitText};
pub use synonyms::{parse_synonyms, synonym_rows, SynonymRow, SYNONYMS_TSV};

use crate::code::NocVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::index::EntrySource;
use crate::matcher::{
    detect_lang, Candidate, Confidence, Config, Match, Matcher, Scratch,
};
use crate::model::Lang;
use crate::normalize::Normalizer;

/// The most text a description may hold: a reference letter's duties
/// fill a page or two; more is not a letter (a whole file pasted in).
pub const MAX_DESCRIPTION_BYTES: usize = 256 * 1024;

/// The most duty statements read from one description.
pub const MAX_DUTIES: usize = 200;

/// Reads duty text into terms, each once, in order: the one analysis of
/// duty statements, used for the client's duties and for the NOC's lead
/// statements and main duties alike, so both sides agree. `lang` is the
/// text's language when known.
///
/// # Example
/// ```
/// use noc::{describe::analyze_duty, Lang};
/// assert_eq!(
///     analyze_duty("Counsels clients", Some(Lang::En)),
///     ["counsel", "client"]
/// );
/// ```
pub fn analyze_duty(text: &str, lang: Option<Lang>) -> Vec<String> {
    // A Chinese duty is read in English through the project's lexicon
    // (unofficial), then like an English one.
    if lang == Some(Lang::Zh) || text.chars().any(crate::zh::is_han) {
        let english = crate::zh::translate(text).english;
        return Normalizer::shared().duty_terms(&english);
    }
    // Official text keeps every word (no noise dropped: `lead` and
    // `senior` are ordinary words in a duty); titles and duties share
    // the normaliser's folding, splitting and stemming.
    Normalizer::shared().duty_terms(text)
}

/// Reads a client's duty against the loaded data: as [`analyze_duty`],
/// except that each Chinese word with several English renderings is read
/// in the one the NOC's own statements best support beside the duty's
/// other words (see [`read_client_duty`]), not always the lexicon's first.
pub(crate) fn analyze_client_duty(
    index: &DutyIndex,
    text: &str,
    lang: Option<Lang>,
) -> Vec<String> {
    read_client_duty(index, text, lang).0
}

/// A client's duty read against the loaded data: its terms, and for a
/// duty with Han characters the English it was read as (through the
/// project's lexicon, each word in the sense its context supports:
/// [`senses_in_context`]). A duty without Han characters, such as an
/// English line of a Chinese letter, is read as [`analyze_duty`] reads
/// it.
pub(crate) fn read_client_duty(
    index: &DutyIndex,
    text: &str,
    lang: Option<Lang>,
) -> (Vec<String>, Option<String>) {
    if !text.chars().any(crate::zh::is_han) {
        let lang = lang.filter(|l| *l != Lang::Zh);
        return (analyze_duty(text, lang), None);
    }
    let english = crate::zh::translate_with(text, |words| {
        senses_in_context(index, words)
    })
    .english;
    (Normalizer::shared().duty_terms(&english), Some(english))
}

/// The rendering of each Chinese word of a duty that the NOC's English
/// statements support best beside the duty's other words: each word's
/// renderings are scored by [`Context::cohesion`] with the first
/// renderings of the others, and a later rendering replaces the first
/// only when it scores [`score::SENSE_MARGIN`] more (on NOC 2021,
/// `指导`, `guide` first, is read `instruct` in `指导学生完成实验` and `direct` in
/// `指导下属员工的日常工作`). The classic way of choosing a
/// translation by its context in the target language's own text
/// (Ballesteros and Croft 1998), with the statements as that text.
fn senses_in_context(
    index: &DutyIndex,
    words: &[crate::zh::TranslatedWord],
) -> Vec<usize> {
    let keys_of = |en: &str| -> Vec<u32> {
        let terms = Normalizer::shared().duty_terms(en);
        let mut ids: Vec<u32> = duty_keys(&terms)
            .iter()
            .filter_map(|k| index.term_id(k))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let first: Vec<Vec<u32>> = words
        .iter()
        .map(|w| w.en.first().map(|e| keys_of(e)).unwrap_or_default())
        .collect();
    // A first rendering the statements do not index (a word in most
    // groups' statements, or none) gives no evidence to weigh the others
    // against: it stays.
    let open = |i: usize| words[i].en.len() > 1 && !first[i].is_empty();
    if !(0..words.len()).any(open) {
        return vec![];
    }
    let context = Context::new(index, &first);
    (0..words.len())
        .map(|i| {
            if !open(i) {
                return 0;
            }
            let mut best = (0, context.cohesion(index, &first[i], i));
            for (s, en) in words[i].en.iter().enumerate().skip(1) {
                let c = context.cohesion(index, &keys_of(en), i);
                if c > best.1 + score::SENSE_MARGIN {
                    best = (s, c);
                }
            }
            best.0
        })
        .collect()
}

/// The keys of a duty's words in their first renderings, and which of
/// the NOC's English statements hold each: the context in which
/// [`senses_in_context`] weighs a word's renderings.
struct Context {
    /// Each key (at most [`Context::MAX_KEYS`]) with the words whose
    /// first rendering has it.
    keys: Vec<(u32, Vec<usize>)>,
    /// Each key's number of English statements.
    sizes: Vec<usize>,
    /// Per statement, a bit for each key it holds.
    masks: Vec<u64>,
}

impl Context {
    /// The most keys a context holds (one bit each); a duty with more
    /// is a paragraph, and its first keys are context enough.
    const MAX_KEYS: usize = 64;

    fn new(index: &DutyIndex, first: &[Vec<u32>]) -> Context {
        let mut keys: Vec<(u32, Vec<usize>)> = vec![];
        for (w, ks) in first.iter().enumerate() {
            for &k in ks {
                if let Some(at) = keys.iter().position(|(key, _)| *key == k) {
                    keys[at].1.push(w);
                } else if keys.len() < Context::MAX_KEYS {
                    keys.push((k, vec![w]));
                }
            }
        }
        let mut masks = vec![0u64; index.len()];
        let mut sizes = Vec::with_capacity(keys.len());
        for (bit, (k, _)) in keys.iter().enumerate() {
            let statements = index.postings_in(*k, Some(Lang::En));
            sizes.push(statements.len());
            for &s in statements {
                if let Some(m) = masks.get_mut(s as usize) {
                    *m |= 1 << bit;
                }
            }
        }
        Context { keys, sizes, masks }
    }

    /// How strongly the `keys` of one rendering of word `word` go with
    /// the other words' keys in the NOC's English statements: the mean,
    /// over the rendering's keys, of the summed Dice coefficient
    /// (statements holding both, over the two keys' statements) with
    /// each context key it does not share and another word gives.
    fn cohesion(&self, index: &DutyIndex, keys: &[u32], word: usize) -> f32 {
        if keys.is_empty() {
            return 0.0;
        }
        let mut counted = 0u64;
        for (bit, (k, words)) in self.keys.iter().enumerate() {
            if !keys.contains(k) && words.iter().any(|w| *w != word) {
                counted |= 1 << bit;
            }
        }
        let mut both = [0u32; Context::MAX_KEYS];
        let mut total = 0.0;
        for &k in keys {
            let statements = index.postings_in(k, Some(Lang::En));
            both[..self.keys.len()].fill(0);
            for &s in statements {
                let mut m =
                    self.masks.get(s as usize).copied().unwrap_or(0) & counted;
                while m != 0 {
                    both[m.trailing_zeros() as usize] += 1;
                    m &= m - 1;
                }
            }
            for (bit, &n) in both[..self.keys.len()].iter().enumerate() {
                if n > 0 {
                    total += 2.0 * n as f32
                        / (statements.len() + self.sizes[bit]) as f32;
                }
            }
        }
        total / keys.len() as f32
    }
}

/// Irregular English past tenses common in reference letters, with
/// their present: letters report what was done (`led`, `kept`), the NOC
/// what is done (`lead`, `keep`). Sorted, for a binary search: every
/// duty word is looked up.
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("began", "begin"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("built", "build"),
    ("chose", "choose"),
    ("dealt", "deal"),
    ("drew", "draw"),
    ("drove", "drive"),
    ("found", "find"),
    ("gave", "give"),
    ("grew", "grow"),
    ("held", "hold"),
    ("kept", "keep"),
    ("led", "lead"),
    ("made", "make"),
    ("met", "meet"),
    ("oversaw", "oversee"),
    ("ran", "run"),
    ("sent", "send"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("taught", "teach"),
    ("took", "take"),
    ("understood", "understand"),
    ("undertook", "undertake"),
    ("written", "write"),
    ("wrote", "write"),
];

/// The present of an English past tense: the irregular ones from
/// [`IRREGULAR_PAST`], else `-ed` removed (`developed` → `develop`), a
/// doubled final consonant undone (`planned` → `plan`, `referred` →
/// `refer`; `assessed` keeps its `ss`). Other words as they are.
fn present_tense(word: &str) -> &str {
    if let Ok(i) = IRREGULAR_PAST.binary_search_by(|(past, _)| past.cmp(&word))
    {
        return IRREGULAR_PAST[i].1;
    }
    let Some(base) = word.strip_suffix("ed") else { return word };
    if base.len() < 3 || !word.is_ascii() {
        return word;
    }
    let b = base.as_bytes();
    let (x, y) = (b[b.len() - 2], b[b.len() - 1]);
    if x == y && !matches!(y, b's' | b'l' | b'f' | b'z' | b'e' | b'o') {
        return &base[..base.len() - 1];
    }
    base
}

/// The keys by which duty terms are compared: each term's
/// [`duty_key`] (`supervised`, `supervision` and `supervisor` meet),
/// read as the NOC's word where the synonym table has one (`fixed` as
/// `repair`: see [`synonym_rows`]); each key once. The same for the
/// client's duties and the NOC's statements.
pub(crate) fn duty_keys(terms: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(terms.len());
    for t in terms {
        let k = synonyms::canonical(duty_key(t));
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The key of one duty term before synonyms: in the present tense
/// (irregular pasts such as `led`, else `-ed` removed), then its word
/// root ([`crate::index::word_root`]).
///
/// # Example
/// ```
/// use noc::describe::duty_key;
/// assert_eq!(duty_key("supervised"), duty_key("supervision"));
/// assert_eq!(duty_key("planned"), "plan");
/// ```
pub fn duty_key(term: &str) -> &str {
    let word = present_tense(term);
    crate::index::word_root(word).unwrap_or(word)
}

/// Joins the two keys of a phrase term; no key holds it.
const PAIR_SEPARATOR: char = ' ';

/// The terms by which duties are aligned: the [`duty_keys`], then a
/// phrase term for each two adjacent keys, in either order (`client
/// counsel` for `counsel clients` and `clients' counselling`), each term
/// once. The same for the client's duties and the NOC's statements; a
/// phrase weighs [`score::PHRASE_WEIGHT`] of its inverse group frequency.
pub(crate) fn duty_terms(terms: &[String]) -> Vec<String> {
    let keys = duty_keys(terms);
    let mut out: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    for_each_phrase(&keys, |p| {
        if !out.iter().any(|t| t == p) {
            out.push(p.to_string());
        }
    });
    out
}

/// Calls `f` with the phrase of each two adjacent `keys` (see
/// [`duty_terms`]), building each in one reused buffer: a query looks
/// its phrases up without keeping them.
fn for_each_phrase(keys: &[&str], mut f: impl FnMut(&str)) {
    let mut pair = String::new();
    for w in keys.windows(2) {
        let (x, y) = (&w[0], &w[1]);
        let (first, second) = if x <= y { (x, y) } else { (y, x) };
        pair.clear();
        pair.push_str(first);
        pair.push(PAIR_SEPARATOR);
        pair.push_str(second);
        f(&pair);
    }
}

/// Whether a duty term is a phrase of two keys ([`duty_terms`]).
pub(crate) fn is_phrase(term: &str) -> bool {
    term.contains(PAIR_SEPARATOR)
}

/// What a person did: an optional title, duty statements and an optional
/// industry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    /// The job title, if given.
    pub title: Option<String>,
    /// The duty statements, one per duty.
    pub duties: Vec<String>,
    /// The industry or employer's business, if given.
    pub industry: Option<String>,
    /// What the duty text held besides duties (a pasted letter's
    /// letterhead, dates, hours, signature), set aside by
    /// [`split_letter`] and not matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
    /// How many duty statements beyond [`MAX_DUTIES`] were left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub left_out: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Description {
    /// A description from a title, free duty text (split with
    /// [`split_letter`]; at most [`MAX_DUTIES`] kept) and an industry.
    /// Empty strings count as missing.
    pub fn new(
        title: Option<&str>,
        duties: &str,
        industry: Option<&str>,
    ) -> Description {
        let given = |s: Option<&str>| {
            s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
        };
        let SplitText { mut duties, set_aside } = split_letter(duties);
        let left_out = duties.len().saturating_sub(MAX_DUTIES);
        duties.truncate(MAX_DUTIES);
        Description {
            title: given(title),
            duties,
            industry: given(industry),
            set_aside,
            left_out,
        }
    }

    /// Reads duty text from bytes (a file), refusing what cannot be a
    /// description: more than [`MAX_DESCRIPTION_BYTES`], text that is not
    /// UTF-8 or holds control characters (a binary file), or no duty at
    /// all.
    pub fn from_bytes(
        title: Option<&str>,
        bytes: &[u8],
        industry: Option<&str>,
    ) -> Result<Description> {
        let bad = |msg: String| {
            Error::new(ErrorKind::Description { msg, line: None })
        };
        let bad_line = |line: usize, msg: &str| {
            Error::new(ErrorKind::Description {
                msg: msg.to_string(),
                line: Some(line),
            })
        };
        if bytes.len() > MAX_DESCRIPTION_BYTES {
            return Err(bad(format!(
                "the duties are longer than {} KB; expected the duties of \
                 one job",
                MAX_DESCRIPTION_BYTES / 1024
            )));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            bad_line(
                line,
                "the duties are not UTF-8 text (a binary file?); expected \
                 plain text",
            )
        })?;
        if let Some((i, _)) = text.lines().enumerate().find(|(_, l)| {
            l.chars().any(|c| c.is_control() && c != '\t' && c != '\r')
        }) {
            return Err(bad_line(
                i + 1,
                "the duties hold control characters (a binary file?); \
                 expected plain text",
            ));
        }
        let d = Description::new(title, text, industry);
        if d.duties.is_empty() {
            let aside = match d.set_aside.len() {
                0 => String::new(),
                n => format!(
                    " ({n} piece{} set aside as letter text: letterhead, \
                     dates, hours, signature)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            return Err(bad(format!(
                "no duty found{aside}; expected duty statements (one per \
                 line, bullets, numbered lines or sentences)"
            )));
        }
        Ok(d)
    }
}

/// The duty evidence of one candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DutyEvidence {
    /// How many of the client's duties the group explains (the words of
    /// a statement of its profile align with the duty's at least
    /// [`score::COVERED`]).
    pub explained: usize,
    /// How many duties the client gave.
    pub of: usize,
    /// The mean over the client's duties of the best alignment with the
    /// group's statements, 0 to 1.
    pub alignment: f32,
    /// The group's statement that aligns best with any client duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_noc_duty: Option<String>,
    /// The client duty it aligns with (index into the duties).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_client_duty: Option<usize>,
}

/// A client duty read into weighted duty terms.
#[derive(Clone, Debug, Default)]
pub(crate) struct DutyQuery {
    /// Duty-index term ids and their weights: its words, then its
    /// phrases.
    pub(crate) ids: Vec<(u32, f32)>,
    /// How many of `ids` are words.
    pub(crate) words: usize,
    /// How many different words the duty has, indexed or not (verbs as
    /// common as `supervise` are not indexed).
    pub(crate) all_words: usize,
    /// The length of the weight vector.
    pub(crate) norm: f32,
    /// The length of the words' weight vector.
    pub(crate) word_norm: f32,
}

impl DutyQuery {
    /// The query of a duty already analysed.
    fn of(index: &DutyIndex, analyzed: &[String]) -> DutyQuery {
        let keys = duty_keys(analyzed);
        let mut ids: Vec<(u32, f32)> = keys
            .iter()
            .filter_map(|k| index.term_id(k))
            .map(|id| (id, index.idf(id)))
            .collect();
        let words = ids.len();
        for_each_phrase(&keys, |p| {
            if let Some(id) = index.term_id(p) {
                if !ids[words..].iter().any(|(i, _)| *i == id) {
                    ids.push((id, index.idf(id)));
                }
            }
        });
        let length = |ids: &[(u32, f32)]| {
            ids.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
        };
        DutyQuery {
            norm: length(&ids),
            word_norm: length(&ids[..words]),
            words,
            all_words: keys.len(),
            ids,
        }
    }

    /// The cosine of the duty's words with statement `s`'s words: what
    /// the reference-letter check and [`score::COVERED`] read. Phrases
    /// help ranking, but a long statement has many that no letter
    /// repeats, and with them its cosines would fall below thresholds
    /// set on words. 0 for a duty of fewer than
    /// [`score::MIN_DUTY_WORDS`] words (`Kitchen`, `software`: a keyword,
    /// not a duty).
    pub(crate) fn cosine(&self, index: &DutyIndex, s: u32) -> f32 {
        let (terms, word_norm) = index.terms_and_word_norm(s);
        if self.word_norm <= 0.0 || word_norm <= 0.0 || !self.is_a_duty() {
            return 0.0;
        }
        let dot: f32 = self.ids[..self.words]
            .iter()
            .filter(|(id, _)| terms.binary_search(id).is_ok())
            .map(|(_, w)| w * w)
            .sum();
        dot / (self.word_norm * word_norm)
    }

    /// Whether the duty has words enough to state a duty
    /// ([`score::MIN_DUTY_WORDS`]).
    pub(crate) fn is_a_duty(&self) -> bool {
        self.all_words >= score::MIN_DUTY_WORDS
    }
}

/// Per-thread working memory of description matching.
#[derive(Debug, Default)]
pub struct DescribeScratch {
    title: Scratch,
    /// Per statement: the dot product with the current duty, and that of
    /// its words alone.
    dot: Vec<f32>,
    word_dot: Vec<f32>,

    touched: Vec<u32>,
    /// Per group: the best cosine with the current duty, and the best of
    /// its words alone.
    best: Vec<f32>,
    best_words: Vec<f32>,
    groups_touched: Vec<u32>,
    /// Per group: the sum over duties of the best cosine, how many duties
    /// it explains, and its best pairing (cosine, statement, duty).
    align: Vec<f32>,
    explained: Vec<u32>,
    pairing: Vec<(f32, u32, u32)>,
    profile: Vec<f32>,
    /// Per group: the sum over duties of its profile fit to that duty
    /// alone, relative to the best group's; and one duty's fit.
    duty_profile: Vec<f32>,
    one_duty: Vec<f32>,
    /// Profile term ids of the current description, and of one duty.
    words: Vec<u32>,
    duty_words: Vec<u32>,
    title_score: Vec<f32>,
    feedback: Feedback,
    /// Group numbers, for picking the first groups.
    order: Vec<u32>,
}

/// Working memory of pseudo-relevance feedback.
#[derive(Debug, Default)]
struct Feedback {
    /// The feedback groups and their weights.
    groups: Vec<(u32, f32)>,
    /// The feedback query: profile term ids and weights.
    terms: Vec<(u32, f32)>,
    /// Per profile term, its pooled weight while the query is built.
    acc: Vec<f32>,
    /// Per group, the feedback query's profile fit.
    fit: Vec<f32>,
}

impl DescribeScratch {
    fn prepare(&mut self, statements: usize, groups: usize) {
        self.dot.clear();
        self.dot.resize(statements, 0.0);
        self.word_dot.clear();
        self.word_dot.resize(statements, 0.0);

        self.touched.clear();
        for v in [
            &mut self.best,
            &mut self.best_words,
            &mut self.align,
            &mut self.profile,
            &mut self.duty_profile,
            &mut self.one_duty,
            &mut self.title_score,
            &mut self.feedback.fit,
        ] {
            v.clear();
            v.resize(groups, 0.0);
        }
        self.groups_touched.clear();
        self.explained.clear();
        self.explained.resize(groups, 0);
        self.pairing.clear();
        self.pairing.resize(groups, (0.0, u32::MAX, 0));
    }
}

impl Matcher {
    /// Ranks unit groups for a description. A description without duties
    /// gives exactly [`Matcher::match_title`]'s result for its title.
    pub fn match_description(&self, d: &Description) -> Match {
        self.match_description_with(&mut DescribeScratch::default(), d)
    }

    /// Matches many descriptions on `threads` threads, keeping the input
    /// order.
    pub fn match_descriptions(
        &self,
        ds: &[Description],
        threads: usize,
    ) -> Vec<Match> {
        self.match_descriptions_config(ds, threads, self.config())
    }

    /// [`Matcher::match_descriptions`] with `config` instead of the
    /// matcher's.
    pub fn match_descriptions_config(
        &self,
        ds: &[Description],
        threads: usize,
        config: &Config,
    ) -> Vec<Match> {
        // Blocks of 32 taken in turn keep both threads busy.
        crate::parallel::in_blocks(
            ds,
            threads,
            32,
            |s: &mut DescribeScratch, d| self.describe_with(s, d, config),
        )
    }

    /// Matches one description with reusable working memory.
    pub fn match_description_with(
        &self,
        scratch: &mut DescribeScratch,
        d: &Description,
    ) -> Match {
        self.describe_with(scratch, d, self.config())
    }

    /// Matches one description with `config` (its language, number of
    /// candidates, explanations) instead of the matcher's.
    pub fn match_description_with_config(
        &self,
        scratch: &mut DescribeScratch,
        d: &Description,
        config: &Config,
    ) -> Match {
        self.describe_with(scratch, d, config)
    }

    /// Matches one description with `config` instead of the matcher's.
    pub(crate) fn describe_with(
        &self,
        scratch: &mut DescribeScratch,
        d: &Description,
        config: &Config,
    ) -> Match {
        let title = d.title.as_deref().unwrap_or("");
        if d.duties.is_empty() {
            return self.match_with_config(&mut scratch.title, title, config);
        }
        let index = self.index();
        let duties = index.duties();
        let groups = index.groups();
        let all = d.duties.join("\n");
        let lang = config.lang.or_else(|| detect_lang(&all));
        scratch.prepare(duties.len(), groups.len());
        // Each duty is analysed once, for its alignment and for the
        // profile fit; the profile also reads the industry.
        let analyzed: Vec<Vec<String>> = d
            .duties
            .iter()
            .map(|t| analyze_client_duty(duties, t, lang))
            .collect();
        let queries: Vec<DutyQuery> =
            analyzed.iter().map(|a| DutyQuery::of(duties, a)).collect();
        for (k, q) in queries.iter().enumerate() {
            self.align_one(scratch, q, k as u32, lang);
        }
        self.profile_fit(scratch, &analyzed, d.industry.as_deref(), lang);
        let n = queries.len() as f32;
        let max = |v: &[f32]| v.iter().copied().fold(0.0f32, f32::max);
        let (best_align, best_profile, best_duty_profile) = (
            max(&scratch.align),
            max(&scratch.profile),
            max(&scratch.duty_profile),
        );
        let relative =
            |x: f32, best: f32| if best > 0.0 { x / best } else { 0.0 };
        let (ps, ds) = (score::PROFILE_SHARE, score::DUTY_PROFILE_SHARE);
        let ts = score::TITLE_SHARE;
        let titled = !title.trim().is_empty();
        let duty_scores = |profile: &dyn Fn(usize) -> f32| -> Vec<f32> {
            (0..groups.len())
                .map(|g| {
                    (1.0 - ps - ds) * relative(scratch.align[g], best_align)
                        + ps * profile(g)
                        + ds * relative(
                            scratch.duty_profile[g],
                            best_duty_profile,
                        )
                })
                .collect()
        };
        let mut scores =
            duty_scores(&|g| relative(scratch.profile[g], best_profile));
        if !titled {
            // Pseudo-relevance feedback: see `score::FEEDBACK_SHARE`.
            self.feedback(&mut scratch.feedback, &mut scratch.order, &scores);
            let best_feedback = max(&scratch.feedback.fit);
            let fs = score::FEEDBACK_SHARE;
            scores = duty_scores(&|g| {
                (1.0 - fs) * relative(scratch.profile[g], best_profile)
                    + fs * relative(scratch.feedback.fit[g], best_feedback)
            });
        }
        let title_lang = d.title.as_deref().and_then(detect_lang).or(lang);
        if titled {
            let config = Config::DEFAULT
                .top(score::TITLE_POOL)
                .min_score(0.0)
                .lang(config.lang.or(title_lang));
            for (g, s) in self.title_scores(&mut scratch.title, title, &config)
            {
                scratch.title_score[g as usize] = s.powi(score::TITLE_POWER);
            }
            for (g, s) in scores.iter_mut().enumerate() {
                *s = ts * scratch.title_score[g] + (1.0 - ts) * *s;
            }
        }
        major_group_consensus(groups, &mut scratch.order, &mut scores);
        let mut ranked: Vec<(f32, u32)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .map(|(g, s)| (*s, g as u32))
            .collect();
        // Best first, ties by code: a total order, so selecting the
        // first `top` (and the runner-up) before sorting them gives what
        // sorting every group would, for less.
        let better = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0).then_with(|| {
                groups[a.1 as usize].code.cmp(&groups[b.1 as usize].code)
            })
        };
        let keep = config.top.max(2);
        if keep < ranked.len() {
            ranked.select_nth_unstable_by(keep, better);
            ranked.truncate(keep);
        }
        ranked.sort_unstable_by(better);
        let mut result = Match {
            query: self.describe_query(d),
            lang,
            translation: None,
            candidates: vec![],
        };
        if ranked.first().is_none_or(|r| r.0 < config.min_score.min(0.01)) {
            return result;
        }
        let first = ranked[0].0.min(1.0);
        let second = ranked.get(1).map_or(0.0, |r| r.0.min(1.0));
        // At most one group is right: the candidates' probabilities add up
        // to at most 1 (each is capped by what those before it left).
        let mut taken = 0.0f32;
        for (i, (s, g)) in ranked.into_iter().take(config.top).enumerate() {
            let gi = g as usize;
            let info = &groups[gi];
            let (cos, stmt, duty) = scratch.pairing[gi];
            let evidence = DutyEvidence {
                explained: scratch.explained[gi] as usize,
                of: queries.len(),
                alignment: scratch.align[gi] / n,
                best_noc_duty: (stmt != u32::MAX && cos > 0.0)
                    .then(|| duties.statement(stmt).text.to_string()),
                best_client_duty: (stmt != u32::MAX && cos > 0.0)
                    .then_some(duty as usize),
            };
            let features = score::description_features(
                s.min(1.0),
                if i == 0 { second } else { first },
                evidence.explained,
                evidence.of,
                titled,
            );
            let mut probability =
                score::description_probability_at(i, &features)
                    .min((1.0 - taken).max(0.0));
            // As for titles: with few profiles loaded, a better group may
            // be missing.
            if index.is_partial() {
                probability = probability
                    .min(crate::matcher::score::PARTIAL_DATA_PROBABILITY);
            }
            taken += probability;
            let title_text = info
                .title
                .get_or_any(
                    lang.filter(|l| *l != Lang::Zh).unwrap_or(Lang::En),
                )
                .cloned()
                .unwrap_or_default();
            let version = index.version();
            result.candidates.push(Candidate {
                code: info.code,
                title: title_text.clone(),
                version,
                teer: (version == NocVersion::V2021)
                    .then(|| info.code.teer())
                    .flatten(),
                skill_type: (version != NocVersion::V2021)
                    .then(|| info.code.skill_type()),
                skill_level: (version != NocVersion::V2021)
                    .then(|| info.code.skill_level())
                    .flatten(),
                score: s.min(1.0),
                probability,
                confidence: Confidence::of(probability),
                evidence: Default::default(),
                matched_provenance: crate::matcher::Provenance::Official,
                // As for titles: the Chinese name answers a Chinese query.
                unofficial_title: (lang == Some(Lang::Zh))
                    .then(|| info.unofficial_zh.clone())
                    .flatten(),
                matched_title: title_text,
                matched_lang: lang.unwrap_or(Lang::En),
                matched_source: EntrySource::ClassTitle,
                excluded_from: None,
                in_data: info.in_data,
                profile_fit: if best_profile > 0.0 {
                    scratch.profile[gi] / best_profile
                } else {
                    0.0
                },
                duties: Some(evidence),
                explanation: None,
            });
        }
        result
    }

    /// The profile fits of a description: of all its words at once
    /// (`scratch.profile`: BM25F, a word repeated across duties weighing
    /// more, [`score::QUERY_TF_POWER`]; the industry's words too), and of
    /// each duty alone, summed over duties relative to each duty's best
    /// group (`scratch.duty_profile`).
    fn profile_fit(
        &self,
        scratch: &mut DescribeScratch,
        analyzed: &[Vec<String>],
        industry: Option<&str>,
        lang: Option<Lang>,
    ) {
        let profiles = self.index().profiles();
        scratch.words.clear();
        for a in analyzed {
            scratch.duty_words.clear();
            scratch
                .duty_words
                .extend(a.iter().filter_map(|t| profiles.term_id(t)));
            // A client word the NOC says otherwise also reads as the
            // NOC's word (the profile index is the title path's too, so
            // only the query side is read through the synonym table).
            scratch.duty_words.extend(
                a.iter()
                    .filter_map(|t| synonyms::noc_word(t))
                    .filter_map(|w| profiles.term_id(w)),
            );
            scratch.words.extend_from_slice(&scratch.duty_words);
            scratch.duty_words.sort_unstable();
            scratch.duty_words.dedup();
            scratch.one_duty.iter_mut().for_each(|x| *x = 0.0);
            for &id in &scratch.duty_words {
                profiles.add_term(id, 1.0, &mut scratch.one_duty);
            }
            let best = scratch.one_duty.iter().copied().fold(0.0, f32::max);
            if best > 0.0 {
                for (sum, x) in
                    scratch.duty_profile.iter_mut().zip(&scratch.one_duty)
                {
                    *sum += x / best;
                }
            }
        }
        if let Some(text) = industry {
            let a = analyze_client_duty(self.index().duties(), text, lang);
            scratch.words.extend(a.iter().filter_map(|t| profiles.term_id(t)));
        }
        scratch.words.sort_unstable();
        for run in scratch.words.chunk_by(|a, b| a == b) {
            let weight = (run.len() as f32).powf(score::QUERY_TF_POWER);
            profiles.add_term(run[0], weight, &mut scratch.profile);
        }
    }

    /// Pseudo-relevance feedback ([`score::FEEDBACK_SHARE`]): the profile
    /// fit, per group, of a feedback query pooled from the best terms of
    /// the [`score::FEEDBACK_GROUPS`] first groups by `scores`, into
    /// `feedback.fit`. `order` is working memory.
    fn feedback(
        &self,
        feedback: &mut Feedback,
        order: &mut Vec<u32>,
        scores: &[f32],
    ) {
        let profiles = self.index().profiles();
        first_groups(order, scores, score::FEEDBACK_GROUPS);
        let weight = |g: &u32| scores[*g as usize].powi(score::FEEDBACK_POWER);
        let total: f32 = order.iter().map(weight).sum();
        feedback.groups.clear();
        if total > 0.0 {
            feedback
                .groups
                .extend(order.iter().map(|g| (*g, weight(g) / total)));
        }
        profiles.feedback(
            &feedback.groups,
            score::FEEDBACK_TERMS,
            &mut feedback.acc,
            &mut feedback.terms,
        );
        for &(id, w) in &feedback.terms {
            profiles.add_term(id, w, &mut feedback.fit);
        }
    }

    /// The query text of a description's [`Match`]: its title, else its
    /// first duty.
    fn describe_query(&self, d: &Description) -> String {
        d.title
            .clone()
            .or_else(|| d.duties.first().cloned())
            .unwrap_or_default()
    }

    /// Aligns client duty number `k` with every statement that shares a
    /// term with it, keeping per group the best cosine (words and
    /// phrases: the alignment) and the best of the words alone (whether
    /// the group explains the duty, as the check reads it).
    fn align_one(
        &self,
        scratch: &mut DescribeScratch,
        q: &DutyQuery,
        k: u32,
        lang: Option<Lang>,
    ) {
        let duties = self.index().duties();
        if q.norm <= 0.0 {
            return;
        }
        // An English or French duty is read against the statements of its
        // language only (the other language's words rarely meet it, and
        // skipping them halves the work); Chinese, which the data may not
        // have, and unknown languages against all.
        let only = lang.filter(|l| *l != Lang::Zh);
        for (i, &(id, w)) in q.ids.iter().enumerate() {
            let word = i < q.words;
            for &s in duties.postings_in(id, only) {
                let slot = &mut scratch.dot[s as usize];
                if *slot == 0.0 {
                    scratch.touched.push(s);
                }
                *slot += w * w;
                if word {
                    scratch.word_dot[s as usize] += w * w;
                }
            }
        }
        let word_norm = q.word_norm.max(f32::MIN_POSITIVE);
        for &s in &scratch.touched {
            let (group, norm, words) = duties.group_and_norms(s);
            let cos = scratch.dot[s as usize]
                / (q.norm * norm.max(f32::MIN_POSITIVE));
            // As `DutyQuery::cosine` reads it.
            let word_cos = if q.is_a_duty() {
                scratch.word_dot[s as usize]
                    / (word_norm * words.max(f32::MIN_POSITIVE))
            } else {
                0.0
            };
            scratch.dot[s as usize] = 0.0;
            scratch.word_dot[s as usize] = 0.0;
            let g = group as usize;
            if scratch.best[g] == 0.0 {
                scratch.groups_touched.push(group);
            }
            if word_cos > scratch.best_words[g] {
                scratch.best_words[g] = word_cos;
            }
            if cos > scratch.best[g] {
                scratch.best[g] = cos;
                if cos > scratch.pairing[g].0 {
                    scratch.pairing[g] = (cos, s, k);
                }
            }
        }
        scratch.touched.clear();
        for &g in &scratch.groups_touched {
            let gi = g as usize;
            scratch.align[gi] += scratch.best[gi];
            if scratch.best_words[gi] >= score::COVERED {
                scratch.explained[gi] += 1;
            }
            scratch.best[gi] = 0.0;
            scratch.best_words[gi] = 0.0;
        }
        scratch.groups_touched.clear();
    }
}

/// The first `k` groups with a score, best first, into `order`: by
/// score, then number (groups are in code order), as the ranking has
/// them.
fn first_groups(order: &mut Vec<u32>, scores: &[f32], k: usize) {
    order.clear();
    order.extend(
        (0..scores.len() as u32).filter(|g| scores[*g as usize] > 0.0),
    );
    let by_score = |a: &u32, b: &u32| {
        scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b))
    };
    let k = k.min(order.len());
    if k < order.len() {
        order.select_nth_unstable_by(k, by_score);
        order.truncate(k);
    }
    order.sort_unstable_by(by_score);
}

/// The major group of a code: its first two digits (broad category and
/// TEER in NOC 2021; skill type and level before), as a number.
fn major_group(code: &crate::NocCode) -> Option<usize> {
    match code.as_str().as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => {
            Some(usize::from(a - b'0') * 10 + usize::from(b - b'0'))
        }
        _ => None,
    }
}

/// Raises each group by the share of the first groups' weight that its
/// major group holds ([`score::MAJOR_GROUP_SHARE`]). `order`
/// is working memory.
fn major_group_consensus(
    groups: &[crate::index::GroupInfo],
    order: &mut Vec<u32>,
    scores: &mut [f32],
) {
    first_groups(order, scores, score::MAJOR_GROUP_POOL);
    let mut mass = [0f32; 100];
    let mut total = 0.0;
    for &g in order.iter() {
        let w = scores[g as usize].powi(score::MAJOR_GROUP_POWER);
        total += w;
        if let Some(m) = major_group(&groups[g as usize].code) {
            mass[m] += w;
        }
    }
    if total <= 0.0 {
        return;
    }
    // Every group is divided by the most a group can gain, so that a
    // score stays at most 1 and the groups of other major groups fall
    // behind together.
    let gain = 1.0 + score::MAJOR_GROUP_SHARE;
    for (g, s) in scores.iter_mut().enumerate() {
        if *s > 0.0 {
            let m = major_group(&groups[g].code).map_or(0.0, |m| mass[m]);
            *s *= (1.0 + score::MAJOR_GROUP_SHARE * m / total) / gain;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    fn matcher() -> Matcher {
        Matcher::new(Index::build(crate::embedded::classification()))
    }

    #[test]
    fn past_tense_meets_present() {
        for (past, present) in [
            ("developed", "develop"),
            ("planned", "plan"),
            ("referred", "refer"),
            ("assessed", "assess"),
            ("installed", "install"),
            ("met", "meet"),
            ("kept", "keep"),
            ("need", "need"),
            ("red", "red"),
        ] {
            assert_eq!(present_tense(past), present, "{past}");
        }
        // Looked up by binary search: sorted, each once, and each found.
        assert!(IRREGULAR_PAST.windows(2).all(|w| w[0].0 < w[1].0));
        for (past, present) in IRREGULAR_PAST {
            assert_eq!(present_tense(past), *present, "{past}");
        }
        let keys = |t: &str| {
            let a = analyze_duty(t, Some(Lang::En));
            duty_keys(&a).iter().map(|k| k.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(keys("Supervised staff"), keys("supervise staff"));
        assert_eq!(keys("organized events"), keys("organize event"));
    }

    #[test]
    fn chinese_duties_read_as_their_english() {
        // Everyday duty words of workshops and clinics (the lexicon's
        // duty vocabulary), simplified and traditional alike.
        let keys = |t: &str, lang| {
            let a = analyze_duty(t, lang);
            duty_keys(&a).iter().map(|k| k.to_string()).collect::<Vec<_>>()
        };
        let zh = keys("测量工件尺寸，修补损坏的零件", Some(Lang::Zh));
        let en = keys("measure workpiece size, repair damaged part", None);
        for word in ["measure", "size", "repair", "damage"] {
            let key = &keys(word, None)[0];
            assert!(zh.contains(key), "{word}: {zh:?}");
            assert!(en.contains(key), "{word}: {en:?}");
        }
        assert_eq!(
            keys("測量工件尺寸", Some(Lang::Zh)),
            keys("测量工件尺寸", Some(Lang::Zh))
        );
        // A job noun is kept whole beside the duty words (保险 + 理赔专员),
        // also where a cut into as many words has none (行政管理 + 人员).
        assert_eq!(crate::zh::segment("保险理赔专员"), ["保险", "理赔专员"]);
        assert_eq!(crate::zh::segment("行政管理人员"), ["行政", "管理人员"]);
    }

    #[test]
    fn a_chinese_word_is_read_in_the_sense_its_context_supports() {
        // 制定 is `develop` first, `establish` second. Seven groups, so
        // that a word in two of them is still indexed.
        let duties = [
            "Establish safety procedures",
            "Develop software",
            "Develop training courses",
            "Drive trucks",
            "Cook meals",
            "Clean offices",
            "Repair engines",
        ];
        let text: String = duties
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let code = 1111 * (i + 1) + 1;
                format!(
                    "## {code} 甲 Group {i} - X NOC\n\n甲。\n\nLead {i}.\n\n\
                     ## {code} 甲主要职责 Main duties - X NOC\n\n* 甲\n{d}\n\n"
                )
            })
            .collect();
        let groups = crate::parse::profile::parse_profiles(&text).unwrap();
        let c = crate::Classification::new(NocVersion::V2011, groups);
        let m = Matcher::new(Index::build(&c));
        let index = m.index().duties();
        let keys = |t: &str| {
            let a = analyze_client_duty(index, t, Some(Lang::Zh));
            duty_keys(&a).iter().map(|k| k.to_string()).collect::<Vec<_>>()
        };
        let key = |w: &str| duty_key(w).to_string();
        // Beside safety procedures, the statements say `establish`.
        let safety = keys("制定安全规程");
        assert!(safety.contains(&key("establish")), "{safety:?}");
        assert!(!safety.contains(&key("develop")), "{safety:?}");
        // Without context, and beside software, the first sense stays.
        assert!(keys("制定软件").contains(&key("develop")));
        assert!(keys("制定").contains(&key("develop")));
        // Reading without the data always takes the first.
        let plain = analyze_duty("制定安全规程", Some(Lang::Zh));
        assert!(duty_keys(&plain).contains(&key("develop").as_str()));
    }

    #[test]
    fn a_clients_word_reads_as_the_nocs_synonym() {
        let keys = |t: &str| {
            let a = analyze_duty(t, Some(Lang::En));
            duty_keys(&a).iter().map(|k| k.to_string()).collect::<Vec<_>>()
        };
        // Any tense, on either side: the NOC's word.
        assert_eq!(keys("Fixed vehicles"), keys("repair vehicles"));
        assert_eq!(
            keys("conferring with engineers"),
            keys("consult engineers")
        );
        assert_eq!(keys("Analysed data"), keys("analyze data"));
        assert_eq!(keys("overseeing staff"), keys("supervised staff"));
        // Phrases are made of the NOC's words.
        let terms = duty_terms(&analyze_duty("fix engines", Some(Lang::En)));
        assert!(terms.iter().any(|t| is_phrase(t) && t.contains("repair")));
        // The analysis keeps the client's words (the check shows them);
        // words without an entry, and the NOC's own, are as they were.
        let a = analyze_duty("Fixed cars", Some(Lang::En));
        assert_eq!(a[0], "fixed");
        assert_eq!(keys("repair cars"), ["repair", "car"]);
        // The profile fit reads the NOC's word beside the client's.
        assert_eq!(synonyms::noc_word("fixed"), Some("repair"));
        assert_eq!(synonyms::noc_word("attorney"), Some("lawyer"));
        assert_eq!(synonyms::noc_word("bought"), Some("purchase"));
        assert_eq!(synonyms::noc_word("repair"), None);
        // A client duty in other words aligns with the seed's duty as
        // well as one in the NOC's words.
        let m = matcher();
        let ix = m.index().duties();
        let cosine = |t: &str| {
            let q = DutyQuery::of(ix, &analyze_duty(t, Some(Lang::En)));
            let g = ix.group_of(&"4212".parse().unwrap()).unwrap();
            ix.group_statements(g).map(|s| q.cosine(ix, s)).fold(0.0, f32::max)
        };
        let noc = cosine("Assisted clients to sort out options");
        assert!(noc > score::COVERED, "{noc}");
        assert_eq!(cosine("Helped clients to sort out options"), noc);
    }

    #[test]
    fn adjacent_words_make_a_phrase_in_either_order() {
        let terms = |t: &str| duty_terms(&analyze_duty(t, Some(Lang::En)));
        let words = terms("Counsel clients");
        assert_eq!(words, ["counsel", "client", "client counsel"]);
        // Either order, any tense, the same phrase.
        assert!(terms("clients counseled").contains(&words[2]));
        // Only adjacent words pair; each key once, no pair of a key with
        // itself.
        let three = terms("inspect safety equipment");
        assert_eq!(three.iter().filter(|t| is_phrase(t)).count(), 2);
        assert!(!three.iter().any(|t| t == "equip inspect"));
        assert!(!terms("supervise supervisors").iter().any(|t| is_phrase(t)));
        // The seed's statements hold the phrase, and a query reads it.
        let m = matcher();
        let ix = m.index().duties();
        let pair = words.iter().find(|t| is_phrase(t)).unwrap();
        let id = ix.term_id(pair).expect("the seed counsels clients");
        assert!(ix.idf(id) > 0.0);
        let q = DutyQuery::of(
            ix,
            &analyze_duty("counsel clients", Some(Lang::En)),
        );
        assert!(q.ids.iter().any(|(i, _)| *i == id));
    }

    #[test]
    fn title_and_duty_indexes_number_groups_alike() {
        // `title_scores` gives title-index group numbers, which the
        // description scores index directly.
        let m = matcher();
        let index = m.index();
        for (g, info) in index.groups().iter().enumerate() {
            assert_eq!(index.duties().group_of(&info.code), Some(g as u32));
        }
        let d = Description::new(Some("youth worker"), "Counsel youth", None);
        let scores = m.title_scores(
            &mut Scratch::default(),
            d.title.as_deref().unwrap(),
            &Config::DEFAULT.top(score::TITLE_POOL).min_score(0.0),
        );
        let full = m.match_title("youth worker");
        assert_eq!(
            index.groups()[scores[0].0 as usize].code,
            full.candidates[0].code
        );
        assert_eq!(scores[0].1, full.candidates[0].score);
    }

    #[test]
    fn the_duty_index_holds_the_seed_duties() {
        let m = matcher();
        let ix = m.index().duties();
        let g = ix.group_of(&crate::NocCode::new("4212").unwrap()).unwrap();
        let statements: Vec<Statement<'_>> =
            ix.group_statements(g).map(|s| ix.statement(s)).collect();
        let duties =
            statements.iter().filter(|s| s.kind == StatementKind::Duty);
        // English and Chinese duties of the seed; groups known only as
        // exclusion targets have none.
        assert!(duties.clone().any(|s| s.lang == Lang::Zh));
        assert!(duties.clone().filter(|s| s.lang == Lang::En).count() >= 10);
        assert!(statements.iter().any(|s| s.kind == StatementKind::Lead));
        let social = ix.group_of(&crate::NocCode::new("4152").unwrap());
        assert!(ix.group_statements(social.unwrap()).is_empty());
    }

    #[test]
    fn a_title_without_duties_is_a_title_match() {
        let m = matcher();
        for title in ["youth worker", "social worker", "社区工作者", "zzz"]
        {
            let d = Description::new(Some(title), "", None);
            let a = m.match_description(&d);
            let b = m.match_title(title);
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap()
            );
        }
    }

    #[test]
    fn duties_alone_rank_and_report_evidence() {
        let m = matcher();
        let d = Description::new(
            None,
            "1. Met with clients to assess their needs\n\
             2. Referred clients to community resources and housing\n\
             3. Provided crisis intervention\n\
             4. Repaired the office printer",
            None,
        );
        let r = m.match_description(&d);
        let first = &r.candidates[0];
        assert_eq!(first.code.as_str(), "4212");
        let e = first.duties.as_ref().unwrap();
        assert_eq!(e.of, 4);
        assert!(e.explained >= 2 && e.explained < 4, "{e:?}");
        assert!(e.best_noc_duty.is_some());
        // The probability comes from the description model, and the band
        // follows it.
        assert!(first.probability > 0.0 && first.probability < 1.0);
        assert_eq!(first.confidence, Confidence::of(first.probability));
        // Chinese duties are read against the Chinese text of the seed.
        let zh = Description::new(
            None,
            "评估客户的需求；协助客户寻找社区资源",
            None,
        );
        let r = m.match_description(&zh);
        assert_eq!(r.candidates[0].code.as_str(), "4212");
    }

    #[test]
    fn feedback_reads_the_first_groups_by_score() {
        let m = matcher();
        let n = m.index().groups().len();
        let seed = m.index().duties().group_of(&"4212".parse().unwrap());
        let seed = seed.unwrap();
        let mut scores = vec![0.0; n];
        scores[seed as usize] = 0.9;
        let mut f = Feedback { fit: vec![0.0; n], ..Default::default() };
        let mut order = vec![];
        m.feedback(&mut f, &mut order, &scores);
        // One group with a score: all the weight, and the fit of its own
        // best terms is the best.
        assert_eq!(f.groups, [(seed, 1.0)]);
        assert!(!f.terms.is_empty());
        assert!(f.terms.len() <= score::FEEDBACK_TERMS);
        let best = f.fit.iter().copied().fold(0.0, f32::max);
        assert!(best > 0.0 && f.fit[seed as usize] == best, "{:?}", f.fit);
        // More groups than feedback groups: the first by score, ties by
        // group, each weighing its score squared.
        let many: Vec<f32> =
            (0..n).map(|g| if g % 3 == 0 { 0.0 } else { 0.5 }).collect();
        let mut f = Feedback { fit: vec![0.0; n], ..Default::default() };
        m.feedback(&mut f, &mut order, &many);
        let expected: Vec<u32> = (0..n as u32)
            .filter(|g| g % 3 != 0)
            .take(score::FEEDBACK_GROUPS)
            .collect();
        let got: Vec<u32> = f.groups.iter().map(|(g, _)| *g).collect();
        assert_eq!(got, expected);
        let share = 1.0 / expected.len() as f32;
        assert!(f.groups.iter().all(|(_, w)| (w - share).abs() < 1e-6));
        // No group with a score: no feedback.
        let mut f = Feedback { fit: vec![0.0; n], ..Default::default() };
        m.feedback(&mut f, &mut order, &vec![0.0; n]);
        assert!(f.groups.is_empty() && f.terms.is_empty());
        assert!(f.fit.iter().all(|x| *x == 0.0));
    }

    #[test]
    fn the_first_groups_major_group_lifts_its_members() {
        let group = |code: &str| crate::index::GroupInfo {
            code: code.parse().unwrap(),
            title: Default::default(),
            in_data: true,
            unofficial_zh: None,
        };
        // Two groups tie; the first groups below them are all of one's
        // major group (42: community and social services, TEER 2).
        let groups: Vec<_> = ["41300", "42201", "42202", "42203", "64100"]
            .into_iter()
            .map(group)
            .collect();
        assert_eq!(major_group(&groups[1].code), Some(42));
        let mut scores = vec![0.8, 0.8, 0.6, 0.5, 0.0];
        let mut order = vec![];
        major_group_consensus(&groups, &mut order, &mut scores);
        assert!(scores[1] > scores[0], "{scores:?}");
        assert!(scores.iter().all(|s| *s <= 1.0));
        assert_eq!(scores[4], 0.0, "a group without a score keeps none");
        // The share is of squared scores: 42 holds 1.25 of 1.89.
        let lift = |share: f32| {
            (1.0 + score::MAJOR_GROUP_SHARE * share)
                / (1.0 + score::MAJOR_GROUP_SHARE)
        };
        let total = 0.64 + 0.64 + 0.36 + 0.25;
        assert!((scores[0] - 0.8 * lift(0.64 / total)).abs() < 1e-6);
        assert!((scores[1] - 0.8 * lift(1.25 / total)).abs() < 1e-6);
        // No group with a score: nothing moves.
        let mut none = vec![0.0; 5];
        major_group_consensus(&groups, &mut order, &mut none);
        assert!(none.iter().all(|s| *s == 0.0));
    }

    #[test]
    fn bad_descriptions_are_refused() {
        let err = |b: &[u8]| {
            Description::from_bytes(None, b, None).unwrap_err().to_string()
        };
        assert!(err(b"").contains("no duty found"));
        assert!(err(b" \n - \n").contains("no duty found"));
        assert!(err(b"plan\n\xff\xfe meals")
            .contains("line 2: the duties are not UTF-8"));
        assert!(err(b"plan meals\n\x00\x01\x02")
            .contains("line 2: the duties hold control"));
        let big = vec![b'a'; MAX_DESCRIPTION_BYTES + 1];
        assert!(err(&big).contains("longer than 256 KB"));
        let many = "- a duty\n".repeat(MAX_DUTIES + 5);
        let d = Description::from_bytes(None, many.as_bytes(), None).unwrap();
        assert_eq!(d.duties.len(), MAX_DUTIES);
    }
}
