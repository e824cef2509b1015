//! The UPOS tagger: a greedy left-to-right averaged perceptron over the word, its affixes,
//! shape and clusters, two words either side and the two tags before; then a second pass
//! that also sees the first pass's tags of the words after (a left-to-right tagger cannot
//! see them otherwise).

use std::cell::RefCell;
use std::collections::HashMap;

use super::lex::{Lex, NO_CLUSTER};
use super::tags::{Upos, UPOS};
use super::weights::{key, Averaged, Table};

/// Rows of each pass's hashed table (`2^BITS`).
pub const BITS: u32 = 18;

/// Number of classes.
pub const N_UPOS: usize = UPOS.len();

/// Tag id for "before the sentence".
const START: u64 = 100;

/// Word hash for positions outside the sentence.
const PAD: u64 = 0x005E_ED0F_0BAD;

fn word_at(lex: &[Lex], i: isize) -> Option<&Lex> {
    usize::try_from(i).ok().and_then(|i| lex.get(i))
}

/// Appends the keys of the features of word `w` by itself (form, shape, affixes, clusters):
/// the same wherever the word occurs, so their summed rows can be cached per word.
pub fn intrinsic(w: &Lex, out: &mut Vec<u64>) {
    out.push(key(1, 0, 0, 0));
    out.push(key(2, w.norm, 0, 0));
    out.push(key(3, w.form, 0, 0));
    out.push(key(4, w.shape, 0, 0));
    for (k, &p) in w.pre.iter().enumerate() {
        out.push(key(5 + k as u64, p, 0, 0));
    }
    for (k, &s) in w.suf.iter().enumerate() {
        out.push(key(8 + k as u64, s, 0, 0));
    }
    for (k, &c) in w.cl.iter().enumerate() {
        if c != NO_CLUSTER {
            out.push(key(13 + k as u64, u64::from(c), 0, 0));
        }
    }
}

/// Appends the feature keys of word `i` given the two previous tags `p1`, `p2` and, in the
/// second pass, the first pass's tags `first`: the word's own ([`intrinsic`]) and those of
/// its context ([`context`]).
pub fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, first: &[Upos], out: &mut Vec<u64>) {
    out.clear();
    intrinsic(&lex[i], out);
    context(lex, i, p1, p2, first, out);
}

/// Appends the keys of the features of word `i` that depend on its neighbours and tags.
pub fn context(lex: &[Lex], i: usize, p1: u64, p2: u64, first: &[Upos], out: &mut Vec<u64>) {
    let w = &lex[i];
    let ii = i as isize;
    let nw = |d: isize| word_at(lex, ii + d).map_or(PAD.wrapping_add(d as u64), |l| l.norm);
    out.push(key(12, u64::from(w.flags), u64::from(i == 0), 0));
    let (m1, m2, n1, n2) = (nw(-1), nw(-2), nw(1), nw(2));
    out.push(key(16, m1, 0, 0));
    out.push(key(17, m2, 0, 0));
    out.push(key(18, n1, 0, 0));
    out.push(key(19, n2, 0, 0));
    out.push(key(20, p1, 0, 0));
    out.push(key(21, p1, p2, 0));
    out.push(key(22, p1, w.norm, 0));
    out.push(key(23, m1, w.norm, 0));
    out.push(key(24, w.norm, n1, 0));
    if let Some(n) = word_at(lex, ii + 1) {
        out.push(key(25, n.suf[2], 0, 0));
        out.push(key(26, n.shape, 0, 0));
        if n.cl[1] != NO_CLUSTER {
            out.push(key(27, u64::from(n.cl[1]), 0, 0));
        }
    }
    if let Some(m) = word_at(lex, ii - 1) {
        out.push(key(28, m.suf[2], 0, 0));
        if m.cl[1] != NO_CLUSTER {
            out.push(key(29, u64::from(m.cl[1]), 0, 0));
        }
    }
    out.push(key(30, p1, w.suf[2], 0));
    out.push(key(31, p1, n1, 0));
    if !first.is_empty() {
        let f = |k: usize| first.get(k).map_or(START + 2, |t| u64::from(t.0));
        let (r0, r1, r2) = (f(i), f(i + 1), f(i + 2));
        out.push(key(40, r0, 0, 0));
        out.push(key(41, r1, 0, 0));
        out.push(key(42, r1, r2, 0));
        out.push(key(43, p1, r1, 0));
        out.push(key(44, r1, w.norm, 0));
        out.push(key(45, p1, r0, r1));
        out.push(key(46, r1, w.suf[2], 0));
    }
}

/// One pass's weights.
#[derive(Debug, Clone, Default)]
pub struct Pass {
    /// One row of [`N_UPOS`] weights per feature.
    pub table: Table,
}

/// The tagger: the first pass and the second (empty: one pass only).
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    /// First pass.
    pub first: Pass,
    /// Second pass (reads the first pass's tags).
    pub second: Pass,
}

impl Tagger {
    /// The tags of a sentence's words.
    pub fn tag(&self, lex: &[Lex], feats: &mut Vec<u64>) -> Vec<Upos> {
        let first = self.first.tag(lex, &[], feats);
        if self.second.table.is_empty() {
            return first;
        }
        self.second.tag(lex, &first, feats)
    }
}

/// Best class of `scores`.
pub fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Most words whose intrinsic scores a thread keeps (then the cache starts over).
const CACHE_WORDS: usize = 1 << 15;

type WordCache = HashMap<(u64, u64), [i32; N_UPOS], foldhash::fast::FixedState>;

thread_local! {
    /// Per thread: (table id, word form hash) → the summed rows of the word's intrinsic
    /// features. Frequent words then cost one probe instead of about fourteen.
    static CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

impl Pass {
    /// The summed rows of the intrinsic features of `w` (cached per thread).
    fn word_scores(&self, w: &Lex, feats: &mut Vec<u64>) -> [i32; N_UPOS] {
        let k = (self.table.id(), w.form);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if let Some(s) = c.get(&k) {
                return *s;
            }
            feats.clear();
            intrinsic(w, feats);
            let mut s = [0i32; N_UPOS];
            self.table.score(feats, &mut s);
            if c.len() >= CACHE_WORDS {
                c.clear();
            }
            c.insert(k, s);
            s
        })
    }

    /// The tags of a sentence's words (`first`: the first pass's tags, or empty).
    pub fn tag(&self, lex: &[Lex], first: &[Upos], feats: &mut Vec<u64>) -> Vec<Upos> {
        let mut tags = Vec::with_capacity(lex.len());
        let (mut p1, mut p2) = (START, START + 1);
        for (i, w) in lex.iter().enumerate() {
            let mut s = self.word_scores(w, feats);
            feats.clear();
            context(lex, i, p1, p2, first, feats);
            self.table.score(feats, &mut s);
            let t = argmax(&s);
            tags.push(Upos(t as u8));
            p2 = p1;
            p1 = t as u64;
        }
        tags
    }
}

/// A training sentence: words, gold tags, first-pass tags (empty for the first pass).
pub type TagSent = (Vec<Lex>, Vec<Upos>, Vec<Upos>);

/// One training pass over `sents` in the order `order`; returns the number of correct tags.
pub fn train_epoch(model: &mut Averaged, sents: &[TagSent], order: &[usize]) -> usize {
    let mut feats = Vec::new();
    let mut correct = 0;
    for &k in order {
        let (lex, gold, first) = &sents[k];
        let (mut p1, mut p2) = (START, START + 1);
        for (i, gold) in gold.iter().enumerate().take(lex.len()) {
            features(lex, i, p1, p2, first, &mut feats);
            let mut s = [0i32; N_UPOS];
            model.score(&feats, &mut s);
            let t = argmax(&s);
            let g = gold.0 as usize;
            if t == g {
                correct += 1;
            } else {
                model.update(&feats, g, t);
            }
            model.tick();
            p2 = p1;
            p1 = t as u64;
        }
    }
    correct
}
