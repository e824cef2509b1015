//! Throughput of the quotes stage alone, one thread, over JSONL files of articles (`text`):
//! the entities it reads are resolved first (outside the clock), then the stage runs over every
//! article several times and the best and median runs are printed in MB/s, by the thread's CPU
//! time (`/proc/thread-self/schedstat`, so a loaded machine does not halve the figure) and by
//! the wall clock.
//!
//! ```text
//! zcat ../shared/data/reuters21578/all.jsonl.gz > /tmp/reuters.jsonl
//! cargo run --release --example quotes_speed -- /tmp/reuters.jsonl ../shared/data/bbc_news/all.jsonl
//! ```

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use newsfacts::extract::{self, Mention};
use newsfacts::Document;
use serde_json::Value;

/// The mentions every entity stage proposes, in the extractor's order.
fn mentions_of(doc: &Document) -> Vec<Mention> {
    let mut m = extract::people::titled(doc);
    m.extend(extract::acronyms::definitions(doc));
    m.extend(extract::gazetteer::mentions(doc));
    m.extend(extract::ner::tag(doc));
    m
}

/// This thread's CPU time in seconds (Linux), or `None` where the kernel does not say.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        for line in BufReader::new(std::fs::File::open(&path)?).lines() {
            let v: Value = serde_json::from_str(&line?)?;
            if let Some(t) = v.get("text").and_then(Value::as_str) {
                texts.push(t.to_string());
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    let entities: Vec<_> = docs
        .iter()
        .map(|d| extract::resolve::entities(d, mentions_of(d)))
        .collect();
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut n = 0;
    for _ in 0..7 {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        for (d, e) in docs.iter().zip(&entities) {
            n += black_box(extract::quotes::quotes(black_box(d), e)).len();
        }
        wall.push(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
            cpu.push(b - a);
        }
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB, {} quotes; quotes stage, 1 thread, 7 runs:",
        texts.len(),
        n / 7
    );
    if cpu.len() == 7 {
        println!(
            "  CPU time: best {:.1} MB/s, median {:.1} MB/s",
            mb / cpu[0],
            mb / cpu[3]
        );
    }
    println!(
        "  wall clock: best {:.1} MB/s, median {:.1} MB/s",
        mb / wall[0],
        mb / wall[3]
    );
    Ok(())
}
