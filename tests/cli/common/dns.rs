//! A DNS server on loopback answering from a zone the test controls, so tests never ask the
//! machine's configured resolver.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hickory_proto::op::ResponseCode;
use posdoctor::sim::dns::respond;

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
            .map(|(n, a)| (n.to_string(), a.clone()))
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
                let delay = std::cell::Cell::new(None);
                let Some(bytes) = respond(&buf[..n], |name, _| match zone.get(name) {
                    None | Some(Answer::NxDomain) => Err(ResponseCode::NXDomain),
                    Some(Answer::ServFail) => Err(ResponseCode::ServFail),
                    Some(Answer::Ips(ips)) => Ok(ips.clone()),
                    Some(Answer::Slow(d, ips)) => {
                        delay.set(Some(*d));
                        Ok(ips.clone())
                    }
                }) else {
                    continue;
                };
                let delay = delay.get();
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
