//! Reading typed values out of CSV rows while remembering where each record came from, so a
//! problem found later (by `validate.rs`, on the finished records) still points at a line and a
//! column of the publisher's file.

use super::csv::{self, normalise_header, CsvError, Record, Table};
use super::report::{Location, Msg, Report};
use std::collections::{HashMap, HashSet};

/// Where the records of one collection came from: the file, its columns, and per record the
/// line it starts on (`None` for records that did not come from a row).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    pub file: String,
    /// Normalised column name → (index, header as written).
    pub columns: HashMap<String, (usize, String)>,
    pub lines: Vec<Option<usize>>,
    /// Record ids, for records without a line.
    pub ids: Vec<String>,
}

impl Provenance {
    /// For records that come from elsewhere than a CSV row (REFNIS, the previous publication).
    pub fn without_file(file: &str, ids: Vec<String>) -> Provenance {
        Provenance { file: file.to_string(), columns: HashMap::new(), lines: vec![None; ids.len()], ids }
    }

    /// The location of record `index`, at `column` when the file has that column.
    pub fn location(&self, index: usize, column: Option<&str>) -> Location {
        Location {
            file: self.file.clone(),
            line: self.lines.get(index).copied().flatten(),
            column: column.and_then(|c| self.columns.get(c).cloned()),
            record: self.ids.get(index).cloned(),
        }
    }
}

/// A parsed CSV file with its columns checked.
pub struct Sheet {
    pub file: String,
    pub table: Table,
    pub columns: HashMap<String, (usize, String)>,
    /// Lines of records with more filled cells than columns: reported once, then left out, so
    /// their shifted cells cause no follow-on errors about values in the wrong column.
    pub shifted: HashSet<usize>,
}

impl Sheet {
    /// Parses `bytes`, reporting unreadable files, missing required columns (errors) and unknown
    /// columns (warnings). `None` when the file cannot be used at all.
    pub fn open(file: &str, bytes: &[u8], required: &[&str], known: &[&str], report: &mut Report) -> Option<Sheet> {
        if let Some(kind) = super::sniff::not_csv(bytes) {
            report.error(Location::file(file), Msg::NotCsv(kind));
            return None;
        }
        let table = match csv::parse(bytes) {
            Ok(t) => t,
            Err(CsvError::Empty) => {
                report.error(Location::file(file), Msg::EmptyFile);
                return None;
            }
            Err(CsvError::UnterminatedQuote { line }) => {
                report.error(Location::line(file, line), Msg::UnterminatedQuote);
                return None;
            }
        };
        if table.was_windows_1252 {
            report.warning(Location::file(file), Msg::NotUtf8);
        }
        let mut columns = HashMap::new();
        for (i, h) in table.headers.iter().enumerate() {
            let name = super::aliases::canonical(&normalise_header(h), known);
            if name.is_empty() {
                continue;
            }
            if !known.contains(&name.as_str()) {
                let suggestion = super::suggest::nearest(&name, known.iter().copied()).map(str::to_string);
                report.warning(
                    Location { file: file.to_string(), line: Some(table.header_line), column: Some((i, h.clone())), record: None },
                    Msg::UnknownColumn { column: h.clone(), suggestion },
                );
            }
            columns.entry(name).or_insert((i, h.clone()));
        }
        let mut ok = true;
        for r in required {
            if !columns.contains_key(*r) {
                report.error(Location::line(file, table.header_line), Msg::MissingColumn(r.to_string()));
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        // Spreadsheets pad rows with empty cells; only non-empty extra cells are a problem.
        let mut shifted = HashSet::new();
        for rec in &table.records {
            let filled = rec.fields.iter().rposition(|f| !f.is_empty()).map_or(0, |i| i + 1);
            if filled > table.headers.len() {
                report.error(
                    Location::line(file, rec.line),
                    Msg::TooManyFields { expected: table.headers.len(), found: filled, separator: char::from(table.separator) },
                );
                shifted.insert(rec.line);
            }
        }
        Some(Sheet { file: file.to_string(), table, columns, shifted })
    }

    /// The non-blank records whose cells are in their columns (shifted ones are left out).
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.table
            .records
            .iter()
            .filter(|r| r.fields.iter().any(|f| !f.is_empty()) && !self.shifted.contains(&r.line))
            .map(move |record| Row { sheet: self, record })
    }

    pub fn provenance(&self, lines: Vec<Option<usize>>) -> Provenance {
        Provenance { file: self.file.clone(), columns: self.columns.clone(), lines, ids: Vec::new() }
    }
}

/// One record of a sheet, with typed accessors that report what they cannot read.
pub struct Row<'a> {
    pub sheet: &'a Sheet,
    pub record: &'a Record,
}

impl Row<'_> {
    pub fn line(&self) -> usize {
        self.record.line
    }

    /// The trimmed text of a column; "" when the column or the cell is absent.
    pub fn text(&self, column: &str) -> String {
        self.sheet
            .columns
            .get(column)
            .and_then(|(i, _)| self.record.fields.get(*i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }

    /// `None` for an empty cell.
    pub fn opt(&self, column: &str) -> Option<String> {
        Some(self.text(column)).filter(|s| !s.is_empty())
    }

    pub fn location(&self, column: &str) -> Location {
        Location {
            file: self.sheet.file.clone(),
            line: Some(self.record.line),
            column: self.sheet.columns.get(column).cloned(),
            record: None,
        }
    }

    /// A list in one cell, separated by `,`, `;`, `|`, spaces or line breaks.
    pub fn list(&self, column: &str) -> Vec<String> {
        split_list(&self.text(column))
    }

    /// A decimal number; a decimal comma is accepted (Belgian spreadsheets).
    pub fn number(&self, column: &str, report: &mut Report) -> Option<f64> {
        let raw = self.text(column);
        if raw.is_empty() {
            return None;
        }
        match parse_decimal(&raw) {
            Some(v) => Some(v),
            None => {
                report.error(self.location(column), Msg::BadNumber(raw));
                None
            }
        }
    }

    pub fn integer(&self, column: &str, report: &mut Report) -> Option<u64> {
        let raw = self.text(column);
        if raw.is_empty() {
            return None;
        }
        // Thousands separators as people type them: "6 629 143", "6.629.143".
        let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}')).collect();
        match digits.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                report.error(self.location(column), Msg::BadNumber(raw));
                None
            }
        }
    }

    pub fn year(&self, column: &str, report: &mut Report) -> Option<u16> {
        let raw = self.text(column);
        match raw.parse::<u16>() {
            Ok(y) if (1000..=9999).contains(&y) => Some(y),
            _ if raw.is_empty() => {
                report.error(self.location(column), Msg::Record(wegwijzer_core::validate::ProblemKind::Empty));
                None
            }
            _ => {
                report.error(self.location(column), Msg::BadYear(raw));
                None
            }
        }
    }

    /// A calendar date as `YYYY-MM-DD`; empty stays empty. A Belgian day/month/year date
    /// (`15/01/2026`, `15-01-2026`, `15.01.2026`) is read as such, with a warning; anything else
    /// (`vorige week`, `2026-13-45`) is an error and gives "".
    pub fn date(&self, column: &str, report: &mut Report) -> String {
        let raw = self.text(column);
        if raw.is_empty() {
            return raw;
        }
        match parse_date(&raw) {
            Some((iso, false)) => iso,
            Some((iso, true)) => {
                report.warning(self.location(column), Msg::DayMonthYearDate { raw, read: iso.clone() });
                iso
            }
            None => {
                report.error(self.location(column), Msg::BadDate(raw));
                String::new()
            }
        }
    }

    pub fn boolean(&self, column: &str, report: &mut Report) -> bool {
        let raw = self.text(column);
        match raw.to_lowercase().as_str() {
            "" | "0" | "nee" | "no" | "false" | "onwaar" | "n" => false,
            "1" | "ja" | "yes" | "true" | "waar" | "j" | "y" | "x" => true,
            _ => {
                report.error(self.location(column), Msg::BadBool(raw));
                false
            }
        }
    }

    /// A WGS84 point from `lat` and `lon`; both or neither must be filled in.
    pub fn point(&self, report: &mut Report) -> Option<wegwijzer_core::model::Point> {
        let (lat_raw, lon_raw) = (self.text("lat"), self.text("lon"));
        if lat_raw.is_empty() && lon_raw.is_empty() {
            return None;
        }
        if lat_raw.is_empty() || lon_raw.is_empty() {
            let col = if lat_raw.is_empty() { "lat" } else { "lon" };
            report.error(self.location(col), Msg::HalfPoint);
            return None;
        }
        let lat = self.number("lat", report)?;
        let lon = self.number("lon", report)?;
        Some(wegwijzer_core::model::Point { lat, lon })
    }
}

/// `(YYYY-MM-DD, read_as_day_month_year)` for an ISO date or a day/month/year date with `/`,
/// `-` or `.`; `None` when it is not a real calendar date (Gregorian, years 1900-2999).
pub fn parse_date(raw: &str) -> Option<(String, bool)> {
    let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    let num = |s: &str| (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    let (y, m, d, dmy) = if a.len() == 4 && raw.as_bytes()[4] == b'-' {
        (num(a)?, num(b)?, num(c)?, false)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (num(c)?, num(b)?, num(a)?, true)
    } else {
        return None;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let ok = (1900..3000).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize];
    ok.then(|| (format!("{y:04}-{m:02}-{d:02}"), dmy))
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', '|', ' ', '\n', '\t']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

pub fn parse_decimal(raw: &str) -> Option<f64> {
    let s = if raw.contains('.') { raw.to_string() } else { raw.replace(',', ".") };
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The column a header as written stands for in a sheet with columns `known` (Dutch aliases
/// included).
pub fn normalise(header: &str, known: &[&str]) -> String {
    super::aliases::canonical(&normalise_header(header), known)
}

/// Maps a field path of `validate.rs` ("services[1]", "contact.email", "label.nl") to the CSV
/// column that holds it.
pub fn column_of_field(field: &str) -> String {
    let base = field.split('[').next().unwrap_or(field);
    let base = base.strip_prefix("contact.").unwrap_or(base);
    match base {
        "label.nl" => "label_nl".into(),
        "name.nl" => "name_nl".into(),
        "point" => "lat".into(),
        "period" => "period_from".into(),
        other => other.replace('.', "_"),
    }
}
