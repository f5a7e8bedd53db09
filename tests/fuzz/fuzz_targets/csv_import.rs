//! Bytes → rows: the CSV reader and every importer built on it must turn any file into rows,
//! skipped rows or an error, never a panic.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::csv_bytes(data));
