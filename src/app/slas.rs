//! The SLA step's working state: which pair of teams is shown, and an events file being checked
//! against one SLA. The events are never saved: the session keeps the SLA, not its data.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::job::Job;
use crate::analysis::clock;
use crate::analysis::compliance::{self, Compliance};
use crate::import::events::{self, EventColumns, EventTable};
use crate::import::{self, ImportError, PREVIEW_ROWS, Preview};
use crate::model::{Sla, SlaFigures, SlaId};

/// Two teams, the lower id first: the key of the two-way view.
pub use crate::analysis::sla::Pair;

/// An events file previewed for one SLA, its columns being chosen.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub sla: SlaId,
    pub preview: Preview,
    pub columns: EventColumns,
}

/// Events read, and what they say about the SLA as it stands.
pub struct Checked {
    pub sla: SlaId,
    /// The file and columns the events came from, to read them again in another zone.
    pub mapping: Mapping,
    pub table: Arc<EventTable>,
    /// The SLA `result` was worked out for.
    measured: Sla,
    pub result: Result<Compliance, String>,
    /// What the session would keep of `result`: none while it is an error.
    pub kept: Option<SlaFigures>,
    /// Figures being worked out on a worker thread for an edited SLA; `result` stays on screen
    /// until they arrive. One at a time: edits made meanwhile are measured when it is done.
    working: Option<(Sla, Receiver<Result<Compliance, String>>)>,
}

/// The figures of `sla` on `table`, with the error in words.
fn measure(sla: &Sla, table: &EventTable) -> Result<Compliance, String> {
    compliance::check(sla, table).map_err(|e| e.to_string())
}

/// What the session would keep of `result`.
fn keep(sla: &Sla, table: &EventTable, result: &Result<Compliance, String>) -> Option<SlaFigures> {
    result
        .as_ref()
        .ok()
        .map(|compliance| compliance::kept(sla, table, compliance))
}

impl Checked {
    fn new(sla: &Sla, mapping: Mapping, table: EventTable) -> Self {
        let result = measure(sla, &table);
        let kept = keep(sla, &table, &result);
        Self {
            sla: sla.id,
            mapping,
            table: Arc::new(table),
            measured: sla.clone(),
            result,
            kept,
            working: None,
        }
    }

    /// True when the SLA now has another time zone that exists: times written without an
    /// offset were read in the old one, so the file must be read again.
    pub fn needs_reading_again(&self, sla: &Sla) -> bool {
        self.measured.time_zone.trim() != sla.time_zone.trim()
            && clock::zone(&sla.time_zone).is_ok()
    }

    /// True while the figures on screen are for an earlier version of the SLA.
    pub fn is_updating(&self) -> bool {
        self.working.is_some()
    }

    /// Keeps the figures in step with `sla`: takes finished figures, and starts working them
    /// out again on a worker thread when the SLA's window, hours, zone or target changed. A
    /// million events take about a second, which typing into the SLA must not wait for. A zone
    /// that does not exist (yet: it may be half typed) is reported instead of measured.
    pub fn refresh(&mut self, ctx: &egui::Context, sla: &Sla) {
        if let Some((measured, receiver)) = &self.working {
            match receiver.try_recv() {
                Ok(result) => {
                    self.measured = measured.clone();
                    self.kept = keep(measured, &self.table, &result);
                    self.result = result;
                    self.working = None;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.result = Err("the figures could not be worked out".to_owned());
                    self.kept = None;
                    self.working = None;
                }
            }
        }
        let differs = self.measured.when != sla.when
            || self.measured.business_hours != sla.business_hours
            || self.measured.time_zone != sla.time_zone
            || self.measured.target_percent != sla.target_percent;
        if differs {
            let (sender, receiver) = channel();
            let (table, edited, ctx) = (Arc::clone(&self.table), sla.clone(), ctx.clone());
            std::thread::spawn(move || {
                // The window may have moved on; then nobody is listening, which is fine.
                let _ = sender.send(measure(&edited, &table));
                ctx.request_repaint();
            });
            self.working = Some((sla.clone(), receiver));
        }
    }
}

pub type EventJob = Job<(Mapping, EventTable), Mapping>;

#[derive(Default)]
pub enum Phase {
    #[default]
    Empty,
    /// Waiting for the events file for this SLA: dropped on the window or chosen.
    Choosing(SlaId),
    Mapping(Mapping),
    Importing(EventJob),
    Checked(Box<Checked>),
}

impl Phase {
    /// The SLA this phase is about, if any.
    pub fn sla(&self) -> Option<SlaId> {
        match self {
            Self::Empty => None,
            Self::Choosing(sla) => Some(*sla),
            Self::Mapping(mapping) => Some(mapping.sla),
            Self::Importing(job) => Some(job.mapping.sla),
            Self::Checked(checked) => Some(checked.sla),
        }
    }
}

/// The SLA step's state.
#[derive(Default)]
pub struct SlaWorkshop {
    /// The pair of teams shown; the first pair when none is chosen.
    pub pair: Option<Pair>,
    pub phase: Phase,
}

impl SlaWorkshop {
    /// Reads the first rows of an events file to map its columns for `sla`.
    pub fn preview(&mut self, sla: SlaId, path: &Path) -> Result<(), ImportError> {
        let preview = import::preview(path, PREVIEW_ROWS)?;
        let columns = EventColumns::guess(&preview);
        self.phase = Phase::Mapping(Mapping {
            sla,
            preview,
            columns,
        });
        Ok(())
    }

    /// Reads the mapped file on a worker thread, its times in the SLA's zone.
    pub fn start(&mut self, ctx: &egui::Context, sla: &Sla) -> Result<(), String> {
        let Phase::Mapping(mapping) = &self.phase else {
            return Ok(());
        };
        let zone = clock::zone(&sla.time_zone).map_err(|e| e.to_string())?;
        let (preview, columns) = (mapping.preview.clone(), mapping.columns);
        let order = columns.date_order(&preview);
        let kept = mapping.clone();
        self.phase = Phase::Importing(EventJob::start(ctx, mapping.clone(), move |progress| {
            events::read(&preview, columns, order, &zone, progress).map(|table| (kept, table))
        }));
        Ok(())
    }

    /// Keeps the figures in step with the SLA: works them out again when it changed, and reads
    /// the file again when its time zone did.
    pub fn follow(&mut self, ctx: &egui::Context, slas: &[Sla]) -> Result<(), String> {
        let Phase::Checked(checked) = &mut self.phase else {
            return Ok(());
        };
        let Some(sla) = slas.iter().find(|s| s.id == checked.sla) else {
            return Ok(());
        };
        if checked.needs_reading_again(sla) {
            self.phase = Phase::Mapping(checked.mapping.clone());
            self.start(ctx, sla)
        } else {
            checked.refresh(ctx, sla);
            Ok(())
        }
    }

    /// Stops the import and goes back to the mapping.
    pub fn cancel(&mut self) {
        super::job::cancel(&mut self.phase);
    }

    /// Takes the import's result when it is ready. Returns what to tell the user if it failed.
    pub fn poll(&mut self, slas: &[Sla]) -> Option<String> {
        super::job::poll(&mut self.phase, |done| {
            let (mapping, table) = done;
            match slas.iter().find(|s| s.id == mapping.sla) {
                Some(sla) => Phase::Checked(Box::new(Checked::new(sla, mapping, table))),
                None => Phase::Empty,
            }
        })
    }
}

impl super::job::JobPhase for Phase {
    type Done = (Mapping, EventTable);
    type Mapping = Mapping;

    fn into_job(self) -> Result<EventJob, Self> {
        match self {
            Self::Importing(job) => Ok(job),
            other => Err(other),
        }
    }

    fn importing(job: EventJob) -> Self {
        Self::Importing(job)
    }

    fn mapping(mapping: Mapping) -> Self {
        Self::Mapping(mapping)
    }
}
