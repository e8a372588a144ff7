//! The secret half of an emailed link: 32 bytes from the OS CSPRNG, base64url (SECURITY.md item 1).
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use std::fmt;

const TOKEN_BYTES: usize = 32;

/// No `Display` on purpose: the only way to see the token is `expose`, used to build the link.
#[derive(Clone, PartialEq, Eq)]
pub struct MagicToken([u8; TOKEN_BYTES]);

impl MagicToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Accepts exactly what `expose` produces; anything else is "not a token".
    pub fn parse(raw: &str) -> Option<Self> {
        if raw.len() != 43 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
        bytes.try_into().ok().map(Self)
    }

    pub fn expose(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for MagicToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MagicToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn tokens_are_32_random_bytes_and_unique() {
        let mut seen = HashSet::new();
        for _ in 0..100_000 {
            let t = MagicToken::generate();
            let text = t.expose();
            assert_eq!(text.len(), 43);
            assert!(text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
            assert_eq!(MagicToken::parse(&text).unwrap().as_bytes(), t.as_bytes());
            assert!(seen.insert(t.0), "duplicate token");
        }
    }

    #[test]
    fn parse_rejects_anything_else() {
        let good = MagicToken::generate().expose();
        for bad in [
            "",
            "abc",
            &good[..42],
            &format!("{good}A"),
            &good.replace(&good[..1], "+"),
        ] {
            assert!(MagicToken::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let t = MagicToken::generate();
        assert!(!format!("{t:?}").contains(&t.expose()));
    }
}
