//! Grouping settled mentions into clusters, one per entity.
//!
//! - People with a full name (two words or more) group by name key: "Fayez Al-Sarraj" and
//!   "Fayez al Sarraj" are one person; "Khalifa Haftar" and "Saddam Haftar" are two. Full
//!   names whose first words match and whose surnames are variants also group ("Khalifa
//!   Hiftar").
//! - A one-word person mention ("Haftar", "Mr. Smith") joins the person whose surname it is —
//!   the one mentioned last before it, else the first after it — or a variant of that surname;
//!   else the other one-word mentions with the same key.
//! - A one-word model mention of another type that is a known person's surname (or a
//!   spelling variant of one) is that person (the model's type was wrong).
//! - Other mentions group by type and canonical name, or join the entity whose alias they are
//!   ("GNA").

use super::{HashMap, HashSet};

use super::names::{is_variant, joined_key, VariantIndex};
use super::{entity_key, Mention, Source};
use crate::record::EntityType;
use crate::text::Document;

/// One mention, its text and its name key words.
#[derive(Debug, Clone)]
pub struct Item {
    /// The mention.
    pub m: Mention,
    /// Its text.
    pub text: String,
    /// Its name key: the [`key_words`](super::names::key_words) of its text joined by single
    /// spaces (one string, not one per word).
    pub key: String,
    /// The number of words in `key`.
    pub n_words: usize,
}

impl Item {
    /// The item of mention `m` in `doc`.
    pub fn new(doc: &Document, m: Mention) -> Self {
        let text = doc.span(m.start, m.end).to_string();
        let (key, n_words) = joined_key(&text);
        Self {
            key,
            n_words,
            text,
            m,
        }
    }

    /// The first word of its key.
    pub fn first_word(&self) -> Option<&str> {
        (self.n_words > 0).then(|| self.key.split(' ').next().unwrap_or_default())
    }

    /// The last word of its key.
    pub fn last_word(&self) -> Option<&str> {
        (self.n_words > 0).then(|| self.key.rsplit(' ').next().unwrap_or_default())
    }

    /// The entity key of its canonical name or text.
    fn entity_key(&self) -> String {
        entity_key(
            self.m.canonical.as_deref().unwrap_or(&self.text),
            self.m.etype,
        )
    }
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
            .filter(|i| i.n_words >= 2)
            .map(|i| i.key.clone())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The surname key of the fullest mention.
    pub fn surname(&self) -> Option<String> {
        self.items
            .iter()
            .max_by_key(|i| i.n_words)
            .and_then(|i| i.last_word().map(str::to_string))
    }

    /// The first word of the fullest mention's key.
    fn first_name(&self) -> Option<String> {
        self.items
            .iter()
            .max_by_key(|i| i.n_words)
            .filter(|i| i.n_words >= 2)
            .and_then(|i| i.first_word().map(str::to_string))
    }

    /// Whether the person has a full name (two words or more).
    pub fn has_full_name(&self) -> bool {
        self.items.iter().any(|i| i.n_words >= 2)
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

/// A full name's first word, number of words and surname initial.
type FirstKey = (String, usize, Option<char>);

/// Groups `mentions` (settled, in text order) into clusters, in order of first mention.
pub fn group(doc: &Document, mentions: Vec<Mention>) -> Vec<Cluster> {
    let full_name = |i: &Item| i.m.etype == EntityType::Person && i.n_words >= 2;
    let items: Vec<Item> = mentions.into_iter().map(|m| Item::new(doc, m)).collect();
    // Gazetteer readings by text (an item's text is its span of the document, borrowed from
    // it), for model mentions of the same words.
    let mut gazetteer: HashMap<&str, Mention> = HashMap::default();
    for i in items.iter().filter(|i| i.m.source == Source::Gazetteer) {
        gazetteer
            .entry(doc.span(i.m.start, i.m.end))
            .or_insert_with(|| i.m.clone());
    }
    // Full names and the other mentions, each in text order (moved into clusters, not copied).
    let (full, rest): (Vec<Item>, Vec<Item>) = items.into_iter().partition(full_name);
    let mut clusters: Vec<Cluster> = Vec::new();

    // 1. Full names, by key, then by variant of a known full name.
    let mut by_full: HashMap<String, usize> = HashMap::default();
    // The full names' keys by first word, number of words and the surname's first letter: a
    // variant shares all three (`is_variant` wants the same first letter), so a long text with
    // hundreds of "John ..." compares each name only with the few that could be its variant.
    let mut by_first: HashMap<FirstKey, Vec<(String, usize)>> = HashMap::default();
    for item in full {
        let key = item.key.clone();
        let initial = item.last_word().and_then(|w| w.chars().next());
        let first = (
            item.first_word().unwrap_or_default().to_string(),
            item.n_words,
            initial,
        );
        let found = by_full.get(&key).copied().or_else(|| {
            by_first
                .get(&first)?
                .iter()
                .filter(|(k, _)| same_person_variant(k, &item))
                .map(|&(_, c)| c)
                .min()
        });
        let c = match found {
            Some(c) => {
                add(&mut clusters, c, item);
                c
            }
            None => {
                clusters.push(Cluster::new(item));
                clusters.len() - 1
            }
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = by_full.entry(key) {
            by_first
                .entry(first)
                .or_default()
                .push((slot.key().clone(), c));
            slot.insert(c);
        }
    }
    let mut surnames: HashMap<String, Vec<usize>> = HashMap::default();
    let mut first_names: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, c) in clusters.iter().enumerate() {
        if let Some(s) = c.surname() {
            surnames.entry(s).or_default().push(i);
        }
        if let Some(f) = c.first_name() {
            first_names.entry(f).or_default().push(i);
        }
    }
    // Keys a one-word mention can have when it is a person: surnames and one-word names. Only
    // one-word keys are looked up, and a key of several words has a space: those are left out
    // (no copy joined for every full name).
    let person_words: HashSet<String> = surnames
        .keys()
        .cloned()
        .chain(
            clusters
                .iter()
                .flat_map(|c| c.items.iter())
                .chain(rest.iter())
                .filter(|i| i.m.etype == EntityType::Person)
                .filter(|i| i.n_words == 1)
                .map(|i| i.key.clone()),
        )
        .collect();

    let surname_variants = VariantIndex::new(surnames.keys().map(String::as_str));

    // 2. Everything else, in text order.
    let mut one_word: HashMap<String, usize> = HashMap::default();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    // Canonical names and aliases by type (looked up by a mention's text without a copy).
    let mut by_alias: HashMap<EntityType, HashMap<String, usize>> = HashMap::default();
    for mut item in rest {
        let key: &str = &item.key;
        let single = item.n_words == 1;
        // A one-word model mention that is a known person's name, or a spelling variant of a
        // known surname ("Hiftar's LNA": the model's ORG "Hiftar"), is that person.
        if item.m.source == Source::Model
            && item.m.etype != EntityType::Person
            && single
            && (person_words.contains(key) || surname_variants.variants(key).next().is_some())
        {
            item.m.etype = EntityType::Person;
        } else if item.m.source == Source::Model && item.m.etype == EntityType::Person {
            // A model PERSON spelled exactly like a gazetteer name elsewhere ("Rome") takes
            // the gazetteer's reading: one sense per article.
            if let Some(g) = gazetteer.get(item.text.as_str()) {
                item.m.etype = g.etype;
                item.m.subtype.clone_from(&g.subtype);
                item.m.country.clone_from(&g.country);
                item.m.canonical.clone_from(&g.canonical);
            }
        }
        if item.m.etype == EntityType::Person {
            let by_surname = surnames.get(key).map_or(&[][..], Vec::as_slice);
            let target = nearest(&clusters, by_surname, item.m.start)
                .or_else(|| one_word.get(key).copied())
                .or_else(|| {
                    let variants: Vec<usize> = surname_variants
                        .variants(key)
                        .filter(|_| single)
                        .filter_map(|s| surnames.get(s))
                        .flat_map(|c| c.iter().copied())
                        .collect();
                    nearest(&clusters, &variants, item.m.start)
                })
                .or_else(|| {
                    // The model's "Roberta" is Roberta Pinotti when she is the only Roberta.
                    match first_names.get(key).map(Vec::as_slice) {
                        Some(&[c]) if item.m.source == Source::Model => Some(c),
                        _ => None,
                    }
                });
            match target {
                Some(c) => {
                    add(&mut clusters, c, item);
                }
                None => {
                    one_word.insert(key.to_string(), clusters.len());
                    clusters.push(Cluster::new(item));
                }
            }
            continue;
        }
        let ekey = item.entity_key();
        let found = by_key
            .get(&ekey)
            .or_else(|| by_alias.get(&item.m.etype)?.get(item.text.as_str()))
            .copied();
        let c = found.unwrap_or(clusters.len());
        by_key.entry(ekey).or_insert(c);
        for n in item.m.canonical.iter().chain(item.m.aliases.iter()) {
            let names = by_alias.entry(item.m.etype).or_default();
            if !names.contains_key(n.as_str()) {
                names.insert(n.clone(), c);
            }
        }
        if found.is_some() {
            add(&mut clusters, c, item);
        } else {
            clusters.push(Cluster::new(item));
        }
    }
    clusters.sort_by_key(Cluster::first);
    clusters
}

/// Adds `item` to cluster `c`.
fn add(clusters: &mut [Cluster], c: usize, item: Item) {
    if let Some(cl) = clusters.get_mut(c) {
        cl.items.push(item);
    }
}

/// Whether a full-name key and another full name's words are one person spelled two ways:
/// same number of words, same first word, variant surnames ("khalifa hiftar").
fn same_person_variant(key: &str, item: &Item) -> bool {
    let known: Vec<&str> = key.split(' ').collect();
    known.len() == item.n_words
        && known.first().copied() == item.first_word()
        && known
            .last()
            .copied()
            .zip(item.last_word())
            .is_some_and(|(a, b)| is_variant(a, b))
}
