//! A packet capture as `decode --pcap` reads it: pcap or pcapng, every link layer it knows,
//! TCP reassembly, framing found per stream, every message decoded and paired, each record
//! serialised as the JSON output writes it. Whatever the bytes, the result is a conversation,
//! a damaged-capture note, or "not a capture", never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::decode::conversation::{self, Options};
use posdoctor::decode::{self, FramingChoice};
use posdoctor::iso8583::Layout;

fuzz_target!(|data: &[u8]| {
    let layouts: Vec<&'static Layout> = decode::BUILTIN_LAYOUTS
        .iter()
        .filter_map(|n| Layout::builtin(n))
        .collect();
    let opts = Options {
        layouts: layouts.clone(),
        all_layouts: layouts,
        framing: FramingChoice::Auto,
        late_ms: 10_000.0,
    };
    let _ = conversation::analyse(std::io::Cursor::new(data), &opts, |rec| {
        let _ = serde_json::to_string(rec);
        true
    })
    .map(|c| serde_json::to_string(&c));
});
