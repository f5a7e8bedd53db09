//! What a user can ask for by name: from a menu, the command palette or a shortcut. The list
//! carries no data from the screen (no ids, no paths), so it can be enumerated: every entry
//! has its label, tooltip and shortcut in matches without a catch-all arm, and the menus, the
//! palette and the shortcuts are all made from [`UiCommand::all`]. A command added here is
//! in the palette as soon as it compiles. (rerun's `UICommand` is the model.)

use egui::{Key, KeyboardShortcut, Modifiers};

use super::super::prefs::TextSize;
use super::Capture;
use crate::export::Format;
use crate::model::Step;

/// Declares [`UiCommand`] and its [`UiCommand::all`] from one list, so the list of every
/// command cannot miss one: a variant with data names the values it takes.
macro_rules! ui_commands {
    ($($(#[$doc:meta])* $name:ident $(($data:ty) = $values:expr)?,)*) => {
        /// A command a user asks for by name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($(#[$doc])* $name $(($data))?,)*
        }

        impl UiCommand {
            /// Every command, in the order menus and the empty palette list them: the order
            /// they are declared in.
            pub fn all() -> Vec<Self> {
                let mut all = Vec::new();
                $(ui_commands!(@push all, $name $(, $values)?);)*
                all
            }
        }
    };
    (@push $all:ident, $name:ident) => {
        $all.push(Self::$name)
    };
    (@push $all:ident, $name:ident, $values:expr) => {
        $all.extend($values.into_iter().map(Self::$name))
    };
}

ui_commands! {
    OpenPalette,
    TogglePresenter,
    /// Open the small dialog that writes down a decision, action or parked topic.
    Capture(Capture) = Capture::ALL,
    ChooseTemplate,
    Open,
    Save,
    SaveAs,
    /// Ask where to write the next quarter's review, then start it from this one.
    StartNextReview,
    /// Ask for another review, then show what changed from it to this one.
    CompareWith,
    /// Show whether the SLAs, the funnel and the metrics got better over the reviews.
    ShowTrend,
    /// Open the room for the phones, or show its code when it is open.
    OpenRoom,
    CloseRoom,
    Undo,
    Redo,
    NextStep,
    PreviousStep,
    GoTo(Step) = Step::ALL,
    AddTeam,
    AddParticipant,
    AddMetric,
    AddMeeting,
    AddAgendaItem,
    PauseResumeAgenda,
    NextAgendaItem,
    AddCriterion,
    AddAntiPattern,
    AddTerm,
    AddStage,
    /// An SLA between the two teams shown on the SLA step.
    AddSla,
    AddFeedbackLoop,
    ImportCustomers,
    ImportLeads,
    CountFunnelFromCsv,
    /// Ask where to write the agreement in this format, then write it.
    Export(Format) = EXPORTS,
    /// Preview what each CRM gets from the agreement, and write its folder.
    SetUpCrm,
    ToggleTheme,
    SetTextSize(TextSize) = TextSize::ALL,
    ClearRecentFiles,
    Quit,
}

/// The menus of the top bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Menu {
    File,
    Edit,
    View,
}

impl Menu {
    pub const ALL: [Self; 3] = [Self::File, Self::Edit, Self::View];

    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
        }
    }
}

/// The formats in the order the menus list them.
const EXPORTS: [Format; 6] = [
    Format::Markdown,
    Format::Html,
    Format::Pdf,
    Format::Xlsx,
    Format::Csv,
    Format::Calendar,
];

impl UiCommand {
    /// The name shown in menus, on buttons and in the palette.
    pub fn label(self) -> String {
        match self {
            Self::OpenPalette => "Command palette…".into(),
            Self::TogglePresenter => "Presenter mode".into(),
            Self::Capture(Capture::Decision) => "Add decision…".into(),
            Self::Capture(Capture::Action) => "Add action item…".into(),
            Self::Capture(Capture::Parked) => "Park a topic…".into(),
            Self::ChooseTemplate => "New from template…".into(),
            Self::Open => "Open…".into(),
            Self::Save => "Save".into(),
            Self::SaveAs => "Save as…".into(),
            Self::StartNextReview => "Start the next review…".into(),
            Self::CompareWith => "Compare with…".into(),
            Self::ShowTrend => "Trend over reviews".into(),
            Self::OpenRoom => "Open the room…".into(),
            Self::CloseRoom => "Close the room".into(),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::NextStep => "Next step".into(),
            Self::PreviousStep => "Previous step".into(),
            Self::GoTo(step) => format!("Go to {}", step.label()),
            Self::AddTeam => "Add team".into(),
            Self::AddParticipant => "Add participant".into(),
            Self::AddMetric => "Add metric".into(),
            Self::AddMeeting => "Add meeting".into(),
            Self::AddAgendaItem => "Add agenda item".into(),
            Self::PauseResumeAgenda => "Pause / resume the agenda clock".into(),
            Self::NextAgendaItem => "Next agenda item".into(),
            Self::AddCriterion => "Add ICP criterion".into(),
            Self::AddAntiPattern => "Add anti-pattern".into(),
            Self::AddTerm => "Add term".into(),
            Self::AddStage => "Add stage".into(),
            Self::AddSla => "Add SLA".into(),
            Self::AddFeedbackLoop => "Add feedback loop".into(),
            Self::ImportCustomers => "Import customers (CSV)…".into(),
            Self::ImportLeads => "Import leads (CSV)…".into(),
            Self::CountFunnelFromCsv => "Count the funnel from a CSV…".into(),
            Self::Export(format) => match format {
                Format::Markdown => "Export the agreement (Markdown)…",
                Format::Html => "Export a printable page (HTML)…",
                Format::Pdf => "Export a PDF…",
                Format::Xlsx => "Export the tables (spreadsheet)…",
                Format::Csv => "Export the tables (CSV)…",
                Format::Calendar => "Export calendar (.ics)…",
                Format::Hubspot => "Write the HubSpot setup…",
                Format::Salesforce => "Write the Salesforce project…",
            }
            .into(),
            Self::SetUpCrm => "Set up the CRM…".into(),
            Self::ToggleTheme => "Switch light / dark".into(),
            Self::SetTextSize(size) => size.label().into(),
            Self::ClearRecentFiles => "Clear recent files".into(),
            Self::Quit => "Quit".into(),
        }
    }

    /// A sentence for the tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenPalette => "Find any command by typing part of its name",
            Self::TogglePresenter => {
                "Large, high-contrast and without editing chrome, for the shared screen"
            }
            Self::Capture(_) => "Write it down without leaving this step",
            Self::ChooseTemplate => "Start a new workshop from one of the bundled templates",
            Self::Open => "Open a saved workshop session",
            Self::Save => "Save the session to its file",
            Self::SaveAs => "Save the session to a new file",
            Self::StartNextReview => {
                "A new session for next quarter, carrying every agreement; each team signs again"
            }
            Self::CompareWith => "What changed from another review to this one, step by step",
            Self::ShowTrend => {
                "Whether the SLAs, the funnel and the metrics got better, review after review"
            }
            Self::OpenRoom => {
                "Let participants join from their phones on this network, or show the code to join"
            }
            Self::CloseRoom => {
                "Stop the room: nothing listens, and every phone's link stops working"
            }
            Self::Undo => "Take back the last change",
            Self::Redo => "Bring back the change you took back",
            Self::NextStep => "Go to the next step of the workshop",
            Self::PreviousStep => "Go to the previous step of the workshop",
            Self::GoTo(step) => step.purpose(),
            Self::AddTeam => "Add a team to the workshop",
            Self::AddParticipant => "Add a person taking part",
            Self::AddMetric => "Add a shared metric",
            Self::AddMeeting => "Add a recurring meeting to the cadence",
            Self::AddAgendaItem => "Add an item to the day's agenda",
            Self::PauseResumeAgenda => "Stop or restart the clock of the agenda item under way",
            Self::NextAgendaItem => "Finish the agenda item under way and start the next",
            Self::AddCriterion => "Add a criterion to the ideal customer profile",
            Self::AddAntiPattern => "Add a kind of customer the ICP leaves out",
            Self::AddTerm => "Add a term to the shared definitions",
            Self::AddStage => "Add a stage at the end of the pipeline",
            Self::AddSla => "Add a commitment between the two teams shown on the SLA step",
            Self::AddFeedbackLoop => "Add a feedback loop between two teams",
            Self::ImportCustomers => "Find the ICP in a customer export from the CRM",
            Self::ImportLeads => "Try the scoring rules on a leads export",
            Self::CountFunnelFromCsv => "Count how many records reached each stage",
            Self::Export(format) => match format {
                Format::Markdown => "The whole agreement as Markdown, for a wiki",
                Format::Html => "The whole agreement as one page to print or mail",
                Format::Pdf => "The whole agreement, typeset for print",
                Format::Xlsx => "The agreement's tables as one spreadsheet",
                Format::Csv => "The agreement's tables as CSV files in a folder",
                Format::Calendar => "One recurring event per scheduled meeting",
                Format::Hubspot => {
                    "The API calls that set the agreement up, and what is left by hand"
                }
                Format::Salesforce => {
                    "A project to deploy with the Salesforce CLI, and what is left by hand"
                }
            },
            Self::SetUpCrm => {
                "What HubSpot or Salesforce gets from the agreement, and the folder that sets it up"
            }
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::SetTextSize(_) => "Draw everything larger or smaller, for the room",
            Self::ClearRecentFiles => "Forget the list of recently opened sessions",
            Self::Quit => "Close Accord; unsaved work is asked about first",
        }
    }

    /// The menu a command is in, and its group there (groups are set apart by a line); `None`
    /// for commands found only in the palette and on the steps' own buttons.
    pub fn menu(self) -> Option<(Menu, u8)> {
        match self {
            Self::ChooseTemplate | Self::Open => Some((Menu::File, 0)),
            Self::Save | Self::SaveAs => Some((Menu::File, 1)),
            Self::StartNextReview | Self::CompareWith | Self::ShowTrend => Some((Menu::File, 2)),
            Self::Export(_) | Self::SetUpCrm => Some((Menu::File, 3)),
            Self::Quit => Some((Menu::File, 4)),
            Self::OpenPalette => Some((Menu::Edit, 0)),
            Self::Undo | Self::Redo => Some((Menu::Edit, 1)),
            Self::Capture(_) => Some((Menu::Edit, 2)),
            Self::TogglePresenter | Self::OpenRoom | Self::CloseRoom => Some((Menu::View, 0)),
            Self::NextStep | Self::PreviousStep => Some((Menu::View, 1)),
            Self::ToggleTheme | Self::SetTextSize(_) => Some((Menu::View, 2)),
            // In File → Open recent, beside the files it forgets.
            Self::ClearRecentFiles => None,
            Self::GoTo(_)
            | Self::AddTeam
            | Self::AddParticipant
            | Self::AddMetric
            | Self::AddMeeting
            | Self::AddAgendaItem
            | Self::PauseResumeAgenda
            | Self::NextAgendaItem
            | Self::AddCriterion
            | Self::AddAntiPattern
            | Self::AddTerm
            | Self::AddStage
            | Self::AddSla
            | Self::AddFeedbackLoop
            | Self::ImportCustomers
            | Self::ImportLeads
            | Self::CountFunnelFromCsv => None,
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let cmd_shift = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        match self {
            Self::OpenPalette => cmd(Key::K),
            Self::TogglePresenter => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            Self::Capture(Capture::Decision) => cmd(Key::D),
            Self::Capture(Capture::Action) => cmd(Key::T),
            Self::Capture(Capture::Parked) => cmd(Key::P),
            Self::ChooseTemplate => cmd(Key::N),
            Self::Open => cmd(Key::O),
            Self::Save => cmd(Key::S),
            Self::SaveAs => cmd_shift(Key::S),
            Self::Undo => cmd(Key::Z),
            Self::Redo => cmd_shift(Key::Z),
            Self::NextStep => cmd(Key::PageDown),
            Self::PreviousStep => cmd(Key::PageUp),
            Self::ToggleTheme => cmd_shift(Key::L),
            Self::GoTo(_)
            | Self::StartNextReview
            | Self::CompareWith
            | Self::ShowTrend
            | Self::OpenRoom
            | Self::CloseRoom
            | Self::AddTeam
            | Self::AddParticipant
            | Self::AddMetric
            | Self::AddMeeting
            | Self::AddAgendaItem
            | Self::PauseResumeAgenda
            | Self::NextAgendaItem
            | Self::AddCriterion
            | Self::AddAntiPattern
            | Self::AddTerm
            | Self::AddStage
            | Self::AddSla
            | Self::AddFeedbackLoop
            | Self::ImportCustomers
            | Self::ImportLeads
            | Self::CountFunnelFromCsv
            | Self::Export(_)
            | Self::SetUpCrm
            | Self::SetTextSize(_)
            | Self::ClearRecentFiles
            | Self::Quit => None,
        }
    }

    /// Shortcuts that also trigger a command, beyond the one menus show.
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        match self {
            Self::Redo => &REDO,
            _ => &[],
        }
    }

    /// Every shortcut with its command, those with more keys first: egui finds Ctrl+Z inside
    /// Ctrl+Shift+Z, so the longer one must be tried before it.
    /// Worked out once: every frame looks through them.
    pub fn bindings() -> &'static [(KeyboardShortcut, Self)] {
        static BINDINGS: std::sync::LazyLock<Vec<(KeyboardShortcut, UiCommand)>> =
            std::sync::LazyLock::new(|| {
                let mut bindings: Vec<_> = UiCommand::all()
                    .into_iter()
                    .flat_map(|command| {
                        let more = command.alternative_shortcuts().iter().copied();
                        command
                            .shortcut()
                            .into_iter()
                            .chain(more)
                            .map(move |shortcut| (shortcut, command))
                    })
                    .collect();
                bindings.sort_by_key(|(shortcut, _)| {
                    std::cmp::Reverse(modifier_count(shortcut.modifiers))
                });
                bindings
            });
        &BINDINGS
    }
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
}

#[cfg(test)]
mod tests;
