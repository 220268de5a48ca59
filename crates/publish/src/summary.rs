//! The line that tells the publisher what changed since the previous version, in the report's
//! language: `wijzigingen 1→2: initiatives 1 nieuw, 1 gewijzigd; ongewijzigd (bestand
//! behouden): categories`.

use super::endpoint::{ChangeCount, DeltaSummary};
use super::report::ReportLang;

fn counts(c: &ChangeCount, nl: bool) -> String {
    let parts: Vec<String> = [
        (c.added, if nl { "nieuw" } else { "new" }),
        (c.changed, if nl { "gewijzigd" } else { "changed" }),
        (c.deleted, if nl { "verwijderd" } else { "deleted" }),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    format!("{} {}", c.collection, parts.join(", "))
}

/// The summary of a delta; `unchanged` are the collections whose previous file was kept.
pub fn describe_changes(delta: &DeltaSummary, unchanged: &[String], lang: ReportLang) -> String {
    let nl = lang == ReportLang::Nl;
    let parts: Vec<String> = delta.changed.iter().map(|c| counts(c, nl)).collect();
    let parts = if parts.is_empty() { if nl { "geen".to_string() } else { "none".to_string() } } else { parts.join("; ") };
    let kept = if unchanged.is_empty() { "-".to_string() } else { unchanged.join(", ") };
    if nl {
        format!("wijzigingen {}→{}: {parts}; ongewijzigd (bestand behouden): {kept}", delta.from, delta.to)
    } else {
        format!("changes {}→{}: {parts}; unchanged (file kept): {kept}", delta.from, delta.to)
    }
}
