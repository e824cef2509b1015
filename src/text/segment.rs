//! Tokens and sentences, by rules made for news text.
//!
//! A line break ends a sentence (news bodies put paragraphs on lines), except in hard-wrapped
//! text (wire archives, scans: most long lines stop mid-sentence), where a single line break
//! after a long line and before an unindented word is a space ("Securities and\nExchange
//! Commission" is one name); see [`hard_wrapped`]. `.`, `!` and `?`
//! end one when followed by white space and a capital, digit or quote, except after an
//! abbreviation ("Gen.", "Mr.", "Sept.", "U.S.") or a single initial ("J. Smith").

use super::{Sentence, Token};

/// Abbreviations that keep their period and never end a sentence by themselves, sorted (byte
/// order) for a binary search.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Atty", "Aug", "Ave", "Blvd", "Brig", "Bros", "Capt", "Cie", "Cmdr", "Co", "Col",
    "Corp", "Cpl", "Dec", "Dept", "Dr", "Feb", "Fig", "Fr", "Ft", "Gen", "Gov", "Hon", "Inc",
    "Insp", "Jan", "Jr", "Jul", "Jun", "Lt", "Ltd", "Maj", "Mar", "Messrs", "Mlle", "Mme", "Mr",
    "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Nov", "Oct", "Plc", "Pres", "Prof", "Pte", "Rep",
    "Rev", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "approx", "est", "etc", "vs",
];

/// The length of the longest of [`ABBREVIATIONS`].
const ABBREVIATION_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// The bytes [`ABBREVIATIONS`] start with: most words are rejected without a search.
const ABBREVIATION_FIRST: [bool; 256] = {
    let mut first = [false; 256];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        first[ABBREVIATIONS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    first
};

/// Whether `word` (without its period) is a known abbreviation or an acronym written with
/// periods ("U.S", "e.g").
pub fn is_abbreviation(word: &str) -> bool {
    let b = word.as_bytes();
    let listed = b.len() <= ABBREVIATION_MAX
        && b.first()
            .is_some_and(|&c| ABBREVIATION_FIRST[usize::from(c)])
        && ABBREVIATIONS.binary_search(&word).is_ok();
    if listed {
        return true;
    }
    // Letters separated by periods: U.S, U.N, e.g, a.m
    if !b.contains(&b'.') {
        return false;
    }
    let mut parts = word.split('.');
    let n = word.split('.').count();
    n >= 2 && parts.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Whether `c` continues a word: letters, digits and combining marks.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Splits `text` into tokens (byte spans). Sentence indices are left at 0; see [`segment`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    // The character starting at byte `b` (always a character boundary here).
    let ch = |b: usize| -> Option<char> {
        let &x = bytes.get(b)?;
        if x.is_ascii() {
            Some(char::from(x))
        } else {
            text.get(b..)?.chars().next()
        }
    };
    let after = |b: usize, c: char| b + c.len_utf8();
    let mut i = 0;
    while let Some(c) = ch(i) {
        let start = i;
        if c == ' ' {
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i = after(i, c);
            continue;
        }
        if !is_word_char(c) {
            // A possessive split off its word ("Haftar" "’s") is one token ('s' is one byte).
            let next = after(i, c);
            let possessive = is_apostrophe(c)
                && ch(next).is_some_and(|s| matches!(s, 's' | 'S'))
                && ch(next + 1).is_none_or(|n| !is_word_char(n));
            let end = if possessive { next + 1 } else { next };
            tokens.push(Token {
                start,
                end,
                sentence: 0,
            });
            i = end;
            continue;
        }
        // `j`: the byte after the word so far; `last`: its last character.
        let mut j = after(i, c);
        let mut last = c;
        let mut one_char = true;
        loop {
            // The word characters from `j`: runs of ASCII letters and digits at once, other
            // word characters one by one.
            loop {
                let run = j;
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                if j > run {
                    last = char::from(bytes[j - 1]);
                    one_char = false;
                }
                // An ASCII byte after the run is no word character.
                if bytes.get(j).is_none_or(u8::is_ascii) {
                    break;
                }
                match ch(j) {
                    Some(d) if is_word_char(d) => {
                        last = d;
                        j = after(j, d);
                        one_char = false;
                    }
                    _ => break,
                }
            }
            // Internal connectors: a-b, a.b, a'b, 1,000 — when a word char follows.
            // Only these characters connect: any other ASCII one ends the word at once.
            let connector =
                |c: char| !c.is_ascii() || matches!(c, '-' | '.' | '&' | '\'' | ',' | ':');
            if let Some(cj) = ch(j).filter(|&c| connector(c)) {
                let next = after(j, cj);
                if let Some(n) = ch(next).filter(|&n| is_word_char(n)) {
                    let digits = last.is_ascii_digit() && n.is_ascii_digit();
                    let possessive = is_apostrophe(cj)
                        && matches!(n, 's' | 'S')
                        && ch(next + 1).is_none_or(|c| !is_word_char(c));
                    if (cj == '-' || cj == '.' || cj == '&' || (is_apostrophe(cj) && !possessive))
                        || (cj == ',' && digits)
                        || (cj == ':' && digits)
                    {
                        last = cj;
                        j = next;
                        one_char = false;
                        continue;
                    }
                }
            }
            break;
        }
        // Keep a trailing period on abbreviations and initials: "Gen." "U.S." "J."
        let word = &text[start..j];
        let initial = one_char && c.is_uppercase();
        if bytes.get(j) == Some(&b'.') && (initial || is_abbreviation(word)) {
            j += 1;
        }
        tokens.push(Token {
            start,
            end: j,
            sentence: 0,
        });
        i = j;
    }
    tokens
}

/// Tokens and sentences of `text`, with each token's sentence index set.
pub fn segment(text: &str) -> (Vec<Token>, Vec<Sentence>) {
    let mut tokens = tokenize(text);
    let wrapped = hard_wrapped(text);
    let mut sentences = Vec::new();
    let mut first = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let ends = match next {
            None => true,
            Some(n) => {
                let (a, b) = (tokens[i].end, n.start);
                // Gaps are short (mostly one space): a plain loop, not `memchr`.
                let newline = text[a..b].bytes().any(|c| c == b'\n');
                (newline && !(wrapped && soft_break(text, a, &text[a..b])))
                    || ends_sentence(text, &tokens, i)
            }
        };
        if ends {
            for t in &mut tokens[first..=i] {
                t.sentence = sentences.len();
            }
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[i].end,
                tokens: first..i + 1,
            });
            first = i + 1;
        }
    }
    (tokens, sentences)
}

/// A line at least this long (bytes, trimmed) is a wrapped line, not a headline or table row.
const WRAPPED_LINE: usize = 40;

/// Whether `text` is hard-wrapped: at least three long lines, and most of them end mid-sentence
/// (with no `.`, `!`, `?`, `:`, closing quote or bracket). News paragraphs on one line each, and
/// one sentence per line (CoNLL), are not.
pub fn hard_wrapped(text: &str) -> bool {
    let (mut long, mut open) = (0usize, 0usize);
    for line in text.lines().map(str::trim) {
        if line.len() >= WRAPPED_LINE && !numeric_row(line) {
            long += 1;
            let last = line.chars().next_back().unwrap_or('.');
            // A line ending on a number ("15-12 15-6", "1:45.93") is a results row.
            let last_word = line.rsplit(' ').next().unwrap_or("");
            if !matches!(
                last,
                '.' | '!' | '?' | ':' | '"' | '”' | '’' | '\'' | ')' | ']' | ';'
            ) && !last_word.bytes().any(|b| b.is_ascii_digit())
            {
                open += 1;
            }
        }
    }
    long >= 3 && open * 2 > long
}

/// Whether a line is a row of a table or of results rather than prose: at least a fifth of its
/// words hold a digit ("Japan 2 Syria 1 ( halftime 0-1 )", "Shr 1.20 dlrs vs 98 cts").
fn numeric_row(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Most lines of prose hold no digit: no numeric word, a row only if it holds no word.
    // (Sixteen bytes at a time, without an exit per byte: the compiler vectorizes the fold.)
    let digit_in = |c: &[u8]| c.iter().fold(false, |a, b| a | b.is_ascii_digit());
    if !bytes.chunks(16).any(digit_in) {
        return line.trim().is_empty();
    }
    // `split_whitespace` on bytes: ASCII white space by a match, other characters decoded.
    let (mut words, mut numeric) = (0usize, 0usize);
    let (mut in_word, mut digit) = (false, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            let c = line.get(i..).and_then(|r| r.chars().next()).unwrap_or('x');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            if in_word {
                words += 1;
                numeric += usize::from(digit);
            }
            (in_word, digit) = (false, false);
        } else {
            in_word = true;
            digit |= b.is_ascii_digit();
        }
        i += len;
    }
    if in_word {
        words += 1;
        numeric += usize::from(digit);
    }
    numeric * 5 >= words
}

/// Whether the line break in `gap` (white space after the token that ends at `end`) joins two
/// lines of one sentence: a single break, after a long line, before an unindented line.
fn soft_break(text: &str, end: usize, gap: &str) -> bool {
    let mut parts = gap.split('\n');
    let (Some(_), Some(after), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if !after.is_empty() {
        return false;
    }
    // A line of prose (most): an ASCII letter, digit or sign at least `WRAPPED_LINE` bytes
    // before `end` with no line break since, found within a few dozen bytes back, makes the
    // trimmed line long enough (the token before `end` is no white space), without searching
    // back to the line's start.
    let bytes = text.as_bytes();
    let mut k = end;
    while k > end.saturating_sub(2 * WRAPPED_LINE) {
        k -= 1;
        match bytes.get(k) {
            Some(b'\n') | None => break,
            Some(&b) if end - k >= WRAPPED_LINE && b.is_ascii_graphic() => return true,
            Some(_) => {}
        }
    }
    // A short line is a headline or a table row, unless it is the story's first line (a wire
    // dateline cut off before it) or stops on a word that needs a continuation.
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..end].trim();
    let last = line.rsplit(' ').next().unwrap_or("");
    line.len() >= WRAPPED_LINE
        || text[..line_start].trim().is_empty()
        || matches!(
            last,
            "and" | "or" | "of" | "the" | "for" | "in" | "to" | "a" | "an" | "at" | "by" | "&"
        )
        || line.ends_with(',')
}

/// Whether token `i` ends its sentence (the next token is on the same line).
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    // Terminals and closers are at most 3 bytes ("…", "”"): longer tokens (most) end nothing.
    if tokens[i].end - tokens[i].start > 3 {
        return false;
    }
    let tok = &text[tokens[i].start..tokens[i].end];
    let closers = |t: &str| matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "»");
    let terminal = matches!(tok, "." | "!" | "?" | "…");
    // A closing quote or bracket right after a terminal ends the sentence itself.
    let (is_end, k) = if terminal {
        if tokens
            .get(i + 1)
            .is_some_and(|n| n.start == tokens[i].end && closers(&text[n.start..n.end]))
        {
            return false; // the closer will end it
        }
        (true, i)
    } else if closers(tok) && i > 0 && tokens[i - 1].end == tokens[i].start {
        (
            matches!(
                &text[tokens[i - 1].start..tokens[i - 1].end],
                "." | "!" | "?"
            ),
            i,
        )
    } else {
        // "U.S." at the end of a sentence before a capitalised word: only a known sentence
        // starter makes it an end; otherwise abbreviations continue the sentence.
        (false, i)
    };
    if !is_end {
        return false;
    }
    let Some(next) = tokens.get(k + 1) else {
        return true;
    };
    if next.start == tokens[k].end {
        return false; // "3.5", "e.g.x": no space after the period
    }
    let first = text[next.start..].chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let (_, s) = segment(text);
        s.iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn the_abbreviation_list_is_sorted_for_its_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Gen. Claudio Graziano met Mr. Smith in the U.S. capital on Sept. 27. He left.";
        assert_eq!(
            sents(text),
            vec![
                "Gen. Claudio Graziano met Mr. Smith in the U.S. capital on Sept. 27.",
                "He left."
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        let text = "President J. F. Kennedy met Michael M. Sears. Then he left.";
        assert_eq!(
            sents(text),
            vec![
                "President J. F. Kennedy met Michael M. Sears.",
                "Then he left."
            ]
        );
        assert_eq!(toks("J. F. Kennedy")[..2], ["J.", "F."]);
    }

    #[test]
    fn newlines_and_quotes_end_sentences() {
        let text = "He said: “We will win.” Then he left!\nA new line";
        assert_eq!(
            sents(text),
            vec!["He said: “We will win.”", "Then he left!", "A new line"]
        );
    }

    #[test]
    fn single_breaks_of_hard_wrapped_text_are_spaces() {
        // Reuters-21578 style: lines wrapped near 65 characters, paragraphs indented.
        let text = "The company said the filing with the Securities and\n\
                    Exchange Commission was made late on Friday, after the\n\
                    Federal Reserve had raised the discount rate by half a\n\
                    point, said a spokesman for the oil group BP North America\n\
                    Inc said.\n    Analysts said the move was expected by the market.\n";
        assert!(hard_wrapped(text));
        let s = sents(text);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].contains("Securities and\nExchange Commission"));
        assert!(s[0].ends_with("Inc said."));
        // One sentence per line, or paragraphs on lines: every break ends a sentence.
        let conll = "RUGBY UNION - WALES BEAT FIJI IN CARDIFF AT THE ARMS PARK .\n\
                     CARDIFF 1996-11-02\n\
                     Wales beat Fiji 34-10 in their rugby union match on Saturday .\n\
                     Fiji captain Greg Smith said the defeat was a lesson for his side .\n";
        assert!(!hard_wrapped(conll));
        assert_eq!(sents(conll).len(), 4);
        // Results tables (CoNLL's sports pages) are rows, not wrapped prose.
        let results = "SOCCER - ASIAN CUP GROUP C RESULTS .\n\
                       Results of Asian Cup group C matches played on Friday :\n\
                       Japan 2 Syria 1 ( halftime 0-1 ) in Al-Ain on Friday evening\n\
                       Uzbekistan 0 China 2 ( halftime 0-0 ) in Al-Ain on Friday night\n\
                       Standings after two games : Japan 6 points , China 3 points , Syria 1\n";
        assert!(!hard_wrapped(results));
    }

    #[test]
    fn tokens_keep_names_numbers_and_split_possessives() {
        assert_eq!(
            toks("Haftar’s Al-Sarraj paid $1,000.50 to the U.S. army, war-torn."),
            vec![
                "Haftar",
                "’s",
                "Al-Sarraj",
                "paid",
                "$",
                "1,000.50",
                "to",
                "the",
                "U.S.",
                "army",
                ",",
                "war-torn",
                "."
            ]
        );
        assert_eq!(toks("don't café Salamé"), vec!["don't", "café", "Salamé"]);
    }

    #[test]
    fn combining_marks_and_emoji_stay_on_char_boundaries() {
        let text = "Cafe\u{301} 👨‍👩‍👧 🇮🇹 ok";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        assert_eq!(toks(text)[0], "Cafe\u{301}");
    }
}
