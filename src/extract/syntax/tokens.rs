//! Words as UD English EWT cuts them, from the document's tokens: clitics split off ("do" +
//! "n't", "I" + "'m", "can" + "not", "gon" + "na"), hyphens between letters split ("Al" "-"
//! "Zaman"), runs of one punctuation mark kept together ("...", "--"), dates ("11/28/2000"),
//! e-mail addresses and URLs kept whole. Byte spans into the text; every word is a non-empty
//! substring of one document token or of one unspaced run of them.

/// Clitic suffixes split off a word (lower case; `'` stands for both apostrophes).
const CLITICS: [&str; 6] = ["'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Words split into two without an apostrophe: (word, length of the first part).
const FUSED: [(&str, usize); 12] = [
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("cant", 2),
    ("wont", 2),
    ("isnt", 2),
    ("im", 1),
    ("ive", 1),
];

/// Hyphenated words EWT keeps whole.
const KEEP_HYPHEN: [&str; 2] = ["e-mail", "e-mails"];

/// The UD words of the tokens `spans` (byte spans into `text`, in order).
pub fn ud_words(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len() + spans.len() / 8);
    let mut i = 0;
    while i < spans.len() {
        // The unspaced run of tokens starting at i.
        let mut j = i + 1;
        while j < spans.len() && spans[j].0 == spans[j - 1].1 {
            j += 1;
        }
        let (rs, re) = (spans[i].0, spans[j - 1].1);
        if let Some(end) = link_end(&text[rs..re]) {
            out.push((rs, rs + end));
            let mut k = i;
            while k < j && spans[k].1 <= rs + end {
                k += 1;
            }
            // Tokens straddling the link's end are cut at it.
            if k < j && spans[k].0 < rs + end {
                out.push((rs + end, spans[k].1));
                k += 1;
            }
            for &s in &spans[k..j] {
                split_word(text, s, &mut out);
            }
        } else {
            let first = out.len();
            for &s in &spans[i..j] {
                split_word(text, s, &mut out);
            }
            merge_run(text, &mut out, first);
        }
        i = j;
    }
    out
}

/// The byte length of an e-mail address or URL at the start of `run`, if it is one (trailing
/// punctuation left out).
fn link_end(run: &str) -> Option<usize> {
    let lower = run.get(..run.len().min(8))?.to_ascii_lowercase();
    let url = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || run.contains("://");
    let email = run
        .find('@')
        .is_some_and(|a| a > 0 && run[a + 1..].contains('.') && !run.starts_with('@'));
    if !url && !email {
        return None;
    }
    let end = run
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric() || c == '/')
        .map(|(b, c)| b + c.len_utf8())?;
    Some(end)
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Splits one token into words: clitics, fused forms and hyphens.
fn split_word(text: &str, (s, e): (usize, usize), out: &mut Vec<(usize, usize)>) {
    let w = &text[s..e];
    // "n't" / "n’t"
    if let Some(stem) = strip_nt(w) {
        if !stem.is_empty() {
            split_hyphens(text, (s, s + stem.len()), out);
            out.push((s + stem.len(), e));
            return;
        }
    }
    // 's 're 've 'll 'd 'm
    if let Some((a, c)) = w.char_indices().rev().find(|&(_, c)| is_apos(c)) {
        let tail = &w[a + c.len_utf8()..];
        let is_clitic = a > 0 && CLITICS.iter().any(|cl| cl[1..].eq_ignore_ascii_case(tail));
        if is_clitic {
            split_hyphens(text, (s, s + a), out);
            out.push((s + a, e));
            return;
        }
    }
    if w.len() <= 6 && w.is_ascii() {
        let lower = w.to_ascii_lowercase();
        if let Some(&(_, n)) = FUSED.iter().find(|(f, _)| *f == lower) {
            out.push((s, s + n));
            out.push((s + n, e));
            return;
        }
    }
    split_hyphens(text, (s, e), out);
}

/// The stem before a final "n't" (either apostrophe), if the word ends so.
fn strip_nt(w: &str) -> Option<&str> {
    for suffix in ["n't", "N'T", "n’t", "N’T"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return Some(stem);
        }
    }
    None
}

/// Splits at hyphens that have a letter on one side ("long-term" → "long" "-" "term"; "1-2"
/// and "713-853-3989" stay whole).
fn split_hyphens(text: &str, (s, e): (usize, usize), out: &mut Vec<(usize, usize)>) {
    let w = &text[s..e];
    if !w.contains('-') || w.len() < 3 || KEEP_HYPHEN.iter().any(|k| k.eq_ignore_ascii_case(w)) {
        out.push((s, e));
        return;
    }
    let b = w.as_bytes();
    let mut start = 0;
    for i in 1..b.len().saturating_sub(1) {
        if b[i] != b'-' || b[i - 1] == b'-' {
            continue;
        }
        let prev = w[..i].chars().next_back();
        let next = w[i + 1..].chars().next();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if digit(prev) && digit(next) {
            continue;
        }
        if i > start {
            out.push((s + start, s + i));
        }
        out.push((s + i, s + i + 1));
        start = i + 1;
    }
    if start < w.len() {
        out.push((s + start, e));
    }
}

/// Merges, among `out[first..]` (one unspaced run), runs of the same punctuation mark ("...",
/// "--", "!!!", "?!") and slashed dates ("11/28/2000").
fn merge_run(text: &str, out: &mut Vec<(usize, usize)>, first: usize) {
    let mut k = first;
    let mut w = first;
    while k < out.len() {
        let (s, mut e) = out[k];
        let t = &text[s..e];
        let mut m = k + 1;
        if let Some(len) = EMOTICONS.iter().find_map(|e| {
            let n = e.len();
            let joined = text.get(s..s + n)?;
            (joined == *e && out[k..].iter().any(|w| w.1 == s + n)).then_some(n)
        }) {
            while m < out.len() && out[m].1 <= s + len {
                m += 1;
            }
            e = s + len;
        } else if is_run_mark(t) {
            while m < out.len()
                && is_run_mark(&text[out[m].0..out[m].1])
                && same_run(t, &text[out[m].0..out[m].1])
            {
                e = out[m].1;
                m += 1;
            }
        } else if is_digits(t) {
            // d / d ( / d )
            while m + 1 < out.len()
                && &text[out[m].0..out[m].1] == "/"
                && is_digits(&text[out[m + 1].0..out[m + 1].1])
            {
                e = out[m + 1].1;
                m += 2;
            }
        }
        out[w] = (s, e);
        w += 1;
        k = m;
    }
    out.truncate(w);
}

fn is_run_mark(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '-' | '*' | '=' | '_' | '~' | '<' | '>' | '$' | '#'
            )
        })
}

/// Marks that join one run: the same mark, sentence ends ("?!"), and rules ("==--").
fn same_run(a: &str, b: &str) -> bool {
    let sentence_end = |c: char| matches!(c, '.' | '!' | '?');
    let rule = |c: char| matches!(c, '-' | '=' | '~' | '_' | '*');
    match (a.chars().last(), b.chars().next()) {
        (Some(x), Some(y)) => {
            x == y || (sentence_end(x) && sentence_end(y)) || (rule(x) && rule(y))
        }
        _ => false,
    }
}

/// Emoticons kept whole.
const EMOTICONS: [&str; 8] = [":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":P"];

fn is_digits(t: &str) -> bool {
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn words(text: &str) -> Vec<&str> {
        let spans: Vec<(usize, usize)> = tokenize(text).iter().map(|t| (t.start, t.end)).collect();
        ud_words(text, &spans)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn clitics_hyphens_and_runs_split_as_in_ewt() {
        assert_eq!(
            words("I don't think it's over-priced, Al-Zaman can’t say..."),
            [
                "I", "do", "n't", "think", "it", "'s", "over", "-", "priced", ",", "Al", "-",
                "Zaman", "ca", "n’t", "say", "..."
            ]
        );
        assert_eq!(
            words("We're gonna cannot"),
            ["We", "'re", "gon", "na", "can", "not"]
        );
        assert_eq!(
            words("Mail carol.st.clair@enron.com on 11/28/2000, call 713-853-3989!"),
            [
                "Mail",
                "carol.st.clair@enron.com",
                "on",
                "11/28/2000",
                ",",
                "call",
                "713-853-3989",
                "!"
            ]
        );
    }

    #[test]
    fn accents_curly_quotes_and_emoji_keep_exact_spans() {
        let text = "“Café” — José’s 😀 naïve‑ish";
        let spans: Vec<(usize, usize)> = tokenize(text).iter().map(|t| (t.start, t.end)).collect();
        let w = ud_words(text, &spans);
        for &(s, e) in &w {
            assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
        }
        let got: Vec<&str> = w.iter().map(|&(s, e)| &text[s..e]).collect();
        assert!(got.contains(&"Café") && got.contains(&"José") && got.contains(&"’s"));
        assert!(got.contains(&"😀"));
    }
}
