//! The initiatives spreadsheet: its columns, reading rows into [`Initiative`]s, and writing them
//! back (the open-data CSV export uses the same columns, so an export can be published again).

use super::report::{Msg, Report};
use super::rows::{Provenance, Row, Sheet};
use wegwijzer_core::model::{Accessibility, Address, Initiative, Status, Text, Wheelchair};

/// Every column, in export order. See docs/publishing.md.
pub const COLUMNS: [&str; 42] = [
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
    "opening_hours",
    "opening_hours_note_nl",
    "opening_hours_note_fr",
    "opening_hours_note_en",
    "audience",
    "eligibility_nl",
    "eligibility_fr",
    "eligibility_en",
    "languages",
    "wheelchair",
    "accessibility_nl",
    "accessibility_fr",
    "accessibility_en",
    "cost_nl",
    "cost_fr",
    "cost_en",
    "how_to_apply_nl",
    "how_to_apply_fr",
    "how_to_apply_en",
    "status",
    "alert_nl",
    "alert_fr",
    "alert_en",
    "checked_at",
];

/// A text in three columns `<field>_nl`, `_fr`, `_en`; `None` when all three are empty (a
/// French or English text without Dutch keeps an empty Dutch text, which validation reports).
fn text3(row: &Row, field: &str) -> Option<Text> {
    let (nl, fr, en) = (row.opt(&format!("{field}_nl")), row.opt(&format!("{field}_fr")), row.opt(&format!("{field}_en")));
    (nl.is_some() || fr.is_some() || en.is_some()).then(|| Text { nl: nl.unwrap_or_default(), fr, en })
}

fn text3_cells(t: Option<&Text>) -> [String; 3] {
    match t {
        Some(t) => [t.nl.clone(), t.fr.clone().unwrap_or_default(), t.en.clone().unwrap_or_default()],
        None => Default::default(),
    }
}

/// `status`: empty is active; Dutch words are accepted too.
fn status(row: &Row, report: &mut Report) -> Status {
    let raw = row.text("status");
    match raw.to_lowercase().replace([' ', '-'], "_").as_str() {
        "" | "active" | "actief" => Status::Active,
        "temporarily_closed" | "tijdelijk_gesloten" => Status::TemporarilyClosed,
        "closed" | "gesloten" | "stopgezet" => Status::Closed,
        _ => {
            report.error(row.location("status"), Msg::BadStatus(raw));
            Status::Active
        }
    }
}

/// `wheelchair` and the `accessibility_*` texts.
fn accessibility(row: &Row, report: &mut Report) -> Option<Accessibility> {
    let raw = row.text("wheelchair");
    let wheelchair = match raw.to_lowercase().as_str() {
        "" => None,
        "ja" => Some(Wheelchair::Yes),
        "beperkt" => Some(Wheelchair::Limited),
        "nee" => Some(Wheelchair::No),
        other => match Wheelchair::parse(other) {
            Some(w) => Some(w),
            None => {
                report.error(row.location("wheelchair"), Msg::BadWheelchair(raw));
                None
            }
        },
    };
    let note = text3(row, "accessibility");
    (wheelchair.is_some() || note.is_some()).then_some(Accessibility { wheelchair, note })
}

pub const REQUIRED: [&str; 4] = ["id", "name", "kind", "nis"];

/// Reads every non-blank row. Cells that cannot be read are reported and left empty, so the
/// remaining checks still run on the rest of the record.
pub fn read(sheet: &Sheet, report: &mut Report) -> (Vec<Initiative>, Provenance) {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for row in sheet.rows() {
        // The format has no translation without a Dutch text: say so rather than drop it.
        if row.opt("description_nl").is_none() {
            for column in ["description_fr", "description_en"].into_iter().filter(|c| row.opt(c).is_some()) {
                report.error(row.location(column), Msg::NotPublishedWithout { column: column.into(), needs: "description_nl".into() });
            }
        }
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
            updated_at: row.date("updated_at", report),
            opening_hours: row.opt("opening_hours"),
            opening_hours_note: text3(&row, "opening_hours_note"),
            audience: row.list("audience"),
            eligibility: text3(&row, "eligibility"),
            languages: row.list("languages"),
            accessibility: accessibility(&row, report),
            cost: text3(&row, "cost"),
            how_to_apply: text3(&row, "how_to_apply"),
            status: status(&row, report),
            alert: text3(&row, "alert"),
            checked_at: Some(row.date("checked_at", report)).filter(|d| !d.is_empty()),
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
            let mut cells = vec![
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
                i.opening_hours.clone().unwrap_or_default(),
            ];
            cells.extend(text3_cells(i.opening_hours_note.as_ref()));
            cells.push(i.audience.join(" "));
            cells.extend(text3_cells(i.eligibility.as_ref()));
            cells.push(i.languages.join(" "));
            let access = i.accessibility.as_ref();
            cells.push(access.and_then(|a| a.wheelchair).map(|w| w.code().to_string()).unwrap_or_default());
            cells.extend(text3_cells(access.and_then(|a| a.note.as_ref())));
            cells.extend(text3_cells(i.cost.as_ref()));
            cells.extend(text3_cells(i.how_to_apply.as_ref()));
            cells.push(if i.status.is_active() { String::new() } else { serde_json::to_value(i.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default() });
            cells.extend(text3_cells(i.alert.as_ref()));
            cells.push(i.checked_at.clone().unwrap_or_default());
            cells
        })
        .collect()
}
