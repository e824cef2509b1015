//! First-order Viterbi decoding over BILOU tags, restricted to well-formed sequences.

use super::tags::{allowed_end, allowed_start, N_TAGS};

/// The tags after which an entity may start or `O` follow (`O`, every `L`, every `U`), in tag
/// order.
const CLOSERS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// The tags that may follow a closer (`O`, every `B`, every `U`), in tag order.
const OPENERS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// Transition scores from one closer to the first eight openers (the ninth, `U-MISC`, is
/// scored on its own), as two 4-lane halves aligned so that vector adds read them from memory
/// directly.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Lanes {
    /// Openers 0 to 3.
    lo: [f32; 4],
    /// Openers 4 to 7.
    hi: [f32; 4],
}

impl Lanes {
    /// Lane `j` (0 to 7), if there is one.
    fn lane_mut(&mut self, j: usize) -> Option<&mut f32> {
        match j {
            0..4 => self.lo.get_mut(j),
            _ => self.hi.get_mut(j.checked_sub(4)?),
        }
    }
}

/// The best well-formed tag sequence. `emit` holds `n * N_TAGS` scores (token-major),
/// `trans` `N_TAGS * N_TAGS` (previous-major), `start` `N_TAGS`. Writes `n` tags to `out`.
/// Tokens marked in `forced` (empty: none) are `O` whatever their scores (see
/// [`viterbi_with`]).
pub fn viterbi(emit: &[f32], trans: &[f32], start: &[f32], forced: &[bool], out: &mut Vec<u8>) {
    out.clear();
    if let Some(t) = Transitions::new(trans, start) {
        viterbi_with(emit, &t, forced, &mut Vec::new(), out);
    }
}

/// How far a token must be from any word with an upper-case letter or a digit to be tagged
/// `O` without scoring (see [`forced_o`]).
pub const FORCED_O_REACH: usize = 2;

/// Appends to `out` a flag for each of the `n` tokens of one sentence: whether it is `O`
/// without scoring, having no candidate word (`cand(i)`: an upper-case letter or a digit)
/// within [`FORCED_O_REACH`] tokens on either side. An entity is a run of names: a token that
/// far from any capital or digit is outside every name but the rarest (lower-case names such
/// as "dpa", which the model almost never finds either), so the decoder skips its scores and
/// the tagger need not compute them. Linear: the distance to the nearest candidate, from the
/// left, then from the right.
pub fn forced_o(n: usize, cand: impl Fn(usize) -> bool, out: &mut Vec<bool>) {
    let base = out.len();
    let mut since = usize::MAX;
    for i in 0..n {
        since = if cand(i) { 0 } else { since.saturating_add(1) };
        out.push(since > FORCED_O_REACH);
    }
    let mut until = usize::MAX;
    for (i, f) in out.iter_mut().skip(base).enumerate().rev() {
        until = if cand(i) { 0 } else { until.saturating_add(1) };
        *f = *f && until > FORCED_O_REACH;
    }
}

/// A model's transition and start scores laid out for [`viterbi_with`] (built once per model).
#[derive(Debug, Clone)]
pub struct Transitions {
    /// All transition scores, previous-major.
    trans: [f32; N_TAGS * N_TAGS],
    /// Start scores.
    start: [f32; N_TAGS],
    /// Transition scores closer → the first eight openers, predecessor-major.
    open_t: [Lanes; 9],
    /// Transition scores closer → the last opener, per closer.
    open_last: [f32; 9],
    /// The same, opener-major (for the backtrace).
    close_t: [[f32; 9]; 9],
    /// Transition scores into the inside and last tags of each label, from its B and I.
    inside_t: [[[f32; 2]; 2]; 4],
}

impl Transitions {
    /// The layout of `trans` (`N_TAGS * N_TAGS`, previous-major) and `start` (`N_TAGS`);
    /// `None` when either is too short.
    pub fn new(trans: &[f32], start: &[f32]) -> Option<Self> {
        let trans = <[f32; N_TAGS * N_TAGS]>::try_from(trans.get(..N_TAGS * N_TAGS)?).ok()?;
        let start = <[f32; N_TAGS]>::try_from(start.get(..N_TAGS)?).ok()?;
        let neg = [f32::NEG_INFINITY; 4];
        let mut open_t = [Lanes { lo: neg, hi: neg }; 9];
        let mut open_last = [f32::NEG_INFINITY; 9];
        let mut close_t = [[f32::NEG_INFINITY; 9]; 9];
        for (k, &p) in CLOSERS.iter().enumerate() {
            for (j, &c) in OPENERS.iter().enumerate() {
                let x = trans[p * N_TAGS + c];
                match open_t[k].lane_mut(j) {
                    Some(lane) => *lane = x,
                    None => open_last[k] = x,
                }
                close_t[j][k] = x;
            }
        }
        let mut inside_t = [[[f32::NEG_INFINITY; 2]; 2]; 4];
        for (k, row) in inside_t.iter_mut().enumerate() {
            let (b, i) = (1 + 4 * k, 2 + 4 * k);
            for (x, c) in row.iter_mut().zip([i, i + 1]) {
                *x = [trans[b * N_TAGS + c], trans[i * N_TAGS + c]];
            }
        }
        Some(Self {
            trans,
            start,
            open_t,
            open_last,
            close_t,
            inside_t,
        })
    }
}

/// [`viterbi`] with the transitions laid out once ([`Transitions`]) and its buffer of
/// per-token scores (`scores`) reused from call to call.
///
/// Only well-formed transitions are scored: an opener (`O`, `B-x`, `U-x`) follows a closer
/// (`O`, `L-y`, `U-y`), 9 × 9, and `I-x`/`L-x` follow `B-x` or `I-x`, 2 each. The forward pass
/// keeps each token's best scores only (a branch-free max that vectorizes); the backtrace
/// recomputes the best predecessor of the chosen tag alone, trying predecessors in tag order
/// and taking a later one only when strictly better, as the forward scan of a plain decoder
/// would have recorded it. Same scores, same operations: the same path.
///
/// A token marked in `forced` (empty: none; else one flag per token) can only be `O`, with
/// emission score 0 whatever `emit` holds there (its row is not read): the result is the plain
/// decoder's on `emit` with those rows set to 0 for `O` and −∞ for every other tag.
#[inline(always)]
pub fn viterbi_with(
    emit: &[f32],
    t: &Transitions,
    forced: &[bool],
    scores: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = emit.len() / N_TAGS;
    if n == 0 {
        return;
    }
    let (trans, open_t, close_t, inside_t) = (&t.trans, &t.open_t, &t.close_t, &t.inside_t);
    let open_last = &t.open_last;
    let is_forced = |i: usize| forced.get(i).copied().unwrap_or(false);
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    if is_forced(0) {
        score[0] = t.start[0] + 0.0;
    } else {
        for (i, s) in score.iter_mut().enumerate() {
            if allowed_start(i as u8) {
                *s = t.start[i] + emit[i];
            }
        }
    }
    // The buffer only grows (zero-filled then): each token's row is overwritten below.
    if scores.len() < n * N_TAGS {
        scores.resize(n * N_TAGS, 0.0);
    }
    if let Some(first) = scores.get_mut(..N_TAGS) {
        first.copy_from_slice(&score);
    }
    let o_t = CLOSERS.map(|p| trans[p * N_TAGS]);
    for (i, (e, kept)) in emit
        .chunks_exact(N_TAGS)
        .zip(scores.chunks_exact_mut(N_TAGS))
        .enumerate()
        .skip(1)
    {
        if is_forced(i) {
            // `O` only: the best closer before it (the same maximum, in the same order, as
            // the openers' below).
            // After a forced token only `O` is finite: its term is the maximum.
            let best = if is_forced(i - 1) {
                score[0] + o_t[0]
            } else {
                let mut best = f32::NEG_INFINITY;
                for (&p, &t) in CLOSERS.iter().zip(&o_t) {
                    let v = score[p] + t;
                    best = if v > best { v } else { best };
                }
                best
            };
            score = [f32::NEG_INFINITY; N_TAGS];
            score[0] = best + 0.0;
            if let Ok(kept) = <&mut [f32; N_TAGS]>::try_from(kept) {
                *kept = score;
            }
            continue;
        }
        let (Ok(e), Ok(kept)) = (
            <&[f32; N_TAGS]>::try_from(e),
            <&mut [f32; N_TAGS]>::try_from(kept),
        ) else {
            continue;
        };
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        // Openers: the best closer before each.
        // Two 4-lane halves and the last opener, so that each half is one vector register.
        let mut lo = [f32::NEG_INFINITY; 4];
        let mut hi = [f32::NEG_INFINITY; 4];
        let mut last = f32::NEG_INFINITY;
        for ((&p, row), &t) in CLOSERS.iter().zip(open_t).zip(open_last) {
            let sp = score[p];
            for (b, &t) in lo.iter_mut().zip(&row.lo) {
                let v = sp + t;
                *b = if v > *b { v } else { *b };
            }
            for (b, &t) in hi.iter_mut().zip(&row.hi) {
                let v = sp + t;
                *b = if v > *b { v } else { *b };
            }
            let v = sp + t;
            last = if v > last { v } else { last };
        }
        // Kept apart from the scatter below: otherwise the compiler splits the maxima above
        // into 2-lane vectors, as the openers' pairs (B-x, then U-x and B-y) in `next` are.
        let (lo, hi) = std::hint::black_box((lo, hi));
        for (&c, &b) in OPENERS.iter().zip(lo.iter().chain(&hi).chain([&last])) {
            next[c] = b + e[c];
        }
        // Inside and last tags of each label: after its B or I.
        for (k, row) in inside_t.iter().enumerate() {
            let (b, i) = (1 + 4 * k, 2 + 4 * k);
            for (c, t) in [i, i + 1].into_iter().zip(row) {
                let mut best = f32::NEG_INFINITY;
                for (p, &t) in [b, i].into_iter().zip(t) {
                    let v = score[p] + t;
                    best = if v > best { v } else { best };
                }
                next[c] = best + e[c];
            }
        }
        score = next;
        *kept = score;
    }
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for (t, &s) in score.iter().enumerate() {
        if allowed_end(t as u8) && s > best {
            best = s;
            arg = t as u8;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        let prev = scores
            .get((i - 1) * N_TAGS..i * N_TAGS)
            .and_then(|s| <&[f32; N_TAGS]>::try_from(s).ok());
        arg = prev.map_or(0, |s| best_prev(s, trans, close_t, arg as usize));
        out[i - 1] = arg;
    }
}

/// Index of each tag in [`OPENERS`] (`u8::MAX`: not an opener).
const OPENER_AT: [u8; N_TAGS] = {
    let mut at = [u8::MAX; N_TAGS];
    let mut j = 0;
    while j < OPENERS.len() {
        at[OPENERS[j]] = j as u8;
        j += 1;
    }
    at
};

/// The best predecessor of tag `c` given the previous token's scores: the first in tag order
/// among the allowed ones with the highest score (0 when none is finite). `close_t[j]` holds
/// the transition scores from each closer to opener `j`.
#[inline]
fn best_prev(
    score: &[f32; N_TAGS],
    trans: &[f32; N_TAGS * N_TAGS],
    close_t: &[[f32; 9]; 9],
    c: usize,
) -> u8 {
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    match close_t.get(usize::from(OPENER_AT.get(c).copied().unwrap_or(u8::MAX))) {
        Some(col) => {
            for (&p, &t) in CLOSERS.iter().zip(col) {
                let v = score[p] + t;
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
        }
        None => {
            let b = (c.max(1) - 1) / 4 * 4 + 1;
            for p in [b, b + 1] {
                let v = score[p] + trans[p * N_TAGS + c];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
        }
    }
    arg
}

#[cfg(test)]
mod tests {
    use super::super::tags::{allowed, decode, tag, Label, Part, Span};
    use super::*;

    /// The plain scan over all allowed pairs (the definition the fast decoder must match).
    fn viterbi_plain(emit: &[f32], trans: &[f32], start: &[f32]) -> Vec<u8> {
        let n = emit.len() / N_TAGS;
        let mut score = [f32::NEG_INFINITY; N_TAGS];
        for (t, s) in score.iter_mut().enumerate() {
            if allowed_start(t as u8) {
                *s = start[t] + emit[t];
            }
        }
        let mut back = vec![0u8; n * N_TAGS];
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; N_TAGS];
            for c in 0..N_TAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for p in 0..N_TAGS {
                    if !allowed(p as u8, c as u8) {
                        continue;
                    }
                    let v = score[p] + trans[p * N_TAGS + c];
                    if v > best {
                        best = v;
                        arg = p as u8;
                    }
                }
                next[c] = best + emit[i * N_TAGS + c];
                back[i * N_TAGS + c] = arg;
            }
            score = next;
        }
        let mut best = f32::NEG_INFINITY;
        let mut arg = 0u8;
        for (t, &s) in score.iter().enumerate() {
            if allowed_end(t as u8) && s > best {
                best = s;
                arg = t as u8;
            }
        }
        let mut out = vec![0u8; n];
        out[n - 1] = arg;
        for i in (1..n).rev() {
            arg = back[i * N_TAGS + arg as usize];
            out[i - 1] = arg;
        }
        out
    }

    #[test]
    fn closers_and_openers_are_the_allowed_pairs() {
        for p in 0..N_TAGS {
            for c in 0..N_TAGS {
                // I-x and L-x after B-x or I-x.
                let inside = c != 0 && matches!((c - 1) % 4, 1 | 2) && {
                    let b = (c - 1) / 4 * 4 + 1;
                    p == b || p == b + 1
                };
                assert_eq!(
                    (CLOSERS.contains(&p) && OPENERS.contains(&c)) || inside,
                    allowed(p as u8, c as u8),
                    "{p} -> {c}"
                );
            }
        }
    }

    #[test]
    fn fast_viterbi_equals_the_plain_scan() {
        let tagger = super::super::Tagger::shipped();
        let m = tagger.stage1();
        let mut state = 0x1234_5678u64;
        let mut rnd = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Coarse values, so that ties happen.
            ((state >> 33) % 9) as f32 - 4.0
        };
        let (mut back, mut out) = (Vec::new(), Vec::new());
        for len in 1..40 {
            for round in 0..20 {
                let emit: Vec<f32> = (0..len * N_TAGS).map(|_| rnd()).collect();
                let (trans, start) = if round % 2 == 0 {
                    (m.trans.clone(), m.start.clone())
                } else {
                    let t: Vec<f32> = (0..N_TAGS * N_TAGS).map(|_| rnd()).collect();
                    let s: Vec<f32> = (0..N_TAGS).map(|_| rnd()).collect();
                    (t, s)
                };
                let t = Transitions::new(&trans, &start).unwrap();
                viterbi_with(&emit, &t, &[], &mut back, &mut out);
                assert_eq!(out, viterbi_plain(&emit, &trans, &start), "len {len}");
            }
        }
    }

    #[test]
    fn forced_tokens_decode_as_the_plain_scan_on_masked_scores() {
        let m = super::super::Tagger::shipped().stage1();
        let t = Transitions::new(&m.trans, &m.start).unwrap();
        let mut state = 0x9e37_79b9u64;
        let mut rnd = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let (mut back, mut out) = (Vec::new(), Vec::new());
        let mut changed = 0;
        for len in 1..40 {
            for _ in 0..20 {
                let mut emit: Vec<f32> = (0..len * N_TAGS)
                    .map(|_| (rnd() % 9) as f32 - 4.0)
                    .collect();
                let forced: Vec<bool> = (0..len).map(|_| rnd() % 3 == 0).collect();
                viterbi_with(&emit, &t, &[], &mut back, &mut out);
                let free = out.clone();
                viterbi_with(&emit, &t, &forced, &mut back, &mut out);
                for (i, &f) in forced.iter().enumerate() {
                    if f {
                        assert_eq!(out[i], 0, "a forced token is O");
                        for (c, e) in emit[i * N_TAGS..(i + 1) * N_TAGS].iter_mut().enumerate() {
                            *e = if c == 0 { 0.0 } else { f32::NEG_INFINITY };
                        }
                    }
                }
                changed += usize::from(out != free);
                assert_eq!(out, viterbi_plain(&emit, &m.trans, &m.start), "len {len}");
            }
        }
        // The masks matter: many paths differ from the unconstrained ones.
        assert!(changed > 100, "{changed}");
    }

    #[test]
    fn forced_o_marks_tokens_far_from_capitals_and_digits() {
        let words = "the Fed said on Tuesday that the rate of inflation in the euro zone was 2 % \
                     and that it would hold its rates for the time being"
            .split(' ')
            .collect::<Vec<_>>();
        let cand = |i: usize| {
            words[i]
                .chars()
                .any(|c| c.is_uppercase() || c.is_ascii_digit())
        };
        // Appends: what is there already stays.
        let mut forced = vec![true];
        forced_o(words.len(), cand, &mut forced);
        assert!(forced.remove(0));
        let picked: Vec<&str> = words
            .iter()
            .zip(&forced)
            .filter(|(_, &f)| f)
            .map(|(w, _)| *w)
            .collect();
        // "the" (0), "said on", "that the" are within 2 of "Fed" or "Tuesday"; "rate of
        // inflation in the euro" are 3 or more away from any capital or digit; "zone was" and
        // "% and" are within 2 of "2"; from "that it" on, nothing is near.
        assert_eq!(
            picked,
            [
                "rate",
                "of",
                "inflation",
                "in",
                "the",
                "euro",
                "that",
                "it",
                "would",
                "hold",
                "its",
                "rates",
                "for",
                "the",
                "time",
                "being"
            ]
        );
    }

    #[test]
    fn viterbi_repairs_ill_formed_best_tags() {
        // Token-wise best: B-PER then O, which is ill-formed; Viterbi must pick a valid path.
        let mut emit = vec![0.0f32; 2 * N_TAGS];
        emit[tag(Part::B, Label::Per) as usize] = 5.0;
        emit[tag(Part::U, Label::Per) as usize] = 4.0;
        emit[N_TAGS] = 3.0; // O
        emit[N_TAGS + tag(Part::L, Label::Per) as usize] = 1.0;
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let start = vec![0.0; N_TAGS];
        let mut out = Vec::new();
        viterbi(&emit, &trans, &start, &[], &mut out);
        assert_eq!(
            decode(&out),
            vec![Span {
                start: 0,
                end: 1,
                label: Label::Per
            }]
        );
    }
}
