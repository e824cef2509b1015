//! Scores cross-article entity keys (issue #17) on MEANTIME English (airbus + apple, the DEV
//! topics), through the whole pipeline, and prints a Markdown section "## Entity keys".
//!
//! Usage: `eval-keys [--data DIR] [--errors N] [--timing N]` (default `../shared/data`; `--errors`
//! also lists the N largest wrongly split and wrongly joined gold instances; `--timing N` instead
//! times the batch key stage against the whole pipeline on the first N Reuters-21578 articles,
//! in-process: see [`timing`]).
//!
//! Gold: every named (`syntactic_type` NAM) PER, ORG or LOC entity mention of
//! `meantime_en/all.jsonl` with an `instance` (the annotators' cross-document identity). All 60
//! articles go through [`Extractor::extract_batch_with`] as one batch (so the batch key stage
//! sees them together). A gold mention takes the key of the system mention with the same span,
//! else of the system mention overlapping it most; a gold mention no system mention overlaps is
//! a singleton. B-cubed precision, recall and F1 (per mention, averaged) of those keys against
//! the instances, side by side with the surface-string baseline (each mention's own lower-cased
//! text as its key).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use newsfacts::extract::dedup::DedupIndex;
use newsfacts::extract::keys::{canonicalize, Registry};
use newsfacts::record::Record;
use newsfacts::{Article, Extractor, Include};

/// One gold mention: article, span (code points), text, instance.
struct Gold {
    doc: usize,
    start: usize,
    end: usize,
    text: String,
    instance: String,
}

fn read(data: &std::path::Path) -> Result<(Vec<Article>, Vec<Gold>), String> {
    let path = data.join("meantime_en/all.jsonl");
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut arts = Vec::new();
    let mut gold = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let text = v["text"].as_str().unwrap_or("").to_string();
        let chars: Vec<char> = text.chars().collect();
        let doc = arts.len();
        for e in v["entities"].as_array().into_iter().flatten() {
            let named = e["syntactic_type"].as_str() == Some("NAM");
            let typed = matches!(e["label"].as_str(), Some("PER" | "ORG" | "LOC"));
            let (Some(inst), Some(s), Some(t)) = (
                e["instance"].as_str(),
                e["start"].as_u64(),
                e["end"].as_u64(),
            ) else {
                continue;
            };
            let (s, t) = (
                usize::try_from(s).unwrap_or(0),
                usize::try_from(t).unwrap_or(0),
            );
            if named && typed && s < t && t <= chars.len() {
                gold.push(Gold {
                    doc,
                    start: s,
                    end: t,
                    text: chars[s..t].iter().collect(),
                    instance: inst.to_string(),
                });
            }
        }
        let mut a = Article::from_text(text);
        a.id = v["id"].as_str().unwrap_or("").to_string();
        a.published = v["dct"].as_str().map(str::to_string);
        arts.push(a);
    }
    Ok((arts, gold))
}

/// The key of the system mention matching `[s, t)` best, if any overlaps.
fn system_key(rec: &Record, s: usize, t: usize) -> Option<&str> {
    let mut best: Option<(usize, bool, &str)> = None;
    for e in &rec.entities {
        for m in &e.mentions {
            let ov = t.min(m.end).saturating_sub(s.max(m.start));
            if ov == 0 {
                continue;
            }
            let exact = m.start == s && m.end == t;
            if best.is_none_or(|(bo, be, _)| (exact, ov) > (be, bo)) {
                best = Some((ov, exact, e.key.as_str()));
            }
        }
    }
    best.map(|b| b.2)
}

/// B-cubed precision and recall of `keys` against `inst` (same length), per mention averaged.
fn bcubed(keys: &[String], inst: &[String]) -> (f64, f64) {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut by_inst: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, i) in keys.iter().zip(inst) {
        *by_key.entry(k).or_default() += 1;
        *by_inst.entry(i).or_default() += 1;
        *both.entry((k, i)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (k, i) in keys.iter().zip(inst) {
        let n = both[&(k.as_str(), i.as_str())] as f64;
        p += n / by_key[k.as_str()] as f64;
        r += n / by_inst[i.as_str()] as f64;
    }
    let n = keys.len().max(1) as f64;
    (p / n, r / n)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The `n` gold instances split over most keys and the `n` keys joining most instances.
fn errors(keys: &[String], gold: &[Gold], n: usize) {
    let mut split: HashMap<&str, HashMap<&str, Vec<&str>>> = HashMap::new();
    let mut joined: HashMap<&str, HashMap<&str, Vec<&str>>> = HashMap::new();
    for (k, g) in keys.iter().zip(gold) {
        split
            .entry(&g.instance)
            .or_default()
            .entry(k)
            .or_default()
            .push(&g.text);
        joined
            .entry(k)
            .or_default()
            .entry(&g.instance)
            .or_default()
            .push(&g.text);
    }
    for (title, map) in [("split instances", split), ("joined keys", joined)] {
        let mut rows: Vec<_> = map.into_iter().filter(|(_, v)| v.len() > 1).collect();
        rows.sort_by_key(|(k, v)| {
            (
                std::cmp::Reverse(v.values().map(Vec::len).sum::<usize>()),
                *k,
            )
        });
        eprintln!("# {title}");
        for (k, v) in rows.into_iter().take(n) {
            let mut parts: Vec<String> = v
                .iter()
                .map(|(kk, texts)| {
                    let mut t: Vec<&str> = texts.clone();
                    t.sort_unstable();
                    t.dedup();
                    format!("{kk} x{} {t:?}", texts.len())
                })
                .collect();
            parts.sort();
            eprintln!("{k}\n    {}", parts.join("\n    "));
        }
    }
}

/// Times the key stage against the pipeline on the first `n` Reuters articles: the pipeline
/// (every default stage, key stage included) in batches of 1,000 with one registry, as
/// `iter_extract` runs it, twice; then the key stage alone over copies of those records, three
/// times each for the whole set as one batch and for its first quarter (linearity: the time per
/// entity should not grow with the batch).
fn timing(data: &Path, n: usize) {
    let path = data.join("reuters21578/all.jsonl.gz");
    let child = Command::new("gzip")
        .arg("-dc")
        .arg(&path)
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("eval-keys: cannot read {}", path.display());
        std::process::exit(1);
    };
    let arts: Vec<Article> = child.stdout.take().map_or_else(Vec::new, |out| {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| {
                let v: serde_json::Value = serde_json::from_str(&l).ok()?;
                let mut a = Article::from_text(v["text"].as_str()?.to_string());
                a.id = v["id"].as_str().unwrap_or("").to_string();
                Some(a)
            })
            .take(n)
            .collect()
    });
    let _ = child.kill();
    let _ = child.wait();
    let Ok(ex) = Extractor::builder().build() else {
        return;
    };
    let mut recs = Vec::new();
    let mut pipeline = Vec::new();
    for _ in 0..2 {
        let mut registry = Registry::new();
        let t0 = Instant::now();
        recs = arts
            .chunks(1000)
            .flat_map(|b| {
                ex.extract_stream(b, None, None, &mut DedupIndex::new(), &mut registry, None)
                    .unwrap_or_default()
            })
            .collect();
        pipeline.push(t0.elapsed().as_secs_f64());
    }
    let entities: usize = recs.iter().map(|r| r.entities.len()).sum();
    let keys_time = |recs: &[Record], batch: usize| -> f64 {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let mut copy = recs.to_vec();
            let mut registry = Registry::new();
            let t0 = Instant::now();
            for b in copy.chunks_mut(batch) {
                canonicalize(b, &mut registry);
            }
            best = best.min(t0.elapsed().as_secs_f64());
        }
        best
    };
    let per_batch = keys_time(&recs, 1000);
    let whole = keys_time(&recs, recs.len().max(1));
    let quarter = &recs[..recs.len() / 4];
    let q_entities: usize = quarter.iter().map(|r| r.entities.len()).sum();
    let q_time = keys_time(quarter, quarter.len().max(1));
    let best_pipeline = pipeline.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "## Key stage time (Reuters-21578, {} articles, {entities} entities)\n",
        arts.len()
    );
    println!("| measure | seconds | share of the pipeline |");
    println!("|---|---|---|");
    println!(
        "| pipeline, batches of 1,000 with one registry (runs: {}) | {best_pipeline:.2} | 100% |",
        pipeline
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "| key stage alone, batches of 1,000 (best of 3) | {per_batch:.3} | {:.2}% |",
        100.0 * per_batch / best_pipeline
    );
    println!(
        "| key stage alone, one batch of all | {whole:.3} | {:.2}% |",
        100.0 * whole / best_pipeline
    );
    println!(
        "\nLinearity: {:.2} µs per entity for all {entities} entities in one batch, {:.2} µs for \
         the first quarter ({q_entities} entities).",
        1e6 * whole / entities.max(1) as f64,
        1e6 * q_time / q_entities.max(1) as f64
    );
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut show = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().map_or(data, PathBuf::from),
            "--errors" => show = args.next().and_then(|v| v.parse().ok()).unwrap_or(20),
            "--timing" => {
                let n = args.next().and_then(|v| v.parse().ok()).unwrap_or(20_000);
                timing(&data, n);
                return;
            }
            _ => {
                eprintln!("usage: eval-keys [--data DIR] [--errors N]");
                std::process::exit(2);
            }
        }
    }
    let (arts, gold) = match read(&data) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("eval-keys: {e}");
            std::process::exit(1);
        }
    };
    let ex = match Extractor::builder().build() {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("eval-keys: {e}");
            std::process::exit(1);
        }
    };
    let include = Include::from_names(&["entities", "places"]).unwrap_or_default();
    let recs = ex
        .extract_batch_with(&arts, None, Some(include))
        .unwrap_or_default();
    let inst: Vec<String> = gold.iter().map(|g| g.instance.clone()).collect();
    let surface: Vec<String> = gold.iter().map(|g| g.text.to_lowercase()).collect();
    let mut unmatched = 0usize;
    let keys: Vec<String> = gold
        .iter()
        .enumerate()
        .map(
            |(i, g)| match recs.get(g.doc).and_then(|r| system_key(r, g.start, g.end)) {
                Some(k) => k.to_string(),
                None => {
                    unmatched += 1;
                    format!("\u{0}unmatched {i}")
                }
            },
        )
        .collect();
    let n_inst = {
        let mut v = inst.clone();
        v.sort();
        v.dedup();
        v.len()
    };
    println!("## Entity keys\n");
    println!(
        "MEANTIME English airbus + apple ({} articles, one batch): {} named PER/ORG/LOC mentions of \
         {n_inst} gold instances; {unmatched} have no overlapping system mention (singletons). \
         B-cubed over the gold mentions, keys against the annotated cross-document instances.\n",
        arts.len(),
        gold.len()
    );
    println!("| keys | B-cubed P | B-cubed R | B-cubed F1 |");
    println!("|---|---|---|---|");
    for (name, k) in [
        ("newsfacts `key`", &keys),
        ("surface string (lower-cased)", &surface),
    ] {
        let (p, r) = bcubed(k, &inst);
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            100.0 * p,
            100.0 * r,
            100.0 * f1(p, r)
        );
    }
    if show > 0 {
        errors(&keys, &gold, show);
    }
}
