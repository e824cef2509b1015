//! One function per table: the rows one record adds, cell by cell in the order of
//! [`super::schema`]. Offsets in records are code points (as Python sees them); the text slices
//! (`sentence_text`, the sentences' `text`) go through [`CharSlicer`].

use serde::Serialize;
use serde_json::Value;

use super::timex::interval;
use super::{int, opt_int, opt_s, s, Cell, TableBuilder};
use crate::record::Record;

/// Slices a text by code-point offsets (ASCII texts directly, others through a table of the
/// characters' byte offsets, built once per text).
pub struct CharSlicer<'a> {
    text: &'a str,
    bytes: Option<Vec<usize>>,
}

impl<'a> CharSlicer<'a> {
    /// The slicer of `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Self { text, bytes }
    }

    /// `text[start:end]` in code points, or `None` when out of range.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        match &self.bytes {
            None => self.text.get(start..end),
            Some(b) => self.text.get(*b.get(start)?..*b.get(end)?),
        }
    }
}

/// The `aliases` table of a batch: every surface form of each entity key with its number of
/// mentions, by key, the most frequent form first (as `frames.py` builds it from records).
pub fn aliases(t: &mut TableBuilder, records: &[Record]) {
    let mut counts: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for e in records.iter().flat_map(|r| &r.entities) {
        for m in &e.mentions {
            *counts.entry((e.key.as_str(), m.text.as_str())).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_unstable_by(|((ka, aa), na), ((kb, ab), nb)| {
        ka.cmp(kb).then(nb.cmp(na)).then(aa.cmp(ab))
    });
    for ((key, alias), n) in rows {
        t.row([s(key), s(alias), int(n)]);
    }
}

fn table<'b>(tables: &'b mut [TableBuilder], name: &str) -> Option<&'b mut TableBuilder> {
    tables.iter_mut().find(|t| t.name == name)
}

/// Appends every row of one record to the tables (`text`: the article's text, when known).
pub fn append(tables: &mut [TableBuilder], rec: &Record, text: Option<&str>) {
    let aid = rec.id.as_str();
    let slicer = text.map(CharSlicer::new);
    let sentence_texts: Vec<Option<&str>> = rec
        .sentences
        .iter()
        .flatten()
        .map(|s| slicer.as_ref().and_then(|c| c.slice(s.start, s.end)))
        .collect();
    if let Some(t) = table(tables, "articles") {
        articles(t, rec, text);
    }
    if let Some(t) = table(tables, "sentences") {
        for (i, sp) in rec.sentences.iter().flatten().enumerate() {
            let stext = sentence_texts.get(i).copied().flatten();
            t.row([s(aid), int(i), int(sp.start), int(sp.end), opt_s(stext)]);
        }
    }
    if let Some(t) = table(tables, "entities") {
        for e in &rec.entities {
            t.row([
                s(aid),
                s(&e.id),
                s(&e.name),
                s(e.etype.label()),
                opt_s(e.subtype.as_deref()),
                s(&e.key),
                opt_s(e.country.as_deref()),
                Cell::StrList(&e.titles),
                Cell::StrList(&e.aliases),
                Cell::Float(Some(e.salience)),
                int(e.mentions.len()),
            ]);
        }
    }
    if let Some(t) = table(tables, "mentions") {
        for e in &rec.entities {
            for m in &e.mentions {
                let stext = sentence_texts.get(m.sentence).copied().flatten();
                t.row([
                    s(aid),
                    s(&e.id),
                    s(&e.name),
                    s(e.etype.label()),
                    s(&e.key),
                    int(m.start),
                    int(m.end),
                    s(&m.text),
                    int(m.sentence),
                    opt_s(stext),
                ]);
            }
        }
    }
    spans_and_places(tables, rec);
    analysis(tables, rec);
}

fn articles(t: &mut TableBuilder, rec: &Record, text: Option<&str>) {
    let published = rec.published.as_deref().and_then(interval).map(|(a, _)| a);
    let tone = rec.tone.as_ref();
    t.row([
        s(&rec.id),
        opt_s(rec.title.as_deref()),
        opt_s(rec.url.as_deref()),
        opt_s(rec.source.as_deref()),
        Cell::Timestamp(published),
        Cell::Bool(rec.published_inferred),
        opt_s(rec.language.as_deref()),
        int(rec.n_chars),
        int(rec.n_words),
        int(rec.n_sentences),
        int(rec.entities.len()),
        Cell::Float(tone.map(|x| x.score)),
        Cell::Float(tone.map(|x| x.positive)),
        Cell::Float(tone.map(|x| x.negative)),
        opt_s(rec.duplicate_of.as_deref()),
        Cell::Float(rec.duplicate_similarity),
        Cell::StrList(&rec.errors),
        opt_s(text),
    ]);
}

fn spans_and_places(tables: &mut [TableBuilder], rec: &Record) {
    let aid = rec.id.as_str();
    if let Some(t) = table(tables, "places") {
        for p in &rec.places {
            t.row([
                s(aid),
                s(&p.entity),
                s(p.source),
                s(&p.name),
                s(&p.feature),
                opt_s(p.country.as_deref()),
                Cell::Float(p.lat),
                Cell::Float(p.lon),
                Cell::Int(p.geonameid.and_then(|n| i64::try_from(n).ok())),
                Cell::Int(p.population.and_then(|n| i64::try_from(n).ok())),
            ]);
        }
    }
    if let Some(t) = table(tables, "dates") {
        for d in &rec.dates {
            let (first, last) = interval(&d.value).unzip();
            t.row([
                s(aid),
                int(d.start),
                int(d.end),
                s(&d.text),
                s(&d.dtype),
                s(&d.value),
                Cell::Timestamp(first),
                Cell::Timestamp(last),
                Cell::Bool(d.anchored),
            ]);
        }
    }
    if let Some(t) = table(tables, "links") {
        for l in &rec.links {
            t.row([s(aid), s(&l.kind), int(l.start), int(l.end), s(&l.text)]);
        }
    }
    if let Some(t) = table(tables, "embeds") {
        for e in &rec.embeds {
            t.row([
                s(aid),
                s(&e.kind),
                opt_s(e.author.as_deref()),
                opt_s(e.handle.as_deref()),
                opt_s(e.date.as_deref()),
                int(e.start),
                int(e.end),
                s(&e.text),
            ]);
        }
    }
    if let Some(t) = table(tables, "boilerplate") {
        for b in &rec.boilerplate {
            t.row([s(aid), s(&b.kind), int(b.start), int(b.end), s(&b.text)]);
        }
    }
}

fn json_str<'v>(v: &'v Value, key: &str) -> Cell<'v> {
    Cell::Str(v.get(key).and_then(Value::as_str))
}

fn json_int<'v>(v: &'v Value, key: &str) -> Cell<'v> {
    Cell::Int(v.get(key).and_then(Value::as_i64))
}

/// The record's items as JSON values (for tables read by key, like `events`).
fn as_values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .filter_map(|x| serde_json::to_value(x).ok())
        .collect()
}

fn analysis(tables: &mut [TableBuilder], rec: &Record) {
    let aid = rec.id.as_str();
    if let Some(t) = table(tables, "quotes") {
        for q in &rec.quotes {
            let kind = match q.kind {
                crate::record::QuoteKind::Direct => "direct",
                crate::record::QuoteKind::Indirect => "indirect",
                crate::record::QuoteKind::Mixed => "mixed",
            };
            t.row([
                s(aid),
                int(q.start),
                int(q.end),
                s(&q.text),
                s(kind),
                opt_s(q.cue.as_deref()),
                opt_int(q.cue_start),
                opt_int(q.cue_end),
                opt_s(q.speaker.as_deref()),
                opt_s(q.speaker_name.as_deref()),
                opt_int(q.speaker_start),
                opt_int(q.speaker_end),
            ]);
        }
    }
    if let Some(t) = table(tables, "events") {
        for v in &as_values(&rec.events) {
            t.row([
                s(aid),
                json_str(v, "actor"),
                json_str(v, "actor_name"),
                json_str(v, "action"),
                json_str(v, "cameo"),
                json_str(v, "target"),
                json_str(v, "target_name"),
                json_str(v, "place"),
                json_str(v, "date"),
                json_int(v, "sentence"),
                json_int(v, "start"),
                json_int(v, "end"),
            ]);
        }
    }
    if let Some(t) = table(tables, "themes") {
        for th in &rec.themes {
            t.row([
                s(aid),
                s(&th.theme),
                int(th.count),
                int(th.start),
                int(th.end),
                s(&th.text),
            ]);
        }
    }
    if let Some(t) = table(tables, "keywords") {
        for (i, k) in rec.keywords.iter().enumerate() {
            t.row([s(aid), int(i + 1), s(&k.phrase), Cell::Float(Some(k.score))]);
        }
    }
    if let (Some(t), Some(of)) = (table(tables, "duplicates"), rec.duplicate_of.as_deref()) {
        t.row([s(aid), s(of), Cell::Float(rec.duplicate_similarity)]);
    }
    if let Some(t) = table(tables, "tokens") {
        for (i, tok) in rec.tokens.iter().flatten().enumerate() {
            t.row([
                s(aid),
                int(i),
                int(tok.sentence),
                int(tok.start),
                int(tok.end),
                s(&tok.text),
                s(&tok.lemma),
                s(&tok.upos),
                opt_int(tok.head),
                s(&tok.dep),
            ]);
        }
    }
}
