//! The description matcher and the reference-letter check never panic on
//! any text: scores are finite and within 0..=1, probabilities too and
//! adding up to at most 1, the duty evidence counts
//! no more duties than were given, coverage shares are within 0..=1, and
//! a batch gives what single calls give. The duty reading
//! (`Normalizer::duty_terms`) gives the terms of the title reading.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use noc::describe::Description;
use noc::index::Index;
use noc::matcher::{Config, Matcher};

fn matcher() -> &'static Matcher {
    static CELL: OnceLock<Matcher> = OnceLock::new();
    CELL.get_or_init(|| {
        Matcher::with_config(
            Index::build(noc::embedded::classification()),
            Config::DEFAULT.top(10).min_score(0.0),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first line is the title, the rest the duties.
    let (title, duties) = text.split_once('\n').unwrap_or((text, ""));
    let n = noc::normalize::Normalizer::shared();
    let title_terms: Vec<String> = n
        .analyze_title(duties, noc::Lang::En)
        .terms
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(n.duty_terms(duties), title_terms);
    let d = Description::new(Some(title), duties, None);
    let m = matcher();
    let first = m.match_description(&d);
    let batch = m.match_descriptions(&[d.clone(), d.clone()], 2);
    let codes = |r: &noc::matcher::Match| {
        r.candidates.iter().map(|c| (c.code, c.score.to_bits())).collect::<Vec<_>>()
    };
    assert_eq!(codes(&first), codes(&batch[1]));
    for c in &first.candidates {
        assert!(c.score.is_finite() && (0.0..=1.0).contains(&c.score), "{c:?}");
        if let Some(e) = &c.duties {
            assert!(e.explained <= e.of && e.of == d.duties.len(), "{e:?}");
        }
        assert!((0.0..=1.0).contains(&c.probability), "{c:?}");
    }
    let total: f32 = first.candidates.iter().map(|c| c.probability).sum();
    assert!(total <= 1.0 + 1e-5, "{first:?}");
    let code = noc::NocCode::new("4212").unwrap();
    if let Ok(r) = noc::describe::check::check(m, &code, &d) {
        let c = &r.coverage;
        assert!((0.0..=1.0).contains(&c.main_duties_share), "{c:?}");
        assert!((0.0..=1.0).contains(&c.client_duties_share), "{c:?}");
        assert_eq!(r.client_duties.len(), d.duties.len());
    }
});
