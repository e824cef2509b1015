//! Linear scorers over hashed features: a weight ROW per feature key, so that scoring one
//! feature is one hash probe and one contiguous row add. [`Table`] is the read-only form used
//! for tagging and parsing; [`Averaged`] is the averaged perceptron that trains it.

use std::collections::HashMap;

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

/// Read-only weights: open addressing from key to row, rows of `width` weights.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Key per slot (0 = empty).
    slots: Vec<u64>,
    /// Row index per slot.
    rows_of: Vec<u32>,
    /// Rows, `width` weights each.
    w: Vec<f32>,
    /// Weights per row.
    width: usize,
}

impl Table {
    /// A table from `(key, row)` pairs; rows must have `width` weights.
    pub fn new(width: usize, entries: Vec<(u64, Vec<f32>)>) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; cap];
        let mut rows_of = vec![0u32; cap];
        let mut w = Vec::with_capacity(entries.len() * width);
        for (k, row) in entries {
            if k == 0 || row.len() != width {
                continue;
            }
            let mut i = (k as usize) & (cap - 1);
            while slots[i] != 0 && slots[i] != k {
                i = (i + 1) & (cap - 1);
            }
            if slots[i] == k {
                continue;
            }
            slots[i] = k;
            rows_of[i] = (w.len() / width) as u32;
            w.extend_from_slice(&row);
        }
        Self {
            slots,
            rows_of,
            w,
            width,
        }
    }

    /// Weights per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.w.len() / self.width.max(1)
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.w.is_empty()
    }

    /// The row of `key`, if any.
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[f32]> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == key {
                let r = self.rows_of[i] as usize * self.width;
                return self.w.get(r..r + self.width);
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the rows of `keys` to `scores` (`width` long).
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [f32]) {
        for &k in keys {
            if let Some(r) = self.row(k) {
                for (s, w) in scores.iter_mut().zip(r) {
                    *s += w;
                }
            }
        }
    }

    /// The table without the rows whose largest weight is below `min`.
    #[must_use]
    pub fn pruned(&self, min: f32) -> Table {
        let entries = self
            .entries()
            .filter(|(_, r)| r.iter().any(|w| w.abs() >= min))
            .map(|(k, r)| (k, r.to_vec()))
            .collect();
        Table::new(self.width, entries)
    }

    /// All `(key, row)` pairs, in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (u64, &[f32])> {
        self.slots
            .iter()
            .zip(&self.rows_of)
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &r)| {
                let r = r as usize * self.width;
                (k, &self.w[r..r + self.width])
            })
    }

    /// Appends the table to `out`: width, row count, scale, then per row the key, the number of
    /// non-zero weights and (column, `i16` weight) pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        let max = self.w.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut rows: Vec<(u64, &[f32])> = self.entries().collect();
        rows.sort_unstable_by_key(|r| r.0);
        out.extend_from_slice(&(self.width as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for (k, r) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            let q: Vec<(u8, i16)> = r
                .iter()
                .enumerate()
                .map(|(c, &w)| (c as u8, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            out.push(q.len() as u8);
            for (c, v) in q {
                out.push(c);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    /// Reads a table written by [`Table::write`] from `bytes` at `*pos`, advancing it.
    pub fn read(bytes: &[u8], pos: &mut usize) -> Option<Self> {
        let width = read_u32(bytes, pos)? as usize;
        let n = read_u32(bytes, pos)? as usize;
        let scale = f32::from_bits(read_u32(bytes, pos)?);
        if width > 255 || (width == 0 && n > 0) {
            return None;
        }
        let mut entries = Vec::with_capacity(n.min(bytes.len() / 9));
        for _ in 0..n {
            let k = u64::from_le_bytes(bytes.get(*pos..*pos + 8)?.try_into().ok()?);
            *pos += 8;
            let nnz = *bytes.get(*pos)? as usize;
            *pos += 1;
            let mut row = vec![0f32; width];
            for _ in 0..nnz {
                let c = *bytes.get(*pos)? as usize;
                let v = i16::from_le_bytes(bytes.get(*pos + 1..*pos + 3)?.try_into().ok()?);
                *pos += 3;
                *row.get_mut(c)? = f32::from(v) * scale;
            }
            entries.push((k, row));
        }
        Some(Self::new(width, entries))
    }
}

/// Reads a little-endian `u32` at `*pos`, advancing it.
pub fn read_u32(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(bytes.get(*pos..*pos + 4)?.try_into().ok()?);
    *pos += 4;
    Some(v)
}

/// An averaged perceptron in training: current weights and the time-weighted sums of updates
/// (`avg = w - u / t`).
#[derive(Debug, Clone, Default)]
pub struct Averaged {
    index: HashMap<u64, u32, foldhash::fast::FixedState>,
    w: Vec<f32>,
    u: Vec<f32>,
    width: usize,
    /// Number of updates so far (the clock).
    pub t: f32,
}

impl Averaged {
    /// An empty model with `width` classes.
    pub fn new(width: usize) -> Self {
        Self {
            width,
            t: 1.0,
            ..Self::default()
        }
    }

    /// Adds the current weights of `keys` to `scores`.
    pub fn score(&self, keys: &[u64], scores: &mut [f32]) {
        for k in keys {
            if let Some(&r) = self.index.get(k) {
                let r = r as usize * self.width;
                for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.width]) {
                    *s += w;
                }
            }
        }
    }

    /// The perceptron step: `+1` to class `good`, `-1` to class `bad` for every key.
    pub fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &k in keys {
            let n = self.index.len() as u32;
            let r = *self.index.entry(k).or_insert(n) as usize * self.width;
            if r == self.w.len() {
                self.w.resize(r + self.width, 0.0);
                self.u.resize(r + self.width, 0.0);
            }
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

    /// The averaged weights as a [`Table`], dropping rows whose largest weight is below `min`.
    pub fn average(&self, min: f32) -> Table {
        let entries = self
            .index
            .iter()
            .filter_map(|(&k, &r)| {
                let r = r as usize * self.width;
                let row: Vec<f32> = (r..r + self.width)
                    .map(|i| self.w[i] - self.u[i] / self.t)
                    .collect();
                (row.iter().any(|w| w.abs() >= min)).then_some((k, row))
            })
            .collect();
        Table::new(self.width, entries)
    }
}
