//! Choosing the NOC data a command works on and loading it, through the
//! cache when there is one.
//!
//! Precedence: `--data DIR`, then `NOC_DATA_DIR`, then the installed data
//! (`noc data fetch/import`), then the embedded default.

use std::path::Path;

use noc::concordance::Concordance;
use noc::index::Index;
use noc::matcher::{Config, Matcher};
use noc::source::Request;
pub use noc::source::Source;
use noc::store::Store;
use noc::{Classification, NocVersion};

use crate::args::{ConcordanceArgs, DataArgs, StoreArgs, TargetVersionArg};

/// The store of `--store`/`NOC_STORE`, else the default one.
pub fn store(args: &StoreArgs) -> anyhow::Result<Store> {
    match &args.store {
        Some(dir) => Ok(Store::new(dir)),
        None => Ok(noc::source::default_store()?),
    }
}

/// The library's request for the data the flags name.
fn request(args: &DataArgs) -> anyhow::Result<Request> {
    let mut r = Request::new()
        .version(args.version.map(Into::into))
        .no_cache(args.no_cache);
    if let Some(path) = &args.data {
        let from_env = std::env::var_os("NOC_DATA_DIR")
            .is_some_and(|v| Path::new(&v) == path.as_path());
        r = r.data(path, if from_env { "NOC_DATA_DIR" } else { "--data" });
    } else {
        r = r.store(store(&args.store)?);
    }
    Ok(r)
}

/// Which data the command would use (see the module docs).
pub fn resolve(args: &DataArgs) -> anyhow::Result<Source> {
    Ok(request(args)?.resolve()?)
}

/// Prints a problem that did not stop a load.
fn warn(w: &str) {
    eprintln!("noc: warning: {w}");
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
    let (classification, source) = request(args)?.classification(&mut warn)?;
    Ok(Data { classification, source })
}

/// The matcher index of the chosen data.
pub fn load_index(args: &DataArgs) -> anyhow::Result<(Index, Source)> {
    Ok(request(args)?.index(&mut warn)?)
}

/// A matcher that lives until the process exits. Each command ends soon
/// after its matcher's last use, and the system takes the memory back
/// at once at exit; freeing the index's 16 MB piece by piece first took
/// some 2 ms of a 20 ms `noc check`.
pub fn matcher_for_run(index: Index, config: Config) -> &'static Matcher {
    Box::leak(Box::new(Matcher::with_config(index, config)))
}

/// Warms the cache of a freshly installed set.
pub fn warm_cache(path: &Path) -> anyhow::Result<()> {
    Ok(noc::source::warm_cache(path, &mut warn)?)
}

/// The concordance that converts codes of `from` for `--to`, or `None`
/// when there is nothing to convert (no `--to`, or the data is already
/// that version). Only NOC 2021 can be converted to.
pub fn concordance_to(
    to: Option<TargetVersionArg>,
    from: NocVersion,
    args: &ConcordanceArgs,
    store_args: &StoreArgs,
    data: Option<&Path>,
) -> anyhow::Result<Option<Concordance>> {
    match to.map(NocVersion::from) {
        None => Ok(None),
        Some(to) if to == from => Ok(None),
        Some(_) => concordance(args, store_args, data).map(Some),
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
    let store = store(store_args).ok();
    Ok(noc::source::concordance(
        args.concordance.as_deref(),
        store.as_ref(),
        data,
        &mut warn,
    )?)
}
