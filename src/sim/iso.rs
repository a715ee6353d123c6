//! The simulated acquirer's ISO 8583 host.
//!
//! Test rules (documented in README): 0800 sign-in/echo → 0810 with 00; 0200 sale → 0210
//! whose response code is the last two digits of the amount when they are 05, 51, 55 or 61
//! (so 100.51 is declined for insufficient funds), else 00; 0400 reversal → 0410 with 00.
//! Injected faults override the rules; `wrong-stan` and `wrong-terminal` answer with field 11
//! or 41 not echoed, as a misconfigured or confused host does. The framing is the layout's
//! unless `length=`, `no-tpdu` or `no-header` say otherwise; a message framed differently is
//! dropped without an answer (and with `drop-close` the connection closed).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::Faults;
use super::gateway::{Ledger, Txn};
use crate::iso8583::wire::{ReadError, tpdu_id_ok};
use crate::iso8583::{Layout, Message};

/// Frames larger than this are not POS messages; the host drops the connection.
const MAX_FRAME: usize = 8192;

/// Serves until the listener's task is dropped (the caller owns the runtime).
pub async fn serve(
    listener: TcpListener,
    layout: &'static Layout,
    faults: Arc<Faults>,
    ledger: Arc<Ledger>,
) {
    let rrn = Arc::new(AtomicU32::new(1));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let faults = faults.clone();
        let rrn = rrn.clone();
        let ledger = ledger.clone();
        tokio::spawn(async move {
            let _ = connection(stream, layout, &faults, &rrn, &ledger).await;
        });
    }
}

/// The requests the host answers; any other MTI is a message it does not understand.
const REQUESTS: [&str; 4] = ["0800", "0820", "0200", "0400"];

async fn connection(
    mut stream: TcpStream,
    layout: &Layout,
    faults: &Faults,
    rrn: &AtomicU32,
    ledger: &Ledger,
) -> std::io::Result<()> {
    let wire = faults.wire(layout);
    loop {
        let inner = match wire.read(&mut stream, layout, MAX_FRAME, None).await {
            Ok(inner) => inner,
            Err(ReadError::Closed | ReadError::Cut(_)) => return Ok(()),
            // A length header of another kind, or bytes that never make up a message.
            Err(_) => return drop_message(stream, faults).await,
        };
        if faults.blackhole {
            // Keep the connection open and say nothing, until the client gives up.
            let mut sink = [0u8; 256];
            while stream.read(&mut sink).await? > 0 {}
            return Ok(());
        }
        if faults.reset {
            stream.set_zero_linger()?;
            return Ok(());
        }
        if let Some(d) = faults.slow {
            tokio::time::sleep(d).await;
        }
        if faults.garbage {
            stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n")
                .await?;
            return Ok(());
        }
        if faults.oversize {
            stream.write_all(&[0xFF, 0xFF, 0x60, 0x00]).await?;
            return Ok(());
        }
        // A TPDU that is not one, a header where the message should start, or a message of
        // another layout: the framing does not match, and the host does not say so.
        let understood = wire
            .split(&inner)
            .ok()
            .filter(|f| f.tpdu.is_none_or(|t| tpdu_id_ok(t.id)))
            .and_then(|f| {
                let m = layout.decode(&f.body).ok()?;
                REQUESTS.contains(&m.mti.as_str()).then_some((f, m))
            });
        let Some((frame, request)) = understood else {
            return drop_message(stream, faults).await;
        };
        let response = answer(&request, faults, rrn);
        if matches!(request.mti.as_str(), "0200" | "0400") {
            ledger.record(record(&request, &response));
        }
        let tpdu = frame
            .tpdu
            .map(|t| if faults.wrong_nii { t } else { t.reversed() });
        let Ok(body) = layout.encode(&response) else {
            return Ok(());
        };
        let Ok(bytes) = wire.wrap(tpdu, &frame.header, &body) else {
            return Ok(());
        };
        stream.write_all(&bytes).await?;
    }
}

/// A message the host cannot take: closed at once with `drop-close`, else the connection
/// is kept open and everything that comes is read and ignored until the client gives up.
async fn drop_message(mut stream: TcpStream, faults: &Faults) -> std::io::Result<()> {
    if faults.drop_close {
        return Ok(());
    }
    let mut sink = [0u8; 256];
    while stream.read(&mut sink).await? > 0 {}
    Ok(())
}

/// The response a host following the documented test rules gives.
pub fn answer(request: &Message, faults: &Faults, rrn: &AtomicU32) -> Message {
    let mti = match request.mti.as_str() {
        "0800" => "0810",
        "0820" => "0830",
        "0200" => "0210",
        "0400" => "0410",
        _ => "0810",
    };
    let mut code = "00".to_string();
    if request.mti == "0200" {
        let amount = request.text(4).unwrap_or("0");
        let cents = &amount[amount.len().saturating_sub(2)..];
        if ["05", "51", "55", "61"].contains(&cents) {
            code = cents.to_string();
        }
        if faults.insufficient_funds {
            code = "51".into();
        }
    }
    if faults.mac_error {
        code = "A0".into();
    }
    if faults.not_signed_in {
        code = "77".into();
    }
    if faults.maintenance {
        code = "96".into();
    }
    let now = time::OffsetDateTime::now_utc();
    let mut m = Message::new(mti);
    for f in [2u8, 3, 4, 11, 25, 41, 42, 49, 60] {
        if let Some(v) = request.fields.get(&f) {
            m.fields.insert(f, v.clone());
        }
    }
    let n = rrn.fetch_add(1, Ordering::Relaxed);
    m = m
        .with(
            12,
            format!("{:02}{:02}{:02}", now.hour(), now.minute(), now.second()),
        )
        .with(13, format!("{:02}{:02}", u8::from(now.month()), now.day()))
        .with(37, format!("{:012}", n))
        .with(39, code);
    if faults.wrong_stan {
        let stan = request
            .text(11)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0);
        m = m.with(11, format!("{:06}", (stan + 1) % 1_000_000));
    }
    if faults.wrong_terminal {
        m = m.with(41, "99999999");
    }
    m
}

/// The gateway's view of a transaction the host answered.
fn record(request: &Message, response: &Message) -> Txn {
    let code = response.text(39).unwrap_or("").to_string();
    let state = match (request.mti.as_str(), code.as_str()) {
        ("0400", "00") => "reversed",
        (_, "00") => "approved",
        _ => "declined",
    };
    Txn {
        rrn: response.text(37).unwrap_or("").to_string(),
        mti: request.mti.clone(),
        state,
        response_code: code,
        amount: request.text(4).and_then(|a| a.parse().ok()).unwrap_or(0),
        currency: request.text(49).unwrap_or("156").to_string(),
        terminal_id: request.text(41).unwrap_or("").to_string(),
        merchant_id: request.text(42).unwrap_or("").to_string(),
        trace: request.text(11).unwrap_or("").to_string(),
        time: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        settlement: "pending",
    }
}
