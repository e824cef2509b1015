//! Reading CoNLL-U treebanks (for training and evaluation): sentences with their text, words,
//! gold tags, lemmas and basic dependencies, and each word's byte span in the sentence text.

use super::tags::{Deprel, Upos};

/// One gold word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The word form.
    pub form: String,
    /// The lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: Upos,
    /// Head: 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// Basic relation to the head.
    pub deprel: Deprel,
    /// Byte span in [`GoldSentence::text`], when the words could be aligned to the text.
    pub span: Option<(usize, usize)>,
}

/// One gold sentence.
#[derive(Debug, Clone, Default)]
pub struct GoldSentence {
    /// The `# text =` line (empty when missing).
    pub text: String,
    /// The words, in order.
    pub words: Vec<GoldWord>,
}

/// Parses CoNLL-U text. Multi-word tokens ("don't" = "do" + "n't") give their words sub-spans
/// when the word forms spell the token; comments other than `# text` and empty nodes are
/// skipped; malformed lines are skipped.
pub fn parse(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    // Surface tokens: (first word index, last word index, form).
    let mut surface: Vec<(usize, usize, String)> = Vec::new();
    let mut in_mwt_until = 0usize;
    for line in text.lines().chain(std::iter::once("")) {
        if line.is_empty() {
            if !cur.words.is_empty() {
                align(&mut cur, &surface);
                out.push(std::mem::take(&mut cur));
            }
            cur = GoldSentence::default();
            surface.clear();
            in_mwt_until = 0;
            continue;
        }
        if let Some(t) = line.strip_prefix("# text = ") {
            cur.text = t.to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        if let Some((a, b)) = f[0].split_once('-') {
            if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                surface.push((a - 1, b - 1, f[1].to_string()));
                in_mwt_until = b;
            }
            continue;
        }
        let Ok(id) = f[0].parse::<usize>() else {
            continue; // empty node "8.1"
        };
        if id > in_mwt_until {
            surface.push((id - 1, id - 1, f[1].to_string()));
        }
        cur.words.push(GoldWord {
            form: f[1].to_string(),
            lemma: f[2].to_string(),
            upos: Upos::parse(f[3]),
            head: f[6].parse().unwrap_or(0),
            deprel: Deprel::parse(f[7]),
            span: None,
        });
    }
    out
}

/// Finds each surface token in the text, in order, and gives words their spans.
fn align(s: &mut GoldSentence, surface: &[(usize, usize, String)]) {
    let mut pos = 0;
    for (a, b, form) in surface {
        let Some(off) = s.text.get(pos..).and_then(|t| t.find(form.as_str())) else {
            return;
        };
        let start = pos + off;
        pos = start + form.len();
        let last = (*b).min(s.words.len() - 1);
        let Some(words) = s.words.get_mut(*a..=last) else {
            return;
        };
        let spelled: String = words.iter().map(|w| w.form.as_str()).collect();
        if words.len() == 1 || spelled != *form {
            for w in words.iter_mut() {
                w.span = Some((start, pos));
            }
        } else {
            let mut p = start;
            for w in words.iter_mut() {
                w.span = Some((p, p + w.form.len()));
                p += w.form.len();
            }
        }
    }
}
