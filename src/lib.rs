//! Wegwijzer Sociale Economie: the browser app.
//!
//! The pure logic (endpoint format, validation, dataset, search, geometry, coverage, sync
//! decisions, UI text) lives in the `wegwijzer-core` crate (`crates/core`), which cannot depend
//! on the DOM and is tested on the host. It is re-exported here under its module names, so the
//! app's modules say `crate::model` or `crate::search` whichever crate a module lives in.
//! This crate holds what touches the browser (`app`, `routes`, `components`, `api`, `offline`,
//! `store`) and only compiles for wasm32; the host tools are in `crates/publish`.

pub use wegwijzer_core::{
    config, coverage, coverage_view, dataset, embed, geo, i18n, json_array, json_ld, languages, map, map_focus, model,
    opening_hours, order, quarantine, region_input, results, search, service_filters, service_text, sync, validate, view_state,
};

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod public_url;
#[cfg(target_arch = "wasm32")]
pub mod routes;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod tasks;

#[cfg(target_arch = "wasm32")]
pub use app::App;
