//! A bounded Levenshtein test: whether two strings are within `k` edits, in `O(k · n)` time
//! (Ukkonen's band) after stripping their common prefix and suffix, stopping as soon as a row of
//! the band exceeds `k`. It answers what `strsim::levenshtein(a, b) <= k` answers (on chars)
//! without filling the whole table: the keyword dedup asks only whether two phrases are within
//! a tenth of their length of each other.

/// Whether the Levenshtein distance between `a` and `b` (over chars) is at most `k`.
pub fn within(a: &str, b: &str, k: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        within_slices(a.as_bytes(), b.as_bytes(), k)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        within_slices(&a, &b, k)
    }
}

/// [`within`] over any symbols.
fn within_slices<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    // A common prefix or suffix never changes the distance.
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    let (a, b) = if a.len() > b.len() { (b, a) } else { (a, b) };
    if b.len() - a.len() > k {
        return false;
    }
    if a.is_empty() {
        return true; // b.len() <= k
    }
    // Rows over `a`, columns over `b`; only cells with |i - j| <= k are computed, every value
    // clipped to k + 1 (a cell outside the band is at least k + 1 away).
    let big = k + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(big)).collect();
    let mut cur: Vec<usize> = vec![big; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        cur[lo - 1] = if lo == 1 { i.min(big) } else { big };
        let mut row_min = cur[lo - 1];
        let x = &a[i - 1];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(*x != b[j - 1]);
            let v = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(big);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < b.len() {
            cur[hi + 1] = big;
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_strsim_on_every_bound() {
        let words = [
            "",
            "a",
            "ab",
            "oil prices",
            "oil price",
            "oil prices rose",
            "opec deal",
            "opec deals",
            "kitten",
            "sitting",
            "zürich officials",
            "zurich officials",
            "émigrés",
            "emigres",
            "saudi arabia",
            "saudi arabian",
            "abcdefghij",
            "jihgfedcba",
            "🙂 met",
            "met 🙂",
            "prime minister theresa may",
            "prime minister theresa",
            "minister theresa may",
        ];
        for a in words {
            for b in words {
                let d = strsim::levenshtein(a, b);
                for k in 0..12 {
                    assert_eq!(within(a, b, k), d <= k, "{a:?} {b:?} k={k} d={d}");
                }
            }
        }
    }
}
