use leptos::prelude::document;

/// Sets the document title to "`page` · Wegwijzer", so tabs, history and screen readers say
/// where the user is.
pub fn set_page_title(page: &str, app: &str) {
    let title = if page.is_empty() { app.to_string() } else { format!("{page} · {app}") };
    document().set_title(&title);
}
