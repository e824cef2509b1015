//! Periods of a match or game ("first half", "second-half", "the fourth quarter" of a basketball
//! game) are no calendar dates: a half or quarter without a year is a date only when the words
//! around it are not those of a match report.

use super::lexicon::Tk;

/// Words of a match report.
const MATCH: &[&str] = &[
    "match",
    "game",
    "games",
    "goal",
    "goals",
    "try",
    "tries",
    "penalty",
    "penalties",
    "kick",
    "kicks",
    "header",
    "shot",
    "shots",
    "striker",
    "keeper",
    "goalkeeper",
    "referee",
    "whistle",
    "scored",
    "score",
    "scoring",
    "equaliser",
    "equalizer",
    "interval",
    "half-time",
    "halftime",
    "substitute",
    "pitch",
    "ball",
    "touchdown",
    "touchdowns",
    "rebounds",
    "conversion",
    "winger",
    "fly-half",
    "scrum",
    "lineout",
    "tackle",
    "possession",
    "corner",
    "free-kick",
    "cross",
    "minute",
    "minutes",
    "fans",
    "crowd",
    "side",
    "chance",
    "chances",
    "display",
    "lead",
    "opener",
    "win",
    "victory",
    "defeat",
    "draw",
    "league",
    "cup",
    "coach",
    "team",
    "players",
    "quarterback",
    "innings",
    "wicket",
    "wickets",
    "points",
    "point",
];

/// Words of a calendar period (results, the economy, a fiscal year).
const CALENDAR: &[&str] = &[
    "profit",
    "profits",
    "sales",
    "earnings",
    "revenue",
    "revenues",
    "growth",
    "economy",
    "economic",
    "fiscal",
    "year",
    "results",
    "quarterly",
    "shares",
    "prices",
    "price",
    "percent",
    "%",
    "output",
    "inflation",
    "demand",
    "company",
    "firm",
    "dividend",
    "turnover",
    "market",
    "markets",
    "investment",
    "gdp",
    "exports",
    "imports",
    "spending",
    "budget",
    "season",
    "million",
    "billion",
    "income",
    "loss",
    "losses",
    "reserves",
    "taxes",
    "bank",
];

fn count(t: &[Tk], lo: usize, hi: usize, words: &[&str]) -> usize {
    t.get(lo..hi)
        .unwrap_or_default()
        .iter()
        .filter(|x| words.iter().any(|w| x.is(w)))
        .count()
}

/// Whether the half or quarter at tokens `i..end` is a period of a match: match words
/// outnumber calendar words in its sentence, or, when the sentence says nothing either way, in
/// the 60 tokens around it.
pub(crate) fn match_period(t: &[Tk], i: usize, end: usize) -> bool {
    let Some(sent) = t.get(i).map(|x| x.sent) else {
        return false;
    };
    let mut lo = i;
    while lo > 0 && i - lo < 40 && t[lo - 1].sent == sent {
        lo -= 1;
    }
    let mut hi = end.min(t.len());
    while hi < t.len() && hi - end < 40 && t[hi].sent == sent {
        hi += 1;
    }
    let (m, c) = (count(t, lo, hi, MATCH), count(t, lo, hi, CALENDAR));
    if m + c > 0 {
        return m > c;
    }
    let (lo, hi) = (i.saturating_sub(60), (end + 60).min(t.len()));
    count(t, lo, hi, MATCH) > count(t, lo, hi, CALENDAR)
}
