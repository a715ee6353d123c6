//! One ISO 8583 message as `decode` reads it: text in any form (hex, base64, a log line) and
//! the bytes under every built-in layout with automatic framing. Whatever the input, the
//! result is a decoded message, or a description of where decoding stopped, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::decode::{self, FramingChoice, input};
use posdoctor::iso8583::Layout;

fuzz_target!(|data: &[u8]| {
    let layouts: Vec<&'static Layout> = decode::BUILTIN_LAYOUTS
        .iter()
        .filter_map(|n| Layout::builtin(n))
        .collect();
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((_, bytes)) = input::read(text) {
            let _ = decode::decode_message(&bytes, &layouts, FramingChoice::Auto, &layouts);
        }
    }
    let _ = decode::decode_message(data, &layouts, FramingChoice::Auto, &layouts);
});
