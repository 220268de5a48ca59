//! Wegwijzer's pure logic, shared by the browser app (the root package) and the host tools
//! (`crates/publish`). No module here touches the DOM: the manifest has no browser crates, so
//! everything compiles and tests on the host with `cargo test`.
//!
//! - `model`: the endpoint format v1 (serde); `validate`: record validation with precise problems
//! - `quarantine`: leaving out invalid records of a verified file (threshold), byte order marks
//! - `dataset`: parse + verify (size, SHA-256, version, count) + validate into a `Dataset`
//! - `sync`: the sync decisions and delta files; `config`: which endpoint to read
//! - `public_url`: the folder the app is served under (routes, links, files)
//! - `search`: normalisation, stemming, the index, query parsing and ranking, facets
//! - `results`, `view_state`, `embed`: what the directory and the embed show for a URL
//! - `geo`, `map`, `coverage`, `coverage_view`: distances, geometry, coverage figures, the map
//! - `opening_hours`: the OSM `opening_hours` subset, evaluated in Brussels time with Belgian
//!   holidays; `languages`: ISO 639-1 codes
//! - `i18n`: the UI text in nl, fr and en; `json_array`: a JSON array written in steps
//! - `order`: sorting through one shared copy of std's sort (wasm size)

pub mod config;
pub mod coverage;
pub mod coverage_view;
pub mod dataset;
pub mod embed;
pub mod envelope;
pub mod geo;
pub mod i18n;
pub mod json_array;
pub mod json_ld;
pub mod languages;
pub mod map;
pub mod map_focus;
pub mod model;
pub mod opening_hours;
pub mod order;
pub mod public_url;
pub mod quarantine;
pub mod region_input;
pub mod results;
pub mod search;
pub mod service_filters;
pub mod service_text;
pub mod sync;
pub mod validate;
pub mod view_state;
