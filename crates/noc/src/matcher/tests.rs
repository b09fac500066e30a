//! Matcher tests on the embedded default, written as tables.

use super::*;
use crate::index::Index;

fn matcher(config: Config) -> Matcher {
    Matcher::with_config(
        Index::build(crate::embedded::classification()),
        config,
    )
}

fn top(m: &Matcher, q: &str) -> Option<(String, f32, String)> {
    m.match_title(q)
        .candidates
        .first()
        .map(|c| (c.code.to_string(), c.score, c.matched_title.clone()))
}

#[test]
fn exact_titles_score_one() {
    let m = matcher(Config::DEFAULT);
    for q in [
        "youth worker",
        "Youth Workers",
        "社区工作者",
        "social services worker",
    ] {
        let (code, score, _) = top(&m, q).unwrap();
        assert_eq!(code, "4212", "{q}");
        assert_eq!(score, 1.0, "{q}");
    }
}

#[test]
fn exclusions_outrank_the_group_that_excludes() {
    let m = matcher(Config::DEFAULT);
    let r = m.match_title("social worker");
    assert_eq!(r.candidates[0].code.as_str(), "4152");
    assert_eq!(r.candidates[0].excluded_from.unwrap().as_str(), "4212");
    assert!(!r.candidates[0].in_data);
    let own = r.candidates.iter().find(|c| c.code.as_str() == "4212").unwrap();
    // Capped below the exclusion's score.
    assert!(own.score <= r.candidates[0].score * score::EXCLUDED_CAP + 1e-6);
}

#[test]
fn an_exception_keeps_a_title_away() {
    let m = matcher(Config::DEFAULT.top(10));
    let r = m.match_title("child-care worker day care");
    for c in &r.candidates {
        assert_ne!(c.matched_title, "child-care worker (except day care)");
    }
    let r = m.match_title("child-care worker");
    assert_eq!(
        r.candidates[0].matched_title,
        "child-care worker (except day care)"
    );
}

#[test]
fn abstains_below_the_minimum_score() {
    let m = matcher(Config::DEFAULT);
    assert!(m.match_title("astronaut").candidates.is_empty());
    assert!(m.match_title("").candidates.is_empty());
    assert!(m.match_title("!!! ???").candidates.is_empty());
    let strict = matcher(Config::DEFAULT.min_score(1.0));
    assert!(!strict.match_title("youth worker").candidates.is_empty());
    assert!(strict.match_title("youth services").candidates.is_empty());
}

#[test]
fn top_limits_candidates_and_ranks_are_ordered() {
    let m = matcher(Config::DEFAULT.top(2));
    let r = m.match_title("worker");
    assert!(r.candidates.len() <= 2);
    let m = matcher(Config::DEFAULT.top(10));
    let r = m.match_title("community counsellor");
    assert!(r.is_ranked(), "{r:#?}");
}

#[test]
fn ranking_order_keeps_the_first_by_score_then_weighs_profiles() {
    let c = |code: &str, score: f32, profile_fit: f32| {
        let mut c = matcher(Config::DEFAULT)
            .match_title("youth worker")
            .candidates
            .remove(0);
        c.code = NocCode::new(code).unwrap();
        c.score = score;
        c.profile_fit = profile_fit;
        c
    };
    let ranked = |candidates: Vec<Candidate>| {
        Match {
            query: String::new(),
            lang: None,
            translation: None,
            candidates,
        }
        .is_ranked()
    };
    let first =
        || vec![c("1111", 0.9, 0.0), c("2222", 0.8, 0.0), c("3333", 0.7, 0.0)];
    let with =
        |tail: Vec<Candidate>| first().into_iter().chain(tail).collect();
    // After the first three, a better profile may outrank a better score.
    assert!(ranked(with(vec![c("4444", 0.5, 1.0), c("5555", 0.6, 0.0)])));
    assert!(!ranked(with(vec![c("4444", 0.5, 0.0), c("5555", 0.6, 0.0)])));
    // Not within the first three, and never above them.
    assert!(!ranked(vec![c("1111", 0.8, 1.0), c("2222", 0.9, 0.0)]));
    assert!(!ranked(with(vec![c("4444", 0.75, 0.0)])));
    assert!(ranked(with(vec![])));
    // After the pool, by score alone again, below everything in the pool.
    let pool: Vec<Candidate> = (score::PROFILE_KEEP..score::PROFILE_POOL)
        .map(|i| c(&format!("{}", 4000 + i), 0.6 - i as f32 * 0.01, 0.0))
        .collect();
    let with_pool = |after: Vec<Candidate>| {
        with(pool.clone().into_iter().chain(after).collect())
    };
    assert!(ranked(with_pool(vec![c("9998", 0.3, 0.0), c("9999", 0.2, 1.0)])));
    assert!(!ranked(with_pool(vec![
        c("9998", 0.2, 1.0),
        c("9999", 0.3, 0.0)
    ])));
    assert!(!ranked(with_pool(vec![c("9999", 0.59, 0.0)])));
}

#[test]
fn confidence_bands_follow_probabilities() {
    let cases = [
        (1.0, Confidence::High),
        (score::HIGH_CONFIDENCE, Confidence::High),
        (score::MEDIUM_CONFIDENCE, Confidence::Medium),
        (0.3, Confidence::Low),
    ];
    for (p, band) in cases {
        assert_eq!(Confidence::of(p), band, "{p}");
    }
    let m = matcher(Config::DEFAULT.top(3));
    for q in
        ["youth worker", "social worker", "community worker", "社区工作者"]
    {
        let r = m.match_title(q);
        let mut taken = 0.0;
        for (rank, c) in r.candidates.iter().enumerate() {
            assert!((0.0..=1.0).contains(&c.probability), "{q}: {c:?}");
            let p = c.evidence.probability_at(rank).min(1.0 - taken);
            assert_eq!(c.probability, p.max(0.0));
            taken += c.probability;
            assert_eq!(c.confidence, Confidence::of(c.probability));
        }
        // The first candidate is the most probable, and the probabilities
        // of the candidates add up to at most 1.
        let p: Vec<f32> = r.candidates.iter().map(|c| c.probability).collect();
        assert!(p.iter().all(|x| *x <= p[0]), "{q}: {p:?}");
        assert!(p.iter().sum::<f32>() <= 1.0 + 1e-6, "{q}: {p:?}");
    }
}

#[test]
fn probability_rises_with_score_and_margin_and_falls_with_competitors() {
    let base = Evidence {
        score: 0.9,
        margin: 0.1,
        competitors: 1,
        exact: false,
        recall: 1.0,
        profile: 1.0,
        words: 2,
        unknown: 0.0,
        lang: Some(Lang::En),
        precision: 0.8,
        coverage: 1.0,
        head: true,
        core: true,
        neighbour: false,
        shared_exact: 0,
        head_idf: 3.0,
        partial_data: false,
    };
    let p = base.probability();
    assert!(Evidence { score: 1.0, ..base }.probability() > p);
    assert!(Evidence { margin: 0.3, ..base }.probability() > p);
    assert!(Evidence { exact: true, ..base }.probability() > p);
    assert!(Evidence { competitors: 30, ..base }.probability() < p);
    // A title that names words the query lacks, or a head the query does
    // not have, is less likely; an exact title several groups hold is
    // weaker evidence than one only this group has (see: issue 11).
    assert!(Evidence { precision: 0.4, ..base }.probability() < p);
    assert!(Evidence { head: false, ..base }.probability() < p);
    let exact = Evidence { exact: true, ..base };
    assert!(
        Evidence { shared_exact: 3, ..exact }.probability()
            < exact.probability()
    );
    // With few profiles loaded, a clear winner that is not the query word
    // for word is not high: the group that fits better may be missing.
    let sure = Evidence { score: 1.0, margin: 0.9, ..base };
    assert!(sure.probability() >= score::HIGH_CONFIDENCE);
    let partial = Evidence { partial_data: true, ..sure };
    assert!(partial.probability() < score::HIGH_CONFIDENCE);
    assert!(partial.probability_at(0) < score::HIGH_CONFIDENCE);
    let exact = Evidence { exact: true, ..partial };
    assert!(exact.probability() >= score::HIGH_CONFIDENCE);
    // Every language gets a probability in 0..1.
    for lang in [None, Some(Lang::Fr), Some(Lang::Zh)] {
        let q = Evidence { lang, ..base }.probability();
        assert!(q > 0.0 && q < 1.0, "{lang:?}: {q}");
    }
}

/// The candidates after the first are recalibrated from the first
/// candidate's model (see `score::SECOND_CANDIDATE`).
#[test]
fn later_candidates_are_less_probable_for_the_same_evidence() {
    let m = matcher(Config::DEFAULT.top(1));
    let e = m.match_title("youth worker").candidates[0].evidence;
    let (first, second, third) =
        (e.probability_at(0), e.probability_at(1), e.probability_at(2));
    assert_eq!(first, e.probability());
    assert!(second < first && third < second, "{first} {second} {third}");
    let z = score::logit(&score::CONFIDENCE_MODEL, &e.features());
    let [a, b] = score::SECOND_CANDIDATE;
    assert!((second - 1.0 / (1.0 + (-(a + b * z)).exp())).abs() < 1e-6);
}

#[test]
fn language_is_detected_or_given() {
    let m = matcher(Config::DEFAULT);
    assert_eq!(m.match_title("社区工作者").lang, Some(Lang::Zh));
    assert_eq!(m.match_title("youth worker").lang, Some(Lang::En));
    let fr = matcher(Config::DEFAULT.lang(Some(Lang::Fr)));
    assert_eq!(fr.match_title("youth worker").lang, Some(Lang::Fr));
}

#[test]
fn explanations_add_up() {
    let m = matcher(Config::DEFAULT.explain(true));
    let r = m.match_title("comunity servise worker");
    let c = &r.candidates[0];
    let e = c.explanation.as_ref().unwrap();
    assert_eq!(e.value, c.score);
    let mut text = String::new();
    e.write_tree(&mut text, 0).unwrap();
    assert!(
        text.contains(r#"query term "comunity" matched as "community""#),
        "{text}"
    );
    assert!(text.contains("fit: F-beta"), "{text}");
}

#[test]
fn explanations_show_the_query_words_not_their_stems() {
    let m = matcher(Config::DEFAULT.explain(true));
    let r = m.match_title("Community Services Workers");
    let mut text = String::new();
    let e = r.candidates[0].explanation.as_ref().unwrap();
    e.write_tree(&mut text, 0).unwrap();
    assert!(text.contains(r#"query term "workers" matched"#), "{text}");
    assert!(text.contains(r#"query term "services" matched"#), "{text}");
}

#[test]
fn batch_keeps_input_order_and_matches_single() {
    let m = matcher(Config::DEFAULT);
    let queries: Vec<String> = (0..300)
        .map(|i| {
            ["youth worker", "social worker", "x", "社区工作者"][i % 4]
                .to_string()
        })
        .collect();
    let many = m.match_many(&queries, 2);
    assert_eq!(many.len(), queries.len());
    for (q, r) in queries.iter().zip(&many) {
        assert_eq!(&r.query, q);
        let single = m.match_title(q);
        let codes = |x: &Match| {
            x.candidates.iter().map(|c| c.code).collect::<Vec<_>>()
        };
        assert_eq!(codes(r), codes(&single));
    }
}

#[test]
fn scores_stay_within_bounds_for_odd_input() {
    let m = matcher(Config::DEFAULT.top(10).min_score(0.0));
    let odd = [
        "\u{0}\u{feff}youth\u{200b}worker",
        "𝔂𝓸𝓾𝓽𝓱 𝔀𝓸𝓻𝓴𝓮𝓻",
        &"worker ".repeat(500),
        "(((((",
        "- - - -",
        "ÿ/ÿ/ÿ",
        "a/b/c/d",
        "社",
        // One-word queries, whose groups also weigh their share of the
        // titles headed by the word.
        "worker",
        "Workers",
        "counsellor",
        "youth",
    ];
    for q in odd {
        for c in m.match_title(q).candidates {
            assert!(
                c.score.is_finite() && (0.0..=1.0).contains(&c.score),
                "{q:?}"
            );
        }
    }
}
