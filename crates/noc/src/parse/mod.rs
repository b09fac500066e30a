//! Parsers for the two input formats, and loading from paths.
//!
//! - [`profile`]: the bilingual Chinese/English profile format (NOC 2011).
//! - [`statcan`]: the official Statistics Canada CSV files (NOC 2021).
//!
//! [`load_path`] takes a profile file, a folder of profile files or a
//! folder of official CSV files and returns what it could read together
//! with every problem found.

pub mod lines;
pub mod profile;
pub mod statcan;
pub(crate) mod tsv;

use std::path::{Path, PathBuf};

use crate::code::NocVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Classification;

/// A classification with the problems found while loading it. Bad rows
/// and bad files are left out; everything else is kept.
#[derive(Debug)]
pub struct Loaded {
    /// The classes read.
    pub classification: Classification,
    /// Every problem, each naming its file and line.
    pub problems: Vec<Error>,
    /// The files read.
    pub files: Vec<PathBuf>,
}

/// The file endings read as profiles in a folder.
const PROFILE_EXTENSIONS: [&str; 3] = ["txt", "md", "markdown"];

/// Loads NOC data from `path`: a folder of official Statistics Canada
/// CSV files (see [`statcan`]), a folder of profile files (`.txt`, `.md`),
/// or one profile file.
///
/// A folder of profiles keeps the good files and reports each bad one in
/// [`Loaded::problems`]. It is an error when nothing at all could be read.
pub fn load_path(path: &Path) -> Result<Loaded> {
    if path.is_dir() {
        if statcan::is_statcan_dir(path) {
            return statcan::load_dir(path);
        }
        return load_profile_dir(path);
    }
    if let Some(version) = statcan::version_of_file(path) {
        // Read as a profile file it would fail at line 1 with a message
        // about profile headings, which says nothing useful.
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new(".")).display();
        return Err(Error::new(ErrorKind::Unavailable {
            msg: format!(
                "{}: an official Statistics Canada file of NOC {version}, \
                 read together with the other files of its folder: give \
                 the folder (`noc parse {dir}`)",
                path.display()
            ),
        }));
    }
    let groups = profile::parse_profile_file(path)?;
    Ok(Loaded {
        classification: Classification::new(NocVersion::V2011, groups),
        problems: vec![],
        files: vec![path.to_path_buf()],
    })
}

/// The files [`load_path`] would read from `path`, without reading them:
/// to tell whether a cache built from them is still current.
pub fn source_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        if !path.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or folder",
                ),
            ));
        }
        return Ok(vec![path.to_path_buf()]);
    }
    if let Some(version) = statcan::detect_version(path) {
        return Ok(statcan::official_files(version)
            .iter()
            .filter_map(|f| {
                f.names.iter().map(|n| path.join(n)).find(|p| p.is_file())
            })
            .collect());
    }
    profile_files(path)
}

/// The profile files of a folder (not its sub-folders), in name order.
fn profile_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = vec![];
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if p.is_file() && PROFILE_EXTENSIONS.contains(&ext) {
            paths.push(p);
        }
    }
    paths.sort();
    Ok(paths)
}

/// The version of the data at `path` without loading it: the version of
/// the official files in a folder, else NOC 2011 (the profile format).
pub fn detect_version(path: &Path) -> NocVersion {
    statcan::detect_version(path).unwrap_or(NocVersion::V2011)
}

/// Loads every profile file in a folder (not its sub-folders), in name
/// order.
pub fn load_profile_dir(dir: &Path) -> Result<Loaded> {
    let paths = profile_files(dir)?;
    if paths.is_empty() {
        return Err(Error::syntax(
            crate::error::Position {
                path: Some(dir.to_path_buf()),
                line: None,
            },
            format!(
                "no profile files (.txt, .md) and no official file {} here",
                statcan::STRUCTURE_EN
            ),
        ));
    }
    let mut groups = vec![];
    let mut problems = vec![];
    let mut files = vec![];
    // Where each profile was read first: the same profile in a second
    // file is reported and left out, not merged (see: issue 11).
    let mut first: std::collections::HashMap<crate::NocCode, PathBuf> =
        std::collections::HashMap::new();
    for p in paths {
        match profile::parse_profile_file(&p) {
            Ok(g) => {
                for group in g {
                    if let Some(other) = first.get(&group.code) {
                        problems.push(Error::syntax(
                            crate::error::Position {
                                path: Some(p.clone()),
                                line: None,
                            },
                            format!(
                                "profile {} is also in {}; the first one \
                                 read is kept, this one left out",
                                group.code,
                                other.display()
                            ),
                        ));
                        continue;
                    }
                    first.insert(group.code, p.clone());
                    groups.push(group);
                }
                files.push(p);
            }
            Err(e) => problems.push(e),
        }
    }
    Ok(Loaded {
        classification: Classification::new(NocVersion::V2011, groups),
        problems,
        files,
    })
}
