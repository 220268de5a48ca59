//! What a parsed `opening_hours` value means at a given wall-clock time in Brussels.
//!
//! Semantics (as in the OpenStreetMap specification): rules are read in order and a rule that
//! selects a day replaces what earlier rules said about that day (`Mo-Fr 09:00-17:00; PH off`
//! closes a holiday Monday). A range past midnight (`Fr 22:00-02:00`) belongs to the day it
//! starts on and runs into the next morning whatever the next day's rules say.

use super::calendar::{Date, LocalTime};
use super::holidays::is_public_holiday;
use super::parse::{Modifier, Rule};
use crate::order;

/// Open, closed, or "unknown" (by appointment and the like: the data does not say).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Open,
    Closed,
    Unknown,
}

/// One stretch of a day: minutes from that day's midnight, end exclusive, end up to 2880.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub from: u16,
    pub to: u16,
    pub state: State,
    pub comment: Option<String>,
}

fn month_day_in(md: (u8, u8), (from, to): ((u8, u8), (u8, u8))) -> bool {
    if from <= to { from <= md && md <= to } else { md >= from || md <= to }
}

fn selects(rule: &Rule, date: Date, holiday: bool) -> bool {
    let month_ok = rule.months.is_empty() || rule.months.iter().any(|r| month_day_in((date.month, date.day), *r));
    let day_ok = (rule.weekdays == 0 && !rule.holidays) || rule.weekdays & (1 << date.weekday()) != 0 || (rule.holidays && holiday);
    month_ok && day_ok
}

/// The stretches that start on `date`: the last rule that selects the day decides. Closed
/// stretches are left out; an empty list means closed all day. A rule with a comment and no
/// times gives one stretch over the whole day.
pub fn day_spans(rules: &[Rule], date: Date) -> Vec<Span> {
    let holiday = is_public_holiday(date);
    let Some(rule) = rules.iter().rev().find(|r| selects(r, date, holiday)) else { return Vec::new() };
    let state = match rule.modifier {
        Modifier::Open => State::Open,
        Modifier::Closed => return Vec::new(),
        Modifier::Unknown => State::Unknown,
    };
    let times = if rule.times.is_empty() { vec![(0, 1440)] } else { rule.times.clone() };
    let mut spans: Vec<Span> = times.into_iter().map(|(from, to)| Span { from, to, state, comment: rule.comment.clone() }).collect();
    order::sort_by_key(&mut spans, |s| s.from);
    spans
}

/// The state at `t`, with the comment of the rule that gives it.
pub fn state_at(rules: &[Rule], t: LocalTime) -> (State, Option<String>) {
    let today = day_spans(rules, t.date);
    if let Some(s) = today.iter().find(|s| s.from <= t.minute && t.minute < s.to) {
        return (s.state, s.comment.clone());
    }
    let yesterday = day_spans(rules, t.date.add_days(-1));
    if let Some(s) = yesterday.iter().find(|s| s.from <= t.minute + 1440 && t.minute + 1440 < s.to) {
        return (s.state, s.comment.clone());
    }
    (State::Closed, None)
}

/// How far ahead [`next_change`] looks: a year and a day covers a summer closure and a value
/// that only opens on one date a year.
pub const HORIZON_DAYS: i64 = 367;

/// The first wall-clock time after `t` where the state differs from the state at `t`; `None`
/// when it stays the same for [`HORIZON_DAYS`] (`24/7`, `off`).
pub fn next_change(rules: &[Rule], t: LocalTime) -> Option<LocalTime> {
    let now = state_at(rules, t).0;
    for offset in 0..HORIZON_DAYS {
        let date = t.date.add_days(offset);
        // Every boundary on this date: starts and ends of its own stretches and yesterday's
        // stretches running into it, and midnight.
        let mut bounds: Vec<u16> = vec![0];
        for s in day_spans(rules, date) {
            bounds.push(s.from);
            if s.to < 1440 {
                bounds.push(s.to);
            }
        }
        for s in day_spans(rules, date.add_days(-1)) {
            if s.to > 1440 {
                bounds.push(s.to - 1440);
            }
        }
        order::sort(&mut bounds);
        bounds.dedup();
        for m in bounds {
            let candidate = LocalTime::new(date, m);
            if candidate > t && state_at(rules, candidate).0 != now {
                return Some(candidate);
            }
        }
    }
    None
}

/// The stretches of an ordinary `weekday` (0 = Monday): rules limited to months or to public
/// holidays left out. For schema.org's `OpeningHoursSpecification`, which has no holidays.
pub fn regular_day_spans(rules: &[Rule], weekday: u8) -> Vec<Span> {
    let regular: Vec<Rule> = rules.iter().filter(|r| r.months.is_empty() && (r.weekdays != 0 || !r.holidays)).cloned().collect();
    // 2024-01-01 was a Monday and no day of that week is a public holiday.
    day_spans(&regular, Date { year: 2024, month: 1, day: 1 + weekday })
}
