//! Golden query tables: `tests/data/golden_*.tsv` hold (query, language,
//! expected code, max rank). Every row is checked and all failures are
//! reported together.

use std::path::Path;

use noc::index::Index;
use noc::matcher::{Config, Matcher};
use noc::Classification;

use crate::util::official_dir;

struct Case {
    line: usize,
    query: String,
    lang: Option<noc::Lang>,
    code: String,
    max_rank: usize,
}

fn read_cases(name: &str) -> Vec<Case> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).expect("golden table");
    let mut cases = vec![];
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(
            f.len() >= 4,
            "{name}:{}: expected 4 tab-separated fields",
            i + 1
        );
        cases.push(Case {
            line: i + 1,
            query: f[0].to_string(),
            lang: match f[1] {
                "auto" => None,
                l => Some(l.parse().expect("language")),
            },
            code: f[2].to_string(),
            max_rank: f[3].parse().expect("max rank"),
        });
    }
    cases
}

fn check(name: &str, classification: &Classification, min_cases: usize) {
    let cases = read_cases(name);
    assert!(cases.len() >= min_cases, "{name}: only {} cases", cases.len());
    // One matcher per query language named in the table, built once.
    let mut matchers: std::collections::HashMap<Option<noc::Lang>, Matcher> =
        Default::default();
    let mut failures = vec![];
    for c in &cases {
        let matcher = matchers.entry(c.lang).or_insert_with(|| {
            Matcher::with_config(
                Index::build(classification),
                Config::DEFAULT.top(10).lang(c.lang),
            )
        });
        let m = matcher.match_title(&c.query);
        if let Some(x) =
            m.candidates.iter().find(|x| !(0.0..=1.0).contains(&x.score))
        {
            failures.push(format!(
                "{name}:{}: {:?}: score {} of {} is outside 0 to 1",
                c.line, c.query, x.score, x.code
            ));
        }
        // A negative row (`-`, rank 0): no candidate may be confident.
        if c.code == "-" {
            if let Some(x) = m
                .candidates
                .iter()
                .find(|x| x.confidence == noc::matcher::Confidence::High)
            {
                failures.push(format!(
                    "{name}:{}: {:?}: expected no high candidate, got {} \
                     {:.3} ({})",
                    c.line, c.query, x.code, x.probability, x.matched_title
                ));
            }
            continue;
        }
        let codes: Vec<String> =
            m.candidates.iter().map(|x| x.code.to_string()).collect();
        let rank = codes.iter().position(|x| *x == c.code).map(|r| r + 1);
        if rank.is_none_or(|r| r > c.max_rank) {
            failures.push(format!(
                "{name}:{}: {:?}: expected {} within rank {}, got rank {:?}; top: {}",
                c.line,
                c.query,
                c.code,
                c.max_rank,
                rank,
                m.candidates
                    .iter()
                    .take(3)
                    .map(|x| format!("{} {:.3} ({})", x.code, x.score, x.matched_title))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden queries failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_embedded() {
    check("golden_embedded.tsv", noc::embedded::classification(), 30);
}

#[test]
fn golden_noc2021() {
    let Some(dir) = official_dir() else { return };
    let loaded = noc::parse::load_path(&dir).expect("official data");
    check("golden_noc2021.tsv", &loaded.classification, 150);
}

/// See: issue 9. Chinese titles (simplified, traditional, mixed) against
/// NOC 2021 with the project's Chinese names and lexicon.
#[test]
fn golden_zh() {
    let Some(dir) = official_dir() else { return };
    let loaded = noc::parse::load_path(&dir).expect("official data");
    check("golden_zh.tsv", &loaded.classification, 60);
}
