use crate::app::{use_app_state, LoadState};
use crate::components::first_paint::take_draws_itself;
use crate::components::{page_drawn, ErrorPanel};
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
    data_view(false, view)
}

/// [`with_data`] that also renders the first page of the cached dataset, before the rest is
/// read ([`LoadState::FirstPage`]): `view` must handle [`Dataset::is_complete`] being false.
pub fn with_first_page<V, F>(view: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(Arc<Dataset>) -> V + Send + Sync + 'static,
{
    data_view(true, view)
}

fn data_view<V, F>(first_page: bool, view: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(Arc<Dataset>) -> V + Send + Sync + 'static,
{
    let state = use_app_state();
    // The page with its data; a picture standing in for it may go (first_paint.rs).
    let draw = move |data| {
        take_draws_itself();
        let page = view(data).into_any();
        if !take_draws_itself() {
            page_drawn();
        }
        page
    };
    move || match state.data.get() {
        LoadState::Failed(error) => view! { <ErrorPanel error/> }.into_any(),
        LoadState::Ready(data) => draw(data),
        LoadState::FirstPage(data) if first_page => draw(data),
        LoadState::Loading | LoadState::FirstPage(_) => view! {
            <p class="loading" role="status" aria-live="polite">{state.t().loading}</p>
        }
        .into_any(),
    }
}
