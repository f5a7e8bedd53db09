//! What the analysis suggests for the ICP, and what the session keeps of it.

use super::{
    Analysis, Criterion, CustomerTable, DataSummary, Finding, Icp, Importance, MUST_HAVE_SHARE,
    Settings, ValueFinding, ValueStats, ratio,
};

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
