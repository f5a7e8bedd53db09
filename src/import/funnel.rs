//! A CRM export with one row per record and the stage each record is in: how many reached each
//! stage. A record in a later stage has passed every earlier one.

use std::collections::BTreeMap;

use super::{Flow, ImportError, Preview, Progress, ScanSummary, scan};

/// How many records reached each stage, and the stage values that match no stage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reached {
    pub scan: ScanSummary,
    /// One count per stage, in the order given.
    pub counts: Vec<u64>,
    /// Values of the stage column that name no stage ("Closed lost"), with their rows.
    pub unmatched: BTreeMap<String, u64>,
}

/// Counts the records of `preview`'s file per stage, reading the stage from `column` and
/// matching it to `stages` by name, ignoring case and surrounding spaces.
pub fn reached(
    preview: &Preview,
    column: usize,
    stages: &[&str],
    progress: &Progress,
) -> Result<Reached, ImportError> {
    let names: Vec<String> = stages.iter().map(|s| s.trim().to_lowercase()).collect();
    let mut at = vec![0u64; stages.len()];
    let mut unmatched: BTreeMap<String, u64> = BTreeMap::new();
    let scan = scan(&preview.path, preview.dialect, progress, |row| {
        let value = row.text(column);
        let key = value.trim().to_lowercase();
        match names.iter().position(|name| *name == key) {
            Some(index) => at[index] += 1,
            None => *unmatched.entry(value.trim().to_owned()).or_default() += 1,
        }
        Ok(Flow::Continue)
    })?;
    // Reaching a stage means being in it or in any later one.
    let mut counts = at;
    for index in (0..counts.len().saturating_sub(1)).rev() {
        counts[index] += counts[index + 1];
    }
    Ok(Reached {
        scan,
        counts,
        unmatched,
    })
}
