//! Places an article names without a LOC entity of their own: the place an organization is
//! named after ("Dallas Police Department" → Dallas; `source` `org`) and the country of a
//! nationality ("Libyan" → Libya; `source` `demonym`). The entity stays an ORG or a NORP; the
//! place record points to it, so that a map of the article shows where it happens.

use super::scene::{Scene, View};
use super::{minor, score};
use crate::lexicon::places::{self, Feature, Place};
use crate::record::{EntityRec, EntityType, PlaceRec};

/// `source` of a place named by a LOC entity.
pub(super) const SOURCE_NAME: &str = "name";
/// `source` of a place an organization is named after.
pub(super) const SOURCE_ORG: &str = "org";
/// `source` of a nationality's country.
pub(super) const SOURCE_DEMONYM: &str = "demonym";

/// The place record of entity `e` read as place `p`.
pub(super) fn record(e: &EntityRec, p: &Place, feature: &str, source: &'static str) -> PlaceRec {
    PlaceRec {
        entity: e.id.clone(),
        source,
        name: p.name.to_string(),
        feature: feature.to_string(),
        country: p.country.map(str::to_string),
        lat: Some(p.lat),
        lon: Some(p.lon),
        geonameid: p.geonameid,
        population: Some(p.population).filter(|&n| n > 0),
    }
}

/// The place words of an organization's name: their readings and whether the organization is
/// one of a town's own (see [`super::candidates::org_naming`]).
pub(super) struct OrgName {
    /// Gazetteer readings of the place words.
    pub readings: &'static [u32],
    /// "Paris Police Department", "City of Richmond": the organization is in the place.
    pub civic: bool,
}

/// The place organization `own` is named after: a reading of its place words that a LOC entity
/// of the article was read as (`read`: "Dallas" beside "Dallas Police Department"); else, for
/// a town's own organization or a country's or state's ("Texas Department of Transportation"),
/// the reading that scores best in the article's scene as the organization sees it (`view`: its
/// own clue left out), as a LOC entity of that name would be read. A company or
/// product named after a word that is also a town ("Landmark Bank", "Ford Explorer") gets none.
/// Fallback-table readings are left out: the name alone does not say their country.
pub(super) fn org_place(
    org: &OrgName,
    read: &foldhash::HashSet<*const Place>,
    scene: &Scene,
    view: &View<'_>,
    boxes: &[&Place],
    own: usize,
) -> Option<&'static Place> {
    let cs: Vec<(u32, bool)> = org
        .readings
        .iter()
        .filter(|&&j| !places::in_fallback(j))
        .map(|&j| (j, true))
        .collect();
    let readings = || cs.iter().filter_map(|&(j, _)| places::get(j));
    if let Some(p) = readings().find(|p| read.contains(&std::ptr::from_ref(*p))) {
        return Some(p);
    }
    let big =
        |p: &Place| p.feature == Feature::Country || (p.feature == Feature::Admin && p.level == 1);
    if !org.civic && !readings().any(big) {
        return None;
    }
    readings()
        .filter(|p| org.civic || big(p))
        .map(|p| (score(p, (true, minor(&cs, p)), scene, view, boxes, own), p))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}

/// The country of a NORP entity with a country ("Libyan" → Libya): its point in the gazetteer.
pub(super) fn demonym_place(e: &EntityRec) -> Option<&'static Place> {
    if e.etype != EntityType::Norp {
        return None;
    }
    places::get(places::country_place(e.country.as_deref()?)?)
}
