//! What a command needs to probe a profile's hosts: the profile (the simulator's own in demo
//! mode), its targets, network options and the code table. `doctor` probes everything at
//! once; `fix` runs one check at a time as its guide reaches them.

use std::path::PathBuf;
use std::time::Duration;

use super::Context;
use crate::codes::CodeTable;
use crate::config::Profile;
use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::net::{self, DnsServer, Target};
use crate::render::Glyphs;
use crate::sim::{Faults, Simulator};

/// How to reach the hosts: the flags `doctor` and `fix` share.
pub struct Reach<'a> {
    pub demo: bool,
    pub faults: &'a [String],
    pub dns: &'a [String],
    pub ca_file: Option<&'a PathBuf>,
    pub count: u16,
}

/// The simulated acquirer on a free loopback port, for `--demo`.
pub fn start_simulator(rt: &tokio::runtime::Runtime, faults: Faults) -> Result<Simulator, Error> {
    let layout = crate::iso8583::Layout::builtin("unionpay").ok_or_else(|| {
        Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", "built-in layout missing"))
    })?;
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

pub struct Probing {
    pub name: String,
    pub profile: Profile,
    pub targets: Vec<Target>,
    pub opts: net::Options,
    pub codes: CodeTable,
    /// Declared before the runtime: it is shut down while the runtime still runs.
    pub simulator: Option<Simulator>,
    pub rt: tokio::runtime::Runtime,
}

impl Probing {
    pub fn open(ctx: &Context, reach: &Reach) -> Result<Probing, Error> {
        let faults = Faults::parse(reach.faults)?;
        let rt = super::runtime()?;
        let lang = ctx.out.lang;
        let (name, profile, simulator) = if reach.demo {
            let sim = start_simulator(&rt, faults)?;
            ("demo".to_string(), sim.profile(), Some(sim))
        } else {
            let config = ctx.config()?;
            let (n, p) = config.active(ctx.global.profile.as_deref(), &ctx.paths.config_file)?;
            (n, p.clone(), None)
        };
        let targets = Target::from_profile(&profile)?;
        // In demo mode names resolve through the simulator's own DNS server and its
        // gateway's certificate is trusted through its own CA: nothing is asked of the
        // machine's setup.
        let dns = match &simulator {
            Some(sim) => vec![DnsServer::Addr(sim.dns)],
            None if reach.dns.is_empty() => vec![DnsServer::System],
            None => reach
                .dns
                .iter()
                .map(|d| DnsServer::parse(d))
                .collect::<Result<_, _>>()?,
        };
        let needs_tls = targets.iter().any(|t| t.scheme.is_some());
        let roots =
            match (&simulator, needs_tls) {
                (Some(sim), _) => Some(net::tls::roots_from_pem(&sim.ca_pem).map_err(|e| {
                    Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", e))
                })?),
                (None, true) => Some(net::tls::roots(reach.ca_file.map(PathBuf::as_path))?),
                (None, false) => None,
            };
        let opts = net::Options {
            dns,
            count: usize::from(reach.count),
            interval: Duration::from_millis(50),
            timeout: Duration::from_secs_f64(ctx.global.timeout.unwrap_or(10.0)),
            lang,
            unicode: ctx.out.glyphs == Glyphs::Unicode,
            interface: None,
            proxies: net::proxy::Proxies::from_env(|k| std::env::var(k).ok())?,
            roots,
        };
        let codes = CodeTable::load(Some(&ctx.paths.config_dir))?;
        Ok(Probing {
            name,
            profile,
            targets,
            opts,
            codes,
            simulator,
            rt,
        })
    }
}
