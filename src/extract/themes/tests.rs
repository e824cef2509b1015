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

/// The matching before the trie, as reference: one Aho-Corasick pass over the article's folded
/// tokens joined by spaces (a newline between sentences, but for a wrapped line), matches ending
/// at a token's end, then the same leftmost-longest choice and discards.
fn themes_by_automaton(doc: &Document) -> Vec<ThemeRec> {
    use crate::text::fold_into;
    use aho_corasick::AhoCorasick;
    let lex = &*LEXICON;
    // The lexicon's patterns in the order of its actions (pattern id = action index).
    let mut patterns: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for line in THEMES_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        let norm = normalize_phrase(cols[3]);
        if norm.is_empty() {
            continue;
        }
        let key = format!("{}{norm}", if cols[0] == "discard" { "~" } else { "" });
        if seen.insert(key) {
            patterns.push(format!(" {norm}"));
        }
    }
    assert_eq!(patterns.len(), lex.actions.len());
    let automaton = AhoCorasick::new(&patterns).unwrap();
    let mut buf = String::new();
    let mut starts: Vec<usize> = Vec::new(); // buffer position of each token's space
    let mut last_sentence = usize::MAX;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.sentence != last_sentence && last_sentence != usize::MAX && !doc.wrapped(i - 1) {
            buf.push('\n');
        }
        last_sentence = t.sentence;
        starts.push(buf.len());
        buf.push(' ');
        fold_into(&doc.text[t.start..t.end], &mut buf);
    }
    let bytes = buf.as_bytes();
    let mut found: Vec<(usize, usize, usize)> = automaton
        .find_overlapping_iter(&buf)
        .filter(|m| m.end() >= bytes.len() || matches!(bytes[m.end()], b' ' | b'\n'))
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let token_at = |pos: usize| starts.partition_point(|&p| p < pos);
    let mut cancelled: HashSet<(usize, u16)> = HashSet::new();
    let mut hits: Vec<(usize, usize, usize, u16)> = Vec::new();
    let mut taken_to = 0usize;
    for &(s, e, p) in &found {
        let action = lex.actions[p];
        let set = &lex.sets[usize::from(action.set)];
        let first = token_at(s);
        if action.discard {
            for &t in set {
                cancelled.insert((doc.tokens[first].sentence, t));
            }
            continue;
        }
        if s < taken_to {
            continue;
        }
        taken_to = e;
        let last = token_at(e) - 1;
        for &t in set {
            hits.push((first, last, doc.tokens[first].sentence, t));
        }
    }
    records(doc, lex, &hits, &cancelled)
}

#[test]
fn the_trie_finds_what_an_automaton_over_the_folded_text_finds() {
    let mut texts: Vec<String> = vec![
        "Olive oil was smuggled by terrorists.\nOil prices fell. A suicide car bomb exploded."
            .into(),
        "It raised its prime\nrate again. Drug smuggling rose; the Farmers’ union met.".into(),
        "He was a suicide.\nBomb squads came. Interest, rates and more. TERRORISM charges.".into(),
    ];
    let corpus = crate::test_corpus::articles("bbc_news/all.jsonl", "theme matching");
    texts.extend(corpus.into_iter().take(400).map(|(_, text)| text));
    let mut with_themes = 0;
    for text in &texts {
        let doc = Document::new(text);
        let got = themes(&doc);
        assert_eq!(
            got,
            themes_by_automaton(&doc),
            "{}",
            &text[..text.len().min(80)]
        );
        with_themes += usize::from(!got.is_empty());
    }
    assert!(with_themes >= 3, "{with_themes} texts with themes");
}
