//! How well an SLA is kept, measured on exported events: the share handled within the window,
//! the median and 90th-percentile response times, overall and by owner; or, for a volume SLA,
//! month by month against the agreed number.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::clock::{ClockError, SlaClock};
use crate::import::events::{Event, EventTable};
use crate::import::leads::{Month, month_label};
use crate::model::{DataFile, Sla, SlaFigures, TimeUnit};

/// The compliance figures of one group of events. Response times are in the SLA's unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    pub events: u64,
    /// Handled within the window.
    pub met: u64,
    /// Handled late, or not handled although the window has passed.
    pub missed: u64,
    /// Of the missed, those never handled.
    pub never_handled: u64,
    /// Not handled, but still within the window when the file was exported: not counted.
    pub open: u64,
    /// `met / (met + missed)`, from 0 to 1; null when nothing could be judged.
    pub share_met: Option<f64>,
    /// Of the handled events.
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// Whether the share meets the SLA's target; null without a target or a share.
    pub meets_target: Option<bool>,
}

/// One owner's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerFigures {
    /// Empty for events without an owner.
    pub owner: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A response-time SLA measured on events.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseCheck {
    /// What the response times are counted in: "hours", "business hours".
    pub unit: &'static str,
    /// The window, in that unit.
    pub window: f64,
    pub target_percent: Option<f64>,
    /// The time the judgement is made at: the latest time in the file.
    pub as_of: Option<Timestamp>,
    pub overall: Figures,
    /// Owners by name, the unowned last.
    pub by_owner: Vec<OwnerFigures>,
}

/// One month of a volume SLA.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    pub month: String,
    pub count: u64,
    pub met: bool,
}

/// A volume SLA ("so many a month") measured on events: each month's count against the amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VolumeCheck {
    pub per_month: u32,
    pub months: Vec<MonthCount>,
    pub months_met: u64,
    /// The share of months that met the amount, from 0 to 1; null without months.
    pub share_met: Option<f64>,
}

/// What the events say about an SLA.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Compliance {
    Response(ResponseCheck),
    Volume(VolumeCheck),
}

/// Measures `sla` on `table`.
pub fn check(sla: &Sla, table: &EventTable) -> Result<Compliance, ClockError> {
    if sla.when.amount == 0 {
        return Err(ClockError::NoAmount);
    }
    if sla.when.unit == TimeUnit::PerMonth {
        let zone = super::clock::zone(&sla.time_zone)?;
        return Ok(Compliance::Volume(volume(sla.when.amount, table, &zone)));
    }
    let clock = SlaClock::new(sla)?;
    let as_of = table.as_of;
    let overall = figures(&clock, as_of, sla.target_percent, table.events.iter());
    let mut groups: Vec<Vec<&Event>> = vec![Vec::new(); table.owners.len()];
    for event in &table.events {
        if let Some(group) = groups.get_mut(event.owner as usize) {
            group.push(event);
        }
    }
    let mut by_owner: Vec<OwnerFigures> = table
        .owners
        .iter()
        .zip(groups)
        .filter(|(_, events)| !events.is_empty())
        .map(|(owner, events)| OwnerFigures {
            owner: owner.clone(),
            figures: figures(&clock, as_of, sla.target_percent, events.into_iter()),
        })
        .collect();
    by_owner.sort_by_cached_key(|o| (o.owner.is_empty(), o.owner.to_lowercase()));
    Ok(Compliance::Response(ResponseCheck {
        unit: clock.unit_label(),
        window: clock.in_unit(clock.limit),
        target_percent: sla.target_percent,
        as_of,
        overall,
        by_owner,
    }))
}

fn figures<'a>(
    clock: &SlaClock,
    as_of: Option<Timestamp>,
    target_percent: Option<f64>,
    events: impl Iterator<Item = &'a Event>,
) -> Figures {
    let mut result = Figures::default();
    let mut times: Vec<SignedDuration> = Vec::new();
    for event in events {
        result.events += 1;
        match event.handled {
            Some(handled) => {
                let took = clock.elapsed(event.created, handled);
                times.push(took);
                if took <= clock.limit {
                    result.met += 1;
                } else {
                    result.missed += 1;
                }
            }
            None => {
                let waited = as_of.map_or(SignedDuration::ZERO, |now| {
                    clock.elapsed(event.created, now)
                });
                if waited > clock.limit {
                    result.missed += 1;
                    result.never_handled += 1;
                } else {
                    result.open += 1;
                }
            }
        }
    }
    let judged = result.met + result.missed;
    result.share_met = (judged > 0).then(|| result.met as f64 / judged as f64);
    times.sort_unstable();
    let hours: Vec<f64> = times.iter().map(|t| clock.in_unit(*t)).collect();
    result.median = percentile(&hours, 0.5);
    result.p90 = percentile(&hours, 0.9);
    result.meets_target = target_percent
        .zip(result.share_met)
        .map(|(target, share)| share * 100.0 >= target);
    result
}

/// The `p` quantile of sorted `values`, interpolating between neighbours (as a spreadsheet's
/// PERCENTILE.INC does); `None` when there are none.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    let below = rank.floor() as usize;
    let above = rank.ceil() as usize;
    let fraction = rank - below as f64;
    Some(sorted[below] + (sorted[above] - sorted[below]) * fraction)
}

fn volume(per_month: u32, table: &EventTable, zone: &jiff::tz::TimeZone) -> VolumeCheck {
    let mut counts: std::collections::BTreeMap<Month, u64> = std::collections::BTreeMap::new();
    for event in &table.events {
        let date = zone.to_datetime(event.created).date();
        let month = i32::from(date.year()) * 12 + i32::from(date.month()) - 1;
        *counts.entry(month).or_default() += 1;
    }
    // Every month from the first to the last, so a month with no events shows as zero.
    let months: Vec<MonthCount> = match (counts.keys().next(), counts.keys().next_back()) {
        (Some(&first), Some(&last)) => (first..=last)
            .map(|month| {
                let count = counts.get(&month).copied().unwrap_or(0);
                MonthCount {
                    month: month_label(month),
                    count,
                    met: count >= u64::from(per_month),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let months_met = months.iter().filter(|m| m.met).count() as u64;
    VolumeCheck {
        per_month,
        share_met: (!months.is_empty()).then(|| months_met as f64 / months.len() as f64),
        months,
        months_met,
    }
}

/// The figures a session keeps of `result`, measured for `sla` on `table`: enough for the
/// trend over reviews, and the file they came from.
pub fn kept(sla: &Sla, table: &EventTable, result: &Compliance) -> SlaFigures {
    let zone = super::clock::zone(&sla.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let day = |time: Timestamp| zone.to_datetime(time).date();
    let first = table.events.iter().map(|e| e.created).min();
    let (judged, share_met, median, unit) = match result {
        Compliance::Response(check) => (
            check.overall.met + check.overall.missed,
            check.overall.share_met,
            check.overall.median,
            check.unit.to_owned(),
        ),
        Compliance::Volume(check) => {
            let mut counts: Vec<f64> = check.months.iter().map(|m| m.count as f64).collect();
            counts.sort_by(f64::total_cmp);
            (
                check.months.len() as u64,
                check.share_met,
                percentile(&counts, 0.5),
                "a month".to_owned(),
            )
        }
    };
    SlaFigures {
        source: DataFile {
            file: table.scan.file_name.clone(),
            sha256: table.scan.content_hash.clone(),
        },
        from: first.map(day),
        to: table.as_of.or(first).map(day),
        judged,
        share_met,
        median,
        unit,
    }
}

/// Kept figures in a sentence: "events.csv, 2026-10-01 to 2026-12-31: 92.5% met, median 3.1
/// hours".
pub fn describe(figures: &SlaFigures) -> String {
    let span = match (figures.from, figures.to) {
        (Some(from), Some(to)) if from != to => format!(", {from} to {to}"),
        (Some(day), _) | (None, Some(day)) => format!(", {day}"),
        (None, None) => String::new(),
    };
    let share = figures
        .share_met
        .map_or("nothing could be judged".to_owned(), |s| {
            format!("{:.1}% met", s * 100.0)
        });
    let median = figures
        .median
        .map(|m| format!(", median {m:.1} {}", figures.unit))
        .unwrap_or_default();
    format!("{}{span}: {share}{median}", figures.source.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_a_spreadsheet() {
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[3.0], 0.9), Some(3.0));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
        // PERCENTILE.INC({1..10}, 0.9) = 9.1
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let p90 = percentile(&ten, 0.9).unwrap();
        assert!((p90 - 9.1).abs() < 1e-9, "{p90}");
    }
}
