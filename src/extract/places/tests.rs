use crate::article::{Article, Include};
use crate::record::{PlaceRec, Record};
use crate::Extractor;

fn extract(text: &str) -> Record {
    let ex = Extractor::builder().threads(1).build().unwrap();
    ex.extract_one(&Article::from_text(text), Include::default())
}

fn place<'r>(rec: &'r Record, name: &str) -> &'r PlaceRec {
    rec.places
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not placed: {:?}", rec.places))
}

fn near(p: &PlaceRec, lat: f64, lon: f64) -> bool {
    crate::lexicon::places::distance_km(p.lat.unwrap(), p.lon.unwrap(), lat, lon) < 10.0
}

/// Written for these tests in the manner of a wire story about Libya and Italy.
const LIBYA: &str = "Libyan Field Marshal Khalifa Haftar held talks in Rome this week.\n\
Italian ministers said smuggling across the Mediterranean must stop.\n\
Italy has trained Libya’s coast guard. Forces back a Tobruk-based administration.\n\
Italy backs the government based in Tripoli, which rivals Haftar’s alliance.";

#[test]
fn the_places_of_a_story_about_libya() {
    let rec = extract(LIBYA);
    let tripoli = place(&rec, "Tripoli");
    assert_eq!(tripoli.country.as_deref(), Some("LBY"));
    assert!(near(tripoli, 32.89, 13.19));
    assert_eq!(tripoli.feature, "city");
    let tobruk = place(&rec, "Tobruk");
    assert!(near(tobruk, 32.08, 23.96) && tobruk.country.as_deref() == Some("LBY"));
    let rome = place(&rec, "Rome");
    assert!(near(rome, 41.89, 12.48) && rome.country.as_deref() == Some("ITA"));
    assert_eq!(place(&rec, "Mediterranean").feature, "water");
    for (n, c) in [("Libya", "LBY"), ("Italy", "ITA")] {
        let p = place(&rec, n);
        assert_eq!(
            (p.feature.as_str(), p.country.as_deref()),
            ("country", Some(c))
        );
        assert!(p.geonameid.is_some());
    }
    // A place of its own links to a LOC entity; a demonym stays NORP and its country's record
    // says so.
    for p in &rec.places {
        let e = rec.entities.iter().find(|e| e.id == p.entity).unwrap();
        let want = if p.source == "demonym" { "NORP" } else { "LOC" };
        assert_eq!(e.etype.label(), want, "{p:?}");
    }
    let libyan = rec.entities.iter().find(|e| e.name == "Libyan").unwrap();
    assert_eq!(
        (libyan.etype.label(), libyan.country.as_deref()),
        ("NORP", Some("LBY"))
    );
    let p = rec.places.iter().find(|p| p.entity == libyan.id).unwrap();
    assert_eq!(
        (p.source, p.name.as_str(), p.feature.as_str()),
        ("demonym", "Libya", "country")
    );
}

/// Written for these tests in the manner of a local US news report.
const LOCAL: &str = "Two men were arrested on Friday, a spokesman for the Dallas Police \
Department said. The suspects had driven from Fort Worth, Texas, to a store in Plano. \
Landmark Bank said its branch was closed. Officers of the Dallas Police Department \
searched the car.";

#[test]
fn an_organization_named_after_a_town_gives_its_place() {
    let rec = extract(LOCAL);
    let org = |name: &str| rec.entities.iter().find(|e| e.name == name);
    let dpd = org("Dallas Police Department").expect("the police department is an entity");
    assert_eq!(dpd.etype.label(), "ORG");
    let p = rec.places.iter().find(|p| p.entity == dpd.id).unwrap();
    assert_eq!((p.source, p.name.as_str()), ("org", "Dallas"));
    assert!(near(p, 32.78, -96.81), "{p:?}");
    // A LOC entity's own place says so.
    assert!(rec
        .places
        .iter()
        .any(|p| p.source == "name" && p.name == "Fort Worth"));
    // A company named after a word that is also a town is no place.
    if let Some(bank) = org("Landmark Bank") {
        assert!(
            rec.places.iter().all(|p| p.entity != bank.id),
            "{:?}",
            rec.places
        );
    }
}

#[test]
fn context_picks_the_right_namesake() {
    let rec = extract("Lebanese troops patrolled Tripoli after clashes near Beirut.");
    assert_eq!(place(&rec, "Tripoli").country.as_deref(), Some("LBN"));
    let rec = extract("Police in Gainesville, Ga., arrested two men on Friday.");
    let g = place(&rec, "Gainesville");
    assert!(near(g, 34.30, -83.82), "{g:?}");
    let rec = extract("Voters in Columbus and Cleveland, Ohio, went to the polls.");
    assert!(near(place(&rec, "Columbus"), 39.96, -83.0));
    let rec = extract("The mayor of Paris met French officials on Monday.");
    assert_eq!(place(&rec, "Paris").country.as_deref(), Some("FRA"));
    let rec = extract("Paris, Texas, is a small town; Dallas is a few hours away.");
    assert_eq!(place(&rec, "Paris").country.as_deref(), Some("USA"));
}

#[test]
fn offsets_are_code_points_with_accents_and_emoji() {
    let text = "Café 🙂 «Tripoli» is in Libya.";
    let rec = extract(text);
    let e = rec.entities.iter().find(|e| e.name == "Tripoli").unwrap();
    let start = text.chars().take_while(|_| true).collect::<Vec<_>>();
    let want = text[..text.find("Tripoli").unwrap()].chars().count();
    assert_eq!(e.mentions[0].start, want);
    assert!(start.len() > want);
    assert_eq!(place(&rec, "Tripoli").country.as_deref(), Some("LBY"));
}

/// A LOC entity as the tagger might give it, one mention at the start of `text`.
pub(super) fn loc(id: &str, name: &str) -> crate::record::EntityRec {
    crate::record::EntityRec {
        id: id.into(),
        name: name.into(),
        etype: crate::record::EntityType::Loc,
        subtype: None,
        aliases: Vec::new(),
        titles: Vec::new(),
        country: None,
        key: String::new(),
        salience: 0.0,
        mentions: vec![crate::record::MentionRec {
            start: 0,
            end: name.chars().count(),
            text: name.into(),
            sentence: 0,
        }],
    }
}

#[test]
fn tagger_names_in_capitals_and_facilities_find_their_place() {
    let text = "CHARLESTON, W.Va. — The Mount Pleasant Civic Center in Ohio opened.";
    let doc = crate::text::Document::new(text);
    let ents = vec![
        loc("E1", "CHARLESTON"),
        loc("E2", "Mount Pleasant Civic Center"),
        loc("E3", "Ohio"),
        loc("E4", "Zzyzx Qqq"),
    ];
    let got = super::places(&doc, &ents);
    let by = |id: &str| got.iter().find(|p| p.entity == id);
    assert_eq!(by("E1").unwrap().name, "Charleston");
    // A facility inherits the town in its name only when the article names the town (#18).
    assert!(by("E2").is_none(), "{got:?}");
    assert_eq!(by("E3").unwrap().feature, "admin");
    assert!(by("E4").is_none());
}

#[test]
fn a_persons_surname_is_no_town() {
    let text = "Andrew Trapani is a gambling man. Trapani said he bet on Turner, Ala.";
    let doc = crate::text::Document::new(text);
    let mut person = loc("E1", "Andrew Trapani");
    person.etype = crate::record::EntityType::Person;
    let trapani = loc("E2", "Trapani");
    let got = super::places(&doc, &[person, trapani]);
    assert!(got.iter().all(|p| p.entity != "E2"), "{got:?}");
    // A locative word makes it a place again.
    let text = "Andrew Trapani is a gambling man. He lives in Trapani.";
    let doc = crate::text::Document::new(text);
    let mut person = loc("E1", "Andrew Trapani");
    person.etype = crate::record::EntityType::Person;
    let mut trapani = loc("E2", "Trapani");
    let at = text.rfind("Trapani").unwrap();
    trapani.mentions[0].start = at;
    trapani.mentions[0].end = at + "Trapani".len();
    let got = super::places(&doc, &[person, trapani]);
    assert!(got.iter().any(|p| p.entity == "E2"), "{got:?}");
    // ... but not before a possessive ("in Trapani’s honor").
    let text = "Andrew Trapani is a gambling man. A tree stands in Trapani’s honor.";
    let doc = crate::text::Document::new(text);
    let mut person = loc("E1", "Andrew Trapani");
    person.etype = crate::record::EntityType::Person;
    let mut trapani = loc("E2", "Trapani");
    let at = text.rfind("Trapani").unwrap();
    trapani.mentions[0].start = at;
    trapani.mentions[0].end = at + "Trapani".len();
    assert!(super::places(&doc, &[person, trapani]).is_empty());
    // Without the person, Trapani is the Sicilian town.
    let got = super::places(&doc, &[loc("E2", "Trapani")]);
    assert_eq!(got[0].country.as_deref(), Some("ITA"));
}
