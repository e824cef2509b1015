//! PyO3 glue — the only code that imports pyo3. It converts Python input into owned
//! [`Article`]s, releases the GIL around the whole batch ([`run_detached`]), and converts
//! [`Record`]s back into plain dicts. No extraction logic lives here.

use std::sync::Mutex;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::article::{Article, Include};
use crate::error::Error;
use crate::extract::keys::Registry;
use crate::extractor::Extractor;
use crate::record::Record;

/// Maps the core's error to the package's exception classes (`newsfacts.errors`), falling back
/// to the builtin class each of them also derives from.
fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let (class, fallback): (&str, fn(String) -> PyErr) = match err {
        Error::InvalidOption { .. } => ("InvalidOptionError", |m| PyValueError::new_err(m)),
        Error::Article { .. } => ("ArticleError", |m| PyValueError::new_err(m)),
        Error::ThreadPool(_) => ("NewsfactsError", |m| PyRuntimeError::new_err(m)),
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

/// Runs `f` with the GIL released: the one place where the core's long work happens.
fn run_detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> T {
    py.detach(f)
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
    /// With a `registry`, the cross-article key evidence of earlier batches applies and this
    /// batch's is added (`iter_extract` passes one for the whole stream).
    #[pyo3(signature = (ids, texts, titles, urls, sources, published, threads=None, include=None, registry=None))]
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
        registry: Option<PyRef<'py, PyKeyRegistry>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let include = include
            .map(|n| Include::from_names(&n))
            .transpose()
            .map_err(|e| to_py_err(py, &e))?;
        let articles = to_articles(ids, texts, [titles, urls, sources, published])?;
        let inner = &self.inner;
        let registry = registry.as_deref().map(|r| &r.inner);
        let records: Vec<Record> = run_detached(py, || match registry {
            Some(reg) => {
                let mut reg = reg
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                inner.extract_batch_keyed(&articles, threads, include, &mut reg)
            }
            None => inner.extract_batch_with(&articles, threads, include),
        })
        .map_err(|e| to_py_err(py, &e))?;
        drop(articles);
        pythonize::pythonize(py, &records).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// The number of threads a call uses when it does not say.
    fn default_threads(&self) -> usize {
        self.inner.default_threads()
    }
}

/// Cross-article key evidence carried from batch to batch (acronyms, full names, types): one
/// per stream of batches, so a name defined early keys its short forms later.
#[pyclass(name = "KeyRegistry", module = "newsfacts._core", frozen)]
struct PyKeyRegistry {
    inner: Mutex<Registry>,
}

#[pymethods]
impl PyKeyRegistry {
    /// An empty registry.
    #[new]
    fn new() -> Self {
        Self {
            inner: Mutex::new(Registry::new()),
        }
    }

    /// The number of names the registry has seen.
    fn __len__(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }
}

/// `newsfacts._core`: the native module. Users import `newsfacts`, never this.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyKeyRegistry>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
