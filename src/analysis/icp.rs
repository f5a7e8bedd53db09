//! Who the best customers are, what sets them apart, and what the churned have in common.
//!
//! The best customers are the top share (20% by default) of retained customers ranked by revenue,
//! ties broken by longer tenure and then by file order, so the same file always gives the same
//! set. For every value of every attribute the analysis counts customers among all, the best and
//! the churned; a pattern is a value much more common among the best than among all (lift), an
//! anti-pattern a value whose churn rate is well above the overall rate. Every ratio comes with
//! the counts behind it, and values seen too rarely to trust are marked and never suggested.

use std::cmp::Ordering;

use serde::Serialize;

use crate::import::customers::{Column, CustomerTable};
use crate::import::money::{DecimalMark, parse_amount};
use crate::model::{Criterion, DataSummary, Icp, Importance, ValueFinding};

/// A value at least this many times more common among the best than among all is a pattern.
pub const PATTERN_LIFT: f64 = 1.5;
/// A value whose churn rate is this many times the overall rate, and at least
/// [`ANTI_PATTERN_MARGIN`] above it, is an anti-pattern.
pub const ANTI_PATTERN_RATIO: f64 = 1.5;
pub const ANTI_PATTERN_MARGIN: f64 = 0.10;
/// Combined, the values of a suggested criterion hold at least this share of the best customers
/// for it to be suggested as a must-have rather than a nice-to-have.
pub const MUST_HAVE_SHARE: f64 = 0.5;

/// The label of blank cells.
pub const BLANK: &str = "(blank)";
/// The label of cells that are not numbers in a banded column.
pub const NOT_A_NUMBER: &str = "(not a number)";

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

    fn flipped(self) -> Self {
        match self {
            Self::Churned => Self::Active,
            Self::Active => Self::Churned,
            Self::Unknown => Self::Unknown,
        }
    }
}

/// How an attribute's values are grouped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Grouping {
    /// Each distinct value is its own group.
    Categories,
    /// Numbers cut into bands at these edges, ascending; each band includes its lower edge.
    Bands(Vec<f64>),
}

/// The choices the room makes about an analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The share of retained customers counted as best, from 0 to 1.
    pub top_share: f64,
    /// A value held by fewer customers than this is marked too rare to trust.
    pub min_count: u64,
    /// The meaning of each distinct status value, by its code.
    pub status: Vec<Meaning>,
    /// One per attribute column.
    pub groupings: Vec<Grouping>,
}

impl Settings {
    /// Defaults for a table: the top 20%, usual status meanings, and bands for numeric columns.
    pub fn for_table(table: &CustomerTable) -> Self {
        let says_active = table.status.name.to_lowercase().contains("active");
        Self {
            top_share: 0.2,
            min_count: default_min_count(table.len()),
            status: table
                .status
                .values
                .iter()
                .map(|value| {
                    let meaning = Meaning::of(value);
                    // "Active: Yes" means the opposite of "Churned: Yes".
                    let yes_no = matches!(
                        value.trim().to_lowercase().as_str(),
                        "yes" | "y" | "no" | "n" | "true" | "false" | "1" | "0"
                    );
                    if says_active && yes_no {
                        meaning.flipped()
                    } else {
                        meaning
                    }
                })
                .collect(),
            groupings: table.attributes.iter().map(default_grouping).collect(),
        }
    }

    /// Marks the given values (ignoring case) as churned and every other non-blank value active.
    pub fn churned_values(&mut self, table: &CustomerTable, churned: &[String]) {
        self.status = table
            .status
            .values
            .iter()
            .map(|value| {
                if churned.iter().any(|c| c.trim().eq_ignore_ascii_case(value)) {
                    Meaning::Churned
                } else if value.is_empty() {
                    Meaning::Unknown
                } else {
                    Meaning::Active
                }
            })
            .collect();
    }
}

/// Too rare to trust: fewer than one customer in fifty, between 3 and 10 customers — a small
/// export still shows patterns, a large one needs ten customers behind a value.
pub fn default_min_count(customers: usize) -> u64 {
    (customers as u64 / 50).clamp(3, 10)
}

/// Categories for text, bands for numbers: a column is numeric when nine in ten of its non-blank
/// cells are numbers and it has more distinct values than a category list would.
pub fn default_grouping(column: &Column) -> Grouping {
    let counts = column.counts();
    let mark = DecimalMark::guess(column.values.iter().map(String::as_str), DecimalMark::Point);
    let mut numbers: Vec<(f64, u64)> = Vec::new();
    let (mut filled, mut numeric) = (0u64, 0u64);
    for (value, &count) in column.values.iter().zip(&counts) {
        if value.is_empty() {
            continue;
        }
        filled += count;
        if let Ok(Some(number)) = parse_amount(value, mark) {
            numeric += count;
            numbers.push((number, count));
        }
    }
    if filled == 0 || numeric * 10 < filled * 9 || numbers.len() <= 12 {
        return Grouping::Categories;
    }
    Grouping::Bands(default_edges(&mut numbers))
}

/// Band edges near the quartiles, rounded to 1, 2 or 5 times a power of ten.
fn default_edges(numbers: &mut [(f64, u64)]) -> Vec<f64> {
    numbers.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = numbers.iter().map(|(_, count)| count).sum();
    let (Some(&(min, _)), Some(&(max, _))) = (numbers.first(), numbers.last()) else {
        return Vec::new();
    };
    let mut edges: Vec<f64> = Vec::new();
    for quarter in 1..4 {
        let target = total * quarter / 4;
        let mut seen = 0;
        let quantile = numbers
            .iter()
            .find(|(_, count)| {
                seen += count;
                seen > target
            })
            .map_or(max, |(value, _)| *value);
        let edge = nice(quantile);
        if edge > min && edge <= max && edges.last().is_none_or(|last| edge > *last) {
            edges.push(edge);
        }
    }
    edges
}

/// The nearest of 1, 2 and 5 times a power of ten (in ratio).
fn nice(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return value.max(0.0);
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .min_by(|a, b| (a / value).ln().abs().total_cmp(&(b / value).ln().abs()))
        .unwrap_or(value)
}

/// Parses band edges as the facilitator types them: "50, 200, 1000" or "50 200 1 000".
pub fn parse_edges(text: &str) -> Result<Vec<f64>, NotANumber> {
    let mut edges = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match parse_amount(part, DecimalMark::Point) {
            Ok(Some(edge)) => edges.push(edge),
            _ => return Err(NotANumber(part.to_owned())),
        }
    }
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    Ok(edges)
}

/// A band edge that does not read as a number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a number")]
pub struct NotANumber(pub String);

/// A number as a band edge is written: 1,000 or 2.5.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs() as u64);
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if value < 0.0 {
            grouped.insert(0, '-');
        }
        grouped
    } else {
        format!("{value:.2}")
    }
}

/// The label of band `index` of `edges`: "< 50", "50–200", "≥ 1,000".
pub fn band_label(edges: &[f64], index: usize) -> String {
    match (
        index.checked_sub(1).and_then(|i| edges.get(i)),
        edges.get(index),
    ) {
        (None, Some(upper)) => format!("< {}", format_number(*upper)),
        (Some(lower), Some(upper)) => {
            format!("{}–{}", format_number(*lower), format_number(*upper))
        }
        (Some(lower), None) => format!("≥ {}", format_number(*lower)),
        (None, None) => "All".to_owned(),
    }
}

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

fn ratio(part: f64, whole: f64) -> f64 {
    if whole == 0.0 { 0.0 } else { part / whole }
}

/// Rows skipped on import and rows left out for their status, most common reason first.
fn skip_groups(table: &CustomerTable, status_left_out: &[u64]) -> Vec<SkipGroup> {
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

fn findings(attributes: &[AttributeStats], churn_rate: f64) -> (Vec<Finding>, Vec<Finding>) {
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

/// Criteria the data suggests: per attribute, one criterion naming its pattern values (a
/// must-have when together they cover half the best customers or more), and one exclusion naming
/// its anti-pattern values.
pub fn suggestions(analysis: &Analysis) -> Vec<Criterion> {
    let mut criteria = Vec::new();
    for (a, attribute) in analysis.attributes.iter().enumerate() {
        let pick = |list: &[Finding]| -> Vec<&ValueStats> {
            list.iter()
                .filter(|f| f.attribute == a)
                .map(|f| &attribute.values[f.value])
                .collect()
        };
        let patterns = pick(&analysis.patterns);
        if !patterns.is_empty() {
            let best: u64 = patterns.iter().map(|v| v.count_best).sum();
            let all: u64 = patterns.iter().map(|v| v.count_all).sum();
            let share_best = ratio(best as f64, analysis.totals.best as f64);
            let share_all = ratio(all as f64, analysis.totals.customers as f64);
            criteria.push(Criterion {
                attribute: attribute.name.clone(),
                values: patterns.iter().map(|v| v.value.clone()).collect(),
                importance: if share_best >= MUST_HAVE_SHARE {
                    Importance::MustHave
                } else {
                    Importance::NiceToHave
                },
                rationale: format!(
                    "{best} of {} best customers ({}) against {} of all customers: lift {:.1}.",
                    analysis.totals.best,
                    percent(share_best),
                    percent(share_all),
                    ratio(share_best, share_all),
                ),
                ..Criterion::default()
            });
        }
        let anti = pick(&analysis.anti_patterns);
        if !anti.is_empty() {
            let churned: u64 = anti.iter().map(|v| v.count_churned).sum();
            let all: u64 = anti.iter().map(|v| v.count_all).sum();
            criteria.push(Criterion {
                attribute: attribute.name.clone(),
                values: anti.iter().map(|v| v.value.clone()).collect(),
                importance: Importance::Exclude,
                rationale: format!(
                    "{churned} of {all} churned ({}) against {} overall.",
                    percent(ratio(churned as f64, all as f64)),
                    percent(analysis.totals.churn_rate),
                ),
                ..Criterion::default()
            });
        }
    }
    criteria
}

/// A share as a whole percentage, or with one decimal below 10%.
pub fn percent(share: f64) -> String {
    let value = share * 100.0;
    if value != 0.0 && value.abs() < 10.0 {
        format!("{value:.1}%")
    } else {
        format!("{value:.0}%")
    }
}

/// What the session keeps of an analysis: the source, the totals and the findings, never rows.
pub fn summary(table: &CustomerTable, analysis: &Analysis, settings: &Settings) -> DataSummary {
    let t = &analysis.totals;
    let finding = |f: &Finding, anti_pattern: bool| {
        analysis.value(*f).map(|(attribute, v)| ValueFinding {
            attribute: attribute.name.clone(),
            value: v.value.clone(),
            count_all: v.count_all,
            count_best: v.count_best,
            count_churned: v.count_churned,
            lift: v.lift,
            churn_rate: v.churn_rate,
            anti_pattern,
        })
    };
    DataSummary {
        source_file: table.scan.file_name.clone(),
        revenue_column: table.revenue_column.clone(),
        status_column: table.status.name.clone(),
        attributes: table.attributes.iter().map(|c| c.name.clone()).collect(),
        content_hash: table.scan.content_hash.clone(),
        rows_read: t.rows_read,
        rows_skipped: t.rows_skipped,
        customers: t.customers,
        retained: t.retained,
        best: t.best,
        top_share: settings.top_share,
        best_revenue_share: t.best_revenue_share,
        churn_rate: t.churn_rate,
        findings: (analysis.patterns.iter().filter_map(|f| finding(f, false)))
            .chain(
                analysis
                    .anti_patterns
                    .iter()
                    .filter_map(|f| finding(f, true)),
            )
            .collect(),
        rejected: Vec::new(),
    }
}

/// The key under which a suggestion is remembered as rejected: its attribute and direction.
pub fn suggestion_key(criterion: &Criterion) -> String {
    let direction = if criterion.importance == Importance::Exclude {
        "exclude"
    } else {
        "include"
    };
    format!("{}/{direction}", criterion.attribute)
}

/// Whether the ICP already answers a suggestion: a criterion on the same attribute in the same
/// direction, or a rejection.
pub fn is_settled(icp: &Icp, suggestion: &Criterion) -> bool {
    let key = suggestion_key(suggestion);
    icp.criteria.iter().any(|c| suggestion_key(c) == key)
        || icp.data.as_ref().is_some_and(|d| d.rejected.contains(&key))
}
