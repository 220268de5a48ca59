//! Baseline for the search benchmark (`scripts/bench-search`): the dataset loading of
//! `search_bench` and nothing else. `search_bench` includes this file as a module, so
//! `size(search_bench.wasm) - size(search_bench_baseline.wasm)`, both after `wasm-opt -Oz`, is
//! the wasm that the search index adds. Built for wasm32 only; empty on the host, so
//! `cargo test` still compiles it.
//!
//! Exports (wasm-bindgen, `--target web`):
//! - `load(categories, municipalities, partnerships, initiatives)`: parses the four collection
//!   files (JSON text) and validates them with `Dataset::new`, without `Dataset::from_files`'
//!   40 MiB cap per file (the 100,000-initiative endpoint is bigger). Returns the milliseconds
//!   this took, measured inside wasm with `performance.now()`.
//! - `initiative_count()`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wegwijzer_core::dataset::Dataset;
use wegwijzer_core::model::Collection;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds, as fine as the page's isolation allows.
    #[wasm_bindgen(js_namespace = performance)]
    pub fn now() -> f64;
}

thread_local! {
    pub static DATA: RefCell<Option<Dataset>> = const { RefCell::new(None) };
}

fn items<T: serde::de::DeserializeOwned>(name: &str, json: &str) -> Result<Vec<T>, JsError> {
    let c: Collection<T> = serde_json::from_str(json).map_err(|e| JsError::new(&format!("{name}: {e}")))?;
    Ok(c.items)
}

#[wasm_bindgen]
pub fn load(categories: &str, municipalities: &str, partnerships: &str, initiatives: &str) -> Result<f64, JsError> {
    let start = now();
    let data = Dataset::new(
        None,
        items("categories", categories)?,
        items("municipalities", municipalities)?,
        items("partnerships", partnerships)?,
        items("initiatives", initiatives)?,
    )
    .map_err(|e| JsError::new(&e.to_string()))?;
    DATA.with(|d| *d.borrow_mut() = Some(data));
    Ok(now() - start)
}

#[wasm_bindgen]
pub fn initiative_count() -> usize {
    DATA.with(|d| d.borrow().as_ref().map_or(0, |d| d.initiatives.len()))
}
