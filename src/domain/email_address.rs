//! A strictly parsed, canonicalised email address (SECURITY.md items 39 and 41).
//!
//! Policy, written down because canonicalisation is a security decision:
//! * bare addr-spec only: no display names, comments, quoted local parts, encoded words,
//!   source routes or address literals;
//! * the local part is an ASCII dot-atom (≤ 64 bytes); non-ASCII local parts are refused, which
//!   closes the dotless-ı / Kelvin-sign class of look-alikes (Django CVE-2019-19844, GitHub 2016);
//! * the domain goes through IDNA (UTS 46) to lowercase punycode; a label mixing ASCII letters
//!   with non-ASCII characters (`exаmple` with a Cyrillic `а`) is refused as a likely homograph;
//! * a label written entirely in characters that look like ASCII ones (`аррӏе` in Cyrillic,
//!   `exampıe` with a dotless ı) is refused as a whole-script look-alike: its UTS #39 skeleton
//!   (unicode-security) is all ASCII. Real words in other scripts (`пример`, `почта`, `bücher`)
//!   keep non-ASCII skeletons and pass; a few short Cyrillic words made only of Latin look-alike
//!   letters (`сосо`) are refused with them. Checked on what people type, punycode included
//!   (`xn--80ak6aa92e.com`), not on addresses already stored;
//! * identity comparisons use `canonical()` (local part lowercased too), while mail goes to the
//!   address as stored for the account.
use std::fmt;

const MAX_LEN: usize = 254;
const MAX_LOCAL: usize = 64;

#[derive(Clone, PartialEq, Eq)]
pub struct EmailAddress {
    /// The address mail is sent to: local part as typed, domain as lowercase punycode.
    address: String,
    /// The comparison key: the whole address lowercased.
    canonical: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter your email address.")]
    Empty,
    #[error("That email address is too long.")]
    TooLong,
    #[error("Enter only the email address itself, like name@example.com.")]
    NotBare,
    #[error("That doesn't look like an email address. Check it and try again.")]
    Malformed,
    #[error("Use only plain letters, digits and . _ + - before the @.")]
    LocalPart,
    #[error("The part after the @ isn't a valid domain.")]
    Domain,
}

impl EmailAddress {
    /// What a person typed.
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        Self::parse_as(raw, true)
    }

    fn parse_as(raw: &str, refuse_lookalikes: bool) -> Result<Self, EmailError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        // SECURITY: control characters (CR/LF/NUL…) would let input become SMTP or header syntax.
        if s.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(EmailError::NotBare);
        }
        if s.contains("=?") || s.contains(['<', '>', '"', '(', ')', ',', ';', ':', '[', ']', '\\'])
        {
            return Err(EmailError::NotBare);
        }
        let (local, domain) = match s.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(EmailError::Malformed),
        };
        if !is_dot_atom(local) {
            return Err(EmailError::LocalPart);
        }
        let domain = ascii_domain(domain, refuse_lookalikes).ok_or(EmailError::Domain)?;
        let address = format!("{local}@{domain}");
        if address.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let canonical = address.to_ascii_lowercase();
        Ok(Self { address, canonical })
    }

    /// Rebuilds an address read back from the store (already parsed once when it was written,
    /// perhaps under an older look-alike policy: an account stays reachable).
    pub fn from_stored(stored: &str) -> Result<Self, EmailError> {
        Self::parse_as(stored, false)
    }

    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The key that identifies an account: equal for addresses that differ only in case.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    pub fn domain(&self) -> &str {
        self.address.rsplit('@').next().unwrap_or_default()
    }

    /// `j***@example.com`: enough for the owner to recognise, little for anyone else. Taken
    /// from the canonical form, so it is the same whether the address came from the form or
    /// from an account: `Known@…` typed for the account `known@…` and `Nobody@…` typed for no
    /// account both show a lower-case letter (a stored spelling must not show through).
    pub fn masked(&self) -> String {
        let first = self.canonical.chars().next().unwrap_or('*');
        format!("{first}***@{}", self.domain())
    }
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

fn is_dot_atom(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= MAX_LOCAL
        && local
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(is_atext))
}

/// The confusable scripts (Latin, Greek, Cyrillic) should not meet inside one label:
/// `exаmple` with a Cyrillic `а` is a homograph, `bücher` is not.
fn mixes_confusable_scripts(label: &str) -> bool {
    let script = |c: char| match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Some(0),
        0x370..=0x3FF | 0x1F00..=0x1FFF => Some(1),
        0x400..=0x52F => Some(2),
        _ => None,
    };
    let mut seen = label.chars().filter_map(script);
    let first = seen.next();
    seen.any(|s| Some(s) != first)
}

/// A label whose every character looks like an ASCII one (UTS #39 skeleton all ASCII).
fn whole_script_lookalike(label: &str) -> bool {
    !label.is_ascii()
        && unicode_security::confusable_detection::skeleton(label).all(|c| c.is_ascii())
}

fn ascii_domain(domain: &str, refuse_lookalikes: bool) -> Option<String> {
    if domain.is_empty() || domain.len() > 253 {
        return None;
    }
    if domain.split('.').any(mixes_confusable_scripts) {
        return None;
    }
    let ascii = idna::domain_to_ascii_strict(domain).ok()?;
    let labels: Vec<&str> = ascii.split('.').collect();
    let valid_label = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| !t.chars().all(|c| c.is_ascii_digit()));
    if refuse_lookalikes {
        // Punycode typed as such is decoded first: `xn--80ak6aa92e` is `аррӏе`.
        let (unicode, _) = idna::domain_to_unicode(&ascii);
        if unicode.split('.').any(whole_script_lookalike) {
            return None;
        }
    }
    (labels.len() >= 2 && labels.iter().all(valid_label) && tld_ok).then_some(ascii)
}

impl fmt::Debug for EmailAddress {
    // SECURITY: logs get the masked form only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_plain_addresses_and_canonicalises() {
        let e = EmailAddress::parse("  Mike.Smith+x@EXAMPLE.org ").unwrap();
        assert_eq!(e.as_str(), "Mike.Smith+x@example.org");
        assert_eq!(e.canonical(), "mike.smith+x@example.org");
        assert_eq!(
            e.masked(),
            "m***@example.org",
            "lower case, whatever was typed"
        );
    }

    #[test]
    fn idn_domains_become_punycode() {
        let e = EmailAddress::parse("a@bücher.example").unwrap();
        assert_eq!(e.as_str(), "a@xn--bcher-kva.example");
    }

    #[test]
    fn rejects_everything_that_is_not_a_bare_addr_spec() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_total = format!("a@{}.com", "b.".repeat(130));
        let bad = [
            "",
            "   ",
            "plainaddress",
            "a@b@example.com",
            "victim@x.test\r\nBcc: attacker@y.test",
            "victim@x.test\nBcc: attacker@y.test",
            "victim@x.test>\r\nRCPT TO:<attacker@y.test>",
            "victim@x.test\0",
            "Name <a@example.com>",
            "<a@b>c@d.com",
            "\"quoted\"@example.com",
            "\"a@b\"@example.com",
            "a(comment)@example.com",
            "=?utf-8?q?a?=@example.com",
            "@route:a@example.com",
            "a@[127.0.0.1]",
            "a@localhost",
            "a@example.123",
            ".a@example.com",
            "a..b@example.com",
            "a.@example.com",
            "mıke@example.org",
            "mi\u{212A}e@example.org",
            "mike@exаmple.org",
            "a@-example.com",
            "a@exa_mple.com",
            "\"><svg onload=alert(1)>@x.test",
            &long_local,
            &long_total,
        ];
        for input in bad {
            assert!(EmailAddress::parse(input).is_err(), "accepted {input:?}");
        }
    }

    #[test]
    fn whole_script_lookalike_domains_are_refused_real_words_are_not() {
        for bad in [
            "user@аррӏе.com",
            "user@xn--80ak6aa92e.com",
            "user@ѕсоре.com",
            "user@exampıe.com",
            "user@раураl.com",
            "user@mail.ехаmple.org",
            // The price of the rule: real words made only of such letters look the same.
            "user@хор.рф",
            "user@kırmızı.com.tr",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(EmailError::Domain), "{bad}");
        }
        for good in [
            "user@пример.рф",
            "user@почта.рф",
            "user@bücher.example",
            "user@münchen.de",
            "user@παράδειγμα.ελ",
            "user@例え.jp",
            "user@straße.de",
        ] {
            assert!(EmailAddress::parse(good).is_ok(), "{good}");
        }
        // An address stored before this rule still reads back.
        assert!(EmailAddress::from_stored("user@xn--80ak6aa92e.com").is_ok());
    }

    #[test]
    fn lookalikes_of_one_account_share_its_key_or_are_refused() {
        let stored = EmailAddress::parse("mike@example.org").unwrap();
        for variant in ["MIKE@EXAMPLE.ORG", "mike@example.org ", "mike@EXAMPLE.org"] {
            let v = EmailAddress::parse(variant).unwrap();
            assert_eq!(v.canonical(), stored.canonical());
        }
    }

    proptest! {
        #[test]
        fn accepted_values_are_safe_and_stable(s in "\\PC{0,80}") {
            if let Ok(e) = EmailAddress::parse(&s) {
                prop_assert!(e.as_str().len() <= MAX_LEN);
                prop_assert!(!e.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
                prop_assert_eq!(e.as_str().matches('@').count(), 1);
                let again = EmailAddress::parse(e.as_str()).unwrap();
                prop_assert_eq!(again.as_str(), e.as_str());
                let canon_again = EmailAddress::parse(e.canonical()).unwrap();
                prop_assert_eq!(canon_again.canonical(), e.canonical());
            }
        }

        #[test]
        fn generated_addresses_round_trip(local in "[a-zA-Z0-9_+-]{1,20}", domain in "[a-z]{1,10}\\.[a-z]{2,6}") {
            let raw = format!("{local}@{domain}");
            let e = EmailAddress::parse(&raw).unwrap();
            prop_assert_eq!(e.as_str(), raw.as_str());
        }
    }
}
