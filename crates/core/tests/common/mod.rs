//! Helpers shared by the integration tests of the workspace (`crates/publish/tests` includes this
//! file too): where the repository and the official reference data are.
#![allow(dead_code)] // each test file uses some of these

use std::path::PathBuf;

/// The repository root (this crate is `crates/core`): `public/data/v1/` and `../shared` are
/// found from here.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/reference/` (or `$WEGWIJZER_REFERENCE`); `None`, with a printed reason, only when
/// that folder is absent, so the real-data checks skip instead of failing on machines without it.
pub fn reference_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WEGWIJZER_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/reference"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: reference data folder {} is absent (set WEGWIJZER_REFERENCE)", dir.display());
        None
    }
}
