//! Lead scoring: which leads each rule fires on, their scores, how many pass the threshold (per
//! month when the leads are dated), the score distribution, Sales' follow-up capacity, and the
//! threshold that gives a target volume. The screen and `accord score` both use these.
//!
//! Which leads a rule fires on depends only on its condition; the points only weigh it. So the
//! hits are kept per rule, and moving a slider only adds them up again.

mod hits;

pub use hits::*;

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::import::customers::Column;
use crate::import::leads::{Field, LeadTable, Month, Phone, month_label};
use crate::import::money::{DecimalMark, parse_amount};
use crate::model::{Condition, Function, Icp, SalesCapacity, ScoringModel, Session, TimeUnit};

/// Every lead's score under a model, with the hits that made it.
#[derive(Clone, Debug, Default)]
pub struct Scored {
    /// Per rule of the model, in its order.
    pub hits: Vec<Hits>,
    pub scores: Vec<i32>,
    /// The scores in ascending order, to count the leads above any threshold quickly.
    sorted: Vec<i32>,
    /// The same for the leads with a readable date.
    dated_sorted: Vec<i32>,
    /// How many calendar months the dated leads span, first to last; 0 without dates.
    pub months: u32,
    pub first_month: Option<Month>,
    /// Leads whose date could not be read (0 without a date column).
    pub undated: u64,
    /// The scores in bands of [`BIN_POINTS`], lowest first.
    pub distribution: Vec<Bin>,
}

/// The width of the distribution's bands, in points.
pub const BIN_POINTS: i32 = 10;

impl Scored {
    /// Checks every rule, then scores.
    pub fn new(table: &LeadTable, model: &ScoringModel, icp: &Icp) -> Self {
        let hits = model
            .rules
            .iter()
            .map(|rule| hits(table, &rule.condition, icp))
            .collect();
        let mut scored = Self {
            hits,
            ..Self::default()
        };
        let dated: Vec<Month> = table.months.iter().flatten().copied().collect();
        if let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) {
            scored.first_month = Some(*first);
            scored.months = (last - first + 1) as u32;
        }
        scored.undated = table.months.iter().filter(|m| m.is_none()).count() as u64;
        scored.rescore(table, model);
        scored
    }

    /// Adds up the points again, for when only points changed.
    pub fn rescore(&mut self, table: &LeadTable, model: &ScoringModel) {
        let mut scores = vec![0i32; table.len];
        for (rule, hits) in model.rules.iter().zip(&self.hits) {
            if let Ok(hits) = hits {
                for (score, hit) in scores.iter_mut().zip(hits) {
                    if *hit {
                        *score = score.saturating_add(rule.points);
                    }
                }
            }
        }
        self.sorted = scores.clone();
        self.sorted.sort_unstable();
        self.dated_sorted = scores
            .iter()
            .zip(&table.months)
            .filter(|(_, month)| month.is_some())
            .map(|(score, _)| *score)
            .collect();
        self.dated_sorted.sort_unstable();
        self.distribution = histogram(&scores, BIN_POINTS);
        self.scores = scores;
    }

    /// How many leads score at or above `threshold`.
    pub fn qualifying(&self, threshold: i32) -> usize {
        at_or_above(&self.sorted, threshold)
    }

    /// MQLs a month at `threshold`, averaged over the months the dated leads span.
    pub fn per_month(&self, threshold: i32) -> Option<f64> {
        (self.months > 0)
            .then(|| at_or_above(&self.dated_sorted, threshold) as f64 / f64::from(self.months))
    }

    /// The lowest threshold that gives at most `target` MQLs a month (or, without dates, in the
    /// whole file), with the volume it gives. `None` when there are no leads.
    pub fn threshold_for(&self, target: f64) -> Option<(i32, f64)> {
        let (sorted, months) = if self.months > 0 {
            (&self.dated_sorted, f64::from(self.months))
        } else {
            (&self.sorted, 1.0)
        };
        let (&lowest, &highest) = (sorted.first()?, sorted.last()?);
        // Volume only falls as the threshold rises, and only changes at a lead's score.
        let mut candidates: Vec<i32> = sorted.clone();
        candidates.dedup();
        candidates.push(highest.saturating_add(1));
        let volume = |t: i32| at_or_above(sorted, t) as f64 / months;
        let threshold = candidates
            .into_iter()
            .find(|&t| volume(t) <= target)
            .unwrap_or(lowest);
        Some((threshold, volume(threshold)))
    }
}

fn at_or_above(sorted: &[i32], threshold: i32) -> usize {
    sorted.len() - sorted.partition_point(|&s| s < threshold)
}

/// What a threshold gives on the imported leads, against what Sales can follow up: the window's
/// headline and `accord score`'s summary alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Volume {
    pub leads: u64,
    pub mqls: u64,
    /// The MQLs' share of the leads, 0 to 1; 0 without leads.
    pub share: f64,
    /// MQLs a month, when the leads are dated.
    pub per_month: Option<f64>,
    pub capacity_per_month: Option<u64>,
}

impl Volume {
    /// What `threshold` gives on `scored`, out of `leads` leads, with Sales' `capacity`.
    pub fn at(scored: &Scored, leads: u64, threshold: i32, capacity: &SalesCapacity) -> Self {
        let mqls = scored.qualifying(threshold) as u64;
        Self {
            leads,
            mqls,
            share: if leads == 0 {
                0.0
            } else {
                mqls as f64 / leads as f64
            },
            per_month: scored.per_month(threshold),
            capacity_per_month: capacity_per_month(capacity),
        }
    }

    /// MQLs a month that would wait past the SLA: what Marketing sends beyond what Sales can
    /// follow up. `None` until both are known; `Some(0)` when Sales keeps up.
    pub fn over_capacity(&self) -> Option<u64> {
        let sends = self.per_month?.round() as u64;
        Some(sends.saturating_sub(self.capacity_per_month?))
    }
}

/// MQLs Sales can follow up in a month within the response-time SLA; `None` until the room
/// gave the number of SDRs and how many follow-ups each manages a day.
pub fn capacity_per_month(capacity: &SalesCapacity) -> Option<u64> {
    let per_month = u64::from(capacity.sdrs)
        * u64::from(capacity.follow_ups_per_sdr_per_day)
        * u64::from(capacity.working_days_per_month);
    (per_month > 0).then_some(per_month)
}

/// The response time Sales committed to for MQLs, as an adjective ("4-hour"): the first timed
/// SLA from a sales team to Marketing.
pub fn follow_up_window(session: &Session) -> Option<String> {
    let function = |team| session.team(team?).map(|t| t.function);
    session
        .slas
        .iter()
        .filter(|sla| {
            matches!(
                function(sla.from_team),
                Some(Function::SalesDevelopment | Function::AccountExecutives)
            ) && function(sla.to_team) == Some(Function::Marketing)
        })
        .find(|sla| sla.when.amount > 0 && sla.when.unit != TimeUnit::PerMonth)
        .map(|sla| {
            let unit = sla
                .when
                .unit
                .label()
                .trim_end_matches('s')
                .replace(' ', "-");
            format!("{}-{unit}", sla.when.amount)
        })
}

/// One bar of the score distribution: leads scoring `from` to `to`, both included.
/// One band of the score distribution: the leads scoring `from` to `to`, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bin {
    pub from: i64,
    pub to: i64,
    pub leads: u64,
}

/// The most bands a distribution is drawn in. Scores spread wider than that many bands of
/// the asked width are shown in wider bands (a whole multiple of it), so whatever the rules'
/// points add up to, the distribution costs a screenful of bars, never memory.
pub const MAX_BINS: i64 = 100;

/// The scores in bins `width` points wide (or a multiple of it, to stay within [`MAX_BINS`]),
/// aligned on multiples of the width, lowest first. Worked out in i64: no score is near its
/// limits.
pub fn histogram(scores: &[i32], width: i32) -> Vec<Bin> {
    let (Some(&low), Some(&high)) = (scores.iter().min(), scores.iter().max()) else {
        return Vec::new();
    };
    let (low, high) = (i64::from(low), i64::from(high));
    let base = i64::from(width.max(1));
    let bins_of = |width: i64| high.div_euclid(width) - low.div_euclid(width) + 1;
    let mut width = base * bins_of(base).div_euclid(MAX_BINS).max(1);
    while bins_of(width) > MAX_BINS {
        width += base;
    }
    let start = low.div_euclid(width) * width;
    let mut bins: Vec<Bin> = (0..bins_of(width))
        .map(|i| {
            let from = start + i * width;
            Bin {
                from,
                to: from + width - 1,
                leads: 0,
            }
        })
        .collect();
    for &score in scores {
        let index = (i64::from(score) - start).div_euclid(width);
        if let Some(bin) = usize::try_from(index).ok().and_then(|i| bins.get_mut(i)) {
            bin.leads += 1;
        }
    }
    bins
}

/// Leads and MQLs of one calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthVolume {
    pub month: String,
    pub leads: u64,
    pub mqls: u64,
}

/// Leads and MQLs month by month, oldest first; empty without dates.
pub fn by_month(table: &LeadTable, scored: &Scored, threshold: i32) -> Vec<MonthVolume> {
    let Some(first) = scored.first_month else {
        return Vec::new();
    };
    let mut months: Vec<MonthVolume> = (0..scored.months as i32)
        .map(|i| MonthVolume {
            month: month_label(first + i),
            leads: 0,
            mqls: 0,
        })
        .collect();
    for (month, score) in table.months.iter().zip(&scored.scores) {
        if let Some(month) = month {
            let slot = &mut months[(month - first) as usize];
            slot.leads += 1;
            slot.mqls += u64::from(*score >= threshold);
        }
    }
    months
}

#[cfg(test)]
mod tests;
