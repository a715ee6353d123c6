//! The result model every check shares: a [`Finding`] per thing checked, gathered into a
//! [`Report`] per command. Checks build these; only `render` turns them into text or JSON.

use serde::Serialize;

use crate::taxonomy::{Category, Cause, fix_command};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Skip,
    Warn,
    Fail,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skip => "skip",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One check result, in the shape docs/contract.md documents for `--json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    pub summary: String,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub metrics: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(id: impl Into<String>, status: Status, summary: impl Into<String>) -> Self {
        Finding {
            id: id.into(),
            target: None,
            status,
            category: None,
            cause: None,
            summary: summary.into(),
            metrics: serde_json::Map::new(),
            fix: None,
        }
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// Names the failure this finding explains, and with it the guided fix to run.
    pub fn blame(mut self, category: Category, cause: Cause) -> Self {
        self.category = Some(category);
        self.cause = Some(cause);
        self.fix = Some(fix_command(category, cause));
        self
    }

    pub fn metric(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.metrics.insert(name.to_string(), value.into());
        self
    }
}

/// A command's whole result: `{"schema": 1, "command": ..., "status": ..., "findings": [...]}`
/// plus command-specific fields, which may only ever be added to (docs/contract.md, "Output").
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: u32,
    pub command: String,
    pub status: Status,
    pub findings: Vec<Finding>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    pub const SCHEMA: u32 = 1;

    pub fn new(command: &str, findings: Vec<Finding>) -> Self {
        let status = overall(&findings);
        Report {
            schema: Self::SCHEMA,
            command: command.to_string(),
            status,
            findings,
            extra: serde_json::Map::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Serialize) -> Self {
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.extra.insert(key.to_string(), value);
        self
    }

    /// Exit code per docs/contract.md: 1 when something failed, or (with `strict`) warned.
    pub fn exit_code(&self, strict: bool) -> u8 {
        match self.status {
            Status::Fail => crate::error::exit::FAILED,
            Status::Warn if strict => crate::error::exit::FAILED,
            _ => crate::error::exit::OK,
        }
    }
}

/// The worst status among the findings; skipped checks do not make a run fail or pass.
pub fn overall(findings: &[Finding]) -> Status {
    findings
        .iter()
        .map(|f| f.status)
        .filter(|s| *s != Status::Skip)
        .max()
        .unwrap_or(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_is_the_worst_non_skip_status() {
        let f = |s| Finding::new("x", s, "");
        assert_eq!(overall(&[]), Status::Ok);
        assert_eq!(overall(&[f(Status::Skip)]), Status::Ok);
        assert_eq!(overall(&[f(Status::Ok), f(Status::Warn)]), Status::Warn);
        assert_eq!(overall(&[f(Status::Fail), f(Status::Warn)]), Status::Fail);
    }

    #[test]
    fn finding_serialises_in_the_documented_shape() {
        let f = Finding::new("net.tcp.connect", Status::Fail, "timed out")
            .target("upos.example.cn:5000")
            .blame(Category::NoResponse, Cause::Network)
            .metric("attempts", 5);
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["category"], "no-response");
        assert_eq!(v["cause"], "network");
        assert_eq!(v["fix"], "posdoctor fix no-response --cause network");
        assert_eq!(v["metrics"]["attempts"], 5);
    }
}
