//! Scores cross-article entity keys (issue #17) on MEANTIME English (airbus + apple, the DEV
//! topics), through the whole pipeline, and prints a Markdown section "## Entity keys".
//!
//! Usage: `eval-keys [--data DIR] [--errors N]` (default `../shared/data`; `--errors` also lists
//! the N largest wrongly split and wrongly joined gold instances).
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
use std::path::PathBuf;

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

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut show = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().map_or(data, PathBuf::from),
            "--errors" => show = args.next().and_then(|v| v.parse().ok()).unwrap_or(20),
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
