//! Helpers shared by the integration tests that read the official reference data.

use std::path::PathBuf;

/// `../shared/reference/` (or `$WEGWIJZER_REFERENCE`); `None`, with a printed reason, only when
/// that folder is absent, so the real-data checks skip instead of failing on machines without it.
pub fn reference_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WEGWIJZER_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: reference data folder {} is absent (set WEGWIJZER_REFERENCE)", dir.display());
        None
    }
}
