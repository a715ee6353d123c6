//! ISO 8583 from the network, for both built-in layouts: a frame as the probe reads it from an
//! acquirer host (length prefix, TPDU, header, message) and as the simulator reads it from a
//! terminal (then answers it), and a bare message. Whatever decodes must encode again to bytes
//! that decode to the same message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::iso8583::{Frame, Layout};
use posdoctor::net::iso::MAX_FRAME;
use posdoctor::sim::{Faults, iso::answer};
use std::sync::atomic::AtomicU32;

fn round_trip(layout: &Layout, body: &[u8]) {
    let Ok(m) = layout.decode(body) else {
        return;
    };
    let bytes = layout
        .encode(&m)
        .unwrap_or_else(|e| panic!("{}: a decoded message does not encode: {e}", layout.name));
    let again = layout
        .decode(&bytes)
        .unwrap_or_else(|e| panic!("{}: our own encoding does not decode: {e}", layout.name));
    assert_eq!(again, m, "{}: decode(encode(m)) != m", layout.name);
    // The simulator answers what decoded; its answer goes back through the codec.
    let reply = answer(&m, &Faults::default(), &AtomicU32::new(1));
    if let Ok(body) = layout.encode(&reply) {
        let _ = layout.decode(&body);
    }
}

fuzz_target!(|data: &[u8]| {
    for name in ["unionpay", "generic"] {
        let layout = Layout::builtin(name).expect("built-in layout");
        // A bare message.
        round_trip(layout, data);
        // A frame on the wire: 2-byte length, then what it announces.
        if let Some((len, rest)) = data.split_first_chunk::<2>() {
            let n = usize::from(u16::from_be_bytes(*len));
            if n == 0 || n > MAX_FRAME || rest.len() < n {
                continue;
            }
            if let Ok(frame) = layout.unframe(&rest[..n]) {
                round_trip(layout, &frame.body);
                // The simulator sends the same TPDU (reversed) and header back.
                let wire = layout.frame(&Frame {
                    tpdu: frame.tpdu.map(|t| t.reversed()),
                    header: frame.header.clone(),
                    body: frame.body.clone(),
                });
                if let Ok(wire) = wire {
                    let back = layout.unframe(&wire[2..]).expect("our frame unframes");
                    assert_eq!(back.body, frame.body);
                }
            }
        }
    }
});
