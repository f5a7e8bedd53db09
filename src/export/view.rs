//! The agreement as the documents present it: plain strings in reading order, computed once
//! from the session and laid out by each format (Markdown, HTML). User text stays as typed here;
//! each format escapes it.

use jiff::civil::Date;
use serde::Serialize;

use super::tables::{self, Table};
use crate::analysis::standing::standing;
use crate::analysis::{audit, readiness, scoring};
use crate::model::{Importance, Session, Standing};

#[derive(Debug, Serialize)]
pub struct Agreement {
    pub title: String,
    /// Company, date, facilitator, motion.
    pub facts: Vec<String>,
    pub teams: Vec<String>,
    /// "Name, role (team)".
    pub people: Vec<String>,
    pub readiness: ReadinessView,
    pub gaps: Vec<GapView>,
    pub icp: IcpView,
    pub definitions: Vec<DefinitionView>,
    pub scoring: ScoringView,
    /// Stages, ownership, SLAs, feedback loops, cadence, metrics, actions, decisions, parking.
    pub tables: Vec<TableView>,
    /// The signatures on the pipeline and on each SLA, after their tables.
    pub signed: Vec<SignatureBlock>,
    /// What changed since the review the session was started from, when asked for.
    pub since: Option<super::since::SinceView>,
}

/// One agreement's signatures: where they stand, and a row per signing team.
#[derive(Debug, Serialize)]
pub struct SignatureBlock {
    /// "Pipeline", "SLA: MQL follow-up".
    pub title: String,
    pub standing: String,
    pub adopted: bool,
    /// "2027-03-31", or empty before anyone signed today's text.
    pub review_by: String,
    /// Team, position (marked when on an earlier wording), who, when, reason; none before
    /// any team signed.
    pub rows: Vec<[String; 5]>,
}

/// The header of every signature table.
pub const SIGNATURE_HEADERS: [&str; 5] = ["Team", "Position", "Who", "When", "Reason"];

/// The signatures of `agreement` as the documents print them.
pub fn signature_block(session: &Session, agreement: crate::model::Agreement) -> SignatureBlock {
    let Some(state) = session.agreement_state(agreement) else {
        return SignatureBlock {
            title: String::new(),
            standing: String::new(),
            adopted: false,
            review_by: String::new(),
            rows: Vec::new(),
        };
    };
    // Before any team signs, the sentence says whom the room waits for; a table of "Not
    // yet" rows would only repeat it.
    let anyone_signed = state.teams.iter().any(|(_, s)| s.signature().is_some());
    let rows = state
        .teams
        .iter()
        .filter(|_| anyone_signed)
        .map(|(team, standing)| {
            let team = session.team_name(Some(*team)).to_owned();
            let Some(signature) = standing.signature() else {
                return [
                    team,
                    "Not yet".to_owned(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
            };
            let mut position = signature.position.label().to_owned();
            if matches!(standing, Standing::Stale(_)) {
                position.push_str(
                    if signature.carried_over && signature.sha256 == state.hash {
                        " (carried over, to re-confirm)"
                    } else {
                        " (signed an earlier wording)"
                    },
                );
            }
            let when = signature.at.map_or_else(
                || "before signatures were dated".to_owned(),
                |at| at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            );
            [
                team,
                position,
                signature.by.describe().to_owned(),
                when,
                signature.reason.trim().to_owned(),
            ]
        })
        .collect();
    let title = match agreement {
        crate::model::Agreement::Sla(_) => format!("SLA: {}", state.name),
        _ => state.name.clone(),
    };
    SignatureBlock {
        title,
        standing: standing(session, agreement),
        adopted: state.adopted,
        review_by: state.review_by.map(|d| d.to_string()).unwrap_or_default(),
        rows,
    }
}

#[derive(Debug, Serialize)]
pub struct ReadinessView {
    pub done: usize,
    pub total: usize,
    pub checks: Vec<CheckView>,
}

#[derive(Debug, Serialize)]
pub struct CheckView {
    pub title: &'static str,
    pub done: bool,
    pub missing: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GapView {
    pub text: String,
    pub because: String,
    pub step: &'static str,
}

#[derive(Debug, Serialize)]
pub struct IcpView {
    pub standing: String,
    pub agreed: bool,
    pub signatures: SignatureBlock,
    pub statement: String,
    /// Importance, attribute, values, why.
    pub criteria: Vec<[String; 4]>,
    /// "Description (evidence)".
    pub anti_patterns: Vec<String>,
    /// Where the figures came from, when customers were imported; empty otherwise.
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct DefinitionView {
    pub term: String,
    pub definition: String,
    pub criteria: Vec<CriteriaGroup>,
    pub owner: String,
    pub standing: String,
    pub agreed: bool,
    pub signatures: SignatureBlock,
}

#[derive(Debug, Serialize)]
pub struct CriteriaGroup {
    pub title: &'static str,
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScoringView {
    pub threshold: i32,
    /// Signed points, rule.
    pub rules: Vec<[String; 2]>,
    /// The capacity sentence, empty until the room gave its numbers.
    pub capacity: String,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    pub title: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn filled(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The whole agreement. `today` decides which audit findings are stale.
pub fn agreement(session: &Session, today: Date, since: Option<&super::since::Since>) -> Agreement {
    let meta = &session.meta;
    let adopted = |agreement| {
        session
            .agreement_state(agreement)
            .is_some_and(|state| state.adopted)
    };
    let mut facts = Vec::new();
    if !meta.company.trim().is_empty() {
        facts.push(meta.company.trim().to_owned());
    }
    if let Some(date) = meta.date {
        facts.push(date.to_string());
    }
    if !meta.facilitator.trim().is_empty() {
        facts.push(format!("facilitated by {}", meta.facilitator.trim()));
    }
    facts.push(format!("{} motion", meta.motion.label()));
    let people = session
        .participants
        .iter()
        .map(|p| {
            let mut who = p.name.trim().to_owned();
            if !p.role.trim().is_empty() {
                who.push_str(&format!(", {}", p.role.trim()));
            }
            if p.team.is_some() {
                who.push_str(&format!(" ({})", session.team_name(p.team)));
            }
            who
        })
        .collect();
    let ready = readiness::readiness(session);
    let icp = &session.icp;
    let all_tables = tables::tables(session);
    Agreement {
        title: match meta.title.trim() {
            "" => "Revenue alignment workshop".to_owned(),
            title => title.to_owned(),
        },
        facts,
        teams: session
            .teams
            .iter()
            .map(|t| session.team_name(Some(t.id)).to_owned())
            .collect(),
        people,
        readiness: ReadinessView {
            done: ready.done(),
            total: ready.total(),
            checks: ready
                .checks
                .iter()
                .map(|c| CheckView {
                    title: c.title,
                    done: c.is_done(),
                    missing: c.missing.clone(),
                })
                .collect(),
        },
        gaps: audit::gaps(session, today)
            .into_iter()
            .map(|g| GapView {
                text: g.text,
                because: g.because,
                step: g.fixed_in.label(),
            })
            .collect(),
        icp: IcpView {
            standing: standing(session, crate::model::Agreement::Icp),
            agreed: adopted(crate::model::Agreement::Icp),
            signatures: signature_block(session, crate::model::Agreement::Icp),
            statement: icp.statement.trim().to_owned(),
            criteria: icp
                .criteria
                .iter()
                .map(|c| {
                    let importance = match c.importance {
                        Importance::MustHave => "Must have",
                        Importance::NiceToHave => "Nice to have",
                        Importance::Exclude => "Exclude",
                    };
                    [
                        importance.to_owned(),
                        c.attribute.clone(),
                        c.values.join(", "),
                        c.rationale.clone(),
                    ]
                })
                .collect(),
            anti_patterns: icp
                .anti_patterns
                .iter()
                .map(|a| match a.evidence.trim() {
                    "" => a.description.trim().to_owned(),
                    evidence => format!("{} ({evidence})", a.description.trim()),
                })
                .collect(),
            source: icp
                .data
                .as_ref()
                .map(|data| {
                    format!(
                        "From {} (SHA-256 {}): {} customers, the best {} hold {:.0}% of revenue.",
                        data.source_file,
                        data.content_hash,
                        data.customers,
                        data.best,
                        data.best_revenue_share * 100.0
                    )
                })
                .unwrap_or_default(),
        },
        definitions: session
            .definitions
            .iter()
            .map(|d| DefinitionView {
                term: match d.term.trim() {
                    "" => "Unnamed term".to_owned(),
                    term => term.to_owned(),
                },
                definition: d.definition.trim().to_owned(),
                criteria: vec![
                    CriteriaGroup {
                        title: "Who they are",
                        items: filled(&d.criteria.firmographic),
                    },
                    CriteriaGroup {
                        title: "What they did",
                        items: filled(&d.criteria.behavioural),
                    },
                    CriteriaGroup {
                        title: "Verification points",
                        items: filled(&d.criteria.verification),
                    },
                ],
                owner: session.team_name(d.owner).to_owned(),
                standing: standing(session, crate::model::Agreement::Definition(d.id)),
                agreed: adopted(crate::model::Agreement::Definition(d.id)),
                signatures: signature_block(session, crate::model::Agreement::Definition(d.id)),
            })
            .collect(),
        scoring: ScoringView {
            threshold: session.scoring.threshold,
            rules: session
                .scoring
                .rules
                .iter()
                .map(|r| [format!("{:+}", r.points), r.condition.describe()])
                .collect(),
            capacity: scoring::capacity_per_month(&session.scoring.capacity)
                .map(|per_month| {
                    let c = &session.scoring.capacity;
                    format!(
                        "Sales capacity: {} SDRs × {} follow-ups a day × {} working days = {per_month} MQLs a month.",
                        c.sdrs, c.follow_ups_per_sdr_per_day, c.working_days_per_month
                    )
                })
                .unwrap_or_default(),
        },
        signed: std::iter::once(crate::model::Agreement::Pipeline)
            .chain(session.slas.iter().map(|s| crate::model::Agreement::Sla(s.id)))
            .map(|agreement| signature_block(session, agreement))
            .collect(),
        // The definitions, first of the tables, are laid out term by term above instead; the
        // signatures have their own blocks. What the room said from its phones is there once
        // revealed: a workshop that never opened the room has no empty tables for it.
        tables: all_tables
            .iter()
            .filter(|t| t.name != "definitions" && t.name != "signatures")
            .filter(|t| !(matches!(t.name, "room_answers" | "votes") && t.rows.is_empty()))
            .map(|t: &Table| TableView {
                title: t.title,
                headers: t.headers.clone(),
                rows: t.rows.clone(),
            })
            .collect(),
        since: since.map(super::since::SinceView::of),
    }
}
