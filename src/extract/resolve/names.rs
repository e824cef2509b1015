//! Name keys and name similarity for resolution.
//!
//! A person's *name key* is the deunicoded, lower-case words of the name without particles
//! ("Fayez Al-Sarraj", "Fayez al Sarraj" and "Fayez Sarraj" all give `fayez sarraj`); the
//! *surname key* is its last word. Spelling and transliteration variants ("Hiftar" ~ "Haftar")
//! are recognised by Jaro-Winkler similarity together with normalized Levenshtein similarity on
//! the deunicoded words, both above a threshold, and a shared first letter.

use std::borrow::Cow;

use crate::lexicon::titles;

/// Jaro-Winkler similarity at or above which two surnames may be variants.
pub const JARO_WINKLER_MIN: f64 = 0.85;
/// Normalized Levenshtein similarity at or above which two surnames may be variants.
pub const LEVENSHTEIN_MIN: f64 = 0.8;
/// Shortest surname (in letters) compared for variants: one letter in five is too much
/// ("Osama" is no "Obama").
pub const VARIANT_MIN_LEN: usize = 6;

/// The words of a name key: the name's space-separated words, deunicoded, lower case, letters
/// and digits only ("Kilroy-Silk" → `kilroysilk`, "O’Brien" → `obrien`), a particle joined by
/// a hyphen dropped ("Al-Sarraj" → `sarraj`), particle words ("al", "bin", "van") left out
/// unless nothing else is left.
pub fn key_words(name: &str) -> Vec<String> {
    // The words and, apart, whether each is a particle: the flags are kept only once a
    // particle is seen (most names have none: one vector, no second pass).
    let mut words: Vec<String> = Vec::with_capacity(4);
    let mut particles: Vec<bool> = Vec::new();
    for_each_key_part(strip_possessive(name), &mut String::new(), |w, particle| {
        if particle && particles.is_empty() {
            particles.resize(words.len(), false);
        }
        if particle || !particles.is_empty() {
            particles.push(particle);
        }
        words.push(std::mem::take(w));
    });
    if particles.iter().any(|p| !p) {
        let mut k = 0;
        words.retain(|_| {
            k += 1;
            !particles[k - 1]
        });
    }
    words
}

/// [`key_words`] joined by single spaces, with their number, built in one string (no string
/// per word; a key word has no space, so `split(' ')` gives the words back).
pub fn joined_key(name: &str) -> (String, usize) {
    let mut key = String::with_capacity(name.len());
    let mut n = 0;
    // Whether each word is a particle, kept only once a particle is seen (as in `key_words`).
    let mut particles: Vec<bool> = Vec::new();
    for_each_key_part(strip_possessive(name), &mut String::new(), |w, particle| {
        if particle && particles.is_empty() {
            particles.resize(n, false);
        }
        if particle || !particles.is_empty() {
            particles.push(particle);
        }
        if n > 0 {
            key.push(' ');
        }
        key.push_str(w);
        n += 1;
    });
    if particles.iter().any(|p| !p) {
        // Particle words left out: the other words joined again.
        let mut kept = String::with_capacity(key.len());
        let mut m = 0;
        for (w, _) in key.split(' ').zip(&particles).filter(|&(_, &p)| !p) {
            if m > 0 {
                kept.push(' ');
            }
            kept.push_str(w);
            m += 1;
        }
        return (kept, m);
    }
    (key, n)
}

/// The words of a name piece (a name, or one of its tokens) with whether each is a particle,
/// appended to `out`: the first part of [`key_words`], before particles are left out. The parts
/// of a name are the parts of its space-separated tokens in order (transliteration is per
/// character; white space only separates words).
pub fn key_parts(piece: &str, out: &mut Vec<(String, bool)>) {
    for_each_key_part(piece, &mut String::new(), |w, particle| {
        out.push((std::mem::take(w), particle));
    });
}

/// [`key_parts`] of `piece`, each part handed to `f` (with whether it is a particle) in
/// `word`, a buffer that `f` may copy from or take.
pub fn for_each_key_part(piece: &str, word: &mut String, mut f: impl FnMut(&mut String, bool)) {
    let plain = deunicode::deunicode_with_tofu_cow(piece, "[?]");
    if !plain.is_ascii() {
        // Not expected from a transliteration; the general form.
        key_parts_general(lower_ascii(plain).as_ref(), &mut f);
        return;
    }
    // The white space of ASCII text (`char::is_whitespace`: tab to carriage return, space).
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = plain.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        let w = &plain[start..i];
        // A particle joined by a hyphen is dropped ("Al-Sarraj"); `is_particle` ignores case.
        let w = match w.bytes().position(|b| b == b'-') {
            Some(h) if h + 1 < w.len() && titles::is_particle(&w[..h]) => &w[h + 1..],
            _ => w,
        };
        word.clear();
        // Most words are letters and digits only: copied and lower-cased at once.
        if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else {
            word.extend(
                w.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        }
        if !word.is_empty() {
            let particle = titles::is_particle(word);
            f(word, particle);
        }
    }
}

/// [`key_parts`] of a lower-case text that is not all ASCII.
fn key_parts_general(plain: &str, f: &mut impl FnMut(&mut String, bool)) {
    for word in plain.split_whitespace() {
        let word = match word.split_once('-') {
            Some((p, rest)) if titles::is_particle(p) && !rest.is_empty() => rest,
            _ => word,
        };
        let mut w: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            let particle = titles::is_particle(&w);
            f(&mut w, particle);
        }
    }
}

/// The key words from a name's [`key_parts`]: particle words left out unless nothing else is
/// left.
pub fn keep_names(mut all: Vec<(String, bool)>) -> Vec<String> {
    if all.iter().any(|(_, particle)| !particle) {
        all.retain(|(_, particle)| !particle);
    }
    all.into_iter().map(|(w, _)| w).collect()
}

/// A transliterated text in lower case, copied only when it has a capital.
fn lower_ascii(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.is_ascii() {
        Cow::Owned(s.to_lowercase())
    } else if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        s
    }
}

/// The name key: [`key_words`] joined by single spaces.
pub fn name_key(name: &str) -> String {
    joined_key(name).0
}

/// The surname key: the last word of the name key.
pub fn surname_key(name: &str) -> Option<String> {
    key_words(name).pop()
}

/// `name` without a final possessive ("Haftar’s" → "Haftar", "Reuters’" stays).
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(s) = name.strip_suffix(suffix) {
            return s.trim_end();
        }
    }
    name
}

/// Whether two surname keys are spelling or transliteration variants of each other
/// ("hiftar" ~ "haftar"): same first letter, both long enough, Jaro-Winkler and normalized
/// Levenshtein similarities above their thresholds. Equal keys are variants.
pub fn is_variant(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let long_enough = a.chars().count() >= VARIANT_MIN_LEN && b.chars().count() >= VARIANT_MIN_LEN;
    long_enough
        && a.chars().next() == b.chars().next()
        && strsim::jaro_winkler(a, b) >= JARO_WINKLER_MIN
        && strsim::normalized_levenshtein(a, b) >= LEVENSHTEIN_MIN
}

/// Names bucketed by first letter and length, so that the variants of a name ([`is_variant`])
/// are looked for only among the names that could be one: the same first letter and a length
/// within Levenshtein's bound (a variant's edit distance is at least the difference in length,
/// at most `1 - LEVENSHTEIN_MIN` of the longer name). Linear in the names instead of all pairs.
#[derive(Debug, Default)]
pub struct VariantIndex<'a> {
    by: super::HashMap<(Option<char>, usize), Vec<&'a str>>,
}

impl<'a> VariantIndex<'a> {
    /// Indexes `names`.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by: super::HashMap<(Option<char>, usize), Vec<&'a str>> = super::HashMap::default();
        for n in names {
            by.entry((n.chars().next(), n.chars().count()))
                .or_default()
                .push(n);
        }
        Self { by }
    }

    /// The indexed names that are variants of `name` (`name` itself included when indexed).
    pub fn variants<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a str> + 's {
        let first = name.chars().next();
        let len = name.chars().count();
        let lo = (len * 4) / 5;
        let hi = (len * 5).div_ceil(4);
        (lo..=hi)
            .filter_map(move |l| self.by.get(&(first, l)))
            .flatten()
            .copied()
            .filter(move |n| is_variant(n, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_particles_accents_and_possessives() {
        assert_eq!(name_key("Fayez Al-Sarraj"), "fayez sarraj");
        assert_eq!(name_key("Fayez al Sarraj"), "fayez sarraj");
        assert_eq!(name_key("Ghassam Salamé"), "ghassam salame");
        assert_eq!(surname_key("Haftar’s").as_deref(), Some("haftar"));
        assert_eq!(surname_key("al-Sarraj").as_deref(), Some("sarraj"));
        assert_eq!(name_key("Al"), "al");
        assert_eq!(name_key("Robert Kilroy-Silk"), "robert kilroysilk");
        assert_eq!(surname_key("Kilroy-Silk").as_deref(), Some("kilroysilk"));
        assert_eq!(name_key("Brian O’Driscoll"), name_key("Brian O'Driscoll"));
        assert_eq!(name_key("Laura K. Brandt"), "laura k brandt");
    }

    #[test]
    fn key_parts_split_on_ascii_white_space_as_on_unicode() {
        // The general form: split on `char::is_whitespace`, particles by prefix or word.
        let reference = |piece: &str| {
            let plain = deunicode::deunicode_with_tofu(piece, "[?]");
            let mut out = Vec::new();
            for word in plain.split_whitespace() {
                let word = match word.bytes().position(|b| b == b'-') {
                    Some(h) if h + 1 < word.len() && titles::is_particle(&word[..h]) => {
                        &word[h + 1..]
                    }
                    _ => word,
                };
                let w: String = word
                    .bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase()))
                    .collect();
                if !w.is_empty() {
                    let particle = titles::is_particle(&w);
                    out.push((w, particle));
                }
            }
            out
        };
        for piece in [
            "Fayez Al-Sarraj",
            "a\u{b}b\tc\nd\re\u{c}f",
            "  Van  der\tBerg ",
            "O'Brien-Smith al- x",
            "Salamé",
            "",
            "--",
        ] {
            let mut got = Vec::new();
            key_parts(piece, &mut got);
            assert_eq!(got, reference(piece), "{piece:?}");
        }
        // The key words: the parts without particles unless only particles are left.
        for name in [
            "Al Bin",
            "Van Der Berg’s",
            "bin Laden",
            "Kilroy-Silk",
            "",
            "al",
        ] {
            let mut all = Vec::new();
            key_parts(strip_possessive(name), &mut all);
            assert_eq!(key_words(name), keep_names(all), "{name}");
        }
        assert_eq!(key_words("Al Bin"), ["al", "bin"]);
        for name in [
            "Fayez Al-Sarraj",
            "Al Bin",
            "Ludwig van Beethoven",
            "Haftar’s",
            "",
            "!!",
        ] {
            let (key, n) = joined_key(name);
            assert_eq!(key, key_words(name).join(" "), "{name}");
            assert_eq!(n, key_words(name).len(), "{name}");
        }
    }

    #[test]
    fn the_variant_index_finds_what_all_pairs_find() {
        let names = [
            "haftar",
            "hiftar",
            "haftarr",
            "sarraj",
            "serraj",
            "pinotti",
            "graziano",
            "minniti",
            "al",
            "abc",
            "hafter",
            "haftarova",
        ];
        let ix = VariantIndex::new(names);
        for q in names.iter().chain(&["hafftar", "serrajj", "x", ""]) {
            let mut got: Vec<&str> = ix.variants(q).collect();
            let mut want: Vec<&str> = names.iter().copied().filter(|n| is_variant(n, q)).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn variants_are_close_spellings_only() {
        assert!(is_variant("hiftar", "haftar"));
        assert!(is_variant("gaddafi", "gadhafi"));
        assert!(is_variant("salame", "salame"));
        assert!(!is_variant("haftar", "hafez"));
        assert!(!is_variant("italy", "haftar"));
        assert!(
            !is_variant("rome", "roma"),
            "one letter in four is too much"
        );
        assert!(!is_variant("pinotti", "minniti"));
        assert!(!is_variant("obama", "osama"));
    }
}
