//! The guides' automatic checks that probe a profile (`net`, `iso`, `check`): run against
//! the active profile, or the simulator with `--demo`, opening the network setup once, when
//! the first check needs it.

use crate::config::{Config, Paths, Profile};
use crate::error::Error;
use crate::finding::Finding;
use crate::i18n::Msg;
use crate::reach::{Probing, Reach};

pub struct Checks {
    reach: Reach,
    paths: Paths,
    /// `--profile`, when given.
    profile: Option<String>,
    /// `--no-checks` turns them off: every check is then asked.
    off: bool,
    probing: Option<Result<Probing, String>>,
}

impl Checks {
    pub fn new(reach: Reach, paths: Paths, profile: Option<String>, off: bool) -> Checks {
        Checks {
            reach,
            paths,
            profile,
            off,
            probing: None,
        }
    }

    /// Why a check cannot run at all here (`--no-checks`), if it cannot.
    pub fn off(&self) -> Option<String> {
        self.off.then(|| "--no-checks".to_string())
    }

    /// The network setup, opened on first use. `Ok(Err(why))` when there is nothing to
    /// probe (no profile); `Err` when the configuration or a flag is wrong.
    fn probing(&mut self) -> Result<Result<&Probing, String>, Error> {
        if let Some(why) = self.off() {
            return Ok(Err(why));
        }
        if self.probing.is_none() {
            let no_profile = self.reach.demo.is_none()
                && Config::load(&self.paths.config_file)?.profiles.is_empty()
                && self.profile.is_none();
            self.probing = Some(if no_profile {
                Err(self.reach.lang.tr(Msg::FixNoProfile).to_string())
            } else {
                Ok(Probing::open(
                    &self.reach,
                    &self.paths,
                    self.profile.as_deref(),
                    3,
                )?)
            });
        }
        Ok(match &self.probing {
            Some(Ok(p)) => Ok(p),
            Some(Err(why)) => Err(why.clone()),
            None => Err(String::new()),
        })
    }

    /// The profile checks ran against, when any did.
    pub fn profile(&self) -> Option<&Profile> {
        match &self.probing {
            Some(Ok(p)) => Some(&p.profile),
            _ => None,
        }
    }

    /// Runs `check`: its findings, `Ok(Err(why))` when it cannot run here, `Err` when a
    /// flag or the configuration is wrong.
    pub fn run(&mut self, check: &str) -> Result<Result<Vec<Finding>, String>, Error> {
        let lang = self.reach.lang;
        let config_dir = self.paths.config_dir.clone();
        let p = match self.probing()? {
            Ok(p) => p,
            Err(why) => return Ok(Err(why)),
        };
        Ok(Ok(match check {
            "check" => crate::check::profile(&p.profile, &config_dir),
            "net" => {
                p.rt.block_on(crate::net::diagnose(&p.targets, &p.opts, &|_| {}))
            }
            "iso" => match crate::net::iso::probe_for(&p.profile) {
                Ok((t, probe)) => {
                    vec![p.rt.block_on(crate::net::iso_probe(&t, &probe, &p.opts, &p.codes))]
                }
                Err(e) => return Ok(Err(e.render(lang))),
            },
            other => return Ok(Err(other.to_string())),
        }))
    }
}
