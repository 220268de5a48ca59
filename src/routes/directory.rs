use crate::app::use_app_state;
use crate::components::{
    opened_once, remember_first_paint, request_device_location, warm_up_coverage_map, set_page_title, with_first_page, FilterChips, FilterPanel,
    CardItem, InitiativeCard,
    LocationError,
};
use crate::dataset::FIRST_PAGE;
use crate::i18n::fill;
use crate::results::{compute, compute_list};
use crate::search::normalize;
use crate::view_state::{DirectoryView, Place, Sort};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// A new number for each dataset the directory shows (the card list's keys, see there).
static LIST_GENERATION: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many cards are added per "show more": enough to scroll on a phone, cheap to render.
/// The offline copy keeps this many apart to paint them first.
const PAGE_SIZE: usize = FIRST_PAGE;
/// Keystrokes closer together than this replace the history entry instead of adding one, so
/// Back goes to the previous search, not the previous letter.
const TYPING_BURST_MS: f64 = 1500.0;
/// A typed query is written to the URL after a pause this long (or when the box loses focus,
/// or on Enter), not on every keystroke: the list follows each keystroke at once, but Chrome's
/// `history.replaceState` and the router's navigation were about a quarter of a keystroke's
/// main-thread time at 10,000 initiatives (issue 15, `scripts/bench-typing`).
const URL_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// `/`: search, filters, near-me and the list of initiatives. The whole view lives in the URL.
#[component]
pub fn Directory() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    Effect::new(move |_| set_page_title("", state.t().app_title));
    let query = use_query_map();
    let navigate = use_navigate();
    let from_url = Memo::new(move |_| {
        let map = query.read();
        DirectoryView::from_pairs(map.latest_values().map(|(k, v)| (k.as_ref(), v)))
    });
    // Text typed but not yet in the URL (see `URL_PAUSE`), with the view it was typed over: a
    // URL changed meanwhile (Back) makes it void.
    let typed = RwSignal::new(None::<(DirectoryView, String)>);
    let view = Memo::new(move |_| {
        let mut view = from_url.get();
        typed.with(|t| match t {
            Some((over, text)) if *over == view => view.query = text.clone(),
            _ => {}
        });
        view
    });
    // This list's URL, remembered for the detail page's "Terug naar de lijst".
    let list_url = Memo::new(move |_| crate::public_url::href(&format!("/{}", view.get().to_query_with(&[("taal", state.lang.get().code())]))));
    // Until this page's effects run, the app state still holds the list that was left (and how
    // many cards it showed): read below, on a return to that list.
    let left = (state.list_url.get_untracked(), state.list_shown.get_untracked());
    Effect::new(move |_| state.list_url.set(list_url.get()));
    let last_edit = StoredValue::new(0.0_f64);
    // Writes a new view to the URL; `push` adds a history entry (Back returns to the old view).
    let set_view = StoredValue::new(move |next: DirectoryView, push: bool| {
        let lang = state.lang.get_untracked().code();
        let url = crate::public_url::href(&format!("/{}", next.to_query_with(&[("taal", lang)])));
        // `url` has the public URL already: the router must not resolve it again.
        navigate(&url, NavigateOptions { replace: !push, scroll: false, resolve: false, ..Default::default() });
    });
    let update = move |push: bool, change: &dyn Fn(&mut DirectoryView)| {
        let mut next = view.get_untracked();
        change(&mut next);
        set_view.with_value(|f| f(next, push));
    };
    // Whether the typing not yet written began a new burst (its write adds a history entry).
    let push_typed = StoredValue::new(false);
    let url_timer = StoredValue::new(None::<TimeoutHandle>);
    // Writes the typed text to the URL now, if there is any.
    let write_typed = move || {
        if let Some(timer) = url_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        let Some((over, _)) = typed.get_untracked() else { return };
        if over == from_url.get_untracked() {
            let push = push_typed.try_update_value(|p| std::mem::take(p)).unwrap_or(false);
            set_view.with_value(|f| f(view.get_untracked(), push));
        }
        // After the URL has it: the view never goes back to the old URL's query meanwhile.
        typed.set(None);
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let now = js_sys::Date::now();
        if now - last_edit.get_value() > TYPING_BURST_MS {
            push_typed.set_value(true);
        }
        last_edit.set_value(now);
        // The view typed over: the one of earlier typing not yet written, unless the URL has
        // changed since (Back), which voids that typing.
        let url_view = from_url.get_untracked();
        let over = typed.with_untracked(|t| t.as_ref().map(|(over, _)| over.clone())).filter(|over| *over == url_view).unwrap_or(url_view);
        typed.set(Some((over, value)));
        if let Some(timer) = url_timer.get_value() {
            timer.clear();
        }
        url_timer.set_value(set_timeout_with_handle(write_typed, URL_PAUSE).ok());
    };
    // Leaving the page (a link, Back) drops a pending write: it belongs to this page's URL.
    on_cleanup(move || {
        if let Some(timer) = url_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    });
    // The search index of each dataset the directory shows (a detail page or the map builds none).
    Effect::new(move |_| {
        if let crate::app::LoadState::Ready(dataset) = state.data.get() {
            crate::offline::build_search_index(state, dataset);
        }
    });
    let location_message = RwSignal::new(None::<&'static str>);
    let use_location = move |_| {
        location_message.set(None);
        request_device_location(move |result| match result {
            Ok(point) => {
                state.here.set(Some(point));
                update(true, &|v| {
                    v.place = Some(Place::Here);
                    v.sort = Sort::Distance;
                });
            }
            Err(LocationError::Denied) => location_message.set(Some(state.t().location_denied)),
            Err(_) => location_message.set(Some(state.t().location_unavailable)),
        });
    };
    // A shared link with `plaats=hier`: ask this device for its own location.
    Effect::new(move |_| {
        if view.get().place == Some(Place::Here) && state.here.get_untracked().is_none() {
            request_device_location(move |r| state.here.set(r.ok()));
        }
    });
    // A return to a list (Back, "Terug naar de lijst") shows as many cards as it did when it
    // was left; another view starts again at the first page.
    let returned = (left.0 == list_url.get_untracked()).then_some(left.1);
    let shown = RwSignal::new(returned.unwrap_or(PAGE_SIZE).max(PAGE_SIZE));
    Effect::new(move |_| state.list_shown.set(shown.get()));
    Effect::new(move |first_run: Option<()>| {
        view.track();
        // Not a plain set: that would rebuild the first page of cards right after its render.
        if first_run.is_some() && shown.get_untracked() != PAGE_SIZE {
            shown.set(PAGE_SIZE);
        }
    });
    let filters_open = RwSignal::new(false);
    // The filter panel's counts are worked out once it has been opened, not for every list
    // (results::compute_list).
    let filters_opened = opened_once(filters_open);
    // An embed's host chooses which controls it shows (`toon=`).
    let controls = state.embed.with_value(|e| e.as_ref().map(|c| c.controls).unwrap_or_default());

    view! {
        <h1>{state.text(|t| t.directory_heading)}</h1>
        {controls.search.then(|| view! {
            <form role="search" class="search" on:submit=move |ev| {
                ev.prevent_default();
                write_typed();
            }>
                <label for="zoek">{state.text(|t| t.search_label)}</label>
                <input
                    id="zoek"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=state.text(|t| t.search_hint)
                    prop:value=move || view.get().query
                    on:input=on_input
                    // Focus moves on (a result, a filter, the language): the URL first.
                    on:blur=move |_| write_typed()
                />
            </form>
        })}
        {with_first_page(move |data| {
            let clock = crate::components::use_now();
            let computed = {
                let data = data.clone();
                // While the search index is still being built (a task at a time, offline.rs),
                // a query has no answer yet: the list stays as it was rather than empty.
                Memo::new(move |previous: Option<&Option<_>>| {
                    let index = state.search.get();
                    let embed = state.embed_scope.get();
                    if state.is_embedded() && embed.is_none() {
                        return None;
                    }
                    let region = embed.as_ref().map(|e| &e.0);
                    let view = view.get();
                    // The clock only matters (and only wakes this memo) with "Nu open" on.
                    let now = if view.service.open_now { clock.get() } else { clock.get_untracked() };
                    let compute = if filters_opened.get() { compute } else { compute_list };
                    compute(&data, index.as_deref(), &view, state.here.get(), region, now)
                        .map(std::sync::Arc::new)
                        .or_else(|| previous.cloned().flatten())
                })
            };
            // Shared, not copied: every read of `results` (the count, each card's position,
            // ...) would otherwise clone the whole list, 10,000 entries on a one-letter query.
            let results = Signal::derive(move || computed.get().unwrap_or_default());
            // The municipality the user looked for, for the coverage map to open on.
            Effect::new(move |_| {
                let looked = results.with(|r| r.scope.clone()).or_else(|| {
                    view.with(|v| match (&v.place, v.municipalities.as_slice()) {
                        (Some(Place::Municipality(nis)), _) => Some(nis.clone()),
                        (_, [one]) => Some(one.clone()),
                        _ => None,
                    })
                });
                if looked.is_some() {
                    state.looked_for.set(looked);
                }
            });
            // The settled default view of the complete dataset is what the next start paints
            // first (first_paint.rs); a later change (more cards, a new version, another
            // language) pictures it again.
            let answered = Memo::new(move |_| computed.with(Option::is_some));
            if data.is_complete() && !state.is_embedded() {
                let data = data.clone();
                Effect::new(move |_| {
                    // `answered`, not `computed`: the counts that come with the first opening
                    // of the filter panel are no reason to picture the page (with it open).
                    let ready = answered.get() && state.search.with(Option::is_some);
                    let default = view.with(|v| *v == DirectoryView::default());
                    (state.lang.track(), state.sync.track(), shown.track());
                    if ready && default {
                        remember_first_paint();
                    }
                    if ready {
                        warm_up_coverage_map(data.clone());
                    }
                });
            }
            // The paint that shows the list lays out only the cards on screen (style/main.css);
            // the task after it lays out the rest, so that no card changes height when
            // scrolled to ("Toon meer" would move under the finger about to tap it).
            let laid_out = RwSignal::new(false);
            leptos::task::spawn_local(async move {
                crate::tasks::after_paint().await;
                laid_out.try_set(true);
            });
            let total = move || results.with(|r| r.total);
            let more = move || shown.get() < total();
            let filter_count = move || view.with(|v| v.active_filter_count());
            // One card per position of the list, keyed by the position: as the user types, a
            // position that shows another initiative replaces its card's texts in place
            // (initiative_card.rs says why). The key holds this dataset's generation: the next
            // dataset's list replaces this one in place (the same view type is rebuilt, not
            // recreated) and must not keep a card that reads this one.
            let list = {
                let data = data.clone();
                let generation = LIST_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let positions = move || (0..results.with(|r| r.items.len()).min(shown.get())).collect::<Vec<_>>();
                view! {
                    <For each=positions key=move |&at| (generation, at) children=move |at| {
                        // A position the list no longer has keeps what it showed until it is
                        // removed (in the same update).
                        let item = Memo::new(move |before: Option<&CardItem>| {
                            let lang = state.lang.get();
                            results
                                .with(|r| r.items.get(at).map(|&(doc, km)| (doc, km, lang)))
                                .or_else(|| before.copied())
                                .unwrap_or((u32::MAX, None, lang))
                        });
                        view! { <InitiativeCard data=data.clone() item/> }
                    }/>
                }
            };
            let scope = {
                let data = data.clone();
                move || {
                    results.with(|r| r.scope.clone().map(|nis| (nis, r.near))).and_then(|(nis, near)| {
                        let name = data.municipality(&nis)?.name.get(state.lang.get()).to_string();
                        let text = if near { t().place_near } else { t().place_scope };
                        Some(view! { <p class="scope">{fill(text, "x", name)}</p> })
                    })
                }
            };
            // Nothing where the user looked: what is nearest elsewhere, under a sentence that
            // says so; nothing at all: a query that finds something.
            let elsewhere = {
                let data = data.clone();
                move || {
                    let lang = state.lang.get();
                    results.with(|r| {
                        let from = data.municipality(r.nearest_from.as_ref()?)?.name.get(lang).to_string();
                        if r.nearest.is_empty() {
                            return None;
                        }
                        let note = if r.searched.is_empty() {
                            fill(t().nothing_here_filters, "x", from)
                        } else {
                            fill(&fill(t().nothing_here, "q", &r.searched), "x", from)
                        };
                        let cards = r
                            .nearest
                            .iter()
                            .map(|&(doc, km)| view! { <InitiativeCard data=data.clone() item=Signal::stored((doc, km, lang))/> })
                            .collect_view();
                        Some(view! {
                            <p class="nearest-note">{note}</p>
                            <ul class="cards nearest">{cards}</ul>
                        })
                    })
                }
            };
            let suggestion = move || {
                results.with(|r| r.suggestion.clone()).map(|s| {
                    let query = s.clone();
                    view! {
                        <p class="suggestion">
                            {t().did_you_mean}" "
                            <button type="button" class="link-button" on:click=move |_| update(true, &|v| v.query = query.clone())>
                                {s}
                            </button>
                            "?"
                        </p>
                    }
                })
            };
            // The places to measure from, by their name in the UI language ("Anvers" in French).
            let places = {
                let data = data.clone();
                Memo::new(move |_| {
                    let lang = state.lang.get();
                    let mut all: Vec<(String, String)> =
                        data.municipalities.iter().filter(|m| m.is_current()).map(|m| (m.nis.clone(), m.name.get(lang).to_string())).collect();
                    // Each name normalised once, not once per comparison.
                    crate::order::sort_by_cached_key(&mut all, |a| normalize(&a.1));
                    all
                })
            };
            let place_select = NodeRef::<leptos::html::Select>::new();
            let place_value = move || match view.get().place {
                Some(Place::Municipality(nis)) => nis,
                Some(Place::Here) => "hier".into(),
                None => String::new(),
            };
            // The choice is set once the options are there: when it changes, when the select is
            // shown, and when the options are rebuilt in another language (another order, other
            // option elements). A `prop:value` would miss the last.
            Effect::new(move |_| {
                places.track();
                let value = place_value();
                if let Some(select) = place_select.get() {
                    select.set_value(&value);
                }
            });
            view! {
                <div class="toolbar">
                    {controls.filters.then(|| view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            aria-expanded=move || filters_open.get().to_string()
                            aria-controls="filters"
                            on:click=move |_| filters_open.update(|o| *o = !*o)
                        >
                            {state.text(|t| t.filters_button)}
                            {move || (filter_count() > 0).then(|| format!(" ({})", filter_count()))}
                        </button>
                    })}
                    <div class="field">
                        <label for="sorteer">{state.text(|t| t.sort_label)}</label>
                        <select
                            id="sorteer"
                            prop:value=move || view.get().sort.code()
                            on:change=move |ev| {
                                let sort = match event_target_value(&ev).as_str() {
                                    "afstand" => Sort::Distance,
                                    "naam" => Sort::Name,
                                    _ => Sort::Relevance,
                                };
                                update(true, &|v| v.sort = sort);
                            }
                        >
                            <option value="relevantie">{state.text(|t| t.sort_relevance)}</option>
                            <option value="afstand">{state.text(|t| t.sort_distance)}</option>
                            <option value="naam">{state.text(|t| t.sort_name)}</option>
                        </select>
                    </div>
                </div>
                <Show when=move || view.get().sort == Sort::Distance>
                    <div class="near">
                        <div class="field">
                            <label for="plaats">{state.text(|t| t.near_label)}</label>
                            <select
                                id="plaats"
                                node_ref=place_select
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    update(true, &|v| {
                                        v.place = match value.as_str() {
                                            "" => None,
                                            "hier" => Some(Place::Here),
                                            nis => Some(Place::Municipality(nis.to_string())),
                                        }
                                    });
                                }
                            >
                                <option value="">{state.text(|t| t.choose_place)}</option>
                                <option value="hier">{state.text(|t| t.my_location)}</option>
                                {move || places.with(|all| all.iter().map(|(nis, name)| view! { <option value=nis.clone()>{name.clone()}</option> }).collect_view())}
                            </select>
                        </div>
                        <button type="button" class="button button-secondary" on:click=use_location>
                            {state.text(|t| t.use_my_location)}
                        </button>
                        <Show when=move || view.with(|v| v.place.is_none()) && results.with(|r| !r.near)>
                            <p class="hint notice" role="status">{state.text(|t| t.distance_needs_place)}</p>
                        </Show>
                        <p class="hint">{state.text(|t| t.location_note)}</p>
                        <p class="hint" role="status">{move || location_message.get()}</p>
                    </div>
                </Show>
                {controls.filters.then(|| view! {
                    <FilterPanel
                        open=filters_open
                        opened=filters_opened
                        data=data.clone()
                        view=view
                        facets=Signal::derive(move || results.with(|r| r.facets.clone()))
                        service_facets=Signal::derive(move || results.with(|r| r.service_facets.clone()))
                        total=Signal::derive(total)
                        on_change=Callback::new(move |next: DirectoryView| set_view.with_value(|f| f(next, true)))
                    />
                    <FilterChips
                        data=data.clone()
                        view=view
                        on_change=Callback::new(move |next: DirectoryView| set_view.with_value(|f| f(next, true)))
                    />
                })}
                {scope}
                <p id="resultaten" class="result-count" role="status" aria-live="polite">
                    {move || match computed.with(Option::is_some) {
                        true => fill(t().result_count, "n", total()),
                        false => t().loading.to_string(),
                    }}
                </p>
                <Show when=move || total() == 0 && computed.with(Option::is_some) && results.with(|r| r.nearest.is_empty())>
                    <p class="no-results">{state.text(|t| t.no_results)}</p>
                    {suggestion}
                </Show>
                {elsewhere}
                <ul class="cards" class:laid-out=move || laid_out.get()>{list}</ul>
                <Show when=more>
                    <button type="button" class="button" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                        {state.text(|t| t.show_more)}
                    </button>
                </Show>
            }
        })}
    }
}
