//! Mounts the app; everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The App hands the page over from what first-paint.js painted (components/first_paint.rs).
    leptos::mount::mount_to_body(wegwijzer::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("wegwijzer is a browser app: build it with `trunk build` (see README.md).");
}
