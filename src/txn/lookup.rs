//! Looking one transaction up: the gateway and the journal asked, their answers merged into
//! one outcome per transaction, the crediting of a sale (when it is due, whether it arrived,
//! with which amounts) and a sale debited without a receipt (单边账) recognised.
//!
//! `txn status` and `fix`'s automatic transaction check both call [`look_up`]; what a caller
//! asks for is a [`LookupRequest`] (built from `txn status`'s flags, or by `fix` from the
//! payment), checked into a [`Query`] by [`LookupRequest::query`].

use std::time::{Duration, Instant};

use crate::calendar::{Calendar, Terms};
use crate::codes::CodeTable;
use crate::config;
use crate::error::Error;
use crate::finding::{Finding, Status};
use crate::i18n::{Lang, Msg};
use crate::journal::{self, Journal, Kind};
use crate::taxonomy::{Category, Cause};
use crate::ticket::Ticket;
use crate::txn::columns::{self, TxnType, yuan};
use crate::txn::credit::{self, CreditState, Evidence, SettledRow};
use crate::txn::gateway::{self, GatewayError, Keys, Transport};
use crate::txn::one_sided::{self, Cancel, CancelKind, Signals};
use crate::txn::{self as model, Outcome, State};

/// What a transaction is looked up by; every key given must match.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub rrn: Option<String>,
    pub trace: Option<String>,
    pub terminal_id: Option<String>,
    pub merchant_id: Option<String>,
    /// The profile's terminal: the gateway is asked about it when no terminal is given (the
    /// journal is searched across terminals).
    pub default_terminal_id: Option<String>,
    /// `YYYYMMDD`.
    pub date: Option<u32>,
    pub order_id: Option<String>,
    /// Fen.
    pub amount: Option<i64>,
    /// `(YYYYMMDD, HHMMSS)` bounds, inclusive.
    pub from: Option<(u32, u32)>,
    pub to: Option<(u32, u32)>,
}

/// An invalid flag value, shown cut to a readable length.
fn bad(field: &str, value: &str, rule: Msg) -> Error {
    Error::bad_value(
        field,
        crate::input::excerpt(value, crate::input::EXCERPT_CHARS),
        rule,
    )
}

/// Checks an RRN (ISO 8583 field 37): exactly 12 letters or digits; the incident log's
/// rule, so a card number typed as an RRN is refused the same way everywhere.
pub fn check_rrn(flag: &str, v: &str) -> Result<(), Error> {
    crate::incident::check_rrn(flag, v)
}

fn when(flag: &str, v: &str) -> Result<(u32, u32), Error> {
    columns::parse_time(v)
        .and_then(|(d, t)| Some((d?, t)))
        .or_else(|| columns::parse_date(v).map(|d| (d, 0)))
        .ok_or_else(|| bad(flag, v, Msg::RuleDateTime))
}

impl Query {
    /// Checks every key of the request (exit 2 naming the value) and builds the query.
    /// Against the simulator (`demo`) the amount is the demo sale's, not a search key.
    fn from_request(f: &LookupRequest, demo: bool) -> Result<Query, Error> {
        let amount = f.amount.as_deref().filter(|_| !demo);
        if let Some(r) = f.rrn.as_deref() {
            check_rrn("--rrn", r)?;
        }
        if let Some(t) = f.trace.as_deref()
            && !((1..=6).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad("--trace", t, Msg::RuleTrace));
        }
        if let Some(t) = f.terminal.as_deref()
            && !crate::incident::valid_terminal_id(t)
        {
            return Err(bad("--terminal", t, Msg::RuleTerminalId));
        }
        if let Some(o) = f.order.as_deref()
            && !(1..=64).contains(&o.chars().count())
        {
            return Err(bad("--order", o, Msg::RuleText));
        }
        let date = match f.date.as_deref() {
            Some(d) => Some(columns::parse_date(d).ok_or_else(|| bad("--date", d, Msg::RuleDate))?),
            None => None,
        };
        let amount = match amount {
            Some(a) => Some(
                columns::parse_yuan(a)
                    .filter(|v| *v > 0)
                    .ok_or_else(|| bad("--amount", a, Msg::RuleAmount))?,
            ),
            None => None,
        };
        Ok(Query {
            rrn: f.rrn.clone(),
            trace: f.trace.clone(),
            terminal_id: f.terminal.clone(),
            merchant_id: None,
            default_terminal_id: None,
            date,
            order_id: f.order.clone(),
            amount,
            from: f.from.as_deref().map(|v| when("--from", v)).transpose()?,
            to: f.to.as_deref().map(|v| when("--to", v)).transpose()?,
        })
    }

    /// Whether anything names a transaction (a terminal alone does not).
    pub fn has_key(&self) -> bool {
        self.rrn.is_some()
            || self.trace.is_some()
            || self.order_id.is_some()
            || self.amount.is_some()
    }

    fn journal(&self) -> journal::Query {
        journal::Query {
            rrn: self.rrn.clone(),
            trace: self.trace.clone(),
            terminal_id: self.terminal_id.clone(),
            date: self.date,
            order_id: self.order_id.clone(),
            amount: self.amount,
            from: self.from,
            to: self.to,
        }
    }

    /// The keys a gateway URL template may use.
    pub fn keys(&self) -> Keys {
        Keys {
            rrn: self.rrn.clone(),
            trace: self.trace.clone(),
            terminal_id: self
                .terminal_id
                .clone()
                .or(self.default_terminal_id.clone()),
            merchant_id: self.merchant_id.clone(),
            date: self.date.map(columns::show_date),
            order_id: self.order_id.clone(),
        }
    }
}

/// Which sources a look-up asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sources {
    /// The gateway when the profile has one, and the journal (only the simulator with
    /// `--demo`).
    #[default]
    Auto,
    Gateway,
    Journal,
    Both,
}

/// A look-up as a caller asks for it, before anything is checked: the keys as the user gave
/// them (checked by [`LookupRequest::query`], exit 2 naming a bad one), where to look and how
/// often to retry the gateway. `txn status` builds one from its flags; `fix` builds one from
/// the payment's RRN and terminal.
#[derive(Debug, Clone, Default)]
pub struct LookupRequest {
    pub rrn: Option<String>,
    pub trace: Option<String>,
    pub terminal: Option<String>,
    pub date: Option<String>,
    pub order: Option<String>,
    pub amount: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Sources,
    /// Retries after a gateway request that failed in a way worth retrying.
    pub retries: u32,
}

impl LookupRequest {
    /// A look-up of one payment by its RRN (and terminal), as a guided fix asks for it.
    pub fn payment(rrn: Option<String>, terminal: Option<String>) -> LookupRequest {
        LookupRequest {
            rrn,
            terminal,
            retries: 2,
            ..LookupRequest::default()
        }
    }

    /// The checked query: every key valid (exit 2 naming a bad one).
    pub fn query(&self, demo: bool) -> Result<Query, Error> {
        Query::from_request(self, demo)
    }

    /// The demo sale's amount in fen: `--amount` with `--demo`, else 100 yuan.
    pub fn demo_cents(&self) -> Result<u64, Error> {
        match &self.amount {
            Some(a) => columns::parse_yuan(a)
                .filter(|v| *v > 0 && *v < 1_000_000_000)
                .map(|v| v as u64)
                .ok_or_else(|| Error::bad_value("--amount", a, Msg::RuleAmount)),
            None => Ok(10_000),
        }
    }
}

/// The gateway to ask, and how to reach it.
pub struct GatewayAccess<'a> {
    pub config: &'a config::Gateway,
    pub transport: Transport,
}

/// Where to look and what the merchant's terms are.
pub struct Settings<'a> {
    pub lang: Lang,
    pub codes: &'a CodeTable,
    pub calendar: &'a Calendar,
    pub terms: Terms,
    /// The merchant's today.
    pub today: time::Date,
    /// The merchant's UTC offset: times are shown in it.
    pub offset: time::UtcOffset,
    /// The whole look-up's deadline (the gateway's requests and retries).
    pub timeout: Duration,
}

/// What a look-up found: the checks made on the way, and one outcome per transaction.
pub struct LookedUp {
    pub findings: Vec<Finding>,
    pub outcomes: Vec<Outcome>,
    pub keys: Keys,
}

/// The finding for a gateway that gave no answer: what went wrong and whose problem it is.
pub fn gateway_finding(lang: Lang, url: &str, e: &GatewayError) -> Finding {
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
            lang.trf(Msg::TxnGatewayAuth, &[("error", &e.describe(lang))]),
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
            lang.trf(Msg::TxnGatewayServer, &[("error", &e.describe(lang))]),
            Some(Cause::Host),
        ),
        GatewayError::Timeout { .. } | GatewayError::Connect(_) | GatewayError::Tls(_) => (
            Status::Fail,
            lang.trf(Msg::TxnGatewayUnreachable, &[("error", &e.describe(lang))]),
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
            lang.trf(Msg::TxnGatewayMalformed, &[("error", &e.describe(lang))]),
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

/// The category and cause a state belongs to, for the finding's fix link. A transaction
/// nobody knows is not blamed on anything: a wrong number is likelier than the network.
pub fn blame_for(state: State, code: Option<&str>, codes: &CodeTable) -> Option<(Category, Cause)> {
    match state {
        State::Declined => Some(
            code.and_then(|c| codes.get(c))
                .map_or((Category::Declined, Cause::Host), |e| (e.category, e.cause)),
        ),
        State::Pending => Some((Category::NoResponse, Cause::Network)),
        State::Settled | State::NotCredited => Some((Category::NotCredited, Cause::Settlement)),
        _ => None,
    }
}

/// A journal sale and what the journal says became of it.
struct JournalSale {
    txn: model::Txn,
    /// What the terminal recorded for the sale itself.
    terminal: State,
    settlement: Vec<SettledRow>,
    cancel: Option<Cancel>,
}

fn journal_sales(
    j: &Journal,
    q: &journal::Query,
    today: u32,
    offset: time::UtcOffset,
) -> Result<Vec<JournalSale>, Error> {
    let rows = j.find(q)?;
    // The sale itself, not the void or settlement rows that refer to it.
    let sales: Vec<&journal::Stored> = rows.iter().filter(|r| r.kind == Kind::Sales).collect();
    let primary: Vec<&journal::Stored> = if sales.is_empty() {
        rows.iter().collect()
    } else {
        sales
    };
    let mut out = Vec::new();
    for s in primary.iter().take(20) {
        let related = j.related(&s.row)?;
        let state = journal::state_of(&s.row, &related, today);
        let mut txn = journal::to_txn(&s.row, state);
        txn.clock = s.row.time;
        txn.time = match (s.row.date, s.row.time) {
            (Some(d), Some(t)) => model::rfc3339(d, t, offset),
            (Some(d), None) => Some(columns::show_date(d)),
            _ => None,
        };
        let terminal = s.row.state.unwrap_or(match s.row.code.as_deref() {
            None | Some("00") => State::Approved,
            Some(_) => State::Declined,
        });
        let refers = |r: &journal::Row| {
            (r.orig_trace.is_some() && r.orig_trace == s.row.trace)
                || (r.rrn.is_some() && r.rrn == s.row.rrn)
        };
        let is_sale = |r: &journal::Row| matches!(r.kind, None | Some(TxnType::Sale));
        let mut settlement = Vec::new();
        let mut cancel = None;
        if s.kind == Kind::Sales && is_sale(&s.row) {
            for r in &related {
                if r.kind == Kind::Settlement && is_sale(&r.row) {
                    settlement.push(SettledRow {
                        settle_date: r.row.settle_date.map(columns::show_date),
                        amount: r.row.amount,
                        fee: r.row.fee,
                        net: r.row.net,
                        credited: r.row.state == Some(State::Credited),
                        settle_ymd: r.row.settle_date,
                    });
                } else if r.kind == Kind::Sales
                    && refers(&r.row)
                    && r.row.state != Some(State::Declined)
                    && cancel.is_none()
                {
                    let kind = match r.row.kind {
                        Some(TxnType::Reversal) => CancelKind::Reversal,
                        Some(TxnType::Void) => CancelKind::Void,
                        _ => continue,
                    };
                    cancel = Some(Cancel {
                        kind,
                        source: "journal",
                        date: r.row.date.map(columns::show_date),
                        trace: r.row.trace.clone(),
                        ymd: r.row.date,
                    });
                }
            }
        }
        out.push(JournalSale {
            txn,
            terminal,
            settlement,
            cancel,
        });
    }
    Ok(out)
}

/// Settlement dates from `from` to `to` that the journal holds a settlement file of: the
/// settlements a sale due on `from` should be in (a day or two late still counts). An
/// imported file is itself proof that its day has come, whatever the clock says.
fn settlement_dates(
    j: &Journal,
    from: u32,
    to: u32,
    merchant: Option<&str>,
) -> Result<Vec<u32>, Error> {
    j.settlement_dates(from, to, merchant)
}

/// Whether a look-up reads the journal, and the journal when one exists.
pub enum JournalUse {
    /// The journal is not asked (only the gateway is).
    Skip,
    /// The journal is asked: `None` when nothing was ever recorded.
    Read(Option<Journal>),
}

/// Looks the transaction up at the gateway (when given) and in the journal (`journal_use`)
/// (when given), and says what each transaction's state is, when its money is due and
/// whether it arrived.
pub fn look_up(
    rt: &tokio::runtime::Runtime,
    q: &Query,
    gw: Option<GatewayAccess<'_>>,
    journal_use: JournalUse,
    s: &Settings<'_>,
) -> Result<LookedUp, Error> {
    let lang = s.lang;
    let keys = q.keys();
    let today = credit::ymd_of(s.today);
    let mut findings = Vec::new();
    let mut gateway_txn = None;
    let mut gateway_failed = false;
    if let Some(gw) = gw {
        let url = gateway::lookup_url(gw.config, &keys).unwrap_or_else(|_| gw.config.url.clone());
        let deadline = Instant::now() + s.timeout;
        let asked = rt.block_on(crate::interrupt::or_interrupted(gateway::lookup(
            gw.config,
            &keys,
            &gw.transport,
            deadline,
        )))?;
        match asked {
            Ok(Some(mut t)) => {
                findings.push(
                    Finding::new("txn.gateway", Status::Ok, lang.tr(Msg::TxnGatewayFound))
                        .target(url),
                );
                // One representation: RFC 3339 in the merchant's zone, to the second.
                if let Some((rfc, d, c)) = t
                    .time
                    .as_deref()
                    .and_then(|v| model::normalize_time(v, s.offset))
                {
                    t.time = Some(rfc);
                    t.date = Some(d);
                    t.clock = Some(c);
                }
                gateway_txn = Some(t);
            }
            Ok(None) => findings.push(
                Finding::new("txn.gateway", Status::Ok, lang.tr(Msg::TxnGatewayNotFound))
                    .target(url),
            ),
            Err(e) => {
                gateway_failed = !matches!(e, GatewayError::NeedsKey(_));
                findings.push(gateway_finding(lang, &url, &e));
            }
        }
    }

    let mut journal_sales_found: Vec<JournalSale> = Vec::new();
    let mut journal = None;
    if let JournalUse::Read(found) = journal_use {
        if let Some(j) = found {
            journal_sales_found = journal_sales(&j, &q.journal(), today, s.offset)?;
            findings.push(Finding::new(
                "txn.journal",
                Status::Ok,
                lang.trf(Msg::TxnJournalFound, &[("n", &journal_sales_found.len())]),
            ));
            journal = Some(j);
        } else {
            findings.push(Finding::new(
                "txn.journal",
                Status::Skip,
                lang.tr(Msg::TxnJournalEmpty),
            ));
        }
    }

    // One outcome per transaction: the gateway's answer merged with the journal row of the
    // same RRN; other journal matches stand alone.
    let mut merged: Vec<(Outcome, Option<State>, Option<JournalSale>)> = Vec::new();
    let same = |a: &model::Txn, b: &model::Txn| a.rrn.is_some() && a.rrn == b.rrn;
    match gateway_txn {
        Some(g) => {
            let pos = journal_sales_found.iter().position(|j| same(&j.txn, &g));
            let j = pos.map(|i| journal_sales_found.remove(i));
            let gstate = g.state;
            let o = model::merge(Some(g), j.as_ref().map(|j| j.txn.clone()));
            merged.push((o, gstate, j));
        }
        None if journal_sales_found.is_empty() => {
            let mut o = model::merge(None, None);
            // Nobody could say: that is an unknown outcome, not a missing transaction.
            if gateway_failed {
                o.state = State::Pending;
                o.txn.state = Some(State::Pending);
            }
            o.txn.rrn = keys.rrn.clone();
            o.txn.trace = keys.trace.clone();
            o.txn.order_id = keys.order_id.clone();
            merged.push((o, None, None));
        }
        None => {}
    }
    for j in journal_sales_found {
        let o = model::merge(None, Some(j.txn.clone()));
        merged.push((o, None, Some(j)));
    }

    let mut outcomes = Vec::new();
    let mut extra: Vec<Vec<Finding>> = Vec::new();
    for (mut o, gstate, j) in merged {
        let mut more = Vec::new();
        let who = o
            .txn
            .rrn
            .clone()
            .or_else(|| o.txn.trace.clone())
            .unwrap_or_else(|| "-".into());
        let settled_rows = j.as_ref().map(|j| j.settlement.clone()).unwrap_or_default();
        let cancel = j.as_ref().and_then(|j| j.cancel.clone()).or_else(|| {
            matches!(gstate, Some(State::Reversed | State::Voided)).then(|| Cancel {
                kind: if gstate == Some(State::Voided) {
                    CancelKind::Void
                } else {
                    CancelKind::Reversal
                },
                source: "gateway",
                date: None,
                trace: None,
                ymd: o.txn.date,
            })
        });
        // A sale's crediting: when it is due, and whether the settlement has it.
        let is_sale = j.as_ref().is_none_or(|j| j.terminal != State::Reversed)
            && cancel.is_none()
            && !matches!(
                o.state,
                State::Declined
                    | State::Reversed
                    | State::Voided
                    | State::Refunded
                    | State::NotFound
            );
        let terminal = j.as_ref().map(|j| j.terminal);
        let one_sided_terminal = matches!(terminal, Some(State::Pending | State::Declined));
        let money_moved = !settled_rows.is_empty()
            || matches!(
                gstate,
                Some(State::Approved | State::Settled | State::Credited)
            );
        // A sale the terminal approved, or one it did not while the money moved; a cancelled
        // sale is never due.
        let due_sale = cancel.is_none()
            && (one_sided_terminal && money_moved
                || is_sale && !one_sided_terminal && o.state != State::Pending);
        if let Some(date) = o.txn.date
            && due_sale
        {
            let imported = match &journal {
                Some(jn) if settled_rows.is_empty() => {
                    let due = credit::due(s.calendar, date, o.txn.clock, s.terms);
                    match due {
                        Some(d) => {
                            // The due day's settlement, or one of the next two working days'.
                            let last = s.calendar.working_day_after(d.date, 2).unwrap_or(d.date);
                            settlement_dates(
                                jn,
                                credit::ymd_of(d.date),
                                credit::ymd_of(last),
                                o.txn.merchant_id.as_deref(),
                            )?
                        }
                        None => Vec::new(),
                    }
                }
                _ => Vec::new(),
            };
            let evidence = Evidence {
                rows: settled_rows.clone(),
                imported,
                gateway_credited: gstate == Some(State::Credited),
            };
            if let Some(c) = credit::assess(
                s.calendar,
                s.terms,
                date,
                o.txn.clock,
                o.txn.amount,
                &evidence,
                s.today,
            ) {
                more.extend(crediting_findings(lang, &who, &c, o.txn.amount));
                match c.state {
                    CreditState::NotCredited => o.state = State::NotCredited,
                    CreditState::Credited if o.state != State::Credited => {
                        o.state = State::Credited
                    }
                    // A sale the terminal did not show as approved is settled all the same.
                    CreditState::Settled
                        if matches!(
                            o.state,
                            State::Approved | State::Pending | State::Declined
                        ) =>
                    {
                        o.state = State::Settled
                    }
                    _ => {}
                }
                o.crediting = Some(c);
            }
        }
        // Debited without a receipt.
        let signals = Signals {
            terminal,
            gateway: gstate,
            settled: !settled_rows.is_empty(),
            cancel,
            date: o.txn.date,
            due: o.crediting.as_ref().map(|c| c.due.clone()),
        };
        if let Some(one) = one_sided::detect(&signals, s.calendar, lang) {
            if one.case == one_sided::Case::Returned {
                o.state = State::Reversed;
                if one.cancelled_by.as_ref().map(|c| c.kind) == Some(CancelKind::Void) {
                    o.state = State::Voided;
                }
            }
            let terminal_label = lang.tr(one.terminal.label());
            let cancel_word = match (one.cancelled_by.as_ref().map(|c| c.kind), lang) {
                (Some(CancelKind::Void), Lang::Zh) => "撤销",
                (Some(CancelKind::Void), _) => "void (撤销)",
                (_, Lang::Zh) => "冲正",
                _ => "reversal (冲正)",
            };
            let by = one.return_by.clone().unwrap_or_else(|| "-".into());
            let msg = match one.case {
                one_sided::Case::Credited => Msg::TxnOneSidedCredited,
                one_sided::Case::ReversalExpected => Msg::TxnOneSidedReversalExpected,
                one_sided::Case::Returned => Msg::TxnOneSidedReturned,
            };
            more.push(
                Finding::new(
                    "txn.one-sided",
                    Status::Warn,
                    lang.trf(
                        msg,
                        &[
                            ("terminal", &terminal_label),
                            ("cancel", &cancel_word),
                            ("return_by", &by),
                        ],
                    ),
                )
                .target(who.clone())
                .metric("case", one.case.key())
                .blame(Category::NoResponse, Cause::Network),
            );
            o.one_sided = Some(one);
        }
        o.txn.state = Some(o.state);
        outcomes.push(o);
        extra.push(more);
    }

    // One finding per transaction, for the exit status and the fix link.
    for (o, more) in outcomes.iter().zip(extra) {
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
        if let Some((cat, cause)) = blame_for(o.state, o.txn.code.as_deref(), s.codes) {
            f = f.blame(cat, cause);
        }
        findings.extend(more);
        findings.push(f);
    }
    Ok(LookedUp {
        findings,
        outcomes,
        keys,
    })
}

/// The terms as the merchant reads them: `T+1, cut-off 23:00`.
pub fn terms_text(lang: Lang, c: &credit::Crediting) -> String {
    match &c.cutoff {
        Some(cut) => lang.trf(
            Msg::TxnCreditingTerms,
            &[("terms", &c.terms), ("cutoff", cut)],
        ),
        None => c.terms.clone(),
    }
}

/// The findings a sale's crediting earns: the settlement compared with the sale, and the due
/// date (not credited, overdue, or when it is due).
fn crediting_findings(
    lang: Lang,
    who: &str,
    c: &credit::Crediting,
    sold: Option<i64>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(row) = &c.settlement {
        let fee = row.fee.map(yuan).unwrap_or_else(|| "-".into());
        let net = row.net.map(yuan).unwrap_or_else(|| "-".into());
        let date = row.settle_date.clone().unwrap_or_else(|| "-".into());
        let mut f = if c.differences.is_empty() {
            Finding::new(
                "txn.settlement",
                Status::Ok,
                lang.trf(
                    Msg::TxnSettlementMatches,
                    &[
                        ("date", &date),
                        ("amount", &yuan(row.amount)),
                        ("fee", &fee),
                        ("net", &net),
                    ],
                ),
            )
        } else {
            let parts: Vec<String> = c
                .differences
                .iter()
                .map(|d| {
                    lang.trf(
                        if d.field == "amount" {
                            Msg::TxnSettlementAmountDiffers
                        } else {
                            Msg::TxnSettlementNetDiffers
                        },
                        &[
                            ("expected", &yuan(d.expected)),
                            ("actual", &yuan(d.actual)),
                            ("difference", &yuan(d.actual - d.expected)),
                        ],
                    )
                })
                .collect();
            Finding::new(
                "txn.settlement",
                Status::Fail,
                lang.trf(
                    Msg::TxnSettlementDiffers,
                    &[
                        ("date", &date),
                        (
                            "differences",
                            &parts.join(lang.tr(Msg::TxnSettlementListSeparator)),
                        ),
                        ("fee", &fee),
                        ("net", &net),
                    ],
                ),
            )
            .blame(Category::NotCredited, Cause::Settlement)
        };
        f = f.target(who.to_string()).metric("settled", row.amount);
        if let Some(a) = sold {
            f = f.metric("sold", a);
        }
        if let Some(v) = row.fee {
            f = f.metric("fee", v);
        }
        if let Some(v) = row.net {
            f = f.metric("net", v);
        }
        out.push(f);
    }
    let may_move = if c.due_may_move {
        lang.tr(Msg::TxnCreditingMayMove)
    } else {
        ""
    };
    let days = c.overdue_working_days.unwrap_or(0);
    let terms = terms_text(lang, c);
    let (status, msg) = match c.state {
        CreditState::Credited | CreditState::Settled => (Status::Ok, Msg::TxnCreditingOnTime),
        CreditState::Due => (Status::Ok, Msg::TxnCreditingDue),
        CreditState::Overdue => (Status::Fail, Msg::TxnCreditingOverdue),
        CreditState::NotCredited => (Status::Fail, Msg::TxnCreditingNotCredited),
    };
    let mut f = Finding::new(
        "txn.crediting",
        status,
        lang.trf(
            msg,
            &[
                ("due", &c.due),
                ("terms", &terms),
                ("days", &days),
                ("checked", &c.checked.join(", ")),
                ("may_move", &may_move),
            ],
        ),
    )
    .target(who.to_string())
    .metric("due", c.due.clone())
    .metric(
        "crediting",
        serde_json::to_value(c.state).unwrap_or_default(),
    );
    if days > 0 {
        f = f.metric("overdue_working_days", days);
    }
    if status == Status::Fail {
        f = f.blame(Category::NotCredited, Cause::Settlement);
    }
    out.push(f);
    out
}

/// What to do next for one outcome: the state's steps, then the crediting's and a
/// one-sided sale's, in the user's language.
pub fn steps_for(
    lang: Lang,
    o: &Outcome,
    today: u32,
    codes: &crate::codes::CodeTable,
) -> Vec<String> {
    let meaning = o
        .txn
        .code
        .as_deref()
        .and_then(|c| codes.get(c))
        .map_or("", |e| e.meaning.get(lang));
    let code = o.txn.code.clone().unwrap_or_default();
    if let Some(one) = &o.one_sided {
        // The state's generic steps would contradict what is known about this sale.
        return vec![
            one.what_happens.clone(),
            one.tell_customer.clone(),
            one.escalate.clone(),
        ];
    }
    let mut steps: Vec<String> = model::next_steps(o, today)
        .into_iter()
        .filter(|m| o.crediting.is_none() || *m != Msg::TxnStepCrediting)
        .map(|m| lang.trf(m, &[("code", &code), ("meaning", &meaning)]))
        .collect();
    if let Some(c) = &o.crediting {
        let checked = c.checked.join(", ");
        let terms = terms_text(lang, c);
        let args: &[(&str, &dyn std::fmt::Display)] =
            &[("due", &c.due), ("terms", &terms), ("checked", &checked)];
        if !c.differences.is_empty() {
            steps.push(lang.trf(Msg::TxnCreditingStepDiffers, args));
        }
        match c.state {
            CreditState::Due => steps.push(lang.trf(Msg::TxnCreditingStepDue, args)),
            CreditState::Overdue => steps.push(lang.trf(Msg::TxnCreditingStepOverdue, args)),
            CreditState::NotCredited => {
                steps.push(lang.trf(Msg::TxnCreditingStepNotCredited, args))
            }
            CreditState::Credited | CreditState::Settled => {}
        }
    }
    steps
}

/// Whether the outcome needs the acquirer: its state, a crediting that is late or wrong, or a
/// one-sided sale.
pub fn wants_ticket(o: &Outcome) -> bool {
    model::needs_ticket(o.state)
        || o.one_sided.is_some()
        || o.crediting.as_ref().is_some_and(|c| {
            !c.differences.is_empty()
                || matches!(c.state, CreditState::Overdue | CreditState::NotCredited)
        })
}

/// The ticket for the acquirer, when the outcome needs one: the transaction's identifiers,
/// what is wrong and what was checked.
pub fn ticket_for(
    o: &Outcome,
    keys: &Keys,
    findings: &[Finding],
    codes: &CodeTable,
    lang: Lang,
) -> Option<Ticket> {
    wants_ticket(o).then(|| {
        let one_sided = o
            .one_sided
            .is_some()
            .then_some((Category::NoResponse, Cause::Network));
        let (category, cause) = one_sided
            .or_else(|| blame_for(o.state, o.txn.code.as_deref(), codes))
            .or_else(|| {
                o.crediting
                    .is_some()
                    .then_some((Category::NotCredited, Cause::Settlement))
            })
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
                    result: f.summary.say(crate::finding::Locale::ascii(lang)),
                })
                .collect(),
        }
        .with_card(o.txn.card.as_deref())
    })
}
