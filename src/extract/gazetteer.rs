//! Gazetteer mentions: countries (LOC, subtype country), demonyms (NORP) and other places.

use super::Mention;
use crate::text::Document;

/// Gazetteer matches in `doc`. (Skeleton: filled in by the gazetteer stage.)
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let _ = doc;
    Vec::new()
}
