//! The HTML pages: search, profile, browse, and the compiled-in assets.
//! Pages work without JavaScript; `app.js` adds results as one types and
//! the filter of a profile's titles.

use std::collections::HashSet;
use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use noc::matcher::{Config, Explanation, Match};
use noc::{Group, Lang, Level, Multilingual, NocCode, Text, Title};
use serde::Deserialize;

use crate::html::{page, Esc, Ui, Url};
use crate::App;

/// The query string of the pages. Unknown or bad values fall back to
/// the defaults: a page always renders.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    q: Option<String>,
    lang: Option<String>,
    teer: Option<String>,
}

impl PageQuery {
    pub fn ui(&self) -> &'static Ui {
        let lang = match self.lang.as_deref() {
            Some("fr") => Lang::Fr,
            Some("zh") => Lang::Zh,
            _ => Lang::En,
        };
        Ui::of(lang)
    }
}

/// A page query that could not be read (bad percent-encoding): the
/// defaults.
fn read(q: Result<Query<PageQuery>, impl std::fmt::Debug>) -> PageQuery {
    q.map(|Query(q)| q).unwrap_or_default()
}

type PageResult =
    Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>;

/// `/`: the search page, with the results of `q` when given.
pub async fn search(
    State(app): State<Arc<App>>,
    q: PageResult,
) -> Html<String> {
    let q = read(q);
    let ui = q.ui();
    let title = q.q.as_deref().unwrap_or("").trim();
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{app}</h1>\n\
         <form id=\"search\" action=\"/\" method=\"get\" role=\"search\">\n\
         <label for=\"q\">{label}</label>\n\
         <p id=\"q-hint\" class=\"hint\">{hint}</p>\n\
         <div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" \
         value=\"{value}\" maxlength=\"{max}\" autocomplete=\"off\" \
         autofocus aria-describedby=\"q-hint\" aria-controls=\"results\">\n\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\n\
         <button type=\"submit\">{button}</button></div>\n</form>\n\
         <section id=\"results\" aria-live=\"polite\">\n",
        app = Esc(ui.app),
        label = Esc(ui.title_label),
        hint = Esc(ui.title_hint),
        value = Esc(title),
        max = app.limits.title_chars,
        lang = ui.lang.code(),
        button = Esc(ui.match_button),
    );
    body += &results_html(&app, ui, title);
    body += "</section>\n";
    let path = if title.is_empty() {
        "/".to_string()
    } else {
        format!("/?q={}", Url(title))
    };
    Html(page(ui, ui.nav_search, &path, &body, &app.source))
}

/// `/results?q=…`: the results alone, for the page's script.
pub async fn results(
    State(app): State<Arc<App>>,
    q: PageResult,
) -> Html<String> {
    let q = read(q);
    Html(results_html(&app, q.ui(), q.q.as_deref().unwrap_or("").trim()))
}

/// The candidates of a title, with their evidence.
fn results_html(app: &App, ui: &Ui, title: &str) -> String {
    if title.is_empty() {
        return String::new();
    }
    if title.chars().count() > app.limits.title_chars {
        return format!(
            "<p class=\"error\" role=\"alert\">{} &gt; {}</p>\n",
            Esc(ui.title_label),
            app.limits.title_chars
        );
    }
    let config = Config::DEFAULT.explain(true);
    let m: Match = app.match_title(title, &config);
    let mut s =
        format!("<h2>{} <q>{}</q></h2>\n", Esc(ui.results_for), Esc(title));
    if m.candidates.is_empty() {
        let _ = writeln!(s, "<p class=\"none\">{}</p>", Esc(ui.no_match));
        return s;
    }
    s += "<ol class=\"candidates\">\n";
    let lang = ui.lang.code();
    for c in &m.candidates {
        let code = if c.in_data {
            format!(
                "<a class=\"code\" href=\"/group/{code}?lang={lang}\">{code}</a>",
                code = c.code
            )
        } else {
            format!("<span class=\"code\">{}</span>", c.code)
        };
        let conf = ui.confidence(c.confidence);
        let teer = match (c.teer, c.skill_type) {
            (Some(t), _) => format!("<span class=\"teer\">TEER {t}</span>"),
            (None, Some(st)) => format!(
                "<span class=\"teer\">{st}{}</span>",
                c.skill_level.map(String::from).unwrap_or_default()
            ),
            _ => String::new(),
        };
        let missing = if c.in_data {
            String::new()
        } else {
            format!(" <em>({})</em>", Esc(ui.not_in_data))
        };
        let via = match c.excluded_from {
            Some(from) => format!(
                " ({} <a href=\"/group/{from}?lang={lang}\">{from}</a>)",
                Esc(ui.via_exclusion)
            ),
            None => String::new(),
        };
        let _ = write!(
            s,
            "<li class=\"candidate\" data-code=\"{}\">\n<p class=\"head\">\
             {code} <span class=\"title\">{}</span>{missing} {teer} \
             <span class=\"conf conf-{:?}\">{conf} · {} {:.3}</span></p>\n\
             <p class=\"matched\">{} <q>{}</q> [{}]{via}</p>\n",
            c.code,
            Esc(&c.title),
            c.confidence,
            Esc(ui.score),
            c.score,
            Esc(ui.matched),
            Esc(&c.matched_title),
            c.matched_lang,
        );
        if let Some(e) = &c.explanation {
            let _ = write!(
                s,
                "<details><summary>{}</summary>\n<ul class=\"tree\">",
                Esc(ui.evidence)
            );
            tree(&mut s, e);
            s += "</ul></details>\n";
        }
        s += "</li>\n";
    }
    s += "</ol>\n";
    s
}

/// The `--explain` tree as nested lists.
fn tree(s: &mut String, e: &Explanation) {
    let _ = write!(
        s,
        "<li><span class=\"v\">{:.3}</span> {}",
        e.value,
        Esc(&e.description)
    );
    if !e.details.is_empty() {
        s.push_str("<ul>");
        for d in &e.details {
            tree(s, d);
        }
        s.push_str("</ul>");
    }
    s.push_str("</li>\n");
}

/// `/group/{code}`: a class's profile.
pub async fn profile(
    State(app): State<Arc<App>>,
    Path(code): Path<String>,
    q: PageResult,
) -> Response {
    let q = read(q);
    let ui = q.ui();
    let lang = ui.lang;
    let c = &app.classification;
    let g = match crate::api::lookup(c, &code) {
        Ok(g) => g,
        Err(_) => return not_found_page(&app, ui, &format!("/group/{code}")),
    };
    let mut s = String::new();
    // The hierarchy above it.
    let mut chain = vec![];
    let mut at = c.parent(&g.code);
    while let Some(p) = at {
        chain.push(p);
        at = c.parent(&p.code);
    }
    let _ = write!(
        s,
        "<nav class=\"crumbs\" aria-label=\"{}\"><ol>\n\
         <li><a href=\"/browse?lang={}\">NOC {}</a></li>\n",
        Esc(ui.hierarchy),
        lang.code(),
        g.version
    );
    for p in chain.iter().rev() {
        let _ = writeln!(
            s,
            "<li><a href=\"/group/{code}?lang={l}\">{code} {}</a></li>",
            Esc(p.title.show(lang)),
            code = p.code,
            l = lang.code(),
        );
    }
    s += "</ol></nav>\n";
    let _ = writeln!(
        s,
        "<h1><span class=\"code\">{}</span> {}</h1>",
        g.code,
        Esc(g.title.show(lang))
    );
    let mut facts = format!("NOC {} · {}", g.version, ui.level(g.level));
    if let (Some(t), Level::UnitGroup) = (g.teer(), g.level) {
        let _ = write!(facts, " · TEER {t} ({})", noc::teer_name(t));
    }
    let _ = writeln!(s, "<p class=\"facts\">{}</p>", Esc(&facts));
    // The title in the other languages, Chinese where the data has it.
    let shown = g.title.show(lang);
    let others: Vec<(Lang, &String)> =
        g.title.iter().filter(|(_, t)| t.as_str() != shown).collect();
    if !others.is_empty() {
        let _ = write!(
            s,
            "<section><h2>{}</h2><ul class=\"other-titles\">",
            Esc(ui.other_titles)
        );
        for (l, t) in others {
            let _ = write!(
                s,
                "<li lang=\"{}\">{}</li>",
                Ui::of(l).html_lang,
                Esc(t)
            );
        }
        s += "</ul></section>\n";
    }
    if let Some(t) = g.lead_statement.get_or_any(lang) {
        let _ = writeln!(
            s,
            "<section><h2>{}</h2><p>{}</p></section>",
            Esc(ui.lead_statement),
            Esc(t)
        );
    }
    titles_section(&mut s, ui.example_titles, &g.example_titles, lang, None);
    duties(&mut s, ui, g, lang);
    texts(&mut s, ui.requirements, &g.employment_requirements, lang);
    texts(&mut s, ui.additional, &g.additional_information, lang);
    exclusions(&mut s, &app, ui, g);
    titles_section(&mut s, ui.inclusions, &g.inclusions, lang, None);
    titles_section(
        &mut s,
        ui.all_titles,
        &g.all_titles,
        lang,
        Some(ui.filter_titles),
    );
    concordance(&mut s, &app, ui, g);
    let children: Vec<&Group> = c.children(&g.code).collect();
    if !children.is_empty() {
        let _ = write!(s, "<section><h2>{}</h2><ul>", Esc(ui.contains));
        for ch in children {
            let _ = write!(
                s,
                "<li><a href=\"/group/{code}?lang={l}\">{code}</a> {}</li>",
                Esc(ch.title.show(lang)),
                code = ch.code,
                l = lang.code()
            );
        }
        s += "</ul></section>\n";
    }
    if let Some(src) = &g.source {
        let _ = writeln!(s, "<p class=\"source\">{}</p>", Esc(src));
    }
    let path = format!("/group/{}", g.code);
    let title = format!("{} {}", g.code, g.title.show(lang));
    Html(page(ui, &title, &path, &s, &app.source)).into_response()
}

/// The entries that have `lang`; all entries when none has it (as `noc
/// show` picks them).
fn pick<T, U>(
    items: &[T],
    lang: Lang,
    text: impl Fn(&T) -> &Multilingual<U>,
) -> Vec<&T> {
    let with: Vec<&T> =
        items.iter().filter(|t| text(t).get(lang).is_some()).collect();
    if with.is_empty() {
        items.iter().collect()
    } else {
        with
    }
}

fn titles_section(
    s: &mut String,
    heading: &str,
    list: &[Title],
    lang: Lang,
    filter: Option<&str>,
) {
    let shown = pick(list, lang, |t| t);
    if shown.is_empty() {
        return;
    }
    let id = if filter.is_some() { "all-titles" } else { "" };
    let _ = writeln!(
        s,
        "<section id=\"{id}-section\"><h2>{} ({})</h2>",
        Esc(heading),
        shown.len()
    );
    if let Some(label) = filter {
        // Shown by app.js; without scripts the whole list is there.
        let _ = writeln!(
            s,
            "<p class=\"filter\" hidden><label for=\"title-filter\">{}</label> \
             <input id=\"title-filter\" type=\"search\" autocomplete=\"off\" \
             aria-controls=\"{id}\"></p>",
            Esc(label)
        );
    }
    let _ = write!(s, "<ul id=\"{id}\" class=\"titles\">");
    for t in shown {
        if let Some(f) = t.get_or_any(lang) {
            let _ = write!(s, "<li>{}</li>", Esc(&f.original));
        }
    }
    s.push_str("</ul></section>\n");
}

fn duties(s: &mut String, ui: &Ui, g: &Group, lang: Lang) {
    if g.main_duties.is_empty() {
        return;
    }
    let _ = writeln!(s, "<section><h2>{}</h2>", Esc(ui.main_duties));
    if let Some(intro) = g.duties_intro.get_or_any(lang) {
        let _ = writeln!(s, "<p>{}</p>", Esc(intro));
    }
    let with: Vec<_> = g
        .main_duties
        .iter()
        .filter(|d| d.items.iter().any(|t| t.get(lang).is_some()))
        .collect();
    let sections =
        if with.is_empty() { g.main_duties.iter().collect() } else { with };
    for d in sections {
        if let Some(h) = &d.heading {
            let _ = writeln!(s, "<h3>{}</h3>", Esc(h.show(lang)));
        }
        s.push_str("<ul>");
        for item in &d.items {
            let _ = write!(s, "<li>{}</li>", Esc(item.show(lang)));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn texts(s: &mut String, heading: &str, list: &[Text], lang: Lang) {
    let shown = pick(list, lang, |t| t);
    if shown.iter().all(|t| t.is_empty()) {
        return;
    }
    let _ = write!(s, "<section><h2>{}</h2><ul>", Esc(heading));
    for t in shown {
        let _ = write!(s, "<li>{}</li>", Esc(t.show(lang)));
    }
    s.push_str("</ul></section>\n");
}

fn exclusions(s: &mut String, app: &App, ui: &Ui, g: &Group) {
    let lang = ui.lang;
    let shown = pick(&g.exclusions, lang, |e| &e.text);
    if shown.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<section><h2>{}</h2><ul class=\"exclusions\">",
        Esc(ui.exclusions)
    );
    for e in shown {
        let _ = write!(s, "<li>{}", Esc(e.text.show(lang)));
        if let Some(code) = e.target {
            match app.classification.get(&code) {
                Some(t) => {
                    let _ = write!(
                        s,
                        " → <a href=\"/group/{code}?lang={}\">{code} {}</a>",
                        lang.code(),
                        Esc(t.title.show(lang))
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        " → {code} {} <em>({})</em>",
                        Esc(e.target_title.show(lang)),
                        Esc(ui.not_in_data)
                    );
                }
            }
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ul></section>\n");
}

/// Where a NOC 2021 group came from, or what an older group became.
fn concordance(s: &mut String, app: &App, ui: &Ui, g: &Group) {
    if g.level != Level::UnitGroup {
        return;
    }
    let sources = crate::api::sources(app, &g.code);
    if !sources.is_empty() {
        let _ = write!(s, "<section><h2>{}</h2><ul>", Esc(ui.came_from));
        for l in sources {
            // NOC 2016 V1.3 kept every NOC 2011 unit-group code.
            let _ = write!(
                s,
                "<li>NOC 2016/2011 {} {}</li>",
                l.from,
                Esc(&l.from_title)
            );
        }
        s.push_str("</ul></section>\n");
    }
    if let Some(conv) = crate::api::became(app, &g.code) {
        let _ = write!(s, "<section><h2>{}</h2><ul>", Esc(ui.became));
        for t in &conv.targets {
            let _ = write!(s, "<li>{} {}</li>", t.code, Esc(&t.title));
        }
        s.push_str("</ul></section>\n");
    }
}

/// `/browse?teer=N`: the hierarchy; with a TEER, its unit groups and the
/// classes above them.
pub async fn browse(
    State(app): State<Arc<App>>,
    q: PageResult,
) -> Html<String> {
    let q = read(q);
    let ui = q.ui();
    let lang = ui.lang;
    let teer: Option<u8> =
        q.teer.as_deref().and_then(|t| t.parse().ok()).filter(|t| *t <= 5);
    let c = &app.classification;
    let units: Vec<&Group> = c
        .groups()
        .iter()
        .filter(|g| {
            g.level == Level::UnitGroup
                && teer.is_none_or(|t| g.teer() == Some(t))
        })
        .collect();
    // Every class above a unit group shown.
    let mut keep: HashSet<NocCode> = units.iter().map(|g| g.code).collect();
    for u in &units {
        let mut at = c.parent(&u.code);
        while let Some(p) = at {
            keep.insert(p.code);
            at = c.parent(&p.code);
        }
    }
    let mut s =
        format!("<h1>{} · NOC {}</h1>\n", Esc(ui.nav_browse), c.version());
    if c.version() == noc::NocVersion::V2021 {
        let _ = write!(
            s,
            "<form class=\"teer-filter\" action=\"/browse\" method=\"get\">\
             <label for=\"teer\">{}</label> <select id=\"teer\" name=\"teer\">\
             <option value=\"\">{}</option>",
            Esc(ui.teer_filter),
            Esc(ui.all_teer)
        );
        for t in 0..=5u8 {
            let sel = if teer == Some(t) { " selected" } else { "" };
            let _ = write!(
                s,
                "<option value=\"{t}\"{sel}>{t} · {}</option>",
                Esc(noc::teer_name(t))
            );
        }
        let _ = writeln!(
            s,
            "</select> <input type=\"hidden\" name=\"lang\" value=\"{}\">\
             <button type=\"submit\">{}</button></form>",
            lang.code(),
            Esc(ui.show)
        );
    }
    let shown: Vec<&Group> =
        c.groups().iter().filter(|g| keep.contains(&g.code)).collect();
    let _ = writeln!(
        s,
        "<p class=\"count\">{} {}</p>\n<ul class=\"tree browse\">",
        shown.len(),
        Esc(ui.classes)
    );
    for g in shown {
        let depth = Level::ALL.iter().position(|l| *l == g.level).unwrap_or(0);
        let teer = match (g.level, g.teer()) {
            (Level::UnitGroup, Some(t)) => {
                format!(" <span class=\"teer\">TEER {t}</span>")
            }
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "<li class=\"d{depth}\"><a href=\"/group/{code}?lang={l}\">\
             {code}</a> {}{teer}</li>",
            Esc(g.title.show(lang)),
            code = g.code,
            l = lang.code()
        );
    }
    s.push_str("</ul>\n");
    let path = match teer {
        Some(t) => format!("/browse?teer={t}"),
        None => "/browse".to_string(),
    };
    Html(page(ui, ui.nav_browse, &path, &s, &app.source))
}

const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// `/assets/{name}`: the script and style sheet compiled in.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (kind, body) = match name.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "app.css" => ("text/css; charset=utf-8", APP_CSS),
        _ => return (StatusCode::NOT_FOUND, "no such asset").into_response(),
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body)
        .into_response()
}

/// Any other address: a JSON error under `/api/`, else a page.
pub async fn not_found(State(app): State<Arc<App>>, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::api::ApiError::new(
            StatusCode::NOT_FOUND,
            "no such API endpoint",
        )
        .into_response();
    }
    not_found_page(&app, &crate::html::EN, uri.path())
}

fn not_found_page(app: &App, ui: &Ui, path: &str) -> Response {
    let body = format!(
        "<h1>{}</h1>\n<p><code>{}</code></p>\n",
        Esc(ui.not_found),
        Esc(path)
    );
    (
        StatusCode::NOT_FOUND,
        Html(page(ui, ui.not_found, "/", &body, &app.source)),
    )
        .into_response()
}

/// The query string of the check page.
#[derive(Debug, Default, Deserialize)]
pub struct CheckQuery {
    code: Option<String>,
    title: Option<String>,
    duties: Option<String>,
    lang: Option<String>,
}

impl CheckQuery {
    /// The request to run, when a code and duties are given.
    fn request(&self) -> Option<crate::api::CheckRequest> {
        let code = self.code.as_deref()?.trim();
        let duties = self.duties.as_deref()?;
        if code.is_empty() || duties.trim().is_empty() {
            return None;
        }
        Some(crate::api::CheckRequest {
            code: code.to_string(),
            duties: duties.to_string(),
            title: self.title.clone(),
            lang: None,
        })
    }
}

type CheckResult =
    Result<Query<CheckQuery>, axum::extract::rejection::QueryRejection>;

/// `/check?code=…&title=…&duties=…`: a reference letter's duties against
/// a unit group, as `noc check`.
pub async fn check(
    State(app): State<Arc<App>>,
    q: CheckResult,
) -> Html<String> {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let ui = PageQuery { lang: q.lang.clone(), ..Default::default() }.ui();
    let lang = ui.lang.code();
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{h}</h1>\n<p class=\"hint no-print\">{intro}</p>\n\
         <form id=\"check\" class=\"no-print\" action=\"/check\" \
         method=\"get\">\n\
         <label for=\"code\">{code_l}</label>\n\
         <input id=\"code\" name=\"code\" value=\"{code}\" maxlength=\"10\" \
         inputmode=\"numeric\" required>\n\
         <label for=\"title\">{title_l}</label>\n\
         <input id=\"title\" name=\"title\" value=\"{title}\" \
         maxlength=\"{max}\">\n\
         <label for=\"duties\">{duties_l}</label>\n\
         <textarea id=\"duties\" name=\"duties\" rows=\"10\" \
         required>{duties}</textarea>\n\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\n\
         <button type=\"submit\">{button}</button>\n</form>\n",
        h = Esc(ui.nav_check),
        intro = Esc(ui.check_intro),
        code_l = Esc(ui.code_label),
        code = Esc(q.code.as_deref().unwrap_or("")),
        title_l = Esc(ui.letter_title_label),
        title = Esc(q.title.as_deref().unwrap_or("")),
        max = app.limits.title_chars,
        duties_l = Esc(ui.duties_label),
        duties = Esc(q.duties.as_deref().unwrap_or("")),
        button = Esc(ui.check_button),
    );
    if let Some(req) = q.request() {
        match crate::api::run_check(&app, &req) {
            Ok(r) => {
                let query = check_query(&req, lang);
                body += &report_html(ui, &r, &query);
            }
            Err(e) => {
                let _ = writeln!(
                    body,
                    "<p class=\"error\" role=\"alert\">{}</p>",
                    Esc(e.message())
                );
            }
        }
    }
    Html(page(ui, ui.nav_check, "/check", &body, &app.source))
}

/// The query string of a check, for the Markdown link.
fn check_query(req: &crate::api::CheckRequest, lang: &str) -> String {
    format!(
        "code={}&title={}&duties={}&lang={lang}",
        Url(&req.code),
        Url(req.title.as_deref().unwrap_or("")),
        Url(&req.duties)
    )
}

/// `/check.md?code=…&duties=…`: the report as a Markdown download.
pub async fn check_markdown(
    State(app): State<Arc<App>>,
    q: CheckResult,
) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let Some(req) = q.request() else {
        return crate::api::ApiError::bad_request(
            "expected code=CODE and duties=TEXT",
        )
        .into_response();
    };
    match crate::api::run_check(&app, &req) {
        Ok(r) => (
            [
                (header::CONTENT_TYPE, "text/markdown; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"noc-check.md\"",
                ),
            ],
            r.to_markdown(),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// The check report as HTML.
fn report_html(
    ui: &Ui,
    r: &noc::describe::check::CheckReport,
    query: &str,
) -> String {
    use noc::describe::check::{Strength, Verdict};
    let lang = ui.lang.code();
    let pct = |x: f32| format!("{:.0} %", x * 100.0);
    let strength = |s: Strength| match s {
        Strength::Strong => ui.strengths[0],
        Strength::Partial => ui.strengths[1],
        Strength::None => ui.strengths[2],
    };
    let verdict = match r.verdict {
        Verdict::Strong => ui.strengths[0],
        Verdict::Partial => ui.strengths[1],
        Verdict::Weak => ui.weak,
    };
    let c = &r.coverage;
    let mut s = String::new();
    let _ = write!(
        s,
        "<section id=\"report\">\n<h2><a href=\"/group/{code}?lang={lang}\">\
         {code}</a> {title} (NOC {version})</h2>\n",
        code = r.code,
        title = Esc(&r.title),
        version = r.version,
    );
    if let Some(t) = &r.client_title {
        let _ = writeln!(
            s,
            "<p>{}: <q>{}</q></p>",
            Esc(ui.letter_title_label),
            Esc(t)
        );
    }
    let _ = write!(
        s,
        "<p class=\"verdict verdict-{v:?}\"><strong>{vl}: {verdict}</strong></p>\n\
         <ul class=\"coverage\"><li>{ml}: {} / {} ({})</li>\n\
         <li>{cl}: {} / {} ({})</li></ul>\n\
         <p class=\"no-print\"><a href=\"/check.md?{q}\" download>{md}</a></p>\n",
        c.main_duties_covered,
        c.main_duties,
        pct(c.main_duties_share),
        c.client_duties_explained,
        c.client_duties,
        pct(c.client_duties_share),
        v = r.verdict,
        vl = Esc(ui.verdict),
        verdict = Esc(verdict),
        ml = Esc(ui.main_covered),
        cl = Esc(ui.client_explained),
        q = Esc(query),
        md = Esc(ui.download_md),
    );
    if let Some(lead) = &r.lead_statement {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<p><q>{}</q> — {:.2} ({})</p>",
            Esc(ui.lead_statement),
            Esc(&lead.text),
            lead.fit,
            Esc(strength(lead.strength))
        );
    }
    let _ = writeln!(
        s,
        "<h3>{}</h3>\n<ol class=\"main-duties\">",
        Esc(ui.main_duties)
    );
    for m in &r.main_duties {
        let by = match m
            .covered_by
            .and_then(|i| r.client_duties.get(i).map(|d| (i, d)))
        {
            Some((i, d)) => format!(
                "{} {} (<q>{}</q>, {:.2})",
                Esc(ui.covered_by),
                i + 1,
                Esc(&d.text),
                m.similarity
            ),
            None => "—".to_string(),
        };
        let _ = writeln!(
            s,
            "<li class=\"strength-{:?}\">{} <br><small>[{}] {by}</small></li>",
            m.strength,
            Esc(&m.text),
            Esc(strength(m.strength)),
        );
    }
    let _ = writeln!(
        s,
        "</ol>\n<h3>{}</h3>\n<ol class=\"client-duties\">",
        Esc(ui.client_duties)
    );
    for d in &r.client_duties {
        let what = match (d.supports, d.lead_statement) {
            (Some(j), _) => format!(
                "→ {} {} ({}, {:.2})",
                Esc(ui.main_duties),
                j + 1,
                Esc(strength(d.strength)),
                d.similarity
            ),
            (None, true) => {
                format!("→ {} ({:.2})", Esc(ui.lead_statement), d.similarity)
            }
            (None, false) => Esc(ui.not_in_profile).to_string(),
        };
        let reading = match &d.reading {
            Some(r) => format!(
                " <br><small class=\"reading\">{}: {} ({})</small>",
                Esc(ui.read_as),
                Esc(&r.english),
                Esc(ui.unofficial_translation)
            ),
            None => String::new(),
        };
        let _ = writeln!(
            s,
            "<li>{}{reading} <br><small>{what}</small></li>",
            Esc(&d.text)
        );
    }
    s += "</ol>\n";
    if !r.set_aside.is_empty() {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<ul class=\"set-aside\">",
            Esc(ui.set_aside)
        );
        for a in &r.set_aside {
            let _ = writeln!(
                s,
                "<li>{} <small>[{}]</small></li>",
                Esc(&a.text),
                Esc(letter_part(ui, a.part))
            );
        }
        s += "</ul>\n";
    }
    if !r.copied.is_empty() {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<ul class=\"warnings\">",
            Esc(ui.copied)
        );
        for w in &r.copied {
            let how = if w.translated {
                format!(", {}", Esc(ui.translated_copy))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<li role=\"note\">{} {} ≈ {} {} ({}{how})</li>",
                Esc(ui.client_duties),
                w.client_duty + 1,
                Esc(ui.main_duties),
                w.main_duty + 1,
                pct(w.overlap)
            );
        }
        s += "</ul>\n";
    }
    if !r.better_fits.is_empty() {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<ol class=\"better\">",
            Esc(ui.better_fits)
        );
        for b in &r.better_fits {
            let _ = writeln!(
                s,
                "<li><a class=\"code\" href=\"/group/{code}?lang={lang}\">\
                 {code}</a> {} ({} {:.3}; {} {}, {} {})</li>",
                Esc(&b.title),
                Esc(ui.score),
                b.score,
                Esc(ui.main_covered),
                pct(b.coverage.main_duties_share),
                Esc(ui.client_explained),
                pct(b.coverage.client_duties_share),
                code = b.code,
            );
        }
        s += "</ol>\n";
    }
    s += "</section>\n";
    s
}

/// The name of a part of a letter in the page's language.
fn letter_part(ui: &Ui, part: noc::describe::LetterPart) -> &'static str {
    use noc::describe::LetterPart as P;
    let i = match part {
        P::Letterhead => 0,
        P::Formula => 1,
        P::Signature => 2,
        P::Contact => 3,
        P::Date => 4,
        P::Terms => 5,
        P::Praise => 6,
    };
    ui.letter_parts[i]
}
