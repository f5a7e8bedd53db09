//! `accord sign` and `accord signatures`: a team's position recorded on an agreement's text
//! from the command line (a team lead who answered by e-mail), and every agreement's
//! signatures, current or on an earlier wording.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;
use serde::Serialize;

use super::report::ReportFormat;
use crate::edit::{Edit, Signing};
use crate::model::{Agreement, Position, Session, Signer, Standing, TeamId};
use crate::storage;

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The session file (.ron); saved atomically with the signature.
    pub file: PathBuf,
    /// The agreement: `icp`, `pipeline`, `definition:NAME` or `sla:NAME` (names match
    /// whatever their case).
    #[arg(long, value_name = "KIND:NAME")]
    pub item: String,
    /// The team the signature is for, by name.
    #[arg(long)]
    pub team: String,
    /// Who gave it for the team; `facilitator` records it on the team's behalf.
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    /// endorse, agree-with-reservations, stand-aside, disagree or block.
    #[arg(long)]
    pub position: String,
    /// Why; every position but endorse needs one.
    #[arg(long, default_value = "")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct SignaturesArgs {
    /// The session file (.ron).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Finds the agreement `--item` names, or says which exist.
fn find_agreement(session: &Session, item: &str) -> anyhow::Result<Agreement> {
    let (kind, name) = match item.split_once(':') {
        Some((kind, name)) => (kind.trim().to_lowercase(), Some(name.trim())),
        None => (item.trim().to_lowercase(), None),
    };
    let matches = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let found = match (kind.as_str(), name) {
        ("icp", None) => Some(Agreement::Icp),
        ("pipeline", None) => Some(Agreement::Pipeline),
        ("definition", Some(name)) => session
            .definitions
            .iter()
            .find(|d| matches(&d.term, name))
            .map(|d| Agreement::Definition(d.id)),
        ("sla", Some(name)) => session
            .slas
            .iter()
            .find(|s| matches(&s.name, name))
            .map(|s| Agreement::Sla(s.id)),
        _ => None,
    };
    found.with_context(|| {
        let items: Vec<String> = session
            .agreements()
            .into_iter()
            .map(|a| item_name(session, a))
            .collect();
        format!(
            "--item {item}: no such agreement; the agreements are: {}",
            items.join(", ")
        )
    })
}

/// An agreement as `--item` names it: `icp`, `definition:MQL`.
fn item_name(session: &Session, agreement: Agreement) -> String {
    match agreement {
        Agreement::Icp | Agreement::Pipeline => agreement.kind().to_owned(),
        _ => format!(
            "{}:{}",
            agreement.kind(),
            session.agreement_name(agreement).unwrap_or_default()
        ),
    }
}

fn find_team(session: &Session, name: &str) -> anyhow::Result<TeamId> {
    session
        .teams
        .iter()
        .find(|t| t.name.trim().eq_ignore_ascii_case(name.trim()))
        .map(|t| t.id)
        .with_context(|| {
            let teams: Vec<&str> = session.teams.iter().map(|t| t.name.trim()).collect();
            format!(
                "--team {name}: no such team; the teams are: {}",
                teams.join(", ")
            )
        })
}

pub fn sign(args: &SignArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let mut session = storage::load(&args.file)?;
    let file = args.file.display();
    let agreement = find_agreement(&session, &args.item).with_context(|| format!("{file}"))?;
    let team = find_team(&session, &args.team).with_context(|| format!("{file}"))?;
    let Some(position) = Position::parse(&args.position) else {
        let names: Vec<&str> = Position::ALL.iter().map(|p| p.name()).collect();
        bail!(
            "{file}: --position {}: the positions are: {}",
            args.position,
            names.join(", ")
        );
    };
    let by = match args.by.trim() {
        "" => bail!("{file}: --by: say who gave the signature for the team"),
        who if who.eq_ignore_ascii_case("facilitator") => Signer::Facilitator,
        who => Signer::Person(who.to_owned()),
    };
    let signing = Signing {
        agreement,
        team,
        position,
        by,
        reason: args.reason.clone(),
        at: jiff::Timestamp::now(),
        seen_sha256: None,
    };
    session
        .apply(Edit::Sign(Box::new(signing)))
        .with_context(|| format!("{file}"))?;
    storage::save(&args.file, &session)?;
    let name = session.agreement_name(agreement).unwrap_or_default();
    let adopted = session
        .agreement_state(agreement)
        .is_some_and(|state| state.adopted);
    writeln!(
        out,
        "{file}: {} {} {name}{}",
        session.team_name(Some(team)),
        position.name(),
        if adopted { "; it is adopted" } else { "" }
    )?;
    Ok(())
}

/// One agreement in `accord signatures --format json`.
#[derive(Debug, Serialize)]
pub struct AgreementReport {
    pub kind: &'static str,
    pub name: String,
    pub adopted: bool,
    pub rule: &'static str,
    pub review_by: Option<String>,
    pub teams: Vec<TeamReport>,
}

/// One signing team's latest signature.
#[derive(Debug, Serialize)]
pub struct TeamReport {
    pub team: String,
    /// A position's name, or `not-yet`.
    pub position: &'static str,
    pub by: Option<String>,
    pub at: Option<String>,
    pub reason: String,
    /// False for a signature on an earlier wording, and for none.
    pub current: bool,
}

/// Every agreement with each signing team's latest signature.
pub fn report(session: &Session) -> Vec<AgreementReport> {
    session
        .agreements()
        .into_iter()
        .filter_map(|agreement| session.agreement_state(agreement))
        .map(|state| AgreementReport {
            kind: state.agreement.kind(),
            name: state.name.clone(),
            adopted: state.adopted,
            rule: state.rule.name(),
            review_by: state.review_by.map(|d| d.to_string()),
            teams: state
                .teams
                .iter()
                .map(|(team, standing)| {
                    let signature = standing.signature();
                    TeamReport {
                        team: session.team_name(Some(*team)).to_owned(),
                        position: signature.map_or("not-yet", |s| s.position.name()),
                        by: signature.map(|s| s.by.describe().to_owned()),
                        at: signature.and_then(|s| s.at).map(|at| at.to_string()),
                        reason: signature.map(|s| s.reason.clone()).unwrap_or_default(),
                        current: matches!(standing, Standing::Current(_)),
                    }
                })
                .collect(),
        })
        .collect()
}

pub fn signatures(args: &SignaturesArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let session = storage::load(&args.file)?;
    let report = report(&session);
    if args.format == ReportFormat::Json {
        return super::write_json(out, &report);
    }
    for agreement in &report {
        let state = if agreement.adopted {
            "adopted"
        } else {
            "not adopted"
        };
        let review = agreement
            .review_by
            .as_ref()
            .map_or(String::new(), |d| format!(", review by {d}"));
        writeln!(
            out,
            "{} {}: {state} ({} rule){review}",
            agreement.kind, agreement.name, agreement.rule
        )?;
        for team in &agreement.teams {
            let mut line = format!("  {}: {}", team.team, team.position);
            if let Some(by) = &team.by {
                line.push_str(&format!(" — {by}"));
            }
            if let Some(at) = &team.at {
                line.push_str(&format!(", {at}"));
            }
            if !team.reason.trim().is_empty() {
                line.push_str(&format!(": “{}”", team.reason.trim()));
            }
            if team.by.is_some() && !team.current {
                line.push_str(" (signed an earlier wording)");
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
