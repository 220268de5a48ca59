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
    // Mounted in a task after the one that instantiated the wasm (V8 may finish compiling the
    // module in that one): two shorter tasks instead of one long one on a first visit (issue 15).
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(wegwijzer::App), std::time::Duration::ZERO);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("wegwijzer is a browser app: build it with `trunk build` (see README.md).");
}
