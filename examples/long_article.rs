//! Times each stage of the pipeline (and each mention tagger) on one long article: the text of
//! a JSONL file's articles joined into one string, cut to N megabytes (nothing from the corpora
//! is stored in the repository).
//!
//! ```text
//! zcat ../shared/data/reuters21578/all.jsonl.gz > /tmp/reuters.jsonl
//! cargo run --release --example long_article -- /tmp/reuters.jsonl 1 2 4 8
//! ```
//!
//! Prints, per size, the seconds of every tagger and stage and of the whole
//! `Extractor::extract_one`, and the per-MB time.

use std::time::Instant;

use newsfacts::extract;
use newsfacts::text::Document;
use newsfacts::{Article, Extractor, Include};

/// The first `mb` megabytes of the file's texts joined by blank lines (cut at a char boundary).
fn long_text(path: &str, mb: f64) -> String {
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    let want = (mb * 1e6) as usize;
    let mut out = String::with_capacity(want + 4096);
    'fill: loop {
        let before = out.len();
        for line in raw.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(t) = v.get("text").and_then(serde_json::Value::as_str) {
                out.push_str(t);
                out.push_str("\n\n");
                if out.len() >= want {
                    break 'fill;
                }
            }
        }
        if out.len() == before {
            break;
        }
    }
    let mut cut = want.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t0 = Instant::now();
    let out = f();
    eprint!("{name} {:.2}  ", t0.elapsed().as_secs_f64());
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: long_article FILE.jsonl MB [MB ...]");
        return;
    };
    let ex = Extractor::builder().threads(1).build().expect("extractor");
    // Build the lazily loaded resources first.
    ex.extract_one(
        &Article::from_text("Warm-up in Rome, Italy."),
        Include::default(),
    );
    let stages = args.iter().any(|a| a == "--stages");
    for mb in args[2..].iter().filter_map(|a| a.parse::<f64>().ok()) {
        let text = long_text(path, mb);
        eprint!("{mb} MB: ");
        if stages {
            let doc = timed("segment", || Document::new(&text));
            let links = extract::links::links(&doc);
            let mut m = timed("people", || extract::people::titled(&doc));
            m.extend(timed("works", || extract::works::mentions(&doc)));
            m.extend(timed("acronyms", || extract::acronyms::definitions(&doc)));
            m.extend(timed("gazetteer", || extract::gazetteer::mentions(&doc)));
            m.extend(timed("ner", || extract::ner::tag(&doc)));
            let _ = links;
            let mut ents = timed("resolve", || extract::resolve::entities(&doc, m));
            eprint!("[{} entities] ", ents.len());
            timed("places", || extract::places::geocode(&doc, &mut ents));
            timed("quotes", || extract::quotes::quotes(&doc, &ents));
            timed("keywords", || extract::keywords::keywords(&doc));
        }
        let t0 = Instant::now();
        let rec = ex.extract_one(&Article::from_text(text.clone()), Include::default());
        let secs = t0.elapsed().as_secs_f64();
        eprintln!(
            "| extract_one {secs:.2} s, {:.2} s/MB, {} entities",
            secs / (text.len() as f64 / 1e6),
            rec.entities.len()
        );
    }
}
