//! The linear model: weight rows for hashed features, BILOU transition scores, and a compact
//! binary format (delta-coded sorted keys, sparse rows, weights quantized to `i16`).

use super::features::SentFeatures;
use super::tags::N_TAGS;

const MAGIC: &[u8; 8] = b"NFNER\x00\x00\x02";

/// Weights stored per feature: one per tag except `O`. Emission scores are relative: a feature's
/// `O` weight is subtracted from its other weights, which shifts every tag of a token by the
/// same amount and leaves the best path unchanged.
pub(super) const W: usize = N_TAGS - 1;

/// Summed quantized weights of both passes (pass 1, pass 2).
pub(super) type Acc = [[i32; W]; 2];

/// A feature's quantized weights, 32 bytes aligned so that a lookup touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
struct Row([i16; W]);

/// One linear-chain model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Open-addressing table: per slot the key's high 32 bits (0 = empty) and the row index.
    slots: Vec<(u32, u32)>,
    /// Rows, in key order.
    rows: Vec<Row>,
    /// Full keys of the rows (for serialization).
    keys: Vec<u64>,
    /// Weight of one quantization step.
    scale: f32,
    /// Transition scores, previous-major.
    pub trans: Vec<f32>,
    /// Start scores.
    pub start: Vec<f32>,
}

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

impl Model {
    /// A model from feature keys (row `i` is `keys[i]`) and their weights (`keys.len() *
    /// N_TAGS`), made relative to `O` and quantized to `i16` steps.
    pub fn new(keys: &[u64], weights: &[f32], trans: Vec<f32>, start: Vec<f32>) -> Self {
        let rel: Vec<[f32; W]> = weights
            .chunks_exact(N_TAGS)
            .map(|w| {
                let mut r = [0f32; W];
                for (x, &y) in r.iter_mut().zip(&w[1..]) {
                    *x = y - w[0];
                }
                r
            })
            .collect();
        let max = rel.iter().flatten().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows = keys.iter().zip(&rel).map(|(&k, w)| {
            (
                k,
                w.map(|y| (y / scale).round().clamp(-32767.0, 32767.0) as i16),
            )
        });
        Self::from_rows(rows, keys.len(), scale, trans, start)
    }

    fn from_rows(
        entries: impl Iterator<Item = (u64, [i16; W])>,
        n: usize,
        scale: f32,
        trans: Vec<f32>,
        start: Vec<f32>,
    ) -> Self {
        let mut sorted: Vec<(u64, [i16; W])> = entries
            .filter(|(k, w)| *k != 0 && w.iter().any(|&x| x != 0))
            .collect();
        sorted.sort_unstable_by_key(|e| e.0);
        sorted.dedup_by_key(|e| e.0);
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); cap];
        let mut rows = Vec::with_capacity(sorted.len());
        let mut keys = Vec::with_capacity(sorted.len());
        for (k, w) in sorted {
            let f = fingerprint(k);
            let mut i = slot_of(k, cap);
            while slots[i].0 != 0 && slots[i].0 != f {
                i = (i + 1) & (cap - 1);
            }
            if slots[i].0 == f {
                continue; // two keys share a fingerprint: keep the first
            }
            slots[i] = (f, rows.len() as u32);
            rows.push(Row(w));
            keys.push(k);
        }
        Self {
            slots,
            rows,
            keys,
            scale,
            trans,
            start,
        }
    }

    /// The average of `models` (their weights relative to `O`, transitions and start scores):
    /// an ensemble of perceptrons trained in different orders, at the cost of one.
    pub fn average(models: &[Model]) -> Model {
        let k = models.len().max(1) as f32;
        let mut sum: std::collections::BTreeMap<u64, [f32; N_TAGS]> = Default::default();
        let mut trans = vec![0f32; N_TAGS * N_TAGS];
        let mut start = vec![0f32; N_TAGS];
        for m in models {
            for (&key, r) in m.keys.iter().zip(&m.rows) {
                let e = sum.entry(key).or_insert([0f32; N_TAGS]);
                for (x, &q) in e[1..].iter_mut().zip(&r.0) {
                    *x += f32::from(q) * m.scale / k;
                }
            }
            for (x, y) in trans.iter_mut().zip(&m.trans) {
                *x += y / k;
            }
            for (x, y) in start.iter_mut().zip(&m.start) {
                *x += y / k;
            }
        }
        let keys: Vec<u64> = sum.keys().copied().collect();
        let weights: Vec<f32> = sum.values().flatten().copied().collect();
        Model::new(&keys, &weights, trans, start)
    }

    /// An empty model (tags everything `O`).
    pub fn empty() -> Self {
        Self::new(&[], &[], vec![0.0; N_TAGS * N_TAGS], vec![0.0; N_TAGS])
    }

    /// Number of feature rows.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    #[inline]
    fn row(&self, key: u64) -> Option<&Row> {
        let cap = self.slots.len();
        let f = fingerprint(key);
        let mut i = slot_of(key, cap);
        loop {
            let (sf, r) = *self.slots.get(i)?;
            if sf == f {
                return self.rows.get(r as usize);
            }
            if sf == 0 {
                return None;
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// The weights of `key` relative to `O` (index 0, always 0), if the model knows it.
    pub fn weights(&self, key: u64) -> Option<[f32; N_TAGS]> {
        self.row(key).map(|r| {
            let mut out = [0f32; N_TAGS];
            for (x, &q) in out[1..].iter_mut().zip(&r.0) {
                *x = f32::from(q) * self.scale;
            }
            out
        })
    }

    /// Emission scores of every token (`len * N_TAGS`) into `emit`.
    pub fn scores(&self, feats: &SentFeatures, emit: &mut Vec<f32>) {
        emit.clear();
        emit.resize(feats.len() * N_TAGS, 0.0);
        self.add_scores(feats, emit);
    }

    /// Adds the emission scores of every token to `emit` (`len * N_TAGS`).
    pub fn add_scores(&self, feats: &SentFeatures, emit: &mut [f32]) {
        for (i, e) in emit.chunks_exact_mut(N_TAGS).enumerate() {
            let mut acc = [0i32; W];
            for &k in feats.token(i) {
                if let Some(r) = self.row(k) {
                    for (a, &b) in acc.iter_mut().zip(&r.0) {
                        *a += i32::from(b);
                    }
                }
            }
            for (x, a) in e[1..].iter_mut().zip(acc) {
                *x += a as f32 * self.scale;
            }
        }
    }

    /// Serializes the model; weights whose magnitude is below `prune` are dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for &w in self.trans.iter().chain(&self.start) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let mut body = Vec::new();
        let mut n = 0u32;
        let mut prev = 0u64;
        let min_q = (prune / self.scale).round() as i32;
        for (&k, r) in self.keys.iter().zip(&self.rows) {
            let q = r.0.map(|x| if i32::from(x).abs() < min_q { 0 } else { x });
            let mask = q
                .iter()
                .enumerate()
                .fold(0u32, |m, (i, &v)| if v != 0 { m | 1 << i } else { m });
            if mask == 0 {
                continue;
            }
            put_varint(&mut body, k - prev);
            prev = k;
            put_varint(&mut body, u64::from(mask));
            for v in q.iter().filter(|&&v| v != 0) {
                body.extend_from_slice(&v.to_le_bytes());
            }
            n += 1;
        }
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Parses [`Model::to_bytes`] output; returns the model and the bytes it used.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Self, usize), String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a newsfacts NER model (or an older format)".into());
        }
        if r.u32()? as usize != N_TAGS {
            return Err("tag set mismatch".into());
        }
        let scale = r.f32()?;
        let mut trans = Vec::with_capacity(N_TAGS * N_TAGS);
        for _ in 0..N_TAGS * N_TAGS {
            trans.push(r.f32()?);
        }
        let mut start = Vec::with_capacity(N_TAGS);
        for _ in 0..N_TAGS {
            start.push(r.f32()?);
        }
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(bytes.len()));
        let mut key = 0u64;
        for _ in 0..n {
            key = key.wrapping_add(r.varint()?);
            let mask = r.varint()?;
            let mut w = [0i16; W];
            for (t, x) in w.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let b = r.take(2)?;
                    *x = i16::from_le_bytes([b[0], b[1]]);
                }
            }
            rows.push((key, w));
        }
        let m = Self::from_rows(rows.into_iter(), n, scale, trans, start);
        Ok((m, r.pos))
    }
}

/// Both passes' weights of a feature side by side: one 64-byte line per lookup.
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
struct Row2([[i16; W]; 2]);

/// The two passes' models merged into one table, so that pass 1 computes the pass-2 scores of
/// the shared features in the same lookups; pass 2 then only looks up its prior features.
#[derive(Debug, Clone)]
pub struct Joint {
    slots: Vec<(u32, u32)>,
    rows: Vec<Row2>,
    scale: [f32; 2],
}

impl Joint {
    /// Merges `m1` and `m2` (rows of either may be missing from the other).
    pub fn new(m1: &Model, m2: Option<&Model>) -> Self {
        let mut all: Vec<(u64, [[i16; W]; 2])> = m1
            .keys
            .iter()
            .zip(&m1.rows)
            .map(|(&k, r)| (k, [r.0, [0; W]]))
            .collect();
        if let Some(m2) = m2 {
            all.extend(
                m2.keys
                    .iter()
                    .zip(&m2.rows)
                    .map(|(&k, r)| (k, [[0; W], r.0])),
            );
        }
        all.sort_unstable_by_key(|e| e.0);
        let mut merged: Vec<(u64, [[i16; W]; 2])> = Vec::with_capacity(all.len());
        for (k, w) in all {
            match merged.last_mut() {
                Some(last) if last.0 == k => {
                    for (dst, src) in last.1.iter_mut().zip(w) {
                        if src.iter().any(|&x| x != 0) {
                            *dst = src;
                        }
                    }
                }
                _ => merged.push((k, w)),
            }
        }
        let n = merged.len();
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); cap];
        let mut rows = Vec::with_capacity(n);
        for (k, w) in merged {
            let f = fingerprint(k);
            let mut i = slot_of(k, cap);
            while slots[i].0 != 0 && slots[i].0 != f {
                i = (i + 1) & (cap - 1);
            }
            if slots[i].0 == f {
                continue;
            }
            slots[i] = (f, rows.len() as u32);
            rows.push(Row2(w));
        }
        Self {
            slots,
            rows,
            scale: [m1.scale, m2.map_or(1.0, |m| m.scale)],
        }
    }

    #[inline]
    fn row(&self, key: u64) -> Option<&Row2> {
        self.row_index(key).and_then(|r| self.rows.get(r as usize))
    }

    /// Adds both passes' weights of row `r` (from [`Joint::row_index`]; none past the end) to
    /// `acc`.
    #[inline]
    pub(super) fn add_row_index(&self, r: u32, acc: &mut Acc) {
        if let Some(r) = self.rows.get(r as usize) {
            add_row(acc, &r.0);
        }
    }

    /// Reads the first slot of each key and the first line of each row in `rows` (from
    /// [`Joint::row_index`]): independent loads that overlap in memory, so that the lookups
    /// that follow find their lines in cache. Returns a value to pass to `black_box`.
    #[inline]
    pub(super) fn touch(&self, keys: &[u64], rows: &[u32]) -> u32 {
        let cap = self.slots.len();
        let mut x = 0u32;
        for &k in keys {
            x ^= self.slots.get(slot_of(k, cap)).map_or(0, |s| s.0);
        }
        for &r in rows {
            x ^= self.rows.get(r as usize).map_or(0, |r| r.0[0][0] as u32);
        }
        x
    }

    /// The row of `key`, if the model knows it.
    #[inline]
    pub(super) fn row_index(&self, key: u64) -> Option<u32> {
        let cap = self.slots.len();
        let f = fingerprint(key);
        let mut i = slot_of(key, cap);
        loop {
            let (sf, r) = *self.slots.get(i)?;
            if sf == f {
                return Some(r);
            }
            if sf == 0 {
                return None;
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// Pass-1 and pass-2 emission scores of `feats` (`len * N_TAGS` each). `found` is scratch.
    pub fn scores_both(
        &self,
        feats: &SentFeatures,
        emit1: &mut Vec<f32>,
        emit2: &mut Vec<f32>,
        found: &mut Vec<u32>,
    ) {
        emit1.clear();
        emit1.resize(feats.len() * N_TAGS, 0.0);
        emit2.clear();
        emit2.resize(feats.len() * N_TAGS, 0.0);
        for (i, (e1, e2)) in emit1
            .chunks_exact_mut(N_TAGS)
            .zip(emit2.chunks_exact_mut(N_TAGS))
            .enumerate()
        {
            // Find all rows first, then add them: independent loads overlap in memory.
            found.clear();
            found.extend(feats.token(i).iter().filter_map(|&k| self.row_index(k)));
            let mut acc = [[0i32; W]; 2];
            for &r in found.iter() {
                if let Some(r) = self.rows.get(r as usize) {
                    for (acc_h, row_h) in acc.iter_mut().zip(&r.0) {
                        for (a, &b) in acc_h.iter_mut().zip(row_h) {
                            *a += i32::from(b);
                        }
                    }
                }
            }
            for (x, a) in e1[1..].iter_mut().zip(acc[0]) {
                *x = a as f32 * self.scale[0];
            }
            for (x, a) in e2[1..].iter_mut().zip(acc[1]) {
                *x = a as f32 * self.scale[1];
            }
        }
    }

    /// Adds the rows of `keys` (both passes) to `acc`.
    #[inline]
    pub(super) fn sum_keys(&self, keys: &[u64], acc: &mut Acc) {
        for &k in keys {
            if let Some(r) = self.row(k) {
                add_row(acc, &r.0);
            }
        }
    }

    /// Writes the emission scores of each token's summed weights `acc` to `emit1` (pass 1) and
    /// `emit2` (pass 2), `acc.len() * N_TAGS` each, except the rows of tokens marked in `forced`
    /// (the decoder never reads them: they keep what the buffers held). Inlined into each
    /// compiled copy of the tagging path (see `Tagger::tag_cached`).
    #[inline(always)]
    pub(super) fn emit_all(
        &self,
        acc: &[Acc],
        forced: &[bool],
        emit1: &mut Vec<f32>,
        emit2: &mut Vec<f32>,
    ) {
        let n = acc.len();
        // Each row is overwritten below (resizing fills only what the buffers grow by).
        emit1.resize(n * N_TAGS, 0.0);
        emit2.resize(n * N_TAGS, 0.0);
        for (i, ((a, e1), e2)) in acc
            .iter()
            .zip(emit1.chunks_exact_mut(N_TAGS))
            .zip(emit2.chunks_exact_mut(N_TAGS))
            .enumerate()
        {
            if !forced.get(i).copied().unwrap_or(false) {
                self.emit(a, e1, e2);
            }
        }
    }

    /// Writes the emission scores of summed weights `acc` to `e1` (pass 1) and `e2` (pass 2),
    /// `N_TAGS` each, as [`Joint::scores_both`] does.
    #[inline]
    fn emit(&self, acc: &Acc, e1: &mut [f32], e2: &mut [f32]) {
        for ((e, a), scale) in [e1, e2].into_iter().zip(acc).zip(self.scale) {
            if let Some((o, rest)) = e.split_first_mut() {
                *o = 0.0;
                // Fixed-size rows, so that the conversion vectorizes.
                if let Ok(rest) = <&mut [f32; W]>::try_from(rest) {
                    for (x, &a) in rest.iter_mut().zip(a) {
                        *x = a as f32 * scale;
                    }
                }
            }
        }
    }

    /// Adds the pass-2 scores of `feats` to `emit`.
    #[inline(always)]
    pub fn add_second(&self, feats: &SentFeatures, emit: &mut [f32]) {
        for (i, e) in emit.chunks_exact_mut(N_TAGS).enumerate() {
            let mut acc = [0i32; W];
            for &k in feats.token(i) {
                if let Some(r) = self.row(k) {
                    for (a, &b) in acc.iter_mut().zip(&r.0[1]) {
                        *a += i32::from(b);
                    }
                }
            }
            for (x, a) in e[1..].iter_mut().zip(acc) {
                *x += a as f32 * self.scale[1];
            }
        }
    }
}

/// Adds both passes' weights of a row to `acc`.
#[inline(always)]
pub(super) fn add_row(acc: &mut Acc, row: &Acc16) {
    for h in 0..2 {
        for t in 0..W {
            acc[h][t] += i32::from(row[h][t]);
        }
    }
}

/// Both passes' quantized weights of one row.
pub(super) type Acc16 = [[i16; W]; 2];

/// Adds `b` to `acc`.
#[inline(always)]
pub(super) fn add_acc(acc: &mut Acc, b: &Acc) {
    for h in 0..2 {
        for t in 0..W {
            acc[h][t] += b[h][t];
        }
    }
}

#[inline]
fn slot_of(key: u64, cap: usize) -> usize {
    (key as usize) & (cap - 1)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.pos..self.pos + n)
            .ok_or("truncated model")?;
        self.pos += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_weights_within_quantization() {
        let keys = [7u64, 1 << 40, 12345];
        let mut w = vec![0f32; 3 * N_TAGS];
        w[0] = 1.5;
        w[N_TAGS + 3] = -2.0;
        w[2 * N_TAGS + 16] = 0.25;
        let m = Model::new(&keys, &w, vec![0.5; N_TAGS * N_TAGS], vec![-1.0; N_TAGS]);
        let bytes = m.to_bytes(0.0);
        let (m2, used) = Model::from_bytes(&bytes).unwrap();
        assert_eq!(used, bytes.len());
        assert_eq!(m2.n_rows(), 3);
        // Relative to O: row 1 has O = 0, tag 3 = -2.
        let w = m2.weights(1 << 40).unwrap();
        assert!((w[3] + 2.0).abs() < 1e-3);
        // Row 0 has O = 1.5 and nothing else: every other tag is 1.5 below O.
        let w0 = m2.weights(7).unwrap();
        assert!((w0[5] + 1.5).abs() < 1e-3 && w0[0] == 0.0);
        assert!(m2.weights(8).is_none());
        assert!(Model::from_bytes(b"junk").is_err());
        // The joint table gives each pass its own weights.
        let other = Model::new(
            &[7],
            &[0.0; N_TAGS],
            vec![0.0; N_TAGS * N_TAGS],
            vec![0.0; N_TAGS],
        );
        let j = Joint::new(&m2, Some(&other));
        let f = SentFeatures {
            keys: vec![7, 12345],
            offsets: vec![0, 2],
        };
        let (mut e1, mut e2) = (Vec::new(), Vec::new());
        j.scores_both(&f, &mut e1, &mut e2, &mut Vec::new());
        let mut e = Vec::new();
        m2.scores(&f, &mut e);
        assert_eq!(e1, e);
        assert!(e2.iter().all(|&x| x == 0.0));
    }
}
