//! Fingerprints the library's source so that a cache written by one build
//! is never read by a build whose index layout or text normalisation may
//! differ (the crate version alone does not change between commits).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    // The Chinese data is compiled in and shapes the index too.
    println!("cargo:rerun-if-changed=../../data/zh");
    // So is the duty synonym table.
    println!("cargo:rerun-if-changed=../../data/duties");
    let mut files = vec![];
    collect(Path::new("src"), &mut files);
    collect(Path::new("../../data/zh"), &mut files);
    collect(Path::new("../../data/duties"), &mut files);
    files.sort();
    // Any hash does: the value is only compared with itself.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.to_string_lossy().hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=NOC_SOURCE_FINGERPRINT={:016x}", h.finish());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "tsv") {
            out.push(p);
        }
    }
}
