//! First-order Viterbi decoding over BILOU tags, restricted to well-formed sequences.

use std::sync::LazyLock;

use super::tags::{allowed, allowed_end, allowed_start, N_TAGS};

/// Allowed transitions `prev * N_TAGS + cur`.
static ALLOWED: LazyLock<[bool; N_TAGS * N_TAGS]> = LazyLock::new(|| {
    let mut a = [false; N_TAGS * N_TAGS];
    for p in 0..N_TAGS {
        for c in 0..N_TAGS {
            a[p * N_TAGS + c] = allowed(p as u8, c as u8);
        }
    }
    a
});

/// The best well-formed tag sequence. `emit` holds `n * N_TAGS` scores (token-major),
/// `trans` `N_TAGS * N_TAGS` (previous-major), `start` `N_TAGS`. Writes `n` tags to `out`.
pub fn viterbi(emit: &[f32], trans: &[f32], start: &[f32], out: &mut Vec<u8>) {
    out.clear();
    let n = emit.len() / N_TAGS;
    if n == 0 || trans.len() < N_TAGS * N_TAGS || start.len() < N_TAGS {
        return;
    }
    let allowed = &*ALLOWED;
    // Transitions current-major, disallowed ones at -inf: the inner loop has no branches.
    let mut tc = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS];
    for (c, row) in tc.iter_mut().enumerate() {
        for (p, x) in row.iter_mut().enumerate() {
            if allowed[p * N_TAGS + c] {
                *x = trans[p * N_TAGS + c];
            }
        }
    }
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
        for c in 0..N_TAGS {
            let row = &tc[c];
            let mut best = score[0] + row[0];
            let mut arg = 0usize;
            for p in 1..N_TAGS {
                let v = score[p] + row[p];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            next[c] = best + e[c];
            bk[c] = arg as u8;
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
