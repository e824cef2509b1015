//! Links: URLs (also bare ones like `pic.twitter.com/...`), @handles, #hashtags and emails.
//!
//! Each kind has one regex, compiled once. Candidates are taken in priority order — URLs with a
//! scheme, `www.` URLs, fediverse handles (`@user@host.social`), emails, bare `host.tld/path`
//! URLs, then @handles and #hashtags — and a candidate that overlaps an accepted one is dropped,
//! so an email never also yields a handle and a URL's `/@user` or `#fragment` yields nothing.
//! Offsets are UTF-8 bytes; the extractor converts them.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::record::LinkRec;
use crate::text::Document;

/// Characters a URL path may hold: ASCII URL characters plus letters, marks and digits of any
/// script (so IRIs like `wiki/Salamé` stay whole), but no emoji, curly quotes or spaces.
const PATH: &str = r"[\p{L}\p{M}\p{N}!#$%&'()*+,\-./:;=?@\[\]_~]";

/// `http://`, `https://`, `ftp://` URLs.
static SCHEME_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i:https?|ftp)://[\p{{L}}\p{{N}}\[]{PATH}*")).expect("valid regex")
});

/// `www.host.tld` with an optional path.
static WWW_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:www)\d{{0,3}}\.[\p{{L}}\p{{N}}-]+(?:\.[\p{{L}}\p{{N}}-]+)+(?:[/?#:]{PATH}*)?"
    ))
    .expect("valid regex")
});

/// `host.tld/path` without scheme; the TLD is checked against [`TLDS`].
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+([A-Za-z]{{2,24}})/{PATH}*"
    ))
    .expect("valid regex")
});

/// `local@host.tld`.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\p{L}\p{N}._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}",
    )
    .expect("valid regex")
});

/// `@user@host.tld` (Mastodon and other fediverse accounts).
static FEDI_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@[A-Za-z0-9_]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
        .expect("valid regex")
});

/// `@handle`.
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"@[A-Za-z0-9_]{1,50}").expect("valid regex"));

/// `#hashtag` (any script).
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"#[\p{L}\p{M}\p{N}_]+").expect("valid regex"));

/// The tail of a hex character reference (`&#x20ac;`) whose `&` was lost.
static HTML_HEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#x[0-9A-Fa-f]{2,6}$").expect("valid regex"));

/// Known top-level domains (`tlds.txt`), lower case.
static TLDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("tlds.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// The kinds of link, in the order their candidates are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Url,
    Handle,
    Hashtag,
    Email,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Url => "url",
            Kind::Handle => "handle",
            Kind::Hashtag => "hashtag",
            Kind::Email => "email",
        }
    }
}

/// Every link in the text, in text order.
///
/// Kinds are `url`, `handle`, `hashtag` and `email`; offsets are bytes into `doc.text`, and
/// `text` is the link as written (trailing punctuation such as `.`, `,` or an unbalanced `)`
/// left out).
pub fn links(doc: &Document) -> Vec<LinkRec> {
    find_links(doc.text)
}

/// [`links`] over a plain string.
pub fn find_links(text: &str) -> Vec<LinkRec> {
    // Accepted links by start; they never overlap, so the one starting last before `end` is
    // the only one that can overlap `start..end`.
    let mut found: BTreeMap<usize, (Kind, usize)> = BTreeMap::new();
    let mut add = |kind: Kind, start: usize, end: usize| {
        let overlaps = found
            .range(..end)
            .next_back()
            .is_some_and(|(_, &(_, e))| e > start);
        if start < end && !overlaps {
            found.insert(start, (kind, end));
        }
    };

    for m in SCHEME_URL.find_iter(text) {
        add(Kind::Url, m.start(), trim_url(text, m.start(), m.end()));
    }
    for m in WWW_URL.find_iter(text) {
        if host_boundary_before(text, m.start()) {
            add(Kind::Url, m.start(), trim_url(text, m.start(), m.end()));
        }
    }
    for m in FEDI_HANDLE.find_iter(text) {
        if handle_boundary_before(text, m.start()) && !word_char_after(text, m.end()) {
            add(Kind::Handle, m.start(), m.end());
        }
    }
    for m in EMAIL.find_iter(text) {
        // A local part does not start with a dot or hyphen ("...john@x.org").
        let lead = m.as_str().len() - m.as_str().trim_start_matches(['.', '-']).len();
        let start = m.start() + lead;
        if text.get(start..start + 1) != Some("@") {
            add(Kind::Email, start, m.end());
        }
    }
    for caps in BARE_URL.captures_iter(text) {
        let (Some(m), Some(tld)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if host_boundary_before(text, m.start())
            && TLDS.contains(tld.as_str().to_ascii_lowercase().as_str())
        {
            add(Kind::Url, m.start(), trim_url(text, m.start(), m.end()));
        }
    }
    for m in HANDLE.find_iter(text) {
        if handle_boundary_before(text, m.start()) && !word_char_after(text, m.end()) {
            add(Kind::Handle, m.start(), m.end());
        }
    }
    for m in HASHTAG.find_iter(text) {
        // A letter is needed ("#1" is no tag), and "#x20ac" is a broken HTML entity.
        let tag_ok = m.as_str().chars().any(char::is_alphabetic) && !HTML_HEX.is_match(m.as_str());
        let before_ok = prev_char(text, m.start())
            .is_none_or(|c| !(c.is_alphanumeric() || "&#/_@".contains(c)));
        if tag_ok && before_ok {
            add(Kind::Hashtag, m.start(), m.end());
        }
    }

    found
        .into_iter()
        .map(|(start, (kind, end))| LinkRec {
            kind: kind.label().to_string(),
            start,
            end,
            text: text[start..end].to_string(),
        })
        .collect()
}

/// The character just before byte `at`.
fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// Whether the character at byte `at` continues a word (so a handle ending there is cut short).
fn word_char_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A host name may start at `at`: not inside a word, a longer host, an email or a path.
fn host_boundary_before(text: &str, at: usize) -> bool {
    prev_char(text, at).is_none_or(|c| !(c.is_alphanumeric() || ".@/-_:".contains(c)))
}

/// An @handle may start at `at`: not inside a word or an email, not after another sigil.
fn handle_boundary_before(text: &str, at: usize) -> bool {
    prev_char(text, at).is_none_or(|c| !(c.is_alphanumeric() || "_@.!#$%&*+-=\\".contains(c)))
}

/// The end of a URL matched on `start..end`, without trailing punctuation: `.`, `,`, `;`, `:`,
/// `!`, `?`, quotes, and a `)` or `]` that closes nothing inside the URL; nor a capitalized
/// word run on after a missing space (`www.example.org.His` → `www.example.org`).
fn trim_url(text: &str, start: usize, end: usize) -> usize {
    let end = trim_punctuation(text, start, end);
    let Some(url) = text.get(start..end) else {
        return end;
    };
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    if host.contains(['/', '?', '#', ':']) {
        return end;
    }
    let mut labels = host.rsplit('.');
    if let (Some(last), Some(tld)) = (labels.next(), labels.next()) {
        let capitalized = last.chars().next().is_some_and(char::is_uppercase)
            && last.chars().any(char::is_lowercase);
        if capitalized
            && !TLDS.contains(last.to_lowercase().as_str())
            && TLDS.contains(tld.to_lowercase().as_str())
        {
            return end - last.len() - 1;
        }
    }
    end
}

/// [`trim_url`]'s punctuation part.
fn trim_punctuation(text: &str, start: usize, end: usize) -> usize {
    let mut end = end;
    while let Some(url) = text.get(start..end) {
        let Some(last) = url.chars().next_back() else {
            break;
        };
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            ']' => url.matches('[').count() < url.matches(']').count(),
            _ => false,
        };
        if !strip {
            break;
        }
        end -= last.len_utf8();
    }
    end
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
        Read: Italy begins naval mission to help Libya curb migrant flows\n\
        Italy has been a strong backer of the UN-backed Government of National Accord (GNA) \
        based in Tripoli which rivals Haftar’s eastern alliance.";

    /// `(kind, text)` of every link.
    fn kinds(text: &str) -> Vec<(String, String)> {
        find_links(text)
            .into_iter()
            .map(|l| (l.kind, l.text))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, t)| ((*k).to_string(), (*t).to_string()))
            .collect()
    }

    /// Offsets slice back to the text in every result.
    fn assert_offsets(text: &str) {
        for l in find_links(text) {
            assert_eq!(&text[l.start..l.end], l.text, "{l:?}");
        }
    }

    #[test]
    fn seed_tweet_lines() {
        let text = "Hiftar's LNA releases flurry of pics of his meetings in Rome w/ Italy's interior \
                    & defence mins plus CoS. As usual, son Saddam at his side \
                    pic.twitter.com/Ne1oNsDiB2\n— Mary Fitzgerald (@MaryFitzger) September 27, 2017";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("url", "pic.twitter.com/Ne1oNsDiB2"),
                ("handle", "@MaryFitzger")
            ])
        );
        assert_offsets(text);
    }

    #[test]
    fn seed_article_has_exactly_the_tweet_links() {
        let doc = Document::new(SEED);
        let found = links(&doc);
        assert_eq!(
            found.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["pic.twitter.com/Ne1oNsDiB2", "@MaryFitzger"]
        );
        for l in &found {
            assert_eq!(&SEED[l.start..l.end], l.text);
        }
        // The handle comes after "—" (3 bytes, 1 code point).
        let handle = &found[1];
        assert_eq!(doc.offsets.to_char(handle.start), handle.start - 2);
    }

    #[test]
    fn no_handle_from_w_slash() {
        assert!(kinds("meetings in Rome w/ Italy's interior minister").is_empty());
        assert!(kinds("coffee w/milk and/or tea, 24/7").is_empty());
    }

    #[test]
    fn scheme_urls_trailing_punctuation() {
        let text = "See https://www.libyaherald.com/2017/09/28/haftar-in-rome/. Also \
                    (http://example.org/a?b=1&c=2), and https://en.wikipedia.org/wiki/Tobruk_(city)!";
        assert_eq!(
            kinds(text),
            pairs(&[
                (
                    "url",
                    "https://www.libyaherald.com/2017/09/28/haftar-in-rome/"
                ),
                ("url", "http://example.org/a?b=1&c=2"),
                ("url", "https://en.wikipedia.org/wiki/Tobruk_(city)"),
            ])
        );
        assert_offsets(text);
    }

    #[test]
    fn www_and_bare_urls() {
        let text = "Read more at www.bbc.co.uk/news, bit.ly/2xYz9 and t.co/AbC123. \
                    Not links: U.S./Mexico, 3.5/10, e.g./i.e., a.m./p.m., example.invalidtld/x";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("url", "www.bbc.co.uk/news"),
                ("url", "bit.ly/2xYz9"),
                ("url", "t.co/AbC123"),
            ])
        );
        assert_eq!(
            kinds("Visit WWW.Example.COM."),
            pairs(&[("url", "WWW.Example.COM")])
        );
        assert_eq!(
            kinds("Details at www.honorandremember.org.His family said"),
            pairs(&[("url", "www.honorandremember.org")])
        );
        assert_eq!(
            kinds("see http://abc.com.au and www.gov.uk."),
            pairs(&[("url", "http://abc.com.au"), ("url", "www.gov.uk")])
        );
    }

    #[test]
    fn curly_quotes_accents_and_emoji_around_links() {
        let text = "Salamé said “see https://fr.wikipedia.org/wiki/Ghassan_Salamé” 🇱🇾 \
                    and ‘bit.ly/libya’ — écrivez à presse@ministère.example.fr ou \
                    contact@interno.gov.it 😀 #Libia #Tripoli🙂 @Minniti🙂";
        let got = kinds(text);
        assert_eq!(
            got,
            pairs(&[
                ("url", "https://fr.wikipedia.org/wiki/Ghassan_Salamé"),
                ("url", "bit.ly/libya"),
                ("email", "contact@interno.gov.it"),
                ("hashtag", "#Libia"),
                ("hashtag", "#Tripoli"),
                ("handle", "@Minniti"),
            ])
        );
        assert_offsets(text);
        // Byte offsets differ from code points after the accents and emoji.
        let doc = Document::new(text);
        let tag = links(&doc)
            .into_iter()
            .find(|l| l.text == "#Libia")
            .expect("hashtag");
        let cp = doc.offsets.to_char(tag.start);
        assert_eq!(text.chars().skip(cp).take(6).collect::<String>(), "#Libia");
        assert!(cp < tag.start);
    }

    #[test]
    fn url_next_to_emoji_and_closing_quote() {
        let text = "«https://t.co/xyz»😀 “pic.twitter.com/AbCd”.";
        assert_eq!(
            kinds(text),
            pairs(&[("url", "https://t.co/xyz"), ("url", "pic.twitter.com/AbCd")])
        );
        assert_offsets(text);
    }

    #[test]
    fn emails_do_not_make_handles() {
        let text = "Write to press.office@defence.gov.uk or john_doe@example.com, not @ or a@b.";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("email", "press.office@defence.gov.uk"),
                ("email", "john_doe@example.com"),
            ])
        );
    }

    #[test]
    fn no_handle_or_hashtag_inside_urls() {
        let text = "https://medium.com/@analyst/post#section and medium.com/@other/p#x";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("url", "https://medium.com/@analyst/post#section"),
                ("url", "medium.com/@other/p#x"),
            ])
        );
    }

    #[test]
    fn handles_and_hashtags() {
        let text = "RT @UNSMILibya: talks (#LibyaDialogue, #ليبيا) via @un_news. \
                    Not: C# F#, issue #12, &#8217;, [#x20ac], x@y, email@";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("handle", "@UNSMILibya"),
                ("hashtag", "#LibyaDialogue"),
                ("hashtag", "#ليبيا"),
                ("handle", "@un_news"),
            ])
        );
        assert_offsets(text);
    }

    #[test]
    fn fediverse_handle_is_one_handle() {
        assert_eq!(
            kinds("Follow @reporter@mastodon.social for updates."),
            pairs(&[("handle", "@reporter@mastodon.social")])
        );
    }

    #[test]
    fn empty_and_plain_text() {
        assert!(kinds("").is_empty());
        assert!(kinds("No links here. Just prose, 3.5% growth.").is_empty());
    }
}
