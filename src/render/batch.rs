//! Human text for `check --batch`.

use super::{BOLD, DIM, Output, paint, status_style};
use crate::finding::Status;
use crate::i18n::Msg;

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
