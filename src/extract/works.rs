//! MISC names with a subtype: works (films, albums, books, shows), awards, events, products,
//! laws and languages, proposed from lexicons and context so that the tagger's PERSON, LOC or
//! ORG does not stand for them ("Sideways" the film, "Oscar" the award, "Hurricane Ivan", the
//! "Treaty of Amsterdam", the "MacBook Pro").
//!
//! Every proposal rests on evidence (the rule layer proposes, the model decides unless a rule
//! has evidence, see [`super::resolve`]):
//! - **lexicon**: `works_lexicon.tsv` lists awards, events, products and languages that are
//!   such names wherever they stand ("Golden Globe", "World Cup", "iPod", "Arabic"); the given
//!   names among them ("Oscar", "Emmy") count only in a screen context or in the plural;
//! - **head words**: a capitalized name that ends in an award, event or law word ("... Award",
//!   "... Cup", "... Act", "... Treaty"), or starts "Treaty of", "Hurricane", "Typhoon";
//! - **context**: a work noun right before a name ("comedy Sideways", "the film Closer",
//!   "album Hot Fuss"); in an article about the screen or music (several cue words: film, actor,
//!   Oscar, album, ...) also "star of X", "role in X", "X, starring" (not "X, starring in"),
//!   "X star Eric Bana", "critical hit X", "best-picture nominee X", "X has taken $46.8m", a
//!   quoted title, and the other names of a list that holds a work ("The Aviator, Million
//!   Dollar Baby and Sideways", each item ending at the list's "and");
//! - **awards after "best"**: "best actress Oscar", "best new artist Grammy" (see
//!   [`award_after_best`]);
//! - **language**: a language or demonym after "speak", "in", "into" or "from" at the end of a
//!   phrase ("spoke in French.", "translated into Arabic").
//!
//! A name found as a work once is a work at every place it occurs in the article (one sense per
//! article). Work is linear in the article's tokens.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use crate::extract::ner::resources::{kind, GAZETTEER};
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use super::{Mention, Source};
use crate::record::EntityType;

mod filter;
use crate::text::Document;
pub(crate) use filter::WordFilter;

/// A MISC subtype of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A film, book, album, song, play, show or game.
    Work,
    /// An award or prize.
    Award,
    /// A named event: a storm, a war, a tournament, a festival.
    Event,
    /// A product or model.
    Product,
    /// A law, treaty or accord.
    Law,
    /// A language.
    Language,
}

impl Kind {
    /// The contract's subtype label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Work => "work",
            Kind::Award => "award",
            Kind::Event => "event",
            Kind::Product => "product",
            Kind::Law => "law",
            Kind::Language => "language",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "work" => Kind::Work,
            "award" => Kind::Award,
            "event" => Kind::Event,
            "product" => Kind::Product,
            "law" => Kind::Law,
            "language" => Kind::Language,
            _ => return None,
        })
    }
}

/// One lexicon entry: its words, its kind, and whether it is also a given name.
struct Entry {
    words: Vec<&'static str>,
    kind: Kind,
    given_name: bool,
}

static LEXICON: LazyLock<HashMap<&'static str, Vec<Entry>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Entry>> = HashMap::new();
    for line in include_str!("works_lexicon.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&'static str> = line.split('\t').collect();
        let (Some(kind), Some(name)) = (f.first().and_then(|k| Kind::parse(k)), f.get(1)) else {
            continue;
        };
        let words: Vec<&'static str> = name.split(' ').collect();
        let given_name = f.get(2).is_some_and(|x| *x == "name");
        if let Some(first) = words.first() {
            map.entry(first).or_default().push(Entry {
                words,
                kind,
                given_name,
            });
        }
    }
    for v in map.values_mut() {
        v.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    map
});

/// The first words of the lexicon's entries: most tokens start none and skip the map.
static LEXICON_FIRST: LazyLock<WordFilter> = LazyLock::new(|| {
    let mut f = WordFilter::new(&[]);
    for first in LEXICON.keys() {
        f.add(first);
    }
    f
});

/// Whether token `i` starts an award of the lexicon ("Oscar", "Golden Globe") that a category
/// introduced by "best" precedes: "best actress Oscar", "best new artist Grammy", "best actor
/// Bafta" (at most four lower-case words between "best" and the award). Then a given name
/// among the awards ("Oscar", "Grammy") is the award in any article, and the role word before
/// it ("actress", "artist") introduces no person.
pub(crate) fn award_after_best(words: &[&str], i: usize) -> bool {
    let Some(entries) = words
        .get(i)
        .filter(|w| LEXICON_FIRST.may_hold(w))
        .and_then(|w| LEXICON.get(w))
    else {
        return false;
    };
    let award = entries
        .iter()
        .any(|e| e.kind == Kind::Award && words.get(i..i + e.words.len()) == Some(&e.words[..]));
    award
        && words[i.saturating_sub(5)..i]
            .iter()
            .rev()
            .take_while(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            .any(|w| matches!(*w, "best" | "best-"))
}

/// Whether `x` is one of [`WORK_NOUNS`]; most words fail the length and first-letter test
/// before any comparison.
fn is_work_noun(x: &str) -> bool {
    (4..=11).contains(&x.len())
        && x.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase())
        && WORK_NOUNS.contains(&x)
}

/// Nouns that name a work when they stand right before its title ("comedy Sideways"), all
/// lower-case ASCII of 4 to 11 letters (see [`is_work_noun`]).
const WORK_NOUNS: &[&str] = &[
    "film",
    "movie",
    "comedy",
    "drama",
    "thriller",
    "musical",
    "album",
    "novel",
    "book",
    "opera",
    "sitcom",
    "documentary",
    "biopic",
    "blockbuster",
    "epic",
    "cartoon",
    "animation",
    "soap",
    "song",
    "ballad",
    "sitcoms",
    "films",
    "movies",
    "albums",
];

/// Words that make an article about the screen or music when several of them occur.
const SCREEN_CUES: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "actor",
    "actress",
    "starring",
    "director",
    "Oscar",
    "Oscars",
    "Bafta",
    "Baftas",
    "nominated",
    "nominations",
    "nominee",
    "album",
    "screenplay",
    "cinema",
    "box",
    "Globe",
    "Globes",
    "Grammy",
    "Grammys",
];

/// [`SCREEN_CUES`]' first bytes and lengths.
const SCREEN_QUICK: WordFilter = WordFilter::new(SCREEN_CUES);

/// Last words of an award, an event or a law ("Nobel Peace Prize", "Davis Cup", "Patriot Act").
const HEADS: &[(&str, Kind)] = &[
    ("Award", Kind::Award),
    ("Awards", Kind::Award),
    ("Prize", Kind::Award),
    ("Prizes", Kind::Award),
    ("Trophy", Kind::Award),
    ("Medal", Kind::Award),
    ("Cup", Kind::Event),
    ("Championship", Kind::Event),
    ("Championships", Kind::Event),
    ("Games", Kind::Event),
    ("Olympics", Kind::Event),
    ("Festival", Kind::Event),
    ("Marathon", Kind::Event),
    ("Act", Kind::Law),
    ("Treaty", Kind::Law),
    ("Protocol", Kind::Law),
    ("Directive", Kind::Law),
];

/// First words of a named storm or treaty ("Hurricane Ivan", "Treaty of Rome").
const STARTS: &[(&str, Kind)] = &[
    ("Hurricane", Kind::Event),
    ("Typhoon", Kind::Event),
    ("Cyclone", Kind::Event),
];

/// The words [`head_spans`] looks for: [`HEADS`], [`STARTS`] and "Treaty" (all starting with
/// an ASCII capital).
const HEAD_QUICK: WordFilter = WordFilter::new(&["Treaty"])
    .with_keys(HEADS)
    .with_keys(STARTS);

/// Small words inside a title ("Lord of the Rings", "Harry Potter and the Prisoner of Azkaban").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "a", "an", "in", "on", "to", "de", "du", "la",
];

/// Capitalized words that are no works even in a screen context ("Hollywood star").
const NEVER_WORKS: &[&str] = &[
    "Hollywood",
    "Bollywood",
    "Broadway",
    "BBC",
    "The",
    "A",
    "He",
    "She",
    "It",
    "They",
    "His",
    "Her",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Lord",
    "Lady",
    "In",
    "At",
    "On",
    "But",
    "And",
];

/// [`LANGUAGE_CUES`]' first bytes and lengths.
const LANGUAGE_QUICK: WordFilter = WordFilter::new(LANGUAGE_CUES);

/// Verbs and prepositions after which a language name stands.
const LANGUAGE_CUES: &[&str] = &[
    "speak", "speaks", "spoke", "speaking", "spoken", "in", "into", "from", "learn", "learning",
    "teach", "teaching", "taught",
];

/// The words of `doc` as slices.
fn words<'a>(doc: &Document<'a>) -> Vec<&'a str> {
    doc.tokens
        .iter()
        .map(|t| doc.span(t.start, t.end))
        .collect()
}

/// A title-cased word ("Sideways", "MacBook"), not an all-caps one ("PSP", "REUTER"), nor a
/// hyphenated modifier ("Oscar-winning").
fn capitalized(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && !w
            .split('-')
            .skip(1)
            .any(|p| p.chars().next().is_some_and(char::is_lowercase))
}

/// A title-cased or mixed-case word ("Sideways", "iPod", "MacBook"), not an all-caps one.
fn name_word(w: &str) -> bool {
    capitalized(w) || (w.starts_with('i') && w.chars().nth(1).is_some_and(char::is_uppercase))
}

/// The end (exclusive token index) of a title that starts at token `i`: capitalized words,
/// numbers after a word ("Shrek 2") and small connector words between capitalized words, all
/// in one sentence, at most eight tokens.
fn title_end(doc: &Document, w: &[&str], i: usize) -> Option<usize> {
    if !w.get(i).is_some_and(|x| name_word(x)) {
        return None;
    }
    let sent = doc.tokens[i].sentence;
    let mut j = i + 1;
    let mut end = j;
    while j < w.len() && j < i + 8 && doc.tokens[j].sentence == sent {
        let x = w[j];
        if name_word(x) || (x.chars().all(|c| c.is_ascii_digit()) && x.len() <= 4) {
            j += 1;
            end = j;
        } else if CONNECTORS.contains(&x) && w.get(j + 1).is_some_and(|y| name_word(y)) {
            j += 1;
        } else {
            break;
        }
    }
    Some(end)
}

/// The start (token index) of the capitalized run that ends at token `j - 1`.
fn run_start(doc: &Document, w: &[&str], j: usize) -> usize {
    let sent = doc.tokens[j - 1].sentence;
    let mut i = j - 1;
    while i > 0 && j - i < 8 && doc.tokens[i - 1].sentence == sent {
        let x = w[i - 1];
        if name_word(x) && !NEVER_WORKS.contains(&x) {
            i -= 1;
        } else if x == "of" && i >= 2 && name_word(w[i - 2]) {
            i -= 2;
        } else {
            break;
        }
    }
    i
}

/// Whether the article reads as one about the screen or music: at least three different cue
/// words.
fn screen_context(w: &[&str]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for x in w {
        if SCREEN_QUICK.may_hold(x) && SCREEN_CUES.contains(x) && !seen.contains(x) {
            seen.push(x);
            if seen.len() >= 3 {
                return true;
            }
        }
    }
    false
}

/// A proposed span: tokens `[i, j)` and its kind.
type Span = (usize, usize, Kind);

/// MISC mentions (source [`Source::Rule`], subtype set) of works, awards, events, products, laws
/// and languages in `doc`.
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let w = words(doc);
    let screen = screen_context(&w);
    let mut spans: Vec<Span> = Vec::new();
    lexicon_spans(doc, &w, screen, &mut spans);
    head_spans(doc, &w, &mut spans);
    work_spans(doc, &w, screen, &mut spans);
    language_spans(&w, &mut spans);
    // Leftmost-longest, no overlaps.
    spans.sort_by_key(|&(i, j, _)| (i, std::cmp::Reverse(j)));
    let mut out: Vec<Mention> = Vec::new();
    let mut last_end = 0;
    for (i, j, kind) in spans {
        if i < last_end && !out.is_empty() {
            continue;
        }
        last_end = j;
        let mut m = Mention::new(
            doc.tokens[i].start,
            doc.tokens[j - 1].end,
            EntityType::Misc,
            Source::Rule,
        );
        m.subtype = Some(kind.label().to_string());
        out.push(m);
    }
    out
}

fn lexicon_spans(doc: &Document, w: &[&str], screen: bool, spans: &mut Vec<Span>) {
    let (lex, first) = (&*LEXICON, &*LEXICON_FIRST);
    for i in 0..w.len() {
        if !first.may_hold(w[i]) {
            continue;
        }
        let Some(entries) = lex.get(w[i]) else {
            continue;
        };
        let Some(e) = entries.iter().find(|e| {
            w.get(i..i + e.words.len()) == Some(&e.words[..])
                && doc.tokens[i + e.words.len() - 1].sentence == doc.tokens[i].sentence
        }) else {
            continue;
        };
        let j = i + e.words.len();
        // Part of a longer name ("Oscar Wilde", "Arabic Bank"): not this entry.
        if w.get(j).is_some_and(|x| name_word(x)) && e.kind != Kind::Product {
            continue;
        }
        if e.given_name && !screen && !award_after_best(w, i) {
            continue;
        }
        spans.push((i, j, e.kind));
    }
}

fn head_spans(doc: &Document, w: &[&str], spans: &mut Vec<Span>) {
    for (k, x) in w.iter().enumerate() {
        // Every word looked for starts with an ASCII capital: most words skip the lists.
        let capital = x.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
        if !capital || !HEAD_QUICK.may_hold(x) {
            continue;
        }
        if let Some(&(_, kind)) = HEADS.iter().find(|(h, _)| h == x) {
            // "... Cup", but not a head word that starts a longer name ("Cup Winners").
            if w.get(k + 1).is_some_and(|y| name_word(y)) {
                continue;
            }
            let i = run_start(doc, w, k + 1);
            if i < k && !(kind == Kind::Law && *x == "Act" && k - i > 6) {
                spans.push((i, k + 1, kind));
            }
        }
        if *x == "Treaty" && w.get(k + 1) == Some(&"of") {
            if let Some(j) = title_end(doc, w, k + 2) {
                spans.push((k, j, Kind::Law));
            }
        }
        if let Some(&(_, kind)) = STARTS.iter().find(|(s, _)| s == x) {
            if w.get(k + 1).is_some_and(|y| capitalized(y))
                && doc.tokens.get(k + 1).map(|t| t.sentence) == Some(doc.tokens[k].sentence)
            {
                spans.push((k, k + 2, kind));
            }
        }
    }
}

/// Whether tokens `[i, j)` can be a work's title.
fn plausible_title(w: &[&str], i: usize, j: usize) -> bool {
    j > i
        && !(j == i + 1 && NEVER_WORKS.contains(&w[i]))
        && !w[i..j].iter().any(|x| {
            crate::lexicon::countries::by_demonym(x).is_some()
                || crate::lexicon::countries::by_name(x).is_some()
        })
}

/// The tokens at which [`work_spans`] finds evidence: the work nouns, the words of its other
/// cues and punctuation (a token that is none of them is skipped at once).
const WORK_CUES: WordFilter = WordFilter::new(WORK_NOUNS).with_keys(&[
    ("series", ()),
    ("show", ()),
    ("hit", ()),
    ("nominee", ()),
    ("nominees", ()),
    ("contender", ()),
    ("contenders", ()),
    ("as", ()),
    ("including", ()),
    ("include", ()),
    ("of", ()),
    ("in", ()),
    (",", ()),
    ("grossed", ()),
    ("taken", ()),
    ("starring", ()),
    ("star", ()),
    ("actress", ()),
    ("actor", ()),
    ("director", ()),
    ("producer", ()),
    ("co-star", ()),
    ("\"", ()),
    ("“", ()),
    ("‘", ()),
]);

fn work_spans(doc: &Document, w: &[&str], screen: bool, spans: &mut Vec<Span>) {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for k in 0..w.len() {
        let x = w[k];
        if !WORK_CUES.may_hold(x) {
            continue;
        }
        // "comedy Sideways", "the film Closer", "films such as Troy".
        // In a screen context also "critical hit Sideways" and a best-picture category's
        // nominee ("Oscar best-picture nominee Sideways"; not "Oscar nominee Alan Alda"),
        // tested only there.
        let category = || {
            matches!(x, "nominee" | "nominees" | "contender" | "contenders")
                && k >= 1
                && matches!(w[k - 1], "best-picture" | "best-film" | "picture" | "film")
        };
        let noun =
            is_work_noun(x) || (screen && (matches!(x, "series" | "show" | "hit") || category()));
        // "films such as Troy", "movies including Closer": evidence without a screen context.
        let listed = (x == "as"
            && k >= 2
            && w[k - 1] == "such"
            && matches!(w[k - 2], "films" | "movies" | "albums" | "novels" | "books"))
            || (x == "including" && k >= 1 && matches!(w[k - 1], "films" | "movies" | "albums"))
            // In a screen context, what a category's nominees include are works: "other
            // multiple nominees include Million Dollar Baby and Sideways" (but "Oscar nominees
            // Swank and Fox" are actors: no "include").
            || (screen
                && x == "include"
                && k >= 1
                && matches!(w[k - 1], "nominees" | "contenders"));
        let role = screen
            && matches!(x, "of" | "in")
            && k >= 1
            && matches!(
                w[k - 1],
                "star" | "stars" | "role" | "roles" | "performance" | "director" | "sequel"
            );
        let after_noun = (noun || listed || role).then_some(k + 1);
        if let Some(i) = after_noun {
            // What plural nominees include is a list: its first item ends at the list's own
            // "and" or "or" (the list pass below finds the others).
            let first_item = |e: usize| {
                if x == "include" {
                    (i + 1..e)
                        .find(|&n| matches!(w[n], "and" | "or"))
                        .unwrap_or(e)
                } else {
                    e
                }
            };
            // ... and a bare list of titles: "nominees include Imelda Staunton (Vera Drake)",
            // "Bill Condon for Kinsey", "The Guardian news website" name people and others.
            let bare_list_item = |j: usize| {
                x != "include"
                    || (matches!(w.get(j), Some(&("," | "and" | "or" | "." | ";")))
                        && GAZETTEER.get(w[i]) & kind::FIRST == 0)
            };
            if let Some(j) = title_end(doc, w, i).map(first_item) {
                if plausible_title(w, i, j)
                    && bare_list_item(j)
                    && doc.tokens[i].sentence == doc.tokens[k].sentence
                {
                    found.push((i, j));
                }
            }
            continue;
        }
        // An apposition: "Sideways, a wine-tasting comedy starring ...".
        if x == ","
            && k >= 1
            && name_word(w[k - 1])
            && matches!(w.get(k + 1), Some(&("a" | "an" | "the")))
            && (k + 2..(k + 6).min(w.len())).any(|n| {
                // The apposition's head: a work noun not itself a modifier ("a film star").
                is_work_noun(w[n])
                    && w.get(n + 1).is_none_or(|y| {
                        matches!(
                            *y,
                            "," | "."
                                | ";"
                                | ":"
                                | "starring"
                                | "by"
                                | "about"
                                | "that"
                                | "which"
                                | "directed"
                                | "written"
                                | "set"
                                | "in"
                                | "of"
                                | "and"
                                | "from"
                                | "with"
                        )
                    })
            })
        {
            let i = run_start(doc, w, k);
            if plausible_title(w, i, k) {
                found.push((i, k));
            }
        }
        if !screen {
            continue;
        }
        // Box-office takings: "Sideways has taken $46.8m", "The Aviator grossed $75m".
        let takings =
            x == "grossed" || (x == "taken" && matches!(w.get(k + 1), Some(&("$" | "£"))));
        if takings && k >= 1 {
            let mut j = k;
            while j >= 1 && matches!(w[j - 1], "has" | "have" | "had" | "already" | "so" | "far") {
                j -= 1;
            }
            if j >= 1 && name_word(w[j - 1]) {
                let i = run_start(doc, w, j);
                if plausible_title(w, i, j) {
                    found.push((i, j));
                }
            }
        }
        // "Sideways, starring", "Troy star Eric Bana", "Sideways producer Michael London".
        // "Spike Lee, starring in seven Lee films", "starring as": the name is an actor's.
        let role_after = (x == "starring" && !matches!(w.get(k + 1), Some(&("in" | "as"))))
            || (matches!(
                x,
                "star" | "actress" | "actor" | "director" | "producer" | "co-star"
            ) && w.get(k + 1).is_some_and(|y| capitalized(y)));
        if role_after && k >= 1 {
            let j = if w[k - 1] == "," { k - 1 } else { k };
            if j >= 1 && name_word(w[j - 1]) {
                let i = run_start(doc, w, j);
                if plausible_title(w, i, j) {
                    found.push((i, j));
                }
            }
        }
        // A quoted title: "“Million Dollar Baby”".
        if matches!(x, "\"" | "“" | "‘") {
            if let Some(j) = title_end(doc, w, k + 1) {
                if matches!(w.get(j), Some(&("\"" | "”" | "’"))) && plausible_title(w, k + 1, j)
                {
                    found.push((k + 1, j));
                }
            }
        }
    }
    if found.is_empty() {
        return;
    }
    // One sense per article: every occurrence of a work's title; then, in a screen context, the
    // other names of a list that holds one ("The Aviator, Million Dollar Baby and Sideways").
    let titles: Vec<Vec<&str>> = found.iter().map(|&(i, j)| w[i..j].to_vec()).collect();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut firsts = WordFilter::new(&[]);
    for (n, t) in titles.iter().enumerate().take(32) {
        by_first.entry(t[0]).or_default().push(n);
        firsts.add(t[0]);
    }
    let mut all: Vec<(usize, usize)> = Vec::new();
    for i in 0..w.len() {
        if let Some(ns) = Some(w[i])
            .filter(|x| firsts.may_hold(x))
            .and_then(|x| by_first.get(x))
        {
            if let Some(&n) = ns
                .iter()
                .find(|&&n| w.get(i..i + titles[n].len()) == Some(&titles[n][..]))
            {
                let j = i + titles[n].len();
                if !w.get(j).is_some_and(|y| name_word(y)) {
                    all.push((i, j));
                }
            }
        }
    }
    if screen {
        // A worklist over the list neighbours of every work, each span once, bounded.
        let mut k = 0;
        while k < all.len() && all.len() < 64 {
            let (i, j) = all[k];
            k += 1;
            let mut next: Vec<(usize, usize)> = Vec::new();
            // After: ", Title" or "and Title"; the item ends at the list's own "and" or "or"
            // ("Million Dollar Baby and Sideways" are two).
            if matches!(w.get(j), Some(&("," | "and" | "or"))) {
                if let Some(e) = title_end(doc, w, j + 1) {
                    let e = (j + 2..e)
                        .find(|&n| matches!(w[n], "and" | "or"))
                        .unwrap_or(e);
                    next.push((j + 1, e));
                }
            }
            // Before: "Title, " or "Title and".
            if i >= 2 && matches!(w[i - 1], "," | "and") && name_word(w[i - 2]) {
                let mut s = run_start(doc, w, i - 1);
                if s > 0 && w[s - 1] == "The" {
                    s -= 1;
                }
                next.push((s, i - 1));
            }
            for (a, b) in next {
                if plausible_title(w, a, b) && !all.iter().any(|&(x, y)| x < b && a < y) {
                    all.push((a, b));
                }
            }
        }
    }
    spans.extend(all.into_iter().map(|(i, j)| (i, j, Kind::Work)));
}

fn language_spans(w: &[&str], spans: &mut Vec<Span>) {
    for k in 1..w.len() {
        let x = w[k];
        if !LANGUAGE_QUICK.may_hold(w[k - 1]) || !LANGUAGE_CUES.contains(&w[k - 1]) {
            continue;
        }
        let lexicon_language = LEXICON
            .get(x)
            .is_some_and(|v| v.iter().any(|e| e.kind == Kind::Language));
        let demonym = crate::lexicon::countries::by_demonym(x).is_some();
        if !(lexicon_language || demonym) {
            continue;
        }
        // "in French." / "into Arabic," — not "in French history".
        let speak = !matches!(w[k - 1], "in" | "into" | "from");
        let ends = w
            .get(k + 1)
            .is_none_or(|y| matches!(*y, "." | "," | ";" | ":" | ")" | "and" | "or" | "\"" | "”"));
        if (speak || ends) && !w.get(k + 1).is_some_and(|y| name_word(y)) {
            spans.push((k, k + 1, Kind::Language));
        }
    }
}

#[cfg(test)]
mod tests;
