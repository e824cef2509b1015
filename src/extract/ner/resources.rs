//! Word lists (gazetteers) and word clusters the features look up, parsed once from files under
//! `resources/` (see `MODEL.md` for their provenance).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A hasher for keys that are already 64-bit hashes: passes them through.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by 64-bit hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Final avalanche of a 64-bit hash (never 0).
#[inline]
pub fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    let h = (h ^ (h >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    (h ^ (h >> 33)).max(1)
}

const FNV_SEED: u64 = 0xCBF2_9CE4_8422_2325;

#[inline]
fn step(h: u64, c: char) -> u64 {
    (h ^ u64::from(c as u32)).wrapping_mul(0x0000_0100_0000_01B3)
}

/// Hash of a character sequence.
#[inline]
pub fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    finish(chars.fold(FNV_SEED, step))
}

/// Hash of a word as written.
#[inline]
pub fn hash_word(w: &str) -> u64 {
    hash_chars(w.chars())
}

/// Folds `f` over the characters of `w` lower-cased (as `char::to_lowercase` gives them;
/// ASCII without the case tables).
#[inline]
pub fn fold_lower<B>(w: &str, init: B, mut f: impl FnMut(B, char) -> B) -> B {
    let mut acc = init;
    for c in w.chars() {
        if c.is_ascii() {
            acc = f(acc, c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                acc = f(acc, l);
            }
        }
    }
    acc
}

/// Hash of a word lower-cased.
#[inline]
pub fn hash_lower(w: &str) -> u64 {
    finish(fold_lower(w, FNV_SEED, step))
}

/// Hash of a word capitalized (first letter upper-case, the rest lower-case).
#[inline]
pub fn hash_capitalized(w: &str) -> u64 {
    let mut h = FNV_SEED;
    for (i, c) in w.chars().enumerate() {
        if i == 0 {
            h = c.to_uppercase().fold(h, step);
        } else {
            h = c.to_lowercase().fold(h, step);
        }
    }
    finish(h)
}

/// Hash of a token sequence from its tokens' lower-case hashes.
#[inline]
pub fn hash_seq(prev: u64, next: u64) -> u64 {
    finish((prev ^ next.rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED)
}

/// Gazetteer kinds, one bit each.
pub mod kind {
    /// A country or region name ("Germany", "Soviet Union").
    pub const COUNTRY: u16 = 1;
    /// A demonym or group name ("German", "Serbs").
    pub const DEMONYM: u16 = 1 << 1;
    /// A capital city.
    pub const CAPITAL: u16 = 1 << 2;
    /// A large city.
    pub const CITY: u16 = 1 << 3;
    /// A first name (US Census).
    pub const FIRST: u16 = 1 << 4;
    /// A last name (US Census, 10,000 most common).
    pub const LAST: u16 = 1 << 5;
    /// A title or role ("President", "Gen.").
    pub const TITLE: u16 = 1 << 6;
    /// A word that ends organization names ("Corp", "Party", "United").
    pub const ORG_SUFFIX: u16 = 1 << 7;
    /// A word in place names ("River", "Mount").
    pub const LOC_CUE: u16 = 1 << 8;
    /// A word in event or work names ("Cup", "Open").
    pub const MISC_CUE: u16 = 1 << 9;
    /// Number of kinds.
    pub const COUNT: usize = 10;
}

/// Marks a key that begins a longer entry.
pub const PREFIX: u16 = 1 << 15;

/// Gazetteer entries: hashes of lower-cased token sequences (see [`hash_seq`], starting from
/// [`SEQ_SEED`]) → kinds, plus [`PREFIX`] on keys that begin a longer entry.
pub struct Gazetteer {
    entries: HashKeyed<u16>,
    /// Longest entry, in tokens.
    pub max_len: usize,
}

impl Gazetteer {
    fn build() -> Self {
        let lists: [(&str, u16); 10] = [
            (include_str!("resources/countries.txt"), kind::COUNTRY),
            (include_str!("resources/demonyms.txt"), kind::DEMONYM),
            (include_str!("resources/capitals.txt"), kind::CAPITAL),
            (include_str!("resources/cities.txt"), kind::CITY),
            (include_str!("resources/first_names.txt"), kind::FIRST),
            (include_str!("resources/last_names.txt"), kind::LAST),
            (include_str!("resources/titles.txt"), kind::TITLE),
            (include_str!("resources/org_suffixes.txt"), kind::ORG_SUFFIX),
            (include_str!("resources/loc_cues.txt"), kind::LOC_CUE),
            (include_str!("resources/misc_cues.txt"), kind::MISC_CUE),
        ];
        let mut entries = HashKeyed::<u16>::default();
        let mut max_len = 1;
        for (text, k) in lists {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let toks = crate::text::tokenize(line);
                max_len = max_len.max(toks.len());
                let mut h = SEQ_SEED;
                for (i, t) in toks.iter().enumerate() {
                    h = hash_seq(h, hash_lower(&line[t.start..t.end]));
                    let bits = if i + 1 == toks.len() { k } else { PREFIX };
                    *entries.entry(h).or_insert(0) |= bits;
                }
            }
        }
        Self { entries, max_len }
    }

    /// The kinds (and [`PREFIX`]) of a sequence hash.
    pub fn get_seq(&self, h: u64) -> u16 {
        self.entries.get(&h).copied().unwrap_or(0)
    }

    /// The kinds of one word given its lower-case hash.
    pub fn get_word(&self, lower_hash: u64) -> u16 {
        self.get_seq(hash_seq(SEQ_SEED, lower_hash)) & !PREFIX
    }

    /// The kinds of a phrase (tokenized by the library's tokenizer).
    pub fn get(&self, phrase: &str) -> u16 {
        let mut h = SEQ_SEED;
        for t in crate::text::tokenize(phrase) {
            h = hash_seq(h, hash_lower(&phrase[t.start..t.end]));
        }
        self.get_seq(h) & !PREFIX
    }
}

/// Start of a sequence hash.
pub const SEQ_SEED: u64 = 0x1234_5678_9ABC_DEF1;

/// The gazetteer, parsed on first use.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// Number of cluster granularities per word.
pub const N_CLUSTER_LEVELS: usize = 3;

/// Word clusters at several granularities (coarse to fine), learned from unlabeled news by
/// `newsfacts-clusters`.
pub struct Clusters {
    map: HashKeyed<[u16; N_CLUSTER_LEVELS]>,
}

impl Clusters {
    /// Parses lines `word c1 c2 c3` (space-separated; malformed lines are skipped).
    pub fn parse(text: &str) -> Self {
        let mut map = HashKeyed::default();
        for line in text.lines() {
            let mut it = line.split(' ');
            let Some(word) = it.next() else { continue };
            let mut ids = [0u16; N_CLUSTER_LEVELS];
            let mut ok = true;
            for id in &mut ids {
                match it.next().and_then(|s| s.parse::<u16>().ok()) {
                    Some(v) => *id = v,
                    None => ok = false,
                }
            }
            if ok && !word.is_empty() {
                map.insert(hash_word(word), ids);
            }
        }
        Self { map }
    }

    /// Cluster ids of `word`, trying it as written, then capitalized, then lower-cased.
    pub fn get(&self, word: &str) -> Option<[u16; N_CLUSTER_LEVELS]> {
        if let Some(c) = self.map.get(&hash_word(word)) {
            return Some(*c);
        }
        if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return None; // lower-case ASCII: the variants below are the word itself
        }
        self.map
            .get(&hash_capitalized(word))
            .or_else(|| self.map.get(&hash_lower(word)))
            .copied()
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no clusters.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The shipped clusters, parsed on first use.
pub static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| {
    Clusters::parse(crate::lexicon::packed::inflate_str(crate::packed!(
        "src/extract/ner/resources/clusters.txt"
    )))
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_knows_countries_names_and_titles() {
        let g = &*GAZETTEER;
        assert_ne!(g.get("germany") & kind::COUNTRY, 0);
        assert_ne!(g.get("german") & kind::DEMONYM, 0);
        assert_ne!(g.get("peter") & kind::FIRST, 0);
        assert_ne!(g.get("Gen.") & kind::TITLE, 0);
        assert_ne!(g.get("new york") & kind::CITY, 0);
        assert_eq!(g.get("the"), 0);
        assert_ne!(g.get("Soviet Union") & kind::COUNTRY, 0);
        assert_eq!(g.get("Soviet"), kind::DEMONYM);
        assert_ne!(
            g.get_seq(hash_seq(SEQ_SEED, hash_lower("Soviet"))) & PREFIX,
            0
        );
    }

    #[test]
    fn clusters_fall_back_to_case_variants() {
        let c = Clusters::parse("Germany 1 2 3\nthe 4 5 6\nbad line\n");
        assert_eq!(c.len(), 2);
        assert_eq!(c.get("GERMANY"), Some([1, 2, 3]));
        assert_eq!(c.get("The"), Some([4, 5, 6]));
        assert_eq!(c.get("nothing"), None);
    }
}
