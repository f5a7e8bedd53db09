//! The ICP workshop's working state: the file being mapped, the import running on a worker
//! thread, and the imported customers being explored. None of it is saved: the session keeps
//! only the summary (see `analysis::icp::summary`).

use std::path::Path;

use crate::analysis::icp::{self, Analysis, Settings};
use crate::import::customers::{self, CustomerColumns, CustomerTable};
use crate::import::money::DecimalMark;
use crate::import::{self, ImportError, PREVIEW_ROWS, Preview};
use crate::model::{Criterion, Icp};

/// The part a column plays in the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Ignore,
    Revenue,
    Status,
    Tenure,
    Attribute,
}

impl Role {
    pub const ALL: [Self; 5] = [
        Self::Attribute,
        Self::Revenue,
        Self::Status,
        Self::Tenure,
        Self::Ignore,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ignore => "Not used",
            Self::Revenue => "Revenue",
            Self::Status => "Churned or active",
            Self::Tenure => "Tenure",
            Self::Attribute => "Attribute",
        }
    }
}

/// A file previewed, its columns being given their roles.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub preview: Preview,
    pub roles: Vec<Role>,
    pub decimal: DecimalMark,
}

impl Mapping {
    fn new(preview: Preview) -> Self {
        let (revenue, status, guess) = CustomerColumns::guess(&preview);
        let roles = (0..preview.headers.len())
            .map(|i| {
                if Some(i) == revenue {
                    Role::Revenue
                } else if Some(i) == status {
                    Role::Status
                } else if Some(i) == guess.tenure {
                    Role::Tenure
                } else if guess.attributes.contains(&i) {
                    Role::Attribute
                } else {
                    Role::Ignore
                }
            })
            .collect();
        Self {
            preview,
            roles,
            decimal: guess.decimal,
        }
    }

    /// Gives `column` its role; revenue, status and tenure belong to one column at a time.
    pub fn set_role(&mut self, column: usize, role: Role) {
        if matches!(role, Role::Revenue | Role::Status | Role::Tenure) {
            for other in &mut self.roles {
                if *other == role {
                    *other = Role::Ignore;
                }
            }
        }
        if let Some(slot) = self.roles.get_mut(column) {
            *slot = role;
        }
    }

    /// The columns for the importer, or what is still missing.
    pub fn columns(&self) -> Result<CustomerColumns, &'static str> {
        let find = |role| self.roles.iter().position(|r| *r == role);
        let revenue = find(Role::Revenue).ok_or("Choose the column that holds revenue.")?;
        let status = find(Role::Status)
            .ok_or("Choose the column that says whether a customer churned or is active.")?;
        Ok(CustomerColumns {
            revenue,
            status,
            tenure: find(Role::Tenure),
            attributes: (0..self.roles.len())
                .filter(|&i| self.roles[i] == Role::Attribute)
                .collect(),
            decimal: self.decimal,
        })
    }
}

/// A customer import running on a worker thread.
pub type Job = super::job::Job<CustomerTable, Mapping>;

/// Imported customers being explored.
pub struct Explored {
    pub table: CustomerTable,
    pub settings: Settings,
    pub analysis: Analysis,
    pub suggestions: Vec<Criterion>,
    /// The band edges being typed, one per attribute, and why they do not parse.
    pub band_texts: Vec<String>,
    pub band_errors: Vec<Option<String>>,
    /// The settings the analysis was made with.
    analysed: Settings,
    /// The analysis changed since its summary was written into the session.
    summary_due: bool,
}

impl Explored {
    fn new(table: CustomerTable) -> Self {
        let settings = Settings::for_table(&table);
        let analysis = icp::analyse(&table, &settings);
        let band_texts = settings.groupings.iter().map(edges_text).collect();
        Self {
            suggestions: icp::suggestions(&analysis),
            band_errors: vec![None; table.attributes.len()],
            analysed: settings.clone(),
            summary_due: true,
            table,
            settings,
            analysis,
            band_texts,
        }
    }

    /// Runs the analysis again if the settings changed; true when it did.
    pub fn refresh(&mut self) -> bool {
        if self.settings == self.analysed {
            return false;
        }
        self.analysis = icp::analyse(&self.table, &self.settings);
        self.suggestions = icp::suggestions(&self.analysis);
        self.analysed = self.settings.clone();
        self.summary_due = true;
        true
    }

    /// Writes the summary into the session's ICP when the analysis changed, keeping the
    /// rejections made so far.
    pub fn write_summary(&mut self, icp: &mut Icp) {
        if !std::mem::take(&mut self.summary_due) {
            return;
        }
        let mut summary = icp::summary(&self.table, &self.analysis, &self.settings);
        if let Some(previous) = &icp.data {
            summary.rejected = previous.rejected.clone();
        }
        if icp.data.as_ref() != Some(&summary) {
            icp.data = Some(summary);
        }
    }
}

/// Band edges as the facilitator edits them.
pub fn edges_text(grouping: &icp::Grouping) -> String {
    match grouping {
        icp::Grouping::Categories => String::new(),
        icp::Grouping::Bands(edges) => edges
            .iter()
            .map(|edge| icp::format_number(*edge).replace(',', ""))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Where the workshop is.
#[derive(Default)]
pub enum Phase {
    /// Nothing imported in this run of the app.
    #[default]
    Empty,
    Mapping(Mapping),
    Importing(Job),
    Explored(Box<Explored>),
}

/// The ICP workshop's state.
#[derive(Default)]
pub struct IcpWorkshop {
    pub phase: Phase,
}

impl IcpWorkshop {
    /// Reads the first rows of a file to map its columns.
    pub fn preview(&mut self, path: &Path) -> Result<(), ImportError> {
        let preview = import::preview(path, PREVIEW_ROWS)?;
        self.phase = Phase::Mapping(Mapping::new(preview));
        Ok(())
    }

    /// Starts importing the mapped file on a worker thread.
    pub fn start(&mut self, ctx: &egui::Context) -> Result<(), &'static str> {
        let Phase::Mapping(mapping) = &self.phase else {
            return Ok(());
        };
        let columns = mapping.columns()?;
        let (path, dialect) = (mapping.preview.path.clone(), mapping.preview.dialect);
        self.phase = Phase::Importing(Job::start(ctx, mapping.clone(), move |progress| {
            customers::read(&path, dialect, &columns, progress)
        }));
        Ok(())
    }

    /// Stops the import and goes back to the mapping.
    pub fn cancel(&mut self) {
        super::job::cancel(&mut self.phase);
    }

    /// Takes the import's result when it is ready. Returns what to tell the user if it failed.
    pub fn poll(&mut self) -> Option<String> {
        super::job::poll(&mut self.phase, |done| {
            Phase::Explored(Box::new(Explored::new(done)))
        })
    }

    pub fn is_importing(&self) -> bool {
        matches!(self.phase, Phase::Importing(_))
    }
}

impl super::job::JobPhase for Phase {
    type Done = CustomerTable;
    type Mapping = Mapping;

    fn into_job(self) -> Result<Job, Self> {
        match self {
            Self::Importing(job) => Ok(job),
            other => Err(other),
        }
    }

    fn importing(job: Job) -> Self {
        Self::Importing(job)
    }

    fn mapping(mapping: Mapping) -> Self {
        Self::Mapping(mapping)
    }
}
