//! Offline-first start and background sync in the browser: render from IndexedDB first, then
//! sync with the endpoint (decisions in `sync.rs`), on `online`, on focus after 15 minutes and
//! with back-off after failures. One sync at a time, also across tabs (Web Locks), and other
//! tabs hear about a new version (BroadcastChannel).

use crate::api::{digests, fetch_changes, fetch_collections, fetch_index, Downloaded, IndexResponse};
use crate::app::{AppState, LoadState};
use crate::dataset::{Dataset, LoadError};
use crate::model::{ChangesEntry, Index};
use crate::store::Store;
use crate::tasks::{after_paint, in_slices, next_task};
use crate::sync::{apply_changes, due_on_focus, plan_sync_for, plan_sync_for_copy, retry_delay_ms, ReadSteps, SyncPlan, SyncState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LOCK_NAME: &str = "wegwijzer-sync";
const CHANNEL_NAME: &str = "wegwijzer";

/// Whether this device keeps the data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Storage {
    Unknown,
    /// Stored, and the browser promised not to evict it.
    Persistent,
    /// Stored, but the browser may evict it under storage pressure.
    BestEffort,
    /// No IndexedDB (private mode, blocked): network only.
    Unavailable,
}

/// Per-tab sync bookkeeping (single-threaded wasm: a thread-local is the simplest owner).
#[derive(Default)]
struct Runtime {
    store: Option<Rc<Store>>,
    etag: Option<String>,
    running: bool,
    failures: u32,
    retry_timer: Option<i32>,
    last_success_ms: Option<f64>,
    /// The copy in use was written by an earlier build ([`crate::store::StoredMeta::needs_refresh`]):
    /// the next sync downloads everything again (`sync::plan_sync_for_copy`).
    stale_copy: bool,
    /// The one channel this tab listens and posts on: a channel never hears its own messages,
    /// whereas a second channel object in the same tab would make the tab reload what it just
    /// stored (and rebuild the page).
    channel: Option<web_sys::BroadcastChannel>,
    /// The dataset whose search index is built or being built ([`build_search_index`]). Weak:
    /// it keeps the address from being reused by a newer dataset, not the dataset alive.
    indexed: Option<std::sync::Weak<Dataset>>,
}

thread_local! {
    static RUNTIME: RefCell<Runtime> = RefCell::new(Runtime::default());
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn online() -> bool {
    window().navigator().on_line()
}

/// Starts the app's data: cached copy first, then a sync. Call once.
pub fn start(state: AppState) {
    listen(state);
    // Before the first render, so that it already shows the first page of cards.
    let endpoint = state.endpoint.get_value().base;
    let first_page = crate::store::read_first_page(&endpoint);
    let has_first_page = first_page.is_some();
    if let Some(first) = first_page {
        state.data.set(LoadState::FirstPage(Arc::new(first)));
    }
    spawn_local(async move {
        match Store::open().await {
            Ok(store) => {
                let store = Rc::new(store);
                store.close_on_version_change(|| RUNTIME.with_borrow_mut(|r| r.store = None));
                RUNTIME.with_borrow_mut(|r| r.store = Some(store.clone()));
                if has_first_page {
                    // Reading 7 MB blocks the page for a while: paint the first page before.
                    after_paint().await;
                }
                match store.load(&endpoint).await {
                    Ok(Some(cached)) => {
                        RUNTIME.with_borrow_mut(|r| {
                            r.etag = cached.meta.etag.clone();
                            r.last_success_ms = Some(cached.meta.synced_at_ms);
                        });
                        state.sync.set(SyncState::UpToDate { at_ms: cached.meta.synced_at_ms });
                        let meta = cached.meta;
                        RUNTIME.with_borrow_mut(|r| r.stale_copy = meta.needs_refresh());
                        let dataset = show(state, cached.dataset);
                        if !meta.is_current() {
                            // Written by an earlier build: validated just now; store it again
                            // with the stamp and the first page, so the next start is fast, and
                            // marked for a full download: it lacks the fields that build did
                            // not know.
                            after_paint().await;
                            if let Err(e) = store.save(&endpoint, &dataset, meta.etag, meta.synced_at_ms, true).await {
                                leptos::logging::warn!("could not upgrade the stored dataset: {e}");
                            }
                        }
                    }
                    _ => {
                        if matches!(state.data.get_untracked(), LoadState::FirstPage(_)) {
                            state.data.set(LoadState::Loading);
                        }
                    }
                }
                ask_persistence(state).await;
            }
            Err(e) => {
                leptos::logging::warn!("no IndexedDB, working from the network only: {e}");
                state.storage.set(Storage::Unavailable);
                if has_first_page {
                    state.data.set(LoadState::Loading);
                }
            }
        }
        sync(state);
    });
}

/// Starts a sync unless one is running in this tab or (Web Locks) in another one.
pub fn sync(state: AppState) {
    // While the first page is shown, `start` is still reading the cache and syncs after it.
    if RUNTIME.with_borrow(|r| r.running) || matches!(state.data.get_untracked(), LoadState::FirstPage(_)) {
        return;
    }
    if !online() {
        state.sync.set(SyncState::Offline);
        if matches!(state.data.get_untracked(), LoadState::Loading) {
            state.data.set(LoadState::Failed(LoadError::Network {
                file: state.endpoint.with_value(|e| e.url("index.json")),
                detail: "offline".into(),
                cause: crate::config::NetworkCause::Offline,
            }));
        }
        return;
    }
    RUNTIME.with_borrow_mut(|r| {
        r.running = true;
        if let Some(t) = r.retry_timer.take() {
            window().clear_timeout_with_handle(t);
        }
    });
    let run = move || -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(async move {
            sync_once(state).await;
            RUNTIME.with_borrow_mut(|r| r.running = false);
            Ok(JsValue::UNDEFINED)
        })
    };
    // navigator.locks.request(name, cb): the lock is held until cb's promise settles, so two
    // tabs never sync at once; the second waits, then usually finds nothing new (one 304).
    let locks = js_sys::Reflect::get(&window().navigator(), &"locks".into()).ok().filter(|l| !l.is_undefined());
    match locks {
        Some(locks) => {
            let callback = Closure::once_into_js(move |_lock: JsValue| run());
            let request = js_sys::Reflect::get(&locks, &"request".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let Some(request) = request {
                let _ = request.call2(&locks, &LOCK_NAME.into(), &callback);
            } else {
                let _ = run();
            }
        }
        None => {
            let _ = run();
        }
    }
}

async fn sync_once(state: AppState) {
    state.sync.set(SyncState::Syncing);
    match fetch_and_store(state).await {
        Ok(()) => {
            let at = now_ms();
            RUNTIME.with_borrow_mut(|r| {
                r.failures = 0;
                r.last_success_ms = Some(at);
            });
            state.sync.set(SyncState::UpToDate { at_ms: at });
        }
        Err(error) => {
            let has_data = matches!(state.data.get_untracked(), LoadState::Ready(_));
            if !has_data {
                state.data.set(LoadState::Failed(error.clone()));
            }
            state.sync.set(if online() { SyncState::Failed(error) } else { SyncState::Offline });
            schedule_retry(state);
        }
    }
}

/// Applies a delta file (`sync::apply_changes`) with code that is a wasm chunk of its own: only a
/// device with a cached copy needs it, never a first visit (issue 15: the first load). `Err` when
/// the chunk cannot load; the caller then downloads the changed collections instead.
/// (Without the `split` feature, see routes/mod.rs, an ordinary function.)
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(sync_delta, wasm_split_path = ::leptos::wasm_split, fallible))]
fn apply_delta(cached: &Dataset, offered: Index, entry: &ChangesEntry, bytes: &[u8]) -> Result<Result<Dataset, LoadError>, SplitLoaderError> {
    Ok(apply_changes(cached, offered, entry, bytes))
}

/// One sync: conditional index request, then the plan, verification and one atomic write.
async fn fetch_and_store(state: AppState) -> Result<(), LoadError> {
    let endpoint = state.endpoint.get_value();
    let cached: Option<Arc<Dataset>> = match state.data.get_untracked() {
        LoadState::Ready(d) => Some(d),
        _ => None,
    };
    let cached_index = cached.as_ref().and_then(|d| d.index.as_ref());
    let stale = RUNTIME.with_borrow(|r| r.stale_copy);
    // A stale copy asks for the index unconditionally: a 304 would keep it.
    let etag = cached_index.filter(|_| !stale).and(RUNTIME.with_borrow(|r| r.etag.clone()));
    let store = RUNTIME.with_borrow(|r| r.store.clone());
    let (offered, etag) = match fetch_index(&endpoint, etag.as_deref()).await? {
        IndexResponse::NotModified => {
            touch(&store, &endpoint.base, None).await;
            return Ok(());
        }
        IndexResponse::Fresh { index, etag } => (index, etag),
    };
    let next = match plan_sync_for_copy(cached.as_deref(), &offered, !stale)? {
        SyncPlan::Unchanged => {
            RUNTIME.with_borrow_mut(|r| r.etag = etag.clone());
            touch(&store, &endpoint.base, etag).await;
            return Ok(());
        }
        SyncPlan::Changes(entry) => {
            let cached = cached.as_deref().expect("a delta plan needs a cached dataset");
            let via_delta = match fetch_changes(&endpoint, &entry).await {
                Ok(bytes) => {
                    #[cfg(feature = "split")]
                    let applied = apply_delta(cached, offered.clone(), &entry, &bytes).await;
                    #[cfg(not(feature = "split"))]
                    let applied = apply_delta(cached, offered.clone(), &entry, &bytes);
                    match applied {
                        Ok(applied) => applied.map_err(|e| e.to_string()),
                        Err(e) => Err(format!("its code did not load: {e}")),
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            match via_delta {
                Ok(next) => next,
                Err(e) => {
                    // A broken delta is not fatal: fall back to the changed collections.
                    leptos::logging::warn!("delta file refused, downloading collections: {e}");
                    let changed = match plan_sync_for(Some(cached), &Index { changes: Vec::new(), ..offered.clone() })? {
                        SyncPlan::Download(names) => names,
                        _ => Vec::new(),
                    };
                    let downloaded = fetch_collections(&endpoint, &offered, &changed).await?;
                    read_and_validate(Some(cached), offered, &downloaded).await?
                }
            }
        }
        SyncPlan::Download(names) => {
            let downloaded = fetch_collections(&endpoint, &offered, &names).await?;
            read_and_validate(cached.as_deref(), offered, &downloaded).await?
        }
    };
    // Everything is verified and valid: show it, then store it atomically once it is painted
    // (serialising and writing it is a task of its own, not part of the one that shows it).
    RUNTIME.with_borrow_mut(|r| {
        r.etag = etag.clone();
        r.stale_copy = false;
    });
    // Reading the files and drawing the page they give are two tasks, not one long one; the
    // opening hours, which the first results read ("Nu open" and its count), are parsed in a
    // third (45 ms at 4x with 400 initiatives).
    next_task().await;
    let _ = next.opening_hours_of(0);
    next_task().await;
    let shown = show(state, next);
    if let Some(store) = &store {
        after_paint().await;
        if let Err(e) = store.save(&endpoint.base, &shown, etag, now_ms(), false).await {
            leptos::logging::warn!("could not store the new dataset: {e}");
        }
    }
    broadcast_update();
    Ok(())
}

/// `sync::assemble` for `downloaded` files, in tasks the browser may paint between: the
/// digests (the download worker's, or by SubtleCrypto), then checking the files, then reading
/// the initiatives in slices of [`crate::tasks::SLICE_MS`], then validating them in slices,
/// then leaving out the invalid ones.
async fn read_and_validate(cached: Option<&Dataset>, offered: Index, downloaded: &Downloaded) -> Result<Dataset, LoadError> {
    let files = &downloaded.files;
    let digests = digests(files, &downloaded.sha256).await;
    // Checking the files starts in a task of its own: after digests computed on the page (the
    // browser does that on the main thread) it made one task of 270 ms at 4x CPU with 10,000
    // initiatives (a Chromium trace, issue 15). The initiatives' items are then split off and
    // read in slices (`sync::ReadSteps`), and checked in slices (`validate::Validation`).
    next_task().await;
    let mut reading = ReadSteps::new(cached, offered, files, &digests)?;
    in_slices(|| reading.step(10)).await;
    let read = reading.finish()?;
    let mut checking = read.validation();
    in_slices(|| checking.step(50)).await;
    let first = checking.finish();
    next_task().await;
    read.validate_with(Some(first))
}

async fn touch(store: &Option<Rc<Store>>, endpoint: &str, etag: Option<String>) {
    if let Some(store) = store {
        if let Err(e) = store.touch(endpoint, etag, now_ms()).await {
            leptos::logging::warn!("could not record the sync time: {e}");
        }
    }
}

/// Switches the UI to `dataset` at once. Its search index is built by [`build_search_index`]
/// when the directory asks for it.
fn show(state: AppState, dataset: Dataset) -> Arc<Dataset> {
    let dataset = Arc::new(dataset);
    state.search.set(None);
    state.data.set(LoadState::Ready(dataset.clone()));
    dataset
}

/// Builds the search index of `dataset`, the one shown, once the page is painted, unless it
/// is built or being built already; the directory calls it for each dataset it shows. Only the
/// directory searches: a first visit to a detail page or the map does not build an index
/// (about 100 ms at 4x CPU with 400 initiatives, with compiling its code; issue 15), and the
/// directory's default view needs none (see `results::compute`). The index is built in slices
/// of [`crate::tasks::SLICE_MS`], each a task of its own, and laid out a part per task
/// ([`crate::search::IndexLayout`]), so that the page keeps responding meanwhile; building one
/// for 10,000 initiatives takes longer than the whole start should.
pub fn build_search_index(state: AppState, dataset: Arc<Dataset>) {
    let started = RUNTIME.with_borrow_mut(|r| {
        let same = r.indexed.as_ref().is_some_and(|d| std::ptr::eq(d.as_ptr(), Arc::as_ptr(&dataset)));
        r.indexed = Some(Arc::downgrade(&dataset));
        same
    });
    if started {
        return;
    }
    spawn_local(async move {
        after_paint().await;
        // A newer dataset may have been shown meanwhile: its own build makes its index.
        let current = |d: &Arc<Dataset>| matches!(state.data.get_untracked(), LoadState::Ready(now) if Arc::ptr_eq(&now, d));
        let mut build = crate::search::IndexBuild::new(&dataset);
        in_slices(|| !current(&dataset) || build.step(20)).await;
        if !current(&dataset) {
            return;
        }
        next_task().await;
        let mut layout = build.lay_out();
        loop {
            next_task().await;
            if !current(&dataset) {
                return;
            }
            if layout.step() {
                break;
            }
        }
        state.search.set(Some(Arc::new(layout.finish())));
    });
}

fn schedule_retry(state: AppState) {
    let attempt = RUNTIME.with_borrow_mut(|r| {
        r.failures += 1;
        r.failures - 1
    });
    let delay = retry_delay_ms(attempt, js_sys::Math::random());
    let callback = Closure::once_into_js(move || sync(state));
    let timer = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), delay as i32)
        .ok();
    RUNTIME.with_borrow_mut(|r| r.retry_timer = timer);
}

/// `navigator.storage.persist()`: asks the browser not to evict the offline copy.
async fn ask_persistence(state: AppState) {
    let storage = js_sys::Reflect::get(&window().navigator(), &"storage".into()).ok().filter(|s| !s.is_undefined());
    let granted = async {
        let storage = storage?;
        let persist = js_sys::Reflect::get(&storage, &"persist".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let promise = persist.call0(&storage).ok()?.dyn_into::<js_sys::Promise>().ok()?;
        wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
    }
    .await;
    state.storage.set(if granted == Some(true) { Storage::Persistent } else { Storage::BestEffort });
}

fn broadcast_update() {
    RUNTIME.with_borrow(|r| {
        if let Some(channel) = &r.channel {
            let _ = channel.post_message(&"dataset-updated".into());
        }
    });
}

/// `online`/`offline`, focus after 15 minutes, and other tabs' new versions.
fn listen(state: AppState) {
    let on_online = Closure::<dyn Fn()>::new(move || sync(state));
    let on_offline = Closure::<dyn Fn()>::new(move || {
        if !RUNTIME.with_borrow(|r| r.running) {
            state.sync.set(SyncState::Offline);
        }
    });
    let on_focus = Closure::<dyn Fn()>::new(move || {
        let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
        if visible && due_on_focus(RUNTIME.with_borrow(|r| r.last_success_ms), now_ms()) {
            sync(state);
        }
    });
    let w = window();
    let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
    let _ = document().add_event_listener_with_callback("visibilitychange", on_focus.as_ref().unchecked_ref());
    on_online.forget();
    on_offline.forget();
    on_focus.forget();

    // Another tab stored a new version: read it from IndexedDB instead of downloading it again.
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL_NAME) {
        let on_message = Closure::<dyn Fn()>::new(move || {
            spawn_local(async move {
                let Some(store) = RUNTIME.with_borrow(|r| r.store.clone()) else { return };
                let endpoint = state.endpoint.get_value().base;
                if let Ok(Some(cached)) = store.load(&endpoint).await {
                    RUNTIME.with_borrow_mut(|r| {
                        r.etag = cached.meta.etag.clone();
                        r.stale_copy = cached.meta.needs_refresh();
                    });
                    state.sync.set(SyncState::UpToDate { at_ms: cached.meta.synced_at_ms });
                    show(state, cached.dataset);
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        RUNTIME.with_borrow_mut(|r| r.channel = Some(channel));
    }
}
