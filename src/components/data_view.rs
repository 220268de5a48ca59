use crate::app::{use_app_state, LoadState};
use crate::components::ErrorPanel;
use crate::dataset::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `view` with the dataset once it is there; a loading state before, and the error
/// panel (with retry) when loading failed.
///
/// ```ignore
/// with_data(|data| view! { <p>{data.initiatives.len()}</p> })
/// ```
pub fn with_data<V, F>(view: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(Arc<Dataset>) -> V + Send + Sync + 'static,
{
    let state = use_app_state();
    move || match state.data.get() {
        LoadState::Loading => view! {
            <p class="loading" role="status" aria-live="polite">{state.t().loading}</p>
        }
        .into_any(),
        LoadState::Failed(error) => view! { <ErrorPanel error/> }.into_any(),
        LoadState::Ready(data) => view(data).into_any(),
    }
}
