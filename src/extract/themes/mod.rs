//! Themes: what an article is about (TERRORISM, MIGRATION, ENERGY, ...), GDELT-style, from a
//! phrase lexicon.
//!
//! The lexicon (`themes.tsv`, built by `tools/build_themes.py`) derives from the Phoenix issue
//! coding of the PETRARCH2 event coder (MIT, notice in `LICENSE-PHOENIX`) plus phrases written for
//! newsfacts (`tools/themes_extra.txt`). Inflections are expanded at build time (`n:` nouns to
//! singular and plural, `v:` verbs to their regular forms), so matching is one Aho-Corasick pass
//! over the article's lower-cased tokens joined by single spaces.
//!
//! Discard phrases ("olive oil", "cream of the crop") cancel their own Phoenix category's themes
//! in the sentence where they occur. (PETRARCH cancels every issue of the sentence; scoping the
//! cancellation keeps "olive oil" from hiding a sentence's TERRORISM.)

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::record::ThemeRec;
use crate::text::{fold_into, fold_token, Document};

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

/// The compiled lexicon: one automaton over normalized phrases.
struct Lexicon {
    automaton: AhoCorasick,
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
    let mut patterns: Vec<String> = Vec::new();
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
        pattern_of.insert(key, patterns.len());
        sets.push(vec![tid]);
        let set = u16::try_from(sets.len() - 1).expect("fewer than 65,536 phrases");
        actions.push(Action { discard, set });
        // Each pattern starts with a space so that it can only match at a token's start.
        patterns.push(format!(" {norm}"));
    }
    // A DFA: the fastest search, at a few MB for this lexicon's ~5,000 phrases.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the theme lexicon compiles");
    Lexicon {
        automaton,
        actions,
        themes,
        sets,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Number of theme names the lexicon knows (for tests and docs).
pub fn n_themes() -> usize {
    LEXICON.themes.len()
}

/// The article's tokens folded and joined: `" tok tok\ntok ..."` (a newline between sentences,
/// but for a wrapped line),
/// with the byte span in the text of the token that starts at each position of the buffer.
struct Folded {
    buf: String,
    /// (position in `buf` of the space before the token, token index), in order.
    starts: Vec<(usize, usize)>,
}

fn fold(doc: &Document) -> Folded {
    let mut buf = String::with_capacity(doc.text.len() + 2);
    let mut starts = Vec::with_capacity(doc.tokens.len());
    let mut last_sentence = usize::MAX;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.sentence != last_sentence && last_sentence != usize::MAX && !doc.wrapped(i - 1) {
            buf.push('\n');
        }
        last_sentence = t.sentence;
        starts.push((buf.len(), i));
        buf.push(' ');
        fold_into(&doc.text[t.start..t.end], &mut buf);
    }
    Folded { buf, starts }
}

/// The themes of an article: each theme with its number of mentions and its first mention (byte
/// offsets), most mentioned first (ties: first mentioned first).
pub fn themes(doc: &Document) -> Vec<ThemeRec> {
    let lex = &*LEXICON;
    let folded = fold(doc);
    let buf = folded.buf.as_bytes();
    // Candidate matches that end at a token's end: (start in buf, end in buf, pattern).
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for m in lex.automaton.find_overlapping_iter(&folded.buf) {
        let end = m.end();
        if end < buf.len() && !matches!(buf[end], b' ' | b'\n') {
            continue;
        }
        found.push((m.start(), end, m.pattern().as_usize()));
    }
    // Leftmost-longest, non-overlapping: the longest phrase at a position wins ("suicide car
    // bomb" over "car bomb"); discards are kept apart and never consume text.
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let token_at = |pos: usize| -> usize {
        let k = folded.starts.partition_point(|&(p, _)| p < pos);
        folded.starts.get(k).map_or(0, |&(_, i)| i)
    };
    let mut cancelled: HashSet<(usize, u16)> = HashSet::new();
    let mut hits: Vec<(usize, usize, usize, u16)> = Vec::new(); // (first tok, last tok, sentence, theme)
    let mut taken_to = 0usize;
    for &(s, e, p) in &found {
        let action = lex.actions[p];
        let set = &lex.sets[usize::from(action.set)];
        if action.discard {
            let sentence = doc.tokens[token_at(s)].sentence;
            for &t in set {
                cancelled.insert((sentence, t));
            }
            continue;
        }
        if s < taken_to {
            continue;
        }
        taken_to = e;
        let first = token_at(s);
        // The last token is the one starting before the match's end.
        let last = folded
            .starts
            .partition_point(|&(pos, _)| pos < e)
            .saturating_sub(1);
        let last = folded.starts.get(last).map_or(first, |&(_, i)| i);
        for &t in set {
            hits.push((first, last, doc.tokens[first].sentence, t));
        }
    }
    let mut out: Vec<ThemeRec> = Vec::new();
    let mut index: HashMap<u16, usize> = HashMap::new();
    for (first, last, sentence, t) in hits {
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
