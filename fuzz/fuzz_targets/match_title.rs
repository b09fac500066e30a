//! The normaliser and matcher never panic on any text; scores are finite
//! and within 0..=1; candidates come in rank order; the same query gives
//! the same answer twice, alone or in a batch.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use noc::index::Index;
use noc::matcher::{Config, Matcher};

fn matcher() -> &'static Matcher {
    static CELL: OnceLock<Matcher> = OnceLock::new();
    CELL.get_or_init(|| {
        Matcher::with_config(
            Index::build(noc::embedded::classification()),
            Config::DEFAULT.top(10).min_score(0.0).explain(true),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let n = noc::normalize::Normalizer::shared();
    let _ = n.fold(query);
    let _ = n.analyze(query);
    let m = matcher();
    let first = m.match_title(query);
    let again = m.match_title(query);
    let batch = m.match_many(&[query, query], 2);
    let codes = |r: &noc::matcher::Match| {
        r.candidates.iter().map(|c| (c.code, c.score.to_bits())).collect::<Vec<_>>()
    };
    assert_eq!(codes(&first), codes(&again));
    assert_eq!(codes(&first), codes(&batch[1]));
    for c in &first.candidates {
        assert!(c.score.is_finite() && (0.0..=1.0).contains(&c.score), "{c:?}");
    }
    for c in &first.candidates {
        assert!((0.0..=1.0).contains(&c.profile_fit), "{c:?}");
    }
    assert!(first.is_ranked(), "{first:?}");
});
