//! The rule engine: at each token, the longest expression the rule families recognize, with the
//! modifiers TimeML keeps inside a span ("the", "early", "nearly", "earlier this ...").

use chrono::Datelike;

use super::absolute::{calendar, clock, numeric, spelled_year};
use super::holidays::{holiday_at, HOLIDAYS};
use super::lexicon::{Tk, Unit};
use super::relative::{
    amount, anaphor, compound, deictic, quarter_or_season, reference_or_set, relative,
};
use super::resolve::{Day, Sem};
use super::token::{lx, year_num, M};

/// A match found in the text: token range and meaning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// First token.
    pub start: usize,
    /// Token after the last.
    pub end: usize,
    /// Meaning.
    pub sem: Sem,
}

/// All expressions of the token view, left to right, longest first, without overlaps.
pub(crate) fn scan(t: &[Tk]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !t[i].interesting() {
            i += 1;
            continue;
        }
        match parse(t, i, 0) {
            Some(m) if m.end > i => {
                out.push(Found {
                    start: i,
                    end: m.end,
                    sem: m.sem,
                });
                i = m.end;
            }
            _ => i += 1,
        }
    }
    out
}

fn same_sentence(t: &[Tk], i: usize, m: &M) -> bool {
    let s = t[i].sent;
    t.get(m.end.saturating_sub(1)).is_some_and(|x| x.sent == s)
}

/// Whether `sem` names a period a modifier like "early" or "the end of" can apply to.
fn period(sem: &Sem) -> bool {
    !matches!(sem, Sem::Clock(..) | Sem::Ago(..) | Sem::Later(..))
        && !matches!(sem, Sem::Lit(t, _) if *t != "DATE")
}

fn duration_like(sem: &Sem) -> bool {
    matches!(
        sem,
        Sem::Lit("DURATION", _) | Sem::Clock(..) | Sem::Ago(..) | Sem::Later(..)
    )
}

/// The expression starting at token `i`, modifiers first.
fn parse(t: &[Tk], i: usize, depth: u8) -> Option<M> {
    if depth > 4 {
        return None;
    }
    let tk = t.get(i)?;
    let m = prefixed(t, i, tk, depth).or_else(|| core(t, i))?;
    same_sentence(t, i, &m).then_some(m)
}

fn prefixed(t: &[Tk], i: usize, tk: &Tk, depth: u8) -> Option<M> {
    let next = |k: usize| parse(t, i + k, depth + 1);
    if tk.is("the") {
        if let Some(m) = next(1).filter(|m| m.the) {
            return Some(m);
        }
        let n = t.get(i + 1)?;
        if n.is("weekend") {
            return Some(M::new(i + 2, Sem::Weekend(None)));
        }
        // "the same day"
        if n.is("same") {
            return anaphor(t, i + 1);
        }
        if let Some(m) = the_unit(t, i + 1) {
            return Some(m);
        }
        let (k, w) = if n.is("near") || n.is("distant") || n.is("recent") {
            (2, t.get(i + 2)?)
        } else {
            (1, n)
        };
        let v = if w.is("past") {
            "PAST_REF"
        } else if w.is("future") {
            "FUTURE_REF"
        } else if w.is("present") {
            "PRESENT_REF"
        } else {
            return None;
        };
        return Some(M::new(i + k + 1, Sem::Lit("DATE", v.into())));
    }
    let l = tk.lex?;
    if l.fiscal {
        if let Some(y) = year_num(t, i + 1) {
            return Some(M::new(i + 2, Sem::Year(y)).the());
        }
        let m = next(1)?;
        return matches!(m.sem, Sem::Year(_) | Sem::Quarter(..)).then_some(M { the: true, ..m });
    }
    if l.right && t.get(i + 1).is_some_and(|x| x.is("now")) {
        return Some(M::new(i + 2, Sem::Lit("DATE", "PRESENT_REF".into())));
    }
    if tk.is("no") && t.get(i + 1).is_some_and(|x| x.is("more") || x.is("less")) {
        return next(1).filter(|m| matches!(m.sem, Sem::Lit("DURATION", _)));
    }
    if let Some(md) = l.modifier {
        let _ = md;
        let k = if t.get(i + 1).is_some_and(|x| x.is("of")) {
            2
        } else {
            1
        };
        if k == 1 && !(tk.is("early") || tk.is("late") || tk.is("mid")) {
            return None;
        }
        let m = next(k).filter(|m| period(&m.sem))?;
        return Some(M { the: true, ..m });
    }
    if l.approx {
        return next(1).filter(|m| duration_like(&m.sem));
    }
    if tk.is("more") || tk.is("less") || tk.is("fewer") {
        return t
            .get(i + 1)
            .filter(|x| x.is("than"))
            .and_then(|_| next(2))
            .filter(|m| duration_like(&m.sem));
    }
    if tk.is("at") && t.get(i + 1).is_some_and(|x| x.is("least") || x.is("most")) {
        return next(2).filter(|m| matches!(m.sem, Sem::Lit("DURATION", _)));
    }
    if tk.is("up") && t.get(i + 1).is_some_and(|x| x.is("to")) {
        return next(2).filter(|m| matches!(m.sem, Sem::Lit("DURATION", _)));
    }
    if (tk.is("earlier") || tk.is("later"))
        && (lx(t, i + 1).is_some() || t.get(i + 1).is_some_and(|x| x.is("that")))
    {
        let m = next(1)?;
        let ok = matches!(
            m.sem,
            Sem::Rel(_, 0) | Sem::Part(Day::Rel(0), _) | Sem::Day(Day::Rel(-1)) | Sem::That(_, 0)
        );
        return ok.then_some(m);
    }
    None
}

/// After "the": "the (full|fiscal|calendar) year" — a DURATION after "for", "during", "over",
/// else the reference year; "the week", "the month"; "the year 2000".
fn the_unit(t: &[Tk], i: usize) -> Option<M> {
    let mut j = i;
    while t.get(j).is_some_and(|x| {
        x.is("full") || x.is("fiscal") || x.is("calendar") || x.is("entire") || x.is("whole")
    }) {
        j += 1;
    }
    let w = t.get(j)?;
    let unit = if w.is("year") {
        Unit::Y
    } else if w.is("week") && j == i {
        Unit::W
    } else if w.is("month") && j == i {
        Unit::M
    } else {
        return None;
    };
    let after = t.get(j + 1);
    if after.is_some_and(|a| {
        a.text.starts_with('-')
            || a.text.starts_with('\'')
            || a.text.starts_with('’')
            || a.is("of")
            || a.is("before")
            || a.is("after")
            || a.is("earlier")
            || a.is("ago")
    }) {
        return None;
    }
    if let Some(y) = year_num(t, j + 1) {
        return Some(M::new(j + 2, Sem::Year(y)));
    }
    if let Some(m) = spelled_year(t, j + 1) {
        return Some(m);
    }
    // A span of time: "the year ended March 31", "throughout the year"; else the year itself
    // ("for the full year", "earlier in the year").
    let prev = i.checked_sub(2).and_then(|p| t.get(p));
    let span = prev.is_some_and(|p| ["during", "throughout", "all"].iter().any(|w| p.is(w)))
        || after.is_some_and(|a| a.is("ended") || a.is("ending") || a.is("ends") || a.is("to"));
    if span {
        return Some(M::new(j + 1, Sem::Lit("DURATION", unit.duration(Some(1)))));
    }
    Some(M::new(j + 1, Sem::Rel(unit, 0)))
}

/// The rule families, most specific first.
fn core(t: &[Tk], i: usize) -> Option<M> {
    let tk = &t[i];
    if tk.text.bytes().any(|c| c == b'-') {
        return compound(t, i);
    }
    if tk.num.is_some() {
        return clock(t, i)
            .or_else(|| calendar(t, i))
            .or_else(|| amount(t, i))
            .or_else(|| numeric(t, i));
    }
    let first = tk.text.as_bytes().first().copied().unwrap_or(b' ');
    if first.is_ascii_digit() {
        return clock(t, i)
            .or_else(|| calendar(t, i))
            .or_else(|| numeric(t, i));
    }
    if tk.is("latest")
        || tk.is("quarter")
        || tk.is("q1")
        || tk.is("q2")
        || tk.is("q3")
        || tk.is("q4")
    {
        return quarter_or_season(t, i);
    }
    if tk.is("that") {
        return anaphor(t, i);
    }
    let l = tk.lex?;
    if tk.cap {
        if let Some((k, end)) = holiday_at(t, i) {
            // "Election Day 2016"
            let fixed = year_num(t, end).and_then(|y| HOLIDAYS.get(k)?.day(y));
            if let Some(d) = fixed {
                let day = Day::Cal(Some(d.year()), d.month(), d.day());
                return Some(M::new(end + 1, Sem::Day(day)));
            }
            return Some(M::new(end, Sem::Day(Day::Holiday(k))));
        }
    }
    // A word-list word without digits or a hyphen (not "that", "latest", "quarter", "Q1"):
    // each family is called only where the word passes the test it starts with (most words,
    // "to", "of", "in", pass none), which is all it could match on.
    let clock_at = l.noon.is_some();
    let calendar_at = tk.cap && (l.month > 0 || l.weekday > 0);
    let spelled_at = tk.is("two") || tk.is("nineteen");
    let season_at = tk.is("last") || l.ord > 0 || l.season.is_some();
    let relative_at = l.rel.is_some() || l.ord == 1;
    let amount_at = l.numx || l.num.is_some() || tk.is("a") || tk.is("an") || tk.is("couple");
    clock_at
        .then(|| clock(t, i))
        .flatten()
        .or_else(|| calendar_at.then(|| calendar(t, i)).flatten())
        .or_else(|| l.dayrel.and_then(|_| deictic(t, i)))
        .or_else(|| spelled_at.then(|| spelled_year(t, i)).flatten())
        .or_else(|| season_at.then(|| quarter_or_season(t, i)).flatten())
        .or_else(|| relative_at.then(|| relative(t, i)).flatten())
        .or_else(|| amount_at.then(|| amount(t, i)).flatten())
        .or_else(|| reference_or_set(t, i))
}
