//! Human text for the response-code explainer.

use super::{BOLD, CMD, CODE, DIM, Output, fields, pad, paint, status_style, width};
use crate::codes::{CodeEntry, Lookup};
use crate::finding::Status;
use crate::i18n::{Lang, Msg};

/// A category or cause as the user reads it, with the key the commands take when that differs.
/// The name people read, and in English the key the options take; in Chinese the name alone
/// (the keys are English words; `--help` lists them).
fn named(name: &str, key: &str, lang: Lang) -> String {
    if name == key || lang == Lang::Zh {
        name.to_string()
    } else {
        format!("{name} ({key})")
    }
}

/// A source's short name for a one-line citation: its `name`, or its key.
fn source_name<'a>(out: &Output, e: &'a CodeEntry, key: &'a str) -> &'a str {
    e.sources
        .iter()
        .find(|s| s.key == key)
        .and_then(|s| s.name.as_ref())
        .map_or(key, |n| n.get(out.lang))
}

fn cited(out: &Output, e: &CodeEntry, what: &str, key: &str) -> String {
    let source = source_name(out, e, key);
    paint_dim_tail(
        out.lang
            .trf(Msg::CodeLabelCited, &[("what", &what), ("source", &source)]),
        what,
    )
}

/// Dims the citation after the cited text, so the text itself stands out.
fn paint_dim_tail(line: String, what: &str) -> String {
    match line.strip_prefix(what) {
        Some(tail) => format!("{what}{}", paint(DIM, tail)),
        None => line,
    }
}

/// The terminal's text as each source gives it, the text this entry shows first; the acquirer
/// manual's catch-all is only listed when no source gives a text of its own.
fn displays(out: &Output, e: &CodeEntry) -> String {
    if e.displays.is_empty() {
        return e.terminal_text.clone();
    }
    let own = e.displays.iter().any(|d| !d.fallback);
    let mut lines: Vec<String> = Vec::new();
    if e.displays.first().is_none_or(|d| d.text != e.terminal_text) {
        // A user file changed the text: it comes first, uncited.
        lines.push(e.terminal_text.clone());
    }
    for d in e.displays.iter().filter(|d| !own || !d.fallback) {
        lines.push(cited(out, e, &d.text, &d.source));
    }
    lines.join("\n")
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
    let mut rows = vec![(out.tr(Msg::CodeLabelTerminal), displays(out, e))];
    if let Some(c) = &e.class {
        rows.push((
            out.tr(Msg::CodeLabelClass),
            cited(out, e, c.value.name(lang), &c.source),
        ));
    }
    if let Some(d) = &e.decided_by {
        rows.push((
            out.tr(Msg::CodeLabelDecided),
            cited(out, e, d.role.name(lang), &d.source),
        ));
    }
    if !out.quiet
        && let Some(c) = &e.conditions
    {
        let text = if lang == crate::i18n::Lang::Zh {
            &c.zh
        } else {
            &c.en
        };
        rows.push((
            out.tr(Msg::CodeLabelConditions),
            cited(out, e, text, &c.source),
        ));
    }
    if let Some(c) = &e.conflict {
        rows.push((out.tr(Msg::CodeLabelConflict), c.get(lang).to_string()));
    }
    rows.extend([
        (out.tr(Msg::CodeLabelAction), e.action.get(lang).to_string()),
        (out.tr(Msg::CodeLabelWho), e.who.name(lang).to_string()),
        (out.tr(Msg::CodeLabelRetry), e.retry.name(lang).to_string()),
        (
            out.tr(Msg::CodeLabelCategory),
            format!(
                "{} · {}",
                named(e.category.name(lang), e.category.key(), lang),
                named(e.cause.name(lang), e.cause.key(), lang)
            ),
        ),
        (out.tr(Msg::CodeLabelFix), paint(CMD, &e.fix)),
    ]);
    if !out.quiet {
        // One line of short names; the full titles and addresses with --verbose.
        let sources: Vec<String> = if out.verbose > 0 {
            e.sources
                .iter()
                .map(|s| match &s.url {
                    Some(u) => format!("{} <{u}>", s.text.get(lang)),
                    None => s.text.get(lang).to_string(),
                })
                .collect()
        } else {
            vec![
                e.sources
                    .iter()
                    .map(|s| s.name.as_ref().map_or(s.key.as_str(), |n| n.get(lang)))
                    .collect::<Vec<_>>()
                    .join(if lang == crate::i18n::Lang::Zh {
                        "、"
                    } else {
                        ", "
                    }),
            ]
        };
        if !sources.iter().all(String::is_empty) {
            rows.push((out.tr(Msg::CodeLabelSource), sources.join("\n")));
        }
        if out.verbose > 0
            && let Some(n) = &e.note
        {
            rows.push((out.tr(Msg::CodeLabelNote), n.get(lang).to_string()));
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
            super::fit(&s)
        }
    }
}

pub fn code_list(out: &Output, entries: &[CodeEntry]) -> String {
    let lang = out.lang;
    let cat_w = entries
        .iter()
        .map(|e| width(&format!("{}/{}", e.category, e.cause)))
        .max()
        .unwrap_or(0);
    // The meaning takes what the terminal leaves; a long one wraps within its column.
    let meaning_w = entries
        .iter()
        .map(|e| width(e.meaning.get(lang)))
        .max()
        .unwrap_or(0)
        .min(48)
        .min(super::line_width().saturating_sub(4 + 2 + 2 + cat_w))
        .max(10);
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
        let lines = super::wrap::lines(e.meaning.get(lang), meaning_w);
        for (i, meaning) in lines.iter().enumerate() {
            if i == 0 {
                s.push_str(&format!(
                    "{}  {}  {}\n",
                    paint(CODE, &pad(&e.code, 4)),
                    pad(meaning, meaning_w),
                    paint(DIM, &format!("{}/{}", e.category, e.cause))
                ));
            } else {
                s.push_str(&format!("{}  {meaning}\n", pad("", 4)));
            }
        }
    }
    s.push_str(&format!(
        "\n{}\n",
        out.lang
            .trf(Msg::CodeListCount, &[("count", &entries.len())])
    ));
    s
}
