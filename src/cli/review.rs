//! `accord next` and `accord diff`: the next quarter's review started from the last, and what
//! changed from one review to another.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::Args;
use serde::Serialize;

use crate::analysis::diff::{Change, diff};
use crate::export::since::kind_label;
use crate::model::{PreviousReview, Session};
use crate::storage;

#[derive(Debug, Args)]
pub struct NextArgs {
    /// The review to start from (.ron); it is only read.
    pub old: PathBuf,
    /// Where to write the next review.
    pub new: PathBuf,
    /// The period it covers, such as 2027-Q1 [default: the quarter after OLD's]
    #[arg(long)]
    pub period: Option<String>,
    /// Replace NEW if it exists (its previous version is kept as NEW.bak).
    #[arg(long)]
    pub force: bool,
}

/// How `accord diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    pub old: PathBuf,
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when anything differs, as `git diff --exit-code` does.
    #[arg(long)]
    pub exit_code: bool,
}

/// The file's name as the next review remembers it.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn next(args: &NextArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let (old, fingerprint) = storage::load_with_fingerprint(&args.old)?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(args.old.as_path(), args.new.as_path()) {
        bail!(
            "{}: the next review needs a file of its own; this one is the review it starts from",
            args.new.display()
        );
    }
    if args.new.exists() && !args.force {
        bail!(
            "{}: the file exists already; pass --force to replace it",
            args.new.display()
        );
    }
    let period = match &args.period {
        Some(period) if period.trim().is_empty() => {
            bail!("--period: give the period a name, such as 2027-Q1")
        }
        Some(period) => period.trim().to_owned(),
        None => old.next_period(jiff::Zoned::now().date()),
    };
    let previous = PreviousReview {
        file: file_name(&args.old),
        title: old.meta.title.trim().to_owned(),
        period: old.meta.period.clone(),
        sha256: fingerprint.hex(),
    };
    let next = old.next_review(previous, &period);
    storage::save(&args.new, &next)?;
    writeln!(
        out,
        "{}: the {period} review, from {}; every signature carried over, to re-confirm",
        args.new.display(),
        args.old.display()
    )?;
    Ok(())
}

/// A review as `accord diff --format json` names it.
#[derive(Debug, Serialize)]
pub struct Side {
    pub file: String,
    pub title: String,
    pub period: String,
}

#[derive(Debug, Serialize)]
pub struct DiffReport {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
}

fn side(path: &Path, session: &Session) -> Side {
    Side {
        file: path.display().to_string(),
        title: session.meta.title.trim().to_owned(),
        period: session.meta.period.clone(),
    }
}

/// What `accord diff` reports; `Ok(true)` when something differs.
pub fn run_diff(args: &DiffArgs, out: &mut impl Write) -> anyhow::Result<bool> {
    let old = storage::load(&args.old)?;
    let new = storage::load(&args.new)?;
    let report = DiffReport {
        old: side(&args.old, &old),
        new: side(&args.new, &new),
        changes: diff(&old, &new),
    };
    match args.format {
        DiffFormat::Json => super::write_json(out, &report)?,
        DiffFormat::Text => write_text(out, &report)?,
        DiffFormat::Md => out.write_all(markdown(&report).as_bytes())?,
    }
    Ok(!report.changes.is_empty())
}

fn write_text(out: &mut impl Write, report: &DiffReport) -> anyhow::Result<()> {
    if report.changes.is_empty() {
        writeln!(
            out,
            "No change from {} to {}",
            report.old.file, report.new.file
        )?;
        return Ok(());
    }
    let mut step = "";
    for change in &report.changes {
        if change.step != step {
            step = change.step;
            writeln!(out, "{step}")?;
        }
        let field = if change.field.is_empty() {
            String::new()
        } else {
            format!(" · {}", change.field)
        };
        writeln!(
            out,
            "  {}{field}: {}",
            change.item,
            kind_label(change.change)
        )?;
        if !change.field.is_empty() {
            if let Some(old) = &change.old {
                writeln!(out, "    - {old}")?;
            }
            if let Some(new) = &change.new {
                writeln!(out, "    + {new}")?;
            }
        }
    }
    Ok(())
}

/// The changes as a Markdown section, "What changed since 2026-Q4", as the documents print it.
pub fn markdown(report: &DiffReport) -> String {
    let since = if report.old.period.is_empty() {
        &report.old.title
    } else {
        &report.old.period
    };
    crate::export::markdown::since_section(since, &report.changes)
}

/// The `--exit-code` rule: a difference is exit 1 only when asked for.
pub fn diff_command(args: &DiffArgs, out: &mut impl Write) -> anyhow::Result<bool> {
    Ok(run_diff(args, out)? && args.exit_code)
}
