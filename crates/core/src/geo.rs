//! Distances for "near me" and "near a municipality" sorting. Pure Rust, no DOM types.
//!
//! Straight-line (great-circle) distance is what the list shows: it needs no routing service,
//! works offline, and is honest about what it is ("hemelsbreed").

use crate::dataset::Dataset;
use crate::model::{Initiative, Point};
use crate::search::Hit;
use std::cmp::Ordering;
use crate::order;

/// Mean Earth radius (IUGG), in km. The error against the ellipsoid is below 0.5 %, far less than
/// the difference between a municipality's centre and an address in it.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two WGS84 points (haversine formula, stable for short
/// distances, which is all we have inside Flanders).
///
/// ```
/// use wegwijzer_core::geo::distance_km;
/// use wegwijzer_core::model::Point;
/// let ieper = Point { lat: 50.85114, lon: 2.88569 };
/// let kortrijk = Point { lat: 50.82803, lon: 3.26487 };
/// assert!((distance_km(ieper, kortrijk) - 26.7).abs() < 0.5);
/// ```
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    // `min(1.0)`: rounding can push h a hair above 1 for antipodal points, and asin would be NaN.
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Where an initiative is on the map: its own point, else the centre of the municipality it is
/// based in (many records have an address but no coordinates).
pub fn initiative_point(data: &Dataset, initiative: &Initiative) -> Option<Point> {
    initiative.point.or_else(|| data.municipality(&initiative.nis).and_then(|m| m.point))
}

/// Orders hits by distance from `from`, nearest first, with the distance in km. Hits without any
/// point (neither their own nor their municipality's) come last. The sort is stable, so equally
/// far hits, and all hits without a point, keep their relevance order.
///
/// ```ignore
/// let hits = index.search("fietspunt");
/// for (hit, km) in sort_by_distance(&data, &hits, here) {
///     let initiative = &data.initiatives[hit.doc as usize];
///     // show `initiative` with "12,3 km" when km is Some
/// }
/// ```
pub fn sort_by_distance(data: &Dataset, hits: &[Hit], from: Point) -> Vec<(Hit, Option<f64>)> {
    let mut out: Vec<(Hit, Option<f64>)> = hits
        .iter()
        .map(|h| {
            let km = data
                .initiatives
                .get(h.doc as usize)
                .and_then(|i| initiative_point(data, i))
                .map(|p| distance_km(from, p));
            (*h, km)
        })
        .collect();
    // `order::sort_by` is stable: equal distances keep their relevance order.
    order::sort_by(&mut out, |a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, Category, CategoryKind, Municipality, Text};

    const IEPER: Point = Point { lat: 50.85114, lon: 2.88569 };
    const KORTRIJK: Point = Point { lat: 50.82803, lon: 3.26487 };

    #[test]
    fn ieper_to_kortrijk() {
        // Grote Markt to Grote Markt is 26.7 km as the crow flies (about 30 km by road).
        let d = distance_km(IEPER, KORTRIJK);
        assert!((d - 26.7).abs() < 1.0, "{d}");
        assert!((distance_km(KORTRIJK, IEPER) - d).abs() < 1e-9, "symmetric");
        assert!(distance_km(IEPER, IEPER).abs() < 1e-9);
        // Ieper to Sint-Niklaas: about 95 km.
        let sn = Point { lat: 51.16509, lon: 4.1437 };
        assert!((distance_km(IEPER, sn) - 94.0).abs() < 3.0, "{}", distance_km(IEPER, sn));
    }

    fn muni(nis: &str, name: &str, point: Option<Point>) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: Text::nl(name),
            province: "30000".into(),
            point,
            ..Default::default()
        }
    }

    fn initiative(id: &str, nis: &str, point: Option<Point>) -> Initiative {
        Initiative {
            id: id.into(),
            name: id.into(),
            kind: "lde".into(),
            services: vec![],
            description: None,
            address: Address::default(),
            nis: nis.into(),
            point,
            phone: None,
            email: None,
            website: None,
            serves: vec![],
            updated_at: "2026-01-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn sorts_by_own_point_then_municipality_point_and_puts_unknown_last() {
        let data = Dataset::new(
            None,
            vec![Category { id: "lde".into(), kind: CategoryKind::InitiativeType, label: Text::nl("LDE"), group: None, keywords: Default::default() }],
            vec![muni("33011", "Ieper", Some(IEPER)), muni("34022", "Kortrijk", Some(KORTRIJK)), muni("33021", "Poperinge", None)],
            vec![],
            vec![
                initiative("nowhere", "33021", None),               // no point at all
                initiative("kortrijk", "34022", None),              // municipality point
                initiative("ieper-centre", "33011", Some(IEPER)),   // own point
                initiative("nowhere-2", "33021", None),
                initiative("near-ieper", "34022", Some(Point { lat: 50.86, lon: 2.90 })),
            ],
        )
        .unwrap();
        let hits: Vec<Hit> = (0..5).map(|doc| Hit { doc, score: 1.0 }).collect();
        let sorted = sort_by_distance(&data, &hits, IEPER);
        let order: Vec<u32> = sorted.iter().map(|(h, _)| h.doc).collect();
        assert_eq!(order, vec![2, 4, 1, 0, 3]);
        assert_eq!(sorted[0].1, Some(0.0));
        assert!((sorted[2].1.unwrap() - 26.7).abs() < 1.0);
        assert_eq!(sorted[3].1, None);
    }
}
