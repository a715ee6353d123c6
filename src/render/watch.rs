//! `watch` events as a line for a person (80 columns, either language) or one JSON Lines
//! object each.

use serde_json::{Value, json};

use super::{CMD, DIM, Output, line_width, paint, status_style, width};
use crate::finding::Status;
use crate::i18n::{Lang, Msg};
use crate::watch::{Change, Cycle};

fn state(lang: Lang, s: Status) -> &'static str {
    lang.tr(match s {
        Status::Fail => Msg::WatchStateFail,
        Status::Warn => Msg::WatchStateWarn,
        _ => Msg::WatchStateOk,
    })
}

/// `1 h 2 min`, `3 min 4 s`, `5.2 s`.
pub fn watch_duration(lang: Lang, seconds: f64) -> String {
    let whole = seconds.max(0.0) as u64;
    if whole >= 3600 {
        lang.trf(
            Msg::WatchDurationH,
            &[("h", &(whole / 3600)), ("m", &(whole % 3600 / 60))],
        )
    } else if whole >= 60 {
        lang.trf(
            Msg::WatchDurationM,
            &[("m", &(whole / 60)), ("s", &(whole % 60))],
        )
    } else {
        lang.trf(Msg::WatchDurationS, &[("s", &format!("{seconds:.1}"))])
    }
}

fn clock() -> String {
    let t = crate::txn::now_local();
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// A change: the time, the target (and terminal), the transition on the first line; the
/// finding's summary and fix indented under it, wrapped to 80 columns.
pub fn watch_change(out: &Output, c: &Change) -> String {
    let lang = out.lang;
    let marker = paint(status_style(c.to), out.glyphs.marker(c.to));
    let mut who = c.target.clone();
    if let Some(t) = &c.terminal {
        who.push_str(&format!(" [{t}]"));
    }
    let to = state(lang, c.to);
    let transition = match (c.from, c.after_s) {
        (None, _) | (_, None) => lang.trf(Msg::WatchInitial, &[("state", &to)]),
        (Some(from), Some(after)) => {
            let from = state(lang, from);
            let duration = watch_duration(lang, after);
            let msg = if c.to == Status::Ok {
                Msg::WatchRecovered
            } else {
                Msg::WatchChanged
            };
            lang.trf(
                msg,
                &[("from", &from), ("to", &to), ("duration", &duration)],
            )
        }
    };
    let head = format!("{} {} {}", clock(), out.glyphs.marker(c.to), who);
    let mut text = if width(&head) + 2 + width(&transition) <= line_width() {
        format!("{} {marker} {who}  {transition}\n", paint(DIM, &clock()))
    } else {
        format!(
            "{} {marker} {who}\n{:9}{transition}\n",
            paint(DIM, &clock()),
            ""
        )
    };
    if let Some(f) = &c.finding {
        let summary = f.summary.say(out.locale());
        let summary = if c.to == Status::Ok {
            lang.trf(Msg::WatchWas, &[("summary", &summary)])
        } else {
            summary
        };
        for line in super::wrap::lines(&summary, line_width() - 9) {
            text.push_str(&format!("{:9}{line}\n", ""));
        }
        if c.to != Status::Ok
            && let Some(fix) = &f.fix
        {
            text.push_str(&format!(
                "{:9}{} {}\n",
                "",
                out.glyphs.arrow(),
                paint(CMD, fix)
            ));
        }
    }
    text
}

fn cycle_args(c: &Cycle) -> [(&'static str, String); 6] {
    [
        ("n", c.cycle.to_string()),
        ("targets", c.targets.to_string()),
        ("ok", c.ok.to_string()),
        ("warn", c.warn.to_string()),
        ("fail", c.fail.to_string()),
        ("seconds", format!("{:.2}", c.duration_s)),
    ]
}

pub fn watch_cycle(out: &Output, c: &Cycle) -> String {
    let args = cycle_args(c);
    let a: Vec<(&str, &dyn std::fmt::Display)> = args
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    format!(
        "{} {}\n",
        paint(DIM, &clock()),
        paint(DIM, &out.lang.trf(Msg::WatchCycle, &a))
    )
}

pub fn watch_overrun(out: &Output, c: &Cycle, every_s: f64) -> String {
    let text = out.lang.trf(
        Msg::WatchOverrun,
        &[
            ("n", &c.cycle),
            ("seconds", &format!("{:.2}", c.duration_s)),
            ("every", &format!("{every_s}")),
            ("skipped", &c.skipped),
        ],
    );
    let mut s = String::new();
    for (i, line) in super::wrap::lines(&text, line_width() - 9)
        .iter()
        .enumerate()
    {
        let lead = if i == 0 { clock() } else { String::new() };
        s.push_str(&format!(
            "{lead:8} {} {line}\n",
            if i == 0 {
                paint(status_style(Status::Warn), out.glyphs.marker(Status::Warn))
            } else {
                String::new()
            }
        ));
    }
    s
}

fn event(kind: &str, fields: Value) -> String {
    let mut v = json!({
        "schema": crate::finding::Report::SCHEMA,
        "command": "watch",
        "event": kind,
        "at": crate::txn::timestamp(crate::txn::now_local()),
    });
    if let (Value::Object(m), Value::Object(f)) = (&mut v, fields) {
        m.extend(f);
    }
    // Targets and findings come from outside (a fleet file, a host's answer): the one
    // redaction policy applies here as to every other JSON document.
    crate::redact::json(&mut v);
    v.to_string() + "\n"
}

/// `{"event": "change", "target": ..., "from": "ok", "to": "fail", "after_s": ..., "category":
/// ..., "cause": ..., "fix": ..., "finding": {...}}`; `from` is null for the first cycle.
pub fn watch_change_json(out: &Output, c: &Change) -> String {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    if let (Value::Object(m), Some(f)) = (&mut v, &c.finding) {
        let finding = serde_json::to_value(f.said(out.locale())).unwrap_or(Value::Null);
        m.insert("finding".into(), finding);
        m.insert("summary".into(), json!(f.summary.say(out.locale())));
        for (k, val) in [
            ("category", json!(f.category)),
            ("cause", json!(f.cause)),
            ("fix", json!(f.fix)),
        ] {
            if !val.is_null() {
                m.insert(k.into(), val);
            }
        }
    }
    event("change", v)
}

pub fn watch_cycle_json(c: &Cycle) -> String {
    event("cycle", serde_json::to_value(c).unwrap_or(Value::Null))
}

pub fn watch_overrun_json(c: &Cycle, every_s: f64) -> String {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("every_s".into(), json!(every_s));
    }
    event("overrun", v)
}

pub fn watch_reload_json(targets: usize, added: usize, removed: usize) -> String {
    event(
        "reload",
        json!({"targets": targets, "added": added, "removed": removed}),
    )
}

pub fn watch_reload_failed_json(error: &str) -> String {
    event("reload-failed", json!({ "error": error }))
}
