//! The directory's results for a view: query, place in the query, search, filters, facets
//! and order. Pure, so the first-paint paths (no search index yet, or only the first page of
//! the cached dataset) are tested on the host against the full path.

use crate::dataset::Dataset;
use crate::embed::EmbedScope;
use crate::geo::{distance_km, initiative_point, sort_by_distance};
use crate::model::Point;
use crate::search::{apply_filters, facet_counts, normalize, FacetCounts, Filters, Hit, SearchIndex};
use crate::service_filters::{self, ServiceFacetCounts};
use crate::view_state::{DirectoryView, Place, Sort};
use crate::order;

/// What the list shows for the current view.
#[derive(Clone, Default)]
pub struct Results {
    /// Initiative positions with distance in km when sorting by distance.
    pub items: Vec<(u32, Option<f64>)>,
    /// How many initiatives match: `items.len()`, except on a first page (more to come).
    pub total: usize,
    pub facets: FacetCounts,
    /// Counts of the open-now, target-group, language and wheelchair filters.
    pub service_facets: ServiceFacetCounts,
    /// The municipality recognised in the query ("8900", "sint-niklaas"), shown as scope.
    pub scope: Option<String>,
    /// The scope came with a near-phrase ("bij Leuven"): `items` are the matches within
    /// [`NEAR_KM`] of it or serving it, nearest first, with their distance.
    pub near: bool,
    /// Nothing matched where the user looked (the query's place, or the one municipality
    /// filter): the [`NEAREST`] closest matches elsewhere, with their distance from there.
    pub nearest: Vec<(u32, Option<f64>)>,
    /// Where `nearest` is measured from (NIS code of the municipality).
    pub nearest_from: Option<String>,
    /// The query without its place, normalised, for "Geen fietspunt in Gent".
    pub searched: String,
    /// Nothing matched at all: a query that finds something ("Bedoelde je …?").
    pub suggestion: Option<String>,
}

/// Radius of a near-place search, in km: the municipality and its neighbours (Flemish
/// municipalities average about 47 km², some 7 km across; 15 km reaches the next ring).
pub const NEAR_KM: f64 = 15.0;
/// How many matches elsewhere a "nothing here" answer shows.
pub const NEAREST: usize = 5;

impl PartialEq for Results {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
            && self.total == other.total
            && self.scope == other.scope
            && self.service_facets == other.service_facets
            && self.near == other.near
            && self.nearest == other.nearest
            && self.suggestion == other.suggestion
    }
}

/// The point distances are measured from, if the view has one.
fn origin(data: &Dataset, view: &DirectoryView, here: Option<Point>) -> Option<Point> {
    match view.place.as_ref()? {
        Place::Here => here,
        Place::Municipality(nis) => data.municipality(nis)?.point,
    }
}

/// Query → scope → search → embed region → filters → facets → sort. Pure apart from reading
/// its arguments; `now_unix` (seconds since 1970 UTC) is the device's clock for "Nu open". `embed`: an embed's region and fixed categories (applied before the facets,
/// so its filters only offer what the region has).
///
/// `None` while the answer needs what is not there yet: the search index for a query (built
/// after the first paint), or the whole dataset for anything but the first page of the
/// default view. An empty query matches every initiative in dataset order, which needs no
/// index: the filters and facets then read the dataset's strings, with the same result.
pub fn compute(
    data: &Dataset,
    index: Option<&SearchIndex>,
    view: &DirectoryView,
    here: Option<Point>,
    embed: Option<&EmbedScope>,
    now_unix: i64,
) -> Option<Results> {
    compute_with(data, index, view, here, embed, now_unix, Counts::Yes)
}

/// [`compute`] without the filter panel's counts ([`Results::facets`] and
/// [`Results::service_facets`] stay empty): what a directory needs while its filter panel has
/// never been opened. Counting every facet over every hit was a tenth of drawing the start page
/// and of each keystroke (issue 15).
pub fn compute_list(
    data: &Dataset,
    index: Option<&SearchIndex>,
    view: &DirectoryView,
    here: Option<Point>,
    embed: Option<&EmbedScope>,
    now_unix: i64,
) -> Option<Results> {
    compute_with(data, index, view, here, embed, now_unix, Counts::No)
}

/// Whether [`compute_with`] counts the facets.
#[derive(Clone, Copy)]
enum Counts {
    Yes,
    No,
}

fn compute_with(
    data: &Dataset,
    index: Option<&SearchIndex>,
    view: &DirectoryView,
    here: Option<Point>,
    embed: Option<&EmbedScope>,
    now_unix: i64,
    counts: Counts,
) -> Option<Results> {
    let blank = view.query.trim().is_empty();
    if !data.is_complete() {
        // The first page of the cached dataset: its records are the first of the default view
        // (not of an embed's region, which waits for the whole dataset).
        let default_view =
            blank && view.active_filter_count() == 0 && view.sort == Sort::Relevance && embed.is_none();
        // The index counts the records the dataset left out too (`quarantine.rs`).
        let count = data.index.as_ref()?.collections.get("initiatives")?.count as usize;
        let total = count.saturating_sub(data.left_out_count("initiatives"));
        let items = (0..data.initiatives.len() as u32).map(|doc| (doc, None)).collect();
        return default_view.then(|| Results { items, total, ..Default::default() });
    }
    let index = match index {
        Some(index) => index,
        None if blank => return Some(compute_without_index(data, view, here, embed, now_unix, counts)),
        None => return None,
    };
    let place = index.place_in_query(data, &view.query);
    let text = place.as_ref().map(|p| p.rest.as_str()).unwrap_or(&view.query);
    let mut found: Vec<Hit> = index.search(text);
    keep_in_embed(data, &mut found, embed);
    let place_point = place.as_ref().and_then(|p| data.municipality(&p.nis)?.point);
    let hits = match (&place, place_point) {
        (Some(p), Some(from)) if p.near => near(data, &found, &p.nis, from),
        (Some(p), _) => index.scope_to_place(data, &found, &p.nis),
        (None, _) => found.clone(),
    };
    let filters = filters_of(view);
    let (hits, service_facets) = with_service_filters(data, &hits, view, now_unix, counts, |h| index.apply_filters(data, h, &filters));
    let facets = match counts {
        Counts::Yes => index.facet_counts(data, &hits, &filters),
        Counts::No => FacetCounts::default(),
    };
    let filtered = index.apply_filters(data, &hits, &filters);
    let scope = place.as_ref().and_then(|p| data.municipality(&p.nis).map(|m| m.nis.clone()));
    let near_from = place.as_ref().filter(|p| p.near).and(place_point);
    let mut results = Results { service_facets, ..sorted(data, view, here, &filtered, facets, scope, near_from) };
    results.near = near_from.is_some();
    results.searched = normalize(text);
    if results.items.is_empty() {
        // Where the user looked: the query's place, else the one municipality of the filters.
        let looked = place.as_ref().map(|p| p.nis.clone()).or_else(|| match view.municipalities.as_slice() {
            [one] => Some(one.clone()),
            _ => view.serves.clone(),
        });
        if let Some((nis, from)) = looked.and_then(|nis| Some((nis.clone(), data.municipality(&nis)?.point?))) {
            let anywhere = Filters { municipalities: Vec::new(), serves: None, provinces: Vec::new(), partnerships: Vec::new(), ..filters };
            // Elsewhere still honours the service filters (open now, target group, ...).
            let passing = service_filters::apply(data, &found, &view.service, now_unix);
            let elsewhere = index.apply_filters(data, &passing, &anywhere);
            results.nearest =
                sort_by_distance(data, &elsewhere, from).into_iter().take(NEAREST).map(|(h, km)| (h.doc, km)).collect();
            results.nearest_from = Some(nis);
        }
        if found.is_empty() {
            results.suggestion = index.suggest(text);
        }
    }
    Some(results)
}

/// The hits within [`NEAR_KM`] of `from` or based in or serving `nis`.
fn near(data: &Dataset, hits: &[Hit], nis: &str, from: Point) -> Vec<Hit> {
    hits.iter()
        .copied()
        .filter(|h| {
            let it = &data.initiatives[h.doc as usize];
            it.nis == nis
                || it.serves.iter().any(|s| s == nis)
                || initiative_point(data, it).is_some_and(|p| distance_km(p, from) <= NEAR_KM)
        })
        .collect()
}

/// [`compute`] for an empty query before the index is there: every initiative, in order (what
/// `SearchIndex::search("")` gives), filtered and counted through the dataset's strings.
fn compute_without_index(data: &Dataset, view: &DirectoryView, here: Option<Point>, embed: Option<&EmbedScope>, now_unix: i64, counts: Counts) -> Results {
    let mut hits: Vec<Hit> = (0..data.initiatives.len() as u32).map(|doc| Hit { doc, score: 0.0 }).collect();
    keep_in_embed(data, &mut hits, embed);
    let filters = filters_of(view);
    let (hits, service_facets) = with_service_filters(data, &hits, view, now_unix, counts, |h| apply_filters(data, h, &filters));
    let facets = match counts {
        Counts::Yes => facet_counts(data, &hits, &filters),
        Counts::No => FacetCounts::default(),
    };
    let filtered = apply_filters(data, &hits, &filters);
    Results { service_facets, ..sorted(data, view, here, &filtered, facets, None, None) }
}

/// The issue-13 filters: their counts over the hits that pass the search's filters
/// (`search_filtered`), and the hits that pass them, on which the search's own facets and
/// filters then run. So every count reflects every other active filter.
fn with_service_filters(
    data: &Dataset,
    hits: &[Hit],
    view: &DirectoryView,
    now_unix: i64,
    counts: Counts,
    search_filtered: impl Fn(&[Hit]) -> Vec<Hit>,
) -> (Vec<Hit>, ServiceFacetCounts) {
    let counts = match counts {
        Counts::Yes => service_filters::counts(data, &search_filtered(hits), &view.service, now_unix),
        Counts::No => ServiceFacetCounts::default(),
    };
    (service_filters::apply(data, hits, &view.service, now_unix), counts)
}

fn keep_in_embed(data: &Dataset, hits: &mut Vec<Hit>, embed: Option<&EmbedScope>) {
    if let Some(embed) = embed {
        hits.retain(|h| embed.allows(&data.initiatives[h.doc as usize]));
    }
}

fn filters_of(view: &DirectoryView) -> Filters {
    Filters {
        services: view.services.clone(),
        kinds: view.kinds.clone(),
        provinces: view.provinces.clone(),
        partnerships: view.partnerships.clone(),
        municipalities: view.municipalities.clone(),
        serves: view.serves.clone(),
    }
}

/// The filtered hits in the view's order; `near`: a place of the query to sort by distance
/// from (unless the view sorts by name).
fn sorted(
    data: &Dataset,
    view: &DirectoryView,
    here: Option<Point>,
    filtered: &[Hit],
    facets: FacetCounts,
    scope: Option<String>,
    near: Option<Point>,
) -> Results {
    let sort = if near.is_some() && view.sort != Sort::Name { Sort::Distance } else { view.sort };
    let items: Vec<(u32, Option<f64>)> = match (sort, near.or_else(|| origin(data, view, here))) {
        (Sort::Distance, Some(from)) => {
            sort_by_distance(data, filtered, from).into_iter().map(|(h, km)| (h.doc, km)).collect()
        }
        (Sort::Name, _) => {
            let mut named: Vec<(String, u32)> =
                filtered.iter().map(|h| (normalize(&data.initiatives[h.doc as usize].name), h.doc)).collect();
            order::sort(&mut named);
            named.into_iter().map(|(_, doc)| (doc, None)).collect()
        }
        _ => filtered.iter().map(|h| (h.doc, None)).collect(),
    };
    Results { total: items.len(), items, facets, scope, ..Default::default() }
}
