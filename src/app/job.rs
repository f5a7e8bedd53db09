//! An import running on a worker thread: its progress for the screen, a way to cancel it, and
//! what to go back to (the column mapping) when it is cancelled or fails.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::import::{ImportError, Progress};

/// Work on a worker thread that yields a `T`, started from the mapping `M`. Dropping the job
/// cancels the work: an import replaced by another, or left behind by a document that was
/// closed, stops reading its file instead of reading on to the end for nobody.
pub struct Job<T, M> {
    pub progress: Arc<Progress>,
    pub mapping: M,
    result: Receiver<Result<T, ImportError>>,
    _cancel_on_drop: CancelOnDrop,
}

/// Asks the worker to stop when the job holding it is dropped, however that happens.
struct CancelOnDrop(Arc<Progress>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
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
            _cancel_on_drop: CancelOnDrop(Arc::clone(&progress)),
            progress,
            mapping,
            result,
        }
    }

    /// Stops the work and gives the mapping back.
    pub fn cancel(self) -> M {
        // Dropping the rest of the job cancels the work.
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

/// A workshop's phase that can hold an import: the three places a job moves between.
pub trait JobPhase: Default + Sized {
    type Done: Send + 'static;
    type Mapping;

    /// The job, when the phase is an import under way; otherwise the phase itself back.
    fn into_job(self) -> Result<Job<Self::Done, Self::Mapping>, Self>;
    fn importing(job: Job<Self::Done, Self::Mapping>) -> Self;
    fn mapping(mapping: Self::Mapping) -> Self;
}

/// Stops the import under way, if any, and goes back to its mapping.
pub fn cancel<S: JobPhase>(phase: &mut S) {
    match std::mem::take(phase).into_job() {
        Ok(job) => *phase = S::mapping(job.cancel()),
        Err(other) => *phase = other,
    }
}

/// Takes the import's result when it is ready and moves to the phase `done` makes of it, or
/// back to the mapping when it stopped. Returns what to tell the user if it failed.
pub fn poll<S: JobPhase>(phase: &mut S, done: impl FnOnce(S::Done) -> S) -> Option<String> {
    let job = match std::mem::take(phase).into_job() {
        Ok(job) => job,
        Err(other) => {
            *phase = other;
            return None;
        }
    };
    let (next, message) = match job.poll() {
        Polled::Running(job) => (S::importing(job), None),
        Polled::Done(result) => (done(result), None),
        Polled::Stopped(mapping, message) => (S::mapping(mapping), message),
    };
    *phase = next;
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A worker that reads "rows" until it is told to stop, saying each time it looks.
    fn endless(ctx: &egui::Context) -> (Job<(), ()>, mpsc::Receiver<bool>) {
        let (looked, looks) = mpsc::channel();
        let job = Job::start(ctx, (), move |progress| {
            loop {
                let cancelled = progress.is_cancelled();
                let _ = looked.send(cancelled);
                if cancelled {
                    return Err(ImportError::Cancelled {
                        path: std::path::PathBuf::new(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        });
        (job, looks)
    }

    /// Waits for the worker to see that it was cancelled; false if it reads on for 10 s.
    fn stops(looks: &mpsc::Receiver<bool>) -> bool {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match looks.recv_timeout(left) {
                Ok(true) => return true,
                Ok(false) => {}
                Err(_) => return false,
            }
        }
        false
    }

    #[test]
    fn a_dropped_job_stops_reading() {
        let ctx = egui::Context::default();
        let (job, looks) = endless(&ctx);
        assert_eq!(looks.recv().ok(), Some(false), "the worker runs");
        let progress = Arc::clone(&job.progress);
        drop(job);
        assert!(progress.is_cancelled());
        assert!(stops(&looks), "the worker saw the cancel and stopped");
    }

    #[test]
    fn a_job_replaced_in_its_stage_stops_reading() {
        #[derive(Default)]
        enum Phase {
            #[default]
            Idle,
            Running(Job<(), ()>),
        }
        let ctx = egui::Context::default();
        let (first, looks) = endless(&ctx);
        let mut phase = Phase::Running(first);
        assert_eq!(looks.recv().ok(), Some(false));
        let (second, second_looks) = endless(&ctx);
        // As a new preview replaces the import under way.
        let replaced = std::mem::replace(&mut phase, Phase::Running(second));
        drop(replaced);
        assert!(stops(&looks), "the replaced import stopped");
        assert_eq!(second_looks.recv().ok(), Some(false), "the new one runs");
        assert!(matches!(&phase, Phase::Running(job) if !job.progress.is_cancelled()));
        phase = Phase::Idle;
        assert!(matches!(phase, Phase::Idle));
        assert!(stops(&second_looks), "and stops when its phase moves on");
    }
}
