//! Each kind of series: the funnel's steps, the MQLs a month, the SLAs and the metrics.

use super::super::pipeline::conversion;
use super::figures::{figure, unit_of};
use super::{Better, Group, Series, quarter_of};
use crate::model::{Quarter, Session, Sla};

/// Names compared as the room would: case and surrounding spaces aside.
fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Keys in the order they are first met, the latest review's first: its order is the one the
/// room works with now.
fn keys(sessions: &[&Session], of: impl Fn(&Session) -> Vec<String>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for session in sessions.iter().rev() {
        for key in of(session) {
            if !keys.iter().any(|k| same(k, &key)) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Each step's conversion, from the counts a review holds.
pub(super) fn funnel(sessions: &[&Session]) -> Vec<Series> {
    let steps = |session: &Session| {
        let stages: Vec<(String, Option<u64>)> = session
            .stages
            .iter()
            .map(|s| {
                (
                    s.name.trim().to_owned(),
                    session.funnel.counts.get(&s.id).copied(),
                )
            })
            .collect();
        conversion(&stages)
    };
    let per_session: Vec<_> = sessions.iter().map(|s| steps(s)).collect();
    keys(sessions, |session| {
        steps(session)
            .iter()
            .map(|step| format!("{} → {}", step.from, step.to))
            .collect()
    })
    .into_iter()
    .map(|name| Series {
        group: Group::Funnel,
        values: per_session
            .iter()
            .map(|steps| {
                steps
                    .iter()
                    .find(|step| same(&format!("{} → {}", step.from, step.to), &name))
                    .and_then(|step| step.rate)
            })
            .collect(),
        name,
        unit: "share".to_owned(),
        better: Some(Better::Higher),
        targets: vec![None; sessions.len()],
    })
    .collect()
}

/// The count at the MQL stage over the months its period covers: a quarter is three, a month
/// ("2026-10") one. The funnel's own period counts, else the review's.
pub(super) fn mqls_a_month(sessions: &[&Session]) -> Series {
    let value = |session: &Session| {
        let stage = session.stages.iter().find(|s| same(&s.name, "MQL"))?;
        let count = *session.funnel.counts.get(&stage.id)?;
        let months = if session.funnel.period.trim().is_empty() {
            quarter_of(session).map(|_| 3)
        } else {
            months_in(&session.funnel.period)
        }?;
        Some(count as f64 / f64::from(months))
    };
    Series {
        group: Group::Mqls,
        name: "MQLs a month".to_owned(),
        unit: "a month".to_owned(),
        better: Some(Better::Higher),
        values: sessions.iter().map(|s| value(s)).collect(),
        targets: vec![None; sessions.len()],
    }
}

/// The months a period label covers: 3 for "2026-Q4", 1 for "2026-10"; none for other labels.
fn months_in(label: &str) -> Option<u32> {
    if Quarter::parse(label).is_some() {
        return Some(3);
    }
    let (year, month) = label.trim().split_once('-')?;
    let (year, month): (u16, u8) = (year.parse().ok()?, month.parse().ok()?);
    (year > 0 && (1..=12).contains(&month)).then_some(1)
}

/// Each SLA's share met and median, from its last check on events.
pub(super) fn slas(sessions: &[&Session]) -> Vec<Series> {
    fn key(session: &Session, sla: &Sla) -> String {
        format!(
            "{} → {}: {}",
            session.team_name(sla.from_team),
            session.team_name(sla.to_team),
            sla.name.trim()
        )
    }
    fn find<'a>(session: &'a Session, name: &str) -> Option<&'a Sla> {
        session
            .slas
            .iter()
            .find(|sla| same(&key(session, sla), name))
    }
    let mut series = Vec::new();
    for name in keys(sessions, |s| s.slas.iter().map(|sla| key(s, sla)).collect()) {
        let checks: Vec<_> = sessions
            .iter()
            .map(|s| find(s, &name).and_then(|sla| sla.last_check.as_ref()))
            .collect();
        series.push(Series {
            group: Group::Sla,
            name: format!("{name}, share met"),
            unit: "share".to_owned(),
            better: Some(Better::Higher),
            values: checks.iter().map(|c| c.and_then(|c| c.share_met)).collect(),
            targets: sessions
                .iter()
                .map(|s| {
                    find(s, &name)
                        .and_then(|sla| sla.target_percent)
                        .map(|t| t / 100.0)
                })
                .collect(),
        });
        // The median in the unit of the latest check; a check counted in another unit is
        // not comparable, so it is missing.
        let Some(unit) = checks.iter().rev().flatten().next().map(|c| c.unit.clone()) else {
            continue;
        };
        let volume = unit == "a month";
        series.push(Series {
            group: Group::Sla,
            name: if volume {
                format!("{name}, median a month")
            } else {
                format!("{name}, median response")
            },
            better: Some(if volume {
                Better::Higher
            } else {
                Better::Lower
            }),
            values: checks
                .iter()
                .map(|c| c.filter(|c| c.unit == unit).and_then(|c| c.median))
                .collect(),
            unit,
            targets: vec![None; sessions.len()],
        });
    }
    series
}

/// Each metric's value and target, read as numbers from what the room wrote.
pub(super) fn metrics(sessions: &[&Session]) -> Vec<Series> {
    keys(sessions, |s| {
        s.metrics.iter().map(|m| m.name.trim().to_owned()).collect()
    })
    .into_iter()
    .filter(|name| !name.is_empty())
    .map(|name| {
        let metric = |s: &Session| s.metrics.iter().find(|m| same(&m.name, &name)).cloned();
        let found: Vec<_> = sessions.iter().map(|s| metric(s)).collect();
        let values: Vec<Option<f64>> = found
            .iter()
            .map(|m| m.as_ref().and_then(|m| figure(&m.current)))
            .collect();
        let targets: Vec<Option<f64>> = found
            .iter()
            .map(|m| m.as_ref().and_then(|m| figure(&m.target)))
            .collect();
        // The first review holding both tells which way the room means to go.
        let better = values.iter().zip(&targets).find_map(|pair| match pair {
            (Some(value), Some(target)) if target > value => Some(Better::Higher),
            (Some(value), Some(target)) if target < value => Some(Better::Lower),
            _ => None,
        });
        // The unit as the latest review writes it.
        let unit = found
            .iter()
            .rev()
            .flatten()
            .flat_map(|m| [&m.current, &m.target])
            .find(|text| figure(text).is_some())
            .map_or(String::new(), |text| unit_of(text));
        Series {
            group: Group::Metric,
            name,
            unit,
            better,
            values,
            targets,
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_of_a_period() {
        assert_eq!(months_in("2026-Q4"), Some(3));
        assert_eq!(months_in("Q1 2027"), Some(3));
        assert_eq!(months_in("2026-10"), Some(1));
        assert_eq!(months_in("autumn"), None);
        assert_eq!(months_in(""), None);
    }
}
