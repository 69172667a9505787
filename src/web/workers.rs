//! The threads that run the web layer's queries.
//!
//! A fixed set of threads, one per core and one more, each taking the next
//! query from one queue. The timeline and event pages are also rendered
//! there, in the same job as their queries: their CPU work then stays in
//! this first-come first-served queue and the async workers only parse
//! requests and move bytes (varied timeline pages, rendered here by two
//! threads against rendered by the async workers: more requests per
//! second, less server CPU per request and a lower p99 in each of four
//! back-to-back pairs). Tokio's blocking pool would also run them, but under load it
//! keeps starting threads (a query handed over while the last thread is
//! not yet back to idle gets a new one: about fifty during a 10 s load),
//! each with cold caches and its own allocator heap; a profile of varied
//! timeline pages showed a tenth of the server's time in thread switches
//! and allocations freed across threads. With the set fixed, the same few
//! threads stay warm, and requests beyond them wait in the queue.

use super::AppError;
use crate::store::{ReadConn, ReadPool};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce(&ReadPool) + Send>;

/// The queue of queries and the threads that take from it. The threads end
/// when the last handle to the queue is dropped.
pub(crate) struct QueryWorkers {
    queue: Sender<Job>,
    /// Threads that started; with none, every query fails at once
    /// instead of waiting for ever.
    started: usize,
}

impl QueryWorkers {
    /// `threads` threads (at least one) reading through `pool`. A thread
    /// the system refuses is logged and done without.
    pub(crate) fn new(pool: Arc<ReadPool>, threads: usize) -> QueryWorkers {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let mut started = 0;
        for i in 0..threads.max(1) {
            let (rx, pool) = (rx.clone(), pool.clone());
            match std::thread::Builder::new()
                .name(format!("reader-{i}"))
                .spawn(move || take_jobs(&rx, &pool))
            {
                Ok(_) => started += 1,
                Err(e) => tracing::warn!("cannot start reader thread {i}: {e}"),
            }
        }
        QueryWorkers { queue: tx, started }
    }

    /// Run `f` on a reader thread with a pooled connection and wait for it
    /// without blocking the async runtime. A panic in `f` is an internal
    /// error of this request; the thread goes on with the next query.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&ReadConn<'_>) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        if self.started == 0 {
            return Err(AppError::Internal("no reader thread could be started".into()));
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |pool: &ReadPool| {
            let out = catch_unwind(AssertUnwindSafe(|| {
                let mut out = None;
                let r = pool.with(|r| {
                    out = Some(f(r));
                    Ok(())
                });
                match (r, out) {
                    (_, Some(res)) => res,
                    (Err(e), None) => Err(e.into()),
                    (Ok(()), None) => Err(AppError::Internal("query produced nothing".into())),
                }
            }))
            .unwrap_or_else(|_| Err(AppError::Internal("a query failed unexpectedly (panic)".into())));
            // The request may have gone (client closed): nobody to tell.
            let _ = reply.send(out);
        });
        self.queue
            .send(job)
            .map_err(|_| AppError::Internal("the reader threads have stopped".into()))?;
        answer
            .await
            .map_err(|_| AppError::Internal("a reader thread stopped during a query".into()))?
    }
}

/// A reader thread: the next job, until the queue is closed.
fn take_jobs(rx: &Mutex<Receiver<Job>>, pool: &ReadPool) {
    loop {
        // The lock is held only while waiting for a job, not while running
        // it, so the other threads take the next ones.
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(pool),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workers(threads: usize) -> (tempfile::TempDir, QueryWorkers) {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("r.db");
        crate::store::Store::open(&db).expect("store");
        let workers = QueryWorkers::new(Arc::new(ReadPool::new(&db)), threads);
        (dir, workers)
    }

    #[tokio::test]
    async fn queries_run_and_a_panic_is_an_error_not_a_lost_thread() {
        let (_dir, workers) = workers(1);
        let n = workers.run(|r| Ok(r.actors()?.len())).await.expect("a query");
        assert_eq!(n, 0);
        let failed = workers.run(|_| -> Result<(), AppError> { panic!("boom") }).await;
        assert!(matches!(failed, Err(AppError::Internal(m)) if m.contains("panic")));
        // The one thread is still there for the next query.
        let again = tokio::time::timeout(std::time::Duration::from_secs(10), workers.run(|_| Ok(7)))
            .await
            .expect("a thread took the next query")
            .expect("after the panic");
        assert_eq!(again, 7);
    }

    #[tokio::test]
    async fn queries_beyond_the_threads_wait_their_turn() {
        let (_dir, workers) = workers(2);
        let workers = Arc::new(workers);
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let workers = workers.clone();
                tokio::spawn(async move { workers.run(move |_| Ok(i * 2)).await })
            })
            .collect();
        let mut got = Vec::new();
        for t in tasks {
            got.push(t.await.expect("task").expect("query"));
        }
        assert_eq!(got, (0..20).map(|i| i * 2).collect::<Vec<_>>());
    }
}
