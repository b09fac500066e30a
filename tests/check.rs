//! `noc check` and `noc match --duties` end to end. Golden reports use
//! the embedded seed profile (4212, committed in `data/`), so no NOC
//! 2021 text is kept in the snapshots.

use std::io::Write;

use crate::util::{noc, noc_stdin, official_dir, test_data_dir};

const LETTER: &str = "Main duties:\n\
    - Met with clients to assess their needs and strengths\n\
    - Referred clients to community resources such as housing and legal aid\n\
    - Ran life skills workshops for youth\n\
    - Provided crisis intervention and found emergency shelter\n\
    - Washed the van and repaired the printer\n";

fn file(text: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text).unwrap();
    f
}

#[test]
fn check_an_english_letter() {
    let f = file(LETTER.as_bytes());
    let path = f.path().to_str().unwrap();
    let r = noc(&[
        "check",
        "4212",
        "--duties",
        path,
        "--title",
        "Outreach worker",
    ]);
    // Partial or weak exits 1, strong 0.
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    insta::assert_snapshot!("check_english_letter", r.stdout);
    let md = noc(&["check", "4212", "--duties", path, "--format", "markdown"]);
    insta::assert_snapshot!("check_english_letter_markdown", md.stdout);
    let json = noc(&["check", "4212", "--duties", path, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["code"], "4212");
    assert_eq!(v["client_duties"].as_array().unwrap().len(), 5);
    assert!(v["coverage"]["main_duties"].as_u64().unwrap() >= 10);
}

/// A whole reference letter, as a consultant pastes it: the letterhead,
/// date, greeting, terms of employment, praise, closing and signature are
/// set aside and listed, not read as duties (the employer's name alone
/// "covered" a main duty before).
const WHOLE_LETTER: &str = "Hope Community Services\n\
    123 King Street West, Toronto, ON M5H 1A1\n\
    Tel: (416) 555-0199 | www.hopecs.org\n\n\
    March 3, 2024\n\n\
    To Whom It May Concern:\n\n\
    This letter confirms that Ms. Li Wei has been employed by Hope \
    Community Services as a full-time Community Outreach Worker since \
    June 1, 2019. She works 37.5 hours per week and her annual salary is \
    $52,000. Her main duties include:\n\
    - Meet with clients to assess their needs and develop plans\n\
    - Refer clients to community resources such as housing and legal aid\n\
    - Lead life-skills workshops for youth at risk\n\n\
    Ms. Li is a dedicated and reliable employee.\n\n\
    Sincerely,\n\n\
    John Smith\n\
    Executive Director\n";

#[test]
fn check_a_whole_letter_sets_aside_what_is_not_a_duty() {
    let f = file(WHOLE_LETTER.as_bytes());
    let path = f.path().to_str().unwrap();
    let json = noc(&["check", "4212", "--duties", path, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let duties: Vec<&str> = v["client_duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        duties,
        [
            "Meet with clients to assess their needs and develop plans",
            "Refer clients to community resources such as housing and \
             legal aid",
            "Lead life-skills workshops for youth at risk",
        ]
    );
    let parts: Vec<(&str, &str)> = v["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["text"].as_str().unwrap(), a["part"].as_str().unwrap()))
        .collect();
    assert_eq!(parts[0], ("Hope Community Services", "letterhead"));
    assert_eq!(parts[2].1, "contact");
    assert_eq!(parts[3], ("March 3, 2024", "date"));
    for (text, part) in [
        ("To Whom It May Concern:", "formula"),
        (
            "She works 37.5 hours per week and her annual salary is $52,000",
            "terms",
        ),
        ("Ms. Li is a dedicated and reliable employee", "praise"),
        ("Sincerely,", "formula"),
        ("Executive Director", "signature"),
    ] {
        assert!(parts.contains(&(text, part)), "{text}: {parts:?}");
    }
    assert_eq!(parts.len(), 11, "{parts:?}");
    // The terminal report and the Markdown list them.
    let r = noc(&["check", "4212", "--duties", path]);
    assert!(r.stdout.contains("Set aside (letter text, not duties):"));
    assert!(r.stdout.contains("  - John Smith [signature]"), "{}", r.stdout);
    let md = noc(&["check", "4212", "--duties", path, "--format", "markdown"]);
    assert!(md.stdout.contains("| March 3, 2024 | date |"), "{}", md.stdout);
    // `noc match --duties` says how much it set aside.
    let m = noc(&["match", "--duties", path]).expect_code(0);
    assert!(
        m.stderr.contains("3 duties read; 11 pieces set aside"),
        "{}",
        m.stderr
    );
}

#[test]
fn check_a_copied_letter_warns() {
    // Two duties of the seed profile, word for word, and one of its own.
    let text = "1. Assess clients' relevant skill strengths and needs\n\
                2. Provide crisis intervention and emergency shelter \
                services\n\
                3. Answered phones";
    let f = file(text.as_bytes());
    let r = noc(&["check", "4212", "--duties", f.path().to_str().unwrap()]);
    assert!(r.stdout.contains("Warnings:"), "{}", r.stdout);
    insta::assert_snapshot!("check_copied_letter", r.stdout);
    // The seed's Chinese, copied character for character, and a line of
    // the client's own.
    let zh =
        "1. 评估客户的相关技能的长处和需求\n2. 提供危机干预和紧急庇护服务\n\
              3. 每天接听电话\n";
    let r = noc_stdin(&["check", "4212", "--duties", "-"], zh);
    assert!(
        r.stdout.contains("client duty 1 copies main duty"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("client duty 2 copies main duty"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("client duty 3 copies"), "{}", r.stdout);
}

#[test]
fn check_a_chinese_letter_shows_each_reading() {
    // Chinese duties (simplified and traditional) with an English line.
    let text = "1. 评估客户的需求和长处\n\
                2. 為青少年舉辦生活技能研討會\n\
                3. Provided crisis intervention\n";
    let r = noc_stdin(&["check", "4212", "--duties", "-"], text);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(r.stdout.contains("read as: assess client needs"), "{}", r.stdout);
    assert!(r.stdout.contains("(unofficial translation)"), "{}", r.stdout);
    let json = noc_stdin(&["check", "4212", "--duties", "-", "--json"], text);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let duties = v["client_duties"].as_array().unwrap();
    assert_eq!(duties.len(), 3);
    for d in &duties[..2] {
        let reading = &d["reading"];
        assert!(reading["english"].as_str().unwrap().is_ascii(), "{d}");
        assert!(reading["source"].as_str().unwrap().contains("unofficial"));
    }
    // The traditional line is read like its simplified form, 研讨会 in
    // the sense the profile's statements use beside life skills
    // (`seminar` first, `workshop` second), and it supports a duty.
    assert!(duties[1]["reading"]["english"]
        .as_str()
        .unwrap()
        .contains("workshop"));
    assert!(duties[1]["strength"] != "none", "{}", duties[1]);
    // An English line is read as English: no reading shown.
    assert!(duties[2].get("reading").is_none(), "{}", duties[2]);
}

#[test]
fn check_reads_stdin() {
    let r = noc_stdin(&["check", "4212", "--duties", "-", "--json"], LETTER);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["client_duties"].as_array().unwrap().len(), 5);
}

#[test]
fn check_bad_input() {
    let empty = file(b"  \n\n");
    let r =
        noc(&["check", "4212", "--duties", empty.path().to_str().unwrap()])
            .expect_code(2);
    assert!(r.stderr.contains("no duty found"), "{}", r.stderr);
    let binary = file(b"plan meals\n\x00\x01\x02\xff");
    let r =
        noc(&["check", "4212", "--duties", binary.path().to_str().unwrap()])
            .expect_code(2);
    assert!(r.stderr.contains("line 2"), "{}", r.stderr);
    let big = file(&b"- Counsel clients\n".repeat(300_000));
    let r = noc(&["check", "4212", "--duties", big.path().to_str().unwrap()])
        .expect_code(2);
    assert!(r.stderr.contains("longer than 256 KB"), "{}", r.stderr);
    let ok = file(LETTER.as_bytes());
    let path = ok.path().to_str().unwrap();
    let r = noc(&["check", "9999", "--duties", path]).expect_code(2);
    assert!(r.stderr.contains("9999 is not a unit group"), "{}", r.stderr);
    // A code of another version says so (the embedded default is 2011).
    let r = noc(&["check", "42201", "--duties", path]).expect_code(2);
    assert!(
        r.stderr.contains("42201 is a NOC 2021 unit group code")
            && r.stderr.contains("--version 2021"),
        "{}",
        r.stderr
    );
    let r = noc(&["check", "42x", "--duties", path]).expect_code(2);
    assert!(r.stderr.contains("invalid NOC code"), "{}", r.stderr);
    let r =
        noc(&["check", "4212", "--duties", "/no/such/file"]).expect_code(2);
    assert!(r.stderr.contains("/no/such/file"), "{}", r.stderr);
}

/// A NOC 2011/2016 code on NOC 2021 data points to `noc convert`.
#[test]
fn check_a_2016_code_on_2021_data() {
    let Some(dir) = official_dir() else { return };
    let f = file(LETTER.as_bytes());
    let (letter, data) = (f.path().to_str().unwrap(), dir.to_str().unwrap());
    let check =
        |code| noc(&["check", code, "--duties", letter, "--data", data]);
    let r = check("4212").expect_code(2);
    assert!(
        r.stderr.contains("4212 is a NOC 2011/2016 unit group code")
            && r.stderr.contains("`noc convert 4212`"),
        "{}",
        r.stderr
    );
    // A NOC 2021 minor group has 4 digits too: it is not a unit group.
    let r = check("4220").expect_code(2);
    assert!(r.stderr.contains("4220 is not a unit group"), "{}", r.stderr);
}

/// A list of keywords is no letter of duties, and one rare word in
/// common (`kitchen`) is at most a partial covering; the same duty
/// stated (`supervise kitchen helpers`) is strong.
#[test]
fn check_reads_keywords_and_one_shared_word_for_what_they_are() {
    let Some(dir) = official_dir() else { return };
    let data = dir.to_str().unwrap();
    let keywords = file(b"- Kitchen\n- Meals\n");
    let r = noc(&[
        "check",
        "63200",
        "--duties",
        keywords.path().to_str().unwrap(),
        "--data",
        data,
    ])
    .expect_code(1);
    assert!(r.stdout.contains("verdict: WEAK"), "{}", r.stdout);
    let letter = file(
        b"- Prepared and cooked complete meals\n\
          - Supervised kitchen helpers\n\
          - Ordered food supplies\n",
    );
    let r = noc(&[
        "check",
        "63200",
        "--duties",
        letter.path().to_str().unwrap(),
        "--data",
        data,
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let strength = |start: &str| {
        report["main_duties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["text"].as_str().unwrap().starts_with(start))
            .map(|d| d["strength"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(strength("Schedule and supervise kitchen helpers"), "strong");
    assert_eq!(strength("May clean kitchen and work area"), "partial");
}

/// Duties beyond the most read are not lost silently.
#[test]
fn check_says_how_many_duties_it_left_out() {
    let letter: String =
        (1..=230).map(|i| format!("- Ran workshop number {i}\n")).collect();
    let f = file(letter.as_bytes());
    let path = f.path().to_str().unwrap();
    let r = noc(&["check", "4212", "--duties", path]);
    assert!(r.stdout.contains("30 more were left out"), "{}", r.stdout);
    let r = noc(&["check", "4212", "--duties", path, "--json"]);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["left_out"], 30);
    assert_eq!(report["client_duties"].as_array().unwrap().len(), 200);
    let r = noc(&["match", "--duties", path]);
    assert!(r.stderr.contains("30 more were left out"), "{}", r.stderr);
}

#[test]
fn check_a_group_without_duties() {
    let Some(dir) = test_data_dir(&["noc2016"]) else { return };
    let f = file(LETTER.as_bytes());
    let data = dir.join("noc2016");
    let r = noc(&[
        "check",
        "4212",
        "--duties",
        f.path().to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--no-cache",
    ])
    .expect_code(2);
    assert!(
        r.stderr.contains("no main duties in the loaded NOC 2016"),
        "{}",
        r.stderr
    );
}

#[test]
fn match_with_duties() {
    let f = file(LETTER.as_bytes());
    let path = f.path().to_str().unwrap();
    let r = noc(&["match", "--duties", path, "--json"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let first = &v["candidates"][0];
    assert_eq!(first["code"], "4212");
    assert_eq!(first["duties"]["of"], 5);
    assert!(first["duties"]["explained"].as_u64().unwrap() >= 2);
    let r = noc(&["match", "youth worker", "--duties", path]).expect_code(0);
    assert!(r.stdout.contains("explains"), "{}", r.stdout);
    let r = noc(&["match", "a", "b", "--duties", path]).expect_code(2);
    assert!(r.stderr.contains("at most one title"), "{}", r.stderr);
}

#[test]
fn match_a_csv_of_descriptions() {
    let csv = "job,what,sector\n\
               Outreach worker,\"Referred clients to housing; \
               ran workshops\",social\n\
               ,\"Provided crisis intervention\",\n\
               Youth worker,,\n\
               ,,\n";
    let f = file(csv.as_bytes());
    let r = noc(&[
        "match",
        "--input",
        f.path().to_str().unwrap(),
        "--column",
        "job",
        "--duties-column",
        "what",
        "--industry-column",
        "sector",
        "--format",
        "csv",
    ])
    .expect_code(2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", r.stdout);
    assert!(lines[0].contains("duties_explained,duties_given,best_noc_duty"));
    assert!(lines[1].contains("4212"), "{}", lines[1]);
    assert!(lines[2].contains("4212"), "{}", lines[2]);
    // A title without duties is matched on its title.
    assert!(lines[3].starts_with("4,Youth worker,4212,"), "{}", lines[3]);
    assert!(
        lines[4].starts_with("5,")
            && lines[4].contains("line 5: neither a title nor duties"),
        "{}",
        lines[4]
    );
}

/// See: issue 11 (CSV lines with CRLF ends): a description's row is
/// named by its true line, also below a blank line.
/// A fault inside a duties cell is reported at its line of the file, once.
#[test]
fn a_bad_duties_cell_names_its_line_of_the_file() {
    let csv =
        b"title,duties\nCook,\"- Cooked meals\n- Cleaned \x01 grills\"\n";
    let f = file(csv);
    let r = noc(&[
        "match",
        "--input",
        f.path().to_str().unwrap(),
        "--column",
        "title",
        "--duties-column",
        "duties",
        "--format",
        "csv",
    ])
    .expect_code(2);
    let path = f.path().display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "{path}: line 3: the duties hold control characters"
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("line 1:"), "{}", r.stderr);
}

#[test]
fn a_csv_of_descriptions_with_crlf_ends_gives_true_lines() {
    let csv = "job,what\r\n\r\nOutreach worker,\"Referred clients to \
               housing\r\n\r\nRan workshops\"\r\n\r\n,\r\n";
    let f = file(csv.as_bytes());
    let r = noc(&[
        "match",
        "--input",
        f.path().to_str().unwrap(),
        "--column",
        "job",
        "--duties-column",
        "what",
        "--format",
        "json",
    ])
    .expect_code(2);
    let numbers = r.json_line_numbers();
    assert_eq!(numbers, [3, 7], "{}", r.stdout);
    assert!(
        r.stderr.contains(": line 7: neither a title nor duties"),
        "{}",
        r.stderr
    );
}

#[test]
fn eval_reads_a_duties_file() {
    let Some(dir) = official_dir() else { return };
    let csv = "title,duties,noc2021,noc2021_any,source\n\
               ,\"Referred clients to housing\nRan life skills \
               workshops\",42201,42201,a\n\
               Cook,\"Prepared meals\nOrdered food supplies\",,\
               63200;65201,b\n";
    let f = file(csv.as_bytes());
    let r = noc(&[
        "eval",
        f.path().to_str().unwrap(),
        "--data",
        dir.to_str().unwrap(),
        "--json",
    ])
    .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let a = &v["report"]["per_source"]["a"];
    assert_eq!(a["n"], 1);
    assert_eq!(a["top1"], 1.0);
    let b = &v["report"]["per_source"]["b"];
    assert_eq!((b["n"].as_u64(), b["n_any"].as_u64()), (Some(0), Some(1)));
}
