//! Every structural action of the app as one value, queued during the frame and run once at
//! its end. A user's command by name is a [`UiCommand`]; what the screens send with data
//! (which stage, which file, which row) is a message of its area, each run in its own file:
//! files, imports, edits, exports.

mod edits;
mod exports;
mod files;
mod imports;
mod review;
mod ui_command;
mod workshop;

pub use super::prefs::TextSize;
pub use crate::edit::Capture;
pub use edits::EditCommand;
pub use files::FileCommand;
pub use imports::ImportCommand;
pub use ui_command::{Menu, UiCommand};
pub use workshop::WorkshopCommand;

use std::path::{Path, PathBuf};

use super::paths::{self, FileDialogs, PathFor, TypedPath};
use super::{App, Modal};
use crate::edit::{Applied, Edit};
use crate::model::Step;

/// A structural action or side effect, queued during the frame and run at its end.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A command a user asks for by name: menus, shortcuts, the palette.
    Ui(UiCommand),
    /// Opening, saving, recovering and exporting the document.
    File(FileCommand),
    /// Reading a CRM export: customers, leads, events, funnel records.
    Import(ImportCommand),
    /// A structural change to the agreements, or to what a step shows.
    Edit(EditCommand),
    /// A change to the workshop's own record: people, cadence, decisions, the agenda.
    Workshop(WorkshopCommand),
    /// The room the phones join: opening it, what it shows, who is in it.
    Room(super::room::RoomCommand),
}

impl From<super::room::RoomCommand> for Command {
    fn from(command: super::room::RoomCommand) -> Self {
        Self::Room(command)
    }
}

impl From<UiCommand> for Command {
    fn from(command: UiCommand) -> Self {
        Self::Ui(command)
    }
}

impl From<FileCommand> for Command {
    fn from(command: FileCommand) -> Self {
        Self::File(command)
    }
}

impl From<ImportCommand> for Command {
    fn from(command: ImportCommand) -> Self {
        Self::Import(command)
    }
}

impl From<WorkshopCommand> for Command {
    fn from(command: WorkshopCommand) -> Self {
        Self::Workshop(command)
    }
}

impl From<EditCommand> for Command {
    fn from(command: EditCommand) -> Self {
        Self::Edit(command)
    }
}

impl Command {
    /// True when running it puts the open document away: unsaved work is asked about first.
    fn replaces_document(&self) -> bool {
        matches!(
            self,
            Self::Ui(UiCommand::Quit)
                | Self::File(FileCommand::NewFromTemplate(_) | FileCommand::Open(_))
        )
    }
}

impl App {
    /// Queues a command to run at the end of the frame.
    pub fn queue(&mut self, command: impl Into<Command>) {
        self.commands.push(command.into());
    }

    /// Runs every queued command, in order.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        let mut commands = std::mem::take(&mut self.commands).into_iter();
        while let Some(command) = commands.next() {
            let was_asking = matches!(self.modal, Some(Modal::ChangedOnDisk { .. }));
            self.run(ctx, command, false);
            if let Some(Modal::ChangedOnDisk { then }) = &mut self.modal
                && !was_asking
            {
                // The save waits for an answer, and what was queued after it waits with it:
                // "Save, then quit" must not quit before the file is safe.
                then.extend(commands.by_ref());
            }
        }
        // Commands change what is on screen after it was drawn: show the result now.
        ctx.request_repaint();
    }

    fn run(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        if command.replaces_document() {
            // The frame's edits, and earlier commands, may have changed it since the last look.
            self.doc.observe();
            if !confirmed && self.doc.is_unsaved() {
                self.modal = Some(Modal::ConfirmDiscard {
                    then: Box::new(command),
                });
                return;
            }
        }
        match command {
            Command::Ui(command) => self.run_ui(ctx, command),
            Command::File(command) => self.run_file(command),
            Command::Import(command) => self.run_import(ctx, command),
            Command::Edit(command) => self.run_edit(command),
            Command::Workshop(command) => self.run_workshop(ctx, command),
            Command::Room(command) => self.run_room(ctx, command),
        }
    }

    /// Runs the command the user confirmed in the discard dialog.
    pub fn confirm(&mut self, ctx: &egui::Context, command: Command) {
        self.modal = None;
        if command == Command::Ui(UiCommand::Quit) {
            // The work is thrown away on purpose: it must not come back as a recovery offer.
            let tick = self.autosave.clear();
            self.report(tick);
        }
        self.run(ctx, command, true);
    }

    fn run_ui(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::OpenPalette => self.modal = Some(Modal::Palette(Default::default())),
            UiCommand::TogglePresenter => self.presenter = !self.presenter,
            UiCommand::Capture(kind) => {
                self.modal = Some(Modal::Capture {
                    kind,
                    text: String::new(),
                });
            }
            UiCommand::ChooseTemplate => self.modal = Some(Modal::Welcome),
            UiCommand::Open => self.open_dialog(ctx),
            UiCommand::Save => self.save(),
            UiCommand::SaveAs => self.save_as_dialog(),
            UiCommand::StartNextReview => self.next_review_dialog(),
            UiCommand::CompareWith => self.compare_dialog(),
            UiCommand::ShowTrend => self.show_trend(),
            UiCommand::OpenRoom => {
                self.modal = Some(if self.doc.work.room.is_some() {
                    Modal::RoomCode
                } else {
                    // The networks are read once, as the dialog opens, not in every frame.
                    Modal::OpenRoom(crate::room::interfaces())
                });
            }
            UiCommand::CloseRoom => self.run_room(ctx, super::room::RoomCommand::Close),
            UiCommand::Undo => {
                if !self.doc.undo() {
                    self.notices.info("Nothing to undo");
                }
            }
            UiCommand::Redo => {
                if !self.doc.redo() {
                    self.notices.info("Nothing to redo");
                }
            }
            UiCommand::GoTo(step) => self.step = step,
            UiCommand::NextStep | UiCommand::PreviousStep => {
                let index = Step::ALL.iter().position(|s| *s == self.step).unwrap_or(0);
                let last = Step::ALL.len() - 1;
                let index = if command == UiCommand::NextStep {
                    (index + 1).min(last)
                } else {
                    index.saturating_sub(1)
                };
                self.step = Step::ALL[index];
            }
            UiCommand::AddTeam => self.run_workshop(ctx, WorkshopCommand::AddTeam),
            UiCommand::AddParticipant => self.run_workshop(ctx, WorkshopCommand::AddParticipant),
            UiCommand::AddMetric => self.run_workshop(ctx, WorkshopCommand::AddMetric),
            UiCommand::AddMeeting => self.run_workshop(ctx, WorkshopCommand::AddMeeting),
            UiCommand::AddAgendaItem => self.run_workshop(ctx, WorkshopCommand::AddAgendaItem),
            UiCommand::PauseResumeAgenda => {
                self.run_workshop(ctx, WorkshopCommand::PauseResumeAgenda)
            }
            UiCommand::NextAgendaItem => self.run_workshop(ctx, WorkshopCommand::NextAgendaItem),
            UiCommand::AddCriterion => {
                self.step = Step::Icp;
                self.run_edit(EditCommand::AddCriterion);
            }
            UiCommand::AddAntiPattern => {
                self.step = Step::Icp;
                self.run_edit(EditCommand::AddAntiPattern);
            }
            UiCommand::AddTerm => {
                self.step = Step::Definitions;
                self.run_edit(EditCommand::AddDefinition);
            }
            UiCommand::AddStage => {
                self.step = Step::Pipeline;
                self.run_edit(EditCommand::AddStage);
            }
            UiCommand::AddSla => {
                self.step = Step::Slas;
                let (from, to) = self.sla_pair_in_view();
                self.run_edit(EditCommand::AddSla(from, to));
            }
            UiCommand::AddFeedbackLoop => {
                self.step = Step::FeedbackLoops;
                self.run_edit(EditCommand::AddFeedbackLoop(None, None));
            }
            UiCommand::ImportCustomers => self.import_dialog(ImportKind::Customers),
            UiCommand::ImportLeads => self.import_dialog(ImportKind::Leads),
            UiCommand::CountFunnelFromCsv => self.import_dialog(ImportKind::Funnel),
            UiCommand::Export(format) => self.export_dialog(format),
            UiCommand::SetUpCrm => {
                self.modal = Some(Modal::Crm(crate::export::crm::Crm::Hubspot));
            }
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            UiCommand::SetTextSize(size) => self.prefs.text_size = size,
            UiCommand::ClearRecentFiles => self.prefs.recent_files.clear(),
            UiCommand::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The two teams the SLA step shows, for an SLA added from the palette: the pair in view,
    /// or, before there is any SLA, the first two teams.
    fn sla_pair_in_view(&self) -> crate::analysis::sla::Pair {
        let session = &self.doc.session;
        crate::analysis::sla::pair_shown(session, self.doc.work.slas.pair).unwrap_or_else(|| {
            let mut teams = session.teams.iter().map(|t| Some(t.id));
            (teams.next().flatten(), teams.next().flatten())
        })
    }

    /// Applies a structural change as one undo step, or says why it was not: the window's one
    /// way to change the document's structure. `None` when nothing was applied.
    pub(in crate::app) fn apply(&mut self, edit: Edit) -> Option<Applied> {
        if self.refused_as_read_only() {
            return None;
        }
        match self.doc.apply(edit) {
            Ok(applied) => Some(applied),
            Err(error) => {
                self.notices.error(format!("Not changed: {error}."));
                None
            }
        }
    }

    /// True, with a word to the room, when the open file is a newer Accord's: its page is
    /// read-only, and so is every command that would change it (from the palette, a
    /// shortcut or a dropped file).
    fn refused_as_read_only(&mut self) -> bool {
        if self.doc.newer.is_none() {
            return false;
        }
        self.notices.info(
            "This file was written by a newer Accord and is open read-only: Save a copy as… to change it.",
        );
        true
    }

    /// The paths for `purpose` from the system's file dialog; or, where this computer has
    /// none, the typed-path dialog, starting from the folder used last and `suggested`, and
    /// nothing for now: the path typed there becomes `purpose`'s command.
    pub(super) fn ask_path(
        &mut self,
        purpose: PathFor,
        dialog: rfd::FileDialog,
        pick: Pick,
        suggested: &str,
    ) -> Option<Vec<PathBuf>> {
        if self.file_dialogs == FileDialogs::System && paths::system_dialog_available() {
            return match pick {
                Pick::File => dialog.pick_file().map(|p| vec![p]),
                Pick::Files => dialog.pick_files(),
                Pick::Save => dialog.save_file().map(|p| vec![p]),
                Pick::Folder => dialog.pick_folder().map(|p| vec![p]),
            };
        }
        let folder = self
            .prefs
            .last_folder
            .clone()
            .or_else(|| {
                self.doc
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_owned)
            })
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from));
        let text = match folder {
            Some(folder) => folder.join(suggested).display().to_string(),
            None => suggested.to_owned(),
        };
        self.modal = Some(Modal::TypePath(Box::new(TypedPath { purpose, text })));
        None
    }

    /// The system file dialog for one kind of file, opening in the folder used last.
    fn file_dialog(&self, kind: &str, extensions: &[&str]) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter(kind, extensions);
        match &self.prefs.last_folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
    }
}

/// What the system's file dialog picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pick {
    File,
    Files,
    Save,
    Folder,
}

/// The CRM exports a file dialog can be asked for.
#[derive(Clone, Copy, Debug)]
enum ImportKind {
    Customers,
    Leads,
    Funnel,
}
