//! The bundled sample endpoint (public/data/v1) as the app would load it, for the integration
//! tests of syncing and quarantine.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset};
use wegwijzer_core::model::{Changes, ChangesEntry, Index};

/// Its index and every file the index lists (the four collections and sources.json), by name.
pub fn sample() -> (Index, HashMap<String, Vec<u8>>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/v1");
    let index = parse_index(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let files = index.collections.iter().map(|(name, e)| (name.clone(), std::fs::read(dir.join(&e.file)).unwrap())).collect();
    (index, files)
}

pub fn sample_dataset() -> Dataset {
    let (index, files) = sample();
    Dataset::from_files(index, &files).unwrap()
}

/// `changes` as a delta file: its index entry and bytes.
pub fn signed_delta(changes: &Changes) -> (ChangesEntry, Vec<u8>) {
    let bytes = serde_json::to_vec(changes).unwrap();
    let entry = ChangesEntry {
        from: changes.from,
        to: changes.to,
        file: format!("changes/{}-{}.json", changes.from, changes.to),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    };
    (entry, bytes)
}

/// `base` with the entry of collection `name` describing `bytes`, a file of `count` items (the
/// version stays: set it for a new publication).
pub fn with_file(base: &Index, name: &str, bytes: &[u8], count: usize) -> Index {
    let mut index = base.clone();
    let entry = index.collections.get_mut(name).unwrap();
    entry.bytes = bytes.len() as u64;
    entry.count = count as u64;
    entry.sha256 = sha256_hex(bytes);
    index
}
