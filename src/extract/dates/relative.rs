//! Rules for expressions relative to the reference date and for durations and sets:
//! "yesterday", "last Tuesday", "this week", "two years ago", "the past three days", "Q3",
//! "third-quarter", "last fall", "now", "weekly", "every day", "10-year".

use super::lexicon::{lookup, number, Tk, Unit};
use super::periods::match_period;
use super::resolve::{Day, Sem};
use super::token::{lx, names_title, year_num, M};

/// A count: a number ("three", "24", "twenty-four", "twenty four", "a couple of") or a vague
/// amount ("a few", "several": `None`). Returns the count, the next token and whether it was
/// written "a"/"an".
fn count(t: &[Tk], i: usize) -> Option<(Option<u32>, usize, bool)> {
    let tk = t.get(i)?;
    if tk.is("a") || tk.is("an") {
        if t.get(i + 1).is_some_and(|x| x.is("few")) {
            return Some((None, i + 2, false));
        }
        if t.get(i + 1).is_some_and(|x| x.is("couple")) && t.get(i + 2).is_some_and(|x| x.is("of"))
        {
            return Some((Some(2), i + 3, false));
        }
        return Some((Some(1), i + 1, true));
    }
    if tk.is("couple") {
        return t
            .get(i + 1)
            .filter(|x| x.is("of"))
            .map(|_| (Some(2), i + 2, false));
    }
    let l = tk.lex;
    if l.is_some_and(|l| l.numx) {
        return Some((None, i + 1, false));
    }
    let n = tk.number()?;
    if tk.num.is_some() && tk.ndig > 6 {
        return None;
    }
    // "twenty four", "two hundred"
    if let Some(next) = t.get(i + 1).and_then(|x| x.lex).and_then(|l| l.num) {
        if n >= 20 && n % 10 == 0 && n < 100 && (1..10).contains(&next) && tk.num.is_none() {
            return Some((Some(n + next), i + 2, false));
        }
        if next == 100 && n < 10 {
            return Some((Some(n * 100), i + 2, false));
        }
    }
    Some((Some(n), i + 1, false))
}

/// A unit word at `i`: (unit, plural).
fn unit(t: &[Tk], i: usize) -> Option<(Unit, bool)> {
    let l = lx(t, i)?;
    Some((l.unit?, l.plural))
}

/// A half written after a count, at `j`: "1/2" (one token or three, written tight) or "and a
/// half" ("two and a half years"). Returns the token after it.
fn half_at(t: &[Tk], j: usize) -> Option<usize> {
    let tk = t.get(j)?;
    if tk.text == "1/2" || tk.text == "½" {
        return Some(j + 1);
    }
    if tk.text == "1" {
        let (s, d) = (t.get(j + 1)?, t.get(j + 2)?);
        return (s.text == "/" && d.text == "2" && s.start == tk.end && d.start == s.end)
            .then_some(j + 3);
    }
    (tk.is("and") && t.get(j + 1)?.is("a") && t.get(j + 2)?.is("half")).then_some(j + 3)
}

/// "2 1/2 years", "two and a half hours" (the half at `j`, after the count), "a minute and a
/// half" (the half after the unit): a DURATION, when the half makes a whole number of the next
/// smaller unit.
fn half_amount(t: &[Tk], n: Option<u32>, j: usize, article: bool) -> Option<M> {
    if let Some(k) = half_at(t, j) {
        let (u, plural) = unit(t, k)?;
        let ago = lx(t, k + 1).is_some_and(|l| l.ago.is_some());
        if !plural || article || ago {
            return None;
        }
        u.half_duration(n)?;
        return Some(M::new(k + 1, Sem::Half(u, n)).the());
    }
    let (u, plural) = unit(t, j)?;
    if plural || n != Some(1) || !t.get(j + 1).is_some_and(|x| x.is("and")) {
        return None;
    }
    let e = half_at(t, j + 1)?;
    u.half_duration(n)?;
    Some(M::new(e, Sem::Half(u, n)).the())
}

/// "three days", "a year ago", "two weeks from now", "several years", "$5 a year" (a SET),
/// "2 1/2 years".
pub(crate) fn amount(t: &[Tk], i: usize) -> Option<M> {
    let (n, j, article) = count(t, i)?;
    if t.get(j)
        .is_some_and(|x| x.text == "1/2" || x.text == "½" || x.text == "1" || x.is("and"))
        || t.get(j + 1).is_some_and(|x| x.is("and"))
    {
        if let Some(m) = half_amount(t, n, j, article) {
            return Some(m);
        }
    }
    let (u, plural) = unit(t, j)?;
    match n {
        Some(1) if plural => return None,
        Some(n) if n != 1 && !plural && (article || t[i].num.is_some()) => return None,
        None if !plural => return None,
        _ => {}
    }
    if u == Unit::Q && t.get(j + 1).is_some_and(|x| x.is("of") || x.is("century")) {
        return None;
    }
    if u == Unit::S && !plural {
        // "a second" is a duration before "later", "or", a comma...; "a second UN resolution"
        // is an ordinal.
        let word_after = t
            .get(j + 1)
            .is_some_and(|x| x.text.bytes().all(|c| c.is_ascii_alphabetic()));
        let ok_after = lx(t, j + 1).is_some_and(|l| l.ago.is_some() || l.prep);
        if !article || (word_after && !ok_after) {
            return None;
        }
    }
    let e = j + 1;
    if t.get(e).is_some_and(|x| x.is("old")) {
        return None; // an age: "52 years old"
    }
    let sign = |s: i8, n: Option<u32>| n.map(|n| i64::from(s) * i64::from(n));
    if let Some(a) = lx(t, e).and_then(|l| l.ago) {
        // "two minutes later", "hours earlier": counted from an event of the narrative, not
        // from the reference date.
        if u.sub_day_seconds().is_some() && (t[e].is("later") || t[e].is("earlier")) {
            return Some(M::new(e + 1, Sem::Later(u, sign(a, n))));
        }
        if !t[e].is("before") {
            if u == Unit::Y && n == Some(1) && a < 0 {
                return Some(M::new(e + 1, year_ago(t, i)));
            }
            return Some(M::new(e + 1, Sem::Ago(u, sign(a, n))));
        }
    }
    if t.get(e).is_some_and(|x| x.is("from")) && t.get(e + 1).is_some_and(|x| x.is("now")) {
        return Some(M::new(e + 2, Sem::Ago(u, sign(1, n))));
    }
    if article && !plural {
        let prev = i.checked_sub(1).and_then(|p| t.get(p));
        // "$5 a year", "150,000 cars a year", "twice a week": a rate.
        let rate = prev.is_some_and(|p| {
            p.num.is_some()
                || p.text.bytes().any(|c| c.is_ascii_digit())
                || (p.text.len() > 3
                    && p.text.ends_with('s')
                    && p.text.bytes().all(|c| c.is_ascii_lowercase()))
                || [
                    "times", "once", "twice", "million", "billion", "percent", "%", "thousand",
                    "dollars", "cents",
                ]
                .iter()
                .any(|w| p.is(w))
        });
        if rate || t[i].is("per") {
            return Some(M::new(e, Sem::Lit("SET", u.duration(Some(1)))));
        }
    }
    Some(M::new(e, Sem::Lit("DURATION", u.duration(n))).the())
}

/// "a year ago" / "year-earlier": the year before, or in a sentence about a quarter's results,
/// that quarter a year before.
fn year_ago(t: &[Tk], i: usize) -> Sem {
    let sent = t[i].sent;
    let quarter = t[i.saturating_sub(100)..(i + 20).min(t.len())]
        .iter()
        .any(|x| {
            (x.sent == sent || x.start < t[i].start)
                && (x.is("quarter") || x.text.ends_with("-quarter"))
        });
    if quarter {
        Sem::LastQuarter(-1)
    } else {
        Sem::Ago(Unit::Y, Some(-1))
    }
}

/// "last week", "this year", "next month", "last Tuesday", "last fall", "last night", "this
/// weekend", "the past three days", "the first nine months", "coming months".
pub(crate) fn relative(t: &[Tk], i: usize) -> Option<M> {
    let l = lx(t, i)?;
    let off = match (l.rel, l.ord) {
        (Some(r), _) => i64::from(r),
        (None, 1) => 0, // "the first nine months"
        _ => return None,
    };
    // "this past spring"
    if off == 0 && t.get(i + 1).is_some_and(|x| x.is("past")) {
        if let Some(s) = lx(t, i + 2).and_then(|l| l.season) {
            return Some(M::new(i + 3, Sem::PastSeason(s)).the());
        }
    }
    let j = i + 1;
    // A span of time counted back or forward: DURATION.
    if !t.get(j).is_some_and(|x| x.is("a") || x.is("an")) {
        if let Some((n, k, _)) = count(t, j) {
            if let Some((u, plural)) = unit(t, k) {
                if plural || n == Some(1) {
                    return Some(M::new(k + 1, Sem::Lit("DURATION", u.duration(n))).the());
                }
            }
        }
    }
    if l.ord == 1 && l.rel.is_none() {
        return None;
    }
    let j = if lx(t, j).is_some_and(|l| l.fiscal) && t.get(j + 1).is_some_and(|x| x.is("year")) {
        j + 1
    } else {
        j
    };
    let n = t.get(j)?;
    if n.is("weekend") {
        return Some(M::new(j + 1, Sem::Weekend(Some(off.clamp(-1, 1)))).the());
    }
    let nl = n.lex?;
    // "this year's third quarter"
    if nl.unit == Some(Unit::Y)
        && !nl.plural
        && t.get(j + 1)
            .is_some_and(|x| x.text == "'s" || x.text == "’s")
    {
        if let Some(q) = lx(t, j + 2)
            .map(|l| l.ord)
            .filter(|&o| (1..=4).contains(&o))
        {
            if t.get(j + 3).is_some_and(|x| x.is("quarter")) {
                return Some(M::new(j + 4, Sem::QuarterOff(u32::from(q), off)).the());
            }
        }
    }
    if let Some(u) = nl.unit {
        if nl.plural {
            let v = if off > 0 {
                "FUTURE_REF"
            } else if off < 0 {
                "PAST_REF"
            } else {
                return None;
            };
            return Some(M::new(j + 1, Sem::Lit("DATE", v.into())).the());
        }
        // "at the last minute", "this hour": no calendar date.
        if (u == Unit::D && off == 0) || u.sub_day_seconds().is_some() {
            return None;
        }
        // "the following month", "the previous year": from the period the text named last.
        let anaphoric = matches!(u, Unit::Y | Unit::Q | Unit::M | Unit::W | Unit::D);
        if anaphoric && (t[i].is("following") || t[i].is("previous")) {
            return Some(M::new(j + 1, Sem::That(u, off)).the());
        }
        return Some(M::new(j + 1, Sem::Rel(u, off)).the());
    }
    if n.is("weekend") {
        return Some(M::new(j + 1, Sem::Weekend(Some(off.clamp(-1, 1)))).the());
    }
    if nl.month > 0 && n.cap && !n.text.ends_with('.') {
        return Some(M::new(j + 1, Sem::MonthRel(u32::from(nl.month), off)));
    }
    if nl.weekday > 0 && n.cap {
        return Some(M::new(
            j + 1,
            Sem::Day(Day::Weekday(u32::from(nl.weekday) - 1, Some(off))),
        ));
    }
    if let Some(s) = nl.season {
        return Some(M::new(j + 1, Sem::Season(s, Err(off))).the());
    }
    if let (Some(p), false) = (nl.part, nl.parts) {
        if off <= 0 {
            return Some(M::new(j + 1, Sem::Part(Day::Rel(off), p)));
        }
    }
    None
}

/// "today", "yesterday", "tomorrow", "tonight", "yesterday morning".
pub(crate) fn deictic(t: &[Tk], i: usize) -> Option<M> {
    let n = i64::from(lx(t, i)?.dayrel?);
    if t[i].cap && names_title(t, i) {
        return None; // "Today Programme"
    }
    if t[i].is("tonight") {
        return Some(M::new(i + 1, Sem::Part(Day::Rel(0), "NI")));
    }
    if let Some(p) = lx(t, i + 1).filter(|l| !l.parts).and_then(|l| l.part) {
        return Some(M::new(i + 2, Sem::Part(Day::Rel(n), p)));
    }
    Some(M::new(i + 1, Sem::Day(Day::Rel(n))))
}

/// "now", "recently", "recent years", "coming months", "weekly", "every day", "Mondays".
pub(crate) fn reference_or_set(t: &[Tk], i: usize) -> Option<M> {
    let tk = &t[i];
    let l = tk.lex;
    if tk.text == "Now" && t.get(i + 1).is_some_and(|x| x.text == ",") {
        return None; // "Now, ..." opens a sentence; it dates nothing
    }
    if let Some(v) = l.and_then(|l| l.reference) {
        return Some(M::new(i + 1, Sem::Lit("DATE", v.into())));
    }
    if let Some(d) = l.and_then(|l| l.decade) {
        return Some(M::new(i + 1, Sem::Lit("DATE", d.to_string())).the());
    }
    // "current" before a noun: "current market conditions" (the present), not "current account".
    if tk.is("current")
        && t.get(i + 1).is_some_and(|x| {
            x.text.bytes().all(|c| c.is_ascii_lowercase()) && !x.is("account") && !x.is("accounts")
        })
    {
        return Some(M::new(i + 1, Sem::Lit("DATE", "PRESENT_REF".into())));
    }
    if tk.is("recent") && unit(t, i + 1).is_some_and(|(_, p)| p) {
        return Some(M::new(i + 2, Sem::Lit("DATE", "PAST_REF".into())));
    }
    if let Some(v) = l.and_then(|l| l.set) {
        return Some(M::new(i + 1, Sem::Lit("SET", v.into())));
    }
    if let Some(w) = l.map(|l| l.weekdays).filter(|&w| w > 0 && tk.cap) {
        return Some(M::new(i + 1, Sem::Lit("SET", format!("XXXX-WXX-{w}"))));
    }
    if tk.is("every") || tk.is("each") {
        let j = i + 1;
        let nl = lx(t, j)?;
        if let Some((u, false)) = unit(t, j) {
            return Some(M::new(j + 1, Sem::Lit("SET", u.duration(Some(1)))));
        }
        if nl.weekday > 0 {
            return Some(M::new(
                j + 1,
                Sem::Lit("SET", format!("XXXX-WXX-{}", nl.weekday)),
            ));
        }
        if nl.month > 0 && t[j].cap {
            return Some(M::new(
                j + 1,
                Sem::Lit("SET", format!("XXXX-{:02}", nl.month)),
            ));
        }
        if let Some(p) = nl.part {
            return Some(M::new(j + 1, Sem::Lit("SET", format!("XXXX-XX-XXT{p}"))));
        }
        if let Some((Some(n), k, false)) = count(t, j) {
            if let Some((u, true)) = unit(t, k) {
                return Some(M::new(k + 1, Sem::Lit("SET", u.duration(Some(n)))));
            }
        }
    }
    None
}

/// An optional year after a quarter or season: "1989", "of 1989", "fiscal 1989".
fn year_after(t: &[Tk], j: usize) -> (Option<i32>, usize) {
    if let Some(y) = year_num(t, j) {
        return (Some(y), j + 1);
    }
    if t.get(j).is_some_and(|x| x.is("of") || x.is("fiscal")) {
        if let Some(y) = year_num(t, j + 1) {
            return (Some(y), j + 2);
        }
    }
    (None, j)
}

/// "the third quarter", "the first half of 1998", "Q3 2017", "the quarter", "the latest quarter",
/// "summer 2017", "in the fall".
pub(crate) fn quarter_or_season(t: &[Tk], i: usize) -> Option<M> {
    let tk = t.get(i)?;
    let q = tk.text.as_bytes();
    if q.len() == 2 && (q[0] == b'Q' || q[0] == b'q') && (b'1'..=b'4').contains(&q[1]) {
        let (y, e) = year_after(t, i + 1);
        return Some(M::new(e, Sem::Quarter(u32::from(q[1] - b'0'), y)).the());
    }
    if tk.is("latest") || tk.is("quarter") {
        let j = if tk.is("latest") { i + 1 } else { i };
        let the = j
            .checked_sub(1)
            .and_then(|p| t.get(p))
            .is_some_and(|p| p.is("the") || p.is("latest"));
        let period = tk.is("latest") && t.get(j).is_some_and(|x| x.is("period"));
        if (t.get(j).is_some_and(|x| x.is("quarter")) || period)
            && the
            && !t.get(j + 1).is_some_and(|x| x.is("of") || x.is("century"))
        {
            return Some(M::new(j + 1, Sem::LastQuarter(0)).the());
        }
        return None;
    }
    let l = tk.lex?;
    // "the last half of 1989", "the last half of the year"
    if tk.is("last") && t.get(i + 1).is_some_and(|x| x.is("half")) {
        if t.get(i + 2).is_some_and(|x| x.is("of")) {
            if let (Some(y), e) = year_after(t, i + 2) {
                return Some(M::new(e, Sem::Quarter(6, Some(y))).the());
            }
        }
        if of_the_year(t, i + 2) {
            let sem = if t[i + 3].is("this") {
                Sem::QuarterOff(6, 0)
            } else {
                Sem::Quarter(6, None)
            };
            return Some(M::new(i + 5, sem).the());
        }
        return None;
    }
    if l.ord > 0 {
        let mut j = i + 1;
        if lx(t, j).is_some_and(|l| l.fiscal) {
            j += 1;
        }
        let n = t.get(j)?;
        let q = if n.is("quarter") {
            u32::from(l.ord)
        } else if n.is("half") && l.ord <= 2 {
            u32::from(l.ord) + 4
        } else {
            return None;
        };
        let (y, e) = year_after(t, j + 1);
        // "the first half of the year" is the reference year's; a match's "first half" no date.
        if y.is_none() && of_the_year(t, e) {
            let sem = if t[e + 1].is("this") {
                Sem::QuarterOff(q, 0)
            } else {
                Sem::Quarter(q, None)
            };
            return Some(M::new(e + 3, sem).the());
        }
        if y.is_none() && match_period(t, i, e) {
            return None;
        }
        return Some(M::new(e, Sem::Quarter(q, y)).the());
    }
    let s = l.season?;
    let (y, e) = year_after(t, i + 1);
    if let Some(y) = y {
        return Some(M::new(e, Sem::Season(s, Ok(y))).the());
    }
    let prev = i.checked_sub(1).and_then(|p| t.get(p));
    let prev2 = i.checked_sub(2).and_then(|p| t.get(p));
    let lic = |x: Option<&Tk>| {
        x.is_some_and(|x| {
            [
                "in", "during", "by", "until", "since", "this", "early", "late", "mid",
            ]
            .iter()
            .any(|w| x.is(w))
        })
    };
    let ok = lic(prev) || (prev.is_some_and(|p| p.is("the")) && lic(prev2));
    if ok && !t.get(i + 1).is_some_and(|x| x.is("of")) {
        return Some(M::new(i + 1, Sem::Season(s, Err(0))).the());
    }
    None
}

/// "that year", "that quarter", "that week", "the same day" (`i` on "that" or "same"): the
/// period of that unit the text named last.
pub(crate) fn anaphor(t: &[Tk], i: usize) -> Option<M> {
    let (u, plural) = unit(t, i + 1)?;
    if plural || !matches!(u, Unit::Y | Unit::Q | Unit::M | Unit::W | Unit::D) {
        return None;
    }
    // "the same year that England won": the clause says which; "the same month last year":
    // the month of another year.
    if t[i].is("same")
        && (t
            .get(i + 2)
            .is_some_and(|x| ["that", "as", "when", "in"].iter().any(|w| x.is(w)))
            || lx(t, i + 2).is_some_and(|l| l.rel.is_some() || l.num.is_some()))
    {
        return None;
    }
    if t.get(i + 2).is_some_and(|x| {
        x.start == t[i + 1].end
            && (x.text.starts_with('-') || x.text.starts_with('\'') || x.text.starts_with('’'))
    }) {
        return None;
    }
    Some(M::new(i + 2, Sem::That(u, 0)))
}

/// Whether "of the year" / "of this year" follows at `j`.
fn of_the_year(t: &[Tk], j: usize) -> bool {
    t.get(j).is_some_and(|x| x.is("of"))
        && t.get(j + 1).is_some_and(|x| x.is("the") || x.is("this"))
        && t.get(j + 2).is_some_and(|x| x.is("year"))
}

/// Hyphenated compounds: "2017-09-27", "mid-1990s", "mid-November", "third-quarter",
/// "year-earlier", "two-year", "8-month-old", "24-hour".
pub(crate) fn compound(t: &[Tk], i: usize) -> Option<M> {
    let tk = t.get(i)?;
    let s = tk.text;
    let (head, tail) = s.split_once('-')?;
    // ISO date
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let y = s.get(..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..)?.parse().ok()?;
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        return Some(M::new(i + 1, Sem::Day(Day::Cal(Some(y), m, d))));
    }
    if head.eq_ignore_ascii_case("mid") {
        let tl = lookup(tail);
        if let Some(d) = tail
            .strip_suffix('s')
            .filter(|d| d.len() == 4 && d.ends_with('0') && d.bytes().all(|c| c.is_ascii_digit()))
        {
            return Some(M::new(i + 1, Sem::Lit("DATE", d.get(..3)?.to_string())).the());
        }
        if tail.len() == 4 && tail.bytes().all(|c| c.is_ascii_digit()) {
            return Some(M::new(i + 1, Sem::Year(tail.parse().ok()?)).the());
        }
        if let Some(m) = tl.map(|l| l.month).filter(|&m| m > 0) {
            return Some(M::new(i + 1, Sem::Month(None, u32::from(m))).the());
        }
        if let Some(p) = tl.and_then(|l| l.part) {
            // "mid-afternoon yesterday"
            if let Some(n) = lx(t, i + 1).and_then(|l| l.dayrel) {
                return Some(M::new(i + 2, Sem::Part(Day::Rel(i64::from(n)), p)));
            }
            return Some(M::new(i + 1, Sem::Part(Day::Rel(0), p)));
        }
        return None;
    }
    if head.eq_ignore_ascii_case("year")
        && ["earlier", "ago", "before"]
            .iter()
            .any(|w| tail.eq_ignore_ascii_case(w))
    {
        if t.get(i + 1)
            .is_some_and(|x| x.is("quarter") || x.is("period"))
        {
            return Some(M::new(i + 2, Sem::LastQuarter(-1)).the());
        }
        // "the year-earlier third quarter"
        if let Some(o) = lx(t, i + 1)
            .map(|l| l.ord)
            .filter(|&o| (1..=4).contains(&o))
        {
            if t.get(i + 2).is_some_and(|x| x.is("quarter")) {
                return Some(M::new(i + 3, Sem::QuarterOff(u32::from(o), -1)).the());
            }
        }
        return Some(M::new(i + 1, year_ago(t, i)));
    }
    if let Some(o) = lookup(head).map(|l| l.ord).filter(|&o| o > 0) {
        let q = if tail.eq_ignore_ascii_case("quarter") {
            Some(u32::from(o))
        } else if tail.eq_ignore_ascii_case("half") && o <= 2 {
            Some(u32::from(o) + 4)
        } else {
            None
        };
        if let Some(q) = q {
            return (!match_period(t, i, i + 1)).then(|| M::new(i + 1, Sem::Quarter(q, None)));
        }
    }
    // number-unit(-long): a DURATION; ages ("6-year-old") are not annotated.
    if s.ends_with("-old") {
        return None;
    }
    let core = ["-long", "-plus"]
        .iter()
        .find_map(|x| s.strip_suffix(x))
        .unwrap_or(s);
    let (num, u) = core.rsplit_once('-')?;
    let l = lookup(u)?;
    let unit = l.unit?;
    if l.plural {
        return None;
    }
    let n = if lookup(num).is_some_and(|l| l.numx) {
        None
    } else {
        Some(number(num)?)
    };
    Some(M::new(i + 1, Sem::Lit("DURATION", unit.duration(n))))
}
