//! Tests of the syntax layer with the shipped model: real sentences, irregular lemmas, the
//! query helpers, and bad input.

use std::time::Instant;

use super::*;
use crate::text::Document;

/// From the bundled sample (Wikinews, CC BY 4.0).
const SAMPLE: &str = "Boeing had initially agreed to lease 100 tankers, but in 2003 a scandal erupted when it emerged that Boeing executive Michael M. Sears arranged a job for USAF official Darleen Druyun.";

/// A parse as text, for failure messages.
fn show(text: &str, s: &ParsedSentence) -> String {
    (0..s.words.len())
        .map(|i| {
            let w = &s.words[i];
            let h = w.head.map_or("ROOT", |h| s.text(text, h));
            format!(
                "{}/{}<-{}:{}",
                s.text(text, i),
                w.upos.name(),
                w.deprel.name(),
                h
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn word(doc: &Document, s: &ParsedSentence, text: &str) -> usize {
    (0..s.words.len())
        .find(|&i| s.text(doc.text, i) == text)
        .unwrap_or_else(|| panic!("no word {text:?}"))
}

/// Each sentence is a tree: one root, heads in range, no cycles.
fn assert_trees(parsed: &[ParsedSentence]) {
    for s in parsed {
        let n = s.words.len();
        assert_eq!(
            s.words.iter().filter(|w| w.head.is_none()).count(),
            usize::from(n > 0)
        );
        for i in 0..n {
            let mut at = i;
            let mut steps = 0;
            while let Some(h) = s.words[at].head {
                assert!(h < n);
                at = h;
                steps += 1;
                assert!(steps <= n, "cycle through word {i}");
            }
        }
    }
}

#[test]
fn a_real_sentence_has_its_subject_and_object_arcs() {
    let doc = Document::new(SAMPLE);
    let parsed = parse_all(&doc);
    assert_trees(&parsed);
    let s = &parsed[0];
    let p = show(SAMPLE, s);
    let agreed = word(&doc, s, "agreed");
    assert_eq!(s.words[agreed].upos, Upos::VERB, "{p}");
    assert_eq!(s.lemma(agreed), "agree");
    let subj: Vec<usize> = s.children_by(agreed, "nsubj").collect();
    assert_eq!(subj, [word(&doc, s, "Boeing")], "{p}");
    let lease = word(&doc, s, "lease");
    assert_eq!(s.words[lease].head, Some(agreed), "{p}");
    let obj: Vec<usize> = s.children_by(lease, "obj").collect();
    assert_eq!(obj, [word(&doc, s, "tankers")], "{p}");
    let arranged = word(&doc, s, "arranged");
    let subj: Vec<usize> = s.children_by(arranged, "nsubj").collect();
    // The subject is the titled name: nsubj(arranged, Michael) with flat(Michael, Sears), or
    // nsubj(arranged, executive) with appos(executive, Michael); either way one subject whose
    // phrase holds "Michael M. Sears".
    assert_eq!(subj.len(), 1, "{p}");
    let (a, b) = s.subtree_span(subj[0]);
    assert!(SAMPLE[a..b].contains("Michael M. Sears"), "{p}");
    let obj: Vec<usize> = s.children_by(arranged, "obj").collect();
    assert_eq!(obj, [word(&doc, s, "job")], "{p}");
    let (a, b) = s.subtree_span(word(&doc, s, "tankers"));
    assert_eq!(&SAMPLE[a..b], "100 tankers", "{p}");
}

#[test]
fn irregular_verbs_have_their_lemmas() {
    let text = "The envoy met the rebels. Officials said talks failed. The army threatened Rome.";
    let doc = Document::new(text);
    let parsed = parse_all(&doc);
    let lemmas: Vec<(&str, &str)> = parsed
        .iter()
        .flat_map(|s| (0..s.words.len()).map(move |i| (s.text(text, i), s.lemma(i))))
        .collect();
    for (w, l) in [
        ("met", "meet"),
        ("said", "say"),
        ("threatened", "threaten"),
        ("rebels", "rebel"),
    ] {
        assert!(lemmas.contains(&(w, l)), "{w} → {l}: {lemmas:?}");
    }
    let m = shipped();
    assert_eq!(m.lemmatizer.lemma("went", Upos::VERB), "go");
    assert_eq!(m.lemmatizer.lemma("n't", Upos::parse("PART")), "not");
}

#[test]
fn only_requested_sentences_are_parsed() {
    let doc = Document::new("No verb here. Rebels attacked the town. The end.");
    let parsed = parse_sentences(&doc, &[1, 7]);
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].sentence, 1);
    assert_eq!(parsed[0].text(doc.text, 0), "Rebels");
}

#[test]
fn model_round_trips_through_bytes() {
    let m = shipped();
    assert!(!m.parser.table.is_empty() && !m.tagger.first.table.is_empty());
    let again = SyntaxModel::from_bytes(&m.to_bytes()).unwrap();
    let doc = Document::new(SAMPLE);
    let words = sentence_words(&doc, 0);
    assert_eq!(m.analyze(SAMPLE, &words), again.analyze(SAMPLE, &words));
    assert!(SyntaxModel::from_bytes(b"NFSYN002\x01").is_none());
    assert!(SyntaxModel::from_bytes(&[]).is_none());
}

#[test]
fn bad_input_never_panics_and_stays_linear() {
    for text in [
        "",
        " \n\t ",
        "!!! ??? ... ,,, ;;",
        "Die Regierung hat gestern entschieden.",
        "😀🇮🇹 ‘’ “” ——",
    ] {
        let doc = Document::new(text);
        let parsed = parse_all(&doc);
        assert_trees(&parsed);
        for s in &parsed {
            for w in &s.words {
                assert!(
                    w.start < w.end
                        && text.is_char_boundary(w.start)
                        && text.is_char_boundary(w.end)
                );
            }
        }
    }
    // 10,000 and 40,000 words without punctuation: one sentence each, time about linear.
    let time = |n: usize| {
        let text = "word and other words ".repeat(n / 4);
        let doc = Document::new(&text);
        let t0 = Instant::now();
        let parsed = parse_all(&doc);
        let dt = t0.elapsed().as_secs_f64();
        assert_trees(&parsed);
        assert_eq!(parsed.iter().map(|s| s.words.len()).sum::<usize>(), n);
        dt
    };
    let (a, b) = (time(10_000), time(40_000));
    assert!(b < a * 12.0 + 0.05, "10k words {a:.3}s, 40k words {b:.3}s");
}
