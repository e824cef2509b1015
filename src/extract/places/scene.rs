//! What the article says about where it is ([`Scene`]): the clues of its entities (countries,
//! states, towns) and each entity's local readings, and what one entity sees of it ([`View`]:
//! the scene without its own clues).
//!
//! Linear in the number of entities: the scene's totals are summed once, and an entity's view
//! takes its own clues back out of them (a copy of at most one entry per country), instead of
//! summing every other entity's clues again; the local readings near a place are found through
//! a grid of [`CELL_DEG`] cells instead of a pass over every entity.

use std::collections::BTreeMap;

use crate::lexicon::places::{self, Feature, Place};

use super::{METROPOLIS, NEAR_KM};

/// One piece of evidence: entity `entity` says the article is about `country` (and, for an
/// admin area, about its `admin1`).
pub(super) struct Clue {
    pub(super) entity: usize,
    pub(super) country: &'static str,
    pub(super) admin1: Option<&'static str>,
    pub(super) weight: f64,
    /// 2 for a state or county, 1 for a town (not a metropolis or a minor namesake), else 0:
    /// the article is local there when it names a state or county or two such towns.
    pub(super) local: u8,
}

/// What the article says about where it is.
pub(super) struct Scene {
    clues: Vec<Clue>,
    /// Per entity: the positions of its local readings (cities, counties).
    pub(super) local: Vec<Vec<(f64, f64, u64)>>,
    /// Entities with a local reading in each grid cell.
    grid: foldhash::HashMap<(i32, i32), Vec<usize>>,
}

/// Per country: the summed weight and number of clues, the entities with a local clue (1 or
/// 2) and those with a state or county (2).
#[derive(Default, Clone, Copy)]
struct CountryTotal {
    weight: f64,
    clues: usize,
    local_entities: usize,
    admin_entities: usize,
}

/// The scene's totals, summed once ([`Scene::totals`]).
pub(super) struct Totals {
    countries: BTreeMap<&'static str, CountryTotal>,
    admins: foldhash::HashMap<(&'static str, &'static str), usize>,
    /// Clue numbers of each entity.
    by_entity: Vec<Vec<usize>>,
}

/// Countries and their weights, in country order (a map of a few entries, built at once in
/// order: a sorted vector, no tree).
pub(super) struct Countries(Vec<(&'static str, f64)>);

impl Countries {
    /// The weight of country `c`.
    pub(super) fn get(&self, c: &str) -> Option<&f64> {
        self.0
            .binary_search_by(|(k, _)| (*k).cmp(c))
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, w)| w)
    }

    /// Whether country `c` has a weight.
    pub(super) fn contains_key(&self, c: &str) -> bool {
        self.get(c).is_some()
    }

    /// The countries and their weights, in country order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&&'static str, &f64)> {
        self.0.iter().map(|(c, w)| (c, w))
    }

    /// The weights, in country order.
    pub(super) fn values(&self) -> impl Iterator<Item = &f64> {
        self.0.iter().map(|(_, w)| w)
    }
}

/// The scene as entity `own` sees it: without its own clues.
pub(super) struct View<'a> {
    /// Country → weight.
    pub(super) countries: Countries,
    pub(super) total: f64,
    admins: &'a foldhash::HashMap<(&'static str, &'static str), usize>,
    own_admins: Vec<(&'static str, &'static str)>,
    pub(super) focus: Option<&'static str>,
    /// Countries where the article names a state or county or two towns ([`Clue::local`]).
    pub(super) local: Vec<&'static str>,
}

impl View<'_> {
    /// Whether another entity names this state or county (`admin1` of `country`).
    pub(super) fn has_admin(&self, country: &'static str, admin1: &'static str) -> bool {
        let all = self.admins.get(&(country, admin1)).copied().unwrap_or(0);
        let own = self
            .own_admins
            .iter()
            .filter(|&&a| a == (country, admin1))
            .count();
        all > own
    }
}

/// Grid cell size in degrees (latitude): more than [`NEAR_KM`], so neighbours lie in the
/// adjacent cells.
const CELL_DEG: f64 = 2.5;

/// The grid cell of a position.
fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_DEG).floor() as i32,
        (lon.rem_euclid(360.0) / CELL_DEG).floor() as i32,
    )
}

/// Longitude cells around the globe.
const LON_CELLS: i32 = (360.0 / CELL_DEG) as i32;

impl Scene {
    /// A scene without clues, with each entity's local readings.
    pub(super) fn new(local: Vec<Vec<(f64, f64, u64)>>) -> Self {
        let mut grid: foldhash::HashMap<(i32, i32), Vec<usize>> = foldhash::HashMap::default();
        for (e, pts) in local.iter().enumerate() {
            for &(lat, lon, _) in pts {
                let ids = grid.entry(cell(lat, lon)).or_default();
                if ids.last() != Some(&e) {
                    ids.push(e);
                }
            }
        }
        Self {
            clues: Vec::new(),
            local,
            grid,
        }
    }

    /// Adds a country named by entity `entity`.
    pub(super) fn add_country(&mut self, entity: usize, country: &'static str, weight: f64) {
        self.clues.push(Clue {
            entity,
            country,
            admin1: None,
            weight,
            local: 0,
        });
    }

    /// A place reading as a clue; a guessed county's state is no clue (only a state itself or
    /// a county without namesakes tells the state).
    /// A minor namesake ([`super::minor`]) says nothing about the article being local.
    pub(super) fn add_place(
        &mut self,
        entity: usize,
        p: &Place,
        weight: f64,
        (sure, minor): (bool, bool),
    ) {
        if let Some(c) = p.country {
            let share = if p.feature == Feature::Country {
                1.0
            } else {
                0.5
            };
            let admin1 = Some(p.admin1)
                .filter(|a| p.feature == Feature::Admin && !a.is_empty() && (sure || p.level == 1));
            self.clues.push(Clue {
                entity,
                country: c,
                admin1,
                weight: weight * share,
                local: match p.feature {
                    Feature::Admin => 2,
                    Feature::City if !minor && p.population < METROPOLIS => 1,
                    _ => 0,
                },
            });
        }
    }

    /// The scene's totals, for [`Scene::view`].
    pub(super) fn totals(&self) -> Totals {
        let mut countries: BTreeMap<&'static str, CountryTotal> = BTreeMap::new();
        let mut admins: foldhash::HashMap<(&'static str, &'static str), usize> =
            foldhash::HashMap::default();
        let mut by_entity: Vec<Vec<usize>> = vec![Vec::new(); self.local.len()];
        let mut seen: foldhash::HashSet<(&'static str, usize, bool)> = foldhash::HashSet::default();
        for (k, c) in self.clues.iter().enumerate() {
            let t = countries.entry(c.country).or_default();
            t.weight += c.weight;
            t.clues += 1;
            if c.local > 0 && seen.insert((c.country, c.entity, false)) {
                t.local_entities += 1;
            }
            if c.local == 2 && seen.insert((c.country, c.entity, true)) {
                t.admin_entities += 1;
            }
            if let Some(a) = c.admin1 {
                *admins.entry((c.country, a)).or_default() += 1;
            }
            if by_entity.len() <= c.entity {
                by_entity.resize(c.entity + 1, Vec::new());
            }
            by_entity[c.entity].push(k);
        }
        Totals {
            countries,
            admins,
            by_entity,
        }
    }

    /// The scene as entity `own` sees it (the `totals` of this scene without `own`'s clues).
    pub(super) fn view<'a>(&self, totals: &'a Totals, own: usize) -> View<'a> {
        let mine_ks: &[usize] = totals.by_entity.get(own).map_or(&[], Vec::as_slice);
        let mine = || mine_ks.iter().filter_map(|&k| self.clues.get(k));
        // In country order (the totals' order): the map is built at once from the pairs.
        let mut pairs: Vec<(&'static str, f64)> = Vec::new();
        let mut local = Vec::new();
        for (&c, t) in &totals.countries {
            // The entity's own clues of this country (a few: filtered again where needed).
            let own_clues = || mine().filter(|m| m.country == c);
            if own_clues().count() >= t.clues {
                continue;
            }
            let weight = t.weight - own_clues().map(|m| m.weight).sum::<f64>();
            pairs.push((c, weight));
            let own_local = own_clues().any(|m| m.local > 0);
            let own_admin = own_clues().any(|m| m.local == 2);
            if t.admin_entities > usize::from(own_admin)
                || t.local_entities >= 2 + usize::from(own_local)
            {
                local.push(c);
            }
        }
        let countries = Countries(pairs);
        let focus = countries
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| *c);
        View {
            total: countries.values().sum(),
            countries,
            admins: &totals.admins,
            own_admins: mine()
                .filter_map(|m| Some((m.country, m.admin1?)))
                .collect(),
            focus,
            local,
        }
    }

    /// How much the other entities' local readings support a place at (`lat`, `lon`): the sum
    /// of [`support`] over the entities (but `own`) with a reading within [`NEAR_KM`], found
    /// through the grid (the others add nothing); once the sum reaches `cap`, it stops there.
    pub(super) fn neighbours(&self, lat: f64, lon: f64, own: usize, cap: f64) -> f64 {
        let (row, col) = cell(lat, lon);
        // Longitude cells within NEAR_KM at the cells' highest latitude.
        let edge = (lat.abs() + 2.0 * CELL_DEG).min(90.0).to_radians().cos();
        let span = if edge < 0.05 {
            LON_CELLS
        } else {
            ((NEAR_KM / (111.0 * edge)) / CELL_DEG).ceil() as i32 + 1
        };
        let half = span.min(LON_CELLS / 2);
        let mut ids: Vec<usize> = Vec::new();
        let window = 3 * (2 * half as usize + 1);
        if self.grid.len() < window {
            // Fewer filled cells than cells in the window: test each filled cell instead of
            // looking every window cell up (the same cells, so the same entities).
            for (&(r, c), found) in &self.grid {
                let dc = (c - col).rem_euclid(LON_CELLS);
                if (r - row).abs() <= 1 && (dc <= half || dc >= LON_CELLS - half) {
                    ids.extend(found.iter().copied().filter(|&e| e != own));
                }
            }
        } else {
            for r in row - 1..=row + 1 {
                for dc in -half..=half {
                    let c = (col + dc).rem_euclid(LON_CELLS);
                    if let Some(found) = self.grid.get(&(r, c)) {
                        ids.extend(found.iter().copied().filter(|&e| e != own));
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        // The score counts at most `cap` of support: the sum stops there (its terms are never
        // negative), which bounds the work where an article names hundreds of nearby towns.
        let mut sum = 0.0;
        for e in ids {
            sum += support(lat, lon, &self.local[e]);
            if sum >= cap {
                break;
            }
        }
        sum
    }
}

/// How much a neighbour of this population tells where the article is: a metropolis is named
/// from afar ("flights from New York"), a small town only by its neighbours.
fn neighbour_weight(population: u64) -> f64 {
    if population >= METROPOLIS {
        0.25
    } else if population >= super::BIG_CITY {
        0.5
    } else {
        1.0
    }
}

/// How much the local readings of another entity (`pts`: position and population) support a
/// place at (`lat`, `lon`): the nearer the closest reading, the more, and the less the bigger
/// that reading ([`neighbour_weight`]); shared among that entity's readings.
fn support(lat: f64, lon: f64, pts: &[(f64, f64, u64)]) -> f64 {
    // A reading farther than NEAR_KM in latitude alone supports nothing and can be no nearest
    // reading that does: skipped without the great-circle distance (1 km of margin).
    let Some((d, w)) = pts
        .iter()
        .filter(|&&(la, _, _)| !super::surely_farther(lat, la, NEAR_KM))
        .map(|&(la, lo, pop)| (places::distance_km(lat, lon, la, lo), neighbour_weight(pop)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
    else {
        return 0.0;
    };
    let f = w * if d < 50.0 {
        1.5
    } else if d < 150.0 {
        1.0
    } else if d < NEAR_KM {
        0.5
    } else {
        0.0
    };
    f / (pts.len() as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid finds what a pass over every entity finds, near the poles and across the
    /// date line too.
    #[test]
    fn neighbours_through_the_grid_equal_the_all_pairs_sum() {
        let mut x: u64 = 7;
        let mut next = |lo: f64, hi: f64| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            lo + (hi - lo) * ((x >> 11) as f64 / (1u64 << 53) as f64)
        };
        let mut local: Vec<Vec<(f64, f64, u64)>> = Vec::new();
        for k in 0..300 {
            // Crowded regions (Europe, the date line, the Arctic), then anywhere.
            let (lat, lon) = match k % 4 {
                0 => (next(40.0, 55.0), next(-5.0, 20.0)),
                1 => (next(-20.0, 20.0), next(178.0, 182.0)),
                2 => (next(80.0, 89.0), next(-180.0, 180.0)),
                _ => (next(-89.0, 89.0), next(-180.0, 180.0)),
            };
            let pts = (0..1 + (next(0.0, 3.0) as usize))
                .map(|_| {
                    (
                        (lat + next(-3.0, 3.0)).clamp(-90.0, 90.0),
                        lon + next(-4.0, 4.0),
                        next(0.0, 2e6) as u64,
                    )
                })
                .collect();
            local.push(pts);
        }
        let scene = Scene::new(local.clone());
        let mut crowded = 0;
        for own in 0..local.len() {
            let (lat, lon, _) = local[own][0];
            let brute: f64 = local
                .iter()
                .enumerate()
                .filter(|(e, _)| *e != own)
                .map(|(_, pts)| support(lat, lon, pts))
                .sum();
            let grid = scene.neighbours(lat, lon, own, f64::INFINITY);
            assert!((brute - grid).abs() < 1e-9, "{own}: {brute} vs {grid}");
            crowded += usize::from(brute > 1.0);
            let capped = scene.neighbours(lat, lon, own, 3.0);
            assert_eq!(brute.min(3.0), capped.min(3.0));
        }
        assert!(crowded > 50, "{crowded}");
    }
}
