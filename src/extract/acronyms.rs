//! Acronym definitions: "Government of National Accord (GNA)" → ORG with alias "GNA".

use super::Mention;
use crate::text::Document;

/// Acronym-defined organization mentions in `doc`. (Skeleton: filled in by the acronyms stage.)
pub fn definitions(doc: &Document) -> Vec<Mention> {
    let _ = doc;
    Vec::new()
}
