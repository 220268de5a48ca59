use crate::app::use_app_state;
use crate::i18n::fill;
use crate::dataset::Dataset;
use crate::model::{province_name, Lang};
use crate::i18n::service::service_texts;
use crate::search::{normalize, FacetCounts};
use crate::service_filters::ServiceFacetCounts;
use crate::view_state::{toggle, DirectoryView};
use leptos::prelude::*;
use std::sync::Arc;

/// Which list of the view a facet edits.
#[derive(Clone, Copy, PartialEq)]
enum Facet {
    Services,
    Kinds,
    Provinces,
    Partnerships,
    Audience,
    Languages,
    Wheelchair,
}

impl Facet {
    fn values(self, view: &mut DirectoryView) -> &mut Vec<String> {
        match self {
            Facet::Services => &mut view.services,
            Facet::Kinds => &mut view.kinds,
            Facet::Provinces => &mut view.provinces,
            Facet::Partnerships => &mut view.partnerships,
            Facet::Audience => &mut view.service.audience,
            Facet::Languages => &mut view.service.languages,
            Facet::Wheelchair => &mut view.service.wheelchair,
        }
    }

    fn counts<'a>(self, facets: &'a FacetCounts, service: &'a ServiceFacetCounts) -> &'a Vec<(String, usize)> {
        match self {
            Facet::Services => &facets.services,
            Facet::Kinds => &facets.kinds,
            Facet::Provinces => &facets.provinces,
            Facet::Partnerships => &facets.partnerships,
            Facet::Audience => &service.audience,
            Facet::Languages => &service.languages,
            Facet::Wheelchair => &service.wheelchair,
        }
    }

    fn label(self, data: &Dataset, id: &str, lang: Lang) -> String {
        match self {
            Facet::Services | Facet::Kinds => data.category(id).map(|c| c.label.get(lang).to_string()),
            Facet::Audience => data.audience(id).map(|a| a.label.get(lang).to_string()),
            Facet::Languages => Some(super::language_name(id, lang)),
            Facet::Wheelchair => crate::model::Wheelchair::parse(id).map(|w| crate::service_text::wheelchair_text(w, lang).to_string()),
            Facet::Provinces => province_name(id, lang).map(String::from),
            // With its period: the same name often returns in the next period.
            Facet::Partnerships => data.partnerships.iter().find(|p| p.id == id).map(|p| p.name_with_period()),
        }
        .unwrap_or_else(|| id.to_string())
    }
}

/// The filter panel: checkboxes with live counts per facet (counts for the current query and
/// the other facets), "based in" and "works in my municipality" selects, and one button to
/// clear everything. Its content (hundreds of options) is built when it is first opened, not
/// at every start of the directory.
#[component]
pub fn FilterPanel(
    open: RwSignal<bool>,
    /// Whether the panel has ever been opened ([`opened_once`]); its content stays once built.
    opened: Memo<bool>,
    data: Arc<Dataset>,
    view: Memo<DirectoryView>,
    facets: Signal<FacetCounts>,
    service_facets: Signal<ServiceFacetCounts>,
    /// How many results the current choice gives, for the "show N results" button.
    total: Signal<usize>,
    on_change: Callback<DirectoryView>,
) -> impl IntoView {
    view! {
        <div id="filters" class="filters" hidden=move || !open.get()>
            {move || opened.get().then(|| panel_content(open, data.clone(), view, facets, service_facets, total, on_change))}
        </div>
    }
}

/// Whether `open` has ever been true: the panel's content and its counts, once needed, stay.
pub fn opened_once(open: RwSignal<bool>) -> Memo<bool> {
    Memo::new(move |before: Option<&bool>| before == Some(&true) || open.get())
}

/// The active filters as chips above the list; each removes its filter.
#[component]
pub fn FilterChips(data: Arc<Dataset>, view: Memo<DirectoryView>, on_change: Callback<DirectoryView>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let current = view.get();
        let mut chips: Vec<(String, DirectoryView)> = Vec::new();
        if current.service.open_now {
            let mut next = current.clone();
            next.service.open_now = false;
            chips.push((service_texts(lang).facet_open_now.to_string(), next));
        }
        for facet in [
            Facet::Services,
            Facet::Kinds,
            Facet::Provinces,
            Facet::Partnerships,
            Facet::Audience,
            Facet::Languages,
            Facet::Wheelchair,
        ] {
            let mut v = current.clone();
            for id in facet.values(&mut v).clone() {
                let mut next = current.clone();
                facet.values(&mut next).retain(|x| *x != id);
                chips.push((facet.label(&data, &id, lang), next));
            }
        }
        let place = |nis: &str| data.municipality(nis).map(|m| m.name.get(lang).to_string()).unwrap_or_else(|| nis.to_string());
        for nis in &current.municipalities {
            let mut next = current.clone();
            next.municipalities.retain(|x| x != nis);
            chips.push((place(nis), next));
        }
        if let Some(nis) = &current.serves {
            chips.push((format!("{} {}", state.t().serves_label, place(nis)), DirectoryView { serves: None, ..current.clone() }));
        }
        (!chips.is_empty()).then(|| {
            let items = chips
                .into_iter()
                .map(|(label, next)| {
                    let aria = fill(state.t().remove_filter, "x", &label);
                    view! {
                        <li>
                            <button type="button" class="chip" aria-label=aria on:click=move |_| on_change.run(next.clone())>
                                {label}<span aria-hidden="true">" ×"</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chips">{items}</ul> }
        })
    }
}

fn panel_content(
    open: RwSignal<bool>,
    data: Arc<Dataset>,
    view: Memo<DirectoryView>,
    facets: Signal<FacetCounts>,
    service_facets: Signal<ServiceFacetCounts>,
    total: Signal<usize>,
    on_change: Callback<DirectoryView>,
) -> impl IntoView {
    let state = use_app_state();
    let fieldset = |facet: Facet, legend: Signal<&'static str>, key: &'static str| {
        let data = data.clone();
        view! {
            <fieldset class="facet">
                <legend>{legend}</legend>
                {move || {
                    let lang = state.lang.get();
                    let selected = view.with(|v| { let mut v = v.clone(); facet.values(&mut v).clone() });
                    let mut rows: Vec<(String, usize)> = facets.with(|f| service_facets.with(|s| facet.counts(f, s).clone()));
                    // A selected value stays visible even when the query leaves it no results.
                    for s in &selected {
                        if !rows.iter().any(|(id, _)| id == s) {
                            rows.push((s.clone(), 0));
                        }
                    }
                    rows.into_iter()
                        .filter(|(id, n)| *n > 0 || selected.contains(id))
                        .map(|(id, n)| {
                            let checked = selected.contains(&id);
                            let input_id = format!("f-{key}-{id}");
                            let label = facet.label(&data, &id, lang);
                            let toggle_id = id.clone();
                            view! {
                                <div class="check">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        prop:checked=checked
                                        on:change=move |_| {
                                            let mut next = view.get_untracked();
                                            toggle(facet.values(&mut next), &toggle_id);
                                            on_change.run(next);
                                        }
                                    />
                                    <label for=input_id>{label}" "<span class="count">"("{n}")"</span></label>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
        }
    };
    let municipality_options = {
        let data = data.clone();
        move |with_counts: bool| {
            let lang = state.lang.get();
            let counts = facets.with(|f| f.municipalities.clone());
            let mut rows: Vec<(String, String)> = data
                .municipalities
                .iter()
                .filter(|m| m.is_current())
                .filter_map(|m| {
                    let name = m.name.get(lang).to_string();
                    if !with_counts {
                        return Some((m.nis.clone(), name));
                    }
                    let n = counts.iter().find(|(id, _)| *id == m.nis).map(|(_, n)| *n).unwrap_or(0);
                    (n > 0).then(|| (m.nis.clone(), format!("{name} ({n})")))
                })
                .collect();
            crate::order::sort_by_cached_key(&mut rows, |(_, name)| normalize(name));
            rows.into_iter().map(|(nis, label)| view! { <option value=nis>{label}</option> }).collect_view()
        }
    };
    let based_in_options = municipality_options.clone();
    view! {
            <div class="check check-open-now">
                <input
                    type="checkbox"
                    id="f-open-nu"
                    prop:checked=move || view.with(|v| v.service.open_now)
                    on:change=move |_| {
                        let mut next = view.get_untracked();
                        next.service.open_now = !next.service.open_now;
                        on_change.run(next);
                    }
                />
                <label for="f-open-nu">
                    {move || service_texts(state.lang.get()).facet_open_now}" "
                    <span class="count">"("{move || service_facets.with(|s| s.open_now)}")"</span>
                </label>
            </div>
            {fieldset(Facet::Services, Signal::derive(state.text(|t| t.facet_services)), "dienst")}
            {fieldset(Facet::Kinds, Signal::derive(state.text(|t| t.facet_kinds)), "soort")}
            {fieldset(Facet::Provinces, Signal::derive(state.text(|t| t.facet_provinces)), "provincie")}
            {fieldset(Facet::Partnerships, Signal::derive(state.text(|t| t.facet_partnerships)), "regie")}
            {fieldset(Facet::Audience, Signal::derive(move || service_texts(state.lang.get()).facet_audience), "doelgroep")}
            {fieldset(Facet::Languages, Signal::derive(move || service_texts(state.lang.get()).facet_languages), "dienst-taal")}
            {fieldset(Facet::Wheelchair, Signal::derive(move || service_texts(state.lang.get()).facet_wheelchair), "rolstoel")}
            <div class="field">
                <label for="f-gemeente">{state.text(|t| t.facet_municipalities)}</label>
                <select
                    id="f-gemeente"
                    prop:value=move || view.with(|v| v.municipalities.first().cloned().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let mut next = view.get_untracked();
                        next.municipalities = if value.is_empty() { vec![] } else { vec![value] };
                        on_change.run(next);
                    }
                >
                    <option value="">{state.text(|t| t.any_municipality)}</option>
                    {move || based_in_options(true)}
                </select>
            </div>
            <div class="field">
                <label for="f-werkt-in">{state.text(|t| t.serves_label)}</label>
                <select
                    id="f-werkt-in"
                    prop:value=move || view.with(|v| v.serves.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let mut next = view.get_untracked();
                        next.serves = Some(value).filter(|v| !v.is_empty());
                        on_change.run(next);
                    }
                >
                    <option value="">{state.text(|t| t.any_municipality)}</option>
                    {move || municipality_options(false)}
                </select>
            </div>
            <p class="filter-actions">
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || view.with(|v| v.active_filter_count() == 0)
                    on:click=move |_| on_change.run(view.get_untracked().without_filters())
                >
                    {state.text(|t| t.clear_filters)}
                </button>
                // Sticky at the bottom of the screen: after a choice the results are one tap away.
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        open.set(false);
                        if let Some(list) = document().get_element_by_id("resultaten") {
                            list.scroll_into_view();
                        }
                    }
                >
                    {move || fill(state.t().show_results, "n", total.get())}
                </button>
            </p>
    }
}
