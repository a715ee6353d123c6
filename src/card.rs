//! Card numbers, expiry dates and track data: the pure rules, and the one way a card number
//! may ever be shown (first 6 and last 4 digits).

/// Strips what people type between groups (spaces, NBSP, ideographic space, tabs, dashes)
/// and reads full-width digits as digits; `None` if anything else is not a digit.
pub fn digits(number: &str) -> Option<String> {
    let mut d = String::with_capacity(number.len());
    for c in number.chars() {
        match c {
            ' ' | '-' | '\t' | '\u{a0}' | '\u{3000}' | '－' => {}
            '0'..='9' => d.push(c),
            '０'..='９' => d.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            _ => return None,
        }
    }
    (!d.is_empty()).then_some(d)
}

/// ISO/IEC 7812-1 check digit.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// The form in which a card number may appear anywhere: first 6 and last 4 digits.
pub fn mask(digits: &str) -> String {
    let n = digits.chars().count();
    if n <= 10 {
        return "*".repeat(n);
    }
    format!("{}{}{}", &digits[..6], "*".repeat(n - 10), &digits[n - 4..])
}

/// A card number as it may be kept: already masked (it has the masked shape, see
/// [`crate::redact::is_masked_card`]), or masked here. Anything that is neither is dropped
/// rather than stored, since it might be something else secret (`6222021234567890123*` is
/// not masked: it shows every digit).
pub fn masked(text: &str) -> Option<String> {
    let text = text.trim();
    if crate::redact::is_masked_card(text) {
        return Some(text.chars().filter(|c| !matches!(c, ' ' | '-')).collect());
    }
    digits(text).filter(|d| d.len() >= 12).map(|d| mask(&d))
}

/// A month, as expiry dates and "today" are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// This month, in UTC.
    pub fn now() -> YearMonth {
        let now = time::OffsetDateTime::now_utc();
        YearMonth {
            year: now.year(),
            month: u8::from(now.month()),
        }
    }
}

impl YearMonth {
    pub fn months_until(self, later: YearMonth) -> i32 {
        (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month)
    }
}

/// Expiry as printed on the card (`MM/YY`, `MMYY`) or as `YYYY-MM`.
pub fn parse_expiry(text: &str) -> Option<YearMonth> {
    let t = text.trim();
    let (month, year) = if let Some((y, m)) = t.split_once('-').filter(|(y, _)| y.len() == 4) {
        (m.parse::<u8>().ok()?, y.parse::<i32>().ok()?)
    } else {
        let compact: String = t.chars().filter(|c| *c != '/').collect();
        if compact.len() != 4 || !compact.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        (
            compact[..2].parse().ok()?,
            2000 + compact[2..].parse::<i32>().ok()?,
        )
    };
    (1..=12)
        .contains(&month)
        .then_some(YearMonth { year, month })
}

/// Track 2 equivalent data: `PAN=YYMMSSS…` (`D` may stand for `=`, as in chip data).
#[derive(Debug, PartialEq, Eq)]
pub struct Track2 {
    pub pan: String,
    pub expiry: Option<YearMonth>,
    pub service_code: Option<String>,
}

/// What `check card` was given, read into the digits, expiry and service code to check.
/// The digits live in zeroized memory; nothing here ever echoes what was typed.
pub struct Given {
    pub digits: zeroize::Zeroizing<String>,
    pub expiry: Option<YearMonth>,
    pub service_code: Option<String>,
}

/// Reads a card from track 2 data or a number (with an optional expiry). `read` supplies
/// the text when the value is `-` or absent (stdin or a hidden prompt), so the rules stay
/// here and the terminal handling stays with the command.
pub fn given(
    track2: Option<&str>,
    number: Option<&str>,
    expiry: Option<&str>,
    read: impl FnOnce(crate::i18n::Msg) -> Result<zeroize::Zeroizing<String>, crate::error::Error>,
) -> Result<Given, crate::error::Error> {
    use crate::error::{Error, Message};
    use crate::i18n::Msg;
    use zeroize::Zeroizing;
    let (number, expiry, service_code) = if let Some(t) = track2 {
        let raw = match t {
            "-" => read(Msg::PromptTrack2)?,
            _ => Zeroizing::new(t.to_string()),
        };
        let track =
            parse_track2(&raw).ok_or_else(|| Error::from(Message::new(Msg::ErrorTrack2)))?;
        (
            Zeroizing::new(track.pan.clone()),
            track.expiry,
            track.service_code.clone(),
        )
    } else {
        let raw = match number {
            Some(n) => Zeroizing::new(n.to_string()),
            None => read(Msg::PromptCard)?,
        };
        let expiry = expiry
            .map(|e| parse_expiry(e).ok_or_else(|| Message::new(Msg::ErrorExpiry).arg("value", e)));
        (raw, expiry.transpose()?, None)
    };
    // Never echo what was given: it may be a whole card number with a typo in it.
    let digits = digits(&number).ok_or_else(|| Error::from(Message::new(Msg::ErrorCardDigits)))?;
    Ok(Given {
        digits: Zeroizing::new(digits),
        expiry,
        service_code,
    })
}

pub fn parse_track2(text: &str) -> Option<Track2> {
    let t = text
        .trim()
        .trim_start_matches(';')
        .trim_end_matches('?')
        .trim_end_matches(['F', 'f']);
    let (pan, rest) = t.split_once(['=', 'D', 'd'])?;
    let pan = digits(pan)?;
    // Only ASCII digits are sliced below: other characters are not one byte each.
    let expiry = rest
        .get(..4)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|yymm| {
            let y: i32 = yymm[..2].parse().ok()?;
            let m: u8 = yymm[2..].parse().ok()?;
            (1..=12).contains(&m).then_some(YearMonth {
                year: 2000 + y,
                month: m,
            })
        });
    let service_code = rest
        .get(4..7)
        .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string);
    Some(Track2 {
        pan,
        expiry,
        service_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_ok("4111111111111111"));
        assert!(luhn_ok("378282246310005"));
        assert!(luhn_ok("6212345678901265"));
        assert!(!luhn_ok("4111111111111112"));
    }

    #[test]
    fn masking_keeps_six_and_four() {
        assert_eq!(mask("6222021234567890123"), "622202*********0123");
        assert_eq!(mask("4111111111111111"), "411111******1111");
        assert_eq!(mask("1234"), "****");
    }

    #[test]
    fn only_the_masked_shape_counts_as_masked() {
        assert_eq!(masked("6222021234567890123*"), None);
        assert_eq!(
            masked("622202*********0123").as_deref(),
            Some("622202*********0123")
        );
        assert_eq!(
            masked("6222 02** **** 0123").as_deref(),
            Some("622202******0123")
        );
        assert_eq!(
            masked("６２２２ ０２１２ ３４５６ ７８９０ １２３").as_deref(),
            Some("622202*********0123")
        );
    }

    #[test]
    fn expiry_forms() {
        let ym = |year, month| Some(YearMonth { year, month });
        assert_eq!(parse_expiry("12/28"), ym(2028, 12));
        assert_eq!(parse_expiry("0131"), ym(2031, 1));
        assert_eq!(parse_expiry("2030-06"), ym(2030, 6));
        assert_eq!(parse_expiry("13/28"), None);
        assert_eq!(parse_expiry("12-28"), None);
    }

    #[test]
    fn track2() {
        let t = parse_track2(";6222021234567890123=28122011234?").unwrap();
        assert_eq!(t.pan, "6222021234567890123");
        assert_eq!(
            t.expiry,
            Some(YearMonth {
                year: 2028,
                month: 12
            })
        );
        assert_eq!(t.service_code.as_deref(), Some("201"));
        assert!(parse_track2("4111111111111111D3001101").is_some());
        assert!(parse_track2("no separator").is_none());
        // Found by fuzzing (fuzz/ target `card`): a multi-byte character in the expiry
        // position panicked on slicing.
        let t = parse_track2("6222021234567890123=2ν 1").unwrap();
        assert_eq!(t.expiry, None);
    }
}
