//! The frame around an embedded page: no site header or footer, only a list/map switch (when
//! the host shows it), a notice for parameters that were not understood, and a link to the
//! full app. [`RegionLink`] sends links that leave the embed's region to the full app.

use crate::app::use_app_state;
use crate::components::SyncStatus;
use crate::embed::EmbedProblem;
use crate::i18n::fill;
use leptos::prelude::*;
use crate::public_url::href;
use leptos_router::components::A;

/// The list/map switch, shown when the host's `toon` includes `kaart`. Also asks the host page
/// to show the frame's top after every change of view (not of filters: same path).
#[component]
pub fn EmbedNav() -> impl IntoView {
    let state = use_app_state();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            crate::components::ask_host_to_scroll(state);
        }
        path
    });
    let shown = state.embed.with_value(|e| e.as_ref().is_some_and(|c| c.controls.map));
    shown.then(|| {
        view! {
            <nav class="embed-nav" aria-label=state.text(|t| t.embed_nav_label)>
                <ul>
                    <li><A href=href("/") exact=true>{state.text(|t| t.nav_directory)}</A></li>
                    <li><A href=href("/kaart")>{state.text(|t| t.nav_map)}</A></li>
                </ul>
            </nav>
        }
    })
}

/// Says which region parts or categories were not found, so a host sees its typo instead of a
/// silently different list.
#[component]
pub fn EmbedNotice() -> impl IntoView {
    let state = use_app_state();
    let messages = move || {
        let t = state.t();
        let resolved = state.embed_scope.get()?;
        let lines: Vec<String> = resolved
            .1
            .iter()
            .filter_map(|p| match p {
                EmbedProblem::UnknownRegion(parts) => Some(fill(t.embed_unknown_region, "x", parts.join(", "))),
                EmbedProblem::UnknownCategories(ids) => Some(fill(t.embed_unknown_categories, "x", ids.join(", "))),
                _ => None,
            })
            .collect();
        (!lines.is_empty()).then(|| {
            view! { <div class="embed-notice" role="note">{lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}</div> }
        })
    };
    view! { {messages} }
}

/// Sync status and a link to the full app (new tab: the host page stays where it is).
#[component]
pub fn EmbedFooter() -> impl IntoView {
    let state = use_app_state();
    view! {
        <footer class="embed-footer">
            <SyncStatus/>
            <p>
                <a href=href("/") target="_blank" rel="noopener">
                    {state.text(|t| t.embed_open_full)}
                    <span class="visually-hidden">" " {state.text(|t| t.new_tab)}</span>
                </a>
            </p>
        </footer>
    }
}

/// A link to an app page about the municipality `nis`. Inside an embed whose region does not
/// cover that municipality it opens the full app in a new tab instead of leaving the region.
#[component]
pub fn RegionLink(href: String, nis: String, children: Children, #[prop(optional)] class: &'static str) -> impl IntoView {
    let state = use_app_state();
    let leaves = state.embed_scope.with_untracked(|s| s.as_ref().is_some_and(|s| !s.0.covers(&nis)));
    if leaves {
        view! {
            <a href=href class=class target="_blank" rel="noopener">
                {children()}
                <span class="visually-hidden">" " {state.text(|t| t.new_tab)}</span>
            </a>
        }
        .into_any()
    } else {
        view! { <A href=href attr:class=class>{children()}</A> }.into_any()
    }
}
