//! Accord: run a revenue-team alignment workshop and leave the room with agreed documents.
//!
//! The crate is layered one way; each layer uses only those below it (`tests/accord/layers.rs`
//! checks every import against this picture):
//!
//! ```text
//! `ui` → `app` ─┬→ `room` → `edit` ─┐
//!       `cli` ──┤                    ├→ `analysis` → {`storage`, `import`} → `model`
//!               └→ `export` ─────────┘
//! ```
//!
//! `model` is the document; `edit` is the one way its structure changes, applied alike by the
//! window (`app`), the phones (`room`) and the command line (`cli`). Only `app` and `ui` use
//! egui, so the command line can check and write everything the window can.

// Each layer, public to the binary and the integration tests. Built with
// `--cfg accord_private_layers` (CI does, with clippy), the layers are private and only the
// binary's way in is public, so the compiler names any code nothing reaches; what only the
// integration tests and benchmarks reach says so where it stands, as an expected lint. Each is
// declared twice, in plain sight rather than from a macro, so `cargo fmt` finds their files.
#[cfg(not(accord_private_layers))]
pub mod analysis;
#[cfg(accord_private_layers)]
mod analysis;
#[cfg(not(accord_private_layers))]
pub mod app;
#[cfg(accord_private_layers)]
mod app;
#[cfg(not(accord_private_layers))]
pub mod cli;
#[cfg(accord_private_layers)]
mod cli;
#[cfg(not(accord_private_layers))]
pub mod edit;
#[cfg(accord_private_layers)]
mod edit;
#[cfg(not(accord_private_layers))]
pub mod export;
#[cfg(accord_private_layers)]
mod export;
#[cfg(not(accord_private_layers))]
pub mod import;
#[cfg(accord_private_layers)]
mod import;
#[cfg(not(accord_private_layers))]
pub mod model;
#[cfg(accord_private_layers)]
mod model;
#[cfg(not(accord_private_layers))]
pub mod room;
#[cfg(accord_private_layers)]
mod room;
#[cfg(not(accord_private_layers))]
pub mod storage;
#[cfg(accord_private_layers)]
mod storage;
#[cfg(not(accord_private_layers))]
pub mod ui;
#[cfg(accord_private_layers)]
mod ui;

/// The binary's way in.
#[cfg(accord_private_layers)]
pub use {
    cli::{Cli, Launch, run},
    ui::run_native,
};

#[cfg(test)]
mod test_alloc;
