//! The unlabelled parser: the arc-hybrid transition system (SHIFT, LEFT, RIGHT; the root at the
//! stack's bottom, attached last so that a sentence has one root), greedy decoding with an
//! averaged perceptron (one row of three weights per feature), trained with the dynamic oracle
//! of Goldberg & Nivre (2013) and exploration. Exactly `2n` moves for `n` words: linear.

use super::lex::{Lex, NO_CLUSTER};
use super::tags::Upos;
use super::weights::{key, Averaged, Table};

/// Moves: shift b0 onto the stack; s0 ← b0 (pop); s1 → s0 (pop).
pub const N_MOVES: usize = 3;
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
/// Rows of the hashed table (`2^BITS`).
pub const BITS: u32 = 21;

/// No token.
pub const NONE: u32 = u32::MAX;

/// What the features read of one position (word 0 is the root).
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Normalized word hash.
    pub w: u64,
    /// Tag id (17 = root, 18 = none).
    pub t: u64,
    /// Mid-level cluster (or a sentinel).
    pub c: u64,
}

const NO_TOK: Tok = Tok {
    w: 0xDEAD_BEEF,
    t: 18,
    c: 0xFFFF_0001,
};

/// The sentence as the parser sees it: position 0 is the root.
pub fn toks(lex: &[Lex], tags: &[Upos]) -> Vec<Tok> {
    let mut v = Vec::with_capacity(lex.len() + 1);
    v.push(Tok {
        w: 0x0000_0000_00C0_FFEE,
        t: 17,
        c: 0xFFFF_0002,
    });
    for (l, t) in lex.iter().zip(tags) {
        v.push(Tok {
            w: l.norm,
            t: u64::from(t.0),
            c: if l.cl[1] == NO_CLUSTER {
                0xFFFF_0003
            } else {
                u64::from(l.cl[1])
            },
        });
    }
    v
}

/// A parser configuration.
#[derive(Debug, Clone)]
pub struct State {
    /// The stack (bottom first); starts as `[0]`.
    pub stack: Vec<u32>,
    /// Front of the buffer (the buffer is `b..=n`).
    pub b: u32,
    /// Number of words.
    pub n: u32,
    /// Head of each position ([`NONE`] while unattached).
    pub heads: Vec<u32>,
    /// Leftmost and second leftmost child.
    lc: Vec<[u32; 2]>,
    /// Rightmost and second rightmost child.
    rc: Vec<[u32; 2]>,
    /// Numbers of left and right children.
    nc: Vec<[u8; 2]>,
}

impl State {
    /// The start configuration for `n` words.
    pub fn new(n: usize) -> Self {
        let mut stack = Vec::with_capacity(32);
        stack.push(0);
        Self {
            stack,
            b: 1,
            n: n as u32,
            heads: vec![NONE; n + 1],
            lc: vec![[NONE; 2]; n + 1],
            rc: vec![[NONE; 2]; n + 1],
            nc: vec![[0; 2]; n + 1],
        }
    }

    /// Whether parsing is over.
    pub fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NONE
        }
    }

    fn buf(&self, k: u32) -> u32 {
        if self.b + k <= self.n {
            self.b + k
        } else {
            NONE
        }
    }

    /// Which moves are legal.
    pub fn legal(&self) -> [bool; N_MOVES] {
        let l = self.stack.len();
        let has_b = self.b <= self.n;
        [
            has_b,
            l >= 2 && has_b,
            l >= 2 && (self.stack[l - 2] != 0 || !has_b),
        ]
    }

    /// Applies a legal move.
    pub fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT => {
                if let Some(d) = self.stack.pop() {
                    self.attach(self.b, d);
                }
            }
            _ => {
                if let Some(d) = self.stack.pop() {
                    if let Some(&h) = self.stack.last() {
                        self.attach(h, d);
                    }
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        if d < h {
            let c = &mut self.lc[hu];
            if c[0] == NONE || d < c[0] {
                *c = [d, c[0]];
            }
            self.nc[hu][0] = self.nc[hu][0].saturating_add(1);
        } else {
            let c = &mut self.rc[hu];
            if c[0] == NONE || d > c[0] {
                *c = [d, c[0]];
            }
            self.nc[hu][1] = self.nc[hu][1].saturating_add(1);
        }
    }

    /// Costs of the moves against gold heads (arcs made unreachable), for legal moves.
    pub fn costs(&self, gold: &[u32]) -> [u32; N_MOVES] {
        let mut c = [u32::MAX; N_MOVES];
        let legal = self.legal();
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b0 = self.b;
        let in_buf = |x: u32| x != NONE && x >= self.b && x <= self.n && x != 0;
        let deps_in_buf =
            |h: u32| (self.b..=self.n).filter(|&d| gold[d as usize] == h).count() as u32;
        if legal[SHIFT] {
            let g = gold[b0 as usize];
            let lost_head = u32::from(g != s0 && self.stack.contains(&g));
            let lost_deps = self
                .stack
                .iter()
                .filter(|&&d| d != 0 && gold[d as usize] == b0)
                .count() as u32;
            c[SHIFT] = lost_head + lost_deps;
        }
        if legal[LEFT] {
            let g = gold[s0 as usize];
            let lost_head = u32::from(g != b0 && (g == s1 || in_buf(g)));
            c[LEFT] = lost_head + deps_in_buf(s0);
        }
        if legal[RIGHT] {
            let g = gold[s0 as usize];
            c[RIGHT] = u32::from(in_buf(g)) + deps_in_buf(s0);
        }
        c
    }

    fn tok<'a>(&self, t: &'a [Tok], i: u32) -> &'a Tok {
        if i == NONE {
            &NO_TOK
        } else {
            &t[i as usize]
        }
    }

    fn lc(&self, i: u32, k: usize) -> u32 {
        if i == NONE {
            NONE
        } else {
            self.lc[i as usize][k]
        }
    }

    fn rc(&self, i: u32, k: usize) -> u32 {
        if i == NONE {
            NONE
        } else {
            self.rc[i as usize][k]
        }
    }

    fn nc(&self, i: u32) -> [u64; 2] {
        if i == NONE {
            [9, 9]
        } else {
            let c = self.nc[i as usize];
            [u64::from(c[0].min(6)), u64::from(c[1].min(6))]
        }
    }

    /// The positions in the roles of [`role_keys`]: s0, s1, b0, b1, b2, s2.
    pub fn roles(&self) -> [u32; N_ROLES] {
        [
            self.s(0),
            self.s(1),
            self.buf(0),
            self.buf(1),
            self.buf(2),
            self.s(2),
        ]
    }

    /// The feature keys of this configuration: those of one position in one role
    /// ([`role_keys`]) and the rest ([`State::pair_features`]).
    pub fn features(&self, t: &[Tok], out: &mut Vec<u64>) {
        out.clear();
        for (r, i) in self.roles().into_iter().enumerate() {
            role_keys(r, self.tok(t, i), out);
        }
        self.pair_features(t, out);
    }

    /// Appends the keys of the features that read more than one position (or a child).
    pub fn pair_features(&self, t: &[Tok], out: &mut Vec<u64>) {
        let (i0, i1, i2) = (self.s(0), self.s(1), self.s(2));
        let (j0, j1, j2) = (self.buf(0), self.buf(1), self.buf(2));
        let s0 = self.tok(t, i0);
        let s1 = self.tok(t, i1);
        let s2 = self.tok(t, i2);
        let b0 = self.tok(t, j0);
        let b1 = self.tok(t, j1);
        let b2 = self.tok(t, j2);
        let s0l = self.tok(t, self.lc(i0, 0));
        let s0l2 = self.tok(t, self.lc(i0, 1));
        let s0r = self.tok(t, self.rc(i0, 0));
        let s0r2 = self.tok(t, self.rc(i0, 1));
        let s1l = self.tok(t, self.lc(i1, 0));
        let s1r = self.tok(t, self.rc(i1, 0));
        let b0l = self.tok(t, self.lc(j0, 0));
        let b0l2 = self.tok(t, self.lc(j0, 1));
        let dist = if i0 == NONE || j0 == NONE {
            0
        } else {
            bucket(j0 - i0)
        };
        let d10 = if i1 == NONE || i0 == NONE {
            0
        } else {
            bucket(i0 - i1)
        };
        let [s0nl, s0nr] = self.nc(i0);
        let [b0nl, _] = self.nc(j0);
        let [_, s1nr] = self.nc(i1);
        // Children
        out.push(key(20, s0l.t, 0, 0));
        out.push(key(21, s0l.w, 0, 0));
        out.push(key(22, s0r.t, 0, 0));
        out.push(key(23, s0r.w, 0, 0));
        out.push(key(24, s1r.t, 0, 0));
        out.push(key(25, s1r.w, 0, 0));
        out.push(key(26, b0l.t, 0, 0));
        out.push(key(27, b0l.w, 0, 0));
        out.push(key(28, s1l.t, 0, 0));
        // Pairs
        out.push(key(30, s0.w ^ (s0.t << 56), b0.w, b0.t));
        out.push(key(31, s0.w, s0.t, b0.w));
        out.push(key(32, s0.w, b0.w, b0.t));
        out.push(key(33, s0.w, s0.t, b0.t));
        out.push(key(34, s0.t, b0.w, b0.t));
        out.push(key(35, s0.w, b0.w, 0));
        out.push(key(36, s0.t, b0.t, 0));
        out.push(key(37, b0.t, b1.t, 0));
        out.push(key(38, s1.w, s0.w, 0));
        out.push(key(39, s1.t, s0.t, 0));
        out.push(key(40, s1.t, s0.w, 0));
        out.push(key(41, s1.w, s0.t, 0));
        out.push(key(42, s0.c, b0.c, 0));
        out.push(key(43, s0.c, b0.t, 0));
        out.push(key(44, s0.t, b0.c, 0));
        out.push(key(45, s1.c, s0.c, 0));
        out.push(key(46, b0.w, b1.w, 0));
        out.push(key(47, s0.t, b0.w, 0));
        out.push(key(48, s0.w, b0.t, 0));
        // Triples
        out.push(key(50, b0.t, b1.t, b2.t));
        out.push(key(51, s0.t, b0.t, b1.t));
        out.push(key(52, s1.t, s0.t, b0.t));
        out.push(key(53, s2.t, s1.t, s0.t));
        out.push(key(54, s0.t, s0l.t, b0.t));
        out.push(key(55, s0.t, s0r.t, b0.t));
        out.push(key(56, s0.t, b0.t, b0l.t));
        out.push(key(57, s0.t, s0l.t, s0l2.t));
        out.push(key(58, s0.t, s0r.t, s0r2.t));
        out.push(key(59, b0.t, b0l.t, b0l2.t));
        out.push(key(60, s1.t, s1r.t, s0.t));
        out.push(key(61, s1.t, s1l.t, s0.t));
        out.push(key(62, s1.t, s0.t, s0r.t));
        out.push(key(63, s0.w, b0.t, b1.t));
        out.push(key(64, s1.t, s0.w, b0.t));
        // Distance and valency
        out.push(key(70, s0.w, dist, 0));
        out.push(key(71, s0.t, dist, 0));
        out.push(key(72, b0.w, dist, 0));
        out.push(key(73, b0.t, dist, 0));
        out.push(key(74, s0.t, b0.t, dist));
        out.push(key(75, s1.t, s0.t, d10));
        out.push(key(76, s0.w, s0nl, s0nr));
        out.push(key(77, s0.t, s0nl, s0nr));
        out.push(key(78, b0.w, b0nl, 0));
        out.push(key(79, b0.t, b0nl, 0));
        out.push(key(80, s1.t, s1nr, 0));
        out.push(key(81, s0.t, b0.t, s0nr));
    }
}

/// Number of roles whose single-position features are cached.
pub const N_ROLES: usize = 6;

/// Appends the keys of the features of one position `x` in role `r` (0 s0, 1 s1, 2 b0, 3 b1,
/// 4 b2, 5 s2): the same whenever that position holds that role, so the parser sums their
/// rows once per position and role.
pub fn role_keys(r: usize, x: &Tok, out: &mut Vec<u64>) {
    match r {
        0 => {
            out.push(key(1, x.w, 0, 0));
            out.push(key(2, x.t, 0, 0));
            out.push(key(3, x.w, x.t, 0));
            out.push(key(15, x.c, 0, 0));
        }
        1 => {
            out.push(key(4, x.w, 0, 0));
            out.push(key(5, x.t, 0, 0));
            out.push(key(6, x.w, x.t, 0));
            out.push(key(17, x.c, 0, 0));
        }
        2 => {
            out.push(key(7, x.w, 0, 0));
            out.push(key(8, x.t, 0, 0));
            out.push(key(9, x.w, x.t, 0));
            out.push(key(16, x.c, 0, 0));
        }
        3 => {
            out.push(key(10, x.w, 0, 0));
            out.push(key(11, x.t, 0, 0));
            out.push(key(12, x.w, x.t, 0));
            out.push(key(18, x.c, 0, 0));
        }
        4 => out.push(key(13, x.t, 0, 0)),
        _ => out.push(key(14, x.t, 0, 0)),
    }
}

fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The parser's weights.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    /// One row of [`N_MOVES`] weights per feature.
    pub table: Table,
}

fn best_legal(s: &[i32; N_MOVES], legal: &[bool; N_MOVES]) -> usize {
    let mut best = usize::MAX;
    for m in 0..N_MOVES {
        if legal[m] && (best == usize::MAX || s[m] > s[best]) {
            best = m;
        }
    }
    best
}

impl Parser {
    /// Heads (0 = root, 1-based) of the words of `t` (from [`toks`]).
    pub fn parse(&self, t: &[Tok], feats: &mut Vec<u64>) -> Vec<u32> {
        let mut st = State::new(t.len() - 1);
        // Summed rows of each position's features in each role, computed on first use;
        // the last slot is "no position".
        let none = t.len();
        let mut cache: Vec<Option<[i32; N_MOVES]>> = vec![None; (t.len() + 1) * N_ROLES];
        while !st.done() {
            let mut s = [0i32; N_MOVES];
            for (r, i) in st.roles().into_iter().enumerate() {
                let p = if i == NONE { none } else { i as usize };
                let slot = &mut cache[p * N_ROLES + r];
                let row = *slot.get_or_insert_with(|| {
                    feats.clear();
                    role_keys(r, st.tok(t, i), feats);
                    let mut row = [0i32; N_MOVES];
                    self.table.score(feats, &mut row);
                    row
                });
                for (s, x) in s.iter_mut().zip(row) {
                    *s += x;
                }
            }
            feats.clear();
            st.pair_features(t, feats);
            self.table.score(feats, &mut s);
            let m = best_legal(&s, &st.legal());
            if m == usize::MAX {
                break;
            }
            st.apply(m);
        }
        st.heads
    }
}

/// One training pass with the dynamic oracle. `explore`: the probability of following the
/// model's move (when wrong) after the first epochs. Returns the number of correct moves.
pub fn train_epoch(
    model: &mut Averaged,
    sents: &[(Vec<Tok>, Vec<u32>)],
    order: &[usize],
    explore: f32,
    rng: &mut u64,
) -> usize {
    let mut feats = Vec::new();
    let mut right = 0;
    for &k in order {
        let (t, gold) = &sents[k];
        let mut st = State::new(t.len() - 1);
        while !st.done() {
            st.features(t, &mut feats);
            let mut s = [0i32; N_MOVES];
            model.score(&feats, &mut s);
            let legal = st.legal();
            let pred = best_legal(&s, &legal);
            if pred == usize::MAX {
                break;
            }
            let costs = st.costs(gold);
            let min = costs.iter().copied().min().unwrap_or(0);
            let mut g = usize::MAX;
            for m in 0..N_MOVES {
                if legal[m] && costs[m] == min && (g == usize::MAX || s[m] > s[g]) {
                    g = m;
                }
            }
            if costs[pred] > min {
                model.update(&feats, g, pred);
            } else {
                right += 1;
            }
            model.tick();
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            let r = (*rng >> 40) as f32 / (1u64 << 24) as f32;
            st.apply(if r < explore { pred } else { g });
        }
    }
    right
}
