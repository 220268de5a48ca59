//! schema.org JSON-LD for an initiative's detail page: a `Service` by an `Organization` at a
//! `Place` with `OpeningHoursSpecification`, so search engines and assistants can read it.
//! The text goes inside `<script type="application/ld+json">`: every `<`, `>` and `&` is
//! written as a JSON `\u` escape, so no value (a name with `</script>`) can end the element.

use crate::dataset::Dataset;
use crate::model::{Initiative, Lang};
use crate::opening_hours::parse::fmt_minutes;
use crate::opening_hours::{OpeningHours, State};
use crate::validate::{is_email, is_http_url, is_phone};
use serde_json::{json, Map, Value};

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// One specification per distinct time range, with the days it applies to.
fn hours_spec(value: &str) -> Vec<Value> {
    let Ok(oh) = OpeningHours::parse(value) else { return Vec::new() };
    let mut ranges: Vec<((u16, u16), Vec<&str>)> = Vec::new();
    for (w, spans) in oh.regular_week().iter().enumerate() {
        for s in spans.iter().filter(|s| s.state == State::Open) {
            let key = (s.from, s.to.min(2880));
            match ranges.iter_mut().find(|(k, _)| *k == key) {
                Some((_, days)) => days.push(DAYS[w]),
                None => ranges.push((key, vec![DAYS[w]])),
            }
        }
    }
    ranges
        .into_iter()
        .map(|((from, to), days)| {
            let closes = if to >= 1440 { to - 1440 } else { to };
            let closes = if to == 1440 { "23:59".to_string() } else { fmt_minutes(closes) };
            json!({"@type": "OpeningHoursSpecification", "dayOfWeek": days.iter().map(|d| format!("https://schema.org/{d}")).collect::<Vec<_>>(), "opens": fmt_minutes(from), "closes": closes})
        })
        .collect()
}

/// The JSON-LD text for `i`, in `lang` where texts have translations. `page_url` is the
/// absolute URL of the detail page.
pub fn json_ld(data: &Dataset, i: &Initiative, lang: Lang, page_url: &str) -> String {
    let mut provider = Map::new();
    provider.insert("@type".into(), json!("Organization"));
    provider.insert("name".into(), json!(i.name));
    if let Some(p) = i.phone.as_deref().filter(|p| is_phone(p)) {
        provider.insert("telephone".into(), json!(p));
    }
    if let Some(e) = i.email.as_deref().filter(|e| is_email(e)) {
        provider.insert("email".into(), json!(e));
    }
    if let Some(w) = i.website.as_deref().filter(|w| is_http_url(w)) {
        provider.insert("url".into(), json!(w));
    }
    let mut place = json!({
        "@type": "Place",
        "name": i.name,
        "address": {"@type": "PostalAddress", "streetAddress": i.address.street, "postalCode": i.address.postcode, "addressLocality": i.address.locality, "addressCountry": "BE"},
    });
    if let Some(p) = i.point {
        place["geo"] = json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon});
    }
    if let Some(spec) = i.opening_hours.as_deref().map(hours_spec).filter(|s| !s.is_empty()) {
        place["openingHoursSpecification"] = json!(spec);
    }
    let label = |id: &String| data.category(id).map(|c| c.label.get(lang).to_string()).unwrap_or_else(|| id.clone());
    let mut service = json!({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": i.name,
        "url": page_url,
        "provider": provider,
        "availableChannel": {"@type": "ServiceChannel", "serviceLocation": place},
    });
    if let Some(d) = &i.description {
        service["description"] = json!(d.get(lang));
    }
    if !i.services.is_empty() {
        service["serviceType"] = json!(i.services.iter().map(label).collect::<Vec<_>>());
    }
    if !i.audience.is_empty() {
        // Only the target groups the dataset knows (an unknown id says nothing to a reader).
        let audiences = i.audience.iter().filter_map(|a| data.audience(a)).map(|a| json!({"@type": "Audience", "audienceType": a.label.get(lang)}));
        service["audience"] = json!(audiences.collect::<Vec<_>>());
    }
    if !i.languages.is_empty() {
        service["availableLanguage"] = json!(i.languages);
    }
    let served: Vec<Value> = std::iter::once(&i.nis)
        .chain(&i.serves)
        .filter_map(|nis| data.municipality(nis))
        .map(|m| json!({"@type": "City", "name": m.name.get(lang)}))
        .collect();
    if !served.is_empty() {
        service["areaServed"] = json!(served);
    }
    if let Some(c) = &i.cost {
        service["offers"] = json!({"@type": "Offer", "description": c.get(lang)});
    }
    script_safe(&service.to_string())
}

/// JSON text that cannot end or open markup inside a `<script>` element.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, Text};

    #[test]
    fn no_text_can_end_the_script_element() {
        let data = Dataset::default();
        let i = Initiative {
            id: "x".into(),
            name: "Fietspunt </script><script>alert(1)</script> & co".into(),
            description: Some(Text::nl("<!-- ]]> \u{2028}")),
            address: Address { street: "Markt 1".into(), postcode: "8900".into(), locality: "Ieper".into() },
            opening_hours: Some("Mo-Fr 09:00-12:00,13:00-16:30; Sa 10:00-12:00; PH off; Jul 15-Aug 15 off".into()),
            ..Default::default()
        };
        let text = json_ld(&data, &i, Lang::Nl, "https://example.org/initiatief/x");
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        // Still the same JSON, with the name as written.
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], i.name);
        assert_eq!(v["@type"], "Service");
        let spec = &v["availableChannel"]["serviceLocation"]["openingHoursSpecification"];
        assert_eq!(spec.as_array().unwrap().len(), 3, "{spec}");
        assert_eq!(spec[0]["dayOfWeek"].as_array().unwrap().len(), 5);
        assert_eq!((spec[1]["opens"].as_str(), spec[1]["closes"].as_str()), (Some("13:00"), Some("16:30")));
        assert_eq!(spec[2]["dayOfWeek"], json!(["https://schema.org/Saturday"]));
    }
}
