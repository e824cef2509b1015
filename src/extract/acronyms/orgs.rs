//! Capitalized phrases: organizations named by a head word ("Presidency Council", "Libyan
//! National Army", "Ministry of Foreign Affairs") and candidate expansions of acronyms.

use std::ops::Range;

use crate::lexicon::titles;
use crate::text::Document;

/// Whether tokens `a` and `a + 1` are separated by plain space (or one line break) in one
/// sentence.
pub fn joined(doc: &Document, a: usize) -> bool {
    match (doc.tokens.get(a), doc.tokens.get(a + 1)) {
        (Some(x), Some(y)) => {
            x.sentence == y.sentence
                && doc.text.get(x.end..y.start).is_some_and(|g| {
                    // Spaces, no-break spaces (UTF-8 C2 A0) and one line break inside a
                    // sentence (hard-wrapped text), byte by byte.
                    let (mut k, mut breaks) = (0, 0);
                    let b = g.as_bytes();
                    while let Some(&c) = b.get(k) {
                        match c {
                            b' ' => k += 1,
                            b'\n' => {
                                breaks += 1;
                                k += 1;
                            }
                            0xC2 if b.get(k + 1) == Some(&0xA0) => k += 2,
                            _ => return false,
                        }
                    }
                    !g.is_empty() && breaks <= 1
                })
        }
        _ => false,
    }
}

/// Whether a token is a capitalized word of a proper name: letters (hyphens, apostrophes,
/// accents, a final period of an abbreviation allowed), every hyphenated part capitalized.
pub fn is_capitalized_word(word: &str) -> bool {
    if word.is_ascii() {
        // Bytes are characters: one pass over them.
        let b = word.as_bytes();
        let core = b.strip_suffix(b".").unwrap_or(b);
        if !core.first().is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        // Every part after a hyphen starts with a capital (so no part is empty).
        let mut after_hyphen = false;
        for &c in core {
            if (after_hyphen && !c.is_ascii_uppercase())
                || !(c.is_ascii_alphabetic() || matches!(c, b'-' | b'\'' | b'&' | b'.'))
            {
                return false;
            }
            after_hyphen = c == b'-';
        }
        return !after_hyphen;
    }
    is_capitalized_chars(word)
}

/// [`is_capitalized_word`] character by character (any text).
fn is_capitalized_chars(word: &str) -> bool {
    let core = word.strip_suffix('.').unwrap_or(word);
    // The first part must start with a capital: most words stop here.
    core.chars().next().is_some_and(char::is_uppercase)
        && core
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '&' | '.'))
        && core
            .split('-')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase))
}

/// Token ranges of maximal capitalized phrases: capitalized words, with function words ("of",
/// "the", "and", "for") between them, in one sentence. A sentence-initial function word
/// ("The") never starts one.
pub fn capitalized_runs(doc: &Document, words: &[&str]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    // A word starting with an ASCII byte other than a capital is no capitalized word: the
    // first test of `is_capitalized_word`, inline (most words stop here).
    let may_be_capitalized = |w: &str| {
        w.as_bytes()
            .first()
            .is_some_and(|b| !b.is_ascii() || b.is_ascii_uppercase())
    };
    let name_word =
        |w: &str| may_be_capitalized(w) && is_capitalized_word(w) && !titles::is_function_word(w);
    let mut i = 0;
    while i < words.len() {
        let ok = words.get(i).is_some_and(|w| name_word(w));
        if !ok {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut k = i + 1;
        while k < words.len() && joined(doc, k - 1) {
            let Some(&w) = words.get(k) else {
                break;
            };
            if name_word(w) {
                k += 1;
                end = k;
            } else if (w == "&" || w.chars().all(char::is_lowercase)) && titles::is_acronym_skip(w)
            {
                k += 1;
            } else {
                break;
            }
        }
        runs.push(start..end);
        i = end.max(i + 1);
    }
    runs
}

/// Organizations named by a head word: the capitalized words before a head ("Libyan National
/// Army", "Presidency Council"), or a head with its "of"-phrase ("Ministry of Defence",
/// "Government of National Accord"). At least two words. Token ranges.
///
/// `runs` are the document's [`capitalized_runs`] (found once for all the acronym rules).
pub fn named(words: &[&str], runs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for run in runs.iter().cloned() {
        let mut h = run.start;
        while h < run.end {
            let is_head = words.get(h).is_some_and(|w| titles::is_org_head(w));
            if !is_head {
                h += 1;
                continue;
            }
            // Heads in a row end together: "Retail Consulting Group", "News Corporation".
            while h + 1 < run.end && words.get(h + 1).is_some_and(|w| titles::is_org_head(w)) {
                h += 1;
            }
            // Back over capitalized words (and "&" between them, not other function words) to
            // the run's start: "European Aeronautic Defense & Space Company".
            let mut s = h;
            while s > run.start {
                let w = words.get(s - 1).copied().unwrap_or("");
                // "&" between capitalized words: "Defense & Space Company". Not "and": "Pinotti
                // and Interior Ministry" are two names (an acronym's expansion may have "and").
                let joins = w == "&"
                    && s - 1 > run.start
                    && words.get(s - 2).is_some_and(|p| is_capitalized_word(p));
                if !(joins || (!titles::is_acronym_skip(w) && is_capitalized_word(w))) {
                    break;
                }
                s -= 1;
            }
            // A head takes an "of (the) Capitalized" phrase ("Ministry of Defence",
            // "Government of National Accord", "US Department of Labor"), and "for/on" only
            // when it opens the name ("Office for National Statistics"): at most four words.
            let mut e = h + 1;
            let connector = words.get(h + 1).copied().unwrap_or("");
            if connector == "of" || (s == h && matches!(connector, "for" | "on")) {
                let mut k = h + 2;
                if words.get(k) == Some(&"the") {
                    k += 1;
                }
                let caps = k;
                while k < run.end
                    && k - caps < 4
                    && words.get(k).is_some_and(|w| is_capitalized_word(w))
                {
                    k += 1;
                }
                if k > caps {
                    e = k;
                }
            }
            let name = words.get(s..e).unwrap_or_default().join(" ");
            if e - s >= 2 && !titles::is_not_org(&name) {
                out.push(s..e);
            }
            h = e;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        named(&words, &capitalized_runs(&doc, &words))
            .into_iter()
            .filter_map(|r| {
                let a = doc.tokens.get(r.start)?;
                let b = doc.tokens.get(r.end - 1)?;
                Some(text[a.start..b.end].to_string())
            })
            .collect()
    }

    #[test]
    fn the_ascii_path_of_capitalized_words_agrees_with_the_character_path() {
        let words = [
            "Libya",
            "UN-backed",
            "Al-Sarraj",
            "al-Sarraj",
            "Al-",
            "A--B",
            "-Al",
            "Gen.",
            "St.",
            "U.S.",
            "O'Neil",
            "AT&T",
            "Haftar's",
            "Ab1",
            "",
            ".",
            "Al.-B",
            "X",
            "x",
            "Al-Qaeda",
            "A-b",
            "ÉCOLE",
            "Salamé",
        ];
        for w in words {
            assert_eq!(is_capitalized_word(w), is_capitalized_chars(w), "{w}");
        }
        assert!(is_capitalized_word("Al-Qaeda") && !is_capitalized_word("UN-backed"));
    }

    #[test]
    fn organizations_by_head_word() {
        assert_eq!(
            orgs("rival Libyan power the Presidency Council’s leader Fayez Al-Sarraj"),
            vec!["Presidency Council"]
        );
        assert_eq!(
            orgs("aiding the Libyan National Army in its fight"),
            vec!["Libyan National Army"]
        );
        assert_eq!(
            orgs("the UN-backed Government of National Accord (GNA) based in Tripoli"),
            vec!["Government of National Accord"]
        );
        assert_eq!(
            orgs("Italy’s Ministry of Foreign Affairs and the Bank of Italy said"),
            vec!["Ministry of Foreign Affairs", "Bank of Italy"]
        );
        assert!(orgs("Forces under Haftar’s command. The Army said.").is_empty());
        assert_eq!(
            orgs(
                "Undersecretary of the Air Force for Acquisition Lena Park at New York University"
            ),
            vec!["Air Force", "New York University"]
        );
        assert_eq!(
            orgs(
                "Pinotti and Interior Ministry staff, the US Department of Labor and Retail \
                  Consulting Group"
            ),
            vec![
                "Interior Ministry",
                "US Department of Labor",
                "Retail Consulting Group"
            ]
        );
        assert_eq!(
            orgs("owned by European Aeronautic Defense & Space Company ( EADS ) ."),
            vec!["European Aeronautic Defense & Space Company"]
        );
        assert!(orgs("the unity government in the capital").is_empty());
        assert!(orgs("in the West Bank and Gaza").is_empty());
    }
}
