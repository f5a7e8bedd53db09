//! What a customer's status value means: churned, active, or not known.

use super::Serialize;

/// What a status value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Meaning {
    Churned,
    Active,
    /// Neither: rows with it are left out and reported.
    Unknown,
}

impl Meaning {
    /// The usual meaning of a status cell: Yes/No, true/false, 1/0, Churned/Active, Closed Lost…
    /// A column that says whether a customer is *active* reads the other way round: the caller
    /// flips Yes and No for it (see [`Settings::for_table`]).
    pub fn of(value: &str) -> Self {
        const CHURNED: [&str; 14] = [
            "yes",
            "y",
            "true",
            "1",
            "churned",
            "churn",
            "closed lost",
            "lost",
            "cancelled",
            "canceled",
            "inactive",
            "former",
            "terminated",
            "lapsed",
        ];
        const ACTIVE: [&str; 14] = [
            "no",
            "n",
            "false",
            "0",
            "active",
            "retained",
            "closed won",
            "won",
            "current",
            "customer",
            "renewed",
            "live",
            "paying",
            "existing",
        ];
        let value = value.trim().to_lowercase();
        if CHURNED.contains(&value.as_str()) {
            Self::Churned
        } else if ACTIVE.contains(&value.as_str()) {
            Self::Active
        } else {
            Self::Unknown
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Churned => "Churned",
            Self::Active => "Active",
            Self::Unknown => "Leave out",
        }
    }

    pub(super) fn flipped(self) -> Self {
        match self {
            Self::Churned => Self::Active,
            Self::Active => Self::Churned,
            Self::Unknown => Self::Unknown,
        }
    }
}
