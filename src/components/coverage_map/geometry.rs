//! Where the map's geometry comes from. The hexagons are laid out once per municipality list and
//! kept for later visits; real boundaries are fetched only when the map is opened and the
//! endpoint lists a `geometry` file (docs/data-format.md), checked like every other file, and
//! kept per file checksum; a page rendered again while they load waits for the same download.

use crate::config::Endpoint;
use crate::coverage::MergerTable;
use crate::coverage_view::{hex_geometry, BoundaryLayout, MapGeometry};
use crate::dataset::{is_plain_file_name, verify_file_with, Dataset, MAX_COLLECTION_BYTES};
use crate::map::{parse_geometry, GeometryOptions};
use crate::model::CollectionEntry;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, Response};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCache;

/// The collection name of the optional geometry file in `index.json`.
pub const GEOMETRY_COLLECTION: &str = "geometry";

thread_local! {
    // (key of the municipality list, layout): the layout costs milliseconds, so it is not redone
    // on every visit to /kaart.
    static HEXAGONS: RefCell<Option<(String, Arc<MapGeometry>)>> = const { RefCell::new(None) };
    static BOUNDARIES: RefCell<Option<(String, Boundaries)>> = const { RefCell::new(None) };
}

/// Boundaries being loaded or loaded, shared by every render of the page.
pub type Boundaries = Shared<LocalBoxFuture<'static, Result<Arc<MapGeometry>, String>>>;

/// What identifies the municipality list: its file's SHA-256, or its codes without an index.
fn municipalities_key(data: &Dataset) -> String {
    match data.index.as_ref().and_then(|i| i.collections.get("municipalities")) {
        Some(entry) => entry.sha256.clone(),
        None => data.municipalities.iter().map(|m| m.nis.as_str()).collect::<Vec<_>>().join(","),
    }
}

/// The hexagon map of `data`, laid out on first use.
pub fn hexagons(data: &Dataset) -> Arc<MapGeometry> {
    let key = municipalities_key(data);
    if let Some(found) = HEXAGONS.with_borrow(|c| c.as_ref().filter(|(k, _)| *k == key).map(|(_, g)| g.clone())) {
        return found;
    }
    let geometry = Arc::new(hex_geometry(&data.municipalities));
    HEXAGONS.set(Some((key, geometry.clone())));
    geometry
}

/// The geometry file the endpoint offers, if any.
pub fn geometry_entry(data: &Dataset) -> Option<CollectionEntry> {
    data.index.as_ref()?.collections.get(GEOMETRY_COLLECTION).cloned()
}

fn boundaries_key(entry: &CollectionEntry, data: &Dataset) -> String {
    format!("{}/{}", entry.sha256, municipalities_key(data))
}

/// Boundaries already drawn for this file and municipality list, without waiting.
pub fn cached_boundaries(entry: &CollectionEntry, data: &Dataset) -> Option<Arc<MapGeometry>> {
    let key = boundaries_key(entry, data);
    BOUNDARIES.with_borrow(|c| c.as_ref().filter(|(k, _)| *k == key)?.1.peek()?.clone().ok())
}

/// The endpoint's boundaries: the load already under way or done for this file and municipality
/// list, else a new one whose request starts now. A failed load is tried again on the next call.
pub fn boundaries(endpoint: &Endpoint, entry: &CollectionEntry, data: &Arc<Dataset>) -> Boundaries {
    let key = boundaries_key(entry, data);
    let usable = |(k, b): &(String, Boundaries)| *k == key && !matches!(b.peek(), Some(Err(_)));
    if let Some(found) = BOUNDARIES.with_borrow(|c| c.as_ref().filter(|x| usable(x)).map(|(_, b)| b.clone())) {
        return found;
    }
    let pending = request_boundaries(endpoint, entry);
    let (entry, data) = (entry.clone(), data.clone());
    let loading = async move { load_boundaries(pending?, &entry, &data).await }.boxed_local().shared();
    BOUNDARIES.set(Some((key, loading.clone())));
    loading
}

/// Starts downloading the endpoint's boundaries now, before the page lays out and draws the
/// hexagons, so the request runs while the main thread is busy. `no-cache` revalidates with the
/// server (ETag), as for the collections.
fn request_boundaries(endpoint: &Endpoint, entry: &CollectionEntry) -> Result<js_sys::Promise, String> {
    if !is_plain_file_name(&entry.file) {
        return Err(format!("{:?} is not a plain file name", entry.file));
    }
    if entry.bytes > MAX_COLLECTION_BYTES {
        return Err(format!("{}: {} bytes is over the limit", entry.file, entry.bytes));
    }
    let request = Request::get(&endpoint.url(&entry.file)).cache(RequestCache::NoCache).build().map_err(|e| e.to_string())?;
    let window = web_sys::window().ok_or("no window")?;
    Ok(window.fetch_with_request(&request.into()))
}

/// Verifies (size, SHA-256) and draws the boundaries of a request from [`request_boundaries`].
async fn load_boundaries(pending: js_sys::Promise, entry: &CollectionEntry, data: &Dataset) -> Result<Arc<MapGeometry>, String> {
    let response: web_sys::Response =
        JsFuture::from(pending).await.map_err(|e| format!("{}: {e:?}", entry.file))?.unchecked_into();
    let response = Response::from(response);
    if !response.ok() {
        return Err(format!("{}: HTTP {}", entry.file, response.status()));
    }
    let bytes = response.binary().await.map_err(|e| e.to_string())?;
    // The checksum by the browser (SubtleCrypto: native code, though on the main thread);
    // checking, reading and drawing are tasks of their own: together they blocked a phone (4x
    // CPU) for 300 ms on a first visit to /kaart (issue 15).
    let files = std::collections::HashMap::from([(GEOMETRY_COLLECTION.to_string(), bytes)]);
    let digests = crate::api::digests(&files, &Default::default()).await;
    let bytes = &files[GEOMETRY_COLLECTION];
    crate::tasks::next_task().await;
    verify_file_with(entry, bytes, digests.get(GEOMETRY_COLLECTION).map(String::as_str)).map_err(|e| e.to_string())?;
    let shapes = parse_geometry(bytes, &GeometryOptions::default()).map_err(|e| e.to_string())?;
    crate::tasks::next_task().await;
    let mergers = MergerTable::from_municipalities(&data.municipalities);
    let mut layout = BoundaryLayout::new(&shapes, &data.municipalities, &mergers).map_err(|e| e.to_string())?;
    drop(shapes);
    crate::tasks::next_task().await;
    layout.find_neighbours();
    crate::tasks::next_task().await;
    Ok(Arc::new(layout.draw()))
}
