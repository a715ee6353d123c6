//! Reference tables the checks consult: merchant category codes, currencies, card brands by
//! BIN, and keys that must never be live. They are data files under `data/`, embedded at
//! build time, read once per process.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Text;

#[derive(Debug, Deserialize)]
pub struct Mcc {
    pub mcc: String,
    pub name: Text,
    pub group: String,
}

#[derive(Debug, Deserialize)]
pub struct MccTable {
    pub source: Text,
    pub groups: std::collections::BTreeMap<String, Text>,
    #[serde(rename = "mcc")]
    pub codes: Vec<Mcc>,
}

#[derive(Debug, Deserialize)]
pub struct Currency {
    pub numeric: String,
    pub alpha: String,
    pub minor_units: u8,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
pub struct CurrencyTable {
    pub source: Text,
    #[serde(rename = "currency")]
    pub currencies: Vec<Currency>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Luhn {
    Required,
    Advisory,
}

#[derive(Debug, Deserialize)]
pub struct Brand {
    pub brand: String,
    pub name: Text,
    pub lengths: Vec<usize>,
    pub luhn: Luhn,
    pub ranges: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
pub struct BrandTable {
    pub source: Text,
    #[serde(rename = "brand")]
    pub brands: Vec<Brand>,
}

#[derive(Debug, Deserialize)]
pub struct KnownKey {
    pub hex: String,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
pub struct KnownKeyTable {
    pub source: Text,
    #[serde(rename = "key")]
    pub keys: Vec<KnownKey>,
}

/// Parses an embedded table once. The files are part of the binary and checked by the tests
/// below, so a parse failure is a build defect, reported as a panic (exit 3, one line).
macro_rules! table {
    ($fn:ident, $ty:ty, $file:literal) => {
        pub fn $fn() -> &'static $ty {
            static CELL: OnceLock<$ty> = OnceLock::new();
            CELL.get_or_init(|| {
                serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/", $file)))
                    .unwrap_or_else(|e| panic!("data/{}: {e}", $file))
            })
        }
    };
}

table!(mccs, MccTable, "mcc.json");
table!(currencies, CurrencyTable, "currency.json");
table!(brands, BrandTable, "cards.json");
table!(known_keys, KnownKeyTable, "keys.json");

impl MccTable {
    pub fn get(&self, mcc: &str) -> Option<&Mcc> {
        self.codes.iter().find(|m| m.mcc == mcc)
    }
}

impl CurrencyTable {
    /// By numeric (`156`) or alphabetic (`CNY`, any case) code.
    pub fn get(&self, code: &str) -> Option<&Currency> {
        let code = code.trim();
        self.currencies
            .iter()
            .find(|c| c.numeric == code || c.alpha.eq_ignore_ascii_case(code))
    }
}

impl BrandTable {
    /// The brand whose most specific range covers the number's leading digits.
    pub fn for_number(&self, digits: &str) -> Option<&Brand> {
        let mut best: Option<(&Brand, usize)> = None;
        for b in &self.brands {
            for (from, to) in &b.ranges {
                let n = from.len();
                if digits.len() < n {
                    continue;
                }
                let prefix = &digits[..n];
                if prefix >= from.as_str()
                    && prefix <= to.as_str()
                    && best.is_none_or(|(_, len)| n > len)
                {
                    best = Some((b, n));
                }
            }
        }
        best.map(|(b, _)| b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_are_consistent() {
        let m = mccs();
        assert!(m.codes.len() >= 80);
        for c in &m.codes {
            assert!(
                c.mcc.len() == 4 && c.mcc.chars().all(|c| c.is_ascii_digit()),
                "{}",
                c.mcc
            );
            assert!(
                m.groups.contains_key(&c.group),
                "{}: group {}",
                c.mcc,
                c.group
            );
            assert!(!c.name.zh.is_empty() && !c.name.en.is_empty());
        }
        let cur = currencies();
        assert_eq!(cur.get("156").unwrap().alpha, "CNY");
        assert_eq!(cur.get("cny").unwrap().numeric, "156");
        for c in &cur.currencies {
            assert!(c.numeric.len() == 3 && c.alpha.len() == 3, "{}", c.alpha);
        }
        for k in &known_keys().keys {
            assert!(
                k.hex.len() % 16 == 0 && k.hex.chars().all(|c| c.is_ascii_hexdigit()),
                "{}",
                k.hex
            );
        }
    }

    #[test]
    fn brands_by_bin() {
        let b = brands();
        let brand = |n: &str| b.for_number(n).map(|b| b.brand.as_str());
        assert_eq!(brand("6222021234567890"), Some("unionpay"));
        assert_eq!(brand("4111111111111111"), Some("visa"));
        assert_eq!(brand("5500000000000004"), Some("mastercard"));
        assert_eq!(brand("2221000000000009"), Some("mastercard"));
        assert_eq!(brand("378282246310005"), Some("amex"));
        assert_eq!(brand("3530111333300000"), Some("jcb"));
        assert_eq!(brand("6011111111111117"), Some("discover"));
        assert_eq!(brand("30569309025904"), Some("diners"));
        assert_eq!(brand("9999999999999999"), None);
    }
}
