//! First-order Viterbi decoding over BILOU tags, restricted to well-formed sequences.

use std::sync::LazyLock;

use super::tags::{allowed, allowed_end, allowed_start, N_TAGS};

/// For each tag, the tags allowed before it.
static PREVS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    (0..N_TAGS as u8)
        .map(|c| (0..N_TAGS as u8).filter(|&p| allowed(p, c)).collect())
        .collect()
});

/// The best well-formed tag sequence. `emit` holds `n * N_TAGS` scores (token-major),
/// `trans` `N_TAGS * N_TAGS` (previous-major), `start` `N_TAGS`. Writes `n` tags to `out`.
pub fn viterbi(emit: &[f32], trans: &[f32], start: &[f32], out: &mut Vec<u8>) {
    out.clear();
    let n = emit.len() / N_TAGS;
    if n == 0 || trans.len() < N_TAGS * N_TAGS || start.len() < N_TAGS {
        return;
    }
    let prevs = &*PREVS;
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if allowed_start(t as u8) {
            *s = start[t] + emit[t];
        }
    }
    let mut back = vec![0u8; n * N_TAGS];
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        let e = &emit[i * N_TAGS..(i + 1) * N_TAGS];
        let bk = &mut back[i * N_TAGS..(i + 1) * N_TAGS];
        for (c, (nx, bc)) in next.iter_mut().zip(bk.iter_mut()).enumerate() {
            // Only the tags that may precede `c` (9 for O/B/U, 2 for I/L).
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in &prevs[c] {
                let v = score[p as usize] + trans[p as usize * N_TAGS + c];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            *nx = best + e[c];
            *bc = arg;
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
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        arg = back[i * N_TAGS + arg as usize];
        out[i - 1] = arg;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tags::{decode, tag, Label, Part, Span};
    use super::*;

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
        viterbi(&emit, &trans, &start, &mut out);
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
