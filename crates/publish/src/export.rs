//! Open-data exports of a publication, written next to the endpoint files in `open-data/`:
//! CSV in exactly the columns the tool reads (so an export can be edited and published again),
//! GeoJSON of the initiatives, JSON-LD with schema.org terms, and HSDS 3.0 (`open-data/hsds/`).

use super::csv;
use super::{initiatives, partnerships, reference, Records};
use wegwijzer_core::model::{Category, Initiative, Municipality, Partnership, Source};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The exported files: (path relative to the endpoint, bytes).
pub fn exports(records: &Records) -> Vec<(String, Vec<u8>)> {
    let Records { categories, municipalities, partnerships: partnerships_, initiatives: initiatives_, audiences } = records;
    // Comma-separated UTF-8 without BOM, as open-data portals expect; the tool itself also reads
    // the `;` files Excel writes.
    let table = |headers: &[&str], rows: &[Vec<String>]| csv::write(headers, rows, b',', false);
    let tables: [(&str, &[&str], Vec<Vec<String>>); 4] = [
        ("categories", &reference::CATEGORY_COLUMNS, reference::category_rows(categories, audiences)),
        ("municipalities", &reference::MUNICIPALITY_COLUMNS, reference::municipality_rows(municipalities)),
        ("partnerships", &partnerships::COLUMNS, partnerships::to_rows(partnerships_)),
        ("initiatives", &initiatives::COLUMNS, initiatives::to_rows(initiatives_)),
    ];
    let mut files: Vec<(String, Vec<u8>)> =
        tables.iter().map(|(name, headers, rows)| (format!("open-data/{name}.csv"), table(headers, rows))).collect();
    files.push(("open-data/initiatives.geojson".into(), geojson(categories, municipalities, initiatives_)));
    files.push(("open-data/wegwijzer.jsonld".into(), json_ld(categories, municipalities, partnerships_, initiatives_)));
    files.extend(tables.iter().map(|(name, headers, rows)| (format!("open-data/excel/{name}.csv"), excel_csv(headers, rows))));
    files.extend(super::hsds::files(&super::hsds::terms(categories, audiences), municipalities, initiatives_));
    files
}

/// The same table in the dialect Excel opens correctly with Belgian regional settings: `;` as
/// separator, a byte order mark (else Excel reads UTF-8 as Windows-1252), and decimal commas
/// in `lat` and `lon` (else `50.8478` is read as 508478). The tool reads it back as it is.
pub fn excel_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let decimal: Vec<usize> = headers.iter().enumerate().filter(|(_, h)| matches!(**h, "lat" | "lon")).map(|(i, _)| i).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().enumerate().map(|(i, v)| if decimal.contains(&i) { v.replace('.', ",") } else { v.clone() }).collect())
        .collect();
    csv::write(headers, &rows, b';', true)
}

/// The sources of `index.json` in the columns `--sources` reads, so attribution travels with
/// the open data.
pub fn sources_csv(sources: &[Source]) -> Vec<u8> {
    let rows: Vec<Vec<String>> =
        sources.iter().map(|s| vec![s.name.clone(), s.url.clone(), s.licence.clone(), s.used_for.clone()]).collect();
    csv::write(&reference::SOURCE_COLUMNS, &rows, b',', false)
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        map.insert(key.into(), Value::String(v.clone()));
    }
}

fn to_bytes(v: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A FeatureCollection of initiatives as points (`null` geometry when an initiative has no
/// point, which GeoJSON allows), with flat properties that GIS tools show as a table.
pub fn geojson(categories: &[Category], municipalities: &[Municipality], items: &[Initiative]) -> Vec<u8> {
    let label: HashMap<&str, &str> = categories.iter().map(|c| (c.id.as_str(), c.label.nl.as_str())).collect();
    let place: HashMap<&str, &str> = municipalities.iter().map(|m| (m.nis.as_str(), m.name.nl.as_str())).collect();
    let features: Vec<Value> = items
        .iter()
        .map(|i| {
            let mut p = Map::new();
            p.insert("id".into(), json!(i.id));
            p.insert("name".into(), json!(i.name));
            p.insert("kind".into(), json!(i.kind));
            put(&mut p, "kind_label", label.get(i.kind.as_str()).map(|s| s.to_string()).as_ref());
            p.insert("services".into(), json!(i.services.join(" ")));
            put(&mut p, "description", i.description.as_ref().map(|d| &d.nl));
            p.insert("street".into(), json!(i.address.street));
            p.insert("postcode".into(), json!(i.address.postcode));
            p.insert("locality".into(), json!(i.address.locality));
            p.insert("nis".into(), json!(i.nis));
            put(&mut p, "municipality", place.get(i.nis.as_str()).map(|s| s.to_string()).as_ref());
            put(&mut p, "phone", i.phone.as_ref());
            put(&mut p, "email", i.email.as_ref());
            put(&mut p, "website", i.website.as_ref());
            p.insert("serves".into(), json!(i.serves.join(" ")));
            p.insert("updated_at".into(), json!(i.updated_at));
            let geometry = match i.point {
                Some(pt) => json!({"type": "Point", "coordinates": [pt.lon, pt.lat]}),
                None => Value::Null,
            };
            json!({"type": "Feature", "id": i.id, "geometry": geometry, "properties": p})
        })
        .collect();
    to_bytes(&json!({"type": "FeatureCollection", "features": features}))
}

fn area_ref(nis: &str) -> Value {
    json!({"@id": format!("#nis-{nis}")})
}

/// JSON-LD with schema.org terms: initiatives and partnerships as `Organization` (address as
/// `PostalAddress`, location as `Place` with `GeoCoordinates`, `areaServed` and `knowsAbout` for
/// the services), municipalities as `AdministrativeArea`.
pub fn json_ld(
    categories: &[Category],
    municipalities: &[Municipality],
    partnerships_: &[Partnership],
    items: &[Initiative],
) -> Vec<u8> {
    let label: HashMap<&str, &str> = categories.iter().map(|c| (c.id.as_str(), c.label.nl.as_str())).collect();
    let mut graph: Vec<Value> = Vec::new();
    for m in municipalities {
        let mut node = Map::new();
        node.insert("@type".into(), json!("AdministrativeArea"));
        node.insert("@id".into(), json!(format!("#nis-{}", m.nis)));
        node.insert("identifier".into(), json!(m.nis));
        let mut names = vec![json!({"@language": "nl", "@value": m.name.nl})];
        if let Some(fr) = &m.name.fr {
            names.push(json!({"@language": "fr", "@value": fr}));
        }
        node.insert("name".into(), Value::Array(names));
        if let Some(p) = m.point {
            node.insert("geo".into(), json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}));
        }
        graph.push(Value::Object(node));
    }
    for p in partnerships_ {
        let mut node = Map::new();
        node.insert("@type".into(), json!("Organization"));
        node.insert("@id".into(), json!(format!("#partnership-{}", p.id)));
        node.insert("identifier".into(), json!(p.id));
        node.insert("name".into(), json!(p.name));
        node.insert("legalName".into(), json!(p.contact.organisation));
        node.insert("areaServed".into(), Value::Array(p.members.iter().map(|m| area_ref(m)).collect()));
        node.insert("foundingDate".into(), json!(p.period.from.to_string()));
        node.insert("dissolutionDate".into(), json!(p.period.to.to_string()));
        put(&mut node, "telephone", p.contact.phone.as_ref());
        put(&mut node, "email", p.contact.email.as_ref());
        put(&mut node, "url", p.contact.website.as_ref());
        if let Some(a) = &p.contact.address {
            node.insert("address".into(), json!(a));
        }
        put(&mut node, "sameAs", p.source_url.as_ref());
        graph.push(Value::Object(node));
    }
    for i in items {
        let mut node = Map::new();
        node.insert("@type".into(), json!("Organization"));
        node.insert("@id".into(), json!(format!("#initiative-{}", i.id)));
        node.insert("identifier".into(), json!(i.id));
        node.insert("name".into(), json!(i.name));
        if let Some(d) = &i.description {
            let mut texts = vec![json!({"@language": "nl", "@value": d.nl})];
            for (lang, t) in [("fr", &d.fr), ("en", &d.en)] {
                if let Some(t) = t {
                    texts.push(json!({"@language": lang, "@value": t}));
                }
            }
            node.insert("description".into(), Value::Array(texts));
        }
        let about: Vec<Value> = std::iter::once(&i.kind)
            .chain(i.services.iter())
            .map(|c| json!(label.get(c.as_str()).copied().unwrap_or(c.as_str())))
            .collect();
        node.insert("knowsAbout".into(), Value::Array(about));
        let address = json!({
            "@type": "PostalAddress",
            "streetAddress": i.address.street,
            "postalCode": i.address.postcode,
            "addressLocality": i.address.locality,
            "addressCountry": "BE",
        });
        node.insert("address".into(), address.clone());
        let mut place = Map::new();
        place.insert("@type".into(), json!("Place"));
        place.insert("address".into(), address);
        if let Some(p) = i.point {
            place.insert("geo".into(), json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}));
        }
        place.insert("containedInPlace".into(), area_ref(&i.nis));
        node.insert("location".into(), Value::Object(place));
        let served: Vec<Value> = std::iter::once(&i.nis).chain(i.serves.iter()).map(|n| area_ref(n)).collect();
        node.insert("areaServed".into(), Value::Array(served));
        put(&mut node, "telephone", i.phone.as_ref());
        put(&mut node, "email", i.email.as_ref());
        put(&mut node, "url", i.website.as_ref());
        graph.push(Value::Object(node));
    }
    to_bytes(&json!({"@context": "https://schema.org/", "@graph": graph}))
}
