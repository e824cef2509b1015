//! The Arrow tables built from records (`newsfacts::tables`), through the whole pipeline on real
//! text: the seed article (when `../shared/reference` is present) and a text with accents, curly
//! quotes and emoji, so that code-point offsets and slices are checked on non-ASCII text.

use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, TimestampSecondType};
use arrow_array::{Array, RecordBatch};
use newsfacts::tables::schema::{arrow_schema, TABLES};
use newsfacts::tables::Tables;
use newsfacts::{Article, Extractor, Include, Record, Stage};

const NON_ASCII: &str = "Libya’s “strongman” Khalifa Haftar 🇱🇾 met Italy’s Defence Minister \
Roberta Pinotti in Rome on September 27, 2017. “We are ready,” Pinotti told reporters in Rome. \
Café owners in Benghazi said José Martínez arrived yesterday. See https://example.com/ü 🙂";

fn seed() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/seed-article.txt");
    std::fs::read_to_string(p).ok()
}

fn extract(texts: &[&str]) -> Vec<Record> {
    let ex = Extractor::builder().threads(1).build().expect("extractor");
    let include = Include::default().with(Stage::Sentences);
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut a = Article::from_text(*t);
            a.id = format!("a{i}");
            a.published = Some("2017-09-28".into());
            ex.extract_one(&a, include)
        })
        .collect()
}

fn strings(b: &RecordBatch, col: &str) -> Vec<Option<String>> {
    let a = b.column_by_name(col).expect(col).as_string::<i32>();
    (0..a.len())
        .map(|i| (!a.is_null(i)).then(|| a.value(i).to_string()))
        .collect()
}

fn ints(b: &RecordBatch, col: &str) -> Vec<Option<i64>> {
    let a = b
        .column_by_name(col)
        .expect(col)
        .as_primitive::<Int64Type>();
    (0..a.len())
        .map(|i| (!a.is_null(i)).then(|| a.value(i)))
        .collect()
}

fn slice(text: &str, start: i64, end: i64) -> String {
    let (s, e) = (
        usize::try_from(start).unwrap_or(0),
        usize::try_from(end).unwrap_or(0),
    );
    text.chars().skip(s).take(e.saturating_sub(s)).collect()
}

#[test]
fn every_table_has_its_declared_schema_and_one_row_per_item() {
    let mut texts = vec![NON_ASCII.to_string(), String::new()];
    texts.extend(seed());
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let recs = extract(&refs);
    let opt: Vec<Option<&str>> = refs.iter().map(|t| Some(*t)).collect();
    let tables = Tables::build(&recs, &opt).expect("tables");
    assert_eq!(tables.batches.len(), TABLES.len());
    for (&(name, cols), (got, batch)) in TABLES.iter().zip(&tables.batches) {
        assert_eq!(name, *got);
        assert_eq!(batch.schema(), arrow_schema(cols), "{name}");
    }
    let n = |name: &str| tables.get(name).map_or(0, RecordBatch::num_rows);
    let sum = |f: &dyn Fn(&Record) -> usize| recs.iter().map(f).sum::<usize>();
    assert_eq!(n("articles"), recs.len());
    assert_eq!(n("entities"), sum(&|r| r.entities.len()));
    assert_eq!(
        n("mentions"),
        sum(&|r| r.entities.iter().map(|e| e.mentions.len()).sum())
    );
    assert_eq!(n("places"), sum(&|r| r.places.len()));
    assert_eq!(n("dates"), sum(&|r| r.dates.len()));
    assert_eq!(n("links"), sum(&|r| r.links.len()));
    assert_eq!(n("quotes"), sum(&|r| r.quotes.len()));
    assert_eq!(n("keywords"), sum(&|r| r.keywords.len()));
    assert_eq!(
        n("sentences"),
        sum(&|r| r.sentences.as_ref().map_or(0, Vec::len))
    );
    assert!(n("entities") > 3 && n("dates") > 0 && n("places") > 0);
    // The empty article is still a row, with its error.
    let errors = tables
        .get("articles")
        .expect("articles")
        .column_by_name("errors")
        .expect("errors")
        .as_list::<i32>();
    assert!(!errors.value(1).is_empty());
}

#[test]
fn code_point_offsets_and_slices_on_non_ascii_text() {
    let recs = extract(&[NON_ASCII]);
    let tables = Tables::build(&recs, &[Some(NON_ASCII)]).expect("tables");
    let men = tables.get("mentions").expect("mentions");
    let (starts, ends) = (ints(men, "start"), ints(men, "end"));
    let (texts, stexts) = (strings(men, "text"), strings(men, "sentence_text"));
    assert!(texts.iter().flatten().any(|t| t == "Pinotti"));
    for i in 0..men.num_rows() {
        let (s, e) = (starts[i].expect("start"), ends[i].expect("end"));
        assert_eq!(slice(NON_ASCII, s, e), texts[i].clone().expect("text"));
        let sentence = stexts[i].clone().expect("sentence_text");
        assert!(
            sentence.contains(texts[i].as_deref().expect("text")),
            "{sentence}"
        );
    }
    let sen = tables.get("sentences").expect("sentences");
    let (starts, ends, texts) = (ints(sen, "start"), ints(sen, "end"), strings(sen, "text"));
    for i in 0..sen.num_rows() {
        let want = slice(NON_ASCII, starts[i].unwrap_or(0), ends[i].unwrap_or(0));
        assert_eq!(texts[i].as_deref(), Some(want.as_str()));
    }
    assert_eq!(
        strings(tables.get("articles").expect("articles"), "text"),
        [Some(NON_ASCII.to_string())]
    );
}

#[test]
fn dates_and_published_are_timestamps_at_the_value_resolution() {
    let recs = extract(&[NON_ASCII]);
    let tables = Tables::build(&recs, &[None]).expect("tables");
    let dates = tables.get("dates").expect("dates");
    let values = strings(dates, "value");
    let first = dates
        .column_by_name("start_date")
        .expect("start_date")
        .as_primitive::<TimestampSecondType>();
    let i = values
        .iter()
        .position(|v| v.as_deref() == Some("2017-09-27"))
        .expect("the absolute date");
    // 2017-09-27T00:00:00 UTC-naive.
    assert_eq!(first.value(i), 1_506_470_400);
    let published = tables.get("articles").expect("articles").column(4);
    let published = published.as_primitive::<TimestampSecondType>();
    assert_eq!(published.value(0), 1_506_470_400 + 86_400);
    // Without texts, the text columns are null and nothing else changes.
    let men = tables.get("mentions").expect("mentions");
    assert!(men.num_rows() > 0);
    assert!(strings(men, "sentence_text").iter().all(Option::is_none));
}
