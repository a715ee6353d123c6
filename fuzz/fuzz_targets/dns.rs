//! DNS from outside: a `--dns` server as given, a host name as the resolver is asked for it,
//! and a query packet as the simulator's DNS server receives it.
#![no_main]

use std::net::{IpAddr, Ipv4Addr};

use hickory_proto::op::ResponseCode;
use hickory_proto::rr::{Name, RecordType};
use libfuzzer_sys::fuzz_target;
use posdoctor::net::{DnsServer, Target};
use posdoctor::sim::dns::respond;

fuzz_target!(|data: &[u8]| {
    let _ = respond(data, |name, t| match (name, t) {
        ("upos.posdoctor.test", RecordType::A) => Ok(vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]),
        ("upos.posdoctor.test", _) => Ok(Vec::new()),
        _ => Err(ResponseCode::NXDomain),
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = DnsServer::parse(text);
    // The name the resolver is given for a target: fully qualified.
    if let Ok(t) = Target::parse(text)
        && t.ip().is_none()
    {
        let fqdn = if t.host.ends_with('.') {
            t.host.clone()
        } else {
            format!("{}.", t.host)
        };
        let _ = Name::from_utf8(&fqdn);
    }
});
