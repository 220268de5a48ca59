//! The categories collection, built from the kind and service tables.

use crate::tables::*;
use wegwijzer_core::model::{Category, CategoryKind, Text};
use wegwijzer_publish::reference::default_categories;

pub(crate) fn kind_def(id: &str) -> &'static KindDef {
    KINDS.iter().find(|k| k.id == id).expect("every service names a known kind")
}

/// The kinds and services with the built-in categories' search keywords (one vocabulary, kept
/// in `default_categories.csv`).
pub fn categories() -> Vec<Category> {
    let defaults = default_categories();
    let keywords = |id: &str| defaults.categories.iter().find(|c| c.id == id).map(|c| c.keywords.clone()).unwrap_or_default();
    let text = |l: [&str; 3]| Text { nl: l[0].into(), fr: Some(l[1].into()), en: Some(l[2].into()) };
    let kinds = KINDS.iter().map(|k| Category {
        id: k.id.into(),
        kind: CategoryKind::InitiativeType,
        label: text(k.label),
        group: None,
        keywords: keywords(k.id),
    });
    let services = SERVICES.iter().map(|s| Category {
        id: s.id.into(),
        kind: CategoryKind::Service,
        label: text(s.label),
        group: Some(kind_def(s.kind).group.into()),
        keywords: keywords(s.id),
    });
    kinds.chain(services).collect()
}
