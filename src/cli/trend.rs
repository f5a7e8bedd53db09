//! `accord trend`: did it work. The figures of two or more reviews side by side, in period
//! order, as a table or as JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::analysis::trend::{Group, Trend, trend};
use crate::model::Session;
use crate::storage;

/// How `accord trend` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TrendFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Two or more session files, in any order: they are put in period order.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = TrendFormat::Text)]
    pub format: TrendFormat,
}

pub fn run(args: &TrendArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let sessions: Vec<Session> = args
        .files
        .iter()
        .map(|path| storage::load(path))
        .collect::<Result<_, _>>()?;
    let reviews: Vec<(String, &Session)> = args
        .files
        .iter()
        .map(|path| path.display().to_string())
        .zip(&sessions)
        .collect();
    let trend = trend(&reviews)?;
    match args.format {
        TrendFormat::Json => super::write_json(out, &trend)?,
        TrendFormat::Text => write_text(out, &trend)?,
    }
    Ok(())
}

fn write_text(out: &mut impl Write, trend: &Trend) -> std::io::Result<()> {
    let files: Vec<String> = trend
        .periods
        .iter()
        .map(|p| format!("{} ({})", p.period, p.file))
        .collect();
    writeln!(
        out,
        "Trend over {} reviews: {}",
        files.len(),
        files.join(", ")
    )?;
    let name_width = trend
        .series
        .iter()
        .filter(|s| s.values.iter().any(Option::is_some))
        .map(|s| s.name.chars().count() + 2)
        .max()
        .unwrap_or(0)
        .max(20);
    let cell = |text: &str| format!("{text:>12}");
    let mut group = None;
    let (held, unheld): (Vec<_>, Vec<_>) = trend
        .series
        .iter()
        .partition(|s| s.values.iter().any(Option::is_some));
    for series in held {
        if group != Some(series.group) {
            group = Some(series.group);
            writeln!(out)?;
            let periods: String = trend.periods.iter().map(|p| cell(&p.period)).collect();
            writeln!(out, "{:name_width$}{periods}", series.group.title())?;
        }
        // The alignment score and the MQLs are one line each, named by their heading.
        let name = match series.group {
            Group::Alignment | Group::Mqls => "",
            _ => series.name.as_str(),
        };
        let values: String = series
            .values
            .iter()
            .map(|v| cell(&series.show(*v)))
            .collect();
        writeln!(out, "  {name:width$}{values}", width = name_width - 2)?;
        if series.targets.iter().any(Option::is_some) {
            let targets: String = series
                .targets
                .iter()
                .map(|t| cell(&t.map_or(String::new(), |t| series.show(Some(t)))))
                .collect();
            writeln!(
                out,
                "  {:width$}{targets}",
                "  target",
                width = name_width - 2
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "“–”: the review holds no such figure.")?;
    if !unheld.is_empty() {
        let names: Vec<&str> = unheld.iter().map(|s| s.name.as_str()).collect();
        writeln!(out, "No review holds a figure for: {}.", names.join("; "))?;
    }
    Ok(())
}
