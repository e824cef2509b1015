//! What a matched expression means ([`Sem`]) and its TIMEX3 value against a reference date.

use chrono::{Datelike, Days, Months, NaiveDate, TimeDelta};

use super::lexicon::Unit;

/// Direction of an expression that names a period without saying which one ("Friday", "in
/// August"): decided by the sentence's tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// The latest one at or before the reference.
    Past,
    /// Past, by a cue a few words away (a weekday that is tomorrow stays tomorrow).
    PastFar,
    /// The next one at or after the reference.
    Future,
    /// No tense cue: the nearest one (weekdays: the past one).
    Near,
}

/// A day named relative to the reference, or in full.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Day {
    /// today 0, yesterday -1, tomorrow 1.
    Rel(i64),
    /// A weekday (0 = Monday) with an explicit offset (`last` -1, `next` 1) or by tense (`None`).
    Weekday(u32, Option<i64>),
    /// A calendar day; the year by tense when missing.
    Cal(Option<i32>, u32, u32),
    /// A holiday (index in the holiday list); the year by tense.
    Holiday(usize),
}

/// The meaning of a matched expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// A day.
    Day(Day),
    /// A month; the year by tense when missing, or an offset in years.
    Month(Option<i32>, u32),
    /// A month of the reference year + offset: "June last year".
    MonthOff(u32, i64),
    /// A month relative to the reference: `last August` (-1), `this August` (0), `next` (1).
    MonthRel(u32, i64),
    /// A year.
    Year(i32),
    /// A decade ("199") or century ("19") value, as written.
    Lit(&'static str, String),
    /// The unit containing the reference shifted by an offset: `last week` (W, -1).
    Rel(Unit, i64),
    /// `n` units before (negative) or after the reference, at the unit's granularity (units
    /// shorter than a day: the day they fall on, counted in whole days of their length).
    Ago(Unit, Option<i64>),
    /// `n` hours, minutes or seconds after (negative: before) an event of the narrative: "two
    /// minutes later". A TIME from the clock time before it (resolved by the caller), else an
    /// unanchored DURATION.
    Later(Unit, Option<i64>),
    /// A quarter (1-4) or half (5-6 = H1-H2) of a given year, or else of the reference year (the
    /// year before when the period has not begun yet).
    Quarter(u32, Option<i32>),
    /// A quarter (1-4) or half (5-6) of the reference year + offset: "next year's first
    /// quarter", "the second half of this year".
    QuarterOff(u32, i64),
    /// The latest reported quarter (by the reference), in a given year: "the 1988 quarter".
    QuarterOfYear(i32),
    /// A season of a given year or of the reference year + offset.
    Season(&'static str, Result<i32, i64>),
    /// A weekend relative to the reference (`None`: by tense).
    Weekend(Option<i64>),
    /// A part of a day ("this morning": TMO).
    Part(Day, &'static str),
    /// A clock time on a day (today when none is named).
    Clock(Option<Day>, u32, u32),
    /// The latest quarter reported ("the quarter", "the latest quarter"), shifted by years
    /// ("the year-ago quarter": -1).
    LastQuarter(i32),
    /// The year, quarter, month, week or day the text named last, shifted by an offset: "that
    /// year", "later that year", "the same day" (0), "the following month" (1), "the previous
    /// year" (-1). Resolved by the caller from the expressions before it; without one, "that
    /// year" has no value and "the following year" counts from the reference.
    That(Unit, i64),
    /// The latest season of that name that has begun before the reference: "this past spring".
    PastSeason(&'static str),
    /// `n` units and a half: "2 1/2 years", "a minute and a half" (`None`: the amount is vague).
    Half(Unit, Option<u32>),
}

/// A resolved expression: type, value, anchored.
pub(crate) struct Value {
    pub dtype: &'static str,
    pub value: String,
    pub anchored: bool,
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The day meant by `day`.
pub(crate) fn day_of(day: &Day, r: NaiveDate, dir: Dir) -> Option<NaiveDate> {
    match *day {
        Day::Rel(n) => add_days(r, n),
        Day::Weekday(w, off) => {
            let cur = i64::from(r.weekday().num_days_from_monday());
            let w = i64::from(w);
            match off {
                // "last Friday": the Friday of last week... in news usage, the latest one before.
                Some(o) if o < 0 => add_days(r, -((cur - w + 6).rem_euclid(7) + 1)),
                Some(o) if o > 0 => add_days(r, (w - cur + 6).rem_euclid(7) + 1),
                Some(_) => add_days(r, w - cur),
                None => match dir {
                    Dir::Near | Dir::PastFar if (w - cur).rem_euclid(7) == 1 => add_days(r, 1),
                    Dir::Past | Dir::PastFar | Dir::Near => add_days(r, -(cur - w).rem_euclid(7)),
                    Dir::Future => add_days(r, (w - cur).rem_euclid(7)),
                },
            }
        }
        Day::Cal(Some(y), m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Day::Holiday(k) => {
            let h = super::holidays::HOLIDAYS.get(k)?;
            let this = h.day(r.year())?;
            let ahead = (this - r).num_days();
            let (back, fwd) = if ahead > 0 {
                (365 - ahead, ahead)
            } else {
                (-ahead, 365 + ahead)
            };
            let y = match (choose(dir, back, fwd, 245, 122), ahead > 0) {
                (true, true) => r.year() - 1,
                (false, false) if ahead < 0 => r.year() + 1,
                _ => r.year(),
            };
            h.day(y)
        }
        Day::Cal(None, m, d) => {
            let this = NaiveDate::from_ymd_opt(r.year(), m, d)
                .or_else(|| NaiveDate::from_ymd_opt(r.year(), m, 28))?;
            let ahead = (this - r).num_days();
            let (back, fwd) = if ahead > 0 {
                (365 - ahead, ahead)
            } else {
                (-ahead, 365 + ahead)
            };
            let past = choose(dir, back, fwd, 245, 122);
            let y = match (past, ahead > 0) {
                (true, true) => r.year() - 1,
                (false, false) if ahead < 0 => r.year() + 1,
                _ => r.year(),
            };
            NaiveDate::from_ymd_opt(y, m, d)
        }
    }
}

fn year_of(spec: Result<i32, i64>, r: Option<NaiveDate>) -> Option<i32> {
    match spec {
        Ok(y) => Some(y),
        Err(off) => r.map(|r| r.year() + off as i32),
    }
}

fn month_year(m: u32, r: NaiveDate, dir: Dir) -> i32 {
    let rm = r.month();
    let back = i64::from((rm + 12 - m) % 12);
    let fwd = i64::from((m + 12 - rm) % 12);
    match (choose(dir, back, fwd, 8, 4), m == rm) {
        (_, true) => r.year(),
        (true, _) if m > rm => r.year() - 1,
        (false, _) if m < rm => r.year() + 1,
        _ => r.year(),
    }
}

/// Whether to take the past candidate (`back` units before the reference) rather than the
/// future one (`fwd` after): a tense cue decides unless its candidate is far (over `far`) and
/// the other one near (at most `near`); without a cue, the nearer one.
fn choose(dir: Dir, back: i64, fwd: i64, far: i64, near: i64) -> bool {
    match dir {
        Dir::Past | Dir::PastFar => back <= far || fwd > near,
        Dir::Future => fwd > far && back <= near,
        Dir::Near => back <= fwd,
    }
}

/// The value of `sem` against reference `r` (`None`: unknown, placeholders with X).
pub(crate) fn resolve(sem: &Sem, r: Option<NaiveDate>, dir: Dir) -> Option<Value> {
    let date = |value: String, anchored| {
        Some(Value {
            dtype: "DATE",
            value,
            anchored,
        })
    };
    match sem {
        Sem::Day(Day::Cal(Some(y), m, d)) => {
            let d = NaiveDate::from_ymd_opt(*y, *m, *d)?;
            date(d.format("%Y-%m-%d").to_string(), false)
        }
        Sem::Day(day) => match r {
            Some(r) => date(day_of(day, r, dir)?.format("%Y-%m-%d").to_string(), true),
            None => match day {
                Day::Cal(_, m, d) => date(format!("XXXX-{m:02}-{d:02}"), true),
                Day::Weekday(w, _) => date(format!("XXXX-WXX-{}", w + 1), true),
                Day::Rel(_) | Day::Holiday(_) => date("XXXX-XX-XX".into(), true),
            },
        },
        Sem::Month(Some(y), m) => date(format!("{y:04}-{m:02}"), false),
        Sem::Month(None, m) => match r {
            Some(r) => date(format!("{:04}-{m:02}", month_year(*m, r, dir)), true),
            None => date(format!("XXXX-{m:02}"), true),
        },
        Sem::MonthRel(m, off) => match r {
            Some(r) => {
                let y = match off {
                    o if *o < 0 => r.year() - i32::from(*m >= r.month()),
                    o if *o > 0 => r.year() + i32::from(*m <= r.month()),
                    _ => r.year(),
                };
                date(format!("{y:04}-{m:02}"), true)
            }
            None => date(format!("XXXX-{m:02}"), true),
        },
        Sem::MonthOff(m, off) => match r {
            Some(r) => date(format!("{:04}-{m:02}", i64::from(r.year()) + off), true),
            None => date(format!("XXXX-{m:02}"), true),
        },
        Sem::Year(y) => date(format!("{y:04}"), false),
        Sem::Lit(t, v) => Some(Value {
            dtype: t,
            value: v.clone(),
            anchored: false,
        }),
        Sem::Rel(unit, off) => {
            let Some(r) = r else {
                return date(placeholder(*unit), true);
            };
            date(rel(*unit, *off, r)?, true)
        }
        Sem::Ago(unit, n) => {
            let Some(r) = r else {
                return date(placeholder(*unit), true);
            };
            match n {
                Some(n) => date(rel(*unit, *n, r)?, true),
                None => date(
                    if *unit == Unit::Y {
                        format!("{}X", r.year() / 10)
                    } else {
                        "PAST_REF".into()
                    },
                    true,
                ),
            }
        }
        Sem::Later(unit, n) => Some(Value {
            dtype: "DURATION",
            value: unit.duration(n.map(|n| u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX))),
            anchored: false,
        }),
        Sem::Quarter(q, y) => {
            let tag = if *q <= 4 {
                format!("Q{q}")
            } else {
                format!("H{}", q - 4)
            };
            let first_month = if *q <= 4 {
                (q - 1) * 3 + 1
            } else {
                (q - 5) * 6 + 1
            };
            let yy = match (y, r) {
                (Some(y), _) => Some(*y),
                (None, Some(r)) if first_month > r.month() && dir != Dir::Future => {
                    Some(r.year() - 1)
                }
                (None, Some(r)) => Some(r.year()),
                (None, None) => None,
            };
            match yy {
                Some(yy) => date(format!("{yy:04}-{tag}"), y.is_none()),
                None => date(format!("XXXX-{tag}"), true),
            }
        }
        Sem::QuarterOff(q, off) => {
            let tag = if *q <= 4 {
                format!("Q{q}")
            } else {
                format!("H{}", q - 4)
            };
            match r {
                Some(r) => date(format!("{:04}-{tag}", i64::from(r.year()) + off), true),
                None => date(format!("XXXX-{tag}"), true),
            }
        }
        Sem::QuarterOfYear(y) => match r {
            Some(r) => {
                let q = match (r.month() - 1) / 3 {
                    0 => 4,
                    q => q,
                };
                date(format!("{y:04}-Q{q}"), true)
            }
            None => date(format!("{y:04}-QX"), false),
        },
        Sem::Season(s, y) => match year_of(*y, r) {
            Some(yy) => date(format!("{yy:04}-{s}"), y.is_err()),
            None => date(format!("XXXX-{s}"), true),
        },
        Sem::Weekend(off) => {
            let Some(r) = r else {
                return date("XXXX-WXX-WE".into(), true);
            };
            let sat_sun = r.weekday().num_days_from_monday() >= 5;
            let shift = match off {
                Some(o) => *o * 7,
                None if sat_sun || dir == Dir::Future => 0,
                None => -7,
            };
            date(format!("{}-WE", week(add_days(r, shift)?)), true)
        }
        Sem::Part(day, p) => {
            let v = match r {
                Some(r) => format!("{}T{p}", day_of(day, r, dir)?.format("%Y-%m-%d")),
                None => format!("XXXX-XX-XXT{p}"),
            };
            Some(Value {
                dtype: "TIME",
                value: v,
                anchored: !matches!(day, Day::Cal(Some(_), _, _)),
            })
        }
        Sem::Clock(day, h, m) => {
            let d = match (day, r) {
                (Some(Day::Cal(Some(y), mo, d)), _) => NaiveDate::from_ymd_opt(*y, *mo, *d),
                (Some(day), Some(r)) => day_of(day, r, dir),
                (None, Some(r)) => Some(r),
                _ => None,
            };
            let ds = d.map_or_else(
                || "XXXX-XX-XX".to_string(),
                |d| d.format("%Y-%m-%d").to_string(),
            );
            Some(Value {
                dtype: "TIME",
                value: format!("{ds}T{h:02}:{m:02}"),
                anchored: !matches!(day, Some(Day::Cal(Some(_), _, _))),
            })
        }
        Sem::That(unit, off) if *off != 0 => resolve(&Sem::Rel(*unit, *off), r, dir),
        Sem::That(..) => None,
        Sem::PastSeason(s) => match r {
            Some(r) => {
                let start = match *s {
                    "SP" => 3,
                    "SU" => 6,
                    "FA" => 9,
                    _ => 12,
                };
                let y = if start < r.month() {
                    r.year()
                } else {
                    r.year() - 1
                };
                date(format!("{y:04}-{s}"), true)
            }
            None => date(format!("XXXX-{s}"), true),
        },
        Sem::Half(unit, n) => Some(Value {
            dtype: "DURATION",
            value: unit.half_duration(*n)?,
            anchored: false,
        }),
        Sem::LastQuarter(off) => match r {
            Some(r) => {
                let q = (r.month() - 1) / 3;
                let (y, q) = if q == 0 {
                    (r.year() - 1, 4)
                } else {
                    (r.year(), q)
                };
                let y = y + off;
                date(format!("{y:04}-Q{q}"), true)
            }
            None => date("XXXX-QX".into(), true),
        },
    }
}

/// The TIME `n` units (hours, minutes, seconds) after the clock time `h:m` on `day` (`None`:
/// an unknown day, then only a shift that stays within that day has a value).
pub(crate) fn after_clock(
    day: Option<NaiveDate>,
    h: u32,
    m: u32,
    unit: Unit,
    n: i64,
) -> Option<Value> {
    let secs = n.checked_mul(unit.sub_day_seconds()?)?;
    let base = day
        .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))?
        .and_hms_opt(h.min(23), m, 0)?
        + TimeDelta::hours(i64::from(h / 24));
    let at = base.checked_add_signed(TimeDelta::try_seconds(secs)?)?;
    let clock = if unit == Unit::S {
        at.format("T%H:%M:%S")
    } else {
        at.format("T%H:%M")
    };
    let value = match day {
        Some(_) => format!("{}{clock}", at.format("%Y-%m-%d")),
        None if at.date() == base.date() => format!("XXXX-XX-XX{clock}"),
        None => return None,
    };
    Some(Value {
        dtype: "TIME",
        value,
        anchored: true,
    })
}

fn placeholder(unit: Unit) -> String {
    match unit {
        Unit::Y => "XXXX".into(),
        Unit::M => "XXXX-XX".into(),
        Unit::W => "XXXX-WXX".into(),
        Unit::Q => "XXXX-QX".into(),
        Unit::De => "XXX".into(),
        Unit::Ce => "XX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}

/// The unit containing `r`, shifted by `off` units, at the unit's granularity.
fn rel(unit: Unit, off: i64, r: NaiveDate) -> Option<String> {
    Some(match unit {
        Unit::Y => format!("{:04}", r.year() as i64 + off),
        Unit::M => add_months(r, off)?.format("%Y-%m").to_string(),
        Unit::W => week(add_days(r, off * 7)?),
        Unit::D => add_days(r, off)?.format("%Y-%m-%d").to_string(),
        // Whole days only: "three hours ago" is the reference's day, "48 hours ago" two days back.
        Unit::H | Unit::Min | Unit::S => {
            let secs = off.checked_mul(unit.sub_day_seconds()?)?;
            add_days(r, secs / 86_400)?.format("%Y-%m-%d").to_string()
        }
        Unit::Q => {
            let d = add_months(r, off * 3)?;
            format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
        }
        Unit::De => format!("{}", (r.year() as i64 + off * 10) / 10),
        Unit::Ce => format!("{}", (r.year() as i64 + off * 100) / 100),
    })
}
