//! Counties named in a list before the plural: "Barrow and Jackson counties", "Butler, Clark
//! and Warren counties" — each name is "<Name> County" (or Parish).

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::places;
use crate::text::Document;

static LIST: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?";
    Regex::new(&format!(
        r"\b({name}(?:(?:,\s|,?\s(?:and|or)\s){name})+)\s(counties|parishes)\b"
    ))
    .expect("valid county-list pattern")
});

static SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s(?:and\s|or\s)?|\s(?:and|or)\s").expect("valid separator"));

/// Byte spans of the names in county lists, with the gazetteer name ("Barrow County").
pub fn county_lists(doc: &Document) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    // The pattern needs one of its plurals: a substring search settles most articles before
    // the capturing regex (run by the backtracker, as `\b` is Unicode-aware) reads the text.
    if !doc.text.contains("counties") && !doc.text.contains("parishes") {
        return out;
    }
    for c in LIST.captures_iter(doc.text) {
        let (Some(list), Some(kind)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let suffix = if kind.as_str() == "parishes" {
            "Parish"
        } else {
            "County"
        };
        let pos = list.start();
        let text = list.as_str();
        let mut last = 0;
        let mut parts: Vec<(usize, usize)> = SEP
            .find_iter(text)
            .map(|m| {
                let p = (last, m.start());
                last = m.end();
                p
            })
            .collect();
        parts.push((last, text.len()));
        for (a, b) in parts {
            let Some(n) = text.get(a..b) else { continue };
            let name = format!("{n} {suffix}");
            if !places::candidates(&name).is_empty() {
                out.push((pos + a, pos + b, name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_county_lists_are_counties() {
        let text =
            "Rain fell on Barrow and Jackson counties; Butler, Clark, and Warren counties too.";
        let doc = Document::new(text);
        let got: Vec<(&str, String)> = county_lists(&doc)
            .into_iter()
            .map(|(s, e, n)| (&text[s..e], n))
            .collect();
        assert_eq!(got[0], ("Barrow", "Barrow County".to_string()));
        assert_eq!(got[1], ("Jackson", "Jackson County".to_string()));
        assert_eq!(got.len(), 5);
        assert!(county_lists(&Document::new("Many counties voted.")).is_empty());
    }
}
