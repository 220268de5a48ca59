//! Readies the coverage map while the browser is idle, so that opening `/kaart` only has to
//! draw it.
//!
//! ```ignore
//! // once the directory has settled with the complete dataset:
//! warm_up_coverage_map(state, data);
//! ```
//!
//! It renders the map page once into an element that is never attached, then drops it. That
//! lays out the hexagons (kept in `geometry.rs`), starts loading the endpoint's boundaries (kept
//! there too, so the page draws them at once) and makes the browser compile the map's code:
//! V8 compiles a wasm function on its first call, and for the map that was about a third of a
//! route change. Once per dataset; skipped when the user asked to save data (Save-Data), since
//! the boundaries are a download the user may never need.

use super::CoverageExplorer;
use crate::app::AppState;
use crate::dataset::Dataset;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::{Arc, Weak};
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
    when_idle(move || {
        let Some(holder) = document().create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
            return;
        };
        let rendered = leptos::mount::mount_to(holder, move || {
            provide_context(state);
            view! { <CoverageExplorer data/> }
        });
        drop(rendered);
    });
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
fn when_idle(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let window = window();
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from_f64(5000.0));
    let scheduled = match idle {
        Some(idle) => idle.call2(&window, &callback, &options).is_ok(),
        None => false,
    };
    if !scheduled {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 1000);
    }
}
