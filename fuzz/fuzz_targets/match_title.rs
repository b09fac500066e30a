//! The normaliser and matcher never panic on any text; scores are finite
//! and within 0..=1; candidates come in rank order; the same query gives
//! the same answer twice, alone or in a batch; probabilities are within
//! 0..=1 and add up to at most 1. Each input is also read
//! as Chinese: its bytes pick characters from simplified and traditional
//! Han, full-width forms, Latin letters and punctuation (issue 9).
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

/// Characters a Chinese query is made of: simplified and traditional job
/// words, full-width letters and digits, Latin, CJK and ASCII punctuation.
const CJK_ALPHABET: &[char] = &[
    '社', '区', '區', '工', '作', '者', '会', '會', '计', '計', '师', '師',
    '助', '理', '员', '員', '软', '軟', '件', '体', '體', '护', '護', '士',
    '高', '级', '級', '的', '和', '除', '外', '（', '）', '、', '，', '。',
    '；', '／', 'Ｊ', 'ａ', '１', 'I', 'T', 'j', '+', '#', '.', '/', '-',
    ' ', '(', ')', '\u{3000}', '嘁',
];

fuzz_target!(|data: &[u8]| {
    let chinese: String = data
        .iter()
        .map(|b| CJK_ALPHABET[*b as usize % CJK_ALPHABET.len()])
        .collect();
    check(&chinese);
    let _ = noc::zh::translate(&chinese);
    let Ok(query) = std::str::from_utf8(data) else { return };
    let _ = noc::zh::translate(query);
    check(query);
});

fn check(query: &str) {
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
    // Probabilities: each within 0..=1, and at most one group is right.
    for c in &first.candidates {
        assert!((0.0..=1.0).contains(&c.probability), "{c:?}");
    }
    let total: f32 = first.candidates.iter().map(|c| c.probability).sum();
    assert!(total <= 1.0 + 1e-5, "{first:?}");
}
