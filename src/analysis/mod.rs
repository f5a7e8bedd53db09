//! Pure functions over the session: what is done, what is missing. No egui, no I/O.

pub mod agenda;
pub mod audit;
pub(crate) mod audit_questions;
pub mod clock;
pub mod compliance;
pub(crate) mod counts;
pub mod diff;
pub mod icp;
pub mod pipeline;
pub mod progress;
pub mod readiness;
pub mod room_audit;
pub mod room_counts;
pub mod scoring;
pub mod sla;
pub mod standing;
pub(crate) mod trend;
pub(crate) mod votes;
