//! Every structural action of the app as one value: menus, shortcuts and buttons queue these,
//! and the app runs them once at the end of the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{
    ActionId, AgendaItemId, AntiPatternId, Condition, CriterionId, DecisionId, DefinitionId,
    FeedbackLoopId, MeetingId, MetricId, ParkingId, ParticipantId, RuleId, SlaId, StageId, Step,
    TeamId,
};

/// How large text is drawn: the facilitator's laptop, or a projector at the back of a room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Projector,
}

impl TextSize {
    pub const ALL: [Self; 3] = [Self::Normal, Self::Large, Self::Projector];

    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Normal text",
            Self::Large => "Large text",
            Self::Projector => "Projector text",
        }
    }

    /// The zoom factor egui applies for this size.
    pub fn zoom(self) -> f32 {
        match self {
            Self::Normal => 1.0,
            Self::Large => 1.25,
            Self::Projector => 1.5,
        }
    }
}

/// What the room wants to write down without leaving the step it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureKind {
    Decision,
    Action,
    Parked,
}

impl CaptureKind {
    /// The title of the capture dialog.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Decision => "Record a decision",
            Self::Action => "Record an action item",
            Self::Parked => "Park a topic",
        }
    }
}

/// A structural action or side effect, queued during the frame and run at its end.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Find and run any command by typing part of its name.
    OpenPalette,
    /// Switch the shared screen to presenter mode and back.
    TogglePresenter,
    /// Open the small dialog that writes down a decision, action or parked topic.
    Capture(CaptureKind),
    /// Write it down, linked to the current step.
    Record(CaptureKind, String),
    /// Show the template chooser.
    ChooseTemplate,
    /// Start a new, unsaved session from the named bundled template.
    NewFromTemplate(&'static str),
    /// Ask for a session file with the system dialog, then open it.
    OpenDialog,
    Open(PathBuf),
    Save,
    /// Save over a file another program changed since it was opened here (the user agreed).
    SaveOverChanged,
    /// The file changed on disk: ask where to save this version instead, then go on with what
    /// waited for the save.
    SaveCopyDialog,
    /// Save this version to `path` instead of over the changed file, then go on with what
    /// waited for the save.
    SaveCopy(PathBuf),
    /// Ask where to save with the system dialog, then save there.
    SaveAsDialog,
    SaveAs(PathBuf),
    Undo,
    Redo,
    GoTo(Step),
    NextStep,
    PreviousStep,
    AddTeam,
    RemoveTeam(TeamId),
    AddParticipant,
    RemoveParticipant(ParticipantId),
    /// Turn the audit gap with this key into an action item.
    AddGapAction(&'static str),
    AddMetric,
    RemoveMetric(MetricId),
    /// Add a metric with this name and make it the north star.
    AddNorthStar(&'static str),
    AddMeeting,
    RemoveMeeting(MeetingId),
    AddDecision,
    RemoveDecision(DecisionId),
    AddAction,
    RemoveAction(ActionId),
    ParkTopic,
    RemoveParked(ParkingId),
    AddAgendaItem,
    RemoveAgendaItem(AgendaItemId),
    /// Start the clock on the agenda item at this index and go to its step.
    StartAgendaItem(usize),
    /// Pause the agenda clock, or start it again.
    PauseResumeAgenda,
    /// Finish the current agenda item and start the next.
    NextAgendaItem,
    /// Ask where to write the agreement as one file of this format (Markdown, HTML), then
    /// write it.
    ExportDocumentDialog(crate::export::Format),
    /// Ask for a folder, then write each table there as CSV.
    ExportCsvDialog,
    /// Write the document(s) of this format to this file (or, for several, this folder).
    Export(crate::export::Format, PathBuf),
    /// Ask where to write the meeting calendar, then write it.
    ExportCalendarDialog,
    ExportCalendar(PathBuf),
    /// Ask for a customer export with the system dialog, then preview it.
    ImportCustomersDialog,
    /// Read the first rows of a customer export to map its columns.
    PreviewCustomers(PathBuf),
    /// Import the mapped customer export on a worker thread.
    StartCustomerImport,
    CancelCustomerImport,
    /// Put the imported customers away and start again with another file.
    CloseCustomerData,
    /// Add the suggested ICP criterion at this index to the ICP.
    AcceptSuggestion(usize),
    /// Turn down the suggested ICP criterion at this index.
    RejectSuggestion(usize),
    AddCriterion,
    RemoveCriterion(CriterionId),
    AddAntiPattern,
    RemoveAntiPattern(AntiPatternId),
    /// Ask for a leads export with the system dialog, then preview it.
    ImportLeadsDialog,
    /// Read the first rows of a leads export to map its columns.
    PreviewLeads(PathBuf),
    /// Import the mapped leads export on a worker thread.
    StartLeadImport,
    CancelLeadImport,
    /// Put the imported leads away and start again with another file.
    CloseLeadData,
    /// Add a scoring rule with this condition and no points yet.
    AddRule(Condition),
    RemoveRule(RuleId),
    /// Show this definition on the definitions step.
    SelectDefinition(DefinitionId),
    AddDefinition,
    /// Add the product-qualified lead, worded as in the product-led template.
    AddPql,
    RemoveDefinition(DefinitionId),
    /// Add an empty team proposal to the definition.
    AddProposal(DefinitionId),
    RemoveProposal(DefinitionId, usize),
    /// Make the proposal at this index the definition's wording.
    UseProposal(DefinitionId, usize),
    /// Show this stage in full on the pipeline step.
    SelectStage(StageId),
    AddStage,
    /// Move a stage this many places (negative: earlier).
    MoveStage(StageId, isize),
    /// Remove a stage; asks first when its hand-off links an SLA.
    RemoveStage(StageId),
    /// Remove a stage without asking (the question was answered).
    ConfirmRemoveStage(StageId),
    /// Ask for a CRM export with the system dialog, to count the funnel from its stage column.
    FunnelCsvDialog,
    /// Preview a CRM export to count the funnel from its stage column.
    PreviewFunnelCsv(PathBuf),
    /// Count the funnel from the previewed export's chosen column.
    CountFunnelCsv,
    /// Stop counting and go back to choosing the stage column.
    CancelFunnelCount,
    CloseFunnelCsv,
    /// Show the SLAs between these two teams.
    SelectSlaPair(Option<TeamId>, Option<TeamId>),
    /// Add an SLA from the first team to the second.
    AddSla(Option<TeamId>, Option<TeamId>),
    RemoveSla(SlaId),
    /// Start checking this SLA against events: the file is dropped or chosen next.
    CheckSla(SlaId),
    /// Ask for an events export with the system dialog, to check this SLA against it.
    CheckSlaDialog(SlaId),
    /// Read the first rows of an events export to map its columns for this SLA.
    PreviewEvents(SlaId, PathBuf),
    /// Read the mapped events on a worker thread.
    StartEventImport,
    CancelEventImport,
    /// Put the events away.
    CloseEventData,
    /// Add a feedback loop from the first team to the second.
    AddFeedbackLoop(Option<TeamId>, Option<TeamId>),
    RemoveFeedbackLoop(FeedbackLoopId),
    ToggleTheme,
    SetTextSize(TextSize),
    RestoreRecovery,
    DiscardRecovery,
    ClearRecentFiles,
    Quit,
}

impl Command {
    /// The commands reachable from the keyboard, in the order menus list them.
    pub fn with_shortcuts() -> [Self; 14] {
        [
            Self::OpenPalette,
            Self::TogglePresenter,
            Self::Capture(CaptureKind::Decision),
            Self::Capture(CaptureKind::Action),
            Self::Capture(CaptureKind::Parked),
            Self::ChooseTemplate,
            Self::OpenDialog,
            Self::Save,
            Self::SaveAsDialog,
            Self::Undo,
            Self::Redo,
            Self::NextStep,
            Self::PreviousStep,
            Self::ToggleTheme,
        ]
    }

    /// The name shown in menus and on buttons.
    pub fn label(&self) -> String {
        match self {
            Self::OpenPalette => "Command palette…".into(),
            Self::TogglePresenter => "Presenter mode".into(),
            Self::Capture(CaptureKind::Decision) => "Add decision…".into(),
            Self::Capture(CaptureKind::Action) => "Add action item…".into(),
            Self::Capture(CaptureKind::Parked) => "Park a topic…".into(),
            Self::Record(kind, _) => kind.prompt().into(),
            Self::ChooseTemplate => "New from template…".into(),
            Self::NewFromTemplate(name) => format!("New from {name}"),
            Self::OpenDialog => "Open…".into(),
            Self::Open(path) => path.display().to_string(),
            Self::Save => "Save".into(),
            Self::SaveOverChanged => "Replace it with my version".into(),
            Self::SaveCopyDialog => "Save mine as a copy…".into(),
            Self::SaveCopy(path) => format!("Save mine as {}", path.display()),
            Self::SaveAsDialog => "Save as…".into(),
            Self::SaveAs(path) => format!("Save as {}", path.display()),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::GoTo(step) => format!("Go to {}", step.label()),
            Self::NextStep => "Next step".into(),
            Self::PreviousStep => "Previous step".into(),
            Self::AddTeam => "Add team".into(),
            Self::RemoveTeam(_) => "Remove team".into(),
            Self::AddParticipant => "Add participant".into(),
            Self::RemoveParticipant(_) => "Remove participant".into(),
            Self::AddGapAction(_) => "Add as action".into(),
            Self::AddMetric => "Add metric".into(),
            Self::RemoveMetric(_) => "Remove metric".into(),
            Self::AddNorthStar(name) => format!("Make {name} the north star"),
            Self::AddMeeting => "Add meeting".into(),
            Self::RemoveMeeting(_) => "Remove meeting".into(),
            Self::AddDecision => "Add decision".into(),
            Self::RemoveDecision(_) => "Remove decision".into(),
            Self::AddAction => "Add action item".into(),
            Self::RemoveAction(_) => "Remove action item".into(),
            Self::ParkTopic => "Park a topic".into(),
            Self::RemoveParked(_) => "Remove parked topic".into(),
            Self::AddAgendaItem => "Add agenda item".into(),
            Self::RemoveAgendaItem(_) => "Remove agenda item".into(),
            Self::StartAgendaItem(index) => format!("Start agenda item {}", index + 1),
            Self::PauseResumeAgenda => "Pause / resume the agenda clock".into(),
            Self::NextAgendaItem => "Next agenda item".into(),
            Self::ExportDocumentDialog(crate::export::Format::Html) => {
                "Export a printable page (HTML)…".into()
            }
            Self::ExportDocumentDialog(crate::export::Format::Pdf) => "Export a PDF…".into(),
            Self::ExportDocumentDialog(crate::export::Format::Xlsx) => {
                "Export the tables (spreadsheet)…".into()
            }
            Self::ExportDocumentDialog(_) => "Export the agreement (Markdown)…".into(),
            Self::ExportCsvDialog => "Export the tables (CSV)…".into(),
            Self::Export(format, path) => {
                format!("Export {} to {}", format.extension(), path.display())
            }
            Self::ExportCalendarDialog => "Export calendar (.ics)…".into(),
            Self::ExportCalendar(path) => format!("Export calendar to {}", path.display()),
            Self::ImportCustomersDialog => "Import customers (CSV)…".into(),
            Self::PreviewCustomers(path) => format!("Import customers from {}", path.display()),
            Self::StartCustomerImport => "Import customers".into(),
            Self::CancelCustomerImport => "Cancel import".into(),
            Self::CloseCustomerData => "Import another file".into(),
            Self::AcceptSuggestion(_) => "Accept".into(),
            Self::RejectSuggestion(_) => "Reject".into(),
            Self::AddCriterion => "Add criterion".into(),
            Self::RemoveCriterion(_) => "Remove criterion".into(),
            Self::AddAntiPattern => "Add anti-pattern".into(),
            Self::RemoveAntiPattern(_) => "Remove anti-pattern".into(),
            Self::ImportLeadsDialog => "Import leads (CSV)…".into(),
            Self::PreviewLeads(path) => format!("Import leads from {}", path.display()),
            Self::StartLeadImport => "Import leads".into(),
            Self::CancelLeadImport => "Cancel import".into(),
            Self::CloseLeadData => "Import another file".into(),
            Self::AddRule(condition) => format!("Add rule: {}", condition.describe()),
            Self::RemoveRule(_) => "Remove rule".into(),
            Self::SelectDefinition(_) => "Show definition".into(),
            Self::AddDefinition => "Add term".into(),
            Self::AddPql => "Add PQL".into(),
            Self::RemoveDefinition(_) => "Remove term".into(),
            Self::AddProposal(_) => "Add a team's wording".into(),
            Self::RemoveProposal(..) => "Remove proposal".into(),
            Self::UseProposal(..) => "Use this wording".into(),
            Self::SelectStage(_) => "Show stage".into(),
            Self::AddStage => "Add stage".into(),
            Self::MoveStage(_, by) if *by < 0 => "Move stage earlier".into(),
            Self::MoveStage(..) => "Move stage later".into(),
            Self::RemoveStage(_) | Self::ConfirmRemoveStage(_) => "Remove stage".into(),
            Self::FunnelCsvDialog => "Count the funnel from a CSV…".into(),
            Self::PreviewFunnelCsv(path) => format!("Count the funnel from {}", path.display()),
            Self::CountFunnelCsv => "Count the funnel".into(),
            Self::CancelFunnelCount => "Cancel the count".into(),
            Self::CloseFunnelCsv => "Close the file".into(),
            Self::SelectSlaPair(..) => "Show these SLAs".into(),
            Self::AddSla(..) => "Add SLA".into(),
            Self::RemoveSla(_) => "Remove SLA".into(),
            Self::CheckSla(_) => "Check against events".into(),
            Self::CheckSlaDialog(_) => "Choose events file…".into(),
            Self::PreviewEvents(_, path) => format!("Check events from {}", path.display()),
            Self::StartEventImport => "Check the SLA".into(),
            Self::CancelEventImport => "Cancel import".into(),
            Self::CloseEventData => "Close the events".into(),
            Self::AddFeedbackLoop(..) => "Add feedback loop".into(),
            Self::RemoveFeedbackLoop(_) => "Remove feedback loop".into(),
            Self::ToggleTheme => "Switch light / dark".into(),
            Self::SetTextSize(size) => size.label().into(),
            Self::RestoreRecovery => "Restore unsaved work".into(),
            Self::DiscardRecovery => "Discard unsaved work".into(),
            Self::ClearRecentFiles => "Clear recent files".into(),
            Self::Quit => "Quit".into(),
        }
    }

    /// A sentence for the tooltip.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::OpenPalette => "Find any command by typing part of its name",
            Self::TogglePresenter => {
                "Large, high-contrast and without editing chrome, for the shared screen"
            }
            Self::Capture(_) => "Write it down without leaving this step",
            Self::ChooseTemplate => "Start a new workshop from one of the bundled templates",
            Self::OpenDialog | Self::Open(_) => "Open a saved workshop session",
            Self::Save => "Save the session to its file",
            Self::SaveAsDialog | Self::SaveAs(_) => "Save the session to a new file",
            Self::Undo => "Take back the last change",
            Self::Redo => "Bring back the change you took back",
            Self::NextStep => "Go to the next step of the workshop",
            Self::PreviousStep => "Go to the previous step of the workshop",
            Self::ToggleTheme => "Switch between the light and the dark theme",
            _ => "",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let cmd_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        Some(match self {
            Self::OpenPalette => cmd(Key::K),
            Self::TogglePresenter => KeyboardShortcut::new(Modifiers::NONE, Key::F5),
            Self::Capture(CaptureKind::Decision) => cmd(Key::D),
            Self::Capture(CaptureKind::Action) => cmd(Key::T),
            Self::Capture(CaptureKind::Parked) => cmd(Key::P),
            Self::ChooseTemplate => cmd(Key::N),
            Self::OpenDialog => cmd(Key::O),
            Self::Save => cmd(Key::S),
            Self::SaveAsDialog => cmd_shift(Key::S),
            Self::Undo => cmd(Key::Z),
            Self::Redo => cmd_shift(Key::Z),
            Self::NextStep => cmd(Key::PageDown),
            Self::PreviousStep => cmd(Key::PageUp),
            Self::ToggleTheme => cmd_shift(Key::L),
            _ => return None,
        })
    }

    /// Shortcuts that also trigger a command, beyond the one menus show.
    pub fn alternative_shortcuts(&self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        match self {
            Self::Redo => &REDO,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for command in Command::with_shortcuts() {
            let shortcuts = command
                .shortcut()
                .into_iter()
                .chain(command.alternative_shortcuts().iter().copied());
            for shortcut in shortcuts {
                assert!(
                    !seen.contains(&shortcut),
                    "{} reuses a shortcut",
                    command.label()
                );
                seen.push(shortcut);
            }
        }
        assert!(seen.len() >= Command::with_shortcuts().len());
    }
}
