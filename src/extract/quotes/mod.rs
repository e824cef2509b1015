//! Quotes: who said what. Direct quotes (paired marks, over paragraphs, broken by their
//! attribution), reported speech (`Pinotti stressed that ...`, `according to the ministry, ...`)
//! and mixed quotes (`he called it "a betrayal"`), each with its cue and speaker.
//!
//! Rules over the tokens and the article's entities, in two passes: [`direct`] reads every
//! paired quotation and looks for its cue after it (`"...," he said`) or before it (`He said:
//! "..."`); [`indirect`] reads the cue verbs left (lexicon in [`lexicon`], every tense) and takes
//! the clause they govern. [`speaker`] names and resolves the speaker. Linear in the text.
//!
//! # Examples
//! ```
//! use newsfacts::text::Document;
//! use newsfacts::extract::quotes::quotes;
//! let doc = Document::new("“We are ready,” he said, “to talk.”");
//! let q = quotes(&doc, &[]);
//! assert_eq!(q[0].cue.as_deref(), Some("said"));
//! assert_eq!(q[0].speaker_name.as_deref(), Some("he"));
//! ```

mod direct;
mod indirect;
pub mod lexicon;
pub mod marks;
#[cfg(test)]
mod news_tests;
pub mod speaker;
#[cfg(test)]
mod tests;

use crate::record::{EntityRec, QuoteKind, QuoteRec};
use crate::text::Document;

use speaker::{Context, Speaker};

/// A quote found by a pass, in byte offsets, before it becomes a [`QuoteRec`].
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: QuoteKind,
    /// The cue's tokens (first, last), when there is one.
    cue: Option<(usize, usize)>,
    speaker: Option<Speaker>,
}

/// Every quote and reported statement of `doc`, in text order, with speakers resolved against
/// `entities` (byte offsets, as the entity stage leaves them).
pub fn quotes(doc: &Document, entities: &[EntityRec]) -> Vec<QuoteRec> {
    let mut cx = Context::new(doc, entities);
    let marked = marks::pair(doc.text);
    cx.quoted = marked.iter().map(|m| (m.start, m.end)).collect();
    let mut found = direct::direct(&cx, &marked);
    let used: Vec<(usize, usize)> = found
        .iter()
        .map(|f| {
            let (a, b) = f.cue.map_or((f.start, f.end), |(c, d)| {
                (
                    doc.tokens[c].start.min(f.start),
                    doc.tokens[d].end.max(f.end),
                )
            });
            (a, b)
        })
        .collect();
    found.extend(indirect::indirect(&cx, &marked, &used));
    found.sort_by_key(|f| (f.start, f.end));
    found.into_iter().map(|f| record(&cx, f)).collect()
}

/// The record of a found quote.
fn record(cx: &Context, f: Found) -> QuoteRec {
    let doc = cx.doc;
    let (cue, cue_start, cue_end) = match f.cue {
        Some((a, b)) => {
            let (s, e) = (doc.tokens[a].start, doc.tokens[b].end);
            (Some(doc.span(s, e).to_string()), Some(s), Some(e))
        }
        None => (None, None, None),
    };
    let (speaker, speaker_name, speaker_start, speaker_end) = match f.speaker {
        Some(sp) => {
            let words = doc.span(sp.start, sp.end).to_string();
            match sp.entity.and_then(|i| cx.entities.get(i)) {
                Some(e) => (
                    Some(e.id.clone()),
                    Some(e.name.clone()),
                    Some(sp.start),
                    Some(sp.end),
                ),
                None => (None, Some(words), Some(sp.start), Some(sp.end)),
            }
        }
        None => (None, None, None, None),
    };
    QuoteRec {
        start: f.start,
        end: f.end,
        text: doc.span(f.start, f.end).to_string(),
        kind: f.kind,
        cue,
        cue_start,
        cue_end,
        speaker,
        speaker_name,
        speaker_start,
        speaker_end,
    }
}
