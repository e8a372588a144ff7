//! Mail transports behind one trait: SMTP (`super::smtp`: lettre over Iris's own pooled
//! connections, TLS verified), `.eml` files, and the console (development: the link and code are printed so you can click them).
use super::OutgoingEmail;
use async_trait::async_trait;
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    /// SMTP 5yz: retrying will not help (RFC 5321 §4.2.1).
    pub permanent: bool,
    pub reason: String,
}

#[async_trait]
pub trait MailTransport: Send + Sync {
    /// Delivers one message. `Err(permanent: false)` means "try again later".
    async fn send(&self, email: &OutgoingEmail, message: Message) -> Result<(), SendError>;

    /// How many messages the worker may have in flight at once.
    fn parallelism(&self) -> usize {
        1
    }
}

/// Builds the MIME message: fixed From and Subject, the parsed recipient only, both parts,
/// and a Message-ID derived from the outbox id so a re-send after a crash is recognisable.
pub fn build_message(
    email: &OutgoingEmail,
    from: &Mailbox,
    host: &str,
) -> Result<Message, SendError> {
    let permanent = |reason: String| SendError {
        permanent: true,
        reason,
    };
    let to: Mailbox = email
        .recipient
        .parse()
        .map_err(|_| permanent("recipient does not parse".into()))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(format!("<{}@{host}>", email.outbox_id)))
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| permanent(format!("cannot build message: {e}")))
}

/// Writes each message as `<outbox id>.eml`.
pub struct FileTransport {
    dir: PathBuf,
}

impl FileTransport {
    pub fn new(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }
}

#[async_trait]
impl MailTransport for FileTransport {
    async fn send(&self, email: &OutgoingEmail, message: Message) -> Result<(), SendError> {
        let path = self.dir.join(format!("{}.eml", email.outbox_id));
        tokio::fs::write(&path, message.formatted())
            .await
            .map_err(|e| SendError {
                permanent: false,
                reason: format!("cannot write {}: {e}", path.display()),
            })
    }
}

/// Development only (production refuses it): prints the text part, then keeps a `.eml` too.
pub struct ConsoleTransport(pub FileTransport);

#[async_trait]
impl MailTransport for ConsoleTransport {
    async fn send(&self, email: &OutgoingEmail, message: Message) -> Result<(), SendError> {
        let rule = "─".repeat(60);
        println!(
            "{rule}\nEmail to {}\nSubject: {}\n\n{}{rule}",
            email.recipient, email.subject, email.text
        );
        self.0.send(email, message).await
    }
}
