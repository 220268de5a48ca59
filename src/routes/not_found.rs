use crate::app::use_app_state;
use crate::components::set_page_title;
use leptos::prelude::*;
use leptos_router::components::A;

/// Any unknown route.
#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| set_page_title(state.t().page_not_found_title, state.t().app_title));
    view! {
        <h1>{state.text(|t| t.page_not_found_title)}</h1>
        <p>{state.text(|t| t.page_not_found_text)}</p>
        <p><A href=crate::public_url::href("/")>{state.text(|t| t.to_home)}</A></p>
    }
}
