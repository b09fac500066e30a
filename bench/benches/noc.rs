//! Benchmarks. Run with the official data found through `NOC_TEST_DATA`:
//!
//! ```text
//! NOC_TEST_DATA=../shared/data cargo bench --manifest-path bench/Cargo.toml
//! ```
//! Cases are named `area/case`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn official_dir() -> PathBuf {
    let dir = std::env::var_os("NOC_TEST_DATA")
        .map(PathBuf::from)
        .expect("set NOC_TEST_DATA to the shared data folder");
    dir.join("noc2021")
}

fn parse(c: &mut Criterion) {
    let dir = official_dir();
    let mut g = c.benchmark_group("parse");
    g.sample_size(20);
    g.bench_function("csv_en_fr", |b| {
        b.iter(|| {
            let l = noc::parse::load_path(&dir).unwrap();
            assert_eq!(l.classification.unit_groups().count(), 516);
            l
        })
    });
    g.bench_function("profile_seed", |b| {
        b.iter(|| {
            let groups = noc::parse::profile::parse_profiles(
                noc::embedded::PROFILE_TEXT,
            )
            .unwrap();
            assert_eq!(groups[0].all_titles.len(), 115);
            groups
        })
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
