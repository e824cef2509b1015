//! Acronym shape and the initials check: does "GNA" abbreviate "Government of National Accord"?

use crate::lexicon::titles;

/// Whether `word` looks like an organization acronym: 2 to 8 letters, a capital first and last
/// letter, at least two capitals and at least as many capitals as lower-case letters ("GNA",
/// "UNHCR", "MoD"), and not a known non-acronym ("TV", "CEO").
pub fn is_acronym(word: &str) -> bool {
    // ASCII letters only, so bytes are characters.
    let b = word.as_bytes();
    let n = b.len();
    // The first and last letters first: most capitalized words ("Libya") stop here.
    if !(2..=8).contains(&n)
        || !b.first().is_some_and(u8::is_ascii_uppercase)
        || !b.last().is_some_and(u8::is_ascii_uppercase)
        || !b.iter().all(u8::is_ascii_alphabetic)
    {
        return false;
    }
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    upper >= 2 && upper * 2 >= n && !titles::is_not_acronym(word)
}

/// The acronym at the start of a token, with its byte length: "GNA" in "GNA", "UN" in
/// "UN-backed" (an acronym before a lower-case suffix).
#[inline]
pub fn acronym_prefix(token: &str) -> Option<&str> {
    // Every acronym starts with an ASCII capital: most tokens stop here.
    if !token.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    // A byte search: tokens are short, and '-' is ASCII.
    let dash = token.bytes().position(|b| b == b'-');
    match dash.and_then(|k| Some((token.get(..k)?, token.get(k + 1..)?))) {
        None => is_acronym(token).then_some(token),
        Some((head, rest)) => {
            let lower_rest = rest.chars().next().is_some_and(char::is_lowercase);
            (lower_rest && is_acronym(head)).then_some(head)
        }
    }
}

/// One word of a candidate expansion.
#[derive(Debug, Clone, Copy)]
struct Unit<'a> {
    text: &'a str,
    /// A function word ("of", "the") or a later part of a hyphenated word: may be skipped.
    optional: bool,
}

/// Whether `acronym` abbreviates the words `words` (token texts): each content word gives its
/// initial in order; function words ("of", "the", "and", "for") may give theirs or be skipped;
/// the later parts of a hyphenated word ("Al-Qaeda") may be skipped; a lower-case letter of
/// the acronym may also come from inside the word before ("MoD" = Ministry of Defence). Content
/// words must be capitalized; the first and last words must be content words, though a final
/// company form ("Company", "Inc.") may be left out.
pub fn abbreviates(acronym: &str, words: &[&str]) -> bool {
    let first_letter = |w: &str| w.chars().next().map(|c| c.to_ascii_lowercase());
    if words.first().and_then(|w| first_letter(w)) != first_letter(acronym) {
        return false;
    }
    let letters: Vec<char> = acronym.chars().collect();
    let mut units: Vec<Unit> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if titles::is_acronym_skip(w) || (i + 1 == words.len() && titles::is_company_suffix(w)) {
            units.push(Unit {
                text: w,
                optional: true,
            });
            continue;
        }
        for (k, part) in w.split('-').filter(|p| !p.is_empty()).enumerate() {
            let capital = part.chars().next().is_some_and(char::is_uppercase);
            if k == 0 && !capital {
                return false;
            }
            units.push(Unit {
                text: part,
                optional: k > 0,
            });
        }
    }
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if titles::is_acronym_skip(first) || titles::is_acronym_skip(last) {
        return false;
    }
    matches(&letters, &units)
}

fn same(a: char, b: char) -> bool {
    a.to_lowercase().eq(b.to_lowercase())
}

fn matches(letters: &[char], units: &[Unit]) -> bool {
    let Some((unit, rest)) = units.split_first() else {
        return letters.is_empty();
    };
    if unit.optional && matches(letters, rest) {
        return true;
    }
    let Some((&c, more)) = letters.split_first() else {
        return false;
    };
    let mut inner = unit.text.chars();
    if !inner.next().is_some_and(|f| same(f, c)) {
        return false;
    }
    // Lower-case acronym letters may come from inside this word, in order.
    let mut taken = 0;
    loop {
        if matches(&more[taken..], rest) {
            return true;
        }
        let Some(&next) = more.get(taken) else {
            return false;
        };
        if !next.is_lowercase() || !inner.any(|x| x == next) {
            return false;
        }
        taken += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ab(acr: &str, long: &str) -> bool {
        abbreviates(acr, &long.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn initials_with_function_words_hyphens_and_lower_case_letters() {
        assert!(ab("GNA", "Government of National Accord"));
        assert!(ab("LNA", "Libyan National Army"));
        assert!(ab("UN", "United Nations"));
        assert!(ab("USAF", "United States Air Force"));
        assert!(ab("AQIM", "Al-Qaeda in the Islamic Maghreb"));
        assert!(ab("MoD", "Ministry of Defence"));
        assert!(ab(
            "OPEC",
            "Organization of the Petroleum Exporting Countries"
        ));
        assert!(ab("DoD", "Department of Defense"));
        assert!(ab("EADS", "European Aeronautic Defense & Space Company"));
        assert!(!ab("EADS", "European Aeronautic Defense & Company"));
        assert!(!ab("GNA", "the Government of National Accord"));
        assert!(!ab("GNA", "Government of National"));
        assert!(!ab("LNA", "Libyan national army"));
        assert!(!ab("EADS", "Maintenance Repair and Overhaul"));
    }

    #[test]
    fn acronym_shapes() {
        assert!(is_acronym("GNA") && is_acronym("UNHCR") && is_acronym("MoD"));
        assert!(!is_acronym("Haftar") && !is_acronym("TV") && !is_acronym("A"));
        assert!(!is_acronym("McCain") && !is_acronym("G7") && !is_acronym("CoS"));
        assert_eq!(acronym_prefix("UN-backed"), Some("UN"));
        assert_eq!(acronym_prefix("GNA"), Some("GNA"));
        assert_eq!(acronym_prefix("Al-Sarraj"), None);
    }
}
