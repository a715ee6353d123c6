//! A gateway's answer to a transaction look-up (JSON), read through the default mapping and
//! through a profile's own (other field pointers, yuan amounts, its state words).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use posdoctor::config::Gateway;
use posdoctor::txn::gateway::parse;

fn custom() -> &'static Gateway {
    static GW: OnceLock<Gateway> = OnceLock::new();
    GW.get_or_init(|| {
        let mut gw = Gateway {
            url: "https://gateway.posdoctor.test".into(),
            amount_unit: Some("yuan".into()),
            ..Gateway::default()
        };
        for (k, v) in [
            ("state", "/data/status"),
            ("response_code", "/data/respCode"),
            ("amount", "/data/amt"),
            ("rrn", "/data/refNo"),
            ("card", "/data/pan"),
            ("time", "/data/txnTime"),
        ] {
            gw.fields.insert(k.into(), v.into());
        }
        for (k, v) in [
            ("SUCCESS", "approved"),
            ("FAIL", "declined"),
            ("REVOKED", "voided"),
        ] {
            gw.states.insert(k.into(), v.into());
        }
        gw
    })
}

fuzz_target!(|data: &[u8]| {
    for gw in [&Gateway::default(), custom()] {
        if let Ok(txn) = parse(gw, data) {
            let _ = format!("{txn:?}");
        }
    }
});
