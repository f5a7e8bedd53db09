//! When an SLA is complete: time-bound, measurable, and with an escalation.

use crate::model::{Session, Sla};

/// What `sla` still lacks, in words; empty when it is complete.
pub fn missing(sla: &Sla) -> Vec<&'static str> {
    let filled = |text: &str| !text.trim().is_empty();
    let mut missing = Vec::new();
    if sla.when.amount == 0 {
        missing.push("a time window");
    }
    if !filled(&sla.when.clock_starts) {
        missing.push("the event that starts the clock");
    }
    if sla.when.unit.uses_business_hours() {
        if !filled(&sla.time_zone) {
            missing.push("the time zone of its business hours");
        } else if super::clock::zone(&sla.time_zone).is_err() {
            missing.push("a time zone Accord knows");
        }
    }
    if !filled(&sla.how_measured) {
        missing.push("a measure");
    }
    if !filled(&sla.escalation.action) || !filled(&sla.escalation.to) {
        missing.push("an escalation");
    }
    missing
}

/// Joins `items` as a sentence does: "a, b and c".
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The teams of the SLA whose position on today's text does not carry it under the room's
/// rule: not signed, signed an earlier wording, or against.
pub fn unsigned(session: &Session, sla: &Sla) -> Vec<crate::model::TeamId> {
    let Some(state) = session.agreement_state(crate::model::Agreement::Sla(sla.id)) else {
        return Vec::new();
    };
    state
        .teams
        .iter()
        .filter(|(_, standing)| {
            !standing
                .position()
                .is_some_and(|p| state.rule.adopts(&[Some(p)]))
        })
        .map(|(team, _)| *team)
        .collect()
}

/// True when the SLA is time-bound, measurable and has an escalation.
pub fn is_complete(sla: &Sla) -> bool {
    missing(sla).is_empty()
}

/// True when an SLA is complete and adopted by its teams.
pub fn settled(session: &Session, sla: &Sla) -> bool {
    is_complete(sla)
        && session
            .agreement_state(crate::model::Agreement::Sla(sla.id))
            .is_some_and(|state| state.adopted)
}

/// Two teams between which SLAs run, the lower id first (see [`Sla::pair`]).
pub type Pair = (Option<crate::model::TeamId>, Option<crate::model::TeamId>);

/// Every pair of teams that has an SLA, in the order their first SLA appears.
pub fn pairs(session: &Session) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for sla in &session.slas {
        if !pairs.contains(&sla.pair()) {
            pairs.push(sla.pair());
        }
    }
    pairs
}

/// A pair of teams as the SLA step's row of tabs shows it: how many of its SLAs there are, how
/// many are settled (complete and adopted), and whether any is complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairTab {
    pub pair: Pair,
    pub slas: usize,
    pub settled: usize,
    pub any_complete: bool,
}

/// Every pair of teams that has an SLA, in the order of [`pairs`], with where its SLAs stand:
/// each adopted one costs its agreement's canonical text and hashes, so the window works this
/// out once per revision of the session.
pub fn pair_tabs(session: &Session) -> Vec<PairTab> {
    pairs(session)
        .into_iter()
        .map(|pair| {
            let slas: Vec<&Sla> = session.slas.iter().filter(|s| s.pair() == pair).collect();
            PairTab {
                pair,
                slas: slas.len(),
                settled: slas.iter().filter(|s| settled(session, s)).count(),
                any_complete: slas.iter().any(|s| is_complete(s)),
            }
        })
        .collect()
}

/// The pair the SLA step shows: the one the room chose, while it still has an SLA, or else
/// the first pair.
pub fn pair_shown(session: &Session, chosen: Option<Pair>) -> Option<Pair> {
    let pairs = pairs(session);
    chosen
        .filter(|pair| pairs.contains(pair))
        .or_else(|| pairs.first().copied())
}

/// A complete SLA from `from` to `to`, not signed yet: the starting point of tests that
/// take one piece away.
#[cfg(test)]
pub(crate) fn complete_sla(from: crate::model::TeamId, to: crate::model::TeamId) -> Sla {
    use crate::model::{Escalation, TimeUnit, Window};
    Sla {
        name: "Follow-up".into(),
        from_team: Some(from),
        to_team: Some(to),
        when: Window {
            amount: 4,
            unit: TimeUnit::Hours,
            clock_starts: "MQL assigned".into(),
        },
        how_measured: "Share touched in time".into(),
        escalation: Escalation {
            action: "Re-assign".into(),
            to: "SDR manager".into(),
            after: "4 hours".into(),
        },
        ..Sla::default()
    }
}

/// Every team of `agreement` endorses its text as it stands: for tests.
#[cfg(test)]
pub(crate) fn sign_all(session: &mut Session, agreement: crate::model::Agreement) {
    use crate::model::{Position, Signer};
    for team in session.signers_of(agreement) {
        let at = jiff::Timestamp::UNIX_EPOCH;
        if let Err(error) = session.sign(
            agreement,
            team,
            Position::Endorse,
            Signer::Facilitator,
            "",
            at,
        ) {
            panic!("{error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Escalation, TimeUnit, Window};

    #[test]
    fn a_pairs_tab_counts_its_slas_settled_and_drafted_in_either_direction() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let sales = session.add_team("Sales");
        let finance = session.add_team("Finance");
        for (from, to, complete) in [
            (marketing, sales, true),
            (sales, marketing, true),
            (sales, finance, false),
        ] {
            let mut sla = if complete {
                complete_sla(from, to)
            } else {
                Sla {
                    from_team: Some(from),
                    to_team: Some(to),
                    ..Sla::default()
                }
            };
            sla.id = session.new_id();
            session.slas.push(sla);
        }
        let signed = crate::model::Agreement::Sla(session.slas[1].id);
        sign_all(&mut session, signed);

        let tabs = pair_tabs(&session);
        let tab = |pair, slas, settled, any_complete| PairTab {
            pair,
            slas,
            settled,
            any_complete,
        };
        assert_eq!(
            tabs,
            [
                tab(session.slas[0].pair(), 2, 1, true),
                tab(session.slas[2].pair(), 1, 0, false),
            ]
        );
        assert_eq!(session.slas[0].pair(), session.slas[1].pair());
    }

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a measure"]), "a measure");
        assert_eq!(
            and_list(&["a time window", "a measure", "an escalation"]),
            "a time window, a measure and an escalation"
        );
    }

    #[test]
    fn complete_needs_time_measure_and_escalation() {
        let mut sla = Sla::default();
        assert_eq!(missing(&sla).len(), 4);
        sla.when = Window {
            amount: 4,
            unit: TimeUnit::Hours,
            clock_starts: "MQL assigned".into(),
        };
        sla.how_measured = "Share of MQLs touched within 4 hours".into();
        assert_eq!(missing(&sla), ["an escalation"]);
        sla.escalation = Escalation {
            action: "Re-assign the lead".into(),
            to: "SDR manager".into(),
            after: "4 hours".into(),
        };
        assert!(is_complete(&sla));

        // Business hours are somebody's business hours: the SLA must say whose.
        sla.when.unit = TimeUnit::BusinessHours;
        assert_eq!(missing(&sla), ["the time zone of its business hours"]);
        sla.time_zone = "Europe/Atlantis".into();
        assert_eq!(missing(&sla), ["a time zone Accord knows"]);
        sla.time_zone = "Europe/Lisbon".into();
        assert!(is_complete(&sla));
    }
}
