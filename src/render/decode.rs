//! `posdoctor decode` as text: the message field by field, or the chip data tag by tag, then
//! the findings. Everything fits 80 columns (Chinese counted as two).

use super::{
    BOLD, CMD, DIM, Output, fields, fields_trusting, line_width, pad, paint, status_style, width,
};
use crate::codes::CodeEntry;
use crate::decode::emv::{Chip, SetBit, Verdict};
use crate::decode::{Decoded, LengthHeader};
use crate::finding::{Finding, Status};
use crate::i18n::{Lang, Msg};
use crate::iso8583::LayoutError;

/// Cuts a text to `max` columns, marking the cut.
pub(super) fn clip(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Rows of (key, name, value) with the value wrapped under itself.
fn columns(head: [&str; 3], rows: &[(String, String, String)], name_max: usize) -> String {
    let w0 = rows
        .iter()
        .map(|r| width(&r.0))
        .chain([width(head[0])])
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| width(&r.1).min(name_max))
        .chain([width(head[1])])
        .max()
        .unwrap_or(0);
    let value_w = line_width().saturating_sub(2 + w0 + 2 + w1 + 2).max(10);
    let mut out = paint(
        BOLD,
        format!("  {}  {}  {}", pad(head[0], w0), pad(head[1], w1), head[2]).trim_end(),
    );
    out.push('\n');
    for (k, n, v) in rows {
        let lines = if v.is_empty() {
            vec![String::new()]
        } else {
            super::wrap::lines(v, value_w)
        };
        for (i, line) in lines.iter().enumerate() {
            let (k, n) = if i == 0 {
                (pad(k, w0), pad(&clip(n, name_max), w1))
            } else {
                (pad("", w0), pad("", w1))
            };
            out.push_str(format!("  {k}  {n}  {line}").trim_end());
            out.push('\n');
        }
    }
    out
}

fn mti_meaning(lang: Lang, mti: &str) -> Option<String> {
    let b = mti.as_bytes();
    let class = match b.get(1)? {
        b'1' => Msg::DecodeMtiClass1,
        b'2' => Msg::DecodeMtiClass2,
        b'3' => Msg::DecodeMtiClass3,
        b'4' => Msg::DecodeMtiClass4,
        b'5' => Msg::DecodeMtiClass5,
        b'6' => Msg::DecodeMtiClass6,
        b'8' => Msg::DecodeMtiClass8,
        _ => return None,
    };
    let function = match b.get(2)? {
        b'0' => Msg::DecodeMtiFunction0,
        b'1' => Msg::DecodeMtiFunction1,
        b'2' => Msg::DecodeMtiFunction2,
        b'3' => Msg::DecodeMtiFunction3,
        _ => return None,
    };
    Some(format!(
        "{}{}{}",
        lang.tr(class),
        if lang == Lang::Zh { "" } else { " " },
        lang.tr(function)
    ))
}

/// Where decoding stopped, in words.
fn stop_place(lang: Lang, d: &Decoded) -> String {
    let Some(s) = &d.stopped else {
        return String::new();
    };
    match s.at {
        "mti" => lang.tr(Msg::DecodeWhereMti).to_string(),
        "bitmap" => lang.tr(Msg::DecodeWhereBitmap).to_string(),
        "end" => lang.tr(Msg::DecodeWhereEnd).to_string(),
        "length" => lang.tr(Msg::DecodeWhereLength).to_string(),
        _ if s.name.as_ref().is_none_or(|n| n.en.is_empty()) => {
            lang.trf(Msg::DecodeWhereFieldBare, &[("field", &s.field)])
        }
        _ => lang.trf(
            Msg::DecodeWhereField,
            &[
                ("field", &s.field),
                ("name", &s.name.as_ref().map_or("", |n| n.get(lang))),
            ],
        ),
    }
}

/// The decoding problem in the user's language.
fn problem(lang: Lang, e: &LayoutError) -> String {
    match e {
        LayoutError::Truncated { .. } => lang.tr(Msg::DecodeProblemTruncated).to_string(),
        LayoutError::Trailing(n) => lang.trf(Msg::DecodeProblemTrailing, &[("count", n)]),
        LayoutError::Mti => lang.tr(Msg::DecodeProblemMti).to_string(),
        LayoutError::LengthHeader { announced, present } => lang.trf(
            Msg::DecodeProblemLength,
            &[("announced", announced), ("present", present)],
        ),
        LayoutError::UnknownField(_) => lang.tr(Msg::DecodeProblemUnknownField).to_string(),
        LayoutError::Field { problem, .. } if lang == Lang::En => problem.clone(),
        _ => lang.tr(Msg::DecodeProblemValue).to_string(),
    }
}

/// The finding for one decoded (or undecodable) message.
pub fn decode_finding(lang: Lang, d: &Decoded) -> Finding {
    match &d.stopped {
        None => {
            let mti = match mti_meaning(lang, &d.mti) {
                Some(m) if lang == Lang::Zh => format!("{}（{m}）", d.mti),
                Some(m) => format!("{} ({m})", d.mti),
                None => d.mti.clone(),
            };
            Finding::new(
                "decode.message",
                Status::Ok,
                lang.trf(
                    Msg::DecodeOk,
                    &[
                        ("mti", &mti),
                        ("layout", &d.layout),
                        ("count", &d.fields.len()),
                    ],
                ),
            )
        }
        Some(s) => {
            let mut f = Finding::new(
                "decode.message",
                Status::Fail,
                lang.trf(
                    Msg::DecodeStopped,
                    &[
                        ("where", &stop_place(lang, d)),
                        ("offset", &s.offset),
                        ("problem", &problem(lang, &s.error)),
                    ],
                ),
            )
            .metric("field", s.field)
            .metric("offset", s.offset);
            if let Some(e) = &s.expected {
                f = f.metric("expected", e.clone());
            }
            f.metric(
                "alternatives",
                serde_json::to_value(&d.alternatives).unwrap_or_default(),
            )
        }
    }
}

fn framing_text(lang: Lang, d: &Decoded) -> String {
    let mut parts = Vec::new();
    match (d.framing.length, d.framing.announced) {
        (LengthHeader::None, _) => parts.push(lang.tr(Msg::DecodeFramingNone).to_string()),
        (k, Some(n)) => parts.push(format!(
            "{} = {n}",
            lang.trf(Msg::DecodeFramingLength, &[("kind", &k.name())])
        )),
        (k, None) => parts.push(lang.trf(Msg::DecodeFramingLength, &[("kind", &k.name())])),
    }
    if let Some(t) = &d.framing.tpdu {
        parts.push(lang.trf(Msg::DecodeFramingTpdu, &[("hex", t)]));
    }
    if let Some(h) = &d.framing.header {
        parts.push(lang.trf(Msg::DecodeFramingHeader, &[("hex", h)]));
    }
    parts.join(if lang == Lang::Zh { "、" } else { ", " })
}

pub fn decode_message(
    out: &Output,
    d: Option<&Decoded>,
    response: Option<&CodeEntry>,
    findings: &[Finding],
) -> String {
    let lang = out.lang;
    let mut s = String::new();
    if let Some(d) = d {
        let mti = match mti_meaning(lang, &d.mti) {
            Some(m) if lang == Lang::Zh => format!("{}（{m}）", d.mti),
            Some(m) => format!("{} ({m})", d.mti),
            None => d.mti.clone(),
        };
        let mut rows = vec![
            (out.tr(Msg::DecodeLabelLayout), d.layout.clone()),
            (out.tr(Msg::DecodeLabelFraming), framing_text(lang, d)),
        ];
        if !d.mti.is_empty() {
            rows.push((out.tr(Msg::DecodeLabelMti), mti));
        }
        if !d.bitmap.is_empty() {
            rows.push((out.tr(Msg::DecodeLabelBitmap), d.bitmap.clone()));
        }
        s.push_str(&fields_trusting(&rows, &[out.tr(Msg::DecodeLabelBitmap)]));
        if !d.fields.is_empty() {
            s.push('\n');
            let table: Vec<(String, String, String)> = d
                .fields
                .iter()
                .map(|f| {
                    let v = if f.hidden {
                        paint(DIM, out.tr(Msg::DecodeHidden))
                    } else {
                        f.value.clone()
                    };
                    (f.field.to_string(), f.name.get(lang).to_string(), v)
                })
                .collect();
            s.push_str(&columns(
                [
                    out.tr(Msg::DecodeColField),
                    out.tr(Msg::DecodeColName),
                    out.tr(Msg::DecodeColValue),
                ],
                &table,
                34,
            ));
        }
        if let Some(r) = response {
            s.push('\n');
            s.push_str(&fields(&[
                (
                    out.tr(Msg::DecodeLabelResponse),
                    format!("{} {}", r.code, r.meaning.get(lang)),
                ),
                (
                    out.tr(Msg::DecodeLabelAction),
                    r.action.get(lang).to_string(),
                ),
            ]));
        }
        s.push('\n');
    }
    s.push_str(&findings_wrapped(out, findings));
    if let Some(d) = d
        && let Some(st) = &d.stopped
    {
        let mut notes = Vec::new();
        if let Some(e) = &st.expected {
            notes.push(lang.trf(Msg::DecodeExpected, &[("expected", e)]));
        }
        if d.alternatives.is_empty() {
            notes.push(lang.tr(Msg::DecodeNoAlternative).to_string());
        }
        for a in &d.alternatives {
            notes.push(lang.trf(
                Msg::DecodeAlternative,
                &[("layout", &a.layout), ("framing", &a.framing.name())],
            ));
        }
        for n in notes {
            for line in super::wrap::lines(&n, line_width() - 4) {
                s.push_str(&format!("    {line}\n"));
            }
        }
    }
    s
}

/// Findings as the other commands show them, with long summaries wrapped under themselves
/// (a decoding failure names the field, the offset and the problem).
pub(crate) fn findings_wrapped(out: &Output, findings: &[Finding]) -> String {
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| !out.quiet || matches!(f.status, Status::Warn | Status::Fail))
        .collect();
    let id_w = shown.iter().map(|f| width(&f.id)).max().unwrap_or(0);
    let marker_w = shown
        .iter()
        .map(|f| width(out.glyphs.marker(f.status)))
        .max()
        .unwrap_or(0);
    let indent = marker_w + 1 + id_w + 2;
    let text_w = line_width().saturating_sub(indent).max(10);
    let mut s = String::new();
    for f in shown {
        let marker = pad(out.glyphs.marker(f.status), marker_w);
        let mut first = true;
        for line in super::wrap::lines(&f.summary.say(out.locale()), text_w) {
            if first {
                s.push_str(&format!(
                    "{} {}  {line}\n",
                    paint(status_style(f.status), &marker),
                    pad(&f.id, id_w)
                ));
                first = false;
            } else {
                s.push_str(&format!("{}{line}\n", pad("", indent)));
            }
        }
        if matches!(f.status, Status::Warn | Status::Fail)
            && let Some(fix) = &f.fix
        {
            s.push_str(&format!(
                "{}   {} {}\n",
                pad("", marker_w),
                out.glyphs.arrow(),
                paint(CMD, fix)
            ));
        }
    }
    s
}

fn join(lang: Lang, items: &[String]) -> String {
    items.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// The plain sentence at the end: what the card decided, and why.
pub fn emv_conclusion(lang: Lang, chip: &Chip) -> String {
    let reasons: Vec<String> = chip
        .reasons
        .iter()
        .map(|r| r.get(lang).to_string())
        .collect();
    match chip.verdict {
        Verdict::DeclinedOffline if reasons.is_empty() => lang.tr(Msg::DecodeEmvDeclined).into(),
        Verdict::DeclinedOffline => lang.trf(
            Msg::DecodeEmvDeclinedBecause,
            &[("reasons", &join(lang, &reasons))],
        ),
        Verdict::ApprovedOffline => lang.tr(Msg::DecodeEmvApproved).into(),
        Verdict::Online if reasons.is_empty() => lang.tr(Msg::DecodeEmvOnline).into(),
        Verdict::Online => lang.trf(
            Msg::DecodeEmvOnlineNotes,
            &[("reasons", &join(lang, &reasons))],
        ),
        Verdict::Unknown => lang.tr(Msg::DecodeEmvUnknown).into(),
    }
}

fn bits(lang: Lang, list: &[SetBit]) -> String {
    if list.is_empty() {
        return lang.tr(Msg::DecodeEmvNoBits).to_string();
    }
    list.iter()
        .map(|b| {
            lang.trf(
                Msg::DecodeEmvBit,
                &[
                    ("byte", &b.byte),
                    ("bit", &b.bit),
                    ("text", &b.text.get(lang)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn decode_emv(out: &Output, chip: Option<&Chip>, findings: &[Finding]) -> String {
    let lang = out.lang;
    let mut s = String::new();
    if let Some(c) = chip {
        let rows: Vec<(String, String, String)> = c
            .elements
            .iter()
            .map(|e| {
                let name = e
                    .name
                    .as_ref()
                    .map_or(out.tr(Msg::DecodeEmvUnknownTag), |n| n.get(lang))
                    .to_string();
                let value = if e.hidden {
                    paint(DIM, out.tr(Msg::DecodeHidden))
                } else {
                    e.value.clone()
                };
                (format!("{}{}", "  ".repeat(e.depth), e.tag), name, value)
            })
            .collect();
        s.push_str(&columns(
            [
                out.tr(Msg::DecodeEmvColTag),
                out.tr(Msg::DecodeEmvColName),
                out.tr(Msg::DecodeEmvColValue),
            ],
            &rows,
            38,
        ));
        s.push('\n');
        let mut block: Vec<(&str, String)> = Vec::new();
        if let Some(t) = &c.tvr {
            block.push((out.tr(Msg::DecodeEmvTvr), bits(lang, t)));
        }
        if let Some(t) = &c.tsi {
            block.push((out.tr(Msg::DecodeEmvTsi), bits(lang, t)));
        }
        if let Some(cvm) = &c.cvm {
            block.push((
                out.tr(Msg::DecodeEmvCvm),
                lang.trf(
                    Msg::DecodeEmvCvmLine,
                    &[
                        ("method", &cvm.method.get(lang)),
                        ("condition", &cvm.condition.get(lang)),
                        ("result", &cvm.result.get(lang)),
                    ],
                ),
            ));
        }
        if let Some(k) = &c.cryptogram {
            let mut v = k.meaning.get(lang).to_string();
            if let Some(r) = &k.reason {
                v.push('\n');
                v.push_str(&lang.trf(Msg::DecodeEmvReason, &[("reason", &r.get(lang))]));
            }
            if k.advice_required {
                v.push('\n');
                v.push_str(out.tr(Msg::DecodeEmvAdvice));
            }
            block.push((out.tr(Msg::DecodeEmvCryptogram), v));
        }
        block.push((out.tr(Msg::DecodeEmvConclusion), emv_conclusion(lang, c)));
        s.push_str(&fields(&block));
        s.push('\n');
    }
    s.push_str(&findings_wrapped(out, findings));
    s
}
