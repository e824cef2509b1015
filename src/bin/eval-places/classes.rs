//! The error classes of issues #18 and #19 counted on unlabeled news (BBC, Reuters): how often
//! each pattern occurs and how often the pipeline reads it wrong. Prints a Markdown section;
//! `--dump` also writes each wrong reading to stderr (`CLASS\tcorpus\tid\tdetail`).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use newsfacts::lexicon::places::{self, Feature};
use newsfacts::record::{EntityRec, PlaceRec};
use newsfacts::{Article, Extractor, Record};
use serde::Deserialize;

#[derive(Deserialize)]
struct Item {
    id: String,
    text: String,
}

/// Holidays and calendar words, never places.
const CALENDAR: &[&str] = &[
    "Christmas",
    "Easter",
    "Halloween",
    "Thanksgiving",
    "New Year",
    "Valentine",
    "Boxing Day",
    "Hogmanay",
    "Ramadan",
    "Hanukkah",
    "Passover",
    "Diwali",
    "Lent",
    "Advent",
    "Whitsun",
    "Pentecost",
    "Epiphany",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated counties and states.
const ABBREVIATIONS: &[&str] = &[
    "Glos",
    "Oxon",
    "Hants",
    "Herts",
    "Lancs",
    "Yorks",
    "Notts",
    "Wilts",
    "Worcs",
    "Staffs",
    "Northants",
    "Leics",
    "Lincs",
    "Calif.",
    "Mass.",
    "Conn.",
    "Penn.",
    "Wash.",
    "Mich.",
    "Ariz.",
];

/// Last words of a longer capitalized name a place name may start ("Leicester Square").
const NAME_HEADS: &[&str] = &[
    "Square", "Road", "Street", "Cross", "Park", "Lane", "Avenue", "Stadium", "Bridge", "Circus",
    "Gardens", "Station", "Airport", "Hall", "Green",
];

/// One class: its label, what "wrong" means, the articles with the pattern, the wrong readings.
struct Class {
    name: &'static str,
    wrong_means: &'static str,
    seen: usize,
    wrong: usize,
}

/// The code-point span of a mention as a string slice of `chars`.
fn around(chars: &[char], start: usize, end: usize) -> String {
    let a = start.saturating_sub(40);
    let b = (end + 40).min(chars.len());
    chars[a..b].iter().collect::<String>().replace('\n', " ")
}

fn place_of<'r>(rec: &'r Record, e: &EntityRec) -> Option<&'r PlaceRec> {
    rec.places.iter().find(|p| p.entity == e.id)
}

/// The biggest city of a name, when it has at least a million people.
fn world_city(name: &str) -> Option<&'static places::Place> {
    places::candidates(name)
        .iter()
        .filter_map(|&i| places::get(i))
        .filter(|p| p.feature == Feature::City && p.population >= 1_000_000)
        .max_by_key(|p| p.population)
}

/// Counts the classes over one corpus.
fn count(recs: &[(String, String, Record)], corpus: &str, dump: bool) -> Vec<Class> {
    let mut c = [
        (
            "smaller namesake of a world city",
            "placed at a namesake of under 1/50 its size",
        ),
        (
            "holiday or calendar word as LOC",
            "a LOC entity (placed or not)",
        ),
        (
            "\"England and Wales\"",
            "Wales not read as the British country",
        ),
        (
            "\"X-based\"",
            "X not placed, or at a namesake of under 1/50 of a world city",
        ),
        (
            "\"New York\"",
            "placed at the state without \"state\"/\"upstate\" near a mention",
        ),
        (
            "country code that is a company's acronym",
            "placed as the country (\"RSA Security\")",
        ),
        (
            "place name starting a longer name (\"Leicester Square\")",
            "the place geocoded",
        ),
        (
            "region or province abroad",
            "placed in a country the article names nowhere else",
        ),
        (
            "abbreviated county or state after a comma (\"Fairford, Glos\")",
            "not a LOC entity",
        ),
    ]
    .map(|(name, wrong_means)| Class {
        name,
        wrong_means,
        seen: 0,
        wrong: 0,
    });
    for (id, text, rec) in recs {
        let chars: Vec<char> = text.chars().collect();
        let mut hit = [false; 9];
        let mut bad = [false; 9];
        let mut note = |k: usize, wrong: bool, what: String| {
            hit[k] = true;
            if wrong {
                bad[k] = true;
                if dump {
                    eprintln!("{}\t{corpus}\t{id}\t{what}", c[k].name);
                }
            }
        };
        for e in &rec.entities {
            let loc = e.etype.label() == "LOC";
            let p = place_of(rec, e);
            for m in &e.mentions {
                let ctx = around(&chars, m.start, m.end);
                let after: String = chars[m.end..].iter().take(20).collect();
                if loc {
                    if let (Some(p), Some(big)) = (p, world_city(&m.text)) {
                        if p.feature == "city" && p.population.unwrap_or(0) < big.population {
                            let small = p.population.unwrap_or(0) * 50 < big.population;
                            note(
                                0,
                                small,
                                format!("{} → {} {:?}\t{ctx}", m.text, p.name, p.country),
                            );
                        }
                    }
                    if CALENDAR.contains(&m.text.as_str()) {
                        note(1, true, format!("{}\t{ctx}", m.text));
                    }
                }
                if after.starts_with("-based") && (loc || e.etype.label() != "PERSON") {
                    let big = world_city(&m.text);
                    let wrong = match (p, big) {
                        (None, _) => true,
                        (Some(p), Some(big)) => p.population.unwrap_or(0) * 50 < big.population,
                        _ => false,
                    };
                    note(
                        3,
                        wrong,
                        format!("{} → {:?}\t{ctx}", m.text, p.map(|p| &p.country)),
                    );
                }
                if loc && m.text == "New York" {
                    let near: String = chars
                        [m.start.saturating_sub(12)..(m.end + 8).min(chars.len())]
                        .iter()
                        .collect::<String>()
                        .to_lowercase();
                    let state_cue = near.contains("state") || near.contains("upstate");
                    let wrong = p.is_some_and(|p| p.feature == "admin") && !state_cue;
                    note(4, wrong, ctx.clone());
                }
                if loc
                    && m.text.len() <= 4
                    && m.text.chars().all(|c| c.is_ascii_uppercase())
                    && p.is_some_and(|p| p.feature == "country")
                {
                    let org = format!("{} ", m.text);
                    let acronym = rec
                        .entities
                        .iter()
                        .any(|o| o.etype.label() == "ORG" && o.name.starts_with(&org));
                    if acronym {
                        note(5, true, format!("{}\t{ctx}", m.text));
                    }
                }
                // "Leicester" + " Square", or one mention "Leicester Square" placed at Leicester.
                let head_after = after.strip_prefix(' ').and_then(|h| {
                    NAME_HEADS.iter().find(|w| {
                        h.starts_with(*w) && !h[w.len()..].starts_with(char::is_alphanumeric)
                    })
                });
                let inner = m
                    .text
                    .rsplit_once(' ')
                    .and_then(|(town, last)| NAME_HEADS.contains(&last).then_some(town));
                if loc && (head_after.is_some() || inner.is_some()) {
                    let town = inner.unwrap_or(&m.text);
                    let at_town = p.is_some_and(|p| p.name == town);
                    if !places::candidates(town).is_empty() {
                        note(6, at_town, format!("{}\t{ctx}", m.text));
                    }
                }
            }
            // A name with readings in several countries, one of them named in the article.
            let named = |c: &str| {
                rec.entities
                    .iter()
                    .any(|o| o.id != e.id && o.country.as_deref() == Some(c))
            };
            let readings: Vec<&places::Place> = places::candidates(&e.name)
                .iter()
                .chain(places::fallback_candidates(&e.name))
                .filter_map(|&i| places::get(i))
                .collect();
            let regional = readings
                .iter()
                .any(|q| q.feature == Feature::Admin || q.feature == Feature::Region);
            let chosen = p.and_then(|p| p.country.as_deref());
            let ambiguous = readings.iter().any(|q| q.country != chosen);
            if loc && regional && ambiguous {
                let other_named = readings
                    .iter()
                    .filter_map(|q| q.country)
                    .any(|c| Some(c) != chosen && named(c));
                let wrong = other_named && !chosen.is_some_and(named);
                note(7, wrong, format!("{} → {chosen:?}", e.name));
            }
        }
        for a in ABBREVIATIONS {
            for (i, _) in text.match_indices(a) {
                let before = text[..i].chars().next_back();
                let after = text[i + a.len()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                // An address or dateline ("RAF Fairford, Glos", "Fresno, Calif."), not a club.
                if !text[..i].ends_with(", ") {
                    continue;
                }
                let cp = text[..i].chars().count();
                let e = rec
                    .entities
                    .iter()
                    .find(|e| e.mentions.iter().any(|m| m.start <= cp && cp < m.end));
                let ok = e.is_some_and(|e| e.etype.label() == "LOC");
                note(
                    8,
                    !ok,
                    format!(
                        "{a} → {:?}\t{}",
                        e.map(|e| (e.etype.label(), &e.name)),
                        around(&chars, cp, cp + a.len())
                    ),
                );
            }
        }
        if let Some(pos) = text.find("England and Wales") {
            let cp = text[..pos].chars().count() + "England and ".len();
            let e = rec
                .entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.start == cp));
            let ok = e
                .and_then(|e| place_of(rec, e))
                .is_some_and(|p| p.country.as_deref() == Some("GBR") && p.feature != "city");
            note(
                2,
                !ok,
                format!(
                    "{:?}",
                    e.and_then(|e| place_of(rec, e))
                        .map(|p| (&p.name, &p.feature, &p.country))
                ),
            );
        }
        for (k, class) in c.iter_mut().enumerate() {
            class.seen += usize::from(hit[k]);
            class.wrong += usize::from(bad[k]);
        }
    }
    c.into_iter().collect()
}

/// Reads a JSONL corpus (gzipped through `gzip -dc`), at most `limit` articles.
fn read(path: &Path, limit: usize) -> Option<Vec<Item>> {
    let mut raw = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut child = Command::new("gzip")
            .arg("-dc")
            .arg(path)
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        child.stdout.take()?.read_to_string(&mut raw).ok()?;
        child.wait().ok()?;
    } else {
        raw = std::fs::read_to_string(path).ok()?;
    }
    Some(
        raw.lines()
            .filter_map(|l| serde_json::from_str::<Item>(l).ok())
            .filter(|i| !i.text.trim().is_empty())
            .take(limit)
            .collect(),
    )
}

/// Prints the section "### Error classes on BBC and Reuters".
pub fn report(data: &Path, dump: bool) {
    println!("\n### Error classes on BBC and Reuters (issues #18, #19)\n");
    println!(
        "Articles of the unlabeled corpora where each pattern occurs, and those where the \
         pipeline reads it wrong (\"wrong\" says what counts; a heuristic check, not gold).\n"
    );
    let Ok(ex) = Extractor::builder().build() else {
        return;
    };
    let corpora = [
        ("BBC", data.join("bbc_news/all.jsonl"), usize::MAX),
        (
            "Reuters (first 5,000)",
            data.join("reuters21578/all.jsonl.gz"),
            5_000,
        ),
    ];
    let mut cols = Vec::new();
    for (name, path, limit) in &corpora {
        let Some(items) = read(path, *limit) else {
            println!("- {name}: absent ({})", path.display());
            continue;
        };
        let arts: Vec<Article> = items
            .iter()
            .map(|i| Article::from_text(i.text.clone()))
            .collect();
        let recs: Vec<(String, String, Record)> = items
            .into_iter()
            .zip(ex.extract_batch(arts))
            .map(|(i, r)| (i.id, i.text, r))
            .collect();
        cols.push((name, recs.len(), count(&recs, name, dump)));
    }
    let Some((_, _, first)) = cols.first() else {
        return;
    };
    let head: Vec<String> = cols
        .iter()
        .map(|(n, k, _)| format!("{n} ({k}): seen / wrong"))
        .collect();
    println!("| class | wrong means | {} |", head.join(" | "));
    println!("|---|---|{}", "---|".repeat(cols.len()));
    for (k, class) in first.iter().enumerate() {
        let cells: Vec<String> = cols
            .iter()
            .map(|(_, _, c)| format!("{} / {}", c[k].seen, c[k].wrong))
            .collect();
        println!(
            "| {} | {} | {} |",
            class.name,
            class.wrong_means,
            cells.join(" | ")
        );
    }
}
