use crate::app::use_app_state;
use crate::config::NetworkCause;
use crate::dataset::LoadError;
use crate::i18n::{fill, Texts};
use leptos::prelude::*;

/// The plain-language sentence for a load error.
pub fn error_message(t: &Texts, error: &LoadError) -> String {
    match error {
        LoadError::Network { cause: NetworkCause::Offline, .. } => t.error_offline.to_string(),
        LoadError::Network { cause: NetworkCause::Cors, file, .. } => fill(t.error_cors, "x", origin_of(file)),
        LoadError::Network { cause: NetworkCause::Unreachable, .. } => t.error_network.to_string(),
        LoadError::Http { status, .. } => fill(t.error_http, "n", status),
        LoadError::NotJson { .. } => t.error_not_json.to_string(),
        LoadError::TooLarge { .. } => t.error_too_large.to_string(),
        LoadError::UnsupportedFormat { .. } => t.error_format.to_string(),
        LoadError::Invalid(problems) => fill(t.error_invalid, "n", problems.len()),
        LoadError::VersionWentBack { .. } => t.error_version_back.to_string(),
        LoadError::MissingCollection(_)
        | LoadError::BadFileName(_)
        | LoadError::SizeMismatch { .. }
        | LoadError::ChecksumMismatch { .. }
        | LoadError::VersionMismatch { .. }
        | LoadError::CountMismatch { .. }
        | LoadError::BadPatch { .. } => t.error_damaged.to_string(),
    }
}

/// `scheme://host[:port]` of a URL (the URL itself when it has no such part).
fn origin_of(url: &str) -> &str {
    match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or(url, |j| &url[..i + 3 + j]),
        None => url,
    }
}

/// Says what went wrong and offers a retry; the technical detail (the endpoint's index URL and
/// the error, which names the URL that failed) is folded away. A source that names
/// `index.json` itself gets the folder to use instead.
#[component]
pub fn ErrorPanel(error: LoadError) -> impl IntoView {
    let state = use_app_state();
    let index_url = state.endpoint.with_value(|e| e.url("index.json"));
    let detail = error.to_string();
    let fix = state.endpoint.with_value(|e| e.suggested_fix());
    let error = StoredValue::new(error);
    view! {
        <section class="error-panel" role="alert" aria-labelledby="error-title">
            <h2 id="error-title">{state.text(|t| t.error_title)}</h2>
            <p>{move || error_message(state.t(), &error.read_value())}</p>
            {fix.map(|fix| view! { <p class="error-fix">{move || fill(state.t().error_fix_index, "x", &fix)}</p> })}
            <details>
                <summary>{state.text(|t| t.error_details)}</summary>
                <pre>{state.text(|t| t.error_requested)} ": " {index_url} "\n" {detail}</pre>
            </details>
            <button type="button" class="button" on:click=move |_| state.sync_now()>
                {state.text(|t| t.retry)}
            </button>
        </section>
    }
}
