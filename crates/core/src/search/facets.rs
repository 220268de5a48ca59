//! Filters and disjunctive facet counts over a query's hits, from the initiatives' strings (the
//! free functions) or from numbers the index precomputed (the `SearchIndex` methods).

use super::index::{FxMap, SearchIndex};
use super::query::Hit;
use crate::dataset::Dataset;
use crate::order;

/// The filter panel's selection. Within a facet any value may match (OR); across facets all
/// must (AND). Values are ids: category ids, province NIS codes, partnership ids, NIS codes.
/// An id that is not in the dataset selects nothing, so a stale link shows no results rather
/// than everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub services: Vec<String>,
    pub kinds: Vec<String>,
    /// Province NIS codes ("30000") of the municipality the initiative is based in.
    pub provinces: Vec<String>,
    /// Partnership ids: the initiative's municipality is a member.
    pub partnerships: Vec<String>,
    /// NIS codes of the municipality the initiative is based in.
    pub municipalities: Vec<String>,
    /// NIS code: initiatives based in OR serving that municipality.
    pub serves: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// Per facet, `(value id, count)` sorted by count (highest first), then id. A count is the
/// number of hits that match the query and every OTHER facet's selection (disjunctive
/// faceting), so ticking a second service shows how many it would add. Values with count 0 are
/// left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    pub services: Vec<(String, usize)>,
    pub kinds: Vec<(String, usize)>,
    pub provinces: Vec<(String, usize)>,
    pub partnerships: Vec<(String, usize)>,
    pub municipalities: Vec<(String, usize)>,
}

const SERVICES: usize = 0;
const KINDS: usize = 1;
const PROVINCES: usize = 2;
const PARTNERSHIPS: usize = 3;
const MUNICIPALITIES: usize = 4;

/// An initiative's facet values as numbers: positions in `data.categories` and
/// `data.municipalities`. Read from the dataset's strings (the free functions), or from arrays
/// the index precomputed (the [`SearchIndex`] methods): with 10,000 hits per keystroke, chasing
/// each initiative's strings through the heap costs milliseconds, the arrays microseconds.
trait FacetValues {
    fn kind(&self, doc: u32) -> Option<usize>;
    /// The municipality it is based in.
    fn municipality(&self, doc: u32) -> Option<usize>;
    /// Its services, without duplicates, into `out`.
    fn services(&self, doc: u32, out: &mut Vec<usize>);
    /// Whether it is based in or serves municipality `m`.
    fn serves(&self, doc: u32, m: usize) -> bool;
}

/// Facet values looked up from the initiatives' strings.
struct FromStrings<'a> {
    data: &'a Dataset,
    category: FxMap<&'a str, usize>,
    municipality: FxMap<&'a str, usize>,
}

impl<'a> FromStrings<'a> {
    fn new(data: &'a Dataset) -> Self {
        FromStrings {
            data,
            category: data.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect(),
            municipality: data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect(),
        }
    }
}

impl FacetValues for FromStrings<'_> {
    fn kind(&self, doc: u32) -> Option<usize> {
        self.category.get(self.data.initiatives[doc as usize].kind.as_str()).copied()
    }

    fn municipality(&self, doc: u32) -> Option<usize> {
        self.municipality.get(self.data.initiatives[doc as usize].nis.as_str()).copied()
    }

    fn services(&self, doc: u32, out: &mut Vec<usize>) {
        out.clear();
        for s in &self.data.initiatives[doc as usize].services {
            if let Some(&c) = self.category.get(s.as_str()) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }

    fn serves(&self, doc: u32, m: usize) -> bool {
        let it = &self.data.initiatives[doc as usize];
        let nis = &self.data.municipalities[m].nis;
        it.nis == *nis || it.serves.iter().any(|s| s == nis)
    }
}

const NONE16: u16 = u16::MAX;

/// Facet values of every initiative, precomputed by [`SearchIndex::build`].
#[derive(Clone, Default)]
pub(super) struct DocFacets {
    pub(super) n_categories: usize,
    pub(super) n_municipalities: usize,
    pub(super) kind: Vec<u16>,
    pub(super) municipality: Vec<u16>,
    pub(super) service_start: Vec<u32>,
    pub(super) services: Vec<u16>,
    pub(super) serve_start: Vec<u32>,
    pub(super) serves: Vec<u16>,
}

impl DocFacets {
    pub(super) fn build(data: &Dataset) -> Self {
        if data.categories.len() >= NONE16 as usize || data.municipalities.len() >= NONE16 as usize {
            return DocFacets::default(); // does not fit u16: the string path is used instead
        }
        let values = FromStrings::new(data);
        let n = data.initiatives.len();
        let mut f = DocFacets {
            n_categories: data.categories.len(),
            n_municipalities: data.municipalities.len(),
            kind: Vec::with_capacity(n),
            municipality: Vec::with_capacity(n),
            service_start: Vec::with_capacity(n + 1),
            serve_start: Vec::with_capacity(n + 1),
            ..Default::default()
        };
        f.service_start.push(0);
        f.serve_start.push(0);
        let mut buf = Vec::new();
        let to16 = |v: Option<usize>| v.map_or(NONE16, |v| v as u16);
        for (doc, it) in data.initiatives.iter().enumerate() {
            let doc = doc as u32;
            f.kind.push(to16(values.kind(doc)));
            f.municipality.push(to16(values.municipality(doc)));
            values.services(doc, &mut buf);
            f.services.extend(buf.iter().map(|&c| c as u16));
            f.service_start.push(f.services.len() as u32);
            f.serves.extend(it.serves.iter().filter_map(|nis| values.municipality.get(nis.as_str())).map(|&m| m as u16));
            f.serve_start.push(f.serves.len() as u32);
        }
        f
    }

    /// Whether these numbers describe `data` (the index was built from it).
    fn fits(&self, data: &Dataset) -> bool {
        self.kind.len() == data.initiatives.len()
            && self.n_categories == data.categories.len()
            && self.n_municipalities == data.municipalities.len()
    }
}

impl FacetValues for DocFacets {
    fn kind(&self, doc: u32) -> Option<usize> {
        let k = self.kind[doc as usize];
        (k != NONE16).then_some(k as usize)
    }

    fn municipality(&self, doc: u32) -> Option<usize> {
        let m = self.municipality[doc as usize];
        (m != NONE16).then_some(m as usize)
    }

    fn services(&self, doc: u32, out: &mut Vec<usize>) {
        let d = doc as usize;
        out.clear();
        out.extend(
            self.services[self.service_start[d] as usize..self.service_start[d + 1] as usize].iter().map(|&c| c as usize),
        );
    }

    fn serves(&self, doc: u32, m: usize) -> bool {
        let d = doc as usize;
        self.municipality[d] as usize == m
            || self.serves[self.serve_start[d] as usize..self.serve_start[d + 1] as usize].contains(&(m as u16))
    }
}

/// The filters turned into numbers, plus the per-municipality facts facets need. Built per
/// call from a few hundred municipalities, so it costs microseconds.
struct Selection<'a> {
    provinces: Vec<&'a str>,
    /// Province number of each municipality.
    municipality_province: Vec<usize>,
    /// Partnership numbers of each municipality.
    municipality_partnerships: Vec<Vec<usize>>,
    /// Per facet: `None` when nothing is selected, else selected-ness per value number.
    selected: [Option<Vec<bool>>; 5],
    /// `filters.serves`: `Some(None)` for a NIS code that is not in the dataset.
    serves: Option<Option<usize>>,
}

impl<'a> Selection<'a> {
    fn new(data: &'a Dataset, filters: &Filters) -> Self {
        let municipality: FxMap<&str, usize> =
            data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect();
        let mut provinces: Vec<&str> = data.municipalities.iter().map(|m| m.province.as_str()).collect();
        order::sort(&mut provinces);
        provinces.dedup();
        let municipality_province =
            data.municipalities.iter().map(|m| provinces.binary_search(&m.province.as_str()).unwrap_or(0)).collect();
        let mut municipality_partnerships = vec![Vec::new(); data.municipalities.len()];
        for (p, partnership) in data.partnerships.iter().enumerate() {
            for nis in &partnership.members {
                if let Some(&m) = municipality.get(nis.as_str()) {
                    if !municipality_partnerships[m].contains(&p) {
                        municipality_partnerships[m].push(p);
                    }
                }
            }
        }
        let select = |values: &[String], n: usize, lookup: &dyn Fn(&str) -> Option<usize>| {
            (!values.is_empty()).then(|| {
                let mut sel = vec![false; n];
                for i in values.iter().filter_map(|v| lookup(v)) {
                    sel[i] = true;
                }
                sel
            })
        };
        let category = |v: &str| data.categories.iter().position(|c| c.id == v);
        let selected = [
            select(&filters.services, data.categories.len(), &category),
            select(&filters.kinds, data.categories.len(), &category),
            select(&filters.provinces, provinces.len(), &|v| provinces.binary_search(&v).ok()),
            select(&filters.partnerships, data.partnerships.len(), &|v| data.partnerships.iter().position(|p| p.id == v)),
            select(&filters.municipalities, data.municipalities.len(), &|v| municipality.get(v).copied()),
        ];
        let serves = filters.serves.as_deref().map(|nis| municipality.get(nis).copied());
        Selection { provinces, municipality_province, municipality_partnerships, selected, serves }
    }

    fn serves_ok(&self, values: &impl FacetValues, doc: u32) -> bool {
        match self.serves {
            None => true,
            Some(None) => false,
            Some(Some(m)) => values.serves(doc, m),
        }
    }

    /// Whether a hit passes each facet's selection (true where nothing is selected). Only
    /// selected facets read the hit's values.
    fn passes(&self, values: &impl FacetValues, doc: u32, buf: &mut Vec<usize>) -> [bool; 5] {
        let mut pass = [true; 5];
        if let Some(sel) = &self.selected[SERVICES] {
            values.services(doc, buf);
            pass[SERVICES] = buf.iter().any(|&c| sel[c]);
        }
        if let Some(sel) = &self.selected[KINDS] {
            pass[KINDS] = values.kind(doc).is_some_and(|k| sel[k]);
        }
        if self.selected[PROVINCES].is_some() || self.selected[PARTNERSHIPS].is_some() || self.selected[MUNICIPALITIES].is_some() {
            let m = values.municipality(doc);
            if let Some(sel) = &self.selected[PROVINCES] {
                pass[PROVINCES] = m.is_some_and(|m| sel[self.municipality_province[m]]);
            }
            if let Some(sel) = &self.selected[PARTNERSHIPS] {
                pass[PARTNERSHIPS] = m.is_some_and(|m| self.municipality_partnerships[m].iter().any(|&p| sel[p]));
            }
            if let Some(sel) = &self.selected[MUNICIPALITIES] {
                pass[MUNICIPALITIES] = m.is_some_and(|m| sel[m]);
            }
        }
        pass
    }
}

fn filter_with(data: &Dataset, values: &impl FacetValues, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    if filters.is_empty() {
        return hits.to_vec();
    }
    let sel = Selection::new(data, filters);
    let mut buf = Vec::new();
    hits.iter()
        .copied()
        .filter(|h| sel.serves_ok(values, h.doc) && sel.passes(values, h.doc, &mut buf).iter().all(|&p| p))
        .collect()
}

fn count_with(data: &Dataset, values: &impl FacetValues, hits: &[Hit], filters: &Filters) -> FacetCounts {
    let sel = Selection::new(data, filters);
    let n_categories = data.categories.len();
    let mut counts = [
        vec![0usize; n_categories],
        vec![0usize; n_categories],
        vec![0usize; sel.provinces.len()],
        vec![0usize; data.partnerships.len()],
        vec![0usize; data.municipalities.len()],
    ];
    let mut buf = Vec::new();
    for h in hits {
        if !sel.serves_ok(values, h.doc) {
            continue;
        }
        let pass = sel.passes(values, h.doc, &mut buf);
        let fails = pass.iter().filter(|&&p| !p).count();
        if fails > 1 {
            continue;
        }
        // A hit counts for a facet when it passes all the other facets.
        let counts_for = |facet: usize| fails == 0 || !pass[facet];
        if counts_for(SERVICES) {
            values.services(h.doc, &mut buf);
            for &c in &buf {
                counts[SERVICES][c] += 1;
            }
        }
        if counts_for(KINDS) {
            if let Some(k) = values.kind(h.doc) {
                counts[KINDS][k] += 1;
            }
        }
        if let Some(m) = values.municipality(h.doc) {
            if counts_for(PROVINCES) {
                counts[PROVINCES][sel.municipality_province[m]] += 1;
            }
            if counts_for(PARTNERSHIPS) {
                for &p in &sel.municipality_partnerships[m] {
                    counts[PARTNERSHIPS][p] += 1;
                }
            }
            if counts_for(MUNICIPALITIES) {
                counts[MUNICIPALITIES][m] += 1;
            }
        }
    }
    fn listed<'s>(counts: &[usize], id: impl Fn(usize) -> &'s str) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> =
            counts.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (id(i).to_string(), n)).collect();
        order::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
    let category_id = |i: usize| data.categories[i].id.as_str();
    FacetCounts {
        services: listed(&counts[SERVICES], category_id),
        kinds: listed(&counts[KINDS], category_id),
        provinces: listed(&counts[PROVINCES], |i| sel.provinces[i]),
        partnerships: listed(&counts[PARTNERSHIPS], |i| data.partnerships[i].id.as_str()),
        municipalities: listed(&counts[MUNICIPALITIES], |i| data.municipalities[i].nis.as_str()),
    }
}

/// The hits that pass every facet of `filters`, in their order. Reads the initiatives'
/// strings; [`SearchIndex::apply_filters`] gives the same result faster.
///
/// ```ignore
/// let filters = Filters { services: vec!["fietspunt".into()], provinces: vec!["30000".into()], ..Default::default() };
/// let shown = apply_filters(&data, &hits, &filters);
/// ```
pub fn apply_filters(data: &Dataset, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    if filters.is_empty() {
        return hits.to_vec();
    }
    filter_with(data, &FromStrings::new(data), hits, filters)
}

/// Facet counts for the filter panel (see [`FacetCounts`]): `hits` are the query's hits before
/// filtering; `filters.serves` applies to every count. Reads the initiatives' strings;
/// [`SearchIndex::facet_counts`] gives the same result faster.
///
/// ```ignore
/// let facets = facet_counts(&data, &hits, &filters);
/// for (service_id, n) in &facets.services { /* "Fietspunt (12)" */ }
/// ```
pub fn facet_counts(data: &Dataset, hits: &[Hit], filters: &Filters) -> FacetCounts {
    count_with(data, &FromStrings::new(data), hits, filters)
}

impl SearchIndex {
    /// [`apply_filters`] using the facet numbers precomputed at build time: same result, no
    /// string lookups per hit. `data` must be the dataset the index was built from (checked by
    /// size; otherwise this falls back to [`apply_filters`]).
    ///
    /// ```ignore
    /// let shown = index.apply_filters(&data, &hits, &filters);
    /// ```
    pub fn apply_filters(&self, data: &Dataset, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
        if self.facets.fits(data) {
            filter_with(data, &self.facets, hits, filters)
        } else {
            apply_filters(data, hits, filters)
        }
    }

    /// Keeps the hits that are based in or serve the municipality `nis` (a place typed in the
    /// query), those based there first, each group in relevance order: "kringwinkel gent"
    /// should lead with the shops in Gent, not with ones elsewhere that also serve Gent.
    ///
    /// ```ignore
    /// let hits = index.scope_to_place(&data, &index.search("kringwinkel"), "44021");
    /// ```
    pub fn scope_to_place(&self, data: &Dataset, hits: &[Hit], nis: &str) -> Vec<Hit> {
        let scoped = self.apply_filters(data, hits, &Filters { serves: Some(nis.to_string()), ..Default::default() });
        let (mut based, elsewhere): (Vec<Hit>, Vec<Hit>) =
            scoped.into_iter().partition(|h| data.initiatives[h.doc as usize].nis == nis);
        based.extend(elsewhere);
        based
    }

    /// [`facet_counts`] using the facet numbers precomputed at build time (see
    /// [`SearchIndex::apply_filters`]).
    pub fn facet_counts(&self, data: &Dataset, hits: &[Hit], filters: &Filters) -> FacetCounts {
        if self.facets.fits(data) {
            count_with(data, &self.facets, hits, filters)
        } else {
            facet_counts(data, hits, filters)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_support::{docs, fixture, IEPER, KORTRIJK, POPERINGE, SINT_NIKLAAS};

    #[test]
    fn place_scope_puts_initiatives_based_there_before_those_only_serving_it() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let mut mixed = 0;
        for m in &data.municipalities {
            let all = index.search("");
            let all = if all.is_empty() {
                (0..data.initiatives.len() as u32).map(|doc| Hit { doc, score: 1.0 }).collect()
            } else {
                all
            };
            let scoped = index.scope_to_place(&data, &all, &m.nis);
            let based: Vec<bool> = scoped.iter().map(|h| data.initiatives[h.doc as usize].nis == m.nis).collect();
            // All "based here" first, then only the ones serving it.
            assert!(based.windows(2).all(|w| w[0] || !w[1]), "{}: {based:?}", m.nis);
            mixed += usize::from(based.contains(&true) && based.contains(&false));
            let expected = apply_filters(&data, &all, &Filters { serves: Some(m.nis.clone()), ..Default::default() });
            assert_eq!(scoped.len(), expected.len());
        }
        assert!(mixed > 0, "the fixture has a place with both kinds, so the order is tested");
    }

    #[test]
    fn filters_or_within_and_across_facets() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let all = index.search("");
        let f = |filters: Filters| docs(&apply_filters(&data, &all, &filters));
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(f(Filters::default()), (0..8).collect::<Vec<_>>());
        assert_eq!(f(Filters { services: ids(&["fietspunt", "sociaal-restaurant"]), ..Default::default() }), vec![2, 3, 5, 6]);
        assert_eq!(
            f(Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() }),
            vec![5]
        );
        assert_eq!(f(Filters { kinds: ids(&["wijk-werken"]), ..Default::default() }), vec![4, 7]);
        assert_eq!(f(Filters { partnerships: ids(&["regie-westhoek"]), ..Default::default() }), vec![0, 1, 4, 6, 7]);
        assert_eq!(f(Filters { municipalities: ids(&[KORTRIJK, SINT_NIKLAAS]), ..Default::default() }), vec![2, 3, 5]);
        assert_eq!(f(Filters { serves: Some(POPERINGE.into()), ..Default::default() }), vec![0, 1, 6]);
        assert_eq!(f(Filters { services: ids(&["no-such-service"]), ..Default::default() }), Vec::<u32>::new());
        assert!(Filters::default().is_empty());
        assert_eq!(f(Filters { serves: Some("99999".into()), ..Default::default() }), Vec::<u32>::new());
    }

    #[test]
    fn index_methods_agree_with_the_free_functions() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let all_filters = [
            Filters::default(),
            Filters { services: ids(&["fietspunt", "klusdienst"]), ..Default::default() },
            Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() },
            Filters { kinds: ids(&["lde"]), partnerships: ids(&["regie-westhoek"]), ..Default::default() },
            Filters { municipalities: ids(&[IEPER]), serves: Some(IEPER.into()), ..Default::default() },
            Filters { serves: Some(POPERINGE.into()), ..Default::default() },
            Filters { kinds: ids(&["unknown"]), ..Default::default() },
        ];
        for q in ["", "fietspunt", "klussen", "de"] {
            let hits = index.search(q);
            for f in &all_filters {
                assert_eq!(index.apply_filters(&data, &hits, f), apply_filters(&data, &hits, f), "{q:?} {f:?}");
                assert_eq!(index.facet_counts(&data, &hits, f), facet_counts(&data, &hits, f), "{q:?} {f:?}");
            }
        }
    }

    #[test]
    fn facet_counts_are_disjunctive() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let all = index.search("");
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let c = facet_counts(&data, &all, &Filters::default());
        let pairs = |v: &[(&str, usize)]| v.iter().map(|(s, n)| (s.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(
            c.services,
            pairs(&[
                ("fietspunt", 3),
                ("klusdienst", 3),
                ("buurtgerichte-kinderopvang", 1),
                ("energiesnoeiers", 1),
                ("sociaal-restaurant", 1)
            ])
        );
        assert_eq!(c.kinds, pairs(&[("lde", 5), ("wijk-werken", 2), ("maatwerkbedrijf", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 6), ("40000", 2)]));
        assert_eq!(c.partnerships, pairs(&[("regie-westhoek", 5), ("regie-zuid-west", 1)]));
        assert_eq!(c.municipalities, pairs(&[(IEPER, 3), (POPERINGE, 2), (SINT_NIKLAAS, 2), (KORTRIJK, 1)]));

        // Selecting a service: the service facet still counts every service (within the other
        // facets), the other facets count only fietspunt initiatives.
        let filters = Filters { services: ids(&["fietspunt"]), ..Default::default() };
        let c = facet_counts(&data, &all, &filters);
        assert_eq!(c.services.len(), 5);
        assert_eq!(c.kinds, pairs(&[("lde", 2), ("maatwerkbedrijf", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 2), ("40000", 1)]));

        // Service and province: services counted within the province, provinces within the service.
        let filters = Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() };
        let c = facet_counts(&data, &all, &filters);
        assert_eq!(c.services, pairs(&[("fietspunt", 1), ("klusdienst", 1), ("sociaal-restaurant", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 2), ("40000", 1)]));
        assert_eq!(c.kinds, pairs(&[("maatwerkbedrijf", 1)]));
        assert_eq!(c.municipalities, pairs(&[(SINT_NIKLAAS, 1)]));

        // With a query and a "serves" scope.
        let hits = index.search("klussen");
        let c = facet_counts(&data, &hits, &Filters { serves: Some(IEPER.into()), ..Default::default() });
        assert_eq!(c.kinds, pairs(&[("wijk-werken", 2)]));
    }
}
