//! The periods spreadsheet (`--periods`): per policy period, whether the partnerships list is
//! complete, and the totals an authority reported, with their source. Written into `index.json`
//! as `periods` (docs/data-format.md). The columns of `../shared/reference/regie_totals.csv` are
//! read as they are, plus `complete` and `source_url`.

use super::report::{Msg, Report};
use super::rows::{parse_decimal, Row, Sheet};
use wegwijzer_core::model::{PeriodInfo, ReportedNumber, ReportedTotals};

pub const COLUMNS: [&str; 11] = [
    "period",
    "complete",
    "regisseurs",
    "municipalities_covered",
    "municipalities_total",
    "share_municipalities_pct",
    "share_population_pct",
    // Read so the reference file gives no warning; not published (the app shows no budget).
    "budget_eur",
    "source",
    "source_url",
    "notes",
];

pub const REQUIRED: [&str; 2] = ["period", "source"];

/// "2020-2025" (also with an en dash) or one year, "2017".
fn parse_period(raw: &str) -> Option<(u16, u16)> {
    let year = |s: &str| s.trim().parse::<u16>().ok().filter(|y| (1000..=9999).contains(y));
    match raw.split_once(['-', '–']) {
        Some((a, b)) => Some((year(a)?, year(b)?)).filter(|(a, b)| a <= b),
        None => year(raw).map(|y| (y, y)),
    }
}

/// A reported share: "93.13", "93,13", or "~89" (about).
fn reported_number(row: &Row, column: &str, report: &mut Report) -> Option<ReportedNumber> {
    let raw = row.text(column);
    if raw.is_empty() {
        return None;
    }
    let (approximate, digits) = match raw.strip_prefix(['~', '±', '≈']) {
        Some(rest) => (true, rest.trim()),
        None => (false, raw.as_str()),
    };
    match parse_decimal(digits).filter(|v| (0.0..=100.0).contains(v)) {
        Some(value) => Some(ReportedNumber { value, approximate }),
        None => {
            report.error(row.location(column), Msg::BadNumber(raw.clone()));
            None
        }
    }
}

/// The listed periods, in file order. A period listed twice is an error at the second row.
pub fn read(sheet: &Sheet, report: &mut Report) -> Vec<PeriodInfo> {
    let mut items: Vec<(PeriodInfo, usize)> = Vec::new();
    for row in sheet.rows() {
        let raw = row.text("period");
        let Some((from, to)) = parse_period(&raw) else {
            report.error(row.location("period"), Msg::BadPeriodText(raw));
            continue;
        };
        if let Some((_, first)) = items.iter().find(|(p, _)| p.from == from && p.to == to) {
            report.error(row.location("period"), Msg::DuplicateId { id: raw, first_line: Some(*first) });
            continue;
        }
        let count = |column: &str, report: &mut Report| row.integer(column, report).map(|v| v.min(u32::MAX as u64) as u32);
        let reported = ReportedTotals {
            partnerships: count("regisseurs", report),
            municipalities_covered: count("municipalities_covered", report),
            municipalities_total: count("municipalities_total", report),
            municipality_share_pct: reported_number(&row, "share_municipalities_pct", report),
            population_share_pct: reported_number(&row, "share_population_pct", report),
            source: row.text("source"),
            source_url: row.opt("source_url"),
        };
        if reported.source.is_empty() {
            report.error(row.location("source"), Msg::Record(wegwijzer_core::validate::ProblemKind::Empty));
        }
        if let Some(url) = reported.source_url.as_deref().filter(|u| !wegwijzer_core::validate::is_http_url(u)) {
            report.error(row.location("source_url"), Msg::Record(wegwijzer_core::validate::ProblemKind::BadUrl(url.to_string())));
        }
        let has_totals = reported.partnerships.is_some()
            || reported.municipalities_covered.is_some()
            || reported.municipality_share_pct.is_some()
            || reported.population_share_pct.is_some();
        let info = PeriodInfo { from, to, complete: row.boolean("complete", report), reported: has_totals.then_some(reported) };
        items.push((info, row.line()));
    }
    items.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_ranges_single_years_and_about_values() {
        assert_eq!(parse_period("2020-2025"), Some((2020, 2025)));
        assert_eq!(parse_period("2023–2025"), Some((2023, 2025)));
        assert_eq!(parse_period("2017"), Some((2017, 2017)));
        assert_eq!(parse_period("2025-2020"), None);
        assert_eq!(parse_period("recent"), None);
        let csv = "period,regisseurs,municipalities_covered,municipalities_total,share_municipalities_pct,share_population_pct,budget_eur,source,complete\n\
                   2020-2025,37,238,300,~80,~89,2225000,\"news, 8 April 2020\",no\n\
                   2023-2025,39,261,300,\"~87\",\"93,13\",3000000,press release,\n\
                   2017,,,308,66.23,x,,news,\n\
                   2020-2025,,,,,,,again,\n";
        let mut report = Report::default();
        let sheet = Sheet::open("periods.csv", csv.as_bytes(), &REQUIRED, &COLUMNS, &mut report).unwrap();
        let items = read(&sheet, &mut report);
        assert_eq!(items.len(), 3);
        let r = items[0].reported.as_ref().unwrap();
        assert_eq!((items[0].from, items[0].to, items[0].complete), (2020, 2025, false));
        assert_eq!((r.partnerships, r.municipalities_covered, r.municipalities_total), (Some(37), Some(238), Some(300)));
        assert_eq!(r.population_share_pct, Some(ReportedNumber { value: 89.0, approximate: true }));
        assert_eq!(r.source, "news, 8 April 2020");
        let r = items[1].reported.as_ref().unwrap();
        assert_eq!(r.population_share_pct, Some(ReportedNumber { value: 93.13, approximate: false }));
        let errors: Vec<(Option<usize>, &Msg)> = report.issues.iter().map(|i| (i.location.line, &i.msg)).collect();
        assert_eq!(errors, vec![(Some(4), &Msg::BadNumber("x".into())), (Some(5), &Msg::DuplicateId { id: "2020-2025".into(), first_line: Some(2) })]);
    }
}
