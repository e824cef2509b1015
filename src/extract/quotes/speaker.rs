//! Who is speaking: the words next to a cue that name the speaker, and the entity they mean.
//!
//! A name is its entity; a pronoun ("he", "they", "who") is the nearest compatible entity before
//! it; a description is the person who holds that title ("the minister") or the organization it
//! speaks for ("a spokesman for the ministry"); anything else keeps its words and no entity.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::record::{EntityRec, EntityType};
use crate::text::Document;

use super::lexicon::{
    self, is_bare_speaker, is_clause_word, is_determiner, pronoun, speaks_for, Pronoun,
};

/// The words that name a speaker and the entity they resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Start byte of the words.
    pub start: usize,
    /// End byte of the words.
    pub end: usize,
    /// Index of the entity in the article's entity list.
    pub entity: Option<usize>,
}

/// One entity mention, byte offsets.
#[derive(Debug, Clone, Copy)]
struct Ment {
    start: usize,
    end: usize,
    entity: usize,
}

/// The article's tokens and entity mentions, indexed for the speaker searches.
pub struct Context<'a, 'd> {
    /// The document.
    pub doc: &'d Document<'a>,
    /// The entities (byte offsets).
    pub entities: &'d [EntityRec],
    mentions: Vec<Ment>,
    by_start: HashMap<usize, usize, foldhash::fast::FixedState>,
    by_end: HashMap<usize, usize, foldhash::fast::FixedState>,
    /// Byte spans of direct quotes' contents: their mentions are no pronoun's antecedent.
    pub quoted: Vec<(usize, usize)>,
}

impl<'a, 'd> Context<'a, 'd> {
    /// Indexes the mentions of `entities` over `doc`.
    pub fn new(doc: &'d Document<'a>, entities: &'d [EntityRec]) -> Self {
        let mut mentions: Vec<Ment> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.mentions.iter().map(move |m| Ment {
                    start: m.start,
                    end: m.end,
                    entity: i,
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));
        let mut by_start = HashMap::with_hasher(foldhash::fast::FixedState::default());
        let mut by_end = HashMap::with_hasher(foldhash::fast::FixedState::default());
        for (i, m) in mentions.iter().enumerate() {
            by_start.entry(m.start).or_insert(i);
            by_end.insert(m.end, i);
        }
        Self {
            doc,
            entities,
            mentions,
            by_start,
            by_end,
            quoted: Vec::new(),
        }
    }

    /// Token `i`'s text.
    pub fn tok(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }

    /// Token `i`'s text in lower case (borrowed when it is already).
    pub fn low(&self, i: usize) -> Cow<'a, str> {
        let t = self.doc.token_text(i);
        if t.bytes().any(|b| b.is_ascii_uppercase()) || !t.is_ascii() {
            Cow::Owned(t.to_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    }

    /// Whether token `i` is a word (starts with a letter).
    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).chars().next().is_some_and(char::is_alphabetic)
    }

    /// Whether token `i` starts with a capital letter.
    fn is_cap(&self, i: usize) -> bool {
        self.tok(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The speaker named just before cue token `cue`, no further back than token `min`.
    pub fn before(&self, cue: usize, min: usize) -> Option<Speaker> {
        let mut j = cue.checked_sub(1)?;
        while j > min && lexicon::is_between(&self.low(j)) {
            j -= 1;
        }
        if j < min || !self.is_word(j) {
            return None;
        }
        let t = self.doc.tokens[j];
        if let Some(&m) = self.by_end.get(&t.end) {
            let m = self.mentions[m];
            if m.start >= self.doc.tokens[min].start {
                let e = &self.entities[m.entity];
                if e.etype != EntityType::Misc {
                    return Some(Speaker {
                        start: m.start,
                        end: m.end,
                        entity: Some(m.entity),
                    });
                }
            }
        }
        let low = self.low(j);
        if let Some(p) = pronoun(&low) {
            return Some(self.pronoun(j, p));
        }
        if is_determiner(&low) || is_clause_word(&low) || lexicon::cue(&low).is_some() {
            return None;
        }
        self.description_before(j, min)
    }

    /// A noun phrase ending at token `j`: "the minister", "a spokesman for the ministry",
    /// "Italy's defence minister", "officials", or capitalized words the tagger left out.
    fn description_before(&self, j: usize, min: usize) -> Option<Speaker> {
        let lo = j.saturating_sub(8).max(min);
        let mut start = None;
        let mut k = j;
        while k >= lo {
            let low = self.low(k);
            if is_determiner(&low) {
                start = Some(k);
                break;
            }
            if matches!(&*low, "’s" | "'s") && k > lo {
                // Possessive: the owner opens the phrase (or its own determiner).
                k -= 1;
                start = Some(
                    self.by_end
                        .get(&self.doc.tokens[k].end)
                        .map_or(k, |&m| self.doc.token_at(self.mentions[m].start)),
                );
                break;
            }
            if !self.is_word(k) || is_clause_word(&low) || (k < j && lexicon::cue(&low).is_some()) {
                break;
            }
            if k == 0 {
                break;
            }
            k -= 1;
        }
        let low_j = self.low(j);
        let start = match start {
            Some(s) => s,
            None if is_bare_speaker(&low_j) => {
                // "senior officials", "U.S. officials": keep a capitalized or listed word before.
                if j > min && (self.is_cap(j - 1) || is_determiner(&self.low(j - 1))) {
                    j - 1
                } else {
                    j
                }
            }
            None if self.is_cap(j) => {
                let mut s = j;
                while s > min && self.is_cap(s - 1) && self.doc.joined(s - 1) {
                    s -= 1;
                }
                if s == self.doc.sentences[self.doc.tokens[j].sentence].tokens.start && s == j {
                    return None;
                }
                s
            }
            None => return None,
        };
        // "a spokesman for the ministry": the phrase before the preposition is the speaker.
        let mut start = start;
        if start > min + 1 && matches!(&*self.low(start - 1), "for" | "of" | "at" | "from" | "with")
        {
            if let Some(outer) = self.description_before(start - 2, min) {
                let head = self.doc.token_at(outer.start);
                if (head..start - 1).any(|h| speaks_for(&self.low(h)) || self.is_title(h)) {
                    start = head;
                }
            }
        }
        let (s, e) = (self.doc.tokens[start].start, self.doc.tokens[j].end);
        Some(Speaker {
            start: s,
            end: e,
            entity: self.resolve_description(start, j),
        })
    }

    /// Whether token `i` is a word of some person's title ("minister").
    fn is_title(&self, i: usize) -> bool {
        let low = self.low(i);
        low.len() > 2
            && self.entities.iter().any(|e| {
                e.etype == EntityType::Person
                    && e.titles
                        .iter()
                        .any(|t| t.split(' ').any(|w| w.eq_ignore_ascii_case(&low)))
            })
    }

    /// The entity a description (tokens `a..=b`) means, if the article says.
    fn resolve_description(&self, a: usize, b: usize) -> Option<usize> {
        let span_start = self.doc.tokens[a].start;
        // A mention inside the phrase: the organization a spokesman speaks for, or the owner.
        let inner = (a..=b).find_map(|k| self.by_start.get(&self.doc.tokens[k].start).copied());
        let head = (a..=b)
            .find(|&k| matches!(&*self.low(k), "for" | "of" | "at" | "from" | "with"))
            .map_or(b, |p| p.saturating_sub(1).max(a));
        let head_low = self.low(head);
        if let Some(m) = inner {
            let m = self.mentions[m];
            let e = &self.entities[m.entity];
            if m.end == self.doc.tokens[b].end && matches!(e.etype, EntityType::Person) {
                return Some(m.entity);
            }
            if speaks_for(&head_low) && e.etype != EntityType::Person {
                return Some(m.entity);
            }
        }
        // "the minister" → the person titled so, nearest before (else the first after).
        let titled = |e: &EntityRec| {
            e.etype == EntityType::Person
                && e.titles.iter().any(|t| {
                    t.split(' ')
                        .next_back()
                        .is_some_and(|w| w.eq_ignore_ascii_case(&head_low))
                })
        };
        if head_low.len() > 2 {
            if let Some(m) = self.nearest(span_start, |e| titled(e)) {
                return Some(m);
            }
        }
        // "a spokesman for the ministry" → the organization whose name holds "Ministry".
        if speaks_for(&self.low(a.max(head))) || head != b {
            let org_low = self.low(b);
            if org_low.len() > 2 {
                return self.nearest(span_start, |e| {
                    matches!(e.etype, EntityType::Org)
                        && e.name.split(' ').any(|w| w.eq_ignore_ascii_case(&org_low))
                });
            }
        }
        None
    }

    /// The entity of the nearest mention before byte `at` that passes `ok` (outside quoted
    /// speech), else of the first after it.
    fn nearest(&self, at: usize, ok: impl Fn(&EntityRec) -> bool) -> Option<usize> {
        let p = self.mentions.partition_point(|m| m.start < at);
        let quoted = |m: &Ment| {
            let q = self.quoted.partition_point(|&(_, e)| e <= m.start);
            self.quoted.get(q).is_some_and(|&(s, _)| s <= m.start)
        };
        self.mentions[..p]
            .iter()
            .rev()
            .take(200)
            .find(|m| ok(&self.entities[m.entity]) && !quoted(m))
            .or_else(|| {
                self.mentions[p..]
                    .iter()
                    .take(200)
                    .find(|m| ok(&self.entities[m.entity]))
            })
            .map(|m| m.entity)
    }

    /// The nearest compatible entity before pronoun token `j`.
    fn pronoun(&self, j: usize, p: Pronoun) -> Speaker {
        let t = self.doc.tokens[j];
        let before = |ok: &dyn Fn(EntityType) -> bool| {
            let q = self.mentions.partition_point(|m| m.start < t.start);
            let quoted = |m: &Ment| {
                let i = self.quoted.partition_point(|&(_, e)| e <= m.start);
                self.quoted.get(i).is_some_and(|&(s, _)| s <= m.start)
            };
            self.mentions[..q]
                .iter()
                .rev()
                .take(200)
                .find(|m| ok(self.entities[m.entity].etype) && !quoted(m))
                .map(|m| m.entity)
        };
        let entity = match p {
            Pronoun::Person => before(&|e| e == EntityType::Person),
            Pronoun::Group => before(&|e| matches!(e, EntityType::Org | EntityType::Norp)),
            Pronoun::Relative => {
                // "Pinotti, who said": the mention just before the comma.
                j.checked_sub(2)
                    .filter(|&k| matches!(self.tok(k + 1), "," | "—"))
                    .and_then(|k| self.by_end.get(&self.doc.tokens[k].end))
                    .map(|&m| self.mentions[m].entity)
            }
            Pronoun::Unresolved => None,
        };
        Speaker {
            start: t.start,
            end: t.end,
            entity,
        }
    }

    /// The speaker named just after cue token `cue` ("said Pinotti", "said a spokesman for the
    /// ministry"), no further than token `max` (exclusive).
    pub fn after(&self, cue: usize, max: usize) -> Option<Speaker> {
        let j = cue + 1;
        if j >= max || !self.is_word(j) {
            return None;
        }
        let t = self.doc.tokens[j];
        if let Some(&m) = self.by_start.get(&t.start) {
            let m = self.mentions[m];
            if self.entities[m.entity].etype != EntityType::Misc {
                return Some(Speaker {
                    start: m.start,
                    end: m.end,
                    entity: Some(m.entity),
                });
            }
        }
        let low = self.low(j);
        match pronoun(&low) {
            Some(p @ (Pronoun::Person | Pronoun::Group)) => return Some(self.pronoun(j, p)),
            Some(_) => return None,
            None => {}
        }
        if !is_determiner(&low) && !is_bare_speaker(&low) && !self.is_cap(j) {
            return None;
        }
        let mut k = j;
        while k + 1 < max && self.is_word(k + 1) && !is_clause_word(&self.low(k + 1)) && k < j + 8 {
            if lexicon::cue(&self.low(k + 1)).is_some() {
                break;
            }
            k += 1;
        }
        if let Some(&m) = self.by_end.get(&self.doc.tokens[k].end) {
            // "said Defence Minister Roberta Pinotti": the name at the end.
            let m = self.mentions[m];
            if self.entities[m.entity].etype == EntityType::Person {
                return Some(Speaker {
                    start: t.start,
                    end: m.end,
                    entity: Some(m.entity),
                });
            }
        }
        Some(Speaker {
            start: t.start,
            end: self.doc.tokens[k].end,
            entity: self.resolve_description(j, k),
        })
    }
}
