//! The built-in simulated acquirer: an ISO 8583 host on loopback that answers as a real one
//! does, with faults injected on demand, so every diagnosis can be watched working offline.

pub mod dns;
pub mod gateway;
pub mod iso;
pub mod pki;

use std::time::Duration;

use crate::error::{Error, Message};
use crate::i18n::Msg;

/// Faults the simulator can inject, as given to `--fault` (combinable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Answer every request this much later.
    pub slow: Option<Duration>,
    /// Nothing listens: every connection is refused (the host is down).
    pub refuse: bool,
    /// Accept connections, read, never answer.
    pub blackhole: bool,
    /// Reset every connection after reading the request.
    pub reset: bool,
    /// Answer with bytes that are not an ISO 8583 frame.
    pub garbage: bool,
    /// Announce a frame of 65535 bytes and send far fewer.
    pub oversize: bool,
    /// Answer with the TPDU's network identifiers not swapped (an NII mismatch).
    pub wrong_nii: bool,
    /// Answer with another STAN (field 11) than the request's: a terminal drops the answer.
    pub wrong_stan: bool,
    /// Answer with another terminal ID (field 41) than the request's.
    pub wrong_terminal: bool,
    /// Response code A0: MAC check failed.
    pub mac_error: bool,
    /// Response code 77: the terminal must sign in again.
    pub not_signed_in: bool,
    /// Response code 96: host in maintenance.
    pub maintenance: bool,
    /// Every sale is declined with 51.
    pub insufficient_funds: bool,
    /// The simulator's names do not resolve.
    pub nxdomain: bool,
    /// The gateway's certificate has expired.
    pub tls_expired: bool,
    /// The gateway's certificate is for another host.
    pub tls_wrong_host: bool,
    /// The gateway answers every transaction look-up with this HTTP status.
    pub gateway_status: Option<u16>,
    /// The first N transaction look-ups are answered 503, the rest normally.
    pub gateway_flaky: u32,
    /// The gateway answers look-ups this much later.
    pub gateway_slow: Option<Duration>,
    /// The gateway answers look-ups with a body that is not JSON.
    pub gateway_garbage: bool,
    /// The gateway answers look-ups with a 2 MiB body.
    pub gateway_oversize: bool,
    /// The host's length header (`length=binary2|bcd2|ascii4|none`); the layout's 2-byte
    /// binary length when not given.
    pub length: Option<crate::decode::LengthHeader>,
    /// The host expects no TPDU, although the layout has one.
    pub no_tpdu: bool,
    /// The host expects no application header, although the layout has one.
    pub no_header: bool,
    /// A message whose framing does not match the host's is dropped and the connection
    /// closed; without this fault the host keeps the connection open and says nothing, as
    /// UnionPay's test host does with a mismatched TPDU.
    pub drop_close: bool,
}

/// The fault names, for help texts and tests.
pub const FAULTS: &[&str] = &[
    "slow=DURATION",
    "refuse",
    "blackhole",
    "reset",
    "garbage",
    "oversize",
    "wrong-nii",
    "wrong-stan",
    "wrong-terminal",
    "mac-error",
    "not-signed-in",
    "maintenance",
    "insufficient-funds",
    "nxdomain",
    "tls-expired",
    "tls-wrong-host",
    "gateway-status=CODE",
    "gateway-flaky=N",
    "gateway-slow=DURATION",
    "gateway-garbage",
    "gateway-oversize",
    "length=binary2|bcd2|ascii4|none",
    "no-tpdu",
    "no-header",
    "drop-close",
];

impl Faults {
    /// The framing the host speaks: the layout's, changed by `length=`, `no-tpdu` and
    /// `no-header`.
    pub fn wire(&self, layout: &crate::iso8583::Layout) -> crate::iso8583::wire::Wire {
        let mut wire = crate::iso8583::wire::Wire::of(layout);
        if let Some(length) = self.length {
            wire.length = length;
        }
        if self.no_tpdu {
            wire.tpdu = false;
        }
        if self.no_header {
            wire.header_len = 0;
        }
        wire
    }

    pub fn parse(specs: &[String]) -> Result<Faults, Message> {
        let mut f = Faults::default();
        for spec in specs
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let bad = || {
                Message::new(Msg::ErrorFault)
                    .arg("value", spec)
                    .arg("known", FAULTS.join(", "))
            };
            match spec {
                "refuse" => f.refuse = true,
                "blackhole" => f.blackhole = true,
                "reset" => f.reset = true,
                "garbage" => f.garbage = true,
                "oversize" => f.oversize = true,
                "wrong-nii" => f.wrong_nii = true,
                "wrong-stan" => f.wrong_stan = true,
                "wrong-terminal" => f.wrong_terminal = true,
                "mac-error" => f.mac_error = true,
                "not-signed-in" => f.not_signed_in = true,
                "maintenance" => f.maintenance = true,
                "insufficient-funds" => f.insufficient_funds = true,
                "nxdomain" => f.nxdomain = true,
                "tls-expired" => f.tls_expired = true,
                "tls-wrong-host" => f.tls_wrong_host = true,
                "gateway-garbage" => f.gateway_garbage = true,
                "gateway-oversize" => f.gateway_oversize = true,
                "no-tpdu" => f.no_tpdu = true,
                "no-header" => f.no_header = true,
                "drop-close" => f.drop_close = true,
                s if s.starts_with("length=") => {
                    f.length = Some(
                        crate::decode::LengthHeader::ALL
                            .into_iter()
                            .find(|h| h.name() == &s[7..])
                            .ok_or_else(bad)?,
                    )
                }
                s if s.starts_with("slow=") => {
                    f.slow = Some(duration(&s[5..]).ok_or_else(|| bad_duration("slow", &s[5..]))?)
                }
                s if s.starts_with("gateway-slow=") => {
                    f.gateway_slow = Some(
                        duration(&s[13..]).ok_or_else(|| bad_duration("gateway-slow", &s[13..]))?,
                    )
                }
                s if s.starts_with("gateway-status=") => {
                    f.gateway_status = Some(
                        s[15..]
                            .parse::<u16>()
                            .ok()
                            .filter(|c| (200..=599).contains(c))
                            .ok_or_else(|| bad_number("gateway-status", &s[15..], "200–599"))?,
                    )
                }
                s if s.starts_with("gateway-flaky=") => {
                    f.gateway_flaky = s[14..]
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n <= 100)
                        .ok_or_else(|| bad_number("gateway-flaky", &s[14..], "0–100"))?
                }
                _ => return Err(bad()),
            }
        }
        Ok(f)
    }
}

/// `250ms`, `2s` or `2`: at most ten minutes.
/// A known fault with a value that is not a duration: the value is what is wrong.
fn bad_duration(fault: &str, value: &str) -> Message {
    Message::new(Msg::ErrorFaultDuration)
        .arg("fault", fault)
        .arg("value", value)
}

/// A known fault with a value out of its range.
fn bad_number(fault: &str, value: &str, range: &str) -> Message {
    Message::new(Msg::ErrorFaultNumber)
        .arg("fault", fault)
        .arg("value", value)
        .arg("range", range)
}

fn duration(v: &str) -> Option<Duration> {
    v.strip_suffix("ms")
        .and_then(|n| n.parse::<f64>().ok().map(|n| n / 1000.0))
        .or_else(|| v.strip_suffix('s').unwrap_or(v).parse::<f64>().ok())
        .filter(|n| n.is_finite() && *n >= 0.0 && *n <= 600.0)
        .map(Duration::from_secs_f64)
}

/// A running simulated acquirer on loopback, in the caller's runtime.
pub struct Simulator {
    pub iso: std::net::SocketAddr,
    pub gateway: std::net::SocketAddr,
    pub dns: std::net::SocketAddr,
    /// The CA that signed the gateway's certificate, PEM.
    pub ca_pem: String,
    pub layout: &'static crate::iso8583::Layout,
    pub ledger: std::sync::Arc<gateway::Ledger>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl Simulator {
    /// Starts the ISO 8583 host on `listen` (port 0 for any free port).
    pub async fn start(
        listen: std::net::SocketAddr,
        layout: &'static crate::iso8583::Layout,
        faults: Faults,
    ) -> std::io::Result<Simulator> {
        let ledger = std::sync::Arc::new(gateway::Ledger::default());
        let leaf = if faults.tls_expired {
            pki::Leaf::Expired
        } else if faults.tls_wrong_host {
            pki::Leaf::WrongHost
        } else {
            pki::Leaf::Valid
        };
        let pki = pki::make(leaf).map_err(std::io::Error::other)?;
        let http = tokio::net::TcpListener::bind(std::net::SocketAddr::new(listen.ip(), 0)).await?;
        let gateway_addr = http.local_addr()?;
        let udp = tokio::net::UdpSocket::bind(std::net::SocketAddr::new(listen.ip(), 0)).await?;
        let dns_addr = udp.local_addr()?;
        let mut tasks = vec![
            tokio::spawn(gateway::serve(
                http,
                ledger.clone(),
                std::sync::Arc::new(gateway::GatewayFaults::from(&faults)),
                Some(tokio_rustls::TlsAcceptor::from(pki.server.clone())),
            )),
            tokio::spawn(dns::serve(udp, faults.nxdomain)),
        ];
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let iso = listener.local_addr()?;
        if faults.refuse {
            // The port was free a moment ago and now nothing listens on it: a host that is down.
            drop(listener);
        } else {
            tasks.push(tokio::spawn(iso::serve(
                listener,
                layout,
                std::sync::Arc::new(faults),
                ledger.clone(),
            )));
        }
        Ok(Simulator {
            iso,
            gateway: gateway_addr,
            dns: dns_addr,
            ca_pem: pki.ca_pem,
            layout,
            ledger,
            tasks,
        })
    }

    /// The simulated acquirer of `--demo`: the UnionPay layout on a free loopback port, in
    /// `rt`.
    pub fn start_demo(rt: &tokio::runtime::Runtime, faults: Faults) -> Result<Simulator, Error> {
        let layout = crate::iso8583::Layout::builtin("unionpay")
            .ok_or_else(|| Error::internal("built-in layout missing"))?;
        rt.block_on(Simulator::start(
            std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            layout,
            faults,
        ))
        .map_err(|e| Error::Io {
            message: Message::new(Msg::ErrorSimStart),
            source: e,
        })
    }

    /// The profile a terminal would be configured with to use this simulator.
    pub fn profile(&self) -> crate::config::Profile {
        crate::config::Profile {
            merchant_name: Some("posdoctor demo shop".into()),
            merchant_id: Some("898310054111234".into()),
            terminal_id: Some("10000001".into()),
            mcc: Some("5411".into()),
            currency: Some("156".into()),
            region: Some("3100".into()),
            host: Some(format!("{}:{}", dns::ISO_HOST, self.iso.port())),
            tpdu: Some("6000030000".into()),
            app_header: Some("603100000000".into()),
            iso_layout: Some(self.layout.name.clone()),
            gateway: Some(crate::config::Gateway {
                url: format!("https://{}:{}", dns::GATEWAY_HOST, self.gateway.port()),
                auth_env: None,
                auth_header: None,
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_specs() {
        let f = Faults::parse(&["slow=2s,mac-error".into(), "wrong-nii".into()]).unwrap();
        assert_eq!(f.slow, Some(Duration::from_secs(2)));
        assert!(f.mac_error && f.wrong_nii && !f.reset);
        assert_eq!(
            Faults::parse(&["slow=250ms".into()]).unwrap().slow,
            Some(Duration::from_millis(250))
        );
        assert!(Faults::parse(&["weather".into()]).is_err());
        assert!(Faults::parse(&["slow=forever".into()]).is_err());
        let layout = crate::iso8583::Layout::builtin("unionpay").unwrap();
        let f = Faults::parse(&["length=bcd2,no-tpdu".into()]).unwrap();
        let wire = f.wire(layout);
        assert_eq!(wire.length, crate::decode::LengthHeader::Bcd2);
        assert!(!wire.tpdu && wire.header_len == 6);
        assert_eq!(
            Faults::default().wire(layout),
            crate::iso8583::wire::Wire::of(layout)
        );
        assert!(Faults::parse(&["length=bcd4".into()]).is_err());
    }
}
