//! The offline copy of the dataset in IndexedDB (indexed_db_futures).
//!
//! Two object stores: `meta` holds, per endpoint, the index of the dataset in use, its ETag,
//! the time of the last successful sync and the validation rules its records passed; `files`
//! holds each collection's records as JSON, UTF-8 bytes in a `Blob` (a `Uint8Array` where a
//! browser refuses to store Blobs, and in copies written before Blobs), under
//! `<endpoint>|<dataset version>/<collection>` (the four collections, `sources` and `audiences`;
//! copies from before `sources` had its own file lack it, copies from before the target groups
//! lack `audiences`; copies from before bytes hold JS strings, which are still read). Bytes,
//! because a string must be decoded from the wasm's UTF-8 into UTF-16 on the way in and encoded
//! back on the way out: with 10,000 initiatives the decoding alone was a 220 ms task at 4x CPU
//! (issue 15), where the bytes are one copy (and half the stored size).
//! A new version is written with its meta in ONE transaction that also deletes the previous
//! version's files, and a reader reads meta and files in one transaction, so nobody ever sees a
//! mix of two versions. Records stamped with the current [`RULES_VERSION`] were validated before
//! they were written and are not validated again; a copy written by an earlier build (no stamp)
//! is validated once, used, and stored again with the stamp.
//!
//! After each write, a snapshot of the directory's first page (index, the three small
//! collections and the first [`FIRST_PAGE`] initiatives, about 80 KB) also goes to
//! localStorage ([`read_first_page`]). A start paints from it at once: the first IndexedDB
//! read of a session was measured at 0.5 to 1.4 s before any data came back (10,000
//! initiatives, headless Chromium), longer than the whole start may take, and a synchronous read
//! lets the first render already show the cards. The snapshot is only a head start: the full
//! copy is read from IndexedDB right after and replaces it.
//!
//! ```ignore
//! let store = Store::open().await?;
//! if let Some(cached) = store.load(&endpoint).await? { show(cached.dataset) }
//! store.save(&endpoint, &dataset, etag, now, false).await?;
//! ```

use crate::dataset::{Dataset, LoadError, FIRST_PAGE};
use crate::model::{Audience, Category, Index, Initiative, Municipality, Partnership, AUDIENCES, COLLECTIONS, SOURCES};
use crate::json_array::JsonArrayWriter;
use crate::tasks::{in_slices, next_task};
use crate::validate::{Problem, RULES_VERSION};
use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const DB_NAME: &str = "wegwijzer";
/// Schema version of the IndexedDB database (not the endpoint's format version).
const DB_VERSION: u32 = 1;
const META: &str = "meta";
const FILES: &str = "files";
/// localStorage key prefix of the first-page snapshot (followed by the endpoint).
const FIRST_PAGE_KEY: &str = "wegwijzer-first-page|";

/// What is remembered about the cached dataset of one endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredMeta {
    pub index: Index,
    pub etag: Option<String>,
    /// When the last sync succeeded (ms since the epoch).
    pub synced_at_ms: f64,
    /// The validation rules ([`RULES_VERSION`]) the stored records passed before they were
    /// written; 0 in copies written by builds before this stamp existed.
    #[serde(default)]
    pub validated_with: u32,
    /// The problems of the records this copy left out (`quarantine.rs`): the copy holds
    /// exactly what was shown, and the notice about the rest survives a restart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<Problem>,
    /// The records were written by an earlier build and stored again by this one: they lack
    /// the fields that build did not know, so the next sync downloads everything
    /// (`sync::plan_sync_for_copy`). False once a sync has replaced them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refresh: bool,
}

impl StoredMeta {
    /// Whether the stored records can be used without validating them again.
    pub fn is_current(&self) -> bool {
        self.validated_with == RULES_VERSION
    }

    /// Whether the next sync must download every collection again (see `refresh`).
    pub fn needs_refresh(&self) -> bool {
        self.refresh || !self.is_current()
    }
}

/// A dataset read back from IndexedDB.
pub struct Cached {
    pub meta: StoredMeta,
    pub dataset: Dataset,
}

pub struct Store {
    db: Database,
}

fn js_err(e: impl std::fmt::Debug) -> String {
    format!("{e:?}")
}

fn file_key(endpoint: &str, version: u64, collection: &str) -> String {
    format!("{endpoint}|{version}/{collection}")
}

/// The files of a stored version, in the order `save` writes and `load` reads them: the four
/// collections, then sources and target groups.
fn file_names() -> impl Iterator<Item = &'static str> {
    COLLECTIONS.into_iter().chain([SOURCES, AUDIENCES])
}

impl Store {
    /// Opens (and on first use creates) the database. Fails in private modes without IndexedDB.
    pub async fn open() -> Result<Store, String> {
        let db = Database::open(DB_NAME)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event, db| {
                if event.old_version() < 1.0 {
                    db.create_object_store(META).build()?;
                    db.create_object_store(FILES).build()?;
                }
                Ok(())
            })
            .await
            .map_err(js_err)?;
        Ok(Store { db })
    }

    /// A newer app version in another tab wants to upgrade the schema: close this connection
    /// at once so its upgrade is not blocked, and call `closed` (this tab then works from the
    /// network until it reloads into the new version).
    pub fn close_on_version_change(&self, closed: impl Fn() + 'static) {
        let raw: web_sys::IdbDatabase = self.db.as_sys().clone().unchecked_into();
        let handle = raw.clone();
        let on_change = Closure::<dyn Fn()>::new(move || {
            handle.close();
            closed();
        });
        raw.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
    }

    /// The cached dataset of `endpoint`, or `None` when there is none (or it no longer
    /// validates, e.g. after an app update tightened the rules: then the network decides).
    pub async fn load(&self, endpoint: &str) -> Result<Option<Cached>, String> {
        let tx = self.db.transaction([META, FILES]).build().map_err(js_err)?;
        let Some(meta) = read_meta(&tx.object_store(META).map_err(js_err)?, endpoint).await? else { return Ok(None) };
        let files = tx.object_store(FILES).map_err(js_err)?;
        let v = meta.index.dataset_version;
        // All six requests go out before the first answer is awaited (`try_join_all` polls each
        // read once before it waits): one round trip, not six. A Blob is read after the
        // transaction, which ends once it has nothing left to do.
        let reads = file_names().map(|name| read_value(&files, file_key(endpoint, v, name)));
        let values = futures::future::try_join_all(reads).await?;
        drop(tx);
        let bytes = values.into_iter().map(|value| async move {
            match value {
                Some(value) => stored_bytes(value).await,
                None => Ok(None),
            }
        });
        let mut texts = futures::future::try_join_all(bytes).await?;
        // Absent in copies stored before sources had their own file (the index then has them)
        // and before the target groups.
        let audiences = texts.pop().flatten();
        let sources = texts.pop().flatten();
        let Some(texts) = texts.into_iter().collect::<Option<Vec<_>>>() else { return Ok(None) };
        let Ok(texts) = <[Vec<u8>; 4]>::try_from(texts) else { return Ok(None) };
        let dataset = (|| -> Result<Dataset, LoadError> {
            let index = Some(meta.index.clone());
            let [c, m, p, i] = texts.each_ref().map(|t| t.as_slice());
            let (categories, municipalities, partnerships, initiatives) =
                (parse(c).map_err(not_json)?, parse(m).map_err(not_json)?, parse(p).map_err(not_json)?, parse(i).map_err(not_json)?);
            let mut dataset = if meta.is_current() {
                Dataset::trusted(index, categories, municipalities, partnerships, initiatives)
            } else {
                Dataset::new(index, categories, municipalities, partnerships, initiatives)?
            };
            if let Some(sources) = sources {
                dataset.sources = parse(&sources).map_err(not_json)?;
            }
            if let Some(audiences) = audiences {
                dataset.audiences = parse(&audiences).map_err(not_json)?;
            }
            dataset.left_out = meta.left_out.clone();
            Ok(dataset)
        })();
        match dataset {
            Ok(dataset) => Ok(Some(Cached { meta, dataset })),
            Err(e) => {
                leptos::logging::warn!("cached dataset no longer valid, ignoring it: {e}");
                Ok(None)
            }
        }
    }

    /// Stores `dataset` as the one in use for `endpoint`, replacing the previous version
    /// atomically. `refresh`: its records come from a copy an earlier build wrote (see
    /// [`StoredMeta::refresh`]).
    pub async fn save(&self, endpoint: &str, dataset: &Dataset, etag: Option<String>, synced_at_ms: f64, refresh: bool) -> Result<(), String> {
        let index = dataset.index.clone().ok_or("dataset without index")?;
        let v = index.dataset_version;
        // Serialise before the transaction opens: a transaction must not wait on other work.
        // Every dataset the app holds passed validation (`Dataset::new`), or came from a copy
        // that did: the stamp says so.
        // In tasks of their own (issue 15: one task for all was 60 ms at 4x CPU with 400
        // initiatives).
        let whole = |text: Result<String, serde_json::Error>| -> Result<Parts, String> {
            let parts = Parts::default();
            parts.push(text.map_err(js_err)?.as_bytes());
            Ok(parts)
        };
        let mut files = Vec::with_capacity(6);
        files.push(whole(serde_json::to_string(&dataset.categories))?);
        files.push(whole(serde_json::to_string(&dataset.municipalities))?);
        files.push(whole(serde_json::to_string(&dataset.partnerships))?);
        // The initiatives in slices (10,000 are seconds of work on a phone), each slice's text
        // copied out of the wasm as it is written.
        let parts = Parts::default();
        let mut initiatives = JsonArrayWriter::new(&dataset.initiatives);
        let mut failed = None;
        in_slices(|| match initiatives.step(20) {
            Ok(done) => {
                parts.push(&initiatives.take());
                done
            }
            Err(e) => {
                failed = Some(e);
                true
            }
        })
        .await;
        if let Some(e) = failed {
            return Err(js_err(e));
        }
        parts.push(initiatives.finish().map_err(js_err)?.as_bytes());
        files.push(parts);
        next_task().await;
        files.push(whole(serde_json::to_string(&dataset.sources))?);
        files.push(whole(serde_json::to_string(&dataset.audiences))?);
        let meta = StoredMeta { index, etag, synced_at_ms, validated_with: RULES_VERSION, left_out: dataset.left_out.clone(), refresh };
        let meta = serde_json::to_string(&meta).map_err(js_err)?;
        let blobs = files.into_iter().map(Parts::into_blob).collect::<Result<Vec<_>, _>>()?;
        let values: Vec<JsValue> = blobs.iter().map(JsValue::from).collect();
        if let Err(e) = self.write(endpoint, v, &values, &meta).await {
            // Some browsers cannot keep a Blob in IndexedDB (Safari's private mode has refused
            // them): store the same bytes as `Uint8Array`s, as builds before Blobs did.
            leptos::logging::warn!("could not store the copy as Blobs ({e}); storing bytes");
            let mut values = Vec::with_capacity(blobs.len());
            for blob in &blobs {
                values.push(blob_bytes(blob).await?.into());
            }
            self.write(endpoint, v, &values, &meta).await?;
        }
        write_first_page(endpoint, dataset);
        Ok(())
    }

    /// Writes version `v`'s files (`values`, in the order of `COLLECTIONS`, then sources and
    /// target groups) and its `meta` in one transaction, deleting the previous version's files.
    async fn write(&self, endpoint: &str, v: u64, values: &[JsValue], meta: &str) -> Result<(), String> {
        let tx = self.db.transaction([META, FILES]).with_mode(TransactionMode::Readwrite).build().map_err(js_err)?;
        let meta_store = tx.object_store(META).map_err(js_err)?;
        let files = tx.object_store(FILES).map_err(js_err)?;
        let previous = read_meta(&meta_store, endpoint).await.ok().flatten().map(|m| m.index.dataset_version);
        for (name, value) in file_names().zip(values) {
            files.put(value.clone()).with_key(file_key(endpoint, v, name)).primitive().map_err(js_err)?;
        }
        if let Some(old) = previous.filter(|&old| old != v) {
            for name in file_names() {
                files.delete(file_key(endpoint, old, name)).primitive().map_err(js_err)?;
            }
        }
        meta_store.put(meta).with_key(endpoint.to_string()).primitive().map_err(js_err)?;
        tx.commit().await.map_err(js_err)
    }

    /// Records a sync that found nothing new (304 or same version): new time, maybe new ETag.
    pub async fn touch(&self, endpoint: &str, etag: Option<String>, synced_at_ms: f64) -> Result<(), String> {
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build().map_err(js_err)?;
        let meta_store = tx.object_store(META).map_err(js_err)?;
        let Some(mut meta) = read_meta(&meta_store, endpoint).await? else { return Ok(()) };
        meta.synced_at_ms = synced_at_ms;
        if etag.is_some() {
            meta.etag = etag;
        }
        let text = serde_json::to_string(&meta).map_err(js_err)?;
        meta_store.put(text).with_key(endpoint.to_string()).primitive().map_err(js_err)?;
        tx.commit().await.map_err(js_err)
    }
}

/// The first-page snapshot: what the directory's default view needs for its first page.
#[derive(Serialize, Deserialize)]
struct FirstPageSnapshot {
    validated_with: u32,
    index: Index,
    categories: Vec<Category>,
    municipalities: Vec<Municipality>,
    partnerships: Vec<Partnership>,
    /// The first [`FIRST_PAGE`] initiatives.
    initiatives: Vec<Initiative>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    left_out: Vec<Problem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    audiences: Vec<Audience>,
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The first page of the dataset last stored for `endpoint` (see [`Dataset::is_complete`]), if
/// this build's rules validated it. Synchronous, so the first render can show it.
pub fn read_first_page(endpoint: &str) -> Option<Dataset> {
    let text = local_storage()?.get_item(&format!("{FIRST_PAGE_KEY}{endpoint}")).ok()??;
    let page: FirstPageSnapshot = parse(text.as_bytes()).ok()?;
    (page.validated_with == RULES_VERSION).then(|| {
        let mut dataset = Dataset::trusted(Some(page.index), page.categories, page.municipalities, page.partnerships, page.initiatives);
        dataset.left_out = page.left_out;
        dataset.audiences = page.audiences;
        dataset
    })
}

/// Best effort: without it (quota, storage disabled) the next start only paints later.
fn write_first_page(endpoint: &str, dataset: &Dataset) {
    let Some(index) = dataset.index.clone() else { return };
    let page = FirstPageSnapshot {
        validated_with: RULES_VERSION,
        index,
        categories: dataset.categories.clone(),
        municipalities: dataset.municipalities.clone(),
        partnerships: dataset.partnerships.clone(),
        initiatives: dataset.initiatives.iter().take(FIRST_PAGE).cloned().collect(),
        left_out: dataset.left_out.clone(),
        audiences: dataset.audiences.clone(),
    };
    let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&page)) else { return };
    if storage.set_item(&format!("{FIRST_PAGE_KEY}{endpoint}"), &text).is_err() {
        leptos::logging::warn!("could not keep the first page for the next start");
    }
}

/// A stored record as it is, `None` when there is none.
async fn read_value(store: &ObjectStore<'_>, key: String) -> Result<Option<JsValue>, String> {
    store.get(key).primitive().map_err(js_err)?.await.map_err(js_err)
}

/// A stored record's JSON: UTF-8 bytes in a `Blob` (this build), in a `Uint8Array` (earlier
/// builds, and this one where a browser refuses Blobs), or a string, as older copies and the
/// `meta` records hold. `None` for a record of another type.
async fn stored_bytes(value: JsValue) -> Result<Option<Vec<u8>>, String> {
    if let Some(blob) = value.dyn_ref::<web_sys::Blob>() {
        return Ok(Some(blob_bytes(blob).await?.to_vec()));
    }
    Ok(match value.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) => Some(bytes.to_vec()),
        Err(value) => value.as_string().map(String::into_bytes),
    })
}

/// A Blob's bytes: the browser reads them off the main thread.
async fn blob_bytes(blob: &web_sys::Blob) -> Result<js_sys::Uint8Array, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// A stored file's text in parts, each copied out of the wasm's memory as it is written, and
/// stored as one `Blob`: IndexedDB keeps a Blob by reference where it clones a `Uint8Array` in
/// `put` (issue 15: storing 10,000 initiatives as one `Uint8Array` was a task of 180 ms at 4x
/// CPU). Making the Blob still copies the parts' bytes, in the task that writes: for 10,000
/// initiatives a task of 100-160 ms at 4x remains (docs/first-visit.md, ninth session).
#[derive(Default)]
struct Parts(js_sys::Array);

impl Parts {
    fn push(&self, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.0.push(&js_sys::Uint8Array::from(bytes));
        }
    }

    fn into_blob(self) -> Result<web_sys::Blob, String> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        web_sys::Blob::new_with_u8_array_sequence_and_options(&self.0, &options).map_err(js_err)
    }
}

async fn read_meta(store: &ObjectStore<'_>, endpoint: &str) -> Result<Option<StoredMeta>, String> {
    // Meta records are strings: no Blob to read after the transaction.
    let Some(text) = read_value(store, endpoint.to_string()).await?.and_then(|v| v.as_string()) else { return Ok(None) };
    parse(text.as_bytes()).map(Some).map_err(js_err)
}

/// `from_slice`, like the network path: `from_str` would compile a second JSON reader into the wasm.
fn parse<T: serde::de::DeserializeOwned>(text: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text)
}

fn not_json(e: serde_json::Error) -> LoadError {
    LoadError::NotJson { file: "IndexedDB".into(), detail: e.to_string() }
}
