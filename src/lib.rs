//! Accord: run a revenue-team alignment workshop and leave the room with agreed documents.

pub mod analysis;
pub mod model;
pub mod storage;
