//! Extraction stages. Each stage is a plain function over a [`crate::Document`] (plus, where it
//! needs them, the annotations of earlier stages) that returns its findings in byte offsets.

pub mod acronyms;
pub mod boilerplate;
pub mod dates;
pub mod dedup;
pub mod entities;
pub mod gazetteer;
pub mod keys;
pub mod keywords;
pub mod language;
pub mod links;
pub mod mention;
pub mod ner;
pub mod people;
pub mod places;
pub mod quotes;
pub mod resolve;
pub(crate) mod signals;
pub mod syntax;
pub mod themes;
pub mod tone;
pub mod wire;
pub mod works;

pub use mention::{Mention, Source};
