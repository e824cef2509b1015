//! Entity mentions predicted for a JSONL file of articles (`text`, `id`, optional `dct` or
//! `published`), written as the JSON that `benches/conll_eval.py report` and
//! `benches/meantime_eval.py report` read: the engine, the seconds, and per article id its
//! mentions `[start, end, label]` (code-point offsets, as `nf.extract` gives them). Labels are
//! mapped as the scripts map them: `conll` gives PER/ORG/LOC/MISC (NORP → MISC), `meantime`
//! gives PER/ORG/LOC only. Lets resolution be tuned without building the Python wheel:
//!
//! ```text
//! cargo run --release --example ner_predict -- conll ../shared/data/conll2003/dev.jsonl > dev.json
//! .venv/bin/python benches/conll_eval.py report --split dev dev.json
//! ```

use std::io::{BufRead, BufReader, Write};
use std::time::Instant;

use newsfacts::record::EntityType;
use newsfacts::{Article, Extractor};
use serde_json::{json, Map, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: ner_predict conll|meantime FILE.jsonl";
    let scheme = args.next().ok_or(usage)?;
    let path = args.next().ok_or(usage)?;
    let label = |t: EntityType| -> Option<&'static str> {
        match (scheme.as_str(), t) {
            (_, EntityType::Person) => Some("PER"),
            (_, EntityType::Org) => Some("ORG"),
            (_, EntityType::Loc) => Some("LOC"),
            ("conll", EntityType::Norp | EntityType::Misc) => Some("MISC"),
            _ => None,
        }
    };
    let arts: Vec<Article> = BufReader::new(std::fs::File::open(path)?)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(&l?)?;
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
            Ok(Article {
                id: s("id").unwrap_or_default(),
                text: s("text"),
                published: s("published").or_else(|| s("dct")),
                ..Article::default()
            })
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let ex = Extractor::builder().build()?;
    let t0 = Instant::now();
    let recs = ex.extract_batch(arts);
    let seconds = t0.elapsed().as_secs_f64();
    let mut preds = Map::new();
    for r in recs {
        let spans: Vec<Value> = r
            .entities
            .iter()
            .filter_map(|e| label(e.etype).map(|l| (e, l)))
            .flat_map(|(e, l)| e.mentions.iter().map(move |m| json!([m.start, m.end, l])))
            .collect();
        preds.insert(r.id.clone(), Value::Array(spans));
    }
    let out = json!({"engine": "newsfacts (Rust, examples/ner_predict)", "seconds": seconds,
                     "preds": preds});
    writeln!(std::io::stdout().lock(), "{out}")?;
    Ok(())
}
