//! Host tests of the target groups (`audiences` in `categories.json`, issue 13): what this build
//! reads of them, how they travel in a sync, and that builds from before them still read the
//! bundled sample's `categories.json` whole (docs/data-format.md, "Target groups").

use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use wegwijzer_core::dataset::{read_audiences, verify_file, Dataset};
use wegwijzer_core::model::*;
use wegwijzer_core::quarantine::MAX_LEFT_OUT_PERCENT;
use wegwijzer_core::json_ld::json_ld;
use wegwijzer_core::results::compute;
use wegwijzer_core::sync::{apply_changes, assemble};
use wegwijzer_core::view_state::DirectoryView;

mod sample_endpoint;
use sample_endpoint::{sample, sample_dataset, signed_delta, with_file};

/// The category model of the builds before the target groups (main at 11e0d56,
/// crates/core/src/model.rs), as serde reads it there: two kinds, no `deny_unknown_fields`.
mod before {
    // Every field as those builds have it, so serde checks each one's type as they do; the
    // tests look at a few.
    #![allow(dead_code)]
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    pub enum CategoryKind {
        Service,
        InitiativeType,
    }

    #[derive(Debug, Deserialize)]
    pub struct Text {
        pub nl: String,
        #[serde(default)]
        pub fr: Option<String>,
        #[serde(default)]
        pub en: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    pub struct Keywords {
        #[serde(default)]
        pub nl: Vec<String>,
        #[serde(default)]
        pub fr: Vec<String>,
        #[serde(default)]
        pub en: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Category {
        pub id: String,
        pub kind: CategoryKind,
        pub label: Text,
        #[serde(default)]
        pub group: Option<String>,
        #[serde(default)]
        pub keywords: Keywords,
    }
}

/// The envelope those builds read a collection file with (`Collection<&RawValue>`, then each
/// item on its own: `dataset.rs` `parse_screened` and `quarantine.rs` `read_items`).
#[derive(Deserialize)]
struct Envelope<'a> {
    dataset_version: u64,
    #[serde(borrow)]
    items: Vec<&'a RawValue>,
}

#[test]
fn builds_before_the_target_groups_read_every_category_of_the_sample() {
    let (index, files) = sample();
    let entry = &index.collections["categories"];
    let bytes = &files["categories"];
    // Size and SHA-256 as the index says: checked on the bytes, whatever they hold.
    verify_file(entry, bytes).unwrap();
    let file: Envelope = serde_json::from_slice(bytes).unwrap();
    assert!(file.dataset_version <= index.dataset_version);
    // The count they compare with the index is that of `items`: the target groups are not in it.
    assert_eq!(file.items.len() as u64, entry.count);
    let old: Vec<before::Category> = file
        .items
        .iter()
        .map(|raw| serde_json::from_str(raw.get()).unwrap_or_else(|e| panic!("{}: {e}", raw.get())))
        .collect();
    // Not one left out: they may leave out at most MAX_LEFT_OUT_PERCENT %, and leave out none.
    assert_eq!(old.len(), file.items.len());
    assert!(old.iter().all(|c| !c.id.is_empty() && !c.label.nl.is_empty()));
    assert!(old.iter().any(|c| c.kind == before::CategoryKind::Service));
    // Each item names a kind they know; the target groups are in a field they skip.
    let kinds: Vec<String> = file.items.iter().map(|raw| serde_json::from_str::<serde_json::Value>(raw.get()).unwrap()["kind"].to_string()).collect();
    assert!(kinds.iter().all(|k| k == "\"service\"" || k == "\"initiative_type\""), "{kinds:?}");
    let whole: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(whole.as_object().unwrap().keys().collect::<Vec<_>>(), ["audiences", "dataset_version", "items"]);
    assert!(!whole["audiences"].as_array().unwrap().is_empty());
}

/// The guard above is real: one target group written as a category item, the way the format
/// had it before this fix, is a record those builds cannot read, and the eight of the sample
/// would be more than the share they may leave out, so they would refuse the whole update.
#[test]
fn a_target_group_among_the_items_is_what_builds_before_them_cannot_read() {
    let d = sample_dataset();
    let item = serde_json::json!({"id": "ouderen", "kind": "audience", "label": {"nl": "Ouderen"}});
    assert!(serde_json::from_value::<before::Category>(item).is_err());
    let share = d.audiences.len() * 100 / (d.categories.len() + d.audiences.len());
    assert!(share > MAX_LEFT_OUT_PERCENT, "{share} %");
}

#[test]
fn the_sample_has_its_target_groups_apart_from_the_categories() {
    let d = sample_dataset();
    assert_eq!(d.audiences.len(), 8);
    assert_eq!(d.index.as_ref().unwrap().collections["categories"].count as usize, d.categories.len());
    assert!(d.left_out.is_empty());
    assert!(d.categories.iter().all(|c| d.audience(&c.id).is_none()), "no id is both");
    assert_eq!(d.audience("ouderen").unwrap().label.get(Lang::Fr), "Personnes âgées");
    // Every target group an initiative names is one of them.
    assert!(d.initiatives.iter().flat_map(|i| &i.audience).all(|a| d.audience(a).is_some()));
}

#[test]
fn a_bad_target_group_costs_that_one_and_no_field_means_none() {
    let file = br#"{"dataset_version":1,"items":[],"audiences":[
        {"id":"ouderen","label":{"nl":"Ouderen"}},
        {"id":"jongeren"},
        {"id":"ouderen","label":{"nl":"Senioren"}},
        {"id":"","label":{"nl":"Leeg"}},
        {"id":"gezinnen","label":{"nl":" "}},
        7,
        {"id":"werkzoekenden","label":{"nl":"Werkzoekenden"},"note":"a field this build does not know"}]}"#;
    let ids: Vec<String> = read_audiences(file).into_iter().map(|a| a.id).collect();
    assert_eq!(ids, ["ouderen", "werkzoekenden"]);
    assert_eq!(read_audiences(br#"{"dataset_version":1,"items":[]}"#), vec![]);
    assert_eq!(read_audiences(br#"{"dataset_version":1,"items":[],"audiences":"ouderen"}"#), vec![]);
}

/// categories.json of `base`'s version with `audiences`, the same items: only its entry changes.
fn publish_audiences(base: &Index, categories: &[Category], audiences: &[Audience]) -> (Index, Vec<u8>) {
    let file = CategoriesFile { dataset_version: base.dataset_version, items: categories.to_vec(), audiences: audiences.to_vec() };
    let bytes = serde_json::to_vec(&file).unwrap();
    (with_file(base, "categories", &bytes, categories.len()), bytes)
}

#[test]
fn target_groups_come_with_categories_json_or_a_delta_and_are_kept_otherwise() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let mut audiences = cached.audiences.clone();
    audiences[0].label = Text::nl("Voor iedereen");
    audiences.push(Audience { id: "mantelzorgers".into(), label: Text::nl("Mantelzorgers") });

    // A new categories.json: its target groups, and the same categories (counted as before).
    let (mut offered, bytes) = publish_audiences(&index, &cached.categories, &audiences);
    offered.dataset_version += 1;
    let next = assemble(Some(&cached), offered.clone(), &HashMap::from([("categories".to_string(), bytes)])).unwrap();
    assert_eq!(next.audiences, audiences);
    assert_eq!(next.categories, cached.categories);

    // Another collection downloaded: the cached target groups stay.
    let kept = assemble(Some(&next), Index { dataset_version: offered.dataset_version + 1, ..offered.clone() }, &HashMap::new()).unwrap();
    assert_eq!(kept.audiences, audiences);

    // A delta: the whole new list when it changed, else the cached one.
    let step = |audiences: Option<Vec<Audience>>| {
        let changes = Changes { format_version: FORMAT_VERSION, from: index.dataset_version, to: index.dataset_version + 1, audiences, ..Changes::default() };
        let (entry, bytes) = signed_delta(&changes);
        let offered = Index { dataset_version: index.dataset_version + 1, changes: vec![entry.clone()], ..index.clone() };
        apply_changes(&cached, offered, &entry, &bytes).unwrap().audiences
    };
    assert_eq!(step(Some(audiences.clone())), audiences);
    assert_eq!(step(None), cached.audiences);
    // A delta's list passes the same checks as the file's.
    let mut twice = audiences.clone();
    twice.push(audiences[0].clone());
    assert_eq!(step(Some(twice)), audiences);
}

#[test]
fn an_unknown_target_group_id_is_not_shown_and_costs_nothing_else() {
    let mut d = sample_dataset();
    let i = d.initiatives.iter().position(|i| !i.audience.is_empty()).unwrap();
    d.initiatives[i].audience.push("studenten".into());
    let again = Dataset::new(d.index.clone(), d.categories.clone(), d.municipalities.clone(), d.partnerships.clone(), d.initiatives.clone());
    assert_eq!(again.unwrap().initiatives.len(), d.initiatives.len(), "the record stays");
    // Not offered as a filter, not in the page's JSON-LD; the known ones are.
    let all = compute(&d, None, &DirectoryView::default(), None, None, 0).unwrap();
    assert!(all.service_facets.audience.iter().all(|(id, _)| d.audience(id).is_some()));
    assert_eq!(all.service_facets.audience.len(), d.audiences.len());
    let ld = json_ld(&d, &d.initiatives[i], Lang::Nl, "https://example.org/x");
    assert!(!ld.contains("studenten"), "{ld}");
    let known = d.audience(&d.initiatives[i].audience[0]).unwrap();
    assert!(ld.contains(&format!("\"audienceType\":\"{}\"", known.label.nl)), "{ld}");
}
