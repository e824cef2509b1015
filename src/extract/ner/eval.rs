//! Gold data and scoring shared by the trainer and the evaluation binary: JSONL documents with
//! entity spans, their mapping onto [`Document`] tokens, and exact-span precision/recall/F1.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::tags::{Label, Span};
use crate::text::Document;

/// A labelled document: its text and gold entities (byte offsets).
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// The text.
    pub text: String,
    /// Gold entities `(start byte, end byte, label)`.
    pub entities: Vec<(usize, usize, Label)>,
}

/// Reads a JSONL file of `{text, entities: [{start, end, label}]}` (code-point offsets).
/// `map` turns the file's labels into ours; entities it maps to `None` are dropped.
pub fn load_jsonl(path: &Path, map: fn(&str) -> Option<Label>) -> std::io::Result<Vec<GoldDoc>> {
    let file = std::fs::File::open(path)?;
    let mut docs = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let mut entities = Vec::new();
        for e in v["entities"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(s), Some(t), Some(l)) = (
                e["start"].as_u64(),
                e["end"].as_u64(),
                e["label"].as_str().and_then(map),
            ) else {
                continue;
            };
            if let (Some(&s), Some(&t)) = (byte_of.get(s as usize), byte_of.get(t as usize)) {
                entities.push((s, t, l));
            }
        }
        docs.push(GoldDoc { text, entities });
    }
    Ok(docs)
}

/// CoNLL-2003 labels.
pub fn conll_label(s: &str) -> Option<Label> {
    Label::parse(s)
}

/// GMB labels: per → PER, org → ORG, geo/gpe → LOC, art/eve/nat → MISC, tim dropped.
pub fn gmb_label(s: &str) -> Option<Label> {
    match s {
        "per" => Some(Label::Per),
        "org" => Some(Label::Org),
        "geo" | "gpe" => Some(Label::Loc),
        "art" | "eve" | "nat" => Some(Label::Misc),
        _ => None,
    }
}

/// Gold entities as token spans per sentence of `doc`. Entities that do not start and end on
/// token boundaries within one sentence are stretched to the tokens they touch (counted in the
/// second value).
pub fn token_spans(doc: &Document, entities: &[(usize, usize, Label)]) -> (Vec<Vec<Span>>, usize) {
    let sentences = super::ner_sentences(doc);
    let mut out = vec![Vec::new(); sentences.len()];
    let mut off = 0;
    for &(s, e, label) in entities {
        let first = doc.tokens.partition_point(|t| t.end <= s);
        let last = doc.tokens.partition_point(|t| t.start < e);
        let (Some(a), Some(b)) = (
            doc.tokens.get(first),
            last.checked_sub(1).and_then(|l| doc.tokens.get(l)),
        ) else {
            off += 1;
            continue;
        };
        if last <= first {
            off += 1;
            continue;
        }
        let si = sentences.partition_point(|r| r.end <= first);
        let Some(sent) = sentences.get(si) else {
            continue;
        };
        if a.start != s || b.end != e || last > sent.end {
            off += 1;
        }
        let end = last.min(sent.end);
        out[si].push(Span {
            start: first - sent.start,
            end: end - sent.start,
            label,
        });
    }
    for v in &mut out {
        v.sort();
        // Overlaps cannot be encoded: keep the first.
        let mut last_end = 0;
        v.retain(|s| {
            let keep = s.start >= last_end;
            if keep {
                last_end = s.end;
            }
            keep
        });
    }
    (out, off)
}

/// True positives, false positives and false negatives per label.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    counts: [[usize; 3]; 4],
}

impl Scores {
    /// Adds one document's gold and predicted entities (any comparable span identity).
    pub fn add<T: Eq + std::hash::Hash + Copy>(
        &mut self,
        gold: &[(T, Label)],
        pred: &[(T, Label)],
    ) {
        let g: HashSet<(T, Label)> = gold.iter().copied().collect();
        let p: HashSet<(T, Label)> = pred.iter().copied().collect();
        for x in &p {
            let c = &mut self.counts[x.1 as usize];
            if g.contains(x) {
                c[0] += 1;
            } else {
                c[1] += 1;
            }
        }
        for x in g.difference(&p) {
            self.counts[x.1 as usize][2] += 1;
        }
    }

    fn prf(c: [usize; 3]) -> (f64, f64, f64) {
        let p = if c[0] + c[1] > 0 {
            c[0] as f64 / (c[0] + c[1]) as f64
        } else {
            0.0
        };
        let r = if c[0] + c[2] > 0 {
            c[0] as f64 / (c[0] + c[2]) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }

    /// Precision, recall, F1 (percent) of one label.
    pub fn label(&self, l: Label) -> (f64, f64, f64) {
        Self::prf(self.counts[l as usize])
    }

    /// Micro-averaged precision, recall, F1 (percent).
    pub fn micro(&self) -> (f64, f64, f64) {
        let mut t = [0; 3];
        for c in &self.counts {
            for k in 0..3 {
                t[k] += c[k];
            }
        }
        Self::prf(t)
    }

    /// Number of gold entities.
    pub fn n_gold(&self) -> usize {
        self.counts.iter().map(|c| c[0] + c[2]).sum()
    }

    /// Markdown table rows `| label | P | R | F1 | gold |` for each label and the micro average.
    pub fn markdown(&self) -> String {
        let mut s = String::from("| Label | P | R | F1 | Gold |\n|---|---:|---:|---:|---:|\n");
        for l in Label::ALL {
            let (p, r, f) = self.label(l);
            let c = self.counts[l as usize];
            s.push_str(&format!(
                "| {} | {p:.2} | {r:.2} | {f:.2} | {} |\n",
                l.as_str(),
                c[0] + c[2]
            ));
        }
        let (p, r, f) = self.micro();
        s.push_str(&format!(
            "| **micro** | {p:.2} | {r:.2} | **{f:.2}** | {} |\n",
            self.n_gold()
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_spans_map_to_document_tokens() {
        let text = "Peter Blackburn visited Zürich ’s zoo .\nBRUSSELS 1996-08-22 P. Simmons";
        let z = text.find("Zürich").unwrap();
        let b = text.find("BRUSSELS").unwrap();
        let ents = vec![
            (0, 15, Label::Per),
            (z, z + "Zürich".len(), Label::Loc),
            (b, b + 8, Label::Loc),
        ];
        let doc = Document::new(text);
        let (spans, off) = token_spans(&doc, &ents);
        assert_eq!(off, 0);
        assert_eq!(
            spans[0],
            vec![
                Span {
                    start: 0,
                    end: 2,
                    label: Label::Per
                },
                Span {
                    start: 3,
                    end: 4,
                    label: Label::Loc
                },
            ]
        );
        assert_eq!(
            spans[1][0],
            Span {
                start: 0,
                end: 1,
                label: Label::Loc
            }
        );
        assert_eq!(spans.len(), 2, "the initial does not split the sentence");
    }

    #[test]
    fn exact_span_scores() {
        let mut s = Scores::default();
        s.add(
            &[((0, 2), Label::Per), ((5, 6), Label::Loc)],
            &[((0, 2), Label::Per), ((5, 6), Label::Org)],
        );
        assert_eq!(s.label(Label::Per).2, 100.0);
        let (p, r, f) = s.micro();
        assert_eq!((p, r, f), (50.0, 50.0, 50.0));
    }
}
