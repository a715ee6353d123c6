//! `posdoctor txn`: status look-up, journal import, reconciliation.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use super::Context;
use crate::cli::{
    ImportFormat, ReconcileArgs, ReconcileOutput, TxnArgs, TxnCommand, TxnImportArgs, TxnSource,
    TxnStatusArgs,
};
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::i18n::Msg;
use crate::journal::{self, Kind};
use crate::render;
use crate::sim::Faults;
use crate::taxonomy::{Category, Cause};
use crate::ticket::Ticket;
use crate::txn::columns::{self, Field};
use crate::txn::gateway::{self, GatewayError, Keys, Transport};
use crate::txn::{self as model, Outcome, State};

pub fn run(ctx: &Context, args: &TxnArgs) -> Result<u8, Error> {
    match &args.command {
        TxnCommand::Status(a) => status(ctx, a),
        TxnCommand::Import(a) => import(ctx, a),
        TxnCommand::Reconcile(a) => reconcile(ctx, a),
    }
}

/// An invalid flag value: the flag, the value and the rule it breaks.
pub(super) fn bad(field: &str, value: &str, rule: Msg) -> Error {
    Message::new(Msg::ErrorInvalidValue)
        .arg("field", field)
        .arg("value", value)
        .arg_msg("rule", rule)
        .into()
}

/// Checks an RRN flag: 12 letters or digits. A value that could be a card number (13 to 19
/// digits) is refused without being repeated.
pub(super) fn check_rrn(flag: &str, v: &str) -> Result<(), Error> {
    if v.len() == 12 && v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(());
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let card_like = (13..=19).contains(&digits)
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-'));
    if card_like {
        return Err(Message::new(Msg::ErrorRrnCard).arg("field", flag).into());
    }
    Err(bad(
        flag,
        &crate::input::excerpt(v, crate::input::EXCERPT_CHARS),
        Msg::RuleRrn,
    ))
}

pub(super) fn parse_when(flag: &str, v: &str) -> Result<(u32, u32), Error> {
    let (d, t) = columns::parse_time(v)
        .and_then(|(d, t)| Some((d?, t)))
        .or_else(|| columns::parse_date(v).map(|d| (d, 0)))
        .ok_or_else(|| bad(flag, v, Msg::RuleDateTime))?;
    Ok((d, t))
}

/// The journal query and gateway keys the flags ask for.
fn query(args: &TxnStatusArgs) -> Result<(journal::Query, Keys), Error> {
    if let Some(r) = &args.rrn {
        check_rrn("--rrn", r)?;
    }
    let shown = |v: &str| crate::input::excerpt(v, crate::input::EXCERPT_CHARS);
    if let Some(t) = &args.trace
        && !((1..=6).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad("--trace", &shown(t), Msg::RuleTrace));
    }
    if let Some(t) = &args.terminal
        && !crate::incident::valid_terminal_id(t)
    {
        return Err(bad("--terminal", &shown(t), Msg::RuleTerminalId));
    }
    if let Some(o) = &args.order
        && !(1..=64).contains(&o.chars().count())
    {
        return Err(bad("--order", &shown(o), Msg::RuleText));
    }
    let date = match &args.date {
        Some(d) => Some(columns::parse_date(d).ok_or_else(|| bad("--date", d, Msg::RuleDate))?),
        None => None,
    };
    let amount = match &args.amount {
        Some(a) if !args.demo => Some(
            columns::parse_yuan(a)
                .filter(|v| *v > 0)
                .ok_or_else(|| bad("--amount", a, Msg::RuleAmount))?,
        ),
        _ => None,
    };
    let from = args
        .from
        .as_deref()
        .map(|v| parse_when("--from", v))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|v| parse_when("--to", v))
        .transpose()?;
    let q = journal::Query {
        rrn: args.rrn.clone(),
        trace: args.trace.clone(),
        terminal_id: args.terminal.clone(),
        date,
        order_id: args.order.clone(),
        amount,
        from,
        to,
    };
    let has_key =
        q.rrn.is_some() || q.trace.is_some() || q.order_id.is_some() || q.amount.is_some();
    if !has_key && !args.demo {
        return Err(Message::new(Msg::ErrorTxnNoKey).into());
    }
    let keys = Keys {
        rrn: q.rrn.clone(),
        trace: q.trace.clone(),
        terminal_id: q.terminal_id.clone(),
        merchant_id: None,
        date: date.map(columns::show_date),
        order_id: q.order_id.clone(),
    };
    Ok((q, keys))
}

fn gateway_finding(ctx: &Context, url: &str, e: &GatewayError) -> Finding {
    let lang = ctx.out.lang;
    let (status, msg, cause) = match e {
        GatewayError::NeedsKey(k) => (
            Status::Skip,
            lang.trf(Msg::TxnGatewayNeedsKey, &[("key", k)]),
            None,
        ),
        GatewayError::MissingToken(var) => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayMissingToken, &[("var", var)]),
            Some(Cause::MerchantParams),
        ),
        GatewayError::Unauthorized | GatewayError::Forbidden => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayAuth, &[("error", &e.to_string())]),
            Some(Cause::MerchantParams),
        ),
        GatewayError::RateLimited { retry_after } => (
            Status::Fail,
            lang.trf(
                Msg::TxnGatewayRateLimited,
                &[("after", &retry_after.clone().unwrap_or_else(|| "?".into()))],
            ),
            Some(Cause::Host),
        ),
        GatewayError::Server { .. } | GatewayError::Status(_) => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayServer, &[("error", &e.to_string())]),
            Some(Cause::Host),
        ),
        GatewayError::Timeout { .. } | GatewayError::Connect(_) | GatewayError::Tls(_) => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayUnreachable, &[("error", &e.to_string())]),
            Some(Cause::Network),
        ),
        GatewayError::Redirect { location, why } => (
            Status::Fail,
            lang.trf(
                Msg::TxnGatewayRedirect,
                &[
                    ("location", location),
                    (
                        "why",
                        &lang.tr(match why {
                            gateway::RedirectRefusal::OtherOrigin => {
                                Msg::TxnGatewayRedirectOtherOrigin
                            }
                            gateway::RedirectRefusal::Downgrade => Msg::TxnGatewayRedirectDowngrade,
                            gateway::RedirectRefusal::TooMany => Msg::TxnGatewayRedirectTooMany,
                        }),
                    ),
                ],
            ),
            Some(Cause::MerchantParams),
        ),
        GatewayError::Malformed(_) | GatewayError::TooLarge(_) | GatewayError::Setting { .. } => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayMalformed, &[("error", &e.to_string())]),
            Some(Cause::Host),
        ),
    };
    let mut f = Finding::new("txn.gateway", status, msg)
        .target(url.to_string())
        .metric("error", e.key());
    if let GatewayError::Redirect { location, why } = e {
        f = f
            .metric("location", location.clone())
            .metric("redirect", why.key());
    }
    match cause {
        Some(c) => f.blame(Category::NoResponse, c),
        None => f,
    }
}

/// The category and cause a state belongs to, for the finding's fix link.
fn blame_for(
    state: State,
    code: Option<&str>,
    codes: &crate::codes::CodeTable,
) -> Option<(Category, Cause)> {
    match state {
        State::Declined => Some(
            code.and_then(|c| codes.get(c))
                .map_or((Category::Declined, Cause::Host), |e| (e.category, e.cause)),
        ),
        State::Pending | State::NotFound => Some((Category::NoResponse, Cause::Network)),
        State::Settled => Some((Category::NotCredited, Cause::Settlement)),
        _ => None,
    }
}

/// What a look-up found: the checks made on the way, and one outcome per transaction.
pub(super) struct LookedUp {
    pub findings: Vec<Finding>,
    pub outcomes: Vec<Outcome>,
    pub keys: Keys,
}

/// Looks a transaction up at the gateway and in the journal, as the flags say. `fix` runs
/// this for its automatic transaction check.
pub(super) fn look_up(ctx: &Context, args: &TxnStatusArgs) -> Result<LookedUp, Error> {
    let lang = ctx.out.lang;
    let faults = Faults::parse(&args.fault)?;
    let (mut q, mut keys) = query(args)?;
    let timeout = Duration::from_secs_f64(ctx.global.timeout.unwrap_or(10.0));
    let today = model::ymd(model::now_local());
    let rt = super::runtime()?;
    let demo_cents = match (&args.amount, args.demo) {
        (Some(a), true) => columns::parse_yuan(a)
            .filter(|v| *v > 0 && *v < 1_000_000_000)
            .ok_or_else(|| bad("--amount", a, Msg::RuleAmount))? as u64,
        _ => 10_000,
    };
    let (profile, simulator) = if args.demo {
        let sim = super::probing::start_simulator(&rt, faults)?;
        (Some(sim.profile()), Some(sim))
    } else {
        let config = ctx.config()?;
        let profile = match config.active(ctx.global.profile.as_deref(), &ctx.paths.config_file) {
            Ok((_, p)) => Some(p.clone()),
            // The journal alone needs no profile.
            Err(e) if matches!(args.source, TxnSource::Gateway | TxnSource::Both) => return Err(e),
            Err(_) => None,
        };
        (profile, None)
    };
    let gw = profile.as_ref().and_then(|p| p.gateway.clone());
    if let Some(p) = &profile {
        keys.merchant_id = p.merchant_id.clone();
        if keys.terminal_id.is_none() {
            keys.terminal_id = p.terminal_id.clone();
        }
    }
    let (use_gateway, use_journal) = match args.source {
        TxnSource::Auto => (gw.is_some(), simulator.is_none()),
        TxnSource::Gateway => (true, false),
        TxnSource::Journal => (false, true),
        TxnSource::Both => (true, true),
    };
    if use_gateway && gw.is_none() {
        return Err(Message::new(Msg::ErrorTxnNoGateway).into());
    }

    // Demo: a real sale through the simulated host, so there is something to look up.
    if let Some(sim) = &simulator
        && keys.rrn.is_none()
        && q.trace.is_none()
        && q.order_id.is_none()
    {
        let p = sim.profile();
        let (_, probe) = super::net::probe_for(&p)?;
        let sale = probe.test_sale(1, demo_cents);
        let deadline = Instant::now() + timeout;
        let _ = rt.block_on(crate::interrupt::or_interrupted(
            probe.exchange(&sale, sim.iso, None, deadline),
        ))?;
        let rrn = sim
            .ledger
            .txns
            .lock()
            .ok()
            .and_then(|v| v.last().map(|t| t.rrn.clone()));
        keys.rrn = rrn.clone();
        q.rrn = rrn;
    }

    let mut findings = Vec::new();
    let mut gateway_txn = None;
    let mut gateway_failed = false;
    if let (true, Some(gw)) = (use_gateway, &gw) {
        let roots = match &simulator {
            Some(sim) => crate::net::tls::roots_from_pem(&sim.ca_pem)
                .map_err(|e| Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", e)))?,
            None => crate::net::tls::roots(args.ca_file.as_deref())?,
        };
        let dns = match &simulator {
            Some(_) => Vec::new(),
            None => args
                .dns
                .iter()
                .map(|d| crate::net::DnsServer::parse(d))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let overrides = simulator
            .as_ref()
            .map(|s| vec![(crate::sim::dns::GATEWAY_HOST.to_string(), s.gateway)])
            .unwrap_or_default();
        let transport = Transport {
            roots: Some(roots),
            overrides,
            dns: dns
                .into_iter()
                .filter(|d| !matches!(d, crate::net::DnsServer::System))
                .collect(),
            retries: args.retries,
            backoff: Duration::from_millis(200),
        };
        let url = gateway::lookup_url(gw, &keys).unwrap_or_else(|_| gw.url.clone());
        let deadline = Instant::now() + timeout;
        let asked = rt.block_on(crate::interrupt::or_interrupted(gateway::lookup(
            gw, &keys, &transport, deadline,
        )))?;
        match asked {
            Ok(Some(t)) => {
                findings.push(
                    Finding::new(
                        "txn.gateway",
                        Status::Ok,
                        lang.tr(Msg::TxnGatewayFound).to_string(),
                    )
                    .target(url),
                );
                gateway_txn = Some(t);
            }
            Ok(None) => findings.push(
                Finding::new(
                    "txn.gateway",
                    Status::Ok,
                    lang.tr(Msg::TxnGatewayNotFound).to_string(),
                )
                .target(url),
            ),
            Err(e) => {
                gateway_failed = !matches!(e, GatewayError::NeedsKey(_));
                findings.push(gateway_finding(ctx, &url, &e));
            }
        }
    }
    drop(simulator);

    let mut journal_txns: Vec<model::Txn> = Vec::new();
    if use_journal {
        if let Some(j) = ctx.existing_journal()? {
            let rows = j.find(&q)?;
            // The sale itself, not the void or settlement rows that refer to it.
            let sales: Vec<&journal::Stored> =
                rows.iter().filter(|r| r.kind == Kind::Sales).collect();
            let primary: Vec<&journal::Stored> = if sales.is_empty() {
                rows.iter().collect()
            } else {
                sales
            };
            for s in primary.iter().take(20) {
                let related = j.related(&s.row)?;
                let state = journal::state_of(&s.row, &related, today);
                journal_txns.push(journal::to_txn(&s.row, state));
            }
            findings.push(Finding::new(
                "txn.journal",
                Status::Ok,
                lang.trf(Msg::TxnJournalFound, &[("n", &journal_txns.len())]),
            ));
        } else {
            findings.push(Finding::new(
                "txn.journal",
                Status::Skip,
                lang.tr(Msg::TxnJournalEmpty).to_string(),
            ));
        }
    }

    // One outcome per transaction: the gateway's answer merged with the journal row of
    // the same RRN; other journal matches stand alone.
    let mut outcomes: Vec<Outcome> = Vec::new();
    let same = |a: &model::Txn, b: &model::Txn| a.rrn.is_some() && a.rrn == b.rrn;
    match gateway_txn {
        Some(g) => {
            let pos = journal_txns.iter().position(|j| same(j, &g));
            let j = pos.map(|i| journal_txns.remove(i));
            outcomes.push(model::merge(Some(g), j));
        }
        None if journal_txns.is_empty() => {
            let mut o = model::merge(None, None);
            // Nobody could say: that is an unknown outcome, not a missing transaction.
            if gateway_failed {
                o.state = State::Pending;
                o.txn.state = Some(State::Pending);
            }
            o.txn.rrn = keys.rrn.clone();
            o.txn.trace = keys.trace.clone();
            o.txn.order_id = keys.order_id.clone();
            outcomes.push(o);
        }
        None => {}
    }
    outcomes.extend(
        journal_txns
            .into_iter()
            .map(|j| model::merge(None, Some(j))),
    );
    // One finding per transaction, for the exit status and the fix link.
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    for o in &outcomes {
        let label = lang.tr(o.state.label());
        let who = o
            .txn
            .rrn
            .clone()
            .or_else(|| o.txn.trace.clone())
            .unwrap_or_else(|| "-".into());
        let status = if o.state.is_good() {
            Status::Ok
        } else if matches!(o.state, State::Reversed | State::Voided | State::Refunded) {
            Status::Warn
        } else {
            Status::Fail
        };
        let mut f = Finding::new(
            "txn.status",
            status,
            lang.trf(Msg::TxnStatusSummary, &[("id", &who), ("state", &label)]),
        )
        .target(who)
        .metric("state", o.state.key());
        if let Some(c) = &o.txn.code {
            f = f.metric("code", c.clone());
        }
        if let Some(a) = o.txn.amount {
            f = f.metric("amount", a);
        }
        if let Some((cat, cause)) = blame_for(o.state, o.txn.code.as_deref(), &codes) {
            f = f.blame(cat, cause);
        }
        findings.push(f);
    }
    Ok(LookedUp {
        findings,
        outcomes,
        keys,
    })
}

fn status(ctx: &Context, args: &TxnStatusArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let today = model::ymd(model::now_local());
    let LookedUp {
        findings,
        outcomes,
        keys,
    } = look_up(ctx, args)?;
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    let steps: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| {
            model::next_steps(o, today)
                .into_iter()
                .map(|m| {
                    let meaning = o
                        .txn
                        .code
                        .as_deref()
                        .and_then(|c| codes.get(c))
                        .map_or("", |e| e.meaning.get(lang));
                    lang.trf(
                        m,
                        &[
                            ("code", &o.txn.code.clone().unwrap_or_default()),
                            ("meaning", &meaning),
                        ],
                    )
                })
                .collect()
        })
        .collect();
    let tickets: Vec<Option<Ticket>> = outcomes
        .iter()
        .map(|o| {
            model::needs_ticket(o.state).then(|| {
                let (category, cause) = blame_for(o.state, o.txn.code.as_deref(), &codes)
                    .map_or((None, None), |(a, b)| (Some(a), Some(b)));
                Ticket {
                    time: o.txn.time.clone(),
                    amount: o.txn.amount,
                    rrn: o.txn.rrn.clone().or_else(|| keys.rrn.clone()),
                    trace: o.txn.trace.clone().or_else(|| keys.trace.clone()),
                    terminal_id: o
                        .txn
                        .terminal_id
                        .clone()
                        .or_else(|| keys.terminal_id.clone()),
                    merchant_id: o
                        .txn
                        .merchant_id
                        .clone()
                        .or_else(|| keys.merchant_id.clone()),
                    code: o.txn.code.clone(),
                    card: None,
                    category,
                    cause,
                    checks: findings
                        .iter()
                        .filter(|f| f.id != "txn.status")
                        .map(|f| crate::ticket::Checked {
                            what: f.id.clone(),
                            result: f.summary.clone(),
                        })
                        .collect(),
                }
                .with_card(o.txn.card.as_deref())
            })
        })
        .collect();
    let code = if outcomes.iter().all(|o| o.state.is_good()) {
        exit::OK
    } else {
        exit::FAILED
    };
    let mut report = Report::new("txn status", findings)
        .with("transactions", &outcomes)
        .with("next_steps", &steps)
        .with("tickets", &tickets);
    if code == exit::FAILED {
        // The report's status follows the transaction, which the findings may not show
        // (a reversed sale is a warning as a check, but not money received).
        report.status = Status::Fail;
    }
    ctx.out.report(&report, |o| {
        render::txn_status(o, &report.findings, &outcomes, &steps, &tickets)
    })?;
    Ok(code)
}

/// Guesses which side a file is from its header: fees and net amounts are settlement's.
fn guess_kind(cols: &columns::Columns) -> Kind {
    if cols.has(Field::Fee) || cols.has(Field::Net) || cols.has(Field::SettleDate) {
        Kind::Settlement
    } else {
        Kind::Sales
    }
}

fn import(ctx: &Context, args: &TxnImportArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let map = columns::parse_map(&args.map)?;
    // The input is opened and its header checked before the journal is: a wrong file or
    // `--map` is refused with nothing created.
    let input = crate::input::open_input(&args.file)?;
    let label = input.name.clone();
    let size = input.size.unwrap_or(0);
    // Ctrl-C stops the import between two reads; its transaction is then rolled back.
    let source = journal::CsvSource::new(crate::interrupt::Reader::new(input), &map, &label)?
        .with_size(Some(size).filter(|s| *s > 0));
    let kind = match args.format {
        Some(ImportFormat::Terminal) => Kind::Sales,
        Some(ImportFormat::Settlement) => Kind::Settlement,
        None => guess_kind(source.columns()),
    };
    let bar = (std::io::stderr().is_terminal() && !ctx.out.quiet && size > (1 << 20)).then(|| {
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut j = ctx.journal()?;
    let progress = |n: u64| {
        if let Some(b) = &bar {
            b.set_position(n);
        }
    };
    let stats = j.import(source, kind, &progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let stats = stats?;
    let f = Finding::new(
        "txn.import",
        Status::Ok,
        lang.trf(
            Msg::TxnImportDone,
            &[
                ("rows", &stats.rows),
                ("added", &stats.added),
                ("skipped", &stats.skipped),
                ("kind", &lang.tr(kind_label(kind))),
            ],
        ),
    )
    .target(label.clone())
    .metric("rows", stats.rows)
    .metric("added", stats.added)
    .metric("skipped", stats.skipped);
    let report = Report::new("txn import", vec![f])
        .with("kind", kind)
        .with("database", j.shown());
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(exit::OK)
}

fn kind_label(k: Kind) -> Msg {
    match k {
        Kind::Sales => Msg::TxnKindSales,
        Kind::Settlement => Msg::TxnKindSettlement,
    }
}

fn reconcile(ctx: &Context, args: &ReconcileArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    if let Some(r) = args.fee_rate
        && !(r.is_finite() && (0.0..=100.0).contains(&r))
    {
        return Err(bad("--fee-rate", &r.to_string(), Msg::RuleFeeRate));
    }
    let opts = crate::reconcile::Options {
        sales_map: columns::parse_map(&args.sales_map)?,
        settlement_map: columns::parse_map(&args.settlement_map)?,
        fee_rate: args.fee_rate,
    };
    let sales = crate::input::open_input(&args.sales)?;
    let settle = crate::input::open_input(&args.settlement)?;
    let sales_name = sales.name.clone();
    let settle_name = settle.name.clone();
    // Ctrl-C stops reading between two reads.
    let sales = crate::interrupt::Reader::new(sales);
    let settle = crate::interrupt::Reader::new(settle);
    let r = crate::reconcile::reconcile((sales, &sales_name), (settle, &settle_name), &opts)?;
    let code = if r.clean() { exit::OK } else { exit::FAILED };
    if args.output == ReconcileOutput::Csv && !ctx.out.json {
        let text = render::reconcile_csv(&r.items)?;
        ctx.out.emit(&text)?;
        return Ok(code);
    }
    let t = &r.totals;
    let yuan = columns::yuan;
    let f = |id: &str, n: u64, amount: Option<i64>, msg: Msg, status: Status| {
        let amount_text = amount.map(yuan).unwrap_or_default();
        let mut f = Finding::new(
            id,
            if n == 0 { Status::Ok } else { status },
            lang.trf(msg, &[("n", &n), ("amount", &amount_text)]),
        )
        .metric("count", n);
        if let Some(a) = amount {
            f = f.metric("amount", a);
        }
        f
    };
    let findings = vec![
        f(
            "reconcile.not-credited",
            t.not_credited.rows,
            Some(t.not_credited.amount),
            Msg::ReconcileNotCredited,
            Status::Fail,
        )
        .blame(Category::NotCredited, Cause::Settlement),
        f(
            "reconcile.not-sold",
            t.not_sold.rows,
            Some(t.not_sold.amount),
            Msg::ReconcileNotSold,
            Status::Fail,
        ),
        f(
            "reconcile.amount-mismatch",
            t.amount_mismatch,
            None,
            Msg::ReconcileAmountMismatch,
            Status::Fail,
        )
        .blame(Category::NotCredited, Cause::Settlement),
        f(
            "reconcile.fee-mismatch",
            t.fee_mismatch,
            None,
            Msg::ReconcileFeeMismatch,
            Status::Fail,
        ),
        f(
            "reconcile.duplicate",
            t.duplicate,
            None,
            Msg::ReconcileDuplicate,
            Status::Fail,
        ),
    ];
    let findings: Vec<Finding> = findings
        .into_iter()
        .map(|f| {
            if f.status == Status::Ok {
                Finding {
                    category: None,
                    cause: None,
                    fix: None,
                    ..f
                }
            } else {
                f
            }
        })
        .collect();
    let report = Report::new("txn reconcile", findings)
        .with("totals", &r.totals)
        .with("items", &r.items);
    ctx.out.report(&report, |o| {
        render::reconcile(o, &report.findings, &r, args.limit)
    })?;
    Ok(code)
}
