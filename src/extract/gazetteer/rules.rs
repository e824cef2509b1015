//! When a gazetteer match reads as a place: word boundaries and the words around it.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::HashMap;
use std::cell::OnceCell;
use std::sync::LazyLock;

use crate::lexicon::places::{self, Feature, NameStatus};
use crate::text::Document;

/// The context word lists the rules read (see `context_words.tsv`), by name; a list's bit in
/// [`WORDS`] is `1 << ` its index here.
const LISTS: [&str; 10] = [
    "place_prefixes",
    "function_words",
    "locative",
    "titles_after",
    "org_after",
    "org_heads",
    "weekdays_months",
    "pathogen_after",
    "person_titles",
    "speech_verbs",
];

/// The bit of a list of [`LISTS`].
const fn list(name: &str) -> u16 {
    let mut i = 0;
    while i < LISTS.len() {
        if str_eq(LISTS[i], name) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("no such context word list")
}

/// `a == b` in a `const`.
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const PLACE_PREFIXES: u16 = list("place_prefixes");
const FUNCTION_WORDS: u16 = list("function_words");
const LOCATIVE: u16 = list("locative");
const TITLES_AFTER: u16 = list("titles_after");
const ORG_AFTER: u16 = list("org_after");
const ORG_HEADS: u16 = list("org_heads");
const WEEKDAYS_MONTHS: u16 = list("weekdays_months");
const PATHOGEN_AFTER: u16 = list("pathogen_after");
const PERSON_TITLES: u16 = list("person_titles");
const SPEECH_VERBS: u16 = list("speech_verbs");

/// Every word of the context lists → the bits of the lists that hold it: one look-up answers
/// for all the lists.
static WORDS: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, u16> = HashMap::default();
    for (name, list) in include_str!("context_words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
    {
        let Some(i) = LISTS.iter().position(|l| *l == name) else {
            continue;
        };
        for w in list.split(' ').filter(|w| !w.is_empty()) {
            *words.entry(w).or_default() |= 1 << i;
        }
    }
    words
});

/// Whether `word` is in one of the context word lists `lists` (bits of [`LISTS`]).
fn listed(lists: u16, word: &str) -> bool {
    WORDS.get(word).is_some_and(|l| l & lists != 0)
}

pub(super) fn is_word_char(c: char) -> bool {
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

/// Towns smaller than this whose name is an ordinary word need locative evidence.
const SMALL_WORD_TOWN: u64 = 50_000;

/// What the context says about a gazetteer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// A mention.
    Yes,
    /// Not a mention.
    No,
    /// Not a mention: the last word of a personal name ("Tom Moore"), so every other
    /// occurrence of a city name is a surname too.
    Surname,
    /// A mention only if the same name is one elsewhere in the document.
    IfElsewhere,
}

/// The document around the matches.
pub struct Context<'d, 'a> {
    doc: &'d Document<'a>,
    /// Per sentence: whether it is written in title case or all capitals (a headline), found
    /// at the first match in it (most sentences hold none).
    headline: Vec<OnceCell<bool>>,
}

/// A word token near a match: its text and whether only spaces separate it from the match.
struct Near<'a> {
    text: &'a str,
    adjacent: bool,
    sentence_initial: bool,
}

impl<'d, 'a> Context<'d, 'a> {
    /// The context of the matches in `doc`.
    pub fn new(doc: &'d Document<'a>) -> Self {
        let headline = vec![OnceCell::new(); doc.sentences.len()];
        Self { doc, headline }
    }

    /// Whether sentence `s` is a headline: at least six words (tokens starting with a letter),
    /// 80% of them starting with a capital.
    fn headline(&self, s: usize) -> bool {
        let Some(cell) = self.headline.get(s) else {
            return false;
        };
        *cell.get_or_init(|| {
            let Some(sent) = self.doc.sentences.get(s) else {
                return false;
            };
            let (mut words, mut caps) = (0usize, 0usize);
            for i in sent.tokens.clone() {
                if let Some(c) = self.doc.token_text(i).chars().next() {
                    if c.is_alphabetic() {
                        words += 1;
                        caps += usize::from(c.is_uppercase());
                    }
                }
            }
            words >= 6 && caps * 10 >= words * 8
        })
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

    /// Whether a locative word comes before the match ("in Malakal") or a state or country after
    /// it ("Gainesville, Ga.").
    pub fn located(&self, start: usize, end: usize) -> bool {
        let locative = self
            .word_before(start)
            .is_some_and(|b| b.adjacent && listed(LOCATIVE, b.text));
        locative || self.followed_by_container(end)
    }

    /// Whether `text[start..end]`, a gazetteer match, is a mention.
    pub fn decide(&self, start: usize, end: usize, demonym: bool) -> Decision {
        let surface = self.doc.span(start, end);
        let sentence = self.doc.sentence_at(start);
        let headline = self.headline(sentence);
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
            return Decision::No;
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
            return if org { Decision::No } else { Decision::Yes };
        }
        let status = places::status(surface);
        if status == Some(NameStatus::Stop) {
            return Decision::No;
        }
        // The candidate places, read from the gazetteer's slice as often as needed (no copy).
        let ids = places::candidates(surface);
        let cands = || ids.iter().filter_map(|&i| places::get(i));
        let is_country = cands()
            .next()
            .is_some_and(|p| p.feature == Feature::Country);
        let locative = before
            .as_ref()
            .is_some_and(|b| b.adjacent && listed(LOCATIVE, b.text));
        // Read only on the paths that ask.
        let container = || self.followed_by_container(end);
        // "West Nile virus", "Reston ebolavirus": a pathogen named after a place.
        let pathogen = after.as_ref().is_some_and(|a| {
            a.adjacent && (listed(PATHOGEN_AFTER, a.text) || a.text.ends_with("virus"))
        });
        if pathogen {
            return Decision::No;
        }
        // A small town named with an ordinary word ("Commerce", "Star") needs "in" or ", State".
        let small_word = !is_country
            && cands()
                .next()
                .is_some_and(|p| p.common_word && p.population < SMALL_WORD_TOWN);
        if status == Some(NameStatus::Weak) || small_word {
            return if locative || container() {
                Decision::Yes
            } else {
                Decision::No
            };
        }
        // "Lincoln said": small towns do not speak (capitals may: "Moscow said").
        let speaks = after
            .as_ref()
            .is_some_and(|a| a.adjacent && listed(SPEECH_VERBS, a.text));
        if speaks && cands().all(|p| p.feature == Feature::City && p.population < 1_000_000) {
            return Decision::Surname;
        }
        if !headline {
            // Inside a longer capitalized name: "Michael Jordan", "New York Times".
            if let Some(b) = before.as_ref().filter(|b| b.adjacent) {
                let cap = b.text.chars().next().is_some_and(char::is_uppercase);
                let lower_rest = b.text.chars().skip(1).any(char::is_lowercase);
                let allowed = listed(PLACE_PREFIXES | FUNCTION_WORDS, b.text)
                    || listed(WEEKDAYS_MONTHS, b.text.trim_end_matches('.'))
                    || b.text.ends_with('.')
                    || places::status(b.text) == Some(NameStatus::Place)
                    || crate::lexicon::countries::by_demonym(b.text).is_some();
                // "Sheriff Trapani", "Mr. Lincoln": a person.
                if listed(PERSON_TITLES, b.text.trim_end_matches('.'))
                    && cands().all(|p| p.feature == Feature::City)
                {
                    return Decision::Surname;
                }
                if cap && lower_rest && !allowed && !(b.sentence_initial && is_country) {
                    // "Tom Moore": a surname everywhere; "New Gainesville prison" at a sentence
                    // start may be an adjective, so that one alone is dropped.
                    let city = cands().all(|p| p.feature == Feature::City);
                    return if city && !b.sentence_initial {
                        Decision::Surname
                    } else {
                        Decision::No
                    };
                }
            }
            if let Some(w) = after_word {
                let org = listed(ORG_AFTER, w);
                let fine = listed(WEEKDAYS_MONTHS | TITLES_AFTER, w)
                    || !places::candidates(w).is_empty()
                    || crate::lexicon::countries::by_demonym(w).is_some();
                if org || (!is_country && !fine) {
                    return Decision::No;
                }
            }
        }
        let common = !is_country && cands().any(|p| p.common_word);
        let big = cands().next().is_some_and(|p| p.population >= 1_000_000);
        if common && !big && !locative && !container() && (headline || self.sentence_initial(start))
        {
            return Decision::IfElsewhere;
        }
        Decision::Yes
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
            if listed(ORG_HEADS, a.text) {
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

/// Place names written in capitals at the start of a line, before a comma or dash: the
/// dateline of a wire story ("CHARLESTON, W.Va. —", "NEW YORK (AP) —"). Returns byte spans and
/// the gazetteer name.
pub fn datelines(doc: &Document) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let line_start = s.start == 0 || doc.text.get(..s.start).is_some_and(|t| t.ends_with('\n'));
        if !line_start {
            continue;
        }
        let mut words: Vec<(usize, usize)> = Vec::new();
        for i in s.tokens.clone().take(4) {
            let w = doc.token_text(i);
            let caps = w.chars().count() >= 2
                && w.chars()
                    .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'');
            if !caps {
                break;
            }
            if let Some(t) = doc.tokens.get(i) {
                words.push((t.start, t.end));
            }
        }
        let (Some(&(start, _)), Some(&(_, end))) = (words.first(), words.last()) else {
            continue;
        };
        let next = doc.text.get(end..).unwrap_or("").trim_start_matches(' ');
        if !(next.starts_with(',')
            || next.starts_with('—')
            || next.starts_with('–')
            || next.starts_with("- ")
            || next.starts_with('('))
        {
            continue;
        }
        let name: String = doc
            .span(start, end)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(crate::text::title_case)
            .collect::<Vec<_>>()
            .join(" ");
        if places::status(&name) == Some(NameStatus::Place) && !places::candidates(&name).is_empty()
        {
            out.push((start, end, name));
        }
    }
    out
}
