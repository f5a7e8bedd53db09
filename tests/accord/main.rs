//! Accord's integration tests: one binary, a module per area.

// Tests may stop at the first surprise; the app itself may not (see Cargo.toml [lints]).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod cli;
mod cli_sign;
mod compliance;
mod crm;
mod desktop;
mod doors;
mod export;
mod hardening;
mod hostile;
mod import;
mod layers;
mod pipeline;
mod readiness;
mod review;
mod room;
mod roundtrip;
mod scoring;
mod storage;
mod trend;
mod ui;
mod ui_crm;
mod ui_definitions;
mod ui_fit;
mod ui_fit_panel;
mod ui_long_lists;
mod ui_newer;
mod ui_paths;
mod ui_pipeline;
mod ui_room;
mod ui_scoring;
mod ui_slas;
mod ui_workspace;

use std::path::PathBuf;

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file under `workshops/`.
pub fn workshop(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("workshops")
        .join(format!("{name}.ron"))
}
