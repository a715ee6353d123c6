//! Human text for the response-code explainer.

use super::{BOLD, CMD, CODE, DIM, Output, fields, pad, paint, status_style, width};
use crate::codes::{CodeEntry, Lookup};
use crate::finding::Status;
use crate::i18n::Msg;

/// A category or cause as the user reads it, with the key the commands take when that differs.
fn named(name: &str, key: &str) -> String {
    if name == key {
        key.to_string()
    } else {
        format!("{name} ({key})")
    }
}

fn entry(out: &Output, e: &CodeEntry) -> String {
    let lang = out.lang;
    let status = if e.approved { Status::Ok } else { Status::Fail };
    let mut s = format!(
        "{} {}  {}\n",
        paint(status_style(status), out.glyphs.marker(status)),
        paint(CODE, &e.code),
        paint(BOLD, e.meaning.get(lang))
    );
    let mut rows = vec![
        (out.tr(Msg::CodeLabelTerminal), e.terminal_text.clone()),
        (out.tr(Msg::CodeLabelAction), e.action.get(lang).to_string()),
        (out.tr(Msg::CodeLabelWho), e.who.name(lang).to_string()),
        (out.tr(Msg::CodeLabelRetry), e.retry.name(lang).to_string()),
        (
            out.tr(Msg::CodeLabelCategory),
            format!(
                "{} · {}",
                named(e.category.name(lang), e.category.key()),
                named(e.cause.name(lang), e.cause.key())
            ),
        ),
        (out.tr(Msg::CodeLabelFix), paint(CMD, &e.fix)),
    ];
    if !out.quiet {
        let sources: Vec<&str> = e.sources.iter().map(|s| s.text.get(lang)).collect();
        if !sources.is_empty() {
            rows.push((out.tr(Msg::CodeLabelSource), sources.join("\n")));
        }
        if out.verbose > 0 || e.origin.iter().any(|o| o != "built-in") {
            rows.push((out.tr(Msg::CodeLabelOrigin), e.origin.join(" + ")));
        }
    }
    s.push_str(&fields(&rows));
    s
}

pub fn code_lookup(out: &Output, lookup: &Lookup) -> String {
    match lookup {
        Lookup::Found(entries) => {
            let mut s = String::new();
            if entries.len() > 1 {
                let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
                s.push_str(&out.lang.trf(
                    Msg::CodeSeveral,
                    &[("count", &entries.len()), ("codes", &codes.join(", "))],
                ));
                s.push_str("\n\n");
            }
            let blocks: Vec<String> = entries.iter().map(|e| entry(out, e)).collect();
            s.push_str(&blocks.join("\n"));
            s
        }
        Lookup::Unknown { query, suggestions } => {
            let fail = Status::Fail;
            let mut s = format!(
                "{} {}\n",
                paint(status_style(fail), out.glyphs.marker(fail)),
                out.lang.trf(Msg::CodeUnknown, &[("query", query)])
            );
            if !suggestions.is_empty() {
                s.push_str(&format!("\n{}\n", out.tr(Msg::CodeSuggestions)));
                for e in suggestions {
                    s.push_str(&format!(
                        "  {}  {}\n",
                        paint(CODE, &e.code),
                        e.meaning.get(out.lang)
                    ));
                }
            }
            s.push('\n');
            s.push_str(out.tr(Msg::CodeUnknownHelp));
            s.push('\n');
            s
        }
    }
}

pub fn code_list(out: &Output, entries: &[CodeEntry]) -> String {
    let lang = out.lang;
    let meaning_w = entries
        .iter()
        .map(|e| width(e.meaning.get(lang)))
        .max()
        .unwrap_or(0)
        .min(48);
    let mut s = format!(
        "{}\n",
        paint(
            BOLD,
            &format!(
                "{}  {}  {}",
                pad(out.tr(Msg::CodeColCode), 4),
                pad(out.tr(Msg::CodeColMeaning), meaning_w),
                out.tr(Msg::CodeColCategory)
            )
        )
    );
    for e in entries {
        let meaning = e.meaning.get(lang);
        let meaning = if width(meaning) > meaning_w {
            let mut cut = String::new();
            for c in meaning.chars() {
                if width(&cut) + width(c.encode_utf8(&mut [0; 4])) > meaning_w.saturating_sub(1) {
                    break;
                }
                cut.push(c);
            }
            cut + "…"
        } else {
            meaning.to_string()
        };
        s.push_str(&format!(
            "{}  {}  {}\n",
            paint(CODE, &pad(&e.code, 4)),
            pad(&meaning, meaning_w),
            paint(DIM, &format!("{}/{}", e.category, e.cause))
        ));
    }
    s.push_str(&format!(
        "\n{}\n",
        out.lang
            .trf(Msg::CodeListCount, &[("count", &entries.len())])
    ));
    s
}
