//! Key material: reading a key's hex without ever showing it, and the key check value (KCV)
//! by which a key is identified everywhere else.
//!
//! DES and TDES keys: the KCV is the first 3 bytes of a zero block encrypted under the key.
//! AES keys: the CMAC-based KCV of ANSI X9.24-1:2017, the first 5 bytes of AES-CMAC over a
//! zero block (key letters often quote only the first 3 of them).
//! SM4 keys (GB/T 32907, China's national block cipher, now common for terminal keys): the
//! first 3 bytes of a zero block encrypted under the key, as for TDES.

use aes::{Aes128, Aes192, Aes256};
use clap::ValueEnum;
use cmac::{Cmac, Mac};
use des::cipher::{BlockCipherEncrypt, KeyInit};
use des::{Des, TdesEde2, TdesEde3};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// Which cipher a key is for; a 16- or 24-byte key could be either, so the profile says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    #[default]
    Tdes,
    Aes,
    Sm4,
}

/// Why a key cannot be used. Never carries the key or any part of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key is not hexadecimal")]
    NotHex,
    #[error("a key of {0} hex digits has no valid length for this algorithm")]
    Length(usize),
}

/// Why components do not combine into a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("key components must be two or three keys of the same length")]
pub struct CombineError;

/// AES-CMAC over one zero block; a macro because the three AES sizes are distinct types.
macro_rules! cmac_zero {
    ($cipher:ty, $key:expr, $out:expr) => {
        if let Ok(mut m) = <Cmac<$cipher> as KeyInit>::new_from_slice($key) {
            m.update(&[0u8; 16]);
            for (o, b) in $out.iter_mut().zip(m.finalize().into_bytes().iter()) {
                *o = *b;
            }
        }
    };
}

/// A key's bytes, wiped from memory when dropped. Fixed-size, so checking a million keys
/// allocates nothing.
pub struct Key {
    bytes: [u8; 32],
    len: usize,
    algorithm: Algorithm,
}

impl Drop for Key {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Key({:?}, {} bytes, KCV {})",
            self.algorithm,
            self.len,
            self.kcv()
        )
    }
}

/// A key check value: up to 5 bytes, shown as hex.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Kcv {
    bytes: [u8; 5],
    len: usize,
}

impl Kcv {
    /// Whether an expected KCV (at least 3 bytes of hex, any case, as a key letter prints it)
    /// is this one or its beginning.
    pub fn matches(&self, expected: &str) -> bool {
        let e = expected.trim().as_bytes();
        if e.len() < 6 || e.len() > 2 * self.len || !e.len().is_multiple_of(2) {
            return false;
        }
        e.chunks(2)
            .zip(self.bytes.iter())
            .all(|(pair, b)| hex_pair(pair) == Some(*b))
    }
}

impl std::fmt::Display for Kcv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in &self.bytes[..self.len] {
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for Kcv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn hex_pair(pair: &[u8]) -> Option<u8> {
    match pair {
        [h, l] => Some(hex_digit(*h)? << 4 | hex_digit(*l)?),
        _ => None,
    }
}

impl Key {
    /// Parses hex, ignoring white space (key files often end in a newline or group digits).
    pub fn from_hex(text: &str, algorithm: Algorithm) -> Result<Key, KeyError> {
        // A key file saved by a Windows editor starts with a byte-order mark.
        let text = crate::input::strip_bom(text.trim_start());
        let mut key = Key {
            bytes: [0; 32],
            len: 0,
            algorithm,
        };
        let compact = text.trim().as_bytes();
        // The usual case, hex with no spaces inside, decoded two digits at a time.
        if compact.len().is_multiple_of(2) && compact.len() <= 64 && !compact.is_empty() {
            let mut ok = true;
            for (i, pair) in compact.chunks_exact(2).enumerate() {
                match hex_pair(pair) {
                    Some(b) => key.bytes[i] = b,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                key.len = compact.len() / 2;
                return key.checked_length(compact.len());
            }
        }
        key.len = 0;
        let mut digits = 0usize;
        let mut high: Option<u8> = None;
        for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
            let d = hex_digit(c).ok_or(KeyError::NotHex)?;
            digits += 1;
            match high.take() {
                None => high = Some(d),
                Some(h) => {
                    if key.len < key.bytes.len() {
                        key.bytes[key.len] = h << 4 | d;
                    }
                    key.len += 1;
                }
            }
        }
        if digits == 0 {
            return Err(KeyError::NotHex);
        }
        key.checked_length(digits)
    }

    fn checked_length(self, digits: usize) -> Result<Key, KeyError> {
        let ok = match self.algorithm {
            Algorithm::Tdes => matches!(digits, 16 | 32 | 48),
            Algorithm::Aes => matches!(digits, 32 | 48 | 64),
            Algorithm::Sm4 => digits == 32,
        };
        if ok {
            Ok(self)
        } else {
            Err(KeyError::Length(digits))
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key check value: 3 bytes for DES/TDES, 5 bytes for AES (CMAC).
    pub fn kcv(&self) -> Kcv {
        let k = self.as_bytes();
        let mut out = Kcv {
            bytes: [0; 5],
            len: 3,
        };
        match (self.algorithm, k.len()) {
            (Algorithm::Tdes, 8) => ecb_zero::<Des>(k, &mut out.bytes),
            (Algorithm::Tdes, 16) => ecb_zero::<TdesEde2>(k, &mut out.bytes),
            (Algorithm::Tdes, _) => ecb_zero::<TdesEde3>(k, &mut out.bytes),
            (Algorithm::Sm4, _) => ecb_zero::<sm4::Sm4>(k, &mut out.bytes),
            (Algorithm::Aes, n) => {
                out.len = 5;
                match n {
                    16 => cmac_zero!(Aes128, k, &mut out.bytes),
                    24 => cmac_zero!(Aes192, k, &mut out.bytes),
                    _ => cmac_zero!(Aes256, k, &mut out.bytes),
                }
            }
        }
        out
    }

    /// DES keys carry odd parity in the low bit of each byte; a key without it was mistyped
    /// or generated carelessly, and some HSMs refuse it.
    pub fn has_odd_parity(&self) -> bool {
        self.algorithm != Algorithm::Tdes || self.as_bytes().iter().all(|b| b.count_ones() % 2 == 1)
    }

    /// Every byte the same (all zeros, all `11`…): a placeholder, not a key.
    pub fn is_all_same_byte(&self) -> bool {
        self.as_bytes().windows(2).all(|w| w[0] == w[1])
    }

    /// A key of more than one DES length whose parts repeat: TDES then degrades to single
    /// DES (or to 2-key TDES for a 3-key key).
    pub fn halves_equal(&self) -> bool {
        let b = self.as_bytes();
        self.algorithm == Algorithm::Tdes
            && match b.len() {
                16 => b[..8] == b[8..],
                24 => b[..8] == b[8..16] || b[8..16] == b[16..] || b[..8] == b[16..],
                _ => false,
            }
    }

    /// A key published in standards or vendor documents (`data/keys.toml`).
    pub fn known_test_key(&self) -> Option<&'static crate::reference::KnownKey> {
        crate::reference::known_keys().find(self.as_bytes())
    }

    /// The key two or three components make: their XOR, as key ceremonies combine the parts
    /// each custodian holds. The components must be of one algorithm and length.
    pub fn combine(components: &[Key]) -> Result<Key, CombineError> {
        let first = components.first().ok_or(CombineError)?;
        if !(2..=3).contains(&components.len())
            || components
                .iter()
                .any(|c| c.len != first.len || c.algorithm != first.algorithm)
        {
            return Err(CombineError);
        }
        let mut key = Key {
            bytes: [0; 32],
            len: first.len,
            algorithm: first.algorithm,
        };
        for c in components {
            for (k, b) in key.bytes.iter_mut().zip(c.as_bytes()) {
                *k ^= b;
            }
        }
        Ok(key)
    }

    /// The key as hex, wiped when dropped: for running a combined key through the same checks
    /// as a typed one. Never to be shown.
    pub fn secret_hex(&self) -> zeroize::Zeroizing<String> {
        let mut s = zeroize::Zeroizing::new(String::with_capacity(self.len * 2));
        for b in self.as_bytes() {
            s.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789ABCDEF"[usize::from(b & 0xF)]));
        }
        s
    }

    /// A weak or semi-weak DES key (in any part) makes encryption trivially reversible.
    pub fn is_weak(&self) -> bool {
        self.algorithm == Algorithm::Tdes && des::weak_key_test(self.as_bytes()).is_err()
    }
}

fn ecb_zero<C: KeyInit + BlockCipherEncrypt>(key: &[u8], out: &mut [u8; 5]) {
    // Lengths are checked when the key is parsed.
    if let Ok(c) = C::new_from_slice(key) {
        let mut block = Default::default();
        c.encrypt_block(&mut block);
        for (o, b) in out.iter_mut().zip(block.iter()) {
            *o = *b;
        }
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
            assert_eq!(key.kcv().to_string(), kcv, "{hex}");
            assert!(key.kcv().matches(&kcv[..6]) && key.kcv().matches(&kcv.to_lowercase()));
            assert!(!key.kcv().matches("000000"));
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
