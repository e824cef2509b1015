//! Places: LOC entities linked to gazetteer records with coordinates.
//!
//! Each LOC entity's names give candidate places ([`crate::lexicon::places`]); one is chosen by
//! a score (see [`score`]):
//! - the population prior (log10), with a bonus for countries, states and seas and a malus for
//!   readings through an alias;
//! - the countries the article names (countries, demonyms, places already placed), the most
//!   named one (its focus) most; each entity's own clues are left out of its own view;
//! - the state or country written after the name ("Gainesville, Ga.", "Tripoli, Libya"), and
//!   the states the article names;
//! - for a country or state, the article's other countries nearby ("Turkey, Armenia, Georgia");
//! - for a city or county, the other entities' cities and counties nearby (namesakes that fit
//!   together: "Lebanon" and "Boone County" in Indiana).
//!
//! - a state or country an organization is named after ("Minnesota State Chess Association",
//!   "University of Kentucky") as a weak clue, and its towns ("Gainesville Police Department")
//!   as neighbours: the organization is no place, but it says where the article is.
//!
//! Two rounds: the second also sees the first round's choices.
//!
//! An entity that no gazetteer name fits may still be placed through a name it contains or the
//! fallback table (see [`candidates`]); a fallback reading needs its country named in the
//! article.
//!
//! Besides the LOC entities' places, the place an organization is named after and the country
//! of a nationality get a record of their own, marked by `source` (see [`derived`]).

use std::collections::BTreeMap;

use crate::lexicon::countries;
use crate::lexicon::places::{self, Feature, Place};
use crate::record::{EntityRec, EntityType, PlaceRec};
use crate::text::Document;

mod candidates;
mod context;
mod derived;
mod scene;
use candidates::{candidates, org_naming, Via};
use context::{company_acronym, coordinated, level_kind, state_cue, state_form};
use derived::{SOURCE_DEMONYM, SOURCE_NAME, SOURCE_ORG};
use scene::{Scene, Totals, View};

/// Within this distance a city or county reading of another entity supports a candidate.
const NEAR_KM: f64 = 250.0;

/// Weight of a state or country named in an organization's name, per mention, against 1 for a
/// place named as such.
const ORG_CLUE: f64 = 0.5;

/// A city this big supports its neighbours' readings a quarter as much as a town.
const METROPOLIS: u64 = 1_000_000;

/// A city this big supports its neighbours' readings half as much as a town.
const BIG_CITY: u64 = 200_000;

/// Within this distance of the article's other countries a country or state is "in the region".
const REGION_KM: f64 = 1500.0;

/// Malus of a town named like a country ("Norway", Maine), or like a state or province and
/// smaller than a [`MAJOR_CITY`] (California, Pennsylvania), when no state follows the name.
const COUNTRY_NAME_TOWN: f64 = 2.0;

/// A town this close to the point of a state of its name lies inside it (Geneva and its canton).
const STATE_TOWN_KM: f64 = 60.0;

/// Population prior of a sea or region without a population.
const BODY_PRIOR: u64 = 10_000_000;

/// A town is a minor namesake of a city with this many times its people (and at least
/// [`MAJOR_CITY`]): London, Ohio of London; Paris, Texas of Paris; Lisbon, Ohio of Lisbon.
const MINOR_RATIO: u64 = 30;

/// A city this big is the one its name means unless the article says otherwise.
const MAJOR_CITY: u64 = 300_000;

/// Malus of a state named like the metropolis inside it ("New York") without a state word
/// near a mention: the name means the city.
const STATE_OF_METROPOLIS: f64 = 2.5;

/// Bonus of a reading of the same kind (country or state; city) as a name it is coordinated
/// with ("England and Wales", "between New York and St. Petersburg").
const COORDINATED: f64 = 2.0;

/// Whether two places at latitudes `lat1` and `lat2` (degrees) are surely farther apart than
/// `km`: their distance in latitude alone (a lower bound of the great-circle distance) is more
/// than `km` plus 1 km (far beyond rounding), so the distance need not be computed.
fn surely_farther(lat1: f64, lat2: f64, km: f64) -> bool {
    6371.0 * (lat1 - lat2).to_radians().abs() > km + 1.0
}

/// Whether a place is local (a city or county), so that its neighbours tell where it is.
fn local(p: &Place) -> bool {
    p.feature == Feature::City || p.level == 2
}

/// The state or country written right after any mention: "Gainesville, Ga." → (USA, GA).
fn containers(doc: &Document, e: &EntityRec) -> Vec<&'static Place> {
    let mut out = Vec::new();
    for m in &e.mentions {
        let Some(rest) = doc.text.get(m.end..).and_then(|r| r.strip_prefix(", ")) else {
            continue;
        };
        let words: Vec<&str> = rest.split([' ', ',', ';', '\n']).take(3).collect();
        for n in (1..=words.len()).rev() {
            let name = words[..n].join(" ");
            let name = name.trim_end_matches(['’', '\'']);
            let found: Vec<_> = places::candidates(name)
                .iter()
                .filter_map(|&i| places::get(i))
                .filter(|p| matches!(p.feature, Feature::Country | Feature::Admin))
                .collect();
            if let Some(p) = found.first() {
                out.push(*p);
                break;
            }
        }
    }
    out
}

/// The score of reading an entity as place `p` (see the module documentation). A minor
/// namesake of a much bigger city ([`MINOR_RATIO`]) gets nothing from the countries the
/// article names unless the article is local there (names a state, county or town of that
/// country): "In London, the FTSE 100..." in a story about the US dollar is still London,
/// England; "Paris" beside "Crestwood" is Paris, Illinois.
fn score(
    p: &Place,
    (primary, minor): (bool, bool),
    scene: &Scene,
    view: &View<'_>,
    boxes: &[&Place],
    own: usize,
) -> f64 {
    let body = matches!(p.feature, Feature::Water | Feature::Region);
    let pop = if body && p.population == 0 {
        BODY_PRIOR
    } else {
        p.population
    };
    let mut s = ((pop as f64) + 10.0).log10();
    s += match p.feature {
        Feature::Country => 1.0,
        Feature::Admin if p.level == 1 => 1.0,
        Feature::Water | Feature::Region => 1.0,
        _ => 0.0,
    };
    if !primary {
        s -= 1.0;
    }
    if let Some(c) = p.country {
        let minor = minor && !view.local.contains(&c);
        if let Some(w) = view.countries.get(c).filter(|_| view.total > 0.0 && !minor) {
            s += 1.0 + 2.0 * w / view.total;
        }
        if view.focus == Some(c) && !minor {
            s += 1.0;
        }
        if p.level != 1 && view.has_admin(c, p.admin1) {
            s += 2.5;
        }
        for b in boxes {
            let inside = match b.feature {
                Feature::Country => b.country == Some(c),
                _ => b.country == Some(c) && b.admin1 == p.admin1 && !p.admin1.is_empty(),
            };
            if inside {
                s += 6.0;
            }
        }
    }
    // A country or state among the article's other countries ("Turkey, Armenia, Georgia").
    if !local(p) && view.total > 0.0 {
        let near: f64 = view
            .countries
            .iter()
            .filter(|(c, _)| Some(**c) != p.country)
            .filter_map(|(c, w)| Some((places::get(places::country_place(c)?)?, w)))
            .filter(|(q, _)| {
                !surely_farther(p.lat, q.lat, REGION_KM)
                    && places::distance_km(p.lat, p.lon, q.lat, q.lon) < REGION_KM
            })
            .map(|(_, w)| w)
            .sum();
        s += near / view.total;
    }
    if local(p) {
        let near = scene.neighbours(p.lat, p.lon, own, 3.0);
        s += 1.5 * near.min(3.0);
    }
    s
}

/// Whether `p` is a minor namesake among an entity's readings `cs`: a town with under
/// 1/[`MINOR_RATIO`] of the people of a city of at least [`MAJOR_CITY`] of the same name.
fn minor(cs: &[(u32, bool)], p: &Place) -> bool {
    p.feature == Feature::City
        && cs.iter().filter_map(|&(j, _)| places::get(j)).any(|q| {
            q.feature == Feature::City
                && q.population >= MAJOR_CITY
                && p.population.saturating_mul(MINOR_RATIO) < q.population
        })
}

/// Words before a name that make it a place ("in Malakal"); not "to" or "from", which also
/// introduce people ("according to Trapani", "a letter from Turner").
const LOCATIVE: &[&str] = &["in", "near", "into", "outside", "around", "across"];

/// Whether a one-word LOC entity is the surname of a person the article names (`surnames`) ("Trapani" after
/// "Andrew Trapani", "Turner" after "Matt Turner"): then a town of that name is the person, not
/// a place, unless a locative word precedes a mention ("in Malakal"), a state or country follows
/// one, or a reading is a country or state.
fn person_surname(
    doc: &Document,
    e: &EntityRec,
    surnames: &foldhash::HashSet<&str>,
    cands: &[(u32, bool)],
) -> bool {
    let name = e.name.trim();
    // A name no person has is no surname (asked first: most places are none).
    if name.contains(' ') || name.is_empty() || !surnames.contains(name) {
        return false;
    }
    // "in Malakal" but not "into Bell's back", "in Flores' honor".
    let locative = e.mentions.iter().any(|m| {
        let possessive = m.text.ends_with(['\'', '’'])
            || doc
                .text
                .get(m.end..)
                .is_some_and(|a| a.starts_with(['\'', '’']));
        !possessive
            && doc
                .text
                .get(..m.start)
                .and_then(|b| b.split_whitespace().next_back())
                .is_some_and(|w| LOCATIVE.contains(&w.to_lowercase().as_str()))
    });
    if locative {
        return false;
    }
    let big = cands
        .iter()
        .filter_map(|&(j, _)| places::get(j))
        .any(|p| !local(p));
    !big
}

/// The places stage: [`places`], then each entity without a country takes the country of its
/// first geocoded place of its own (`source` `name`: "Rome" → ITA), through a map by entity id (linear in both lists).
pub fn geocode(doc: &Document, entities: &mut [EntityRec]) -> Vec<PlaceRec> {
    let found = places(doc, entities);
    let mut country: BTreeMap<&str, &str> = BTreeMap::new();
    for p in found.iter().filter(|p| p.source == SOURCE_NAME) {
        if let Some(c) = p.country.as_deref() {
            country.entry(p.entity.as_str()).or_insert(c);
        }
    }
    for e in entities.iter_mut().filter(|e| e.country.is_none()) {
        e.country = country.get(e.id.as_str()).map(|c| (*c).to_string());
    }
    found
}

/// One place record per geocodable LOC entity, NORP entity with a country and organization
/// named after a place, in entity order.
pub fn places(doc: &Document, entities: &[EntityRec]) -> Vec<PlaceRec> {
    let (cands, via): (Vec<Vec<(u32, bool)>>, Vec<Via>) = entities
        .iter()
        .map(|e| {
            if e.etype == EntityType::Loc {
                candidates(e)
            } else {
                (Vec::new(), Via::Name)
            }
        })
        .unzip();
    let boxes: Vec<Vec<&Place>> = entities.iter().map(|e| containers(doc, e)).collect();
    // Countries the article names: demonyms and entities with a single country reading.
    let named: Vec<(usize, &str)> = entities
        .iter()
        .zip(&cands)
        .enumerate()
        .flat_map(|(i, (e, cs))| {
            let one = cs
                .iter()
                .filter_map(|&(j, _)| places::get(j)?.country)
                .fold(None, |acc: Option<Option<&str>>, c| match acc {
                    None => Some(Some(c)),
                    Some(Some(a)) if a == c => Some(Some(a)),
                    _ => Some(None),
                })
                .flatten();
            e.country.as_deref().or(one).map(|c| (i, c))
        })
        .collect();
    // The last words of the people's names ("Trapani" of "Andrew Trapani").
    let surnames: foldhash::HashSet<&str> = entities
        .iter()
        .filter(|o| o.etype == EntityType::Person)
        .filter_map(|o| o.name.rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let cands: Vec<Vec<(u32, bool)>> = cands
        .into_iter()
        .enumerate()
        .map(|(i, cs)| match entities.get(i) {
            Some(e) if boxes[i].is_empty() && person_surname(doc, e, &surnames, &cs) => Vec::new(),
            _ if company_acronym(doc, i, entities, &cs, &named) => Vec::new(),
            _ => cs,
        })
        .collect();
    // A facility named after a town ("Leicester Square") is placed in it only when the article
    // says so: the town named on its own, or written after the facility.
    let named_places: foldhash::HashSet<u32> = cands
        .iter()
        .zip(&via)
        .filter(|(_, v)| **v != Via::Facility)
        .flat_map(|(cs, _)| cs.iter().map(|c| c.0))
        .collect();
    let cands: Vec<Vec<(u32, bool)>> = cands
        .into_iter()
        .enumerate()
        .map(|(i, cs)| {
            let said = cs.iter().any(|c| named_places.contains(&c.0));
            if via[i] == Via::Facility && boxes[i].is_empty() && !said {
                Vec::new()
            } else {
                cs
            }
        })
        .collect();
    let coord = coordinated(doc, entities);
    // Places named in organizations' names ("Minnesota State Chess Association"): context only.
    let (in_orgs, civic): (Vec<&[u32]>, Vec<bool>) = entities
        .iter()
        .map(|e| {
            if e.etype == EntityType::Org {
                org_naming(e)
            } else {
                (&[][..], false)
            }
        })
        .unzip();
    let local_points: Vec<Vec<(f64, f64, u64)>> = cands
        .iter()
        .zip(&in_orgs)
        .map(|(cs, orgs)| {
            cs.iter()
                .map(|&(j, _)| j)
                .chain(orgs.iter().copied())
                .filter_map(places::get)
                // A minor namesake ("Paris", Kentucky) supports no neighbour: namesakes of
                // Paris, Amsterdam and Lisbon lie near each other in the US.
                .filter(|p| local(p) && !minor(cs, p))
                .map(|p| (p.lat, p.lon, p.population))
                .collect()
        })
        .collect();
    // A state or country an organization is named after is a weak clue.
    let add_org_clues = |scene: &mut Scene, i: usize, weight: f64| {
        let big: Vec<&Place> = in_orgs[i]
            .iter()
            .filter_map(|&j| places::get(j))
            .filter(|p| !local(p))
            .collect();
        for p in &big {
            scene.add_place(i, p, ORG_CLUE * weight / big.len() as f64, (true, false));
        }
    };
    // The one reading of the main gazetteer, if there is one (a fallback province beside it
    // does not count).
    let sure = |cs: &[(u32, bool)]| -> Option<u32> {
        let mut main = cs.iter().filter(|c| !places::in_fallback(c.0));
        match (main.next(), main.next()) {
            (Some(&(j, _)), None) => Some(j),
            _ => None,
        }
    };
    // Round one: countries, demonyms and places with one reading.
    let mut scene = Scene::new(local_points.clone());
    for (i, (e, cs)) in entities.iter().zip(&cands).enumerate() {
        let weight = e.mentions.len() as f64;
        if e.etype == EntityType::Norp {
            if let Some(c) = e.country.as_deref().and_then(countries::by_alpha3) {
                scene.add_country(i, c.alpha3, 0.5 * weight);
            }
        } else if let (Some(only), Some(Via::Name | Via::Facility)) = (sure(cs), via.get(i)) {
            if let Some(p) = places::get(only) {
                scene.add_place(i, p, weight, (true, minor(&cands[i], p)));
            }
        }
        add_org_clues(&mut scene, i, weight);
    }
    // A state word near a mention ("New York state"), looked for only where it matters: a
    // state reading named like its metropolis (a few entities of an article).
    let state_cue_of = |i: usize| {
        entities
            .get(i)
            .is_some_and(|e| state_form(e) || state_cue(doc, e))
    };
    // Entity `i`'s readings with their scores in `scene`, before the bonus of coordinated
    // names ([`COORDINATED`], the only part that depends on the previous round's choices, added
    // by `choose`): rounds two and three share one scene and score it once.
    let scored = |scene: &Scene, totals: &Totals, i: usize| -> Option<Vec<(f64, &'static Place)>> {
        let cs = cands.get(i).filter(|cs| !cs.is_empty())?;
        let view = scene.view(totals, i);
        let readings = || cs.iter().filter_map(|&(j, _)| places::get(j));
        // A state named like the metropolis inside it: "New York".
        let metropolis_in = |st: &Place| {
            readings().any(|c| {
                c.feature == Feature::City
                    && c.population >= METROPOLIS
                    && c.country == st.country
                    && c.admin1 == st.admin1
            })
        };
        // A country's name means the country unless the text places a town of that name; a
        // state's or province's name means it rather than a town smaller than a major city
        // ("Calif." beside Pittsburgh is not California, Pennsylvania).
        let country_name = cs
            .iter()
            .any(|&(j, _)| places::get(j).is_some_and(|p| p.feature == Feature::Country));
        // A state of the town's own country (California, Pennsylvania of California) or of a
        // country the article names (Ontario, California of Ontario beside Canada); not
        // Alexandria, Virginia of Egypt's Alexandria Governorate in a story that never names
        // Egypt.
        // A town inside the state of its name keeps its reading (Geneva in the canton of
        // Geneva, whose gazetteer entry has no admin1 code: inside means the same code, or the
        // state's point within [`STATE_TOWN_KM`] of the town's).
        let state_named = |t: &Place| {
            readings().any(|q| {
                q.feature == Feature::Admin
                    && q.level == 1
                    && !(q.country == t.country
                        && (q.admin1 == t.admin1
                            || places::distance_km(q.lat, q.lon, t.lat, t.lon) < STATE_TOWN_KM))
                    && (q.country == t.country
                        || q.country.is_some_and(|c| view.countries.contains_key(c)))
            })
        };
        // A state or country written after the name that none of its towns and counties lies
        // in ("Belgrade, Minn." where the gazetteer knows only Belgrade, Montana): the text
        // says where the place is, and no reading fits it.
        let inside = |p: &Place, b: &Place| match b.feature {
            Feature::Country => p.country.is_some() && b.country == p.country,
            _ => {
                p.country.is_some()
                    && b.country == p.country
                    && b.admin1 == p.admin1
                    && !p.admin1.is_empty()
            }
        };
        // A metropolis of a country the article names keeps its reading: "London, New York
        // and Tokyo" lists cities, no container.
        let named_metropolis = || {
            readings().any(|p| {
                p.population >= METROPOLIS
                    && p.country.is_some_and(|c| view.countries.contains_key(c))
            })
        };
        if !boxes[i].is_empty() && readings().all(local) && !named_metropolis() {
            let fits = readings().any(|p| boxes[i].iter().any(|b| inside(p, b)));
            if !fits {
                return None;
            }
        }
        // An entity written as a state's abbreviation ("Calif.", "N.Y.") is the state, never
        // a town of the state's name (looked for only where a state reading exists).
        let state_only = readings().any(|q| q.feature == Feature::Admin && q.level == 1)
            && entities.get(i).is_some_and(state_form);
        // A fallback reading only in a country the article names or writes after the name.
        let fallback = via.get(i) == Some(&Via::Fallback);
        let named = |p: &Place| {
            p.country.is_some_and(|c| {
                view.countries.contains_key(c) || boxes[i].iter().any(|b| b.country == Some(c))
            })
        };
        let scored = cs
            .iter()
            .filter_map(|&(j, primary)| {
                let p = places::get(j)?;
                if (fallback || places::in_fallback(j)) && !named(p) {
                    return None;
                }
                if state_only && p.feature == Feature::City {
                    return None;
                }
                let mut s = score(p, (primary, minor(cs, p)), scene, &view, &boxes[i], i);
                let town = p.feature == Feature::City && boxes[i].is_empty();
                if town && (country_name || (p.population < MAJOR_CITY && state_named(p))) {
                    s -= COUNTRY_NAME_TOWN;
                }
                if p.feature == Feature::Admin
                    && p.level == 1
                    && metropolis_in(p)
                    && !state_cue_of(i)
                {
                    s -= STATE_OF_METROPOLIS;
                }
                Some((s, p))
            })
            .collect();
        Some(scored)
    };
    // The best of entity `i`'s `scored` readings, given the previous round's choices.
    let choose = |scored: &Option<Vec<(f64, &'static Place)>>,
                  i: usize,
                  prev: &[Option<&Place>]|
     -> Option<&'static Place> {
        let scored = scored.as_ref()?;
        let kinds: Vec<u8> = coord[i]
            .iter()
            .filter_map(|&j| prev.get(j).copied().flatten())
            .map(level_kind)
            .filter(|&k| k > 0)
            .collect();
        scored
            .iter()
            .map(|&(s, p)| {
                if kinds.contains(&level_kind(p)) {
                    (s + COORDINATED, p)
                } else {
                    (s, p)
                }
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
    };
    let totals = scene.totals();
    let first: Vec<Option<&Place>> = (0..entities.len())
        .map(|i| choose(&scored(&scene, &totals, i), i, &[]))
        .collect();
    // Round two: every first-round choice is context for the others.
    let mut scene2 = Scene::new(local_points);
    for (i, e) in entities.iter().enumerate() {
        let weight = e.mentions.len() as f64;
        if e.etype == EntityType::Norp {
            if let Some(c) = e.country.as_deref().and_then(countries::by_alpha3) {
                scene2.add_country(i, c.alpha3, 0.5 * weight);
            }
        } else if let Some(p) = first[i] {
            let sure = sure(&cands[i]).is_some();
            let w = if sure { weight } else { 0.5 * weight };
            scene2.add_place(i, p, w, (sure, minor(&cands[i], p)));
        }
        add_org_clues(&mut scene2, i, weight);
    }
    let totals2 = scene2.totals();
    let scored2: Vec<Option<Vec<(f64, &Place)>>> = (0..entities.len())
        .map(|i| scored(&scene2, &totals2, i))
        .collect();
    let second: Vec<Option<&Place>> = (0..entities.len())
        .map(|i| choose(&scored2[i], i, &first))
        .collect();
    // Coordinated names read alike by their second-round readings: "Munster and Leinster" are
    // two Irish provinces once Munster is one (in the first round it was still a town).
    let chosen: Vec<Option<&Place>> = (0..entities.len())
        .map(|i| choose(&scored2[i], i, &second))
        .collect();
    // The places the LOC entities were read as: an organization named after one is there.
    let read: foldhash::HashSet<*const Place> = chosen
        .iter()
        .flatten()
        .map(|p| std::ptr::from_ref(*p))
        .collect();
    let mut out = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if let Some(p) = chosen[i] {
            let feature = if via.get(i) == Some(&Via::Facility) {
                Feature::Facility
            } else {
                p.feature
            };
            out.push(derived::record(e, p, feature.label(), SOURCE_NAME));
        } else if let Some(p) = derived::demonym_place(e) {
            out.push(derived::record(e, p, p.feature.label(), SOURCE_DEMONYM));
        } else if !in_orgs[i].is_empty() {
            let org = derived::OrgName {
                readings: in_orgs[i],
                civic: civic[i],
            };
            let view = scene2.view(&totals2, i);
            if let Some(p) = derived::org_place(&org, &read, &scene2, &view, &boxes[i], i) {
                out.push(derived::record(e, p, p.feature.label(), SOURCE_ORG));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod news_tests;
