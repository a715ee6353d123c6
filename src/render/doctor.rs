//! Human text for `doctor` and `sim`.

use super::{BOLD, CMD, DIM, Output, colon, fields, paint, status_style};
use crate::finding::{Finding, Status};
use crate::i18n::{Lang, Msg};

pub fn doctor(
    out: &Output,
    profile: &str,
    simulator: Option<String>,
    findings: &[Finding],
    ranking: &[usize],
) -> String {
    let lang = out.lang;
    let mut s = format!(
        "{}\n",
        paint(BOLD, &lang.trf(Msg::DoctorHeading, &[("name", &profile)]))
    );
    if let Some(addr) = simulator {
        s.push_str(&format!(
            "{}\n",
            paint(DIM, &lang.trf(Msg::DoctorDemo, &[("addr", &addr)]))
        ));
    }
    s.push('\n');
    s.push_str(&out.findings(findings));
    s.push('\n');
    let Some(first) = ranking.first().map(|i| &findings[*i]) else {
        let ok = Status::Ok;
        s.push_str(&format!(
            "{} {}\n",
            paint(status_style(ok), out.glyphs.marker(ok)),
            lang.tr(Msg::DoctorHealthy)
        ));
        return s;
    };
    let cause = match (first.category, first.cause) {
        (Some(c), Some(k)) => match lang {
            Lang::Zh => format!("（{} · {}）", c.name(lang), k.name(lang)),
            Lang::En => format!(" ({} · {})", c.name(lang), k.name(lang)),
        },
        _ => String::new(),
    };
    s.push_str(&format!(
        "{} {}{}{}{}\n",
        paint(status_style(first.status), out.glyphs.marker(first.status)),
        paint(BOLD, lang.tr(Msg::DoctorLikely)),
        colon(lang),
        first.summary,
        cause
    ));
    if let Some(fix) = &first.fix {
        s.push_str(&format!(
            "  {}{}{}\n",
            paint(BOLD, lang.tr(Msg::DoctorFirst)),
            colon(lang),
            paint(CMD, fix)
        ));
    }
    let rest: Vec<&Finding> = ranking
        .iter()
        .skip(1)
        .take(3)
        .map(|i| &findings[*i])
        .collect();
    if !rest.is_empty() {
        s.push_str(&format!("  {}{}\n", lang.tr(Msg::DoctorAlso), colon(lang)));
        for f in rest {
            s.push_str(&format!(
                "    {} {}\n",
                paint(status_style(f.status), out.glyphs.marker(f.status)),
                f.summary
            ));
        }
    }
    s
}

pub fn sim_banner(
    out: &Output,
    iso: &str,
    gateway: &str,
    dns: &str,
    ca: &str,
    faults: &[String],
    profile_toml: &str,
) -> String {
    let lang = out.lang;
    let faults = if faults.is_empty() {
        lang.tr(Msg::SimNone).to_string()
    } else {
        faults.join(", ")
    };
    let rows = [
        (lang.tr(Msg::SimIso), iso.to_string()),
        (lang.tr(Msg::SimGateway), format!("https://{gateway}")),
        (lang.tr(Msg::SimDns), dns.to_string()),
        (lang.tr(Msg::SimCa), ca.to_string()),
        (lang.tr(Msg::SimFaults), faults),
    ];
    let usage = format!("posdoctor --config FILE --profile sim doctor --dns {dns} --ca-file {ca}");
    format!(
        "{}\n{}\n{}\n  {}\n\n{}\n{}\n",
        paint(BOLD, lang.tr(Msg::SimBanner)),
        fields(&rows),
        lang.tr(Msg::SimProfile),
        paint(CMD, &usage),
        profile_toml,
        lang.tr(Msg::SimWaiting)
    )
}
