//! Word lists for people and organizations: titles and roles (`resources/titles.txt`), name
//! particles and non-name words (`resources/names.txt`), organization head words and acronyms
//! (`resources/orgs.txt`). Each list is parsed once per process and matched on the crate's
//! tokens, case-insensitively unless the list says otherwise.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

static TITLES_TXT: &str = include_str!("resources/titles.txt");
static NAMES_TXT: &str = include_str!("resources/names.txt");
static ORGS_TXT: &str = include_str!("resources/orgs.txt");

/// What kind of title a [`TitleMatch`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// A title or role ("Defence Minister", "Field Marshal", "spokesman").
    Role,
    /// A family relation ("son").
    Kin,
    /// An abbreviated title ("Gen."), reported written out.
    Abbreviation,
}

/// A title found in a token sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    /// Index of its first token (modifiers included).
    pub start: usize,
    /// Index one past its last token.
    pub end: usize,
    /// What kind of title it is.
    pub kind: TitleKind,
    /// The written-out form of an abbreviation ("General" for "Gen."); `None`: use the text.
    pub canonical: Option<&'static str>,
}

/// One phrase of a list, as lower-case tokens.
struct Phrase {
    tokens: Vec<String>,
    /// The phrase must start with a capital in the text.
    capitalized: bool,
    kind: TitleKind,
    canonical: Option<&'static str>,
    /// Also an adjective: no title right after an article.
    adjective: bool,
}

struct Titles {
    /// Phrases by their last token (lower case).
    by_last: HashMap<String, Vec<Phrase>>,
    /// Modifiers by their last token (lower case), as lower-case token lists.
    mods: HashMap<String, Vec<Vec<String>>>,
    /// The last word of every title ("minister", "marshal", "staff"), lower case.
    words: HashSet<String>,
    /// Country abbreviations ("US" → USA).
    countries: HashMap<&'static str, &'static str>,
    /// [`Filter`] of the keys of `by_last`.
    last_filter: Filter,
    /// [`Filter`] of the keys of `mods`.
    mods_filter: Filter,
    /// [`Filter`] of `words`.
    words_filter: Filter,
}

fn lower_tokens(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase)
        .iter()
        .map(|t| phrase[t.start..t.end].to_lowercase())
        .collect()
}

/// Longest ASCII word [`lower`] lower-cases on the stack.
const STACK_WORD: usize = 24;

/// A word in lower case: the word itself, a short ASCII word lower-cased on the stack, or an
/// allocated lower-case copy.
enum Lower<'a> {
    Borrowed(&'a str),
    Stack([u8; STACK_WORD], usize),
    Owned(String),
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // Lower-cased ASCII bytes are valid UTF-8.
            Lower::Stack(buf, n) => buf
                .get(..*n)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Lower::Owned(s) => s,
        }
    }
}

/// `word` in lower case (as `str::to_lowercase`), without allocating when it already is or
/// when it is a short ASCII word.
fn lower(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return Lower::Borrowed(word);
        }
        if bytes.len() <= STACK_WORD {
            let mut buf = [0u8; STACK_WORD];
            for (d, s) in buf.iter_mut().zip(bytes) {
                *d = s.to_ascii_lowercase();
            }
            return Lower::Stack(buf, bytes.len());
        }
    }
    if word.chars().any(char::is_uppercase) {
        Lower::Owned(word.to_lowercase())
    } else {
        Lower::Borrowed(word)
    }
}

/// Length buckets of a [`Filter`] (longer words share the last).
const FILTER_LENS: usize = 33;

/// A quick "no" for the ASCII words a word set cannot hold: per length, the first and last
/// bytes of its ASCII words (case-folded when the set ignores case). A word whose length, first
/// byte or last byte no word of the set has is not in it, without lower-casing or hashing; a
/// non-ASCII word is always "maybe".
struct Filter {
    /// Per length bucket: bit `b` set when a word of that length starts with byte `b`.
    first: [u128; FILTER_LENS],
    /// Per length bucket: bit `b` set when a word of that length ends with byte `b`.
    last: [u128; FILTER_LENS],
}

impl Filter {
    /// The filter of `words` (the set's keys as stored: lower case when `fold`).
    fn new<'w>(words: impl IntoIterator<Item = &'w str>, fold: bool) -> Self {
        let mut f = Filter {
            first: [0; FILTER_LENS],
            last: [0; FILTER_LENS],
        };
        for w in words.into_iter().filter(|w| w.is_ascii()) {
            f.add(w.as_bytes(), fold);
        }
        f
    }

    /// Adds the ASCII word `w`.
    fn add(&mut self, w: &[u8], fold: bool) {
        let key = |b: u8| if fold { b.to_ascii_lowercase() } else { b };
        let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
            return;
        };
        let n = w.len().min(FILTER_LENS - 1);
        self.first[n] |= 1u128 << key(a);
        self.last[n] |= 1u128 << key(z);
    }

    /// Whether the set may hold `word` (as written when not `fold`, in any case when `fold`):
    /// `false` only for an ASCII word it surely lacks.
    #[inline]
    fn may_hold(&self, word: &str, fold: bool) -> bool {
        let w = word.as_bytes();
        let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
            return true;
        };
        if a >= 0x80 || z >= 0x80 {
            return true;
        }
        let key = |b: u8| if fold { b.to_ascii_lowercase() } else { b };
        let n = w.len().min(FILTER_LENS - 1);
        let hit = self.first[n] & (1u128 << key(a)) != 0 && self.last[n] & (1u128 << key(z)) != 0;
        // A non-ASCII word may change its length, or give ASCII letters, in lower case.
        hit || !w.is_ascii()
    }
}

/// The tab-separated, non-comment lines of a list.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

static TITLES: LazyLock<Titles> = LazyLock::new(|| {
    let mut t = Titles {
        by_last: HashMap::new(),
        mods: HashMap::new(),
        words: HashSet::new(),
        countries: HashMap::new(),
        last_filter: Filter::new([], true),
        mods_filter: Filter::new([], true),
        words_filter: Filter::new([], true),
    };
    for row in rows(TITLES_TXT) {
        let (Some(&kind), Some(&phrase)) = (row.first(), row.get(1)) else {
            continue;
        };
        let tokens = lower_tokens(phrase);
        let Some(last) = tokens.last().cloned() else {
            continue;
        };
        let adjective = kind == "adj";
        let kind = match kind {
            "title" | "adj" => TitleKind::Role,
            "kin" => TitleKind::Kin,
            "abbr" => TitleKind::Abbreviation,
            "mod" => {
                t.mods.entry(last).or_default().push(tokens);
                continue;
            }
            "country" => {
                if let Some(&code) = row.get(2).filter(|c| !c.is_empty()) {
                    t.countries.insert(phrase, code);
                }
                continue;
            }
            _ => continue,
        };
        t.words.insert(last.trim_end_matches('.').to_string());
        t.by_last.entry(last).or_default().push(Phrase {
            tokens,
            capitalized: phrase.chars().next().is_some_and(char::is_uppercase),
            kind,
            canonical: row.get(2).copied().filter(|c| !c.is_empty()),
            adjective,
        });
    }
    t.last_filter = Filter::new(t.by_last.keys().map(String::as_str), true);
    t.mods_filter = Filter::new(t.mods.keys().map(String::as_str), true);
    t.words_filter = Filter::new(t.words.iter().map(String::as_str), true);
    t
});

/// Whether `words[start..=end]` equals the lower-case `phrase`.
fn matches_at(words: &[&str], end: usize, phrase: &[String]) -> Option<usize> {
    let start = (end + 1).checked_sub(phrase.len())?;
    let slice = words.get(start..=end)?;
    slice
        .iter()
        .zip(phrase)
        .all(|(w, p)| eq_lower(w, p))
        .then_some(start)
}

/// Whether `word` in lower case (as `str::to_lowercase`) equals the lower-case `lower_word`,
/// without allocating for an ASCII word.
fn eq_lower(word: &str, lower_word: &str) -> bool {
    if word.is_ascii() {
        // `lower_word` is in lower case: equal bytes but for case are its bytes.
        word.len() == lower_word.len() && word.eq_ignore_ascii_case(lower_word)
    } else {
        lower(word).as_ref() == lower_word
    }
}

/// The longest title ending at token `end` of `words`, with the modifiers before it
/// ("Defence" Minister, "special" envoy). `words` are token texts.
pub fn title_ending_at(words: &[&str], end: usize) -> Option<TitleMatch> {
    let last = words.get(end)?;
    if !TITLES.last_filter.may_hold(last, true) {
        return None;
    }
    let mut best: Option<(usize, &Phrase)> = None;
    for p in TITLES.by_last.get(lower(last).as_ref())? {
        let Some(start) = matches_at(words, end, &p.tokens) else {
            continue;
        };
        let first_cap = words
            .get(start)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        if (p.capitalized && !first_cap) || (p.kind == TitleKind::Kin && first_cap) {
            continue; // "general" is no General; "Wife Swap" is no wife
        }
        let after_article = start
            .checked_sub(1)
            .and_then(|k| words.get(k))
            .is_some_and(|w| matches!(lower(w).as_ref(), "the" | "a" | "an"));
        if p.adjective && after_article {
            continue; // "the official Xinhua news agency"
        }
        if best.is_none_or(|(s, _)| start < s) {
            best = Some((start, p));
        }
    }
    let (mut start, phrase) = best?;
    if phrase.kind != TitleKind::Abbreviation {
        // Modifiers before the title: "Italian [Defence] Minister", "UN [special] envoy".
        while start > 0 {
            let Some(&prev) = words.get(start - 1) else {
                break;
            };
            if !TITLES.mods_filter.may_hold(prev, true) {
                break;
            }
            let Some(mods) = TITLES.mods.get(lower(prev).as_ref()) else {
                break;
            };
            let Some(s) = mods
                .iter()
                .filter_map(|m| matches_at(words, start - 1, m))
                .min()
            else {
                break;
            };
            start = s;
        }
    }
    Some(TitleMatch {
        start,
        end: end + 1,
        kind: phrase.kind,
        canonical: phrase.canonical,
    })
}

/// Whether `word` is a modifier that may stand before a title ("Foreign", "Deputy",
/// "special"), in any case.
pub fn is_title_modifier(word: &str) -> bool {
    TITLES.mods_filter.may_hold(word, true) && TITLES.mods.contains_key(lower(word).as_ref())
}

/// Whether all of `words` form one title with its modifiers ("Defence Minister", "UN special
/// envoy" is not: "UN" is no modifier).
pub fn is_title_phrase(words: &[&str]) -> bool {
    words
        .len()
        .checked_sub(1)
        .and_then(|last| title_ending_at(words, last))
        .is_some_and(|m| m.start == 0)
}

/// Whether `word` ends some title ("Minister", "general", "Gen.", "staff"), in any case. Words
/// inside a title ("Field" of "Field Marshal") may be names ("Frank Field").
pub fn is_title_word(word: &str) -> bool {
    // The list holds no final dots; dots are no letters, and keep their place in lower case.
    TITLES
        .words_filter
        .may_hold(word.trim_end_matches('.'), true)
        && TITLES
            .words
            .contains(lower(word).as_ref().trim_end_matches('.'))
}

/// The alpha-3 code of a country abbreviation that may precede a title ("US" → USA).
pub fn country_abbreviation(word: &str) -> Option<&'static str> {
    TITLES.countries.get(word).copied()
}

struct Names {
    particles: HashSet<String>,
    /// Bytes of the longest particle (an ASCII word longer than that is none).
    particle_len: usize,
    /// ASCII first letters of the particles (an ASCII word starting otherwise is none).
    particle_first: [bool; 128],
    stops: HashSet<String>,
    not_names: HashSet<String>,
    not_first: HashSet<String>,
    /// [`Filter`] of `stops`.
    stops_filter: Filter,
    /// [`Filter`] of `stops` and `not_names`.
    stop_names_filter: Filter,
    /// [`Filter`] of `stops`, `not_names` and `not_first`.
    not_first_filter: Filter,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut n = Names {
        particles: HashSet::new(),
        particle_len: 0,
        particle_first: [false; 128],
        stops: HashSet::new(),
        not_names: HashSet::new(),
        not_first: HashSet::new(),
        stops_filter: Filter::new([], true),
        stop_names_filter: Filter::new([], true),
        not_first_filter: Filter::new([], true),
    };
    for row in rows(NAMES_TXT) {
        let (Some(&kind), Some(&word)) = (row.first(), row.get(1)) else {
            continue;
        };
        match kind {
            "particle" => n.particles.insert(word.to_lowercase()),
            "stop" => n.stops.insert(word.to_lowercase()),
            "notname" => n.not_names.insert(word.to_lowercase()),
            "first" => n.not_first.insert(word.to_lowercase()),
            _ => false,
        };
    }
    n.particle_len = n.particles.iter().map(String::len).max().unwrap_or(0);
    for p in &n.particles {
        if let Some(slot) = p
            .bytes()
            .next()
            .and_then(|b| n.particle_first.get_mut(b as usize))
        {
            *slot = true;
        }
    }
    let stops = || n.stops.iter().map(String::as_str);
    let not_names = || n.not_names.iter().map(String::as_str);
    n.stops_filter = Filter::new(stops(), true);
    n.stop_names_filter = Filter::new(stops().chain(not_names()), true);
    n.not_first_filter = Filter::new(
        stops()
            .chain(not_names())
            .chain(n.not_first.iter().map(String::as_str)),
        true,
    );
    n
});

/// Whether `word` is a name particle ("al", "bin", "van", "de"), in any case.
pub fn is_particle(word: &str) -> bool {
    // Lower-casing keeps an ASCII word's length and maps its first letter to an ASCII letter.
    if word.is_ascii() {
        let first = word.bytes().next().map(|b| b.to_ascii_lowercase());
        if word.len() > NAMES.particle_len
            || first.is_none_or(|b| NAMES.particle_first.get(b as usize) != Some(&true))
        {
            return false;
        }
    }
    NAMES.particles.contains(lower(word).as_ref())
}

/// Whether `word` can never be (part of) a person's name: function words, months, weekdays,
/// labels such as "Read". In any case.
pub fn is_name_stop(word: &str) -> bool {
    if !NAMES.stop_names_filter.may_hold(word, true) {
        return false;
    }
    let w = lower(word);
    NAMES.stops.contains(w.as_ref()) || NAMES.not_names.contains(w.as_ref())
}

/// Whether `word` is a function word, month, weekday or label ("The", "September", "Read"):
/// never part of any proper name's start. In any case.
pub fn is_function_word(word: &str) -> bool {
    NAMES.stops_filter.may_hold(word, true) && NAMES.stops.contains(lower(word).as_ref())
}

/// Whether `word` can never start a person's name but may end one ("May": "Theresa May").
pub fn is_not_first_name(word: &str) -> bool {
    if !NAMES.not_first_filter.may_hold(word, true) {
        return false;
    }
    let w = lower(word);
    let w = w.as_ref();
    NAMES.not_first.contains(w) || NAMES.stops.contains(w) || NAMES.not_names.contains(w)
}

struct Orgs {
    heads: HashSet<&'static str>,
    misc: HashSet<&'static str>,
    places: HashSet<&'static str>,
    not_orgs: HashSet<&'static str>,
    skips: HashSet<&'static str>,
    suffixes: HashSet<&'static str>,
    not_acronyms: HashSet<&'static str>,
    acronyms: HashMap<&'static str, &'static str>,
    /// First word of a group's name → (the name as written, its canonical name).
    groups: HashMap<&'static str, Vec<(&'static str, &'static str)>>,
    /// [`Filter`] of `heads` (as written).
    heads_filter: Filter,
    /// [`Filter`] of `skips` (in any case).
    skips_filter: Filter,
}

static ORGS: LazyLock<Orgs> = LazyLock::new(|| {
    let mut o = Orgs {
        heads: HashSet::new(),
        misc: HashSet::new(),
        places: HashSet::new(),
        not_orgs: HashSet::new(),
        skips: HashSet::new(),
        suffixes: HashSet::new(),
        not_acronyms: HashSet::new(),
        acronyms: HashMap::new(),
        groups: HashMap::new(),
        heads_filter: Filter::new([], false),
        skips_filter: Filter::new([], true),
    };
    for row in rows(ORGS_TXT) {
        let (Some(&kind), Some(&word)) = (row.first(), row.get(1)) else {
            continue;
        };
        match kind {
            "head" => {
                o.heads.insert(word);
            }
            "misc" => {
                o.misc.insert(word);
            }
            "place" => {
                o.places.insert(word);
            }
            "notorg" => {
                o.not_orgs.insert(word);
            }
            "skip" => {
                o.skips.insert(word);
            }
            "suffix" => {
                o.suffixes.insert(word);
            }
            "notacr" => {
                o.not_acronyms.insert(word);
            }
            "acronym" => {
                if let Some(&exp) = row.get(2) {
                    o.acronyms.insert(word, exp);
                }
            }
            "group" => {
                let first = word
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(word);
                let canonical = row.get(2).copied().unwrap_or(word);
                o.groups.entry(first).or_default().push((word, canonical));
            }
            _ => {}
        }
    }
    o.heads_filter = Filter::new(o.heads.iter().copied(), false);
    o.skips_filter = Filter::new(o.skips.iter().copied(), true);
    o
});

/// Whether `word` (as written, capitalized) ends an organization's name ("Council", "Army").
pub fn is_org_head(word: &str) -> bool {
    ORGS.heads_filter.may_hold(word, false) && ORGS.heads.contains(word)
}

/// Whether `word` (as written) ends the name of a law, treaty or programme ("Act").
pub fn is_misc_head(word: &str) -> bool {
    ORGS.misc.contains(word)
}

/// Whether `word` (as written) ends the name of a place, building, prize or event
/// ("Airport", "Prize", "Cup").
pub fn is_place_head(word: &str) -> bool {
    ORGS.places.contains(word)
}

/// Whether `name` ends in an organization head but is a place ("West Bank").
pub fn is_not_org(name: &str) -> bool {
    ORGS.not_orgs.contains(name)
}

/// Whether an acronym may skip `word` ("of", "the", "and", "for"), in lower case.
pub fn is_acronym_skip(word: &str) -> bool {
    ORGS.skips_filter.may_hold(word, true) && ORGS.skips.contains(lower(word).as_ref())
}

/// Whether an acronym may leave out `word` at the end of its expansion ("Company", "Inc.").
pub fn is_company_suffix(word: &str) -> bool {
    ORGS.suffixes.contains(word)
}

/// Whether the all-capital `word` is known not to be an organization's acronym ("TV", "CEO").
pub fn is_not_acronym(word: &str) -> bool {
    ORGS.not_acronyms.contains(word)
}

/// The expansion of a well-known organization acronym ("UN" → "United Nations").
pub fn known_acronym(word: &str) -> Option<&'static str> {
    ORGS.acronyms.get(word).copied()
}

/// The armed groups and movements whose name starts with the letters and digits `first`
/// ("Islamic" → "Islamic State", "Islamic Jihad"; "al" → "al-Shabaab", "al-Qaeda"), each as
/// written and with its canonical name ("Daesh" → "Islamic State").
pub fn groups_starting(first: &str) -> &'static [(&'static str, &'static str)] {
    // Most words start with a byte no group's name starts with: no hashing for them.
    if first
        .as_bytes()
        .first()
        .is_some_and(|&b| !GROUP_INITIALS[usize::from(b)])
    {
        return &[];
    }
    ORGS.groups.get(first).map_or(&[][..], Vec::as_slice)
}

/// The first bytes of the groups' first words.
static GROUP_INITIALS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut initials = [false; 256];
    for first in ORGS.groups.keys() {
        if let Some(&b) = first.as_bytes().first() {
            initials[usize::from(b)] = true;
        }
    }
    initials
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_agrees_with_to_lowercase_and_particles_with_the_list() {
        for w in [
            "Haftar",
            "AL",
            "minister",
            "MINISTERIALLY-CONNECTED-OFFICIALS",
            "Salamé",
            "ÉCOLE",
            "İstanbul",
            "ΟΔΟΣ",
            "",
        ] {
            assert_eq!(lower(w).as_ref(), w.to_lowercase(), "{w}");
        }
        for (w, particle) in [
            ("al", true),
            ("Al", true),
            ("VAN", true),
            ("della", true),
            ("y", true),
            ("Alan", false),
            ("Haftar", false),
            ("", false),
            ("É", false),
        ] {
            assert_eq!(is_particle(w), particle, "{w}");
        }
    }

    #[test]
    fn filters_never_reject_a_word_of_their_set() {
        // Every listed word in three cases (and words near them) answers as the plain set
        // lookup does: the filters only skip the lookups of words no set holds.
        let lists: Vec<&str> = [TITLES_TXT, NAMES_TXT, ORGS_TXT]
            .iter()
            .flat_map(|t| rows(t))
            .filter_map(|r| r.get(1).copied())
            .collect();
        let mut probes: Vec<String> = Vec::new();
        for w in lists
            .iter()
            .chain(&["Haftar", "K", "\u{212a}", "İ", "x.", "...", ""])
        {
            probes.push((*w).to_string());
            probes.push(w.to_uppercase());
            probes.push(crate::text::title_case(w));
            probes.push(format!("{w}s"));
            probes.push(format!("{w}."));
        }
        for w in &probes {
            let l = w.to_lowercase();
            assert_eq!(
                is_title_word(w),
                TITLES.words.contains(l.trim_end_matches('.')),
                "{w}"
            );
            assert_eq!(is_title_modifier(w), TITLES.mods.contains_key(&l), "{w}");
            assert_eq!(is_function_word(w), NAMES.stops.contains(&l), "{w}");
            let stop = NAMES.stops.contains(&l) || NAMES.not_names.contains(&l);
            assert_eq!(is_name_stop(w), stop, "{w}");
            assert_eq!(
                is_not_first_name(w),
                stop || NAMES.not_first.contains(&l),
                "{w}"
            );
            assert_eq!(is_org_head(w), ORGS.heads.contains(w.as_str()), "{w}");
            assert_eq!(is_acronym_skip(w), ORGS.skips.contains(l.as_str()), "{w}");
            if TITLES.by_last.contains_key(&l) {
                assert!(TITLES.last_filter.may_hold(w, true), "{w}");
            }
        }
    }

    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    fn title(s: &str) -> Option<String> {
        let w = words(s);
        title_ending_at(&w, w.len() - 1).map(|m| w[m.start..m.end].join(" "))
    }

    #[test]
    fn titles_take_their_modifiers_and_longest_form() {
        assert_eq!(
            title("Italian Defence Minister").as_deref(),
            Some("Defence Minister")
        );
        assert_eq!(
            title("Italian chief of defence staff").as_deref(),
            Some("chief of defence staff")
        );
        assert_eq!(
            title("Libyan Field Marshal").as_deref(),
            Some("Field Marshal")
        );
        assert_eq!(title("UN special envoy").as_deref(), Some("special envoy"));
        assert_eq!(title("his son").as_deref(), Some("son"));
        assert_eq!(title("Wife"), None);
        assert_eq!(title("the official"), None);
        assert_eq!(
            title("a senior official").as_deref(),
            Some("senior official")
        );
        assert_eq!(
            title("the US Secretary of State").as_deref(),
            Some("Secretary of State")
        );
    }

    #[test]
    fn capitalized_only_titles_and_abbreviations() {
        assert_eq!(title("a general"), None);
        assert_eq!(title("staff General").as_deref(), Some("General"));
        let w = words("Lt. Gen.");
        let m = title_ending_at(&w, 1).unwrap();
        assert_eq!((m.start, m.canonical), (0, Some("Lieutenant General")));
        assert_eq!(m.kind, TitleKind::Abbreviation);
    }

    #[test]
    fn word_lists_answer() {
        assert!(is_title_word("Minister") && is_title_word("Gen."));
        assert!(!is_title_word("Haftar") && !is_title_word("Field"));
        assert!(is_title_phrase(&["Defence", "Minister"]) && !is_title_phrase(&["Read"]));
        assert!(!is_title_phrase(&["Roberta", "Pinotti"]));
        assert!(is_title_modifier("Foreign") && !is_title_modifier("Field"));
        assert!(is_particle("Al") && is_particle("bin"));
        assert!(is_name_stop("Read") && is_name_stop("September") && is_name_stop("The"));
        assert!(!is_name_stop("Saddam"));
        assert!(is_name_stop("New") && !is_function_word("New") && is_function_word("The"));
        assert!(is_org_head("Council") && !is_org_head("council"));
        assert!(is_acronym_skip("of") && is_not_acronym("TV"));
        assert_eq!(known_acronym("UN"), Some("United Nations"));
        assert_eq!(country_abbreviation("U.S."), Some("USA"));
    }
}
