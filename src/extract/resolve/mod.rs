//! Resolution: the mentions every stage proposed → the article's entities.
//!
//! 1. Clean each mention (possessives, spaces, char boundaries; a model PERSON's leading title
//!    becomes a title) and drop PERSON mentions that cannot be names ("Read", "Defence
//!    Minister") and section slugs ("CRICKET - ...") — [`merge`].
//!    A one-word model MISC that also opens a product name with a model number ("Airbus" of
//!    "Airbus A320") is the maker, an ORG (`makers_as_orgs`); then one sense per article
//!    among the model's mentions.
//! 2. Settle overlaps between sources: Rule > Gazetteer > Model, except that a longer model
//!    span containing a gazetteer span wins, and that a gazetteer place the tagger read with
//!    evidence as an ORG (a club in a sports report) or a PERSON (the surname of a full name in
//!    the article) is dropped first, unless a locative word or a dateline backs the place
//!    ([`evidence`], [`merge::beats`]).
//! 3. Group mentions into entities: full names, surnames, variants, acronyms — [`group`].
//! 4. Find the mentions no stage proposed: bare surnames, repeats, acronyms, spelling
//!    variants ([`Source::Alias`]) — [`scan`].
//! 5. Build the records: the fullest name, aliases, titles, country, key, salience weighted to
//!    the lead, ids in order of first mention.

pub mod evidence;
pub mod group;
pub mod merge;
pub mod names;
pub mod scan;

pub use merge::settle_overlaps;

use super::{Mention, Source};
use crate::record::{EntityRec, EntityType, MentionRec};
use crate::text::Document;

/// Hash maps of per-document names: foldhash (seeded per process, like std's `RandomState`)
/// hashes short strings several times faster than SipHash, which was ≈ 8% of this stage.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// Hash sets of per-document names (see [`HashMap`]).
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// The stable cross-article key of a name and type: deunicoded, lower-case, single-spaced.
pub fn entity_key(name: &str, etype: crate::record::EntityType) -> String {
    let plain = deunicode::deunicode_with_tofu_cow(name, "[?]");
    let label = etype.label();
    if !plain.is_ascii() {
        // Not expected from a transliteration; the general form.
        let lower = plain.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        return format!("{label}:{}", words.join(" "));
    }
    let mut key = String::with_capacity(label.len() + 1 + plain.len());
    key.push_str(label);
    key.push(':');
    // The runs of ASCII letters and digits, lower case, one space between runs (copied run by
    // run: the text is ASCII).
    let words_from = key.len();
    let bytes = plain.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if key.len() > words_from {
            key.push(' ');
        }
        let at = key.len();
        key.push_str(&plain[start..i]);
        key[at..].make_ascii_lowercase();
    }
    key
}

/// Resolves `mentions` (from any stages, any order) into entities, ids "E1", "E2", ... in
/// order of first mention.
pub fn entities(doc: &Document, mentions: Vec<Mention>) -> Vec<EntityRec> {
    // Cleaned in place (the mentions are not moved but to close the gaps of the dropped).
    let mut cleaned = mentions;
    cleaned.retain_mut(|m| {
        if !merge::clean_in_place(doc, m) {
            return false;
        }
        merge::split_title_in_place(doc, m);
        !merge::section_slug(doc, m)
    });
    // A one-word country can be a person's name where it is a full name's surname ("Jordan"
    // after "Michael Jordan").
    let surnames = evidence::surnames(doc, &cleaned);
    cleaned.retain(|m| {
        let text = doc.span(m.start, m.end);
        match m.etype {
            EntityType::Person => merge::plausible_person(text) || surnames.contains(text),
            // A title alone is no organization ("Lord Justice" of "Lord Justice May").
            EntityType::Org => !merge::title_only(text),
            _ => true,
        }
    });
    let voted = vote_model_types(doc, makers_as_orgs(doc, cleaned));
    let settled = merge::settle_in(doc, evidence::prefer_model(doc, voted));
    let mut clusters = group::group(doc, settled);
    scan::scan(doc, &mut clusters);
    let mut out: Vec<EntityRec> = clusters.into_iter().map(|c| record(doc, c)).collect();
    out.sort_by_key(|e| e.mentions.first().map_or(0, |m| m.start));
    finish(&mut out);
    out
}

/// A maker is an organization: a one-word model MISC mention ("Airbus") whose word also opens
/// a model MISC name with a model number after it ("Airbus A320", "Boeing 737-800") names the
/// company that makes the product, so it becomes ORG (the products stay MISC).
fn makers_as_orgs(doc: &Document, mut mentions: Vec<Mention>) -> Vec<Mention> {
    let makers: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.source == Source::Model && m.etype == EntityType::Misc)
        .filter_map(|m| {
            let mut words = doc.span(m.start, m.end).split_whitespace();
            let (first, second) = (words.next()?, words.next()?);
            second.chars().any(|c| c.is_ascii_digit()).then_some(first)
        })
        .collect();
    if makers.is_empty() {
        return mentions;
    }
    for m in mentions
        .iter_mut()
        .filter(|m| m.source == Source::Model && m.etype == EntityType::Misc)
    {
        if makers.contains(doc.span(m.start, m.end)) {
            m.etype = EntityType::Org;
        }
    }
    mentions
}

/// One sense per article for the model: mentions of the same words take the type the model gave
/// them most often ("Boeing" tagged ORG five times and PERSON once is an ORG). Ties keep each
/// mention's own type.
fn vote_model_types(doc: &Document, mut mentions: Vec<Mention>) -> Vec<Mention> {
    let mut votes: HashMap<&str, [usize; 5]> = HashMap::default();
    let slot = |t: EntityType| t as usize;
    for m in mentions.iter().filter(|m| m.source == Source::Model) {
        votes
            .entry(names::strip_possessive(doc.span(m.start, m.end)))
            .or_default()[slot(m.etype)] += 1;
    }
    const TYPES: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Misc,
    ];
    for m in mentions.iter_mut().filter(|m| m.source == Source::Model) {
        let Some(v) = votes.get(names::strip_possessive(doc.span(m.start, m.end))) else {
            continue;
        };
        let best = (0..5)
            .max_by_key(|&k| (v[k], usize::from(k == slot(m.etype))))
            .unwrap_or(0);
        if v[best] > v[slot(m.etype)] {
            m.etype = TYPES[best];
        }
    }
    mentions
}

/// The record of one cluster (id and salience are set by [`finish`]).
fn record(doc: &Document, mut c: group::Cluster) -> EntityRec {
    c.items.sort_by_key(|i| (i.m.start, i.m.end));
    c.items.dedup_by_key(|i| (i.m.start, i.m.end));
    // The items by trust (a stable sort: text order among equals), for the name, the country
    // and the subtype.
    let mut by_trust: Vec<&group::Item> = c.items.iter().collect();
    by_trust.sort_by_key(|i| i.m.source);
    // A name wrapped across a line break is one name: single spaces in names and aliases (the
    // mentions keep the text as written).
    let name = single_spaced(best_name(&c, &by_trust));
    let mut aliases: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for i in &c.items {
        for a in i.m.aliases.iter().chain(std::iter::once(&i.text)) {
            // Copied only when it is a new alias.
            let a = single_spaced_cow(a);
            if *a != *name && !aliases.iter().any(|x| *x == *a) {
                aliases.push(a.into_owned());
            }
        }
        for t in &i.m.titles {
            if !titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                titles.push(t.clone());
            }
        }
    }
    let country = by_trust.iter().find_map(|i| i.m.country.clone());
    let subtype = by_trust.iter().find_map(|i| i.m.subtype.clone());
    EntityRec {
        id: String::new(),
        key: entity_key(&name, c.etype),
        name,
        etype: c.etype,
        subtype,
        aliases,
        titles,
        country,
        salience: 0.0,
        // The items' texts move into the mentions (no copies).
        mentions: c
            .items
            .into_iter()
            .map(|i| MentionRec {
                start: i.m.start,
                end: i.m.end,
                sentence: doc.sentence_at(i.m.start),
                text: i.text,
            })
            .collect(),
    }
}

/// `s` with every run of white space (line breaks of wrapped text) as one space.
fn single_spaced(s: String) -> String {
    if odd_spaces(&s) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s
    }
}

/// [`single_spaced`] of a borrowed text: a copy only when it changes.
fn single_spaced_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if odd_spaces(s) {
        std::borrow::Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Whether `s` has white space other than single spaces.
fn odd_spaces(s: &str) -> bool {
    // One pass over the bytes while they are ASCII: ASCII white space is tab to carriage
    // return, and space; most bytes are above the space and end the test at once.
    let mut after_space = false;
    for &c in s.as_bytes() {
        if c > b' ' {
            if c >= 0x80 {
                return general_odd_spaces(s);
            }
            after_space = false;
        } else if c == b' ' {
            if after_space {
                return true;
            }
            after_space = true;
        } else if matches!(c, b'\t'..=b'\r') {
            return true;
        } else {
            after_space = false;
        }
    }
    false
}

/// [`odd_spaces`] of any text.
fn general_odd_spaces(s: &str) -> bool {
    s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ")
}

/// The fullest name of a cluster: a stage's canonical name if one gave it (the most trusted
/// stage first), else the mention text with the most name words, then the most characters,
/// then the earliest — proposals of stages before mentions found by resolution.
fn best_name(c: &group::Cluster, by_trust: &[&group::Item]) -> String {
    if let Some(n) = by_trust.iter().find_map(|i| i.m.canonical.clone()) {
        return n;
    }
    let proposed: Vec<&group::Item> = c
        .items
        .iter()
        .filter(|i| i.m.source != Source::Alias)
        .collect();
    let pool = if proposed.is_empty() {
        c.items.iter().collect()
    } else {
        proposed
    };
    pool.into_iter()
        .map(|i| {
            (
                i.n_words,
                i.text.chars().count(),
                std::cmp::Reverse(i.m.start),
                &i.text,
            )
        })
        .max()
        .map(|(_, _, _, t)| t.clone())
        .unwrap_or_default()
}

/// Numbers entities "E1", "E2", ... and sets their salience: each entity's share of all
/// entity mentions, a mention in sentence `s` weighing `1 + 1 / (1 + s)` (the lead counts
/// double, later sentences tend to 1).
pub fn finish(entities: &mut [EntityRec]) {
    let weight = |m: &MentionRec| 1.0 + 1.0 / (1.0 + m.sentence as f64);
    let total: f64 = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(weight))
        .sum();
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
        let own: f64 = e.mentions.iter().map(weight).sum();
        e.salience = if total > 0.0 { own / total } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention of the `n`-th occurrence of `what` in `text`.
    fn at(text: &str, what: &str, n: usize, etype: EntityType, source: Source) -> Mention {
        let start = text
            .match_indices(what)
            .nth(n)
            .map(|(i, _)| i)
            .expect("in text");
        Mention::new(start, start + what.len(), etype, source)
    }

    fn brief(ents: &[EntityRec]) -> Vec<(EntityType, String, Vec<String>)> {
        ents.iter()
            .map(|e| {
                (
                    e.etype,
                    e.name.clone(),
                    e.mentions.iter().map(|m| m.text.clone()).collect(),
                )
            })
            .collect()
    }

    fn run(text: &str) -> Vec<EntityRec> {
        let doc = Document::new(text);
        let mut ms = crate::extract::people::titled(&doc);
        ms.extend(crate::extract::acronyms::definitions(&doc));
        entities(&doc, ms)
    }

    #[test]
    fn same_surname_two_people_and_particle_variants() {
        use EntityType::Person;
        let text = "Field Marshal Khalifa Haftar arrived with his son Saddam Haftar. Prime \
                    Minister Fayez Al-Sarraj met Fayez al-Sarraj’s aides. Sarraj said no.";
        let got = brief(&run(text));
        assert_eq!(
            got,
            vec![
                (
                    Person,
                    "Khalifa Haftar".into(),
                    vec!["Khalifa Haftar".into()]
                ),
                (Person, "Saddam Haftar".into(), vec!["Saddam Haftar".into()]),
                (
                    Person,
                    "Fayez Al-Sarraj".into(),
                    vec![
                        "Fayez Al-Sarraj".into(),
                        "Fayez al-Sarraj".into(),
                        "Sarraj".into()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn bare_surnames_go_to_the_person_last_mentioned() {
        let text = "General Khalifa Haftar spoke. His son Saddam Haftar listened. Haftar left. \
                    Later General Khalifa Haftar returned and Haftar smiled.";
        let ents = run(text);
        let k = &ents[0];
        let s = &ents[1];
        assert_eq!(
            (k.name.as_str(), s.name.as_str()),
            ("Khalifa Haftar", "Saddam Haftar")
        );
        // The first bare "Haftar" follows Saddam's mention, the second Khalifa's.
        assert_eq!(s.mentions.len(), 2);
        assert_eq!(k.mentions.len(), 3);
    }

    #[test]
    fn merge_rules_between_model_and_gazetteer() {
        use EntityType::*;
        let text = "George Washington visited Washington.\nRead: Rome is nice. Libyan forces. \
                    Rome won. Bob Dole said Dole won.";
        let doc = Document::new(text);
        let ms = vec![
            at(text, "George Washington", 0, Person, Source::Model),
            at(text, "Washington", 0, Loc, Source::Gazetteer),
            at(text, "Washington", 1, Loc, Source::Gazetteer),
            at(text, "Read", 0, Person, Source::Model),
            at(text, "Rome", 0, Person, Source::Model),
            at(text, "Rome", 0, Loc, Source::Gazetteer),
            at(text, "Libyan", 0, Misc, Source::Model),
            at(text, "Libyan", 0, Norp, Source::Gazetteer),
            at(text, "Rome", 1, Person, Source::Model),
            // A town that is the surname of a full name in the article stays the person.
            at(text, "Bob Dole", 0, Person, Source::Model),
            at(text, "Dole", 1, Person, Source::Model),
            at(text, "Dole", 1, Loc, Source::Gazetteer),
        ];
        let got = brief(&entities(&doc, ms));
        assert_eq!(
            got,
            vec![
                (
                    Person,
                    "George Washington".into(),
                    vec!["George Washington".into()]
                ),
                (Loc, "Washington".into(), vec!["Washington".into()]),
                (Loc, "Rome".into(), vec!["Rome".into(), "Rome".into()]),
                (Norp, "Libyan".into(), vec!["Libyan".into()]),
                (
                    Person,
                    "Bob Dole".into(),
                    vec!["Bob Dole".into(), "Dole".into()]
                ),
            ]
        );
    }

    #[test]
    fn a_maker_of_numbered_products_is_an_organization() {
        use EntityType::*;
        let text = "Airbus said the Airbus A320 sold well. Airbus and Concorde fans cheered.";
        let doc = Document::new(text);
        let ms = vec![
            at(text, "Airbus", 0, Misc, Source::Model),
            at(text, "Airbus A320", 0, Misc, Source::Model),
            at(text, "Airbus", 2, Misc, Source::Model),
            at(text, "Concorde", 0, Misc, Source::Model),
        ];
        let got = brief(&entities(&doc, ms));
        assert_eq!(
            got,
            vec![
                (Org, "Airbus".into(), vec!["Airbus".into(), "Airbus".into()]),
                (Misc, "Airbus A320".into(), vec!["Airbus A320".into()]),
                (Misc, "Concorde".into(), vec!["Concorde".into()]),
            ]
        );
    }

    #[test]
    fn model_titles_wrong_types_acronyms_and_repeats() {
        use EntityType::*;
        let text = "Donald Trump met the Libyan National Army. President Trump said the LNA \
                    and the Libyan National Army won. Trump praised Haftar. Haftar smiled.";
        let doc = Document::new(text);
        let ms = vec![
            at(text, "Donald Trump", 0, Person, Source::Model),
            at(text, "Libyan National Army", 0, Org, Source::Model),
            at(text, "President Trump", 0, Person, Source::Model),
            at(text, "Haftar", 0, Person, Source::Model),
            at(text, "Haftar", 1, Org, Source::Model),
        ];
        let ents = entities(&doc, ms);
        let got = brief(&ents);
        assert_eq!(
            got,
            vec![
                (
                    Person,
                    "Donald Trump".into(),
                    vec!["Donald Trump".into(), "Trump".into(), "Trump".into()]
                ),
                (
                    Org,
                    "Libyan National Army".into(),
                    vec![
                        "Libyan National Army".into(),
                        "LNA".into(),
                        "Libyan National Army".into()
                    ]
                ),
                (
                    Person,
                    "Haftar".into(),
                    vec!["Haftar".into(), "Haftar".into()]
                ),
            ]
        );
        assert_eq!(ents[0].titles, vec!["President".to_string()]);
        assert_eq!(ents[1].aliases, vec!["LNA".to_string()]);
    }

    #[test]
    fn hyphenated_surnames_and_model_first_names() {
        let text = "Former MP Robert Kilroy-Silk spoke. Mr Kilroy-Silk said Robert would \
                    stay. Kilroy-Silk left.";
        let doc = Document::new(text);
        let mut ms = crate::extract::people::titled(&doc);
        ms.push(at(text, "Robert", 1, EntityType::Person, Source::Model));
        let got = brief(&entities(&doc, ms));
        assert_eq!(
            got,
            vec![(
                EntityType::Person,
                "Robert Kilroy-Silk".into(),
                vec![
                    "Robert Kilroy-Silk".into(),
                    "Kilroy-Silk".into(),
                    "Robert".into(),
                    "Kilroy-Silk".into()
                ]
            )]
        );
    }

    #[test]
    fn spelling_variants_attach_unless_the_word_is_common() {
        let text = "Libyan Field Marshal Khalifa Haftar met them. Hiftar's LNA agreed. \
                    Hafter, a hafter of words, spoke.";
        let ents = run(text);
        let texts: Vec<&str> = ents[0].mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, vec!["Khalifa Haftar", "Hiftar"]);
        assert_eq!(ents[0].aliases, vec!["Hiftar".to_string()]);
        assert_eq!(ents[0].country.as_deref(), Some("LBY"));
    }

    #[test]
    fn entity_keys_are_the_lower_case_runs_of_letters_and_digits() {
        // The key as the words split off every non-alphanumeric character, joined by spaces.
        let reference = |name: &str, etype: EntityType| {
            let plain = deunicode::deunicode_with_tofu(name, "[?]").to_lowercase();
            let words: Vec<&str> = plain
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            format!("{}:{}", etype.label(), words.join(" "))
        };
        for name in [
            "U.S.-backed  Army",
            " -- ",
            "",
            "Fayez Al-Sarraj’s",
            "O'Brien & Co., Ltd.",
            "Ghassam Salamé",
            "  a1  B2--c3 ",
            "北京 Li",
        ] {
            for etype in [EntityType::Org, EntityType::Person] {
                assert_eq!(entity_key(name, etype), reference(name, etype), "{name}");
            }
        }
    }

    #[test]
    fn odd_spaces_are_white_space_but_single_spaces() {
        let reference =
            |s: &str| s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ");
        for s in [
            "Khalifa Haftar",
            "Khalifa  Haftar",
            "Khalifa\nHaftar",
            "a\u{b}b",
            "a\u{1f}b",
            " a b ",
            "a ",
            "  ",
            "",
            "Salamé  x",
            "Salamé\u{a0}x",
            "Salamé x",
        ] {
            assert_eq!(odd_spaces(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn keys_salience_and_order() {
        let text = "Defence Minister Roberta Pinotti spoke.\nThe talks ended.\nThe end.\n\
                    Interior Minister Marco Minniti spoke. Minniti left.";
        let ents = run(text);
        assert_eq!(ents[0].key, "PERSON:roberta pinotti");
        assert_eq!(
            entity_key("Ghassam Salamé", EntityType::Person),
            "PERSON:ghassam salame"
        );
        assert_eq!(
            ents.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            vec!["E1", "E2"]
        );
        // One lead mention (weight 2) against two late ones (sentences 3 and 4: 1.25 + 1.2).
        assert!((ents[0].salience - 2.0 / 4.45).abs() < 1e-9);
        assert!((ents[0].salience + ents[1].salience - 1.0).abs() < 1e-9);
        assert_eq!(ents[1].mentions[1].sentence, 4);
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    /// Every stage of this layer on every window of a text full of traps: no panic, every
    /// mention on char boundaries and equal to its text.
    #[test]
    fn no_panic_on_any_window_of_odd_text() {
        let text = "“Haftar’s” 👨‍👩‍👧 Gen. J. al- Al-Sarraj (GNA) ( ) (@x) — Mr. É. \
                    Cafe\u{301} UN-backed Government of National Accord (GNA) LNA’s \
                    Hiftar, the envoy, Ghassam Salamé’s son Saddam\n\nRead: Mr.";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in bounds.iter().skip(k).step_by(7) {
                let t = &text[a..b];
                let doc = Document::new(t);
                let mut ms = crate::extract::people::titled(&doc);
                ms.extend(crate::extract::acronyms::definitions(&doc));
                for e in entities(&doc, ms) {
                    for m in e.mentions {
                        assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()));
                    }
                }
            }
        }
    }
}
