//! The tagger's scoring path: pass-1 and pass-2 emission scores of a sentence from per-word
//! cached sums (`words.rs`), the contextual features looked up in the model, and the features
//! with few values (flags, multi-word gazetteer codes, document bits) read from small tables.
//! Equal, bit for bit, to `features::extract` + `Joint::scores_both` (tested below).

use super::features::{
    gazetteer_walk, key, pair, push_position_keys, DocInfo, Position, BOS, EOS, T,
};
use super::model::{add_acc, Acc, Joint};
use super::resources::kind;
use super::words::{
    compute_alone, role_keys, DocWords, Role, Sums, WordCache, WordInfo, N_ROLES, ROLES, SENT3,
};

/// Summed weights of the features with few values, per value.
#[derive(Debug, Clone)]
pub(super) struct Tables {
    /// Per role, the features of a neighbour outside the sentence (BOS/EOS).
    edge: [Acc; N_ROLES],
    /// `Flags` per value (6 bits).
    flags: Vec<Acc>,
    /// Multi-word `Gaz0` per code (kind bit × 4 + part).
    gaz: Vec<Acc>,
    /// `LowerInDoc` per headline × seen lower-case.
    lower_in_doc: [[Acc; 2]; 2],
    /// `CapMidInDoc` per headline × seen capitalized mid-sentence.
    cap_mid: [[Acc; 2]; 2],
    /// `FirstLowerInDoc` per value (2 bits).
    first_lower: [Acc; 4],
}

fn sum(joint: &Joint, keys: &[u64]) -> Acc {
    let mut a = Acc::default();
    joint.sum_keys(keys, &mut a);
    a
}

impl Tables {
    /// The tables of `joint`.
    pub fn new(joint: &Joint) -> Self {
        let mut edge = [Acc::default(); N_ROLES];
        let mut keys = Vec::new();
        for (e, role) in edge.iter_mut().zip(ROLES) {
            keys.clear();
            role_keys(None, role, &mut keys);
            *e = sum(joint, &keys);
        }
        let doc = |t: T| {
            let mut out = [[Acc::default(); 2]; 2];
            for (h, row) in out.iter_mut().enumerate() {
                for (v, x) in row.iter_mut().enumerate() {
                    *x = sum(joint, &[key(t, h as u64, v as u64)]);
                }
            }
            out
        };
        Self {
            edge,
            flags: (0..64u64)
                .map(|f| sum(joint, &[key(T::Flags, 0, f)]))
                .collect(),
            gaz: (0..kind::COUNT as u64 * 4)
                .map(|g| sum(joint, &[key(T::Gaz0, 0, g)]))
                .collect(),
            lower_in_doc: doc(T::LowerInDoc),
            cap_mid: doc(T::CapMidInDoc),
            first_lower: [0u64, 1, 2, 3].map(|v| sum(joint, &[key(T::FirstLowerInDoc, 0, v)])),
        }
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub(super) struct Scratch {
    acc: Vec<Acc>,
    keys: Vec<u64>,
    offs: Vec<usize>,
    found: Vec<u32>,
    lower: Vec<u64>,
}

/// One sentence to score: its words, where their sums are, their facts, its index in the
/// document.
pub(super) struct Sentence<'a, 'w> {
    /// The document's facts.
    pub doc: &'a DocInfo,
    /// Token texts.
    pub words: &'a [&'w str],
    /// The document's words as looked up in the cache.
    pub looked: &'a DocWords,
    /// Index of the sentence's first token in the document.
    pub first: usize,
    /// Facts of each word.
    pub infos: &'a [WordInfo],
    /// Index of the sentence in its document.
    pub index: usize,
    /// Tokens the decoder takes as `O` without their scores (`decode::forced_o`; empty: none):
    /// their contextual features are not looked up, their emission rows are left incomplete.
    pub forced: &'a [bool],
    /// Tokens whose word a scored token has as a feature (empty: all); the others' sums are
    /// neither added nor, when their word was new, computed (`WordCache::lookup_all`).
    pub needed: &'a [bool],
}

/// Adds the cached sums of the word at `e`, token `i` of sentence number `index`, to the
/// tokens it is a feature of, and the sums of the neighbours outside the sentence to token `i`.
/// Tokens marked in `forced` get nothing: the decoder never reads their rows.
#[inline(always)]
fn add_word(e: Sums, tables: &Tables, i: usize, index: usize, forced: &[bool], acc: &mut [Acc]) {
    let n = acc.len();
    let scored = |t: usize| !forced.get(t).copied().unwrap_or(false);
    // In role order (see `ROLES`): the token itself, then the tokens this word is the
    // −1, +1, −2, +2 neighbour of.
    let targets = [
        Some(i),
        Some(i + 1),
        i.checked_sub(1),
        Some(i + 2),
        i.checked_sub(2),
    ];
    for (role, t) in targets.into_iter().enumerate() {
        if let Some(a) = t.filter(|&t| scored(t)).and_then(|t| acc.get_mut(t)) {
            e.add(role, a);
        }
    }
    if !scored(i) {
        return;
    }
    let Some(a) = acc.get_mut(i) else {
        return;
    };
    if index >= 3 {
        e.add(SENT3, a);
    }
    // Neighbours outside the sentence.
    if i < 1 {
        add_acc(a, &tables.edge[Role::M1 as usize]);
    }
    if i < 2 {
        add_acc(a, &tables.edge[Role::M2 as usize]);
    }
    if i + 1 >= n {
        add_acc(a, &tables.edge[Role::P1 as usize]);
    }
    if i + 2 >= n {
        add_acc(a, &tables.edge[Role::P2 as usize]);
    }
}

/// Pass-1 and pass-2 emission scores (`len * N_TAGS` each) of sentence `s`.
#[inline(always)]
pub(super) fn score_sentence(
    joint: &Joint,
    tables: &Tables,
    cache: &WordCache,
    s: &Sentence,
    sc: &mut Scratch,
    emit1: &mut Vec<f32>,
    emit2: &mut Vec<f32>,
) {
    let n = s.words.len();
    let doc = s.doc;
    sc.acc.clear();
    sc.acc.resize(n, Acc::default());
    let acc = &mut sc.acc;
    // Each word's cached sums, added to the tokens it is a feature of. The entries of all
    // words are touched first, so that their loads overlap. A word whose slot another word
    // took since the document was looked up is computed again, outside the cache.
    let refs = s.looked.refs.get(s.first..s.first + n).unwrap_or(&[]);
    std::hint::black_box(cache.touch(refs));
    for (i, (&r, w)) in refs.iter().zip(s.words).enumerate() {
        if !s.needed.get(i).copied().unwrap_or(true) {
            continue;
        }
        match cache.sums(r, s.looked) {
            Some(e) => add_word(e, tables, i, s.index, s.forced, acc),
            None => {
                let own = compute_alone(joint, w);
                add_word(Sums(&own), tables, i, s.index, s.forced, acc);
            }
        }
    }
    // Contextual features with many values: keys of all tokens, then all rows at once.
    let head = doc.headline.get(s.index).copied().unwrap_or(false);
    let numeric = doc.numeric.get(s.index).copied().unwrap_or(false);
    let sent_idx = s.index.min(3) as u64;
    let none = WordInfo::default();
    let at = |j: usize| s.infos.get(j).unwrap_or(&none);
    sc.keys.clear();
    sc.offs.clear();
    let mut after = 0;
    for (i, t) in s.infos.iter().enumerate() {
        sc.offs.push(sc.keys.len());
        let k = &mut sc.keys;
        let m1 = i.checked_sub(1).map_or(&none, at);
        let p1 = at(i + 1);
        let lp1 = if i + 1 >= n { EOS } else { p1.norm_h };
        // The pair of this word and the one before is the previous token's `BigramP1` pair.
        let before = if i == 0 { pair(BOS, t.norm_h) } else { after };
        after = pair(t.norm_h, lp1);
        if s.forced.get(i).copied().unwrap_or(false) {
            continue;
        }
        k.push(key(T::BigramM1, 0, before));
        k.push(key(T::BigramP1, 0, after));
        k.push(key(T::ShapeTri, 0, pair(pair(m1.short, t.short), p1.short)));
        k.push(key(T::ShapeBiP1, 0, pair(t.shape, p1.short)));
        if let (Some(a), Some(b)) = (t.clusters, p1.clusters) {
            k.push(key(
                T::ClusterBi,
                0,
                u64::from(a[1]) << 16 | u64::from(b[1]),
            ));
        }
        // Sentences past the third read their SentIdx row from the word cache.
        push_position_keys(
            k,
            &Position {
                first: i == 0,
                sent_idx: (sent_idx < 3).then_some(sent_idx),
                topic: doc.topic,
                numeric,
                head,
            },
            (t.short, t.norm_h, t.clusters),
            p1.short,
        );
        // Features with few values.
        let Some(a) = acc.get_mut(i) else { continue };
        let flags = t.flags | u8::from(m1.cap) << 4 | u8::from(p1.cap) << 5;
        if let Some(f) = tables.flags.get(usize::from(flags)) {
            add_acc(a, f);
        }
        if t.cap {
            let low = doc.lower_seen.contains(&t.norm_h);
            let mid = doc.cap_mid.contains(&t.norm_h);
            let h = usize::from(head);
            add_acc(a, &tables.lower_in_doc[h][usize::from(low)]);
            add_acc(a, &tables.cap_mid[h][usize::from(mid)]);
            if i == 0 {
                add_acc(
                    a,
                    &tables.first_lower[usize::from(low) | usize::from(mid) << 1],
                );
            }
        }
    }
    sc.offs.push(sc.keys.len());
    std::hint::black_box(joint.touch(&sc.keys, &[]));
    sc.found.clear();
    sc.found.extend(
        sc.keys
            .iter()
            .map(|&k| joint.row_index(k).unwrap_or(u32::MAX)),
    );
    std::hint::black_box(joint.touch(&[], &sc.found));
    for (i, a) in acc.iter_mut().enumerate() {
        let (Some(&from), Some(&to)) = (sc.offs.get(i), sc.offs.get(i + 1)) else {
            continue;
        };
        let mut local = *a;
        for &r in sc.found.get(from..to).unwrap_or(&[]) {
            joint.add_row_index(r, &mut local);
        }
        *a = local;
    }
    // Multi-word gazetteer matches.
    sc.lower.clear();
    sc.lower.extend(s.infos.iter().map(|t| t.lower_h));
    gazetteer_walk(
        &sc.lower,
        |i| s.infos.get(i).is_some_and(|t| t.cap),
        |t, code| {
            if let (Some(a), Some(g)) = (acc.get_mut(t), tables.gaz.get(usize::from(code))) {
                add_acc(a, g);
            }
        },
    );
    joint.emit_all(acc, s.forced, emit1, emit2);
}

#[cfg(test)]
mod tests {
    use super::super::features::{extract, SentFeatures};
    use super::super::tags::N_TAGS;
    use super::super::{sentence_words, Tagger};
    use super::*;
    use crate::text::Document;

    /// Scores of the cached path and of `features::extract` + `Joint::scores_both`, bit for
    /// bit, and the tags of `tag_document` and of the plain path.
    fn check(tagger: &Tagger, sentences: &[Vec<&str>]) {
        let plain_doc = DocInfo::new(sentences);
        let infos: Vec<WordInfo> = sentences
            .iter()
            .flatten()
            .map(|w| WordInfo::new(w))
            .collect();
        let doc = DocInfo::from_infos(sentences, &infos);
        assert_eq!(doc.headline, plain_doc.headline);
        assert_eq!(doc.numeric, plain_doc.numeric);
        assert_eq!(doc.topic, plain_doc.topic);
        assert_eq!(doc.lower_seen, plain_doc.lower_seen);
        assert_eq!(doc.cap_mid, plain_doc.cap_mid);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<u32>>();
        WordCache::with(tagger.id, |cache| {
            let mut sc = Scratch::default();
            let (mut e1, mut e2, mut p1, mut p2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let mut feats = SentFeatures::default();
            // As `tag_cached` does: forced tokens, and the words no scored token reads.
            let mut forced = Vec::new();
            for words in sentences {
                super::super::decode::forced_o(
                    words.len(),
                    |i| super::super::words::is_cand(words[i]),
                    &mut forced,
                );
            }
            let needed = super::super::needed_words(sentences, &forced);
            let mut looked = DocWords::default();
            cache.lookup_all(
                &tagger.joint,
                sentences.iter().flatten().copied(),
                &needed,
                &mut looked,
            );
            assert_eq!(looked.infos, infos);
            let mut at = 0;
            for (index, words) in sentences.iter().enumerate() {
                let range = at..at + words.len();
                let infos = &infos[range.clone()];
                let forced = &forced[range.clone()];
                let s = Sentence {
                    doc: &doc,
                    words,
                    looked: &looked,
                    first: at,
                    infos,
                    index,
                    forced,
                    needed: &needed[range],
                };
                at += words.len();
                score_sentence(
                    &tagger.joint,
                    &tagger.tables,
                    cache,
                    &s,
                    &mut sc,
                    &mut e1,
                    &mut e2,
                );
                extract(words, index, &plain_doc, &mut feats);
                tagger
                    .joint
                    .scores_both(&feats, &mut p1, &mut p2, &mut Vec::new());
                // The rows of the tokens the decoder scores (the others are not read).
                let scored = |v: &[f32]| {
                    v.chunks(N_TAGS)
                        .zip(forced)
                        .filter(|(_, &f)| !f)
                        .flat_map(|(r, _)| bits(r))
                        .collect::<Vec<u32>>()
                };
                assert_eq!(
                    scored(&e1),
                    scored(&p1),
                    "pass 1, sentence {index}: {words:?}"
                );
                assert_eq!(
                    scored(&e2),
                    scored(&p2),
                    "pass 2, sentence {index}: {words:?}"
                );
            }
        });
        let (plain, _) = tagger.tag_document_plain(sentences);
        assert_eq!(tagger.tag_document(sentences), plain);
    }

    const REAL: &str = "👍 “Fayez al-Sarraj’s government” met Khalifa Haftar in Zürich, \
        Switzerland, on Monday. Café owners in Ürümqi – and São Paulo – said “no”.\n\
        Ölkers’ company, Société Générale S.A., fell 3.5% to €12.40; the \
        extraordinarily-long-hyphenated-compound-word was İstanbul’s. ΑΘΗΝΑ 🇬🇷!\n\
        P. Simmons met J. R. R. Tolkien. U.S. President Donald Trump spoke in New York. \
        Angela Merkel’s CDU won. “Yes.” 2017-09-28 12 34 56 78\n\
        Analysts said that the rate of inflation in the euro zone was likely to stay on the rise \
        for the time being, as it had done for most of the past year.";

    /// An invented document in the CoNLL layout: topic headline, dateline, results lines.
    const CONLL_LIKE: &str = "RUGBY UNION - WALES BEAT FIJI IN CARDIFF .\n\
        CARDIFF 1996-11-02\n\
        Wales beat Fiji 34-10 on Saturday , coach Kevin Bowring said after the match at \
        Cardiff Arms Park .\n\
        Results :\nWales 34 Fiji 10\nScotland 29 Italy 22\nIreland 12 Australia 22\n\
        Fiji captain Greg Smith said : \" We played well . \"\n";

    #[test]
    fn cached_scores_equal_the_plain_path() {
        let shipped = Tagger::shipped();
        let first_only = Tagger::new(shipped.stage1().clone(), None);
        for text in [REAL, CONLL_LIKE] {
            let doc = Document::new(text);
            let sentences = sentence_words(&doc);
            assert!(sentences.len() > 3);
            // Alternating taggers empties the cache each time.
            check(shipped, &sentences);
            check(&first_only, &sentences);
            check(shipped, &sentences);
        }
        // Edge cases: empty, one- and two-token sentences.
        check(
            shipped,
            &[vec![], vec!["Paris"], vec!["In", "Berlin"], vec![]],
        );
    }

    #[test]
    fn cached_scores_hold_when_words_evict_each_other() {
        // More word types than the cache has slots: words evict each other between the two
        // lookups of a document.
        let words: Vec<String> = (0..40_000)
            .map(|i| match i % 3 {
                0 => format!("Zorbl{i}"),
                1 => format!("kel{i}"),
                _ => format!("{i}"),
            })
            .collect();
        let sentences: Vec<Vec<&str>> = words
            .chunks(20)
            .map(|c| c.iter().map(String::as_str).collect())
            .collect();
        check(Tagger::shipped(), &sentences);
    }
}
