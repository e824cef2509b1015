//! Gazetteer mentions: countries (LOC, subtype country), demonyms (NORP) and other places
//! (cities, admin areas, regions, seas), matched case-sensitively on whole words with one
//! Aho-Corasick automaton built once per process.
//!
//! A match is a place only where the text reads like one: not inside a longer capitalized name
//! ("New York Times", "Michael Jordan"), not an all-caps headline word, not a common word at the
//! start of a sentence ("Reading the report...") unless the name is also used elsewhere, and, for
//! names that are mostly personal names ("Moore"), only after a locative word ("in Moore") or
//! before a state ("Moore, Okla."). A town name seen as a surname ("Officer Tom Dyer") is a
//! surname throughout the article unless the article also places it ("in Dyer"). Capitalized
//! datelines ("CHARLESTON, W.Va. —") and county lists ("Barrow and Jackson counties") are read
//! too. Rules: `gazetteer/rules.rs`, word lists: `gazetteer/context_words.tsv`.

mod counties;
mod rules;

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::{Mention, Source};
use crate::lexicon::countries::{self, Country};
use crate::lexicon::places::{self, Feature, NameStatus};
use crate::record::EntityType;
use crate::text::Document;

use rules::{Context, Decision};

/// What a pattern of the automaton denotes.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A demonym of a country (singular or plural).
    Demonym(&'static Country, &'static str),
    /// A place name (see [`places::candidates`]) or a weak name.
    Place,
}

struct Matcher {
    /// The patterns' trie, walked anchored from each word start that may begin one.
    nfa: NFA,
    /// The bytes that begin a pattern.
    first: [bool; 256],
    /// The first two bytes of the patterns, as a bit set of `256 * first + second` (a
    /// one-byte pattern sets every second byte): most word starts stop here, not in the trie.
    pairs: Vec<u64>,
    patterns: Vec<(Cow<'static, str>, Target)>,
}

impl Matcher {
    /// Every occurrence of a pattern that starts a word (after no letter, digit, `@`, `#`,
    /// `/` or `_`, as [`rules::whole_word`] asks): `(start, end, pattern)`, the same
    /// occurrences an unanchored overlapping search finds there. Each candidate start is
    /// walked down the trie alone, so the cost follows the capitalized words, not the bytes.
    fn word_starts(&self, text: &str, mut hit: impl FnMut(usize, usize, usize)) {
        let Ok(start) = self.nfa.start_state(Anchored::Yes) else {
            return;
        };
        let bytes = text.as_bytes();
        for (p, &b) in bytes.iter().enumerate() {
            // No pattern begins with a UTF-8 continuation byte: `p` is a character boundary.
            if !self.first[usize::from(b)] {
                continue;
            }
            // The character before: an ASCII byte is one (most are), else decode it.
            let blocked = match p.checked_sub(1).and_then(|q| bytes.get(q)) {
                None => false,
                Some(&c) if c.is_ascii() => {
                    c.is_ascii_alphanumeric() || matches!(c, b'@' | b'#' | b'/' | b'_')
                }
                Some(_) => text
                    .get(..p)
                    .and_then(|s| s.chars().next_back())
                    .is_some_and(|c| rules::is_word_char(c) || matches!(c, '@' | '#' | '/' | '_')),
            };
            if blocked {
                continue;
            }
            if let Some(&next) = bytes.get(p + 1) {
                let pair = usize::from(b) << 8 | usize::from(next);
                if self
                    .pairs
                    .get(pair >> 6)
                    .is_none_or(|w| w & (1 << (pair & 63)) == 0)
                {
                    continue;
                }
            }
            let mut sid = start;
            for (i, &b) in bytes[p..].iter().enumerate() {
                sid = self.nfa.next_state(Anchored::Yes, sid, b);
                if self.nfa.is_dead(sid) {
                    break;
                }
                if self.nfa.is_match(sid) {
                    for k in 0..self.nfa.match_len(sid) {
                        let pid = self.nfa.match_pattern(sid, k);
                        // A state's matches include patterns that are proper suffixes of its
                        // path: keep those that start here.
                        if self.nfa.pattern_len(pid) == i + 1 {
                            hit(p, p + i + 1, pid.as_usize());
                        }
                    }
                }
            }
        }
    }
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut patterns: Vec<(Cow<'static, str>, Target)> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // One pattern per demonym form, for its most populous country (see `resolve_demonyms`).
    for c in countries::all() {
        for d in &c.demonyms {
            let plural = (!countries::plural_less(d)).then(|| format!("{d}s"));
            for form in std::iter::once(Cow::Borrowed(*d)).chain(plural.map(Cow::Owned)) {
                let Some(primary) = countries::by_demonym(&form) else {
                    continue;
                };
                if seen.insert(form.to_string()) {
                    patterns.push((form, Target::Demonym(primary, d)));
                }
            }
        }
    }
    let mut names: Vec<&'static str> = places::names().collect();
    names.sort_unstable();
    let weak = places::all()
        .iter()
        .map(|p| p.name)
        .filter(|n| places::status(n) == Some(NameStatus::Weak));
    for n in names.into_iter().chain(weak) {
        if seen.insert(n.to_string()) {
            patterns.push((Cow::Borrowed(n), Target::Place));
        }
    }
    let nfa = NFA::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns.iter().map(|p| p.0.as_ref()))
        .expect("the gazetteer patterns form a valid automaton");
    let mut first = [false; 256];
    let mut pairs = vec![0u64; 256 * 256 / 64];
    let mut set = |pair: usize| {
        if let Some(w) = pairs.get_mut(pair >> 6) {
            *w |= 1 << (pair & 63);
        }
    };
    for (p, _) in &patterns {
        match *p.as_bytes() {
            [] => {}
            [a] => (0..256).for_each(|b| set(usize::from(a) << 8 | b)),
            [a, b, ..] => set(usize::from(a) << 8 | usize::from(b)),
        }
        if let Some(&b) = p.as_bytes().first() {
            first[usize::from(b)] = true;
        }
    }
    Matcher {
        nfa,
        first,
        pairs,
        patterns,
    }
});

/// One accepted match before it becomes a [`Mention`].
struct Hit {
    start: usize,
    end: usize,
    target: Target,
    /// The gazetteer name, where it differs from the text ("CHARLESTON" → "Charleston").
    name: Option<String>,
}

/// Gazetteer matches in `doc`: countries and places as LOC, demonyms as NORP.
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let text = doc.text;
    let m = &*MATCHER;
    let mut raw: Vec<Hit> = Vec::new();
    m.word_starts(text, |start, end, pattern| {
        if let Some(&(_, target)) = m.patterns.get(pattern) {
            if rules::whole_word(text, start, end) {
                raw.push(Hit {
                    start,
                    end,
                    target,
                    name: None,
                });
            }
        }
    });
    // Leftmost-longest among whole-word matches.
    raw.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut hits: Vec<Hit> = Vec::new();
    for h in raw {
        if hits.last().is_none_or(|l| h.start >= l.end) {
            hits.push(h);
        }
    }
    let ctx = Context::new(doc);
    let decided: Vec<Decision> = hits
        .iter()
        .map(|h| ctx.decide(h.start, h.end, matches!(h.target, Target::Demonym(..))))
        .collect();
    // A city name seen as a surname ("Tom Moore") is a surname everywhere in the article; a
    // common word at a sentence start is a place if the article uses it as one elsewhere.
    // ... unless the article also writes it as a place ("in Malakal").
    let surnames: Vec<&str> = hits
        .iter()
        .zip(&decided)
        .filter(|(_, d)| **d == Decision::Surname)
        .map(|(h, _)| doc.span(h.start, h.end))
        .collect();
    // Read only where there is a surname to clear (most articles have none).
    let located: Vec<&str> = if surnames.is_empty() {
        Vec::new()
    } else {
        hits.iter()
            .filter(|h| matches!(h.target, Target::Place) && ctx.located(h.start, h.end))
            .map(|h| doc.span(h.start, h.end))
            .collect()
    };
    let surnames: Vec<&str> = surnames
        .into_iter()
        .filter(|s| !located.contains(s))
        .collect();
    let confirmed: Vec<&str> = hits
        .iter()
        .zip(&decided)
        .filter(|(_, d)| **d == Decision::Yes)
        .map(|(h, _)| doc.span(h.start, h.end))
        .collect();
    let mut out: Vec<Mention> = hits
        .iter()
        .zip(decided)
        .filter(|(h, d)| {
            let s = doc.span(h.start, h.end);
            // Looked up only for a name also read as a surname.
            let city = || {
                matches!(h.target, Target::Place)
                    && places::candidates(s)
                        .iter()
                        .filter_map(|&i| places::get(i))
                        .all(|p| p.feature == Feature::City)
            };
            match d {
                Decision::Yes => !(surnames.contains(&s) && city()),
                Decision::IfElsewhere => confirmed.contains(&s) && !surnames.contains(&s),
                Decision::No | Decision::Surname => false,
            }
        })
        .filter_map(|(h, _)| to_mention(doc, h))
        .collect();
    // Spans read by the list and dateline rules: counties replace what they overlap, datelines
    // only fill gaps.
    for (start, end, name) in counties::county_lists(doc) {
        out.retain(|m| !(m.start < end && start < m.end));
        out.extend(named_place(doc, start, end, name));
    }
    for (start, end, name) in rules::datelines(doc) {
        if !out.iter().any(|m| m.start < end && start < m.end) {
            out.extend(named_place(doc, start, end, name));
        }
    }
    out.sort_by_key(|m| m.start);
    resolve_demonyms(doc, &mut out);
    out
}

/// A demonym that several countries share ("Congolese", "Dominican", "Korean") takes the one
/// the article names elsewhere (a country or a place of one country), else the most populous.
fn resolve_demonyms(doc: &Document, out: &mut [Mention]) {
    let named: std::collections::HashSet<&str> = out
        .iter()
        .filter(|m| m.etype == EntityType::Loc)
        .filter_map(|m| m.country.as_deref())
        .collect();
    let named: std::collections::HashSet<String> = named.into_iter().map(str::to_string).collect();
    for m in out.iter_mut().filter(|m| m.etype == EntityType::Norp) {
        let word = doc.span(m.start, m.end);
        let mut cands = countries::demonym_countries(word).peekable();
        let primary = cands.next();
        if cands.peek().is_none() {
            continue;
        }
        if let Some(c) = primary
            .into_iter()
            .chain(cands)
            .find(|c| named.contains(c.alpha3))
        {
            m.country = Some(c.alpha3.to_string());
        }
    }
}

/// The mention of a place span whose gazetteer name a rule already read.
fn named_place(doc: &Document, start: usize, end: usize, name: String) -> Option<Mention> {
    let hit = Hit {
        start,
        end,
        target: Target::Place,
        name: Some(name),
    };
    to_mention(doc, &hit)
}

fn to_mention(doc: &Document, h: &Hit) -> Option<Mention> {
    let surface = h
        .name
        .as_deref()
        .unwrap_or_else(|| doc.span(h.start, h.end));
    match h.target {
        Target::Demonym(c, singular) => {
            let mut m = Mention::new(h.start, h.end, EntityType::Norp, Source::Gazetteer);
            m.country = Some(c.alpha3.to_string());
            m.canonical = Some(singular.to_string());
            Some(m)
        }
        Target::Place => {
            let cands = places::candidates(surface);
            let best = cands.first().and_then(|&i| places::get(i)).or_else(|| {
                // A weak name: its most populous place.
                places::all()
                    .iter()
                    .filter(|p| p.name == surface)
                    .max_by_key(|p| p.population)
            })?;
            let mut m = Mention::new(h.start, h.end, EntityType::Loc, Source::Gazetteer);
            m.subtype = Some(best.feature.label().to_string());
            let all: Vec<_> = cands.iter().filter_map(|&i| places::get(i)).collect();
            let one_country = all.iter().all(|p| p.country == best.country);
            if best.feature == Feature::Country || one_country {
                m.country = best.country.map(str::to_string);
            }
            let canonical = if all.iter().any(|p| p.name == surface) {
                surface
            } else {
                best.name
            };
            m.canonical = Some(canonical.to_string());
            Some(m)
        }
    }
}

#[cfg(test)]
mod tests;
