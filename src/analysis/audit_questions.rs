//! What the alignment audit asks: the symptoms the room may recognise, the questions it
//! answers, and what a gap is. The facilitator's audit (`audit`) and the room's answers from
//! the phones (`room_audit`) both read it.

use crate::model::Step;

/// A symptom of misalignment, and the cause behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symptom {
    /// The stable key stored in the session.
    pub key: &'static str,
    /// How people say it in the corridor.
    pub complaint: &'static str,
    pub root_cause: &'static str,
    /// The step of the workshop that removes the cause.
    pub fixed_in: Step,
}

/// The symptoms the room is asked to recognise.
pub const SYMPTOMS: [Symptom; 5] = [
    Symptom {
        key: "garbage-leads",
        complaint: "“Marketing sends us garbage leads.”",
        root_cause: "Marketing and Sales have no shared definition of an MQL and an SQL.",
        fixed_in: Step::Definitions,
    },
    Symptom {
        key: "no-follow-up",
        complaint: "“Sales never follows up on our leads.”",
        root_cause: "Nobody committed to a response time for new leads.",
        fixed_in: Step::Slas,
    },
    Symptom {
        key: "wrong-product",
        complaint: "“Product never builds what customers ask for.”",
        root_cause: "What Sales hears from customers has no route to Product.",
        fixed_in: Step::FeedbackLoops,
    },
    Symptom {
        key: "losing-on-features",
        complaint: "“We keep losing to competitors on features.”",
        root_cause: "Win/loss reasons are not analysed and shared with Product.",
        fixed_in: Step::FeedbackLoops,
    },
    Symptom {
        key: "different-data",
        complaint: "“Every team brings its own numbers.”",
        root_cause: "There is no single source of truth for revenue.",
        fixed_in: Step::Metrics,
    },
];

/// How an audit question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// Yes, no or don't know.
    YesNo,
    /// A date, or don't know, or never.
    LastDate,
}

/// An audit question. A "no" or a "don't know" is a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub key: &'static str,
    /// A short name, used for buttons and in the gap list.
    pub topic: &'static str,
    pub text: &'static str,
    pub kind: QuestionKind,
    /// What the gap is when the answer is not a good one.
    pub gap: &'static str,
    pub fixed_in: Step,
}

/// The key of the question answered with a date.
pub const LAST_SYNC: &str = "last-product-sales-sync";

/// How long ago Product and Sales may last have met before it counts as a gap: about a month,
/// since the two should meet monthly.
pub const SYNC_MAX_AGE_DAYS: i32 = 31;

/// The audit questions, in the order they are asked.
pub const QUESTIONS: [Question; 4] = [
    Question {
        key: "written-lead-definition",
        topic: "Written lead definition",
        text: "Do Sales and Marketing share a written definition of a qualified lead?",
        kind: QuestionKind::YesNo,
        gap: "No written definition of a qualified lead that both teams share.",
        fixed_in: Step::Definitions,
    },
    Question {
        key: "follow-up-sla",
        topic: "Follow-up SLA",
        text: "Is the time Sales takes to follow up a lead written down as an SLA?",
        kind: QuestionKind::YesNo,
        gap: "No documented SLA for how fast leads are followed up.",
        fixed_in: Step::Slas,
    },
    Question {
        key: LAST_SYNC,
        topic: "Product and Sales sync",
        text: "When did Product and Sales last meet to share what customers are saying?",
        kind: QuestionKind::LastDate,
        gap: "Product and Sales have not met about customer feedback in the last month.",
        fixed_in: Step::Cadence,
    },
    Question {
        key: "same-dashboard",
        topic: "Same revenue dashboard",
        text: "Does everyone on the go-to-market team look at the same revenue dashboard?",
        kind: QuestionKind::YesNo,
        gap: "The teams do not look at the same revenue numbers.",
        fixed_in: Step::Metrics,
    },
];

/// A gap found by the audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The symptom or question key it comes from; action items remember it.
    pub key: &'static str,
    /// What is wrong, in a sentence.
    pub text: String,
    /// Why it counts: the answer given, or the symptom recognised.
    pub because: String,
    pub fixed_in: Step,
}
