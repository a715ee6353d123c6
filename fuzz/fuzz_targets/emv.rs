//! EMV chip data (field 55) as `decode --emv` reads it: BER-TLV parsing of any bytes ends in a
//! list of elements or an error naming an offset inside the input, never a panic, and the
//! explanation (TVR, TSI, CVM results, cryptogram type) holds for whatever parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::decode::{emv, tlv};

fuzz_target!(|data: &[u8]| {
    match tlv::parse(data) {
        Ok(elements) => {
            for e in &elements {
                assert!(!e.tag.is_empty());
            }
        }
        Err(e) => assert!(e.offset() <= data.len(), "offset beyond the input"),
    }
    let _ = emv::explain(data);
});
