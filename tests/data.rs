//! `noc data fetch/import/status`, the cache, and the commands that use
//! installed data (`--version`, `--to 2021`). Each test has its own
//! `NOC_HOME`; official files come from `NOC_TEST_DATA` and are copied
//! only into temporary folders.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{noc_home, test_data_dir, Run};

#[path = "support/http.rs"]
mod http;
use http::{Reply, Server};

const ELEMENTS_EN: &str = "noc_2021_version_1.0_-_elements.csv";
const STRUCTURE_EN: &str =
    "noc_2021_version_1.0_-_classification_structure.csv";

fn run(home: &Path, args: &[&str]) -> Run {
    noc_home(home, args, "")
}

fn status(home: &Path) -> Value {
    let r = run(home, &["data", "status", "--json"]).expect_code(0);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The manifest of an installed set, if any.
fn manifest<'a>(status: &'a Value, set: &str) -> Option<&'a Value> {
    status["installed"].as_array()?.iter().find(|m| m["set"] == set_json(set))
}

fn set_json(set: &str) -> Value {
    match set {
        "concordance" => Value::String("concordance".into()),
        year => serde_json::json!({ "noc": year }),
    }
}

fn first_code(r: &Run) -> String {
    let v: Value = serde_json::from_str(r.stdout.lines().next().unwrap())
        .unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    v["candidates"][0]["code"].as_str().unwrap_or("").to_string()
}

#[test]
fn import_installs_every_version_and_commands_use_it() {
    let Some(data) = test_data_dir(&["noc2021", "noc2016", "noc2011"]) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let s = status(home);
    assert_eq!(s["installed"], Value::Array(vec![]));
    assert!(s["uses"].as_str().unwrap().starts_with("embedded default"));

    let r = run(home, &["data", "import", data.to_str().unwrap()]);
    let r = r.expect_code(0);
    assert!(r.stderr.contains("installed NOC 2021"), "{}", r.stderr);
    let s = status(home);
    for set in ["2021", "2016", "2011", "concordance"] {
        assert!(manifest(&s, set).is_some(), "{set} not installed: {s}");
    }
    let m = manifest(&s, "2021").unwrap();
    assert_eq!(m["counts"]["classes"]["unit_group"], 516);
    assert_eq!(m["languages"], serde_json::json!(["en", "fr"]));
    let elements = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == ELEMENTS_EN)
        .unwrap();
    let original = data.join("noc2021").join(ELEMENTS_EN);
    assert_eq!(elements["size"], std::fs::metadata(&original).unwrap().len());
    assert_eq!(elements["sha256"].as_str().unwrap().len(), 64);
    assert!(s["uses"].as_str().unwrap().starts_with("installed NOC 2021"));

    // The installed data is used without --data, newest version first.
    let r = run(home, &["match", "youth worker", "--json"]).expect_code(0);
    assert_eq!(first_code(&r), "42201");
    let r = run(home, &["match", "--version", "2016", "youth worker"])
        .expect_code(0);
    assert!(r.stdout.contains("4212 "), "{}", r.stdout);
    assert!(r.stdout.contains("[skill type 4, level B]"), "{}", r.stdout);

    // Older versions convert to 2021 in the same call.
    let r = run(
        home,
        &[
            "match",
            "--version",
            "2011",
            "youth worker",
            "--to",
            "2021",
            "--json",
        ],
    )
    .expect_code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["candidates"][0]["code"], "4212");
    assert_eq!(v["candidates"][0]["noc2021"]["targets"][0]["code"], "42201");
    let r = run(
        home,
        &[
            "match",
            "--version",
            "2016",
            "youth worker",
            "--to",
            "2021",
            "--format",
            "csv",
        ],
    )
    .expect_code(0);
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let header = rdr.headers().unwrap().clone();
    let col =
        header.iter().position(|h| h == "noc2021").expect("a noc2021 column");
    let row = rdr.records().next().unwrap().unwrap();
    assert_eq!(&row[col], "42201", "{}", r.stdout);
    let r = run(home, &["show", "4212", "--version", "2016", "--to", "2021"])
        .expect_code(0);
    assert!(r.stdout.contains("skill level B"), "{}", r.stdout);
    assert!(r.stdout.contains("→ 42201"), "{}", r.stdout);
    assert!(r.stdout.contains("TEER 2"), "the 2021 profile: {}", r.stdout);
    let r = run(home, &["convert", "--from", "2011", "4212"]).expect_code(0);
    assert!(r.stdout.contains("→ 42201"), "{}", r.stdout);
    assert!(r.stdout.contains("share every unit-group code"), "{}", r.stdout);
    let r = run(home, &["list", "--version", "2016", "--under", "421"])
        .expect_code(0);
    assert!(
        r.stdout.contains(
            "4212   Social and community service workers  [skill type 4, level B]"
        ),
        "{}",
        r.stdout
    );
    // --data still comes first.
    let r = run(
        home,
        &["data", "status", "--data", data.join("noc2016").to_str().unwrap()],
    )
    .expect_code(0);
    assert!(r.stdout.contains("(--data) (NOC 2016)"), "{}", r.stdout);
}

#[test]
fn cache_is_rebuilt_when_stale_or_corrupt() {
    let Some(data) = test_data_dir(&["noc2021"]) else { return };
    let home = tempfile::tempdir().unwrap();
    let copy = tempfile::tempdir().unwrap();
    for name in [STRUCTURE_EN, ELEMENTS_EN] {
        std::fs::copy(data.join("noc2021").join(name), copy.path().join(name))
            .unwrap();
    }
    let dir = copy.path().to_str().unwrap();
    let query = ["match", "youth worker", "--json", "--data", dir];
    let r = run(home.path(), &query).expect_code(0);
    assert_eq!(first_code(&r), "42201");
    let caches: Vec<PathBuf> = std::fs::read_dir(home.path().join("cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(caches.len(), 1, "{caches:?}");
    let cache = &caches[0];
    let good = std::fs::read(cache).unwrap();

    // A damaged cache is reported, never used, and rebuilt.
    let mut bad = good.clone();
    let mid = bad.len() / 3;
    bad[mid] ^= 0xff;
    std::fs::write(cache, &bad).unwrap();
    let r = run(home.path(), &query).expect_code(0);
    assert_eq!(first_code(&r), "42201");
    assert!(r.stderr.contains("cache is corrupt"), "{}", r.stderr);
    let r = run(home.path(), &query).expect_code(0);
    assert!(r.stderr.is_empty(), "rebuilt: {}", r.stderr);

    // A changed source makes it stale: the new title is found.
    let elements = copy.path().join(ELEMENTS_EN);
    let mut text = std::fs::read_to_string(&elements).unwrap();
    text.push_str(
        "5,42201,Social and community service workers,All examples,\
         zanzibar outreach facilitator\n",
    );
    std::fs::write(&elements, text).unwrap();
    let r = run(
        home.path(),
        &["match", "zanzibar outreach facilitator", "--json", "--data", dir],
    )
    .expect_code(0);
    assert_eq!(first_code(&r), "42201");
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        v["candidates"][0]["matched_title"],
        "zanzibar outreach facilitator"
    );

    // --no-cache neither reads nor writes it.
    std::fs::remove_file(cache).unwrap();
    run(home.path(), &[&query[..], &["--no-cache"]].concat()).expect_code(0);
    assert!(!cache.exists());
}

/// A mirror of the official files that misbehaves on request: the first
/// path segment says how (`ok`, `missing`, `truncated`, `badheader`,
/// `corrupt`, `stall`), the second names the file.
fn mirror(data: &Path) -> Server {
    let data = data.to_path_buf();
    Server::start(move |path| {
        let mut parts = path.trim_start_matches('/').splitn(2, '/');
        let mode = parts.next().unwrap_or("").to_string();
        let name = parts.next().unwrap_or("").to_string();
        let file = ["noc2021", "concordance"]
            .iter()
            .map(|d| data.join(d).join(&name))
            .find(|p| p.is_file());
        let Some(file) = file else { return Reply::NotFound };
        let body = std::fs::read(file).unwrap();
        match (mode.as_str(), name.as_str()) {
            ("missing", _) => Reply::NotFound,
            ("stall", _) => Reply::Stall,
            ("truncated", ELEMENTS_EN) => Reply::CutShort(body),
            ("badheader", STRUCTURE_EN) => {
                let text = String::from_utf8(body).unwrap();
                let rest = text.split_once('\n').unwrap().1;
                Reply::Body(format!("Code,Name,Text\n{rest}").into_bytes())
            }
            ("corrupt", ELEMENTS_EN) => {
                let text = String::from_utf8(body).unwrap();
                Reply::Body(
                    text.replacen("\n5,42201,", "\n5,42X01,", 1).into_bytes(),
                )
            }
            _ => Reply::Body(body),
        }
    })
}

fn fetch(home: &Path, server: &Server, mode: &str) -> Run {
    let base = format!("{}/{mode}", server.base);
    run(
        home,
        &[
            "data",
            "fetch",
            "--base-url",
            &base,
            "--lang",
            "en",
            "--timeout",
            "2",
        ],
    )
}

#[test]
fn fetch_installs_from_a_server_and_keeps_it_when_a_later_fetch_fails() {
    let Some(data) = test_data_dir(&["noc2021", "concordance"]) else {
        return;
    };
    let server = mirror(&data);
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let r = run(
        home,
        &["data", "fetch", "--base-url", &format!("{}/ok", server.base)],
    )
    .expect_code(0);
    assert!(r.stderr.contains("installed NOC 2021"), "{}", r.stderr);
    let first = status(home);
    let m = manifest(&first, "2021").unwrap().clone();
    assert_eq!(m["files"].as_array().unwrap().len(), 4);
    assert!(m["files"][0]["source"]
        .as_str()
        .unwrap()
        .starts_with(&server.base));
    assert!(manifest(&first, "concordance").is_some());

    for (mode, says) in [
        ("missing", "HTTP 404"),
        ("truncated", "cut short"),
        ("badheader", "header"),
        ("corrupt", "line"),
        ("stall", "timed out"),
    ] {
        let started = std::time::Instant::now();
        let r = fetch(home, &server, mode).expect_code(2);
        assert!(
            r.stderr.contains("NOC 2021 was not installed")
                && r.stderr.contains(says),
            "{mode}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("installed before is kept"),
            "{mode}: {}",
            r.stderr
        );
        assert!(started.elapsed().as_secs() < 60, "{mode} took too long");
        let now = status(home);
        assert_eq!(
            manifest(&now, "2021"),
            Some(&m),
            "{mode} changed the install"
        );
    }
    // The first install still answers.
    let r = run(home, &["match", "youth worker", "--json"]).expect_code(0);
    assert_eq!(first_code(&r), "42201");
}

#[test]
fn a_failed_first_fetch_installs_nothing() {
    let Some(data) = test_data_dir(&["noc2021", "concordance"]) else {
        return;
    };
    let server = mirror(&data);
    let home = tempfile::tempdir().unwrap();
    let r = fetch(home.path(), &server, "corrupt").expect_code(2);
    assert!(r.stderr.contains(ELEMENTS_EN), "names the file: {}", r.stderr);
    assert!(r.stderr.contains("42X01"), "names the bad code: {}", r.stderr);
    let s = status(home.path());
    assert!(manifest(&s, "2021").is_none());
    assert!(s["uses"].as_str().unwrap().starts_with("embedded default"));
    // No staging folder is left behind.
    let left: Vec<String> = std::fs::read_dir(home.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn offline_fetch_says_how_to_import() {
    let home = tempfile::tempdir().unwrap();
    // Nothing listens on port 9 of 127.0.0.1.
    let r = run(
        home.path(),
        &[
            "data",
            "fetch",
            "--base-url",
            "http://127.0.0.1:9",
            "--timeout",
            "2",
        ],
    )
    .expect_code(2);
    assert!(r.stderr.contains("was not installed"), "{}", r.stderr);
    let r = run(home.path(), &["data", "fetch", "--version", "2011"])
        .expect_code(2);
    assert!(r.stderr.contains("no official download"), "{}", r.stderr);
    assert!(r.stderr.contains("noc data import"), "{}", r.stderr);
}

#[test]
fn import_rejects_bad_files_and_keeps_the_install() {
    let Some(data) = test_data_dir(&["concordance"]) else { return };
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let good =
        data.join("concordance").join("noc2016v1_3-noc2021v1_0-eng.csv");
    run(home, &["data", "import", good.to_str().unwrap()]).expect_code(0);
    let before = status(home);
    let bad_dir = tempfile::tempdir().unwrap();
    let bad = bad_dir.path().join("noc2016v1_3-noc2021v1_0-eng.csv");
    let text = std::fs::read_to_string(&good).unwrap();
    let half: String = text.lines().take(100).collect::<Vec<_>>().join("\n");
    std::fs::write(&bad, half).unwrap();
    let r =
        run(home, &["data", "import", bad.to_str().unwrap()]).expect_code(2);
    assert!(r.stderr.contains("cut short"), "{}", r.stderr);
    assert_eq!(
        manifest(&status(home), "concordance"),
        manifest(&before, "concordance")
    );
    let r = run(
        home,
        &["data", "import", bad_dir.path().join("nothing").to_str().unwrap()],
    )
    .expect_code(2);
    assert!(r.stderr.contains("no such file or folder"), "{}", r.stderr);
    let empty = tempfile::tempdir().unwrap();
    let r = run(home, &["data", "import", empty.path().to_str().unwrap()])
        .expect_code(2);
    assert!(r.stderr.contains("no official NOC file"), "{}", r.stderr);
}

#[test]
fn import_takes_files_by_their_download_names() {
    let Some(data) = test_data_dir(&["noc2021"]) else { return };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        data.join("noc2021").join(STRUCTURE_EN),
        dir.path().join("NOC-CNP-2021-Structure-V1-eng.csv"),
    )
    .unwrap();
    std::fs::copy(
        data.join("noc2021").join(ELEMENTS_EN),
        dir.path().join(ELEMENTS_EN.to_uppercase()),
    )
    .unwrap();
    run(home.path(), &["data", "import", dir.path().to_str().unwrap()])
        .expect_code(0);
    let s = status(home.path());
    let m = manifest(&s, "2021").unwrap();
    let names: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&STRUCTURE_EN), "{names:?}");
    assert!(names.contains(&ELEMENTS_EN), "{names:?}");
    assert_eq!(m["languages"], serde_json::json!(["en"]));
    let r =
        run(home.path(), &["match", "youth worker", "--json"]).expect_code(0);
    assert_eq!(first_code(&r), "42201");
}

/// The open government portal: a CKAN API answering `package_show` for
/// the NOC 2021 dataset with download addresses in the portal's pattern
/// (`/dataset/<id>/resource/<resource id>/download/<file name>`), and
/// those downloads. `extra` is served as the supplementary examples file.
fn portal(data: &Path, extra: &'static str) -> Server {
    let data = data.to_path_buf();
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let base_in = base.clone();
    let server = Server::start(move |path| {
        let base = base_in.get().unwrap();
        let dataset = "1feee3b5-8068-4dbb-b361-180875837593";
        if path == format!("/api/action/package_show?id={dataset}") {
            let names = [
                STRUCTURE_EN,
                ELEMENTS_EN,
                "cnp_2021_version_1.0_-_structure_de_la_classification.csv",
                "cnp_2021_version_1.0_-_elements.csv",
                ADDITIONAL,
                "noc2016v1_3-noc2021v1_0-eng.csv",
            ];
            let resources: Vec<Value> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    serde_json::json!({
                        "name": format!("file {i}"),
                        "url": format!(
                            "{base}/dataset/{dataset}/resource/r{i}/download/{n}"
                        ),
                    })
                })
                .collect();
            let answer = serde_json::json!({
                "success": true,
                "result": { "id": dataset, "resources": resources },
            });
            return Reply::Body(answer.to_string().into_bytes());
        }
        let Some((_, name)) = path.rsplit_once("/download/") else {
            return Reply::NotFound;
        };
        if name == ADDITIONAL {
            return Reply::Body(extra.as_bytes().to_vec());
        }
        let name = name.replace(
            "cnp_2021_version_1.0_-_structure_de_la_classification.csv",
            "cnp_2021_version_1.0_-_classification_structure.csv",
        );
        ["noc2021", "concordance"]
            .iter()
            .map(|d| data.join(d).join(&name))
            .find(|p| p.is_file())
            .map_or(Reply::NotFound, |f| {
                Reply::Body(std::fs::read(f).unwrap())
            })
    });
    base.set(server.base.clone()).unwrap();
    server
}

const ADDITIONAL: &str = "noc_2021_version_1.0_-_elements-additional.csv";

/// A made-up supplementary example in the elements file's shape.
const EXTRA: &str = "Level,Code - NOC 2021 V1.0,Class title,Element Type \
                     Label English,Element Description English\n\
                     5,42201,Social and community service workers,\
                     All examples,zyxquorian flumpet\n";

/// See: issue 11 (`noc data fetch` guessed portal addresses that do not
/// follow its pattern; installing English files dropped the French ones;
/// `--lang zh` was accepted and ignored).
#[test]
fn fetch_finds_the_files_through_the_portal_api_and_keeps_french() {
    let Some(data) = test_data_dir(&["noc2021", "concordance"]) else {
        return;
    };
    let server = portal(&data, EXTRA);
    let api = format!("{}/api", server.base);
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let r =
        run(home, &["data", "fetch", "--portal-api", &api, "--timeout", "5"])
            .expect_code(0);
    assert!(r.stderr.contains("package_show?id=1feee3b5"), "{}", r.stderr);
    assert!(r.stderr.contains("/resource/r1/download/"), "{}", r.stderr);
    let s = status(home);
    let m = manifest(&s, "2021").unwrap().clone();
    assert_eq!(m["languages"], serde_json::json!(["en", "fr"]));
    assert_eq!(m["files"].as_array().unwrap().len(), 5, "{m}");
    assert!(manifest(&s, "concordance").is_some());
    // The supplementary examples are read.
    let r =
        run(home, &["match", "zyxquorian flumpet", "--json"]).expect_code(0);
    assert_eq!(first_code(&r), "42201");

    // English only again: the French files stay unless --replace.
    let r =
        run(home, &["data", "fetch", "--portal-api", &api, "--lang", "en"])
            .expect_code(0);
    assert!(r.stderr.contains("keeping cnp_2021"), "{}", r.stderr);
    let s = status(home);
    let langs = &manifest(&s, "2021").unwrap()["languages"];
    assert_eq!(langs, &serde_json::json!(["en", "fr"]));
    run(
        home,
        &["data", "fetch", "--portal-api", &api, "--lang", "en", "--replace"],
    )
    .expect_code(0);
    let s = status(home);
    let langs = &manifest(&s, "2021").unwrap()["languages"];
    assert_eq!(langs, &serde_json::json!(["en"]));

    let r = run(home, &["data", "fetch", "--lang", "zh"]).expect_code(2);
    assert!(r.stderr.contains("invalid value 'zh'"), "{}", r.stderr);
}

/// See: issue 11: a supplementary file in an unexpected shape is left
/// out with a warning; the NOC's own files are installed.
#[test]
fn fetch_leaves_out_a_bad_supplementary_file() {
    let Some(data) = test_data_dir(&["noc2021", "concordance"]) else {
        return;
    };
    let server = portal(&data, "Something,Else\n1,2\n");
    let api = format!("{}/api", server.base);
    let home = tempfile::tempdir().unwrap();
    let r = run(
        home.path(),
        &["data", "fetch", "--portal-api", &api, "--lang", "en"],
    )
    .expect_code(0);
    assert!(
        r.stderr.contains(&format!("warning: {ADDITIONAL} left out")),
        "{}",
        r.stderr
    );
    let s = status(home.path());
    assert_eq!(
        manifest(&s, "2021").unwrap()["files"].as_array().unwrap().len(),
        2
    );
}

/// See: issue 11 (errors named the staging folder; one file imported
/// alone said "no file in this folder").
#[test]
fn import_errors_name_the_users_file() {
    let Some(data) = test_data_dir(&["noc2021"]) else { return };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elements = dir.path().join(ELEMENTS_EN);
    let text = std::fs::read_to_string(data.join("noc2021").join(ELEMENTS_EN))
        .unwrap();
    std::fs::write(&elements, &text).unwrap();
    let r = run(home.path(), &["data", "import", elements.to_str().unwrap()])
        .expect_code(2);
    assert!(!r.stderr.contains("staging"), "{}", r.stderr);
    assert!(!r.stderr.contains("in this folder"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}: NOC 2021 needs {STRUCTURE_EN} as well",
            elements.display()
        )),
        "{}",
        r.stderr
    );
    // A bad row is named by the user's file and its line.
    std::fs::copy(
        data.join("noc2021").join(STRUCTURE_EN),
        dir.path().join(STRUCTURE_EN),
    )
    .unwrap();
    std::fs::write(&elements, text.replacen("\n5,42201,", "\n5,42X01,", 1))
        .unwrap();
    let r =
        run(home.path(), &["data", "import", dir.path().to_str().unwrap()])
            .expect_code(2);
    assert!(!r.stderr.contains("staging"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{}: line ", elements.display())),
        "{}",
        r.stderr
    );
}
