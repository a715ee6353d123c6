//! Human text for the incident log: the list, one record, the statistics with their bar
//! charts, and the CSV export.

use super::{BOLD, DIM, Glyphs, Output, fields, paint, table};
use crate::i18n::{Lang, Msg};
use crate::incident::{Group, GroupBy, Incident, Outcome};
use crate::taxonomy::{Category, Cause};
use crate::txn::columns::yuan;

/// Columns the bars may take (fewer when the terminal leaves less room).
const BAR_WIDTH: usize = 30;

pub fn outcome_name(lang: Lang, o: Outcome) -> &'static str {
    lang.tr(match o {
        Outcome::Resolved => Msg::IncidentOutcomeResolved,
        Outcome::Escalated => Msg::IncidentOutcomeEscalated,
        Outcome::Abandoned => Msg::IncidentOutcomeAbandoned,
        Outcome::Open => Msg::IncidentOutcomeOpen,
    })
}

/// `2026-11-23T14:05:09+08:00` as `2026-11-23 14:05`.
fn short_time(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

pub fn incident_list(out: &Output, items: &[Incident], total: u64) -> String {
    let lang = out.lang;
    if items.is_empty() {
        return format!("{}\n", lang.tr(Msg::IncidentEmpty));
    }
    let header = [
        lang.tr(Msg::IncidentId),
        lang.tr(Msg::IncidentAt),
        lang.tr(Msg::IncidentCategory),
        lang.tr(Msg::IncidentCause),
        lang.tr(Msg::IncidentTerminal),
        lang.tr(Msg::TicketCode),
        lang.tr(Msg::IncidentOutcome),
    ];
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                if i.training {
                    format!("{}*", i.id)
                } else {
                    i.id.to_string()
                },
                short_time(&i.at),
                i.category.name(lang).to_string(),
                i.cause.map_or("-", |c| c.name(lang)).to_string(),
                i.terminal_id.clone().unwrap_or_else(|| "-".into()),
                i.code.clone().unwrap_or_else(|| "-".into()),
                outcome_name(lang, i.outcome).to_string(),
            ]
        })
        .collect();
    let mut s = table(&header, &rows);
    if (items.len() as u64) < total {
        s.push_str(&format!(
            "\n{}\n",
            paint(
                DIM,
                &lang.trf(
                    Msg::IncidentShown,
                    &[("n", &items.len()), ("total", &total)]
                )
            )
        ));
    }
    s
}

pub fn incident_show(out: &Output, i: &Incident) -> String {
    let lang = out.lang;
    let mut heading = lang.trf(Msg::IncidentHeading, &[("id", &i.id)]);
    if i.training {
        heading.push(' ');
        heading.push_str(lang.tr(Msg::IncidentTrainingMark));
    }
    let mut s = format!("{}\n", paint(BOLD, &heading));
    let mut rows: Vec<(&str, String)> = vec![
        (lang.tr(Msg::IncidentAt), i.at.clone()),
        (
            lang.tr(Msg::IncidentCategory),
            i.category.name(lang).to_string(),
        ),
    ];
    if let Some(c) = i.cause {
        rows.push((lang.tr(Msg::IncidentCause), c.name(lang).to_string()));
    }
    rows.push((
        lang.tr(Msg::IncidentOutcome),
        outcome_name(lang, i.outcome).to_string(),
    ));
    rows.push((
        lang.tr(Msg::IncidentSource),
        lang.tr(if i.source == "fix" {
            Msg::IncidentSourceFix
        } else {
            Msg::IncidentSourceManual
        })
        .to_string(),
    ));
    let amount = i
        .amount
        .map(|a| lang.trf(Msg::TxnAmountYuan, &[("amount", &yuan(a))]));
    for (label, v) in [
        (Msg::TicketAmount, &amount),
        (Msg::TicketRrn, &i.rrn),
        (Msg::TicketCard, &i.card),
        (Msg::TicketTerminal, &i.terminal_id),
        (Msg::TicketMerchant, &i.merchant_id),
        (Msg::TicketCode, &i.code),
        (Msg::IncidentCaller, &i.caller),
        (Msg::IncidentNote, &i.note),
    ] {
        if let Some(v) = v {
            rows.push((lang.tr(label), v.clone()));
        }
    }
    s.push_str(&fields(&rows));
    if !i.steps.is_empty() {
        s.push_str(&format!("{}\n", paint(BOLD, lang.tr(Msg::IncidentSteps))));
        for st in &i.steps {
            let mut line = format!("  {}  {}", st.node, crate::redact::human(&st.answer, false));
            if let Some(r) = &st.result {
                line.push_str(&format!("  {}", paint(DIM, r)));
            }
            s.push_str(&line);
            s.push('\n');
        }
    }
    s
}

fn group_label(lang: Lang, by: GroupBy, key: Option<&str>) -> String {
    let unknown = || lang.tr(Msg::IncidentUnknown).to_string();
    let Some(k) = key else {
        return unknown();
    };
    let parsed = || serde_json::Value::String(k.to_string());
    // The name people read, and the key the filters take when it differs.
    // In Chinese the name alone: the keys are English words, and `--help` lists them.
    let named = |name: &str| {
        if name == k || lang == Lang::Zh {
            name.to_string()
        } else {
            format!("{name} ({k})")
        }
    };
    match by {
        GroupBy::Category => serde_json::from_value::<Category>(parsed())
            .map_or_else(|_| k.to_string(), |c| named(c.name(lang))),
        GroupBy::Cause => serde_json::from_value::<Cause>(parsed())
            .map_or_else(|_| k.to_string(), |c| named(c.name(lang))),
        GroupBy::Terminal | GroupBy::Week => k.to_string(),
    }
}

fn bar(glyphs: Glyphs, count: u64, max: u64, bar_width: usize) -> String {
    let cells = if max == 0 {
        0
    } else {
        // At least one cell for any count, so a rare cause still shows.
        ((count as usize * bar_width).div_ceil(max as usize)).max(1)
    };
    let c = match glyphs {
        Glyphs::Unicode => "█",
        Glyphs::Ascii => "#",
    };
    c.repeat(cells)
}

pub fn incident_stats(
    out: &Output,
    total: u64,
    groups: &[(GroupBy, Vec<Group>)],
    top: usize,
) -> String {
    let lang = out.lang;
    if total == 0 {
        return format!("{}\n", lang.tr(Msg::IncidentEmpty));
    }
    let mut s = format!(
        "{}\n",
        paint(BOLD, &lang.trf(Msg::IncidentTotal, &[("n", &total)]))
    );
    for (by, rows) in groups {
        let title = lang.tr(match by {
            GroupBy::Category => Msg::IncidentByCategory,
            GroupBy::Cause => Msg::IncidentByCause,
            GroupBy::Terminal => Msg::IncidentByTerminal,
            GroupBy::Week => Msg::IncidentByWeek,
        });
        s.push_str(&format!("\n{}\n", paint(BOLD, title)));
        // Weeks are shown in time order, the latest `top` of them; the rest by count.
        let shown: Vec<&Group> = if *by == GroupBy::Week {
            rows.iter().skip(rows.len().saturating_sub(top)).collect()
        } else {
            rows.iter().take(top).collect()
        };
        let max = shown.iter().map(|g| g.count).max().unwrap_or(0);
        let header = [
            match by {
                GroupBy::Category => lang.tr(Msg::IncidentCategory),
                GroupBy::Cause => lang.tr(Msg::IncidentCause),
                GroupBy::Terminal => lang.tr(Msg::IncidentTerminal),
                GroupBy::Week => lang.tr(Msg::IncidentWeek),
            },
            lang.tr(Msg::IncidentCount),
            lang.tr(Msg::IncidentShare),
            lang.tr(Msg::IncidentResolvedCol),
            "",
        ];
        let mut table_rows: Vec<Vec<String>> = shown
            .iter()
            .map(|g| {
                vec![
                    group_label(lang, *by, g.key.as_deref()),
                    g.count.to_string(),
                    format!("{:.0} %", 100.0 * g.count as f64 / total as f64),
                    g.resolved.to_string(),
                ]
            })
            .collect();
        // The bars take what the other columns leave on the line.
        let others: usize = (0..4)
            .map(|i| {
                table_rows
                    .iter()
                    .map(|r| super::width(&r[i]))
                    .chain([super::width(header[i])])
                    .max()
                    .unwrap_or(0)
            })
            .sum();
        let bar_width = super::line_width()
            .saturating_sub(2 + 4 * 2 + others)
            .clamp(5, BAR_WIDTH);
        for (row, g) in table_rows.iter_mut().zip(&shown) {
            row.push(bar(out.glyphs, g.count, max, bar_width));
        }
        s.push_str(&table(&header, &table_rows));
        if rows.len() > shown.len() {
            s.push_str(&format!(
                "  {}\n",
                paint(
                    DIM,
                    &lang.trf(
                        Msg::IncidentShown,
                        &[("n", &shown.len()), ("total", &rows.len())]
                    )
                )
            ));
        }
    }
    s
}

/// Every incident as one CSV row; the steps as `node=answer` separated by `; `.
pub fn incident_csv(items: &[Incident]) -> String {
    let mut w = crate::csv_out::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "at",
        "week",
        "category",
        "cause",
        "outcome",
        "source",
        "terminal_id",
        "merchant_id",
        "rrn",
        "card",
        "amount",
        "code",
        "note",
        "steps",
        "caller",
        "training",
    ]);
    for i in items {
        let steps: Vec<String> = i
            .steps
            .iter()
            .map(|s| format!("{}={}", s.node, s.answer))
            .collect();
        // Records were scrubbed when written; an older database may hold anything.
        let cell =
            |v: &Option<String>| crate::redact::secrets(v.as_deref().unwrap_or("")).into_owned();
        let _ = w.write_record([
            i.id.to_string(),
            i.at.clone(),
            i.week.clone(),
            i.category.key().to_string(),
            i.cause.map(|c| c.key().to_string()).unwrap_or_default(),
            i.outcome.key().to_string(),
            i.source.clone(),
            cell(&i.terminal_id),
            cell(&i.merchant_id),
            cell(&i.rrn),
            cell(&i.card),
            i.amount.map(yuan).unwrap_or_default(),
            cell(&i.code),
            cell(&i.note),
            steps.join("; "),
            cell(&i.caller),
            i.training.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
