//! The official Statistics Canada CSV files of NOC 2021 V1.0 and NOC
//! 2016 V1.3, and the NOC 2011 tables in the same shape.
//!
//! A folder holds one version's files; [`OFFICIAL_FILES`] names them. For
//! NOC 2021 these are the English structure and elements files and, when
//! present, their French (CNP) twins:
//!
//! | file | header |
//! |---|---|
//! | `noc_2021_version_1.0_-_classification_structure.csv` | `Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition` |
//! | `noc_2021_version_1.0_-_elements.csv` | `Level,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English` |
//! | `cnp_2021_version_1.0_-_classification_structure.csv` | `Niveau,[Structure hiérarchique,]Code de la CNP 2021 v1.0,Titres de classes,Définitions de la classe` |
//! | `cnp_2021_version_1.0_-_elements.csv` | `Niveau,Code de la CNP v1.0,Titres de classes,Nom du type d’élément Français,Description d’élément Français` |
//!
//! NOC 2016 V1.3 has the same two kinds of file in English, with four
//! levels and 4-digit unit groups; two of its major groups span a range
//! of codes (`01-05`), read as one class per code. NOC 2011 is read from
//! a structure table (`code,title,Level,...`) and a table of job titles
//! (`NOCCode,JobTitle,list_part`).
//!
//! Real downloads have a UTF-8 byte order mark, trailing spaces, CRLF line
//! ends, quoted fields over several lines, rows in Windows-1252 instead of
//! UTF-8 and codes whose leading zeros a spreadsheet removed; all are
//! accepted. Columns are found by name, so
//! their order does not matter.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use crate::code::{Level, NocCode, NocVersion};
use crate::error::{Error, ErrorKind, Position, Result};
use crate::model::{
    Classification, DutySection, Exclusion, Group, Lang, Text, Title,
    TitleForm,
};
use crate::parse::Loaded;

/// The English structure file of NOC 2021 V1.0.
pub const STRUCTURE_EN: &str =
    "noc_2021_version_1.0_-_classification_structure.csv";
/// The name of the English structure file at its Statistics Canada
/// address.
pub const STRUCTURE_EN_DOWNLOAD: &str = "NOC-CNP-2021-Structure-V1-eng.csv";
/// The English elements file of NOC 2021 V1.0.
pub const ELEMENTS_EN: &str = "noc_2021_version_1.0_-_elements.csv";
/// The supplementary English examples of NOC 2021 V1.0 on the open
/// government portal, in the elements file's shape; read when present.
pub const ELEMENTS_ADDITIONAL_EN: &str =
    "noc_2021_version_1.0_-_elements-additional.csv";
/// The French structure file of CNP 2021 V1.0.
pub const STRUCTURE_FR: &str =
    "cnp_2021_version_1.0_-_classification_structure.csv";
/// The name of the French structure file on the open government portal.
pub const STRUCTURE_FR_PORTAL: &str =
    "cnp_2021_version_1.0_-_structure_de_la_classification.csv";
/// The French elements file of CNP 2021 V1.0.
pub const ELEMENTS_FR: &str = "cnp_2021_version_1.0_-_elements.csv";
/// The English structure file of NOC 2016 V1.3.
pub const STRUCTURE_2016: &str = "noc-cnp-2016-structure-v4-eng.csv";
/// The English elements file of NOC 2016 V1.3.
pub const ELEMENTS_2016: &str = "noc-cnp-2016-element-v4-eng.csv";
/// The NOC 2016 titles in the elements file's shape, without the level
/// column (`Code,Class title,Element Type Label English,...`).
pub const TITLES_2016: &str = "noc2016_titles.csv";
/// The NOC 2011 structure table.
pub const STRUCTURE_2011: &str = "noc2011_structure.csv";
/// The NOC 2011 job titles (`NOCCode,JobTitle,list_part`).
pub const TITLES_2011: &str = "noc2011_titles_partial.csv";

/// One file of a version's data: the names it may have (the first is the
/// official one), what it holds and whether a folder must have it.
#[derive(Clone, Copy, Debug)]
pub struct OfficialFile {
    /// Accepted file names, the official one first.
    pub names: &'static [&'static str],
    /// Structure or elements.
    pub kind: FileKind,
    /// The language of its text.
    pub lang: Lang,
    /// Whether the version cannot be loaded without it.
    pub required: bool,
}

impl OfficialFile {
    const fn new(
        names: &'static [&'static str],
        kind: FileKind,
        lang: Lang,
        required: bool,
    ) -> OfficialFile {
        OfficialFile { names, kind, lang, required }
    }
}

/// The files of each version, in the order they are read (structure
/// before elements).
pub const OFFICIAL_FILES: [(NocVersion, &[OfficialFile]); 3] = [
    (
        NocVersion::V2021,
        &[
            OfficialFile::new(
                &[STRUCTURE_EN, STRUCTURE_EN_DOWNLOAD],
                FileKind::Structure,
                Lang::En,
                true,
            ),
            OfficialFile::new(
                &[STRUCTURE_FR, STRUCTURE_FR_PORTAL],
                FileKind::Structure,
                Lang::Fr,
                false,
            ),
            OfficialFile::new(
                &[ELEMENTS_EN],
                FileKind::Elements,
                Lang::En,
                true,
            ),
            OfficialFile::new(
                &[ELEMENTS_ADDITIONAL_EN],
                FileKind::Elements,
                Lang::En,
                false,
            ),
            OfficialFile::new(
                &[ELEMENTS_FR],
                FileKind::Elements,
                Lang::Fr,
                false,
            ),
        ],
    ),
    (
        NocVersion::V2016,
        &[
            OfficialFile::new(
                &[STRUCTURE_2016],
                FileKind::Structure,
                Lang::En,
                true,
            ),
            OfficialFile::new(
                &[ELEMENTS_2016, TITLES_2016],
                FileKind::Elements,
                Lang::En,
                true,
            ),
        ],
    ),
    (
        NocVersion::V2011,
        &[
            OfficialFile::new(
                &[STRUCTURE_2011],
                FileKind::Structure,
                Lang::En,
                true,
            ),
            OfficialFile::new(
                &[TITLES_2011],
                FileKind::Elements,
                Lang::En,
                true,
            ),
        ],
    ),
];

/// The files of `version`.
pub fn official_files(version: NocVersion) -> &'static [OfficialFile] {
    OFFICIAL_FILES
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, f)| *f)
        .unwrap_or(&[])
}

/// The version whose structure file is in `dir`, newest first.
pub fn detect_version(dir: &Path) -> Option<NocVersion> {
    OFFICIAL_FILES.iter().find_map(|(v, files)| {
        files
            .iter()
            .filter(|f| f.kind == FileKind::Structure && f.required)
            .any(|f| f.names.iter().any(|n| dir.join(n).is_file()))
            .then_some(*v)
    })
}

/// The version one of whose official files (or their accepted names)
/// `path` is named like, in any case.
///
/// # Example
/// ```
/// use noc::parse::statcan::version_of_file;
/// use noc::NocVersion;
/// use std::path::Path;
/// let file = Path::new("data/NOC_2021_Version_1.0_-_Elements.csv");
/// assert_eq!(version_of_file(file), Some(NocVersion::V2021));
/// assert_eq!(version_of_file(Path::new("4212.txt")), None);
/// ```
pub fn version_of_file(path: &Path) -> Option<NocVersion> {
    let name = path.file_name()?.to_str()?;
    OFFICIAL_FILES.iter().find_map(|(version, files)| {
        files
            .iter()
            .flat_map(|f| f.names.iter())
            .any(|n| n.eq_ignore_ascii_case(name))
            .then_some(*version)
    })
}

/// True when `dir` holds the structure file of some version.
pub fn is_statcan_dir(dir: &Path) -> bool {
    detect_version(dir).is_some()
}

/// Loads the version found in `dir` (see [`detect_version`]).
pub fn load_dir(dir: &Path) -> Result<Loaded> {
    let version = detect_version(dir).unwrap_or(NocVersion::V2021);
    load_version_dir(dir, version)
}

/// Loads `version` from a folder of its files ([`official_files`]):
/// required files must be there, optional ones are read when present.
///
/// A missing file or a wrong header is an error; bad rows are reported
/// in [`Loaded::problems`] and skipped.
pub fn load_version_dir(dir: &Path, version: NocVersion) -> Result<Loaded> {
    let mut b = Builder::new(version);
    let mut files = vec![];
    let mut problems = vec![];
    for file in official_files(version) {
        let Some(path) =
            file.names.iter().map(|n| dir.join(n)).find(|p| p.is_file())
        else {
            if file.required {
                return Err(Error::new(ErrorKind::MissingFile {
                    dir: dir.to_path_buf(),
                    expected_file: file.names[0].to_string(),
                }));
            }
            continue;
        };
        let name =
            path.file_name().and_then(|n| n.to_str()).unwrap_or(file.names[0]);
        let f = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let spec = FileSpec { name, kind: file.kind, lang: file.lang };
        let mut errs = b
            .read(spec, std::io::BufReader::new(f))
            .map_err(|e| e.with_path(&path))?;
        problems.extend(errs.drain(..).map(|e| e.with_path(&path)));
        files.push(path);
    }
    Ok(Loaded { classification: b.finish(), problems, files })
}

/// Which of the two kinds of official file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Classes: level, code, title, definition.
    Structure,
    /// Elements of unit groups: titles, duties, exclusions ...
    Elements,
}

/// What file is being read, for column lookup and error messages.
#[derive(Clone, Copy, Debug)]
pub struct FileSpec<'a> {
    /// The official file name, named in header errors.
    pub name: &'a str,
    /// Structure or elements.
    pub kind: FileKind,
    /// The language of the file's text.
    pub lang: Lang,
}

/// Builds a classification from official files: structure files first,
/// then elements files (an element of a unit group that no structure file
/// named is reported as a problem).
pub struct Builder {
    version: NocVersion,
    groups: HashMap<NocCode, Group>,
    /// Main-duty lines per (code, language), split into sections at
    /// `finish`, when the whole vocabulary of duty verbs is known.
    duties: HashMap<(NocCode, Lang), Vec<String>>,
    /// Exclusions per (code, language), paired across languages at
    /// `finish`.
    exclusions: HashMap<(NocCode, Lang), Vec<Exclusion>>,
    /// Employment requirements and additional information per language.
    paragraphs: HashMap<(NocCode, Lang, ElementType), Vec<String>>,
    /// The line of each class's row in the structure file of a language,
    /// to report a duplicated row.
    structure_lines: HashMap<(NocCode, Lang), u64>,
}

impl Default for Builder {
    /// A builder for NOC 2021.
    fn default() -> Builder {
        Builder::new(NocVersion::V2021)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ElementType {
    Illustrative,
    AllExamples,
    Inclusion,
    Exclusion,
    MainDuties,
    EmploymentRequirements,
    AdditionalInformation,
}

impl ElementType {
    fn parse(label: &str) -> Option<ElementType> {
        // The official labels as written, checked first: folding every
        // row's label would cost more than the rest of the row.
        let exact = match label {
            "All examples" | "Tous les exemples" => {
                Some(ElementType::AllExamples)
            }
            "Main duties" | "Fonctions principales" => {
                Some(ElementType::MainDuties)
            }
            "Illustrative example(s)" | "Exemple(s) illustratif(s)" => {
                Some(ElementType::Illustrative)
            }
            "Exclusion(s)" => Some(ElementType::Exclusion),
            _ => None,
        };
        if exact.is_some() {
            return exact;
        }
        let l = fold_label(label);
        Some(match l.as_str() {
            "illustrative example(s)" | "exemple(s) illustratif(s)" => {
                ElementType::Illustrative
            }
            "all examples" | "tous les exemples" => ElementType::AllExamples,
            "inclusion(s)" => ElementType::Inclusion,
            "exclusion(s)" => ElementType::Exclusion,
            "main duties" | "fonctions principales" => ElementType::MainDuties,
            "employment requirements"
            | "conditions d'acces a la profession" => {
                ElementType::EmploymentRequirements
            }
            "additional information" | "renseignements supplementaires" => {
                ElementType::AdditionalInformation
            }
            // The `list_part` of the NOC 2011 titles table.
            "all_titles" => ElementType::AllExamples,
            "example_titles_only" => ElementType::Illustrative,
            _ => return None,
        })
    }
}

/// Lower case, trimmed, BOM and accents removed, typographic apostrophes
/// made plain: for comparing header names and element labels.
fn fold_label(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim_start_matches('\u{feff}')
        .trim()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

struct Columns {
    /// Absent from title tables, whose rows are all unit groups.
    level: Option<usize>,
    code: usize,
    /// Optional in elements files, which repeat the structure's title.
    title: Option<usize>,
    /// Definition (structure) or element description (elements).
    text: usize,
    /// Element type (elements only).
    element_type: Option<usize>,
}

fn find_columns(
    headers: &csv::StringRecord,
    spec: FileSpec,
) -> Result<Columns> {
    let names: Vec<String> = headers.iter().map(fold_label).collect();
    let find =
        |pred: &dyn Fn(&str) -> bool| names.iter().position(|n| pred(n));
    let level = find(&|n| n == "level" || n == "niveau");
    let code = find(&|n| n.starts_with("code") || n == "noccode");
    let title = find(&|n| {
        n == "class title" || n == "titres de classes" || n == "title"
    });
    let definition = find(&|n| {
        n == "class definition" || n.starts_with("definitions de la classe")
    });
    let element_type = find(&|n| {
        n.starts_with("element type label")
            || n.starts_with("nom du type")
            || n == "list_part"
    });
    let description = find(&|n| {
        n.starts_with("element description")
            || n.starts_with("description d'element")
            || n == "jobtitle"
    });
    let header_err = |msg: String| {
        Error::new(ErrorKind::Header {
            pos: Position::line(1),
            expected_file: spec.name.to_string(),
            msg,
        })
    };
    let text = match spec.kind {
        FileKind::Structure => {
            if element_type.is_some() {
                return Err(header_err(
                    "this is an elements file, not a structure file".into(),
                ));
            }
            // The NOC 2011 table has no definitions: a structure file
            // needs only its codes and titles.
            definition.or(Some(usize::MAX))
        }
        FileKind::Elements => {
            if element_type.is_none() && definition.is_some() {
                return Err(header_err(
                    "this is a structure file, not an elements file".into(),
                ));
            }
            description
        }
    };
    let missing: Vec<&str> = [
        ("level", level.is_some() || spec.kind == FileKind::Elements),
        ("code", code.is_some()),
        ("class title", title.is_some() || spec.kind == FileKind::Elements),
        (
            match spec.kind {
                FileKind::Structure => "class definition",
                FileKind::Elements => "element description",
            },
            text.is_some(),
        ),
        (
            "element type label",
            spec.kind == FileKind::Structure || element_type.is_some(),
        ),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(n, _)| n)
    .collect();
    match (code, text) {
        (Some(code), Some(text)) if missing.is_empty() => {
            Ok(Columns { level, code, title, text, element_type })
        }
        _ => Err(header_err(format!(
            "header {:?} lacks the column(s) {}",
            headers.iter().collect::<Vec<_>>().join(","),
            missing.join(", ")
        ))),
    }
}

impl Builder {
    /// A builder for `version`.
    pub fn new(version: NocVersion) -> Builder {
        Builder {
            version,
            groups: HashMap::new(),
            duties: HashMap::new(),
            exclusions: HashMap::new(),
            paragraphs: HashMap::new(),
            structure_lines: HashMap::new(),
        }
    }

    /// Reads one official file. Returns the problems of single rows (the
    /// rows are skipped); a wrong header or unreadable file is an error.
    pub fn read<R: Read>(
        &mut self,
        spec: FileSpec,
        reader: R,
    ) -> Result<Vec<Error>> {
        let (reader, lines) = super::lines::LineCounter::new(reader);
        let mut rdr =
            csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers = decode_record(
            rdr.byte_headers().map_err(|e| csv_error(&e, &lines))?.clone(),
        );
        if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
            return Err(Error::new(ErrorKind::Header {
                pos: Position::line(1),
                expected_file: spec.name.to_string(),
                msg: "the file is empty".into(),
            }));
        }
        let cols = find_columns(&headers, spec)?;
        let mut problems = vec![];
        let mut bytes = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut bytes) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    problems.push(csv_error(&e, &lines));
                    // A broken quote can make the reader fail forever;
                    // stop at the first I/O-level error.
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let record = decode_record(std::mem::take(&mut bytes));
            let line = record.position().map_or(0, |p| lines.line(p));
            if !record.iter().all(|f| f.trim().is_empty()) {
                if let Err(e) = self.row(spec, &cols, &record, line) {
                    problems.push(e);
                }
            }
            // Reuse the record's buffers for the next row.
            bytes = record.into_byte_record();
        }
        Ok(problems)
    }

    fn row(
        &mut self,
        spec: FileSpec,
        cols: &Columns,
        rec: &csv::StringRecord,
        line: u64,
    ) -> Result<()> {
        let pos = || Position::line(line);
        // Official files pad some fields with spaces; trimming the
        // borrowed field costs nothing, a trimmed copy of the record would.
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let levels = levels(self.version);
        let level = match cols.level {
            Some(i) => {
                let text = field(i);
                match text.parse::<usize>() {
                    Ok(n) if (1..=levels.len()).contains(&n) => levels[n - 1],
                    _ => {
                        return Err(Error::syntax(
                            pos(),
                            format!(
                                "expected a level from 1 to {} (NOC {}), \
                                 found {text:?}",
                                levels.len(),
                                self.version
                            ),
                        ))
                    }
                }
            }
            None => Level::UnitGroup,
        };
        let digits = level.digits(self.version).unwrap_or(5);
        let code_text = field(cols.code);
        let codes = match code_range(code_text) {
            Some(range) if spec.kind == FileKind::Structure => range,
            _ => vec![NocCode::with_width(code_text, digits)
                .map_err(|e| Error::syntax(pos(), e.to_string()))?],
        };
        if codes.iter().any(|c| c.len() != digits) {
            return Err(Error::syntax(
                pos(),
                format!(
                    "expected a {digits}-digit code for a {} of NOC {}, \
                     found {code_text:?}",
                    level.name(),
                    self.version
                ),
            ));
        }
        let title = cols.title.map(field).unwrap_or("");
        let text = field(cols.text);
        match spec.kind {
            FileKind::Structure => {
                // A class has one row per structure file; a second is an
                // edit or a copying error (see: issue 11). A range row
                // (`01-05`) may share codes with rows of its own.
                if let [code] = codes[..] {
                    if code_range(code_text).is_none() {
                        let key = (code, spec.lang);
                        if let Some(first) =
                            self.structure_lines.insert(key, line)
                        {
                            self.structure_lines.insert(key, first);
                            return Err(Error::syntax(
                                pos(),
                                format!(
                                    "{} {code} is given twice (first on \
                                     line {first}); the row is left out",
                                    level.name()
                                ),
                            ));
                        }
                    }
                }
                for code in codes {
                    let version = self.version;
                    let g = self.groups.entry(code).or_insert_with(|| {
                        Group::new(version, code, level, Text::empty())
                    });
                    if !title.is_empty() {
                        g.title.set(spec.lang, title.to_string());
                    }
                    if !text.is_empty() {
                        g.lead_statement.set(spec.lang, text.to_string());
                    }
                }
                Ok(())
            }
            FileKind::Elements => {
                let label = cols.element_type.map(field).unwrap_or("");
                let Some(kind) = ElementType::parse(label) else {
                    return Err(Error::syntax(
                        pos(),
                        format!(
                            "unknown element type {label:?}; expected one \
                             of Illustrative example(s), All examples, \
                             Inclusion(s), Exclusion(s), Main duties, \
                             Employment requirements, Additional \
                             information (or their French names)"
                        ),
                    ));
                };
                let code = codes[0];
                if level != Level::UnitGroup {
                    return Err(Error::syntax(
                        pos(),
                        format!(
                            "expected a unit group (level {}), found {code}",
                            levels.len()
                        ),
                    ));
                }
                if text.is_empty() {
                    return Err(Error::syntax(
                        pos(),
                        "expected an element description, found none",
                    ));
                }
                self.element(code, spec.lang, kind, text, line)
            }
        }
    }

    fn element(
        &mut self,
        code: NocCode,
        lang: Lang,
        kind: ElementType,
        text: &str,
        line: u64,
    ) -> Result<()> {
        let Some(g) = self.groups.get_mut(&code) else {
            return Err(Error::syntax(
                Position::line(line),
                format!("unit group {code} is not in the structure file"),
            ));
        };
        let title = || Title::one(lang, TitleForm::parse(text));
        match kind {
            ElementType::Illustrative => g.example_titles.push(title()),
            ElementType::AllExamples => g.all_titles.push(title()),
            ElementType::Inclusion => g.inclusions.push(title()),
            ElementType::Exclusion => self
                .exclusions
                .entry((code, lang))
                .or_default()
                .push(parse_exclusion(lang, text)),
            ElementType::MainDuties => self
                .duties
                .entry((code, lang))
                .or_default()
                .push(text.to_string()),
            ElementType::EmploymentRequirements
            | ElementType::AdditionalInformation => self
                .paragraphs
                .entry((code, lang, kind))
                .or_default()
                .push(text.to_string()),
        }
        Ok(())
    }

    /// Builds the classification.
    pub fn finish(mut self) -> Classification {
        let verbs = duty_verbs(&self.duties);
        let mut codes: Vec<NocCode> = self.groups.keys().copied().collect();
        codes.sort();
        for code in codes {
            let Some(g) = self.groups.get_mut(&code) else { continue };
            for lang in [Lang::En, Lang::Fr] {
                if let Some(lines) = self.duties.remove(&(code, lang)) {
                    let (intro, sections) = split_duties(&lines, lang, &verbs);
                    if let Some(intro) = intro {
                        g.duties_intro.set(lang, intro);
                    }
                    merge_sections(&mut g.main_duties, sections, lang);
                }
                if let Some(ex) = self.exclusions.remove(&(code, lang)) {
                    merge_exclusions(&mut g.exclusions, ex, lang);
                }
                for (kind, list) in [
                    (
                        ElementType::EmploymentRequirements,
                        &mut g.employment_requirements,
                    ),
                    (
                        ElementType::AdditionalInformation,
                        &mut g.additional_information,
                    ),
                ] {
                    if let Some(p) =
                        self.paragraphs.remove(&(code, lang, kind))
                    {
                        merge_texts(list, p, lang);
                    }
                }
            }
        }
        let mut groups: Vec<Group> = self.groups.into_values().collect();
        if self.version == NocVersion::V2021 {
            // The project's Chinese names, marked unofficial.
            crate::zh::names().attach(&mut groups);
        }
        Classification::new(self.version, groups)
    }
}

/// The levels of `version`, numbered from 1 as the files number them.
fn levels(version: NocVersion) -> &'static [Level] {
    match version {
        NocVersion::V2021 => &Level::ALL,
        NocVersion::V2011 | NocVersion::V2016 => &[
            Level::BroadCategory,
            Level::MajorGroup,
            Level::MinorGroup,
            Level::UnitGroup,
        ],
    }
}

/// The codes of a range such as `01-05` (a NOC 2016 major group that
/// spans five codes), or `None` when `text` is not a range.
fn code_range(text: &str) -> Option<Vec<NocCode>> {
    let (from, to) = text.split_once('-')?;
    let (a, b) = (NocCode::new(from).ok()?, NocCode::new(to).ok()?);
    let (x, y): (u32, u32) =
        (a.as_str().parse().ok()?, b.as_str().parse().ok()?);
    if a.len() != b.len() || x > y || y - x > 10 {
        return None;
    }
    let width = a.len();
    (x..=y).map(|n| NocCode::with_width(&n.to_string(), width).ok()).collect()
}

/// A CSV record as text. Official files are UTF-8, but some published
/// copies carry Windows-1252 (Latin-1) bytes, in every row or in a few
/// (`maître d'hôtel`): a record that is not valid UTF-8 is read as
/// Windows-1252 rather than rejected, which restores those accents.
fn decode_record(bytes: csv::ByteRecord) -> csv::StringRecord {
    match csv::StringRecord::from_byte_record(bytes) {
        Ok(record) => record,
        Err(e) => {
            let bytes = e.into_byte_record();
            let mut record: csv::StringRecord = bytes
                .iter()
                .map(|f| {
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(f).0
                })
                .collect();
            record.set_position(bytes.position().cloned());
            record
        }
    }
}

fn csv_error(e: &csv::Error, lines: &super::lines::Lines) -> Error {
    let line = e.position().map(|p| lines.line(p));
    let msg = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            format!(
                "invalid UTF-8 in field {}: expected UTF-8 text",
                err.field() + 1
            )
        }
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("expected {expected_len} fields, found {len}")
        }
        _ => e.to_string(),
    };
    Error::new(ErrorKind::Csv { pos: Position { path: None, line }, msg })
}

/// Parses `Social workers  (See 41300 Social workers)` or the French
/// `(Voir 41300 …)`. The target title may itself hold parentheses.
fn parse_exclusion(lang: Lang, text: &str) -> Exclusion {
    let marker = ["(See ", "(Voir ", "(see ", "(voir "]
        .iter()
        .filter_map(|m| text.rfind(m).map(|i| (i, m.len())))
        .max();
    if let Some((i, mlen)) = marker {
        let inner = text[i + mlen..].trim();
        let inner = inner.strip_suffix(')').unwrap_or(inner);
        let digits: &str =
            inner.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        if let Ok(code) = NocCode::new(digits) {
            let title = inner[digits.len()..].trim();
            let mut target_title = Text::empty();
            if !title.is_empty() {
                target_title.set(lang, title.to_string());
            }
            return Exclusion {
                text: Text::one(lang, text[..i].trim().to_string()),
                target: Some(code),
                target_title,
            };
        }
    }
    Exclusion {
        text: Text::one(lang, text.to_string()),
        target: None,
        target_title: Text::empty(),
    }
}

/// Pairs French exclusions with the English ones of the same target, in
/// order; unpaired ones are appended.
fn merge_exclusions(
    into: &mut Vec<Exclusion>,
    from: Vec<Exclusion>,
    lang: Lang,
) {
    let mut used: HashSet<usize> = HashSet::new();
    for ex in from {
        let slot = into.iter().enumerate().position(|(i, e)| {
            !used.contains(&i)
                && e.target == ex.target
                && e.text.get(lang).is_none()
        });
        match slot {
            Some(i) => {
                used.insert(i);
                into[i].text.merge(ex.text);
                into[i].target_title.merge(ex.target_title);
            }
            None => {
                used.insert(into.len());
                into.push(ex);
            }
        }
    }
}

/// Adds texts of `lang`. English and French paragraphs are not paired:
/// the order of the French rows within a unit group is not reliably that
/// of the English ones, so each language keeps its own entries.
fn merge_texts(into: &mut Vec<Text>, from: Vec<String>, lang: Lang) {
    into.extend(from.into_iter().map(|s| Text::one(lang, s)));
}

/// Adds duty sections of `lang`, kept apart from the other language's
/// for the reason given at [`merge_texts`].
fn merge_sections(
    into: &mut Vec<DutySection>,
    from: Vec<RawSection>,
    lang: Lang,
) {
    into.extend(from.into_iter().map(|(h, items)| DutySection {
        heading: h.map(|h| Text::one(lang, h)),
        items: items.into_iter().map(|s| Text::one(lang, s)).collect(),
    }));
}

/// The first words (lower case) of the English duties of unit groups
/// without sub-headings, which are all duty verbs (`Plan`, `Requisition`,
/// `Train`). A group has no sub-headings when none of its French duties
/// starts with a capital: French duties are lower-case infinitives
/// (`planifier …;`) and French sub-headings are capitalised
/// (`Les directeurs des assurances`).
fn duty_verbs(
    duties: &HashMap<(NocCode, Lang), Vec<String>>,
) -> HashSet<String> {
    let mut verbs = HashSet::new();
    for ((code, lang), lines) in duties {
        if *lang != Lang::En {
            continue;
        }
        let plain = duties
            .get(&(*code, Lang::Fr))
            .is_some_and(|fr| !fr.iter().skip(1).any(|l| starts_upper(l)));
        if plain {
            verbs.extend(
                lines
                    .iter()
                    .skip(1)
                    .filter_map(|l| l.split_whitespace().next())
                    .map(str::to_lowercase),
            );
        }
    }
    verbs
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A sub-heading, if any, and its duty lines.
type RawSection = (Option<String>, Vec<String>);

/// Splits the main-duty lines of one group into an intro sentence and
/// sections. A sub-heading is a short line without closing punctuation,
/// followed by a duty, that starts with a capital (French), or that
/// starts with a word that is not a duty verb and ends in a plural
/// (English).
fn split_duties(
    lines: &[String],
    lang: Lang,
    verbs: &HashSet<String>,
) -> (Option<String>, Vec<RawSection>) {
    let mut rest = lines;
    let mut intro = None;
    if let Some(first) = lines.first() {
        if first.ends_with(':') {
            intro = Some(first.clone());
            rest = &lines[1..];
        }
    }
    let candidate = |i: usize| {
        let Some(l) = rest.get(i) else { return false };
        let l: &str = l;
        let first = l.split_whitespace().next().unwrap_or("");
        let words = l.split_whitespace().count();
        // English sub-headings name occupations in the plural
        // (`Insurance managers`, `Court reporters`).
        let english_ok = || {
            !verbs.contains(&first.to_lowercase())
                && words <= 7
                && l.ends_with('s')
                && !l.contains(',')
        };
        starts_upper(l)
            && !l.ends_with(['.', ';', ':', ','])
            && words <= 10
            && (lang != Lang::En || english_ok())
    };
    // A heading is followed by a duty, never by the end or a heading.
    let is_heading =
        |i: usize| candidate(i) && i + 1 < rest.len() && !candidate(i + 1);
    let mut sections: Vec<RawSection> = vec![];
    for (i, line) in rest.iter().enumerate() {
        if is_heading(i) {
            sections.push((Some(line.clone()), vec![]));
            continue;
        }
        match sections.last_mut() {
            Some(s) => s.1.push(line.clone()),
            None => sections.push((None, vec![line.clone()])),
        }
    }
    sections.retain(|(h, items)| h.is_some() || !items.is_empty());
    (intro, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Multilingual;

    fn en<T>(v: T) -> Multilingual<T> {
        Multilingual::one(Lang::En, v)
    }

    const STRUCTURE: &str = "\u{feff}Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition\r\n\
        1,Broad Category,4,\"Occupations in education, law\",Def 4.\r\n\
        4,Minor Group,4220,Paraprofessional occupations,Def 4220.  \r\n\
        5,Unit Group,42201,Social and community service workers,\"Social and community service workers administer\r\nprograms.\"\r\n\
        5,Unit Group,10,Legislators,Def.\r\n";

    const ELEMENTS: &str = "Level,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English\n\
        5,42201,Social and community service workers,Illustrative example(s),youth worker\n\
        5,42201,Social and community service workers,All examples,youth worker  \n\
        5,42201,Social and community service workers,All examples,child-care worker (except day care)\n\
        5,42201,Social and community service workers,Exclusion(s),Social workers  (See 41300 Social workers)\n\
        5,42201,Social and community service workers,Exclusion(s),\"Managers (except x)  (See 9001 Supervisors (a, b))\"\n\
        5,42201,Social and community service workers,Main duties,This group performs some or all of the following duties:\n\
        5,42201,Social and community service workers,Main duties,Review client background information\n\
        5,10,Legislators,Main duties,Insurance managers\n\
        5,10,Legislators,Main duties,Plan and direct the work of staff in a long sentence here.\n\
        5,10,Legislators,Main duties,Banking managers\n\
        5,10,Legislators,Main duties,Plan and direct budgets.\n\
        5,42201,Social and community service workers,Shoe size,42\n\
        5,99999,Nobody,All examples,ghost\n";

    fn load(structure: &str, elements: &str) -> (Classification, Vec<Error>) {
        let mut b = Builder::default();
        let mut problems = b
            .read(
                FileSpec {
                    name: STRUCTURE_EN,
                    kind: FileKind::Structure,
                    lang: Lang::En,
                },
                structure.as_bytes(),
            )
            .unwrap();
        problems.extend(
            b.read(
                FileSpec {
                    name: ELEMENTS_EN,
                    kind: FileKind::Elements,
                    lang: Lang::En,
                },
                elements.as_bytes(),
            )
            .unwrap(),
        );
        (b.finish(), problems)
    }

    #[test]
    fn reads_real_world_quirks() {
        let (c, problems) = load(STRUCTURE, ELEMENTS);
        let g = c.get_str("42201").unwrap();
        assert_eq!(g.title, en("Social and community service workers".into()));
        assert!(g
            .lead_statement
            .en
            .as_deref()
            .unwrap()
            .contains("\nprograms."));
        assert_eq!(
            c.get_str("4220").unwrap().lead_statement.en.as_deref(),
            Some("Def 4220.")
        );
        // `10` lost its zeros: level 5 makes it 00010.
        assert!(c.get_str("00010").is_some());
        assert_eq!(g.all_titles.len(), 2);
        assert_eq!(
            g.all_titles[0].en.as_ref().unwrap().original,
            "youth worker"
        );
        assert_eq!(g.exclusions[0].target.unwrap().as_str(), "41300");
        assert_eq!(g.exclusions[1].target.unwrap().as_str(), "9001");
        assert_eq!(
            g.exclusions[1].target_title.en.as_deref(),
            Some("Supervisors (a, b)")
        );
        assert_eq!(
            g.exclusions[1].text.en.as_deref(),
            Some("Managers (except x)")
        );
        assert!(g.duties_intro.en.is_some());
        assert_eq!(g.duty_count(), 1);
        let legis = c.get_str("00010").unwrap();
        let heads: Vec<_> = legis
            .main_duties
            .iter()
            .map(|s| s.heading.as_ref().and_then(|h| h.en.clone()))
            .collect();
        assert_eq!(
            heads,
            [
                Some("Insurance managers".into()),
                Some("Banking managers".into())
            ]
        );
        let msgs: Vec<String> =
            problems.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("line 13: unknown element type \"Shoe size\"")
        );
        assert!(msgs[1].contains("99999"), "{msgs:?}");
    }

    /// See: issue 11 (a duplicated code row was accepted silently).
    #[test]
    fn a_duplicated_code_row_is_reported_with_both_lines() {
        let dup =
            format!("{STRUCTURE}5,Unit Group,10,Legislators again,X\r\n");
        let (c, problems) = load(&dup, ELEMENTS);
        let msgs: Vec<String> =
            problems.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs[0],
            "line 7: unit group 00010 is given twice (first on line 6); the \
             row is left out"
        );
        let code = NocCode::new("00010").unwrap();
        assert_eq!(
            c.get(&code).unwrap().title.en.as_deref(),
            Some("Legislators")
        );
    }

    #[test]
    fn wrong_header_names_the_file() {
        let mut b = Builder::default();
        let err = b
            .read(
                FileSpec {
                    name: STRUCTURE_EN,
                    kind: FileKind::Structure,
                    lang: Lang::En,
                },
                "Code,Title\n1,x\n".as_bytes(),
            )
            .unwrap_err();
        insta::assert_snapshot!(err, @r#"line 1: header "Code,Title" lacks the column(s) level; expected the header of the official Statistics Canada file noc_2021_version_1.0_-_classification_structure.csv"#);
        let err = b
            .read(
                FileSpec {
                    name: STRUCTURE_EN,
                    kind: FileKind::Structure,
                    lang: Lang::En,
                },
                ELEMENTS.as_bytes(),
            )
            .unwrap_err();
        assert!(err.to_string().contains("this is an elements file"));
    }

    #[test]
    fn bad_rows_are_reported_and_skipped() {
        let s = "Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition\n\
                 5,Unit Group,42201,A,B\n\
                 7,Unit Group,42202,A,B\n\
                 5,Unit Group,4x,A,B\n";
        let (c, problems) = load(s, "Level,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English\n");
        assert_eq!(c.groups().len(), 1);
        let msgs: Vec<String> =
            problems.iter().map(|e| e.to_string()).collect();
        insta::assert_snapshot!(msgs.join("\n"), @r#"
        line 3: expected a level from 1 to 5 (NOC 2021), found "7"
        line 4: invalid NOC code "4x": expected only digits
        "#);
    }

    #[test]
    fn french_exclusions_pair_by_target() {
        let mut into = vec![
            parse_exclusion(
                Lang::En,
                "Social workers  (See 41300 Social workers)",
            ),
            parse_exclusion(
                Lang::En,
                "Counsellors  (See 41320 Educational counsellors)",
            ),
        ];
        let fr = vec![
            parse_exclusion(Lang::Fr, "Conseillers  (Voir 41320 Conseillers)"),
            parse_exclusion(
                Lang::Fr,
                "Travailleurs sociaux  (Voir 41300 Travailleurs sociaux)",
            ),
        ];
        merge_exclusions(&mut into, fr, Lang::Fr);
        assert_eq!(into.len(), 2);
        assert_eq!(into[0].text.fr.as_deref(), Some("Travailleurs sociaux"));
        assert_eq!(into[1].target_title.fr.as_deref(), Some("Conseillers"));
    }

    fn read_version(
        version: NocVersion,
        files: &[(FileKind, &str)],
    ) -> (Classification, Vec<Error>) {
        let mut b = Builder::new(version);
        let mut problems = vec![];
        for (kind, text) in files {
            let spec =
                FileSpec { name: "test.csv", kind: *kind, lang: Lang::En };
            problems.extend(b.read(spec, text.as_bytes()).unwrap());
        }
        (b.finish(), problems)
    }

    #[test]
    fn reads_noc_2016_with_code_ranges() {
        let structure = "\u{feff}Level,Hierarchical structure,Code,Class title,Class definition\n\
            1,Broad occupational category,0,Management occupations,Def.\n\
            2,Major group,01-05,Specialized middle management occupations,Def.\n\
            3,Minor group,011,Administrative services managers,Def.\n\
            4,Unit group,12,Senior government managers and officials,Def.\n\
            4,Unit group,0111,Financial managers,Def.\n\
            5,Unit group,01111,Too deep,Def.\n";
        let elements = "Code,Class title,Element Type Label English,Element Description English\n\
            0111,Financial managers,Illustrative example(s),controller - financial services\n\
            111,Financial managers,All examples,financial administrator\n\
            01111,Financial managers,All examples,five digits\n";
        let (c, problems) = read_version(
            NocVersion::V2016,
            &[
                (FileKind::Structure, structure),
                (FileKind::Elements, elements),
            ],
        );
        let msgs: Vec<String> =
            problems.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("expected a level from 1 to 4"), "{msgs:?}");
        assert!(msgs[1].contains("expected 4 digits"), "{msgs:?}");
        assert_eq!(c.version(), NocVersion::V2016);
        for major in ["01", "02", "03", "04", "05"] {
            let g = c.get_str(major).unwrap();
            assert_eq!(g.level, Level::MajorGroup);
            assert_eq!(g.version, NocVersion::V2016);
        }
        assert_eq!(
            c.parent(&NocCode::new("011").unwrap()).unwrap().code.as_str(),
            "01"
        );
        let g = c.get_str("0111").unwrap();
        assert_eq!(g.level, Level::UnitGroup);
        assert_eq!(g.example_titles.len(), 1);
        assert_eq!(g.all_titles.len(), 1, "a code without its zero is padded");
        assert!(c.get_str("0012").is_some());
        assert_eq!(g.teer(), None);
    }

    #[test]
    fn reads_noc_2011_tables() {
        let structure = "code,title,Level,Hierarchical_structure,parent\n\
            4,\"Occupations in education, law and social, community and government services\",1,Broad occupational category,NA\n\
            4212,Social and community service workers,4,Unit group,421\n";
        let titles = "value,NOCCode,JobTitle,list_part\n\
            1,4212,Aboriginal outreach worker,all_titles\n\
            2,4212,Addictions worker,all_titles\n\
            3,4212,Youth worker,example_titles_only\n\
            4,4212,Lost,some_other_part\n";
        let (c, problems) = read_version(
            NocVersion::V2011,
            &[(FileKind::Structure, structure), (FileKind::Elements, titles)],
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].to_string().contains("unknown element type"));
        let g = c.get_str("4212").unwrap();
        assert_eq!(
            g.title.en.as_deref(),
            Some("Social and community service workers")
        );
        assert_eq!(g.all_titles.len(), 2);
        assert_eq!(g.example_titles.len(), 1);
        assert!(g.lead_statement.is_empty());
    }

    #[test]
    fn finds_the_version_of_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(detect_version(dir.path()), None);
        std::fs::write(dir.path().join(STRUCTURE_2011), "").unwrap();
        assert_eq!(detect_version(dir.path()), Some(NocVersion::V2011));
        std::fs::write(dir.path().join(STRUCTURE_EN), "").unwrap();
        assert_eq!(detect_version(dir.path()), Some(NocVersion::V2021));
        let err = load_version_dir(dir.path(), NocVersion::V2016).unwrap_err();
        assert!(err.to_string().contains(STRUCTURE_2016), "{err}");
    }

    #[test]
    fn ranges_expand_only_when_well_formed() {
        let codes = |t: &str| {
            code_range(t)
                .map(|v| v.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(codes("07-09").unwrap(), ["07", "08", "09"]);
        assert_eq!(codes("09-07"), None);
        assert_eq!(codes("1-100"), None);
        assert_eq!(codes("ab-cd"), None);
        assert_eq!(codes("07"), None);
    }

    #[test]
    fn latin1_rows_keep_their_accents() {
        let structure = b"Level,Hierarchical structure,Code,Class title,Class definition\n\
            4,Unit group,6511,Ma\xeetres d'h\xf4tel et h\xf4tes,D\xe9f.\n";
        let mut b = Builder::new(NocVersion::V2016);
        let spec = FileSpec {
            name: "s.csv",
            kind: FileKind::Structure,
            lang: Lang::En,
        };
        let problems = b.read(spec, &structure[..]).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let c = b.finish();
        let g = c.get_str("6511").unwrap();
        assert_eq!(g.title.en.as_deref(), Some("Maîtres d'hôtel et hôtes"));
        assert_eq!(g.lead_statement.en.as_deref(), Some("Déf."));
    }
}
