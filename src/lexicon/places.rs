//! The places gazetteer: countries (from [`super::countries`] plus GeoNames ids), cities of
//! GeoNames (`resources/places_cities.tsv`, CC BY 4.0, rebuilt by `tools/build_places.py`) and
//! the hand-made seas, regions, admin areas and aliases of `resources/regions.tsv`.
//!
//! Every name (primary name, ASCII variant, alias) maps to the places it may denote; the
//! gazetteer stage matches the names, the places stage picks one place per entity.
//!
//! A fallback table (`resources/places_extra.tsv`: towns of ≥ 5,000 people and the provinces
//! and regions of every country) is looked up only by [`fallback_candidates`]: it geocodes a
//! tagger's LOC mention that no main name fits ("Hebei", "Dadaab") but never proposes mentions,
//! so its many small and ambiguous names cannot turn words into places.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use super::countries;

/// What kind of place a record is; the contract's LOC subtypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A country or territory with an ISO code.
    Country,
    /// A first-level division (a US state, a province).
    Admin,
    /// A city or town.
    City,
    /// A region that is no administrative unit (a continent, "Middle East", "Sahel").
    Region,
    /// A sea, ocean, gulf, lake or river.
    Water,
    /// A building, airport, base.
    Facility,
    /// Anything else.
    Other,
}

impl Feature {
    /// The contract's label ("country", "city", ...).
    pub fn label(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Admin => "admin",
            Feature::City => "city",
            Feature::Region => "region",
            Feature::Water => "water",
            Feature::Facility => "facility",
            Feature::Other => "other",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Feature::Country,
            "admin" => Feature::Admin,
            "city" => Feature::City,
            "region" => Feature::Region,
            "water" => Feature::Water,
            "facility" => Feature::Facility,
            "other" => Feature::Other,
            _ => return None,
        })
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Primary name ("Tripoli", "Mediterranean", "Libya").
    pub name: &'static str,
    /// Kind of place.
    pub feature: Feature,
    /// ISO 3166-1 alpha-3 country, where the place lies in one.
    pub country: Option<&'static str>,
    /// First-level division code inside the country (GeoNames admin1: "OH", "09").
    pub admin1: &'static str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id, where known.
    pub geonameid: Option<u64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// Whether the (one-word) name is also an ordinary English word.
    pub common_word: bool,
    /// Administrative level: 1 for a state or province, 2 for a county; 0 for other places.
    pub level: u8,
}

/// How a name may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameStatus {
    /// A place name (see [`candidates`]).
    Place,
    /// A place only after a locative word ("in Jackson") or before ", State": a surname or word.
    Weak,
    /// Never a place ("Of", "University").
    Stop,
}

/// Cities (deflated at build time, inflated on first use).
static CITIES: LazyLock<&'static str> = LazyLock::new(|| {
    crate::lexicon::packed::inflate_str(crate::packed!("src/lexicon/resources/places_cities.tsv"))
});
static COUNTRY_IDS: &str = include_str!("resources/places_countries.tsv");
static REGIONS: &str = include_str!("resources/regions.tsv");
static ADMIN2: &str = include_str!("resources/places_admin2.tsv");
static PERSON_NAMES: &str = include_str!("resources/places_person_names.tsv");
/// Extra places (deflated at build time, inflated on first use).
static EXTRA: LazyLock<&'static str> = LazyLock::new(|| {
    crate::lexicon::packed::inflate_str(crate::packed!("src/lexicon/resources/places_extra.tsv"))
});

/// A city this big keeps its name even when the name is also a personal name ("Austin").
const BIG_CITY: u64 = 100_000;

/// Population prior of a county: this many people per town of its (GeoNames has no county
/// populations here).
const PEOPLE_PER_TOWN: u64 = 10_000;

struct Index {
    places: Vec<Place>,
    /// Name → places; a primary-name reading first, then by falling population.
    by_name: HashMap<&'static str, Vec<u32>>,
    /// Places whose primary name (not an alias) is the key.
    status: HashMap<&'static str, NameStatus>,
    /// ISO3 → index of the country place.
    country_place: HashMap<&'static str, u32>,
    /// ASCII-folded name → places of the fallback table, by falling population.
    fallback: HashMap<String, Vec<u32>>,
    /// Places from this index on come from the fallback table.
    fallback_from: u32,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn list(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.split('|').filter(|x| !x.is_empty())
}

fn non_empty(s: &'static str) -> Option<&'static str> {
    Some(s).filter(|s| !s.is_empty())
}

static INDEX: LazyLock<Index> = LazyLock::new(build);

fn build() -> Index {
    let mut places: Vec<Place> = Vec::with_capacity(50_000);
    let mut names: Vec<(&'static str, u32)> = Vec::with_capacity(60_000);
    let mut status: HashMap<&'static str, NameStatus> = HashMap::new();
    let mut country_place = HashMap::new();
    let mut aliases_of_cities: Vec<(&'static str, &'static str, &'static str)> = Vec::new();
    let ids: HashMap<&str, (u64, u64)> = rows(COUNTRY_IDS)
        .filter_map(|f| match f[..] {
            [iso3, gid, pop, ..] => Some((iso3, (gid.parse().ok()?, pop.parse().unwrap_or(0)))),
            _ => None,
        })
        .collect();
    for c in countries::all() {
        let (gid, pop) = ids.get(c.alpha3).copied().unzip();
        let i = places.len() as u32;
        places.push(Place {
            name: c.name,
            feature: Feature::Country,
            country: Some(c.alpha3),
            admin1: "",
            lat: c.lat,
            lon: c.lon,
            geonameid: gid,
            population: pop.unwrap_or(0),
            common_word: false,
            level: 0,
        });
        country_place.insert(c.alpha3, i);
        names.push((c.name, i));
        names.extend(c.alt_names.iter().map(|n| (*n, i)));
    }
    for f in rows(REGIONS) {
        let [name, aliases, feature, iso3, admin1, lat, lon, gid, pop] = f[..] else {
            continue;
        };
        match feature {
            "stop" => {
                status.insert(name, NameStatus::Stop);
                continue;
            }
            "weak" => {
                status.insert(name, NameStatus::Weak);
                continue;
            }
            "alias" => {
                aliases_of_cities.push((name, aliases, iso3));
                continue;
            }
            "country" => {
                // An alias of a country; coordinates, when given, replace the country's centre.
                if let Some(&i) = country_place.get(iso3) {
                    names.push((name, i));
                    if let (Ok(la), Ok(lo), Some(p)) =
                        (lat.parse(), lon.parse(), places.get_mut(i as usize))
                    {
                        p.lat = la;
                        p.lon = lo;
                    }
                }
                continue;
            }
            _ => {}
        }
        let Some(place) = table_place([gid, name, iso3, feature, lat, lon, pop], admin1) else {
            continue;
        };
        let i = places.len() as u32;
        places.push(place);
        names.push((name, i));
        names.extend(list(aliases).map(|a| (a, i)));
    }
    for f in rows(*CITIES) {
        let [gid, name, variants, iso3, admin1, lat, lon, pop, flags] = f[..] else {
            continue;
        };
        let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
            continue;
        };
        let i = places.len() as u32;
        places.push(Place {
            name,
            feature: Feature::City,
            country: non_empty(iso3),
            admin1,
            lat,
            lon,
            geonameid: gid.parse().ok(),
            population: pop.parse().unwrap_or(0),
            common_word: flags.contains('w'),
            level: 0,
        });
        names.push((name, i));
        names.extend(list(variants).map(|v| (v, i)));
    }
    for f in rows(ADMIN2) {
        let [name, iso3, admin1, lat, lon, towns] = f[..] else {
            continue;
        };
        let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
            continue;
        };
        let i = places.len() as u32;
        places.push(Place {
            name,
            feature: Feature::Admin,
            country: non_empty(iso3),
            admin1,
            lat,
            lon,
            geonameid: None,
            population: towns.parse::<u64>().unwrap_or(1) * PEOPLE_PER_TOWN,
            common_word: false,
            level: 2,
        });
        names.push((name, i));
    }
    for (alias, target, iso3) in aliases_of_cities {
        let city = names
            .iter()
            .filter(|&&(n, _)| n == target)
            .map(|&(_, i)| i)
            .filter(|&i| places[i as usize].country == Some(iso3))
            .max_by_key(|&i| places[i as usize].population);
        if let Some(i) = city {
            names.push((alias, i));
        }
    }
    let mut by_name: HashMap<&'static str, Vec<u32>> = HashMap::with_capacity(names.len());
    for (n, i) in names {
        let v = by_name.entry(n).or_default();
        if !v.contains(&i) {
            v.push(i);
        }
    }
    for (n, v) in by_name.iter_mut() {
        v.sort_by_key(|&i| {
            let p = &places[i as usize];
            (p.name != *n, std::cmp::Reverse(p.population))
        });
    }
    // Personal names are weak unless a reading is a country, a state or a big city.
    for f in rows(PERSON_NAMES) {
        let [_, name] = f[..] else { continue };
        let strong = by_name.get(name).is_some_and(|v| {
            v.iter()
                .filter_map(|&i| places.get(i as usize))
                .any(|p| p.feature != Feature::City || p.population >= BIG_CITY)
        });
        if !strong {
            status.entry(name).or_insert(NameStatus::Weak);
        }
    }
    for n in by_name.keys() {
        status.entry(n).or_insert(NameStatus::Place);
    }
    let fallback_from = places.len() as u32;
    let fallback = load_fallback(&mut places);
    Index {
        fallback_from,
        places,
        by_name,
        status,
        country_place,
        fallback,
    }
}

/// The key of a fallback name: ASCII, lower case ("Østfold" → "ostfold").
fn fold(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

/// Appends the fallback table's places and indexes them by folded name.
/// A place from a row of a table with a feature column (`regions.tsv`, `places_extra.tsv`):
/// geonameid, name, ISO3, feature, lat, lon, population; `None` when a field does not parse.
fn table_place(
    [gid, name, iso3, feature, lat, lon, pop]: [&'static str; 7],
    admin1: &'static str,
) -> Option<Place> {
    let (Some(feature), Ok(lat), Ok(lon)) = (Feature::parse(feature), lat.parse(), lon.parse())
    else {
        return None;
    };
    Some(Place {
        name,
        feature,
        country: non_empty(iso3),
        admin1,
        lat,
        lon,
        geonameid: gid.parse().ok(),
        population: pop.parse().unwrap_or(0),
        common_word: false,
        level: u8::from(feature == Feature::Admin),
    })
}

fn load_fallback(places: &mut Vec<Place>) -> HashMap<String, Vec<u32>> {
    let mut out: HashMap<String, Vec<u32>> = HashMap::with_capacity(40_000);
    for f in rows(*EXTRA) {
        let [gid, name, variants, iso3, feature, lat, lon, pop] = f[..] else {
            continue;
        };
        let Some(place) = table_place([gid, name, iso3, feature, lat, lon, pop], "") else {
            continue;
        };
        let i = places.len() as u32;
        places.push(place);
        for n in std::iter::once(name).chain(list(variants)) {
            let v = out.entry(fold(n)).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|&i| {
            let p = &places[i as usize];
            (p.feature != Feature::Admin, std::cmp::Reverse(p.population))
        });
    }
    out
}

/// Places of the fallback table (see the module documentation) that `name` may denote,
/// compared without accents and case; first-level divisions first, then by falling population.
pub fn fallback_candidates(name: &str) -> &'static [u32] {
    INDEX.fallback.get(&fold(name)).map_or(&[], Vec::as_slice)
}

/// Whether place `i` comes from the fallback table (to be trusted only where the article names
/// its country).
pub fn in_fallback(i: u32) -> bool {
    i >= INDEX.fallback_from
}

/// Every place of the gazetteer.
pub fn all() -> &'static [Place] {
    &INDEX.places
}

/// The place with index `i` in [`all`].
pub fn get(i: u32) -> Option<&'static Place> {
    INDEX.places.get(i as usize)
}

/// Indices (into [`all`]) of the places `name` may denote, exact and case-sensitive: places whose
/// primary name it is first, then by falling population. Empty for stop names.
pub fn candidates(name: &str) -> &'static [u32] {
    if status(name) == Some(NameStatus::Stop) {
        return &[];
    }
    INDEX.by_name.get(name).map_or(&[], Vec::as_slice)
}

/// How `name` may be read, if the gazetteer knows it.
pub fn status(name: &str) -> Option<NameStatus> {
    INDEX.status.get(name).copied()
}

/// Every name the gazetteer knows (places, variants, aliases; weak and stop names excluded).
pub fn names() -> impl Iterator<Item = &'static str> {
    INDEX
        .by_name
        .keys()
        .copied()
        .filter(|n| status(n) == Some(NameStatus::Place))
}

/// Index of the country place with this ISO3 code.
pub fn country_place(iso3: &str) -> Option<u32> {
    INDEX.country_place.get(iso3).copied()
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(name: &str) -> &'static Place {
        get(candidates(name)[0]).unwrap()
    }

    #[test]
    fn cities_countries_regions_and_aliases_resolve() {
        let tripolis: Vec<_> = candidates("Tripoli")
            .iter()
            .map(|&i| get(i).unwrap())
            .collect();
        assert!(tripolis.iter().any(|p| p.country == Some("LBY")));
        assert!(tripolis.iter().any(|p| p.country == Some("LBN")));
        assert_eq!(first("Tripoli").country, Some("LBY"));
        let rome = first("Rome");
        assert_eq!((rome.country, rome.feature), (Some("ITA"), Feature::City));
        assert!(distance_km(rome.lat, rome.lon, 41.89, 12.48) < 5.0);
        assert_eq!(first("Libya").feature, Feature::Country);
        assert_eq!(first("U.S.").country, Some("USA"));
        assert_eq!(first("Mediterranean").feature, Feature::Water);
        assert_eq!(first("Sao Paulo").name, "São Paulo");
        assert_eq!(first("Ohio").admin1, "OH");
        assert!(candidates("Of").is_empty());
        assert_eq!(status("Moore"), Some(NameStatus::Weak));
        assert_eq!(status("Austin"), Some(NameStatus::Place));
    }

    #[test]
    fn the_fallback_table_geocodes_provinces_and_towns_but_is_not_matched() {
        let hebei: Vec<_> = fallback_candidates("Hebei")
            .iter()
            .map(|&i| get(i).unwrap())
            .collect();
        assert_eq!(
            (hebei[0].country, hebei[0].feature),
            (Some("CHN"), Feature::Admin)
        );
        assert!(distance_km(hebei[0].lat, hebei[0].lon, 38.5, 114.6) < 100.0);
        // Accents and case do not matter; "Gansu Sheng" is also "Gansu".
        let ostfold = get(fallback_candidates("Østfold")[0]).unwrap();
        assert_eq!(ostfold.country, Some("NOR"));
        assert_eq!(
            get(fallback_candidates("Gansu")[0]).unwrap().name,
            "Gansu Sheng"
        );
        assert_eq!(
            get(fallback_candidates("Dadaab")[0]).unwrap().country,
            Some("KEN")
        );
        // Not among the names the gazetteer stage matches.
        assert!(candidates("Hebei").is_empty() && candidates("Dadaab").is_empty());
        assert!(fallback_candidates("Zzyzx Qqq").is_empty());
    }

    #[test]
    fn distances_are_great_circle_km() {
        let d = distance_km(32.89, 13.19, 34.44, 35.85);
        assert!((d - 2100.0).abs() < 50.0, "{d}");
        assert!(distance_km(1.0, 1.0, 1.0, 1.0) < 1e-9);
    }
}
