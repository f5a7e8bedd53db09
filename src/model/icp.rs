//! The ideal customer profile: written criteria, anti-patterns and what the data showed.

use serde::{Deserialize, Serialize};

use super::ids::{AntiPatternId, CriterionId};
use super::signatures::Signatures;
use super::signoff::SignOffs;

/// How strongly a criterion decides whether an account fits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Importance {
    /// An account without it is not in the ICP.
    #[default]
    MustHave,
    /// Makes an account a better fit, but is not required.
    NiceToHave,
    /// An account with it is out, whatever else it has.
    Exclude,
}

impl Importance {
    pub fn label(self) -> &'static str {
        match self {
            Self::MustHave => "Must have",
            Self::NiceToHave => "Nice to have",
            Self::Exclude => "Exclude",
        }
    }
}

/// One written ICP criterion, such as "Industry is SaaS or Fintech".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Criterion {
    pub id: CriterionId,
    /// The attribute judged: industry, company size, tech stack, org structure…
    pub attribute: String,
    pub values: Vec<String>,
    pub importance: Importance,
    /// Why the room chose it: the evidence or the experience behind it.
    pub rationale: String,
}

/// A trait shared by customers who churned or struggled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AntiPattern {
    pub id: AntiPatternId,
    pub description: String,
    pub evidence: String,
}

/// One attribute value as seen in the imported customers.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueFinding {
    pub attribute: String,
    pub value: String,
    #[serde(deserialize_with = "super::bounds::count")]
    pub count_all: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub count_best: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub count_churned: u64,
    #[serde(deserialize_with = "super::bounds::lift")]
    pub lift: f64,
    #[serde(deserialize_with = "super::bounds::share")]
    pub churn_rate: f64,
    /// Found for its churn rate (an anti-pattern), not for its lift among the best.
    pub anti_pattern: bool,
}

/// What an import of customer data showed. The rows themselves are never stored.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DataSummary {
    /// File name of the import, without its folder.
    pub source_file: String,
    /// The columns used for revenue and status, and the attributes compared.
    pub revenue_column: String,
    pub status_column: String,
    pub attributes: Vec<String>,
    /// SHA-256 of the file's bytes, in hex, so the room can tell which export it used.
    pub content_hash: String,
    #[serde(deserialize_with = "super::bounds::count")]
    pub rows_read: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub rows_skipped: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub customers: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub retained: u64,
    #[serde(deserialize_with = "super::bounds::count")]
    pub best: u64,
    /// The share of retained customers counted as best (0.2 for the top 20%).
    #[serde(deserialize_with = "super::bounds::share")]
    pub top_share: f64,
    /// The share of total revenue held by the best customers.
    #[serde(deserialize_with = "super::bounds::share")]
    pub best_revenue_share: f64,
    #[serde(deserialize_with = "super::bounds::share")]
    pub churn_rate: f64,
    /// The patterns and anti-patterns the room saw.
    pub findings: Vec<ValueFinding>,
    /// Suggestions the room turned down, as "attribute/include" or "attribute/exclude", so they
    /// are not offered again.
    pub rejected: Vec<String>,
}

/// The ICP document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Icp {
    /// The ICP in a few sentences, as the room would say it.
    pub statement: String,
    /// Each team's wording of the statement, side by side while the room merges them. Left
    /// out of the file when there are none, so a file without them reads as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<super::Proposal>,
    pub criteria: Vec<Criterion>,
    pub anti_patterns: Vec<AntiPattern>,
    pub data: Option<DataSummary>,
    /// Each team's signatures on the ICP.
    pub signatures: Signatures,
    /// Sign-offs as format 1 wrote them: read, and turned into signatures, on load.
    #[serde(skip_serializing)]
    pub sign_offs: SignOffs,
}

impl Icp {
    /// The attributes its criteria judge ("Industry", "Employees"), for matching imported columns.
    pub fn attributes(&self) -> Vec<&str> {
        self.criteria.iter().map(|c| c.attribute.as_str()).collect()
    }
}

impl PartialEq for ValueFinding {
    fn eq(&self, other: &Self) -> bool {
        // Every field by name: a field added later will not compile until it is compared.
        let Self {
            attribute,
            value,
            count_all,
            count_best,
            count_churned,
            lift,
            churn_rate,
            anti_pattern,
        } = self;
        *attribute == other.attribute
            && *value == other.value
            && *count_all == other.count_all
            && *count_best == other.count_best
            && *count_churned == other.count_churned
            && super::same_number(*lift, other.lift)
            && super::same_number(*churn_rate, other.churn_rate)
            && *anti_pattern == other.anti_pattern
    }
}

impl PartialEq for DataSummary {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            source_file,
            revenue_column,
            status_column,
            attributes,
            content_hash,
            rows_read,
            rows_skipped,
            customers,
            retained,
            best,
            top_share,
            best_revenue_share,
            churn_rate,
            findings,
            rejected,
        } = self;
        *source_file == other.source_file
            && *revenue_column == other.revenue_column
            && *status_column == other.status_column
            && *attributes == other.attributes
            && *content_hash == other.content_hash
            && *rows_read == other.rows_read
            && *rows_skipped == other.rows_skipped
            && *customers == other.customers
            && *retained == other.retained
            && *best == other.best
            && super::same_number(*top_share, other.top_share)
            && super::same_number(*best_revenue_share, other.best_revenue_share)
            && super::same_number(*churn_rate, other.churn_rate)
            && *findings == other.findings
            && *rejected == other.rejected
    }
}
