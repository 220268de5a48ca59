//! Wegwijzer Sociale Economie.
//!
//! The pure modules (`model`, `validate`, `dataset`, `config`, `i18n`, `search`, `geo`, `map`,
//! `coverage`, `coverage_view`, `sync`, `view_state`, `results`) compile everywhere and are tested
//! on the host with `cargo test`. The browser app (`app`, `routes`, `components`, `api`)
//! is only compiled for wasm32, so host tests do not build the UI stack.

pub mod config;
pub mod dataset;
pub mod i18n;
pub mod model;
pub mod opening_hours;
pub mod languages;
pub mod validate;
pub mod search;
pub mod geo;
pub mod map;
pub mod coverage;
pub mod coverage_view;
pub mod sync;
pub mod view_state;
pub mod embed;
pub mod results;
pub mod publish;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod routes;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub use app::App;
