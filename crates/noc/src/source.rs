//! Choosing the NOC data to work on and loading it, through the
//! [cache](crate::cache) when there is one. The command-line tool and the
//! Python package both load data here, so they pick the same data, share
//! one cache, and fail with the same messages.
//!
//! Precedence: a folder or file given by the caller (`--data DIR` or the
//! `NOC_DATA_DIR` variable, which the caller reads), then the installed
//! data ([`Store`], `noc data fetch/import`; the newest version, or the
//! one asked for), then the embedded default.
//!
//! Loading reports problems that do not stop it (bad rows of an official
//! file, a damaged cache that is rebuilt, a cache that cannot be written)
//! to a `warn` callback; the caller decides how to show them.
//!
//! # Example
//!
//! ```
//! use noc::source::Request;
//! let store = noc::store::Store::new("/nonexistent/store");
//! let request = Request::new().store(store);
//! let (index, source) = request.index(&mut |w| eprintln!("{w}")).unwrap();
//! assert!(source.to_string().starts_with("embedded default"));
//! assert_eq!(index.version(), noc::NocVersion::V2011);
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::cache::{Cache, Miss};
use crate::code::NocVersion;
use crate::concordance::{Concordance, NOC2016_TO_2021};
use crate::error::{Error, Result};
use crate::index::Index;
use crate::model::Classification;
use crate::store::{DataSet, Store};

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A folder or file named by the caller.
    Given {
        /// The folder or file.
        path: PathBuf,
        /// Who named it, for messages: `--data`, `NOC_DATA_DIR`, `data=`.
        by: &'static str,
        /// The version of its data.
        version: NocVersion,
    },
    /// A set installed in the store.
    Installed {
        /// The set's folder.
        path: PathBuf,
        /// Its version.
        version: NocVersion,
    },
    /// The profile compiled into the library.
    Embedded,
}

impl Source {
    /// The NOC version of the data.
    pub fn version(&self) -> NocVersion {
        match self {
            Source::Given { version, .. }
            | Source::Installed { version, .. } => *version,
            Source::Embedded => crate::embedded::classification().version(),
        }
    }

    /// The data folder or file, except for the embedded default.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Given { path, .. } | Source::Installed { path, .. } => {
                Some(path)
            }
            Source::Embedded => None,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Given { path, by, .. } => {
                write!(f, "{} ({by})", path.display())
            }
            Source::Installed { path, version } => {
                write!(f, "installed NOC {version} ({})", path.display())
            }
            Source::Embedded => write!(
                f,
                "embedded default ({})",
                crate::embedded::PROFILE_NAME
            ),
        }
    }
}

/// The store at its default place (see [`Store::default_location`]), or
/// an error saying how to name one.
pub fn default_store() -> Result<Store> {
    Store::default_location().ok_or_else(|| {
        Error::unavailable(
            "no data folder for this platform: set NOC_HOME or pass --store",
        )
    })
}

/// What data to load and how: built with the setters, then
/// [`Request::resolve`]d or loaded.
#[derive(Debug, Clone, Default)]
pub struct Request {
    data: Option<(PathBuf, &'static str)>,
    version: Option<NocVersion>,
    store: Option<Store>,
    no_cache: bool,
}

impl Request {
    /// The default: installed data (newest version), else the embedded
    /// default, through the cache at its default place.
    pub fn new() -> Request {
        Request::default()
    }

    /// Uses the folder or file `path` (official CSV files of any version,
    /// or profile files); `by` names who gave it, for messages.
    pub fn data(mut self, path: impl Into<PathBuf>, by: &'static str) -> Self {
        self.data = Some((path.into(), by));
        self
    }

    /// Asks for one NOC version (`None`: that of the data given, else the
    /// newest installed, else the embedded default).
    pub fn version(mut self, version: Option<NocVersion>) -> Self {
        self.version = version;
        self
    }

    /// Looks for installed data in `store` instead of the default one.
    pub fn store(mut self, store: Store) -> Self {
        self.store = Some(store);
        self
    }

    /// Turns the cache off (`true`) or on: without it, the data is parsed
    /// and indexed on every load and nothing is written.
    pub fn no_cache(mut self, no_cache: bool) -> Self {
        self.no_cache = no_cache;
        self
    }

    /// The store this request looks in.
    pub fn store_used(&self) -> Result<Store> {
        match &self.store {
            Some(s) => Ok(s.clone()),
            None => default_store(),
        }
    }

    /// Which data a load would use (see the module docs).
    pub fn resolve(&self) -> Result<Source> {
        let wanted = self.version;
        if let Some((path, by)) = &self.data {
            if !path.exists() {
                return Err(Error::unavailable(format!(
                    "loading NOC data from {}: no such file or folder (from \
                     {by})",
                    path.display()
                )));
            }
            let version = crate::parse::detect_version(path);
            if let Some(w) = wanted.filter(|w| *w != version) {
                return Err(Error::unavailable(format!(
                    "{} holds NOC {version} data, not NOC {w} (from {by})",
                    path.display()
                )));
            }
            return Ok(Source::Given { path: path.clone(), by, version });
        }
        let store = self.store_used()?;
        let installed = store.installed_versions();
        let pick = match wanted {
            Some(v) => installed.iter().copied().find(|i| *i == v),
            None => installed.first().copied(),
        };
        if let Some(version) = pick {
            return Ok(Source::Installed {
                path: store.dir(DataSet::Noc(version)),
                version,
            });
        }
        let embedded = crate::embedded::classification().version();
        match wanted {
            Some(v) if v != embedded => Err(Error::unavailable(format!(
                "NOC {v} is not installed in {}: run `noc data fetch \
                 --version {v}` (or `noc data import DIR`), or pass --data \
                 DIR",
                store.root().display()
            ))),
            _ => Ok(Source::Embedded),
        }
    }

    /// The classification of the chosen data, and where it came from.
    pub fn classification(
        &self,
        warn: &mut dyn FnMut(&str),
    ) -> Result<(Classification, Source)> {
        let source = self.resolve()?;
        let classification = match source.path() {
            None => crate::embedded::classification().clone(),
            Some(path) => {
                self.cached(path, warn, Cache::load_classification, |c, _| c)?
            }
        };
        Ok((classification, source))
    }

    /// The matcher index of the chosen data, and where it came from.
    pub fn index(
        &self,
        warn: &mut dyn FnMut(&str),
    ) -> Result<(Index, Source)> {
        let source = self.resolve()?;
        let index = match source.path() {
            None => Index::build(crate::embedded::classification()),
            Some(path) => {
                self.cached(path, warn, Cache::load_index, |c, i| {
                    i.unwrap_or_else(|| Index::build(&c))
                })?
            }
        };
        Ok((index, source))
    }

    fn cache(&self) -> Option<Cache> {
        if self.no_cache {
            return None;
        }
        Cache::default_location()
    }

    /// What `load` reads from the cache of `path`; on a miss, the data is
    /// parsed, indexed and cached (both parts, so that the next load of
    /// either kind starts at once), and `pick` chooses the part wanted.
    /// Without the cache nothing is indexed for it: `pick` gets no index.
    fn cached<T>(
        &self,
        path: &Path,
        warn: &mut dyn FnMut(&str),
        load: impl Fn(&Cache, &Path, &[PathBuf]) -> std::result::Result<T, Miss>,
        pick: impl FnOnce(Classification, Option<Index>) -> T,
    ) -> Result<T> {
        let cache = self.cache();
        let files = crate::parse::source_files(path)
            .map_err(|e| e.context(loading(path)))?;
        match cache.as_ref().map(|c| load(c, path, &files)) {
            Some(Ok(hit)) => return Ok(hit),
            Some(Err(m @ Miss::Corrupt(_))) => {
                warn(&format!("{m}; rebuilding it"))
            }
            _ => {}
        }
        let (c, index) = parse_and_cache(cache.as_ref(), path, &files, warn)?;
        Ok(pick(c, index))
    }
}

fn loading(path: &Path) -> String {
    format!("loading NOC data from {}", path.display())
}

/// Parses a data folder and, with a cache, builds its index and caches
/// both.
fn parse_and_cache(
    cache: Option<&Cache>,
    path: &Path,
    files: &[PathBuf],
    warn: &mut dyn FnMut(&str),
) -> Result<(Classification, Option<Index>)> {
    let c = parse(path, warn)?;
    let index = cache.map(|cache| {
        let index = Index::build(&c);
        // A cache that cannot be written costs only speed.
        if let Err(e) = cache.store(path, files, &c, &index) {
            warn(&format!("could not write the cache: {e}"));
        }
        index
    });
    Ok((c, index))
}

/// Parses a data folder or file, reporting the problems of a load that
/// kept going to `warn`; an error when no class could be read.
pub fn parse(
    path: &Path,
    warn: &mut dyn FnMut(&str),
) -> Result<Classification> {
    let loaded =
        crate::parse::load_path(path).map_err(|e| e.context(loading(path)))?;
    for p in &loaded.problems {
        warn(&p.to_string());
    }
    if loaded.classification.groups().is_empty() {
        return Err(Error::unavailable(format!(
            "{}: no NOC classes could be read",
            path.display()
        )));
    }
    Ok(loaded.classification)
}

/// Builds the cache of a data folder (after `noc data fetch/import`), so
/// that the first load is fast. Nothing to do without a cache folder.
pub fn warm_cache(path: &Path, warn: &mut dyn FnMut(&str)) -> Result<()> {
    let Some(cache) = Cache::default_location() else { return Ok(()) };
    let files = crate::parse::source_files(path)?;
    parse_and_cache(Some(&cache), path, &files, warn)?;
    Ok(())
}

/// The NOC 2016 → 2021 concordance: the file `explicit` when given, else
/// the one installed in `store`, else the file in the `data` folder, its
/// parent, or their `concordance/` sub-folders. Bad rows go to `warn`.
pub fn concordance(
    explicit: Option<&Path>,
    store: Option<&Store>,
    data: Option<&Path>,
    warn: &mut dyn FnMut(&str),
) -> Result<Concordance> {
    let path = concordance_path(explicit, store, data)?;
    let file = std::fs::File::open(&path).map_err(|e| {
        Error::with_cause(format!("opening {}", path.display()), e)
    })?;
    let (concordance, problems) =
        Concordance::read_2016_to_2021(std::io::BufReader::new(file))
            .map_err(|e| e.context(path.display().to_string()))?;
    for p in &problems {
        warn(&format!("{}: {p}", path.display()));
    }
    Ok(concordance)
}

fn concordance_path(
    explicit: Option<&Path>,
    store: Option<&Store>,
    data: Option<&Path>,
) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let mut candidates = vec![];
    if let Some(store) = store {
        candidates.push(store.dir(DataSet::Concordance).join(NOC2016_TO_2021));
    }
    if let Some(dir) = data {
        for d in [Some(dir), dir.parent()].into_iter().flatten() {
            candidates.push(d.join(NOC2016_TO_2021));
            candidates.push(d.join("concordance").join(NOC2016_TO_2021));
        }
    }
    candidates.into_iter().find(|c| c.is_file()).ok_or_else(|| {
        Error::unavailable(format!(
            "no concordance file: run `noc data fetch` (or `noc data \
             import` with {NOC2016_TO_2021} from Statistics Canada), or \
             pass --concordance FILE"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("store"));
        (dir, store)
    }

    #[test]
    fn nothing_installed_is_the_embedded_default() {
        let (_dir, store) = empty_store();
        let r = Request::new().store(store);
        assert_eq!(r.resolve().unwrap(), Source::Embedded);
        let (c, _) = r.classification(&mut |w| panic!("{w}")).unwrap();
        assert!(c.get_str("4212").is_some());
    }

    #[test]
    fn missing_data_folder_names_who_gave_it() {
        let (dir, store) = empty_store();
        let path = dir.path().join("nope");
        let r = Request::new().store(store).data(&path, "data=");
        let e = r.resolve().unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "loading NOC data from {}: no such file or folder (from \
                 data=)",
                path.display()
            )
        );
    }

    #[test]
    fn a_version_not_installed_says_how_to_install_it() {
        let (_dir, store) = empty_store();
        let root = store.root().display().to_string();
        let r = Request::new().store(store).version(Some(NocVersion::V2021));
        assert_eq!(
            r.resolve().unwrap_err().to_string(),
            format!(
                "NOC 2021 is not installed in {root}: run `noc data fetch \
                 --version 2021` (or `noc data import DIR`), or pass --data \
                 DIR"
            )
        );
    }

    #[test]
    fn an_empty_folder_is_an_error_with_its_cause() {
        let (dir, store) = empty_store();
        let r = Request::new().store(store).data(dir.path(), "--data");
        let e = r.classification(&mut |_| {}).unwrap_err();
        let shown = dir.path().display();
        assert_eq!(e.to_string(), format!("loading NOC data from {shown}"));
        let cause = std::error::Error::source(&e).unwrap().to_string();
        assert!(cause.starts_with(&shown.to_string()), "{cause}");
    }

    #[test]
    fn no_concordance_says_how_to_get_one() {
        let e = concordance(None, None, None, &mut |_| {}).unwrap_err();
        assert!(e.to_string().starts_with("no concordance file: run"));
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("c.csv");
        let e =
            concordance(Some(&missing), None, None, &mut |_| {}).unwrap_err();
        assert_eq!(e.to_string(), format!("opening {}", missing.display()));
        assert!(std::error::Error::source(&e).is_some());
    }
}
