//! The JSON API under `/api/v1/`: the library's serde types as they are,
//! errors as `{"error": MESSAGE, "status": CODE}`.

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use noc::concordance::{Conversion, Link};
use noc::matcher::{Config, Match};
use noc::{Classification, Group, Lang, Level, NocCode, NocVersion};
use serde::{Deserialize, Serialize};

use crate::App;

/// The OpenAPI document of this API, compiled in.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// What `noc convert --from 2011` says: NOC 2011 and NOC 2016 V1.3 share
/// every unit-group code.
pub const FROM_2011_NOTE: &str = "NOC 2011 and NOC 2016 V1.3 share every \
     unit-group code; the 2011 code was read as the 2016 one";

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/match", get(match_get).post(match_post))
        .route("/check", axum::routing::post(check_post))
        .route("/groups/{code}", get(group))
        .route("/search", get(search))
        .route("/convert", get(convert))
        .route("/openapi.json", get(openapi))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "no such API endpoint")
        })
}

/// An error answer: a status and a message, sent as JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ApiError {
    /// The JSON object of the error: `{"error": MESSAGE, "status":
    /// CODE}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": self.message,
            "status": self.status.as_u16(),
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.to_json();
        (self.status, Json(body)).into_response()
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        ApiError::new(r.status(), r.body_text())
    }
}

/// Makes every error answer of `/api/` JSON in the shape of
/// [`ApiError`]: those of the handlers are already, while the layers
/// answer by themselves in plain text or with no body (the body limit's
/// 413, the time limit's 408, the method router's 405).
pub async fn json_errors(
    State(app): State<Arc<App>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let method = req.method().clone();
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !api
        || is_json
        || !(status.is_client_error() || status.is_server_error())
    {
        return res;
    }
    let limits = &app.limits;
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "the request body is too large: at most {} bytes are accepted",
            limits.body_bytes
        ),
        // The router adds the `Allow` header after this layer.
        StatusCode::METHOD_NOT_ALLOWED => format!(
            "method {method} is not allowed here; the Allow header lists \
             those that are"
        ),
        StatusCode::REQUEST_TIMEOUT => format!(
            "the request was not answered within {} s",
            limits.time.as_secs_f32()
        ),
        _ => {
            let body = axum::body::to_bytes(res.into_body(), 4096)
                .await
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&body).trim().to_string();
            match text.is_empty() {
                true => {
                    status.canonical_reason().unwrap_or("error").to_lowercase()
                }
                false => text,
            }
        }
    };
    ApiError::new(status, message).into_response()
}

/// The options of one title to match, from a query string or a JSON
/// body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatchRequest {
    /// The job title; optional with duties.
    #[serde(default)]
    title: Option<String>,
    top: Option<usize>,
    explain: Option<bool>,
    /// `en`, `fr`, `zh` or `auto`.
    lang: Option<String>,
    min_score: Option<f32>,
    /// Duty statements: ranks the description (title and duties), as
    /// `noc match --duties`.
    duties: Option<Duties>,
}

/// Duties as one text (a `--duties` file) or a list of statements.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a text or a list of texts")]
enum Duties {
    Text(String),
    List(Vec<String>),
}

impl Duties {
    /// The text of a `--duties` file: statements one per line.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Duties::Text(t) => t.into(),
            Duties::List(l) => l.join("\n").into(),
        }
    }
}

impl MatchRequest {
    /// The title and the matcher configuration, or what is wrong.
    fn config(&self, app: &App) -> Result<Config, ApiError> {
        let limits = &app.limits;
        let title = self.title.as_deref().unwrap_or("");
        if let Some(d) = &self.duties {
            description(app, self.title(), &d.text())?;
        } else if self.title.is_none() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "missing field `title` (a title, or duties, is needed)",
            ));
        } else if let Some(problem) = noc::matcher::title_problem(title) {
            return Err(ApiError::bad_request(problem));
        }
        let chars = title.chars().count();
        if chars > limits.title_chars {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the title has {chars} characters; at most {} are \
                     accepted",
                    limits.title_chars
                ),
            ));
        }
        let top = self.top.unwrap_or(Config::DEFAULT.top);
        if !(1..=limits.max_top).contains(&top) {
            return Err(ApiError::bad_request(format!(
                "top must be between 1 and {}, not {top}",
                limits.max_top
            )));
        }
        let lang = parse_lang_or_auto(self.lang.as_deref())?;
        let min_score = self.min_score.unwrap_or(Config::DEFAULT.min_score);
        if !(0.0..=1.0).contains(&min_score) {
            return Err(ApiError::bad_request(
                "min_score must be between 0 and 1",
            ));
        }
        Ok(Config::DEFAULT
            .top(top)
            .lang(lang)
            .min_score(min_score)
            .explain(self.explain.unwrap_or(false)))
    }

    /// The title of a description: none when blank.
    fn title(&self) -> Option<&str> {
        self.title.as_deref().filter(|t| !t.trim().is_empty())
    }

    fn run(&self, app: &App) -> Result<Match, ApiError> {
        let config = self.config(app)?;
        match &self.duties {
            Some(d) => {
                let d = description(app, self.title(), &d.text())?;
                Ok(app.match_description(&d, &config))
            }
            None => {
                Ok(app
                    .match_title(self.title.as_deref().unwrap_or(""), &config))
            }
        }
    }
}

/// A language, or `None` for `auto` (and when none is given).
fn parse_lang_or_auto(l: Option<&str>) -> Result<Option<Lang>, ApiError> {
    match l {
        None | Some("auto") | Some("") => Ok(None),
        Some(l) => parse_lang(l).map(Some).map_err(|_| {
            ApiError::bad_request(format!(
                "unknown language {l:?}; expected en, fr, zh or auto"
            ))
        }),
    }
}

pub fn parse_lang(l: &str) -> Result<Lang, ApiError> {
    match l {
        "en" => Ok(Lang::En),
        "fr" => Ok(Lang::Fr),
        "zh" => Ok(Lang::Zh),
        _ => Err(ApiError::bad_request(format!(
            "unknown language {l:?}; expected en, fr or zh"
        ))),
    }
}

/// The query string of `GET /api/v1/match`: a [`MatchRequest`] with the
/// title as `q`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatchQuery {
    q: Option<String>,
    top: Option<usize>,
    explain: Option<bool>,
    lang: Option<String>,
    min_score: Option<f32>,
}

/// `GET /api/v1/match?q=TITLE&top=5&explain=true&lang=en&min_score=0.2`
async fn match_get(
    State(app): State<Arc<App>>,
    query: Result<Query<MatchQuery>, QueryRejection>,
) -> Result<Json<Match>, ApiError> {
    let Query(q) = query?;
    let req = MatchRequest {
        title: Some(
            q.q.ok_or_else(|| ApiError::bad_request("missing q=TITLE"))?,
        ),
        top: q.top,
        explain: q.explain,
        lang: q.lang,
        min_score: q.min_score,
        duties: None,
    };
    req.run(&app).map(Json)
}

/// `POST /api/v1/match` with `{"title": …, "top": …}`, or a list of such
/// objects for a batch: answered by a list, in order, where an item that
/// cannot be matched gets its error in place (`{"error", "status"}`) and
/// the others their `Match`, as `noc match --input` writes a bad row's
/// error and still matches the good ones.
async fn match_post(
    State(app): State<Arc<App>>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(value) = body?;
    let one = |v: serde_json::Value| {
        let req: MatchRequest = serde_json::from_value(v).map_err(|e| {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
        })?;
        req.config(&app)?;
        Ok::<MatchRequest, ApiError>(req)
    };
    match value {
        serde_json::Value::Array(items) => {
            if items.len() > app.limits.batch_titles {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "{} titles in one request; at most {} are accepted",
                        items.len(),
                        app.limits.batch_titles
                    ),
                ));
            }
            let reqs: Vec<Result<MatchRequest, ApiError>> = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    one(v).map_err(|e| {
                        ApiError::new(
                            e.status,
                            format!("item {i}: {}", e.message),
                        )
                    })
                })
                .collect();
            // A long batch runs off the async workers, and stops at the
            // time limit (the answer has gone by then: a 408).
            let deadline = std::time::Instant::now() + app.limits.time;
            let answers = tokio::task::spawn_blocking(move || {
                let mut out = Vec::with_capacity(reqs.len());
                for r in reqs {
                    if std::time::Instant::now() > deadline {
                        return Err(ApiError::new(
                            StatusCode::REQUEST_TIMEOUT,
                            "the batch took too long",
                        ));
                    }
                    out.push(match r.and_then(|r| r.run(&app)) {
                        Ok(m) => Item::Match(Box::new(m)),
                        Err(e) => Item::Error(e.to_json()),
                    });
                }
                Ok(out)
            })
            .await
            .map_err(|e| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
            })??;
            Ok(Json(answers).into_response())
        }
        v @ serde_json::Value::Object(_) => {
            Ok(Json(one(v)?.run(&app)?).into_response())
        }
        _ => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected a JSON object {\"title\": …} or a list of them",
        )),
    }
}

/// One answer of a batch: a match, or the item's error.
#[derive(Serialize)]
#[serde(untagged)]
enum Item {
    Match(Box<Match>),
    Error(serde_json::Value),
}

/// A description from a title and duty text, or why it cannot be one:
/// 413 past the library's size limit, 422 for text without a duty.
pub fn description(
    app: &App,
    title: Option<&str>,
    duties: &str,
) -> Result<noc::describe::Description, ApiError> {
    if let Some(t) = title {
        let chars = t.chars().count();
        if chars > app.limits.title_chars {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the title has {chars} characters; at most {} are \
                     accepted",
                    app.limits.title_chars
                ),
            ));
        }
    }
    if duties.len() > noc::describe::MAX_DESCRIPTION_BYTES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the duties are {} bytes long; at most {} are accepted",
                duties.len(),
                noc::describe::MAX_DESCRIPTION_BYTES
            ),
        ));
    }
    noc::describe::Description::from_bytes(title, duties.as_bytes(), None)
        .map_err(|e| {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
        })
}

/// The body of `POST /api/v1/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The unit group to check against.
    pub code: String,
    /// The letter's duty statements.
    pub duties: String,
    /// The letter's job title.
    pub title: Option<String>,
    /// `en`, `fr`, `zh` or `auto`.
    pub lang: Option<String>,
}

/// Checks a letter against a unit group, as `noc check`: 400 for a
/// malformed code, 404 for a code the data lacks, 422 for what the
/// library refuses (not a unit group, no main duties, no duty).
pub fn run_check(
    app: &App,
    req: &CheckRequest,
) -> Result<noc::describe::check::CheckReport, ApiError> {
    let code = req.code.trim();
    let title = req.title.as_deref().filter(|t| !t.trim().is_empty());
    let d = description(app, title, &req.duties)?;
    let c = &app.classification;
    if NocCode::new(code).is_ok() && c.get_str(code).is_none() {
        if let Some(hint) = other_version_hint(code, c.version(), true) {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "no class {code} in the loaded NOC {} data; {hint}",
                    c.version()
                ),
            ));
        }
    }
    lookup(c, code)?;
    let code = NocCode::new(code)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let lang = parse_lang_or_auto(req.lang.as_deref())?;
    noc::describe::check::check_in(&app.matcher, &code, &d, lang).map_err(
        |e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
    )
}

/// `POST /api/v1/check` with `{"code": …, "duties": …, "title": …,
/// "lang": …}`: the report of `noc check --json`.
async fn check_post(
    State(app): State<Arc<App>>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Json<noc::describe::check::CheckReport>, ApiError> {
    let Json(value) = body?;
    let req: CheckRequest = serde_json::from_value(value).map_err(|e| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
    })?;
    run_check(&app, &req).map(Json)
}

/// A class as it is looked up from a path: 400 for a code that is not
/// one, 404 for a code the data lacks.
pub fn lookup<'a>(
    c: &'a Classification,
    code: &str,
) -> Result<&'a Group, ApiError> {
    if let Err(e) = NocCode::new(code) {
        return Err(ApiError::bad_request(e.to_string()));
    }
    c.get_str(code).ok_or_else(|| {
        let mut msg =
            format!("no class {code} in the loaded NOC {} data", c.version());
        if let Some(hint) = other_version_hint(code, c.version(), false) {
            msg = format!("{msg}; {hint}");
        }
        ApiError::new(StatusCode::NOT_FOUND, msg)
    })
}

/// What to do with a code of another NOC version than the loaded one
/// (as `noc show` and `noc check` say, for the API); `check`: only NOC
/// 2021 has main duties to check against.
pub fn other_version_hint(
    code: &str,
    loaded: NocVersion,
    check: bool,
) -> Option<String> {
    let code = code.trim();
    let other = loaded.other_version_of(code)?;
    let what = other.explain(code, loaded);
    Some(match other {
        noc::OtherVersion::V2021 => format!(
            "{what}: serve the NOC 2021 data (`noc serve --version 2021`)"
        ),
        _ if check => format!(
            "{what}, and only NOC 2021 has main duties to check against: \
             find its NOC 2021 groups with /api/v1/convert?code={code} \
             (`noc convert {code}`) and check one of them"
        ),
        _ => format!(
            "{what}: find its NOC 2021 groups with \
             /api/v1/convert?code={code} (`noc convert {code}`), or serve \
             the NOC 2016 data (`noc serve --version 2016`)"
        ),
    })
}

/// `GET /api/v1/groups/{code}`: the typed profile, as `noc show --json`.
async fn group(
    State(app): State<Arc<App>>,
    Path(code): Path<String>,
) -> Result<Json<Group>, ApiError> {
    lookup(&app.classification, &code).map(|g| Json(g.clone()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchRequest {
    q: Option<String>,
    teer: Option<u8>,
    level: Option<String>,
    under: Option<String>,
    lang: Option<String>,
    limit: Option<usize>,
}

/// One class found, in the shape of `noc list --json`, with the title
/// that held the words searched for.
#[derive(Debug, Serialize)]
pub struct Found<'a> {
    code: NocCode,
    level: Level,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    teer: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skill_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skill_level: Option<char>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_title: Option<&'a str>,
    /// The class's unofficial title (Chinese), to rank it as its own.
    #[serde(skip)]
    unofficial_title: Option<&'a str>,
}

/// The most classes one search returns.
const SEARCH_MAX: usize = 1_000;

/// `GET /api/v1/search?q=WORDS&teer=N&level=unit&under=CODE&limit=N`:
/// classes whose code starts with `q` (digits) or any of whose titles
/// holds every word of `q` (case and accents aside), filtered as by
/// `noc list`.
async fn search(
    State(app): State<Arc<App>>,
    query: Result<Query<SearchRequest>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(req) = query?;
    let lang = match req.lang.as_deref() {
        None => Lang::En,
        Some(l) => parse_lang(l)?,
    };
    let level = match req.level.as_deref() {
        None => None,
        Some(l) => Some(parse_level(l)?),
    };
    let under = match req.under.as_deref() {
        None => None,
        Some(u) => Some(
            NocCode::new(u)
                .map_err(|e| ApiError::bad_request(format!("under: {e}")))?,
        ),
    };
    if req.teer.is_some_and(|t| t > 5) {
        return Err(ApiError::bad_request("teer must be between 0 and 5"));
    }
    let limit = req.limit.unwrap_or(100).min(SEARCH_MAX);
    let q = req.q.unwrap_or_default();
    if q.chars().count() > app.limits.title_chars {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the search text is too long",
        ));
    }
    let found = find(&app.classification, &q, lang, req.teer, level, under);
    let rows: Vec<Found> = found.into_iter().take(limit).collect();
    // Serialised here, while the rows borrow the classification.
    Ok(Json(rows).into_response())
}

pub fn parse_level(l: &str) -> Result<Level, ApiError> {
    Ok(match l {
        "broad" => Level::BroadCategory,
        "major" => Level::MajorGroup,
        "sub-major" => Level::SubMajorGroup,
        "minor" => Level::MinorGroup,
        "unit" => Level::UnitGroup,
        _ => {
            return Err(ApiError::bad_request(format!(
                "unknown level {l:?}; expected broad, major, sub-major, \
                 minor or unit"
            )))
        }
    })
}

/// The classes that `q` finds, filtered (see [`search`]); an empty `q`
/// finds every class.
pub fn find<'a>(
    c: &'a Classification,
    q: &str,
    lang: Lang,
    teer: Option<u8>,
    level: Option<Level>,
    under: Option<NocCode>,
) -> Vec<Found<'a>> {
    let fold = |s: &str| noc::normalize::Normalizer::shared().fold(s);
    let q = q.trim();
    let by_code = !q.is_empty() && q.chars().all(|ch| ch.is_ascii_digit());
    let words: Vec<String> =
        fold(q).split_whitespace().map(str::to_string).collect();
    let holds = |t: &str| {
        let t = fold(t);
        words.iter().all(|w| t.contains(w.as_str()))
    };
    let mut out = vec![];
    for g in c.groups() {
        if level.is_some_and(|l| g.level != l)
            || under.is_some_and(|u| !g.code.starts_with(&u))
            || teer.is_some_and(|t| {
                g.teer() != Some(t) || g.level != Level::UnitGroup
            })
        {
            continue;
        }
        let matched_title = if by_code {
            if !g.code.as_str().starts_with(q) {
                continue;
            }
            None
        } else if words.is_empty() || g.title.iter().any(|(_, t)| holds(t)) {
            None
        } else {
            // The official titles, then the class's unofficial (Chinese)
            // names, as `noc show --lang zh` shows them.
            let titles = g.example_titles.iter().chain(&g.all_titles);
            let unofficial = g.unofficial.iter().flat_map(|u| {
                std::iter::once(u.title.as_str())
                    .chain(u.aliases.iter().map(String::as_str))
            });
            match titles
                .flat_map(|t| t.iter().map(|(_, f)| f.original.as_str()))
                .chain(unofficial)
                .find(|t| holds(t))
            {
                Some(t) => Some(t),
                None => continue,
            }
        };
        out.push(found(g, lang, matched_title));
    }
    // Classes whose own title holds the words first (a Chinese class
    // title too), then by code.
    out.sort_by_key(|f| {
        f.matched_title.is_some() && f.matched_title != f.unofficial_title
    });
    out
}

fn found<'a>(g: &'a Group, lang: Lang, matched: Option<&'a str>) -> Found<'a> {
    let unit = g.level == Level::UnitGroup;
    let older = unit && g.version != NocVersion::V2021;
    Found {
        code: g.code,
        level: g.level,
        title: g.title.show(lang),
        teer: g.teer().filter(|_| unit),
        skill_type: older.then(|| g.code.skill_type()),
        skill_level: older.then(|| g.code.skill_level()).flatten(),
        matched_title: matched,
        unofficial_title: g.unofficial.as_ref().map(|u| u.title.as_str()),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConvertRequest {
    code: String,
    from: Option<u16>,
}

/// One conversion, in the shape of `noc convert --json` (without the
/// input line number).
#[derive(Debug, Serialize)]
struct Converted {
    code: String,
    from: u16,
    conversion: Conversion,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

/// `GET /api/v1/convert?code=4212&from=2016`: a NOC 2016 (or 2011) code
/// to NOC 2021 through the official concordance.
async fn convert(
    State(app): State<Arc<App>>,
    query: Result<Query<ConvertRequest>, QueryRejection>,
) -> Result<Json<Converted>, ApiError> {
    let Query(req) = query?;
    let from = req.from.unwrap_or(2016);
    if from != 2016 && from != 2011 {
        return Err(ApiError::bad_request(format!(
            "from must be 2016 or 2011, not {from}: the concordance is \
             Statistics Canada's NOC 2016 V1.3 → NOC 2021 V1.0"
        )));
    }
    let Some(concordance) = &app.concordance else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "no concordance is installed: run `noc data fetch` (or `noc \
             data import`) and restart the server",
        ));
    };
    let code = req.code.trim();
    let conversion = concordance.convert(code).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("{code}: not a NOC {from} unit group in the concordance"),
        )
    })?;
    Ok(Json(Converted {
        code: code.to_string(),
        from,
        conversion,
        note: (from == 2011).then_some(FROM_2011_NOTE),
    }))
}

/// The NOC 2016 unit groups that became `code` in NOC 2021.
pub fn sources<'a>(app: &'a App, code: &NocCode) -> Vec<&'a Link> {
    match &app.concordance {
        Some(c) if c.to_version() == app.classification.version() => {
            c.links().iter().filter(|l| l.to == *code).collect()
        }
        _ => vec![],
    }
}

/// What a NOC 2016/2011 unit group became in NOC 2021.
pub fn became(app: &App, code: &NocCode) -> Option<Conversion> {
    match &app.concordance {
        Some(c) if app.classification.version() != c.to_version() => {
            c.convert(code.as_str())
        }
        _ => None,
    }
}

/// `GET /api/v1/openapi.json`
async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
