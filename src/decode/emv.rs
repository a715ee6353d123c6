//! EMV chip data (ISO 8583 field 55) explained: every tag named, the Terminal Verification
//! Results and Transaction Status Information bit by bit, the CVM Results, the cryptogram the
//! card produced, and what all that means for a decline. The dictionary is data
//! (`data/emv_tags.toml`); this module only applies it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::tlv::{self, Tlv, TlvError};
use crate::i18n::Text;

#[derive(Debug, Deserialize)]
struct Dictionary {
    sources: BTreeMap<String, Text>,
    tag: Vec<TagInfo>,
    tvr: Vec<Bit>,
    tsi: Vec<Bit>,
    cvm_method: Vec<Coded>,
    cvm_condition: Vec<Coded>,
    cvm_result: Vec<Coded>,
    cid_type: Vec<Coded>,
    cid_reason: Vec<Coded>,
}

#[derive(Debug, Clone, Deserialize)]
struct TagInfo {
    tag: String,
    name: Text,
    format: String,
    #[serde(default)]
    secret: bool,
    source: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Bit {
    byte: usize,
    bit: u8,
    text: Text,
    #[serde(default)]
    decline: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct Coded {
    code: u8,
    #[serde(default)]
    name: Option<String>,
    text: Text,
}

fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/emv_tags.json")))
            .unwrap_or_else(|e| panic!("data/emv_tags.toml: {e}"))
    })
}

/// One data object as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    pub tag: String,
    /// Offset of the tag in the input.
    pub offset: usize,
    /// Value length in bytes.
    pub length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Hex, or digits for numeric tags, or text for an/ans ones; empty when `hidden`.
    pub value: String,
    /// Card number, track data or cardholder name: never shown.
    pub hidden: bool,
    /// Nesting depth (0 at the top).
    pub depth: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A set bit of the TVR or TSI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetBit {
    pub byte: usize,
    pub bit: u8,
    pub text: Text,
    /// A reason a card or terminal declines.
    pub decline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cvm {
    pub method: Text,
    /// Bit 7 of byte 1: when this method fails, the next rule applies.
    pub next_if_unsuccessful: bool,
    pub condition: Text,
    pub result: Text,
    /// 0 unknown, 1 failed, 2 successful.
    pub result_code: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cryptogram {
    /// `AAC`, `TC`, `ARQC` or `RFU`.
    #[serde(rename = "type")]
    pub kind: String,
    pub meaning: Text,
    pub advice_required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

/// What the chip data says, in one sentence per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// AAC: the card declined.
    DeclinedOffline,
    /// TC: approved offline.
    ApprovedOffline,
    /// ARQC: the issuer decides.
    Online,
    /// No cryptogram information in the data.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chip {
    pub elements: Vec<Element>,
    /// Set TVR bits, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tvr: Option<Vec<SetBit>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tsi: Option<Vec<SetBit>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cvm: Option<Cvm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cryptogram: Option<Cryptogram>,
    pub verdict: Verdict,
    /// The decline reasons found (from the CID and the TVR), most telling first.
    pub reasons: Vec<Text>,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn coded(list: &[Coded], code: u8) -> Option<&Coded> {
    list.iter().find(|c| c.code == code)
}

fn unknown(code: u8) -> Text {
    Text {
        en: format!("unknown value {code:02X}"),
        zh: format!("未知取值 {code:02X}"),
    }
}

/// The set bits of a bit-coded object (TVR, TSI) per the dictionary.
fn set_bits(value: &[u8], table: &[Bit]) -> Vec<SetBit> {
    table
        .iter()
        .filter(|b| {
            value
                .get(b.byte - 1)
                .is_some_and(|v| v & (1 << (b.bit - 1)) != 0)
        })
        .map(|b| SetBit {
            byte: b.byte,
            bit: b.bit,
            text: b.text.clone(),
            decline: b.decline,
        })
        .collect()
}

pub fn tvr(value: &[u8]) -> Vec<SetBit> {
    set_bits(value, &dictionary().tvr)
}

pub fn tsi(value: &[u8]) -> Vec<SetBit> {
    set_bits(value, &dictionary().tsi)
}

pub fn cvm_results(value: &[u8]) -> Option<Cvm> {
    let d = dictionary();
    let [m, c, r] = *value else { return None };
    let method = m & 0x3F;
    Some(Cvm {
        method: coded(&d.cvm_method, method).map_or_else(|| unknown(method), |x| x.text.clone()),
        next_if_unsuccessful: m & 0x40 != 0,
        condition: coded(&d.cvm_condition, c).map_or_else(|| unknown(c), |x| x.text.clone()),
        result: coded(&d.cvm_result, r).map_or_else(|| unknown(r), |x| x.text.clone()),
        result_code: r,
    })
}

pub fn cryptogram(cid: u8) -> Cryptogram {
    let d = dictionary();
    let t = coded(&d.cid_type, cid >> 6);
    Cryptogram {
        kind: t
            .and_then(|t| t.name.clone())
            .unwrap_or_else(|| "RFU".into()),
        meaning: t.map_or_else(|| unknown(cid), |t| t.text.clone()),
        advice_required: cid & 0x08 != 0,
        reason: coded(&d.cid_reason, cid & 0x07).map(|r| r.text.clone()),
    }
}

fn shown(info: Option<&TagInfo>, v: &[u8]) -> String {
    match info.map(|i| i.format.as_str()) {
        Some("n") if v.iter().all(|b| b >> 4 <= 9 && b & 0xF <= 9) => hex(v),
        Some("an" | "ans") if v.iter().all(|b| b.is_ascii_graphic() || *b == b' ') => {
            String::from_utf8_lossy(v).into_owned()
        }
        _ => hex(v),
    }
}

fn elements(tlvs: &[Tlv], depth: usize, out: &mut Vec<Element>) {
    let d = dictionary();
    for t in tlvs {
        let info = d.tag.iter().find(|i| i.tag == t.tag);
        let hidden = info.is_some_and(|i| i.secret);
        out.push(Element {
            tag: t.tag.clone(),
            offset: t.offset,
            length: t.value.len(),
            name: info.map(|i| i.name.clone()),
            value: if hidden || t.constructed {
                String::new()
            } else {
                shown(info, &t.value)
            },
            hidden,
            depth,
            source: info.and_then(|i| d.sources.get(&i.source).cloned()),
        });
        elements(&t.children, depth + 1, out);
    }
}

/// Explains a field 55 blob.
pub fn explain(data: &[u8]) -> Result<Chip, TlvError> {
    let tlvs = tlv::parse(data)?;
    let mut els = Vec::new();
    elements(&tlvs, 0, &mut els);
    let flat = tlv::flatten(&tlvs);
    let find = |tag: &str| {
        flat.iter()
            .find(|t| t.tag == tag)
            .map(|t| t.value.as_slice())
    };
    let tvr_bits = find("95").map(tvr);
    let tsi_bits = find("9B").map(tsi);
    let cvm = find("9F34").and_then(cvm_results);
    let crypt = find("9F27")
        .and_then(|v| v.first().copied())
        .map(cryptogram);
    let verdict = match crypt.as_ref().map(|c| c.kind.as_str()) {
        Some("AAC") => Verdict::DeclinedOffline,
        Some("TC") => Verdict::ApprovedOffline,
        Some("ARQC") => Verdict::Online,
        _ => Verdict::Unknown,
    };
    let mut reasons: Vec<Text> = Vec::new();
    if let Some(r) = crypt.as_ref().and_then(|c| c.reason.clone()) {
        reasons.push(r);
    }
    for b in tvr_bits.iter().flatten().filter(|b| b.decline) {
        if !reasons.iter().any(|r| r.en == b.text.en) {
            reasons.push(b.text.clone());
        }
    }
    Ok(Chip {
        elements: els,
        tvr: tvr_bits,
        tsi: tsi_bits,
        cvm,
        cryptogram: crypt,
        verdict,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(bits: &[SetBit]) -> Vec<&str> {
        bits.iter().map(|b| b.text.en.as_str()).collect()
    }

    #[test]
    fn dictionary_names_the_common_unionpay_tags() {
        let d = dictionary();
        for tag in [
            "9F26", "9F27", "9F10", "9F37", "9F36", "95", "9A", "9C", "9F02", "5F2A", "82", "9F1A",
            "9F03", "9F33", "9F34", "9F35", "9F1E", "84", "9F09", "9F41", "9F63", "DF31",
        ] {
            let info = d.tag.iter().find(|i| i.tag == tag);
            assert!(info.is_some(), "{tag} missing");
            assert!(
                d.sources.contains_key(&info.unwrap().source),
                "{tag} source"
            );
        }
    }

    #[test]
    fn tvr_bits_by_position() {
        // Byte 1 bit 8 and byte 4 bit 8: ODA not performed, over the floor limit.
        assert_eq!(
            en(&tvr(&[0x80, 0, 0, 0x80, 0])),
            [
                "Offline data authentication was not performed",
                "Transaction exceeds floor limit"
            ]
        );
        // Byte 3 bit 6: PIN try limit exceeded.
        assert_eq!(en(&tvr(&[0, 0, 0x20, 0, 0])), ["PIN Try Limit exceeded"]);
        assert!(tvr(&[0; 5]).is_empty());
        assert_eq!(
            en(&tsi(&[0xE8, 0x00])),
            [
                "Offline data authentication was performed",
                "Cardholder verification was performed",
                "Card risk management was performed",
                "Terminal risk management was performed"
            ]
        );
    }

    #[test]
    fn cvm_results_and_cryptogram_types() {
        let c = cvm_results(&[0x42, 0x03, 0x00]).unwrap();
        assert_eq!(c.method.en, "Enciphered PIN verified online");
        assert!(c.next_if_unsuccessful);
        assert_eq!(c.condition.en, "If terminal supports the CVM");
        assert_eq!(c.result.en, "Unknown");
        assert_eq!(
            cvm_results(&[0x1E, 0x03, 0x02]).unwrap().method.en,
            "Signature (paper)"
        );
        assert_eq!(
            cvm_results(&[0x3F, 0x00, 0x01]).unwrap().result.en,
            "Failed"
        );
        assert_eq!(cryptogram(0x80).kind, "ARQC");
        assert_eq!(cryptogram(0x40).kind, "TC");
        assert_eq!(cryptogram(0x00).kind, "AAC");
        let pin = cryptogram(0x02);
        assert_eq!(pin.reason.unwrap().en, "PIN Try Limit exceeded");
    }
}
