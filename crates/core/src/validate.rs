//! Record validation on ingest. Every problem is reported with where it is and what is wrong,
//! so a publisher can fix it and the app can say why it refused a dataset. Never panics.

use crate::model::{Audience, Category, CategoryKind, Initiative, Municipality, Partnership, Point, COLLECTIONS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One thing wrong with one record. Serialisable, so the offline copy keeps the list of records
/// it left out (`quarantine.rs`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// "initiatives", "municipalities", ...
    pub collection: &'static str,
    /// Position of the record in its collection (0-based).
    pub index: usize,
    /// The record's id where it has one.
    pub id: String,
    /// The field, e.g. "services[1]" or "website".
    pub field: String,
    pub kind: ProblemKind,
}

/// A [`Problem`] as read back from storage: the collection name is owned until it is matched
/// to one of the static [`COLLECTIONS`] names.
#[derive(Deserialize)]
struct StoredProblem {
    collection: String,
    index: usize,
    id: String,
    field: String,
    kind: ProblemKind,
}

// By hand: a derived impl would borrow the `&'static str` from the input.
impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = StoredProblem::deserialize(d)?;
        let collection = COLLECTIONS.into_iter().find(|c| *c == p.collection);
        let collection = collection.ok_or_else(|| serde::de::Error::custom(format!("unknown collection {:?}", p.collection)))?;
        Ok(Problem { collection, index: p.index, id: p.id, field: p.field, kind: p.kind })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The item is not a record of its collection (a missing field, a wrong type); the detail
    /// is the JSON reader's message.
    Unreadable(String),
    DuplicateId,
    Empty,
    UnknownCategory(String),
    /// An `audience` id that is not a target group of the dataset (`audiences`).
    UnknownAudience(String),
    WrongCategoryKind { id: String, expected: CategoryKind },
    BadNisCode(String),
    UnknownNisCode(String),
    BadUrl(String),
    BadEmail(String),
    BadPhone(String),
    PointOutOfRange(f64, f64),
    BadPeriod(u16, u16),
    /// An `opening_hours` value outside the subset the app reads, with where it stopped.
    BadOpeningHours(String, crate::opening_hours::ParseError),
    /// Not an ISO 639-1 code.
    UnknownLanguage(String),
    /// Not a `YYYY-MM-DD` date.
    BadDate(String),
    /// `temporarily_closed` without `alert` text saying why.
    MissingAlert,
    /// A code that must be a current municipality names a former one (`ceased`).
    FormerMunicipality(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Unreadable(detail) => write!(f, "not a record: {detail}"),
            ProblemKind::DuplicateId => write!(f, "duplicate id"),
            ProblemKind::Empty => write!(f, "must not be empty"),
            ProblemKind::UnknownCategory(c) => write!(f, "unknown category id {c:?}"),
            ProblemKind::UnknownAudience(a) => write!(f, "unknown target group id {a:?}"),
            ProblemKind::WrongCategoryKind { id, expected } => {
                write!(f, "category {id:?} is not of kind {expected:?}")
            }
            ProblemKind::BadNisCode(c) => write!(f, "{c:?} is not a five-digit NIS code"),
            ProblemKind::UnknownNisCode(c) => write!(f, "NIS code {c:?} is not in municipalities"),
            ProblemKind::BadUrl(u) => write!(f, "{u:?} is not an http(s) URL"),
            ProblemKind::BadEmail(e) => write!(f, "{e:?} is not an e-mail address"),
            ProblemKind::BadPhone(p) => write!(f, "{p:?} is not a phone number"),
            ProblemKind::PointOutOfRange(lat, lon) => {
                write!(f, "point ({lat}, {lon}) is not a WGS84 point in or near Belgium")
            }
            ProblemKind::BadPeriod(a, b) => write!(f, "period {a}-{b} is not a valid range"),
            ProblemKind::BadOpeningHours(v, e) => write!(f, "opening hours {v:?}: {e}"),
            ProblemKind::UnknownLanguage(c) => write!(f, "{c:?} is not an ISO 639-1 language code"),
            ProblemKind::BadDate(d) => write!(f, "{d:?} is not a date (YYYY-MM-DD)"),
            ProblemKind::MissingAlert => write!(f, "a temporarily closed initiative needs alert text (alert.nl)"),
            ProblemKind::FormerMunicipality(c) => write!(f, "NIS code {c:?} is a former municipality"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.collection, self.index)?;
        if !self.id.is_empty() {
            write!(f, " (id {:?})", self.id)?;
        }
        write!(f, " {}: {}", self.field, self.kind)
    }
}

/// True for an absolute http or https URL with a host. Everything else (javascript:, data:,
/// relative paths) is refused, so the UI never renders such a link.
pub fn is_http_url(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    let rest = match lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) {
        Some(r) => r,
        None => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// A plain-syntax e-mail check: one `@`, a dotted domain, no spaces or link-breaking characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "@<>\"'?&:/\\".contains(c) && c != '@')
        && !domain.contains('@')
}

/// A phone number as people write it: digits, spaces, `+`, `/`, `.`, `-`, `(`, `)`, with 8 to 15
/// digits in all.
pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    (8..=15).contains(&digits) && s.chars().all(|c| c.is_ascii_digit() || " +/.-()".contains(c))
}

/// The digits of a phone number for a `tel:` link, keeping a leading `+`.
pub fn tel_href(s: &str) -> String {
    let plus = if s.trim_start().starts_with('+') { "+" } else { "" };
    // "+32 (0)51 ..." : the bracketed trunk zero is not dialled from abroad.
    let s = if plus.is_empty() { s.to_string() } else { s.replace("(0)", "") };
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    format!("tel:{plus}{digits}")
}

/// A calendar date written `YYYY-MM-DD` (month 1-12, day 1-31; the rest is not checked).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u16>().ok());
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

pub fn is_nis_code(s: &str) -> bool {
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Generous bounds around Belgium: catches swapped lat/lon and Lambert coordinates.
pub fn point_in_belgium(p: &Point) -> bool {
    (49.4..=51.6).contains(&p.lat) && (2.4..=6.5).contains(&p.lon)
}

/// Collects problems for one collection.
struct Checker {
    collection: &'static str,
    problems: Vec<Problem>,
    /// `opening_hours` values already read without error: most initiatives share a handful of
    /// values (55 distinct among 10,000 generated ones), and reading each again was most of
    /// validating them (210 ms at 4x CPU with 10,000, issue 15).
    good_hours: HashSet<String>,
}

impl Checker {
    fn new(collection: &'static str) -> Self {
        Checker { collection, problems: Vec::new(), good_hours: HashSet::new() }
    }

    fn add(&mut self, index: usize, id: &str, field: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem {
            collection: self.collection,
            index,
            id: id.to_string(),
            field: field.into(),
            kind,
        });
    }

    fn id(&mut self, seen: &mut HashSet<String>, index: usize, id: &str, field: &str) {
        if id.trim().is_empty() {
            self.add(index, id, field, ProblemKind::Empty);
        } else if !seen.insert(id.to_string()) {
            self.add(index, id, field, ProblemKind::DuplicateId);
        }
    }

    fn non_empty(&mut self, index: usize, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(index, id, field, ProblemKind::Empty);
        }
    }

    fn url(&mut self, index: usize, id: &str, field: &str, value: Option<&str>) {
        if let Some(u) = value {
            if !is_http_url(u) {
                self.add(index, id, field, ProblemKind::BadUrl(u.to_string()));
            }
        }
    }

    fn contact(&mut self, index: usize, id: &str, prefix: &str, phone: Option<&str>, email: Option<&str>) {
        if let Some(p) = phone {
            if !is_phone(p) {
                self.add(index, id, format!("{prefix}phone"), ProblemKind::BadPhone(p.to_string()));
            }
        }
        if let Some(e) = email {
            if !is_email(e) {
                self.add(index, id, format!("{prefix}email"), ProblemKind::BadEmail(e.to_string()));
            }
        }
    }

    fn point(&mut self, index: usize, id: &str, point: Option<&Point>) {
        if let Some(p) = point {
            if !point_in_belgium(p) {
                self.add(index, id, "point", ProblemKind::PointOutOfRange(p.lat, p.lon));
            }
        }
    }

    fn nis(&mut self, index: usize, id: &str, field: String, code: &str, known: &HashSet<&str>) {
        if !is_nis_code(code) {
            self.add(index, id, field, ProblemKind::BadNisCode(code.to_string()));
        } else if !known.contains(code) {
            self.add(index, id, field, ProblemKind::UnknownNisCode(code.to_string()));
        }
    }
}

impl Checker {
    /// The fields of issue 13: hours, languages, the verification date, a closure's alert.
    fn service_details(&mut self, i: usize, it: &Initiative) {
        if let Some(v) = it.opening_hours.as_ref().filter(|v| !self.good_hours.contains(v.as_str())) {
            match crate::opening_hours::OpeningHours::parse(v) {
                Ok(_) => {
                    self.good_hours.insert(v.clone());
                }
                Err(e) => self.add(i, &it.id, "opening_hours", ProblemKind::BadOpeningHours(v.clone(), e)),
            }
        }
        for (j, code) in it.languages.iter().enumerate() {
            if !crate::languages::is_iso639_1(code) {
                self.add(i, &it.id, format!("languages[{j}]"), ProblemKind::UnknownLanguage(code.clone()));
            }
        }
        if let Some(d) = &it.checked_at {
            if d.len() != 10 || crate::opening_hours::Date::parse_iso(d).is_none() {
                self.add(i, &it.id, "checked_at", ProblemKind::BadDate(d.clone()));
            }
        }
        let alert = it.alert.as_ref().is_some_and(|a| !a.nl.trim().is_empty());
        if it.status == crate::model::Status::TemporarilyClosed && !alert {
            self.add(i, &it.id, "alert.nl", ProblemKind::MissingAlert);
        }
    }
}

/// Version of the rules below. The offline copy records which rules it passed; a build whose
/// rules differ (tightened or loosened) validates that copy again before using it, and
/// downloads every collection again at its next sync (`sync::plan_sync_for_copy`). Bump it with
/// every change to what [`validate`] accepts, and with every field added to the records (an
/// earlier build stored its copy without it).
pub const RULES_VERSION: u32 = 3;

/// Validates the four collections together (initiatives refer to categories and municipalities).
/// Returns every problem found; an empty list means the dataset is usable. In one go; see
/// [`Validation`] for the same a few initiatives at a time.
pub fn validate(
    categories: &[Category],
    municipalities: &[Municipality],
    partnerships: &[Partnership],
    initiatives: &[Initiative],
) -> Vec<Problem> {
    Validation::new(categories, municipalities, partnerships, initiatives).finish()
}

/// [`validate`] in steps: the categories, municipalities and partnerships at once (a few
/// hundred records), the initiatives `count` at a time, so that a caller on the browser's main
/// thread can let it paint and handle input between steps (10,000 initiatives were one task
/// of 250 ms at 4x CPU, issue 15). The problems are the same, in the same order.
///
/// ```
/// use wegwijzer_core::validate::{validate, Validation};
/// let (c, m, p, i) = (vec![], vec![], vec![], vec![]);
/// let mut checking = Validation::new(&c, &m, &p, &i);
/// while !checking.step(50) { /* yield to the browser */ }
/// assert_eq!(checking.finish(), validate(&c, &m, &p, &i));
/// ```
pub struct Validation<'a> {
    initiatives: &'a [Initiative],
    category_kinds: HashMap<&'a str, CategoryKind>,
    known_nis: HashSet<&'a str>,
    current_nis: HashSet<&'a str>,
    /// The initiative ids met so far (duplicates are problems).
    seen: HashSet<String>,
    /// The initiatives' problems so far.
    checker: Checker,
    /// Those of the other collections.
    problems: Vec<Problem>,
    /// The next initiative to check.
    next: usize,
}

impl<'a> Validation<'a> {
    /// Checks the categories, municipalities and partnerships.
    pub fn new(
        categories: &'a [Category],
        municipalities: &'a [Municipality],
        partnerships: &'a [Partnership],
        initiatives: &'a [Initiative],
    ) -> Self {
        let mut problems = Vec::new();

        let mut c = Checker::new("categories");
        let mut seen = HashSet::new();
        for (i, cat) in categories.iter().enumerate() {
            c.id(&mut seen, i, &cat.id, "id");
            c.non_empty(i, &cat.id, "label.nl", &cat.label.nl);
        }
        problems.append(&mut c.problems);
        let category_kinds: HashMap<&str, CategoryKind> =
            categories.iter().map(|c| (c.id.as_str(), c.kind)).collect();

        let mut c = Checker::new("municipalities");
        let mut seen = HashSet::new();
        for (i, m) in municipalities.iter().enumerate() {
            if is_nis_code(&m.nis) {
                c.id(&mut seen, i, &m.nis, "nis");
            } else {
                c.add(i, &m.nis, "nis", ProblemKind::BadNisCode(m.nis.clone()));
            }
            c.non_empty(i, &m.nis, "name.nl", &m.name.nl);
            if !is_nis_code(&m.province) {
                c.add(i, &m.nis, "province", ProblemKind::BadNisCode(m.province.clone()));
            }
            c.point(i, &m.nis, m.point.as_ref());
            for (field, date) in [("ceased", &m.ceased), ("formed", &m.formed)] {
                if let Some(d) = date.as_deref().filter(|d| !is_date(d)) {
                    c.add(i, &m.nis, field, ProblemKind::BadDate(d.to_string()));
                }
            }
        }
        let known_nis: HashSet<&str> = municipalities.iter().map(|m| m.nis.as_str()).collect();
        let current_nis: HashSet<&str> = municipalities.iter().filter(|m| m.is_current()).map(|m| m.nis.as_str()).collect();
        // A former municipality says when it ceased and what it became part of: a current one.
        for (i, m) in municipalities.iter().enumerate() {
            match (&m.ceased, &m.merged_into) {
                (Some(_), None) => c.add(i, &m.nis, "merged_into", ProblemKind::Empty),
                (None, Some(_)) => c.add(i, &m.nis, "ceased", ProblemKind::Empty),
                (Some(_), Some(into)) => {
                    c.nis(i, &m.nis, "merged_into".into(), into, &known_nis);
                    if known_nis.contains(into.as_str()) && !current_nis.contains(into.as_str()) {
                        c.add(i, &m.nis, "merged_into", ProblemKind::FormerMunicipality(into.clone()));
                    }
                }
                (None, None) => {}
            }
        }
        problems.append(&mut c.problems);

        let mut c = Checker::new("partnerships");
        let mut seen = HashSet::new();
        for (i, p) in partnerships.iter().enumerate() {
            c.id(&mut seen, i, &p.id, "id");
            c.non_empty(i, &p.id, "name", &p.name);
            if p.period.from > p.period.to || p.period.from < 1990 {
                c.add(i, &p.id, "period", ProblemKind::BadPeriod(p.period.from, p.period.to));
            }
            if p.members.is_empty() {
                c.add(i, &p.id, "members", ProblemKind::Empty);
            }
            for (j, nis) in p.members.iter().enumerate() {
                c.nis(i, &p.id, format!("members[{j}]"), nis, &known_nis);
            }
            c.non_empty(i, &p.id, "contact.organisation", &p.contact.organisation);
            c.contact(i, &p.id, "contact.", p.contact.phone.as_deref(), p.contact.email.as_deref());
            c.url(i, &p.id, "contact.website", p.contact.website.as_deref());
            c.url(i, &p.id, "source_url", p.source_url.as_deref());
            if let Some(d) = p.source_read.as_deref().filter(|d| !is_date(d)) {
                c.add(i, &p.id, "source_read", ProblemKind::BadDate(d.to_string()));
            }
        }
        problems.append(&mut c.problems);

        Validation { initiatives, category_kinds, known_nis, current_nis, seen: HashSet::new(), checker: Checker::new("initiatives"), problems, next: 0 }
    }

    /// Checks up to `count` more initiatives; true once all are checked.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.initiatives.len());
        let Validation { initiatives, category_kinds, known_nis, current_nis, seen, checker: c, .. } = self;
        let category = |c: &mut Checker, i: usize, id: &str, field: String, cat: &str, expected: CategoryKind| {
            match category_kinds.get(cat) {
                None => c.add(i, id, field, ProblemKind::UnknownCategory(cat.to_string())),
                Some(kind) if *kind != expected => {
                    c.add(i, id, field, ProblemKind::WrongCategoryKind { id: cat.to_string(), expected })
                }
                Some(_) => {}
            }
        };
        for (i, it) in initiatives.iter().enumerate().take(end).skip(self.next) {
            c.id(seen, i, &it.id, "id");
            c.non_empty(i, &it.id, "name", &it.name);
            category(c, i, &it.id, "kind".into(), &it.kind, CategoryKind::InitiativeType);
            for (j, s) in it.services.iter().enumerate() {
                category(c, i, &it.id, format!("services[{j}]"), s, CategoryKind::Service);
            }
            c.nis(i, &it.id, "nis".into(), &it.nis, known_nis);
            if known_nis.contains(it.nis.as_str()) && !current_nis.contains(it.nis.as_str()) {
                c.add(i, &it.id, "nis", ProblemKind::FormerMunicipality(it.nis.clone()));
            }
            for (j, nis) in it.serves.iter().enumerate() {
                c.nis(i, &it.id, format!("serves[{j}]"), nis, known_nis);
            }
            c.point(i, &it.id, it.point.as_ref());
            c.contact(i, &it.id, "", it.phone.as_deref(), it.email.as_deref());
            c.url(i, &it.id, "website", it.website.as_deref());
            c.non_empty(i, &it.id, "updated_at", &it.updated_at);
            c.service_details(i, it);
        }
        self.next = end;
        self.next == self.initiatives.len()
    }

    /// Every problem (initiatives not checked yet are checked now).
    pub fn finish(mut self) -> Vec<Problem> {
        while !self.step(usize::MAX) {}
        self.problems.append(&mut self.checker.problems);
        self.problems
    }
}

/// Checks the target groups (`audiences` in `categories.json`; problems of collection
/// [`crate::model::AUDIENCES`]): each has an id, unique, and a Dutch label. And every
/// initiative's `audience` ids against them ([`ProblemKind::UnknownAudience`], collection
/// `initiatives`, field `audience[j]`). The app reads only the target groups without a problem
/// and ignores ids it does not know (`dataset::read_audiences`); the publisher refuses both.
pub fn validate_audiences(audiences: &[Audience], initiatives: &[Initiative]) -> Vec<Problem> {
    let mut c = Checker::new(crate::model::AUDIENCES);
    let mut seen = HashSet::new();
    for (i, a) in audiences.iter().enumerate() {
        c.id(&mut seen, i, &a.id, "id");
        c.non_empty(i, &a.id, "label.nl", &a.label.nl);
    }
    let mut problems = c.problems;
    let mut c = Checker::new("initiatives");
    for (i, it) in initiatives.iter().enumerate() {
        for (j, a) in it.audience.iter().enumerate().filter(|(_, a)| !seen.contains(*a)) {
            c.add(i, &it.id, format!("audience[{j}]"), ProblemKind::UnknownAudience(a.clone()));
        }
    }
    problems.append(&mut c.problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_http_only() {
        assert!(is_http_url("https://www.example.be/pad?x=1"));
        assert!(is_http_url("HTTP://example.be"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("//example.be"));
        assert!(!is_http_url("data:text/html,<b>x</b>"));
        assert!(!is_http_url("https://exa mple.be"));
        assert!(!is_http_url("https://x.be/\"onmouseover=\"x"));
    }

    #[test]
    fn emails_and_phones() {
        assert!(is_email("info@gemeente.be"));
        assert!(!is_email("info@gemeente"));
        assert!(!is_email("in fo@gemeente.be"));
        assert!(!is_email("a@b@c.be"));
        assert!(!is_email("x@y.be?subject=spam"));
        assert!(is_phone("+32 51 12 34 56"));
        assert!(is_phone("051/12.34.56"));
        assert!(!is_phone("12"));
        assert!(!is_phone("051 12 34 56; drop"));
        assert_eq!(tel_href("+32 (0)51 12 34 56"), "tel:+3251123456");
        assert_eq!(tel_href("051/12.34.56"), "tel:051123456");
    }

    #[test]
    fn dates() {
        assert!(is_date("2025-01-01"));
        assert!(!is_date("2025-1-01"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-01-00"));
        assert!(!is_date("20x5-01-01"));
    }

    #[test]
    fn former_municipalities_name_a_current_successor() {
        use crate::model::Text;
        let m = |nis: &str| Municipality { nis: nis.into(), name: Text::nl(nis), province: "10000".into(), ..Default::default() };
        let former = |nis: &str, into: &str| Municipality {
            ceased: Some("2025-01-01".into()),
            merged_into: Some(into.into()),
            ..m(nis)
        };
        let ok = [m("11002"), former("11007", "11002")];
        assert!(validate(&[], &ok, &[], &[]).is_empty());
        let bad = [
            m("11002"),
            former("11007", "11009"),
            former("11008", "11007"),
            Municipality { ceased: Some("1 jan 2025".into()), ..former("11010", "11002") },
            Municipality { merged_into: Some("11002".into()), ..m("11011") },
        ];
        let kinds: Vec<(String, ProblemKind)> = validate(&[], &bad, &[], &[]).into_iter().map(|p| (p.field, p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("ceased".into(), ProblemKind::BadDate("1 jan 2025".into())),
                ("merged_into".into(), ProblemKind::UnknownNisCode("11009".into())),
                ("merged_into".into(), ProblemKind::FormerMunicipality("11007".into())),
                ("ceased".into(), ProblemKind::Empty),
            ]
        );
    }

    #[test]
    fn nis_codes() {
        assert!(is_nis_code("11001"));
        assert!(!is_nis_code("1100"));
        assert!(!is_nis_code("1100a"));
    }
}
