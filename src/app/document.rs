//! The open session with its file, its saved state and its undo history.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use egui::util::undoer::{Settings, Undoer};

use super::Workspace;
use crate::edit::{Applied, Edit, EditError};
use crate::model::Session;
use crate::storage::Fingerprint;

/// The session being edited.
pub struct Document {
    /// The document itself; field edits change it directly.
    pub session: Session,
    /// The file it was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// The window's working state for this document (imports, selections, the clock): made
    /// with it and dropped with it, never saved.
    pub work: Workspace,
    /// Set when the file was written by a newer Accord: the document is shown read-only, and
    /// is never saved over that file.
    pub newer: Option<crate::storage::Newer>,
    /// What the session is compared with to find unsaved work: the file as it is on disk, or
    /// the template a new session started from. `None` when nothing holds this work (restored
    /// after a crash), so all of it counts as unsaved.
    baseline: Option<Session>,
    /// Whether the baseline is the file at `path`.
    on_disk: bool,
    /// What the file at `path` held when it was last read or written here, to notice a change
    /// by another program before a save replaces it.
    fingerprint: Option<Fingerprint>,
    undoer: Undoer<Session>,
    /// The last edits that arrived together (see [`Document::apply_together`]): when, and the
    /// session they left, to tell whether anything changed it since.
    burst: Option<(Instant, Session)>,
    /// What was worked out from the session when [`Document::observe`] last looked at it.
    observed: Observed,
}

/// Edits that arrive together within this long of the ones before, with nothing else changing
/// the session in between, join their undo step: see [`Document::apply_together`]. As long as
/// the history waits for typing to settle before it makes a step of it (egui's default).
const BURST: Duration = Duration::from_secs(1);

/// Answers about the session that would otherwise each compare all of it, every frame: for a
/// workshop with a thousand action items that is most of a frame's time.
struct Observed {
    /// The session as it was when last looked at.
    session: Session,
    revision: u64,
    unsaved: bool,
    can_undo: bool,
    can_redo: bool,
    /// The revision the undo history was last shown.
    fed: Option<u64>,
}

/// Revisions are unique across documents, so nothing keyed by one mistakes a newly opened
/// document for the one before it.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

impl Document {
    /// A new session from a template, not saved anywhere yet.
    pub fn new_from(session: Session) -> Self {
        Self::build(session.clone(), Some(session), None, None)
    }

    /// A session as it stands in `path`, whose bytes had `fingerprint`.
    pub fn opened(session: Session, path: PathBuf, fingerprint: Fingerprint) -> Self {
        Self::build(
            session.clone(),
            Some(session),
            Some(path),
            Some(fingerprint),
        )
    }

    /// Work restored after a crash: `on_disk` is what its file holds now, if it has one.
    pub fn recovered(
        session: Session,
        path: Option<PathBuf>,
        on_disk: Option<(Session, Fingerprint)>,
    ) -> Self {
        let (baseline, fingerprint) = on_disk.unzip();
        let mut doc = Self::build(session, baseline, path, fingerprint);
        doc.on_disk = doc.baseline.is_some();
        doc
    }

    /// A document whose file, when it has a baseline and a fingerprint, holds that baseline.
    fn build(
        session: Session,
        baseline: Option<Session>,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
    ) -> Self {
        let mut doc = Self {
            observed: Observed {
                session: session.clone(),
                revision: next_revision(),
                unsaved: false,
                can_undo: false,
                can_redo: false,
                fed: None,
            },
            on_disk: path.is_some() && fingerprint.is_some(),
            baseline,
            fingerprint,
            session,
            path,
            work: Workspace::default(),
            newer: None,
            undoer: new_undoer(),
            burst: None,
        };
        doc.work_out();
        doc
    }

    /// Looks at the session once. If it changed since the last look it gets a new revision,
    /// and whether it is unsaved and what undo and redo can do are worked out again.
    ///
    /// The app calls this at the start and at the end of every frame, and before any decision
    /// that must not act on an old answer (discarding work, quitting); the answers in between
    /// ([`Self::is_unsaved`], [`Self::can_undo`], [`Self::revision`]…) cost nothing.
    pub fn observe(&mut self) {
        // A part a page looked at through `&mut` and left as it was is shared again, so from
        // the next frame on neither this comparison nor the history looks inside it.
        self.session.share_unchanged_parts(&self.observed.session);
        if self.session != self.observed.session {
            self.observed.session = self.session.clone();
            self.observed.revision = next_revision();
            self.work_out();
        }
    }

    fn work_out(&mut self) {
        self.observed.unsaved = self.baseline.as_ref() != Some(&self.session);
        self.work_out_history();
    }

    fn work_out_history(&mut self) {
        self.observed.can_undo = self.undoer.has_undo(&self.session);
        self.observed.can_redo = self.undoer.has_redo(&self.session);
    }

    /// Changes with every change of the session, as of the last [`Self::observe`]; never the
    /// same for two documents.
    pub fn revision(&self) -> u64 {
        self.observed.revision
    }

    /// True when closing now would lose work: the session differs from its file, or from the
    /// template it started from. As of the last [`Self::observe`].
    pub fn is_unsaved(&self) -> bool {
        self.observed.unsaved
    }

    /// True when the session has been saved to, or opened from, a file.
    pub fn has_file(&self) -> bool {
        self.path.is_some() && self.on_disk
    }

    /// True when saving to `path` would write over a file of a newer format than this
    /// version's, losing what only that version knows.
    pub fn would_downgrade(&self, path: &Path) -> bool {
        self.newer.is_some() && self.path.as_deref().is_some_and(|own| same_file(own, path))
    }

    /// Records that the session now stands in `path`, written as bytes with `fingerprint`.
    pub fn mark_saved(&mut self, path: &Path, fingerprint: Fingerprint) {
        // Written in this version's format, to a file of its own: editable from now on.
        self.newer = None;
        self.path = Some(path.to_owned());
        self.baseline = Some(self.session.clone());
        self.on_disk = true;
        self.fingerprint = Some(fingerprint);
        self.observe();
        self.work_out();
    }

    /// True when the file at `path` is no longer what was last read from or written to it here:
    /// another program changed it. A file that is gone, or cannot be read, is not "changed":
    /// saving recreates it, or reports why it cannot.
    pub fn changed_on_disk(&self) -> bool {
        self.other_version_on_disk().is_some()
    }

    /// The fingerprint of the file as last read or written here.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.fingerprint
    }

    /// The open file's name, "acme.ron", when the session has a file.
    pub fn file_name(&self) -> Option<String> {
        let path = self.path.as_deref()?;
        Some(path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ))
    }

    /// The fingerprint of what another program wrote to the file, when it changed it.
    pub fn other_version_on_disk(&self) -> Option<Fingerprint> {
        let (Some(path), Some(expected)) = (&self.path, self.fingerprint) else {
            return None;
        };
        Fingerprint::of_file(path)
            .ok()
            .flatten()
            .filter(|now| *now != expected)
    }

    /// The name shown in the title bar: the title, or the file's name, shortened to fit
    /// beside the menus and the Save button at 1280 pixels.
    pub fn display_name(&self) -> String {
        /// Characters shown before the name is cut short.
        const MAX_CHARS: usize = 48;
        let title = self.session.meta.title.trim();
        let name = if title.is_empty() {
            self.path.as_deref().and_then(Path::file_stem).map_or_else(
                || "Untitled workshop".to_owned(),
                |s| s.to_string_lossy().into(),
            )
        } else {
            title.to_owned()
        };
        match name.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => format!("{}…", name[..cut].trim_end()),
            None => name,
        }
    }

    /// Lets the history see the current state; a burst of typing becomes one undo step.
    pub fn feed_history(&mut self, time: f64) {
        self.observe();
        // An unchanged session tells the history nothing new, unless a burst of typing is
        // waiting to settle into an undo step.
        if self.observed.fed != Some(self.observed.revision) || self.undoer.is_in_flux() {
            self.undoer.feed_state(time, &self.session);
            self.observed.fed = Some(self.observed.revision);
            self.work_out_history();
        }
    }

    /// Applies a structural change as one undo step. A refused edit, or one that changes
    /// nothing, leaves the session and its history as they were.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        self.in_one_step(true, |session| {
            let result = session.apply(edit);
            let changed = matches!(result, Ok(applied) if applied.changed());
            (changed, result)
        })
    }

    /// Applies edits that arrived together (what the room's phones sent between two frames),
    /// each checked and applied on its own and in order: a refused one leaves the others.
    /// `each` hears how each went, with the session as it left it.
    ///
    /// They are one undo step, and so is a burst of them: edits arriving `at` within
    /// [`BURST`] of the last ones, with nothing else changing the session in between, join
    /// their step. Two hundred phones answering steadily make a step each half minute (the
    /// history's own rule for typing that never settles), not one per frame, which would push
    /// the facilitator's own steps out of the history.
    pub fn apply_together<T>(
        &mut self,
        edits: impl IntoIterator<Item = (T, Edit)>,
        at: Instant,
        mut each: impl FnMut(T, Result<Applied, EditError>, &Session),
    ) {
        let joins = self.burst.as_ref().is_some_and(|(last, left)| {
            at.saturating_duration_since(*last) < BURST && *left == self.session
        });
        let changed = self.in_one_step(!joins, |session| {
            let mut changed = false;
            for (with, edit) in edits {
                let result = session.apply(edit);
                changed |= matches!(result, Ok(applied) if applied.changed());
                each(with, result, session);
            }
            (changed, changed)
        });
        if changed {
            self.burst = Some((at, self.session.clone()));
        }
    }

    /// Runs `edit` on a copy of the session (its parts are shared, so a copy costs what the
    /// edit changes) and, where it says it changed something, takes the copy, making the
    /// session before it an undo step unless the edit joins the step before (`new_step`
    /// false): the one place an edit becomes history.
    fn in_one_step<T>(
        &mut self,
        new_step: bool,
        edit: impl FnOnce(&mut Session) -> (bool, T),
    ) -> T {
        let mut changed = self.session.clone();
        let (any, out) = edit(&mut changed);
        if any {
            if new_step {
                self.checkpoint();
            }
            self.session = changed;
        }
        out
    }

    /// Makes the current state an undo point of its own, before a structural change.
    fn checkpoint(&mut self) {
        self.undoer.add_undo(&self.session);
        self.work_out_history();
    }

    /// As of the last [`Self::observe`].
    pub fn can_undo(&self) -> bool {
        self.observed.can_undo
    }

    /// As of the last [`Self::observe`].
    pub fn can_redo(&self) -> bool {
        self.observed.can_redo
    }

    /// Steps back in history; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.undoer.undo(&self.session) {
            Some(state) => {
                self.session = state.clone();
                self.observe();
                self.work_out_history();
                true
            }
            None => false,
        }
    }

    /// Steps forward again; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        match self.undoer.redo(&self.session) {
            Some(state) => {
                self.session = state.clone();
                self.observe();
                self.work_out_history();
                true
            }
            None => false,
        }
    }
}

/// The same file, however the two paths spell it.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn new_undoer() -> Undoer<Session> {
    Undoer::with_settings(Settings {
        max_undos: 200,
        ..Settings::default()
    })
}

#[cfg(test)]
mod tests;
