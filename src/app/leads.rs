//! The lead-scoring sandbox's working state: the leads file being mapped, its import, and the
//! imported leads scored with the session's rules. None of it is saved: the session keeps the
//! rules, the threshold and the capacity, never the leads.

use std::path::Path;

use super::job::Job;
use crate::analysis::scoring::{self, MonthVolume, Scored};
use crate::import::leads::{self, LeadColumns, LeadTable};
use crate::import::{self, ImportError, PREVIEW_ROWS, Preview};
use crate::model::{Condition, Criterion, Session};

/// A leads file previewed, its columns being given their fields.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub preview: Preview,
    pub columns: LeadColumns,
}

/// Imported leads and their scores under the session's current rules.
pub struct ScoredLeads {
    pub table: LeadTable,
    pub scored: Scored,
    /// What the hits were computed from; when it changes, the rules are checked again.
    conditions: Vec<Condition>,
    criteria: Vec<Criterion>,
    /// The points the scores were added up with.
    points: Vec<i32>,
    /// Month by month at the threshold it was counted for; counted again when either changes.
    months: Option<(i32, Vec<MonthVolume>)>,
}

impl ScoredLeads {
    fn new(table: LeadTable, session: &Session) -> Self {
        let scored = Scored::new(&table, &session.scoring, &session.icp);
        Self {
            table,
            scored,
            conditions: conditions(session),
            criteria: session.icp.criteria.clone(),
            points: points(session),
            months: None,
        }
    }

    /// Leads and MQLs month by month at `threshold`, counted once per threshold and scoring.
    pub fn by_month(&mut self, threshold: i32) -> &[MonthVolume] {
        if self.months.as_ref().is_none_or(|(t, _)| *t != threshold) {
            let months = scoring::by_month(&self.table, &self.scored, threshold);
            self.months = Some((threshold, months));
        }
        self.months
            .as_ref()
            .map_or(&[], |(_, months)| months.as_slice())
    }

    /// Brings the scores up to date with the session's rules: checks the rules again when a
    /// condition (or the ICP) changed, only adds up again when points did. True when the scores
    /// changed.
    pub fn refresh(&mut self, session: &Session) -> bool {
        let rules = &session.scoring.rules;
        let conditions_changed = self.conditions.len() != rules.len()
            || self
                .conditions
                .iter()
                .zip(rules)
                .any(|(c, r)| *c != r.condition)
            || self.criteria != session.icp.criteria;
        if conditions_changed {
            *self = Self::new(std::mem::take(&mut self.table), session);
            true
        } else if self.points.iter().ne(rules.iter().map(|r| &r.points)) {
            self.scored.rescore(&self.table, &session.scoring);
            self.points = points(session);
            self.months = None;
            true
        } else {
            false
        }
    }
}

fn conditions(session: &Session) -> Vec<Condition> {
    session
        .scoring
        .rules
        .iter()
        .map(|r| r.condition.clone())
        .collect()
}

fn points(session: &Session) -> Vec<i32> {
    session.scoring.rules.iter().map(|r| r.points).collect()
}

/// A leads import running on a worker thread.
pub type LeadJob = Job<LeadTable, Mapping>;

/// Where the sandbox is.
#[derive(Default)]
pub enum Phase {
    /// No leads imported in this run of the app: the rules can still be edited.
    #[default]
    Empty,
    Mapping(Mapping),
    Importing(LeadJob),
    Scored(Box<ScoredLeads>),
}

/// The lead-scoring sandbox's state.
#[derive(Default)]
pub struct LeadsWorkshop {
    pub phase: Phase,
    /// The MQLs a month the room aims for, for the reverse question.
    pub target_per_month: Option<u32>,
}

impl LeadsWorkshop {
    /// Reads the first rows of a file to map its columns; columns named like ICP criteria are
    /// kept for the rules that match them.
    pub fn preview(&mut self, path: &Path, session: &Session) -> Result<(), ImportError> {
        let preview = import::preview(path, PREVIEW_ROWS)?;
        let columns = LeadColumns::guess(&preview, &session.icp.attributes());
        self.phase = Phase::Mapping(Mapping { preview, columns });
        Ok(())
    }

    /// Starts importing the mapped file on a worker thread.
    pub fn start(&mut self, ctx: &egui::Context) {
        let Phase::Mapping(mapping) = &self.phase else {
            return;
        };
        let (path, dialect) = (mapping.preview.path.clone(), mapping.preview.dialect);
        let columns = mapping.columns.clone();
        self.phase = Phase::Importing(LeadJob::start(ctx, mapping.clone(), move |progress| {
            leads::read(&path, dialect, &columns, false, progress)
        }));
    }

    /// Stops the import and goes back to the mapping.
    pub fn cancel(&mut self) {
        super::job::cancel(&mut self.phase);
    }

    /// Takes the import's result when it is ready. Returns what to tell the user if it failed.
    pub fn poll(&mut self, session: &Session) -> Option<String> {
        super::job::poll(&mut self.phase, |done| {
            Phase::Scored(Box::new(ScoredLeads::new(done, session)))
        })
    }

    pub fn is_importing(&self) -> bool {
        matches!(self.phase, Phase::Importing(_))
    }
}

impl super::job::JobPhase for Phase {
    type Done = LeadTable;
    type Mapping = Mapping;

    fn into_job(self) -> Result<LeadJob, Self> {
        match self {
            Self::Importing(job) => Ok(job),
            other => Err(other),
        }
    }

    fn importing(job: LeadJob) -> Self {
        Self::Importing(job)
    }

    fn mapping(mapping: Mapping) -> Self {
        Self::Mapping(mapping)
    }
}
