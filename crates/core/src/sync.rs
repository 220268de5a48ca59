//! The sync protocol's decisions, free of I/O so they are tested on the host: what to fetch
//! for a newly offered `index.json`, how a delta file applies, when to retry and when to sync
//! again. `store.rs` and `api.rs` do the reading and writing in the browser.
//!
//! ```
//! use wegwijzer_core::sync::{plan_sync, SyncPlan};
//! # let index: wegwijzer_core::model::Index = serde_json::from_str(r#"{"format_version":1,
//! #   "dataset_version":3,"generated_at":"","publisher":"","collections":{}}"#).unwrap();
//! // Nothing cached yet: download every collection.
//! assert!(matches!(plan_sync(None, &index), Ok(SyncPlan::Download(_))));
//! // The same version again costs nothing further.
//! assert_eq!(plan_sync(Some(&index), &index), Ok(SyncPlan::Unchanged));
//! ```

use crate::dataset::{check_envelope, is_plain_file_name, json_error, parse_collection, parse_screened, read_audiences, sha256_hex, valid_audiences, verify_file_with, Dataset, LoadError};
use crate::envelope::EnvelopeReader;
use crate::quarantine::{left_out_records, strip_bom, ItemReader, Records, Screened};
use crate::validate::{Problem, Validation};
use crate::model::{Category, Changes, ChangesEntry, CollectionChanges, Index, Initiative, Keyed, Municipality, Partnership, Source, COLLECTIONS, FORMAT_VERSION, PATCHES_FORMAT_VERSION, SOURCES};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use crate::order;

/// A delta file is small by nature; anything bigger is refused before it is read.
pub const MAX_CHANGES_BYTES: u64 = 4 * 1024 * 1024;
/// Sync again when the app regains focus after this long.
pub const FOCUS_RESYNC_MS: f64 = 15.0 * 60.0 * 1000.0;
/// First retry after a failure; doubles per attempt up to [`RETRY_MAX_MS`].
pub const RETRY_BASE_MS: f64 = 5_000.0;
pub const RETRY_MAX_MS: f64 = 30.0 * 60.0 * 1000.0;

/// What a sync must do once it has the endpoint's `index.json`.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncPlan {
    /// Same dataset version as cached: no further requests.
    Unchanged,
    /// One delta file from the cached version to the offered one.
    Changes(ChangesEntry),
    /// Download these collections; the others are unchanged (same SHA-256) and kept.
    Download(Vec<&'static str>),
}

/// Decides what to fetch. `cached` is the index of the dataset in use, if any.
/// An offered version lower than the cached one is refused: the cached data stays.
pub fn plan_sync(cached: Option<&Index>, offered: &Index) -> Result<SyncPlan, LoadError> {
    // The optional sources collection counts when the offered index lists it.
    let names = COLLECTIONS.into_iter().chain(offered.collections.contains_key(SOURCES).then_some(SOURCES));
    let Some(cached) = cached else {
        return Ok(SyncPlan::Download(names.collect()));
    };
    if offered.dataset_version < cached.dataset_version {
        return Err(LoadError::VersionWentBack { cached: cached.dataset_version, offered: offered.dataset_version });
    }
    if offered.dataset_version == cached.dataset_version {
        return Ok(SyncPlan::Unchanged);
    }
    let delta = offered.changes.iter().find(|c| {
        c.from == cached.dataset_version && c.to == offered.dataset_version && is_plain_file_name(&c.file)
    });
    if let Some(delta) = delta {
        return Ok(SyncPlan::Changes(delta.clone()));
    }
    Ok(SyncPlan::Download(names.filter(|name| !same_file(cached, offered, name)).collect()))
}

/// [`plan_sync`] for the dataset in use, which may lack records it left out (`quarantine.rs`).
/// Such a copy cannot take a delta (its patches could name a record it does not have, and the
/// result would not add up to the offered counts), and a collection with left-out records is
/// downloaded again with any new version even when its file is unchanged, because another file
/// may have fixed what those records referred to.
pub fn plan_sync_for(cached: Option<&Dataset>, offered: &Index) -> Result<SyncPlan, LoadError> {
    let Some(cached) = cached.filter(|d| !d.left_out.is_empty()) else {
        return plan_sync(cached.and_then(|d| d.index.as_ref()), offered);
    };
    let without_deltas = Index { changes: Vec::new(), ..offered.clone() };
    match plan_sync(cached.index.as_ref(), &without_deltas)? {
        SyncPlan::Download(mut names) => {
            for name in COLLECTIONS {
                if cached.left_out_count(name) > 0 && !names.contains(&name) {
                    names.push(name);
                }
            }
            order::sort_by_key(&mut names, |n| COLLECTIONS.iter().chain([&SOURCES]).position(|c| c == n));
            Ok(SyncPlan::Download(names))
        }
        other => Ok(other),
    }
}

/// [`plan_sync_for`] for a copy that `current` says this build wrote (stored with this build's
/// [`crate::validate::RULES_VERSION`]). A copy an earlier build wrote holds only the fields that
/// build knew: it dropped what it did not read (issue 13's fields of initiatives, the target
/// groups of `categories.json`) when it stored its records. So every collection is downloaded
/// again, at the same version too, and no delta is applied to it; a version going back is
/// still refused.
pub fn plan_sync_for_copy(cached: Option<&Dataset>, offered: &Index, current: bool) -> Result<SyncPlan, LoadError> {
    let plan = plan_sync_for(cached, offered)?;
    if current || cached.is_none() {
        return Ok(plan);
    }
    plan_sync(None, offered)
}

/// Whether collection `name` has the same SHA-256 in both indexes (and is listed in both).
fn same_file(a: &Index, b: &Index, name: &str) -> bool {
    let sha = |i: &Index| i.collections.get(name).map(|e| e.sha256.trim().to_ascii_lowercase());
    sha(a).is_some() && sha(a) == sha(b)
}

/// The sources of the offered version: its [`SOURCES`] collection (`fresh`, when its file or
/// a delta brought one, else the cached one when the file is the same), or the index's inline
/// list in the older format.
fn offered_sources(cached: Option<&Dataset>, offered: &Index, fresh: Option<Vec<Source>>) -> Result<Vec<Source>, LoadError> {
    if !offered.collections.contains_key(SOURCES) {
        return Ok(offered.sources.clone());
    }
    if let Some(sources) = fresh {
        return Ok(sources);
    }
    match cached {
        Some(c) if c.index.as_ref().is_some_and(|i| same_file(i, offered, SOURCES)) => Ok(c.sources.clone()),
        _ => Err(LoadError::MissingCollection(SOURCES.into())),
    }
}

/// Builds the offered version from the cached dataset and the downloaded collection files
/// (by collection name). Collections not downloaded are taken from `cached`. Everything is
/// verified (size, SHA-256, version, count) and validated before the result exists.
/// Invalid records are left out (`quarantine.rs`); a kept collection keeps the problems of the
/// records it left out before.
pub fn assemble(cached: Option<&Dataset>, offered: Index, downloaded: &HashMap<String, Vec<u8>>) -> Result<Dataset, LoadError> {
    assemble_with_digests(cached, offered, downloaded, &HashMap::new())
}

/// [`assemble`] with the SHA-256 (hex) of some downloaded files already computed by the caller
/// (by collection name; see [`crate::dataset::verify_file_with`]); the others are computed here.
pub fn assemble_with_digests(
    cached: Option<&Dataset>,
    offered: Index,
    downloaded: &HashMap<String, Vec<u8>>,
    digests: &HashMap<String, String>,
) -> Result<Dataset, LoadError> {
    read_downloaded(cached, offered, downloaded, digests)?.validate()
}

/// The downloaded files verified and read, with the kept collections, before the records are
/// validated: [`assemble_with_digests`] in two steps, so a caller on the main thread can let
/// the browser paint or handle input in between ([`Read::validate`] is the second).
pub struct Read {
    offered: Index,
    records: Records,
    left_out: Vec<Problem>,
    sources: Vec<Source>,
    audiences: Vec<crate::model::Audience>,
}

impl Read {
    /// The dataset, every record validated (invalid ones left out, `quarantine.rs`).
    pub fn validate(self) -> Result<Dataset, LoadError> {
        self.validate_with(None)
    }

    /// The first check of the records ([`Read::validate`]) to run in steps; its
    /// [`Validation::finish`] is what [`Read::validate_with`] takes.
    pub fn validation(&self) -> Validation<'_> {
        let r = &self.records;
        Validation::new(&r.categories.items, &r.municipalities.items, &r.partnerships.items, &r.initiatives.items)
    }

    /// [`Read::validate`], given the problems [`Read::validation`] found (`None`: found here).
    pub fn validate_with(self, first: Option<Vec<Problem>>) -> Result<Dataset, LoadError> {
        let mut dataset = Dataset::screened_with(Some(self.offered), self.records, self.left_out, first)?;
        dataset.sources = self.sources;
        dataset.audiences = self.audiences;
        Ok(dataset)
    }
}

/// The first step of [`assemble_with_digests`]: verifies and reads the downloaded files (see
/// [`Read`]).
pub fn read_downloaded(
    cached: Option<&Dataset>,
    offered: Index,
    downloaded: &HashMap<String, Vec<u8>>,
    digests: &HashMap<String, String>,
) -> Result<Read, LoadError> {
    ReadSteps::new(cached, offered, downloaded, digests)?.finish()
}

/// A collection's records: downloaded (verified and read), or kept from the cached copy.
fn pick<T: Clone + serde::de::DeserializeOwned>(
    offered: &Index,
    name: &'static str,
    downloaded: &HashMap<String, Vec<u8>>,
    digests: &HashMap<String, String>,
    cached: Option<(&Vec<T>, &[Problem])>,
    left_out: &mut Vec<Problem>,
) -> Result<Screened<T>, LoadError> {
    match (downloaded.get(name), cached) {
        (Some(bytes), _) => {
            let (records, mut problems) = parse_screened(offered, name, bytes, digests.get(name).map(String::as_str))?;
            left_out.append(&mut problems);
            Ok(records)
        }
        (None, Some((items, problems))) => {
            // The kept copy lacks the records it left out: they still count in the file.
            left_out.extend(problems.iter().filter(|p| p.collection == name).cloned());
            let mut kept = Screened::all(items.clone());
            kept.total += left_out_records(problems, name);
            Ok(kept)
        }
        (None, None) => Err(LoadError::MissingCollection(name.into())),
    }
}

/// [`read_downloaded`] with the downloaded initiatives (the bulk of a dataset: 10,000 take
/// seconds on a phone) read a few at a time, so that a caller on the browser's main thread can
/// let it paint and handle input between steps. Every file is verified when this is made.
///
/// ```ignore
/// let mut reading = ReadSteps::new(cached, offered, &files, &digests)?;
/// while !reading.step(100) { next_task().await; }
/// let dataset = reading.finish()?.validate()?;
/// ```
pub struct ReadSteps<'a> {
    offered: Index,
    cached: Option<&'a Dataset>,
    downloaded: &'a HashMap<String, Vec<u8>>,
    digests: &'a HashMap<String, String>,
    left_out: Vec<Problem>,
    categories: Screened<Category>,
    municipalities: Screened<Municipality>,
    partnerships: Screened<Partnership>,
    initiatives: Initiatives<'a>,
}

enum Initiatives<'a> {
    Kept(Screened<Initiative>),
    /// The file verified; its items being split off (`envelope.rs`).
    Splitting(EnvelopeReader<'a>),
    Reading(ItemReader<'a, Initiative>),
    /// Splitting them failed: [`ReadSteps::finish`] says why.
    Failed(LoadError),
}

impl<'a> ReadSteps<'a> {
    /// Verifies every downloaded file and reads all but the initiatives' records.
    pub fn new(
        cached: Option<&'a Dataset>,
        offered: Index,
        downloaded: &'a HashMap<String, Vec<u8>>,
        digests: &'a HashMap<String, String>,
    ) -> Result<Self, LoadError> {
        fn kept(d: &Dataset) -> &[Problem] {
            &d.left_out
        }
        let mut left_out = Vec::new();
        let categories = pick(&offered, "categories", downloaded, digests, cached.map(|d| (&d.categories, kept(d))), &mut left_out)?;
        let municipalities = pick(&offered, "municipalities", downloaded, digests, cached.map(|d| (&d.municipalities, kept(d))), &mut left_out)?;
        let partnerships = pick(&offered, "partnerships", downloaded, digests, cached.map(|d| (&d.partnerships, kept(d))), &mut left_out)?;
        let initiatives = match downloaded.get("initiatives") {
            Some(bytes) => {
                verify_file_with(&offered.collections["initiatives"], bytes, digests.get("initiatives").map(String::as_str))?;
                Initiatives::Splitting(EnvelopeReader::new(strip_bom(bytes)))
            }
            None => Initiatives::Kept(pick(&offered, "initiatives", downloaded, digests, cached.map(|d| (&d.initiatives, kept(d))), &mut left_out)?),
        };
        Ok(ReadSteps { offered, cached, downloaded, digests, left_out, categories, municipalities, partnerships, initiatives })
    }

    /// Splits off, then reads, up to `count` more initiatives; true once all are read (or the
    /// file turned out broken: [`ReadSteps::finish`] says why).
    pub fn step(&mut self, count: usize) -> bool {
        let split = match &mut self.initiatives {
            Initiatives::Splitting(reader) => match reader.step(count) {
                Ok(false) => return false,
                Ok(true) => self.split_done(),
                Err(e) => Err(json_error(&self.offered.collections["initiatives"].file, e)),
            },
            Initiatives::Reading(reader) => return reader.step(count),
            Initiatives::Kept(_) | Initiatives::Failed(_) => return true,
        };
        self.initiatives = match split {
            Ok(raw) => Initiatives::Reading(ItemReader::new("initiatives", raw)),
            Err(e) => Initiatives::Failed(e),
        };
        matches!(self.initiatives, Initiatives::Failed(_))
    }

    /// The split items once the whole file is read, its envelope checked against the index.
    fn split_done(&mut self) -> Result<Vec<&'a serde_json::value::RawValue>, LoadError> {
        let Initiatives::Splitting(reader) = std::mem::replace(&mut self.initiatives, Initiatives::Failed(LoadError::MissingCollection("initiatives".into()))) else {
            unreachable!("only called while splitting")
        };
        let entry = &self.offered.collections["initiatives"];
        let (dataset_version, raw) = reader.finish().map_err(|e| json_error(&entry.file, e))?;
        check_envelope(&self.offered, entry, dataset_version, raw.len())?;
        Ok(raw)
    }

    /// The files read (initiatives not read yet are read now), with the kept collections.
    pub fn finish(mut self) -> Result<Read, LoadError> {
        while !self.step(usize::MAX) {}
        let ReadSteps { offered, cached, downloaded, digests, mut left_out, categories, municipalities, partnerships, initiatives } = self;
        let initiatives = match initiatives {
            Initiatives::Kept(kept) => kept,
            Initiatives::Splitting(_) => unreachable!("stepped to the end above"),
            Initiatives::Reading(reader) => {
                let (read, mut problems) = reader.finish();
                left_out.append(&mut problems);
                read
            }
            Initiatives::Failed(e) => return Err(e),
        };
        check_counts(&offered, categories.total, municipalities.total, partnerships.total, initiatives.total)?;
        let fresh = match downloaded.get(SOURCES) {
            Some(bytes) if offered.collections.contains_key(SOURCES) => Some(parse_collection(&offered, SOURCES, bytes, digests.get(SOURCES).map(String::as_str))?),
            _ => None,
        };
        let sources = offered_sources(cached, &offered, fresh)?;
        // The target groups come with categories.json, or stay as cached with it.
        let audiences = match downloaded.get("categories") {
            Some(bytes) => read_audiences(bytes),
            None => cached.map(|d| d.audiences.clone()).unwrap_or_default(),
        };
        let records = Records { categories, municipalities, partnerships, initiatives };
        Ok(Read { offered, records, left_out, sources, audiences })
    }
}

/// Applies a verified delta file to the cached dataset, giving the offered version.
///
/// A delta that carries an invalid record (an upsert, or a patch giving a record that fails
/// validation) applies, and that record is left out exactly as when the whole file were
/// downloaded (`quarantine.rs`), threshold included. A patch that gives no record at all, or
/// names a record the cached copy lacks, makes the delta unusable ([`LoadError::BadPatch`]):
/// the client then downloads the changed collections.
// Not inlined: in the browser its code (JSON merge patches, 50 KB of wasm) then stays a function
// of its own, compiled when a delta first comes, not with the sync of every first visit (V8
// compiles a wasm function whole, on the main thread, on its first call: docs/first-visit.md).
#[inline(never)]
pub fn apply_changes(cached: &Dataset, offered: Index, entry: &ChangesEntry, bytes: &[u8]) -> Result<Dataset, LoadError> {
    let file = entry.file.clone();
    if bytes.len() as u64 > MAX_CHANGES_BYTES {
        return Err(LoadError::TooLarge { file, bytes: bytes.len() as u64, limit: MAX_CHANGES_BYTES });
    }
    if bytes.len() as u64 != entry.bytes {
        return Err(LoadError::SizeMismatch { file, expected: entry.bytes, actual: bytes.len() as u64 });
    }
    if !sha256_hex(bytes).eq_ignore_ascii_case(entry.sha256.trim()) {
        return Err(LoadError::ChecksumMismatch { file });
    }
    let changes: Changes =
        serde_json::from_slice(strip_bom(bytes)).map_err(|e| LoadError::NotJson { file: file.clone(), detail: e.to_string() })?;
    if ![FORMAT_VERSION, PATCHES_FORMAT_VERSION].contains(&changes.format_version) {
        return Err(LoadError::UnsupportedFormat { found: changes.format_version });
    }
    let from = cached.index.as_ref().map_or(0, |i| i.dataset_version);
    if changes.from != from || changes.to != offered.dataset_version {
        return Err(LoadError::VersionMismatch { file, expected: offered.dataset_version, found: changes.to });
    }
    let categories = merge(&cached.categories, &changes.categories, &file)?;
    let municipalities = merge(&cached.municipalities, &changes.municipalities, &file)?;
    let partnerships = merge(&cached.partnerships, &changes.partnerships, &file)?;
    let initiatives = merge(&cached.initiatives, &changes.initiatives, &file)?;
    check_counts(&offered, categories.len(), municipalities.len(), partnerships.len(), initiatives.len())?;
    let sources = offered_sources(Some(cached), &offered, changes.sources)?;
    let records = Records {
        categories: Screened::all(categories),
        municipalities: Screened::all(municipalities),
        partnerships: Screened::all(partnerships),
        initiatives: Screened::all(initiatives),
    };
    let mut dataset = Dataset::screened(Some(offered), records, Vec::new())?;
    dataset.sources = sources;
    dataset.audiences = changes.audiences.map(valid_audiences).unwrap_or_else(|| cached.audiences.clone());
    Ok(dataset)
}

/// Patches records in place, replaces records with the same key in place, appends new ones,
/// drops deleted ones. A patch must name a record of the cached version and give a record with
/// the same key; the caller validates the whole result.
fn merge<T: Keyed + Clone + Serialize + DeserializeOwned>(items: &[T], changes: &CollectionChanges<T>, file: &str) -> Result<Vec<T>, LoadError> {
    let mut patched: HashMap<&str, T> = HashMap::new();
    if !changes.patches.is_empty() {
        let cached: HashMap<&str, &T> = items.iter().map(|i| (i.key(), i)).collect();
        for patch in &changes.patches {
            let bad = |detail: String| LoadError::BadPatch { file: file.into(), id: patch.id.clone(), detail };
            let id = patch.id.as_str();
            // A second patch for the same record applies on top of the first.
            let record = patched.get(id).or(cached.get(id).copied()).ok_or_else(|| bad("no such record in the cached version".into()))?;
            let mut json = serde_json::to_value(record).map_err(|e| bad(e.to_string()))?;
            merge_patch(&mut json, &patch.merge);
            let record: T = serde_json::from_value(json).map_err(|e| bad(e.to_string()))?;
            if record.key() != id {
                return Err(bad(format!("it changes the key to {:?}", record.key())));
            }
            patched.insert(id, record);
        }
    }
    let deleted: HashSet<&str> = changes.deletions.iter().map(String::as_str).collect();
    let mut upserts: HashMap<&str, &T> = changes.upserts.iter().map(|u| (u.key(), u)).collect();
    let mut out: Vec<T> = items
        .iter()
        .filter(|i| !deleted.contains(i.key()))
        .map(|i| match upserts.remove(i.key()) {
            Some(u) => u.clone(),
            None => patched.remove(i.key()).unwrap_or_else(|| i.clone()),
        })
        .collect();
    // New records in the order the delta lists them.
    out.extend(changes.upserts.iter().filter(|u| upserts.contains_key(u.key())).cloned());
    Ok(out)
}

/// Applies a JSON Merge Patch (RFC 7396) to `target`: objects merge member by member, `null`
/// removes a member, anything else (arrays too) replaces the target whole.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(object) = target {
        for (key, value) in members {
            if value.is_null() {
                object.remove(key);
            } else {
                merge_patch(object.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

/// The result must have exactly the counts the offered index declares.
fn check_counts(offered: &Index, categories: usize, municipalities: usize, partnerships: usize, initiatives: usize) -> Result<(), LoadError> {
    for (name, found) in COLLECTIONS.into_iter().zip([categories, municipalities, partnerships, initiatives]) {
        let entry = offered.collections.get(name).ok_or_else(|| LoadError::MissingCollection(name.into()))?;
        if entry.count != found as u64 {
            return Err(LoadError::CountMismatch { file: entry.file.clone(), expected: entry.count, found: found as u64 });
        }
    }
    Ok(())
}

/// Milliseconds to wait before retry number `attempt` (0 = first retry) after a failed sync:
/// exponential back-off with "equal jitter" (half fixed, half random) so that many clients
/// that failed together do not retry together. `random` is in [0, 1).
pub fn retry_delay_ms(attempt: u32, random: f64) -> f64 {
    let ceiling = (RETRY_BASE_MS * 2f64.powi(attempt.min(20) as i32)).min(RETRY_MAX_MS);
    ceiling / 2.0 + ceiling / 2.0 * random.clamp(0.0, 1.0)
}

/// Whether regaining focus at `now_ms` should start a sync, given the last successful one.
pub fn due_on_focus(last_success_ms: Option<f64>, now_ms: f64) -> bool {
    last_success_ms.is_none_or(|last| now_ms - last >= FOCUS_RESYNC_MS)
}

/// What the sync status line shows.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// Not started yet (first paint).
    Idle,
    Offline,
    Syncing,
    /// Up to date; `at_ms` is the time of the last successful sync (ms since the epoch).
    UpToDate { at_ms: f64 },
    /// The last sync failed; the cached data (if any) stays in use.
    Failed(LoadError),
}
