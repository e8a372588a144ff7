//! Key material: HMAC keys for tokens and codes, the cookie key, and the outbox sealing key.
//! Development gets keys generated once into the data folder; production must configure them.
use crate::config::Settings;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretSlice};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::{Path, PathBuf};

type HmacSha256 = Hmac<Sha256>;
pub type Mac32 = [u8; 32];

/// What a MAC is for; mixed into every MAC so a value minted for one purpose never verifies
/// as another (SECURITY.md item 7).
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    LinkToken,
    Code,
    Csrf,
    Binding,
    Outbox,
    MessageId,
    KnownDevice,
    /// The new address's link and code in an address change, and the old address's undo
    /// link: their own purposes, so no sign-in secret ever passes for one of them.
    ChangeToken,
    ChangeCode,
    UndoToken,
    /// The "I didn't ask for this" link of an email Kratos sent: a tag over the flow's id.
    NotMe,
    /// The application named in a sign-in's `return_to` (`oauth2::OAuth2::continue_path`).
    AppName,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::LinkToken => b"iris/login-link/v1",
            Purpose::Code => b"iris/login-code/v1",
            Purpose::Csrf => b"iris/csrf/v1",
            Purpose::Binding => b"iris/binding/v1",
            Purpose::Outbox => b"iris/outbox/v1",
            Purpose::MessageId => b"iris/message-id/v1",
            Purpose::KnownDevice => b"iris/known-device/v1",
            Purpose::NotMe => b"iris/not-me/v1",
            Purpose::AppName => b"iris/oauth2-app-name/v1",
            Purpose::ChangeToken => b"iris/address-change-link/v1",
            Purpose::ChangeCode => b"iris/address-change-code/v1",
            Purpose::UndoToken => b"iris/address-change-undo/v1",
        }
    }
}

pub struct Keys {
    hmac: Vec<SecretSlice<u8>>,
    cookie: actix_web::cookie::Key,
}

#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error("development secrets at {path}: {source}")]
    DevFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("development secrets at {path} are damaged; delete the file to regenerate it")]
    DevFileDamaged { path: PathBuf },
}

#[derive(Serialize, Deserialize)]
struct DevSecrets {
    hmac_key: String,
    session_key: String,
}

impl Keys {
    /// Configured keys, or (development only; `problems()` refuses production) the generated ones.
    pub fn from_settings(settings: &Settings) -> Result<(Self, Option<PathBuf>), KeysError> {
        let configured_hmac: Vec<Vec<u8>> = settings
            .secrets
            .hmac_keys
            .iter()
            .map(|k| k.expose_secret().as_bytes().to_vec())
            .collect();
        let configured_session = settings
            .secrets
            .session_key
            .as_ref()
            .map(|k| k.expose_secret().as_bytes().to_vec());
        let (hmac, session, dev_path) = match (configured_hmac.is_empty(), configured_session) {
            (false, Some(session)) => (configured_hmac, session, None),
            (hmac_missing, session) => {
                let path = settings.data_dir.join("dev-secrets.json");
                let dev = load_or_create(&path)?;
                let hmac = if hmac_missing {
                    vec![dev.hmac_key.into_bytes()]
                } else {
                    configured_hmac
                };
                (
                    hmac,
                    session.unwrap_or(dev.session_key.into_bytes()),
                    Some(path),
                )
            }
        };
        let keys = Keys {
            hmac: hmac.into_iter().map(SecretSlice::from).collect(),
            cookie: actix_web::cookie::Key::derive_from(&session),
        };
        Ok((keys, dev_path))
    }

    /// For tests and benchmarks: fresh random keys.
    pub fn random() -> Self {
        Keys {
            hmac: vec![SecretSlice::from(random_bytes(32))],
            cookie: actix_web::cookie::Key::generate(),
        }
    }

    /// MAC under the signing (first) key.
    pub fn mac(&self, purpose: Purpose, parts: &[&[u8]]) -> Mac32 {
        mac_with(self.hmac[0].expose_secret(), purpose, parts)
    }

    /// MACs under every configured key, signing key first: lookups match any of them.
    pub fn macs(&self, purpose: Purpose, parts: &[&[u8]]) -> Vec<Mac32> {
        self.hmac
            .iter()
            .map(|k| mac_with(k.expose_secret(), purpose, parts))
            .collect()
    }

    /// Constant-time check of `candidate` against the MAC under any key (SECURITY.md item 6).
    pub fn verify(&self, purpose: Purpose, parts: &[&[u8]], candidate: &[u8]) -> bool {
        self.hmac.iter().any(|k| {
            let mut m = new_mac(k.expose_secret(), purpose);
            for p in parts {
                m.update(p);
            }
            m.verify_slice(candidate).is_ok()
        })
    }

    pub fn cookie_key(&self) -> &actix_web::cookie::Key {
        &self.cookie
    }

    /// Seals an outbox payload (it holds the link and code until sent): XChaCha20-Poly1305
    /// under a key derived from the signing HMAC key, random nonce prefixed.
    pub fn seal(&self, plaintext: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(&self.mac(Purpose::Outbox, &[]).into());
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let mut out = nonce.to_vec();
        // Encryption with a valid key and nonce cannot fail for in-memory buffers.
        out.extend(
            cipher
                .encrypt(XNonce::from_slice(&nonce), plaintext)
                .unwrap_or_default(),
        );
        out
    }

    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = (sealed.get(..24)?, sealed.get(24..)?);
        self.macs(Purpose::Outbox, &[]).iter().find_map(|key| {
            XChaCha20Poly1305::new(key.into())
                .decrypt(XNonce::from_slice(nonce), body)
                .ok()
        })
    }
}

fn new_mac(key: &[u8], purpose: Purpose) -> HmacSha256 {
    // HMAC accepts keys of any length; this cannot fail.
    let mut m = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    m.update(purpose.label());
    m.update(&[0]);
    m
}

fn mac_with(key: &[u8], purpose: Purpose, parts: &[&[u8]]) -> Mac32 {
    let mut m = new_mac(key, purpose);
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// 128 random bits, base64url: ids that must not be guessable (flows, outbox rows).
pub fn random_id() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes(16))
}

fn load_or_create(path: &Path) -> Result<DevSecrets, KeysError> {
    let io = |source| KeysError::DevFile {
        path: path.to_owned(),
        source,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|_| KeysError::DevFileDamaged {
            path: path.to_owned(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io)?;
            }
            let dev = DevSecrets {
                hmac_key: URL_SAFE_NO_PAD.encode(random_bytes(32)),
                session_key: URL_SAFE_NO_PAD.encode(random_bytes(64)),
            };
            let text = serde_json::to_string_pretty(&dev).unwrap_or_default();
            write_private(path, text.as_bytes()).map_err(io)?;
            Ok(dev)
        }
        Err(e) => Err(io(e)),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_old_keys_verify_new_key_signs() {
        let k1 = Keys::random();
        let mac = k1.mac(Purpose::LinkToken, &[b"t"]);
        let k2 = Keys {
            hmac: vec![SecretSlice::from(random_bytes(32)), k1.hmac[0].clone()],
            cookie: actix_web::cookie::Key::generate(),
        };
        assert!(k2.verify(Purpose::LinkToken, &[b"t"], &mac));
        assert!(k2.macs(Purpose::LinkToken, &[b"t"]).contains(&mac));
        assert_ne!(k2.mac(Purpose::LinkToken, &[b"t"]), mac);
        let k3 = Keys {
            hmac: vec![k2.hmac[0].clone()],
            cookie: actix_web::cookie::Key::generate(),
        };
        assert!(!k3.verify(Purpose::LinkToken, &[b"t"], &mac));
    }

    #[test]
    fn purposes_do_not_cross() {
        let k = Keys::random();
        let mac = k.mac(Purpose::LinkToken, &[b"x"]);
        assert!(!k.verify(Purpose::Code, &[b"x"], &mac));
    }

    #[test]
    fn sealed_payloads_open_only_with_the_key() {
        let k = Keys::random();
        let sealed = k.seal(b"hello");
        assert_eq!(k.open(&sealed).unwrap(), b"hello");
        assert!(Keys::random().open(&sealed).is_none());
        let mut tampered = sealed.clone();
        tampered[30] ^= 1;
        assert!(k.open(&tampered).is_none());
    }
}
