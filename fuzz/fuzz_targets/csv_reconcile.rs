//! `txn reconcile`: a sales file and a settlement file (the input split at its first NUL),
//! matched with and without an expected fee rate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::reconcile::{Options, reconcile};

fuzz_target!(|data: &[u8]| {
    let (sales, settlement) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    for fee_rate in [None, Some(0.6)] {
        let opts = Options {
            fee_rate,
            ..Options::default()
        };
        if let Ok(r) = reconcile((sales, "sales.csv"), (settlement, "settle.csv"), &opts) {
            let _ = serde_json::to_string(&r);
        }
    }
});
