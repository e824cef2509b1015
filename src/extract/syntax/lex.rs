//! What the tagger and the parser know of a word by itself: hashes of its form, lower-cased
//! and digit-normalized form, shape, prefixes and suffixes, and its news word clusters (the
//! NER's, `ner::resources::CLUSTERS`). Computed once per word.

use crate::extract::ner::resources::{hash_chars, hash_word, CLUSTERS, N_CLUSTER_LEVELS};

/// Cluster id meaning "no cluster".
pub const NO_CLUSTER: u16 = u16::MAX;

/// A word's hashed properties.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lex {
    /// The form as written.
    pub form: u64,
    /// Lower-cased, digits as `0`.
    pub norm: u64,
    /// Shape: `Xxx`, `dd`, `x.x.` (runs of one class collapsed).
    pub shape: u64,
    /// Prefixes of 1..=3 characters of the normalized form.
    pub pre: [u64; 3],
    /// Suffixes of 1..=4 characters of the normalized form.
    pub suf: [u64; 4],
    /// Cluster ids, coarse to fine ([`NO_CLUSTER`] when unknown).
    pub cl: [u16; N_CLUSTER_LEVELS],
    /// Bits: 1 capitalized, 2 all caps, 4 has a digit, 8 has a hyphen, 16 has an apostrophe,
    /// 32 no letter or digit.
    pub flags: u8,
}

impl Lex {
    /// The properties of `w` (no allocation: every string is hashed as a stream of
    /// characters).
    pub fn new(w: &str) -> Self {
        let norm = || {
            w.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
        };
        let n = norm().count();
        let mut pre = [0u64; 3];
        for (k, p) in pre.iter_mut().enumerate() {
            *p = hash_chars(norm().take(k + 1));
        }
        let mut suf = [0u64; 4];
        for (k, s) in suf.iter_mut().enumerate() {
            *s = hash_chars(norm().skip(n.saturating_sub(k + 1)));
        }
        let mut flags = 0u8;
        for c in w.chars() {
            match c {
                '0'..='9' => flags |= 4,
                '-' => flags |= 8,
                '\'' | '’' => flags |= 16,
                _ => {}
            }
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            flags |= 1;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
        {
            flags |= 2;
        }
        if !w.chars().any(char::is_alphanumeric) {
            flags |= 32;
        }
        Self {
            form: hash_word(w),
            norm: hash_chars(norm()),
            shape: hash_chars(shape(w)),
            pre,
            suf,
            cl: CLUSTERS.get(w).unwrap_or([NO_CLUSTER; N_CLUSTER_LEVELS]),
            flags,
        }
    }
}

/// The shape of `w` as characters: `X` upper, `x` lower, `d` digit, other characters as
/// written, runs of more than two of one class cut to two.
fn shape(w: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = ' ';
    let mut run = 0;
    w.chars().filter_map(move |c| {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 0;
        }
        last = k;
        (run < 2).then_some(k)
    })
}
