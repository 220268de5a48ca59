//! The partnerships spreadsheet: columns, reading, writing back, and the check that a
//! municipality is in at most one partnership at a time.

use super::report::{Msg, Report};
use super::rows::{Provenance, Sheet};
use wegwijzer_core::model::{Confidence, Contact, Partnership, Period};
use std::collections::HashSet;

pub const COLUMNS: [&str; 15] = [
    "id",
    "name",
    "members",
    "period_from",
    "period_to",
    "organisation",
    "address",
    "phone",
    "email",
    "website",
    "source_url",
    "source_read",
    "confidence",
    "source_note",
    "demo",
];

pub const REQUIRED: [&str; 5] = ["id", "name", "members", "period_from", "period_to"];

/// Read besides [`COLUMNS`] but not published (so not exported): `excluded`, the municipalities
/// the row's source names as members but the row leaves out because other evidence won (a
/// municipality claimed by two sources). Each is reported with the partnership that has it.
pub const KNOWN: [&str; 16] = {
    let mut all = [""; 16];
    let mut i = 0;
    while i < COLUMNS.len() {
        all[i] = COLUMNS[i];
        i += 1;
    }
    all[COLUMNS.len()] = "excluded";
    all
};

/// The partnerships of `sheet`, where each came from, and per partnership the codes of its
/// `excluded` column.
pub fn read(sheet: &Sheet, report: &mut Report) -> (Vec<Partnership>, Provenance, Vec<Vec<String>>) {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    let mut excluded = Vec::new();
    for row in sheet.rows() {
        excluded.push(row.list("excluded"));
        let members = row.list("members");
        let mut seen = HashSet::new();
        for m in &members {
            if !seen.insert(m.as_str()) {
                report.warning(row.location("members"), Msg::DuplicateCode(m.clone()));
            }
        }
        // A member listed twice means nothing more than once.
        let mut unique = Vec::new();
        for m in members {
            if !unique.contains(&m) {
                unique.push(m);
            }
        }
        let from = row.year("period_from", report).unwrap_or(0);
        let to = row.year("period_to", report).unwrap_or(from);
        // The organisation defaults to the partnership's name: most sheets only have one.
        let organisation = row.opt("organisation").unwrap_or_else(|| row.text("name"));
        items.push(Partnership {
            id: row.text("id"),
            name: row.text("name"),
            members: unique,
            period: Period { from, to },
            contact: Contact {
                organisation,
                address: row.opt("address"),
                phone: row.opt("phone"),
                email: row.opt("email"),
                website: row.opt("website"),
            },
            source_url: row.opt("source_url"),
            source_read: row.opt("source_read"),
            confidence: row.opt("confidence").and_then(|c| {
                let parsed = Confidence::parse(&c);
                if parsed.is_none() {
                    report.error(row.location("confidence"), Msg::BadConfidence(c));
                }
                parsed
            }),
            source_note: row.opt("source_note"),
            demo: row.boolean("demo", report),
        });
        lines.push(Some(row.line()));
    }
    (items, sheet.provenance(lines), excluded)
}

/// Reports every municipality a partnership's source names but the row leaves out (`excluded`),
/// naming both partnerships: the one that leaves it out and the one of the same period that has
/// it, or saying that none has it. A code that is not a municipality is an error, a code that is
/// also in the row's own members a contradiction (an error too).
pub fn check_excluded(
    items: &[Partnership],
    excluded: &[Vec<String>],
    provenance: &Provenance,
    known: &HashSet<String>,
    report: &mut Report,
) {
    for (j, (p, codes)) in items.iter().zip(excluded).enumerate() {
        let at = || provenance.location(j, Some("excluded"));
        for nis in codes {
            if !known.contains(nis) {
                report.error(at(), Msg::UnknownMunicipality(nis.clone()));
                continue;
            }
            if p.members.contains(nis) {
                report.error(at(), Msg::ExcludedMember(nis.clone()));
                continue;
            }
            let holders = items.iter().enumerate().filter(|(i, o)| {
                *i != j && o.members.contains(nis) && o.period.from <= p.period.to && p.period.from <= o.period.to
            });
            let mut any = false;
            for (i, other) in holders {
                any = true;
                report.warning(
                    at(),
                    Msg::ExcludedInOther {
                        nis: nis.clone(),
                        name: p.name.clone(),
                        other: other.name.clone(),
                        other_line: provenance.lines[i],
                    },
                );
            }
            if !any {
                report.warning(at(), Msg::ExcludedNowhere { nis: nis.clone(), name: p.name.clone() });
            }
        }
    }
}

/// A municipality may belong to one partnership per period: reports every member of two
/// partnerships whose periods overlap, at the later row.
pub fn check_overlaps(items: &[Partnership], provenance: &Provenance, report: &mut Report) {
    for (j, b) in items.iter().enumerate() {
        for (i, a) in items.iter().enumerate().take(j) {
            if a.id == b.id || a.period.from > b.period.to || b.period.from > a.period.to {
                continue;
            }
            for nis in b.members.iter().filter(|m| a.members.contains(m)) {
                report.error(
                    provenance.location(j, Some("members")),
                    Msg::TwoPartnerships { nis: nis.clone(), other: a.name.clone(), other_line: provenance.lines[i] },
                );
            }
        }
    }
}

pub fn to_rows(items: &[Partnership]) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                p.members.join(" "),
                p.period.from.to_string(),
                p.period.to.to_string(),
                p.contact.organisation.clone(),
                p.contact.address.clone().unwrap_or_default(),
                p.contact.phone.clone().unwrap_or_default(),
                p.contact.email.clone().unwrap_or_default(),
                p.contact.website.clone().unwrap_or_default(),
                p.source_url.clone().unwrap_or_default(),
                p.source_read.clone().unwrap_or_default(),
                p.confidence.map(|c| c.code().to_string()).unwrap_or_default(),
                p.source_note.clone().unwrap_or_default(),
                if p.demo { "yes".into() } else { "no".into() },
            ]
        })
        .collect()
}
