//! Opening, saving and recovering the document: the file commands and what they do.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::super::paths::PathFor;
use super::super::{App, Document, Modal, chain};
use super::Pick;
use crate::model::Step;
use crate::storage::{self, recovery::Recovery, templates};

/// What the file menu, its dialogs and the start screen ask for, with the file they chose.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCommand {
    /// Start a new, unsaved session from the bundled template of this name.
    NewFromTemplate(&'static str),
    Open(PathBuf),
    SaveAs(PathBuf),
    /// Save over a file another program changed since it was opened here (the user agreed).
    SaveOverChanged,
    /// The file changed on disk: ask where to save this version instead, then go on with what
    /// waited for the save.
    SaveCopyDialog,
    /// Save this version to `path` instead of over the changed file, then go on with what
    /// waited for the save.
    SaveCopy(PathBuf),
    /// Write the document(s) of this format to this file (or, for several, this folder).
    Export(crate::export::Format, PathBuf),
    /// Write the next quarter's review, started from this one, to this file, and open it.
    StartNextReview(PathBuf),
    /// Show what changed from the review in this file to the one open.
    Compare(PathBuf),
    /// Ask for more reviews to put in the trend.
    AddToTrendDialog,
    /// Put the reviews in these files in the trend being shown.
    AddToTrend(Vec<PathBuf>),
    RestoreRecovery,
    DiscardRecovery,
}

impl PathFor {
    /// The command the path becomes.
    pub fn command(&self, path: PathBuf) -> super::Command {
        match self {
            Self::Open => FileCommand::Open(path).into(),
            Self::SaveAs => FileCommand::SaveAs(path).into(),
            Self::SaveCopy => FileCommand::SaveCopy(path).into(),
            Self::Export(format) => FileCommand::Export(*format, path).into(),
            Self::Customers => super::ImportCommand::PreviewCustomers(path).into(),
            Self::Leads => super::ImportCommand::PreviewLeads(path).into(),
            Self::Funnel => super::ImportCommand::PreviewFunnelCsv(path).into(),
            Self::Events(sla) => super::ImportCommand::PreviewEvents(*sla, path).into(),
            Self::NextReview => FileCommand::StartNextReview(path).into(),
            Self::Compare => FileCommand::Compare(path).into(),
            Self::Trend => FileCommand::AddToTrend(vec![path]).into(),
        }
    }
}

impl App {
    pub(super) fn run_file(&mut self, command: FileCommand) {
        match command {
            FileCommand::NewFromTemplate(name) => self.new_from_template(name),
            FileCommand::Open(path) => {
                if self.open(&path) {
                    self.modal = None;
                }
            }
            FileCommand::SaveAs(path) => {
                self.save_to(&path);
            }
            FileCommand::SaveOverChanged => {
                let then = self.answer_changed_on_disk();
                let saved = match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => false,
                };
                // As for a copy: what waited for the save goes on only once it is written.
                if saved {
                    self.commands.extend(then);
                }
            }
            FileCommand::SaveCopyDialog => {
                // Cancelled, the question stays: the room may replace the file after all.
                if let Some(path) = self.ask_where_to_save(PathFor::SaveCopy, " (mine)") {
                    self.run_file(FileCommand::SaveCopy(path));
                }
            }
            FileCommand::SaveCopy(path) => {
                let then = self.answer_changed_on_disk();
                // "Save, then quit" quits only once this version is safe in its copy; if that
                // save failed, the work is still unsaved and quitting asks again.
                if self.save_to(&path) {
                    self.commands.extend(then);
                }
            }
            FileCommand::Export(format, path) => self.export(format, &path),
            FileCommand::StartNextReview(path) => self.start_next_review(&path),
            FileCommand::Compare(path) => self.compare(&path),
            FileCommand::AddToTrendDialog => self.add_to_trend_dialog(),
            FileCommand::AddToTrend(paths) => self.add_to_trend(&paths),
            FileCommand::RestoreRecovery => self.restore_recovery(),
            FileCommand::DiscardRecovery => {
                // Without a file open, the start screen comes next.
                self.modal = (!self.doc.has_file()).then_some(Modal::Welcome);
                let tick = self.autosave.clear();
                self.report(tick);
            }
        }
    }

    /// Asks for a session file with the system dialog, then opens it.
    pub(super) fn open_dialog(&mut self, ctx: &egui::Context) {
        let dialog = self.file_dialog("Accord session", &["ron"]);
        let path = self
            .ask_path(PathFor::Open, dialog, Pick::File, "")
            .and_then(|p| p.into_iter().next());
        if let Some(path) = path {
            self.run(ctx, FileCommand::Open(path).into(), false);
        }
    }

    /// Saves to the open file; asks where when there is none, or when the file is a newer
    /// Accord's, and first when another program changed it.
    pub(super) fn save(&mut self) {
        match self.doc.path.clone() {
            // A newer Accord's file is never written over: the copy needs a name.
            Some(_) if self.doc.newer.is_some() => self.save_as_dialog(),
            Some(_) if self.doc.changed_on_disk() => {
                self.modal = Some(Modal::ChangedOnDisk { then: Vec::new() });
            }
            Some(path) => {
                self.save_to(&path);
            }
            None => self.save_as_dialog(),
        }
    }

    /// Asks where to save with the system dialog, then saves there.
    pub(super) fn save_as_dialog(&mut self) {
        if let Some(path) = self.ask_where_to_save(PathFor::SaveAs, "") {
            self.save_to(&path);
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
            Ok(mut session) => {
                // The period the trend and the next review follow, as the facilitator will
                // most often want it: this quarter, on the details step to change.
                if session.meta.period.trim().is_empty() {
                    let today = jiff::Zoned::now().date();
                    session.meta.period = crate::model::Quarter::of(today).to_string();
                }
                self.replace_document(Document::new_from(session));
                self.step = Step::Details;
                self.modal = None;
            }
            Err(error) => self.notices.error(format!("{error:#}")),
        }
    }

    /// Opens a session file; on failure the current document stays as it was. A file of a
    /// newer format opens read-only.
    pub(in crate::app) fn open(&mut self, path: &Path) -> bool {
        match storage::load_for_reading(path) {
            Ok((session, fingerprint, newer)) => {
                self.replace_document(Document::opened(session, path.to_owned(), fingerprint));
                self.doc.newer = newer;
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

    /// Asks with the system dialog where to save the session, suggesting a name made from its
    /// title with `suffix` after it.
    fn ask_where_to_save(&mut self, purpose: PathFor, suffix: &str) -> Option<PathBuf> {
        let stem = storage::file_stem_for(&self.doc.display_name());
        let name = format!("{stem}{suffix}.accord.ron");
        let dialog = self
            .file_dialog("Accord session", &["ron"])
            .set_file_name(&name);
        self.ask_path(purpose, dialog, Pick::Save, &name)
            .and_then(|p| p.into_iter().next())
    }

    /// Closes the changed-on-disk question and gives back the commands that waited for it.
    fn answer_changed_on_disk(&mut self) -> Vec<super::Command> {
        match self.modal.take() {
            Some(Modal::ChangedOnDisk { then }) => then,
            other => {
                self.modal = other;
                Vec::new()
            }
        }
    }

    /// Saves the session to `path`; true when it was written.
    fn save_to(&mut self, path: &Path) -> bool {
        if self.doc.would_downgrade(path) {
            self.notices.error(format!(
                "Not saved: {} was written by a newer Accord, and saving over it would lose what \
                 only that version knows. Choose another name with Save as….",
                path.display()
            ));
            return false;
        }
        match storage::save_over(path, &self.doc.session, self.doc.fingerprint()) {
            Ok(fingerprint) => {
                self.doc.mark_saved(path, fingerprint);
                self.prefs.remember(path);
                self.notices.info(format!("Saved to {}", path.display()));
                true
            }
            Err(error) => {
                // A folder that refuses the file is worth trying elsewhere; a text too long to
                // open again is not.
                let advice = match error {
                    storage::SaveError::TextTooLong { .. }
                    | storage::SaveError::TooLarge { .. } => "Your work is still open.",
                    _ => "Your work is still open; try another folder.",
                };
                self.notices
                    .error(format!("Not saved: {}. {advice}", chain(error)));
                false
            }
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
        let on_disk = source
            .as_deref()
            .and_then(|path| storage::load_with_fingerprint(path).ok());
        self.replace_document(Document::recovered(session, source, on_disk));
        self.notices
            .info("Your unsaved work is back. Save it to keep it.");
    }
}
