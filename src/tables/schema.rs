//! The tables' columns: one declaration per table, the same as `python/newsfacts/schema.py`'s
//! `TABLES` (a pytest checks that the two agree, column by column).

use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// The type of one column, named as in `schema.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// `string` (UTF-8).
    Str,
    /// `int64`.
    Int,
    /// `float64`.
    Float,
    /// `bool`.
    Bool,
    /// `list<string>`.
    StrList,
    /// `timestamp[s]` (no time zone).
    Timestamp,
}

impl Ty {
    /// The type's name in `schema.py` (`"string"`, `"int64"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "int64",
            Ty::Float => "float64",
            Ty::Bool => "bool",
            Ty::StrList => "list<string>",
            Ty::Timestamp => "timestamp[s]",
        }
    }

    /// The Arrow data type (lists hold nullable strings in a field named `item`, as pyarrow's
    /// `pa.list_(pa.string())`).
    pub fn data_type(self) -> DataType {
        match self {
            Ty::Str => DataType::Utf8,
            Ty::Int => DataType::Int64,
            Ty::Float => DataType::Float64,
            Ty::Bool => DataType::Boolean,
            Ty::StrList => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            Ty::Timestamp => DataType::Timestamp(TimeUnit::Second, None),
        }
    }
}

/// One column: name, type, whether it may hold nulls.
pub type Col = (&'static str, Ty, bool);

use Ty::{Bool, Float, Int, Str, StrList, Timestamp};

const ARTICLES: &[Col] = &[
    ("article_id", Str, false),
    ("title", Str, true),
    ("url", Str, true),
    ("source", Str, true),
    ("published", Timestamp, true),
    ("published_inferred", Bool, false),
    ("language", Str, true),
    ("n_chars", Int, false),
    ("n_words", Int, false),
    ("n_sentences", Int, false),
    ("n_entities", Int, false),
    ("tone", Float, true),
    ("tone_positive", Float, true),
    ("tone_negative", Float, true),
    ("duplicate_of", Str, true),
    ("duplicate_similarity", Float, true),
    ("errors", StrList, false),
    ("text", Str, true),
];

const ENTITIES: &[Col] = &[
    ("article_id", Str, false),
    ("entity_id", Str, false),
    ("name", Str, false),
    ("type", Str, false),
    ("subtype", Str, true),
    ("key", Str, false),
    ("country", Str, true),
    ("titles", StrList, false),
    ("aliases", StrList, false),
    ("salience", Float, false),
    ("n_mentions", Int, false),
];

const MENTIONS: &[Col] = &[
    ("article_id", Str, false),
    ("entity_id", Str, false),
    ("name", Str, false),
    ("type", Str, false),
    ("key", Str, false),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, false),
    ("sentence", Int, false),
    ("sentence_text", Str, true),
];

const PLACES: &[Col] = &[
    ("article_id", Str, false),
    ("entity_id", Str, false),
    ("source", Str, false),
    ("name", Str, false),
    ("feature", Str, false),
    ("country", Str, true),
    ("lat", Float, true),
    ("lon", Float, true),
    ("geonameid", Int, true),
    ("population", Int, true),
];

const DATES: &[Col] = &[
    ("article_id", Str, false),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, false),
    ("type", Str, false),
    ("value", Str, false),
    ("start_date", Timestamp, true),
    ("end_date", Timestamp, true),
    ("anchored", Bool, false),
];

const SPANS: &[Col] = &[
    ("article_id", Str, false),
    ("kind", Str, false),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, false),
];

const EMBEDS: &[Col] = &[
    ("article_id", Str, false),
    ("kind", Str, false),
    ("author", Str, true),
    ("handle", Str, true),
    ("date", Str, true),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, false),
];

const SENTENCES: &[Col] = &[
    ("article_id", Str, false),
    ("sentence", Int, false),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, true),
];

const QUOTES: &[Col] = &[
    ("article_id", Str, false),
    ("start", Int, true),
    ("end", Int, true),
    ("text", Str, true),
    ("kind", Str, true),
    ("cue", Str, true),
    ("cue_start", Int, true),
    ("cue_end", Int, true),
    ("speaker", Str, true),
    ("speaker_name", Str, true),
    ("speaker_start", Int, true),
    ("speaker_end", Int, true),
];

const EVENTS: &[Col] = &[
    ("article_id", Str, false),
    ("actor", Str, true),
    ("actor_name", Str, true),
    ("action", Str, true),
    ("cameo", Str, true),
    ("target", Str, true),
    ("target_name", Str, true),
    ("place", Str, true),
    ("date", Str, true),
    ("sentence", Int, true),
    ("start", Int, true),
    ("end", Int, true),
];

const THEMES: &[Col] = &[
    ("article_id", Str, false),
    ("theme", Str, false),
    ("count", Int, false),
    ("start", Int, true),
    ("end", Int, true),
    ("text", Str, true),
];

const KEYWORDS: &[Col] = &[
    ("article_id", Str, false),
    ("rank", Int, false),
    ("phrase", Str, false),
    ("score", Float, false),
];

const TOKENS: &[Col] = &[
    ("article_id", Str, false),
    ("token", Int, false),
    ("sentence", Int, false),
    ("start", Int, false),
    ("end", Int, false),
    ("text", Str, false),
    ("lemma", Str, false),
    ("upos", Str, false),
    ("head", Int, true),
    ("dep", Str, false),
];

const ALIASES: &[Col] = &[
    ("key", Str, false),
    ("alias", Str, false),
    ("count", Int, false),
];

const DUPLICATES: &[Col] = &[
    ("article_id", Str, false),
    ("duplicate_of", Str, false),
    ("similarity", Float, false),
];

/// Every table with its columns, in the order of `schema.py` (and of `newsfacts.Frames`).
pub const TABLES: &[(&str, &[Col])] = &[
    ("articles", ARTICLES),
    ("entities", ENTITIES),
    ("mentions", MENTIONS),
    ("aliases", ALIASES),
    ("places", PLACES),
    ("dates", DATES),
    ("links", SPANS),
    ("embeds", EMBEDS),
    ("boilerplate", SPANS),
    ("sentences", SENTENCES),
    ("quotes", QUOTES),
    ("events", EVENTS),
    ("themes", THEMES),
    ("keywords", KEYWORDS),
    ("tokens", TOKENS),
    ("duplicates", DUPLICATES),
];

/// The Arrow schema of a table's columns.
pub fn arrow_schema(cols: &[Col]) -> SchemaRef {
    Arc::new(Schema::new(
        cols.iter()
            .map(|&(name, ty, nullable)| Field::new(name, ty.data_type(), nullable))
            .collect::<Vec<_>>(),
    ))
}
