//! The tables of `newsfacts.Frames` as Arrow record batches, built from [`Record`]s in Rust
//! (no Python objects per row): one batch per table, with the schemas of [`schema::TABLES`].
//!
//! [`Tables::build`] turns a batch's records (and the articles' texts, for the `text` and
//! `sentence_text` columns) into one [`RecordBatch`] per table. Each table's rows are appended
//! by one function in [`rows`]; a column is one declaration in [`schema`] and one value in its
//! table's row function.
//!
//! # Examples
//!
//! ```
//! use newsfacts::{Article, Extractor, Include};
//! use newsfacts::tables::Tables;
//!
//! let ex = Extractor::builder().threads(1).build().unwrap();
//! let text = "Libyan Field Marshal Khalifa Haftar held talks in Rome.";
//! let rec = ex.extract_one(&Article::from_text(text), Include::default());
//! let tables = Tables::build(&[rec], &[Some(text)]).unwrap();
//! assert_eq!(tables.get("articles").unwrap().num_rows(), 1);
//! assert!(tables.get("entities").unwrap().num_rows() >= 2);
//! ```

pub mod rows;
pub mod schema;
pub mod timex;

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
    TimestampSecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, SchemaRef};

use crate::record::Record;
use schema::{arrow_schema, Col, Ty, TABLES};

/// The builder of one column.
enum ColBuilder {
    Str(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    StrList(ListBuilder<StringBuilder>),
    Timestamp(TimestampSecondBuilder),
}

impl ColBuilder {
    fn new(ty: Ty) -> Self {
        match ty {
            Ty::Str => Self::Str(StringBuilder::new()),
            Ty::Int => Self::Int(Int64Builder::new()),
            Ty::Float => Self::Float(Float64Builder::new()),
            Ty::Bool => Self::Bool(BooleanBuilder::new()),
            Ty::StrList => Self::StrList(ListBuilder::new(StringBuilder::new())),
            Ty::Timestamp => Self::Timestamp(TimestampSecondBuilder::new()),
        }
    }

    fn append_null(&mut self) {
        match self {
            Self::Str(b) => b.append_null(),
            Self::Int(b) => b.append_null(),
            Self::Float(b) => b.append_null(),
            Self::Bool(b) => b.append_null(),
            Self::StrList(b) => b.append_null(),
            Self::Timestamp(b) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Self::Str(b) => Arc::new(b.finish()),
            Self::Int(b) => Arc::new(b.finish()),
            Self::Float(b) => Arc::new(b.finish()),
            Self::Bool(b) => Arc::new(b.finish()),
            Self::StrList(b) => Arc::new(b.finish()),
            Self::Timestamp(b) => Arc::new(b.finish()),
        }
    }
}

/// One table being built, row by row.
pub struct TableBuilder {
    name: &'static str,
    cols: &'static [Col],
    builders: Vec<ColBuilder>,
    /// The first column whose value had the wrong type (a bug in a row function).
    mismatch: Option<&'static str>,
}

/// A value for one cell, in the column's type.
pub enum Cell<'a> {
    /// A string, or null.
    Str(Option<&'a str>),
    /// An integer, or null.
    Int(Option<i64>),
    /// A float, or null.
    Float(Option<f64>),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    StrList(&'a [String]),
    /// Seconds since the epoch, or null.
    Timestamp(Option<i64>),
}

/// A count or offset as an `int64` cell.
pub fn int(n: usize) -> Cell<'static> {
    Cell::Int(i64::try_from(n).ok())
}

/// An optional count or offset as an `int64` cell.
pub fn opt_int(n: Option<usize>) -> Cell<'static> {
    Cell::Int(n.and_then(|n| i64::try_from(n).ok()))
}

/// A string cell.
pub fn s(v: &str) -> Cell<'_> {
    Cell::Str(Some(v))
}

/// An optional string cell.
pub fn opt_s(v: Option<&str>) -> Cell<'_> {
    Cell::Str(v)
}

impl TableBuilder {
    /// An empty table of the columns `cols`.
    pub fn new(name: &'static str, cols: &'static [Col]) -> Self {
        Self {
            name,
            cols,
            builders: cols.iter().map(|c| ColBuilder::new(c.1)).collect(),
            mismatch: None,
        }
    }

    /// Appends one row: one cell per column, in the schema's order.
    pub fn row<const N: usize>(&mut self, cells: [Cell<'_>; N]) {
        if N != self.builders.len() {
            self.mismatch.get_or_insert(self.name);
        }
        for (i, b) in self.builders.iter_mut().enumerate() {
            let Some(cell) = cells.get(i) else {
                b.append_null();
                continue;
            };
            match (b, cell) {
                (ColBuilder::Str(b), Cell::Str(v)) => b.append_option(*v),
                (ColBuilder::Int(b), Cell::Int(v)) => b.append_option(*v),
                (ColBuilder::Float(b), Cell::Float(v)) => b.append_option(*v),
                (ColBuilder::Bool(b), Cell::Bool(v)) => b.append_value(*v),
                (ColBuilder::Timestamp(b), Cell::Timestamp(v)) => b.append_option(*v),
                (ColBuilder::StrList(b), Cell::StrList(xs)) => {
                    for x in *xs {
                        b.values().append_value(x);
                    }
                    b.append(true);
                }
                (b, _) => {
                    b.append_null();
                    self.mismatch.get_or_insert(self.cols[i].0);
                }
            }
        }
    }

    /// The record batch of the rows appended so far.
    ///
    /// # Errors
    ///
    /// A row function gave a cell of the wrong type or count, or a null in a non-nullable column.
    pub fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        if let Some(col) = self.mismatch {
            return Err(ArrowError::SchemaError(format!(
                "table {}: a row did not match the schema at column {col}",
                self.name
            )));
        }
        let arrays = self.builders.iter_mut().map(ColBuilder::finish).collect();
        RecordBatch::try_new(arrow_schema(self.cols), arrays)
    }
}

/// Every table of a batch of records, in the order of [`TABLES`].
#[derive(Debug, Clone)]
pub struct Tables {
    /// `(name, batch)` for every table, empty tables included.
    pub batches: Vec<(&'static str, RecordBatch)>,
}

impl Tables {
    /// Builds every table from `records` and their articles' `texts` (the same length; a `None`
    /// text leaves the `text` and `sentence_text` cells null).
    ///
    /// # Errors
    ///
    /// Only on a bug (a row that does not fit its schema); records from the extractor always fit.
    pub fn build(records: &[Record], texts: &[Option<&str>]) -> Result<Self, ArrowError> {
        let mut builders: Vec<TableBuilder> = TABLES
            .iter()
            .map(|&(name, cols)| TableBuilder::new(name, cols))
            .collect();
        for (i, rec) in records.iter().enumerate() {
            rows::append(&mut builders, rec, texts.get(i).copied().flatten());
        }
        if let Some(t) = builders.iter_mut().find(|t| t.name == "aliases") {
            rows::aliases(t, records);
        }
        let batches = builders
            .into_iter()
            .map(|b| Ok((b.name, b.finish()?)))
            .collect::<Result<_, ArrowError>>()?;
        Ok(Self { batches })
    }

    /// The batch of one table.
    pub fn get(&self, name: &str) -> Option<&RecordBatch> {
        self.batches
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b)
    }

    /// The schema of a table by name.
    pub fn schema(name: &str) -> Option<SchemaRef> {
        TABLES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, cols)| arrow_schema(cols))
    }
}
