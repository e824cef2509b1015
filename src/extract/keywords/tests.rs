use super::*;
use std::collections::HashSet;

fn kw(text: &str) -> Vec<KeywordRec> {
    keywords(&Document::new(text))
}

fn phrases(text: &str) -> Vec<String> {
    kw(text).into_iter().map(|k| k.phrase).collect()
}

const STORY: &str = "Oil prices rose sharply on Monday after OPEC agreed to cut oil output.\n\
    Analysts said the OPEC deal would lift oil prices through the winter.\n\
    Saudi Arabia, the largest OPEC producer, will cut output by 500,000 barrels a day.\n\
    Traders in London said oil prices could rise further if OPEC keeps its promise.\n\
    The deal is the first OPEC cut since 2008.";

#[test]
fn the_story_words_come_first() {
    let k = phrases(STORY);
    assert!(k.len() == TOP || k.len() > 5, "{k:?}");
    // As the `yake` package ranks this text: first-sentence phrases, then "Oil prices", "OPEC".
    assert_eq!(k[0], "sharply on Monday", "{k:?}");
    assert!(k.iter().any(|p| p == "OPEC"), "{k:?}");
    assert!(k.iter().any(|p| p == "Oil prices"), "{k:?}");
}

#[test]
fn never_a_stop_word_alone_nor_at_an_end() {
    for k in phrases(STORY) {
        let words: Vec<String> = k.split(' ').map(|w| w.to_lowercase()).collect();
        assert!(
            !is_stopword(&words[0]) && !is_stopword(&words[words.len() - 1]),
            "{k}"
        );
    }
}

#[test]
fn scores_rise_and_phrases_are_distinct() {
    let k = kw(STORY);
    for w in k.windows(2) {
        assert!(w[0].score <= w[1].score, "{k:?}");
    }
    let mut lower: Vec<String> = k.iter().map(|x| x.phrase.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), k.len());
}

#[test]
fn numbers_and_punctuation_never_make_keywords() {
    for k in phrases(STORY) {
        assert!(!k.chars().any(|c| c.is_ascii_digit() || c == ','), "{k}");
    }
}

#[test]
fn shapes_follow_yake() {
    assert_eq!(shape("1,000", false), Shape::Digit);
    assert_eq!(shape("3.5", false), Shape::Digit);
    assert_eq!(shape("G7", false), Shape::Unusual);
    assert_eq!(shape("OPEC", false), Shape::Acronym);
    assert_eq!(shape("London", false), Shape::Name);
    assert_eq!(shape("London", true), Shape::Plain);
    assert_eq!(shape("McDonald", false), Shape::Plain);
}

#[test]
fn short_empty_and_odd_text() {
    assert!(kw("").is_empty());
    assert!(kw("the of and , .").is_empty());
    let k = phrases("Émigrés 🙂 met “Zürich” officials in Zürich.");
    assert!(k.iter().any(|p| p.contains("Zürich")), "{k:?}");
}

#[test]
fn ascii_shapes_match_the_unicode_rules() {
    // Every token of the bundled sample (prose, figures, tickers, handles), and edge cases.
    let sample = include_str!("../../../python/newsfacts/data/sample.jsonl");
    let doc = Document::new(sample);
    let mut n = 0;
    let extra = [
        "1,000", "3.5", "1.2.3", "..", "A1", "NATO", "McDonald", "iPhone", "U.S.", "x",
    ];
    let tokens = doc.tokens.iter().map(|t| &sample[t.start..t.end]);
    for w in tokens.chain(extra) {
        if !w.is_ascii() {
            continue;
        }
        for first in [false, true] {
            assert_eq!(
                shape_ascii(w.as_bytes(), first),
                shape_chars(w, first),
                "{w}"
            );
        }
        n += 1;
    }
    assert!(n > 10_000, "{n} tokens");
}

#[test]
fn near_duplicates_as_strsim_finds_them() {
    // Lower-case phrases of one to three words of the bundled sample, each against its
    // neighbours (near-duplicates are mostly neighbours: "oil price" / "oil prices").
    let sample = include_str!("../../../python/newsfacts/data/sample.jsonl");
    let doc = Document::new(&sample[..sample.len().min(200_000)]);
    let words: Vec<String> = (0..doc.tokens.len())
        .map(|i| doc.token_text(i).to_lowercase())
        .collect();
    let mut phrases: Vec<String> = Vec::new();
    for n in 1..=3 {
        phrases.extend(words.windows(n).map(|w| w.join(" ")));
    }
    phrases.sort();
    let (mut n, mut hits) = (0, 0);
    for (i, a) in phrases.iter().enumerate() {
        for b in &phrases[i..phrases.len().min(i + 6)] {
            let want = (a.is_empty() && b.is_empty())
                || strsim::normalized_levenshtein(a, b) > DEDUP_LIMIT;
            assert_eq!(similar(a, b), want, "{a:?} {b:?}");
            n += 1;
            hits += usize::from(want && a != b);
        }
    }
    assert!(
        n > 10_000 && hits > 100,
        "{n} pairs, {hits} near-duplicates"
    );
}

#[test]
fn log_tables_equal_the_logs_bit_for_bit() {
    for n in 0..2000u32 {
        let x = f64::from(n);
        assert_eq!(ln_count(&LOGS, x).to_bits(), x.ln().to_bits(), "{n}");
        let median = x / 2.0;
        assert_eq!(
            position_log(&LOGS, median).to_bits(),
            (3.0 + median).ln().ln().to_bits(),
            "{median}"
        );
    }
}

#[test]
fn first_in_sentence_only_turns_names_plain() {
    let sample = include_str!("../../../python/newsfacts/data/sample.jsonl");
    let doc = Document::new(sample);
    for i in 0..doc.tokens.len() {
        let w = doc.token_text(i);
        let inner = shape(w, false);
        let first = if inner == Shape::Name {
            Shape::Plain
        } else {
            inner
        };
        assert_eq!(shape(w, true), first, "{w}");
    }
}

#[test]
fn every_stop_word_is_packed_and_found() {
    let words: Vec<&str> = STOPWORDS_TXT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    for w in &words {
        assert!(is_stopword(w), "{w}");
    }
    let distinct: HashSet<&str> = words.iter().copied().collect();
    assert_eq!(STOPWORDS.keys.len(), distinct.len());
    assert!(!is_stopword("the quick brown fox") && !is_stopword("thes"));
}

#[test]
fn word_ids_tell_apart_every_folded_form() {
    // Folded forms with and without a final "s", short and long: distinct words, and the
    // plural of a long word shares its term.
    let doc = Document::new("bus buss Prices price prices US us gas gases it its");
    let forms = Words::new(&doc);
    let mut term_of = TermIds {
        short: KeyTable::new(0),
        long: Map::default(),
    };
    let mut terms = Vec::new();
    let mut ids: Vec<(String, u32, u32)> = Vec::new();
    for f in 0..forms.len() {
        if let Seen::Word { wid, tid, .. } =
            classify(forms.text(f), forms.folded(f), &mut term_of, &mut terms)
        {
            ids.push((forms.folded(f).to_string(), wid, tid));
        }
    }
    for (a, wa, ta) in &ids {
        for (b, wb, tb) in &ids {
            assert_eq!(a == b, wa == wb, "{a} {b}");
            let stem = |w: &str| {
                if w.len() > 3 {
                    w.strip_suffix('s').unwrap_or(w).to_string()
                } else {
                    w.to_string()
                }
            };
            assert_eq!(stem(a) == stem(b), ta == tb, "{a} {b}");
        }
    }
}

#[test]
fn rank_keys_order_as_total_cmp_then_token_then_index() {
    let scores = [
        -1.5,
        -0.0,
        0.0,
        1e-300,
        0.25,
        0.25,
        3.0,
        f64::INFINITY,
        f64::NAN,
    ];
    let mut items = Vec::new();
    for (k, &s) in scores.iter().enumerate() {
        for t in [7u32, 2] {
            items.push((s, t, 2 * k + usize::from(t == 2)));
        }
    }
    let mut expected = items.clone();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut keys: Vec<u128> = items.iter().map(|&(s, t, k)| rank_key(s, t, k)).collect();
    keys.sort_unstable();
    let got: Vec<usize> = keys.iter().map(|&key| key as u32 as usize).collect();
    let want: Vec<usize> = expected.iter().map(|e| e.2).collect();
    assert_eq!(got, want);
}

#[test]
fn the_key_table_finds_what_it_was_given_as_it_grows() {
    let mut table = KeyTable::new(2);
    let mut model = std::collections::HashMap::new();
    for i in 0..5000u128 {
        // Structured keys, as `pair` and `cand_key` make them, plus the largest one allowed.
        let key = if i == 0 {
            u128::MAX - 1
        } else {
            ((i % 97) << 64) | ((i * 7919) % 1000) << 32 | (i % 13)
        };
        let fresh = u32::try_from(model.len()).unwrap();
        let (value, new) = table.entry(key, || fresh);
        assert_eq!(new, !model.contains_key(&key), "{key}");
        *value += 1;
        *model.entry(key).or_insert(fresh) += 1;
    }
    assert!(model.len() > 1000);
    for (&key, &value) in &model {
        assert_eq!(table.get(key), Some(value), "{key}");
    }
    assert_eq!(table.get(12_345 << 64), None);
}
