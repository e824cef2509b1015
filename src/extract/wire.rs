//! Wire-service boilerplate: sign-offs ("Reuter", "REUTER", "AP" on the story's last line),
//! datelines ("LONDON, March 3 -", "MACAU (Reuters) –", "NAIROBI, Kenya (AP) _") and bylines
//! ("By Jane Smith", "By Jane Smith, Reuters"). These are no part of the story: the extractor
//! reports them as boilerplate spans (kinds `signoff`, `dateline`, `byline`) and keeps them out
//! of entities, except the dateline's place, which is where the story was filed.
//!
//! Only the story's first lines (datelines, bylines) and its end (sign-offs) are looked at, so
//! the work is constant per article. Offsets are UTF-8 bytes.

use std::sync::LazyLock;

use regex::Regex;

use super::Mention;
use crate::record::{BoilerplateRec, EntityRec, EntityType};

/// Agencies that sign off or credit a story.
const AGENCIES: &str =
    r"Reuters?|REUTERS?|reuter|AP|AFP|UPI|PA|Associated\ Press|Agence\ France-Presse";

/// The last words of a story: an agency alone after a line break or a run of spaces, with the
/// marks some archives keep ("...", a literal "^M").
static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)(?:\A|\n|\ {{2,}}|\.\ )[\ \t]*(?P<s>(?:{AGENCIES})(?:\.\.\.)?)(?:\^M|\r)?\s*\z"
    ))
    .expect("valid regex")
});

/// A dateline at a line start: a capitalized place (optionally ", Region"), then a date, an
/// agency in parentheses, or both, then a dash (or the AP's underscore).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?mx)^[\ \t]*(?P<d>
            (?P<place>[A-Z][A-Z.'\-]*(?:\ [A-Z][A-Z.'\-]*){{0,3}})
            (?:,\ (?:[A-Z][A-Za-z.'\-]*\.?)(?:\ [A-Z][A-Za-z.'\-]*){{0,2}})?
            (?:
                ,\ (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\ \d{{1,2}}
                (?:\ \((?:{AGENCIES})\))?
              | \ \((?:{AGENCIES})\)
            )
            [\ \t]*(?:-{{1,2}}|–|—|_)
        )(?:[\ \t]|$)"
    ))
    .expect("valid regex")
});

/// A byline standing on its own line: "By" and two to four capitalized words, optionally a comma
/// and an agency or a role ("By Jane Smith, Reuters", "By John Doe, BBC News Online").
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mx)^[\ \t]*(?P<b>(?:By|BY)\ [A-Z][\w.'\-]+(?:\ [A-Z][\w.'\-]+){1,3}(?:,\ [A-Z][\w\ .\-]{1,40})?)[\ \t]*$",
    )
    .expect("valid regex")
});

/// How far into a story datelines and bylines are looked for (bytes).
const HEAD_BYTES: usize = 600;
/// How far from its end a sign-off is looked for (bytes).
const TAIL_BYTES: usize = 80;

/// The wire boilerplate of `text`: sign-off, dateline and byline spans, in text order.
pub fn spans(text: &str) -> Vec<BoilerplateRec> {
    let mut out = Vec::new();
    let head_end = floor_char(text, HEAD_BYTES.min(text.len()));
    let head = &text[..head_end];
    if let Some(c) = DATELINE.captures(head) {
        if let Some(d) = c.name("d") {
            out.push(rec("dateline", d.start(), d.end(), d.as_str()));
        }
    }
    // A byline among the first non-blank lines only.
    for c in BYLINE.captures_iter(head).take(1) {
        if let Some(b) = c.name("b") {
            let before = &head[..b.start()];
            if before.split('\n').filter(|l| !l.trim().is_empty()).count() <= 2 {
                out.push(rec("byline", b.start(), b.end(), b.as_str()));
            }
        }
    }
    let tail_start = floor_char(text, text.len().saturating_sub(TAIL_BYTES));
    if let Some(s) = SIGNOFF
        .captures(&text[tail_start..])
        .and_then(|c| c.name("s"))
    {
        // The whole story is no sign-off ("AP" alone is a text, not boilerplate).
        if !text[..tail_start + s.start()].trim().is_empty() {
            out.push(rec(
                "signoff",
                tail_start + s.start(),
                tail_start + s.end(),
                s.as_str(),
            ));
        }
    }
    out.sort_by_key(|b| b.start);
    out
}

/// Whether `m` belongs to wire boilerplate and is no entity: anything in a sign-off or byline,
/// and in a dateline anything but its place.
pub fn masks(spans: &[BoilerplateRec], m: &Mention) -> bool {
    spans.iter().any(|b| {
        b.start < m.end && m.start < b.end && !(b.kind == "dateline" && m.etype == EntityType::Loc)
    })
}

/// Drops the entity mentions that [`masks`] would, then the entities left without one
/// (ids and salience are computed again).
pub fn drop_masked(spans: &[BoilerplateRec], entities: &mut Vec<EntityRec>) {
    let before = entities.len();
    let mut changed = false;
    for e in entities.iter_mut() {
        let n = e.mentions.len();
        e.mentions.retain(|m| {
            !spans.iter().any(|b| {
                b.start < m.end
                    && m.start < b.end
                    && !(b.kind == "dateline" && e.etype == EntityType::Loc)
            })
        });
        changed |= e.mentions.len() != n;
    }
    entities.retain(|e| !e.mentions.is_empty());
    if changed || entities.len() != before {
        super::resolve::finish(entities);
    }
}

fn rec(kind: &str, start: usize, end: usize, text: &str) -> BoilerplateRec {
    BoilerplateRec {
        kind: kind.to_string(),
        start,
        end,
        text: text.to_string(),
    }
}

/// The largest char boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, String)> {
        spans(text).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn signoffs_at_the_end_only() {
        assert_eq!(
            kinds("Prices rose, it said.\n Reuter"),
            vec![("signoff".into(), "Reuter".into())]
        );
        assert_eq!(
            kinds("total 55.8 (33.7).        REUTER\n"),
            vec![("signoff".into(), "REUTER".into())]
        );
        assert_eq!(
            kinds("It said so.\nREUTER...^M"),
            vec![("signoff".into(), "REUTER...".into())]
        );
        assert!(kinds("He told Reuters on Friday.").is_empty());
        assert!(kinds("Reuter").is_empty());
        assert!(kinds("The deal with Paul Reuter").is_empty());
    }

    #[test]
    fn datelines_and_bylines_at_the_start() {
        assert_eq!(
            kinds("LONDON, March 3 - Shares fell.")[0],
            ("dateline".into(), "LONDON, March 3 -".into())
        );
        assert_eq!(
            kinds("NAIROBI, Kenya (AP) _\n\nBombs exploded.")[0],
            ("dateline".into(), "NAIROBI, Kenya (AP) _".into())
        );
        assert_eq!(
            kinds("MACAU (Reuters) – Sheldon Adelson said.")[0],
            ("dateline".into(), "MACAU (Reuters) –".into())
        );
        assert_eq!(
            kinds("By Jane Smith, Reuters\nLONDON, March 3 - Shares fell.")
                .iter()
                .map(|k| k.0.as_str())
                .collect::<Vec<_>>(),
            vec!["byline", "dateline"]
        );
        // Prose is no dateline: no date, no agency.
        assert!(kinds("LONDON - Shares fell.").is_empty());
        assert!(kinds("Shares fell. By John Smith's count, more.").is_empty());
    }

    #[test]
    fn no_panic_on_multibyte_text_near_the_limits() {
        let s = "é".repeat(400) + " Reuter";
        assert!(spans(&s).iter().all(|b| s.get(b.start..b.end).is_some()));
        let s = "€".repeat(300);
        assert!(spans(&s).is_empty());
    }
}
