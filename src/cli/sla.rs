//! `accord sla-check`: how well one of a session's SLAs was kept, measured on exported events.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::report::{ReportFormat, Source};
use crate::analysis::clock;
use crate::analysis::compliance::{self, Compliance, Figures};
use crate::analysis::icp::percent;
use crate::edit::Edit;
use crate::export::tables;
use crate::import::events::{self, EventColumns, EventField};
use crate::import::{self, PREVIEW_ROWS, Preview, Progress, SkippedRow};
use crate::model::{Session, Sla};
use crate::storage;

/// The arguments of `accord sla-check`.
#[derive(Debug, clap::Args)]
pub struct SlaCheckArgs {
    /// The events export (CSV): one row per item the SLA covers.
    pub file: PathBuf,
    /// The session that holds the SLA.
    #[arg(long, value_name = "FILE")]
    pub session: PathBuf,
    /// The SLA's name, as the session writes it (case does not matter).
    #[arg(long, value_name = "NAME")]
    pub sla: String,
    /// The column with the time the clock starts [default: guessed from the headers].
    #[arg(long, value_name = "COL")]
    pub created: Option<String>,
    /// The column with the time it was handled; blank means not yet [default: guessed].
    #[arg(long, value_name = "COL")]
    pub handled: Option<String>,
    /// The column naming who owned it [default: guessed].
    #[arg(long, value_name = "COL")]
    pub owner: Option<String>,
    /// Keep the figures (never the events) in the session, for `accord trend`; the session
    /// is written atomically and its previous version kept as FILE.bak.
    #[arg(long)]
    pub keep: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The JSON document `accord sla-check --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub source: Source<'a>,
    pub sla: SlaReport<'a>,
    /// The column each field was read from; null when the file has none.
    pub columns: Columns<'a>,
    pub rows_read: u64,
    pub rows_skipped: u64,
    /// The first skipped rows, with their line and why.
    pub skipped: &'a [SkippedRow],
    /// `kind` is "response" (share in time, median, p90, by owner) or "volume" (per month).
    pub result: Compliance,
    /// Whether the figures were kept in the session (`--keep`).
    pub kept: bool,
}

#[derive(Debug, Serialize)]
pub struct SlaReport<'a> {
    pub name: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub when: String,
    /// The opening hours the clock runs in; null when it runs on the wall clock.
    pub business_hours: Option<String>,
    pub time_zone: &'a str,
    pub target_percent: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct Columns<'a> {
    pub created: Option<&'a str>,
    pub handled: Option<&'a str>,
    pub owner: Option<&'a str>,
}

/// The SLA called `name` in `session`, or an error that lists the names there are.
fn find<'a>(session: &'a Session, name: &str) -> anyhow::Result<&'a Sla> {
    let wanted = name.trim();
    if let Some(sla) = session
        .slas
        .iter()
        .find(|s| s.name.trim().eq_ignore_ascii_case(wanted))
    {
        return Ok(sla);
    }
    let names: Vec<&str> = session.slas.iter().map(|s| s.name.trim()).collect();
    if names.is_empty() {
        bail!("the session has no SLA yet");
    }
    bail!(
        "the session has no SLA called “{wanted}”; its SLAs are: {}",
        names.join(", ")
    )
}

/// The guessed columns with the ones named on the command line put in.
fn columns(args: &SlaCheckArgs, preview: &Preview) -> anyhow::Result<EventColumns> {
    let mut columns = EventColumns::guess(preview);
    let named = [
        (EventField::Created, "--created", &args.created),
        (EventField::Handled, "--handled", &args.handled),
        (EventField::Owner, "--owner", &args.owner),
    ];
    for (field, flag, name) in named {
        let Some(name) = name else { continue };
        let index = preview.find(name).with_context(|| {
            format!(
                "{flag} {name}: {} has no column “{}”; its columns are: {}",
                preview.path.display(),
                name.trim(),
                preview.headers.join(", ")
            )
        })?;
        columns.set(field, Some(index));
    }
    if columns.created.is_none() {
        bail!(
            "{}: no column looks like the time the clock starts; name it with --created (its columns are: {})",
            preview.path.display(),
            preview.headers.join(", ")
        );
    }
    Ok(columns)
}

pub fn run(args: &SlaCheckArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let session = storage::load(&args.session)?;
    let sla = find(&session, &args.sla)?;
    let zone = clock::zone(&sla.time_zone).with_context(|| format!("SLA “{}”", sla.name))?;
    let preview = import::preview(&args.file, PREVIEW_ROWS)?;
    let columns = columns(args, &preview)?;
    let table = events::read(
        &preview,
        columns,
        columns.date_order(&preview),
        &zone,
        &Progress::default(),
    )?;
    let result = compliance::check(sla, &table).with_context(|| format!("SLA “{}”", sla.name))?;
    if args.keep {
        let figures = compliance::kept(sla, &table, &result);
        let mut kept = session.clone();
        kept.apply(Edit::KeepSlaFigures(sla.id, Box::new(figures)))?;
        storage::save(&args.session, &kept)?;
    }
    let header = |index: Option<usize>| {
        index
            .and_then(|i| preview.headers.get(i))
            .map(String::as_str)
    };
    let report = Report {
        source: Source::new(&table.scan, preview.dialect),
        sla: SlaReport {
            name: &sla.name,
            from: session.team_name(sla.from_team),
            to: session.team_name(sla.to_team),
            when: tables::window(sla),
            business_hours: sla
                .when
                .unit
                .uses_business_hours()
                .then(|| sla.business_hours.describe()),
            time_zone: if sla.time_zone.trim().is_empty() {
                "UTC"
            } else {
                sla.time_zone.trim()
            },
            target_percent: sla.target_percent,
        },
        columns: Columns {
            created: header(columns.created),
            handled: header(columns.handled),
            owner: header(columns.owner),
        },
        rows_read: table.scan.rows_read,
        rows_skipped: table.scan.skipped.total(),
        skipped: &table.scan.skipped.examples,
        result,
        kept: args.keep,
    };
    match args.format {
        ReportFormat::Json => super::write_json(out, &report)?,
        ReportFormat::Text => write_text(out, &report)?,
    }
    Ok(())
}

fn write_text(out: &mut impl Write, report: &Report<'_>) -> std::io::Result<()> {
    let sla = &report.sla;
    writeln!(out, "{}", report.source)?;
    writeln!(out, "{}: {} → {}", sla.name, sla.from, sla.to)?;
    match (&sla.business_hours, &report.result) {
        (Some(hours), _) => writeln!(out, "  {} ({hours}, {})", sla.when, sla.time_zone)?,
        (None, Compliance::Response(_)) => writeln!(out, "  {} ({})", sla.when, sla.time_zone)?,
        (None, Compliance::Volume(_)) => writeln!(out, "  {}", sla.when)?,
    }
    let column = |name: Option<&str>| name.map_or("none".to_owned(), |n| format!("“{n}”"));
    writeln!(
        out,
        "  clock starts: {}, handled: {}, owner: {}",
        column(report.columns.created),
        column(report.columns.handled),
        column(report.columns.owner)
    )?;
    writeln!(out)?;
    match &report.result {
        Compliance::Response(check) => {
            if let Some(as_of) = check.as_of {
                let zone = clock::zone(sla.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
                writeln!(
                    out,
                    "As of {} (the latest time in the file); times in {}",
                    as_of.to_zoned(zone).strftime("%Y-%m-%d %H:%M %Z"),
                    check.unit
                )?;
            }
            let width = check
                .by_owner
                .iter()
                .map(|o| o.owner.chars().count())
                .max()
                .unwrap_or(0)
                .max("(no owner)".len());
            writeln!(
                out,
                "  {:width$}  {:>7}  {:>7}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}  {:>7}",
                "", "events", "in time", "late", "never", "open", "share", "median", "p90"
            )?;
            row(out, "All", &check.overall, width, check.target_percent)?;
            for owner in &check.by_owner {
                let name = if owner.owner.is_empty() {
                    "(no owner)"
                } else {
                    &owner.owner
                };
                row(out, name, &owner.figures, width, check.target_percent)?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "“Late” includes the never handled; “open” ones are still within the window and are not counted."
            )?;
        }
        Compliance::Volume(volume) => {
            writeln!(out, "Agreed: {} a month", volume.per_month)?;
            for month in &volume.months {
                writeln!(
                    out,
                    "  {}  {:>7}  {}",
                    month.month,
                    month.count,
                    if month.met { "met" } else { "short" }
                )?;
            }
            if let Some(share) = volume.share_met {
                writeln!(
                    out,
                    "{} of {} months met it ({})",
                    volume.months_met,
                    volume.months.len(),
                    percent(share)
                )?;
            }
        }
    }
    if report.rows_skipped > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "Skipped {} of {} rows:",
            report.rows_skipped, report.rows_read
        )?;
        for skipped in report.skipped {
            writeln!(
                out,
                "  {}:{}: {}",
                report.source.file, skipped.line, skipped.reason
            )?;
        }
    }
    if report.kept {
        writeln!(out)?;
        writeln!(out, "Kept in the session for `accord trend`.")?;
    }
    Ok(())
}

fn row(
    out: &mut impl Write,
    name: &str,
    figures: &Figures,
    width: usize,
    target: Option<f64>,
) -> std::io::Result<()> {
    let number = |value: Option<f64>| value.map_or("–".to_owned(), |v| format!("{v:.1}"));
    let verdict = match (figures.meets_target, target) {
        (Some(true), Some(target)) => format!("meets {target}%"),
        (Some(false), Some(target)) => format!("below {target}%"),
        _ => String::new(),
    };
    writeln!(
        out,
        "  {name:width$}  {:>7}  {:>7}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}  {:>7}  {verdict}",
        figures.events,
        figures.met,
        figures.missed,
        figures.never_handled,
        figures.open,
        figures
            .share_met
            .map_or("–".to_owned(), |share| format!("{:.1}%", share * 100.0)),
        number(figures.median),
        number(figures.p90),
    )
}
