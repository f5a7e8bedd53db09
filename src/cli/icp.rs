//! `accord icp`: the ICP analysis of a customer export, as text for people or JSON for scripts.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::report::{ReportFormat, Source};
use crate::analysis::icp::{self, Analysis, Grouping, Settings, Totals, percent};
use crate::import::customers::{self, CustomerColumns};
use crate::import::money::DecimalMark;
use crate::import::{self, PREVIEW_ROWS, Preview, Progress, SkippedRow};
use crate::model::Criterion;

/// The arguments of `accord icp`.
#[derive(Debug, clap::Args)]
pub struct IcpArgs {
    /// The customer export (CSV; comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252).
    pub file: PathBuf,
    /// The column holding each customer's revenue.
    #[arg(long, value_name = "COL")]
    pub revenue: String,
    /// The column saying whether a customer churned (Yes/No, true/false, 1/0, Churned/Active…).
    #[arg(long, value_name = "COL")]
    pub churned: String,
    /// The column holding tenure (months as a customer); breaks ties between equal revenues.
    #[arg(long, value_name = "COL")]
    pub tenure: Option<String>,
    /// A column to compare the best and churned customers on; repeat for more. Without any,
    /// the columns that look like attributes are used.
    #[arg(long = "attribute", value_name = "COL")]
    pub attributes: Vec<String>,
    /// The share of retained customers counted as best.
    #[arg(long, default_value_t = 0.2, value_parser = share)]
    pub top_share: f64,
    /// A status value that means churned; repeat for more. Every other non-blank value then
    /// means active. Without any, the usual words are recognised and others are left out.
    #[arg(long = "churned-value", value_name = "VALUE")]
    pub churned_values: Vec<String>,
    /// Band edges for a numeric column, such as `Employees=50,200,1000`; repeat for more.
    #[arg(long = "bands", value_name = "COL=EDGES")]
    pub bands: Vec<String>,
    /// Values held by fewer customers than this are marked too rare to trust
    /// [default: one in fifty customers, at least 3 and at most 10].
    #[arg(long)]
    pub min_count: Option<u64>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value > 0.0 && value <= 1.0 => Ok(value),
        _ => Err(format!(
            "“{text}” is not a share between 0 and 1, such as 0.2"
        )),
    }
}

/// The JSON document `accord icp --format json` prints.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub source: Source<'a>,
    pub totals: &'a Totals,
    /// The first skipped rows, with their line and reason (all are counted in totals).
    pub skipped_rows: &'a [SkippedRow],
    pub attributes: &'a [icp::AttributeStats],
    pub patterns: Vec<Named<'a>>,
    pub anti_patterns: Vec<Named<'a>>,
    pub suggestions: Vec<Suggestion<'a>>,
}

/// A criterion the data suggests.
#[derive(Debug, Serialize)]
pub struct Suggestion<'a> {
    pub attribute: &'a str,
    pub values: &'a [String],
    /// "Must have", "Nice to have" or "Exclude".
    pub importance: &'static str,
    pub rationale: &'a str,
}

/// A pattern or anti-pattern with its attribute's name.
#[derive(Debug, Serialize)]
pub struct Named<'a> {
    pub attribute: &'a str,
    #[serde(flatten)]
    pub stats: &'a icp::ValueStats,
}

fn column(preview: &Preview, name: &str) -> anyhow::Result<usize> {
    preview.find(name).with_context(|| {
        format!(
            "{}: there is no column “{name}”; the columns are: {}",
            preview.path.display(),
            preview.headers.join(", ")
        )
    })
}

pub fn run(args: &IcpArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let preview = import::preview(&args.file, PREVIEW_ROWS)?;
    let (_, _, guessed) = CustomerColumns::guess(&preview);
    let revenue = column(&preview, &args.revenue)?;
    let status = column(&preview, &args.churned)?;
    let tenure = args
        .tenure
        .as_deref()
        .map(|name| column(&preview, name))
        .transpose()?;
    let attributes = if args.attributes.is_empty() {
        guessed
            .attributes
            .iter()
            .copied()
            .filter(|&i| i != revenue && i != status && Some(i) != tenure)
            .collect()
    } else {
        args.attributes
            .iter()
            .map(|name| column(&preview, name))
            .collect::<anyhow::Result<Vec<_>>>()?
    };
    let fallback = guessed.decimal;
    let columns = CustomerColumns {
        revenue,
        status,
        tenure,
        attributes,
        decimal: DecimalMark::guess(preview.column(revenue), fallback),
    };
    let table = customers::read(&args.file, preview.dialect, &columns, &Progress::default())?;

    let mut settings = Settings::for_table(&table);
    settings.top_share = args.top_share;
    if let Some(min_count) = args.min_count {
        settings.min_count = min_count;
    }
    if !args.churned_values.is_empty() {
        settings.churned_values(&table, &args.churned_values);
    }
    for band in &args.bands {
        let Some((name, edges)) = band.split_once('=') else {
            bail!("--bands {band}: write it as COLUMN=EDGES, such as Employees=50,200,1000");
        };
        let index = table
            .attributes
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name.trim()))
            .with_context(|| format!("--bands {band}: “{name}” is not one of the attributes"))?;
        let edges = icp::parse_edges(edges).map_err(|e| anyhow::anyhow!("--bands {band}: {e}"))?;
        settings.groupings[index] = Grouping::Bands(edges);
    }

    let analysis = icp::analyse(&table, &settings);
    let suggestions = icp::suggestions(&analysis);
    let named = |list: &[icp::Finding]| {
        list.iter()
            .filter_map(|f| analysis.value(*f))
            .map(|(attribute, stats)| Named {
                attribute: &attribute.name,
                stats,
            })
            .collect::<Vec<_>>()
    };
    let report = Report {
        source: Source::new(&table.scan, preview.dialect),
        totals: &analysis.totals,
        skipped_rows: &table.scan.skipped.examples,
        attributes: &analysis.attributes,
        patterns: named(&analysis.patterns),
        anti_patterns: named(&analysis.anti_patterns),
        suggestions: suggestions.iter().map(suggestion).collect(),
    };
    match args.format {
        ReportFormat::Json => super::write_json(out, &report)?,
        ReportFormat::Text => write_text(out, &report, &analysis)?,
    }
    Ok(())
}

fn suggestion(criterion: &Criterion) -> Suggestion<'_> {
    Suggestion {
        attribute: &criterion.attribute,
        values: &criterion.values,
        importance: criterion.importance.label(),
        rationale: &criterion.rationale,
    }
}

fn write_text(
    out: &mut impl Write,
    report: &Report<'_>,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let t = report.totals;
    writeln!(out, "{}", report.source)?;
    writeln!(out, "Rows read {}, skipped {}", t.rows_read, t.rows_skipped)?;
    for group in &t.skipped {
        writeln!(out, "  {:>7}  {}", group.count, group.reason)?;
    }
    for row in report.skipped_rows.iter().take(10) {
        writeln!(out, "  line {}: {}", row.line, row.reason)?;
    }
    writeln!(
        out,
        "Customers {}, retained {}, churned {} ({})",
        t.customers,
        t.retained,
        t.churned,
        percent(t.churn_rate)
    )?;
    writeln!(
        out,
        "Best customers: {} (the top of the retained by revenue), holding {} of revenue; the lowest has {}",
        t.best,
        percent(t.best_revenue_share),
        icp::format_number(t.best_revenue_floor.round()),
    )?;
    for attribute in &analysis.attributes {
        writeln!(out)?;
        writeln!(out, "{}", attribute.name)?;
        let width = attribute
            .values
            .iter()
            .map(|v| v.value.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        writeln!(
            out,
            "  {:width$}  {:>8}  {:>8}  {:>8}  {:>6}  {:>6}  {:>5}  {:>6}",
            "value", "all", "best", "churned", "% all", "% best", "lift", "churn"
        )?;
        for v in &attribute.values {
            writeln!(
                out,
                "  {:width$}  {:>8}  {:>8}  {:>8}  {:>6}  {:>6}  {:>5.2}  {:>6}{}",
                v.value,
                v.count_all,
                v.count_best,
                v.count_churned,
                percent(v.share_all),
                percent(v.share_best),
                v.lift,
                percent(v.churn_rate),
                if v.too_rare {
                    "  too rare to trust"
                } else {
                    ""
                },
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Patterns (more common among the best)")?;
    if report.patterns.is_empty() {
        writeln!(out, "  none")?;
    }
    for p in &report.patterns {
        writeln!(
            out,
            "  {}: {}  lift {:.2}  ({} of {} best, {} of {} customers)",
            p.attribute,
            p.stats.value,
            p.stats.lift,
            p.stats.count_best,
            t.best,
            p.stats.count_all,
            t.customers
        )?;
    }
    writeln!(
        out,
        "Anti-patterns (churn well above {})",
        percent(t.churn_rate)
    )?;
    if report.anti_patterns.is_empty() {
        writeln!(out, "  none")?;
    }
    for p in &report.anti_patterns {
        writeln!(
            out,
            "  {}: {}  churn {}  ({} of {})",
            p.attribute,
            p.stats.value,
            percent(p.stats.churn_rate),
            p.stats.count_churned,
            p.stats.count_all
        )?;
    }
    writeln!(out, "Suggested criteria")?;
    for c in &report.suggestions {
        writeln!(
            out,
            "  {:12}  {}: {} — {}",
            c.importance,
            c.attribute,
            c.values.join(", "),
            c.rationale
        )?;
    }
    Ok(())
}
