//! Boilerplate: embedded tweets ("… — Name (@handle) Month D, YYYY") and "Read:", "Read more:",
//! "Related:" lines, set apart from the article's prose.
//!
//! Works line by line (a line is the text between two `\n`, spaces trimmed). An embedded tweet is
//! the line signed `— Name (@handle) Date` plus, when the signature stands on its own line, the
//! nearest non-blank line before it (the tweet's text). Other lines are related links
//! (`Read: …`), share prompts (`Share this`, `Follow us on`) or image captions (`Photo: …`) by
//! how they start. Offsets are UTF-8 bytes; the extractor converts them.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::record::{BoilerplateRec, EmbedRec};
use crate::text::Document;

/// Embeds and boilerplate spans of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boilerplate {
    /// Embedded posts.
    pub embeds: Vec<EmbedRec>,
    /// Boilerplate spans (embeds are also listed here with kind `embed`).
    pub spans: Vec<BoilerplateRec>,
}

/// The signature closing an embedded tweet: a dash, the author's name, `(@handle)` and the date
/// (optional), at the end of a line.
static TWEET_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|\s)
        (?:—|–|--?|&mdash;|&\#8212;|&\#x2014;)\s*
        (?P<author>[^\n()—–]{1,80}?)\s*
        \(\s*(?P<handle>@[A-Za-z0-9_]{1,50})\s*\)\s*
        (?P<date>
            [A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}
          | \d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}
        )?
        \s*$",
    )
    .expect("valid regex")
});

/// Lines that point to another article.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            read\ more | read\ also | also\ read | read | more\ on\ this(?:\ story)?
          | related(?:\ (?:stories|story|articles?|coverage|content|news|reading|links?))?
          | see\ also | further\ reading | recommended(?:\ reading)?
        )\s*:\s*\S",
    )
    .expect("valid regex")
});

/// Share and follow prompts.
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            share\ this\b | share\ on\ (?:facebook|twitter|whatsapp|linkedin)\b
          | follow\ us\ on\b | like\ us\ on\ facebook\b | click\ here\ to\b
          | sign\ up\ (?:for|to)\ (?:our|the)\ (?:\w+\ )?newsletter\b
          | subscribe\ to\ (?:our|the)\ (?:\w+\ )?newsletter\b
        )",
    )
    .expect("valid regex")
});

/// Image captions and credits.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \(?(?:file\ )?(?:photo|picture|image|photograph|pic)s?(?:\ credit)?\s*:
          | \(?(?:photo|picture|image|photograph|pic)s?\s+(?:by|courtesy\ of|credit)\b
          | image\ (?:copyright|caption)\b
          | credit\s*:
        )",
    )
    .expect("valid regex")
});

/// What a line [`RELATED`] matches starts with (lower case; the words every alternative opens
/// with).
const RELATED_PREFIXES: [&str; 7] = [
    "read",
    "also read",
    "more on this",
    "related",
    "see also",
    "further reading",
    "recommended",
];
/// What a line [`SHARE`] matches starts with.
const SHARE_PREFIXES: [&str; 7] = [
    "share this",
    "share on ",
    "follow us on",
    "like us on facebook",
    "click here to",
    "sign up ",
    "subscribe to ",
];
/// What a line [`CAPTION`] matches starts with.
const CAPTION_PREFIXES: [&str; 9] = [
    "(file ", "(photo", "(pic", "(image", "file ", "photo", "pic", "image", "credit",
];
/// The words a [`CAPTION`] match without a colon opens with (after a parenthesis), then a
/// space.
const CAPTION_WORDS: [&str; 10] = [
    "photo",
    "photos",
    "picture",
    "pictures",
    "image",
    "images",
    "photograph",
    "photographs",
    "pic",
    "pics",
];

/// The first eight bytes of each prefix and the mask of their bytes ([`Head`]).
const fn heads<const N: usize>(prefixes: [&str; N]) -> [(u64, u64); N] {
    let mut out = [(0u64, 0u64); N];
    let mut k = 0;
    while k < N {
        let p = prefixes[k].as_bytes();
        let (mut value, mut mask, mut i) = (0u64, 0u64, 0);
        while i < p.len() && i < 8 {
            value |= (p[i] as u64) << (8 * i);
            mask |= 0xff << (8 * i);
            i += 1;
        }
        out[k] = (value, mask);
        k += 1;
    }
    out
}

/// [`heads`] of [`RELATED_PREFIXES`].
const RELATED_HEADS: [(u64, u64); 7] = heads(RELATED_PREFIXES);
/// [`heads`] of [`SHARE_PREFIXES`].
const SHARE_HEADS: [(u64, u64); 7] = heads(SHARE_PREFIXES);
/// [`heads`] of [`CAPTION_PREFIXES`].
const CAPTION_HEADS: [(u64, u64); 9] = heads(CAPTION_PREFIXES);

/// The start of a line, to test it against prefixes: its first eight bytes with the `0x20` bit
/// set (an upper-case ASCII letter becomes its lower case; a byte that becomes a space or a
/// parenthesis may have been another control byte, which only lets a line through), when its
/// first bytes are ASCII.
struct Head<'a> {
    line: &'a str,
    folded: Option<u64>,
}

impl<'a> Head<'a> {
    fn new(line: &'a str) -> Self {
        let b = line.as_bytes();
        // As long as the longest prefix: every byte a prefix looks at is ASCII.
        let ascii = b.get(..b.len().min(20)).is_some_and(<[u8]>::is_ascii);
        let folded = ascii.then(|| {
            let mut buf = [0u8; 8];
            let n = b.len().min(8);
            buf[..n].copy_from_slice(&b[..n]);
            u64::from_le_bytes(buf) | 0x2020_2020_2020_2020
        });
        Self { line, folded }
    }

    /// Whether the line may match a pattern whose matches start with one of `prefixes`
    /// (lower-case ASCII; `heads` theirs), compared as the pattern's case-insensitive matching
    /// compares: any ASCII case, and the two non-ASCII letters that fold to ASCII ones ("ſ" to
    /// "s", the Kelvin sign to "k"). A line that starts with no prefix cannot match (the
    /// pattern is then neither run nor compiled).
    fn may_start(&self, prefixes: &[&str], heads: &[(u64, u64)]) -> bool {
        match self.folded {
            Some(h) => prefixes.iter().zip(heads).any(|(p, &(value, mask))| {
                h & mask == value && (p.len() <= 8 || starts_folded(self.line, p.as_bytes()))
            }),
            None => prefixes
                .iter()
                .any(|p| starts_folded(self.line, p.as_bytes())),
        }
    }
}

/// Whether a line may match [`RELATED`]: it starts with one of its prefixes and has a colon.
fn may_be_related(head: &Head) -> bool {
    head.may_start(&RELATED_PREFIXES, &RELATED_HEADS) && head.line.contains(':')
}

/// Whether a line may match [`SHARE`].
fn may_be_share(head: &Head) -> bool {
    head.may_start(&SHARE_PREFIXES, &SHARE_HEADS)
}

/// Whether a line may match [`CAPTION`]: it starts with one of its prefixes, and has a colon
/// or opens (after a parenthesis) with one of [`CAPTION_WORDS`] and a space (or a non-ASCII
/// character, left to the pattern).
fn may_be_caption(head: &Head) -> bool {
    if !head.may_start(&CAPTION_PREFIXES, &CAPTION_HEADS) {
        return false;
    }
    let line = head.line;
    if line.contains(':') {
        return true;
    }
    let body = line.strip_prefix('(').unwrap_or(line);
    let end = body
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(body.len());
    let (word, rest) = body.split_at(end);
    match rest.chars().next() {
        None => false,
        Some(c) if c.is_ascii() => {
            c.is_ascii_whitespace() && CAPTION_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
        }
        Some(_) => true,
    }
}

/// Whether `line` starts with `prefix` (lower-case ASCII) as [`Head::may_start`] compares, or
/// may.
fn starts_folded(line: &str, prefix: &[u8]) -> bool {
    let bytes = line.as_bytes();
    // The common case: an ASCII line compared byte by byte.
    if let Some(head) = bytes.get(..prefix.len()) {
        if head.is_ascii() {
            return head.eq_ignore_ascii_case(prefix);
        }
    }
    let mut chars = line.chars();
    for &p in prefix {
        let Some(c) = chars.next() else {
            return false;
        };
        let same = if c.is_ascii() {
            c.to_ascii_lowercase() == char::from(p)
        } else {
            match c {
                '\u{17f}' => p == b's',
                '\u{212a}' => p == b'k',
                // Another letter: left to the pattern (no other folds to ASCII, but the
                // pattern decides).
                _ => p.is_ascii_alphabetic(),
            }
        };
        if !same {
            return false;
        }
    }
    true
}

/// A line longer than this (280 characters and a link or two) is prose, not a tweet's text.
const MAX_TWEET_CHARS: usize = 340;

/// Share prompts and captions longer than this are taken for prose.
const MAX_SHORT_LINE: usize = 300;

/// A non-blank line: byte span with surrounding whitespace trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// The non-blank lines of `text`, trimmed, in order.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let start = at + lead;
            out.push(Line {
                start,
                end: start + trimmed.len(),
            });
        }
        at += raw.len() + 1;
    }
    out
}

/// Finds embeds and boilerplate.
///
/// Every embed is reported twice: as an [`EmbedRec`] and as a [`BoilerplateRec`] of kind
/// `embed` with the same span. Other spans have kind `related_link`, `share` or `caption` and
/// cover their whole line. Spans are in text order.
pub fn boilerplate(doc: &Document) -> Boilerplate {
    find_boilerplate(doc.text)
}

/// [`boilerplate`] over a plain string.
pub fn find_boilerplate(text: &str) -> Boilerplate {
    let lines = lines(text);
    let mut claimed = vec![false; lines.len()];
    let mut out = Boilerplate::default();

    // Every signature has a handle: a text without an "@" has none.
    let tweets = if text.contains('@') { lines.len() } else { 0 };
    for (i, line) in lines.iter().enumerate().take(tweets) {
        let Some(sig) = tweet_signature(&text[line.start..line.end]) else {
            continue;
        };
        let mut start = line.start;
        if sig.at_line_start && i > 0 && !claimed[i - 1] {
            if let Some(prev) = lines.get(i - 1) {
                let prev_text = &text[prev.start..prev.end];
                if tweet_signature(prev_text).is_none()
                    && prev_text.chars().count() <= MAX_TWEET_CHARS
                {
                    start = prev.start;
                    claimed[i - 1] = true;
                }
            }
        }
        claimed[i] = true;
        let block = &text[start..line.end];
        out.embeds.push(EmbedRec {
            kind: "tweet".to_string(),
            author: sig.author,
            handle: Some(sig.handle),
            date: sig.date,
            start,
            end: line.end,
            text: block.to_string(),
        });
        out.spans.push(span("embed", start, line.end, block));
    }

    for (i, line) in lines.iter().enumerate() {
        if claimed[i] {
            continue;
        }
        let s = &text[line.start..line.end];
        let short = s.len() <= MAX_SHORT_LINE;
        let head = Head::new(s);
        let kind = if may_be_related(&head) && RELATED.is_match(s) {
            "related_link"
        } else if short && may_be_share(&head) && SHARE.is_match(s) {
            "share"
        } else if short && may_be_caption(&head) && CAPTION.is_match(s) {
            "caption"
        } else {
            continue;
        };
        out.spans.push(span(kind, line.start, line.end, s));
    }

    out.spans.sort_by_key(|b| b.start);
    out
}

fn span(kind: &str, start: usize, end: usize, text: &str) -> BoilerplateRec {
    BoilerplateRec {
        kind: kind.to_string(),
        start,
        end,
        text: text.to_string(),
    }
}

/// What a tweet signature says.
#[derive(Debug, PartialEq, Eq)]
struct Signature {
    author: Option<String>,
    handle: String,
    date: Option<String>,
    /// Whether the signature starts its line (the tweet's text is then on the line before).
    at_line_start: bool,
}

/// Reads a tweet signature at the end of `line`.
fn tweet_signature(line: &str) -> Option<Signature> {
    // Every signature has a handle: most lines stop at this byte search.
    if !line.contains('@') {
        return None;
    }
    let caps = TWEET_SIGNATURE.captures(line)?;
    let whole = caps.get(0)?;
    let handle = caps.name("handle")?.as_str().to_string();
    let mut author = caps.name("author")?.as_str().trim();
    // "text - more text - Name (@x)": the signature's dash is the last one.
    if let Some(i) = author.rfind(" - ") {
        author = author.get(i + 3..).unwrap_or(author).trim();
    }
    let date = caps.name("date").and_then(|d| parse_date(d.as_str()));
    // A dateless signature must be a line of its own, not the end of a sentence.
    if caps.name("date").is_none() && !line[..whole.start()].trim().is_empty() {
        return None;
    }
    Some(Signature {
        author: (!author.is_empty()).then(|| author.to_string()),
        handle,
        date,
        at_line_start: line[..whole.start()].trim().is_empty(),
    })
}

/// "September 27, 2017", "Sept. 27, 2017", "27 September 2017" → "2017-09-27".
fn parse_date(s: &str) -> Option<String> {
    let cleaned: String = s.replace(['.', ','], " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let normal: Vec<String> = words
        .iter()
        .map(|w| {
            if w.eq_ignore_ascii_case("sept") {
                "Sep".to_string()
            } else {
                (*w).to_string()
            }
        })
        .collect();
    let joined = normal.join(" ");
    ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|fmt| NaiveDate::parse_from_str(&joined, fmt).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of the reference article (`reference/seed-article.txt`).
    const SEED: &str =
        "The Libyan military leader arrived in Rome yesterday in an air force plane \
        and was received with full military honours. He was accompanied by his son Saddam.\n\
        Hiftar's LNA releases flurry of pics of his meetings in Rome w/ Italy's interior & defence \
        mins plus CoS. As usual, son Saddam at his side pic.twitter.com/Ne1oNsDiB2\n\
        — Mary Fitzgerald (@MaryFitzger) September 27, 2017\n\
        The meetings centred on a possible collaboration between the two countries in aiding the \
        Libyan National Army in its fight against terrorism and the battle against smuggling \
        which has been Libya’s main challenges.\n\
        The discussions set a different tone to Haftar’s previous comments in August.\n\
        Read: Italy begins naval mission to help Libya curb migrant flows\n\
        Forces under Haftar’s command provide backing for a Tobruk-based administration.";

    #[test]
    fn seed_tweet_is_one_embed() {
        let bp = boilerplate(&Document::new(SEED));
        assert_eq!(bp.embeds.len(), 1);
        let e = &bp.embeds[0];
        assert_eq!(e.kind, "tweet");
        assert_eq!(e.author.as_deref(), Some("Mary Fitzgerald"));
        assert_eq!(e.handle.as_deref(), Some("@MaryFitzger"));
        assert_eq!(e.date.as_deref(), Some("2017-09-27"));
        assert!(e.text.starts_with("Hiftar's LNA releases flurry"));
        assert!(e.text.ends_with("(@MaryFitzger) September 27, 2017"));
        assert!(e.text.contains("pic.twitter.com/Ne1oNsDiB2\n— Mary"));
        assert_eq!(&SEED[e.start..e.end], e.text);
        let embed_spans: Vec<_> = bp.spans.iter().filter(|s| s.kind == "embed").collect();
        assert_eq!(embed_spans.len(), 1);
        assert_eq!((embed_spans[0].start, embed_spans[0].end), (e.start, e.end));
    }

    #[test]
    fn seed_read_line_is_related_link() {
        let doc = Document::new(SEED);
        let bp = boilerplate(&doc);
        let related: Vec<_> = bp
            .spans
            .iter()
            .filter(|s| s.kind == "related_link")
            .collect();
        assert_eq!(related.len(), 1);
        let r = related[0];
        assert_eq!(
            r.text,
            "Read: Italy begins naval mission to help Libya curb migrant flows"
        );
        assert_eq!(&SEED[r.start..r.end], r.text);
        // Offsets as Python sees them, after "—" and two "’" (3 bytes each).
        let cp = doc.offsets.to_char(r.start);
        assert_eq!(cp, r.start - 6);
        assert_eq!(SEED.chars().skip(cp).take(5).collect::<String>(), "Read:");
        // Only the embed and the related link: the prose is left alone.
        assert_eq!(bp.spans.len(), 2);
        assert!(bp.spans[0].start < bp.spans[1].start);
    }

    #[test]
    fn prefix_filters_keep_every_match() {
        // One line per alternative of each pattern, in several cases, and lines that match
        // none: a pattern matches only where its filter lets the line through.
        let lines = [
            "Read more: the talks",
            "READ ALSO: x",
            "Also read: y",
            "read: z",
            "More on this story: a",
            "Related: b",
            "Related stories: c",
            "See also: d",
            "Further reading: e",
            "Recommended: f",
            "Recommended reading: g",
            "Share this article",
            "Share on Twitter now",
            "Follow us on Twitter",
            "Like us on Facebook",
            "Click here to subscribe",
            "Sign up for our daily newsletter",
            "Subscribe to the newsletter",
            "(Photo: Reuters)",
            "File photo: AP",
            "Picture by Jane Doe",
            "Photos courtesy of the army",
            "Image copyright Getty",
            "Image caption The envoy",
            "Credit: AFP",
            "pic credit: x",
            "ſhare this",
            "ſee also: x",
            "Related lin\u{212a}s: x",
            "pics: x",
            "(Pic credit: x)",
            "Image caption x",
            "RELATED coverage: x",
            "Share thi",
            "Reading is good",
            "Photographs by x",
            "Pictures  courtesy of x",
            "(Photo by x)",
            "Image copyright x",
            "image caption\tx",
            "CREDIT : x",
            "Pickens predicts",
            "creditors",
            "Share this\u{a0}now",
            "Sign up for the daily newsletter",
            "The talks went on.",
            "– Read more: no",
            "Tripoli, Libya",
            "",
        ];
        for line in lines {
            let head = Head::new(line);
            assert!(!RELATED.is_match(line) || may_be_related(&head), "{line:?}");
            assert!(!SHARE.is_match(line) || may_be_share(&head), "{line:?}");
            assert!(!CAPTION.is_match(line) || may_be_caption(&head), "{line:?}");
        }
        assert!(RELATED.is_match("Also read: y") && SHARE.is_match("ſhare this"));
        let may = |line: &str| {
            let head = Head::new(line);
            [
                may_be_related(&head),
                may_be_share(&head),
                may_be_caption(&head),
            ]
        };
        assert_eq!(may("The talks went on."), [false; 3]);
        assert_eq!(may("Shares fell."), [false; 3]);
        assert_eq!(may("Pickens predicts a drop"), [false; 3]);
        assert_eq!(may("creditors will meet"), [false; 3]);
        assert_eq!(may("related tourist developments."), [false; 3]);
        assert_eq!(may("Pics by x"), [false, false, true]);
        assert_eq!(may("ſee also: x"), [true, false, false]);
        assert!(RELATED.is_match("ſee also: x"));
        assert_eq!(may("Related lin\u{212a}s: x"), [true, false, false]);
        assert!(RELATED.is_match("Related lin\u{212a}s: x"));
    }

    #[test]
    fn signature_variants() {
        let sig = tweet_signature("- Mary Fitzgerald (@MaryFitzger) Sept. 27, 2017").unwrap();
        assert_eq!(sig.author.as_deref(), Some("Mary Fitzgerald"));
        assert_eq!(sig.date.as_deref(), Some("2017-09-27"));
        assert!(sig.at_line_start);

        let sig = tweet_signature("&mdash; UNSMIL (@UNSMILibya) 3 March 2019").unwrap();
        assert_eq!(sig.author.as_deref(), Some("UNSMIL"));
        assert_eq!(sig.handle, "@UNSMILibya");
        assert_eq!(sig.date.as_deref(), Some("2019-03-03"));

        let sig = tweet_signature("— Jean-Luc Mélenchon 🇫🇷 (@JLMelenchon) Oct 1, 2017").unwrap();
        assert_eq!(sig.author.as_deref(), Some("Jean-Luc Mélenchon 🇫🇷"));
        assert_eq!(sig.date.as_deref(), Some("2017-10-01"));

        let sig = tweet_signature("— Ghassan Salamé (@GhassanSalame)").unwrap();
        assert_eq!(sig.date, None);

        assert_eq!(
            tweet_signature("He met Pinotti (@robertapinotti) in Rome."),
            None
        );
        assert_eq!(tweet_signature("The talks — held in Rome — ended."), None);
    }

    #[test]
    fn tweet_text_on_the_signature_line() {
        let text = "Prose before.\n\
                    Talks in Rome today #Libya pic.twitter.com/abc — LNA Media (@LNA2019M) September 26, 2017\n\
                    Prose after.";
        let bp = find_boilerplate(text);
        assert_eq!(bp.embeds.len(), 1);
        let e = &bp.embeds[0];
        assert!(e.text.starts_with("Talks in Rome today"));
        assert_eq!(e.author.as_deref(), Some("LNA Media"));
        assert_eq!(e.date.as_deref(), Some("2017-09-26"));
    }

    #[test]
    fn two_tweets_in_a_row_blank_lines_and_crlf() {
        let text = "First tweet “quoted” text 😀\r\n\r\n— A One (@a_one) January 2, 2018\r\n\
                    Second tweet\n— B Two (@b_two) February 3, 2018\n";
        let bp = find_boilerplate(text);
        let got: Vec<_> = bp.embeds.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "First tweet “quoted” text 😀\r\n\r\n— A One (@a_one) January 2, 2018",
                "Second tweet\n— B Two (@b_two) February 3, 2018",
            ]
        );
        for e in &bp.embeds {
            assert_eq!(&text[e.start..e.end], e.text);
        }
        assert_eq!(bp.spans.len(), 2);
    }

    #[test]
    fn a_long_paragraph_is_not_the_tweet_text() {
        let para = "Haftar’s forces said the talks went well. ".repeat(10);
        let text = format!("{para}\n— Mary Fitzgerald (@MaryFitzger) September 27, 2017");
        let bp = find_boilerplate(&text);
        assert_eq!(bp.embeds.len(), 1);
        assert_eq!(
            bp.embeds[0].text,
            "— Mary Fitzgerald (@MaryFitzger) September 27, 2017"
        );
    }

    #[test]
    fn related_link_prefixes() {
        let text = "Prose.\nREAD MORE: Haftar visits Rome\nRelated: Libya talks\nAlso read: x\n\
                    See also: y\n  Read more : z  \nReading is good.\nRead the report.\nRelated news";
        let bp = find_boilerplate(text);
        let got: Vec<_> = bp
            .spans
            .iter()
            .map(|s| (s.kind.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("related_link", "READ MORE: Haftar visits Rome"),
                ("related_link", "Related: Libya talks"),
                ("related_link", "Also read: x"),
                ("related_link", "See also: y"),
                ("related_link", "Read more : z"),
            ]
        );
        for s in &bp.spans {
            assert_eq!(&text[s.start..s.end], s.text);
        }
    }

    #[test]
    fn share_and_caption_lines() {
        let text = "Share this article\nFollow us on Twitter and Facebook\n\
                    Click here to subscribe\nPhoto: Reuters/Ismail Zitouny\n\
                    (Photo by Filippo Monteforte/AFP)\nImage copyright Getty Images\n\
                    Photographers gathered outside the ministry.\nClick the link below.";
        let bp = find_boilerplate(text);
        let got: Vec<_> = bp
            .spans
            .iter()
            .map(|s| (s.kind.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("share", "Share this article"),
                ("share", "Follow us on Twitter and Facebook"),
                ("share", "Click here to subscribe"),
                ("caption", "Photo: Reuters/Ismail Zitouny"),
                ("caption", "(Photo by Filippo Monteforte/AFP)"),
                ("caption", "Image copyright Getty Images"),
            ]
        );
    }

    #[test]
    fn long_prose_is_not_a_share_prompt() {
        let long = format!("Click here to {}", "read the whole report. ".repeat(20));
        assert!(find_boilerplate(&long).spans.is_empty());
    }

    #[test]
    fn empty_text() {
        assert_eq!(find_boilerplate(""), Boilerplate::default());
        assert_eq!(find_boilerplate("\n\n  \n"), Boilerplate::default());
    }

    #[test]
    fn extractor_reports_code_point_offsets() {
        use crate::{Article, Extractor};
        let ex = Extractor::builder().threads(1).build().expect("extractor");
        let rec = ex
            .extract_batch(vec![Article::from_text(SEED)])
            .pop()
            .expect("one record");
        let chars: Vec<char> = SEED.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        assert_eq!(rec.embeds.len(), 1);
        assert_eq!(
            slice(rec.embeds[0].start, rec.embeds[0].end),
            rec.embeds[0].text
        );
        for b in &rec.boilerplate {
            assert_eq!(slice(b.start, b.end), b.text);
        }
        for l in &rec.links {
            assert_eq!(slice(l.start, l.end), l.text);
        }
        assert_eq!(rec.links.len(), 2);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("September 27, 2017").as_deref(),
            Some("2017-09-27")
        );
        assert_eq!(parse_date("Sep 27, 2017").as_deref(), Some("2017-09-27"));
        assert_eq!(parse_date("27 Sept 2017").as_deref(), Some("2017-09-27"));
        assert_eq!(parse_date("Smarch 27, 2017"), None);
        assert_eq!(parse_date("February 30, 2017"), None);
    }
}
