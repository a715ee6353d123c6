//! Key material: reading a key's hex without ever showing it, and the key check value (KCV)
//! by which a key is identified everywhere else.
//!
//! DES and TDES keys: the KCV is the first 3 bytes of a zero block encrypted under the key.
//! AES keys: the CMAC-based KCV of ANSI X9.24-1:2017, the first 5 bytes of AES-CMAC over a
//! zero block (key letters often quote only the first 3 of them).

use aes::{Aes128, Aes192, Aes256};
use cmac::{Cmac, Mac};
use des::cipher::{BlockCipherEncrypt, KeyInit};
use des::{Des, TdesEde2, TdesEde3};
use zeroize::Zeroizing;

/// Which cipher a key is for; a 16- or 24-byte key could be either, so the profile says.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    #[default]
    Tdes,
    Aes,
}

/// Why a key cannot be used. Never carries the key or any part of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key is not hexadecimal")]
    NotHex,
    #[error("a key of {0} hex digits has no valid length for this algorithm")]
    Length(usize),
}

/// AES-CMAC over one zero block; a macro because the three AES sizes are distinct types.
macro_rules! cmac_zero {
    ($cipher:ty, $key:expr) => {
        match <Cmac<$cipher> as KeyInit>::new_from_slice($key) {
            Ok(mut m) => {
                m.update(&[0u8; 16]);
                m.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    };
}

/// A key's bytes, wiped from memory when dropped.
pub struct Key {
    bytes: Zeroizing<Vec<u8>>,
    algorithm: Algorithm,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Key({:?}, {} bytes, KCV {})",
            self.algorithm,
            self.bytes.len(),
            self.kcv()
        )
    }
}

impl Key {
    /// Parses hex, ignoring white space (key files often end in a newline or group digits).
    pub fn from_hex(text: &str, algorithm: Algorithm) -> Result<Key, KeyError> {
        let digits: Zeroizing<String> =
            Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(KeyError::NotHex);
        }
        let len = digits.len();
        let ok = match algorithm {
            Algorithm::Tdes => matches!(len, 16 | 32 | 48),
            Algorithm::Aes => matches!(len, 32 | 48 | 64),
        };
        if !ok {
            return Err(KeyError::Length(len));
        }
        let mut bytes = Zeroizing::new(vec![0u8; len / 2]);
        for (i, b) in bytes.iter_mut().enumerate() {
            // Every character was checked to be a hex digit above.
            *b = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).map_err(|_| KeyError::NotHex)?;
        }
        Ok(Key { bytes, algorithm })
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key check value in hex: 3 bytes for DES/TDES, 5 bytes for AES (CMAC).
    pub fn kcv(&self) -> String {
        let k = self.bytes.as_slice();
        let check: Vec<u8> = match (self.algorithm, k.len()) {
            (Algorithm::Tdes, 8) => ecb_zero::<Des>(k),
            (Algorithm::Tdes, 16) => ecb_zero::<TdesEde2>(k),
            (Algorithm::Tdes, _) => ecb_zero::<TdesEde3>(k),
            (Algorithm::Aes, 16) => cmac_zero!(Aes128, k),
            (Algorithm::Aes, 24) => cmac_zero!(Aes192, k),
            (Algorithm::Aes, _) => cmac_zero!(Aes256, k),
        };
        let n = if self.algorithm == Algorithm::Aes {
            5
        } else {
            3
        };
        check.iter().take(n).map(|b| format!("{b:02X}")).collect()
    }

    /// Whether an expected KCV (3 or more bytes, as a key letter prints it) fits this key.
    pub fn kcv_matches(&self, expected: &str) -> bool {
        let expected = expected.trim().to_ascii_uppercase();
        let kcv = self.kcv();
        expected.len() >= 6 && kcv.starts_with(&expected)
    }

    /// DES keys carry odd parity in the low bit of each byte; a key without it was mistyped
    /// or generated carelessly, and some HSMs refuse it.
    pub fn has_odd_parity(&self) -> bool {
        self.algorithm != Algorithm::Tdes || self.bytes.iter().all(|b| b.count_ones() % 2 == 1)
    }

    /// Every byte the same (all zeros, all `11`…): a placeholder, not a key.
    pub fn is_all_same_byte(&self) -> bool {
        self.bytes.windows(2).all(|w| w[0] == w[1])
    }

    /// A key of more than one DES length whose parts repeat: TDES then degrades to single
    /// DES (or to 2-key TDES for a 3-key key).
    pub fn halves_equal(&self) -> bool {
        let b = self.bytes.as_slice();
        self.algorithm == Algorithm::Tdes
            && match b.len() {
                16 => b[..8] == b[8..],
                24 => b[..8] == b[8..16] || b[8..16] == b[16..] || b[..8] == b[16..],
                _ => false,
            }
    }

    /// A key published in standards or vendor documents (`data/keys.toml`).
    pub fn known_test_key(&self) -> Option<&'static crate::reference::KnownKey> {
        crate::reference::known_keys().keys.iter().find(|k| {
            k.hex.len() == self.bytes.len() * 2
                && k.hex
                    .as_bytes()
                    .chunks(2)
                    .zip(self.bytes.iter())
                    .all(|(pair, b)| {
                        std::str::from_utf8(pair)
                            .ok()
                            .and_then(|p| u8::from_str_radix(p, 16).ok())
                            == Some(*b)
                    })
        })
    }

    /// A double-length key whose halves are equal is single DES in disguise, and a weak or
    /// semi-weak DES key makes encryption trivially reversible.
    pub fn is_weak(&self) -> bool {
        self.algorithm == Algorithm::Tdes && des::weak_key_test(&self.bytes).is_err()
    }
}

fn ecb_zero<C: KeyInit + BlockCipherEncrypt>(key: &[u8]) -> Vec<u8> {
    match C::new_from_slice(key) {
        Ok(c) => {
            let mut block = Default::default();
            c.encrypt_block(&mut block);
            block.to_vec()
        }
        // Lengths are checked when the key is parsed.
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values computed with Python's `cryptography` package (an independent
    /// implementation): TDES/DES ECB of a zero block, and AES-CMAC over a zero block.
    #[test]
    fn kcv_vectors() {
        for (hex, alg, kcv) in [
            ("0123456789ABCDEF", Algorithm::Tdes, "D5D44F"),
            (
                "0123456789ABCDEFFEDCBA9876543210",
                Algorithm::Tdes,
                "08D7B4",
            ),
            (
                "0123456789ABCDEFFEDCBA987654321089ABCDEF01234567",
                Algorithm::Tdes,
                "3FD539",
            ),
            (
                "2B7E151628AED2A6ABF7158809CF4F3C",
                Algorithm::Aes,
                "7AD386C376",
            ),
            (
                "8E73B0F7DA0E6452C810F32B809079E562F8EAD2522C6B7B",
                Algorithm::Aes,
                "3A072A425D",
            ),
            (
                "603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4",
                Algorithm::Aes,
                "1A0B2DF267",
            ),
        ] {
            let key = Key::from_hex(hex, alg).unwrap();
            assert_eq!(key.kcv(), kcv, "{hex}");
            assert!(key.kcv_matches(&kcv[..6]) && key.kcv_matches(&kcv.to_lowercase()));
            assert!(!key.kcv_matches("000000"));
        }
    }

    #[test]
    fn parsing_never_reveals_the_key() {
        let key = "0123456789ABCDEFFEDCBA987654321G";
        let e = Key::from_hex(key, Algorithm::Tdes).unwrap_err();
        assert!(!e.to_string().contains("0123"));
        assert_eq!(
            Key::from_hex("0123", Algorithm::Tdes).unwrap_err(),
            KeyError::Length(4)
        );
        let k = Key::from_hex("01234567 89ABCDEF\nFEDCBA98 76543210\n", Algorithm::Tdes).unwrap();
        assert_eq!(k.len(), 16);
        assert!(!format!("{k:?}").contains("0123"));
    }

    #[test]
    fn parity_and_weak_keys() {
        assert!(
            Key::from_hex("0123456789ABCDEFFEDCBA9876543210", Algorithm::Tdes)
                .unwrap()
                .has_odd_parity()
        );
        assert!(
            !Key::from_hex("0000000000000000", Algorithm::Tdes)
                .unwrap()
                .has_odd_parity()
        );
        assert!(
            Key::from_hex("0101010101010101", Algorithm::Tdes)
                .unwrap()
                .is_weak()
        );
        assert!(
            Key::from_hex("0123456789ABCDEF0123456789ABCDEF", Algorithm::Tdes)
                .unwrap()
                .is_weak()
        );
        assert!(
            !Key::from_hex("0123456789ABCDEFFEDCBA9876543210", Algorithm::Tdes)
                .unwrap()
                .is_weak()
        );
    }
}
