//! Reconciliation: what the terminal sold against what the acquirer settled. Sales are
//! matched to settlement rows by RRN, then by terminal + trace + date + amount; what is left is the
//! 收款到账失败 list (sold, never credited) and its mirror (credited, never sold), beside
//! amount and fee mismatches and duplicates.
//!
//! Built for files of millions of rows: both files are read at once on two threads into
//! fixed-size records (identifiers packed into integers, no string per cell), and matched
//! through hash maps.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use rustc_hash::FxBuildHasher;
use serde::Serialize;

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::txn::columns::{self, Columns, Field, TxnType};

type Map<K, V> = HashMap<K, V, FxBuildHasher>;

/// An identifier of up to 16 bytes packed into an integer; longer ones are hashed (and
/// marked, so they are not shown as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Id(u128);

impl Id {
    const HASHED: u128 = 1 << 127;

    fn pack(b: &[u8]) -> Id {
        if b.len() <= 15 {
            let mut buf = [0u8; 16];
            buf[..b.len()].copy_from_slice(b);
            Id(u128::from_le_bytes(buf))
        } else {
            use std::hash::{BuildHasher, Hasher};
            let mut h = FxBuildHasher.build_hasher();
            h.write(b);
            let a = h.finish();
            h.write_u8(0xff);
            Id(Self::HASHED | (u128::from(a) << 64) | u128::from(h.finish()))
        }
    }

    pub fn is_none(self) -> bool {
        self.0 == 0
    }

    /// The identifier as text, or `None` when absent or too long to have been kept.
    pub fn text(self) -> Option<String> {
        if self.0 == 0 || self.0 & Self::HASHED != 0 {
            return None;
        }
        let bytes = self.0.to_le_bytes();
        let end = bytes.iter().position(|b| *b == 0).unwrap_or(16);
        Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
    }
}

/// A row without a time column.
const NO_TIME: u32 = u32::MAX;

/// One row, as the matcher needs it.
#[derive(Debug, Clone, Copy, Default)]
struct Rec {
    rrn: Id,
    terminal: Id,
    trace: Id,
    orig_trace: Id,
    date: u32,
    time: u32,
    amount: i64,
    fee: Option<i64>,
    net: Option<i64>,
    line: u32,
    /// Not a sale the acquirer should credit (void, refund, reversal, declined).
    excluded: bool,
    void_like: bool,
}

/// How the two files are read and judged.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sales_map: BTreeMap<Field, String>,
    pub settlement_map: BTreeMap<Field, String>,
    /// Expected fee rate in percent (`0.6` for 0.6 %); fees off by more than one fen are
    /// reported.
    pub fee_rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// Sold, never credited: the 收款到账失败 list.
    NotCredited,
    /// Credited, never sold (or sold on another terminal).
    NotSold,
    AmountMismatch,
    FeeMismatch,
    Duplicate,
}

pub const PROBLEMS: &[Problem] = &[
    Problem::NotCredited,
    Problem::NotSold,
    Problem::AmountMismatch,
    Problem::FeeMismatch,
    Problem::Duplicate,
];

impl Problem {
    pub fn key(self) -> &'static str {
        match self {
            Problem::NotCredited => "not-credited",
            Problem::NotSold => "not-sold",
            Problem::AmountMismatch => "amount-mismatch",
            Problem::FeeMismatch => "fee-mismatch",
            Problem::Duplicate => "duplicate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Sales,
    Settlement,
}

/// One thing that does not reconcile.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub problem: Problem,
    pub side: Side,
    pub line: u32,
    pub rrn: Option<String>,
    pub terminal_id: Option<String>,
    pub trace: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub time: Option<String>,
    /// Fen.
    pub amount: i64,
    /// The matched row on the other side, for mismatches and duplicates.
    pub other_line: Option<u32>,
    pub other_amount: Option<i64>,
    pub fee: Option<i64>,
    pub expected_fee: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Side2 {
    pub rows: u64,
    /// Fen.
    pub amount: i64,
}

/// Counts and sums, in fen.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub sales: Side2,
    /// Voids, refunds, reversals, declined rows and the sales they cancel.
    pub sales_excluded: u64,
    pub settlement: Side2,
    pub settlement_fee: i64,
    pub matched: Side2,
    pub matched_by_fallback: u64,
    pub not_credited: Side2,
    pub not_sold: Side2,
    pub amount_mismatch: u64,
    pub fee_mismatch: u64,
    pub duplicate: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Reconciliation {
    pub totals: Totals,
    pub items: Vec<Item>,
}

impl Reconciliation {
    /// Anything unmatched or mismatched: exit 1.
    pub fn clean(&self) -> bool {
        self.items.is_empty()
    }

    pub fn count(&self, p: Problem) -> u64 {
        self.items.iter().filter(|i| i.problem == p).count() as u64
    }
}

fn read_file<R: Read>(
    input: R,
    map: &BTreeMap<Field, String>,
    file: &str,
) -> Result<Vec<Rec>, Message> {
    let mut reader = crate::input::csv_reader(
        csv::ReaderBuilder::new()
            .flexible(true)
            .buffer_capacity(1 << 20),
        input,
    );
    let csv_err = |e: csv::Error| {
        if let Some(m) = crate::input::record_too_long(file, &e) {
            return m;
        }
        Message::new(Msg::ErrorTxnCsv)
            .arg("file", file)
            .arg("line", e.position().map_or(0, |p| p.line()))
            .arg("error", e.to_string())
    };
    let headers = reader.byte_headers().map_err(csv_err)?.clone();
    let header_text: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let refs: Vec<&str> = header_text.iter().map(String::as_str).collect();
    let cols = Columns::from_headers(&refs, map, file)?;
    let mut out = Vec::with_capacity(1024);
    let mut rec = csv::ByteRecord::new();
    // Every total is a sum over some rows of one file, and every difference compared
    // (fee against expected fee, net against amount − fee) is bounded by the same sum: so
    // when the magnitudes of one file's amounts, fees and nets add up within i64, no total
    // or difference computed from them can overflow. Checked once here, as rows are read.
    let mut magnitude: i64 = 0;
    let overflow = || Message::new(Msg::ErrorAmountOverflow).arg("file", file);
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_err(e)),
        }
        let line = rec.position().map_or(0, |p| p.line()) as u32;
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        let bad = |field: &str, v: &[u8]| {
            Message::new(Msg::ErrorTxnRow)
                .arg("file", file)
                .arg("line", line)
                .arg("field", field)
                .arg(
                    "value",
                    crate::input::excerpt(&String::from_utf8_lossy(v), crate::input::EXCERPT_CHARS),
                )
        };
        let text = |f: Field, name: &str| -> Result<Option<&str>, Message> {
            match cols.get_bytes(&rec, f) {
                Some(v) => std::str::from_utf8(v).map(Some).map_err(|_| bad(name, v)),
                None => Ok(None),
            }
        };
        let money = |f: Field, fen: Field, name: &str| -> Result<Option<i64>, Message> {
            if let Some(v) = text(fen, name)? {
                return columns::parse_fen(v)
                    .map(Some)
                    .ok_or_else(|| bad(name, v.as_bytes()));
            }
            match text(f, name)? {
                Some(v) => columns::parse_yuan(v)
                    .map(Some)
                    .ok_or_else(|| bad(name, v.as_bytes())),
                None => Ok(None),
            }
        };
        let id = |f: Field| cols.get_bytes(&rec, f).map(Id::pack).unwrap_or_default();
        let amount =
            money(Field::Amount, Field::AmountFen, "amount")?.ok_or_else(|| bad("amount", b""))?;
        let mut date = match text(Field::Date, "date")? {
            Some(v) => columns::parse_date(v).ok_or_else(|| bad("date", v.as_bytes()))?,
            None => 0,
        };
        let time = match text(Field::Time, "time")? {
            Some(v) => {
                let (d, t) = columns::parse_time(v).ok_or_else(|| bad("time", v.as_bytes()))?;
                if date == 0 {
                    date = d.unwrap_or(0);
                }
                t
            }
            None => NO_TIME,
        };
        let ty = text(Field::Type, "type")?.map_or(TxnType::Sale, TxnType::parse);
        let state = text(Field::Status, "status")?.and_then(columns::parse_status);
        let code_bad = cols
            .get_bytes(&rec, Field::Code)
            .is_some_and(|c| c != b"00" && c != b"0");
        let declined = code_bad
            || matches!(
                state,
                Some(crate::txn::State::Declined | crate::txn::State::Pending)
            );
        let void_like = matches!(ty, TxnType::Void | TxnType::Reversal);
        let fee = money(Field::Fee, Field::FeeFen, "fee")?;
        let net = money(Field::Net, Field::NetFen, "net")?;
        for v in [Some(amount), fee, net].into_iter().flatten() {
            magnitude = i64::try_from(v.unsigned_abs())
                .ok()
                .and_then(|v| magnitude.checked_add(v))
                .ok_or_else(overflow)?;
        }
        out.push(Rec {
            rrn: id(Field::Rrn),
            terminal: id(Field::TerminalId),
            trace: id(Field::Trace),
            orig_trace: id(Field::OrigTrace),
            date,
            time,
            amount,
            fee,
            net,
            line,
            excluded: declined || !matches!(ty, TxnType::Sale | TxnType::Other),
            void_like: void_like && !declined,
        });
    }
    Ok(out)
}

fn item(problem: Problem, side: Side, r: &Rec) -> Item {
    Item {
        problem,
        side,
        line: r.line,
        rrn: r.rrn.text(),
        terminal_id: r.terminal.text(),
        trace: r.trace.text(),
        date: (r.date != 0).then(|| columns::show_date(r.date)),
        time: (r.time != NO_TIME).then(|| columns::show_time(r.time)),
        amount: r.amount,
        other_line: None,
        other_amount: None,
        fee: r.fee,
        expected_fee: None,
    }
}

/// Reconciles two CSV sources. Files are read concurrently.
pub fn reconcile<A: Read + Send, B: Read + Send>(
    sales: (A, &str),
    settlement: (B, &str),
    opts: &Options,
) -> Result<Reconciliation, Error> {
    let (s, t) = std::thread::scope(|scope| {
        let h = scope.spawn(|| read_file(settlement.0, &opts.settlement_map, settlement.1));
        let s = read_file(sales.0, &opts.sales_map, sales.1);
        let t = h
            .join()
            .unwrap_or_else(|_| Err(Message::new(Msg::ErrorPanicThread)));
        (s, t)
    });
    Ok(match_records(&s?, &t?, opts))
}

fn match_records(sales: &[Rec], settle: &[Rec], opts: &Options) -> Reconciliation {
    let mut totals = Totals::default();
    let mut items = Vec::new();

    // Sales cancelled by a void or reversal in the same file are not expected to be credited.
    let mut cancelled_rrn: Map<Id, ()> = Map::default();
    let mut cancelled_trace: Map<(Id, Id), ()> = Map::default();
    for r in sales.iter().filter(|r| r.void_like) {
        if !r.orig_trace.is_none() {
            cancelled_trace.insert((r.terminal, r.orig_trace), ());
        } else if !r.rrn.is_none() {
            cancelled_rrn.insert(r.rrn, ());
        }
    }

    let mut settle_by_rrn: Map<Id, u32> = Map::default();
    settle_by_rrn.reserve(settle.len());
    for (i, r) in settle.iter().enumerate() {
        totals.settlement.rows += 1;
        totals.settlement.amount += r.amount;
        totals.settlement_fee += r.fee.unwrap_or(0);
        if r.rrn.is_none() {
            continue;
        }
        if let Some(&first) = settle_by_rrn.get(&r.rrn) {
            let mut it = item(Problem::Duplicate, Side::Settlement, r);
            it.other_line = Some(settle[first as usize].line);
            items.push(it);
        } else {
            settle_by_rrn.insert(r.rrn, i as u32);
        }
    }

    let mut matched = vec![false; settle.len()];
    let mut sale_by_rrn: Map<Id, u32> = Map::default();
    sale_by_rrn.reserve(sales.len());
    let mut pending: Vec<u32> = Vec::new();
    for (i, r) in sales.iter().enumerate() {
        let cancelled = (!r.rrn.is_none() && cancelled_rrn.contains_key(&r.rrn))
            || (!r.trace.is_none() && cancelled_trace.contains_key(&(r.terminal, r.trace)));
        if r.excluded || cancelled {
            totals.sales_excluded += 1;
            continue;
        }
        totals.sales.rows += 1;
        totals.sales.amount += r.amount;
        if !r.rrn.is_none() {
            if let Some(&first) = sale_by_rrn.get(&r.rrn) {
                let mut it = item(Problem::Duplicate, Side::Sales, r);
                it.other_line = Some(sales[first as usize].line);
                items.push(it);
                continue;
            }
            sale_by_rrn.insert(r.rrn, i as u32);
            if let Some(&j) = settle_by_rrn.get(&r.rrn)
                && !matched[j as usize]
            {
                matched[j as usize] = true;
                compare(r, &settle[j as usize], opts, &mut totals, &mut items);
                continue;
            }
        }
        pending.push(i as u32);
    }

    // Fallback: terminal + trace + date + amount, for rows without an RRN or with one the
    // other side wrote differently.
    if !pending.is_empty() {
        let mut by_key: Map<(Id, Id, u32), u32> = Map::default();
        let mut next: Vec<u32> = vec![u32::MAX; settle.len()];
        for (j, r) in settle.iter().enumerate() {
            if matched[j] || r.terminal.is_none() || r.trace.is_none() {
                continue;
            }
            let key = (r.terminal, r.trace, r.date);
            if let Some(prev) = by_key.insert(key, j as u32) {
                next[j] = prev;
            }
        }
        for &i in &pending {
            let r = &sales[i as usize];
            let mut found = None;
            if !r.terminal.is_none() && !r.trace.is_none() {
                let mut cur = by_key
                    .get(&(r.terminal, r.trace, r.date))
                    .copied()
                    .unwrap_or(u32::MAX);
                // The amount is part of the key: without an RRN to tie them, a sale and a
                // settlement row of different amounts are two different transactions.
                while cur != u32::MAX {
                    if !matched[cur as usize] && settle[cur as usize].amount == r.amount {
                        found = Some(cur);
                        break;
                    }
                    cur = next[cur as usize];
                }
            }
            match found {
                Some(j) => {
                    matched[j as usize] = true;
                    totals.matched_by_fallback += 1;
                    compare(r, &settle[j as usize], opts, &mut totals, &mut items);
                }
                None => {
                    totals.not_credited.rows += 1;
                    totals.not_credited.amount += r.amount;
                    items.push(item(Problem::NotCredited, Side::Sales, r));
                }
            }
        }
    }

    let duplicate_lines: Map<u32, ()> = items
        .iter()
        .filter(|i| i.problem == Problem::Duplicate && i.side == Side::Settlement)
        .map(|i| (i.line, ()))
        .collect();
    for (j, r) in settle.iter().enumerate() {
        if !matched[j] && !duplicate_lines.contains_key(&r.line) {
            totals.not_sold.rows += 1;
            totals.not_sold.amount += r.amount;
            items.push(item(Problem::NotSold, Side::Settlement, r));
        }
    }
    totals.amount_mismatch = count(&items, Problem::AmountMismatch);
    totals.fee_mismatch = count(&items, Problem::FeeMismatch);
    totals.duplicate = count(&items, Problem::Duplicate);
    items.sort_by_key(|i| (i.problem, i.side == Side::Settlement, i.line));
    Reconciliation { totals, items }
}

fn count(items: &[Item], p: Problem) -> u64 {
    items.iter().filter(|i| i.problem == p).count() as u64
}

fn compare(sale: &Rec, st: &Rec, opts: &Options, totals: &mut Totals, items: &mut Vec<Item>) {
    totals.matched.rows += 1;
    totals.matched.amount += sale.amount;
    if sale.amount != st.amount {
        let mut it = item(Problem::AmountMismatch, Side::Sales, sale);
        it.other_line = Some(st.line);
        it.other_amount = Some(st.amount);
        items.push(it);
        return;
    }
    let expected = opts
        .fee_rate
        .map(|rate| (st.amount as f64 * rate / 100.0).round() as i64);
    let fee_wrong = match (st.fee, st.net, expected) {
        (Some(fee), _, Some(exp)) if (fee - exp).abs() > 1 => true,
        (Some(fee), Some(net), _) if net != st.amount - fee => true,
        _ => false,
    };
    if fee_wrong {
        let mut it = item(Problem::FeeMismatch, Side::Settlement, st);
        it.other_line = Some(sale.line);
        it.other_amount = st.net;
        it.expected_fee = expected;
        items.push(it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(sales: &str, settle: &str) -> Reconciliation {
        reconcile(
            (sales.as_bytes(), "sales.csv"),
            (settle.as_bytes(), "settle.csv"),
            &Options::default(),
        )
        .unwrap()
    }

    #[test]
    fn ids_pack_and_unpack() {
        assert_eq!(
            Id::pack(b"000000000007").text().as_deref(),
            Some("000000000007")
        );
        assert!(Id::pack(b"").is_none());
        let long = Id::pack(b"12345678901234567890");
        assert_eq!(long.text(), None);
        assert_ne!(long, Id::pack(b"12345678901234567891"));
    }

    #[test]
    fn matches_by_rrn_then_by_trace() {
        let sales = "rrn,terminal_id,trace,date,amount\n\
            000000000001,T1,000001,2026-11-23,10.00\n\
            000000000002,T1,000002,2026-11-23,20.00\n\
            ,T1,000003,2026-11-23,30.00\n\
            000000000004,T1,000004,2026-11-23,40.00\n";
        let settle = "rrn,terminal_id,trace,date,amount,fee,net\n\
            000000000001,T1,000001,2026-11-23,10.00,0.06,9.94\n\
            X00000000003,T1,000003,2026-11-23,30.00,0.18,29.82\n\
            000000000004,T1,000004,2026-11-23,41.00,0.25,40.75\n\
            000000000009,T1,000009,2026-11-23,9.00,0.05,8.95\n";
        let r = run(sales, settle);
        assert_eq!(r.totals.matched.rows, 3);
        assert_eq!(r.totals.matched_by_fallback, 1);
        assert_eq!(r.count(Problem::NotCredited), 1);
        assert_eq!(r.items[0].rrn.as_deref(), Some("000000000002"));
        assert_eq!(r.count(Problem::AmountMismatch), 1);
        assert_eq!(r.count(Problem::NotSold), 1);
        assert_eq!(r.totals.not_credited.amount, 2000);
    }

    #[test]
    fn fees_duplicates_and_voids() {
        let sales = "参考号,终端号,凭证号,交易日期,交易金额,交易类型,原凭证号\n\
            1,T1,1,20261123,100.00,消费,\n\
            2,T1,2,20261123,100.00,消费,\n\
            2,T1,2,20261123,100.00,消费,\n\
            3,T1,3,20261123,50.00,消费,\n\
            4,T1,4,20261123,50.00,撤销,3\n";
        let settle = "参考号,交易金额,手续费,清算金额\n\
            1,100.00,0.60,99.40\n\
            2,100.00,0.60,99.00\n";
        let r = run(sales, settle);
        assert_eq!(r.totals.sales_excluded, 2);
        assert_eq!(r.count(Problem::Duplicate), 1);
        assert_eq!(r.count(Problem::FeeMismatch), 1);
        assert_eq!(r.count(Problem::NotCredited), 0);
        let r = reconcile(
            (sales.as_bytes(), "s"),
            (
                "参考号,交易金额,手续费\n1,100.00,0.70\n2,100.00,0.60\n".as_bytes(),
                "t",
            ),
            &Options {
                fee_rate: Some(0.6),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.count(Problem::FeeMismatch), 1);
        assert_eq!(r.items[0].expected_fee, Some(60));
    }
}
