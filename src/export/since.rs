//! "What changed since 2026-Q4": the section the Markdown, HTML and PDF documents end their
//! summary with when the session was started from an earlier review, made from the same
//! changes as `accord diff` and "Compare with…".

use serde::Serialize;

use crate::analysis::diff::{Change, Kind, diff};
use crate::model::Session;

/// What changed since an earlier review.
#[derive(Clone, Debug, PartialEq)]
pub struct Since {
    /// How the section names the earlier review: its period, else its title.
    pub label: String,
    pub changes: Vec<Change>,
}

impl Since {
    /// What changed from `old` to `new`.
    pub fn between(old: &Session, new: &Session) -> Self {
        Self {
            label: label(old),
            changes: diff(old, new),
        }
    }
}

/// The earlier review as the section names it.
pub fn label(old: &Session) -> String {
    match (old.meta.period.trim(), old.meta.title.trim()) {
        ("", "") => "the last review".to_owned(),
        ("", title) => title.to_owned(),
        (period, _) => period.to_owned(),
    }
}

/// A change in words, without its old and new text: "MQL · wording", "Recycled lead: added",
/// "SQL · moved in the order".
pub fn what(change: &Change) -> String {
    match (change.field.as_str(), change.change) {
        ("", Kind::Added) => format!("{}: added", change.item),
        ("", Kind::Removed) => format!("{}: removed", change.item),
        ("", _) => change.item.clone(),
        (field, Kind::Moved) => format!("{} · moved in the {field}", change.item),
        (field, _) => format!("{} · {field}", change.item),
    }
}

/// The section as the HTML page and the PDF lay it out: a table per step.
#[derive(Debug, Serialize)]
pub struct SinceView {
    pub label: String,
    pub steps: Vec<StepChanges>,
}

#[derive(Debug, Serialize)]
pub struct StepChanges {
    pub step: String,
    /// What changed, what it was, what it is now; "–" where there is nothing.
    pub rows: Vec<[String; 3]>,
}

impl SinceView {
    pub fn of(since: &Since) -> Self {
        let mut steps: Vec<StepChanges> = Vec::new();
        for change in &since.changes {
            let text = |t: &Option<String>| t.clone().unwrap_or_else(|| "–".to_owned());
            let row = [what(change), text(&change.old), text(&change.new)];
            match steps.last_mut() {
                Some(last) if last.step == change.step => last.rows.push(row),
                _ => steps.push(StepChanges {
                    step: change.step.to_owned(),
                    rows: vec![row],
                }),
            }
        }
        Self {
            label: since.label.clone(),
            steps,
        }
    }
}

/// How a change is said: "added", "removed", "changed", "moved".
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Changed => "changed",
        Kind::Moved => "moved",
    }
}
