//! Reconciliation: what the terminal sold against what the acquirer settled. Sales are
//! matched to settlement rows by RRN, then by terminal + trace + date + amount; what is left is the
//! 收款到账失败 list (sold, never credited) and its mirror (credited, never sold), beside
//! amount and fee mismatches and duplicates.
//!
//! Built for files of millions of rows within a fixed memory budget. Both files are read at
//! once on two threads through the one tabular reader (any encoding, delimiter or workbook)
//! and the one row parser the journal import uses. What is kept of a row is only what the
//! matcher needs, in fixed-size records: identifiers packed into integers (no string per
//! cell), terminals interned into small numbers, absent amounts as a sentinel, and rows
//! that can never be credited (voids, refunds, reversals, declined) not kept at all, only
//! counted, with the sales they cancel noted. The settlement rows are found by RRN through a
//! table of row numbers that compares keys in the rows themselves, four bytes a row, built on
//! the settlement file's thread while the sales file is still being read; the sales are then
//! looked up in it on two threads, and only the pass that decides, in file order, which sale
//! takes which row runs on one.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use rustc_hash::FxBuildHasher;
use serde::Serialize;

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::txn::columns::{self, Columns, Field, TxnType};

type Map<K, V> = HashMap<K, V, FxBuildHasher>;

/// An identifier of up to 15 bytes packed into two words; longer ones are hashed (and
/// marked, so they are not shown as text). Two words, not a `u128`, so that records holding
/// it are aligned to 8 bytes and pack without padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Id([u64; 2]);

impl Id {
    const HASHED: u64 = 1 << 63;

    fn pack(b: &[u8]) -> Id {
        if b.len() <= 15 {
            let mut buf = [0u8; 16];
            buf[..b.len()].copy_from_slice(b);
            let (lo, hi) = buf.split_at(8);
            Id([
                u64::from_le_bytes(lo.try_into().unwrap_or_default()),
                u64::from_le_bytes(hi.try_into().unwrap_or_default()),
            ])
        } else {
            use std::hash::{BuildHasher, Hasher};
            let mut h = FxBuildHasher.build_hasher();
            h.write(b);
            let a = h.finish();
            h.write_u8(0xff);
            Id([h.finish(), Self::HASHED | (a >> 1)])
        }
    }

    pub fn is_none(self) -> bool {
        self.0 == [0, 0]
    }

    fn hash(self) -> u64 {
        use std::hash::BuildHasher;
        FxBuildHasher.hash_one(self.0)
    }

    /// The identifier as text, or `None` when absent or too long to have been kept.
    pub fn text(self) -> Option<String> {
        if self.is_none() || self.0[1] & Self::HASHED != 0 {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0[0].to_le_bytes());
        bytes[8..].copy_from_slice(&self.0[1].to_le_bytes());
        let end = bytes.iter().position(|b| *b == 0).unwrap_or(16);
        Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
    }
}

/// A row without a time column.
const NO_TIME: u32 = u32::MAX;
/// A fee or net amount the row does not have.
const NO_AMOUNT: i64 = i64::MIN;
/// A terminal the row does not have.
const NO_TERMINAL: u32 = u32::MAX;

/// Terminal IDs of one file as small numbers: a fleet has few terminals, a file millions of
/// rows.
#[derive(Default)]
struct Terminals {
    index: Map<Id, u32>,
    ids: Vec<Id>,
}

impl Terminals {
    fn intern(&mut self, id: Id) -> u32 {
        if id.is_none() {
            return NO_TERMINAL;
        }
        let next = self.ids.len() as u32;
        *self.index.entry(id).or_insert_with(|| {
            self.ids.push(id);
            next
        })
    }

    fn get(&self, t: u32) -> Id {
        self.ids.get(t as usize).copied().unwrap_or_default()
    }
}

/// A sale that should be credited, as the matcher needs it (56 bytes).
#[derive(Debug, Clone, Copy)]
struct Sale {
    rrn: Id,
    trace: Id,
    amount: i64,
    terminal: u32,
    date: u32,
    time: u32,
    line: u32,
}

/// A settlement row (80 bytes).
#[derive(Debug, Clone, Copy)]
struct Settled {
    rrn: Id,
    trace: Id,
    amount: i64,
    fee: i64,
    net: i64,
    terminal: u32,
    date: u32,
    time: u32,
    line: u32,
    /// The line of the sale it was matched with; 0 while unmatched.
    matched_by: u32,
    /// A second row with an RRN already seen.
    duplicate: bool,
}

impl Settled {
    fn fee(&self) -> Option<i64> {
        (self.fee != NO_AMOUNT).then_some(self.fee)
    }

    fn net(&self) -> Option<i64> {
        (self.net != NO_AMOUNT).then_some(self.net)
    }
}

/// One file, read.
struct File<T> {
    rows: Vec<T>,
    terminals: Terminals,
    /// Sales rows that are not expected to be credited.
    excluded: u64,
    /// Voids and reversals: the sale they cancel, by terminal and original trace.
    cancel_trace: Vec<(u32, Id)>,
    /// … or by RRN when they name no original trace.
    cancel_rrn: Vec<Id>,
    /// Settlement: the sum of fees.
    fees: i64,
}

/// How the two files are read and judged.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sales_map: BTreeMap<Field, String>,
    pub settlement_map: BTreeMap<Field, String>,
    /// Expected fee rate in percent (`0.6` for 0.6 %); fees off by more than one fen are
    /// reported.
    pub fee_rate: Option<f64>,
    /// `--encoding` and `--sheet`, for both files.
    pub tabular: crate::tabular::Options,
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

impl<T> Default for File<T> {
    fn default() -> Self {
        File {
            rows: Vec::new(),
            terminals: Terminals::default(),
            excluded: 0,
            cancel_trace: Vec::new(),
            cancel_rrn: Vec::new(),
            fees: 0,
        }
    }
}

/// What one row of either file is, for the matcher.
trait Keep: Sized {
    fn keep(f: &crate::tabular::txn::TxnFields<'_>, line: u32, file: &mut File<Self>);
}

impl Keep for Sale {
    fn keep(f: &crate::tabular::txn::TxnFields<'_>, line: u32, file: &mut File<Sale>) {
        let ty = f.kind.unwrap_or(TxnType::Sale);
        let code_bad = f.code.is_some_and(|c| c != "00" && c != "0");
        let declined = code_bad
            || matches!(
                f.state,
                Some(crate::txn::State::Declined | crate::txn::State::Pending)
            );
        let terminal = file.terminals.intern(id(f.terminal_id));
        if matches!(ty, TxnType::Void | TxnType::Reversal) && !declined {
            let orig = id(f.orig_trace);
            if !orig.is_none() {
                file.cancel_trace.push((terminal, orig));
            } else if f.rrn.is_some() {
                file.cancel_rrn.push(id(f.rrn));
            }
        }
        if declined || !matches!(ty, TxnType::Sale | TxnType::Other) {
            file.excluded += 1;
            return;
        }
        file.rows.push(Sale {
            rrn: id(f.rrn),
            trace: id(f.trace),
            amount: f.amount,
            terminal,
            date: f.date.unwrap_or(0),
            time: f.time.unwrap_or(NO_TIME),
            line,
        });
    }
}

impl Keep for Settled {
    fn keep(f: &crate::tabular::txn::TxnFields<'_>, line: u32, file: &mut File<Settled>) {
        file.fees += f.fee.unwrap_or(0);
        let terminal = file.terminals.intern(id(f.terminal_id));
        file.rows.push(Settled {
            rrn: id(f.rrn),
            trace: id(f.trace),
            amount: f.amount,
            fee: f.fee.unwrap_or(NO_AMOUNT),
            net: f.net.unwrap_or(NO_AMOUNT),
            terminal,
            date: f.date.unwrap_or(0),
            time: f.time.unwrap_or(NO_TIME),
            line,
            matched_by: 0,
            duplicate: false,
        });
    }
}

fn id(v: Option<&str>) -> Id {
    v.map(|v| Id::pack(v.as_bytes())).unwrap_or_default()
}

/// Reads one file through the tabular reader and the shared row parser.
fn read_file<T: Keep, R: Read + Send>(
    input: R,
    name: &str,
    map: &BTreeMap<Field, String>,
    opts: &crate::tabular::Options,
) -> Result<File<T>, Error> {
    let mut table = crate::tabular::Table::new(input, name, opts)?;
    let headers = table.headers();
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let cols = Columns::from_headers(&refs, map, name).map_err(|e| table.header_error(e))?;
    let mut file = File::<T>::default();
    let mut rec = csv::ByteRecord::new();
    // Every total is a sum over some rows of one file, and every difference compared
    // (fee against expected fee, net against amount − fee) is bounded by the same sum: so
    // when the magnitudes of one file's amounts, fees and nets add up within i64, no total
    // or difference computed from them can overflow. Checked once here, as rows are read.
    let mut magnitude: i64 = 0;
    let overflow = || Message::new(Msg::ErrorAmountOverflow).arg("file", name);
    while table.read(&mut rec)? {
        if crate::tabular::txn::is_blank(&rec) {
            continue;
        }
        let line = rec.position().map_or(0, |p| p.line());
        let f = crate::tabular::txn::parse(&cols, &rec, name, line)?;
        for v in [Some(f.amount), f.fee, f.net].into_iter().flatten() {
            magnitude = i64::try_from(v.unsigned_abs())
                .ok()
                .and_then(|v| magnitude.checked_add(v))
                .ok_or_else(overflow)?;
        }
        T::keep(&f, u32::try_from(line).unwrap_or(u32::MAX), &mut file);
    }
    Ok(file)
}

/// The settlement rows by RRN (a table of row numbers that compares keys in the rows
/// themselves), and the rows whose RRN an earlier row already had: `(row, first row)`.
struct ByRrn {
    table: hashbrown::HashTable<u32>,
    duplicates: Vec<(u32, u32)>,
}

/// Indexes the settlement rows by RRN, marking the second and later rows of an RRN as
/// duplicates. Runs on the settlement file's reading thread, while the (larger) sales file
/// is still being read.
fn index_settlement(rows: &mut [Settled]) -> ByRrn {
    let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(rows.len());
    let mut duplicates = Vec::new();
    for j in 0..rows.len() {
        let rrn = rows[j].rrn;
        if rrn.is_none() {
            continue;
        }
        let hash = rrn.hash();
        match table.find(hash, |&k| rows[k as usize].rrn == rrn).copied() {
            Some(first) => {
                duplicates.push((j as u32, first));
                rows[j].duplicate = true;
            }
            None => {
                table.insert_unique(hash, j as u32, |&k| rows[k as usize].rrn.hash());
            }
        }
    }
    ByRrn { table, duplicates }
}

/// Reconciles two tables (CSV in any encoding, or workbooks). Files are read concurrently.
pub fn reconcile<A: Read + Send, B: Read + Send>(
    sales: (A, &str),
    settlement: (B, &str),
    opts: &Options,
) -> Result<Reconciliation, Error> {
    let (s, t) = std::thread::scope(|scope| {
        let h = scope.spawn(|| {
            read_file::<Settled, _>(
                settlement.0,
                settlement.1,
                &opts.settlement_map,
                &opts.tabular,
            )
            .map(|mut file| {
                let by_rrn = index_settlement(&mut file.rows);
                (file, by_rrn)
            })
        });
        let s = read_file::<Sale, _>(sales.0, sales.1, &opts.sales_map, &opts.tabular);
        let t = h
            .join()
            .unwrap_or_else(|_| Err(Message::new(Msg::ErrorPanicThread).into()));
        (s, t)
    });
    let (t, by_rrn) = t?;
    Ok(match_records(s?, t, by_rrn, opts))
}

fn date_text(d: u32) -> Option<String> {
    (d != 0).then(|| columns::show_date(d))
}

fn time_text(t: u32) -> Option<String> {
    (t != NO_TIME).then(|| columns::show_time(t))
}

/// What both sides' rows have, for a reported item.
struct Common {
    rrn: Id,
    trace: Id,
    terminal: u32,
    date: u32,
    time: u32,
    line: u32,
    amount: i64,
}

fn item(problem: Problem, side: Side, r: Common, fee: Option<i64>, terminals: &Terminals) -> Item {
    Item {
        problem,
        side,
        line: r.line,
        rrn: r.rrn.text(),
        terminal_id: terminals.get(r.terminal).text(),
        trace: r.trace.text(),
        date: date_text(r.date),
        time: time_text(r.time),
        amount: r.amount,
        other_line: None,
        other_amount: None,
        fee,
        expected_fee: None,
    }
}

fn sale_item(problem: Problem, r: &Sale, terminals: &Terminals) -> Item {
    let Sale {
        rrn,
        trace,
        amount,
        terminal,
        date,
        time,
        line,
    } = *r;
    let common = Common {
        rrn,
        trace,
        terminal,
        date,
        time,
        line,
        amount,
    };
    item(problem, Side::Sales, common, None, terminals)
}

fn settled_item(problem: Problem, r: &Settled, terminals: &Terminals) -> Item {
    let common = Common {
        rrn: r.rrn,
        trace: r.trace,
        terminal: r.terminal,
        date: r.date,
        time: r.time,
        line: r.line,
        amount: r.amount,
    };
    item(problem, Side::Settlement, common, r.fee(), terminals)
}

fn match_records(
    sales: File<Sale>,
    mut settle: File<Settled>,
    by_rrn: ByRrn,
    opts: &Options,
) -> Reconciliation {
    let mut totals = Totals {
        sales_excluded: sales.excluded,
        settlement_fee: settle.fees,
        ..Totals::default()
    };
    let mut items = Vec::new();

    // Sales cancelled by a void or reversal in the same file are not expected to be credited.
    let cancelled_trace: Map<(u32, Id), ()> = sales.cancel_trace.iter().map(|k| (*k, ())).collect();
    let cancelled_rrn: Map<Id, ()> = sales.cancel_rrn.iter().map(|k| (*k, ())).collect();

    // Settlement rows by RRN: the table holds row numbers only.
    let rows = &mut settle.rows;
    let ByRrn {
        table: by_rrn,
        duplicates,
    } = by_rrn;
    totals.settlement.rows = rows.len() as u64;
    totals.settlement.amount = rows.iter().map(|r| r.amount).sum();
    for (j, first) in duplicates {
        let mut it = settled_item(Problem::Duplicate, &rows[j as usize], &settle.terminals);
        it.other_line = Some(rows[first as usize].line);
        items.push(it);
    }

    // Each sale's settlement row by RRN, looked up on two threads (the rows are only read),
    // with whether the pair would be reported (so that the pass below, which decides in
    // file order which sale takes a row, need not visit the row again when it is clean).
    let probe = probe_by_rrn(&sales.rows, rows, &by_rrn, opts);
    drop(by_rrn);
    // The line of the sale each settlement row was matched with; 0 while unmatched.
    let mut claimed: Vec<u32> = vec![0; rows.len()];
    let mut pending: Vec<u32> = Vec::new();
    for (i, r) in sales.rows.iter().enumerate() {
        let cancelled =
            (!cancelled_rrn.is_empty() && !r.rrn.is_none() && cancelled_rrn.contains_key(&r.rrn))
                || (!cancelled_trace.is_empty()
                    && !r.trace.is_none()
                    && cancelled_trace.contains_key(&(r.terminal, r.trace)));
        if cancelled {
            totals.sales_excluded += 1;
            continue;
        }
        totals.sales.rows += 1;
        totals.sales.amount += r.amount;
        let (j, reported) = probe[i];
        if j != NO_ROW {
            let by = &mut claimed[j as usize];
            if *by != 0 {
                // An earlier sale with this RRN took it.
                let mut it = sale_item(Problem::Duplicate, r, &sales.terminals);
                it.other_line = Some(*by);
                items.push(it);
            } else {
                *by = r.line.max(1);
                if reported {
                    compare(
                        (r, &sales.terminals),
                        (&rows[j as usize], &settle.terminals),
                        opts,
                        &mut totals,
                        &mut items,
                    );
                } else {
                    totals.matched.rows += 1;
                    totals.matched.amount += r.amount;
                }
            }
            continue;
        }
        pending.push(i as u32);
    }
    drop(probe);
    for (st, by) in rows.iter_mut().zip(claimed) {
        st.matched_by = by;
    }

    // Sales whose RRN the settlement file does not have: a second one with the same RRN is
    // a duplicate sale, not a second missing credit.
    if !pending.is_empty() {
        let mut first_by_rrn: Map<Id, u32> = Map::default();
        pending.retain(|&i| {
            let r = &sales.rows[i as usize];
            if r.rrn.is_none() {
                return true;
            }
            match first_by_rrn.get(&r.rrn) {
                Some(&first) => {
                    let mut it = sale_item(Problem::Duplicate, r, &sales.terminals);
                    it.other_line = Some(sales.rows[first as usize].line);
                    items.push(it);
                    false
                }
                None => {
                    first_by_rrn.insert(r.rrn, i);
                    true
                }
            }
        });
    }

    // Fallback: terminal + trace + date + amount, for rows without an RRN or with one the
    // other side wrote differently.
    if !pending.is_empty() {
        // The sales file's terminal numbers in the settlement file's numbering.
        let terminal_map: Vec<u32> = sales
            .terminals
            .ids
            .iter()
            .map(|id| {
                settle
                    .terminals
                    .index
                    .get(id)
                    .copied()
                    .unwrap_or(NO_TERMINAL)
            })
            .collect();
        let mut by_key: Map<(u32, Id, u32), u32> = Map::default();
        let mut next: Map<u32, u32> = Map::default();
        for (j, r) in rows.iter().enumerate() {
            if r.matched_by != 0 || r.terminal == NO_TERMINAL || r.trace.is_none() {
                continue;
            }
            if let Some(prev) = by_key.insert((r.terminal, r.trace, r.date), j as u32) {
                next.insert(j as u32, prev);
            }
        }
        for &i in &pending {
            let r = &sales.rows[i as usize];
            let terminal = terminal_map
                .get(r.terminal as usize)
                .copied()
                .unwrap_or(NO_TERMINAL);
            let mut found = None;
            if terminal != NO_TERMINAL && !r.trace.is_none() {
                let mut cur = by_key.get(&(terminal, r.trace, r.date)).copied();
                // The amount is part of the key: without an RRN to tie them, a sale and a
                // settlement row of different amounts are two different transactions.
                while let Some(j) = cur {
                    let st = &rows[j as usize];
                    if st.matched_by == 0 && st.amount == r.amount {
                        found = Some(j);
                        break;
                    }
                    cur = next.get(&j).copied();
                }
            }
            match found {
                Some(j) => {
                    let st = &mut rows[j as usize];
                    st.matched_by = r.line.max(1);
                    totals.matched_by_fallback += 1;
                    compare(
                        (r, &sales.terminals),
                        (st, &settle.terminals),
                        opts,
                        &mut totals,
                        &mut items,
                    );
                }
                None => {
                    totals.not_credited.rows += 1;
                    totals.not_credited.amount += r.amount;
                    items.push(sale_item(Problem::NotCredited, r, &sales.terminals));
                }
            }
        }
    }

    for r in rows.iter() {
        if r.matched_by == 0 && !r.duplicate {
            totals.not_sold.rows += 1;
            totals.not_sold.amount += r.amount;
            items.push(settled_item(Problem::NotSold, r, &settle.terminals));
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

/// No settlement row.
const NO_ROW: u32 = u32::MAX;

/// For every sale, the settlement row with its RRN ([`NO_ROW`] when none) and whether
/// [`compare`] would report the pair. Large files are split between two threads.
fn probe_by_rrn(
    sales: &[Sale],
    rows: &[Settled],
    by_rrn: &hashbrown::HashTable<u32>,
    opts: &Options,
) -> Vec<(u32, bool)> {
    let fill = |sales: &[Sale], out: &mut [(u32, bool)]| {
        for (r, o) in sales.iter().zip(out) {
            if r.rrn.is_none() {
                continue;
            }
            if let Some(&j) = by_rrn.find(r.rrn.hash(), |&k| rows[k as usize].rrn == r.rrn) {
                *o = (j, !agrees(r, &rows[j as usize], opts));
            }
        }
    };
    let mut out = vec![(NO_ROW, false); sales.len()];
    if sales.len() < 1 << 16 {
        fill(sales, &mut out);
    } else {
        let half = sales.len() / 2;
        let (a, b) = out.split_at_mut(half);
        std::thread::scope(|scope| {
            scope.spawn(|| fill(&sales[..half], a));
            fill(&sales[half..], b);
        });
    }
    out
}

/// The fee [`compare`] expects, at `--fee-rate`.
fn expected_fee(st: &Settled, opts: &Options) -> Option<i64> {
    opts.fee_rate
        .map(|rate| (st.amount as f64 * rate / 100.0).round() as i64)
}

/// Whether the fee or net of a settlement row is wrong.
fn fee_wrong(st: &Settled, expected: Option<i64>) -> bool {
    match (st.fee(), st.net(), expected) {
        (Some(fee), _, Some(exp)) if (fee - exp).abs() > 1 => true,
        (Some(fee), Some(net), _) if net != st.amount - fee => true,
        _ => false,
    }
}

/// Whether a sale and its settlement row agree: [`compare`] reports nothing.
fn agrees(sale: &Sale, st: &Settled, opts: &Options) -> bool {
    sale.amount == st.amount && !fee_wrong(st, expected_fee(st, opts))
}

fn compare(
    (sale, sale_terminals): (&Sale, &Terminals),
    (st, settle_terminals): (&Settled, &Terminals),
    opts: &Options,
    totals: &mut Totals,
    items: &mut Vec<Item>,
) {
    totals.matched.rows += 1;
    totals.matched.amount += sale.amount;
    if sale.amount != st.amount {
        let mut it = sale_item(Problem::AmountMismatch, sale, sale_terminals);
        it.other_line = Some(st.line);
        it.other_amount = Some(st.amount);
        items.push(it);
        return;
    }
    let expected = expected_fee(st, opts);
    if fee_wrong(st, expected) {
        let mut it = settled_item(Problem::FeeMismatch, st, settle_terminals);
        it.other_line = Some(sale.line);
        it.other_amount = st.net();
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
