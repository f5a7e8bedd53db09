//! The session as plain tables, one per area: what the CSV and spreadsheet exports write and the
//! Markdown export lays out. Cells are the user's text as typed; each format escapes it.

mod agreements;
mod record;
mod room;

pub use agreements::window;
use agreements::*;
use record::*;
use room::*;

use crate::analysis::icp::percent;
use crate::analysis::pipeline;
use crate::model::{Session, TimeUnit};

/// One area of the agreement as rows of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// A file-friendly name: "stages", "slas".
    pub name: &'static str,
    /// The heading people read: "Pipeline stages".
    pub title: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table, in the order of the workshop.
pub fn tables(session: &Session) -> Vec<Table> {
    vec![
        definitions(session),
        stages(session),
        ownership(session),
        funnel(session),
        slas(session),
        feedback_loops(session),
        meetings(session),
        metrics(session),
        actions(session),
        decisions(session),
        parking_lot(session),
        room_answers(session),
        votes(session),
        signatures(session),
    ]
}

/// Every signature given, agreement by agreement, oldest first: who agreed to which text,
/// how strongly and when, and whether it still counts.
fn signatures(session: &Session) -> Table {
    let mut rows = Vec::new();
    for agreement in session.agreements() {
        let (Some(name), Some(signatures), Some(text)) = (
            session.agreement_name(agreement),
            session.signatures_of(agreement),
            session.canonical_text(agreement),
        ) else {
            continue;
        };
        let today = crate::model::text_hash(&text);
        for signature in &signatures.history {
            rows.push(vec![
                agreement.kind_label().to_owned(),
                name.clone(),
                session.team_name(Some(signature.team)).to_owned(),
                signature.position.label().to_owned(),
                signature.by.describe().to_owned(),
                signature.at.map(|at| at.to_string()).unwrap_or_default(),
                signature.reason.clone(),
                if signature.sha256 == today {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
                signature.sha256.clone(),
            ]);
        }
    }
    Table {
        name: "signatures",
        title: "Signatures",
        headers: names(&[
            "Kind",
            "Agreement",
            "Team",
            "Position",
            "By",
            "At",
            "Reason",
            "Current",
            "SHA-256",
        ]),
        rows,
    }
}

/// The names `tables` uses, for `--table`.
pub const NAMES: [&str; 14] = [
    "definitions",
    "stages",
    "ownership",
    "funnel",
    "slas",
    "feedback_loops",
    "meetings",
    "metrics",
    "actions",
    "decisions",
    "parking_lot",
    "room_answers",
    "votes",
    "signatures",
];

fn names(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

/// Lines joined for one cell.
fn lines(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_list_every_table_in_order() {
        let names: Vec<&str> = tables(&Session::default()).iter().map(|t| t.name).collect();
        assert_eq!(names, NAMES);
    }
}
