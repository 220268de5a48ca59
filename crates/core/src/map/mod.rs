//! Pure, DOM-free geometry for the coverage map (`/kaart`): reading municipality boundaries,
//! projecting them for Flanders, building SVG paths, merging shapes after municipal mergers and
//! laying out the schematic hexagon map used when the endpoint has no geometry, and the pan and
//! zoom window of the map.
//!
//! Everything here compiles on every target and is tested on the host; the page only turns the
//! results into SVG elements.
//!
//! ```
//! use wegwijzer_core::map::{parse_geometry, GeometryOptions, MapFit, svg_path};
//! let topo = r#"{"type":"Topology","arcs":[[[4.0,51.0],[4.1,51.0],[4.1,51.1],[4.0,51.0]]],
//!   "objects":{"m":{"type":"GeometryCollection","geometries":[
//!     {"type":"Polygon","arcs":[[0]],"properties":{"NISCODE":"11001"}}]}}}"#;
//! let shapes = parse_geometry(topo.as_bytes(), &GeometryOptions::default()).unwrap();
//! let fit = MapFit::wgs84(&shapes, 400.0, 300.0, 8.0).unwrap();
//! let d = svg_path(&fit.project_shape(&shapes[0]));
//! assert!(d.starts_with('M') && d.ends_with('Z'));
//! ```

pub mod hexmap;
pub mod projection;
pub mod shapes;
pub mod topojson;
pub mod view_window;

pub use hexmap::{hex_distance, layout_hexes, HexCell, HexLayout, HexOptions, HexSite};
pub use projection::{lambert72_to_wgs84, Bounds, Crs, MapFit};
pub use shapes::{merge_shapes, shared_arc_adjacency, svg_path, Polygon, Ring, Shape, Xy};
pub use topojson::{parse_geometry, GeometryError, GeometryOptions};
pub use view_window::{ViewWindow, MAX_ZOOM, MIN_TARGET_PX};
