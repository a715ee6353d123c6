//! The local link: does this machine have an address other than loopback, and a default
//! route? Without them no acquirer is reachable, whatever DNS and the host do.

use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Interfaces with a usable (not loopback, not link-local) address: `name address`.
    pub addresses: Vec<(String, IpAddr)>,
    /// Interfaces that carry a default route, `None` where the OS does not say.
    pub default_routes: Option<Vec<String>>,
}

pub fn inspect() -> Link {
    let addresses = if_addrs::get_if_addrs()
        .map(|all| {
            all.into_iter()
                .filter(|i| !i.is_loopback() && !i.is_link_local())
                .map(|i| (i.name.clone(), i.ip()))
                .collect()
        })
        .unwrap_or_default();
    Link {
        addresses,
        default_routes: default_routes(),
    }
}

/// The interface names of every interface a given interface name belongs to, for checking
/// `--interface`.
pub fn interface_exists(name: &str) -> bool {
    if_addrs::get_if_addrs().is_ok_and(|all| all.iter().any(|i| i.name == name))
}

/// The first IPv4 (else IPv6) address of an interface, for binding DNS queries to it.
pub fn interface_address(name: &str) -> Option<IpAddr> {
    let all = if_addrs::get_if_addrs().ok()?;
    let mine: Vec<IpAddr> = all
        .iter()
        .filter(|i| i.name == name)
        .map(|i| i.ip())
        .collect();
    mine.iter().find(|a| a.is_ipv4()).or(mine.first()).copied()
}

#[cfg(target_os = "linux")]
fn default_routes() -> Option<Vec<String>> {
    let v4 = std::fs::read_to_string("/proc/net/route").ok();
    let v6 = std::fs::read_to_string("/proc/net/ipv6_route").ok();
    if v4.is_none() && v6.is_none() {
        return None;
    }
    let mut names = parse_ipv4_routes(v4.as_deref().unwrap_or(""));
    names.extend(parse_ipv6_routes(v6.as_deref().unwrap_or("")));
    names.sort();
    names.dedup();
    Some(names)
}

#[cfg(not(target_os = "linux"))]
fn default_routes() -> Option<Vec<String>> {
    None
}

/// `/proc/net/route`: a default route has destination and mask 0 and the UP flag.
pub fn parse_ipv4_routes(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let up = f
                .get(3)
                .and_then(|x| u32::from_str_radix(x, 16).ok())
                .is_some_and(|flags| flags & 1 == 1);
            (f.len() >= 8 && f[1] == "00000000" && f[7] == "00000000" && up)
                .then(|| f[0].to_string())
        })
        .collect()
}

/// `/proc/net/ipv6_route`: a default route has destination ::/0; the last field names the
/// interface, and loopback entries are not routes out.
pub fn parse_ipv6_routes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 10 && f[0].chars().all(|c| c == '0') && f[1] == "00" && f[9] != "lo")
                .then(|| f[9].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_routes_from_proc() {
        let v4 = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                  eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                  eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                  wwan0\t00000000\t01000A0A\t0002\t0\t0\t0\t00000000\t0\t0\t0\n";
        assert_eq!(parse_ipv4_routes(v4), ["eth0"]);
        let v6 = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan0\n\
                  00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo\n\
                  fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n";
        assert_eq!(parse_ipv6_routes(v6), ["wlan0"]);
    }
}
