//! Linear scorers over hashed features (the hashing trick): a feature key picks one of `2^bits`
//! rows of a dense table, so scoring one feature is one array read and one contiguous row add,
//! with no key stored and no probing. Training happens in the same hashed space, so the
//! weights already account for collisions. [`Table`] is the read-only form (`i16` weights with
//! one scale per table); [`Averaged`] is the averaged perceptron that trains it. On disk a table
//! is a bitmap of its non-empty rows and their weights as 8-bit logarithmic codes.

/// Mixes a value into a feature hash (multiply-rotate, as FxHash).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    const K: u64 = 0xF135_7AEA_2E62_A9C5;
    (h ^ v).wrapping_mul(K).rotate_left(26)
}

/// A feature key from a template number and up to three values.
#[inline]
pub fn key(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let h = mix(mix(mix(template.wrapping_add(0x9E37_79B9), a), b), c);
    h.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

/// The row of `key` in a table of `2^bits` rows (the key's high bits).
#[inline]
fn bucket(key: u64, bits: u32) -> usize {
    (key >> (64 - bits)) as usize
}

/// Largest `bits` a table may have.
const MAX_BITS: u32 = 24;

/// Strength of the logarithmic 8-bit code on disk (as the µ-law).
const MU: f32 = 255.0;

/// The 8-bit logarithmic code of an `i16` weight.
fn encode(v: i16) -> i8 {
    let x = f32::from(v).abs() / 32767.0;
    let q = (127.0 * (MU * x).ln_1p() / MU.ln_1p()).round() as i8;
    if v < 0 {
        -q
    } else {
        q
    }
}

/// The `i16` weight of an 8-bit code.
fn decode(q: i8) -> i16 {
    let y = f32::from(q.unsigned_abs()) / 127.0;
    let x = ((MU.ln_1p() * y).exp() - 1.0) / MU * 32767.0;
    let v = x.round().min(32767.0) as i16;
    if q < 0 {
        -v
    } else {
        v
    }
}

/// Read-only weights: `2^bits` rows of `width` weights (`i16`, times `scale`).
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Rows, `width` weights each.
    w: Vec<i16>,
    /// Weights per row.
    width: usize,
    /// Row bits.
    bits: u32,
    /// Real value of one weight unit.
    scale: f32,
    /// Identity of these weights (for caches of their sums).
    id: u64,
}

/// A fresh table identity.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Table {
    /// A table of `2^bits` rows from real weights (`2^bits * width` of them); rows whose
    /// largest weight is below `min` are left empty.
    pub fn from_weights(width: usize, bits: u32, real: &[f32], min: f32) -> Self {
        let max = real.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut w = vec![0i16; real.len()];
        for (q, r) in w.chunks_mut(width.max(1)).zip(real.chunks(width.max(1))) {
            if r.iter().any(|x| x.abs() >= min) {
                for (q, x) in q.iter_mut().zip(r) {
                    *q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
            }
        }
        Self {
            w,
            width,
            bits,
            scale,
            id: next_id(),
        }
    }

    /// The identity of these weights: equal only for a table and its clones.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Weights per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of non-empty rows.
    pub fn len(&self) -> usize {
        self.w
            .chunks(self.width.max(1))
            .filter(|r| r.iter().any(|&x| x != 0))
            .count()
    }

    /// Whether the table has no weights.
    pub fn is_empty(&self) -> bool {
        self.w.is_empty()
    }

    /// Adds the rows of `keys` to `scores` (`width` long), in weight units (one scale for the
    /// whole table, so the best class is the same as in real units).
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [i32]) {
        if self.w.is_empty() {
            return;
        }
        let width = self.width;
        for &k in keys {
            let r = bucket(k, self.bits) * width;
            if let Some(row) = self.w.get(r..r + width) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// The table with the rows whose largest weight is below `min` emptied.
    #[must_use]
    pub fn pruned(&self, min: f32) -> Table {
        let cut = (min / self.scale).round() as i32;
        let mut w = self.w.clone();
        for r in w.chunks_mut(self.width.max(1)) {
            if r.iter().all(|&x| i32::from(x).abs() < cut) {
                r.fill(0);
            }
        }
        Self {
            w,
            id: next_id(),
            ..self.clone()
        }
    }

    /// Appends the table to `out`: width, bits, scale, a bitmap of the non-empty rows, then
    /// per non-empty row its weights as 8-bit codes: all of them when the row is at most 4
    /// wide, else the number of non-zero codes and (column, code) pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        let width = self.width.max(1);
        out.extend_from_slice(&(self.width as u32).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows: Vec<Vec<i8>> = self
            .w
            .chunks(width)
            .map(|r| r.iter().map(|&x| encode(x)).collect())
            .collect();
        let mut bitmap = vec![0u8; rows.len().div_ceil(8)];
        for (i, r) in rows.iter().enumerate() {
            if r.iter().any(|&q| q != 0) {
                bitmap[i / 8] |= 1 << (i % 8);
            }
        }
        out.extend_from_slice(&bitmap);
        for r in rows.iter().filter(|r| r.iter().any(|&q| q != 0)) {
            if width <= 4 {
                out.extend(r.iter().map(|&q| q as u8));
            } else {
                let nz: Vec<(usize, i8)> =
                    r.iter().copied().enumerate().filter(|p| p.1 != 0).collect();
                out.push(nz.len() as u8);
                for (c, q) in nz {
                    out.push(c as u8);
                    out.push(q as u8);
                }
            }
        }
    }

    /// Reads a table written by [`Table::write`] from `bytes` at `*pos`, advancing it.
    pub fn read(bytes: &[u8], pos: &mut usize) -> Option<Self> {
        let width = read_u32(bytes, pos)? as usize;
        let bits = read_u32(bytes, pos)?;
        let scale = f32::from_bits(read_u32(bytes, pos)?);
        if width == 0 || width > 255 || bits > MAX_BITS || bits == 0 {
            return None;
        }
        let n = 1usize << bits;
        let bitmap = bytes.get(*pos..*pos + n.div_ceil(8))?;
        *pos += n.div_ceil(8);
        let mut w = vec![0i16; n * width];
        for (i, row) in w.chunks_mut(width).enumerate() {
            if bitmap[i / 8] & (1 << (i % 8)) == 0 {
                continue;
            }
            if width <= 4 {
                for (x, &b) in row.iter_mut().zip(bytes.get(*pos..*pos + width)?) {
                    *x = decode(b as i8);
                }
                *pos += width;
            } else {
                let nnz = *bytes.get(*pos)? as usize;
                *pos += 1;
                for p in bytes.get(*pos..*pos + 2 * nnz)?.chunks(2) {
                    *row.get_mut(p[0] as usize)? = decode(p[1] as i8);
                }
                *pos += 2 * nnz;
            }
        }
        Some(Self {
            w,
            width,
            bits,
            scale,
            id: next_id(),
        })
    }
}

/// Reads a little-endian `u32` at `*pos`, advancing it.
pub fn read_u32(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(bytes.get(*pos..*pos + 4)?.try_into().ok()?);
    *pos += 4;
    Some(v)
}

/// An averaged perceptron in training over `2^bits` hashed rows: current weights and the
/// time-weighted sums of updates (`avg = w - u / t`).
#[derive(Debug, Clone, Default)]
pub struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
    width: usize,
    bits: u32,
    /// Number of updates so far (the clock).
    pub t: f32,
}

impl Averaged {
    /// An empty model with `width` classes and `2^bits` rows.
    pub fn new(width: usize, bits: u32) -> Self {
        let bits = bits.clamp(1, MAX_BITS);
        Self {
            w: vec![0.0; width << bits],
            u: vec![0.0; width << bits],
            width,
            bits,
            t: 1.0,
        }
    }

    /// Adds the current weights of `keys` to `scores`.
    pub fn score(&self, keys: &[u64], scores: &mut [i32]) {
        // Training scores in f32 would differ from the table's by rounding only; integer
        // scores keep one argmax for both.
        let mut s = [0f32; 64];
        let s = &mut s[..self.width.min(64)];
        for &k in keys {
            let r = bucket(k, self.bits) * self.width;
            for (s, w) in s.iter_mut().zip(&self.w[r..r + self.width]) {
                *s += w;
            }
        }
        for (o, v) in scores.iter_mut().zip(s.iter()) {
            *o = (v * 1024.0) as i32;
        }
    }

    /// The perceptron step: `+1` to class `good`, `-1` to class `bad` for every key.
    pub fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &k in keys {
            let r = bucket(k, self.bits) * self.width;
            self.w[r + good] += 1.0;
            self.u[r + good] += self.t;
            self.w[r + bad] -= 1.0;
            self.u[r + bad] -= self.t;
        }
    }

    /// Advances the clock (once per decision).
    pub fn tick(&mut self) {
        self.t += 1.0;
    }

    /// The averaged weights as a [`Table`], emptying rows whose largest weight is below `min`.
    pub fn average(&self, min: f32) -> Table {
        let real: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.t)
            .collect();
        Table::from_weights(self.width, self.bits, &real, min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_within_a_few_percent() {
        for v in [1i16, 7, 100, 1000, 12_345, 32_767, -5, -32_767] {
            let back = decode(encode(v));
            let err = f32::from((back - v).abs());
            assert!(err <= 6.0 + 0.05 * f32::from(v.abs()), "{v} -> {back}");
        }
        assert_eq!(decode(encode(0)), 0);
    }

    #[test]
    fn tables_round_trip_through_bytes() {
        let mut a = Averaged::new(5, 6);
        a.update(&[key(1, 2, 3, 4), key(9, 9, 9, 9)], 1, 3);
        a.tick();
        a.update(&[key(1, 2, 3, 4)], 0, 1);
        let t = a.average(0.0);
        let mut bytes = Vec::new();
        t.write(&mut bytes);
        let mut pos = 0;
        let back = Table::read(&bytes, &mut pos).unwrap();
        assert_eq!(pos, bytes.len());
        let (mut s1, mut s2) = ([0i32; 5], [0i32; 5]);
        t.score(&[key(1, 2, 3, 4)], &mut s1);
        back.score(&[key(1, 2, 3, 4)], &mut s2);
        // Averaged: class 1 gained at t = 1 and lost at t = 2 (+0.5), class 3 lost at t = 1
        // (-0.5), class 0 gained at t = 2 (0).
        assert_eq!(super::super::tagger::argmax(&s1), 1, "{s1:?}");
        assert_eq!(super::super::tagger::argmax(&s2), 1, "{s2:?}");
        assert!(s1[3] < 0 && s2[3] < 0 && s1[0] == 0 && s2[0] == 0);
    }
}
