//! Civil dates and Europe/Brussels wall-clock time, without a time-zone database: Belgium has
//! used CET (UTC+1) with EU summer time (UTC+2) since 1980, and the EU rule is fixed by
//! Directive 2000/84/EC: summer time from the last Sunday of March 01:00 UTC to the last Sunday
//! of October 01:00 UTC. That rule is all the app needs for "open now" on the device.

use std::fmt;

/// A proleptic Gregorian date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1-12.
    pub month: u8,
    /// 1-31.
    pub day: u8,
}

impl Date {
    /// `None` for a day that does not exist (31 April, 29 February 2027).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (the first ten characters of an RFC 3339 date or time).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ')) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r).filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?.parse::<i32>().ok();
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// Days since 1970-01-01 (negative before). Hinnant's "days from civil" method: years start
    /// in March so the leap day is the last day of the year.
    pub fn days(self) -> i64 {
        let y = self.year as i64 - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (yoe + era * 400 + i64::from(month <= 2)) as i32, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// 0 = Monday ... 6 = Sunday (ISO 8601 order; 1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.days() + 3).rem_euclid(7) as u8
    }
}

impl fmt::Display for Date {
    /// `2027-03-29`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The last Sunday of `month`.
fn last_sunday(year: i32, month: u8) -> Date {
    let last = Date { year, month, day: days_in_month(year, month) };
    last.add_days(-((last.weekday() as i64 + 1) % 7))
}

/// A wall-clock time: a date and minutes since its midnight (0-1439).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime {
    pub date: Date,
    pub minute: u16,
}

impl LocalTime {
    pub fn new(date: Date, minute: u16) -> LocalTime {
        LocalTime { date, minute }
    }
}

/// Seconds east of UTC in Brussels at the instant `unix_secs` (seconds since 1970-01-01 UTC):
/// 7200 in summer time, 3600 otherwise.
pub fn brussels_offset(unix_secs: i64) -> i64 {
    let year = Date::from_days(unix_secs.div_euclid(86_400)).year;
    let start = last_sunday(year, 3).days() * 86_400 + 3600;
    let end = last_sunday(year, 10).days() * 86_400 + 3600;
    if (start..end).contains(&unix_secs) { 7200 } else { 3600 }
}

/// Europe/Brussels wall-clock time at `unix_secs`, to the minute.
pub fn brussels(unix_secs: i64) -> LocalTime {
    let local = unix_secs + brussels_offset(unix_secs);
    LocalTime { date: Date::from_days(local.div_euclid(86_400)), minute: (local.rem_euclid(86_400) / 60) as u16 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u8, d: u8, h: i64, mi: i64) -> i64 {
        Date::new(y, mo, d).unwrap().days() * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn days_round_trip_and_weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11_017);
        for d in [-800_000, -1, 0, 59, 10_956, 20_000, 24_000, 2_000_000] {
            assert_eq!(Date::from_days(d).days(), d);
        }
        assert_eq!(Date::new(2026, 11, 1).unwrap().weekday(), 6, "1 November 2026 is a Sunday");
        assert_eq!(Date::new(2027, 3, 29).unwrap().weekday(), 0, "Easter Monday");
        assert_eq!(Date::new(2024, 2, 29).unwrap().add_days(1), Date::new(2024, 3, 1).unwrap());
        assert_eq!(Date::new(2027, 2, 29), None);
        assert_eq!(Date::new(2026, 4, 31), None);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(Date::parse_iso("2026-05-14"), Date::new(2026, 5, 14));
        assert_eq!(Date::parse_iso("2026-05-14T10:00:00Z"), Date::new(2026, 5, 14));
        assert_eq!(Date::parse_iso("2026-13-01"), None);
        assert_eq!(Date::parse_iso("2026-02-30"), None);
        assert_eq!(Date::parse_iso("14/05/2026"), None);
        assert_eq!(Date::parse_iso("2026-05-14x"), None);
        assert_eq!(Date::parse_iso("2026-5-14"), None);
    }

    #[test]
    fn summer_time_changes_at_one_utc() {
        // 2026: 29 March and 25 October; 2027: 28 March and 31 October.
        for (y, spring, autumn) in [(2026, 29, 25), (2027, 28, 31)] {
            assert_eq!(brussels_offset(utc(y, 3, spring, 0, 59)), 3600);
            assert_eq!(brussels_offset(utc(y, 3, spring, 1, 0)), 7200);
            assert_eq!(brussels_offset(utc(y, 10, autumn, 0, 59)), 7200);
            assert_eq!(brussels_offset(utc(y, 10, autumn, 1, 0)), 3600);
        }
        // 01:59 CET is followed by 03:00 CEST.
        let d = Date::new(2026, 3, 29).unwrap();
        assert_eq!(brussels(utc(2026, 3, 29, 0, 59)), LocalTime::new(d, 119));
        assert_eq!(brussels(utc(2026, 3, 29, 1, 0)), LocalTime::new(d, 180));
        // 02:30 happens twice on 25 October 2026.
        let d = Date::new(2026, 10, 25).unwrap();
        assert_eq!(brussels(utc(2026, 10, 25, 0, 30)), LocalTime::new(d, 150));
        assert_eq!(brussels(utc(2026, 10, 25, 1, 30)), LocalTime::new(d, 150));
        // Winter, and the date changing at local midnight, not UTC midnight.
        assert_eq!(brussels(utc(2026, 12, 31, 23, 30)), LocalTime::new(Date::new(2027, 1, 1).unwrap(), 30));
    }
}
