//! `posdoctor code`: explain response codes.

use super::Context;
use crate::cli::CodeArgs;
use crate::codes::{CodeTable, Lookup, normalize_code};
use crate::error::{Error, exit};
use crate::finding::{Finding, Report, Status, Text};
use crate::i18n::Msg;
use crate::render;

/// Several words that are each a code ("51 55") are several codes; anything else is one text
/// ("insufficient funds", "51 余额不足").
fn queries(words: &[String]) -> Vec<String> {
    if words.len() > 1 && words.iter().all(|w| normalize_code(w).is_some()) {
        words.to_vec()
    } else {
        vec![words.join(" ")]
    }
}

pub fn run(ctx: &Context, args: &CodeArgs) -> Result<u8, Error> {
    let table = CodeTable::load(Some(&ctx.paths.config_dir))?;
    let out = &ctx.out;
    if args.list {
        let entries = table.list(args.category, args.cause);
        let report = Report::new("code", Vec::new()).with("codes", &entries);
        out.report(&report, |o| render::code_list(o, &entries))?;
        return Ok(exit::OK);
    }
    let mut lookups = Vec::new();
    for q in queries(&args.query) {
        lookups.push(table.lookup(&q)?);
    }
    let mut findings = Vec::new();
    let mut codes = Vec::new();
    for l in &lookups {
        match l {
            Lookup::Found(entries) => codes.extend(entries.iter().cloned()),
            Lookup::Unknown { query, suggestions } => {
                let summary = Text::msg(Msg::CodeUnknown).arg("query", query);
                let mut f =
                    Finding::new("code.unknown", Status::Fail, summary).target(query.clone());
                if !suggestions.is_empty() {
                    let near: Vec<&str> = suggestions.iter().map(|e| e.code.as_str()).collect();
                    f = f.metric("suggestions", near);
                }
                findings.push(f);
            }
        }
    }
    let report = Report::new("code", findings)
        .with("query", args.query.join(" "))
        .with("codes", &codes);
    out.report(&report, |o| {
        lookups
            .iter()
            .map(|l| render::code_lookup(o, l))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(report.exit_code(ctx.global.strict))
}
