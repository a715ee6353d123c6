//! Keys as typed, piped or read from a key file: hex for both algorithms, then the checks
//! `check key` runs (KCV, parity, weak and known test keys, an expected KCV).
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::check;
use posdoctor::keys::{Algorithm, Key};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A line after the key is the expected KCV (`--expect`).
    let (hex, expect) = match text.split_once('\n') {
        Some((k, e)) => (k, Some(e)),
        None => (text, None),
    };
    for algorithm in [Algorithm::Tdes, Algorithm::Aes] {
        if let Ok(key) = Key::from_hex(hex, algorithm) {
            let kcv = key.kcv();
            assert!(kcv.matches(&kcv.to_string()), "a key's KCV matches itself");
            let _ = (key.has_odd_parity(), key.is_weak(), key.halves_equal());
            let _ = key.known_test_key();
            if let Some(e) = expect {
                let _ = kcv.matches(e);
            }
        }
        let mut out = Vec::new();
        let _ = check::key("tmk", hex, algorithm, expect, &mut out);
    }
});
