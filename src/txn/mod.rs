//! Transactions: what state a payment is in, from the acquirer's gateway and the local
//! journal, and what to do next in that state.

pub mod columns;
pub mod credit;
pub mod gateway;
pub mod lookup;
pub mod one_sided;

use serde::Serialize;

use crate::i18n::Msg;

/// One normalised state, whatever the source called it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Approved,
    Declined,
    /// The outcome is not known yet: no answer reached the terminal, or the host is still
    /// processing. Never charge again in this state.
    Pending,
    Reversed,
    Voided,
    Refunded,
    Settled,
    Credited,
    /// Due, and absent from the settlement of the day it was due: the money did not arrive.
    NotCredited,
    NotFound,
}

pub const STATES: &[State] = &[
    State::Approved,
    State::Declined,
    State::Pending,
    State::Reversed,
    State::Voided,
    State::Refunded,
    State::Settled,
    State::Credited,
    State::NotCredited,
    State::NotFound,
];

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Approved => "approved",
            State::Declined => "declined",
            State::Pending => "pending",
            State::Reversed => "reversed",
            State::Voided => "voided",
            State::Refunded => "refunded",
            State::Settled => "settled",
            State::Credited => "credited",
            State::NotCredited => "not-credited",
            State::NotFound => "not-found",
        }
    }

    pub fn parse_key(s: &str) -> Option<State> {
        STATES.iter().copied().find(|st| st.key() == s)
    }

    pub fn label(self) -> Msg {
        match self {
            State::Approved => Msg::TxnStateApproved,
            State::Declined => Msg::TxnStateDeclined,
            State::Pending => Msg::TxnStatePending,
            State::Reversed => Msg::TxnStateReversed,
            State::Voided => Msg::TxnStateVoided,
            State::Refunded => Msg::TxnStateRefunded,
            State::Settled => Msg::TxnStateSettled,
            State::Credited => Msg::TxnStateCredited,
            State::NotCredited => Msg::TxnStateNotCredited,
            State::NotFound => Msg::TxnStateNotFound,
        }
    }

    /// Whether the money went (or is on its way) to the merchant: the only states in which
    /// `txn status` exits 0.
    pub fn is_good(self) -> bool {
        matches!(self, State::Approved | State::Settled | State::Credited)
    }

    /// Later stages of a sale's life outrank earlier ones when two sources disagree.
    fn stage(self) -> u8 {
        match self {
            State::NotFound => 0,
            State::Pending => 1,
            State::Declined => 2,
            State::Approved => 3,
            State::Settled | State::NotCredited => 4,
            State::Credited => 5,
            State::Reversed | State::Voided | State::Refunded => 6,
        }
    }
}

/// Where a transaction record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Gateway,
    Journal,
}

/// A transaction as the tool shows it. Card numbers are masked before they get here.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Txn {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rrn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// RFC 3339 with the merchant's UTC offset, to the second (`2026-11-23T09:15:02+08:00`),
    /// whichever source gave it; a date alone (`2026-11-23`) when the source had no time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `YYYYMMDD` of the transaction in the merchant's zone, when known.
    #[serde(skip)]
    pub date: Option<u32>,
    /// `HHMMSS` of the transaction in the merchant's zone, when known (for the cut-off).
    #[serde(skip)]
    pub clock: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// The settlement state the source reports (`pending`, `settled`, `credited`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
}

/// What is known about one transaction, from each source asked.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub state: State,
    /// The merged view: gateway values first, journal values where the gateway said nothing.
    pub txn: Txn,
    pub sources: Vec<Source>,
    /// When the money is due and whether it arrived, for a sale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crediting: Option<credit::Crediting>,
    /// A sale the terminal did not show as approved while money moved (单边账).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_sided: Option<one_sided::OneSided>,
}

/// Merges what the gateway and the journal say. The gateway is the authority on the
/// authorisation (approved, declined, reversed); the journal adds what happened later
/// (settlement, crediting, a void or refund recorded by the terminal).
pub fn merge(gateway: Option<Txn>, journal: Option<Txn>) -> Outcome {
    let mut sources = Vec::new();
    let state_of = |t: &Option<Txn>| t.as_ref().and_then(|t| t.state);
    let g = state_of(&gateway);
    let j = state_of(&journal);
    let state = match (g, j) {
        (Some(g), Some(j)) if j.stage() > g.stage() && g != State::Declined => j,
        (Some(g), _) => g,
        (None, Some(j)) => j,
        (None, None) => State::NotFound,
    };
    let mut txn = Txn::default();
    for (src, t) in [(Source::Gateway, gateway), (Source::Journal, journal)] {
        let Some(t) = t else { continue };
        sources.push(src);
        macro_rules! fill {
            ($($f:ident),*) => { $( if txn.$f.is_none() { txn.$f = t.$f.clone(); } )* };
        }
        fill!(
            code,
            rrn,
            trace,
            terminal_id,
            merchant_id,
            order_id,
            amount,
            time,
            date,
            clock,
            card,
            settlement
        );
    }
    txn.state = Some(state);
    Outcome {
        state,
        txn,
        sources,
        crediting: None,
        one_sided: None,
    }
}

/// What to do next, in order. `today` is `YYYYMMDD` in the terminal's time zone.
pub fn next_steps(outcome: &Outcome, today: u32) -> Vec<Msg> {
    let same_day = outcome.txn.date.is_some_and(|d| d == today);
    match outcome.state {
        State::Approved => {
            let mut v = vec![Msg::TxnStepApprovedNoRecharge];
            if same_day || outcome.txn.date.is_none() {
                v.push(Msg::TxnStepVoidToday);
            } else {
                v.push(Msg::TxnStepRefundAfterSettlement);
            }
            v.push(Msg::TxnStepCrediting);
            v
        }
        State::Declined => vec![Msg::TxnStepDeclined, Msg::TxnStepOtherPayment],
        State::Pending => vec![
            Msg::TxnStepPendingNoRecharge,
            Msg::TxnStepPendingQuery,
            Msg::TxnStepPendingReversal,
            Msg::TxnStepContact,
        ],
        State::Reversed => vec![Msg::TxnStepReversed],
        State::Voided => vec![Msg::TxnStepVoided],
        State::Refunded => vec![Msg::TxnStepRefunded],
        State::Settled => vec![Msg::TxnStepSettled, Msg::TxnStepReconcile],
        State::Credited => vec![Msg::TxnStepCredited],
        // What to do depends on the settlement checked: the crediting's own steps say it.
        State::NotCredited => Vec::new(),
        State::NotFound => vec![
            Msg::TxnStepNotFoundCheck,
            Msg::TxnStepPendingNoRecharge,
            Msg::TxnStepContact,
        ],
    }
}

/// Whether the acquirer should be contacted, so a ticket summary is worth printing.
pub fn needs_ticket(state: State) -> bool {
    matches!(
        state,
        State::Pending | State::NotFound | State::Settled | State::NotCredited
    )
}

/// The system's UTC offset, read once while the process has a single thread: the `time`
/// crate will not read it later (another thread could change the environment under it).
fn local_offset() -> time::UtcOffset {
    static OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC))
}

/// Reads the local offset; `main` calls it first thing, before any thread starts.
pub fn init_local_offset() {
    local_offset();
}

/// The merchant's local date and time: China's terminals and settlement files speak
/// Beijing time, so the system's offset is used when it could be read and UTC otherwise.
pub fn now_local() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc().to_offset(local_offset())
}

/// `t` as stored in the database: RFC 3339 to the second, with its offset.
pub fn timestamp(t: time::OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The merchant's UTC offset: the system's (`TZ`), read once at start.
pub fn merchant_offset() -> time::UtcOffset {
    local_offset()
}

/// A local date and time (`YYYYMMDD`, `HHMMSS`) as RFC 3339 with `offset`.
pub fn rfc3339(date: u32, clock: u32, offset: time::UtcOffset) -> Option<String> {
    let d = time::Date::from_calendar_date(
        (date / 10000) as i32,
        time::Month::try_from((date / 100 % 100) as u8).ok()?,
        (date % 100) as u8,
    )
    .ok()?;
    let t = time::Time::from_hms(
        (clock / 10000) as u8,
        (clock / 100 % 100) as u8,
        (clock % 100).min(59) as u8,
    )
    .ok()?;
    Some(timestamp(
        time::PrimitiveDateTime::new(d, t).assume_offset(offset),
    ))
}

/// A time as a source wrote it, in the merchant's zone: RFC 3339 to the second, its date
/// (`YYYYMMDD`) and time of day (`HHMMSS`). A time with an offset (`…Z`, `…+08:00`, with or
/// without fractions of a second) is converted; one without is taken as the merchant's
/// local time, as terminals and settlement files write it.
pub fn normalize_time(raw: &str, offset: time::UtcOffset) -> Option<(String, u32, u32)> {
    let raw = raw.trim();
    if let Ok(t) = time::OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
    {
        let t = t.to_offset(offset);
        let clock =
            u32::from(t.hour()) * 10000 + u32::from(t.minute()) * 100 + u32::from(t.second());
        return Some((timestamp(t), ymd(t), clock));
    }
    let (date, clock) = columns::parse_time(raw)?;
    let date = date?;
    Some((rfc3339(date, clock, offset)?, date, clock))
}

/// An RFC 3339 time as the merchant reads it: `2026-11-23 09:15:02` in the merchant's zone.
/// Anything else is shown as it is.
pub fn local_text(rfc: &str, offset: time::UtcOffset) -> String {
    match time::OffsetDateTime::parse(rfc, &time::format_description::well_known::Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(offset);
            format!(
                "{} {:02}:{:02}:{:02}",
                columns::show_date(ymd(t)),
                t.hour(),
                t.minute(),
                t.second()
            )
        }
        Err(_) => rfc.to_string(),
    }
}

/// `YYYYMMDD` of `t`.
pub fn ymd(t: time::OffsetDateTime) -> u32 {
    t.year() as u32 * 10000 + u32::from(u8::from(t.month())) * 100 + u32::from(t.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(state: State) -> Option<Txn> {
        Some(Txn {
            state: Some(state),
            ..Default::default()
        })
    }

    #[test]
    fn merging_sources() {
        assert_eq!(merge(None, None).state, State::NotFound);
        assert_eq!(merge(t(State::Approved), None).state, State::Approved);
        assert_eq!(
            merge(t(State::Approved), t(State::Credited)).state,
            State::Credited
        );
        // The gateway's decline is not overruled by a terminal that thought it approved.
        assert_eq!(
            merge(t(State::Declined), t(State::Approved)).state,
            State::Declined
        );
        assert_eq!(
            merge(t(State::Approved), t(State::Voided)).state,
            State::Voided
        );
        assert_eq!(merge(None, t(State::Pending)).state, State::Pending);
        assert_eq!(
            merge(t(State::Credited), t(State::Approved)).state,
            State::Credited
        );
    }

    #[test]
    fn void_only_on_the_same_day() {
        let mut o = merge(t(State::Approved), None);
        o.txn.date = Some(20261123);
        assert!(next_steps(&o, 20261123).contains(&Msg::TxnStepVoidToday));
        assert!(next_steps(&o, 20261124).contains(&Msg::TxnStepRefundAfterSettlement));
        let o = merge(t(State::Pending), None);
        assert_eq!(next_steps(&o, 0)[0], Msg::TxnStepPendingNoRecharge);
    }

    #[test]
    fn times_become_one_representation() {
        let cst = time::UtcOffset::from_hms(8, 0, 0).unwrap();
        let (t, d, c) = normalize_time("2026-11-23T11:12:14.201922907Z", cst).unwrap();
        assert_eq!(t, "2026-11-23T19:12:14+08:00");
        assert_eq!((d, c), (20261123, 191214));
        let (t, _, _) = normalize_time("2026-11-23 09:15:02", cst).unwrap();
        assert_eq!(t, "2026-11-23T09:15:02+08:00");
        // Late in the evening in UTC is the next morning in Beijing: the date follows the zone.
        let (_, d, _) = normalize_time("2026-11-23T20:00:00Z", cst).unwrap();
        assert_eq!(d, 20261124);
        assert_eq!(
            local_text("2026-11-23T11:12:14Z", cst),
            "2026-11-23 19:12:14"
        );
        assert_eq!(normalize_time("yesterday", cst), None);
    }

    #[test]
    fn state_keys_round_trip() {
        for s in STATES {
            assert_eq!(State::parse_key(s.key()), Some(*s));
        }
    }
}
