//! Card data as typed or read: a card number (with the separators people type), an expiry,
//! track 2 equivalent data, and what `check card` does with them. A masked number never
//! shows more than the first 6 and last 4 digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::card::{self, YearMonth};
use posdoctor::check;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = YearMonth {
        year: 2026,
        month: 11,
    };
    let mut out = Vec::new();
    if let Some(d) = card::digits(text) {
        let _ = card::luhn_ok(&d);
        let m = card::mask(&d);
        assert_eq!(m.chars().count(), d.chars().count());
        check::card(&d, None, None, today, &mut out);
    }
    if let Some(m) = card::masked(text) {
        assert!(
            m.chars().filter(char::is_ascii_digit).count() <= 10 || m.contains('*'),
            "masked form shows at most 10 digits"
        );
    }
    if let Some(e) = card::parse_expiry(text) {
        assert!((1..=12).contains(&e.month));
        let _ = today.months_until(e);
    }
    if let Some(t) = card::parse_track2(text) {
        let _ = card::luhn_ok(&t.pan);
        check::card(&t.pan, t.expiry, t.service_code.as_deref(), today, &mut out);
    }
});
