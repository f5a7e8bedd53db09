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

pub mod analysis;
pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
pub mod import;
pub mod model;
pub mod room;
pub mod storage;
pub mod ui;

#[cfg(test)]
mod test_alloc;
