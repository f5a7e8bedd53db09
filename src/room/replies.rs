//! The session's owner's answers on their way back to the requests waiting for them. The
//! window answers a frame's submissions together, between frames, and must not stall on
//! the network: it drops them in a queue and wakes nothing. The server's thread, while any
//! request is waiting for an answer, looks in the queue every few milliseconds; while none
//! is, it sleeps.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use super::{Refusal, Reply};

/// Answers handed over together.
pub(super) type Answers = Vec<(Reply, Result<String, Refusal>)>;

/// How often the server's thread looks for answers while a request waits: a frame is about
/// 16 ms, so an answer waits at most a fifth of one more.
const LOOK_EVERY: Duration = Duration::from_millis(3);

/// How many requests are waiting for an answer now.
#[derive(Default)]
pub(super) struct Waiting {
    count: AtomicUsize,
    /// Told when the first of them starts waiting.
    first: tokio::sync::Notify,
}

impl Waiting {
    /// A request starts waiting, until the guard goes (answered, timed out, or dropped).
    pub(super) fn begin(&self) -> Waits<'_> {
        if self.count.fetch_add(1, Ordering::AcqRel) == 0 {
            self.first.notify_one();
        }
        Waits(self)
    }
}

/// One request waiting: see [`Waiting::begin`].
pub(super) struct Waits<'a>(&'a Waiting);

impl Drop for Waits<'_> {
    fn drop(&mut self) {
        self.0.count.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Hands answers from `queue` to their requests for as long as the room is open: run on the
/// server's thread.
pub(super) async fn deliver(waiting: &Waiting, queue: mpsc::Receiver<Answers>) {
    loop {
        while waiting.count.load(Ordering::Acquire) == 0 {
            waiting.first.notified().await;
        }
        tokio::time::sleep(LOOK_EVERY).await;
        loop {
            match queue.try_recv() {
                Ok(answers) => {
                    for (reply, result) in answers {
                        // A page that gave up waiting is gone; that is no error.
                        let _ = reply.send(result);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => return,
            }
        }
    }
}
