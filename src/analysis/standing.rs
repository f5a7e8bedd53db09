//! Where the teams' signatures on an agreement stand, in words: the few for a chip on screen,
//! and the whole sentence the documents print. One place for both, so the window and the
//! exports never disagree. Both are read off [`AgreementState`], which the model derives.

use jiff::civil::Date;

use crate::model::{Agreement, AgreementState, Position, Session, Signature, Standing, TeamId};

/// Where the signatures stand, in a sentence: "Adopted: endorsed by every team", or how many
/// carry it, who is against it and why, who signed an earlier wording, and whom the room is
/// waiting for.
pub fn standing(session: &Session, agreement: Agreement) -> String {
    let Some(state) = session.agreement_state(agreement) else {
        return String::new();
    };
    if state.teams.is_empty() {
        return "No team signs it".to_owned();
    }
    let name = |team| session.team_name(Some(team));
    if state.adopted {
        let all_endorse = state
            .teams
            .iter()
            .all(|(_, s)| s.position() == Some(Position::Endorse));
        return match (all_endorse, state.teams.len()) {
            (true, 2) => "Adopted: endorsed by both teams".to_owned(),
            (true, _) => "Adopted: endorsed by every team".to_owned(),
            (false, _) => format!("Adopted ({} rule)", state.rule.name()),
        };
    }
    let mut parts = vec![format!(
        "Not adopted yet ({} of {} teams)",
        state.carried_by(),
        state.teams.len()
    )];
    let mut stale = Vec::new();
    let mut carried = Vec::new();
    let mut waiting = Vec::new();
    for (team, standing) in &state.teams {
        match standing {
            Standing::NotYet => waiting.push(name(*team)),
            Standing::Stale(signature) if signature.carried_over => carried.push(name(*team)),
            Standing::Stale(_) => stale.push(name(*team)),
            Standing::Current(signature) => {
                let carries = state.rule.adopts(&[Some(signature.position)]);
                if !carries || signature.position != Position::Endorse {
                    let reason = signature.reason.trim();
                    let label = signature.position.label().to_lowercase();
                    parts.push(match reason {
                        "" => format!("{} {label}", name(*team)),
                        reason => format!("{} {label}: {reason}", name(*team)),
                    });
                }
            }
        }
    }
    if !stale.is_empty() {
        parts.push(format!("signed an earlier wording: {}", stale.join(", ")));
    }
    if !carried.is_empty() {
        parts.push(format!(
            "carried over from the last review, to re-confirm: {}",
            carried.join(", ")
        ));
    }
    if !waiting.is_empty() {
        parts.push(format!("waiting for {}", waiting.join(", ")));
    }
    parts.join("; ")
}

/// What keeps `agreement` from being adopted, in words; `None` once it is.
pub fn waiting_for(session: &Session, agreement: Agreement) -> Option<String> {
    let state = session.agreement_state(agreement)?;
    if state.adopted {
        return None;
    }
    if state.teams.is_empty() {
        return Some("no team signs it".to_owned());
    }
    let name = |team: &crate::model::TeamId| session.team_name(Some(*team));
    let blocking: Vec<_> = state
        .teams
        .iter()
        .filter(|(_, s)| s.position() == Some(Position::Block))
        .map(|(t, _)| name(t))
        .collect();
    if !blocking.is_empty() {
        return Some(format!("blocked by {}", blocking.join(", ")));
    }
    let waiting: Vec<_> = state
        .teams
        .iter()
        .filter(|(_, s)| !s.position().is_some_and(|p| state.rule.adopts(&[Some(p)])))
        .map(|(t, _)| name(t))
        .collect();
    let teams = state.teams.len();
    if waiting.len() == teams && teams > 1 {
        return Some(nobody_yet(
            teams,
            state.stale().count(),
            state.carried_over().count(),
        ));
    }
    Some(format!("not agreed by {}", waiting.join(", ")))
}

/// Why none of `teams` carries today's wording, when `stale` of them signed an earlier one and
/// `carried` carry a signature over from the last review: true for every mix.
fn nobody_yet(teams: usize, stale: usize, carried: usize) -> String {
    match (stale, carried) {
        (0, 0) => "no team has agreed yet".to_owned(),
        (stale, 0) if stale == teams => "every team signed an earlier wording".to_owned(),
        (0, carried) if carried == teams => {
            "every team's signature is carried over from the last review, to re-confirm".to_owned()
        }
        (stale, carried) => {
            let mut parts = Vec::new();
            if stale > 0 {
                parts.push(format!("{stale} of {teams} signed an earlier wording"));
            }
            if carried > 0 {
                parts.push(format!(
                    "{carried} of {teams} carried over from the last review, to re-confirm"
                ));
            }
            format!(
                "no team has agreed to this wording yet ({})",
                parts.join(", ")
            )
        }
    }
}

/// Where the signatures stand, in a few words for a chip: "3 of 6 teams", "Adopted".
pub fn summary(state: &AgreementState<'_>) -> String {
    let total = state.teams.len();
    if total == 0 {
        return "No team signs yet".to_owned();
    }
    if state.adopted {
        return "Adopted".to_owned();
    }
    let blocks = state
        .teams
        .iter()
        .filter(|(_, s)| s.position() == Some(Position::Block))
        .count();
    let stale = state.stale().count();
    let mut text = format!("{} of {total} teams", state.carried_by());
    if blocks > 0 {
        text.push_str(&format!(" · {blocks} blocking"));
    }
    if stale > 0 {
        text.push_str(&format!(" · {stale} on an earlier wording"));
    }
    let carried = state.carried_over().count();
    if carried > 0 {
        text.push_str(&format!(" · {carried} to re-confirm"));
    }
    text
}

/// A piece of a word diff between the wording a team signed and today's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Same(String),
    /// In the signed wording, not in today's.
    Removed(String),
    /// In today's wording, not in the signed one.
    Added(String),
}

/// What changed, word by word, from the `signed` text to `today`'s.
pub fn word_diff(signed: &str, today: &str) -> Vec<Change> {
    similar::TextDiff::from_words(signed, today)
        .iter_all_changes()
        .map(|change| {
            let text = change.value().to_owned();
            match change.tag() {
                similar::ChangeTag::Equal => Change::Same(text),
                similar::ChangeTag::Delete => Change::Removed(text),
                similar::ChangeTag::Insert => Change::Added(text),
            }
        })
        .collect()
}

/// The agreements whose review date is before `today`, with that date, in workshop order.
pub fn overdue(session: &Session, today: Date) -> Vec<(Agreement, String, Date)> {
    session
        .agreements()
        .into_iter()
        .filter_map(|agreement| {
            let state = session.agreement_state(agreement)?;
            let due = state.review_by.filter(|due| *due < today)?;
            Some((agreement, state.name, due))
        })
        .collect()
}

/// Signatures on an earlier wording, kept wordings changed after signing, and agreements past
/// their review date, in words: what `accord validate` warns of.
pub fn warnings(session: &Session, today: Date) -> Vec<String> {
    let mut warnings = Vec::new();
    for agreement in session.agreements() {
        let Some(state) = session.agreement_state(agreement) else {
            continue;
        };
        let stale: Vec<&str> = state
            .stale()
            .map(|(team, _)| session.team_name(Some(*team)))
            .collect();
        let altered = session
            .signatures_of(agreement)
            .map_or(0, |s| s.history.iter().filter(|s| !s.is_intact()).count());
        if altered > 0 {
            warnings.push(format!(
                "{} {}: {altered} signature(s) whose kept wording no longer matches its SHA-256: the record was changed after signing",
                agreement.kind(),
                state.name
            ));
        }
        if !stale.is_empty() {
            warnings.push(format!(
                "{} {}: signed an earlier wording by {}",
                agreement.kind(),
                state.name,
                stale.join(", ")
            ));
        }
    }
    for (agreement, name, due) in overdue(session, today) {
        warnings.push(format!(
            "{} {name}: past its review date ({due})",
            agreement.kind()
        ));
    }
    warnings
}

/// What the signature rows show, read from the session before a screen starts editing it:
/// the session is then free to be borrowed for the edits beside them.
pub struct SignaturesView {
    pub agreement: Agreement,
    pub name: String,
    /// "Adopted", "3 of 6 teams".
    pub summary: String,
    pub adopted: bool,
    pub blocked: bool,
    /// Some team carries it, or signed an earlier wording.
    pub started: bool,
    pub rule: &'static str,
    /// The review date in force: the one set, or the default once adopted.
    pub review_by: Option<jiff::civil::Date>,
    /// The review date the room set itself, if it did.
    pub review_set: Option<jiff::civil::Date>,
    /// The agreement's text today, to diff earlier wordings against.
    pub today: String,
    /// Its hash, worked out once with the agreement's state.
    pub today_hash: String,
    pub rows: Vec<SignatureRow>,
}

/// One signing team: its id, its name, and its latest signature.
#[derive(Clone, Debug)]
pub struct SignatureRow {
    pub team: TeamId,
    pub name: String,
    pub signature: Option<Signature>,
    /// The signature is on today's text.
    pub current: bool,
    /// The text kept with the signature still has the hash it was signed with.
    pub intact: bool,
}

impl SignaturesView {
    /// The view of `agreement`, while it exists.
    pub fn of(session: &Session, agreement: Agreement) -> Option<Self> {
        let state = session.agreement_state(agreement)?;
        let blocked = state
            .teams
            .iter()
            .any(|(_, s)| s.position() == Some(Position::Block));
        let rows = state
            .teams
            .iter()
            .map(|(team, standing)| {
                let signature = standing.signature().cloned();
                SignatureRow {
                    team: *team,
                    name: session.team_name(Some(*team)).to_owned(),
                    current: matches!(standing, Standing::Current(_)),
                    intact: signature.as_ref().is_none_or(Signature::is_intact),
                    signature,
                }
            })
            .collect();
        Some(Self {
            agreement,
            summary: summary(&state),
            adopted: state.adopted,
            blocked,
            started: state.carried_by() > 0
                || state.stale().count() > 0
                || state.carried_over().count() > 0,
            rule: state.rule.label(),
            review_by: state.review_by,
            review_set: session.signatures_of(agreement).and_then(|s| s.review_by),
            today: state.text.clone(),
            today_hash: state.hash.clone(),
            name: state.name,
            rows,
        })
    }
}

#[cfg(test)]
mod tests;
