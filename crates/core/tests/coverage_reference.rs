//! Real-data checks of the coverage map logic against official reference files in
//! `../shared/reference/` (override with `WEGWIJZER_REFERENCE`). Skipped, with a message, only
//! when that folder is absent.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use wegwijzer_core::coverage::{MergerTable, PeriodCoverage};
use wegwijzer_core::map::{
    hex_distance, layout_hexes, merge_shapes, parse_geometry, shared_arc_adjacency, svg_path, Bounds, Crs,
    GeometryOptions, HexLayout, HexOptions, HexSite, MapFit, Shape,
};
use wegwijzer_core::model::{Collection, Municipality, Period, Point, Text};

mod common;
use common::reference_dir;

fn read(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn shapes_2019(dir: &std::path::Path) -> Vec<Shape> {
    parse_geometry(&read(dir, "vl_gemeenten_2019.topo.json"), &GeometryOptions::default()).unwrap()
}

/// The Flemish mergers of the reference list (it also has a Walloon one).
fn mergers(dir: &std::path::Path, codes: &BTreeSet<String>) -> MergerTable {
    let text = String::from_utf8(read(dir, "mergers_2025.csv")).unwrap();
    let mut table = MergerTable::parse_list(&text, 2025).unwrap();
    table.mergers.retain(|m| m.from.iter().all(|c| codes.contains(c)));
    table
}

/// NIS code → total population on 1 January 2020.
fn population_2020(dir: &std::path::Path) -> BTreeMap<String, u64> {
    let text = String::from_utf8(read(dir, "population_2020.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().trim().split(',').collect();
    assert_eq!((header[0], header[4]), ("NIS code", "Totaal"));
    lines
        .filter_map(|l| {
            let cols: Vec<&str> = l.trim().split(',').collect();
            Some((cols.first()?.to_string(), cols.last()?.parse().ok()?))
        })
        .collect()
}

/// Every municipality of the bundled endpoint, former ones included.
fn sample_municipalities() -> Vec<Municipality> {
    let bytes = std::fs::read(common::repo_root().join("public/data/v1/municipalities.json")).unwrap();
    serde_json::from_slice::<Collection<Municipality>>(&bytes).unwrap().items
}

fn centroid_point(s: &Shape) -> Point {
    let [lon, lat] = s.centroid().unwrap();
    Point { lat, lon }
}

/// Share of adjacent pairs that end up at most two cells apart.
fn neighbour_share(shapes: &[Shape], layout: &HexLayout) -> f64 {
    let pairs = shared_arc_adjacency(shapes);
    assert!(pairs.len() > shapes.len(), "adjacency found: {} pairs", pairs.len());
    let near = pairs
        .iter()
        .filter(|&&(a, b)| {
            let (ca, cb) = (layout.cell(&shapes[a].id).unwrap(), layout.cell(&shapes[b].id).unwrap());
            hex_distance((ca.q, ca.r), (cb.q, cb.r)) <= 2
        })
        .count();
    near as f64 / pairs.len() as f64
}

fn check_hex_layout(shapes: &[Shape], label: &str) {
    let sites: Vec<HexSite> = shapes
        .iter()
        .map(|s| HexSite { id: s.id.clone(), point: Some(centroid_point(s)), group: s.id[..1].to_string() })
        .collect();
    let layout = layout_hexes(&sites, &HexOptions::default());
    assert_eq!(layout.cells.len(), shapes.len());
    let cells: BTreeSet<(i32, i32)> = layout.cells.iter().map(|c| (c.q, c.r)).collect();
    assert_eq!(cells.len(), shapes.len(), "{label}: no two municipalities share a cell");
    assert!(layout.without_point.is_empty());
    let share = neighbour_share(shapes, &layout);
    println!("{label}: {:.1} % of adjacent pairs within 2 cells", share * 100.0);
    assert!(share >= 0.9, "{label}: only {:.1} % of adjacent pairs within 2 cells", share * 100.0);
}

#[test]
fn geometry_2019_draws_300_shapes() {
    let Some(dir) = reference_dir() else { return };
    let shapes = shapes_2019(&dir);
    assert_eq!(shapes.len(), 300);
    assert_eq!(shapes.iter().map(|s| &s.id).collect::<BTreeSet<_>>().len(), 300);
    assert_eq!(Crs::detect(&Bounds::of_shapes(&shapes)), Some(Crs::Wgs84));
    let fit = MapFit::wgs84(&shapes, 800.0, 400.0, 10.0).unwrap();
    for s in &shapes {
        assert!(!s.is_empty() && s.area() > 0.0, "{} is empty", s.id);
        let d = svg_path(&fit.project_shape(s));
        assert!(d.starts_with('M') && d.ends_with('Z'), "{}: {d}", s.id);
    }
    let total: usize = shapes.iter().map(|s| svg_path(&fit.project_shape(s)).len()).sum();
    println!("300 paths at 800×400: {total} bytes of path data");
}

#[test]
fn mergers_turn_300_shapes_into_285() {
    let Some(dir) = reference_dir() else { return };
    let shapes = shapes_2019(&dir);
    let codes: BTreeSet<String> = shapes.iter().map(|s| s.id.clone()).collect();
    let table = mergers(&dir, &codes);
    assert_eq!(table.mergers.len(), 13);
    // Same mergers, whatever the order of lists and codes.
    let sorted = |t: &MergerTable| -> BTreeSet<(u16, String, BTreeSet<String>)> {
        t.mergers.iter().map(|m| (m.year, m.into.clone(), m.from.iter().cloned().collect())).collect()
    };
    assert_eq!(sorted(&table), sorted(&MergerTable::from_municipalities(&sample_municipalities())), "the bundled endpoint's mergers are the reference list's");
    let merged = merge_shapes(&shapes, |id| table.translate(id, 2024, 2025).remove(0));
    assert_eq!(merged.len(), 285);
    let area = |s: &[Shape]| s.iter().map(Shape::area).sum::<f64>();
    assert!((area(&merged) - area(&shapes)).abs() < 1e-9 * area(&shapes));
    for m in &table.mergers {
        let shape = merged.iter().find(|s| s.id == m.into).unwrap();
        assert!(!shape.is_empty());
        // Inner borders are gone: fewer polygons than parts (all 2025 mergers are contiguous).
        assert!(shape.polygons.len() < m.from.len(), "{} kept {} polygons", m.into, shape.polygons.len());
    }
    check_hex_layout(&merged, "285 merged municipalities");
}

#[test]
fn population_2020_of_flanders() {
    let Some(dir) = reference_dir() else { return };
    let shapes = shapes_2019(&dir);
    let pops = population_2020(&dir);
    assert_eq!(pops["02000"], 6_629_143, "Vlaams Gewest row");
    let municipalities: Vec<Municipality> = shapes
        .iter()
        .map(|s| Municipality {
            nis: s.id.clone(),
            name: Text::nl(s.name.clone().unwrap_or_default()),
            population: pops.get(&s.id).copied(),
            point: Some(centroid_point(s)),
            ..Default::default()
        })
        .collect();
    let codes: BTreeSet<String> = shapes.iter().map(|s| s.id.clone()).collect();
    let table = mergers(&dir, &codes);
    let before = PeriodCoverage::compute(&municipalities, &[], &table, &Period { from: 2023, to: 2025 });
    assert_eq!(before.figures.municipalities, 300);
    assert_eq!(before.figures.population, 6_629_143);
    assert_eq!(before.figures.without_population, 0);
    assert_eq!(before.figures.covered, 0);
    // The same municipalities seen in a period after the mergers: 285, same people.
    let after = PeriodCoverage::compute(&municipalities, &[], &table, &Period { from: 2026, to: 2031 });
    assert_eq!(after.figures.municipalities, 285);
    assert_eq!(after.figures.population, 6_629_143);
    let flemish: BTreeMap<String, u64> = pops.into_iter().filter(|(k, _)| before.by_municipality.contains_key(k)).collect();
    let (merged, unknown) = table.aggregate_population(&flemish, 2020, 2025);
    assert!(unknown.is_empty());
    assert_eq!((merged.len(), merged.values().sum::<u64>()), (285, 6_629_143));
    assert_eq!(merged["23106"], flemish["23023"] + flemish["23024"] + flemish["23032"]);
}

#[test]
fn hex_layout_keeps_neighbours_for_300() {
    let Some(dir) = reference_dir() else { return };
    check_hex_layout(&shapes_2019(&dir), "300 municipalities");
}

#[test]
fn sample_data_has_the_285_merged_municipalities_and_the_300_before() {
    let Some(dir) = reference_dir() else { return };
    let shapes = shapes_2019(&dir);
    let all = sample_municipalities();
    let table = MergerTable::from_municipalities(&all);
    let merged: BTreeSet<String> = shapes.iter().flat_map(|s| table.translate(&s.id, 2024, 2025)).collect();
    let current: Vec<Municipality> = all.iter().filter(|m| m.is_current()).cloned().collect();
    let codes: BTreeSet<String> = current.iter().map(|m| m.nis.clone()).collect();
    assert_eq!(codes, merged);
    // The former municipalities and those that kept their code are the 300 of 2019-2024.
    let before: BTreeSet<String> = all.iter().filter(|m| table.existed_in(&m.nis, 2024)).map(|m| m.nis.clone()).collect();
    assert_eq!(before, shapes.iter().map(|s| s.id.clone()).collect::<BTreeSet<_>>());
    let sample = Collection { dataset_version: 0, items: current };
    assert_eq!(table.year_of(codes.iter().map(String::as_str), 0), 2025);
    // The sample's points give a hex map too (the one the app bundles).
    let sites: Vec<HexSite> =
        sample.items.iter().map(|m| HexSite { id: m.nis.clone(), point: m.point, group: m.province.clone() }).collect();
    let layout = layout_hexes(&sites, &HexOptions::default());
    assert_eq!(layout.cells.iter().map(|c| (c.q, c.r)).collect::<BTreeSet<_>>().len(), 285);
    let merged_shapes = merge_shapes(&shapes, |id| table.translate(id, 2024, 2025).remove(0));
    let share = neighbour_share(&merged_shapes, &layout);
    println!("sample points: {:.1} % of adjacent pairs within 2 cells", share * 100.0);
    assert!(share >= 0.9, "sample points: only {:.1} %", share * 100.0);
}

#[test]
fn lambert72_file_lands_on_the_wgs84_file() {
    let Some(dir) = reference_dir() else { return };
    let opts = GeometryOptions { object: Some("Refgem".into()), ..GeometryOptions::default() };
    let lambert = parse_geometry(&read(&dir, "refgem_2019_lambert72_fullres.topo.json"), &opts).unwrap();
    assert_eq!(lambert.len(), 300);
    let crs = Crs::detect(&Bounds::of_shapes(&lambert)).unwrap();
    assert_eq!(crs, Crs::Lambert72);
    let converted = crs.to_wgs84(&lambert);
    let wgs: HashMap<String, Shape> = shapes_2019(&dir).into_iter().map(|s| (s.id.clone(), s)).collect();
    // Metres between two (lon, lat) points, locally flat.
    let metres = |a: [f64; 2], b: [f64; 2]| {
        let k = a[1].to_radians().cos();
        (((a[0] - b[0]) * k).powi(2) + (a[1] - b[1]).powi(2)).sqrt() * 111_195.0
    };
    let mut worst_centroid: f64 = 0.0;
    for s in &converted {
        let d = metres(s.centroid().unwrap(), wgs[&s.id].centroid().unwrap());
        worst_centroid = worst_centroid.max(d);
    }
    // Centroids move with the simplification of the small file, by up to about 150 m.
    // Every vertex of the simplified file should sit on a full-resolution vertex (its source),
    // up to the quantization of the WGS84 file (about 5 m).
    let mut distances = Vec::new();
    for s in converted.iter().filter(|s| ["44021", "11002", "73109", "38025"].contains(&s.id.as_str())) {
        let full: Vec<[f64; 2]> = s.rings().flatten().copied().collect();
        for &p in wgs[&s.id].rings().flatten() {
            distances.push(full.iter().map(|&q| metres(p, q)).fold(f64::INFINITY, f64::min));
        }
    }
    distances.sort_by(f64::total_cmp);
    let median = distances[distances.len() / 2];
    println!("Lambert 72 → WGS84: median vertex offset {median:.2} m, worst centroid offset {worst_centroid:.1} m");
    assert!(median < 3.0, "median vertex offset {median} m");
    assert!(worst_centroid < 300.0, "worst centroid offset {worst_centroid} m");
}

