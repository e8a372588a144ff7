//! When Hydra's `skip` may be honoured without a fresh proof of the address.
use url::Url;

/// Whether a login request Hydra marked `skip` may be accepted at once for a person who
/// signed in at `authenticated_at` (Unix seconds): not when the application asked for a fresh
/// login (`prompt=login`) or for one newer than `max_age` seconds. Hydra weighs both too; Iris
/// checks again because it is Iris's session, not Hydra's memory, that says who is here.
pub fn may_skip(request_url: &str, authenticated_at: i64, now: i64) -> bool {
    let Ok(url) = Url::parse(request_url) else {
        // A request Iris cannot read asks for nothing it can honour: ask for the address.
        return false;
    };
    for (name, value) in url.query_pairs() {
        match &*name {
            "prompt" if value.split(' ').any(|p| p == "login") => return false,
            "max_age" => match value.parse::<i64>() {
                Ok(age) if now.saturating_sub(authenticated_at) <= age => {}
                _ => return false,
            },
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTH: &str = "http://hydra.test/oauth2/auth?client_id=app&scope=openid";

    #[test]
    fn a_plain_request_may_be_skipped() {
        assert!(may_skip(AUTH, 1_000, 5_000));
    }

    #[test]
    fn prompt_login_never_is() {
        assert!(!may_skip(&format!("{AUTH}&prompt=login"), 1_000, 1_001));
        assert!(!may_skip(
            &format!("{AUTH}&prompt=consent%20login"),
            1_000,
            1_001
        ));
        assert!(may_skip(&format!("{AUTH}&prompt=consent"), 1_000, 1_001));
    }

    #[test]
    fn max_age_counts_from_the_sign_in() {
        assert!(may_skip(&format!("{AUTH}&max_age=60"), 1_000, 1_060));
        assert!(!may_skip(&format!("{AUTH}&max_age=60"), 1_000, 1_061));
        assert!(!may_skip(&format!("{AUTH}&max_age=soon"), 1_000, 1_000));
        assert!(!may_skip("not a url", 1_000, 1_000));
    }
}
