//! Per-word-type facts and cached weight sums for tagging.
//!
//! Most features of a token are pure functions of one word at a fixed offset: the token's own
//! word, shape, affixes, clusters and gazetteer memberships, and its neighbours' words, shapes,
//! clusters and memberships at −2…+2. For each word type the tagger caches the summed weights
//! (both passes, exact `i32` sums of the quantized rows) of the features the word contributes
//! in each of those five roles, so a token costs five cache reads plus its genuinely contextual
//! features (see `score.rs`). The sums are integers, so the result equals the plain path
//! (`features::extract` + `Joint::scores_both`) exactly, whatever the order.

use std::cell::RefCell;

use super::features::{
    is_cap, key, norm_hash, push_affixes, shapes, DocInfo, HashSet64, BOS, EOS, T,
};
use super::model::{add_acc, Acc, Joint};
use super::resources::{hash_lower, hash_word, kind, CLUSTERS, GAZETTEER, N_CLUSTER_LEVELS};

/// What the features need to know of one word, whatever its position.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct WordInfo {
    /// Hash of the normalized word (lower-cased, digits folded).
    pub norm_h: u64,
    /// Hash of the lower-cased word (gazetteer sequences).
    pub lower_h: u64,
    /// Long and short shape hashes.
    pub shape: u64,
    /// Short shape hash.
    pub short: u64,
    /// Word clusters.
    pub clusters: Option<[u16; N_CLUSTER_LEVELS]>,
    /// Single-word gazetteer kinds.
    pub single: u16,
    /// First character upper-case.
    pub cap: bool,
    /// First character lower-case.
    pub starts_lower: bool,
    /// Some lower-case character.
    pub has_lower: bool,
    /// At least two alphabetic characters.
    pub alpha2: bool,
    /// First byte an ASCII digit.
    pub starts_digit: bool,
    /// Capitalized, or letters without lower-case ones (takes part in document priors).
    pub prior_word: bool,
    /// Some upper-case letter or ASCII digit: a word an entity may be near (see
    /// `decode::forced_o`).
    pub cand: bool,
    /// The token's own bits of the `Flags` feature: capitalized, digit, hyphen, period.
    pub flags: u8,
}

impl WordInfo {
    /// The facts of `w`.
    #[inline(always)]
    pub fn new(w: &str) -> Self {
        let (shape, short) = shapes(w);
        let lower_h = hash_lower(w);
        let cap = is_cap(w);
        let has_lower = w.chars().any(char::is_lowercase);
        let has_alpha = w.chars().any(char::is_alphabetic);
        Self {
            norm_h: norm_hash(w),
            lower_h,
            shape,
            short,
            clusters: CLUSTERS.get(w),
            single: GAZETTEER.get_word(lower_h),
            cap,
            starts_lower: w.chars().next().is_some_and(char::is_lowercase),
            has_lower,
            alpha2: w.chars().filter(|c| c.is_alphabetic()).count() >= 2,
            starts_digit: w.bytes().next().is_some_and(|b| b.is_ascii_digit()),
            prior_word: cap || (has_alpha && !has_lower),
            cand: is_cand(w),
            flags: u8::from(cap)
                | u8::from(w.bytes().any(|c| c.is_ascii_digit())) << 1
                | u8::from(w.contains('-')) << 2
                | u8::from(w.contains('.')) << 3,
        }
    }
}

/// Whether `w` has an upper-case letter or an ASCII digit: a word an entity may be near (see
/// `decode::forced_o`).
pub(super) fn is_cand(w: &str) -> bool {
    // One pass over the bytes; the characters are decoded only for a word with non-ASCII
    // bytes and no ASCII capital or digit.
    let mut ascii = true;
    for b in w.bytes() {
        if b.is_ascii_uppercase() || b.is_ascii_digit() {
            return true;
        }
        ascii &= b.is_ascii();
    }
    !ascii && w.chars().any(char::is_uppercase)
}

/// The positions a word's cached features are relative to: the token itself, or the token's
/// neighbour at −1, +1, −2, +2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// The token itself.
    Centre = 0,
    /// The word before the token.
    M1 = 1,
    /// The word after the token.
    P1 = 2,
    /// The word two before.
    M2 = 3,
    /// The word two after.
    P2 = 4,
}

/// Number of roles.
pub(super) const N_ROLES: usize = 5;

/// Index of the sums of the token's `SentIdx` feature in a sentence past the third (the
/// common case), kept after the roles'.
pub(super) const SENT3: usize = N_ROLES;

/// Number of sums kept per word: the roles, then [`SENT3`].
pub(super) const N_SUMS: usize = N_ROLES + 1;

/// All roles, in index order.
pub(super) const ROLES: [Role; N_ROLES] = [Role::Centre, Role::M1, Role::P1, Role::M2, Role::P2];

/// Pushes the keys of the features `w` contributes in `role` (`None`: outside the sentence).
#[inline(always)]
pub(super) fn role_keys(w: Option<(&str, &WordInfo)>, role: Role, k: &mut Vec<u64>) {
    let Some((word, t)) = w else {
        // Outside the sentence: the context word is BOS/EOS, the shape empty, nothing else.
        match role {
            Role::Centre => {}
            Role::M1 => k.extend([key(T::LowerM1, 0, BOS), key(T::ShapeM1, 0, 0)]),
            Role::P1 => k.extend([key(T::LowerP1, 0, EOS), key(T::ShapeP1, 0, 0)]),
            Role::M2 => k.push(key(T::LowerM2, 0, BOS)),
            Role::P2 => k.push(key(T::LowerP2, 0, EOS)),
        }
        return;
    };
    let (lower, shape, cluster, gaz) = match role {
        Role::Centre => {
            k.extend([
                key(T::Bias, 0, 0),
                key(T::Word, 0, hash_word(word)),
                key(T::Lower, 0, t.norm_h),
                key(T::Shape, 0, t.shape),
                key(T::ShortShape, 0, t.short),
            ]);
            push_affixes(word, k);
            for lvl in 0..N_CLUSTER_LEVELS {
                let c0 = t.clusters.map_or(u64::MAX, |c| u64::from(c[lvl]));
                k.push(key(T::Cluster0, lvl as u64, c0));
            }
            for bit in set_bits(t.single) {
                k.push(key(T::Gaz0, 100 + bit, u64::from(t.cap)));
            }
            return;
        }
        Role::M1 => (T::LowerM1, Some(T::ShapeM1), Some(T::ClusterM1), T::GazM1),
        Role::P1 => (T::LowerP1, Some(T::ShapeP1), Some(T::ClusterP1), T::GazP1),
        Role::M2 => (T::LowerM2, None, None, T::GazM2),
        Role::P2 => (T::LowerP2, None, None, T::GazP2),
    };
    k.push(key(lower, 0, t.norm_h));
    if let Some(s) = shape {
        k.push(key(s, 0, t.short));
    }
    if let (Some(tmpl), Some(c)) = (cluster, t.clusters) {
        for (lvl, &id) in c.iter().enumerate() {
            k.push(key(tmpl, lvl as u64, u64::from(id)));
        }
    }
    for bit in set_bits(t.single) {
        k.push(key(gaz, bit, u64::from(t.cap)));
    }
}

/// The gazetteer kind bits set in `kinds`, lowest first.
#[inline]
fn set_bits(kinds: u16) -> impl Iterator<Item = u64> {
    let mut rest = kinds & ((1u16 << kind::COUNT) - 1);
    std::iter::from_fn(move || {
        let bit = rest.trailing_zeros();
        rest &= rest.wrapping_sub(1);
        (bit < 16).then_some(u64::from(bit))
    })
}

/// Computes the facts of `word` (returned) and its summed weights in each role from `joint`'s
/// rows (written to `sums`; `keys` and `found` are scratch). The keys of all roles are looked
/// up together, so that their loads overlap.
#[inline(always)]
fn compute(
    joint: &Joint,
    word: &str,
    keys: &mut Vec<u64>,
    found: &mut Vec<u32>,
    sums: &mut [Acc; N_SUMS],
) -> WordInfo {
    let info = WordInfo::new(word);
    let mut ends = [0usize; N_SUMS];
    keys.clear();
    for (end, role) in ends.iter_mut().zip(ROLES) {
        role_keys(Some((word, &info)), role, keys);
        *end = keys.len();
    }
    keys.push(key(T::SentIdx, 3, info.short));
    ends[SENT3] = keys.len();
    std::hint::black_box(joint.touch(keys, &[]));
    found.clear();
    found.extend(keys.iter().map(|&k| joint.row_index(k).unwrap_or(u32::MAX)));
    std::hint::black_box(joint.touch(&[], found));
    let mut from = 0;
    for (s, &to) in sums.iter_mut().zip(&ends) {
        // A local accumulator, so that the sums stay in registers.
        let mut local = Acc::default();
        for &r in found.get(from..to).unwrap_or(&[]) {
            joint.add_row_index(r, &mut local);
        }
        *s = local;
        from = to;
    }
    info
}

/// Longest word (bytes) the cache keeps; longer words are computed each time.
const MAX_WORD: usize = 23;

/// Sets of the cache (two slots each): 16,384 slots of 24 + 80 + 768 + 8 bytes, about 14.4 MB
/// per thread that tags.
const SETS: usize = 1 << 13;

/// Where [`WordCache::get`] put a word: a slot, or (too long) the uncached entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct At(usize);

const UNCACHED: At = At(usize::MAX);

/// Where a document's token finds its sums: a cache slot as it was when the token was looked
/// up (`seen`: the cache's miss count then; a slot written since holds another word), or the
/// document's own copy of the sums of a word the cache does not keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ref {
    /// Slot `slot`, valid while it was last written at or before miss count `seen`.
    Slot {
        /// The slot.
        slot: usize,
        /// [`WordCache::misses`] right after the lookup.
        seen: u64,
    },
    /// Index in [`DocWords::extra`].
    Extra(usize),
    /// No sums: the token was looked up for its facts only (no scored token reads its sums).
    NoSums,
}

/// Every token of a document looked up once: its facts and where its sums are.
#[derive(Default)]
pub(super) struct DocWords {
    /// Per token, where its sums are.
    pub refs: Vec<Ref>,
    /// Per token, its word's facts.
    pub infos: Vec<WordInfo>,
    /// Sums of the tokens whose words the cache does not keep.
    pub extra: Vec<[Acc; N_SUMS]>,
}

impl DocWords {
    /// Room for a document of `n` tokens.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            refs: Vec::with_capacity(n),
            infos: Vec::with_capacity(n),
            extra: Vec::new(),
        }
    }
}

/// The sums of one word (a cache slot's or a copy's): in each role, then [`SENT3`].
#[derive(Clone, Copy)]
pub(super) struct Sums<'a>(pub &'a [Acc; N_SUMS]);

impl Sums<'_> {
    /// Adds the sums in `role` (or [`SENT3`]) to `acc`.
    #[inline(always)]
    pub fn add(self, role: usize, acc: &mut Acc) {
        if let Some(s) = self.0.get(role) {
            add_acc(acc, s);
        }
    }
}

/// The facts and sums of `word`, computed from `joint` without the cache (for a token whose
/// slot was taken by another word since it was looked up).
pub(super) fn compute_alone(joint: &Joint, word: &str) -> [Acc; N_SUMS] {
    let mut sums = [Acc::default(); N_SUMS];
    compute(joint, word, &mut Vec::new(), &mut Vec::new(), &mut sums);
    sums
}

/// A bounded per-thread cache of word facts and role sums, two-way set-associative by a hash of
/// the word's bytes (a new word replaces the less recently used slot of its set). Words are
/// compared byte for byte, so the hash only decides where a word goes, never what it reads.
/// All sums are kept as `i32`, so that a token adds each with whole-register adds (kept as
/// `i16`, each value had to be widened first: more instructions per token than the larger
/// slots cost).
pub(super) struct WordCache {
    /// The tagger the sums belong to.
    owner: u64,
    /// Per slot: word length + 1 (0: empty), then the word's bytes.
    tags: Vec<[u8; MAX_WORD + 1]>,
    /// Per set: the way used last.
    recent: Vec<u8>,
    infos: Vec<WordInfo>,
    /// Per slot, the word's sums in each role and [`SENT3`].
    sums: Vec<[Acc; N_SUMS]>,
    /// Per slot, [`WordCache::misses`] when it was last written.
    written: Vec<u64>,
    /// The last word computed without a slot.
    long_info: WordInfo,
    long_sums: [Acc; N_SUMS],
    keys: Vec<u64>,
    found: Vec<u32>,
    /// Words computed so far.
    misses: u64,
}

thread_local! {
    static CACHE: RefCell<Option<WordCache>> = const { RefCell::new(None) };
}

/// Hash of a word's bytes for the cache: 8 bytes at a time, multiply-rotate (as FxHash); the
/// hash only places the word, so speed matters more than quality.
#[inline]
fn byte_hash(w: &str) -> u64 {
    const K: u64 = 0xF135_7AEA_2E62_A9C5;
    let mut h = w.len() as u64;
    let mut chunks = w.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(26);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(26);
    }
    h.wrapping_mul(K)
}

impl WordCache {
    fn new(owner: u64) -> Self {
        Self {
            owner,
            tags: vec![[0; MAX_WORD + 1]; 2 * SETS],
            recent: vec![0; SETS],
            infos: vec![WordInfo::default(); 2 * SETS],
            sums: vec![[Acc::default(); N_SUMS]; 2 * SETS],
            written: vec![0; 2 * SETS],
            long_info: WordInfo::default(),
            long_sums: [Acc::default(); N_SUMS],
            keys: Vec::new(),
            found: Vec::new(),
            misses: 0,
        }
    }

    /// The slot of `word` (whose [`byte_hash`] is `h`) if the cache has it, else its set and
    /// tag (tag byte 0 is 0 for a word too long to keep).
    #[inline]
    fn find(&mut self, word: &str, h: u64) -> Result<At, (usize, [u8; MAX_WORD + 1])> {
        let b = word.as_bytes();
        let set = (h >> 40) as usize & (SETS - 1);
        let mut tag = [0u8; MAX_WORD + 1];
        if let Some(t) = tag.get_mut(1..=b.len()) {
            t.copy_from_slice(b);
            tag[0] = b.len() as u8 + 1;
            for way in 0..2 {
                if self.tags.get(2 * set + way) == Some(&tag) {
                    if let Some(r) = self.recent.get_mut(set) {
                        *r = way as u8;
                    }
                    return Ok(At(2 * set + way));
                }
            }
        }
        Err((set, tag))
    }

    /// Finds `word` (whose [`byte_hash`] is `h`), computing its entry from `joint` if absent.
    #[inline(always)]
    fn get(&mut self, joint: &Joint, word: &str, h: u64) -> At {
        let (set, tag) = match self.find(word, h) {
            Ok(at) => return at,
            Err(miss) => miss,
        };
        self.misses += 1;
        let way = 1 - usize::from(self.recent.get(set).copied().unwrap_or(0).min(1));
        let slot = 2 * set + way;
        // The sums are computed in place: into the slot, or the uncached entry.
        match self.sums.get_mut(slot) {
            Some(s) if tag[0] != 0 => {
                let info = compute(joint, word, &mut self.keys, &mut self.found, s);
                self.tags[slot] = tag;
                self.infos[slot] = info;
                self.written[slot] = self.misses;
                self.recent[set] = way as u8;
                At(slot)
            }
            _ => {
                let s = &mut self.long_sums;
                self.long_info = compute(joint, word, &mut self.keys, &mut self.found, s);
                UNCACHED
            }
        }
    }

    /// Looks up every word of `words` (all tokens of a document, in order) once. A token not
    /// marked in `needed` (empty: all are needed) gets its facts only when the cache lacks its
    /// word ([`Ref::NoSums`]): no scored token reads its sums, so they are not computed.
    #[inline(always)]
    pub fn lookup_all<'w>(
        &mut self,
        joint: &Joint,
        words: impl Iterator<Item = &'w str>,
        needed: &[bool],
        out: &mut DocWords,
    ) {
        out.refs.clear();
        out.infos.clear();
        out.extra.clear();
        for (i, w) in words.enumerate() {
            let h = byte_hash(w);
            if !needed.get(i).copied().unwrap_or(true) {
                match self.find(w, h) {
                    Ok(at) => {
                        out.infos.push(*self.info(at));
                        out.refs.push(Ref::Slot {
                            slot: at.0,
                            seen: self.misses,
                        });
                    }
                    Err(_) => {
                        out.infos.push(WordInfo::new(w));
                        out.refs.push(Ref::NoSums);
                    }
                }
                continue;
            }
            let at = self.get(joint, w, h);
            out.infos.push(*self.info(at));
            if at == UNCACHED {
                out.refs.push(Ref::Extra(out.extra.len()));
                out.extra.push(self.long_sums);
            } else {
                out.refs.push(Ref::Slot {
                    slot: at.0,
                    seen: self.misses,
                });
            }
        }
    }

    /// The sums `r` points to, unless its slot was given to another word since.
    #[inline]
    pub fn sums<'a>(&'a self, r: Ref, doc: &'a DocWords) -> Option<Sums<'a>> {
        match r {
            Ref::Slot { slot, seen } => {
                if *self.written.get(slot)? > seen {
                    return None;
                }
                self.sums.get(slot).map(Sums)
            }
            Ref::Extra(i) => doc.extra.get(i).map(Sums),
            Ref::NoSums => None,
        }
    }

    /// Reads one value of each cache line of the sums of the slots in `refs`: independent
    /// loads that overlap, so that adding the sums finds them in cache. Returns a value to pass
    /// to `black_box`.
    #[inline]
    pub fn touch(&self, refs: &[Ref]) -> i32 {
        let mut x = 0i32;
        for r in refs {
            let &Ref::Slot { slot, .. } = r else {
                continue;
            };
            if let Some(s) = self.sums.get(slot) {
                // One value of each 64-byte half of each role's sums.
                for r in s {
                    x ^= r[0][0] ^ r[1][0];
                }
            }
        }
        x
    }

    /// The facts of the word at `at`.
    #[inline]
    fn info(&self, at: At) -> &WordInfo {
        self.infos.get(at.0).unwrap_or(&self.long_info)
    }

    /// Runs `f` with this thread's cache for the tagger `owner` (emptied when it served another
    /// tagger). A reentrant call (or one while the thread exits) gets a fresh cache of its own.
    pub fn with<R>(owner: u64, f: impl FnOnce(&mut WordCache) -> R) -> R {
        let mut f = Some(f);
        let done = CACHE.try_with(|c| {
            let mut guard = c.try_borrow_mut().ok()?;
            let cache = guard.get_or_insert_with(|| WordCache::new(owner));
            if cache.owner != owner {
                cache.owner = owner;
                cache.tags.iter_mut().for_each(|t| t[0] = 0);
            }
            f.take().map(|f| f(cache))
        });
        match (done, f) {
            (Ok(Some(r)), _) => r,
            // Reentrant, or the thread's storage is being torn down: a cache of its own.
            (_, Some(f)) => f(&mut WordCache::new(owner)),
            (_, None) => unreachable!("the closure either ran or is still here"),
        }
    }
}

impl DocInfo {
    /// The document facts of `sentences` from their words' facts (`infos`, all tokens in
    /// order); equal to [`DocInfo::new`].
    pub(super) fn from_infos(sentences: &[Vec<&str>], infos: &[WordInfo]) -> Self {
        let mut lower_seen = HashSet64::default();
        let mut cap_mid = HashSet64::default();
        let mut headline = Vec::with_capacity(sentences.len());
        let mut numeric = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for s in sentences {
            let inf = infos.get(at..at + s.len()).unwrap_or(&[]);
            at += s.len();
            let head =
                !inf.iter().any(|w| w.has_lower) && inf.iter().filter(|w| w.alpha2).count() >= 2;
            headline.push(head);
            let digits = inf.iter().filter(|w| w.starts_digit).count();
            numeric.push(digits >= 2 && 3 * digits >= s.len());
            for (i, w) in inf.iter().enumerate() {
                if w.starts_lower {
                    lower_seen.insert(w.norm_h);
                } else if i > 0 && !head && w.cap && !inf[i - 1].cap {
                    cap_mid.insert(w.norm_h);
                }
            }
        }
        Self {
            lower_seen,
            cap_mid,
            headline,
            numeric,
            topic: sentences.first().and_then(|s| super::features::topic_of(s)),
        }
    }
}
