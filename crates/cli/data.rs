//! Choosing the NOC data a command works on and loading it, through the
//! cache when there is one.
//!
//! Precedence: `--data DIR`, then `NOC_DATA_DIR`, then the installed data
//! (`noc data fetch/import`), then the embedded default.

use std::path::{Path, PathBuf};

use anyhow::Context;
use noc::cache::{Cache, Miss};
use noc::concordance::{Concordance, NOC2016_TO_2021};
use noc::index::Index;
use noc::store::{DataSet, Store};
use noc::{Classification, NocVersion};

use crate::args::{ConcordanceArgs, DataArgs, StoreArgs, VersionArg};

/// Where a command's data comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A folder or file given with `--data` or `NOC_DATA_DIR`.
    Given { path: PathBuf, by: &'static str, version: NocVersion },
    /// A set installed in the store.
    Installed { path: PathBuf, version: NocVersion },
    /// The profile compiled into the tool.
    Embedded,
}

impl Source {
    pub fn version(&self) -> NocVersion {
        match self {
            Source::Given { version, .. }
            | Source::Installed { version, .. } => *version,
            Source::Embedded => noc::embedded::classification().version(),
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

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Given { path, by, .. } => {
                write!(f, "{} ({by})", path.display())
            }
            Source::Installed { path, version } => {
                write!(f, "installed NOC {version} ({})", path.display())
            }
            Source::Embedded => {
                write!(f, "embedded default ({})", noc::embedded::PROFILE_NAME)
            }
        }
    }
}

/// The store of `--store`/`NOC_STORE`, else the default one.
pub fn store(args: &StoreArgs) -> anyhow::Result<Store> {
    match &args.store {
        Some(dir) => Ok(Store::new(dir)),
        None => Store::default_location().context(
            "no data folder for this platform: set NOC_HOME or pass --store",
        ),
    }
}

/// Which data the command would use (see the module docs).
pub fn resolve(args: &DataArgs) -> anyhow::Result<Source> {
    let wanted: Option<NocVersion> = args.version.map(Into::into);
    if let Some(path) = &args.data {
        let from_env = std::env::var_os("NOC_DATA_DIR")
            .is_some_and(|v| Path::new(&v) == path.as_path());
        let by = if from_env { "NOC_DATA_DIR" } else { "--data" };
        if !path.exists() {
            anyhow::bail!(
                "loading NOC data from {}: no such file or folder (from {by})",
                path.display()
            );
        }
        let version = noc::parse::detect_version(path);
        if let Some(w) = wanted.filter(|w| *w != version) {
            anyhow::bail!(
                "{} holds NOC {version} data, not NOC {w} (from {by})",
                path.display()
            );
        }
        return Ok(Source::Given { path: path.clone(), by, version });
    }
    let store = store(&args.store)?;
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
    let embedded = noc::embedded::classification().version();
    match wanted {
        Some(v) if v != embedded => anyhow::bail!(
            "NOC {v} is not installed in {}: run `noc data fetch --version \
             {v}` (or `noc data import DIR`), or pass --data DIR",
            store.root().display()
        ),
        _ => Ok(Source::Embedded),
    }
}

/// Loaded data and where it came from.
pub struct Data {
    pub classification: Classification,
    pub source: Source,
}

impl Data {
    pub fn embedded(&self) -> bool {
        matches!(self.source, Source::Embedded)
    }
}

/// The classification of the chosen data.
pub fn load(args: &DataArgs) -> anyhow::Result<Data> {
    let source = resolve(args)?;
    let classification = match source.path() {
        None => noc::embedded::classification().clone(),
        Some(path) => {
            cached(args, path, Cache::load_classification, |c, _| c)?
        }
    };
    Ok(Data { classification, source })
}

/// The matcher index of the chosen data.
pub fn load_index(args: &DataArgs) -> anyhow::Result<(Index, Source)> {
    let source = resolve(args)?;
    let index = match source.path() {
        None => Index::build(noc::embedded::classification()),
        Some(path) => cached(args, path, Cache::load_index, |c, i| {
            i.unwrap_or_else(|| Index::build(&c))
        })?,
    };
    Ok((index, source))
}

/// What `load` reads from the cache of `path`; on a miss, the data is
/// parsed, indexed and cached (both parts, so that the next command of
/// either kind starts at once), and `pick` chooses the part wanted. With
/// `--no-cache` nothing is indexed for it: `pick` gets no index.
fn cached<T>(
    args: &DataArgs,
    path: &Path,
    load: impl Fn(&Cache, &Path, &[PathBuf]) -> Result<T, Miss>,
    pick: impl FnOnce(Classification, Option<Index>) -> T,
) -> anyhow::Result<T> {
    let cache = cache(args);
    let files = noc::parse::source_files(path).with_context(|| {
        format!("loading NOC data from {}", path.display())
    })?;
    match cache.as_ref().map(|c| load(c, path, &files)) {
        Some(Ok(hit)) => return Ok(hit),
        Some(Err(m @ Miss::Corrupt(_))) => {
            eprintln!("noc: warning: {m}; rebuilding it")
        }
        _ => {}
    }
    let (c, index) = parse_and_cache(cache.as_ref(), path, &files)?;
    Ok(pick(c, index))
}

/// Parses a data folder and, with a cache, builds its index and caches
/// both.
fn parse_and_cache(
    cache: Option<&Cache>,
    path: &Path,
    files: &[PathBuf],
) -> anyhow::Result<(Classification, Option<Index>)> {
    let c = parse(path)?;
    let index = cache.map(|cache| {
        let index = Index::build(&c);
        save(cache, path, files, &c, &index);
        index
    });
    Ok((c, index))
}

/// Parses a data folder, reporting its problems on stderr.
pub fn parse(path: &Path) -> anyhow::Result<Classification> {
    let loaded = noc::parse::load_path(path).with_context(|| {
        format!("loading NOC data from {}", path.display())
    })?;
    for p in &loaded.problems {
        eprintln!("noc: warning: {p}");
    }
    if loaded.classification.groups().is_empty() {
        anyhow::bail!("{}: no NOC classes could be read", path.display());
    }
    Ok(loaded.classification)
}

/// The cache, unless `--no-cache`.
fn cache(args: &DataArgs) -> Option<Cache> {
    if args.no_cache {
        return None;
    }
    Cache::default_location()
}

/// Builds and writes the cache of a data folder; a cache that cannot be
/// written costs only speed, so it is a warning.
fn save(
    cache: &Cache,
    path: &Path,
    files: &[PathBuf],
    c: &Classification,
    index: &Index,
) {
    if let Err(e) = cache.store(path, files, c, index) {
        eprintln!("noc: warning: could not write the cache: {e}");
    }
}

/// Warms the cache of a freshly installed set.
pub fn warm_cache(path: &Path) -> anyhow::Result<()> {
    let Some(cache) = Cache::default_location() else { return Ok(()) };
    let files = noc::parse::source_files(path)?;
    parse_and_cache(Some(&cache), path, &files)?;
    Ok(())
}

/// The concordance that converts codes of `from` for `--to`, or `None`
/// when there is nothing to convert (no `--to`, or the data is already
/// that version). Only NOC 2021 can be converted to.
pub fn concordance_to(
    to: Option<VersionArg>,
    from: NocVersion,
    args: &ConcordanceArgs,
    store_args: &StoreArgs,
    data: Option<&Path>,
) -> anyhow::Result<Option<Concordance>> {
    match to.map(NocVersion::from) {
        None => Ok(None),
        Some(to) if to == from => Ok(None),
        Some(NocVersion::V2021) => {
            concordance(args, store_args, data).map(Some)
        }
        Some(to) => anyhow::bail!(
            "--to {to}: only conversion to NOC 2021 is available (the data \
             is NOC {from})"
        ),
    }
}

/// The NOC 2016 → 2021 concordance: `--concordance FILE`, else the
/// installed one, else the file in the `--data` folder, its parent, or
/// their `concordance/` sub-folders.
pub fn concordance(
    args: &ConcordanceArgs,
    store_args: &StoreArgs,
    data: Option<&Path>,
) -> anyhow::Result<Concordance> {
    let path = concordance_path(args, store_args, data)?;
    let file = std::fs::File::open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let (concordance, problems) =
        Concordance::read_2016_to_2021(std::io::BufReader::new(file))
            .with_context(|| path.display().to_string())?;
    for p in &problems {
        eprintln!("noc: warning: {}: {p}", path.display());
    }
    Ok(concordance)
}

fn concordance_path(
    args: &ConcordanceArgs,
    store_args: &StoreArgs,
    data: Option<&Path>,
) -> anyhow::Result<PathBuf> {
    if let Some(p) = &args.concordance {
        return Ok(p.clone());
    }
    let mut candidates = vec![];
    if let Ok(store) = store(store_args) {
        candidates.push(store.dir(DataSet::Concordance).join(NOC2016_TO_2021));
    }
    if let Some(dir) = data {
        for d in [Some(dir), dir.parent()].into_iter().flatten() {
            candidates.push(d.join(NOC2016_TO_2021));
            candidates.push(d.join("concordance").join(NOC2016_TO_2021));
        }
    }
    candidates.into_iter().find(|c| c.is_file()).with_context(|| {
        format!(
            "no concordance file: run `noc data fetch` (or `noc data \
             import` with {NOC2016_TO_2021} from Statistics Canada), or \
             pass --concordance FILE"
        )
    })
}
