//! The agreements teams sign (the ICP, each definition, each SLA, and the pipeline as a
//! whole), each with its canonical text: every word that teams agree to, written the same way
//! every time, so a signature can name the exact text it was given to by its hash.

use thiserror::Error;

use super::signatures::{
    AdoptionRule, Position, Signature, Signatures, Signer, Standing, end_of_next_quarter, text_hash,
};
use super::{DefinitionId, Session, SlaId, TeamId};

/// One agreement of the session, by what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Agreement {
    Icp,
    Definition(DefinitionId),
    Sla(SlaId),
    /// The stages, their owners and hand-offs, together.
    Pipeline,
}

impl Agreement {
    /// The kind as scripts name it: `icp`, `definition`, `sla`, `pipeline`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Icp => "icp",
            Self::Definition(_) => "definition",
            Self::Sla(_) => "sla",
            Self::Pipeline => "pipeline",
        }
    }

    /// The kind as a person reads it: "ICP", "Definition", "SLA", "Pipeline".
    pub fn kind_label(self) -> &'static str {
        match self {
            Self::Icp => "ICP",
            Self::Definition(_) => "Definition",
            Self::Sla(_) => "SLA",
            Self::Pipeline => "Pipeline",
        }
    }
}

/// Where an agreement stands: each signing team's latest signature against today's text,
/// whether that adopts it, and until when.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementState<'a> {
    pub agreement: Agreement,
    /// "ICP", "MQL", "MQL follow-up", "Pipeline".
    pub name: String,
    pub rule: AdoptionRule,
    /// Today's text, and its hash.
    pub text: String,
    pub hash: String,
    pub teams: Vec<(TeamId, Standing<'a>)>,
    pub adopted: bool,
    /// The date set for its review, or, once adopted, the end of the quarter after its
    /// latest current signature.
    pub review_by: Option<jiff::civil::Date>,
}

impl AgreementState<'_> {
    /// The teams whose latest signature is on an earlier wording of this review.
    pub fn stale(&self) -> impl Iterator<Item = &(TeamId, Standing<'_>)> {
        self.teams
            .iter()
            .filter(|(_, standing)| matches!(standing, Standing::Stale(s) if !s.carried_over))
    }

    /// The teams whose latest signature was carried over from the last review, to confirm.
    pub fn carried_over(&self) -> impl Iterator<Item = &(TeamId, Standing<'_>)> {
        self.teams
            .iter()
            .filter(|(_, standing)| matches!(standing, Standing::Stale(s) if s.carried_over))
    }

    /// How many teams give today's text a position that carries it under the rule.
    pub fn carried_by(&self) -> usize {
        self.teams
            .iter()
            .filter(|(_, s)| s.position().is_some_and(|p| self.rule.adopts(&[Some(p)])))
            .count()
    }
}

/// Why a signature was not recorded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SignError {
    #[error("there is no such agreement")]
    NoSuchAgreement,
    #[error("{team} does not sign {agreement}; the teams that sign it are: {signers}")]
    TeamDoesNotSign {
        team: String,
        agreement: String,
        signers: String,
    },
    #[error(
        "“{position}” needs a reason: say what worries the team, or what would change its mind"
    )]
    ReasonNeeded { position: &'static str },
}

impl Session {
    /// Every agreement, in the order of the workshop.
    pub fn agreements(&self) -> Vec<Agreement> {
        let mut all = vec![Agreement::Icp];
        all.extend(self.definitions.iter().map(|d| Agreement::Definition(d.id)));
        all.push(Agreement::Pipeline);
        all.extend(self.slas.iter().map(|s| Agreement::Sla(s.id)));
        all
    }

    /// The agreement's name as people say it; `None` when it no longer exists.
    pub fn agreement_name(&self, agreement: Agreement) -> Option<String> {
        let named = |name: &str, fallback: &str| match name.trim() {
            "" => fallback.to_owned(),
            name => name.to_owned(),
        };
        Some(match agreement {
            Agreement::Icp => "ICP".to_owned(),
            Agreement::Pipeline => "Pipeline".to_owned(),
            Agreement::Definition(id) => named(
                &self.definitions.iter().find(|d| d.id == id)?.term,
                "Unnamed term",
            ),
            Agreement::Sla(id) => {
                named(&self.slas.iter().find(|s| s.id == id)?.name, "Unnamed SLA")
            }
        })
    }

    /// The teams whose signatures the agreement needs: an SLA's two teams, otherwise every
    /// team that signs agreements.
    pub fn signers_of(&self, agreement: Agreement) -> Vec<TeamId> {
        match agreement {
            Agreement::Sla(id) => self
                .slas
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.signers())
                .unwrap_or_default(),
            Agreement::Icp | Agreement::Definition(_) | Agreement::Pipeline => {
                self.signing_teams().collect()
            }
        }
    }

    pub fn signatures_of(&self, agreement: Agreement) -> Option<&Signatures> {
        Some(match agreement {
            Agreement::Icp => &self.icp.signatures,
            Agreement::Pipeline => &self.pipeline_signatures,
            Agreement::Definition(id) => &self.definitions.iter().find(|d| d.id == id)?.signatures,
            Agreement::Sla(id) => &self.slas.iter().find(|s| s.id == id)?.signatures,
        })
    }

    pub fn signatures_of_mut(&mut self, agreement: Agreement) -> Option<&mut Signatures> {
        Some(match agreement {
            Agreement::Icp => &mut self.icp.signatures,
            Agreement::Pipeline => &mut self.pipeline_signatures,
            Agreement::Definition(id) => {
                &mut self.definitions.iter_mut().find(|d| d.id == id)?.signatures
            }
            Agreement::Sla(id) => &mut self.slas.iter_mut().find(|s| s.id == id)?.signatures,
        })
    }

    /// Where the agreement stands today; `None` when it no longer exists.
    pub fn agreement_state(&self, agreement: Agreement) -> Option<AgreementState<'_>> {
        let name = self.agreement_name(agreement)?;
        let signatures = self.signatures_of(agreement)?;
        let text = self.canonical_text(agreement)?;
        let hash = text_hash(&text);
        let teams: Vec<(TeamId, Standing<'_>)> = self
            .signers_of(agreement)
            .into_iter()
            .map(|team| (team, signatures.standing(team, &hash)))
            .collect();
        let rule = self.meta.adoption;
        let positions: Vec<Option<Position>> = teams.iter().map(|(_, s)| s.position()).collect();
        let last_signed = teams
            .iter()
            .filter_map(|(_, s)| match s {
                Standing::Current(signature) => signature.at,
                _ => None,
            })
            .max();
        let adopted = rule.adopts(&positions);
        let review_by = signatures.review_by.or_else(|| {
            last_signed
                .filter(|_| adopted)
                .map(|at| end_of_next_quarter(at.to_zoned(jiff::tz::TimeZone::UTC).date()))
        });
        Some(AgreementState {
            agreement,
            name,
            rule,
            text,
            hash,
            adopted,
            teams,
            review_by,
        })
    }

    /// Records `team`'s position on the agreement's text as it stands now.
    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "the tests sign directly; the window, the phones and the command line sign through an edit"
        )
    )]
    pub fn sign(
        &mut self,
        agreement: Agreement,
        team: TeamId,
        position: Position,
        by: Signer,
        reason: &str,
        at: jiff::Timestamp,
    ) -> Result<(), SignError> {
        let text = self
            .canonical_text(agreement)
            .ok_or(SignError::NoSuchAgreement)?;
        let signature = Signature {
            team,
            position,
            by,
            at: Some(at),
            reason: reason.to_owned(),
            sha256: text_hash(&text),
            text,
            carried_over: false,
        };
        self.add_signature(agreement, signature)
    }

    /// Adds `signature`, whose text and hash the caller took from the agreement's text, to the
    /// agreement's history, once its team signs the agreement and its reason is given where
    /// the position needs one. The reason is kept trimmed.
    pub fn add_signature(
        &mut self,
        agreement: Agreement,
        mut signature: Signature,
    ) -> Result<(), SignError> {
        let team = signature.team;
        let signers = self.signers_of(agreement);
        if !signers.contains(&team) {
            let names: Vec<&str> = signers.iter().map(|t| self.team_name(Some(*t))).collect();
            return Err(SignError::TeamDoesNotSign {
                team: self.team_name(Some(team)).to_owned(),
                agreement: self.agreement_name(agreement).unwrap_or_default(),
                signers: if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                },
            });
        }
        signature.reason = signature.reason.trim().to_owned();
        if signature.position.needs_reason() && signature.reason.is_empty() {
            return Err(SignError::ReasonNeeded {
                position: signature.position.label(),
            });
        }
        let signatures = self
            .signatures_of_mut(agreement)
            .ok_or(SignError::NoSuchAgreement)?;
        signatures.history.push(signature);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
