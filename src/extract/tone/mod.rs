//! Tone: the share of positive and negative words, as GDELT reports an article's tone.
//!
//! The lexicon is VADER's (`vader.tsv`, built by `tools/build_tone.py` from vaderSentiment 3.3.2,
//! MIT, notice in `LICENSE-VADER`): about 7,200 words with a valence from -4 to +4. Each word of
//! the article found in it counts towards `positive` or `negative` with a weight, after VADER's
//! rules:
//! - **negation**: a negation word ("not", "never", "without", any "n't") among the three words
//!   before flips the polarity and scales it by 0.74 (VADER's `N_SCALAR`): "not good" counts 0.74
//!   of a negative word;
//! - **intensifiers**: a booster ("very", "extremely") or dampener ("slightly", "barely") among
//!   the three words before adds or removes 0.293 of valence, less with distance (×1, ×0.95,
//!   ×0.9), and the word's weight is its changed valence over its own.
//!
//! `positive` and `negative` are those weighted counts in percent of the article's words, and
//! `score = positive - negative`, as in GDELT's tone. Left out of VADER's rules (they score
//! social-media sentences, not word shares): capitals for emphasis, "but", idioms and
//! emoticons.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::signals;
use crate::record::ToneRec;
use crate::text::{Document, Words};

static VADER_TSV: &str = include_str!("vader.tsv");

/// VADER's `N_SCALAR`: a negated word keeps 0.74 of its valence, with the opposite sign.
const NEGATION_SCALAR: f64 = 0.74;
/// How much an intensifier counts at distance 1, 2 and 3 words.
const DISTANCE_DECAY: [f64; 3] = [1.0, 0.95, 0.9];

/// What the lexicon says of a word.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry {
    /// A word with a valence (−4 … +4).
    Valence(f64),
    /// A negation word.
    Negation,
    /// An intensifier with its valence increment (+0.293 or −0.293).
    Booster(f64),
}

type Map = HashMap<&'static str, Entry, foldhash::fast::RandomState>;

static LEXICON: LazyLock<Map> = LazyLock::new(|| {
    let mut map = Map::default();
    for line in VADER_TSV.lines() {
        let mut cols = line.split('\t');
        let (Some(kind), Some(word)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut num = || cols.next().and_then(|v| v.parse::<f64>().ok());
        let entry = match kind {
            "w" => num().map(Entry::Valence),
            "n" => Some(Entry::Negation),
            "b" => num().map(Entry::Booster),
            _ => None,
        };
        if let Some(e) = entry {
            // A negation or booster that also has a valence keeps its role ("no", "little").
            match (map.get(word), e) {
                (Some(Entry::Negation | Entry::Booster(_)), Entry::Valence(_)) => {}
                _ => {
                    map.insert(word, e);
                }
            }
        }
    }
    map
});

/// The lexicon's words and what it says of each (for [`crate::extract::signals`]).
pub(crate) fn lexicon() -> impl Iterator<Item = (&'static str, Entry)> {
    LEXICON.iter().map(|(&w, &e)| (w, e))
}

/// Number of valence words in the lexicon (for tests and docs).
pub fn n_words() -> usize {
    LEXICON
        .values()
        .filter(|e| matches!(e, Entry::Valence(_)))
        .count()
}

/// The tone of an article: weighted shares of positive and negative words, in percent of its
/// words. An article without words has a neutral tone (all zero).
pub fn tone(doc: &Document) -> ToneRec {
    let forms = Words::new(doc);
    tone_with(doc, &forms, &signals::lookups(&forms))
}

/// What a distinct token text is to the tone: a word or not, its lexicon entry, and whether it
/// ends in "n't".
#[derive(Debug, Clone, Copy)]
struct FormTone {
    word: bool,
    entry: Option<Entry>,
    nt: bool,
}

/// [`tone`] with the document's [`Words`] and their lexicon [`signals::Lookup`]s already made:
/// each distinct token text is looked up once.
pub(crate) fn tone_with(doc: &Document, forms: &Words, looked: &[signals::Lookup]) -> ToneRec {
    let info: Vec<FormTone> = (0..forms.len())
        .map(|f| {
            let text = forms.text(f);
            let word = if text.is_ascii() {
                text.bytes().any(|b| b.is_ascii_alphanumeric())
            } else {
                text.chars().any(char::is_alphanumeric)
            };
            FormTone {
                word,
                entry: if word { looked[f].tone } else { None },
                // A folded text ends with "n't" only where the text ends with a "t" or "T"
                // (folding keeps ASCII letters' places and makes no other character a "t").
                nt: text.as_bytes().last().is_some_and(|&b| b | 0x20 == b't')
                    && forms.folded(f).ends_with("n't"),
            }
        })
        .collect();
    let mut positive = 0.0f64;
    let mut negative = 0.0f64;
    let mut words = 0usize;
    // The roles of the last three words of the sentence: (negation, booster increment).
    let mut recent: [(bool, f64); 3] = [(false, 0.0); 3];
    let mut sentence = usize::MAX;
    for (i, t) in doc.tokens.iter().enumerate() {
        let form = info[forms.form(i)];
        if !form.word {
            continue;
        }
        if t.sentence != sentence {
            sentence = t.sentence;
            if i == 0 || !doc.wrapped(i - 1) {
                recent = [(false, 0.0); 3];
            }
        }
        words += 1;
        let entry = form.entry;
        if let Some(Entry::Valence(v)) = entry {
            if v != 0.0 {
                let mut valence = v;
                for (k, &(_, boost)) in recent.iter().enumerate() {
                    if boost != 0.0 {
                        valence += boost * v.signum() * DISTANCE_DECAY[k];
                    }
                }
                let mut weight = (valence / v).max(0.0);
                let mut positive_word = v > 0.0;
                if recent.iter().any(|&(neg, _)| neg) {
                    weight *= NEGATION_SCALAR;
                    positive_word = !positive_word;
                }
                if positive_word {
                    positive += weight;
                } else {
                    negative += weight;
                }
            }
        }
        let role = match entry {
            Some(Entry::Negation) => (true, 0.0),
            Some(Entry::Booster(b)) => (false, b),
            _ => (form.nt, 0.0),
        };
        recent = [role, recent[0], recent[1]];
    }
    if words == 0 {
        return ToneRec::default();
    }
    #[allow(clippy::cast_precision_loss)]
    let per = 100.0 / words as f64;
    let (positive, negative) = (positive * per, negative * per);
    ToneRec {
        score: round(positive - negative),
        positive: round(positive),
        negative: round(negative),
    }
}

/// Four decimals: enough for a percentage, and stable output.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone_of(text: &str) -> ToneRec {
        tone(&Document::new(text))
    }

    #[test]
    fn the_lexicon_is_vaders() {
        assert!(n_words() > 7000, "{}", n_words());
        assert!(matches!(LEXICON.get("good"), Some(Entry::Valence(v)) if *v > 1.0));
        assert!(matches!(LEXICON.get("killed"), Some(Entry::Valence(v)) if *v < -3.0));
        assert!(matches!(LEXICON.get("never"), Some(Entry::Negation)));
        assert!(matches!(LEXICON.get("very"), Some(Entry::Booster(b)) if *b > 0.0));
    }

    #[test]
    fn shares_are_percent_of_words() {
        // 11 words; "good" positive, "killed" negative.
        let t = tone_of("The good news came after two people were killed on Monday.");
        assert!((t.positive - 9.0909).abs() < 1e-3, "{t:?}"); // 1 of 11 words
        assert!((t.negative - 9.0909).abs() < 1e-3, "{t:?}");
        assert!(t.score.abs() < 1e-9);
        let t = tone_of("Rebels killed ten soldiers and wounded dozens in an attack.");
        assert!(
            t.negative > 20.0 && t.positive == 0.0 && t.score < -20.0,
            "{t:?}"
        );
    }

    #[test]
    fn negation_flips_and_scales() {
        let plain = tone_of("The talks were good.");
        let negated = tone_of("The talks were not good.");
        let contracted = tone_of("The talks weren’t good.");
        assert!(plain.positive > 0.0 && plain.negative == 0.0);
        assert!(
            negated.positive == 0.0 && negated.negative > 0.0,
            "{negated:?}"
        );
        // 0.74 of a word in 5 words.
        assert!((negated.negative - 74.0 / 5.0).abs() < 1e-3, "{negated:?}");
        assert!(
            contracted.negative > 0.0 && contracted.positive == 0.0,
            "{contracted:?}"
        );
        // Three words before still negates; four words before does not.
        assert!(tone_of("It was not really very good.").negative > 0.0);
        assert!(tone_of("Not that it was good.").positive > 0.0);
    }

    #[test]
    fn intensifiers_weigh_the_next_words() {
        let plain = tone_of("It was a good deal.");
        let boosted = tone_of("It was a very good deal.");
        let damped = tone_of("It was a slightly good deal.");
        // Same number of words in the last two: the booster weighs more than the dampener.
        assert!(boosted.positive > damped.positive, "{boosted:?} {damped:?}");
        assert!(plain.positive > 0.0);
    }

    #[test]
    fn negation_and_boosters_stop_at_the_sentence() {
        let t = tone_of("He did not.\nGood.");
        assert!(t.positive > 0.0 && t.negative == 0.0, "{t:?}");
    }

    #[test]
    fn no_words_is_neutral_and_odd_input_is_fine() {
        assert_eq!(tone_of(""), ToneRec::default());
        assert_eq!(tone_of("... !!! 🙂"), ToneRec::default());
        let t = tone_of("GOOD Émigrés 🙂 “great” news");
        assert!(t.positive > 0.0);
    }
}
