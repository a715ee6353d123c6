//! Reading transaction CSV files: which column holds which field, and how amounts, dates,
//! times, transaction types and states are written in terminal exports and acquirer
//! settlement files (English or Chinese headers, yuan amounts with `¥` and thousands
//! separators, `20261123` or `2026-11-23`).
//!
//! Columns that could hold secrets (CVV, PIN, track data) are never mapped, so they are never
//! read; a card number is masked as soon as it is read.

use std::collections::BTreeMap;

use crate::error::Message;
use crate::i18n::Msg;

/// What a row of a CSV file can tell about a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Rrn,
    Trace,
    TerminalId,
    MerchantId,
    MerchantName,
    OrderId,
    Date,
    Time,
    /// Amount in yuan (`100.51`).
    Amount,
    /// Amount in fen (`10051`).
    AmountFen,
    Fee,
    FeeFen,
    /// What reaches the merchant: amount − fee.
    Net,
    NetFen,
    Type,
    Code,
    Status,
    Card,
    Batch,
    SettleDate,
    OrigTrace,
}

/// Every field with its `--map` name and the headers it is recognised by (compared after
/// lower-casing and dropping spaces, `_`, `-` and `.`).
pub const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Rrn,
        "rrn",
        &[
            "rrn",
            "reference",
            "refno",
            "referenceno",
            "retrievalreference",
            "retrievalreferencenumber",
            "参考号",
            "系统参考号",
            "检索参考号",
        ],
    ),
    (
        Field::Trace,
        "trace",
        &[
            "trace",
            "traceno",
            "stan",
            "voucher",
            "voucherno",
            "凭证号",
            "流水号",
            "终端流水号",
            "系统跟踪号",
        ],
    ),
    (
        Field::TerminalId,
        "terminal_id",
        &["terminalid", "terminal", "tid", "终端号", "终端编号"],
    ),
    (
        Field::MerchantId,
        "merchant_id",
        &["merchantid", "mid", "merchantno", "商户号", "商户编号"],
    ),
    (
        Field::MerchantName,
        "merchant_name",
        &["merchantname", "merchant", "商户名称", "商户名"],
    ),
    (
        Field::OrderId,
        "order_id",
        &[
            "orderid",
            "order",
            "orderno",
            "outtradeno",
            "订单号",
            "商户订单号",
        ],
    ),
    (
        Field::Date,
        "date",
        &["date", "txndate", "transdate", "交易日期", "日期"],
    ),
    (
        Field::Time,
        "time",
        &[
            "time",
            "txntime",
            "transtime",
            "datetime",
            "交易时间",
            "时间",
        ],
    ),
    (
        Field::Amount,
        "amount",
        &[
            "amount",
            "amt",
            "txnamount",
            "transamount",
            "交易金额",
            "金额",
        ],
    ),
    (
        Field::AmountFen,
        "amount_fen",
        &["amountfen", "amountcents", "金额分"],
    ),
    (Field::Fee, "fee", &["fee", "手续费"]),
    (Field::FeeFen, "fee_fen", &["feefen", "feecents"]),
    (
        Field::Net,
        "net",
        &[
            "net",
            "netamount",
            "settleamount",
            "settlementamount",
            "清算金额",
            "结算金额",
            "入账金额",
        ],
    ),
    (Field::NetFen, "net_fen", &["netfen", "netcents"]),
    (
        Field::Type,
        "type",
        &["type", "txntype", "transtype", "交易类型", "类型"],
    ),
    (
        Field::Code,
        "code",
        &["code", "responsecode", "rc", "应答码", "响应码", "返回码"],
    ),
    (
        Field::Status,
        "status",
        &["status", "state", "状态", "交易状态"],
    ),
    (Field::Card, "card", &["card", "pan", "cardno", "卡号"]),
    (Field::Batch, "batch", &["batch", "batchno", "批次号"]),
    (
        Field::SettleDate,
        "settle_date",
        &[
            "settledate",
            "settlementdate",
            "creditdate",
            "清算日期",
            "结算日期",
            "入账日期",
        ],
    ),
    (
        Field::OrigTrace,
        "orig_trace",
        &["origtrace", "originaltrace", "原凭证号", "原流水号"],
    ),
];

fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '_' | '-' | '.' | '(' | ')' | '\u{ff08}' | '\u{ff09}'
            )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a `--map` name stands for.
pub fn field_by_name(name: &str) -> Option<Field> {
    FIELDS
        .iter()
        .find(|(_, n, _)| *n == name.trim())
        .map(|(f, _, _)| *f)
}

/// Parses `--map FIELD=COLUMN` flags (each may hold several pairs separated by commas).
pub fn parse_map(specs: &[String]) -> Result<BTreeMap<Field, String>, Message> {
    let mut map = BTreeMap::new();
    for spec in specs.iter().flat_map(|s| s.split(',')).map(str::trim) {
        if spec.is_empty() {
            continue;
        }
        let bad = || {
            Message::new(Msg::ErrorTxnMap).arg("value", spec).arg(
                "fields",
                FIELDS
                    .iter()
                    .map(|(_, n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        let (name, column) = spec.split_once('=').ok_or_else(bad)?;
        let field = field_by_name(name).ok_or_else(bad)?;
        if column.trim().is_empty() {
            return Err(bad());
        }
        map.insert(field, column.trim().to_string());
    }
    Ok(map)
}

/// How many fields there are (the variants of [`Field`]).
const FIELD_COUNT: usize = Field::OrigTrace as usize + 1;

/// Which column holds each field of one file: an array indexed by the field, since the
/// readers look up some twenty fields in every row of million-row files.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    index: [Option<usize>; FIELD_COUNT],
}

impl Columns {
    /// Recognises the header row; `map` names columns whose headers are not recognised.
    pub fn from_headers(
        headers: &[&str],
        map: &BTreeMap<Field, String>,
        file: &str,
    ) -> Result<Columns, Message> {
        // An empty file (or one whose first line is blank) has no header to name columns from:
        // say so instead of listing no columns.
        if headers
            .iter()
            .all(|h| h.trim().trim_start_matches('\u{feff}').is_empty())
        {
            return Err(Message::new(Msg::ErrorTxnNoHeader).arg("file", file));
        }
        let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        let mut index = BTreeMap::new();
        for (field, column) in map {
            let pos = headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == column)
                .or_else(|| {
                    let n = normalise_header(column);
                    normalised.iter().position(|h| *h == n)
                })
                .ok_or_else(|| {
                    Message::new(Msg::ErrorTxnColumn)
                        .arg("file", file)
                        .arg("column", column)
                        .arg("headers", header_list(headers))
                })?;
            index.insert(*field, pos);
        }
        for (field, _, aliases) in FIELDS {
            if index.contains_key(field) {
                continue;
            }
            if let Some(pos) = normalised
                .iter()
                .position(|h| aliases.iter().any(|a| a == h))
                && !index.values().any(|p| *p == pos)
            {
                index.insert(*field, pos);
            }
        }
        let mut cols = Columns::default();
        for (field, pos) in index {
            cols.index[field as usize] = Some(pos);
        }
        let has_amount = cols.has(Field::Amount) || cols.has(Field::AmountFen);
        let has_key =
            cols.has(Field::Rrn) || (cols.has(Field::Trace) && cols.has(Field::TerminalId));
        if !has_amount || !has_key {
            let mut missing = Vec::new();
            if !has_key {
                missing.push("rrn | trace+terminal_id");
            }
            if !has_amount {
                missing.push("amount | amount_fen");
            }
            return Err(Message::new(Msg::ErrorTxnHeaders)
                .arg("file", file)
                .arg("missing", missing.join(", "))
                .arg("headers", header_list(headers)));
        }
        Ok(cols)
    }

    pub fn has(&self, f: Field) -> bool {
        self.index[f as usize].is_some()
    }

    pub fn position(&self, f: Field) -> Option<usize> {
        self.index[f as usize]
    }

    /// The trimmed value of `f` in `record`; an empty cell is no value.
    pub fn get<'r>(&self, record: &'r csv::StringRecord, f: Field) -> Option<&'r str> {
        let v = record.get(self.position(f)?)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// Like [`Columns::get`] on raw bytes: the reconciler reads without building strings.
    pub fn get_bytes<'r>(&self, record: &'r csv::ByteRecord, f: Field) -> Option<&'r [u8]> {
        let v = record.get(self.position(f)?)?.trim_ascii();
        (!v.is_empty()).then_some(v)
    }
}

/// The header as a message quotes it: never more than a short excerpt of a line.
fn header_list(headers: &[&str]) -> String {
    crate::input::excerpt(&headers.join(", "), crate::input::HEADER_CHARS)
}

/// A money amount written as yuan (`1,234.56`, `¥100`, `-5.1`) in fen. Runs once per row
/// of million-row files, so it does not allocate.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s = s
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    let mut w: i64 = 0;
    let mut digits = 0;
    for b in whole.bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                w = w.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
            }
            b',' if digits > 0 => {}
            _ => return None,
        }
    }
    if digits > 15 {
        return None;
    }
    let mut f: i64 = 0;
    for b in frac.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        f = f * 10 + i64::from(b - b'0');
    }
    if frac.len() == 1 {
        f *= 10;
    }
    let v = w.checked_mul(100)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

/// A money amount written in fen (`10051`).
pub fn parse_fen(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 17 {
        return None;
    }
    s.parse().ok()
}

/// Formats fen as yuan with two decimals.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// A date as `YYYYMMDD` in one number: `2026-11-23`, `2026/11/23`, `20261123`,
/// `2026年11月23日`, or the date part of a date-time.
pub fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    let (date, rest) = s.split_once([' ', 'T']).unwrap_or((s, ""));
    // The time of a date-time must be a time too: `2026-11-23 25:00` is no date.
    if !rest.trim().is_empty() && parse_time(rest).is_none() {
        return None;
    }
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let parts: Vec<&str> = date
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m, d) = if parts.len() == 3 {
        (
            parts[0].parse::<u32>().ok()?,
            parts[1].parse::<u32>().ok()?,
            parts[2].parse::<u32>().ok()?,
        )
    } else if digits.len() == 8 && digits.len() == date.len() {
        (
            digits[..4].parse().ok()?,
            digits[4..6].parse().ok()?,
            digits[6..].parse().ok()?,
        )
    } else {
        return None;
    };
    // A day the calendar has: no 2026-02-30, no 2026-04-31.
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    let real = time::Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?)
        .is_ok();
    ((1970..=2100).contains(&y) && real).then(|| y * 10000 + m * 100 + d)
}

/// `YYYYMMDD` as `YYYY-MM-DD`.
pub fn show_date(d: u32) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

/// A time of day as `HHMMSS` in one number, and the date when the cell holds a date-time
/// (`2026-11-23 14:05:09`, `2026-11-23T14:05:09Z`, `140509`, `14:05`).
pub fn parse_time(s: &str) -> Option<(Option<u32>, u32)> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (Some(parse_date(d)?), t),
        None => (None, s),
    };
    let time = time.trim_end_matches('Z');
    let time = time.split(['+', '.']).next().unwrap_or(time);
    let parts: Vec<&str> = time.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (h.parse().ok()?, m.parse().ok()?, 0),
        [h, m, s] => (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?),
        [t] if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) => (
            t[..2].parse().ok()?,
            t[2..4].parse().ok()?,
            t[4..].parse().ok()?,
        ),
        _ => return None,
    };
    let (h, m, sec): (u32, u32, u32) = (h, m, sec);
    (h < 24 && m < 60 && sec < 61).then(|| (date, h * 10000 + m * 100 + sec))
}

/// A date or a date-time given for `field` (`--at`, `--from`): the date as `YYYYMMDD` and
/// the time as `HHMMSS` (midnight for a date alone).
pub fn parse_when(field: &str, v: &str) -> Result<(u32, u32), crate::error::Error> {
    parse_time(v)
        .and_then(|(d, t)| Some((d?, t)))
        .or_else(|| parse_date(v).map(|d| (d, 0)))
        .ok_or_else(|| crate::error::Error::bad_value(field, v, Msg::RuleDateTime))
}

/// `HHMMSS` as `HH:MM:SS`.
pub fn show_time(t: u32) -> String {
    format!("{:02}:{:02}:{:02}", t / 10000, t / 100 % 100, t % 100)
}

/// What kind of transaction a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TxnType {
    Sale,
    Void,
    Refund,
    Reversal,
    Other,
}

impl TxnType {
    pub fn parse(s: &str) -> TxnType {
        let l = s.trim().to_lowercase();
        match l.as_str() {
            "sale" | "purchase" | "consume" | "消费" | "0200" | "pay" | "payment" | "支付" => {
                TxnType::Sale
            }
            "void" | "撤销" | "消费撤销" | "cancel" => TxnType::Void,
            "refund" | "退货" | "退款" | "return" => TxnType::Refund,
            "reversal" | "冲正" | "0400" => TxnType::Reversal,
            _ => TxnType::Other,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TxnType::Sale => "sale",
            TxnType::Void => "void",
            TxnType::Refund => "refund",
            TxnType::Reversal => "reversal",
            TxnType::Other => "other",
        }
    }
}

/// A transaction state word as merchants' and acquirers' files write it, in our terms.
pub fn parse_status(s: &str) -> Option<super::State> {
    use super::State;
    let l = s.trim().to_lowercase();
    Some(match l.as_str() {
        "approved" | "success" | "succeeded" | "ok" | "成功" | "交易成功" | "已批准" => {
            State::Approved
        }
        "declined" | "failed" | "fail" | "rejected" | "失败" | "交易失败" | "拒绝" => {
            State::Declined
        }
        "pending" | "unknown" | "timeout" | "processing" | "处理中" | "超时" | "未知" => {
            State::Pending
        }
        "reversed" | "已冲正" => State::Reversed,
        "voided" | "已撤销" => State::Voided,
        "refunded" | "已退货" | "已退款" => State::Refunded,
        "settled" | "已清算" | "已结算" => State::Settled,
        "credited" | "已入账" | "已到账" => State::Credited,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_yuan("100.51"), Some(10051));
        assert_eq!(parse_yuan("¥1,234.5"), Some(123450));
        assert_eq!(parse_yuan("12元"), Some(1200));
        assert_eq!(parse_yuan("-0.05"), Some(-5));
        assert_eq!(parse_yuan(".5"), Some(50));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
        assert_eq!(yuan(10051), "100.51");
        assert_eq!(yuan(-5), "-0.05");
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(parse_date("2026-11-23"), Some(20261123));
        assert_eq!(parse_date("2026/1/3"), Some(20260103));
        assert_eq!(parse_date("20261123"), Some(20261123));
        assert_eq!(parse_date("2026年11月23日"), Some(20261123));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-04-31"), None);
        assert_eq!(parse_date("2028-02-29"), Some(20280229));
        assert_eq!(parse_date("20260230"), None);
        assert_eq!(parse_date("2026-11-23 25:00"), None);
        assert_eq!(parse_date("2026-11-23 14:05"), Some(20261123));
        assert_eq!(parse_time("2026-02-30 14:05"), None);
        assert_eq!(parse_time("14:60"), None);
        assert_eq!(parse_date("1123"), None);
        assert_eq!(parse_time("14:05:09"), Some((None, 140509)));
        assert_eq!(parse_time("140509"), Some((None, 140509)));
        assert_eq!(
            parse_time("2026-11-23 14:05"),
            Some((Some(20261123), 140500))
        );
        assert_eq!(
            parse_time("2026-11-23T14:05:09Z"),
            Some((Some(20261123), 140509))
        );
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(show_date(20261123), "2026-11-23");
        assert_eq!(show_time(140509), "14:05:09");
    }

    #[test]
    fn headers_in_either_language() {
        let h = [
            "交易日期",
            "终端号",
            "参考号",
            "交易金额",
            "手续费",
            "商户名称",
            "CVV",
        ];
        let c = Columns::from_headers(&h, &BTreeMap::new(), "f.csv").unwrap();
        assert_eq!(c.position(Field::Rrn), Some(2));
        assert_eq!(c.position(Field::Fee), Some(4));
        assert_eq!(c.position(Field::MerchantName), Some(5));
        let h = ["Ref No", "Terminal_ID", "AMOUNT"];
        let c = Columns::from_headers(&h, &BTreeMap::new(), "f.csv").unwrap();
        assert_eq!(c.position(Field::Rrn), Some(0));
        let err = Columns::from_headers(&["x", "y"], &BTreeMap::new(), "f.csv").unwrap_err();
        assert!(err.render(crate::i18n::Lang::En).contains("f.csv"));
        let map = parse_map(&["rrn=编号,amount=钱".into()]).unwrap();
        let c = Columns::from_headers(&["编号", "钱"], &map, "f.csv").unwrap();
        assert_eq!(c.position(Field::Amount), Some(1));
        assert!(parse_map(&["pin=x".into()]).is_err());
    }
}
