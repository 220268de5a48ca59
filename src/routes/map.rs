use crate::app::use_app_state;
use crate::components::{set_page_title, with_data, CoverageExplorer};
use leptos::prelude::*;

/// `/kaart`: who is the regisseur for social economy in each municipality, per policy period,
/// and how much of Flanders is covered.
#[component]
pub fn CoverageMap() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| set_page_title(state.t().nav_map, state.t().app_title));
    view! {
        <h1>{state.text(|t| t.map_heading)}</h1>
        <p>{state.text(|t| t.map_intro)}</p>
        {with_data(move |data| view! { <CoverageExplorer data/> })}
    }
}
