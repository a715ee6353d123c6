//! The transaction look-up as the commands ask for it: `txn status` and `fix`'s automatic
//! transaction check. A [`LookupRequest`] becomes a checked query, the profile (or the simulator) and the
//! gateway's access are set up, and [`crate::txn::lookup::look_up`] does the rest.

use std::time::{Duration, Instant};

use super::Context;
use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::reach::Reach;
use crate::txn as model;
use crate::txn::columns;
use crate::txn::credit;
use crate::txn::gateway::Transport;
use crate::txn::lookup::{self, GatewayAccess, LookedUp, LookupRequest, Settings, Sources};

/// The merchant's today: `POSDOCTOR_TODAY` (`YYYY-MM-DD`) when set, to replay what a status
/// said on a given day (and for tests); the local date otherwise.
pub(super) fn today() -> Result<time::Date, Error> {
    match std::env::var("POSDOCTOR_TODAY") {
        Ok(v) if !v.trim().is_empty() => columns::parse_date(&v)
            .and_then(credit::date_of)
            .ok_or_else(|| Error::bad_value("POSDOCTOR_TODAY", &v, Msg::RuleDate)),
        _ => Ok(model::now_local().date()),
    }
}

/// Looks a transaction up as `req` asks, with the network settings `reach` (the simulator
/// with `--demo`). `txn status` builds the request from its flags, `fix` from the payment.
pub(super) fn look_up(
    ctx: &Context,
    reach: &Reach,
    req: &LookupRequest,
) -> Result<LookedUp, Error> {
    let demo = reach.demo.is_some();
    let mut q = req.query(demo)?;
    if !q.has_key() && !demo {
        return Err(Message::new(Msg::ErrorTxnNoKey).into());
    }
    let today = today()?;
    let timeout = reach.deadline();
    let rt = crate::reach::runtime()?;
    let demo_cents = if demo { req.demo_cents()? } else { 10_000 };
    let (profile, simulator) = if let Some(faults) = &reach.demo {
        let sim = crate::sim::Simulator::start_demo(&rt, faults.clone())?;
        (Some(sim.profile()), Some(sim))
    } else {
        let config = ctx.config()?;
        let profile = match config.active(ctx.global.profile.as_deref(), &ctx.paths.config_file) {
            Ok((_, p)) => Some(p.clone()),
            // The journal alone needs no profile.
            Err(e) if matches!(req.sources, Sources::Gateway | Sources::Both) => return Err(e),
            Err(_) => None,
        };
        (profile, None)
    };
    let terms = credit::terms(
        profile.as_ref().and_then(|p| p.settlement.as_deref()),
        profile.as_ref().and_then(|p| p.cutoff.as_deref()),
    )
    .map_err(|(field, value)| Error::bad_value(field, &value, Msg::TxnCreditingRuleTerms))?;
    let gw = profile.as_ref().and_then(|p| p.gateway.clone());
    if let Some(p) = &profile {
        q.merchant_id = p.merchant_id.clone();
        q.default_terminal_id = p.terminal_id.clone();
    }
    let (use_gateway, use_journal) = match req.sources {
        Sources::Auto => (gw.is_some(), simulator.is_none()),
        Sources::Gateway => (true, false),
        Sources::Journal => (false, true),
        Sources::Both => (true, true),
    };
    if use_gateway && gw.is_none() {
        return Err(Message::new(Msg::ErrorTxnNoGateway).into());
    }

    // Demo: a real sale through the simulated host, so there is something to look up.
    if let Some(sim) = &simulator
        && q.rrn.is_none()
        && q.trace.is_none()
        && q.order_id.is_none()
    {
        let p = sim.profile();
        let (_, probe) = crate::net::iso::probe_for(&p)?;
        let sale = probe.test_sale(1, demo_cents);
        let deadline = Instant::now() + timeout;
        let _ = rt.block_on(crate::interrupt::or_interrupted(
            probe.exchange(&sale, sim.iso, None, deadline),
        ))?;
        q.rrn = sim
            .ledger
            .txns
            .lock()
            .ok()
            .and_then(|v| v.last().map(|t| t.rrn.clone()));
    }

    let gateway = match (use_gateway, &gw) {
        (true, Some(gw)) => {
            let roots = reach.roots(simulator.as_ref())?;
            let dns = match &simulator {
                Some(_) => Vec::new(),
                None => reach.dns.clone(),
            };
            let overrides = simulator
                .as_ref()
                .map(|s| vec![(crate::sim::dns::GATEWAY_HOST.to_string(), s.gateway)])
                .unwrap_or_default();
            Some(GatewayAccess {
                config: gw,
                transport: Transport {
                    roots: Some(roots),
                    overrides,
                    dns: dns
                        .into_iter()
                        .filter(|d| !matches!(d, crate::net::DnsServer::System))
                        .collect(),
                    retries: req.retries,
                    backoff: Duration::from_millis(200),
                },
            })
        }
        _ => None,
    };
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    let calendar = crate::calendar::Calendar::embedded().map_err(Error::internal)?;
    let settings = Settings {
        lang: ctx.out.lang,
        codes: &codes,
        calendar,
        terms,
        today,
        offset: model::merchant_offset(),
        timeout,
    };
    let journal = if use_journal {
        lookup::JournalUse::Read(ctx.existing_journal()?)
    } else {
        lookup::JournalUse::Skip
    };
    let found = lookup::look_up(&rt, &q, gateway, journal, &settings);
    // The simulator answers the gateway look-up: it stops only now.
    drop(simulator);
    found
}
