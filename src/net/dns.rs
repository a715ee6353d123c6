//! Name resolution with hickory-resolver: through the system's resolver, or exactly the
//! nameservers given with `--dns`, side by side, so a broken or hijacking resolver shows.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::{Resolver, TokioResolver};

use crate::error::Message;
use crate::i18n::Msg;

/// A resolver to ask: the system's (`system`), or one nameserver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsServer {
    System,
    Addr(SocketAddr),
}

impl fmt::Display for DnsServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DnsServer::System => f.write_str("system"),
            DnsServer::Addr(a) => write!(f, "{a}"),
        }
    }
}

impl DnsServer {
    /// `system`, `IP` (port 53) or `IP:PORT` (`[v6]:PORT`).
    pub fn parse(s: &str) -> Result<DnsServer, Message> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("system") {
            return Ok(DnsServer::System);
        }
        if let Ok(ip) = t
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return Ok(DnsServer::Addr(SocketAddr::new(ip, 53)));
        }
        t.parse::<SocketAddr>()
            .map(DnsServer::Addr)
            .map_err(|_| Message::new(Msg::ErrorDnsServer).arg("value", s))
    }

    fn resolver(&self, timeout: Duration, bind: Option<IpAddr>) -> Result<TokioResolver, String> {
        let builder = match self {
            DnsServer::System => Resolver::builder_tokio().map_err(|e| e.to_string())?,
            DnsServer::Addr(a) => {
                let mut udp = ConnectionConfig::udp();
                udp.port = a.port();
                let mut tcp = ConnectionConfig::tcp();
                tcp.port = a.port();
                // Queries leave from the chosen interface's address.
                if let Some(ip) = bind.filter(|ip| ip.is_ipv4() == a.is_ipv4()) {
                    udp.bind_addr = Some(SocketAddr::new(ip, 0));
                    tcp.bind_addr = Some(SocketAddr::new(ip, 0));
                }
                let ns = NameServerConfig::new(a.ip(), true, vec![udp, tcp]);
                Resolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![ns]),
                    TokioRuntimeProvider::default(),
                )
            }
        };
        let mut builder = builder;
        let keep_system_hosts = matches!(self, DnsServer::System);
        let o = builder.options_mut();
        o.timeout = timeout;
        o.attempts = 1;
        o.cache_size = 0;
        if !keep_system_hosts {
            o.use_hosts_file = ResolveHosts::Never;
        }
        builder.build().map_err(|e| e.to_string())
    }
}

/// What one family's lookup (A or AAAA) came back with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Addresses(Vec<IpAddr>),
    /// The name exists, but has no record of this type.
    NoRecords,
    NxDomain,
    /// The server answered with an error code (SERVFAIL, REFUSED…).
    Rcode(String),
    Timeout,
    /// Still unanswered when another resolver had answered: given up on, so that the
    /// probes after it keep their share of the deadline.
    Abandoned,
    Other(String),
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub server: DnsServer,
    pub v4: Answer,
    pub v6: Answer,
    pub elapsed: Duration,
}

impl Resolution {
    pub fn addresses(&self) -> Vec<IpAddr> {
        let mut out = Vec::new();
        for a in [&self.v4, &self.v6] {
            if let Answer::Addresses(v) = a {
                out.extend(v.iter().copied());
            }
        }
        out
    }
}

fn classify(result: Result<hickory_resolver::lookup::Lookup, NetError>) -> Answer {
    match result {
        Ok(l) => {
            let ips: Vec<IpAddr> = l
                .answers()
                .iter()
                .filter_map(|r| r.data.ip_addr())
                .collect();
            if ips.is_empty() {
                Answer::NoRecords
            } else {
                Answer::Addresses(ips)
            }
        }
        Err(NetError::Dns(DnsError::NoRecordsFound(nr)))
            if nr.response_code == ResponseCode::NXDomain =>
        {
            Answer::NxDomain
        }
        Err(NetError::Dns(DnsError::NoRecordsFound(_))) => Answer::NoRecords,
        Err(NetError::Dns(DnsError::ResponseCode(code))) => {
            Answer::Rcode(format!("{code:?}").to_ascii_uppercase())
        }
        Err(NetError::Timeout) => Answer::Timeout,
        Err(e) => {
            let text = e.to_string();
            if text.contains("timed out") {
                Answer::Timeout
            } else {
                Answer::Other(text)
            }
        }
    }
}

/// Looks `host` up (A and AAAA at once) through `server`, within `timeout`, sending from
/// `bind` when given.
pub async fn resolve(
    host: &str,
    server: &DnsServer,
    timeout: Duration,
    bind: Option<IpAddr>,
) -> Resolution {
    let start = Instant::now();
    let resolver = match server.resolver(timeout, bind) {
        Ok(r) => r,
        Err(e) => {
            return Resolution {
                server: server.clone(),
                v4: Answer::Other(e.clone()),
                v6: Answer::Other(e),
                elapsed: start.elapsed(),
            };
        }
    };
    // A fully qualified name: the search list must not turn a typo into someone else's host.
    let fqdn = if host.ends_with('.') {
        host.to_string()
    } else {
        format!("{host}.")
    };
    let (v4, v6) = tokio::join!(
        tokio::time::timeout(timeout, resolver.ipv4_lookup(fqdn.as_str())),
        tokio::time::timeout(timeout, resolver.ipv6_lookup(fqdn.as_str()))
    );
    let bounded = |r: Result<_, tokio::time::error::Elapsed>| r.map_or(Answer::Timeout, classify);
    let (v4, v6) = (bounded(v4), bounded(v6));
    Resolution {
        server: server.clone(),
        v4,
        v6,
        elapsed: start.elapsed(),
    }
}

/// How long the other resolvers still get once one has answered with addresses: enough for
/// a healthy resolver's answer to be compared, not so long that a dead one eats the time the
/// connection checks need.
pub const GRACE_AFTER_ANSWER: Duration = Duration::from_millis(250);

/// Looks `host` up through every server at once, each within `timeout`. Once one has
/// answered with addresses, the others get [`GRACE_AFTER_ANSWER`] more; those still silent
/// then are [`Answer::Abandoned`]. Results are in the order of `servers`.
pub async fn resolve_all(
    host: &str,
    servers: &[DnsServer],
    timeout: Duration,
    bind: Option<IpAddr>,
) -> Vec<Resolution> {
    use futures_util::StreamExt;
    use futures_util::stream::FuturesUnordered;

    let start = Instant::now();
    let mut pending: FuturesUnordered<_> = servers
        .iter()
        .enumerate()
        .map(|(i, s)| async move { (i, resolve(host, s, timeout, bind).await) })
        .collect();
    let mut done: Vec<Option<Resolution>> = vec![None; servers.len()];
    let mut cutoff: Option<tokio::time::Instant> = None;
    loop {
        let next = match cutoff {
            Some(at) => match tokio::time::timeout_at(at, pending.next()).await {
                Ok(n) => n,
                Err(_) => break,
            },
            None => pending.next().await,
        };
        let Some((i, r)) = next else { break };
        if cutoff.is_none() && !r.addresses().is_empty() {
            cutoff = Some(tokio::time::Instant::now() + GRACE_AFTER_ANSWER);
        }
        done[i] = Some(r);
    }
    done.into_iter()
        .zip(servers)
        .map(|(r, server)| {
            r.unwrap_or_else(|| Resolution {
                server: server.clone(),
                v4: Answer::Abandoned,
                v6: Answer::Abandoned,
                elapsed: start.elapsed(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers() {
        assert_eq!(DnsServer::parse("system").unwrap(), DnsServer::System);
        assert_eq!(
            DnsServer::parse("127.0.0.1").unwrap(),
            DnsServer::Addr("127.0.0.1:53".parse().unwrap())
        );
        assert_eq!(
            DnsServer::parse("127.0.0.1:5353").unwrap(),
            DnsServer::Addr("127.0.0.1:5353".parse().unwrap())
        );
        assert_eq!(
            DnsServer::parse("[::1]:5353").unwrap(),
            DnsServer::Addr("[::1]:5353".parse().unwrap())
        );
        assert!(DnsServer::parse("dns.example").is_err());
    }
}
