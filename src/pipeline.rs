//! The per-article flow: [`run_stages`] calls every stage in data-flow order, each a plain
//! function from the [`Document`] and earlier results to its own output, and times each one
//! when asked ([`Clock`]). See `src/README.md` for the stage list and how a new stage joins.

use std::time::Instant;

use chrono::NaiveDate;

use crate::article::{Include, Stage};
use crate::extract;
use crate::extract::dedup::Signature;
use crate::record::{Record, SentenceRec, Timings};
use crate::text::{Document, Words};

/// A text that makes [`run_stages`] panic, in unit tests only.
#[cfg(test)]
pub(crate) const PANIC_TRIGGER: &str = "\u{0}newsfacts: panic here\u{0}";

/// Times stages when switched on; when off, [`Clock::time`] only calls the stage.
#[derive(Debug, Default)]
pub struct Clock(Option<Timings>);

impl Clock {
    /// A clock that records (`on`) or only runs stages.
    pub fn new(on: bool) -> Self {
        Self(on.then(Timings::new))
    }

    /// Runs `stage`, adding its wall time under `name` when the clock is on.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let Some(map) = self.0.as_mut() else {
            return stage();
        };
        let t0 = Instant::now();
        let out = stage();
        *map.entry(name).or_default() += t0.elapsed().as_secs_f64() * 1e6;
        out
    }

    /// The recorded timings (`None` when the clock was off).
    pub fn into_timings(self) -> Option<Timings> {
        self.0
    }
}

/// Runs every included stage over one text and fills `rec`; with `timed`, also
/// `rec.timings`. New per-article stages go in the marked slots, in data-flow order; the
/// batch-level stages (near-duplicates) run after this, in [`crate::Extractor`], over the
/// MinHash signature returned with the record (with `duplicates` included).
pub(crate) fn run_stages(
    text: &str,
    published: Option<NaiveDate>,
    include: Include,
    timed: bool,
    mut rec: Record,
) -> (Record, Option<Signature>) {
    #[cfg(test)]
    if text == PANIC_TRIGGER {
        panic!("stage failure injected by a test");
    }
    let on = |s: Stage| include.has(s);
    let mut clock = Clock::new(timed);
    let doc = clock.time("segment", || Document::new(text));
    rec.language = clock.time("language", || {
        extract::language::detect(text).map(str::to_string)
    });
    // Links also keep handles and URLs from becoming entities ("@MaryFitzger").
    let links = if on(Stage::Links) || on(Stage::Entities) || on(Stage::Quotes) {
        clock.time("links", || extract::links::links(&doc))
    } else {
        Vec::new()
    };
    // Wire sign-offs, datelines and bylines: boilerplate, and no entities (but a dateline's
    // place).
    let wire = if on(Stage::Links) || on(Stage::Entities) || on(Stage::Duplicates) {
        clock.time("wire", || extract::wire::spans(text))
    } else {
        Vec::new()
    };
    // Dates run whenever a reference date must be inferred, so `published` is always reported.
    if on(Stage::Dates) || published.is_none() {
        let dates = clock.time("dates", || extract::dates::dates(&doc, published));
        rec.published = dates.reference.map(|d| d.format("%Y-%m-%d").to_string());
        rec.published_inferred = dates.inferred;
        if on(Stage::Dates) {
            rec.dates = dates.dates;
        }
    }
    // Quotes need the entities for their speakers, even when the caller does not ask for them.
    if on(Stage::Entities) || on(Stage::Quotes) {
        let mentions = clock.time("mentions", || {
            let mut m = extract::entities::mentions(&doc, &links);
            m.retain(|m| !extract::wire::masks(&wire, m));
            m
        });
        rec.entities = clock.time("resolve", || {
            let mut entities = extract::resolve::entities(&doc, mentions);
            // Resolution may find a name again inside the boilerplate ("Reuters" of a dateline).
            extract::wire::drop_masked(&wire, &mut entities);
            entities
        });
        if on(Stage::Places) && on(Stage::Entities) {
            rec.places = clock.time("places", || {
                extract::places::geocode(&doc, &mut rec.entities)
            });
        }
    }
    // Syntax: every sentence for `tokens`. For quotes and events `syntax` parses only the
    // sentences they need (a candidate verb and an entity mention or a pronoun), so it runs
    // after the entities; until those stages land it runs only for `tokens` (parsing for no
    // reader would only cost time): they add `|| on(Stage::Quotes) || on(Stage::Events)`.
    let parsed = if on(Stage::Tokens) {
        clock.time("syntax", || syntax(&doc, include, &rec))
    } else {
        Vec::new()
    };
    if on(Stage::Tokens) {
        rec.tokens = Some(extract::syntax::token_records(&doc, &parsed));
    }
    // Quotes: direct, reported and mixed speech with cue and speaker (entities).
    if on(Stage::Quotes) {
        rec.quotes = clock.time("quotes", || extract::quotes::quotes(&doc, &rec.entities));
    }
    if !on(Stage::Entities) {
        rec.entities.clear();
    }
    // slot: events (actor-action-target-place-date: syntax + entities + places + dates).
    // Themes, tone, keywords: the article's words (lexicon phrases on folded tokens; lemmas
    // from the syntax slot could replace the lexicon's expanded inflections later).
    // Their shared pass, the article's distinct token texts folded once (and looked up once in
    // the tone and theme lexicons), is made and timed by the first of them that needs it.
    let mut forms: Option<Words> = None;
    let mut looked: Option<Vec<extract::signals::Lookup>> = None;
    if on(Stage::Themes) {
        rec.themes = clock.time("themes", || {
            let forms = forms.get_or_insert_with(|| Words::new(&doc));
            let looked = looked.get_or_insert_with(|| extract::signals::lookups(forms));
            extract::themes::themes_with(&doc, forms, looked)
        });
    }
    if on(Stage::Tone) {
        rec.tone = Some(clock.time("tone", || {
            let forms = forms.get_or_insert_with(|| Words::new(&doc));
            let looked = looked.get_or_insert_with(|| extract::signals::lookups(forms));
            extract::tone::tone_with(&doc, forms, looked)
        }));
    }
    if on(Stage::Keywords) {
        rec.keywords = clock.time("keywords", || {
            let forms = forms.get_or_insert_with(|| Words::new(&doc));
            extract::keywords::keywords_with(&doc, forms)
        });
    }
    // The near-duplicate signature: the words without the wire boilerplate.
    let signature = if on(Stage::Duplicates) {
        clock.time("dedup", || extract::dedup::signature(text, &wire))
    } else {
        None
    };
    if on(Stage::Links) {
        let bp = clock.time("boilerplate", || extract::boilerplate::boilerplate(&doc));
        rec.links = links;
        rec.embeds = bp.embeds;
        rec.boilerplate = bp.spans;
        rec.boilerplate.extend(wire);
        rec.boilerplate.sort_by_key(|b| b.start);
    }
    fill_counts(&doc, include, &mut rec);
    clock.time("offsets", || rec.to_code_points(&doc.offsets));
    rec.timings = clock.into_timings();
    (rec, signature)
}

/// The parsed sentences: all of them with `tokens`, else those [`extract::syntax::needed_sentences`]
/// picks from the entities' mentions (byte offsets at this point).
fn syntax(doc: &Document, include: Include, rec: &Record) -> Vec<extract::syntax::ParsedSentence> {
    if include.has(Stage::Tokens) {
        return extract::syntax::parse_all(doc);
    }
    let spans: Vec<(usize, usize)> = rec
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    let needed = extract::syntax::needed_sentences(doc, &spans);
    extract::syntax::parse_sentences(doc, &needed)
}

/// The document-level counts and, when asked, the sentence spans.
fn fill_counts(doc: &Document, include: Include, rec: &mut Record) {
    rec.n_chars = doc.text.chars().count();
    rec.n_words = doc.n_words();
    rec.n_sentences = doc.sentences.len();
    if include.has(Stage::Sentences) {
        let spans = doc.sentences.iter();
        rec.sentences = Some(
            spans
                .map(|s| SentenceRec {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
        );
    }
}
