//! Temporal expressions, normalized to TIMEX3 values against a reference date.

use chrono::NaiveDate;

use crate::record::DateRec;
use crate::text::Document;

/// The dates of one article and the reference date they were normalized against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dates {
    /// Temporal expressions in text order.
    pub dates: Vec<DateRec>,
    /// The reference date: `published`, or the one inferred from the text.
    pub reference: Option<NaiveDate>,
    /// Whether `reference` was inferred (latest absolute date in the text).
    pub inferred: bool,
}

/// Finds and normalizes the temporal expressions of `doc`. (Skeleton: filled in by the dates
/// stage.)
pub fn dates(doc: &Document, published: Option<NaiveDate>) -> Dates {
    let _ = doc;
    Dates {
        dates: Vec::new(),
        reference: published,
        inferred: false,
    }
}
