//! The statistical named-entity tagger.

use super::Mention;
use crate::text::Document;

/// Model mentions in `doc`. (Skeleton: filled in by the NER stage.)
pub fn tag(doc: &Document) -> Vec<Mention> {
    let _ = doc;
    Vec::new()
}
