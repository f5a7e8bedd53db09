//! The eframe app: the open document, the command queue and everything that happens between
//! frames (saving, autosave, undo). What it draws lives in `ui`.

mod autosave;
mod commands;
mod document;
mod frame;
pub(crate) mod funnel;
pub mod icp;
pub(crate) mod job;
pub mod leads;
mod notice;
pub(crate) mod palette;
pub mod paths;
mod prefs;
pub mod room;
pub mod slas;
pub(crate) mod trend;
mod workspace;

use std::path::PathBuf;

pub use commands::{
    Capture, Command, EditCommand, FileCommand, ImportCommand, Menu, TextSize, UiCommand,
    WorkshopCommand,
};
pub use document::Document;
pub use notice::{Level, Notices};
pub use prefs::Prefs;
pub use workspace::Workspace;

use crate::analysis::progress::Overview;
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
    /// The system's file dialog, or always a typed path (tests).
    pub file_dialogs: paths::FileDialogs,
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
            file_dialogs: paths::FileDialogs::System,
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
    Capture { kind: Capture, text: String },
    /// Removing a stage whose hand-off links an SLA: say what happens to the link first.
    ConfirmRemoveStage {
        stage: crate::model::StageId,
        message: String,
    },
    /// Signing an agreement for a team: who speaks for it, its position and why.
    Sign(Box<SignForm>),
    /// What changed from another review to the open one.
    Compare(Box<Comparison>),
    /// Whether things got better over the reviews.
    Trend(Box<trend::TrendView>),
    /// Opening the room: which of the computer's networks the phones join on, as they were
    /// when the dialog opened (named, with their addresses).
    OpenRoom(Vec<(String, std::net::IpAddr)>),
    /// The room's join code, large enough to scan from the back of the room.
    RoomCode,
    /// What a CRM gets from the agreement, the CRM chosen: before its folder is written.
    Crm(crate::export::crm::Crm),
    /// No system file dialog on this computer: the path typed instead, and what it is for.
    TypePath(Box<paths::TypedPath>),
    /// Another program changed the open file since it was opened or saved here: ask before a
    /// save replaces that. `then` holds the commands queued after the save, which wait for
    /// the answer.
    ChangedOnDisk { then: Vec<Command> },
}

/// What changed from another review to the open one, for the compare dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The other review's file.
    pub file: PathBuf,
    pub title: String,
    pub period: String,
    pub changes: Vec<crate::analysis::diff::Change>,
}

/// What the signing dialog holds while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct SignForm {
    pub agreement: crate::model::Agreement,
    pub team: crate::model::TeamId,
    /// Who speaks for the team; `None` until chosen.
    pub speaker: Option<Speaker>,
    /// The name typed for someone who is not among the participants.
    pub other: String,
    pub position: Option<crate::model::Position>,
    pub reason: String,
}

/// Who the signing dialog says speaks for the team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// A participant of the team, by name.
    Participant(String),
    /// A person not among the participants, named in `SignForm::other`.
    Other,
    Facilitator,
}

impl SignForm {
    /// The signature the form asks for, once who and which position are chosen (and a name
    /// is typed for someone else).
    pub fn signer(&self) -> Option<crate::model::Signer> {
        use crate::model::Signer;
        match self.speaker.as_ref()? {
            Speaker::Participant(name) => Some(Signer::Person(name.clone())),
            Speaker::Other => {
                let name = self.other.trim();
                (!name.is_empty()).then(|| Signer::Person(name.to_owned()))
            }
            Speaker::Facilitator => Some(Signer::Facilitator),
        }
    }
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
    overview: workspace::PerRevision<(u64, jiff::civil::Date), Overview>,
    commands: Vec<Command>,
    autosave: Autosave,
    /// The user confirmed closing with unsaved work.
    close_confirmed: bool,
    /// The last window title sent, to send it again only when it changes.
    window_title: String,
    /// How the window asks for a path.
    file_dialogs: paths::FileDialogs,
}

/// The window Accord opens; the start-up benchmark opens its bare baseline window the same way.
pub fn native_options() -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Accord")
        // The desktop entry's name: the desktop finds the window's icon and groups it by it.
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([960.0, 600.0]);
    // The icon is compiled in, so it is there however Accord was installed.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        viewport,
        ..Default::default()
    }
}

/// Accord's id on the desktop: its desktop entry, AppStream metadata and icon carry it
/// (`assets/desktop/`, `assets/icons/`).
pub const APP_ID: &str = "dev.accord.Accord";

/// The window's icon, as the desktop's icon theme has it.
const ICON: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/dev.accord.Accord.png");

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
            overview: workspace::PerRevision::default(),
            commands: Vec::new(),
            autosave: Autosave::new(recovery_file.clone(), options.autosave_delay_seconds),
            close_confirmed: false,
            window_title: String::new(),
            file_dialogs: options.file_dialogs,
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
    pub fn overview(&mut self) -> std::sync::Arc<Overview> {
        let today = jiff::Zoned::now().date();
        let session = &self.doc.session;
        self.overview
            .get_after((self.doc.revision(), today), |earlier| match earlier {
                Some(earlier) => Overview::after(earlier, session, today),
                None => Overview::of(session, today),
            })
    }

    fn report(&mut self, tick: Tick) {
        if let Tick::Failed(error) = tick {
            self.notices.error(format!(
                "Could not keep a recovery copy: {}. Save your work to be safe.",
                chain(error)
            ));
        }
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

#[cfg(test)]
mod icon_tests {
    #[test]
    fn the_window_icon_is_a_square_png_the_window_can_use() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
    }
}
