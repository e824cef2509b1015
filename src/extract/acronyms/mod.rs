//! Organizations by rule: acronyms and their expansions, and names with an organization head
//! word.
//!
//! - Definitions: "Government of National Accord (GNA)" or "the GNA (Government of National
//!   Accord)": ORG mentions of the expansion and of every "GNA" in the text, canonical name the
//!   expansion, alias the acronym.
//! - Acronyms never spelled out next to their expansion but matching the initials of a
//!   capitalized phrase elsewhere ("LNA" ↔ "Libyan National Army").
//! - Well-known acronyms from `lexicon/resources/orgs.txt` ("UN" → United Nations).
//! - Names ending in a head word ("Presidency Council") or a head with its "of"-phrase
//!   ("Ministry of Defence").

mod initials;
mod orgs;

pub use initials::{abbreviates, acronym_prefix, is_acronym};
pub use orgs::{capitalized_runs, is_capitalized_word};

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Mention, Source};

/// Per-document maps: foldhash (seeded per process, like std's `RandomState`).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
use crate::lexicon::{countries, titles};
use crate::record::EntityType;
use crate::text::Document;

/// An acronym and the expansion the article gives it (or implies).
#[derive(Debug, Clone)]
struct Definition {
    acronym: String,
    /// Words of the expansion.
    words: Vec<String>,
}

impl Definition {
    fn long(&self) -> String {
        self.words.join(" ")
    }
}

/// Acronym- and head-word organization mentions in `doc`, byte offsets, in text order.
pub fn definitions(doc: &Document) -> Vec<Mention> {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let mut defs = explicit(doc, &words);
    let runs = orgs::capitalized_runs(doc, &words);

    // Acronym occurrences: (token, acronym).
    let occurrences: Vec<(usize, &str)> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| acronym_prefix(w).map(|a| (i, a)))
        .collect();
    let mut defined: HashMap<String, usize> = HashMap::default();
    for (k, d) in defs.iter().enumerate() {
        defined.entry(d.acronym.clone()).or_insert(k);
    }
    // Built at the first acronym without a definition (most articles have none).
    let mut starts: Option<RunStarts> = None;
    let mut tried: HashSet<&str> = HashSet::default();
    for &(i, acr) in &occurrences {
        if defined.contains_key(acr) || !tried.insert(acr) {
            continue;
        }
        let starts = starts.get_or_insert_with(|| RunStarts::new(&words, &runs));
        if let Some(r) = implicit(acr, i, &words, &runs, starts) {
            defined.insert(acr.to_string(), defs.len());
            defs.push(Definition {
                acronym: acr.to_string(),
                words: words
                    .get(r)
                    .unwrap_or_default()
                    .iter()
                    .map(|w| (*w).to_string())
                    .collect(),
            });
        }
    }

    // In order of preference where spans overlap: known groups, expansions, head-word names
    // ("UN Security Council" over its "UN"), acronyms.
    let mut out: Vec<Mention> = groups(doc, &words);
    let at = Positions::new(&words, &defs);
    for d in &defs {
        for r in occurrences_of(&words, &at, &d.words) {
            if let Some((a, b)) = byte_span(doc, &r) {
                out.push(mention(a, b, &d.long(), &d.words, &d.acronym));
            }
        }
    }
    for r in orgs::named(&words, &runs) {
        if let Some((a, b)) = byte_span(doc, &r) {
            let mut m = Mention::new(a, b, EntityType::Org, Source::Rule);
            m.country = leading_country(words.get(r.clone()).unwrap_or_default())
                .or_else(|| possessive_country(doc, &words, r.start));
            out.push(m);
        }
    }
    for &(i, acr) in &occurrences {
        let Some(tok) = doc.tokens.get(i) else {
            continue;
        };
        let (start, end) = (tok.start, tok.start + acr.len());
        if let Some(d) = defined.get(acr).and_then(|&k| defs.get(k)) {
            out.push(mention(start, end, &d.long(), &d.words, acr));
        } else if let Some(exp) = titles::known_acronym(acr) {
            let exp_words: Vec<String> = exp.split(' ').map(str::to_string).collect();
            out.push(mention(start, end, exp, &exp_words, acr));
        }
    }
    // Keep the first proposal of every span. The kept spans are disjoint, so the only one that
    // can overlap a proposal is the last one starting before its end.
    let mut kept: BTreeMap<(usize, usize), Mention> = BTreeMap::new();
    for m in out {
        let clash = kept
            .range(..(m.end, 0))
            .next_back()
            .is_some_and(|(_, k)| k.overlaps(&m));
        if !clash {
            kept.insert((m.start, m.end), m);
        }
    }
    kept.into_values().collect()
}

/// Mentions of the armed groups and movements of `orgs.txt` ("Daesh", "Hezbollah",
/// "al-Shabaab"), as ORG rule mentions with the group's canonical name and the form written as
/// an alias, so that every spelling joins one entity. A two-letter form ("IS") counts only
/// where neither neighbouring word is in capitals (not "WHAT IS THE").
fn groups(doc: &Document, words: &[&str]) -> Vec<Mention> {
    let text = doc.text;
    let caps = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    let mut out = Vec::new();
    for (i, tok) in doc.tokens.iter().enumerate() {
        let w = words.get(i).copied().unwrap_or("");
        if !may_start_group(w) {
            continue;
        }
        // The leading letters and digits: byte by byte up to the first byte that is no ASCII
        // letter or digit; character by character from there if that is no ASCII byte.
        let lead = match w.bytes().position(|b| !b.is_ascii_alphanumeric()) {
            None => w,
            Some(k) if w.as_bytes().get(k).is_some_and(u8::is_ascii) => w.get(..k).unwrap_or(w),
            Some(_) => w.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(w),
        };
        // Every group's name starts with a letter (see the test `no_group_starts_empty`):
        // punctuation skips the look-up.
        if lead.is_empty() {
            continue;
        }
        for &(surface, canonical) in titles::groups_starting(lead) {
            let end = tok.start + surface.len();
            let fits = text
                .get(tok.start..)
                .is_some_and(|t| t.starts_with(surface))
                && !text
                    .get(end..)
                    .unwrap_or("")
                    .starts_with(|c: char| c.is_alphanumeric());
            let short = surface.len() <= 2;
            let near = |k: Option<usize>| k.and_then(|k| words.get(k)).is_some_and(|w| caps(w));
            if !fits || (short && (near(i.checked_sub(1)) || near(Some(i + 1)))) {
                continue;
            }
            let mut m = Mention::new(tok.start, end, EntityType::Org, Source::Rule);
            m.canonical = Some(canonical.to_string());
            if surface != canonical {
                m.aliases = vec![surface.to_string()];
            }
            out.push(m);
            break;
        }
    }
    out
}

/// Whether `word` may start a group's name of `orgs.txt`: all of them start with a capital or
/// "al" (see the test `group_names_start_as_may_start_group_says`); most words stop here.
fn may_start_group(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&b| !b.is_ascii() || b.is_ascii_uppercase() || b == b'a')
}

/// The byte span of a token range.
fn byte_span(doc: &Document, r: &Range<usize>) -> Option<(usize, usize)> {
    let a = doc.tokens.get(r.start)?;
    let b = doc.tokens.get(r.end.checked_sub(1)?)?;
    Some((a.start, b.end))
}

/// A rule mention of an acronym or its expansion: type from the expansion.
fn mention(start: usize, end: usize, long: &str, words: &[String], acronym: &str) -> Mention {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let country = countries::by_name(long);
    let etype = if country.is_some() {
        EntityType::Loc
    } else if refs.iter().any(|w| titles::is_org_head(w)) {
        EntityType::Org
    } else if refs.last().is_some_and(|w| titles::is_misc_head(w)) {
        EntityType::Misc
    } else {
        EntityType::Org
    };
    let mut m = Mention::new(start, end, etype, Source::Rule);
    m.canonical = Some(long.to_string());
    m.aliases = vec![acronym.to_string()];
    if let Some(c) = country {
        m.subtype = Some("country".into());
        m.country = Some(c.alpha3.to_string());
    } else {
        m.country = leading_country(&refs);
    }
    m
}

/// The country of an organization whose name starts with a demonym ("Libyan National Army").
/// The country an organization's name starts with: a demonym ("Libyan National Army"), a
/// country abbreviation ("US Department of Labor") or a country's name ("Italy Defence
/// Ministry").
fn leading_country(words: &[&str]) -> Option<String> {
    let first = *words.first()?;
    countries::by_demonym(first)
        .or_else(|| countries::by_name(first))
        .map(|c| c.alpha3)
        .or_else(|| titles::country_abbreviation(first))
        .map(str::to_string)
}

/// The country whose possessive stands right before token `start` ("Italy’s Foreign Ministry").
fn possessive_country(doc: &Document, words: &[&str], start: usize) -> Option<String> {
    let k = start.checked_sub(2)?;
    if !matches!(words.get(k + 1), Some(&("’s" | "'s"))) || !orgs::joined(doc, k + 1) {
        return None;
    }
    countries::by_name(words.get(k)?).map(|c| c.alpha3.to_string())
}

/// Explicit definitions: "Expansion (ACR)" and "ACR (Expansion)".
fn explicit(doc: &Document, words: &[&str]) -> Vec<Definition> {
    let mut defs: Vec<Definition> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    for p in 0..words.len() {
        if words.get(p) != Some(&"(") {
            continue;
        }
        // "Government of National Accord (GNA)"
        if let (Some(&acr), Some(&")")) = (words.get(p + 1), words.get(p + 2)) {
            if is_acronym(acr) && !seen.contains(acr) {
                let lo = p.saturating_sub(2 * acr.len() + 4);
                let mut s = p;
                while s > lo {
                    s -= 1;
                    let word_like = words
                        .get(s)
                        .is_some_and(|w| is_capitalized_word(w) || titles::is_acronym_skip(w));
                    let same_sentence = doc.tokens.get(s).map(|t| t.sentence)
                        == doc.tokens.get(p).map(|t| t.sentence);
                    if !word_like || !same_sentence {
                        break;
                    }
                    let cand = words.get(s..p).unwrap_or_default();
                    if abbreviates(acr, cand) {
                        seen.insert(acr);
                        defs.push(Definition {
                            acronym: acr.to_string(),
                            words: cand.iter().map(|w| (*w).to_string()).collect(),
                        });
                        break;
                    }
                }
            }
        }
        // "the GNA (Government of National Accord)"
        let Some(&acr) = p.checked_sub(1).and_then(|k| words.get(k)) else {
            continue;
        };
        if !is_acronym(acr) || seen.contains(acr) {
            continue;
        }
        let close = (p + 2..words.len().min(p + 16)).find(|&q| words.get(q) == Some(&")"));
        if let Some(q) = close {
            let cand = words.get(p + 1..q).unwrap_or_default();
            if abbreviates(acr, cand) {
                seen.insert(acr);
                defs.push(Definition {
                    acronym: acr.to_string(),
                    words: cand.iter().map(|w| (*w).to_string()).collect(),
                });
            }
        }
    }
    defs
}

/// Words on either side of an acronym's first use within which an implicit expansion is
/// looked for (about 30 KB of text: any news article whole).
const IMPLICIT_WINDOW: usize = 5_000;

/// The positions inside the capitalized runs, by their word's first letter, in text order:
/// the places where an implicit expansion of an acronym with that initial can start.
struct RunStarts(HashMap<Option<char>, Vec<(usize, usize)>>);

impl RunStarts {
    fn new(words: &[&str], runs: &[Range<usize>]) -> Self {
        let mut by: HashMap<Option<char>, Vec<(usize, usize)>> = HashMap::default();
        for (k, run) in runs.iter().enumerate() {
            for s in run.clone() {
                if let Some(w) = words.get(s) {
                    by.entry(w.chars().next()).or_default().push((k, s));
                }
            }
        }
        Self(by)
    }
}

/// The first capitalized phrase whose initials give `acr` ("Libyan National Army" for "LNA").
/// The phrase must not start with a title ("Governor Bob" is no "GB"), and a two-letter
/// acronym needs an organization head word in it.
/// `starts`: where in the runs a phrase with the acronym's initial can start.
/// `near`: the acronym's first use; the phrase is looked for within [`IMPLICIT_WINDOW`] words
/// of it (the whole of any news article), so that a book-length text costs linear time.
fn implicit(
    acr: &str,
    near: usize,
    words: &[&str],
    runs: &[Range<usize>],
    starts: &RunStarts,
) -> Option<Range<usize>> {
    let max_len = 2 * acr.len() + 3;
    let here = starts.0.get(&acr.chars().next())?;
    let lo = here.partition_point(|&(_, s)| s + IMPLICIT_WINDOW < near);
    let hi = here.partition_point(|&(_, s)| s <= near + IMPLICIT_WINDOW);
    for &(k, s) in here.get(lo..hi)? {
        let run = runs.get(k)?;
        {
            let Some(&first) = words.get(s) else {
                continue;
            };
            // The first letters must agree before anything else is worth checking.
            if first.chars().next() != acr.chars().next() || titles::is_title_word(first) {
                continue;
            }
            for e in (s + 2)..=(run.end.min(s + max_len)) {
                let cand = words.get(s..e).unwrap_or_default();
                if cand.contains(&acr) {
                    continue;
                }
                let headed = cand.iter().any(|w| titles::is_org_head(w));
                if (acr.len() >= 3 || headed) && abbreviates(acr, cand) {
                    return Some(s..e);
                }
            }
        }
    }
    None
}

/// Every token range of `words` equal to `phrase` (case-sensitive).
fn occurrences_of(words: &[&str], at: &Positions<'_>, phrase: &[String]) -> Vec<Range<usize>> {
    let n = phrase.len();
    let Some(first) = phrase.first().filter(|_| n <= words.len()) else {
        return Vec::new();
    };
    at.of(words, first)
        .filter(|&s| {
            words
                .get(s..s + n)
                .is_some_and(|w| w.iter().zip(phrase).all(|(a, b)| *a == b.as_str()))
        })
        .map(|s| s..s + n)
        .collect()
}

/// Definitions up to which [`Positions`] scans the words once per definition instead of
/// indexing them (most articles define none or a few acronyms).
const SCAN_DEFINITIONS: usize = 8;

/// Where each word stands, for the first words of the definitions' expansions: a scan of the
/// words per definition for a few definitions, an index of every word for more (linear either
/// way).
enum Positions<'a> {
    /// Scan the words.
    Scan,
    /// Word → its positions, in text order.
    Index(HashMap<&'a str, Vec<usize>>),
}

impl<'a> Positions<'a> {
    fn new(words: &[&'a str], defs: &[Definition]) -> Self {
        if defs.len() <= SCAN_DEFINITIONS {
            return Self::Scan;
        }
        let mut at: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, w) in words.iter().enumerate() {
            at.entry(w).or_default().push(i);
        }
        Self::Index(at)
    }

    /// The positions of `word` in `words`, in text order.
    fn of<'s>(&'s self, words: &'s [&str], word: &'s str) -> Box<dyn Iterator<Item = usize> + 's> {
        match self {
            Self::Scan => Box::new(
                words
                    .iter()
                    .enumerate()
                    .filter(move |(_, w)| **w == word)
                    .map(|(i, _)| i),
            ),
            Self::Index(at) => Box::new(at.get(word).into_iter().flatten().copied()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, type, canonical, aliases) of every mention.
    fn orgs(text: &str) -> Vec<(String, EntityType, Option<String>, Vec<String>)> {
        let doc = Document::new(text);
        definitions(&doc)
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.etype,
                    m.canonical,
                    m.aliases,
                )
            })
            .collect()
    }

    fn gna(text: &str) -> (String, EntityType, Option<String>, Vec<String>) {
        (
            text.into(),
            EntityType::Org,
            Some("Government of National Accord".into()),
            vec!["GNA".into()],
        )
    }

    #[test]
    fn definition_gives_every_mention_before_and_after() {
        let got = orgs(
            "The GNA’s rivals. Italy backs the UN-backed Government of National Accord (GNA) \
             based in Tripoli. The GNA failed.",
        );
        assert_eq!(
            got,
            vec![
                gna("GNA"),
                (
                    "UN".into(),
                    EntityType::Org,
                    Some("United Nations".into()),
                    vec!["UN".into()]
                ),
                gna("Government of National Accord"),
                gna("GNA"),
                gna("GNA"),
            ]
        );
    }

    #[test]
    fn reverse_definition_and_implicit_expansion() {
        let got = orgs("the GNA (Government of National Accord) met.");
        assert_eq!(got[0], gna("GNA"));
        assert_eq!(got[1], gna("Government of National Accord"));
        let got =
            orgs("Hiftar's LNA releases pics. They aid the Libyan National Army in its fight.");
        let lna = |t: &str| {
            (
                t.to_string(),
                EntityType::Org,
                Some("Libyan National Army".to_string()),
                vec!["LNA".to_string()],
            )
        };
        assert_eq!(got, vec![lna("LNA"), lna("Libyan National Army")]);
        // "GB" is money here, and a title never opens an expansion.
        assert!(
            orgs("a US$ 12 billion ( GB # 6.3 billion ) deal . Ohio Governor Bea Ruiz said")
                .is_empty()
        );
    }

    #[test]
    fn head_word_names_and_countries() {
        let doc = Document::new("the Presidency Council’s leader and the Libyan National Army");
        let got = definitions(&doc);
        assert_eq!(got.len(), 2);
        assert_eq!(&doc.text[got[0].start..got[0].end], "Presidency Council");
        assert_eq!(got[1].country.as_deref(), Some("LBY"));
        let doc = Document::new("Italy’s Foreign Ministry and the US Department of Labor");
        let got = definitions(&doc);
        let c: Vec<Option<&str>> = got.iter().map(|m| m.country.as_deref()).collect();
        assert_eq!(c, vec![Some("ITA"), Some("USA")]);
        let got = orgs("the UN Security Council and the UN agreed");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, vec!["UN Security Council", "UN"]);
    }

    #[test]
    fn definition_with_spaced_parentheses() {
        // Tokens joined by spaces, as in MEANTIME's Wikinews text.
        let got = orgs(
            "a deal to supply the United States Air Force ( USAF ) with 40 trainers . \
             USAF officials said",
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, vec!["United States Air Force", "USAF", "USAF"]);
        assert_eq!(got[1].2.as_deref(), Some("United States Air Force"));
    }

    #[test]
    fn byte_offsets_hold_after_accents_and_emoji() {
        let text = "Salamé 😀 said the Government of National Accord (GNA) “won”.";
        let doc = Document::new(text);
        let got: Vec<&str> = definitions(&doc)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(got, vec!["Government of National Accord", "GNA"]);
    }

    #[test]
    fn no_group_starts_empty() {
        // `groups` skips tokens without a leading letter or digit on this ground.
        assert!(titles::groups_starting("").is_empty());
    }

    #[test]
    fn group_names_start_as_may_start_group_says() {
        let groups = include_str!("../../lexicon/resources/orgs.txt")
            .lines()
            .filter_map(|l| l.strip_prefix("group\t"));
        let mut n = 0;
        for g in groups {
            assert!(may_start_group(g), "{g}");
            n += 1;
        }
        assert!(n > 10);
        assert!(!may_start_group("the") && !may_start_group(",") && may_start_group("al-Qaeda"));
    }

    #[test]
    fn armed_groups_join_under_one_name() {
        let text = "Daesh fighters and al-Shabaab’s men clashed; IS claimed it, Hizbollah \
                    denied.\nWHAT IS NEXT FOR THE ISLAMIC STATE";
        let got = orgs(text);
        let group = |t: &str, c: &str, alias: bool| {
            (
                t.to_string(),
                EntityType::Org,
                Some(c.to_string()),
                if alias { vec![t.to_string()] } else { vec![] },
            )
        };
        assert!(
            got.contains(&group("Daesh", "Islamic State", true)),
            "{got:?}"
        );
        assert!(got.contains(&group("IS", "Islamic State", true)), "{got:?}");
        assert!(
            got.contains(&group("al-Shabaab", "al-Shabaab", false)),
            "{got:?}"
        );
        assert!(
            got.contains(&group("Hizbollah", "Hezbollah", true)),
            "{got:?}"
        );
        // The headline's "IS" sits between words in capitals: a verb.
        assert_eq!(got.iter().filter(|g| g.0 == "IS").count(), 1, "{got:?}");
    }
}
