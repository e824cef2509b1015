//! The relation labeller: once the tree is built, each arc gets its relation from an averaged
//! perceptron over the dependent, the head, their distance and direction, the dependent's own
//! children (its case marker, its auxiliaries) and the head's function words (a passive
//! auxiliary makes a subject `nsubj:pass`).

use super::lex::Lex;
use super::parser::{Tok, NONE};
use super::tags::{Deprel, DEPRELS};
use super::weights::{key, Averaged, Table};

/// Rows of the hashed table (`2^BITS`).
pub const BITS: u32 = 18;

/// Number of classes.
pub const N_DEPRELS: usize = DEPRELS.len();

/// Most children of a head that the features of one arc read (keeps a flat 10,000-word
/// "sentence" linear).
const MAX_SIBLINGS: usize = 6;

/// Children lists in CSR form: `kids[start[h]..start[h + 1]]` are `h`'s children in order.
#[derive(Debug, Clone, Default)]
pub struct Children {
    start: Vec<u32>,
    kids: Vec<u32>,
}

impl Children {
    /// The children of every position of a tree (`heads[0]` is ignored).
    pub fn new(heads: &[u32]) -> Self {
        let n = heads.len();
        let mut count = vec![0u32; n + 1];
        for &h in heads.iter().skip(1) {
            if (h as usize) < n {
                count[h as usize + 1] += 1;
            }
        }
        for i in 1..=n {
            count[i] += count[i - 1];
        }
        let mut fill = count.clone();
        let mut kids = vec![0u32; count[n] as usize];
        for (d, &h) in heads.iter().enumerate().skip(1) {
            if (h as usize) < n {
                kids[fill[h as usize] as usize] = d as u32;
                fill[h as usize] += 1;
            }
        }
        Self { start: count, kids }
    }

    /// The children of `h`, in order.
    pub fn of(&self, h: usize) -> &[u32] {
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a as usize..b as usize],
            _ => &[],
        }
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        _ => 5,
    }
}

/// The feature keys of the arc to `d` (1-based) in the tree `heads`; `labels` holds the
/// relations of the words labelled before `d`.
pub fn features(
    t: &[Tok],
    lex: &[Lex],
    heads: &[u32],
    ch: &Children,
    labels: &[Deprel],
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let h = heads[d] as usize;
    let dt = &t[d];
    let ht = &t[h.min(t.len() - 1)];
    let right = u64::from(d > h);
    let dist = bucket(d.abs_diff(h));
    let hh = heads.get(h).copied().filter(|&x| x != NONE && h != 0);
    let hht = hh.map_or(19, |x| t[x as usize].t);
    let dl = &lex[d - 1];
    out.push(key(1, dt.t, 0, 0));
    out.push(key(2, dt.w, 0, 0));
    out.push(key(3, dt.w, dt.t, 0));
    out.push(key(4, ht.t, 0, 0));
    out.push(key(5, ht.w, 0, 0));
    out.push(key(6, dt.t, ht.t, right));
    out.push(key(7, dt.w, ht.t, right));
    out.push(key(8, dt.t, ht.w, right));
    out.push(key(9, dt.w, ht.w, 0));
    out.push(key(10, dt.t, ht.t, right * 8 + dist));
    out.push(key(11, dt.t, ht.t, hht));
    out.push(key(12, dl.suf[2], ht.t, right));
    out.push(key(13, dt.c, ht.t, right));
    out.push(key(14, dl.form, 0, 0));
    out.push(key(15, u64::from(dl.flags), dt.t, 0));
    // The dependent's neighbours.
    let prev = if d > 1 { t[d - 1].t } else { 20 };
    let next = t.get(d + 1).map_or(21, |x| x.t);
    out.push(key(16, prev, dt.t, ht.t));
    out.push(key(17, dt.t, next, ht.t));
    // The dependent's children: their tags, and the words of function words.
    let kids = ch.of(d);
    out.push(key(18, kids.len().min(5) as u64, dt.t, 0));
    for &c in kids.iter().take(MAX_SIBLINGS) {
        let c = &t[c as usize];
        out.push(key(19, c.t, dt.t, ht.t));
        if matches!(c.t, 1 | 3 | 9 | 13 | 5) {
            out.push(key(20, c.w, dt.t, 0));
        }
    }
    // The head's other children: function words, and the dependent's rank on its side.
    let sib = ch.of(h);
    // Siblings on the dependent's side, nearer the head (children are sorted).
    let at_h = sib.partition_point(|&s| (s as usize) < h);
    let at_d = sib.partition_point(|&s| (s as usize) < d);
    let rank = if d > h { at_d - at_h } else { at_h - at_d - 1 } as u64;
    out.push(key(21, dt.t, ht.t, right * 8 + rank.min(3)));
    // Relations already given: the nearest sibling before, the first child before.
    if at_d > 0 {
        let s = sib[at_d - 1] as usize;
        let side = u64::from(s > h) * 2 + right;
        out.push(key(24, u64::from(labels[s].0), dt.t, side));
        out.push(key(25, u64::from(labels[s].0), dt.w, side));
    }
    if let Some(&c) = kids.first().filter(|&&c| (c as usize) < d) {
        out.push(key(26, u64::from(labels[c as usize].0), dt.t, ht.t));
    }
    let near = sib.partition_point(|&s| (s as usize) < d);
    let lo = near.saturating_sub(MAX_SIBLINGS / 2);
    for &s in sib.iter().skip(lo).take(MAX_SIBLINGS) {
        let s = s as usize;
        if s == d {
            continue;
        }
        let st = &t[s];
        let side = u64::from(s > d);
        out.push(key(22, st.t, dt.t, side));
        if matches!(st.t, 1 | 3 | 9 | 13 | 10) {
            out.push(key(23, st.w, dt.t, side));
        }
    }
}

/// The labeller's weights.
#[derive(Debug, Clone, Default)]
pub struct Labeler {
    /// One row of [`N_DEPRELS`] weights per feature.
    pub table: Table,
}

impl Labeler {
    /// The relation of each word (index 0 is the root's and is `root`).
    pub fn label(
        &self,
        t: &[Tok],
        lex: &[Lex],
        heads: &[u32],
        feats: &mut Vec<u64>,
    ) -> Vec<Deprel> {
        let ch = Children::new(heads);
        let mut out = vec![Deprel::ROOT; heads.len()];
        for d in 1..heads.len() {
            if heads[d] == 0 || heads[d] == NONE {
                continue;
            }
            features(t, lex, heads, &ch, &out, d, feats);
            let mut s = [0i32; N_DEPRELS];
            self.table.score(feats, &mut s);
            s[Deprel::ROOT.0 as usize] = i32::MIN;
            out[d] = Deprel(super::tagger::argmax(&s) as u8);
        }
        out
    }
}

/// A training sentence: parser view, words, gold heads, gold relations.
pub type LabelSent = (Vec<Tok>, Vec<Lex>, Vec<u32>, Vec<Deprel>);

/// One training pass over gold trees; returns the number of correct labels.
pub fn train_epoch(model: &mut Averaged, sents: &[LabelSent], order: &[usize]) -> usize {
    let mut feats = Vec::new();
    let mut right = 0;
    for &k in order {
        let (t, lex, heads, rels) = &sents[k];
        let ch = Children::new(heads);
        let mut pred = vec![Deprel::ROOT; heads.len()];
        for d in 1..heads.len() {
            if heads[d] == 0 {
                continue;
            }
            features(t, lex, heads, &ch, &pred, d, &mut feats);
            let mut s = [0i32; N_DEPRELS];
            model.score(&feats, &mut s);
            s[Deprel::ROOT.0 as usize] = i32::MIN;
            let p = super::tagger::argmax(&s);
            let g = rels[d].0 as usize;
            pred[d] = Deprel(p as u8);
            if p == g {
                right += 1;
            } else {
                model.update(&feats, g, p);
            }
            model.tick();
        }
    }
    right
}
