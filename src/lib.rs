//! Accord: run a revenue-team alignment workshop and leave the room with agreed documents.
//!
//! The crate is layered one way: `ui → app → {storage, import, analysis, export} → model`. Only `app` and `ui`
//! use egui, so the command line can check and write everything the window can.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod room;
pub mod storage;
pub mod ui;

#[cfg(test)]
mod test_alloc;
