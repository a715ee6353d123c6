//! Human text for `doctor` and `sim`.

use super::{BOLD, CMD, DIM, Output, colon, fields, paint, para, status_style};
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
        for l in super::wrap::lines(
            &lang.trf(Msg::DoctorDemo, &[("addr", &addr)]),
            super::line_width(),
        ) {
            s.push_str(&format!("{}\n", paint(DIM, &l)));
        }
    }
    s.push('\n');
    s.push_str(&out.findings(findings));
    s.push('\n');
    let Some(first) = ranking.first().map(|i| &findings[*i]) else {
        let ok = Status::Ok;
        let head = format!("{} ", paint(status_style(ok), out.glyphs.marker(ok)));
        let indent = super::width(out.glyphs.marker(ok)) + 1;
        s.push_str(&para(&head, lang.tr(Msg::DoctorHealthy), indent));
        return s;
    };
    let cause = match (first.category, first.cause) {
        (Some(c), Some(k)) => match lang {
            Lang::Zh => format!("（{} · {}）", c.name(lang), k.name(lang)),
            Lang::En => format!(" ({} · {})", c.name(lang), k.name(lang)),
        },
        _ => String::new(),
    };
    let marker = out.glyphs.marker(first.status);
    let head = format!(
        "{} {}{}",
        paint(status_style(first.status), marker),
        paint(BOLD, lang.tr(Msg::DoctorLikely)),
        colon(lang),
    );
    s.push_str(&para(
        &head,
        &format!("{}{}", first.summary.say(out.locale()), cause),
        super::width(marker) + 1,
    ));
    if let Some(fix) = &first.fix {
        let head = format!("  {}{}", lang.tr(Msg::DoctorFirst), colon(lang));
        let lines = super::wrap::hanging(fix, super::line_width(), &head, "    ");
        for (i, l) in lines.iter().enumerate() {
            let l = if i == 0 {
                format!(
                    "  {}{}{}",
                    paint(BOLD, lang.tr(Msg::DoctorFirst)),
                    colon(lang),
                    paint(CMD, &l[head.len()..])
                )
            } else {
                format!("    {}", paint(CMD, l.trim_start()))
            };
            s.push_str(&l);
            s.push('\n');
        }
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
            let marker = out.glyphs.marker(f.status);
            let head = format!("    {} ", paint(status_style(f.status), marker));
            s.push_str(&para(
                &head,
                &f.summary.say(out.locale()),
                5 + super::width(marker),
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
