//! The word lexicons of tone and themes as one table, so that each distinct token text of an
//! article ([`Words`]) is looked up once for both.

use std::sync::LazyLock;

use super::{themes, tone};
use crate::text::Words;

/// What the lexicons say of one folded word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lookup {
    /// Its tone lexicon entry.
    pub(crate) tone: Option<tone::Entry>,
    /// Its word id in the theme phrases ([`themes::NONE`] if none).
    pub(crate) theme: u32,
}

/// A word of neither lexicon.
const MISS: Lookup = Lookup {
    tone: None,
    theme: themes::NONE,
};

type Map = std::collections::HashMap<&'static str, Lookup, foldhash::fast::RandomState>;

static JOINT: LazyLock<Map> = LazyLock::new(|| {
    let mut map = Map::default();
    for (word, entry) in tone::lexicon() {
        map.entry(word).or_insert(MISS).tone = Some(entry);
    }
    for (word, id) in themes::vocab() {
        map.entry(word).or_insert(MISS).theme = id;
    }
    map
});

/// The lookups of each form of `forms` (by form id), from its folded text.
pub(crate) fn lookups(forms: &Words) -> Vec<Lookup> {
    let joint = &*JOINT;
    (0..forms.len())
        .map(|f| joint.get(forms.folded(f)).copied().unwrap_or(MISS))
        .collect()
}
