//! What happens around each frame the window draws: before it, the frame's input is
//! screened (huge pastes, shortcuts, dropped files, the file changed on disk); after it, the
//! queued commands run and the history, autosave, jobs and the window title catch up.

use super::autosave::Tick;
use super::{App, Command, FileCommand, ImportCommand, Modal, UiCommand, icp, slas};
use crate::model::Step;

impl App {
    /// Work between frames: history, autosave, the window title, closing.
    fn after_frame(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let revision = self.doc.revision();
        // Also brings the unsaved state up to date for the title, the autosave and closing.
        self.doc.feed_history(now);
        if self.doc.revision() != revision {
            // The rail and the top bar were drawn before this frame's edit: show it there too.
            ctx.request_repaint();
        }
        // Once the user chose to quit without saving, the work must not come back as a
        // recovery offer.
        if !self.close_confirmed {
            let tick = self.autosave.tick(now, &self.doc);
            if let Tick::WaitSeconds(seconds) = tick {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            self.report(tick);
        }

        if self.follow_room() {
            // The next frame draws what the phones sent, and shows them the result.
            ctx.request_repaint();
        }
        if let Some(message) = self.doc.work.icp.poll() {
            self.notices
                .error(format!("Customers not imported: {message}"));
        }
        if let icp::Phase::Explored(explored) = &mut self.doc.work.icp.phase {
            explored.write_summary(&mut self.doc.session.icp);
        }
        if let Some(message) = self.doc.work.leads.poll(&self.doc.session) {
            self.notices.error(format!("Leads not imported: {message}"));
        }
        if let Some(message) = self.doc.work.slas.poll(&self.doc.session.slas) {
            self.notices.error(format!("Events not read: {message}"));
        }
        if let Err(message) = self.doc.work.slas.follow(ctx, &self.doc.session.slas) {
            self.notices.error(format!("Events not read: {message}"));
        }
        match self.doc.work.funnel.poll() {
            Some(Ok(counted)) => self.apply_funnel_counts(counted),
            Some(Err(message)) => self.notices.error(format!("Funnel not counted: {message}")),
            None => {}
        }
        let checking = matches!(self.doc.work.slas.phase, slas::Phase::Importing(_));
        let busy =
            self.doc.work.icp.is_importing() || self.doc.work.leads.is_importing() || checking;
        if busy || self.doc.work.funnel.is_counting() {
            // Progress moves on its own: a few frames a second show it without spinning.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }

        if self.doc.work.timer.is_running() {
            // The countdown shows whole seconds: one repaint a second, not one a frame.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }

        let title = format!(
            "{}{} — Accord",
            if self.doc.is_unsaved() { "● " } else { "" },
            self.doc.display_name()
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && !self.close_confirmed && self.doc.is_unsaved() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::ConfirmDiscard {
                then: Box::new(Command::Ui(UiCommand::Quit)),
            });
        }
    }

    /// When the window comes back into focus, says if another program (or a colleague's Accord
    /// on a shared drive) changed the open file meanwhile: better to hear it then than at Save.
    /// Nothing polls the disk, so an idle window stays idle.
    fn look_at_the_file_on_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if !focused {
            return;
        }
        let (Some(theirs), Some(name)) = (self.doc.other_version_on_disk(), self.doc.file_name())
        else {
            return;
        };
        if self.doc.work.told_of_change == Some(theirs) {
            return;
        }
        self.doc.work.told_of_change = Some(theirs);
        self.notices.info(format!(
            "“{name}” was changed by another program since it was opened here. Your work is on \
             screen as you left it; Save will ask before replacing their version."
        ));
    }

    /// Takes a paste longer than a session keeps in one text out of the frame's input, before
    /// any field sees it: a whole file pasted into a title would cost the window gigabytes to
    /// lay out, and the session could not be saved with it.
    fn refuse_huge_pastes(&mut self, ctx: &egui::Context) {
        let limit = crate::storage::MAX_TEXT_BYTES;
        let mut refused = None;
        ctx.input_mut(|input| {
            input.events.retain(|event| match event {
                egui::Event::Paste(text) if text.len() > limit => {
                    refused = Some(text.len());
                    false
                }
                _ => true,
            });
        });
        if let Some(bytes) = refused {
            self.notices.error(format!(
                "Nothing was pasted: the clipboard holds {} KB of text, and a field keeps at most {} KB.",
                bytes.div_ceil(1024),
                limit / 1024
            ));
        }
    }

    /// A session file dropped on the window opens; anything else is taken for a leads export on
    /// the lead-scoring step, and for a customer export everywhere else.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_owned();
            let is_session = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            self.queue(if is_session {
                Command::File(FileCommand::Open(path))
            } else if self.step == Step::Slas {
                match self.doc.work.slas.phase.sla() {
                    Some(sla) => Command::Import(ImportCommand::PreviewEvents(sla, path)),
                    None => {
                        self.notices.info(
                            "To check an SLA, press “Check against events” on it, then drop the file.",
                        );
                        continue;
                    }
                }
            } else if self.step == Step::Pipeline {
                Command::Import(ImportCommand::PreviewFunnelCsv(path))
            } else if self.step == Step::LeadScoring {
                Command::Import(ImportCommand::PreviewLeads(path))
            } else {
                Command::Import(ImportCommand::PreviewCustomers(path))
            });
        }
    }

    /// Runs the commands whose shortcuts were pressed this frame.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let pressed: Vec<UiCommand> = ctx.input_mut(|i| {
            // Most frames have no key pressed: nothing to look through.
            if !i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }))
            {
                return Vec::new();
            }
            UiCommand::bindings()
                .iter()
                .filter(|(shortcut, _)| i.consume_shortcut(shortcut))
                .map(|(_, command)| *command)
                .collect()
        });
        for command in pressed {
            self.queue(command);
        }
    }

    /// What happens before the frame is drawn: the document is looked at, the frame's input
    /// is screened (huge pastes, shortcuts, dropped files) and the file checked on focus.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        // Once here and once after the frame (in `feed_history`): the only two full
        // comparisons of the session a frame makes.
        self.doc.observe();
        self.refuse_huge_pastes(ctx);
        self.look_at_the_file_on_focus(ctx);
        if self.modal.is_none() {
            self.handle_shortcuts(ctx);
            self.handle_dropped_files(ctx);
        }
    }

    /// What happens after the frame was drawn: the queued commands run, then history,
    /// autosave, jobs and the window title.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.run_commands(ctx);
        self.after_frame(ctx);
    }
}
