//! Training and evaluation on CoNLL-U treebanks: the tagger (jackknifed tags for the parser),
//! the lemmatizer, the parser (dynamic oracle) and the labeller, each early-stopped on the
//! development set; scores from gold words and from raw sentence text.

use super::conllu::GoldSentence;
use super::labeler::{self, Labeler, N_DEPRELS};
use super::lemma::Lemmatizer;
use super::lex::Lex;
use super::parser::{self, Parser, Tok, N_MOVES};
use super::tagger::{self, Pass, TagSent, Tagger, N_UPOS};
use super::tags::{Deprel, Upos};
use super::weights::Averaged;
use super::{SyntaxModel, Word};

/// Training options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Tagger epochs (the best on dev is kept).
    pub tag_epochs: usize,
    /// Parser epochs.
    pub parse_epochs: usize,
    /// Labeller epochs.
    pub label_epochs: usize,
    /// Folds for jackknifed training tags (0 or 1: gold tags).
    pub folds: usize,
    /// Probability of following the model's own move after the second epoch.
    pub explore: f32,
    /// Rows whose largest averaged weight is below this are dropped.
    pub prune: f32,
    /// Train a second tagger pass.
    pub two_pass: bool,
    /// Print progress.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            tag_epochs: 10,
            parse_epochs: 15,
            label_epochs: 10,
            folds: 5,
            explore: 0.9,
            prune: 0.05,
            two_pass: true,
            verbose: true,
        }
    }
}

/// A sentence ready for training.
struct Prepared {
    lex: Vec<Lex>,
    upos: Vec<Upos>,
    heads: Vec<u32>,
    rels: Vec<Deprel>,
}

fn prepare(s: &GoldSentence) -> Prepared {
    Prepared {
        lex: s.words.iter().map(|w| Lex::new(&w.form)).collect(),
        upos: s.words.iter().map(|w| w.upos).collect(),
        heads: std::iter::once(0)
            .chain(s.words.iter().map(|w| w.head as u32))
            .collect(),
        rels: std::iter::once(Deprel::ROOT)
            .chain(s.words.iter().map(|w| w.deprel))
            .collect(),
    }
}

fn shuffled(n: usize, seed: &mut u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
    v
}

fn train_pass(
    sents: &[TagSent],
    dev: &[(&[Lex], &[Upos], Vec<Upos>)],
    o: &Options,
    seed: &mut u64,
) -> Pass {
    let mut m = Averaged::new(N_UPOS, tagger::BITS);
    let mut best = (Pass::default(), -1.0f64);
    let mut feats = Vec::new();
    for e in 0..o.tag_epochs {
        let order = shuffled(sents.len(), seed);
        let right = tagger::train_epoch(&mut m, sents, &order);
        let t = Pass {
            table: m.average(o.prune),
        };
        if dev.is_empty() {
            best = (t, 0.0);
            continue;
        }
        let (mut ok, mut n) = (0usize, 0usize);
        for (lex, gold, first) in dev {
            let p = t.tag(lex, first, &mut feats);
            ok += p.iter().zip(gold.iter()).filter(|(a, b)| a == b).count();
            n += p.len();
        }
        let acc = ok as f64 / n.max(1) as f64;
        if o.verbose {
            let tot: usize = sents.iter().map(|s| s.0.len()).sum();
            eprintln!(
                "  tagger epoch {e}: train {:.2}%  dev {:.2}%  rows {}",
                100.0 * right as f64 / tot as f64,
                100.0 * acc,
                t.table.len()
            );
        }
        if acc > best.1 {
            best = (t, acc);
        }
    }
    best.0
}

/// Trains the whole model on `train`, choosing epochs on `dev`.
pub fn train(train: &[GoldSentence], dev: &[GoldSentence], o: &Options) -> SyntaxModel {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let tr: Vec<Prepared> = train.iter().map(prepare).collect();
    let dv: Vec<Prepared> = dev.iter().map(prepare).collect();
    let mut pairs: Vec<TagSent> = tr
        .iter()
        .map(|p| (p.lex.clone(), p.upos.clone(), Vec::new()))
        .collect();
    if o.verbose {
        eprintln!("tagger: {} sentences", pairs.len());
    }
    let mut feats = Vec::new();
    let dev_in: Vec<(&[Lex], &[Upos], Vec<Upos>)> = dv
        .iter()
        .map(|p| (p.lex.as_slice(), p.upos.as_slice(), Vec::new()))
        .collect();
    let first = train_pass(&pairs, &dev_in, o, &mut seed);
    // First-pass tags of the training set, jackknifed (as the tagger gives them on new text):
    // the second pass and the parser train on them.
    let mut tags: Vec<Vec<Upos>> = tr.iter().map(|p| p.upos.clone()).collect();
    if o.folds > 1 {
        let quiet = Options {
            verbose: false,
            ..o.clone()
        };
        for f in 0..o.folds {
            let rest: Vec<TagSent> = pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| i % o.folds != f)
                .map(|(_, p)| p.clone())
                .collect();
            let t = train_pass(&rest, &[], &quiet, &mut seed);
            for (i, p) in tr.iter().enumerate().filter(|(i, _)| i % o.folds == f) {
                tags[i] = t.tag(&p.lex, &[], &mut feats);
            }
            if o.verbose {
                eprintln!("  jackknife fold {f} done");
            }
        }
    }
    let mut second = Pass::default();
    if o.folds > 1 && o.two_pass {
        for (p, t) in pairs.iter_mut().zip(&tags) {
            p.2.clone_from(t);
        }
        let dev_in: Vec<(&[Lex], &[Upos], Vec<Upos>)> = dv
            .iter()
            .map(|p| {
                (
                    p.lex.as_slice(),
                    p.upos.as_slice(),
                    first.tag(&p.lex, &[], &mut feats),
                )
            })
            .collect();
        if o.verbose {
            eprintln!("tagger, second pass");
        }
        second = train_pass(&pairs, &dev_in, o, &mut seed);
    }
    let tagger = Tagger { first, second };
    let dev_tags: Vec<Vec<Upos>> = dv.iter().map(|p| tagger.tag(&p.lex, &mut feats)).collect();
    // Parser.
    let psents: Vec<(Vec<Tok>, Vec<u32>)> = tr
        .iter()
        .zip(&tags)
        .map(|(p, t)| (parser::toks(&p.lex, t), p.heads.clone()))
        .collect();
    let dev_toks: Vec<Vec<Tok>> = dv
        .iter()
        .zip(&dev_tags)
        .map(|(p, t)| parser::toks(&p.lex, t))
        .collect();
    let mut pm = Averaged::new(N_MOVES, parser::BITS);
    let mut best = (Parser::default(), -1.0f64);
    for e in 0..o.parse_epochs {
        let order = shuffled(psents.len(), &mut seed);
        let explore = if e < 2 { 0.0 } else { o.explore };
        parser::train_epoch(&mut pm, &psents, &order, explore, &mut seed);
        let p = Parser {
            table: pm.average(o.prune),
        };
        let (mut ok, mut n) = (0usize, 0usize);
        for (t, d) in dev_toks.iter().zip(&dv) {
            let h = p.parse(t, &mut feats);
            ok += h
                .iter()
                .zip(&d.heads)
                .skip(1)
                .filter(|(a, b)| a == b)
                .count();
            n += h.len() - 1;
        }
        let uas = ok as f64 / n.max(1) as f64;
        if o.verbose {
            eprintln!(
                "  parser epoch {e}: dev UAS {:.2}%  rows {}",
                100.0 * uas,
                p.table.len()
            );
        }
        if uas > best.1 {
            best = (p, uas);
        }
    }
    let parser = best.0;
    // Labeller, on gold trees with jackknifed tags.
    let lsents: Vec<labeler::LabelSent> = tr
        .iter()
        .zip(psents)
        .map(|(p, (t, h))| (t, p.lex.clone(), h, p.rels.clone()))
        .collect();
    let dev_heads: Vec<Vec<u32>> = dev_toks
        .iter()
        .map(|t| parser.parse(t, &mut feats))
        .collect();
    let mut lm = Averaged::new(N_DEPRELS, labeler::BITS);
    let mut best = (Labeler::default(), -1.0f64);
    for e in 0..o.label_epochs {
        let order = shuffled(lsents.len(), &mut seed);
        labeler::train_epoch(&mut lm, &lsents, &order);
        let l = Labeler {
            table: lm.average(o.prune),
        };
        let (mut ok, mut n) = (0usize, 0usize);
        for ((t, d), h) in dev_toks.iter().zip(&dv).zip(&dev_heads) {
            let r = l.label(t, &d.lex, h, &mut feats);
            for i in 1..h.len() {
                ok += usize::from(h[i] == d.heads[i] && r[i] == d.rels[i]);
            }
            n += h.len() - 1;
        }
        let las = ok as f64 / n.max(1) as f64;
        if o.verbose {
            eprintln!(
                "  labeller epoch {e}: dev LAS {:.2}%  rows {}",
                100.0 * las,
                l.table.len()
            );
        }
        if las > best.1 {
            best = (l, las);
        }
    }
    let lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.upos, w.lemma.as_str()))
    }));
    SyntaxModel {
        tagger,
        lemmatizer,
        parser,
        labeler: best.0,
    }
}

/// Accuracy figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    /// Gold words.
    pub gold: usize,
    /// Predicted words.
    pub predicted: usize,
    /// Gold words with a predicted word of exactly their span.
    pub matched: usize,
    /// ... and the right UPOS.
    pub upos: usize,
    /// ... and the right lemma.
    pub lemma: usize,
    /// ... and the right head (a predicted head with the gold head's span, or both roots).
    pub uas: usize,
    /// ... and the right head and relation.
    pub las: usize,
}

impl Scores {
    /// Percentage of gold words.
    pub fn pct(&self, x: usize) -> f64 {
        100.0 * x as f64 / self.gold.max(1) as f64
    }

    /// The reported percentages, in report order: matched, UPOS, lemma, UAS, LAS.
    pub fn percentages(&self) -> [f64; 5] {
        [self.matched, self.upos, self.lemma, self.uas, self.las].map(|x| self.pct(x))
    }

    /// Adds another set of counts.
    pub fn add(&mut self, o: &Scores) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.upos += o.upos;
        self.lemma += o.lemma;
        self.uas += o.uas;
        self.las += o.las;
    }
}

/// Scores predicted words (byte spans into the sentence text, heads as indices into `pred`)
/// against a gold sentence whose words have spans.
pub fn score(gold: &GoldSentence, pred: &[Word]) -> Scores {
    let mut sc = Scores {
        gold: gold.words.len(),
        predicted: pred.len(),
        ..Scores::default()
    };
    let find = |span: (usize, usize)| pred.binary_search_by(|w| (w.start, w.end).cmp(&span)).ok();
    for g in &gold.words {
        let Some(span) = g.span else { continue };
        let Some(p) = find(span) else { continue };
        let p = &pred[p];
        sc.matched += 1;
        sc.upos += usize::from(p.upos == g.upos);
        sc.lemma += usize::from(p.lemma == g.lemma);
        let gold_head = if g.head == 0 {
            None
        } else {
            gold.words.get(g.head - 1).and_then(|h| h.span)
        };
        let pred_head = p.head.map(|h| (pred[h].start, pred[h].end));
        let head_ok = match (g.head, p.head) {
            (0, None) => true,
            (0, Some(_)) | (_, None) => false,
            _ => gold_head.is_some() && gold_head == pred_head,
        };
        sc.uas += usize::from(head_ok);
        sc.las += usize::from(head_ok && p.deprel == g.deprel);
    }
    sc
}

/// Scores the model from gold words (gold tokenization).
pub fn evaluate_gold_words(model: &SyntaxModel, sents: &[GoldSentence]) -> Scores {
    let mut total = Scores::default();
    for s in sents {
        // Words laid end to end with single spaces, so that spans are exact.
        let mut text = String::new();
        let mut spans = Vec::new();
        for w in &s.words {
            spans.push((text.len(), text.len() + w.form.len()));
            text.push_str(&w.form);
            text.push(' ');
        }
        let pred = model.analyze(&text, &spans);
        let g = GoldSentence {
            text: text.clone(),
            words: s
                .words
                .iter()
                .zip(&spans)
                .map(|(w, &sp)| super::conllu::GoldWord {
                    span: Some(sp),
                    ..w.clone()
                })
                .collect(),
        };
        total.add(&score(&g, &pred));
    }
    total
}

/// Scores the model from raw sentence text: the document's own sentences and words.
pub fn evaluate_raw(model: &SyntaxModel, sents: &[GoldSentence]) -> Scores {
    let mut total = Scores::default();
    for s in sents {
        let doc = crate::text::Document::new(&s.text);
        let mut pred: Vec<Word> = Vec::new();
        for i in 0..doc.sentences.len() {
            let base = pred.len();
            let words = super::sentence_words(&doc, i);
            pred.extend(model.analyze(doc.text, &words).into_iter().map(|mut w| {
                w.head = w.head.map(|h| h + base);
                w
            }));
        }
        if std::env::var_os("NEWSFACTS_SYNTAX_DEBUG").is_some() {
            for g in &s.words {
                if let Some(sp) = g.span {
                    if !pred.iter().any(|w| (w.start, w.end) == sp) {
                        let near: Vec<&str> = pred
                            .iter()
                            .filter(|w| w.end > sp.0 && w.start < sp.1)
                            .map(|w| &s.text[w.start..w.end])
                            .collect();
                        eprintln!("MISS\t{}\t{:?}", g.form, near);
                    }
                }
            }
        }
        total.add(&score(s, &pred));
    }
    total
}
