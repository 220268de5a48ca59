//! Assembling the endpoint files (docs/data-format.md): the four collections, the optional
//! `geometry`, `index.json` with sizes and SHA-256, and the delta file from the previous
//! publication. Collections whose records did not change keep the previous file byte for byte
//! (and so its `dataset_version` and SHA-256), which is what lets clients skip them.
//!
//! Before anything is returned, the result is loaded the way the app loads it
//! (`Dataset::from_files`) and the delta is applied with `sync::apply_changes` and compared with
//! the new records, so a publication the app would refuse is never written.

use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset};
use wegwijzer_core::model::{
    Audience, CategoriesFile, Category, Changes, ChangesEntry, CollectionChanges, CollectionEntry, Index, Initiative, Keyed,
    Municipality, Partnership, Patch, PeriodInfo, Source, AUDIENCES, COLLECTIONS, FORMAT_VERSION, PATCHES_FORMAT_VERSION, SOURCES,
};
use wegwijzer_core::sync::{apply_changes, merge_patch, MAX_CHANGES_BYTES};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The name of the optional boundary collection.
pub const GEOMETRY: &str = "geometry";
pub const GEOMETRY_FILE: &str = "geometry.topo.json";

/// The previous publication, as read back from its folder.
#[derive(Clone, Debug)]
pub struct Previous {
    pub index: Index,
    pub dataset: Dataset,
    /// File bytes by collection name, including `geometry` when there is one.
    pub files: HashMap<String, Vec<u8>>,
}

/// The records of a publication.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    pub categories: Vec<Category>,
    pub municipalities: Vec<Municipality>,
    pub partnerships: Vec<Partnership>,
    pub initiatives: Vec<Initiative>,
    /// The target groups: `audiences` in `categories.json`, beside the categories.
    pub audiences: Vec<Audience>,
}

impl Records {
    /// The records of a dataset as read (a previous publication, the sample).
    pub fn of(d: &Dataset) -> Records {
        Records {
            categories: d.categories.clone(),
            municipalities: d.municipalities.clone(),
            partnerships: d.partnerships.clone(),
            initiatives: d.initiatives.clone(),
            audiences: d.audiences.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub dataset_version: u64,
    pub generated_at: String,
    pub sample: bool,
    pub publisher: String,
    pub sources: Vec<Source>,
    /// Completeness and reported totals per period (`--periods`).
    pub periods: Vec<PeriodInfo>,
    /// The day the population figures refer to (`--population-date`, or the built-in list's).
    pub population_date: Option<String>,
}

/// Counts per collection of what the delta holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeltaSummary {
    pub from: u64,
    pub to: u64,
    /// Per collection that changed: how many records are new, changed and deleted.
    pub changed: Vec<ChangeCount>,
    /// Whether the delta file was written (it is left out when over the client's size limit).
    pub written: bool,
}

/// What changed in one collection: a record whose key was there before counts as changed
/// (whatever the delta carries: a patch or the whole record), one whose key is new as added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeCount {
    pub collection: String,
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

impl ChangeCount {
    fn of<T: Keyed>(collection: &str, old: &[T], c: &CollectionChanges<T>) -> ChangeCount {
        let before: std::collections::HashSet<&str> = old.iter().map(Keyed::key).collect();
        let replaced = c.upserts.iter().filter(|r| before.contains(r.key())).count();
        ChangeCount {
            collection: collection.to_string(),
            added: c.upserts.len() - replaced,
            changed: replaced + c.patches.len(),
            deleted: c.deletions.len(),
        }
    }

    /// A list that travels whole (sources, target groups): all of its `count` records changed,
    /// or all are new when the previous publication `had` none.
    fn whole_list(collection: &str, count: usize, had: bool) -> ChangeCount {
        let (added, changed) = if had { (0, count) } else { (count, 0) };
        ChangeCount { collection: collection.to_string(), added, changed, deleted: 0 }
    }
}

#[derive(Clone, Debug)]
pub struct Built {
    pub files: Vec<(String, Vec<u8>)>,
    pub index: Index,
    pub dataset: Dataset,
    /// Collections whose previous file was kept as it was.
    pub unchanged: Vec<String>,
    pub delta: Option<DeltaSummary>,
}

fn envelope<T: Serialize>(dataset_version: u64, items: &[T]) -> Result<Vec<u8>, String> {
    #[derive(Serialize)]
    struct Env<'a, T> {
        dataset_version: u64,
        items: &'a [T],
    }
    let mut bytes = serde_json::to_vec(&Env { dataset_version, items }).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `categories.json`: the categories as `items` (what `index.json` counts) and the target
/// groups as `audiences`, a field older builds skip (docs/data-format.md, "Target groups").
pub fn categories_file(dataset_version: u64, items: &[Category], audiences: &[Audience]) -> Result<Vec<u8>, String> {
    let file = CategoriesFile { dataset_version, items: items.to_vec(), audiences: audiences.to_vec() };
    let mut bytes = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The changes that turn `old` into `new` (in `new`'s order): a patch for a changed record when
/// that is smaller than the record, else the whole record as an upsert, as for new records; and
/// the keys of records that are gone.
pub fn diff<T: Keyed + Clone + PartialEq + Serialize>(old: &[T], new: &[T]) -> CollectionChanges<T> {
    let before: HashMap<&str, &T> = old.iter().map(|r| (r.key(), r)).collect();
    let after: HashMap<&str, &T> = new.iter().map(|r| (r.key(), r)).collect();
    let mut changes = CollectionChanges::default();
    for record in new {
        match before.get(record.key()) {
            Some(&previous) if previous == record => {}
            Some(&previous) => match patch_for(previous, record) {
                Some(patch) => changes.patches.push(patch),
                None => changes.upserts.push(record.clone()),
            },
            None => changes.upserts.push(record.clone()),
        }
    }
    changes.deletions = old.iter().filter(|r| !after.contains_key(r.key())).map(|r| r.key().to_string()).collect();
    changes
}

/// The patch from `old` to `new` when it is shorter than `new` written whole and gives `new`
/// back exactly (a merge patch cannot set a value to `null`).
fn patch_for<T: Keyed + Serialize>(old: &T, new: &T) -> Option<Patch> {
    let (before, after) = (serde_json::to_value(old).ok()?, serde_json::to_value(new).ok()?);
    let patch = Patch { id: new.key().to_string(), merge: merge_diff(&before, &after) };
    let mut applied = before;
    merge_patch(&mut applied, &patch.merge);
    let shorter = serde_json::to_vec(&patch).ok()?.len() < serde_json::to_vec(&after).ok()?.len();
    (applied == after && shorter).then_some(patch)
}

/// The JSON Merge Patch (RFC 7396) that turns `old` into `new`: for two objects, the changed
/// members (diffed the same way), `null` for removed ones; otherwise `new` whole.
pub fn merge_diff(old: &Value, new: &Value) -> Value {
    let (Value::Object(old), Value::Object(new)) = (old, new) else {
        return new.clone();
    };
    let mut patch = Map::new();
    for (key, value) in new {
        match old.get(key) {
            Some(before) if before == value => {}
            before => {
                patch.insert(key.clone(), merge_diff(before.unwrap_or(&Value::Null), value));
            }
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        patch.insert(key.clone(), Value::Null);
    }
    Value::Object(patch)
}

/// Same records by key, whatever the order (a delta appends new records at the end).
fn same_by_key<T: Keyed + PartialEq>(a: &[T], b: &[T]) -> bool {
    let index: HashMap<&str, &T> = a.iter().map(|r| (r.key(), r)).collect();
    a.len() == b.len() && b.iter().all(|r| index.get(r.key()) == Some(&r))
}

pub fn build(records: &Records, previous: Option<&Previous>, meta: &Meta, geometry: Option<(Vec<u8>, u64)>) -> Result<Built, String> {
    let v = meta.dataset_version;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut collections = BTreeMap::new();
    let mut unchanged = Vec::new();
    let mut by_name: HashMap<String, Vec<u8>> = HashMap::new();

    // Per collection: the new bytes, or the previous file when its records are the same.
    let mut add = |name: &str, same: bool, fresh: &dyn Fn() -> Result<Vec<u8>, String>, count: usize| -> Result<(), String> {
        let kept = previous.filter(|_| same).and_then(|p| Some((p.index.collections.get(name)?, p.files.get(name)?)));
        let (entry, bytes) = match kept {
            Some((entry, bytes)) => {
                unchanged.push(name.to_string());
                (entry.clone(), bytes.clone())
            }
            None => {
                let bytes = fresh()?;
                let entry = CollectionEntry {
                    file: format!("{name}.json"),
                    bytes: bytes.len() as u64,
                    count: count as u64,
                    sha256: sha256_hex(&bytes),
                };
                (entry, bytes)
            }
        };
        by_name.insert(name.to_string(), bytes.clone());
        files.push((entry.file.clone(), bytes));
        collections.insert(name.to_string(), entry);
        Ok(())
    };
    let prev = previous.map(|p| &p.dataset);
    add(
        "categories",
        prev.is_some_and(|d| d.categories == records.categories && d.audiences == records.audiences),
        &|| categories_file(v, &records.categories, &records.audiences),
        records.categories.len(),
    )?;
    add(
        "municipalities",
        prev.is_some_and(|d| d.municipalities == records.municipalities),
        &|| envelope(v, &records.municipalities),
        records.municipalities.len(),
    )?;
    add(
        "partnerships",
        prev.is_some_and(|d| d.partnerships == records.partnerships),
        &|| envelope(v, &records.partnerships),
        records.partnerships.len(),
    )?;
    add("initiatives", prev.is_some_and(|d| d.initiatives == records.initiatives), &|| envelope(v, &records.initiatives), records.initiatives.len())?;
    // Sources in their own file, not in index.json: clients poll the index, and fetch this
    // only when its SHA-256 changes.
    if !meta.sources.is_empty() {
        add(SOURCES, prev.is_some_and(|d| d.sources == meta.sources), &|| envelope(v, &meta.sources), meta.sources.len())?;
    }

    // Boundaries: new ones, else the previous file carried over unchanged.
    let previous_geometry = previous.and_then(|p| Some((p.index.collections.get(GEOMETRY)?, p.files.get(GEOMETRY)?)));
    let geometry_entry = match (geometry, previous_geometry) {
        (Some((bytes, _)), Some((entry, old))) if &bytes == old => {
            unchanged.push(GEOMETRY.to_string());
            Some((entry.clone(), bytes))
        }
        (Some((bytes, count)), _) => Some((
            CollectionEntry { file: GEOMETRY_FILE.into(), bytes: bytes.len() as u64, count, sha256: sha256_hex(&bytes) },
            bytes,
        )),
        (None, Some((entry, old))) => {
            unchanged.push(GEOMETRY.to_string());
            Some((entry.clone(), old.clone()))
        }
        (None, None) => None,
    };
    if let Some((entry, bytes)) = geometry_entry {
        files.push((entry.file.clone(), bytes));
        collections.insert(GEOMETRY.to_string(), entry);
    }

    let mut index = Index {
        format_version: FORMAT_VERSION,
        dataset_version: v,
        generated_at: meta.generated_at.clone(),
        sample: meta.sample,
        publisher: meta.publisher.clone(),
        sources: Vec::new(),
        collections,
        changes: Vec::new(),
        periods: meta.periods.clone(),
        population_date: meta.population_date.clone(),
    };

    // The delta from the previous version.
    let mut delta = None;
    let mut delta_file = None;
    if let Some(p) = previous {
        let mut changes = Changes {
            format_version: FORMAT_VERSION,
            from: p.index.dataset_version,
            to: v,
            categories: diff(&p.dataset.categories, &records.categories),
            municipalities: diff(&p.dataset.municipalities, &records.municipalities),
            partnerships: diff(&p.dataset.partnerships, &records.partnerships),
            initiatives: diff(&p.dataset.initiatives, &records.initiatives),
            // Also when the previous publication had them inline (older format), so its
            // clients need not download sources.json besides the delta.
            sources: (!meta.sources.is_empty()
                && (p.dataset.sources != meta.sources || !p.index.collections.contains_key(SOURCES)))
            .then(|| meta.sources.clone()),
            // The whole list when it changed: it is short, and patches would need a key type
            // for a field older builds do not read.
            audiences: (p.dataset.audiences != records.audiences).then(|| records.audiences.clone()),
        };
        let patched = !(changes.categories.patches.is_empty()
            && changes.municipalities.patches.is_empty()
            && changes.partnerships.patches.is_empty()
            && changes.initiatives.patches.is_empty());
        if patched {
            changes.format_version = PATCHES_FORMAT_VERSION;
        }
        let sources_count = changes.sources.as_ref().map_or(0, Vec::len);
        let had_sources = !p.dataset.sources.is_empty();
        let audiences_count = changes.audiences.as_ref().map_or(0, Vec::len);
        let had_audiences = !p.dataset.audiences.is_empty();
        let changed = [
            ChangeCount::of("categories", &p.dataset.categories, &changes.categories),
            ChangeCount::of("municipalities", &p.dataset.municipalities, &changes.municipalities),
            ChangeCount::of("partnerships", &p.dataset.partnerships, &changes.partnerships),
            ChangeCount::of("initiatives", &p.dataset.initiatives, &changes.initiatives),
            ChangeCount::whole_list(SOURCES, sources_count, had_sources),
            ChangeCount::whole_list(AUDIENCES, audiences_count, had_audiences),
        ]
        .into_iter()
        .filter(|c| c.added + c.changed + c.deleted > 0)
        .collect();
        let mut bytes = serde_json::to_vec(&changes).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        let written = bytes.len() as u64 <= MAX_CHANGES_BYTES;
        if written {
            let entry = ChangesEntry {
                from: changes.from,
                to: v,
                file: format!("changes/{}-{}.json", changes.from, v),
                bytes: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            };
            index.changes.push(entry.clone());
            files.push((entry.file.clone(), bytes.clone()));
            delta_file = Some((entry, bytes));
        }
        delta = Some(DeltaSummary { from: changes.from, to: v, changed, written });
    }

    // Compact: clients poll it, and every byte of it counts in every sync.
    let mut index_bytes = serde_json::to_vec(&index).map_err(|e| e.to_string())?;
    index_bytes.push(b'\n');

    // Load it as the app would: a full download, and the delta from the previous version.
    let parsed = parse_index(&index_bytes).map_err(|e| format!("index.json: {e}"))?;
    if parsed != index {
        return Err("index.json does not read back as written".into());
    }
    for name in COLLECTIONS {
        if !by_name.contains_key(name) {
            return Err(format!("collection {name} is missing"));
        }
    }
    let dataset = Dataset::from_files(parsed.clone(), &by_name).and_then(Dataset::require_complete).map_err(|e| e.to_string())?;
    if dataset.audiences != records.audiences {
        return Err("categories.json: the target groups do not read back as written".into());
    }
    if let (Some(p), Some((entry, bytes))) = (previous, &delta_file) {
        let applied = apply_changes(&p.dataset, parsed, entry, bytes).and_then(Dataset::require_complete).map_err(|e| format!("{}: {e}", entry.file))?;
        let ok = same_by_key(&applied.categories, &records.categories)
            && same_by_key(&applied.municipalities, &records.municipalities)
            && same_by_key(&applied.partnerships, &records.partnerships)
            && same_by_key(&applied.initiatives, &records.initiatives)
            && applied.sources == dataset.sources
            && applied.audiences == dataset.audiences;
        if !ok {
            return Err(format!("{}: applying it does not give the new records", entry.file));
        }
    }
    files.push(("index.json".into(), index_bytes));
    Ok(Built { files, index, dataset, unchanged, delta })
}
