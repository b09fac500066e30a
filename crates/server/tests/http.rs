//! HTTP tests of every endpoint and error, against the router (and once
//! over a loopback socket). The embedded default (NOC 2011 unit group
//! 4212) serves most; the official data (`NOC_TEST_DATA`) the rest.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use noc::concordance::Concordance;
use noc::index::Index;
use noc::matcher::{Config, Matcher};
use noc_server::{router, App, Limits};
use serde_json::{json, Value};
use tower::ServiceExt;

#[path = "../../../tests/support/test_data.rs"]
mod test_data;

/// A two-row concordance in the official shape.
const CONCORDANCE: &str = "NOC 2016 V1.3 Code,NOC 2016 V1.3 Title, GSIM \
     Type of Change,NOC 2021 V1.0 Code,NOC 2021 V1.0 Title,Notes\n\
     4212,Social and community service workers,\"VC1 - Code Change, VC2 - \
     Name Change\",42201,Social and community service workers,\n\
     4155,Probation and parole officers and related occupations,\"RC4.2 - \
     Split off\",42201,Social and community service workers,\n";

fn embedded(limits: Limits, concordance: bool) -> Arc<App> {
    let c = noc::embedded::classification().clone();
    let conc = concordance.then(|| {
        Concordance::read_2016_to_2021(CONCORDANCE.as_bytes()).unwrap().0
    });
    let app = App::new(c.clone(), Index::build(&c), conc, "embedded");
    Arc::new(app.with_limits(limits))
}

fn app() -> Arc<App> {
    static APP: OnceLock<Arc<App>> = OnceLock::new();
    APP.get_or_init(|| embedded(Limits::DEFAULT, false)).clone()
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    #[track_caller]
    fn expect(self, status: StatusCode) -> Answer {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }

    /// A JSON error with this status whose message holds `words`.
    #[track_caller]
    fn expect_error(self, status: StatusCode, words: &str) {
        let a = self.expect(status);
        let v = a.json();
        assert_eq!(v["status"], status.as_u16(), "{v}");
        let msg = v["error"].as_str().expect("an error message");
        assert!(msg.contains(words), "{msg:?} lacks {words:?}");
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

async fn send(app: Arc<App>, req: Request<Body>) -> Answer {
    let res = router(app).oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, headers, body }
}

async fn get(uri: &str) -> Answer {
    send(app(), Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, kind: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, kind)
        .body(body.into())
        .unwrap()
}

async fn post_json(uri: &str, body: &str) -> Answer {
    send(app(), post(uri, "application/json", body.to_string())).await
}

/// What the library answers for `title`, as JSON text read back (so
/// that its numbers compare as the server's do).
fn library(title: &str, config: Config) -> Value {
    let c = noc::embedded::classification();
    let m = Matcher::with_config(Index::build(c), config).match_title(title);
    serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap()
}

#[tokio::test]
async fn match_get_answers_the_librarys_match() {
    let a = get("/api/v1/match?q=Sr.%20Youth%20Worker%20(PT)%20-%20Toronto")
        .await
        .expect(StatusCode::OK);
    assert_eq!(a.header(header::CONTENT_TYPE), "application/json");
    let v = a.json();
    assert_eq!(v["candidates"][0]["code"], "4212");
    assert_eq!(v, library("Sr. Youth Worker (PT) - Toronto", Config::DEFAULT));
}

#[tokio::test]
async fn match_get_takes_top_explain_lang_and_min_score() {
    let v = get("/api/v1/match?q=youth+worker&top=1&explain=true&lang=en")
        .await
        .expect(StatusCode::OK)
        .json();
    let config =
        Config::DEFAULT.top(1).explain(true).lang(Some(noc::Lang::En));
    assert_eq!(v, library("youth worker", config));
    assert_eq!(v["candidates"].as_array().unwrap().len(), 1);
    assert!(v["candidates"][0]["explanation"]["details"].is_array());
    // Nothing scores 1.0 or more but an exact title: a very strict
    // least score makes the matcher abstain.
    let v = get("/api/v1/match?q=youth+helper&min_score=1")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["candidates"], json!([]));
}

#[tokio::test]
async fn match_get_errors() {
    use StatusCode as S;
    get("/api/v1/match").await.expect_error(S::BAD_REQUEST, "missing q");
    get("/api/v1/match?q=%20%20").await.expect_error(S::BAD_REQUEST, "empty");
    get("/api/v1/match?q=cook&top=0")
        .await
        .expect_error(S::BAD_REQUEST, "top must be between 1 and 50");
    get("/api/v1/match?q=cook&top=51")
        .await
        .expect_error(S::BAD_REQUEST, "not 51");
    get("/api/v1/match?q=cook&top=many")
        .await
        .expect_error(S::BAD_REQUEST, "top");
    get("/api/v1/match?q=cook&lang=de")
        .await
        .expect_error(S::BAD_REQUEST, "unknown language \"de\"");
    get("/api/v1/match?q=cook&min_score=2")
        .await
        .expect_error(S::BAD_REQUEST, "min_score");
    get("/api/v1/match?q=cook&path=/etc/passwd")
        .await
        .expect_error(S::BAD_REQUEST, "unknown field `path`");
    // Percent-encoded bytes that are not UTF-8.
    get("/api/v1/match?q=%FF%FE")
        .await
        .expect_error(S::BAD_REQUEST, "not UTF-8");
    let long = "a".repeat(501);
    get(&format!("/api/v1/match?q={long}"))
        .await
        .expect_error(S::PAYLOAD_TOO_LARGE, "501 characters");
}

#[tokio::test]
async fn match_post_one_and_a_batch() {
    let v =
        post_json("/api/v1/match", r#"{"title": "youth worker", "top": 2}"#)
            .await
            .expect(StatusCode::OK)
            .json();
    assert_eq!(v, library("youth worker", Config::DEFAULT.top(2)));
    let v = post_json(
        "/api/v1/match",
        r#"[{"title": "youth worker"}, {"title": "社区工作者", "explain": true}]"#,
    )
    .await
    .expect(StatusCode::OK)
    .json();
    assert_eq!(v[0], library("youth worker", Config::DEFAULT));
    assert_eq!(v[1], library("社区工作者", Config::DEFAULT.explain(true)));
    assert_eq!(v[1]["lang"], "zh");
    let v = post_json("/api/v1/match", "[]").await.expect(StatusCode::OK);
    assert_eq!(v.json(), json!([]));
}

#[tokio::test]
async fn match_post_errors() {
    use StatusCode as S;
    post_json("/api/v1/match", r#"{"title": "cook""#)
        .await
        .expect_error(S::BAD_REQUEST, "");
    // A body that is not UTF-8.
    let bad = send(
        app(),
        post("/api/v1/match", "application/json", vec![b'"', 0xff, b'"']),
    )
    .await;
    bad.expect_error(S::BAD_REQUEST, "");
    send(app(), post("/api/v1/match", "text/plain", "{}"))
        .await
        .expect_error(S::UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    post_json("/api/v1/match", r#"{"title": "cook", "duty": "cooks"}"#)
        .await
        .expect_error(S::UNPROCESSABLE_ENTITY, "unknown field `duty`");
    post_json("/api/v1/match", r#"{"top": 3}"#)
        .await
        .expect_error(S::UNPROCESSABLE_ENTITY, "missing field `title`");
    post_json("/api/v1/match", r#""cook""#)
        .await
        .expect_error(S::UNPROCESSABLE_ENTITY, "expected a JSON object");
    post_json("/api/v1/match", r#"{"title": "cook", "lang": "de"}"#)
        .await
        .expect_error(S::BAD_REQUEST, "expected en, fr, zh or auto");
}

/// A bad item of a batch gets its error in place, and the good ones
/// their match, as `noc match --input` reports a bad row and writes the
/// others.
#[tokio::test]
async fn match_post_batch_answers_bad_items_in_place() {
    let v = post_json(
        "/api/v1/match",
        r#"[{"title": "youth worker"}, {"title": ""}, {"title": 3},
            {"title": "youth worker", "top": 0}, {"title": "social worker"}]"#,
    )
    .await
    .expect(StatusCode::OK)
    .json();
    assert_eq!(v[0], library("youth worker", Config::DEFAULT));
    assert_eq!(v[1], json!({"error": "item 1: empty title", "status": 400}));
    assert_eq!(v[2]["status"], 422);
    assert!(v[2]["error"].as_str().unwrap().starts_with("item 2: invalid"));
    assert_eq!(v[3]["status"], 400);
    assert!(v[3]["error"].as_str().unwrap().contains("item 3: top"));
    assert_eq!(v[4], library("social worker", Config::DEFAULT));
    assert_eq!(v.as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn limits_refuse_large_batches_and_bodies() {
    let mut limits = Limits::DEFAULT;
    limits.batch_titles = 2;
    limits.body_bytes = 200;
    let app = embedded(limits, false);
    let three = r#"[{"title":"a"},{"title":"b"},{"title":"c"}]"#;
    send(app.clone(), post("/api/v1/match", "application/json", three))
        .await
        .expect_error(StatusCode::PAYLOAD_TOO_LARGE, "3 titles");
    let big = format!(r#"{{"title": "{}"}}"#, "x".repeat(300));
    let len = big.len();
    let mut req = post("/api/v1/match", "application/json", big);
    req.headers_mut().insert(header::CONTENT_LENGTH, len.into());
    let a = send(app.clone(), req).await;
    a.expect_error(StatusCode::PAYLOAD_TOO_LARGE, "at most 200 bytes");
    // Without a length given, the body is cut off while it is read.
    let big = format!(r#"{{"title": "{}"}}"#, "x".repeat(300));
    let stream = futures_util::stream::once(async move {
        Ok::<_, std::io::Error>(axum::body::Bytes::from(big))
    });
    let req = Request::post("/api/v1/match")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(stream))
        .unwrap();
    send(app, req).await.expect_error(StatusCode::PAYLOAD_TOO_LARGE, "");
}

/// Errors that the layers answer themselves (body limit, time limit,
/// method routing) are JSON under /api/ as the handlers' are.
#[tokio::test]
async fn every_api_error_is_json() {
    let req = |m: &str, uri: &str| {
        Request::builder().method(m).uri(uri).body(Body::empty()).unwrap()
    };
    let a = send(app(), req("DELETE", "/api/v1/groups/4212")).await;
    assert_eq!(a.header(header::ALLOW), "GET,HEAD");
    a.expect_error(StatusCode::METHOD_NOT_ALLOWED, "DELETE is not allowed");
    let a = send(app(), req("PUT", "/api/v1/match")).await;
    assert_eq!(a.header(header::ALLOW), "GET,HEAD,POST");
    a.expect_error(StatusCode::METHOD_NOT_ALLOWED, "PUT is not allowed");
    // Pages keep their own answers.
    let a = send(app(), req("DELETE", "/group/4212")).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_ne!(a.header(header::CONTENT_TYPE), "application/json");
}

#[tokio::test]
async fn a_request_past_the_time_limit_gets_408() {
    let mut limits = Limits::DEFAULT;
    limits.time = Duration::from_millis(1);
    let app = embedded(limits, false);
    // 1,000 long titles take far longer than a millisecond to match.
    let title = "senior youth and community social services worker ".repeat(9);
    let items: Vec<Value> =
        (0..1000).map(|_| json!({ "title": title })).collect();
    let body = serde_json::to_string(&items).unwrap();
    let a = send(app, post("/api/v1/match", "application/json", body)).await;
    a.expect_error(StatusCode::REQUEST_TIMEOUT, "");
}

#[tokio::test]
async fn groups_answer_the_typed_profile() {
    let v = get("/api/v1/groups/4212").await.expect(StatusCode::OK).json();
    let g = noc::embedded::classification().get_str("4212").unwrap();
    assert_eq!(
        v,
        serde_json::from_str::<Value>(&serde_json::to_string(g).unwrap())
            .unwrap()
    );
    get("/api/v1/groups/4152")
        .await
        .expect_error(StatusCode::NOT_FOUND, "no class 4152");
    // A NOC 2021 code on NOC 2011 data: the hint of `noc show`.
    get("/api/v1/groups/42201")
        .await
        .expect_error(StatusCode::NOT_FOUND, "is a NOC 2021 unit group code");
    get("/api/v1/groups/x42")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "x42");
    get("/api/v1/groups/..%2F..%2Fetc")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "");
}

#[tokio::test]
async fn search_finds_titles_and_codes() {
    let v = get("/api/v1/search?q=YOUTH%20worker")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v[0]["code"], "4212");
    assert_eq!(v[0]["level"], "unit_group");
    assert!(v[0]["matched_title"].as_str().unwrap().contains("youth"));
    let v = get("/api/v1/search?q=421").await.expect(StatusCode::OK).json();
    assert_eq!(v[0]["code"], "4212");
    assert_eq!(v[0].get("matched_title"), None);
    let v = get("/api/v1/search?q=community&lang=zh&level=unit")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v[0]["title"], "社会和社区服务工作者");
    let v = get("/api/v1/search?q=plumber").await.expect(StatusCode::OK);
    assert_eq!(v.json(), json!([]));
    let v = get("/api/v1/search?limit=0").await.expect(StatusCode::OK);
    assert_eq!(v.json(), json!([]));
    use StatusCode as S;
    get("/api/v1/search?teer=9").await.expect_error(S::BAD_REQUEST, "teer");
    get("/api/v1/search?level=top")
        .await
        .expect_error(S::BAD_REQUEST, "unknown level");
    get("/api/v1/search?under=abc")
        .await
        .expect_error(S::BAD_REQUEST, "under");
    get("/api/v1/search?lang=xx")
        .await
        .expect_error(S::BAD_REQUEST, "unknown language");
}

#[tokio::test]
async fn convert_uses_the_concordance() {
    get("/api/v1/convert?code=4212")
        .await
        .expect_error(StatusCode::SERVICE_UNAVAILABLE, "noc data fetch");
    let app = embedded(Limits::DEFAULT, true);
    let call = |uri: &'static str| {
        let app = app.clone();
        async move {
            send(app, Request::get(uri).body(Body::empty()).unwrap()).await
        }
    };
    let v = call("/api/v1/convert?code=4212").await.expect(StatusCode::OK);
    let v = v.json();
    let c = Concordance::read_2016_to_2021(CONCORDANCE.as_bytes()).unwrap().0;
    let conv = serde_json::to_string(&c.convert("4212")).unwrap();
    assert_eq!(v["conversion"], serde_json::from_str::<Value>(&conv).unwrap());
    assert_eq!(v["conversion"]["relation"], "merged");
    assert_eq!(v.get("note"), None);
    let v = call("/api/v1/convert?code=4212&from=2011").await;
    assert!(v.expect(StatusCode::OK).json()["note"].is_string());
    call("/api/v1/convert?code=9999")
        .await
        .expect_error(StatusCode::NOT_FOUND, "9999");
    call("/api/v1/convert?code=4212&from=2021")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "2016 or 2011");
    call("/api/v1/convert")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "code");
}

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let a = get("/api/v1/openapi.json").await.expect(StatusCode::OK);
    assert_eq!(a.header(header::CONTENT_TYPE), "application/json");
    let v = a.json();
    assert_eq!(v["openapi"], "3.1.0");
    let paths: Vec<&String> = v["paths"].as_object().unwrap().keys().collect();
    for p in [
        "/api/v1/match",
        "/api/v1/check",
        "/api/v1/groups/{code}",
        "/api/v1/search",
        "/api/v1/convert",
        "/api/v1/openapi.json",
    ] {
        assert!(paths.iter().any(|k| *k == p), "{p} not in {paths:?}");
    }
    // And every path listed answers something other than "no such
    // endpoint".
    for p in paths {
        let uri = p.replace("{code}", "4212");
        let a = get(&uri).await;
        assert_ne!(a.status, StatusCode::NOT_FOUND, "{uri}: {}", a.text());
    }
}

#[tokio::test]
async fn unknown_addresses_get_404() {
    get("/api/v1/nothing")
        .await
        .expect_error(StatusCode::NOT_FOUND, "no such API endpoint");
    get("/api/v2/match")
        .await
        .expect_error(StatusCode::NOT_FOUND, "no such API endpoint");
    let a = get("/etc/passwd").await.expect(StatusCode::NOT_FOUND);
    assert!(a.text().contains("<h1>Not found</h1>"));
    get("/assets/../../Cargo.toml").await.expect(StatusCode::NOT_FOUND);
    get("/assets/secret.txt").await.expect(StatusCode::NOT_FOUND);
    let a = send(app(), post("/api/v1/groups/4212", "application/json", "{}"))
        .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn search_page_shows_candidates_with_evidence() {
    let a = get("/").await.expect(StatusCode::OK);
    let html = a.text();
    assert!(a.header(header::CONTENT_TYPE).starts_with("text/html"));
    assert!(html.contains("<input id=\"q\" name=\"q\""), "{html}");
    assert!(html.contains("<html lang=\"en\">"));
    let csp = a.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert_eq!(a.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    let html = get("/?q=youth%20worker").await.expect(StatusCode::OK).text();
    assert!(html
        .contains("<a class=\"code\" href=\"/group/4212?lang=en\">4212</a>"));
    assert!(html.contains("<details><summary>Evidence</summary>"));
    assert!(html.contains("value=\"youth worker\""));
    // The fragment the script fetches: results only, escaped.
    let html = get("/results?q=%3Cscript%3Eyouth%20worker")
        .await
        .expect(StatusCode::OK)
        .text();
    assert!(!html.contains("<html"));
    assert!(html.contains("&lt;script&gt;youth worker"));
    assert!(!html.contains("<script>"));
    // A group known only as an exclusion target is not a link.
    let html = get("/results?q=social%20worker").await.text();
    assert!(html.contains("<span class=\"code\">4152</span>"), "{html}");
    assert!(html.contains("profile not in the loaded data"));
    let html = get("/results?q=zzzzqqq").await.text();
    assert!(html.contains("No unit group matches"), "{html}");
    assert_eq!(get("/results").await.text(), "");
    let html = get("/?q=cook&lang=fr").await.text();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Appellation d&#39;emploi"));
    let html = get("/?lang=zh").await.text();
    assert!(html.contains("职位名称"));
}

#[tokio::test]
async fn profile_page_shows_the_profile() {
    let html = get("/group/4212").await.expect(StatusCode::OK).text();
    let g = noc::embedded::classification().get_str("4212").unwrap();
    let lead = g.lead_statement.en.as_deref().unwrap();
    let first: String = lead.chars().take(40).collect();
    assert!(html.contains(&first), "lead statement missing");
    for h in [
        "Main duties",
        "Example titles",
        "Classified elsewhere",
        "Employment requirements",
        "Other languages",
    ] {
        assert!(html.contains(&format!("<h2>{h}")), "{h} missing");
    }
    assert!(html.contains("社会和社区服务工作者"), "Chinese title missing");
    // Exclusions name their targets; the embedded data has none of them.
    assert!(html.contains("→ 4152"));
    let html = get("/group/4212?lang=zh").await.expect(StatusCode::OK).text();
    assert!(html.contains("<h2>主要职责</h2>"));
    get("/group/9999").await.expect(StatusCode::NOT_FOUND);
    get("/group/abc").await.expect(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn profile_shows_where_a_group_went() {
    let app = embedded(Limits::DEFAULT, true);
    let req = Request::get("/group/4212").body(Body::empty()).unwrap();
    let html = send(app, req).await.expect(StatusCode::OK).text();
    assert!(html.contains("Became in NOC 2021"), "{html}");
    assert!(html.contains("<li>42201 Social and community service workers"));
}

#[tokio::test]
async fn browse_page_lists_the_hierarchy() {
    let html = get("/browse").await.expect(StatusCode::OK).text();
    assert!(html.contains("href=\"/group/4212?lang=en\""));
    // NOC 2011 has no TEER: no filter, and the parameter is ignored.
    assert!(!html.contains("<select id=\"teer\""));
    let html = get("/browse?teer=7").await.expect(StatusCode::OK).text();
    assert!(html.contains("4212"));
}

#[tokio::test]
async fn assets_are_compiled_in() {
    let a = get("/assets/app.js").await.expect(StatusCode::OK);
    assert!(a.header(header::CONTENT_TYPE).starts_with("text/javascript"));
    assert!(a.text().contains("/results?lang="));
    let a = get("/assets/app.css").await.expect(StatusCode::OK);
    assert!(a.header(header::CONTENT_TYPE).starts_with("text/css"));
    // No asset names another host.
    for page in ["/", "/group/4212", "/browse", "/batch"] {
        let html = get(page).await.text();
        assert!(!html.contains("src=\"http"), "{page}");
        assert!(!html.contains("href=\"http"), "{page}");
    }
}

/// A multipart form body with a CSV file and a column name.
fn form(csv: &[u8], column: Option<&str>) -> (String, Vec<u8>) {
    let b = "XBOUNDARYX";
    let mut body = vec![];
    body.extend_from_slice(
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"t.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(csv);
    body.extend_from_slice(b"\r\n");
    if let Some(c) = column {
        body.extend_from_slice(
            format!(
                "--{b}\r\nContent-Disposition: form-data; \
                 name=\"column\"\r\n\r\n{c}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

#[tokio::test]
async fn batch_codes_every_row() {
    let html = get("/batch").await.expect(StatusCode::OK).text();
    assert!(html.contains("enctype=\"multipart/form-data\""));
    let mut csv =
        b"id,Job title,city\n1,Youth Worker,Toronto\n2,,Ottawa\n3\n".to_vec();
    csv.extend_from_slice(b"4,\"caf\xe9 worker\",Hull\n5,zzzzqqq,X\n");
    csv.extend_from_slice("6,社区工作者,北京\n".as_bytes());
    let (kind, body) = form(&csv, Some("Job title"));
    let a =
        send(app(), post("/batch", &kind, body)).await.expect(StatusCode::OK);
    assert!(a.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(a.header(header::CONTENT_DISPOSITION).contains("attachment"));
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(a.body.as_slice());
    let head: Vec<String> =
        r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&head[..3], ["id", "Job title", "city"]);
    assert_eq!(&head[3..], noc_server_added());
    let rows: Vec<csv::ByteRecord> =
        r.byte_records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6, "every row kept");
    let field = |row: usize, name: &str| {
        let i = head.iter().position(|h| h == name).unwrap();
        String::from_utf8_lossy(&rows[row][i]).into_owned()
    };
    assert_eq!(field(0, "noc_code"), "4212");
    assert_eq!(field(0, "city"), "Toronto");
    assert_eq!(field(1, "noc_error"), "line 3: empty title");
    assert_eq!(field(2, "id"), "3");
    assert!(field(2, "noc_error").contains("title column is missing"));
    assert_eq!(&rows[3][2], b"Hull");
    assert_eq!(&rows[3][1], b"caf\xe9 worker", "bytes kept as they were");
    assert_eq!(field(3, "noc_error"), "line 5: the title is not UTF-8");
    assert_eq!(field(4, "noc_error"), "no match");
    assert_eq!(field(5, "noc_code"), "4212");
    assert_eq!(field(5, "city"), "北京");
}

/// A spreadsheet's CSV export ends lines with CRLF; the errors name the
/// true line, also below a blank line.
#[tokio::test]
async fn batch_errors_name_true_lines_with_crlf_ends() {
    let csv = b"id,title\r\n1,Youth Worker\r\n\r\n2,\r\n3,\"social\r\n\r\nworker\"\r\n4,\r\n";
    let (kind, body) = form(csv, Some("title"));
    let a =
        send(app(), post("/batch", &kind, body)).await.expect(StatusCode::OK);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(a.body.as_slice());
    let head: Vec<String> =
        r.headers().unwrap().iter().map(str::to_string).collect();
    let error = head.iter().position(|h| h == "noc_error").unwrap();
    let errors: Vec<String> = r
        .byte_records()
        .map(|r| String::from_utf8_lossy(&r.unwrap()[error]).into_owned())
        .collect();
    assert_eq!(errors, ["", "line 4: empty title", "", "line 8: empty title"]);
}

/// A row with more fields than the header is matched, as `noc match
/// --input` matches it, and its extra fields come after the added
/// columns, which stay under their names.
#[tokio::test]
async fn batch_keeps_added_columns_aligned_on_long_rows() {
    let csv =
        b"title,duties,industry\nYouth Worker,Helps youth,social,extra,more\n";
    let (kind, body) = form(csv, Some("title"));
    let a =
        send(app(), post("/batch", &kind, body)).await.expect(StatusCode::OK);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(a.body.as_slice());
    let head: Vec<String> =
        r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<csv::StringRecord> =
        r.records().map(|r| r.unwrap()).collect();
    let row: Vec<&str> = rows[0].iter().collect();
    assert_eq!(&row[..3], ["Youth Worker", "Helps youth", "social"]);
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    assert_eq!(row[at("noc_code")], "4212", "{row:?}");
    assert_eq!(row[at("noc_error")], "", "{row:?}");
    assert_eq!(&row[head.len()..], ["extra", "more"]);
}

fn noc_server_added() -> Vec<&'static str> {
    vec![
        "noc_code",
        "noc_title",
        "noc_score",
        "noc_confidence",
        "noc_matched_title",
        "noc_others",
        "noc_error",
    ]
}

#[tokio::test]
async fn batch_errors_are_pages_with_the_reason() {
    let (kind, body) = form(b"a,b\n1,2\n", Some("title"));
    let a = send(app(), post("/batch", &kind, body))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(
        a.text().contains("line 1: no column &quot;title&quot;"),
        "{}",
        a.text()
    );
    // A file that is no UTF-8 CSV says what it is.
    let (kind, body) = form(b"\xff\xfet\0i\0t\0l\0e\0\n\0", Some("title"));
    let a = send(app(), post("/batch", &kind, body))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(a.text().contains("line 1: the file is UTF-16"), "{}", a.text());
    let (kind, body) = form(b"title\ncook\n", None);
    let a = send(app(), post("/batch", &kind, body))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(a.text().contains("needs a file and a column"));
    let a = send(app(), post("/batch", "text/csv", "title\ncook\n")).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let mut limits = Limits::DEFAULT;
    limits.upload_bytes = 100;
    let (kind, body) = form(&b"title\ncook\n".repeat(20), Some("title"));
    let a = send(embedded(limits, false), post("/batch", &kind, body)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text());
    // No slot for another file: 503, with the reason.
    let mut limits = Limits::DEFAULT;
    limits.batches = 0;
    let (kind, body) = form(b"title\ncook\n", Some("title"));
    let a = send(embedded(limits, false), post("/batch", &kind, body))
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.text().contains("other files are being coded"));
}

#[tokio::test]
async fn serves_over_a_loopback_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(noc_server::serve(listener, app()));
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(
        b"GET /api/v1/match?q=youth%20worker HTTP/1.1\r\nHost: x\r\n\
          Connection: close\r\n\r\n",
    )
    .await
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
    assert!(out.contains("\"code\":\"4212\""));
    server.abort();
}

/// The official NOC 2021 data and concordance: a French title lands on
/// its group, whose profile names the NOC 2016 groups it came from.
#[tokio::test]
async fn official_data() {
    let Some(dir) = test_data::test_data(&["noc2021", "concordance"]) else {
        return;
    };
    let c =
        noc::parse::load_path(&dir.join("noc2021")).unwrap().classification;
    let file = std::fs::File::open(
        dir.join("concordance").join(noc::concordance::NOC2016_TO_2021),
    )
    .unwrap();
    let conc = Concordance::read_2016_to_2021(file).unwrap().0;
    let app = Arc::new(App::new(
        c.clone(),
        Index::build(&c),
        Some(conc),
        "official",
    ));
    let call = |uri: &str| {
        let app = app.clone();
        let req = Request::get(uri).body(Body::empty()).unwrap();
        async move { send(app, req).await }
    };
    let v = call("/api/v1/match?q=intervenante%20en%20toxicomanie")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["candidates"][0]["code"], "42201");
    assert_eq!(v["candidates"][0]["teer"], 2);
    let html = call("/group/42201").await.expect(StatusCode::OK).text();
    assert!(html.contains("Came from"));
    assert!(html
        .contains("NOC 2016/2011 4212 Social and community service workers"));
    assert!(html.contains("id=\"all-titles\""));
    assert!(html.contains("TEER 2"));
    assert!(html.contains("<a href=\"/group/4220?lang=en\">4220 "));
    let html = call("/browse?teer=0").await.expect(StatusCode::OK).text();
    assert!(html.contains("/group/00010?"), "TEER 0 unit group");
    assert!(!html.contains("/group/42201?"), "TEER 2 unit group");
    let v = call("/api/v1/convert?code=4212").await.expect(StatusCode::OK);
    let targets = v.json()["conversion"]["targets"].clone();
    assert!(targets.as_array().unwrap().iter().any(|t| t["code"] == "42201"));
    // Chinese names (unofficial, as `noc show --lang zh` shows them)
    // are searched too; a class whose Chinese title holds the words
    // comes first.
    let v = call("/api/v1/search?q=%E6%8A%A4%E5%A3%AB&level=unit")
        .await
        .expect(StatusCode::OK)
        .json();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"31301"), "{v}");
    let first = &v[0];
    assert!(first["matched_title"].as_str().unwrap().contains("护士"), "{v}");
    // A NOC 2016 code on NOC 2021 data: the hint of `noc show 4212`.
    let a = call("/api/v1/groups/4212").await;
    let e = a.expect(StatusCode::NOT_FOUND).json()["error"].to_string();
    assert!(e.contains("4212 is a NOC 2011/2016 unit group code"), "{e}");
    assert!(e.contains("/api/v1/convert?code=4212"), "{e}");
    let body = json!({"code": "4212", "duties": DUTIES}).to_string();
    let req = post("/api/v1/check", "application/json", body);
    let a = send(app.clone(), req).await.expect(StatusCode::NOT_FOUND);
    let e = a.json()["error"].to_string();
    assert!(e.contains("only NOC 2021 has main duties"), "{e}");
    let v = call("/api/v1/search?teer=5&level=unit&limit=1000")
        .await
        .expect(StatusCode::OK)
        .json();
    let n = c.unit_groups().filter(|g| g.teer() == Some(5)).count();
    assert_eq!(v.as_array().unwrap().len(), n);
}

/// Duties of a social and community service worker (4212's profile).
const DUTIES: &str = "Review client background information, interview \
     clients to obtain case history and prepare intake reports\n\
     Assess clients' relevant skill strengths and deficits\n\
     Assist clients to sort out options and develop plans of action while \
     providing necessary support and assistance\n\
     Refer clients to other social services";

fn library_check(code: &str, title: Option<&str>) -> Value {
    let c = noc::embedded::classification().clone();
    let m = Matcher::new(Index::build(&c));
    let d = noc::describe::Description::new(title, DUTIES, None);
    let code = noc::NocCode::new(code).unwrap();
    let r = noc::describe::check::check(&m, &code, &d).unwrap();
    serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap()
}

#[tokio::test]
async fn check_answers_the_librarys_report() {
    let body =
        json!({"code": "4212", "duties": DUTIES, "title": "youth worker"});
    let a = post_json("/api/v1/check", &body.to_string())
        .await
        .expect(StatusCode::OK);
    let v = a.json();
    assert_eq!(v, library_check("4212", Some("youth worker")));
    assert_eq!(v["code"], "4212");
    assert!(
        v["coverage"]["main_duties_covered"].as_u64().unwrap() >= 2,
        "{v}"
    );
    assert_eq!(v["client_duties"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn check_errors() {
    use StatusCode as S;
    post_json("/api/v1/check", r#"{"code": "4212""#)
        .await
        .expect_error(S::BAD_REQUEST, "");
    post_json("/api/v1/check", r#"{"code": "4212"}"#)
        .await
        .expect_error(S::UNPROCESSABLE_ENTITY, "missing field `duties`");
    post_json("/api/v1/check", r#"{"code": "4212", "duties": "  "}"#)
        .await
        .expect_error(S::UNPROCESSABLE_ENTITY, "no duty");
    let body =
        |code: &str| json!({"code": code, "duties": DUTIES}).to_string();
    post_json("/api/v1/check", &body("9999"))
        .await
        .expect_error(S::NOT_FOUND, "no class 9999");
    post_json("/api/v1/check", &body("x1"))
        .await
        .expect_error(S::BAD_REQUEST, "");
    let huge = "Assist clients.\n".repeat(20_000);
    post_json(
        "/api/v1/check",
        &json!({"code": "4212", "duties": huge}).to_string(),
    )
    .await
    .expect_error(S::PAYLOAD_TOO_LARGE, "bytes");
}

#[tokio::test]
async fn match_post_takes_duties() {
    let body = json!({"title": "worker", "duties": DUTIES, "top": 3});
    let v = post_json("/api/v1/match", &body.to_string())
        .await
        .expect(StatusCode::OK)
        .json();
    let c = noc::embedded::classification().clone();
    let m = Matcher::new(Index::build(&c));
    let d = noc::describe::Description::new(Some("worker"), DUTIES, None);
    let expected = m.match_description_with_config(
        &mut Default::default(),
        &d,
        &Config::DEFAULT.top(3),
    );
    let expected = serde_json::to_string(&expected).unwrap();
    assert_eq!(v, serde_json::from_str::<Value>(&expected).unwrap());
    assert_eq!(v["candidates"][0]["code"], "4212", "{v}");
    post_json("/api/v1/match", r#"{"title": "cook", "duties": ""}"#)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "no duty");
}

/// The title of a description is optional, and duties may be a list of
/// statements as well as one text.
#[tokio::test]
async fn match_post_duties_without_a_title_or_as_a_list() {
    let c = noc::embedded::classification().clone();
    let m = Matcher::new(Index::build(&c));
    let expected = |title: Option<&str>| {
        let d = noc::describe::Description::new(title, DUTIES, None);
        let r = m.match_description_with_config(
            &mut Default::default(),
            &d,
            &Config::DEFAULT,
        );
        serde_json::from_str::<Value>(&serde_json::to_string(&r).unwrap())
            .unwrap()
    };
    let v = post_json("/api/v1/match", &json!({"duties": DUTIES}).to_string())
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v, expected(None));
    assert_eq!(v["candidates"][0]["code"], "4212", "{v}");
    let list: Vec<&str> = DUTIES.lines().collect();
    let body = json!({"title": "worker", "duties": list}).to_string();
    let v =
        post_json("/api/v1/match", &body).await.expect(StatusCode::OK).json();
    assert_eq!(v, expected(Some("worker")));
    post_json("/api/v1/match", r#"{"duties": [3]}"#)
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "a text or a list");
}

fn check_uri(path: &str, code: &str) -> String {
    format!(
        "{path}?code={code}&title=youth+worker&duties={}&lang=en",
        DUTIES
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            })
            .collect::<String>()
    )
}

#[tokio::test]
async fn check_page_shows_the_report() {
    let a = get("/check").await.expect(StatusCode::OK);
    let t = a.text();
    assert!(t.contains("<textarea id=\"duties\""), "{t}");
    assert!(get("/").await.text().contains("href=\"/check?lang=en\""));
    let t =
        get(&check_uri("/check", "4212")).await.expect(StatusCode::OK).text();
    assert!(t.contains("id=\"report\""), "{t}");
    assert!(t.contains("Main duties covered"), "{t}");
    assert!(t.contains("/check.md?code=4212"), "{t}");
    assert!(t.contains("Review client background information"), "{t}");
    let fr = get(&check_uri("/check", "4212").replace("lang=en", "lang=fr"))
        .await
        .text();
    assert!(fr.contains("Fonctions principales couvertes"), "{fr}");
    let bad =
        get(&check_uri("/check", "9999")).await.expect(StatusCode::OK).text();
    assert!(bad.contains("class=\"error\""), "{bad}");
    // A Chinese duty shows the English it was read as, marked unofficial.
    let zh: String =
        "评估客户的需求".bytes().map(|b| format!("%{b:02X}")).collect();
    let t = get(&format!("/check?code=4212&duties={zh}&lang=zh"))
        .await
        .expect(StatusCode::OK)
        .text();
    assert!(t.contains("英文读作: assess client needs (非官方翻译)"), "{t}");
    // A pasted letter's signature is listed apart, in the page's language.
    let letter: String = "Dear Sir,\nAssess client needs\nSincerely,\nAnn Lee"
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let t = get(&format!("/check?code=4212&duties={letter}&lang=fr"))
        .await
        .expect(StatusCode::OK)
        .text();
    assert!(t.contains("<ul class=\"set-aside\">"), "{t}");
    assert!(t.contains("<li>Ann Lee <small>[signature]</small></li>"), "{t}");
    assert!(t.contains("Dear Sir, <small>[formule de la lettre]"), "{t}");
}

#[tokio::test]
async fn check_downloads_markdown() {
    let a = get(&check_uri("/check.md", "4212")).await.expect(StatusCode::OK);
    assert!(a.header(header::CONTENT_TYPE).starts_with("text/markdown"));
    assert!(a.header(header::CONTENT_DISPOSITION).starts_with("attachment"));
    let c = noc::embedded::classification().clone();
    let m = Matcher::new(Index::build(&c));
    let d =
        noc::describe::Description::new(Some("youth worker"), DUTIES, None);
    let code = noc::NocCode::new("4212").unwrap();
    let r = noc::describe::check::check(&m, &code, &d).unwrap();
    assert_eq!(a.text(), r.to_markdown());
    assert!(a.text().starts_with("# Reference letter check: NOC 4212"));
    get("/check.md?code=4212").await.expect(StatusCode::BAD_REQUEST);
}
