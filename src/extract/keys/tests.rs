//! Batch keys through the whole pipeline ([`Extractor`]) on the bundled sample (Wikinews, the
//! articles of issue #17) and small texts for the rules.

use std::collections::BTreeSet;

use super::*;
use crate::extract::dedup::DedupIndex;
use crate::{Article, Extractor, Include};

fn sample() -> Vec<Article> {
    let raw = include_str!("../../../python/newsfacts/data/sample.jsonl");
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let mut a = Article::from_text(v["text"].as_str().unwrap_or(""));
            a.id = v["id"].as_str().unwrap_or("").to_string();
            a.published = v["published"].as_str().map(str::to_string);
            a
        })
        .collect()
}

fn extractor() -> Extractor {
    Extractor::builder().threads(2).build().unwrap()
}

/// The keys of the entities whose name or an alias is one of `names`.
fn keys_named(recs: &[Record], names: &[&str]) -> BTreeSet<String> {
    recs.iter()
        .flat_map(|r| &r.entities)
        .filter(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| names.contains(&n.as_str()))
        })
        .map(|e| e.key.clone())
        .collect()
}

#[test]
fn the_sample_names_each_company_with_one_key() {
    let arts = sample();
    let recs = extractor()
        .extract_batch_with(&arts, None, Some(Include::default()))
        .unwrap();
    let families: [(&str, &[&str]); 4] = [
        (
            "Apple",
            &["Apple", "Apple Inc.", "Apple Inc", "Apple Computer"],
        ),
        (
            "US Air Force",
            &[
                "United States Air Force",
                "US Air Force",
                "U.S. Air Force",
                "USAF",
            ],
        ),
        (
            "EADS",
            &[
                "EADS",
                "EADS N.V.",
                "European Aeronautic Defence and Space Company",
                "European Aeronautic Defence and Space Company EADS N.V.",
                "European Aeronautic Defence & Space NV",
            ],
        ),
        ("Singapore Airlines", &["Singapore Airlines", "SIA"]),
    ];
    for (what, names) in families {
        let keys = keys_named(&recs, names);
        assert_eq!(keys.len(), 1, "{what}: {keys:?}");
    }
    // Type agreement: Airbus the company is an organization in every article.
    let airbus: BTreeSet<&str> = recs
        .iter()
        .flat_map(|r| &r.entities)
        .filter(|e| e.name == "Airbus")
        .map(|e| e.etype.label())
        .collect();
    assert_eq!(airbus, BTreeSet::from(["ORG"]));
}

#[test]
fn an_article_alone_keeps_its_keys_in_a_batch_without_evidence_about_its_names() {
    let arts = sample();
    let ex = extractor();
    let all = ex
        .extract_batch_with(&arts, None, Some(Include::default()))
        .unwrap();
    // The reference article (Libya) shares no name with the aviation stories.
    let i = arts.iter().position(|a| a.id == "haftar-rome").unwrap();
    let alone = ex.extract_one(&arts[i], Include::default());
    let keys = |r: &Record| r.entities.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&alone), keys(&all[i]));
    assert!(keys(&alone).contains(&"PERSON:khalifa haftar".to_string()));
    assert!(
        keys(&alone).contains(&"LOC:LBY".to_string()),
        "{:?}",
        keys(&alone)
    );
}

#[test]
fn the_registry_carries_evidence_to_later_batches() {
    let ex = extractor();
    let later = [Article::from_text(
        "SIA said on Monday its first A380 would fly to Sydney.",
    )];
    let fresh = ex
        .extract_stream(
            &later,
            Some(1),
            None,
            &mut DedupIndex::new(),
            &mut Registry::new(),
            None,
        )
        .unwrap();
    assert_eq!(
        keys_named(&fresh, &["SIA"]),
        BTreeSet::from(["ORG:sia".into()])
    );
    let mut registry = Registry::new();
    let first = ex
        .extract_stream(
            &sample(),
            None,
            None,
            &mut DedupIndex::new(),
            &mut registry,
            None,
        )
        .unwrap();
    let sia = keys_named(&first, &["Singapore Airlines"]);
    assert!(!registry.is_empty() && registry.len() > 100);
    let carried = ex
        .extract_stream(
            &later,
            Some(1),
            None,
            &mut DedupIndex::new(),
            &mut registry,
            None,
        )
        .unwrap();
    assert_eq!(keys_named(&carried, &["SIA"]), sia);
}

#[test]
fn evidence_must_be_unambiguous() {
    let ex = extractor();
    let texts = [
        "Steve Jobs unveiled the iPhone in San Francisco.",
        "Jobs said the phone would sell well.",
        "Analysts expect Apple to report higher sales.",
    ];
    let arts: Vec<Article> = texts.iter().map(|t| Article::from_text(*t)).collect();
    let recs = ex.extract_batch_with(&arts, Some(1), None).unwrap();
    assert_eq!(
        keys_named(&recs, &["Jobs", "Steve Jobs"]),
        BTreeSet::from(["PERSON:steve jobs".into()])
    );
    // A second Jobs in the batch: the bare surname keeps its own key.
    let mut two = arts.clone();
    two.push(Article::from_text(
        "Former minister Ruth Jobs resigned on Tuesday.",
    ));
    let recs = ex.extract_batch_with(&two, Some(1), None).unwrap();
    assert_eq!(
        recs[1].entities[0].key, "PERSON:jobs",
        "{:?}",
        recs[1].entities
    );
}

#[test]
fn short_forms_and_initials() {
    let o = EntityType::Org;
    assert_eq!(
        initials("Government Accountability Office"),
        ["GAO", "GOAO"]
    );
    assert_eq!(initials("Singapore Airlines")[1], "SIA");
    assert!(initials("Apple").is_empty());
    let mut reg = Registry::new();
    let e = |name: &str, t: EntityType| EntityRec {
        id: "E1".into(),
        name: name.into(),
        etype: t,
        subtype: None,
        aliases: Vec::new(),
        titles: Vec::new(),
        country: None,
        key: crate::extract::resolve::entity_key(name, t),
        salience: 0.0,
        mentions: Vec::new(),
    };
    let mut recs = vec![
        Record {
            entities: vec![e("Lockheed Martin Corp", o), e("Airbus A400M", o)],
            ..Record::default()
        },
        Record {
            entities: vec![
                e("Lockheed", o),
                e("Airbus", EntityType::Misc),
                e("Airbus", o),
            ],
            ..Record::default()
        },
    ];
    canonicalize(&mut recs, &mut reg);
    let k: Vec<(&str, &str)> = recs[1]
        .entities
        .iter()
        .map(|e| (e.key.as_str(), e.etype.label()))
        .collect();
    assert_eq!(
        k,
        [
            ("ORG:lockheed martin", "ORG"),
            ("ORG:airbus", "ORG"),
            ("ORG:airbus", "ORG")
        ]
    );
}
