//! Where and how to reach the relay (parsed once from `mail.smtp_url`), and opening one
//! connection: TCP with `TCP_NODELAY`, TLS as the URL says, then lettre's
//! `AsyncSmtpConnection` for the greeting, EHLO, STARTTLS and AUTH.
use super::temporary;
use crate::mail::transport::SendError;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use rustls::pki_types::ServerName;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use url::Url;

/// Connecting, TLS and the greeting up to AUTH, all together.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// What the URL asks of the connection's security (the same choices, ports and defaults as
/// lettre's `AsyncSmtpTransport::from_url`, which Iris used before).
enum Security {
    Plain,
    /// `smtp://…?tls=required`: STARTTLS or no mail.
    StartTls(TlsParameters),
    /// `smtp://…?tls=opportunistic`: STARTTLS when offered (config allows it only to loopback).
    Opportunistic(TlsParameters),
    /// `smtps://`: TLS from the first byte.
    Implicit(Arc<rustls::ClientConfig>, ServerName<'static>),
}

pub(super) struct Target {
    host: String,
    port: u16,
    security: Security,
    hello: ClientId,
    credentials: Option<Credentials>,
}

impl Target {
    /// `smtps://user:pass@host:465`, `smtp://host:587?tls=required|opportunistic`, or plain
    /// `smtp://host:25`; a path names the EHLO host. Errors never echo the URL (it may hold a
    /// password).
    pub(super) fn parse(raw: &str) -> Result<Self, String> {
        let url = Url::parse(raw).map_err(|_| "is not a URL".to_owned())?;
        let host = url
            .host_str()
            .ok_or("has no host")?
            .trim_matches(['[', ']'])
            .to_owned();
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let starttls = || TlsParameters::new(host.clone()).map_err(|e| format!("TLS: {e}"));
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some("required")) => (Security::StartTls(starttls()?), 587),
            ("smtp", Some("opportunistic")) => (Security::Opportunistic(starttls()?), 587),
            ("smtps", _) => {
                let name = ServerName::try_from(host.clone())
                    .map_err(|_| "host is not a valid TLS server name")?;
                (Security::Implicit(tls_config()?, name), 465)
            }
            (scheme, tls) => {
                return Err(format!(
                    "unsupported scheme {scheme:?} or tls={tls:?}; use smtps:// or smtp://"
                ))
            }
        };
        let hello = match url.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| "user name or password is not UTF-8 once decoded".to_owned())
        };
        let credentials = match url.password() {
            Some(pass) => Some(Credentials::new(decode(url.username())?, decode(pass)?)),
            None => None,
        };
        Ok(Self {
            port: url.port().unwrap_or(default_port),
            host,
            security,
            hello,
            credentials,
        })
    }

    /// A new connection, ready for MAIL FROM.
    /// Refusals the relay gives meanwhile keep their class (a 535 for AUTH is permanent, as it
    /// was with lettre's transport); connection and TLS trouble is temporary.
    pub(super) async fn open(&self) -> Result<AsyncSmtpConnection, SendError> {
        tokio::time::timeout(CONNECT_TIMEOUT, self.handshake())
            .await
            .map_err(|_| temporary("timed out connecting to the SMTP server"))?
    }

    async fn handshake(&self) -> Result<AsyncSmtpConnection, SendError> {
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| temporary(format!("cannot connect to the SMTP server: {e}")))?;
        // The point of opening the socket here: lettre writes a message's body and its closing
        // "." separately, and with Nagle on the "." waits for the relay to ACK the body, which
        // the relay delays (up to 40 ms on Linux) while it waits for the rest: ~40 ms a message.
        tcp.set_nodelay(true)
            .map_err(|e| temporary(format!("cannot set TCP_NODELAY: {e}")))?;
        let stream: Box<dyn AsyncTokioStream> = match &self.security {
            Security::Implicit(config, name) => Box::new(ImplicitTls(
                tokio_rustls::TlsConnector::from(config.clone())
                    .connect(name.clone(), tcp)
                    .await
                    .map_err(|e| temporary(format!("TLS: {e}")))?,
            )),
            _ => Box::new(tcp),
        };
        let smtp = |e: lettre::transport::smtp::Error| SendError {
            permanent: e.is_permanent(),
            reason: e.to_string(),
        };
        let mut conn = AsyncSmtpConnection::connect_with_transport(stream, &self.hello)
            .await
            .map_err(smtp)?;
        match &self.security {
            Security::StartTls(tls) => conn.starttls(tls.clone(), &self.hello).await,
            Security::Opportunistic(tls) if conn.can_starttls() => {
                conn.starttls(tls.clone(), &self.hello).await
            }
            _ => Ok(()),
        }
        .map_err(smtp)?;
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(smtp)?;
        }
        Ok(conn)
    }
}

/// lettre's own rustls setup for `smtps://`: its ring provider, TLS 1.2 and up, Mozilla's roots
/// (webpki-roots), certificate and host name verified.
fn tls_config() -> Result<Arc<rustls::ClientConfig>, String> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(rustls::ALL_VERSIONS)
    .map_err(|e| format!("TLS: {e}"))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Arc::new(config))
}

/// An implicit-TLS stream as lettre takes one (`AsyncTokioStream`: tokio I/O and a peer).
#[derive(Debug)]
struct ImplicitTls(tokio_rustls::client::TlsStream<TcpStream>);

impl AsyncTokioStream for ImplicitTls {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl AsyncRead for ImplicitTls {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for ImplicitTls {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}
