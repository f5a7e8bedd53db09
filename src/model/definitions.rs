//! Shared definitions (Lead, MQL, SQL, …) and the lead-scoring model behind the MQL.

use serde::{Deserialize, Serialize};

use super::ids::{CriterionId, DefinitionId, RuleId, TeamId};
use super::signatures::Signatures;
use super::signoff::SignOffs;

/// The qualification criteria of a definition, grouped as the room discusses them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Criteria {
    /// Who they are: title, company size, industry, region.
    pub firmographic: Vec<String>,
    /// What they did: visits, downloads, demo requests.
    pub behavioural: Vec<String>,
    /// What someone checks before accepting: a valid phone, ICP fit, awareness of the problem.
    pub verification: Vec<String>,
}

/// One team's proposed wording, kept while the room settles on a merged text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Proposal {
    pub team: Option<TeamId>,
    pub wording: String,
}

/// Where teams propose wording: a definition's meaning, or the ICP's statement.
pub struct Wording<'a> {
    /// "MQL", "the ICP".
    pub name: String,
    pub proposals: &'a mut Vec<Proposal>,
    /// The text the room settles on, which the proposals are merged into.
    pub merged: &'a mut String,
}

impl super::Session {
    /// The proposals and the merged text of `agreement`, when it takes proposals (a definition
    /// or the ICP) and is still in the workshop.
    pub fn wording_mut(&mut self, agreement: super::Agreement) -> Option<Wording<'_>> {
        match agreement {
            super::Agreement::Definition(id) => {
                let definition = self.definitions.iter_mut().find(|d| d.id == id)?;
                Some(Wording {
                    name: definition.term.trim().to_owned(),
                    proposals: &mut definition.proposals,
                    merged: &mut definition.definition,
                })
            }
            super::Agreement::Icp => {
                let icp = &mut *self.icp;
                Some(Wording {
                    name: "the ICP".to_owned(),
                    proposals: &mut icp.proposals,
                    merged: &mut icp.statement,
                })
            }
            super::Agreement::Pipeline | super::Agreement::Sla(_) => None,
        }
    }
}

/// A shared definition of one word of the funnel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Definition {
    pub id: DefinitionId,
    /// The word defined: "MQL".
    pub term: String,
    /// Its meaning in one or two sentences.
    pub definition: String,
    pub criteria: Criteria,
    pub owner: Option<TeamId>,
    /// Each team's signatures on the definition.
    pub signatures: Signatures,
    /// Sign-offs as format 1 wrote them: read, and turned into signatures, on load.
    #[serde(skip_serializing)]
    pub sign_offs: SignOffs,
    pub proposals: Vec<Proposal>,
}

impl Definition {
    /// True when this defines `term`, whatever its case or spacing.
    pub fn is_term(&self, term: &str) -> bool {
        self.term.trim().eq_ignore_ascii_case(term)
    }
}

/// A behaviour a lead can show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Behaviour {
    #[default]
    VisitedPricingPage,
    DownloadedContent,
    AttendedWebinar,
    RequestedDemo,
    EngagedWithEmail,
}

/// What a scoring rule looks for in a lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    TitleContains(Vec<String>),
    CompanySizeBetween {
        #[serde(deserialize_with = "super::bounds::company_size")]
        min: u32,
        #[serde(deserialize_with = "super::bounds::company_size")]
        max: u32,
    },
    IndustryIn(Vec<String>),
    CountryIn(Vec<String>),
    MatchesIcpCriterion(CriterionId),
    Did(Behaviour),
    CompetitorDomain(Vec<String>),
    Student,
    FreeMailAddress,
    InvalidPhone,
}

impl Behaviour {
    pub fn label(self) -> &'static str {
        match self {
            Self::VisitedPricingPage => "visited the pricing page",
            Self::DownloadedContent => "downloaded content",
            Self::AttendedWebinar => "attended a webinar",
            Self::RequestedDemo => "requested a demo",
            Self::EngagedWithEmail => "engaged with email",
        }
    }
}

impl Condition {
    /// The condition in words, as the room would say it.
    pub fn describe(&self) -> String {
        let list = |items: &[String]| items.join(", ");
        match self {
            Self::TitleContains(words) => format!("Title contains {}", list(words)),
            Self::CompanySizeBetween { min, max } => {
                format!("Company has {min} to {max} employees")
            }
            Self::IndustryIn(industries) => format!("Industry is {}", list(industries)),
            Self::CountryIn(countries) => format!("Country is {}", list(countries)),
            Self::MatchesIcpCriterion(_) => "Matches an ICP criterion".to_owned(),
            Self::Did(behaviour) => {
                let text = behaviour.label();
                let mut chars = text.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
            Self::CompetitorDomain(domains) if domains.is_empty() => {
                "Email from a competitor's domain".to_owned()
            }
            Self::CompetitorDomain(domains) => format!("Email from {}", list(domains)),
            Self::Student => "Is a student".to_owned(),
            Self::FreeMailAddress => "Uses a free-mail address".to_owned(),
            Self::InvalidPhone => "Phone number is invalid".to_owned(),
        }
    }
}

impl Default for Condition {
    fn default() -> Self {
        Self::Did(Behaviour::default())
    }
}

/// A rule adding (or, when negative, removing) points from a lead's score.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringRule {
    pub id: RuleId,
    pub condition: Condition,
    #[serde(deserialize_with = "super::bounds::points")]
    pub points: i32,
}

/// How many MQLs Sales can follow up within the response-time SLA.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalesCapacity {
    #[serde(deserialize_with = "super::bounds::capacity")]
    pub sdrs: u32,
    #[serde(deserialize_with = "super::bounds::capacity")]
    pub follow_ups_per_sdr_per_day: u32,
    #[serde(deserialize_with = "super::bounds::working_days")]
    pub working_days_per_month: u32,
}

impl Default for SalesCapacity {
    fn default() -> Self {
        Self {
            sdrs: 0,
            follow_ups_per_sdr_per_day: 0,
            working_days_per_month: 21,
        }
    }
}

/// The lead-scoring model that decides when a lead becomes an MQL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringModel {
    pub rules: Vec<ScoringRule>,
    /// A lead at or above this score is an MQL.
    #[serde(deserialize_with = "super::bounds::threshold")]
    pub threshold: i32,
    pub capacity: SalesCapacity,
}

impl Default for ScoringModel {
    fn default() -> Self {
        Self {
            rules: Vec::new(),
            threshold: 50,
            capacity: SalesCapacity::default(),
        }
    }
}
