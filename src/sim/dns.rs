//! The simulated acquirer's DNS server: its host names resolve to loopback, or (with the
//! `nxdomain` fault) do not exist.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::A;
use hickory_proto::rr::{RData, Record, RecordType};
use tokio::net::UdpSocket;

/// The simulator's names, under the `.test` top-level domain reserved for testing (RFC 2606),
/// so they can never mean anything on a real network.
pub const ISO_HOST: &str = "upos.posdoctor.test";
pub const GATEWAY_HOST: &str = "gateway.posdoctor.test";

/// Answers queries until the task is dropped.
pub async fn serve(socket: UdpSocket, nxdomain: bool) {
    let socket = Arc::new(socket);
    let mut buf = [0u8; 1500];
    loop {
        let Ok((n, peer)) = socket.recv_from(&mut buf).await else {
            continue;
        };
        let Ok(query) = Message::from_vec(&buf[..n]) else {
            continue;
        };
        let Some(q) = query.queries.first().cloned() else {
            continue;
        };
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
        let known = name == ISO_HOST || name == GATEWAY_HOST;
        if nxdomain || !known {
            reply.metadata.response_code = ResponseCode::NXDomain;
        } else if q.query_type() == RecordType::A {
            reply.add_answer(Record::from_rdata(
                q.name().clone(),
                60,
                RData::A(A(Ipv4Addr::LOCALHOST)),
            ));
        }
        if let Ok(bytes) = reply.to_vec() {
            let _ = socket.send_to(&bytes, peer).await;
        }
    }
}

/// Loopback, where every simulator endpoint listens.
pub fn address() -> IpAddr {
    IpAddr::V4(Ipv4Addr::LOCALHOST)
}
