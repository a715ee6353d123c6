//! Human text for `check --batch`.

use super::{BOLD, DIM, Output, paint, status_style};
use crate::finding::{Finding, Said, Status};
use crate::i18n::Msg;

/// A bad row as its JSON line has it.
#[derive(serde::Serialize)]
struct BadJson<'a> {
    line: u64,
    merchant_id: &'a str,
    terminal_id: &'a str,
    status: Status,
    findings: Vec<Said<'a, Finding>>,
}

/// One bad row as a JSON line: the record, its findings said in the user's language.
pub fn batch_record_json(out: &Output, bad: &crate::check::batch::BadRecord) -> String {
    let line = BadJson {
        line: bad.line,
        merchant_id: &bad.merchant_id,
        terminal_id: &bad.terminal_id,
        status: bad.status,
        findings: bad.findings.iter().map(|f| f.said(out.locale())).collect(),
    };
    serde_json::to_string(&line).unwrap_or_default() + "\n"
}

/// A bad row of a batch: where it is, whose it is, and what is wrong with it.
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
