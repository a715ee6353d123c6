//! `posdoctor txn`: status look-up, journal import, reconciliation.

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
use crate::taxonomy::{Category, Cause};
use crate::ticket::Ticket;
use crate::txn as model;
use crate::txn::columns::{self, Field};
use crate::txn::credit;
use crate::txn::gateway::Transport;
use crate::txn::lookup::{self, Flags, GatewayAccess, LookedUp, Query, Settings};

pub fn run(ctx: &Context, args: &TxnArgs) -> Result<u8, Error> {
    match &args.command {
        TxnCommand::Status(a) => status(ctx, a),
        TxnCommand::Import(a) => import(ctx, a),
        TxnCommand::Reconcile(a) => reconcile(ctx, a),
    }
}

/// The merchant's today: `POSDOCTOR_TODAY` (`YYYY-MM-DD`) when set, to replay what a status
/// said on a given day (and for tests); the local date otherwise.
fn today() -> Result<time::Date, Error> {
    match std::env::var("POSDOCTOR_TODAY") {
        Ok(v) if !v.trim().is_empty() => columns::parse_date(&v)
            .and_then(credit::date_of)
            .ok_or_else(|| Error::bad_value("POSDOCTOR_TODAY", &v, Msg::RuleDate)),
        _ => Ok(model::now_local().date()),
    }
}

/// Looks a transaction up as the flags say. `fix` runs this for its automatic transaction
/// check.
pub(super) fn look_up(ctx: &Context, args: &TxnStatusArgs) -> Result<LookedUp, Error> {
    let reach = ctx.reach(&args.reach)?;
    let mut q = Query::from_flags(Flags {
        rrn: args.rrn.as_deref(),
        trace: args.trace.as_deref(),
        terminal: args.terminal.as_deref(),
        date: args.date.as_deref(),
        order: args.order.as_deref(),
        // With --demo, --amount is the demo sale's amount, not a search key.
        amount: args.amount.as_deref().filter(|_| !args.reach.demo),
        from: args.from.as_deref(),
        to: args.to.as_deref(),
    })?;
    if !q.has_key() && !args.reach.demo {
        return Err(Message::new(Msg::ErrorTxnNoKey).into());
    }
    let today = today()?;
    let timeout = reach.deadline();
    let rt = crate::reach::runtime()?;
    let demo_cents = match (&args.amount, args.reach.demo) {
        (Some(a), true) => columns::parse_yuan(a)
            .filter(|v| *v > 0 && *v < 1_000_000_000)
            .ok_or_else(|| Error::bad_value("--amount", a, Msg::RuleAmount))?
            as u64,
        _ => 10_000,
    };
    let (profile, simulator) = if let Some(faults) = &reach.demo {
        let sim = crate::sim::Simulator::start_demo(&rt, faults.clone())?;
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
                    retries: args.retries,
                    backoff: Duration::from_millis(200),
                },
            })
        }
        _ => None,
    };
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    let calendar = crate::calendar::Calendar::embedded()
        .map_err(Error::internal)?;
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

fn status(ctx: &Context, args: &TxnStatusArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let today = credit::ymd_of(today()?);
    let LookedUp {
        findings,
        outcomes,
        keys,
    } = look_up(ctx, args)?;
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    let steps: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| lookup::steps_for(lang, o, today, &codes))
        .collect();
    let tickets: Vec<Option<Ticket>> = outcomes
        .iter()
        .map(|o| lookup::ticket_for(o, &keys, &findings, &codes))
        .collect();
    // A settlement that differs or a sale overdue fails the run even when the money moved.
    let money_problem = findings.iter().any(|f| {
        f.status == Status::Fail && matches!(f.id.as_str(), "txn.settlement" | "txn.crediting")
    });
    let code = if outcomes.iter().all(|o| o.state.is_good()) && !money_problem {
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
    let tabular = crate::tabular::Options::new(
        args.tabular.encoding.as_deref(),
        args.tabular.sheet.as_deref(),
    )?;
    // The input is opened and its header checked before the journal is: a wrong file or
    // `--map` is refused with nothing created.
    let input = crate::input::open_input(&args.file)?;
    let label = input.name.clone();
    let size = input.size.unwrap_or(0);
    // Ctrl-C stops the import between two reads; its transaction is then rolled back.
    let table = crate::tabular::Table::new(crate::interrupt::Reader::new(input), &label, &tabular)?;
    let source = journal::CsvSource::new(table, &map)?.with_size(Some(size).filter(|s| *s > 0));
    let kind = match args.format {
        Some(ImportFormat::Terminal) => Kind::Sales,
        Some(ImportFormat::Settlement) => Kind::Settlement,
        None => guess_kind(source.columns()),
    };
    let bar = (size > (1 << 20))
        .then(|| {
            ctx.out
                .progress(size, "{bar:30} {bytes}/{total_bytes} {eta}")
        })
        .flatten();
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
        return Err(Error::bad_value(
            "--fee-rate",
            r.to_string(),
            Msg::RuleFeeRate,
        ));
    }
    let opts = crate::reconcile::Options {
        sales_map: columns::parse_map(&args.sales_map)?,
        settlement_map: columns::parse_map(&args.settlement_map)?,
        fee_rate: args.fee_rate,
        tabular: crate::tabular::Options::new(
            args.tabular.encoding.as_deref(),
            args.tabular.sheet.as_deref(),
        )?,
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
