//! Quotes predicted for a JSONL file of articles (`text`, `id`, optional `published`), in the
//! format `benches/quotes_eval.py report` reads: a header line, then one JSON object per line with the article's
//! `id` and its `quotes` (code-point offsets), each with the mentions of its speaker's entity.
//! Lets the quotes stage be tuned on PolNeAR train without building the Python wheel:
//!
//! ```text
//! cargo run --release --example quotes_predict -- ../shared/data/polnear/train.jsonl > train.pred.jsonl
//! .venv/bin/python benches/quotes_eval.py report --split train train.pred.jsonl
//! ```

use std::io::{BufRead, BufReader, BufWriter, Write};

use newsfacts::{Article, Extractor};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: quotes_predict FILE.jsonl")?;
    let arts: Vec<Article> = BufReader::new(std::fs::File::open(path)?)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(&l?)?;
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
            Ok(Article {
                id: s("id").unwrap_or_default(),
                text: s("text"),
                published: s("published"),
                ..Article::default()
            })
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let ex = Extractor::builder().build()?;
    let recs = ex.extract_batch(arts);
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{}",
        json!({"system": "newsfacts (Rust, examples/quotes_predict)"})
    )?;
    for r in recs {
        let quotes: Vec<Value> = r
            .quotes
            .iter()
            .map(|q| {
                let mentions: Vec<[usize; 2]> = q
                    .speaker
                    .as_ref()
                    .and_then(|id| r.entities.iter().find(|e| &e.id == id))
                    .map(|e| e.mentions.iter().map(|m| [m.start, m.end]).collect())
                    .unwrap_or_default();
                json!({"start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue,
                       "speaker_name": q.speaker_name, "speaker_start": q.speaker_start,
                       "speaker_end": q.speaker_end, "speaker_mentions": mentions})
            })
            .collect();
        writeln!(out, "{}", json!({"id": r.id, "quotes": quotes}))?;
    }
    Ok(())
}
