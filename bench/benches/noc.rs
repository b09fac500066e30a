//! Benchmarks. Run with the official data found through `NOC_TEST_DATA`:
//!
//! ```text
//! cargo build --release   # for the start-up cases
//! NOC_TEST_DATA=../shared/data cargo bench --manifest-path bench/Cargo.toml
//! ```
//! Cases are named `area/case`. Each asserts its result, so a bench that
//! measures the wrong thing fails.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use noc::index::Index;
use noc::matcher::{Matcher, Scratch};

fn data_dir() -> PathBuf {
    std::env::var_os("NOC_TEST_DATA")
        .map(PathBuf::from)
        .expect("set NOC_TEST_DATA to the shared data folder")
}

fn official() -> noc::Classification {
    noc::parse::load_path(&data_dir().join("noc2021")).unwrap().classification
}

fn parse(c: &mut Criterion) {
    let dir = data_dir().join("noc2021");
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

fn index(c: &mut Criterion) {
    let classification = official();
    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    g.bench_function("build_en_fr", |b| {
        b.iter(|| {
            let index = Index::build(&classification);
            assert!(index.entry_count() > 58_000);
            index
        })
    });
    g.finish();
}

fn matching(c: &mut Criterion) {
    let matcher = Matcher::new(Index::build(&official()));
    let embedded = Matcher::new(Index::build(noc::embedded::classification()));
    let mut g = c.benchmark_group("match");
    let mut scratch = Scratch::default();
    for (name, m, query, code) in [
        ("en", &matcher, "Sr. Youth Worker (PT) - Toronto", "42201"),
        ("fr", &matcher, "intervenante en toxicomanie", "42201"),
        ("typo", &matcher, "comunity servise worker", "42201"),
        ("zh", &embedded, "社区工作者", "4212"),
        ("zh_full", &matcher, "高级软件工程师", "21231"),
        ("zh_traditional", &matcher, "資深會計師", "11100"),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let r = m.match_with(&mut scratch, query);
                assert_eq!(r.candidates[0].code.as_str(), code);
                r
            })
        });
    }
    // Batch throughput on real titles (the labelled set's titles only).
    let file =
        std::fs::File::open(data_dir().join("labelled/dev.csv")).unwrap();
    let rows = noc::eval::read_labelled(file, "noc2021").unwrap().rows;
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    g.throughput(Throughput::Elements(titles.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        g.bench_function(format!("batch_{threads}_threads"), |b| {
            b.iter(|| {
                let r = matcher.match_many(&titles, threads);
                assert_eq!(r.len(), titles.len());
                r
            })
        });
    }
    g.finish();
}

/// Description matching (duties, with and without a title) on the
/// labelled duty lists, and one reference-letter check.
fn describe(c: &mut Criterion) {
    use noc::describe::eval::read_labelled_descriptions;
    let matcher = Matcher::new(Index::build(&official()));
    let file = std::fs::File::open(data_dir().join("labelled/duties_dev.csv"))
        .unwrap();
    let (rows, _) = read_labelled_descriptions(file, "noc2021").unwrap();
    let ds: Vec<noc::describe::Description> =
        rows.iter().map(|r| r.description.clone()).collect();
    let mut g = c.benchmark_group("describe");
    let letter = &ds[0];
    let code = matcher.match_description(letter).candidates[0].code;
    g.bench_function("check", |b| {
        b.iter(|| {
            let r = noc::describe::check::check(&matcher, &code, letter)
                .unwrap();
            assert!(!r.main_duties.is_empty());
            r
        })
    });
    g.throughput(Throughput::Elements(ds.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        g.bench_function(format!("batch_{threads}_threads"), |b| {
            b.iter(|| {
                let r = matcher.match_descriptions(&ds, threads);
                assert_eq!(r.len(), ds.len());
                r
            })
        });
    }
    g.finish();
}

/// The release binary, built before the bench runs (`cargo build
/// --release`); `NOC_BIN` overrides.
fn noc_bin() -> PathBuf {
    std::env::var_os("NOC_BIN").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/noc")
    })
}

/// A whole `noc match "youth worker"` process on the installed NOC 2021
/// EN+FR data: with the cache the install built, and without it
/// (`--no-cache`: parse the CSV files and build the index); and a whole
/// `noc check 42201 --duties letter.txt` process with the cache.
fn startup(c: &mut Criterion) {
    let bin = noc_bin();
    assert!(
        bin.is_file(),
        "build {} first: cargo build --release",
        bin.display()
    );
    let home = tempfile::tempdir().unwrap();
    let noc = |args: &[&str]| {
        let out = std::process::Command::new(&bin)
            .args(args)
            .env("NOC_HOME", home.path())
            .env_remove("NOC_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let data = data_dir().join("noc2021");
    noc(&["data", "import", data.to_str().unwrap()]);
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("match_cached", |b| {
        b.iter(|| {
            let out = noc(&["match", "youth worker", "--top", "1"]);
            assert!(out.starts_with(b"youth worker\n  1. 42201"));
        })
    });
    let letter = home.path().join("letter.txt");
    std::fs::write(
        &letter,
        "Plan and organize programs for youth\n\
         Counsel clients on personal problems\n\
         Refer clients to community resources\n",
    )
    .unwrap();
    g.bench_function("check_cached", |b| {
        b.iter(|| {
            let out = std::process::Command::new(&bin)
                .args(["check", "42201", "--duties"])
                .arg(&letter)
                .env("NOC_HOME", home.path())
                .env_remove("NOC_DATA_DIR")
                .output()
                .unwrap();
            // Exit 0 is a strong fit, 1 partial or weak: both are reports.
            assert!(out.status.code().is_some_and(|c| c <= 1));
            assert!(out.stdout.starts_with(b"42201 "));
        })
    });
    g.sample_size(10);
    g.bench_function("match_no_cache", |b| {
        b.iter(|| {
            let out =
                noc(&["match", "youth worker", "--top", "1", "--no-cache"]);
            assert!(out.starts_with(b"youth worker\n  1. 42201"));
        })
    });
    g.finish();
}

criterion_group!(benches, parse, index, matching, describe, startup);
criterion_main!(benches);
