//! Criterion benchmarks of each stage of the core, on the reference article and on the bundled
//! sample (bytes per second, so the figures compare across inputs).
//!
//! ```text
//! cargo bench --bench stages -- --warm-up-time 1 --measurement-time 2
//! ```
//!
//! (Those are also the defaults, with 20 samples per benchmark.)
//!
//! The reference article is read from `$NEWSFACTS_SHARED/reference/seed-article.txt` (default:
//! `../shared` beside the repository), the sample from `python/newsfacts/data/sample.jsonl`; an
//! input that is absent is skipped with a note. Every stage is timed alone, over documents that were
//! segmented (and, for `resolve` and `places`, annotated) beforehand, so each figure is that
//! stage's own cost.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, Throughput};
use newsfacts::extract::{self, Mention};
use newsfacts::record::EntityRec;
use newsfacts::{Article, Document, Extractor, Include};

/// One benchmark input: texts with their reference dates.
struct Input {
    name: &'static str,
    articles: Vec<(String, Option<NaiveDate>)>,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.articles.iter().map(|(t, _)| t.len() as u64).sum()
    }
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSFACTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("..").join("shared"))
}

fn seed() -> Option<Input> {
    let path = shared_dir().join("reference").join("seed-article.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(Input {
            name: "seed",
            articles: vec![(text, NaiveDate::from_ymd_opt(2017, 9, 28))],
        }),
        Err(e) => {
            eprintln!(
                "stages: no seed article at {} ({e}); skipped",
                path.display()
            );
            None
        }
    }
}

fn sample() -> Option<Input> {
    let path = repo_root()
        .join("python")
        .join("newsfacts")
        .join("data")
        .join("sample.jsonl");
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("stages: no sample at {} ({e}); skipped", path.display());
            return None;
        }
    };
    let articles: Vec<(String, Option<NaiveDate>)> = raw
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let published = v
                .get("published")
                .and_then(serde_json::Value::as_str)
                .and_then(newsfacts::extractor::parse_iso_date);
            Some((text, published))
        })
        .collect();
    if articles.is_empty() {
        eprintln!(
            "stages: the sample at {} has no texts; skipped",
            path.display()
        );
        return None;
    }
    Some(Input {
        name: "sample",
        articles,
    })
}

/// The mentions every entity stage proposes, in the extractor's order.
fn mentions_of(doc: &Document) -> Vec<Mention> {
    let mut m = extract::people::titled(doc);
    m.extend(extract::acronyms::definitions(doc));
    m.extend(extract::gazetteer::mentions(doc));
    m.extend(extract::ner::tag(doc));
    m
}

/// Benchmarks a stage that only needs the segmented document.
fn doc_stage<R>(
    c: &mut Criterion,
    input: &Input,
    docs: &[Document],
    name: &str,
    f: impl Fn(&Document) -> R,
) {
    let mut g = c.benchmark_group(input.name);
    g.throughput(Throughput::Bytes(input.bytes()));
    g.bench_function(name, |b| {
        b.iter(|| {
            for d in docs {
                black_box(f(black_box(d)));
            }
        });
    });
    g.finish();
}

fn bench_input(c: &mut Criterion, input: &Input) {
    let docs: Vec<Document> = input
        .articles
        .iter()
        .map(|(t, _)| Document::new(t))
        .collect();
    let dated: Vec<(&Document, Option<NaiveDate>)> = docs
        .iter()
        .zip(input.articles.iter().map(|(_, p)| *p))
        .collect();
    let mentions: Vec<Vec<Mention>> = docs.iter().map(mentions_of).collect();
    let entities: Vec<Vec<EntityRec>> = docs
        .iter()
        .zip(&mentions)
        .map(|(d, m)| extract::resolve::entities(d, m.clone()))
        .collect();

    {
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::Bytes(input.bytes()));
        g.bench_function("segment (Document::new)", |b| {
            b.iter(|| {
                for (t, _) in &input.articles {
                    black_box(Document::new(black_box(t)));
                }
            });
        });
        g.finish();
    }
    doc_stage(c, input, &docs, "language", |d| {
        extract::language::detect(d.text)
    });
    doc_stage(c, input, &docs, "links", extract::links::links);
    doc_stage(
        c,
        input,
        &docs,
        "boilerplate",
        extract::boilerplate::boilerplate,
    );
    {
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::Bytes(input.bytes()));
        g.bench_function("dates", |b| {
            b.iter(|| {
                for (d, p) in &dated {
                    black_box(extract::dates::dates(black_box(d), *p));
                }
            });
        });
        g.finish();
    }
    doc_stage(c, input, &docs, "gazetteer", extract::gazetteer::mentions);
    doc_stage(c, input, &docs, "people", extract::people::titled);
    doc_stage(c, input, &docs, "works", extract::works::mentions);
    doc_stage(c, input, &docs, "wire", |d| extract::wire::spans(d.text));
    doc_stage(c, input, &docs, "acronyms", extract::acronyms::definitions);
    doc_stage(c, input, &docs, "ner::tag", extract::ner::tag);
    {
        // The tagger alone, over sentences split beforehand (warm per-thread word cache).
        let words: Vec<Vec<Vec<&str>>> = docs.iter().map(extract::ner::sentence_words).collect();
        let tagger = extract::ner::Tagger::shipped();
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::Bytes(input.bytes()));
        g.bench_function("ner::Tagger::tag_document", |b| {
            b.iter(|| {
                for w in &words {
                    black_box(tagger.tag_document(black_box(w)));
                }
            });
        });
        g.finish();
    }
    {
        // Tagger, lemmatizer, parser and labeller over every sentence's words (cut beforehand):
        // throughput in words.
        let model = extract::syntax::shipped();
        let sents: Vec<(&str, Vec<(usize, usize)>)> = docs
            .iter()
            .flat_map(|d| {
                (0..d.sentences.len()).map(move |i| (d.text, extract::syntax::sentence_words(d, i)))
            })
            .collect();
        let n: usize = sents.iter().map(|s| s.1.len()).sum();
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function("syntax::SyntaxModel::analyze (words)", |b| {
            b.iter(|| {
                for (text, words) in &sents {
                    black_box(model.analyze(text, black_box(words)));
                }
            });
        });
        g.finish();
    }
    {
        let mut g = c.benchmark_group(input.name);
        g.throughput(Throughput::Bytes(input.bytes()));
        g.bench_function("resolve", |b| {
            b.iter_batched(
                || mentions.clone(),
                |ms| {
                    for (d, m) in docs.iter().zip(ms) {
                        black_box(extract::resolve::entities(d, m));
                    }
                },
                BatchSize::SmallInput,
            );
        });
        g.bench_function("places", |b| {
            b.iter(|| {
                for (d, e) in docs.iter().zip(&entities) {
                    black_box(extract::places::places(d, e));
                }
            });
        });
        // The quotes stage over the resolved entities (target: ≥ 20 MB/s per core).
        g.bench_function("quotes", |b| {
            b.iter(|| {
                for (d, e) in docs.iter().zip(&entities) {
                    black_box(extract::quotes::quotes(black_box(d), e));
                }
            });
        });
        g.finish();
    }
    let arts: Vec<Article> = input
        .articles
        .iter()
        .map(|(t, p)| Article {
            published: p.map(|d| d.format("%Y-%m-%d").to_string()),
            ..Article::from_text(t.clone())
        })
        .collect();
    match Extractor::builder().threads(1).build() {
        Ok(ex) => {
            let mut g = c.benchmark_group(input.name);
            g.throughput(Throughput::Bytes(input.bytes()));
            g.bench_function("extract_one (all stages)", |b| {
                b.iter(|| {
                    for a in &arts {
                        black_box(ex.extract_one(black_box(a), Include::default()));
                    }
                });
            });
            g.finish();
        }
        Err(e) => eprintln!("stages: no extractor ({e}); extract_one skipped"),
    }
}

fn main() {
    // Short defaults keep the whole run under two minutes; command-line flags still override them.
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    for input in [seed(), sample()].into_iter().flatten() {
        bench_input(&mut c, &input);
    }
    c.final_summary();
}
