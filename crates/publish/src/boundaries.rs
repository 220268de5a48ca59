//! Reading a boundary file for publication: TopoJSON or GeoJSON, WGS84 or Lambert 72, the NIS
//! code in a chosen property; reprojected to WGS84, limited to the dataset's municipalities and
//! merged per the merger table. Also answers "which municipality is this point in?".

use super::reference::{is_flemish_municipality, Mergers};
use super::report::{Location, Msg, Report};
use wegwijzer_core::map::{merge_shapes, parse_geometry, Bounds, Crs, GeometryOptions, Shape};
use wegwijzer_core::model::Point;
use std::collections::{BTreeSet, HashSet};

/// Merged WGS84 shapes, one per municipality that has a boundary, sorted by NIS code.
#[derive(Clone, Debug, Default)]
pub struct Boundaries {
    pub shapes: Vec<Shape>,
    /// Shapes in the input file, before filtering and merging.
    pub input_shapes: usize,
    pub crs: Option<Crs>,
    bounds: Vec<Bounds>,
    /// WGS84 centroids of the former municipalities dissolved into others, by code.
    part_centroids: Vec<(String, [f64; 2])>,
}

/// Reads and prepares the boundaries. `known` are the dataset's municipality codes: shapes of
/// other Flemish codes are reported and left out; shapes outside Flanders (a file for all of
/// Belgium) are left out silently.
pub fn read(
    file: &str,
    bytes: &[u8],
    nis_property: &str,
    mergers: &Mergers,
    known: Option<&HashSet<String>>,
    report: &mut Report,
) -> Option<Boundaries> {
    let options = GeometryOptions { id_property: nis_property.to_string(), name_property: None, object: None };
    let shapes = match parse_geometry(bytes, &options) {
        Ok(s) => s,
        Err(e) => {
            report.error(Location::file(file), Msg::Geometry(e.to_string()));
            return None;
        }
    };
    let input_shapes = shapes.len();
    let mut all = Bounds::empty();
    for s in &shapes {
        all.union(&s.bounds());
    }
    let Some(crs) = Crs::detect(&all) else {
        report.error(Location::file(file), Msg::UnknownCrs);
        return None;
    };
    let mut unknown = BTreeSet::new();
    let keep: Vec<Shape> = shapes
        .into_iter()
        .filter(|s| {
            let target = mergers.target(&s.id);
            let wanted = match known {
                Some(k) => k.contains(&target),
                None => is_flemish_municipality(&target),
            };
            if !wanted && is_flemish_municipality(&target) {
                unknown.insert(s.id.clone());
            }
            wanted
        })
        .collect();
    if !unknown.is_empty() {
        report.warning(Location::file(file), Msg::GeometryWithoutMunicipality(unknown.into_iter().collect()));
    }
    // Reproject before merging: the conversion is deterministic per point, so borders that were
    // bit-identical stay bit-identical and still dissolve.
    let wgs = crs.to_wgs84(&keep);
    drop(keep);
    let part_centroids = wgs.iter().filter(|s| mergers.target(&s.id) != s.id).filter_map(|s| Some((s.id.clone(), s.centroid()?))).collect();
    let shapes = merge_shapes(&wgs, |id| mergers.target(id));
    if let Some(k) = known {
        let have: HashSet<&str> = shapes.iter().map(|s| s.id.as_str()).collect();
        let mut missing: Vec<String> = k.iter().filter(|c| !have.contains(c.as_str())).cloned().collect();
        missing.sort();
        if !missing.is_empty() {
            report.warning(Location::file(file), Msg::MunicipalityWithoutGeometry(missing));
        }
    }
    let bounds = shapes.iter().map(Shape::bounds).collect();
    Some(Boundaries { shapes, input_shapes, crs: Some(crs), bounds, part_centroids })
}

impl Boundaries {
    /// The NIS code of the municipality containing `point`, if any.
    pub fn locate(&self, point: &Point) -> Option<&str> {
        let p = [point.lon, point.lat];
        self.shapes.iter().zip(&self.bounds).find_map(|(s, b)| {
            let inside_box = p[0] >= b.min[0] && p[0] <= b.max[0] && p[1] >= b.min[1] && p[1] <= b.max[1];
            (inside_box && s.contains(p)).then_some(s.id.as_str())
        })
    }

    /// The centroid `[lon, lat]` of a former municipality's own boundary, before it was dissolved.
    pub fn part_centroid(&self, nis: &str) -> Option<[f64; 2]> {
        self.part_centroids.iter().find(|(id, _)| id == nis).map(|(_, c)| *c)
    }

    pub fn shape(&self, nis: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id == nis)
    }

    /// Total area in squared degrees (lon × lat), for comparisons before and after.
    pub fn area(&self) -> f64 {
        self.shapes.iter().map(Shape::area).sum()
    }
}
