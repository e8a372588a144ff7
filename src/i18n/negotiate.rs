//! `Accept-Language`, read as RFC 9110 §12.5.4 says: languages in order of their q-values
//! (ties keep the browser's order), `q=0` meaning "not this one". fluent-langneg's own header
//! parser ignores q-values, so this small part is written here; matching (`de-DE` finds `de`)
//! is fluent-langneg's.
use unic_langid::LanguageIdentifier;

/// At most this many ranges are considered: a header is a short list in every real browser.
const MAX_RANGES: usize = 16;

/// The languages a browser asks for, most wanted first. `*`, malformed tags and `q=0` are
/// dropped, so garbage means "no preference".
pub fn preferred_languages(header: &str) -> Vec<LanguageIdentifier> {
    let mut ranges: Vec<(u16, usize, LanguageIdentifier)> = header
        .split(',')
        .take(MAX_RANGES)
        .enumerate()
        .filter_map(|(order, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let mut quality = 1000;
            for param in parts {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = parse_quality(value.trim())?;
                }
            }
            if quality == 0 || tag == "*" || tag.is_empty() {
                return None;
            }
            let id: LanguageIdentifier = tag.parse().ok()?;
            Some((quality, order, id))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, id)| id).collect()
}

/// A qvalue ("0", "0.8", "1.000") in thousandths; anything else is malformed.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(header: &str) -> Vec<String> {
        preferred_languages(header)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn q_values_order_and_zero_excludes() {
        assert_eq!(tags("fr;q=0.5, de-DE, en;q=0.8"), ["de-DE", "en", "fr"]);
        assert_eq!(tags("de;q=0, fr"), ["fr"]);
        assert_eq!(
            tags("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"),
            ["sv-SE", "sv", "en-US", "en"]
        );
    }

    #[test]
    fn garbage_and_wildcards_mean_no_preference() {
        for header in [
            "", "*", "***", ";;;", "de;q=2", "de;q=abc", "q=0.5", "\u{0}", ",,,",
        ] {
            assert!(tags(header).is_empty(), "{header:?}");
        }
        assert_eq!(tags("*, nl;q=0.1"), ["nl"]);
    }

    #[test]
    fn long_headers_are_cut() {
        let header = vec!["xx"; 1000].join(",") + ",de";
        assert!(preferred_languages(&header).len() <= MAX_RANGES);
    }
}
