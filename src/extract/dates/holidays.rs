//! Named holidays ("Thanksgiving", "Christmas Eve", "Election Day") from
//! `resources/holidays.tsv`, and the day each falls on in a given year.

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};

use super::lexicon::Tk;

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A fixed month and day.
    Fixed(u32, u32),
    /// The n-th (or last: -1) weekday (0 = Monday) of a month, plus some days.
    Nth(i32, u32, u32, u64),
}

/// A holiday: its name's tokens and its rule.
#[derive(Debug)]
pub(crate) struct Holiday {
    words: Vec<&'static str>,
    rule: Rule,
}

impl Holiday {
    /// The day of the holiday in year `y`.
    pub(crate) fn day(&self, y: i32) -> Option<NaiveDate> {
        match self.rule {
            Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Rule::Nth(n, w, m, plus) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let day = if n > 0 {
                    let shift = (w + 7 - first.weekday().num_days_from_monday()) % 7;
                    first.checked_add_days(Days::new(u64::from(shift) + 7 * (n as u64 - 1)))?
                } else {
                    let next = if m == 12 {
                        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(y, m + 1, 1)?
                    };
                    let last = next.pred_opt()?;
                    let back = (last.weekday().num_days_from_monday() + 7 - w) % 7;
                    last.checked_sub_days(Days::new(u64::from(back)))?
                };
                day.checked_add_days(Days::new(plus))
            }
        }
    }
}

fn weekday(s: &str) -> Option<u32> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|&w| w == s)
        .map(|p| p as u32)
}

fn rule(s: &str) -> Option<Rule> {
    if let Some((m, d)) = s.split_once('-').filter(|(m, _)| !m.is_empty()) {
        return Some(Rule::Fixed(m.parse().ok()?, d.parse().ok()?));
    }
    let mut f = s.split_whitespace();
    let n = f.next()?.parse().ok()?;
    let w = weekday(f.next()?)?;
    let m = f.next()?.parse().ok()?;
    let plus = f
        .next()
        .and_then(|p| p.trim_start_matches('+').parse().ok())
        .unwrap_or(0);
    Some(Rule::Nth(n, w, m, plus))
}

/// The holiday list, longest names first.
pub(crate) static HOLIDAYS: LazyLock<Vec<Holiday>> = LazyLock::new(|| {
    let mut v: Vec<Holiday> = include_str!("resources/holidays.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, r) = l.split_once('\t')?;
            Some(Holiday {
                words: name.split(' ').collect(),
                rule: rule(r.trim())?,
            })
        })
        .collect();
    v.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
    v
});

/// The holiday named at token `i`: its index in [`HOLIDAYS`] and the token after it.
pub(crate) fn holiday_at(t: &[Tk], i: usize) -> Option<(usize, usize)> {
    let first = t.get(i)?;
    if !first.cap {
        return None;
    }
    HOLIDAYS.iter().enumerate().find_map(|(k, h)| {
        let all = h.words.iter().enumerate().all(|(o, w)| {
            t.get(i + o)
                .is_some_and(|x| x.text == *w || (*w == "'s" && (x.text == "’s" || x.text == "'s")))
        });
        all.then_some((k, i + h.words.len()))
    })
}
