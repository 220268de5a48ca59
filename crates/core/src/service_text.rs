//! What the detail page and the cards say about issue 13's fields, as plain strings in the UI
//! language: the "open now" line, the week table, dates, the "possibly outdated" check. Pure,
//! so every sentence is tested on the host; the components only place them.

use crate::i18n::{fill, texts};
use crate::i18n::service::service_texts;
use crate::model::{Lang, Status, Wheelchair};
use crate::opening_hours::parse::fmt_minutes;
use crate::opening_hours::{Date, Day, Now, OpeningHours, Span, State};

/// "maandag", "morgen", "op 17 augustus".
fn day_phrase(day: Day, lang: Lang) -> String {
    let t = service_texts(lang);
    match day {
        Day::Today => t.today.to_string(),
        Day::Tomorrow => t.tomorrow.to_string(),
        Day::Weekday(w) => t.weekdays[w as usize].to_string(),
        Day::On(d) => fill(&fill(t.on_date, "d", d.day), "m", texts(lang).months[d.month as usize - 1]),
    }
}

/// "Nu open, sluit om 16:30", "Gesloten, opent morgen om 09:00", or the comment of an
/// "unknown" rule ("op afspraak").
pub fn now_line(now: &Now, lang: Lang) -> String {
    let t = service_texts(lang);
    let with = |today: &str, other: &str, (day, minute): (Day, u16)| {
        let template = if day == Day::Today { today } else { other };
        fill(&fill(template, "d", day_phrase(day, lang)), "x", fmt_minutes(minute))
    };
    match now {
        Now::Open { closes: Some(c), .. } => with(t.open_closes_today, t.open_closes_on, *c),
        Now::Open { closes: None, .. } => t.open_always.to_string(),
        Now::Closed { opens: Some(o) } => with(t.closed_opens_today, t.closed_opens_on, *o),
        Now::Closed { opens: None } => t.closed_no_opening.to_string(),
        Now::Unknown { comment } => comment.clone().unwrap_or_default(),
    }
}

/// How a card or the detail page colours its open/closed line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineState {
    Open,
    Closed,
    /// By appointment and the like.
    Unknown,
}

impl LineState {
    /// For a `data-state` attribute: `open`, `closed`, `unknown`.
    pub fn code(self) -> &'static str {
        match self {
            LineState::Open => "open",
            LineState::Closed => "closed",
            LineState::Unknown => "unknown",
        }
    }
}

/// The short line of a card at `now_unix`: the status when not active ("Tijdelijk gesloten"),
/// else the open-now line; `None` without (readable) hours. `hours` are parsed already
/// (`Dataset::opening_hours_of`): a card does not parse them again each time it is drawn.
pub fn status_line(status: Status, hours: Option<&OpeningHours>, now_unix: i64, lang: Lang) -> Option<(LineState, String)> {
    let t = service_texts(lang);
    match status {
        Status::TemporarilyClosed => return Some((LineState::Closed, t.temporarily_closed.to_string())),
        Status::Closed => return Some((LineState::Closed, t.closed_for_good.to_string())),
        Status::Active => {}
    }
    let now = hours?.now(now_unix);
    let state = match now {
        Now::Open { .. } => LineState::Open,
        Now::Closed { .. } => LineState::Closed,
        Now::Unknown { .. } => LineState::Unknown,
    };
    Some((state, now_line(&now, lang)))
}

/// One row of the week table.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekRow {
    pub date: Date,
    /// "maandag".
    pub day: String,
    /// "09:00–12:00, 13:00–16:30", "Gesloten", or a comment ("op afspraak").
    pub hours: String,
    pub today: bool,
    pub holiday: bool,
}

fn span_text(s: &Span) -> String {
    let to = if s.to > 1440 { s.to - 1440 } else { s.to };
    let range = format!("{}–{}", fmt_minutes(s.from), fmt_minutes(to));
    match (s.state, &s.comment) {
        (State::Unknown, Some(c)) if s.from == 0 && s.to == 1440 => c.clone(),
        (_, Some(c)) => format!("{range} ({c})"),
        _ => range,
    }
}

/// The week (Monday to Sunday) of `today`, with `today` marked and holidays named.
pub fn week_rows(hours: &OpeningHours, today: Date, lang: Lang) -> Vec<WeekRow> {
    let t = service_texts(lang);
    hours
        .week(today)
        .into_iter()
        .map(|d| WeekRow {
            date: d.date,
            day: t.weekdays[d.date.weekday() as usize].to_string(),
            hours: if d.spans.is_empty() { t.closed.to_string() } else { d.spans.iter().map(span_text).collect::<Vec<_>>().join(", ") },
            today: d.date == today,
            holiday: d.holiday,
        })
        .collect()
}

/// "2 oktober 2026", "2 octobre 2026", "2 October 2026".
pub fn long_date(d: Date, lang: Lang) -> String {
    format!("{} {} {}", d.day, texts(lang).months[d.month as usize - 1], d.year)
}

/// True when `checked_at` (`YYYY-MM-DD`) is more than 12 months before `today` (2025-11-30 is
/// outdated on 2026-12-01, not on 2026-11-30). An unreadable date counts as outdated.
pub fn is_outdated(checked_at: &str, today: Date) -> bool {
    match Date::parse_iso(checked_at) {
        Some(c) => (c.year + 1, c.month, c.day) < (today.year, today.month, today.day),
        None => true,
    }
}

pub fn wheelchair_text(w: Wheelchair, lang: Lang) -> &'static str {
    let t = service_texts(lang);
    match w {
        Wheelchair::Yes => t.wheelchair_yes,
        Wheelchair::Limited => t.wheelchair_limited,
        Wheelchair::No => t.wheelchair_no,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn the_open_now_line_in_three_languages() {
        let oh = OpeningHours::parse("Mo-Fr 09:00-12:00,13:00-16:30; PH off; Jul 15-Aug 15 off").unwrap();
        let at = |date: &str, minute| oh.now_at(crate::opening_hours::LocalTime::new(d(date), minute));
        assert_eq!(now_line(&at("2026-06-02", 600), Lang::Nl), "Nu open, sluit om 12:00");
        assert_eq!(now_line(&at("2026-06-02", 1000), Lang::Nl), "Gesloten, opent morgen om 09:00");
        assert_eq!(now_line(&at("2026-06-05", 1000), Lang::Nl), "Gesloten, opent maandag om 09:00");
        assert_eq!(now_line(&at("2026-06-02", 730), Lang::Fr), "Fermé, ouvre à 13:00");
        assert_eq!(now_line(&at("2026-07-20", 600), Lang::Nl), "Gesloten, opent op 17 augustus om 09:00");
        assert_eq!(now_line(&at("2026-07-20", 600), Lang::En), "Closed, opens on 17 August at 09:00");
        assert_eq!(now_line(&at("2026-06-05", 600), Lang::En), "Open now, closes at 12:00");
        let night = OpeningHours::parse("Fr 22:00-02:00").unwrap();
        assert_eq!(now_line(&night.now_at(crate::opening_hours::LocalTime::new(d("2026-06-05"), 1400)), Lang::Nl), "Nu open, sluit morgen om 02:00");
        let appt = OpeningHours::parse("\"op afspraak\"").unwrap();
        assert_eq!(now_line(&appt.now_at(crate::opening_hours::LocalTime::new(d("2026-06-05"), 600)), Lang::Fr), "op afspraak");
        assert_eq!(now_line(&OpeningHours::parse("24/7").unwrap().now(0), Lang::Nl), "Nu open, dag en nacht");
    }

    #[test]
    fn the_week_table() {
        let oh = OpeningHours::parse("Mo-Fr 09:00-12:00,13:00-16:30; We \"op afspraak\"; Sa 22:00-02:00; PH off").unwrap();
        let rows = week_rows(&oh, d("2027-11-11"), Lang::Nl);
        let cells: Vec<(&str, &str, bool, bool)> = rows.iter().map(|r| (r.day.as_str(), r.hours.as_str(), r.today, r.holiday)).collect();
        assert_eq!(
            cells,
            vec![
                ("maandag", "09:00–12:00, 13:00–16:30", false, false),
                ("dinsdag", "09:00–12:00, 13:00–16:30", false, false),
                ("woensdag", "op afspraak", false, false),
                ("donderdag", "Gesloten", true, true),
                ("vrijdag", "09:00–12:00, 13:00–16:30", false, false),
                ("zaterdag", "22:00–02:00", false, false),
                ("zondag", "Gesloten", false, false),
            ]
        );
    }

    #[test]
    fn card_lines() {
        // Tuesday 1 December 2026, 10:30 CET.
        let now = d("2026-12-01").days() * 86_400 + 9 * 3600 + 30 * 60;
        let line = |status, hours: Option<&str>| status_line(status, hours.and_then(|h| OpeningHours::parse(h).ok()).as_ref(), now, Lang::Nl);
        assert_eq!(line(Status::Active, Some("Mo-Fr 09:00-12:00")), Some((LineState::Open, "Nu open, sluit om 12:00".into())));
        assert_eq!(line(Status::Active, Some("Sa 09:00-12:00")), Some((LineState::Closed, "Gesloten, opent zaterdag om 09:00".into())));
        assert_eq!(line(Status::TemporarilyClosed, Some("Mo-Fr 09:00-12:00")), Some((LineState::Closed, "Tijdelijk gesloten".into())));
        assert_eq!(line(Status::Closed, None), Some((LineState::Closed, "Definitief gesloten".into())));
        assert_eq!(line(Status::Active, Some("\"op afspraak\"")), Some((LineState::Unknown, "op afspraak".into())));
        assert_eq!(line(Status::Active, None), None);
        assert_eq!(line(Status::Active, Some("Ma-Vr")), None);
    }

    #[test]
    fn checked_dates() {
        assert!(!is_outdated("2025-11-30", d("2026-11-30")));
        assert!(is_outdated("2025-11-30", d("2026-12-01")));
        assert!(!is_outdated("2026-10-02", d("2026-12-01")));
        assert!(is_outdated("gisteren", d("2026-12-01")));
        assert_eq!(long_date(d("2026-10-02"), Lang::Nl), "2 oktober 2026");
        assert_eq!(long_date(d("2026-10-02"), Lang::Fr), "2 octobre 2026");
    }
}
