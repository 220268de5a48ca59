//! The app's search in the browser benchmark (`scripts/bench-search`, `tests/bench/search.mjs`).
//! Built for wasm32 only; empty on the host, so `cargo test` still compiles it.
//!
//! Exports (wasm-bindgen, `--target web`), besides `load` and `initiative_count` of
//! `search_bench_baseline` (included below, so both parse the data the same way):
//! - `build_index()`: `SearchIndex::build` over the loaded dataset; returns the milliseconds,
//!   measured inside wasm with `performance.now()`.
//! - `query(q)`: what the directory page does for a typed query before facets and sorting:
//!   `place_in_query` ("fietspunt 8900" → Ieper + "fietspunt"), `search` on the rest, the
//!   based-in-or-serving filter when a place was found, then the ids of the first three hits,
//!   joined by '\n'. The benchmark times this call from JavaScript, so the figures include
//!   crossing the wasm boundary (passing the query in, the ids out).
#![cfg(target_arch = "wasm32")]

#[path = "search_bench_baseline.rs"]
mod baseline;

pub use baseline::{initiative_count, load};
use baseline::{now, DATA};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wegwijzer_core::search::SearchIndex;

thread_local! {
    static INDEX: RefCell<Option<SearchIndex>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
pub fn build_index() -> Result<f64, JsError> {
    DATA.with(|d| {
        let d = d.borrow();
        let data = d.as_ref().ok_or_else(|| JsError::new("load() the dataset first"))?;
        INDEX.with(|i| *i.borrow_mut() = None); // free the previous index before building
        let start = now();
        let index = SearchIndex::build(data);
        let ms = now() - start;
        INDEX.with(|i| *i.borrow_mut() = Some(index));
        Ok(ms)
    })
}

#[wasm_bindgen]
pub fn query(q: &str) -> Result<String, JsError> {
    DATA.with(|d| {
        INDEX.with(|i| {
            let (d, i) = (d.borrow(), i.borrow());
            let (Some(data), Some(index)) = (d.as_ref(), i.as_ref()) else {
                return Err(JsError::new("load() and build_index() first"));
            };
            let place = index.place_in_query(data, q);
            let text = place.as_ref().map_or(q, |p| p.rest.as_str());
            let mut hits = index.search(text);
            if let Some(p) = &place {
                hits = index.scope_to_place(data, &hits, &p.nis);
            }
            let top: Vec<&str> = hits.iter().take(3).map(|h| data.initiatives[h.doc as usize].id.as_str()).collect();
            Ok(top.join("\n"))
        })
    })
}
