//! Mounts the app; everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(wegwijzer::App);
    // In the same task as the mount: the page never shows both, nor neither.
    wegwijzer::components::remove_first_paint();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("wegwijzer is a browser app: build it with `trunk build` (see README.md).");
}
