//! Export to the Open Referral Human Services Data Specification (HSDS) 3.0, and import of its
//! tabular package as an alternative input.
//!
//! Each initiative becomes an `organization` (identified by an `organization_identifier` with
//! scheme `wegwijzer`, so the id survives) that provides one `service` at one physical
//! `location` (with `address`, `accessibility`, and the NIS code as `external_identifier`),
//! linked by a `service_at_location`. Its hours become weekly `schedule`s (one per time range
//! and set of days; the `opening_hours` value itself in the schedule's `notes`, since RRULEs
//! cannot say "closed on public holidays"), its languages `language`s, the municipalities it is
//! based in and serves `service_area`s, its phone a `phone`; kind, services and target groups are
//! `attribute`s pointing at the `taxonomy_term`s of one `taxonomy` (Wegwijzer's categories).
//! HSDS has one language per record: texts are exported in Dutch, falling back as the app does.
//!
//! Two forms: `services.json` (an array of service objects with their related objects nested,
//! the form of HSDS's `service` schema) and the tabular package (one CSV per table, with
//! `datapackage.json`). Ids are UUIDs derived from the record ids (the same every publication).

pub mod import;
mod tables;

pub use tables::{tables, terms, Table, Term};

use serde_json::{Map, Value};
use wegwijzer_core::model::{Initiative, Municipality};

/// A stable UUID (version 8, RFC 9562) for `kind` and `id`: the first 128 bits of
/// SHA-256("wegwijzer:<kind>:<id>") with the version and variant bits set.
pub fn uuid(kind: &str, id: &str) -> String {
    let hex = wegwijzer_core::dataset::sha256_hex(format!("wegwijzer:{kind}:{id}").as_bytes());
    let mut b: Vec<u8> = (0..16).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0)).collect();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// A row as a JSON object: empty cells left out, numbers as numbers where the schema has them.
fn object(table: &Table, row: &[String]) -> Map<String, Value> {
    table
        .columns
        .iter()
        .zip(row)
        .filter(|(_, v)| !v.is_empty())
        .map(|(c, v)| {
            let value = match *c {
                "latitude" | "longitude" => v.parse::<f64>().map(Value::from).unwrap_or_else(|_| Value::from(v.as_str())),
                _ => Value::from(v.as_str()),
            };
            (c.to_string(), value)
        })
        .collect()
}

fn rows_where<'a>(tables: &'a [Table], name: &str, column: &str, id: &str) -> Vec<Map<String, Value>> {
    let Some(t) = tables.iter().find(|t| t.name == name) else { return Vec::new() };
    let Some(i) = t.columns.iter().position(|c| *c == column) else { return Vec::new() };
    t.rows.iter().filter(|r| r[i] == id).map(|r| object(t, r)).collect()
}

/// `services.json`: one service object per initiative, its related objects nested.
pub fn services_json(tables: &[Table]) -> Value {
    let services = tables.iter().find(|t| t.name == "service").expect("the service table");
    let out: Vec<Value> = services
        .rows
        .iter()
        .map(|row| {
            let mut s = object(services, row);
            let id = s["id"].as_str().unwrap_or_default().to_string();
            let org_id = s.get("organization_id").and_then(Value::as_str).unwrap_or_default().to_string();
            let mut org = rows_where(tables, "organization", "id", &org_id).pop().unwrap_or_default();
            org.insert("organization_identifiers".into(), rows_where(tables, "organization_identifier", "organization_id", &org_id).into());
            s.insert("organization".into(), org.into());
            let with_terms = |mut attrs: Vec<Map<String, Value>>| {
                for a in &mut attrs {
                    let term = a.get("taxonomy_term_id").and_then(Value::as_str).unwrap_or_default().to_string();
                    if let Some(t) = rows_where(tables, "taxonomy_term", "id", &term).pop() {
                        a.insert("taxonomy_term".into(), t.into());
                    }
                }
                attrs
            };
            s.insert("attributes".into(), with_terms(rows_where(tables, "attribute", "link_id", &id)).into());
            for (key, table) in [("phones", "phone"), ("schedules", "schedule"), ("languages", "language"), ("service_areas", "service_area")] {
                s.insert(key.into(), rows_where(tables, table, "service_id", &id).into());
            }
            let sals: Vec<Value> = rows_where(tables, "service_at_location", "service_id", &id)
                .into_iter()
                .map(|mut sal| {
                    let loc_id = sal.get("location_id").and_then(Value::as_str).unwrap_or_default().to_string();
                    if let Some(mut loc) = rows_where(tables, "location", "id", &loc_id).pop() {
                        loc.insert("addresses".into(), rows_where(tables, "address", "location_id", &loc_id).into());
                        loc.insert("accessibility".into(), rows_where(tables, "accessibility", "location_id", &loc_id).into());
                        sal.insert("location".into(), loc.into());
                    }
                    sal.into()
                })
                .collect();
            s.insert("service_at_locations".into(), sals.into());
            Value::Object(s)
        })
        .collect();
    Value::Array(out)
}

/// `datapackage.json` of the tabular package (Frictionless Data), listing the CSV files.
pub fn datapackage(tables: &[Table]) -> Value {
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.name, "path": t.file, "format": "csv", "mediatype": "text/csv",
                "profile": "tabular-data-resource",
                "schema": {"fields": t.columns.iter().map(|c| serde_json::json!({"name": c, "type": "string"})).collect::<Vec<_>>()},
            })
        })
        .collect();
    serde_json::json!({
        "name": "wegwijzer-hsds",
        "title": "Wegwijzer Sociale Economie in HSDS 3.0",
        "profile": "tabular-data-package",
        "resources": resources,
    })
}

/// The export files, relative to the endpoint: `open-data/hsds/services.json`, the CSV files
/// and `datapackage.json` under `open-data/hsds/tabular/`.
pub fn files(terms: &[Term], municipalities: &[Municipality], initiatives: &[Initiative]) -> Vec<(String, Vec<u8>)> {
    let tables = tables(terms, municipalities, initiatives);
    let mut out = vec![("open-data/hsds/services.json".to_string(), serde_json::to_vec(&services_json(&tables)).unwrap_or_default())];
    for t in &tables {
        out.push((format!("open-data/hsds/tabular/{}", t.file), super::csv::write(t.columns, &t.rows, b',', false)));
    }
    out.push(("open-data/hsds/tabular/datapackage.json".into(), serde_json::to_vec_pretty(&datapackage(&tables)).unwrap_or_default()));
    out
}
