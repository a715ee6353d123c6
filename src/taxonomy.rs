//! The five failure categories and the causes behind them (docs/contract.md, "Failure
//! categories and causes"). Their keys are stable identifiers in JSON, the incident log and the
//! `posdoctor fix` command line, so every check, code and guide step names one of them.

use std::fmt;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Declined,
    NoResponse,
    VoidFailed,
    Terminated,
    NotCredited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    Network,
    Funds,
    Card,
    MerchantParams,
    MerchantAccount,
    Host,
    Hardware,
    Software,
    Operator,
    Limits,
    Risk,
    Settlement,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Declined,
        Category::NoResponse,
        Category::VoidFailed,
        Category::Terminated,
        Category::NotCredited,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Category::Declined => "declined",
            Category::NoResponse => "no-response",
            Category::VoidFailed => "void-failed",
            Category::Terminated => "terminated",
            Category::NotCredited => "not-credited",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.tr(match self {
            Category::Declined => Msg::CategoryDeclined,
            Category::NoResponse => Msg::CategoryNoResponse,
            Category::VoidFailed => Msg::CategoryVoidFailed,
            Category::Terminated => Msg::CategoryTerminated,
            Category::NotCredited => Msg::CategoryNotCredited,
        })
    }

    /// The causes a category can have; a finding or code naming any other pair is a data
    /// error, because the guided fix for that pair would not exist.
    pub fn causes(self) -> &'static [Cause] {
        use Cause::*;
        match self {
            Category::Declined => &[
                Funds,
                Card,
                MerchantParams,
                MerchantAccount,
                Host,
                Operator,
                Limits,
                Risk,
            ],
            Category::NoResponse => &[Network, Host, Hardware, Software, MerchantParams],
            Category::VoidFailed => &[
                Operator,
                Settlement,
                MerchantParams,
                Network,
                Host,
                Limits,
                Card,
            ],
            Category::Terminated => &[
                Card,
                Hardware,
                Software,
                Network,
                MerchantParams,
                Operator,
                Limits,
                Risk,
                Host,
            ],
            Category::NotCredited => &[Settlement, MerchantAccount, Host, Operator, MerchantParams],
        }
    }
}

impl Cause {
    pub const ALL: [Cause; 12] = [
        Cause::Network,
        Cause::Funds,
        Cause::Card,
        Cause::MerchantParams,
        Cause::MerchantAccount,
        Cause::Host,
        Cause::Hardware,
        Cause::Software,
        Cause::Operator,
        Cause::Limits,
        Cause::Risk,
        Cause::Settlement,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Cause::Network => "network",
            Cause::Funds => "funds",
            Cause::Card => "card",
            Cause::MerchantParams => "merchant-params",
            Cause::MerchantAccount => "merchant-account",
            Cause::Host => "host",
            Cause::Hardware => "hardware",
            Cause::Software => "software",
            Cause::Operator => "operator",
            Cause::Limits => "limits",
            Cause::Risk => "risk",
            Cause::Settlement => "settlement",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.tr(match self {
            Cause::Network => Msg::CauseNetwork,
            Cause::Funds => Msg::CauseFunds,
            Cause::Card => Msg::CauseCard,
            Cause::MerchantParams => Msg::CauseMerchantParams,
            Cause::MerchantAccount => Msg::CauseMerchantAccount,
            Cause::Host => Msg::CauseHost,
            Cause::Hardware => Msg::CauseHardware,
            Cause::Software => Msg::CauseSoftware,
            Cause::Operator => Msg::CauseOperator,
            Cause::Limits => Msg::CauseLimits,
            Cause::Risk => Msg::CauseRisk,
            Cause::Settlement => Msg::CauseSettlement,
        })
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The command that opens the guided fix for a category and cause.
pub fn fix_command(category: Category, cause: Cause) -> String {
    format!("posdoctor fix {category} --cause {cause}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_belongs_to_some_category() {
        for cause in Cause::ALL {
            assert!(
                Category::ALL.iter().any(|c| c.causes().contains(&cause)),
                "{cause} is used by no category"
            );
        }
    }

    #[test]
    fn keys_match_serde_and_clap_names() {
        use clap::ValueEnum;
        for c in Category::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.key());
            assert_eq!(c.to_possible_value().unwrap().get_name(), c.key());
        }
        for c in Cause::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.key());
            assert_eq!(c.to_possible_value().unwrap().get_name(), c.key());
        }
    }
}
