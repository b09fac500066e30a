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
    let fetcher =
        Fetcher::new(args.base_url.clone(), Duration::from_secs(args.timeout));
    let mut failed = 0;
    for set in sets {
        match fetch_set(&store, &fetcher, set, &langs) {
            Ok(m) => report_installed(&store, &m),
            Err(e) => {
                failed += 1;
                eprintln!("noc: {set} was not installed: {e:#}");
                if args.base_url.is_none() {
                    eprintln!(
                        "noc: offline, or the address moved? Download by \
                         hand (see also {}):",
                        noc::store::DATASET_PAGE
                    );
                    for f in set.files(&langs) {
                        let from = noc::store::official_url(f.name)
                            .unwrap_or("(no official download)");
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

/// Downloads every file of a set into a staging folder, then validates
/// and installs it.
fn fetch_set(
    store: &Store,
    fetcher: &Fetcher,
    set: DataSet,
    langs: &[Lang],
) -> anyhow::Result<Manifest> {
    let staging = store.stage()?;
    let mut sources = BTreeMap::new();
    for file in set.files(langs) {
        let url = fetcher.url(file.name).with_context(|| {
            format!(
                "{} has no official download: download it by hand and run \
                 `noc data import`",
                file.name
            )
        })?;
        eprintln!("noc: fetching {url}");
        fetcher.download(&url, &staging.path().join(file.name))?;
        sources.insert(file.name.to_string(), url);
    }
    let manifest = store.install(set, staging, &sources)?;
    warm(store, set);
    Ok(manifest)
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
        match import_set(&store, set, &files) {
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
