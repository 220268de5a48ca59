//! Says that records of the publication were left out for errors (`quarantine.rs`): how many,
//! with the technical list (collection, position, id, field, problem) folded away, like the
//! error panel's details. Shown on every page and in the embed while the dataset has any.

use crate::app::{use_app_state, LoadState};
use crate::i18n::fill;
use leptos::prelude::*;

/// Problems listed in the details at most; the rest are counted.
const MAX_LISTED: usize = 100;

#[component]
pub fn LeftOutNotice() -> impl IntoView {
    let state = use_app_state();
    let dataset = move || match state.data.get() {
        LoadState::Ready(d) | LoadState::FirstPage(d) if !d.left_out.is_empty() => Some(d),
        _ => None,
    };
    move || {
        dataset().map(|d| {
            let t = state.t();
            let n = d.left_out_total();
            let message = if n == 1 { t.left_out_one.to_string() } else { fill(t.left_out_many, "n", n) };
            let more = d.left_out.len().saturating_sub(MAX_LISTED);
            let items = d.left_out.iter().take(MAX_LISTED).map(|p| view! { <li>{p.to_string()}</li> }).collect_view();
            view! {
                <section class="left-out-notice" role="note" data-left-out=n>
                    <p>{message}</p>
                    <details>
                        <summary>{t.error_details}</summary>
                        <ul>{items}</ul>
                        {(more > 0).then(|| view! { <p>{fill(t.left_out_more, "n", more)}</p> })}
                    </details>
                </section>
            }
        })
    }
}
