//! Selecting and loading the NOC data a command works on.

use std::path::Path;

use anyhow::Context;
use noc::Classification;

use crate::args::DataArgs;

/// Loaded data and where it came from.
pub struct Data {
    pub classification: Classification,
    /// A readable name of the source, for messages.
    pub source: String,
    /// True for the compiled-in sample profile.
    pub embedded: bool,
}

/// Loads `--data DIR` (or `NOC_DATA_DIR`), else the embedded default.
/// Problems in the data are reported on stderr; a source that yields
/// nothing is an error.
pub fn load(args: &DataArgs) -> anyhow::Result<Data> {
    match &args.data {
        Some(dir) => load_dir(dir),
        None => Ok(Data {
            classification: noc::embedded::classification().clone(),
            source: format!(
                "embedded default ({})",
                noc::embedded::PROFILE_NAME
            ),
            embedded: true,
        }),
    }
}

fn load_dir(dir: &Path) -> anyhow::Result<Data> {
    let loaded = noc::parse::load_path(dir)
        .with_context(|| format!("loading NOC data from {}", dir.display()))?;
    for p in &loaded.problems {
        eprintln!("noc: warning: {p}");
    }
    if loaded.classification.groups().is_empty() {
        anyhow::bail!("{}: no NOC classes could be read", dir.display());
    }
    Ok(Data {
        classification: loaded.classification,
        source: dir.display().to_string(),
        embedded: false,
    })
}
