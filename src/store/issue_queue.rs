//! Issuing in batches ("group commit"), for every SQL backend. A transaction's round trips and
//! its commit, not SQL work, bound how many emails per second can be issued. So concurrent
//! `issue` calls are queued to one task that hands up to `MAX` of them at a time to the
//! backend's `IssueBatch`, one transaction with multi-row statements. Per-address rules stay
//! exact: a batch holds each address at most once (later ones wait for the next batch and then
//! see the first one's limits).
use super::{IssueRequest, StoreError, StoreResult};
use crate::domain::credential::IssueOutcome;
use async_trait::async_trait;
use std::collections::{HashSet, VecDeque};
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

const MAX: usize = 64;
const QUEUE: usize = 4096;

pub(crate) struct Job {
    pub req: IssueRequest,
    pub now: OffsetDateTime,
    reply: oneshot::Sender<StoreResult<IssueOutcome>>,
}

/// A backend's statements for one batch: one outcome per job, in order, all committed or none.
#[async_trait]
pub(crate) trait IssueBatch: Send + Sync + 'static {
    async fn issue_batch(&self, batch: &[Job]) -> StoreResult<Vec<IssueOutcome>>;
}

/// The way in to the batching task.
#[derive(Clone)]
pub(crate) struct IssueQueue(mpsc::Sender<Job>);

impl IssueQueue {
    /// Starts the batching task on the current runtime; it ends when every sender is gone.
    pub fn spawn(backend: impl IssueBatch) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(backend, rx));
        IssueQueue(tx)
    }

    pub async fn issue(&self, req: IssueRequest, now: OffsetDateTime) -> StoreResult<IssueOutcome> {
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Corrupt("the issuing task has stopped".into());
        self.0
            .send(Job { req, now, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn run(backend: impl IssueBatch, mut rx: mpsc::Receiver<Job>) {
    let mut waiting: VecDeque<Job> = VecDeque::new();
    loop {
        if waiting.is_empty() {
            match rx.recv().await {
                Some(job) => waiting.push_back(job),
                None => return,
            }
        }
        while waiting.len() < QUEUE {
            match rx.try_recv() {
                Ok(job) => waiting.push_back(job),
                Err(_) => break,
            }
        }
        let batch = take_batch(&mut waiting);
        match backend.issue_batch(&batch).await {
            Ok(outcomes) => {
                for (job, outcome) in batch.into_iter().zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                for job in batch {
                    let _ = job.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

/// Up to `MAX` jobs in arrival order, each address at most once; the rest keep their place.
fn take_batch(waiting: &mut VecDeque<Job>) -> Vec<Job> {
    let mut batch = Vec::new();
    let mut keys = HashSet::new();
    let mut rest = VecDeque::new();
    while let Some(job) = waiting.pop_front() {
        if batch.len() < MAX && keys.insert(job.req.email.canonical().to_owned()) {
            batch.push(job);
        } else {
            rest.push_back(job);
        }
    }
    *waiting = rest;
    batch
}
