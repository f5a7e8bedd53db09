//! The eframe app: the open document, the command queue and everything that happens between
//! frames (saving, autosave, undo). What it draws lives in `ui`.

mod autosave;
mod command;
mod document;
mod notice;
mod prefs;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use command::{Command, TextSize};
pub use document::Document;
pub use notice::{Level, Notice, Notices};
pub use prefs::Prefs;

use crate::model::{ActionItem, Metric, Step};
use crate::storage::{self, recovery::Recovery, recovery::RecoveryFile, templates};
use autosave::{Autosave, Tick};

/// How long the document rests after an edit before it reaches the recovery file.
pub const AUTOSAVE_DELAY_SECONDS: f64 = 2.0;

/// How the app starts; tests point it at a scratch data folder.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Where the recovery file lives.
    pub data_dir: PathBuf,
    /// A session file to open instead of the last one.
    pub open: Option<PathBuf>,
    pub autosave_delay_seconds: f64,
}

impl AppOptions {
    /// The options of the real app, with its data in the user's data folder.
    pub fn standard(open: Option<PathBuf>) -> Self {
        let data_dir = directories::ProjectDirs::from("", "", "Accord").map_or_else(
            || std::env::temp_dir().join("accord"),
            |dirs| dirs.data_dir().to_owned(),
        );
        Self {
            data_dir,
            open,
            autosave_delay_seconds: AUTOSAVE_DELAY_SECONDS,
        }
    }
}

/// A dialog that holds the screen until answered.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Offer to restore work left in the recovery file.
    Restore(Box<Recovery>),
    /// The start screen: pick a template or open a file.
    Welcome,
    /// The current work is unsaved and `then` would replace it.
    ConfirmDiscard { then: Box<Command> },
}

/// The Accord app.
pub struct App {
    pub doc: Document,
    pub step: Step,
    pub prefs: Prefs,
    pub notices: Notices,
    pub modal: Option<Modal>,
    commands: Vec<Command>,
    autosave: Autosave,
    /// The user confirmed closing with unsaved work.
    close_confirmed: bool,
    /// The last window title sent, to send it again only when it changes.
    window_title: String,
}

/// Opens the window and runs the app until it closes.
pub fn run_native(open: Option<PathBuf>) -> anyhow::Result<()> {
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Accord")
            .with_app_id("accord")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    let options = AppOptions::standard(open);
    eframe::run_native(
        "Accord",
        native_options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, options)))),
    )
    .map_err(|error| anyhow::anyhow!("{error}"))
}

impl App {
    /// Builds the app: restores preferences, then offers recovered work, or opens the
    /// requested or last session, or shows the start screen.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, prefs::STORAGE_KEY))
            .unwrap_or_default();
        crate::ui::theme::install(&cc.egui_ctx, &prefs);
        Self::with_options(prefs, options)
    }

    /// Builds the app without a window context (the theme is installed by `new`).
    fn with_options(prefs: Prefs, options: AppOptions) -> Self {
        let recovery_file = RecoveryFile::in_dir(&options.data_dir);
        let mut app = Self {
            doc: Document::new_from(starting_session()),
            step: Step::default(),
            prefs,
            notices: Notices::default(),
            modal: None,
            commands: Vec::new(),
            autosave: Autosave::new(recovery_file.clone(), options.autosave_delay_seconds),
            close_confirmed: false,
            window_title: String::new(),
        };
        // A file named on the command line must open or say why; the last session is only a
        // convenience, so one that was moved or deleted since is skipped quietly.
        let last = app.prefs.last_session.clone().filter(|path| path.exists());
        let opened = options.open.or(last).is_some_and(|path| app.open(&path));
        match recovery_file.read() {
            Ok(Some(recovery)) => app.modal = Some(Modal::Restore(Box::new(recovery))),
            Ok(None) if !opened => app.modal = Some(Modal::Welcome),
            Ok(None) => {}
            Err(error) => app.notices.error(format!(
                "{}. The unsaved work in it could not be read; the file is left as it is.",
                chain(error)
            )),
        }
        app
    }

    /// Queues a command to run at the end of the frame.
    pub fn queue(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Runs every queued command, in order.
    fn run_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        for command in std::mem::take(&mut self.commands) {
            self.run(ctx, command, false);
        }
        // Commands change what is on screen after it was drawn: show the result now.
        ctx.request_repaint();
    }

    fn run(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        let replaces_document = matches!(
            command,
            Command::NewFromTemplate(_) | Command::Open(_) | Command::Quit
        );
        if replaces_document && !confirmed && self.doc.is_unsaved() {
            self.modal = Some(Modal::ConfirmDiscard {
                then: Box::new(command),
            });
            return;
        }
        match command {
            Command::ChooseTemplate => self.modal = Some(Modal::Welcome),
            Command::NewFromTemplate(name) => self.new_from_template(name),
            Command::OpenDialog => {
                if let Some(path) = self.file_dialog().pick_file() {
                    self.run(ctx, Command::Open(path), false);
                }
            }
            Command::Open(path) => {
                if self.open(&path) {
                    self.modal = None;
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run(ctx, Command::SaveAsDialog, false),
            },
            Command::SaveAsDialog => {
                let name = format!(
                    "{}.ron",
                    crate::storage::file_stem_for(&self.doc.display_name())
                );
                if let Some(path) = self.file_dialog().set_file_name(name).save_file() {
                    self.save_to(&path);
                }
            }
            Command::SaveAs(path) => self.save_to(&path),
            Command::Undo => {
                if !self.doc.undo() {
                    self.notices.info("Nothing to undo");
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.notices.info("Nothing to redo");
                }
            }
            Command::GoTo(step) => self.step = step,
            Command::NextStep | Command::PreviousStep => {
                let index = Step::ALL.iter().position(|s| *s == self.step).unwrap_or(0);
                let last = Step::ALL.len() - 1;
                let index = if command == Command::NextStep {
                    (index + 1).min(last)
                } else {
                    index.saturating_sub(1)
                };
                self.step = Step::ALL[index];
            }
            Command::AddTeam => {
                self.doc.checkpoint();
                self.doc.session.add_team("");
            }
            Command::RemoveTeam(id) => {
                self.doc.checkpoint();
                let name = self.doc.session.team_name(Some(id)).to_owned();
                self.doc.session.remove_team(id);
                self.notices
                    .info(format!("Removed {name} — Ctrl+Z brings it back"));
            }
            Command::AddParticipant => {
                self.doc.checkpoint();
                self.doc.session.add_participant();
            }
            Command::RemoveParticipant(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_participant(id);
            }
            Command::AddGapAction(key) => self.add_gap_action(key),
            Command::AddMetric => {
                self.doc.checkpoint();
                self.doc.session.add_metric(Metric::default());
            }
            Command::RemoveMetric(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_metric(id);
            }
            Command::AddNorthStar(name) => {
                self.doc.checkpoint();
                let session = &mut self.doc.session;
                // Promote the metric the room already has under that name, if any.
                let existing = session
                    .metrics
                    .iter()
                    .find(|m| m.name.trim().eq_ignore_ascii_case(name))
                    .map(|m| m.id);
                let id = existing.unwrap_or_else(|| {
                    session.add_metric(Metric {
                        name: name.to_owned(),
                        who_cares: "Everyone".to_owned(),
                        ..Metric::default()
                    })
                });
                session.set_north_star(id);
            }
            Command::AddMeeting => {
                self.doc.checkpoint();
                self.doc.session.add_meeting();
            }
            Command::RemoveMeeting(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_meeting(id);
            }
            Command::AddDecision => {
                self.doc.checkpoint();
                self.doc.session.add_decision(Some(self.step));
            }
            Command::RemoveDecision(id) => {
                self.doc.checkpoint();
                self.doc.session.decisions.retain(|d| d.id != id);
            }
            Command::AddAction => {
                self.doc.checkpoint();
                self.doc.session.add_action(Some(self.step));
            }
            Command::RemoveAction(id) => {
                self.doc.checkpoint();
                self.doc.session.actions.retain(|a| a.id != id);
            }
            Command::ParkTopic => {
                self.doc.checkpoint();
                self.doc.session.add_parked(Some(self.step));
            }
            Command::RemoveParked(id) => {
                self.doc.checkpoint();
                self.doc.session.parking_lot.retain(|p| p.id != id);
            }
            Command::ExportCalendarDialog => {
                let name = format!(
                    "{} meetings.ics",
                    crate::storage::file_stem_for(&self.doc.display_name())
                );
                let dialog = rfd::FileDialog::new().add_filter("Calendar", &["ics"]);
                let dialog = match &self.prefs.last_folder {
                    Some(folder) => dialog.set_directory(folder),
                    None => dialog,
                };
                if let Some(path) = dialog.set_file_name(name).save_file() {
                    self.export_calendar(&path);
                }
            }
            Command::ExportCalendar(path) => self.export_calendar(&path),
            Command::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                crate::ui::theme::apply(ctx, &self.prefs);
            }
            Command::SetTextSize(size) => {
                self.prefs.text_size = size;
                crate::ui::theme::apply(ctx, &self.prefs);
            }
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                // Without a file open, the start screen comes next.
                self.modal = (!self.doc.has_file()).then_some(Modal::Welcome);
                let tick = self.autosave.clear();
                self.report(tick);
            }
            Command::ClearRecentFiles => self.prefs.recent_files.clear(),
            Command::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Runs the command the user confirmed in the discard dialog.
    pub fn confirm(&mut self, ctx: &egui::Context, command: Command) {
        self.modal = None;
        if command == Command::Quit {
            // The work is thrown away on purpose: it must not come back as a recovery offer.
            let tick = self.autosave.clear();
            self.report(tick);
        }
        self.run(ctx, command, true);
    }

    fn file_dialog(&self) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter("Accord session", &["ron"]);
        match &self.prefs.last_folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
    }

    fn new_from_template(&mut self, name: &str) {
        let session = templates::find(name)
            .with_context(|| format!("there is no bundled template called {name}"))
            .and_then(|t| {
                t.session()
                    .with_context(|| format!("the {name} template is broken"))
            });
        match session {
            Ok(session) => {
                self.doc = Document::new_from(session);
                self.step = Step::Details;
                self.modal = None;
            }
            Err(error) => self.notices.error(format!("{error:#}")),
        }
    }

    /// Opens a session file; on failure the current document stays as it was.
    fn open(&mut self, path: &Path) -> bool {
        match storage::load(path) {
            Ok(session) => {
                self.doc = Document::opened(session, path.to_owned());
                self.prefs.remember(path);
                self.step = Step::Details;
                true
            }
            Err(error) => {
                self.notices.error(chain(error));
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) {
        match storage::save(path, &self.doc.session) {
            Ok(()) => {
                self.doc.mark_saved(path);
                self.prefs.remember(path);
                self.notices.info(format!("Saved to {}", path.display()));
            }
            Err(error) => self.notices.error(format!(
                "Not saved. {}. Your work is still open; try another folder.",
                chain(error)
            )),
        }
    }

    fn add_gap_action(&mut self, key: &str) {
        let today = jiff::Zoned::now().date();
        let gaps = crate::analysis::audit::gaps(&self.doc.session, today);
        let Some(gap) = gaps.into_iter().find(|gap| gap.key == key) else {
            return;
        };
        self.doc.checkpoint();
        let session = &mut self.doc.session;
        let id = session.new_id();
        session.actions.push(ActionItem {
            id,
            text: gap.text,
            // Where it came from; the gap's key says which step closes it.
            step: Some(Step::Audit),
            gap: Some(key.to_owned()),
            ..ActionItem::default()
        });
        self.notices.info("Added to the action items");
    }

    fn export_calendar(&mut self, path: &Path) {
        let calendar = crate::export::ics::calendar(&self.doc.session, jiff::Timestamp::now());
        if calendar.events == 0 {
            self.notices.error(
                "No meeting has a first date yet, so the calendar would be empty. Pick a date for each meeting first.",
            );
            return;
        }
        match storage::write_atomic(path, calendar.text.as_bytes(), false) {
            Ok(()) => {
                let mut message = format!(
                    "Calendar with {} meetings saved to {}",
                    calendar.events,
                    path.display()
                );
                if !calendar.unscheduled.is_empty() {
                    message.push_str(&format!(
                        ". Not in it, for want of a first date: {}",
                        calendar.unscheduled.join(", ")
                    ));
                }
                self.notices.info(message);
            }
            Err(error) => self
                .notices
                .error(format!("Calendar not saved. {}", chain(error))),
        }
    }

    fn restore_recovery(&mut self) {
        let Some(Modal::Restore(recovery)) = self.modal.take() else {
            return;
        };
        let Recovery {
            source, session, ..
        } = *recovery;
        // Compare with what the file holds now, so "unsaved" tells the truth.
        let on_disk = source.as_deref().and_then(|path| storage::load(path).ok());
        self.doc = Document::recovered(session, source, on_disk);
        self.notices
            .info("Your unsaved work is back. Save it to keep it.");
    }

    fn report(&mut self, tick: Tick) {
        if let Tick::Failed(error) = tick {
            self.notices.error(format!(
                "Could not keep a recovery copy: {}. Save your work to be safe.",
                chain(error)
            ));
        }
    }

    /// Work between frames: history, autosave, the window title, closing.
    fn after_frame(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        self.doc.feed_history(now);
        // Once the user chose to quit without saving, the work must not come back as a
        // recovery offer.
        if !self.close_confirmed {
            let tick = self.autosave.tick(now, &self.doc);
            if let Tick::WaitSeconds(seconds) = tick {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            self.report(tick);
        }

        let title = format!(
            "{}{} — Accord",
            if self.doc.is_unsaved() { "● " } else { "" },
            self.doc.display_name()
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && !self.close_confirmed && self.doc.is_unsaved() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::ConfirmDiscard {
                then: Box::new(Command::Quit),
            });
        }
    }

    /// Runs the commands whose shortcuts were pressed this frame.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let mut bindings: Vec<_> = Command::with_shortcuts()
            .into_iter()
            .flat_map(|command| {
                let main = command.shortcut();
                let more = command.alternative_shortcuts().iter().copied();
                main.into_iter()
                    .chain(more)
                    .map(move |s| (s, command.clone()))
            })
            .collect();
        // egui matches Ctrl+Z inside Ctrl+Shift+Z: try the shortcuts with more keys first.
        bindings.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        for (shortcut, command) in bindings {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue(command);
            }
        }
    }
}

/// An error with its whole chain of causes, each said once.
fn chain(error: impl Into<anyhow::Error>) -> String {
    format!("{:#}", error.into())
}

fn modifier_count(modifiers: egui::Modifiers) -> u8 {
    u8::from(modifiers.alt)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
}

/// The session shown before the user picks anything: the recommended template.
fn starting_session() -> crate::model::Session {
    templates::TEMPLATES[0].session().unwrap_or_default()
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.modal.is_none() {
            self.handle_shortcuts(&ctx);
        }
        crate::ui::app_ui(self, ui);
        self.run_commands(&ctx);
        self.after_frame(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if !self.doc.is_unsaved() {
            let tick = self.autosave.clear();
            if let Tick::Failed(error) = tick {
                eprintln!("accord: {}", chain(error));
            }
        }
    }
}
