//! The guides' automatic checks that probe a profile (`net`, `iso`, `check`): run against
//! the active profile, or the simulator with `--demo`, opening the network setup once, when
//! the first check needs it. Also what a session knows without a profile: whether there is
//! one at all, the switch to the simulator or to a profile created on the way, and the
//! payment's RRN, asked at most once.

use crate::config::{Config, Paths, Profile};
use crate::error::Error;
use crate::finding::{Finding, Status};
use crate::i18n::Msg;
use crate::reach::{Probing, Reach};
use crate::txn::State;
use crate::txn::lookup::LookedUp;

pub struct Checks {
    reach: Reach,
    paths: Paths,
    /// `--profile`, when given.
    profile: Option<String>,
    /// `--no-checks` turns them off: every check is then asked.
    off: bool,
    probing: Option<Result<Probing, String>>,
    /// The payment's RRN, for the transaction look-up and the ticket.
    pub rrn: Rrn,
}

impl Checks {
    pub fn new(reach: Reach, paths: Paths, profile: Option<String>, off: bool) -> Checks {
        Checks {
            reach,
            paths,
            profile,
            off,
            probing: None,
            rrn: Rrn::default(),
        }
    }

    /// The payment's RRN as `--rrn` gave it.
    pub fn with_rrn(mut self, rrn: Option<String>) -> Checks {
        self.rrn = Rrn::given(rrn);
        self
    }

    /// Why the transaction look-up cannot run, if it cannot: the checks turned off, nothing
    /// to look in (no profile, and no journal: `journal` says whether there is one), or no
    /// RRN. A person is asked for the RRN through `ask`, once; a script gives it as `--rrn`.
    pub fn txn_unavailable(
        &mut self,
        journal: &dyn Fn() -> Result<bool, Error>,
        ask: Option<&dyn Fn() -> Result<Option<String>, Error>>,
    ) -> Result<Option<String>, Error> {
        let lang = self.reach.lang;
        if let Some(why) = self.off() {
            return Ok(Some(why));
        }
        if self.without_profile()? && !journal()? {
            return Ok(Some(lang.tr(Msg::FixNoProfile).to_string()));
        }
        if self.demo() {
            return Ok(None);
        }
        let rrn = match ask {
            Some(ask) => self.rrn.get(ask)?,
            None => self.rrn.known(),
        };
        Ok(match (rrn, ask.is_some()) {
            (Some(_), _) => None,
            (None, true) => Some(lang.tr(Msg::FixNoRrnSkipped).to_string()),
            (None, false) => Some(lang.tr(Msg::FixNoRrn).to_string()),
        })
    }

    /// Why a check cannot run at all here (`--no-checks`), if it cannot.
    pub fn off(&self) -> Option<String> {
        self.off.then(|| "--no-checks".to_string())
    }

    /// The network settings the checks use.
    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// Whether the checks run against the simulator (`--demo`, or chosen to practise).
    pub fn demo(&self) -> bool {
        self.reach.demo.is_some()
    }

    /// Whether the checks would have nothing to run against: no profile configured, none
    /// named, not the simulator, and the checks not turned off.
    pub fn without_profile(&self) -> Result<bool, Error> {
        Ok(!self.off
            && self.reach.demo.is_none()
            && self.profile.is_none()
            && Config::load(&self.paths.config_file)?.profiles.is_empty())
    }

    /// From now on, the checks run against the simulated acquirer.
    pub fn practise(&mut self) -> Result<(), Error> {
        self.reach = self.reach.clone().with_demo(Some(&[]))?;
        self.probing = None;
        Ok(())
    }

    /// From now on, the checks run against the profile `name` (just created).
    pub fn use_profile(&mut self, name: String) {
        self.profile = Some(name);
        self.probing = None;
    }

    /// Why the checks that probe cannot run here, if they cannot; opens the network setup
    /// they would use.
    pub fn unavailable(&mut self) -> Result<Option<String>, Error> {
        Ok(self.probing()?.err())
    }

    /// The network setup, opened on first use. `Ok(Err(why))` when there is nothing to
    /// probe (no profile); `Err` when the configuration or a flag is wrong.
    fn probing(&mut self) -> Result<Result<&Probing, String>, Error> {
        if let Some(why) = self.off() {
            return Ok(Err(why));
        }
        if self.probing.is_none() {
            self.probing = Some(if self.without_profile()? {
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

/// The transaction check's verdict on a look-up: it passes when every transaction's outcome
/// is known (not pending, not unfound), whatever the look-up itself said of it.
pub fn txn_verdict(found: LookedUp) -> Vec<Finding> {
    let known = found
        .outcomes
        .iter()
        .all(|o| !matches!(o.state, State::Pending | State::NotFound));
    found
        .findings
        .into_iter()
        .map(|mut f| {
            if f.id == "txn.status" {
                f.status = if known { Status::Ok } else { Status::Fail };
            }
            f
        })
        .collect()
}

/// The payment's RRN (参考号): from `--rrn`, or asked of the person once, the first time a
/// check or the ticket needs it; a person who skipped it is not asked again.
#[derive(Debug, Clone, Default)]
pub struct Rrn {
    value: Option<String>,
    asked: bool,
}

impl Rrn {
    /// `--rrn`, when given: then it is never asked.
    pub fn given(value: Option<String>) -> Rrn {
        Rrn {
            asked: value.is_some(),
            value,
        }
    }

    /// The RRN, asking `ask` for it the first time only.
    pub fn get(
        &mut self,
        ask: impl FnOnce() -> Result<Option<String>, Error>,
    ) -> Result<Option<String>, Error> {
        if !self.asked {
            self.asked = true;
            self.value = ask()?;
        }
        Ok(self.value.clone())
    }

    /// The RRN known so far, without asking.
    pub fn known(&self) -> Option<String> {
        self.value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rrn_is_asked_once() {
        let mut asked = 0;
        let mut rrn = Rrn::default();
        for _ in 0..3 {
            let got = rrn
                .get(|| {
                    asked += 1;
                    Ok(Some("000000000042".into()))
                })
                .unwrap();
            assert_eq!(got.as_deref(), Some("000000000042"));
        }
        assert_eq!(asked, 1);
        // Skipped once: not asked again.
        let mut rrn = Rrn::default();
        assert_eq!(rrn.get(|| Ok(None)).unwrap(), None);
        assert_eq!(rrn.get(|| panic!("asked twice")).unwrap(), None);
        // Given as a flag: never asked.
        let mut rrn = Rrn::given(Some("A1B2C3D4E5F6".into()));
        assert!(rrn.get(|| panic!("asked")).unwrap().is_some());
    }
}
