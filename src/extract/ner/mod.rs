//! The statistical named-entity tagger: an averaged structured perceptron over BILOU tags with
//! news features (word, shape, affixes, context, gazetteers, word clusters learned from
//! unlabeled news, document-level evidence) and Viterbi decoding. Two passes: the second sees
//! how the first labelled the same words elsewhere in the document.
//!
//! The model (`model.bin`, see `MODEL.md`) ships inside the library and is parsed once, on
//! first use.

mod decode;
pub mod eval;
pub mod features;
pub mod model;
pub mod prior;
pub mod resources;
mod score;
pub mod tags;
pub mod train;
mod words;

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use super::{Mention, Source};
use crate::record::EntityType;
use crate::text::Document;
use decode::Transitions;
use features::{DocInfo, SentFeatures};
pub use model::{Joint, Model};
use prior::PriorWord;
use score::{score_sentence, Scratch, Sentence, Tables};
use tags::N_TAGS;
pub use tags::{Label, Span};
use words::{is_cand, DocWords, WordCache};

const BUNDLE_MAGIC: &[u8; 8] = b"NFNERBND";

/// A tagger: a first-pass model and an optional second-pass model using document priors.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// First pass.
    stage1: Model,
    /// Second pass (document priors from the first).
    stage2: Option<Model>,
    /// Both merged for tagging.
    joint: Joint,
    /// Summed weights of the features with few values.
    tables: Tables,
    /// The passes' transitions laid out for decoding (`None`: malformed, nothing is tagged).
    dec: [Option<Transitions>; 2],
    /// Identifies the weights, for the per-thread word caches (a clone shares them).
    id: u64,
}

/// Source of tagger ids.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The shipped model bundle, deflated at build time (`build.rs`).
const SHIPPED_BYTES: &[u8] = crate::packed!("src/extract/ner/model.bin");

/// Size in bytes of the model bundle shipped in the library (compressed, as it ships).
pub fn shipped_model_size() -> usize {
    SHIPPED_BYTES.len()
}

/// The shipped tagger, parsed on first use. A model that fails to parse tags nothing.
static SHIPPED: LazyLock<Tagger> = LazyLock::new(|| {
    crate::lexicon::packed::inflate(SHIPPED_BYTES)
        .ok()
        .and_then(|bytes| Tagger::from_bytes(&bytes).ok())
        .unwrap_or_else(|| Tagger::new(Model::empty(), None))
});

impl Tagger {
    /// A tagger from its passes.
    pub fn new(stage1: Model, stage2: Option<Model>) -> Self {
        let joint = Joint::new(&stage1, stage2.as_ref());
        let dec = [
            Transitions::new(&stage1.trans, &stage1.start),
            stage2
                .as_ref()
                .and_then(|m| Transitions::new(&m.trans, &m.start)),
        ];
        Self {
            stage1,
            stage2,
            dec,
            tables: Tables::new(&joint),
            joint,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The first-pass model.
    pub fn stage1(&self) -> &Model {
        &self.stage1
    }

    /// The tagger shipped with the library.
    pub fn shipped() -> &'static Tagger {
        &SHIPPED
    }

    /// Parses a bundle written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let head = bytes.get(..12).ok_or("empty model")?;
        if &head[..8] != BUNDLE_MAGIC {
            return Err("not a newsfacts NER bundle".into());
        }
        let n = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        let mut pos = 12;
        let mut models = Vec::new();
        for _ in 0..n.min(2) {
            let (m, used) = Model::from_bytes(bytes.get(pos..).unwrap_or(&[]))?;
            pos += used;
            models.push(m);
        }
        let mut it = models.into_iter();
        let stage1 = it.next().ok_or("bundle without a model")?;
        Ok(Self::new(stage1, it.next()))
    }

    /// Serializes both passes (weights below `prune` dropped).
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut out = BUNDLE_MAGIC.to_vec();
        let n = 1 + u32::from(self.stage2.is_some());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend(self.stage1.to_bytes(prune));
        if let Some(m) = &self.stage2 {
            out.extend(m.to_bytes(prune));
        }
        out
    }

    /// Entity spans (token indices) of each sentence of a document given as token texts.
    ///
    /// Pass 1 scores each token with the first model and decodes. Pass 2 (when the bundle has
    /// one) scores the same features plus document priors (how pass 1 labelled the same words
    /// elsewhere in the document) with the second model and decodes again.
    ///
    /// The features each word contributes on its own (as the token or as a neighbour) are
    /// summed once per word type and kept in a bounded per-thread cache (see `words.rs`); the
    /// scores equal those of `features::extract` + [`Joint::scores_both`] exactly.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        WordCache::with(self.id, |cache| self.tag_cached(cache, sentences))
    }

    /// [`Tagger::tag_document`] with the cache: compiled twice, for the baseline x86-64 (SSE2)
    /// and for AVX2 (with BMI, FMA, LZCNT, POPCNT), chosen by the CPU at run time. The scoring
    /// adds 32 lanes of `i32` sums per feature, and the decoder takes maxima over rows of 17
    /// `f32`; twice as wide registers take 14% of the tagger's instructions off (callgrind, 300
    /// subset articles). The scoring functions are `inline(always)`, so that each copy holds
    /// its own code for them. The two copies compute the same integer sums and the same `f32`
    /// operations in the same order, so their tags are the same.
    fn tag_cached(&self, cache: &mut WordCache, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("fma")
            && std::arch::is_x86_feature_detected!("lzcnt")
            && std::arch::is_x86_feature_detected!("popcnt")
        {
            #[allow(unsafe_code)]
            // SAFETY: `tag_cached_avx2` only needs the features checked just above, and it
            // has no other precondition.
            return unsafe { self.tag_cached_avx2(cache, sentences) };
        }
        self.tag_cached_body(cache, sentences)
    }

    /// [`Tagger::tag_cached`] compiled for AVX2 (see there).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,bmi1,bmi2,fma,lzcnt,popcnt")]
    fn tag_cached_avx2(&self, cache: &mut WordCache, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        self.tag_cached_body(cache, sentences)
    }

    /// The body of [`Tagger::tag_cached`], inlined into each of its copies.
    #[inline(always)]
    fn tag_cached_body(&self, cache: &mut WordCache, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        // Tokens far from any capital or digit: `O` without scoring, in both passes; the words
        // no scored token has as a feature (itself or a neighbour at ±2) need no sums.
        let n: usize = sentences.iter().map(Vec::len).sum();
        // Each token's word tested once (`forced_o` reads each twice).
        let mut cand = Vec::with_capacity(n);
        let mut forced = Vec::with_capacity(n);
        for words in sentences {
            cand.clear();
            cand.extend(words.iter().map(|w| is_cand(w)));
            decode::forced_o(
                words.len(),
                |i| cand.get(i).copied().unwrap_or(false),
                &mut forced,
            );
        }
        let needed = needed_words(sentences, &forced);
        let mut looked = DocWords::with_capacity(n);
        cache.lookup_all(
            &self.joint,
            sentences.iter().flatten().copied(),
            &needed,
            &mut looked,
        );
        let infos = &looked.infos;
        let doc = DocInfo::from_infos(sentences, infos);
        let mut sc = Scratch::default();
        let (mut tags, mut back) = (Vec::new(), Vec::new());
        let mut emit1 = Vec::new();
        let mut emit2 = Vec::new();
        let keep_second = self.stage2.is_some();
        let mut second: Vec<f32> = Vec::with_capacity(if keep_second { n * N_TAGS } else { 0 });
        let mut first: Vec<Vec<Span>> = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for (index, words) in sentences.iter().enumerate() {
            let range = at..at + words.len();
            at = range.end;
            let s = Sentence {
                doc: &doc,
                words,
                looked: &looked,
                first: range.start,
                infos: infos.get(range.clone()).unwrap_or(&[]),
                index,
                forced: forced.get(range.clone()).unwrap_or(&[]),
                needed: needed.get(range.clone()).unwrap_or(&[]),
            };
            score_sentence(
                &self.joint,
                &self.tables,
                cache,
                &s,
                &mut sc,
                &mut emit1,
                &mut emit2,
            );
            decode_with(&emit1, self.dec[0].as_ref(), s.forced, &mut back, &mut tags);
            first.push(tags::decode(&tags));
            if keep_second {
                second.extend_from_slice(&emit2);
            }
        }
        if self.stage2.is_none() {
            return first;
        }
        let mut feats = SentFeatures::default();
        let pw: Vec<PriorWord> = infos
            .iter()
            .map(|t| PriorWord {
                prior: t.prior_word,
                norm_h: if t.prior_word { t.norm_h } else { 0 },
                short: if t.prior_word { t.short } else { 0 },
            })
            .collect();
        let mut at = 0;
        let per_sentence = sentences.iter().map(|s| {
            let r = pw.get(at..at + s.len()).unwrap_or(&[]);
            at += s.len();
            r
        });
        let (counts, own) = prior::build_prior_of(per_sentence, &first);
        let mut out = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for (words, own) in sentences.iter().zip(&own) {
            let range = at..at + words.len();
            at += words.len();
            let (Some(emit), Some(pw)) = (
                second.get_mut(range.start * N_TAGS..range.end * N_TAGS),
                pw.get(range.clone()),
            ) else {
                out.push(Vec::new());
                continue;
            };
            prior::extract_prior_of(pw, own, &counts, &mut feats);
            self.joint.add_second(&feats, emit);
            let forced = forced.get(range).unwrap_or(&[]);
            decode_with(emit, self.dec[1].as_ref(), forced, &mut back, &mut tags);
            out.push(tags::decode(&tags));
        }
        out
    }

    /// [`Tagger::tag_document`] through `features::extract` + [`Joint::scores_both`] (the
    /// features as training sees them), for the equality tests.
    #[cfg(test)]
    fn tag_document_plain(&self, sentences: &[Vec<&str>]) -> (Vec<Vec<Span>>, Vec<Vec<f32>>) {
        let doc = DocInfo::new(sentences);
        let mut tags = Vec::new();
        let mut feats = SentFeatures::default();
        let mut emit1 = Vec::new();
        let mut found = Vec::new();
        let mut second: Vec<Vec<f32>> = Vec::with_capacity(sentences.len());
        let mut first: Vec<Vec<Span>> = Vec::with_capacity(sentences.len());
        let mut all1 = Vec::new();
        let forced: Vec<Vec<bool>> = sentences
            .iter()
            .map(|words| {
                let mut f = Vec::new();
                decode::forced_o(words.len(), |i| words::WordInfo::new(words[i]).cand, &mut f);
                f
            })
            .collect();
        for (s, words) in sentences.iter().enumerate() {
            features::extract(words, s, &doc, &mut feats);
            let mut emit2 = Vec::new();
            self.joint
                .scores_both(&feats, &mut emit1, &mut emit2, &mut found);
            let f = &forced[s];
            decode::viterbi(&emit1, &self.stage1.trans, &self.stage1.start, f, &mut tags);
            first.push(tags::decode(&tags));
            all1.push(emit1.clone());
            second.push(emit2);
        }
        let Some(m2) = &self.stage2 else {
            return (first, all1);
        };
        let (counts, own) = prior::build_prior(sentences, &first);
        let mut out = Vec::with_capacity(sentences.len());
        for (((words, own), mut emit), f) in sentences.iter().zip(&own).zip(second).zip(&forced) {
            prior::extract_prior(words, own, &counts, &mut feats);
            self.joint.add_second(&feats, &mut emit);
            decode::viterbi(&emit, &m2.trans, &m2.start, f, &mut tags);
            out.push(tags::decode(&tags));
        }
        (out, all1)
    }

    /// Entity spans of one sentence, tagged as a document of its own.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<Span> {
        self.tag_document(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }
}

/// Per token of `sentences`, whether a token the decoder scores (not marked in `forced`) has
/// it as a feature: itself, or a neighbour at ±2 in its sentence.
fn needed_words(sentences: &[Vec<&str>], forced: &[bool]) -> Vec<bool> {
    let mut needed = Vec::with_capacity(forced.len());
    let mut at = 0;
    for words in sentences {
        let f = forced.get(at..at + words.len()).unwrap_or(&[]);
        at += words.len();
        for i in 0..f.len() {
            let near = f
                .get(i.saturating_sub(2)..(i + 3).min(f.len()))
                .unwrap_or(&[]);
            needed.push(near.iter().any(|&x| !x));
        }
    }
    needed
}

/// The best tag sequence of `emit` under `t` into `tags` (none without transitions), the
/// `forced` tokens `O`.
#[inline(always)]
fn decode_with(
    emit: &[f32],
    t: Option<&Transitions>,
    forced: &[bool],
    back: &mut Vec<f32>,
    tags: &mut Vec<u8>,
) {
    match t {
        Some(t) => decode::viterbi_with(emit, t, forced, back, tags),
        None => tags.clear(),
    }
}

/// The sentences the tagger reads: `doc`'s sentences (token index ranges), rejoined where
/// the segmenter split after a single initial ("P. Simmons", "J. R. R. Tolkien").
pub fn ner_sentences(doc: &Document) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        if let Some(prev) = out.last_mut() {
            let n = prev.end;
            let initial = n >= 2
                && doc
                    .tokens
                    .get(n - 2)
                    .zip(doc.tokens.get(n - 1))
                    .is_some_and(|(a, b)| {
                        let w = doc.span(a.start, a.end);
                        a.end == b.start
                            && doc.span(b.start, b.end) == "."
                            && w.chars().count() == 1
                            && w.chars().all(char::is_uppercase)
                            && !doc.span(b.end, s.start).contains('\n')
                    });
            if initial && n == s.tokens.start {
                prev.end = s.tokens.end;
                continue;
            }
        }
        out.push(s.tokens.clone());
    }
    out
}

/// The token texts of each tagger sentence of `doc` (see [`ner_sentences`]).
pub fn sentence_words<'a>(doc: &Document<'a>) -> Vec<Vec<&'a str>> {
    words_of(doc, &ner_sentences(doc))
}

/// The token texts of each sentence of `doc` given as token ranges.
fn words_of<'a>(doc: &Document<'a>, ranges: &[Range<usize>]) -> Vec<Vec<&'a str>> {
    ranges
        .iter()
        .map(|r| {
            doc.tokens
                .get(r.clone())
                .unwrap_or(&[])
                .iter()
                .map(|t| doc.span(t.start, t.end))
                .collect()
        })
        .collect()
}

fn entity_type(label: Label) -> EntityType {
    match label {
        Label::Per => EntityType::Person,
        Label::Org => EntityType::Org,
        Label::Loc => EntityType::Loc,
        Label::Misc => EntityType::Misc,
    }
}

/// Model mentions in `doc`: the shipped tagger over each sentence's tokens, byte offsets.
pub fn tag(doc: &Document) -> Vec<Mention> {
    tag_with(Tagger::shipped(), doc)
}

/// Mentions of `doc` by `tagger` (see [`tag`]).
pub fn tag_with(tagger: &Tagger, doc: &Document) -> Vec<Mention> {
    let ranges = ner_sentences(doc);
    let words = words_of(doc, &ranges);
    let spans = tagger.tag_document(&words);
    let mut out = Vec::new();
    for (sent, spans) in ranges.iter().zip(spans) {
        for sp in spans {
            let first = doc.tokens.get(sent.start + sp.start);
            let last = doc.tokens.get(sent.start + sp.end - 1);
            if let (Some(a), Some(b)) = (first, last) {
                out.push(Mention::new(
                    a.start,
                    b.end,
                    entity_type(sp.label),
                    Source::Model,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str) -> Vec<(String, EntityType)> {
        let doc = Document::new(text);
        tag(&doc)
            .into_iter()
            .map(|m| {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert_eq!(m.source, Source::Model);
                (text[m.start..m.end].to_string(), m.etype)
            })
            .collect()
    }

    #[test]
    fn shipped_model_finds_people_places_and_organizations() {
        let got = mentions(
            "German Chancellor Angela Merkel met officials of the European Commission in Brussels on Monday.",
        );
        assert!(
            got.contains(&("Angela Merkel".to_string(), EntityType::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Brussels".to_string(), EntityType::Loc)),
            "{got:?}"
        );
        assert!(
            got.contains(&("European Commission".to_string(), EntityType::Org)),
            "{got:?}"
        );
        assert!(
            got.contains(&("German".to_string(), EntityType::Misc)),
            "{got:?}"
        );
    }

    #[test]
    fn offsets_hold_with_accents_curly_quotes_and_emoji() {
        let text = "👍 “Fayez al-Sarraj’s government” met Khalifa Haftar in Zürich, Switzerland.";
        let got = mentions(text);
        assert!(
            got.iter()
                .any(|(s, t)| s == "Zürich" && *t == EntityType::Loc),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(s, t)| s == "Switzerland" && *t == EntityType::Loc),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(s, t)| s == "Khalifa Haftar" && *t == EntityType::Person),
            "{got:?}"
        );
    }

    #[test]
    fn needed_words_are_the_scored_tokens_and_their_neighbours() {
        // Every token a scored (unforced) token reads as itself or as a neighbour at ±2 in its
        // sentence is needed; no other is. Brute force over sentences of varied masks.
        let words = ["a"; 12];
        let sentences: Vec<Vec<&str>> = vec![words[..7].to_vec(), words[..5].to_vec()];
        let mut state = 7u64;
        for _ in 0..200 {
            let forced: Vec<bool> = (0..12)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 40) % 4 != 0
                })
                .collect();
            let needed = needed_words(&sentences, &forced);
            for (base, len) in [(0usize, 7usize), (7, 5)] {
                for j in 0..len {
                    let read = (0..len).any(|i| !forced[base + i] && i.abs_diff(j) <= 2);
                    assert_eq!(needed[base + j], read, "{forced:?} token {}", base + j);
                }
            }
        }
    }

    #[test]
    fn initials_do_not_split_sentences() {
        let text = "P. Simmons scored for Leicestershire.";
        let doc = Document::new(text);
        assert_eq!(ner_sentences(&doc).len(), 1);
        let got = mentions(text);
        assert!(
            got.contains(&("P. Simmons".to_string(), EntityType::Person)),
            "{got:?}"
        );
    }

    /// The AVX2 copy of the tagging path (taken on this machine when its CPU has AVX2) and the
    /// baseline copy give the same tags, on real news and on text with accents, curly quotes
    /// and emoji.
    #[test]
    fn both_compiled_copies_of_the_tagger_agree() {
        let t = Tagger::shipped();
        let mut texts: Vec<String> = crate::test_corpus::articles("bbc_news/all.jsonl", "BBC")
            .into_iter()
            .take(40)
            .map(|(_, text)| text)
            .collect();
        texts.push(
            "👍 “Fayez al-Sarraj’s government” met Khalifa Haftar in Zürich. Ångström Café \
             said Señor Müller (ÉTAT) signed 3 deals."
                .to_string(),
        );
        let mut spans = 0;
        for text in &texts {
            let doc = Document::new(text);
            let sentences: Vec<Vec<&str>> = ner_sentences(&doc)
                .into_iter()
                .map(|r| {
                    doc.tokens[r]
                        .iter()
                        .map(|tok| &text[tok.start..tok.end])
                        .collect()
                })
                .collect();
            let dispatched = t.tag_document(&sentences);
            let baseline = WordCache::with(t.id, |c| t.tag_cached_body(c, &sentences));
            assert_eq!(dispatched, baseline, "{text}");
            spans += baseline.iter().map(Vec::len).sum::<usize>();
        }
        assert!(spans > 3, "{spans} spans");
    }

    #[test]
    fn bundle_round_trips_and_rejects_garbage() {
        let t = Tagger::shipped();
        assert!(t.stage1().n_rows() > 10_000);
        let bytes = t.to_bytes(0.0);
        let back = Tagger::from_bytes(&bytes).unwrap();
        let words = ["Peter", "Blackburn", "visited", "Germany", "."];
        assert_eq!(back.tag_tokens(&words), t.tag_tokens(&words));
        assert!(Tagger::from_bytes(b"nonsense").is_err());
        assert!(t.tag_tokens(&[]).is_empty());
    }
}
