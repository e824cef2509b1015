//! Entity labels and the BILOU tag set the tagger decodes over.

/// An entity label of the CoNLL-2003 scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A location.
    Loc,
    /// Any other name (nationalities, events, products, ...).
    Misc,
}

impl Label {
    /// All labels, in tag order.
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// The CoNLL name ("PER", "ORG", "LOC", "MISC").
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// Parses a CoNLL name.
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Number of BILOU tags: `O` plus B, I, L, U for each of the four labels.
pub const N_TAGS: usize = 17;

/// Tag 0 is `O`.
pub const O: u8 = 0;

/// Position of a token in its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Outside any entity.
    O,
    /// First token of a multi-token entity.
    B,
    /// Inside a multi-token entity.
    I,
    /// Last token of a multi-token entity.
    L,
    /// A one-token entity.
    U,
}

/// The tag for `part` of `label` (`O` ignores `label`).
pub fn tag(part: Part, label: Label) -> u8 {
    let base = 1 + 4 * label.index() as u8;
    match part {
        Part::O => O,
        Part::B => base,
        Part::I => base + 1,
        Part::L => base + 2,
        Part::U => base + 3,
    }
}

/// The part and label of `tag` (`None` label for `O`).
pub fn split(tag: u8) -> (Part, Option<Label>) {
    if tag == O || tag as usize >= N_TAGS {
        return (Part::O, None);
    }
    let t = tag - 1;
    let label = Label::ALL[(t / 4) as usize];
    let part = match t % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::L,
        _ => Part::U,
    };
    (part, Some(label))
}

/// Whether `cur` may follow `prev` in a well-formed BILOU sequence.
pub fn allowed(prev: u8, cur: u8) -> bool {
    let (pp, pl) = split(prev);
    let (cp, cl) = split(cur);
    let open = matches!(pp, Part::B | Part::I);
    match cp {
        Part::I | Part::L => open && pl == cl,
        Part::O | Part::B | Part::U => !open,
    }
}

/// Whether a sentence may start with `tag`.
pub fn allowed_start(tag: u8) -> bool {
    matches!(split(tag).0, Part::O | Part::B | Part::U)
}

/// Whether a sentence may end with `tag`.
pub fn allowed_end(tag: u8) -> bool {
    matches!(split(tag).0, Part::O | Part::L | Part::U)
}

/// A labelled token span `[start, end)` within a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The label.
    pub label: Label,
}

/// BILOU tags for `n` tokens holding `spans` (spans must not overlap).
pub fn encode(n: usize, spans: &[Span]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.start >= s.end || s.end > n {
            continue;
        }
        if s.end - s.start == 1 {
            tags[s.start] = tag(Part::U, s.label);
        } else {
            tags[s.start] = tag(Part::B, s.label);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(Part::I, s.label);
            }
            tags[s.end - 1] = tag(Part::L, s.label);
        }
    }
    tags
}

/// The spans of a tag sequence. Tolerant of ill-formed sequences: a B or I without its L closes
/// at the last token of the same label.
pub fn decode(tags: &[u8]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (part, label) = split(t);
        if let Some((s, l)) = open {
            if !(matches!(part, Part::I | Part::L) && label == Some(l)) {
                spans.push(Span {
                    start: s,
                    end: i,
                    label: l,
                });
                open = None;
            }
        }
        match (part, label) {
            (Part::U, Some(l)) => spans.push(Span {
                start: i,
                end: i + 1,
                label: l,
            }),
            (Part::B, Some(l)) => open = Some((i, l)),
            (Part::I, Some(l)) if open.is_none() => open = Some((i, l)),
            (Part::L, Some(l)) => match open.take() {
                Some((s, _)) => spans.push(Span {
                    start: s,
                    end: i + 1,
                    label: l,
                }),
                None => spans.push(Span {
                    start: i,
                    end: i + 1,
                    label: l,
                }),
            },
            _ => {}
        }
    }
    if let Some((s, l)) = open {
        spans.push(Span {
            start: s,
            end: tags.len(),
            label: l,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let spans = vec![
            Span {
                start: 0,
                end: 1,
                label: Label::Org,
            },
            Span {
                start: 3,
                end: 6,
                label: Label::Per,
            },
        ];
        let tags = encode(7, &spans);
        assert_eq!(decode(&tags), spans);
        assert!(tags.windows(2).all(|w| allowed(w[0], w[1])));
    }

    #[test]
    fn split_and_tag_agree() {
        for l in Label::ALL {
            for p in [Part::B, Part::I, Part::L, Part::U] {
                assert_eq!(split(tag(p, l)), (p, Some(l)));
            }
        }
        assert!(!allowed(O, tag(Part::I, Label::Loc)));
        assert!(!allowed(tag(Part::B, Label::Per), tag(Part::L, Label::Org)));
    }
}
