//! The linear model: weight rows for hashed features, BILOU transition scores, and a compact
//! binary format (delta-coded sorted keys, sparse rows, weights quantized to `i16`).

use super::features::SentFeatures;
use super::tags::N_TAGS;

const MAGIC: &[u8; 8] = b"NFNER\x00\x00\x01";

/// A feature row: its key (0 = empty slot) and one quantized weight per tag, side by side so
/// that a lookup touches one cache line.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    w: [i16; N_TAGS],
}

const EMPTY: Slot = Slot {
    key: 0,
    w: [0; N_TAGS],
};

/// One linear-chain model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Open-addressing table of rows.
    slots: Vec<Slot>,
    /// Weight of one quantization step.
    scale: f32,
    /// Transition scores, previous-major.
    pub trans: Vec<f32>,
    /// Start scores.
    pub start: Vec<f32>,
    n_rows: usize,
}

impl Model {
    /// A model from feature keys (row `i` is `keys[i]`) and their weights (`keys.len() *
    /// N_TAGS`), quantized to `i16` steps of `max |w| / 32767`.
    pub fn new(keys: &[u64], weights: &[f32], trans: Vec<f32>, start: Vec<f32>) -> Self {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows = keys
            .iter()
            .zip(weights.chunks_exact(N_TAGS))
            .map(|(&k, w)| {
                let mut q = [0i16; N_TAGS];
                for (x, &y) in q.iter_mut().zip(w) {
                    *x = (y / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                (k, q)
            });
        Self::from_rows(rows, keys.len(), scale, trans, start)
    }

    fn from_rows(
        rows: impl Iterator<Item = (u64, [i16; N_TAGS])>,
        n: usize,
        scale: f32,
        trans: Vec<f32>,
        start: Vec<f32>,
    ) -> Self {
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; cap];
        let mut n_rows = 0;
        for (k, w) in rows {
            if k == 0 || w.iter().all(|&x| x == 0) {
                continue;
            }
            let mut i = slot_of(k, cap);
            while slots[i].key != 0 && slots[i].key != k {
                i = (i + 1) & (cap - 1);
            }
            if slots[i].key == 0 {
                n_rows += 1;
            }
            slots[i] = Slot { key: k, w };
        }
        Self {
            slots,
            scale,
            trans,
            start,
            n_rows,
        }
    }

    /// An empty model (tags everything `O`).
    pub fn empty() -> Self {
        Self::new(&[], &[], vec![0.0; N_TAGS * N_TAGS], vec![0.0; N_TAGS])
    }

    /// Number of feature rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    #[inline]
    fn slot(&self, key: u64) -> Option<&Slot> {
        let cap = self.slots.len();
        let mut i = slot_of(key, cap);
        loop {
            let s = self.slots.get(i)?;
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// The weights of `key`, if the model knows it.
    pub fn weights(&self, key: u64) -> Option<[f32; N_TAGS]> {
        self.slot(key)
            .map(|s| s.w.map(|x| f32::from(x) * self.scale))
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
            let mut acc = [0i32; N_TAGS];
            for &k in feats.token(i) {
                if let Some(s) = self.slot(k) {
                    for (a, &b) in acc.iter_mut().zip(&s.w) {
                        *a += i32::from(b);
                    }
                }
            }
            for (x, a) in e.iter_mut().zip(acc) {
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
        let mut entries: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        entries.sort_unstable_by_key(|s| s.key);
        let mut body = Vec::new();
        let mut n = 0u32;
        let mut prev = 0u64;
        let min_q = (prune / self.scale).round() as i32;
        for s in entries {
            let q = s.w.map(|x| if i32::from(x).abs() < min_q { 0 } else { x });
            let mask = q
                .iter()
                .enumerate()
                .fold(0u32, |m, (i, &v)| if v != 0 { m | 1 << i } else { m });
            if mask == 0 {
                continue;
            }
            put_varint(&mut body, s.key - prev);
            prev = s.key;
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
            return Err("not a newsfacts NER model".into());
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
            let mut w = [0i16; N_TAGS];
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

#[inline]
fn slot_of(key: u64, cap: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (cap - 1)
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
        let w = m2.weights(1 << 40).unwrap();
        assert!((w[3] + 2.0).abs() < 1e-3);
        assert!(m2.weights(8).is_none());
        assert!(Model::from_bytes(b"junk").is_err());
    }
}
