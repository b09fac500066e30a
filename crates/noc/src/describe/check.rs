//! Checking a reference letter against one unit group, the way an
//! officer reads it: does the letter match the lead statement and a
//! substantial number of the main duties?
//!
//! [`check`] pairs every client duty with every main duty of the group
//! (the cosine of their duty terms, as in ranking) and reports:
//!
//! - the lead statement's fit (its best pairing with a client duty);
//! - each main duty with the client duty that covers it best, and how
//!   strongly ([`Strength`]);
//! - each client duty with the NOC duty it supports, or none ("not in
//!   this profile");
//! - coverage: the share of main duties covered and of client duties
//!   explained;
//! - a [`Verdict`] from that coverage ([`score::STRONG_MAIN_SHARE`] and
//!   the thresholds beside it, set from measurements on the labelled dev
//!   set);
//! - the group's "classified elsewhere" entries whose groups the duties
//!   fit as well, the codes that rank above it for the description, and
//!   a warning for each client duty that copies a NOC duty nearly word
//!   for word.
//!
//! The report types are plain serde data, apart from the model.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{score, Description, DutyQuery, StatementKind};
use crate::code::{NocCode, NocVersion};
use crate::error::{Error, ErrorKind, Result};
use crate::matcher::{detect_lang, Matcher};
use crate::model::Lang;
use crate::normalize::Normalizer;

/// How strongly a pairing of duties holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Cosine at least [`score::STRONG_COVER`]: most key words shared.
    Strong,
    /// Cosine at least [`score::COVERED`].
    Partial,
    /// Below: not covered.
    None,
}

impl Strength {
    /// How reports name it: `strong`, `partial`, `not covered`.
    pub fn label(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Partial => "partial",
            Strength::None => "not covered",
        }
    }
}

impl Strength {
    /// The strength of a pairing of cosine `cos`.
    pub fn of(cos: f32) -> Strength {
        if cos >= score::STRONG_COVER {
            Strength::Strong
        } else if cos >= score::COVERED {
            Strength::Partial
        } else {
            Strength::None
        }
    }
}

/// The overall reading of a letter against a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The letter covers a substantial share of the main duties and its
    /// duties belong to this profile.
    Strong,
    /// Some main duties are covered, not enough for a strong match.
    Partial,
    /// Few or no main duties are covered.
    Weak,
}

impl Verdict {
    /// How reports name it: `STRONG`, `PARTIAL`, `WEAK`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Strong => "STRONG",
            Verdict::Partial => "PARTIAL",
            Verdict::Weak => "WEAK",
        }
    }
}

impl Verdict {
    /// The verdict for a coverage (see [`score::STRONG_MAIN_SHARE`]).
    pub fn of(c: &Coverage) -> Verdict {
        if c.main_duties_share >= score::STRONG_MAIN_SHARE
            && c.client_duties_share >= score::STRONG_CLIENT_SHARE
        {
            Verdict::Strong
        } else if c.main_duties_covered >= 1
            && c.main_duties_share >= score::PARTIAL_MAIN_SHARE
        {
            Verdict::Partial
        } else {
            Verdict::Weak
        }
    }
}

/// The lead statement and how well the letter fits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadFit {
    /// The lead statement.
    pub text: String,
    /// The best cosine with a client duty, 0 to 1.
    pub fit: f32,
    /// How strongly.
    pub strength: Strength,
    /// The client duty that fits it best (index into
    /// [`CheckReport::client_duties`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_duty: Option<usize>,
}

/// One main duty of the group and the client duty that covers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MainDutyFit {
    /// The NOC duty.
    pub text: String,
    /// The client duty that covers it best, when one does (index into
    /// [`CheckReport::client_duties`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered_by: Option<usize>,
    /// The cosine of that pairing.
    pub similarity: f32,
    /// How strongly it is covered.
    pub strength: Strength,
}

/// One client duty and the NOC duty it supports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientDutyFit {
    /// The client's duty.
    pub text: String,
    /// The main duty it supports (index into [`CheckReport::main_duties`]),
    /// or none: not in this profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports: Option<usize>,
    /// Whether it fits the lead statement rather than a main duty.
    pub lead_statement: bool,
    /// The cosine of its best pairing.
    pub similarity: f32,
    /// How strongly.
    pub strength: Strength,
    /// How a Chinese duty was read in English, through the project's
    /// unofficial lexicon; none for other languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<DutyReading>,
}

/// The English a Chinese client duty was read as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DutyReading {
    /// The English words, each Chinese word in the sense its context
    /// supports.
    pub english: String,
    /// Who made the translation: [`crate::zh::PROVENANCE`].
    pub source: String,
}

/// How much of the profile the letter covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Main duties covered by some client duty.
    pub main_duties_covered: usize,
    /// Main duties of the group.
    pub main_duties: usize,
    /// Their share, 0 to 1.
    pub main_duties_share: f32,
    /// Client duties that some main duty or the lead statement explains.
    pub client_duties_explained: usize,
    /// Client duties given.
    pub client_duties: usize,
    /// Their share, 0 to 1.
    pub client_duties_share: f32,
}

/// A "classified elsewhere" entry of the group that the duties point to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Elsewhere {
    /// The entry as the group writes it.
    pub text: String,
    /// The group it points to.
    pub code: NocCode,
    /// That group's title.
    pub title: String,
    /// The letter's coverage of that group.
    pub coverage: Coverage,
}

/// Another group that fits the description better.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherFit {
    /// The code.
    pub code: NocCode,
    /// Its title.
    pub title: String,
    /// Its rank for the description (1 for the first).
    pub rank: usize,
    /// Its score for the description.
    pub score: f32,
    /// The letter's coverage of that group.
    pub coverage: Coverage,
}

/// A client duty that copies a NOC duty nearly word for word.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyWarning {
    /// The client duty (index into [`CheckReport::client_duties`]).
    pub client_duty: usize,
    /// The main duty it copies (index into [`CheckReport::main_duties`]).
    pub main_duty: usize,
    /// The share of the client duty's word pairs found, in order, in the
    /// NOC duty.
    pub overlap: f32,
    /// Whether it is a Chinese duty whose English reading matches the
    /// NOC duty this closely (a translation of it, as the Chinese
    /// renderings of NOC duties that circulate online are), rather than
    /// its own words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translated: bool,
}

impl CopyWarning {
    /// What the client duty does with the main duty: `copies`, or
    /// `translates` for a Chinese duty whose English reading matches.
    pub fn describe(&self) -> &'static str {
        if self.translated {
            "translates"
        } else {
            "copies"
        }
    }
}

/// The result of checking a letter against one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// The group checked.
    pub code: NocCode,
    /// Its title.
    pub title: String,
    /// The NOC version of the data.
    pub version: NocVersion,
    /// The language of the NOC text shown.
    pub lang: Lang,
    /// The client's job title, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_title: Option<String>,
    /// The lead statement's fit, when the group has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_statement: Option<LeadFit>,
    /// Each main duty and what covers it.
    pub main_duties: Vec<MainDutyFit>,
    /// Each client duty and what it supports.
    pub client_duties: Vec<ClientDutyFit>,
    /// The coverage.
    pub coverage: Coverage,
    /// The verdict.
    pub verdict: Verdict,
    /// "Classified elsewhere" entries the duties point to.
    pub classified_elsewhere: Vec<Elsewhere>,
    /// Groups that rank above this one for the description.
    pub better_fits: Vec<OtherFit>,
    /// Client duties copied from the NOC text.
    pub copied: Vec<CopyWarning>,
    /// What the letter held besides duties (letterhead, dates, hours,
    /// signature), not counted in the coverage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<super::SetAside>,
    /// Duty statements beyond [`super::MAX_DUTIES`], not read.
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub left_out: usize,
}

/// The pairings of a description with one group's statements in one
/// language.
struct GroupFit {
    lang: Lang,
    lead: Option<u32>,
    duties: Vec<u32>,
    /// Per client duty, the cosine with the lead (if any) and each duty.
    lead_cos: Vec<f32>,
    cos: Vec<Vec<f32>>,
}

impl GroupFit {
    fn new(
        matcher: &Matcher,
        g: u32,
        queries: &[DutyQuery],
        client_keys: &[Vec<String>],
        lang: Option<Lang>,
    ) -> GroupFit {
        let ix = matcher.index().duties();
        let range = ix.group_statements(g);
        // The language whose statements the letter fits best; ties go to
        // the letter's own language, then English.
        let mut langs: Vec<Lang> = vec![];
        for s in range.clone() {
            let (l, _) = ix.lang_and_kind(s);
            if !langs.contains(&l) {
                langs.push(l);
            }
        }
        let total = |l: Lang| -> f32 {
            queries
                .iter()
                .map(|q| {
                    range
                        .clone()
                        .filter(|s| ix.lang_and_kind(*s).0 == l)
                        .map(|s| q.cosine(ix, s))
                        .fold(0.0, f32::max)
                })
                .sum()
        };
        let preferred = lang
            .filter(|l| langs.contains(l))
            .or_else(|| langs.contains(&Lang::En).then_some(Lang::En));
        let mut best =
            preferred.or(langs.first().copied()).unwrap_or(Lang::En);
        // An English or French letter is read against its own language's
        // statements when the group has them, as ranking reads it, so
        // both count the same duties explained; a Chinese letter (read
        // through its English reading) or one of unknown language against
        // the language it fits best.
        let own = lang.filter(|l| *l != Lang::Zh && langs.contains(l));
        if own.is_none() {
            let mut best_total = total(best);
            for &l in &langs {
                let t = total(l);
                if t > best_total + 1e-6 {
                    best = l;
                    best_total = t;
                }
            }
        }
        let mut lead = None;
        let mut duties = vec![];
        for s in range {
            let (l, kind) = ix.lang_and_kind(s);
            if l != best {
                continue;
            }
            match kind {
                StatementKind::Lead => lead = lead.or(Some(s)),
                StatementKind::Duty => duties.push(s),
            }
        }
        // A pairing that shares one word only is at most partial
        // (`score::ONE_WORD_COVER`); the shared words are counted on all
        // the words of both, also those too common to be indexed.
        let mut statement_keys: std::collections::HashMap<u32, Vec<String>> =
            Default::default();
        let mut pairing = |i: usize, s: u32| -> f32 {
            let c = queries[i].cosine(ix, s);
            if c <= score::ONE_WORD_COVER {
                return c;
            }
            let keys = statement_keys.entry(s).or_insert_with(|| {
                let st = ix.statement(s);
                let analysed = super::analyze_duty(st.text, Some(st.lang));
                super::duty_keys(&analysed)
                    .into_iter()
                    .map(String::from)
                    .collect()
            });
            let shared = client_keys.get(i).map_or(0, |ck| {
                ck.iter().filter(|k| keys.contains(k)).count()
            });
            if shared <= 1 {
                c.min(score::ONE_WORD_COVER)
            } else {
                c
            }
        };
        let lead_cos = (0..queries.len())
            .map(|i| lead.map_or(0.0, |s| pairing(i, s)))
            .collect();
        let cos = (0..queries.len())
            .map(|i| duties.iter().map(|s| pairing(i, *s)).collect())
            .collect();
        GroupFit { lang: best, lead, duties, lead_cos, cos }
    }

    /// The best main duty of client duty `i`, with its cosine.
    fn best_duty(&self, i: usize) -> (Option<usize>, f32) {
        self.cos[i].iter().enumerate().fold((None, 0.0), |(bj, bc), (j, c)| {
            if *c > bc {
                (Some(j), *c)
            } else {
                (bj, bc)
            }
        })
    }

    /// The best client duty of main duty `j`, with its cosine.
    fn best_client(&self, j: usize) -> (Option<usize>, f32) {
        (0..self.cos.len()).fold((None, 0.0), |(bi, bc), i| {
            let c = self.cos[i][j];
            if c > bc {
                (Some(i), c)
            } else {
                (bi, bc)
            }
        })
    }

    fn coverage(&self) -> Coverage {
        let covered = (0..self.duties.len())
            .filter(|j| self.best_client(*j).1 >= score::COVERED)
            .count();
        let explained = (0..self.cos.len())
            .filter(|i| {
                self.best_duty(*i).1.max(self.lead_cos[*i]) >= score::COVERED
            })
            .count();
        let share = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                a as f32 / b as f32
            }
        };
        Coverage {
            main_duties_covered: covered,
            main_duties: self.duties.len(),
            main_duties_share: share(covered, self.duties.len()),
            client_duties_explained: explained,
            client_duties: self.cos.len(),
            client_duties_share: share(explained, self.cos.len()),
        }
    }

    /// The mean over client duties of their best pairing.
    fn alignment(&self) -> f32 {
        let n = self.cos.len().max(1) as f32;
        (0..self.cos.len())
            .map(|i| self.best_duty(i).1.max(self.lead_cos[i]))
            .sum::<f32>()
            / n
    }
}

/// The word pairs of a text, folded, in order; in Chinese, whose words
/// are not spaced, each Han character counts as a word.
fn word_pairs(text: &str) -> Vec<(String, String)> {
    let folded = Normalizer::shared().fold(text);
    let mut words: Vec<String> = vec![];
    for run in folded.split(|c: char| !c.is_alphanumeric()) {
        let mut latin = String::new();
        for c in run.chars() {
            if crate::zh::is_han(c) {
                if !latin.is_empty() {
                    words.push(std::mem::take(&mut latin));
                }
                words.push(c.to_string());
            } else {
                latin.push(c);
            }
        }
        if !latin.is_empty() {
            words.push(latin);
        }
    }
    words.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect()
}

/// The pairs of adjacent duty keys of analysed duty text (`analysed`
/// as [`super::analyze_duty`] gives it): word pairs that forgive the
/// tense, number and small words a translation changes.
fn key_pairs(analysed: &[String]) -> Vec<(String, String)> {
    let keys = super::duty_keys(analysed);
    keys.windows(2).map(|w| (w[0].to_string(), w[1].to_string())).collect()
}

/// The share of `a`'s word pairs that `b` has.
fn pair_overlap(a: &[(String, String)], b: &[(String, String)]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|p| b.contains(p)).count() as f32 / a.len() as f32
}

/// The unit group `code` as the index knows it, or why it cannot be
/// checked.
fn group_to_check(matcher: &Matcher, code: &NocCode) -> Result<u32> {
    let index = matcher.index();
    let bad =
        |msg: String| Error::new(ErrorKind::Description { msg, line: None });
    let version = index.version();
    let Some(g) = index.duties().group_of(code) else {
        return Err(bad(format!(
            "{code} is not a unit group of the loaded NOC {version} data; \
             expected the code of a unit group ({} digits)",
            if version == NocVersion::V2021 { 5 } else { 4 }
        )));
    };
    let info = &index.groups()[g as usize];
    if !info.in_data {
        return Err(bad(format!(
            "{code} is known only as a \"classified elsewhere\" target; its \
             profile is not in the loaded data"
        )));
    }
    let ix = index.duties();
    let has_duties = ix
        .group_statements(g)
        .any(|s| ix.lang_and_kind(s).1 == StatementKind::Duty);
    if !has_duties {
        return Err(bad(format!(
            "{code} has no main duties in the loaded NOC {version} data \
             (the NOC 2011 and 2016 tables carry titles only); install NOC \
             2021 (noc data fetch) or use a profile with duties"
        )));
    }
    Ok(g)
}

/// How many better-fitting codes to report at most.
const BETTER_FITS: usize = 3;

/// Checks `d` against unit group `code`, reading the duties in the
/// matcher's language (None: detected).
pub fn check(
    matcher: &Matcher,
    code: &NocCode,
    d: &Description,
) -> Result<CheckReport> {
    check_in(matcher, code, d, matcher.config().lang)
}

/// Checks `d` against unit group `code`, reading the duties as `lang`
/// (`None`: detected) instead of the matcher's configured language.
pub fn check_in(
    matcher: &Matcher,
    code: &NocCode,
    d: &Description,
    lang: Option<Lang>,
) -> Result<CheckReport> {
    let g = group_to_check(matcher, code)?;
    if d.duties.is_empty() {
        return Err(Error::new(ErrorKind::Description {
            line: None,
            msg: "no duty to check; expected duty statements".to_string(),
        }));
    }
    let index = matcher.index();
    let ix = index.duties();
    let lang = lang.or_else(|| detect_lang(&d.duties.join("\n")));
    // Each duty is read once; a Chinese one's English reading is shown
    // beside it.
    let (analysed, readings): (Vec<Vec<String>>, Vec<Option<String>>) =
        d.duties.iter().map(|t| super::read_client_duty(ix, t, lang)).unzip();
    let queries: Vec<DutyQuery> =
        analysed.iter().map(|a| DutyQuery::of(ix, a)).collect();
    let client_keys: Vec<Vec<String>> = analysed
        .iter()
        .map(|a| super::duty_keys(a).into_iter().map(String::from).collect())
        .collect();
    let fit = GroupFit::new(matcher, g, &queries, &client_keys, lang);
    let text_of = |s: u32| ix.statement(s).text.to_string();
    let lead_statement = fit.lead.map(|s| {
        let (i, c) = fit.lead_cos.iter().enumerate().fold(
            (None, 0.0),
            |(bi, bc), (i, c)| if *c > bc { (Some(i), *c) } else { (bi, bc) },
        );
        LeadFit {
            text: text_of(s),
            fit: c,
            strength: Strength::of(c),
            client_duty: i,
        }
    });
    let main_duties: Vec<MainDutyFit> = fit
        .duties
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let (i, c) = fit.best_client(j);
            let strength = Strength::of(c);
            MainDutyFit {
                text: text_of(*s),
                covered_by: i.filter(|_| strength != Strength::None),
                similarity: c,
                strength,
            }
        })
        .collect();
    let client_duties: Vec<ClientDutyFit> = d
        .duties
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (j, c) = fit.best_duty(i);
            let lead = fit.lead_cos[i] > c;
            let best = c.max(fit.lead_cos[i]);
            let strength = Strength::of(best);
            ClientDutyFit {
                text: text.clone(),
                supports: j.filter(|_| !lead && strength != Strength::None),
                lead_statement: lead && strength != Strength::None,
                similarity: best,
                strength,
                reading: readings[i].clone().map(|english| DutyReading {
                    english,
                    source: crate::zh::PROVENANCE.to_string(),
                }),
            }
        })
        .collect();
    let coverage = fit.coverage();
    let verdict = Verdict::of(&coverage);
    let title_of = |g: u32| {
        let t = &index.groups()[g as usize].title;
        t.get_or_any(fit.lang).cloned().unwrap_or_default()
    };
    // "Classified elsewhere" entries whose groups the letter fits at least
    // nearly as well as this one.
    let own = fit.alignment();
    let mut targets: Vec<(u32, &str)> = vec![];
    for (target, l, text) in ix.exclusions(g) {
        match targets.iter_mut().find(|(t, _)| *t == target) {
            Some(t) if l == fit.lang => t.1 = text,
            Some(_) => {}
            None => targets.push((target, text)),
        }
    }
    let mut classified_elsewhere: Vec<Elsewhere> = vec![];
    for (t, text) in targets {
        let target = &index.groups()[t as usize];
        if !target.in_data {
            continue;
        }
        let other = GroupFit::new(matcher, t, &queries, &client_keys, lang);
        // "Fits as well" means something only if it fits at all: a letter
        // that covers nothing of either group points to neither.
        let coverage = other.coverage();
        if other.duties.is_empty()
            || coverage.main_duties_covered == 0
            || other.alignment() < score::ELSEWHERE_SHARE * own
        {
            continue;
        }
        classified_elsewhere.push(Elsewhere {
            text: text.to_string(),
            code: target.code,
            title: title_of(t),
            coverage,
        });
    }
    // Codes ranked above this one for the whole description.
    let config = crate::matcher::Config::DEFAULT
        .top(BETTER_FITS + 1)
        .min_score(0.0)
        .lang(lang);
    let ranked = matcher.describe_with(
        &mut super::DescribeScratch::default(),
        d,
        &config,
    );
    let mut better_fits = vec![];
    for (rank, c) in ranked.candidates.iter().enumerate() {
        if c.code == *code || better_fits.len() == BETTER_FITS {
            break;
        }
        let Some(og) = ix.group_of(&c.code) else { continue };
        better_fits.push(OtherFit {
            code: c.code,
            title: title_of(og),
            rank: rank + 1,
            score: c.score,
            coverage: GroupFit::new(matcher, og, &queries, &client_keys, lang)
                .coverage(),
        });
    }
    let mut copied = vec![];
    let noc_pairs: Vec<_> =
        main_duties.iter().map(|m| word_pairs(&m.text)).collect();
    // A Chinese duty is compared with the group's Chinese duties too,
    // when the data has them (the bilingual profiles) and the report
    // shows another language: item for item the same duties.
    let chinese_pairs: Vec<_> = {
        let zh: Vec<u32> = ix
            .group_statements(g)
            .filter(|s| {
                ix.lang_and_kind(*s) == (Lang::Zh, StatementKind::Duty)
            })
            .collect();
        let wanted = fit.lang != Lang::Zh
            && zh.len() == main_duties.len()
            && readings.iter().any(Option::is_some);
        if wanted {
            zh.iter().map(|s| word_pairs(ix.statement(*s).text)).collect()
        } else {
            vec![]
        }
    };
    let best_overlap = |mine: &[(String, String)], theirs: &[Vec<_>]| {
        theirs
            .iter()
            .enumerate()
            .map(|(j, p)| (j, pair_overlap(mine, p)))
            .fold(None, |b: Option<(usize, f32)>, x| match b {
                Some(b) if b.1 >= x.1 => Some(b),
                _ => Some(x),
            })
    };
    // A Chinese duty is also compared, by its English reading, with the
    // NOC duties' words: a translated copy.
    let noc_key_pairs: Vec<_> = if readings.iter().any(Option::is_some) {
        main_duties
            .iter()
            .map(|m| key_pairs(&super::analyze_duty(&m.text, Some(fit.lang))))
            .collect()
    } else {
        vec![]
    };
    for (i, text) in d.duties.iter().enumerate() {
        let mine = word_pairs(text);
        let own = (mine.len() >= 3)
            .then(|| {
                let a = best_overlap(&mine, &noc_pairs);
                let b = readings[i]
                    .as_ref()
                    .and_then(|_| best_overlap(&mine, &chinese_pairs));
                match (a, b) {
                    (Some(a), Some(b)) if b.1 > a.1 => Some(b),
                    (a, b) => a.or(b),
                }
            })
            .flatten()
            .filter(|b| b.1 >= score::COPIED);
        let translated = || {
            readings[i].as_ref()?;
            let mine = key_pairs(&analysed[i]);
            (mine.len() >= score::TRANSLATED_COPY_PAIRS)
                .then(|| best_overlap(&mine, &noc_key_pairs))
                .flatten()
                .filter(|b| b.1 >= score::TRANSLATED_COPY)
        };
        if let Some((j, o)) = own {
            copied.push(CopyWarning {
                client_duty: i,
                main_duty: j,
                overlap: o,
                translated: false,
            });
        } else if let Some((j, o)) = translated() {
            copied.push(CopyWarning {
                client_duty: i,
                main_duty: j,
                overlap: o,
                translated: true,
            });
        }
    }
    Ok(CheckReport {
        code: *code,
        title: title_of(g),
        version: index.version(),
        lang: fit.lang,
        client_title: d.title.clone(),
        lead_statement,
        main_duties,
        client_duties,
        coverage,
        verdict,
        classified_elsewhere,
        better_fits,
        copied,
        set_aside: d.set_aside.clone(),
        left_out: d.left_out,
    })
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl CheckReport {
    /// The report as Markdown (`noc check --format markdown`): a summary,
    /// tables of the main and client duties, warnings and the codes that
    /// fit better.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = write_markdown(&mut out, self);
        out
    }
}

fn write_markdown(out: &mut String, r: &CheckReport) -> std::fmt::Result {
    let c = &r.coverage;
    writeln!(out, "# Reference letter check: NOC {} {}", r.code, r.title)?;
    writeln!(out)?;
    if let Some(t) = &r.client_title {
        writeln!(out, "- Letter title: {}", cell(t))?;
    }
    writeln!(out, "- NOC version: {}", r.version)?;
    writeln!(out, "- Verdict: **{}**", r.verdict.label().to_lowercase())?;
    writeln!(
        out,
        "- Main duties covered: {} of {} ({})",
        c.main_duties_covered,
        c.main_duties,
        percent(c.main_duties_share)
    )?;
    writeln!(
        out,
        "- Client duties explained: {} of {} ({})",
        c.client_duties_explained,
        c.client_duties,
        percent(c.client_duties_share)
    )?;
    if let Some(lead) = &r.lead_statement {
        writeln!(out)?;
        writeln!(
            out,
            "## Lead statement (fit {:.2}, {})",
            lead.fit,
            lead.strength.label()
        )?;
        writeln!(out)?;
        writeln!(out, "> {}", cell(&lead.text))?;
    }
    writeln!(out)?;
    writeln!(out, "## Main duties")?;
    writeln!(out)?;
    writeln!(out, "| # | NOC main duty | Covered by | Strength |")?;
    writeln!(out, "|---|---|---|---|")?;
    for (j, m) in r.main_duties.iter().enumerate() {
        let by = m
            .covered_by
            .map(|i| format!("client duty {} ({:.2})", i + 1, m.similarity))
            .unwrap_or_else(|| "—".to_string());
        writeln!(
            out,
            "| {} | {} | {by} | {} |",
            j + 1,
            cell(&m.text),
            m.strength.label()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Client duties")?;
    writeln!(out)?;
    writeln!(out, "| # | Client duty | Supports |")?;
    writeln!(out, "|---|---|---|")?;
    for (i, d) in r.client_duties.iter().enumerate() {
        let what = match (d.supports, d.lead_statement) {
            (Some(j), _) => format!(
                "main duty {} ({}, {:.2})",
                j + 1,
                d.strength.label(),
                d.similarity
            ),
            (None, true) => format!("lead statement ({:.2})", d.similarity),
            (None, false) => "not in this profile".to_string(),
        };
        let text = match &d.reading {
            Some(r) => format!(
                "{} (read as: {}; unofficial translation)",
                d.text, r.english
            ),
            None => d.text.clone(),
        };
        writeln!(out, "| {} | {} | {what} |", i + 1, cell(&text))?;
    }
    if !r.set_aside.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Set aside: letter text, not duties")?;
        writeln!(out)?;
        writeln!(out, "| Text | Read as |")?;
        writeln!(out, "|---|---|")?;
        for a in &r.set_aside {
            writeln!(out, "| {} | {} |", cell(&a.text), a.part.label())?;
        }
    }
    if r.left_out > 0 || !r.copied.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Warnings")?;
        writeln!(out)?;
    }
    if r.left_out > 0 {
        writeln!(out, "- {}", left_out_note(r.left_out))?;
    }
    if !r.copied.is_empty() {
        for w in &r.copied {
            writeln!(
                out,
                "- Client duty {} {} main duty {} nearly word for word \
                 ({} of its word pairs).",
                w.client_duty + 1,
                w.describe(),
                w.main_duty + 1,
                percent(w.overlap)
            )?;
        }
    }
    if !r.classified_elsewhere.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Classified elsewhere")?;
        writeln!(out)?;
        for e in &r.classified_elsewhere {
            writeln!(
                out,
                "- {} → {} {} (main duties covered {})",
                cell(&e.text),
                e.code,
                cell(&e.title),
                percent(e.coverage.main_duties_share)
            )?;
        }
    }
    if !r.better_fits.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Codes that fit the description better")?;
        writeln!(out)?;
        for b in &r.better_fits {
            writeln!(
                out,
                "- {}. {} {} (score {:.3}; main duties covered {}, client \
                 duties explained {})",
                b.rank,
                b.code,
                cell(&b.title),
                b.score,
                percent(b.coverage.main_duties_share),
                percent(b.coverage.client_duties_share)
            )?;
        }
    }
    Ok(())
}

/// What reports say of duties left out beyond [`super::MAX_DUTIES`].
pub fn left_out_note(n: usize) -> String {
    format!(
        "Only the first {} duty statements were read; {n} more were left \
         out (split a longer text into several checks)",
        super::MAX_DUTIES
    )
}

fn percent(x: f32) -> String {
    format!("{:.0} %", x * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    fn matcher() -> Matcher {
        Matcher::new(Index::build(crate::embedded::classification()))
    }

    fn code(c: &str) -> NocCode {
        NocCode::new(c).unwrap()
    }

    #[test]
    fn a_letter_in_its_own_words() {
        let m = matcher();
        let d = Description::new(
            Some("Community support worker"),
            "- Met with clients to assess their needs and strengths\n\
             - Referred clients to community resources such as housing \
             and legal aid\n\
             - Ran life skills workshops for youth\n\
             - Provided crisis intervention\n\
             - Washed the van and repaired the printer",
            None,
        );
        let r = check(&m, &code("4212"), &d).unwrap();
        assert_eq!(r.client_duties.len(), 5);
        assert!(r.coverage.main_duties_covered >= 3, "{:#?}", r.coverage);
        assert!(
            r.client_duties[4].supports.is_none(),
            "{:#?}",
            r.client_duties[4]
        );
        assert_eq!(r.client_duties[4].strength, Strength::None);
        assert!(r.copied.is_empty());
        assert!(r.better_fits.is_empty(), "{:?}", r.better_fits);
        let covered: Vec<_> =
            r.main_duties.iter().filter_map(|m| m.covered_by).collect();
        assert!(covered.contains(&1), "{covered:?}");
    }

    /// A list of keywords is not a letter of duties: each names a topic
    /// of the profile, none states a duty.
    #[test]
    fn keywords_cover_nothing() {
        let m = matcher();
        let d =
            Description::new(None, "- Clients\n- Workshops\n- Shelter", None);
        let r = check(&m, &code("4212"), &d).unwrap();
        assert_eq!(r.coverage.main_duties_covered, 0, "{:#?}", r.coverage);
        assert_eq!(r.coverage.client_duties_explained, 0);
        assert_eq!(r.verdict, Verdict::Weak);
    }

    #[test]
    fn a_copied_duty_is_flagged() {
        let m = matcher();
        let d = Description::new(
            None,
            "- Refer clients to other social services or assist clients in \
             locating and utilizing community resources including legal, \
             medical and financial assistance, housing and employment\n\
             - Kept statistics",
            None,
        );
        let r = check(&m, &code("4212"), &d).unwrap();
        assert_eq!(r.copied.len(), 1, "{:?}", r.copied);
        assert_eq!(r.copied[0].client_duty, 0);
        let j = r.copied[0].main_duty;
        assert!(r.main_duties[j].text.starts_with("Refer clients"));
    }

    #[test]
    fn a_copied_chinese_duty_is_flagged() {
        // The seed's own Chinese, character for character: a copy.
        let m = matcher();
        let d = Description::new(
            None,
            "1. 审查客户背景资料，采访客户以获得病历，并准备引入报告\n\
             2. 每天写工作日志",
            None,
        );
        let r = check(&m, &code("4212"), &d).unwrap();
        assert_eq!(r.copied.len(), 1, "{:?}", r.copied);
        assert_eq!(r.copied[0].client_duty, 0);
        assert!(!r.copied[0].translated);
        assert_eq!(r.copied[0].describe(), "copies");
    }

    #[test]
    fn a_translated_duty_is_flagged() {
        // A profile in English only: the Chinese duty translates its
        // first duty; the second, short one matches by chance only.
        let text = "## 1111 甲 Intake workers - X NOC\n\n甲。\n\nLead.\n\n\
                    ## 1111 甲主要职责 Main duties - X NOC\n\n\
                    * 甲\nReview client background information, interview \
                    clients to obtain case history and prepare intake reports\n\n\
                    * 乙\nMaintain program statistics\n";
        let mut groups = crate::parse::profile::parse_profiles(text).unwrap();
        // Keep the English text only, as NOC 2021's profiles have it.
        for g in &mut groups {
            g.lead_statement.zh = None;
            for section in &mut g.main_duties {
                for item in &mut section.items {
                    item.zh = None;
                }
            }
        }
        let c = crate::Classification::new(NocVersion::V2011, groups);
        let m = Matcher::new(crate::index::Index::build(&c));
        let d = Description::new(
            None,
            "审查客户背景资料，采访客户以获得病历，并准备引入报告\n维持项目统计",
            None,
        );
        let r = check(&m, &code("1111"), &d).unwrap();
        assert_eq!(r.copied.len(), 1, "{:?}", r.copied);
        let w = &r.copied[0];
        assert_eq!((w.client_duty, w.main_duty), (0, 0));
        assert!(w.translated && w.overlap >= score::TRANSLATED_COPY);
        assert_eq!(w.describe(), "translates");
        assert!(r
            .to_markdown()
            .contains("Client duty 1 translates main duty 1"));
    }

    #[test]
    fn codes_that_cannot_be_checked() {
        let m = matcher();
        let d = Description::new(None, "Counsel clients", None);
        let e = check(&m, &code("9999"), &d).unwrap_err().to_string();
        assert!(e.contains("not a unit group of the loaded NOC 2011"), "{e}");
        let e = check(&m, &code("4152"), &d).unwrap_err().to_string();
        assert!(e.contains("known only as a \"classified elsewhere\""), "{e}");
        let none = Description::default();
        let e = check(&m, &code("4212"), &none).unwrap_err().to_string();
        assert!(e.contains("no duty"), "{e}");
    }

    #[test]
    fn verdict_thresholds() {
        let c = |main: f32, covered: usize, client: f32| Coverage {
            main_duties_covered: covered,
            main_duties: 10,
            main_duties_share: main,
            client_duties_explained: 0,
            client_duties: 4,
            client_duties_share: client,
        };
        assert_eq!(Verdict::of(&c(0.4, 4, 0.75)), Verdict::Strong);
        assert_eq!(Verdict::of(&c(0.4, 4, 0.25)), Verdict::Partial);
        assert_eq!(Verdict::of(&c(0.1, 1, 1.0)), Verdict::Partial);
        assert_eq!(Verdict::of(&c(0.0, 0, 1.0)), Verdict::Weak);
    }
}
