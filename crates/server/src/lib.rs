//! The local web app and JSON API of `noc serve`.
//!
//! A thin layer over the `noc` library: each request becomes a library
//! call, and each answer is the library's own serde types (a
//! [`Match`], a [`Group`](noc::Group), a
//! [`Conversion`](noc::concordance::Conversion)), so the JSON has the
//! shapes of the command-line tool's `--json` output.
//!
//! - [`App`] holds the loaded data: the classification, a shared
//!   [`Matcher`] and, when installed, the NOC 2016 → 2021 concordance.
//! - [`router`] builds the axum router: the HTML pages (search, profile,
//!   browse, batch), the assets compiled into the binary, and the JSON
//!   API under `/api/v1/` (described by `/api/v1/openapi.json`).
//! - [`run`] binds an address and serves until Ctrl-C.
//!
//! # Example
//! ```
//! use noc::index::Index;
//! let c = noc::embedded::classification().clone();
//! let app = noc_server::App::new(c.clone(), Index::build(&c), None, "embedded");
//! let router = noc_server::router(std::sync::Arc::new(app));
//! # let _ = router;
//! ```

#![deny(missing_docs)]

mod api;
mod batch;
mod html;
mod pages;

use std::cell::RefCell;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
use axum::Router;
use noc::concordance::Concordance;
use noc::index::Index;
use noc::matcher::{Config, Match, Matcher, Scratch};
use noc::Classification;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// What the server accepts: sizes and times past which a request is
/// refused, so that one client cannot hold the machine.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body of the JSON API, in bytes.
    pub body_bytes: usize,
    /// The largest CSV upload of the batch page, in bytes.
    pub upload_bytes: usize,
    /// The most CSV uploads coded at once (each is held in memory).
    pub batches: usize,
    /// The longest title, in characters.
    pub title_chars: usize,
    /// The most titles in one batch request of the JSON API.
    pub batch_titles: usize,
    /// The most candidates one title may ask for.
    pub max_top: usize,
    /// The longest time to answer a request (a streamed CSV download
    /// may take longer once its first bytes are sent).
    pub time: Duration,
}

impl Limits {
    /// The limits of `noc serve`.
    pub const DEFAULT: Limits = Limits {
        // A batch of 1,000 titles with their options fits in well
        // under 1 MiB.
        body_bytes: 1 << 20,
        // A spreadsheet export of ~200,000 titles.
        upload_bytes: 32 << 20,
        // One per core: more would only share the cores and add memory.
        batches: 2,
        // Job titles are short; a longer text is not a title.
        title_chars: 500,
        // Matching 1,000 titles takes well under a second.
        batch_titles: 1_000,
        // The matcher's profile reranking covers the first 20; more
        // candidates than 50 help no one choosing a code.
        max_top: 50,
        time: Duration::from_secs(10),
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// The loaded data a server answers from.
pub struct App {
    classification: Classification,
    matcher: Matcher,
    concordance: Option<Concordance>,
    source: String,
    limits: Limits,
    /// Batch uploads being coded; each holds its file in memory.
    batches: Arc<tokio::sync::Semaphore>,
}

impl App {
    /// An app over a classification and its index, with the NOC 2016 →
    /// 2021 concordance when there is one, and a description of where
    /// the data came from (shown in the page footer).
    pub fn new(
        classification: Classification,
        index: Index,
        concordance: Option<Concordance>,
        source: impl Into<String>,
    ) -> App {
        App {
            classification,
            matcher: Matcher::new(index),
            concordance,
            source: source.into(),
            limits: Limits::DEFAULT,
            batches: Arc::new(tokio::sync::Semaphore::new(
                Limits::DEFAULT.batches,
            )),
        }
    }

    /// Sets the limits.
    pub fn with_limits(mut self, limits: Limits) -> App {
        self.batches = Arc::new(tokio::sync::Semaphore::new(limits.batches));
        self.limits = limits;
        self
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Matches one title with `config`, reusing this thread's working
    /// memory (allocating it per request would cost more than matching).
    fn match_title(&self, title: &str, config: &Config) -> Match {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| {
            self.matcher.match_with_config(&mut s.borrow_mut(), title, config)
        })
    }
}

impl App {
    /// Ranks a description (title and duties) with `config`, reusing
    /// this thread's working memory.
    fn match_description(
        &self,
        d: &noc::describe::Description,
        config: &Config,
    ) -> Match {
        use noc::describe::DescribeScratch;
        thread_local! {
            static SCRATCH: RefCell<DescribeScratch> =
                RefCell::new(DescribeScratch::default());
        }
        SCRATCH.with(|s| {
            self.matcher.match_description_with_config(
                &mut s.borrow_mut(),
                d,
                config,
            )
        })
    }
}

/// The security headers of every response: assets come from this server
/// only (no CDN, nothing inline), no framing, no sniffing, no referrer.
const CSP: &str = "default-src 'self'; img-src 'self' data:; \
                   frame-ancestors 'none'; form-action 'self'; \
                   base-uri 'none'";

/// The router of the pages, the assets and the JSON API.
pub fn router(app: Arc<App>) -> Router {
    let limits = app.limits.clone();
    let batch = Router::new()
        .route("/batch", get(batch::page_get).post(batch::upload))
        // The multipart reader enforces it while streaming, answering
        // 413 (a length-checking layer would turn it into a read error).
        .layer(DefaultBodyLimit::max(limits.upload_bytes));
    let rest = Router::new()
        .route("/", get(pages::search))
        .route("/results", get(pages::results))
        .route("/group/{code}", get(pages::profile))
        .route("/browse", get(pages::browse))
        .route("/check", get(pages::check))
        .route("/check.md", get(pages::check_markdown))
        .route("/assets/{name}", get(pages::asset))
        .nest("/api/v1", api::router())
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes));
    rest.merge(batch)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(utf8_query))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.time,
        ))
        // Outside the layers that answer by themselves (time limit, body
        // limit, method routing), so that their errors are JSON too.
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            api::json_errors,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(app)
}

/// Refuses a query string whose percent-encoded bytes are not UTF-8
/// (the query parser would silently replace them).
async fn utf8_query(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match req.uri().query() {
        Some(q) if !percent_decodes_to_utf8(q) => api::ApiError::bad_request(
            "the query string is not UTF-8 once percent-decoded",
        )
        .into_response(),
        _ => next.run(req).await,
    }
}

/// Whether every value of a query string decodes to UTF-8.
fn percent_decodes_to_utf8(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    std::str::from_utf8(&out).is_ok()
}

/// Serves `app` on `listener` until Ctrl-C.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            // Without a Ctrl-C handler the server runs until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await
            }
        })
        .await
}

/// Binds `addr`, calls `ready` with the address bound (port 0 picks a
/// free one), and serves until Ctrl-C on a runtime of its own.
pub fn run(
    addr: SocketAddr,
    app: App,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        serve(listener, Arc::new(app)).await
    })
}

#[cfg(test)]
mod tests {
    use super::percent_decodes_to_utf8 as ok;

    #[test]
    fn query_strings_must_decode_to_utf8() {
        assert!(ok("q=youth%20worker&top=5"));
        assert!(ok("q=%E7%A4%BE%E5%B7%A5"));
        assert!(ok("q=100%"));
        assert!(ok("q=%zz"));
        assert!(!ok("q=%FF%FE"));
        assert!(!ok("q=%E7%A4"));
    }
}
