//! Where a demo initiative's point goes: near its municipality's point, and, when the
//! municipalities' boundaries are given (`--boundaries`), inside its own municipality with a
//! margin, so that publishing the sample on the real boundaries gives no warning.

use crate::helpers::*;
use crate::SEED;
use wegwijzer_core::map::{parse_geometry, GeometryOptions, Shape};
use wegwijzer_core::model::Point;

/// Clearance from the border, in degrees of latitude (about 250 m): more than the simplified
/// boundaries of the bundled endpoint move a border (Visvalingam 20 000 m², docs/publishing.md),
/// so the point is inside the official full-resolution boundary too.
const MARGIN_DEG: f64 = 0.00225;
/// Tries near the municipality's point before sampling the whole municipality.
const NEAR_TRIES: u64 = 50;
const BOX_TRIES: u64 = 5000;

/// The boundaries the points must fall in, by NIS code (empty: no check, e.g. scale tests).
#[derive(Clone, Debug, Default)]
pub struct Boundaries(Vec<Shape>);

impl Boundaries {
    /// Reads a TopoJSON or GeoJSON file in WGS84 with the NIS code in `NISCODE` (as the
    /// publishing tool writes `geometry.topo.json`).
    pub fn parse(bytes: &[u8]) -> Result<Boundaries, String> {
        let options = GeometryOptions { id_property: "NISCODE".into(), name_property: None, object: None };
        let shapes = parse_geometry(bytes, &options).map_err(|e| e.to_string())?;
        Ok(Boundaries(shapes))
    }

    fn shape(&self, nis: &str) -> Option<&Shape> {
        self.0.iter().find(|s| s.id == nis)
    }
}

/// Whether `p` lies inside `shape` with [`MARGIN_DEG`] to spare in each of four directions.
fn well_inside(shape: &Shape, p: &Point) -> bool {
    let dlon = MARGIN_DEG / p.lat.to_radians().cos();
    [(0.0, 0.0), (MARGIN_DEG, 0.0), (-MARGIN_DEG, 0.0), (0.0, dlon), (0.0, -dlon)]
        .iter()
        .all(|(dy, dx)| shape.contains([p.lon + dx, p.lat + dy]))
}

/// The point of initiative number `i` in municipality `nis`: `first` (already drawn from the
/// main PRNG, so the other fields stay as they were) when it is well inside; else the first of
/// more tries near `centre`, then anywhere in the municipality's bounding box, drawn from a PRNG
/// of its own. An error when the municipality has no boundary or no point fits.
pub(crate) fn place(boundaries: &Boundaries, i: usize, nis: &str, centre: &Point, first: Point) -> Result<Point, String> {
    if boundaries.0.is_empty() {
        return Ok(first);
    }
    let shape = boundaries.shape(nis).ok_or_else(|| format!("municipality {nis} has no boundary"))?;
    if well_inside(shape, &first) {
        return Ok(first);
    }
    let mut rng = Rng::new(SEED ^ (0x504c_4143_4500_0000 + i as u64));
    for _ in 0..NEAR_TRIES {
        let p = jitter(&mut rng, centre, 2.0);
        if well_inside(shape, &p) {
            return Ok(p);
        }
    }
    let b = shape.bounds();
    for _ in 0..BOX_TRIES {
        let lon = b.min[0] + rng.unit() * (b.max[0] - b.min[0]);
        let lat = b.min[1] + rng.unit() * (b.max[1] - b.min[1]);
        let p = Point { lat: round5(lat), lon: round5(lon) };
        if well_inside(shape, &p) {
            return Ok(p);
        }
    }
    Err(format!("no point found inside municipality {nis}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijzer_core::map::Polygon;

    fn square(nis: &str, x: f64, y: f64, size: f64) -> Shape {
        let ring = vec![[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
        Shape { id: nis.into(), name: None, polygons: vec![Polygon { exterior: ring, holes: Vec::new() }] }
    }

    #[test]
    fn a_point_outside_its_municipality_is_moved_inside_with_a_margin() {
        let b = Boundaries(vec![square("11001", 4.0, 51.0, 0.05), square("11002", 4.05, 51.0, 0.05)]);
        let centre = Point { lat: 51.025, lon: 4.049 };
        // In the neighbour: moved into its own municipality, away from the shared border.
        let p = place(&b, 3, "11001", &centre, Point { lat: 51.02, lon: 4.06 }).unwrap();
        assert!(b.shape("11001").unwrap().contains([p.lon, p.lat]) && p.lon < 4.05 - MARGIN_DEG, "{p:?}");
        // Well inside already: kept as drawn.
        let inside = Point { lat: 51.02, lon: 4.02 };
        assert_eq!(place(&b, 4, "11001", &centre, inside.clone()).unwrap(), inside);
        // No boundaries: no check; a municipality without one is an error.
        assert_eq!(place(&Boundaries::default(), 5, "11001", &centre, centre.clone()).unwrap(), centre);
        assert!(place(&b, 6, "99999", &centre, centre.clone()).is_err());
    }
}
