//! A quick pre-test for word lists looked up per token: most tokens are in no list, and their
//! first byte and length alone say so.

/// The first bytes and lengths of the words of a list: [`WordFilter::may_hold`] is false for
/// every word the list cannot hold, in a table look-up (no hashing, no comparison).
#[derive(Clone)]
pub(crate) struct WordFilter {
    /// Per first byte, bit `n` set where a word of that first byte has `n` bytes (63: 63 or
    /// more).
    lengths: [u64; 256],
    /// Whether the list holds the empty word.
    empty: bool,
}

impl WordFilter {
    /// The bit of a word's length.
    const fn bit(len: usize) -> u64 {
        1 << if len > 63 { 63 } else { len }
    }

    /// The filter of `words` (usable in a `const`).
    pub(crate) const fn new(words: &[&str]) -> Self {
        let mut f = Self {
            lengths: [0; 256],
            empty: false,
        };
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            if b.is_empty() {
                f.empty = true;
            } else {
                f.lengths[b[0] as usize] |= Self::bit(b.len());
            }
            i += 1;
        }
        f
    }

    /// The filter with the keys of `pairs` added (usable in a `const`).
    pub(crate) const fn with_keys<T>(mut self, pairs: &[(&str, T)]) -> Self {
        let mut i = 0;
        while i < pairs.len() {
            let b = pairs[i].0.as_bytes();
            if b.is_empty() {
                self.empty = true;
            } else {
                self.lengths[b[0] as usize] |= Self::bit(b.len());
            }
            i += 1;
        }
        self
    }

    /// Adds `word` to the filter.
    pub(crate) fn add(&mut self, word: &str) {
        match word.as_bytes().first() {
            Some(&b) => {
                if let Some(slot) = self.lengths.get_mut(usize::from(b)) {
                    *slot |= Self::bit(word.len());
                }
            }
            None => self.empty = true,
        }
    }

    /// Whether the list may hold `word`: false only where it does not.
    #[inline]
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) => self
                .lengths
                .get(usize::from(b))
                .is_some_and(|m| m & Self::bit(word.len()) != 0),
            None => self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_the_list_holds_and_rejects_by_first_byte_and_length() {
        const F: WordFilter = WordFilter::new(&["film", "as", "“", ""]);
        for w in ["film", "as", "“", ""] {
            assert!(F.may_hold(w), "{w}");
        }
        // Same first byte and length: the filter lets it through (the list decides).
        assert!(F.may_hold("fish"));
        for w in ["films", "fil", "a", "is", "Film", "é"] {
            assert!(!F.may_hold(w), "{w}");
        }
        let mut g = WordFilter::new(&[]);
        assert!(!g.may_hold("x") && !g.may_hold(""));
        g.add(&"x".repeat(80));
        let h = WordFilter::new(&["Act"]).with_keys(&[("Cup", 1)]);
        assert!(h.may_hold("Act") && h.may_hold("Cup") && !h.may_hold("Acts"));
        assert!(g.may_hold(&"x".repeat(64)) && !g.may_hold("x"));
    }
}
