//! Human text for profiles. Keys appear only as their reference and check value.

use super::{BOLD, CODE, DIM, Output, fields, pad, paint, status_style, width};
use crate::config::{KeyStatus, Profile};
use crate::finding::Status;
use crate::i18n::Msg;
use crate::redact::line;

pub fn profile_show(out: &Output, name: &str, profile: &Profile, keys: &[KeyStatus]) -> String {
    let none = || out.tr(Msg::ProfileNotSet).to_string();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(none);
    let mut s = format!(
        "{}\n",
        paint(
            BOLD,
            &out.lang.trf(Msg::ProfileHeading, &[("name", &line(name))])
        )
    );
    let mut rows = vec![
        (out.tr(Msg::ProfileAcquirer), profile.acquirer.to_string()),
        (
            out.tr(Msg::ProfileMerchantName),
            opt(&profile.merchant_name),
        ),
        (out.tr(Msg::ProfileMerchantId), opt(&profile.merchant_id)),
        (out.tr(Msg::ProfileTerminalId), opt(&profile.terminal_id)),
        (out.tr(Msg::ProfileMcc), opt(&profile.mcc)),
        (out.tr(Msg::ProfileCurrency), opt(&profile.currency)),
        (out.tr(Msg::ProfileRegion), opt(&profile.region)),
        (out.tr(Msg::ProfileHost), opt(&profile.host)),
    ];
    if !profile.endpoints.is_empty() {
        rows.push((out.tr(Msg::ProfileEndpoints), profile.endpoints.join("\n")));
    }
    let gateway = match &profile.gateway {
        Some(g) => match &g.auth_env {
            Some(env) => out
                .lang
                .trf(Msg::ProfileGatewayAuth, &[("url", &g.url), ("env", env)]),
            None => g.url.clone(),
        },
        None => none(),
    };
    rows.push((out.tr(Msg::ProfileGateway), gateway));
    s.push_str(&fields(&rows));
    s.push_str(&format!("{}\n", paint(BOLD, out.tr(Msg::ProfileKeys))));
    if keys.is_empty() {
        s.push_str(&format!("  {}\n", paint(DIM, out.tr(Msg::ProfileNoKeys))));
    }
    for k in keys {
        let mismatch = k.kcv_mismatch();
        let unusable = k.format.is_some_and(|f| f != "ok");
        let status = match (k.present, &k.loose_mode) {
            (false, _) => Status::Fail,
            _ if mismatch || unusable => Status::Fail,
            (true, Some(_)) => Status::Warn,
            (true, None) => Status::Ok,
        };
        let kcv = match (&k.computed_kcv, &k.kcv) {
            (Some(actual), Some(expected)) if mismatch => out.lang.trf(
                Msg::ProfileKeyKcvMismatch,
                &[
                    ("key", &k.name),
                    ("actual", actual),
                    ("expected", &line(expected)),
                ],
            ),
            (Some(actual), Some(_)) => out.lang.trf(Msg::ProfileKeyKcvVerified, &[("kcv", actual)]),
            (Some(actual), None) => out.lang.trf(Msg::ProfileKeyKcv, &[("kcv", actual)]),
            (None, Some(expected)) => out
                .lang
                .trf(Msg::ProfileKeyKcvExpected, &[("kcv", &line(expected))]),
            (None, None) => out.tr(Msg::ProfileKeyNoKcv).to_string(),
        };
        let head = format!(
            "  {} {}  {}  ",
            paint(status_style(status), out.glyphs.marker(status)),
            paint(CODE, k.name.key()),
            "****************",
        );
        s.push_str(&super::para(
            &head,
            &format!("{kcv}  {}", line(&k.source)),
            6,
        ));
        if !k.present {
            s.push_str(&super::para("      ", out.tr(Msg::ProfileKeyMissing), 6));
        }
        if let Some(mode) = &k.loose_mode {
            let path = k.source.strip_prefix("file:").unwrap_or(&k.source);
            let text = out.lang.trf(
                Msg::ProfileKeyLooseMode,
                &[("mode", mode), ("path", &line(path))],
            );
            s.push_str(&super::para("      ", &text, 6));
        }
    }
    s
}

pub fn profile_list(out: &Output, rows: &[(String, bool, &Profile)]) -> String {
    if rows.is_empty() {
        return format!("{}\n", out.tr(Msg::ProfileNone));
    }
    let name_w = rows
        .iter()
        .map(|(n, _, _)| width(n))
        .max()
        .unwrap_or(0)
        .max(width(out.tr(Msg::ProfileColName)));
    let mid_w = 15.max(width(out.tr(Msg::ProfileMerchantId)));
    let tid_w = 8.max(width(out.tr(Msg::ProfileTerminalId)));
    let mut s = format!(
        "{}\n",
        paint(
            BOLD,
            &format!(
                "  {}  {}  {}  {}",
                pad(out.tr(Msg::ProfileColName), name_w),
                pad(out.tr(Msg::ProfileMerchantId), mid_w),
                pad(out.tr(Msg::ProfileTerminalId), tid_w),
                out.tr(Msg::ProfileHost)
            )
        )
    );
    for (name, is_default, p) in rows {
        let head = format!(
            "{} {}  {}  {}  ",
            if *is_default { "*" } else { " " },
            paint(CODE, &pad(&line(name), name_w)),
            pad(&line(p.merchant_id.as_deref().unwrap_or("-")), mid_w),
            pad(&line(p.terminal_id.as_deref().unwrap_or("-")), tid_w),
        );
        let indent = (2 + name_w + 2 + mid_w + 2 + tid_w + 2).min(super::line_width() / 2);
        s.push_str(&super::para(
            &head,
            &line(p.host.as_deref().unwrap_or("-")),
            indent,
        ));
    }
    s.trim_end().to_string() + "\n"
}
