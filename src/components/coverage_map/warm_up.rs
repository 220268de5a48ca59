//! Readies the coverage map while the browser is idle, so that opening `/kaart` only has to
//! draw it.
//!
//! ```ignore
//! // once the directory has settled with the complete dataset:
//! warm_up_coverage_map(state, data);
//! ```
//!
//! It renders the map page once into an element that is never attached, and drops it once its
//! effects have run. That lays out the hexagons (kept in `geometry.rs`), parses the shapes (kept
//! in `map_svg.rs`) and makes the browser compile the map's code: V8 compiles a wasm function on
//! its first call, and for the map that was about a third of a route change. It does not download
//! the endpoint's boundaries: they are downloaded only when the map is opened (issue 16: a 45 KB
//! download the user may never need); boundaries kept from an earlier visit are drawn. Once per
//! dataset; skipped when the user asked to save data (Save-Data).

use super::map_svg::WarmUpRender;
use super::CoverageExplorer;
use leptos::task::spawn_local;
use crate::app::AppState;
use crate::dataset::Dataset;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::cell::RefCell;
use std::sync::{Arc, Weak};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static WARMED: RefCell<Weak<Dataset>> = const { RefCell::new(Weak::new()) };
}

pub fn warm_up_coverage_map(state: AppState, data: Arc<Dataset>) {
    if WARMED.with_borrow(|w| std::ptr::eq(w.as_ptr(), Arc::as_ptr(&data))) || save_data() {
        return;
    }
    WARMED.set(Arc::downgrade(&data));
    // The map's code is a wasm chunk (routes/mod.rs), loaded here while the browser is idle.
    // When it cannot load (offline, not cached) the map page tries again when visited.
    when_idle(move || {
        spawn_local(async move {
            #[cfg(feature = "split")]
            let rendered = render_once(state, data).await;
            #[cfg(not(feature = "split"))]
            let rendered = render_once(state, data);
            if rendered.is_err() {
                WARMED.set(Weak::new());
            }
        })
    });
}

/// Renders the map page once into a detached element (see the module's docs). A split point:
/// the map's code, which this reaches, stays out of the main wasm module; `fallible`, because
/// a warm-up that cannot load its chunk is no reason to stop the app (a lazy route's is).
/// (Without the `split` feature, see routes/mod.rs, an ordinary function.)
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(coverage_map_warm_up, wasm_split_path = ::leptos::wasm_split, fallible))]
fn render_once(state: AppState, data: Arc<Dataset>) -> Result<(), SplitLoaderError> {
    let Some(holder) = document().create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return Ok(());
    };
    let rendered = leptos::mount::mount_to(holder, move || {
        provide_context(state);
        provide_context(WarmUpRender);
        view! { <CoverageExplorer data/> }
    });
    // Kept until its effects have run: they write the shapes, which map_svg.rs keeps.
    set_timeout(move || drop(rendered), Duration::from_millis(200));
    Ok(())
}

/// `navigator.connection.saveData`, where the browser has it.
fn save_data() -> bool {
    let navigator = window().navigator();
    js_sys::Reflect::get(&navigator, &"connection".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `requestIdleCallback`, or a timeout where the browser lacks it (Safari).
/// (Leptos' `request_idle_callback` has no `timeout`, hence this.)
fn when_idle(f: impl FnOnce() + 'static) {
    let window = window();
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from_f64(5000.0));
            let _ = idle.call2(&window, &Closure::once_into_js(f), &options);
        }
        None => set_timeout(f, Duration::from_secs(1)),
    }
}
