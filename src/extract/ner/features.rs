//! Feature extraction: each token becomes a list of 64-bit hashed feature keys (a template id
//! mixed with its value). The model maps keys it knows to weight rows and ignores the rest.
//! Allocation-light: words are hashed as they are read, never copied.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::resources::{
    finish, fold_lower, hash_lower, hash_seq, hash_word, kind, IdHasher, CLUSTERS, GAZETTEER,
    N_CLUSTER_LEVELS, PREFIX, SEQ_SEED,
};

/// Feature templates. The discriminant seeds the hash of the feature's value.
#[derive(Clone, Copy)]
#[repr(u64)]
pub(super) enum T {
    Bias = 1,
    Word,
    Lower,
    Shape,
    ShortShape,
    Prefix,
    Suffix,
    LowerM1,
    LowerP1,
    LowerM2,
    LowerP2,
    ShapeM1,
    ShapeP1,
    BigramM1,
    BigramP1,
    ShapeTri,
    Cluster0,
    ClusterM1,
    ClusterP1,
    ClusterBi,
    First,
    SentIdx,
    Headline,
    HeadlineLower,
    HeadlineCluster,
    Gaz0,
    GazM1,
    GazP1,
    GazM2,
    GazP2,
    LowerInDoc,
    CapMidInDoc,
    FirstLowerInDoc,
    Flags,
    Length,
    ShapeBiP1,
    DocPrior,
    DocPriorShape,
    DocPriorM1,
    DocPriorP1,
    DocPriorMixed,
    TopicShape,
    TopicCluster,
    Numeric,
    NumericLower,
}

#[inline]
pub(super) fn key(t: T, sub: u64, v: u64) -> u64 {
    finish(
        (t as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(sub.wrapping_mul(0xD6E8_FEB8_6659_FD93))
            ^ v,
    )
}

#[inline]
pub(super) fn pair(a: u64, b: u64) -> u64 {
    hash_seq(a, b)
}

/// The word shape: X for upper-case, x lower-case, d digit, other characters as they are; runs
/// longer than 3 are cut to 3 (`long`) or to 1 (`short`). Returned as hashes.
pub(super) fn shapes(word: &str) -> (u64, u64) {
    let mut long = 0xCBF2_9CE4_8422_2325u64;
    let mut short = long;
    let mut prev = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            match c {
                '’' | '‘' | 'ʼ' => '\'',
                '“' | '”' | '„' => '"',
                '–' => '-',
                _ => c,
            }
        };
        if s == prev {
            run += 1;
        } else {
            run = 1;
            short = (short ^ u64::from(s as u32)).wrapping_mul(0x0000_0100_0000_01B3);
        }
        if run <= 3 {
            long = (long ^ u64::from(s as u32)).wrapping_mul(0x0000_0100_0000_01B3);
        }
        prev = s;
    }
    (finish(long), finish(short))
}

/// Folds `f` over the lower-cased characters of `word` with digits folded to 0 and
/// typographic quotes and dashes folded to their ASCII forms (the training text is ASCII: "’s"
/// reads as "'s").
fn fold_norm<B>(word: &str, init: B, mut f: impl FnMut(B, char) -> B) -> B {
    fold_lower(word, init, |acc, c| {
        f(
            acc,
            match c {
                '0'..='9' => '0',
                '’' | '‘' | 'ʼ' => '\'',
                '“' | '”' | '„' => '"',
                '–' => '-',
                _ => c,
            },
        )
    })
}

/// Hash of the normalized word.
pub(super) fn norm_hash(word: &str) -> u64 {
    finish(fold_norm(word, 0xCBF2_9CE4_8422_2325u64, |h, c| {
        (h ^ u64::from(c as u32)).wrapping_mul(0x0000_0100_0000_01B3)
    }))
}

pub(super) fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a sentence reads as a headline: at least two words with letters, none lower-case.
pub(super) fn is_headline(words: &[&str]) -> bool {
    let mut n = 0;
    for w in words {
        if w.chars().any(char::is_lowercase) {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            n += 1;
        }
    }
    n >= 2
}

/// Whether at least a third of a sentence's tokens (and two or more) are numbers.
fn is_numeric(words: &[&str]) -> bool {
    let n = words
        .iter()
        .filter(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        .count();
    n >= 2 && 3 * n >= words.len()
}

/// The topic word of a first line like "SOCCER - JAPAN GET LUCKY WIN": an upper-case word
/// followed by a dash.
pub(super) fn topic_of(first: &[&str]) -> Option<u64> {
    match first {
        [w, dash, ..]
            if matches!(*dash, "-" | "–" | "—")
                && w.chars().all(|c| c.is_uppercase())
                && w.chars().count() >= 3 =>
        {
            Some(norm_hash(w))
        }
        _ => None,
    }
}

pub(super) type HashSet64 = HashSet<u64, BuildHasherDefault<IdHasher>>;

/// Per-document facts shared by all its sentences (the non-local features).
pub struct DocInfo {
    /// Normalized forms of words seen lower-case in the document.
    pub(super) lower_seen: HashSet64,
    /// Normalized forms of capitalized words seen inside a (non-headline) sentence.
    pub(super) cap_mid: HashSet64,
    /// Headline flag per sentence.
    pub(super) headline: Vec<bool>,
    /// Sentences that are mostly numbers (results tables).
    pub(super) numeric: Vec<bool>,
    /// The document's topic word: the first word of a headline "SOCCER - ..." (normalized).
    pub(super) topic: Option<u64>,
}

impl DocInfo {
    /// Collects the document facts of `sentences`.
    pub fn new(sentences: &[Vec<&str>]) -> Self {
        let mut lower_seen = HashSet64::default();
        let mut cap_mid = HashSet64::default();
        let mut headline = Vec::with_capacity(sentences.len());
        for s in sentences {
            let head = is_headline(s);
            headline.push(head);
            for (i, w) in s.iter().enumerate() {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    lower_seen.insert(norm_hash(w));
                } else if i > 0 && !head && is_cap(w) && !is_cap(s[i - 1]) {
                    cap_mid.insert(norm_hash(w));
                }
            }
        }
        Self {
            lower_seen,
            cap_mid,
            numeric: sentences.iter().map(|s| is_numeric(s)).collect(),
            topic: sentences.first().and_then(|s| topic_of(s)),
            headline,
        }
    }
}

/// Features of one sentence: token `i` has `keys[offsets[i]..offsets[i + 1]]`.
#[derive(Default, Debug, Clone)]
pub struct SentFeatures {
    /// Hashed feature keys, all tokens one after the other.
    pub keys: Vec<u64>,
    /// Start of each token's keys, plus the end.
    pub offsets: Vec<usize>,
}

impl SentFeatures {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.keys.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Appends `other`'s keys to each token's (same number of tokens) into `out`.
    pub fn merged(&self, other: &SentFeatures, out: &mut SentFeatures) {
        out.clear();
        for i in 0..self.len() {
            out.offsets.push(out.keys.len());
            out.keys.extend_from_slice(self.token(i));
            out.keys.extend_from_slice(other.token(i));
        }
        out.offsets.push(out.keys.len());
    }

    pub(super) fn clear(&mut self) {
        self.keys.clear();
        self.offsets.clear();
    }
}

#[derive(Clone, Copy, Default)]
struct Tok<'a> {
    word: &'a str,
    word_h: u64,
    norm_h: u64,
    shape: u64,
    short: u64,
    cap: bool,
    clusters: Option<[u16; N_CLUSTER_LEVELS]>,
    single: u16,
}

/// The context word before the first token of a sentence.
pub(super) const BOS: u64 = 0xB05;
/// The context word after the last token of a sentence.
pub(super) const EOS: u64 = 0xE05;

/// Gazetteer matches: for each token, codes `kind bit * 4 + part` (0 B, 1 I, 2 L, 3 U).
fn gazetteer_matches(words: &[&str], lower: &[u64], out: &mut Vec<Vec<u16>>) {
    out.clear();
    out.resize(words.len(), Vec::new());
    gazetteer_walk(
        lower,
        |i| words.get(i).is_some_and(|w| is_cap(w)),
        |t, code| {
            if let Some(o) = out.get_mut(t) {
                o.push(code);
            }
        },
    );
}

/// Longest-first gazetteer matching over a sentence's lower-case word hashes from each
/// capitalized token: calls `emit(token, kind bit * 4 + part)` for every match, in order.
pub(super) fn gazetteer_walk(
    lower: &[u64],
    cap: impl Fn(usize) -> bool,
    mut emit: impl FnMut(usize, u16),
) {
    let g = &*GAZETTEER;
    let n = lower.len();
    for i in 0..n {
        if !cap(i) {
            continue;
        }
        let mut h = SEQ_SEED;
        for (j, &l) in lower.iter().enumerate().take(n.min(i + g.max_len)).skip(i) {
            h = hash_seq(h, l);
            let found = g.get_seq(h);
            let kinds = found & !PREFIX;
            for bit in 0..kind::COUNT as u16 {
                if kinds & (1 << bit) == 0 {
                    continue;
                }
                if j == i {
                    emit(i, bit * 4 + 3);
                } else {
                    emit(i, bit * 4);
                    for o in i + 1..j {
                        emit(o, bit * 4 + 1);
                    }
                    emit(j, bit * 4 + 2);
                }
            }
            if found & PREFIX == 0 {
                break;
            }
        }
    }
}

/// Pushes the keys of the prefixes and suffixes (1 to 4 characters) of the normalized word,
/// then its length.
pub(super) fn push_affixes(word: &str, k: &mut Vec<u64>) {
    let mut suffix = ['\0'; 4];
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    let mut len = 0usize;
    fold_norm(word, (), |(), c| {
        if len < 4 {
            h = (h ^ u64::from(c as u32)).wrapping_mul(0x0000_0100_0000_01B3);
            k.push(key(T::Prefix, len as u64, finish(h)));
        }
        suffix[len % 4] = c;
        len += 1;
    });
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for back in 1..=len.min(4) {
        let c = suffix[(len - back) % 4];
        h = (h ^ u64::from(c as u32)).wrapping_mul(0x0000_0100_0000_01B3);
        k.push(key(T::Suffix, back as u64, finish(h)));
    }
    k.push(key(T::Length, 0, len.min(12) as u64));
}

/// Where a token stands: the sentence-level facts its position features combine with.
pub(super) struct Position {
    /// The token is the first of its sentence.
    pub first: bool,
    /// The sentence index feature (0, 1, 2, 3+), `None` when the caller scores it elsewhere.
    pub sent_idx: Option<u64>,
    /// The document's topic word (`SOCCER - ...`).
    pub topic: Option<u64>,
    /// The sentence is a results-table line.
    pub numeric: bool,
    /// The sentence is a headline line.
    pub head: bool,
}

/// Pushes the keys of a token's position features (first token, sentence index, topic,
/// results-table and headline lines) in the order training numbered them. `word` is the
/// token's short shape, normalized-word hash and clusters; `p1_short` the next token's short
/// shape. Shared by training (`extract`) and tagging (`score`), so the two cannot drift.
pub(super) fn push_position_keys(
    k: &mut Vec<u64>,
    at: &Position,
    (short, norm_h, clusters): (u64, u64, Option<[u16; N_CLUSTER_LEVELS]>),
    p1_short: u64,
) {
    if at.first {
        k.push(key(T::First, 0, short));
    }
    if let Some(idx) = at.sent_idx {
        k.push(key(T::SentIdx, idx, short));
    }
    if let Some(topic) = at.topic {
        k.push(key(T::TopicShape, short, topic));
        if let Some(c) = clusters {
            k.push(key(T::TopicCluster, u64::from(c[0]), topic));
        }
    }
    if at.numeric {
        k.push(key(T::Numeric, 0, pair(short, p1_short)));
        k.push(key(T::NumericLower, 0, norm_h));
    }
    if at.head {
        k.push(key(T::Headline, 0, short));
        k.push(key(T::HeadlineLower, 0, norm_h));
        if let Some(c) = clusters {
            k.push(key(T::HeadlineCluster, 0, u64::from(c[2])));
        }
    }
}

/// Writes the features of sentence `s` of a document to `out`.
pub fn extract(words: &[&str], s: usize, doc: &DocInfo, out: &mut SentFeatures) {
    out.clear();
    let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
    let mut gaz = Vec::new();
    gazetteer_matches(words, &lower, &mut gaz);
    let toks: Vec<Tok> = words
        .iter()
        .zip(&lower)
        .map(|(w, &l)| {
            let (shape, short) = shapes(w);
            Tok {
                word: w,
                word_h: hash_word(w),
                norm_h: norm_hash(w),
                shape,
                short,
                cap: is_cap(w),
                clusters: CLUSTERS.get(w),
                single: GAZETTEER.get_word(l),
            }
        })
        .collect();
    let head = doc.headline.get(s).copied().unwrap_or(false);
    let numeric = doc.numeric.get(s).copied().unwrap_or(false);
    let sent_idx = s.min(3) as u64;
    let n = toks.len() as isize;
    let none = Tok::default();
    let at = |j: isize| -> &Tok { toks.get(j as usize).filter(|_| j >= 0).unwrap_or(&none) };
    let ctx = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if j >= n {
            EOS
        } else {
            at(j).norm_h
        }
    };
    for (i, t) in toks.iter().enumerate() {
        out.offsets.push(out.keys.len());
        let k = &mut out.keys;
        let ii = i as isize;
        k.push(key(T::Bias, 0, 0));
        k.push(key(T::Word, 0, t.word_h));
        k.push(key(T::Lower, 0, t.norm_h));
        k.push(key(T::Shape, 0, t.shape));
        k.push(key(T::ShortShape, 0, t.short));
        // Prefixes and suffixes of the normalized word, 1 to 4 characters.
        push_affixes(t.word, k);
        let (m1, p1, m2, p2) = (at(ii - 1), at(ii + 1), at(ii - 2), at(ii + 2));
        let (lm1, lp1) = (ctx(ii - 1), ctx(ii + 1));
        k.push(key(T::LowerM1, 0, lm1));
        k.push(key(T::LowerP1, 0, lp1));
        k.push(key(T::LowerM2, 0, ctx(ii - 2)));
        k.push(key(T::LowerP2, 0, ctx(ii + 2)));
        k.push(key(T::ShapeM1, 0, m1.short));
        k.push(key(T::ShapeP1, 0, p1.short));
        k.push(key(T::BigramM1, 0, pair(lm1, t.norm_h)));
        k.push(key(T::BigramP1, 0, pair(t.norm_h, lp1)));
        k.push(key(T::ShapeTri, 0, pair(pair(m1.short, t.short), p1.short)));
        k.push(key(T::ShapeBiP1, 0, pair(t.shape, p1.short)));
        // Clusters.
        for lvl in 0..N_CLUSTER_LEVELS {
            let c0 = t.clusters.map_or(u64::MAX, |c| u64::from(c[lvl]));
            k.push(key(T::Cluster0, lvl as u64, c0));
            if let Some(c) = m1.clusters {
                k.push(key(T::ClusterM1, lvl as u64, u64::from(c[lvl])));
            }
            if let Some(c) = p1.clusters {
                k.push(key(T::ClusterP1, lvl as u64, u64::from(c[lvl])));
            }
        }
        if let (Some(a), Some(b)) = (t.clusters, p1.clusters) {
            k.push(key(
                T::ClusterBi,
                0,
                u64::from(a[1]) << 16 | u64::from(b[1]),
            ));
        }
        push_position_keys(
            k,
            &Position {
                first: i == 0,
                sent_idx: Some(sent_idx),
                topic: doc.topic,
                numeric,
                head,
            },
            (t.short, t.norm_h, t.clusters),
            p1.short,
        );
        let flags = u64::from(t.cap)
            | u64::from(t.word.bytes().any(|c| c.is_ascii_digit())) << 1
            | u64::from(t.word.contains('-')) << 2
            | u64::from(t.word.contains('.')) << 3
            | u64::from(m1.cap) << 4
            | u64::from(p1.cap) << 5;
        k.push(key(T::Flags, 0, flags));
        // Gazetteers.
        for &g in gaz.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            k.push(key(T::Gaz0, 0, u64::from(g)));
        }
        for (tmpl, x) in [
            (T::GazM1, m1),
            (T::GazP1, p1),
            (T::GazM2, m2),
            (T::GazP2, p2),
        ] {
            for bit in 0..kind::COUNT as u64 {
                if x.single & (1 << bit) != 0 {
                    k.push(key(tmpl, bit, u64::from(x.cap)));
                }
            }
        }
        for bit in 0..kind::COUNT as u64 {
            if t.single & (1 << bit) != 0 {
                k.push(key(T::Gaz0, 100 + bit, u64::from(t.cap)));
            }
        }
        // Document.
        if t.cap {
            let low = doc.lower_seen.contains(&t.norm_h);
            let mid = doc.cap_mid.contains(&t.norm_h);
            k.push(key(T::LowerInDoc, u64::from(head), u64::from(low)));
            k.push(key(T::CapMidInDoc, u64::from(head), u64::from(mid)));
            if i == 0 {
                k.push(key(
                    T::FirstLowerInDoc,
                    0,
                    u64::from(low) | u64::from(mid) << 1,
                ));
            }
        }
    }
    out.offsets.push(out.keys.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_quotes_read_as_ascii() {
        assert_eq!(norm_hash("’s"), norm_hash("'s"));
        assert_eq!(norm_hash("“"), norm_hash("\""));
        assert_eq!(norm_hash("1996"), norm_hash("2017"));
        assert_eq!(shapes("’s"), shapes("'s"));
        assert_ne!(norm_hash("Bush"), norm_hash("Busch"));
    }

    #[test]
    fn shapes_fold_runs() {
        assert_eq!(shapes("Blackburn"), shapes("Smith"));
        assert_ne!(shapes("Blackburn").0, shapes("Blackburn").1);
        assert_eq!(shapes("1996-08-22").1, shapes("12-3-4567").1);
        assert_eq!(shapes("Café").0, shapes("Bake").0);
    }

    #[test]
    fn features_are_deterministic_and_per_token() {
        let sents = vec![
            vec!["Peter", "Blackburn", "said", "."],
            vec!["SOCCER", "-", "JAPAN", "WIN"],
        ];
        let doc = DocInfo::new(&sents);
        assert_eq!(doc.headline, vec![false, true]);
        let mut a = SentFeatures::default();
        let mut b = SentFeatures::default();
        extract(&sents[0], 0, &doc, &mut a);
        extract(&sents[0], 0, &doc, &mut b);
        assert_eq!(a.len(), 4);
        assert_eq!(a.keys, b.keys);
        assert!(a.token(0).len() > 20);
        assert!(a.token(9).is_empty());
        // The gazetteer marks "Peter" as a first name, "Soviet Union" as a country.
        let words = ["Peter", "left", "the", "Soviet", "Union"];
        let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
        let mut gz = Vec::new();
        gazetteer_matches(&words, &lower, &mut gz);
        assert!(gz[0].contains(&(4 * 4 + 3)));
        assert!(gz[3].contains(&0) && gz[4].contains(&2));
    }
}
