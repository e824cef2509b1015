//! Evidence for the tagger against the gazetteer. The gazetteer wins a span it shares with the
//! tagger (see [`super::merge`]) unless the tagger's other reading has evidence in the article;
//! then this step removes the gazetteer's place before the overlaps are settled:
//!
//! - a model ORG on a place name in a sports report ("Surrey", "Barcelona", "Middlesbrough": the
//!   county side or the club), the report told by its vocabulary (scores, "beat", "coach",
//!   "innings", league words);
//! - a model PERSON on a place name that is the last word of a person's full name in the article
//!   ("Dole" after "Bob Dole", "Jordan" after "Michael Jordan"), or any model PERSON on a place
//!   name in a sports report (players called "Staunton" or "Townsend").
//!
//! Either way the place stays a place where a locative word comes before it ("in Surrey") or it
//! opens a dateline ("NEW YORK 1996-08-22").

use super::{HashMap, HashSet};
use super::{Mention, Source};
use crate::record::EntityType;
use crate::text::Document;

/// Words of sports reports (lower case).
const SPORTS_WORDS: &[&str] = &[
    "beat",
    "beats",
    "coach",
    "club",
    "league",
    "match",
    "season",
    "cup",
    "drew",
    "striker",
    "innings",
    "wickets",
    "wicket",
    "halftime",
    "half-time",
    "playoff",
    "playoffs",
    "goal",
    "goals",
    "scored",
    "soccer",
    "cricket",
    "rugby",
    "baseball",
    "basketball",
    "hockey",
    "standings",
    "championship",
    "tournament",
    "midfielder",
    "defender",
    "goalkeeper",
    "batsman",
    "bowler",
    "pitcher",
    "inning",
    "touchdown",
    "quarterback",
    "premier",
    "division",
    "fixtures",
    "results",
    "scores",
    "unbeaten",
    "relegated",
    "promoted",
];

/// Sports words an article needs to read as a sports report.
const SPORTS_MIN: usize = 3;

/// Removes the gazetteer places whose span the tagger read with evidence as an ORG or a PERSON
/// (see the module's doc). Linear in the mentions and the tokens.
pub fn prefer_model(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    let model: HashMap<(usize, usize), EntityType> = mentions
        .iter()
        .filter(|m| m.source == Source::Model)
        .map(|m| ((m.start, m.end), m.etype))
        .collect();
    let contested = |m: &Mention| {
        m.source == Source::Gazetteer
            && m.etype == EntityType::Loc
            && matches!(
                model.get(&(m.start, m.end)),
                Some(EntityType::Org | EntityType::Person)
            )
    };
    if !mentions.iter().any(contested) {
        return mentions;
    }
    // Whether the article reads as a sports report: a pass over its tokens, made only when a
    // contested place has no evidence of its own.
    let sports = std::cell::OnceCell::new();
    let sports = || *sports.get_or_init(|| is_sports_report(doc));
    let surnames = surnames(doc, &mentions);
    mentions
        .into_iter()
        .filter(|m| {
            if !contested(m) {
                return true;
            }
            if locative_before(doc.text, m.start) || dateline(doc.text, m) {
                return true; // evidence for the place
            }
            let model_evidence = match model.get(&(m.start, m.end)) {
                Some(EntityType::Org) => sports(),
                Some(EntityType::Person) => surnames.contains(doc.span(m.start, m.end)) || sports(),
                _ => false,
            };
            !model_evidence
        })
        .collect()
}

/// The last words of the people's full names (two words or more) among `mentions`: "Dole" of
/// "Bob Dole".
pub fn surnames<'d>(doc: &Document<'d>, mentions: &[Mention]) -> HashSet<&'d str> {
    mentions
        .iter()
        .filter(|m| m.etype == EntityType::Person)
        .filter_map(|m| {
            let span = doc.text.get(m.start..m.end)?;
            let mut words = span.split_whitespace();
            let last = words.next_back()?;
            words.next().map(|_| last)
        })
        .collect()
}

/// Whether the article reads as a sports report: at least [`SPORTS_MIN`] tokens that are
/// sports words or scores ("2-1").
fn is_sports_report(doc: &Document) -> bool {
    let mut n = 0;
    let mut lower = [0u8; 12];
    for i in 0..doc.tokens.len() {
        let w = doc.token_text(i);
        // A score has 3 to 5 bytes ("2-1", "10-12").
        let score = (3..=5).contains(&w.len())
            && w.split_once('-').is_some_and(|(a, b)| {
                (1..=2).contains(&a.len())
                    && (1..=2).contains(&b.len())
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            });
        if score || sports_word(w, &mut lower) {
            n += 1;
            if n >= SPORTS_MIN {
                return true;
            }
        }
    }
    false
}

/// [`SPORTS_WORDS`] in ASCII lower case, for one lookup per token.
static SPORTS_SET: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
    SPORTS_WORDS
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect()
});

/// Per length (up to 12 bytes): the ASCII-lower-cased first and last bytes of the
/// [`SPORTS_WORDS`] of that length, as 256-bit sets: a word whose bytes are in neither is no
/// sports word (most tokens), without lower-casing or hashing it.
static SPORTS_ENDS: std::sync::LazyLock<[([u64; 4], [u64; 4]); 13]> =
    std::sync::LazyLock::new(|| {
        let mut ends = [([0u64; 4], [0u64; 4]); 13];
        for w in SPORTS_SET.iter() {
            let b = w.as_bytes();
            let (Some(&a), Some(&z), Some(slot)) = (b.first(), b.last(), ends.get_mut(b.len()))
            else {
                continue;
            };
            slot.0[usize::from(a >> 6)] |= 1 << (a & 63);
            slot.1[usize::from(z >> 6)] |= 1 << (z & 63);
        }
        ends
    });

/// Whether `w` (up to 12 bytes) is one of [`SPORTS_WORDS`] in any ASCII case (as
/// `eq_ignore_ascii_case`), lower-cased in `buf`.
fn sports_word(w: &str, buf: &mut [u8; 12]) -> bool {
    let b = w.as_bytes();
    let (Some(&a), Some(&z), Some(ends)) = (b.first(), b.last(), SPORTS_ENDS.get(b.len())) else {
        return false;
    };
    let (a, z) = (a.to_ascii_lowercase(), z.to_ascii_lowercase());
    if ends.0[usize::from(a >> 6)] >> (a & 63) & 1 == 0
        || ends.1[usize::from(z >> 6)] >> (z & 63) & 1 == 0
    {
        return false;
    }
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false;
    };
    for (d, s) in lower.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    // ASCII lower-casing keeps UTF-8 valid.
    std::str::from_utf8(lower).is_ok_and(|l| SPORTS_SET.contains(l))
}

/// Words before a place that make it one ("in Surrey", "near Jordan").
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "around",
    "inside",
    "throughout",
    "into",
    "toward",
    "towards",
    "via",
    "through",
    "visit",
    "visited",
    "visiting",
];

/// Whether the word just before byte `start` of `text` is a locative word of [`LOCATIVE`]
/// (any case: "In Surrey").
fn locative_before(text: &str, start: usize) -> bool {
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    !word.is_empty() && word.len() <= 10 && LOCATIVE.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the place opens its line in capitals before a date, a comma or a bracket: a wire
/// story's dateline ("NEW YORK 1996-08-22", "CHARLESTON, W.Va. —", "ROME (Reuters) -").
fn dateline(text: &str, g: &Mention) -> bool {
    let span = text.get(g.start..g.end).unwrap_or("");
    let after = text.get(g.end..).unwrap_or("").trim_start_matches(' ');
    span.chars().any(char::is_alphabetic)
        && !span.chars().any(char::is_lowercase)
        && (after.starts_with([',', '(']) || starts_with_iso_date(after))
        && super::merge::opens_line(text, g.start)
}

/// Whether `s` starts with a date written YYYY-MM-DD.
fn starts_with_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, etype: EntityType, source: Source) -> Mention {
        Mention::new(start, end, etype, source)
    }

    /// The gazetteer places left, as (text, index of the occurrence).
    fn places_left(text: &str, ms: Vec<Mention>) -> Vec<String> {
        let doc = Document::new(text);
        prefer_model(&doc, ms)
            .iter()
            .filter(|k| k.source == Source::Gazetteer)
            .map(|k| format!("{}@{}", doc.span(k.start, k.end), k.start))
            .collect()
    }

    fn both(text: &str, w: &str, n: usize, model: EntityType) -> Vec<Mention> {
        let s = text.match_indices(w).nth(n).map_or(0, |(i, _)| i);
        vec![
            m(s, s + w.len(), EntityType::Loc, Source::Gazetteer),
            m(s, s + w.len(), model, Source::Model),
        ]
    }

    #[test]
    fn sports_words_answer_as_the_set_in_any_ascii_case() {
        let mut buf = [0u8; 12];
        let mut probes: Vec<String> = Vec::new();
        for w in SPORTS_WORDS
            .iter()
            .chain(&["", "Surrey", "goalkeeperss", "x", "Ñ"])
        {
            probes.push((*w).to_string());
            probes.push(w.to_ascii_uppercase());
            probes.push(crate::text::title_case(w));
            probes.push(format!("{w}s"));
            probes.push(format!("a{w}"));
        }
        for w in &probes {
            let want = SPORTS_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w));
            assert_eq!(sports_word(w, &mut buf), want, "{w}");
        }
    }

    #[test]
    fn clubs_in_sports_reports_and_surnames_stay_the_taggers() {
        use EntityType::*;
        let text = "CRICKET - COUNTY SCORES\nSurrey beat Kent by five wickets, the innings \
                    over in Surrey. Staunton bowled.\nNEW YORK 1996-08-22\nBob Dole met Dole \
                    voters in Paris.";
        let mut ms = both(text, "Surrey", 0, Org);
        ms.extend(both(text, "Kent", 0, Org));
        ms.extend(both(text, "Surrey", 1, Org)); // "in Surrey": the place
        ms.extend(both(text, "NEW YORK", 0, Org)); // a dateline: the place
        ms.extend(both(text, "Dole", 1, Person)); // the surname of "Bob Dole"
        ms.extend(both(text, "Staunton", 0, Person)); // a player in a sports report
        ms.extend(both(text, "Paris", 0, Person)); // "in Paris"
        let bob = text.find("Bob Dole").unwrap_or(0);
        ms.push(m(bob, bob + 8, Person, Source::Model));
        let left = places_left(text, ms);
        let at = |w: &str, n: usize| {
            format!("{w}@{}", text.match_indices(w).nth(n).map_or(0, |(i, _)| i))
        };
        assert_eq!(
            left,
            vec![at("Surrey", 1), at("NEW YORK", 0), at("Paris", 0)]
        );
    }

    #[test]
    fn outside_sports_a_town_the_tagger_calls_an_org_stays_a_place() {
        let text = "Officials in Marietta said Smyrna would vote. Smyrna approved the plan.";
        let ms = both(text, "Smyrna", 0, EntityType::Org);
        assert_eq!(places_left(text, ms).len(), 1);
    }
}
