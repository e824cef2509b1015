use super::*;

fn themes_of(text: &str) -> Vec<ThemeRec> {
    themes(&Document::new(text))
}

fn names(text: &str) -> Vec<String> {
    themes_of(text).into_iter().map(|t| t.theme).collect()
}

#[test]
fn the_lexicon_has_readable_theme_names() {
    assert!(n_themes() > 40, "{}", n_themes());
    for t in [
        "TERRORISM",
        "MIGRATION",
        "SMUGGLING",
        "HUMAN_TRAFFICKING",
        "ENERGY",
    ] {
        assert!(LEXICON.themes.contains(&t), "{t} missing");
    }
    for t in ["AGRICULTURE", "ECONOMIC", "REFUGEES", "HEALTH"] {
        assert!(LEXICON.themes.contains(&t), "{t} missing");
    }
}

#[test]
fn the_seed_articles_themes_with_counts_and_first_mentions() {
    let text =
        "Khalifa Haftar held talks in Rome to discuss cooperation in fighting terrorism and \
                people smuggling.\nThe meetings centred on the fight against terrorism and the \
                battle against smuggling.\nItaly trains coast guards to combat smuggling and \
                human trafficking across the Mediterranean.\nRead: Italy begins naval mission to \
                help Libya curb migrant flows";
    let th = themes_of(text);
    let get = |n: &str| {
        th.iter()
            .find(|t| t.theme == n)
            .unwrap_or_else(|| panic!("{n}: {th:?}"))
    };
    let terror = get("TERRORISM");
    assert_eq!(terror.count, 2);
    assert_eq!(&text[terror.start..terror.end], "terrorism");
    assert_eq!(terror.text, "terrorism");
    // "people smuggling" is human trafficking; the two later "smuggling" are smuggling.
    assert_eq!(get("HUMAN_TRAFFICKING").text, "people smuggling");
    assert_eq!(get("HUMAN_TRAFFICKING").count, 2);
    assert_eq!(get("SMUGGLING").count, 2);
    assert_eq!(get("MIGRATION").text, "migrant");
}

#[test]
fn inflected_forms_match_through_the_expanded_lexicon() {
    // n: nouns in the plural, v: verbs in their forms, + joins with a hyphen or a space.
    assert!(names("Three suicide bombers struck.").contains(&"TERRORISM".to_string()));
    assert!(names("Gangs smuggled fuel north.").contains(&"SMUGGLING".to_string()));
    assert!(names("They fled al-Qaeda fighters.").contains(&"TERRORISM".to_string()));
    assert!(names("They fled al Qaeda fighters.").contains(&"TERRORISM".to_string()));
    assert!(names("Wheat and corn prices rose.").contains(&"AGRICULTURE".to_string()));
}

#[test]
fn case_and_curly_apostrophes_do_not_matter() {
    let th = themes_of("TERRORISM charges. The Farmers’ union met.");
    assert_eq!(th[0].theme, "TERRORISM");
    assert!(th.iter().any(|t| t.theme == "AGRICULTURE"));
}

#[test]
fn words_inside_longer_words_do_not_match() {
    // "oil" in "boil" and "turmoil", "farm" in "pharmacy" (token prefix), "eu" in "Europe".
    assert!(names("The turmoil made the kettle boil in Europe.").is_empty());
    assert!(!names("A pharmacy opened.").contains(&"AGRICULTURE".to_string()));
}

#[test]
fn a_discard_phrase_cancels_its_category_in_its_sentence_only() {
    // "olive oil" is no energy; a later sentence's oil is.
    assert!(!names("Olive oil prices rose.").contains(&"ENERGY".to_string()));
    let th = themes_of("Olive oil prices rose.\nOil prices fell.");
    let energy = th.iter().find(|t| t.theme == "ENERGY").unwrap();
    assert_eq!((energy.count, energy.text.as_str()), (1, "Oil"));
    // The discard cancels only its own category: terrorism stays.
    let th = names("Olive oil was smuggled by terrorists.");
    assert!(th.contains(&"TERRORISM".to_string()) && !th.contains(&"ENERGY".to_string()));
}

#[test]
fn the_longest_phrase_wins_at_a_position() {
    // "car bomb" is listed under IED and TERRORISM: one mention of each.
    let th = themes_of("A car bomb exploded.");
    let got: Vec<(&str, &str)> = th
        .iter()
        .map(|t| (t.theme.as_str(), t.text.as_str()))
        .collect();
    assert_eq!(got, vec![("IED", "car bomb"), ("TERRORISM", "car bomb")]);
    // "drug smuggling" is drugs, not smuggling.
    let th = names("Drug smuggling rose.");
    assert_eq!(th, vec!["DRUGS".to_string()]);
}

#[test]
fn phrases_do_not_cross_sentences_or_punctuation() {
    assert!(!names("He was a suicide.\nBomb squads came.").contains(&"TERRORISM".to_string()));
    assert!(!names("Interest, rates and more.").contains(&"ECONOMIC".to_string()));
    assert!(names("Interest rates rose.").contains(&"ECONOMIC".to_string()));
    // A wrapped line of wire copy is no sentence end.
    assert!(names("It raised its prime\nrate again.").contains(&"ECONOMIC".to_string()));
    assert!(!names("It raised its prime\nRate Cuts Ahead").contains(&"ECONOMIC".to_string()));
}

#[test]
fn offsets_are_bytes_that_slice_the_text_with_non_ascii_around() {
    let text = "Émigrés 🙂 said “terrorism” and Zürich’s migrants";
    let th = themes_of(text);
    for t in &th {
        assert_eq!(&text[t.start..t.end], t.text);
    }
    assert!(th.iter().any(|t| t.theme == "TERRORISM"));
    assert!(th
        .iter()
        .any(|t| t.theme == "MIGRATION" && t.text == "migrants"));
}

#[test]
fn empty_and_odd_input() {
    assert!(themes_of("").is_empty());
    assert!(themes_of("\u{0}\u{0} ,,, \n\n").is_empty());
}
