//! Near-duplicate articles: MinHash signatures over word shingles, LSH banding to find
//! candidates, and an estimated Jaccard similarity to confirm them.
//!
//! Per article ([`signature`], inside the article's own rayon task): the text's words are
//! lower-cased (letters and digits; numbers are kept, so two earnings reports that differ only in
//! their figures stay apart), wire boilerplate (a dateline such as "LONDON (Reuters) -", a byline,
//! a sign-off, a "(Reporting by ...)" credit) is left out, and every run of [`SHINGLE`] words is
//! hashed. [`NUM_HASHES`] multiply-shift hash functions over those shingle hashes keep their
//! minimum each: the signature (512 bytes, whatever the article's length).
//!
//! Per batch or stream ([`DedupIndex`], in input order, after the per-article work): the
//! signature is cut into [`BANDS`] bands of [`ROWS`] values; two articles sharing one band are
//! candidates, and a candidate whose signature agrees in at least [`THRESHOLD`] of its values
//! (the MinHash estimate of the Jaccard similarity of the two shingle sets) is a near-duplicate.
//! A candidate whose shorter text is at least [`CONTAINMENT`] contained in the other (estimated
//! from the Jaccard estimate and the two shingle counts) is one too: a copy cut after its first
//! paragraphs. `duplicate_of` is the earliest such article. With 64 bands of 2 rows a pair at
//! Jaccard 0.3 becomes a candidate with probability 0.998, one at 0.1 with 0.48 (candidates are
//! then confirmed or rejected by the estimates).
//!
//! The work is linear: one pass over the text per article, a constant number of bucket
//! look-ups per article (each bucket keeps at most [`BUCKET_CAP`] articles, the earliest, so a
//! corpus of a thousand identical texts costs no more than one of distinct ones), and memory of
//! one signature and its bucket entries per article seen.
//!
//! Why no crate: none made for MinHash is available to the build (the offline registry has no
//! `gaoya`, `probminhash` or similar), and the algorithm is a few lines over `foldhash`, which
//! the crate already depends on.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use regex::Regex;

use crate::record::BoilerplateRec;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Hash functions (values) per signature.
pub const NUM_HASHES: usize = 128;
/// Values per LSH band.
pub const ROWS: usize = 2;
/// LSH bands (the first `BANDS * ROWS` values of the signature).
pub const BANDS: usize = NUM_HASHES / ROWS;
/// Estimated Jaccard similarity at or above which two articles are near-duplicates. A story
/// with a few words changed or a wire prefix added stays well above it (0.6–0.95 on Reuters
/// stories); distinct stories on the same topic stay well below.
pub const THRESHOLD: f64 = 0.5;
/// Estimated containment (the share of the shorter article's shingles found in the longer one)
/// at or above which two articles are near-duplicates too: a story cut after its first
/// paragraphs has a low Jaccard similarity to the whole but is contained in it.
pub const CONTAINMENT: f64 = 0.9;
/// Shingles the shorter article needs for [`CONTAINMENT`] to count (a line of a few words is
/// contained in many stories).
pub const CONTAINMENT_MIN_SHINGLES: u32 = 25;
/// Articles kept per LSH bucket (the earliest ones).
pub const BUCKET_CAP: usize = 32;

/// A MinHash signature: the minimum of each hash function over the article's shingles, and
/// their number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Box<[u32; NUM_HASHES]>, pub u32);

impl Signature {
    /// The estimated Jaccard similarity of the two articles' shingle sets: the share of equal
    /// values.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / NUM_HASHES as f64
    }

    /// Whether the two articles are near-duplicates: the estimated Jaccard similarity `j` is
    /// at least [`THRESHOLD`], or the shorter one (at least [`CONTAINMENT_MIN_SHINGLES`]) is
    /// contained in the other: `|A ∩ B| = j (|A| + |B|) / (1 + j)` is at least [`CONTAINMENT`]
    /// of it.
    pub fn near(&self, other: &Signature, j: f64) -> bool {
        let small = self.1.min(other.1);
        let inter = j * (f64::from(self.1) + f64::from(other.1)) / (1.0 + j);
        j >= THRESHOLD
            || (small >= CONTAINMENT_MIN_SHINGLES && inter >= CONTAINMENT * f64::from(small))
    }
}

/// Fixed seeds, so signatures are the same in every process and run.
const WORD_SEED: u64 = 0x6e65_7773_6661_6374;

/// splitmix64: the multipliers and offsets of the hash functions, fixed at compile time.
const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// `(multiplier (odd), offset)` of each hash function.
static FUNCS: LazyLock<[(u64, u64); NUM_HASHES]> = LazyLock::new(|| {
    let mut f = [(0, 0); NUM_HASHES];
    for (i, slot) in f.iter_mut().enumerate() {
        let i = i as u64;
        *slot = (splitmix(2 * i) | 1, splitmix(2 * i + 1));
    }
    f
});

/// A credit line at the end of a wire story: "(Reporting by Jane Doe; Editing by John Roe)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\((?:additional\s+)?(?:reporting|writing|editing|compiled|edited|by)\b[^()]{0,300}\)",
    )
    .expect("valid regex")
});

/// How far from the end a credit line is looked for (bytes).
const CREDIT_TAIL: usize = 600;

/// The signature of `text` without the `wire` boilerplate spans (byte offsets) and a final
/// credit line; `None` when the text has no word.
pub fn signature(text: &str, wire: &[BoilerplateRec]) -> Option<Signature> {
    let mut skip: Vec<(usize, usize)> = wire.iter().map(|b| (b.start, b.end)).collect();
    let mut tail = text.len().saturating_sub(CREDIT_TAIL);
    while !text.is_char_boundary(tail) {
        tail -= 1;
    }
    skip.extend(
        CREDIT
            .find_iter(&text[tail..])
            .map(|m| (tail + m.start(), tail + m.end())),
    );
    skip.sort_unstable();
    let words = word_hashes(text, &skip);
    if words.is_empty() {
        return None;
    }
    let mut mins = Box::new([u32::MAX; NUM_HASHES]);
    let funcs = &*FUNCS;
    let k = SHINGLE.min(words.len());
    let n = u32::try_from(words.len() + 1 - k).unwrap_or(u32::MAX);
    for w in words.windows(k) {
        let mut s: u64 = 0;
        for &h in w {
            s = (s ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
        }
        for (m, &(a, b)) in mins.iter_mut().zip(funcs.iter()) {
            let v = (s.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
            if v < *m {
                *m = v;
            }
        }
    }
    Some(Signature(mins, n))
}

/// The hash of every lower-cased word (a run of letters or digits) outside the `skip` spans
/// (sorted byte ranges).
fn word_hashes(text: &str, skip: &[(usize, usize)]) -> Vec<u64> {
    let state = foldhash::fast::FixedState::with_seed(WORD_SEED);
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut word = String::new();
    let mut spans = skip.iter().peekable();
    let flush = |word: &mut String, out: &mut Vec<u64>| {
        if !word.is_empty() {
            out.push(state.hash_one(word.as_str()));
            word.clear();
        }
    };
    for (i, c) in text.char_indices() {
        while spans.peek().is_some_and(|&&(_, end)| end <= i) {
            spans.next();
        }
        let skipped = spans.peek().is_some_and(|&&(start, _)| start <= i);
        if !skipped && c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The articles seen so far (a batch, or a whole `iter_extract` stream): their ids, signatures
/// and LSH buckets. Memory grows by about 1 KB per article with a signature.
#[derive(Debug, Default)]
pub struct DedupIndex {
    ids: Vec<String>,
    signatures: Vec<Signature>,
    buckets: HashMap<u64, Vec<u32>, foldhash::fast::FixedState>,
}

/// A near-duplicate found by [`DedupIndex::add`].
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// Id of the earliest earlier article at or above [`THRESHOLD`].
    pub of: String,
    /// The estimated Jaccard similarity to it.
    pub similarity: f64,
}

impl DedupIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of articles in the index.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Looks `sig` up among the articles added before, then adds it under `id`. Returns the
    /// earliest earlier article whose estimated similarity is at least [`THRESHOLD`].
    pub fn add(&mut self, id: &str, sig: Signature) -> Option<Duplicate> {
        let keys = band_keys(&sig, self.buckets.hasher());
        let mut candidates: Vec<u32> = keys
            .iter()
            .filter_map(|k| self.buckets.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates.into_iter().find_map(|c| {
            let similarity = self.signatures[c as usize].similarity(&sig);
            self.signatures[c as usize]
                .near(&sig, similarity)
                .then(|| Duplicate {
                    of: self.ids[c as usize].clone(),
                    similarity,
                })
        });
        let Ok(me) = u32::try_from(self.ids.len()) else {
            return found;
        };
        for k in keys {
            let bucket = self.buckets.entry(k).or_default();
            if bucket.len() < BUCKET_CAP {
                bucket.push(me);
            }
        }
        self.ids.push(id.to_string());
        self.signatures.push(sig);
        found
    }
}

/// One key per band: the band's number and its values, hashed.
fn band_keys(sig: &Signature, state: &foldhash::fast::FixedState) -> [u64; BANDS] {
    let mut keys = [0; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let rows = &sig.0[b * ROWS..(b + 1) * ROWS];
        *key = state.hash_one((b, rows));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Showers continued throughout the week in the Bahia cocoa zone, \
        alleviating the drought since early January and improving prospects for the coming \
        temporao, although normal humidity levels have not been restored, Comissaria Smith said \
        in its weekly review. The dry period means the temporao will be late this year. \
        Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a \
        cumulative total for the season of 5.93 mln against 5.81 at the same stage last year. \
        Again it seems that cocoa delivered earlier on consignment was included in the arrivals \
        figures. Comissaria Smith said there is still some doubt as to how much old crop cocoa \
        is still available as harvesting has practically come to an end.";

    fn sig(text: &str) -> Signature {
        let wire = crate::extract::wire::spans(text);
        signature(text, &wire).expect("words")
    }

    #[test]
    fn edited_copies_are_near_duplicates() {
        let base = sig(STORY);
        let changed = STORY
            .replace("Showers", "Rains")
            .replace("weekly", "monthly")
            .replace("doubt", "uncertainty");
        let cut = &STORY[..STORY.find("Again").unwrap()];
        let prefixed = format!(
            "SALVADOR, Brazil (Reuters) - {STORY}\n(Reporting by Jo Doe; Editing by Al Roe)"
        );
        for (what, other) in [
            ("changed", changed.as_str()),
            ("cut", cut),
            ("wire", &prefixed),
        ] {
            let o = sig(other);
            let s = base.similarity(&o);
            assert!(base.near(&o, s) && o.near(&base, s), "{what}: {s}");
        }
        // Cut to its first half: a low Jaccard similarity, but contained in the whole.
        let half = sig(&STORY[..STORY.find("Arrivals").unwrap()]);
        let j = base.similarity(&half);
        assert!(j < THRESHOLD && base.near(&half, j), "{j}");
        assert!((base.similarity(&sig(&prefixed)) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn distinct_stories_are_not() {
        let other = "The U.S. Agriculture Department said cocoa imports rose in January as \
            West African shipments recovered from a poor harvest, and traders expect prices \
            to ease further before the main crop arrives in the autumn.";
        assert!(sig(STORY).similarity(&sig(other)) < 0.2);
    }

    #[test]
    fn the_index_names_the_earliest_duplicate_and_offsets_survive_non_ascii() {
        let accented = format!("Café “Zoë” 🌍 {STORY}");
        let mut index = DedupIndex::new();
        assert_eq!(index.add("a", sig(STORY)), None);
        assert_eq!(
            index.add(
                "x",
                sig("Nothing in common with the cocoa report here at all.")
            ),
            None
        );
        let d = index.add("b", sig(&accented)).expect("near-duplicate");
        assert_eq!(d.of, "a");
        assert!(d.similarity > 0.9 && d.similarity < 1.0, "{}", d.similarity);
        assert_eq!(index.add("c", sig(STORY)).map(|d| d.of), Some("a".into()));
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn empty_and_tiny_texts() {
        assert!(signature("", &[]).is_none());
        assert!(signature(" — … ", &[]).is_none());
        let a = signature("Hi there", &[]).unwrap();
        assert_eq!(a.similarity(&signature("hi, THERE!", &[]).unwrap()), 1.0);
    }

    #[test]
    fn many_identical_texts_stay_linear() {
        let mut index = DedupIndex::new();
        let s = sig(STORY);
        for i in 0..2000 {
            let d = index.add(&i.to_string(), s.clone());
            assert_eq!(d.is_some(), i > 0);
        }
        assert!(index.buckets.values().all(|b| b.len() <= BUCKET_CAP));
    }
}
