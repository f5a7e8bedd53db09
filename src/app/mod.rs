//! The eframe app: the open document, the command queue and everything that happens between
//! frames (saving, autosave, undo). What it draws lives in `ui`.

mod autosave;
mod commands;
mod document;
pub mod funnel;
pub mod icp;
pub mod job;
pub mod leads;
mod notice;
pub mod palette;
mod prefs;
pub mod slas;
mod workspace;

use std::path::PathBuf;

pub use commands::{
    CaptureKind, Command, EditCommand, FileCommand, ImportCommand, Menu, TextSize, UiCommand,
};
pub use document::Document;
pub use notice::{Level, Notice, Notices};
pub use prefs::Prefs;
pub use workspace::Workspace;

use crate::model::Step;
use crate::storage::{recovery::Recovery, recovery::RecoveryFile, templates};
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
    /// The command palette, with what has been typed so far.
    Palette(palette::Palette),
    /// Writing down a decision, action or parked topic.
    Capture { kind: CaptureKind, text: String },
    /// Removing a stage whose hand-off links an SLA: say what happens to the link first.
    ConfirmRemoveStage {
        stage: crate::model::StageId,
        message: String,
    },
    /// Another program changed the open file since it was opened or saved here: ask before a
    /// save replaces that. `then` holds the commands queued after the save, which wait for
    /// the answer.
    ChangedOnDisk { then: Vec<Command> },
}

/// The typical funnel ranges the app compares with, and where they came from.
#[derive(Clone, Debug)]
pub struct TypicalRanges {
    pub ranges: Result<crate::analysis::pipeline::Ranges, String>,
    /// The user's file, when the ranges came from one.
    pub file: Option<PathBuf>,
}

impl TypicalRanges {
    /// The name of the file in the data folder that replaces the built-in ranges.
    pub const FILE_NAME: &'static str = "funnel-ranges.ron";

    /// The user's ranges from `data_dir` if the file is there, otherwise the built-in ones. A
    /// broken file is reported with its line and column rather than ignored.
    pub fn load(data_dir: &std::path::Path) -> Self {
        use crate::analysis::pipeline::Ranges;
        let path = data_dir.join(Self::FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self {
                ranges: Ranges::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
                file: Some(path),
            },
            Err(_) => Self {
                ranges: Ranges::bundled().map_err(|e| format!("the built-in ranges: {e}")),
                file: None,
            },
        }
    }
}

/// The Accord app.
pub struct App {
    pub doc: Document,
    /// Presenter mode: large, high-contrast, without editing chrome. Not remembered.
    pub presenter: bool,
    pub step: Step,
    pub prefs: Prefs,
    pub notices: Notices,
    pub modal: Option<Modal>,
    /// The typical funnel ranges: the user's own file in the data folder when there is one,
    /// otherwise the built-in ones.
    pub ranges: TypicalRanges,
    /// The rail's step states and readiness, for the document revision they were worked out at.
    overview: Option<(u64, std::sync::Arc<crate::analysis::progress::Overview>)>,
    commands: Vec<Command>,
    autosave: Autosave,
    /// The user confirmed closing with unsaved work.
    close_confirmed: bool,
    /// The last window title sent, to send it again only when it changes.
    window_title: String,
}

/// The window Accord opens; the start-up benchmark opens its bare baseline window the same way.
pub fn native_options() -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Accord")
            .with_app_id("accord")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    }
}

impl App {
    /// The preferences eframe kept for the window, or the defaults.
    pub fn stored_prefs(cc: &eframe::CreationContext<'_>) -> Prefs {
        cc.storage
            .and_then(|storage| eframe::get_value(storage, prefs::STORAGE_KEY))
            .unwrap_or_default()
    }

    /// Builds the app: offers recovered work, or opens the requested or last session, or
    /// shows the start screen. The window's look is `ui`'s: see `App::new` there.
    pub fn with_options(prefs: Prefs, options: AppOptions) -> Self {
        let recovery_file = RecoveryFile::in_dir(&options.data_dir);
        let mut app = Self {
            // The starting template is read below, only if no file opens.
            doc: Document::new_from(crate::model::Session::default()),
            presenter: false,
            step: Step::default(),
            prefs,
            notices: Notices::default(),
            modal: None,
            ranges: TypicalRanges::load(&options.data_dir),
            overview: None,
            commands: Vec::new(),
            autosave: Autosave::new(recovery_file.clone(), options.autosave_delay_seconds),
            close_confirmed: false,
            window_title: String::new(),
        };
        // A file named on the command line must open or say why; the last session is only a
        // convenience, so one that was moved or deleted since is skipped quietly.
        let last = app.prefs.last_session.clone().filter(|path| path.exists());
        let opened = options.open.or(last).is_some_and(|path| app.open(&path));
        if !opened {
            app.doc = Document::new_from(starting_session());
        }
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

    /// Every step's state and the readiness score, worked out again only when the session
    /// changed since the last [`Document::observe`].
    pub fn overview(&mut self) -> std::sync::Arc<crate::analysis::progress::Overview> {
        let revision = self.doc.revision();
        match &self.overview {
            Some((seen, overview)) if *seen == revision => overview.clone(),
            _ => {
                let overview =
                    std::sync::Arc::new(crate::analysis::progress::Overview::of(&self.doc.session));
                self.overview = Some((revision, overview.clone()));
                overview
            }
        }
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
        let revision = self.doc.revision();
        // Also brings the unsaved state up to date for the title, the autosave and closing.
        self.doc.feed_history(now);
        if self.doc.revision() != revision {
            // The rail and the top bar were drawn before this frame's edit: show it there too.
            ctx.request_repaint();
        }
        // Once the user chose to quit without saving, the work must not come back as a
        // recovery offer.
        if !self.close_confirmed {
            let tick = self.autosave.tick(now, &self.doc);
            if let Tick::WaitSeconds(seconds) = tick {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            self.report(tick);
        }

        if let Some(message) = self.doc.work.icp.poll() {
            self.notices
                .error(format!("Customers not imported: {message}"));
        }
        if let icp::Stage::Explored(explored) = &mut self.doc.work.icp.stage {
            explored.write_summary(&mut self.doc.session.icp);
        }
        if let Some(message) = self.doc.work.leads.poll(&self.doc.session) {
            self.notices.error(format!("Leads not imported: {message}"));
        }
        if let Some(message) = self.doc.work.slas.poll(&self.doc.session.slas) {
            self.notices.error(format!("Events not read: {message}"));
        }
        if let Err(message) = self.doc.work.slas.follow(ctx, &self.doc.session.slas) {
            self.notices.error(format!("Events not read: {message}"));
        }
        match self.doc.work.funnel.poll() {
            Some(Ok(counted)) => self.apply_funnel_counts(counted),
            Some(Err(message)) => self.notices.error(format!("Funnel not counted: {message}")),
            None => {}
        }
        let checking = matches!(self.doc.work.slas.stage, slas::Stage::Importing(_));
        let busy =
            self.doc.work.icp.is_importing() || self.doc.work.leads.is_importing() || checking;
        if busy || self.doc.work.funnel.is_counting() {
            // Progress moves on its own: a few frames a second show it without spinning.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }

        if self.doc.work.timer.is_running() {
            // The countdown shows whole seconds: one repaint a second, not one a frame.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
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
                then: Box::new(Command::Ui(UiCommand::Quit)),
            });
        }
    }

    /// When the window comes back into focus, says if another program (or a colleague's Accord
    /// on a shared drive) changed the open file meanwhile: better to hear it then than at Save.
    /// Nothing polls the disk, so an idle window stays idle.
    fn look_at_the_file_on_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if !focused {
            return;
        }
        let (Some(theirs), Some(name)) = (self.doc.other_version_on_disk(), self.doc.file_name())
        else {
            return;
        };
        if self.doc.work.told_of_change == Some(theirs) {
            return;
        }
        self.doc.work.told_of_change = Some(theirs);
        self.notices.info(format!(
            "“{name}” was changed by another program since it was opened here. Your work is on \
             screen as you left it; Save will ask before replacing their version."
        ));
    }

    /// Takes a paste longer than a session keeps in one text out of the frame's input, before
    /// any field sees it: a whole file pasted into a title would cost the window gigabytes to
    /// lay out, and the session could not be saved with it.
    fn refuse_huge_pastes(&mut self, ctx: &egui::Context) {
        let limit = crate::storage::MAX_TEXT_BYTES;
        let mut refused = None;
        ctx.input_mut(|input| {
            input.events.retain(|event| match event {
                egui::Event::Paste(text) if text.len() > limit => {
                    refused = Some(text.len());
                    false
                }
                _ => true,
            });
        });
        if let Some(bytes) = refused {
            self.notices.error(format!(
                "Nothing was pasted: the clipboard holds {} KB of text, and a field keeps at most {} KB.",
                bytes.div_ceil(1024),
                limit / 1024
            ));
        }
    }

    /// A session file dropped on the window opens; anything else is taken for a leads export on
    /// the lead-scoring step, and for a customer export everywhere else.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_owned();
            let is_session = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            self.queue(if is_session {
                Command::File(FileCommand::Open(path))
            } else if self.step == Step::Slas {
                match self.doc.work.slas.stage.sla() {
                    Some(sla) => Command::Import(ImportCommand::PreviewEvents(sla, path)),
                    None => {
                        self.notices.info(
                            "To check an SLA, press “Check against events” on it, then drop the file.",
                        );
                        continue;
                    }
                }
            } else if self.step == Step::Pipeline {
                Command::Import(ImportCommand::PreviewFunnelCsv(path))
            } else if self.step == Step::LeadScoring {
                Command::Import(ImportCommand::PreviewLeads(path))
            } else {
                Command::Import(ImportCommand::PreviewCustomers(path))
            });
        }
    }

    /// Runs the commands whose shortcuts were pressed this frame.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        for (shortcut, command) in UiCommand::bindings() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue(command);
            }
        }
    }

    /// What happens before the frame is drawn: the document is looked at, the frame's input
    /// is screened (huge pastes, shortcuts, dropped files) and the file checked on focus.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        // Once here and once after the frame (in `feed_history`): the only two full
        // comparisons of the session a frame makes.
        self.doc.observe();
        self.refuse_huge_pastes(ctx);
        self.look_at_the_file_on_focus(ctx);
        if self.modal.is_none() {
            self.handle_shortcuts(ctx);
            self.handle_dropped_files(ctx);
        }
    }

    /// What happens after the frame was drawn: the queued commands run, then history,
    /// autosave, jobs and the window title.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.run_commands(ctx);
        self.after_frame(ctx);
    }

    /// Keeps the preferences in eframe's storage (never the session).
    pub fn save_prefs(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }

    /// As the window closes: work that is safe in its file needs no recovery copy.
    pub fn exit(&mut self) {
        self.doc.observe();
        if !self.doc.is_unsaved() {
            let tick = self.autosave.clear();
            if let Tick::Failed(error) = tick {
                eprintln!("accord: {}", chain(error));
            }
        }
    }
}

/// An error with its whole chain of causes, each said once.
fn chain(error: impl Into<anyhow::Error>) -> String {
    format!("{:#}", error.into())
}

/// The session shown before the user picks anything: the recommended template.
fn starting_session() -> crate::model::Session {
    templates::TEMPLATES[0].session().unwrap_or_default()
}
