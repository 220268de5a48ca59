//! The directory's whole view as URL query parameters, so reload, back/forward and a shared
//! link reproduce it exactly. Pure: parses from and writes to `(key, value)` pairs.
//!
//! ```ignore
//! let view = DirectoryView::from_pairs([("q", "fietspunt"), ("dienst", "fietspunt,klusdienst")]);
//! assert_eq!(view.to_query(), "?q=fietspunt&dienst=fietspunt%2Cklusdienst");
//! ```
//!
//! Parameter names are Dutch, like the app's routes: `q`, `dienst`, `soort`, `provincie`, `regie`,
//! `gemeente`, `werkt_in`, `open` (`nu`), `doelgroep`, `dienst_taal`, `rolstoel`, `sorteer`,
//! `plaats`, `taal`. The device location is never put in
//! the URL: `plaats=hier` means "where I am", resolved on the device.

/// How results are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Distance,
    Name,
}

impl Sort {
    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevantie",
            Sort::Distance => "afstand",
            Sort::Name => "naam",
        }
    }

    fn parse(s: &str) -> Sort {
        match s {
            "afstand" => Sort::Distance,
            "naam" => Sort::Name,
            _ => Sort::Relevance,
        }
    }
}

/// The place distances are measured from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A municipality by NIS code.
    Municipality(String),
    /// The device's own location (asked for on the device, never in the URL).
    Here,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DirectoryView {
    pub query: String,
    pub services: Vec<String>,
    pub kinds: Vec<String>,
    pub provinces: Vec<String>,
    pub partnerships: Vec<String>,
    pub municipalities: Vec<String>,
    /// Initiatives based in or serving this municipality (NIS).
    pub serves: Option<String>,
    pub sort: Sort,
    pub place: Option<Place>,
    /// Open now, target group, service language, wheelchair (issue 13).
    pub service: crate::service_filters::ServiceFilters,
}

/// A comma list from a URL: trimmed, sorted, without duplicates, bounded (no 64+ character ids,
/// no more than 400 of them) so a hostile link cannot make the app do unbounded work.
pub fn list(value: &str) -> Vec<String> {
    let mut items: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 64)
        .take(400)
        .map(String::from)
        .collect();
    crate::order::sort(&mut items);
    items.dedup();
    items
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl DirectoryView {
    /// Reads the view from query pairs; unknown keys are ignored, bad values fall back to defaults.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DirectoryView {
        let mut view = DirectoryView::default();
        for (key, value) in pairs {
            match key {
                "q" => view.query = value.chars().take(200).collect(),
                "dienst" => view.services = list(value),
                "soort" => view.kinds = list(value),
                "provincie" => view.provinces = list(value),
                "regie" => view.partnerships = list(value),
                "gemeente" => view.municipalities = list(value),
                "werkt_in" => view.serves = Some(value.trim().to_string()).filter(|v| !v.is_empty()),
                "open" => view.service.open_now = value.trim() == "nu",
                "doelgroep" => view.service.audience = list(value),
                "dienst_taal" => view.service.languages = list(value),
                "rolstoel" => view.service.wheelchair = list(value),
                "sorteer" => view.sort = Sort::parse(value),
                "plaats" => {
                    view.place = match value.trim() {
                        "" => None,
                        "hier" => Some(Place::Here),
                        nis => Some(Place::Municipality(nis.to_string())),
                    }
                }
                _ => {}
            }
        }
        view
    }

    /// The pairs for this view, defaults left out, in a fixed order so equal views give equal URLs.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |key: &'static str, value: String| {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        };
        push("q", self.query.clone());
        push("dienst", self.services.join(","));
        push("soort", self.kinds.join(","));
        push("provincie", self.provinces.join(","));
        push("regie", self.partnerships.join(","));
        push("gemeente", self.municipalities.join(","));
        push("werkt_in", self.serves.clone().unwrap_or_default());
        push("open", if self.service.open_now { "nu".into() } else { String::new() });
        push("doelgroep", self.service.audience.join(","));
        push("dienst_taal", self.service.languages.join(","));
        push("rolstoel", self.service.wheelchair.join(","));
        if self.sort != Sort::Relevance {
            push("sorteer", self.sort.code().to_string());
        }
        push(
            "plaats",
            match &self.place {
                None => String::new(),
                Some(Place::Here) => "hier".into(),
                Some(Place::Municipality(nis)) => nis.clone(),
            },
        );
        pairs
    }

    /// `?q=...&dienst=...` (empty string for the default view), with `extra` pairs (e.g. the
    /// language) appended.
    pub fn to_query_with(&self, extra: &[(&str, &str)]) -> String {
        let mut parts: Vec<String> = self.to_pairs().iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        parts.extend(extra.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))));
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn to_query(&self) -> String {
        self.to_query_with(&[])
    }

    /// Number of active filters (for the "Filters (3)" button and "clear all").
    pub fn active_filter_count(&self) -> usize {
        self.services.len()
            + self.kinds.len()
            + self.provinces.len()
            + self.partnerships.len()
            + self.municipalities.len()
            + usize::from(self.serves.is_some())
            + self.service.active_count()
    }

    /// The same view with every filter removed (query, sort and place stay).
    pub fn without_filters(&self) -> DirectoryView {
        DirectoryView { query: self.query.clone(), sort: self.sort, place: self.place.clone(), ..Default::default() }
    }
}

/// Adds `value` to `list` or removes it when present, keeping the list sorted.
pub fn toggle(list: &mut Vec<String>, value: &str) {
    if let Some(i) = list.iter().position(|v| v == value) {
        list.remove(i);
    } else {
        list.push(value.to_string());
        crate::order::sort(list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_pairs() {
        let view = DirectoryView {
            query: "fiets herstel".into(),
            services: vec!["fietspunt".into(), "klusdienst".into()],
            kinds: vec!["lde".into()],
            provinces: vec!["30000".into()],
            partnerships: vec![],
            municipalities: vec!["33011".into()],
            serves: Some("33021".into()),
            sort: Sort::Distance,
            place: Some(Place::Municipality("33011".into())),
            service: crate::service_filters::ServiceFilters {
                open_now: true,
                audience: vec!["ouderen".into()],
                languages: vec!["ar".into(), "fr".into()],
                wheelchair: vec!["yes".into()],
            },
        };
        let pairs = view.to_pairs();
        let back = DirectoryView::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, view);
        assert_eq!(
            view.to_query_with(&[("taal", "fr")]),
            "?q=fiets+herstel&dienst=fietspunt%2Cklusdienst&soort=lde&provincie=30000&gemeente=33011&werkt_in=33021&open=nu&doelgroep=ouderen&dienst_taal=ar%2Cfr&rolstoel=yes&sorteer=afstand&plaats=33011&taal=fr"
        );
    }

    #[test]
    fn default_view_is_an_empty_query() {
        assert_eq!(DirectoryView::default().to_query(), "");
        assert_eq!(DirectoryView::from_pairs([("onbekend", "x"), ("sorteer", "raar")]), DirectoryView::default());
    }

    #[test]
    fn lists_are_sorted_deduplicated_and_bounded() {
        let v = DirectoryView::from_pairs([("dienst", "b,a,,b"), ("q", &"x".repeat(500))]);
        assert_eq!(v.services, vec!["a", "b"]);
        assert_eq!(v.query.len(), 200);
    }

    #[test]
    fn device_location_is_only_a_marker() {
        let v = DirectoryView { place: Some(Place::Here), sort: Sort::Distance, ..Default::default() };
        assert_eq!(v.to_query(), "?sorteer=afstand&plaats=hier");
    }

    #[test]
    fn toggling_and_clearing_filters() {
        let mut v = DirectoryView::default();
        toggle(&mut v.services, "fietspunt");
        toggle(&mut v.services, "buurtsport");
        assert_eq!(v.services, vec!["buurtsport", "fietspunt"]);
        toggle(&mut v.services, "buurtsport");
        v.serves = Some("33011".into());
        v.query = "x".into();
        assert_eq!(v.active_filter_count(), 2);
        let cleared = v.without_filters();
        assert_eq!(cleared.active_filter_count(), 0);
        assert_eq!(cleared.query, "x");
    }
}
