//! The offline copy of the dataset in IndexedDB (indexed_db_futures).
//!
//! Two object stores: `meta` holds, per endpoint, the index of the dataset in use, its ETag and
//! the time of the last successful sync; `files` holds each collection's records as JSON text
//! under `<endpoint>|<dataset version>/<collection>`. A new version is written with its meta
//! in ONE transaction that also deletes the previous version's files, and a reader reads meta
//! and files in one transaction, so nobody ever sees a mix of two versions.
//!
//! ```ignore
//! let store = Store::open().await?;
//! if let Some(cached) = store.load(&endpoint).await? { show(cached.dataset) }
//! store.save(&endpoint, &dataset, etag, now).await?;
//! ```

use crate::dataset::{Dataset, LoadError};
use crate::model::Index;
use indexed_db_futures::database::Database;
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

/// What is remembered about the cached dataset of one endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredMeta {
    pub index: Index,
    pub etag: Option<String>,
    /// When the last sync succeeded (ms since the epoch).
    pub synced_at_ms: f64,
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
        let meta_store = tx.object_store(META).map_err(js_err)?;
        let files = tx.object_store(FILES).map_err(js_err)?;
        let meta: Option<String> = meta_store.get(endpoint.to_string()).primitive().map_err(js_err)?.await.map_err(js_err)?;
        let Some(meta) = meta else { return Ok(None) };
        let meta: StoredMeta = serde_json::from_slice(meta.as_bytes()).map_err(js_err)?;
        let v = meta.index.dataset_version;
        let mut texts = Vec::with_capacity(4);
        for name in crate::model::COLLECTIONS {
            let text: Option<String> =
                files.get(file_key(endpoint, v, name)).primitive().map_err(js_err)?.await.map_err(js_err)?;
            match text {
                Some(t) => texts.push(t),
                None => return Ok(None),
            }
        }
        drop(tx);
        let dataset = (|| {
            Dataset::new(
                Some(meta.index.clone()),
                serde_json::from_slice(texts[0].as_bytes()).map_err(not_json)?,
                serde_json::from_slice(texts[1].as_bytes()).map_err(not_json)?,
                serde_json::from_slice(texts[2].as_bytes()).map_err(not_json)?,
                serde_json::from_slice(texts[3].as_bytes()).map_err(not_json)?,
            )
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
    /// atomically.
    pub async fn save(&self, endpoint: &str, dataset: &Dataset, etag: Option<String>, synced_at_ms: f64) -> Result<(), String> {
        let index = dataset.index.clone().ok_or("dataset without index")?;
        let v = index.dataset_version;
        // Serialise before the transaction opens: a transaction must not wait on other work.
        let texts = [
            serde_json::to_string(&dataset.categories),
            serde_json::to_string(&dataset.municipalities),
            serde_json::to_string(&dataset.partnerships),
            serde_json::to_string(&dataset.initiatives),
        ];
        let meta = serde_json::to_string(&StoredMeta { index, etag, synced_at_ms }).map_err(js_err)?;
        let tx = self.db.transaction([META, FILES]).with_mode(TransactionMode::Readwrite).build().map_err(js_err)?;
        let meta_store = tx.object_store(META).map_err(js_err)?;
        let files = tx.object_store(FILES).map_err(js_err)?;
        let previous: Option<String> =
            meta_store.get(endpoint.to_string()).primitive().map_err(js_err)?.await.map_err(js_err)?;
        let previous = previous.and_then(|p| serde_json::from_slice::<StoredMeta>(p.as_bytes()).ok()).map(|m| m.index.dataset_version);
        for (name, text) in crate::model::COLLECTIONS.into_iter().zip(texts) {
            let text = text.map_err(js_err)?;
            files.put(text).with_key(file_key(endpoint, v, name)).primitive().map_err(js_err)?;
        }
        if let Some(old) = previous.filter(|&old| old != v) {
            for name in crate::model::COLLECTIONS {
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
        let current: Option<String> =
            meta_store.get(endpoint.to_string()).primitive().map_err(js_err)?.await.map_err(js_err)?;
        let Some(current) = current else { return Ok(()) };
        let mut meta: StoredMeta = serde_json::from_slice(current.as_bytes()).map_err(js_err)?;
        meta.synced_at_ms = synced_at_ms;
        if etag.is_some() {
            meta.etag = etag;
        }
        let text = serde_json::to_string(&meta).map_err(js_err)?;
        meta_store.put(text).with_key(endpoint.to_string()).primitive().map_err(js_err)?;
        tx.commit().await.map_err(js_err)
    }
}

fn not_json(e: serde_json::Error) -> LoadError {
    LoadError::NotJson { file: "IndexedDB".into(), detail: e.to_string() }
}
