//! `posdoctor incident`: the failure log — record by hand, list, show, stats, export.

use super::Context;
use crate::cli::{
    ExportFormat, IncidentAddArgs, IncidentArgs, IncidentCommand, IncidentExportArgs,
    IncidentFilter, IncidentListArgs, IncidentStatsArgs, IncidentStatus,
};
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status, Text};
use crate::i18n::Msg;
use crate::incident::{self, Filter, GroupBy, Incident, NewIncident, Outcome};
use crate::journal::Journal;
use crate::render;
use crate::txn::columns;

pub fn run(ctx: &Context, args: &IncidentArgs) -> Result<u8, Error> {
    match &args.command {
        IncidentCommand::Add(a) => add(ctx, a),
        IncidentCommand::List(a) => list(ctx, a),
        IncidentCommand::Show(a) => show(ctx, a.id, a.ticket),
        IncidentCommand::Stats(a) => stats(ctx, a),
        IncidentCommand::Export(a) => export(ctx, a),
        IncidentCommand::Update(a) => {
            let outcome = a.status.map(|s| match s {
                IncidentStatus::Open => Outcome::Open,
                IncidentStatus::Resolved => Outcome::Resolved,
                IncidentStatus::Escalated => Outcome::Escalated,
            });
            update(ctx, "incident update", a.id, outcome, a.note.as_deref())
        }
        IncidentCommand::Close(a) => update(
            ctx,
            "incident close",
            a.id,
            Some(Outcome::Resolved),
            a.note.as_deref(),
        ),
    }
}

fn existing(ctx: &Context) -> Result<Option<Journal>, Error> {
    ctx.existing_journal()
}

fn filter(f: &IncidentFilter) -> Result<Filter, Error> {
    let day = |flag: &str, v: &Option<String>| -> Result<Option<String>, Error> {
        v.as_deref()
            .map(|d| {
                columns::parse_date(d)
                    .map(columns::show_date)
                    .ok_or_else(|| Error::bad_value(flag, d, Msg::RuleDate))
            })
            .transpose()
    };
    Ok(Filter {
        category: f.category,
        cause: f.cause,
        terminal_id: f.terminal.clone(),
        outcome: f.outcome,
        since: day("--since", &f.since)?,
        until: day("--until", &f.until)?,
        limit: None,
        training: f.training,
    })
}

fn add(ctx: &Context, a: &IncidentAddArgs) -> Result<u8, Error> {
    if let Some(c) = a.cause
        && !a.category.causes().contains(&c)
    {
        return Err(Error::bad_value(
            "--cause",
            c.key(),
            Msg::RuleCauseOfCategory,
        ));
    }
    if let Some(c) = &a.code
        && !incident::valid_code(c)
    {
        return Err(Error::bad_value(
            "--code",
            crate::input::excerpt(c, crate::input::EXCERPT_CHARS),
            Msg::RuleResponseCode,
        ));
    }
    let at = match &a.at {
        Some(v) => {
            let (d, t) = columns::parse_when("--at", v)?;
            let offset = crate::txn::now_local().offset();
            Some(
                local_time(d, t, offset)
                    .ok_or_else(|| Error::bad_value("--at", v, Msg::RuleDateTime))?,
            )
        }
        None => None,
    };
    let mut record = NewIncident {
        at,
        category: Some(a.category),
        cause: a.cause,
        outcome: Some(a.outcome),
        source: "manual",
        code: a.code.clone(),
        training: a.training,
        ..Default::default()
    };
    a.about.apply(&mut record)?;
    let journal = ctx.journal()?;
    let inc = journal.add_incident(&record)?;
    let report = Report::new(
        "incident add",
        vec![Finding::new(
            "incident.added",
            Status::Ok,
            Text::msg(Msg::IncidentAdded).arg("id", inc.id),
        )],
    )
    .with("incident", &inc);
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(exit::OK)
}

/// `YYYYMMDD` and `HHMMSS` at `offset`.
fn local_time(d: u32, t: u32, offset: time::UtcOffset) -> Option<time::OffsetDateTime> {
    let month = time::Month::try_from((d / 100 % 100) as u8).ok()?;
    let date = time::Date::from_calendar_date((d / 10000) as i32, month, (d % 100) as u8).ok()?;
    let tod =
        time::Time::from_hms((t / 10000) as u8, (t / 100 % 100) as u8, (t % 100) as u8).ok()?;
    Some(time::PrimitiveDateTime::new(date, tod).assume_offset(offset))
}

fn list(ctx: &Context, a: &IncidentListArgs) -> Result<u8, Error> {
    let mut f = filter(&a.filter)?;
    let (items, total) = match existing(ctx)? {
        Some(j) => {
            let total = j.incident_count(&f)?;
            f.limit = Some(a.limit);
            (j.incidents(&f)?, total)
        }
        None => (Vec::new(), 0),
    };
    let report = Report::new("incident list", Vec::new())
        .with("total", total)
        .with("incidents", &items);
    ctx.out
        .report(&report, |o| render::incident_list(o, &items, total))?;
    Ok(exit::OK)
}

fn missing(ctx: &Context, id: i64) -> Error {
    let shown = ctx.store().map(|l| l.shown()).unwrap_or_default();
    Message::new(Msg::ErrorIncidentMissing)
        .arg("id", id)
        .arg("path", shown)
        .into()
}

fn show(ctx: &Context, id: i64, ticket: bool) -> Result<u8, Error> {
    let found = match existing(ctx)? {
        Some(j) => j.incident(id)?,
        None => None,
    };
    let inc = found.ok_or_else(|| missing(ctx, id))?;
    let mut report = Report::new("incident show", Vec::new()).with("incident", &inc);
    if ticket {
        let t = incident::ticket(&inc);
        report = report.with("ticket", &t);
        ctx.out
            .report(&report, |o| render::ticket_shown(o.lang, &t))?;
    } else {
        ctx.out
            .report(&report, |o| render::incident_show(o, &inc))?;
    }
    Ok(exit::OK)
}

/// `incident update` and `incident close`: the outcome changed, a line added to the note.
fn update(
    ctx: &Context,
    command: &str,
    id: i64,
    outcome: Option<Outcome>,
    note: Option<&str>,
) -> Result<u8, Error> {
    if let Some(n) = note
        && !incident::valid_note(n)
    {
        let shown = crate::input::excerpt(n, crate::input::EXCERPT_CHARS);
        return Err(Error::bad_value("--note", &shown, Msg::RuleNote));
    }
    let found = match existing(ctx)? {
        Some(j) => j.update_incident(id, outcome, note)?,
        None => None,
    };
    let inc = found.ok_or_else(|| missing(ctx, id))?;
    let report = Report::new(
        command,
        vec![Finding::new(
            "incident.updated",
            Status::Ok,
            ctx.out.lang.trf(
                Msg::IncidentUpdated,
                &[
                    ("id", &inc.id),
                    ("outcome", &render::outcome_name(ctx.out.lang, inc.outcome)),
                ],
            ),
        )],
    )
    .with("incident", &inc);
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(exit::OK)
}

fn stats(ctx: &Context, a: &IncidentStatsArgs) -> Result<u8, Error> {
    let f = filter(&a.filter)?;
    let by: Vec<GroupBy> = if a.by.is_empty() {
        GroupBy::ALL.to_vec()
    } else {
        a.by.clone()
    };
    let journal = existing(ctx)?;
    let mut groups = Vec::new();
    for g in &by {
        let rows = match &journal {
            Some(j) => j.incident_groups(&f, *g)?,
            None => Vec::new(),
        };
        groups.push((*g, rows));
    }
    let total: u64 = match &journal {
        Some(j) => j.incident_count(&f)?,
        None => 0,
    };
    let mut by_json = serde_json::Map::new();
    for (g, rows) in &groups {
        by_json.insert(
            g.key().to_string(),
            serde_json::to_value(rows).unwrap_or_default(),
        );
    }
    let report = Report::new("incident stats", Vec::new())
        .with("total", total)
        .with("by", by_json);
    ctx.out.report(&report, |o| {
        render::incident_stats(o, total, &groups, a.top)
    })?;
    Ok(exit::OK)
}

fn export(ctx: &Context, a: &IncidentExportArgs) -> Result<u8, Error> {
    let f = filter(&a.filter)?;
    let items: Vec<Incident> = match existing(ctx)? {
        Some(j) => j.incidents(&f)?,
        None => Vec::new(),
    };
    // The option of the command is more specific than the global `--json`: `--format csv`
    // writes CSV even with `--json`; without `--format`, `--json` asks for JSON.
    let json = match a.format {
        Some(format) => format == ExportFormat::Json,
        None => ctx.out.json,
    };
    let text = if json {
        serde_json::to_string_pretty(&items).map_err(Error::internal)? + "\n"
    } else {
        render::incident_csv(&items)
    };
    match &a.output {
        // `-o -` is standard output, as everywhere else.
        None => ctx.out.emit(&text)?,
        Some(path) if path.as_os_str() == "-" => ctx.out.emit(&text)?,
        Some(path) => {
            // Written beside the target and renamed, so a reader never sees half a file.
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let fail = |e: std::io::Error| Error::Io {
                message: Message::new(Msg::ErrorIncidentExport).arg("path", path.display()),
                source: e,
            };
            let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
            std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(fail)?;
            tmp.persist(path).map_err(|e| fail(e.error))?;
            ctx.out.note(&ctx.out.lang.trf(
                Msg::IncidentExported,
                &[("n", &items.len()), ("path", &path.display())],
            ));
        }
    }
    Ok(exit::OK)
}
