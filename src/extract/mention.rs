//! [`Mention`]: the currency between the entity stages (gazetteer, titled people, acronyms, the
//! NER model) and [`super::resolve`], which groups mentions into entities.

use crate::record::EntityType;

/// Which stage proposed a mention. Resolution trusts them in this order (first = most trusted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A rule with strong evidence (a title before a name, an acronym definition).
    Rule,
    /// The gazetteer (countries, demonyms, places).
    Gazetteer,
    /// The statistical tagger.
    Model,
    /// A later mention found by matching an earlier entity's name or alias.
    Alias,
}

/// One proposed entity mention, byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Entity type.
    pub etype: EntityType,
    /// LOC subtype (country, city, ...) or MISC subtype (work, award, ...), if known.
    pub subtype: Option<String>,
    /// Who proposed it.
    pub source: Source,
    /// Titles or roles attached to this mention ("Field Marshal").
    pub titles: Vec<String>,
    /// ISO alpha-3 country the mention belongs to (a country, a demonym, a person's nationality).
    pub country: Option<String>,
    /// A canonical name, when the stage knows it (an acronym's expansion, a gazetteer name).
    pub canonical: Option<String>,
    /// Other names the stage knows for it (an acronym for its expansion).
    pub aliases: Vec<String>,
}

impl Mention {
    /// A bare mention of `etype` from `source`.
    pub fn new(start: usize, end: usize, etype: EntityType, source: Source) -> Self {
        Self {
            start,
            end,
            etype,
            subtype: None,
            source,
            titles: Vec::new(),
            country: None,
            canonical: None,
            aliases: Vec::new(),
        }
    }

    /// Whether two mentions overlap.
    pub fn overlaps(&self, other: &Mention) -> bool {
        self.start < other.end && other.start < self.end
    }
}
