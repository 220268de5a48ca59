//! Readies the coverage map while the browser is idle, so that opening `/kaart` only has to
//! draw it: loads the map's code and lays out its hexagons.
//!
//! ```ignore
//! // once the directory has settled with the complete dataset:
//! warm_up_coverage_map(state, data);
//! ```
//!
//! The map's code is a wasm chunk: loading it here means a first visit to the map does not
//! wait for that download. The hexagon layout is kept in `geometry.rs`. It does not draw the map:
//! an off-screen render of the whole map page was one task of about 260 ms at 4x CPU on the
//! start page (issue 15: no long task on a first visit), for a map the user may never open. Nor
//! does it download the endpoint's boundaries: only an opened map does (issue 16). Once per
//! dataset; skipped when the user asked to save data (Save-Data).

use leptos::task::spawn_local;
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

pub fn warm_up_coverage_map(data: Arc<Dataset>) {
    if WARMED.with_borrow(|w| std::ptr::eq(w.as_ptr(), Arc::as_ptr(&data))) || save_data() {
        return;
    }
    WARMED.set(Arc::downgrade(&data));
    // The map's code is a wasm chunk (routes/mod.rs), loaded here while the browser is idle.
    // When it cannot load (offline, not cached) the map page tries again when visited.
    when_idle(move || {
        spawn_local(async move {
            #[cfg(feature = "split")]
            let readied = ready_once(data).await;
            #[cfg(not(feature = "split"))]
            let readied = ready_once(data);
            if readied.is_err() {
                WARMED.set(Weak::new());
            }
        })
    });
}

/// Lays out the map's hexagons once (see the module's docs). A split point: the map's code,
/// which this reaches, stays out of the main wasm module; `fallible`, because a warm-up that
/// cannot load its chunk is no reason to stop the app (a lazy route's is).
/// (Without the `split` feature, see routes/mod.rs, an ordinary function.)
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(coverage_map_warm_up, wasm_split_path = ::leptos::wasm_split, fallible))]
fn ready_once(data: Arc<Dataset>) -> Result<(), SplitLoaderError> {
    super::geometry::hexagons(&data);
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
