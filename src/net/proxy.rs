//! Proxies from the environment, as curl reads them: `HTTPS_PROXY` for https URLs,
//! `HTTP_PROXY` for http URLs (either case), `NO_PROXY` for hosts to reach directly.
//! Terminals behind a shop's proxy fail in ways a direct probe would never show.

use super::target::Target;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    pub http: Option<Target>,
    pub https: Option<Target>,
    no_proxy: Vec<String>,
}

impl Proxies {
    /// Reads the variables through `get`; a malformed proxy URL is named in the error.
    pub fn from_env(
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Proxies, crate::error::Message> {
        let var = |upper: &str| {
            get(&upper.to_ascii_lowercase())
                .or_else(|| get(upper))
                .filter(|v| !v.trim().is_empty())
        };
        let parse = |v: Option<String>| -> Result<Option<Target>, crate::error::Message> {
            match v {
                None => Ok(None),
                Some(v) => {
                    let with_scheme = if v.contains("://") {
                        v.clone()
                    } else {
                        format!("http://{v}")
                    };
                    Target::parse(&with_scheme).map(Some)
                }
            }
        };
        Ok(Proxies {
            http: parse(var("HTTP_PROXY"))?,
            https: parse(var("HTTPS_PROXY"))?,
            no_proxy: var("NO_PROXY")
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().trim_start_matches('.').to_ascii_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// The proxy to use for `t`, if any.
    pub fn for_target(&self, t: &Target) -> Option<&Target> {
        let proxy = match t.scheme.as_deref() {
            Some("https") => self.https.as_ref(),
            Some("http") => self.http.as_ref(),
            _ => None,
        }?;
        let host = t.host.trim_start_matches('[').trim_end_matches(']');
        let bypass = self.no_proxy.iter().any(|n| {
            let n = n.split(':').next().unwrap_or(n);
            n == "*" || host == n || host.ends_with(&format!(".{n}"))
        });
        (!bypass).then_some(proxy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn proxies_and_exceptions() {
        let p = Proxies::from_env(env(&[
            ("HTTPS_PROXY", "http://10.0.0.1:3128"),
            ("http_proxy", "proxy.shop:8080"),
            ("NO_PROXY", "localhost, .internal.cn,10.1.1.1"),
        ]))
        .unwrap();
        let t = |s: &str| Target::parse(s).unwrap();
        assert_eq!(
            p.for_target(&t("https://gw.example.cn/")).unwrap().port,
            3128
        );
        assert_eq!(
            p.for_target(&t("http://gw.example.cn/")).unwrap().host,
            "proxy.shop"
        );
        assert!(p.for_target(&t("https://api.internal.cn/")).is_none());
        assert!(p.for_target(&t("https://internal.cn/")).is_none());
        assert!(p.for_target(&t("http://10.1.1.1:80/")).is_none());
        assert!(
            p.for_target(&t("upos.example.cn:5000")).is_none(),
            "ISO 8583 over TCP uses no HTTP proxy"
        );
        assert!(Proxies::from_env(env(&[("HTTPS_PROXY", "http://bad host:1")])).is_err());
        assert_eq!(Proxies::from_env(env(&[])).unwrap(), Proxies::default());
    }
}
