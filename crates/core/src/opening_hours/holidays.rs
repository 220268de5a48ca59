//! The ten Belgian legal public holidays (Wet van 4 januari 1974 betreffende de feestdagen):
//! New Year, Easter Monday, Labour Day, Ascension, Whit Monday, the National Day (21 July),
//! Assumption (15 August), All Saints (1 November), Armistice (11 November) and Christmas.
//! These are what `PH` means in an `opening_hours` value.

use super::calendar::Date;
use crate::order;

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian computus
/// (Meeus, *Astronomical Algorithms*, ch. 8). Valid for every year from 1583.
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { year, month: month as u8, day: day as u8 }
}

/// The legal holidays of `year`, in calendar order.
pub fn public_holidays(year: i32) -> [Date; 10] {
    let fixed = |month, day| Date { year, month, day };
    let easter = easter_sunday(year);
    let mut days = [
        fixed(1, 1),
        easter.add_days(1),  // Paasmaandag
        fixed(5, 1),
        easter.add_days(39), // O.-L.-H.-Hemelvaart
        easter.add_days(50), // Pinkstermaandag
        fixed(7, 21),
        fixed(8, 15),
        fixed(11, 1),
        fixed(11, 11),
        fixed(12, 25),
    ];
    order::sort(&mut days);
    days
}

pub fn is_public_holiday(date: Date) -> bool {
    public_holidays(date.year).contains(&date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates() {
        // Published Easter dates (Gregorian).
        for (y, m, day) in [(1961, 4, 2), (2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25)] {
            assert_eq!(easter_sunday(y), d(y, m, day), "{y}");
        }
    }

    #[test]
    fn belgian_holidays_2027() {
        let expected = [d(2027, 1, 1), d(2027, 3, 29), d(2027, 5, 1), d(2027, 5, 6), d(2027, 5, 17), d(2027, 7, 21), d(2027, 8, 15), d(2027, 11, 1), d(2027, 11, 11), d(2027, 12, 25)];
        assert_eq!(public_holidays(2027), expected);
        assert!(is_public_holiday(d(2026, 4, 6)), "Easter Monday 2026");
        assert!(is_public_holiday(d(2026, 5, 14)), "Ascension 2026");
        assert!(is_public_holiday(d(2026, 5, 25)), "Whit Monday 2026");
        assert!(!is_public_holiday(d(2026, 12, 26)), "26 December is not a legal holiday in Belgium");
        assert!(!is_public_holiday(d(2027, 3, 28)), "Easter Sunday is a Sunday, not a PH of its own");
    }
}
