//! A DNS server on loopback answering from a zone the test controls, so tests never ask the
//! machine's configured resolver.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA};
use hickory_proto::rr::{RData, Record, RecordType};

#[derive(Clone, Debug)]
pub enum Answer {
    Ips(Vec<IpAddr>),
    NxDomain,
    ServFail,
    /// Answer with these addresses, but only after a while.
    Slow(Duration, Vec<IpAddr>),
}

pub struct DnsServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl DnsServer {
    /// Names are given without the trailing dot, in lower case.
    pub fn start(zone: &[(&str, Answer)]) -> DnsServer {
        let zone: HashMap<String, Answer> = zone
            .iter()
            .map(|(n, a)| (format!("{n}."), a.clone()))
            .collect();
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        let addr = socket.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while !flag.load(Ordering::SeqCst) {
                let Ok((n, peer)) = socket.recv_from(&mut buf) else {
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
                let name = q.name().to_ascii().to_ascii_lowercase();
                let mut delay = None;
                match zone.get(&name) {
                    None | Some(Answer::NxDomain) => {
                        reply.metadata.response_code = ResponseCode::NXDomain
                    }
                    Some(Answer::ServFail) => reply.metadata.response_code = ResponseCode::ServFail,
                    Some(Answer::Ips(ips)) | Some(Answer::Slow(_, ips)) => {
                        if let Some(Answer::Slow(d, _)) = zone.get(&name) {
                            delay = Some(*d);
                        }
                        for ip in ips {
                            let rdata = match (ip, q.query_type()) {
                                (IpAddr::V4(v4), RecordType::A) => RData::A(A(*v4)),
                                (IpAddr::V6(v6), RecordType::AAAA) => RData::AAAA(AAAA(*v6)),
                                _ => continue,
                            };
                            reply.add_answer(Record::from_rdata(q.name().clone(), 60, rdata));
                        }
                    }
                }
                let bytes = reply.to_vec().unwrap();
                let socket = socket.try_clone().unwrap();
                match delay {
                    Some(d) => {
                        std::thread::spawn(move || {
                            std::thread::sleep(d);
                            let _ = socket.send_to(&bytes, peer);
                        });
                    }
                    None => {
                        let _ = socket.send_to(&bytes, peer);
                    }
                }
            }
        });
        DnsServer { addr, stop }
    }

    pub fn arg(&self) -> String {
        self.addr.to_string()
    }
}
