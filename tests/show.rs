use crate::util::{noc, official_dir};

#[test]
fn show_embedded_default() {
    let r = noc(&["show", "4212"]).expect_code(0);
    assert!(r
        .stdout
        .starts_with("4212  Social and community service workers\n"));
    assert!(r.stdout.contains("社会和社区服务工作者"));
    assert!(r
        .stdout
        .contains("→ 4152 Social workers (profile not in the loaded data)"));
    assert!(r.stdout.contains("All titles (115)"));
    assert!(r.stdout.contains("skill level B"));
}

#[test]
fn show_in_chinese() {
    let r = noc(&["show", "4212", "--lang", "zh"]).expect_code(0);
    assert!(r.stdout.starts_with("4212  社会和社区服务工作者\n"));
    assert!(r.stdout.contains("  • 青年工人\n"));
}

#[test]
fn show_json_is_the_typed_profile() {
    let r = noc(&["show", "4212", "--json"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["code"], "4212");
    assert_eq!(v["version"], "2011");
    assert_eq!(v["all_titles"].as_array().unwrap().len(), 115);
    assert_eq!(v["exclusions"][5]["target"], "4152");
    assert_eq!(v["all_titles"][11]["en"]["exception"], "day care");
}

#[test]
fn unknown_code_exits_1() {
    let r = noc(&["show", "99999"]).expect_code(1);
    assert!(r.stderr.starts_with("noc: no class 99999"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn bad_data_dir_exits_2() {
    let r =
        noc(&["show", "4212", "--data", "/nonexistent/noc"]).expect_code(2);
    assert!(
        r.stderr.starts_with("noc: loading NOC data from /nonexistent/noc"),
        "{}",
        r.stderr
    );
}

#[test]
fn show_official_unit_group() {
    let Some(dir) = official_dir() else { return };
    let dir = dir.to_str().unwrap();
    let r = noc(&["show", "42201", "--data", dir]).expect_code(0);
    assert!(r.stdout.contains("TEER 2"));
    assert!(r.stdout.contains("→ 41300 Social workers"));
    let r =
        noc(&["show", "42201", "--data", dir, "--lang", "fr"]).expect_code(0);
    assert!(
        r.stdout.starts_with(
            "42201  Travailleurs/travailleuses des services sociaux"
        ),
        "{}",
        &r.stdout[..200]
    );
}

/// See: issue 11 (`noc show 4212` on NOC 2021 data, `noc list` printing
/// nothing and `eval --code-column noc2016` on NOC 2021 data were dead
/// ends without a hint).
#[test]
fn dead_ends_give_a_hint() {
    let Some(dir) = crate::util::official_dir() else { return };
    let dir = dir.to_str().unwrap();
    let r = noc(&["show", "4212", "--data", dir]).expect_code(1);
    assert!(
        r.stderr.contains("4212 is a NOC 2011/2016 unit group code")
            && r.stderr.contains("--version 2016")
            && r.stderr.contains("noc convert 4212"),
        "{}",
        r.stderr
    );
    let r = noc(&["list", "--data", dir, "--under", "4212"]).expect_code(1);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("no class matches these filters")
            && r.stderr.contains("there is no class 4212"),
        "{}",
        r.stderr
    );
    let r =
        noc(&["list", "--data", dir, "--under", "42201", "--level", "minor"])
            .expect_code(1);
    assert!(r.stderr.contains("42201 is a unit group"), "{}", r.stderr);
    let csv = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(csv.path(), "title,noc2016,source\nnurse,3012,a\n")
        .unwrap();
    let r = noc(&[
        "eval",
        csv.path().to_str().unwrap(),
        "--code-column",
        "noc2016",
        "--data",
        dir,
    ])
    .expect_code(2);
    assert!(
        r.stderr.contains("are NOC 2011/2016 codes")
            && r.stderr.contains("--version 2016"),
        "{}",
        r.stderr
    );
}

/// See: issue 11: an empty listing on the embedded default says why.
#[test]
fn empty_list_says_why() {
    let r = noc(&["list", "--teer", "1"]).expect_code(1);
    assert!(
        r.stderr.contains("TEER categories are NOC 2021's"),
        "{}",
        r.stderr
    );
}
