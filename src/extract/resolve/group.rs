//! Grouping settled mentions into clusters, one per entity.
//!
//! - People with a full name (two words or more) group by name key: "Fayez Al-Sarraj" and
//!   "Fayez al Sarraj" are one person; "Khalifa Haftar" and "Saddam Haftar" are two. Full
//!   names whose first words match and whose surnames are variants also group ("Khalifa
//!   Hiftar").
//! - A one-word person mention ("Haftar", "Mr. Smith") joins the person whose surname it is —
//!   the one mentioned last before it, else the first after it — or a variant of that surname;
//!   else the other one-word mentions with the same key.
//! - A one-word model mention of another type that is exactly a known person's surname is
//!   that person (the model's type was wrong).
//! - Other mentions group by type and canonical name, or join the entity whose alias they are
//!   ("GNA").

use super::names::{is_variant, key_words, name_key};
use super::{entity_key, Mention, Source};
use crate::record::EntityType;
use crate::text::Document;

/// One mention and its text.
#[derive(Debug, Clone)]
pub struct Item {
    /// The mention.
    pub m: Mention,
    /// Its text.
    pub text: String,
}

/// The mentions of one entity.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Entity type.
    pub etype: EntityType,
    /// Mentions, in the order they were added.
    pub items: Vec<Item>,
}

impl Cluster {
    fn new(item: Item) -> Self {
        Self {
            etype: item.m.etype,
            items: vec![item],
        }
    }

    /// Name keys of the full-name (two words or more) mentions of a person.
    pub fn full_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .items
            .iter()
            .map(|i| key_words(&i.text))
            .filter(|w| w.len() >= 2)
            .map(|w| w.join(" "))
            .collect();
        keys.dedup();
        keys
    }

    /// The surname key of the fullest mention.
    pub fn surname(&self) -> Option<String> {
        self.items
            .iter()
            .map(|i| key_words(&i.text))
            .max_by_key(Vec::len)
            .and_then(|mut w| w.pop())
    }

    /// Whether the person has a full name (two words or more).
    pub fn has_full_name(&self) -> bool {
        !self.full_keys().is_empty()
    }

    /// Start of the last mention before `byte`, if any.
    pub fn last_before(&self, byte: usize) -> Option<usize> {
        self.items
            .iter()
            .map(|i| i.m.start)
            .filter(|&s| s < byte)
            .max()
    }

    /// Start of the first mention.
    pub fn first(&self) -> usize {
        self.items.iter().map(|i| i.m.start).min().unwrap_or(0)
    }

    /// Canonical names and stage aliases of the cluster's mentions.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.items.iter().flat_map(|i| {
            i.m.canonical
                .iter()
                .chain(i.m.aliases.iter())
                .map(String::as_str)
        })
    }
}

/// Among `candidates` (indices into `clusters`), the one mentioned last before `byte`, else
/// the first mentioned.
pub fn nearest(clusters: &[Cluster], candidates: &[usize], byte: usize) -> Option<usize> {
    let before = candidates
        .iter()
        .filter_map(|&c| clusters.get(c)?.last_before(byte).map(|s| (s, c)))
        .max()
        .map(|(_, c)| c);
    before.or_else(|| {
        candidates
            .iter()
            .filter_map(|&c| clusters.get(c).map(|k| (k.first(), c)))
            .min()
            .map(|(_, c)| c)
    })
}

/// Groups `mentions` (settled, in text order) into clusters, in order of first mention.
pub fn group(doc: &Document, mentions: Vec<Mention>) -> Vec<Cluster> {
    let items: Vec<Item> = mentions
        .into_iter()
        .map(|m| Item {
            text: doc.span(m.start, m.end).to_string(),
            m,
        })
        .collect();
    let full_name = |i: &Item| i.m.etype == EntityType::Person && key_words(&i.text).len() >= 2;
    let mut clusters: Vec<Cluster> = Vec::new();

    // 1. Full names.
    for item in items.iter().filter(|i| full_name(i)) {
        let words = key_words(&item.text);
        let key = words.join(" ");
        let found = clusters.iter().position(|c| {
            c.full_keys().contains(&key)
                || c.full_keys().iter().any(|k| same_person_variant(k, &words))
        });
        match found {
            Some(c) => clusters[c].items.push(item.clone()),
            None => clusters.push(Cluster::new(item.clone())),
        }
    }
    let surnames: Vec<(usize, String)> = clusters
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.surname().map(|s| (i, s)))
        .collect();
    // Keys a one-word mention can have when it is a person: surnames and one-word names.
    let person_words: Vec<String> = surnames
        .iter()
        .map(|(_, s)| s.clone())
        .chain(
            items
                .iter()
                .filter(|i| i.m.etype == EntityType::Person)
                .map(|i| name_key(&i.text)),
        )
        .collect();

    // 2. Everything else, in text order.
    for item in items.into_iter().filter(|i| !full_name(i)) {
        let mut item = item;
        let words = key_words(&item.text);
        let one_word = words.len() == 1;
        let key = name_key(&item.text);
        // A one-word model mention that is exactly a known person's surname is that person.
        if item.m.source == Source::Model
            && item.m.etype != EntityType::Person
            && one_word
            && person_words.contains(&key)
        {
            item.m.etype = EntityType::Person;
        }
        if item.m.etype == EntityType::Person {
            let by_surname: Vec<usize> = surnames
                .iter()
                .filter(|(_, s)| *s == key)
                .map(|(i, _)| *i)
                .collect();
            let target = nearest(&clusters, &by_surname, item.m.start)
                .or_else(|| {
                    clusters.iter().position(|c| {
                        c.etype == EntityType::Person
                            && !c.has_full_name()
                            && c.items.iter().any(|i| name_key(&i.text) == key)
                    })
                })
                .or_else(|| {
                    let variants: Vec<usize> = surnames
                        .iter()
                        .filter(|(_, s)| one_word && is_variant(s, &key))
                        .map(|(i, _)| *i)
                        .collect();
                    nearest(&clusters, &variants, item.m.start)
                });
            match target {
                Some(c) => clusters[c].items.push(item),
                None => clusters.push(Cluster::new(item)),
            }
            continue;
        }
        let ekey = entity_key(
            item.m.canonical.as_deref().unwrap_or(&item.text),
            item.m.etype,
        );
        let found = clusters.iter().position(|c| {
            c.etype == item.m.etype
                && (c.items.iter().any(|i| {
                    entity_key(i.m.canonical.as_deref().unwrap_or(&i.text), i.m.etype) == ekey
                }) || c.names().any(|n| n == item.text))
        });
        match found {
            Some(c) => clusters[c].items.push(item),
            None => clusters.push(Cluster::new(item)),
        }
    }
    clusters.sort_by_key(Cluster::first);
    clusters
}

/// Whether a full-name key and another full name's words are one person spelled two ways:
/// same number of words, same first word, variant surnames ("khalifa hiftar").
fn same_person_variant(key: &str, words: &[String]) -> bool {
    let known: Vec<&str> = key.split(' ').collect();
    known.len() == words.len()
        && known.first().copied() == words.first().map(String::as_str)
        && known
            .last()
            .zip(words.last())
            .is_some_and(|(a, b)| is_variant(a, b))
}
