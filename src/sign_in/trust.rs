//! What a browser can prove about itself for an address, so that what other browsers do cannot
//! lock its owner out (issue 8):
//! - a **known device** signed in to the address before: its long-lived cookie carries a MAC of
//!   each address (up to `KNOWN_DEVICE_ADDRESSES`, newest first; no address in clear). It skips
//!   the address's failure back-off and hourly budget; the cooldown, the tries per email, the
//!   per-IP limit and the daily budget still apply.
//! - the browser that **asked for the live credential** itself (not one that joined it within
//!   the cooldown): failures other browsers caused do not block its code, until it enters a
//!   wrong one itself. A browser that only joined may enter the code too (a second device), but
//!   its wrong codes do not use up the tries of the email someone else asked for: they count
//!   toward the address's back-off, which does hold it.
use crate::domain::credential::{Backoff, CodeEntry};
use crate::domain::EmailAddress;
use crate::secrets::{Keys, Purpose};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use subtle::ConstantTimeEq;

const TAG: usize = 16;
/// A shared computer may sign in to a few accounts; older ones drop off.
pub const KNOWN_DEVICE_ADDRESSES: usize = 5;

/// The addresses a browser has signed in to, as its cookie says (unverifiable without the key).
#[derive(Debug, Clone, Default)]
pub struct KnownDevice {
    tags: Vec<[u8; TAG]>,
}

impl KnownDevice {
    /// From the cookie's value; anything malformed is simply no known device.
    pub fn from_cookie(value: Option<&str>) -> KnownDevice {
        let tags = value
            .and_then(|v| URL_SAFE_NO_PAD.decode(v).ok())
            .filter(|b| b.len() % TAG == 0 && b.len() <= TAG * KNOWN_DEVICE_ADDRESSES)
            .map(|b| {
                b.chunks_exact(TAG)
                    .filter_map(|c| <[u8; TAG]>::try_from(c).ok())
                    .collect()
            })
            .unwrap_or_default();
        KnownDevice { tags }
    }

    /// Has this browser signed in to `email` before? Every key verifies (rotation).
    pub fn knows(&self, keys: &Keys, email: &EmailAddress) -> bool {
        keys.macs(Purpose::KnownDevice, &[email.canonical().as_bytes()])
            .iter()
            .any(|mac| {
                self.tags
                    .iter()
                    .any(|tag| bool::from(tag.ct_eq(&mac[..TAG])))
            })
    }

    /// The cookie value after a sign-in to `email`: it first, then the others it knew.
    pub fn remember(&self, keys: &Keys, email: &EmailAddress) -> String {
        let mac = keys.mac(Purpose::KnownDevice, &[email.canonical().as_bytes()]);
        let mut first = [0u8; TAG];
        first.copy_from_slice(&mac[..TAG]);
        let mut bytes = first.to_vec();
        for tag in self
            .tags
            .iter()
            .filter(|t| !bool::from(t.ct_eq(&first)))
            .take(KNOWN_DEVICE_ADDRESSES - 1)
        {
            bytes.extend_from_slice(tag);
        }
        URL_SAFE_NO_PAD.encode(bytes)
    }
}

/// What the browser submitting a code proves.
#[derive(Debug, Clone, Copy)]
pub struct Trust<'a> {
    pub device: &'a KnownDevice,
    /// Its binding says it asked for the credential itself (not one it joined).
    pub asked_here: bool,
}

impl Trust<'_> {
    pub fn code_entry(&self, keys: &Keys, email: &EmailAddress) -> CodeEntry {
        let backoff = self.backoff(keys, email);
        CodeEntry {
            backoff,
            uses_tries: backoff != Backoff::Applies,
        }
    }

    pub fn backoff(&self, keys: &Keys, email: &EmailAddress) -> Backoff {
        if self.device.knows(keys, email) {
            Backoff::Exempt
        } else if self.asked_here {
            Backoff::UntilOwnFailure
        } else {
            Backoff::Applies
        }
    }
}
