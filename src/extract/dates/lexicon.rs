//! The stage's word list (`resources/lexicon.tsv`), parsed once, and the per-token view the rules
//! read.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::text::Document;

/// A calendar or clock unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Year.
    Y,
    /// Month.
    M,
    /// Week.
    W,
    /// Day.
    D,
    /// Hour.
    H,
    /// Minute.
    Min,
    /// Second.
    S,
    /// Decade.
    De,
    /// Century.
    Ce,
    /// Quarter.
    Q,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "Y" => Unit::Y,
            "M" => Unit::M,
            "W" => Unit::W,
            "D" => Unit::D,
            "H" => Unit::H,
            "MIN" => Unit::Min,
            "S" => Unit::S,
            "DE" => Unit::De,
            "CE" => Unit::Ce,
            "Q" => Unit::Q,
            _ => return None,
        })
    }

    /// Length in seconds of a unit shorter than a day (hour, minute, second); `None` otherwise.
    pub(crate) fn sub_day_seconds(self) -> Option<i64> {
        match self {
            Unit::H => Some(3600),
            Unit::Min => Some(60),
            Unit::S => Some(1),
            _ => None,
        }
    }

    /// The TIMEX3 duration of `n` units ("P3D", "PT2H"); `None` for a vague amount ("PXD").
    pub(crate) fn duration(self, n: Option<u32>) -> String {
        let (t, k, c) = match self {
            Unit::Y => ("", 1, 'Y'),
            Unit::M => ("", 1, 'M'),
            Unit::W => ("", 1, 'W'),
            Unit::D => ("", 1, 'D'),
            Unit::H => ("T", 1, 'H'),
            Unit::Min => ("T", 1, 'M'),
            Unit::S => ("T", 1, 'S'),
            Unit::De => ("", 10, 'Y'),
            Unit::Ce => ("", 100, 'Y'),
            Unit::Q => ("", 3, 'M'),
        };
        match n {
            Some(n) => format!("P{t}{}{c}", n.saturating_mul(k)),
            None => match self {
                Unit::De => "PXDE".to_string(),
                Unit::Ce => "PXCE".to_string(),
                _ => format!("P{t}X{c}"),
            },
        }
    }

    /// The TIMEX3 duration of `n` units and a half ("P2Y6M", "PT5H30M", "PT1M30S"): the half in
    /// the next smaller unit, for the units whose half is a whole number of it (years, days,
    /// hours, minutes); `None` for the others and for a vague amount.
    pub(crate) fn half_duration(self, n: Option<u32>) -> Option<String> {
        let n = n?;
        Some(match self {
            Unit::Y => format!("P{n}Y6M"),
            Unit::D => format!("P{n}DT12H"),
            Unit::H => format!("PT{n}H30M"),
            Unit::Min => format!("PT{n}M30S"),
            _ => return None,
        })
    }
}

/// Modifier of a period: "early", "late", "mid".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mod {
    /// early, beginning, start.
    Start,
    /// late, end.
    End,
    /// mid, middle.
    Mid,
}

/// Everything the word list says about one word.
#[derive(Debug, Default)]
pub(crate) struct Lex {
    pub month: u8,
    pub weekday: u8,
    pub weekdays: u8,
    pub num: Option<u32>,
    pub numx: bool,
    pub ord: u8,
    pub unit: Option<Unit>,
    pub plural: bool,
    pub reference: Option<&'static str>,
    pub dayrel: Option<i8>,
    pub set: Option<&'static str>,
    pub part: Option<&'static str>,
    pub parts: bool,
    pub season: Option<&'static str>,
    pub rel: Option<i8>,
    pub modifier: Option<Mod>,
    pub approx: bool,
    pub ago: Option<i8>,
    pub prep: bool,
    pub future: bool,
    pub past: bool,
    pub ampm: Option<u8>,
    pub zone: bool,
    pub noon: Option<u8>,
    pub decade: Option<i32>,
    pub fiscal: bool,
    pub latest: bool,
    pub right: bool,
    pub title: bool,
    /// Whether an expression may start at the word: any class but the tense cues ("said",
    /// "will" are read only around an expression).
    pub starts: bool,
}

static LEXICON_TSV: &str = include_str!("resources/lexicon.tsv");

/// A small multiplicative hasher for the short ASCII keys of the word list (the default SipHash
/// costs more than the rest of the stage on a typical article).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap = HashMap<&'static [u8], Lex, BuildHasherDefault<WordHasher>>;

/// The word list, keyed by lower-case word.
static LEXICON: LazyLock<WordMap> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for line in LEXICON_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(word), Some(class), Some(value)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let e = map.entry(word.as_bytes()).or_default();
        e.starts |= class != "past" && class != "future";
        let n = value.parse::<i32>().ok();
        let small = n.and_then(|n| u8::try_from(n).ok()).unwrap_or(0);
        let signed = n.and_then(|n| i8::try_from(n).ok());
        match class {
            "month" => e.month = small,
            "weekday" => e.weekday = small,
            "weekdays" => e.weekdays = small,
            "num" => e.num = n.and_then(|n| u32::try_from(n).ok()),
            "numx" => e.numx = true,
            "ord" => e.ord = small,
            "unit" | "units" => {
                e.unit = Unit::parse(value);
                e.plural = class == "units";
            }
            "ref" => e.reference = Some(value),
            "dayrel" => e.dayrel = signed,
            "set" => e.set = Some(value),
            "part" | "parts" => {
                e.part = Some(value);
                e.parts = class == "parts";
            }
            "season" => e.season = Some(value),
            "rel" => e.rel = signed,
            "mod" => {
                e.modifier = match value {
                    "START" => Some(Mod::Start),
                    "END" => Some(Mod::End),
                    _ => Some(Mod::Mid),
                }
            }
            "approx" => e.approx = true,
            "ago" => e.ago = signed,
            "prep" => e.prep = true,
            "future" => e.future = true,
            "past" => e.past = true,
            "ampm" => e.ampm = Some(small),
            "zone" => e.zone = true,
            "noon" => e.noon = Some(small),
            "decadew" => e.decade = n,
            "fiscal" => e.fiscal = true,
            "latest" => e.latest = true,
            "right" => e.right = true,
            "title" => e.title = true,
            _ => {}
        }
    }
    map
});

/// Per key length (up to 16 bytes): the bytes the word list's keys of that length start with,
/// have second and end with (bit sets over 256 bytes), so that most words of a text are known
/// to be absent without hashing them.
struct Filter {
    first: [[u64; 4]; 17],
    second: [[u64; 4]; 17],
    last: [[u64; 4]; 17],
}

impl Filter {
    fn set(bits: &mut [u64; 4], b: u8) {
        if let Some(w) = bits.get_mut(usize::from(b >> 6)) {
            *w |= 1 << (b & 63);
        }
    }

    fn has(bits: &[u64; 4], b: u8) -> bool {
        bits.get(usize::from(b >> 6))
            .is_some_and(|w| w >> (b & 63) & 1 == 1)
    }

    /// Whether a key of the word list may equal `word` lower-cased (ASCII; 1 to 16 bytes).
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&a), Some(&z)) = (word.first(), word.last()) else {
            return false;
        };
        let n = word.len();
        // A one-byte word's second byte is its last.
        let m = word.get(1).copied().unwrap_or(z);
        self.first
            .get(n)
            .is_some_and(|f| Self::has(f, a.to_ascii_lowercase()))
            && self
                .last
                .get(n)
                .is_some_and(|l| Self::has(l, z.to_ascii_lowercase()))
            && self
                .second
                .get(n)
                .is_some_and(|s| Self::has(s, m.to_ascii_lowercase()))
    }
}

/// The [`Filter`] of the word list's keys.
static FILTER: LazyLock<Filter> = LazyLock::new(|| {
    let mut f = Filter {
        first: [[0; 4]; 17],
        second: [[0; 4]; 17],
        last: [[0; 4]; 17],
    };
    for key in LEXICON.keys() {
        let (Some(&a), Some(&z)) = (key.first(), key.last()) else {
            continue;
        };
        let m = key.get(1).copied().unwrap_or(z);
        if let (Some(first), Some(second), Some(last)) = (
            f.first.get_mut(key.len()),
            f.second.get_mut(key.len()),
            f.last.get_mut(key.len()),
        ) {
            Filter::set(first, a);
            Filter::set(second, m);
            Filter::set(last, z);
        }
    }
    f
});

/// The longest key [`TABLE`] holds (bytes); the word list's longest is shorter.
const PACKED_MAX: usize = 15;

/// A word of at most [`PACKED_MAX`] bytes as one number: its bytes, ASCII lower-cased, little
/// endian, and its length in the top byte (so that no two words share a key, and none is 0).
fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > PACKED_MAX {
        return None;
    }
    let mut buf = [0u8; 16];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    let half = |r: std::ops::Range<usize>| {
        let b: [u8; 8] = buf.get(r)?.try_into().ok()?;
        Some(u128::from(ascii_lower(u64::from_le_bytes(b))))
    };
    Some(half(0..8)? | half(8..16)? << 64 | (word.len() as u128) << 120)
}

/// The eight bytes of `x`, ASCII upper-case letters lower-cased (other bytes, non-ASCII ones
/// included, unchanged), all at once.
fn ascii_lower(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The low seven bits of each byte, plus a constant that sets the byte's high bit exactly
    // where they reach 'A' (respectively pass 'Z'): no carry crosses a byte (at most 0x7f + 0x3f).
    let low = x & !HIGH;
    let from_a = (low + ONES * (0x80 - u64::from(b'A'))) & HIGH;
    let past_z = (low + ONES * (0x80 - u64::from(b'Z') - 1)) & HIGH;
    let upper = from_a & !past_z & !x;
    x | upper >> 2
}

/// The word list by packed key ([`pack`]): an open-addressing table probed linearly, cheaper
/// than hashing the bytes of each word of a text.
struct Table {
    /// Packed keys; 0 marks an empty slot.
    keys: Vec<u128>,
    /// The entry of each slot's key.
    entries: Vec<Option<&'static Lex>>,
    /// Number of slots less one (a power of two less one).
    mask: usize,
}

impl Table {
    fn slot(&self, key: u128) -> usize {
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let h =
            (lo ^ hi.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        (h >> 40) as usize & self.mask
    }

    fn get(&self, key: u128) -> Option<&'static Lex> {
        let mut i = self.slot(key);
        loop {
            match *self.keys.get(i)? {
                0 => return None,
                k if k == key => return self.entries.get(i).copied().flatten(),
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// The [`Table`] of the word list (keys longer than [`PACKED_MAX`] bytes, if any, are left out:
/// [`lookup`] never finds them, as before the table).
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let size = (LEXICON.len() * 4).next_power_of_two().max(16);
    let mut t = Table {
        keys: vec![0; size],
        entries: vec![None; size],
        mask: size - 1,
    };
    let lexicon: &'static WordMap = &LEXICON;
    for (word, lex) in lexicon {
        // Keys are lower case already; a key with an upper-case letter was never found.
        if word.iter().any(u8::is_ascii_uppercase) {
            continue;
        }
        let Some(key) = pack(word) else {
            continue;
        };
        let mut i = t.slot(key);
        while t.keys.get(i).is_some_and(|&k| k != 0) {
            i = (i + 1) & t.mask;
        }
        if let (Some(k), Some(e)) = (t.keys.get_mut(i), t.entries.get_mut(i)) {
            *k = key;
            *e = Some(lex);
        }
    }
    t
});

/// Looks `word` up case-insensitively, without allocating (ASCII words up to 16 bytes).
pub(crate) fn lookup(word: &str) -> Option<&'static Lex> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 || !FILTER.may_hold(b) {
        return None;
    }
    TABLE.get(pack(b)?)
}

/// One token as the rules see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tk<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Sentence index.
    pub sent: usize,
    /// Word-list entry.
    pub lex: Option<&'static Lex>,
    /// Value of an all-digit token.
    pub num: Option<u32>,
    /// Number of digits of an all-digit token.
    pub ndig: u8,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

impl Tk<'_> {
    /// Whether the token is `w` (ASCII case-insensitive).
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    /// The token's value as a number ([`number`] of its text), from the view's digits and
    /// word-list entry: the word list is looked up again only for a hyphenated word.
    pub fn number(&self) -> Option<u32> {
        if self.num.is_some() {
            return self.num;
        }
        if self.text.contains('-') {
            return number(self.text);
        }
        self.lex?.num
    }

    /// Whether the rules may care about this token at all.
    pub fn interesting(&self) -> bool {
        let b = self.text.as_bytes();
        // Cheapest tests first; a plain loop for the hyphen (words are short: no `memchr`).
        self.lex.is_some_and(|l| l.starts)
            || b.first().is_some_and(u8::is_ascii_digit)
            || (b.len() == 2 && matches!(b[0], b'Q' | b'q'))
            || self.is("the")
            || self.is("that")
            || self.is("latest")
            || self.text.bytes().any(|c| c == b'-')
    }
}

/// The rule view of every token of `doc`.
pub(crate) fn view<'a>(doc: &Document<'a>) -> Vec<Tk<'a>> {
    doc.tokens
        .iter()
        .map(|t| {
            let text = doc.text.get(t.start..t.end).unwrap_or("");
            let b = text.as_bytes();
            let digits = !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit);
            Tk {
                text,
                start: t.start,
                end: t.end,
                sent: t.sentence,
                lex: lookup(text),
                num: if digits { text.parse().ok() } else { None },
                ndig: if digits { b.len() as u8 } else { 0 },
                cap: b.first().is_some_and(u8::is_ascii_uppercase),
            }
        })
        .collect()
}

/// The value of a number written in words or digits, alone or hyphenated ("twenty-four").
pub(crate) fn number(text: &str) -> Option<u32> {
    if !text.is_empty() && text.len() <= 9 && text.bytes().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    if let Some((a, b)) = text.split_once('-') {
        let (x, y) = (lookup(a)?.num?, lookup(b)?.num?);
        return (x >= 20 && x % 10 == 0 && y < 10).then_some(x + y);
    }
    lookup(text)?.num
}
