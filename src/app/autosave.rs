//! Keeps the recovery file in step with unsaved work, a few seconds behind the last edit.

use crate::model::Session;
use crate::storage::SaveError;
use crate::storage::recovery::{Recovery, RecoveryFile};

use super::document::Document;

/// What the autosave did this frame.
#[derive(Debug)]
pub enum Tick {
    /// Nothing to do.
    Idle,
    /// A write is due in this many seconds.
    WaitSeconds(f64),
    /// The recovery file was written or cleared.
    Done,
    Failed(SaveError),
}

/// The autosave timer and what it last wrote.
pub struct Autosave {
    file: RecoveryFile,
    /// How long the document must rest after an edit before it is written.
    delay_seconds: f64,
    /// The session last written to the recovery file; `None` when there is no recovery file.
    written: Option<Session>,
    /// The document revision last found already written, to skip comparing it every frame.
    written_revision: Option<u64>,
    /// When the unwritten change was first seen.
    pending_since: Option<f64>,
    /// A write failed; do not retry every frame.
    failed_at: Option<f64>,
}

impl Autosave {
    pub fn new(file: RecoveryFile, delay_seconds: f64) -> Self {
        Self {
            file,
            delay_seconds,
            written: None,
            written_revision: None,
            pending_since: None,
            failed_at: None,
        }
    }

    /// Called every frame with the input clock.
    pub fn tick(&mut self, now: f64, doc: &Document) -> Tick {
        if !doc.is_unsaved() {
            self.pending_since = None;
            return if self.written.take().is_some() {
                self.clear()
            } else {
                Tick::Idle
            };
        }
        if self.written_revision == Some(doc.revision()) {
            return Tick::Idle;
        }
        if self.written.as_ref() == Some(&doc.session) {
            self.written_revision = Some(doc.revision());
            self.pending_since = None;
            return Tick::Idle;
        }
        let since = *self.pending_since.get_or_insert(now);
        let retry_at = self.failed_at.map_or(0.0, |t| t + 30.0);
        let due = (since + self.delay_seconds).max(retry_at);
        if now < due {
            return Tick::WaitSeconds(due - now);
        }
        let recovery = Recovery {
            source: doc.path.clone(),
            written_at: Some(jiff::Zoned::now().datetime()),
            session: doc.session.clone(),
        };
        match self.file.write(&recovery) {
            Ok(()) => {
                self.written = Some(recovery.session);
                self.written_revision = Some(doc.revision());
                self.pending_since = None;
                self.failed_at = None;
                Tick::Done
            }
            Err(error) => {
                self.failed_at = Some(now);
                Tick::Failed(error)
            }
        }
    }

    /// Removes the recovery file: its work is saved or deliberately thrown away.
    pub fn clear(&mut self) -> Tick {
        self.written = None;
        self.written_revision = None;
        self.pending_since = None;
        match self.file.clear() {
            Ok(()) => Tick::Done,
            Err(source) => Tick::Failed(SaveError::Io {
                path: self.file.path().to_owned(),
                action: "cannot remove the recovery file",
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_after_the_delay_and_clears_once_saved() {
        let dir = tempfile::tempdir().unwrap();
        let file = RecoveryFile::in_dir(dir.path());
        let mut autosave = Autosave::new(file.clone(), 2.0);
        let path = dir.path().join("s.ron");
        let fingerprint = crate::storage::save(&path, &Session::default()).unwrap();
        let mut doc = Document::opened(Session::default(), path.clone(), fingerprint);

        assert!(matches!(autosave.tick(0.0, &doc), Tick::Idle));
        doc.session.meta.title = "Edited".into();
        // The app looks at the session after every frame, before the autosave.
        doc.observe();
        assert!(matches!(autosave.tick(1.0, &doc), Tick::WaitSeconds(s) if s == 2.0));
        assert!(matches!(autosave.tick(2.5, &doc), Tick::WaitSeconds(_)));
        assert!(matches!(autosave.tick(3.0, &doc), Tick::Done));
        let recovered = file.read().unwrap().expect("a recovery file");
        assert_eq!(recovered.session.meta.title, "Edited");
        assert_eq!(recovered.source.as_deref(), Some(path.as_path()));
        assert!(matches!(autosave.tick(4.0, &doc), Tick::Idle));
        doc.session.meta.title = "Edited again".into();
        doc.observe();
        assert!(matches!(autosave.tick(4.5, &doc), Tick::WaitSeconds(_)));
        assert!(matches!(autosave.tick(7.0, &doc), Tick::Done));
        let recovered = file.read().unwrap().expect("a recovery file");
        assert_eq!(recovered.session.meta.title, "Edited again");

        doc.mark_saved(&path, fingerprint);
        assert!(matches!(autosave.tick(8.0, &doc), Tick::Done));
        assert!(file.read().unwrap().is_none());
    }
}
