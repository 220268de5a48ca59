//! Fixtures shared by the publishing tool's test files (`publish.rs`, `publish_guidance.rs`).
#![allow(dead_code)] // each test file uses some of these

use std::path::PathBuf;
use wegwijzer_publish::{Input, Inputs, Options};

/// `tests/fixtures/publish/`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publish")
}

/// A fixture file's text; panics with its name when it cannot be read.
pub fn text(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Options with a fixed `generated_at`, so outputs are comparable.
pub fn options() -> Options {
    Options { generated_at: "2026-11-24T00:00:00Z".into(), ..Options::default() }
}

/// The two spreadsheets given, with the fixture municipalities.
pub fn inputs(initiatives: impl AsRef<[u8]>, partnerships: impl AsRef<[u8]>) -> Inputs {
    Inputs {
        initiatives: Some(Input::new("initiatives.csv", initiatives.as_ref().to_vec())),
        partnerships: Some(Input::new("partnerships.csv", partnerships.as_ref().to_vec())),
        municipalities: Some(Input::new("municipalities.csv", text("municipalities.csv"))),
        ..Inputs::default()
    }
}
