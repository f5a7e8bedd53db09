//! Running commands: the structural actions and side effects the frame queued.

use std::path::Path;

use anyhow::Context as _;

use super::icp::Stage;
use super::{App, CaptureKind, Command, Document, Modal, chain};
use crate::analysis::icp::suggestion_key;
use crate::export::Format;
use crate::model::{
    ActionItem, AntiPattern, Definition, DefinitionId, FeedbackLoop, Metric, Proposal, ScoringRule,
    Sla, Step,
};
use crate::storage::{self, recovery::Recovery, templates};

impl App {
    /// Runs every queued command, in order.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        let mut commands = std::mem::take(&mut self.commands).into_iter();
        while let Some(command) = commands.next() {
            let was_asking = matches!(self.modal, Some(Modal::ChangedOnDisk { .. }));
            self.run(ctx, command, false);
            if let Some(Modal::ChangedOnDisk { then }) = &mut self.modal
                && !was_asking
            {
                // The save waits for an answer, and what was queued after it waits with it:
                // "Save, then quit" must not quit before the file is safe.
                then.extend(commands.by_ref());
            }
        }
        // Commands change what is on screen after it was drawn: show the result now.
        ctx.request_repaint();
    }

    fn run(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        let replaces_document = matches!(
            command,
            Command::NewFromTemplate(_) | Command::Open(_) | Command::Quit
        );
        if replaces_document {
            // The frame's edits, and earlier commands, may have changed it since the last look.
            self.doc.observe();
        }
        if replaces_document && !confirmed && self.doc.is_unsaved() {
            self.modal = Some(Modal::ConfirmDiscard {
                then: Box::new(command),
            });
            return;
        }
        match command {
            Command::OpenPalette => self.modal = Some(Modal::Palette(Default::default())),
            Command::TogglePresenter => {
                self.presenter = !self.presenter;
                crate::ui::theme::apply(ctx, &self.prefs, self.presenter);
            }
            Command::Capture(kind) => {
                self.modal = Some(Modal::Capture {
                    kind,
                    text: String::new(),
                });
            }
            Command::Record(kind, text) => self.record(kind, text),
            Command::ChooseTemplate => self.modal = Some(Modal::Welcome),
            Command::NewFromTemplate(name) => self.new_from_template(name),
            Command::OpenDialog => {
                if let Some(path) = self.file_dialog("Accord session", &["ron"]).pick_file() {
                    self.run(ctx, Command::Open(path), false);
                }
            }
            Command::Open(path) => {
                if self.open(&path) {
                    self.modal = None;
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(_) if self.doc.changed_on_disk() => {
                    self.modal = Some(Modal::ChangedOnDisk { then: Vec::new() });
                }
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.run(ctx, Command::SaveAsDialog, false),
            },
            Command::SaveOverChanged => {
                let then = self.answer_changed_on_disk();
                let saved = match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => false,
                };
                // As for a copy: what waited for the save goes on only once it is written.
                if saved {
                    self.commands.extend(then);
                }
            }
            Command::SaveCopyDialog => {
                // Cancelled, the question stays: the room may replace the file after all.
                if let Some(path) = self.ask_where_to_save(" (mine)") {
                    self.run(ctx, Command::SaveCopy(path), false);
                }
            }
            Command::SaveCopy(path) => {
                let then = self.answer_changed_on_disk();
                // "Save, then quit" quits only once this version is safe in its copy; if that
                // save failed, the work is still unsaved and quitting asks again.
                if self.save_to(&path) {
                    self.commands.extend(then);
                }
            }
            Command::SaveAsDialog => {
                if let Some(path) = self.ask_where_to_save("") {
                    self.save_to(&path);
                }
            }
            Command::SaveAs(path) => {
                self.save_to(&path);
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.notices.info("Nothing to undo");
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.notices.info("Nothing to redo");
                }
            }
            Command::GoTo(step) => self.step = step,
            Command::NextStep | Command::PreviousStep => {
                let index = Step::ALL.iter().position(|s| *s == self.step).unwrap_or(0);
                let last = Step::ALL.len() - 1;
                let index = if command == Command::NextStep {
                    (index + 1).min(last)
                } else {
                    index.saturating_sub(1)
                };
                self.step = Step::ALL[index];
            }
            Command::AddTeam => {
                self.doc.checkpoint();
                self.doc.session.add_team("");
            }
            Command::RemoveTeam(id) => {
                self.doc.checkpoint();
                let name = self.doc.session.team_name(Some(id)).to_owned();
                self.doc.session.remove_team(id);
                self.notices
                    .info(format!("Removed {name} — Ctrl+Z brings it back"));
            }
            Command::AddParticipant => {
                self.doc.checkpoint();
                self.doc.session.add_participant();
            }
            Command::RemoveParticipant(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_participant(id);
            }
            Command::AddGapAction(key) => self.add_gap_action(key),
            Command::AddMetric => {
                self.doc.checkpoint();
                self.doc.session.add_metric(Metric::default());
            }
            Command::RemoveMetric(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_metric(id);
            }
            Command::AddNorthStar(name) => {
                self.doc.checkpoint();
                let session = &mut self.doc.session;
                // Promote the metric the room already has under that name, if any.
                let existing = session
                    .metrics
                    .iter()
                    .find(|m| m.name.trim().eq_ignore_ascii_case(name))
                    .map(|m| m.id);
                let id = existing.unwrap_or_else(|| {
                    session.add_metric(Metric {
                        name: name.to_owned(),
                        who_cares: "Everyone".to_owned(),
                        ..Metric::default()
                    })
                });
                session.set_north_star(id);
            }
            Command::AddMeeting => {
                self.doc.checkpoint();
                self.doc.session.add_meeting();
            }
            Command::RemoveMeeting(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_meeting(id);
            }
            Command::AddDecision => {
                self.doc.checkpoint();
                self.doc
                    .session
                    .add_decision(Some(self.step), String::new());
            }
            Command::RemoveDecision(id) => {
                self.doc.checkpoint();
                self.doc.session.decisions.retain(|d| d.id != id);
            }
            Command::AddAction => {
                self.doc.checkpoint();
                self.doc.session.add_action(Some(self.step), String::new());
            }
            Command::RemoveAction(id) => {
                self.doc.checkpoint();
                self.doc.session.actions.retain(|a| a.id != id);
            }
            Command::ParkTopic => {
                self.doc.checkpoint();
                self.doc.session.add_parked(Some(self.step), String::new());
            }
            Command::RemoveParked(id) => {
                self.doc.checkpoint();
                self.doc.session.parking_lot.retain(|p| p.id != id);
            }
            Command::AddAgendaItem => {
                self.doc.checkpoint();
                let session = &mut self.doc.session;
                let id = session.new_id();
                session.agenda.items.push(crate::model::AgendaItem {
                    id,
                    planned_minutes: 15,
                    ..Default::default()
                });
            }
            Command::RemoveAgendaItem(id) => {
                self.doc.checkpoint();
                let now = ctx.input(|i| i.time);
                // Indices shift, so the clock stops rather than time a different item.
                self.timer.pause(&mut self.doc.session.agenda, now);
                self.timer.current = None;
                self.doc.session.agenda.items.retain(|item| item.id != id);
            }
            Command::StartAgendaItem(index) => {
                let now = ctx.input(|i| i.time);
                let agenda = &mut self.doc.session.agenda;
                self.timer.start(agenda, index, now);
                if let Some(step) = agenda.items.get(index).and_then(|item| item.step) {
                    self.step = step;
                }
            }
            Command::PauseResumeAgenda => {
                let now = ctx.input(|i| i.time);
                if self.timer.is_running() {
                    self.timer.pause(&mut self.doc.session.agenda, now);
                } else {
                    self.timer.resume(now);
                }
            }
            Command::NextAgendaItem => {
                let now = ctx.input(|i| i.time);
                let agenda = &mut self.doc.session.agenda;
                self.timer.next(agenda, now);
                let step = self.timer.current.and_then(|i| agenda.items.get(i)?.step);
                if let Some(step) = step {
                    self.step = step;
                }
            }
            Command::ExportDocumentDialog(format) => {
                let extension = format.extension();
                let stem = crate::storage::file_stem_for(&self.doc.display_name());
                let dialog = self.file_dialog(format.label(), &[extension]);
                if let Some(path) = dialog
                    .set_file_name(format!("{stem}.{extension}"))
                    .save_file()
                {
                    self.export(format, &path);
                }
            }
            Command::ExportCsvDialog => {
                let dialog = match &self.prefs.last_folder {
                    Some(folder) => rfd::FileDialog::new().set_directory(folder),
                    None => rfd::FileDialog::new(),
                };
                if let Some(folder) = dialog.set_title("Folder for the CSV tables").pick_folder() {
                    self.export(Format::Csv, &folder);
                }
            }
            Command::Export(format, path) => self.export(format, &path),
            Command::ExportCalendarDialog => {
                let name = format!(
                    "{} meetings.ics",
                    crate::storage::file_stem_for(&self.doc.display_name())
                );
                let dialog = self.file_dialog("Calendar", &["ics"]);
                if let Some(path) = dialog.set_file_name(name).save_file() {
                    self.export_calendar(&path);
                }
            }
            Command::ExportCalendar(path) => self.export_calendar(&path),
            Command::ImportCustomersDialog => {
                let dialog = self.file_dialog("Customer export", &["csv", "tsv", "txt"]);
                if let Some(path) = dialog.pick_file() {
                    self.preview_customers(&path);
                }
            }
            Command::PreviewCustomers(path) => self.preview_customers(&path),
            Command::StartCustomerImport => {
                if let Err(missing) = self.icp.start(ctx) {
                    self.notices.error(missing);
                }
            }
            Command::CancelCustomerImport => self.icp.cancel(),
            Command::CloseCustomerData => self.icp.stage = Default::default(),
            Command::AcceptSuggestion(index) => {
                let suggestion = match &self.icp.stage {
                    Stage::Explored(explored) => explored.suggestions.get(index).cloned(),
                    _ => None,
                };
                if let Some(criterion) = suggestion {
                    self.doc.checkpoint();
                    self.doc.session.add_criterion(criterion);
                    self.icp_changed();
                }
            }
            Command::RejectSuggestion(index) => {
                let key = match &self.icp.stage {
                    Stage::Explored(explored) => {
                        explored.suggestions.get(index).map(suggestion_key)
                    }
                    _ => None,
                };
                if let (Some(key), Some(data)) = (key, self.doc.session.icp.data.as_ref())
                    && !data.rejected.contains(&key)
                {
                    self.doc.checkpoint();
                    if let Some(data) = &mut self.doc.session.icp.data {
                        data.rejected.push(key);
                    }
                }
            }
            Command::AddCriterion => {
                self.doc.checkpoint();
                self.doc.session.add_criterion(Default::default());
                self.icp_changed();
            }
            Command::RemoveCriterion(id) => {
                self.doc.checkpoint();
                self.doc.session.icp.criteria.retain(|c| c.id != id);
                self.icp_changed();
            }
            Command::AddAntiPattern => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.icp.anti_patterns.push(AntiPattern {
                    id,
                    ..Default::default()
                });
                self.icp_changed();
            }
            Command::RemoveAntiPattern(id) => {
                self.doc.checkpoint();
                self.doc.session.icp.anti_patterns.retain(|a| a.id != id);
                self.icp_changed();
            }
            Command::ImportLeadsDialog => {
                let dialog = self.file_dialog("Leads export", &["csv", "tsv", "txt"]);
                if let Some(path) = dialog.pick_file() {
                    self.preview_leads(&path);
                }
            }
            Command::PreviewLeads(path) => self.preview_leads(&path),
            Command::StartLeadImport => self.leads.start(ctx),
            Command::CancelLeadImport => self.leads.cancel(),
            Command::CloseLeadData => self.leads.stage = Default::default(),
            Command::AddRule(condition) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.scoring.rules.push(ScoringRule {
                    id,
                    condition,
                    points: 0,
                });
            }
            Command::RemoveRule(id) => {
                self.doc.checkpoint();
                self.doc.session.scoring.rules.retain(|r| r.id != id);
            }
            Command::SelectDefinition(id) => self.selected_definition = Some(id),
            Command::AddDefinition => {
                self.doc.checkpoint();
                let id = self.doc.session.add_definition(Definition::default());
                self.selected_definition = Some(id);
            }
            Command::AddPql => self.add_pql(),
            Command::RemoveDefinition(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_definition(id);
            }
            Command::AddProposal(id) => {
                self.doc.checkpoint();
                if let Some(definition) = self.doc.session.definition_mut(id) {
                    definition.proposals.push(Proposal::default());
                }
            }
            Command::RemoveProposal(id, index) => {
                if let Some(definition) = self.doc.session.definition_mut(id)
                    && index < definition.proposals.len()
                {
                    self.doc.checkpoint();
                    if let Some(definition) = self.doc.session.definition_mut(id) {
                        definition.proposals.remove(index);
                    }
                }
            }
            Command::UseProposal(id, index) => self.use_proposal(id, index),
            Command::SelectStage(id) => self.selected_stage = Some(id),
            Command::AddStage => {
                self.doc.checkpoint();
                self.selected_stage = Some(self.doc.session.add_stage());
            }
            Command::MoveStage(id, by) => {
                self.doc.checkpoint();
                self.doc.session.move_stage(id, by);
            }
            Command::RemoveStage(id) => self.remove_stage(id),
            Command::ConfirmRemoveStage(id) => {
                self.modal = None;
                self.doc.checkpoint();
                self.doc.session.remove_stage(id);
            }
            Command::FunnelCsvDialog => {
                let dialog = self.file_dialog("CRM export", &["csv", "tsv", "txt"]);
                if let Some(path) = dialog.pick_file() {
                    self.preview_funnel_csv(&path);
                }
            }
            Command::PreviewFunnelCsv(path) => self.preview_funnel_csv(&path),
            Command::CountFunnelCsv => self.funnel.start(ctx, &self.doc.session),
            Command::CancelFunnelCount => self.funnel.cancel(),
            Command::CloseFunnelCsv => self.funnel.close(),
            Command::SelectSlaPair(a, b) => self.slas.pair = Some((a, b)),
            Command::AddSla(from, to) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.slas.push(Sla {
                    id,
                    from_team: from,
                    to_team: to,
                    ..Sla::default()
                });
                let added = &self.doc.session.slas[self.doc.session.slas.len() - 1];
                self.slas.pair = Some(added.pair());
            }
            Command::RemoveSla(id) => {
                self.doc.checkpoint();
                self.doc.session.remove_sla(id);
                if self.slas.stage.sla() == Some(id) {
                    self.slas.stage = Default::default();
                }
            }
            Command::CheckSla(id) => self.slas.stage = super::slas::Stage::Choosing(id),
            Command::CheckSlaDialog(id) => {
                let dialog = self.file_dialog("Events export", &["csv", "tsv", "txt"]);
                if let Some(path) = dialog.pick_file() {
                    self.preview_events(id, &path);
                }
            }
            Command::PreviewEvents(id, path) => self.preview_events(id, &path),
            Command::StartEventImport => {
                let sla = self.slas.stage.sla();
                let sla = sla.and_then(|id| self.doc.session.slas.iter().find(|s| s.id == id));
                if let Some(sla) = sla
                    && let Err(message) = self.slas.start(ctx, sla)
                {
                    self.notices.error(format!("Events not read: {message}"));
                }
            }
            Command::CancelEventImport => self.slas.cancel(),
            Command::CloseEventData => self.slas.stage = Default::default(),
            Command::AddFeedbackLoop(from, to) => {
                self.doc.checkpoint();
                let id = self.doc.session.new_id();
                self.doc.session.feedback_loops.push(FeedbackLoop {
                    id,
                    from_team: from,
                    to_team: to,
                    owner: from,
                    ..FeedbackLoop::default()
                });
            }
            Command::RemoveFeedbackLoop(id) => {
                self.doc.checkpoint();
                self.doc.session.feedback_loops.retain(|f| f.id != id);
            }
            Command::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                crate::ui::theme::apply(ctx, &self.prefs, self.presenter);
            }
            Command::SetTextSize(size) => {
                self.prefs.text_size = size;
                crate::ui::theme::apply(ctx, &self.prefs, self.presenter);
            }
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                // Without a file open, the start screen comes next.
                self.modal = (!self.doc.has_file()).then_some(Modal::Welcome);
                let tick = self.autosave.clear();
                self.report(tick);
            }
            Command::ClearRecentFiles => self.prefs.recent_files.clear(),
            Command::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Runs the command the user confirmed in the discard dialog.
    pub fn confirm(&mut self, ctx: &egui::Context, command: Command) {
        self.modal = None;
        if command == Command::Quit {
            // The work is thrown away on purpose: it must not come back as a recovery offer.
            let tick = self.autosave.clear();
            self.report(tick);
        }
        self.run(ctx, command, true);
    }

    /// The system file dialog for one kind of file, opening in the folder used last.
    fn file_dialog(&self, kind: &str, extensions: &[&str]) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter(kind, extensions);
        match &self.prefs.last_folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
    }

    fn new_from_template(&mut self, name: &str) {
        let session = templates::find(name)
            .with_context(|| format!("there is no bundled template called {name}"))
            .and_then(|t| {
                t.session()
                    .with_context(|| format!("the {name} template is broken"))
            });
        match session {
            Ok(session) => {
                self.doc = Document::new_from(session);
                self.step = Step::Details;
                self.modal = None;
            }
            Err(error) => self.notices.error(format!("{error:#}")),
        }
    }

    /// Opens a session file; on failure the current document stays as it was.
    pub(super) fn open(&mut self, path: &Path) -> bool {
        match storage::load_with_fingerprint(path) {
            Ok((session, fingerprint)) => {
                self.doc = Document::opened(session, path.to_owned(), fingerprint);
                self.prefs.remember(path);
                self.step = Step::Details;
                true
            }
            Err(error) => {
                self.notices.error(chain(error));
                false
            }
        }
    }

    /// Asks with the system dialog where to save the session, suggesting a name made from its
    /// title with `suffix` after it.
    fn ask_where_to_save(&self, suffix: &str) -> Option<std::path::PathBuf> {
        let stem = crate::storage::file_stem_for(&self.doc.display_name());
        self.file_dialog("Accord session", &["ron"])
            .set_file_name(format!("{stem}{suffix}.ron"))
            .save_file()
    }

    /// Closes the changed-on-disk question and gives back the commands that waited for it.
    fn answer_changed_on_disk(&mut self) -> Vec<Command> {
        match self.modal.take() {
            Some(Modal::ChangedOnDisk { then }) => then,
            other => {
                self.modal = other;
                Vec::new()
            }
        }
    }

    /// Saves the session to `path`; true when it was written.
    fn save_to(&mut self, path: &Path) -> bool {
        match storage::save(path, &self.doc.session) {
            Ok(fingerprint) => {
                self.doc.mark_saved(path, fingerprint);
                self.prefs.remember(path);
                self.notices.info(format!("Saved to {}", path.display()));
                true
            }
            Err(error) => {
                // A folder that refuses the file is worth trying elsewhere; a text too long to
                // open again is not.
                let advice = match error {
                    storage::SaveError::TextTooLong { .. } => "Your work is still open.",
                    _ => "Your work is still open; try another folder.",
                };
                self.notices
                    .error(format!("Not saved: {}. {advice}", chain(error)));
                false
            }
        }
    }

    /// Writes down a decision, action or parked topic, linked to the step the room is on.
    fn record(&mut self, kind: CaptureKind, text: String) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        self.doc.checkpoint();
        let step = Some(self.step);
        let session = &mut self.doc.session;
        let what = match kind {
            CaptureKind::Decision => {
                session.add_decision(step, text);
                "Decision"
            }
            CaptureKind::Action => {
                session.add_action(step, text);
                "Action item"
            }
            CaptureKind::Parked => {
                session.add_parked(step, text);
                "Topic"
            }
        };
        self.notices
            .info(format!("{what} recorded in Decisions & actions"));
    }

    fn add_gap_action(&mut self, key: &str) {
        let today = jiff::Zoned::now().date();
        let gaps = crate::analysis::audit::gaps(&self.doc.session, today);
        let Some(gap) = gaps.into_iter().find(|gap| gap.key == key) else {
            return;
        };
        self.doc.checkpoint();
        let session = &mut self.doc.session;
        let id = session.new_id();
        session.actions.push(ActionItem {
            id,
            text: gap.text,
            // Where it came from; the gap's key says which step closes it.
            step: Some(Step::Audit),
            gap: Some(key.to_owned()),
            ..ActionItem::default()
        });
        self.notices.info("Added to the action items");
    }

    /// Writes the documents of `format`: one to `path`, or several into the folder `path`.
    fn export(&mut self, format: Format, path: &Path) {
        let request = crate::export::Request {
            format,
            table: None,
            paper: self.prefs.paper,
            today: jiff::Zoned::now().date(),
            now: jiff::Timestamp::now(),
        };
        let documents = match crate::export::documents(&self.doc.session, request) {
            Ok(documents) => documents,
            Err(error) => {
                self.notices.error(format!("Nothing exported: {error}."));
                return;
            }
        };
        let files = crate::export::Document::files(&documents);
        if let Err(error) = storage::write_files(path, &files) {
            self.notices
                .error(format!("Export not finished. {}", chain(error)));
            return;
        }
        let into_folder = documents.len() > 1 || path.is_dir();
        let folder = if into_folder {
            Some(path)
        } else {
            path.parent()
        };
        if let Some(folder) = folder {
            self.prefs.last_folder = Some(folder.to_owned());
        }
        self.notices.info(if into_folder {
            format!("{} files saved in {}", documents.len(), path.display())
        } else {
            format!("Saved to {}", path.display())
        });
    }

    fn export_calendar(&mut self, path: &Path) {
        let calendar = crate::export::ics::calendar(&self.doc.session, jiff::Timestamp::now());
        if calendar.events == 0 {
            self.notices.error(
                "No meeting has a first date yet, so the calendar would be empty. Pick a date for each meeting first.",
            );
            return;
        }
        match storage::write_atomic(path, calendar.text.as_bytes(), false) {
            Ok(()) => {
                let mut message = format!(
                    "Calendar with {} meetings saved to {}",
                    calendar.events,
                    path.display()
                );
                if !calendar.unscheduled.is_empty() {
                    message.push_str(&format!(
                        ". Not in it, for want of a first date: {}",
                        calendar.unscheduled.join(", ")
                    ));
                }
                self.notices.info(message);
            }
            Err(error) => self
                .notices
                .error(format!("Calendar not saved. {}", chain(error))),
        }
    }

    /// After the ICP's text changed, every team that had signed is asked again.
    pub fn icp_changed(&mut self) {
        if self.doc.session.icp.sign_offs.reset() {
            self.signatures_reset("The ICP");
        }
    }

    /// Adds the PQL as the product-led template words it, for the room to adapt.
    fn add_pql(&mut self) {
        let pql = templates::find("product-led")
            .and_then(|template| template.session().ok())
            .and_then(|session| session.definitions.into_iter().find(|d| d.is_term("PQL")));
        let Some(mut pql) = pql else {
            return;
        };
        // The template's owner is a team of the template, not necessarily of this session.
        let product = self
            .doc
            .session
            .teams
            .iter()
            .find(|team| team.function == crate::model::Function::Product)
            .map(|team| team.id);
        pql.owner = product;
        pql.sign_offs = Default::default();
        self.doc.checkpoint();
        self.selected_definition = Some(self.doc.session.add_definition(pql));
    }

    /// Makes a team's proposal the definition's wording.
    fn use_proposal(&mut self, id: DefinitionId, index: usize) {
        let Some(definition) = self.doc.session.definitions.iter().find(|d| d.id == id) else {
            return;
        };
        let Some(wording) = definition.proposals.get(index).map(|p| p.wording.clone()) else {
            return;
        };
        if wording == definition.definition {
            return;
        }
        self.doc.checkpoint();
        let Some(definition) = self.doc.session.definition_mut(id) else {
            return;
        };
        definition.definition = wording;
        if definition.sign_offs.reset() {
            let what = format!("The {} definition", definition.term.trim());
            self.signatures_reset(&what);
        }
    }

    /// Tells the room why every team is asked to sign `what` again.
    pub fn signatures_reset(&mut self, what: &str) {
        self.notices.info(format!(
            "{what} changed after teams had signed, so every team is back to “not yet”."
        ));
    }

    /// Removes a stage at once, or first says what happens to the SLA its hand-off links.
    fn remove_stage(&mut self, id: crate::model::StageId) {
        let session = &self.doc.session;
        let sla_name = |sla| {
            session
                .slas
                .iter()
                .find(|s| s.id == sla)
                .map_or("an SLA".to_owned(), |s| {
                    format!("the “{}” SLA", s.name.trim())
                })
        };
        let message = match session.stage_removal(id) {
            crate::model::SlaLink::None => {
                self.doc.checkpoint();
                self.doc.session.remove_stage(id);
                return;
            }
            crate::model::SlaLink::MovesTo { sla, stage } => format!(
                "Its hand-off is governed by {}. The SLA stays, and the hand-off from {} — which will lead where this one did — takes over the link.",
                sla_name(sla),
                session.stage_name(stage)
            ),
            crate::model::SlaLink::Dropped { sla } => format!(
                "Its hand-off is governed by {}. The SLA stays, but no hand-off will link it any more.",
                sla_name(sla)
            ),
        };
        self.modal = Some(Modal::ConfirmRemoveStage { stage: id, message });
    }

    fn preview_funnel_csv(&mut self, path: &Path) {
        match self.funnel.preview(path) {
            Ok(()) => self.step = Step::Pipeline,
            Err(error) => self.notices.error(format!(
                "Funnel not counted: {:#}",
                anyhow::Error::from(error)
            )),
        }
    }

    /// Writes a finished count into the session: how many records reached each stage that was
    /// counted and is still there.
    pub(super) fn apply_funnel_counts(&mut self, counted: super::funnel::Counted) {
        let super::funnel::Counted { stages, reached } = counted;
        self.doc.checkpoint();
        let session = &mut self.doc.session;
        for (stage, count) in stages.iter().zip(&reached.counts) {
            if session.stage_index(*stage).is_some() {
                session.funnel.counts.insert(*stage, *count);
            }
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

    fn preview_events(&mut self, id: crate::model::SlaId, path: &Path) {
        match self.slas.preview(id, path) {
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
        match self.leads.preview(path, &self.doc.session) {
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
        match self.icp.preview(path) {
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

    fn restore_recovery(&mut self) {
        let Some(Modal::Restore(recovery)) = self.modal.take() else {
            return;
        };
        let Recovery {
            source, session, ..
        } = *recovery;
        // Compare with what the file holds now, so "unsaved" tells the truth.
        let on_disk = source
            .as_deref()
            .and_then(|path| storage::load_with_fingerprint(path).ok());
        self.doc = Document::recovered(session, source, on_disk);
        self.notices
            .info("Your unsaved work is back. Save it to keep it.");
    }
}
