//! `accord export`: a document made from the session with the same code as File → Export.

use std::path::Path;

use anyhow::Context as _;

use super::{ExportFormat, PaperSize};
use crate::{export, storage};

/// Writes `format` of the session in `file` to `output`, printing each path written.
pub(super) fn run(
    file: &Path,
    format: ExportFormat,
    output: &Path,
    table: Option<&str>,
    paper: PaperSize,
    since: Option<&Path>,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let session = storage::load(file)?;
    let zone = jiff::tz::TimeZone::system();
    let since = match since {
        Some(old) => Some(export::since::Since::between(
            &storage::load(old)?,
            &session,
        )),
        None => match storage::previous_review(&session, file) {
            Some((_, Ok(old))) => Some(export::since::Since::between(&old, &session)),
            Some((_, Err(error))) => {
                eprintln_inert!(
                    "{}: warning: not saying what changed since the last review: {:#}",
                    file.display(),
                    anyhow::Error::from(error)
                );
                None
            }
            None => None,
        },
    };
    let request = export::Request {
        format: format.format(),
        table,
        paper: match paper {
            PaperSize::A4 => export::pdf::Paper::A4,
            PaperSize::Letter => export::pdf::Paper::Letter,
        },
        today: jiff::Zoned::now().date(),
        now: jiff::Timestamp::now(),
        zone: &zone,
        since: since.as_ref(),
    };
    let documents = export::documents(&session, request)
        .with_context(|| format!("{}: nothing exported", file.display()))?;
    let written = storage::write_files(output, &export::Document::files(&documents))?;
    // The calendar's figures for the messages; the file itself came from `documents`.
    let calendar =
        (format == ExportFormat::Ics).then(|| export::ics::calendar(&session, request.now, &zone));
    for path in &written {
        match &calendar {
            Some(calendar) => writeln!(
                out,
                "{}: {} meetings in the calendar",
                path.display(),
                calendar.events
            )?,
            None => writeln!(out, "{}", path.display())?,
        }
    }
    if let Some(calendar) = calendar {
        if !calendar.unscheduled.is_empty() {
            eprintln_inert!(
                "{}: warning: left out for want of a first date: {}",
                file.display(),
                calendar.unscheduled.join(", ")
            );
        }
        for problem in &calendar.zone_problems {
            eprintln_inert!("{}: warning: {problem}", file.display());
        }
    }

    Ok(())
}
