//! The batch page: a CSV upload in, the same CSV with NOC codes out,
//! streamed as it is matched. Every input row gives one output row; a
//! row that cannot be matched says why in `noc_error`. The added columns
//! always sit under their names: a short row is padded, and the fields
//! of a long row past the header's come after the added columns.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Multipart, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use noc::matcher::{Config, Match};

use crate::html::{page, Esc, Ui};
use crate::pages::PageQuery;
use crate::App;

/// The columns added to each row.
pub const ADDED: [&str; 7] = [
    "noc_code",
    "noc_title",
    "noc_score",
    "noc_confidence",
    "noc_matched_title",
    "noc_others",
    "noc_error",
];

/// Rows matched and sent at a time: small enough that the first bytes
/// leave at once, large enough that the channel is not the cost.
const CHUNK_ROWS: usize = 256;

/// `GET /batch`: the upload form.
pub async fn page_get(
    State(app): State<Arc<App>>,
    q: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Html<String> {
    let ui = q.map(|Query(q)| q.ui()).unwrap_or(&crate::html::EN);
    Html(form(&app, ui, None))
}

fn form(app: &App, ui: &Ui, error: Option<&str>) -> String {
    let mut s = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        Esc(ui.nav_batch),
        Esc(ui.batch_intro)
    );
    if let Some(e) = error {
        let _ =
            writeln!(s, "<p class=\"error\" role=\"alert\">{}</p>", Esc(e));
    }
    let _ = write!(
        s,
        "<form id=\"batch\" action=\"/batch\" method=\"post\" \
         enctype=\"multipart/form-data\">\n\
         <p><label for=\"file\">{file}</label><br>\
         <input id=\"file\" name=\"file\" type=\"file\" \
         accept=\".csv,text/csv\" required></p>\n\
         <p><label for=\"column\">{column}</label><br>\
         <input id=\"column\" name=\"column\" list=\"columns\" required \
         aria-describedby=\"column-hint\"><datalist id=\"columns\">\
         </datalist><br><span id=\"column-hint\" class=\"hint\">{hint}\
         </span></p>\n\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\n\
         <p><button type=\"submit\">{button}</button></p>\n</form>\n",
        file = Esc(ui.file_label),
        column = Esc(ui.column_label),
        hint = Esc(ui.column_hint),
        lang = ui.lang.code(),
        button = Esc(ui.upload_button),
    );
    page(ui, ui.nav_batch, "/batch", &s, &app.source)
}

/// `POST /batch` (multipart: `file`, `column`): the coded CSV, streamed.
pub async fn upload(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let mut ui: &Ui = &crate::html::EN;
    let fail = |ui: &Ui, status: StatusCode, msg: &str| {
        (status, Html(form(&app, ui, Some(msg)))).into_response()
    };
    // Held until the last row is sent.
    let Ok(slot) = app.batches.clone().try_acquire_owned() else {
        return fail(
            ui,
            StatusCode::SERVICE_UNAVAILABLE,
            "other files are being coded; try again in a moment",
        );
    };
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => return fail(ui, e.status(), &e.body_text()),
    };
    let (mut file, mut column) = (None, None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return fail(ui, e.status(), &e.body_text()),
        };
        let name = field.name().unwrap_or("").to_string();
        let data = match field.bytes().await {
            Ok(d) => d,
            Err(e) => return fail(ui, e.status(), &e.body_text()),
        };
        match name.as_str() {
            "file" => file = Some(data),
            "column" => {
                column = Some(String::from_utf8_lossy(&data).into_owned())
            }
            "lang" => {
                let q = PageQuery::with_lang(&String::from_utf8_lossy(&data));
                ui = q.ui();
            }
            _ => {}
        }
    }
    let (Some(file), Some(column)) = (file, column) else {
        return fail(
            ui,
            StatusCode::BAD_REQUEST,
            "the form needs a file and a column name",
        );
    };
    let column = column.trim().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(std::io::Cursor::new(file.clone()));
    let header = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return fail(
                ui,
                StatusCode::BAD_REQUEST,
                &format!("line 1: cannot read the header row: {e}"),
            )
        }
    };
    if let Some(why) = noc::parse::lines::not_a_csv(&header) {
        return fail(ui, StatusCode::BAD_REQUEST, &format!("line 1: {why}"));
    }
    let Some(at) = header.iter().position(|h| {
        String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}')
            == column
    }) else {
        let names: Vec<String> = header
            .iter()
            .map(|h| format!("{:?}", String::from_utf8_lossy(h)))
            .collect();
        return fail(
            ui,
            StatusCode::BAD_REQUEST,
            &format!(
                "line 1: no column {column:?}; the header has {}",
                names.join(", ")
            ),
        );
    };
    let (tx, rx) =
        tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        code_rows(&app, reader, header, at, tx);
        drop(slot);
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"noc-coded.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

impl PageQuery {
    fn with_lang(lang: &str) -> PageQuery {
        serde_json::from_value(serde_json::json!({ "lang": lang.trim() }))
            .unwrap_or_default()
    }
}

/// Matches every row and sends the coded CSV chunk by chunk; stops when
/// the client goes away.
fn code_rows(
    app: &App,
    mut reader: csv::Reader<std::io::Cursor<Bytes>>,
    header: csv::ByteRecord,
    at: usize,
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let config = Config::DEFAULT;
    let writer =
        || csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    // Takes what was written so far, leaving a fresh writer.
    let take = |out: &mut csv::Writer<Vec<u8>>| {
        let full = std::mem::replace(out, writer());
        Bytes::from(full.into_inner().unwrap_or_default())
    };
    let mut out = writer();
    let mut head = header.clone();
    for a in ADDED {
        head.push_field(a.as_bytes());
    }
    let _ = out.write_byte_record(&head);
    let width = header.len();
    // Lines are counted from the text: the csv crate's own count is off
    // with CRLF line ends.
    let lines = noc::parse::lines::Lines::of(reader.get_ref().get_ref());
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    loop {
        let more = match reader.read_byte_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                // A row the CSV reader cannot read still gets a row.
                let mut row = csv::ByteRecord::new();
                for _ in 0..width {
                    row.push_field(b"");
                }
                push_result(&mut row, None, &format!("{e}"));
                let _ = out.write_byte_record(&row);
                false
            }
        };
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| lines.line(p));
        // The header's fields, a short row padded, so that the added
        // columns line up under their names.
        let mut row: csv::ByteRecord = record.iter().take(width).collect();
        while row.len() < width {
            row.push_field(b"");
        }
        match title_of(&record, at, line) {
            Ok(title) => {
                let m = app.match_title(title, &config);
                push_result(&mut row, Some(&m), "");
            }
            Err(e) => push_result(&mut row, None, &e),
        }
        // Fields past the header's are kept after the added columns
        // (`noc match --input` reads such a row's title all the same).
        for extra in record.iter().skip(width) {
            row.push_field(extra);
        }
        let _ = out.write_byte_record(&row);
        rows += 1;
        if rows % CHUNK_ROWS == 0
            && tx.blocking_send(Ok(take(&mut out))).is_err()
        {
            return;
        }
    }
    let _ = tx.blocking_send(Ok(take(&mut out)));
}

/// The title of a row, or why it has none.
fn title_of(
    record: &csv::ByteRecord,
    at: usize,
    line: u64,
) -> Result<&str, String> {
    let field = record.get(at).ok_or_else(|| {
        format!(
            "line {line}: {} fields; the title column is missing",
            record.len()
        )
    })?;
    let title = std::str::from_utf8(field)
        .map_err(|_| format!("line {line}: the title is not UTF-8"))?;
    if let Some(problem) = noc::matcher::title_problem(title) {
        return Err(format!("line {line}: {problem}"));
    }
    Ok(title)
}

fn push_result(row: &mut csv::ByteRecord, m: Option<&Match>, error: &str) {
    let best = m.and_then(|m| m.candidates.first());
    let error = match (m, best) {
        (Some(_), None) => "no match",
        _ => error,
    };
    let others: Vec<String> = m
        .map(|m| {
            m.candidates
                .iter()
                .skip(1)
                .map(|c| format!("{}:{:.3}", c.code, c.score))
                .collect()
        })
        .unwrap_or_default();
    let fields = [
        best.map(|c| c.code.to_string()).unwrap_or_default(),
        best.map(|c| c.title.clone()).unwrap_or_default(),
        best.map(|c| format!("{:.3}", c.score)).unwrap_or_default(),
        best.map(|c| format!("{:?}", c.confidence).to_lowercase())
            .unwrap_or_default(),
        best.map(|c| c.matched_title.clone()).unwrap_or_default(),
        others.join(";"),
        error.to_string(),
    ];
    for f in fields {
        row.push_field(f.as_bytes());
    }
}
