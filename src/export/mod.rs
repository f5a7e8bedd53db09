//! Documents made from the session, one file per format. The window and the command line both
//! call [`documents`] and write what it returns; nothing here touches the disk.

pub(crate) mod crm;
pub(crate) mod csv;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod pdf;
pub(crate) mod since;
pub mod tables;
pub(crate) mod view;
pub mod xlsx;

use thiserror::Error;

use crate::model::Session;

/// The document formats the window and `accord export` write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The whole agreement as Markdown, for a wiki.
    Markdown,
    /// The whole agreement as one printable HTML page.
    Html,
    /// The whole agreement as a typeset PDF.
    Pdf,
    /// Each table as a CSV file.
    Csv,
    /// The tables as one spreadsheet, a sheet each.
    Xlsx,
    /// The planning cadence as calendar events.
    Calendar,
    /// HubSpot's configuration: `plan.json` (the API calls) and `checklist.md`, in a folder.
    Hubspot,
    /// Salesforce's configuration: a DX source project and `checklist.md`, in a folder.
    Salesforce,
}

impl Format {
    /// The format's name in a file dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML page",
            Self::Pdf => "PDF",
            Self::Csv => "CSV",
            Self::Xlsx => "Spreadsheet",
            Self::Calendar => "Calendar",
            Self::Hubspot => "HubSpot setup",
            Self::Salesforce => "Salesforce setup",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Calendar => "ics",
            // A folder of files.
            Self::Hubspot | Self::Salesforce => "",
        }
    }
}

/// One file to write: its suggested name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Why nothing could be exported.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("there is no table called “{0}”; the tables are: {names}", names = tables::NAMES.join(", "))]
    UnknownTable(String),
    #[error("no meeting has a first date yet, so there is no calendar to write")]
    NoScheduledMeeting,
    #[error("the spreadsheet could not be made: {0}")]
    Spreadsheet(String),
    #[error("the PDF could not be typeset: {0}")]
    Pdf(String),
    /// The session cannot be a CRM's configuration as it stands: what to change, and where.
    #[error("{0}")]
    Crm(#[from] crm::SetupError),
    /// Writing a CRM file failed: a bug, reported rather than hidden.
    #[error("the CRM files could not be written: {0}")]
    CrmFile(String),
    /// The bundled page template failed: a bug, reported rather than hidden.
    #[error("the HTML template failed: {0}")]
    Template(String),
}

impl Document {
    /// The documents as named files, for `storage::write_files`.
    pub fn files(documents: &[Document]) -> Vec<(&str, &[u8])> {
        documents
            .iter()
            .map(|d| (d.file_name.as_str(), d.bytes.as_slice()))
            .collect()
    }
}

/// What to export and for when.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub format: Format,
    /// For CSV: only this table.
    pub table: Option<&'a str>,
    /// For PDF: the page size.
    pub paper: pdf::Paper,
    /// The day the audit's "recent" is measured from.
    pub today: jiff::civil::Date,
    /// The calendar's DTSTAMP, the one value a format requires to change between exports.
    pub now: jiff::Timestamp,
    /// The time zone of meetings for which neither the meeting nor the session names one:
    /// the exporting computer's.
    pub zone: &'a jiff::tz::TimeZone,
    /// For Markdown, HTML and PDF: what changed since the review the session was started
    /// from, as a section after the readiness checklist.
    pub since: Option<&'a since::Since>,
}

/// The files `request` makes from `session`: one for Markdown and the calendar, one per table
/// (or the one asked for) for CSV.
pub fn documents(session: &Session, request: Request<'_>) -> Result<Vec<Document>, ExportError> {
    let stem = crate::storage::file_stem_for(&session.meta.title);
    match request.format {
        Format::Markdown => Ok(vec![Document {
            file_name: format!("{stem}.md"),
            bytes: markdown::markdown(session, request.today, request.since).into_bytes(),
        }]),
        Format::Html => {
            let page = html::html(session, request.today, request.since)
                .map_err(|error| ExportError::Template(format!("{error:#}")))?;
            Ok(vec![Document {
                file_name: format!("{stem}.html"),
                bytes: page.into_bytes(),
            }])
        }
        Format::Pdf => {
            let bytes = pdf::pdf(
                session,
                request.paper,
                request.today,
                request.now,
                request.since,
            )
            .map_err(|error| ExportError::Pdf(error.to_string()))?;
            Ok(vec![Document {
                file_name: format!("{stem}.pdf"),
                bytes,
            }])
        }
        Format::Xlsx => {
            let bytes = xlsx::workbook(session, request.now)
                .map_err(|error| ExportError::Spreadsheet(error.to_string()))?;
            Ok(vec![Document {
                file_name: format!("{stem}.xlsx"),
                bytes,
            }])
        }
        Format::Csv => {
            let all = tables::tables(session);
            let chosen: Vec<&tables::Table> = match request.table {
                None => all.iter().collect(),
                Some(name) => {
                    let table = all
                        .iter()
                        .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
                        .ok_or_else(|| ExportError::UnknownTable(name.to_owned()))?;
                    vec![table]
                }
            };
            Ok(chosen
                .into_iter()
                .map(|table| Document {
                    file_name: format!("{}.csv", table.name),
                    bytes: csv::table_csv(table).into_bytes(),
                })
                .collect())
        }
        Format::Hubspot => {
            let setup = crm::Setup::of(session)?;
            let plan = crm::hubspot::plan_json(&setup)
                .map_err(|error| ExportError::CrmFile(error.to_string()))?;
            Ok(vec![
                Document {
                    file_name: "plan.json".to_owned(),
                    bytes: plan.into_bytes(),
                },
                Document {
                    file_name: "checklist.md".to_owned(),
                    bytes: crm::hubspot::checklist(&setup).into_bytes(),
                },
            ])
        }
        Format::Salesforce => {
            let setup = crm::Setup::of(session)?;
            let files = crm::salesforce::project(&setup)
                .map_err(|error| ExportError::CrmFile(error.to_string()))?;
            Ok(files
                .into_iter()
                .map(|file| Document {
                    file_name: file.path,
                    bytes: file.text.into_bytes(),
                })
                .collect())
        }
        Format::Calendar => {
            let calendar = ics::calendar(session, request.now, request.zone);
            if calendar.events == 0 {
                return Err(ExportError::NoScheduledMeeting);
            }
            Ok(vec![Document {
                file_name: format!("{stem}-cadence.ics"),
                bytes: calendar.text.into_bytes(),
            }])
        }
    }
}
