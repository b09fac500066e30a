//! NOC versions, codes, levels, TEER and skill levels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A version of the National Occupational Classification.
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
pub enum NocVersion {
    /// NOC 2011.
    #[serde(rename = "2011")]
    V2011,
    /// NOC 2016 V1.3.
    #[serde(rename = "2016")]
    V2016,
    /// NOC 2021 V1.0.
    #[serde(rename = "2021")]
    V2021,
}

impl NocVersion {
    /// The number of digits of a unit group code in this version.
    ///
    /// # Example
    /// ```
    /// use noc::NocVersion;
    /// assert_eq!(NocVersion::V2021.unit_group_digits(), 5);
    /// assert_eq!(NocVersion::V2016.unit_group_digits(), 4);
    /// ```
    pub fn unit_group_digits(self) -> usize {
        match self {
            NocVersion::V2021 => 5,
            NocVersion::V2011 | NocVersion::V2016 => 4,
        }
    }

    /// The year, as written in the version's name.
    pub fn year(self) -> u16 {
        match self {
            NocVersion::V2011 => 2011,
            NocVersion::V2016 => 2016,
            NocVersion::V2021 => 2021,
        }
    }
}

/// The other NOC version a unit group code is written in, told by its
/// digits (see [`NocVersion::other_version_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OtherVersion {
    /// 4 digits, with NOC 2021 loaded: a NOC 2011/2016 unit group.
    Older,
    /// 5 digits, with NOC 2011 or 2016 loaded: a NOC 2021 unit group.
    V2021,
}

impl NocVersion {
    /// The other version `code` is a unit group code of, when its digits
    /// say it is not one of this version: NOC 2011/2016 unit groups have
    /// 4, NOC 2021 ones 5. Front ends add their own advice to
    /// [`OtherVersion::explain`].
    ///
    /// # Example
    /// ```
    /// use noc::{NocVersion, OtherVersion};
    /// let v = NocVersion::V2021;
    /// assert_eq!(v.other_version_of("4212"), Some(OtherVersion::Older));
    /// assert_eq!(v.other_version_of("42201"), None);
    /// assert_eq!(v.other_version_of("42"), None);
    /// ```
    pub fn other_version_of(self, code: &str) -> Option<OtherVersion> {
        let code = code.trim();
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match (code.len(), self) {
            (4, NocVersion::V2021) => Some(OtherVersion::Older),
            (5, NocVersion::V2011 | NocVersion::V2016) => {
                Some(OtherVersion::V2021)
            }
            _ => None,
        }
    }
}

impl OtherVersion {
    /// What `code` is, with `loaded` the version of the data: the start
    /// of a hint, to which a front end adds what to do.
    ///
    /// # Example
    /// ```
    /// use noc::{NocVersion, OtherVersion};
    /// let s = OtherVersion::Older.explain("4212", NocVersion::V2021);
    /// assert_eq!(
    ///     s,
    ///     "4212 is a NOC 2011/2016 unit group code (4 digits; NOC 2021 \
    ///      codes have 5)"
    /// );
    /// ```
    pub fn explain(self, code: &str, loaded: NocVersion) -> String {
        let code = code.trim();
        match self {
            OtherVersion::Older => format!(
                "{code} is a NOC 2011/2016 unit group code (4 digits; NOC \
                 2021 codes have 5)"
            ),
            OtherVersion::V2021 => format!(
                "{code} is a NOC 2021 unit group code (5 digits; NOC \
                 {loaded} codes have 4)"
            ),
        }
    }
}

impl fmt::Display for NocVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year())
    }
}

impl FromStr for NocVersion {
    type Err = Error;

    fn from_str(s: &str) -> Result<NocVersion> {
        match s.trim() {
            "2011" => Ok(NocVersion::V2011),
            "2016" | "2016v1.3" => Ok(NocVersion::V2016),
            "2021" | "2021v1.0" => Ok(NocVersion::V2021),
            other => Err(Error::invalid_code(
                other,
                "unknown NOC version; expected 2011, 2016 or 2021",
            )),
        }
    }
}

/// The level of a class in the NOC hierarchy.
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
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 1 digit.
    BroadCategory,
    /// 2 digits.
    MajorGroup,
    /// 3 digits (NOC 2021 only).
    SubMajorGroup,
    /// 3 digits in NOC 2011/2016, 4 in NOC 2021.
    MinorGroup,
    /// 4 digits in NOC 2011/2016, 5 in NOC 2021.
    UnitGroup,
}

impl Level {
    /// All levels, from the top of the hierarchy down.
    pub const ALL: [Level; 5] = [
        Level::BroadCategory,
        Level::MajorGroup,
        Level::SubMajorGroup,
        Level::MinorGroup,
        Level::UnitGroup,
    ];

    /// The number of digits of a code at this level in `version`, or
    /// `None` when the version has no such level.
    pub fn digits(self, version: NocVersion) -> Option<usize> {
        let v2021 = version == NocVersion::V2021;
        match self {
            Level::BroadCategory => Some(1),
            Level::MajorGroup => Some(2),
            Level::SubMajorGroup => v2021.then_some(3),
            Level::MinorGroup => Some(if v2021 { 4 } else { 3 }),
            Level::UnitGroup => Some(version.unit_group_digits()),
        }
    }

    /// A readable name: `unit group`, `major group` ...
    pub fn name(self) -> &'static str {
        match self {
            Level::BroadCategory => "broad category",
            Level::MajorGroup => "major group",
            Level::SubMajorGroup => "sub-major group",
            Level::MinorGroup => "minor group",
            Level::UnitGroup => "unit group",
        }
    }
}

impl Level {
    /// The plural of [`Level::name`]: `broad categories`, `unit groups`.
    pub fn plural(self) -> &'static str {
        match self {
            Level::BroadCategory => "broad categories",
            Level::MajorGroup => "major groups",
            Level::SubMajorGroup => "sub-major groups",
            Level::MinorGroup => "minor groups",
            Level::UnitGroup => "unit groups",
        }
    }
}

impl FromStr for Level {
    type Err = Error;

    fn from_str(s: &str) -> Result<Level> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        Ok(match norm.as_str() {
            "broadcategory" | "broad" | "1" => Level::BroadCategory,
            "majorgroup" | "major" | "2" => Level::MajorGroup,
            "submajorgroup" | "submajor" | "3" => Level::SubMajorGroup,
            "minorgroup" | "minor" | "4" => Level::MinorGroup,
            "unitgroup" | "unit" | "5" => Level::UnitGroup,
            _ => {
                return Err(Error::invalid_code(
                    s,
                    "unknown level; expected broad, major, sub-major, \
                     minor or unit",
                ))
            }
        })
    }
}

/// A NOC code: 1 to 5 ASCII digits, leading zeros kept (`0423`, `00010`).
///
/// A code alone does not say its version: `4212` is a unit group in NOC
/// 2011 but a minor group in NOC 2021. Methods that depend on the version
/// take it as an argument.
///
/// # Example
/// ```
/// use noc::{Level, NocCode, NocVersion};
/// let code: NocCode = "00010".parse().unwrap();
/// assert_eq!(code.as_str(), "00010");
/// assert_eq!(code.level(NocVersion::V2021), Some(Level::UnitGroup));
/// assert_eq!(code.teer(), Some(0));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NocCode {
    len: u8,
    digits: [u8; 5],
}

impl NocCode {
    /// Parses a code, keeping leading zeros.
    pub fn new(text: &str) -> Result<NocCode> {
        let t = text.trim();
        if t.is_empty() || t.len() > 5 {
            return Err(Error::invalid_code(text, "expected 1 to 5 digits"));
        }
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid_code(text, "expected only digits"));
        }
        let mut digits = [0u8; 5];
        digits[..t.len()].copy_from_slice(t.as_bytes());
        Ok(NocCode { len: t.len() as u8, digits })
    }

    /// Parses a code whose leading zeros may have been lost (a
    /// spreadsheet turned `00010` into `10`): pads it with zeros to
    /// `digits` characters.
    ///
    /// # Example
    /// ```
    /// use noc::NocCode;
    /// let c = NocCode::with_width("11", 4).unwrap();
    /// assert_eq!(c.as_str(), "0011");
    /// ```
    pub fn with_width(text: &str, digits: usize) -> Result<NocCode> {
        let t = text.trim();
        NocCode::new(t)?;
        if t.len() < digits && digits <= 5 {
            let padded = format!("{t:0>digits$}");
            return NocCode::new(&padded);
        }
        let code = NocCode::new(t)?;
        if code.len() != digits {
            return Err(Error::invalid_code(
                text,
                format!("expected {digits} digits"),
            ));
        }
        Ok(code)
    }

    /// The digits, as written.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII digits, checked in `new`.
        std::str::from_utf8(&self.digits[..self.len()]).unwrap_or("")
    }

    /// The number of digits.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Always false: a code has at least one digit.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The level of this code in `version`, or `None` when the number of
    /// digits is not a level of that version.
    pub fn level(&self, version: NocVersion) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.digits(version) == Some(self.len()))
    }

    /// The code of the class one level up in `version`.
    ///
    /// # Example
    /// ```
    /// use noc::{NocCode, NocVersion};
    /// let c: NocCode = "42201".parse().unwrap();
    /// assert_eq!(c.parent(NocVersion::V2021).unwrap().as_str(), "4220");
    /// let c: NocCode = "4212".parse().unwrap();
    /// assert_eq!(c.parent(NocVersion::V2011).unwrap().as_str(), "421");
    /// ```
    pub fn parent(&self, version: NocVersion) -> Option<NocCode> {
        let level = self.level(version)?;
        let idx = Level::ALL.iter().position(|l| *l == level)?;
        let up =
            Level::ALL[..idx].iter().rev().find_map(|l| l.digits(version))?;
        NocCode::new(&self.as_str()[..up]).ok()
    }

    /// True when `self` is `other` or lies under it (by prefix).
    pub fn starts_with(&self, other: &NocCode) -> bool {
        self.as_str().starts_with(other.as_str())
    }

    /// The TEER category (0 to 5) of a NOC 2021 code of 2 or more digits:
    /// its second digit.
    pub fn teer(&self) -> Option<u8> {
        (self.len() >= 2).then(|| self.digits[1] - b'0')
    }

    /// The skill type of a NOC 2011/2016 code: its first digit.
    pub fn skill_type(&self) -> u8 {
        self.digits[0] - b'0'
    }

    /// The skill level (`A` to `D`) of a NOC 2011/2016 code of 2 or more
    /// digits, or `None` for management (skill type 0), which the NOC
    /// keeps apart from the skill levels. A second digit 0 or 1 is level
    /// A: major groups 30 (nursing: 3011, 3012) and 40 (professors and
    /// teachers: 4011, 4021, 4031) are professional occupations like 31
    /// and 41.
    pub fn skill_level(&self) -> Option<char> {
        if self.len() < 2 || self.skill_type() == 0 {
            return None;
        }
        match self.digits[1] {
            b'0' | b'1' => Some('A'),
            b'2' | b'3' => Some('B'),
            b'4' | b'5' => Some('C'),
            b'6' | b'7' => Some('D'),
            _ => None,
        }
    }
}

/// The names of the TEER categories of NOC 2021.
pub fn teer_name(teer: u8) -> &'static str {
    match teer {
        0 => "management",
        1 => "university degree",
        2 => "college diploma or apprenticeship (2+ years), or supervisory",
        3 => {
            "college diploma or apprenticeship (< 2 years), or 6+ months \
              of on-the-job training"
        }
        4 => "high school diploma or several weeks of on-the-job training",
        5 => "short-term work demonstration, no formal education",
        _ => "unknown",
    }
}

/// The names of the skill types of NOC 2011/2016 (first digit).
pub fn skill_type_name(skill_type: u8) -> &'static str {
    match skill_type {
        0 => "management occupations",
        1 => "business, finance and administration occupations",
        2 => "natural and applied sciences and related occupations",
        3 => "health occupations",
        4 => {
            "occupations in education, law and social, community and \
              government services"
        }
        5 => "occupations in art, culture, recreation and sport",
        6 => "sales and service occupations",
        7 => {
            "trades, transport and equipment operators and related \
              occupations"
        }
        8 => {
            "natural resources, agriculture and related production \
              occupations"
        }
        9 => "occupations in manufacturing and utilities",
        _ => "unknown",
    }
}

impl FromStr for NocCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<NocCode> {
        NocCode::new(s)
    }
}

impl fmt::Display for NocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for NocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NocCode({})", self.as_str())
    }
}

impl Serialize for NocCode {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NocCode {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<NocCode, D::Error> {
        let s = String::deserialize(d)?;
        NocCode::new(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_leading_zeros() {
        assert_eq!(NocCode::new("0423").unwrap().as_str(), "0423");
        assert_eq!(NocCode::new("00010").unwrap().to_string(), "00010");
    }

    #[test]
    fn rejects_bad_codes() {
        for bad in ["", "123456", "12a", "-1", " "] {
            assert!(NocCode::new(bad).is_err(), "{bad:?}");
        }
        insta::assert_snapshot!(
            NocCode::new("12a").unwrap_err(),
            @r#"invalid NOC code "12a": expected only digits"#
        );
    }

    #[test]
    fn levels_depend_on_version() {
        let c = NocCode::new("4212").unwrap();
        assert_eq!(c.level(NocVersion::V2011), Some(Level::UnitGroup));
        assert_eq!(c.level(NocVersion::V2021), Some(Level::MinorGroup));
        let c = NocCode::new("421").unwrap();
        assert_eq!(c.level(NocVersion::V2016), Some(Level::MinorGroup));
        assert_eq!(c.level(NocVersion::V2021), Some(Level::SubMajorGroup));
        assert_eq!(
            NocCode::new("42201").unwrap().level(NocVersion::V2016),
            None
        );
    }

    #[test]
    fn parents_walk_the_hierarchy() {
        let v = NocVersion::V2021;
        let mut c = NocCode::new("42201").unwrap();
        let mut seen = vec![];
        while let Some(p) = c.parent(v) {
            seen.push(p.to_string());
            c = p;
        }
        assert_eq!(seen, ["4220", "422", "42", "4"]);
    }

    #[test]
    fn teer_and_skill_level() {
        assert_eq!(NocCode::new("42201").unwrap().teer(), Some(2));
        assert_eq!(NocCode::new("4").unwrap().teer(), None);
        assert_eq!(NocCode::new("4212").unwrap().skill_level(), Some('B'));
        assert_eq!(NocCode::new("4152").unwrap().skill_level(), Some('A'));
        assert_eq!(NocCode::new("0423").unwrap().skill_level(), None);
        assert_eq!(NocCode::new("6733").unwrap().skill_level(), Some('D'));
        // See: issue 11 (major groups 30 and 40 had no level).
        for code in ["3011", "3012", "4011", "4012", "4021", "4031", "4033"] {
            let code = NocCode::new(code).unwrap();
            assert_eq!(code.skill_level(), Some('A'), "{code}");
        }
    }

    #[test]
    fn pads_lost_zeros() {
        assert_eq!(NocCode::with_width("10", 5).unwrap().as_str(), "00010");
        assert!(NocCode::with_width("123456", 5).is_err());
        assert!(NocCode::with_width("123", 2).is_err());
    }

    #[test]
    fn serde_is_a_plain_string() {
        let c = NocCode::new("0423").unwrap();
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(j, "\"0423\"");
        assert_eq!(serde_json::from_str::<NocCode>(&j).unwrap(), c);
        assert!(serde_json::from_str::<NocCode>("\"x\"").is_err());
    }
}
