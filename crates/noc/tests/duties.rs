//! Description matching and the reference-letter check on the official
//! NOC 2021 files and the labelled duty lists under `NOC_TEST_DATA` (in
//! CI, with `CI` set, a missing folder fails). No NOC text is kept in
//! these tests or their snapshots: letters are written in their own
//! words, and reports are summarised by codes and counts.

use std::path::PathBuf;

use noc::describe::check::check;
use noc::describe::eval::{evaluate_descriptions, read_labelled_descriptions};
use noc::describe::Description;
use noc::index::Index;
use noc::matcher::{Config, Matcher};
use noc::NocCode;

/// Duties only, top-1 of single-label rows (measured 0.557).
const DUTIES_TOP1_FLOOR: f64 = 0.54;
/// Duties only, top-5 (measured 0.795).
const DUTIES_TOP5_FLOOR: f64 = 0.785;
/// Title and duties, top-1 (measured 0.677).
const TITLE_DUTIES_TOP1_FLOOR: f64 = 0.665;
/// Title and duties, top-5 (measured 0.877).
const TITLE_DUTIES_TOP5_FLOOR: f64 = 0.865;

#[path = "../../../tests/support/test_data.rs"]
mod test_data;

fn data_dir() -> Option<PathBuf> {
    test_data::test_data(&["noc2021", "labelled/duties_dev.csv"])
}

fn matcher(dir: &std::path::Path, config: Config) -> Matcher {
    let loaded = noc::parse::load_path(&dir.join("noc2021")).unwrap();
    Matcher::with_config(Index::build(&loaded.classification), config)
}

#[test]
fn duties_accuracy_does_not_regress() {
    let Some(dir) = data_dir() else { return };
    let m = matcher(&dir, Config::DEFAULT.top(10));
    let file =
        std::fs::File::open(dir.join("labelled/duties_dev.csv")).unwrap();
    let (rows, problems) =
        read_labelled_descriptions(file, "noc2021").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.len(), 1648);
    let r = evaluate_descriptions(&m, &rows, 2);
    let duties = &r.per_source["onet_tasks"];
    let titled = &r.per_source["onet_title_tasks"];
    eprintln!("{:#?}", r.per_source);
    assert_eq!((duties.n, titled.n), (497, 446));
    assert!(duties.top1 >= DUTIES_TOP1_FLOOR, "{duties:?}");
    assert!(duties.top5 >= DUTIES_TOP5_FLOOR, "{duties:?}");
    assert!(titled.top1 >= TITLE_DUTIES_TOP1_FLOOR, "{titled:?}");
    assert!(titled.top5 >= TITLE_DUTIES_TOP5_FLOOR, "{titled:?}");
    // The check reads the labelled group as strong more often than the
    // best-ranked wrong one.
    let c = &r.check;
    assert!(c.right_verdicts[0] > c.wrong_verdicts[0], "{c:?}");
}

#[test]
fn a_title_without_duties_gives_todays_result() {
    let Some(dir) = data_dir() else { return };
    let m = matcher(&dir, Config::DEFAULT.top(10));
    let file = std::fs::File::open(dir.join("labelled/dev.csv")).unwrap();
    let rows = noc::eval::read_labelled(file, "noc2021").unwrap().rows;
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    let ds: Vec<Description> =
        titles.iter().map(|t| Description::new(Some(t), "", None)).collect();
    let by_title = m.match_many(&titles, 2);
    let by_description = m.match_descriptions(&ds, 2);
    assert_eq!(by_title.len(), by_description.len());
    for (a, b) in by_title.iter().zip(&by_description) {
        assert_eq!(
            serde_json::to_string(a).unwrap(),
            serde_json::to_string(b).unwrap()
        );
    }
}

/// A short summary of a report: verdict, coverage, the pairings by
/// number, better fits and elsewhere codes.
fn summary(r: &noc::describe::check::CheckReport) -> String {
    let c = &r.coverage;
    let pairs: Vec<String> = r
        .client_duties
        .iter()
        .enumerate()
        .map(|(i, d)| match (d.supports, d.lead_statement) {
            (Some(j), _) => format!("{}→{}", i + 1, j + 1),
            (None, true) => format!("{}→lead", i + 1),
            (None, false) => format!("{}→none", i + 1),
        })
        .collect();
    let codes = |v: Vec<&NocCode>| {
        v.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
    };
    format!(
        "{} {:?} [{}] main {}/{} client {}/{}\npairs {}\nbetter [{}] \
         elsewhere [{}] copied {}",
        r.code,
        r.verdict,
        r.lang,
        c.main_duties_covered,
        c.main_duties,
        c.client_duties_explained,
        c.client_duties,
        pairs.join(" "),
        codes(r.better_fits.iter().map(|b| &b.code).collect()),
        codes(r.classified_elsewhere.iter().map(|e| &e.code).collect()),
        r.copied.len()
    )
}

#[test]
fn letters_against_their_group_and_a_sibling() {
    let Some(dir) = data_dir() else { return };
    let m = matcher(&dir, Config::DEFAULT);
    let code = |c: &str| NocCode::new(c).unwrap();
    // A French letter in its own words, checked against 42201.
    let fr = Description::new(
        Some("Intervenante communautaire"),
        "Tâches principales :\n\
         1. Rencontrer les clients pour évaluer leurs besoins.\n\
         2. Élaborer des plans d'action et assurer le suivi.\n\
         3. Orienter les clients vers les ressources communautaires, \
         l'aide juridique et le logement.\n\
         4. Animer des ateliers de compétences de vie pour les jeunes.\n\
         5. Offrir une intervention en situation de crise.",
        None,
    );
    let r = check(&m, &code("42201"), &fr).unwrap();
    insta::assert_snapshot!(summary(&r), @r"
    42201 Partial [fr] main 3/17 client 2/5
    pairs 1→1 2→none 3→5 4→none 5→none
    better [] elsewhere [] copied 0
    ");
    // Social worker's duties checked against social and community
    // service workers: the sibling group is named as a better fit.
    let social = Description::new(
        None,
        "- Assessed clients' psychosocial functioning and social needs\n\
         - Provided psychotherapy and counselling to individuals, couples \
         and families\n\
         - Developed and evaluated social policies and programs\n\
         - Acted as an advocate for client groups in the community\n\
         - Supervised social work students in their field placements",
        None,
    );
    let r = check(&m, &code("42201"), &social).unwrap();
    assert!(
        r.better_fits.iter().any(|b| b.code.as_str() == "41300"),
        "{}",
        summary(&r)
    );
    insta::assert_snapshot!(summary(&r), @r"
    42201 Weak [en] main 1/17 client 1/5
    pairs 1→none 2→none 3→17 4→none 5→none
    better [41300 41301] elsewhere [41320 40030 41300 41301] copied 0
    ");
}

#[test]
fn a_group_without_duties_says_so() {
    let Some(dir) = test_data::test_data(&["noc2016"]) else { return };
    let loaded = noc::parse::load_path(&dir.join("noc2016")).unwrap();
    let m = Matcher::new(Index::build(&loaded.classification));
    let d = Description::new(None, "Counselled clients", None);
    let e = check(&m, &NocCode::new("4212").unwrap(), &d).unwrap_err();
    assert!(
        e.to_string()
            .contains("4212 has no main duties in the loaded NOC 2016"),
        "{e}"
    );
}

/// Every NOC word of the duty synonym table (`data/duties/synonyms.tsv`)
/// is a word of the NOC's own English lead statements or main duties, so
/// a client word read as it can meet the NOC's text. See: issue 10.
#[test]
fn every_synonym_target_is_in_the_noc_duties() {
    let Some(dir) = data_dir() else { return };
    let loaded = noc::parse::load_path(&dir.join("noc2021")).unwrap();
    let mut keys = std::collections::HashSet::new();
    for g in loaded.classification.unit_groups() {
        let texts = g.lead_statement.get(noc::Lang::En).into_iter().chain(
            g.main_duties
                .iter()
                .flat_map(|s| &s.items)
                .filter_map(|item| item.get(noc::Lang::En)),
        );
        for t in texts {
            let a = noc::describe::analyze_duty(t, Some(noc::Lang::En));
            keys.extend(
                a.iter().map(|t| noc::describe::duty_key(t).to_string()),
            );
        }
    }
    let rows = noc::describe::synonym_rows();
    assert!(!rows.is_empty());
    let missing: Vec<String> = rows
        .iter()
        .filter(|r| {
            let a = noc::describe::analyze_duty(&r.noc, Some(noc::Lang::En));
            !a.iter().all(|t| keys.contains(noc::describe::duty_key(t)))
        })
        .map(|r| format!("line {}: {}", r.line, r.noc))
        .collect();
    assert!(missing.is_empty(), "not in the NOC's duties: {missing:?}");
}
