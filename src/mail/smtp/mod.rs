//! SMTP delivery: lettre speaks SMTP; Iris opens the connections and pools them.
//!
//! Why not lettre's pooled `AsyncSmtpTransport` (used until issue 14): it opens its sockets
//! itself and leaves Nagle's algorithm on (lettre 0.11.23), and it writes a message's body and
//! the closing "." in two writes, so every message waited out the relay's delayed ACK (~40 ms
//! on Linux): about 16 messages/s per connection, 254/s over 16 connections to a real Postfix
//! on loopback. Its pool cannot be handed sockets opened elsewhere (its `Executor` trait is
//! sealed), so the pool is here, and small: connections are opened with `TCP_NODELAY`
//! (`connect.rs`) and handed to lettre's `AsyncSmtpConnection::connect_with_transport`, which
//! still does all the protocol: greeting, EHLO, STARTTLS, AUTH, MAIL/RCPT/DATA, dot-stuffing
//! and reply parsing. Unlike lettre's pool, a parked connection is not checked with a NOOP
//! before each message (a round trip per email); if the relay closed it meanwhile, the
//! message is tried once more on a new connection.
mod connect;

use super::transport::{MailTransport, SendError};
use super::OutgoingEmail;
use async_trait::async_trait;
use connect::Target;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::Message;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// One message from MAIL FROM to the reply after DATA (lettre's async client has no timeout
/// of its own past connecting: a relay that stops answering would hold the connection forever).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// A connection unused this long is closed instead of reused (lettre's pool default too); most
/// relays close idle sessions after a few minutes anyway.
const IDLE_MAX: Duration = Duration::from_secs(60);

pub struct SmtpTransport {
    target: Target,
    connections: u32,
    /// At most `connections` messages (and so connections) at once.
    slots: Semaphore,
    /// Connections between messages, most recently used last.
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpTransport {
    /// `smtps://` (implicit TLS) or `smtp://…?tls=required` (STARTTLS), both with certificate
    /// and hostname verification; plain `smtp://` is allowed by config only to loopback.
    /// `connections`: pooled connections, all used at once by the worker.
    pub fn from_url(url: &str, connections: u32) -> Result<Self, String> {
        Ok(Self {
            target: Target::parse(url)?,
            connections,
            slots: Semaphore::new(connections.max(1) as usize),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// The most recently used idle connection; older ones past `IDLE_MAX` are dropped.
    fn checkout(&self) -> Option<AsyncSmtpConnection> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.retain(|(_, since)| since.elapsed() < IDLE_MAX);
        idle.pop().map(|(conn, _)| conn)
    }

    fn park(&self, conn: AsyncSmtpConnection) {
        if !conn.has_broken() {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.push((conn, Instant::now()));
        }
    }

    async fn send_on(
        &self,
        conn: &mut AsyncSmtpConnection,
        message: &Message,
        raw: &[u8],
    ) -> Result<(), Failure> {
        match tokio::time::timeout(SEND_TIMEOUT, conn.send(message.envelope(), raw)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure {
                // A reply (4yz/5yz) is the relay's answer; anything else (the connection
                // closed, reset, garbled) says nothing about the message.
                replied: e.status().is_some(),
                error: SendError {
                    permanent: e.is_permanent(),
                    reason: e.to_string(),
                },
            }),
            Err(_) => Err(Failure {
                replied: true, // no second try: the relay may be alive but stuck
                error: temporary("timed out waiting for the SMTP server"),
            }),
        }
    }
}

struct Failure {
    replied: bool,
    error: SendError,
}

fn temporary(reason: impl Into<String>) -> SendError {
    SendError {
        permanent: false,
        reason: reason.into(),
    }
}

#[async_trait]
impl MailTransport for SmtpTransport {
    async fn send(&self, _email: &OutgoingEmail, message: Message) -> Result<(), SendError> {
        let raw = message.formatted();
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| temporary("SMTP transport closed"))?;
        if let Some(mut conn) = self.checkout() {
            match self.send_on(&mut conn, &message, &raw).await {
                Ok(()) => {
                    self.park(conn);
                    return Ok(());
                }
                Err(f) if f.replied => return Err(f.error),
                // The relay closed this idle connection (timeout, restart): a new one below.
                // Should the relay have taken the message after all, it goes twice with the
                // same Message-ID, as the outbox's at-least-once contract allows.
                Err(_) => {}
            }
        }
        let mut conn = self.target.open().await?;
        let sent = self.send_on(&mut conn, &message, &raw).await;
        self.park(conn);
        sent.map_err(|f| f.error)
    }

    /// A relay answers in well under a millisecond on loopback and in tens of milliseconds
    /// across a network: send over every connection at once.
    fn parallelism(&self) -> usize {
        self.connections as usize
    }
}
