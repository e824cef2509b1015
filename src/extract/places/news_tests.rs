//! The places defects of issues #18 and #19, each on the real article where it was seen: BBC
//! News articles read from `../shared/data/bbc_news/all.jsonl` and LGL articles (local US news)
//! from `../shared/data/geo_lgl/all.jsonl` by id (the test passes, with a note, when the data
//! set is not beside the checkout).

use std::sync::LazyLock;

use crate::article::{Article, Include};
use crate::record::{EntityRec, PlaceRec, Record};
use crate::Extractor;

/// The BBC corpus as (id, text) pairs; empty when absent.
static BBC: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| crate::test_corpus::articles("bbc_news/all.jsonl", "BBC"));

/// The LGL geoparsing corpus (local US news) as (id, text) pairs; empty when absent.
static LGL: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| crate::test_corpus::articles("geo_lgl/all.jsonl", "LGL"));

/// The record of BBC article `id`, `None` when the corpus is absent.
fn bbc(id: &str) -> Option<(String, Record)> {
    record_of(&BBC, id)
}

/// The record of LGL article `id`, `None` when the corpus is absent.
fn lgl(id: &str) -> Option<(String, Record)> {
    record_of(&LGL, id)
}

/// The record of article `id` of `corpus`.
fn record_of(corpus: &[(String, String)], id: &str) -> Option<(String, Record)> {
    let (_, text) = corpus.iter().find(|(i, _)| i == id)?;
    let ex = Extractor::builder().threads(1).build().ok()?;
    let rec = ex.extract_one(&Article::from_text(text.clone()), Include::default());
    Some((text.clone(), rec))
}

/// The entity with a mention covering code point `at`, and its place.
fn place_at(rec: &Record, at: usize) -> Option<(&EntityRec, Option<&PlaceRec>)> {
    let e = rec
        .entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.start <= at && at < m.end))?;
    Some((e, rec.places.iter().find(|p| p.entity == e.id)))
}

/// Code point offset of the `n`th occurrence of `what` in `text`.
fn offset(text: &str, what: &str, n: usize) -> usize {
    let (i, _) = text
        .match_indices(what)
        .nth(n)
        .unwrap_or_else(|| panic!("{what:?} #{n} not in the text"));
    text[..i].chars().count()
}

/// The place of the mention at the `n`th occurrence of `what` in BBC article `id`.
fn placed(id: &str, what: &str, n: usize) -> Option<Option<(String, String, Option<String>)>> {
    let (text, rec) = bbc(id)?;
    let at = offset(&text, what, n);
    Some(
        place_at(&rec, at)
            .and_then(|(_, p)| p.map(|p| (p.name.clone(), p.feature.clone(), p.country.clone()))),
    )
}

#[test]
fn a_major_namesake_wins_without_local_context() {
    // "In London, Brent crude fell ..." in a story about Opec and the United States.
    if let Some(p) = placed("bbc-business-144", "London, Brent", 0) {
        assert_eq!(p.and_then(|p| p.2).as_deref(), Some("GBR"));
    }
    // "The Paris-based exchange" beside London, Amsterdam and Lisbon.
    if let Some(p) = placed("bbc-business-279", "Paris-based", 0) {
        assert_eq!(p.and_then(|p| p.2).as_deref(), Some("FRA"));
    }
}

#[test]
fn england_and_wales_are_two_british_countries() {
    // Read wrong (a town called Wales, near York) before; 27 of the 29 BBC articles with
    // "England and Wales" are right now (`eval-places`), bbc-politics-066 is not yet.
    if let Some(p) = placed("bbc-politics-105", "England and Wales", 0) {
        let p = p.unwrap();
        assert_eq!((p.0.as_str(), p.1.as_str()), ("England", "admin"));
    }
    let Some((text, rec)) = bbc("bbc-politics-105") else {
        return;
    };
    let at = offset(&text, "England and Wales", 0) + "England and ".len();
    let (_, p) = place_at(&rec, at).unwrap();
    let p = p.unwrap();
    assert_eq!((p.name.as_str(), p.feature.as_str()), ("Wales", "admin"));
}

#[test]
fn new_york_in_business_news_is_the_city() {
    // "In late trading in New York, the dollar ..."
    if let Some(p) = placed("bbc-business-002", "New York, the dollar", 0) {
        let p = p.unwrap();
        assert_eq!((p.1.as_str(), p.2.as_deref()), ("city", Some("USA")));
    }
}

#[test]
fn holidays_are_no_places() {
    // "... because of Christmas celebrations."
    if let Some(p) = placed("bbc-business-170", "Christmas", 0) {
        assert!(p.is_none(), "{p:?}");
    }
}

#[test]
fn a_companys_acronym_is_no_country() {
    let Some((_, rec)) = bbc("bbc-tech-031") else {
        return;
    };
    assert!(
        rec.places
            .iter()
            .all(|p| p.country.as_deref() != Some("ZAF")),
        "{:?}",
        rec.places
    );
}

#[test]
fn a_square_named_after_a_town_is_not_in_it() {
    if let Some(p) = placed("bbc-entertainment-036", "Leicester Square", 0) {
        assert!(p.as_ref().is_none_or(|p| p.0 != "Leicester"), "{p:?}");
    }
}

#[test]
fn a_province_prefers_the_country_of_the_article() {
    // An Irish rugby report: Ireland, Irish, Lansdowne Road.
    if let Some(p) = placed("bbc-sport-379", "Leinster", 0) {
        assert!(
            p.as_ref().is_none_or(|p| p.2.as_deref() != Some("AUS")),
            "{p:?}"
        );
    }
}

#[test]
fn abbreviated_counties_are_places() {
    // "... near RAF Fairford, Glos, in 2003."
    let Some((text, rec)) = bbc("bbc-politics-131") else {
        return;
    };
    let (e, p) = place_at(&rec, offset(&text, "Glos", 0)).unwrap();
    assert_eq!(e.etype.label(), "LOC");
    assert_eq!(p.unwrap().name, "Gloucestershire");
}

#[test]
fn holidays_are_events_not_places_or_people() {
    // Issue #19: "Christmas" was a LOC (or an ORG) in 50 of the 88 BBC articles that name it.
    for id in [
        "bbc-business-170",
        "bbc-business-207",
        "bbc-business-306",
        "bbc-business-409",
    ] {
        let Some((_, rec)) = bbc(id) else {
            return;
        };
        let named: Vec<&EntityRec> = rec
            .entities
            .iter()
            .filter(|e| e.name.starts_with("Christmas"))
            .collect();
        assert!(!named.is_empty(), "{id}: no Christmas entity");
        for e in named {
            assert_eq!(
                (e.etype, e.subtype.as_deref()),
                (crate::record::EntityType::Misc, Some("event")),
                "{id}: {e:?}"
            );
        }
    }
}

/// A place as the LGL tests read it: name, feature, country, latitude, longitude.
type Placed = (String, String, String, f64, f64);

/// The place of the entity with a mention at the `n`th occurrence of `what` in LGL article
/// `id`.
fn lgl_placed(id: &str, what: &str, n: usize) -> Option<Option<Placed>> {
    let (text, rec) = lgl(id)?;
    let at = offset(&text, what, n);
    Some(place_at(&rec, at).and_then(|(_, p)| {
        let p = p?;
        Some((
            p.name.clone(),
            p.feature.clone(),
            p.country.clone().unwrap_or_default(),
            p.lat?,
            p.lon?,
        ))
    }))
}

#[test]
fn a_states_name_or_abbreviation_is_the_state_not_a_town() {
    // "Vance, 57, of Fresno, Calif." in an AP story that also names Pittsburgh: California,
    // not the town of California, Pennsylvania (near Pittsburgh).
    if let Some(p) = lgl_placed("lgl-42388700", "Calif.", 0) {
        let p = p.unwrap();
        assert_eq!(
            (p.0.as_str(), p.1.as_str()),
            ("California", "admin"),
            "{p:?}"
        );
    }
    // "Rep. Charles Rangel, D-N.Y.": "N.Y." names only the state, so the entity is the state
    // rather than New York City.
    if let Some(p) = lgl_placed("lgl-40320537", "N.Y.", 0) {
        let p = p.unwrap();
        assert_eq!((p.1.as_str(), p.2.as_str()), ("admin", "USA"), "{p:?}");
    }
}

#[test]
fn a_state_written_after_a_town_rules_out_its_namesakes_elsewhere() {
    // "BELGRADE, Minn.": the gazetteer knows Belgrade, Montana, and Belgrade, Serbia, not the
    // Minnesota town; no place rather than one 1,256 km away.
    if let Some(p) = lgl_placed("lgl-40758393", "BELGRADE", 0) {
        assert!(
            p.as_ref().is_none_or(|p| (p.3 - 45.45).abs() < 1.5),
            "{p:?}"
        );
    }
    // "Alexandria" in Virginia stays there: Egypt's Alexandria Governorate is no state of the
    // town's country, so the town keeps its reading.
    if let Some(p) = lgl_placed("lgl-38572304", "Alexandria", 0) {
        assert_eq!(p.map(|p| p.2).as_deref(), Some("USA"));
    }
}

#[test]
fn a_city_inside_the_state_of_its_name_keeps_its_reading() {
    // "the World Summit for the Information Society (WSIS), which is meeting this week in
    // Geneva": the Swiss city, which lies inside the canton of Geneva (a state of its name whose
    // gazetteer entry has no admin1 code), not one of the ten smaller US Genevas.
    if let Some(p) = placed("bbc-tech-033", "Geneva", 0) {
        assert_eq!(p.and_then(|p| p.2).as_deref(), Some("CHE"));
    }
}
