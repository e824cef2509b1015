//! Candidate places of a LOC entity: its names in the gazetteer and, failing that, a place its
//! name contains ("Mount Pleasant Civic Center", "North Texas", "Santa Clara Valley") or a place
//! of the fallback table ("Hebei", "Dadaab").

use crate::lexicon::places;
use crate::record::EntityRec;

/// The forms under which an entity may be in the gazetteer.
fn forms(e: &EntityRec) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let raw = std::iter::once(e.name.as_str())
        .chain(e.mentions.iter().map(|m| m.text.as_str()))
        .chain(e.aliases.iter().map(String::as_str));
    for f in raw {
        let mut f = f.trim();
        for p in ["the ", "The "] {
            f = f.strip_prefix(p).unwrap_or(f);
        }
        for s in ["’s", "'s", "’", "'"] {
            f = f.strip_suffix(s).unwrap_or(f);
        }
        if !f.is_empty() && !out.iter().any(|o| o == f) {
            out.push(f.to_string());
        }
        // "CHARLESTON" (a dateline) → "Charleston".
        let letters = f.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 3 && !f.chars().any(char::is_lowercase) {
            let t = crate::text::title_case(f);
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Words that end the name of a building or site ("Columbus Government Center").
const FACILITY_HEADS: &[&str] = &[
    "Center",
    "Centre",
    "Park",
    "Airport",
    "Station",
    "Hospital",
    "Stadium",
    "Arena",
    "Mall",
    "Fair",
    "Fairgrounds",
    "Square",
    "Hall",
    "Library",
    "School",
    "Church",
    "Bridge",
    "Courthouse",
    "Plaza",
    "Market",
    "Building",
    "Tower",
    "Campus",
    "Base",
    "Port",
    "Harbor",
    "Harbour",
    "Zoo",
    "Museum",
    "Prison",
    "Jail",
    "Camp",
    "Cemetery",
    "Terminal",
    "Dam",
];

/// A place named at the start of a facility's name: "Mount Pleasant Civic Center" → the places
/// named "Mount Pleasant". "San Fernando City" → "San Fernando".
fn container_of(form: &str) -> Option<(&'static [u32], bool)> {
    let words: Vec<&str> = form.split(' ').filter(|w| !w.is_empty()).collect();
    let last = *words.last()?;
    if last == "City" && words.len() > 1 {
        let head = words[..words.len() - 1].join(" ");
        let c = places::candidates(&head);
        return (!c.is_empty()).then_some((c, false));
    }
    if !FACILITY_HEADS.contains(&last) {
        return None;
    }
    (1..words.len()).rev().find_map(|n| {
        let head = words[..n].join(" ");
        let c = places::candidates(&head);
        (places::status(&head) == Some(places::NameStatus::Place) && !c.is_empty())
            .then_some((c, true))
    })
}

/// Compass and position words before a place name: "North Texas", "South Los Angeles",
/// "North-Western Sydney", "Mid-Jutland" lie in (or are) the named place.
const COMPASS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Northeastern",
    "Northwestern",
    "Southeastern",
    "Southwestern",
    "Mid",
    "Upper",
    "Downtown",
    "Greater",
    "Metro",
];

/// Words after a place name for the land around it: "Fort Worth area", "Atlanta metro".
/// (Not "Valley" or "Township": a township or valley may lie far from the town it is named
/// after.)
const AROUND: &[&str] = &["area", "Area", "region", "Region", "metro", "Metro"];

/// Words that are no place's name after a compass word ("North Island", "South Side"), even
/// where a gazetteer has them as an alias or a town.
const GENERIC: &[&str] = &[
    "Island",
    "Islands",
    "Side",
    "Coast",
    "Shore",
    "End",
    "Bank",
    "Plateau",
    "Province",
    "Region",
    "Valley",
    "Mountains",
    "Hills",
    "Lake",
    "River",
    "Sea",
    "Ocean",
    "Central",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "North",
    "South",
    "East",
    "West",
];

/// Last words of street and road names, which stay ungeocoded (a street named after a town is
/// not in it).
const STREET_HEADS: &[&str] = &[
    "Street",
    "St.",
    "St",
    "Road",
    "Rd.",
    "Rd",
    "Avenue",
    "Ave.",
    "Ave",
    "Drive",
    "Dr.",
    "Lane",
    "Boulevard",
    "Blvd.",
    "Highway",
    "Hwy.",
    "Way",
    "Court",
    "Parkway",
    "Pike",
    "Trail",
];

/// Names a name contains, nearest first: without an "around" word ([`AROUND`]: "Fort Worth
/// area" → "Fort Worth"), then without leading compass words ([`COMPASS`]: "North-Western
/// Sydney" → "Sydney").
fn inner_names(form: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut form = form.trim();
    if let Some((head, last)) = form.rsplit_once(' ') {
        if AROUND.contains(&last) && !head.trim().is_empty() {
            form = head.trim();
            out.push(form);
        }
    }
    let mut rest = form;
    while let Some((first, r)) = rest.split_once([' ', '-']) {
        if !COMPASS.contains(&first) || r.trim().is_empty() {
            break;
        }
        rest = r.trim();
        out.push(rest);
    }
    out
}

/// Main-gazetteer places of a name that is a place name (not a weak or stop name).
fn strong(name: &str) -> &'static [u32] {
    if places::status(name) == Some(places::NameStatus::Place) {
        places::candidates(name)
    } else {
        &[]
    }
}

/// How an entity's candidates were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    /// Under one of its names (or a place inside its name): the main gazetteer.
    Name,
    /// A facility named after the place it is in ("Mount Pleasant Civic Center").
    Facility,
    /// The fallback table: to be trusted only where the article names the place's country.
    Fallback,
}

/// Candidate places of an entity, with whether the form used is the place's primary name.
///
/// Failing every form: a place named at the start of a facility's name (the flag then says the
/// entity is a facility in it); unless the name is a street's, a place of the fallback table
/// of that name, a place inside a compass or "around" name ([`inner_names`]), or a fallback
/// place inside it.
pub(super) fn candidates(e: &EntityRec) -> (Vec<(u32, bool)>, Via) {
    let mut out: Vec<(u32, bool)> = Vec::new();
    let forms = forms(e);
    for f in &forms {
        for &i in places::candidates(f) {
            let primary = places::get(i).is_some_and(|p| p.name == *f);
            match out.iter_mut().find(|(j, _)| *j == i) {
                Some(slot) => slot.1 |= primary,
                None => out.push((i, primary)),
            }
        }
    }
    if !out.is_empty() {
        // A province of the fallback table of the same name ("Leinster": also a town in
        // Western Australia) competes too; it needs its country named in the article.
        for f in &forms {
            for &i in places::fallback_candidates(f) {
                let admin = places::get(i).is_some_and(|p| p.feature == places::Feature::Admin);
                if admin && !out.iter().any(|(j, _)| *j == i) {
                    out.push((i, true));
                }
            }
        }
        return (out, Via::Name);
    }
    if let Some((c, facility)) = forms.iter().find_map(|f| container_of(f)) {
        let via = if facility { Via::Facility } else { Via::Name };
        return (c.iter().map(|&i| (i, true)).collect(), via);
    }
    let all = |c: &[u32]| c.iter().map(|&i| (i, true)).collect::<Vec<_>>();
    let street = |f: &str| {
        f.rsplit(' ')
            .next()
            .is_some_and(|w| STREET_HEADS.contains(&w))
    };
    let names: Vec<&str> = forms
        .iter()
        .filter(|f| !street(f))
        .map(String::as_str)
        .collect();
    // A province of the fallback table by its own name ("West Java"), then the place inside
    // ("North Texas"), then a fallback place inside. A compass word alone is no name.
    let inner: Vec<&str> = names
        .iter()
        .flat_map(|f| inner_names(f))
        .filter(|n| !GENERIC.contains(n))
        .collect();
    let proper = |n: &&&str| !COMPASS.contains(*n) && !GENERIC.contains(*n);
    if let Some(c) = names
        .iter()
        .filter(proper)
        .map(|f| places::fallback_candidates(f))
        .find(|c| !c.is_empty())
    {
        return (all(c), Via::Fallback);
    }
    if let Some(c) = inner.iter().map(|n| strong(n)).find(|c| !c.is_empty()) {
        return (all(c), Via::Name);
    }
    let found = inner
        .iter()
        .filter(proper)
        .map(|n| places::fallback_candidates(n))
        .find(|c| !c.is_empty());
    (found.map(all).unwrap_or_default(), Via::Fallback)
}

/// Words right after a town's name that make an organization one of the town's own ("Dallas
/// Police Department", "Mansfield City Council", "Huntsville High School"): its name says
/// where it is, as a company's or a product's ("Ford Explorer", "Landmark Bank") does not.
const CIVIC_HEADS: &[&str] = &[
    "Police",
    "Sheriff",
    "Sheriff's",
    "Sheriff’s",
    "Fire",
    "City",
    "County",
    "Town",
    "Township",
    "Village",
    "Borough",
    "Council",
    "Board",
    "School",
    "Schools",
    "High",
    "Elementary",
    "Middle",
    "Public",
    "Chamber",
    "Municipal",
    "Regional",
    "Area",
    "District",
    "Community",
    "Historical",
    "Parks",
    "Housing",
    "Planning",
    "Zoning",
    "Water",
    "Courthouse",
    "Mayor",
    "Mayor's",
    "Commission",
    "Commissioners",
    "Department",
    "Recreation",
    "Library",
    "Veterans",
];

/// The places an organization's name begins with or ends on after "of" ("Minnesota State Chess
/// Association", "Gainesville Police Department", "University of Kentucky"), and whether the
/// organization is one of a town's own: the place after "of" ("City of Richmond") or before a
/// civic word ([`CIVIC_HEADS`]: "Paris Police Department"). Such an organization is no place,
/// but it tells where the article is.
pub(super) fn org_naming(e: &EntityRec) -> (&'static [u32], bool) {
    let name = e.name.trim();
    // The words, and where each ends in the name.
    let mut words: Vec<&str> = Vec::with_capacity(8);
    let mut ends: Vec<usize> = Vec::with_capacity(8);
    let mut at = 0;
    for w in name.split(' ') {
        if !w.is_empty() {
            words.push(w);
            ends.push(at + w.len());
        }
        at += w.len() + 1;
    }
    // The first `n` words joined by spaces: a slice of the name when its words are single
    // spaced (as resolution writes names), else a copy.
    let single = !name.contains("  ");
    let head = |n: usize| -> std::borrow::Cow<'_, str> {
        match n.checked_sub(1).and_then(|k| ends.get(k)) {
            Some(&end) if single => std::borrow::Cow::Borrowed(name.get(..end).unwrap_or(name)),
            _ => std::borrow::Cow::Owned(words[..n].join(" ")),
        }
    };
    let prefix = (1..words.len().min(4))
        .rev()
        .map(|n| (n, strong(&head(n))))
        .find(|(_, c)| !c.is_empty());
    if let Some((n, c)) = prefix {
        // "Mayo County Council", "Seminole County Sheriff's Office": named after a county the
        // gazetteer does not know by that name, not after the town "Mayo" or "Seminole".
        if words.get(n).is_some_and(|w| COUNTY_WORDS.contains(w)) {
            return (&[], false);
        }
        let civic = words.get(n).is_some_and(|w| CIVIC_HEADS.contains(w));
        return (c, civic);
    }
    let of = name
        .rsplit_once(" of ")
        .map(|(_, tail)| strong(tail.trim_start_matches("the ")))
        .filter(|c| !c.is_empty());
    if let Some(c) = of {
        return (c, true);
    }
    // A region the tagger took for an organization ("Northeast Texas"): the place inside says
    // where the article is.
    // Only a state or country: "Northwest Federal" (a savings bank) is not Federal, Argentina.
    let big = |c: &&[u32]| {
        !c.is_empty()
            && c.iter()
                .filter_map(|&j| places::get(j))
                .all(|p| p.feature == places::Feature::Country || p.level == 1)
    };
    inner_names(name)
        .into_iter()
        .filter(|n| !GENERIC.contains(n))
        .map(strong)
        .find(big)
        .map_or((&[], false), |c| (c, false))
}

/// Words after a place's name that make the name a county's ("Mayo County", "Platte Co.").
const COUNTY_WORDS: &[&str] = &["County", "Co.", "Parish", "Borough"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::places::Feature;

    /// A LOC entity named `name` (the places tests' fixture).
    fn loc(name: &str) -> EntityRec {
        super::super::tests::loc("E1", name)
    }

    fn first(name: &str) -> Option<&'static places::Place> {
        let (c, _) = candidates(&loc(name));
        places::get(c.first()?.0)
    }

    #[test]
    fn compass_and_around_words_give_the_place_inside() {
        assert_eq!(inner_names("North Texas"), ["Texas"]);
        assert_eq!(
            inner_names("North-Western Sydney"),
            ["Western Sydney", "Sydney"]
        );
        assert_eq!(inner_names("Mid-Jutland"), ["Jutland"]);
        assert_eq!(inner_names("Fort Worth area"), ["Fort Worth"]);
        assert_eq!(inner_names("West Chester Twp."), ["Chester Twp."]);
        assert!(inner_names("Texas").is_empty());
        let tx = first("North Texas").unwrap();
        assert_eq!((tx.name, tx.feature), ("Texas", Feature::Admin));
        assert_eq!(first("South Los Angeles").unwrap().name, "Los Angeles");
        // Generic words are not places: "North Island" is not Iceland ("Island").
        assert!(first("North Island").is_none_or(|p| p.country != Some("ISL")));
        assert!(first("South West").is_none());
        // A name of its own is read as itself, not as its last words.
        assert_eq!(first("West Virginia").unwrap().name, "West Virginia");
        assert_eq!(first("South Africa").unwrap().feature, Feature::Country);
    }

    #[test]
    fn provinces_and_towns_come_from_the_fallback_table() {
        let hebei = first("Hebei").unwrap();
        assert_eq!(
            (hebei.country, hebei.feature),
            (Some("CHN"), Feature::Admin)
        );
        assert_eq!(first("Telemark").unwrap().country, Some("NOR"));
        assert_eq!(first("Dadaab").unwrap().country, Some("KEN"));
        assert_eq!(first("Saxony-Anhalt").unwrap().country, Some("DEU"));
    }

    #[test]
    fn organizations_tell_their_place() {
        let named = |name: &str| {
            let mut e = loc(name);
            e.etype = crate::record::EntityType::Org;
            org_naming(&e)
        };
        let org = |name: &str| {
            named(name)
                .0
                .iter()
                .filter_map(|&i| places::get(i))
                .collect::<Vec<_>>()
        };
        let mn = org("Minnesota State Chess Association");
        assert_eq!((mn[0].name, mn[0].admin1), ("Minnesota", "MN"));
        assert!(org("Gainesville Police Department")
            .iter()
            .any(|p| p.admin1 == "FL"));
        assert_eq!(org("University of Kentucky")[0].name, "Kentucky");
        assert!(org("Xerox Corporation").is_empty());
        // A town's own organizations, not a company named like a town.
        assert!(named("Gainesville Police Department").1);
        assert!(named("City of Richmond").1);
        assert!(named("Mansfield City Council").1);
        assert!(!named("Minnesota State Chess Association").1);
        assert!(!named("Landmark Bank").1);
        // A county the gazetteer does not know is not its namesake town; a region taken for an
        // organization tells its state.
        assert!(org("Mayo County Council").is_empty());
        assert!(org("Seminole County Sheriff's Office")
            .iter()
            .all(|p| p.feature == Feature::Admin));
        let tx = org("Northeast Texas");
        assert_eq!((tx[0].name, tx[0].admin1), ("Texas", "TX"));
    }

    #[test]
    fn streets_and_unknown_names_stay_ungeocoded() {
        assert!(first("Main Street").is_none());
        assert!(first("Howman Avenue").is_none());
        assert!(first("Zzyzx Qqq").is_none());
    }
}
