//! Framing discovery (`net --iso8583 --discover`): "the port is open but every sign-in times
//! out" is, more often than not, a terminal and a host that disagree on the bytes around the
//! message, and hosts do not say so (UnionPay's test host silently drops a message with a
//! mismatched TPDU). So the sign-in is sent in every framing shape a China POS host uses
//! (2-byte binary, 2-byte BCD, 4 ASCII digits or no length header; with and without TPDU;
//! with and without application header), each on a fresh connection under its own deadline,
//! a few at a time and all within the run's deadline, and the shapes whose answer decodes and
//! belongs to the request (answer MTI, STAN and terminal ID checked as a terminal checks
//! them, by `iso::Probe`) are reported.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::Serialize;

use super::iso::{Failure, Probe};
use super::{Options, Target, mismatched, nii};
use crate::decode::LengthHeader;
use crate::finding::{Finding, Status, Text};
use crate::i18n::Msg;
use crate::iso8583::Tpdu;
use crate::iso8583::wire::Wire;
use crate::taxonomy::{Category, Cause};

/// Connections open at once: enough to finish in a quarter of the tries' time, few enough
/// that a host limiting connections per terminal is not flooded.
pub const AT_ONCE: usize = 4;

/// The TPDU sent when the profile has none: ID 60, destination NII 0003, source 0000.
const DEFAULT_TPDU: Tpdu = Tpdu {
    id: 0x60,
    destination: 0x0003,
    source: 0x0000,
};

/// The application header sent when the profile has none (UnionPay's 6-byte header).
const DEFAULT_HEADER: [u8; 6] = [0x60, 0x31, 0x00, 0x00, 0x00, 0x00];

/// One framing shape tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub length: LengthHeader,
    pub tpdu: bool,
    pub header: bool,
}

impl Candidate {
    /// The shape a profile's probe sends (`net --iso8583` without `--discover`).
    pub fn of(probe: &Probe) -> Candidate {
        Candidate {
            length: LengthHeader::Binary2,
            tpdu: probe.tpdu.is_some(),
            header: !probe.header.is_empty(),
        }
    }

    /// In words, for a finding: "2-byte BCD length, TPDU, no application header".
    pub fn describe(self) -> Text {
        let length = match self.length {
            LengthHeader::Binary2 => Msg::NetFramingBinary2,
            LengthHeader::Bcd2 => Msg::NetFramingBcd2,
            LengthHeader::Ascii4 => Msg::NetFramingAscii4,
            LengthHeader::None => Msg::NetFramingNone,
        };
        let tpdu = if self.tpdu {
            Msg::NetFramingTpdu
        } else {
            Msg::NetFramingNoTpdu
        };
        let header = if self.header {
            Msg::NetFramingHeader
        } else {
            Msg::NetFramingNoHeader
        };
        Text::List(vec![length.into(), tpdu.into(), header.into()])
    }
}

/// Every shape, the profile's own first, then by length header as hosts use them.
pub fn candidates(first: Candidate) -> Vec<Candidate> {
    let mut all = vec![first];
    for length in LengthHeader::ALL {
        for tpdu in [true, false] {
            for header in [true, false] {
                let c = Candidate {
                    length,
                    tpdu,
                    header,
                };
                if c != first {
                    all.push(c);
                }
            }
        }
    }
    all
}

/// What one shape got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    #[serde(flatten)]
    pub candidate: Candidate,
    /// `answered` (decodes and belongs to the request), `dropped` (decodes, but a terminal
    /// drops it: MTI, STAN or terminal ID not matching), `nii` (decodes, TPDU not answering
    /// ours), `no-answer`, `closed`, `framing`, `garbage`, `connect` or `request`.
    pub result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_ms: Option<f64>,
    /// The answer's response code (field 39).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip)]
    pub failure: Option<Failure>,
}

impl Attempt {
    /// The host understood this shape: what came back decodes.
    pub fn decodes(&self) -> bool {
        matches!(self.result, "answered" | "dropped" | "nii")
    }
}

/// Tries every shape against `addr`, at most [`AT_ONCE`] connections at a time; each try has
/// an equal share of `budget`, and all of them end within it.
pub async fn attempts(
    probe: &Probe,
    addr: SocketAddr,
    interface: Option<&str>,
    budget: Duration,
) -> Vec<Attempt> {
    let start = Instant::now();
    let end = start + budget;
    let list = candidates(Candidate::of(probe));
    let waves = list.len().div_ceil(AT_ONCE).max(1) as u32;
    let share = budget / waves;
    // What a terminal configured with the TPDU and header would send; the profile's when it
    // has them.
    let mut full = probe.clone();
    full.tpdu = Some(probe.tpdu.unwrap_or(DEFAULT_TPDU));
    if full.header.is_empty() {
        full.header = DEFAULT_HEADER.to_vec();
    }
    let stan = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        % 1_000_000) as u32;
    let full = &full;
    futures_util::stream::iter(list.into_iter().enumerate())
        .map(|(i, c)| async move {
            let wire = Wire {
                length: c.length,
                tpdu: c.tpdu,
                header_len: if c.header { full.header.len() } else { 0 },
            };
            let deadline = (Instant::now() + share).min(end);
            let message = full.sign_in(stan + i as u32);
            let got = full
                .exchange_framed(&message, wire, addr, interface, deadline)
                .await;
            attempt(c, got)
        })
        .buffered(AT_ONCE)
        .collect()
        .await
}

fn attempt(candidate: Candidate, got: Result<super::iso::Answer, Failure>) -> Attempt {
    let (result, rtt_ms, code) = match &got {
        Ok(a) => ("answered", Some(a.rtt_ms), Some(a.code.clone())),
        Err(f) => (
            match f {
                Failure::Mismatch { .. } => "dropped",
                Failure::Nii { .. } => "nii",
                Failure::NoAnswer => "no-answer",
                Failure::Closed => "closed",
                Failure::Framing(_) => "framing",
                Failure::Garbage(_) => "garbage",
                Failure::Connect(_) => "connect",
                Failure::Request(_) => "request",
            },
            None,
            None,
        ),
    };
    Attempt {
        candidate,
        result,
        rtt_ms,
        code,
        failure: got.err(),
    }
}

/// The finding for what the tries got: the shape the host answers (ok when it is the
/// profile's, a warning when it is another), or why none got a usable answer.
pub fn finding(target: &str, profile: Candidate, attempts: &[Attempt]) -> Finding {
    let f = |status, text: Text| {
        Finding::new("net.iso8583.discover", status, text)
            .target(target.to_string())
            .metric("tried", attempts.len())
            .metric("profile_framing", json(profile))
    };
    let with_attempts = |f: Finding| {
        f.metric(
            "attempts",
            serde_json::to_value(attempts).unwrap_or(serde_json::Value::Null),
        )
    };
    let answered: Vec<&Attempt> = attempts.iter().filter(|a| a.result == "answered").collect();
    let best = answered
        .iter()
        .find(|a| a.candidate == profile)
        .or(answered.first());
    if let Some(best) = best {
        let framing = best.candidate.describe();
        let ms = format!("{:.0}", best.rtt_ms.unwrap_or(0.0));
        let code = best.code.clone().unwrap_or_default();
        let finding = if best.candidate == profile {
            f(
                Status::Ok,
                Text::msg(Msg::NetIsoDiscoverOk)
                    .with("framing", framing)
                    .arg("code", &code)
                    .arg("ms", ms),
            )
        } else {
            f(
                Status::Warn,
                Text::msg(Msg::NetIsoDiscoverOther)
                    .with("framing", framing)
                    .with("profile", profile.describe())
                    .arg("code", &code),
            )
            .blame(Category::NoResponse, Cause::MerchantParams)
        };
        return with_attempts(
            finding
                .metric("framing", json(best.candidate))
                .metric("answered", answered.len())
                .metric("code", code)
                .metric("rtt_ms", best.rtt_ms.unwrap_or(0.0)),
        );
    }
    // Understood, but the answer is one a terminal throws away.
    if let Some(a) = attempts.iter().find(|a| a.decodes()) {
        let framing = a.candidate.describe();
        let finding = match &a.failure {
            Some(Failure::Nii { sent, got }) => f(
                Status::Fail,
                Text::msg(Msg::NetIsoDiscoverNii)
                    .with("framing", framing)
                    .arg("sent", nii(sent.destination, sent.source))
                    .arg("got", nii(got.destination, got.source)),
            )
            .blame(Category::NoResponse, Cause::MerchantParams),
            Some(Failure::Mismatch { what, sent, got }) => f(
                Status::Fail,
                Text::msg(Msg::NetIsoDiscoverDropped)
                    .with("framing", framing)
                    .with("what", mismatched(what))
                    .arg("sent", sent)
                    .arg("got", got),
            )
            .metric("field", *what)
            .blame(Category::NoResponse, Cause::Host),
            _ => f(Status::Fail, framing),
        };
        return with_attempts(
            finding
                .metric("framing", json(a.candidate))
                .metric("answered", 0)
                .metric("error", a.result),
        );
    }
    // The sign-in could not be built (a terminal ID the layout cannot carry, say).
    if let Some(Failure::Request(d)) = attempts
        .iter()
        .all(|a| a.result == "request")
        .then(|| attempts.first().and_then(|a| a.failure.clone()))
        .flatten()
    {
        return with_attempts(
            f(Status::Fail, Text::msg(Msg::NetIsoRequest).arg("detail", d))
                .metric("answered", 0)
                .metric("error", "request")
                .blame(Category::Declined, Cause::MerchantParams),
        );
    }
    // Nothing could even be sent: the host is not there.
    if let Some(Failure::Connect(fail)) = attempts
        .iter()
        .all(|a| a.result == "connect")
        .then(|| attempts.first().and_then(|a| a.failure.clone()))
        .flatten()
    {
        // The failure's JSON name stands in the sentence too, as it always has.
        let key = fail.key();
        return with_attempts(
            f(
                Status::Fail,
                Text::msg(Msg::NetIsoConnect).arg("error", key),
            )
            .metric("answered", 0)
            .metric("error", key)
            .blame(Category::NoResponse, Cause::Network),
        );
    }
    let count = |results: &[&str]| {
        attempts
            .iter()
            .filter(|a| results.contains(&a.result))
            .count()
    };
    let outcomes: Vec<Text> = [
        (count(&["no-answer"]), Msg::NetIsoDiscoverSilent),
        (count(&["closed"]), Msg::NetIsoDiscoverClosed),
        (
            count(&["framing", "garbage", "request", "connect"]),
            Msg::NetIsoDiscoverUndecodable,
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, msg)| Text::msg(msg).arg("n", n))
    .collect();
    with_attempts(
        f(
            Status::Fail,
            Text::msg(Msg::NetIsoDiscoverNone)
                .arg("tried", attempts.len())
                .with("outcomes", Text::List(outcomes)),
        )
        .metric("answered", 0)
        .metric("error", "no-answer")
        .blame(Category::NoResponse, Cause::Host),
    )
}

fn json(c: Candidate) -> serde_json::Value {
    serde_json::to_value(c).unwrap_or(serde_json::Value::Null)
}

/// Discovery for `target`, stopped by Ctrl-C like every probe (the finding then says so).
pub async fn run(target: &Target, probe: &Probe, opts: &Options) -> Finding {
    let work = async {
        let Some(addr) = super::first_address(target, opts).await else {
            return Finding::new(
                "net.iso8583.discover",
                Status::Fail,
                Text::msg(Msg::NetIsoNoAddress).arg("host", &target.host),
            )
            .target(target.spec.clone())
            .blame(Category::NoResponse, Cause::Network);
        };
        let tries = attempts(probe, addr, opts.interface.as_deref(), opts.timeout).await;
        finding(&target.spec, Candidate::of(probe), &tries)
    };
    super::or_interrupted(target, work).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_is_tried_once_the_profiles_first() {
        let first = Candidate {
            length: LengthHeader::Binary2,
            tpdu: true,
            header: true,
        };
        let all = candidates(first);
        assert_eq!(all.len(), 16);
        assert_eq!(all[0], first);
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} twice");
        }
    }

    #[test]
    fn shapes_are_described_in_both_languages() {
        let c = Candidate {
            length: LengthHeader::Bcd2,
            tpdu: false,
            header: true,
        };
        use crate::finding::Locale;
        use crate::i18n::Lang;
        assert_eq!(
            c.describe().say(Locale::ascii(Lang::En)),
            "2-byte BCD length, no TPDU, application header"
        );
        assert!(c.describe().say(Locale::ascii(Lang::Zh)).contains('，'));
    }
}
