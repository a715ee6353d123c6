//! The config file (TOML): parsed as `profile show`, `check` and `doctor` read it, then every
//! profile's values through the checks and parsers they meet (fields, targets, TPDU and header
//! hex, ISO layout, gateway look-up URL).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use posdoctor::check;
use posdoctor::config::{Config, validate_field};
use posdoctor::iso8583::Layout;
use posdoctor::net::Target;
use posdoctor::net::iso::hex_bytes;
use posdoctor::txn::gateway::{Keys, lookup_url};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("config.toml");
    let Ok(config) = Config::parse(path, text) else {
        return;
    };
    let _ = config.active(None, path);
    for (name, p) in &config.profiles {
        let _ = config.active(Some(name), path);
        let a = p.acquirer;
        for (field, value) in [
            ("merchant_id", &p.merchant_id),
            ("terminal_id", &p.terminal_id),
            ("mcc", &p.mcc),
            ("currency", &p.currency),
            ("region", &p.region),
            ("host", &p.host),
            ("merchant_name", &p.merchant_name),
        ] {
            if let Some(v) = value {
                let _ = validate_field(field, v, a);
            }
        }
        let mut out = Vec::new();
        if let Some(v) = &p.merchant_id {
            check::merchant_id(v, a, p.mcc.as_deref(), p.region.as_deref(), &mut out);
        }
        if let Some(v) = &p.terminal_id {
            check::terminal_id(v, a, &mut out);
        }
        if let Some(v) = &p.mcc {
            check::mcc(v, &mut out);
        }
        if let Some(v) = &p.currency {
            check::currency(v, &mut out);
        }
        let _ = Target::from_profile(p);
        for hex in [&p.tpdu, &p.app_header].into_iter().flatten() {
            let _ = hex_bytes(hex);
        }
        if let Some(l) = &p.iso_layout {
            let _ = Layout::builtin(l);
        }
        if let Some(gw) = &p.gateway {
            let _ = validate_field("gateway_url", &gw.url, a);
            if let Some(env) = &gw.auth_env {
                let _ = validate_field("gateway_auth_env", env, a);
            }
            let keys = Keys {
                rrn: Some("123456789012".into()),
                terminal_id: p.terminal_id.clone(),
                merchant_id: p.merchant_id.clone(),
                date: Some("2026-11-23".into()),
                ..Keys::default()
            };
            let _ = lookup_url(gw, &keys);
        }
    }
});
