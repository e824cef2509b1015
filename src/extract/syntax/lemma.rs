//! The lemmatizer: suffix rules per part of speech learned from the treebank ("-ied" → "-y"
//! for VERB), and an exception table for the words the rules get wrong (met → meet, said →
//! say, 's → be). Proper nouns keep their form.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt};

use super::tags::{Upos, UPOS};

/// Longest suffix a rule looks at, in characters.
const MAX_SUFFIX: usize = 5;

/// A rewrite: drop `strip` characters, append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    strip: u8,
    add: String,
}

/// Rules and exceptions.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (tag, lower-case suffix) → rule, for suffixes of 0..=[`MAX_SUFFIX`] characters.
    rules: HashMap<(u8, String), Rule>,
    /// (tag, word as written or lower-cased) → lemma.
    exceptions: HashMap<(u8, String), String>,
}

fn rule_of(word: &str, lemma: &str) -> Option<Rule> {
    let w: Vec<char> = word.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = w.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = u8::try_from(w.len() - common).ok()?;
    Some(Rule {
        strip,
        add: l[common..].iter().collect(),
    })
}

fn apply(word: &str, r: &Rule) -> Option<String> {
    let n = word.chars().count();
    let keep = n.checked_sub(r.strip as usize)?;
    let mut s: String = word.chars().take(keep).collect();
    s.push_str(&r.add);
    (!s.is_empty()).then_some(s)
}

fn suffix(word: &str, k: usize) -> &str {
    let n = word.chars().count();
    if k >= n {
        return word;
    }
    let (b, _) = word.char_indices().nth(n - k).unwrap_or((0, ' '));
    &word[b..]
}

impl Lemmatizer {
    /// Learns rules and exceptions from (word, tag, lemma) triples.
    pub fn train<'a>(data: impl Iterator<Item = (&'a str, Upos, &'a str)> + Clone) -> Self {
        // Rule counts per (tag, suffix).
        let mut counts: HashMap<(u8, String), HashMap<Rule, u32>> = HashMap::new();
        for (w, t, l) in data.clone() {
            let lw = w.to_lowercase();
            let Some(r) = rule_of(&lw, &l.to_lowercase()) else {
                continue;
            };
            let n = lw.chars().count();
            for k in 0..=MAX_SUFFIX.min(n) {
                *counts
                    .entry((t.0, suffix(&lw, k).to_string()))
                    .or_default()
                    .entry(r.clone())
                    .or_default() += 1;
            }
        }
        let mut rules = HashMap::new();
        for (k, c) in counts {
            let total: u32 = c.values().sum();
            if let Some((r, &n)) = c
                .iter()
                .max_by_key(|(r, &n)| (n, std::cmp::Reverse(r.add.clone())))
            {
                if total >= 2 || k.1.is_empty() {
                    let _ = n;
                    rules.insert(k, r.clone());
                }
            }
        }
        let mut me = Self {
            rules,
            exceptions: HashMap::new(),
        };
        // Exceptions: the most frequent lemma of each (tag, word) where the rules are wrong.
        let mut seen: HashMap<(u8, String), HashMap<String, u32>> = HashMap::new();
        for (w, t, l) in data {
            *seen
                .entry((t.0, w.to_string()))
                .or_default()
                .entry(l.to_string())
                .or_default() += 1;
        }
        for ((t, w), ls) in seen {
            let Some((best, _)) = ls
                .iter()
                .max_by_key(|(l, &n)| (n, std::cmp::Reverse((*l).clone())))
            else {
                continue;
            };
            if me.lemma(&w, Upos(t)) != *best {
                me.exceptions.insert((t, w), best.clone());
            }
        }
        me
    }

    /// The lemma of `word` tagged `tag`.
    pub fn lemma(&self, word: &str, tag: Upos) -> String {
        if let Some(l) = self.exceptions.get(&(tag.0, word.to_string())) {
            return l.clone();
        }
        if tag == Upos::PROPN || word.chars().count() > 40 {
            return word.to_string();
        }
        let lw = word.to_lowercase();
        if let Some(l) = self.exceptions.get(&(tag.0, lw.clone())) {
            return l.clone();
        }
        let n = lw.chars().count();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            if let Some(r) = self.rules.get(&(tag.0, suffix(&lw, k).to_string())) {
                if let Some(l) = apply(&lw, r) {
                    return l;
                }
            }
        }
        lw
    }

    /// Appends the lemmatizer to `out` (lines `R tag suffix strip add` and `E tag word lemma`,
    /// tab-separated, after a byte count).
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut lines: Vec<String> = self
            .rules
            .iter()
            .map(|((t, s), r)| format!("R\t{}\t{s}\t{}\t{}", UPOS[*t as usize], r.strip, r.add))
            .chain(
                self.exceptions
                    .iter()
                    .map(|((t, w), l)| format!("E\t{}\t{w}\t{l}", UPOS[*t as usize])),
            )
            .collect();
        lines.sort();
        let text = lines.join("\n");
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }

    /// Reads a lemmatizer written by [`Lemmatizer::write`] at `*pos`, advancing it.
    pub fn read(bytes: &[u8], pos: &mut usize) -> Option<Self> {
        let n = super::weights::read_u32(bytes, pos)? as usize;
        let text = std::str::from_utf8(bytes.get(*pos..*pos + n)?).ok()?;
        *pos += n;
        let mut me = Self::default();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["R", t, s, strip, add] => {
                    let Ok(strip) = strip.parse() else { continue };
                    me.rules.insert(
                        (Upos::parse(t).0, (*s).to_string()),
                        Rule {
                            strip,
                            add: (*add).to_string(),
                        },
                    );
                }
                ["E", t, w, l] => {
                    me.exceptions
                        .insert((Upos::parse(t).0, (*w).to_string()), (*l).to_string());
                }
                _ => {}
            }
        }
        Some(me)
    }
}
