//! Awaitable points where the browser may paint and handle input: long work on the main
//! thread is cut into tasks with these, so that no task blocks a phone for long (issue 15).
//!
//! ```ignore
//! show(dataset);
//! after_paint().await; // the dataset is on screen
//! store(dataset).await;
//! ```

use leptos::prelude::window;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Resolves after the browser has rendered the next frame: a requestAnimationFrame callback
/// runs just before the frame, a timeout set there runs after it.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let on_frame = Closure::once_into_js(move || {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        let _ = window().request_animation_frame(on_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task of its own (a zero timeout), so that the browser may paint and handle
/// input in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How long a piece of long work runs in one task ([`in_slice`]), in ms of this device's clock:
/// far below a long task (50 ms) on a phone four times slower than the machine that measured it.
pub const SLICE_MS: f64 = 8.0;

/// Runs `step` until it says it is done (true) or [`SLICE_MS`] have passed (false).
fn in_slice(mut step: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    loop {
        if step() {
            return true;
        }
        if js_sys::Date::now() - start > SLICE_MS {
            return false;
        }
    }
}

/// Runs `step` in slices of [`SLICE_MS`], each in a task of its own (the first one too), until
/// it says it is done (true).
///
/// ```ignore
/// in_slices(|| reader.step(10)).await;
/// ```
pub async fn in_slices(mut step: impl FnMut() -> bool) {
    loop {
        next_task().await;
        if in_slice(&mut step) {
            return;
        }
    }
}
