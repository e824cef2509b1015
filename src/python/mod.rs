//! PyO3 glue — the only code that imports pyo3. It converts Python input into owned
//! [`Article`]s, releases the GIL around the whole batch ([`run_detached`]), and converts
//! [`Record`]s back into plain dicts. No extraction logic lives here.

mod arrow;
mod to_py;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::article::{Article, Include};
use crate::error::Error;
use crate::extract::dedup::DedupIndex;
use crate::extract::keys::Registry;
use crate::extractor::Extractor;
use crate::record::Record;
use crate::tables::Tables;

/// Maps the core's error to the package's exception classes (`newsfacts.errors`), falling back
/// to the builtin class each of them also derives from.
fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let (class, fallback): (&str, fn(String) -> PyErr) = match err {
        Error::InvalidOption { .. } => ("InvalidOptionError", |m| PyValueError::new_err(m)),
        Error::Article { .. } => ("ArticleError", |m| PyValueError::new_err(m)),
        Error::ThreadPool(_) | Error::Cancelled | Error::Tables(_) => {
            ("NewsfactsError", |m| PyRuntimeError::new_err(m))
        }
    };
    let msg = err.to_string();
    py.import("newsfacts.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call1((msg.clone(),)))
        .map_or_else(|_| fallback(msg), PyErr::from_value)
}

/// One optional string column: `None` or a `str` per article.
fn opt_str(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
    i: usize,
    errors: &mut Vec<String>,
) -> Option<String> {
    let obj = obj?;
    if obj.is_none() {
        return None;
    }
    match obj.cast::<PyString>() {
        Ok(s) => s.to_str().ok().map(str::to_string),
        Err(_) => {
            let ty = obj
                .get_type()
                .name()
                .map_or_else(|_| "?".to_string(), |n| n.to_string());
            errors.push(format!(
                "{what} must be a str, got {ty} (article {i}); ignored"
            ));
            None
        }
    }
}

/// Converts the column lists the Python layer prepared into owned articles.
fn to_articles<'py>(
    ids: &Bound<'py, PyList>,
    texts: &Bound<'py, PyList>,
    meta: [&Bound<'py, PyList>; 4],
) -> PyResult<Vec<Article>> {
    let n = texts.len();
    if ids.len() != n || meta.iter().any(|m| m.len() != n) {
        return Err(PyValueError::new_err(
            "internal: article columns have different lengths",
        ));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut errors = Vec::new();
        let text_obj = texts.get_item(i)?;
        let text = if text_obj.is_none() {
            None
        } else {
            match text_obj.cast::<PyString>() {
                Ok(s) => Some(s.to_str()?.to_string()),
                Err(_) => {
                    let ty = text_obj.get_type().name()?.to_string();
                    errors.push(format!("text must be a str, got {ty}"));
                    None
                }
            }
        };
        let get = |col: &Bound<'py, PyList>| col.get_item(i);
        let [titles, urls, sources, published] = meta;
        let id = get(ids)?.str()?.to_str()?.to_string();
        out.push(Article {
            id,
            title: opt_str(Some(&get(titles)?), "title", i, &mut errors),
            url: opt_str(Some(&get(urls)?), "url", i, &mut errors),
            source: opt_str(Some(&get(sources)?), "source", i, &mut errors),
            published: opt_str(Some(&get(published)?), "published", i, &mut errors),
            text: if errors.iter().any(|e| e.starts_with("text")) {
                None
            } else {
                text
            },
            input_errors: errors,
        });
    }
    Ok(out)
}

/// How often the calling thread runs Python's signal handlers while a batch works.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Runs `work` with the GIL released: the one place where the core's long work happens.
///
/// The work runs on a scoped worker thread while the calling thread wakes every
/// [`SIGNAL_POLL`] to run Python's signal handlers (`Python::check_signals`, which only acts on
/// the main thread). When one raises (Ctrl-C: `KeyboardInterrupt`), the cancel flag handed to
/// `work` is set, the workers skip the articles not started, and that exception is returned as
/// soon as the articles in flight are done. A batch of one article runs on the calling thread.
fn run_detached<T: Send>(
    py: Python<'_>,
    single: bool,
    work: impl FnOnce(&AtomicBool) -> T + Send,
) -> PyResult<T> {
    let cancel = AtomicBool::new(false);
    if single {
        return Ok(py.detach(|| work(&cancel)));
    }
    py.detach(|| {
        let caller = std::thread::current();
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| {
                let out = work(&cancel);
                caller.unpark();
                out
            });
            let mut interrupted = None;
            while !worker.is_finished() {
                std::thread::park_timeout(SIGNAL_POLL);
                if interrupted.is_none() && !worker.is_finished() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        cancel.store(true, Ordering::Relaxed);
                        interrupted = Some(e);
                    }
                }
            }
            let out = worker.join().map_err(|_| {
                PyRuntimeError::new_err("internal error: the batch's thread panicked")
            });
            match interrupted {
                Some(e) => Err(e),
                None => out,
            }
        })
    })
}

/// The near-duplicate registry of one `iter_extract` stream (`newsfacts._core.DedupIndex`):
/// the signatures of the articles seen so far, so that a later batch's `duplicate_of` can name
/// an article of an earlier one; it also carries the stream's cross-article key evidence
/// ([`Registry`]), so that an acronym defined in one batch keys the bare acronym in the next.
#[pyclass(name = "DedupIndex", module = "newsfacts._core", frozen)]
struct PyDedupIndex {
    inner: Mutex<DedupIndex>,
    /// The cross-article key evidence of the same stream (acronyms, full names, types).
    keys: Mutex<Registry>,
}

#[pymethods]
impl PyDedupIndex {
    /// An empty registry.
    #[new]
    fn new() -> Self {
        Self {
            inner: Mutex::new(DedupIndex::new()),
            keys: Mutex::new(Registry::new()),
        }
    }

    /// The number of articles registered.
    fn __len__(&self) -> usize {
        self.lock().len()
    }
}

impl PyDedupIndex {
    fn lock(&self) -> std::sync::MutexGuard<'_, DedupIndex> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Extracts a batch as part of the stream whose registries `registry` holds (near-duplicates and
/// cross-article keys), or with fresh ones when there is none.
fn stream(
    inner: &Extractor,
    articles: &[Article],
    threads: Option<usize>,
    include: Option<Include>,
    registry: Option<&PyDedupIndex>,
    cancel: &AtomicBool,
) -> crate::error::Result<Vec<Record>> {
    match registry {
        Some(r) => {
            let mut keys = r
                .keys
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            inner.extract_stream(
                articles,
                threads,
                include,
                &mut r.lock(),
                &mut keys,
                Some(cancel),
            )
        }
        None => inner.extract_stream(
            articles,
            threads,
            include,
            &mut DedupIndex::new(),
            &mut Registry::new(),
            Some(cancel),
        ),
    }
}

/// The native extractor behind `newsfacts.Extractor`. Immutable and shared between threads.
#[pyclass(name = "Extractor", module = "newsfacts._core", frozen)]
struct PyExtractor {
    inner: Extractor,
}

#[pymethods]
impl PyExtractor {
    /// Builds the pipeline once; `include` names the default stages; `timings` adds each
    /// stage's microseconds to every record (`None`: the `NEWSFACTS_TIMINGS` variable).
    #[new]
    #[pyo3(signature = (threads=None, include=None, timings=None))]
    fn new(
        py: Python<'_>,
        threads: Option<usize>,
        include: Option<Vec<String>>,
        timings: Option<bool>,
    ) -> PyResult<Self> {
        let mut b = Extractor::builder();
        if let Some(on) = timings {
            b = b.timings(on);
        }
        if let Some(t) = threads {
            b = b.threads(t);
        }
        if let Some(names) = include {
            b = b.include(Include::from_names(&names).map_err(|e| to_py_err(py, &e))?);
        }
        Ok(Self {
            inner: b.build().map_err(|e| to_py_err(py, &e))?,
        })
    }

    /// Extracts a batch given as parallel columns; returns one dict per article, in order.
    /// `dedup`: the registry of a stream (near-duplicates of earlier batches); without it,
    /// near-duplicates are looked for within this batch. Ctrl-C raises `KeyboardInterrupt`
    /// within about a second (the registry is then left as it was).
    #[pyo3(signature = (ids, texts, titles, urls, sources, published, threads=None, include=None, dedup=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        ids: &Bound<'py, PyList>,
        texts: &Bound<'py, PyList>,
        titles: &Bound<'py, PyList>,
        urls: &Bound<'py, PyList>,
        sources: &Bound<'py, PyList>,
        published: &Bound<'py, PyList>,
        threads: Option<usize>,
        include: Option<Vec<String>>,
        dedup: Option<&Bound<'py, PyDedupIndex>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let include = include
            .map(|n| Include::from_names(&n))
            .transpose()
            .map_err(|e| to_py_err(py, &e))?;
        let articles = to_articles(ids, texts, [titles, urls, sources, published])?;
        let inner = &self.inner;
        let registry = dedup.map(Bound::get);
        let single = articles.len() < 2;
        let records: Vec<Record> = run_detached(py, single, |cancel| {
            stream(inner, &articles, threads, include, registry, cancel)
        })?
        .map_err(|e| to_py_err(py, &e))?;
        drop(articles);
        to_py::to_py(py, &records)
    }

    /// Extracts a batch (as [`PyExtractor::extract`], `dedup` too) and returns every table of
    /// `newsfacts.Frames` as a `pyarrow.Table`, by name, built in the core. `problems` holds
    /// per-article problems the Python layer found, by position; they lead the `errors` column.
    /// `seconds`, when given, receives the wall time of `extract`, `tables` and `to_pyarrow`
    /// (for the benchmark).
    #[pyo3(signature = (ids, texts, titles, urls, sources, published, threads=None, include=None, problems=None, seconds=None, dedup=None))]
    #[allow(clippy::too_many_arguments)]
    fn frames<'py>(
        &self,
        py: Python<'py>,
        ids: &Bound<'py, PyList>,
        texts: &Bound<'py, PyList>,
        titles: &Bound<'py, PyList>,
        urls: &Bound<'py, PyList>,
        sources: &Bound<'py, PyList>,
        published: &Bound<'py, PyList>,
        threads: Option<usize>,
        include: Option<Vec<String>>,
        problems: Option<Vec<(usize, Vec<String>)>>,
        seconds: Option<&Bound<'py, PyDict>>,
        dedup: Option<&Bound<'py, PyDedupIndex>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let include = include
            .map(|n| Include::from_names(&n))
            .transpose()
            .map_err(|e| to_py_err(py, &e))?;
        let mut articles = to_articles(ids, texts, [titles, urls, sources, published])?;
        for (i, mut errs) in problems.into_iter().flatten() {
            if let Some(a) = articles.get_mut(i) {
                errs.append(&mut a.input_errors);
                a.input_errors = errs;
            }
        }
        let inner = &self.inner;
        let registry = dedup.map(Bound::get);
        let single = articles.len() < 2;
        let (tables, t_extract, t_tables) = run_detached(py, single, |cancel| {
            let t0 = Instant::now();
            let records = stream(inner, &articles, threads, include, registry, cancel)?;
            let t1 = Instant::now();
            let texts: Vec<Option<&str>> = articles.iter().map(|a| a.text.as_deref()).collect();
            let tables =
                Tables::build(&records, &texts).map_err(|e| Error::Tables(e.to_string()))?;
            Ok::<_, Error>((tables, t1 - t0, t1.elapsed()))
        })?
        .map_err(|e| to_py_err(py, &e))?;
        drop(articles);
        let t2 = Instant::now();
        let out = arrow::to_pyarrow(py, tables)?;
        if let Some(d) = seconds {
            d.set_item("extract", t_extract.as_secs_f64())?;
            d.set_item("tables", t_tables.as_secs_f64())?;
            d.set_item("to_pyarrow", t2.elapsed().as_secs_f64())?;
        }
        Ok(out)
    }

    /// The number of threads a call uses when it does not say.
    fn default_threads(&self) -> usize {
        self.inner.default_threads()
    }
}

/// `newsfacts._core`: the native module. Users import `newsfacts`, never this.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyDedupIndex>()?;
    m.add_function(wrap_pyfunction!(arrow::table_schemas, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
