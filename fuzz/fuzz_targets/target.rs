//! What `net` probes: a target as given on the command line (`host:port`, URLs) and a targets
//! file (one a line, or CSV), and the address the DNS check is then asked for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::net::Target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = Target::parse(text) {
        assert!(t.port > 0);
        let _ = t.ip();
        let _ = t.to_string();
    }
    if let Ok(list) = Target::parse_list(text) {
        for t in list {
            let _ = t.ip();
        }
    }
});
