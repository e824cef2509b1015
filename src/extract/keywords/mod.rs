//! Keywords: the article's key phrases by YAKE (Campos et al., "YAKE! Keyword extraction from
//! single documents using multiple local features", Information Sciences 509, 2020), an
//! unsupervised scorer that needs nothing but the article's own word statistics.
//!
//! Written for newsfacts from the paper's definitions (no code of the `yake` package): every
//! word gets a score from five features — casing (acronyms, capitalized words inside a
//! sentence), position (median sentence of its occurrences), frequency (against the article's
//! mean and deviation), relatedness to context (how many different words stand next to it) and
//! spread over sentences — and every phrase of up to three words between punctuation, not
//! starting or ending with a stop word (`stopwords.txt`), combines its words' scores, divided by
//! its own frequency. Lower is more relevant. Near-duplicate phrases (normalized Levenshtein
//! similarity above 0.9) are dropped; the ten best are kept.
//!
//! Linear in the article: one pass over the tokens, hash maps for words, word pairs and phrases,
//! then one sort of the phrases.

mod edit;

use std::sync::LazyLock;

use crate::record::KeywordRec;
use crate::text::{Document, Words};

static STOPWORDS_TXT: &str = include_str!("stopwords.txt");

/// Longest phrase, in words.
const MAX_WORDS: usize = 3;
/// How many keywords an article gets.
pub const TOP: usize = 10;
/// Phrases more similar than this to a better one are dropped.
const DEDUP_LIMIT: f64 = 0.9;

type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The stop words, each packed into an integer ([`pack`]; none is longer than 15 bytes), as the
/// keys of a [`KeyTable`].
static STOPWORDS: LazyLock<KeyTable> = LazyLock::new(|| {
    let mut table = KeyTable::new(256);
    for w in STOPWORDS_TXT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .filter_map(|w| pack(w.as_bytes()))
    {
        table.entry(w, || 0);
    }
    table
});

/// Whether `word` (lower case) is a stop word.
pub fn is_stopword(word: &str) -> bool {
    is_stopword_bytes(word.as_bytes())
}

/// [`is_stopword`] of a word's bytes.
fn is_stopword_bytes(word: &[u8]) -> bool {
    pack(word).is_some_and(|w| STOPWORDS.get(w).is_some())
}

/// YAKE's word shape: digit, unusual (mixed or symbols), acronym, capitalized name, plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Digit,
    Unusual,
    Acronym,
    Name,
    Plain,
}

fn shape(word: &str, first_in_sentence: bool) -> Shape {
    if word.is_ascii() {
        shape_ascii(word.as_bytes(), first_in_sentence)
    } else {
        shape_chars(word, first_in_sentence)
    }
}

/// [`shape`] by Unicode character classes (any word).
fn shape_chars(word: &str, first_in_sentence: bool) -> Shape {
    // Digits, with thousands commas and at most one decimal point ("1,000", "3.5").
    let (mut n_digits, mut n_points, mut numeric) = (0, 0, true);
    for c in word.chars() {
        match c {
            '0'..='9' => n_digits += 1,
            ',' => {}
            '.' => n_points += 1,
            _ => {
                numeric = false;
                break;
            }
        }
    }
    if numeric && n_digits > 0 && n_points <= 1 {
        return Shape::Digit;
    }
    let (mut digit, mut alpha, mut other) = (0, 0, 0);
    for c in word.chars() {
        if c.is_numeric() {
            digit += 1;
        } else if c.is_alphabetic() {
            alpha += 1;
        } else {
            other += 1;
        }
    }
    if (digit > 0 && alpha > 0) || alpha == 0 || other > 1 {
        return Shape::Unusual;
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if upper == alpha {
        return Shape::Acronym;
    }
    if !first_in_sentence && word.chars().next().is_some_and(char::is_uppercase) && upper == 1 {
        return Shape::Name;
    }
    Shape::Plain
}

/// [`shape`] of an ASCII word in one pass over its bytes (the same answer: for ASCII,
/// `is_numeric`, `is_alphabetic` and `is_uppercase` are their `is_ascii_*` forms); a word of
/// lower-case letters is plain at once.
fn shape_ascii(word: &[u8], first_in_sentence: bool) -> Shape {
    // Most words are lower-case letters only: plain, without counting.
    if !word.is_empty() && word.iter().all(u8::is_ascii_lowercase) {
        return Shape::Plain;
    }
    let (mut n_digits, mut n_points, mut numeric) = (0, 0, true);
    let (mut alpha, mut upper, mut other) = (0, 0, 0);
    for &b in word {
        match b {
            b'0'..=b'9' => n_digits += 1,
            b'a'..=b'z' => alpha += 1,
            b'A'..=b'Z' => {
                alpha += 1;
                upper += 1;
            }
            _ => other += 1,
        }
        match b {
            b'0'..=b'9' | b',' => {}
            b'.' => n_points += 1,
            _ => numeric = false,
        }
    }
    if numeric && n_digits > 0 && n_points <= 1 {
        return Shape::Digit;
    }
    if (n_digits > 0 && alpha > 0) || alpha == 0 || other > 1 {
        return Shape::Unusual;
    }
    if upper == alpha {
        return Shape::Acronym;
    }
    if !first_in_sentence && word.first().is_some_and(u8::is_ascii_uppercase) && upper == 1 {
        return Shape::Name;
    }
    Shape::Plain
}

/// Whether a token has a letter or digit (ASCII checked byte by byte).
fn has_alphanumeric(raw: &str) -> bool {
    if raw.is_ascii() {
        raw.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        raw.chars().any(char::is_alphanumeric)
    }
}

/// Statistics of one word (lower case, a final "s" of a word over three letters dropped).
#[derive(Debug, Default)]
struct Term {
    tf: f64,
    tf_acronym: f64,
    tf_name: f64,
    stop: bool,
    /// The last sentence it occurs in, and the number of distinct sentences.
    last_sentence: usize,
    n_sentences: usize,
    /// Number of different words right after / before it, and their total count.
    right_distinct: f64,
    right_total: f64,
    left_distinct: f64,
    left_total: f64,
    /// The word's score (lower is more relevant).
    h: f64,
}

/// One candidate phrase.
#[derive(Debug)]
struct Candidate {
    /// Number of words.
    len: usize,
    /// Its words' term ids.
    terms: [u32; MAX_WORDS],
    /// Token indices of its words in its first occurrence.
    tokens: [u32; MAX_WORDS],
    tf: f64,
    h: f64,
}

/// What one distinct token text is to the scan.
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// No letter or digit: it ends the block of words.
    Punct,
    /// A possessive "'s": no word of its own.
    Possessive,
    /// A word: its lower-case word id and term id, its shape first in a sentence and elsewhere.
    Word {
        wid: u32,
        tid: u32,
        first: Shape,
        inner: Shape,
    },
}

/// Term ids by term text: a text of at most 15 bytes packed into one integer ([`pack`]), hashed
/// and compared in one step; longer ones (rare) by their text.
struct TermIds<'w> {
    short: KeyTable,
    long: Map<&'w str, u32>,
}

/// A text of at most 15 bytes as one integer: its bytes, then its length in the top byte.
fn pack(s: &[u8]) -> Option<u128> {
    if s.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..s.len()].copy_from_slice(s);
    buf[15] = s.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// A lower-case ASCII letter ([`BYTE_CLASS`]).
const LOWER: u8 = 1;
/// An upper-case ASCII letter or an ASCII digit.
const ALPHANUMERIC_OTHER: u8 = 2;
/// An ASCII letter or digit.
const ALPHANUMERIC: u8 = LOWER | ALPHANUMERIC_OTHER;
/// Another ASCII byte.
const OTHER_ASCII: u8 = 4;
/// A byte of a non-ASCII character.
const NON_ASCII: u8 = 8;

/// The class of each byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_alphanumeric() {
            ALPHANUMERIC_OTHER
        } else {
            OTHER_ASCII
        };
        b += 1;
    }
    t
};

/// What [`classify`] knows of a token text that spares [`term_id`] a pass over its folded form.
#[derive(Debug, Clone, Copy)]
struct Hint {
    /// The text is ASCII (so is its folded form, of the same length).
    ascii: bool,
    /// The text is ASCII letters and digits only (so is its folded form).
    alphanumeric: bool,
}

/// Classifies a token text seen for the first time, given its folded form: a word gets its
/// lower-case word id and its term id. A folded form is its term with or without a final "s"
/// ([`term_id`]), so the word id is twice the term id, plus one when the "s" was dropped: one
/// hash per new text, not one for the word and one for the term.
fn classify<'w>(
    raw: &str,
    lower: &'w str,
    term_of: &mut TermIds<'w>,
    terms: &mut Vec<Term>,
) -> Seen {
    // The classes of its bytes, in one pass.
    let mask = raw.bytes().fold(0u8, |m, b| m | BYTE_CLASS[usize::from(b)]);
    if mask & NON_ASCII == 0 {
        if mask & ALPHANUMERIC == 0 {
            return Seen::Punct;
        }
    } else if !has_alphanumeric(raw) {
        return Seen::Punct;
    }
    if raw.starts_with(['\'', '\u{2019}']) {
        return Seen::Possessive;
    }
    // An ASCII text folds to an ASCII word of its length, with as many letters and digits.
    let hint = Hint {
        ascii: mask & NON_ASCII == 0,
        alphanumeric: mask & !ALPHANUMERIC == 0,
    };
    let (tid, stripped) = term_id(lower, hint, term_of, terms);
    let wid = tid.saturating_mul(2).saturating_add(u32::from(stripped));
    // First in a sentence, a capitalized word is no name: the one difference between the two.
    let inner = if mask == LOWER {
        Shape::Plain
    } else {
        shape(raw, false)
    };
    let first = if inner == Shape::Name {
        Shape::Plain
    } else {
        inner
    };
    Seen::Word {
        wid,
        tid,
        first,
        inner,
    }
}

/// The article's keywords, best first (at most [`TOP`]).
pub fn keywords(doc: &Document) -> Vec<KeywordRec> {
    keywords_with(doc, &Words::new(doc))
}

/// [`keywords`] with the document's [`Words`] already built: each distinct token text is
/// classified once, from its folded form.
#[allow(clippy::too_many_lines, clippy::cast_precision_loss)]
pub fn keywords_with(doc: &Document, forms: &Words) -> Vec<KeywordRec> {
    // Sized once from the number of tokens: no rehashing while counting.
    let n = doc.tokens.len();
    let mut terms: Vec<Term> = Vec::with_capacity(n / 2);
    // (term, sentence) for each term's first occurrence in each sentence, in text order.
    let mut occurrences: Vec<(u32, u32)> = Vec::with_capacity(n);
    // Terms by text. Candidates are keyed by word ids (lower-case words, so "Oil prices" and
    // "oil prices" are one candidate).
    let mut term_of = TermIds {
        short: KeyTable::new(forms.len()),
        long: Map::default(),
    };
    // Word pairs (term ids, the first in the high half) → how often the second follows the
    // first.
    let mut edges = KeyTable::new(n / 2);
    // Token texts as written (forms) → what they are (most words recur with the same case).
    let mut seen_of: Vec<Option<Seen>> = vec![None; forms.len()];
    let mut cands: Vec<Candidate> = Vec::with_capacity(n);
    // Candidates of two or three words by their word ids ([`cand_key`]).
    let mut cand_of = KeyTable::new(n / 2);
    // One-word candidates by word id (a word id is below twice the number of forms).
    let mut single: Vec<u32> = vec![u32::MAX; 2 * forms.len()];
    // The current block's last words (since the last punctuation), as (token, term, lower id,
    // shape), oldest first: `block_len` of them, at the end of `block`.
    let mut block = [(0u32, 0u32, 0u32, Shape::Plain); MAX_WORDS];
    let mut block_len = 0usize;
    // How many of the block's last words are plain (no digit or unusual word): the candidates
    // ending at a word are the block's last 1..=MAX_WORDS words, all plain.
    let mut plain_tail = 0usize;
    let mut sentence = usize::MAX;
    let mut pos_in_sentence = 0usize;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.sentence != sentence {
            sentence = t.sentence;
            pos_in_sentence = 0;
            if i == 0 || !doc.wrapped(i - 1) {
                block_len = 0;
                plain_tail = 0;
            }
        }
        let pos = pos_in_sentence;
        pos_in_sentence += 1;
        // A one-byte token without a letter or digit (most punctuation) needs no lookup.
        if t.end == t.start + 1
            && doc
                .text
                .as_bytes()
                .get(t.start)
                .is_some_and(|b| !b.is_ascii_alphanumeric())
        {
            block_len = 0;
            plain_tail = 0;
            continue;
        }
        // Each distinct token text is classified once (letters, possessive, shapes, ids).
        let f = forms.form(i);
        let seen = *seen_of[f].get_or_insert_with(|| {
            classify(forms.text(f), forms.folded(f), &mut term_of, &mut terms)
        });
        let (wid, tid, shp) = match seen {
            Seen::Punct => {
                block_len = 0;
                plain_tail = 0;
                continue;
            }
            Seen::Possessive => continue, // a possessive "'s": no word of its own
            Seen::Word {
                wid,
                tid,
                first,
                inner,
            } => (wid, tid, if pos == 0 { first } else { inner }),
        };
        let term = &mut terms[tid as usize];
        term.tf += 1.0;
        match shp {
            Shape::Acronym => term.tf_acronym += 1.0,
            Shape::Name => term.tf_name += 1.0,
            _ => {}
        }
        if term.n_sentences == 0 || term.last_sentence != sentence {
            term.last_sentence = sentence;
            term.n_sentences += 1;
            occurrences.push((tid, u32::try_from(sentence).unwrap_or(u32::MAX)));
        }
        // Co-occurrence with the word before (window of one), digits and symbols aside.
        let plain = !matches!(shp, Shape::Digit | Shape::Unusual);
        if block_len > 0 {
            let (_, prev, _, pshape) = block[MAX_WORDS - 1];
            if plain && !matches!(pshape, Shape::Digit | Shape::Unusual) {
                let (e, new) = edges.entry(u128::from(pair(prev, tid)), || 0);
                *e += 1;
                let (p, c) = (prev as usize, tid as usize);
                terms[p].right_total += 1.0;
                terms[c].left_total += 1.0;
                if new {
                    terms[p].right_distinct += 1.0;
                    terms[c].left_distinct += 1.0;
                }
            }
        }
        block.copy_within(1.., 0);
        block[MAX_WORDS - 1] = (u32::try_from(i).unwrap_or(u32::MAX), tid, wid, shp);
        block_len = (block_len + 1).min(MAX_WORDS);
        plain_tail = if plain { plain_tail + 1 } else { 0 };
        // Candidates ending here: the last 1..=MAX_WORDS words of the block. Only those that
        // can win are counted: no stop word at either end, no digits or symbols (a word's
        // stop-word status and shape class do not change between its occurrences, so skipping
        // the others changes no score).
        if terms[tid as usize].stop || !plain {
            continue;
        }
        for len in 1..=MAX_WORDS.min(plain_tail) {
            let words = &block[MAX_WORDS - len..];
            if terms[words[0].1 as usize].stop {
                continue;
            }
            let mut key = [u32::MAX; MAX_WORDS];
            let mut term_ids = [0u32; MAX_WORDS];
            let mut tokens = [0u32; MAX_WORDS];
            for (k, w) in words.iter().enumerate() {
                (tokens[k], term_ids[k], key[k]) = (w.0, w.1, w.2);
            }
            let new = |cands: &mut Vec<Candidate>| {
                cands.push(Candidate {
                    len,
                    terms: term_ids,
                    tokens,
                    tf: 0.0,
                    h: 0.0,
                });
                u32::try_from(cands.len() - 1).unwrap_or(u32::MAX)
            };
            // One-word candidates are found by word id, without hashing.
            let idx = if len == 1 {
                let w = wid as usize;
                if single[w] == u32::MAX {
                    single[w] = new(&mut cands);
                }
                single[w]
            } else {
                *cand_of.entry(cand_key(key), || new(&mut cands)).0
            };
            cands[idx as usize].tf += 1.0;
        }
    }
    if terms.is_empty() {
        return Vec::new();
    }
    score_terms(&mut terms, &occurrences, doc.sentences.len().max(1));
    // Each valid candidate as one integer key ([`rank_key`]): sorted by score, then first
    // token, then candidate index, without looking the candidates up.
    let mut valid: Vec<u128> = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter_mut().enumerate() {
        let (a, b) = (c.terms[0], c.terms[c.len - 1]);
        if terms[a as usize].stop || terms[b as usize].stop {
            continue;
        }
        c.h = phrase_score(c, &terms, &edges);
        valid.push(rank_key(c.h, c.tokens[0], k));
    }
    // Only the best few need sorting; near-duplicates rarely use up more than 5 × TOP.
    let mut sorted = valid.len().min(5 * TOP);
    if valid.len() > sorted {
        valid.select_nth_unstable(sorted);
    }
    valid[..sorted].sort_unstable();
    let mut out: Vec<KeywordRec> = Vec::with_capacity(TOP);
    // The kept phrases in lower case, with their lengths in characters.
    let mut lowered: Vec<(String, usize)> = Vec::with_capacity(TOP);
    let mut next = 0;
    while out.len() < TOP && next < valid.len() {
        if next == sorted {
            // Rare: too many near-duplicates; sort the rest too.
            valid[sorted..].sort_unstable();
            sorted = valid.len();
        }
        #[allow(clippy::cast_possible_truncation)]
        let c = &cands[valid[next] as u32 as usize];
        next += 1;
        let mut lower = String::with_capacity(32);
        for (k, &t) in c.tokens[..c.len].iter().enumerate() {
            if k > 0 {
                lower.push(' ');
            }
            let word = doc.token_text(t as usize);
            if word.is_ascii() {
                // The same as `char::to_lowercase` for ASCII, a byte at a time.
                let from = lower.len();
                lower.push_str(word);
                lower[from..].make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
        }
        let n_chars = char_count(&lower);
        if lowered
            .iter()
            .any(|(l, n)| similar_counted((l, *n), (&lower, n_chars)))
        {
            continue;
        }
        let mut phrase = String::with_capacity(lower.len());
        for (k, &t) in c.tokens[..c.len].iter().enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(doc.token_text(t as usize));
        }
        lowered.push((lower, n_chars));
        out.push(KeywordRec { phrase, score: c.h });
    }
    out
}

/// A candidate's place in the ranking as one integer: its score (ordered as
/// [`f64::total_cmp`] orders it), then its first token, then its index `k` (so no two keys are
/// equal, and an unstable sort gives the order of a stable sort by score and first token).
fn rank_key(score: f64, first_token: u32, k: usize) -> u128 {
    // `total_cmp`'s own transformation, then the sign bit flipped: unsigned order.
    #[allow(clippy::cast_possible_wrap, clippy::cast_sign_loss)]
    let bits = {
        let mut b = score.to_bits() as i64;
        b ^= (((b >> 63) as u64) >> 1) as i64;
        (b as u64) ^ (1 << 63)
    };
    (u128::from(bits) << 64)
        | (u128::from(first_token) << 32)
        | u128::from(u32::try_from(k).unwrap_or(u32::MAX))
}

/// [`similar_counted`] of two phrases, counting their characters (for tests).
#[cfg(test)]
fn similar(a: &str, b: &str) -> bool {
    similar_counted((a, char_count(a)), (b, char_count(b)))
}

/// The number of characters of `s` (its length when ASCII).
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Whether two phrases, given with their lengths in characters, are near-duplicates:
/// normalized Levenshtein similarity above [`DEDUP_LIMIT`]. The length difference bounds the
/// distance from below, which settles most pairs without computing it; the others need only a
/// band of the table ([`edit::within`]).
#[allow(clippy::cast_precision_loss)]
fn similar_counted((a, la): (&str, usize), (b, lb): (&str, usize)) -> bool {
    let longest = la.max(lb) as f64;
    if longest == 0.0 || 1.0 - la.abs_diff(lb) as f64 / longest <= DEDUP_LIMIT {
        return a == b;
    }
    // The largest distance whose similarity `1 - d / longest` is still above the limit (the
    // same float test as `strsim::normalized_levenshtein(a, b) > DEDUP_LIMIT`), then a banded
    // test for it instead of the whole table.
    let mut k = la.abs_diff(lb);
    while 1.0 - (k + 1) as f64 / longest > DEDUP_LIMIT {
        k += 1;
    }
    edit::within(a, b, k)
}

/// The term id of a lower-case word: the word without a final "s" (over three letters), made
/// a new term when first seen; and whether the "s" was dropped.
fn term_id<'w>(
    lower: &'w str,
    hint: Hint,
    term_of: &mut TermIds<'w>,
    terms: &mut Vec<Term>,
) -> (u32, bool) {
    // More than three characters: more than three bytes, and ASCII or counted.
    let long = lower.len() > 3 && (hint.ascii || lower.is_ascii() || lower.chars().count() > 3);
    let stripped = lower.strip_suffix('s').filter(|_| long);
    let key: &'w str = stripped.unwrap_or(lower);
    let next = u32::try_from(terms.len()).unwrap_or(u32::MAX);
    // One hash for a known term or a new one.
    let (id, new) = match pack(key.as_bytes()) {
        Some(k) => {
            let (id, new) = term_of.short.entry(k, || next);
            (*id, new)
        }
        None => {
            let id = *term_of.long.entry(key).or_insert(next);
            (id, id == next)
        }
    };
    if new {
        // Fewer than three letters or digits (counted up to three).
        let letters = if hint.alphanumeric {
            key.len().min(3)
        } else if key.is_ascii() {
            key.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .take(3)
                .count()
        } else {
            key.chars().filter(|c| c.is_alphanumeric()).take(3).count()
        };
        // The word and its stem (the same word when nothing was stripped).
        let stop = letters < 3
            || is_stopword_bytes(lower.as_bytes())
            || (stripped.is_some() && is_stopword_bytes(key.as_bytes()));
        terms.push(Term {
            stop,
            ..Term::default()
        });
    }
    (id, stripped.is_some())
}

/// Integer keys ([`pair`], [`cand_key`]) to `u32` values, by open addressing with linear
/// probing over slots that hold an entry's index plus one (0: empty, so a new table is a small
/// zeroed block), at most half full (the slots double when they would be more). A key is hashed
/// with two multiplications, where a general hash map hashes and probes it in several times the
/// instructions. Only looked up, never iterated.
struct KeyTable {
    slots: Vec<u32>,
    keys: Vec<u128>,
    values: Vec<u32>,
    /// 64 minus the log2 of the number of slots: a hash shifted right by it is a slot.
    shift: u32,
}

impl KeyTable {
    /// A table for about `expected` keys (it grows past them).
    fn new(expected: usize) -> Self {
        let slots = (2 * expected).next_power_of_two().max(16);
        Self {
            slots: vec![0; slots],
            keys: Vec::with_capacity(expected),
            values: Vec::with_capacity(expected),
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The first slot of `key`.
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn slot(&self, key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> self.shift) as usize
    }

    /// The slot of `key`, or the empty slot where it would go.
    #[inline]
    fn find(&self, key: u128) -> usize {
        let mask = self.slots.len() - 1;
        let mut k = self.slot(key);
        loop {
            match self.slots[k] {
                0 => return k,
                e if self.keys[e as usize - 1] == key => return k,
                _ => k = (k + 1) & mask,
            }
        }
    }

    /// The value of `key`, made by `make` when the key is new; and whether it was.
    #[inline]
    fn entry(&mut self, key: u128, make: impl FnOnce() -> u32) -> (&mut u32, bool) {
        let mut k = self.find(key);
        if let Some(e) = self.slots[k].checked_sub(1) {
            return (&mut self.values[e as usize], false);
        }
        if 2 * (self.keys.len() + 1) > self.slots.len() {
            self.grow();
            k = self.find(key);
        }
        self.keys.push(key);
        self.values.push(make());
        self.slots[k] = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let last = self.values.len() - 1;
        (&mut self.values[last], true)
    }

    /// Doubles the slots, keeping every entry.
    #[cold]
    fn grow(&mut self) {
        let n = 2 * self.slots.len();
        self.slots = vec![0; n];
        self.shift = 64 - n.trailing_zeros();
        let mask = n - 1;
        for (e, &key) in self.keys.iter().enumerate() {
            let mut k = self.slot(key);
            while self.slots[k] != 0 {
                k = (k + 1) & mask;
            }
            self.slots[k] = u32::try_from(e + 1).unwrap_or(u32::MAX);
        }
    }

    /// The value of `key`, if any.
    #[inline]
    fn get(&self, key: u128) -> Option<u32> {
        let e = self.slots[self.find(key)].checked_sub(1)?;
        Some(self.values[e as usize])
    }
}

/// The key of a word pair: the first term id in the high half.
fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The key of a candidate's word ids (unused places `u32::MAX`): one integer, hashed in one step.
fn cand_key(ids: [u32; MAX_WORDS]) -> u128 {
    ids.iter()
        .fold(0u128, |acc, &id| (acc << 32) | u128::from(id))
}

/// Natural logarithms of the small counts and positions [`score_terms`] takes them of, computed
/// once by the same `f64::ln` (so equal bit for bit).
struct Logs {
    /// `ln(n)` for n < [`LOG_TABLE`].
    ln: Vec<f64>,
    /// `ln(ln(3 + m / 2))` for m < [`LOG_TABLE`] (a median sentence is a whole or half number).
    position: Vec<f64>,
}

/// Size of the [`Logs`] tables.
const LOG_TABLE: usize = 512;

#[allow(clippy::cast_precision_loss)]
static LOGS: LazyLock<Logs> = LazyLock::new(|| Logs {
    ln: (0..LOG_TABLE).map(|n| (n as f64).ln()).collect(),
    position: (0..LOG_TABLE)
        .map(|m| (3.0 + m as f64 / 2.0).ln().ln())
        .collect(),
});

/// `x.ln()` for a count `x` (a whole number), from the table when small.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn ln_count(logs: &Logs, x: f64) -> f64 {
    match logs.ln.get(x as usize) {
        Some(&l) if x == (x as usize) as f64 => l,
        _ => x.ln(),
    }
}

/// `(3 + median).ln().ln()` for a median sentence (a whole or half number), from the table
/// when small.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn position_log(logs: &Logs, median: f64) -> f64 {
    let m2 = median * 2.0;
    match logs.position.get(m2 as usize) {
        Some(&l) if m2 == (m2 as usize) as f64 => l,
        _ => (3.0 + median).ln().ln(),
    }
}

/// Each word's score from its casing, position, frequency, relatedness and spread.
#[allow(clippy::cast_precision_loss)]
fn score_terms(terms: &mut [Term], occurrences: &[(u32, u32)], n_sentences: usize) {
    // Each term's sentences, grouped by term (counting sort), still in text order.
    let mut offset = vec![0usize; terms.len() + 1];
    for &(t, _) in occurrences {
        offset[t as usize + 1] += 1;
    }
    for k in 1..offset.len() {
        offset[k] += offset[k - 1];
    }
    let mut fill = offset.clone();
    let mut by_term = vec![0u32; occurrences.len()];
    for &(t, s) in occurrences {
        by_term[fill[t as usize]] = s;
        fill[t as usize] += 1;
    }
    let tfs: Vec<f64> = terms.iter().filter(|t| !t.stop).map(|t| t.tf).collect();
    let (mean, std) = if tfs.is_empty() {
        (0.0, 0.0)
    } else {
        let n = tfs.len() as f64;
        let mean = tfs.iter().sum::<f64>() / n;
        let var = tfs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        (mean, var.sqrt())
    };
    let max_tf = terms.iter().map(|t| t.tf).fold(0.0, f64::max);
    let logs = &*LOGS;
    for (k, t) in terms.iter_mut().enumerate() {
        // A stop word's score is never read (phrases weigh stop words by their neighbours).
        if t.stop {
            continue;
        }
        let sentences = &by_term[offset[k]..offset[k + 1]];
        let ratio = |distinct: f64, total: f64| if total == 0.0 { 0.0 } else { distinct / total };
        let rel = (0.5 + ratio(t.left_distinct, t.left_total) * t.tf / max_tf)
            + (0.5 + ratio(t.right_distinct, t.right_total) * t.tf / max_tf);
        let freq = if mean + std > 0.0 {
            t.tf / (mean + std)
        } else {
            0.0
        };
        let spread = t.n_sentences as f64 / n_sentences as f64;
        let case = t.tf_acronym.max(t.tf_name) / (1.0 + ln_count(logs, t.tf));
        let n = sentences.len();
        let median = if n % 2 == 1 {
            f64::from(sentences[n / 2])
        } else {
            (f64::from(sentences[n / 2 - 1]) + f64::from(sentences[n / 2])) / 2.0
        };
        let position = position_log(logs, median);
        t.h = position * rel / (case + freq / rel + spread / rel);
    }
}

/// A phrase's score: the product of its words' scores over their sum, divided by the phrase's
/// frequency; a stop word inside weighs by how often its neighbours occur next to it.
fn phrase_score(c: &Candidate, terms: &[Term], edges: &KeyTable) -> f64 {
    let mut sum = 0.0;
    let mut prod = 1.0;
    for (k, &id) in c.terms[..c.len].iter().enumerate() {
        let t = &terms[id as usize];
        if t.stop {
            let prob = |a: u32, b: u32, base: u32| {
                f64::from(edges.get(u128::from(pair(a, b))).unwrap_or(0)) / terms[base as usize].tf
            };
            // Inner words only (the ends are never stop words), so both neighbours exist.
            let before = c.terms[k - 1];
            let after = c.terms[k + 1];
            let p = prob(before, id, before) * prob(id, after, after);
            prod *= 2.0 - p;
            sum -= 1.0 - p;
        } else {
            sum += t.h;
            prod *= t.h;
        }
    }
    prod / ((sum + 1.0) * c.tf)
}

#[cfg(test)]
mod tests;
