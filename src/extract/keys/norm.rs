//! The article-independent part of a key: a name's normalized form, the same in any batch.
//!
//! - transliterated, lower-cased, single-spaced words (as [`crate::extract::resolve::entity_key`]),
//!   dotted initials read as one word ("U.S." = "US", "N.V." = "NV");
//! - a leading "the" and, for organizations, trailing corporate suffixes ("Inc.", "Corp", "Co",
//!   "Ltd", "plc", "AG", "SA", "NV", ...) and "and"/"&" dropped ("Defence & Space" = "Defence
//!   and Space");
//! - British spellings read as American ("Defence" = "Defense", "-isation" = "-ization");
//! - a country name, short form or abbreviation ("United States", "US", "U.S.", "America")
//!   becomes its ISO 3166-1 alpha-3 code, alone (`LOC:USA`) or leading an organization's name
//!   (`ORG:USA air force`); a demonym leads one only before a state body ("American Air Force").

use std::borrow::Cow;

use crate::lexicon::{countries, titles};
use crate::record::EntityType;

/// Corporate suffixes dropped at the end of an organization's name (lower case, no dots).
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "llp",
    "lp",
    "ag",
    "sa",
    "nv",
    "bv",
    "gmbh",
    "spa",
    "se",
    "pty",
];

/// British spellings and their American forms (whole words, lower case).
const SPELLINGS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("centre", "center"),
    ("centres", "centers"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("labour", "labor"),
    ("harbour", "harbor"),
    ("theatre", "theater"),
    ("aluminium", "aluminum"),
    ("honour", "honor"),
    ("colour", "color"),
    ("favour", "favor"),
    ("behaviour", "behavior"),
    ("licence", "license"),
    ("offence", "offense"),
    ("jewellery", "jewelry"),
];

/// Country short forms the lexicon lacks (besides its names and title abbreviations).
const SHORT_FORMS: &[(&str, &str)] = &[
    ("America", "USA"),
    ("Britain", "GBR"),
    ("UK", "GBR"),
    ("US", "USA"),
    ("USA", "USA"),
];

/// Head words of state bodies a country or demonym may lead ("American Air Force" = "US Air
/// Force", "U.S. Department of Justice").
const STATE_HEADS: &[&str] = &[
    "force",
    "navy",
    "army",
    "military",
    "government",
    "embassy",
    "consulate",
    "parliament",
    "congress",
    "senate",
    "police",
    "marines",
    "guard",
    "department",
    "ministry",
    "treasury",
    "administration",
    "agency",
    "bureau",
    "office",
    "court",
    "cabinet",
    "forces",
];

/// The words of a name: as written (dots of initials removed) and in lower case (the matching
/// form), one text each: word `k` is `spans[k]` of both (the words are ASCII: lower case keeps
/// their offsets).
struct Words {
    cased: String,
    lower: String,
    spans: Vec<(usize, usize)>,
}

/// "U.S." → "US", "N.V." → "NV"; other words unchanged (and not copied).
fn undot(w: &str) -> Cow<'_, str> {
    if !w.contains('.') {
        return Cow::Borrowed(w);
    }
    let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.iter().all(|p| p.chars().count() == 1) {
        Cow::Owned(parts.concat())
    } else {
        Cow::Borrowed(w)
    }
}

/// The words of a name (transliterated, split at anything not a letter or digit).
fn words(name: &str) -> Words {
    let mut cased = String::with_capacity(name.len());
    let mut spans = Vec::with_capacity(4);
    for raw in name.split_whitespace() {
        let undotted = undot(raw);
        let mut plain = deunicode::deunicode_with_tofu_cow(&undotted, "");
        if plain.contains('&') {
            plain = Cow::Owned(plain.replace('&', " & "));
        }
        // The words hold only ASCII letters, digits and '&'.
        for w in plain.split(|c: char| !c.is_ascii_alphanumeric() && c != '&') {
            if !w.is_empty() {
                let start = cased.len();
                cased.push_str(w);
                spans.push((start, cased.len()));
            }
        }
    }
    Words {
        lower: cased.to_ascii_lowercase(),
        cased,
        spans,
    }
}

/// The ISO alpha-3 code of a country written as `name` ("United States", "U.S.", "Britain").
pub fn country_code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    if let Some(c) = countries::by_name(name) {
        return Some(c.alpha3);
    }
    if let Some(code) = titles::country_abbreviation(name) {
        return countries::by_alpha3(code).map(|c| c.alpha3);
    }
    let undotted = undot(name);
    SHORT_FORMS
        .iter()
        .find(|(n, _)| *n == undotted)
        .map(|(_, c)| *c)
}

/// The normalized form of a name of type `etype` (the part of the key after `TYPE:`), and the
/// type the key carries (a country named as an organization is a place: `LOC:USA`).
pub fn normalize(name: &str, etype: EntityType) -> (EntityType, String) {
    if etype != EntityType::Norp {
        if let Some(code) = country_code(name) {
            return (EntityType::Loc, code.to_string());
        }
    }
    let Words {
        cased: cased_text,
        lower: lower_text,
        spans: mut ws,
    } = words(name);
    let lower = |&(a, b): &(usize, usize)| lower_text.get(a..b).unwrap_or("");
    if ws.len() > 1 && ws.first().is_some_and(|w| lower(w) == "the") {
        ws.remove(0);
    }
    if etype == EntityType::Org {
        while ws.len() > 1 && ws.last().is_some_and(|w| SUFFIXES.contains(&lower(w))) {
            ws.pop();
            if ws.len() > 1 && ws.last().is_some_and(|w| matches!(lower(w), "&" | "and")) {
                ws.pop();
            }
        }
        if ws.len() > 2 {
            ws.retain(|w| !matches!(lower(w), "&" | "and"));
        }
    }
    ws.retain(|w| lower(w) != "&");
    let cased = |&(a, b): &(usize, usize)| cased_text.get(a..b).unwrap_or("");
    let mut lead: Option<&'static str> = None;
    let mut skip = 0;
    // A country leads a state body's name ("US Air Force"), not a brand ("Singapore Airlines").
    if matches!(etype, EntityType::Org | EntityType::Misc)
        && ws.len() > 1
        && ws[1..].iter().any(|w| STATE_HEADS.contains(&lower(w)))
    {
        for k in (1..ws.len().min(5)).rev() {
            let head: Vec<&str> = ws[..k].iter().map(cased).collect();
            if let Some(code) = country_code(&head.join(" ")) {
                lead = Some(code);
                skip = k;
                break;
            }
        }
        if lead.is_none() {
            lead = countries::by_demonym(cased(&ws[0])).map(|c| c.alpha3);
            skip = usize::from(lead.is_some());
        }
    }
    let mut out = String::with_capacity(lower_text.len() + 4);
    if let Some(code) = lead {
        out.push_str(code);
    }
    for w in &ws[skip..] {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(spelling(lower(w)));
    }
    (etype, out)
}

/// The American spelling of a lower-case word.
fn spelling(w: &str) -> &str {
    SPELLINGS
        .iter()
        .find(|(b, _)| *b == w)
        .map_or(w, |(_, a)| a)
}

/// Whether `name` is written as an acronym: 2 to 8 capitals (digits and "&" allowed inside),
/// dots between letters allowed ("SIA", "EADS", "U.N.").
pub fn is_acronym(name: &str) -> bool {
    let name = name.trim();
    // Undotting only drops dots: a byte other than a capital, digit, '&' or dot stays, and no
    // acronym has one (most names have a lower-case letter: no undotting, no char passes).
    if !name
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&' || b == b'.')
    {
        return false;
    }
    let u = undot(name);
    let letters = u.chars().filter(char::is_ascii_uppercase).count();
    (2..=8).contains(&u.chars().count())
        && letters >= 2
        && u.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
}

/// The acronym as a lookup form ("U.S.A." → "USA").
pub fn acronym_form(name: &str) -> String {
    undot(name.trim()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(name: &str, t: EntityType) -> String {
        let (t, s) = normalize(name, t);
        format!("{}:{s}", t.label())
    }

    #[test]
    fn suffixes_articles_and_punctuation() {
        let o = EntityType::Org;
        assert_eq!(n("Apple Inc.", o), "ORG:apple");
        assert_eq!(n("Apple", o), "ORG:apple");
        assert_eq!(n("the Coca-Cola Company", o), "ORG:coca cola");
        assert_eq!(n("AirTanker Ltd.", o), "ORG:airtanker");
        assert_eq!(n("Aer Lingus Group PLC", o), "ORG:aer lingus group");
        assert_eq!(n("Johnson & Johnson", o), "ORG:johnson johnson");
        assert_eq!(n("Marks and Spencer", o), "ORG:marks spencer");
        assert_eq!(n("Marks & Spencer plc", o), "ORG:marks spencer");
        assert_eq!(
            n("European Aeronautic Defence & Space NV", o),
            n("European Aeronautic Defence and Space Company", o)
        );
        assert_eq!(n("Société Générale SA", o), "ORG:societe generale");
        // A one-word name keeps its only word.
        assert_eq!(n("Inc", o), "ORG:inc");
        // Persons keep every word.
        assert_eq!(
            n("Sammy Davis Co", EntityType::Person),
            "PERSON:sammy davis co"
        );
    }

    #[test]
    fn countries_and_country_led_names() {
        for name in [
            "United States",
            "the United States",
            "US",
            "U.S.",
            "America",
            "USA",
        ] {
            assert_eq!(n(name, EntityType::Loc), "LOC:USA", "{name}");
        }
        assert_eq!(n("U.S.", EntityType::Org), "LOC:USA");
        assert_eq!(n("UK", EntityType::Loc), "LOC:GBR");
        assert_eq!(n("United Kingdom", EntityType::Loc), "LOC:GBR");
        for name in [
            "United States Air Force",
            "US Air Force",
            "U.S. Air Force",
            "the American Air Force",
        ] {
            assert_eq!(n(name, EntityType::Org), "ORG:USA air force", "{name}");
        }
        // A country or demonym leads only a state body; a nationality stays itself.
        assert_eq!(
            n("American Airlines", EntityType::Org),
            "ORG:american airlines"
        );
        assert_eq!(
            n("Singapore Airlines", EntityType::Org),
            "ORG:singapore airlines"
        );
        assert_eq!(
            n("U.S. Department of Justice", EntityType::Org),
            "ORG:USA department of justice"
        );
        assert_eq!(n("American", EntityType::Norp), "NORP:american");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("SIA") && is_acronym("U.N.") && is_acronym("AT&T"));
        assert!(!is_acronym("Apple") && !is_acronym("A") && !is_acronym("iPod"));
        assert_eq!(acronym_form("U.N."), "UN");
    }
}
