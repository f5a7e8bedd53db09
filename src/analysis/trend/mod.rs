//! Did it work: the figures of two or more reviews side by side, in period order. The
//! alignment score, each funnel step's conversion, the MQLs a month, each SLA's share met and
//! median response, and the metrics against their targets. Items are matched across files by
//! what they mean (a step by its stages' names, an SLA by its teams and name, a metric by its
//! name), as the diff matches them. A figure a review does not hold is missing, never zero.

use serde::Serialize;

mod figures;
mod series;

use figures::number;
use series::{funnel, metrics, mqls_a_month, slas};

use super::readiness::readiness;
use crate::model::{Quarter, Session};

/// One review in the trend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub file: String,
    pub title: String,
    /// "2026-Q4".
    pub period: String,
}

/// What a series is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Alignment,
    Funnel,
    Mqls,
    Sla,
    Metric,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Self::Alignment => "Alignment score",
            Self::Funnel => "Funnel conversion",
            Self::Mqls => "MQLs a month",
            Self::Sla => "SLAs",
            Self::Metric => "Metrics against target",
        }
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// One figure over the reviews: a value per period, in the order of [`Trend::periods`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub group: Group,
    /// "Lead → MQL", "Sales (SDR) → Marketing: MQL follow-up, share met", "Win rate".
    pub name: String,
    /// "share" (from 0 to 1), "hours", "business days", "a month"; for a metric, what its
    /// texts write around the number ("%", "$", "days"), or "".
    pub unit: String,
    /// Which way is better; none when it cannot be told (a metric without a target).
    pub better: Option<Better>,
    pub values: Vec<Option<f64>>,
    /// The target each review set, in the same unit; none where it set none.
    pub targets: Vec<Option<f64>>,
}

impl Series {
    /// A value as the trend shows it: "42.9%", "3.1 h", "90", "1.2M"; "–" when missing.
    pub fn show(&self, value: Option<f64>) -> String {
        let Some(value) = value else {
            return "–".to_owned();
        };
        match (self.group, self.unit.as_str()) {
            (Group::Metric, "") => number(value),
            (Group::Metric, unit @ ("$" | "€" | "£" | "¥")) => {
                format!("{unit}{}", number(value))
            }
            (Group::Metric, unit @ ("%" | "x")) => format!("{}{unit}", number(value)),
            (Group::Metric, unit) => format!("{} {unit}", number(value)),
            (_, "share") => format!("{:.1}%", value * 100.0),
            (_, "a month") => format!("{value:.0}"),
            (_, unit) => format!("{value:.1} {unit}"),
        }
    }

    /// The last value and the one before it that a review holds, for "up" or "down".
    pub fn last_two(&self) -> Option<(f64, f64)> {
        let mut held = self.values.iter().rev().flatten();
        let last = *held.next()?;
        Some((*held.next()?, last))
    }

    /// Whether the last change went the better way; none without two values or a direction.
    pub fn improved(&self) -> Option<bool> {
        let (before, last) = self.last_two()?;
        match self.better? {
            _ if before == last => None,
            Better::Higher => Some(last > before),
            Better::Lower => Some(last < before),
        }
    }
}

/// The trend over reviews.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    pub periods: Vec<Period>,
    pub series: Vec<Series>,
}

/// Why there is no trend.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrendError {
    #[error("a trend needs two reviews or more; {0} given")]
    TooFew(usize),
    #[error(
        "{0}: the review has no period and no date; set one on its session details (such as 2026-Q4)"
    )]
    NoPeriod(String),
    #[error("{0} and {1} are both reviews of {2}")]
    SamePeriod(String, String, String),
}

/// The quarter a review is of: its period, else its date's quarter.
pub fn quarter_of(session: &Session) -> Option<Quarter> {
    Quarter::parse(&session.meta.period).or_else(|| session.meta.date.map(Quarter::of))
}

/// The quarter of the review among `reviews` that was started from `file`: a first review
/// held without a period or a date stands just before it.
fn started_after(reviews: &[(String, &Session)], file: &str) -> Option<Quarter> {
    let name = |path: &str| {
        std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    };
    reviews.iter().find_map(|(later_file, later)| {
        let previous = later.previous.as_ref()?;
        if later_file == file || name(&previous.file) != name(file) {
            return None;
        }
        quarter_of(later)
    })
}

/// The trend over `reviews`, each named by its file, put in period order.
pub fn trend(reviews: &[(String, &Session)]) -> Result<Trend, TrendError> {
    if reviews.len() < 2 {
        return Err(TrendError::TooFew(reviews.len()));
    }
    let mut ordered: Vec<(Quarter, String, &String, &Session)> = Vec::with_capacity(reviews.len());
    for (file, session) in reviews {
        let (quarter, label) = match quarter_of(session) {
            Some(quarter) => (quarter, quarter.to_string()),
            None => {
                let after = started_after(reviews, file)
                    .ok_or_else(|| TrendError::NoPeriod(file.clone()))?;
                (after.previous(), format!("before {after}"))
            }
        };
        ordered.push((quarter, label, file, session));
    }
    ordered.sort_by_key(|(quarter, ..)| *quarter);
    for pair in ordered.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(TrendError::SamePeriod(
                pair[0].2.clone(),
                pair[1].2.clone(),
                pair[0].1.clone(),
            ));
        }
    }
    let sessions: Vec<&Session> = ordered.iter().map(|(.., s)| *s).collect();
    let periods = ordered
        .iter()
        .map(|(_, label, file, session)| Period {
            file: (*file).clone(),
            title: session.meta.title.clone(),
            period: label.clone(),
        })
        .collect();
    let mut series = vec![Series {
        group: Group::Alignment,
        name: "Alignment score".to_owned(),
        unit: "share".to_owned(),
        better: Some(Better::Higher),
        values: sessions
            .iter()
            .map(|s| {
                let checklist = readiness(s);
                (checklist.total() > 0).then(|| checklist.done() as f64 / checklist.total() as f64)
            })
            .collect(),
        targets: vec![None; sessions.len()],
    }];
    series.extend(funnel(&sessions));
    series.push(mqls_a_month(&sessions));
    series.extend(slas(&sessions));
    series.extend(metrics(&sessions));
    Ok(Trend { periods, series })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(period: &str) -> Session {
        let mut session = Session::default();
        session.meta.period = period.to_owned();
        session
    }

    #[test]
    fn values_are_shown_in_their_unit() {
        let series = |unit: &str| Series {
            group: if ["share", "hours", "a month"].contains(&unit) {
                Group::Sla
            } else {
                Group::Metric
            },
            name: String::new(),
            unit: unit.to_owned(),
            better: None,
            values: Vec::new(),
            targets: Vec::new(),
        };
        assert_eq!(series("share").show(Some(0.4286)), "42.9%");
        assert_eq!(series("hours").show(Some(3.06)), "3.1 hours");
        assert_eq!(series("a month").show(Some(90.4)), "90");
        assert_eq!(series("").show(Some(1_200_000.0)), "1.2M");
        assert_eq!(series("").show(Some(45_000.0)), "45k");
        assert_eq!(series("").show(Some(32.0)), "32");
        assert_eq!(series("").show(Some(3.5)), "3.5");
        assert_eq!(series("$").show(Some(1_800_000.0)), "$1.8M");
        assert_eq!(series("%").show(Some(22.0)), "22%");
        assert_eq!(series("days").show(Some(84.0)), "84 days");
        assert_eq!(series("share").show(None), "–");
    }

    #[test]
    fn reviews_are_put_in_period_order_and_need_a_period_each() {
        let (q1, q4) = (review("2027-Q1"), review("2026-Q4"));
        let trend = trend(&[("q1.ron".into(), &q1), ("q4.ron".into(), &q4)]).unwrap();
        let files: Vec<&str> = trend.periods.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["q4.ron", "q1.ron"]);
        assert_eq!(
            super::trend(&[("q1.ron".into(), &q1)]),
            Err(TrendError::TooFew(1))
        );
        let none = review("");
        assert_eq!(
            super::trend(&[("q1.ron".into(), &q1), ("x.ron".into(), &none)]),
            Err(TrendError::NoPeriod("x.ron".into()))
        );
        let again = review("Q1 2027");
        assert_eq!(
            super::trend(&[("a.ron".into(), &q1), ("b.ron".into(), &again)]),
            Err(TrendError::SamePeriod(
                "a.ron".into(),
                "b.ron".into(),
                "2027-Q1".into()
            ))
        );
    }

    #[test]
    fn a_figure_a_review_does_not_hold_is_missing_not_zero() {
        let mut q4 = review("2026-Q4");
        let lead = q4.add_stage();
        let mql = q4.add_stage();
        q4.stages[0].name = "Lead".into();
        q4.stages[1].name = "MQL".into();
        q4.funnel.counts.insert(lead, 900);
        q4.funnel.counts.insert(mql, 270);
        let mut q1 = q4.clone();
        q1.meta.period = "2027-Q1".into();
        q1.funnel.counts.clear();
        let trend = trend(&[("q4".into(), &q4), ("q1".into(), &q1)]).unwrap();
        let step = trend
            .series
            .iter()
            .find(|s| s.name == "Lead → MQL")
            .unwrap();
        assert_eq!(step.values, [Some(0.3), None]);
        let mqls = trend
            .series
            .iter()
            .find(|s| s.group == Group::Mqls)
            .unwrap();
        assert_eq!(mqls.values, [Some(90.0), None]);
    }
}
