//! Host tests for the sync decisions (`crates/core/src/sync.rs`), on the bundled sample endpoint.

use serde_json::json;
use std::collections::HashMap;
use wegwijzer_core::dataset::{Dataset, LoadError};
use wegwijzer_core::model::*;
use wegwijzer_core::sync::*;

mod sample_endpoint;
use sample_endpoint::{sample, sample_dataset, signed_delta, with_file};

/// Publishes `initiatives` as version `version` on top of `base`: only that collection changes.
fn publish_initiatives(base: &Index, version: u64, initiatives: &[Initiative]) -> (Index, Vec<u8>) {
    let bytes = serde_json::to_vec(&Collection { dataset_version: version, items: initiatives.to_vec() }).unwrap();
    let index = Index { dataset_version: version, ..with_file(base, "initiatives", &bytes, initiatives.len()) };
    (index, bytes)
}

fn with_changes(mut index: Index, changes: &Changes) -> (Index, ChangesEntry, Vec<u8>) {
    let (entry, bytes) = signed_delta(changes);
    index.changes.push(entry.clone());
    (index, entry, bytes)
}

#[test]
fn nothing_cached_downloads_everything_and_same_version_costs_nothing() {
    let (index, _) = sample();
    assert_eq!(plan_sync(None, &index), Ok(SyncPlan::Download(vec!["categories", "municipalities", "partnerships", "initiatives", "sources"])));
    assert_eq!(plan_sync(Some(&index), &index), Ok(SyncPlan::Unchanged));
}

#[test]
fn a_version_going_backwards_is_refused() {
    let (index, _) = sample();
    let mut older = index.clone();
    older.dataset_version = index.dataset_version - 1;
    let mut newer = index.clone();
    newer.dataset_version += 5;
    assert_eq!(
        plan_sync(Some(&newer), &older),
        Err(LoadError::VersionWentBack { cached: newer.dataset_version, offered: older.dataset_version })
    );
}

#[test]
fn only_collections_whose_sha256_changed_are_downloaded_and_the_rest_kept() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let mut initiatives = cached.initiatives.clone();
    initiatives[0].name = "Kringloopwinkel Nieuwe Naam (demo)".into();
    let (offered, bytes) = publish_initiatives(&index, index.dataset_version + 1, &initiatives);
    assert_eq!(plan_sync(Some(&index), &offered), Ok(SyncPlan::Download(vec!["initiatives"])));

    let downloaded = HashMap::from([("initiatives".to_string(), bytes)]);
    let next = assemble(Some(&cached), offered.clone(), &downloaded).unwrap();
    assert_eq!(next.index.as_ref().unwrap().dataset_version, offered.dataset_version);
    assert_eq!(next.initiatives[0].name, "Kringloopwinkel Nieuwe Naam (demo)");
    assert_eq!(next.municipalities, cached.municipalities);
}

#[test]
fn digests_computed_by_the_caller_are_checked_like_the_bytes() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let mut initiatives = cached.initiatives.clone();
    initiatives[0].name = "Kringloopwinkel Nieuwe Naam (demo)".into();
    let (offered, bytes) = publish_initiatives(&index, index.dataset_version + 1, &initiatives);
    let right = wegwijzer_core::dataset::sha256_hex(&bytes);
    let downloaded = HashMap::from([("initiatives".to_string(), bytes)]);
    // The browser's digest (upper case hex is the same digest) stands in for the crate's.
    let given = HashMap::from([("initiatives".to_string(), right.to_uppercase())]);
    let next = assemble_with_digests(Some(&cached), offered.clone(), &downloaded, &given).unwrap();
    assert_eq!(next.initiatives[0].name, "Kringloopwinkel Nieuwe Naam (demo)");
    // A digest that does not match the index fails as corrupt bytes do, even for intact bytes.
    let mut wrong = right.into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    let wrong = HashMap::from([("initiatives".to_string(), String::from_utf8(wrong).unwrap())]);
    assert!(matches!(
        assemble_with_digests(Some(&cached), offered, &downloaded, &wrong),
        Err(LoadError::ChecksumMismatch { .. })
    ));
}

#[test]
fn a_corrupt_download_is_refused_before_anything_changes() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let (offered, mut bytes) = publish_initiatives(&index, index.dataset_version + 1, &cached.initiatives);
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    let downloaded = HashMap::from([("initiatives".to_string(), bytes)]);
    assert!(matches!(assemble(Some(&cached), offered, &downloaded), Err(LoadError::ChecksumMismatch { .. })));
    // Nothing cached and a collection missing: refused, not half a dataset.
    assert!(matches!(
        assemble(None, index, &HashMap::new()),
        Err(LoadError::MissingCollection(_))
    ));
}

#[test]
fn a_delta_file_is_chosen_when_it_starts_at_the_cached_version_and_applies_exactly() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let v = index.dataset_version;
    let mut changed = cached.initiatives[3].clone();
    changed.phone = Some("+32 51 00 00 00".into());
    let mut added = cached.initiatives[4].clone();
    added.id = "nieuw-initiatief".into();
    let removed = cached.initiatives[5].id.clone();
    let changes = Changes {
        format_version: FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges { upserts: vec![changed.clone(), added.clone()], deletions: vec![removed.clone()], ..Default::default() },
        ..Default::default()
    };
    let mut expected = cached.initiatives.clone();
    expected[3] = changed.clone();
    expected.remove(5);
    expected.push(added.clone());
    let (offered, _) = publish_initiatives(&index, v + 1, &expected);
    let (offered, entry, bytes) = with_changes(offered, &changes);
    // A delta from another version is ignored.
    let mut unrelated = offered.clone();
    unrelated.changes[0].from = v - 1;
    assert_eq!(plan_sync(Some(&index), &unrelated), Ok(SyncPlan::Download(vec!["initiatives"])));

    assert_eq!(plan_sync(Some(&index), &offered), Ok(SyncPlan::Changes(entry.clone())));
    // The delta is the two records it carries and little more (records grew with issue 13's
    // fields, so a fixed byte bound no longer says this).
    let records = serde_json::to_vec(&changed).unwrap().len() + serde_json::to_vec(&added).unwrap().len();
    assert!(bytes.len() < records + 256, "a two-record delta is small: {} bytes for {records} bytes of records", bytes.len());
    let next = apply_changes(&cached, offered, &entry, &bytes).unwrap();
    assert_eq!(next.initiatives, expected);
    assert_eq!(next.initiative("nieuw-initiatief"), Some(&added));
    assert!(next.initiative(&removed).is_none());
}

#[test]
fn a_bad_delta_is_refused() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let v = index.dataset_version;
    // A record that breaks validation (unknown municipality).
    let mut broken = cached.initiatives[0].clone();
    broken.nis = "99999".into();
    let changes = Changes {
        format_version: FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges { upserts: vec![broken], ..Default::default() },
        ..Default::default()
    };
    let (offered, _) = publish_initiatives(&index, v + 1, &cached.initiatives);
    let (offered, entry, bytes) = with_changes(offered, &changes);
    // Since issue 14 that record is left out, as a full download would leave it out; the rest applies.
    let next = apply_changes(&cached, offered.clone(), &entry, &bytes).unwrap();
    assert_eq!(next.left_out_count("initiatives"), 1);
    assert!(next.initiative(&cached.initiatives[0].id).is_none());
    assert_eq!(next.initiatives.len(), cached.initiatives.len() - 1);

    // Counts that do not add up to the new index: refused.
    let mut wrong_count = offered.clone();
    wrong_count.collections.get_mut("initiatives").unwrap().count += 1;
    let fine = Changes { initiatives: CollectionChanges::default(), ..changes.clone() };
    let (wrong_count, entry, bytes) = with_changes(wrong_count, &fine);
    assert!(matches!(apply_changes(&cached, wrong_count, &entry, &bytes), Err(LoadError::CountMismatch { .. })));

    // Tampered bytes: refused on the checksum.
    let (offered, entry, mut bytes) = with_changes(offered, &fine);
    bytes[10] ^= 1;
    assert!(matches!(apply_changes(&cached, offered, &entry, &bytes), Err(LoadError::ChecksumMismatch { .. })));
}

#[test]
fn merge_patch_follows_the_examples_of_rfc_7396() {
    // (target, patch, result): RFC 7396, appendix A.
    let cases = [
        (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
        (json!({"a": "b"}), json!({"b": "c"}), json!({"a": "b", "b": "c"})),
        (json!({"a": "b"}), json!({"a": null}), json!({})),
        (json!({"a": "b", "b": "c"}), json!({"a": null}), json!({"b": "c"})),
        (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
        (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
        (json!({"a": {"b": "c"}}), json!({"a": {"b": "d", "c": null}}), json!({"a": {"b": "d"}})),
        (json!({"a": [{"b": "c"}]}), json!({"a": [1]}), json!({"a": [1]})),
        (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
        (json!({"a": "b"}), json!(["c"]), json!(["c"])),
        (json!({"a": "foo"}), json!(null), json!(null)),
        (json!({"a": "foo"}), json!("bar"), json!("bar")),
        (json!({"e": null}), json!({"a": 1}), json!({"e": null, "a": 1})),
        (json!([1, 2]), json!({"a": "b", "c": null}), json!({"a": "b"})),
        (json!({}), json!({"a": {"bb": {"ccc": null}}}), json!({"a": {"bb": {}}})),
    ];
    for (target, patch, result) in cases {
        let mut merged = target.clone();
        merge_patch(&mut merged, &patch);
        assert_eq!(merged, result, "{target} + {patch}");
    }
}

/// A delta from the sample's version to the next one with these initiative patches.
fn patch_delta(patches: Vec<Patch>) -> (Dataset, Index, ChangesEntry, Vec<u8>, Vec<Initiative>) {
    let (index, _) = sample();
    let cached = sample_dataset();
    let v = index.dataset_version;
    let changes = Changes {
        format_version: PATCHES_FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges { patches, ..Default::default() },
        ..Default::default()
    };
    let initiatives = cached.initiatives.clone();
    let (offered, _) = publish_initiatives(&index, v + 1, &initiatives);
    let (offered, entry, bytes) = with_changes(offered, &changes);
    (cached, offered, entry, bytes, initiatives)
}

#[test]
fn a_patch_changes_only_its_fields_of_the_cached_record() {
    let cached = sample_dataset();
    let target = cached.initiatives[3].clone();
    let patch = Patch { id: target.id.clone(), merge: json!({"name": "Nieuwe naam", "updated_at": "2026-12-01", "address": {"street": "Markt 9"}, "phone": null}) };
    let (cached, offered, entry, bytes, mut expected) = patch_delta(vec![patch]);
    assert!(bytes.len() < 300, "a one-field delta is tiny: {} bytes", bytes.len());
    let next = apply_changes(&cached, offered, &entry, &bytes).unwrap();
    expected[3].name = "Nieuwe naam".into();
    expected[3].updated_at = "2026-12-01".into();
    expected[3].address.street = "Markt 9".into();
    expected[3].phone = None;
    assert_eq!(next.initiatives, expected);
    assert_eq!(next.initiative(&target.id).unwrap().address.postcode, target.address.postcode);
}

#[test]
fn a_patch_that_does_not_apply_makes_the_delta_unusable() {
    let cached = sample_dataset();
    let id = cached.initiatives[0].id.clone();
    let patch = |id: &str, merge: serde_json::Value| Patch { id: id.into(), merge };
    // Refused, so that the client downloads the changed collections instead (src/offline.rs).
    let refused = |patches: Vec<Patch>| {
        let (cached, offered, entry, bytes, _) = patch_delta(patches);
        apply_changes(&cached, offered, &entry, &bytes).unwrap_err()
    };
    // A record the cached version does not have.
    assert!(matches!(refused(vec![patch("onbekend", json!({"name": "x"}))]), LoadError::BadPatch { .. }));
    // No record any more: a required field removed, a field of the wrong type, another key.
    assert!(matches!(refused(vec![patch(&id, json!({"name": null}))]), LoadError::BadPatch { .. }));
    assert!(matches!(refused(vec![patch(&id, json!({"services": "fietspunt"}))]), LoadError::BadPatch { .. }));
    assert!(matches!(refused(vec![patch(&id, json!({"id": "ander-id"}))]), LoadError::BadPatch { .. }));
    // A record that fails the same validation as downloaded data (unknown municipality) is
    // not a broken delta: it is left out, like in a full download (tests/quarantine.rs).
    let (cached, offered, entry, bytes, _) = patch_delta(vec![patch(&id, json!({"nis": "99999"}))]);
    let next = apply_changes(&cached, offered, &entry, &bytes).unwrap();
    assert!(next.initiative(&id).is_none());
    assert_eq!(next.left_out[0].id, id);
    // A delta format after the one with patches: refused as well.
    let (cached, offered, _, _, _) = patch_delta(vec![]);
    let v = offered.dataset_version;
    let later = Changes { format_version: PATCHES_FORMAT_VERSION + 1, from: v - 1, to: v, ..Default::default() };
    let (offered, entry, bytes) = with_changes(Index { changes: vec![], ..offered }, &later);
    assert!(matches!(apply_changes(&cached, offered, &entry, &bytes), Err(LoadError::UnsupportedFormat { .. })));
}

#[test]
fn retries_back_off_exponentially_with_jitter_and_a_ceiling() {
    assert_eq!(retry_delay_ms(0, 0.0), RETRY_BASE_MS / 2.0);
    assert_eq!(retry_delay_ms(0, 1.0), RETRY_BASE_MS);
    assert_eq!(retry_delay_ms(3, 1.0), RETRY_BASE_MS * 8.0);
    assert!(retry_delay_ms(3, 0.3) < retry_delay_ms(3, 0.7));
    assert_eq!(retry_delay_ms(60, 1.0), RETRY_MAX_MS);
}

#[test]
fn focus_syncs_again_only_after_fifteen_minutes() {
    assert!(due_on_focus(None, 0.0));
    assert!(!due_on_focus(Some(1_000.0), 1_000.0 + FOCUS_RESYNC_MS - 1.0));
    assert!(due_on_focus(Some(1_000.0), 1_000.0 + FOCUS_RESYNC_MS));
}

/// Publishes `sources` as sources.json of `base` (same version): only that entry changes.
fn publish_sources(base: &Index, sources: &[Source]) -> (Index, Vec<u8>) {
    let bytes = serde_json::to_vec(&Collection { dataset_version: base.dataset_version, items: sources.to_vec() }).unwrap();
    (with_file(base, SOURCES, &bytes, sources.len()), bytes)
}

#[test]
fn sources_are_a_file_of_their_own_fetched_only_when_they_change() {
    let (index, _) = sample();
    let cached = sample_dataset();
    assert!(index.sources.is_empty(), "the sample lists sources.json, not inline sources");
    assert_eq!(cached.sources.len(), index.collections[SOURCES].count as usize);
    let v = index.dataset_version;
    let mut initiatives = cached.initiatives.clone();
    initiatives[0].name = "Andere naam (demo)".into();
    let (offered, _) = publish_initiatives(&index, v + 1, &initiatives);
    let one_record = Changes {
        format_version: FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges { upserts: vec![initiatives[0].clone()], ..Default::default() },
        ..Default::default()
    };

    // Sources unchanged: not downloaded, and a delta without them keeps the cached ones.
    assert_eq!(plan_sync(Some(&index), &offered), Ok(SyncPlan::Download(vec!["initiatives"])));
    let (with_delta, entry, bytes) = with_changes(offered.clone(), &one_record);
    let next = apply_changes(&cached, with_delta, &entry, &bytes).unwrap();
    assert_eq!(next.sources, cached.sources);

    // Sources changed: their file is downloaded, or the delta must carry them.
    let mut sources = cached.sources.clone();
    sources[0].licence = "CC0 1.0".into();
    let (offered, sources_bytes) = publish_sources(&offered, &sources);
    assert_eq!(plan_sync(Some(&index), &offered), Ok(SyncPlan::Download(vec!["initiatives", "sources"])));
    let (with_delta, entry, bytes) = with_changes(offered.clone(), &one_record);
    assert_eq!(apply_changes(&cached, with_delta, &entry, &bytes).unwrap_err(), LoadError::MissingCollection(SOURCES.into()));
    let carrying = Changes { sources: Some(sources.clone()), ..one_record.clone() };
    let (with_delta, entry, bytes) = with_changes(offered.clone(), &carrying);
    assert_eq!(apply_changes(&cached, with_delta, &entry, &bytes).unwrap().sources, sources);
    let (_, initiatives_bytes) = publish_initiatives(&index, v + 1, &initiatives);
    let downloaded = HashMap::from([("initiatives".to_string(), initiatives_bytes), (SOURCES.to_string(), sources_bytes.clone())]);
    assert_eq!(assemble(Some(&cached), offered.clone(), &downloaded).unwrap().sources, sources);
    // A corrupt sources.json is refused like any collection file.
    let mut corrupt = downloaded.clone();
    corrupt.get_mut(SOURCES).unwrap()[5] ^= 1;
    assert!(matches!(assemble(Some(&cached), offered, &corrupt), Err(LoadError::ChecksumMismatch { .. })));
}

#[test]
fn a_copy_cached_with_inline_sources_moves_to_sources_json() {
    // The older format: sources inline in index.json, no sources.json.
    let (index, files) = sample();
    let mut old = index.clone();
    let entry = old.collections.remove(SOURCES).unwrap();
    old.sources = sample_dataset().sources;
    let mut old_files = files.clone();
    old_files.remove(SOURCES);
    let cached = Dataset::from_files(old.clone(), &old_files).unwrap();
    assert_eq!(cached.sources, old.sources, "inline sources are still read");
    // The new publication lists sources.json: a client with the old copy downloads it.
    let mut offered = index.clone();
    offered.dataset_version += 1;
    assert_eq!(plan_sync(Some(&old), &offered), Ok(SyncPlan::Download(vec!["sources"])));
    let downloaded = HashMap::from([(SOURCES.to_string(), files[SOURCES].clone())]);
    let next = assemble(Some(&cached), offered, &downloaded).unwrap();
    assert_eq!(next.sources, cached.sources);
    assert_eq!(entry.count as usize, next.sources.len());
}

/// A copy that an earlier build stored lacks the fields that build did not know (issue 13's
/// fields, the target groups): it is downloaded again whole, at the same version too, and
/// never patched by a delta; a version going back is still refused.
#[test]
fn a_copy_an_earlier_build_wrote_is_downloaded_again_whole() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let all = vec!["categories", "municipalities", "partnerships", "initiatives", "sources"];
    assert_eq!(plan_sync_for_copy(Some(&cached), &index, true), Ok(SyncPlan::Unchanged));
    assert_eq!(plan_sync_for_copy(Some(&cached), &index, false), Ok(SyncPlan::Download(all.clone())));
    let delta = ChangesEntry { from: index.dataset_version, to: index.dataset_version + 1, file: "changes/1-2.json".into(), bytes: 2, sha256: "00".into() };
    let newer = Index { dataset_version: index.dataset_version + 1, changes: vec![delta.clone()], ..index.clone() };
    assert_eq!(plan_sync_for_copy(Some(&cached), &newer, true), Ok(SyncPlan::Changes(delta)));
    assert_eq!(plan_sync_for_copy(Some(&cached), &newer, false), Ok(SyncPlan::Download(all.clone())));
    assert_eq!(plan_sync_for_copy(None, &index, false), Ok(SyncPlan::Download(all)));
    let mut ahead = cached.clone();
    ahead.index = Some(newer);
    assert!(matches!(plan_sync_for_copy(Some(&ahead), &index, false), Err(LoadError::VersionWentBack { .. })));
}

#[test]
fn reading_the_initiatives_in_steps_gives_what_reading_them_at_once_gives() {
    let (index, _) = sample();
    let cached = sample_dataset();
    // An unreadable record in the middle: left out with its id, in either way of reading.
    let mut items: Vec<serde_json::Value> = cached.initiatives.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
    items.insert(11, json!({ "id": "demo-unreadable", "name": 5 }));
    let version = index.dataset_version + 1;
    let bytes = serde_json::to_vec(&json!({ "dataset_version": version, "items": items })).unwrap();
    let offered = Index { dataset_version: version, ..sample_endpoint::with_file(&index, "initiatives", &bytes, items.len()) };
    let downloaded = HashMap::from([("initiatives".to_string(), bytes)]);
    let digests = HashMap::new();

    let at_once = read_downloaded(Some(&cached), offered.clone(), &downloaded, &digests).unwrap().validate().unwrap();
    let mut reading = ReadSteps::new(Some(&cached), offered, &downloaded, &digests).unwrap();
    let mut steps = 1;
    while !reading.step(7) {
        steps += 1;
    }
    let stepped = reading.finish().unwrap().validate().unwrap();
    // Seven items a step split off the file (envelope.rs), then seven a step read.
    assert_eq!(steps, 2 * items.len().div_ceil(7));
    assert_eq!(stepped.initiatives, at_once.initiatives);
    assert_eq!(stepped.initiatives.len(), cached.initiatives.len());
    assert_eq!(stepped.left_out, at_once.left_out);
    assert_eq!(stepped.left_out.len(), 1);
    assert_eq!((stepped.left_out[0].id.as_str(), stepped.left_out[0].index), ("demo-unreadable", 11));
    assert_eq!(stepped.municipalities, cached.municipalities);
}

#[test]
fn a_broken_initiatives_file_read_in_steps_is_refused_as_when_read_at_once() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let items: Vec<serde_json::Value> = cached.initiatives.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
    let version = index.dataset_version + 1;
    let whole = serde_json::to_vec(&json!({ "dataset_version": version, "items": items })).unwrap();
    // Cut in the middle of the items and closed again: JSON, but not a JSON array of items.
    let mut broken = whole[..whole.len() / 2].to_vec();
    broken.extend_from_slice(b"]}");
    // And a file whose envelope says one more item than the index.
    let mut more = items.clone();
    more.push(items[0].clone());
    let counted = serde_json::to_vec(&json!({ "dataset_version": version, "items": more })).unwrap();
    for (bytes, count, expected) in [(broken, items.len(), "NotJson"), (counted, items.len(), "CountMismatch")] {
        let offered = Index { dataset_version: version, ..sample_endpoint::with_file(&index, "initiatives", &bytes, count) };
        let downloaded = HashMap::from([("initiatives".to_string(), bytes)]);
        let digests = HashMap::new();
        let at_once = read_downloaded(Some(&cached), offered.clone(), &downloaded, &digests).map(|_| ()).unwrap_err();
        let mut reading = ReadSteps::new(Some(&cached), offered, &downloaded, &digests).unwrap();
        let mut steps = 1;
        while !reading.step(3) {
            steps += 1;
        }
        assert!(steps > 1, "{expected}: split in steps");
        let stepped = reading.finish().map(|_| ()).unwrap_err();
        assert_eq!(stepped, at_once, "{expected}");
        assert!(format!("{stepped:?}").starts_with(expected), "{stepped:?}");
    }
}
