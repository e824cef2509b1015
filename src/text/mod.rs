//! Text layer: the [`Document`] every stage reads — the text, its sentences and tokens, and the
//! byte ↔ code-point [`OffsetMap`]. Knows nothing of entities or dates.

mod offsets;
mod segment;
mod words;

pub use offsets::OffsetMap;
pub use segment::{is_abbreviation, segment, tokenize};
pub use words::Words;

use std::ops::Range;

/// A token: a word, a number, an abbreviation ("U.S.", "Gen."), a possessive ("’s") or one
/// punctuation character. Byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
}

/// A sentence: byte span and the range of its tokens in [`Document::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte (first token).
    pub start: usize,
    /// End byte (last token's end).
    pub end: usize,
    /// Indices of its tokens.
    pub tokens: Range<usize>,
}

/// One article's text, segmented. Built once per article; stages only read it.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The text as given.
    pub text: &'a str,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Byte → code-point conversion.
    pub offsets: OffsetMap,
}

impl<'a> Document<'a> {
    /// Segments `text` into sentences and tokens.
    pub fn new(text: &'a str) -> Self {
        let (tokens, sentences) = segment(text);
        Self {
            text,
            tokens,
            sentences,
            offsets: OffsetMap::new(text),
        }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text of a byte span.
    pub fn span(&self, start: usize, end: usize) -> &'a str {
        &self.text[start..end]
    }

    /// The index of the sentence holding byte `byte` (the nearest one before it, between
    /// sentences).
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= byte)
            .saturating_sub(1)
    }

    /// The index of the first token starting at or after `byte`.
    pub fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// Whether tokens `a` and `a + 1` are in one sentence, separated by plain spaces only
    /// (the glue inside a name: "Khalifa Haftar", not "Haftar,\nKhalifa").
    pub fn joined(&self, a: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(a + 1)) {
            (Some(x), Some(y)) => {
                x.sentence == y.sentence
                    && self.text.get(x.end..y.start).is_some_and(|g| {
                        !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}')
                    })
            }
            _ => false,
        }
    }

    /// Whether a line break between tokens `a` and `a + 1` only wraps a sentence: one line
    /// break, a word before it and a lower-case word after it (wire copy wraps its lines:
    /// "the week in\nthe Bahia cocoa zone"). Phrase matchers read across such breaks.
    pub fn wrapped(&self, a: usize) -> bool {
        let (Some(x), Some(y)) = (self.tokens.get(a), self.tokens.get(a + 1)) else {
            return false;
        };
        let gap = &self.text[x.end..y.start];
        gap.bytes().filter(|&b| b == b'\n').count() == 1
            && self.text[x.start..x.end]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
            && self.text[y.start..y.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    }

    /// Number of word tokens (tokens with a letter or digit).
    pub fn n_words(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| self.text[t.start..t.end].chars().any(char::is_alphanumeric))
            .count()
    }
}

/// Title case of an all-caps name: "NEW YORK" → "New York", "ST. PAUL" → "St. Paul".
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = true;
    for c in s.chars() {
        if up {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        up = !c.is_alphabetic();
    }
    out
}

/// A token as lexicons match it: lower case, curly apostrophes and quotes straightened
/// ("Libya’s" → "libya's"). Borrows when nothing changes.
pub fn fold_token(token: &str) -> std::borrow::Cow<'_, str> {
    let plain = token
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if plain {
        return std::borrow::Cow::Borrowed(token);
    }
    let mut out = String::with_capacity(token.len());
    fold_into(token, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Appends [`fold_token`]`(token)` to `out` (no allocation when `out` has room).
pub fn fold_into(token: &str, out: &mut String) {
    if token.is_ascii() {
        let from = out.len();
        out.push_str(token);
        if let Some(added) = out.get_mut(from..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}
