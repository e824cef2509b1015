//! Trains the NER tagger on CoNLL-2003 `train.jsonl`, early-stopping on `dev.jsonl`, and writes
//! the compact model bundle (default `src/extract/ner/model.bin`).
//!
//! `newsfacts-train [--data DIR] [--out FILE] [--epochs N] [--patience N] [--min-count N]
//! [--prune X] [--seeds N] [--one-pass] [--reprune BUNDLE]`

use std::path::PathBuf;
use std::time::Instant;

use newsfacts::extract::ner::eval::{conll_label, load_jsonl};
use newsfacts::extract::ner::train::{evaluate, prepare, train, Options};
use newsfacts::extract::ner::{Label, Tagger};

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("src/extract/ner/model.bin");
    let mut opts = Options::default();
    let mut prune = 0.0f32;
    let mut two_pass = true;
    let mut reprune: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--out" => out = PathBuf::from(val()),
            "--epochs" => opts.epochs = val().parse().unwrap_or(opts.epochs),
            "--patience" => opts.patience = val().parse().unwrap_or(opts.patience),
            "--seeds" => opts.seeds = val().parse().unwrap_or(opts.seeds),
            "--min-count" => opts.min_count = val().parse().unwrap_or(opts.min_count),
            "--prune" => prune = val().parse().unwrap_or(prune),
            "--one-pass" => two_pass = false,
            "--reprune" => reprune = Some(PathBuf::from(val())),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let dir = data.join("conll2003");
    if !dir.exists() {
        println!("newsfacts-train: no data at {} (skipped)", dir.display());
        return;
    }
    let t0 = Instant::now();
    let load = |name: &str| match load_jsonl(&dir.join(name), conll_label) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {name}: {e}");
            std::process::exit(1);
        }
    };
    let (train_docs, off_t) = prepare(&load("train.jsonl"));
    let (dev_docs, off_d) = prepare(&load("dev.jsonl"));
    eprintln!(
        "{} train docs ({off_t} entities off token boundaries), {} dev docs ({off_d})",
        train_docs.len(),
        dev_docs.len()
    );
    let tagger = match &reprune {
        // Re-save an existing bundle with --prune (no training).
        Some(p) => match std::fs::read(p).map(|b| Tagger::from_bytes(&b)) {
            Ok(Ok(t)) => t,
            _ => {
                eprintln!("cannot load {}", p.display());
                std::process::exit(1);
            }
        },
        None => train(&train_docs, &dev_docs, &opts, two_pass),
    };
    let bytes = tagger.to_bytes(prune);
    let reloaded = match Tagger::from_bytes(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("model does not round-trip: {e}");
            std::process::exit(1);
        }
    };
    let before = evaluate(&tagger, &dev_docs).micro().2;
    let after = evaluate(&reloaded, &dev_docs);
    eprintln!(
        "dev F1 {before:.2} in memory, {:.2} after quantization (prune {prune}); {} bytes",
        after.micro().2,
        bytes.len()
    );
    for l in Label::ALL {
        let (p, r, f) = after.label(l);
        eprintln!("  {}: P {p:.2} R {r:.2} F1 {f:.2}", l.as_str());
    }
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    eprintln!(
        "wrote {} in {:.1}s",
        out.display(),
        t0.elapsed().as_secs_f64()
    );
}
