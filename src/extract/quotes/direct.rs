//! Direct quotes: each paired quotation with the cue after it (`"...," he said`, `"...," said
//! Pinotti`) or before it (`He said: "..."`, `X told reporters, "..."`); a quote broken by its
//! attribution (`"We are ready," he said, "to talk."`) is one quote; a quote that follows an
//! attributed one with nothing between keeps its speaker; a quoted fragment inside a reported
//! clause (`he called it "a betrayal"`) is a mixed quote whose content is that clause.

use crate::record::QuoteKind;

use super::lexicon::{cue, CueClass};
use super::marks::Marked;
use super::speaker::{Context, Speaker};
use super::Found;

/// Whether a token is a quotation mark.
pub(super) fn is_mark(t: &str) -> bool {
    matches!(t, "\"" | "“" | "”" | "«" | "»" | "„")
}

/// Whether a token ends a clause for the cue searches.
fn is_stop(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | ";" | ":") || is_mark(t)
}

/// The cue found next to a quotation.
struct Attribution {
    cue: (usize, usize),
    speaker: Option<Speaker>,
    /// First token after the attribution.
    next: usize,
}

/// Direct and mixed quotes of the paired quotations `marked`.
pub(super) fn direct(cx: &Context, marked: &[Marked]) -> Vec<Found> {
    let doc = cx.doc;
    let mut out: Vec<Found> = Vec::new();
    // The end of the previous attributed quote (its token after) and its speaker.
    let mut last: Option<(usize, Option<Speaker>)> = None;
    let mut i = 0;
    while i < marked.len() {
        let m = marked[i];
        i += 1;
        let open_tok = doc.token_at(m.open);
        let after = doc.token_at(m.close);
        let words = (doc.token_at(m.start)..doc.token_at(m.end))
            .filter(|&k| cx.is_word(k))
            .count();
        // Punctuation inside the closing mark ("...," / "...?") marks a quotation, not a title.
        let inner_punct = doc.text[m.end..m.close]
            .chars()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, ',' | '.' | '?' | '!' | '—'))
            || doc.text[..m.end].ends_with(['.', '?', '!']);
        // A short run of capitalized words is a title ("This Week," "The View"), not speech.
        let title = (2..=4).contains(&words)
            && (doc.token_at(m.start)..doc.token_at(m.end))
                .filter(|&k| cx.is_word(k))
                .all(|k| cx.tok(k).chars().next().is_some_and(char::is_uppercase));
        if title {
            continue;
        }
        let speech = inner_punct || after < doc.tokens.len() && cx.tok(after) == ",";
        if speech {
            if let Some(a) = attribution_after(cx, after) {
                let mut end = m.end;
                let mut next = a.next;
                // "We are ready," he said, "to talk.": the second part joins the first.
                if let Some(&m2) = marked.get(i) {
                    if next + 1 < doc.tokens.len()
                        && cx.tok(next) == ","
                        && doc.tokens[next + 1].start == m2.open
                    {
                        end = m2.end;
                        next = doc.token_at(m2.close);
                        i += 1;
                    }
                }
                last = Some((next, a.speaker.clone()));
                out.push(Found {
                    start: m.start,
                    end,
                    kind: QuoteKind::Direct,
                    cue: Some(a.cue),
                    speaker: a.speaker,
                });
                continue;
            }
        }
        if let Some((a, mixed)) = attribution_before(cx, open_tok) {
            let (start, end) = if mixed {
                let s = doc.sentences[doc.tokens[open_tok].sentence].end;
                let first = content_start(cx, a.cue.1 + 1);
                (doc.tokens[first].start, trim_end(doc.text, s.max(m.close)))
            } else {
                (m.start, m.end)
            };
            if start < end && (mixed || words > 0) {
                last = Some((after, a.speaker.clone()));
                out.push(Found {
                    start,
                    end,
                    kind: if mixed {
                        QuoteKind::Mixed
                    } else {
                        QuoteKind::Direct
                    },
                    cue: Some(a.cue),
                    speaker: a.speaker,
                });
                continue;
            }
        }
        // A quote right after an attributed one ("...," he said. "And more.") is the same voice.
        if let Some((prev_next, Some(sp))) = &last {
            if (*prev_next..open_tok).all(|k| !cx.is_word(k)) && words > 0 {
                let sp = sp.clone();
                last = Some((after, Some(sp.clone())));
                out.push(Found {
                    start: m.start,
                    end: m.end,
                    kind: QuoteKind::Direct,
                    cue: None,
                    speaker: Some(sp),
                });
                continue;
            }
        }
    }
    out
}

/// The first token of a reported clause starting at `k` (after "that" or a colon).
pub(super) fn content_start(cx: &Context, k: usize) -> usize {
    let n = cx.doc.tokens.len();
    let mut k = k;
    while k < n && matches!(&*cx.low(k), "that" | ":" | ",") {
        k += 1;
    }
    k.min(n.saturating_sub(1))
}

/// `end` moved back over spaces and a final period.
pub(super) fn trim_end(text: &str, end: usize) -> usize {
    let t = text[..end].trim_end();
    let t = t.strip_suffix(['.', ';', ',']).unwrap_or(t).trim_end();
    t.len()
}

/// `"...," he said` / `"...," said Pinotti` / `"...?" asked the minister`: the cue in the few
/// tokens after the closing mark.
fn attribution_after(cx: &Context, after: usize) -> Option<Attribution> {
    let doc = cx.doc;
    let n = doc.tokens.len();
    let first = if after < n && cx.tok(after) == "," {
        after + 1
    } else {
        after
    };
    let limit = (first + 8).min(n);
    // The attribution is in the closing mark's sentence ("...," he said), never the next one.
    let sentence = doc.tokens.get(after.checked_sub(1)?)?.sentence;
    let mut k = first;
    while k < limit {
        if doc.tokens[k].sentence != sentence {
            return None;
        }
        let t = cx.tok(k);
        if is_stop(t)
            || k > first && doc.text[doc.tokens[k - 1].end..doc.tokens[k].start].contains('\n')
        {
            return None;
        }
        if let Some((class, _)) = cue(&cx.low(k)) {
            if matches!(class, CueClass::Call | CueClass::Act) {
                return None;
            }
            let speaker = cx.before(k, first).or_else(|| cx.after(k, limit.min(n)));
            // The speaker stands between the mark and the cue, or right after the cue.
            let before_ok = speaker
                .as_ref()
                .is_some_and(|s| s.end <= doc.tokens[k].start);
            if k > first && !before_ok {
                return None;
            }
            let next = speaker
                .as_ref()
                .map_or(k + 1, |s| doc.token_at(s.end).max(k + 1));
            return Some(Attribution {
                cue: (k, k),
                speaker,
                next,
            });
        }
        k += 1;
    }
    None
}

/// `He said: "..."` / `Pinotti told reporters, "..."` / `according to X, "..."`: the cue in the
/// same sentence before the opening mark. The flag is true for a mixed quote (words of the
/// reported clause stand between the cue and the mark).
fn attribution_before(cx: &Context, open_tok: usize) -> Option<(Attribution, bool)> {
    let doc = cx.doc;
    let sent = &doc.sentences[doc.tokens.get(open_tok)?.sentence];
    // `Trump: "..."`: a name that opens the sentence and a colon.
    if open_tok > sent.tokens.start + 1 && cx.tok(open_tok - 1) == ":" {
        if let Some(sp) = cx.before(open_tok - 1, sent.tokens.start) {
            if sp.entity.is_some() && sp.start == doc.tokens[sent.tokens.start].start {
                let cue = (open_tok - 1, open_tok - 1);
                let next = open_tok;
                return Some((
                    Attribution {
                        cue,
                        speaker: Some(sp),
                        next,
                    },
                    false,
                ));
            }
        }
    }
    let lo = open_tok.saturating_sub(12).max(sent.tokens.start);
    let mut k = open_tok;
    while k > lo {
        k -= 1;
        let t = cx.tok(k);
        if is_stop(t) && t != ":" {
            return None;
        }
        let low = cx.low(k);
        if low == "to" && k > lo && cx.low(k - 1) == "according" {
            let speaker = cx.after(k, open_tok);
            let mixed = speaker
                .as_ref()
                .is_some_and(|s| doc.token_at(s.end) + 1 < open_tok);
            return Some((
                Attribution {
                    cue: (k - 1, k),
                    speaker,
                    next: open_tok,
                },
                mixed,
            ));
        }
        let Some((class, _)) = cue(&low) else {
            continue;
        };
        if class == CueClass::Act {
            return None;
        }
        let participle = low.ends_with("ing") && k > 0 && cx.tok(k - 1) == ",";
        let speaker = if participle {
            // "she said, adding, “...”": the speaker of the verb before.
            cx.participle_subject(k, sent.tokens.start)
        } else {
            cx.before(k, sent.tokens.start)
                .or_else(|| cx.after(k, open_tok))
        }?;
        let gap: Vec<usize> = (k + 1..open_tok).collect();
        let plain = gap
            .iter()
            .all(|&g| matches!(&*cx.low(g), "," | ":" | "that" | "—" | "–"));
        let ends_open = gap
            .last()
            .is_some_and(|&g| matches!(cx.tok(g), "," | ":" | "—"));
        let listener = class == CueClass::Tell && gap.len() <= 5;
        let after_speaker = speaker.start > doc.tokens[k].start
            && gap
                .iter()
                .all(|&g| doc.tokens[g].start < speaker.end || matches!(cx.tok(g), "," | ":"));
        let mixed = class == CueClass::Call || !(plain || ends_open || listener || after_speaker);
        return Some((
            Attribution {
                cue: (k, k),
                speaker: Some(speaker),
                next: open_tok,
            },
            mixed,
        ));
    }
    None
}
