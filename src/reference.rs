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
    /// Position + 1 in `codes` of every four-digit code, 0 for none: batch checks look an
    /// MCC up twice per row, so this is a direct index rather than a search.
    #[serde(skip)]
    index: Vec<u16>,
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
    /// The keys as bytes, for comparing without parsing hex each time.
    #[serde(skip)]
    bytes: Vec<Vec<u8>>,
}

impl KnownKeyTable {
    pub fn find(&self, key: &[u8]) -> Option<&KnownKey> {
        self.bytes
            .iter()
            .position(|b| b == key)
            .map(|i| &self.keys[i])
    }
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

pub fn mccs() -> &'static MccTable {
    static CELL: OnceLock<MccTable> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut t: MccTable =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/mcc.json")))
                .unwrap_or_else(|e| panic!("data/mcc.toml: {e}"));
        t.index = vec![0; 10_000];
        for (i, m) in t.codes.iter().enumerate() {
            if let Some(n) = mcc_number(&m.mcc) {
                t.index[n] = u16::try_from(i + 1).unwrap_or(0);
            }
        }
        t
    })
}

fn mcc_number(mcc: &str) -> Option<usize> {
    let b = mcc.as_bytes();
    (b.len() == 4 && b.iter().all(u8::is_ascii_digit))
        .then(|| b.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0')))
}
table!(currencies, CurrencyTable, "currency.json");
table!(brands, BrandTable, "cards.json");
pub fn known_keys() -> &'static KnownKeyTable {
    static CELL: OnceLock<KnownKeyTable> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut t: KnownKeyTable =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/keys.json")))
                .unwrap_or_else(|e| panic!("data/keys.toml: {e}"));
        t.bytes = t
            .keys
            .iter()
            .map(|k| {
                (0..k.hex.len() / 2)
                    .filter_map(|i| u8::from_str_radix(&k.hex[2 * i..2 * i + 2], 16).ok())
                    .collect()
            })
            .collect();
        t
    })
}

impl MccTable {
    pub fn get(&self, mcc: &str) -> Option<&Mcc> {
        let i = *self.index.get(mcc_number(mcc)?)?;
        (i > 0).then(|| &self.codes[usize::from(i) - 1])
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
        assert!(
            m.codes.windows(2).all(|w| w[0].mcc < w[1].mcc),
            "data/mcc.toml must stay sorted by code"
        );
        assert_eq!(m.get("5411").unwrap().group, "livelihood");
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
