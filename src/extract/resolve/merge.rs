//! The merge step between sources: which of two overlapping mentions stays.
//!
//! 1. A rule mention (a titled person, an acronym definition) beats every other source, except
//!    that the tagger's MISC or LOC on exactly the span of a bare head-word ORG of the rules
//!    ("American League") keeps its type.
//! 2. Between the gazetteer and the model: on the same span the gazetteer wins (LOC "Rome" over
//!    a model PERSON "Rome"; NORP "Libyan" over a model MISC "Libyan") — unless
//!    [`super::evidence`] removed the gazetteer's place before, where the tagger's other type
//!    has evidence ("Surrey" the county side in a sports report, "Dole" of "Bob Dole"); when
//!    one span contains the other the longer wins (model PERSON "George Washington" over
//!    gazetteer LOC "Washington"); spans that cross: the gazetteer wins.
//! 3. Within one source the longer span wins, then the earlier.
//! 4. Alias mentions (found by resolution) lose to everything.
//!
//! Before merging, spans are cleaned (possessives, surrounding spaces) and model PERSON spans
//! lose a leading title, which becomes a title of the mention ("President Trump").

use std::collections::BTreeMap;

use super::names::strip_possessive;
use super::{Mention, Source};
use crate::lexicon::{countries, titles};
use crate::record::EntityType;
use crate::text::Document;

/// Whether model mention `m` overrides the rule mention `r` on the same span: `r` is a bare
/// head-word ORG name of the rules (no acronym, no canonical name: "American League") and the
/// tagger read the same words as a MISC or LOC name, so the tagger's type stands.
fn model_types_bare_rule_org(m: &Mention, r: &Mention) -> bool {
    m.source == Source::Model
        && r.source == Source::Rule
        && r.etype == EntityType::Org
        && matches!(m.etype, EntityType::Misc | EntityType::Loc)
        && r.aliases.is_empty()
        && r.canonical.is_none()
        && (m.start, m.end) == (r.start, r.end)
}

/// Whether `a` wins over the overlapping `b`. With the text, a model span beats a gazetteer
/// span it contains only when it adds a whole word ("George Washington" over "Washington",
/// not "Tobruk-based" over "Tobruk"); without it, any longer containing span does.
pub fn beats(a: &Mention, b: &Mention, text: Option<&str>) -> bool {
    let len = |m: &Mention| m.end - m.start;
    let contains = |x: &Mention, y: &Mention| {
        x.start <= y.start
            && y.end <= x.end
            && text.is_none_or(|t| {
                let extra = |s: usize, e: usize| {
                    t.get(s..e).is_some_and(|g| g.contains(char::is_whitespace))
                };
                extra(x.start, y.start) || extra(y.end, x.end)
            })
    };
    // A model ORG that adds whole words to a bare head-word ORG name of the rules (no acronym,
    // no canonical name) is the fuller name: "Securities and Exchange Commission" over
    // "Exchange Commission".
    let bare_rule_org = |r: &Mention, m: &Mention| {
        r.source == Source::Rule
            && m.source == Source::Model
            && r.etype == EntityType::Org
            && m.etype == EntityType::Org
            && r.aliases.is_empty()
            && r.canonical.is_none()
            && text.is_some()
            && contains(m, r)
    };
    if bare_rule_org(b, a) || model_types_bare_rule_org(a, b) {
        return true;
    }
    if bare_rule_org(a, b) || model_types_bare_rule_org(b, a) {
        return false;
    }
    // Two rules on the same words: a work's title, found by its own evidence ("Oscar
    // best-picture nominee Sideways", a list that holds a film), over a person titled only as
    // a nominee or contender, a role that films have too ("nominee Sideways"; "rapper Twista"
    // stays a person).
    let same_span = a.start == b.start && a.end == b.end;
    let work_over_person = |x: &Mention, y: &Mention| {
        x.source == Source::Rule
            && y.source == Source::Rule
            && x.etype == EntityType::Misc
            && x.subtype.as_deref() == Some("work")
            && y.etype == EntityType::Person
            && !y.titles.is_empty()
            && y.titles.iter().all(|t| {
                let t = t.to_ascii_lowercase();
                ["nominee", "nominees", "contender", "contenders"]
                    .iter()
                    .any(|r| t.ends_with(r))
            })
    };
    if same_span && work_over_person(a, b) {
        return true;
    }
    if same_span && work_over_person(b, a) {
        return false;
    }
    let (ra, rb) = (rank(a.source), rank(b.source));
    if ra != rb && (ra == 0 || rb == 0 || ra == 3 || rb == 3) {
        return ra < rb; // rules first, aliases last
    }
    if ra != rb {
        // Gazetteer against model.
        let same = a.start == b.start && a.end == b.end;
        if !same && contains(a, b) {
            return true;
        }
        if !same && contains(b, a) {
            return false;
        }
        return a.source == Source::Gazetteer;
    }
    len(a) > len(b) || (len(a) == len(b) && a.start < b.start)
}

fn rank(s: Source) -> u8 {
    match s {
        Source::Rule => 0,
        Source::Gazetteer => 1,
        Source::Model => 2,
        Source::Alias => 3,
    }
}

/// Keeps, among overlapping mentions, the ones that win by [`beats`] (without the text): a
/// mention stays only if it beats every mention it overlaps among those kept so far; it then
/// replaces them.
pub fn settle_overlaps(mentions: Vec<Mention>) -> Vec<Mention> {
    settle(None, mentions)
}

/// [`settle_overlaps`] with the document's text, as resolution runs it.
pub fn settle_in(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    settle(Some(doc.text), mentions)
}

fn settle(text: Option<&str>, mentions: Vec<Mention>) -> Vec<Mention> {
    // The order of the trials: source rank, longer first, earlier first, then as given (a
    // stable order, sorted as small keys: the mentions themselves are not moved).
    let mut order: Vec<(u8, std::cmp::Reverse<usize>, usize, usize)> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let len = m.end.wrapping_sub(m.start);
            (rank(m.source), std::cmp::Reverse(len), m.start, i)
        })
        .collect();
    order.sort_unstable();
    // Kept mentions never overlap each other, so those overlapping `m` are the last one starting
    // before it (if it reaches into `m`) and those starting inside it: two range queries.
    // Start → index of the mention kept there.
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
    for &(.., i) in &order {
        let m = &mentions[i];
        if m.start >= m.end {
            continue;
        }
        let before = kept
            .range(..m.start)
            .next_back()
            .filter(|(_, &k)| mentions[k].end > m.start)
            .map(|(&s, _)| s);
        let hits: Vec<usize> = before
            .into_iter()
            .chain(kept.range(m.start..m.end).map(|(&s, _)| s))
            .collect();
        if hits
            .iter()
            .all(|s| kept.get(s).is_none_or(|&k| beats(m, &mentions[k], text)))
        {
            for s in &hits {
                kept.remove(s);
            }
            kept.insert(m.start, i);
        }
    }
    let mut slots: Vec<Option<Mention>> = mentions.into_iter().map(Some).collect();
    kept.into_values()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Cleans a stage's mention against the text: a span on char boundaries inside the text,
/// without surrounding spaces or a final possessive. `None` when nothing is left.
pub fn clean(doc: &Document, mut m: Mention) -> Option<Mention> {
    clean_in_place(doc, &mut m).then_some(m)
}

/// [`clean`] in place (the mention is not moved): whether something is left.
pub fn clean_in_place(doc: &Document, m: &mut Mention) -> bool {
    let text = doc.text;
    if m.start >= m.end
        || m.end > text.len()
        || !text.is_char_boundary(m.start)
        || !text.is_char_boundary(m.end)
    {
        return false;
    }
    let span = doc.span(m.start, m.end);
    let trimmed_start = span.trim_start();
    m.start += span.len() - trimmed_start.len();
    let core = strip_possessive(trimmed_start.trim_end());
    m.end = m.start + core.len();
    m.start < m.end
}

/// Moves a leading title of a model PERSON span into its titles ("President Trump" → "Trump",
/// title "President").
pub fn split_title(doc: &Document, mut m: Mention) -> Mention {
    split_title_in_place(doc, &mut m);
    m
}

/// [`split_title`] in place (the mention is not moved).
pub fn split_title_in_place(doc: &Document, m: &mut Mention) {
    if m.etype != EntityType::Person || m.source == Source::Rule {
        return;
    }
    let first = doc.token_at(m.start);
    let last = doc.token_at(m.end); // one past the span's tokens
    let words: Vec<&str> = (first..last.min(doc.tokens.len()))
        .map(|i| doc.token_text(i))
        .collect();
    let mut cut = 0;
    for k in (1..words.len()).rev() {
        if let Some(t) = titles::title_ending_at(&words, k - 1) {
            if t.start == 0 {
                cut = k;
                let title = t
                    .canonical
                    .map_or_else(|| words[..k].join(" "), str::to_string);
                m.titles.push(title);
                break;
            }
        }
    }
    if cut > 0 {
        if let Some(tok) = doc.tokens.get(first + cut) {
            m.start = tok.start;
        }
    }
}

/// Sports and section names that head a wire story's slug line ("CRICKET - ENGLISH COUNTY
/// CHAMPIONSHIP SCORES", "RUGBY UNION - ...").
const SLUG_WORDS: &[&str] = &[
    "athletics",
    "badminton",
    "baseball",
    "basketball",
    "boxing",
    "cricket",
    "cycling",
    "football",
    "golf",
    "hockey",
    "league",
    "motorracing",
    "racing",
    "rowing",
    "rugby",
    "sailing",
    "skiing",
    "snooker",
    "soccer",
    "squash",
    "swimming",
    "tennis",
    "union",
    "yachting",
];

/// Whether the mention is a section slug: words in capitals from [`SLUG_WORDS`] that open their
/// line and are followed by a dash ("CRICKET -"): a heading, no entity.
pub fn section_slug(doc: &Document, m: &Mention) -> bool {
    let text = doc.text;
    // The dash first: most mentions are followed by none.
    let dash_after = text
        .get(m.end..)
        .is_some_and(|t| t.trim_start_matches(' ').starts_with(['-', '–', '—']));
    if !dash_after {
        return false;
    }
    let span = doc.span(m.start, m.end);
    let slug_words = span.split(' ').all(|w| {
        w.len() > 2
            && w.chars().all(|c| c.is_ascii_uppercase())
            && SLUG_WORDS.contains(&w.to_ascii_lowercase().as_str())
    });
    slug_words && opens_line(text, m.start)
}

/// Whether only spaces stand between byte `start` and the start of its line (or of the text).
/// Scans back over the spaces only, so that a check per mention stays linear.
pub fn opens_line(text: &str, start: usize) -> bool {
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// Whether a mention's text is a title and nothing else ("Lord Justice", "Defence Minister").
pub fn title_only(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    titles::is_title_phrase(&words)
}

/// Whether a PERSON mention's text can be a person's name: some word that is not a title,
/// a function word, a month or a label ("Read"), and not a country or demonym alone.
pub fn plausible_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if titles::is_title_phrase(&words) {
        return false; // "Defence Minister", "chief of defence staff"
    }
    if words.len() == 1
        && (countries::by_name(text).is_some() || countries::by_demonym(text).is_some())
    {
        return false;
    }
    words.iter().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !titles::is_name_stop(w)
            && !titles::is_title_word(w)
            && !titles::is_particle(w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, etype: EntityType, source: Source) -> Mention {
        Mention::new(start, end, etype, source)
    }

    fn spans(v: &[Mention]) -> Vec<(usize, usize, EntityType)> {
        v.iter().map(|m| (m.start, m.end, m.etype)).collect()
    }

    #[test]
    fn sources_and_lengths_settle_overlaps() {
        use EntityType::*;
        // "George Washington": the longer model PERSON beats the gazetteer LOC inside it.
        let got = settle_overlaps(vec![
            m(7, 17, Loc, Source::Gazetteer),
            m(0, 17, Person, Source::Model),
        ]);
        assert_eq!(spans(&got), vec![(0, 17, Person)]);
        // Same span: the gazetteer wins (NORP over MISC, LOC over a model PERSON).
        let got = settle_overlaps(vec![
            m(0, 6, Misc, Source::Model),
            m(0, 6, Norp, Source::Gazetteer),
        ]);
        assert_eq!(spans(&got), vec![(0, 6, Norp)]);
        // A rule beats a longer model span.
        let got = settle_overlaps(vec![
            m(0, 28, Person, Source::Model),
            m(14, 28, Person, Source::Rule),
            m(30, 34, Loc, Source::Gazetteer),
        ]);
        assert_eq!(spans(&got), vec![(14, 28, Person), (30, 34, Loc)]);
        // A model span containing a gazetteer span but crossing a rule span loses.
        let got = settle_overlaps(vec![
            m(0, 20, Org, Source::Model),
            m(0, 6, Norp, Source::Gazetteer),
            m(15, 25, Person, Source::Rule),
        ]);
        assert_eq!(spans(&got), vec![(0, 6, Norp), (15, 25, Person)]);
        // With the text, a containing model span must add a whole word.
        let text = "Tobruk-based George Washington";
        let doc = Document::new(text);
        let got = settle_in(
            &doc,
            vec![
                m(0, 12, Misc, Source::Model),
                m(0, 6, Loc, Source::Gazetteer),
                m(13, 30, Person, Source::Model),
                m(20, 30, Loc, Source::Gazetteer),
            ],
        );
        assert_eq!(spans(&got), vec![(0, 6, Loc), (13, 30, Person)]);
    }

    #[test]
    fn cleaning_and_title_splitting() {
        let text = "Haftar’s men met President Donald Trump.";
        let doc = Document::new(text);
        let c = clean(&doc, m(0, 10, EntityType::Person, Source::Model)).unwrap();
        assert_eq!(doc.span(c.start, c.end), "Haftar");
        assert!(clean(&doc, m(7, 9, EntityType::Person, Source::Model)).is_none());
        let at = text.find("President").unwrap();
        let p = split_title(
            &doc,
            m(at, text.len() - 1, EntityType::Person, Source::Model),
        );
        assert_eq!(doc.span(p.start, p.end), "Donald Trump");
        assert_eq!(p.titles, vec!["President".to_string()]);
    }

    #[test]
    fn implausible_people() {
        assert!(!plausible_person("Read"));
        assert!(!plausible_person("Defence Minister"));
        assert!(!plausible_person("Field Marshal"));
        assert!(plausible_person("Frank Field"));
        assert!(!plausible_person("Libyan"));
        assert!(!plausible_person("Italy"));
        assert!(plausible_person("Haftar"));
        assert!(plausible_person("Fayez al-Sarraj"));
    }
}
