//! The bilingual Chinese/English profile format (seed 000, NOC 2011).
//!
//! A profile is a run of sections, each opened by a heading
//! `## CODE <Chinese> <English section name> - <site> NOC`. The first
//! heading of a code carries the title instead of a section name and is
//! followed by the lead statement, one paragraph per language. List
//! sections hold `* ` bullets: titles and exclusions on one line
//! (`* 中文 English`), duties as a Chinese bullet with its English line
//! under it. A URL line gives the source. A file may hold several
//! profiles.

use crate::code::{Level, NocCode, NocVersion};
use crate::error::{Error, Position, Result};
use crate::model::{
    DutySection, Exclusion, Group, Lang, Text, Title, TitleForm,
};

/// The sections of a profile, by their English heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// After the title heading: the lead statement.
    Lead,
    ExampleTitles,
    MainDuties,
    EmploymentRequirements,
    AdditionalInformation,
    ClassifiedElsewhere,
    AllTitles,
}

const SECTIONS: [(&str, Section); 6] = [
    ("example titles", Section::ExampleTitles),
    ("main duties", Section::MainDuties),
    ("employment requirements", Section::EmploymentRequirements),
    ("additional information", Section::AdditionalInformation),
    ("classified elsewhere", Section::ClassifiedElsewhere),
    ("all titles", Section::AllTitles),
];

/// Parses every profile in `text`. The profiles are NOC 2011 unit groups.
///
/// Errors carry the line number; [`parse_profile_file`] adds the file.
///
/// # Example
/// ```
/// let text = [
///     "## 4212 社会工作者 Social workers - Site NOC",
///     "社工。",
///     "They help.",
///     "## 4212 社会工作者头衔范例 Example Titles - Site NOC",
///     "* 青年工人 youth worker",
/// ]
/// .join("\n\n");
/// let groups = noc::parse::profile::parse_profiles(&text).unwrap();
/// assert_eq!(groups[0].code.as_str(), "4212");
/// assert_eq!(groups[0].example_titles.len(), 1);
/// ```
pub fn parse_profiles(text: &str) -> Result<Vec<Group>> {
    let mut p =
        Parser { groups: vec![], lines: vec![], cur: None, pending: None };
    for (i, raw) in text.lines().enumerate() {
        p.line(i as u64 + 1, raw)?;
    }
    p.finish()
}

/// Reads and parses one profile file.
pub fn parse_profile_file(path: &std::path::Path) -> Result<Vec<Group>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Say where the bad byte is (see: issue 11).
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
        let column = at
            - bytes[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
        Error::syntax(
            Position {
                path: Some(path.to_path_buf()),
                line: Some(line as u64),
            },
            format!(
                "byte {} (0x{:02x}, column {}) is not UTF-8; expected UTF-8 \
                 text (save the file as UTF-8)",
                at + 1,
                bytes[at],
                column + 1
            ),
        )
    })?;
    let mut groups = parse_profiles(&text).map_err(|e| e.with_path(path))?;
    for g in &mut groups {
        if g.source.is_none() {
            g.source = Some(path.display().to_string());
        }
    }
    Ok(groups)
}

struct Current {
    group: Group,
    section: Section,
    /// The line of the title heading, for errors about the whole profile.
    line: u64,
}

struct Parser {
    groups: Vec<Group>,
    /// The heading line of each profile in `groups`.
    lines: Vec<u64>,
    cur: Option<Current>,
    /// A Chinese bullet waiting for its English line: (line, text).
    pending: Option<(u64, String)>,
}

impl Parser {
    fn line(&mut self, n: u64, raw: &str) -> Result<()> {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            return Ok(());
        }
        if let Some(heading) = line.strip_prefix("## ") {
            self.flush_pending()?;
            return self.heading(n, heading);
        }
        if is_url(line) {
            self.flush_pending()?;
            let cur = self.current(n)?;
            cur.group.source = Some(line.to_string());
            return Ok(());
        }
        let section = self.current(n)?.section;
        match section {
            Section::Lead => self.lead(n, line),
            Section::ExampleTitles | Section::AllTitles => {
                self.flush_pending()?;
                let item = bullet(n, line, "a title `* 中文 English`")?;
                let title = split_title(item);
                let cur = self.current(n)?;
                match section {
                    Section::ExampleTitles => {
                        cur.group.example_titles.push(title)
                    }
                    _ => cur.group.all_titles.push(title),
                }
                Ok(())
            }
            Section::ClassifiedElsewhere => {
                self.flush_pending()?;
                let item = bullet(
                    n,
                    line,
                    "an exclusion `* 中文 English [CODE](CODE)`",
                )?;
                let ex = parse_exclusion(n, item)?;
                self.current(n)?.group.exclusions.push(ex);
                Ok(())
            }
            Section::MainDuties
            | Section::EmploymentRequirements
            | Section::AdditionalInformation => self.duty_line(n, line),
        }
    }

    fn heading(&mut self, n: u64, heading: &str) -> Result<()> {
        let heading = strip_site_suffix(heading);
        let (code_text, rest) =
            heading.split_once(char::is_whitespace).unwrap_or((heading, ""));
        let code = NocCode::new(code_text).map_err(|_| {
            Error::syntax(
                Position::line(n),
                format!(
                    "expected a 4-digit NOC code after `## `, found \
                     {code_text:?}"
                ),
            )
        })?;
        let rest = rest.trim();
        let lower = rest.to_lowercase();
        let section = SECTIONS
            .iter()
            .find(|(name, _)| lower.ends_with(name))
            .map(|(_, s)| *s);
        let same_code = self.cur.as_ref().map(|c| c.group.code) == Some(code);
        match section {
            Some(s) => {
                if !same_code {
                    return Err(Error::syntax(
                        Position::line(n),
                        format!(
                            "section heading for {code} before its profile \
                             heading `## {code} <中文> <English title>`"
                        ),
                    ));
                }
                if let Some(cur) = self.cur.as_mut() {
                    cur.section = s;
                }
                Ok(())
            }
            None if same_code && self.is_title_heading(rest) => {
                let first = self.cur.as_ref().map_or(0, |c| c.line);
                Err(Error::syntax(
                    Position::line(n),
                    format!(
                        "profile {code} is given twice (first on line \
                         {first}); a file holds each profile once"
                    ),
                ))
            }
            None if same_code => Err(Error::syntax(
                Position::line(n),
                format!(
                    "unknown section {rest:?}; expected one of Example \
                     Titles, Main duties, Employment requirements, \
                     Additional information, Classified elsewhere, \
                     All titles"
                ),
            )),
            None => {
                if code.len() != 4 {
                    return Err(Error::syntax(
                        Position::line(n),
                        format!(
                            "expected a 4-digit NOC 2011 unit group code, \
                             found {code}"
                        ),
                    ));
                }
                if let Some(i) =
                    self.groups.iter().position(|g| g.code == code)
                {
                    return Err(Error::syntax(
                        Position::line(n),
                        format!(
                            "profile {code} is given twice (first on line \
                             {}); a file holds each profile once",
                            self.lines[i]
                        ),
                    ));
                }
                self.finish_current()?;
                let (zh, en) = split_bilingual(rest);
                let mut title = Text::empty();
                if let Some(zh) = zh {
                    title.set(Lang::Zh, zh.to_string());
                }
                if let Some(en) = en {
                    title.set(Lang::En, en.to_string());
                }
                if title.is_empty() {
                    return Err(Error::syntax(
                        Position::line(n),
                        "expected a title after the code",
                    ));
                }
                let group = Group::new(
                    NocVersion::V2011,
                    code,
                    Level::UnitGroup,
                    title,
                );
                self.cur =
                    Some(Current { group, section: Section::Lead, line: n });
                Ok(())
            }
        }
    }

    fn lead(&mut self, n: u64, line: &str) -> Result<()> {
        let cur = self.current(n)?;
        let lang = if line.chars().any(is_cjk) { Lang::Zh } else { Lang::En };
        let text = match cur.group.lead_statement.get(lang) {
            Some(prev) => format!("{prev} {line}"),
            None => line.to_string(),
        };
        cur.group.lead_statement.set(lang, text);
        Ok(())
    }

    fn duty_line(&mut self, n: u64, line: &str) -> Result<()> {
        if let Some(item) = line.strip_prefix("* ").or(line.strip_prefix('*'))
        {
            self.flush_pending()?;
            let item = item.trim();
            match split_bilingual(item) {
                (Some(zh), None) => {
                    self.pending = Some((n, zh.to_string()));
                }
                (zh, en) => {
                    let mut t = Text::empty();
                    if let Some(zh) = zh {
                        t.set(Lang::Zh, zh.to_string());
                    }
                    if let Some(en) = en {
                        t.set(Lang::En, en.to_string());
                    }
                    self.push_duty(n, t)?;
                }
            }
            return Ok(());
        }
        if let Some((_, zh)) = self.pending.take() {
            if line.chars().any(is_cjk) {
                return Err(Error::syntax(
                    Position::line(n),
                    "expected the English line of the Chinese item above, \
                     found more Chinese text",
                ));
            }
            let t =
                Text { en: Some(line.to_string()), fr: None, zh: Some(zh) };
            return self.push_duty(n, t);
        }
        let cur = self.current(n)?;
        if cur.section == Section::MainDuties
            && cur.group.duties_intro.is_empty()
            && cur.group.main_duties.is_empty()
        {
            let (zh, en) = split_bilingual(line);
            if let Some(zh) = zh {
                cur.group.duties_intro.set(Lang::Zh, zh.to_string());
            }
            if let Some(en) = en {
                cur.group.duties_intro.set(Lang::En, en.to_string());
            }
            return Ok(());
        }
        Err(Error::syntax(
            Position::line(n),
            "expected a `* ` item (Chinese) followed by its English line",
        ))
    }

    fn push_duty(&mut self, n: u64, t: Text) -> Result<()> {
        let cur = self.current(n)?;
        match cur.section {
            Section::MainDuties => {
                if cur.group.main_duties.is_empty() {
                    cur.group.main_duties.push(DutySection::default());
                }
                if let Some(s) = cur.group.main_duties.last_mut() {
                    s.items.push(t);
                }
            }
            Section::EmploymentRequirements => {
                cur.group.employment_requirements.push(t)
            }
            _ => cur.group.additional_information.push(t),
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> Result<()> {
        match self.pending.take() {
            None => Ok(()),
            Some((line, zh)) => Err(Error::syntax(
                Position::line(line),
                format!(
                    "the item {:?} has no English line; expected the \
                     English text on the line after it",
                    truncate(&zh, 30)
                ),
            )),
        }
    }

    fn current(&mut self, n: u64) -> Result<&mut Current> {
        self.cur.as_mut().ok_or_else(|| {
            Error::syntax(
                Position::line(n),
                "expected a profile heading `## CODE <中文> <English title>` \
                 before any text",
            )
        })
    }

    fn finish_current(&mut self) -> Result<()> {
        if let Some(cur) = self.cur.take() {
            if cur.group.lead_statement.is_empty()
                && cur.group.all_titles.is_empty()
                && cur.group.example_titles.is_empty()
            {
                return Err(Error::syntax(
                    Position::line(cur.line),
                    format!(
                        "profile {} has no lead statement and no titles",
                        cur.group.code
                    ),
                ));
            }
            self.groups.push(cur.group);
            self.lines.push(cur.line);
        }
        Ok(())
    }

    /// Whether the rest of a heading of the current profile's code is its
    /// title heading again (no section name; the same title).
    fn is_title_heading(&self, rest: &str) -> bool {
        let Some(cur) = &self.cur else { return false };
        let (zh, en) = split_bilingual(rest);
        let same = |a: Option<&str>, b: Option<&String>| {
            a.zip(b).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        same(zh, cur.group.title.zh.as_ref())
            || same(en, cur.group.title.en.as_ref())
    }

    fn finish(mut self) -> Result<Vec<Group>> {
        self.flush_pending()?;
        self.finish_current()?;
        if self.groups.is_empty() {
            return Err(Error::syntax(
                Position::line(1),
                "no profile found; expected a heading \
                 `## CODE <中文> <English title>`",
            ));
        }
        Ok(self.groups)
    }
}

fn bullet<'a>(n: u64, line: &'a str, what: &str) -> Result<&'a str> {
    line.strip_prefix("* ")
        .or_else(|| line.strip_prefix('*'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::syntax(Position::line(n), format!("expected {what}"))
        })
}

fn is_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://"))
        && !line.contains(char::is_whitespace)
}

/// Removes a trailing ` - FLYabroad NOC` (any site name ending in NOC).
fn strip_site_suffix(heading: &str) -> &str {
    let h = heading.trim();
    if let Some(i) = h.rfind(" - ") {
        if h.ends_with("NOC") && !h[i + 3..].contains(char::is_numeric) {
            return h[..i].trim_end();
        }
    }
    h
}

/// True for Han characters and CJK punctuation (full-width forms
/// included), which mark the Chinese half of a bilingual line.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Splits a bilingual line where its Chinese text ends: everything up to
/// the last CJK character is Chinese, the rest English.
///
/// `收入维修人员 - 社会服务 income maintenance officer – social services`
/// splits after `服务`, `儿童保健工作者（除日间护理） child-care worker`
/// after `）`.
pub fn split_bilingual(line: &str) -> (Option<&str>, Option<&str>) {
    let end = line
        .char_indices()
        .rev()
        .find(|(_, c)| is_cjk(*c))
        .map(|(i, c)| i + c.len_utf8());
    let (zh, en) = match end {
        Some(end) => (line[..end].trim(), line[end..].trim()),
        None => ("", line.trim()),
    };
    ((!zh.is_empty()).then_some(zh), (!en.is_empty()).then_some(en))
}

fn split_title(item: &str) -> Title {
    let (zh, en) = split_bilingual(item);
    let mut t = Title::empty();
    if let Some(zh) = zh {
        t.set(Lang::Zh, TitleForm::parse(zh));
    }
    if let Some(en) = en {
        t.set(Lang::En, TitleForm::parse(en));
    }
    t
}

/// Parses `中文 English text [CODE](CODE)` or
/// `中文 English text (in [CODE](CODE) Target title )`.
fn parse_exclusion(n: u64, item: &str) -> Result<Exclusion> {
    let (zh, en) = split_bilingual(item);
    let en = en.unwrap_or("");
    let Some((before, code, after)) = find_link(en) else {
        return Err(Error::syntax(
            Position::line(n),
            "expected a link to the class, `[CODE](CODE)`, in this \
             exclusion",
        ));
    };
    let code = NocCode::new(code).map_err(|e| {
        Error::syntax(Position::line(n), format!("bad link target: {e}"))
    })?;
    let before = before.trim();
    let (text, in_form) = match before.strip_suffix("(in") {
        Some(t) => (t.trim(), true),
        None => (before, false),
    };
    let after = after.trim();
    let after = if in_form {
        after.strip_suffix(')').unwrap_or(after).trim()
    } else {
        after
    };
    let mut target_title = Text::empty();
    let title = if after.is_empty() { text } else { after };
    if !title.is_empty() {
        target_title.set(Lang::En, title.to_string());
    }
    let mut t = Text::empty();
    if let Some(zh) = zh {
        t.set(Lang::Zh, zh.to_string());
    }
    if !text.is_empty() {
        t.set(Lang::En, text.to_string());
    }
    Ok(Exclusion { text: t, target: Some(code), target_title })
}

/// Finds `[DIGITS](DIGITS)`: returns (text before, code, text after).
fn find_link(s: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(rel) = s[from..].find('[') {
        let open = from + rel;
        let rest = &s[open + 1..];
        if let Some(close) = rest.find("](") {
            let code = &rest[..close];
            let tail = &rest[close + 2..];
            if let Some(end) = tail.find(')') {
                if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())
                {
                    return Some((&s[..open], code, &tail[end + 1..]));
                }
            }
        }
        from = open + 1;
    }
    None
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!(
        "../../../../data/4212_social_community_service_workers.txt"
    );

    fn err(text: &str) -> String {
        parse_profiles(text).unwrap_err().to_string()
    }

    #[test]
    fn seed_counts() {
        let groups = parse_profiles(SEED).unwrap();
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.code.as_str(), "4212");
        assert_eq!(g.title.zh.as_deref(), Some("社会和社区服务工作者"));
        assert_eq!(
            g.title.en.as_deref(),
            Some("Social and community service workers")
        );
        assert!(g.lead_statement.zh.as_deref().unwrap().starts_with("社会"));
        assert!(g.lead_statement.en.as_deref().unwrap().ends_with("ments."));
        assert_eq!(g.example_titles.len(), 19);
        assert_eq!(g.duty_count(), 17);
        assert_eq!(g.employment_requirements.len(), 3);
        assert_eq!(g.additional_information.len(), 1);
        assert_eq!(g.exclusions.len(), 6);
        assert_eq!(g.all_titles.len(), 115);
        for t in g.all_titles.iter().chain(&g.example_titles) {
            assert!(t.zh.is_some() && t.en.is_some(), "{t:?}");
        }
        for d in &g.main_duties[0].items {
            assert!(d.zh.is_some() && d.en.is_some(), "{d:?}");
        }
        assert!(g.source.as_deref().unwrap().starts_with("http://www5."));
        assert!(g.duties_intro.en.as_deref().unwrap().ends_with("duties:"));
    }

    #[test]
    fn seed_exclusions() {
        let g = &parse_profiles(SEED).unwrap()[0];
        let got: Vec<_> = g
            .exclusions
            .iter()
            .map(|e| {
                format!(
                    "{} | {} | {}",
                    e.text.en.as_deref().unwrap(),
                    e.target.unwrap(),
                    e.target_title.en.as_deref().unwrap()
                )
            })
            .collect();
        insta::assert_snapshot!(got.join("\n"), @r"
        Activities leaders – seniors | 5254 | Program leaders and instructors in recreation, sport and fitness
        Educational counsellors | 4033 | Educational counsellors
        Family, marriage and other related counsellors | 4153 | Family, marriage and other related counsellors
        Instructors of persons with disabilities | 4215 | Instructors of persons with disabilities
        Managers in social, community and correctional services | 0423 | Managers in social, community and correctional services
        Social workers | 4152 | Social workers
        ");
    }

    #[test]
    fn seed_titles_split_where_chinese_ends() {
        let g = &parse_profiles(SEED).unwrap()[0];
        let find = |en: &str| {
            g.all_titles
                .iter()
                .find(|t| t.en.as_ref().unwrap().original == en)
                .unwrap()
                .clone()
        };
        let t = find("income maintenance officer – social services");
        assert_eq!(t.zh.as_ref().unwrap().original, "收入维修人员 - 社会服务");
        assert_eq!(t.en.as_ref().unwrap().base, "income maintenance officer");
        assert_eq!(
            t.en.as_ref().unwrap().qualifier.as_deref(),
            Some("social services")
        );
        let t = find("child-care worker (except day care)");
        assert_eq!(
            t.zh.as_ref().unwrap().original,
            "儿童保健工作者（除日间护理）"
        );
        assert_eq!(
            t.en.as_ref().unwrap().exception.as_deref(),
            Some("day care")
        );
    }

    #[test]
    fn splits_bilingual_lines() {
        assert_eq!(
            split_bilingual("青年工人 youth worker"),
            (Some("青年工人"), Some("youth worker"))
        );
        assert_eq!(
            split_bilingual("IT经理 IT manager"),
            (Some("IT经理"), Some("IT manager"))
        );
        assert_eq!(
            split_bilingual("youth worker"),
            (None, Some("youth worker"))
        );
        assert_eq!(split_bilingual("青年工人"), (Some("青年工人"), None));
    }

    #[test]
    fn several_profiles_in_one_file() {
        let two = format!(
            "{SEED}\n\n## 4152 社会工作者 Social workers - FLYabroad NOC\n\n\
             Social workers help.\n"
        );
        let groups = parse_profiles(&two).unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].title.en.as_deref(), Some("Social workers"));
    }

    #[test]
    fn missing_header() {
        insta::assert_snapshot!(err("\nSome text\n"), @"line 2: expected a profile heading `## CODE <中文> <English title>` before any text");
        insta::assert_snapshot!(err(""), @"line 1: no profile found; expected a heading `## CODE <中文> <English title>`");
        insta::assert_snapshot!(err("## abc Title"), @r#"line 1: expected a 4-digit NOC code after `## `, found "abc""#);
    }

    #[test]
    fn unknown_section() {
        let text = "## 4212 社工 Social workers - X NOC\n\nLead.\n\n\
                    ## 4212 社工其他 Salary ranges - X NOC\n";
        insta::assert_snapshot!(err(text), @r#"line 5: unknown section "社工其他 Salary ranges"; expected one of Example Titles, Main duties, Employment requirements, Additional information, Classified elsewhere, All titles"#);
    }

    #[test]
    fn duty_without_english() {
        let text = "## 4212 社工 Social workers - X NOC\n\nLead.\n\n\
                    ## 4212 社工主要职责 Main duties - X NOC\n\n\
                    * 审查客户背景资料\n\n* 评估客户\nAssess clients\n";
        insta::assert_snapshot!(err(text), @r#"line 7: the item "审查客户背景资料" has no English line; expected the English text on the line after it"#);
        let at_end = "## 4212 社工 Social workers - X NOC\n\nLead.\n\n\
                      ## 4212 社工主要职责 Main duties - X NOC\n\n* 审查\n";
        assert!(err(at_end).starts_with("line 7: the item"));
    }

    #[test]
    fn link_without_code() {
        let text = "## 4212 社工 Social workers - X NOC\n\nLead.\n\n\
                    ## 4212 社工其他分类 Classified elsewhere - X NOC\n\n\
                    * 社会工作者 Social workers\n";
        insta::assert_snapshot!(err(text), @"line 7: expected a link to the class, `[CODE](CODE)`, in this exclusion");
    }

    #[test]
    fn section_before_header_and_duplicate() {
        let text = "## 4212 社工主要职责 Main duties - X NOC\n";
        assert!(err(text).contains("before its profile heading"));
        let dup = "## 4212 社工 Social workers - X NOC\n\nLead.\n\n\
                   ## 4213 A B - X NOC\n\nLead.\n\
                   ## 4212 社工 Social workers - X NOC\n\nLead.\n";
        assert!(err(dup).contains("given twice"), "{}", err(dup));
    }

    /// See: issue 11 (a profile pasted twice in a row said "unknown
    /// section"; a non-UTF-8 byte had no line).
    #[test]
    fn profile_twice_in_a_row_and_bad_bytes() {
        let twice = format!("{SEED}\n{SEED}");
        let again = SEED.lines().count() + 1;
        assert_eq!(
            err(&twice),
            format!(
                "line {again}: profile 4212 is given twice (first on line \
                 1); a file holds each profile once"
            )
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, b"## 4212 A B - X NOC\n\nLead \xff.\n").unwrap();
        let e = parse_profile_file(&path).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "bad.txt: line 3: byte 27 (0xff, column 6) is not UTF-8; \
                 expected UTF-8 text (save the file as UTF-8)"
            ),
            "{e}"
        );
    }
}
