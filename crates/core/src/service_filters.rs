//! The directory's filters on issue 13's fields: "Nu open", target group, language of the
//! service and wheelchair access, with their counts. They sit on top of the search's own
//! filters (`search::apply_filters`): each count is for the current query and every other
//! active filter, so ticking a box never shows a number that the list then contradicts.
//!
//! In the URL: `open=nu`, `doelgroep=ouderen,jongeren`, `dienst_taal=ar,fr`,
//! `rolstoel=yes,limited` (see `view_state`).

use crate::dataset::Dataset;
use crate::model::{Initiative, Status};
use crate::opening_hours::OpeningHours;
use crate::search::Hit;
use std::collections::HashMap;
use crate::order;

/// The issue-13 part of a directory view.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ServiceFilters {
    /// Only initiatives open at the device's current time (Brussels time).
    pub open_now: bool,
    /// Target-group ids; an initiative matches when it has any of them.
    pub audience: Vec<String>,
    /// ISO 639-1 codes; an initiative matches when it gives the service in any of them.
    pub languages: Vec<String>,
    /// Wheelchair values (`yes`, `limited`, `no`); any of them matches.
    pub wheelchair: Vec<String>,
}

impl ServiceFilters {
    pub fn active_count(&self) -> usize {
        usize::from(self.open_now) + self.audience.len() + self.languages.len() + self.wheelchair.len()
    }
}

/// Counts per value of each filter, highest first (ties by id).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceFacetCounts {
    pub open_now: usize,
    pub audience: Vec<(String, usize)>,
    pub languages: Vec<(String, usize)>,
    pub wheelchair: Vec<(String, usize)>,
}

/// Whether `i` is open at `now_unix` (seconds since 1970 UTC). Closed or temporarily closed
/// initiatives, unreadable or absent hours and "unknown" (by appointment) are not open.
pub fn is_open_now(i: &Initiative, now_unix: i64) -> bool {
    is_open_with(i, i.opening_hours.as_deref().and_then(|v| OpeningHours::parse(v).ok()).as_ref(), now_unix)
}

/// [`is_open_now`] with `i`'s opening hours already parsed (`hours`; `None`: absent or
/// unreadable), as [`Dataset::open_at`] keeps them.
pub fn is_open_with(i: &Initiative, hours: Option<&OpeningHours>, now_unix: i64) -> bool {
    i.status == Status::Active && hours.is_some_and(|oh| oh.is_open(now_unix))
}

fn wheelchair_code(i: &Initiative) -> Option<&'static str> {
    i.accessibility.as_ref()?.wheelchair.map(|w| w.code())
}

fn any_of(selected: &[String], values: &[String]) -> bool {
    selected.is_empty() || values.iter().any(|v| selected.contains(v))
}

#[derive(Clone, Copy, PartialEq)]
enum Facet {
    OpenNow,
    Audience,
    Languages,
    Wheelchair,
}

/// Whether `data.initiatives[doc]` passes every filter except `skip`; `open[doc]`: whether it
/// is open now ([`Dataset::open_at`], the same as [`is_open_now`]).
fn passes(data: &Dataset, doc: usize, open: &[bool], f: &ServiceFilters, skip: Option<Facet>) -> bool {
    let i = &data.initiatives[doc];
    (skip == Some(Facet::OpenNow) || !f.open_now || open[doc])
        && (skip == Some(Facet::Audience) || any_of(&f.audience, &i.audience))
        && (skip == Some(Facet::Languages) || any_of(&f.languages, &i.languages))
        && (skip == Some(Facet::Wheelchair)
            || f.wheelchair.is_empty()
            || wheelchair_code(i).is_some_and(|w| f.wheelchair.iter().any(|s| s == w)))
}

/// The hits that pass every filter, in their order.
pub fn apply(data: &Dataset, hits: &[Hit], f: &ServiceFilters, now_unix: i64) -> Vec<Hit> {
    if f.active_count() == 0 {
        return hits.to_vec();
    }
    let open = data.open_at(now_unix);
    hits.iter().filter(|h| passes(data, h.doc as usize, &open, f, None)).copied().collect()
}

fn sorted(counts: HashMap<&str, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    order::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The counts over `hits` (already through the search's filters): per facet, with every
/// other active filter of this module applied.
pub fn counts<'a>(data: &'a Dataset, hits: &[Hit], f: &ServiceFilters, now_unix: i64) -> ServiceFacetCounts {
    let open = data.open_at(now_unix);
    let mut out = ServiceFacetCounts::default();
    // Keyed by the dataset's own strings: no allocation per hit (10,000 per keystroke).
    let (mut audience, mut languages, mut wheelchair): (HashMap<&str, usize>, _, _) = Default::default();
    let bump = |m: &mut HashMap<&'a str, usize>, k: &'a str| *m.entry(k).or_insert(0) += 1;
    for h in hits {
        let (doc, i) = (h.doc as usize, &data.initiatives[h.doc as usize]);
        if passes(data, doc, &open, f, Some(Facet::OpenNow)) && open[doc] {
            out.open_now += 1;
        }
        if passes(data, doc, &open, f, Some(Facet::Audience)) {
            i.audience.iter().for_each(|a| bump(&mut audience, a));
        }
        if passes(data, doc, &open, f, Some(Facet::Languages)) {
            i.languages.iter().for_each(|l| bump(&mut languages, l));
        }
        if passes(data, doc, &open, f, Some(Facet::Wheelchair)) {
            if let Some(w) = wheelchair_code(i) {
                bump(&mut wheelchair, w);
            }
        }
    }
    // Offered are the target groups the dataset lists (an unknown id has no label).
    audience.retain(|id, _| data.audience(id).is_some());
    out.audience = sorted(audience);
    out.languages = sorted(languages);
    out.wheelchair = sorted(wheelchair);
    out
}
