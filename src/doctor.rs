//! `doctor`'s judgement: of everything that was checked, what most likely explains the
//! failure, and what to do first.
//!
//! A failure low in the stack explains everything above it (no route explains no DNS answer,
//! a refused connection explains a failed sign-in), so failures are ranked by layer, bottom
//! first, then warnings the same way.

use crate::finding::{Finding, Status};

/// Lower is more fundamental.
fn layer(id: &str) -> u8 {
    const ORDER: &[&str] = &[
        "net.link",
        "net.dns.resolve",
        "net.tcp.connect",
        "net.http.proxy",
        "net.tls",
        "net.iso8583.signin",
        "net.http.phases",
        "check.",
        "net.iso8583.sale",
        "net.tcp.latency",
        "net.clock",
        "net.dns.consistency",
    ];
    ORDER
        .iter()
        .position(|p| id.starts_with(p))
        .map_or(ORDER.len() as u8, |i| i as u8)
}

/// Indexes of the findings that are wrong, most likely explanation first.
pub fn rank(findings: &[Finding]) -> Vec<usize> {
    let mut wrong: Vec<usize> = (0..findings.len())
        .filter(|i| matches!(findings[*i].status, Status::Fail | Status::Warn))
        .collect();
    wrong.sort_by_key(|i| {
        (
            findings[*i].status != Status::Fail,
            layer(&findings[*i].id),
            *i,
        )
    });
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_rank_by_layer_then_warnings() {
        let f = |id: &str, s| Finding::new(id, s, "");
        let findings = vec![
            f("net.tcp.latency", Status::Warn),
            f("net.iso8583.signin", Status::Fail),
            f("check.tmk.kcv-mismatch", Status::Fail),
            f("net.tcp.connect", Status::Fail),
            f("net.dns.resolve", Status::Ok),
        ];
        assert_eq!(rank(&findings), vec![3, 1, 2, 0]);
    }
}
