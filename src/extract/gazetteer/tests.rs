use super::*;

/// Written for these tests in the manner of a wire story about Libya and Italy.
const SEED: &str = "Libyan Field Marshal Khalifa Haftar met Italian ministers in Rome this week.\n\
The talks covered the Libyan National Army and smuggling across the Mediterranean.\n\
Italy has trained Libya’s coast guard. A Tobruk-based administration rivals the government \
in Tripoli.";

fn found(text: &str) -> Vec<(String, EntityType, Option<String>, Option<String>)> {
    let doc = Document::new(text);
    mentions(&doc)
        .into_iter()
        .map(|m| {
            (
                doc.span(m.start, m.end).to_string(),
                m.etype,
                m.country,
                m.canonical,
            )
        })
        .collect()
}

fn names(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn countries_and_demonyms_of_the_seed_article() {
    let f = found(SEED);
    let libya = f.iter().find(|m| m.0 == "Libya").unwrap();
    assert_eq!(
        (libya.1, libya.2.as_deref()),
        (EntityType::Loc, Some("LBY"))
    );
    let libyan = f.iter().find(|m| m.0 == "Libyan").unwrap();
    assert_eq!(
        (libyan.1, libyan.2.as_deref()),
        (EntityType::Norp, Some("LBY"))
    );
    let italian = f.iter().find(|m| m.0 == "Italian").unwrap();
    assert_eq!(
        (italian.1, italian.3.as_deref()),
        (EntityType::Norp, Some("Italian"))
    );
    for n in ["Rome", "Italy", "Tripoli", "Tobruk", "Mediterranean"] {
        assert!(f.iter().any(|m| m.0 == n), "{n} missing: {f:?}");
    }
    // "Libyan National Army" is an organization, not a NORP mention.
    let doc = Document::new(SEED);
    let lna = SEED.find("Libyan National Army").unwrap();
    assert!(!mentions(&doc).iter().any(|m| m.start == lna));
    // The first word, "Libyan" before a title, is NORP.
    assert!(mentions(&doc)
        .iter()
        .any(|m| m.start == 0 && m.etype == EntityType::Norp));
}

#[test]
fn possessives_hyphens_and_offsets_with_accents_and_emoji() {
    let text = "Café 🙂 in Libya’s east: the Tobruk-based rivals of Italy's navy.";
    let doc = Document::new(text);
    let ms = mentions(&doc);
    let got: Vec<&str> = ms.iter().map(|m| doc.span(m.start, m.end)).collect();
    assert_eq!(got, vec!["Libya", "Tobruk", "Italy"]);
    assert_eq!(ms[0].start, text.find("Libya").unwrap());
    assert_eq!(ms[1].subtype.as_deref(), Some("city"));
}

#[test]
fn names_inside_longer_names_and_headlines_are_not_places() {
    assert!(!names("He read the New York Times on Monday.").contains(&"New York".to_string()));
    assert!(!names("Fans cheered Michael Jordan last night.").contains(&"Jordan".to_string()));
    assert!(names("Refugees fled to Jordan last night.").contains(&"Jordan".to_string()));
    assert!(names("US TROOPS LEAVE IRAQ\nThe US said so.").len() == 1);
    assert!(names("Reading the report, he smiled.").is_empty());
    assert!(names("He lives in Reading and works in London.").contains(&"Reading".to_string()));
    assert!(names("Jackson said he would run.").is_empty());
    assert!(names("The fire in Jackson spread.").contains(&"Jackson".to_string()));
    assert!(names("Of course not.").is_empty());
    assert!(names("See pic.twitter.com/Rome and @Rome or #Rome.").is_empty());
}

#[test]
fn states_aliases_and_regions() {
    let f =
        found("Gainesville, Ga., sits north of Atlanta; the U.S. and UK sent ships to the Gulf.");
    let by = |n: &str| f.iter().find(|m| m.0 == n).cloned();
    assert!(by("Gainesville").is_some());
    assert_eq!(by("Ga.").unwrap().3.as_deref(), Some("Georgia"));
    assert_eq!(by("U.S.").unwrap().3.as_deref(), Some("United States"));
    assert_eq!(by("UK").unwrap().2.as_deref(), Some("GBR"));
    assert_eq!(by("Gulf").unwrap().3.as_deref(), Some("Persian Gulf"));
    assert!(names("Texas Gov. Rick Perry spoke in Ohio.").contains(&"Texas".to_string()));
}

#[test]
fn a_tweet_signature_is_a_person_not_a_town() {
    let t = "pic.twitter.com/Ne1oNsDiB2\n— Mary Fitzgerald (@MaryFitzger) September 27, 2017\n";
    assert!(names(t).is_empty());
}

#[test]
fn pathogens_surnames_datelines_and_word_towns() {
    assert!(!names("Cases of West Nile virus rose.").contains(&"Nile".to_string()));
    assert!(names("Sheriff Trapani said the road was closed.").is_empty());
    // A town name used as a surname is a surname throughout the article.
    assert!(names("Officer Tom Dyer spoke. Later Dyer left.").is_empty());
    // ... unless the article also uses it as a place.
    let n = names("SOS Children's Village Malakal is calm. Flights go to Malakal now.");
    assert_eq!(n.iter().filter(|s| *s == "Malakal").count(), 1);
    // Personal names need locative evidence; big cities keep their name.
    assert!(names("Moore said no.").is_empty());
    assert!(names("He moved to Moore last year.").contains(&"Moore".to_string()));
    assert!(names("She flew from Austin today.").contains(&"Austin".to_string()));
    // Datelines in capitals.
    let f = found("CHARLESTON, W.Va. — Coal prices fell.");
    assert_eq!(f[0].0, "CHARLESTON");
    assert_eq!(f[0].3.as_deref(), Some("Charleston"));
    // A small town named with an ordinary word needs "in" or ", State".
    assert!(names("The Commerce Department and the Star reported it.").is_empty());
}

#[test]
fn shared_demonyms_take_the_main_country_or_the_one_the_article_names() {
    let country = |text: &str, d: &str| {
        found(text)
            .into_iter()
            .find(|f| f.0 == d && f.1 == EntityType::Norp)
            .and_then(|f| f.2)
    };
    assert_eq!(
        country("American and French officials met.", "American").as_deref(),
        Some("USA")
    );
    assert_eq!(
        country("American and French officials met.", "French").as_deref(),
        Some("FRA")
    );
    assert_eq!(
        country("Dutch shares rose.", "Dutch").as_deref(),
        Some("NLD")
    );
    assert_eq!(
        country("Dominican officials said.", "Dominican").as_deref(),
        Some("DOM")
    );
    assert_eq!(
        country(
            "Dominica was hit by the storm. Dominican officials said.",
            "Dominican"
        )
        .as_deref(),
        Some("DMA")
    );
}
