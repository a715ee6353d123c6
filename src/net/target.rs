//! What `posdoctor net` probes: `host:port` endpoints (the acquirer's ISO 8583 host) and
//! URLs (gateways), as given on the command line, in a file, or in a profile.

use std::fmt;
use std::net::IpAddr;

use crate::error::Message;
use crate::i18n::Msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// As the user wrote it, for naming findings.
    pub spec: String,
    pub host: String,
    pub port: u16,
    /// `http`, `https`, or `None` for a plain TCP endpoint.
    pub scheme: Option<String>,
    /// Path and query of a URL (`/` when none).
    pub path: String,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spec)
    }
}

/// A DNS name's limits (RFC 1035, 2.3.4): at most 253 characters written out, each label
/// between dots 1 to 63. A longer name can never resolve, so it is refused as input
/// rather than sent to a resolver.
pub fn valid_host_name(host: &str) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    !name.is_empty() && name.len() <= 253 && name.split('.').all(|l| (1..=63).contains(&l.len()))
}

impl Target {
    /// The host as an address when it is one, so no DNS lookup is needed.
    pub fn ip(&self) -> Option<IpAddr> {
        self.host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .ok()
    }

    pub fn parse(spec: &str) -> Result<Target, Message> {
        let s = spec.trim();
        let bad = || Message::new(Msg::ErrorTarget).arg("value", spec);
        let (scheme, rest) = match s.split_once("://") {
            Some((sch, rest)) => {
                let sch = sch.to_ascii_lowercase();
                if sch != "http" && sch != "https" && sch != "tcp" {
                    return Err(bad());
                }
                (Some(sch), rest)
            }
            None => (None, s),
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let path = match &rest[authority.len()..] {
            "" => "/".to_string(),
            p if p.starts_with('/') => p.split('#').next().unwrap_or("/").to_string(),
            p => format!("/{}", p.split('#').next().unwrap_or("")),
        };
        let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
        let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
            let (h, after) = inner.split_once(']').ok_or_else(bad)?;
            let port = after.strip_prefix(':');
            (format!("[{h}]"), port)
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (authority.to_string(), None),
            }
        };
        let host_ok = !host.is_empty()
            && (host.starts_with('[')
                || host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'));
        if !host_ok {
            return Err(bad());
        }
        if !host.starts_with('[') && !valid_host_name(&host) {
            return Err(Message::new(Msg::ErrorHostName).arg(
                "value",
                crate::input::excerpt(&host, crate::input::EXCERPT_CHARS),
            ));
        }
        let port = match (port, scheme.as_deref()) {
            (Some(p), _) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad)?,
            (None, Some("https")) => 443,
            (None, Some("http")) => 80,
            _ => return Err(Message::new(Msg::ErrorTargetPort).arg("value", spec)),
        };
        let scheme = scheme.filter(|s| s != "tcp");
        Ok(Target {
            spec: s.to_string(),
            host: host.to_ascii_lowercase(),
            port,
            scheme,
            path,
        })
    }

    /// What a profile names: its acquirer host, its other endpoints, its gateway.
    pub fn from_profile(p: &crate::config::Profile) -> Result<Vec<Target>, Message> {
        let mut specs: Vec<&str> = Vec::new();
        specs.extend(p.host.as_deref());
        specs.extend(p.endpoints.iter().map(String::as_str));
        specs.extend(p.gateway.as_ref().map(|g| g.url.as_str()));
        specs.into_iter().map(Target::parse).collect()
    }

    /// Lines of a targets file: one target a line, or CSV whose first field is the target;
    /// blank lines and `#` comments are skipped.
    pub fn parse_list(text: &str) -> Result<Vec<Target>, Message> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let first = line
                .split(',')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if i == 0
                && matches!(
                    first.to_ascii_lowercase().as_str(),
                    "target" | "host" | "url" | "endpoint"
                )
            {
                continue;
            }
            out.push(Target::parse(first).map_err(|m| m.arg("line", i + 1))?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_urls() {
        let t = Target::parse("upos.example.cn:5000").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.scheme.as_deref()),
            ("upos.example.cn", 5000, None)
        );
        let t = Target::parse("https://gw.example.cn/health").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.scheme.as_deref()),
            ("gw.example.cn", 443, Some("https"))
        );
        let t = Target::parse("http://[::1]:8080/x").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("[::1]", 8080));
        assert_eq!(t.ip(), Some("::1".parse().unwrap()));
        assert!(Target::parse("upos.example.cn").is_err());
        assert!(Target::parse("ftp://x:21").is_err());
        assert!(Target::parse("host:99999").is_err());
        assert!(Target::parse("bad host:1").is_err());
    }

    #[test]
    fn lists() {
        let l = Target::parse_list(
            "target,name\n# comment\n\nupos.example.cn:5000,main\nhttps://gw.example.cn\n",
        )
        .unwrap();
        assert_eq!(l.len(), 2);
        assert!(Target::parse_list("a:1\nnot a target\n").is_err());
    }
}
