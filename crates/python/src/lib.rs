//! `noc._noc`: the native half of the Python package `noc`. It only turns
//! Python calls into calls of the `noc` library, as the CLI does with
//! flags. Results cross as the library's serde JSON: profiles,
//! conversions and single results as JSON text (the same as `noc show
//! --json`, `noc convert --json`, `noc match --json`) that
//! `noc/__init__.py` reads with `json.loads`; batches as [`Candidate`]s
//! that hold the Rust result and build a candidate's JSON object only
//! when it is read. Either way a field added to the library's types
//! appears in Python with no change here.

use std::path::PathBuf;
use std::sync::Arc;

use noc::describe::Description;
use noc::matcher::{Config, Match};
use noc::source::{Request, Source};
use noc::store::Store;
use noc::{Lang, NocVersion};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning, PyValueError};
use pyo3::prelude::*;

create_exception!(
    _noc,
    NocError,
    PyException,
    "An error of the noc library, with the same message as the CLI's."
);
create_exception!(
    _noc,
    NotFound,
    NocError,
    "A code that is not in the loaded data or the concordance."
);

create_exception!(
    _noc,
    NocWarning,
    PyUserWarning,
    "A problem that did not stop a load: a bad row skipped, a damaged \
     cache rebuilt, a cache that could not be written."
);

/// Issues the warnings of a load as `NocWarning`s, pointing at the
/// caller of the `noc` function (two frames up).
fn emit(py: Python<'_>, warnings: Vec<String>) -> PyResult<()> {
    let category = py.get_type::<NocWarning>();
    for w in warnings {
        let msg = std::ffi::CString::new(w.replace('\0', " "))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        PyErr::warn(py, &category, &msg, 2)?;
    }
    Ok(())
}

/// Runs a load without the GIL, collecting its warnings, then issues
/// them, whether the load failed or not.
fn loading<T: Send>(
    py: Python<'_>,
    f: impl FnOnce(&mut dyn FnMut(&str)) -> Result<T, noc::Error> + Send,
) -> PyResult<T> {
    let (result, warnings) = py.allow_threads(|| {
        let mut warnings = vec![];
        let result = f(&mut |w| warnings.push(w.to_string()));
        (result, warnings)
    });
    emit(py, warnings)?;
    result.map_err(noc_err)
}

/// The message of an error and its causes, joined by ": " as the CLI
/// prints them.
fn message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cause = c.source();
    }
    msg
}

fn noc_err(err: noc::Error) -> PyErr {
    NocError::new_err(message(&err))
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| NocError::new_err(format!("encoding JSON: {e}")))
}

fn version(year: Option<u16>) -> PyResult<Option<NocVersion>> {
    year.map(|y| match y {
        2011 => Ok(NocVersion::V2011),
        2016 => Ok(NocVersion::V2016),
        2021 => Ok(NocVersion::V2021),
        _ => Err(PyValueError::new_err(format!(
            "version must be 2011, 2016 or 2021, not {y}"
        ))),
    })
    .transpose()
}

fn lang(code: Option<&str>) -> PyResult<Option<Lang>> {
    code.map(|c| match c {
        "en" => Ok(Lang::En),
        "fr" => Ok(Lang::Fr),
        "zh" => Ok(Lang::Zh),
        _ => Err(PyValueError::new_err(format!(
            "lang must be 'en', 'fr' or 'zh' (or None to detect), not {c:?}"
        ))),
    })
    .transpose()
}

/// The library request for `data=` (or `NOC_DATA_DIR`, read by the
/// Python side and named by `by`), `version=`, `store=` and `cache=`.
fn request(
    data: Option<PathBuf>,
    by: &str,
    year: Option<u16>,
    store: Option<PathBuf>,
    cache: bool,
) -> PyResult<Request> {
    let mut r = Request::new().version(version(year)?).no_cache(!cache);
    if let Some(path) = data {
        let by = if by == "NOC_DATA_DIR" { "NOC_DATA_DIR" } else { "data=" };
        r = r.data(path, by);
    }
    if let Some(dir) = store {
        r = r.store(Store::new(dir));
    }
    Ok(r)
}

fn source_path(source: &Source) -> Option<String> {
    source.path().map(|p| p.display().to_string())
}

/// One version of the NOC, loaded: its classes and their profiles.
#[pyclass(frozen, module = "noc._noc")]
struct Classification {
    inner: Arc<noc::Classification>,
    source: Source,
    request: Request,
    /// The index for `check`, loaded on its first call.
    index: std::sync::OnceLock<Arc<noc::matcher::Matcher>>,
}

#[pymethods]
impl Classification {
    /// The NOC version, e.g. 2021.
    #[getter]
    fn version(&self) -> u16 {
        self.inner.version().year()
    }

    /// Where the data came from, as `noc data status` says it.
    #[getter]
    fn source(&self) -> String {
        self.source.to_string()
    }

    /// The data folder or file, None for the embedded default.
    #[getter]
    fn path(&self) -> Option<String> {
        source_path(&self.source)
    }

    fn __len__(&self) -> usize {
        self.inner.groups().len()
    }

    fn __contains__(&self, code: &str) -> bool {
        self.inner.get_str(code).is_some()
    }

    /// The codes of the classes, in order; only those of one level
    /// (`broad`, `major`, `sub-major`, `minor`, `unit`) when given.
    #[pyo3(signature = (level=None))]
    fn codes(&self, level: Option<&str>) -> PyResult<Vec<String>> {
        let level = level
            .map(|l| match l {
                "broad" => Ok(noc::Level::BroadCategory),
                "major" => Ok(noc::Level::MajorGroup),
                "sub-major" => Ok(noc::Level::SubMajorGroup),
                "minor" => Ok(noc::Level::MinorGroup),
                "unit" => Ok(noc::Level::UnitGroup),
                _ => Err(PyValueError::new_err(format!(
                    "level must be broad, major, sub-major, minor or unit, \
                     not {l:?}"
                ))),
            })
            .transpose()?;
        Ok(self
            .inner
            .groups()
            .iter()
            .filter(|g| level.is_none_or(|l| g.level == l))
            .map(|g| g.code.to_string())
            .collect())
    }

    /// The JSON of one class's profile (as `noc show --json`).
    fn show_json(&self, code: &str) -> PyResult<String> {
        match self.inner.get_str(code) {
            Some(g) => json(g),
            None => Err(NotFound::new_err(format!(
                "no class {code} in the loaded data ({})",
                self.source
            ))),
        }
    }

    /// A matcher over the same data, its index read from the cache (or
    /// built and cached).
    fn matcher(&self, py: Python<'_>) -> PyResult<Matcher> {
        load_matcher(py, &self.request)
    }

    /// The JSON of the check of a reference letter's duties against
    /// unit group `code` (as `noc check CODE --duties FILE --json`).
    #[pyo3(signature = (code, duties, title, lang))]
    fn check_json(
        &self,
        py: Python<'_>,
        code: &str,
        duties: &str,
        title: Option<&str>,
        lang: Option<&str>,
    ) -> PyResult<String> {
        let lang = self::lang(lang)?;
        let noc_code = noc::NocCode::new(code.trim()).map_err(|e| {
            NocError::new_err(format!("noc check {code}: {}", message(&e)))
        })?;
        let d = description(title, duties)?;
        let matcher = match self.index.get() {
            Some(m) => m.clone(),
            None => {
                let m = load_matcher(py, &self.request)?.inner;
                self.index.get_or_init(|| m).clone()
            }
        };
        let report = py
            .allow_threads(|| {
                noc::describe::check::check_in(&matcher, &noc_code, &d, lang)
            })
            .map_err(|e| {
                // A code not in the data at all is not found, as `show`.
                if self.inner.get_str(code.trim()).is_none() {
                    NotFound::new_err(message(&e))
                } else {
                    noc_err(e)
                }
            })?;
        json(&report)
    }
}

/// A description from `duties=` text, refused as the CLI refuses a duties
/// file (too long, binary, no duty), its message naming `duties=`.
fn description(title: Option<&str>, duties: &str) -> PyResult<Description> {
    Description::from_bytes(title, duties.as_bytes(), None).map_err(|e| {
        NocError::new_err(format!(
            "duties=: reading the duties: {}",
            message(&e)
        ))
    })
}

/// Loads the index of `request` into a matcher.
fn load_matcher(py: Python<'_>, request: &Request) -> PyResult<Matcher> {
    let (index, source) = loading(py, |warn| request.index(warn))?;
    let inner = Arc::new(noc::matcher::Matcher::new(index));
    Ok(Matcher { inner, source })
}

/// Matches job titles; immutable, shared by every thread.
#[pyclass(frozen, module = "noc._noc")]
struct Matcher {
    inner: Arc<noc::matcher::Matcher>,
    source: Source,
}

/// The settings of one call.
fn config(
    top: usize,
    min_score: f32,
    lang_code: Option<&str>,
    explain: bool,
) -> PyResult<Config> {
    if top == 0 {
        return Err(PyValueError::new_err("top must be at least 1"));
    }
    if !(0.0..=1.0).contains(&min_score) {
        return Err(PyValueError::new_err(
            "min_score must be between 0 and 1",
        ));
    }
    Ok(Config::DEFAULT
        .top(top)
        .min_score(min_score)
        .lang(lang(lang_code)?)
        .explain(explain))
}

#[pymethods]
impl Matcher {
    /// The NOC version of the index, e.g. 2021.
    #[getter]
    fn version(&self) -> u16 {
        self.inner.index().version().year()
    }

    /// Where the data came from.
    #[getter]
    fn source(&self) -> String {
        self.source.to_string()
    }

    /// The JSON of the match of one title: `{"query", "lang",
    /// "candidates"}`.
    /// With `duties`, the title and duties are ranked as a description
    /// (as `noc match TITLE --duties FILE --json`).
    #[pyo3(signature = (title, top, min_score, lang, explain, duties=None))]
    #[allow(clippy::too_many_arguments)]
    fn match_json(
        &self,
        py: Python<'_>,
        title: &str,
        top: usize,
        min_score: f32,
        lang: Option<&str>,
        explain: bool,
        duties: Option<&str>,
    ) -> PyResult<String> {
        let config = config(top, min_score, lang, explain)?;
        let d = duties.map(|t| description(Some(title), t)).transpose()?;
        let m = py.allow_threads(|| match &d {
            Some(d) => self.inner.match_description_with_config(
                &mut Default::default(),
                d,
                &config,
            ),
            None => self.inner.match_with_config(
                &mut Default::default(),
                title,
                &config,
            ),
        });
        json(&m)
    }

    /// The candidates of many titles, one list per title, in order,
    /// matched on `threads` threads with the GIL released. Candidates
    /// are converted to Python only when read, so a batch costs little
    /// more than matching it.
    ///
    /// `duties`, when given, holds one duty text (or None: the title
    /// alone) per title, and every title is ranked as a description.
    ///
    /// A title without a letter or digit (and without duties) is a bad
    /// row: it gets no candidates and one `NocWarning` names every such
    /// row, as `noc match --input` reports its bad rows (`name` is how
    /// the warning names the titles: `titles[i]`, or `title` for one).
    #[pyo3(signature = (titles, top, min_score, lang, explain, threads, duties=None, name="titles"))]
    #[allow(clippy::too_many_arguments)]
    fn match_many(
        &self,
        py: Python<'_>,
        titles: Vec<String>,
        top: usize,
        min_score: f32,
        lang: Option<&str>,
        explain: bool,
        threads: Option<usize>,
        duties: Option<Vec<Option<String>>>,
        name: &str,
    ) -> PyResult<Vec<Vec<Candidate>>> {
        let config = config(top, min_score, lang, explain)?;
        let threads = threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        });
        let ds = duties.map(|d| descriptions(&titles, d)).transpose()?;
        let bad: Vec<(usize, &str)> = titles
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                ds.as_ref().is_none_or(|ds| ds[*i].duties.is_empty())
            })
            .filter_map(|(i, t)| {
                noc::matcher::title_problem(t).map(|why| (i, why))
            })
            .collect();
        emit(py, bad_rows_warning(&bad, titles.len(), name))?;
        let matches = py.allow_threads(|| match &ds {
            Some(ds) => {
                self.inner.match_descriptions_config(ds, threads, &config)
            }
            None => self.inner.match_many_config(&titles, threads, &config),
        });
        Ok(matches.into_iter().map(Candidate::all).collect())
    }

    /// The columns of `noc.match_series` for many titles: the language
    /// read, the best candidate's fields and the others as
    /// `code:score;...` (as `noc match --format csv`), None where nothing
    /// matched.
    #[pyo3(signature = (titles, top, min_score, lang, threads))]
    fn best_columns(
        &self,
        py: Python<'_>,
        titles: Vec<String>,
        top: usize,
        min_score: f32,
        lang: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Columns> {
        let config = config(top, min_score, lang, false)?;
        let threads = threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        });
        Ok(py.allow_threads(|| {
            let matches =
                self.inner.match_many_config(&titles, threads, &config);
            columns(&matches)
        }))
    }
}

/// The one warning of a batch's bad rows (the first few named), or none.
fn bad_rows_warning(
    bad: &[(usize, &str)],
    of: usize,
    name: &str,
) -> Vec<String> {
    const NAMED: usize = 5;
    if bad.is_empty() {
        return vec![];
    }
    let label = |i: usize| match of {
        1 if name == "title" => name.to_string(),
        _ => format!("{name}[{i}]"),
    };
    let mut rows: Vec<String> = bad
        .iter()
        .take(NAMED)
        .map(|(i, why)| format!("{}: {why}", label(*i)))
        .collect();
    if bad.len() > NAMED {
        rows.push(format!("and {} more", bad.len() - NAMED));
    }
    let head = match bad.len() {
        1 => "1 bad row".to_string(),
        n => format!("{n} bad rows"),
    };
    vec![format!(
        "{head} of {of}, left without candidates: {}",
        rows.join("; ")
    )]
}

/// The descriptions of a batch: `duties[i]` goes with `titles[i]`; None
/// or blank duties leave the title alone (matched as a title).
fn descriptions(
    titles: &[String],
    duties: Vec<Option<String>>,
) -> PyResult<Vec<Description>> {
    if duties.len() != titles.len() {
        return Err(PyValueError::new_err(format!(
            "duties must hold one entry per title: {} titles, {} duties",
            titles.len(),
            duties.len()
        )));
    }
    titles
        .iter()
        .zip(duties)
        .enumerate()
        .map(|(i, (title, duties))| match duties {
            Some(text) if !text.trim().is_empty() => {
                Description::from_bytes(Some(title), text.as_bytes(), None)
                    .map_err(|e| {
                        NocError::new_err(format!(
                            "duties[{i}]: reading the duties: {}",
                            message(&e)
                        ))
                    })
            }
            _ => Ok(Description::new(Some(title), "", None)),
        })
        .collect()
}

/// `Matcher.best_columns`: lang, code, title, score, confidence,
/// matched_title, matched_lang, others.
type Columns = (
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<f64>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
);

fn columns(matches: &[Match]) -> Columns {
    let mut cols: Columns = Default::default();
    for m in matches {
        let best = m.candidates.first();
        cols.0.push(m.lang.map(|l| l.to_string()));
        cols.1.push(best.map(|c| c.code.to_string()));
        cols.2.push(best.map(|c| c.title.clone()));
        cols.3.push(best.map(|c| json_f64(c.score)));
        cols.4.push(best.map(|c| {
            serde_json::to_value(c.confidence)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }));
        cols.5.push(best.map(|c| c.matched_title.clone()));
        cols.6.push(best.map(|c| c.matched_lang.to_string()));
        cols.7.push(best.map(|_| {
            m.candidates
                .iter()
                .skip(1)
                .map(|c| format!("{}:{:.3}", c.code, c.score))
                .collect::<Vec<_>>()
                .join(";")
        }));
    }
    cols
}

/// A score as the JSON output gives it to a reader: the shortest decimal
/// that is the `f32`, read as an `f64`.
fn json_f64(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// One ranked unit group, read lazily: its fields are those of `noc
/// match --json`, by attribute (`c.code`) or key (`c["code"]`).
#[pyclass(frozen, module = "noc._noc", name = "Candidate")]
struct Candidate {
    m: Arc<Match>,
    i: usize,
    value: std::sync::OnceLock<serde_json::Value>,
}

impl Candidate {
    fn all(m: Match) -> Vec<Candidate> {
        let m = Arc::new(m);
        (0..m.candidates.len())
            .map(|i| Candidate { m: m.clone(), i, value: Default::default() })
            .collect()
    }

    /// The JSON object, read back from its text so that numbers are
    /// those a JSON reader of the CLI's output sees.
    fn value(&self) -> &serde_json::Value {
        self.value.get_or_init(|| {
            serde_json::to_string(&self.m.candidates[self.i])
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default()
        })
    }

    fn field(&self, py: Python<'_>, key: &str) -> Option<PyObject> {
        // The fields read most (a batch's best codes) come straight
        // from the candidate, without its JSON object.
        let c = &self.m.candidates[self.i];
        let direct = match key {
            "code" => Some(c.code.as_str().into_pyobject(py).ok()?.into_any()),
            "title" => {
                Some(c.title.as_str().into_pyobject(py).ok()?.into_any())
            }
            "score" => {
                Some(json_f64(c.score).into_pyobject(py).ok()?.into_any())
            }
            _ => None,
        };
        match direct {
            Some(v) => Some(v.unbind()),
            None => self.value().get(key).map(|v| to_py(py, v)),
        }
    }
}

/// A JSON value as Python data.
fn to_py(py: Python<'_>, v: &serde_json::Value) -> PyObject {
    use pyo3::types::{PyDict, PyList};
    use serde_json::Value;
    match v {
        Value::Null => py.None(),
        Value::Bool(b) => b
            .into_pyobject(py)
            .map_or(py.None(), |b| b.to_owned().into_any().unbind()),
        Value::Number(n) => {
            let obj = if let Some(i) = n.as_i64() {
                i.into_pyobject(py).map(|o| o.into_any().unbind())
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py).map(|o| o.into_any().unbind())
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)
                    .map(|o| o.into_any().unbind())
            };
            obj.unwrap_or_else(|_| py.None())
        }
        Value::String(s) => {
            s.into_pyobject(py).map_or(py.None(), |s| s.into_any().unbind())
        }
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                let _ = list.append(to_py(py, item));
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let _ = dict.set_item(k, to_py(py, item));
            }
            dict.into_any().unbind()
        }
    }
}

#[pymethods]
impl Candidate {
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<PyObject> {
        self.field(py, name).ok_or_else(|| {
            pyo3::exceptions::PyAttributeError::new_err(format!(
                "Candidate has no field {name:?}"
            ))
        })
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<PyObject> {
        self.field(py, key).ok_or_else(|| {
            pyo3::exceptions::PyKeyError::new_err(key.to_string())
        })
    }

    /// A field, or `default` when the candidate has none of that name
    /// (as the JSON, it leaves out fields that do not apply).
    #[pyo3(signature = (key, default=None))]
    fn get(
        &self,
        py: Python<'_>,
        key: &str,
        default: Option<PyObject>,
    ) -> PyObject {
        self.field(py, key).or(default).unwrap_or_else(|| py.None())
    }

    fn __contains__(&self, key: &str) -> bool {
        self.value().get(key).is_some()
    }

    /// The names of its fields, in the JSON's order.
    fn keys(&self) -> Vec<String> {
        self.value()
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The candidate as a dict, exactly the object of `noc match --json`.
    fn to_dict(&self, py: Python<'_>) -> PyObject {
        to_py(py, self.value())
    }

    fn __eq__(
        &self,
        py: Python<'_>,
        other: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let mine = self.to_dict(py);
        match other.downcast::<Candidate>() {
            Ok(c) => mine.bind(py).eq(c.get().to_dict(py)),
            Err(_) => mine.bind(py).eq(other),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Candidate({})", self.to_dict(py).bind(py).repr()?))
    }
}

/// Loads the classification `data=`/`version=` name.
#[pyfunction]
#[pyo3(signature = (data, by, version, store, cache))]
fn load(
    py: Python<'_>,
    data: Option<PathBuf>,
    by: &str,
    version: Option<u16>,
    store: Option<PathBuf>,
    cache: bool,
) -> PyResult<Classification> {
    let request = request(data, by, version, store, cache)?;
    let (c, source) = loading(py, |warn| request.classification(warn))?;
    Ok(Classification {
        inner: Arc::new(c),
        source,
        request,
        index: Default::default(),
    })
}

/// A matcher over the data `data=`/`version=` name, without the
/// classification.
#[pyfunction]
#[pyo3(signature = (data, by, version, store, cache))]
fn matcher(
    py: Python<'_>,
    data: Option<PathBuf>,
    by: &str,
    version: Option<u16>,
    store: Option<PathBuf>,
    cache: bool,
) -> PyResult<Matcher> {
    let request = request(data, by, version, store, cache)?;
    load_matcher(py, &request)
}

/// The JSON of a NOC 2016 (or 2011) code's conversion to NOC 2021, from
/// the concordance `concordance=`, else the installed one, else one in or
/// beside the `data=` folder.
#[pyfunction]
#[pyo3(signature = (code, from_year, concordance, data, store))]
fn convert_json(
    py: Python<'_>,
    code: &str,
    from_year: u16,
    concordance: Option<PathBuf>,
    data: Option<PathBuf>,
    store: Option<PathBuf>,
) -> PyResult<String> {
    if from_year != 2016 && from_year != 2011 {
        return Err(PyValueError::new_err(
            "only from_=2016 or 2011 is available: the concordance is \
             Statistics Canada's NOC 2016 V1.3 → NOC 2021 V1.0",
        ));
    }
    let store = match store {
        Some(dir) => Some(Store::new(dir)),
        None => noc::source::default_store().ok(),
    };
    let c = loading(py, |warn| {
        noc::source::concordance(
            concordance.as_deref(),
            store.as_ref(),
            data.as_deref(),
            warn,
        )
    })?;
    match c.convert(code) {
        Some(conv) => json(&conv),
        None => Err(NotFound::new_err(format!(
            "{code}: not a NOC {from_year} unit group in the concordance"
        ))),
    }
}

/// The native module.
#[pymodule]
fn _noc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NocError", m.py().get_type::<NocError>())?;
    m.add("NotFound", m.py().get_type::<NotFound>())?;
    m.add("NocWarning", m.py().get_type::<NocWarning>())?;
    m.add_class::<Classification>()?;
    m.add_class::<Matcher>()?;
    m.add_class::<Candidate>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(matcher, m)?)?;
    m.add_function(wrap_pyfunction!(convert_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MIN_SCORE", noc::matcher::score::DEFAULT_MIN_SCORE)?;
    Ok(())
}
