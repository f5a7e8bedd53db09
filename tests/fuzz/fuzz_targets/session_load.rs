//! Bytes → session: the loader (UTF-8 check, version probe, migration) must refuse bad input
//! with an error, never panic; whatever it accepts must save and load back unchanged.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::session_bytes(data));
