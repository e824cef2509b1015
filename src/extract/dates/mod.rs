//! Temporal expressions, normalized to TIMEX3 values against a reference date.
//!
//! A rule engine over the document's tokens: [`lexicon`] (word lists in
//! `resources/lexicon.tsv`, parsed once) gives each token its classes; the rule families in
//! `absolute` (calendar dates, years, decades, clock times) and `relative` (deictic and relative
//! expressions, durations, sets, quarters, seasons) and `holidays` (`resources/holidays.tsv`)
//! recognize expressions, on the match type and token tests of `token`; `scan` runs them at
//! each token, longest match first, with TimeML's span conventions ("the third quarter",
//! "nearly two years", "earlier this year"); `resolve` turns a match into a TIMEX3 value against
//! the reference date, with the direction of bare months and weekdays chosen by the sentence's
//! tense (`tense`).
//!
//! ```
//! use chrono::NaiveDate;
//! use newsfacts::Document;
//! use newsfacts::extract::dates::dates;
//!
//! let doc = Document::new("Haftar arrived in Rome yesterday.");
//! let d = dates(&doc, NaiveDate::from_ymd_opt(2017, 9, 28));
//! assert_eq!(d.dates[0].text, "yesterday");
//! assert_eq!(d.dates[0].value, "2017-09-27");
//! ```

// The layers, bottom up; a module imports only from layers below it:
// 1. `lexicon` (tokens and word lists); 2. `holidays`, then `resolve` (meanings, values),
// `tense`; 3. `token` (the match type and shared token tests), `periods` (match periods); 4. `absolute`, `relative` (the
// rule families, independent of each other); 5. `scan` (runs the families); 6. this module.
mod lexicon;

mod holidays;
mod resolve;
mod tense;

mod periods;
mod token;

mod absolute;
mod relative;

mod scan;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use crate::record::DateRec;
use crate::text::Document;
use lexicon::Unit;
use resolve::{Day, Dir, Sem};

/// The dates of one article and the reference date they were normalized against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dates {
    /// Temporal expressions in text order.
    pub dates: Vec<DateRec>,
    /// The reference date: `published`, or the one inferred from the text.
    pub reference: Option<NaiveDate>,
    /// Whether `reference` was inferred (the latest full date in the text, never earlier than a
    /// year the article narrates).
    pub inferred: bool,
}

/// Whether the value of `sem` depends on the sentence's tense.
fn needs_tense(sem: &Sem) -> bool {
    let day = |d: &Day| {
        matches!(
            d,
            Day::Weekday(_, None) | Day::Cal(None, ..) | Day::Holiday(_)
        )
    };
    match sem {
        Sem::Day(d) | Sem::Part(d, _) | Sem::Clock(Some(d), ..) => day(d),
        Sem::Month(None, _) | Sem::Weekend(None) | Sem::Quarter(_, None) => true,
        _ => false,
    }
}

/// The year an expression names in full, if any ("1998", "June 1998", "the first quarter of
/// 1998", "May 14, 1870").
fn year_of(sem: &Sem) -> Option<i32> {
    match sem {
        Sem::Day(Day::Cal(Some(y), ..))
        | Sem::Clock(Some(Day::Cal(Some(y), ..)), ..)
        | Sem::Month(Some(y), _)
        | Sem::Year(y)
        | Sem::Quarter(_, Some(y))
        | Sem::QuarterOfYear(y)
        | Sem::Season(_, Ok(y)) => Some(*y),
        _ => None,
    }
}

/// The reference date a text without `published` implies: the latest full date it writes
/// (day, month and year), unless a year the article narrates (a year, month, quarter or date
/// not in the future tense) is later than it — then a founding or birth date is all there is,
/// and no reference is inferred.
fn infer_reference(t: &[lexicon::Tk], found: &[scan::Found]) -> Option<NaiveDate> {
    let full = |f: &scan::Found| match f.sem {
        Sem::Day(Day::Cal(Some(y), m, d)) | Sem::Clock(Some(Day::Cal(Some(y), m, d)), ..) => {
            NaiveDate::from_ymd_opt(y, m, d)
        }
        _ => None,
    };
    let latest = found.iter().filter_map(full).max()?;
    let narrated = found
        .iter()
        .filter(|f| tense::direction(t, f.start, f.end) != Dir::Future)
        .filter_map(|f| year_of(&f.sem))
        .max();
    narrated
        .is_none_or(|y| y <= chrono::Datelike::year(&latest))
        .then_some(latest)
}

/// A DATE value anchored on the reference.
fn date_value(value: String) -> resolve::Value {
    resolve::Value {
        dtype: "DATE",
        value,
        anchored: true,
    }
}

/// The periods named so far in the text, for the expressions that refer back to them.
#[derive(Default)]
struct Antecedents {
    /// The latest year written in full (alone or in a month, quarter or date).
    year: Option<i32>,
    /// The latest month named (with its year).
    month: Option<(i32, u32)>,
    /// The latest full date named.
    day: Option<NaiveDate>,
    /// The quarter the text is about: the latest one named with its number ("the third
    /// quarter", "fiscal second-quarter").
    quarter: Option<(i32, u32)>,
}

impl Antecedents {
    /// Records what the expression `sem` with value `v` names.
    fn note(&mut self, sem: &Sem, v: &resolve::Value, reference: Option<NaiveDate>) {
        // Amounts name no period; "a year ago", "the year-ago quarter" are mostly what a result
        // is compared with, not what the text goes on about.
        if matches!(
            sem,
            Sem::Lit(..)
                | Sem::Later(..)
                | Sem::Half(..)
                | Sem::Ago(..)
                | Sem::LastQuarter(..)
                | Sem::QuarterOfYear(..)
        ) {
            return;
        }
        let b = v.value.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .and_then(|_| v.value.get(r)?.parse::<u32>().ok())
        };
        let Some(y) = digits(0..4).and_then(|y| i32::try_from(y).ok()) else {
            return;
        };
        // "the previous year" after "last year" or "the same month last year" is ambiguous:
        // only a year written in full is an antecedent.
        if year_of(sem).is_some() {
            self.year = Some(y);
        }
        if b.get(4) == Some(&b'-') {
            if let Some(m) = digits(5..7).filter(|m| (1..=12).contains(m)) {
                self.month = Some((y, m));
                if let Some(d) = digits(8..10) {
                    self.day = NaiveDate::from_ymd_opt(y, m, d).or(self.day);
                }
            } else if b.get(5) == Some(&b'Q') {
                // A quarter named without its year is of the reference's year (a later one
                // resolved to the year before is a fiscal quarter, numbered otherwise).
                let named = match sem {
                    Sem::Quarter(q, None) => *q <= 4 && reference.is_some_and(|r| r.year() == y),
                    Sem::Quarter(q, Some(_)) | Sem::QuarterOff(q, _) => *q <= 4,
                    _ => false,
                };
                // A quarter reported on: over by the reference, and of its year or the one
                // before ("expects the fourth quarter to...", "the third quarter of 1984" are
                // not what "the quarter" or "a year ago" refer to).
                let reported = |q: u32| {
                    reference.is_some_and(|r| {
                        let end = (y, q * 3 + 1);
                        let (ry, rm) = (r.year(), r.month());
                        (end.0 < ry || (end.0 == ry && end.1 <= rm)) && y >= ry - 1
                    })
                };
                if let (Some(q), true) = (digits(6..7).filter(|&q| reported(q)), named) {
                    self.quarter = Some((y, q));
                }
            }
        }
    }

    /// The value of "that `unit`" shifted by `off` units ("the following month": 1).
    fn value(&self, unit: Unit, off: i64) -> Option<resolve::Value> {
        let v = match unit {
            Unit::Y => format!("{:04}", i64::from(self.year?) + off),
            Unit::Q => {
                let (y, q) = self.quarter?;
                let k = i64::from(y) * 4 + i64::from(q) - 1 + off;
                format!("{:04}-Q{}", k.div_euclid(4), k.rem_euclid(4) + 1)
            }
            Unit::M => {
                let (y, m) = self.month?;
                let k = i64::from(y) * 12 + i64::from(m) - 1 + off;
                format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
            }
            Unit::W => {
                let d = self
                    .day?
                    .checked_add_signed(chrono::TimeDelta::try_weeks(off)?)?;
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            _ => self
                .day?
                .checked_add_signed(chrono::TimeDelta::try_days(off)?)?
                .format("%Y-%m-%d")
                .to_string(),
        };
        Some(resolve::Value {
            dtype: "DATE",
            value: v,
            anchored: false,
        })
    }
}

/// Finds and normalizes the temporal expressions of `doc`. Relative expressions are resolved
/// against `published`, or else against the latest full date written in the text when no
/// later year is narrated (then [`Dates::inferred`] is true, see `infer_reference`); with
/// neither, their values keep `X` placeholders.
pub fn dates(doc: &Document, published: Option<NaiveDate>) -> Dates {
    let t = lexicon::view(doc);
    let found = scan::scan(&t);
    let (reference, inferred) = match published {
        Some(p) => (Some(p), false),
        None => {
            let latest = infer_reference(&t, &found);
            (latest, latest.is_some())
        }
    };
    let mut out = Vec::with_capacity(found.len());
    // What "that year", "the quarter", "a year earlier" refer back to.
    let mut ante = Antecedents::default();
    // The latest clock time (sentence, day, hour, minute): "two hours later" counts from it.
    let mut clock: Option<(usize, Option<NaiveDate>, u32, u32)> = None;
    for f in &found {
        let dir = if needs_tense(&f.sem) {
            tense::direction(&t, f.start, f.end)
        } else {
            Dir::Past
        };
        let sent = t.get(f.start).map_or(0, |x| x.sent);
        let mut end = f.end;
        let v = match f.sem {
            Sem::Later(unit, n) => {
                let near = clock.filter(|c| sent <= c.0 + 2);
                match (near, n) {
                    (Some((_, day, h, m)), Some(n)) => resolve::after_clock(day, h, m, unit, n),
                    _ => None,
                }
                .or_else(|| {
                    // Unanchored: the amount alone ("two minutes"), as TimeML spans it.
                    end = f.end.saturating_sub(1).max(f.start + 1);
                    resolve::resolve(&f.sem, reference, dir)
                })
            }
            Sem::That(unit, off) => ante
                .value(unit, off)
                .or_else(|| resolve::resolve(&f.sem, reference, dir)),
            Sem::LastQuarter(off) => ante
                .quarter
                .map(|(y, q)| date_value(format!("{:04}-Q{q}", y + off)))
                .or_else(|| resolve::resolve(&f.sem, reference, dir)),
            Sem::QuarterOfYear(y) => ante
                .quarter
                .map(|(_, q)| date_value(format!("{y:04}-Q{q}")))
                .or_else(|| resolve::resolve(&f.sem, reference, dir)),
            _ => resolve::resolve(&f.sem, reference, dir),
        };
        let Some(v) = v else {
            continue;
        };
        ante.note(&f.sem, &v, reference);
        if let Sem::Clock(_, h, m) = f.sem {
            let day = v
                .value
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            clock = Some((sent, day, h, m));
        }
        let (Some(a), Some(b)) = (t.get(f.start), t.get(end.saturating_sub(1))) else {
            continue;
        };
        out.push(DateRec {
            start: a.start,
            end: b.end,
            text: doc.text.get(a.start..b.end).unwrap_or_default().to_string(),
            dtype: v.dtype.to_string(),
            value: v.value,
            anchored: v.anchored,
        });
    }
    Dates {
        dates: out,
        reference,
        inferred,
    }
}
