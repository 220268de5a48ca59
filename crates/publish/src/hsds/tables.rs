//! The HSDS 3.0 tables of a dataset, as the tabular package writes them: every table's flat
//! columns (names as in HSDS), one row per record, ids from [`super::uuid`].

use super::uuid;
use wegwijzer_core::model::{province_name, Audience, Category, CategoryKind, Initiative, Lang, Municipality, Status, Text};
use wegwijzer_core::opening_hours::parse::fmt_minutes;
use wegwijzer_core::opening_hours::{OpeningHours, State};
use wegwijzer_core::service_text::wheelchair_text;
use wegwijzer_core::validate::{is_email, is_http_url};

/// One HSDS table: its schema name (`service`), file (`services.csv`), columns and rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub file: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

pub const TAXONOMY_ID_KEY: &str = "wegwijzer-categorieen";
pub const ID_SCHEME: &str = "wegwijzer";
/// Prefix of a schedule's `notes`: the OpenStreetMap value it was made from.
pub const HOURS_NOTE: &str = "opening_hours: ";

const SCHEMAS: [(&str, &str, &[&str]); 14] = [
    ("organization", "organizations.csv", &["id", "name", "description", "email", "website"]),
    ("organization_identifier", "organization_identifiers.csv", &["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]),
    (
        "service",
        "services.csv",
        &["id", "organization_id", "name", "description", "url", "email", "status", "application_process", "fees_description", "eligibility_description", "alert", "assured_date", "last_modified"],
    ),
    ("location", "locations.csv", &["id", "location_type", "organization_id", "name", "latitude", "longitude", "external_identifier", "external_identifier_type"]),
    ("address", "addresses.csv", &["id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"]),
    ("accessibility", "accessibility.csv", &["id", "location_id", "description", "details"]),
    ("service_at_location", "service_at_location.csv", &["id", "service_id", "location_id"]),
    ("schedule", "schedules.csv", &["id", "service_id", "freq", "wkst", "byday", "opens_at", "closes_at", "description", "notes"]),
    ("language", "languages.csv", &["id", "service_id", "code"]),
    ("service_area", "service_areas.csv", &["id", "service_id", "name", "description"]),
    ("phone", "phones.csv", &["id", "service_id", "number"]),
    ("taxonomy", "taxonomies.csv", &["id", "name", "description", "version"]),
    ("taxonomy_term", "taxonomy_terms.csv", &["id", "code", "name", "description", "taxonomy_id", "language"]),
    ("attribute", "attributes.csv", &["id", "link_id", "taxonomy_term_id", "link_type", "link_entity"]),
];

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn nl(t: &Option<Text>) -> String {
    t.as_ref().map(|t| t.get(Lang::Nl).to_string()).unwrap_or_default()
}

/// One `taxonomy_term`: a category or a target group, with the `link_type` its attributes
/// get, which says which of the initiative's fields names it (`kind`, `services`, `audience`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term<'a> {
    pub id: &'a str,
    pub label: &'a Text,
    pub link_type: &'static str,
}

/// The terms of the taxonomy: the categories, then the target groups.
pub fn terms<'a>(categories: &'a [Category], audiences: &'a [Audience]) -> Vec<Term<'a>> {
    let link_type = |kind| match kind {
        CategoryKind::InitiativeType => "kind",
        CategoryKind::Service => "services",
    };
    let categories = categories.iter().map(|c| Term { id: &c.id, label: &c.label, link_type: link_type(c.kind) });
    categories.chain(audiences.iter().map(|a| Term { id: &a.id, label: &a.label, link_type: "audience" })).collect()
}

/// Weekly schedules: one per time range with the days it applies to (holiday and month rules
/// left out: RRULEs cannot say them; the value itself is in `notes`).
fn schedules(i: &Initiative, service_id: &str) -> Vec<Vec<String>> {
    let Some(value) = i.opening_hours.as_deref() else { return Vec::new() };
    let note = nl(&i.opening_hours_note);
    let notes = format!("{HOURS_NOTE}{value}");
    let mut ranges: Vec<((u16, u16), Vec<&str>)> = Vec::new();
    if let Ok(oh) = OpeningHours::parse(value) {
        for (w, spans) in oh.regular_week().iter().enumerate() {
            for s in spans.iter().filter(|s| s.state == State::Open) {
                match ranges.iter_mut().find(|(k, _)| *k == (s.from, s.to)) {
                    Some((_, days)) => days.push(BYDAY[w]),
                    None => ranges.push(((s.from, s.to), vec![BYDAY[w]])),
                }
            }
        }
    }
    if ranges.is_empty() {
        // By appointment and the like: a schedule with only its description.
        return vec![vec![uuid("schedule", &format!("{}#0", i.id)), service_id.into(), String::new(), String::new(), String::new(), String::new(), String::new(), note, notes]];
    }
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, ((from, to), days))| {
            vec![
                uuid("schedule", &format!("{}#{n}", i.id)),
                service_id.into(),
                "WEEKLY".into(),
                "MO".into(),
                days.join(","),
                fmt_minutes(from),
                fmt_minutes(if to > 1440 { to - 1440 } else { to }),
                note.clone(),
                notes.clone(),
            ]
        })
        .collect()
}

/// Every table for the dataset, in HSDS's order.
pub fn tables(terms: &[Term], municipalities: &[Municipality], initiatives: &[Initiative]) -> Vec<Table> {
    let mut t: Vec<Table> = SCHEMAS.iter().map(|(name, file, columns)| Table { name, file, columns, rows: Vec::new() }).collect();
    let idx = |name: &str| SCHEMAS.iter().position(|(n, _, _)| *n == name).unwrap_or(0);
    let taxonomy_id = uuid("taxonomy", TAXONOMY_ID_KEY);
    t[idx("taxonomy")].rows.push(vec![
        taxonomy_id.clone(),
        "Wegwijzer Sociale Economie: categorieën".into(),
        "Soorten initiatieven, diensten en doelgroepen (categories.json van het Wegwijzer-eindpunt)".into(),
        "1".into(),
    ]);
    for c in terms {
        t[idx("taxonomy_term")].rows.push(vec![uuid("term", c.id), c.id.into(), c.label.nl.clone(), c.label.nl.clone(), taxonomy_id.clone(), "nl".into()]);
    }
    let muni = |nis: &str| municipalities.iter().find(|m| m.nis == nis);
    for i in initiatives {
        let (org, service, location) = (uuid("organization", &i.id), uuid("service", &i.id), uuid("location", &i.id));
        let description = nl(&i.description);
        let email = i.email.clone().filter(|e| is_email(e)).unwrap_or_default();
        let website = i.website.clone().filter(|w| is_http_url(w)).unwrap_or_default();
        t[idx("organization")].rows.push(vec![org.clone(), i.name.clone(), if description.is_empty() { i.name.clone() } else { description.clone() }, email.clone(), website.clone()]);
        t[idx("organization_identifier")].rows.push(vec![uuid("organization_identifier", &i.id), org.clone(), ID_SCHEME.into(), "initiative id".into(), i.id.clone()]);
        let status = match i.status {
            Status::Active => "active",
            Status::TemporarilyClosed => "temporarily closed",
            Status::Closed => "defunct",
        };
        let last_modified = if i.updated_at.len() == 10 { format!("{}T00:00:00Z", i.updated_at) } else { i.updated_at.clone() };
        t[idx("service")].rows.push(vec![
            service.clone(),
            org.clone(),
            i.name.clone(),
            description,
            website,
            email,
            status.into(),
            nl(&i.how_to_apply),
            nl(&i.cost),
            nl(&i.eligibility),
            nl(&i.alert),
            i.checked_at.clone().unwrap_or_default(),
            last_modified,
        ]);
        let m = muni(&i.nis);
        let coordinate = |f: fn(&wegwijzer_core::model::Point) -> f64| i.point.as_ref().map(|p| format!("{}", f(p))).unwrap_or_default();
        t[idx("location")].rows.push(vec![location.clone(), "physical".into(), org.clone(), i.name.clone(), coordinate(|p| p.lat), coordinate(|p| p.lon), i.nis.clone(), "NIS".into()]);
        let province = m.and_then(|m| province_name(&m.province, Lang::Nl)).unwrap_or("Vlaanderen");
        t[idx("address")].rows.push(vec![
            uuid("address", &i.id),
            location.clone(),
            i.address.street.clone(),
            i.address.locality.clone(),
            province.into(),
            i.address.postcode.clone(),
            "BE".into(),
            "physical".into(),
        ]);
        if let Some(a) = &i.accessibility {
            let description = a.wheelchair.map(|w| wheelchair_text(w, Lang::Nl).to_string()).unwrap_or_default();
            t[idx("accessibility")].rows.push(vec![uuid("accessibility", &i.id), location.clone(), description, nl(&a.note)]);
        }
        t[idx("service_at_location")].rows.push(vec![uuid("service_at_location", &i.id), service.clone(), location]);
        let rows = schedules(i, &service);
        t[idx("schedule")].rows.extend(rows);
        for code in &i.languages {
            t[idx("language")].rows.push(vec![uuid("language", &format!("{}#{code}", i.id)), service.clone(), code.clone()]);
        }
        for nis in std::iter::once(&i.nis).chain(&i.serves) {
            let name = muni(nis).map(|m| m.name.nl.clone()).unwrap_or_else(|| nis.clone());
            t[idx("service_area")].rows.push(vec![uuid("service_area", &format!("{}#{nis}", i.id)), service.clone(), name, format!("NIS {nis}")]);
        }
        if let Some(p) = &i.phone {
            t[idx("phone")].rows.push(vec![uuid("phone", &i.id), service.clone(), p.clone()]);
        }
        let kinds = std::iter::once(&i.kind).chain(&i.services).chain(&i.audience);
        for c in kinds.filter_map(|id| terms.iter().find(|c| c.id == id)) {
            t[idx("attribute")].rows.push(vec![
                uuid("attribute", &format!("{}#{}", i.id, c.id)),
                service.clone(),
                uuid("term", c.id),
                c.link_type.into(),
                "service".into(),
            ]);
        }
    }
    t
}
