//! Places: LOC entities linked to gazetteer records with coordinates.

use crate::record::{EntityRec, PlaceRec};
use crate::text::Document;

/// One place record per geocodable LOC entity. (Skeleton: filled in by the places stage.)
pub fn places(doc: &Document, entities: &[EntityRec]) -> Vec<PlaceRec> {
    let _ = (doc, entities);
    Vec::new()
}
