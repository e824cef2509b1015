//! Byte ↔ code-point offsets: the one conversion routine between the core (UTF-8 bytes, as
//! `regex` and `aho-corasick` report them) and Python (`str` indices, i.e. code points).

/// Maps UTF-8 byte offsets of one text to code-point offsets.
///
/// Memory is proportional to the number of non-ASCII characters: a checkpoint is kept after each
/// of them, and the ASCII run after a checkpoint is counted on. For pure ASCII the map is empty
/// and the conversion is the identity.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// `(byte offset, code-point offset)` just after each multi-byte character, ascending.
    checkpoints: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl OffsetMap {
    /// Builds the map of `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            for (chars, (byte, ch)) in text.char_indices().enumerate() {
                if ch.len_utf8() > 1 {
                    checkpoints.push((byte + ch.len_utf8(), chars + 1));
                }
            }
        }
        Self {
            checkpoints,
            len_bytes: text.len(),
        }
    }

    /// The code-point offset of byte offset `byte`.
    ///
    /// `byte` must be a character boundary (all offsets from `regex`, `aho-corasick` and
    /// `str::char_indices` are); an offset past the text is clamped to its end.
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        match i.checked_sub(1) {
            // Only ASCII before the first multi-byte character.
            None => byte,
            Some(k) => {
                let (b, c) = self.checkpoints[k];
                c + (byte - b)
            }
        }
    }

    /// Whether the text was pure ASCII (offsets in both units agree).
    pub fn is_identity(&self) -> bool {
        self.checkpoints.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::OffsetMap;

    fn check(text: &str) {
        let map = OffsetMap::new(text);
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            assert_eq!(map.to_char(b), chars, "byte {b} of {text:?}");
            chars += 1;
        }
        assert_eq!(map.to_char(text.len()), chars);
    }

    #[test]
    fn ascii_is_identity() {
        check("Haftar met Pinotti.");
        assert!(OffsetMap::new("abc").is_identity());
    }

    #[test]
    fn accents_quotes_emoji_flags_zwj_combining() {
        check("Salamé’s “talks” 👍🏽 in Roma 🇮🇹 👨‍👩‍👧 cafe\u{301} done");
        check("é");
        check("😀abc");
        check("ab😀");
    }
}
