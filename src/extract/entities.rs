//! The mentions stage: every tagger's candidate names (titled people, works and other MISC
//! names with a subtype, acronym definitions, gazetteer places and groups, the statistical
//! tagger), minus those inside a URL, handle or
//! email. Resolution into entities is [`super::resolve`]'s job.

use super::{acronyms, gazetteer, ner, people, works, Mention};
use crate::record::LinkRec;
use crate::text::Document;

/// Candidate mentions of one document, in tagger order, none overlapping a non-hashtag link
/// ("@MaryFitzger" and "https://www.Reuters.com/..." are links, not names).
pub fn mentions(doc: &Document, links: &[LinkRec]) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    mentions.extend(people::titled(doc));
    mentions.extend(works::mentions(doc));
    mentions.extend(acronyms::definitions(doc));
    mentions.extend(gazetteer::mentions(doc));
    mentions.extend(ner::tag(doc));
    let spans = LinkSpans::new(links);
    mentions.retain(|m| !spans.overlaps(m.start, m.end));
    mentions
}

/// The byte spans of a document's URLs, handles and emails (hashtags excluded), merged into
/// sorted, disjoint intervals so that an overlap test is one binary search.
#[derive(Debug, Default)]
pub struct LinkSpans(Vec<(usize, usize)>);

impl LinkSpans {
    /// Sorts and merges the spans of every link but hashtags: O(n log n) in the links.
    pub fn new(links: &[LinkRec]) -> Self {
        let mut spans: Vec<(usize, usize)> = links
            .iter()
            .filter(|l| l.kind != "hashtag")
            .map(|l| (l.start, l.end))
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                // Only strictly overlapping spans merge, so touching ones keep their boundary.
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        Self(merged)
    }

    /// Whether `start..end` overlaps a span (`span.start < end && start < span.end`). The spans
    /// are disjoint and sorted, so their ends grow too: only the last span starting before
    /// `end` can reach past `start`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.0.partition_point(|&(s, _)| s < end);
        i > 0 && start < self.0[i - 1].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(kind: &str, start: usize, end: usize) -> LinkRec {
        LinkRec {
            kind: kind.into(),
            start,
            end,
            text: String::new(),
        }
    }

    /// The all-pairs test this lookup replaces.
    fn naive(links: &[LinkRec], start: usize, end: usize) -> bool {
        links
            .iter()
            .any(|l| l.kind != "hashtag" && l.start < end && start < l.end)
    }

    #[test]
    fn lookup_agrees_with_the_all_pairs_test() {
        let links = vec![
            link("url", 40, 60),
            link("handle", 10, 20),
            link("email", 15, 30),
            link("hashtag", 70, 80),
            link("url", 30, 35),
            link("url", 90, 90),
        ];
        let spans = LinkSpans::new(&links);
        for start in 0..100 {
            for end in start..100 {
                assert_eq!(
                    spans.overlaps(start, end),
                    naive(&links, start, end),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn names_inside_handles_and_urls_are_dropped() {
        let text = "Mary Fitzgerald (@MaryFitzger) wrote on https://www.Reuters.com/Libya today.";
        let doc = Document::new(text);
        let links = crate::extract::links::links(&doc);
        let found = mentions(&doc, &links);
        let words: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert!(words.contains(&"Mary Fitzgerald"), "{words:?}");
        assert!(
            words
                .iter()
                .all(|w| !w.contains("MaryFitzger") && !w.contains("Reuters")),
            "{words:?}"
        );
    }
}
