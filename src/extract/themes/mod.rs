//! Themes: what an article is about (TERRORISM, MIGRATION, ENERGY, ...), GDELT-style, from a
//! phrase lexicon.
//!
//! The lexicon (`themes.tsv`, built by `tools/build_themes.py`) derives from the Phoenix issue
//! coding of the PETRARCH2 event coder (MIT, notice in `LICENSE-PHOENIX`) plus phrases written for
//! newsfacts (`tools/themes_extra.txt`). Inflections are expanded at build time (`n:` nouns to
//! singular and plural, `v:` verbs to their regular forms), so matching is one pass over the
//! article's folded tokens through a trie of the phrases' words: a phrase matches a run of
//! tokens of one sentence (or of a wrapped line) that are its words.
//!
//! Discard phrases ("olive oil", "cream of the crop") cancel their own Phoenix category's themes
//! in the sentence where they occur. (PETRARCH cancels every issue of the sentence; scoping the
//! cancellation keeps "olive oil" from hiding a sentence's TERRORISM.)

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use crate::extract::signals;
use crate::record::ThemeRec;
use crate::text::{fold_token, Document, Words};

static THEMES_TSV: &str = include_str!("themes.tsv");

/// What a lexicon pattern does when it matches: count a mention of each theme of the set
/// `set` (index into [`Lexicon::sets`]), or cancel those themes in the sentence.
#[derive(Debug, Clone, Copy)]
struct Action {
    /// A discard phrase.
    discard: bool,
    /// Index of its set of themes.
    set: u16,
}

/// No word of the lexicon.
pub(crate) const NONE: u32 = u32::MAX;

/// The compiled lexicon: a trie of the normalized phrases' words.
struct Lexicon {
    /// The phrases' words (folded tokens) → word ids.
    vocab: HashMap<String, u32>,
    /// Whether a word starts a phrase, by word id.
    starts: Vec<bool>,
    /// Trie edges: (node, word id) → node; node 0 is the root.
    edges: HashMap<(u32, u32), u32>,
    /// The patterns (phrases) ending at each node, by node.
    ends: Vec<Vec<u32>>,
    /// What each pattern does, by pattern id.
    actions: Vec<Action>,
    /// Theme names.
    themes: Vec<&'static str>,
    /// Sets of theme indices (a phrase can stand for several themes: "car bomb" is IED and
    /// TERRORISM).
    sets: Vec<Vec<u16>>,
}

/// A phrase normalized as the article's tokens are: tokens folded and joined by one space.
fn normalize_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for t in crate::text::tokenize(phrase) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&fold_token(&phrase[t.start..t.end]));
    }
    out
}

fn build() -> Lexicon {
    let mut themes: Vec<&'static str> = Vec::new();
    let mut theme_id: HashMap<&'static str, u16> = HashMap::new();
    let mut id_of = |name: &'static str, themes: &mut Vec<&'static str>| -> u16 {
        *theme_id.entry(name).or_insert_with(|| {
            themes.push(name);
            u16::try_from(themes.len() - 1).unwrap_or(u16::MAX)
        })
    };
    // Patterns and their actions; a phrase listed under several themes gathers them all.
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut starts: Vec<bool> = Vec::new();
    let mut edges: HashMap<(u32, u32), u32> = HashMap::new();
    let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
    let mut actions: Vec<Action> = Vec::new();
    let mut pattern_of: HashMap<String, usize> = HashMap::new();
    let mut sets: Vec<Vec<u16>> = Vec::new();
    for line in THEMES_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(kind), Some(theme), Some(_code), Some(phrase)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let norm = normalize_phrase(phrase);
        if norm.is_empty() {
            continue;
        }
        let tid = id_of(theme, &mut themes);
        let discard = kind == "discard";
        let key = format!("{}{norm}", if discard { "~" } else { "" });
        if let Some(&p) = pattern_of.get(&key) {
            let set = &mut sets[usize::from(actions[p].set)];
            if !set.contains(&tid) {
                set.push(tid);
            }
            continue;
        }
        pattern_of.insert(key, actions.len());
        sets.push(vec![tid]);
        let set = u16::try_from(sets.len() - 1).expect("fewer than 65,536 phrases");
        actions.push(Action { discard, set });
        // The pattern's words (folded tokens, never empty and without spaces) down the trie.
        let pattern = u32::try_from(actions.len() - 1).expect("fewer than 2^32 phrases");
        let mut node = 0u32;
        for (k, word) in norm.split(' ').enumerate() {
            let next = u32::try_from(vocab.len()).expect("fewer than 2^32 words");
            let w = *vocab.entry(word.to_string()).or_insert(next);
            if starts.len() <= w as usize {
                starts.resize(w as usize + 1, false);
            }
            if k == 0 {
                starts[w as usize] = true;
            }
            let fresh = u32::try_from(ends.len()).expect("fewer than 2^32 nodes");
            node = *edges.entry((node, w)).or_insert_with(|| {
                ends.push(Vec::new());
                fresh
            });
        }
        ends[node as usize].push(pattern);
    }
    Lexicon {
        vocab,
        starts,
        edges,
        ends,
        actions,
        themes,
        sets,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// The phrases' words and their word ids (for [`crate::extract::signals`]).
pub(crate) fn vocab() -> impl Iterator<Item = (&'static str, u32)> {
    LEXICON.vocab.iter().map(|(w, &id)| (w.as_str(), id))
}

/// Number of theme names the lexicon knows (for tests and docs).
pub fn n_themes() -> usize {
    LEXICON.themes.len()
}

/// The themes of an article: each theme with its number of mentions and its first mention (byte
/// offsets), most mentioned first (ties: first mentioned first).
pub fn themes(doc: &Document) -> Vec<ThemeRec> {
    let forms = Words::new(doc);
    themes_with(doc, &forms, &signals::lookups(&forms))
}

/// [`themes`] with the document's [`Words`] and their lexicon [`signals::Lookup`]s already
/// made: each distinct token text is looked up once.
pub(crate) fn themes_with(
    doc: &Document,
    forms: &Words,
    looked: &[signals::Lookup],
) -> Vec<ThemeRec> {
    let lex = &*LEXICON;
    let word = |i: usize| looked[forms.form(i)].theme;
    let n = doc.tokens.len();
    // Whether a phrase can run on from token `j - 1` to token `j`: one sentence, or a wrapped
    // line.
    let runs_on =
        |j: usize| doc.tokens[j].sentence == doc.tokens[j - 1].sentence || doc.wrapped(j - 1);
    // Every phrase match (first token, last token, pattern), by first token, longest first.
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let mut here: Vec<(usize, u32)> = Vec::new();
    for i in 0..n {
        let w = word(i);
        if w == NONE || !lex.starts[w as usize] {
            continue;
        }
        let (mut node, mut j) = (0u32, i);
        loop {
            let w = word(j);
            let Some(&next) = (w != NONE).then(|| lex.edges.get(&(node, w))).flatten() else {
                break;
            };
            node = next;
            here.extend(lex.ends[node as usize].iter().map(|&p| (j, p)));
            j += 1;
            if j >= n || !runs_on(j) {
                break;
            }
        }
        found.extend(here.drain(..).rev().map(|(last, p)| (i, last, p)));
    }
    // Leftmost-longest, non-overlapping: the longest phrase at a position wins ("suicide car
    // bomb" over "car bomb"); discards are kept apart and never consume text.
    let mut cancelled: HashSet<(usize, u16)> = HashSet::new();
    let mut hits: Vec<(usize, usize, usize, u16)> = Vec::new(); // (first tok, last tok, sentence, theme)
    let mut taken_to = 0usize; // one past the last token taken
    for &(first, last, p) in &found {
        let action = lex.actions[p as usize];
        let set = &lex.sets[usize::from(action.set)];
        if action.discard {
            let sentence = doc.tokens[first].sentence;
            for &t in set {
                cancelled.insert((sentence, t));
            }
            continue;
        }
        if first < taken_to {
            continue;
        }
        taken_to = last + 1;
        for &t in set {
            hits.push((first, last, doc.tokens[first].sentence, t));
        }
    }
    records(doc, lex, &hits, &cancelled)
}

/// The theme records of a document's phrase `hits` (first token, last token, sentence, theme),
/// in text order, leaving out the themes `cancelled` in their sentence: one record per theme with
/// its count and its first phrase, the most frequent first.
fn records(
    doc: &Document,
    lex: &Lexicon,
    hits: &[(usize, usize, usize, u16)],
    cancelled: &HashSet<(usize, u16)>,
) -> Vec<ThemeRec> {
    let mut out: Vec<ThemeRec> = Vec::new();
    let mut index: HashMap<u16, usize> = HashMap::new();
    for &(first, last, sentence, t) in hits {
        if cancelled.contains(&(sentence, t)) {
            continue;
        }
        match index.get(&t) {
            Some(&k) => out[k].count += 1,
            None => {
                let (start, end) = (doc.tokens[first].start, doc.tokens[last].end);
                index.insert(t, out.len());
                out.push(ThemeRec {
                    theme: lex.themes[usize::from(t)].to_string(),
                    count: 1,
                    start,
                    end,
                    text: doc.text[start..end].to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.start.cmp(&b.start)));
    out
}

#[cfg(test)]
mod tests;
