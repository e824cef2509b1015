//! Training: an averaged structured perceptron over precomputed features, one pass over the
//! shuffled sentences per epoch, early-stopped on development F1. Deterministic: rows are
//! numbered in order of first appearance and the shuffle uses a fixed-seed generator.

use std::collections::HashMap;

use super::decode::viterbi;
use super::eval::{token_spans, GoldDoc, Scores};
use super::features::{self, DocInfo, SentFeatures};
use super::model::Model;
use super::tags::{encode, Span, N_TAGS};
use super::Tagger;
use crate::text::Document;

/// A document ready for training: token texts and gold spans per sentence.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Token texts per sentence.
    pub words: Vec<Vec<String>>,
    /// Gold spans per sentence.
    pub gold: Vec<Vec<Span>>,
}

impl Prepared {
    /// Token texts as `&str`.
    pub fn word_refs(&self) -> Vec<Vec<&str>> {
        self.words
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect()
    }
}

/// Segments gold documents with [`Document::new`] (as in production) and maps their entities
/// onto the tokens. Returns the documents and how many entities did not align exactly.
pub fn prepare(docs: &[GoldDoc]) -> (Vec<Prepared>, usize) {
    let mut off = 0;
    let out = docs
        .iter()
        .map(|g| {
            let doc = Document::new(&g.text);
            let (gold, o) = token_spans(&doc, &g.entities);
            off += o;
            let words = super::sentence_words(&doc)
                .into_iter()
                .map(|s| s.into_iter().map(str::to_string).collect())
                .collect();
            Prepared { words, gold }
        })
        .collect();
    (out, off)
}

/// Training options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Most epochs.
    pub epochs: usize,
    /// Epochs without a dev improvement before stopping.
    pub patience: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// Shuffle seed.
    pub seed: u64,
    /// Number of models (shuffle seeds) averaged per pass.
    pub seeds: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            epochs: 30,
            patience: 3,
            min_count: 2,
            seed: 17,
            seeds: 1,
            verbose: true,
        }
    }
}

/// Exact-span scores of `tagger` on prepared documents.
pub fn evaluate(tagger: &Tagger, docs: &[Prepared]) -> Scores {
    let mut scores = Scores::default();
    for d in docs {
        let pred = tagger.tag_document(&d.word_refs());
        for (s, (g, p)) in d.gold.iter().zip(&pred).enumerate() {
            let key = |v: &[Span]| -> Vec<((usize, usize, usize), super::Label)> {
                v.iter().map(|x| ((s, x.start, x.end), x.label)).collect()
            };
            scores.add(&key(g), &key(p));
        }
    }
    scores
}

/// One training sentence: features and gold tags.
#[derive(Clone)]
pub struct Example {
    feats: SentFeatures,
    gold: Vec<u8>,
}

struct Sent {
    rows: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

/// First-pass examples of `docs`.
fn base_examples(docs: &[Prepared]) -> Vec<Example> {
    let mut out = Vec::new();
    for doc in docs {
        let words = doc.word_refs();
        let info = DocInfo::new(&words);
        for (s, w) in words.iter().enumerate() {
            let mut feats = SentFeatures::default();
            features::extract(w, s, &info, &mut feats);
            let gold = encode(w.len(), doc.gold.get(s).map(Vec::as_slice).unwrap_or(&[]));
            out.push(Example { feats, gold });
        }
    }
    out
}

/// Second-pass examples of `docs`: their features plus document priors from `stage1`'s first
/// pass.
fn prior_examples(docs: &[Prepared], stage1: &Model) -> Vec<Example> {
    let t = Tagger::new(stage1.clone(), None);
    let mut out = Vec::new();
    for doc in docs {
        let words = doc.word_refs();
        let info = DocInfo::new(&words);
        let first = t.tag_document(&words);
        let (counts, own) = super::prior::build_prior(&words, &first);
        let mut base_feats = SentFeatures::default();
        let mut prior = SentFeatures::default();
        for (s, w) in words.iter().enumerate() {
            features::extract(w, s, &info, &mut base_feats);
            let own_s = own.get(s).map(Vec::as_slice).unwrap_or(&[]);
            super::prior::extract_prior(w, own_s, &counts, &mut prior);
            let mut feats = SentFeatures::default();
            base_feats.merged(&prior, &mut feats);
            let gold = encode(w.len(), doc.gold.get(s).map(Vec::as_slice).unwrap_or(&[]));
            out.push(Example { feats, gold });
        }
    }
    out
}

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

/// Trains one pass over `examples`. `dev_eval` scores a candidate model (micro
/// F1) after each epoch; the best averaged model is returned with its score and epoch. With
/// `fixed_epochs`, trains exactly that many epochs and skips evaluation.
pub fn train_stage(
    examples: Vec<Example>,
    opts: &Options,
    fixed_epochs: Option<usize>,
    dev_eval: &dyn Fn(&Model) -> f64,
) -> (Model, f64, usize) {
    // Number the features seen at least min_count times, in order of first appearance.
    let mut count: HashMap<u64, u32> = HashMap::new();
    for e in &examples {
        for &k in &e.feats.keys {
            *count.entry(k).or_insert(0) += 1;
        }
    }
    let mut row_of: HashMap<u64, u32> = HashMap::new();
    let mut keys: Vec<u64> = Vec::new();
    for e in &examples {
        for &k in &e.feats.keys {
            if count.get(&k).copied().unwrap_or(0) >= opts.min_count && !row_of.contains_key(&k) {
                row_of.insert(k, keys.len() as u32);
                keys.push(k);
            }
        }
    }
    drop(count);
    let sents: Vec<Sent> = examples
        .into_iter()
        .filter(|e| !e.feats.is_empty())
        .map(|e| {
            let f = &e.feats;
            let mut rows = Vec::with_capacity(f.keys.len());
            let mut offs = vec![0u32];
            for i in 0..f.len() {
                rows.extend(f.token(i).iter().filter_map(|k| row_of.get(k).copied()));
                offs.push(rows.len() as u32);
            }
            Sent {
                rows,
                offs,
                gold: e.gold,
            }
        })
        .collect();
    drop(row_of);
    if opts.verbose {
        eprintln!("  {} sentences, {} features", sents.len(), keys.len());
    }
    let nw = keys.len() * N_TAGS;
    let nt = N_TAGS * N_TAGS;
    // Weights: features, then transitions, then start.
    let mut w = vec![0f32; nw + nt + N_TAGS];
    let mut acc = vec![0f64; nw + nt + N_TAGS];
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = opts.seed;
    let mut emit = Vec::new();
    let mut pred = Vec::new();
    let mut trans = vec![0f32; nt];
    let mut start = vec![0f32; N_TAGS];
    let mut best: Option<(Model, f64, usize)> = None;
    let epochs = fixed_epochs.unwrap_or(opts.epochs);
    let averaged = |w: &[f32], acc: &[f64], c: f64| -> Model {
        let avg: Vec<f32> = w
            .iter()
            .zip(acc)
            .map(|(&x, &a)| (f64::from(x) - a / c) as f32)
            .collect();
        Model::new(
            &keys,
            &avg[..nw],
            avg[nw..nw + nt].to_vec(),
            avg[nw + nt..].to_vec(),
        )
    };
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            let j = (lcg(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &si in &order {
            let s = &sents[si];
            let n = s.gold.len();
            emit.clear();
            emit.resize(n * N_TAGS, 0f32);
            for (t, e) in emit.chunks_exact_mut(N_TAGS).enumerate() {
                let (a, b) = (s.offs[t] as usize, s.offs[t + 1] as usize);
                for &r in &s.rows[a..b] {
                    let row = &w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
                    for (x, y) in e.iter_mut().zip(row) {
                        *x += y;
                    }
                }
            }
            trans.copy_from_slice(&w[nw..nw + nt]);
            start.copy_from_slice(&w[nw + nt..]);
            viterbi(&emit, &trans, &start, &[], &mut pred);
            if pred == s.gold {
                c += 1.0;
                continue;
            }
            let mut upd = |idx: usize, d: f32| {
                w[idx] += d;
                acc[idx] += c * f64::from(d);
            };
            for t in 0..n {
                let (g, p) = (s.gold[t] as usize, pred[t] as usize);
                if g != p {
                    errors += 1;
                    let (a, b) = (s.offs[t] as usize, s.offs[t + 1] as usize);
                    for &r in &s.rows[a..b] {
                        upd(r as usize * N_TAGS + g, 1.0);
                        upd(r as usize * N_TAGS + p, -1.0);
                    }
                }
                let (gp, pp) = if t == 0 {
                    (None, None)
                } else {
                    (Some(s.gold[t - 1] as usize), Some(pred[t - 1] as usize))
                };
                if (gp, g) != (pp, p) {
                    match gp {
                        None => upd(nw + nt + g, 1.0),
                        Some(x) => upd(nw + x * N_TAGS + g, 1.0),
                    }
                    match pp {
                        None => upd(nw + nt + p, -1.0),
                        Some(x) => upd(nw + x * N_TAGS + p, -1.0),
                    }
                }
            }
            c += 1.0;
        }
        if fixed_epochs.is_some() {
            if opts.verbose {
                eprintln!("  epoch {epoch}: {errors} token errors");
            }
            continue;
        }
        let model = averaged(&w, &acc, c);
        let f1 = dev_eval(&model);
        if opts.verbose {
            eprintln!("  epoch {epoch}: {errors} token errors, dev F1 {f1:.2}");
        }
        let improved = best.as_ref().is_none_or(|b| f1 > b.1);
        if improved {
            best = Some((model, f1, epoch));
        } else if best.as_ref().is_some_and(|b| epoch >= b.2 + opts.patience) {
            break;
        }
    }
    match best {
        Some(b) => b,
        None => (averaged(&w, &acc, c), 0.0, epochs),
    }
}

/// Trains `opts.seeds` models on differently shuffled orders, each early-stopped, and averages
/// them. Returns the average, its dev score and the first model's best epoch.
fn train_seeds(
    examples: impl Fn() -> Vec<Example>,
    opts: &Options,
    dev_eval: &dyn Fn(&Model) -> f64,
) -> (Model, f64, usize) {
    let mut models = Vec::new();
    let mut first = None;
    for i in 0..opts.seeds.max(1) {
        let o = Options {
            seed: opts.seed.wrapping_add(i as u64 * 7919),
            ..opts.clone()
        };
        let (m, f, ep) = train_stage(examples(), &o, None, dev_eval);
        if opts.verbose {
            eprintln!("  seed {i}: dev F1 {f:.2} at epoch {ep}");
        }
        first.get_or_insert((f, ep));
        models.push(m);
    }
    let (f0, ep) = first.unwrap_or((0.0, 1));
    if models.len() == 1 {
        let m = models.pop().unwrap_or_else(Model::empty);
        return (m, f0, ep);
    }
    let avg = Model::average(&models);
    let f = dev_eval(&avg);
    (avg, f, ep)
}

/// Trains both passes: pass 1 early-stopped on `dev`; pass 2 on document priors and pass-1
/// scores from two-fold pass-1 models (so that training sees run-time noise), early-stopped on
/// `dev`. Pass 2 is kept only if it improves dev F1.
pub fn train(train: &[Prepared], dev: &[Prepared], opts: &Options, two_pass: bool) -> Tagger {
    if opts.verbose {
        eprintln!("pass 1");
    }
    let eval1 = |m: &Model| {
        let t = Tagger::new(m.clone(), None);
        evaluate(&t, dev).micro().2
    };
    let (m1, f1, ep1) = train_seeds(|| base_examples(train), opts, &eval1);
    if opts.verbose {
        eprintln!("pass 1 best: dev F1 {f1:.2} at epoch {ep1}");
    }
    if !two_pass {
        return Tagger::new(m1, None);
    }
    let fold = |k: usize| -> Vec<Prepared> {
        train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == k)
            .map(|(_, d)| d.clone())
            .collect()
    };
    let (a, b) = (fold(0), fold(1));
    let quiet = Options {
        verbose: false,
        ..opts.clone()
    };
    let none = |_: &Model| 0.0;
    let (ma, _, _) = train_stage(base_examples(&a), &quiet, Some(ep1), &none);
    let (mb, _, _) = train_stage(base_examples(&b), &quiet, Some(ep1), &none);
    // Fold A is scored by the model trained on B (index 1) and vice versa.
    let mut examples = prior_examples(&a, &mb);
    examples.extend(prior_examples(&b, &ma));
    if opts.verbose {
        eprintln!("pass 2");
    }
    let eval2 = |m: &Model| {
        let t = Tagger::new(m1.clone(), Some(m.clone()));
        evaluate(&t, dev).micro().2
    };
    let (m2, f2, ep2) = train_seeds(|| examples.clone(), opts, &eval2);
    if opts.verbose {
        eprintln!("pass 2 best: dev F1 {f2:.2} at epoch {ep2}");
    }
    Tagger::new(m1, (f2 > f1).then_some(m2))
}
