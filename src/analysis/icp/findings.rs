//! The analysis itself: the best customers, and per value of every attribute the counts,
//! lift and churn rate that make it a pattern or an anti-pattern.

use super::{
    ANTI_PATTERN_MARGIN, ANTI_PATTERN_RATIO, BLANK, Column, CustomerTable, DecimalMark, Grouping,
    Meaning, NOT_A_NUMBER, Ordering, PATTERN_LIFT, Serialize, Settings, band_label, parse_amount,
};

/// The figures for the whole file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Data rows in the file, skipped ones included.
    pub rows_read: u64,
    pub rows_skipped: u64,
    /// Why rows were skipped, most common first.
    pub skipped: Vec<SkipGroup>,
    pub customers: u64,
    pub retained: u64,
    pub churned: u64,
    pub best: u64,
    pub total_revenue: f64,
    pub best_revenue: f64,
    /// The share of all customers' revenue held by the best.
    pub best_revenue_share: f64,
    /// The lowest revenue among the best customers.
    pub best_revenue_floor: f64,
    /// Churned customers ÷ customers.
    pub churn_rate: f64,
    /// Rows kept with an unknown tenure because it could not be read.
    pub tenure_unreadable: u64,
}

/// Rows left out for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkipGroup {
    pub reason: String,
    pub count: u64,
}

/// One value (or band) of one attribute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueStats {
    pub value: String,
    pub count_all: u64,
    pub count_best: u64,
    pub count_churned: u64,
    /// count_all ÷ customers.
    pub share_all: f64,
    /// count_best ÷ best customers.
    pub share_best: f64,
    /// share_best ÷ share_all: above 1 when the value is more common among the best.
    pub lift: f64,
    /// count_churned ÷ count_all.
    pub churn_rate: f64,
    /// Held by fewer customers than the minimum count: shown, never suggested.
    pub too_rare: bool,
}

impl ValueStats {
    /// A real value, as opposed to blanks and cells that could not be banded.
    pub fn is_real(&self) -> bool {
        self.value != BLANK && self.value != NOT_A_NUMBER
    }
}

/// One attribute column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeStats {
    pub name: String,
    pub grouping: Grouping,
    pub values: Vec<ValueStats>,
}

/// A value singled out, by attribute and value index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub attribute: usize,
    pub value: usize,
}

/// The whole analysis.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Analysis {
    pub totals: Totals,
    pub attributes: Vec<AttributeStats>,
    /// Most lift first.
    pub patterns: Vec<Finding>,
    /// Highest churn rate first.
    pub anti_patterns: Vec<Finding>,
}

impl Analysis {
    pub fn value(&self, finding: Finding) -> Option<(&AttributeStats, &ValueStats)> {
        let attribute = self.attributes.get(finding.attribute)?;
        Some((attribute, attribute.values.get(finding.value)?))
    }
}

/// Who a row is in the analysis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    LeftOut,
    Retained,
    Best,
    Churned,
}

/// Runs the analysis.
pub fn analyse(table: &CustomerTable, settings: &Settings) -> Analysis {
    let mut class = vec![Class::LeftOut; table.len()];
    let mut status_left_out = vec![0u64; table.status.values.len()];
    let mut retained: Vec<u32> = Vec::new();
    let mut totals = Totals {
        rows_read: table.scan.rows_read,
        tenure_unreadable: table.tenure_unreadable,
        ..Totals::default()
    };
    for (row, &code) in table.status.codes.iter().enumerate() {
        match settings
            .status
            .get(code as usize)
            .copied()
            .unwrap_or(Meaning::Unknown)
        {
            Meaning::Churned => {
                class[row] = Class::Churned;
                totals.churned += 1;
            }
            Meaning::Active => {
                class[row] = Class::Retained;
                retained.push(row as u32);
            }
            Meaning::Unknown => status_left_out[code as usize] += 1,
        }
    }
    totals.retained = retained.len() as u64;
    totals.customers = totals.retained + totals.churned;

    // The best: the top share of the retained, by revenue, then tenure, then file order.
    let best = if retained.is_empty() {
        0
    } else {
        ((retained.len() as f64 * settings.top_share.clamp(0.0, 1.0)).ceil() as usize)
            .clamp(1, retained.len())
    };
    let tenure = |row: u32| {
        table
            .tenure
            .get(row as usize)
            .copied()
            .filter(|t| !t.is_nan())
            .unwrap_or(f64::NEG_INFINITY)
    };
    let ranking = |a: &u32, b: &u32| -> Ordering {
        let revenue = |row: &u32| table.revenue[*row as usize];
        revenue(b)
            .total_cmp(&revenue(a))
            .then_with(|| tenure(*b).total_cmp(&tenure(*a)))
            .then_with(|| a.cmp(b))
    };
    if best > 0 && best < retained.len() {
        retained.select_nth_unstable_by(best - 1, ranking);
    }
    totals.best_revenue_floor = f64::INFINITY;
    for &row in retained.iter().take(best) {
        class[row as usize] = Class::Best;
        totals.best_revenue += table.revenue[row as usize];
        totals.best_revenue_floor = totals.best_revenue_floor.min(table.revenue[row as usize]);
    }
    if best == 0 {
        totals.best_revenue_floor = 0.0;
    }
    totals.best = best as u64;
    totals.total_revenue = table
        .revenue
        .iter()
        .zip(&class)
        .filter(|(_, class)| **class != Class::LeftOut)
        .map(|(revenue, _)| revenue)
        .sum();
    totals.best_revenue_share = ratio(totals.best_revenue, totals.total_revenue);
    totals.churn_rate = ratio(totals.churned as f64, totals.customers as f64);

    totals.skipped = skip_groups(table, &status_left_out);
    totals.rows_skipped = totals.skipped.iter().map(|group| group.count).sum();

    let attributes: Vec<AttributeStats> = table
        .attributes
        .iter()
        .zip(&settings.groupings)
        .map(|(column, grouping)| attribute_stats(column, grouping, &class, &totals, settings))
        .collect();
    let (patterns, anti_patterns) = findings(&attributes, totals.churn_rate);
    Analysis {
        totals,
        attributes,
        patterns,
        anti_patterns,
    }
}

pub(super) fn ratio(part: f64, whole: f64) -> f64 {
    if whole == 0.0 { 0.0 } else { part / whole }
}

/// Rows skipped on import and rows left out for their status, most common reason first.
pub(super) fn skip_groups(table: &CustomerTable, status_left_out: &[u64]) -> Vec<SkipGroup> {
    let mut groups: Vec<SkipGroup> = table
        .scan
        .skipped
        .by_kind
        .iter()
        .map(|(reason, &count)| SkipGroup {
            reason: reason.clone(),
            count,
        })
        .collect();
    for (value, &count) in table.status.values.iter().zip(status_left_out) {
        if count > 0 {
            let reason = if value.is_empty() {
                "status is blank".to_owned()
            } else {
                format!("status “{value}” is neither churned nor active")
            };
            groups.push(SkipGroup { reason, count });
        }
    }
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    groups
}

fn attribute_stats(
    column: &Column,
    grouping: &Grouping,
    class: &[Class],
    totals: &Totals,
    settings: &Settings,
) -> AttributeStats {
    // Each distinct value maps to a group: itself, or its band.
    let (labels, group_of): (Vec<String>, Vec<usize>) = match grouping {
        Grouping::Categories => (
            column
                .values
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        BLANK.to_owned()
                    } else {
                        v.clone()
                    }
                })
                .collect(),
            (0..column.values.len()).collect(),
        ),
        Grouping::Bands(edges) => {
            let mut labels: Vec<String> = (0..=edges.len()).map(|i| band_label(edges, i)).collect();
            let blank = labels.len();
            labels.push(BLANK.to_owned());
            labels.push(NOT_A_NUMBER.to_owned());
            let mark =
                DecimalMark::guess(column.values.iter().map(String::as_str), DecimalMark::Point);
            let group_of = column
                .values
                .iter()
                .map(|value| match parse_amount(value, mark) {
                    Ok(Some(number)) => edges.partition_point(|edge| *edge <= number),
                    Ok(None) => blank,
                    Err(_) => blank + 1,
                })
                .collect();
            (labels, group_of)
        }
    };
    let mut counts = vec![[0u64; 3]; labels.len()];
    for (&code, &class) in column.codes.iter().zip(class) {
        let group = &mut counts[group_of[code as usize]];
        match class {
            Class::LeftOut => continue,
            Class::Retained => {}
            Class::Best => group[1] += 1,
            Class::Churned => group[2] += 1,
        }
        group[0] += 1;
    }
    let values = labels
        .into_iter()
        .zip(counts)
        .filter(|(_, [all, _, _])| *all > 0)
        .map(|(value, [count_all, count_best, count_churned])| {
            let share_all = ratio(count_all as f64, totals.customers as f64);
            let share_best = ratio(count_best as f64, totals.best as f64);
            ValueStats {
                value,
                count_all,
                count_best,
                count_churned,
                share_all,
                share_best,
                lift: ratio(share_best, share_all),
                churn_rate: ratio(count_churned as f64, count_all as f64),
                too_rare: count_all < settings.min_count,
            }
        });
    let mut values: Vec<ValueStats> = values.collect();
    if matches!(grouping, Grouping::Categories) {
        values.sort_by(|a, b| {
            b.count_all
                .cmp(&a.count_all)
                .then_with(|| a.value.cmp(&b.value))
        });
    }
    AttributeStats {
        name: column.name.clone(),
        grouping: grouping.clone(),
        values,
    }
}

pub(super) fn findings(
    attributes: &[AttributeStats],
    churn_rate: f64,
) -> (Vec<Finding>, Vec<Finding>) {
    let mut patterns = Vec::new();
    let mut anti_patterns = Vec::new();
    for (a, attribute) in attributes.iter().enumerate() {
        for (v, value) in attribute.values.iter().enumerate() {
            if value.too_rare || !value.is_real() {
                continue;
            }
            let finding = Finding {
                attribute: a,
                value: v,
            };
            if value.count_best > 0 && value.lift >= PATTERN_LIFT {
                patterns.push(finding);
            }
            if value.count_churned > 0
                && value.churn_rate >= churn_rate * ANTI_PATTERN_RATIO
                && value.churn_rate >= churn_rate + ANTI_PATTERN_MARGIN
            {
                anti_patterns.push(finding);
            }
        }
    }
    let stats = |f: &Finding| &attributes[f.attribute].values[f.value];
    patterns.sort_by(|a, b| {
        stats(b)
            .lift
            .total_cmp(&stats(a).lift)
            .then_with(|| stats(b).count_best.cmp(&stats(a).count_best))
    });
    anti_patterns.sort_by(|a, b| {
        stats(b)
            .churn_rate
            .total_cmp(&stats(a).churn_rate)
            .then_with(|| stats(b).count_churned.cmp(&stats(a).count_churned))
    });
    (patterns, anti_patterns)
}
