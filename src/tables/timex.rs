//! The calendar interval of a TIMEX3 value at the value's own resolution, as seconds since the
//! epoch (the `start_date`/`end_date` columns of `dates`, and `published`). The same rules as
//! `python/newsfacts/timex.py` (`interval`), which serves records built in Python.
//!
//! `2017-08` covers 2017-08-01 .. 2017-08-31, `2017-W39` Monday 2017-09-25 .. Sunday 2017-10-01,
//! `2017-Q3` 2017-07-01 .. 2017-09-30; both ends are inclusive days (a time of day gives the same
//! instant twice). Values without a place on the calendar (`P3D`, `PRESENT_REF`, `XXXX-09`) and
//! impossible dates have none.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")
        .expect("static regex")
});
static WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-W([0-9]{2})(?:-(WE|[1-7]))?$").expect("static regex")
});
static PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$").expect("static regex"));
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})$").expect("static regex"));
static YEARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{2,4})$").expect("static regex"));

/// A day within Python's `datetime` range (years 1 to 9999).
fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn secs(d: NaiveDate) -> Option<i64> {
    Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// The last day of `month` (months past 12 run into the next year).
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let y = year + i32::try_from((month - 1) / 12).ok()?;
    let m = (month - 1) % 12 + 1;
    let next = ymd(y + i32::try_from(m / 12).ok()?, m % 12 + 1, 1)?;
    next.pred_opt().filter(|d| d.year() >= 1)
}

fn num<T: std::str::FromStr>(s: Option<regex::Match<'_>>) -> Option<T> {
    s?.as_str().parse().ok()
}

fn weekday(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The first and last instant (seconds since the epoch, UTC-naive) a TIMEX3 value stands for,
/// or `None` when it has no place on the calendar.
///
/// # Examples
///
/// ```
/// use newsfacts::tables::timex::interval;
/// let day = 86_400;
/// let (a, b) = interval("2017-08").unwrap();
/// assert_eq!((b - a) / day, 30);
/// assert_eq!(interval("P3D"), None);
/// ```
pub fn interval(value: &str) -> Option<(i64, i64)> {
    let value = value.trim();
    if let Some(c) = DAY.captures(value) {
        let day = ymd(num(c.get(1))?, num(c.get(2))?, num(c.get(3))?)?;
        if c.get(4).is_some() {
            let s: u32 = c.get(6).map_or(Some(0), |m| m.as_str().parse().ok())?;
            let t = day
                .and_hms_opt(num(c.get(4))?, num(c.get(5))?, s)?
                .and_utc()
                .timestamp();
            return Some((t, t));
        }
        let t = secs(day)?;
        return Some((t, t));
    }
    if let Some(c) = WEEK.captures(value) {
        let (y, w): (i32, u32) = (num(c.get(1))?, num(c.get(2))?);
        let (first, last) = match c.get(3).map(|m| m.as_str()) {
            None => (1, 7),
            Some("WE") => (6, 7),
            Some(d) => {
                let d = d.parse().ok()?;
                (d, d)
            }
        };
        if !(1..=9999).contains(&y) {
            return None;
        }
        let a = NaiveDate::from_isoywd_opt(y, w, weekday(first)?)?;
        let b = NaiveDate::from_isoywd_opt(y, w, weekday(last)?)?;
        return Some((secs(a)?, secs(b)?));
    }
    if let Some(c) = PART.captures(value) {
        let y: i32 = num(c.get(1))?;
        let (first, last) = match c.get(2)?.as_str() {
            "Q1" => (1, 3),
            "Q2" => (4, 6),
            "Q3" => (7, 9),
            "Q4" => (10, 12),
            "H1" => (1, 6),
            "H2" => (7, 12),
            "SP" => (3, 5),
            "SU" => (6, 8),
            "FA" => (9, 11),
            _ => (12, 14), // WI: December to February of the next year
        };
        return Some((secs(ymd(y, first, 1)?)?, secs(month_end(y, last)?)?));
    }
    if let Some(c) = MONTH.captures(value) {
        let (y, m): (i32, u32) = (num(c.get(1))?, num(c.get(2))?);
        let first = ymd(y, m, 1)?;
        return Some((secs(first)?, secs(month_end(y, m)?)?));
    }
    if let Some(c) = YEARS.captures(value) {
        let digits = c.get(1)?.as_str();
        let span = 10_i32.pow(4 - u32::try_from(digits.len()).ok()?);
        let first = digits.parse::<i32>().ok()? * span;
        return Some((
            secs(ymd(first.max(1), 1, 1)?)?,
            secs(ymd(first + span - 1, 12, 31)?)?,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::interval;

    fn days(v: &str) -> Option<(String, String)> {
        let (a, b) = interval(v)?;
        let f = |t: i64| {
            chrono::DateTime::from_timestamp(t, 0)
                .map(|d| d.naive_utc().to_string())
                .unwrap_or_default()
        };
        Some((f(a), f(b)))
    }

    #[test]
    fn values_at_their_resolution() {
        let d = |a: &str, b: &str| Some((format!("{a} 00:00:00"), format!("{b} 00:00:00")));
        assert_eq!(days("2017-09-27"), d("2017-09-27", "2017-09-27"));
        assert_eq!(days("2017-08"), d("2017-08-01", "2017-08-31"));
        assert_eq!(days("2016-02"), d("2016-02-01", "2016-02-29"));
        assert_eq!(days("2017-W39"), d("2017-09-25", "2017-10-01"));
        assert_eq!(days("2017-W39-WE"), d("2017-09-30", "2017-10-01"));
        assert_eq!(days("2017-W39-3"), d("2017-09-27", "2017-09-27"));
        assert_eq!(days("2017-Q3"), d("2017-07-01", "2017-09-30"));
        assert_eq!(days("2017-WI"), d("2017-12-01", "2018-02-28"));
        assert_eq!(days("2017"), d("2017-01-01", "2017-12-31"));
        assert_eq!(days("201"), d("2010-01-01", "2019-12-31"));
        assert_eq!(days("20"), d("2000-01-01", "2099-12-31"));
        assert_eq!(
            days("2017-09-27T18:30"),
            Some(("2017-09-27 18:30:00".into(), "2017-09-27 18:30:00".into()))
        );
    }

    #[test]
    fn no_place_on_the_calendar() {
        for v in [
            "P3D",
            "PRESENT_REF",
            "XXXX-09",
            "XXXX-WXX-1",
            "2017-13",
            "2017-02-30",
            "2017-W54",
            "0000",
            "",
            "2017-09-27T25:00",
        ] {
            assert_eq!(interval(v), None, "{v}");
        }
    }
}
