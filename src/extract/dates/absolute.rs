//! Rules for calendar dates, years, decades, centuries and clock times: "September 27, 2017",
//! "27 September 2017", "2017-09-27", "Sept. 27", "Monday", "1998", "the 1990s", "10:30 a.m.".

use super::lexicon::{lookup, Tk, Unit};
use super::resolve::{Day, Sem};
use super::token::{lx, names_title, year_num, M};

/// A day of the month: "27", "27th".
fn day_num(t: &[Tk], i: usize) -> Option<u32> {
    let tk = t.get(i)?;
    let d = match tk.num {
        Some(d) if tk.ndig <= 2 => d,
        _ => {
            let s = tk.text;
            let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = s.get(digits.len()..)?;
            if digits.is_empty()
                || digits.len() > 2
                || !["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| suffix.eq_ignore_ascii_case(x))
            {
                return None;
            }
            digits.parse().ok()?
        }
    };
    (1..=31).contains(&d).then_some(d)
}

/// A capitalized month name.
fn month(t: &[Tk], i: usize) -> Option<u32> {
    let tk = t.get(i)?;
    let m = tk.lex?.month;
    (m > 0 && tk.cap).then_some(u32::from(m))
}

fn is_punct(t: &[Tk], i: usize, p: &str) -> bool {
    t.get(i).is_some_and(|x| x.text == p)
}

/// A year after a month or day: "2017" or ", 2017". Returns (year, next token).
fn year_after(t: &[Tk], i: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_num(t, i) {
        return Some((y, i + 1));
    }
    if is_punct(t, i, ",") {
        return year_num(t, i + 1).map(|y| (y, i + 2));
    }
    None
}

/// Whether a bare month name (no day, no year) at `i` is a date: never before a capitalized word
/// ("August Wilson"), and "May"/"March" (or a month after a capitalized word: "Theresa May")
/// only after a word that licenses a date ("in May", "since March").
fn bare_month_ok(t: &[Tk], i: usize) -> bool {
    let tk = &t[i];
    // Abbreviations ("Aug.", "Sept") date only with a day or a year.
    let full = tk.text.len() > 4 || tk.is("may") || tk.is("june") || tk.is("july");
    if tk.text.ends_with('.') || !full {
        return false;
    }
    if let Some(n) = t.get(i + 1) {
        if n.sent == tk.sent && n.cap && n.lex.is_none_or(|l| l.month == 0 && l.weekday == 0) {
            return false;
        }
    }
    let prev = i
        .checked_sub(1)
        .and_then(|p| t.get(p))
        .filter(|p| p.sent == tk.sent);
    let licensed =
        prev.is_some_and(|p| p.lex.is_some_and(|l| l.prep) || p.text == "-" || p.is("the"));
    let ambiguous = tk.is("may") || tk.is("march");
    let after_name = prev.is_some_and(|p| p.cap && p.lex.is_none_or(|l| !l.prep));
    licensed || !(ambiguous || after_name)
}

/// "September 27, 2017", "Sept. 27", "September 2017", "August", "27 September 2017",
/// "Monday", "Monday, Sept. 25", "Friday morning".
pub(crate) fn calendar(t: &[Tk], i: usize) -> Option<M> {
    if let Some(m) = month(t, i) {
        if let Some(d) = day_num(t, i + 1) {
            if let Some((y, e)) = year_after(t, i + 2) {
                return Some(M::new(e, Sem::Day(Day::Cal(Some(y), m, d))));
            }
            return Some(M::new(i + 2, Sem::Day(Day::Cal(None, m, d))));
        }
        if let Some(y) = year_num(t, i + 1) {
            return Some(M::new(i + 2, Sem::Month(Some(y), m)));
        }
        if let Some(M {
            end,
            sem: Sem::Year(y),
            ..
        }) = spelled_year(t, i + 1)
        {
            return Some(M::new(end, Sem::Month(Some(y), m)));
        }
        if t.get(i + 1).is_some_and(|x| x.is("of")) {
            if let Some(y) = year_num(t, i + 2) {
                return Some(M::new(i + 3, Sem::Month(Some(y), m)));
            }
        }
        // "January this year", "June last year"
        if let (Some(r), Some(u)) = (
            lx(t, i + 1).and_then(|l| l.rel),
            lx(t, i + 2).and_then(|l| l.unit),
        ) {
            if u == Unit::Y && !lx(t, i + 2).is_some_and(|l| l.plural) {
                return Some(M::new(i + 3, Sem::MonthOff(m, i64::from(r))));
            }
        }
        if bare_month_ok(t, i) {
            return Some(M::new(i + 1, Sem::Month(None, m)));
        }
        return None;
    }
    // "27 September 2017", "27th of September"
    if let Some(d) = day_num(t, i) {
        let j = if t.get(i + 1).is_some_and(|x| x.is("of")) {
            i + 2
        } else {
            i + 1
        };
        if let Some(m) = month(t, j) {
            if let Some((y, e)) = year_after(t, j + 1) {
                return Some(M::new(e, Sem::Day(Day::Cal(Some(y), m, d))));
            }
            return Some(M::new(j + 1, Sem::Day(Day::Cal(None, m, d))));
        }
        return None;
    }
    let tk = t.get(i)?;
    let w = tk.lex?.weekday;
    if w == 0 || !tk.cap || names_title(t, i) {
        return None;
    }
    let w = u32::from(w) - 1;
    // "Monday, Sept. 25, 2017": the calendar date decides.
    let j = if is_punct(t, i + 1, ",") {
        i + 2
    } else {
        i + 1
    };
    if month(t, j).is_some() || day_num(t, j).is_some() {
        if let Some(m) = calendar(t, j) {
            if matches!(m.sem, Sem::Day(Day::Cal(..))) {
                return Some(m);
            }
        }
    }
    // "Friday night": the day (TimeBank/AQUAINT mostly annotate the date alone).
    if lx(t, i + 1).is_some_and(|l| l.part.is_some() && !l.parts) {
        return Some(M::new(i + 2, Sem::Day(Day::Weekday(w, None))));
    }
    Some(M::new(i + 1, Sem::Day(Day::Weekday(w, None))))
}

/// Whether a bare four-digit number at `i` is a year, not an amount ("$1990", "2000 people").
fn year_ok(t: &[Tk], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| t.get(p));
    if prev.is_some_and(|p| {
        matches!(
            p.text,
            "$" | "£"
                | "€"
                | "#"
                | "No."
                | "no."
                | "number"
                | "+"
                | "-"
                | "("
                | "/"
                | ":"
                | "."
                | "×"
                | "x"
        ) || p.num.is_some()
    }) {
        return false;
    }
    match t.get(i + 1) {
        Some(n)
            if n.start == t[i].end
                && !matches!(
                    n.text,
                    "," | "." | ")" | ";" | "’s" | "'s" | "'" | "’" | "\"" | "”"
                ) =>
        {
            false
        }
        Some(n) => {
            let w = n.text;
            !(matches!(w, "%" | "percent" | "/" | ":" | "-" | "x")
                || n.num.is_some()
                || (w.len() > 3
                    && w.ends_with('s')
                    && w.bytes().all(|c| c.is_ascii_lowercase())
                    && lookup(w).is_none_or(|l| l.unit.is_none())))
        }
        None => true,
    }
}

/// A decade written "1990s" (optionally "mid-"), or "'90s".
fn decade(text: &str) -> Option<String> {
    let d = text.strip_suffix('s')?;
    if d.len() == 4 && d.bytes().all(|c| c.is_ascii_digit()) && d.ends_with('0') {
        return d.get(..3).map(str::to_string);
    }
    None
}

/// Years, decades, centuries, ISO and numeric dates, hyphenated compounds ("mid-1996").
pub(crate) fn numeric(t: &[Tk], i: usize) -> Option<M> {
    let tk = t.get(i)?;
    if let Some(y) = year_num(t, i) {
        // "the 1988 third quarter"
        if let (Some(o), Some(q)) = (
            lx(t, i + 1)
                .map(|l| l.ord)
                .filter(|&o| (1..=4).contains(&o)),
            t.get(i + 2),
        ) {
            if q.is("quarter") {
                return Some(M::new(i + 3, Sem::Quarter(u32::from(o), Some(y))).the());
            }
        }
        if t.get(i + 1)
            .is_some_and(|x| x.is("quarter") || x.is("period"))
        {
            return Some(M::new(i + 2, Sem::QuarterOfYear(y)).the());
        }
        if y >= 1800 && year_ok(t, i) {
            return Some(M::new(i + 1, Sem::Year(y)));
        }
        return None;
    }
    if let Some(d) = decade(tk.text) {
        return Some(M::new(i + 1, Sem::Lit("DATE", d)).the());
    }
    // "'90s"
    if let (Some(p), true) = (i.checked_sub(1).and_then(|p| t.get(p)), tk.text.len() == 3) {
        if (p.text == "'" || p.text == "’") && p.end == tk.start {
            let b = tk.text.as_bytes();
            if b.get(2) == Some(&b's')
                && b.first().is_some_and(u8::is_ascii_digit)
                && b.get(1) == Some(&b'0')
            {
                let v = format!("19{}", char::from(b[0]));
                return Some(M::new(i + 1, Sem::Lit("DATE", v)));
            }
        }
    }
    // "20th century"
    if let (Some(n), true) = (t.get(i + 1), tk.text.len() >= 3) {
        if n.is("century") {
            let ord: u32 = tk
                .text
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()?;
            if (1..=21).contains(&ord) && tk.text.len() - ord.to_string().len() == 2 {
                return Some(M::new(i + 2, Sem::Lit("DATE", format!("{:02}", ord - 1))).the());
            }
        }
    }
    // 9/27/2017
    if let (Some(a), Some(s1), Some(b), Some(s2), Some(y)) = (
        tk.num,
        t.get(i + 1),
        t.get(i + 2).and_then(|x| x.num),
        t.get(i + 3),
        year_num(t, i + 4),
    ) {
        let tight = t.get(i + 4).is_some_and(|x| x.start == s2.end)
            && s1.start == tk.end
            && s2.start == t[i + 2].end;
        if tight
            && s1.text == "/"
            && s2.text == "/"
            && (1..=12).contains(&a)
            && (1..=31).contains(&b)
        {
            return Some(M::new(i + 5, Sem::Day(Day::Cal(Some(y), a, b))));
        }
    }
    None
}

/// A clock time written in one token, with its attached "am"/"pm" if any: "10:30", "6.30am",
/// "10pm", "18.30" — (hour, minute, am/pm offset, whether written with "." between).
fn clock_token(text: &str) -> Option<(u32, u32, Option<u32>, bool)> {
    // A clock token starts with a digit and has at most 9 bytes ("10:30a.m."): most tokens stop
    // here, before the lower-cased copy.
    if text.len() > 9 || !text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let (core, ampm) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m."))
    {
        Some(c) => (c, Some(0)),
        None => match lower
            .strip_suffix("pm")
            .or_else(|| lower.strip_suffix("p.m."))
        {
            Some(c) => (c, Some(12)),
            None => (lower.as_str(), None),
        },
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let (h, m, dot) = match core.split_once([':', '.']) {
        Some((a, b)) if a.len() <= 2 && b.len() == 2 && digits(a) && digits(b) => {
            (a.parse().ok()?, b.parse().ok()?, core.contains('.'))
        }
        None if ampm.is_some() && core.len() <= 2 && digits(core) => (core.parse().ok()?, 0, false),
        _ => return None,
    };
    Some((h, m, ampm, dot))
}

/// "10:30 a.m.", "5 p.m. EST Nov. 9", "noon Thursday", "at 14:30", "6.30am on Monday", "1830
/// GMT", "10pm tonight".
pub(crate) fn clock(t: &[Tk], i: usize) -> Option<M> {
    let tk = t.get(i)?;
    let (mut h, min, mut j);
    if let Some(n) = tk.lex.and_then(|l| l.noon) {
        (h, min, j) = (u32::from(n), 0, i + 1);
    } else {
        let zone_after = lx(t, i + 1).is_some_and(|l| l.zone);
        let mut ampm = None;
        let mut dot = false;
        if let Some((a, b, ap, d)) = clock_token(tk.text) {
            (h, min, ampm, dot) = (a, b, ap, d);
        } else if tk.num.is_some() && tk.ndig == 4 && zone_after {
            // military style: "1830 GMT"
            let n = tk.num?;
            (h, min) = (n / 100, n % 100);
        } else if tk.num.is_some() && tk.ndig <= 2 {
            (h, min) = (tk.num?, 0);
        } else {
            return None;
        }
        if h > 23 || min > 59 {
            return None;
        }
        j = i + 1;
        let ampm = ampm.or_else(|| {
            let a = lx(t, j).and_then(|l| l.ampm).map(u32::from);
            j += usize::from(a.is_some());
            a
        });
        if let Some(a) = ampm {
            if h == 0 || h > 12 {
                return None;
            }
            h = if h == 12 { a } else { h + a };
        } else if t.get(j).is_some_and(|x| x.is("o'clock")) {
            j += 1;
        } else if tk.num.is_some() && tk.ndig == 4 {
            // "1830 GMT": the zone was required above.
        } else {
            let prev = i.checked_sub(1).and_then(|p| t.get(p));
            let at = prev.is_some_and(|p| {
                [
                    "at", "by", "until", "before", "after", "around", "from", "till",
                ]
                .iter()
                .any(|w| p.is(w))
            });
            // "18.30" is a clock time only with its zone ("£6.30", "14.27 million").
            if tk.num.is_some() || !(zone_after || (at && !dot)) {
                return None;
            }
        }
    }
    if lx(t, j).is_some_and(|l| l.zone) {
        j += 1;
    }
    // The day it is on: "Wednesday", "yesterday", "tonight", ", Nov. 6", "on Monday".
    let k = if is_punct(t, j, ",") || t.get(j).is_some_and(|x| x.is("on")) {
        j + 1
    } else {
        j
    };
    let day = match lx(t, k) {
        Some(l) if l.dayrel.is_some() && !(k > j && t[k].is("tonight")) => {
            j = k + 1;
            Some(Day::Rel(i64::from(l.dayrel.unwrap_or(0))))
        }
        Some(l) if (l.weekday > 0 || l.month > 0) && t[k].cap => match calendar(t, k) {
            Some(M {
                end,
                sem: Sem::Day(d),
                ..
            }) => {
                j = end;
                Some(d)
            }
            _ => None,
        },
        _ => None,
    };
    Some(M::new(j, Sem::Clock(day, h, min)))
}

/// A year in words: "nineteen ninety-six", "nineteen eighty", "two thousand", "two thousand
/// one".
pub(crate) fn spelled_year(t: &[Tk], i: usize) -> Option<M> {
    let tk = t.get(i)?;
    let unit_after = |k: usize| lx(t, k).is_some_and(|l| l.unit.is_some());
    if tk.is("two") && t.get(i + 1).is_some_and(|x| x.is("thousand")) && !unit_after(i + 2) {
        let k = if t.get(i + 2).is_some_and(|x| x.is("and")) {
            i + 3
        } else {
            i + 2
        };
        if let Some(n) = t.get(k).and_then(Tk::number).filter(|&n| n < 100) {
            return (!unit_after(k + 1)).then(|| M::new(k + 1, Sem::Year(2000 + n as i32)));
        }
        return Some(M::new(i + 2, Sem::Year(2000)));
    }
    if !tk.is("nineteen") {
        return None;
    }
    let n = t.get(i + 1)?.number()?;
    (10..=99)
        .contains(&n)
        .then(|| M::new(i + 2, Sem::Year(1900 + n as i32)))
}
