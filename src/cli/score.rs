//! `accord score`: a leads export scored with a session's rules, lead by lead or as a summary,
//! as text for people or JSON for scripts.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::report::{ReportFormat, Source};
use crate::analysis::icp::percent;
use crate::analysis::scoring::{self, Bin, MonthVolume, Scored};
use crate::import::leads::{self, Field, LeadColumns};
use crate::import::{self, PREVIEW_ROWS, Progress};
use crate::storage;

/// The arguments of `accord score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The leads export (CSV; comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252).
    pub file: PathBuf,
    /// The session whose scoring rules, threshold and ICP are used.
    #[arg(long, value_name = "FILE")]
    pub session: PathBuf,
    /// The score that makes a lead an MQL [default: the session's].
    #[arg(long, allow_negative_numbers = true)]
    pub threshold: Option<i32>,
    /// Print the totals, months and distribution without a line per lead.
    #[arg(long)]
    pub summary: bool,
    /// Also find the threshold that gives at most this many MQLs a month (in the whole file
    /// when no date column is mapped).
    #[arg(long, value_name = "MQLS")]
    pub target: Option<f64>,
    /// Read a field from this column, such as `--column "Job title=Role"`; repeat for more.
    /// Fields: Date created, Email, Phone, Job title, Company size, Industry, Country, Visited
    /// pricing page, Downloaded content, Attended a webinar, Requested a demo, Email engagement.
    #[arg(long = "column", value_name = "FIELD=COLUMN")]
    pub columns: Vec<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The JSON document `accord score --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub source: Source<'a>,
    pub threshold: i32,
    /// Which column each field was read from.
    pub columns: Vec<MappedField<'a>>,
    pub rules: Vec<RuleReport>,
    pub summary: Summary,
    /// One entry per lead, in file order; absent with `--summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leads: Option<Vec<LeadReport<'a>>>,
}

#[derive(Debug, Serialize)]
pub struct MappedField<'a> {
    pub field: &'static str,
    pub column: &'a str,
}

/// A rule, its points, and how many leads it fired on.
#[derive(Debug, Serialize)]
pub struct RuleReport {
    pub rule: String,
    pub points: i32,
    pub leads: u64,
    /// Why the file cannot answer the rule (it then scores nobody); null when it can.
    pub unavailable: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub leads: u64,
    pub mqls: u64,
    pub mql_share: f64,
    /// Months spanned by the dated leads, first to last; 0 without a date column.
    pub months: u32,
    pub mqls_per_month: Option<f64>,
    pub undated_leads: u64,
    pub by_month: Vec<MonthVolume>,
    /// Leads per 10-point band of score.
    pub distribution: Vec<Bin>,
    /// Follow-ups Sales can make in a month within the SLA; null until the session says.
    pub capacity_per_month: Option<u64>,
    /// MQLs a month that would wait past the SLA (0 when Sales keeps up); null until both the
    /// leads are dated and the capacity is set.
    pub over_capacity_per_month: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

/// The answer to `--target`.
#[derive(Debug, Serialize)]
pub struct Target {
    pub mqls: f64,
    pub per_month: bool,
    pub threshold: i32,
    /// The MQLs (a month, or in all) that threshold gives.
    pub gives: f64,
}

#[derive(Debug, Serialize)]
pub struct LeadReport<'a> {
    pub line: u64,
    pub lead: &'a str,
    pub score: i32,
    pub mql: bool,
    /// The rules that fired, with their points.
    pub rules: Vec<String>,
}

/// Applies `--column FIELD=COLUMN` overrides to the guessed mapping.
fn apply_columns(
    columns: &mut LeadColumns,
    preview: &import::Preview,
    overrides: &[String],
) -> anyhow::Result<()> {
    for text in overrides {
        let Some((field, column)) = text.split_once('=') else {
            bail!("--column {text}: write it as FIELD=COLUMN, such as \"Job title=Role\"");
        };
        let field = Field::ALL
            .into_iter()
            .find(|f| f.label().eq_ignore_ascii_case(field.trim()))
            .with_context(|| {
                let fields: Vec<&str> = Field::ALL.iter().map(|f| f.label()).collect();
                format!(
                    "--column {text}: “{}” is not a field; the fields are: {}",
                    field.trim(),
                    fields.join(", ")
                )
            })?;
        let index = preview.find(column).with_context(|| {
            format!(
                "--column {text}: {} has no column “{}”; its columns are: {}",
                preview.path.display(),
                column.trim(),
                preview.headers.join(", ")
            )
        })?;
        columns.set(field, Some(index));
    }
    Ok(())
}

pub fn run(args: &ScoreArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let session = storage::load(&args.session)?;
    let preview = import::preview(&args.file, PREVIEW_ROWS)?;
    let mut columns = LeadColumns::guess(&preview, &session.icp.attributes());
    apply_columns(&mut columns, &preview, &args.columns)?;
    let table = leads::read(
        &args.file,
        preview.dialect,
        &columns,
        !args.summary,
        &Progress::default(),
    )?;
    let scored = Scored::new(&table, &session.scoring, &session.icp);
    let threshold = args.threshold.unwrap_or(session.scoring.threshold);

    let rules = session
        .scoring
        .rules
        .iter()
        .zip(&scored.hits)
        .map(|(rule, hits)| RuleReport {
            rule: rule.condition.describe(),
            points: rule.points,
            leads: hits
                .as_ref()
                .map_or(0, |h| h.iter().filter(|x| **x).count() as u64),
            unavailable: hits.as_ref().err().map(ToString::to_string),
        })
        .collect();
    let volume = scoring::Volume::at(
        &scored,
        table.len as u64,
        threshold,
        &session.scoring.capacity,
    );
    let summary = Summary {
        leads: volume.leads,
        mqls: volume.mqls,
        mql_share: volume.share,
        months: scored.months,
        mqls_per_month: volume.per_month,
        undated_leads: scored.undated,
        by_month: scoring::by_month(&table, &scored, threshold),
        distribution: scored.distribution.clone(),
        capacity_per_month: volume.capacity_per_month,
        over_capacity_per_month: volume.over_capacity(),
        target: args.target.and_then(|target| {
            scored
                .threshold_for(target)
                .map(|(threshold, gives)| Target {
                    mqls: target,
                    per_month: scored.months > 0,
                    threshold,
                    gives,
                })
        }),
    };
    let leads = (!args.summary).then(|| {
        (0..table.len)
            .map(|i| LeadReport {
                line: table.lines[i],
                lead: table.labels.get(i).map_or("", String::as_str),
                score: scored.scores[i],
                mql: scored.scores[i] >= threshold,
                rules: session
                    .scoring
                    .rules
                    .iter()
                    .zip(&scored.hits)
                    .filter(|(_, hits)| hits.as_ref().is_ok_and(|h| h[i]))
                    .map(|(rule, _)| format!("{} ({:+})", rule.condition.describe(), rule.points))
                    .collect(),
            })
            .collect()
    });
    let report = Report {
        source: Source::new(&table.scan, preview.dialect),
        threshold,
        columns: Field::ALL
            .into_iter()
            .filter_map(|field| {
                let index = columns.get(field)?;
                Some(MappedField {
                    field: field.label(),
                    column: preview.headers.get(index)?.as_str(),
                })
            })
            .collect(),
        rules,
        summary,
        leads,
    };
    let window = scoring::follow_up_window(&session);
    match args.format {
        ReportFormat::Json => super::write_json(out, &report)?,
        ReportFormat::Text => write_text(out, &report, window.as_deref())?,
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    report: &Report<'_>,
    window: Option<&str>,
) -> std::io::Result<()> {
    writeln!(out, "{}", report.source)?;
    writeln!(out, "MQL at {} points", report.threshold)?;
    for rule in &report.rules {
        match &rule.unavailable {
            None => writeln!(
                out,
                "  {:>+5}  {}  ({})",
                rule.points,
                rule.rule,
                count(rule.leads, "lead")
            )?,
            Some(why) => writeln!(
                out,
                "  {:>+5}  {}  (not checked: {why})",
                rule.points, rule.rule
            )?,
        }
    }
    if let Some(leads) = &report.leads {
        writeln!(out)?;
        let width = leads
            .iter()
            .map(|l| l.lead.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        writeln!(
            out,
            "  {:>6}  {:>5}  {:3}  {:width$}  rules",
            "line", "score", "MQL", "lead"
        )?;
        for lead in leads {
            writeln!(
                out,
                "  {:>6}  {:>5}  {:3}  {:width$}  {}",
                lead.line,
                lead.score,
                if lead.mql { "yes" } else { "no" },
                lead.lead,
                lead.rules.join(", ")
            )?;
        }
    }
    let s = &report.summary;
    writeln!(out)?;
    writeln!(
        out,
        "MQLs: {} of {} leads ({})",
        s.mqls,
        s.leads,
        percent(s.mql_share)
    )?;
    if let Some(per_month) = s.mqls_per_month {
        writeln!(
            out,
            "Per month: {per_month:.1} MQLs on average over {} months",
            s.months
        )?;
        for month in &s.by_month {
            writeln!(
                out,
                "  {}  {:>12}  {:>12}",
                month.month,
                count(month.leads, "lead"),
                count(month.mqls, "MQL")
            )?;
        }
        if s.undated_leads > 0 {
            writeln!(
                out,
                "  {} without a readable date {} left out of the months",
                count(s.undated_leads, "lead"),
                if s.undated_leads == 1 { "is" } else { "are" }
            )?;
        }
    }
    match (s.capacity_per_month, window) {
        (Some(capacity), Some(window)) => writeln!(
            out,
            "Sales capacity: {capacity} follow-ups a month within the {window} SLA"
        )?,
        (Some(capacity), None) => writeln!(out, "Sales capacity: {capacity} follow-ups a month")?,
        (None, _) => writeln!(
            out,
            "Sales capacity: not set in the session (SDRs and follow-ups a day)"
        )?,
    }
    match s.over_capacity_per_month {
        Some(0) => writeln!(out, "Sales can follow up every MQL in time")?,
        Some(waiting) => writeln!(
            out,
            "Over capacity: {waiting} MQLs a month would wait past the SLA"
        )?,
        None => {}
    }
    if let Some(target) = &s.target {
        let period = if target.per_month { " a month" } else { "" };
        writeln!(
            out,
            "For at most {} MQLs{period}: a threshold of {} points gives {:.1}",
            target.mqls, target.threshold, target.gives
        )?;
    }
    writeln!(out, "Distribution")?;
    let most = s.distribution.iter().map(|b| b.leads).max().unwrap_or(0);
    for bin in &s.distribution {
        let bar = if most == 0 {
            0
        } else {
            (bin.leads * 40).div_ceil(most) as usize
        };
        let threshold = i64::from(report.threshold);
        let marker = if bin.from <= threshold && threshold <= bin.to {
            "  ← threshold"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:>5} to {:>5}  {:>7}  {}{marker}",
            bin.from,
            bin.to,
            bin.leads,
            "█".repeat(bar)
        )?;
    }
    Ok(())
}

/// "1 lead", "3 leads".
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
