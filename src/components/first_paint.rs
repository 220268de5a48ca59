//! The picture of the directory that `public/first-paint.js` paints on the next start, before
//! the wasm has even compiled (at 4x CPU throttling that start is most of a second).
//!
//! ```ignore
//! // in the directory, once its default view shows the complete dataset:
//! remember_first_paint();
//! // in the App component, as it mounts:
//! hand_over_first_paint(state);
//! ```
//!
//! The picture is this document's own markup, serialised by the browser (every text escaped),
//! without scripts and without the update banner. Its key is the build (Trunk's hashed names of
//! the wasm and its script, which produce the markup; any stylesheet links too) and the
//! endpoint, so a new build or another endpoint never shows an old picture. The release build
//! also carries pictures of its own (taken at build time by `scripts/post-build.mjs`) of the
//! start page, the map and each detail page, which `first-paint.js` paints on a first visit;
//! the page then calls [`page_drawn`] once it has drawn itself with its data.

use crate::app::{AppState, LoadState};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The localStorage key, also in `public/first-paint.js`.
const KEY: &str = "wegwijzer-first-paint";
/// The attribute `first-paint.js` puts on each element it paints.
const PAINTED: &str = "data-first-paint";
/// How long the page must be quiet before it is pictured: a render in progress (more cards,
/// a sync switching versions) reschedules it, so the picture is of a settled page.
const SETTLE_MS: u64 = 800;

thread_local! {
    static PENDING: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
    /// The app path this document opened on (`None` inside: not recorded yet), and whether
    /// the visitor has been on another since ([`route_changed`]).
    static START_PATH: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
    static ROUTE_CHANGED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set by [`page_draws_itself`] while a `with_data` view is built.
    static DRAWS_ITSELF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Removes every element of `list`.
fn remove_each(list: &web_sys::NodeList) {
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            el.remove();
        }
    }
}

/// Removes what `first-paint.js` painted.
fn remove_first_paint() {
    if let Ok(painted) = document().query_selector_all(&format!("[{PAINTED}]")) {
        remove_each(&painted);
    }
}

/// The class on `<html>` that hides the app's own elements while the painted page stands in
/// for them (style/main.css).
const WAITING: &str = "first-paint-waiting";
/// The class on `<html>` that, without a painted page (any other route, an embed, a start page
/// with a query), keeps the page inside `<main>` out of the layout until the data is there; only
/// its loading line shows (style/main.css). Why: the notices about the data (sample data, its
/// source, records left out, the embed's unknown parameters) can only appear once the data is
/// there, above the page; a page already shown (a lazy route's heading and intro, the
/// directory's search form) would then be pushed down: a layout shift (issue 15, CLS on `/kaart`
/// 0.08 and the embed 0.05). The page itself still renders meanwhile, so its code (a wasm chunk)
/// loads alongside the data rather than after it.
const PAGE_WAITING: &str = "data-waiting";

/// Hands the page over from what `first-paint.js` painted to the app; call in the `App`
/// component, which runs in the task that mounts the app. When the app can show its page at once
/// (the first page from the local snapshot), the painted page goes in this task: the browser never
/// paints both, nor neither. When it cannot yet (a first visit, the data still on its way), the
/// painted page stays and the app's elements stay hidden until the data is there (or failed),
/// then the two swap in one task: no "loading" flash, no layout shift, no second largest paint.
/// Without a painted page the app shows at once, but its page waits for the data in the same way
/// ([`PAGE_WAITING`]). Only the first load waits: a later reload of the data (retry) changes the
/// page in place.
///
/// Returns whether the painted page stands in for the whole app until the data is there (the
/// app's own elements are hidden meanwhile).
pub fn hand_over_first_paint(state: AppState) -> bool {
    route_changed();
    let painted = document().query_selector(&format!("[{PAINTED}]")).ok().flatten().is_some();
    if !matches!(state.data.get_untracked(), LoadState::Loading) {
        remove_first_paint();
        return false;
    }
    // A page's code may still be on its way when the data is there (a lazy route's chunk):
    // the picture stays until the page has drawn itself with the data ([`page_drawn`]).
    let drawn = RwSignal::new(false);
    provide_context(PageDrawn(drawn));
    let class = if painted { WAITING } else { PAGE_WAITING };
    let root = document().document_element();
    if let Some(root) = &root {
        let _ = root.class_list().add_1(class);
    }
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match state.data.get() {
            LoadState::Loading => return false,
            LoadState::Failed(_) => {}
            _ if painted && !drawn.get() => return false,
            _ => {}
        }
        remove_first_paint();
        if let Some(root) = &root {
            let _ = root.class_list().remove_1(class);
        }
        true
    });
    painted
}

/// Set once a page has drawn itself with the data ([`page_drawn`]).
#[derive(Clone, Copy)]
struct PageDrawn(RwSignal<bool>);

/// Says, from inside a [`with_data`](super::with_data) view as it is built, that the page is
/// not drawn yet when that view returns: it builds its data in a later task and calls
/// [`page_drawn`] itself then. The picture stands in for it until that call.
pub fn page_draws_itself() {
    DRAWS_ITSELF.set(true);
}

/// Whether the view just built called [`page_draws_itself`]; resets it (`with_data`).
pub(super) fn take_draws_itself() -> bool {
    DRAWS_ITSELF.replace(false)
}

/// Says that the page has drawn itself with the data; call where a page renders its data
/// (`data_view.rs`). Until then a picture of the page stands in for it, when there is one.
pub fn page_drawn() {
    // Notes a route change here too, so that one away and back is not taken for a start.
    route_changed();
    if let Some(PageDrawn(drawn)) = use_context::<PageDrawn>() {
        if !drawn.get_untracked() {
            drawn.set(true);
        }
    }
}

/// Whether the visitor has moved to another route since the document loaded: false on a start
/// (the page the document opened on, where cutting the work into tasks shortens the blocked
/// time the visitor waits through, issue 15), true after a route change (where the page's parts
/// should come together: the visitor waits for the page they asked for). The first call (from
/// the `App` component, as it mounts) records the path the document opened on.
pub fn route_changed() -> bool {
    if ROUTE_CHANGED.get() {
        return true;
    }
    let here = crate::public_url::current_app_path();
    let changed = START_PATH.with_borrow_mut(|start| start.get_or_insert_with(|| here.clone()) != &here);
    ROUTE_CHANGED.set(changed);
    changed
}

/// Pictures the page for the next start once it has been quiet for [`SETTLE_MS`]; a new call
/// before then starts the wait again. Best effort: without storage the next start paints later.
pub fn remember_first_paint() {
    if let Some(pending) = PENDING.take() {
        pending.clear();
    }
    let write = || {
        PENDING.set(None);
        // The user may have moved on (another page, a search) since this was scheduled.
        let location = window().location();
        if crate::public_url::current_app_path().as_deref() != Some("/") || location.search().ok().is_some_and(|s| !s.is_empty()) {
            return;
        }
        if let Some(picture) = picture() {
            if crate::store::local_storage().is_none_or(|s| s.set_item(KEY, &picture).is_err()) {
                leptos::logging::warn!("could not keep a picture of the page for the next start");
            }
        }
    };
    PENDING.set(set_timeout_with_handle(write, Duration::from_millis(SETTLE_MS)).ok());
}

/// The entry `first-paint.js` reads: `{build, endpoint, lang, html}` as JSON.
fn picture() -> Option<String> {
    let document = document();
    let body = document.body()?;
    let copy: web_sys::Element = body.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    // Not part of the picture: scripts, a leftover painted element, the "new version" banner
    // (it belongs to this start, not the next one), open/closed lines (true only at the time
    // they were drawn; a picture shown tomorrow morning must not say "Nu open").
    remove_each(&copy.query_selector_all(&format!("script, noscript, [{PAINTED}], .update-banner, .open-line")).ok()?);
    let entry = js_sys::Object::new();
    let set = |k: &str, v: String| js_sys::Reflect::set(&entry, &k.into(), &v.into()).ok();
    set("build", build(&document)?)?;
    let endpoint = document.query_selector("meta[name=wegwijzer-bron]").ok()??.get_attribute("content")?;
    set("endpoint", endpoint)?;
    set("lang", document.document_element()?.get_attribute("lang").unwrap_or_default())?;
    set("html", copy.inner_html())?;
    js_sys::JSON::stringify(&entry).ok()?.as_string()
}

/// The hashed names of this build's wasm, script and stylesheets, as `first-paint.js` joins them.
fn build(document: &web_sys::Document) -> Option<String> {
    let links = document.query_selector_all("link[rel=stylesheet],link[rel=preload],link[rel=modulepreload]").ok()?;
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("href"))
        .collect();
    Some(hrefs.join(" "))
}
