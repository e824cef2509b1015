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
    self, gender, honorific, is_bare_speaker, is_clause_word, is_determiner, pronoun, speaks_for,
    Gender, Pronoun,
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
    /// Each entity's gender, where its given name or an honorific tells.
    genders: Vec<Option<Gender>>,
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
        // Sized once: no rehashing while filled.
        let n = mentions.len();
        let mut by_start =
            HashMap::with_capacity_and_hasher(n, foldhash::fast::FixedState::default());
        let mut by_end =
            HashMap::with_capacity_and_hasher(n, foldhash::fast::FixedState::default());
        for (i, m) in mentions.iter().enumerate() {
            by_start.entry(m.start).or_insert(i);
            by_end.insert(m.end, i);
        }
        let genders = entities
            .iter()
            .map(|e| {
                if e.etype != EntityType::Person {
                    return None;
                }
                e.name.split(' ').next().and_then(gender).or_else(|| {
                    // "Mrs. Clinton", "Mr. Trump": an honorific before a mention.
                    e.mentions.iter().find_map(|m| {
                        let before = doc.text.get(..m.start)?.trim_end();
                        let word = before.rsplit(' ').next()?;
                        honorific(word)
                    })
                })
            })
            .collect();
        Self {
            doc,
            entities,
            mentions,
            by_start,
            by_end,
            quoted: Vec::new(),
            genders,
        }
    }

    /// Token `i`'s text.
    pub fn tok(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }

    /// Token `i`'s text in lower case (borrowed when it is already).
    pub fn low(&self, i: usize) -> Cow<'a, str> {
        let t = self.doc.token_text(i);
        if !t.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            Cow::Borrowed(t)
        } else if t.is_ascii() {
            // ASCII lower-cases byte for byte (no char decoding, no Unicode tables).
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Owned(t.to_lowercase())
        }
    }

    /// Whether token `i` is a word (starts with a letter).
    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).chars().next().is_some_and(char::is_alphabetic)
    }

    /// Whether token `i` is a number ("43", "60%").
    fn is_number(&self, i: usize) -> bool {
        self.tok(i)
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
    }

    /// The subject at the start of the sentence before token `end` ("Trump attacked Clinton,
    /// saying ..."): its first name mention or personal pronoun within a few words.
    pub fn subject(&self, lo: usize, end: usize) -> Option<Speaker> {
        for k in lo..end.min(lo + 8) {
            let t = self.doc.tokens[k];
            if self.in_quote(t.start) {
                continue;
            }
            if let Some(&m) = self.by_start.get(&t.start) {
                let m = self.mentions[m];
                if matches!(
                    self.entities[m.entity].etype,
                    EntityType::Person | EntityType::Org | EntityType::Norp
                ) {
                    return Some(Speaker {
                        start: m.start,
                        end: m.end,
                        entity: Some(m.entity),
                    });
                }
            }
            if let Some(p @ (Pronoun::Person | Pronoun::Group)) = pronoun(&self.low(k)) {
                return Some(self.pronoun(k, p));
            }
        }
        None
    }

    /// The speaker of a participle cue at `k` after a comma ("Anderson said, adding that ...",
    /// "Trump attacked Clinton, saying ..."): the speaker of a speech verb just before the
    /// comma, else the sentence's subject (outside quoted speech), no further back than `lo`.
    pub fn participle_subject(&self, k: usize, lo: usize) -> Option<Speaker> {
        if k < lo + 2 || self.tok(k - 1) != "," {
            return None;
        }
        let v = k - 2;
        if let Some((class, _)) = lexicon::cue(&self.low(v)) {
            if matches!(
                class,
                lexicon::CueClass::Say | lexicon::CueClass::Tell | lexicon::CueClass::Quoting
            ) {
                if let Some(sp) = self.before(v, lo) {
                    return Some(sp);
                }
            }
        }
        self.subject(lo, k - 1)
    }

    /// Whether byte `at` lies inside a direct quote's content.
    fn in_quote(&self, at: usize) -> bool {
        let i = self.quoted.partition_point(|&(_, e)| e <= at);
        self.quoted.get(i).is_some_and(|&(s, _)| s <= at)
    }

    /// Whether token `i` is a lower-case adverb in -ly ("incorrectly", "recently").
    fn is_adverb(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.len() > 4 && t.ends_with("ly") && t.bytes().all(|b| b.is_ascii_lowercase())
    }

    /// Whether token `i` starts with a capital letter.
    fn is_cap(&self, i: usize) -> bool {
        self.tok(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The speaker named just before cue token `cue`, no further back than token `min`.
    pub fn before(&self, cue: usize, min: usize) -> Option<Speaker> {
        let mut j = cue.checked_sub(1)?;
        while j > min && (lexicon::is_between(&self.low(j)) || self.is_adverb(j)) {
            j -= 1;
        }
        if j > min && self.tok(j) == "," {
            return self.appositive(j, min);
        }
        if j > min && self.tok(j) == ")" {
            // "Sen. Jack Reed (D-R.I.) said": the name before the brackets.
            let open = (j.saturating_sub(12).max(min)..j)
                .rev()
                .find(|&p| self.tok(p) == "(")?;
            return self.before(open, min);
        }
        if j < min || !(self.is_word(j) || self.is_number(j)) {
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
        if is_determiner(&low)
            || is_clause_word(&low)
            || lexicon::breaks_phrase(&low)
            || lexicon::cue(&low).is_some()
        {
            return None;
        }
        self.description_before(j, min)
    }

    /// "Wilcox, a former adviser to the campaign, said": the name before an apposition that
    /// ends with the comma at token `comma`. The apposition may have two parts ("Sen. Lindsey
    /// Graham, R-S.C., a presidential candidate, said") and the name may carry brackets ("Sen.
    /// Johnny Isakson (R-Ga.), one of the co-authors, said").
    fn appositive(&self, comma: usize, min: usize) -> Option<Speaker> {
        let lo = comma.saturating_sub(30).max(min);
        let near = (lo..comma).rev().find(|&p| self.tok(p) == ",")?;
        if let Some(sp) = self.apposed(near, comma, min, false) {
            return Some(sp);
        }
        // A second part: the name before the comma before.
        (lo..near)
            .rev()
            .find(|&p| self.tok(p) == ",")
            .and_then(|far| self.apposed(far, near, min, false))
            .or_else(|| self.apposed(near, comma, min, true))
    }

    /// The name before the apposition between the commas at tokens `open` and `comma`: an
    /// entity's mention, or with `caps` capitalized words the tagger left out.
    fn apposed(&self, open: usize, comma: usize, min: usize, caps: bool) -> Option<Speaker> {
        let first = open + 1;
        if first >= comma || open == 0 || open <= min {
            return None;
        }
        let f = self.low(first);
        let listed = matches!(
            &*f,
            "a" | "an"
                | "the"
                | "who"
                | "whose"
                | "his"
                | "her"
                | "their"
                | "its"
                | "former"
                | "then"
        ) || self.is_cap(first);
        // "Kevin Brady, chairman of the committee,": a bare title after a name.
        let titled = self.is_word(first) && !is_clause_word(&f) && !lexicon::breaks_phrase(&f);
        let mut name_end = open - 1;
        if self.tok(name_end) == ")" {
            // "Isakson (R-Ga.),": the name before the brackets.
            let o = (name_end.saturating_sub(12).max(min)..name_end)
                .rev()
                .find(|&p| self.tok(p) == "(")?;
            name_end = o.checked_sub(1)?;
            if name_end < min {
                return None;
            }
        }
        let end = self.doc.tokens[name_end].end;
        if let Some(&m) = self.by_end.get(&end) {
            let m = self.mentions[m];
            if (listed || titled)
                && m.start >= self.doc.tokens[min].start
                && matches!(
                    self.entities[m.entity].etype,
                    EntityType::Person | EntityType::Org | EntityType::Norp
                )
            {
                return Some(Speaker {
                    start: m.start,
                    end: m.end,
                    entity: Some(m.entity),
                });
            }
        }
        let j = name_end;
        if !caps || !listed || !self.is_cap(j) || lexicon::is_calendar(&self.low(j)) {
            return None;
        }
        let mut s = j;
        while s > min && self.is_cap(s - 1) && self.doc.joined(s - 1) {
            s -= 1;
        }
        // "In March, ...": a phrase after a preposition is no speaker.
        if s > 0
            && matches!(
                &*self.low(s - 1),
                "in" | "on" | "at" | "from" | "to" | "for" | "of" | "by"
            )
        {
            return None;
        }
        Some(Speaker {
            start: self.doc.tokens[s].start,
            end: self.doc.tokens[j].end,
            entity: None,
        })
    }

    /// A noun phrase ending at token `j`: "the minister", "a spokesman for the ministry",
    /// "Italy's defence minister", "officials", or capitalized words the tagger left out.
    fn description_before(&self, j: usize, min: usize) -> Option<Speaker> {
        let lo = j.saturating_sub(5).max(min);
        let mut start = None;
        let mut first_ok = j + 1;
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
            if !(self.is_word(k) || self.is_number(k))
                || is_clause_word(&low)
                || lexicon::breaks_phrase(&low)
                || (k < j && lexicon::cue(&low).is_some())
            {
                break;
            }
            first_ok = k;
            if k == 0 {
                break;
            }
            k -= 1;
        }
        let low_j = self.low(j);
        let sent_start = self.doc.sentences[self.doc.tokens[j].sentence].tokens.start;
        let start = match start {
            Some(s) => s,
            // "Social conservatives say", "Clinton advisers say": the sentence's subject.
            None if first_ok == sent_start && first_ok < j => first_ok,
            // "43 said", "Others say".
            None if self.is_number(j) => j,
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
                if lexicon::is_calendar(&self.low(j)) {
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
            Pronoun::Person => {
                let want = if self.low(j) == "she" {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let q = self.mentions.partition_point(|m| m.start < t.start);
                let fits = |m: &&Ment| {
                    self.entities[m.entity].etype == EntityType::Person
                        && self.genders[m.entity].is_none_or(|g| g == want)
                };
                self.previous_subject(j, &fits).or_else(|| {
                    self.mentions[..q]
                        .iter()
                        .rev()
                        .take(200)
                        .find(fits)
                        .map(|m| m.entity)
                })
            }
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

    /// For a pronoun that opens its sentence ("She told reporters ..."), the subject of the
    /// sentence before: its first person mention, when that stands in its first eight tokens, after
    /// no preposition or pronoun ("Making her way around Chez Vachon"), is no possessive
    /// ("Hillary Clinton's use"), lies outside quoted speech, and `fits`.
    fn previous_subject(&self, j: usize, fits: &dyn Fn(&&Ment) -> bool) -> Option<usize> {
        let si = self.doc.tokens[j].sentence;
        let sent = &self.doc.sentences[si];
        if sent.tokens.start != j || si == 0 {
            return None;
        }
        let prev = &self.doc.sentences[si - 1];
        let a = self.mentions.partition_point(|m| m.start < prev.start);
        let m = self.mentions[a..]
            .iter()
            .take_while(|m| m.start < prev.end)
            .find(|m| {
                !self.in_quote(m.start) && self.entities[m.entity].etype == EntityType::Person
            })?;
        let first = self.doc.token_at(m.start);
        if first >= prev.tokens.start + 8
            || (prev.tokens.start..first).any(|k| {
                let low = self.low(k);
                pronoun(&low).is_some() || lexicon::breaks_phrase(&low) || low == "around"
            })
        {
            return None;
        }
        let after = self.doc.token_at(m.end);
        let possessive = after < self.doc.tokens.len() && matches!(self.tok(after), "’s" | "'s");
        (fits(&m) && !possessive).then_some(m.entity)
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
