//! The next quarter's review, started from the last: every agreement, stage, SLA, scoring
//! rule, metric, meeting, open action and parked topic carries over; what belonged to one
//! workshop (the audit's answers, the agenda's time spent, decisions taken, the period's
//! funnel counts and SLA checks, the room's votes) does not. The signatures come along as history, and none
//! counts until its team signs again.

use serde::{Deserialize, Serialize};

use super::{ActionStatus, Audit, FunnelCounts, Session};

/// The review a session was started from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreviousReview {
    /// Its file, as it was named when the next review started.
    pub file: String,
    pub title: String,
    /// "2026-Q4".
    pub period: String,
    /// SHA-256 of the file's bytes, in lowercase hex: which version it was.
    pub sha256: String,
}

/// A calendar quarter, as a period is labelled: "2027-Q1".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i16,
    /// 1 to 4.
    pub quarter: i8,
}

impl Quarter {
    /// The quarter `date` falls in.
    pub fn of(date: jiff::civil::Date) -> Self {
        Self {
            year: date.year(),
            quarter: (date.month() - 1) / 3 + 1,
        }
    }

    /// Reads "2027-Q1" (or "2027 Q1", "Q1 2027"); `None` for any other label.
    pub fn parse(label: &str) -> Option<Self> {
        let label = label.trim().to_uppercase().replace(' ', "-");
        let (year, quarter) = match label.split_once("-Q") {
            Some((year, quarter)) => (year.to_owned(), quarter.to_owned()),
            None => {
                let (quarter, year) = label.strip_prefix('Q')?.split_once('-')?;
                (year.to_owned(), quarter.to_owned())
            }
        };
        let year: i16 = year.parse().ok()?;
        let quarter: i8 = quarter.parse().ok()?;
        ((1..=4).contains(&quarter) && (1..=9999).contains(&year)).then_some(Self { year, quarter })
    }

    pub fn previous(self) -> Self {
        if self.quarter == 1 {
            Self {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Self {
                quarter: self.quarter - 1,
                ..self
            }
        }
    }

    pub fn next(self) -> Self {
        if self.quarter == 4 {
            Self {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Self {
                quarter: self.quarter + 1,
                ..self
            }
        }
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl Session {
    /// The period after this session's: the quarter after its own period, else after its
    /// date, else after `today`'s quarter.
    pub fn next_period(&self, today: jiff::civil::Date) -> String {
        let this = Quarter::parse(&self.meta.period)
            .or_else(|| self.meta.date.map(Quarter::of))
            .unwrap_or_else(|| Quarter::of(today));
        this.next().to_string()
    }

    /// The next review, started from this one: `previous` names this session's file.
    pub fn next_review(&self, previous: PreviousReview, period: &str) -> Session {
        let mut next = self.clone();
        next.meta.period = period.trim().to_owned();
        next.meta.date = None;
        next.previous = Some(previous);
        for agreement in next.agreements() {
            if let Some(signatures) = next.signatures_of_mut(agreement) {
                for signature in &mut signatures.history {
                    signature.carried_over = true;
                }
                // The next review sets its own date, once adopted again.
                signatures.review_by = None;
            }
        }
        next.audit = Audit::default().into();
        for item in &mut next.agenda.items {
            item.actual_seconds = 0;
        }
        next.decisions.clear();
        next.actions
            .retain(|action| action.status != ActionStatus::Done);
        // The counts were the last period's; the new one counts its own.
        next.funnel = FunnelCounts::default().into();
        for sla in &mut next.slas {
            sla.last_check = None;
        }
        // The room's votes were on this workshop's gaps and topics.
        next.votes = super::Votes::default().into();
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, Agreement, Definition, Position, Signer};
    use jiff::civil::date;

    #[test]
    fn quarters_read_and_follow_each_other() {
        let q4 = Quarter::parse("2026-Q4").unwrap();
        assert_eq!(q4.next().to_string(), "2027-Q1");
        assert_eq!(
            Quarter::parse("q2 2027"),
            Some(Quarter {
                year: 2027,
                quarter: 2
            })
        );
        assert_eq!(Quarter::parse("2027-Q5"), None);
        assert_eq!(Quarter::parse("Spring"), None);
        assert_eq!(Quarter::of(date(2026, 12, 1)).to_string(), "2026-Q4");
    }

    #[test]
    fn the_next_review_carries_the_agreements_and_no_signature_counts_in_it() {
        let mut session = Session::default();
        let marketing = session.add_team("Marketing");
        let mql = Agreement::Definition(session.add_definition(Definition {
            term: "MQL".into(),
            ..Definition::default()
        }));
        let at = "2026-11-20T10:00:00Z".parse().unwrap();
        session
            .sign(
                mql,
                marketing,
                Position::Endorse,
                Signer::Facilitator,
                "",
                at,
            )
            .unwrap();
        assert!(session.agreement_state(mql).unwrap().adopted);
        session.meta.date = Some(date(2026, 11, 20));
        session.audit.recognised.insert("leads-ignored".into());
        session.add_action(None, "Open one".into());
        session.actions.push(ActionItem {
            text: "Done one".into(),
            status: ActionStatus::Done,
            ..ActionItem::default()
        });

        let period = session.next_period(date(2026, 12, 1));
        assert_eq!(period, "2027-Q1");
        let next = session.next_review(PreviousReview::default(), &period);
        assert_eq!(next.meta.period, "2027-Q1");
        assert_eq!(
            *next.definitions,
            session
                .definitions
                .iter()
                .map(|d| {
                    let mut d = d.clone();
                    d.signatures
                        .history
                        .iter_mut()
                        .for_each(|s| s.carried_over = true);
                    d
                })
                .collect::<Vec<_>>()
        );
        let state = next.agreement_state(mql).unwrap();
        assert!(!state.adopted, "carried over, to re-confirm");
        assert_eq!(
            next.definitions[0].signatures.history.len(),
            1,
            "kept as history"
        );
        assert!(next.audit.recognised.is_empty());
        assert_eq!(next.actions.len(), 1);
        let mut next = next;
        next.sign(
            mql,
            marketing,
            Position::Endorse,
            Signer::Facilitator,
            "",
            at,
        )
        .unwrap();
        assert!(next.agreement_state(mql).unwrap().adopted, "signed again");
    }
}
