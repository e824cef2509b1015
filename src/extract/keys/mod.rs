//! Cross-article keys (batch stage): one `key` per real-world entity across the articles of a
//! batch, and across batches through a [`Registry`].
//!
//! Within an article, resolution already gives each entity its fullest name. This stage then
//! rewrites every entity's `key` (and, for a bare MISC guess, its `type`) from evidence:
//!
//! 1. **Normalized names** ([`norm::normalize`], the same in any batch): corporate suffixes and
//!    a leading "the" dropped, punctuation and spelling variants read alike (`U.S.` = `US`,
//!    Defence = Defense), a country's names and short forms to its ISO alpha-3 code
//!    (`LOC:USA`), a country- or demonym-led organization to the code and the rest
//!    (`ORG:USA air force`); a geocoded place to its GeoNames id (`LOC:geonames:2972315`), a
//!    geocoded country to its code.
//! 2. **Type agreement**: a MISC entity with no subtype (the tagger's guess, not a work,
//!    product, event, ...) whose name other entities of the batch (or registry) type as
//!    PERSON, ORG or LOC takes the most frequent of those types ("Airbus").
//! 3. **Evidence from any article of the batch**, applied to all of them: an acronym defined
//!    once ("Singapore Airlines (SIA)") keys every bare "SIA" as the expansion (a well-known
//!    acronym, "UN", as its lexicon expansion when no article defines it); a surname-only
//!    person ("Jobs") takes the full name when one person of that surname is known; an
//!    organization's short form takes its full form when one is known ("Lockheed" →
//!    "Lockheed Martin", "Apple" → "Apple Computer", "Air Force" → "USA air force"); a bare
//!    acronym no article defines takes the one multi-word organization with its initials
//!    ("GAO" → "Government Accountability Office").
//!
//! **Stability.** Steps 1 and 2's own-name part depend only on the entity. Step 3 and the
//! vote of step 2 use the evidence of the batch, plus what the [`Registry`] kept from earlier
//! batches (Python's `Extractor.iter_extract` carries one through
//! [`crate::Extractor::extract_stream`]). So an article's keys alone equal its keys in
//! any batch (and after any registry) that adds no evidence about its names: no acronym
//! definition or organization with the initials of a bare acronym, no person sharing a
//! surname-only key, no longer organization name starting with
//! (or, after a country, equal to) one of its organization names, and no other typing of a name
//! it has as a bare MISC. Evidence must single out one candidate (the only one, or one given
//! by at least three entities and three times as many as all the others together): an
//! ambiguous acronym, surname or short form keeps its own key.
//!
//! Work is linear in the number of entities: hash maps keyed by normalized forms, each entity's
//! name cut into its word prefixes once.

pub mod norm;

#[cfg(test)]
mod tests;

use crate::extract::resolve::HashMap;
use crate::lexicon::titles;
use crate::record::{EntityRec, EntityType, Record};

/// The candidates for one piece of evidence, with how many entities gave each: up to three
/// distinct, then only "many".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Few {
    seen: Vec<(String, u32)>,
    many: bool,
}

impl Few {
    fn add(&mut self, v: &str) {
        if let Some(slot) = self.seen.iter_mut().find(|(x, _)| x == v) {
            slot.1 += 1;
        } else if self.seen.len() < 3 {
            self.seen.push((v.to_string(), 1));
        } else {
            self.many = true;
        }
    }

    /// The one candidate, or the one that dominates: at least three entities and three times
    /// as many as all the others together.
    fn only(&self) -> Option<&str> {
        if self.many {
            return None;
        }
        let top = self.seen.iter().max_by_key(|(_, n)| *n)?;
        let rest: u32 = self.seen.iter().map(|(_, n)| n).sum::<u32>() - top.1;
        (rest == 0 || (top.1 >= 3 && top.1 >= 3 * rest)).then_some(top.0.as_str())
    }
}

/// Words an organization's full name may add to its short form ("Apple" → "Apple Computer",
/// "NPD" → "NPD Group"); a two-word name may also add any one word ("Lockheed Martin").
const GENERIC_TAILS: &[&str] = &[
    "computer",
    "computers",
    "group",
    "holdings",
    "airways",
    "airlines",
    "motor",
    "motors",
    "international",
    "industries",
    "systems",
    "technologies",
    "communications",
    "entertainment",
    "pharmaceuticals",
    "petroleum",
    "energy",
    "electronics",
];

/// Cross-article evidence kept between batches: acronyms defined, full-name persons by surname,
/// full organization names by short form, and the types each name was given.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Acronym (undotted, "SIA") → keys of its expansions.
    acronyms: HashMap<String, Few>,
    /// Surname (lower case) → keys of full-name persons.
    surnames: HashMap<String, Few>,
    /// Organization short form (normalized) → keys of the full names it may stand for.
    short_forms: HashMap<String, Few>,
    /// Organization name after a country code ("air force") → keys with the code ("USA air
    /// force"), preferred to the other short forms.
    unled: HashMap<String, Few>,
    /// Organization short form → keys of the full names that add only a generic word to it
    /// ("Apple" → "Apple Computer"), preferred to [`Registry::short_forms`].
    generic_forms: HashMap<String, Few>,
    /// Initials of a multi-word organization name ("GAO" for "Government Accountability
    /// Office"; also with the first word's second letter, "SIA" for "Singapore Airlines") →
    /// keys: a bare acronym no article defines.
    initials: HashMap<String, Few>,
    /// Name (the part of the resolution key after the type) → entities typed PERSON, ORG, LOC,
    /// MISC.
    types: HashMap<String, [u32; 4]>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of names the registry knows (types voted on).
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether the registry holds no evidence yet.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.acronyms.is_empty()
    }
}

fn slot(t: EntityType) -> Option<usize> {
    match t {
        EntityType::Person => Some(0),
        EntityType::Org => Some(1),
        EntityType::Loc => Some(2),
        EntityType::Misc => Some(3),
        EntityType::Norp => None,
    }
}

const SLOT_TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Loc];

/// The name part of a resolution key ("ORG:apple inc" → "apple inc").
fn name_part(key: &str) -> &str {
    key.split_once(':').map_or(key, |(_, n)| n)
}

/// The key's type and normalized form from the entity's name, its place (by entity id) and type.
fn base_key(
    e: &EntityRec,
    place: Option<(&str, Option<&str>, Option<u64>)>,
) -> (EntityType, String) {
    let (t, form) = norm::normalize(&e.name, e.etype);
    if form.is_empty() {
        return (e.etype, name_part(&e.key).to_string());
    }
    if t == EntityType::Loc && !is_code(&form) {
        match place {
            Some(("country", Some(iso), _)) => return (t, iso.to_string()),
            Some((_, _, Some(id))) => return (t, format!("geonames:{id}")),
            _ => {}
        }
    }
    (t, form)
}

/// Whether a normalized form is an ISO alpha-3 code (upper case: names are lower case).
fn is_code(form: &str) -> bool {
    form.len() == 3 && form.bytes().all(|b| b.is_ascii_uppercase())
}

fn key(t: EntityType, form: &str) -> String {
    let label = t.label();
    let mut k = String::with_capacity(label.len() + 1 + form.len());
    k.push_str(label);
    k.push(':');
    k.push_str(form);
    k
}

/// Rewrites the `key` of every entity of the batch (and the `type` of bare MISC guesses) to
/// one key per real-world entity, with the evidence of the whole batch and of `registry`, and
/// adds the batch's evidence to `registry`. See the module docs for the rules and the
/// stability guarantee.
pub fn canonicalize(records: &mut [Record], registry: &mut Registry) {
    // Type votes of this batch, into the registry first: the batch sees its own evidence.
    for e in records.iter().flat_map(|r| &r.entities) {
        if let Some(s) = slot(e.etype) {
            // The name copied only when it is new to the registry.
            let name = name_part(&e.key);
            match registry.types.get_mut(name) {
                Some(v) => v[s] += 1,
                None => {
                    let mut v = [0; 4];
                    v[s] = 1;
                    registry.types.insert(name.to_string(), v);
                }
            }
        }
    }
    // Type agreement, then the base keys.
    let mut bases: Vec<Vec<(EntityType, String)>> = Vec::with_capacity(records.len());
    for r in records.iter_mut() {
        let places: HashMap<&str, (&str, Option<&str>, Option<u64>)> = r
            .places
            .iter()
            .map(|p| {
                (
                    p.entity.as_str(),
                    (p.feature.as_str(), p.country.as_deref(), p.geonameid),
                )
            })
            .collect();
        let mut row = Vec::with_capacity(r.entities.len());
        for e in &mut r.entities {
            if e.etype == EntityType::Misc && e.subtype.is_none() {
                if let Some(t) = agreed_type(registry, name_part(&e.key)) {
                    e.etype = t;
                }
            }
            row.push(base_key(e, places.get(e.id.as_str()).copied()));
        }
        bases.push(row);
    }
    // Evidence of the batch.
    for (r, row) in records.iter().zip(&bases) {
        for (e, (t, form)) in r.entities.iter().zip(row) {
            collect(registry, e, *t, form);
        }
    }
    // Canonical keys.
    for (r, row) in records.iter_mut().zip(bases) {
        for (e, (t, form)) in r.entities.iter_mut().zip(row) {
            e.key = canonical(registry, &e.name, t, form);
        }
    }
}

/// The type a bare MISC name takes from the batch: the most frequent of PERSON, ORG, LOC.
fn agreed_type(registry: &Registry, name: &str) -> Option<EntityType> {
    let v = registry.types.get(name)?;
    let (i, n) = v[..3]
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then_some(SLOT_TYPES[i])
}

/// Adds one entity's evidence: its acronyms, its surname (a full-name person), its short forms
/// (an organization).
fn collect(registry: &mut Registry, e: &EntityRec, t: EntityType, form: &str) {
    let k = key(t, form);
    if t != EntityType::Person && !norm::is_acronym(&e.name) {
        for a in e.aliases.iter().filter(|a| norm::is_acronym(a)) {
            registry
                .acronyms
                .entry(norm::acronym_form(a))
                .or_default()
                .add(&k);
        }
    }
    let words: Vec<&str> = form.split(' ').collect();
    match t {
        EntityType::Person if words.len() >= 2 => {
            if let Some(last) = words.last() {
                add_evidence(&mut registry.surnames, last, &k);
            }
        }
        EntityType::Org if words.len() >= 2 => {
            // Words joined by single spaces are slices of the form when it has no empty word
            // (a form is single-spaced: no copy then).
            let sliced = !words.iter().any(|w| w.is_empty());
            let n = words.len();
            // "USA air force" stands for itself after its country: "air force".
            if is_code(words[0]) {
                let rest = match form.split_once(' ') {
                    Some((_, rest)) if sliced => std::borrow::Cow::Borrowed(rest),
                    _ => std::borrow::Cow::Owned(words[1..].join(" ")),
                };
                add_evidence(&mut registry.unled, &rest, &k);
            }
            let short = match form.rsplit_once(' ') {
                Some((short, _)) if sliced => std::borrow::Cow::Borrowed(short),
                _ => std::borrow::Cow::Owned(words[..n - 1].join(" ")),
            };
            if GENERIC_TAILS.contains(&words[n - 1]) {
                add_evidence(&mut registry.generic_forms, &short, &k);
            } else if n == 2
                && !is_code(words[0])
                && words[1].bytes().all(|b| b.is_ascii_lowercase())
            {
                // "Lockheed Martin", not "Airbus A400M".
                add_evidence(&mut registry.short_forms, &short, &k);
            }
            for acr in initials(&e.name) {
                registry.initials.entry(acr).or_default().add(&k);
            }
        }
        _ => {}
    }
}

/// Adds `k` to the evidence of `name` in `map` (the name copied only when new).
fn add_evidence(map: &mut HashMap<String, Few>, name: &str, k: &str) {
    match map.get_mut(name) {
        Some(few) => few.add(k),
        None => map.entry(name.to_string()).or_default().add(k),
    }
}

/// The canonical key of an entity from its base key and the evidence.
fn canonical(registry: &Registry, name: &str, t: EntityType, form: String) -> String {
    let mut k = key(t, &form);
    if norm::is_acronym(name) && t != EntityType::Person && !is_code(&form) {
        let acr = norm::acronym_form(name);
        if let Some(full) = registry.acronyms.get(&acr).and_then(Few::only) {
            k = full.to_string();
        } else if let Some(exp) = titles::known_acronym(&acr) {
            let (et, ef) = norm::normalize(exp, EntityType::Org);
            k = key(et, &ef);
        } else if let Some(full) = registry.initials.get(&acr).and_then(Few::only) {
            k = full.to_string();
        }
    }
    // A short form may stand for a longer one that is itself short ("NPD" → "NPD Research" →
    // "NPD Research Group"): a few hops.
    for _ in 0..3 {
        let next = match k.split_once(':') {
            Some(("PERSON", f)) if !f.contains(' ') => registry.surnames.get(f),
            Some(("ORG", f)) => [&registry.unled, &registry.generic_forms]
                .into_iter()
                .filter_map(|m| m.get(f))
                .find(|g| g.only().is_some())
                .or_else(|| registry.short_forms.get(f)),
            _ => None,
        };
        match next.and_then(Few::only) {
            Some(full) if full != k => k = full.to_string(),
            _ => break,
        }
    }
    k
}

/// The acronyms a multi-word organization name may go by: its content words' initials, and
/// the same with the first word's second letter ("SIA" for "Singapore Airlines"). Function
/// words ("of", "the") and a final company form give no letter.
fn initials(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let content: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| {
            !(titles::is_acronym_skip(w) || (i + 1 == n && titles::is_company_suffix(w)))
        })
        .map(|(_, w)| *w)
        .collect();
    if content.len() < 2
        || content.len() > 8
        || !content
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return Vec::new();
    }
    let caps: String = content
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let mut out = vec![caps.clone()];
    if let Some(second) = content[0].chars().nth(1).filter(char::is_ascii_alphabetic) {
        let mut alt = String::new();
        let mut cs = caps.chars();
        alt.extend(cs.next());
        alt.push(second.to_ascii_uppercase());
        alt.extend(cs);
        out.push(alt);
    }
    out
}
