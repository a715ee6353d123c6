//! Latency statistics over repeated handshakes (the sparkline that shows them is drawn by
//! the rendering layer, from the samples: `finding::Text::Spark`).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latency {
    pub attempts: usize,
    pub lost: usize,
    pub loss_pct: f64,
    pub min_ms: f64,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Mean absolute difference between consecutive samples (RFC 3550's idea of jitter,
    /// without its smoothing): what makes a terminal's timeouts unpredictable.
    pub jitter_ms: f64,
}

/// `samples` in milliseconds, `None` for an attempt that failed.
pub fn latency(samples: &[Option<f64>]) -> Option<Latency> {
    let mut ok: Vec<f64> = samples.iter().flatten().copied().collect();
    let attempts = samples.len();
    let lost = attempts - ok.len();
    if ok.is_empty() {
        return None;
    }
    let in_order = ok.clone();
    ok.sort_by(f64::total_cmp);
    let pick = |q: f64| ok[((q * (ok.len() - 1) as f64).round() as usize).min(ok.len() - 1)];
    let median = if ok.len() % 2 == 1 {
        ok[ok.len() / 2]
    } else {
        (ok[ok.len() / 2 - 1] + ok[ok.len() / 2]) / 2.0
    };
    let jitter = if in_order.len() > 1 {
        in_order
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .sum::<f64>()
            / (in_order.len() - 1) as f64
    } else {
        0.0
    };
    Some(Latency {
        attempts,
        lost,
        loss_pct: 100.0 * lost as f64 / attempts as f64,
        min_ms: ok[0],
        median_ms: median,
        p95_ms: pick(0.95),
        max_ms: ok[ok.len() - 1],
        jitter_ms: jitter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics() {
        let l = latency(&[Some(10.0), Some(20.0), None, Some(30.0), Some(40.0)]).unwrap();
        assert_eq!(l.attempts, 5);
        assert_eq!(l.lost, 1);
        assert_eq!(l.loss_pct, 20.0);
        assert_eq!(l.min_ms, 10.0);
        assert_eq!(l.median_ms, 25.0);
        assert_eq!(l.max_ms, 40.0);
        assert_eq!(l.jitter_ms, 10.0);
        assert!(latency(&[None, None]).is_none());
    }
}
