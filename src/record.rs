//! The output side: one [`Record`] per article, the contract (`CONTRACT.md`) in Rust.
//!
//! Stages fill these structs with UTF-8 **byte** offsets; [`Record::to_code_points`] converts every
//! offset once, at the end, through [`OffsetMap`]. Field names are the contract's keys.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::text::OffsetMap;

/// Per-stage wall time of one article, in microseconds, keyed by stage name (debug info).
pub type Timings = BTreeMap<&'static str, f64>;

/// Entity type of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organization.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// A nationality, religious or political group ("Libyan").
    #[serde(rename = "NORP")]
    Norp,
    /// Any other name (events, products, laws, ...).
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The contract's label ("PERSON", "ORG", ...).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRec {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}

/// An entity: all mentions of one person, organization, place or group in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRec {
    /// "E1", "E2", ... in order of first mention.
    pub id: String,
    /// The fullest form seen ("Khalifa Haftar").
    pub name: String,
    /// PERSON, ORG, LOC, NORP or MISC.
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// For LOC: country, admin, city, region, water, facility, other. For MISC: work, award,
    /// event, product, law, language (None where no lexicon or context says).
    pub subtype: Option<String>,
    /// Other forms: surnames, acronyms, variants.
    pub aliases: Vec<String>,
    /// Titles and roles ("Field Marshal").
    pub titles: Vec<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Stable cross-article key: deunicoded lower-case name and type.
    pub key: String,
    /// Share of the article's entity mentions that are this entity's, weighted to the lead.
    pub salience: f64,
    /// Every mention.
    pub mentions: Vec<MentionRec>,
}

/// A geocoded place, linked to its LOC entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRec {
    /// Id of the LOC entity.
    pub entity: String,
    /// The place's name in the gazetteer.
    pub name: String,
    /// country, admin, city, region, water, facility, other.
    pub feature: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// GeoNames id, where known.
    pub geonameid: Option<u64>,
    /// Population, where known.
    pub population: Option<u64>,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateRec {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub dtype: String,
    /// TIMEX3 value (2017-09-27, 2017-W39, P3D, ...).
    pub value: String,
    /// Whether the value depends on the reference date.
    pub anchored: bool,
}

/// A URL, handle, hashtag or email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRec {
    /// url, handle, hashtag or email.
    pub kind: String,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The link as written.
    pub text: String,
}

/// An embedded post (a tweet pasted into the article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbedRec {
    /// "tweet".
    pub kind: String,
    /// Display name of the author.
    pub author: Option<String>,
    /// "@handle".
    pub handle: Option<String>,
    /// ISO date of the post.
    pub date: Option<String>,
    /// Start offset of the whole block.
    pub start: usize,
    /// End offset of the whole block.
    pub end: usize,
    /// The block's text.
    pub text: String,
}

/// Text that is not the article's own prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoilerplateRec {
    /// related_link, embed, share, caption, other, or a wire service's signoff ("Reuter"),
    /// dateline ("LONDON, March 3 -") or byline ("By Jane Smith").
    pub kind: String,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// A sentence span (only with `include=["sentences"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceRec {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

/// What kind of speech a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks: `"We are ready," he said.`
    Direct,
    /// Reported speech without marks: `Pinotti stressed that ...`, `according to the ministry, ...`.
    Indirect,
    /// Reported speech holding a quoted fragment: `he called it "a betrayal"`.
    Mixed,
}

/// A quotation or a piece of reported speech, with its cue and speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRec {
    /// Start offset of the content (the quoted or reported words).
    pub start: usize,
    /// End offset of the content.
    pub end: usize,
    /// The content as written.
    pub text: String,
    /// direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue as written ("said", "told", "according to"), when there is one.
    pub cue: Option<String>,
    /// Start offset of the cue.
    pub cue_start: Option<usize>,
    /// End offset of the cue.
    pub cue_end: Option<usize>,
    /// Id of the speaker's entity, when the speaker is one.
    pub speaker: Option<String>,
    /// The speaker's entity name, or the words that name the speaker ("a source").
    pub speaker_name: Option<String>,
    /// Start offset of the words that name the speaker ("he", "a spokesman", "Pinotti").
    pub speaker_start: Option<usize>,
    /// End offset of those words.
    pub speaker_end: Option<usize>,
}

/// A word with its part of speech, lemma and dependency (only with `include=["tokens"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRec {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The text.
    pub text: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Index of the head in the record's `tokens` list; `None` for a sentence's root.
    pub head: Option<usize>,
    /// Relation to the head (UD basic relation, `root` for the root).
    pub dep: String,
    /// Index of the sentence.
    pub sentence: usize,
}

/// Tone of the article, as GDELT reports it: shares of positive and negative words (percent of
/// the article's words, from the VADER lexicon with its negation and intensifier rules) and
/// their difference.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ToneRec {
    /// `positive - negative`, from -100 to +100 (GDELT's tone).
    pub score: f64,
    /// Percent of words with a positive tone.
    pub positive: f64,
    /// Percent of words with a negative tone.
    pub negative: f64,
}

/// A theme of the article (GDELT-style: TERRORISM, MIGRATION, ENERGY, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRec {
    /// Theme name.
    pub theme: String,
    /// Number of mentions (lexicon phrases) of the theme.
    pub count: usize,
    /// Start offset of the first mention.
    pub start: usize,
    /// End offset of the first mention.
    pub end: usize,
    /// The first mention as written.
    pub text: String,
}

/// A keyword or key phrase of the article (YAKE-style: the lower the score, the more relevant).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordRec {
    /// The phrase as first written in the article.
    pub phrase: String,
    /// YAKE score: lower is more relevant.
    pub score: f64,
}

/// The facts of one article, keys as in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Record {
    /// Caller's id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Reference date used (ISO), given or inferred.
    pub published: Option<String>,
    /// Whether `published` was inferred from the text.
    pub published_inferred: bool,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Length in code points.
    pub n_chars: usize,
    /// Number of word tokens.
    pub n_words: usize,
    /// Number of sentences.
    pub n_sentences: usize,
    /// Entities.
    pub entities: Vec<EntityRec>,
    /// Geocoded places.
    pub places: Vec<PlaceRec>,
    /// Temporal expressions.
    pub dates: Vec<DateRec>,
    /// Links.
    pub links: Vec<LinkRec>,
    /// Embedded posts.
    pub embeds: Vec<EmbedRec>,
    /// Boilerplate.
    pub boilerplate: Vec<BoilerplateRec>,
    /// Quotes and reported speech.
    pub quotes: Vec<QuoteRec>,
    /// Events (roadmap: empty for now).
    pub events: Vec<serde_json::Value>,
    /// Themes, most mentioned first.
    pub themes: Vec<ThemeRec>,
    /// The ten best keywords, best first.
    pub keywords: Vec<KeywordRec>,
    /// Tone; `None` when not computed.
    pub tone: Option<ToneRec>,
    /// Id of the earliest earlier near-duplicate in the same call or `iter_extract` stream
    /// (MinHash estimate of the word-shingle Jaccard similarity at or above
    /// [`crate::extract::dedup::THRESHOLD`], or the shorter text contained in the other).
    pub duplicate_of: Option<String>,
    /// The estimated Jaccard similarity to `duplicate_of` (`None` when there is none).
    pub duplicate_similarity: Option<f64>,
    /// Sentence spans, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceRec>>,
    /// Words with part of speech, lemma and dependency, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRec>>,
    /// Per-article problems; the article is still returned.
    pub errors: Vec<String>,
    /// Debug info, only when the extractor was built with timings: each stage's wall time in
    /// microseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
}

impl Record {
    /// Converts every byte offset of the record to a code-point offset: the one place where the
    /// core's offsets change unit.
    pub fn to_code_points(&mut self, map: &OffsetMap) {
        let conv = |s: &mut usize, e: &mut usize| {
            *s = map.to_char(*s);
            *e = map.to_char(*e);
        };
        for e in &mut self.entities {
            for m in &mut e.mentions {
                conv(&mut m.start, &mut m.end);
            }
        }
        for d in &mut self.dates {
            conv(&mut d.start, &mut d.end);
        }
        for l in &mut self.links {
            conv(&mut l.start, &mut l.end);
        }
        for b in &mut self.embeds {
            conv(&mut b.start, &mut b.end);
        }
        for b in &mut self.boilerplate {
            conv(&mut b.start, &mut b.end);
        }
        let conv_opt = |s: &mut Option<usize>, e: &mut Option<usize>| {
            if let (Some(a), Some(b)) = (s.as_mut(), e.as_mut()) {
                conv(a, b);
            }
        };
        for q in &mut self.quotes {
            conv(&mut q.start, &mut q.end);
            conv_opt(&mut q.cue_start, &mut q.cue_end);
            conv_opt(&mut q.speaker_start, &mut q.speaker_end);
        }
        for t in &mut self.themes {
            conv(&mut t.start, &mut t.end);
        }
        for s in self.sentences.iter_mut().flatten() {
            conv(&mut s.start, &mut s.end);
        }
        for t in self.tokens.iter_mut().flatten() {
            conv(&mut t.start, &mut t.end);
        }
    }
}
