//! The accessible alternative to the map: a sortable, searchable table of municipalities with
//! their partnership and contact, and a searchable list of partnerships with their members.

use super::panel::{ContactLinks, SourceLine};
use crate::app::use_app_state;
use crate::coverage::PeriodCoverage;
use crate::coverage_view::{filter_partnerships, filter_rows, municipality_rows, sort_rows, SortColumn};
use crate::dataset::Dataset;
use crate::i18n::fill;
use crate::model::Partnership;
use leptos::prelude::*;
use crate::components::RegionLink;
use std::sync::Arc;

#[component]
pub fn MunicipalityTable(data: Arc<Dataset>, #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortColumn::Name, true));
    let rows = {
        let data = data.clone();
        Memo::new(move |_| {
            let mut rows = municipality_rows(&data, &coverage.get(), state.lang.get());
            let (column, ascending) = sort.get();
            sort_rows(&mut rows, column, ascending);
            rows
        })
    };
    let shown = move || rows.with(|r| filter_rows(r, &query.get()).into_iter().cloned().collect::<Vec<_>>());
    let header = move |column: SortColumn, label: fn(&crate::i18n::Texts) -> &'static str| {
        let aria_sort = move || match sort.get() {
            (c, true) if c == column => "ascending",
            (c, false) if c == column => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort-button"
                    on:click=move |_| sort.update(|(c, asc)| {
                        *asc = if *c == column { !*asc } else { true };
                        *c = column;
                    })
                >
                    {move || label(t())}
                    <span aria-hidden="true" class="sort-mark">{move || match aria_sort() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };
    let body = {
        let data = data.clone();
        move || {
            shown()
                .into_iter()
                .map(|row| {
                    let contacts: Vec<Partnership> =
                        data.partnerships.iter().filter(|p| row.partnerships.contains(&p.id)).cloned().collect();
                    let partnership = if row.unknown {
                        view! { <span class="muted" data-state="unknown">{t().table_unknown}</span> }.into_any()
                    } else if row.partnerships.is_empty() {
                        view! { <span class="muted" data-state="uncovered">{t().table_none}</span> }.into_any()
                    } else {
                        view! {
                            {row.partnership_names.clone()}
                            {row.partly.then(|| format!(" {}", t().table_partly))}
                            {contacts.iter().map(|p| view! { <br/><SourceLine partnership=p.clone()/> }).collect_view()}
                        }
                        .into_any()
                    };
                    view! {
                        <tr>
                            <th scope="row"><RegionLink href=crate::public_url::href(&format!("/?gemeente={}", row.nis)) nis=row.nis.clone()><bdi>{row.name.clone()}</bdi></RegionLink></th>
                            <td>{partnership}</td>
                            <td>{row.province.clone()}</td>
                            <td>{contacts.into_iter().map(|p| view! { <p class="table-contact"><ContactLinks contact=p.contact/></p> }).collect_view()}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <section class="coverage-table-section">
            <h2 id="h-tabel">{state.text(|t| t.table_heading)}</h2>
            <div class="search">
                <label for="tabel-zoek">{state.text(|t| t.table_search)}</label>
                <input id="tabel-zoek" type="search" autocomplete="off" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <p class="result-count" role="status">{move || fill(t().table_count, "n", shown().len())}</p>
            <div class="table-scroll" role="region" aria-labelledby="h-tabel" tabindex="0">
                <table class="coverage-table">
                    <thead>
                        <tr>
                            {header(SortColumn::Name, |t| t.label_municipality)}
                            // The partnership second: the answer to the page's question stays
                            // on screen on a phone; province and contact scroll in the table.
                            {header(SortColumn::Partnership, |t| t.table_partnership_col)}
                            {header(SortColumn::Province, |t| t.facet_provinces)}
                            <th scope="col">{state.text(|t| t.table_contact_col)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn PartnershipList(data: Arc<Dataset>, #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let query = RwSignal::new(String::new());
    let shown = {
        let data = data.clone();
        move || filter_partnerships(&data, &coverage.get(), &query.get()).into_iter().cloned().collect::<Vec<_>>()
    };
    let count = {
        let shown = shown.clone();
        move || shown().len()
    };
    let items = move || {
        let lang = state.lang.get();
        shown()
            .into_iter()
            .map(|p| {
                let mut members: Vec<String> =
                    p.members.iter().filter_map(|m| data.municipality(m)).map(|m| m.name.get(lang).to_string()).collect();
                crate::order::sort_by_cached_key(&mut members, |n| crate::search::normalize(n));
                view! {
                    <li class="card">
                        <h3 class="card-title"><bdi>{p.name.clone()}</bdi></h3>
                        <p class="card-kind">{fill(t().members_count, "n", members.len())}</p>
                        <p><bdi>{members.join(", ")}</bdi></p>
                        <p><ContactLinks contact=p.contact.clone()/></p>
                        <p class="hint"><SourceLine partnership=p.clone()/></p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="h-verbanden">
            <h2 id="h-verbanden">{state.text(|t| t.partnerships_heading)}</h2>
            <div class="search">
                <label for="verband-zoek">{state.text(|t| t.partnerships_search)}</label>
                <input id="verband-zoek" type="search" autocomplete="off" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <p class="result-count" role="status">{move || fill(t().partnerships_count, "n", count())}</p>
            <ul class="cards">{items}</ul>
        </section>
    }
}
