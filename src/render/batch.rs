//! Human text for `check --batch`.

use super::{BOLD, DIM, Output, paint, status_style};
use crate::finding::Status;
use crate::i18n::Msg;

/// A bad row of a batch: where it is, whose it is, and what is wrong with it.
/// One bad row as a JSON line: the record, its findings said in the user's language.
pub fn batch_record_json(out: &Output, bad: &crate::check::batch::BadRecord) -> String {
    let mut v = serde_json::to_value(bad).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(m) = &mut v {
        let findings: Vec<_> = bad.findings.iter().map(|f| f.said(out.locale())).collect();
        let findings = serde_json::to_value(findings).unwrap_or(serde_json::Value::Null);
        m.insert("findings".into(), findings);
    }
    v.to_string() + "\n"
}

pub fn batch_record(out: &Output, bad: &crate::check::batch::BadRecord) -> String {
    let mut s = format!(
        "{}  {}\n",
        paint(
            BOLD,
            &out.lang.trf(Msg::CheckBatchRecord, &[("line", &bad.line)])
        ),
        paint(
            DIM,
            format!("{}/{}", bad.merchant_id, bad.terminal_id).trim_matches('/')
        )
    );
    for line in out.findings(&bad.findings).lines() {
        s.push_str("  ");
        s.push_str(line);
        s.push('\n');
    }
    s
}

pub fn batch_summary(
    out: &Output,
    summary: &crate::check::batch::Summary,
    status: Status,
) -> String {
    format!(
        "{} {}\n",
        paint(status_style(status), out.glyphs.marker(status)),
        out.lang.trf(
            Msg::CheckBatchSummary,
            &[
                ("records", &summary.records),
                ("ok", &summary.ok),
                ("warn", &summary.warn),
                ("fail", &summary.fail),
                ("unreadable", &summary.unreadable),
            ],
        )
    )
}
