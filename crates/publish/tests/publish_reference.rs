//! Real-data check of the publishing tool's boundary pipeline on the official full-resolution
//! boundaries (`refgem_2019_lambert72_fullres.topo.json`, Lambert 72, 463k points, 300
//! municipalities) with the 2025 merger table and the 2020 population figures, from
//! `../shared/reference/` (override with `WEGWIJZER_REFERENCE`). Skipped, with a message, only
//! when that folder is absent.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;
use wegwijzer_core::map::{merge_shapes, parse_geometry, shared_arc_adjacency, Crs, GeometryOptions, Shape};
use wegwijzer_publish::reference::{is_flemish_municipality, read_mergers};
use wegwijzer_publish::report::{ReportLang, Report};
use wegwijzer_publish::{publish, Input, Inputs, Options};

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::reference_dir;

fn input(dir: &std::path::Path, name: &str) -> Input {
    Input::new(name, std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn fixture(name: &str) -> Input {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publish").join(name);
    Input::new(name, std::fs::read(path).unwrap())
}

/// Pairs of neighbouring municipalities, by NIS code.
fn neighbours(shapes: &[Shape]) -> BTreeSet<(String, String)> {
    shared_arc_adjacency(shapes)
        .into_iter()
        .map(|(a, b)| {
            let (x, y) = (shapes[a].id.clone(), shapes[b].id.clone());
            if x < y { (x, y) } else { (y, x) }
        })
        .collect()
}

/// Distinct positions of a ring.
fn distinct(ring: &[[f64; 2]]) -> usize {
    ring.iter().map(|p| (p[0].to_bits(), p[1].to_bits())).collect::<BTreeSet<_>>().len()
}

#[test]
fn official_boundaries_become_285_small_municipalities_with_shared_borders() {
    let Some(dir) = reference_dir() else { return };
    let topo = "refgem_2019_lambert72_fullres.topo.json";
    let inputs = Inputs {
        initiatives: Some(fixture("initiatives.csv")),
        partnerships: Some(fixture("partnerships.csv")),
        refnis: Some(input(&dir, "refnis_2019.csv")),
        mergers: Some(input(&dir, "mergers_2025.csv")),
        population: Some(input(&dir, "population_2020.csv")),
        boundaries: Some(input(&dir, topo)),
        ..Inputs::default()
    };
    let options = Options { generated_at: "2026-11-24T00:00:00Z".into(), exports: false, ..Options::default() };
    let started = std::time::Instant::now();
    let p = publish(&inputs, &options).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let elapsed = started.elapsed();
    print!("{}", p.report.render(ReportLang::En));

    // The municipalities built from REFNIS 2019 + the 2025 mergers, with population: today's
    // 285 and the 27 former ones, each counted once per era.
    let d = &p.built.dataset;
    let (current, former): (Vec<_>, Vec<_>) = d.municipalities.iter().partition(|m| m.is_current());
    assert_eq!((current.len(), former.len()), (285, 27));
    let population: u64 = current.iter().map(|m| m.population.expect("every municipality has a population")).sum();
    assert_eq!(population, 6_629_143, "the Flemish Region on 1 January 2020");
    assert!(former.iter().all(|m| m.population.is_some() && m.merged_into.is_some()));
    let pajottegem = d.municipality("23106").expect("Pajottegem");
    assert_eq!(pajottegem.name.nl, "Pajottegem");
    assert!(d.municipalities.iter().all(|m| m.point.is_some()), "points from the boundaries");

    // The geometry collection: 285 non-empty municipalities, readable by the app.
    let g = p.geometry.as_ref().expect("geometry written");
    let entry = &p.built.index.collections["geometry"];
    assert_eq!(entry.count, 285);
    let out = parse_geometry(&g.bytes, &GeometryOptions::default()).unwrap();
    assert_eq!(out.len(), 285);
    let codes: BTreeSet<&str> = current.iter().map(|m| m.nis.as_str()).collect();
    for s in &out {
        assert!(codes.contains(s.id.as_str()), "{} is not a municipality", s.id);
        assert!(!s.is_empty() && s.area() > 0.0, "{} is empty", s.id);
        for ring in s.rings() {
            assert!(distinct(ring) >= 3, "{}: a ring collapsed", s.id);
        }
    }

    // The input, Flemish part, in WGS84 and merged: total area and neighbours to compare with.
    let raw = std::fs::read(dir.join(topo)).unwrap();
    let shapes = parse_geometry(&raw, &GeometryOptions::default()).unwrap();
    let shapes: Vec<Shape> = shapes.into_iter().filter(|s| is_flemish_municipality(&s.id)).collect();
    let mut report = Report::default();
    let mergers = read_mergers("mergers_2025.csv", &std::fs::read(dir.join("mergers_2025.csv")).unwrap(), 2025, &mut report);
    let merged = merge_shapes(&Crs::Lambert72.to_wgs84(&shapes), |id| mergers.target(id));
    assert_eq!(merged.len(), 285);
    let area_in: f64 = merged.iter().map(Shape::area).sum();
    let area_out: f64 = out.iter().map(Shape::area).sum();
    let deviation = (area_out / area_in - 1.0).abs();
    let worst = merged
        .iter()
        .filter_map(|m| out.iter().find(|o| o.id == m.id).map(|o| (m.id.clone(), (o.area() / m.area() - 1.0).abs())))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    assert!(deviation < 0.005, "total area differs by {:.3} %", deviation * 100.0);

    let before = neighbours(&merged);
    let after = neighbours(&out);
    let lost: Vec<_> = before.difference(&after).collect();
    let gained: Vec<_> = after.difference(&before).collect();
    assert!(lost.is_empty() && gained.is_empty(), "neighbours lost {lost:?}, gained {gained:?}");

    let brotli = std::process::Command::new("brotli").args(["-c", "-q", "11"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn();
    let brotli_bytes = match brotli {
        Ok(mut child) => {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&g.bytes).unwrap();
            let output = child.wait_with_output().unwrap();
            Some(output.stdout.len())
        }
        Err(_) => None,
    };
    println!(
        "refgem → TopoJSON: {} shapes in, {} out, {} → {} points, {} arcs, {} bytes, brotli {}, area {:+.3} % (worst municipality {} {:.2} %), {} neighbour pairs kept, {:.1} s",
        p.boundary_shapes,
        g.count,
        g.points_in,
        g.points_out,
        g.arcs,
        g.bytes.len(),
        brotli_bytes.map_or("n/a (no brotli CLI)".to_string(), |b| format!("{b} bytes")),
        (area_out / area_in - 1.0) * 100.0,
        worst.0,
        worst.1 * 100.0,
        after.len(),
        elapsed.as_secs_f64()
    );
    if let Some(b) = brotli_bytes {
        assert!(b < 80 * 1024, "{b} bytes with brotli");
    }
}
