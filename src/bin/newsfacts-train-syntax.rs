//! Trains the syntax model (UPOS tagger, lemmatizer, parser, labeller) on UD English EWT train,
//! choosing epochs on dev, prints dev figures, and writes `src/extract/syntax/model.bin`.
//!
//! `newsfacts-train-syntax [--data DIR] [--out FILE] [--tag-epochs N] [--parse-epochs N]
//! [--label-epochs N] [--folds N] [--explore P] [--prune X]
//! [--reprune MODEL --prune-tag X --prune-parse X --prune-label X]` (`--reprune`: no training;
//! prunes a trained model's rows further and writes it to `--out`)

use std::path::PathBuf;
use std::time::Instant;

use newsfacts::extract::syntax::train::{
    evaluate_gold_words, evaluate_raw, train, Options, Scores,
};
use newsfacts::extract::syntax::{conllu, SyntaxModel};

fn report(name: &str, s: &Scores) {
    let [matched, upos, lemma, uas, las] = s.percentages();
    println!(
        "{name}: words {} (matched {matched:.2}%)  UPOS {upos:.2}  lemma {lemma:.2}  UAS {uas:.2}  LAS {las:.2}",
        s.gold
    );
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("src/extract/syntax/model.bin");
    let mut o = Options::default();
    let mut reprune: Option<PathBuf> = None;
    let mut cuts = [0f32; 3];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--out" => out = PathBuf::from(val()),
            "--tag-epochs" => o.tag_epochs = val().parse().unwrap_or(o.tag_epochs),
            "--parse-epochs" => o.parse_epochs = val().parse().unwrap_or(o.parse_epochs),
            "--label-epochs" => o.label_epochs = val().parse().unwrap_or(o.label_epochs),
            "--folds" => o.folds = val().parse().unwrap_or(o.folds),
            "--explore" => o.explore = val().parse().unwrap_or(o.explore),
            "--prune" => o.prune = val().parse().unwrap_or(o.prune),
            "--reprune" => reprune = Some(PathBuf::from(val())),
            "--prune-tag" => cuts[0] = val().parse().unwrap_or(0.0),
            "--prune-parse" => cuts[1] = val().parse().unwrap_or(0.0),
            "--prune-label" => cuts[2] = val().parse().unwrap_or(0.0),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let dir = data.join("ud_english_ewt");
    let read = |name: &str| match std::fs::read_to_string(dir.join(name)) {
        Ok(t) => conllu::parse(&t),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.join(name).display());
            std::process::exit(1);
        }
    };
    let t0 = Instant::now();
    let tr = read("en_ewt-ud-train.conllu");
    let dev = read("en_ewt-ud-dev.conllu");
    eprintln!("train {} sentences, dev {}", tr.len(), dev.len());
    let model = match &reprune {
        Some(p) => {
            let Some(m) = std::fs::read(p)
                .ok()
                .and_then(|b| SyntaxModel::from_bytes(&b))
            else {
                eprintln!("cannot read the model {}", p.display());
                std::process::exit(1);
            };
            m.pruned(cuts[0], cuts[1], cuts[2])
        }
        None => train(&tr, &dev, &o),
    };
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    println!(
        "wrote {} ({:.1} MB) in {:.0} s",
        out.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    report("dev, gold words", &evaluate_gold_words(&model, &dev));
    report("dev, raw text", &evaluate_raw(&model, &dev));
}
