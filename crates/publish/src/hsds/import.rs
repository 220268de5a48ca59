//! Import of an HSDS 3.0 tabular package (the CSV files and their columns as [`super::tables`]
//! writes them, and as other HSDS publishers write the same tables) into initiatives. The
//! `publish` tool takes it instead of an initiatives spreadsheet (`--hsds DIR`): the records go
//! through the same validation as rows of `initiatives.csv`.
//!
//! What a package without Wegwijzer's own details has is mapped as far as it goes: an
//! organization without a `wegwijzer` identifier keeps its UUID as id; hours without the
//! `opening_hours:` note are rebuilt from the weekly schedules (`byday`, `opens_at`,
//! `closes_at`); a service area names its municipality by `NIS <code>` in its description.

use super::tables::{Term, HOURS_NOTE, ID_SCHEME};
use crate::csv;
use std::collections::HashMap;
use wegwijzer_core::model::{Accessibility, Address, Initiative, Lang, Point, Status, Text, Wheelchair};
use wegwijzer_core::service_text::wheelchair_text;

type Row = HashMap<String, String>;

/// The rows of `file` as column → value maps; an absent file has no rows.
fn rows(files: &HashMap<String, Vec<u8>>, file: &str) -> Result<Vec<Row>, String> {
    let Some(bytes) = files.get(file) else { return Ok(Vec::new()) };
    let table = csv::parse(bytes).map_err(|e| format!("{file}: {e:?}"))?;
    Ok(table
        .records
        .iter()
        .map(|r| table.headers.iter().map(|h| h.trim().to_lowercase()).zip(r.fields.iter().map(|f| f.trim().to_string())).collect())
        .collect())
}

fn get<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column).map(String::as_str).unwrap_or("")
}

fn text(value: &str) -> Option<Text> {
    (!value.is_empty()).then(|| Text::nl(value))
}

fn by<'a>(rows: &'a [Row], column: &str, id: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| get(r, column) == id).collect()
}

const OSM_DAYS: [(&str, &str); 7] = [("MO", "Mo"), ("TU", "Tu"), ("WE", "We"), ("TH", "Th"), ("FR", "Fr"), ("SA", "Sa"), ("SU", "Su")];

/// `Mo,Tu 09:00-12:00,13:00-16:00; ...` from weekly schedule rows. The ranges are collected per
/// day first and days with the same ranges share one rule: in `opening_hours` a later rule
/// replaces an earlier one for its days, so one rule per schedule row would drop ranges.
fn hours_from_schedules(schedules: &[&Row]) -> Option<String> {
    let time = |t: &str| t.get(..5).unwrap_or(t).to_string();
    let mut per_day: Vec<Vec<String>> = vec![Vec::new(); 7];
    for s in schedules.iter().filter(|s| !get(s, "opens_at").is_empty() && !get(s, "closes_at").is_empty()) {
        let range = format!("{}-{}", time(get(s, "opens_at")), time(get(s, "closes_at")));
        for d in get(s, "byday").split(',') {
            if let Some(w) = OSM_DAYS.iter().position(|(ical, _)| *ical == d.trim()) {
                per_day[w].push(range.clone());
            }
        }
    }
    let mut rules: Vec<(Vec<&str>, String)> = Vec::new();
    for (w, ranges) in per_day.iter_mut().enumerate() {
        if ranges.is_empty() {
            continue;
        }
        ranges.sort();
        let times = ranges.join(",");
        match rules.iter_mut().find(|(_, t)| *t == times) {
            Some((days, _)) => days.push(OSM_DAYS[w].1),
            None => rules.push((vec![OSM_DAYS[w].1], times)),
        }
    }
    let text: Vec<String> = rules.into_iter().map(|(days, times)| format!("{} {times}", days.join(","))).collect();
    (!text.is_empty()).then(|| text.join("; "))
}

/// The initiatives of the package in `files` (file name → bytes, e.g. `services.csv`). A term
/// of `taxonomy` (ours) goes to the field it belongs to; others by their `link_type`.
pub fn read(files: &HashMap<String, Vec<u8>>, taxonomy: &[Term]) -> Result<Vec<Initiative>, String> {
    let [organizations, identifiers, services, locations, addresses, accessibility, sals, schedules, languages, areas, phones, terms, attributes] = [
        "organizations.csv", "organization_identifiers.csv", "services.csv", "locations.csv", "addresses.csv", "accessibility.csv",
        "service_at_location.csv", "schedules.csv", "languages.csv", "service_areas.csv", "phones.csv", "taxonomy_terms.csv", "attributes.csv",
    ]
    .map(|f| rows(files, f));
    let (organizations, identifiers, services, locations, addresses) = (organizations?, identifiers?, services?, locations?, addresses?);
    let (accessibility, sals, schedules, languages, areas, phones, terms, attributes) =
        (accessibility?, sals?, schedules?, languages?, areas?, phones?, terms?, attributes?);
    if services.is_empty() {
        return Err("services.csv is missing or empty".into());
    }
    let mut out = Vec::new();
    for s in &services {
        let (service_id, org_id) = (get(s, "id"), get(s, "organization_id"));
        let org = by(&organizations, "id", org_id).into_iter().next();
        let id = by(&identifiers, "organization_id", org_id)
            .into_iter()
            .find(|r| get(r, "identifier_scheme") == ID_SCHEME)
            .map(|r| get(r, "identifier").to_string())
            .unwrap_or_else(|| org_id.to_string());
        let location = by(&sals, "service_id", service_id).first().and_then(|sal| by(&locations, "id", get(sal, "location_id")).into_iter().next());
        let location_id = location.map(|l| get(l, "id")).unwrap_or("");
        let address = by(&addresses, "location_id", location_id).into_iter().next();
        let nis = location.map(|l| get(l, "external_identifier").to_string()).unwrap_or_default();
        let point = location.and_then(|l| Some(Point { lat: get(l, "latitude").parse().ok()?, lon: get(l, "longitude").parse().ok()? }));
        let access = by(&accessibility, "location_id", location_id).into_iter().next().map(|a| Accessibility {
            wheelchair: Wheelchair::ALL.into_iter().find(|w| wheelchair_text(*w, Lang::Nl) == get(a, "description") || w.code() == get(a, "description")),
            note: text(get(a, "details")),
        });
        let own_schedules = by(&schedules, "service_id", service_id);
        let opening_hours = own_schedules
            .iter()
            .find_map(|r| get(r, "notes").strip_prefix(HOURS_NOTE).map(String::from))
            .or_else(|| hours_from_schedules(&own_schedules));
        let serves: Vec<String> = by(&areas, "service_id", service_id)
            .into_iter()
            .filter_map(|a| get(a, "description").strip_prefix("NIS ").map(|c| c.trim().to_string()))
            .filter(|c| *c != nis)
            .collect();
        let mut kind = String::new();
        let (mut service_ids, mut audience) = (Vec::new(), Vec::new());
        for a in by(&attributes, "link_id", service_id) {
            let Some(code) = by(&terms, "id", get(a, "taxonomy_term_id")).first().map(|t| get(t, "code").to_string()) else { continue };
            let kind_of = taxonomy.iter().find(|c| c.id == code).map(|c| c.link_type);
            match kind_of.unwrap_or(get(a, "link_type")) {
                "kind" => kind = code,
                "audience" => audience.push(code),
                _ => service_ids.push(code),
            }
        }
        let updated = get(s, "last_modified");
        out.push(Initiative {
            id,
            name: get(s, "name").to_string(),
            kind,
            services: service_ids,
            description: text(get(s, "description")),
            address: Address {
                street: address.map(|a| get(a, "address_1").to_string()).unwrap_or_default(),
                postcode: address.map(|a| get(a, "postal_code").to_string()).unwrap_or_default(),
                locality: address.map(|a| get(a, "city").to_string()).unwrap_or_default(),
            },
            nis,
            point,
            phone: by(&phones, "service_id", service_id).first().map(|p| get(p, "number").to_string()),
            email: Some(get(s, "email").to_string()).filter(|e| !e.is_empty()).or_else(|| org.map(|o| get(o, "email").to_string()).filter(|e| !e.is_empty())),
            website: Some(get(s, "url").to_string()).filter(|u| !u.is_empty()),
            serves,
            updated_at: updated.strip_suffix("T00:00:00Z").unwrap_or(updated).to_string(),
            opening_hours,
            opening_hours_note: own_schedules.first().and_then(|r| text(get(r, "description"))),
            audience,
            eligibility: text(get(s, "eligibility_description")),
            languages: by(&languages, "service_id", service_id).into_iter().map(|l| get(l, "code").to_string()).collect(),
            accessibility: access,
            cost: text(get(s, "fees_description")),
            how_to_apply: text(get(s, "application_process")),
            status: match get(s, "status") {
                "temporarily closed" => Status::TemporarilyClosed,
                "defunct" | "inactive" => Status::Closed,
                _ => Status::Active,
            },
            alert: text(get(s, "alert")),
            checked_at: Some(get(s, "assured_date").to_string()).filter(|d| !d.is_empty()),
        });
    }
    Ok(out)
}

/// The package as an initiatives spreadsheet (the columns of `initiatives.csv`), so `publish`
/// checks and reports it like one. Categories are told apart by the attributes' `link_type`.
pub fn initiatives_csv(files: &HashMap<String, Vec<u8>>) -> Result<Vec<u8>, String> {
    let items = read(files, &[])?;
    Ok(csv::write(&crate::initiatives::COLUMNS, &crate::initiatives::to_rows(&items), b',', false))
}

/// Every `*.csv` file in `dir`, by file name.
pub fn read_dir(dir: &std::path::Path) -> Result<HashMap<String, Vec<u8>>, String> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".csv") {
            out.insert(name, std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?);
        }
    }
    Ok(out)
}
