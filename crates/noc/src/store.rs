//! Installed NOC data: where it lives, what was installed (a manifest
//! with each file's size and SHA-256), validation of official files by
//! their structure, and atomic installation.
//!
//! The store is a folder (by default the platform's data folder, e.g.
//! `~/.local/share/noc` on Linux; `$NOC_HOME/data` when `NOC_HOME` is
//! set) with one sub-folder per [`DataSet`]: `2021/`, `2016/`, `2011/`
//! and `concordance/`. Each holds the set's files and a `manifest.json`.
//! A set is installed by filling a staging folder beside it, validating
//! it there and renaming it into place, so a failed or interrupted
//! install leaves the previous one as it was.
//!
//! No network code lives here: the command-line tool downloads files into
//! a [`Staging`] folder and calls [`Store::install`].

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::code::{Level, NocVersion};
use crate::concordance::{self, Concordance};
use crate::error::{Error, Position, Result};
use crate::model::Lang;
use crate::parse::statcan::{self, FileKind};

/// The manifest's file name in each set's folder.
pub const MANIFEST: &str = "manifest.json";
/// The manifest format written by this version of the library.
pub const MANIFEST_FORMAT: u32 = 1;

/// Files installed together: one version of the classification, or the
/// concordance.
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
pub enum DataSet {
    /// A version of the NOC (structure and titles).
    Noc(NocVersion),
    /// The NOC 2016 V1.3 → NOC 2021 V1.0 concordance.
    Concordance,
}

impl DataSet {
    /// Every set, newest version first.
    pub const ALL: [DataSet; 4] = [
        DataSet::Noc(NocVersion::V2021),
        DataSet::Noc(NocVersion::V2016),
        DataSet::Noc(NocVersion::V2011),
        DataSet::Concordance,
    ];

    /// The set's folder name in the store.
    pub fn dir_name(self) -> &'static str {
        match self {
            DataSet::Noc(NocVersion::V2021) => "2021",
            DataSet::Noc(NocVersion::V2016) => "2016",
            DataSet::Noc(NocVersion::V2011) => "2011",
            DataSet::Concordance => "concordance",
        }
    }

    /// The files of the set: name (the official one), language, and
    /// whether the set needs it. Files of other languages than `langs`
    /// are left out unless required.
    pub fn files(self, langs: &[Lang]) -> Vec<SetFile> {
        match self {
            DataSet::Noc(v) => statcan::official_files(v)
                .iter()
                .filter(|f| f.required || langs.contains(&f.lang))
                .map(|f| SetFile {
                    name: f.names[0],
                    aliases: &f.names[1..],
                    lang: f.lang,
                    required: f.required,
                })
                .collect(),
            DataSet::Concordance => vec![SetFile {
                name: concordance::NOC2016_TO_2021,
                aliases: &[],
                lang: Lang::En,
                required: true,
            }],
        }
    }

    /// The set a file belongs to and the name it is installed under, by
    /// its name: the official one, an accepted alias (such as the name
    /// of the download, `NOC-CNP-2021-Structure-V1-eng.csv`), in any case.
    pub fn of_file(name: &str) -> Option<(DataSet, &'static str)> {
        DataSet::ALL.into_iter().find_map(|set| {
            set.files(&[Lang::En, Lang::Fr])
                .into_iter()
                .find(|f| {
                    f.name.eq_ignore_ascii_case(name)
                        || f.aliases
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(name))
                })
                .map(|f| (set, f.name))
        })
    }
}

impl fmt::Display for DataSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataSet::Noc(v) => write!(f, "NOC {v}"),
            DataSet::Concordance => write!(f, "concordance 2016→2021"),
        }
    }
}

/// One file of a [`DataSet`].
#[derive(Clone, Copy, Debug)]
pub struct SetFile {
    /// The official file name, under which it is installed.
    pub name: &'static str,
    /// Other names accepted on import.
    pub aliases: &'static [&'static str],
    /// The language of its text.
    pub lang: Lang,
    /// Whether the set needs it.
    pub required: bool,
}

/// The Statistics Canada document address of an official file, for the
/// files published there (the English NOC 2021 structure, NOC 2016 V1.3,
/// the concordance); `None` for the others. These addresses are the ones
/// public code uses (see the data README).
///
/// The NOC 2021 elements files and the French files are published on the
/// open government portal, whose download addresses hold a resource id
/// (`…/dataset/<id>/resource/<resource id>/download/<file name>`): they
/// are looked up at fetch time in the answer of the portal's CKAN API
/// ([`package_show_url`], [`portal_url`]), which is asked first for
/// every NOC 2021 file. Addresses move now and then, so the tool also
/// takes a mirror (`--base-url`) and files imported by hand.
pub fn official_url(name: &str) -> Option<&'static str> {
    Some(match name {
        statcan::STRUCTURE_EN => {
            "https://www.statcan.gc.ca/eng/statistical-programs/document/NOC-CNP-2021-Structure-V1-eng.csv"
        }
        statcan::STRUCTURE_2016 => {
            "https://www.statcan.gc.ca/eng/statistical-programs/document/noc-cnp-2016-structure-v4-eng.csv"
        }
        statcan::ELEMENTS_2016 => {
            "https://www.statcan.gc.ca/eng/statistical-programs/document/noc-cnp-2016-element-v4-eng.csv"
        }
        concordance::NOC2016_TO_2021 => {
            "https://www.statcan.gc.ca/en/statistical-programs/document/noc2016v1_3-noc2021v1_0-eng.csv"
        }
        _ => return None,
    })
}

/// The official landing page to send users to when a download fails.
pub const DATASET_PAGE: &str =
    "https://open.canada.ca/data/en/dataset/1feee3b5-8068-4dbb-b361-180875837593";

/// The id of the NOC 2021 V1.0 dataset on the open government portal.
pub const DATASET_ID: &str = "1feee3b5-8068-4dbb-b361-180875837593";

/// The open government portal's CKAN API.
pub const PORTAL_API: &str = "https://open.canada.ca/data/api";

/// The CKAN `package_show` address of the NOC 2021 dataset at the API
/// `api` (normally [`PORTAL_API`]).
///
/// # Example
/// ```
/// assert_eq!(
///     noc::store::package_show_url(noc::store::PORTAL_API),
///     "https://open.canada.ca/data/api/action/package_show?\
///      id=1feee3b5-8068-4dbb-b361-180875837593"
/// );
/// ```
pub fn package_show_url(api: &str) -> String {
    format!(
        "{}/action/package_show?id={DATASET_ID}",
        api.trim_end_matches('/')
    )
}

/// The files of a CKAN `package_show` answer: (file name, download
/// address) of each resource, the file name being the last part of its
/// address. An answer that is not a successful `package_show` is an
/// error naming `source` (where the answer came from).
pub fn portal_files(
    answer: &str,
    source: &str,
) -> Result<Vec<(String, String)>> {
    #[derive(Deserialize)]
    struct Answer {
        success: bool,
        result: Option<Package>,
    }
    #[derive(Deserialize)]
    struct Package {
        #[serde(default)]
        resources: Vec<Resource>,
    }
    #[derive(Deserialize)]
    struct Resource {
        #[serde(default)]
        url: String,
    }
    let pos = Position { path: Some(PathBuf::from(source)), line: None };
    let answer: Answer = serde_json::from_str(answer).map_err(|e| {
        Error::syntax(
            pos.clone(),
            format!("expected a CKAN package_show answer (JSON): {e}"),
        )
    })?;
    let package = match answer.result {
        Some(p) if answer.success => p,
        _ => {
            return Err(Error::syntax(
                pos,
                "the portal answered that the request failed \
                 (\"success\": false)",
            ))
        }
    };
    Ok(package
        .resources
        .into_iter()
        .filter_map(|r| {
            let path = r.url.split(['?', '#']).next().unwrap_or("");
            let name = path.rsplit('/').next().unwrap_or("");
            (!name.is_empty()).then(|| (name.to_string(), r.url.clone()))
        })
        .collect())
}

/// The download address of official file `name` among the portal's
/// `files` ([`portal_files`]): the resource whose file name is `name`
/// or one of its accepted names, in any case.
///
/// # Example
/// ```
/// let files = vec![(
///     "noc_2021_version_1.0_-_elements.csv".to_string(),
///     "https://example.org/resource/1/download/noc_2021_version_1.0_-_elements.csv".to_string(),
/// )];
/// let url = noc::store::portal_url(&files, "noc_2021_version_1.0_-_elements.csv");
/// assert!(url.unwrap().ends_with("/download/noc_2021_version_1.0_-_elements.csv"));
/// ```
pub fn portal_url<'a>(
    files: &'a [(String, String)],
    name: &str,
) -> Option<&'a str> {
    let names: Vec<&str> = match DataSet::of_file(name) {
        Some((set, official)) => set
            .files(&[Lang::En, Lang::Fr])
            .into_iter()
            .filter(|f| f.name == official)
            .flat_map(|f| std::iter::once(f.name).chain(f.aliases.to_vec()))
            .collect(),
        None => vec![name],
    };
    files
        .iter()
        .find(|(file, _)| names.iter().any(|n| n.eq_ignore_ascii_case(file)))
        .map(|(_, url)| url.as_str())
}

/// What a set's manifest records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`] when written.
    pub format: u32,
    /// The set.
    pub set: DataSet,
    /// The languages installed.
    pub languages: Vec<Lang>,
    /// When, as RFC 3339 UTC.
    pub installed_at: String,
    /// The version of this library that installed it.
    pub installed_by: String,
    /// Every file, with where it came from.
    pub files: Vec<FileRecord>,
    /// What the validation counted.
    pub counts: Counts,
}

/// One installed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file name in the set's folder.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
    /// The address or path it came from.
    pub source: String,
}

/// What the validation of a set found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Classes per level (NOC sets).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<Level, usize>,
    /// Titles (examples and index) per language (NOC sets).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<Lang, usize>,
    /// Links between versions (the concordance).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub links: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The least that a complete set holds: unit groups, and unit groups
/// with at least one title (NOC 2011 lacks the titles of four groups).
fn expected_counts(version: NocVersion) -> (usize, usize) {
    match version {
        NocVersion::V2021 => (516, 516),
        NocVersion::V2016 => (500, 500),
        NocVersion::V2011 => (500, 496),
    }
}

/// The NOC 2016 unit groups the concordance must cover.
const CONCORDANCE_SOURCES: usize = 500;

/// Checks that `dir` holds a complete, well-formed copy of `set`: every
/// required file with the expected header, no bad row, every unit group
/// of the version, each with titles (for the languages present). A
/// truncated or edited download fails here, so nothing is installed
/// from it.
pub fn validate(set: DataSet, dir: &Path) -> Result<Counts> {
    match set {
        DataSet::Noc(version) => validate_noc(version, dir),
        DataSet::Concordance => {
            let path = dir.join(concordance::NOC2016_TO_2021);
            let file =
                std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
            let (c, problems) =
                Concordance::read_2016_to_2021(std::io::BufReader::new(file))
                    .map_err(|e| e.with_path(&path))?;
            reject_problems(problems)?;
            let sources: std::collections::HashSet<_> =
                c.links().iter().map(|l| l.from).collect();
            if sources.len() < CONCORDANCE_SOURCES {
                return Err(invalid(
                    &path,
                    format!(
                        "expected links for all {CONCORDANCE_SOURCES} NOC \
                         2016 unit groups, found {} (is the file cut short?)",
                        sources.len()
                    ),
                ));
            }
            Ok(Counts { links: c.links().len(), ..Counts::default() })
        }
    }
}

fn validate_noc(version: NocVersion, dir: &Path) -> Result<Counts> {
    let loaded = statcan::load_version_dir(dir, version)?;
    reject_problems(loaded.problems)?;
    check_counts(&loaded.classification, &loaded.files, dir)
}

/// Checks that the official files of one version read from `dir`
/// (`files`, giving `classification`) are complete: every unit group of
/// the version, each with titles in every language whose elements file
/// was read. `noc parse` reports the same as `noc data import` this way
/// (see: issue 11).
pub fn check_counts(
    classification: &crate::model::Classification,
    files: &[PathBuf],
    dir: &Path,
) -> Result<Counts> {
    let version = classification.version();
    let c = classification;
    let loaded_files = files;
    let (units, with_titles) = expected_counts(version);
    let mut counts = Counts {
        classes: c.level_counts().into_iter().collect(),
        ..Counts::default()
    };
    let found = counts.classes.get(&Level::UnitGroup).copied().unwrap_or(0);
    let structure = loaded_files.first().map_or(dir, |p| p.as_path());
    if found != units {
        return Err(invalid(
            structure,
            format!(
                "expected {units} unit groups of NOC {version}, found \
                 {found} (is the file cut short?)"
            ),
        ));
    }
    let mut langs: Vec<(Lang, &Path)> = vec![];
    for f in statcan::official_files(version)
        .iter()
        .filter(|f| f.kind == FileKind::Elements && f.required)
        .chain(
            statcan::official_files(version)
                .iter()
                .filter(|f| f.kind == FileKind::Elements && !f.required),
        )
    {
        let read = loaded_files.iter().find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| f.names.contains(&n))
        });
        if let Some(path) = read {
            if !langs.iter().any(|(l, _)| *l == f.lang) {
                langs.push((f.lang, path));
            }
        }
    }
    for (lang, elements) in langs {
        let mut titled = 0;
        let mut titles = 0;
        for g in c.unit_groups() {
            let n = g
                .example_titles
                .iter()
                .chain(&g.all_titles)
                .filter(|t| t.get(lang).is_some())
                .count();
            titles += n;
            titled += usize::from(n > 0);
        }
        if titled < with_titles {
            return Err(invalid(
                elements,
                format!(
                    "expected titles ({lang}) for at least {with_titles} \
                     unit groups, found them for {titled} (is the elements \
                     file cut short?)"
                ),
            ));
        }
        counts.titles.insert(lang, titles);
    }
    Ok(counts)
}

/// Fails when a file that `set` needs is not in `dir`, naming the files
/// that were given (`sources`) rather than the staging folder, and what
/// to add.
fn check_complete(
    set: DataSet,
    dir: &Path,
    sources: &BTreeMap<String, String>,
) -> Result<()> {
    let missing: Vec<&str> = set
        .files(&[])
        .iter()
        .filter(|f| f.required && !dir.join(f.name).is_file())
        .map(|f| f.name)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let given: Vec<&str> = sources.values().map(String::as_str).collect();
    let with = match given.len() {
        0 => "the other files of the set".to_string(),
        1 => "this file".to_string(),
        _ => format!("this file and {}", given[1..].join(", ")),
    };
    let msg = format!(
        "{set} needs {} as well: give {} together with {with}",
        missing.join(" and "),
        if missing.len() == 1 { "it" } else { "them" },
    );
    let path = given.first().map(PathBuf::from);
    Err(Error::syntax(Position { path, line: None }, msg))
}

/// Fails with the first problems found, naming the file and line.
fn reject_problems(mut problems: Vec<Error>) -> Result<()> {
    match problems.len() {
        0 => Ok(()),
        1 => Err(problems.remove(0)),
        _ => Err(Error::new(crate::error::ErrorKind::Partial(problems))),
    }
}

fn invalid(path: &Path, msg: String) -> Error {
    Error::syntax(Position { path: Some(path.to_path_buf()), line: None }, msg)
}

/// A folder beside the store's sets where a set is put together before it
/// is installed. Removed when dropped unless installed.
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    /// The folder to write the set's files into.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The installed data.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
}

/// `$NOC_HOME/<sub>` when `NOC_HOME` is set, else `noc` in the
/// `platform` folder: one variable moves the installed data and the
/// cache together.
pub(crate) fn home_folder(
    sub: &str,
    platform: Option<PathBuf>,
) -> Option<PathBuf> {
    match std::env::var_os("NOC_HOME") {
        Some(home) => Some(PathBuf::from(home).join(sub)),
        None => platform.map(|d| d.join("noc")),
    }
}

impl Store {
    /// A store at `root` (created when something is installed).
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The store at the default place: `$NOC_HOME/data` when `NOC_HOME`
    /// is set, else the platform's data folder (`$XDG_DATA_HOME/noc` or
    /// `~/.local/share/noc` on Linux, `~/Library/Application
    /// Support/noc` on macOS, `%APPDATA%\noc` on Windows).
    pub fn default_location() -> Option<Store> {
        home_folder("data", dirs::data_dir()).map(Store::new)
    }

    /// The store's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of a set.
    pub fn dir(&self, set: DataSet) -> PathBuf {
        self.root.join(set.dir_name())
    }

    /// The manifest of an installed set, `None` when it is not
    /// installed. A manifest that cannot be read is an error.
    pub fn manifest(&self, set: DataSet) -> Result<Option<Manifest>> {
        let path = self.dir(set).join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None)
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let m: Manifest = serde_json::from_str(&text).map_err(|e| {
            Error::syntax(
                Position {
                    path: Some(path.clone()),
                    line: Some(e.line() as u64),
                },
                format!("expected a manifest of the noc data store: {e}"),
            )
        })?;
        Ok(Some(m))
    }

    /// The installed NOC versions, newest first.
    pub fn installed_versions(&self) -> Vec<NocVersion> {
        DataSet::ALL
            .into_iter()
            .filter_map(|s| match s {
                DataSet::Noc(v) => Some(v),
                DataSet::Concordance => None,
            })
            .filter(|v| self.dir(DataSet::Noc(*v)).join(MANIFEST).is_file())
            .collect()
    }

    /// A new staging folder inside the store (on the same file system,
    /// so that installing is a rename).
    pub fn stage(&self) -> Result<Staging> {
        std::fs::create_dir_all(&self.root)
            .map_err(|e| Error::io(&self.root, e))?;
        self.remove_leftovers();
        let dir = tempfile::Builder::new()
            .prefix(".staging-")
            .tempdir_in(&self.root)
            .map_err(|e| Error::io(&self.root, e))?;
        Ok(Staging { dir })
    }

    /// Removes staging and set-aside folders that an interrupted run
    /// (killed before it could clean up) left more than a day ago; a
    /// younger one may belong to a run still going.
    fn remove_leftovers(&self) {
        const AGE: std::time::Duration =
            std::time::Duration::from_secs(24 * 3600);
        let Ok(entries) = std::fs::read_dir(&self.root) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > AGE);
            if old
                && (name.starts_with(".staging-") || name.starts_with(".old-"))
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }

    /// Validates the staged files of `set` (see [`validate`]), records
    /// them in a manifest and puts the folder in place of the installed
    /// set. `sources` maps file names to where they came from. On any
    /// error the installed set is left as it was.
    pub fn install(
        &self,
        set: DataSet,
        staging: Staging,
        sources: &BTreeMap<String, String>,
    ) -> Result<Manifest> {
        let dir = staging.path();
        check_complete(set, dir, sources)?;
        // A staged file is named as the user gave it (a path or an
        // address), not by the staging folder (see: issue 11).
        let counts = validate(set, dir).map_err(|e| {
            e.map_paths(&|p| {
                let name = p.strip_prefix(dir).ok()?.to_str()?;
                sources.get(name).map(PathBuf::from)
            })
        })?;
        let mut files = vec![];
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for path in entries {
            let name = file_name(&path);
            let (size, sha256) = hash_file(&path)?;
            let source = sources.get(&name).cloned().unwrap_or_default();
            files.push(FileRecord { name, size, sha256, source });
        }
        let mut languages: Vec<Lang> = counts.titles.keys().copied().collect();
        if languages.is_empty() {
            languages.push(Lang::En);
        }
        let manifest = Manifest {
            format: MANIFEST_FORMAT,
            set,
            languages,
            installed_at: humantime::format_rfc3339_seconds(
                std::time::SystemTime::now(),
            )
            .to_string(),
            installed_by: env!("CARGO_PKG_VERSION").to_string(),
            files,
            counts,
        };
        let path = dir.join(MANIFEST);
        let json = serde_json::to_string_pretty(&manifest)
            .map_err(|e| Error::io(&path, std::io::Error::other(e)))?;
        std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
        self.swap_in(set, staging)?;
        Ok(manifest)
    }

    /// Copies into `staging` the files of the installed `set` that it
    /// lacks (the French files when only English ones are installed
    /// again, or the other way round), recording their sources in
    /// `sources`, so that installing some files keeps the rest (see:
    /// issue 11). Returns the names of the files kept.
    pub fn keep_installed(
        &self,
        set: DataSet,
        staging: &Staging,
        sources: &mut BTreeMap<String, String>,
    ) -> Result<Vec<String>> {
        let Some(manifest) = self.manifest(set)? else { return Ok(vec![]) };
        let mut kept = vec![];
        for f in &manifest.files {
            let to = staging.path().join(&f.name);
            let known = set.files(&[Lang::En, Lang::Fr]);
            if to.exists() || !known.iter().any(|k| k.name == f.name) {
                continue;
            }
            let from = self.dir(set).join(&f.name);
            std::fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
            sources.insert(f.name.clone(), f.source.clone());
            kept.push(f.name.clone());
        }
        Ok(kept)
    }

    /// Renames the staging folder to the set's folder, moving the old
    /// one aside first and back if the rename fails.
    fn swap_in(&self, set: DataSet, staging: Staging) -> Result<()> {
        let target = self.dir(set);
        let old = self.root.join(format!(
            ".old-{}-{}",
            set.dir_name(),
            std::process::id()
        ));
        let had_old = target.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old)
                    .map_err(|e| Error::io(&old, e))?;
            }
            std::fs::rename(&target, &old)
                .map_err(|e| Error::io(&target, e))?;
        }
        let staged = staging.dir.keep();
        if let Err(e) = std::fs::rename(&staged, &target) {
            if had_old {
                // Put the previous install back; the staged copy is
                // removed so no half state remains.
                let _ = std::fs::rename(&old, &target);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::io(&target, e));
        }
        if had_old {
            // The new set is in place; an old copy left behind only
            // costs disk space.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The size and SHA-256 (hex) of a file.
pub fn hash_file(path: &Path) -> Result<(u64, String)> {
    let mut file =
        std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, hex(&hasher.finalize())))
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_belongs_to_one_set() {
        assert_eq!(
            DataSet::of_file(statcan::ELEMENTS_FR),
            Some((DataSet::Noc(NocVersion::V2021), statcan::ELEMENTS_FR))
        );
        assert_eq!(
            DataSet::of_file(statcan::TITLES_2016),
            Some((DataSet::Noc(NocVersion::V2016), statcan::ELEMENTS_2016))
        );
        assert_eq!(
            DataSet::of_file("noc-cnp-2021-structure-v1-eng.csv"),
            Some((DataSet::Noc(NocVersion::V2021), statcan::STRUCTURE_EN))
        );
        assert_eq!(
            DataSet::of_file(concordance::NOC2016_TO_2021),
            Some((DataSet::Concordance, concordance::NOC2016_TO_2021))
        );
        assert_eq!(DataSet::of_file("notes.txt"), None);
        let en_only = DataSet::Noc(NocVersion::V2021).files(&[Lang::En]);
        assert_eq!(en_only.len(), 3);
        assert_eq!(en_only.iter().filter(|f| f.required).count(), 2);
        assert_eq!(
            DataSet::of_file(statcan::ELEMENTS_ADDITIONAL_EN),
            Some((
                DataSet::Noc(NocVersion::V2021),
                statcan::ELEMENTS_ADDITIONAL_EN
            ))
        );
    }

    /// Every file of NOC 2016 and the concordance has a Statistics
    /// Canada address; the NOC 2021 files are found on the portal (the
    /// English structure also has one).
    #[test]
    fn official_addresses_are_https() {
        for set in DataSet::ALL {
            for f in set.files(&[Lang::En, Lang::Fr]) {
                match (set, official_url(f.name)) {
                    (DataSet::Noc(NocVersion::V2011), url) => {
                        assert_eq!(url, None)
                    }
                    (DataSet::Noc(NocVersion::V2021), _) => {}
                    (_, Some(url)) => assert!(url.starts_with("https://")),
                    (_, None) => panic!("no address for {}", f.name),
                }
            }
        }
        assert!(official_url(statcan::STRUCTURE_EN).is_some());
    }

    /// See: issue 11 (the guessed portal addresses did not follow the
    /// portal's pattern).
    #[test]
    fn portal_answer_gives_download_addresses_by_file_name() {
        let base = format!(
            "https://open.canada.ca/data/dataset/{DATASET_ID}/resource"
        );
        let answer = format!(
            r#"{{"success": true, "result": {{"resources": [
                {{"name": "NOC 2021 elements", "url":
                  "{base}/aa11/download/noc_2021_version_1.0_-_elements.csv"}},
                {{"url": "{base}/bb22/download/{fr}"}},
                {{"url": ""}}
            ]}}}}"#,
            fr = "CNP_2021_version_1.0_-_structure_de_la_classification.csv"
        );
        let files = portal_files(&answer, "package_show").unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(
            portal_url(&files, statcan::ELEMENTS_EN),
            Some(
                format!(
                    "{base}/aa11/download/noc_2021_version_1.0_-_elements.csv"
                )
                .as_str()
            )
        );
        // Found under its portal name, in another case.
        assert!(portal_url(&files, statcan::STRUCTURE_FR)
            .unwrap()
            .contains("/bb22/"));
        assert_eq!(portal_url(&files, statcan::ELEMENTS_FR), None);
        let err = portal_files(r#"{"success": false}"#, "api").unwrap_err();
        assert!(err.to_string().starts_with("api: the portal answered"));
        let err = portal_files("<html>", "api").unwrap_err();
        assert!(err.to_string().contains("expected a CKAN package_show"));
    }

    #[test]
    fn a_bad_set_is_never_installed() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path());
        let staging = store.stage().unwrap();
        std::fs::write(
            staging.path().join(concordance::NOC2016_TO_2021),
            "NOC 2016 V1.3 Code,NOC 2016 V1.3 Title, GSIM Type of Change,\
             NOC 2021 V1.0 Code,NOC 2021 V1.0 Title,Notes\n\
             11,Legislators,VC1 - Code Change,10,Legislators,\n",
        )
        .unwrap();
        let err = store
            .install(DataSet::Concordance, staging, &BTreeMap::new())
            .unwrap_err();
        assert!(err.to_string().contains("expected links for all 500"));
        assert!(store.manifest(DataSet::Concordance).unwrap().is_none());
        // Only the store folder itself remains: the staging is gone.
        let left: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn hashes_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "abc").unwrap();
        let (size, sha) = hash_file(&p).unwrap();
        assert_eq!(size, 3);
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
