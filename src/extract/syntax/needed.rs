//! Which sentences the later stages (quotes, events) need parsed: those with a candidate speech
//! or event verb and at least one entity mention or personal pronoun. Everything else is left
//! unparsed unless the caller asks for `tokens`.

// foldhash (seeded per process), not SipHash: these sets are looked up per word.
use foldhash::HashSet;
use std::sync::LazyLock;

use crate::text::Document;

/// Speech and event verbs (lemmas with regular inflection).
const REGULAR: &[&str] = &[
    "say",
    "tell",
    "threaten",
    "state",
    "announce",
    "add",
    "claim",
    "accuse",
    "warn",
    "insist",
    "explain",
    "urge",
    "ask",
    "report",
    "argue",
    "declare",
    "confirm",
    "note",
    "acknowledge",
    "deny",
    "reply",
    "respond",
    "comment",
    "stress",
    "suggest",
    "predict",
    "promise",
    "vow",
    "admit",
    "allege",
    "describe",
    "quote",
    "attack",
    "kill",
    "meet",
    "sign",
    "arrest",
    "protest",
    "threaten",
    "sanction",
    "invade",
    "bomb",
    "strike",
    "fight",
    "negotiate",
    "condemn",
    "criticize",
    "criticise",
    "support",
    "visit",
    "agree",
    "reject",
    "demand",
    "impose",
    "launch",
    "seize",
    "capture",
    "release",
    "deploy",
    "fire",
    "shoot",
    "win",
    "defeat",
    "elect",
    "appoint",
    "resign",
    "sue",
    "charge",
    "convict",
    "sentence",
    "ban",
    "block",
    "withdraw",
    "invest",
    "acquire",
    "merge",
    "hire",
    "order",
    "approve",
    "veto",
    "pass",
    "raid",
    "wound",
    "injure",
    "detain",
    "expel",
    "accept",
    "host",
    "welcome",
    "praise",
    "blame",
    "discuss",
    "plan",
    "help",
    "aid",
    "oppose",
    "call",
    "kidnap",
    "abduct",
    "execute",
    "target",
    "occupy",
    "clash",
    "vote",
    "lead",
    "join",
    "leave",
    "end",
    "start",
    "open",
    "close",
    "cut",
    "raise",
    "buy",
    "sell",
    "pay",
    "offer",
    "provide",
    "send",
    "give",
    "receive",
    "take",
    "hold",
    "lose",
];

/// Irregular forms of the verbs above.
const IRREGULAR: &[&str] = &[
    "said",
    "told",
    "met",
    "struck",
    "fought",
    "shot",
    "won",
    "withdrew",
    "withdrawn",
    "led",
    "left",
    "bought",
    "sold",
    "paid",
    "sent",
    "gave",
    "given",
    "took",
    "taken",
    "held",
    "lost",
    "denied",
    "denies",
    "replied",
    "replies",
    "allied",
];

/// Personal pronouns that can stand for a speaker or an actor.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "us", "his", "their",
];

/// Every inflected form of the verbs, lower case.
static VERB_FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set: HashSet<String> = IRREGULAR.iter().map(|s| (*s).to_string()).collect();
    for v in REGULAR {
        let stem = v.strip_suffix('e').unwrap_or(v);
        set.insert((*v).to_string());
        set.insert(format!("{v}s"));
        set.insert(format!("{v}es"));
        set.insert(format!("{stem}ed"));
        set.insert(format!("{stem}ing"));
        // Doubled final consonant: "planned", "banned", "hitting".
        if let Some(last) = v.chars().last().filter(|c| !"aeiouwy".contains(*c)) {
            set.insert(format!("{v}{last}ed"));
            set.insert(format!("{v}{last}ing"));
        }
    }
    set
});

/// Whether `word` (any case) is a form of a candidate speech or event verb.
pub fn is_candidate_verb(word: &str) -> bool {
    word.len() <= 14 && VERB_FORMS.contains(&word.to_ascii_lowercase())
}

/// The sentences of `doc` worth parsing for quotes and events: a candidate verb and an entity
/// mention (`mentions`: byte spans) or a pronoun. Linear in the document's tokens and mentions.
pub fn needed_sentences(doc: &Document, mentions: &[(usize, usize)]) -> Vec<usize> {
    let n = doc.sentences.len();
    let mut has_verb = vec![false; n];
    let mut has_actor = vec![false; n];
    for t in &doc.tokens {
        let w = &doc.text[t.start..t.end];
        if t.sentence >= n || w.len() > 14 {
            continue;
        }
        if is_candidate_verb(w) {
            has_verb[t.sentence] = true;
        } else if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(w)) {
            has_actor[t.sentence] = true;
        }
    }
    for &(s, _) in mentions {
        let i = doc.sentence_at(s);
        if i < n {
            has_actor[i] = true;
        }
    }
    (0..n).filter(|&i| has_verb[i] && has_actor[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sentences_with_a_verb_and_an_actor_are_needed() {
        let doc = Document::new(
            "The weather was fine.\nHe said the talks failed.\nRebels attacked the town.\nTalks continue.",
        );
        // "Rebels" as an entity mention, found by the caller.
        let rebels = doc.text.find("Rebels").unwrap();
        assert_eq!(needed_sentences(&doc, &[(rebels, rebels + 6)]), [1, 2]);
        assert!(is_candidate_verb("Met") && is_candidate_verb("threatened"));
        assert!(!is_candidate_verb("weather"));
    }
}
