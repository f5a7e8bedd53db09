//! Exporting the agreement: the dialogs that ask where, and the writing, which goes through
//! the same `export::documents` as `accord export`.

use std::path::Path;

use super::super::paths::PathFor;
use super::super::{App, chain};
use super::Pick;
use crate::export::Format;
use crate::export::since::Since;
use crate::storage;

impl App {
    /// Asks where to write the agreement in `format` (a folder, for the CSV tables), then
    /// writes it there.
    pub(super) fn export_dialog(&mut self, format: Format) {
        let stem = storage::file_stem_for(&self.doc.display_name());
        let purpose = PathFor::Export(format);
        let paths = match format {
            Format::Csv | Format::Hubspot | Format::Salesforce => {
                let dialog = match &self.prefs.last_folder {
                    Some(folder) => rfd::FileDialog::new().set_directory(folder),
                    None => rfd::FileDialog::new(),
                };
                let (title, folder) = match format {
                    Format::Hubspot => ("Folder for the HubSpot setup", format!("{stem} HubSpot")),
                    Format::Salesforce => (
                        "Folder for the Salesforce project",
                        format!("{stem} Salesforce"),
                    ),
                    _ => ("Folder for the CSV tables", format!("{stem} tables")),
                };
                self.ask_path(purpose, dialog.set_title(title), Pick::Folder, &folder)
            }
            Format::Calendar => {
                let name = format!("{stem} meetings.ics");
                let dialog = self.file_dialog("Calendar", &["ics"]).set_file_name(&name);
                self.ask_path(purpose, dialog, Pick::Save, &name)
            }
            Format::Markdown | Format::Html | Format::Pdf | Format::Xlsx => {
                let extension = format.extension();
                let name = format!("{stem}.{extension}");
                let dialog = self
                    .file_dialog(format.label(), &[extension])
                    .set_file_name(&name);
                self.ask_path(purpose, dialog, Pick::Save, &name)
            }
        };
        if let Some(path) = paths.and_then(|p| p.into_iter().next()) {
            self.export(format, &path);
        }
    }

    /// Writes the documents of `format`: one to `path`, or several into the folder `path`.
    pub(super) fn export(&mut self, format: Format, path: &Path) {
        if format == Format::Calendar {
            self.export_calendar(path);
            return;
        }
        let zone = jiff::tz::TimeZone::system();
        let (since, unread) = self.since_previous(format);
        let request = crate::export::Request {
            zone: &zone,
            format,
            table: None,
            paper: self.prefs.paper,
            today: jiff::Zoned::now().date(),
            now: jiff::Timestamp::now(),
            since: since.as_ref(),
        };
        let documents = match crate::export::documents(&self.doc.session, request) {
            Ok(documents) => documents,
            Err(error) => {
                self.notices.error(format!("Nothing exported: {error}."));
                return;
            }
        };
        let files = crate::export::Document::files(&documents);
        if let Err(error) = storage::write_files(path, &files) {
            self.notices
                .error(format!("Export not finished. {}", chain(error)));
            return;
        }
        let into_folder = documents.len() > 1 || path.is_dir();
        let folder = if into_folder {
            Some(path)
        } else {
            path.parent()
        };
        if let Some(folder) = folder {
            self.prefs.last_folder = Some(folder.to_owned());
        }
        let mut message = if into_folder {
            format!("{} files saved in {}", documents.len(), path.display())
        } else {
            format!("Saved to {}", path.display())
        };
        if let Some(unread) = unread {
            message.push_str(&format!(". {unread}"));
        }
        self.notices.info(message);
    }

    /// What changed since the review this one was started from, for the documents that say
    /// so; or, when that review's file cannot be read, why the section is left out.
    fn since_previous(&self, format: Format) -> (Option<Since>, Option<String>) {
        if !matches!(format, Format::Markdown | Format::Html | Format::Pdf) {
            return (None, None);
        }
        let session = &self.doc.session;
        let Some(path) = self.doc.path.as_deref() else {
            return (None, None);
        };
        match storage::previous_review(session, path) {
            None => (None, None),
            Some((_, Ok(old))) => (Some(Since::between(&old, session)), None),
            Some((file, Err(error))) => (
                None,
                Some(format!(
                    "It does not say what changed since the last review: {} could not be read ({})",
                    file.display(),
                    chain(error)
                )),
            ),
        }
    }

    fn export_calendar(&mut self, path: &Path) {
        let calendar = crate::export::ics::calendar(
            &self.doc.session,
            jiff::Timestamp::now(),
            &jiff::tz::TimeZone::system(),
        );
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
                for problem in &calendar.zone_problems {
                    message.push_str(&format!(". {problem}"));
                }
                self.notices.info(message);
            }
            Err(error) => self
                .notices
                .error(format!("Calendar not saved. {}", chain(error))),
        }
    }
}
