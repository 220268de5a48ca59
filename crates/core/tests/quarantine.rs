//! Host tests for record-level quarantine and byte order marks (issue 14, `crates/core/src/quarantine.rs`),
//! on the bundled sample endpoint.

use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::path::Path;
use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset, LoadError};
use wegwijzer_core::model::*;
use wegwijzer_core::quarantine::MAX_LEFT_OUT_PERCENT;
use wegwijzer_core::sync::*;
use wegwijzer_core::validate::{Problem, ProblemKind};

mod sample_endpoint;
use sample_endpoint::{sample, sample_dataset, signed_delta};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Replaces collection `name` with `bytes` as the file of `index` (size, count, SHA-256).
fn put_file(index: &mut Index, files: &mut HashMap<String, Vec<u8>>, name: &str, bytes: Vec<u8>, count: usize) {
    let entry = index.collections.get_mut(name).unwrap();
    entry.bytes = bytes.len() as u64;
    entry.count = count as u64;
    entry.sha256 = sha256_hex(&bytes);
    files.insert(name.to_string(), bytes);
}

/// The sample endpoint as version + 1 with collection `name` holding `items`.
fn republish<T: Serialize>(name: &str, items: &[T]) -> (Index, HashMap<String, Vec<u8>>) {
    let (mut index, mut files) = sample();
    index.dataset_version += 1;
    let bytes = serde_json::to_vec(&json!({"dataset_version": index.dataset_version, "items": items})).unwrap();
    put_file(&mut index, &mut files, name, bytes, items.len());
    (index, files)
}

#[test]
fn one_bad_website_and_one_bad_email_cost_those_two_records_only() {
    let good = sample_dataset();
    let mut initiatives = good.initiatives.clone();
    initiatives[2].website = Some("www.example.be".into());
    initiatives[5].email = Some("info(at)example.be".into());
    let (index, files) = republish("initiatives", &initiatives);
    let data = Dataset::from_files(index, &files).unwrap();
    assert_eq!(data.initiatives.len(), good.initiatives.len() - 2);
    assert_eq!(data.left_out_total(), 2);
    assert!(data.initiative(&initiatives[2].id).is_none());
    assert!(data.initiative(&initiatives[0].id).is_some());
    let (a, b) = (&data.left_out[0], &data.left_out[1]);
    assert_eq!((a.collection, a.index, a.id.as_str(), a.field.as_str()), ("initiatives", 2, initiatives[2].id.as_str(), "website"));
    assert_eq!(a.kind, ProblemKind::BadUrl("www.example.be".into()));
    assert_eq!((b.index, b.field.as_str()), (5, "email"));
    // The left-out records are counted: the dataset is complete, not a first page.
    assert!(data.is_complete());
}

#[test]
fn more_than_the_threshold_refuses_the_publication_whole() {
    let good = sample_dataset();
    let n = good.initiatives.len();
    let allowed = n * MAX_LEFT_OUT_PERCENT / 100;
    let broken = |k: usize| {
        let mut initiatives = good.initiatives.clone();
        for it in initiatives.iter_mut().take(k) {
            it.website = Some("javascript:alert(1)".into());
        }
        republish("initiatives", &initiatives)
    };
    let (index, files) = broken(allowed);
    let data = Dataset::from_files(index, &files).unwrap();
    assert_eq!(data.initiatives.len(), n - allowed);
    assert_eq!(data.left_out_count("initiatives"), allowed);

    let (index, files) = broken(allowed + 1);
    match Dataset::from_files(index, &files) {
        Err(LoadError::Invalid(problems)) => assert_eq!(problems.len(), allowed + 1),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn records_that_refer_to_a_left_out_record_are_left_out_too() {
    let good = sample_dataset();
    // The service category used by the fewest initiatives (but by some), made invalid.
    let uses = |c: &Category| good.initiatives.iter().filter(|i| i.services.contains(&c.id)).count();
    let category = good.categories.iter().filter(|c| uses(c) > 0).min_by_key(|c| uses(c)).unwrap().clone();
    let mut categories = good.categories.clone();
    categories.iter_mut().find(|c| c.id == category.id).unwrap().label.nl = " ".into();
    let (index, files) = republish("categories", &categories);
    let data = Dataset::from_files(index, &files).unwrap();
    assert!(data.category(&category.id).is_none());
    assert_eq!(data.left_out_count("categories"), 1);
    assert_eq!(data.left_out_count("initiatives"), uses(&category));
    assert!(data.initiatives.iter().all(|i| !i.services.contains(&category.id)));
    let reference = data.left_out.iter().find(|p| p.collection == "initiatives").unwrap();
    assert_eq!(reference.kind, ProblemKind::UnknownCategory(category.id.clone()));

    // A municipality left out takes its initiatives and the partnerships it is a member of.
    let based = |m: &Municipality| good.initiatives.iter().filter(|i| i.nis == m.nis || i.serves.contains(&m.nis)).count();
    let member = |m: &Municipality| good.partnerships.iter().filter(|p| p.members.contains(&m.nis)).count();
    let municipality = good.municipalities.iter().filter(|m| based(m) > 0 && member(m) > 0).min_by_key(|m| based(m)).unwrap().clone();
    let mut municipalities = good.municipalities.clone();
    municipalities.iter_mut().find(|m| m.nis == municipality.nis).unwrap().point = Some(Point { lat: 4.0, lon: 51.0 });
    let (index, files) = republish("municipalities", &municipalities);
    let data = Dataset::from_files(index, &files).unwrap();
    assert!(data.municipality(&municipality.nis).is_none());
    assert_eq!(data.left_out_count("initiatives"), based(&municipality));
    assert_eq!(data.left_out_count("partnerships"), member(&municipality));
    assert_eq!(data.left_out_total(), 1 + based(&municipality) + member(&municipality));
    // Problems name the positions in the files, also for records left out in a later round.
    for p in data.left_out.iter().filter(|p| p.collection == "initiatives") {
        assert_eq!(good.initiatives[p.index].id, p.id);
    }
}

#[test]
fn an_item_that_is_not_a_record_is_left_out_with_its_id() {
    let good = sample_dataset();
    let mut items: Vec<serde_json::Value> = good.initiatives.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
    items[1].as_object_mut().unwrap().remove("name");
    items[3]["services"] = json!("fietspunt");
    items[4] = json!(42);
    let (index, files) = republish("initiatives", &items);
    let data = Dataset::from_files(index, &files).unwrap();
    assert_eq!(data.left_out_count("initiatives"), 3);
    // In file order; the item that is not even an object has no id to name.
    let named: Vec<(usize, &str)> = data.left_out.iter().map(|p| (p.index, p.id.as_str())).collect();
    assert_eq!(named, vec![(1, good.initiatives[1].id.as_str()), (3, good.initiatives[3].id.as_str()), (4, "")]);
    assert!(matches!(&data.left_out[0].kind, ProblemKind::Unreadable(d) if d.contains("name")));
    assert_eq!(data.initiatives.len(), good.initiatives.len() - 3);
}

#[test]
fn structural_faults_still_refuse_the_whole_download() {
    let good = sample_dataset();
    let (index, mut files) = republish("initiatives", &good.initiatives);
    // JSON syntax: not a record problem.
    let mut cut = files.clone();
    let (mut cut_index, bytes) = (index.clone(), b"{\"dataset_version\": 1, \"items\": [".to_vec());
    put_file(&mut cut_index, &mut cut, "initiatives", bytes, 0);
    assert!(matches!(Dataset::from_files(cut_index, &cut), Err(LoadError::NotJson { .. })));
    // Wrong count (an item more than the index says).
    let mut wrong = index.clone();
    wrong.collections.get_mut("initiatives").unwrap().count += 1;
    assert!(matches!(Dataset::from_files(wrong, &files), Err(LoadError::CountMismatch { .. })));
    // A checksum that does not match.
    files.get_mut("initiatives").unwrap()[20] ^= 1;
    assert!(matches!(Dataset::from_files(index, &files), Err(LoadError::ChecksumMismatch { .. })));
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_file_and_checked_as_served() {
    let (index, files) = sample();
    let good = Dataset::from_files(index.clone(), &files).unwrap();
    let mut with_bom = files.clone();
    let mut bom_index = index.clone();
    for (name, bytes) in files.iter() {
        let served = [BOM, bytes].concat();
        let count = bom_index.collections[name].count as usize;
        put_file(&mut bom_index, &mut with_bom, name, served, count);
    }
    let index_bytes = [BOM, &serde_json::to_vec(&bom_index).unwrap()].concat();
    let parsed = parse_index(&index_bytes).unwrap();
    assert_eq!(parsed, bom_index);
    let data = Dataset::from_files(parsed.clone(), &with_bom).unwrap();
    assert_eq!(data.initiatives, good.initiatives);
    assert_eq!(data.sources, good.sources);
    assert!(data.left_out.is_empty());
    // Size and SHA-256 are those of the served bytes, mark included.
    let mut stripped_sums = parsed.clone();
    stripped_sums.collections.insert("initiatives".into(), index.collections["initiatives"].clone());
    assert!(matches!(Dataset::from_files(stripped_sums, &with_bom), Err(LoadError::SizeMismatch { .. })));
    // Only one mark: a second is not JSON.
    let twice = [BOM, BOM, b"{}"].concat();
    assert!(matches!(parse_index(&twice), Err(LoadError::NotJson { .. })));

    // A delta file with a mark applies too.
    let v = index.dataset_version;
    let mut renamed = good.initiatives[0].clone();
    renamed.name = "Met BOM (demo)".into();
    let changes = Changes {
        format_version: FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges { upserts: vec![renamed.clone()], ..Default::default() },
        ..Default::default()
    };
    let bytes = [BOM, &serde_json::to_vec(&changes).unwrap()].concat();
    let mut offered = index.clone();
    offered.dataset_version = v + 1;
    let entry = ChangesEntry { from: v, to: v + 1, file: "changes/x.json".into(), bytes: bytes.len() as u64, sha256: sha256_hex(&bytes) };
    let next = apply_changes(&good, offered, &entry, &bytes).unwrap();
    assert_eq!(next.initiative(&renamed.id).unwrap().name, renamed.name);
}

#[test]
fn the_bundled_endpoint_has_no_byte_order_mark() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/v1");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            assert!(!std::fs::read(&path).unwrap().starts_with(BOM), "{} starts with a BOM", path.display());
        }
    }
}

/// A delta that carries an invalid record gives what downloading the whole file gives: the
/// record left out, the rest updated.
#[test]
fn a_delta_with_an_invalid_record_equals_the_full_download() {
    let (index, _) = sample();
    let cached = sample_dataset();
    let v = index.dataset_version;
    let mut broken = cached.initiatives[4].clone();
    broken.website = Some("ftp://example.be".into());
    let mut renamed = cached.initiatives[6].clone();
    renamed.name = "Nieuwe naam (demo)".into();
    let changes = Changes {
        format_version: PATCHES_FORMAT_VERSION,
        from: v,
        to: v + 1,
        initiatives: CollectionChanges {
            upserts: vec![broken.clone()],
            patches: vec![Patch { id: renamed.id.clone(), merge: json!({"name": renamed.name}) }],
            ..Default::default()
        },
        ..Default::default()
    };
    let mut full = cached.initiatives.clone();
    full[4] = broken.clone();
    full[6] = renamed.clone();
    let (mut offered, files) = republish("initiatives", &full);
    let (entry, bytes) = signed_delta(&changes);
    offered.changes = vec![entry.clone()];
    let via_delta = apply_changes(&cached, offered.clone(), &entry, &bytes).unwrap();
    let via_files = assemble(Some(&cached), offered.clone(), &HashMap::from([("initiatives".to_string(), files["initiatives"].clone())])).unwrap();
    assert_eq!(via_delta.initiatives, via_files.initiatives);
    assert_eq!(via_delta.left_out, via_files.left_out);
    assert_eq!(via_delta.left_out.len(), 1);
    assert_eq!(via_delta.left_out[0].id, broken.id);
    assert_eq!(via_delta.initiative(&renamed.id).unwrap().name, renamed.name);

    // Past the threshold, a delta is refused like the full file.
    let many: Vec<Initiative> = cached.initiatives.iter().take(cached.initiatives.len() / 4).map(|i| Initiative { nis: "99999".into(), ..i.clone() }).collect();
    let changes = Changes { initiatives: CollectionChanges { upserts: many, ..Default::default() }, ..changes };
    let (entry, bytes) = signed_delta(&changes);
    assert!(matches!(apply_changes(&cached, offered, &entry, &bytes), Err(LoadError::Invalid(_))));
}

/// The offline copy keeps what was shown; the next publication that fixes the records brings
/// them back, even through a collection whose file did not change.
#[test]
fn a_later_sync_that_fixes_the_records_brings_them_in() {
    let good = sample_dataset();
    let mut initiatives = good.initiatives.clone();
    initiatives[0].website = Some("javascript:x".into());
    let (bad_index, bad_files) = republish("initiatives", &initiatives);
    let shown = Dataset::from_files(bad_index.clone(), &bad_files).unwrap();
    assert_eq!(shown.left_out_count("initiatives"), 1);

    // The left-out list survives the offline copy's serialisation (store.rs keeps it in meta).
    let stored: Vec<Problem> = serde_json::from_str(&serde_json::to_string(&shown.left_out).unwrap()).unwrap();
    assert_eq!(stored, shown.left_out);

    // The next version fixes the record: initiatives is downloaded, and no delta is used.
    let (mut fixed, mut fixed_files) = republish("initiatives", &good.initiatives);
    fixed.dataset_version = bad_index.dataset_version + 1;
    let bytes = serde_json::to_vec(&json!({"dataset_version": fixed.dataset_version, "items": good.initiatives})).unwrap();
    let count = good.initiatives.len();
    put_file(&mut fixed, &mut fixed_files, "initiatives", bytes, count);
    fixed.changes = vec![ChangesEntry { from: bad_index.dataset_version, to: fixed.dataset_version, file: "changes/f.json".into(), bytes: 1, sha256: "0".into() }];
    assert!(matches!(plan_sync(shown.index.as_ref(), &fixed), Ok(SyncPlan::Changes(_))));
    assert_eq!(plan_sync_for(Some(&shown), &fixed), Ok(SyncPlan::Download(vec!["initiatives"])));
    let downloaded = HashMap::from([("initiatives".to_string(), fixed_files["initiatives"].clone())]);
    let next = assemble(Some(&shown), fixed.clone(), &downloaded).unwrap();
    assert!(next.left_out.is_empty());
    assert_eq!(next.initiatives, good.initiatives);

    // A category left out is fetched again with the next version even when its file is the
    // same: another file may have fixed what it lacked. Same version: nothing to do.
    let mut categories = good.categories.clone();
    let uses = |c: &Category| good.initiatives.iter().filter(|i| i.kind == c.id || i.services.contains(&c.id) || i.audience.contains(&c.id)).count();
    categories.iter_mut().min_by_key(|c| uses(c)).unwrap().label.nl = String::new();
    let (cat_index, cat_files) = republish("categories", &categories);
    let shown = Dataset::from_files(cat_index.clone(), &cat_files).unwrap();
    assert_eq!(shown.left_out_count("categories"), 1);
    assert_eq!(plan_sync_for(Some(&shown), &cat_index), Ok(SyncPlan::Unchanged));
    let mut next_version = cat_index.clone();
    next_version.dataset_version += 1;
    let with_left_out: Vec<&str> = COLLECTIONS.into_iter().filter(|c| shown.left_out_count(c) > 0).collect();
    assert!(with_left_out.contains(&"categories"));
    assert_eq!(plan_sync_for(Some(&shown), &next_version), Ok(SyncPlan::Download(with_left_out)));
    // Kept collections carry their left-out records: counts still add up, same result.
    let next = assemble(Some(&shown), next_version, &HashMap::from([("categories".to_string(), cat_files["categories"].clone())])).unwrap();
    assert_eq!(next.left_out, shown.left_out);
    assert_eq!(next.initiatives, shown.initiatives);
}

#[test]
fn publishing_tools_refuse_what_a_client_would_show_incomplete() {
    let mut initiatives = sample_dataset().initiatives;
    initiatives[0].email = Some("nope".into());
    let (index, files) = republish("initiatives", &initiatives);
    let err = Dataset::from_files(index, &files).and_then(Dataset::require_complete).unwrap_err();
    assert!(matches!(err, LoadError::Invalid(p) if p.len() == 1));
}

/// Found by the e2e test: the first page painted from the cache counted the left-out records
/// in its total ("400 initiatieven" where the directory then showed 399).
#[test]
fn the_first_page_counts_only_the_records_shown() {
    use wegwijzer_core::dataset::FIRST_PAGE;
    use wegwijzer_core::results::compute;
    use wegwijzer_core::view_state::DirectoryView;
    let mut initiatives = sample_dataset().initiatives;
    initiatives[0].nis = "99999".into();
    let (index, files) = republish("initiatives", &initiatives);
    let shown = Dataset::from_files(index, &files).unwrap();
    let mut first = Dataset::trusted(
        shown.index.clone(),
        shown.categories.clone(),
        shown.municipalities.clone(),
        shown.partnerships.clone(),
        shown.initiatives[..FIRST_PAGE].to_vec(),
    );
    first.left_out = shown.left_out.clone();
    assert!(!first.is_complete());
    let view = DirectoryView::from_pairs(std::iter::empty());
    let total = compute(&first, None, &view, None, None, 0).unwrap().total;
    assert_eq!(total, initiatives.len() - 1);
    assert_eq!(total, shown.initiatives.len());
}

#[test]
fn validated_a_few_initiatives_at_a_time_a_download_gives_what_it_gives_at_once() {
    use wegwijzer_core::validate::{validate, Validation};
    let good = sample_dataset();
    let mut initiatives = good.initiatives.clone();
    initiatives[1].website = Some("javascript:alert(1)".into());
    initiatives[4].id = initiatives[3].id.clone();
    initiatives[6].services.push("no-such-service".into());
    let (index, files) = republish("initiatives", &initiatives);
    let at_once = read_downloaded(None, index.clone(), &files, &HashMap::new()).unwrap().validate().unwrap();
    for count in [1, 3, 50, usize::MAX] {
        let read = read_downloaded(None, index.clone(), &files, &HashMap::new()).unwrap();
        let mut checking = read.validation();
        let mut steps = 1;
        while !checking.step(count) {
            steps += 1;
        }
        assert_eq!(steps, initiatives.len().div_ceil(count).max(1), "{count}");
        let first = checking.finish();
        assert_eq!(first, validate(&good.categories, &good.municipalities, &good.partnerships, &initiatives), "{count}");
        assert_eq!(first.len(), 3, "{first:?}");
        let stepped = read.validate_with(Some(first)).unwrap();
        assert_eq!(stepped.left_out, at_once.left_out, "{count}");
        let ids = |d: &Dataset| d.initiatives.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&stepped), ids(&at_once), "{count}");
        assert_eq!(stepped.initiatives.len(), initiatives.len() - 3);
    }
    // A category left out in the first round leaves its initiatives out in a second one: the
    // rounds after the given first are still made.
    let mut categories = good.categories.clone();
    let used = categories.iter().position(|c| good.initiatives.iter().any(|i| i.services.contains(&c.id))).unwrap();
    categories[used].label.nl = String::new();
    let (index, files) = republish("categories", &categories);
    let at_once = read_downloaded(None, index.clone(), &files, &HashMap::new()).unwrap().validate().unwrap();
    let read = read_downloaded(None, index, &files, &HashMap::new()).unwrap();
    let mut checking: Validation = read.validation();
    while !checking.step(2) {}
    let first = checking.finish();
    let stepped = read.validate_with(Some(first)).unwrap();
    assert!(stepped.left_out_count("initiatives") > 0);
    assert_eq!(stepped.left_out, at_once.left_out);
}
