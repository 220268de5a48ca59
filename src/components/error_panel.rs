use crate::app::use_app_state;
use crate::dataset::LoadError;
use crate::i18n::{fill, Texts};
use leptos::prelude::*;

/// The plain-language sentence for a load error.
pub fn error_message(t: &Texts, error: &LoadError) -> String {
    match error {
        LoadError::Network { .. } => t.error_network.to_string(),
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

/// Says what went wrong and offers a retry; the technical detail is folded away.
#[component]
pub fn ErrorPanel(error: LoadError) -> impl IntoView {
    let state = use_app_state();
    let detail = error.to_string();
    let error = StoredValue::new(error);
    view! {
        <section class="error-panel" role="alert" aria-labelledby="error-title">
            <h2 id="error-title">{state.text(|t| t.error_title)}</h2>
            <p>{move || error_message(state.t(), &error.read_value())}</p>
            <details>
                <summary>{state.text(|t| t.error_details)}</summary>
                <pre>{detail}</pre>
            </details>
            <button type="button" class="button" on:click=move |_| state.sync_now()>
                {state.text(|t| t.retry)}
            </button>
        </section>
    }
}
