//! Human text for transaction look-ups, tickets and reconciliation.

use super::{BOLD, DIM, Output, fields, pad, paint, status_style, table, width};
use crate::error::Error;
use crate::finding::{Finding, Status};
use crate::i18n::{Lang, Msg};
use crate::reconcile::{Item, PROBLEMS, Problem, Reconciliation};
use crate::ticket::Ticket;
use crate::txn::Outcome;
use crate::txn::columns::yuan;

fn amount_text(lang: Lang, fen: i64) -> String {
    lang.trf(Msg::TxnAmountYuan, &[("amount", &yuan(fen))])
}

pub fn txn_status(
    out: &Output,
    findings: &[Finding],
    outcomes: &[Outcome],
    steps: &[Vec<String>],
    tickets: &[Option<Ticket>],
) -> String {
    let lang = out.lang;
    let mut s = String::new();
    let checks: Vec<Finding> = findings
        .iter()
        .filter(|f| f.id != "txn.status")
        .cloned()
        .collect();
    s.push_str(&out.findings(&checks));
    if outcomes.len() > 1 {
        s.push_str(&format!(
            "\n{}\n",
            lang.trf(Msg::TxnSeveral, &[("n", &outcomes.len())])
        ));
    }
    for (i, o) in outcomes.iter().enumerate() {
        let status = if o.state.is_good() {
            Status::Ok
        } else {
            Status::Fail
        };
        let t = &o.txn;
        let id = crate::redact::line(t.rrn.as_deref().or(t.trace.as_deref()).unwrap_or_default());
        s.push_str(&format!(
            "\n{} {}  {}\n",
            paint(status_style(status), out.glyphs.marker(status)),
            paint(BOLD, &lang.trf(Msg::TxnHeading, &[("id", &id)])),
            paint(status_style(status), lang.tr(o.state.label()))
        ));
        if out.quiet {
            continue;
        }
        let mut rows: Vec<(&str, String)> = Vec::new();
        if let Some(a) = t.amount {
            rows.push((lang.tr(Msg::TicketAmount), amount_text(lang, a)));
        }
        // JSON carries RFC 3339; a person reads the merchant's local time.
        let local = t.time.as_deref().map(local_time);
        let opt = [
            (Msg::TicketTime, &local),
            (Msg::TicketCode, &t.code),
            (Msg::TicketRrn, &t.rrn),
            (Msg::TicketTrace, &t.trace),
            (Msg::TicketTerminal, &t.terminal_id),
            (Msg::TicketMerchant, &t.merchant_id),
            (Msg::TicketOrder, &t.order_id),
            (Msg::TicketCard, &t.card),
        ];
        for (label, v) in opt {
            if let Some(v) = v {
                rows.push((lang.tr(label), v.clone()));
            }
        }
        // The merchant's first question after "did it go through?".
        if let Some(c) = &o.crediting {
            rows.push((
                lang.tr(Msg::TxnCreditingDueLabel),
                lang.trf(
                    Msg::TxnCreditingDueValue,
                    &[
                        ("due", &c.due),
                        ("terms", &crate::txn::lookup::terms_text(lang, c)),
                    ],
                ),
            ));
        }
        let sources: Vec<&str> = o
            .sources
            .iter()
            .map(|src| match src {
                crate::txn::Source::Gateway => lang.tr(Msg::TxnSourceGateway),
                crate::txn::Source::Journal => lang.tr(Msg::TxnSourceJournal),
            })
            .collect();
        if !sources.is_empty() {
            rows.push((lang.tr(Msg::TxnSources), sources.join(", ")));
        }
        s.push_str(&fields(&rows));
        if let Some(steps) = steps.get(i).filter(|v| !v.is_empty()) {
            s.push_str(&format!("{}\n", paint(BOLD, lang.tr(Msg::TxnNext))));
            for (n, step) in steps.iter().enumerate() {
                let text = format!("{}. {step}", n + 1);
                s.push_str(&super::para("  ", &text, 5));
            }
        }
        if let Some(Some(ticket)) = tickets.get(i) {
            s.push_str(&format!("{}\n", paint(BOLD, lang.tr(Msg::TicketHeading))));
            s.push_str(&super::boxed(&ticket_text(lang, ticket)));
        }
    }
    s
}

/// An RFC 3339 time as the merchant reads it, in the merchant's zone.
fn local_time(rfc: &str) -> String {
    crate::txn::local_text(rfc, crate::txn::merchant_offset())
}

/// The ticket as plain text (no colors), to paste to the acquirer.
/// A ticket as shown on the terminal: the text to copy, in a box fitted to the width.
pub fn ticket_shown(lang: Lang, t: &Ticket) -> String {
    super::boxed(&ticket_text(lang, t))
}

pub fn ticket_text(lang: Lang, t: &Ticket) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    // A ticket is pasted into chats and e-mails: every value passes the redaction policy
    // (a gateway may answer with a card number or track data where a masked card belongs).
    let mut push = |label: Msg, v: Option<String>| {
        if let Some(v) = v {
            rows.push((lang.tr(label), crate::redact::line(&v)));
        }
    };
    push(Msg::TicketTime, t.time.as_deref().map(local_time));
    push(Msg::TicketAmount, t.amount.map(|a| amount_text(lang, a)));
    push(Msg::TicketRrn, t.rrn.clone());
    push(Msg::TicketTrace, t.trace.clone());
    push(Msg::TicketCard, t.card.clone());
    push(Msg::TicketTerminal, t.terminal_id.clone());
    push(Msg::TicketMerchant, t.merchant_id.clone());
    push(Msg::TicketCode, t.code.clone());
    let problem = match (t.category, t.cause) {
        (Some(c), Some(k)) => Some(format!("{} / {}", c.name(lang), k.name(lang))),
        (Some(c), None) => Some(c.name(lang).to_string()),
        _ => None,
    };
    push(Msg::TicketProblem, problem);
    let w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let mut s = format!("{}\n", lang.tr(Msg::TicketTitle));
    for (l, v) in &rows {
        s.push_str(&format!("{}  {v}\n", pad(l, w)));
    }
    if !t.checks.is_empty() {
        s.push_str(&format!("{}\n", lang.tr(Msg::TicketChecked)));
        for c in &t.checks {
            s.push_str(&format!(
                "- {}{}{}\n",
                crate::redact::line(&c.what),
                super::colon(lang),
                crate::redact::line(&c.result)
            ));
        }
    }
    s.push_str(lang.tr(Msg::TicketRequest));
    s.push('\n');
    s
}

fn problem_label(p: Problem) -> Msg {
    match p {
        Problem::NotCredited => Msg::ReconcileHeadNotCredited,
        Problem::NotSold => Msg::ReconcileHeadNotSold,
        Problem::AmountMismatch => Msg::ReconcileHeadAmountMismatch,
        Problem::FeeMismatch => Msg::ReconcileHeadFeeMismatch,
        Problem::Duplicate => Msg::ReconcileHeadDuplicate,
    }
}

pub fn reconcile(out: &Output, findings: &[Finding], r: &Reconciliation, limit: usize) -> String {
    let lang = out.lang;
    let t = &r.totals;
    let mut s = String::new();
    s.push_str(&format!("{}\n", paint(BOLD, lang.tr(Msg::ReconcileTotals))));
    let line =
        |n: u64, a: i64| lang.trf(Msg::ReconcileRowsAmount, &[("n", &n), ("amount", &yuan(a))]);
    let mut rows = vec![
        (
            lang.tr(Msg::ReconcileSales),
            line(t.sales.rows, t.sales.amount),
        ),
        (
            lang.tr(Msg::ReconcileSettled),
            line(t.settlement.rows, t.settlement.amount),
        ),
        (
            lang.tr(Msg::ReconcileMatched),
            line(t.matched.rows, t.matched.amount),
        ),
    ];
    if t.sales_excluded > 0 {
        rows.push((
            lang.tr(Msg::ReconcileExcluded),
            t.sales_excluded.to_string(),
        ));
    }
    if t.settlement_fee != 0 {
        rows.push((lang.tr(Msg::ReconcileFees), yuan(t.settlement_fee)));
    }
    s.push_str(&fields(&rows));
    s.push('\n');
    s.push_str(&out.findings(findings));
    if out.quiet {
        return s;
    }
    for p in PROBLEMS {
        let items: Vec<&Item> = r.items.iter().filter(|i| i.problem == *p).collect();
        if items.is_empty() {
            continue;
        }
        s.push_str(&format!(
            "\n{} ({})\n",
            paint(BOLD, lang.tr(problem_label(*p))),
            items.len()
        ));
        let head = [
            lang.tr(Msg::ReconcileColLine),
            lang.tr(Msg::TicketRrn),
            lang.tr(Msg::TicketTerminal),
            lang.tr(Msg::TicketTrace),
            lang.tr(Msg::TicketTime),
            lang.tr(Msg::TicketAmount),
            lang.tr(Msg::ReconcileColOther),
        ];
        let cells: Vec<Vec<String>> = items
            .iter()
            .take(limit)
            .map(|i| {
                let side = match i.side {
                    crate::reconcile::Side::Sales => "S",
                    crate::reconcile::Side::Settlement => "T",
                };
                let other = match (i.other_line, i.other_amount, i.expected_fee) {
                    (Some(l), _, Some(exp)) => lang.trf(
                        Msg::ReconcileOtherFee,
                        &[
                            ("line", &l),
                            ("fee", &yuan(i.fee.unwrap_or(0))),
                            ("expected", &yuan(exp)),
                        ],
                    ),
                    (Some(l), Some(a), None) => lang.trf(
                        Msg::ReconcileOtherAmount,
                        &[("line", &l), ("amount", &yuan(a))],
                    ),
                    (Some(l), None, None) => lang.trf(Msg::ReconcileOtherLine, &[("line", &l)]),
                    _ => String::new(),
                };
                vec![
                    format!("{side}{}", i.line),
                    i.rrn.clone().unwrap_or_default(),
                    i.terminal_id.clone().unwrap_or_default(),
                    i.trace.clone().unwrap_or_default(),
                    match (&i.date, &i.time) {
                        (Some(d), Some(t)) => format!("{d} {t}"),
                        (Some(d), None) => d.clone(),
                        _ => String::new(),
                    },
                    yuan(i.amount),
                    other,
                ]
            })
            .collect();
        s.push_str(&table(&head, &cells));
        if items.len() > limit {
            s.push_str(&format!(
                "  {}\n",
                paint(
                    DIM,
                    &lang.trf(Msg::ReconcileMore, &[("n", &(items.len() - limit))])
                )
            ));
        }
    }
    s
}

/// Every problem, one CSV row each, amounts in yuan.
pub fn reconcile_csv(items: &[Item]) -> Result<String, Error> {
    let mut w = crate::csv_out::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::internal(e);
    w.write_record([
        "problem",
        "side",
        "line",
        "rrn",
        "terminal_id",
        "trace",
        "date",
        "time",
        "amount",
        "other_line",
        "other_amount",
        "fee",
        "expected_fee",
    ])
    .map_err(fail)?;
    let opt = |v: Option<i64>| v.map(yuan).unwrap_or_default();
    // Cells copied from the input files pass the redaction policy (a card in the RRN column).
    let cell = |v: &Option<String>| crate::redact::secrets(v.as_deref().unwrap_or("")).into_owned();
    for i in items {
        w.write_record([
            i.problem.key(),
            match i.side {
                crate::reconcile::Side::Sales => "sales",
                crate::reconcile::Side::Settlement => "settlement",
            },
            &i.line.to_string(),
            &cell(&i.rrn),
            &cell(&i.terminal_id),
            &cell(&i.trace),
            &cell(&i.date),
            &cell(&i.time),
            &yuan(i.amount),
            &i.other_line.map(|l| l.to_string()).unwrap_or_default(),
            &opt(i.other_amount),
            &opt(i.fee),
            &opt(i.expected_fee),
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(Error::internal)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
