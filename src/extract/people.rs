//! People introduced by a title or role: "Libyan Field Marshal Khalifa Haftar".

use super::Mention;
use crate::text::Document;

/// Titled person mentions in `doc`. (Skeleton: filled in by the people stage.)
pub fn titled(doc: &Document) -> Vec<Mention> {
    let _ = doc;
    Vec::new()
}
