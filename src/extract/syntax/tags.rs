//! The label sets: universal parts of speech and the basic dependency relations of UD English.

/// Universal POS tags, in a fixed order (the tagger's classes).
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// Basic relations (with the English subtypes of UD EWT), in a fixed order (the labeller's
/// classes). `dep` is the fallback.
pub const DEPRELS: [&str; 52] = [
    "dep",
    "punct",
    "case",
    "nsubj",
    "det",
    "root",
    "advmod",
    "obj",
    "amod",
    "obl",
    "conj",
    "compound",
    "mark",
    "nmod",
    "cc",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "ccomp",
    "acl:relcl",
    "flat",
    "parataxis",
    "nummod",
    "appos",
    "acl",
    "aux:pass",
    "nsubj:pass",
    "obl:unmarked",
    "nmod:unmarked",
    "discourse",
    "compound:prt",
    "iobj",
    "list",
    "expl",
    "fixed",
    "nmod:desc",
    "obl:agent",
    "csubj",
    "nsubj:outer",
    "det:predet",
    "vocative",
    "goeswith",
    "advcl:relcl",
    "cc:preconj",
    "reparandum",
    "orphan",
    "csubj:pass",
    "dislocated",
    "csubj:outer",
    "obl:tmod",
];

/// A universal POS tag (index into [`UPOS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Upos(pub u8);

impl Upos {
    /// `PROPN`.
    pub const PROPN: Upos = Upos(11);
    /// `PUNCT`.
    pub const PUNCT: Upos = Upos(12);
    /// `VERB`.
    pub const VERB: Upos = Upos(15);
    /// `X` (also the fallback for unknown tags).
    pub const X: Upos = Upos(16);

    /// The tag named `s` (`X` when unknown).
    pub fn parse(s: &str) -> Self {
        UPOS.iter()
            .position(|&u| u == s)
            .map_or(Self::X, |i| Upos(i as u8))
    }

    /// The tag's name.
    pub fn name(self) -> &'static str {
        UPOS.get(self.0 as usize).copied().unwrap_or("X")
    }
}

/// A dependency relation (index into [`DEPRELS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Deprel(pub u8);

impl Deprel {
    /// `root`.
    pub const ROOT: Deprel = Deprel(5);

    /// The relation named `s` (`dep` when unknown).
    pub fn parse(s: &str) -> Self {
        DEPRELS
            .iter()
            .position(|&u| u == s)
            .map_or(Deprel(0), |i| Deprel(i as u8))
    }

    /// The relation's name.
    pub fn name(self) -> &'static str {
        DEPRELS.get(self.0 as usize).copied().unwrap_or("dep")
    }

    /// The relation without its subtype ("nsubj:pass" → "nsubj").
    pub fn base(self) -> &'static str {
        let n = self.name();
        n.split(':').next().unwrap_or(n)
    }
}
