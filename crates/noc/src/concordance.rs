//! The Statistics Canada concordance from NOC 2016 V1.3 to NOC 2021 V1.0
//! (`noc2016v1_3-noc2021v1_0-eng.csv`).
//!
//! Each row links a NOC 2016 unit group to a NOC 2021 unit group with the
//! GSIM types of change (`VC1 - Code Change, VC2 - Name Change`,
//! `RC4.2 - Split off`, …). Codes are written without their leading zeros
//! (`11` is `0011`); the file has a byte order mark.

use std::collections::HashMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::code::{NocCode, NocVersion};
use crate::error::{Error, ErrorKind, Position, Result};

/// The official file name of the NOC 2016 → 2021 concordance.
pub const NOC2016_TO_2021: &str = "noc2016v1_3-noc2021v1_0-eng.csv";

/// A GSIM type of change, as the concordance names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// VC1: the code changed.
    CodeChange,
    /// VC2: the name changed (the file sets it on nearly every row).
    NameChange,
    /// RC3.1: merged with other groups into a new one.
    Merger,
    /// RC3.2: taken over by another group.
    TakeOver,
    /// RC4.1: broken down into several groups.
    Breakdown,
    /// RC4.2: part split off into another group.
    SplitOff,
    /// RC5: part transferred to another group.
    Transfer,
}

impl Change {
    /// Reads every type named in a field such as
    /// `"RC4.2 - Split off, VC1 - Code Change"`.
    fn parse_all(field: &str) -> Vec<Change> {
        const CODES: [(&str, Change); 7] = [
            ("RC3.1", Change::Merger),
            ("RC3.2", Change::TakeOver),
            ("RC4.1", Change::Breakdown),
            ("RC4.2", Change::SplitOff),
            ("RC5", Change::Transfer),
            ("VC1", Change::CodeChange),
            ("VC2", Change::NameChange),
        ];
        let mut out: Vec<Change> = CODES
            .iter()
            .filter(|(code, _)| field.contains(code))
            .map(|(_, c)| c.clone())
            .collect();
        if field.contains("Transfer") && !out.contains(&Change::Transfer) {
            out.push(Change::Transfer);
        }
        out
    }
}

/// One row of the concordance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The NOC 2016 unit group.
    pub from: NocCode,
    /// Its title.
    pub from_title: String,
    /// The NOC 2021 unit group.
    pub to: NocCode,
    /// Its title.
    pub to_title: String,
    /// The official types of change.
    pub changes: Vec<Change>,
    /// The official note, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// How a code's groups relate across versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// One group to one group, which no other group feeds.
    OneToOne,
    /// One group to several.
    Split,
    /// Into one group that other groups feed too.
    Merged,
    /// To several groups, some of which other groups feed too.
    SplitAndMerged,
}

/// A target of a conversion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The code in the target version.
    pub code: NocCode,
    /// Its title.
    pub title: String,
    /// The official types of change of this link.
    pub changes: Vec<Change>,
    /// Whether the title differs (ignoring case), whatever the official
    /// type says.
    pub title_changed: bool,
    /// The official note, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What a code becomes in the target version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    /// The code converted.
    pub from: NocCode,
    /// Its version.
    pub from_version: NocVersion,
    /// Its title.
    pub from_title: String,
    /// The target version.
    pub to_version: NocVersion,
    /// One-to-one, split, merged or both.
    pub relation: Relation,
    /// The target groups.
    pub targets: Vec<Target>,
}

/// A concordance between two versions.
#[derive(Clone, Debug)]
pub struct Concordance {
    from: NocVersion,
    to: NocVersion,
    links: Vec<Link>,
    by_from: HashMap<NocCode, Vec<usize>>,
    sources_of: HashMap<NocCode, usize>,
}

impl Concordance {
    /// Reads the official NOC 2016 V1.3 → NOC 2021 V1.0 concordance.
    /// Bad rows are returned as problems beside the rows read; a wrong
    /// header is an error naming the file expected.
    pub fn read_2016_to_2021<R: Read>(
        reader: R,
    ) -> Result<(Concordance, Vec<Error>)> {
        let (mut rdr, lines, headers) =
            crate::parse::lines::csv_with_lines(reader)?;
        let find = |pred: &dyn Fn(&str) -> bool| {
            headers.iter().position(|h| {
                pred(&h.trim_start_matches('\u{feff}').trim().to_lowercase())
            })
        };
        let cols = (
            find(&|h| h.starts_with("noc 2016") && h.ends_with("code")),
            find(&|h| h.starts_with("noc 2016") && h.ends_with("title")),
            find(&|h| h.contains("type of change")),
            find(&|h| h.starts_with("noc 2021") && h.ends_with("code")),
            find(&|h| h.starts_with("noc 2021") && h.ends_with("title")),
        );
        let (Some(fc), Some(ft), Some(ch), Some(tc), Some(tt)) = cols else {
            return Err(Error::new(ErrorKind::Header {
                pos: Position::line(1),
                expected_file: NOC2016_TO_2021.to_string(),
                msg: format!(
                    "header {:?} lacks the NOC 2016 and NOC 2021 code and \
                     title columns or the GSIM type of change",
                    headers.iter().collect::<Vec<_>>().join(",")
                ),
            }));
        };
        let notes = find(&|h| h == "notes");
        let mut links = vec![];
        let mut problems = vec![];
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| lines.line(p));
                    problems.push(Error::syntax(
                        Position::line(line),
                        e.to_string(),
                    ));
                    continue;
                }
            };
            let line = rec.position().map_or(0, |p| lines.line(p));
            let field = |i: usize| rec.get(i).unwrap_or("").trim();
            let codes = (
                NocCode::with_width(field(fc), 4),
                NocCode::with_width(field(tc), 5),
            );
            match codes {
                (Ok(from), Ok(to)) => links.push(Link {
                    from,
                    from_title: field(ft).to_string(),
                    to,
                    to_title: field(tt).to_string(),
                    changes: Change::parse_all(field(ch)),
                    notes: notes.map(field).unwrap_or("").to_string(),
                }),
                (Err(e), _) | (_, Err(e)) => problems.push(Error::syntax(
                    Position::line(line),
                    format!("expected a NOC 2016 and a NOC 2021 code: {e}"),
                )),
            }
        }
        Ok((
            Concordance::new(NocVersion::V2016, NocVersion::V2021, links),
            problems,
        ))
    }

    /// A concordance from its links.
    pub fn new(from: NocVersion, to: NocVersion, links: Vec<Link>) -> Self {
        let mut by_from: HashMap<NocCode, Vec<usize>> = HashMap::new();
        let mut sources: HashMap<NocCode, Vec<NocCode>> = HashMap::new();
        for (i, l) in links.iter().enumerate() {
            by_from.entry(l.from).or_default().push(i);
            let s = sources.entry(l.to).or_default();
            if !s.contains(&l.from) {
                s.push(l.from);
            }
        }
        let sources_of =
            sources.into_iter().map(|(k, v)| (k, v.len())).collect();
        Concordance { from, to, links, by_from, sources_of }
    }

    /// The version converted from.
    pub fn from_version(&self) -> NocVersion {
        self.from
    }

    /// The version converted to.
    pub fn to_version(&self) -> NocVersion {
        self.to
    }

    /// Every link, in file order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// What `code` becomes, or `None` when the concordance does not
    /// list it. Leading zeros may be missing (`11` is `0011`).
    ///
    /// # Example
    /// ```
    /// use noc::concordance::Concordance;
    /// let csv = "NOC 2016 V1.3 Code,NOC 2016 V1.3 Title, GSIM Type of Change,\
    ///            NOC 2021 V1.0 Code,NOC 2021 V1.0 Title,Notes\n\
    ///            4212,Social and community service workers,\
    ///            \"VC1 - Code Change, VC2 - Name Change\",42201,\
    ///            Social and community service workers,\n";
    /// let (c, _) = Concordance::read_2016_to_2021(csv.as_bytes()).unwrap();
    /// let conv = c.convert("4212").unwrap();
    /// assert_eq!(conv.targets[0].code.as_str(), "42201");
    /// ```
    pub fn convert(&self, code: &str) -> Option<Conversion> {
        let width = self.from.unit_group_digits();
        let code = NocCode::with_width(code, width).ok()?;
        let rows = self.by_from.get(&code)?;
        let targets: Vec<Target> = rows
            .iter()
            .map(|&i| {
                let l = &self.links[i];
                Target {
                    code: l.to,
                    title: l.to_title.clone(),
                    changes: l.changes.clone(),
                    title_changed: !l
                        .to_title
                        .eq_ignore_ascii_case(&l.from_title),
                    notes: l.notes.clone(),
                }
            })
            .collect();
        let split = targets.len() > 1;
        let merged = targets
            .iter()
            .any(|t| self.sources_of.get(&t.code).copied().unwrap_or(0) > 1);
        let relation = match (split, merged) {
            (false, false) => Relation::OneToOne,
            (true, false) => Relation::Split,
            (false, true) => Relation::Merged,
            (true, true) => Relation::SplitAndMerged,
        };
        Some(Conversion {
            from: code,
            from_version: self.from,
            from_title: self.links[rows[0]].from_title.clone(),
            to_version: self.to,
            relation,
            targets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\u{feff}NOC 2016 V1.3 Code,NOC 2016 V1.3 Title, GSIM Type of Change,NOC 2021 V1.0 Code,NOC 2021 V1.0 Title,Notes\n\
        11,Legislators,\"VC1 - Code Change, VC2 - Name Change\",10,Legislators,\n\
        2171,Information systems analysts and consultants,\"RC4.2 - Split off, VC1 - Code Change, VC2 - Name Change\",21211,Data scientists,\n\
        2171,Information systems analysts and consultants,\"VC1 - Code Change, VC2 - Name Change\",21222,Information systems specialists,\n\
        2172,Database analysts and data administrators,\"RC4.2 - Split off, VC1 - Code Change\",21211,Data scientists,\n\
        x1,Bad,VC1,10,Legislators,\n";

    #[test]
    fn reads_codes_without_zeros_and_change_types() {
        let (c, problems) =
            Concordance::read_2016_to_2021(CSV.as_bytes()).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .to_string()
            .starts_with("line 6: expected a NOC 2016"));
        let legis = c.convert("0011").unwrap();
        assert_eq!(legis.targets[0].code.as_str(), "00010");
        assert_eq!(legis.relation, Relation::OneToOne);
        assert!(!legis.targets[0].title_changed);
        assert_eq!(c.convert("11"), Some(legis));
        let split = c.convert("2171").unwrap();
        assert_eq!(split.relation, Relation::SplitAndMerged);
        assert_eq!(split.targets.len(), 2);
        assert!(split.targets[0].changes.contains(&Change::SplitOff));
        assert!(split.targets[1].title_changed);
        assert_eq!(c.convert("2172").unwrap().relation, Relation::Merged);
        assert!(c.convert("9999").is_none());
    }

    #[test]
    fn wrong_header_names_the_file() {
        let err = Concordance::read_2016_to_2021("a,b\n1,2\n".as_bytes())
            .unwrap_err();
        assert!(err.to_string().contains(NOC2016_TO_2021), "{err}");
    }
}
