//! Language identification (whatlang: a small, dependency-free trigram detector covering 70
//! languages; "nothing found" is `None`, never an error), with a fast path for plainly English
//! prose: English function words make up a fifth or more of running English text and almost
//! none of any other language's, so a long enough prefix dense in them is English without
//! scoring every Latin-script language's trigrams (whatlang's cost, the same for every article).
//! Numbers carry no language: the share is taken of the words with a letter, so a wire table
//! or earnings report ("Shr 24 cts vs four cts", with newswire abbreviations counted as English
//! words) is English too, where whatlang read a third of Reuters' tables as French or nothing.

use std::sync::LazyLock;

/// Fewest words in the prefix before the function-word test may decide.
const FAST_MIN_WORDS: usize = 20;
/// Smallest share of English function words that decides "en" without whatlang.
const FAST_MIN_SHARE: f64 = 0.15;

/// English function words (articles, prepositions, auxiliaries, pronouns, conjunctions) that
/// are not words of other Latin-script languages' running text, each packed into a `u64` (see
/// [`pack`]), in an open-addressing table ([`WordTable`]).
static FUNCTION_WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    WordTable::new(
        include_str!("language_en_function_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|w| pack(w.as_bytes())),
    )
});

/// Slots of a [`WordTable`] (a power of two, a few times the number of function words).
const TABLE_SLOTS: usize = 256;

/// A set of packed words (never 0) by open addressing: a word's slot is picked by a
/// multiplicative hash, then the next slots until the word or an empty (0) slot.
struct WordTable {
    slots: Box<[u64; TABLE_SLOTS]>,
}

impl WordTable {
    /// The table of `words` (fewer than [`TABLE_SLOTS`]).
    fn new(words: impl Iterator<Item = u64>) -> Self {
        let mut slots = Box::new([0u64; TABLE_SLOTS]);
        for w in words {
            let mut k = Self::slot(w);
            while slots[k] != 0 && slots[k] != w {
                k = (k + 1) % TABLE_SLOTS;
            }
            slots[k] = w;
        }
        Self { slots }
    }

    /// The first slot of a word: the top bits of its product with an odd constant.
    #[allow(clippy::cast_possible_truncation)]
    fn slot(w: u64) -> usize {
        (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_SLOTS.trailing_zeros())) as usize
    }

    /// Whether `w` (not 0) is in the table.
    fn contains(&self, w: u64) -> bool {
        let mut k = Self::slot(w);
        loop {
            match self.slots[k] {
                0 => return false,
                s if s == w => return true,
                _ => k = (k + 1) % TABLE_SLOTS,
            }
        }
    }
}

/// A word of at most 8 ASCII letters, lower-cased, as the bytes of a `u64`; `None` for any
/// other word.
fn pack(word: &[u8]) -> Option<u64> {
    if word.len() > 8 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut buf = [0u8; 8];
    for (slot, b) in buf.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    Some(u64::from_le_bytes(buf))
}

/// ISO 639-1 code of the text's language, or `None` when the text is too short or unclear.
pub fn detect(text: &str) -> Option<&'static str> {
    // A prefix of ~80 words is enough for news prose, and keeps the detector (trigram counting,
    // a few MB/s) a small share of the pipeline whatever the article's length.
    let mut end = text.len().min(512);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    if plainly_english(prefix) {
        return Some("en");
    }
    let info = whatlang::detect(prefix)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang()))
}

/// A byte that separates words ([`BYTE_CLASS`]).
const SEPARATOR: u8 = 0;
/// An ASCII letter.
const LETTER: u8 = 1;
/// An ASCII digit or an apostrophe.
const DIGIT: u8 = 2;
/// A byte of a non-ASCII character.
const NON_ASCII: u8 = 3;

/// The class of each byte for [`plainly_english`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() || c == b'\'' {
            DIGIT
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// Whether `prefix` has at least [`FAST_MIN_WORDS`] words (runs of letters, digits and
/// apostrophes) and, of its words with a letter, a share of at least [`FAST_MIN_SHARE`] are
/// English function words or newswire abbreviations (ASCII letters only, case folded).
///
/// Decided as soon as the rest of the prefix cannot bring the share below the limit: after a
/// word, the `r` bytes left hold at most `(r + 1) / 2` more words.
#[allow(clippy::cast_precision_loss)]
fn plainly_english(prefix: &str) -> bool {
    let function_words = &*FUNCTION_WORDS;
    let (mut words, mut lettered, mut function) = (0usize, 0usize, 0usize);
    // The current word, built as it is read: its length in bytes, its first eight bytes
    // lower-cased and packed as [`pack`] packs them, whether it is all ASCII letters, whether
    // all ASCII digits and apostrophes (a number).
    let (mut len, mut packed, mut alpha, mut numeric) = (0usize, 0u64, true, true);
    let bytes = prefix.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match BYTE_CLASS[usize::from(b)] {
            LETTER => {
                i += 1;
                if len < 8 {
                    packed |= u64::from(b | 0x20) << (8 * len);
                }
                len += 1;
                numeric = false;
                continue;
            }
            DIGIT => {
                i += 1;
                len += 1;
                alpha = false;
                continue;
            }
            SEPARATOR => i += 1,
            _ => {
                let c = prefix
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(' ');
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    len += c.len_utf8();
                    alpha = false;
                    numeric = false;
                    continue;
                }
            }
        }
        if len == 0 {
            continue;
        }
        // The end of a word.
        words += 1;
        // A word of digits (and apostrophes) only is a number: no word of any language.
        if !numeric {
            lettered += 1;
            if alpha && len <= 8 && function_words.contains(packed) {
                function += 1;
            }
        }
        (len, packed, alpha, numeric) = (0, 0, true, true);
        if words >= FAST_MIN_WORDS && function > 0 {
            let most = lettered + (bytes.len() - i).div_ceil(2);
            if function as f64 >= FAST_MIN_SHARE * most as f64 {
                return true;
            }
        }
    }
    if len > 0 {
        words += 1;
        if !numeric {
            lettered += 1;
            if alpha && len <= 8 && function_words.contains(packed) {
                function += 1;
            }
        }
    }
    words >= FAST_MIN_WORDS && function > 0 && function as f64 >= FAST_MIN_SHARE * lettered as f64
}

/// ISO 639-1 code for whatlang's language (its own codes are ISO 639-3).
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Spa => "es",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ell => "el",
        Heb => "he",
        Hin => "hi",
        Pes => "fa",
        Urd => "ur",
        Ces => "cs",
        Slk => "sk",
        Hun => "hu",
        Ron => "ro",
        Bul => "bg",
        Hrv => "hr",
        Srp => "sr",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Ben => "bn",
        Tam => "ta",
        Cat => "ca",
        Afr => "af",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::{detect, plainly_english, FAST_MIN_SHARE, FAST_MIN_WORDS, FUNCTION_WORDS};

    /// Newswire-like paragraphs of 40+ words in other Latin-script languages.
    const OTHERS: [(&str, &str); 7] = [
        ("fr", "Le ministre italien de la Défense a rencontré hier à Rome le maréchal libyen, qui était arrivé dans un avion de l'armée de l'air. Selon le gouvernement, les deux hommes ont parlé de la sécurité en Méditerranée, des migrants et de la situation à Tripoli, où le conseil présidentiel tente toujours de former un gouvernement d'union nationale reconnu par tous."),
        ("de", "Der italienische Verteidigungsminister hat gestern in Rom den libyschen Feldmarschall getroffen, der mit einem Flugzeug der Luftwaffe angereist war. Nach Angaben der Regierung sprachen die beiden Männer über die Sicherheit im Mittelmeer, über die Migranten und über die Lage in Tripolis, wo der Präsidialrat noch immer versucht, eine Regierung der nationalen Einheit zu bilden, die von allen anerkannt wird."),
        ("es", "El ministro italiano de Defensa se reunió ayer en Roma con el mariscal libio, que había llegado en un avión de la fuerza aérea. Según el gobierno, los dos hombres hablaron de la seguridad en el Mediterráneo, de los migrantes y de la situación en Trípoli, donde el consejo presidencial todavía intenta formar un gobierno de unidad nacional reconocido por todos los grupos del país."),
        ("nl", "De Italiaanse minister van Defensie heeft gisteren in Rome de Libische veldmaarschalk ontmoet, die met een vliegtuig van de luchtmacht was aangekomen. Volgens de regering spraken de twee mannen over de veiligheid in de Middellandse Zee, over de migranten en over de toestand in Tripoli, waar de presidentiële raad nog altijd probeert een regering van nationale eenheid te vormen die door iedereen wordt erkend."),
        ("it", "Il ministro italiano della Difesa ha incontrato ieri a Roma il maresciallo libico, che era arrivato con un aereo dell'aeronautica militare. Secondo il governo, i due uomini hanno parlato della sicurezza nel Mediterraneo, dei migranti e della situazione a Tripoli, dove il consiglio presidenziale cerca ancora di formare un governo di unità nazionale riconosciuto da tutte le parti in causa."),
        ("pt", "O ministro italiano da Defesa encontrou-se ontem em Roma com o marechal líbio, que tinha chegado num avião da força aérea. Segundo o governo, os dois homens falaram sobre a segurança no Mediterrâneo, sobre os migrantes e sobre a situação em Trípoli, onde o conselho presidencial ainda tenta formar um governo de unidade nacional que seja reconhecido por todas as partes do país."),
        ("da", "Den italienske forsvarsminister mødte i går i Rom den libyske feltmarskal, som var ankommet med et fly fra luftvåbnet. Ifølge regeringen talte de to mænd om sikkerheden i Middelhavet, om migranterne og om situationen i Tripoli, hvor præsidentrådet stadig forsøger at danne en regering af national enhed, som bliver anerkendt af alle parter i landet, også af militsen."),
    ];

    #[test]
    fn other_languages_never_take_the_english_fast_path() {
        for (code, text) in OTHERS {
            assert!(
                text.split_whitespace().count() >= 40,
                "{code} sample too short"
            );
            assert!(!plainly_english(text), "{code} read as plainly English");
            assert_eq!(detect(text), Some(code), "{code}");
        }
    }

    #[test]
    fn english_prose_takes_the_fast_path_and_short_text_does_not() {
        let text = "Italian Defence Minister Roberta Pinotti met the Libyan commander in Rome on \
            Tuesday, and the two discussed what the government in Tripoli would need from Italy. \
            The visit was the first by a Libyan military leader since the coast guard said that \
            it had stopped boats, which would have carried migrants to Sicily, after they left.";
        assert!(plainly_english(text));
        assert_eq!(detect(text), Some("en"));
        assert!(!plainly_english(
            "The minister said that the talks would resume."
        ));
    }

    #[test]
    fn wire_tables_are_english_and_numbers_alone_are_not() {
        // An earnings table in the newswire style: numbers, abbreviations, hardly a function
        // word (whatlang read such tables as French or nothing).
        let table =
            "Shr profit 31 cts vs loss 12 cts\n    Net profit 4,215,000 vs loss 1,388,000\n    \
            Revs 61.7 mln vs 58.2 mln\n    Avg shrs 13.6 mln vs 11.9 mln\n    Nine mths\n    \
            Shr profit 88 cts vs loss 40 cts\n    Net profit 11.9 mln vs loss 4,402,000\n Reuter";
        assert!(plainly_english(table));
        assert_eq!(detect(table), Some("en"));
        let numbers = "12 14 16 18 20 22 24 26 28 30 32 34 36 38 40 42 44 46 48 50 52 54";
        assert!(!plainly_english(numbers));
        // Prose in other languages with numbers in it still goes to whatlang.
        let fr = "Le chiffre d'affaires a atteint 61,7 millions d'euros en 2016, contre 58,2 \
            millions un an plus tôt, soit une hausse de 6 %, et le bénéfice net 4,2 millions.";
        assert!(!plainly_english(fr));
    }

    /// [`plainly_english`] written plainly: every word, then the share.
    fn plainly_english_reference(prefix: &str) -> bool {
        let words: Vec<&str> = prefix
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let lettered: Vec<&&str> = words
            .iter()
            .filter(|w| !w.bytes().all(|b| b.is_ascii_digit() || b == b'\''))
            .collect();
        let function = lettered
            .iter()
            .filter(|w| super::pack(w.as_bytes()).is_some_and(|p| FUNCTION_WORDS.contains(p)))
            .count();
        words.len() >= FAST_MIN_WORDS
            && function > 0
            && function as f64 >= FAST_MIN_SHARE * lettered.len() as f64
    }

    #[test]
    fn the_early_decision_equals_the_full_scan() {
        let english = "Italian Defence Minister Roberta Pinotti met the Libyan commander in Rome \
            on Tuesday, and the two discussed what the government in Tripoli would need. Shr 31 \
            cts vs 12 cts; Net 4,215,000 vs 1,388,000 -- Revs 61.7 mln. It's the Café’s 2nd \
            year, and it wasn't the last: 100 of them.";
        let mut n = 0;
        for (_, text) in OTHERS.iter().chain([("en", english)].iter()) {
            for cut in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let prefix = &text[..cut];
                assert_eq!(
                    plainly_english(prefix),
                    plainly_english_reference(prefix),
                    "{prefix:?}"
                );
                n += usize::from(plainly_english(prefix));
            }
        }
        assert!(n > 100, "{n}");
    }

    #[test]
    fn detects_english_and_flags_others() {
        assert_eq!(
            detect("The Libyan military leader arrived in Rome yesterday in an air force plane."),
            Some("en")
        );
        assert_eq!(
            detect(
                "Il leader militare libico è arrivato ieri a Roma con un aereo dell'aeronautica."
            ),
            Some("it")
        );
        assert_eq!(detect(""), None);
    }
}
