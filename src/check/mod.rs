//! Parameter checks: merchant and terminal IDs, MCC, currency, keys and cards.
//!
//! Each rule appends a [`Violation`] when a value breaks it and allocates nothing when it
//! does not, so the same rules serve one value typed by hand and a million rows in a batch.
//! A violation becomes a [`Finding`] (its message key and arguments, said in the user's
//! language by the rendering layer) only when it is reported.

pub mod batch;

use std::path::Path;

use crate::card::{self, YearMonth};
use crate::config::{Acquirer, KeyName, KeyRef, Profile};
use crate::error::Message;
use crate::finding::{Finding, Status, Text};
use crate::i18n::Msg;
use crate::keys::{Algorithm, Key, KeyError};
use crate::reference;
use crate::taxonomy::{Category, Cause};

/// A broken rule: which field, which rule, how bad, and what it means for a transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Field as named in configs and CSV headers (`merchant_id`, `tmk`).
    pub field: &'static str,
    /// Rule id, unique within the field (`length`, `kcv-mismatch`).
    pub rule: &'static str,
    pub status: Status,
    pub category: Category,
    pub cause: Cause,
    pub message: Message,
}

impl Violation {
    fn new(field: &'static str, rule: &'static str, status: Status, msg: Msg) -> Self {
        Violation {
            field,
            rule,
            status,
            category: Category::Declined,
            cause: Cause::MerchantParams,
            message: Message::new(msg),
        }
    }

    fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.message = self.message.arg(name, value);
        self
    }

    fn arg_text(mut self, name: &'static str, text: &crate::i18n::Text) -> Self {
        self.message = self.message.arg_text(name, text);
        self
    }

    fn blame(mut self, category: Category, cause: Cause) -> Self {
        self.category = category;
        self.cause = cause;
        self
    }

    /// The finding `check.<field>.<rule>`, naming the value as it may be shown.
    pub fn finding(&self, shown_value: &str) -> Finding {
        Finding::new(
            format!("check.{}.{}", self.field.replace('_', "-"), self.rule),
            self.status,
            &self.message,
        )
        .target(self.field)
        .blame(self.category, self.cause)
        .metric("value", shown_value)
    }
}

fn all_same(v: &str) -> bool {
    let mut c = v.chars();
    c.next().is_some_and(|first| c.all(|x| x == first))
}

/// 商户号 (field 42). UnionPay: 15 digits = acquirer institution (3) + region (4) + MCC (4) +
/// serial (4); the embedded MCC and region must agree with the merchant's own.
pub fn merchant_id(
    v: &str,
    acquirer: Acquirer,
    mcc: Option<&str>,
    region: Option<&str>,
    out: &mut Vec<Violation>,
) {
    const F: &str = "merchant_id";
    match acquirer {
        Acquirer::Generic => {
            if v.is_empty() || v.len() > 15 || !v.chars().all(|c| c.is_ascii_graphic() || c == ' ')
            {
                out.push(
                    Violation::new(F, "format", Status::Fail, Msg::CheckMidGeneric).arg("value", v),
                );
                return;
            }
        }
        Acquirer::Unionpay => {
            if v.chars().count() != 15 {
                out.push(
                    Violation::new(F, "length", Status::Fail, Msg::CheckMidLength)
                        .arg("value", v)
                        .arg("length", v.chars().count()),
                );
                return;
            }
            if !v.bytes().all(|b| b.is_ascii_digit()) {
                out.push(
                    Violation::new(F, "digits", Status::Fail, Msg::CheckMidDigits).arg("value", v),
                );
                return;
            }
            let (own_region, own_mcc) = (&v[3..7], &v[7..11]);
            if reference::mccs().get(own_mcc).is_none() {
                out.push(
                    Violation::new(F, "mcc-unknown", Status::Warn, Msg::CheckMidMccUnknown)
                        .arg("value", v)
                        .arg("mcc", own_mcc),
                );
            }
            if let Some(m) = mcc.filter(|m| *m != own_mcc) {
                out.push(
                    Violation::new(F, "mcc-mismatch", Status::Fail, Msg::CheckMidMccMismatch)
                        .arg("value", v)
                        .arg("embedded", own_mcc)
                        .arg("mcc", m),
                );
            }
            if let Some(r) = region.filter(|r| *r != own_region) {
                out.push(
                    Violation::new(
                        F,
                        "region-mismatch",
                        Status::Fail,
                        Msg::CheckMidRegionMismatch,
                    )
                    .arg("value", v)
                    .arg("embedded", own_region)
                    .arg("region", r),
                );
            }
        }
    }
    if all_same(v) || v == "123456789012345" {
        out.push(
            Violation::new(F, "placeholder", Status::Fail, Msg::CheckPlaceholder).arg("value", v),
        );
    }
}

/// 终端号 (field 41): 8 characters; UnionPay terminals use letters and digits only.
pub fn terminal_id(v: &str, acquirer: Acquirer, out: &mut Vec<Violation>) {
    const F: &str = "terminal_id";
    let n = v.chars().count();
    if n != 8 {
        out.push(
            Violation::new(F, "length", Status::Fail, Msg::CheckTidLength)
                .arg("value", v)
                .arg("length", n),
        );
        return;
    }
    let ok = match acquirer {
        Acquirer::Unionpay => v.bytes().all(|b| b.is_ascii_alphanumeric()),
        Acquirer::Generic => v.bytes().all(|b| b.is_ascii_graphic() || b == b' '),
    };
    if !ok {
        out.push(Violation::new(F, "charset", Status::Fail, Msg::CheckTidCharset).arg("value", v));
    } else if all_same(v) {
        out.push(
            Violation::new(F, "placeholder", Status::Warn, Msg::CheckPlaceholder).arg("value", v),
        );
    }
}

pub fn mcc(v: &str, out: &mut Vec<Violation>) {
    if v.len() != 4 || !v.bytes().all(|b| b.is_ascii_digit()) {
        out.push(
            Violation::new("mcc", "format", Status::Fail, Msg::CheckMccFormat).arg("value", v),
        );
    } else if reference::mccs().get(v).is_none() {
        out.push(
            Violation::new("mcc", "unknown", Status::Warn, Msg::CheckMccUnknown).arg("value", v),
        );
    }
}

pub fn currency(v: &str, out: &mut Vec<Violation>) {
    let t = v.trim();
    let shaped = t.len() == 3
        && (t.bytes().all(|b| b.is_ascii_digit()) || t.bytes().all(|b| b.is_ascii_alphabetic()));
    if !shaped {
        out.push(
            Violation::new("currency", "format", Status::Fail, Msg::CheckCurrencyFormat)
                .arg("value", v),
        );
    } else if reference::currencies().get(t).is_none() {
        out.push(
            Violation::new(
                "currency",
                "unknown",
                Status::Fail,
                Msg::CheckCurrencyUnknown,
            )
            .arg("value", v),
        );
    }
}

/// Everything that can be wrong with a key without knowing what it protects. Returns the
/// parsed key, so the caller can show its KCV.
pub fn key(
    field: &'static str,
    hex: &str,
    algorithm: Algorithm,
    expected_kcv: Option<&str>,
    out: &mut Vec<Violation>,
) -> Option<Key> {
    let key = match Key::from_hex(hex, algorithm) {
        Ok(k) => k,
        Err(KeyError::NotHex) => {
            out.push(
                Violation::new(field, "hex", Status::Fail, Msg::CheckKeyNotHex).arg("key", field),
            );
            return None;
        }
        Err(KeyError::Length(n)) => {
            let rule = match algorithm {
                Algorithm::Aes => Msg::CheckKeyLengthAes,
                Algorithm::Sm4 => Msg::CheckKeyLengthSm4,
                Algorithm::Tdes => Msg::CheckKeyLengthTdes,
            };
            out.push(
                Violation::new(field, "length", Status::Fail, rule)
                    .arg("key", field)
                    .arg("digits", n),
            );
            return None;
        }
    };
    let kcv = key.kcv();
    if key.is_all_same_byte() {
        out.push(
            Violation::new(field, "trivial", Status::Fail, Msg::CheckKeyTrivial)
                .arg("key", field)
                .arg("kcv", kcv),
        );
    } else if let Some(known) = key.known_test_key() {
        out.push(
            Violation::new(field, "test-key", Status::Fail, Msg::CheckKeyTestKey)
                .arg("key", field)
                .arg("kcv", kcv)
                .arg_text("what", &known.name),
        );
    } else if key.halves_equal() {
        out.push(
            Violation::new(
                field,
                "equal-halves",
                Status::Fail,
                Msg::CheckKeyEqualHalves,
            )
            .arg("key", field)
            .arg("kcv", kcv),
        );
    } else if key.is_weak() {
        out.push(
            Violation::new(field, "weak", Status::Fail, Msg::CheckKeyWeak)
                .arg("key", field)
                .arg("kcv", kcv),
        );
    }
    if !key.has_odd_parity() {
        out.push(
            Violation::new(field, "parity", Status::Warn, Msg::CheckKeyParity)
                .arg("key", field)
                .arg("kcv", kcv),
        );
    }
    if let Some(expected) = expected_kcv
        && !kcv.matches(expected)
    {
        out.push(
            Violation::new(
                field,
                "kcv-mismatch",
                Status::Fail,
                Msg::CheckKeyKcvMismatch,
            )
            .arg("key", field)
            .arg("kcv", kcv)
            .arg("expected", expected.trim().to_ascii_uppercase()),
        );
    }
    Some(key)
}

/// A card as read from the chip, stripe or keyboard. The number is never part of a message:
/// only its masked form is.
pub fn card(
    number: &str,
    expiry: Option<YearMonth>,
    service_code: Option<&str>,
    today: YearMonth,
    out: &mut Vec<Violation>,
) {
    const F: &str = "card";
    let masked = card::mask(number);
    let blame = |v: Violation| v.blame(Category::Declined, Cause::Card);
    let n = number.len();
    if !(12..=19).contains(&n) {
        out.push(blame(
            Violation::new(F, "length", Status::Fail, Msg::CheckCardLength)
                .arg("card", &masked)
                .arg("length", n),
        ));
        return;
    }
    let brand = reference::brands().for_number(number);
    match brand {
        None => out.push(blame(
            Violation::new(F, "brand", Status::Warn, Msg::CheckCardBrandUnknown)
                .arg("card", &masked),
        )),
        Some(b) if !b.lengths.contains(&n) => out.push(blame(
            Violation::new(F, "brand-length", Status::Fail, Msg::CheckCardBrandLength)
                .arg("card", &masked)
                .arg("brand", &b.brand)
                .arg("length", n),
        )),
        Some(_) => {}
    }
    if !card::luhn_ok(number) {
        let strict = brand.is_none_or(|b| b.luhn == reference::Luhn::Required);
        let status = if strict { Status::Fail } else { Status::Warn };
        out.push(blame(
            Violation::new(F, "luhn", status, Msg::CheckCardLuhn).arg("card", &masked),
        ));
    }
    if let Some(exp) = expiry {
        let months = today.months_until(exp);
        if months < 0 {
            out.push(blame(
                Violation::new(F, "expired", Status::Fail, Msg::CheckCardExpired)
                    .arg("card", &masked)
                    .arg("expiry", format!("{:02}/{:02}", exp.month, exp.year % 100)),
            ));
        } else if months > 20 * 12 {
            out.push(blame(
                Violation::new(F, "expiry-far", Status::Fail, Msg::CheckCardExpiryFar)
                    .arg("card", &masked)
                    .arg("expiry", format!("{}-{:02}", exp.year, exp.month)),
            ));
        }
    }
    if let Some(sc) = service_code {
        let d: Vec<u8> = sc.bytes().map(|b| b.wrapping_sub(b'0')).collect();
        if d.len() != 3 || d.iter().any(|x| *x > 9) {
            out.push(blame(
                Violation::new(
                    F,
                    "service-code",
                    Status::Fail,
                    Msg::CheckCardServiceCodeFormat,
                )
                .arg("card", &masked),
            ));
        } else {
            if matches!(d[0], 2 | 6) {
                out.push(
                    Violation::new(F, "chip", Status::Warn, Msg::CheckCardChip)
                        .arg("card", &masked)
                        .arg("code", sc)
                        .blame(Category::Terminated, Cause::Card),
                );
            }
            if d[2] == 3 {
                out.push(blame(
                    Violation::new(F, "atm-only", Status::Fail, Msg::CheckCardAtmOnly)
                        .arg("card", &masked)
                        .arg("code", sc),
                ));
            }
        }
    }
}

/// All checks for one profile, as `posdoctor check` runs them: one finding per value checked,
/// `ok` when nothing is wrong with it.
pub fn profile(profile: &Profile, config_dir: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut v = Vec::new();
    let missing = |field: &'static str| {
        Finding::new(
            format!("check.{}.missing", field.replace('_', "-")),
            Status::Fail,
            Text::msg(Msg::CheckMissing).arg("field", field),
        )
        .target(field)
        .blame(Category::Declined, Cause::MerchantParams)
    };
    match &profile.merchant_id {
        Some(m) => {
            merchant_id(
                m,
                profile.acquirer,
                profile.mcc.as_deref(),
                profile.region.as_deref(),
                &mut v,
            );
            emit(
                &mut findings,
                "merchant_id",
                m,
                &mut v,
                ok_text("merchant_id", m),
            );
        }
        None => findings.push(missing("merchant_id")),
    }
    match &profile.terminal_id {
        Some(t) => {
            terminal_id(t, profile.acquirer, &mut v);
            emit(
                &mut findings,
                "terminal_id",
                t,
                &mut v,
                ok_text("terminal_id", t),
            );
        }
        None => findings.push(missing("terminal_id")),
    }
    if let Some(m) = &profile.mcc {
        mcc(m, &mut v);
        emit(&mut findings, "mcc", m, &mut v, mcc_ok_text(m));
    }
    if let Some(c) = &profile.currency {
        currency(c, &mut v);
        emit(&mut findings, "currency", c, &mut v, currency_ok_text(c));
    }
    for (name, r) in &profile.keys {
        findings.extend(profile_key(*name, r, config_dir));
    }
    findings
}

/// Two or three key components combined: each component's finding (its KCV), the KCVs,
/// the combined key and what its checks found.
pub struct Combined {
    pub findings: Vec<Finding>,
    pub kcvs: Vec<String>,
    pub key: Key,
    pub violations: Vec<Violation>,
}

/// Combines key components (hex, one each) by XOR and checks the result. A component's own
/// weaknesses (parity, test keys) do not matter, the combined key's do; a component that is
/// not a key is an input error naming it, never quoting it.
pub fn combine(
    lines: &[zeroize::Zeroizing<String>],
    algorithm: Algorithm,
) -> Result<Combined, crate::error::Error> {
    let mut keys = Vec::new();
    let mut findings = Vec::new();
    let mut kcvs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let name: &'static str = ["component 1", "component 2", "component 3"]
            .get(i)
            .copied()
            .unwrap_or("component");
        let mut v = Vec::new();
        let Some(k) = key(name, line, algorithm, None, &mut v) else {
            return Err(crate::error::Error::Input(
                v.first()
                    .map(|x| x.message.clone())
                    .unwrap_or(Message::new(Msg::CheckKeyNotHex)),
            ));
        };
        let kcv = k.kcv().to_string();
        findings.push(
            Finding::new(
                "check.key.component",
                Status::Ok,
                Text::msg(Msg::CheckKeyComponent)
                    .arg("n", i + 1)
                    .arg("kcv", &kcv),
            )
            .target(format!("{}", i + 1))
            .metric("kcv", kcv.clone()),
        );
        kcvs.push(kcv);
        keys.push(k);
    }
    let too_short = || crate::error::Error::from(Message::new(Msg::CheckKeyComponentLength));
    let combined = Key::combine(&keys).map_err(|_| too_short())?;
    let hex = combined.secret_hex();
    drop(keys);
    let mut violations = Vec::new();
    let parsed = key("key", &hex, algorithm, None, &mut violations);
    drop(hex);
    Ok(Combined {
        findings,
        kcvs,
        key: parsed.ok_or_else(too_short)?,
        violations,
    })
}

/// A TDES key's parity as the report names it: `odd`, `not-odd`, or `not-applicable` for
/// other algorithms.
pub fn parity(algorithm: Algorithm, key: &Key) -> &'static str {
    match (algorithm, key.has_odd_parity()) {
        (Algorithm::Tdes, true) => "odd",
        (Algorithm::Tdes, false) => "not-odd",
        _ => "not-applicable",
    }
}

/// The violations of one value as findings, or one `ok` finding when there are none.
pub fn emit(
    findings: &mut Vec<Finding>,
    field: &'static str,
    shown: &str,
    v: &mut Vec<Violation>,
    ok: Text,
) {
    if v.is_empty() {
        findings.push(
            Finding::new(format!("check.{}", field.replace('_', "-")), Status::Ok, ok)
                .target(field)
                .metric("value", shown),
        );
    } else {
        findings.extend(v.drain(..).map(|x| x.finding(shown)));
    }
}

fn profile_key(name: KeyName, r: &KeyRef, config_dir: &Path) -> Vec<Finding> {
    // Where the key is, without reading it: it is read once, below, to be checked.
    let (source, loose_mode) = r.location(config_dir);
    let field = name.key();
    let mut findings = Vec::new();
    let Some(hex) = r.read(config_dir) else {
        findings.push(
            Finding::new(
                format!("check.{field}.missing"),
                Status::Fail,
                Text::msg(Msg::ProfileKeyMissingFinding)
                    .arg("key", name)
                    .arg("source", &source),
            )
            .target(field)
            .blame(Category::Declined, Cause::MerchantParams),
        );
        return findings;
    };
    let mut v = Vec::new();
    let parsed = key(
        field,
        &hex,
        r.algorithm.unwrap_or_default(),
        r.kcv.as_deref(),
        &mut v,
    );
    let shown = parsed
        .as_ref()
        .map(|k| format!("KCV {}", k.kcv()))
        .unwrap_or_else(|| "****".into());
    if let Some(mode) = &loose_mode {
        findings.push(
            Finding::new(
                format!("check.{field}.permissions"),
                Status::Warn,
                Text::msg(Msg::ProfileKeyLooseFinding)
                    .arg("key", name)
                    .arg("mode", mode),
            )
            .target(field),
        );
    }
    if v.is_empty() {
        let summary = match (&r.kcv, &parsed) {
            (Some(_), Some(k)) => Text::msg(Msg::CheckKeyOkVerified)
                .arg("key", name)
                .arg("kcv", k.kcv()),
            (None, Some(k)) => Text::msg(Msg::CheckKeyOkNoKcv)
                .arg("key", name)
                .arg("kcv", k.kcv()),
            _ => Text::Plain(String::new()),
        };
        let status = if r.kcv.is_some() {
            Status::Ok
        } else {
            Status::Warn
        };
        findings.push(
            Finding::new(format!("check.{field}"), status, summary)
                .target(field)
                .metric("value", shown.as_str()),
        );
    }
    findings.extend(v.iter().map(|x| x.finding(&shown)));
    findings
}

/// "商户号 898310054111234 符合规则": a value that broke no rule.
pub fn ok_text(field: &str, value: &str) -> Text {
    let label: Text = match field {
        "merchant_id" => Msg::CheckFieldMerchantId.into(),
        "terminal_id" => Msg::CheckFieldTerminalId.into(),
        "key" => Msg::CheckFieldKey.into(),
        other => other.into(),
    };
    Text::msg(Msg::CheckOk)
        .with("field", label)
        .arg("value", value)
}

/// An MCC that broke no rule, with its name and group when the table knows it.
pub fn mcc_ok_text(value: &str) -> Text {
    match reference::mccs().get(value) {
        Some(m) => {
            let group: Text = reference::mccs()
                .groups
                .get(&m.group)
                .map_or_else(|| "".into(), Into::into);
            Text::msg(Msg::CheckMccOk)
                .arg("value", value)
                .with("name", &m.name)
                .with("group", group)
        }
        None => ok_text("mcc", value),
    }
}

/// A currency that broke no rule, with its codes, name and minor units when known.
pub fn currency_ok_text(value: &str) -> Text {
    match reference::currencies().get(value) {
        Some(c) => Text::msg(Msg::CheckCurrencyOk)
            .arg("numeric", &c.numeric)
            .arg("alpha", &c.alpha)
            .with("name", &c.name)
            .arg("minor", c.minor_units),
        None => ok_text("currency", value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Locale;
    use crate::i18n::Lang;

    /// A violation's finding carries its message key: said in either language, it reads as
    /// the message does, and an ok finding's label is said in the same language.
    #[test]
    fn findings_are_said_in_the_language_asked() {
        let mut v = Vec::new();
        terminal_id("1234", Acquirer::Unionpay, &mut v);
        let x = v.first().expect("a short terminal ID breaks a rule");
        let f = x.finding("1234");
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(f.summary.say(Locale::ascii(lang)), x.message.render(lang));
        }
        let ok = ok_text("merchant_id", "898310054111234");
        assert!(
            ok.say(Locale::ascii(Lang::En))
                .contains(Msg::CheckFieldMerchantId.en())
        );
        assert!(
            ok.say(Locale::ascii(Lang::Zh))
                .contains(Msg::CheckFieldMerchantId.zh())
        );
    }

    fn rules(f: impl FnOnce(&mut Vec<Violation>)) -> Vec<&'static str> {
        let mut v = Vec::new();
        f(&mut v);
        v.iter().map(|x| x.rule).collect()
    }

    #[test]
    fn merchant_ids() {
        let up = Acquirer::Unionpay;
        assert!(
            rules(|v| merchant_id("898310054111234", up, Some("5411"), Some("3100"), v)).is_empty()
        );
        assert_eq!(
            rules(|v| merchant_id("89831005411123", up, None, None, v)),
            ["length"]
        );
        assert_eq!(
            rules(|v| merchant_id("89831005411123X", up, None, None, v)),
            ["digits"]
        );
        assert_eq!(
            rules(|v| merchant_id("898310054111234", up, Some("5812"), None, v)),
            ["mcc-mismatch"]
        );
        assert_eq!(
            rules(|v| merchant_id("898310054111234", up, None, Some("2900"), v)),
            ["region-mismatch"]
        );
        assert_eq!(
            rules(|v| merchant_id("898310000001234", up, None, None, v)),
            ["mcc-unknown"]
        );
        assert_eq!(
            rules(|v| merchant_id("000000000000000", up, None, None, v)),
            ["mcc-unknown", "placeholder"]
        );
        assert!(rules(|v| merchant_id("SHOP-42", Acquirer::Generic, None, None, v)).is_empty());
        assert_eq!(
            rules(|v| merchant_id("A-NAME-THAT-IS-TOO-LONG", Acquirer::Generic, None, None, v)),
            ["format"]
        );
    }

    #[test]
    fn terminal_ids_mccs_currencies() {
        let up = Acquirer::Unionpay;
        assert!(rules(|v| terminal_id("10000001", up, v)).is_empty());
        assert_eq!(rules(|v| terminal_id("1000001", up, v)), ["length"]);
        assert_eq!(rules(|v| terminal_id("1000-001", up, v)), ["charset"]);
        assert_eq!(rules(|v| terminal_id("00000000", up, v)), ["placeholder"]);
        assert!(rules(|v| mcc("5411", v)).is_empty());
        assert_eq!(rules(|v| mcc("0001", v)), ["unknown"]);
        assert_eq!(rules(|v| mcc("54a1", v)), ["format"]);
        assert!(rules(|v| currency("156", v)).is_empty());
        assert!(rules(|v| currency("cny", v)).is_empty());
        assert_eq!(rules(|v| currency("999", v)), ["unknown"]);
        assert_eq!(rules(|v| currency("1560", v)), ["format"]);
    }

    #[test]
    fn keys() {
        let t = Algorithm::Tdes;
        let good = "1C587F1C13924FEF8A1A4D6E2F3B5C7D";
        let check = |hex: &str, kcv: Option<&str>| rules(|v| drop(key("tmk", hex, t, kcv, v)));
        assert_eq!(
            check("0123456789ABCDEFFEDCBA9876543210", Some("08D7B4")),
            ["test-key"]
        );
        assert_eq!(
            check("00000000000000000000000000000000", None),
            ["trivial", "parity"]
        );
        assert_eq!(
            check("1C587F1C13924FEF1C587F1C13924FEF", None),
            ["equal-halves"]
        );
        assert_eq!(check("0101010101010101FEFEFEFEFEFEFEFE", None), ["weak"]);
        assert_eq!(check("XYZ", None), ["hex"]);
        assert_eq!(check("0123", None), ["length"]);
        let mut v = Vec::new();
        let k = key("tmk", good, t, None, &mut v).unwrap();
        let kcv = k.kcv().to_string();
        assert_eq!(
            check(good, Some(&kcv))
                .iter()
                .filter(|r| **r == "kcv-mismatch")
                .count(),
            0
        );
        assert!(check(good, Some("000000")).contains(&"kcv-mismatch"));
        // Messages carry the KCV, never the key.
        for x in &v {
            for lang in [Lang::En, Lang::Zh] {
                assert!(!x.message.render(lang).contains("1C587F"));
            }
        }
    }

    #[test]
    fn cards() {
        let today = YearMonth {
            year: 2026,
            month: 11,
        };
        let ym = |year, month| Some(YearMonth { year, month });
        assert!(rules(|v| card("4111111111111111", ym(2028, 1), Some("101"), today, v)).is_empty());
        assert_eq!(
            rules(|v| card("4111111111111112", None, None, today, v)),
            ["luhn"]
        );
        assert_eq!(
            rules(|v| card("411111111111111", None, None, today, v)),
            ["brand-length", "luhn"]
        );
        assert_eq!(
            rules(|v| card("4111111111111111", ym(2026, 10), None, today, v)),
            ["expired"]
        );
        assert!(rules(|v| card("4111111111111111", ym(2026, 11), None, today, v)).is_empty());
        assert_eq!(
            rules(|v| card("4111111111111111", ym(2050, 1), None, today, v)),
            ["expiry-far"]
        );
        assert_eq!(
            rules(|v| card("4111111111111111", None, Some("201"), today, v)),
            ["chip"]
        );
        assert_eq!(
            rules(|v| card("4111111111111111", None, Some("103"), today, v)),
            ["atm-only"]
        );
        assert_eq!(rules(|v| card("1234", None, None, today, v)), ["length"]);
        let mut v = Vec::new();
        card("6222021234567890123", None, None, today, &mut v);
        assert!(
            v.iter().all(|x| x.status == Status::Warn),
            "UnionPay Luhn is advisory: {v:?}"
        );
        assert!(
            v.iter()
                .all(|x| !x.message.render(Lang::En).contains("6222021234567890123"))
        );
    }
}
