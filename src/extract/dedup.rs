//! Near-duplicate articles: MinHash signatures over word shingles, LSH banding to find
//! candidates, and an estimated Jaccard similarity to confirm them.
//!
//! Per article ([`signature`], inside the article's own rayon task): the text's words are
//! lower-cased (letters and digits; numbers are kept, so two earnings reports that differ only in
//! their figures stay apart), wire boilerplate (a dateline such as "LONDON (Reuters) -", a byline,
//! a sign-off, a "(Reporting by ...)" credit) is left out, and every run of [`SHINGLE`] words is
//! hashed. One-permutation hashing: each shingle's hash picks one of [`NUM_HASHES`] bins, which
//! keeps the smallest value it receives; empty bins are filled by optimal densification
//! (Shrivastava 2017, see [`densify`]). The signature (512 bytes, whatever the article's length)
//! estimates Jaccard similarity like a MinHash of [`NUM_HASHES`] independent hash functions, at
//! one hash per shingle instead of [`NUM_HASHES`].
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
//! Why no crate: `probminhash` has a densified one-permutation MinHash, but it hashes items with
//! its own hasher and brings `rand`, `num` and `indexmap` along for what is here a few lines over
//! FNV-1a and splitmix64.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use regex::Regex;

use crate::record::BoilerplateRec;

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Bins (values) per signature: a power of two.
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

/// A one-permutation MinHash signature: the minimum of each bin over the article's shingles
/// (densified), and their number.
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
/// Seed of the shingle hash that picks a shingle's bin and value.
const SHINGLE_SEED: u64 = 0x6475_7073_6869_6e67;
/// Seed of the densification's probe sequence.
const PROBE_SEED: u64 = 0x7072_6f62_6573_6571;
/// A shingle hash shifted right by this many bits is its bin (`NUM_HASHES` is a power of two).
const BIN_SHIFT: u32 = 64 - NUM_HASHES.trailing_zeros();
/// Probes of an empty bin before [`densify`] falls back to the next filled bin.
const MAX_PROBES: u64 = 1024;

/// splitmix64's finalizer: a strong 64-bit mix.
const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A credit line at the end of a wire story: "(Reporting by Jane Doe; Editing by John Roe)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\((?:additional\s+)?(?:reporting|writing|editing|compiled|edited|by)\b[^()]{0,300}\)",
    )
    .expect("valid regex")
});

/// The words a [`CREDIT`] match opens with, after its parenthesis (lower case). None has an
/// "s" or a "k", the ASCII letters that case-insensitive matching also finds in non-ASCII
/// ones ("ſ", the Kelvin sign), so the pattern finds them only in ASCII, in any case.
const CREDIT_WORDS: [&[u8]; 7] = [
    b"additional",
    b"reporting",
    b"writing",
    b"editing",
    b"compiled",
    b"edited",
    b"by",
];

/// Whether `tail` has a parenthesis opening with a [`CREDIT_WORDS`] word: where none does,
/// [`CREDIT`] finds nothing (and is neither run nor compiled).
fn may_have_credit(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    // The parentheses found by `match_indices` (a fast byte search), not byte by byte.
    tail.match_indices('(').any(|(i, _)| {
        CREDIT_WORDS.iter().any(|w| {
            bytes
                .get(i + 1..i + 1 + w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
        })
    })
}

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
    if may_have_credit(&text[tail..]) {
        skip.extend(
            CREDIT
                .find_iter(&text[tail..])
                .map(|m| (tail + m.start(), tail + m.end())),
        );
    }
    skip.sort_unstable();
    let words = word_hashes(text, &skip);
    if words.is_empty() {
        return None;
    }
    let mut mins = Box::new([u32::MAX; NUM_HASHES]);
    // The filled bins, 64 to a word.
    let mut filled = [0u64; NUM_HASHES / 64];
    let k = SHINGLE.min(words.len());
    let n = u32::try_from(words.len() + 1 - k).unwrap_or(u32::MAX);
    for w in words.windows(k) {
        let mut s: u64 = 0;
        for &h in w {
            s = (s ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
        }
        // One hash per shingle: its top bits pick the bin, its low 32 bits are the value.
        let h = splitmix(s ^ SHINGLE_SEED);
        let bin = (h >> BIN_SHIFT) as usize;
        let v = h as u32;
        filled[bin / 64] |= 1 << (bin % 64);
        if v < mins[bin] {
            mins[bin] = v;
        }
    }
    densify(&mut mins, filled);
    Some(Signature(mins, n))
}

/// Optimal densification (Shrivastava 2017): every empty bin takes the value of the first
/// filled bin on its own fixed pseudo-random probe sequence (the same in every article), so two
/// articles' bins agree with a probability equal to the Jaccard similarity of their shingle sets,
/// as with a MinHash of independent hash functions. `filled` is not 0.
fn densify(mins: &mut [u32; NUM_HASHES], filled: [u64; NUM_HASHES / 64]) {
    if filled.iter().all(|&w| w == u64::MAX) || filled.iter().all(|&w| w == 0) {
        return;
    }
    let is_filled = |j: usize| filled[j / 64] >> (j % 64) & 1 == 1;
    let probes = &*PROBES;
    for i in 0..NUM_HASHES {
        if is_filled(i) {
            continue;
        }
        // The first probes from the table, the rest computed (rarely needed).
        let probe = probes[i]
            .iter()
            .map(|&j| usize::from(j))
            .chain((TABLED_PROBES + 1..=MAX_PROBES).map(|attempt| probe_bin(i, attempt)))
            .find(|&j| is_filled(j))
            // Deterministic fallback (probability below 1e-3 with one filled bin of 128).
            .unwrap_or_else(|| {
                (1..NUM_HASHES)
                    .map(|d| (i + d) % NUM_HASHES)
                    .find(|&j| is_filled(j))
                    .unwrap_or(i)
            });
        mins[i] = mins[probe];
    }
}

/// The bin of empty bin `i`'s probe number `attempt` (from 1).
#[allow(clippy::cast_possible_truncation)]
fn probe_bin(i: usize, attempt: u64) -> usize {
    let h = splitmix(PROBE_SEED ^ ((i as u64) << 32 | attempt));
    (h >> BIN_SHIFT) as usize
}

/// Probes per bin kept in [`PROBES`].
const TABLED_PROBES: u64 = 32;

/// Each bin's first [`TABLED_PROBES`] probes ([`probe_bin`]): the same in every article, so
/// computed once.
#[allow(clippy::cast_possible_truncation)]
static PROBES: LazyLock<Vec<[u8; TABLED_PROBES as usize]>> = LazyLock::new(|| {
    (0..NUM_HASHES)
        .map(|i| {
            let mut row = [0u8; TABLED_PROBES as usize];
            for (a, slot) in row.iter_mut().enumerate() {
                *slot = probe_bin(i, a as u64 + 1) as u8;
            }
            row
        })
        .collect()
});

/// The hash of every lower-cased word (a run of letters or digits) outside the `skip` spans
/// (byte ranges sorted by start; a character starting inside one is skipped and ends a word).
fn word_hashes(text: &str, skip: &[(usize, usize)]) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut from = 0;
    for &(start, end) in skip {
        if end <= start {
            continue;
        }
        if start > from {
            hash_words(text, from, start, &mut out);
        }
        from = from.max(end);
    }
    hash_words(text, from, text.len(), &mut out);
    out
}

/// FNV-1a (64 bits) over a word's lower-cased characters: one multiplication per character,
/// no buffer.
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Each byte's lower case when it is an ASCII letter or digit, else 0.
static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Appends to `out` the hash of every word of the characters that start in `from..to` (byte
/// offsets, rounded up to character boundaries).
fn hash_words(text: &str, from: usize, to: usize, out: &mut Vec<u64>) {
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let Some(region) = text.get(ceil(from)..ceil(to.min(text.len()))) else {
        return;
    };
    let bytes = region.as_bytes();
    let mut h = FNV_BASIS;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let folded = ASCII_WORD[usize::from(b)];
        if folded != 0 {
            i += 1;
            h = (h ^ u64::from(folded)).wrapping_mul(FNV_PRIME);
            in_word = true;
            continue;
        }
        if b.is_ascii() {
            i += 1;
        } else {
            let c = region
                .get(i..)
                .and_then(|r| r.chars().next())
                .unwrap_or(' ');
            i += c.len_utf8().max(1);
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    h = (h ^ u64::from(u32::from(l))).wrapping_mul(FNV_PRIME);
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            out.push(h);
            h = FNV_BASIS;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
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
    fn the_credit_filter_keeps_every_match() {
        let lines = [
            "(Reporting by Jo Doe; Editing by Al Roe)",
            "(REPORTING BY x)",
            "(additional  reporting by x)",
            "(Additional Reporting by x)",
            "(By Jo Doe)",
            "(Writing by x)",
            "(Edited)",
            "(Compiled by x)",
            "text (editing by x) more",
            "(bypass)",
            "( Reporting by x)",
            "(Reporting by x",
            "(reuters) no credit",
            "no parenthesis at all",
        ];
        for line in lines {
            assert!(!CREDIT.is_match(line) || may_have_credit(line), "{line}");
        }
        assert!(may_have_credit("(By Jo)") && !may_have_credit("(Reuters)"));
    }

    /// [`densify`] as first written: every probe computed, the filled bins in one `u128`.
    fn densify_reference(mins: &mut [u32; NUM_HASHES], filled: u128) {
        if filled == u128::MAX || filled == 0 {
            return;
        }
        let is_filled = |j: usize| filled >> j & 1 == 1;
        for i in 0..NUM_HASHES {
            if is_filled(i) {
                continue;
            }
            let probe = (1..=MAX_PROBES)
                .map(|attempt| probe_bin(i, attempt))
                .find(|&j| is_filled(j))
                .unwrap_or_else(|| {
                    (1..NUM_HASHES)
                        .map(|d| (i + d) % NUM_HASHES)
                        .find(|&j| is_filled(j))
                        .unwrap_or(i)
                });
            mins[i] = mins[probe];
        }
    }

    #[test]
    fn densify_with_the_probe_table_is_the_computed_one() {
        for seed in 0..300u64 {
            // From one filled bin to nearly all of them.
            let keep = splitmix(seed) % 128;
            let mut mins = [u32::MAX; NUM_HASHES];
            let mut filled = [0u64; NUM_HASHES / 64];
            let mut wide = 0u128;
            for b in 0..NUM_HASHES {
                let h = splitmix(seed << 8 | b as u64);
                if b == (seed as usize) % NUM_HASHES || h % 128 < keep {
                    mins[b] = h as u32;
                    filled[b / 64] |= 1 << (b % 64);
                    wide |= 1 << b;
                }
            }
            let mut expected = mins;
            densify_reference(&mut expected, wide);
            densify(&mut mins, filled);
            assert_eq!(mins, expected, "{seed}");
        }
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
