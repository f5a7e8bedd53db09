//! What the room's page shows, made from the session: the teams and people to join as, the
//! audit's questions, and each agreement on offer with its text and that text's hash, so a
//! signature names exactly what the participant read.

use serde::Serialize;

use crate::analysis::audit::{QUESTIONS, QuestionKind, SYMPTOMS};
use crate::analysis::votes::vote_items;
use crate::model::{Agreement, DefinitionId, Session, SlaId, Standing, Step, VoteTopic, text_hash};

/// What the facilitator puts in front of the room.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offer {
    /// The audit's questions are open.
    pub audit: bool,
    /// The agreements to sign, in the order shown.
    pub agreements: Vec<Agreement>,
    /// The step on the facilitator's screen, said on the page: "Shared definitions".
    pub step: String,
}

impl Offer {
    /// What the window's step shows: the audit on its step, the agreement on screen on the
    /// others, nothing to do on steps with no agreement.
    pub fn for_step(step: Step, agreements: Vec<Agreement>) -> Self {
        Self {
            audit: step == Step::Audit,
            agreements,
            step: step.label().to_owned(),
        }
    }

    /// Everything at once, for a room without a facilitator to follow.
    pub fn everything(session: &Session) -> Self {
        Self {
            audit: true,
            agreements: session.agreements(),
            step: "The whole workshop".to_owned(),
        }
    }
}

/// The page's picture of the room.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub title: String,
    pub step: String,
    pub teams: Vec<TeamView>,
    /// Names to pick from when joining.
    pub people: Vec<PersonView>,
    /// The audit's yes/no questions and its symptoms, while the audit is open.
    pub questions: Vec<QuestionView>,
    pub symptoms: Vec<SymptomView>,
    pub agreements: Vec<AgreementView>,
    /// The dot-vote open now, if any; the tally is not shown to the phones.
    pub vote: Option<VoteView>,
    /// Input is locked on what is shown: the page reads but sends nothing.
    pub locked: bool,
}

/// A dot-vote as the phones see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VoteView {
    /// "the audit's gaps".
    pub on: &'static str,
    /// The dots each person has.
    pub dots: u8,
    pub items: Vec<VoteItem>,
}

pub use crate::model::VoteItem;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TeamView {
    pub id: u64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonView {
    pub name: String,
    pub team: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionView {
    pub key: &'static str,
    pub text: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SymptomView {
    pub key: &'static str,
    pub complaint: &'static str,
}

/// An agreement on offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgreementView {
    /// How the page names it when it signs: `icp`, `pipeline`, `definition:12`, `sla:40`.
    pub key: String,
    pub kind: &'static str,
    pub name: String,
    /// The text a signature is on, as `accord signatures` and the exports show it.
    pub text: String,
    pub sha256: String,
    /// The teams that sign it.
    pub signers: Vec<u64>,
    /// Whether a participant can propose wording for it (definitions).
    pub proposals: bool,
    /// Each team's position on this very text, for the teams that gave one.
    pub signed: Vec<SignedView>,
}

/// A team's position on the text shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedView {
    pub team: u64,
    /// "Endorses", "Blocks".
    pub position: &'static str,
    pub by: String,
}

/// The key of `agreement` on the page.
pub fn key(agreement: Agreement) -> String {
    match agreement {
        Agreement::Icp => "icp".to_owned(),
        Agreement::Pipeline => "pipeline".to_owned(),
        Agreement::Definition(id) => format!("definition:{}", id.0),
        Agreement::Sla(id) => format!("sla:{}", id.0),
    }
}

/// The agreement a page's key names: the one place a key is read back.
pub fn parse_key(key: &str) -> Option<Agreement> {
    match key.split_once(':') {
        None if key == "icp" => Some(Agreement::Icp),
        None if key == "pipeline" => Some(Agreement::Pipeline),
        Some(("definition", id)) => id
            .parse()
            .ok()
            .map(|id| Agreement::Definition(DefinitionId(id))),
        Some(("sla", id)) => id.parse().ok().map(|id| Agreement::Sla(SlaId(id))),
        _ => None,
    }
}

/// The snapshot of `session` with `offer` on the page.
pub fn snapshot(session: &Session, offer: &Offer, locked: bool) -> Snapshot {
    let agreements = offer
        .agreements
        .iter()
        .filter_map(|agreement| {
            let text = session.canonical_text(*agreement)?;
            Some(AgreementView {
                key: key(*agreement),
                kind: agreement.kind(),
                name: session.agreement_name(*agreement)?,
                sha256: text_hash(&text),
                text,
                signers: session
                    .signers_of(*agreement)
                    .into_iter()
                    .map(|t| t.0)
                    .collect(),
                proposals: matches!(agreement, Agreement::Definition(_) | Agreement::Icp),
                signed: session
                    .agreement_state(*agreement)
                    .map(|state| {
                        state
                            .teams
                            .iter()
                            .filter_map(|(team, standing)| match standing {
                                Standing::Current(signature) => Some(SignedView {
                                    team: team.0,
                                    position: signature.position.label(),
                                    by: signature.by.describe().to_owned(),
                                }),
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect();
    Snapshot {
        title: session.meta.title.trim().to_owned(),
        step: offer.step.clone(),
        teams: session
            .teams
            .iter()
            .filter(|t| t.signs_off)
            .map(|t| TeamView {
                id: t.id.0,
                name: session.team_name(Some(t.id)).to_owned(),
            })
            .collect(),
        people: session
            .participants
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| PersonView {
                name: p.name.trim().to_owned(),
                team: p.team.map(|t| t.0),
            })
            .collect(),
        questions: if offer.audit {
            QUESTIONS
                .iter()
                .filter(|q| q.kind == QuestionKind::YesNo)
                .map(|q| QuestionView {
                    key: q.key,
                    text: q.text,
                })
                .collect()
        } else {
            Vec::new()
        },
        symptoms: if offer.audit {
            SYMPTOMS
                .iter()
                .map(|s| SymptomView {
                    key: s.key,
                    complaint: s.complaint,
                })
                .collect()
        } else {
            Vec::new()
        },
        agreements,
        vote: vote_items(session, jiff::Zoned::now().date()).map(|items| VoteView {
            on: session.votes.on.map_or("", VoteTopic::label),
            dots: session.votes.dots,
            items,
        }),
        locked,
    }
}
