//! The evaluation table of issue 13: instants in UTC, answers in Brussels wall-clock time.

use super::parse::ErrorKind;
use super::*;

/// Seconds since 1970 for "YYYY-MM-DDTHH:MMZ".
fn utc(s: &str) -> i64 {
    let date = Date::parse_iso(s).unwrap();
    let (h, m): (i64, i64) = (s[11..13].parse().unwrap(), s[14..16].parse().unwrap());
    date.days() * 86_400 + h * 3600 + m * 60
}

fn date(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn hm(s: &str) -> u16 {
    let (h, m) = s.split_once(':').unwrap();
    h.parse::<u16>().unwrap() * 60 + m.parse::<u16>().unwrap()
}

fn open_until(day: Day, time: &str) -> Now {
    Now::Open { closes: Some((day, hm(time))), comment: None }
}

fn closed_until(day: Day, time: &str) -> Now {
    Now::Closed { opens: Some((day, hm(time))) }
}

const OFFICE: &str = "Mo-Fr 09:00-12:00,13:00-16:30; PH off";

#[test]
fn evaluation_table() {
    use Day::*;
    let cases: Vec<(&str, &str, Now, &str)> = vec![
        // Summer time starts Sunday 29 March 2026 at 01:00 UTC: 10:45 CEST, not 09:45 CET.
        ("Su 10:00-12:00", "2026-03-29T08:45Z", open_until(Today, "12:00"), "first summer-time morning 2026"),
        ("Sa 10:00-12:00", "2026-03-28T10:45Z", open_until(Today, "12:00"), "last winter-time day 2026: 11:45 CET"),
        ("Su 02:00-04:00", "2026-03-29T00:30Z", closed_until(Today, "02:00"), "01:30 CET before the change"),
        ("Su 02:00-04:00", "2026-03-29T01:10Z", open_until(Today, "04:00"), "03:10 CEST after the change"),
        // Summer time ends Sunday 25 October 2026: 11:30 CET, not 12:30 CEST.
        ("Su 10:00-12:00", "2026-10-25T10:30Z", open_until(Today, "12:00"), "first winter-time day 2026"),
        ("Sa 10:00-12:00", "2026-10-24T10:15Z", closed_until(On(date("2026-10-31")), "10:00"), "12:15 CEST the day before"),
        // 2027: summer time from Easter Sunday 28 March, Easter Monday is a holiday.
        ("Su 10:00-12:00", "2027-03-28T08:45Z", open_until(Today, "12:00"), "Easter Sunday 2027, summer time"),
        ("Mo-Fr 09:00-17:00; PH off", "2027-03-29T08:00Z", closed_until(Tomorrow, "09:00"), "Easter Monday 2027"),
        ("Mo-Fr 09:00-17:00; PH off", "2027-03-26T16:30Z", closed_until(Weekday(1), "09:00"), "Friday before Easter: opens Tuesday"),
        ("Mo-Fr 09:00-17:00; PH off", "2027-03-26T07:30Z", closed_until(Today, "09:00"), "08:30 CET"),
        ("PH 10:00-12:00; Mo-Fr 09:00-17:00", "2027-03-29T08:00Z", open_until(Today, "17:00"), "a later rule overrides PH"),
        ("Mo-Fr 09:00-17:00; PH 10:00-12:00", "2027-03-29T08:30Z", open_until(Today, "12:00"), "PH hours on Easter Monday"),
        ("Su 14:00-16:00", "2027-10-31T14:45Z", open_until(Today, "16:00"), "last day of summer time 2027 ends: 15:45 CET"),
        ("Sa 14:00-16:00", "2027-10-30T14:45Z", closed_until(On(date("2027-11-06")), "14:00"), "16:45 CEST the day before"),
        // 1 and 11 November, 25 December.
        ("Mo-Sa 09:00-12:00; PH off", "2027-11-01T09:00Z", closed_until(Tomorrow, "09:00"), "All Saints 2027 (Monday)"),
        ("Mo-Sa 09:00-12:00; PH off", "2026-11-11T09:00Z", closed_until(Tomorrow, "09:00"), "Armistice 2026 (Wednesday)"),
        ("Mo-Sa 09:00-12:00; PH off", "2027-11-10T12:00Z", closed_until(Weekday(4), "09:00"), "13:00 before Armistice 2027 (Thursday)"),
        ("Mo-Fr 09:00-17:00; PH off", "2026-12-24T17:00Z", closed_until(Weekday(0), "09:00"), "Christmas 2026 is a Friday"),
        ("Mo-Fr 09:00-17:00; PH off", "2026-12-25T10:00Z", closed_until(Weekday(0), "09:00"), "on Christmas"),
        ("Mo-Fr 09:00-17:00", "2026-12-25T10:00Z", open_until(Today, "17:00"), "without PH off the rule holds"),
        // Ranges past midnight.
        ("Fr-Sa 22:00-03:00", "2026-06-05T21:00Z", open_until(Tomorrow, "03:00"), "Friday 23:00"),
        ("Fr-Sa 22:00-03:00", "2026-06-06T00:30Z", open_until(Today, "03:00"), "Saturday 02:30, from Friday"),
        ("Fr-Sa 22:00-03:00", "2026-06-07T00:30Z", open_until(Today, "03:00"), "Sunday 02:30, from Saturday"),
        ("Fr-Sa 22:00-03:00", "2026-06-07T01:30Z", closed_until(Weekday(4), "22:00"), "Sunday 03:30"),
        ("Fr-Sa 22:00-03:00; Sa off", "2026-06-06T00:30Z", open_until(Today, "03:00"), "Saturday off does not cut Friday's night"),
        ("Mo-Su 18:00-24:00", "2026-06-02T20:00Z", open_until(Today, "24:00"), "closes at midnight"),
        ("Mo-Su 18:00-24:00", "2026-06-02T22:30Z", closed_until(Today, "18:00"), "00:30 next day"),
        ("Mo-Su 08:00-24:00; Mo-Su 00:00-02:00", "2026-06-02T21:00Z", closed_until(Tomorrow, "00:00"), "the last rule decides the whole day"),
        ("24/7", "2026-06-02T10:00Z", Now::Open { closes: None, comment: None }, "always open"),
        ("off", "2026-06-02T10:00Z", Now::Closed { opens: None }, "never open"),
        // Split shifts.
        (OFFICE, "2026-06-02T09:30Z", open_until(Today, "12:00"), "11:30 Tuesday"),
        (OFFICE, "2026-06-02T10:00Z", closed_until(Today, "13:00"), "12:00 lunch break"),
        (OFFICE, "2026-06-02T14:29Z", open_until(Today, "16:30"), "16:29"),
        (OFFICE, "2026-06-02T14:30Z", closed_until(Tomorrow, "09:00"), "16:30 closing time"),
        (OFFICE, "2026-06-05T15:00Z", closed_until(Weekday(0), "09:00"), "Friday evening"),
        (OFFICE, "2026-05-13T15:00Z", closed_until(Weekday(4), "09:00"), "Wednesday before Ascension 2026"),
        ("Mo,We,Fr 09:00-12:00", "2026-06-02T10:00Z", closed_until(Tomorrow, "09:00"), "mornings only, some days"),
        // Months, comments.
        ("Mo-Fr 09:00-17:00; Jul 15-Aug 15 off", "2026-07-20T10:00Z", closed_until(On(date("2026-08-17")), "09:00"), "summer closure"),
        ("Mo-Fr 09:00-17:00; Dec 24-Jan 1 off", "2026-12-30T10:00Z", closed_until(Weekday(0), "09:00"), "a range over New Year"),
        ("Mo-Fr 09:00-17:00; Dec 24-Jan 1 off", "2026-12-23T17:00Z", closed_until(On(date("2027-01-04")), "09:00"), "closed for the holidays"),
        ("\"op afspraak\"", "2026-06-02T10:00Z", Now::Unknown { comment: Some("op afspraak".into()) }, "by appointment"),
        ("Mo-Fr 09:00-12:00; We \"op afspraak\"", "2026-06-03T08:00Z", Now::Unknown { comment: Some("op afspraak".into()) }, "by appointment on Wednesday"),
        ("Mo-Fr 09:00-12:00; We \"op afspraak\"", "2026-06-02T08:00Z", open_until(Today, "12:00"), "open on Tuesday"),
        ("Mo-Fr 09:00-12:00; We \"op afspraak\"", "2026-06-02T10:30Z", Now::Closed { opens: Some((Tomorrow, 0)) }, "closed until the unknown day"),
    ];
    let mut failures = Vec::new();
    for (value, at, expected, why) in &cases {
        let got = OpeningHours::parse(value).unwrap_or_else(|e| panic!("{value}: {e}")).now(utc(at));
        if got != *expected {
            failures.push(format!("{why}: {value:?} at {at}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn open_now_filter_uses_the_instant() {
    let oh = OpeningHours::parse(OFFICE).unwrap();
    assert!(oh.is_open(utc("2026-06-02T14:29Z")));
    assert!(!oh.is_open(utc("2026-06-02T14:30Z")));
    assert!(!OpeningHours::parse("\"op afspraak\"").unwrap().is_open(utc("2026-06-02T10:00Z")), "unknown is not open");
}

#[test]
fn week_table_marks_holidays() {
    let oh = OpeningHours::parse(OFFICE).unwrap();
    let week = oh.week(date("2027-11-10"));
    assert_eq!(week[0].date, date("2027-11-08"));
    assert_eq!(week.len(), 7);
    assert_eq!(week[0].spans.iter().map(|s| (s.from, s.to)).collect::<Vec<_>>(), vec![(540, 720), (780, 990)]);
    assert!(week[3].holiday && week[3].spans.is_empty(), "11 November is closed");
    assert!(week[5].spans.is_empty() && !week[5].holiday);
    let night = OpeningHours::parse("Fr 22:00-02:00").unwrap().week(date("2026-06-01"));
    assert_eq!((night[4].spans[0].from, night[4].spans[0].to), (1320, 1560));
}

#[test]
fn parse_errors_say_where() {
    let cases: Vec<(&str, usize, ErrorKind)> = vec![
        ("", 1, ErrorKind::Empty),
        ("Mo-Fr 09:00-25:61", 13, ErrorKind::BadTime("25:61".into())),
        ("Mo-Fr 9:00-1200", 12, ErrorKind::BadTime("1200".into())),
        ("Mo-Xy 09:00-12:00", 4, ErrorKind::Unexpected { found: "Xy".into(), expected: "a weekday (Mo, Tu, We, Th, Fr, Sa, Su)".into() }),
        ("Mo-Fr 09:00-12:00 PH off", 19, ErrorKind::Unexpected { found: "PH".into(), expected: "\";\" or the end".into() }),
        ("Mo-Fr 09:00", 12, ErrorKind::Unexpected { found: "".into(), expected: "\"-\" and an end time".into() }),
        ("Mo-Fr 09:00-12:00; ;", 20, ErrorKind::Empty),
        ("Mo-Fr 09:00-12:00; SH off", 20, ErrorKind::Unsupported("school holidays (SH)".into())),
        ("Mo-Fr 09:00-12:00 || \"op afspraak\"", 19, ErrorKind::Unsupported("a fallback rule (\"||\")".into())),
        ("Mo-Fr sunrise-sunset", 7, ErrorKind::Unsupported("a variable time (sunrise)".into())),
        ("Mo-Fr 09:00+", 12, ErrorKind::Unsupported("an open end (\"+\")".into())),
        ("Mo 9:00-12:00 \"op afspraak", 15, ErrorKind::UnterminatedComment),
        ("Jul 32 off", 5, ErrorKind::BadDay("32".into())),
        ("Mo-Fr 08:00-08:00x", 18, ErrorKind::Unexpected { found: "x".into(), expected: "\";\" or the end".into() }),
        ("Ma-Vr 09:00-12:00", 1, ErrorKind::Unexpected { found: "Ma".into(), expected: "a month, weekday, PH, time, 24/7, off or a \"comment\"".into() }),
    ];
    for (value, position, kind) in cases {
        let err = OpeningHours::parse(value).expect_err(value);
        assert_eq!((err.position, &err.kind), (position, &kind), "{value}: {err}");
    }
    let msg = OpeningHours::parse("Mo-Fr 09:00-25:61").unwrap_err().to_string();
    assert_eq!(msg, "at character 13: \"25:61\" is not a time (HH:MM, 00:00-48:00)");
}

#[test]
fn accepted_forms() {
    for v in ["Mo-Fr 09:00-12:00,13:00-16:30; PH off", "mo-fr 09:00-17:00", "Su,PH off", "Fr-Mo 10:00-14:00", "Jul-Aug Sa 10:00-12:00", "Dec 24-26 off", "24/7; PH off", "Mo-Fr 08:00-12:00 \"ook op afspraak\";", "10:00-18:00", "Mo 22:00-26:00"] {
        assert!(OpeningHours::parse(v).is_ok(), "{v}: {:?}", OpeningHours::parse(v));
    }
    // Fr-Mo wraps over the weekend.
    let oh = OpeningHours::parse("Fr-Mo 10:00-14:00").unwrap();
    assert!(oh.is_open(utc("2026-06-08T10:00Z")), "Monday");
    assert!(!oh.is_open(utc("2026-06-09T10:00Z")), "Tuesday");
}
