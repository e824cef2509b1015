//! The distinct token texts of a document, each folded once: the shared pass of the stages that
//! read every word again (themes, tone, keywords). A stage maps each distinct text to what it
//! is to that stage once, then reads its tokens by index instead of hashing or folding each one.

use super::{fold_into, Document};

/// foldhash (seeded per process): one lookup per token.
type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A document's distinct token texts ("forms") and their folded forms ([`super::fold_token`]).
#[derive(Debug, Clone)]
pub struct Words<'a> {
    /// The document's text.
    text: &'a str,
    /// The form of each token, by token index.
    form_of: Vec<u32>,
    /// Each form's text, in order of first occurrence.
    texts: Vec<&'a str>,
    /// The folded forms that differ from their text, one after another.
    folded: String,
    /// Each form's folded form: a span of the text (a form already in lower-case ASCII is its
    /// own folded form, not copied) or of `folded`.
    spans: Vec<Span>,
}

/// Where a folded form is: bytes `start..end` of the text or of [`Words::folded`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    in_text: bool,
}

impl<'a> Words<'a> {
    /// The forms of `doc`'s tokens.
    pub fn new(doc: &Document<'a>) -> Self {
        let n = doc.tokens.len();
        let mut by_text: Map<&'a str, u32> =
            Map::with_capacity_and_hasher(n / 4, Default::default());
        let mut form_of = Vec::with_capacity(n);
        let mut texts: Vec<&'a str> = Vec::with_capacity(n / 2);
        let mut folded = String::new();
        let mut spans = Vec::with_capacity(n / 2);
        // Tokens of 2 to 7 bytes (most words) by their bytes packed into a number: hashed and
        // compared as one `u64`, not as a string.
        let mut by_packed: Map<u64, u32> = Map::with_capacity_and_hasher(n / 2, Default::default());
        // One-byte tokens (punctuation, initials, digits) by their byte, without hashing.
        let mut by_byte = [u32::MAX; 128];
        let bytes = doc.text.as_bytes();
        for t in &doc.tokens {
            let raw = &doc.text[t.start..t.end];
            let next = u32::try_from(texts.len()).unwrap_or(u32::MAX);
            let byte = match *raw.as_bytes() {
                [b] if b.is_ascii() => Some(usize::from(b)),
                _ => None,
            };
            if let Some(id) = byte.map(|b| by_byte[b]).filter(|&id| id != u32::MAX) {
                form_of.push(id);
                continue;
            }
            let add = || {
                texts.push(raw);
                let plain = raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
                spans.push(if plain {
                    Span {
                        start: t.start,
                        end: t.end,
                        in_text: true,
                    }
                } else {
                    let start = folded.len();
                    fold_into(raw, &mut folded);
                    Span {
                        start,
                        end: folded.len(),
                        in_text: false,
                    }
                });
                next
            };
            let id = match packed(bytes, t.start, t.end) {
                Some(key) => *by_packed.entry(key).or_insert_with(add),
                None => *by_text.entry(raw).or_insert_with(add),
            };
            if let Some(b) = byte {
                by_byte[b] = id;
            }
            form_of.push(id);
        }
        Self {
            text: doc.text,
            form_of,
            texts,
            folded,
            spans,
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
    #[inline]
    pub fn form(&self, i: usize) -> usize {
        self.form_of[i] as usize
    }

    /// The text of form `f` as written.
    #[inline]
    pub fn text(&self, f: usize) -> &'a str {
        self.texts[f]
    }

    /// The folded text of form `f` (lower case, straight apostrophes).
    #[inline]
    pub fn folded(&self, f: usize) -> &str {
        let s = self.spans[f];
        if s.in_text {
            &self.text[s.start..s.end]
        } else {
            &self.folded[s.start..s.end]
        }
    }
}

/// The bytes `start..end` of `bytes` (2 to 7 of them) as one number: little endian, the length
/// in the top byte; `None` for other lengths.
#[inline]
fn packed(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end.checked_sub(start)?;
    if !(2..=7).contains(&len) {
        return None;
    }
    let tag = (len as u64) << 56;
    let low = (1u64 << (8 * len)) - 1;
    // Eight bytes at once where the text has them, else byte by byte.
    if let Some(w) = bytes.get(start..start + 8) {
        let w = u64::from_le_bytes(w.try_into().ok()?);
        return Some(w & low | tag);
    }
    let mut key = tag;
    for (k, &b) in bytes.get(start..end)?.iter().enumerate() {
        key |= u64::from(b) << (8 * k);
    }
    Some(key)
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
