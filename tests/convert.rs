//! `noc convert` against the official concordance. See: issue 4.

use crate::util::noc;

fn concordance() -> Option<String> {
    let dir = crate::util::official_dir()?;
    let file =
        dir.parent()?.join("concordance/noc2016v1_3-noc2021v1_0-eng.csv");
    Some(file.to_str()?.to_string())
}

#[test]
fn golden_conversions() {
    let Some(file) = concordance() else { return };
    let r = noc(&[
        "convert",
        "--json",
        "--concordance",
        &file,
        "4212",
        "11",
        "0112",
        "2171",
    ])
    .expect_code(0);
    let rows: Vec<serde_json::Value> =
        r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let targets = |i: usize| -> Vec<String> {
        rows[i]["conversion"]["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(targets(0), ["42201"]);
    assert_eq!(targets(1), ["00010"], "lost leading zeros are restored");
    assert_eq!(rows[1]["conversion"]["relation"], "one_to_one");
    // A split: human resources managers continue as 10011, parts go to
    // 11200, 13110 and 22232.
    assert_eq!(targets(2), ["10011", "11200", "13110", "22232"]);
    assert_eq!(rows[2]["conversion"]["relation"], "split_and_merged");
    assert!(rows[3]["conversion"]["targets"][0]["changes"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("split_off")));
}

#[test]
fn a_merge_case() {
    let Some(file) = concordance() else { return };
    // 21211 Data scientists gathers parts of several NOC 2016 groups.
    let r = noc(&["convert", "--json", "--concordance", &file, "2172"])
        .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let relation = v["conversion"]["relation"].as_str().unwrap();
    assert!(
        relation == "merged" || relation == "split_and_merged",
        "{relation}"
    );
}

#[test]
fn unknown_codes_and_missing_file() {
    let Some(file) = concordance() else { return };
    let r = noc(&["convert", "--concordance", &file, "9999"]).expect_code(1);
    assert!(
        r.stderr.contains("9999: not a NOC 2016 unit group"),
        "{}",
        r.stderr
    );
    let r = noc(&["convert", "--concordance", &file, "4212", "9999"])
        .expect_code(2);
    assert!(
        r.stdout.contains("→ 42201 Social and community service workers"),
        "{}",
        r.stdout
    );
    let r = noc(&["convert", "4212"]).expect_code(2);
    assert!(r.stderr.contains("no concordance file"), "{}", r.stderr);
    let r = noc(&["convert", "42201", "--from", "2021"]).expect_code(2);
    assert!(
        r.stderr.contains("only --from 2016 or 2011 --to 2021"),
        "{}",
        r.stderr
    );
    // Only NOC 2021 can be converted to: the help offers nothing else.
    let r = noc(&["convert", "4212", "--to", "2016"]).expect_code(2);
    assert!(r.stderr.contains("[possible values: 2021]"), "{}", r.stderr);
}

#[test]
fn batch_from_a_csv_column_keeps_every_row() {
    let Some(file) = concordance() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("codes.csv");
    std::fs::write(&input, "name,noc\nA,4212\nB,abc\nC,0112\n").unwrap();
    let out = dir.path().join("out.csv");
    let r = noc(&[
        "convert",
        "--concordance",
        &file,
        "--input",
        input.to_str().unwrap(),
        "--column",
        "noc",
        "--output",
        out.to_str().unwrap(),
    ])
    .expect_code(2);
    assert!(
        r.stderr.contains("abc: not a NOC 2016 unit group"),
        "{}",
        r.stderr
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> =
        rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(&rows[0][1], "4212");
    assert_eq!(&rows[0][3], "42201");
    assert!(rows[1][6].contains("not a NOC 2016"), "{text}");
    assert_eq!(&rows[2][3], "10011;11200;13110;22232");
    // Standard input, one code per line, as JSON Lines.
    let r = crate::util::noc_stdin(
        &["convert", "--concordance", &file, "--from", "2011", "--json"],
        "4212\n11\n",
    )
    .expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains("\"00010\""), "{}", r.stdout);
    assert!(lines[0].contains("share every unit-group code"));
}
