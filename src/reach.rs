//! How to reach the acquirer: the network settings several commands share (`--demo`,
//! `--fault`, `--dns`, `--ca-file`, `--timeout`), parsed once from the command line into
//! [`Reach`], and [`Probing`], what a command needs to probe a profile's hosts (the profile,
//! or the simulator's own in demo mode, its targets, network options and the code table).
//! `doctor` probes everything at once, `fix` one check at a time as its guide reaches them,
//! `watch` on a schedule.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::codes::CodeTable;
use crate::config::{Config, Paths, Profile};
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::{self, DnsServer, Target};
use crate::sim::{Faults, Simulator};

/// The deadline when `--timeout` is not given: long enough for 5 handshakes to a slow host,
/// short enough that a support call does not wait.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The network settings, checked: every `--dns` and `--fault` parsed, the timeout a
/// duration. Built once per run from the flags; commands and engines read only this.
#[derive(Debug, Clone)]
pub struct Reach {
    /// `--demo`: probe the simulated acquirer, with these `--fault`s.
    pub demo: Option<Faults>,
    /// `--dns`: the resolvers to ask; none given means the system's.
    pub dns: Vec<DnsServer>,
    /// `--ca-file`: trust anchors beside the system's.
    pub ca_file: Option<PathBuf>,
    /// `--timeout`, when given; each command has its own default.
    pub timeout: Option<Duration>,
    /// The language of the guided fix's automatic checks. Network findings need none: they
    /// carry message keys, said by the rendering layer.
    pub lang: Lang,
}

impl Reach {
    /// The settings for `lang` with no flags given: the system's resolver and trust store,
    /// the default deadline.
    pub fn new(lang: Lang) -> Reach {
        Reach {
            demo: None,
            dns: Vec::new(),
            ca_file: None,
            timeout: None,
            lang,
        }
    }

    /// Parses `--dns` values (an address, `IP:PORT` or `system`).
    pub fn with_dns(mut self, dns: &[String]) -> Result<Reach, Error> {
        self.dns = dns
            .iter()
            .map(|d| DnsServer::parse(d))
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// `--demo` with its `--fault`s parsed; `None` leaves the real hosts.
    pub fn with_demo(mut self, faults: Option<&[String]>) -> Result<Reach, Error> {
        self.demo = faults.map(Faults::parse).transpose()?;
        Ok(self)
    }

    pub fn with_ca_file(mut self, ca_file: Option<&Path>) -> Reach {
        self.ca_file = ca_file.map(Path::to_path_buf);
        self
    }

    /// `--timeout` in seconds (clap has checked the range).
    pub fn with_timeout(mut self, seconds: Option<f64>) -> Reach {
        self.timeout = seconds.map(Duration::from_secs_f64);
        self
    }

    /// The deadline: `--timeout`, or [`DEFAULT_TIMEOUT`].
    pub fn deadline(&self) -> Duration {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }

    /// The resolvers to probe with: the simulator's own DNS server in demo mode (nothing is
    /// asked of the machine's setup), else those given, else the system's.
    pub fn resolvers(&self, sim: Option<&Simulator>) -> Vec<DnsServer> {
        match sim {
            Some(sim) => vec![DnsServer::Addr(sim.dns)],
            None if self.dns.is_empty() => vec![DnsServer::System],
            None => self.dns.clone(),
        }
    }

    /// The trust anchors: the simulator's own CA in demo mode, else the system's plus
    /// `--ca-file`.
    pub fn roots(&self, sim: Option<&Simulator>) -> Result<Arc<rustls::RootCertStore>, Error> {
        match sim {
            Some(sim) => net::tls::roots_from_pem(&sim.ca_pem).map_err(Error::internal),
            None => net::tls::roots(self.ca_file.as_deref()),
        }
    }

    /// Network options for probing `count` times: the resolvers, the deadline, the proxies
    /// from the environment, and the trust anchors when `tls` says an https target needs
    /// them (the system's store is read only then).
    pub fn options(
        &self,
        sim: Option<&Simulator>,
        count: u16,
        tls: bool,
    ) -> Result<net::Options, Error> {
        Ok(net::Options {
            dns: self.resolvers(sim),
            count: usize::from(count),
            interval: Duration::from_millis(50),
            timeout: self.deadline(),
            interface: None,
            proxies: net::proxy::Proxies::from_env(|k| std::env::var(k).ok())?,
            roots: if tls || sim.is_some() {
                Some(self.roots(sim)?)
            } else {
                None
            },
        })
    }
}

/// A profile's hosts, ready to probe.
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
    /// The active profile (`profile` names one, else the config's default) or, in demo
    /// mode, a simulator started for the purpose; probes repeat `count` times.
    pub fn open(
        reach: &Reach,
        paths: &Paths,
        profile: Option<&str>,
        count: u16,
    ) -> Result<Probing, Error> {
        let rt = runtime()?;
        let (name, profile, simulator) = match &reach.demo {
            Some(faults) => {
                let sim = Simulator::start_demo(&rt, faults.clone())?;
                ("demo".to_string(), sim.profile(), Some(sim))
            }
            None => {
                let config = Config::load(&paths.config_file)?;
                let (n, p) = config.active(profile, &paths.config_file)?;
                (n, p.clone(), None)
            }
        };
        let targets = Target::from_profile(&profile)?;
        let tls = targets.iter().any(|t| t.scheme.is_some());
        let opts = reach.options(simulator.as_ref(), count, tls)?;
        let codes = CodeTable::load(Some(&paths.config_dir))?;
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

/// The async runtime for network work: two workers, the size of the machines this runs on,
/// enough for hundreds of concurrent probes.
pub fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io {
            message: crate::error::Message::new(crate::i18n::Msg::ErrorRuntime),
            source: e,
        })
}
