//! "Find a municipality" above the map: a labelled search box whose suggestions (a datalist)
//! are today's municipalities. A name in any language, a postcode or a former municipality's
//! name chooses the municipality: it is selected (its panel opens) and the map zooms to it.

use crate::app::use_app_state;
use crate::dataset::Dataset;
use crate::i18n::fill;
use crate::map_focus::{find_municipality, municipality_suggestions};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn FindMunicipality(
    data: Arc<Dataset>,
    selected: RwSignal<Option<String>>,
    /// Set to the municipality found; the map zooms to it.
    zoom_to: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let entry = RwSignal::new(String::new());
    let not_found = RwSignal::new(None::<String>);
    let options = {
        let data = data.clone();
        move || {
            municipality_suggestions(&data, state.lang.get())
                .into_iter()
                .map(|name| view! { <option value=name></option> })
                .collect_view()
        }
    };
    // `report`: say so when nothing matches (on submit), not while the user is still typing.
    let choose = move |text: String, report: bool| match find_municipality(&data, &text) {
        Some(nis) => {
            not_found.set(None);
            selected.set(Some(nis.clone()));
            zoom_to.set(Some(nis));
        }
        None if report => not_found.set(Some(text)),
        None => not_found.set(None),
    };
    let choose_on_input = choose.clone();
    view! {
        <form
            class="search map-find"
            on:submit=move |ev| {
                ev.prevent_default();
                choose(entry.get_untracked(), true);
            }
        >
            <label for="kaart-zoek">{state.text(|t| t.map_find_label)}</label>
            <div class="map-find-row">
                <input
                    id="kaart-zoek"
                    type="search"
                    list="kaart-gemeenten"
                    autocomplete="off"
                    prop:value=move || entry.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        entry.set(value.clone());
                        choose_on_input(value, false);
                    }
                />
                <button type="submit" class="button">{state.text(|t| t.map_find_button)}</button>
            </div>
            <datalist id="kaart-gemeenten">{options}</datalist>
            <p class="hint map-find-status" role="status">
                {move || not_found.get().map(|x| fill(state.t().map_find_none, "x", x))}
            </p>
        </form>
    }
}
