//! The alignment audit: the symptoms and questions the room answers, and the gaps they reveal.

use jiff::civil::Date;

use crate::model::{Answer, Session};

pub use super::audit_questions::{
    Gap, LAST_SYNC, QUESTIONS, QuestionKind, SYMPTOMS, SYNC_MAX_AGE_DAYS,
};

/// The gaps in `session`'s audit. `today` decides whether the last Product–Sales sync is recent.
pub fn gaps(session: &Session, today: Date) -> Vec<Gap> {
    let audit = &session.audit;
    let symptoms = SYMPTOMS
        .iter()
        .filter(|s| audit.recognised.contains(s.key))
        .map(|s| Gap {
            key: s.key,
            text: s.root_cause.to_owned(),
            because: format!("The room recognised {}", s.complaint),
            fixed_in: s.fixed_in,
        });
    let questions = QUESTIONS.iter().filter_map(|q| {
        let because = match (q.kind, audit.answers.get(q.key)) {
            (_, Some(Answer::No)) if q.kind == QuestionKind::LastDate => {
                "They never have.".to_owned()
            }
            (_, Some(Answer::No)) => format!("{} — answered no.", q.topic),
            (_, Some(Answer::DontKnow)) => format!("{} — nobody knew.", q.topic),
            (QuestionKind::LastDate, _) => {
                let last = audit.last_product_sales_sync?;
                let days = (today - last).get_days();
                if days <= SYNC_MAX_AGE_DAYS {
                    return None;
                }
                format!("They last met on {last}, {days} days ago.")
            }
            (QuestionKind::YesNo, _) => return None,
        };
        Some(Gap {
            key: q.key,
            text: q.gap.to_owned(),
            because,
            fixed_in: q.fixed_in,
        })
    });
    let mut gaps: Vec<Gap> = symptoms.chain(questions).collect();
    // What the room said from its phones, once revealed, where the facilitator's answers do
    // not already say it.
    for gap in super::room_audit::gaps(session) {
        if !gaps.iter().any(|g| g.key == gap.key && g.text == gap.text) {
            gaps.push(gap);
        }
    }
    gaps
}

/// How many questions have an answer (a date counts for the date question).
/// What the audit step shows under its questions: the gaps, each with whether an action item
/// already answers it, and how many questions are answered.
#[derive(Clone, Debug)]
pub struct Findings {
    pub gaps: Vec<(Gap, bool)>,
    pub answered: usize,
}

impl Findings {
    pub fn of(session: &Session, today: Date) -> Self {
        let gaps = gaps(session, today)
            .into_iter()
            .map(|gap| {
                let has_action = session
                    .actions
                    .iter()
                    .any(|a| a.gap.as_deref() == Some(gap.key));
                (gap, has_action)
            })
            .collect();
        Self {
            gaps,
            answered: answered(session),
        }
    }
}

/// How many of the questions are answered.
pub fn answered(session: &Session) -> usize {
    let audit = &session.audit;
    QUESTIONS
        .iter()
        .filter(|q| {
            audit.answers.contains_key(q.key)
                || (q.key == LAST_SYNC && audit.last_product_sales_sync.is_some())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Step;
    use jiff::civil::date;

    #[test]
    fn every_no_dont_know_and_recognised_symptom_is_a_gap() {
        let today = date(2026, 11, 23);
        let mut session = Session::default();
        assert!(
            gaps(&session, today).is_empty(),
            "unanswered is not a gap yet"
        );

        let audit = &mut session.audit;
        audit.recognised.insert("garbage-leads".into());
        audit
            .answers
            .insert("written-lead-definition".into(), Answer::No);
        audit.answers.insert("follow-up-sla".into(), Answer::Yes);
        audit
            .answers
            .insert("same-dashboard".into(), Answer::DontKnow);

        let found = gaps(&session, today);
        let keys: Vec<_> = found.iter().map(|g| g.key).collect();
        assert_eq!(
            keys,
            ["garbage-leads", "written-lead-definition", "same-dashboard"]
        );
        assert_eq!(found[0].fixed_in, Step::Definitions);
        assert_eq!(found[2].fixed_in, Step::Metrics);
        assert_eq!(answered(&session), 3);
    }

    #[test]
    fn an_old_or_missing_product_sales_sync_is_a_gap() {
        let today = date(2026, 11, 23);
        let mut session = Session::default();
        session.audit.last_product_sales_sync = Some(date(2026, 10, 23));
        assert!(gaps(&session, today).is_empty(), "31 days is still monthly");
        session.audit.last_product_sales_sync = Some(date(2026, 10, 22));
        let found = gaps(&session, today);
        assert_eq!(found.len(), 1);
        assert!(found[0].because.contains("32 days"), "{}", found[0].because);

        session.audit.last_product_sales_sync = None;
        session.audit.answers.insert(LAST_SYNC.into(), Answer::No);
        assert_eq!(gaps(&session, today)[0].fixed_in, Step::Cadence);
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = SYMPTOMS.iter().map(|s| s.key).collect();
        keys.extend(QUESTIONS.iter().map(|q| q.key));
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
    }
}
