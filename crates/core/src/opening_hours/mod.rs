//! Opening hours: the OpenStreetMap `opening_hours` syntax (the subset in [`parse`]), evaluated
//! on the device in Europe/Brussels time with the Belgian legal holidays for `PH`.
//!
//! Why our own code and not the `opening-hours` crate (1.4.0): it builds for wasm32, but it
//! embeds a holiday calendar for every country with a deflate decoder, a PEG parser and chrono,
//! and has no time zones without `chrono-tz` on top. Measured on a cdylib that parses one value
//! and asks for its state and next change (release, opt-level z, LTO, then `wasm-opt -Oz`;
//! brotli -q 11): 528,208 bytes raw, 108,192 bytes brotli (752,562 / 127,825 before wasm-opt),
//! against the limit of 30 KB brotli for what the detail page adds. The subset here is a few hundred lines (`scripts/size-report` gives the
//! app's total).

pub mod calendar;
pub mod eval;
pub mod holidays;
pub mod parse;

pub use calendar::{brussels, Date, LocalTime};
pub use eval::{Span, State};
pub use parse::{ParseError, Rule};

/// A parsed `opening_hours` value.
#[derive(Clone, Debug, PartialEq)]
pub struct OpeningHours {
    rules: Vec<Rule>,
}

/// When a change happens, relative to the day it is asked on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Day {
    Today,
    Tomorrow,
    /// Later this week: 0 = Monday ... 6 = Sunday.
    Weekday(u8),
    /// A week or more ahead.
    On(Date),
}

/// What the "open now" line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Now {
    /// Open; closes at `minute` (0-1440) on `day`, or never within a year (`None`).
    Open { closes: Option<(Day, u16)>, comment: Option<String> },
    /// Closed; opens (or becomes "unknown", e.g. by appointment) at `minute` on `day`, or not
    /// within a year.
    Closed { opens: Option<(Day, u16)> },
    /// The data says neither open nor closed, e.g. "op afspraak".
    Unknown { comment: Option<String> },
}

impl Now {
    pub fn is_open(&self) -> bool {
        matches!(self, Now::Open { .. })
    }
}

/// One day of the week table.
#[derive(Clone, Debug, PartialEq)]
pub struct DayHours {
    pub date: Date,
    pub holiday: bool,
    /// Stretches starting that day (closed ones left out); end up to 2880 past midnight.
    pub spans: Vec<Span>,
}

fn day_of(from: Date, to: Date) -> Day {
    match to.days() - from.days() {
        0 => Day::Today,
        1 => Day::Tomorrow,
        2..=6 => Day::Weekday(to.weekday()),
        _ => Day::On(to),
    }
}

impl OpeningHours {
    /// Reads a value; see [`parse`] for the syntax and the errors.
    pub fn parse(value: &str) -> Result<OpeningHours, ParseError> {
        parse::parse(value).map(|rules| OpeningHours { rules })
    }

    pub fn state_at(&self, t: LocalTime) -> State {
        eval::state_at(&self.rules, t).0
    }

    pub fn next_change(&self, t: LocalTime) -> Option<LocalTime> {
        eval::next_change(&self.rules, t)
    }

    /// The "open now" answer at wall-clock time `t` in Brussels.
    pub fn now_at(&self, t: LocalTime) -> Now {
        let (state, comment) = eval::state_at(&self.rules, t);
        // Closing at midnight is said as "24:00" of the day before ("sluit om 24:00").
        let when = |c: LocalTime, closing: bool| {
            if closing && c.minute == 0 && c.date.days() - t.date.days() >= 1 {
                (day_of(t.date, c.date.add_days(-1)), 1440)
            } else {
                (day_of(t.date, c.date), c.minute)
            }
        };
        match state {
            State::Open => Now::Open { closes: self.next_change(t).map(|c| when(c, true)), comment },
            State::Closed => Now::Closed { opens: self.next_change(t).map(|c| when(c, false)) },
            State::Unknown => Now::Unknown { comment },
        }
    }

    /// [`OpeningHours::now_at`] for the instant `unix_secs` (seconds since 1970 UTC).
    pub fn now(&self, unix_secs: i64) -> Now {
        self.now_at(brussels(unix_secs))
    }

    /// The seven days Monday to Sunday of the week of `date`.
    pub fn week(&self, date: Date) -> Vec<DayHours> {
        let monday = date.add_days(-(date.weekday() as i64));
        (0..7)
            .map(|i| {
                let d = monday.add_days(i);
                DayHours { date: d, holiday: holidays::is_public_holiday(d), spans: eval::day_spans(&self.rules, d) }
            })
            .collect()
    }

    /// The ordinary week, Monday first, without month-limited or holiday rules.
    pub fn regular_week(&self) -> Vec<Vec<Span>> {
        (0..7).map(|w| eval::regular_day_spans(&self.rules, w)).collect()
    }

    /// Whether it is open at `unix_secs` (the "Nu open" filter). Unknown counts as not open.
    pub fn is_open(&self, unix_secs: i64) -> bool {
        self.state_at(brussels(unix_secs)) == State::Open
    }
}

#[cfg(test)]
mod tests;
