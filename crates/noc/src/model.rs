//! The data model: classes (unit groups and the groups above them), their
//! titles, duties and links, and a whole classification.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::code::{Level, NocCode, NocVersion};
use crate::error::{Error, Result};

/// A language of NOC text.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// All languages, in display order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Zh];

    /// The ISO 639-1 code: `en`, `fr`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Zh => "zh",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "fr" | "fra" | "fre" | "french" => Ok(Lang::Fr),
            "zh" | "chi" | "zho" | "chinese" => Ok(Lang::Zh),
            _ => Err(Error::invalid_code(
                s,
                "unknown language; expected en, fr or zh",
            )),
        }
    }
}

/// One value per language; any of them may be missing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Multilingual<T> {
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<T>,
    /// French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<T>,
    /// Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<T>,
}

/// Text in one or more languages.
pub type Text = Multilingual<String>;

impl<T> Default for Multilingual<T> {
    fn default() -> Multilingual<T> {
        Multilingual::empty()
    }
}

impl<T> Multilingual<T> {
    /// Nothing in any language.
    pub fn empty() -> Multilingual<T> {
        Multilingual { en: None, fr: None, zh: None }
    }

    /// A value in one language.
    pub fn one(lang: Lang, value: T) -> Multilingual<T> {
        let mut m = Multilingual::empty();
        m.set(lang, value);
        m
    }

    /// The value in `lang`.
    pub fn get(&self, lang: Lang) -> Option<&T> {
        match lang {
            Lang::En => self.en.as_ref(),
            Lang::Fr => self.fr.as_ref(),
            Lang::Zh => self.zh.as_ref(),
        }
    }

    /// Sets the value in `lang`.
    pub fn set(&mut self, lang: Lang, value: T) {
        *self.slot(lang) = Some(value);
    }

    fn slot(&mut self, lang: Lang) -> &mut Option<T> {
        match lang {
            Lang::En => &mut self.en,
            Lang::Fr => &mut self.fr,
            Lang::Zh => &mut self.zh,
        }
    }

    /// The value in `lang`, else in the first language that has one.
    pub fn get_or_any(&self, lang: Lang) -> Option<&T> {
        self.get(lang).or_else(|| self.iter().next().map(|(_, v)| v))
    }

    /// The languages present, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &T)> {
        Lang::ALL.into_iter().filter_map(move |l| self.get(l).map(|v| (l, v)))
    }

    /// True when no language has a value.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Fills the languages missing here from `other`.
    pub fn merge(&mut self, other: Multilingual<T>) {
        for (lang, v) in
            [(Lang::En, other.en), (Lang::Fr, other.fr), (Lang::Zh, other.zh)]
        {
            if let Some(v) = v {
                let slot = self.slot(lang);
                if slot.is_none() {
                    *slot = Some(v);
                }
            }
        }
    }
}

impl Text {
    /// The text in `lang`, else in any language, else "".
    pub fn show(&self, lang: Lang) -> &str {
        self.get_or_any(lang).map(String::as_str).unwrap_or("")
    }
}

/// One job title of one language, split into its parts.
///
/// NOC titles carry a qualifier after a dash
/// (`rehabilitation worker – social services`) and sometimes an exception
/// in parentheses (`child-care worker (except day care)`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TitleForm {
    /// The title as the source wrote it.
    pub original: String,
    /// The title without qualifier and exception.
    pub base: String,
    /// What follows ` - ` or ` – `, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The text of an `(except …)` / `(sauf …)` / `（除…）` part, without
    /// the word "except".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
}

impl TitleForm {
    /// Splits a title into base, qualifier and exception.
    ///
    /// # Example
    /// ```
    /// use noc::TitleForm;
    /// let t = TitleForm::parse("child-care worker (except day care)");
    /// assert_eq!(t.base, "child-care worker");
    /// assert_eq!(t.exception.as_deref(), Some("day care"));
    /// let t = TitleForm::parse("rehabilitation worker – social services");
    /// assert_eq!(t.base, "rehabilitation worker");
    /// assert_eq!(t.qualifier.as_deref(), Some("social services"));
    /// ```
    pub fn parse(original: &str) -> TitleForm {
        let original = original.trim().to_string();
        if !original.contains(['(', '（', '-', '–', '—']) {
            return TitleForm {
                base: original.clone(),
                qualifier: None,
                exception: None,
                original,
            };
        }
        let (mut rest, exception) = split_exception(&original);
        let mut qualifier = None;
        for sep in [" – ", " - ", " — "] {
            if let Some(i) = rest.find(sep) {
                let q = rest[i + sep.len()..].trim();
                if !q.is_empty() {
                    qualifier = Some(q.to_string());
                }
                rest = rest[..i].trim().to_string();
                break;
            }
        }
        TitleForm { base: rest, qualifier, exception, original }
    }
}

/// Splits `(except …)`, `(sauf …)` or `（除…）` off a title.
fn split_exception(title: &str) -> (String, Option<String>) {
    const OPENERS: [(&str, &str); 4] =
        [("(except ", ")"), ("(sauf ", ")"), ("（除", "）"), ("(除", ")")];
    for (open, close) in OPENERS {
        if let Some(i) = title.find(open) {
            let after = &title[i + open.len()..];
            let end = after.find(close).unwrap_or(after.len());
            let exception = after[..end].trim().to_string();
            let rest = format!(
                "{} {}",
                title[..i].trim_end(),
                after.get(end + close.len()..).unwrap_or("").trim_start()
            );
            return (rest.trim().to_string(), Some(exception));
        }
    }
    (title.to_string(), None)
}

/// A job title in one or more languages.
pub type Title = Multilingual<TitleForm>;

impl Title {
    /// A title from its text in each language given.
    pub fn from_texts(texts: &[(Lang, &str)]) -> Title {
        let mut t = Title::empty();
        for (lang, s) in texts {
            t.set(*lang, TitleForm::parse(s));
        }
        t
    }
}

/// A "classified elsewhere" entry: an occupation that this group leaves
/// to another one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// The occupation excluded, as written (`Social workers`).
    pub text: Text,
    /// The class it belongs to, when the source names it. In NOC 2021 it
    /// may be a minor group (`9001`) rather than a unit group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<NocCode>,
    /// The title of the target class, when the source gives it.
    #[serde(default, skip_serializing_if = "Multilingual::is_empty")]
    pub target_title: Text,
}

/// Main duties, or one sub-occupation's part of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutySection {
    /// The sub-occupation these duties belong to, where the unit group
    /// lists duties per sub-occupation (`Insurance managers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text>,
    /// The duties.
    pub items: Vec<Text>,
}

/// Titles written by the noc project, not by Statistics Canada: an
/// unofficial translation, kept apart from the official text
/// ([`crate::zh::PROVENANCE`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnofficialTitles {
    /// Their language.
    pub lang: Lang,
    /// The class title, translated.
    pub title: String,
    /// Job titles people write for the work (unit groups).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Who wrote them: always says they are unofficial.
    pub source: String,
}

/// A class of the NOC at any level; unit groups carry the full profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The code.
    pub code: NocCode,
    /// The version of the classification.
    pub version: NocVersion,
    /// The level in the hierarchy.
    pub level: Level,
    /// The class title.
    pub title: Text,
    /// The lead statement (class definition).
    #[serde(default, skip_serializing_if = "Multilingual::is_empty")]
    pub lead_statement: Text,
    /// The illustrative (example) titles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_titles: Vec<Title>,
    /// The full index of titles ("All titles" / "All examples").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_titles: Vec<Title>,
    /// Inclusions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inclusions: Vec<Title>,
    /// Exclusions ("Classified elsewhere").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// The sentence that introduces the main duties.
    #[serde(default, skip_serializing_if = "Multilingual::is_empty")]
    pub duties_intro: Text,
    /// Main duties, in sections where the source has sub-headings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub main_duties: Vec<DutySection>,
    /// Employment requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub employment_requirements: Vec<Text>,
    /// Additional information.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_information: Vec<Text>,
    /// Where this profile came from (URL or file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The noc project's own, unofficial names for the class in another
    /// language (Chinese for NOC 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unofficial: Option<UnofficialTitles>,
}

impl Group {
    /// An empty class with a code and title.
    pub fn new(
        version: NocVersion,
        code: NocCode,
        level: Level,
        title: Text,
    ) -> Group {
        Group {
            code,
            version,
            level,
            title,
            lead_statement: Text::empty(),
            example_titles: vec![],
            all_titles: vec![],
            inclusions: vec![],
            exclusions: vec![],
            duties_intro: Text::empty(),
            main_duties: vec![],
            employment_requirements: vec![],
            additional_information: vec![],
            source: None,
            unofficial: None,
        }
    }

    /// The number of duties over all sections.
    pub fn duty_count(&self) -> usize {
        self.main_duties.iter().map(|s| s.items.len()).sum()
    }

    /// TEER (NOC 2021 only).
    pub fn teer(&self) -> Option<u8> {
        (self.version == NocVersion::V2021).then(|| self.code.teer()).flatten()
    }
}

/// All classes of one version of the NOC, with their hierarchy.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "ClassificationRepr", into = "ClassificationRepr")]
pub struct Classification {
    version: NocVersion,
    groups: Vec<Group>,
    by_code: HashMap<NocCode, usize>,
}

#[derive(Serialize, Deserialize)]
struct ClassificationRepr {
    version: NocVersion,
    groups: Vec<Group>,
}

impl From<ClassificationRepr> for Classification {
    fn from(r: ClassificationRepr) -> Classification {
        Classification::new(r.version, r.groups)
    }
}

impl From<Classification> for ClassificationRepr {
    fn from(c: Classification) -> ClassificationRepr {
        ClassificationRepr { version: c.version, groups: c.groups }
    }
}

impl Classification {
    /// A classification from its classes, sorted by code. When a code is
    /// given twice, the later class is merged into the first: languages
    /// and lists the first lacks are filled in.
    pub fn new(version: NocVersion, groups: Vec<Group>) -> Classification {
        let mut merged: Vec<Group> = Vec::with_capacity(groups.len());
        let mut by_code: HashMap<NocCode, usize> = HashMap::new();
        for g in groups {
            match by_code.get(&g.code) {
                Some(&i) => merge_group(&mut merged[i], g),
                None => {
                    by_code.insert(g.code, merged.len());
                    merged.push(g);
                }
            }
        }
        merged.sort_by_key(|g| g.code);
        let by_code =
            merged.iter().enumerate().map(|(i, g)| (g.code, i)).collect();
        Classification { version, groups: merged, by_code }
    }

    /// The version.
    pub fn version(&self) -> NocVersion {
        self.version
    }

    /// All classes, sorted by code.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The unit groups.
    pub fn unit_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| g.level == Level::UnitGroup)
    }

    /// The class with this code.
    pub fn get(&self, code: &NocCode) -> Option<&Group> {
        self.by_code.get(code).map(|&i| &self.groups[i])
    }

    /// The class with this code, given as text (leading zeros may be
    /// missing where the length is unambiguous for a unit group).
    pub fn get_str(&self, code: &str) -> Option<&Group> {
        let c = NocCode::new(code).ok()?;
        self.get(&c).or_else(|| {
            let w = self.version.unit_group_digits();
            self.get(&NocCode::with_width(code, w).ok()?)
        })
    }

    /// The nearest ancestor of `code` that this classification holds.
    pub fn parent(&self, code: &NocCode) -> Option<&Group> {
        let mut c = code.parent(self.version)?;
        loop {
            if let Some(g) = self.get(&c) {
                return Some(g);
            }
            c = c.parent(self.version)?;
        }
    }

    /// The classes whose nearest held ancestor is `code`.
    pub fn children<'a>(
        &'a self,
        code: &'a NocCode,
    ) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups.iter().filter(move |g| {
            g.code != *code
                && g.code.starts_with(code)
                && self.parent(&g.code).map(|p| p.code) == Some(*code)
        })
    }

    /// The number of classes at each level.
    pub fn level_counts(&self) -> Vec<(Level, usize)> {
        Level::ALL
            .into_iter()
            .map(|l| (l, self.groups.iter().filter(|g| g.level == l).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

fn merge_group(into: &mut Group, from: Group) {
    into.title.merge(from.title);
    into.lead_statement.merge(from.lead_statement);
    into.duties_intro.merge(from.duties_intro);
    fn extend<T>(a: &mut Vec<T>, b: Vec<T>) {
        a.extend(b);
    }
    extend(&mut into.example_titles, from.example_titles);
    extend(&mut into.all_titles, from.all_titles);
    extend(&mut into.inclusions, from.inclusions);
    extend(&mut into.exclusions, from.exclusions);
    extend(&mut into.main_duties, from.main_duties);
    extend(&mut into.employment_requirements, from.employment_requirements);
    extend(&mut into.additional_information, from.additional_information);
    if into.source.is_none() {
        into.source = from.source;
    }
    if into.unofficial.is_none() {
        into.unofficial = from.unofficial;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_parts() {
        let cases = [
            ("youth worker", "youth worker", None, None),
            (
                "income maintenance officer – social services",
                "income maintenance officer",
                Some("social services"),
                None,
            ),
            (
                "exceptional-child-care worker (except day care)",
                "exceptional-child-care worker",
                None,
                Some("day care"),
            ),
            (
                "儿童保健工作者（除日间护理）",
                "儿童保健工作者",
                None,
                Some("日间护理"),
            ),
            (
                "Computer engineer (except software) - networks",
                "Computer engineer",
                Some("networks"),
                Some("software"),
            ),
        ];
        for (input, base, qual, exc) in cases {
            let t = TitleForm::parse(input);
            assert_eq!(t.original, input);
            assert_eq!(t.base, base, "{input}");
            assert_eq!(t.qualifier.as_deref(), qual, "{input}");
            assert_eq!(t.exception.as_deref(), exc, "{input}");
        }
    }

    #[test]
    fn hierarchy() {
        let v = NocVersion::V2021;
        let g = |c: &str, l| {
            Group::new(v, c.parse().unwrap(), l, Text::one(Lang::En, c.into()))
        };
        let c = Classification::new(
            v,
            vec![
                g("42201", Level::UnitGroup),
                g("4", Level::BroadCategory),
                g("4220", Level::MinorGroup),
                g("42202", Level::UnitGroup),
            ],
        );
        let code: NocCode = "42201".parse().unwrap();
        assert_eq!(c.parent(&code).unwrap().code.as_str(), "4220");
        let four: NocCode = "4".parse().unwrap();
        let kids: Vec<_> =
            c.children(&four).map(|g| g.code.to_string()).collect();
        assert_eq!(kids, ["4220"]);
        assert_eq!(c.get_str("42202").unwrap().code.as_str(), "42202");
        assert_eq!(c.unit_groups().count(), 2);
    }

    #[test]
    fn multilingual_merge_keeps_first() {
        let mut a = Text::one(Lang::En, "a".into());
        a.merge(Text { en: Some("b".into()), fr: Some("c".into()), zh: None });
        assert_eq!(a.en.as_deref(), Some("a"));
        assert_eq!(a.fr.as_deref(), Some("c"));
    }
}
