//! Boilerplate: embedded tweets ("… — Name (@handle) Month D, YYYY") and "Read:", "Read more:",
//! "Related:" lines, set apart from the article's prose.

use crate::record::{BoilerplateRec, EmbedRec};
use crate::text::Document;

/// Embeds and boilerplate spans of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boilerplate {
    /// Embedded posts.
    pub embeds: Vec<EmbedRec>,
    /// Boilerplate spans (embeds are also listed here with kind `embed`).
    pub spans: Vec<BoilerplateRec>,
}

/// Finds embeds and boilerplate. (Skeleton: filled in by the boilerplate stage.)
pub fn boilerplate(doc: &Document) -> Boilerplate {
    let _ = doc;
    Boilerplate::default()
}
