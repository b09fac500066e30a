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
