//! Quotation marks, paired: straight `"`, curly `“ ”`, `„` and guillemets `« »`.
//!
//! One left-to-right pass. A paragraph that ends inside a quote continues it when the next
//! paragraph reopens with a mark (the news convention for quotes over several paragraphs);
//! otherwise the opening mark was stray and is dropped. A closing mark with nothing open is
//! ignored. So unpaired marks cost only their own quote, never the article's others.

/// A paired quotation: byte offsets of its marks and of its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Byte of the opening mark.
    pub open: usize,
    /// Byte just after the closing mark.
    pub close: usize,
    /// Start of the content (after the opening mark and spaces).
    pub start: usize,
    /// End of the content (before the closing mark; spaces and a trailing comma trimmed).
    pub end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Straight,
}

/// The role and byte length of a quotation mark at `i`, if one starts there.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Role, usize)> {
    match bytes[i] {
        b'"' => Some((Role::Straight, 1)),
        // Two apostrophes stand for a double mark in some archives ('' ... '').
        b'\'' if bytes.get(i + 1) == Some(&b'\'') => Some((Role::Straight, 2)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C | 0x9E) => Some((Role::Open, 3)),
            Some(0x9D) => Some((Role::Close, 3)),
            _ => None,
        },
        0xC2 => match bytes.get(i + 1) {
            Some(0xAB) => Some((Role::Open, 2)),
            Some(0xBB) => Some((Role::Close, 2)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the text at `i` starts with white space (or is the end).
fn space_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_none_or(char::is_whitespace)
}

/// Whether the text just before `i` is white space (or the start).
fn space_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
}

/// The bytes [`pair`] stops at: a line break, a straight quote and the first bytes of the
/// curly quotes (U+2018..U+201D, 0xE2) and guillemets (U+00AB, U+00BB: 0xC2).
static MAY_MATTER: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    t
};

/// The first byte at or after `i` that [`MAY_MATTER`] (or the length): eight ASCII bytes at a
/// time while none is a line break or straight quote, then byte by byte.
fn next_may_matter(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether some byte of `v` equals `b` (exact: a zero byte of `v ^ b` sets its high bit).
    let has = |v: u64, b: u8| {
        let x = v ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH != 0
    };
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let Ok(word) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let v = u64::from_le_bytes(word);
            // A byte of a multi-byte character may start a curly quote: the slow loop decides.
            if v & HIGH != 0 || has(v, b'\n') || has(v, b'"') || has(v, b'\'') {
                break;
            }
            i += 8;
        }
        // The eight bytes that stopped the fast loop (or the last few), one by one.
        let end = (i + 8).min(bytes.len());
        while i < end {
            if MAY_MATTER[usize::from(bytes[i])] {
                return i;
            }
            i += 1;
        }
        if i >= bytes.len() {
            return i;
        }
    }
}

/// Every readable quotation of `text`, in text order.
pub fn pair(text: &str) -> Vec<Marked> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut content_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if open.is_some() {
                // Skip the blank lines; a reopening mark continues the quote.
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                match (j < bytes.len()).then(|| mark_at(bytes, j)).flatten() {
                    Some((Role::Open | Role::Straight, n)) if !space_at(text, j + n) => {
                        i = j + n;
                        continue;
                    }
                    _ => open = None,
                }
            }
            i += 1;
            continue;
        }
        if b != b'"' && b != b'\'' && b != 0xE2 && b != 0xC2 {
            // Straight to the next line break or possible mark (most bytes are neither).
            i = next_may_matter(bytes, i + 1);
            continue;
        }
        let Some((role, n)) = mark_at(bytes, i) else {
            i += 1;
            continue;
        };
        let role = match (role, open) {
            (Role::Straight, None) => Role::Open,
            // A straight mark between a space and a word opens rather than closes.
            (Role::Straight, Some(_)) if space_before(text, i) && !space_at(text, i + n) => {
                Role::Open
            }
            (Role::Straight, Some(_)) => Role::Close,
            (r, _) => r,
        };
        match role {
            Role::Open => {
                if space_at(text, i + n) && matches!(bytes.get(i), Some(&(b'"' | b'\''))) {
                    // A straight mark followed by a space opens nothing.
                } else {
                    open = Some(i);
                    content_start = i + n;
                }
            }
            Role::Close | Role::Straight => {
                if let Some(o) = open.take() {
                    if let Some(m) = trimmed(text, o, content_start, i, i + n) {
                        out.push(m);
                    }
                }
            }
        }
        i += n;
    }
    out
}

/// The quotation with its content trimmed of spaces and of a trailing comma; `None` when empty.
fn trimmed(text: &str, open: usize, start: usize, end: usize, close: usize) -> Option<Marked> {
    let inner = text.get(start..end)?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    let body = body.strip_suffix(',').unwrap_or(body).trim_end();
    if body.is_empty() {
        return None;
    }
    Some(Marked {
        open,
        close,
        start: start + lead,
        end: start + lead + body.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_skip_stops_where_the_byte_loop_stops() {
        let text = "plain words then\nmore é text “curly” 'x' \"straight\" «g» end ‘s’ and so on";
        let bytes = text.as_bytes();
        for i in 0..=bytes.len() {
            let mut want = i;
            while bytes
                .get(want)
                .is_some_and(|&b| !MAY_MATTER[usize::from(b)])
            {
                want += 1;
            }
            assert_eq!(next_may_matter(bytes, i), want, "from {i}");
        }
    }

    fn contents(text: &str) -> Vec<&str> {
        pair(text).iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn straight_curly_and_guillemets() {
        assert_eq!(
            contents("He said \"no way,\" and “we will see” and «très bien»."),
            vec!["no way", "we will see", "très bien"]
        );
    }

    #[test]
    fn a_quote_over_paragraphs_continues_when_the_next_one_reopens() {
        let t = "“We are ready to talk.\n\n“And we will,” he said.\nNext.";
        assert_eq!(contents(t), vec!["We are ready to talk.\n\n“And we will"]);
        let t = "\"First part.\n\"Second part,\" she said.";
        assert_eq!(contents(t), vec!["First part.\n\"Second part"]);
    }

    #[test]
    fn stray_marks_lose_only_themselves() {
        // An opening mark never closed before the paragraph ends; a closing one never opened.
        let t = "He said “this is unclosed.\nShe said ” oops and “this is fine”.\n\"And this.\"";
        assert_eq!(contents(t), vec!["this is fine", "And this."]);
        assert!(pair("\"").is_empty() && pair("”“").is_empty() && pair("“ ”").is_empty());
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        let t = "''We wanted to control it,'' he said. Don't worry.";
        assert_eq!(contents(t), vec!["We wanted to control it"]);
    }

    #[test]
    fn a_straight_mark_after_a_space_reopens() {
        // The first mark is stray: the second opens the quote that is closed.
        let t = "The 6\" pipe and \"a real quote\" here.";
        assert_eq!(contents(t), vec!["a real quote"]);
    }
}
