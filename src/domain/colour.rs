//! The accent colour and its contrast (WCAG 2.x relative luminance). The configured colour is
//! the button background (white text) and the link colour on the light card, so it must reach
//! 4.5:1 against white; in the dark scheme Iris uses a lighter variant it derives, which
//! reaches 4.5:1 on every dark surface. Written here because it is a dozen lines of arithmetic.

/// WCAG 1.4.3 (AA) for normal text.
pub const MIN_CONTRAST: f64 = 4.5;
/// The card behind text in the light scheme (`--card` in iris.css), and white button text.
pub const LIGHT_CARD: Rgb = Rgb(0xff, 0xff, 0xff);
/// The card in the dark scheme (`--card` under `prefers-color-scheme: dark`).
pub const DARK_CARD: Rgb = Rgb(0x1a, 0x1b, 0x1e);
/// The lightest dark-scheme surface that carries accent text: fields and secondary buttons
/// (`--field`). Reaching 4.5:1 against it reaches it against the darker card too.
pub const DARK_FIELD: Rgb = Rgb(0x25, 0x26, 0x2b);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, the only form the config accepts.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
        let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `t` of the way from this colour to `to` (0 = this, 1 = `to`).
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }

    /// The accent for text in the dark scheme: this colour, lightened just enough toward
    /// white to reach `MIN_CONTRAST` on every dark surface (white itself always does).
    pub fn dark_scheme_text(self) -> Rgb {
        (0..=40)
            .map(|step| self.mix(LIGHT_CARD, f64::from(step) / 40.0))
            .find(|c| {
                c.contrast(DARK_FIELD) >= MIN_CONTRAST && c.contrast(DARK_CARD) >= MIN_CONTRAST
            })
            .unwrap_or(LIGHT_CARD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((Rgb(0, 0, 0).contrast(LIGHT_CARD) - 21.0).abs() < 0.01);
        assert!((LIGHT_CARD.contrast(LIGHT_CARD) - 1.0).abs() < 0.01);
        // #767676 on white is the classic 4.54:1.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((grey.contrast(LIGHT_CARD) - 4.54).abs() < 0.01);
    }

    #[test]
    fn the_default_accent_passes_and_gets_a_readable_dark_variant() {
        let accent = Rgb::parse("#3b5bdb").unwrap();
        assert!(accent.contrast(LIGHT_CARD) >= MIN_CONTRAST);
        assert!(
            accent.contrast(DARK_CARD) < MIN_CONTRAST,
            "why a variant is needed"
        );
        let dark = accent.dark_scheme_text();
        assert!(dark.contrast(DARK_CARD) >= MIN_CONTRAST);
        assert!(dark.contrast(DARK_FIELD) >= MIN_CONTRAST);
        assert_ne!(dark, LIGHT_CARD, "still the brand's hue, not plain white");
    }

    #[test]
    fn only_rrggbb_parses() {
        for bad in ["3b5bdb", "#3b5", "#3b5bdbff", "#gggggg", "", "#3b5bd\u{e9}"] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Rgb::parse("#FFffFF"), Some(LIGHT_CARD));
    }
}
