//! # newsfacts
//!
//! Facts from news articles — entities, places, dates, links, boilerplate — with offsets you can
//! trust, computed in parallel. The crate is a plain Rust library; the Python bindings live behind
//! the `python` feature in [`python`](crate) and only convert.
//!
//! ```
//! use newsfacts::{Article, Extractor};
//!
//! let ex = Extractor::builder().threads(1).build().unwrap();
//! let recs = ex.extract_batch(vec![Article::from_text("Libyan Field Marshal Khalifa Haftar met Italian officials in Rome.")]);
//! assert_eq!(recs.len(), 1);
//! assert!(recs[0].entities.iter().any(|e| e.name == "Khalifa Haftar"));
//! ```
//!
//! Offsets inside the core are UTF-8 byte offsets; every [`Record`] leaves
//! [`Extractor::extract_batch`] with Python code-point offsets (see [`text::OffsetMap`]).

pub mod article;
pub mod error;
pub mod extract;
pub mod extractor;
pub mod lexicon;
pub mod pipeline;
pub mod record;
pub mod tables;
pub mod text;

#[cfg(test)]
mod test_corpus;

#[cfg(feature = "python")]
mod python;

pub use article::{Article, Include, Stage};
pub use error::{Error, Result};
pub use extractor::{Extractor, ExtractorBuilder};
pub use record::Record;
pub use text::Document;

/// The allocator of everything built on the core (the Python extension, the binaries, the
/// tests): mimalloc, whose per-thread free lists make the many short-lived strings and vectors of
/// the stages cheaper than glibc's malloc (malloc and free were ~10% of the pipeline's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
