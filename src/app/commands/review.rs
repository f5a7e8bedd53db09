//! The next quarter's review, started from the open one, and what changed from another review
//! to the open one: the window's side of `accord next` and `accord diff`, with the same code.

use std::path::Path;

use super::super::paths::PathFor;
use super::super::trend::TrendView;
use super::super::{App, Comparison, Document, Modal, chain};
use super::Pick;
use crate::model::PreviousReview;
use crate::storage;

impl App {
    /// Asks where to write the next review, then starts it there.
    pub(super) fn next_review_dialog(&mut self) {
        let period = self.doc.session.next_period(jiff::Zoned::now().date());
        let stem = storage::file_stem_for(&self.doc.display_name());
        // Beside this review: the trend follows reviews kept in one folder.
        let mut dialog = self.file_dialog("Accord session", &["ron"]);
        if let Some(folder) = self.doc.path.as_deref().and_then(Path::parent) {
            dialog = dialog.set_directory(folder);
        }
        let name = format!("{stem} {period}.accord.ron");
        let dialog = dialog
            .set_title(format!("Where to write the {period} review"))
            .set_file_name(&name);
        let path = self
            .ask_path(PathFor::NextReview, dialog, Pick::Save, &name)
            .and_then(|p| p.into_iter().next());
        if let Some(path) = path {
            self.start_next_review(&path);
        }
    }

    /// Writes the next review, started from the open one, to `path` and opens it. The open
    /// review must be saved first: the next one names the file, and the version, it came from.
    pub(super) fn start_next_review(&mut self, path: &Path) {
        self.doc.observe();
        let (Some(file), Some(fingerprint)) = (self.doc.path.clone(), self.doc.fingerprint())
        else {
            self.notices
                .error("Save this review first: the next one names the file it comes from.");
            return;
        };
        if self.doc.is_unsaved() || self.doc.newer.is_some() {
            self.notices
                .error("Save this review first: the next one names the version it comes from.");
            return;
        }
        let session = &self.doc.session;
        let period = session.next_period(jiff::Zoned::now().date());
        let previous = PreviousReview {
            file: file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            title: session.meta.title.trim().to_owned(),
            period: session.meta.period.clone(),
            sha256: fingerprint.hex(),
        };
        let next = session.next_review(previous, &period);
        match storage::save(path, &next) {
            Ok(written) => {
                self.replace_document(Document::opened(next, path.to_owned(), written));
                self.prefs.remember(path);
                self.notices.info(format!(
                    "The {period} review is open, in {}. Every agreement came along; each team signs again.",
                    path.display()
                ));
            }
            Err(error) => self
                .notices
                .error(format!("The next review was not written: {}", chain(error))),
        }
    }

    /// Asks for the review to compare the open one with.
    pub(super) fn compare_dialog(&mut self) {
        let dialog = self
            .file_dialog("Accord session", &["ron"])
            .set_title("Compare with which review?");
        let path = self
            .ask_path(PathFor::Compare, dialog, Pick::File, "")
            .and_then(|p| p.into_iter().next());
        if let Some(path) = path {
            self.compare(&path);
        }
    }

    /// Shows what changed from the review in `path` to the open one.
    pub(super) fn compare(&mut self, path: &Path) {
        match storage::load(path) {
            Ok(old) => {
                let changes = crate::analysis::diff::diff(&old, &self.doc.session);
                self.modal = Some(Modal::Compare(Box::new(Comparison {
                    file: path.to_owned(),
                    title: old.meta.title.trim().to_owned(),
                    period: old.meta.period.clone(),
                    changes,
                })));
            }
            Err(error) => self
                .notices
                .error(format!("Nothing compared: {}", chain(error))),
        }
    }
}

impl App {
    /// Shows the trend over the open review and those it was started from.
    pub(super) fn show_trend(&mut self) {
        let view = TrendView::gather(&self.doc.session, self.doc.path.as_deref());
        self.modal = Some(Modal::Trend(Box::new(view)));
    }

    /// Asks for more reviews to put in the trend being shown.
    pub(super) fn add_to_trend_dialog(&mut self) {
        let dialog = self
            .file_dialog("Accord session", &["ron"])
            .set_title("Which reviews to add to the trend?");
        let paths = self.ask_path(PathFor::Trend, dialog, Pick::Files, "");
        if let Some(paths) = paths {
            self.add_to_trend(&paths);
        }
    }

    /// Puts the reviews in `paths` in the trend being shown.
    pub(super) fn add_to_trend(&mut self, paths: &[std::path::PathBuf]) {
        match &mut self.modal {
            Some(Modal::Trend(view)) => view.add(paths),
            _ => {
                self.show_trend();
                if let Some(Modal::Trend(view)) = &mut self.modal {
                    view.add(paths);
                }
            }
        }
    }
}
