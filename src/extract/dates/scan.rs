//! The rule engine: at each token, the longest expression the rule families recognize, with the
//! modifiers TimeML keeps inside a span ("the", "early", "nearly", "earlier this ...").

use super::absolute::{calendar, clock, numeric};
use super::lexicon::{Lex, Tk};
use super::relative::{amount, compound, deictic, quarter_or_season, reference_or_set, relative};
use super::resolve::{Day, Sem};

/// A match: the token after its end, its meaning, and whether a preceding "the" belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct M {
    /// Index of the first token after the match.
    pub end: usize,
    /// Meaning.
    pub sem: Sem,
    /// Whether "the" before it joins the span ("the third quarter", not "the Sept. 30 deadline").
    pub the: bool,
}

impl M {
    /// A match ending before token `end`.
    pub(crate) fn new(end: usize, sem: Sem) -> Self {
        Self {
            end,
            sem,
            the: false,
        }
    }

    /// Lets a preceding "the" join the span.
    pub(crate) fn the(mut self) -> Self {
        self.the = true;
        self
    }
}

/// The word-list entry of token `i`.
pub(crate) fn lx(t: &[Tk], i: usize) -> Option<&'static Lex> {
    t.get(i).and_then(|x| x.lex)
}

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
    !matches!(sem, Sem::Clock(..) | Sem::Ago(..)) && !matches!(sem, Sem::Lit(t, _) if *t != "DATE")
}

fn duration_like(sem: &Sem) -> bool {
    matches!(sem, Sem::Lit("DURATION", _) | Sem::Clock(..) | Sem::Ago(..))
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
    if (tk.is("earlier") || tk.is("later")) && lx(t, i + 1).is_some() {
        let m = next(1)?;
        let ok = matches!(
            m.sem,
            Sem::Rel(_, 0) | Sem::Day(Day::Rel(_)) | Sem::Day(Day::Weekday(..)) | Sem::Part(..)
        );
        return ok.then_some(m);
    }
    None
}

/// The rule families, most specific first.
fn core(t: &[Tk], i: usize) -> Option<M> {
    let tk = &t[i];
    if tk.text.contains('-') {
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
        return calendar(t, i).or_else(|| numeric(t, i));
    }
    tk.lex?;
    clock(t, i)
        .or_else(|| calendar(t, i))
        .or_else(|| deictic(t, i))
        .or_else(|| quarter_or_season(t, i))
        .or_else(|| relative(t, i))
        .or_else(|| amount(t, i))
        .or_else(|| reference_or_set(t, i))
}
