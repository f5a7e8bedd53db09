//! The headless command line: everything it checks or writes goes through the same library
//! code as the window.

#[macro_use]
mod terminal;

mod crm;
mod documents;
mod funnel;
mod icp;
mod report;
mod review;
mod room;
mod score;
mod sign;
mod sla;
mod trend;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};

use crate::analysis::readiness::readiness;
use crate::export;
use crate::model::Session;
use crate::storage::{self, templates};

/// Run a revenue-team alignment workshop and leave the room with agreed documents.
///
/// Without a command, Accord opens its window.
#[derive(Debug, Parser)]
#[command(name = "accord", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A session file to open in the window.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a session file in the window.
    Open {
        /// The session file (.ron).
        file: PathBuf,
    },
    /// List the bundled workshop templates.
    Templates,
    /// Write a new session file from a bundled template.
    New {
        /// The template to start from (see `accord templates`).
        #[arg(long, value_parser = PossibleValuesParser::new(templates::TEMPLATES.map(|t| t.name)))]
        template: String,
        /// Where to write the session.
        file: PathBuf,
        /// Replace the file if it exists (its previous version is kept as FILE.bak).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        about: NewAbout,
    },
    /// Check that a session file loads, summarise it, and list what is not agreed yet.
    Validate {
        /// The session file (.ron).
        file: PathBuf,
        /// Exit 1 when any line of the readiness checklist is unfinished.
        #[arg(long)]
        strict: bool,
    },
    /// Analyse a customer export: the best customers, what sets them apart, what the churned
    /// share, and the ICP criteria the data suggests.
    Icp(icp::IcpArgs),
    /// Score a leads export with a session's rules: each lead's score (or a summary), how many
    /// pass the threshold, per month, and the distribution.
    Score(score::ScoreArgs),
    /// Measure one of a session's SLAs on exported events: the share handled in time, the
    /// median and 90th-percentile response times, by owner, in business hours when the SLA
    /// counts them.
    SlaCheck(sla::SlaCheckArgs),
    /// Check the pipeline's conversion from stage to stage against typical ranges, with counts
    /// given, counted from a CRM export, or kept in the session.
    Funnel(funnel::FunnelArgs),
    /// Record a team's position on an agreement's text as it stands, and save the session.
    Sign(sign::SignArgs),
    /// Every agreement with each signing team's latest signature, current or on an earlier
    /// wording.
    Signatures(sign::SignaturesArgs),
    /// Start the next review from this one: every agreement carried over, every signature
    /// kept as history to re-confirm, what belonged to one workshop left behind.
    Next(review::NextArgs),
    /// What changed from one review to another, step by step, matched by meaning.
    Diff(review::DiffArgs),
    /// Did it work: the alignment score, the funnel, the SLAs and the metrics of two or more
    /// reviews side by side, in period order.
    Trend(trend::TrendArgs),
    /// Open the room without a window: participants join from their phones over this
    /// network, and what they send is saved into FILE as it arrives.
    Room(room::RoomArgs),
    /// Set a CRM up from a folder `accord export --format hubspot` wrote.
    Crm(crm::CrmArgs),
    /// Write a document made from the session.
    Export {
        /// The session file (.ron).
        file: PathBuf,
        /// The document to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write it; an existing file is replaced atomically. For CSV without
        /// --table, hubspot and salesforce, a folder that receives the files.
        #[arg(long)]
        output: PathBuf,
        /// For CSV: write only this table (definitions, stages, ownership, funnel, slas,
        /// feedback_loops, meetings, metrics, actions, decisions, parking_lot, room_answers,
        /// votes, signatures).
        #[arg(long, value_name = "NAME")]
        table: Option<String>,
        /// For PDF: the page size.
        #[arg(long, value_enum, default_value_t = PaperSize::A4)]
        paper: PaperSize,
        /// For md, html and pdf: add "What changed since" this earlier review [default: the
        /// review FILE was started from, when its file is beside FILE].
        #[arg(long, value_name = "OLD")]
        since: Option<PathBuf>,
    },
}

/// What `accord new` writes into the session's details; what is not given stays as the
/// template has it.
#[derive(Debug, clap::Args)]
pub struct NewAbout {
    /// The workshop's title.
    #[arg(long)]
    title: Option<String>,
    /// The company the workshop is for.
    #[arg(long)]
    company: Option<String>,
    /// Who runs it.
    #[arg(long)]
    facilitator: Option<String>,
    /// The day it is held, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// The period it reviews, such as 2027-Q1: `accord next` and `accord trend` follow it.
    #[arg(long)]
    period: Option<String>,
}

impl NewAbout {
    fn apply(&self, meta: &mut crate::model::Meta) -> anyhow::Result<()> {
        let line = |flag: &str, value: &str| -> anyhow::Result<String> {
            let value = value.trim();
            if value.chars().any(char::is_control) {
                bail!("--{flag}: give one line of text");
            }
            if value.len() > storage::MAX_TEXT_BYTES {
                bail!("--{flag}: too long");
            }
            Ok(value.to_owned())
        };
        if let Some(title) = &self.title {
            meta.title = line("title", title)?;
        }
        if let Some(company) = &self.company {
            meta.company = line("company", company)?;
        }
        if let Some(facilitator) = &self.facilitator {
            meta.facilitator = line("facilitator", facilitator)?;
        }
        if let Some(date) = self.date {
            meta.date = Some(date);
        }
        if let Some(period) = &self.period {
            let period = line("period", period)?;
            if period.is_empty() {
                bail!("--period: give the period a name, such as 2027-Q1");
            }
            meta.period = period;
        }
        Ok(())
    }
}

/// The documents `accord export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole agreement as Markdown, for a wiki.
    Md,
    /// The whole agreement as one printable HTML page.
    Html,
    /// The whole agreement as a typeset PDF (see --paper).
    Pdf,
    /// The agreement's tables as CSV, safe to open in a spreadsheet.
    Csv,
    /// The agreement's tables as one spreadsheet, a sheet each.
    Xlsx,
    /// The planning cadence as calendar events (iCalendar).
    Ics,
    /// HubSpot's configuration in the folder --output: plan.json, the CRM v3 calls that set
    /// the agreement up (see `accord crm apply`), and checklist.md, what is left by hand.
    Hubspot,
    /// Salesforce's configuration in the folder --output: a DX source project to deploy with
    /// `sf project deploy start --manifest manifest/package.xml`, and checklist.md.
    Salesforce,
}

impl ExportFormat {
    fn format(self) -> export::Format {
        match self {
            Self::Md => export::Format::Markdown,
            Self::Html => export::Format::Html,
            Self::Pdf => export::Format::Pdf,
            Self::Csv => export::Format::Csv,
            Self::Xlsx => export::Format::Xlsx,
            Self::Ics => export::Format::Calendar,
            Self::Hubspot => export::Format::Hubspot,
            Self::Salesforce => export::Format::Salesforce,
        }
    }
}

/// The page sizes a PDF can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperSize {
    A4,
    Letter,
}

/// What the command line asked for.
#[derive(Debug)]
pub enum Launch {
    /// Open the window, with this session file if one was named.
    Window(Option<PathBuf>),
    /// Run a command without a window.
    Headless(Command),
}

impl Cli {
    /// Sorts the window commands from the headless ones.
    pub fn launch(self) -> Launch {
        match self.command {
            None => Launch::Window(self.file),
            Some(Command::Open { file }) => Launch::Window(Some(file)),
            Some(command) => Launch::Headless(command),
        }
    }
}

/// Runs a headless command: exit 0 on success, 1 on bad input or an unfinished session under
/// `--strict`, with the message on stderr.
pub fn run(command: &Command) -> ExitCode {
    // A difference under `--exit-code` is exit 1 with nothing to say, as `git diff` has it.
    if let Command::Diff(args) = command {
        let mut out = terminal::Inert::new(std::io::stdout().lock());
        return match review::diff_command(args, &mut out) {
            Ok(false) => ExitCode::SUCCESS,
            Ok(true) => ExitCode::FAILURE,
            Err(error) => {
                eprintln_inert!("{error:#}");
                ExitCode::FAILURE
            }
        };
    }
    match run_command(command) {
        Ok(()) => ExitCode::SUCCESS,
        // `accord icp … | head` closes the pipe early; that is not a failure.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln_inert!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_command(command: &Command) -> anyhow::Result<()> {
    let mut out = terminal::Inert::new(std::io::stdout().lock());
    match command {
        Command::Open { file } => bail!(
            "{}: `accord open` shows the window; it has no headless form",
            file.display()
        ),
        Command::Icp(args) => icp::run(args, &mut out)?,
        Command::Score(args) => score::run(args, &mut out)?,
        Command::SlaCheck(args) => sla::run(args, &mut out)?,
        Command::Funnel(args) => funnel::run(args, &mut out)?,
        Command::Sign(args) => sign::sign(args, &mut out)?,
        Command::Next(args) => review::next(args, &mut out)?,
        Command::Diff(args) => {
            review::run_diff(args, &mut out)?;
        }
        Command::Signatures(args) => sign::signatures(args, &mut out)?,
        Command::Trend(args) => trend::run(args, &mut out)?,
        Command::Room(args) => room::run(args, &mut out)?,
        Command::Crm(args) => crm::run(args, &mut out)?,
        Command::Templates => {
            let width = templates::TEMPLATES.iter().map(|t| t.name.len()).max();
            for template in templates::TEMPLATES {
                writeln!(
                    out,
                    "{:width$}  {}",
                    template.name,
                    template.description,
                    width = width.unwrap_or(0)
                )?;
            }
        }
        Command::New {
            template,
            file,
            force,
            about,
        } => {
            let template = templates::find(template)
                .with_context(|| format!("there is no template called {template}"))?;
            if file.exists() && !force {
                bail!(
                    "{}: the file exists already; pass --force to replace it",
                    file.display()
                );
            }
            let mut session = template
                .session()
                .with_context(|| format!("the bundled template {} is broken", template.name))?;
            about.apply(&mut session.meta)?;
            storage::save(file, &session)?;
            writeln!(
                out,
                "{}: new session from the {} template",
                file.display(),
                template.name
            )?;
        }
        Command::Validate { file, strict } => {
            let session = storage::load(file)?;
            writeln!(out, "{}: valid — {}", file.display(), summary(&session))?;
            let readiness = readiness(&session);
            for check in readiness.checks.iter().filter(|c| !c.is_done()) {
                for missing in &check.missing {
                    eprintln_inert!("{}: warning: {}: {missing}", file.display(), check.title);
                }
            }
            let today = jiff::Zoned::now().date();
            for warning in crate::analysis::standing::warnings(&session, today) {
                eprintln_inert!("{}: warning: Signatures: {warning}", file.display());
            }
            for problem in crate::analysis::pipeline::raci_problems(&session) {
                eprintln_inert!(
                    "{}: warning: Ownership matrix: {}",
                    file.display(),
                    problem.message
                );
            }
            for problem in crate::analysis::pipeline::handoff_problems(&session) {
                eprintln_inert!(
                    "{}: warning: Hand-offs: {}",
                    file.display(),
                    problem.message
                );
            }
            if *strict && readiness.done() < readiness.total() {
                bail!(
                    "{}: not ready: {} of {} checklist lines are done",
                    file.display(),
                    readiness.done(),
                    readiness.total()
                );
            }
        }
        Command::Export {
            file,
            format,
            output,
            table,
            paper,
            since,
        } => documents::run(
            file,
            *format,
            output,
            table.as_deref(),
            *paper,
            since.as_deref(),
            &mut out,
        )?,
    }
    Ok(())
}

/// Writes `value` as pretty JSON and a newline. Serialised first, so that a closed pipe
/// surfaces as the plain I/O error `run` forgives rather than inside a serde_json error.
fn write_json(out: &mut impl std::io::Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    writeln!(out, "{json}")?;
    Ok(())
}

/// One line that says what a session holds.
pub fn summary(session: &Session) -> String {
    let title = session.meta.title.trim();
    let title = if title.is_empty() { "Untitled" } else { title };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "“{title}”, {}, {}, {}, {}, {}",
        count(session.teams.len(), "team", "teams"),
        count(session.participants.len(), "participant", "participants"),
        count(session.definitions.len(), "definition", "definitions"),
        count(session.stages.len(), "stage", "stages"),
        count(session.slas.len(), "SLA", "SLAs"),
    )
}
