//! Reading municipality boundaries: TopoJSON (shared arcs, optionally quantized and
//! delta-encoded) and GeoJSON FeatureCollections, Polygon and MultiPolygon only. Other geometry
//! types and null geometries are skipped; malformed input is a [`GeometryError`], never a panic.

use super::shapes::{Polygon, Ring, Shape, Xy};
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Which object and properties to read.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryOptions {
    /// Property holding the shape's id (the NIS code). When absent, the feature's `id` is used.
    pub id_property: String,
    /// Property holding a display name, if any.
    pub name_property: Option<String>,
    /// TopoJSON object to read; `None` reads the only one (an error when there are several).
    pub object: Option<String>,
}

impl Default for GeometryOptions {
    /// The Flemish reference files (`NISCODE`, `NAAM`).
    fn default() -> Self {
        GeometryOptions { id_property: "NISCODE".into(), name_property: Some("NAAM".into()), object: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum GeometryError {
    /// Not JSON, or JSON of the wrong shape (the serde message says where).
    Json(String),
    /// Neither `"type": "Topology"` nor `"type": "FeatureCollection"`.
    UnsupportedType(String),
    ObjectNotFound(String),
    /// Several TopoJSON objects and no [`GeometryOptions::object`] to choose one.
    AmbiguousObject(Vec<String>),
    /// The geometry at this position has neither the id property nor an `id`.
    MissingId { index: usize },
    ArcOutOfRange { id: String, arc: i64 },
    /// A position that is not two finite numbers, or an arc or ring field of the wrong shape.
    BadGeometry { id: String, detail: String },
    /// Nothing drawable was found.
    NoShapes,
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeometryError::Json(e) => write!(f, "geometry is not valid JSON data: {e}"),
            GeometryError::UnsupportedType(t) => write!(f, "geometry type {t:?} is not Topology or FeatureCollection"),
            GeometryError::ObjectNotFound(o) => write!(f, "TopoJSON object {o:?} not found"),
            GeometryError::AmbiguousObject(o) => write!(f, "TopoJSON has several objects ({}), choose one", o.join(", ")),
            GeometryError::MissingId { index } => write!(f, "geometry {index} has no id"),
            GeometryError::ArcOutOfRange { id, arc } => write!(f, "{id}: arc {arc} does not exist"),
            GeometryError::BadGeometry { id, detail } => write!(f, "{id}: {detail}"),
            GeometryError::NoShapes => write!(f, "no polygons found"),
        }
    }
}

impl std::error::Error for GeometryError {}

/// TopoJSON and GeoJSON in one pass: the fields of the other format are absent.
#[derive(Deserialize)]
struct Document {
    #[serde(rename = "type")]
    kind: String,
    arcs: Option<Vec<Vec<Position>>>,
    transform: Option<Transform>,
    objects: Option<BTreeMap<String, Value>>,
    features: Option<Vec<Value>>,
}

/// A position's first two numbers (`None` when it has fewer), read without a `Vec` per point:
/// a municipality file has tens of thousands of them.
struct Position(Option<Xy>);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Numbers;
        impl<'de> Visitor<'de> for Numbers {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position (an array of numbers)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                let x: Option<f64> = seq.next_element()?;
                let y: Option<f64> = if x.is_some() { seq.next_element()? } else { None };
                // Elevation and other extra numbers are allowed and ignored.
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Position(x.zip(y).map(|(x, y)| [x, y])))
            }
        }
        deserializer.deserialize_seq(Numbers)
    }
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

/// Parses TopoJSON or GeoJSON bytes into shapes, in file order. Several geometries with the same
/// id are joined into one shape (some sources split a municipality over features).
///
/// ```
/// use wegwijzer_core::map::{parse_geometry, GeometryOptions};
/// // Quantized and delta-encoded; arc 0 is walked backwards by the second polygon (~0 = -1).
/// let topo = r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[100,200]},
///   "arcs":[[[0,0],[0,2]],[[0,2],[2,0],[0,-2]],[[0,2],[-2,0],[0,-2]]],
///   "objects":{"m":{"type":"GeometryCollection","geometries":[
///     {"type":"Polygon","arcs":[[0,1]],"properties":{"NISCODE":"1","NAAM":"East"}},
///     {"type":"Polygon","arcs":[[2,-1]],"properties":{"NISCODE":"2"}}]}}}"#;
/// let shapes = parse_geometry(topo.as_bytes(), &GeometryOptions::default()).unwrap();
/// assert_eq!(shapes[0].polygons[0].exterior, vec![[100.0, 200.0], [100.0, 201.0], [101.0, 201.0], [101.0, 200.0]]);
/// assert_eq!(shapes[1].name, None);
/// ```
pub fn parse_geometry(bytes: &[u8], options: &GeometryOptions) -> Result<Vec<Shape>, GeometryError> {
    let json = |e: serde_json::Error| GeometryError::Json(e.to_string());
    let missing = |field: &str| GeometryError::Json(format!("missing field `{field}`"));
    let doc: Document = serde_json::from_slice(crate::quarantine::strip_bom(bytes)).map_err(json)?;
    let mut out = Collector::default();
    match doc.kind.as_str() {
        "Topology" => {
            let arcs = decode_arcs(&doc.arcs.ok_or_else(|| missing("arcs"))?, doc.transform.as_ref())?;
            let objects = doc.objects.ok_or_else(|| missing("objects"))?;
            let object = match &options.object {
                Some(name) => objects.get(name).ok_or_else(|| GeometryError::ObjectNotFound(name.clone()))?,
                None if objects.len() == 1 => objects.values().next().expect("one object"),
                None => return Err(GeometryError::AmbiguousObject(objects.keys().cloned().collect())),
            };
            walk_topology(object, &arcs, options, &mut out)?;
        }
        "FeatureCollection" => {
            for feature in &doc.features.ok_or_else(|| missing("features"))? {
                let index = out.seen;
                out.seen += 1;
                let Some(geometry) = feature.get("geometry").filter(|g| !g.is_null()) else { continue };
                let id = feature_id(feature, options, index)?;
                let polygons = match geometry.get("type").and_then(Value::as_str) {
                    Some("Polygon") => vec![geo_polygon(geometry.get("coordinates"), &id)?],
                    Some("MultiPolygon") => as_array(geometry.get("coordinates"), &id, "coordinates")?
                        .iter()
                        .map(|p| geo_polygon(Some(p), &id))
                        .collect::<Result<_, _>>()?,
                    _ => continue,
                };
                out.push(id, feature_name(feature, options), polygons);
            }
        }
        other => return Err(GeometryError::UnsupportedType(other.to_string())),
    }
    if out.shapes.is_empty() {
        return Err(GeometryError::NoShapes);
    }
    Ok(out.shapes)
}

#[derive(Default)]
struct Collector {
    shapes: Vec<Shape>,
    by_id: BTreeMap<String, usize>,
    /// Geometries visited, for the position in `MissingId`.
    seen: usize,
}

impl Collector {
    fn push(&mut self, id: String, name: Option<String>, polygons: Vec<Polygon>) {
        match self.by_id.get(&id) {
            Some(&i) => {
                let s = &mut self.shapes[i];
                s.polygons.extend(polygons);
                if s.name.is_none() {
                    s.name = name;
                }
            }
            None => {
                self.by_id.insert(id.clone(), self.shapes.len());
                self.shapes.push(Shape { id, name, polygons });
            }
        }
    }
}

fn bad(id: &str, detail: impl Into<String>) -> GeometryError {
    GeometryError::BadGeometry { id: id.to_string(), detail: detail.into() }
}

fn position(p: &[f64], id: &str) -> Result<Xy, GeometryError> {
    match p {
        [x, y, ..] if x.is_finite() && y.is_finite() => Ok([*x, *y]),
        _ => Err(bad(id, "a position is not two finite numbers")),
    }
}

/// Absolute coordinates of every arc: undo the delta encoding and quantization when there is a
/// transform (TopoJSON spec, "quantized positions").
fn decode_arcs(arcs: &[Vec<Position>], transform: Option<&Transform>) -> Result<Vec<Vec<Xy>>, GeometryError> {
    arcs.iter()
        .enumerate()
        .map(|(i, arc)| {
            let position = |p: &Position| match p.0 {
                Some([x, y]) if x.is_finite() && y.is_finite() => Ok([x, y]),
                _ => Err(bad(&format!("arc {i}"), "a position is not two finite numbers")),
            };
            match transform {
                None => arc.iter().map(position).collect(),
                Some(t) => {
                    let (mut x, mut y) = (0.0, 0.0);
                    arc.iter()
                        .map(|p| {
                            let [dx, dy] = position(p)?;
                            x += dx;
                            y += dy;
                            Ok([x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]])
                        })
                        .collect()
                }
            }
        })
        .collect()
}

fn property_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        // Codes stored as numbers; `as_u64` keeps "11001" from becoming "11001.0".
        Value::Number(n) => Some(n.as_u64().map(|u| u.to_string()).unwrap_or_else(|| n.to_string())),
        _ => None,
    }
}

fn feature_id(feature: &Value, options: &GeometryOptions, index: usize) -> Result<String, GeometryError> {
    feature
        .get("properties")
        .and_then(Value::as_object)
        .and_then(|p: &Map<String, Value>| p.get(&options.id_property))
        .and_then(property_string)
        .or_else(|| feature.get("id").and_then(property_string))
        .ok_or(GeometryError::MissingId { index })
}

fn feature_name(feature: &Value, options: &GeometryOptions) -> Option<String> {
    let key = options.name_property.as_ref()?;
    feature.get("properties")?.get(key).and_then(property_string)
}

fn as_array<'a>(v: Option<&'a Value>, id: &str, field: &str) -> Result<&'a Vec<Value>, GeometryError> {
    v.and_then(Value::as_array).ok_or_else(|| bad(id, format!("`{field}` is not an array")))
}

/// Drops the repeated closing point; `None` when fewer than three points remain.
fn close(mut ring: Ring) -> Option<Ring> {
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    (ring.len() >= 3).then_some(ring)
}

/// Rings in order, first the exterior; degenerate rings are dropped, and a polygon whose
/// exterior is degenerate is dropped with its holes.
fn polygon_from_rings(rings: Vec<Ring>) -> Option<Polygon> {
    let mut rings = rings.into_iter();
    let exterior = close(rings.next()?)?;
    Some(Polygon { exterior, holes: rings.filter_map(close).collect() })
}

fn geo_polygon(coords: Option<&Value>, id: &str) -> Result<Polygon, GeometryError> {
    let rings = as_array(coords, id, "coordinates")?
        .iter()
        .map(|ring| {
            as_array(Some(ring), id, "coordinates")?
                .iter()
                .map(|p| {
                    let nums: Vec<f64> = p.as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
                    position(&nums, id)
                })
                .collect::<Result<Ring, _>>()
        })
        .collect::<Result<Vec<Ring>, _>>()?;
    Ok(polygon_from_rings(rings).unwrap_or_default())
}

fn walk_topology(
    geometry: &Value,
    arcs: &[Vec<Xy>],
    options: &GeometryOptions,
    out: &mut Collector,
) -> Result<(), GeometryError> {
    match geometry.get("type").and_then(Value::as_str) {
        Some("GeometryCollection") => {
            for g in geometry.get("geometries").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                walk_topology(g, arcs, options, out)?;
            }
        }
        Some(kind @ ("Polygon" | "MultiPolygon")) => {
            let index = out.seen;
            out.seen += 1;
            let id = feature_id(geometry, options, index)?;
            let field = geometry.get("arcs");
            let polygons = if kind == "Polygon" {
                vec![topo_polygon(field, arcs, &id)?]
            } else {
                as_array(field, &id, "arcs")?.iter().map(|p| topo_polygon(Some(p), arcs, &id)).collect::<Result<_, _>>()?
            };
            out.push(id, feature_name(geometry, options), polygons);
        }
        _ => {}
    }
    Ok(())
}

fn topo_polygon(field: Option<&Value>, arcs: &[Vec<Xy>], id: &str) -> Result<Polygon, GeometryError> {
    let rings = as_array(field, id, "arcs")?
        .iter()
        .map(|ring| {
            let mut points: Ring = Vec::new();
            for r in as_array(Some(ring), id, "arcs")? {
                let arc = r.as_i64().ok_or_else(|| bad(id, "an arc index is not an integer"))?;
                // A negative index ~i is arc i walked backwards (TopoJSON spec).
                let index = if arc >= 0 { arc } else { !arc };
                let coords = usize::try_from(index)
                    .ok()
                    .and_then(|i| arcs.get(i))
                    .ok_or_else(|| GeometryError::ArcOutOfRange { id: id.to_string(), arc })?;
                let mut iter: Box<dyn Iterator<Item = &Xy>> =
                    if arc >= 0 { Box::new(coords.iter()) } else { Box::new(coords.iter().rev()) };
                // Consecutive arcs share their joining point; keep it once.
                if !points.is_empty() {
                    iter.next();
                }
                points.extend(iter);
            }
            Ok(points)
        })
        .collect::<Result<Vec<Ring>, GeometryError>>()?;
    Ok(polygon_from_rings(rings).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> GeometryOptions {
        GeometryOptions::default()
    }

    #[test]
    fn topology_without_transform_and_multipolygon() {
        let t = r#"{"type":"Topology","arcs":[[[0,0],[1,0],[1,1],[0,0]],[[5,5],[6,5],[6,6],[5,5]],[[0.2,0.2],[0.3,0.2],[0.3,0.3],[0.2,0.2]]],
          "objects":{"a":{"type":"GeometryCollection","geometries":[
            {"type":"MultiPolygon","arcs":[[[0],[2]],[[1]]],"id":11001},
            {"type":"Point","coordinates":[0,0]},
            {"type":null}]}}}"#;
        let s = parse_geometry(t.as_bytes(), &opts()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "11001");
        assert_eq!(s[0].polygons.len(), 2);
        assert_eq!(s[0].polygons[0].holes.len(), 1);
        assert_eq!(s[0].polygons[1].exterior, vec![[5.0, 5.0], [6.0, 5.0], [6.0, 6.0]]);
    }

    #[test]
    fn geojson_feature_collection() {
        let g = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"NISCODE":"44021","NAAM":"Gent"},
           "geometry":{"type":"Polygon","coordinates":[[[3.7,51.0],[3.8,51.0],[3.8,51.1],[3.7,51.0]]]}},
          {"type":"Feature","properties":{"NISCODE":"44021"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[3.9,51.0],[4.0,51.0],[4.0,51.1],[3.9,51.0]]]]}},
          {"type":"Feature","properties":{"NISCODE":"1"},"geometry":null}]}"#;
        let s = parse_geometry(g.as_bytes(), &opts()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name.as_deref(), Some("Gent"));
        assert_eq!(s[0].polygons.len(), 2);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let cases: &[(&str, fn(&GeometryError) -> bool)] = &[
            ("not json", |e| matches!(e, GeometryError::Json(_))),
            (r#"{"type":"Feature"}"#, |e| matches!(e, GeometryError::UnsupportedType(_))),
            (r#"{"type":"Topology","arcs":[],"objects":{"a":{},"b":{}}}"#, |e| matches!(e, GeometryError::AmbiguousObject(_))),
            (r#"{"type":"Topology","arcs":[],"objects":{}}"#, |e| matches!(e, GeometryError::AmbiguousObject(_))),
            (r#"{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"a":{"type":"Polygon","arcs":[[3]],"id":"x"}}}"#,
                |e| matches!(e, GeometryError::ArcOutOfRange { arc: 3, .. })),
            (r#"{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"a":{"type":"Polygon","arcs":[[-9]],"id":"x"}}}"#,
                |e| matches!(e, GeometryError::ArcOutOfRange { arc: -9, .. })),
            (r#"{"type":"Topology","arcs":[[[0]]],"objects":{"a":{"type":"Polygon","arcs":[[0]],"id":"x"}}}"#,
                |e| matches!(e, GeometryError::BadGeometry { .. })),
            (r#"{"type":"Topology","arcs":[[[0,0],[1,0],[0,1]]],"objects":{"a":{"type":"Polygon","arcs":[[0]]}}}"#,
                |e| matches!(e, GeometryError::MissingId { index: 0 })),
            (r#"{"type":"Topology","arcs":[[[0,0],[1,0],[0,1]]],"objects":{"a":{"type":"Polygon","arcs":"x","id":"x"}}}"#,
                |e| matches!(e, GeometryError::BadGeometry { .. })),
            (r#"{"type":"FeatureCollection","features":[{"id":"a","geometry":{"type":"Polygon","coordinates":[[[0,"x"]]]}}]}"#,
                |e| matches!(e, GeometryError::BadGeometry { .. })),
            (r#"{"type":"FeatureCollection","features":[]}"#, |e| matches!(e, GeometryError::NoShapes)),
        ];
        for (input, check) in cases {
            let e = parse_geometry(input.as_bytes(), &opts()).unwrap_err();
            assert!(check(&e), "{input}: {e:?}");
            assert!(!e.to_string().is_empty());
        }
        let named = GeometryOptions { object: Some("zz".into()), ..opts() };
        assert_eq!(
            parse_geometry(br#"{"type":"Topology","arcs":[],"objects":{"a":{}}}"#, &named),
            Err(GeometryError::ObjectNotFound("zz".into()))
        );
    }

    #[test]
    fn degenerate_rings_give_an_empty_shape() {
        let t = r#"{"type":"Topology","arcs":[[[0,0],[1,0],[0,0]]],"objects":{"a":{"type":"Polygon","arcs":[[0]],"id":"x"}}}"#;
        let s = parse_geometry(t.as_bytes(), &opts()).unwrap();
        assert!(s[0].is_empty());
    }
}
