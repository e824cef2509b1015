//! Unit tests per rule family, on news-like sentences, against 2017-09-28 (a Thursday).

use chrono::NaiveDate;

use super::dates;
use crate::record::DateRec;
use crate::text::Document;

fn run(text: &str) -> Vec<DateRec> {
    let doc = Document::new(text);
    dates(&doc, NaiveDate::from_ymd_opt(2017, 9, 28)).dates
}

/// (text, type, value) of each expression.
fn found(text: &str) -> Vec<(String, String, String)> {
    run(text)
        .into_iter()
        .map(|r| (r.text, r.dtype, r.value))
        .collect()
}

fn check(text: &str, span: &str, dtype: &str, value: &str) {
    let f = found(text);
    assert_eq!(f.len(), 1, "{text:?} gave {f:?}");
    assert_eq!(
        f[0],
        (span.to_string(), dtype.to_string(), value.to_string()),
        "{text:?}"
    );
}

fn none(text: &str) {
    let f = found(text);
    assert!(f.is_empty(), "{text:?} gave {f:?}");
}

#[test]
fn seed_article_facts() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/seed-article.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        return; // the shared reference is not part of the package
    };
    let f = found(&text);
    let has = |s: &str, v: &str| f.iter().any(|(t, _, val)| t == s && val == v);
    assert!(has("September 27, 2017", "2017-09-27"), "{f:?}");
    assert!(has("yesterday", "2017-09-27"), "{f:?}");
    assert!(has("this week", "2017-W39"), "{f:?}");
    assert!(has("August", "2017-08"), "{f:?}");
}

#[test]
fn absolute_dates() {
    check(
        "The deal was signed on September 27, 2017.",
        "September 27, 2017",
        "DATE",
        "2017-09-27",
    );
    check(
        "The deal was signed on 27 September 2017.",
        "27 September 2017",
        "DATE",
        "2017-09-27",
    );
    check(
        "Filed 2017-09-27 in Rome.",
        "2017-09-27",
        "DATE",
        "2017-09-27",
    );
    check(
        "Shares fell on Sept. 27, 2017, in Milan.",
        "Sept. 27, 2017",
        "DATE",
        "2017-09-27",
    );
    check(
        "Shares fell on Sept. 25 in Milan.",
        "Sept. 25",
        "DATE",
        "2017-09-25",
    );
    check("The plant opened in 1998.", "1998", "DATE", "1998");
    check(
        "It was built in March 1996.",
        "March 1996",
        "DATE",
        "1996-03",
    );
    check(
        "Filed 9/27/2017 with the court.",
        "9/27/2017",
        "DATE",
        "2017-09-27",
    );
    let r = run("The deal was signed on September 27, 2017.");
    assert!(!r[0].anchored);
}

#[test]
fn decades_centuries_seasons_quarters() {
    check("Prices soared in the 1990s.", "the 1990s", "DATE", "199");
    check(
        "Prices soared in the late 1970s.",
        "the late 1970s",
        "DATE",
        "197",
    );
    check(
        "a relic of the 20th century",
        "the 20th century",
        "DATE",
        "19",
    );
    check(
        "Sales rose in the third quarter.",
        "the third quarter",
        "DATE",
        "2017-Q3",
    );
    check("Q3 sales rose.", "Q3", "DATE", "2017-Q3");
    check("Growth slowed in mid-2017.", "mid-2017", "DATE", "2017");
    check(
        "Talks resume this summer.",
        "this summer",
        "DATE",
        "2017-SU",
    );
    check(
        "He said sales fell in the summer of 2015.",
        "the summer of 2015",
        "DATE",
        "2015-SU",
    );
}

#[test]
fn relative_dates() {
    check(
        "He arrived in Rome yesterday.",
        "yesterday",
        "DATE",
        "2017-09-27",
    );
    check(
        "He held talks in Rome this week.",
        "this week",
        "DATE",
        "2017-W39",
    );
    check(
        "He met the minister last Tuesday.",
        "last Tuesday",
        "DATE",
        "2017-09-26",
    );
    check("Profit fell last year.", "last year", "DATE", "2016");
    check(
        "The firm was founded two years ago.",
        "two years ago",
        "DATE",
        "2015",
    );
    check(
        "The vote is due next month.",
        "next month",
        "DATE",
        "2017-10",
    );
    check(
        "Sales rose earlier this year.",
        "earlier this year",
        "DATE",
        "2017",
    );
    check(
        "Markets rallied over the weekend.",
        "the weekend",
        "DATE",
        "2017-W38-WE",
    );
    check(
        "Rallies are planned this weekend.",
        "this weekend",
        "DATE",
        "2017-W39-WE",
    );
    check(
        "He spoke this morning.",
        "this morning",
        "TIME",
        "2017-09-28TMO",
    );
    check(
        "Police arrived last night.",
        "last night",
        "TIME",
        "2017-09-27TNI",
    );
}

#[test]
fn tense_decides_bare_months_and_weekdays() {
    check(
        "The comments in August in which he threatened to attack ships drew protests.",
        "August",
        "DATE",
        "2017-08",
    );
    check(
        "Talks on Friday will focus on migration.",
        "Friday",
        "DATE",
        "2017-09-29",
    );
    check(
        "The minister resigned on Monday.",
        "Monday",
        "DATE",
        "2017-09-25",
    );
    // A month that has not come yet this year is next year's only when the text says so.
    check(
        "The summit will be held in March.",
        "March",
        "DATE",
        "2018-03",
    );
    check("In March, he visited Cairo.", "March", "DATE", "2017-03");
    check(
        "The firm disclosed in May that it was approached.",
        "May",
        "DATE",
        "2017-05",
    );
    check(
        "The talks will conclude by May, officials said.",
        "May",
        "DATE",
        "2018-05",
    );
}

#[test]
fn references() {
    check(
        "The company is now profitable.",
        "now",
        "DATE",
        "PRESENT_REF",
    );
    check(
        "He currently lives in Tunis.",
        "currently",
        "DATE",
        "PRESENT_REF",
    );
    check(
        "He recently moved to Tunis.",
        "recently",
        "DATE",
        "PAST_REF",
    );
    check(
        "In the past, such talks failed.",
        "the past",
        "DATE",
        "PAST_REF",
    );
    check(
        "Prices may rise in the future.",
        "the future",
        "DATE",
        "FUTURE_REF",
    );
}

#[test]
fn durations_and_sets() {
    check(
        "Fighting raged for the past three days.",
        "the past three days",
        "DURATION",
        "P3D",
    );
    check(
        "He served two years in prison.",
        "two years",
        "DURATION",
        "P2Y",
    );
    check(
        "The talks lasted nearly five hours.",
        "nearly five hours",
        "DURATION",
        "PT5H",
    );
    check("a 10-year bond", "10-year", "DURATION", "P10Y");
    check(
        "The talks lasted a few days.",
        "a few days",
        "DURATION",
        "PXD",
    );
    check("The paper appears weekly.", "weekly", "SET", "P1W");
    check("He prays every day.", "every day", "SET", "P1D");
    check(
        "The plant would produce 150,000 cars a year.",
        "a year",
        "SET",
        "P1Y",
    );
    check(
        "He has been in jail for more than a year.",
        "more than a year",
        "DURATION",
        "P1Y",
    );
    check("The club meets on Mondays.", "Mondays", "SET", "XXXX-WXX-1");
}

#[test]
fn clock_times() {
    check(
        "The blast happened at 10:30 a.m.",
        "10:30 a.m.",
        "TIME",
        "2017-09-28T10:30",
    );
    check(
        "The offer will expire at 5 p.m. EST Friday.",
        "5 p.m. EST Friday",
        "TIME",
        "2017-09-29T17:00",
    );
    check(
        "Talks broke off at noon Thursday.",
        "noon Thursday",
        "TIME",
        "2017-09-28T12:00",
    );
}

#[test]
fn precision_discipline() {
    none("Theresa May met the prime minister in London.");
    none("Prices may fall, analysts said.");
    none("Thousands March on Washington to protest.");
    none("Protesters march through the capital.");
    none("Barcelona beat Madrid 2-1 in the final.");
    none("The ratio was 3:1 against the proposal.");
    none("The base lies at 32.89 N, 13.18 E near Tripoli.");
    none("Call 202-555-0187 for details.");
    none("Do you have a car?");
    none("He paid $1990 for the car.");
    none("The 6-year-old boy was rescued.");
    none("August Wilson wrote the play.");
    none("April Ryan asked a question.");
    none("Sales at Federated rose, while May's sales fell.");
    none("He told the Sunday Times the war needed a second UN resolution.");
    none("He told BBC Radio 4's Today Programme it was wrong.");
}

#[test]
fn byte_offsets_with_accents_quotes_and_emoji() {
    let text = "Salamé’s envoy 🇱🇾 said “yesterday” talks went well.";
    let r = run(text);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(&text[r[0].start..r[0].end], "yesterday");
    assert_eq!(r[0].value, "2017-09-27");
    assert!(r[0].anchored);
}

#[test]
fn reference_inferred_from_text() {
    let doc = Document::new("Updated September 27, 2017. He arrived yesterday.");
    let d = dates(&doc, None);
    assert!(d.inferred);
    assert_eq!(d.reference, NaiveDate::from_ymd_opt(2017, 9, 27));
    assert_eq!(d.dates[1].value, "2017-09-26");
    let doc = Document::new("He arrived yesterday.");
    let d = dates(&doc, None);
    assert!(!d.inferred);
    assert_eq!(d.reference, None);
    assert_eq!(d.dates[0].value, "XXXX-XX-XX");
}

#[test]
fn holidays() {
    check(
        "Shops will close on Christmas Eve.",
        "Christmas Eve",
        "DATE",
        "2017-12-24",
    );
    check(
        "Turkeys will be pardoned before Thanksgiving.",
        "Thanksgiving",
        "DATE",
        "2017-11-23",
    );
    check(
        "Crowds gathered on Memorial Day.",
        "Memorial Day",
        "DATE",
        "2017-05-29",
    );
    check(
        "He won on Election Day 2016.",
        "Election Day 2016",
        "DATE",
        "2016-11-08",
    );
}

#[test]
fn odd_input_never_panics() {
    none("");
    none("🙂🙂🙂 …");
    none("It happened on 31 February 2017.");
    none("Feb. 30 is no day.");
    let long = "9999-99-99 99:99 a.m. 1/1/1 mid- -year the the the ".repeat(50);
    let _ = run(&long);
    let doc = Document::new("Q5 2017 and Q0 and the 0th century.");
    let _ = dates(&doc, None);
}

/// The phrasings (#18, #19), against 2017-09-28 (a Thursday).
#[test]
fn sub_day_units_stay_within_their_day() {
    check(
        "He scored two minutes later.",
        "two minutes",
        "DURATION",
        "PT2M",
    );
    check(
        "Ten minutes later the lights went out.",
        "Ten minutes",
        "DURATION",
        "PT10M",
    );
    check(
        "Three hours later, the talks resumed.",
        "Three hours",
        "DURATION",
        "PT3H",
    );
    check(
        "He was released 48 hours later.",
        "48 hours",
        "DURATION",
        "PT48H",
    );
    check(
        "The blast was heard three hours ago.",
        "three hours ago",
        "DATE",
        "2017-09-28",
    );
    check(
        "The ship sank 48 hours ago.",
        "48 hours ago",
        "DATE",
        "2017-09-26",
    );
    none("The deal was saved at the last minute.");
    // With a clock time before it, a TIME counted from that time.
    let f = found("The polls opened at 6.30am on Monday. Three hours later, queues stretched.");
    assert_eq!(
        f,
        vec![
            (
                "6.30am on Monday".into(),
                "TIME".into(),
                "2017-09-25T06:30".into()
            ),
            (
                "Three hours later".into(),
                "TIME".into(),
                "2017-09-25T09:30".into()
            ),
        ]
    );
}

/// Every unit and count: a shift "ago"/"from now" moves the reference by at most `count` units,
/// and hours, minutes and seconds by whole days only as far as they reach.
#[test]
fn shift_is_bounded_by_the_unit() {
    use super::lexicon::Unit;
    use super::resolve::{resolve, Dir, Sem};
    let r = NaiveDate::from_ymd_opt(2005, 1, 15).unwrap();
    // The longest length of each unit, in seconds.
    let units = [
        (Unit::S, 1),
        (Unit::Min, 60),
        (Unit::H, 3600),
        (Unit::D, 86_400),
        (Unit::W, 7 * 86_400),
        (Unit::M, 31 * 86_400),
        (Unit::Q, 92 * 86_400),
        (Unit::Y, 366 * 86_400),
    ];
    for (unit, secs) in units {
        let far: &[i64] = if secs <= 86_400 {
            &[-100_000, 100_000]
        } else {
            &[]
        };
        for n in (-400..=400).chain(far.iter().copied()) {
            let v = resolve(&Sem::Ago(unit, Some(n)), Some(r), Dir::Past)
                .unwrap()
                .value;
            // The first day of the period the value names.
            let start = match v.len() {
                _ if v.contains("-W") => NaiveDate::from_isoywd_opt(
                    v[..4].parse().unwrap(),
                    v[6..].parse().unwrap(),
                    chrono::Weekday::Mon,
                ),
                4 => NaiveDate::from_ymd_opt(v.parse().unwrap(), 1, 1),
                7 if v.contains("-Q") => NaiveDate::from_ymd_opt(
                    v[..4].parse().unwrap(),
                    (v[6..].parse::<u32>().unwrap() - 1) * 3 + 1,
                    1,
                ),
                7 => NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok(),
                _ => NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok(),
            }
            .unwrap_or_else(|| panic!("{unit:?} {n}: {v}"));
            // Days between the reference and the named period, and what `n` units allow (plus
            // the period's own length, since "3 weeks ago" names a whole week).
            let days = (start - r).num_days().abs();
            let allowed = (n.abs() * secs) / 86_400 + secs.max(86_400) / 86_400;
            assert!(days <= allowed, "{unit:?} {n}: {v} is {days} days from {r}");
            if secs < 86_400 {
                assert_eq!(days, (n.abs() * secs) / 86_400, "{unit:?} {n}: {v}");
            }
        }
    }
}

#[test]
fn match_periods_and_year_halves() {
    none("Wales scored a first-half try and a second-half penalty.");
    none("The striker hit the post in the 78th minute and again in extra time.");
    none("The goalkeeper saved a penalty at quarter-time.");
    check(
        "Profits rose in the first half of the year.",
        "the first half of the year",
        "DATE",
        "2017-H1",
    );
    check(
        "Exports declined in the second half of 2004.",
        "the second half of 2004",
        "DATE",
        "2004-H2",
    );
}

#[test]
fn british_and_american_clock_times() {
    check(
        "Polls open at 6.30am on Monday.",
        "6.30am on Monday",
        "TIME",
        "2017-09-25T06:30",
    );
    check(
        "The meeting starts at 18:30 GMT.",
        "18:30 GMT",
        "TIME",
        "2017-09-28T18:30",
    );
    check(
        "The show airs at 10pm tonight.",
        "10pm tonight",
        "TIME",
        "2017-09-28T22:00",
    );
    check(
        "Shares were up by noon on Monday.",
        "noon on Monday",
        "TIME",
        "2017-09-25T12:00",
    );
    check(
        "The vote is due at 1800 GMT.",
        "1800 GMT",
        "TIME",
        "2017-09-28T18:00",
    );
    check(
        "The markets closed at 16.30 BST.",
        "16.30 BST",
        "TIME",
        "2017-09-28T16:30",
    );
    // Prices and amounts written like times are not.
    none("The experiment cost £6.30 in computing time.");
    none("The region produced 14.27 million tonnes of crops.");
}

/// (text, value) of each expression, against `dct`.
fn values_at(text: &str, dct: (i32, u32, u32)) -> Vec<(String, String)> {
    let doc = Document::new(text);
    dates(&doc, NaiveDate::from_ymd_opt(dct.0, dct.1, dct.2))
        .dates
        .into_iter()
        .map(|r| (r.text, r.value))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect()
}

/// "said" (and the other irregular past forms) is a tense cue: a weekday after it is the past
/// one, even with a future verb later in the sentence (TimeBank wsj_0557, APW19980306.1001).
#[test]
fn said_points_a_weekday_back() {
    assert_eq!(
        values_at(
            "A Pentagon spokesman said Thursday that the 38,000 U.S. troops in the Gulf will remain.",
            (1998, 3, 6)
        ),
        pairs(&[("Thursday", "1998-03-05")])
    );
    // 2017-09-28 is a Thursday: without the cue "will" made it tomorrow.
    check(
        "Mr. Gerstner said Friday that RJR Nabisco will concentrate more on its core businesses.",
        "Friday",
        "DATE",
        "2017-09-22",
    );
}

/// Halves of a unit: "2 1/2 years", "5 1/2 hours", "a minute and a half" (TBAQ examples).
#[test]
fn amounts_with_a_half() {
    check(
        "He has spent 2 1/2 years in a German prison.",
        "2 1/2 years",
        "DURATION",
        "P2Y6M",
    );
    check(
        "Albright is scheduled to spend only 5 1/2 hours in Nairobi.",
        "5 1/2 hours",
        "DURATION",
        "PT5H30M",
    );
    check(
        "The shaking lasted a minute and a half.",
        "a minute and a half",
        "DURATION",
        "PT1M30S",
    );
    check(
        "The talks took two and a half years.",
        "two and a half years",
        "DURATION",
        "P2Y6M",
    );
    // A price, not a duration; a half of a unit with no whole smaller unit is left alone.
    none("The bonds fell 2 1/2 to 98.");
}

/// "that year", "later that year", "that quarter", "the same day": the period named last
/// (APW20000128.0316, wsj_0026); nothing without one.
#[test]
fn anaphora_name_the_period_before() {
    assert_eq!(
        values_at(
            "Munero had fled to Florida in June 1998 and returned to Cuba later that year.",
            (2000, 1, 28)
        ),
        pairs(&[("June 1998", "1998-06"), ("later that year", "1998")])
    );
    assert_eq!(
        values_at(
            "Imports rose in 1988, a relatively small share of the imports that year.",
            (1989, 11, 2)
        ),
        pairs(&[("1988", "1988"), ("that year", "1988")])
    );
    assert_eq!(
        values_at(
            "The blast came on Oct. 23, 1998. His name was crossed out the same day.",
            (1999, 10, 24)
        ),
        pairs(&[
            ("Oct. 23, 1998", "1998-10-23"),
            ("the same day", "1998-10-23")
        ])
    );
    none("The vote that year was never held.");
}

/// "the quarter", "the 1988 period", "a year earlier" in an earnings report: the quarter the
/// report is about (the latest one named that is over by the reference), else the latest
/// reported one (wsj_0928, a fiscal first quarter ended Sept. 30).
#[test]
fn quarter_anaphora_follows_the_named_quarter() {
    let f = values_at(
        "Net income rose in the fiscal first quarter ended Sept. 30. Sales in the quarter \
         fell 5% from the 1988 period.",
        (1989, 10, 26),
    );
    assert_eq!(
        f,
        pairs(&[
            ("the fiscal first quarter", "1989-Q1"),
            ("Sept. 30", "1989-09-30"),
            ("the quarter", "1989-Q1"),
            ("the 1988 period", "1988-Q1"),
        ])
    );
    // A quarter still ahead ("expects the fourth quarter...") is no antecedent.
    let f = values_at(
        "Profit rose in the third quarter. It expects the fourth quarter to be weaker. In the \
         quarter, sales rose.",
        (1989, 11, 2),
    );
    assert_eq!(
        f,
        pairs(&[
            ("the third quarter", "1989-Q3"),
            ("the fourth quarter", "1989-Q4"),
            ("the quarter", "1989-Q3"),
        ])
    );
}

/// Seasons and halves written relative to the reference: "this past spring" (wsj_0575),
/// "the last half of 1989" (wsj_1014).
#[test]
fn past_seasons_and_last_halves() {
    assert_eq!(
        values_at(
            "The company's sales slowed this past spring.",
            (1989, 10, 30)
        ),
        pairs(&[("this past spring", "1989-SP")])
    );
    assert_eq!(
        values_at(
            "Earnings will be weaker in the last half of 1989.",
            (1989, 10, 26)
        ),
        pairs(&[("the last half of 1989", "1989-H2")])
    );
}

/// "the following year", "the following month", "the previous day": one period after (before)
/// the one named last (APW19980418, wsj_1011); with none named, from the reference.
#[test]
fn following_and_previous_count_from_the_period_before() {
    assert_eq!(
        values_at(
            "On May 22, 1995, Farkas was made a brigadier general, and the following year he was \
             appointed military attache.",
            (1998, 4, 18)
        ),
        pairs(&[
            ("May 22, 1995", "1995-05-22"),
            ("the following year", "1996")
        ])
    );
    assert_eq!(
        values_at(
            "In March, a group urged the company to act. The following month, the company put \
             itself up for sale.",
            (1989, 10, 27)
        ),
        pairs(&[("March", "1989-03"), ("The following month", "1989-04")])
    );
    check(
        "Talks will resume the following week.",
        "the following week",
        "DATE",
        "2017-W40",
    );
}

/// A quarter in a bank's report is a calendar quarter even without a results word nearby
/// ("loan-loss reserves", wsj_0736), and "the year-earlier third quarter" is last year's.
#[test]
fn quarters_of_a_bank_report() {
    assert_eq!(
        values_at(
            "Additionally, the bank is increasing its loan-loss reserves for the third quarter by \
             $8.5 million before taxes. In the year-earlier third quarter, it earned $1 million.",
            (1989, 10, 27)
        ),
        pairs(&[
            ("the third quarter", "1989-Q3"),
            ("the year-earlier third quarter", "1988-Q3"),
        ])
    );
}

/// Only a year written in full is what "the previous year" counts from, and "the same month
/// last year" is no anaphor (Reuters, 1987).
#[test]
fn previous_year_counts_from_a_written_year() {
    assert_eq!(
        values_at(
            "Issues doubled to more than 150 in 1986 from the previous year.",
            (1987, 3, 5)
        ),
        pairs(&[("1986", "1986"), ("the previous year", "1985")])
    );
    assert_eq!(
        values_at(
            "Imports fell. The figures for the same month last year were lower. The surplus stands \
             at 120.4 mln dlrs against 132.8 mln dlrs the previous year.",
            (1987, 4, 9)
        ),
        pairs(&[("last year", "1986"), ("the previous year", "1986")])
    );
}
