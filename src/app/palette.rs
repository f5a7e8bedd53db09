//! The command palette: every command, found by typing part of its name.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::command::{Command, TextSize};
use crate::model::Step;

/// What the palette holds while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    /// The highlighted entry among the matches.
    pub selected: usize,
}

/// Every command the palette offers, in the order shown before anything is typed.
pub fn commands() -> Vec<Command> {
    let mut all: Vec<_> = Command::with_shortcuts()
        .into_iter()
        .filter(|c| *c != Command::OpenPalette)
        .collect();
    all.extend(Step::ALL.map(Command::GoTo));
    all.extend([
        Command::AddTeam,
        Command::AddParticipant,
        Command::AddMetric,
        Command::AddMeeting,
        Command::ExportDocumentDialog(crate::export::Format::Markdown),
        Command::ExportDocumentDialog(crate::export::Format::Html),
        Command::ExportDocumentDialog(crate::export::Format::Pdf),
        Command::ExportDocumentDialog(crate::export::Format::Xlsx),
        Command::ExportCsvDialog,
        Command::ExportCalendarDialog,
    ]);
    all.extend(TextSize::ALL.map(Command::SetTextSize));
    all
}

/// A command with the text it is found by.
struct Entry {
    label: String,
    command: Command,
}

impl AsRef<str> for Entry {
    fn as_ref(&self) -> &str {
        &self.label
    }
}

/// The commands whose names match `query`, best match first; every command for an empty query.
pub fn matches(query: &str) -> Vec<Command> {
    let all = commands();
    if query.trim().is_empty() {
        return all;
    }
    let entries = all.into_iter().map(|command| Entry {
        label: command.label(),
        command,
    });
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    pattern
        .match_list(entries, &mut matcher)
        .into_iter()
        .map(|(entry, _score)| entry.command)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_commands_by_parts_of_their_names() {
        assert_eq!(
            matches("add dec").first(),
            Some(&Command::Capture(super::super::CaptureKind::Decision))
        );
        assert_eq!(
            matches("metrics").first(),
            Some(&Command::GoTo(Step::Metrics))
        );
        assert_eq!(matches("UNDO").first(), Some(&Command::Undo));
        assert!(matches("zqxj").is_empty());
        assert_eq!(matches("  "), commands());
    }

    #[test]
    fn every_entry_has_its_own_name() {
        let mut labels: Vec<_> = commands().iter().map(Command::label).collect();
        assert!(labels.iter().all(|l| !l.trim().is_empty()));
        let count = labels.len();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), count, "two entries share a name");
    }
}
