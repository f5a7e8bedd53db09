//! Counting the funnel from a CRM export: the file previewed and its stage column chosen, then
//! counted on a worker thread, so an export of a million records never freezes the window.

use std::path::Path;

use super::job::{Job, JobPhase};
use crate::import::funnel::{self, Reached};
use crate::import::{self, ImportError, PREVIEW_ROWS, Preview};
use crate::model::{Session, StageId};

/// A CRM export previewed for the funnel, and the column chosen as its stage.
#[derive(Clone, Debug)]
pub struct FunnelFile {
    pub preview: Preview,
    pub column: Option<usize>,
}

/// The counts, with the stages they were counted for: the room may rename, add or remove
/// stages while the file is read.
pub struct Counted {
    pub stages: Vec<StageId>,
    pub reached: Reached,
}

/// A count running on a worker thread.
pub type CountJob = Job<Counted, FunnelFile>;

/// Where the funnel's file is.
#[derive(Default)]
pub enum Phase {
    /// No file: the counts are typed.
    #[default]
    Closed,
    Mapping(FunnelFile),
    Counting(CountJob),
}

impl Phase {
    /// Reads the first rows of `path` and guesses its stage column by its header. A count under
    /// way for another file stops first.
    pub fn preview(&mut self, path: &Path) -> Result<(), ImportError> {
        let preview = import::preview(path, PREVIEW_ROWS)?;
        let column = preview.headers.iter().position(|h| {
            let h = h.to_lowercase();
            h.contains("stage") || h.contains("status")
        });
        self.close();
        *self = Self::Mapping(FunnelFile { preview, column });
        Ok(())
    }

    /// Starts counting the mapped file against the session's stages, matched by name.
    pub fn start(&mut self, ctx: &egui::Context, session: &Session) {
        let Self::Mapping(file) = &*self else {
            return;
        };
        let Some(column) = file.column else {
            return;
        };
        let file = file.clone();
        let stages: Vec<StageId> = session.stages.iter().map(|s| s.id).collect();
        let names: Vec<String> = session.stages.iter().map(|s| s.name.clone()).collect();
        let preview = file.preview.clone();
        *self = Self::Counting(CountJob::start(ctx, file, move |progress| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let reached = funnel::reached(&preview, column, &names, progress)?;
            Ok(Counted { stages, reached })
        }));
    }

    /// Stops a count under way and goes back to choosing the column.
    pub fn cancel(&mut self) {
        super::job::cancel(self);
    }

    /// Puts the file away, stopping a count under way.
    pub fn close(&mut self) {
        self.cancel();
        *self = Self::Closed;
    }

    /// The finished count, if it just finished, or what to tell the user if it failed.
    pub fn poll(&mut self) -> Option<Result<Counted, String>> {
        let mut counted = None;
        let failed = super::job::poll(self, |done| {
            counted = Some(done);
            Self::Closed
        });
        failed.map(Err).or(counted.map(Ok))
    }

    pub fn is_counting(&self) -> bool {
        matches!(self, Self::Counting(_))
    }
}

impl JobPhase for Phase {
    type Done = Counted;
    type Mapping = FunnelFile;

    fn into_job(self) -> Result<CountJob, Self> {
        match self {
            Self::Counting(job) => Ok(job),
            other => Err(other),
        }
    }

    fn importing(job: CountJob) -> Self {
        Self::Counting(job)
    }

    fn mapping(mapping: FunnelFile) -> Self {
        Self::Mapping(mapping)
    }
}
