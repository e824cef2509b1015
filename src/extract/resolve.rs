//! Resolution: proposed mentions → entities. Overlaps are settled by source trust and length,
//! then mentions with the same type and name are grouped. (Skeleton: the resolution stage
//! extends this with surnames, acronyms and variants.)

use super::Mention;
use crate::record::{EntityRec, MentionRec};
use crate::text::Document;

/// Keeps, among overlapping mentions, the most trusted and then the longest.
pub fn settle_overlaps(mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if !kept.iter().any(|k| k.overlaps(&m)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// The stable cross-article key of a name and type: deunicoded, lower-case, single-spaced.
pub fn entity_key(name: &str, etype: crate::record::EntityType) -> String {
    let plain = deunicode::deunicode(name).to_lowercase();
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!("{}:{}", etype.label(), words.join(" "))
}

/// Groups mentions into entities, ids in order of first mention.
pub fn entities(doc: &Document, mentions: Vec<Mention>) -> Vec<EntityRec> {
    let mentions = settle_overlaps(mentions);
    let mut out: Vec<EntityRec> = Vec::new();
    for m in &mentions {
        let text = doc.span(m.start, m.end);
        let name = m.canonical.clone().unwrap_or_else(|| text.to_string());
        let key = entity_key(&name, m.etype);
        let rec = MentionRec {
            start: m.start,
            end: m.end,
            text: text.to_string(),
            sentence: doc.sentence_at(m.start),
        };
        if let Some(e) = out.iter_mut().find(|e| e.key == key) {
            e.mentions.push(rec);
            merge_unique(&mut e.titles, &m.titles);
            merge_unique(&mut e.aliases, &m.aliases);
            if e.country.is_none() {
                e.country.clone_from(&m.country);
            }
        } else {
            out.push(EntityRec {
                id: String::new(),
                name,
                etype: m.etype,
                subtype: m.subtype.clone(),
                aliases: m.aliases.clone(),
                titles: m.titles.clone(),
                country: m.country.clone(),
                key,
                salience: 0.0,
                mentions: vec![rec],
            });
        }
    }
    finish(&mut out);
    out
}

/// Numbers entities "E1", "E2", ... and sets their salience (share of all mentions).
pub fn finish(entities: &mut [EntityRec]) {
    let total: usize = entities.iter().map(|e| e.mentions.len()).sum();
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
        e.salience = if total == 0 {
            0.0
        } else {
            e.mentions.len() as f64 / total as f64
        };
    }
}

fn merge_unique(into: &mut Vec<String>, from: &[String]) {
    for s in from {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}
