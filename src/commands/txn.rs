//! `posdoctor txn`: status look-up, journal import, reconciliation.

use super::Context;
use crate::cli::{
    ImportFormat, ReconcileArgs, ReconcileOutput, TxnArgs, TxnCommand, TxnImportArgs, TxnSource,
    TxnStatusArgs,
};
use crate::error::{Error, exit};
use crate::finding::{Finding, Report, Status};
use crate::i18n::Msg;
use crate::journal::{self, Kind};
use crate::render;
use crate::taxonomy::{Category, Cause};
use crate::ticket::Ticket;
use crate::txn::columns::{self, Field};
use crate::txn::credit;
use crate::txn::lookup::{self, LookedUp, LookupRequest, Sources};

pub fn run(ctx: &Context, args: &TxnArgs) -> Result<u8, Error> {
    match &args.command {
        TxnCommand::Status(a) => status(ctx, a),
        TxnCommand::Import(a) => import(ctx, a),
        TxnCommand::Reconcile(a) => reconcile(ctx, a),
    }
}

fn status(ctx: &Context, args: &TxnStatusArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let today = credit::ymd_of(super::lookup::today()?);
    let LookedUp {
        findings,
        outcomes,
        keys,
    } = super::lookup::look_up(ctx, &ctx.reach(&args.reach)?, &request(args))?;
    let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
    let steps: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| lookup::steps_for(lang, o, today, &codes))
        .collect();
    let tickets: Vec<Option<Ticket>> = outcomes
        .iter()
        .map(|o| lookup::ticket_for(o, &keys, &findings, &codes, ctx.out.lang))
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

/// The look-up `txn status` asks for, as its flags say.
fn request(a: &TxnStatusArgs) -> LookupRequest {
    LookupRequest {
        rrn: a.rrn.clone(),
        trace: a.trace.clone(),
        terminal: a.terminal.clone(),
        date: a.date.clone(),
        order: a.order.clone(),
        amount: a.amount.clone(),
        from: a.from.clone(),
        to: a.to.clone(),
        sources: match a.source {
            TxnSource::Auto => Sources::Auto,
            TxnSource::Gateway => Sources::Gateway,
            TxnSource::Journal => Sources::Journal,
            TxnSource::Both => Sources::Both,
        },
        retries: a.retries,
    }
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
