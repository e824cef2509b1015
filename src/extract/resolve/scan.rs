//! Finding mentions no stage proposed ([`Source::Alias`]): later (or earlier) bare mentions of
//! a known person's full name or surname ("Haftar met ..."), repeats of a known organization's
//! or place's name, acronyms of a known organization ("LNA" for a model's "Libyan National
//! Army"), and spelling variants of a known surname ("Hiftar") among the capitalized words
//! that no stage claimed.

use super::{HashMap, HashSet};
use std::cell::{Cell, OnceCell};

use super::group::{nearest, Cluster, Item};
use super::names::{for_each_key_part, key_words, strip_possessive, VariantIndex, VARIANT_MIN_LEN};
use super::{Mention, Source};
use crate::extract::acronyms::{abbreviates, acronym_prefix, is_acronym, is_capitalized_word};
use crate::lexicon::{countries, titles};
use crate::record::EntityType;
use crate::text::Document;

/// Longest full name looked for, in tokens.
const MAX_NAME_TOKENS: usize = 4;

/// Organizations of one initial that an acronym is compared with (the first named).
const MAX_ORGS_PER_INITIAL: usize = 64;

/// The names the scan looks for, built once from the clusters.
struct Index<'a> {
    /// Person full-name key → clusters.
    full: HashMap<String, Vec<usize>>,
    /// The last words of the keys of [`Index::full`].
    full_last: HashSet<String>,
    /// Surname key of a person with a full name, or key of a one-word person → clusters.
    surname: HashMap<String, Vec<usize>>,
    /// A non-person name the rules or the model proposed, as its tokens joined by single
    /// spaces (tokens hold no white space: one key per token sequence) → its cluster.
    forms: HashMap<String, usize>,
    /// The first token of every form (a window starting otherwise is no form).
    form_starts: HashSet<String>,
    /// Acronym in the text → organizations (names of two words or more) it abbreviates.
    acronyms: HashMap<String, Vec<usize>>,
    /// Lower-case words of the text, to tell common words from surnames (built once
    /// [`LINEAR_LOOKUPS`] lookups have scanned the tokens: most texts have fewer candidates).
    lower: OnceCell<HashSet<&'a str>>,
    /// Lookups made so far.
    lookups: Cell<usize>,
}

/// Lookups of [`Index::is_lower_word`] answered by scanning the tokens before a set is built.
const LINEAR_LOOKUPS: usize = 8;

impl<'a> Index<'a> {
    fn new(doc: &Document<'a>, clusters: &[Cluster]) -> Self {
        // Organizations of two words or more by their initial (an expansion starts with the
        // acronym's first letter), each name once per cluster: the acronyms' look-ups stay
        // linear in a long text.
        let mut orgs: HashMap<Option<char>, Vec<(usize, Vec<&str>)>> = HashMap::default();
        let mut seen_orgs: HashSet<(usize, Vec<&str>)> = HashSet::default();
        let mut seen_texts: HashSet<(usize, &str)> = HashSet::default();
        let mut ix = Index {
            full: HashMap::default(),
            full_last: HashSet::default(),
            surname: HashMap::default(),
            forms: HashMap::default(),
            form_starts: HashSet::default(),
            acronyms: HashMap::default(),
            lower: OnceCell::new(),
            lookups: Cell::new(0),
        };
        for (c, cl) in clusters.iter().enumerate() {
            if cl.etype == EntityType::Person {
                for k in cl.full_keys() {
                    if let Some(last) = k.rsplit(' ').next() {
                        if !ix.full_last.contains(last) {
                            ix.full_last.insert(last.to_string());
                        }
                    }
                    ix.full.entry(k).or_default().push(c);
                }
                let keys: Vec<String> = if cl.has_full_name() {
                    cl.surname().into_iter().collect()
                } else {
                    cl.items.iter().map(|i| i.key.clone()).collect()
                };
                for k in keys {
                    let v = ix.surname.entry(k).or_default();
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
                continue;
            }
            // Names the rules or the model proposed (the gazetteer already chose its matches).
            for it in cl
                .items
                .iter()
                .filter(|it| matches!(it.m.source, Source::Rule | Source::Model))
            {
                // Each text once per cluster: a repeat adds no form, start or organization name.
                if !seen_texts.insert((c, it.text.as_str())) {
                    continue;
                }
                // The tokens borrow the item's text (copied only into the index's keys); a word
                // of ASCII letters and digits is one token (not tokenized).
                let toks: Vec<&str> = if plain_word(&it.text) {
                    vec![it.text.as_str()]
                } else {
                    crate::text::tokenize(&it.text)
                        .iter()
                        .filter_map(|t| it.text.get(t.start..t.end))
                        .collect()
                };
                if cl.etype == EntityType::Org && toks.len() >= 2 {
                    let initial = toks[0].chars().next().map(|c| c.to_ascii_lowercase());
                    if seen_orgs.insert((c, toks.clone())) {
                        orgs.entry(initial).or_default().push((c, toks.clone()));
                    }
                }
                if let Some(&first) = toks.first() {
                    if !ix.form_starts.contains(first) {
                        ix.form_starts.insert(first.to_string());
                    }
                }
                ix.forms.entry(toks.join(" ")).or_insert(c);
            }
        }
        // Without organizations of two words or more no acronym has an expansion.
        let tokens = if orgs.is_empty() { 0 } else { doc.tokens.len() };
        let bytes = doc.text.as_bytes();
        for (i, t) in doc.tokens.iter().enumerate().take(tokens) {
            // Every acronym starts with an ASCII capital (the first test, inline, on the text's
            // byte: the token is sliced only then).
            if t.start >= t.end || !bytes.get(t.start).is_some_and(u8::is_ascii_uppercase) {
                continue;
            }
            let token = doc.token_text(i);
            let Some(acr) = acronym_prefix(token) else {
                continue;
            };
            if ix.acronyms.contains_key(acr) {
                continue;
            }
            let initial = acr.chars().next().map(|c| c.to_ascii_lowercase());
            let found: Vec<usize> = orgs
                .get(&initial)
                .into_iter()
                .flatten()
                // A bound for book-length texts (a news article has far fewer organizations
                // of one initial): the acronyms' look-ups stay linear in the text.
                .take(MAX_ORGS_PER_INITIAL)
                .filter(|(_, w)| abbreviates(acr, w))
                .map(|(c, _)| *c)
                .collect();
            ix.acronyms.insert(acr.to_string(), found);
        }
        ix
    }

    /// Whether `word` occurs in the text (as a token starting with a lower-case letter).
    fn is_lower_word(&self, doc: &Document<'a>, word: &str) -> bool {
        let lower_start = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
        if self.lower.get().is_none() && self.lookups.get() < LINEAR_LOOKUPS {
            self.lookups.set(self.lookups.get() + 1);
            // Bytes compared only for tokens of the same length (no slicing of the others).
            let (text, word_bytes) = (doc.text.as_bytes(), word.as_bytes());
            return doc.tokens.iter().any(|t| {
                t.end - t.start == word_bytes.len()
                    && text.get(t.start..t.end) == Some(word_bytes)
                    && lower_start(&doc.span(t.start, t.end))
            });
        }
        self.lower
            .get_or_init(|| {
                (0..doc.tokens.len())
                    .map(|i| doc.token_text(i))
                    .filter(lower_start)
                    .collect()
            })
            .contains(word)
    }
}

/// The name keys of token windows, from each token's [`key_parts`] computed once: the scan
/// tries up to [`MAX_NAME_TOKENS`] windows at every capitalized token. The parts of all tokens
/// share one text (no string, no vector per token).
///
/// [`key_parts`]: super::names::key_parts
struct TokenKeys<'w> {
    /// Per token: the range of its parts in `parts`, once computed.
    ranges: Vec<Option<(u32, u32)>>,
    /// The range of each word's parts, once computed (a word repeated shares its parts).
    by_word: HashMap<&'w str, (u32, u32)>,
    /// Key parts of the tokens computed so far: byte range in `text`, whether a particle.
    parts: Vec<(u32, u32, bool)>,
    /// The parts' words, one after another.
    text: String,
    /// A buffer for one part.
    word: String,
    /// The last key built.
    buf: String,
    /// The last window's tokens joined by spaces (a [`Index::forms`] key).
    joined: String,
}

impl<'w> TokenKeys<'w> {
    fn new(n: usize) -> Self {
        Self {
            ranges: vec![None; n],
            by_word: HashMap::default(),
            parts: Vec::new(),
            text: String::new(),
            word: String::new(),
            buf: String::new(),
            joined: String::new(),
        }
    }

    /// Whether a window of tokens ending with token `j` may have a key of [`Index::full`],
    /// whose last words are `lasts`: `false` when the last name word of token `j` ends no full
    /// name (the window's key is then not built).
    fn may_be_full(&mut self, words: &[&'w str], j: usize, lasts: &HashSet<String>) -> bool {
        let Some(&w) = words.get(j) else {
            return true;
        };
        if j >= self.ranges.len() || strip_possessive(w) != w {
            return true; // the general form of `key`
        }
        if plain_word(w) {
            // One part, the word in lower case: a particle is no name word.
            if titles::is_particle(w) {
                return true;
            }
            self.word.clear();
            self.word.push_str(w);
            self.word.make_ascii_lowercase();
            return lasts.contains(self.word.as_str());
        }
        self.key(words, j, 1, w);
        let Some(Some((a, b))) = self.ranges.get(j).copied() else {
            return true;
        };
        // A window's key ends with the last name word of its last token, when that has one.
        match self.parts[a as usize..b as usize]
            .iter()
            .rev()
            .find(|p| !p.2)
        {
            Some(&(s, e, _)) => lasts.contains(&self.text[s as usize..e as usize]),
            None => true,
        }
    }

    /// Puts the name key of tokens `i..i + k` (whose text is `span`, the tokens separated by
    /// spaces as [`Document::joined`] requires) in `buf`, as `key_words(span).join(" ")`, and
    /// returns its number of words.
    fn key(&mut self, words: &[&'w str], i: usize, k: usize, span: &str) -> usize {
        self.buf.clear();
        if k == 1 && i < self.ranges.len() {
            if let Some(&w) = words.get(i).filter(|w| plain_word(w)) {
                // The one part of an ASCII word of letters and digits: the word in lower case
                // (kept even when a particle: nothing else is left).
                self.buf.push_str(w);
                self.buf.make_ascii_lowercase();
                return 1;
            }
        }
        let last = (k > 0)
            .then(|| words.get(i + k - 1).copied())
            .flatten()
            .unwrap_or("");
        if k == 0 || i + k > self.ranges.len().min(words.len()) || strip_possessive(last) != last {
            // A possessive is cut from the end of the whole span: the general form.
            let key = key_words(span);
            self.buf.push_str(&key.join(" "));
            return key.len();
        }
        let Self {
            ranges,
            by_word,
            parts,
            text,
            word,
            buf,
            ..
        } = self;
        for (slot, &w) in ranges[i..i + k].iter_mut().zip(&words[i..i + k]) {
            if slot.is_none() {
                let range = *by_word.entry(w).or_insert_with(|| {
                    let from = parts.len() as u32;
                    for_each_key_part(w, word, |part, particle| {
                        let start = text.len() as u32;
                        text.push_str(part.as_str());
                        parts.push((start, text.len() as u32, particle));
                    });
                    (from, parts.len() as u32)
                });
                *slot = Some(range);
            }
        }
        let (parts, text) = (&*parts, &*text);
        let all = || {
            ranges[i..i + k]
                .iter()
                .flatten()
                .flat_map(|&(a, b)| &parts[a as usize..b as usize])
        };
        // Particle words are left out unless nothing else is left (as `keep_names`).
        let names_only = all().any(|&(_, _, particle)| !particle);
        let mut n = 0;
        for &(a, b, particle) in all() {
            if names_only && particle {
                continue;
            }
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(&text[a as usize..b as usize]);
            n += 1;
        }
        n
    }
}

/// Whether `w` is a non-empty ASCII word of letters and digits only: its key parts are the
/// word in lower case (no transliteration, hyphen, possessive or other character to drop).
fn plain_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Adds alias and variant mentions to `clusters`.
pub fn scan(doc: &Document, clusters: &mut [Cluster]) {
    let words: Vec<&str> = doc
        .tokens
        .iter()
        .map(|t| &doc.text[t.start..t.end])
        .collect();
    let ix = Index::new(doc, clusters);
    // Tokens already inside a mention.
    let mut covered = vec![false; words.len()];
    for it in clusters.iter().flat_map(|c| c.items.iter()) {
        cover(doc, &mut covered, it.m.start, it.m.end);
    }
    let mut keys = TokenKeys::new(words.len());
    // The first byte of each token (0 for an empty one): a token that opens with an ASCII byte
    // other than a capital is no name, unless a particle and a hyphen open it ("al-Sarraj"):
    // both passes skip most tokens on this test, inline.
    let bytes = doc.text.as_bytes();
    let opens_lower = |i: usize| {
        doc.tokens.get(i).is_some_and(|t| {
            bytes
                .get(t.start)
                .is_some_and(|&b| t.start < t.end && b.is_ascii() && !b.is_ascii_uppercase())
        })
    };
    let mut i = 0;
    while i < words.len() {
        // A byte loop, not `contains` (a `memchr` call per token): most words are short.
        let plain = opens_lower(i) && !words[i].bytes().any(|b| b == b'-');
        if plain || covered[i] {
            i += 1;
            continue;
        }
        let step = alias_at(doc, &words, i, &ix, clusters, &mut covered, &mut keys);
        i += step.max(1);
    }
    // Surnames by first letter and length: each candidate is compared with the few surnames
    // that could be its variant, not with every person of a long text.
    let variants = VariantIndex::new(ix.surname.keys().map(String::as_str));
    for i in 0..words.len() {
        if covered[i] || opens_lower(i) {
            continue;
        }
        variant_at(
            doc,
            &words,
            i,
            (&ix, &variants),
            clusters,
            &mut covered,
            &mut keys,
        );
    }
}

/// Marks the tokens overlapping `start..end` as covered.
fn cover(doc: &Document, covered: &mut [bool], start: usize, end: usize) {
    let first = doc.tokens.partition_point(|t| t.end <= start);
    for (k, t) in doc.tokens.iter().enumerate().skip(first) {
        if t.start >= end {
            break;
        }
        if let Some(c) = covered.get_mut(k) {
            *c = true;
        }
    }
}

/// Whether token `i` sits inside a URL, handle, hashtag or email.
fn in_link(doc: &Document, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return true;
    };
    let text = doc.text;
    let before = text.get(..t.start).unwrap_or("");
    let after = text.get(t.end..).unwrap_or("");
    let a = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let b = after
        .find(char::is_whitespace)
        .map_or(text.len(), |p| t.end + p);
    let chunk = text.get(a..b).unwrap_or("");
    chunk.contains('/') || chunk.contains('@') || chunk.contains("www.") || chunk.starts_with('#')
}

/// Adds an alias mention `start..end` to cluster `c`.
fn push(clusters: &mut [Cluster], c: usize, doc: &Document, start: usize, end: usize) {
    let Some(cl) = clusters.get_mut(c) else {
        return;
    };
    let m = Mention::new(start, end, cl.etype, Source::Alias);
    cl.items.push(Item::new(doc, m));
}

/// Looks for a known name at token `i`; returns the number of tokens taken.
fn alias_at<'a>(
    doc: &Document<'a>,
    words: &[&'a str],
    i: usize,
    ix: &Index<'a>,
    clusters: &mut [Cluster],
    covered: &mut [bool],
    keys: &mut TokenKeys<'a>,
) -> usize {
    let (Some(first), Some(&word)) = (doc.tokens.get(i), words.get(i)) else {
        return 1;
    };
    // Every name below starts with a capital or a particle ("al-Sarraj"); the cheap tests first.
    let upper_start = word.starts_with(char::is_uppercase);
    let particle_prefixed = || {
        // `split_once('-')` by a plain loop: most words are short and have no hyphen.
        word.bytes().position(|b| b == b'-').is_some_and(|h| {
            titles::is_particle(&word[..h]) && word[h + 1..].starts_with(char::is_uppercase)
        })
    };
    if covered.get(i).copied().unwrap_or(true) || !(upper_start || particle_prefixed()) {
        return 1;
    }
    // A token inside a URL, handle, hashtag or email is no name: asked only once a name is
    // found (most tokens match none).
    let mut link: Option<bool> = None;
    let mut linked = || *link.get_or_insert_with(|| in_link(doc, i));
    // A known name, longest first: person full names by key, other names as written. Names
    // start with a capital.
    let windows = if upper_start { MAX_NAME_TOKENS } else { 0 };
    // Names are uncovered words in one sentence: the longest such window at `i`, found in one
    // pass (every shorter window at `i` is one too, every longer one is not).
    let mut longest = 0;
    while longest < windows {
        let j = i + longest;
        let fits = words
            .get(j)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic))
            && !covered.get(j).copied().unwrap_or(true)
            && (longest == 0 || doc.joined(j - 1));
        if !fits {
            break;
        }
        longest += 1;
    }
    for k in (1..=longest).rev() {
        let (Some(window), Some(last)) = (words.get(i..i + k), doc.tokens.get(i + k - 1)) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        let span = doc.span(start, end);
        let target =
            if k >= 2 && !ix.full.is_empty() && keys.may_be_full(words, i + k - 1, &ix.full_last) {
                let n = keys.key(words, i, k, span);
                ix.full
                    .get(keys.buf.as_str())
                    .filter(|_| n >= 2)
                    .and_then(|cs| nearest(clusters, cs, start))
            } else {
                None
            };
        let target = target.or_else(|| {
            if !ix.form_starts.contains(word) || (k == 1 && titles::is_name_stop(word)) {
                return None;
            }
            let joined = &mut keys.joined;
            joined.clear();
            for (k, w) in window.iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(w);
            }
            ix.forms.get(joined.as_str()).copied()
        });
        if let Some(c) = target {
            if linked() {
                return 1;
            }
            push(clusters, c, doc, start, end);
            cover(doc, covered, start, end);
            return k;
        }
    }
    // A person's surname, or a one-word person's name (the lists asked once the key is known).
    if !ix.surname.is_empty() {
        keys.key(words, i, 1, word);
        if let Some(c) = ix
            .surname
            .get(keys.buf.as_str())
            .filter(|_| !titles::is_name_stop(word) && !titles::is_title_word(word))
            .and_then(|cs| nearest(clusters, cs, first.start))
        {
            if linked() {
                return 1;
            }
            push(clusters, c, doc, first.start, first.end);
            cover(doc, covered, first.start, first.end);
            return 1;
        }
    }
    // An acronym of a known organization.
    if let Some(acr) = acronym_prefix(word) {
        let orgs = ix.acronyms.get(acr).map_or(&[][..], Vec::as_slice);
        if let Some(c) = nearest(clusters, orgs, first.start).filter(|_| !linked()) {
            let end = first.start + acr.len();
            push(clusters, c, doc, first.start, end);
            if let Some(it) = clusters.get_mut(c).and_then(|cl| cl.items.last_mut()) {
                it.m.aliases.push(acr.to_string());
            }
            cover(doc, covered, first.start, end);
        }
    }
    1
}

/// Attaches token `i` to a person whose surname it is a spelling variant of ("Hiftar").
fn variant_at<'a>(
    doc: &Document<'a>,
    words: &[&'a str],
    i: usize,
    (ix, variants): (&Index<'a>, &VariantIndex),
    clusters: &mut [Cluster],
    covered: &mut [bool],
    keys: &mut TokenKeys<'a>,
) {
    let (Some(tok), Some(&word)) = (doc.tokens.get(i), words.get(i)) else {
        return;
    };
    // A surname starts with a capital (the first test of `could_be_surname`, inline); the key
    // of an ASCII word has at most its bytes, so a short one has no variants (the cheap tests
    // first; the lists and the text asked only about a word with a known surname as variant).
    if covered.get(i).copied().unwrap_or(true)
        || (word.len() < VARIANT_MIN_LEN && word.is_ascii())
        || !word.starts_with(char::is_uppercase)
    {
        return;
    }
    keys.key(words, i, 1, word);
    let key = keys.buf.as_str();
    if key.chars().count() < VARIANT_MIN_LEN {
        return;
    }
    let people: Vec<usize> = variants
        .variants(key)
        .filter(|s| *s != key)
        .filter_map(|s| ix.surname.get(s))
        .flat_map(|cs| cs.iter().copied())
        .collect();
    if people.is_empty()
        || !could_be_surname(word)
        || in_link(doc, i)
        || ix.is_lower_word(doc, &word.to_lowercase())
    {
        return;
    }
    if let Some(c) = nearest(clusters, &people, tok.start) {
        push(clusters, c, doc, tok.start, tok.end);
        cover(doc, covered, tok.start, tok.end);
    }
}

/// Whether a word no list claims may be a surname: capitalized, letters only, not a function
/// word, title, organization head, country, demonym or acronym.
fn could_be_surname(word: &str) -> bool {
    is_capitalized_word(word)
        && !word.ends_with('.')
        && !titles::is_name_stop(word)
        && !titles::is_title_word(word)
        && !titles::is_org_head(word)
        && !titles::is_particle(word)
        && !is_acronym(word)
        && word.chars().filter(|c| c.is_uppercase()).count() < word.chars().count()
        && countries::by_name(word).is_none()
        && countries::by_demonym(word).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keys_equal_the_keys_of_the_spans() {
        let text = "Fayez Al-Sarraj met Fayez al Sarraj’s aides, Ghassam Salamé, Van Der Berg, \
                    Al Bin and O’Brien’s Kilroy-Silk with 北京 Li and al- Haftar's son.";
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        let mut keys = TokenKeys::new(words.len());
        let mut n = 0;
        for i in 0..words.len() {
            for k in 1..=MAX_NAME_TOKENS.min(words.len() - i) {
                // The scan's windows: tokens separated by spaces.
                if (i..i + k - 1).any(|j| !doc.joined(j)) {
                    continue;
                }
                let span = doc.span(doc.tokens[i].start, doc.tokens[i + k - 1].end);
                let want = key_words(span);
                assert_eq!(keys.key(&words, i, k, span), want.len(), "{span}");
                assert_eq!(keys.buf, want.join(" "), "{span}");
                n += 1;
            }
        }
        assert!(n > 60, "{n} windows");
    }

    #[test]
    fn a_plain_word_is_one_token() {
        for w in ["Reuters", "A320", "G7", "x", "NATO", "Haftar", "2019"] {
            assert!(plain_word(w), "{w}");
            let toks = crate::text::tokenize(w);
            assert_eq!(toks.len(), 1, "{w}");
            assert_eq!((toks[0].start, toks[0].end), (0, w.len()), "{w}");
        }
        for w in [
            "",
            "Al-Sarraj",
            "O'Brien",
            "Salamé",
            "U.S.",
            "Haftar’s",
            "a b",
        ] {
            assert!(!plain_word(w), "{w}");
        }
    }

    #[test]
    fn lower_words_same_before_and_after_the_set_is_built() {
        let text =
            "The envoy said the talks in Tripoli were hard. Hard Talks, said Salamé’s aide: \
                    the envoy stays.";
        let doc = Document::new(text);
        let ix = Index::new(&doc, &[]);
        let probe = [
            "the",
            "envoy",
            "hard",
            "talks",
            "tripoli",
            "salamé’s",
            "aide",
            "said",
        ];
        let expected = [true, true, true, true, false, false, true, true];
        // Twice over: the first lookups scan the tokens, the later ones use the set.
        for _ in 0..2 {
            for (w, e) in probe.iter().zip(expected) {
                assert_eq!(ix.is_lower_word(&doc, w), e, "{w}");
            }
        }
        assert!(ix.lower.get().is_some());
    }
}
