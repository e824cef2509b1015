//! Evaluates the syntax layer on UD English EWT test (and dev): UPOS, lemma, UAS and LAS from
//! raw sentence text through the public pipeline (`Extractor::extract_one` with
//! `include=["tokens"]`, one sentence per article, the library's own sentences and words; a
//! gold word counts only when a predicted token has exactly its span), the same from gold
//! words, and the speed of tagger + parser on one thread. Prints a Markdown section.
//!
//! `eval-syntax [--data DIR] [--model FILE]` (default: the model shipped in the library).

use std::path::PathBuf;
use std::time::Instant;

use newsfacts::extract::syntax::conllu::{self, GoldSentence};
use newsfacts::extract::syntax::train::{evaluate_gold_words, score, Scores};
use newsfacts::extract::syntax::{shipped, shipped_model_size, Deprel, SyntaxModel, Upos, Word};
use newsfacts::{Article, Extractor, Include, Stage};

/// Scores the pipeline on raw sentence text: tokens come back in code points and are mapped to
/// bytes here.
fn pipeline(ex: &Extractor, sents: &[GoldSentence]) -> Scores {
    let include = Include::none().with(Stage::Tokens);
    let mut total = Scores::default();
    for s in sents {
        let rec = ex.extract_one(&Article::from_text(s.text.clone()), include);
        let bytes: Vec<usize> = s
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(s.text.len()))
            .collect();
        let pred: Vec<Word> = rec
            .tokens
            .unwrap_or_default()
            .into_iter()
            .map(|t| Word {
                start: bytes[t.start],
                end: bytes[t.end],
                upos: Upos::parse(&t.upos),
                lemma: t.lemma,
                head: t.head,
                deprel: Deprel::parse(&t.dep),
            })
            .collect();
        total.add(&score(s, &pred));
    }
    total
}

fn row(name: &str, s: &Scores) -> String {
    let [matched, upos, lemma, uas, las] = s.percentages();
    format!(
        "| {name} | {} | {matched:.2} | {upos:.2} | {lemma:.2} | {uas:.2} | {las:.2} |",
        s.gold
    )
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut model_path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--model" => model_path = Some(PathBuf::from(val())),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    println!("## Syntax (UD English EWT)\n");
    let dir = data.join("ud_english_ewt");
    if !dir.exists() {
        println!("_Not run: no data at {}._", dir.display());
        return;
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map(|t| conllu::parse(&t));
    let (Ok(test), Ok(dev)) = (read("en_ewt-ud-test.conllu"), read("en_ewt-ud-dev.conllu")) else {
        println!("_Not run: cannot read the EWT files._");
        return;
    };
    let loaded;
    let model: &SyntaxModel = match &model_path {
        Some(p) => {
            let Some(m) = std::fs::read(p)
                .ok()
                .and_then(|b| SyntaxModel::from_bytes(&b))
            else {
                eprintln!("cannot read the model {}", p.display());
                std::process::exit(1);
            };
            loaded = m;
            &loaded
        }
        None => shipped(),
    };
    let ex = match Extractor::builder().threads(1).build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!(
        "Scores are percentages of gold words. From raw text: one sentence per article through \
         `Extractor::extract_one` with `include=[\"tokens\"]` (the library's own sentence split \
         and words); a gold word counts only when a predicted token has exactly its span. Gold \
         words: the treebank's words given to the tagger and parser.{}\n",
        if model_path.is_some() {
            " The raw-text rows use the shipped model; the gold-word rows the model given."
        } else {
            ""
        }
    );
    println!("| set | words | matched | UPOS | lemma | UAS | LAS |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!("{}", row("test, raw text", &pipeline(&ex, &test)));
    println!(
        "{}",
        row("test, gold words", &evaluate_gold_words(model, &test))
    );
    println!("{}", row("dev, raw text", &pipeline(&ex, &dev)));
    println!(
        "{}",
        row("dev, gold words", &evaluate_gold_words(model, &dev))
    );
    // Speed: tagger + lemmatizer + parser + labeller on gold words, one thread, best of 3.
    let sents: Vec<(String, Vec<(usize, usize)>)> = test
        .iter()
        .map(|s| {
            let mut text = String::new();
            let mut spans = Vec::new();
            for w in &s.words {
                spans.push((text.len(), text.len() + w.form.len()));
                text.push_str(&w.form);
                text.push(' ');
            }
            (text, spans)
        })
        .collect();
    let n: usize = sents.iter().map(|s| s.1.len()).sum();
    let mut best = f64::MAX;
    let cpu0 = thread_cpu_seconds();
    for _ in 0..3 {
        let t0 = Instant::now();
        let mut sink = 0usize;
        for (text, spans) in &sents {
            sink += model.analyze(text, spans).len();
        }
        assert_eq!(sink, n);
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!(
            " ({:.0}k words per CPU second of this thread)",
            3.0 * n as f64 / (b - a) / 1e3
        ),
        _ => String::new(),
    };
    println!(
        "\nSpeed (tag, lemmatize, parse, label; one thread, gold words, best of 3): {:.0}k words/s \
         wall clock{cpu}. Model file: {:.1} MB.",
        n as f64 / best / 1e3,
        shipped_model_size() as f64 / 1e6
    );
}

/// CPU time (user + system) of the calling thread, in seconds, from `/proc` (Linux; `None`
/// elsewhere): on a shared machine it measures the work, not the wait.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
