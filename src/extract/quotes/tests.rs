//! The quotes stage through the whole pipeline (entities resolved first), on news-like text.

use crate::record::{QuoteKind, QuoteRec, Record};
use crate::{Article, Extractor, Include};

fn run(text: &str) -> Record {
    let ex = Extractor::builder().threads(1).build().expect("extractor");
    let rec = ex.extract_one(&Article::from_text(text), Include::default());
    assert!(rec.errors.is_empty(), "{:?}", rec.errors);
    rec
}

/// The quote whose content holds `needle`.
fn quote<'r>(rec: &'r Record, needle: &str) -> &'r QuoteRec {
    rec.quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote holds {needle:?}: {:#?}", rec.quotes))
}

/// Checks that every offset of every quote slices the text (code points).
fn offsets_hold(text: &str, rec: &Record) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for q in &rec.quotes {
        assert_eq!(slice(q.start, q.end), q.text);
        if let (Some(s), Some(e), Some(c)) = (q.cue_start, q.cue_end, &q.cue) {
            assert_eq!(&slice(s, e), c);
        }
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            assert!(s < e && e <= chars.len());
        }
    }
}

fn speaker_name(rec: &Record, q: &QuoteRec) -> Option<String> {
    q.speaker
        .as_ref()
        .and_then(|id| rec.entities.iter().find(|e| &e.id == id))
        .map(|e| e.name.clone())
}

#[test]
fn a_quote_broken_by_its_attribution_is_one_quote_with_its_speaker() {
    let text = "Prime Minister Andrej Babiš met the unions on Monday.\n\
        “We are ready,” he said, “to talk about the budget.”";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "We are ready");
    assert!(q.text.ends_with("to talk about the budget."), "{q:?}");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_deref(), Some("said"));
    // The pronoun resolves to the nearest person before it.
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Andrej Babiš"));
    assert_eq!(rec.quotes.len(), 1, "{:#?}", rec.quotes);
}

#[test]
fn pronouns_take_the_nearest_compatible_entity_before_them() {
    let text =
        "Angela Merkel met union leaders in Berlin on Tuesday. The talks lasted four hours.\n\
        She said the government would not raise taxes this year.\n\
        The European Commission published its forecast. It said growth would slow to 1.2 percent.";
    let rec = run(text);
    let q = quote(&rec, "would not raise taxes");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Angela Merkel"));
    assert_eq!(q.speaker_name.as_deref(), Some("Angela Merkel"));
    let q = quote(&rec, "growth would slow");
    assert_eq!(
        speaker_name(&rec, q).as_deref(),
        Some("European Commission")
    );
}

#[test]
fn descriptions_resolve_to_the_titled_person_or_the_organization() {
    let text = "Italian Defence Minister Roberta Pinotti met Khalifa Haftar in Rome. \
        The Ministry of Defence hosted the talks.\n\
        The minister said the meeting had been useful for both countries.\n\
        A spokesman for the ministry said further talks were planned for October.";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "meeting had been useful");
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Roberta Pinotti"));
    let q = quote(&rec, "further talks were planned");
    let org = speaker_name(&rec, q).unwrap_or_default();
    assert!(org.contains("Ministry"), "{org:?} {q:?}");
    let (s, e) = (q.speaker_start.unwrap(), q.speaker_end.unwrap());
    assert_eq!(
        text.chars().skip(s).take(e - s).collect::<String>(),
        "A spokesman for the ministry"
    );
}

#[test]
fn unpaired_marks_cost_only_themselves() {
    // A stray opening mark in the first paragraph, a stray closing one in the second; the
    // quotes that can be read are read, and nothing is made of the strays.
    let text = "Senator Elizabeth Warren said the plan “was dead on arrival.\n\
        Critics ” were divided.\n\
        “We will fight this bill in every committee,” Warren told reporters.\n\
        According to the Congressional Budget Office, the bill would cost $2 trillion.";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "We will fight this bill");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Elizabeth Warren"));
    let q = quote(&rec, "would cost $2 trillion");
    assert_eq!(q.cue.as_deref(), Some("According to"));
    assert!(q
        .speaker_name
        .as_deref()
        .unwrap_or("")
        .contains("Budget Office"));
    // The stray mark yields no quote running into the next paragraph.
    assert!(
        rec.quotes.iter().all(|q| !q.text.contains("Critics")),
        "{:#?}",
        rec.quotes
    );
    assert!(rec.quotes.iter().all(|q| !q.text.contains('\n')));
}

#[test]
fn quotes_over_paragraphs_and_after_the_attribution() {
    let text = "Boris Johnson spoke outside Downing Street.\n\
        \"We have done everything we promised.\n\
        \"And we will go further,\" Johnson said. \"The best is yet to come.\"\n";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "We have done everything");
    assert!(q.text.contains("go further"), "{q:?}");
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Boris Johnson"));
    // The next quote has no cue of its own and keeps the voice.
    let q = quote(&rec, "The best is yet to come");
    assert_eq!(q.cue, None);
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Boris Johnson"));
}

#[test]
fn mixed_quotes_and_cues_before_the_mark() {
    let text = "Emmanuel Macron addressed parliament on Monday. He called the reform \
        «a betrayal of the workers» and left. Macron told reporters: «Nous verrons.» 🙂";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "betrayal");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.cue.as_deref(), Some("called"));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Emmanuel Macron"));
    let q = quote(&rec, "Nous verrons");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_deref(), Some("told"));
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let text = "The so-called \"Islamic State\" lost ground. She read \"War and Peace\" twice.";
    let rec = run(text);
    assert!(rec.quotes.is_empty(), "{:#?}", rec.quotes);
}

#[test]
fn trailing_and_inverted_attributions() {
    let text = "The Federal Reserve kept rates unchanged.\n\
        Inflation remains too high, the bank said in a statement.\n\
        Markets will stay volatile for months, said Janet Yellen.";
    let rec = run(text);
    let q = quote(&rec, "Inflation remains too high");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.text, "Inflation remains too high");
    let q = quote(&rec, "Markets will stay volatile");
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Janet Yellen"));
}

#[test]
fn any_text_gives_sane_quotes() {
    for text in [
        "\"",
        "“",
        "”",
        "\"\"",
        "said",
        "according to",
        "\n\"\n\"\n",
        "He said \"",
        "«»",
        "said, \"a\" said \"b\" said",
        "“a” “b” ” “ \" ’ « said »",
        "according to ,",
    ] {
        let rec = run(text);
        offsets_hold(text, &rec);
    }
}

#[test]
fn appositions_brackets_participles_and_poll_subjects() {
    let text =
        "Gene Sperling, a former adviser to President Barack Obama, said the plan was sound.\n\
        Sen. Jack Reed (D-R.I.) said he had not read the plan.\n\
        Donald Trump attacked the proposal on Tuesday, saying it would cost American jobs.\n\
        About one in five voters say they would not vote at all.";
    let rec = run(text);
    offsets_hold(text, &rec);
    let name = |needle: &str| quote(&rec, needle).speaker_name.clone().unwrap_or_default();
    assert!(
        name("the plan was sound").contains("Sperling"),
        "{:#?}",
        rec.quotes
    );
    assert!(
        name("had not read the plan").contains("Reed"),
        "{:#?}",
        rec.quotes
    );
    assert_eq!(name("it would cost American jobs"), "Donald Trump");
    assert!(
        name("would not vote at all").contains("voters"),
        "{:#?}",
        rec.quotes
    );
}

#[test]
fn a_name_and_a_colon_attribute_what_follows() {
    let text = "Bernie Sanders: I am not much of a socialist compared to Eisenhower.\n\
        Hillary Clinton: “We will not let this stand.”\n\
        Related: more coverage of the campaign.";
    let rec = run(text);
    offsets_hold(text, &rec);
    let q = quote(&rec, "not much of a socialist");
    assert_eq!((q.kind, q.cue.as_deref()), (QuoteKind::Indirect, Some(":")));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Bernie Sanders"));
    let q = quote(&rec, "We will not let this stand");
    assert_eq!((q.kind, q.cue.as_deref()), (QuoteKind::Direct, Some(":")));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Hillary Clinton"));
    assert!(rec.quotes.iter().all(|q| !q.text.contains("more coverage")));
}

#[test]
fn long_appositions_trailing_speakers_participles_and_particles() {
    let text = "Sen. Lindsey Graham, R-S.C., a long-shot presidential candidate, said \
        Obama is overselling the successes of the coalition.\n\
        Sen. Johnny Isakson (R-Ga.), one of the few co-authors still in office, said he \
        remembers the night the report was filed.\n\
        Candidates have more room to walk away from the program, said Steve Grubbs, an Iowa \
        operative working for Rand Paul.\n\
        “It is not new in Virginia,” Bobby Scott said, adding that voters had elected \
        black candidates for decades.\n\
        Hillary Clinton pointed out that the bill had passed twice.";
    let rec = run(text);
    offsets_hold(text, &rec);
    let name = |needle: &str| speaker_name(&rec, quote(&rec, needle)).unwrap_or_default();
    assert_eq!(name("overselling the successes"), "Lindsey Graham");
    assert_eq!(name("remembers the night"), "Johnny Isakson");
    let q = quote(&rec, "more room to walk away");
    assert_eq!(
        q.text,
        "Candidates have more room to walk away from the program"
    );
    assert!(
        q.speaker_name.as_deref().unwrap_or("").contains("Grubbs"),
        "{q:?}"
    );
    let q = quote(&rec, "elected black candidates");
    assert_eq!(q.cue.as_deref(), Some("adding"));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Bobby Scott"));
    let q = quote(&rec, "the bill had passed twice");
    assert_eq!(q.cue.as_deref(), Some("pointed out"));
    assert_eq!(speaker_name(&rec, q).as_deref(), Some("Hillary Clinton"));
}

#[test]
fn every_cue_word_passes_the_shape_filter() {
    use super::lexicon::{cue, may_be_cue, CUES};
    for word in CUES.keys() {
        let b = word.as_bytes();
        let (first, last) = (b[0], b[b.len() - 1]);
        assert!(
            may_be_cue(b.len(), first, b.get(1).copied().unwrap_or(0), last),
            "{word}"
        );
    }
    // Most words are no cue by shape alone.
    let words = [
        "the",
        "and",
        "of",
        "government",
        "minister",
        "year",
        "people",
    ];
    let passed = words
        .iter()
        .filter(|w| {
            let b = w.as_bytes();
            may_be_cue(b.len(), b[0], b[1], b[b.len() - 1])
        })
        .count();
    assert!(passed <= 1, "{passed}");
    assert!(cue("said").is_some() && cue("the").is_none());
}
