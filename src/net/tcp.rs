//! TCP reachability and handshake latency, with each way a connection can fail told apart.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// Why a connection attempt did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Something answered "nothing listens here": server down or wrong port.
    Refused,
    /// No answer at all within the deadline: firewall, wrong IP, or host down.
    TimedOut,
    /// No route to the network or host: local link, gateway or routing.
    Unreachable,
    /// The connection was torn down by the other side.
    Reset,
    Other,
}

impl Failure {
    /// The failure's name in JSON (`metrics.error`).
    pub fn key(self) -> &'static str {
        match self {
            Failure::Refused => "refused",
            Failure::TimedOut => "timeout",
            Failure::Unreachable => "unreachable",
            Failure::Reset => "reset",
            Failure::Other => "other",
        }
    }

    /// The failure in words, for a finding about something that needed the connection.
    pub fn reason(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Failure::Refused => Msg::NetConnectReasonRefused,
            Failure::TimedOut => Msg::NetConnectReasonTimeout,
            Failure::Unreachable => Msg::NetConnectReasonUnreachable,
            Failure::Reset => Msg::NetConnectReasonReset,
            Failure::Other => Msg::NetConnectReasonOther,
        }
    }
}

pub fn classify(e: &std::io::Error) -> Failure {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => Failure::Refused,
        TimedOut => Failure::TimedOut,
        HostUnreachable | NetworkUnreachable | AddrNotAvailable => Failure::Unreachable,
        ConnectionReset | ConnectionAborted => Failure::Reset,
        _ => match e.raw_os_error() {
            // EHOSTUNREACH, ENETUNREACH on Linux
            Some(113) | Some(101) => Failure::Unreachable,
            _ => Failure::Other,
        },
    }
}

/// A connection from `interface` only, when one is named (`SO_BINDTODEVICE`).
pub async fn open(
    addr: SocketAddr,
    interface: Option<&str>,
) -> std::io::Result<tokio::net::TcpStream> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    if let Some(name) = interface {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        socket.bind_device(Some(name.as_bytes()))?;
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let _ = name;
    }
    socket.connect(addr).await
}

/// One handshake: its time in milliseconds, or why it failed.
pub async fn connect(
    addr: SocketAddr,
    interface: Option<&str>,
    timeout: Duration,
) -> Result<f64, Failure> {
    let start = Instant::now();
    match tokio::time::timeout(timeout, open(addr, interface)).await {
        Ok(Ok(stream)) => {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            drop(stream);
            Ok(ms)
        }
        Ok(Err(e)) => Err(classify(&e)),
        Err(_) => Err(Failure::TimedOut),
    }
}

/// A handshake cut short by the overall deadline before it had this long says nothing
/// about the host (the first SYN retransmission alone comes after 1 s): it is dropped, not
/// counted as lost.
pub const MIN_OBSERVED: Duration = Duration::from_secs(1);

/// `count` handshakes, `interval` apart, each within `timeout` and all before `deadline`.
/// Empty when there was no time for any: the caller says "not checked", never "lost".
pub async fn probe(
    addr: SocketAddr,
    interface: Option<&str>,
    count: usize,
    interval: Duration,
    timeout: Duration,
    deadline: Instant,
) -> Vec<Result<f64, Failure>> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        if i > 0 {
            tokio::time::sleep(interval.min(left)).await;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let given = timeout.min(left);
        let r = connect(addr, interface, given).await;
        if r == Err(Failure::TimedOut) && given < timeout && given < MIN_OBSERVED {
            break;
        }
        out.push(r);
    }
    out
}
