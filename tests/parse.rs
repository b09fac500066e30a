use crate::util::{noc, official_dir, seed_path};

#[test]
fn parse_seed_reports_counts() {
    let seed = seed_path();
    let r = noc(&["parse", seed.to_str().unwrap()]).expect_code(0);
    assert!(
        r.stdout.contains("titles (zh)          19 example, 115 in the index"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("exclusions            6 (6 with a target"));
    assert!(r.stdout.contains("main duties          17"));
}

#[test]
fn parse_json_round_trips() {
    let seed = seed_path();
    let r = noc(&["parse", seed.to_str().unwrap(), "--json"]).expect_code(0);
    let c: noc::Classification = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(c.groups(), noc::embedded::classification().groups());
}

#[test]
fn directory_keeps_good_files_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed_path(), dir.path().join("a_4212.txt")).unwrap();
    std::fs::write(
        dir.path().join("b_bad.txt"),
        "## 4152 社会工作者 Social workers - X NOC\n\nLead.\n\n\
         ## 4152 社会工作者主要职责 Main duties - X NOC\n\n* 审查\n\n* 评估\nAssess\n",
    )
    .unwrap();
    let r = noc(&["parse", dir.path().to_str().unwrap()]).expect_code(2);
    assert!(r.stdout.contains("unit groups           1"), "{}", r.stdout);
    let err = r.stderr.trim();
    assert!(err.starts_with("noc: "), "{err}");
    assert!(err.ends_with("b_bad.txt: line 7: the item \"审查\" has no English line; expected the English text on the line after it"), "{err}");
}

#[test]
fn missing_path_exits_2() {
    let r = noc(&["parse", "/nonexistent/file.txt"]).expect_code(2);
    assert!(r.stderr.contains("/nonexistent/file.txt"), "{}", r.stderr);
}

#[test]
fn wrong_header_names_the_expected_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("noc_2021_version_1.0_-_classification_structure.csv"),
        "Code,Title\n1,x\n",
    )
    .unwrap();
    let r = noc(&["parse", dir.path().to_str().unwrap()]).expect_code(2);
    assert!(r.stderr.contains("expected the header of the official Statistics Canada file noc_2021_version_1.0_-_classification_structure.csv"), "{}", r.stderr);
}

#[test]
fn parse_official_files() {
    let Some(dir) = official_dir() else { return };
    let r = noc(&["parse", dir.to_str().unwrap()]).expect_code(0);
    assert!(r.stdout.contains("unit groups         516"), "{}", r.stdout);
    assert!(r
        .stdout
        .contains("titles (en)        4768 example, 27935 in the index"));
    assert!(r
        .stdout
        .contains("titles (fr)        4756 example, 29767 in the index"));
    assert!(r.stdout.contains("exclusions         2190 (2190 with a target, 0 targets not in this data)"));
}

/// See: issue 11 (the same profile in two files was merged silently).
#[test]
fn the_same_profile_in_two_files_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed_path(), dir.path().join("a.txt")).unwrap();
    std::fs::copy(seed_path(), dir.path().join("b.txt")).unwrap();
    let r = noc(&["parse", dir.path().to_str().unwrap()]).expect_code(2);
    let b = dir.path().join("b.txt");
    assert!(
        r.stderr.contains(&format!(
            "{}: profile 4212 is also in {}",
            b.display(),
            dir.path().join("a.txt").display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("unit groups           1"), "{}", r.stdout);
}

/// See: issue 11 (`noc parse` said 0 problems for an elements file cut at
/// a row boundary, which `noc data import` rejects).
#[test]
fn parse_reports_an_elements_file_cut_at_a_row_boundary() {
    let Some(official) = official_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let structure = "noc_2021_version_1.0_-_classification_structure.csv";
    let elements = "noc_2021_version_1.0_-_elements.csv";
    std::fs::copy(official.join(structure), dir.path().join(structure))
        .unwrap();
    let text = std::fs::read_to_string(official.join(elements)).unwrap();
    let cut: String =
        text.lines().take(20_000).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join(elements), cut).unwrap();
    let r = noc(&["parse", dir.path().to_str().unwrap()]).expect_code(2);
    assert!(
        r.stderr.contains(&format!(
            "{}: expected titles (en) for at least 516 unit groups",
            dir.path().join(elements).display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("problems              1"), "{}", r.stdout);
}

/// An official CSV file given alone was read as a profile file and
/// failed at line 1 with a message about profile headings.
#[test]
fn an_official_file_alone_points_to_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("noc_2021_version_1.0_-_elements.csv");
    std::fs::write(&file, "Level,Code - NOC 2021 V1.0\n").unwrap();
    let r = noc(&["parse", file.to_str().unwrap()]).expect_code(2);
    let folder = format!("(`noc parse {}`)", dir.path().display());
    assert!(r
        .stderr
        .contains("an official Statistics Canada file of NOC 2021"));
    assert!(r.stderr.trim_end().ends_with(&folder), "{}", r.stderr);
}
