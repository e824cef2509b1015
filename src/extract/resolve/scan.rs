//! Finding mentions no stage proposed ([`Source::Alias`]): later (or earlier) bare mentions of
//! a known person's full name or surname ("Haftar met ..."), repeats of a known organization's
//! or place's name, acronyms of a known organization ("LNA" for a model's "Libyan National
//! Army"), and spelling variants of a known surname ("Hiftar") among the capitalized words
//! that no stage claimed.

use super::group::{nearest, Cluster, Item};
use super::names::{is_variant, key_words, name_key, VARIANT_MIN_LEN};
use super::{Mention, Source};
use crate::extract::acronyms::{abbreviates, acronym_prefix, is_acronym, is_capitalized_word};
use crate::lexicon::{countries, titles};
use crate::record::EntityType;
use crate::text::Document;

/// Longest full name looked for, in tokens.
const MAX_NAME_TOKENS: usize = 4;

/// Adds alias and variant mentions to `clusters`.
pub fn scan(doc: &Document, clusters: &mut [Cluster]) {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let mut covered: Vec<(usize, usize)> = clusters
        .iter()
        .flat_map(|c| c.items.iter().map(|i| (i.m.start, i.m.end)))
        .collect();
    let mut i = 0;
    while i < words.len() {
        let step = alias_at(doc, &words, i, clusters, &mut covered);
        i += step.max(1);
    }
    for i in 0..words.len() {
        variant_at(doc, &words, i, clusters, &mut covered);
    }
}

fn is_covered(covered: &[(usize, usize)], start: usize, end: usize) -> bool {
    covered.iter().any(|&(s, e)| s < end && start < e)
}

/// Whether token `i` sits inside a URL, handle, hashtag or email.
fn in_link(doc: &Document, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return true;
    };
    let text = doc.text;
    let before = text.get(..t.start).unwrap_or("");
    let after = text.get(t.end..).unwrap_or("");
    let a = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let b = after
        .find(char::is_whitespace)
        .map_or(text.len(), |p| t.end + p);
    let chunk = text.get(a..b).unwrap_or("");
    chunk.contains('/') || chunk.contains('@') || chunk.contains("www.") || chunk.starts_with('#')
}

/// Whether tokens `a` and `a + 1` are separated by plain space in one sentence.
fn joined(doc: &Document, a: usize) -> bool {
    match (doc.tokens.get(a), doc.tokens.get(a + 1)) {
        (Some(x), Some(y)) => {
            x.sentence == y.sentence
                && doc
                    .text
                    .get(x.end..y.start)
                    .is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}'))
        }
        _ => false,
    }
}

fn push(clusters: &mut [Cluster], c: usize, doc: &Document, start: usize, end: usize) {
    let Some(cl) = clusters.get_mut(c) else {
        return;
    };
    let m = Mention::new(start, end, cl.etype, Source::Alias);
    cl.items.push(Item {
        text: doc.span(start, end).to_string(),
        m,
    });
}

/// Looks for a known name at token `i`; returns the number of tokens taken.
fn alias_at(
    doc: &Document,
    words: &[&str],
    i: usize,
    clusters: &mut [Cluster],
    covered: &mut Vec<(usize, usize)>,
) -> usize {
    let Some(first) = doc.tokens.get(i) else {
        return 1;
    };
    if is_covered(covered, first.start, first.end) || in_link(doc, i) {
        return 1;
    }
    let Some(&word) = words.get(i) else {
        return 1;
    };
    // A known name, longest first: person full names by key, other names as written.
    for k in (1..=MAX_NAME_TOKENS).rev() {
        if (i..i + k - 1).any(|j| !joined(doc, j)) {
            continue;
        }
        let Some(last) = doc.tokens.get(i + k - 1) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        if is_covered(covered, start, end) {
            continue;
        }
        let span = doc.span(start, end);
        let Some(window) = words.get(i..i + k) else {
            continue;
        };
        if window
            .iter()
            .any(|w| !w.chars().next().is_some_and(char::is_alphabetic))
        {
            continue; // names are words: no punctuation inside or at the ends
        }
        let capital = span.chars().next().is_some_and(char::is_uppercase);
        let key = key_words(span);
        let target = if k >= 2 && key.len() >= 2 {
            let key = key.join(" ");
            let people: Vec<usize> = (0..clusters.len())
                .filter(|&c| {
                    clusters[c].etype == EntityType::Person
                        && clusters[c].full_keys().contains(&key)
                })
                .collect();
            nearest(clusters, &people, start)
        } else {
            None
        };
        let target = target.or_else(|| {
            if !capital || (k == 1 && titles::is_name_stop(word)) {
                return None;
            }
            clusters.iter().position(|c| {
                c.etype != EntityType::Person
                    && c.items
                        .iter()
                        .any(|it| it.m.source != Source::Alias && same_words(&it.text, window))
            })
        });
        if let Some(c) = target {
            push(clusters, c, doc, start, end);
            covered.push((start, end));
            return k;
        }
    }
    // A person's surname, or a one-word person's name.
    let particle_prefixed = word
        .split_once('-')
        .is_some_and(|(p, rest)| titles::is_particle(p) && rest.starts_with(char::is_uppercase));
    let capital = word.starts_with(char::is_uppercase) || particle_prefixed;
    if capital && !titles::is_name_stop(word) && !titles::is_title_word(word) {
        let key = name_key(word);
        let people: Vec<usize> = (0..clusters.len())
            .filter(|&c| {
                let cl = &clusters[c];
                cl.etype == EntityType::Person
                    && if cl.has_full_name() {
                        cl.surname().as_deref() == Some(key.as_str())
                    } else {
                        cl.items.iter().any(|it| name_key(&it.text) == key)
                    }
            })
            .collect();
        if let Some(c) = nearest(clusters, &people, first.start) {
            push(clusters, c, doc, first.start, first.end);
            covered.push((first.start, first.end));
            return 1;
        }
    }
    // An acronym of a known organization.
    if let Some(acr) = acronym_prefix(word) {
        let orgs: Vec<usize> = (0..clusters.len())
            .filter(|&c| {
                clusters[c].etype == EntityType::Org
                    && clusters[c].items.iter().any(|it| {
                        let w: Vec<&str> = it.text.split(' ').collect();
                        w.len() >= 2 && abbreviates(acr, &w)
                    })
            })
            .collect();
        if let Some(c) = nearest(clusters, &orgs, first.start) {
            let end = first.start + acr.len();
            push(clusters, c, doc, first.start, end);
            if let Some(it) = clusters.get_mut(c).and_then(|cl| cl.items.last_mut()) {
                it.m.aliases.push(acr.to_string());
            }
            covered.push((first.start, end));
        }
    }
    1
}

/// Whether `text`'s tokens are exactly `window`.
fn same_words(text: &str, window: &[&str]) -> bool {
    let toks = crate::text::tokenize(text);
    toks.len() == window.len()
        && toks
            .iter()
            .zip(window)
            .all(|(t, w)| text.get(t.start..t.end) == Some(*w))
}

/// Attaches token `i` to a person whose surname it is a spelling variant of ("Hiftar").
fn variant_at(
    doc: &Document,
    words: &[&str],
    i: usize,
    clusters: &mut [Cluster],
    covered: &mut Vec<(usize, usize)>,
) {
    let (Some(tok), Some(&word)) = (doc.tokens.get(i), words.get(i)) else {
        return;
    };
    if is_covered(covered, tok.start, tok.end) || in_link(doc, i) || !could_be_surname(word) {
        return;
    }
    let key = name_key(word);
    if key.chars().count() < VARIANT_MIN_LEN || used_in_lower_case(doc, word) {
        return;
    }
    let people: Vec<usize> = (0..clusters.len())
        .filter(|&c| {
            clusters[c].etype == EntityType::Person
                && clusters[c]
                    .surname()
                    .is_some_and(|s| s != key && is_variant(&s, &key))
        })
        .collect();
    if let Some(c) = nearest(clusters, &people, tok.start) {
        push(clusters, c, doc, tok.start, tok.end);
        covered.push((tok.start, tok.end));
    }
}

/// Whether a word no list claims may be a surname: capitalized, letters only, not a function
/// word, title, organization head, country, demonym or acronym.
fn could_be_surname(word: &str) -> bool {
    is_capitalized_word(word)
        && !word.ends_with('.')
        && !titles::is_name_stop(word)
        && !titles::is_title_word(word)
        && !titles::is_org_head(word)
        && !titles::is_particle(word)
        && !is_acronym(word)
        && word.chars().filter(|c| c.is_uppercase()).count() < word.chars().count()
        && countries::by_name(word).is_none()
        && countries::by_demonym(word).is_none()
}

/// Whether the word also appears in lower case in the text (then it is a common word).
fn used_in_lower_case(doc: &Document, word: &str) -> bool {
    let lower = word.to_lowercase();
    (0..doc.tokens.len()).any(|i| doc.token_text(i) == lower)
}
