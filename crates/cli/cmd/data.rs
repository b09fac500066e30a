//! `noc data fetch|import|status`: installing the official data.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use noc::store::{DataSet, Manifest, Store};
use noc::{Lang, NocVersion};
use serde::Serialize;

use crate::args::{DataCommand, FetchArgs, ImportArgs, StatusArgs};
use crate::fetch::Fetcher;
use crate::output;
use crate::Outcome;

pub fn run(cmd: DataCommand) -> anyhow::Result<Outcome> {
    match cmd {
        DataCommand::Fetch(a) => fetch(a),
        DataCommand::Import(a) => import(a),
        DataCommand::Status(a) => status(a),
    }
}

fn fetch(args: FetchArgs) -> anyhow::Result<Outcome> {
    let store = crate::data::store(&args.store)?;
    let langs: Vec<Lang> = args.lang.iter().map(|l| (*l).into()).collect();
    let mut sets: Vec<DataSet> = vec![];
    for v in &args.versions {
        let set = DataSet::Noc((*v).into());
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets.push(DataSet::Concordance);
    let fetcher = Fetcher::new(Duration::from_secs(args.timeout));
    let mut portal = Portal { api: &args.portal_api, files: None };
    let mut failed = 0;
    for set in sets {
        match fetch_set(&store, &fetcher, &mut portal, set, &langs, &args) {
            Ok(m) => report_installed(&store, &m),
            Err(e) => {
                failed += 1;
                eprintln!("noc: {set} was not installed: {e:#}");
                if args.base_url.is_none() {
                    eprintln!(
                        "noc: offline, or the address moved? Download by \
                         hand from {} (or the addresses below):",
                        noc::store::DATASET_PAGE
                    );
                    for f in set.files(&langs) {
                        let from = portal
                            .url(f.name)
                            .or_else(|| {
                                noc::store::official_url(f.name)
                                    .map(str::to_string)
                            })
                            .unwrap_or_else(|| match set {
                                DataSet::Noc(NocVersion::V2021) => {
                                    "the dataset page".to_string()
                                }
                                _ => "(no official download)".to_string(),
                            });
                        eprintln!("noc:   {} from {from}", f.name);
                    }
                    eprintln!(
                        "noc: then run `noc data import DIR` on the folder \
                         holding them"
                    );
                }
                if store.manifest(set).ok().flatten().is_some() {
                    eprintln!(
                        "noc: the {set} installed before is kept as it was"
                    );
                }
            }
        }
    }
    Ok(if failed == 0 { Outcome::Found } else { Outcome::Errors })
}

/// The files of the NOC 2021 dataset on the open government portal, as
/// its CKAN API lists them, asked once per run.
struct Portal<'a> {
    api: &'a str,
    files: Option<Result<Vec<(String, String)>, String>>,
}

impl Portal<'_> {
    /// Asks the portal for its list of files (once).
    fn load(&mut self, fetcher: &Fetcher) -> Result<(), String> {
        if self.files.is_none() {
            let url = noc::store::package_show_url(self.api);
            eprintln!("noc: asking the portal for its files: {url}");
            let files = fetcher
                .get_text(&url)
                .and_then(|text| {
                    noc::store::portal_files(&text, &url).map_err(Into::into)
                })
                .map_err(|e| format!("{e:#}"));
            self.files = Some(files);
        }
        match self.files.as_ref() {
            Some(Err(e)) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    /// The portal's address of `name`, if it was asked and lists it.
    fn url(&self, name: &str) -> Option<String> {
        let files = self.files.as_ref()?.as_ref().ok()?;
        noc::store::portal_url(files, name).map(str::to_string)
    }
}

/// Downloads every file of a set into a staging folder, then validates
/// and installs it. Files are found through the portal's API, else (NOC
/// 2016, the concordance, the English NOC 2021 structure when the portal
/// does not list them) at their Statistics Canada address.
fn fetch_set(
    store: &Store,
    fetcher: &Fetcher,
    portal: &mut Portal,
    set: DataSet,
    langs: &[Lang],
    args: &FetchArgs,
) -> anyhow::Result<Manifest> {
    let staging = store.stage()?;
    let mut sources = BTreeMap::new();
    // Every set is looked for on the portal first (it lists the NOC 2021
    // files, perhaps others); NOC 2011 has no official download.
    let on_portal = set != DataSet::Noc(NocVersion::V2011);
    let mut portal_error = None;
    if on_portal && args.base_url.is_none() {
        portal_error = portal.load(fetcher).err();
    }
    for file in set.files(langs) {
        // The supplementary examples are fetched when published.
        let supplementary =
            file.name == noc::parse::statcan::ELEMENTS_ADDITIONAL_EN;
        let url =
            match args.base_url.as_deref().map(|b| b.trim_end_matches('/')) {
                Some(base) => Some(format!("{base}/{}", file.name)),
                None => portal.url(file.name).or_else(|| {
                    noc::store::official_url(file.name).map(str::to_string)
                }),
            };
        let Some(url) = url else {
            if supplementary {
                continue;
            }
            let why = match (&portal_error, on_portal) {
                (Some(e), _) => format!("the portal could not be asked: {e}"),
                (None, true) => "the portal does not list it".to_string(),
                (None, false) => "it has no official download".to_string(),
            };
            anyhow::bail!(
                "{}: {why}; download it by hand and run `noc data import`",
                file.name
            );
        };
        eprintln!("noc: fetching {url}");
        let dest = staging.path().join(file.name);
        match fetcher.download(&url, &dest) {
            Ok(_) => {}
            Err(e) if supplementary => {
                eprintln!("noc: note: {} left out: {e:#}", file.name);
                let _ = std::fs::remove_file(&dest);
                continue;
            }
            Err(e) => return Err(e),
        }
        sources.insert(file.name.to_string(), url);
    }
    keep_installed(store, set, &staging, &mut sources, args.replace)?;
    leave_out_bad_supplement(set, &staging, &mut sources);
    let manifest = store.install(set, staging, &sources)?;
    warm(store, set);
    Ok(manifest)
}

/// The supplementary examples file is published apart from the NOC's
/// own files and read in the elements file's shape: when the set does
/// not validate with it but does without it, it is left out with a
/// warning rather than failing the install.
fn leave_out_bad_supplement(
    set: DataSet,
    staging: &noc::store::Staging,
    sources: &mut BTreeMap<String, String>,
) {
    let name = noc::parse::statcan::ELEMENTS_ADDITIONAL_EN;
    let path = staging.path().join(name);
    if !path.is_file() {
        return;
    }
    let Err(e) = noc::store::validate(set, staging.path()) else { return };
    let Ok(bytes) = std::fs::read(&path) else { return };
    if std::fs::remove_file(&path).is_err() {
        return;
    }
    if noc::store::validate(set, staging.path()).is_ok() {
        eprintln!("noc: warning: {name} left out: {e}");
        sources.remove(name);
    } else {
        // The problem is elsewhere: install reports it.
        let _ = std::fs::write(&path, bytes);
    }
}

/// Keeps the files of the set installed before that were not given now
/// (unless `--replace`), saying which.
fn keep_installed(
    store: &Store,
    set: DataSet,
    staging: &noc::store::Staging,
    sources: &mut BTreeMap<String, String>,
    replace: bool,
) -> anyhow::Result<()> {
    if replace {
        return Ok(());
    }
    let kept = store.keep_installed(set, staging, sources)?;
    if !kept.is_empty() {
        eprintln!(
            "noc: keeping {} installed before (--replace drops it)",
            kept.join(", ")
        );
    }
    Ok(())
}

/// Builds the cache of a new NOC set so the first command is fast.
fn warm(store: &Store, set: DataSet) {
    if let DataSet::Noc(_) = set {
        if let Err(e) = crate::data::warm_cache(&store.dir(set)) {
            eprintln!("noc: warning: could not build the cache: {e:#}");
        }
    }
}

fn report_installed(store: &Store, m: &Manifest) {
    eprintln!(
        "noc: installed {} in {} ({})",
        m.set,
        store.dir(m.set).display(),
        summary(m)
    );
}

fn import(args: ImportArgs) -> anyhow::Result<Outcome> {
    let store = crate::data::store(&args.store)?;
    let mut found: BTreeMap<DataSet, BTreeMap<String, PathBuf>> =
        BTreeMap::new();
    for path in &args.paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or folder", path.display());
        }
        for file in candidate_files(path, 2)? {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Installed under the official name, whatever the download
            // was called.
            if let Some((set, official)) = DataSet::of_file(&name) {
                found
                    .entry(set)
                    .or_default()
                    .entry(official.to_string())
                    .or_insert(file);
            }
        }
    }
    if found.is_empty() {
        let names: Vec<&str> = DataSet::ALL
            .iter()
            .flat_map(|s| s.files(&[Lang::En, Lang::Fr]))
            .map(|f| f.name)
            .collect();
        anyhow::bail!(
            "no official NOC file in {}; expected files named {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            names.join(", ")
        );
    }
    let mut failed = 0;
    for (set, files) in found {
        match import_set(&store, set, &files, args.replace) {
            Ok(m) => report_installed(&store, &m),
            Err(e) => {
                failed += 1;
                eprintln!("noc: {set} was not installed: {e:#}");
            }
        }
    }
    Ok(if failed == 0 { Outcome::Found } else { Outcome::Errors })
}

fn import_set(
    store: &Store,
    set: DataSet,
    files: &BTreeMap<String, PathBuf>,
    replace: bool,
) -> anyhow::Result<Manifest> {
    let staging = store.stage()?;
    let mut sources = BTreeMap::new();
    for (name, path) in files {
        std::fs::copy(path, staging.path().join(name)).with_context(|| {
            format!(
                "copying {} into {}",
                path.display(),
                store.root().display()
            )
        })?;
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        sources.insert(name.clone(), abs.display().to_string());
    }
    keep_installed(store, set, &staging, &mut sources, replace)?;
    let manifest = store.install(set, staging, &sources)?;
    warm(store, set);
    Ok(manifest)
}

/// `path` itself if it is a file, else the files in it down to `depth`
/// levels of folders.
fn candidate_files(path: &Path, depth: usize) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = vec![];
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("reading {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_file() {
            out.push(p);
        } else if p.is_dir() && depth > 0 {
            out.extend(candidate_files(&p, depth - 1)?);
        }
    }
    Ok(out)
}

fn summary(m: &Manifest) -> String {
    let mut parts = vec![];
    if let Some(n) = m.counts.classes.get(&noc::Level::UnitGroup) {
        parts.push(format!("{n} unit groups"));
    }
    for (lang, n) in &m.counts.titles {
        parts.push(format!("{n} titles ({lang})"));
    }
    if m.counts.links > 0 {
        parts.push(format!("{} links", m.counts.links));
    }
    let n = m.files.len();
    parts.push(format!("{n} file{}", if n == 1 { "" } else { "s" }));
    parts.join(", ")
}

#[derive(Serialize)]
struct Status {
    store: PathBuf,
    cache: Option<PathBuf>,
    installed: Vec<Manifest>,
    problems: Vec<String>,
    /// The data a command with these options would use.
    uses: String,
    uses_version: NocVersion,
}

fn status(args: StatusArgs) -> anyhow::Result<Outcome> {
    let store = crate::data::store(&args.data.store)?;
    let mut installed = vec![];
    let mut problems = vec![];
    for set in DataSet::ALL {
        match store.manifest(set) {
            Ok(Some(m)) => installed.push(m),
            Ok(None) => {}
            Err(e) => problems.push(e.to_string()),
        }
    }
    let source = crate::data::resolve(&args.data)?;
    let status = Status {
        store: store.root().to_path_buf(),
        cache: noc::cache::Cache::default_location()
            .map(|c| c.dir().to_path_buf()),
        installed,
        problems,
        uses: source.to_string(),
        uses_version: source.version(),
    };
    let mut out = output::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &status)?;
        writeln!(out)?;
    } else {
        write_status(&mut out, &status)?;
    }
    out.flush()?;
    for p in &status.problems {
        eprintln!("noc: {p}");
    }
    Ok(if status.problems.is_empty() {
        Outcome::Found
    } else {
        Outcome::Errors
    })
}

fn write_status(out: &mut impl Write, s: &Status) -> std::io::Result<()> {
    writeln!(out, "data store: {}", s.store.display())?;
    if let Some(c) = &s.cache {
        writeln!(out, "cache:      {}", c.display())?;
    }
    if s.installed.is_empty() {
        writeln!(
            out,
            "installed:  nothing (run `noc data fetch` or `noc data import \
             DIR`)"
        )?;
    }
    for m in &s.installed {
        let langs: BTreeSet<String> =
            m.languages.iter().map(|l| l.to_string()).collect();
        writeln!(
            out,
            "installed:  {} [{}] on {}: {}",
            m.set,
            langs.into_iter().collect::<Vec<_>>().join(","),
            m.installed_at,
            summary(m)
        )?;
        for f in &m.files {
            writeln!(
                out,
                "              {} {} bytes sha256 {} from {}",
                f.name, f.size, f.sha256, f.source
            )?;
        }
    }
    writeln!(out, "commands use: {} (NOC {})", s.uses, s.uses_version)?;
    writeln!(
        out,
        "  precedence: --data, NOC_DATA_DIR, installed (newest, or \
         --version), embedded default"
    )
}
