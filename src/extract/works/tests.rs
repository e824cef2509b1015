use super::*;

fn found(text: &str) -> Vec<(String, &'static str)> {
    let doc = Document::new(text);
    mentions(&doc)
        .into_iter()
        .map(|m| {
            let kind = match m.subtype.as_deref() {
                Some("work") => "work",
                Some("award") => "award",
                Some("event") => "event",
                Some("product") => "product",
                Some("law") => "law",
                Some("language") => "language",
                _ => "?",
            };
            (text[m.start..m.end].to_string(), kind)
        })
        .collect()
}

fn has(text: &str, name: &str, kind: &str) -> bool {
    found(text).iter().any(|(n, k)| n == name && *k == kind)
}

#[test]
fn works_from_a_noun_before_the_title_and_everywhere_after() {
    let text = "Road trip comedy Sideways has won again. Sideways is written by Alexander Payne.";
    let f = found(text);
    assert_eq!(
        f.iter()
            .filter(|(n, k)| n == "Sideways" && *k == "work")
            .count(),
        2
    );
    assert!(!f.iter().any(|(n, _)| n.contains("Alexander")));
    let text = "Sideways, a wine-tasting comedy starring Paul Giamatti, leads the field.";
    assert!(has(text, "Sideways", "work"));
    assert!(!has(
        "Paul Giamatti, a film star, said so.",
        "Paul Giamatti",
        "work"
    ));
}

#[test]
fn screen_context_rules_and_lists() {
    let text = "The Oscar nominations were announced. Troy star Eric Bana and the film's \
                director were there. Best film nominations are The Aviator, Million Dollar Baby \
                and Sideways. The comedy Sideways won. Hollywood star Tom Cruise was nominated.";
    assert!(has(text, "Troy", "work"));
    assert!(has(text, "Oscar", "award"));
    assert!(has(text, "The Aviator", "work"));
    assert!(has(text, "Million Dollar Baby", "work"));
    assert!(!found(text)
        .iter()
        .any(|(n, _)| n == "Hollywood" || n == "Eric Bana"));
}

#[test]
fn given_names_are_awards_only_in_a_screen_context() {
    assert!(!has(
        "Oscar scored twice for Brazil on Sunday.",
        "Oscar",
        "award"
    ));
    assert!(!found("Oscar Wilde wrote plays.")
        .iter()
        .any(|(n, _)| n == "Oscar"));
    assert!(has(
        "He has won two Oscars and a Grammy.",
        "Oscars",
        "award"
    ));
}

#[test]
fn events_laws_products_languages() {
    assert!(has(
        "Stocks fell after Hurricane Ivan in September.",
        "Hurricane Ivan",
        "event"
    ));
    assert!(has(
        "With the Treaty of Amsterdam we secured it.",
        "Treaty of Amsterdam",
        "law"
    ));
    assert!(has(
        "The Human Rights Act applies.",
        "Human Rights Act",
        "law"
    ));
    assert!(has("They won the Davis Cup final.", "Davis Cup", "event"));
    assert!(has(
        "Apple released the MacBook Pro today.",
        "MacBook Pro",
        "product"
    ));
    assert!(has("The iPod sold well.", "iPod", "product"));
    assert!(has("He spoke in French.", "French", "language"));
    assert!(has("The Arabic press reported it.", "Arabic", "language"));
    // Not a language: "French" before a noun; not an award: a name in a longer one.
    assert!(!has("He studied French history.", "French", "language"));
    assert!(
        found("The Nobel Prize Committee met.").is_empty()
            || !has("The Nobel Prize Committee met.", "Nobel Prize", "award")
    );
}

#[test]
fn no_panic_and_byte_offsets_on_multibyte_text() {
    let text = "L’album “Café Society” de Zoë — film Amélie 🎬 won an Oscar. Hurricane Ivan";
    let doc = Document::new(text);
    for m in mentions(&doc) {
        assert!(text.get(m.start..m.end).is_some());
    }
    assert!(has(text, "Amélie", "work"));
}

#[test]
fn every_work_noun_passes_the_quick_test() {
    for x in WORK_NOUNS {
        assert!(is_work_noun(x), "{x}");
    }
    assert!(!is_work_noun("Film") && !is_work_noun("films.") && !is_work_noun("fil"));
}
