//! Service-level agreements between teams, and the feedback loops that carry what the field learns.

use serde::{Deserialize, Serialize};

use super::ids::{FeedbackLoopId, SlaId, TeamId};
use super::measured::SlaFigures;
use super::signatures::Signatures;
use super::signoff::SignOffs;

/// The unit of an SLA's time window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeUnit {
    Minutes,
    #[default]
    Hours,
    BusinessHours,
    Days,
    BusinessDays,
    /// A volume commitment: so many per month.
    PerMonth,
}

impl TimeUnit {
    pub const ALL: [Self; 6] = [
        Self::Minutes,
        Self::Hours,
        Self::BusinessHours,
        Self::Days,
        Self::BusinessDays,
        Self::PerMonth,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Hours => "hours",
            Self::BusinessHours => "business hours",
            Self::Days => "days",
            Self::BusinessDays => "business days",
            Self::PerMonth => "per month",
        }
    }

    /// True when the clock only runs in business hours.
    pub fn uses_business_hours(self) -> bool {
        matches!(self, Self::BusinessHours | Self::BusinessDays)
    }
}

/// A day of the week, as business hours name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Self; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    pub fn short(self) -> &'static str {
        match self {
            Self::Monday => "Mon",
            Self::Tuesday => "Tue",
            Self::Wednesday => "Wed",
            Self::Thursday => "Thu",
            Self::Friday => "Fri",
            Self::Saturday => "Sat",
            Self::Sunday => "Sun",
        }
    }
}

/// When the clock of a business-hours SLA runs: the same opening hours on each working day, in
/// the SLA's time zone, except on the holidays listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessHours {
    /// Opening time, "09:00".
    pub opens: jiff::civil::Time,
    /// Closing time, "17:00"; after `opens`.
    pub closes: jiff::civil::Time,
    pub days: Vec<Weekday>,
    /// Dates the business is closed although they fall on working days: public holidays, a
    /// company day off. Left out of files that have none, which keeps older files as they were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<jiff::civil::Date>,
}

impl BusinessHours {
    /// True when the business is open on `date`: a working day that is not a holiday.
    pub fn is_open_on(&self, date: jiff::civil::Date) -> bool {
        let weekday = Weekday::ALL[date.weekday().to_monday_zero_offset() as usize];
        self.days.contains(&weekday) && !self.holidays.contains(&date)
    }

    /// "09:00–17:00, Mon–Fri"; separate days are listed: "Mon, Wed, Fri".
    pub fn describe(&self) -> String {
        let time = |t: jiff::civil::Time| format!("{:02}:{:02}", t.hour(), t.minute());
        let mut days: Vec<Weekday> = self.days.clone();
        days.sort();
        days.dedup();
        let consecutive = days
            .windows(2)
            .all(|pair| pair[1] as u8 == pair[0] as u8 + 1);
        let days = match days.as_slice() {
            [] => "no working day".to_owned(),
            [one] => one.short().to_owned(),
            [first, .., last] if consecutive => format!("{}–{}", first.short(), last.short()),
            many => many
                .iter()
                .map(|d| d.short())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let mut line = format!("{}–{}, {days}", time(self.opens), time(self.closes));
        if !self.holidays.is_empty() {
            let mut holidays = self.holidays.clone();
            holidays.sort();
            holidays.dedup();
            let dates: Vec<String> = holidays.iter().map(ToString::to_string).collect();
            line.push_str(&format!("; closed on {}", dates.join(", ")));
        }
        line
    }
}

impl Default for BusinessHours {
    fn default() -> Self {
        Self {
            opens: jiff::civil::time(9, 0, 0, 0),
            closes: jiff::civil::time(17, 0, 0, 0),
            days: Weekday::ALL[..5].to_vec(),
            holidays: Vec::new(),
        }
    }
}

/// When the commitment is due: an amount of time after an event, or a volume per period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Window {
    #[serde(deserialize_with = "super::bounds::window_amount")]
    pub amount: u32,
    pub unit: TimeUnit,
    /// The event that starts the clock: "MQL created in the CRM".
    pub clock_starts: String,
}

/// What happens when the SLA is missed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Escalation {
    pub action: String,
    pub to: String,
    pub after: String,
}

/// A written commitment from one team to another.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Sla {
    pub id: SlaId,
    pub name: String,
    /// The team that commits.
    pub from_team: Option<TeamId>,
    /// The team it commits to.
    pub to_team: Option<TeamId>,
    /// The deliverable or action.
    pub what: String,
    pub when: Window,
    /// The role accountable within the committing team.
    pub who: String,
    /// The metric that shows compliance.
    pub how_measured: String,
    pub data_source: String,
    /// The share that must meet the window, in percent (95 for "95% within the SLA").
    #[serde(deserialize_with = "super::bounds::target_percent")]
    pub target_percent: Option<f64>,
    pub escalation: Escalation,
    /// IANA time zone for business hours, such as "Europe/Berlin"; also the zone of event
    /// times written without an offset. Blank means UTC.
    pub time_zone: String,
    /// When the clock runs, for business hours and business days.
    pub business_hours: BusinessHours,
    /// Its two teams' signatures.
    pub signatures: Signatures,
    /// Sign-offs as format 1 wrote them: read, and turned into signatures, on load.
    #[serde(skip_serializing)]
    pub sign_offs: SignOffs,
    /// What its last check on exported events showed, for the trend over reviews.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_check: Option<SlaFigures>,
}

impl PartialEq for Sla {
    fn eq(&self, other: &Self) -> bool {
        // Every field by name: a field added later will not compile until it is compared.
        let Self {
            id,
            name,
            from_team,
            to_team,
            what,
            when,
            who,
            how_measured,
            data_source,
            target_percent,
            escalation,
            time_zone,
            business_hours,
            signatures,
            sign_offs,
            last_check,
        } = self;
        let same_target = match (target_percent, other.target_percent) {
            (Some(a), Some(b)) => super::same_number(*a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        *id == other.id
            && *name == other.name
            && *from_team == other.from_team
            && *to_team == other.to_team
            && *what == other.what
            && *when == other.when
            && *who == other.who
            && *how_measured == other.how_measured
            && *data_source == other.data_source
            && same_target
            && *escalation == other.escalation
            && *time_zone == other.time_zone
            && *business_hours == other.business_hours
            && *signatures == other.signatures
            && *sign_offs == other.sign_offs
            && *last_check == other.last_check
    }
}

impl Sla {
    /// The teams that sign an SLA: the one that commits and the one it commits to.
    pub fn signers(&self) -> Vec<TeamId> {
        let mut teams: Vec<TeamId> = [self.from_team, self.to_team]
            .into_iter()
            .flatten()
            .collect();
        teams.dedup();
        teams
    }

    /// The two teams, the lower id first, so both directions of a pair share one key.
    pub fn pair(&self) -> (Option<TeamId>, Option<TeamId>) {
        let (a, b) = (self.from_team, self.to_team);
        if a <= b { (a, b) } else { (b, a) }
    }
}

/// The kind of intelligence a feedback loop carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackKind {
    #[default]
    FeatureRequests,
    ObjectionPatterns,
    WinLossReasons,
    CompetitiveIntel,
    LeadQuality,
    Other(String),
}

impl FeedbackKind {
    /// The named kinds, without `Other`.
    pub const NAMED: [Self; 5] = [
        Self::FeatureRequests,
        Self::ObjectionPatterns,
        Self::WinLossReasons,
        Self::CompetitiveIntel,
        Self::LeadQuality,
    ];

    /// "Feature requests"; an `Other` kind is its own words.
    pub fn label(&self) -> &str {
        match self {
            Self::FeatureRequests => "Feature requests",
            Self::ObjectionPatterns => "Objection patterns",
            Self::WinLossReasons => "Win/loss reasons",
            Self::CompetitiveIntel => "Competitive intelligence",
            Self::LeadQuality => "Lead quality",
            Self::Other(other) => other,
        }
    }
}

impl FeedbackLoop {
    /// What the loop still lacks to run, in words; empty when nothing.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.from_team.is_none() || self.to_team.is_none() {
            missing.push("both teams");
        }
        if self.capture.trim().is_empty() {
            missing.push("how it is captured");
        }
        if self.owner.is_none() {
            missing.push("an owner");
        }
        if self.destination.trim().is_empty() {
            missing.push("where it lands");
        }
        missing
    }
}

/// How often something happens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Ongoing,
    PerDeal,
    Weekly,
    Fortnightly,
    #[default]
    Monthly,
    Quarterly,
    Annual,
}

impl Frequency {
    pub const ALL: [Self; 7] = [
        Self::Ongoing,
        Self::PerDeal,
        Self::Weekly,
        Self::Fortnightly,
        Self::Monthly,
        Self::Quarterly,
        Self::Annual,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ongoing => "Ongoing",
            Self::PerDeal => "Per deal",
            Self::Weekly => "Weekly",
            Self::Fortnightly => "Fortnightly",
            Self::Monthly => "Monthly",
            Self::Quarterly => "Quarterly",
            Self::Annual => "Annual",
        }
    }
}

/// A channel that carries what one team learns to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackLoop {
    pub id: FeedbackLoopId,
    pub from_team: Option<TeamId>,
    pub to_team: Option<TeamId>,
    pub kind: FeedbackKind,
    /// How it is captured: "CRM field", "structured win/loss interviews".
    pub capture: String,
    pub frequency: Frequency,
    pub owner: Option<TeamId>,
    /// Where it lands: a board, a doc, a meeting.
    pub destination: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_hours_read_as_a_line() {
        let mut hours = BusinessHours::default();
        assert_eq!(hours.describe(), "09:00–17:00, Mon–Fri");
        hours.days = vec![Weekday::Friday, Weekday::Monday, Weekday::Wednesday];
        hours.opens = jiff::civil::time(8, 30, 0, 0);
        assert_eq!(hours.describe(), "08:30–17:00, Mon, Wed, Fri");
        hours.days.clear();
        assert_eq!(hours.describe(), "08:30–17:00, no working day");
        hours.days = Weekday::ALL[..5].to_vec();
        hours.holidays = vec![
            jiff::civil::date(2026, 12, 26),
            jiff::civil::date(2026, 12, 25),
        ];
        assert_eq!(
            hours.describe(),
            "08:30–17:00, Mon–Fri; closed on 2026-12-25, 2026-12-26"
        );
    }
}
