//! Arguments, handler-chosen messages, and the phrases built from several messages: waits
//! ("in 58 seconds"), times ("today at 19:15 UTC") and browsers ("Chrome on Linux").
use super::Tr;
use fluent_bundle::FluentValue;
use time::OffsetDateTime;

/// A value for a placeable: text, or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Arg {
    pub(super) fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize);

/// A message a handler picked (a key and its arguments); the view renders it in the
/// request's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: vec![] }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

/// How a browser is stored with a request: `name|os` (either may be empty), so each language
/// can say "Chrome on Linux" its own way.
pub fn browser_record(name: Option<&str>, os: Option<&str>) -> String {
    format!("{}|{}", name.unwrap_or_default(), os.unwrap_or_default())
}

impl Tr<'_> {
    /// "in a moment", "in 45 seconds", "in 3 minutes", "in about 2 hours".
    pub fn wait(&self, seconds: u64) -> String {
        match seconds {
            0..=1 => self.t("wait-moment"),
            2..=90 => self.format("wait-seconds", &[("n", seconds.into())]),
            91..=5400 => self.format("wait-minutes", &[("n", seconds.div_ceil(60).into())]),
            _ => self.format("wait-hours", &[("n", ((seconds + 1800) / 3600).into())]),
        }
    }

    /// A moment as pages say it, relative to `now`: "today at 19:15 UTC", "yesterday at …",
    /// else "on 1 December 2026 at 19:15 UTC".
    pub fn when(&self, at: OffsetDateTime, now: OffsetDateTime) -> String {
        let time = hh_mm(at);
        let days = (now.date() - at.date()).whole_days();
        match days {
            0 => self.format("time-today", &[("time", time.into())]),
            1 => self.format("time-yesterday", &[("time", time.into())]),
            _ => self.on_date(at),
        }
    }

    /// A moment as emails say it (they are read later): "on 1 December 2026 at 19:15 UTC".
    pub fn on_date(&self, at: OffsetDateTime) -> String {
        let date = self.format(
            "date",
            &[
                ("day", i64::from(at.day()).into()),
                ("month", i64::from(u8::from(at.month())).into()),
                ("year", i64::from(at.year()).into()),
            ],
        );
        self.format(
            "time-date",
            &[("date", date.into()), ("time", hh_mm(at).into())],
        )
    }

    /// "Chrome on Linux" from a stored `browser_record` standing alone, as a list names a
    /// session (`browser` is worded to sit inside a sentence).
    pub fn browser_title(&self, record: Option<&str>) -> String {
        match record.and_then(|r| r.split_once('|')) {
            None | Some(("", _)) => self.t("browser-title-unknown"),
            Some((name, "")) => self.format("browser-title-only", &[("name", name.into())]),
            Some((name, os)) => self.format(
                "browser-title-on-os",
                &[("name", name.into()), ("os", os.into())],
            ),
        }
    }

    /// "Chrome on Linux" from a stored `browser_record`; older records are shown as stored.
    pub fn browser(&self, record: &str) -> String {
        let Some((name, os)) = record.split_once('|') else {
            return record.to_owned();
        };
        match (name, os) {
            ("", _) => self.t("browser-unknown"),
            (name, "") => self.format("browser-only", &[("name", name.into())]),
            (name, os) => self.format("browser-on-os", &[("name", name.into()), ("os", os.into())]),
        }
    }
}

fn hh_mm(at: OffsetDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use crate::i18n::Catalogue;
    use time::macros::datetime;

    #[test]
    fn times_read_as_people_say_them() {
        let all = Catalogue::all().unwrap();
        let en = all.for_tag(Some("en"));
        let now = datetime!(2026-12-01 19:20 UTC);
        assert_eq!(
            en.when(datetime!(2026-12-01 19:15:19 UTC), now),
            "today at 19:15 UTC"
        );
        assert_eq!(
            en.when(datetime!(2026-11-30 23:59 UTC), now),
            "yesterday at 23:59 UTC"
        );
        assert_eq!(
            en.on_date(datetime!(2026-12-01 09:05 UTC)),
            "on 1 December 2026 at 09:05 UTC"
        );
        let de = all.for_tag(Some("de"));
        assert!(de
            .when(datetime!(2026-12-01 19:15 UTC), now)
            .contains("19:15"));
        assert!(de
            .on_date(datetime!(2026-12-01 19:15 UTC))
            .contains("Dezember"));
    }

    #[test]
    fn waits_and_browsers() {
        let all = Catalogue::all().unwrap();
        let en = all.for_tag(Some("en"));
        assert_eq!(en.wait(0), "in a moment");
        assert_eq!(en.wait(58), "in 58 seconds");
        assert_eq!(en.wait(600), "in 10 minutes");
        assert_eq!(en.wait(7200), "in about 2 hours");
        assert_eq!(en.browser("Chrome|Linux"), "Chrome on Linux");
        assert_eq!(en.browser("curl|"), "curl");
        assert_eq!(en.browser("|"), "an unknown browser");
        assert_eq!(en.browser("Firefox on Linux"), "Firefox on Linux");
    }
}
