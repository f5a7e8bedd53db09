//! An import running on a worker thread: its progress for the screen, a way to cancel it, and
//! what to go back to (the column mapping) when it is cancelled or fails.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::import::{ImportError, Progress};

/// Work on a worker thread that yields a `T`, started from the mapping `M`.
pub struct Job<T, M> {
    pub progress: Arc<Progress>,
    pub mapping: M,
    result: Receiver<Result<T, ImportError>>,
}

/// Where a job is after a poll.
pub enum Polled<T, M> {
    Running(Job<T, M>),
    Done(T),
    /// It stopped: back to the mapping, with what to tell the user (nothing if cancelled).
    Stopped(M, Option<String>),
}

impl<T: Send + 'static, M> Job<T, M> {
    /// Runs `work` on a new thread; the window repaints when it is done.
    pub fn start(
        ctx: &egui::Context,
        mapping: M,
        work: impl FnOnce(&Progress) -> Result<T, ImportError> + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let (sender, result) = channel();
        let worker_progress = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The window may have moved on; then nobody is listening, which is fine.
            let _ = sender.send(work(&worker_progress));
            ctx.request_repaint();
        });
        Self {
            progress,
            mapping,
            result,
        }
    }

    /// Stops the work and gives the mapping back.
    pub fn cancel(self) -> M {
        self.progress.cancel();
        self.mapping
    }

    /// Takes the result if it is ready.
    pub fn poll(self) -> Polled<T, M> {
        match self.result.try_recv() {
            Ok(Ok(done)) => Polled::Done(done),
            Ok(Err(ImportError::Cancelled { .. })) => Polled::Stopped(self.cancel(), None),
            Ok(Err(error)) => {
                let message = format!("{:#}", anyhow::Error::from(error));
                Polled::Stopped(self.cancel(), Some(message))
            }
            Err(TryRecvError::Empty) => Polled::Running(self),
            Err(TryRecvError::Disconnected) => Polled::Stopped(
                self.cancel(),
                Some("the import stopped before it finished".to_owned()),
            ),
        }
    }
}

/// A workshop's stage that can hold an import: the three places a job moves between.
pub trait JobStage: Default + Sized {
    type Done: Send + 'static;
    type Mapping;

    /// The job, when the stage is an import under way; otherwise the stage itself back.
    fn into_job(self) -> Result<Job<Self::Done, Self::Mapping>, Self>;
    fn importing(job: Job<Self::Done, Self::Mapping>) -> Self;
    fn mapping(mapping: Self::Mapping) -> Self;
}

/// Stops the import under way, if any, and goes back to its mapping.
pub fn cancel<S: JobStage>(stage: &mut S) {
    match std::mem::take(stage).into_job() {
        Ok(job) => *stage = S::mapping(job.cancel()),
        Err(other) => *stage = other,
    }
}

/// Takes the import's result when it is ready and moves to the stage `done` makes of it, or
/// back to the mapping when it stopped. Returns what to tell the user if it failed.
pub fn poll<S: JobStage>(stage: &mut S, done: impl FnOnce(S::Done) -> S) -> Option<String> {
    let job = match std::mem::take(stage).into_job() {
        Ok(job) => job,
        Err(other) => {
            *stage = other;
            return None;
        }
    };
    let (next, message) = match job.poll() {
        Polled::Running(job) => (S::importing(job), None),
        Polled::Done(result) => (done(result), None),
        Polled::Stopped(mapping, message) => (S::mapping(mapping), message),
    };
    *stage = next;
    message
}
