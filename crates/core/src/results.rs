//! The directory's results for a view: query, place in the query, search, filters, facets
//! and order. Pure, so the first-paint paths (no search index yet, or only the first page of
//! the cached dataset) are tested on the host against the full path.

use crate::dataset::Dataset;
use crate::embed::EmbedScope;
use crate::geo::sort_by_distance;
use crate::model::Point;
use crate::search::{apply_filters, facet_counts, normalize, FacetCounts, Filters, Hit, SearchIndex};
use crate::service_filters::{self, ServiceFacetCounts};
use crate::view_state::{DirectoryView, Place, Sort};

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
}

impl PartialEq for Results {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.total == other.total && self.scope == other.scope && self.service_facets == other.service_facets
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
    let blank = view.query.trim().is_empty();
    if !data.is_complete() {
        // The first page of the cached dataset: its records are the first of the default view
        // (not of an embed's region, which waits for the whole dataset).
        let default_view =
            blank && view.active_filter_count() == 0 && view.sort == Sort::Relevance && embed.is_none();
        let total = data.index.as_ref()?.collections.get("initiatives")?.count as usize;
        let items = (0..data.initiatives.len() as u32).map(|doc| (doc, None)).collect();
        return default_view.then(|| Results { items, total, ..Default::default() });
    }
    let index = match index {
        Some(index) => index,
        None if blank => return Some(compute_without_index(data, view, here, embed, now_unix)),
        None => return None,
    };
    let place = index.place_in_query(data, &view.query);
    let text = place.as_ref().map(|p| p.rest.as_str()).unwrap_or(&view.query);
    let mut hits: Vec<Hit> = index.search(text);
    if let Some(p) = &place {
        hits = index.scope_to_place(data, &hits, &p.nis);
    }
    keep_in_embed(data, &mut hits, embed);
    let filters = filters_of(view);
    let (hits, service_facets) = with_service_filters(data, &hits, view, now_unix, |h| index.apply_filters(data, h, &filters));
    let facets = index.facet_counts(data, &hits, &filters);
    let filtered = index.apply_filters(data, &hits, &filters);
    let scope = place.and_then(|p| data.municipality(&p.nis).map(|m| m.nis.clone()));
    Some(Results { service_facets, ..sorted(data, view, here, &filtered, facets, scope) })
}

/// [`compute`] for an empty query before the index is there: every initiative, in order (what
/// `SearchIndex::search("")` gives), filtered and counted through the dataset's strings.
fn compute_without_index(data: &Dataset, view: &DirectoryView, here: Option<Point>, embed: Option<&EmbedScope>, now_unix: i64) -> Results {
    let mut hits: Vec<Hit> = (0..data.initiatives.len() as u32).map(|doc| Hit { doc, score: 0.0 }).collect();
    keep_in_embed(data, &mut hits, embed);
    let filters = filters_of(view);
    let (hits, service_facets) = with_service_filters(data, &hits, view, now_unix, |h| apply_filters(data, h, &filters));
    let facets = facet_counts(data, &hits, &filters);
    let filtered = apply_filters(data, &hits, &filters);
    Results { service_facets, ..sorted(data, view, here, &filtered, facets, None) }
}

/// The issue-13 filters: their counts over the hits that pass the search's filters
/// (`search_filtered`), and the hits that pass them, on which the search's own facets and
/// filters then run. So every count reflects every other active filter.
fn with_service_filters(
    data: &Dataset,
    hits: &[Hit],
    view: &DirectoryView,
    now_unix: i64,
    search_filtered: impl Fn(&[Hit]) -> Vec<Hit>,
) -> (Vec<Hit>, ServiceFacetCounts) {
    let counts = service_filters::counts(data, &search_filtered(hits), &view.service, now_unix);
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

/// The filtered hits in the view's order.
fn sorted(data: &Dataset, view: &DirectoryView, here: Option<Point>, filtered: &[Hit], facets: FacetCounts, scope: Option<String>) -> Results {
    let items: Vec<(u32, Option<f64>)> = match (view.sort, origin(data, view, here)) {
        (Sort::Distance, Some(from)) => {
            sort_by_distance(data, filtered, from).into_iter().map(|(h, km)| (h.doc, km)).collect()
        }
        (Sort::Name, _) => {
            let mut named: Vec<(String, u32)> =
                filtered.iter().map(|h| (normalize(&data.initiatives[h.doc as usize].name), h.doc)).collect();
            named.sort_unstable();
            named.into_iter().map(|(_, doc)| (doc, None)).collect()
        }
        _ => filtered.iter().map(|h| (h.doc, None)).collect(),
    };
    Results { total: items.len(), items, facets, scope, ..Default::default() }
}
