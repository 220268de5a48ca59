//! Writing municipality boundaries as quantized, delta-encoded TopoJSON with shared arcs: the
//! `geometry` collection of the endpoint (docs/data-format.md, "Map geometry").

use super::simplify::Topology;
use wegwijzer_core::map::{Bounds, Shape};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopoOptions {
    /// Visvalingam weight (m²) below which a point is dropped. 0 keeps everything.
    pub min_area_m2: f64,
    /// Grid size per axis of the quantized coordinates (TopoJSON's `quantization`).
    pub quantization: u32,
}

impl Default for TopoOptions {
    /// Tuned on the official full-resolution boundaries of Flanders: borders stay within about
    /// a hundred metres of the original (well under a pixel on a phone-sized map of Flanders), and
    /// the 285 municipalities fit in well under 80 KB with brotli.
    fn default() -> Self {
        TopoOptions { min_area_m2: 20_000.0, quantization: 100_000 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopoOutput {
    pub bytes: Vec<u8>,
    /// Geometries written (one per shape with at least one ring).
    pub count: usize,
    pub points_in: usize,
    pub points_out: usize,
    pub arcs: usize,
}

/// Simplifies and writes `shapes` (WGS84 lon/lat) as one TopoJSON object `municipalities` whose
/// geometries carry the shape id in the property `NISCODE`.
pub fn write_topojson(shapes: &[Shape], options: &TopoOptions) -> TopoOutput {
    let mut bounds = Bounds::empty();
    for s in shapes {
        bounds.union(&s.bounds());
    }
    let q = options.quantization.max(2) as f64;
    let (tx, ty) = (bounds.min[0], bounds.min[1]);
    // A zero-size extent (one point) still needs a non-zero scale.
    let sx = (bounds.width() / (q - 1.0)).max(1e-12);
    let sy = (bounds.height() / (q - 1.0)).max(1e-12);
    let snap = |p: [f64; 2]| (((p[0] - tx) / sx).round() as i64, ((p[1] - ty) / sy).round() as i64);

    let mut topo = Topology::build(shapes);
    topo.rank(bounds.center()[1]);
    let keep = topo.select(options.min_area_m2, snap);

    let mut arcs_json = String::with_capacity(topo.point_count() * 4);
    let mut points_out = 0;
    for (a, arc) in topo.arcs.iter().enumerate() {
        let mut grid: Vec<(i64, i64)> = Vec::new();
        for (p, _) in arc.iter().zip(&keep[a]).filter(|(_, k)| **k) {
            let g = snap(*p);
            if grid.last() != Some(&g) {
                grid.push(g);
            }
        }
        if grid.len() == 1 {
            // Both ends on one grid cell: TopoJSON arcs need two positions.
            grid.push(grid[0]);
        }
        points_out += grid.len();
        arcs_json.push_str(if a == 0 { "[" } else { ",[" });
        let mut last = (0, 0);
        for (k, g) in grid.iter().enumerate() {
            let _ = write!(arcs_json, "{}[{},{}]", if k == 0 { "" } else { "," }, g.0 - last.0, g.1 - last.1);
            last = *g;
        }
        arcs_json.push(']');
    }

    let mut geometries = String::new();
    let mut count = 0;
    for s in &topo.shapes {
        if s.polygons.is_empty() {
            continue;
        }
        let rings = |rings: &Vec<Vec<i64>>| {
            let parts: Vec<String> = rings
                .iter()
                .map(|r| format!("[{}]", r.iter().map(i64::to_string).collect::<Vec<_>>().join(",")))
                .collect();
            format!("[{}]", parts.join(","))
        };
        let (kind, arcs) = if s.polygons.len() == 1 {
            ("Polygon", rings(&s.polygons[0]))
        } else {
            ("MultiPolygon", format!("[{}]", s.polygons.iter().map(rings).collect::<Vec<_>>().join(",")))
        };
        let id = serde_json::to_string(&s.id).unwrap_or_else(|_| "\"\"".into());
        let _ = write!(
            geometries,
            "{}{{\"type\":\"{kind}\",\"arcs\":{arcs},\"properties\":{{\"NISCODE\":{id}}}}}",
            if count == 0 { "" } else { "," }
        );
        count += 1;
    }
    let json = format!(
        "{{\"type\":\"Topology\",\"bbox\":[{},{},{},{}],\"transform\":{{\"scale\":[{sx},{sy}],\"translate\":[{tx},{ty}]}},\
         \"objects\":{{\"municipalities\":{{\"type\":\"GeometryCollection\",\"geometries\":[{geometries}]}}}},\"arcs\":[{arcs_json}]}}\n",
        bounds.min[0], bounds.min[1], bounds.max[0], bounds.max[1]
    );
    TopoOutput { bytes: json.into_bytes(), count, points_in: topo.point_count(), points_out, arcs: topo.arcs.len() }
}
