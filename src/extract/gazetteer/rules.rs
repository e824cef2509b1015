//! When a gazetteer match reads as a place: word boundaries and the words around it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::lexicon::places::{self, Feature, NameStatus};
use crate::text::Document;

static WORDS: LazyLock<HashMap<&'static str, HashSet<&'static str>>> = LazyLock::new(|| {
    include_str!("context_words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k, v.split(' ').filter(|w| !w.is_empty()).collect()))
        .collect()
});

/// Whether `word` is in the context word list `list` (see `context_words.tsv`).
fn listed(list: &str, word: &str) -> bool {
    WORDS.get(list).is_some_and(|l| l.contains(word))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `text[start..end]` stands as whole words: no letter or digit on either side, not part
/// of a handle, hashtag, URL or e-mail address. A hyphen after ("Tobruk-based") or a possessive
/// ("Libya’s") is fine.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    if before.is_some_and(|c| is_word_char(c) || matches!(c, '@' | '#' | '/' | '_'))
        || after.is_some_and(|c| is_word_char(c) || c == '_' || c == '@')
    {
        return false;
    }
    // "pic.twitter.com", "rome.it": a period glued to letters on the other side.
    if before == Some('.')
        && text
            .get(..start.saturating_sub(1))
            .and_then(|s| s.chars().next_back())
            .is_some_and(is_word_char)
    {
        return false;
    }
    let after2 = text.get(end..).and_then(|s| s.chars().nth(1));
    !(after == Some('.') && after2.is_some_and(|c| c.is_alphabetic() && c.is_lowercase()))
}

/// The document around the matches.
pub struct Context<'d, 'a> {
    doc: &'d Document<'a>,
    /// Per sentence: whether it is written in title case or all capitals (a headline).
    headline: Vec<bool>,
}

/// A word token near a match: its text and whether only spaces separate it from the match.
struct Near<'a> {
    text: &'a str,
    adjacent: bool,
    sentence_initial: bool,
}

impl<'d, 'a> Context<'d, 'a> {
    /// Precomputes per-sentence facts.
    pub fn new(doc: &'d Document<'a>) -> Self {
        let headline = doc
            .sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s
                    .tokens
                    .clone()
                    .map(|i| doc.token_text(i))
                    .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
                    .collect();
                let caps = words
                    .iter()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .count();
                words.len() >= 4 && caps * 10 >= words.len() * 8
            })
            .collect();
        Self { doc, headline }
    }

    fn word_before(&self, start: usize) -> Option<Near<'a>> {
        let i = self.doc.token_at(start).checked_sub(1)?;
        let t = *self.doc.tokens.get(i)?;
        let between = self.doc.text.get(t.end..start)?;
        let text = self.doc.token_text(i);
        let sent = self.doc.sentences.get(t.sentence)?;
        Some(Near {
            text,
            adjacent: between.chars().all(|c| c == ' ')
                && t.sentence == self.doc.sentence_at(start),
            sentence_initial: sent.tokens.start == i,
        })
    }

    fn word_after(&self, end: usize) -> Option<Near<'a>> {
        let i = self.doc.token_at(end);
        let t = *self.doc.tokens.get(i)?;
        let between = self.doc.text.get(end..t.start)?;
        Some(Near {
            text: self.doc.token_text(i),
            adjacent: between.chars().all(|c| c == ' ') && t.sentence == self.doc.sentence_at(end),
            sentence_initial: false,
        })
    }

    /// Whether the match is the first word of its sentence (after quotes or brackets).
    fn sentence_initial(&self, start: usize) -> bool {
        let Some(s) = self.doc.sentences.get(self.doc.sentence_at(start)) else {
            return true;
        };
        self.doc
            .text
            .get(s.start.min(start)..start)
            .is_none_or(|before| !before.chars().any(char::is_alphanumeric))
    }

    /// Followed by ", <a state or country>" ("Gainesville, Ga.", "Tripoli, Libya").
    fn followed_by_container(&self, end: usize) -> bool {
        let rest = self.doc.text.get(end..).unwrap_or("");
        let Some(rest) = rest.strip_prefix(", ") else {
            return false;
        };
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '.' || *c == ' ')
            .take(30)
            .collect();
        // Try the longest prefix of whole words.
        let mut cut = word.len();
        loop {
            let w = word.get(..cut).unwrap_or("").trim_end();
            if !w.is_empty()
                && places::candidates(w)
                    .iter()
                    .filter_map(|&i| places::get(i))
                    .any(|p| matches!(p.feature, Feature::Country | Feature::Admin))
            {
                return true;
            }
            match word.get(..cut).and_then(|s| s.trim_end().rfind(' ')) {
                Some(sp) if sp > 0 => cut = sp,
                _ => return false,
            }
        }
    }

    /// Whether `text[start..end]`, a gazetteer match, is a mention: `Some(true)` yes,
    /// `Some(false)` no, `None` only if the same name is a mention elsewhere in the document.
    pub fn decide(&self, start: usize, end: usize, demonym: bool) -> Option<bool> {
        let surface = self.doc.span(start, end);
        let sentence = self.doc.sentence_at(start);
        let headline = self.headline.get(sentence).copied().unwrap_or(false);
        let upper = surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let before = self.word_before(start);
        let after = self.word_after(end);
        let caps_word = |n: &Near| {
            n.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && n.text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        // An all-caps name in an all-caps line ("US TROOPS LEAVE").
        if upper
            && (before.as_ref().is_some_and(caps_word) || after.as_ref().is_some_and(caps_word))
        {
            return Some(false);
        }
        let after_cap = after.as_ref().filter(|a| a.adjacent).and_then(|a| {
            a.text
                .chars()
                .next()
                .filter(|c| c.is_uppercase())
                .map(|_| a.text)
        });
        let after_word = after_cap.map(|w| w.trim_end_matches('.'));
        if demonym {
            // "Libyan National Army" is an organization; "Libyan Field Marshal" is not.
            let org = self.followed_by_org_head(end);
            return Some(!org);
        }
        let status = places::status(surface);
        if status == Some(NameStatus::Stop) {
            return Some(false);
        }
        let cands: Vec<_> = places::candidates(surface)
            .iter()
            .filter_map(|&i| places::get(i))
            .collect();
        let is_country = cands.first().is_some_and(|p| p.feature == Feature::Country);
        let locative = before
            .as_ref()
            .is_some_and(|b| b.adjacent && listed("locative", b.text));
        let container = self.followed_by_container(end);
        if status == Some(NameStatus::Weak) {
            return Some(locative || container);
        }
        if !headline {
            // Inside a longer capitalized name: "Michael Jordan", "New York Times".
            if let Some(b) = before.as_ref().filter(|b| b.adjacent) {
                let cap = b.text.chars().next().is_some_and(char::is_uppercase);
                let lower_rest = b.text.chars().skip(1).any(char::is_lowercase);
                let allowed = listed("place_prefixes", b.text)
                    || listed("function_words", b.text)
                    || listed("weekdays_months", b.text.trim_end_matches('.'))
                    || b.text.ends_with('.')
                    || !places::candidates(b.text).is_empty()
                    || crate::lexicon::countries::by_demonym(b.text).is_some();
                if cap && lower_rest && !allowed && !(b.sentence_initial && is_country) {
                    return Some(false);
                }
            }
            if let Some(w) = after_word {
                let org = listed("org_after", w);
                let fine = listed("weekdays_months", w)
                    || listed("titles_after", w)
                    || !places::candidates(w).is_empty()
                    || crate::lexicon::countries::by_demonym(w).is_some();
                if org || (!is_country && !fine) {
                    return Some(false);
                }
            }
        }
        let common = !is_country && cands.iter().any(|p| p.common_word);
        let big = cands.first().is_some_and(|p| p.population >= 1_000_000);
        if common && !big && !locative && !container && (headline || self.sentence_initial(start)) {
            return None;
        }
        Some(true)
    }

    /// Whether the capitalized words after `end` end in an organization head.
    fn followed_by_org_head(&self, end: usize) -> bool {
        let mut pos = end;
        for _ in 0..4 {
            let Some(a) = self.word_after(pos) else {
                return false;
            };
            if !a.adjacent || !a.text.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            if listed("org_heads", a.text) {
                return true;
            }
            pos = self.doc.token_at(pos);
            let Some(t) = self.doc.tokens.get(pos) else {
                return false;
            };
            pos = t.end;
        }
        false
    }
}
