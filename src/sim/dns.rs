//! The simulated acquirer's DNS server: its host names resolve to loopback, or (with the
//! `nxdomain` fault) do not exist.

use std::net::{IpAddr, Ipv4Addr};

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA};
use hickory_proto::rr::{RData, Record, RecordType};
use tokio::net::UdpSocket;

/// The simulator's names, under the `.test` top-level domain reserved for testing (RFC 2606),
/// so they can never mean anything on a real network.
pub const ISO_HOST: &str = "upos.posdoctor.test";
pub const GATEWAY_HOST: &str = "gateway.posdoctor.test";

/// The reply to one DNS query: `lookup` gives a name's addresses of the asked type, or the
/// error code to answer with. `None` when the query does not decode.
pub fn respond(
    query: &[u8],
    lookup: impl Fn(&str, RecordType) -> Result<Vec<IpAddr>, ResponseCode>,
) -> Option<Vec<u8>> {
    let query = Message::from_vec(query).ok()?;
    let q = query.queries.first().cloned()?;
    let mut reply = Message::new(
        query.metadata.id,
        MessageType::Response,
        query.metadata.op_code,
    );
    reply.metadata.recursion_desired = query.metadata.recursion_desired;
    reply.metadata.recursion_available = true;
    reply.metadata.authoritative = true;
    reply.add_query(q.clone());
    let name = q
        .name()
        .to_ascii()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    match lookup(&name, q.query_type()) {
        Ok(ips) => {
            for ip in ips {
                let rdata = match (ip, q.query_type()) {
                    (IpAddr::V4(v4), RecordType::A) => RData::A(A(v4)),
                    (IpAddr::V6(v6), RecordType::AAAA) => RData::AAAA(AAAA(v6)),
                    _ => continue,
                };
                reply.add_answer(Record::from_rdata(q.name().clone(), 60, rdata));
            }
        }
        Err(code) => reply.metadata.response_code = code,
    }
    reply.to_vec().ok()
}

/// Answers queries until the task is dropped.
pub async fn serve(socket: UdpSocket, nxdomain: bool) {
    let mut buf = [0u8; 1500];
    loop {
        let Ok((n, peer)) = socket.recv_from(&mut buf).await else {
            continue;
        };
        let reply = respond(&buf[..n], |name, _| {
            if nxdomain || (name != ISO_HOST && name != GATEWAY_HOST) {
                Err(ResponseCode::NXDomain)
            } else {
                Ok(vec![address()])
            }
        });
        if let Some(bytes) = reply {
            let _ = socket.send_to(&bytes, peer).await;
        }
    }
}

/// Loopback, where every simulator endpoint listens.
pub fn address() -> IpAddr {
    IpAddr::V4(Ipv4Addr::LOCALHOST)
}
