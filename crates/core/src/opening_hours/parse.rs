//! The `opening_hours` subset this app reads: the OpenStreetMap syntax
//! (<https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification>) as far as service
//! directories use it. Grammar (case-insensitive keywords, spaces free between tokens):
//!
//! ```text
//! value     = rule *( ";" rule )
//! rule      = "24/7" [modifier] [comment]
//!           | [months] [days] [times] [modifier] [comment]      ; at least one part
//! months    = month_range *( "," month_range )
//! month_range = MONTH [DAY] [ "-" ( MONTH [DAY] | DAY ) ]       ; Jan, Jul-Aug, Jul 15-Aug 15, Dec 24-26
//! days      = day_range *( "," day_range )
//! day_range = WEEKDAY [ "-" WEEKDAY ] | "PH"                    ; Mo-Fr, Sa, Su,PH
//! times     = span *( "," span )
//! span      = HH:MM "-" HH:MM                                   ; end up to 48:00; an end at or before
//!                                                               ; the start runs past midnight
//! modifier  = "open" | "off" | "closed" | "unknown"
//! comment   = '"' text '"'
//! ```
//!
//! Not read (an error names them): `||` fallback rules, school holidays (`SH`), weeks, years,
//! `easter`, sunrise/sunset and other variable times, open ends (`+`), the nth weekday
//! (`Mo[1]`). Errors carry the character position (1-based) where reading stopped.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

pub const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// What a rule says about the times it selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Open,
    Closed,
    /// Open at unknown times, e.g. `"op afspraak"` (by appointment).
    Unknown,
}

/// A month-day, for month ranges: (month 1-12, day 1-31).
pub type MonthDay = (u8, u8);

/// One `;`-separated rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Inclusive month-day ranges; empty = every day of the year. A range whose end is before
    /// its start wraps over New Year (`Nov-Feb`).
    pub months: Vec<(MonthDay, MonthDay)>,
    /// Weekdays (bit 0 = Monday ... bit 6 = Sunday); 0 with `holidays` false = every day.
    pub weekdays: u8,
    /// The rule selects public holidays (`PH`).
    pub holidays: bool,
    /// Minute ranges from the selected day's midnight, end exclusive, end > start, end <= 2880.
    /// Empty = the whole day.
    pub times: Vec<(u16, u16)>,
    pub modifier: Modifier,
    pub comment: Option<String>,
}

/// Why a value could not be read, and where. Serialisable because it travels inside a
/// validation problem (`validate::ProblemKind`), which the app keeps with left-out records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseError {
    /// 1-based character position in the value.
    pub position: usize,
    pub kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorKind {
    Empty,
    /// A character or word that cannot come here; `expected` says what could.
    Unexpected { found: String, expected: Cow<'static, str> },
    BadTime(String),
    /// A day of the month that is not 1-31.
    BadDay(String),
    /// A syntax feature outside the subset (see the module docs).
    Unsupported(String),
    UnterminatedComment,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: ", self.position)?;
        match &self.kind {
            ErrorKind::Empty => write!(f, "empty rule"),
            ErrorKind::Unexpected { found, expected } if found.is_empty() => write!(f, "value ends; expected {expected}"),
            ErrorKind::Unexpected { found, expected } => write!(f, "{found:?} where {expected} was expected"),
            ErrorKind::BadTime(t) => write!(f, "{t:?} is not a time (HH:MM, 00:00-48:00)"),
            ErrorKind::BadDay(d) => write!(f, "{d:?} is not a day of the month (1-31)"),
            ErrorKind::Unsupported(what) => write!(f, "{what} is not supported"),
            ErrorKind::UnterminatedComment => write!(f, "comment without closing '\"'"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Number(String),
    Time(String),
    Comment(String),
    Punct(char),
}

/// Splits a value into tokens with their 1-based character positions.
fn tokens(s: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            let end = chars[i + 1..].iter().position(|&c| c == '"').ok_or(ParseError { position: start + 1, kind: ErrorKind::UnterminatedComment })?;
            out.push((start + 1, Token::Comment(chars[i + 1..i + 1 + end].iter().collect())));
            i += end + 2;
        } else if c.is_ascii_alphabetic() {
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push((start + 1, Token::Word(chars[start..i].iter().collect())));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            // "24/7" is one token.
            if text == "24" && chars.get(i) == Some(&'/') && chars.get(i + 1) == Some(&'7') {
                i += 2;
                out.push((start + 1, Token::Word("24/7".into())));
            } else if text.contains(':') {
                out.push((start + 1, Token::Time(text)));
            } else {
                out.push((start + 1, Token::Number(text)));
            }
        } else {
            if c == '|' && chars.get(i + 1) == Some(&'|') {
                return Err(ParseError { position: start + 1, kind: ErrorKind::Unsupported("a fallback rule (\"||\")".into()) });
            }
            out.push((start + 1, Token::Punct(c)));
            i += 1;
        }
    }
    Ok(out)
}

fn weekday(w: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(w)).map(|i| i as u8)
}

fn month(w: &str) -> Option<u8> {
    MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w)).map(|i| i as u8 + 1)
}

/// `HH:MM` to minutes, 00:00 to 48:00.
fn minutes(t: &str) -> Option<u16> {
    let (h, m) = t.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && h * 60 + m <= 2880).then_some(h * 60 + m)
}

struct Parser {
    toks: Vec<(usize, Token)>,
    at: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.at).map(|(_, t)| t)
    }

    fn position(&self) -> usize {
        self.toks.get(self.at).map(|(p, _)| *p).unwrap_or(self.len + 1)
    }

    fn unexpected(&self, expected: &'static str) -> ParseError {
        let found = match self.peek() {
            None => String::new(),
            Some(Token::Word(w) | Token::Number(w) | Token::Time(w)) => w.clone(),
            Some(Token::Comment(c)) => format!("\"{c}\""),
            Some(Token::Punct(c)) => c.to_string(),
        };
        let kind = match found.as_str() {
            w if w.eq_ignore_ascii_case("SH") => ErrorKind::Unsupported("school holidays (SH)".into()),
            w if ["sunrise", "sunset", "dawn", "dusk"].iter().any(|s| s.eq_ignore_ascii_case(w)) => ErrorKind::Unsupported(format!("a variable time ({w})")),
            w if w.eq_ignore_ascii_case("week") => ErrorKind::Unsupported("a week selector".into()),
            w if w.eq_ignore_ascii_case("easter") => ErrorKind::Unsupported("an Easter date".into()),
            "+" => ErrorKind::Unsupported("an open end (\"+\")".into()),
            "[" => ErrorKind::Unsupported("the nth weekday (\"[n]\")".into()),
            _ => ErrorKind::Unexpected { found, expected: expected.into() },
        };
        ParseError { position: self.position(), kind }
    }

    fn punct(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn word_is(&self, f: impl Fn(&str) -> bool) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if f(w))
    }

    /// A day of the month after a month name, if one follows.
    fn day_number(&mut self) -> Result<Option<u8>, ParseError> {
        match self.peek() {
            Some(Token::Number(n)) => {
                let Some(d) = n.parse::<u8>().ok().filter(|d| (1..=31).contains(d)) else {
                    return Err(ParseError { position: self.position(), kind: ErrorKind::BadDay(n.clone()) });
                };
                self.at += 1;
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    fn month_range(&mut self) -> Result<(MonthDay, MonthDay), ParseError> {
        let Some(Token::Word(w)) = self.peek() else { return Err(self.unexpected("a month")) };
        let m1 = month(w).ok_or_else(|| self.unexpected("a month"))?;
        self.at += 1;
        let d1 = self.day_number()?;
        if !self.punct('-') {
            return Ok(((m1, d1.unwrap_or(1)), (m1, d1.unwrap_or(31))));
        }
        if let Some(Token::Word(w)) = self.peek() {
            let m2 = month(w).ok_or_else(|| self.unexpected("a month"))?;
            self.at += 1;
            let d2 = self.day_number()?;
            return Ok(((m1, d1.unwrap_or(1)), (m2, d2.unwrap_or(31))));
        }
        match (d1, self.day_number()?) {
            (Some(d1), Some(d2)) => Ok(((m1, d1), (m1, d2))),
            _ => Err(self.unexpected("a month or a day")),
        }
    }

    fn rule(&mut self) -> Result<Rule, ParseError> {
        let start = self.position();
        let mut rule = Rule { months: vec![], weekdays: 0, holidays: false, times: vec![], modifier: Modifier::Open, comment: None };
        let mut any = false;
        let mut always = false;
        let mut explicit = false;
        if self.word_is(|w| w == "24/7") {
            self.at += 1;
            always = true;
            any = true;
        }
        if !always && self.word_is(|w| month(w).is_some()) {
            loop {
                rule.months.push(self.month_range()?);
                if !self.punct(',') {
                    break;
                }
            }
            any = true;
        }
        if !always && self.word_is(|w| weekday(w).is_some() || w.eq_ignore_ascii_case("PH")) {
            loop {
                match self.peek() {
                    Some(Token::Word(w)) if w.eq_ignore_ascii_case("PH") => {
                        self.at += 1;
                        rule.holidays = true;
                    }
                    Some(Token::Word(w)) if weekday(w).is_some() => {
                        let from = weekday(w).unwrap_or(0);
                        self.at += 1;
                        let to = if self.punct('-') {
                            match self.peek() {
                                Some(Token::Word(w)) if weekday(w).is_some() => {
                                    let to = weekday(w).unwrap_or(0);
                                    self.at += 1;
                                    to
                                }
                                _ => return Err(self.unexpected("a weekday (Mo, Tu, We, Th, Fr, Sa, Su)")),
                            }
                        } else {
                            from
                        };
                        // Fr-Mo wraps over the weekend.
                        let mut d = from;
                        loop {
                            rule.weekdays |= 1 << d;
                            if d == to {
                                break;
                            }
                            d = (d + 1) % 7;
                        }
                    }
                    _ => return Err(self.unexpected("a weekday (Mo, Tu, We, Th, Fr, Sa, Su) or PH")),
                }
                if !self.punct(',') {
                    break;
                }
            }
            any = true;
        }
        if !always && matches!(self.peek(), Some(Token::Time(_) | Token::Number(_))) {
            loop {
                let from = self.time()?;
                if !self.punct('-') {
                    return Err(self.unexpected("\"-\" and an end time"));
                }
                let mut to = self.time()?;
                if to <= from {
                    to += 1440; // 22:00-02:00 ends the next morning
                }
                if to > 2880 || to - from > 1440 {
                    return Err(ParseError { position: self.toks[self.at - 1].0, kind: ErrorKind::BadTime(fmt_minutes(to)) });
                }
                rule.times.push((from, to));
                if !self.punct(',') {
                    break;
                }
            }
            any = true;
        }
        if let Some(Token::Word(w)) = self.peek() {
            let m = match w.to_ascii_lowercase().as_str() {
                "open" => Some(Modifier::Open),
                "off" | "closed" => Some(Modifier::Closed),
                "unknown" => Some(Modifier::Unknown),
                _ => None,
            };
            if let Some(m) = m {
                rule.modifier = m;
                explicit = true;
                self.at += 1;
                any = true;
            }
        }
        if let Some(Token::Comment(c)) = self.peek() {
            let comment = c.trim().to_string();
            self.at += 1;
            // A comment without times or modifier ("op afspraak", `We "op afspraak"`) says
            // neither open nor closed.
            if rule.times.is_empty() && !explicit {
                rule.modifier = Modifier::Unknown;
            }
            rule.comment = Some(comment).filter(|c| !c.is_empty());
            any = true;
        }
        if !any {
            return Err(if self.peek().is_none() || self.peek() == Some(&Token::Punct(';')) {
                ParseError { position: start, kind: ErrorKind::Empty }
            } else {
                self.unexpected("a month, weekday, PH, time, 24/7, off or a \"comment\"")
            });
        }
        Ok(rule)
    }

    fn time(&mut self) -> Result<u16, ParseError> {
        match self.peek() {
            Some(Token::Time(t) | Token::Number(t)) => {
                let t = t.clone();
                let m = minutes(&t).ok_or(ParseError { position: self.position(), kind: ErrorKind::BadTime(t) })?;
                self.at += 1;
                Ok(m)
            }
            _ => Err(self.unexpected("a time (HH:MM)")),
        }
    }
}

/// `HH:MM` for minutes since midnight (0-2880).
pub fn fmt_minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Reads an `opening_hours` value into its rules.
///
/// ```
/// use wegwijzer_core::opening_hours::parse::parse;
/// assert_eq!(parse("Mo-Fr 09:00-12:00,13:00-16:30; PH off").unwrap().len(), 2);
/// assert_eq!(parse("Mo-Fr 9:00-1200").unwrap_err().position, 12);
/// ```
pub fn parse(value: &str) -> Result<Vec<Rule>, ParseError> {
    let toks = tokens(value)?;
    let mut p = Parser { toks, at: 0, len: value.chars().count() };
    let mut rules = Vec::new();
    loop {
        rules.push(p.rule()?);
        if p.peek().is_none() {
            break;
        }
        if !p.punct(';') {
            return Err(p.unexpected("\";\" or the end"));
        }
        // A trailing ";" is harmless.
        if p.peek().is_none() && !rules.is_empty() {
            break;
        }
    }
    Ok(rules)
}
