//! Where the teams' signatures on an agreement stand, in words: the few for a chip on screen,
//! and the whole sentence the documents print. One place for both, so the window and the
//! exports never disagree.

use crate::model::{Session, SignOff, SignOffs, TeamId};

/// Where the signatures stand: "Agreed by every team", or how many agreed, who objects and why,
/// and whom the room is waiting for.
pub fn standing(session: &Session, sign_offs: &SignOffs) -> String {
    let signing: Vec<TeamId> = session.signing_teams().collect();
    if signing.is_empty() {
        return "No team signs agreements".to_owned();
    }
    standing_of(session, sign_offs, &signing)
}

/// Where the signatures of `signing` stand, in words.
pub fn standing_of(session: &Session, sign_offs: &SignOffs, signing: &[TeamId]) -> String {
    if signing.is_empty() {
        return "No team chosen to sign".to_owned();
    }
    let mut agreed = 0;
    let mut objections = Vec::new();
    let mut waiting = Vec::new();
    for team in signing {
        let name = session.team_name(Some(*team));
        match sign_offs.get(*team) {
            SignOff::Agreed => agreed += 1,
            SignOff::NotYet => waiting.push(name),
            SignOff::Objects { reason } if reason.trim().is_empty() => {
                objections.push(format!("{name} objects"));
            }
            SignOff::Objects { reason } => {
                objections.push(format!("{name} objects: {}", reason.trim()));
            }
        }
    }
    if agreed == signing.len() {
        return if signing.len() == 2 {
            "Agreed by both teams".to_owned()
        } else {
            "Agreed by every team".to_owned()
        };
    }
    let mut parts = vec![format!(
        "Not agreed yet ({agreed} of {} teams)",
        signing.len()
    )];
    parts.extend(objections);
    if !waiting.is_empty() {
        parts.push(format!("waiting for {}", waiting.join(", ")));
    }
    parts.join("; ")
}

/// Where the signatures of `signing` stand, in a few words for a chip: "3 of 6 teams agreed".
pub fn summary(sign_offs: &SignOffs, signing: &[TeamId]) -> String {
    let agreed = sign_offs.agreed_count(signing.iter().copied());
    let objections = sign_offs.objections(signing.iter().copied());
    match (signing.len(), agreed, objections) {
        (0, _, _) => "No team signs yet".to_owned(),
        (total, agreed, 0) if agreed == total => "Agreed by every team".to_owned(),
        (total, agreed, 0) => format!("{agreed} of {total} teams agreed"),
        (total, agreed, 1) => format!("{agreed} of {total} teams agreed · 1 objects"),
        (total, agreed, n) => format!("{agreed} of {total} teams agreed · {n} object"),
    }
}
