use crate::util::{noc, official_dir};

#[test]
fn list_embedded() {
    let r = noc(&["list"]).expect_code(0);
    assert_eq!(
        r.stdout,
        "      4212   Social and community service workers  [skill type 4, level B]\n"
    );
}

#[test]
fn list_nothing_exits_1() {
    noc(&["list", "--under", "9"]).expect_code(1);
}

#[test]
fn list_bad_code_exits_2() {
    let r = noc(&["list", "--under", "x9"]).expect_code(2);
    assert!(r.stderr.contains("--under"), "{}", r.stderr);
}

#[test]
fn broken_pipe_is_not_an_error() {
    let Some(dir) = official_dir() else { return };
    // `noc parse --json | head -c 100`: the reader closes early, long
    // before the megabytes of JSON are written.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' parse --json '{}' | head -c 100 >/dev/null; exit \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_noc"),
            dir.display()
        ))
        .env("NOC_HOME", crate::util::empty_home())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_official_filters() {
    let Some(dir) = official_dir() else { return };
    let dir = dir.to_str().unwrap();
    let r = noc(&["list", "--data", dir, "--level", "unit"]).expect_code(0);
    assert_eq!(r.stdout.lines().count(), 516);
    let r =
        noc(&["list", "--data", dir, "--teer", "0", "--json"]).expect_code(0);
    let rows: Vec<serde_json::Value> =
        r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.iter().all(|v| v["teer"] == 0 && v["level"] == "unit_group"));
    assert!(rows.len() > 30);
    let r = noc(&["list", "--data", dir, "--under", "4220"]).expect_code(0);
    assert_eq!(r.stdout.lines().count(), 6);
}

/// Chinese names of NOC 2021 classes are the project's, and say so.
#[test]
fn list_in_chinese_marks_the_names_as_ours() {
    let Some(dir) = official_dir() else { return };
    let data = dir.to_str().unwrap();
    let r = noc(&["list", "--under", "4220", "--lang", "zh", "--data", data]);
    assert!(r.stdout.contains("unofficial translation"), "{}", r.stdout);
    assert!(r.stdout.contains("42201  社会"), "{}", r.stdout);
    let r = noc(&[
        "list", "--under", "4220", "--lang", "zh", "--data", data, "--json",
    ]);
    for line in r.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["unofficial"], true, "{line}");
    }
}
