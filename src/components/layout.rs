use crate::app::{use_app_state, LoadState};
use crate::components::{LanguageSwitcher, SyncStatus};
use leptos::prelude::*;
use crate::public_url::href;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    view! {
        <header class="site-header">
            <A href=href("/") attr:class="brand">
                <span class="brand-name">{state.text(|t| t.app_title)}</span>
            </A>
            <nav aria-label=state.text(|t| t.nav_label)>
                <ul>
                    <li><A href=href("/") exact=true>{state.text(|t| t.nav_directory)}</A></li>
                    <li><A href=href("/kaart")>{state.text(|t| t.nav_map)}</A></li>
                    <li><A href=href("/over")>{state.text(|t| t.nav_about)}</A></li>
                </ul>
            </nav>
            <LanguageSwitcher/>
        </header>
    }
}

/// Shown whenever the dataset says it is sample data.
#[component]
pub fn SampleNotice() -> impl IntoView {
    let state = use_app_state();
    let is_sample = move || matches!(state.data.get(), LoadState::Ready(d) | LoadState::FirstPage(d) if d.is_sample());
    view! {
        <Show when=is_sample>
            <p class="sample-notice" role="note">{state.text(|t| t.sample_notice)}</p>
        </Show>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let state = use_app_state();
    view! {
        <footer class="site-footer">
            <SyncStatus/>
            <p>{state.text(|t| t.footer)} " · " <A href=href("/over")>{state.text(|t| t.nav_about)}</A></p>
        </footer>
    }
}
