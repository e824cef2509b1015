//! Language identification (whatlang: a small, dependency-free trigram detector covering 70
//! languages; "nothing found" is `None`, never an error).

/// ISO 639-1 code of the text's language, or `None` when the text is too short or unclear.
pub fn detect(text: &str) -> Option<&'static str> {
    // A prefix of ~80 words is enough for news prose, and keeps the detector (trigram counting,
    // a few MB/s) a small share of the pipeline whatever the article's length.
    let mut end = text.len().min(512);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang()))
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
    use super::detect;

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
