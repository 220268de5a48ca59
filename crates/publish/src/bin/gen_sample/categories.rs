//! The categories collection, built from the kind and service tables.

use crate::tables::*;
use wegwijzer_core::model::{Category, CategoryKind, Text};

pub(crate) fn kind_def(id: &str) -> &'static KindDef {
    KINDS.iter().find(|k| k.id == id).expect("every service names a known kind")
}

pub fn categories() -> Vec<Category> {
    let text = |l: [&str; 3]| Text { nl: l[0].into(), fr: Some(l[1].into()), en: Some(l[2].into()) };
    let kinds = KINDS.iter().map(|k| Category {
        id: k.id.into(),
        kind: CategoryKind::InitiativeType,
        label: text(k.label),
        group: None,
    });
    let services = SERVICES.iter().map(|s| Category {
        id: s.id.into(),
        kind: CategoryKind::Service,
        label: text(s.label),
        group: Some(kind_def(s.kind).group.into()),
    });
    kinds.chain(services).chain(crate::details::audience_categories()).collect()
}
