//! The syntax layer: words cut as in UD English EWT, universal parts of speech, lemmas and
//! basic dependencies, from a model trained on UD English EWT (`MODEL.md`).
//!
//! Later stages call [`parse_sentences`] for the sentences they need and query the
//! [`ParsedSentence`]s ([`ParsedSentence::children_by`], [`ParsedSentence::subtree_span`]).
//! Everything is linear in the sentence's length: the tagger and the labeller look at a
//! bounded window, the parser makes exactly two moves per word.
//!
//! ```
//! use newsfacts::extract::syntax::parse_sentences;
//! use newsfacts::Document;
//!
//! let doc = Document::new("The minister met the rebels in Rome.");
//! let parsed = parse_sentences(&doc, &[0]);
//! let s = &parsed[0];
//! let verb = s.root().unwrap();
//! assert_eq!(s.lemma(verb), "meet");
//! let subj = s.children_by(verb, "nsubj").next().unwrap();
//! assert_eq!(s.text(doc.text, subj), "minister");
//! ```

pub mod conllu;
pub mod labeler;
pub mod lemma;
pub mod lex;
pub mod needed;
pub mod parser;
pub mod tagger;
pub mod tags;
pub mod tokens;
pub mod train;
pub mod weights;

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use crate::text::Document;
use labeler::{Children, Labeler};
use lemma::Lemmatizer;
use lex::Lex;
pub use needed::needed_sentences;
use parser::Parser;
use tagger::{Pass, Tagger};
pub use tags::{Deprel, Upos};
use weights::Table;

const MAGIC: &[u8; 8] = b"NFSYN002";

/// The shipped model's bytes.
/// The shipped model, deflated at build time (`build.rs`).
const SHIPPED_BYTES: &[u8] = crate::packed!("src/extract/syntax/model.bin");

/// The shipped model, parsed on first use (an empty model if it fails to parse).
static SHIPPED: LazyLock<SyntaxModel> = LazyLock::new(|| {
    crate::lexicon::packed::inflate(SHIPPED_BYTES)
        .ok()
        .and_then(|bytes| SyntaxModel::from_bytes(&bytes))
        .unwrap_or_default()
});

/// The shipped model.
pub fn shipped() -> &'static SyntaxModel {
    &SHIPPED
}

/// Size in bytes of the shipped model file.
pub fn shipped_model_size() -> usize {
    SHIPPED_BYTES.len()
}

/// Tagger, lemmatizer, parser and labeller.
#[derive(Debug, Clone, Default)]
pub struct SyntaxModel {
    /// UPOS tagger.
    pub tagger: Tagger,
    /// Lemmatizer.
    pub lemmatizer: Lemmatizer,
    /// Unlabelled parser.
    pub parser: Parser,
    /// Relation labeller.
    pub labeler: Labeler,
}

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Start byte in the document.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Universal POS.
    pub upos: Upos,
    /// Lemma.
    pub lemma: String,
    /// Index of the head word in the sentence's words, `None` for the root.
    pub head: Option<usize>,
    /// Relation to the head (`root` for the root).
    pub deprel: Deprel,
}

impl SyntaxModel {
    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.tagger.first.table.write(&mut out);
        self.tagger.second.table.write(&mut out);
        self.parser.table.write(&mut out);
        self.labeler.table.write(&mut out);
        self.lemmatizer.write(&mut out);
        out
    }

    /// The model without the feature rows whose largest weight is below the threshold of
    /// their table (tagger, parser, labeller): smaller, a little less accurate.
    #[must_use]
    pub fn pruned(&self, tag: f32, parse: f32, label: f32) -> Self {
        Self {
            tagger: Tagger {
                first: Pass {
                    table: self.tagger.first.table.pruned(tag),
                },
                second: Pass {
                    table: self.tagger.second.table.pruned(tag),
                },
            },
            lemmatizer: self.lemmatizer.clone(),
            parser: Parser {
                table: self.parser.table.pruned(parse),
            },
            labeler: Labeler {
                table: self.labeler.table.pruned(label),
            },
        }
    }

    /// Parses a model written by [`SyntaxModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let mut pos = 8;
        let first = Pass {
            table: Table::read(bytes, &mut pos)?,
        };
        let second = Pass {
            table: Table::read(bytes, &mut pos)?,
        };
        let tagger = Tagger { first, second };
        let parser = Parser {
            table: Table::read(bytes, &mut pos)?,
        };
        let labeler = Labeler {
            table: Table::read(bytes, &mut pos)?,
        };
        let lemmatizer = Lemmatizer::read(bytes, &mut pos)?;
        Some(Self {
            tagger,
            lemmatizer,
            parser,
            labeler,
        })
    }

    /// Analyses one sentence given its words (byte spans into `text`).
    pub fn analyze(&self, text: &str, words: &[(usize, usize)]) -> Vec<Word> {
        let forms: Vec<&str> = words.iter().map(|&(s, e)| &text[s..e]).collect();
        let lex: Vec<Lex> = forms.iter().map(|w| Lex::new(w)).collect();
        let mut feats = Vec::with_capacity(128);
        let upos = self.tagger.tag(&lex, &mut feats);
        let toks = parser::toks(&lex, &upos);
        let heads = self.parser.parse(&toks, &mut feats);
        let rels = self.labeler.label(&toks, &lex, &heads, &mut feats);
        words
            .iter()
            .enumerate()
            .map(|(i, &(start, end))| {
                let h = heads[i + 1];
                Word {
                    start,
                    end,
                    upos: upos[i],
                    lemma: self.lemmatizer.lemma(forms[i], upos[i]),
                    head: (h != 0 && h != parser::NONE).then(|| h as usize - 1),
                    deprel: if h == 0 || h == parser::NONE {
                        Deprel::ROOT
                    } else {
                        rels[i + 1]
                    },
                }
            })
            .collect()
    }
}

/// The UD words of sentence `idx` of `doc` (byte spans).
pub fn sentence_words(doc: &Document, idx: usize) -> Vec<(usize, usize)> {
    let Some(s) = doc.sentences.get(idx) else {
        return Vec::new();
    };
    let spans: Vec<(usize, usize)> = doc.tokens[s.tokens.clone()]
        .iter()
        .map(|t| (t.start, t.end))
        .collect();
    tokens::ud_words(doc.text, &spans)
}

/// One parsed sentence.
#[derive(Debug, Clone)]
pub struct ParsedSentence {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Its words.
    pub words: Vec<Word>,
    children: Children,
}

impl ParsedSentence {
    /// A parsed sentence from its words.
    pub fn new(sentence: usize, words: Vec<Word>) -> Self {
        let heads: Vec<u32> = std::iter::once(0)
            .chain(words.iter().map(|w| w.head.map_or(0, |h| h as u32 + 1)))
            .collect();
        Self {
            sentence,
            words,
            children: Children::new(&heads),
        }
    }

    /// The text of word `i`.
    pub fn text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        let w = &self.words[i];
        &text[w.start..w.end]
    }

    /// The lemma of word `i`.
    pub fn lemma(&self, i: usize) -> &str {
        &self.words[i].lemma
    }

    /// The root word (`None` for an empty sentence).
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head.is_none())
    }

    /// The children of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children.of(i + 1).iter().map(|&c| c as usize - 1)
    }

    /// The children of word `i` with relation `rel`: a full name ("nsubj:pass") or a base
    /// name that also takes its subtypes ("nsubj" takes "nsubj:pass").
    pub fn children_by<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children(i).filter(move |&c| {
            let d = self.words[c].deprel;
            d.name() == rel || d.base() == rel
        })
    }

    /// The byte span covered by word `i` and its descendants.
    pub fn subtree_span(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (self.words[i].start, self.words[i].end);
        let mut todo = vec![i];
        while let Some(x) = todo.pop() {
            lo = lo.min(self.words[x].start);
            hi = hi.max(self.words[x].end);
            todo.extend(self.children(x));
        }
        (lo, hi)
    }
}

/// Parses sentences `idx` of `doc` with the shipped model (unknown indices are skipped).
pub fn parse_sentences(doc: &Document, idx: &[usize]) -> Vec<ParsedSentence> {
    let model = shipped();
    idx.iter()
        .filter(|&&i| i < doc.sentences.len())
        .map(|&i| {
            let words = sentence_words(doc, i);
            ParsedSentence::new(i, model.analyze(doc.text, &words))
        })
        .collect()
}

/// Parses every sentence of `doc`.
pub fn parse_all(doc: &Document) -> Vec<ParsedSentence> {
    let idx: Vec<usize> = (0..doc.sentences.len()).collect();
    parse_sentences(doc, &idx)
}

/// The record's `tokens` of parsed sentences (byte offsets; heads as indices into the list).
pub fn token_records(doc: &Document, parsed: &[ParsedSentence]) -> Vec<crate::record::TokenRec> {
    let mut out = Vec::with_capacity(parsed.iter().map(|p| p.words.len()).sum());
    for p in parsed {
        let base = out.len();
        out.extend(p.words.iter().map(|w| crate::record::TokenRec {
            start: w.start,
            end: w.end,
            text: doc.text[w.start..w.end].to_string(),
            lemma: w.lemma.clone(),
            upos: w.upos.name().to_string(),
            head: w.head.map(|h| h + base),
            dep: w.deprel.name().to_string(),
            sentence: p.sentence,
        }));
    }
    out
}
