//! The one typed fetch module: `index.json` (conditionally, with the stored ETag), collection
//! files and delta files of an endpoint. Bodies are size-limited and time-limited; nothing here
//! decides what to do with them (that is `sync.rs`).

use crate::config::Endpoint;
use crate::dataset::{parse_index, LoadError, MAX_INDEX_BYTES};
use crate::model::{ChangesEntry, Index};
use crate::sync::MAX_CHANGES_BYTES;
use gloo_net::http::Request;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use crate::config::NetworkCause;
use crate::tasks::in_slices;
use web_sys::{AbortController, RequestCache, RequestMode};

/// A request that has not answered in this time counts as failed (the cached data stays).
const TIMEOUT_MS: i32 = 30_000;

/// What a conditional `index.json` request gave.
pub enum IndexResponse {
    /// 304: the endpoint has not changed since the stored ETag.
    NotModified,
    Fresh { index: Index, etag: Option<String> },
}

/// Aborts the request when it takes longer than [`TIMEOUT_MS`].
struct Deadline {
    controller: AbortController,
    timer: i32,
}

impl Deadline {
    fn new() -> Option<Deadline> {
        let controller = AbortController::new().ok()?;
        let abort = controller.clone();
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        let timer = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), TIMEOUT_MS)
            .ok()?;
        Some(Deadline { controller, timer })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.timer);
        }
    }
}

/// Why a request to `url` failed: offline, unreachable, or (a cross-origin server that answers
/// a `no-cors` request) a missing CORS header. See [`NetworkCause`].
async fn network_cause(url: &str) -> NetworkCause {
    let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let cross_origin = crate::config::is_cross_origin(url, &origin);
    let answers = online
        && cross_origin
        && Request::get(url).mode(RequestMode::NoCors).cache(RequestCache::NoStore).send().await.is_ok();
    NetworkCause::classify(online, cross_origin, answers)
}

/// The error for a request that did not complete, with its URL and cause.
async fn network_error(url: &str, e: gloo_net::Error) -> LoadError {
    LoadError::Network { file: url.to_string(), detail: e.to_string(), cause: network_cause(url).await }
}

/// A downloaded file: its body, the ETag it came with, and its SHA-256 (lowercase hex) when the
/// first visit's download worker computed it (`public/prefetch-data.js`; never a server's word).
struct Fetched {
    body: Vec<u8>,
    etag: Option<String>,
    sha256: Option<String>,
}

/// GETs `url`; `Ok(None)` for a 304. Refuses error statuses and bodies over `limit` bytes.
/// Errors name the URL requested, so the technical details show exactly what was asked.
async fn fetch_bytes(url: &str, limit: u64, etag: Option<&str>) -> Result<Option<Fetched>, LoadError> {
    let deadline = Deadline::new();
    // `no-store`: the app does its own revalidation (ETag) and keeps its own copy; the HTTP
    // cache would only hide a 304 from it.
    let mut request = Request::get(url).cache(RequestCache::NoStore);
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let request = request.abort_signal(deadline.as_ref().map(|d| d.controller.signal()).as_ref());
    // A first visit's page already asked (public/prefetch-data.js): the same request, earlier.
    let prefetched = match etag {
        None => take_prefetched(url).await,
        Some(_) => None,
    };
    let response = match prefetched {
        Some(Prefetched::Body { status, headers, body, sha256, too_large }) => {
            drop(deadline);
            if !(200..300).contains(&status) {
                return Err(LoadError::Http { file: url.to_string(), status });
            }
            if let Some(bytes) = too_large {
                return Err(LoadError::TooLarge { file: url.to_string(), bytes, limit });
            }
            let bytes = body.byte_length() as u64;
            if bytes > limit {
                return Err(LoadError::TooLarge { file: url.to_string(), bytes, limit });
            }
            let etag = headers.get("etag").ok().flatten();
            return Ok(Some(Fetched { body: copy_in_slices(&body).await, etag, sha256 }));
        }
        Some(Prefetched::Response(response)) => gloo_net::http::Response::from(response),
        None => match request.send().await {
            Ok(r) => r,
            Err(e) => return Err(network_error(url, e).await),
        },
    };
    if response.status() == 304 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(LoadError::Http { file: url.to_string(), status: response.status() });
    }
    let declared = response.headers().get("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(bytes) = declared.filter(|&b| b > limit) {
        return Err(LoadError::TooLarge { file: url.to_string(), bytes, limit });
    }
    let etag = response.headers().get("etag");
    let body = match response.binary().await {
        Ok(b) => b,
        Err(e) => return Err(network_error(url, e).await),
    };
    drop(deadline);
    if body.len() as u64 > limit {
        return Err(LoadError::TooLarge { file: url.to_string(), bytes: body.len() as u64, limit });
    }
    Ok(Some(Fetched { body, etag, sha256: None }))
}

/// Copies `buffer` into the wasm's memory a slice at a time, each slice a task of its own
/// ([`in_slices`]): the 14 MB of 10,000 initiatives at once (growing and zeroing the memory,
/// then copying) were one task of about 120 ms at 4x CPU in a Chromium trace (issue 15).
async fn copy_in_slices(buffer: &js_sys::ArrayBuffer) -> Vec<u8> {
    const STEP: u32 = 256 * 1024;
    let all = js_sys::Uint8Array::new(buffer);
    let len = all.length();
    let mut out = Vec::with_capacity(len as usize);
    in_slices(|| {
        let start = out.len() as u32;
        let end = start.saturating_add(STEP).min(len);
        out.resize(end as usize, 0);
        all.subarray(start, end).copy_to(&mut out[start as usize..]);
        end == len
    })
    .await;
    out
}

/// What `public/prefetch-data.js` got for one file.
enum Prefetched {
    /// Asked for on the page itself (`index.json`, or where no worker could start).
    Response(web_sys::Response),
    /// The download worker's answer, body and all, with the SHA-256 it computed of the body
    /// (`None` where the worker had no SubtleCrypto). `too_large`: the body was longer than the
    /// limit the page gave the worker (what the index declares, plus the same slack as
    /// [`fetch_collections`]), in bytes as far as the worker read; it read no further.
    Body { status: u16, headers: web_sys::Headers, body: js_sys::ArrayBuffer, sha256: Option<String>, too_large: Option<u64> },
}

impl Prefetched {
    /// A `Response`, or the worker's `{ status, headers, body, sha256, tooLarge }`; `None` for anything
    /// else (the caller then asks itself).
    fn from_js(value: JsValue) -> Option<Prefetched> {
        if value.is_instance_of::<web_sys::Response>() {
            return Some(Prefetched::Response(value.unchecked_into()));
        }
        let field = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok();
        let status = field("status")?.as_f64().filter(|s| s.fract() == 0.0 && (0.0..1000.0).contains(s))? as u16;
        let headers = field("headers")?.dyn_into::<web_sys::Headers>().ok()?;
        let body = field("body")?.dyn_into::<js_sys::ArrayBuffer>().ok()?;
        let sha256 = field("sha256").and_then(|v| v.as_string()).filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let too_large = field("tooLarge").and_then(|v| v.as_f64()).filter(|b| *b > 0.0).map(|b| b as u64);
        Some(Prefetched::Body { status, headers, body, sha256, too_large })
    }
}

thread_local! {
    /// The collection files `public/prefetch-data.js` asked for, by absolute URL: each taken once.
    static PREFETCHED: std::cell::RefCell<HashMap<String, js_sys::Promise>> = std::cell::RefCell::default();
}

/// The response `public/prefetch-data.js` asked for at `url` (relative to the page), taken
/// once; `None` when it asked for none there or its request failed (the caller then asks
/// itself). The first `index.json` taken also takes the collection files it asked for, when it
/// is the index the app wants (the same absolute URL).
async fn take_prefetched(url: &str) -> Option<Prefetched> {
    let window = web_sys::window()?;
    let absolute = web_sys::Url::new_with_base(url, &window.location().href().ok()?).ok()?.href();
    let pending = match PREFETCHED.with_borrow_mut(|files| files.remove(&absolute)) {
        Some(file) => file,
        None => {
            let key = JsValue::from_str("wegwijzerPrefetch");
            let started = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
            let _ = js_sys::Reflect::delete_property(&window, &key);
            let started = wasm_bindgen_futures::JsFuture::from(started).await.ok()?;
            let field = |name: &str| js_sys::Reflect::get(&started, &JsValue::from_str(name)).ok();
            if field("url")?.as_string()? != absolute {
                return None;
            }
            let files = field("files")?;
            for name in js_sys::Object::keys(files.unchecked_ref::<js_sys::Object>()).iter() {
                let file = js_sys::Reflect::get(&files, &name).ok().and_then(|f| f.dyn_into::<js_sys::Promise>().ok());
                if let (Some(name), Some(file)) = (name.as_string(), file) {
                    PREFETCHED.with_borrow_mut(|files| files.insert(name, file));
                }
            }
            return field("index")?.dyn_into::<web_sys::Response>().ok().map(Prefetched::Response);
        }
    };
    Prefetched::from_js(wasm_bindgen_futures::JsFuture::from(pending).await.ok()?)
}

/// `index.json`, conditional on `etag` when there is one.
pub async fn fetch_index(endpoint: &Endpoint, etag: Option<&str>) -> Result<IndexResponse, LoadError> {
    match fetch_bytes(&endpoint.url("index.json"), MAX_INDEX_BYTES, etag).await? {
        None => Ok(IndexResponse::NotModified),
        Some(Fetched { body, etag, .. }) => Ok(IndexResponse::Fresh { index: parse_index(&body)?, etag }),
    }
}

/// Downloaded collection files by name, and the SHA-256 of those the first visit's download
/// worker computed (the rest: [`digests`]).
pub struct Downloaded {
    pub files: HashMap<String, Vec<u8>>,
    pub sha256: HashMap<String, String>,
}

/// Downloads the named collection files of `index`, all or nothing.
pub async fn fetch_collections(endpoint: &Endpoint, index: &Index, names: &[&str]) -> Result<Downloaded, LoadError> {
    let downloads = names.iter().map(|name| async move {
        let entry = index.collections.get(*name).ok_or_else(|| LoadError::MissingCollection(name.to_string()))?;
        // A little slack over the declared size so a wrong size gets its own precise message.
        let limit = entry.bytes + 1024;
        let fetched = fetch_file(endpoint, &entry.file, limit).await?;
        Ok::<_, LoadError>((name.to_string(), fetched))
    });
    let mut out = Downloaded { files: HashMap::new(), sha256: HashMap::new() };
    for (name, fetched) in futures::future::try_join_all(downloads).await? {
        if let Some(sha256) = fetched.sha256 {
            out.sha256.insert(name.clone(), sha256);
        }
        out.files.insert(name, fetched.body);
    }
    Ok(out)
}

/// Downloads one delta file.
pub async fn fetch_changes(endpoint: &Endpoint, entry: &ChangesEntry) -> Result<Vec<u8>, LoadError> {
    let limit = entry.bytes.min(MAX_CHANGES_BYTES) + 1024;
    Ok(fetch_file(endpoint, &entry.file, limit).await?.body)
}

/// An unconditional GET of one endpoint file (a 304 cannot happen without an ETag).
async fn fetch_file(endpoint: &Endpoint, file: &str, limit: u64) -> Result<Fetched, LoadError> {
    fetch_bytes(&endpoint.url(file), limit, None)
        .await?
        .ok_or_else(|| LoadError::Http { file: file.to_string(), status: 304 })
}

/// The SHA-256 (lowercase hex) of each downloaded file by name, computed by the browser's
/// SubtleCrypto: native code (which Chromium runs on the main thread: about 50 ms for 14 MB at
/// 4x CPU in a trace), where core's own (the `sha2` crate in wasm) was a third of the task that
/// reads a first download at 4x CPU. `known`: those computed already (by the download worker,
/// [`Downloaded::sha256`]), taken as they are. Without those where the browser has none
/// (SubtleCrypto exists only in secure contexts: https, localhost): core then computes them
/// (`sync::assemble_with_digests`). Either way every file is checked against `index.json`.
pub async fn digests(files: &HashMap<String, Vec<u8>>, known: &HashMap<String, String>) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = known.iter().filter(|(name, _)| files.contains_key(*name)).map(|(n, d)| (n.clone(), d.clone())).collect();
    if out.len() == files.len() {
        return out;
    }
    let subtle = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &"subtle".into()).ok())
        .filter(|s| s.is_object());
    let Some(subtle) = subtle else { return out };
    let Some(digest) = js_sys::Reflect::get(&subtle, &"digest".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return out;
    };
    // All started before the first is awaited: they run side by side.
    let pending: Vec<_> = files
        .iter()
        .filter(|(name, _)| !out.contains_key(*name))
        .filter_map(|(name, bytes)| {
            let data = js_sys::Uint8Array::from(bytes.as_slice());
            let promise = digest.call2(&subtle, &"SHA-256".into(), &data).ok()?.dyn_into::<js_sys::Promise>().ok()?;
            Some((name.clone(), wasm_bindgen_futures::JsFuture::from(promise)))
        })
        .collect();
    for (name, pending) in pending {
        if let Ok(buffer) = pending.await {
            out.insert(name, crate::dataset::hex(&js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    }
    out
}
