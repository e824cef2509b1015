//! Evaluates the NER tagger: exact-span P/R/F1 per label on CoNLL-2003 test (and dev) and on
//! GMB (types mapped to CoNLL's), tagger throughput on one thread, model load time and peak RSS.
//! Prints a Markdown section.
//!
//! `eval-ner [--data DIR] [--model FILE] [--no-gmb]` (default: the model shipped in the
//! library).

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsfacts::extract::ner::eval::{conll_label, gmb_label, load_jsonl, GoldDoc, Scores};
use newsfacts::extract::ner::train::prepare;
use newsfacts::extract::ner::{shipped_model_size, tag_with, Label, Tagger};
use newsfacts::record::EntityType;
use newsfacts::Document;

fn label_of(t: EntityType) -> Option<Label> {
    match t {
        EntityType::Person => Some(Label::Per),
        EntityType::Org => Some(Label::Org),
        EntityType::Loc => Some(Label::Loc),
        EntityType::Misc => Some(Label::Misc),
        _ => None,
    }
}

/// Scores `tagger` on `docs` through `Document::new` + [`tag_with`], as in production.
fn score(tagger: &Tagger, docs: &[GoldDoc]) -> Scores {
    let mut s = Scores::default();
    for g in docs {
        let doc = Document::new(&g.text);
        let pred: Vec<((usize, usize), Label)> = tag_with(tagger, &doc)
            .into_iter()
            .filter_map(|m| label_of(m.etype).map(|l| ((m.start, m.end), l)))
            .collect();
        let gold: Vec<((usize, usize), Label)> =
            g.entities.iter().map(|&(a, b, l)| ((a, b), l)).collect();
        if std::env::var_os("NER_ERRORS").is_some() {
            for x in pred.iter().filter(|x| !gold.contains(x)) {
                eprintln!("FP {:?} {:?}", x.1, &g.text[x.0 .0..x.0 .1]);
            }
            for x in gold.iter().filter(|x| !pred.contains(x)) {
                eprintln!("FN {:?} {:?}", x.1, &g.text[x.0 .0..x.0 .1]);
            }
        }
        s.add(&gold, &pred);
    }
    s
}

/// CPU seconds used so far by the calling thread (user + system), from `/proc`.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn load(path: &Path, map: fn(&str) -> Option<Label>) -> Vec<GoldDoc> {
    load_jsonl(path, map).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", path.display());
        Vec::new()
    })
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut model: Option<PathBuf> = None;
    let mut gmb = true;
    let mut dev_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = PathBuf::from(args.next().unwrap_or_default()),
            "--model" => model = args.next().map(PathBuf::from),
            "--no-gmb" => gmb = false,
            "--dev-only" => dev_only = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let conll = data.join("conll2003");
    if !conll.exists() {
        println!(
            "## Named entities\n\nNo data at {} (skipped).",
            data.display()
        );
        return;
    }
    // Load time: parse the model and the resources (first tag call).
    let t0 = Instant::now();
    let custom;
    let mut model_size = shipped_model_size();
    let tagger: &Tagger = match &model {
        Some(p) => {
            let bytes = std::fs::read(p).unwrap_or_default();
            model_size = bytes.len();
            custom = Tagger::from_bytes(&bytes).unwrap_or_else(|e| {
                eprintln!("cannot load {}: {e}", p.display());
                std::process::exit(1);
            });
            &custom
        }
        None => Tagger::shipped(),
    };
    let _ = tagger.tag_tokens(&["Warm", "up", "in", "Paris", "."]);
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;

    let dev = load(&conll.join("dev.jsonl"), conll_label);
    let dev_scores = score(tagger, &dev);
    if dev_only {
        println!("dev:\n{}", dev_scores.markdown());
        return;
    }
    let test = load(&conll.join("test.jsonl"), conll_label);
    let test_scores = score(tagger, &test);

    // Throughput: the tagger alone over CoNLL test sentences, one thread.
    let (prepared, _) = prepare(&test);
    let words: Vec<Vec<Vec<&str>>> = prepared.iter().map(|d| d.word_refs()).collect();
    let n_tokens: usize = words.iter().flatten().map(Vec::len).sum();
    // Best of several rounds (the machine is shared): wall clock and CPU time of this thread.
    let (rounds, reps) = (6, 2);
    let mut n_spans = 0;
    let mut tps = 0f64;
    let mut cpu_tps: Option<f64> = None;
    for _ in 0..rounds {
        let cpu0 = thread_cpu_secs();
        let t1 = Instant::now();
        for _ in 0..reps {
            for d in &words {
                n_spans += tagger.tag_document(d).iter().map(Vec::len).sum::<usize>();
            }
        }
        let secs = t1.elapsed().as_secs_f64();
        tps = tps.max((n_tokens * reps) as f64 / secs);
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_secs()) {
            if b > a {
                let v = (n_tokens * reps) as f64 / (b - a);
                cpu_tps = Some(cpu_tps.map_or(v, |c: f64| c.max(v)));
            }
        }
    }

    println!("## Named entities\n");
    println!(
        "Averaged-perceptron BILOU tagger (`src/extract/ner`), exact-span scoring, text segmented \
         by `Document::new` as in production.\n"
    );
    println!(
        "### CoNLL-2003 test (eng.testb, {} documents)\n",
        test.len()
    );
    println!("{}", test_scores.markdown());
    println!("### CoNLL-2003 dev (eng.testa, used for early stopping)\n");
    println!("{}", dev_scores.markdown());
    if gmb {
        let gmb_docs = load(&data.join("gmb_ner").join("all.jsonl"), gmb_label);
        if !gmb_docs.is_empty() {
            let s = score(tagger, &gmb_docs);
            println!(
                "### GMB ({} sentences; per→PER, org→ORG, geo/gpe→LOC, art/eve/nat→MISC, tim dropped)\n",
                gmb_docs.len()
            );
            println!("{}", s.markdown());
            println!(
                "GMB conventions differ from CoNLL's: titles are inside PER spans (\"President \
                 Bush\", even \"Mr.\" alone) and demonyms are `gpe` (mapped to LOC, while the \
                 tagger labels them MISC as CoNLL does); these count as errors here.\n"
            );
        }
    }
    println!("### Speed and footprint\n");
    println!("| Measure | Value |\n|---|---:|");
    println!(
        "| Tagger throughput (1 thread, CoNLL test, {n_tokens} tokens × {reps}, best of {rounds}), wall clock | {tps:.0} tokens/s |"
    );
    if let Some(c) = cpu_tps {
        println!(
            "| Tagger throughput per CPU second of the thread (shared machine) | {c:.0} tokens/s |"
        );
    }
    println!("| Model + resources load (first call) | {load_ms:.0} ms |");
    if let Some(mb) = peak_rss_mb() {
        println!("| Peak RSS of this process | {mb:.0} MB |");
    }
    println!(
        "| Model size (`model.bin`) | {:.2} MB |",
        model_size as f64 / 1e6
    );
    let _ = n_spans;
}
