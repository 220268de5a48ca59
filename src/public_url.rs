//! The app's public URL as this page has it: the build writes `--public-url` into
//! `<meta name="wegwijzer-public-url">` (scripts/post-build.mjs), the folder the app lives in
//! (`/` or `/wegwijzer/`). Routes, links and the bundled endpoint all go through here; the rules are
//! in `wegwijzer_core::public_url`, tested on the host.

use wegwijzer_core::public_url;

thread_local! {
    static BASE: String = public_url::base_path(
        &leptos::prelude::document()
            .query_selector("meta[name=wegwijzer-public-url]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_else(|| "/".into()),
    );
}

/// The base path: `""` at the root of a host, `"/wegwijzer"` under a folder (the router's `base`).
pub fn base() -> String {
    BASE.with(Clone::clone)
}

/// An app path (`/kaart`, `/?q=x`) as the URL path to link or navigate to.
pub fn href(app_path: &str) -> String {
    BASE.with(|base| public_url::href(base, app_path))
}

/// The app path of this page's address (`/` for the start page under any base); `None` when
/// the page is outside the app's folder.
pub fn current_app_path() -> Option<String> {
    let pathname = leptos::prelude::window().location().pathname().ok()?;
    BASE.with(|base| public_url::app_path(base, &pathname).map(str::to_string))
}
