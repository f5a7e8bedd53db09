//! The command palette: every command, found by typing part of its name.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::commands::UiCommand;

/// What the palette holds while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    /// The highlighted entry among the matches.
    pub selected: usize,
}

/// Every command the palette offers, in the order shown before anything is typed: all of
/// them but the palette itself.
pub fn commands() -> Vec<UiCommand> {
    UiCommand::all()
        .into_iter()
        .filter(|c| *c != UiCommand::OpenPalette)
        .collect()
}

/// A command with the text it is found by.
struct Entry {
    label: String,
    command: UiCommand,
}

impl AsRef<str> for Entry {
    fn as_ref(&self) -> &str {
        &self.label
    }
}

/// The commands whose names match `query`, best match first; every command for an empty query.
pub fn matches(query: &str) -> Vec<UiCommand> {
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
    use crate::app::Capture;
    use crate::model::Step;

    #[test]
    fn finds_commands_by_parts_of_their_names() {
        assert_eq!(
            matches("add dec").first(),
            Some(&UiCommand::Capture(Capture::Decision))
        );
        assert_eq!(
            matches("metrics").first(),
            Some(&UiCommand::GoTo(Step::Metrics))
        );
        assert_eq!(matches("UNDO").first(), Some(&UiCommand::Undo));
        assert_eq!(matches("add term").first(), Some(&UiCommand::AddTerm));
        assert!(matches("zqxj").is_empty());
        assert_eq!(matches("  "), commands());
    }

    #[test]
    fn the_palette_offers_every_command_but_itself() {
        assert_eq!(commands().len(), UiCommand::all().len() - 1);
        assert!(!commands().contains(&UiCommand::OpenPalette));
    }
}
