//! The pieces of the coverage map page (`/kaart`): period choice and figures, the comparison
//! between two periods, the map with its legend and selection panel, and the accessible
//! table view. The numbers come from `coverage`, everything drawable from `coverage_view`.

mod find;
mod geometry;
mod map_svg;
mod panel;
mod tables;
mod warm_up;

use crate::app::use_app_state;
use crate::components::{page_draws_itself, page_drawn, route_changed, StartLater};
use crate::tasks::next_task;
use crate::coverage::{is_complete, period_info, periods_with, MergerTable, PeriodComparison, PeriodCoverage};
use crate::coverage_view::{
    format_date, format_percent, format_points, format_signed, municipality_label, MapColouring, MapGeometry,
};
use crate::dataset::Dataset;
use crate::i18n::fill;
use crate::model::{Period, PeriodInfo, ReportedNumber, ReportedTotals};
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::map_focus::Opening;
use find::FindMunicipality;
use map_svg::{CoverageMapSvg, DOTS_ID, HATCH_ID};
use panel::SelectionPanel;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use tables::{MunicipalityTable, PartnershipList};

pub use geometry::GEOMETRY_COLLECTION;
pub use warm_up::warm_up_coverage_map;

fn period_label(p: &Period) -> String {
    p.label()
}

/// How long an empty map waits for its boundaries before it shows the hexagons instead.
const HEXAGONS_AFTER: std::time::Duration = std::time::Duration::from_millis(1000);

/// Where the drawn geometry stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GeometryStatus {
    Hexagons,
    LoadingBoundaries,
    Boundaries,
    Failed,
}

thread_local! {
    /// Whether this document has built a coverage explorer yet ([`CoverageExplorer`]).
    static EXPLORED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Everything below the page heading, for one loaded dataset.
///
/// The first one of a start works out the latest period's coverage in a task of its own and is
/// built in the next: with the page they made one task of 120-170 ms at 4x CPU on a first
/// visit to `/kaart` (issue 15). The picture of the page stands in for it meanwhile
/// ([`page_draws_itself`]). After a route change, or for a later dataset, it is built at once.
#[component]
pub fn CoverageExplorer(data: Arc<Dataset>) -> impl IntoView {
    if route_changed() || EXPLORED.replace(true) {
        let periods = Periods::of(&data);
        return view! { <Explorer data periods/> }.into_any();
    }
    page_draws_itself();
    let prepared = RwSignal::new(None::<Periods>);
    {
        let data = data.clone();
        spawn_local(async move {
            next_task().await;
            let periods = Periods::of(&data);
            if let Some(latest) = periods.all.len().checked_sub(1) {
                periods.coverage(&data, latest);
            }
            next_task().await;
            // The page may have gone meanwhile.
            let _ = prepared.try_set(Some(periods));
        });
    }
    (move || {
        prepared.get().map(|periods| {
            let explorer = view! { <Explorer data=data.clone() periods/> };
            page_drawn();
            explorer
        })
    })
    .into_any()
}

/// A dataset's policy periods and what their coverage is computed from.
#[derive(Clone)]
struct Periods {
    /// The mergers are data: the former municipalities in the dataset (docs/data-format.md).
    mergers: Arc<MergerTable>,
    /// What index.json says per period: complete or not, reported totals.
    listed: Arc<Vec<PeriodInfo>>,
    /// Every period with partnerships or listed, oldest first.
    all: Vec<Period>,
    coverages: Coverages,
}

impl Periods {
    fn of(data: &Arc<Dataset>) -> Self {
        let listed: Arc<Vec<PeriodInfo>> = Arc::new(data.index.as_ref().map(|i| i.periods.clone()).unwrap_or_default());
        let all = periods_with(&data.partnerships, &listed);
        Periods {
            mergers: Arc::new(MergerTable::from_municipalities(&data.municipalities)),
            coverages: coverage_cache(data, all.len()),
            listed,
            all,
        }
    }

    /// The coverage of period `i` of [`Periods::all`]: computed when it is first shown or
    /// compared, then kept for this dataset (also across visits, and from the idle warm-up),
    /// so the first paint only pays for the latest.
    fn coverage(&self, data: &Dataset, i: usize) -> Arc<PeriodCoverage> {
        self.coverages[i]
            .get_or_init(|| {
                let period = &self.all[i];
                Arc::new(
                    PeriodCoverage::compute(&data.municipalities, &data.partnerships, &self.mergers, period)
                        .with_completeness(is_complete(&self.listed, period)),
                )
            })
            .clone()
    }
}

#[component]
fn Explorer(data: Arc<Dataset>, periods: Periods) -> impl IntoView {
    let state = use_app_state();
    if periods.all.is_empty() {
        return view! { <p>{state.text(|t| t.panel_none)}</p> }.into_any();
    }
    let Periods { mergers, listed, all: all_periods, .. } = periods.clone();
    let coverage_of = {
        let data = data.clone();
        move |i: usize| periods.coverage(&data, i)
    };
    let period = RwSignal::new(all_periods.len() - 1);
    let compare = RwSignal::new(None::<usize>);
    let coverage = {
        let coverage_of = coverage_of.clone();
        Signal::derive(move || coverage_of(period.get()))
    };

    // The map opens on what is known about the user (map_focus.rs): an embed's region, a
    // municipality in this page's URL (`?gemeente=`) or looked for in the directory, the
    // shared location. A municipality opens chosen.
    let opening = {
        let region = state.embed_scope.get_untracked().and_then(|s| s.0.region.clone());
        let on_map = crate::public_url::current_app_path().as_deref() == Some("/kaart");
        let in_url = on_map.then(|| crate::app::query_parameter("gemeente")).flatten();
        let asked = in_url.or_else(|| state.looked_for.get_untracked());
        Arc::new(Opening::choose(&data, region.as_ref(), asked.as_deref(), state.here.get_untracked()))
    };
    let selected = RwSignal::new(opening.chosen().map(str::to_string));
    let zoom_to = RwSignal::new(None::<String>);
    let highlighted = {
        let data = data.clone();
        Memo::new(move |_| {
            let Some(nis) = selected.get() else { return HashSet::new() };
            let cover = coverage.get().lookup(&nis);
            data.partnerships
                .iter()
                .filter(|p| cover.partnerships.contains(&p.id))
                .flat_map(|p| p.members.iter().cloned())
                .filter(|m| *m != nis)
                .collect::<HashSet<String>>()
        })
    };
    let show_table = RwSignal::new(false);

    let period_options = all_periods
        .iter()
        .enumerate()
        .map(|(i, p)| view! { <option value=i.to_string()>{period_label(p)}</option> })
        .collect_view();
    let compare_options = {
        let all_periods = all_periods.clone();
        move || {
            all_periods
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != period.get())
                .map(|(i, p)| view! { <option value=i.to_string()>{period_label(p)}</option> })
                .collect_view()
        }
    };
    let comparison = {
        let (data, mergers) = (data.clone(), mergers.clone());
        move || {
            let other = compare.get().filter(|&o| o != period.get())?;
            let cmp = PeriodComparison::new(&coverage_of(period.get()), &coverage_of(other));
            Some(view! { <ComparisonView comparison=cmp data=data.clone() mergers=mergers.clone()/> })
        }
    };

    // On a start the view switch comes a task after the figures, and the map a task after
    // that (`StartLater`): together they blocked a phone (4x CPU) for half a second on a first
    // visit (issue 15); they are below the first screen on a phone. On a route change they come
    // together (bench-map: the route change to the map).
    let map_section = {
        let (data, opening) = (data.clone(), opening.clone());
        move || {
            let (data, opening) = (data.clone(), opening.clone());
            view! {
                <StartLater>
                    <MapSection data=data.clone() coverage selected zoom_to highlighted opening=opening.clone()/>
                </StartLater>
            }
        }
    };
    let below = {
        let data = data.clone();
        move || {
            let (data, map_section) = (data.clone(), map_section.clone());
            view! {
                <div class="view-switch" role="group" aria-label=state.text(|t| t.view_switch_label)>
                    <button type="button" class="button button-secondary" aria-pressed=move || (!show_table.get()).to_string() on:click=move |_| show_table.set(false)>
                        {state.text(|t| t.view_map)}
                    </button>
                    <button type="button" class="button button-secondary" aria-pressed=move || show_table.get().to_string() on:click=move |_| show_table.set(true)>
                        {state.text(|t| t.view_table)}
                    </button>
                </div>
                <Show
                    when=move || !show_table.get()
                    fallback={
                        let data = data.clone();
                        move || view! {
                            <MunicipalityTable data=data.clone() coverage=coverage/>
                            <PartnershipList data=data.clone() coverage=coverage/>
                        }
                    }
                >
                    {map_section.clone()}
                </Show>
            }
        }
    };

    view! {
        <section class="coverage-figures" aria-labelledby="h-dekking">
            <div class="period-controls">
                <div class="field">
                    <label for="periode">{state.text(|t| t.map_period_label)}</label>
                    <select
                        id="periode"
                        prop:value=move || period.get().to_string()
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                period.set(i);
                            }
                        }
                    >
                        {period_options}
                    </select>
                </div>
                <div class="field">
                    <label for="vergelijk">{state.text(|t| t.map_compare_label)}</label>
                    <select
                        id="vergelijk"
                        prop:value=move || compare.get().map(|i| i.to_string()).unwrap_or_default()
                        on:change=move |ev| compare.set(event_target_value(&ev).parse::<usize>().ok())
                    >
                        <option value="">{state.text(|t| t.map_compare_none)}</option>
                        {compare_options}
                    </select>
                </div>
            </div>
            <Figures
                coverage=coverage
                listed=listed.clone()
                population_date=data.index.as_ref().and_then(|i| i.population_date.clone())
                today=data.municipalities.iter().filter(|m| m.is_current()).count()
            />
        </section>
        {comparison}
        <StartLater>{below.clone()}</StartLater>
    }
    .into_any()
}

/// The map with its find box, legend and selection panel: the endpoint's boundaries (an empty
/// frame while they load, the hexagons when they are late or fail), or the hexagons when the
/// endpoint has none.
#[component]
fn MapSection(
    data: Arc<Dataset>,
    #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>,
    selected: RwSignal<Option<String>>,
    zoom_to: RwSignal<Option<String>>,
    #[prop(into)] highlighted: Signal<HashSet<String>>,
    opening: Arc<Opening>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    // Boundaries the endpoint offers: kept from an earlier visit, or requested now. While they
    // are on their way the frame stays empty for up to HEXAGONS_AFTER, then the hexagons show
    // until the boundaries are ready, and stay when they fail: on a fast connection hexagons
    // are not laid out and drawn only to be replaced at once (on a phone at 4x that cost
    // 130-180 ms of blocked page, issue 15).
    let entry = geometry::geometry_entry(&data);
    let cached = entry.as_ref().and_then(|e| geometry::cached_boundaries(e, &data));
    let loading = match (&entry, &cached) {
        (Some(e), None) => Some(geometry::boundaries(&state.endpoint.get_value(), e, &data)),
        _ => None,
    };
    let status = RwSignal::new(match (&cached, &loading) {
        (Some(_), _) => GeometryStatus::Boundaries,
        (None, Some(_)) => GeometryStatus::LoadingBoundaries,
        (None, None) => GeometryStatus::Hexagons,
    });
    let geometry = RwSignal::new(match (cached, &loading) {
        (Some(boundaries), _) => boundaries,
        (None, Some(_)) => Arc::new(MapGeometry::empty()),
        (None, None) => geometry::hexagons(&data),
    });
    if let Some(loading) = loading {
        // The hexagons, unless something is drawn already (the map may have gone: `try_`).
        let hexagons_if_empty = {
            let data = data.clone();
            move || {
                if geometry.try_with_untracked(|g| g.shapes.is_empty()) == Some(true) {
                    let _ = geometry.try_set(geometry::hexagons(&data));
                }
            }
        };
        set_timeout(hexagons_if_empty.clone(), HEXAGONS_AFTER);
        spawn_local(async move {
            match loading.await {
                Ok(found) => {
                    // Drawing them is a task of its own: the last step of loading them (the
                    // shapes' paths) and the map they replace made one 260 ms task at 4x.
                    crate::tasks::next_task().await;
                    let _ = geometry.try_set(found);
                    let _ = status.try_set(GeometryStatus::Boundaries);
                }
                Err(e) => {
                    leptos::logging::warn!("map geometry: {e}");
                    hexagons_if_empty();
                    let _ = status.try_set(GeometryStatus::Failed);
                }
            }
        });
    }
    let colouring = Memo::new(move |_| Arc::new(MapColouring::new(&geometry.get(), &coverage.get())));
    let frame_aspect = StoredValue::new(None::<f64>);
    let map_view = {
        let data = data.clone();
        move || {
            let geometry: Arc<MapGeometry> = geometry.get();
            let opening = opening.bounds(&data, &geometry);
            let label_of: Arc<dyn Fn(usize) -> String + Send + Sync> = {
                let (geometry, data) = (geometry.clone(), data.clone());
                Arc::new(move |i: usize| {
                    let lang = state.lang.get();
                    let nis = &geometry.shapes[i].nis;
                    let name = data.municipality(nis).map(|m| m.name.get(lang).to_string()).unwrap_or_else(|| nis.clone());
                    let cover = coverage.get().lookup(nis);
                    if cover.unknown() {
                        return format!("{name}: {}", state.t().table_unknown);
                    }
                    let names: Vec<&str> = data
                        .partnerships
                        .iter()
                        .filter(|p| cover.partnerships.contains(&p.id))
                        .map(|p| p.name.as_str())
                        .collect();
                    if names.is_empty() {
                        format!("{name}: {}", state.t().table_none)
                    } else {
                        format!("{name}: {}", names.join(", "))
                    }
                })
            };
            view! {
                <CoverageMapSvg
                    geometry
                    colouring=colouring
                    selected
                    highlighted=highlighted
                    label_of
                    opening
                    zoom_to
                    frame_aspect
                />
            }
        }
    };
    let geometry_note = move || match status.get() {
        GeometryStatus::Hexagons => Some(t().map_hexagons_note),
        GeometryStatus::LoadingBoundaries => Some(t().map_boundaries_loading),
        GeometryStatus::Failed => Some(t().map_geometry_failed),
        GeometryStatus::Boundaries => None,
    };

    let later_data = data.clone();
    view! {
        <section class="map-section" aria-labelledby="h-kaart">
            <h2 id="h-kaart" class="visually-hidden">{state.text(|t| t.view_map)}</h2>
            <FindMunicipality data=data.clone() selected zoom_to/>
            <p class="hint">{state.text(|t| t.map_keyboard_hint)}</p>
            {map_view.clone()}
            <p class="hint" role="status">{geometry_note}</p>
            // The rest a task after the map on a start (`StartLater`): one task held them all.
            <StartLater>
                <Legend data=later_data.clone() coverage=coverage colouring=colouring/>
                <SelectionPanel data=later_data.clone() coverage=coverage colouring=colouring selected/>
            </StartLater>
        </section>
    }
}

/// One lazily computed coverage per period.
type Coverages = Arc<Vec<OnceLock<Arc<PeriodCoverage>>>>;

thread_local! {
    static COVERAGES: std::cell::RefCell<Option<(std::sync::Weak<Dataset>, Coverages)>> = const { std::cell::RefCell::new(None) };
}

/// The coverages of `data`: kept from an earlier render of the same dataset, else new and empty.
fn coverage_cache(data: &Arc<Dataset>, periods: usize) -> Coverages {
    COVERAGES.with_borrow_mut(|cache| {
        if let Some((of, coverages)) = cache.as_ref() {
            if std::ptr::eq(of.as_ptr(), Arc::as_ptr(data)) && coverages.len() == periods {
                return coverages.clone();
            }
        }
        let coverages: Coverages = Arc::new((0..periods).map(|_| OnceLock::new()).collect());
        *cache = Some((Arc::downgrade(data), coverages.clone()));
        coverages
    })
}

/// The figures above the map, all computed from the data.
#[component]
fn Figures(
    #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>,
    listed: Arc<Vec<PeriodInfo>>,
    /// `index.json` `population_date`: the day the population share counts refer to.
    population_date: Option<String>,
    /// Today's municipalities: what the map and the table show.
    today: usize,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let f = move || coverage.get().figures.clone();
    let population = move || {
        let f = f();
        match f.population_share {
            Some(share) => format_percent(share, state.lang.get()),
            None => t().fig_population_unknown.to_string(),
        }
    };
    let reported = move || {
        let f = f();
        period_info(&listed, &f.period).and_then(|p| p.reported.clone()).map(|r| view! { <Reported reported=r/> })
    };
    view! {
        <h2 id="h-dekking">{move || fill(t().fig_heading, "x", period_label(&f().period))}</h2>
        {move || (!f().complete).then(|| view! { <p class="hint" data-figure="incomplete">{t().fig_incomplete_note}</p> })}
        <h3 class="figures-heading">{move || if f().complete { t().fig_computed_heading } else { t().fig_known_covered }}</h3>
        <dl class="figures" data-figures="computed">
            <div class="figure">
                <dt>{state.text(|t| t.fig_partnerships)}</dt>
                <dd data-figure="partnerships">{move || f().partnerships}</dd>
            </div>
            <div class="figure">
                <dt>{move || if f().complete { t().fig_covered } else { t().fig_known_covered }}</dt>
                <dd data-figure="covered">{move || fill(&fill(t().fig_covered_value, "n", f().covered), "m", f().municipalities)}</dd>
            </div>
            <div class="figure">
                <dt>{state.text(|t| t.fig_municipality_share)}</dt>
                <dd data-figure="municipality-share">{move || format_percent(f().municipality_share, state.lang.get())}</dd>
            </div>
            <div class="figure">
                <dt>{state.text(|t| t.fig_population_share)}</dt>
                <dd data-figure="population-share">
                    {population}
                    {move || (f().without_population > 0).then(|| view! {
                        <span class="figure-note" data-figure="without-population">
                            {fill(t().fig_without_population, "n", f().without_population)}
                        </span>
                    })}
                </dd>
            </div>
            {move || (!f().complete).then(|| view! {
                <div class="figure">
                    <dt>{t().fig_unknown}</dt>
                    <dd data-figure="unknown">{fill(t().fig_unknown_value, "n", f().unknown)}</dd>
                </div>
            })}
        </dl>
        // A period before the mergers counts the municipalities of its own time, the map shows
        // today's: the page says so rather than show two totals unexplained.
        <p class="hint" data-figure="count-note">{move || {
            let f = f();
            if f.municipalities == today {
                fill(t().fig_reference_year, "n", f.reference_year)
            } else {
                fill(&fill(&fill(t().fig_count_note, "m", f.municipalities), "y", f.reference_year), "n", today)
            }
        }}</p>
        {population_date.map(|date| view! {
            <p class="hint" data-figure="population-date">{move || fill(t().fig_population_date, "x", format_date(&date, &t().months))}</p>
        })}
        {reported}
    }
}

/// The totals an authority reported for the period, as reported, with their source: beside the
/// computed figures, never mixed with them.
#[component]
fn Reported(reported: ReportedTotals) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let share = move |n: ReportedNumber| {
        let text = format_percent(n.value / 100.0, state.lang.get());
        if n.approximate { fill(t().reported_approx, "x", text) } else { text }
    };
    let r = reported.clone();
    let covered = match (r.municipalities_covered, r.municipalities_total) {
        (Some(n), Some(m)) => Some(fill(&fill(t().fig_covered_value, "n", n), "m", m)),
        (Some(n), None) => Some(n.to_string()),
        _ => None,
    };
    let source_url = r.source_url.clone().filter(|u| crate::validate::is_http_url(u));
    view! {
        <section class="reported" aria-labelledby="h-gerapporteerd">
            <h3 id="h-gerapporteerd">{state.text(|t| t.reported_heading)}</h3>
            <dl class="figures" data-figures="reported">
                {r.partnerships.map(|n| view! {
                    <div class="figure"><dt>{t().reported_partnerships}</dt><dd data-reported="partnerships">{n}</dd></div>
                })}
                {covered.map(|c| view! {
                    <div class="figure"><dt>{t().fig_covered}</dt><dd data-reported="covered">{c}</dd></div>
                })}
                {r.municipality_share_pct.map(|n| view! {
                    <div class="figure"><dt>{t().fig_municipality_share}</dt><dd data-reported="municipality-share">{move || share(n)}</dd></div>
                })}
                {r.population_share_pct.map(|n| view! {
                    <div class="figure"><dt>{t().fig_population_share}</dt><dd data-reported="population-share">{move || share(n)}</dd></div>
                })}
            </dl>
            <p class="hint" data-reported="source">
                {t().source_prefix} " "
                {match source_url {
                    Some(u) => view! { <a href=u.clone() rel="noopener noreferrer" target="_blank">{r.source.clone()}</a> }.into_any(),
                    None => view! { <span>{r.source.clone()}</span> }.into_any(),
                }}
            </p>
        </section>
    }
}

/// Joined, left and changed municipalities between two periods, and the change in figures.
#[component]
fn ComparisonView(comparison: PeriodComparison, data: Arc<Dataset>, mergers: Arc<MergerTable>) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let c = Arc::new(comparison);
    let names = {
        let (data, mergers) = (data.clone(), mergers.clone());
        move |codes: &[String]| {
            let lang = state.lang.get();
            let mut names: Vec<String> = codes.iter().map(|n| municipality_label(&data, &mergers, n, lang)).collect();
            crate::order::sort_by_cached_key(&mut names, |n| crate::search::normalize(n));
            names
        }
    };
    let list = move |codes: Vec<String>, id: &'static str| {
        let names = names.clone();
        move || {
            let items = names(&codes);
            if items.is_empty() {
                view! { <p>{t().cmp_nothing}</p> }.into_any()
            } else {
                view! { <ul class="name-list" data-list=id>{items.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
            }
        }
    };
    let changed: Vec<String> = c.changed_partnership.iter().map(|(n, _, _)| n.clone()).collect();
    let heading = {
        let c = c.clone();
        move || fill(&fill(t().cmp_heading, "a", period_label(&c.before.period)), "b", period_label(&c.after.period))
    };
    let lang = state.lang;
    let (pc, cc, ms, ps) = (c.partnerships_change, c.covered_change, c.municipality_share_change, c.population_share_change);
    view! {
        <section class="comparison" aria-labelledby="h-vergelijking">
            <h2 id="h-vergelijking">{heading}</h2>
            <h3>{state.text(|t| t.cmp_figures)}</h3>
            <dl class="figures">
                <div class="figure"><dt>{state.text(|t| t.fig_partnerships)}</dt><dd data-change="partnerships">{format_signed(pc)}</dd></div>
                <div class="figure"><dt>{state.text(|t| t.fig_covered)}</dt><dd data-change="covered">{format_signed(cc)}</dd></div>
                <div class="figure">
                    <dt>{state.text(|t| t.fig_municipality_share)}</dt>
                    <dd data-change="municipality-share">{move || fill(t().cmp_points, "x", format_points(ms, lang.get()))}</dd>
                </div>
                <div class="figure">
                    <dt>{state.text(|t| t.fig_population_share)}</dt>
                    <dd>{move || match ps {
                        Some(p) => fill(t().cmp_points, "x", format_points(p, lang.get())),
                        None => t().fig_population_unknown.to_string(),
                    }}</dd>
                </div>
            </dl>
            <h3>{state.text(|t| t.cmp_joined)} " (" {c.joined.len()} ")"</h3>
            {list(c.joined.clone(), "joined")}
            <h3>{state.text(|t| t.cmp_left)} " (" {c.left.len()} ")"</h3>
            {list(c.left.clone(), "left")}
            <h3>{state.text(|t| t.cmp_changed)} " (" {changed.len()} ")"</h3>
            {list(changed.clone(), "changed")}
        </section>
    }
}

/// Colour per partnership of the period, and the hatch of uncovered municipalities.
#[component]
fn Legend(
    data: Arc<Dataset>,
    #[prop(into)] coverage: Signal<Arc<PeriodCoverage>>,
    #[prop(into)] colouring: Signal<Arc<MapColouring>>,
) -> impl IntoView {
    let state = use_app_state();
    let incomplete = move || !coverage.get().figures.complete;
    let items = move || {
        let colouring = colouring.get();
        coverage
            .get()
            .partnership_ids
            .iter()
            .filter_map(|id| data.partnerships.iter().find(|p| &p.id == id))
            .map(|p| {
                let colour = colouring.colour_of_partnership(&p.id).unwrap_or("#888");
                view! {
                    <li>
                        <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill=colour></rect></svg>
                        <bdi>{p.name.clone()}</bdi>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="legend" aria-labelledby="h-legende">
            <h3 id="h-legende">{state.text(|t| t.legend_heading)}</h3>
            <ul>
                {items}
                <li>
                    <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill=format!("url(#{HATCH_ID})")></rect></svg>
                    {state.text(|t| t.legend_uncovered)}
                </li>
                {move || incomplete().then(|| view! {
                    <li data-legend="unknown">
                        <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill=format!("url(#{DOTS_ID})")></rect></svg>
                        {state.text(|t| t.legend_unknown)}
                    </li>
                })}
            </ul>
        </section>
    }
}
