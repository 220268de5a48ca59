//! Mounts the app; everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // The wasm aborts after a panic, so the app cannot go on. The likeliest cause is a page's
        // code (a wasm chunk, routes/mod.rs) that could not load: offline and not cached, or
        // removed by a newer deployment. public/boot-error.js shows a message with a reload
        // button instead of a page that no longer responds.
        if let Ok(event) = web_sys::Event::new("wegwijzer-failed") {
            let _ = leptos::prelude::window().dispatch_event(&event);
        }
    }));
    // The App hands the page over from what first-paint.js painted (components/first_paint.rs).
    leptos::mount::mount_to_body(wegwijzer::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("wegwijzer is a browser app: build it with `trunk build` (see README.md).");
}
