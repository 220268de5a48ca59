use crate::app::use_app_state;
use crate::i18n::fill;
use leptos::prelude::*;

/// Says which data source is shown when it is not the site's own: a `?bron=` in force for this
/// tab (with a way back to the default), or a `?bron=` that was refused and why.
#[component]
pub fn SourceNotice() -> impl IntoView {
    let state = use_app_state();
    let (chosen, rejected) = state.endpoint.with_value(|e| (e.from_url_parameter.then(|| e.base.clone()), e.rejected.clone()));
    view! {
        {chosen.map(|base| view! {
            <p class="source-notice" role="note">
                {move || fill(state.t().source_shown, "x", &base)} " "
                // A full page load, so the app starts again with the default source.
                <a href=crate::public_url::href("/?bron=") rel="external">{state.text(|t| t.source_default)}</a>
            </p>
        })}
        {rejected.map(|value| view! {
            <p class="source-notice source-rejected" role="alert">{move || fill(state.t().endpoint_rejected, "x", &value)}</p>
        })}
    }
}
