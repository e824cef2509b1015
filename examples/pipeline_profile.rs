//! Profiling harness for the whole pipeline over JSONL articles read at run time (nothing from
//! the corpora is stored in the repository).
//!
//! ```text
//! # the `profiling` profile is release code with symbols (release builds are stripped):
//! cargo build --profile profiling --example pipeline_profile
//! # every record as one JSON line (to compare two builds' output byte for byte):
//! target/profiling/examples/pipeline_profile dump /tmp/reuters.jsonl > before.jsonl
//! # time, or profile under callgrind, N articles with the given stages:
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect=pipeline_profile::measured \
//!     target/profiling/examples/pipeline_profile run /tmp/reuters.jsonl 1000 all
//! ```
//!
//! Input lines need a `text`; `id`, `title` and `published` are used when present. Gzipped files
//! are not read: decompress them first (`zcat all.jsonl.gz > /tmp/reuters.jsonl`).

use std::io::{BufWriter, Write};
use std::time::Instant;

use newsfacts::record::Record;
use newsfacts::{Article, Extractor, Include, Stage};

fn read_articles(path: &str, limit: usize) -> Vec<Article> {
    let raw = match std::fs::read_to_string(path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("pipeline_profile: cannot read {path} ({e})");
            return Vec::new();
        }
    };
    raw.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let field = |k: &str| {
                v.get(k)
                    .and_then(serde_json::Value::as_str)
                    .map(String::from)
            };
            Some(Article {
                id: field("id").unwrap_or_default(),
                text: Some(field("text")?),
                title: field("title"),
                published: field("published"),
                ..Article::default()
            })
        })
        .take(limit)
        .collect()
}

/// `all`, `none` (segmentation, language, dates only), or a comma list of contract stage names.
fn include_of(spec: &str) -> Include {
    match spec {
        "all" => Include::default(),
        "none" => Include::none(),
        list => list
            .split(',')
            .filter_map(|name| Stage::parse(name).ok())
            .fold(Include::none(), Include::with),
    }
}

/// The measured part (`valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect=pipeline_profile::measured ...` counts only this).
#[inline(never)]
fn measured(ex: &Extractor, articles: &[Article], include: Include) -> Vec<Record> {
    articles
        .iter()
        .map(|a| ex.extract_one(a, include))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let (Some(mode), Some(path)) = (arg(1), arg(2)) else {
        eprintln!("usage: pipeline_profile dump|run FILE.jsonl [N] [all|none|stage,stage]");
        return;
    };
    let limit = arg(3).and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let include = include_of(arg(4).unwrap_or("all"));
    let articles = read_articles(path, limit);
    let Ok(ex) = Extractor::builder().threads(1).build() else {
        eprintln!("pipeline_profile: no extractor");
        return;
    };
    let bytes: usize = articles
        .iter()
        .filter_map(|a| a.text.as_deref())
        .map(str::len)
        .sum();
    // Build every lazily loaded resource before measuring.
    if let Some(first) = articles.first() {
        std::hint::black_box(ex.extract_one(first, Include::default()));
    }
    let t0 = Instant::now();
    let records = measured(&ex, &articles, include);
    let secs = t0.elapsed().as_secs_f64();
    if mode == "dump" {
        let mut out = BufWriter::new(std::io::stdout().lock());
        for r in &records {
            let line = serde_json::to_string(r).unwrap_or_else(|e| format!("error: {e}"));
            if writeln!(out, "{line}").is_err() {
                return;
            }
        }
    }
    eprintln!(
        "{} articles, {:.2} MB in {secs:.2} s: {:.0} ms/MB",
        articles.len(),
        bytes as f64 / 1e6,
        secs * 1e3 / (bytes as f64 / 1e6).max(1e-9)
    );
}
