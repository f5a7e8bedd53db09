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

/// Each layer, public to the binary and the integration tests. Built with
/// `--cfg accord_private_layers` (CI does, with clippy), the layers are private and only the
/// binary's way in is public, so the compiler names any code nothing reaches; what only the
/// integration tests and benchmarks reach says so where it stands, as an expected lint.
macro_rules! layers {
    ($($layer:ident)*) => {$(
        #[cfg(not(accord_private_layers))]
        pub mod $layer;
        #[cfg(accord_private_layers)]
        mod $layer;
    )*};
}

layers!(analysis app cli edit export import model room storage ui);

/// The binary's way in.
#[cfg(accord_private_layers)]
pub use {
    cli::{Cli, Launch, run},
    ui::run_native,
};

#[cfg(test)]
mod test_alloc;
