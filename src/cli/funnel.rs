//! `accord funnel`: the pipeline's conversion from stage to stage, from counts given on the
//! command line, counted from a CRM export, or kept in the session, against typical ranges.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::report::{ReportFormat, Source};
use crate::analysis::icp::percent;
use crate::analysis::pipeline::{self, Flag, FunnelCheck, RangeSource, Ranges};
use crate::edit::{Edit, FunnelKeep};
use crate::import::{self, PREVIEW_ROWS, Progress, funnel};
use crate::model::{Session, StageId};
use crate::storage;

/// The arguments of `accord funnel`.
#[derive(Debug, clap::Args)]
pub struct FunnelArgs {
    /// The session whose stages, in order, make the funnel.
    #[arg(long, value_name = "FILE")]
    pub session: PathBuf,
    /// How many reached each stage, by stage name: `lead=1000,mql=300,sql=120`.
    #[arg(long, value_name = "STAGE=N,…", conflicts_with = "csv")]
    pub counts: Option<String>,
    /// A CRM export with one row per record and the stage it is in.
    #[arg(long, value_name = "FILE", requires = "stage_column")]
    pub csv: Option<PathBuf>,
    /// The column of `--csv` that holds the stage.
    #[arg(long, value_name = "COL", requires = "csv")]
    pub stage_column: Option<String>,
    /// A ranges file to use instead of the built-in one (see assets/data/funnel-ranges.ron).
    #[arg(long, value_name = "FILE")]
    pub ranges: Option<PathBuf>,
    /// Keep the counts given or counted in the session, for `accord trend`; the session is
    /// written atomically and its previous version kept as FILE.bak.
    #[arg(long)]
    pub keep: bool,
    /// With --keep: the period the counts cover, such as 2026-Q4 [default: the session's].
    #[arg(long, value_name = "LABEL", requires = "keep")]
    pub period: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The JSON document `accord funnel --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Where the counts came from: "counts", "csv" or "session".
    pub counts_from: &'static str,
    /// The CSV read, with `--csv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source<'a>>,
    /// Stage values of the CSV that name no stage, with their rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<Unmatched<'a>>,
    pub stages: Vec<StageCount<'a>>,
    #[serde(flatten)]
    pub check: FunnelCheck,
    pub ranges_source: &'a RangeSource,
    /// Whether the counts were kept in the session (`--keep`).
    pub kept: bool,
}

#[derive(Debug, Serialize)]
pub struct StageCount<'a> {
    pub stage: &'a str,
    pub count: Option<u64>,
}

#[derive(Debug, Serialize)]
pub struct Unmatched<'a> {
    pub value: &'a str,
    pub rows: u64,
}

/// Reads `lead=1000,mql=300` against the session's stage names.
fn parse_counts(text: &str, names: &[&str]) -> anyhow::Result<Vec<Option<u64>>> {
    let mut counts = vec![None; names.len()];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((stage, count)) = part.split_once('=') else {
            bail!("--counts {part}: write it as STAGE=N, such as mql=300");
        };
        let index = names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(stage.trim()))
            .with_context(|| {
                format!(
                    "--counts: the session has no stage “{}”; its stages are: {}",
                    stage.trim(),
                    names.join(", ")
                )
            })?;
        let count = crate::analysis::counts::parse_count(count)
            .with_context(|| format!("--counts {part}"))?;
        let Some(count) = count else {
            bail!("--counts {part}: write it as STAGE=N, such as mql=300");
        };
        counts[index] = Some(count);
    }
    Ok(counts)
}

pub fn run(args: &FunnelArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let session: Session = storage::load(&args.session)?;
    if session.stages.is_empty() {
        bail!(
            "{}: the session has no pipeline stages",
            args.session.display()
        );
    }
    let ranges = match &args.ranges {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            Ranges::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => Ranges::bundled().map_err(|e| anyhow::anyhow!("the built-in ranges: {e}"))?,
    };
    let names: Vec<&str> = session.stages.iter().map(|s| s.name.as_str()).collect();
    let mut reached = None;
    let mut preview = None;
    let (counts_from, counts) = match (&args.counts, &args.csv, &args.stage_column) {
        (Some(text), _, _) => ("counts", parse_counts(text, &names)?),
        (None, Some(path), Some(column)) => {
            let file = import::preview(path, PREVIEW_ROWS)?;
            let index = file.find(column).with_context(|| {
                format!(
                    "--stage-column {column}: {} has no column “{}”; its columns are: {}",
                    path.display(),
                    column.trim(),
                    file.headers.join(", ")
                )
            })?;
            let result = funnel::reached(&file, index, &names, &Progress::default())?;
            let counts = result.counts.iter().map(|c| Some(*c)).collect();
            reached = Some(result);
            preview = Some(file);
            ("csv", counts)
        }
        _ => (
            "session",
            session
                .stages
                .iter()
                .map(|s| session.funnel.counts.get(&s.id).copied())
                .collect(),
        ),
    };
    let stages: Vec<(String, Option<u64>)> = names
        .iter()
        .map(|n| (*n).to_owned())
        .zip(counts.iter().copied())
        .collect();
    if args.keep {
        keep(args, &session, &counts, reached.as_ref())?;
    }
    let check = pipeline::funnel(&stages, &ranges);
    let report = Report {
        counts_from,
        source: reached
            .as_ref()
            .zip(preview.as_ref())
            .map(|(r, p)| Source::new(&r.scan, p.dialect)),
        unmatched: reached
            .as_ref()
            .map(|r| {
                r.unmatched
                    .iter()
                    .map(|(value, rows)| Unmatched { value, rows: *rows })
                    .collect()
            })
            .unwrap_or_default(),
        stages: names
            .iter()
            .zip(&counts)
            .map(|(stage, count)| StageCount {
                stage,
                count: *count,
            })
            .collect(),
        check,
        ranges_source: &ranges.source,
        kept: args.keep,
    };
    match args.format {
        ReportFormat::Json => super::write_json(out, &report)?,
        ReportFormat::Text => write_text(out, &report)?,
    }
    Ok(())
}

/// Writes `counts` (one per stage, in order) into the session file, with the export they were
/// counted from.
fn keep(
    args: &FunnelArgs,
    session: &Session,
    counts: &[Option<u64>],
    reached: Option<&funnel::Reached>,
) -> anyhow::Result<()> {
    if args.counts.is_none() && args.csv.is_none() {
        bail!("--keep: give the counts with --counts, or a CRM export with --csv");
    }
    let stages: Vec<StageId> = session.stages.iter().map(|s| s.id).collect();
    let keep = FunnelKeep::of(
        &stages,
        counts,
        reached.map(|r| &r.scan),
        args.period.clone(),
    );
    let mut kept = session.clone();
    kept.apply(Edit::KeepFunnelCounts(Box::new(keep)))?;
    storage::save(&args.session, &kept)?;
    Ok(())
}

fn write_text(out: &mut impl Write, report: &Report<'_>) -> std::io::Result<()> {
    if let Some(source) = &report.source {
        writeln!(out, "{source}")?;
    }
    let width = report
        .stages
        .iter()
        .map(|s| s.stage.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let share = |value: Option<f64>| value.map_or("–".to_owned(), percent);
    writeln!(
        out,
        "  {:width$}  {:>9}  {:>10}",
        "stage", "reached", "of first"
    )?;
    for (index, stage) in report.stages.iter().enumerate() {
        let cumulative = match index {
            0 => stage
                .count
                .map(|_| "100%".to_owned())
                .unwrap_or("–".to_owned()),
            n => share(report.check.steps[n - 1].cumulative),
        };
        let count = stage.count.map_or("–".to_owned(), |c| c.to_string());
        writeln!(
            out,
            "  {:width$}  {count:>9}  {cumulative:>10}",
            stage.stage
        )?;
    }
    writeln!(out)?;
    for step in &report.check.steps {
        let typical = step
            .typical
            .map_or("no typical range".to_owned(), |(low, high)| {
                format!("typical {}–{}", percent(low), percent(high))
            });
        let flag = match step.flag {
            Flag::None => "",
            Flag::Below => "  ← below its typical range",
            Flag::FarBelow => "  ← far below its typical range",
            Flag::Inconsistent => "  ← more reached the later stage: check the counts",
        };
        writeln!(
            out,
            "  {} → {}: {} ({typical}){flag}",
            step.from,
            step.to,
            share(step.rate)
        )?;
    }
    for signal in &report.check.signals {
        writeln!(out)?;
        writeln!(out, "Signal: {signal}")?;
    }
    if !report.unmatched.is_empty() {
        writeln!(out)?;
        let values: Vec<String> = report
            .unmatched
            .iter()
            .map(|u| format!("“{}” ({})", u.value, u.rows))
            .collect();
        writeln!(out, "Not a stage, left out: {}", values.join(", "))?;
    }
    let source = report.ranges_source;
    writeln!(out)?;
    writeln!(
        out,
        "Typical ranges: {}, “{}”, {} (read {})",
        source.publisher, source.title, source.url, source.read_on
    )?;
    if report.kept {
        writeln!(out, "Kept in the session for `accord trend`.")?;
    }
    Ok(())
}
