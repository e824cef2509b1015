//! Countries and their demonyms, from `resources/countries.tsv` (mledoze/countries, ODbL 1.0;
//! rebuilt by `tools/build_countries.py`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// One country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code ("LBY").
    pub alpha3: &'static str,
    /// Common English name ("Libya").
    pub name: &'static str,
    /// Other English names ("State of Libya").
    pub alt_names: Vec<&'static str>,
    /// Demonyms ("Libyan").
    pub demonyms: Vec<&'static str>,
    /// Latitude of the country's centre.
    pub lat: f64,
    /// Longitude of the country's centre.
    pub lon: f64,
}

static TSV: &str = include_str!("resources/countries.tsv");

struct Index {
    countries: Vec<Country>,
    by_name: HashMap<&'static str, usize>,
    by_demonym: HashMap<String, usize>,
    by_alpha3: HashMap<&'static str, usize>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut countries = Vec::new();
    for line in TSV.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&'static str> = line.split('\t').collect();
        let [alpha3, name, _official, alts, demonyms, lat, lon] = f[..] else {
            continue;
        };
        let list = |s: &'static str| s.split('|').filter(|x| !x.is_empty()).collect::<Vec<_>>();
        countries.push(Country {
            alpha3,
            name,
            alt_names: list(alts),
            demonyms: list(demonyms),
            lat: lat.parse().unwrap_or(0.0),
            lon: lon.parse().unwrap_or(0.0),
        });
    }
    let mut by_name = HashMap::new();
    let mut by_demonym = HashMap::new();
    let mut by_alpha3 = HashMap::new();
    for (i, c) in countries.iter().enumerate() {
        by_alpha3.insert(c.alpha3, i);
        for n in std::iter::once(&c.name).chain(&c.alt_names) {
            by_name.entry(*n).or_insert(i);
        }
        for d in &c.demonyms {
            by_demonym.entry((*d).to_string()).or_insert(i);
            by_demonym.entry(format!("{d}s")).or_insert(i);
        }
    }
    Index {
        countries,
        by_name,
        by_demonym,
        by_alpha3,
    }
});

/// Every country, in alpha-3 order.
pub fn all() -> &'static [Country] {
    &INDEX.countries
}

/// The country with this exact English name or alternative name ("Libya", "State of Libya").
pub fn by_name(name: &str) -> Option<&'static Country> {
    INDEX.by_name.get(name).map(|&i| &INDEX.countries[i])
}

/// The country of a demonym, singular or plural ("Libyan", "Libyans").
pub fn by_demonym(word: &str) -> Option<&'static Country> {
    INDEX.by_demonym.get(word).map(|&i| &INDEX.countries[i])
}

/// The country with this ISO 3166-1 alpha-3 code.
pub fn by_alpha3(code: &str) -> Option<&'static Country> {
    INDEX.by_alpha3.get(code).map(|&i| &INDEX.countries[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_demonyms_and_codes_resolve() {
        assert_eq!(all().len(), 250);
        assert_eq!(by_name("Libya").unwrap().alpha3, "LBY");
        assert_eq!(by_name("United States of America").unwrap().alpha3, "USA");
        assert_eq!(by_demonym("Italian").unwrap().alpha3, "ITA");
        assert_eq!(by_demonym("Libyans").unwrap().alpha3, "LBY");
        assert_eq!(by_alpha3("ITA").unwrap().name, "Italy");
        assert!(by_name("Haftar").is_none());
    }
}
