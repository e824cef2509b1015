//! Reported speech: a cue verb and the clause it governs, with the speaker before the cue
//! (`Pinotti stressed that ...`, `X told reporters ...`), after it at the end of the sentence
//! (`..., said a spokesman.`), or the phrase `according to X` at either end of the clause.

use crate::record::QuoteKind;

use super::direct::{content_start, is_mark, trim_end};
use super::lexicon::{cue, may_be_cue, needs_particle, pronoun, takes_particle, CueClass, Pronoun};
use super::marks::Marked;
use super::speaker::Context;
use super::Found;

/// Words that start no reported clause ("said in", "told to", "called for").
fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "to" | "about"
            | "of"
            | "for"
            | "with"
            | "in"
            | "on"
            | "at"
            | "by"
            | "from"
            | "into"
            | "as"
            | "up"
            | "out"
            | "off"
            | "over"
            | "and"
            | "or"
            | "but"
            | "."
            | ")"
            | "?"
            | "!"
            | "—"
    )
}

/// Whether the token `bytes` may be "according" or a cue verb (a cheap test, exact in one
/// direction only: the cue lexicon decides). Cues start with a lower-case ASCII letter
/// ("According" too, at the start of the sentence, `first`): a capital inside a sentence is a
/// name. An ASCII word keeps its length in lower case: most words are known to be neither
/// "according" nor a cue from their length and end letters (no lower-casing, no coverage
/// search).
#[inline]
fn may_start_reported(bytes: &[u8], first: bool) -> bool {
    let Some((&a, _)) = bytes.split_first() else {
        // The original test read the byte after an empty token: no cue either way.
        return false;
    };
    if !a.is_ascii_alphabetic() || (a.is_ascii_uppercase() && !first) {
        return false;
    }
    let len = bytes.len();
    let last = bytes[len - 1].to_ascii_lowercase();
    let a = a.to_ascii_lowercase();
    let second = bytes.get(1).map_or(0, u8::to_ascii_lowercase);
    let according = len == 9 && a == b'a' && last == b'g';
    according || may_be_cue(len, a, second, last) || !bytes.is_ascii()
}

/// Reported speech around the cues of `cx` that no direct quote used; `used` holds the byte
/// spans (quote and cue) of the direct quotes, in text order.
pub(super) fn indirect(cx: &Context, marked: &[Marked], used: &[(usize, usize)]) -> Vec<Found> {
    let doc = cx.doc;
    let mut used: Vec<(usize, usize)> = used.to_vec();
    used.extend(marked.iter().map(|m| (m.start, m.end)));
    used.sort_unstable();
    // Running maximum of the span ends, so that one binary search tells coverage.
    let mut reach = Vec::with_capacity(used.len());
    let mut r = 0;
    for &(_, e) in &used {
        r = r.max(e);
        reach.push(r);
    }
    let covered = |b: usize| {
        let i = used.partition_point(|&(s, _)| s <= b);
        i > 0 && reach[i - 1] > b
    };
    // The opening marks of the quotations, sorted: whether a span holds one is a binary search
    // (not a pass over every quotation of a long text per indirect quote).
    let mut opens: Vec<usize> = marked.iter().map(|m| m.open).collect();
    opens.sort_unstable();
    let holds_open = |start: usize, end: usize| {
        let i = opens.partition_point(|&o| o < start);
        opens.get(i).is_some_and(|&o| o < end)
    };
    let mut out = Vec::new();
    for sent in &doc.sentences {
        let (lo, hi) = (sent.tokens.start, sent.tokens.end);
        if let Some(f) = colon(cx, lo, hi) {
            if !covered(f.start) {
                out.push(f);
            }
        }
        let text = doc.text.as_bytes();
        for (k, t) in (lo..hi).zip(&doc.tokens[lo..hi]) {
            let bytes = text.get(t.start..t.end).unwrap_or_default();
            if !may_start_reported(bytes, k == lo) {
                continue;
            }
            if covered(t.start) {
                continue;
            }
            let low = cx.low(k);
            let found = if low == "according" && k + 1 < hi && cx.low(k + 1) == "to" {
                according(cx, k, lo, hi)
            } else if let Some((class, lemma)) = cue(&low) {
                if bytes.first().is_some_and(u8::is_ascii_uppercase) || class == CueClass::Quoting {
                    continue;
                }
                verb(cx, k, class, lemma, lo, hi)
            } else {
                continue;
            };
            if let Some(mut f) = found {
                let opens_mark = doc.text[f.start..]
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '"' | '“' | '«' | '„'));
                if f.end <= f.start || opens_mark {
                    continue;
                }
                // Three words at least (counted no further).
                let words = doc.span(f.start, f.end).split_whitespace().take(3).count();
                if words < 3 {
                    continue;
                }
                if holds_open(f.start, f.end) {
                    f.kind = QuoteKind::Mixed;
                }
                out.push(f);
            }
        }
    }
    out
}

/// `Sanders: I'm not much of a socialist`: a name that opens the sentence,
/// a colon, and the words it said.
fn colon(cx: &Context, lo: usize, hi: usize) -> Option<Found> {
    let doc = cx.doc;
    let c = (lo + 1..(lo + 7).min(hi)).find(|&k| cx.tok(k) == ":")?;
    let sp = cx.before(c, lo)?;
    if sp.entity.is_none() || sp.start != doc.tokens[lo].start || c + 1 >= hi {
        return None;
    }
    let start = doc.tokens[c + 1].start;
    let end = trim_end(doc.text, doc.tokens[hi - 1].end);
    // A quotation after the colon is the direct pass's (see `direct::attribution_before`).
    if doc.text[start..]
        .chars()
        .next()
        .is_some_and(|ch| matches!(ch, '"' | '“' | '«' | '„'))
    {
        return None;
    }
    (end > start).then_some(Found {
        start,
        end,
        kind: QuoteKind::Indirect,
        cue: Some((c, c)),
        speaker: Some(sp),
    })
}

/// `according to X, ...` / `..., according to X.`
fn according(cx: &Context, k: usize, lo: usize, hi: usize) -> Option<Found> {
    let doc = cx.doc;
    let speaker = cx.after(k + 1, hi)?;
    let (start, end) = if k > lo + 1 {
        // The clause before: "..., according to the ministry."
        let stop = if cx.tok(k - 1) == "," { k - 1 } else { k };
        (
            doc.tokens[lo].start,
            trim_end(doc.text, doc.tokens[stop].start),
        )
    } else {
        let after = doc.token_at(speaker.end);
        if after >= hi {
            return None;
        }
        let first = content_start(cx, after);
        (
            doc.tokens[first].start,
            trim_end(doc.text, doc.tokens[hi - 1].end),
        )
    };
    Some(Found {
        start,
        end,
        kind: QuoteKind::Indirect,
        cue: Some((k, k + 1)),
        speaker: Some(speaker),
    })
}

/// A cue verb at `k` in the sentence `lo..hi`.
fn verb(
    cx: &Context,
    k: usize,
    class: CueClass,
    lemma: &str,
    lo: usize,
    hi: usize,
) -> Option<Found> {
    let doc = cx.doc;
    let mut cue_end = k;
    let mut class = class;
    if k + 1 < hi && takes_particle(lemma, &cx.low(k + 1)) {
        // "talked about ...", "called for ...": the content follows the particle.
        cue_end = k + 1;
        if class == CueClass::Call {
            class = CueClass::Act;
        }
    } else if needs_particle(lemma) {
        return None;
    }
    let sent_end = trim_end(doc.text, doc.tokens[hi - 1].end);
    // At most five words after the cue (counted no further, and only where it matters).
    let few_after = || {
        (cue_end + 1..hi)
            .filter(|&j| cx.is_word(j))
            .nth(5)
            .is_none()
    };
    // "Trump attacked Clinton, saying ...": the sentence's subject speaks.
    let participle = k > lo + 1 && cx.tok(k - 1) == "," && cx.low(k).ends_with("ing");
    let speaker = if participle {
        cx.participle_subject(k, lo)
    } else {
        cx.before(k, lo)
    };
    if let Some(sp) = speaker {
        let sp_tok = doc.token_at(sp.start);
        if class == CueClass::Call && sp.entity.is_none() {
            return None;
        }
        let relative = pronoun(&cx.low(sp_tok)) == Some(Pronoun::Relative);
        // "..., Pinotti said." — the clause before the comma.
        if !participle && !relative && sp_tok > lo + 2 && cx.tok(sp_tok - 1) == "," && few_after() {
            return Some(Found {
                start: doc.tokens[lo].start,
                end: trim_end(doc.text, doc.tokens[sp_tok - 1].start),
                kind: QuoteKind::Indirect,
                cue: Some((k, cue_end)),
                speaker: Some(sp),
            });
        }
        let first = clause_after(cx, cue_end + 1, class, hi)?;
        return Some(Found {
            start: doc.tokens[first].start,
            end: sent_end,
            kind: QuoteKind::Indirect,
            cue: Some((k, cue_end)),
            speaker: Some(sp),
        });
    }
    // "..., said a spokesman for the ministry."
    if k > lo + 2 && cx.tok(k - 1) == "," {
        let sp = cx.after(cue_end, hi)?;
        // "..., said Steve Grubbs, an Iowa operative.": an apposition may follow the name.
        let tail = (doc.token_at(sp.end)..hi)
            .take_while(|&j| cx.tok(j) != ",")
            .filter(|&j| cx.is_word(j))
            .count();
        if tail <= 3 {
            return Some(Found {
                start: doc.tokens[lo].start,
                end: trim_end(doc.text, doc.tokens[k - 1].start),
                kind: QuoteKind::Indirect,
                cue: Some((k, cue_end)),
                speaker: Some(sp),
            });
        }
    }
    None
}

/// The first token of the clause a cue governs, starting at `j`: past a listener ("told
/// reporters"), an adverbial before "that" ("said on Monday that"), a colon or a comma.
fn clause_after(cx: &Context, j: usize, class: CueClass, hi: usize) -> Option<usize> {
    let mut j = j;
    if j >= hi {
        return None;
    }
    // "that" within a few words: the clause starts after it.
    let that = (j..(j + 8).min(hi))
        .take_while(|&p| cx.is_word(p) || matches!(cx.tok(p), "’s" | "'s"))
        .find(|&p| cx.low(p) == "that");
    if let Some(p) = that {
        j = p + 1;
    } else if class == CueClass::Tell {
        // "told reporters ...", "told him ...", "told The Associated Press ...".
        let obj_end = (j..(j + 4).min(hi)).find(|&p| !cx.is_word(p) || cx.low(p) == "that");
        j = match obj_end {
            Some(p) if p > j => p,
            _ => j + 1,
        };
    }
    let j = content_start(cx, j);
    // An attitude verb's content may be a "to" clause ("declined to comment").
    let to_ok = class == CueClass::Act && cx.low(j) == "to";
    if j >= hi || (is_preposition(&cx.low(j)) && !to_ok) || is_mark(cx.tok(j)) {
        return None;
    }
    Some(j)
}
