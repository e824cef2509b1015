//! People introduced by a title or role ("Libyan Field Marshal Khalifa Haftar", "his son
//! Saddam", "Mr. Smith"), people followed by their role ("Louis Gallois, the chief executive
//! of EADS") and people who sign an embedded post ("— Mary Fitzgerald (@MaryFitzger)
//! September 27, 2017").
//!
//! The mention covers the name only; the titles go to [`Mention::titles`] and a demonym or
//! country before the titles ("Italian", "Italy’s", "US") to [`Mention::country`]. The title
//! lexicon is `lexicon/resources/titles.txt`; name particles and non-name words are in
//! `lexicon/resources/names.txt`.

use super::{Mention, Source};
use crate::lexicon::{countries, titles};
use crate::record::EntityType;
use crate::text::Document;

/// At most this many tokens in one name ("Abu Bakr al Baghdadi" has four).
const MAX_NAME_TOKENS: usize = 5;

/// Titled person mentions in `doc`, plus the authors of embedded posts.
pub fn titled(doc: &Document) -> Vec<Mention> {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let mut out = Vec::new();
    let mut free_from = 0;
    // The end token and nationality of the last titled person with one.
    let mut listed: Option<(usize, String)> = None;
    for i in 1..words.len() {
        // Cheap necessary conditions first: a capitalized word (or "al-Sarraj") right after a
        // word that ends some title.
        let titled_here = words.get(i).is_some_and(|w| may_start_name(w))
            && doc.joined(i - 1)
            && words.get(i - 1).is_some_and(|w| titles::is_title_word(w));
        if i < free_from || !titled_here || !can_start_name(&words, i) {
            continue;
        }
        // "best actress Oscar": a category and its award, no actress named Oscar.
        if super::works::award_after_best(&words, i) {
            continue;
        }
        let Some((found_titles, mut country, title_start)) = titles_before(doc, &words, i) else {
            continue;
        };
        // A list of titled people shares the first one's nationality: "Italian Defence
        // Minister Pinotti and Interior Minister Minniti" → both ITA.
        if country.is_none() {
            if let Some((prev_end, prev_country)) = &listed {
                if listed_after(doc, &words, *prev_end, title_start) {
                    country = Some(prev_country.clone());
                }
            }
        }
        let Some(end) = name_end(doc, &words, i) else {
            continue;
        };
        let (Some(first), Some(last)) = (doc.tokens.get(i), doc.tokens.get(end - 1)) else {
            continue;
        };
        let mut m = Mention::new(first.start, last.end, EntityType::Person, Source::Rule);
        m.titles = found_titles;
        m.country.clone_from(&country);
        listed = country.map(|c| (end, c));
        out.push(m);
        free_from = end;
    }
    out.extend(signatures(doc, &words));
    out.extend(appositives(doc, &words));
    out.sort_by_key(|m| m.start);
    out.dedup_by(|a, b| a.overlaps(b));
    out
}

/// Whether the token is a capitalized word that may be part of a name: a capital first letter
/// (or a lower-case particle joined by a hyphen: "al-Sarraj"), letters (hyphens, apostrophes
/// and accents allowed), no digits, not all capitals.
fn is_name_like(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        // "al-Sarraj", "bin-Talal": a lower-case particle joined to a name word.
        return word.split_once('-').is_some_and(|(particle, rest)| {
            particle.starts_with(char::is_lowercase)
                && titles::is_particle(particle)
                && is_name_like(rest)
        });
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    word.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’') || is_mark(c))
        && !(letters > 1 && upper == letters)
        && !word.ends_with('-')
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Whether the word is a demonym or the head of an organization's, place's or law's name:
/// never part of a person's name.
fn is_other_name(word: &str) -> bool {
    countries::by_demonym(word).is_some()
        || titles::is_org_head(word)
        || titles::is_place_head(word)
        || titles::is_misc_head(word)
}

/// Whether the word is a country's common name ("Italy"): never the first word of a name
/// (it may end one: "Michael Jordan").
fn is_country(word: &str) -> bool {
    countries::by_name(word).is_some_and(|c| c.name == word)
}

/// Whether `word` passes the first test of [`can_start_name`]: a name starts with a capital, or
/// with a particle joined by a hyphen ("al-Sarraj"). Most words stop here.
#[inline]
fn may_start_name(word: &str) -> bool {
    match word.as_bytes().first() {
        // An ASCII first byte is the first character: a capital or not (tokens are short, and
        // a byte search for '-' beats `memchr` on them).
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || word.bytes().any(|c| c == b'-'),
        _ => word.starts_with(char::is_uppercase) || word.contains('-'),
    }
}

/// Whether token `i` may start a name.
fn can_start_name(words: &[&str], i: usize) -> bool {
    let Some(&w) = words.get(i) else {
        return false;
    };
    if !may_start_name(w) {
        return false;
    }
    if titles::is_particle(w) {
        // "al Sarraj": a particle starts a name only before a name word.
        return w.chars().next().is_some_and(char::is_uppercase)
            && words.get(i + 1).is_some_and(|n| can_continue(n));
    }
    is_name_like(w)
        && !titles::is_not_first_name(w)
        && !titles::is_title_word(w)
        && !titles::is_title_modifier(w)
        && !is_other_name(w)
        && !is_country(w)
}

/// Whether a word may continue a name ("Haftar", "Al-Sarraj", "May").
fn can_continue(word: &str) -> bool {
    is_name_like(word)
        && !titles::is_name_stop(word)
        && !titles::is_title_word(word)
        && !titles::is_title_modifier(word)
        && !is_other_name(word)
}

/// One past the last token of the name starting at token `i`, or `None`.
pub(crate) fn name_end(doc: &Document, words: &[&str], i: usize) -> Option<usize> {
    let mut end = i + 1;
    let mut last_word = i + 1; // one past the last token that is a name word, not a particle
    while end - i < MAX_NAME_TOKENS + 2 && joined_or_initial(doc, words, end - 1) {
        let Some(&w) = words.get(end) else {
            break;
        };
        if titles::is_particle(w) && !w.chars().next().is_some_and(char::is_uppercase) {
            end += 1; // "bin", "van": kept only if a name word follows
            continue;
        }
        if (w == "." && is_initial(words, end - 1)) || is_initial_with_period(w) {
            end += 1;
            last_word = end;
            continue;
        }
        if matches!(w, "Jr." | "Sr.") || can_continue(w) {
            // A month ends a name only when no number follows: "Theresa May", not "Trump May 5".
            if titles::is_not_first_name(w)
                && words
                    .get(end + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
            {
                break;
            }
            end += 1;
            last_word = end;
            continue;
        }
        break;
    }
    // "Imam Khomeini International Airport": a name word before a head is no person's;
    // "Deputy Foreign Minister": nor a word before a capitalized title.
    let next_is = |f: fn(&str) -> bool| {
        doc.joined(last_word - 1) && words.get(last_word).is_some_and(|w| f(w))
    };
    if next_is(is_other_name)
        || next_is(|w| w.starts_with(char::is_uppercase) && titles::is_title_word(w))
    {
        return None;
    }
    let n_words = (i..last_word)
        .filter(|&k| words.get(k).is_some_and(|w| is_name_like(w)))
        .count();
    (n_words >= 1 && last_word - i <= MAX_NAME_TOKENS).then_some(last_word)
}

/// Whether a token is an initial with its period ("K." — the tokenizer keeps them together).
fn is_initial_with_period(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
}

/// Whether token `k` is a single capital letter ("J" of "J. Smith").
fn is_initial(words: &[&str], k: usize) -> bool {
    words.get(k).is_some_and(|w| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.next().is_none()
    })
}

/// Whether token `k + 1` continues the name through a plain space, or is the period of an
/// initial written right after it, or follows that period ("Laura K. Brandt": the sentence
/// splitter may end a sentence after an initial).
fn joined_or_initial(doc: &Document, words: &[&str], k: usize) -> bool {
    if doc.joined(k) {
        return true;
    }
    let after_initial = words.get(k) == Some(&".") && k > 0 && is_initial(words, k - 1);
    if after_initial {
        let gap = match (doc.tokens.get(k), doc.tokens.get(k + 1)) {
            (Some(a), Some(b)) => doc.text.get(a.end..b.start),
            _ => None,
        };
        return gap.is_some_and(|g| g == " ");
    }
    let adjacent = match (doc.tokens.get(k), doc.tokens.get(k + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    };
    adjacent && is_initial(words, k) && words.get(k + 1) == Some(&".")
}

/// Whether tokens `from..to` (between one titled person's name and the next one's titles)
/// are list separators only — commas and "and", at least one — inside one sentence.
fn listed_after(doc: &Document, words: &[&str], from: usize, to: usize) -> bool {
    from < to
        && to - from <= 2
        && (from..to).all(|k| words.get(k).is_some_and(|w| matches!(*w, "," | "and")))
        && doc.tokens.get(from.saturating_sub(1)).map(|t| t.sentence)
            == doc.tokens.get(to).map(|t| t.sentence)
}

/// The titles ending right before token `i` ("Italian chief of defence staff General" →
/// ["chief of defence staff", "General"]), the country before them (ITA) and the token where
/// the titles start.
fn titles_before(
    doc: &Document,
    words: &[&str],
    i: usize,
) -> Option<(Vec<String>, Option<String>, usize)> {
    let mut found = Vec::new();
    let mut j = i; // the titles found so far start at token j
    while j > 0 && doc.joined(j - 1) {
        let Some(m) = titles::title_ending_at(words, j - 1) else {
            break;
        };
        // A title never crosses a line or a sentence.
        if (m.start..j - 1).any(|k| !doc.joined(k)) {
            break;
        }
        let text = match m.canonical {
            Some(c) => c.to_string(),
            None => {
                let (a, b) = (doc.tokens.get(m.start)?, doc.tokens.get(m.end - 1)?);
                doc.span(a.start, b.end).to_string()
            }
        };
        found.push(text);
        j = m.start;
    }
    if found.is_empty() {
        return None;
    }
    found.reverse();
    Some((found, country_before(doc, words, j), j))
}

/// The country named right before token `j`: a demonym ("Libyan"), a country abbreviation
/// ("US") or a country's possessive ("Italy’s").
fn country_before(doc: &Document, words: &[&str], j: usize) -> Option<String> {
    let k = j.checked_sub(1)?;
    if !doc.joined(k) {
        return None;
    }
    let w = *words.get(k)?;
    if let Some(c) = countries::by_demonym(w) {
        return Some(c.alpha3.to_string());
    }
    if let Some(c) = titles::country_abbreviation(w) {
        return Some(c.to_string());
    }
    if matches!(w, "’s" | "'s") {
        let name = *words.get(k.checked_sub(1)?)?;
        return countries::by_name(name).map(|c| c.alpha3.to_string());
    }
    None
}

/// The token range of the name that ends right before token `end` (two to four name words,
/// not continuing a longer capitalized phrase), if any.
fn name_before(doc: &Document, words: &[&str], end: usize) -> Option<usize> {
    let mut start = end;
    while start > 0 && end - start < 5 {
        if start < end && !joined_or_initial(doc, words, start - 1) {
            break;
        }
        let ok = words.get(start - 1).is_some_and(|w| {
            can_continue(w)
                || *w == "."
                || (titles::is_particle(w) && !w.starts_with(char::is_uppercase))
        });
        if !ok {
            break;
        }
        start -= 1;
    }
    // Trim to a valid start ("." of an initial or a particle cannot start a name).
    while start < end && !can_start_name(words, start) {
        start += 1;
    }
    let n = end - start;
    let runs_on =
        start > 0 && doc.joined(start - 1) && words.get(start - 1).is_some_and(|w| is_name_like(w));
    ((2..=4).contains(&n) && !runs_on && name_end(doc, words, start) == Some(end)).then_some(start)
}

/// People followed by their role: "Louis Gallois, the chief executive of EADS", "Fayez
/// al-Sarraj, head of the Presidency Council", "Jane Doe, a Libyan lawyer".
fn appositives(doc: &Document, words: &[&str]) -> Vec<Mention> {
    let mut out = Vec::new();
    for p in 2..words.len() {
        if words.get(p) != Some(&",") {
            continue;
        }
        let Some(start) = name_before(doc, words, p) else {
            continue;
        };
        let mut q = p + 1;
        if words
            .get(q)
            .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "his" | "her" | "their"))
        {
            q += 1;
        }
        let mut country = None;
        if let Some(c) = words.get(q).and_then(|w| countries::by_demonym(w)) {
            country = Some(c.alpha3.to_string());
            q += 1;
        }
        // The longest title that starts at q (its modifiers included) and ends the phrase.
        let Some(t) = (q..(q + 6).min(words.len()))
            .rev()
            .filter_map(|e| titles::title_ending_at(words, e))
            .find(|t| t.start == q && (q..t.end - 1).all(|k| doc.joined(k)))
        else {
            continue;
        };
        // ", the spokesman John Smith": the title introduces someone else.
        if words.get(t.end).is_some_and(|w| is_name_like(w)) {
            continue;
        }
        let title = match t.canonical {
            Some(c) => c.to_string(),
            None => match (doc.tokens.get(t.start), doc.tokens.get(t.end - 1)) {
                (Some(a), Some(b)) => doc.span(a.start, b.end).to_string(),
                _ => continue,
            },
        };
        if let (Some(a), Some(b)) = (doc.tokens.get(start), doc.tokens.get(p - 1)) {
            let mut m = Mention::new(a.start, b.end, EntityType::Person, Source::Rule);
            m.titles = vec![title];
            m.country = country;
            out.push(m);
        }
    }
    out
}

/// Authors of embedded posts: two to four name words right before "(@handle)".
fn signatures(doc: &Document, words: &[&str]) -> Vec<Mention> {
    let mut out = Vec::new();
    for p in 2..words.len() {
        if words.get(p) != Some(&"(") || words.get(p + 1) != Some(&"@") {
            continue;
        }
        let mut start = p;
        while start > 0 && p - start < 5 && doc.joined(start - 1) {
            let ok = words.get(start - 1).is_some_and(|w| can_continue(w));
            if !ok {
                break;
            }
            start -= 1;
        }
        let n = p - start;
        if !(2..=4).contains(&n) || !can_start_name(words, start) {
            continue;
        }
        // The name must not run on from a longer capitalized phrase.
        if start > 0
            && doc.joined(start - 1)
            && words.get(start - 1).is_some_and(|w| is_name_like(w))
        {
            continue;
        }
        if let (Some(a), Some(b)) = (doc.tokens.get(start), doc.tokens.get(p - 1)) {
            out.push(Mention::new(
                a.start,
                b.end,
                EntityType::Person,
                Source::Rule,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        let doc = Document::new(text);
        titled(&doc)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.titles, m.country))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        people(text).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn titles_countries_and_names_of_the_seed_sentences() {
        let p = people("Libyan Field Marshal Khalifa Haftar held talks in Rome this week.");
        assert_eq!(
            p,
            vec![(
                "Khalifa Haftar".into(),
                vec!["Field Marshal".into()],
                Some("LBY".into())
            )]
        );
        let p = people(
            "Haftar met with Italian Defence Minister Roberta Pinotti, Italian chief of defence \
             staff General Claudio Graziano and Interior Minister Marco Minniti.",
        );
        assert_eq!(
            p,
            vec![
                (
                    "Roberta Pinotti".into(),
                    vec!["Defence Minister".into()],
                    Some("ITA".into())
                ),
                (
                    "Claudio Graziano".into(),
                    vec!["chief of defence staff".into(), "General".into()],
                    Some("ITA".into())
                ),
                (
                    "Marco Minniti".into(),
                    vec!["Interior Minister".into()],
                    Some("ITA".into())
                ),
            ]
        );
        // Only a list carries the nationality: "met" breaks it.
        let p =
            people("Italian Defence Minister Roberta Pinotti met Interior Minister Marco Minniti.");
        assert_eq!((p[0].2.as_deref(), p[1].2.as_deref()), (Some("ITA"), None));
    }

    #[test]
    fn roles_kin_and_possessive_owners() {
        let p = people(
            "a deal between Rome and rival Libyan power the Presidency Council’s leader Fayez \
             Al-Sarraj. He was accompanied by his son Saddam.",
        );
        assert_eq!(
            p,
            vec![
                ("Fayez Al-Sarraj".into(), vec!["leader".into()], None),
                ("Saddam".into(), vec!["son".into()], None),
            ]
        );
        let p = people("the efforts of UN special envoy Ghassam Salamé to make");
        assert_eq!(
            p,
            vec![("Ghassam Salamé".into(), vec!["special envoy".into()], None)]
        );
    }

    #[test]
    fn abbreviations_countries_and_particles() {
        let p = people("Gen. Claudio Graziano met Mr. Smith and US President Donald Trump.");
        assert_eq!(
            p,
            vec![
                ("Claudio Graziano".into(), vec!["General".into()], None),
                ("Smith".into(), vec!["Mr".into()], None),
                (
                    "Donald Trump".into(),
                    vec!["President".into()],
                    Some("USA".into())
                ),
            ]
        );
        assert_eq!(
            names("Italy’s Foreign Minister Angelino Alfano met Prime Minister Fayez al Sarraj."),
            vec!["Angelino Alfano", "Fayez al Sarraj"]
        );
        assert_eq!(
            people("Italy’s Foreign Minister Angelino Alfano spoke.")[0]
                .2
                .as_deref(),
            Some("ITA")
        );
        assert_eq!(
            names("Contoso executive Laura K. Brandt and Presiding Judge Omar Mann agreed"),
            vec!["Laura K. Brandt", "Omar Mann"]
        );
        assert_eq!(
            names("British Prime Minister Theresa May said, Secretary of State Rex Tillerson"),
            vec!["Theresa May", "Rex Tillerson"]
        );
    }

    #[test]
    fn roles_after_the_name() {
        let p = people(
            "Louis Gallois, the chief executive of Aerolux, said. Fayez al-Sarraj, head of the \
             Presidency Council, and Amal Nouri, a Libyan lawyer, spoke.",
        );
        assert_eq!(
            p,
            vec![
                ("Louis Gallois".into(), vec!["chief executive".into()], None),
                ("Fayez al-Sarraj".into(), vec!["head".into()], None),
                (
                    "Amal Nouri".into(),
                    vec!["lawyer".into()],
                    Some("LBY".into())
                ),
            ]
        );
        assert!(
            names("In Rome, the president said. Italy and Libya, the two countries").is_empty()
        );
        assert!(names("Pinotti and Minniti, the spokesman John Smith said").len() == 1);
    }

    #[test]
    fn a_title_alone_or_before_a_non_name_is_no_person() {
        assert!(names("The Defence Minister said on Monday that the president Read").is_empty());
        assert!(names("the Defence Minister. Minister Italy said").is_empty());
        assert!(names("the UN General Assembly voted").is_empty());
        assert!(names("the minister\nJohn Smith").is_empty());
        assert!(names("Interior Minister September 5").is_empty());
        assert!(names("Deputy Foreign Minister said. The official Xinhua news agency").is_empty());
        assert!(names("at Imam Khomeini International Airport and the Justice Plan").is_empty());
    }

    #[test]
    fn wire_style_sentences() {
        // Invented sentences in the shape of MEANTIME's Wikinews text (a typo in a title
        // loses the name; the real corpus is checked in tests/seed_entities.rs).
        assert_eq!(
            names(
                "Northwind Aerospace CEO Dana Okafor said in an interview . Brightline Research \
                 defence analysist Paul Verhoeven said that , with Kestrel analyst Ines Moreau saying"
            ),
            vec!["Dana Okafor", "Ines Moreau"]
        );
    }

    #[test]
    fn tweet_signatures_are_people_and_offsets_hold_with_accents_and_emoji() {
        let text = "As usual, son Saddam at his side 🇱🇾 pic.twitter.com/Ne1oNsDiB2\n— Mary \
                    Fitzgerald (@MaryFitzger) September 27, 2017\nCafé envoy Ghassam Salamé 😀.";
        let doc = Document::new(text);
        let got: Vec<&str> = titled(&doc).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, vec!["Saddam", "Mary Fitzgerald", "Ghassam Salamé"]);
        assert!(names("— Reuters (@Reuters) May 2, 2017").is_empty());
    }
}
