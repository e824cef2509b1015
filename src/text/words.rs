//! The distinct token texts of a document, each folded once: the shared pass of the stages that
//! read every word again (themes, tone, keywords). A stage maps each distinct text to what it
//! is to that stage once, then reads its tokens by index instead of hashing or folding each one.

use super::{fold_into, Document};

/// foldhash (seeded per process): one lookup per token.
type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A document's distinct token texts ("forms") and their folded forms ([`super::fold_token`]).
#[derive(Debug, Clone)]
pub struct Words<'a> {
    /// The form of each token, by token index.
    form_of: Vec<u32>,
    /// Each form's text, in order of first occurrence.
    texts: Vec<&'a str>,
    /// The folded forms, one after another.
    folded: String,
    /// Each form's folded form: its end in `folded` (it starts where the previous one ends).
    ends: Vec<u32>,
}

impl<'a> Words<'a> {
    /// The forms of `doc`'s tokens.
    pub fn new(doc: &Document<'a>) -> Self {
        let n = doc.tokens.len();
        let mut by_text: Map<&'a str, u32> =
            Map::with_capacity_and_hasher(n / 2, Default::default());
        let mut form_of = Vec::with_capacity(n);
        let mut texts: Vec<&'a str> = Vec::with_capacity(n / 2);
        let mut folded = String::with_capacity(doc.text.len() / 2);
        let mut ends = Vec::with_capacity(n / 2);
        for t in &doc.tokens {
            let raw = &doc.text[t.start..t.end];
            let next = u32::try_from(texts.len()).unwrap_or(u32::MAX);
            let id = *by_text.entry(raw).or_insert_with(|| {
                texts.push(raw);
                fold_into(raw, &mut folded);
                ends.push(u32::try_from(folded.len()).unwrap_or(u32::MAX));
                next
            });
            form_of.push(id);
        }
        Self {
            form_of,
            texts,
            folded,
            ends,
        }
    }

    /// The number of distinct forms.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether the document has no token.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The form of token `i`.
    pub fn form(&self, i: usize) -> usize {
        self.form_of[i] as usize
    }

    /// The text of form `f` as written.
    pub fn text(&self, f: usize) -> &'a str {
        self.texts[f]
    }

    /// The folded text of form `f` (lower case, straight apostrophes).
    pub fn folded(&self, f: usize) -> &str {
        let start = if f == 0 { 0 } else { self.ends[f - 1] as usize };
        &self.folded[start..self.ends[f] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_token;

    #[test]
    fn forms_are_the_distinct_token_texts_folded() {
        let text = "The Farmers’ union met the farmers. THE END, the end.";
        let doc = Document::new(text);
        let w = Words::new(&doc);
        let mut seen = std::collections::HashSet::new();
        for i in 0..doc.tokens.len() {
            let f = w.form(i);
            assert_eq!(w.text(f), doc.token_text(i));
            assert_eq!(w.folded(f), fold_token(doc.token_text(i)));
            seen.insert(doc.token_text(i));
        }
        assert_eq!(w.len(), seen.len());
        // "The", "the", "THE" are three forms with one folded text.
        let the: Vec<usize> = (0..w.len()).filter(|&f| w.folded(f) == "the").collect();
        assert_eq!(the.len(), 3);
        assert!(Words::new(&Document::new("")).is_empty());
    }
}
