//! Property tests of the whole ingest path (issue 14): generated and mutated endpoint files and
//! delta files go through verification, parsing, validation, quarantine and `apply_changes`.
//! Whatever arrives, nothing panics and the result is either an error (the client keeps its
//! previous data) or a dataset that is valid, complete and within the left-out threshold.
//!
//! Bounded for CI (64 cases per property, a few seconds). A longer local run:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz_ingest`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset};
use wegwijzer_core::model::*;
use wegwijzer_core::quarantine::MAX_LEFT_OUT_PERCENT;
use wegwijzer_core::sync::{apply_changes, assemble};
use wegwijzer_core::validate::validate;

const FILES: [&str; 6] = ["index.json", "categories", "municipalities", "partnerships", "initiatives", "sources"];
const FIELDS: [&str; 14] =
    ["id", "nis", "name", "kind", "services", "serves", "website", "email", "phone", "point", "label", "members", "period", "updated_at"];

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A small endpoint cut from the bundled sample: all categories, municipalities and
/// partnerships, the first 30 initiatives; its index, its files by collection name, and the
/// dataset it gives. Built once.
fn fixture() -> (Index, HashMap<String, Vec<u8>>) {
    FIXTURE.get_or_init(build_fixture).0.clone()
}

fn cached_dataset() -> &'static Dataset {
    &FIXTURE.get_or_init(build_fixture).1
}

static FIXTURE: std::sync::OnceLock<((Index, HashMap<String, Vec<u8>>), Dataset)> = std::sync::OnceLock::new();

fn build_fixture() -> ((Index, HashMap<String, Vec<u8>>), Dataset) {
    let (index, files) = read_fixture();
    let dataset = Dataset::from_files(index.clone(), &files).unwrap();
    ((index, files), dataset)
}

fn read_fixture() -> (Index, HashMap<String, Vec<u8>>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/v1");
    let mut index = parse_index(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    index.changes.clear();
    // Record collections only: the map's boundaries (`geometry`) are no records and the app
    // reads them apart (docs/data-format.md).
    index.collections.retain(|name, _| COLLECTIONS.contains(&name.as_str()) || name == SOURCES);
    let mut files = HashMap::new();
    for (name, entry) in index.collections.iter_mut() {
        let mut collection: Value = serde_json::from_slice(&std::fs::read(dir.join(&entry.file)).unwrap()).unwrap();
        if name == "initiatives" {
            collection["items"].as_array_mut().unwrap().truncate(30);
        }
        let bytes = serde_json::to_vec(&collection).unwrap();
        *entry = CollectionEntry { file: entry.file.clone(), bytes: bytes.len() as u64, count: collection["items"].as_array().unwrap().len() as u64, sha256: sha256_hex(&bytes) };
        files.insert(name.clone(), bytes);
    }
    (index, files)
}

#[derive(Clone, Debug)]
enum Mutation {
    /// Set `FIELDS[field]` of item `record` (modulo the count) to `value`.
    SetField { record: usize, field: usize, value: Value },
    RemoveField { record: usize, field: usize },
    DuplicateRecord(usize),
    DropRecord(usize),
    ReplaceRecord(usize, Value),
    /// Byte-level, after the JSON-level ones.
    FlipByte(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Bom,
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        "\\PC{0,30}".prop_map(Value::from),
        prop::sample::select(vec![
            "javascript:alert(1)", "https://www.example.be", "info@example.be", "+32 51 12 34 56", "99999", "11002",
            "lde", "fietspunt", "", " ", "\u{202E}evil", "demo-00001", "\u{FEFF}",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(prop::sample::select(FIELDS.to_vec()).prop_map(String::from), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Edits that keep a record readable but may make it invalid (or refer to nothing).
fn plausible_edit() -> impl Strategy<Value = (&'static str, Value)> {
    prop::sample::select(vec![
        ("website", json!("javascript:alert(1)")),
        ("website", json!("https://www.example.be/pad")),
        ("email", json!("info(at)example.be")),
        ("nis", json!("99999")),
        ("nis", json!("11002")),
        ("kind", json!("fietspunt")),
        ("services", json!(["onbekend"])),
        ("name", json!(" ")),
        ("name", json!("\u{202E}Nieuwe naam")),
        ("phone", json!("12")),
        ("point", json!({"lat": 4.0, "lon": 51.0})),
        ("id", json!("")),
        ("id", json!("demo-00002")),
    ])
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0..FIELDS.len(), json_value()).prop_map(|(record, field, value)| Mutation::SetField { record, field, value }),
        2 => (any::<usize>(), 0..FIELDS.len()).prop_map(|(record, field)| Mutation::RemoveField { record, field }),
        1 => any::<usize>().prop_map(Mutation::DuplicateRecord),
        1 => any::<usize>().prop_map(Mutation::DropRecord),
        1 => (any::<usize>(), json_value()).prop_map(|(r, v)| Mutation::ReplaceRecord(r, v)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => Just(Mutation::Bom),
    ]
}

/// Applies the mutations to a JSON file's bytes: JSON-level ones to its `items` (or to the
/// top-level object for index.json), then byte-level ones.
fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(bytes).unwrap();
    let is_index = doc.get("items").is_none();
    for m in mutations {
        let items = if is_index { None } else { doc["items"].as_array_mut() };
        match (m, items) {
            (Mutation::SetField { record, field, value }, Some(items)) if !items.is_empty() => {
                let n = items.len();
                if let Some(o) = items[record % n].as_object_mut() {
                    o.insert(FIELDS[*field].into(), value.clone());
                }
            }
            (Mutation::SetField { field, value, .. }, None) => {
                let key = ["format_version", "dataset_version", "collections", "changes", "sample"][field % 5];
                doc[key] = value.clone();
            }
            (Mutation::RemoveField { record, field }, Some(items)) if !items.is_empty() => {
                let n = items.len();
                if let Some(o) = items[record % n].as_object_mut() {
                    o.remove(FIELDS[*field]);
                }
            }
            (Mutation::DuplicateRecord(r), Some(items)) if !items.is_empty() => {
                let copy = items[r % items.len()].clone();
                items.push(copy);
            }
            (Mutation::DropRecord(r), Some(items)) if !items.is_empty() => {
                let n = items.len();
                items.remove(r % n);
            }
            (Mutation::ReplaceRecord(r, v), Some(items)) if !items.is_empty() => {
                let n = items.len();
                items[r % n] = v.clone();
            }
            _ => {}
        }
    }
    let mut out = serde_json::to_vec(&doc).unwrap();
    for m in mutations {
        match m {
            Mutation::FlipByte(i, b) if !out.is_empty() => {
                let n = out.len();
                out[i % n] ^= b;
            }
            Mutation::Truncate(i) if !out.is_empty() => {
                let n = out.len();
                out.truncate(i % n);
            }
            Mutation::Insert(i, b) => {
                let at = i % (out.len() + 1);
                out.splice(at..at, b.iter().copied());
            }
            Mutation::Bom => {
                out.splice(0..0, *b"\xEF\xBB\xBF");
            }
            _ => {}
        }
    }
    out
}

/// What every dataset that comes out of ingest must be.
fn assert_usable(d: &Dataset) {
    let problems = validate(&d.categories, &d.municipalities, &d.partnerships, &d.initiatives);
    assert!(problems.is_empty(), "an accepted dataset is valid: {problems:?}");
    assert!(d.is_complete(), "accepted records plus left-out ones add up to the index");
    let index = d.index.as_ref().expect("an ingested dataset has its index");
    for name in COLLECTIONS {
        let total = index.collections[name].count as usize;
        assert!(d.left_out_count(name) * 100 <= total * MAX_LEFT_OUT_PERCENT, "{name}: over the threshold");
    }
    let counts = [d.categories.len(), d.municipalities.len(), d.partnerships.len(), d.initiatives.len()];
    for (name, n) in COLLECTIONS.into_iter().zip(counts) {
        assert_eq!(n + d.left_out_count(name), index.collections[name].count as usize, "{name}");
    }
}

/// Whether `name`'s entry in `index` should describe the mutated bytes (so they pass
/// verification and reach the reader), and the item count when it can be read.
fn resign(index: &mut Index, name: &str, bytes: &[u8]) {
    let count = serde_json::from_slice::<Value>(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .ok()
        .and_then(|v| v.get("items").and_then(|i| i.as_array()).map(|a| a.len() as u64));
    if let Some(entry) = index.collections.get_mut(name) {
        entry.bytes = bytes.len() as u64;
        entry.sha256 = sha256_hex(bytes);
        if let Some(count) = count {
            entry.count = count;
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A first download and a sync onto a cached copy, with one file mutated (and, mostly,
    /// index.json updated to describe it, so the mutation gets past the checksums).
    #[test]
    fn mutated_endpoint_files_never_panic_and_give_a_usable_dataset_or_an_error(
        file in 0..FILES.len(),
        mutations in prop::collection::vec(mutation(), 1..5),
        resigned in prop::bool::weighted(0.8),
        newer in any::<bool>(),
    ) {
        let (mut index, mut files) = fixture();
        let cached = cached_dataset();
        if newer {
            index.dataset_version += 1;
        }
        let name = FILES[file];
        let index_bytes = if name == "index.json" {
            mutate(&serde_json::to_vec(&index).unwrap(), &mutations)
        } else {
            let bytes = mutate(&files[name], &mutations);
            if resigned {
                resign(&mut index, name, &bytes);
            }
            files.insert(name.to_string(), bytes);
            serde_json::to_vec(&index).unwrap()
        };
        let Ok(offered) = parse_index(&index_bytes) else { return Ok(()) };
        if let Ok(d) = Dataset::from_files(offered.clone(), &files) {
            assert_usable(&d);
        }
        // A sync that downloads only the mutated collection, keeping the cached rest.
        let downloaded: HashMap<String, Vec<u8>> = files.iter().filter(|(n, _)| n.as_str() == name).map(|(n, b)| (n.clone(), b.clone())).collect();
        if let Ok(d) = assemble(Some(cached), offered, &downloaded) {
            assert_usable(&d);
        }
    }

    /// Generated delta files: upserts of mutated records, patches with arbitrary values,
    /// deletions of known and unknown ids, with or without a byte order mark or damage.
    #[test]
    fn generated_delta_files_never_panic_and_give_a_usable_dataset_or_an_error(
        upserts in prop::collection::vec((0usize..30, prop::collection::vec(plausible_edit(), 0..3), prop::collection::vec(mutation(), 0..2)), 0..4),
        patches in prop::collection::vec((0usize..30, prop_oneof![plausible_edit().prop_map(|(k, v)| json!({ k: v })), json_value()]), 0..4),
        deletions in prop::collection::vec((0usize..40, any::<bool>()), 0..4),
        damage in prop::option::weighted(0.2, mutation()),
        count_shift in prop_oneof![6 => Just(0i64), 1 => -2i64..3],
    ) {
        let (index, _) = fixture();
        let cached = cached_dataset();
        let v = index.dataset_version;
        let record = |i: usize| serde_json::to_value(&cached.initiatives[i % cached.initiatives.len()]).unwrap();
        let upserts: Vec<Value> = upserts.iter().map(|(i, edits, m)| {
            let mut r = record(*i);
            for (k, v) in edits {
                r[*k] = v.clone();
            }
            let doc = serde_json::to_vec(&json!({"items": [r]})).unwrap();
            let json_only: Vec<Mutation> = m.iter().filter(|m| !matches!(m, Mutation::FlipByte(..) | Mutation::Truncate(_) | Mutation::Insert(..) | Mutation::Bom)).cloned().collect();
            serde_json::from_slice::<Value>(&mutate(&doc, &json_only)).unwrap()["items"][0].clone()
        }).collect();
        let patches: Vec<Value> = patches.iter().map(|(i, merge)| json!({"id": record(*i)["id"], "merge": merge})).collect();
        let deletions: Vec<String> = deletions.iter().map(|(i, known)| if *known { record(*i)["id"].as_str().unwrap().to_string() } else { format!("onbekend-{i}") }).collect();
        let delta = json!({
            "format_version": PATCHES_FORMAT_VERSION, "from": v, "to": v + 1,
            "initiatives": {"upserts": upserts, "patches": patches, "deletions": deletions},
        });
        let bytes = mutate(&serde_json::to_vec(&delta).unwrap(), damage.as_slice());
        let mut offered = index.clone();
        offered.dataset_version = v + 1;
        // The count the publisher would declare, or a wrong one.
        let entry = offered.collections.get_mut("initiatives").unwrap();
        // As `merge` counts: the cached records not deleted, plus every upsert of an id not among them.
        let remaining: std::collections::HashSet<&str> =
            cached.initiatives.iter().map(|i| i.id.as_str()).filter(|id| !deletions.iter().any(|d| d == id)).collect();
        let appended = upserts.iter().filter(|u| !u["id"].as_str().is_some_and(|id| remaining.contains(id))).count();
        entry.count = (remaining.len() as i64 + appended as i64 + count_shift).max(0) as u64;
        let changes = ChangesEntry { from: v, to: v + 1, file: "changes/f.json".into(), bytes: bytes.len() as u64, sha256: sha256_hex(&bytes) };
        if let Ok(d) = apply_changes(cached, offered, &changes, &bytes) {
            assert_usable(&d);
        }
    }
}
