//! Second-pass features: document priors, i.e. how the first pass labelled the same word
//! elsewhere in the document.

use super::features::{is_cap, key, norm_hash, shapes, SentFeatures, T};
use super::resources::HashKeyed;
use super::tags::Span;

/// First-pass label counts of a document per normalized word hash (PER, ORG, LOC, MISC, O).
pub type DocPrior = HashKeyed<[u16; 5]>;

/// Whether a word takes part in document priors: capitalized or without lower-case letters.
pub(super) fn prior_word(w: &str) -> bool {
    is_cap(w) || (w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
}

/// What the priors read of a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct PriorWord {
    /// Whether the word takes part in document priors.
    pub prior: bool,
    /// Hash of the normalized word (when it takes part).
    pub norm_h: u64,
    /// Hash of its short shape (when it takes part).
    pub short: u64,
}

impl PriorWord {
    /// What the priors read of `w`.
    pub fn of(w: &str) -> Self {
        if prior_word(w) {
            Self {
                prior: true,
                norm_h: norm_hash(w),
                short: shapes(w).1,
            }
        } else {
            Self::default()
        }
    }
}

/// The first-pass label counts of a document and each token's own label index (0..4 = PER,
/// ORG, LOC, MISC, 4 = outside).
pub fn build_prior(sentences: &[Vec<&str>], spans: &[Vec<Span>]) -> (DocPrior, Vec<Vec<u8>>) {
    let words: Vec<Vec<PriorWord>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| PriorWord::of(w)).collect())
        .collect();
    build_prior_of(words.iter().map(Vec::as_slice), spans)
}

/// [`build_prior`] from each sentence's [`PriorWord`]s.
pub(super) fn build_prior_of<'a>(
    sentences: impl Iterator<Item = &'a [PriorWord]>,
    spans: &[Vec<Span>],
) -> (DocPrior, Vec<Vec<u8>>) {
    let mut counts = DocPrior::default();
    let mut own = Vec::new();
    for (s, words) in sentences.enumerate() {
        let mut lab = vec![4u8; words.len()];
        for sp in spans.get(s).map(Vec::as_slice).unwrap_or(&[]) {
            for l in lab.iter_mut().take(sp.end).skip(sp.start) {
                *l = sp.label as u8;
            }
        }
        for (w, &l) in words.iter().zip(&lab) {
            if w.prior {
                let e = counts.entry(w.norm_h).or_insert([0; 5]);
                e[l as usize] = e[l as usize].saturating_add(1);
            }
        }
        own.push(lab);
    }
    (counts, own)
}

/// The label the other occurrences of `w` mostly got in the first pass (0..4, 4 = outside),
/// and whether they disagreed.
fn prior_of(w: &PriorWord, own: Option<u8>, prior: &DocPrior) -> Option<(u64, bool)> {
    if !w.prior {
        return None;
    }
    let mut counts = *prior.get(&w.norm_h)?;
    if let Some(c) = own.and_then(|o| counts.get_mut(o as usize)) {
        *c = c.saturating_sub(1);
    }
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    let (best, &cnt) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(j, c)| (*c, std::cmp::Reverse(j)))?;
    (cnt > 0).then_some((best as u64, u32::from(cnt) < total))
}

/// Second-pass features of one sentence: how the first pass labelled the same words elsewhere
/// in the document (`own`: this sentence's first-pass label index per token, left out).
pub fn extract_prior(words: &[&str], own: &[u8], prior: &DocPrior, out: &mut SentFeatures) {
    let words: Vec<PriorWord> = words.iter().map(|w| PriorWord::of(w)).collect();
    extract_prior_of(&words, own, prior, out);
}

/// [`extract_prior`] from the sentence's [`PriorWord`]s.
pub(super) fn extract_prior_of(
    words: &[PriorWord],
    own: &[u8],
    prior: &DocPrior,
    out: &mut SentFeatures,
) {
    out.clear();
    let priors: Vec<Option<(u64, bool)>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| prior_of(w, own.get(i).copied(), prior))
        .collect();
    for (i, w) in words.iter().enumerate() {
        out.offsets.push(out.keys.len());
        let k = &mut out.keys;
        if let Some(Some((best, mixed))) = priors.get(i) {
            k.push(key(T::DocPrior, 0, *best));
            k.push(key(T::DocPriorShape, *best, w.short));
            k.push(key(T::DocPriorMixed, *best, u64::from(*mixed)));
        }
        if let Some(Some((b, _))) = i.checked_sub(1).and_then(|j| priors.get(j)) {
            k.push(key(T::DocPriorM1, 0, *b));
        }
        if let Some(Some((b, _))) = priors.get(i + 1) {
            k.push(key(T::DocPriorP1, 0, *b));
        }
    }
    out.offsets.push(out.keys.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priors_leave_out_the_token_itself() {
        let sents = vec![vec!["Blackburn", "won"], vec!["Blackburn", "lost"]];
        let spans = vec![
            vec![Span {
                start: 0,
                end: 1,
                label: super::super::Label::Org,
            }],
            vec![],
        ];
        let (prior, own) = build_prior(&sents, &spans);
        assert_eq!(own[0], vec![1, 4]);
        // In sentence 2, "Blackburn" sees the ORG of sentence 1.
        let w = PriorWord::of("Blackburn");
        assert_eq!(prior_of(&w, Some(4), &prior), Some((1, false)));
        // In sentence 1, it sees only the O of sentence 2.
        assert_eq!(prior_of(&w, Some(1), &prior), Some((4, false)));
    }
}
