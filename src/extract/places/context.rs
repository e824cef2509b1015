//! What the words around an entity's mentions say about its reading: names coordinated with
//! it ("England and Wales"), words that make a name a state ("New York state", "upstate"), and
//! a country's acronym that is a company's ("RSA" beside "RSA Security").

use crate::lexicon::places::{self, Feature, Place};
use crate::record::{EntityRec, EntityType};
use crate::text::Document;

/// What separates two coordinated names.
const COORDINATORS: &[&str] = &[" and ", ", ", ", and ", " or ", " & ", " and the "];

/// Per entity, the entities one of its mentions is coordinated with: the next or previous
/// mention of the text, separated only by "and", "or" or a comma ("Missouri, New York, North
/// Carolina and Virginia"; "between New York and St. Petersburg"). Linear after a sort.
pub(super) fn coordinated(doc: &Document, entities: &[EntityRec]) -> Vec<Vec<usize>> {
    let mut spans: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i)))
        .collect();
    spans.sort_unstable();
    let mut out = vec![Vec::new(); entities.len()];
    for w in spans.windows(2) {
        let [(_, a_end, a), (b_start, _, b)] = [w[0], w[1]];
        let joined = a != b
            && doc
                .text
                .get(a_end..b_start)
                .is_some_and(|gap| COORDINATORS.contains(&gap));
        if joined {
            if !out[a].contains(&b) {
                out[a].push(b);
            }
            if !out[b].contains(&a) {
                out[b].push(a);
            }
        }
    }
    out
}

/// The kind of reading coordination compares: 1 for a country or state, 2 for a city.
pub(super) fn level_kind(p: &Place) -> u8 {
    match p.feature {
        Feature::Country => 1,
        Feature::Admin if p.level == 1 => 1,
        Feature::City => 2,
        _ => 0,
    }
}

/// Words near a name that make it a state rather than its city ("New York state", "upstate
/// New York", "the New York border", "New York Governor").
const STATE_WORDS: &[&str] = &[
    "state",
    "upstate",
    "statewide",
    "governor",
    "gov",
    "legislature",
    "border",
];

/// Whether a state word ([`STATE_WORDS`]) is among the two words before or after a mention:
/// the last two words (runs of letters) of the 30 bytes before it, the first two of the 30
/// characters after it, lower-cased. Allocates nothing (but for a non-ASCII word).
pub(super) fn state_cue(doc: &Document, e: &EntityRec) -> bool {
    let not_letter = |c: char| !c.is_alphabetic();
    let state_word = |w: &&str| {
        if w.is_ascii() {
            STATE_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s))
        } else {
            STATE_WORDS.contains(&w.to_lowercase().as_str())
        }
    };
    e.mentions.iter().any(|m| {
        let before = doc.text.get(..m.start).unwrap_or("");
        let cut = (before.len().saturating_sub(30)..before.len())
            .find(|&i| before.is_char_boundary(i))
            .unwrap_or(before.len());
        let before = before.get(cut..).unwrap_or("");
        let rest = doc.text.get(m.end..).unwrap_or("");
        let end = rest.char_indices().nth(30).map_or(rest.len(), |(i, _)| i);
        let after = rest.get(..end).unwrap_or("");
        before
            .split(not_letter)
            .filter(|w| !w.is_empty())
            .rev()
            .take(2)
            .chain(after.split(not_letter).filter(|w| !w.is_empty()).take(2))
            .any(|w| state_word(&w))
    })
}

/// Whether a mention of the entity is a form that names only states or provinces (an
/// abbreviation such as "N.Y." or "Calif.": a gazetteer name with no other reading), so that the
/// entity is the state, not its city. (The entity's name is no evidence: resolution may give
/// "New York" the gazetteer's "New York State".)
pub(super) fn state_form(e: &EntityRec) -> bool {
    e.mentions.iter().any(|m| {
        let found = places::candidates(m.text.trim());
        !found.is_empty()
            && found
                .iter()
                .filter_map(|&j| places::get(j))
                .all(|p| p.feature == Feature::Admin && p.level == 1)
    })
}

/// Words after a name that make it a company's ("RSA Security", "ABC Holdings").
const COMPANY_HEADS: &[&str] = &[
    "Security",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Ltd",
    "Ltd.",
    "Plc",
    "plc",
    "Holdings",
    "Technologies",
    "Systems",
    "Software",
    "Networks",
    "Labs",
];

/// Words before a name that make it a company's ("security firm RSA", "the company RSA").
const COMPANY_WORDS: &[&str] = &["firm", "company", "maker", "vendor", "giant", "provider"];

/// Whether a mention is written as a company's name: before a company word ("RSA Security") or
/// after one ("security firm RSA").
fn company_words(doc: &Document, e: &EntityRec) -> bool {
    e.mentions.iter().any(|m| {
        let after = doc
            .text
            .get(m.end..)
            .and_then(|a| a.strip_prefix(' '))
            .and_then(|a| a.split([' ', ',', '\n']).next())
            .is_some_and(|w| COMPANY_HEADS.contains(&w));
        let before = doc
            .text
            .get(..m.start)
            .and_then(|b| b.split_whitespace().next_back())
            .is_some_and(|w| COMPANY_WORDS.contains(&w));
        after || before
    })
}

/// Whether every mention of a LOC entity is an all-capital alias of a country ("RSA") that
/// also begins an organization's name in the article or is written as a company's ("RSA
/// Security", "security firm RSA"), and the article names that country in no other way (its
/// name, a demonym, a place in it): then it is the company's acronym, not the country.
pub(super) fn company_acronym(
    doc: &Document,
    own: usize,
    entities: &[EntityRec],
    cands: &[(u32, bool)],
    countries_named: &[(usize, &str)],
) -> bool {
    let Some(e) = entities.get(own) else {
        return false;
    };
    let acronym = |t: &str| {
        (2..=5).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    };
    if e.mentions.is_empty() || !e.mentions.iter().all(|m| acronym(&m.text)) {
        return false;
    }
    let country: Vec<&str> = cands
        .iter()
        .filter_map(|&(j, _)| places::get(j))
        .filter(|p| p.feature == Feature::Country)
        .filter_map(|p| p.country)
        .collect();
    let [iso] = country[..] else {
        return false;
    };
    let org = entities.iter().any(|o| {
        o.etype == EntityType::Org
            && e.mentions.iter().any(|m| {
                o.name
                    .strip_prefix(m.text.as_str())
                    .is_some_and(|r| r.starts_with(' '))
            })
    });
    (org || company_words(doc, e)) && !countries_named.iter().any(|&(j, c)| j != own && c == iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinated_names_are_paired() {
        let text = "Courts in England and Wales, and flights between Paris or Rome.";
        let doc = Document::new(text);
        let at = |name: &str, id: &str| {
            let mut e = super::super::tests::loc(id, name);
            let s = text.find(name).unwrap();
            e.mentions[0].start = s;
            e.mentions[0].end = s + name.len();
            e
        };
        let ents = [
            at("England", "E1"),
            at("Wales", "E2"),
            at("Paris", "E3"),
            at("Rome", "E4"),
        ];
        let c = coordinated(&doc, &ents);
        assert_eq!(c[0], [1]);
        assert_eq!(c[2], [3]);
        // "Wales, and flights between Paris": not adjacent names.
        assert_eq!(c[1], [0]);
    }

    #[test]
    fn state_words_near_a_mention() {
        let text = "Voters in upstate New York and the New York Stock Exchange.";
        let doc = Document::new(text);
        let mut e = super::super::tests::loc("E1", "New York");
        let s = text.find("New York").unwrap();
        e.mentions[0].start = s;
        e.mentions[0].end = s + 8;
        assert!(state_cue(&doc, &e));
        let s = text.rfind("New York").unwrap();
        e.mentions[0].start = s;
        e.mentions[0].end = s + 8;
        assert!(!state_cue(&doc, &e));
    }
}
