//! The initiatives spreadsheet: its columns, reading rows into [`Initiative`]s, and writing them
//! back (the open-data CSV export uses the same columns, so an export can be published again).

use super::report::Report;
use super::rows::{Provenance, Sheet};
use crate::model::{Address, Initiative, Text};

/// Every column, in export order. See docs/publishing.md.
pub const COLUMNS: [&str; 18] = [
    "id",
    "name",
    "kind",
    "services",
    "description_nl",
    "description_fr",
    "description_en",
    "street",
    "postcode",
    "locality",
    "nis",
    "lat",
    "lon",
    "phone",
    "email",
    "website",
    "serves",
    "updated_at",
];

pub const REQUIRED: [&str; 4] = ["id", "name", "kind", "nis"];

/// Reads every non-blank row. Cells that cannot be read are reported and left empty, so the
/// remaining checks still run on the rest of the record.
pub fn read(sheet: &Sheet, report: &mut Report) -> (Vec<Initiative>, Provenance) {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for row in sheet.rows() {
        let description = row.opt("description_nl").map(|nl| Text {
            nl,
            fr: row.opt("description_fr"),
            en: row.opt("description_en"),
        });
        items.push(Initiative {
            id: row.text("id"),
            name: row.text("name"),
            kind: row.text("kind"),
            services: row.list("services"),
            description,
            address: Address { street: row.text("street"), postcode: row.text("postcode"), locality: row.text("locality") },
            nis: row.text("nis"),
            point: row.point(report),
            phone: row.opt("phone"),
            email: row.opt("email"),
            website: row.opt("website"),
            serves: row.list("serves"),
            updated_at: row.text("updated_at"),
            ..Default::default()
        });
        lines.push(Some(row.line()));
    }
    (items, sheet.provenance(lines))
}

fn num(v: f64) -> String {
    // Rust's shortest round-trip formatting: reading it back gives the same f64.
    format!("{v}")
}

/// One CSV row per initiative, in [`COLUMNS`] order.
pub fn to_rows(items: &[Initiative]) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|i| {
            let d = i.description.as_ref();
            vec![
                i.id.clone(),
                i.name.clone(),
                i.kind.clone(),
                i.services.join(" "),
                d.map(|d| d.nl.clone()).unwrap_or_default(),
                d.and_then(|d| d.fr.clone()).unwrap_or_default(),
                d.and_then(|d| d.en.clone()).unwrap_or_default(),
                i.address.street.clone(),
                i.address.postcode.clone(),
                i.address.locality.clone(),
                i.nis.clone(),
                i.point.map(|p| num(p.lat)).unwrap_or_default(),
                i.point.map(|p| num(p.lon)).unwrap_or_default(),
                i.phone.clone().unwrap_or_default(),
                i.email.clone().unwrap_or_default(),
                i.website.clone().unwrap_or_default(),
                i.serves.join(" "),
                i.updated_at.clone(),
            ]
        })
        .collect()
}
