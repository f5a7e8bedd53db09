//! Reading CRM exports: customers for the ICP, leads for scoring, events for an SLA's check
//! and records for the funnel. Each is previewed, mapped, then read on a worker thread.

use std::path::{Path, PathBuf};

use super::super::icp::Phase;
use super::super::paths::PathFor;
use super::super::{App, chain};
use super::{ImportKind, Pick};
use crate::edit::{Edit, FunnelKeep};
use crate::model::{SlaId, Step};

/// What the import screens ask for: a file to preview, an import to start or stop.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportCommand {
    /// Read the first rows of a customer export to map its columns.
    PreviewCustomers(PathBuf),
    /// Import the mapped customer export on a worker thread.
    StartCustomerImport,
    CancelCustomerImport,
    /// Put the imported customers away and start again with another file.
    CloseCustomerData,
    /// Read the first rows of a leads export to map its columns.
    PreviewLeads(PathBuf),
    /// Import the mapped leads export on a worker thread.
    StartLeadImport,
    CancelLeadImport,
    /// Put the imported leads away and start again with another file.
    CloseLeadData,
    /// Preview a CRM export to count the funnel from its stage column.
    PreviewFunnelCsv(PathBuf),
    /// Count the funnel from the previewed export's chosen column.
    CountFunnelCsv,
    /// Stop counting and go back to choosing the stage column.
    CancelFunnelCount,
    CloseFunnelCsv,
    /// Start checking this SLA against events: the file is dropped or chosen next.
    CheckSla(SlaId),
    /// Ask for an events export with the system dialog, to check this SLA against it.
    CheckSlaDialog(SlaId),
    /// Read the first rows of an events export to map its columns for this SLA.
    PreviewEvents(SlaId, PathBuf),
    /// Read the mapped events on a worker thread.
    StartEventImport,
    CancelEventImport,
    /// Put the events away.
    CloseEventData,
}

/// The kinds of file an import dialog offers.
const CSV: [&str; 3] = ["csv", "tsv", "txt"];

impl App {
    pub(super) fn run_import(&mut self, ctx: &egui::Context, command: ImportCommand) {
        // An import writes its summary into the session.
        if self.refused_as_read_only() {
            return;
        }
        let work = &mut self.doc.work;
        match command {
            ImportCommand::PreviewCustomers(path) => self.preview_customers(&path),
            ImportCommand::StartCustomerImport => {
                if let Err(missing) = work.icp.start(ctx) {
                    self.notices.error(missing);
                }
            }
            ImportCommand::CancelCustomerImport => work.icp.cancel(),
            ImportCommand::CloseCustomerData => work.icp.phase = Phase::default(),
            ImportCommand::PreviewLeads(path) => self.preview_leads(&path),
            ImportCommand::StartLeadImport => work.leads.start(ctx),
            ImportCommand::CancelLeadImport => work.leads.cancel(),
            ImportCommand::CloseLeadData => work.leads.phase = Default::default(),
            ImportCommand::PreviewFunnelCsv(path) => self.preview_funnel_csv(&path),
            ImportCommand::CountFunnelCsv => work.funnel.start(ctx, &self.doc.session),
            ImportCommand::CancelFunnelCount => work.funnel.cancel(),
            ImportCommand::CloseFunnelCsv => work.funnel.close(),
            ImportCommand::CheckSla(id) => {
                work.slas.phase = super::super::slas::Phase::Choosing(id)
            }
            ImportCommand::CheckSlaDialog(id) => {
                let dialog = self.file_dialog("Events export", &CSV);
                let path = self
                    .ask_path(PathFor::Events(id), dialog, Pick::File, "")
                    .and_then(|p| p.into_iter().next());
                if let Some(path) = path {
                    self.preview_events(id, &path);
                }
            }
            ImportCommand::PreviewEvents(id, path) => self.preview_events(id, &path),
            ImportCommand::StartEventImport => {
                let sla = work.slas.phase.sla();
                let sla = sla.and_then(|id| self.doc.session.slas.iter().find(|s| s.id == id));
                if let Some(sla) = sla
                    && let Err(message) = work.slas.start(ctx, sla)
                {
                    self.notices.error(format!("Events not read: {message}"));
                }
            }
            ImportCommand::CancelEventImport => work.slas.cancel(),
            ImportCommand::CloseEventData => work.slas.phase = Default::default(),
        }
    }

    /// Asks for a CRM export of `kind` with the system dialog, then previews it.
    pub(super) fn import_dialog(&mut self, kind: ImportKind) {
        let title = match kind {
            ImportKind::Customers => "Customer export",
            ImportKind::Leads => "Leads export",
            ImportKind::Funnel => "CRM export",
        };
        let purpose = match kind {
            ImportKind::Customers => PathFor::Customers,
            ImportKind::Leads => PathFor::Leads,
            ImportKind::Funnel => PathFor::Funnel,
        };
        let dialog = self.file_dialog(title, &CSV);
        let Some(path) = self
            .ask_path(purpose, dialog, Pick::File, "")
            .and_then(|p| p.into_iter().next())
        else {
            return;
        };
        match kind {
            ImportKind::Customers => self.preview_customers(&path),
            ImportKind::Leads => self.preview_leads(&path),
            ImportKind::Funnel => self.preview_funnel_csv(&path),
        }
    }

    fn preview_funnel_csv(&mut self, path: &Path) {
        match self.doc.work.funnel.preview(path) {
            Ok(()) => self.step = Step::Pipeline,
            Err(error) => self.notices.error(format!(
                "Funnel not counted: {:#}",
                anyhow::Error::from(error)
            )),
        }
    }

    /// Keeps a finished count in the session: how many records reached each stage that was
    /// counted and is still there, in place of the counts kept before.
    pub(in crate::app) fn apply_funnel_counts(&mut self, counted: super::super::funnel::Counted) {
        let super::super::funnel::Counted { stages, reached } = counted;
        let counts: Vec<Option<u64>> = reached.counts.iter().copied().map(Some).collect();
        let keep = FunnelKeep::of(&stages, &counts, Some(&reached.scan), None);
        if self.apply(Edit::KeepFunnelCounts(Box::new(keep))).is_none() {
            return;
        }
        let mut message = format!(
            "Counted {} records from {}.",
            reached.scan.rows_read, reached.scan.file_name
        );
        if !reached.unmatched.is_empty() {
            let values: Vec<String> = reached
                .unmatched
                .iter()
                .map(|(value, rows)| format!("“{value}” ({rows})"))
                .collect();
            message.push_str(&format!(" Not a stage, left out: {}.", values.join(", ")));
        }
        self.notices.info(message);
    }

    fn preview_events(&mut self, id: SlaId, path: &Path) {
        match self.doc.work.slas.preview(id, path) {
            Ok(()) => {
                self.step = Step::Slas;
                if let Some(folder) = path.parent() {
                    self.prefs.last_folder = Some(folder.to_owned());
                }
            }
            Err(error) => self
                .notices
                .error(format!("Events not read: {:#}", anyhow::Error::from(error))),
        }
    }

    fn preview_leads(&mut self, path: &Path) {
        match self.doc.work.leads.preview(path, &self.doc.session) {
            Ok(()) => {
                self.step = Step::LeadScoring;
                if let Some(folder) = path.parent() {
                    self.prefs.last_folder = Some(folder.to_owned());
                }
            }
            Err(error) => self
                .notices
                .error(format!("Leads not imported: {}", chain(error))),
        }
    }

    fn preview_customers(&mut self, path: &Path) {
        match self.doc.work.icp.preview(path) {
            Ok(()) => {
                self.step = Step::Icp;
                if let Some(folder) = path.parent() {
                    self.prefs.last_folder = Some(folder.to_owned());
                }
            }
            Err(error) => self
                .notices
                .error(format!("Customers not imported: {}", chain(error))),
        }
    }
}
